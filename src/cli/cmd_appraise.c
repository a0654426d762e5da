/* cmd_appraise.c — `zhixiao appraise --db F --year Y [--unit U] [--of UNIT] [--items]
 * [--format json|table]` (层级综合评价 of U's child units, appraise/appraise.h),
 * `zhixiao appraise enter …` (a score the evaluating unit enters, with its reason) and
 * `zhixiao appraise cases …` (the persons or cases behind a computed item). */
#include "appraise/appraise.h"
#include "casebook/casebook.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "store/notice.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "层级综合评价: each child unit of the evaluating unit (--unit, default the root) scored on\n"
    "the items of data/unit_evaluation.json, in the facets 主观/客观评价, 检察业务/管理 and\n"
    "静态考评/动态监测, with the previous year beside it. Computed items come from the\n"
    "indicators, the 流程监控通知书 and the typical cases; the others are entered by the\n"
    "evaluating unit (`appraise enter`). No rank unless the evaluating unit turned ranking on\n"
    "(`zhixiao settings set … ranking on`).\n"
    "\n"
    "exit status: 0 done, 1 an entry refused (reason on stderr), 2 usage or error\n";
static const char about_zh[] =
    "层级综合评价：按 data/unit_evaluation.json 的项目，对评价单位（--unit，默认根单位）的\n"
    "各下级单位在主观/客观评价、检察业务/管理、静态考评/动态监测各维度评分，并列出上年结果。\n"
    "计算项来自质效指标、流程监控通知书和典型案例，其余由评价单位录入（appraise enter）。\n"
    "评价单位未开启排名时不排名。\n"
    "\n"
    "退出状态：0 完成，1 录入被拒绝（原因见标准错误），2 用法或其他错误\n";

struct ctx {
    struct zx_store *st;
    struct zx_metrics *m;
    struct zx_catalog *cat;
    struct zx_appraise_items *it;
};

static int setup(const struct zx_opt_cmd *cmd, const char *db, int metrics, struct ctx *c)
{
    struct zx_err err = {0};
    if (access(db, R_OK) != 0) {
        zx_opt_fail(cmd, "cannot read database '%s'", db);
        return 2;
    }
    if (zx_store_open(db, &c->st, &err) || zx_catalog_load_default(&c->cat, NULL, &err) ||
        zx_appraise_items_load_default(c->cat, &c->it, NULL, &err) ||
        (metrics && zx_metrics_load(c->st, &c->m, &err))) {
        zx_opt_fail(cmd, "%s", zx_err_text(&err));
        return 2;
    }
    if (metrics && zx_metrics_units(c->m) == 0) {
        zx_opt_fail(cmd, "no units in '%s'", db);
        return 2;
    }
    return 0;
}

static void teardown(struct ctx *c)
{
    zx_appraise_items_free(c->it);
    zx_metrics_free(c->m);
    zx_catalog_free(c->cat);
    zx_store_close(c->st);
}

static int run_enter(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *item = NULL, *reason = NULL, *by = NULL, *score = NULL;
    int year = 0;
    int32_t on = zx_date_today();
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "year",
         .arg = "YYYY",
         .num = &year,
         .min = 1900,
         .max = 2099,
         .flags = ZX_OPT_REQUIRED,
         .help = "the year evaluated",
         .help_zh = "评价年度"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit evaluated",
         .help_zh = "被评价单位"},
        {.name = "item",
         .arg = "ID",
         .str = &item,
         .flags = ZX_OPT_REQUIRED,
         .help = "an entered item of data/unit_evaluation.json",
         .help_zh = "录入项目编号"},
        {.name = "score",
         .arg = "0-100",
         .str = &score,
         .flags = ZX_OPT_REQUIRED,
         .help = "the score",
         .help_zh = "分值（0–100）"},
        {.name = "reason",
         .arg = "TEXT",
         .str = &reason,
         .flags = ZX_OPT_REQUIRED,
         .help = "why this score",
         .help_zh = "评分理由"},
        {.name = "by",
         .arg = "WHO",
         .str = &by,
         .flags = ZX_OPT_REQUIRED,
         .help = "who enters it",
         .help_zh = "录入人"},
        {.name = "date",
         .date = &on,
         .help = "date of the entry (default today)",
         .help_zh = "录入日期（默认为今天）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"appraise enter", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c = {0};
    struct zx_err err = {0};
    struct zx_ap_entry e;
    char *end = NULL;
    double v = score ? strtod(score, &end) : 0;
    if (!score || !*score || !end || *end)
        return zx_opt_fail(&cmd, "--score: expected a number 0-100, got '%s'", score ? score : "");
    if ((rc = setup(&cmd, db, 0, &c)))
        goto cleanup;
    int x = zx_appraise_enter(c.st, c.it, unit, year, item, v, reason, by, on, &e, &err);
    if (x) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        rc = x == ZX_EINVAL || x == ZX_ENOTFOUND ? 1 : 2;
        goto cleanup;
    }
    printf("%s %s %d %s %g\n", e.entry_id, e.unit_id, e.year, e.item_id, e.score);
    rc = fflush(stdout) ? 2 : 0;
cleanup:
    teardown(&c);
    return rc;
}

