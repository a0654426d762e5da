/* cmd_settings.c — `zhixiao settings` (ranking of a unit's child units on or off) and
 * `zhixiao target` (per-unit targets 目标值: set, list, clear), over store/settings.h. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/catalog.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/fmt.h"
#include "util/date.h"
#include "util/msg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char settings_about[] =
    "Ranking (排名) of a unit's child units by each indicator, with tiers 上游/中游/下游\n"
    "by thirds, is off unless the unit turns it on (\"一取消三不再\": ranking is an\n"
    "option, never the default). It shows in `zhixiao indicators --format table|csv`\n"
    "and in the bulletin; context indicators are never ranked.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char settings_about_zh[] =
    "单位的下级单位按各项指标排名（按三分位分为上游/中游/下游）默认关闭，须由该单位\n"
    "开启（“一取消三不再”：排名是选项，绝非默认）。排名显示在 `zhixiao indicators\n"
    "--format table|csv` 和通报中；背景指标从不排名。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

static const char target_about[] =
    "A unit's own target (目标值) for an indicator, in force from DATE (default: always)\n"
    "until a later one. V is in the indicator's printed unit: percent for rates (95 or\n"
    "95% = 95.00%), the ratio for 案-件比 (1.30 or 1:1.30; a value of 10 or more is read\n"
    "as the ×100 form, 130). Structure ratios take no target: they are read as a whole.\n"
    "`clear` without --indicator removes every target of the unit, without --from every\n"
    "date. The tables of `zhixiao indicators` and the bulletin show the gap to the target.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char target_about_zh[] =
    "单位自定的指标目标值，自 DATE 起（默认：一直）生效，直至更晚的目标值。V 按指标的\n"
    "显示单位填写：比率为百分数（95 或 95% 即 95.00%），案-件比为比值（1.30 或 1:1.30；\n"
    "10 及以上按×100 形式读，如 130）。结构比作为整体解读，不设目标值。`clear` 不给\n"
    "--indicator 时删除该单位的全部目标值，不给 --from 时删除各日期的目标值。\n"
    "`zhixiao indicators` 的表格和通报显示与目标值的差距。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

/* Open db for writing: the parser has checked it was given. */
static int open_db(const struct zx_opt_cmd *cmd, const char *db, struct zx_store **st)
{
    struct zx_err err = {0};
    if (access(db, R_OK | W_OK) != 0) {
        zx_opt_fail(cmd, zx_msg(ZX_M_CLI_CANNOT_OPEN_DB), db);
        return -1;
    }
    if (zx_store_open(db, st, &err)) {
        zx_opt_fail(cmd, "%s", err.msg);
        return -1;
    }
    return 0;
}

static int ranking_of(struct zx_store *st, const char *unit_id)
{
    int on = 0;
    struct zx_err err = {0};
    if (zx_settings_get_ranking(st, unit_id, &on, &err))
        return -1;
    return on;
}

static int print_ranking_row(void *ud, const char *unit_id, const char *name)
{
    struct zx_store *st = ud;
    if (!unit_id)
        return 0;
    printf(zx_msg(ZX_M_SET_RANKING_ROW), unit_id, name ? name : "",
           zx_msg(ranking_of(st, unit_id) == 1 ? ZX_M_SET_ON : ZX_M_SET_OFF));
    return 0;
}

