/* test_compare.c — comparisons (compare.h, spec §6): ranks and tiers by thirds with
 * direction and ties, context never ranked, target gaps, the parent's value, structure
 * deviation, department sums equal to the sums of their handlers, the settings store, and
 * the table and CSV of `indicators` with the comparison columns. */
#include "metrics_fixture.h"
#include "metrics/compare.h"
#include "store/settings.h"

#include <math.h>

static void t_rank_higher(void **state)
{
    (void)state;
    /* 6 units, higher is better: 0.9 0.8 0.8 0.5 0.2 and one without a value */
    int64_t num[] = {9, 8, 4, 5, 2, 0}, den[] = {10, 10, 5, 10, 10, 0};
    int rank[6], tier[6], m;
    zx_compare_rank(num, den, 6, ZX_DIR_HIGHER, rank, tier, &m);
    assert_int_equal(m, 5);
    int er[] = {1, 2, 2, 4, 5, 0};
    /* tier = floor(3 (rank-1) / 5) + 1: ranks 1,2 → 上游; 2 (tie) → 上游; 4 → 中游; 5 → 下游 */
    int et[] = {ZX_TIER_UPPER,  ZX_TIER_UPPER, ZX_TIER_UPPER,
                ZX_TIER_MIDDLE, ZX_TIER_LOWER, ZX_TIER_NONE};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(rank[i], er[i]);
        assert_int_equal(tier[i], et[i]);
    }
    assert_string_equal(zx_compare_tier_label(ZX_TIER_UPPER), "上游");
    assert_string_equal(zx_compare_tier_label(ZX_TIER_MIDDLE), "中游");
    assert_string_equal(zx_compare_tier_label(ZX_TIER_LOWER), "下游");
}

static void t_rank_lower_thirds(void **state)
{
    (void)state;
    /* 9 units, lower is better: values 1..9 /10, given in reverse */
    int64_t num[9], den[9];
    for (int i = 0; i < 9; i++) {
        num[i] = 9 - i;
        den[i] = 10;
    }
    int rank[9], tier[9];
    zx_compare_rank(num, den, 9, ZX_DIR_LOWER, rank, tier, NULL);
    for (int i = 0; i < 9; i++) {
        assert_int_equal(rank[i], 9 - i);
        /* exact thirds: ranks 1-3 上游, 4-6 中游, 7-9 下游 */
        int want = rank[i] <= 3 ? ZX_TIER_UPPER : rank[i] <= 6 ? ZX_TIER_MIDDLE : ZX_TIER_LOWER;
        assert_int_equal(tier[i], want);
    }
    /* ties across a boundary share the better tier: 1, 1, 1, 1 of 4 */
    int64_t n4[] = {1, 1, 1, 1}, d4[] = {2, 2, 2, 2};
    zx_compare_rank(n4, d4, 4, ZX_DIR_LOWER, rank, tier, NULL);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(rank[i], 1);
        assert_int_equal(tier[i], ZX_TIER_UPPER);
    }
    /* equal fractions are equal: 1/3 and 2/6 tie */
    int64_t nf[] = {1, 2, 1}, df[] = {3, 6, 2};
    zx_compare_rank(nf, df, 3, ZX_DIR_HIGHER, rank, tier, NULL);
    assert_int_equal(rank[2], 1);
    assert_int_equal(rank[0], 2);
    assert_int_equal(rank[1], 2);
    /* fewer than three ranked: ranks, no tiers */
    int64_t n2[] = {1, 2}, d2[] = {4, 4};
    zx_compare_rank(n2, d2, 2, ZX_DIR_HIGHER, rank, tier, NULL);
    assert_int_equal(rank[1], 1);
    assert_int_equal(rank[0], 2);
    assert_int_equal(tier[0], ZX_TIER_NONE);
    assert_int_equal(tier[1], ZX_TIER_NONE);
}

static void t_rank_context(void **state)
{
    (void)state;
    int64_t num[] = {1, 2, 3}, den[] = {4, 4, 4};
    int rank[3] = {9, 9, 9}, tier[3] = {9, 9, 9}, m = 9;
    zx_compare_rank(num, den, 3, ZX_DIR_CONTEXT, rank, tier, &m);
    assert_int_equal(m, 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rank[i], 0);
        assert_int_equal(tier[i], ZX_TIER_NONE);
    }
}

