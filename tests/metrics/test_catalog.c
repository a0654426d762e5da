/* test_catalog.c — the indicator catalog as data: the compiled-in copy equals
 * data/indicators.json byte for byte, every indicator id of shared/spec/indicators.md is
 * there, the 件 set equals the vocabulary's 件 column, a user's catalog is validated with
 * file, JSON path and reason, and a local indicator added by "extends": "default" is
 * evaluated without C code. */
#include "util/datafile.h"
#include "metrics_fixture.h"
#include "model/vocab.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mf);
    fclose(f);
    fclose(mf);
    return buf;
}

static char *find_data_file(void)
{
    static const char *const paths[] = {"data/indicators.json", "../data/indicators.json",
                                        "../../data/indicators.json",
                                        "../../../data/indicators.json"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        char *t = read_all(paths[i]);
        if (t)
            return t;
    }
    return NULL;
}

static void t_builtin_matches_file(void **state)
{
    (void)state;
    char *file = find_data_file();
    if (!file)
        fail_msg("data/indicators.json not found (run from the repository root)");
    if (strcmp(file, zx_datafile_builtin("indicators.json", NULL)) != 0)
        fail_msg("the built-in indicators.json differs from data/indicators.json: rebuild");
    free(file);
}

static void t_default_ids(void **state)
{
    (void)state;
    static const char *const ids[] = {"no_arrest_rate",
                                      "non_prosecution_rate",
                                      "pretrial_detention_rate",
                                      "post_arrest_non_prosecution_rate",
                                      "post_arrest_exemption_rate",
                                      "plea_rate",
                                      "fixed_proposal_share",
                                      "proposal_adoption_rate",
                                      "withdrawal_rate",
                                      "acquittal_rate",
                                      "return_rate",
                                      "extension_rate",
                                      "no_arrest_objection_rate",
                                      "no_arrest_change_rate",
                                      "non_prosecution_objection_rate",
                                      "non_prosecution_change_rate",
                                      "custody_review_adoption_rate",
                                      "correction_adoption_rate",
                                      "criminal_protest_change_rate",
                                      "civil_protest_change_rate",
                                      "administrative_protest_change_rate",
                                      "retrial_suggestion_adoption_rate",
                                      "suggestion_adoption_rate",
                                      "pre_litigation_rectification_rate",
                                      "pil_support_rate",
                                      "hearing_rate",
                                      "supervisor_rate",
                                      "retrial_suggestion_adoption_rate_cohort",
                                      "suggestion_adoption_rate_cohort",
                                      "pre_litigation_rectification_rate_cohort",
                                      "case_procedure_ratio_criminal",
                                      "case_procedure_ratio_civil",
                                      "case_procedure_ratio_administrative",
                                      "case_procedure_ratio_public_interest",
                                      "duty_structure.criminal",
                                      "duty_structure.civil",
                                      "duty_structure.administrative",
                                      "duty_structure.public_interest",
                                      "case_structure.by_procedure",
                                      "case_structure.by_authority",
                                      "source_structure.transferred",
                                      "source_structure.application",
                                      "source_structure.self_discovered"};
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    const char *t = zx_datafile_builtin("indicators.json", NULL);
    if (zx_catalog_parse(t, strlen(t), "default", &c, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(zx_catalog_rows(c), (int)(sizeof ids / sizeof ids[0]));
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (zx_catalog_find(c, ids[i]) != (int)i)
            fail_msg("%s missing or out of place", ids[i]);
    const struct zx_catalog_row *r = zx_catalog_row(c, zx_catalog_find(c, "no_arrest_rate"));
    assert_string_equal(r->name_zh, "不捕率");
    assert_int_equal(r->direction, ZX_DIR_CONTEXT);
    r = zx_catalog_row(c, zx_catalog_find(c, "return_rate"));
    assert_int_equal(r->direction, ZX_DIR_LOWER);
    r = zx_catalog_row(c, zx_catalog_find(c, "pil_support_rate"));
    assert_int_equal(r->direction, ZX_DIR_HIGHER);
    r = zx_catalog_row(c, zx_catalog_find(c, "case_procedure_ratio_civil"));
    assert_int_equal(r->display, ZX_DISP_CASE_RATIO);
    r = zx_catalog_row(c, zx_catalog_find(c, "duty_structure.civil"));
    assert_string_equal(r->structure, "duty_structure");
    assert_string_equal(r->name_zh, "履职结构比·民事");
    int rows[8];
    assert_int_equal(zx_catalog_select(c, "duty_structure", rows, 8), 4);
    assert_int_equal(zx_catalog_select(c, "source_structure.application", rows, 8), 1);
    assert_int_equal(zx_catalog_select(c, "nope", rows, 8), 0);
    zx_catalog_free(c);
}

/* The default 件 set is the 件 column of case-data.md (the vocabulary's jian flag). */
static void t_jian_set(void **state)
{
    (void)state;
    json_t *j = json_loads(zx_datafile_builtin("indicators.json", NULL), 0, NULL);
    assert_non_null(j);
    json_t *set = json_object_get(json_object_get(j, "type_sets"), "jian");
    assert_non_null(set);
    uint64_t in_catalog = 0, in_vocab = 0;
    size_t i;
    json_t *v;
    json_array_foreach(set, i, v)
    {
        const char *s = json_string_value(v);
        int t = zx_vocab_find(ZX_V_EVENT_TYPE, s, strlen(s));
        assert_true(t > 0);
        in_catalog |= UINT64_C(1) << t;
    }
    for (int t = 1; t < ZX_EV_COUNT_; t++)
        if (zx_event_type_info(t)->jian)
            in_vocab |= UINT64_C(1) << t;
    assert_true(in_catalog == in_vocab);
    json_decref(j);
}

static void expect_error(const char *text, const char *want)
{
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    int rc = zx_catalog_parse(text, strlen(text), "my.json", &c, &err);
    if (rc == 0) {
        zx_catalog_free(c);
        fail_msg("accepted, expected an error containing \"%s\"", want);
    }
    assert_int_equal(rc, ZX_EPARSE);
    assert_null(c);
    if (!strstr(err.msg, want))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

#define IND(body)                                                                                  \
    "{\"indicators\": [{\"id\": \"x\", \"name_zh\": \"甲\", \"name_en\": \"x\", "                 \
    "\"direction\": \"higher\", " body "}]}"
#define ND(num, den) "\"numerator\": " num ", \"denominator\": " den

static void t_validation(void **state)
{
    (void)state;
    expect_error("{\"indicators\": [", "my.json:1:");
    expect_error("[]", "my.json: $: a catalog must be a JSON object");
    expect_error("{\"indicatorz\": []}", "my.json: $.indicatorz: unknown key");
    expect_error("{\"indicators\": []}", "$.indicators: must be a non-empty list");
    expect_error("{\"schema\": \"other\", \"indicators\": [{}]}", "$.schema: must be");
    expect_error(IND(ND("{\"count\": \"persons\", \"types\": [\"arest\"]}",
                        "{\"count\": \"persons\", \"types\": [\"arrest\"]}")),
                 "my.json: $.indicators[0] (x).numerator.types[0]: unknown event_type 'arest'");
    expect_error(IND(ND("{\"count\": \"people\", \"types\": [\"arrest\"]}",
                        "{\"count\": \"persons\", \"types\": [\"arrest\"]}")),
                 "$.indicators[0] (x).numerator: 'count' must be");
    expect_error(IND(ND("{\"count\": \"persons\", \"types\": [\"arrest\"]}",
                        "[{\"count\": \"persons\", \"types\": [\"hearing\"]}]")),
                 "$.indicators[0] (x).denominator[0]: counting persons needs person-level event "
                 "types; 'hearing' is case-level");
    expect_error(IND(ND("{\"count\": \"persons\", \"types\": [\"arrest\"], \"results\": "
                        "[\"adopted\"]}",
                        "{\"count\": \"persons\", \"types\": [\"arrest\"]}")),
                 "numerator.results: result 'adopted' is not allowed");
    expect_error(IND(ND("{\"count\": \"events\", \"types\": [\"arrest\"], \"colour\": 1}",
                        "{\"count\": \"persons\", \"types\": [\"arrest\"]}")),
                 "numerator.colour: unknown key");
    expect_error(IND(ND("{\"count\": \"events\", \"types\": \"@nope\"}",
                        "{\"count\": \"persons\", \"types\": [\"arrest\"]}")),
                 "numerator.types: unknown type set '@nope'");
    expect_error(IND("\"numerator\": {\"count\": \"cases\", \"date\": \"case_closed\"}"),
                 "missing required key 'denominator'");
    expect_error(IND(ND("{\"count\": \"cases\"}", "{\"count\": \"cases\", \"date\": "
                                                  "\"case_closed\"}")),
                 "a term without 'types' needs 'date'");
    expect_error(IND(ND("{\"count\": \"cases\", \"date\": \"closed\"}", "[]")), "'date' must be");
    expect_error(IND(ND("{\"count\": \"events\", \"types\": [\"suggestion_reply\"], "
                        "\"answers\": {\"results\": [\"retrial\"]}}",
                        "{\"count\": \"events\", \"types\": [\"suggestion\"]}")),
                 "numerator.answers: missing required key 'types'");
    expect_error(IND(ND("{\"count\": \"cases\", \"date\": \"case_closed\", \"lines\": "
                        "[\"crime\"]}",
                        "{\"count\": \"cases\", \"date\": \"case_closed\"}")),
                 "numerator.lines[0]: unknown line 'crime'");
    expect_error("{\"indicators\": [{\"id\": \"Bad-Id\"}]}", "'id' must start with");
    expect_error("{\"indicators\": [{\"id\": \"a\", \"name_zh\": \"甲\", \"name_en\": \"a\","
                 " \"direction\": \"up\", \"numerator\": {}, \"denominator\": {}}]}",
                 "'direction' must be");
    const char *dup =
        "{\"indicators\": [" /* the same id twice */
        "{\"id\": \"a\", \"name_zh\": \"甲\", \"name_en\": \"a\", \"direction\": \"lower\","
        " \"numerator\": {\"count\": \"cases\", \"date\": \"case_closed\"},"
        " \"denominator\": {\"count\": \"cases\", \"date\": \"case_closed\"}},"
        "{\"id\": \"a\", \"name_zh\": \"甲\", \"name_en\": \"a\", \"direction\": \"lower\","
        " \"numerator\": {\"count\": \"cases\", \"date\": \"case_closed\"},"
        " \"denominator\": {\"count\": \"cases\", \"date\": \"case_closed\"}}]}";
    expect_error(dup, "$.indicators[1] (a): duplicate indicator id 'a'");
    expect_error("{\"extends\": \"default\", \"indicators\": [{\"id\": \"plea_rate\"}]}",
                 "duplicate indicator id 'plea_rate'");
    expect_error("{\"extends\": \"mine\", \"indicators\": [{\"id\": \"a\"}]}",
                 "$.extends: only \"default\"");
    expect_error("{\"indicators\": [{\"id\": \"s\", \"kind\": \"structure\", \"name_zh\": \"结构\","
                 " \"name_en\": \"s\", \"base\": {\"count\": \"cases\", \"date\": "
                 "\"case_accepted\"}, \"categories\": [{\"key\": \"x\", \"name_zh\": \"某\","
                 " \"filter\": {\"kinds\": [\"by_nothing\"]}}]}]}",
                 "$.indicators[0] (s).categories[0] (base + filter).kinds[0]: unknown case_kind");
    /* file errors */
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_catalog_load_file("/nonexistent/catalog.json", &c, &err), ZX_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/catalog.json"));
}

/* A local indicator in a user catalog, evaluated with the default ones. */
static void t_local_indicator(void **state)
{
    (void)state;
    static const char text[] =
        "{\"extends\": \"default\", \"indicators\": [{"
        " \"id\": \"juvenile_non_prosecution_rate\", \"name_zh\": \"未成年人不诉率\","
        " \"name_en\": \"Juvenile non-prosecution rate\", \"direction\": \"context\","
        " \"group\": \"local\", \"version\": 3, \"effective_from\": \"2025-01-01\","
        " \"numerator\": {\"count\": \"persons\", \"types\": [\"non_prosecution\"],"
        "                 \"businesses\": [\"juvenile\"]},"
        " \"denominator\": [{\"count\": \"persons\", \"types\": [\"indict\"],"
        "                    \"businesses\": [\"juvenile\"]},"
        "                   {\"count\": \"persons\", \"types\": [\"non_prosecution\"],"
        "                    \"businesses\": [\"juvenile\"]}]}]}";
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    if (zx_catalog_parse(text, strlen(text), "local.json", &c, &err))
        fail_msg("%s", err.msg);
    assert_int_equal(zx_catalog_rows(c), 44);
    int row = zx_catalog_find(c, "juvenile_non_prosecution_rate");
    assert_int_equal(row, 43);
    const struct zx_catalog_row *r = zx_catalog_row(c, row);
    assert_int_equal(r->version, 3);
    assert_int_equal(r->effective_from, fx_date("2025-01-01"));
    assert_string_equal(r->group, "local");

    struct fx *f = fx_new();
    fx_unit(f, "R", NULL);
    fx_staff(f, "S", "R");
    fx_addf(&f->cases, "J1,R,No.J1,criminal,juvenile,by_procedure,transferred,2024-01-01,,S,0\n");
    fx_case(f, "K1", "R", "criminal", "2024-01-01", NULL, "S");
    fx_person(f, "P1", "J1");
    fx_person(f, "P2", "J1");
    fx_person(f, "P3", "K1");
    fx_event(f, "E1", "J1", "P1", "non_prosecution", "2024-03-01", "conditional", NULL, NULL);
    fx_event(f, "E2", "J1", "P2", "indict", "2024-03-01", NULL, NULL, NULL);
    fx_event(f, "E3", "K1", "P3", "non_prosecution", "2024-03-01", NULL, NULL, NULL);
    fx_load(f);
    zx_catalog_free(f->cat);
    f->cat = c;
    FX_EXPECT(f, "juvenile_non_prosecution_rate", NULL, "2024-01-01", "2024-12-31", 1, 2);
    FX_EXPECT(f, "non_prosecution_rate", NULL, "2024-01-01", "2024-12-31", 2, 3);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_builtin_matches_file),
        cmocka_unit_test(t_default_ids),
        cmocka_unit_test(t_jian_set),
        cmocka_unit_test(t_validation),
        cmocka_unit_test(t_local_indicator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
