/* cmd_leaders.c — 领导干部办案: `zhixiao leaders --db F --unit U --from D --to D [--by
 * unit|level|line] [--format table|json]`, the expectation of a unit (`leaders expect`) and
 * the cases behind a number (`leaders cases`). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/leaders.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "30%", "0.3" or "none" (clear: -1) */
static int parse_share(const char *val, void *ud, struct zx_err *err)
{
    double *out = ud;
    char *end;
    if (!strcmp(val, "none")) {
        *out = -1;
        return ZX_OK;
    }
    double v = strtod(val, &end);
    if (end != val && *end == '%' && !end[1])
        v /= 100;
    else if (end == val || *end)
        return zx_err_set(err, ZX_EINVAL, "expected a share such as 30%% or 0.3, or none");
    if (v < 0 || v > 1)
        return zx_err_set(err, ZX_EINVAL, "a share is between 0 and 100%%");
    *out = v;
    return ZX_OK;
}

static void pct(char *buf, size_t n, double v)
{
    if (v < 0)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.1f%%", v * 100);
}

static json_t *num_or_null(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

static int expect_cmd(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL;
    double share = -2, cshare = -2;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit",
         .help_zh = "单位编号"},
        {.name = "share",
         .arg = "P",
         .fn = parse_share,
         .ud = &share,
         .help = "least share of cases leaders should handle (30% or none)",
         .help_zh = "领导干部办案占比的期望下限（如 30%，none 为取消）"},
        {.name = "complex-share",
         .arg = "P",
         .fn = parse_share,
         .ud = &cshare,
         .help = "least share of 重大疑难复杂 cases leaders should handle",
         .help_zh = "领导干部办理重大疑难复杂案件占比的期望下限"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"leaders expect", opts,
                                   "Set a unit's expectations; its child units inherit them.\n",
                                   "设置单位的期望值，下级单位未设置时沿用。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_leaders_expect e;
    char a[16], b[16];
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    rc = zx_leaders_set_expect(st, unit, share > -2 ? &share : NULL, cshare > -2 ? &cshare : NULL,
                               &err);
    if (!rc)
        rc = zx_leaders_get_expect(st, unit, &e, &err);
    zx_store_close(st);
    if (rc)
        return zx_opt_fail(&cmd, "%s", err.msg);
    pct(a, sizeof a, e.share);
    pct(b, sizeof b, e.complex_share);
    printf("unit %s: leaders' share of cases >= %s, of 重大疑难复杂 cases >= %s\n", unit, a, b);
    return 0;
}

static int case_row(void *ud, const struct zx_leaders_case *c)
{
    json_t *arr = ud;
    char acc[16] = "", clo[16] = "";
    if (c->accepted_on != ZX_DATE_NULL)
        zx_date_format(c->accepted_on, acc);
    if (c->closed_on != ZX_DATE_NULL)
        zx_date_format(c->closed_on, clo);
    if (arr)
        return json_array_append_new(
                   arr, json_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:b, s:b, s:s?, "
                                  "s:s?}",
                                  "case_id", c->case_id, "case_no", c->case_no, "unit_id",
                                  c->unit_id, "unit_name", c->unit_name, "line", c->line,
                                  "handler_id", c->handler_id, "handler_name", c->handler_name,
                                  "handler_role", c->handler_role, "handler_is_leader",
                                  c->handler_leader, "complex", c->complex, "accepted_on",
                                  acc[0] ? acc : NULL, "closed_on", clo[0] ? clo : NULL))
                   ? -1
                   : 0;
    printf("%-14s %-10s %-18s %-8s %-10s %-12s %-4s %s\n", c->case_id, c->unit_id,
           c->unit_name ? c->unit_name : "", c->line ? c->line : "",
           c->handler_name ? c->handler_name : "-", c->handler_role ? c->handler_role : "-",
           c->complex ? "是" : "", acc);
    return 0;
}

