/* test_report.c — output formats and drill-down: values in shortest round-trip form,
 * null for zero denominators, the JSON and CSV layouts, 同比/环比 periods, and on a
 * pseudo-random bundle: the drill-down lists exactly as many items as every numerator and
 * denominator of every indicator for every unit and handler, and one evaluation over 12
 * monthly periods equals 12 separate evaluations. */
#include "metrics_fixture.h"
#include "model/vocab.h"

static void t_shortest_double(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(zx_metrics_fmt_double(312.0 / 1004.0, buf), "0.3107569721115538");
    assert_string_equal(zx_metrics_fmt_double(1.0 / 3.0, buf), "0.3333333333333333");
    assert_string_equal(zx_metrics_fmt_double(2.0 / 3.0, buf), "0.6666666666666666");
    assert_string_equal(zx_metrics_fmt_double(138.0 / 100.0, buf), "1.38");
    assert_string_equal(zx_metrics_fmt_double(0.1, buf), "0.1");
    assert_string_equal(zx_metrics_fmt_double(1.0, buf), "1");
    assert_string_equal(zx_metrics_fmt_double(0.0, buf), "0");
    assert_string_equal(zx_metrics_fmt_double(3.0, buf), "3");
    assert_string_equal(zx_metrics_fmt_double(1.0 / 7.0, buf), "0.14285714285714285");
    assert_string_equal(zx_metrics_fmt_double(1e-5, buf), "1e-05");
    /* no exponent where a plain form exists: 10 is "10", not "1e+01" */
    assert_string_equal(zx_metrics_fmt_double(10.0, buf), "10");
    assert_string_equal(zx_metrics_fmt_double(163.0 / 100.0 * 10, buf), "16.299999999999997");
    assert_string_equal(zx_metrics_fmt_double(1200.0, buf), "1200");
    assert_string_equal(zx_metrics_fmt_double(0.00025, buf), "0.00025");
    /* every ratio of small integers reads back exactly */
    for (int d = 1; d < 300; d++)
        for (int n = 0; n <= d; n++) {
            double v = (double)n / (double)d;
            assert_true(strtod(zx_metrics_fmt_double(v, buf), NULL) == v);
        }
}

static void t_periods(void **state)
{
    (void)state;
    int32_t a, b;
    char x[16], y[16];
    /* a month: the previous month; a quarter: the previous quarter */
    zx_report_previous(fx_date("2024-03-01"), fx_date("2024-03-31"), &a, &b);
    assert_string_equal(zx_date_format(a, x), "2024-02-01");
    assert_string_equal(zx_date_format(b, y), "2024-02-29");
    zx_report_previous(fx_date("2024-07-01"), fx_date("2024-09-30"), &a, &b);
    assert_string_equal(zx_date_format(a, x), "2024-04-01");
    assert_string_equal(zx_date_format(b, y), "2024-06-30");
    /* any other range: the same number of days before */
    zx_report_previous(fx_date("2024-03-10"), fx_date("2024-03-19"), &a, &b);
    assert_string_equal(zx_date_format(a, x), "2024-02-29");
    assert_string_equal(zx_date_format(b, y), "2024-03-09");
    /* last year: February of a leap year maps to the whole February */
    zx_report_last_year(fx_date("2024-02-01"), fx_date("2024-02-29"), &a, &b);
    assert_string_equal(zx_date_format(a, x), "2023-02-01");
    assert_string_equal(zx_date_format(b, y), "2023-02-28");
    zx_report_last_year(fx_date("2025-02-01"), fx_date("2025-02-28"), &a, &b);
    assert_string_equal(zx_date_format(b, y), "2024-02-29");
}

static struct fx *small(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "445200", NULL);
    fx_unit(f, "445201", "445200");
    fx_staff(f, "S\\1", "445201");
    fx_case(f, "C1", "445201", "criminal", "2024-01-01", NULL, "S\\1");
    fx_person(f, "P1", "C1");
    fx_person(f, "P2", "C1");
    fx_person(f, "P3", "C1");
    fx_event(f, "E1", "C1", "P1", "no_arrest", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", "P2", "arrest", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "E3", "C1", "P3", "arrest", "2024-02-01", NULL, NULL, NULL);
    fx_load(f);
    return f;
}

