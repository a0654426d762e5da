/* test_case_ratio.c — 案-件比 (shared/spec/indicators.md §4) and the three structure ratios
 * (§5), by hand. The worked example of §4: 100 criminal cases closed, 25
 * return_investigation (20 cases, 5 of them twice), 10 extend_review, 2
 * no_arrest_reconsideration, 1 withdraw_indictment → 件 = 138, 1:1.38. The 件 set is
 * configuration: a catalog with another set changes the figure without C code. */
#include "metrics_fixture.h"

#define Y24 "2024-01-01", "2024-12-31"

static void worked_example(struct fx *f)
{
    char id[32], pid[32], eid[32], ref[32];
    int ev = 0;
    fx_unit(f, "R", NULL);
    fx_unit(f, "A", "R");
    fx_unit(f, "B", "R");
    fx_staff(f, "S1", "A");
    fx_staff(f, "S2", "B");
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "K%03d", i);
        snprintf(pid, sizeof pid, "P%03d", i);
        /* 60 cases in A, 40 in B; closed across 2024, the first on 1 January */
        const char *closed = i == 0 ? "2024-01-01" : i == 99 ? "2024-12-31" : "2024-06-30";
        fx_case(f, id, i < 60 ? "A" : "B", "criminal", "2023-03-01", closed, i < 60 ? "S1" : "S2");
        fx_person(f, pid, id);
        /* every case has an indictment (not a 件) */
        snprintf(eid, sizeof eid, "E%04d", ev++);
        fx_event(f, eid, id, pid, "indict", "2024-01-01", NULL, NULL, NULL);
        if (i < 20) { /* 20 cases returned, the first 5 twice: 25 events */
            snprintf(eid, sizeof eid, "E%04d", ev++);
            /* one of them dated before the period: any date counts */
            fx_event(f, eid, id, NULL, "return_investigation", i == 3 ? "2023-05-05" : "2024-02-01",
                     NULL, NULL, NULL);
            if (i < 5) {
                snprintf(eid, sizeof eid, "E%04d", ev++);
                fx_event(f, eid, id, NULL, "return_investigation", "2024-03-01", NULL, NULL, NULL);
            }
        }
        if (i >= 50 && i < 60) { /* 10 extensions, all in A */
            snprintf(eid, sizeof eid, "E%04d", ev++);
            fx_event(f, eid, id, NULL, "extend_review", "2024-02-15", NULL, NULL, NULL);
        }
        if (i == 70 || i == 71) { /* 2 reconsiderations of a no_arrest, in B */
            snprintf(ref, sizeof ref, "E%04d", ev++);
            fx_event(f, ref, id, pid, "no_arrest", "2023-10-01", NULL, NULL, NULL);
            snprintf(eid, sizeof eid, "E%04d", ev++);
            fx_event(f, eid, id, pid, "no_arrest_reconsideration", "2023-10-20", "upheld", NULL,
                     ref);
        }
        if (i == 80) { /* 1 withdrawal, in B */
            snprintf(eid, sizeof eid, "E%04d", ev++);
            fx_event(f, eid, id, pid, "withdraw_indictment", "2024-05-01", NULL, NULL, NULL);
        }
    }
    /* a criminal case closed in 2023 with 件 events in 2024: not in the 2024 figure */
    fx_case(f, "OLD", "A", "criminal", "2022-01-01", "2023-12-31", "S1");
    fx_event(f, "O1", "OLD", NULL, "return_investigation", "2024-01-05", NULL, NULL, NULL);
    /* an open criminal case with a 件 event */
    fx_case(f, "OPEN", "A", "criminal", "2024-01-01", NULL, "S1");
    fx_event(f, "O2", "OPEN", NULL, "extend_review", "2024-01-05", NULL, NULL, NULL);
    /* civil: 3 cases closed, 2 retrial remands on one of them, a return on another */
    fx_case(f, "V1", "B", "civil", "2023-01-01", "2024-04-01", "S2");
    fx_case(f, "V2", "B", "civil", "2023-01-01", "2024-05-01", "S2");
    fx_case(f, "V3", "A", "civil", "2023-01-01", "2024-06-01", "S1");
    fx_event(f, "V1a", "V1", NULL, "retrial_remand", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "V1b", "V1", NULL, "retrial_remand", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "V2a", "V2", NULL, "hearing", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "V3a", "V3", NULL, "return_investigation", "2024-02-01", NULL, NULL, NULL);
}