static int settings_set(void *ud, int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *key = "", *value = ""; /* both required */
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    (void)ud;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit whose child units are ranked",
         .help_zh = "其下级单位参与排名的单位"},
        {.arg = "ranking", .str = &key, .flags = ZX_OPT_REQUIRED, .help = "the setting"},
        {.arg = "on|off", .str = &value, .flags = ZX_OPT_REQUIRED, .help = "its value"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"settings set", opts, settings_about, settings_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (strcmp(key, "ranking"))
        return zx_opt_fail(&cmd, zx_msg(ZX_M_SET_UNKNOWN), key);
    int on = !strcmp(value, "on");
    if (!on && strcmp(value, "off"))
        return zx_opt_fail(&cmd, zx_msg(ZX_M_SET_ON_OFF), value);
    if (open_db(&cmd, db, &st))
        return 2;
    rc = 2;
    if (zx_settings_set_ranking(st, unit, on, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
    } else {
        printf(zx_msg(ZX_M_SET_RANKING_SET), unit, zx_msg(on ? ZX_M_SET_ON : ZX_M_SET_OFF));
        rc = 0;
    }
    zx_store_close(st);
    return rc;
}

static int settings_show(void *ud, int argc, char **argv)
{
    const char *db = NULL, *unit = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    (void)ud;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "only this unit (default: every unit)",
         .help_zh = "只显示此单位（默认：全部单位）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"settings show", opts, settings_about, settings_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    if (unit) {
        int on = ranking_of(st, unit);
        if (on < 0) {
            zx_store_close(st);
            return zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_SET_CANNOT_READ));
        }
        printf(zx_msg(ZX_M_SET_RANKING_ONE), unit, zx_msg(on ? ZX_M_SET_ON : ZX_M_SET_OFF));
        rc = 0;
    } else {
        rc = zx_store_each_unit(st, print_ranking_row, st, &err);
        if (rc)
            zx_opt_fail(&cmd, "%s", err.msg);
    }
    zx_store_close(st);
    return rc ? 2 : 0;
}

int cmd_settings(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"set", settings_set, "turn a setting of a unit on or off", "开启或关闭单位的某项设置"},
        {"show", settings_show, "show the settings of units", "显示各单位的设置"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("settings", subs, settings_about, settings_about_zh, NULL, argc, argv);
}

/* Read V in the printed unit of row into the plain value. */
static int target_value(const struct zx_catalog_row *row, const char *s, double *out)
{
    char *end;
    const char *p = s;
    if (row->display == ZX_DISP_CASE_RATIO && !strncmp(p, "1:", 2))
        p += 2;
    double v = strtod(p, &end);
    if (end == p || !isfinite(v) || v < 0)
        return -1;
    if (row->display == ZX_DISP_CASE_RATIO) {
        if (*end)
            return -1;
        *out = v >= 10 ? v / 100.0 : v; /* 130 is the ×100 form of 1:1.30 */
        return 0;
    }
    if (*end == '%')
        end++;
    if (*end || v > 100)
        return -1;
    *out = v / 100.0;
    return 0;
}

static void print_target(const struct zx_catalog *cat, const struct zx_target *t)
{
    char d[16] = "—", v[40];
    int r = zx_catalog_find(cat, t->indicator);
    const struct zx_catalog_row *row = r >= 0 ? zx_catalog_row(cat, r) : NULL;
    if (t->effective_from != ZX_SETTINGS_ALWAYS)
        zx_date_format(t->effective_from, d);
    char num[32];
    if (row && row->display == ZX_DISP_CASE_RATIO)
        snprintf(v, sizeof v, "1:%s", zx_fmt_fixed(num, sizeof num, t->value, 2, 0));
    else
        snprintf(v, sizeof v, "%s%%", zx_fmt_fixed(num, sizeof num, t->value * 100.0, 2, 0));
    printf("%-12s %-44s %-10s %10s  %s\n", t->unit_id, t->indicator, d, v,
           row ? row->name_zh : zx_msg(ZX_M_TGT_NOT_IN_CATALOG));
}

/* The options of `target set|list|clear`; which are required depends on the verb. */
struct target_args {
    const char *db, *unit, *indicator, *value, *catalog;
    int32_t from;
};

