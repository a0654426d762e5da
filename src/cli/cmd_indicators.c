/* cmd_indicators.c — `zhixiao indicators --db FILE --from DATE --to DATE [--unit ID]
 * [--by unit|staff|department] [--indicator ID…] [--catalog FILE] [--format json|table|csv]`:
 * evaluate the indicator catalog (shared/spec/indicators.md §7); the table and CSV add the
 * comparisons of §6 (parent value, rank and tier where switched on, target and gap). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/catalog.h"
#include "metrics/compare.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "sqlgen/sqlgen.h"
#include "store/pg.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "Compute the quality indicators (质效指标) of the catalog for a unit and its whole\n"
    "subtree over [from, to] (inclusive). Without --unit: the root unit. --by unit\n"
    "gives every unit of the subtree, --by staff every handler, --by department every\n"
    "department of every unit (the sum of its handlers' figures: a person counted by two\n"
    "handlers of one department counts twice there; table and CSV only).\n"
    "--line counts only cases of those lines (criminal, civil, administrative,\n"
    "public_interest, or 刑事/民事/行政/公益诉讼). --indicator (repeatable, or\n"
    "comma-separated) picks indicators; a structure id\n"
    "(duty_structure) picks all its categories. --catalog FILE uses another catalog\n"
    "(\"extends\": \"default\" adds to the default one). JSON (the default) is one\n"
    "array, value null when the denominator\n"
    "is 0; the table adds 同比 and 环比. The table and CSV also give the parent unit's\n"
    "value (for handlers and departments: their unit's), the rank and tier 上游/中游/下游\n"
    "among sibling units when the parent turned ranking on (`zhixiao settings`), and the\n"
    "unit's target and the gap to it (`zhixiao target`).\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "按指标目录计算某单位及其全部下级单位在 [from, to]（含首尾）期间的质效指标。不给\n"
    "--unit 时为根单位。--by unit 列出子树中每个单位，--by staff 每个承办人，--by\n"
    "department 每个单位的每个部门（为其承办人数据之和：同一部门两名承办人计入的同一\n"
    "人员在部门中计两次；仅表格和 CSV）。--line 只计这些条线的案件（criminal、civil、\n"
    "administrative、public_interest，或 刑事/民事/行政/公益诉讼）。--indicator（可重复，\n"
    "或以逗号分隔）选择指标；结构比编号（duty_structure）选择其全部类别。--catalog FILE\n"
    "另用指标目录（\"extends\": \"default\" 在默认目录上增补）。JSON（默认）为一个数组，\n"
    "分母为 0 时值为 null；表格另给同比、环比。表格和 CSV 还给出上级单位值（承办人和\n"
    "部门为其所在单位的值）、上级开启排名（`zhixiao settings`）时在同级单位中的名次和\n"
    "上游/中游/下游分档，以及本单位目标值及差距（`zhixiao target`）。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

/* --db postgresql://…: the catalog compiled to SQL on the cluster (sqlgen.h); JSON only. */
static int on_cluster(const struct zx_opt_cmd *cmd, const char *url,
                      const struct zx_sqlgen_query *q, int format, int explain)
{
    struct zx_pg *pg = NULL;
    struct zx_err err = {0};
    if (format != ZX_REPORT_JSON || q->by > ZX_SQLGEN_BY_STAFF)
        return zx_opt_fail(cmd, "on a PostgreSQL cluster only --format json and --by unit|staff");
    if (zx_pg_connect(url, &pg, &err) || zx_sqlgen_indicators(stdout, pg, q, explain, &err)) {
        zx_pg_close(pg);
        return zx_opt_fail(cmd, "%s", err.msg);
    }
    zx_pg_close(pg);
    return fflush(stdout) == 0 ? 0 : 2;
}

/* --line: the lines (四大检察) as a mask. */
static int parse_lines(const char *val, void *ud, struct zx_err *err)
{
    if (zx_report_parse_lines(val, ud))
        return zx_err_set(err, ZX_EINVAL, "%s", zx_msg(ZX_M_CLI_BAD_LINES));
    return ZX_OK;
}

