/* cmd_bulletin.c — `zhixiao bulletin --db FILE --unit ID --period P --out FILE.xlsx
 * [--catalog FILE]`: the 通报 workbook of bulletin/bulletin.h. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "bulletin/bulletin.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "Write the bulletin (通报) of a unit (its whole subtree; default the root) for\n"
    "period P (2024, 2024-H1, 2024-Q3 or 2024-07) as an XLSX workbook: 研判要点,\n"
    "案-件比, 刑事检察指标, 其他业务指标, 三个结构比 and 各院对比, with charts, the\n"
    "definition of each indicator, 同比/环比, the parent unit's value, the unit's\n"
    "targets and, where the unit turned it on (`zhixiao settings`), the ranks of its\n"
    "child units. 研判要点 only cite figures whose denominators reach N (default 10).\n"
    "The file is written to a temporary name and renamed into place.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "生成单位（含全部下级单位；默认为根单位）在期间 P（2024、2024-H1、2024-Q3 或\n"
    "2024-07）的通报 XLSX 工作簿：研判要点、案-件比、刑事检察指标、其他业务指标、\n"
    "三个结构比和各院对比，附图表、各指标定义、同比/环比、上级单位值、本单位目标值，\n"
    "以及单位开启排名（`zhixiao settings`）时其下级单位的排名。研判要点只引用分母\n"
    "达到 N（默认 10）的数据。文件先写入临时文件名，再改名到位。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

/* Latest event date on or before `to` (ZX_DATE_NULL when none). */
int cmd_bulletin(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *out = NULL, *catalog = NULL;
    const char *period = ""; /* required: the parser sets it */
    int ret = 2, min_den = 0;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_settings *settings = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "period",
         .arg = "P",
         .str = &period,
         .flags = ZX_OPT_REQUIRED,
         .help = "2024, 2024-H1, 2024-Q3 or 2024-07",
         .help_zh = "期间：2024、2024-H1、2024-Q3 或 2024-07"},
        {.name = "out",
         .arg = "FILE.xlsx",
         .str = &out,
         .flags = ZX_OPT_REQUIRED,
         .help = "the workbook to write",
         .help_zh = "输出的工作簿"},
        ZX_OPT_UNIT(&unit),
        {.name = "catalog",
         .arg = "FILE",
         .str = &catalog,
         .help = "another indicator catalog",
         .help_zh = "另用的指标目录文件"},
        {.name = "min-denominator",
         .num = &min_den,
         .min = 1,
         .max = 1000000,
         .help = "smallest denominator 研判要点 cite (default 10)",
         .help_zh = "研判要点引用数据的最小分母（默认 10）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"bulletin", opts, about, about_zh};
    int prc = zx_opt_parse(&cmd, argc, argv);
    if (prc != ZX_OPT_GO)
        return prc;
    int32_t from, to;
    char label[64];
    if (zx_date_period(period, &from, &to, label, sizeof label, &err)) {
        return zx_opt_fail(&cmd, "--period: %s", err.msg);
    }
    if (catalog ? zx_catalog_load_file(catalog, &cat, &err)
                : zx_catalog_load_default(&cat, NULL, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (access(db, R_OK) != 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_READ_DB), db);
        goto cleanup;
    }
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err) ||
        zx_settings_load(st, &settings, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    int32_t u = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNIT), unit, db);
        goto cleanup;
    }
    if (zx_metrics_units(m) == 0) {
        zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_UNITS), db);
        goto cleanup;
    }
    int32_t as_of = ZX_DATE_NULL;
    if (zx_store_events_as_of(st, to, &as_of, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    struct zx_bulletin_opts o = {.cat = cat,
                                 .unit = u,
                                 .from = from,
                                 .to = to,
                                 .period_label = label,
                                 .data_as_of = as_of,
                                 .settings = settings,
                                 .min_denominator = min_den};
    if (zx_bulletin_write(out, m, &o, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    printf(zx_msg(ZX_M_CLI_WROTE_BULLETIN), out, zx_metrics_unit_id(m, u < 0 ? 0 : u), label);
    ret = 0;
cleanup:
    zx_settings_free(settings);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    return ret;
}