static void t_shape_and_gap(void **state)
{
    (void)state;
    /* 84:7:5:4 against 80:10:5:5 → points +4 -3 0 -1, distance 4 */
    int64_t a[] = {84, 7, 5, 4}, b[] = {160, 20, 10, 10};
    double pts[4], dist;
    assert_int_equal(zx_compare_shape(a, b, 4, pts, &dist), 0);
    assert_true(fabs(pts[0] - 4) < 1e-9 && fabs(pts[1] + 3) < 1e-9 && fabs(pts[2]) < 1e-9 &&
                fabs(pts[3] + 1) < 1e-9);
    assert_true(fabs(dist - 4) < 1e-9);
    /* nothing in common: 100 */
    int64_t x[] = {5, 0}, y[] = {0, 7};
    assert_int_equal(zx_compare_shape(x, y, 2, NULL, &dist), 0);
    assert_true(fabs(dist - 100) < 1e-9);
    int64_t z[] = {0, 0};
    assert_int_equal(zx_compare_shape(z, y, 2, pts, &dist), -1);
    assert_true(isnan(dist));

    struct zx_catalog_row hi = {.direction = ZX_DIR_HIGHER, .display = ZX_DISP_PERCENT};
    struct zx_catalog_row lo = {.direction = ZX_DIR_LOWER, .display = ZX_DISP_CASE_RATIO};
    struct zx_catalog_row cx = {.direction = ZX_DIR_CONTEXT, .display = ZX_DISP_PERCENT};
    int met;
    assert_true(fabs(zx_compare_gap(&hi, 0.9, 0.95, &met) + 5) < 1e-9);
    assert_int_equal(met, 0);
    assert_true(fabs(zx_compare_gap(&hi, 0.95, 0.95, &met)) < 1e-9);
    assert_int_equal(met, 1);
    assert_true(fabs(zx_compare_gap(&lo, 1.38, 1.30, &met) - 0.08) < 1e-9);
    assert_int_equal(met, 0);
    zx_compare_gap(&lo, 1.2, 1.30, &met);
    assert_int_equal(met, 1);
    zx_compare_gap(&cx, 0.2, 0.3, &met);
    assert_int_equal(met, -1);
}

/* Province P with cities A, B, C; A has counties A1..A3. Non-arrest figures (pretrial
 * detention rate is `lower`): A1 1 of 2 concluded arrested, A2 2 of 2, A3 0 of 2. */
static struct fx *tree(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "P", NULL);
    fx_unit(f, "A", "P");
    fx_unit(f, "A1", "A");
    fx_unit(f, "A2", "A");
    fx_unit(f, "A3", "A");
    fx_unit(f, "B", "P");
    fx_unit(f, "C", "P");
    /* two departments in A1: handlers X and Y in 第一检察部, Z in 第二检察部 */
    fx_staff(f, "X", "A1");
    fx_staff(f, "Y", "A1");
    fx_addf(&f->staff, "Z,A1,Staff Z,第二检察部,prosecutor,0\n");
    fx_staff(f, "W2", "A2");
    fx_staff(f, "W3", "A3");
    fx_staff(f, "WB", "B");
    static const struct {
        const char *unit, *h;
        int arrested[2];
        const char *kinds[2];
    } cs[] = {{"A1", "X", {1, 0}, {"indict", "non_prosecution"}},
              {"A2", "W2", {1, 1}, {"indict", "indict"}},
              {"A3", "W3", {0, 0}, {"indict", "non_prosecution"}},
              {"B", "WB", {1, 0}, {"indict", "indict"}}};
    char id[32], pid[32], eid[32];
    int e = 0;
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        snprintf(id, sizeof id, "C%zu", c);
        fx_case(f, id, cs[c].unit, "criminal", "2024-01-05", "2024-06-01", cs[c].h);
        for (int p = 0; p < 2; p++) {
            snprintf(pid, sizeof pid, "P%zu_%d", c, p);
            fx_person(f, pid, id);
            if (cs[c].arrested[p]) {
                snprintf(eid, sizeof eid, "E%d", e++);
                fx_event(f, eid, id, pid, "arrest", "2024-02-01", NULL, NULL, NULL);
            }
            snprintf(eid, sizeof eid, "E%d", e++);
            /* in A1 the second person's conclusion is Y's, and Z decides a no-arrest */
            fx_event(f, eid, id, pid, cs[c].kinds[p], "2024-05-01", NULL,
                     c == 0 && p == 1 ? "Y" : NULL, NULL);
        }
    }
    fx_event(f, "EZ", "C0", "P0_1", "no_arrest", "2024-01-20", NULL, "Z", NULL);
    fx_load(f);
    return f;
}

