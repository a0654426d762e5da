/* cmd_danger.c — 社会危险性量化评估: `zhixiao danger score --db F --person P` (a person's score
 * under 审查逮捕 with every point's reason) and `zhixiao danger report --db F --from D --to D
 * [--unit U]` (the calibration report: detention by band, 不捕 outcomes, fairness at equal
 * score). The band is a recommendation for the prosecutor, never a decision. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "danger/danger.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void dump(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    puts(s ? s : "null");
    free(s);
}

static const char *s_of(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_score(json_t *a)
{
    printf("%s %s（%s）案件 %s %s 受理审查逮捕 %s\n", s_of(a, "person_id"), s_of(a, "name"),
           s_of(a, "charge"), s_of(a, "case_id"), s_of(a, "unit_name"), s_of(a, "review_date"));
    printf("  总分 %d  档位：%s  决定：%s%s\n",
           (int)json_integer_value(json_object_get(a, "score")),
           s_of(json_object_get(a, "band"), "label"), s_of(a, "decision"),
           json_is_true(json_object_get(a, "direct_arrest"))
               ? "  （数据显示符合径行逮捕条件，刑诉法第81条第3款，不以评分为准）"
               : "");
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(a, "subscores"), i, v)
    {
        printf("  %-48s %+d\n", s_of(v, "label"),
               (int)json_integer_value(json_object_get(v, "points")));
    }
    printf("  理由：\n");
    json_array_foreach(json_object_get(a, "reasons"), i, v)
    {
        printf("    %+d  %s —— %s（%s）\n", (int)json_integer_value(json_object_get(v, "points")),
               s_of(v, "label"), s_of(v, "fact"), s_of(v, "basis"));
    }
    if (!json_array_size(json_object_get(a, "reasons")))
        printf("    （无计分事实）\n");
    printf("  %s\n", s_of(a, "advice"));
}

static int score_cmd(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *person = NULL, *items = NULL;
    int fmt = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "person",
         .arg = "ID",
         .str = &person,
         .flags = ZX_OPT_REQUIRED,
         .help = "the person (person_id)",
         .help_zh = "人员编号（person_id）"},
        {.name = "items",
         .arg = "FILE",
         .str = &items,
         .help = "scoring items (default data/danger_items.json)",
         .help_zh = "评分项配置（默认 data/danger_items.json）"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "danger score", opts,
        "The person's social-danger score at each 审查逮捕, per CPL 81 danger, with the fact\n"
        "behind every point. A recommendation band, never a decision.\n",
        "该人员每次审查逮捕时的社会危险性评分：按刑诉法第81条五种危险分项计分，每一分列明\n"
        "所依据的事实。档位只是建议，不代替决定。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_danger_cfg *cfg = NULL;
    struct zx_err err = {0};
    json_t *list = NULL;
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_danger_cfg_load(items, &cfg, &err) || zx_store_open(db, &st, &err) ||
        zx_danger_list(st, cfg, NULL, person, ZX_DATE_NULL, ZX_DATE_NULL, 0, &list, &err)) {
        rc = zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (!json_array_size(list)) {
        rc = zx_opt_fail(&cmd, "person '%s' has no 审查逮捕 (arrest_review) event", person);
        goto cleanup;
    }
    if (fmt == 1)
        dump(list);
    else {
        size_t i;
        json_t *v;
        json_array_foreach(list, i, v)
        {
            print_score(v);
        }
        printf("\n%s\n", zx_danger_cfg_note(cfg));
    }
    rc = 0;
cleanup:
    json_decref(list);
    zx_store_close(st);
    zx_danger_cfg_free(cfg);
    return rc;
}

static void pct(char *b, size_t n, json_t *v)
{
    if (json_is_number(v))
        snprintf(b, n, "%.1f%%", json_number_value(v) * 100);
    else
        snprintf(b, n, "-");
}

static void print_report(json_t *r)
{
    char a[16], b[16], c[16];
    size_t i, j, k;
    json_t *v, *g, *x;
    printf("社会危险性评估校准报告 %s 至 %s：已决定 %d 人，待决定 %d 人\n", s_of(r, "from"),
           s_of(r, "to"), (int)json_integer_value(json_object_get(r, "decided")),
           (int)json_integer_value(json_object_get(r, "pending")));
    printf("\n%-24s %6s %6s %8s %8s %8s %8s\n", "档位", "人数", "逮捕", "羁押率", "不构成",
           "证据不足", "无必要");
    json_array_foreach(json_object_get(r, "bands"), i, v)
    {
        json_t *na = json_object_get(v, "no_arrest");
        pct(a, sizeof a, json_object_get(v, "detention_rate"));
        printf("%-24s %6d %6d %8s %8d %8d %8d\n", s_of(v, "label"),
               (int)json_integer_value(json_object_get(v, "n")),
               (int)json_integer_value(json_object_get(v, "arrested")), a,
               (int)json_integer_value(json_object_get(na, "no_crime")),
               (int)json_integer_value(json_object_get(na, "insufficient_evidence")),
               (int)json_integer_value(json_object_get(na, "no_necessity")));
    }
    printf("\n同分比较（公平性，%d 人）\n",
           (int)json_integer_value(json_object_get(r, "fairness_population")));
    json_array_foreach(json_object_get(r, "fairness"), i, v)
    {
        printf("%s（参照：%s）\n", s_of(v, "label"), s_of(v, "reference"));
        json_array_foreach(json_object_get(v, "groups"), j, g)
        {
            if (!json_integer_value(json_object_get(g, "n")))
                continue;
            pct(a, sizeof a, json_object_get(g, "detention_rate"));
            pct(b, sizeof b, json_object_get(g, "standardized_rate"));
            json_t *gap = json_object_get(g, "gap_vs_reference");
            if (json_is_number(gap))
                snprintf(c, sizeof c, "%+.1f", json_number_value(gap) * 100);
            else
                snprintf(c, sizeof c, "-");
            printf("  %-16s %6d 人  羁押率 %7s  标准化 %7s  同分差距 %6s 个百分点 ",
                   s_of(g, "label"), (int)json_integer_value(json_object_get(g, "n")), a, b, c);
            json_array_foreach(json_object_get(g, "by_band"), k, x)
            {
                pct(a, sizeof a, json_object_get(x, "detention_rate"));
                printf(" %s:%s", s_of(x, "band"), a);
            }
            printf("\n");
        }
    }
    printf("\n%s\n%s\n", s_of(r, "method"), s_of(r, "note"));
}

static int report_cmd(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL, *items = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int fmt = 0, detail = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        ZX_OPT_UNIT(&unit),
        {.name = "items",
         .arg = "FILE",
         .str = &items,
         .help = "scoring items (default data/danger_items.json)",
         .help_zh = "评分项配置（默认 data/danger_items.json）"},
        {.name = "detail",
         .flag = &detail,
         .help = "json: also every decided person's row",
         .help_zh = "json 输出同时列出每名已决定人员"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "danger report", opts,
        "Calibration over the 审查逮捕 of the period: detention rate and 不捕 outcomes by\n"
        "band, and the fairness breakdown at equal score (户籍 local/non-local, age band,\n"
        "gender).\n",
        "期间内审查逮捕的校准报告：各档位羁押率与不捕情况，以及同分条件下按户籍（本地/外地）、\n"
        "年龄段、性别的公平性比较。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_danger_cfg *cfg = NULL;
    struct zx_err err = {0};
    json_t *rep = NULL;
    if (rc != ZX_OPT_GO)
        return rc;
    if ((rc = zx_opt_check_period(&cmd, from, to)))
        return rc;
    if (zx_danger_cfg_load(items, &cfg, &err) || zx_store_open(db, &st, &err) ||
        zx_danger_report(st, cfg, unit, from, to, detail && fmt == 1, &rep, &err)) {
        rc = zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (fmt == 1)
        dump(rep);
    else
        print_report(rep);
    rc = 0;
cleanup:
    json_decref(rep);
    zx_store_close(st);
    zx_danger_cfg_free(cfg);
    return rc;
}

int cmd_danger(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"score", score_cmd, "a person's score with the reason of every point",
         "人员的社会危险性评分及每一分的理由"},
        {"report", report_cmd, "calibration and fairness over the history",
         "历史数据校准与公平性报告"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch(
        "danger", subs, "社会危险性量化评估 (CPL 81): a transparent, configurable scorecard.\n",
        "社会危险性量化评估（刑诉法第81条）：透明、可配置的评分。\n", NULL, argc, argv);
}