static char *run_report(struct fx *f, const char *const *ids, int nids, int by, int format)
{
    int rows[64], n = 0;
    for (int i = 0; i < nids; i++)
        n += zx_catalog_select(f->cat, ids[i], rows + n, 64 - n);
    struct zx_report_opts o = {.cat = f->cat,
                               .unit = -1,
                               .by = by,
                               .rows = rows,
                               .nrows = n,
                               .from = fx_date("2024-01-01"),
                               .to = fx_date("2024-12-31"),
                               .format = format};
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    struct zx_err err = {0};
    if (zx_report_indicators(mf, f->m, &o, &err))
        fail_msg("%s", err.msg);
    fclose(mf);
    return buf;
}

static void t_json_layout(void **state)
{
    (void)state;
    struct fx *f = small();
    static const char *const ids[] = {"no_arrest_rate", "acquittal_rate"};
    char *s = run_report(f, ids, 2, ZX_BY_NONE, ZX_REPORT_JSON);
    assert_string_equal(
        s, "[\n"
           "{\"indicator\": \"no_arrest_rate\", \"unit_id\": \"445200\", \"staff_id\": null, "
           "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"numerator\": 1, "
           "\"denominator\": 3, \"value\": 0.3333333333333333},\n"
           "{\"indicator\": \"acquittal_rate\", \"unit_id\": \"445200\", \"staff_id\": null, "
           "\"from\": \"2024-01-01\", \"to\": \"2024-12-31\", \"numerator\": 0, "
           "\"denominator\": 0, \"value\": null}\n"
           "]\n");
    free(s);
    /* staff ids are JSON-escaped */
    s = run_report(f, ids, 1, ZX_BY_STAFF, ZX_REPORT_JSON);
    assert_non_null(strstr(s, "\"unit_id\": \"445201\", \"staff_id\": \"S\\\\1\""));
    free(s);
    /* a structure id expands to its categories; the whole catalog parses as JSON */
    static const char *const st[] = {"duty_structure"};
    s = run_report(f, st, 1, ZX_BY_UNIT, ZX_REPORT_JSON);
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 8);
    assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "indicator")),
                        "duty_structure.criminal");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "numerator")), 1);
    assert_true(json_real_value(json_object_get(json_array_get(j, 0), "value")) == 0.0 ||
                json_integer_value(json_object_get(json_array_get(j, 0), "value")) == 1);
    json_decref(j);
    free(s);
    /* CSV: header, empty value for null */
    s = run_report(f, ids, 2, ZX_BY_NONE, ZX_REPORT_CSV);
    assert_string_equal(s, "indicator,name_zh,unit_id,staff_id,from,to,numerator,denominator,"
                           "value\n"
                           "no_arrest_rate,不捕率,445200,,2024-01-01,2024-12-31,1,3,"
                           "0.3333333333333333\n"
                           "acquittal_rate,无罪判决率,445200,,2024-01-01,2024-12-31,0,0,\n");
    free(s);
    /* table: Chinese labels, percent, — for null */
    s = run_report(f, ids, 2, ZX_BY_NONE, ZX_REPORT_TABLE);
    assert_non_null(strstr(s, "不捕率"));
    assert_non_null(strstr(s, "33.33%"));
    assert_non_null(strstr(s, "—"));
    assert_non_null(strstr(s, "同比"));
    free(s);
    fx_free(f);
}

/* ---- a pseudo-random bundle ---- */