static void t_unit_rank_and_parent(void **state)
{
    (void)state;
    struct fx *f = tree();
    int row = zx_catalog_find(f->cat, "pretrial_detention_rate");
    int32_t from = fx_date("2024-01-01"), to = fx_date("2024-12-31");
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = zx_metrics_unit_find(f->m, "A"),
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = &row,
                                 .nrows = 1,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_metrics_eval(f->m, &q, &r, &err), 0);
    const struct zx_catalog_row *cr = zx_catalog_row(f->cat, row);
    int rk, n, tier;
    /* lower is better: A3 0% rank 1, A1 50% rank 2, A2 100% rank 3 */
    assert_int_equal(
        zx_compare_unit_rank(f->m, r, cr, row, 0, zx_metrics_unit_find(f->m, "A3"), &rk, &n, &tier),
        0);
    assert_int_equal(rk, 1);
    assert_int_equal(n, 3);
    assert_int_equal(tier, ZX_TIER_UPPER);
    zx_compare_unit_rank(f->m, r, cr, row, 0, zx_metrics_unit_find(f->m, "A2"), &rk, &n, &tier);
    assert_int_equal(rk, 3);
    assert_int_equal(tier, ZX_TIER_LOWER);
    /* A is the root of this result's scope: its parent is out of scope */
    assert_int_equal(
        zx_compare_unit_rank(f->m, r, cr, row, 0, zx_metrics_unit_find(f->m, "A"), &rk, &n, &tier),
        -1);
    zx_metrics_result_free(r);
    /* the parent's value: A = 3 of 6 = A1 + A2 + A3 */
    FX_EXPECT(f, "pretrial_detention_rate", "A", "2024-01-01", "2024-12-31", 3, 6);
    fx_free(f);
}

static char *report(struct fx *f, const char *unit, int by, int format, const struct zx_settings *s,
                    const struct zx_departments *d, const char *const *ids, int nids)
{
    int rows[64], n = 0;
    for (int i = 0; i < nids; i++)
        n += zx_catalog_select(f->cat, ids[i], rows + n, 64 - n);
    struct zx_report_opts o = {.cat = f->cat,
                               .unit = unit ? zx_metrics_unit_find(f->m, unit) : -1,
                               .by = by,
                               .rows = rows,
                               .nrows = n,
                               .from = fx_date("2024-01-01"),
                               .to = fx_date("2024-12-31"),
                               .format = format,
                               .compare = 1,
                               .settings = s,
                               .departments = d};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    struct zx_err err = {0};
    int rc = zx_report_indicators(out, f->m, &o, &err);
    fclose(out);
    if (rc)
        fail_msg("report: %s", err.msg);
    return buf;
}