static int target_run(const char *verb, int argc, char **argv)
{
    int is_set = !strcmp(verb, "set"), is_list = !strcmp(verb, "list");
    struct target_args a = {.from = ZX_DATE_NULL};
    char name[32];
    int ret = 2;
    struct zx_store *st = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_target *list = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&a.db),
        {.name = "unit",
         .arg = "ID",
         .str = &a.unit,
         .flags = is_list ? 0 : ZX_OPT_REQUIRED,
         .help = "the unit",
         .help_zh = "单位编号"},
        {.name = "indicator",
         .arg = "ID",
         .str = &a.indicator,
         .flags = is_set    ? ZX_OPT_REQUIRED
                  : is_list ? ZX_OPT_HIDDEN
                            : 0,
         .help = "the indicator",
         .help_zh = "指标编号"},
        {.name = "value",
         .arg = "V",
         .str = &a.value,
         .flags = is_set ? ZX_OPT_REQUIRED : ZX_OPT_HIDDEN,
         .help = "the target in the indicator's printed unit (95%, 1:1.30)",
         .help_zh = "按指标显示单位填写的目标值（95%、1:1.30）"},
        {.name = "from",
         .arg = "DATE",
         .date = &a.from,
         .flags = is_list ? ZX_OPT_HIDDEN : 0,
         .help = "in force from this day (default: always)",
         .help_zh = "自该日起生效（默认：一直）"},
        {.name = "catalog",
         .arg = "FILE",
         .str = &a.catalog,
         .help = "another indicator catalog",
         .help_zh = "另用的指标目录文件"},
        ZX_OPT_END,
    };
    snprintf(name, sizeof name, "target %s", verb);
    const struct zx_opt_cmd cmd = {name, opts, target_about, target_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (a.catalog ? zx_catalog_load_file(a.catalog, &cat, &err)
                  : zx_catalog_load_default(&cat, NULL, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (is_set) {
        int r = zx_catalog_find(cat, a.indicator);
        if (r < 0) {
            zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_NO_INDICATOR), a.indicator, zx_catalog_source(cat));
            goto cleanup;
        }
        const struct zx_catalog_row *row = zx_catalog_row(cat, r);
        if (row->structure) {
            zx_opt_fail(&cmd, zx_msg(ZX_M_TGT_STRUCTURE), a.indicator);
            goto cleanup;
        }
        struct zx_target t = {.effective_from = a.from}; /* ZX_DATE_NULL is ZX_SETTINGS_ALWAYS */
        if (target_value(row, a.value, &t.value)) {
            zx_opt_fail(&cmd,
                        zx_msg(row->display == ZX_DISP_CASE_RATIO ? ZX_M_TGT_BAD_RATIO
                                                                  : ZX_M_TGT_BAD_PERCENT),
                        a.value);
            goto cleanup;
        }
        snprintf(t.unit_id, sizeof t.unit_id, "%s", a.unit);
        snprintf(t.indicator, sizeof t.indicator, "%s", a.indicator);
        if (open_db(&cmd, a.db, &st))
            goto cleanup;
        if (zx_settings_target_set(st, &t, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            goto cleanup;
        }
        print_target(cat, &t);
    } else if (is_list) {
        size_t n;
        if (open_db(&cmd, a.db, &st))
            goto cleanup;
        if (zx_settings_target_list(st, a.unit, &list, &n, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            goto cleanup;
        }
        for (size_t i = 0; i < n; i++)
            print_target(cat, &list[i]);
    } else {
        int removed = 0;
        if (open_db(&cmd, a.db, &st))
            goto cleanup;
        if (zx_settings_target_clear(st, a.unit, a.indicator, a.from, a.from == ZX_DATE_NULL,
                                     &removed, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            goto cleanup;
        }
        printf(zx_msg(removed == 1 ? ZX_M_TGT_REMOVED_ONE : ZX_M_TGT_REMOVED), removed);
    }
    ret = 0;
cleanup:
    free(list);
    zx_catalog_free(cat);
    zx_store_close(st);
    return ret;
}

static int target_set(void *ud, int argc, char **argv)
{
    (void)ud;
    return target_run("set", argc, argv);
}
static int target_list(void *ud, int argc, char **argv)
{
    (void)ud;
    return target_run("list", argc, argv);
}
static int target_clear(void *ud, int argc, char **argv)
{
    (void)ud;
    return target_run("clear", argc, argv);
}

int cmd_target(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"set", target_set, "set a unit's target for an indicator", "设定单位某项指标的目标值"},
        {"list", target_list, "list targets", "列出目标值"},
        {"clear", target_clear, "remove targets", "删除目标值"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("target", subs, target_about, target_about_zh, NULL, argc, argv);
}
