/* test_rules.c — the rule set as data: the compiled-in copy equals data/sentence_rules.json,
 * every rule cites a source and an article, unknown ids and missing parameters are refused,
 * and the effective dates and parameters in the file are what the checker applies. */
#include "util/datafile.h"
#include "../zx_test.h"

#include "execution/exec.h"
#include "util/date.h"

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

static void test_default_equals_file(void **state)
{
    (void)state;
    size_t n;
    char *file = slurp("data/sentence_rules.json", &n);
    const char *built = zx_datafile_builtin("sentence_rules.json", NULL);
    if (!built || strlen(built) != n || memcmp(built, file, n))
        fail_msg("the built-in sentence_rules.json differs from the file: rebuild");
    struct zx_exec_rules *r = NULL;
    struct zx_err err;
    assert_int_equal(zx_exec_rules_parse(file, n, "file", &r, &err), 0);
    assert_true(zx_exec_rules_count(r) >= 50);
    zx_exec_rules_free(r);
    free(file);
}

static int parse(const char *text, struct zx_err *err)
{
    struct zx_exec_rules *r = NULL;
    int rc = zx_exec_rules_parse(text, strlen(text), "t", &r, err);
    zx_exec_rules_free(r);
    return rc;
}

static void test_refusals(void **state)
{
    (void)state;
    struct zx_err err;
    assert_int_equal(parse("{}", &err), ZX_EPARSE);
    assert_int_equal(parse("{\"schema\":\"zhixiao.sentence_rules\",\"rules\":[{\"id\":\"NOPE\","
                           "\"category\":\"floor_violated\",\"article\":\"x\"}]}",
                           &err),
                     ZX_EPARSE);
    assert_non_null(strstr(err.msg, "unknown rule id"));
    assert_int_equal(
        parse("{\"schema\":\"zhixiao.sentence_rules\",\"rules\":[{\"id\":\"CL78-fixed\","
              "\"category\":\"floor_violated\",\"article\":\"x\","
              "\"effective_from\":\"1997-10-01\",\"params\":{\"num\":1}}]}",
              &err),
        ZX_EPARSE);
    assert_non_null(strstr(err.msg, "den"));
    assert_int_equal(
        parse("{\"schema\":\"zhixiao.sentence_rules\",\"rules\":[{\"id\":\"CL78-fixed\","
              "\"category\":\"reduction_over_cap\",\"article\":\"x\","
              "\"effective_from\":\"1997-10-01\",\"params\":{\"num\":1,\"den\":2}}]}",
              &err),
        ZX_EPARSE);
    assert_non_null(strstr(err.msg, "category"));
}

static int count(void *ud, const struct zx_exec_finding *f)
{
    (void)f;
    ++*(int *)ud;
    return 0;
}

/* One rule, the cap of art. 6, with the dates and numbers given: does a cut of 10 months for
 * 确有悔改 on 2018-03-01 break it? */
static int cap_finding(const char *from, const char *to, int cap_r)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"schema\":\"zhixiao.sentence_rules\",\"rules\":[{\"id\":\"JX2016-6-cap\","
             "\"category\":\"reduction_over_cap\",\"article\":\"法释〔2016〕23号 第六条\","
             "\"effective_from\":\"%s\",\"effective_to\":%s,\"params\":{\"cap\":{\"r\":%d,"
             "\"g\":9,\"rg\":12,\"gg\":18,\"rgg\":24}}}]}",
             from, to, cap_r);
    struct zx_exec_rules *r = NULL;
    struct zx_err err;
    assert_int_equal(zx_exec_rules_parse(text, strlen(text), "t", &r, &err), 0);
    struct zx_exec_data d;
    zx_exec_data_init(&d);
    struct zx_exec_convict c = {1, 1, 0, 96, 0, 0, 0};
    zx_date_parse("2016-01-01", 10, &c.start);
    zx_date_parse("1980-01-01", 10, &c.birth);
    assert_int_equal(zx_exec_data_add_convict(&d, &c, "CV", &err), 0);
    struct zx_exec_change x = {0};
    x.kind = 1;
    x.merit = 1;
    x.red = 10;
    x.new_term = -1;
    zx_date_parse("2018-03-01", 10, &x.proposed);
    x.ruled = x.proposed + 20;
    x.served = x.proposed + 25;
    assert_int_equal(zx_exec_data_add_change(&d, &x, "SC", &err), 0);
    zx_exec_data_finish(&d);
    int n = 0;
    assert_int_equal(zx_exec_review(r, &d, ZX_DATE_NULL, ZX_DATE_NULL, count, &n), 0);
    zx_exec_data_release(&d);
    zx_exec_rules_free(r);
    return n;
}

static void test_dates_and_params_are_data(void **state)
{
    (void)state;
    assert_int_equal(cap_finding("2017-01-01", "null", 9), 1);
    assert_int_equal(cap_finding("2017-01-01", "null", 10), 0);          /* the parameter */
    assert_int_equal(cap_finding("2017-01-01", "\"2018-02-28\"", 9), 0); /* expired */
    assert_int_equal(cap_finding("2017-01-01", "\"2018-03-01\"", 9), 1); /* last day counts */
    assert_int_equal(cap_finding("2018-03-02", "null", 9), 0);           /* not yet */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_equals_file),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_dates_and_params_are_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