int cmd_leaders(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *key = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int by = 0, fmt = 0, all = 0, complex_only = 0, limit = 0, cases = 0;
    if (argc >= 2 && !strcmp(argv[1], "expect"))
        return expect_cmd(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "cases")) {
        cases = 1;
        argc--;
        argv++;
    }
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit (its whole subtree)",
         .help_zh = "单位编号（含全部下级单位）"},
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        {.name = "by",
         .choice = &by,
         .choices = "unit|level|line",
         .help = "rows by unit (its own cases), unit level or line",
         .help_zh = "按单位（本院案件）、层级或业务条线分行"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        {.name = "key",
         .arg = "K",
         .str = &key,
         .help = "cases: the row (unit id, level or line code; default all)",
         .help_zh = "cases：所钻取的行（单位编号、层级或条线代码；默认全部）"},
        {.name = "all",
         .flag = &all,
         .help = "cases: every case, not only leaders'",
         .help_zh = "cases：列出全部案件，而不只是领导干部办理的"},
        {.name = "complex",
         .flag = &complex_only,
         .help = "cases: only 重大疑难复杂 cases",
         .help_zh = "cases：仅重大疑难复杂案件"},
        {.name = "limit",
         .arg = "N",
         .num = &limit,
         .min = 0,
         .max = 100000000,
         .help = "cases: at most N",
         .help_zh = "cases：最多 N 件"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        cases ? "leaders cases" : "leaders", opts,
        "领导干部办案: cases accepted in the period whose handler is a leader (院领导), their\n"
        "share of all cases and of the 重大疑难复杂 ones, against each unit's expectation\n"
        "(`zhixiao leaders expect`). `zhixiao leaders cases …` lists the cases behind a row.\n"
        "\n"
        "exit status: 0 done (also when a unit is below its expectation), 2 usage or error\n",
        "领导干部办案：期间内受理、承办人为院领导的案件，其占全部案件及重大疑难复杂案件\n"
        "的比例，并与各单位的期望值（zhixiao leaders expect）比较。zhixiao leaders cases …\n"
        "列出某一行背后的案件。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_leaders_row *rows = NULL;
    int n = 0;
    if (rc != ZX_OPT_GO)
        return rc;
    if (to < from)
        return zx_opt_fail(&cmd, "--to is before --from");
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    if (cases) {
        json_t *arr = fmt == 1 ? json_array() : NULL;
        rc = zx_leaders_cases(st, unit, from, to, (enum zx_leaders_by)by, key, !all, complex_only,
                              limit, case_row, arr, &err);
        zx_store_close(st);
        if (rc) {
            json_decref(arr);
            return zx_opt_fail(&cmd, "%s", err.msg);
        }
        if (arr) {
            char *s = json_dumps(arr, JSON_INDENT(2));
            puts(s ? s : "[]");
            free(s);
            json_decref(arr);
        }
        return 0;
    }
    rc = zx_leaders_report(st, unit, from, to, (enum zx_leaders_by)by, &rows, &n, &err);
    zx_store_close(st);
    if (rc)
        return zx_opt_fail(&cmd, "%s", err.msg);
    if (fmt == 1) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++) {
            const struct zx_leaders_row *r = &rows[i];
            json_array_append_new(
                arr,
                json_pack("{s:s, s:s, s:s?, s:I, s:I, s:o, s:I, s:I, s:o, s:o, s:o, s:b}", "key",
                          r->key, "name", r->name, "level", r->level[0] ? r->level : NULL, "cases",
                          (json_int_t)r->cases, "leader_cases", (json_int_t)r->leader_cases,
                          "share", num_or_null(r->share), "complex", (json_int_t)r->complex,
                          "leader_complex", (json_int_t)r->leader_complex, "complex_share",
                          num_or_null(r->complex_share), "expected_share",
                          num_or_null(r->expect.share), "expected_complex_share",
                          num_or_null(r->expect.complex_share), "below", r->below));
        }
        char *s = json_dumps(arr, JSON_INDENT(2));
        puts(s ? s : "[]");
        free(s);
        json_decref(arr);
    } else {
        printf("%-12s %-20s %8s %8s %8s %8s %8s %8s %8s %8s\n", "key", "名称", "案件", "领导办",
               "占比", "期望", "疑难复杂", "领导办", "占比", "期望");
        for (int i = 0; i < n; i++) {
            const struct zx_leaders_row *r = &rows[i];
            char a[16], b[16], c[16], d[16];
            pct(a, sizeof a, r->share);
            pct(b, sizeof b, r->expect.share);
            pct(c, sizeof c, r->complex_share);
            pct(d, sizeof d, r->expect.complex_share);
            printf("%-12s %-20s %8lld %8lld %8s %8s %8lld %8lld %8s %8s%s\n", r->key, r->name,
                   (long long)r->cases, (long long)r->leader_cases, a, b, (long long)r->complex,
                   (long long)r->leader_complex, c, d, r->below ? "  低于期望" : "");
        }
    }
    free(rows);
    return 0;
}
