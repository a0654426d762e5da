/* cmd_evaluate.c — `zhixiao evaluate --db F --from D --to D [--unit U] [--staff S]
 * [--cases COMPONENT] [--config FILE] [--format json|table]`: 检察官业绩考评 of each prosecutor
 * of a unit's subtree (evaluate/evaluate.h), or the cases behind one component of one
 * prosecutor; `zhixiao evaluate ranking --db F --unit U [on|off]` shows or sets whether the
 * unit ranks its prosecutors (off by default: 一取消三不再). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "evaluate/evaluate.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "monitor/monitor.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "检察官业绩考评 (prosecutor evaluation, 高检发〔2020〕7号): every prosecutor of the unit's\n"
    "subtree who has anything counted in the period, scored 0-100 in 质量 / 效率 / 效果 from\n"
    "the components of data/evaluation.json (indicators per handler, weighted workload,\n"
    "流程监控 late and overdue stages, monitoring notices), each with its definition, rule\n"
    "and weight. The weights are configuration: no official national weights exist; the\n"
    "shipped ones (50/30/20) are ours. With --staff and no --unit the peers are the\n"
    "prosecutor's own unit. --cases COMPONENT --staff S lists the cases behind that\n"
    "component's figure (counted items sum to its count). Ranks appear only when the unit\n"
    "turned ranking on (`zhixiao evaluate ranking --unit U on`).\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "检察官业绩考评（高检发〔2020〕7号）：考评单位（含下级院）中考评期内有计入事项的每名\n"
    "检察官，按 data/evaluation.json 的考评项（按承办人计的指标、折算办案量、流程监控超期\n"
    "办结与逾期未结、流程监控通知书）分质量、效率、效果计 0–100 分，每项附定义、计分规则和\n"
    "权重。权重为可配置项：全国未公布统一权重，默认的 50/30/20 为本系统设定。给 --staff\n"
    "而不给 --unit 时以该检察官所在院为比较范围。--cases 考评项 --staff 人员 列出该项数值\n"
    "背后的案件（计入条目之和等于该项件数）。只有单位开启排名后才显示名次\n"
    "（`zhixiao evaluate ranking --unit U on`）。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

static const char rank_about[] =
    "Show, or set with on|off, whether the unit ranks its prosecutors in `zhixiao evaluate`\n"
    "and the 业绩考评 page. Off unless the unit turns it on (一取消三不再).\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char rank_about_zh[] =
    "查看或以 on|off 设置本单位在 `zhixiao evaluate` 和业绩考评页面中是否对检察官排名。\n"
    "默认关闭，须由单位开启（一取消三不再）。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

static int ranking_cmd(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *val = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    int ret = 2, on = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit",
         .help_zh = "单位编号"},
        {.arg = "on|off", .str = &val, .help = "turn ranking on or off", .help_zh = "开启或关闭"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"evaluate ranking", opts, rank_about, rank_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (val && strcmp(val, "on") && strcmp(val, "off"))
        return zx_opt_fail(&cmd, "expected on or off, got '%s'", val);
    if (access(db, val ? R_OK | W_OK : R_OK) != 0)
        return zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_READ_DB), db);
    if (zx_store_open(db, &st, &err) ||
        (val && zx_eval_ranking_set(st, unit, !strcmp(val, "on"), &err)) ||
        zx_eval_ranking_get(st, unit, &on, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    printf("%s\t%s\n", unit, on ? "on" : "off");
    ret = 0;
cleanup:
    zx_store_close(st);
    return ret;
}

static const char *fmt_score(const json_t *v, char *b, size_t n)
{
    if (!json_is_number(v))
        return "—";
    snprintf(b, n, "%.2f", json_number_value(v));
    return b;
}

static const char *fmt_fig(const json_t *v, char *b, size_t n)
{
    double x = json_number_value(v);
    if (x == (double)(long long)x)
        snprintf(b, n, "%lld", (long long)x);
    else
        snprintf(b, n, "%.2f", x);
    return b;
}

static void print_table(const json_t *o)
{
    const json_t *rows = json_object_get(o, "prosecutors"),
                 *comps = json_object_get(o, "components");
    size_t i, j;
    const json_t *r, *k;
    char a[32], b[32], c[32], d[32];
    printf("检察官业绩考评 %s %s 至 %s（权重：", json_string_value(json_object_get(o, "unit_name")),
           json_string_value(json_object_get(o, "from")),
           json_string_value(json_object_get(o, "to")));
    json_array_foreach(json_object_get(o, "dimensions"), i, r)
    {
        printf("%s%s %g", i ? "、" : "", json_string_value(json_object_get(r, "name")),
               json_number_value(json_object_get(r, "weight")));
    }
    printf("；本系统默认，非官方权重）\n");
    printf("%-4s %-10s %-8s %-24s %7s %7s %7s %7s\n", "名次", "staff_id", "姓名", "单位", "总分",
           "质量", "效率", "效果");
    json_array_foreach(rows, i, r)
    {
        const json_t *dims = json_object_get(r, "dimensions"), *rk = json_object_get(r, "rank");
        char rank[16] = "—";
        if (json_is_integer(rk))
            snprintf(rank, sizeof rank, "%lld", (long long)json_integer_value(rk));
        printf("%-4s %-10s %-8s %-24s %7s %7s %7s %7s\n", rank,
               json_string_value(json_object_get(r, "staff_id")),
               json_string_value(json_object_get(r, "name")),
               json_string_value(json_object_get(r, "unit_name")),
               fmt_score(json_object_get(r, "total"), a, sizeof a),
               fmt_score(json_object_get(dims, "quality"), b, sizeof b),
               fmt_score(json_object_get(dims, "efficiency"), c, sizeof c),
               fmt_score(json_object_get(dims, "effect"), d, sizeof d));
        json_array_foreach(json_object_get(r, "components"), j, k)
        {
            const json_t *def = json_array_get(comps, j);
            if (!json_is_true(json_object_get(def, "enabled")))
                continue;
            printf("     %-16s %-28s 件数 %-6s 基数 %-6s 值 %-8s 得分 %s\n",
                   json_string_value(json_object_get(k, "id")),
                   json_string_value(json_object_get(def, "name")),
                   fmt_fig(json_object_get(k, "count"), a, sizeof a),
                   fmt_fig(json_object_get(k, "base"), b, sizeof b),
                   fmt_fig(json_object_get(k, "sum"), c, sizeof c),
                   fmt_score(json_object_get(k, "score"), d, sizeof d));
        }
    }
}

static void print_drill_table(const json_t *o)
{
    size_t i;
    const json_t *it;
    char a[32], b[32], c[32];
    printf("%s %s（%s）：件数 %s，基数 %s，值 %s\n%s\n",
           json_string_value(json_object_get(o, "staff_name")),
           json_string_value(json_object_get(o, "name")),
           json_string_value(json_object_get(o, "component")),
           fmt_fig(json_object_get(o, "count"), a, sizeof a),
           fmt_fig(json_object_get(o, "base"), b, sizeof b),
           fmt_fig(json_object_get(o, "sum"), c, sizeof c),
           json_string_value(json_object_get(o, "definition")));
    printf("%-16s %-8s %-10s %8s %s\n", "case_id", "计入", "日期", "权重", "事项");
    json_array_foreach(json_object_get(o, "items"), i, it)
    {
        const json_t *cid = json_object_get(it, "case_id");
        printf("%-16s %-8s %-10s %8s %s\n", json_is_string(cid) ? json_string_value(cid) : "",
               strcmp(json_string_value(json_object_get(it, "part")), "base") ? "分子" : "分母",
               json_string_value(json_object_get(it, "date")),
               fmt_fig(json_object_get(it, "weight"), a, sizeof a),
               json_string_value(json_object_get(it, "what")));
    }
}

int cmd_evaluate(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *staff = NULL, *comp = NULL, *config = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int table = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_eval_config *cfg = NULL;
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_eval_result *res = NULL;
    json_t *out = NULL;
    struct zx_err err = {0};
    if (argc > 1 && !strcmp(argv[1], "ranking"))
        return ranking_cmd(argc - 1, argv + 1);
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        ZX_OPT_UNIT(&unit),
        {.name = "staff",
         .arg = "ID",
         .str = &staff,
         .help = "only this prosecutor (peers: --unit, else their own unit)",
         .help_zh = "只列该检察官（比较范围：--unit，否则其所在院）"},
        {.name = "cases",
         .arg = "COMPONENT",
         .str = &comp,
         .help = "list the cases behind this component of --staff",
         .help_zh = "列出 --staff 该考评项背后的案件"},
        {.name = "config",
         .arg = "FILE",
         .str = &config,
         .help = "another evaluation configuration (default data/evaluation.json)",
         .help_zh = "另用的考评配置文件（默认 data/evaluation.json）"},
        ZX_OPT_FORMAT(&table, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"evaluate", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_opt_check_period(&cmd, from, to))
        return 2;
    if (comp && !staff)
        return zx_opt_fail(&cmd, "--cases needs --staff");
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_READ_DB), db);
    if ((config ? zx_eval_config_load_file(config, &cfg, &err)
                : zx_eval_config_load_default(&cfg, NULL, &err)) ||
        zx_catalog_load_default(&cat, NULL, &err) ||
        zx_monitor_rules_load_default(&rules, NULL, &err) || zx_store_open(db, &st, &err) ||
        zx_metrics_load(st, &m, &err))
        goto fail;
    if (zx_metrics_units(m) == 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNITS), db);
        goto cleanup;
    }
    int32_t u = 0, s = -1;
    if (staff && (s = zx_metrics_staff_find(m, staff)) < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_STAFF), staff, db);
        goto cleanup;
    }
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNIT), unit, db);
        goto cleanup;
    }
    if (!unit && s >= 0 && zx_metrics_staff_unit(m, s) >= 0)
        u = zx_metrics_staff_unit(m, s);
    if (s >= 0) {
        int32_t su = zx_metrics_staff_unit(m, s);
        if (su < u || su >= u + zx_metrics_unit_size(m, u)) {
            zx_opt_fail(&cmd, "staff member '%s' does not belong to unit '%s' or its subtree",
                        staff, zx_metrics_unit_id(m, u));
            goto cleanup;
        }
    }
    int ci = -1, ranking = 0;
    if (comp && (ci = zx_eval_component_find(cfg, comp)) < 0) {
        zx_opt_fail(&cmd, "no component '%s' in the evaluation configuration", comp);
        goto cleanup;
    }
    if (ci >= 0 && !zx_eval_component(cfg, ci)->enabled) {
        zx_opt_fail(&cmd, "component '%s' is disabled in the configuration", comp);
        goto cleanup;
    }
    if (zx_eval_ranking_get(st, zx_metrics_unit_id(m, u), &ranking, &err) ||
        zx_monitor_unit_periods(st, m, rules, &sugg, &corr, &err))
        goto fail;
    struct zx_eval_query q = {.unit = u,
                              .from = from,
                              .to = to,
                              .staff = s,
                              .drill = ci,
                              .drill_staff = ci >= 0 ? s : -1,
                              .ranking = ranking,
                              .cat = cat,
                              .rules = rules,
                              .suggestion = sugg,
                              .correction = corr};
    if (zx_eval_run(st, m, cfg, &q, &res, &err))
        goto fail;
    if (ci >= 0) {
        if (zx_eval_drill_json(st, m, cfg, &q, res, 0, 0, &out, &err))
            goto fail;
    } else {
        out = zx_eval_result_json(m, cfg, &q, res);
    }
    if (!out) {
        zx_opt_fail(&cmd, "out of memory");
        goto cleanup;
    }
    if (table && ci >= 0)
        print_drill_table(out);
    else if (table)
        print_table(out);
    else if (json_dumpf(out, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0)
        fputc('\n', stdout);
    ret = fflush(stdout) == 0 ? 0 : 2;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    json_decref(out);
    zx_eval_result_free(res);
    free(sugg);
    free(corr);
    zx_monitor_rules_free(rules);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    zx_eval_config_free(cfg);
    return ret;
}
