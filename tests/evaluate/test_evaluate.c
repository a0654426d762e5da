/* test_evaluate.c — the evaluation configuration (data/evaluation.json): the compiled-in copy
 * equals the file; the shipped default declares three dimensions with the stated weights,
 * review_grade with its grade points and flaw_points enabled, and every component a
 * definition; bad configurations are refused with the JSON path and the reason. (Scores,
 * drill-down and ranking are checked against independent computations in
 * tests/cli/t440_evaluate.sh.) */
#include "../zx_test.h"

#include "evaluate/evaluate.h"
#include "util/datafile.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void test_default(void **state)
{
    (void)state;
    size_t n;
    char *file = slurp("data/evaluation.json", &n);
    const char *built = zx_datafile_builtin("evaluation.json", NULL);
    assert_non_null(built); /* make compiles data/ in */
    assert_int_equal(strlen(built), n);
    assert_memory_equal(built, file, n);
    struct zx_eval_config *c = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_eval_config_parse(built, n, "default", &c, &err), ZX_OK);
    assert_true(zx_eval_dim_weight(c, ZX_EVAL_QUALITY) == 50);
    assert_true(zx_eval_dim_weight(c, ZX_EVAL_EFFICIENCY) == 30);
    assert_true(zx_eval_dim_weight(c, ZX_EVAL_EFFECT) == 20);
    assert_string_equal(zx_eval_dim_name(c, ZX_EVAL_EFFICIENCY), "效率");
    assert_non_null(strstr(zx_eval_config_note(c), "不是官方权重"));
    int dims[ZX_EVAL_NDIMS] = {0}, kinds = 0;
    for (int i = 0; i < zx_eval_components(c); i++) {
        const struct zx_eval_component *k = zx_eval_component(c, i);
        assert_true(strlen(k->definition) > 10 && strlen(k->name) > 2);
        assert_true(k->enabled && k->source >= 0);
        dims[k->dim]++;
        if (!strcmp(k->src, "review_grade")) {
            /* 优质 100, 合格 90, 基本合格 70, 不合格 0: better grades are worth more */
            assert_true(k->grade_points[0] >= k->grade_points[1] &&
                        k->grade_points[1] >= k->grade_points[2] &&
                        k->grade_points[2] >= k->grade_points[3]);
            kinds++;
        }
        kinds += !strcmp(k->src, "flaw_points");
    }
    assert_int_equal(kinds, 2);
    for (int d = 0; d < ZX_EVAL_NDIMS; d++)
        assert_true(dims[d] >= 2);
    const struct zx_eval_coef *co;
    int nco = zx_eval_workload(c, &co);
    assert_true(nco >= 10);
    for (int i = 0; i < nco; i++) /* 4/3 抗诉 … 1/3 羁押必要性审查 (research §7.1) */
        assert_true(co[i].den >= 1 && co[i].num <= 2 * co[i].den);
    zx_eval_config_free(c);
    free(file);
}

/* Replace the first `from` in the default text by `to` and parse it: the error must
 * contain want. */
static void refused(const char *from, const char *to, const char *want)
{
    const char *t = zx_datafile_builtin("evaluation.json", NULL);
    const char *at = strstr(t, from);
    assert_non_null(at);
    size_t n = strlen(t) - strlen(from) + strlen(to);
    char *b = malloc(n + 1);
    assert_non_null(b);
    memcpy(b, t, (size_t)(at - t));
    strcpy(b + (at - t), to);
    strcat(b, at + strlen(from));
    struct zx_eval_config *c = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_eval_config_parse(b, n, "x.json", &c, &err), ZX_EPARSE);
    assert_null(c);
    if (!strstr(err.msg, want))
        fail_msg("want '%s' in '%s'", want, err.msg);
    free(b);
}

static void test_refused(void **state)
{
    (void)state;
    refused("\"schema\": \"zhixiao.evaluation\"", "\"schema\": \"other\"", "x.json: $.schema");
    refused("\"source\": \"indicator\"", "\"source\": \"magic\"",
            "x.json: $.components[0].source: expected indicator");
    refused("\"基本合格\": 70", "\"basic\": 70",
            "$.components[4].params.points: expected the points of 优质, 合格, 基本合格");
    refused("\"direction\": \"负向\"", "\"direction\": \"down\"",
            "$.components[0].direction: expected 正向 or 负向");
    refused("\"normalisation\": \"peer_median\"", "\"normalisation\": \"penalty\"",
            "$.components[6].normalisation: penalty is for 负向 components");
    refused("\"weight\": 25", "\"weight\": -1", "$.components[0].weight");
    refused("\"id\": \"withdrawal\"", "\"id\": \"acquittal\"", "$.components[1].id: given twice");
    refused("\"params\": {\"indicator\": \"acquittal_rate\"}", "\"params\": {}",
            "$.components[0].params.indicator");
    refused("\"event_type\": \"arrest_review\"", "\"event_type\": \"lunch\"",
            "$.workload.coefficients[0]");
    refused("{\"id\": \"effect\", \"name\": \"效果\", \"weight\": 20}",
            "{\"id\": \"quality\", \"name\": \"效果\", \"weight\": 20}",
            "$.dimensions: quality, efficiency and effect needed");
    refused("\"dimensions\": [", "\"dimensions\": [,", "x.json:");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
