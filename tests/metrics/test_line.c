/* test_line.c — the line filter (四大检察): a query counts only the cases of the chosen lines,
 * for every indicator and for the drill-down alike. */
#include "../zx_test.h"

#include "metrics_fixture.h"
#include "model/vocab.h"

static struct fx *fixture(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "P", NULL);
    fx_staff(f, "S1", "P");
    /* closed in 2024: a criminal case with a hearing, civil cases with and without one */
    fx_case(f, "C1", "P", "criminal", "2024-01-05", "2024-03-01", "S1");
    fx_case(f, "C2", "P", "civil", "2024-01-06", "2024-04-01", "S1");
    fx_case(f, "C3", "P", "civil", "2024-01-07", "2024-05-01", "S1");
    fx_event(f, "E1", "C1", NULL, "hearing", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "E3", "C3", NULL, "hearing", "2024-02-03", NULL, NULL, NULL);
    /* correction notices come from every line: one criminal, two civil, one adopted each */
    fx_event(f, "E4", "C1", NULL, "correction_notice", "2024-02-04", "investigation", NULL, NULL);
    fx_event(f, "E5", "C2", NULL, "correction_notice", "2024-02-05", "trial", NULL, NULL);
    fx_event(f, "E6", "C3", NULL, "correction_notice", "2024-02-06", "trial", NULL, NULL);
    fx_event(f, "E7", "C2", NULL, "correction_reply", "2024-03-05", "adopted", NULL, "E5");
    fx_load(f);
    return f;
}

static void get_lines(struct fx *f, const char *id, uint32_t lines, int64_t *num, int64_t *den)
{
    int row = zx_catalog_find(f->cat, id);
    assert_true(row >= 0);
    int32_t from = fx_date("2024-01-01"), to = fx_date("2024-12-31");
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = 0,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = &row,
                                 .nrows = 1,
                                 .lines = lines,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_metrics_eval(f->m, &q, &r, &err), 0);
    assert_int_equal(zx_metrics_get(r, row, 0, 0, num, den), 0);
    zx_metrics_result_free(r);
}

static void test_line_filter(void **state)
{
    (void)state;
    struct fx *f = fixture();
    const uint32_t criminal = 1u << ZX_LINE_CRIMINAL, civil = 1u << ZX_LINE_CIVIL;
    int64_t n, d;
    get_lines(f, "hearing_rate", 0, &n, &d);
    assert_int_equal(n, 2);
    assert_int_equal(d, 3);
    get_lines(f, "hearing_rate", criminal, &n, &d);
    assert_int_equal(n, 1);
    assert_int_equal(d, 1);
    get_lines(f, "hearing_rate", civil, &n, &d);
    assert_int_equal(n, 1);
    assert_int_equal(d, 2);
    get_lines(f, "correction_adoption_rate", civil, &n, &d);
    assert_int_equal(n, 1);
    assert_int_equal(d, 2);
    get_lines(f, "correction_adoption_rate", criminal | civil, &n, &d);
    assert_int_equal(n, 1);
    assert_int_equal(d, 3);
    get_lines(f, "hearing_rate", 1u << ZX_LINE_PUBLIC_INTEREST, &n, &d);
    assert_int_equal(d, 0);
    fx_free(f);
}

static void test_parse_lines(void **state)
{
    (void)state;
    uint32_t m;
    assert_int_equal(zx_report_parse_lines("criminal", &m), 0);
    assert_int_equal(m, 1u << ZX_LINE_CRIMINAL);
    assert_int_equal(zx_report_parse_lines("民事,public_interest", &m), 0);
    assert_int_equal(m, (1u << ZX_LINE_CIVIL) | (1u << ZX_LINE_PUBLIC_INTEREST));
    assert_int_equal(zx_report_parse_lines("criminal,", &m), 0);
    assert_int_equal(zx_report_parse_lines("penal", &m), -1);
    assert_int_equal(zx_report_parse_lines("", &m), -1);
}

/* The drill-down under a line filter lists exactly the counted items. */
static void test_drilldown_follows_line(void **state)
{
    (void)state;
    struct fx *f = fixture();
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    int64_t count = -1;
    struct zx_err err = {0};
    struct zx_drill_opts o = {.cat = f->cat,
                              .row = zx_catalog_find(f->cat, "hearing_rate"),
                              .part = ZX_PART_DENOMINATOR,
                              .unit = 0,
                              .staff = -1,
                              .from = fx_date("2024-01-01"),
                              .to = fx_date("2024-12-31"),
                              .format = ZX_REPORT_JSON,
                              .lines = 1u << ZX_LINE_CIVIL};
    assert_int_equal(zx_report_cases(out, f->st, f->m, &o, &count, &err), 0);
    fclose(out);
    assert_int_equal(count, 2);
    assert_non_null(strstr(buf, "\"C2\""));
    assert_non_null(strstr(buf, "\"C3\""));
    assert_null(strstr(buf, "\"C1\""));
    free(buf);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_filter),
        cmocka_unit_test(test_parse_lines),
        cmocka_unit_test(test_drilldown_follows_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