static uint64_t rng = 88172645463325252ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static struct fx *random_bundle(void)
{
    static const char *const lines[] = {"criminal", "civil", "administrative", "public_interest"};
    static const char *const kinds[] = {"by_procedure", "by_authority"};
    static const char *const sources[] = {"transferred", "application", "self_discovered"};
    static const char *const units[] = {"R", "A", "B", "A1", "A2", "B1"};
    static const char *const parents[] = {NULL, "R", "R", "A", "A", "B"};
    struct fx *f = fx_new();
    for (int i = 0; i < 6; i++)
        fx_unit(f, units[i], parents[i]);
    char id[32], pid[32], eid[32], date[16], sid[16];
    for (int i = 0; i < 12; i++) {
        snprintf(sid, sizeof sid, "S%d", i);
        fx_staff(f, sid, units[i % 6]);
    }
    int ev = 0;
    for (int c = 0; c < 150; c++) {
        snprintf(id, sizeof id, "C%d", c);
        int32_t acc = fx_date("2023-01-01") + (int32_t)rnd(700);
        char accs[16], clos[16];
        zx_date_format(acc, accs);
        int closed = rnd(3) != 0;
        zx_date_format(acc + (int32_t)rnd(300), clos);
        snprintf(sid, sizeof sid, "S%u", rnd(12));
        fx_case_full(f, id, units[rnd(6)], lines[rnd(4)], kinds[rnd(2)], sources[rnd(3)], accs,
                     closed ? clos : NULL, sid);
        int np = (int)rnd(4);
        for (int p = 0; p < np; p++) {
            snprintf(pid, sizeof pid, "P%d_%d", c, p);
            fx_person(f, pid, id);
        }
        int ne = (int)rnd(14);
        for (int e = 0; e < ne; e++) {
            int type = 1 + (int)rnd(ZX_EV_COUNT_ - 1);
            const struct zx_event_type_info *ti = zx_event_type_info(type);
            if (ti->level == 'P' && np == 0)
                continue;
            snprintf(pid, sizeof pid, "P%d_%u", c, np ? rnd((unsigned)np) : 0);
            const char *res = NULL;
            if (ti->results && rnd(8)) {
                int r;
                do
                    r = 1 + (int)rnd(ZX_R_COUNT_ - 1);
                while (!(ti->results >> r & 1));
                res = zx_vocab_code(ZX_V_RESULT, r);
            }
            zx_date_format(acc + (int32_t)rnd(500), date);
            snprintf(eid, sizeof eid, "E%d", ev++);
            char h[16];
            snprintf(h, sizeof h, "S%u", rnd(12));
            fx_event(f, eid, id, ti->level == 'P' ? pid : (rnd(3) == 0 && np ? pid : NULL),
                     zx_vocab_code(ZX_V_EVENT_TYPE, type), date, res, rnd(2) ? h : NULL, NULL);
        }
    }
    fx_load(f);
    return f;
}

static int64_t drill_count(struct fx *f, int row, int part, int32_t unit, int32_t staff,
                           int32_t from, int32_t to)
{
    struct zx_drill_opts o = {.cat = f->cat,
                              .row = row,
                              .part = part,
                              .unit = unit,
                              .staff = staff,
                              .from = from,
                              .to = to,
                              .format = (row + part) % 2 ? ZX_REPORT_TABLE : ZX_REPORT_JSON};
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    struct zx_err err = {0};
    int64_t n = -1;
    if (zx_report_cases(mf, f->st, f->m, &o, &n, &err))
        fail_msg("%s", err.msg);
    fclose(mf);
    if (o.format == ZX_REPORT_JSON) {
        json_error_t je;
        json_t *j = json_loads(buf, 0, &je);
        if (!j)
            fail_msg("drill-down JSON: %s\n%s", je.text, buf);
        assert_int_equal(json_integer_value(json_object_get(j, "count")), n);
        assert_int_equal(json_array_size(json_object_get(j, "items")), (size_t)n);
        /* each hit names its case and lists events; a counted event is among them, once */
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(j, "items"), i, it)
        {
            const char *cid = json_string_value(json_object_get(it, "case_id"));
            assert_true(cid && cid[0] == 'C');
            json_t *evs = json_object_get(it, "events"), *ev;
            size_t k, counted = 0;
            assert_true(json_array_size(evs) > 0 ||
                        !json_is_string(json_object_get(it, "event_id")));
            json_array_foreach(evs, k, ev)
            {
                assert_non_null(json_string_value(json_object_get(ev, "event_id")));
                assert_non_null(json_string_value(json_object_get(ev, "type")));
                counted += json_is_true(json_object_get(ev, "counted"));
            }
            assert_int_equal(counted, json_is_string(json_object_get(it, "event_id")) ? 1 : 0);
        }
        json_decref(j);
    }
    free(buf);
    return n;
}