static void t_worked_example(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    worked_example(f);
    fx_load(f);
    FX_EXPECT(f, "case_procedure_ratio_criminal", NULL, Y24, 138, 100);
    /* A: 60 cases + 25 returns + 10 extensions = 95; B: 40 + 2 + 1 = 43 */
    FX_EXPECT(f, "case_procedure_ratio_criminal", "A", Y24, 95, 60);
    FX_EXPECT(f, "case_procedure_ratio_criminal", "B", Y24, 43, 40);
    /* 2023: OLD (closed 2023-12-31) with its return of 2024 → 2 / 1 */
    FX_EXPECT(f, "case_procedure_ratio_criminal", NULL, "2023-01-01", "2023-12-31", 2, 1);
    /* civil: 3 + 2 remands + 1 return = 6 */
    FX_EXPECT(f, "case_procedure_ratio_civil", NULL, Y24, 6, 3);
    FX_EXPECT(f, "case_procedure_ratio_civil", "A", Y24, 2, 1);
    FX_EXPECT(f, "case_procedure_ratio_administrative", NULL, Y24, 0, 0);
    FX_EXPECT(f, "case_procedure_ratio_public_interest", NULL, Y24, 0, 0);
    /* the JSON value of 138/100 is exactly 1.38 */
    int row = zx_catalog_find(f->cat, "case_procedure_ratio_criminal");
    struct zx_report_opts o = {.cat = f->cat,
                               .unit = -1,
                               .rows = &row,
                               .nrows = 1,
                               .from = fx_date("2024-01-01"),
                               .to = fx_date("2024-12-31")};
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    struct zx_err err = {0};
    assert_int_equal(zx_report_indicators(mf, f->m, &o, &err), 0);
    fclose(mf);
    assert_string_equal(buf, "[\n{\"indicator\": \"case_procedure_ratio_criminal\", \"unit_id\": "
                             "\"R\", \"staff_id\": null, \"from\": \"2024-01-01\", \"to\": "
                             "\"2024-12-31\", \"numerator\": 138, \"denominator\": 100, "
                             "\"value\": 1.38}\n]\n");
    free(buf);
    /* the table shows 1:1.38 */
    o.format = ZX_REPORT_TABLE;
    mf = open_memstream(&buf, &len);
    assert_int_equal(zx_report_indicators(mf, f->m, &o, &err), 0);
    fclose(mf);
    assert_non_null(strstr(buf, "1:1.38"));
    assert_non_null(strstr(buf, "刑事案-件比"));
    free(buf);
    fx_free(f);
}

/* The 2020 件 set without withdraw_indictment, as a local catalog: 137 / 100. */
static void t_configured_jian_set(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    worked_example(f);
    fx_load(f);
    static const char cat_text[] =
        "{\"schema\": \"zhixiao.indicators\", \"version\": 2,"
        " \"type_sets\": {\"jian2020\": [\"return_investigation\", \"extend_review\","
        "   \"no_arrest_reconsideration\", \"no_arrest_review\", \"arrest_appeal\"]},"
        " \"indicators\": [{\"id\": \"ratio_2020\", \"name_zh\": \"案-件比（2020）\","
        "   \"name_en\": \"ratio 2020\", \"direction\": \"lower\", \"display\": \"case_ratio\","
        "   \"numerator\": [{\"count\": \"cases\", \"date\": \"case_closed\","
        "                    \"lines\": [\"criminal\"]},"
        "                   {\"count\": \"events\", \"types\": \"@jian2020\","
        "                    \"date\": \"case_closed\", \"lines\": [\"criminal\"]}],"
        "   \"denominator\": {\"count\": \"cases\", \"date\": \"case_closed\","
        "                     \"lines\": [\"criminal\"]}}]}";
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    if (zx_catalog_parse(cat_text, strlen(cat_text), "local.json", &c, &err))
        fail_msg("%s", err.msg);
    zx_catalog_free(f->cat);
    f->cat = c;
    FX_EXPECT(f, "ratio_2020", NULL, Y24, 137, 100);
    fx_free(f);
}

