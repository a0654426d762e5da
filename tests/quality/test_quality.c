/* test_quality.c — the rules of quality/ as data: every
 * aspect of 天水's 办法 present, the thresholds; the grade rule Q-GRADE at its boundaries
 * (fail_flaws − 1 and fail_flaws flaws, an error, 优质 only without flaws); bad documents
 * refused with the file's name and the reason. */
#include "../zx_test.h"

#include "quality/quality.h"
#include "util/datafile.h"

/* The compiled-in copy of data file name (make builds it from data/). */
static const char *text(const char *name)
{
    const char *t = zx_datafile_builtin(name, NULL);
    assert_non_null(t);
    return t;
}

static struct zx_quality_rules *load(void)
{
    struct zx_quality_rules *r = NULL;
    struct zx_err err = {0};
    const char *s = text("review_signals.json"), *f = text("review_form.json"),
               *fl = text("flaw_rules.json");
    assert_int_equal(zx_quality_rules_parse(s, strlen(s), f, strlen(f), fl, strlen(fl), &r, &err),
                     ZX_OK);
    return r;
}

static void test_catalog(void **state)
{
    (void)state;
    struct zx_quality_rules *r = load();
    /* 天水's nine aspects, each with a situation */
    static const char *const aspects[] = {"案件办理",
                                          "办案期限",
                                          "强制措施",
                                          "文书制作",
                                          "诉讼权利保障",
                                          "卷宗装订",
                                          "统一业务应用系统使用",
                                          "司法办案风险评估",
                                          "案件信息公开"};
    for (size_t a = 0; a < 9; a++) {
        int found = 0;
        for (int i = 0; i < zx_quality_situation_count(r); i++)
            found |= !strcmp(zx_quality_situation_aspect(r, i), aspects[a]);
        assert_true(found);
    }
    assert_int_equal(zx_quality_threshold(r, 1), 40);
    assert_int_equal(zx_quality_threshold(r, 0), 30);
    /* the seven groups of the form */
    static const char *const groups[] = {"证据审查", "事实认定", "法律适用", "办案程序",
                                         "法律文书", "释法说理", "办案效果"};
    for (size_t g = 0; g < 7; g++) {
        int found = 0;
        for (int i = 0; i < zx_quality_item_count(r); i++)
            found |= !strcmp(zx_quality_item_group(r, i), groups[g]);
        assert_true(found);
    }
    assert_int_equal(zx_quality_grade_find("基本合格"), ZX_QG_BASIC);
    assert_int_equal(zx_quality_grade_find("unqualified"), ZX_QG_UNQUALIFIED);
    assert_int_equal(zx_quality_grade_find("瑕疵"), -1);
    zx_quality_rules_free(r);
}

static void finding(struct zx_qstore_finding *f, const char *item, const char *res,
                    const char *code)
{
    memset(f, 0, sizeof *f);
    snprintf(f->item, sizeof f->item, "%s", item);
    snprintf(f->result, sizeof f->result, "%s", res);
    snprintf(f->code, sizeof f->code, "%s", code);
}

static void test_grade_boundaries(void **state)
{
    (void)state;
    struct zx_quality_rules *r = load();
    struct zx_err err = {0};
    struct zx_qstore_finding f[32];
    int g = -1, ff = zx_quality_fail_flaws(r);
    assert_true(ff >= 2 && ff < zx_quality_item_count(r));
    /* none: 合格, or 优质 when proposed */
    assert_int_equal(zx_quality_grade(r, f, 0, 0, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_QUALIFIED);
    assert_int_equal(zx_quality_grade(r, f, 0, 1, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_EXCELLENT);
    /* ok findings only: still eligible for 优质 */
    finding(&f[0], zx_quality_item_id(r, 0), "ok", "");
    assert_int_equal(zx_quality_grade(r, f, 1, 1, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_EXCELLENT);
    /* ff − 1 flaws: 基本合格; ff: 不合格 */
    for (int i = 0; i < ff; i++)
        finding(&f[i], zx_quality_item_id(r, i), "flaw", "H01");
    assert_int_equal(zx_quality_grade(r, f, (size_t)ff - 1, 0, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_BASIC);
    assert_int_equal(zx_quality_grade(r, f, (size_t)ff, 0, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_UNQUALIFIED);
    /* one flaw: 基本合格; proposing 优质 is refused */
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_BASIC);
    assert_int_equal(zx_quality_grade(r, f, 1, 1, &g, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "优质"));
    /* one error: 不合格 */
    finding(&f[0], zx_quality_item_id(r, 0), "error", "");
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_OK);
    assert_int_equal(g, ZX_QG_UNQUALIFIED);
    /* malformed */
    finding(&f[0], zx_quality_item_id(r, 0), "flaw", "");
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_EINVAL);
    finding(&f[0], "no.such", "ok", "");
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_EINVAL);
    finding(&f[0], zx_quality_item_id(r, 0), "ok", "H01");
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_EINVAL);
    finding(&f[0], zx_quality_item_id(r, 0), "maybe", "");
    assert_int_equal(zx_quality_grade(r, f, 1, 0, &g, &err), ZX_EINVAL);
    zx_quality_rules_free(r);
}

static void test_bad_documents(void **state)
{
    (void)state;
    struct zx_quality_rules *r = NULL;
    struct zx_err err = {0};
    const char *f = text("review_form.json"), *fl = text("flaw_rules.json");
    const char *bad_sig =
        "{\"schema\": \"zhixiao.review_signals\", \"signals\": [{\"id\": \"x\","
        " \"label\": \"x\", \"source\": \"s\", \"test\": {\"event\": [\"nope\"]}}]}";
    assert_int_equal(
        zx_quality_rules_parse(bad_sig, strlen(bad_sig), f, strlen(f), fl, strlen(fl), &r, &err),
        ZX_EPARSE);
    assert_non_null(strstr(err.msg, "review_signals.json"));
    assert_non_null(strstr(err.msg, "nope"));
    const char *s = text("review_signals.json");
    const char *broken = "{\"schema\": \"zhixiao.flaw_rules\",\n \"aspects\": [";
    assert_int_equal(
        zx_quality_rules_parse(s, strlen(s), f, strlen(f), broken, strlen(broken), &r, &err),
        ZX_EPARSE);
    assert_non_null(strstr(err.msg, "flaw_rules.json:2:"));
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog),
        cmocka_unit_test(test_grade_boundaries),
        cmocka_unit_test(test_bad_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
