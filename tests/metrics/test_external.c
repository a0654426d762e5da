/* test_external.c — a result counted by another engine (zx_metrics_result_new/add/rollup/
 * add_hit, what sqlgen fills for the web server on a cluster) reads like one of
 * zx_metrics_eval: the same terms, periods and scope, units rolled up along the loaded tree
 * once, handlers kept apart, drill-down hits in order. */
#include "metrics_fixture.h"

static void t_external(void **state)
{
    (void)state;
    struct fx *f = fx_tree();
    fx_case(f, "C1", "A1", "criminal", "2024-01-01", NULL, "S3");
    fx_load(f);
    int row = zx_catalog_find(f->cat, "no_arrest_rate");
    assert_true(row >= 0);
    const int *num, *den;
    int nn = zx_catalog_row_terms(f->cat, row, 0, &num);
    int nd = zx_catalog_row_terms(f->cat, row, 1, &den);
    assert_true(nn >= 1 && nd >= 1);
    /* a denominator term that is not the numerator's, and whether the numerator's is one
     * of the denominator's too (no_arrest / (arrest + no_arrest)) */
    int dterm = -1, shared = 0;
    for (int j = 0; j < nd; j++) {
        shared |= den[j] == num[0];
        if (den[j] != num[0] && dterm < 0)
            dterm = den[j];
    }
    assert_true(dterm >= 0);
    int32_t from[2] = {fx_date("2024-01-01"), fx_date("2024-07-01")};
    int32_t to[2] = {fx_date("2024-06-30"), fx_date("2024-12-31")};
    int32_t r0 = zx_metrics_unit_find(f->m, "R"), a = zx_metrics_unit_find(f->m, "A"),
            a1 = zx_metrics_unit_find(f->m, "A1"), b = zx_metrics_unit_find(f->m, "B");
    int32_t s3 = zx_metrics_staff_find(f->m, "S3"), s2 = zx_metrics_staff_find(f->m, "S2");
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = -1,
                                 .from = from,
                                 .to = to,
                                 .nperiods = 2,
                                 .rows = &row,
                                 .nrows = 1,
                                 .by_staff = 1,
                                 .collect = 1,
                                 .collect_row = row,
                                 .collect_part = ZX_PART_NUMERATOR,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_metrics_result_new(f->m, &q, &r, &err), ZX_OK);
    /* per unit, not rolled up: A1 3/10 and B 1/4 in period 1, A 2/2 in period 0 */
    zx_metrics_result_add(r, num[0], 1, a1, -1, 3);
    zx_metrics_result_add(r, dterm, 1, a1, -1, 10);
    zx_metrics_result_add(r, num[0], 1, b, -1, 1);
    zx_metrics_result_add(r, dterm, 1, b, -1, 4);
    zx_metrics_result_add(r, num[0], 0, a, -1, 2);
    zx_metrics_result_add(r, dterm, 0, a, -1, 2);
    zx_metrics_result_add(r, dterm, 2, a, -1, 99); /* no period 2: ignored */
    zx_metrics_result_add(r, num[0], 1, -1, s3, 3);
    zx_metrics_result_add(r, dterm, 1, -1, s3, 10);
    zx_metrics_result_set_active(r, s3);
    zx_metrics_result_rollup(r, f->m);
    int64_t n, d;
    assert_int_equal(zx_metrics_get(r, row, 1, r0, &n, &d), 0);
    assert_int_equal(n, 4);
    assert_int_equal(d, 14 + (shared ? 4 : 0));
    assert_int_equal(zx_metrics_get(r, row, 1, a, &n, &d), 0);
    assert_int_equal(n, 3);
    assert_int_equal(d, 10 + (shared ? 3 : 0));
    assert_int_equal(zx_metrics_get(r, row, 0, r0, &n, &d), 0);
    assert_int_equal(n, 2);
    assert_int_equal(d, 2 + (shared ? 2 : 0));
    assert_int_equal(zx_metrics_get(r, row, 0, b, &n, &d), 0);
    assert_int_equal(n + d, 0);
    assert_int_equal(zx_metrics_get_staff(r, row, 1, s3, &n, &d), 0);
    assert_int_equal(n, 3);
    assert_int_equal(d, 10 + (shared ? 3 : 0));
    assert_true(zx_metrics_staff_active(r, s3));
    assert_false(zx_metrics_staff_active(r, s2));
    /* a row that was not asked for has no terms in the result */
    int other = zx_catalog_find(f->cat, "plea_rate");
    assert_true(other >= 0);
    assert_int_equal(zx_metrics_get(r, other, 0, r0, &n, &d), -1);
    struct zx_metrics_hit h = {.term_slot = 0, .counting = 1, .case_rid = 7, .person_rid = 9};
    for (int i = 0; i < 100; i++) {
        h.event_rid = i + 1;
        assert_int_equal(zx_metrics_result_add_hit(r, &h), ZX_OK);
    }
    const struct zx_metrics_hit *hits;
    assert_int_equal(zx_metrics_hits(r, &hits), 100);
    assert_int_equal(hits[99].event_rid, 100);
    assert_int_equal(hits[0].person_rid, 9);
    zx_metrics_result_free(r);

    /* a scope below the root: units outside it are ignored */
    q.unit = a;
    q.collect = 0;
    assert_int_equal(zx_metrics_result_new(f->m, &q, &r, &err), ZX_OK);
    zx_metrics_result_add(r, num[0], 0, b, -1, 5);
    zx_metrics_result_add(r, num[0], 0, a1, -1, 1);
    zx_metrics_result_rollup(r, f->m);
    assert_int_equal(zx_metrics_get(r, row, 0, a, &n, &d), 0);
    assert_int_equal(n, 1);
    assert_int_equal(zx_metrics_get(r, row, 0, b, &n, &d), -1);
    zx_metrics_result_free(r);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_external),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