static void t_structures(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    fx_unit(f, "R", NULL);
    fx_unit(f, "A", "R");
    fx_unit(f, "B", "R");
    fx_unit(f, "A1", "A");
    fx_staff(f, "S1", "A");
    /* accepted in 2024 (the first on 1 January, the last on 31 December) */
    fx_case_full(f, "K1", "A", "criminal", "by_procedure", "transferred", "2024-01-01", NULL, "S1");
    fx_case_full(f, "K2", "A", "criminal", "by_authority", "self_discovered", "2024-03-01",
                 "2024-05-01", "S1");
    fx_case_full(f, "K3", "B", "criminal", "by_procedure", "transferred", "2024-12-31", NULL, "S1");
    fx_case_full(f, "K4", "B", "civil", "by_procedure", "application", "2024-06-01", NULL, "S1");
    fx_case_full(f, "K5", "A1", "public_interest", "by_procedure", "transferred", "2024-07-01",
                 NULL, "S1");
    /* accepted outside 2024 */
    fx_case_full(f, "K6", "A", "civil", "by_authority", "application", "2023-12-31", "2024-02-01",
                 "S1");
    fx_case_full(f, "K7", "B", "administrative", "by_procedure", "transferred", "2025-01-01", NULL,
                 "S1");
    fx_load(f);
    /* 履职: criminal K1 K2 K3, civil K4, administrative none, public interest K5 */
    FX_EXPECT(f, "duty_structure.criminal", NULL, Y24, 3, 5);
    FX_EXPECT(f, "duty_structure.civil", NULL, Y24, 1, 5);
    FX_EXPECT(f, "duty_structure.administrative", NULL, Y24, 0, 5);
    FX_EXPECT(f, "duty_structure.public_interest", NULL, Y24, 1, 5);
    FX_EXPECT(f, "duty_structure.criminal", "A", Y24, 2, 3);
    FX_EXPECT(f, "duty_structure.public_interest", "A1", Y24, 1, 1);
    FX_EXPECT(f, "duty_structure.criminal", "B", Y24, 1, 2);
    FX_EXPECT(f, "duty_structure.administrative", "B", "2025-01-01", "2025-12-31", 1, 1);
    /* 案件: by procedure K1 K3 K4 K5, by authority K2 */
    FX_EXPECT(f, "case_structure.by_procedure", NULL, Y24, 4, 5);
    FX_EXPECT(f, "case_structure.by_authority", NULL, Y24, 1, 5);
    FX_EXPECT(f, "case_structure.by_authority", "B", Y24, 0, 2);
    /* 案源: transferred K1 K3 K5, application K4, self-discovered K2 */
    FX_EXPECT(f, "source_structure.transferred", NULL, Y24, 3, 5);
    FX_EXPECT(f, "source_structure.application", NULL, Y24, 1, 5);
    FX_EXPECT(f, "source_structure.self_discovered", NULL, Y24, 1, 5);
    FX_EXPECT(f, "source_structure.self_discovered", "A", Y24, 1, 3);
    /* nothing accepted in 2022: every share null */
    FX_EXPECT(f, "duty_structure.criminal", NULL, "2022-01-01", "2022-12-31", 0, 0);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_worked_example),
        cmocka_unit_test(t_configured_jian_set),
        cmocka_unit_test(t_structures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