static void t_settings_and_csv(void **state)
{
    (void)state;
    struct fx *f = tree();
    struct zx_err err = {0};
    /* the store: ranking off by default, on per unit; targets by date */
    int on = 1;
    assert_int_equal(zx_settings_get_ranking(f->st, "A", &on, &err), 0);
    assert_int_equal(on, 0);
    assert_int_equal(zx_settings_set_ranking(f->st, "A", 1, &err), 0);
    assert_int_equal(zx_settings_set_ranking(f->st, "nope", 1, &err), ZX_ENOTFOUND);
    struct zx_target t = {.effective_from = ZX_SETTINGS_ALWAYS, .value = 0.4};
    snprintf(t.unit_id, sizeof t.unit_id, "A1");
    snprintf(t.indicator, sizeof t.indicator, "pretrial_detention_rate");
    assert_int_equal(zx_settings_target_set(f->st, &t, &err), 0);
    t.effective_from = fx_date("2025-01-01");
    t.value = 0.3;
    assert_int_equal(zx_settings_target_set(f->st, &t, &err), 0);
    struct zx_settings *s = NULL;
    assert_int_equal(zx_settings_load(f->st, &s, &err), 0);
    assert_true(zx_settings_ranking(s, "A"));
    assert_false(zx_settings_ranking(s, "P"));
    double v;
    assert_int_equal(
        zx_settings_target(s, "A1", "pretrial_detention_rate", fx_date("2024-12-31"), &v), 1);
    assert_true(v == 0.4);
    assert_int_equal(
        zx_settings_target(s, "A1", "pretrial_detention_rate", fx_date("2025-03-01"), &v), 1);
    assert_true(v == 0.3);
    assert_int_equal(zx_settings_target(s, "A2", "pretrial_detention_rate", 0, &v), 0);

    /* CSV: parent value, rank among siblings (A turned ranking on), target and gap */
    static const char *const ids[] = {"pretrial_detention_rate", "no_arrest_rate"};
    char *out = report(f, "A", ZX_BY_UNIT, ZX_REPORT_CSV, s, NULL, ids, 2);
    assert_non_null(strstr(out, ",parent_unit_id,parent_value,rank,ranked,tier,target,gap\n"));
    /* A1: 1/2 against A's 3/6; rank 2 of 3 中游; target 40%: gap +10 points */
    assert_non_null(strstr(out, "pretrial_detention_rate,诉前羁押率,A1,,2024-01-01,2024-12-31,1,2,"
                                "0.5,A,0.5,2,3,中游,0.4,10\n"));
    assert_non_null(strstr(out, "pretrial_detention_rate,诉前羁押率,A2,,2024-01-01,2024-12-31,2,2,"
                                "1,A,0.5,3,3,下游,,\n"));
    /* context: never ranked */
    assert_non_null(
        strstr(out, "no_arrest_rate,不捕率,A1,,2024-01-01,2024-12-31,1,2,0.5,A,0.25,,,,,\n"));
    /* A's parent P has not turned ranking on: A has a parent value, no rank */
    assert_non_null(strstr(out, "pretrial_detention_rate,诉前羁押率,A,,2024-01-01,2024-12-31,3,6,"
                                "0.5,P,0.5,,,,,\n"));
    free(out);
    /* the table shows the same in its columns */
    out = report(f, "A", ZX_BY_UNIT, ZX_REPORT_TABLE, s, NULL, ids, 2);
    assert_non_null(strstr(out, "上级值"));
    assert_non_null(strstr(out, "2/3"));
    assert_non_null(strstr(out, "中游"));
    assert_non_null(strstr(out, "+10.00 未达"));
    free(out);
    /* JSON never changes shape */
    out = report(f, "A", ZX_BY_UNIT, ZX_REPORT_JSON, s, NULL, ids, 1);
    assert_null(strstr(out, "parent"));
    assert_null(strstr(out, "rank"));
    free(out);
    /* without the switch nothing is ranked */
    assert_int_equal(zx_settings_put_ranking(s, "A", 0), 0);
    out = report(f, "A", ZX_BY_UNIT, ZX_REPORT_CSV, s, NULL, ids, 1);
    assert_non_null(strstr(out, ",1,2,0.5,A,0.5,,,,0.4,10\n"));
    free(out);
    /* clearing */
    int removed;
    assert_int_equal(zx_settings_target_clear(f->st, "A1", NULL, 0, 1, &removed, &err), 0);
    assert_int_equal(removed, 2);
    zx_settings_free(s);
    fx_free(f);
}

static void t_structure_deviation_row(void **state)
{
    (void)state;
    struct fx *f = tree();
    static const char *const ids[] = {"duty_structure"};
    char *out = report(f, "A1", ZX_BY_NONE, ZX_REPORT_TABLE, NULL, NULL, ids, 1);
    /* every case is criminal in A1 and in A: the shapes agree */
    assert_non_null(strstr(out, "履职结构比·偏离度"));
    assert_non_null(strstr(out, "0.00"));
    free(out);
    fx_free(f);
}