int cmd_indicators(int argc, char **argv)
{
    uint32_t lines = 0; /* --line: only cases of these lines (四大检察) */
    const char *db = NULL, *unit = NULL, *catalog = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int by = ZX_BY_NONE, format = ZX_REPORT_JSON, ret = 2, explain = 0;
    struct zx_opt_list ids = {0};
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_settings *settings = NULL;
    struct zx_departments *depts = NULL;
    int *rows = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        ZX_OPT_UNIT(&unit),
        {.name = "by",
         .choice = &by, /* the order of enum zx_report_by */
         .choices = "none|unit|staff|department",
         .help = "one row per unit, handler or department",
         .help_zh = "按单位、承办人或部门逐行列出"},
        {.name = "line",
         .arg = "L[,L…]",
         .fn = parse_lines,
         .ud = &lines,
         .help = "only cases of these lines",
         .help_zh = "只计这些检察条线的案件"},
        {.name = "indicator",
         .arg = "ID[,ID…]",
         .list = &ids,
         .flags = ZX_OPT_COMMAS,
         .help = "only these indicators (repeatable)",
         .help_zh = "只计算这些指标（可重复）"},
        {.name = "catalog",
         .arg = "FILE",
         .str = &catalog,
         .help = "another indicator catalog",
         .help_zh = "另用的指标目录文件"},
        ZX_OPT_FORMAT(&format, "json|table|csv"), /* the order of enum zx_report_format */
        {.name = "explain",
         .flag = &explain,
         .flags = ZX_OPT_HIDDEN,
         .help = "on a cluster: print the generated SQL and its plan",
         .help_zh = "集群上：输出生成的 SQL 及其执行计划"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"indicators", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (by == ZX_BY_DEPARTMENT && format == ZX_REPORT_JSON)
        return zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_CLI_DEPT_NO_JSON));
    if (zx_opt_check_period(&cmd, from, to))
        return 2;
    rc = catalog ? zx_catalog_load_file(catalog, &cat, &err)
                 : zx_catalog_load_default(&cat, NULL, &err);
    if (rc) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    int nrows = 0, cap = zx_catalog_rows(cat);
    if (ids.n) {
        rows = calloc((size_t)cap + 1, sizeof *rows);
        if (!rows) {
            zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_CLI_OOM));
            goto cleanup;
        }
        for (int i = 0; i < ids.n; i++) {
            int got = zx_catalog_select(cat, ids.v[i], rows + nrows, cap - nrows);
            if (!got) {
                zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_INDICATOR), ids.v[i], zx_catalog_source(cat));
                goto cleanup;
            }
            nrows += got > cap - nrows ? cap - nrows : got;
        }
    }
    if (zx_pg_is_url(db)) {
        struct zx_sqlgen_query q = {.cat = cat,
                                    .unit_id = unit,
                                    .by = by,
                                    .rows = ids.n ? rows : NULL,
                                    .nrows = nrows,
                                    .from = from,
                                    .to = to,
                                    .lines = lines};
        ret = on_cluster(&cmd, db, &q, format, explain);
        goto cleanup;
    }
    if (access(db, R_OK) != 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_READ_DB), db);
        goto cleanup;
    }
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    int32_t u = -1;
    if (unit) {
        u = zx_metrics_unit_find(m, unit);
        if (u < 0) {
            zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNIT), unit, db);
            goto cleanup;
        }
    } else if (zx_metrics_units(m) == 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNITS), db);
        goto cleanup;
    }
    if (format != ZX_REPORT_JSON && zx_settings_load(st, &settings, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (by == ZX_BY_DEPARTMENT && zx_compare_departments(st, m, &depts, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    struct zx_report_opts o = {.cat = cat,
                               .unit = u,
                               .by = by,
                               .rows = ids.n ? rows : NULL,
                               .nrows = nrows,
                               .from = from,
                               .to = to,
                               .format = format,
                               .compare = 1,
                               .settings = settings,
                               .departments = depts,
                               .lines = lines};
    if (zx_report_indicators(stdout, m, &o, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
cleanup:
    zx_compare_departments_free(depts);
    zx_settings_free(settings);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    free(rows);
    return ret;
}
