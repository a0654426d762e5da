/* test_sqlgen.c — the catalog compiled to SQL, term by term, without a server: each
 * counting unit its dedupe, each cohort condition its join within the case and shard,
 * "first" in the aggregate's FILTER (so postgres_fdw ships the aggregate), the anchor date
 * and the scope lists. The byte-for-byte comparison with the embedded engine on a live
 * cluster is tests/cli/t800_pg.sh. */
#include "../zx_test.h"

#include "metrics/catalog.h"
#include "sqlgen/sqlgen.h"

static struct zx_catalog *cat;

static char *term_sql(const char *row_id, int part, int j, int by_staff, const char *units,
                      const char *shards)
{
    int row = zx_catalog_find(cat, row_id);
    assert_true(row >= 0);
    const int *ts;
    int n = zx_catalog_row_terms(cat, row, part, &ts);
    assert_true(j < n);
    struct zx_catalog_term t;
    assert_int_equal(zx_catalog_term(cat, ts[j], &t), 0);
    char *buf = NULL;
    size_t len = 0;
    assert_int_equal(
        zx_sqlgen_term_sql(&t, 7, by_staff, 19723, 20088, 0, units, shards, &buf, &len), ZX_OK);
    assert_non_null(buf);
    assert_int_equal(strlen(buf), len);
    return buf;
}

static void t_persons(void **state)
{
    (void)state;
    char *s = term_sql("no_arrest_rate", 0, 0, 0, NULL, NULL);
    assert_non_null(strstr(s, "SELECT 7 AS slot, e.shard, e.unit_rid AS k, "
                              "count(DISTINCT e.person_rid) AS n FROM events e"));
    assert_non_null(strstr(s, "e.person_rid IS NOT NULL"));
    assert_non_null(strstr(s, "e.date BETWEEN 19723 AND 20088"));
    assert_non_null(strstr(s, "GROUP BY e.shard, e.unit_rid"));
    assert_null(strstr(s, "JOIN"));
    free(s);
}

static void t_prior_and_first(void **state)
{
    (void)state;
    char *s = term_sql("pretrial_detention_rate", 0, 0, 0, NULL, NULL);
    /* the same person's arrest on or before, within the case and the shard */
    assert_non_null(strstr(s, "JOIN events p ON p.shard = e.shard AND p.case_rid = e.case_rid"));
    assert_non_null(strstr(s, "p.date <= e.date AND (e.person_rid IS NULL OR "
                              "p.person_rid = e.person_rid)"));
    free(s);
    s = term_sql("return_rate", 1, 0, 0, NULL, NULL);
    assert_non_null(strstr(s, "count(DISTINCT e.case_rid) FILTER (WHERE f.rid IS NULL)"));
    assert_non_null(strstr(s, "LEFT JOIN events f ON f.shard = e.shard"));
    assert_non_null(strstr(s, "(f.date < e.date OR (f.date = e.date AND f.rid < e.rid))"));
    /* only in the FILTER: in WHERE it would keep the aggregate on the coordinator */
    const char *first = strstr(s, "f.rid IS NULL");
    assert_null(strstr(first + 1, "f.rid IS NULL"));
    free(s);
    s = term_sql("return_rate", 0, 0, 0, NULL, NULL);
    assert_non_null(strstr(s, "JOIN events h ON h.shard = e.shard AND h.case_rid = e.case_rid"));
    free(s);
}

static void t_case_only_answers_and_staff(void **state)
{
    (void)state;
    char *s = term_sql("hearing_rate", 1, 0, 0, "5, 6", "1");
    assert_non_null(strstr(s, "FROM cases c"));
    assert_non_null(strstr(s, "c.closed_on BETWEEN 19723 AND 20088"));
    assert_non_null(strstr(s, " AND c.shard IN (1) AND c.unit_rid IN (5, 6)"));
    free(s);
    s = term_sql("retrial_suggestion_adoption_rate_cohort", 0, 0, 1, NULL, NULL);
    assert_non_null(strstr(s, "e.ref_type IN ("));
    assert_non_null(strstr(s, "e.ref_date BETWEEN 19723 AND 20088"));
    /* coalesce() is not shipped by postgres_fdw 15: the same as an array */
    assert_non_null(strstr(s, "(array_remove(ARRAY[e.handler_rid, e.case_handler_rid], NULL))[1]"
                              " AS k, count(*)"));
    assert_non_null(strstr(s, "(e.handler_rid IS NOT NULL OR e.case_handler_rid IS NOT NULL)"));
    free(s);
    s = term_sql("duty_structure.civil", 0, 0, 0, NULL, NULL);
    assert_non_null(strstr(s, "c.accepted_on BETWEEN"));
    assert_non_null(strstr(s, "c.line IN ("));
    free(s);
}

static int setup(void **state)
{
    (void)state;
    struct zx_err err = {0};
    return zx_catalog_load_default(&cat, NULL, &err);
}

static int teardown(void **state)
{
    (void)state;
    zx_catalog_free(cat);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_persons),
        cmocka_unit_test(t_prior_and_first),
        cmocka_unit_test(t_case_only_answers_and_staff),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