static void t_departments(void **state)
{
    (void)state;
    struct fx *f = tree();
    struct zx_departments *d = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_compare_departments(f->st, f->m, &d, &err), 0);
    int32_t nd = zx_compare_department_count(d);
    assert_true(nd >= 5);
    int rows[4], n = 0;
    n += zx_catalog_select(f->cat, "pretrial_detention_rate", rows + n, 4 - n);
    n += zx_catalog_select(f->cat, "no_arrest_rate", rows + n, 4 - n);
    int32_t from = fx_date("2024-01-01"), to = fx_date("2024-12-31");
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = -1,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = rows,
                                 .nrows = n,
                                 .by_staff = 1,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    assert_int_equal(zx_metrics_eval(f->m, &q, &r, &err), 0);
    /* every department equals the sum of its handlers; all departments equal all handlers */
    for (int j = 0; j < n; j++) {
        int64_t dn = 0, dd = 0, sn = 0, sd = 0;
        for (int32_t k = 0; k < nd; k++) {
            int64_t a, b, ha = 0, hb = 0;
            assert_int_equal(zx_compare_department_get(d, r, rows[j], 0, k, &a, &b), 0);
            for (int32_t s = 0; s < zx_metrics_staff(f->m); s++) {
                int64_t x, y;
                /* membership by unit and name, read back through the public API */
                if (zx_metrics_staff_unit(f->m, s) != zx_compare_department_unit(d, k))
                    continue;
                const char *sid = zx_metrics_staff_id(f->m, s);
                int in_second = !strcmp(sid, "Z");
                int second = !strcmp(zx_compare_department_name(d, k), "第二检察部");
                if (in_second != second)
                    continue;
                zx_metrics_get_staff(r, rows[j], 0, s, &x, &y);
                ha += x;
                hb += y;
            }
            assert_int_equal(a, ha);
            assert_int_equal(b, hb);
            dn += a;
            dd += b;
        }
        for (int32_t s = 0; s < zx_metrics_staff(f->m); s++) {
            int64_t x, y;
            zx_metrics_get_staff(r, rows[j], 0, s, &x, &y);
            sn += x;
            sd += y;
        }
        assert_int_equal(dn, sn);
        assert_int_equal(dd, sd);
    }
    /* A1's 第一检察部 (X and Y): pretrial detention 1 of 2 concluded; 第二检察部 (Z): the
     * no-arrest only */
    int row = zx_catalog_find(f->cat, "pretrial_detention_rate");
    int nar = zx_catalog_find(f->cat, "no_arrest_rate");
    int found = 0;
    for (int32_t k = 0; k < nd; k++) {
        if (zx_compare_department_unit(d, k) != zx_metrics_unit_find(f->m, "A1"))
            continue;
        int64_t a, b;
        zx_compare_department_get(d, r, row, 0, k, &a, &b);
        if (!strcmp(zx_compare_department_name(d, k), "第一检察部")) {
            assert_int_equal(a, 1);
            assert_int_equal(b, 2);
            found++;
        } else if (!strcmp(zx_compare_department_name(d, k), "第二检察部")) {
            assert_int_equal(b, 0);
            zx_compare_department_get(d, r, nar, 0, k, &a, &b);
            assert_int_equal(a, 1);
            assert_int_equal(b, 1);
            found++;
        }
    }
    assert_int_equal(found, 2);
    zx_metrics_result_free(r);
    /* the report: departments in table and CSV, refused in JSON */
    static const char *const ids[] = {"no_arrest_rate"};
    char *out = report(f, "A", ZX_BY_DEPARTMENT, ZX_REPORT_CSV, NULL, d, ids, 1);
    assert_non_null(strstr(out, "indicator,name_zh,unit_id,department,"));
    assert_non_null(
        strstr(out, "no_arrest_rate,不捕率,A1,第二检察部,2024-01-01,2024-12-31,1,1,1,A1,"));
    free(out);
    int rws[1] = {nar};
    struct zx_report_opts o = {.cat = f->cat,
                               .unit = -1,
                               .by = ZX_BY_DEPARTMENT,
                               .rows = rws,
                               .nrows = 1,
                               .from = from,
                               .to = to,
                               .format = ZX_REPORT_JSON,
                               .departments = d};
    assert_int_equal(zx_report_indicators(stdout, f->m, &o, &err), ZX_EINVAL);
    zx_compare_departments_free(d);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_rank_higher),
        cmocka_unit_test(t_rank_lower_thirds),
        cmocka_unit_test(t_rank_context),
        cmocka_unit_test(t_shape_and_gap),
        cmocka_unit_test(t_unit_rank_and_parent),
        cmocka_unit_test(t_settings_and_csv),
        cmocka_unit_test(t_structure_deviation_row),
        cmocka_unit_test(t_departments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
