/* cmd_cases.c — `zhixiao cases --db FILE --indicator ID --unit ID --from D --to D
 * --part numerator|denominator [--staff ID] [--catalog FILE] [--format json|table]`:
 * the drill-down, listing exactly the persons, cases or events counted in one number. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "sqlgen/sqlgen.h"
#include "store/pg.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "List the persons, cases or events counted in the numerator or denominator of one\n"
    "indicator for a unit (its whole subtree; default the root) or a handler, with\n"
    "their events. The number of items equals the figure of `zhixiao indicators`.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "列出某单位（含全部下级单位；默认为根单位）或某承办人一项指标的分子或分母所计入的\n"
    "人员、案件或事件及其事件。条目数等于 `zhixiao indicators` 给出的数值。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

/* --line: the lines (四大检察) as a mask. */
static int parse_lines(const char *val, void *ud, struct zx_err *err)
{
    if (zx_report_parse_lines(val, ud))
        return zx_err_set(err, ZX_EINVAL, "%s", zx_msg(ZX_M_CLI_BAD_LINES));
    return ZX_OK;
}

int cmd_cases(int argc, char **argv)
{
    uint32_t lines = 0; /* --line: only cases of these lines */
    const char *db = NULL, *unit = NULL, *staff = NULL, *catalog = NULL, *id = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int format = ZX_REPORT_JSON, part = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "indicator",
         .arg = "ID",
         .str = &id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the indicator",
         .help_zh = "指标编号"},
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        {.name = "part",
         .choice = &part,
         .choices = "numerator|denominator", /* the order of enum zx_metrics_part */
         .flags = ZX_OPT_REQUIRED,
         .help = "the numerator or the denominator",
         .help_zh = "分子或分母"},
        ZX_OPT_UNIT(&unit),
        {.name = "staff",
         .arg = "ID",
         .str = &staff,
         .help = "a handler instead of a unit",
         .help_zh = "承办人（代替单位）"},
        {.name = "line",
         .arg = "L[,L…]",
         .fn = parse_lines,
         .ud = &lines,
         .help = "only cases of these lines",
         .help_zh = "只计这些检察条线的案件"},
        {.name = "catalog",
         .arg = "FILE",
         .str = &catalog,
         .help = "another indicator catalog",
         .help_zh = "另用的指标目录文件"},
        ZX_OPT_FORMAT(&format, "json|table"), /* the order of enum zx_report_format */
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"cases", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_opt_check_period(&cmd, from, to))
        return 2;
    rc = catalog ? zx_catalog_load_file(catalog, &cat, &err)
                 : zx_catalog_load_default(&cat, NULL, &err);
    if (rc) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    int row = zx_catalog_find(cat, id);
    if (row < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_INDICATOR_CAT), id, zx_catalog_source(cat));
        goto cleanup;
    }
    if (zx_pg_is_url(db)) { /* the same drill-down compiled to SQL (sqlgen.h); JSON only */
        struct zx_pg *pg = NULL;
        struct zx_sqlgen_drill d = {.cat = cat,
                                    .row = row,
                                    .part = part,
                                    .unit_id = unit,
                                    .staff_id = staff,
                                    .from = from,
                                    .to = to,
                                    .lines = lines};
        if (format != ZX_REPORT_JSON)
            zx_opt_fail(&cmd, "on a PostgreSQL cluster only --format json");
        else if (zx_pg_connect(db, &pg, &err) || zx_sqlgen_cases(stdout, pg, &d, NULL, &err))
            zx_opt_fail(&cmd, "%s", err.msg);
        else
            ret = fflush(stdout) == 0 ? 0 : 2;
        zx_pg_close(pg);
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
    if (zx_metrics_units(m) == 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNITS), db);
        goto cleanup;
    }
    int32_t u = -1, s = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNIT), unit, db);
        goto cleanup;
    }
    if (staff && (s = zx_metrics_staff_find(m, staff)) < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_STAFF), staff, db);
        goto cleanup;
    }
    struct zx_drill_opts o = {.lines = lines,
                              .cat = cat,
                              .row = row,
                              .part = part,
                              .unit = u,
                              .staff = s,
                              .from = from,
                              .to = to,
                              .format = format};
    if (zx_report_cases(stdout, st, m, &o, NULL, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
cleanup:
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    return ret;
}