static void t_drill_equals_figures(void **state)
{
    (void)state;
    struct fx *f = random_bundle();
    int32_t from = fx_date("2024-01-01"), to = fx_date("2024-06-30");
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = -1,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .by_staff = 1,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    struct zx_err err = {0};
    if (zx_metrics_eval(f->m, &q, &r, &err))
        fail_msg("%s", err.msg);
    int64_t total = 0;
    for (int row = 0; row < zx_catalog_rows(f->cat); row++) {
        for (int32_t u = 0; u < zx_metrics_units(f->m); u++) {
            int64_t num, den;
            assert_int_equal(zx_metrics_get(r, row, 0, u, &num, &den), 0);
            assert_int_equal(drill_count(f, row, ZX_PART_NUMERATOR, u, -1, from, to), num);
            assert_int_equal(drill_count(f, row, ZX_PART_DENOMINATOR, u, -1, from, to), den);
            total += num + den;
        }
        for (int32_t s = 0; s < zx_metrics_staff(f->m); s += 5) {
            int64_t num, den;
            assert_int_equal(zx_metrics_get_staff(r, row, 0, s, &num, &den), 0);
            assert_int_equal(drill_count(f, row, ZX_PART_NUMERATOR, -1, s, from, to), num);
            assert_int_equal(drill_count(f, row, ZX_PART_DENOMINATOR, -1, s, from, to), den);
        }
    }
    assert_true(total > 300); /* the bundle exercises the catalog */
    zx_metrics_result_free(r);
    fx_free(f);
}

/* Twelve months in one pass equal twelve passes; each unit scope equals its row of the
 * whole-tree pass; the roll-up of every unit is the sum of its children plus its own. */
static void t_periods_and_scopes(void **state)
{
    (void)state;
    struct fx *f = random_bundle();
    int32_t from[12], to[12];
    for (int i = 0; i < 12; i++) {
        from[i] = zx_date_add_months(fx_date("2024-01-01"), i);
        to[i] = zx_date_add_months(fx_date("2024-01-01"), i + 1) - 1;
    }
    struct zx_metrics_query q = {
        .cat = f->cat, .unit = -1, .from = from, .to = to, .nperiods = 12, .collect_staff = -1};
    struct zx_metrics_result *all = NULL, *one = NULL;
    struct zx_err err = {0};
    if (zx_metrics_eval(f->m, &q, &all, &err))
        fail_msg("%s", err.msg);
    int nrows = zx_catalog_rows(f->cat);
    for (int p = 0; p < 12; p++) {
        for (int32_t u = 0; u < zx_metrics_units(f->m); u++) {
            struct zx_metrics_query q1 = {.cat = f->cat,
                                          .unit = u,
                                          .from = &from[p],
                                          .to = &to[p],
                                          .nperiods = 1,
                                          .collect_staff = -1};
            if (zx_metrics_eval(f->m, &q1, &one, &err))
                fail_msg("%s", err.msg);
            for (int row = 0; row < nrows; row++) {
                int64_t n1, d1, n2, d2;
                assert_int_equal(zx_metrics_get(all, row, p, u, &n1, &d1), 0);
                assert_int_equal(zx_metrics_get(one, row, 0, u, &n2, &d2), 0);
                if (n1 != n2 || d1 != d2)
                    fail_msg("row %d month %d unit %d: %lld/%lld vs %lld/%lld", row, p, u,
                             (long long)n1, (long long)d1, (long long)n2, (long long)d2);
            }
            zx_metrics_result_free(one);
            one = NULL;
        }
    }
    /* overlapping periods are refused */
    int32_t ofrom[2] = {fx_date("2024-01-01"), fx_date("2024-06-01")};
    int32_t oto[2] = {fx_date("2024-06-30"), fx_date("2024-12-31")};
    struct zx_metrics_query qo = {
        .cat = f->cat, .unit = -1, .from = ofrom, .to = oto, .nperiods = 2, .collect_staff = -1};
    assert_int_equal(zx_metrics_eval(f->m, &qo, &one, &err), ZX_EINVAL);
    zx_metrics_result_free(all);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_shortest_double),    cmocka_unit_test(t_periods),
        cmocka_unit_test(t_json_layout),        cmocka_unit_test(t_drill_equals_figures),
        cmocka_unit_test(t_periods_and_scopes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