static int run_cases(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *item = NULL;
    int year = 0, format = 0, part = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "year",
         .arg = "YYYY",
         .num = &year,
         .min = 1900,
         .max = 2099,
         .flags = ZX_OPT_REQUIRED,
         .help = "the year evaluated",
         .help_zh = "评价年度"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit evaluated",
         .help_zh = "被评价单位"},
        {.name = "item",
         .arg = "ID",
         .str = &item,
         .flags = ZX_OPT_REQUIRED,
         .help = "a computed item",
         .help_zh = "计算项目编号"},
        {.name = "part",
         .choice = &part,
         .choices = "numerator|denominator",
         .help = "indicator items: the numerator or the denominator",
         .help_zh = "分子或分母"},
        ZX_OPT_FORMAT(&format, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"appraise cases", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c = {0};
    struct zx_err err = {0};
    if ((rc = setup(&cmd, db, 1, &c)))
        goto cleanup;
    rc = 2;
    int i = zx_appraise_item_find(c.it, item);
    const struct zx_appraise_item *x = zx_appraise_item(c.it, i);
    int32_t u = zx_metrics_unit_find(c.m, unit), from, to;
    if (!x || x->kind == ZX_AP_ENTERED) {
        zx_opt_fail(&cmd, "no computed item '%s'", item);
        goto cleanup;
    }
    if (u < 0) {
        zx_opt_fail(&cmd, "no unit '%s'", unit);
        goto cleanup;
    }
    zx_appraise_year_range(year, &from, &to);
    if (x->kind == ZX_AP_INDICATOR) {
        /* the indicator drill-down itself: the same items `zhixiao cases` lists */
        struct zx_drill_opts o = {.cat = c.cat,
                                  .row = x->row,
                                  .part = part,
                                  .unit = u,
                                  .staff = -1,
                                  .from = from,
                                  .to = to,
                                  .format = format};
        if (zx_report_cases(stdout, c.st, c.m, &o, NULL, &err)) {
            zx_opt_fail(&cmd, "%s", zx_err_text(&err));
            goto cleanup;
        }
    } else if (x->kind == ZX_AP_CASEBOOK) {
        struct zx_cb_cand *v = NULL;
        int n = 0;
        if (x->published) {
            if (zx_casebook_published_in(c.st, unit, year, &n, &v, &err)) {
                zx_opt_fail(&cmd, "%s", zx_err_text(&err));
                goto cleanup;
            }
        } else {
            struct zx_cb_cand *all = NULL;
            size_t na = 0;
            if (zx_cb_list(c.st, NULL, &all, &na, &err)) {
                zx_opt_fail(&cmd, "%s", zx_err_text(&err));
                goto cleanup;
            }
            for (size_t k = 0; k < na; k++) {
                int32_t cu = zx_metrics_unit_find(c.m, all[k].unit_id);
                if (cu >= u && cu < u + zx_metrics_unit_size(c.m, u) &&
                    all[k].nominated_on >= from && all[k].nominated_on <= to)
                    all[n++] = all[k];
            }
            v = all;
        }
        for (int k = 0; k < n; k++)
            printf("%s %s %s %s\n", v[k].cand_id, v[k].case_id, v[k].unit_id, v[k].state);
        free(v);
    } else {
        struct zx_notice *v = NULL;
        size_t n = 0;
        if (zx_notice_list(c.st, &v, &n, &err)) {
            zx_opt_fail(&cmd, "%s", zx_err_text(&err));
            goto cleanup;
        }
        for (size_t k = 0; k < n; k++) {
            int32_t cu = zx_metrics_unit_find(c.m, v[k].unit_id);
            if (cu >= u && cu < u + zx_metrics_unit_size(c.m, u) && v[k].issued_on >= from &&
                v[k].issued_on <= to) {
                char d[16] = "—";
                if (v[k].replied_on != ZX_DATE_NULL)
                    zx_date_format(v[k].replied_on, d);
                char due[16];
                printf("%s %s %s reply_due=%s replied=%s\n", v[k].notice_no, v[k].case_id,
                       v[k].unit_id, zx_date_format(v[k].reply_due, due), d);
            }
        }
        free(v);
    }
    rc = fflush(stdout) ? 2 : 0;
cleanup:
    teardown(&c);
    return rc;
}

int cmd_appraise(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "enter"))
        return run_enter(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "cases"))
        return run_cases(argc - 1, argv + 1);
    const char *db = NULL, *unit = NULL, *of = NULL;
    int year = 0, format = 0, items = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "year",
         .arg = "YYYY",
         .num = &year,
         .min = 1900,
         .max = 2099,
         .flags = ZX_OPT_REQUIRED,
         .help = "the year evaluated",
         .help_zh = "评价年度"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "the evaluating unit (default the root)",
         .help_zh = "评价单位（默认根单位）"},
        {.name = "of",
         .arg = "ID",
         .str = &of,
         .help = "only this unit below it",
         .help_zh = "只评价其下的该单位"},
        {.name = "items",
         .flag = &items,
         .help = "table: each unit's items too",
         .help_zh = "表格中列出各项目"},
        ZX_OPT_FORMAT(&format, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"appraise", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c = {0};
    struct zx_err err = {0};
    struct zx_appraise_result *r = NULL;
    if ((rc = setup(&cmd, db, 1, &c)))
        goto cleanup;
    rc = 2;
    if (!unit)
        unit = zx_metrics_unit_id(c.m, 0);
    if (zx_appraise_eval(c.st, c.m, c.cat, c.it, unit, of, year, &r, &err) ||
        zx_appraise_print(stdout, r, c.it, format, items, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    rc = fflush(stdout) ? 2 : 0;
cleanup:
    zx_appraise_result_free(r);
    teardown(&c);
    return rc;
}
