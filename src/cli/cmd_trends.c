/* cmd_trends.c — `zhixiao trends --db FILE --from YYYY-MM --to YYYY-MM [--unit ID]
 * [--charge NAME] [--top N] [--min-count N] [--cases] [--format json|table]`: crime trends
 * (犯罪态势) by charge and month with 同比/环比, seasonal baselines and 研判 points; --cases
 * lists the cases behind a figure (the unit's subtree, the months, the charge). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "store/cases.h"
#include "store/store.h"
#include "trends/trends.h"
#include "util/date.h"
#include "util/fmt.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "Crime trends (犯罪态势) of a unit's subtree: criminal cases by charge (案由) and by the\n"
    "month of their 受理日期, shares, 同比 (same months last year) and 环比 (preceding\n"
    "months), a seasonal baseline per charge and unit (median and MAD of the same calendar\n"
    "month and its neighbours in the 3 previous years) and the months far beyond it\n"
    "(研判 points). --cases lists the cases counted in one figure instead.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "本单位及下级单位的犯罪态势：按案由和受理日期所在月份统计刑事案件数、占比、\n"
    "同比（上年同期）、环比（上一期），按罪名和单位计算季节基线（前 3 年同月及\n"
    "前后各一月的中位数与 MAD），列出明显高于基线的月份（研判要点）。\n"
    "--cases 改为列出某一数字背后的案件。\n"
    "\n"
    "退出状态：0 完成，2 用法或错误\n";

static int parse_month(const char *val, void *ud, struct zx_err *err)
{
    if (zx_trends_parse_month(val, ud))
        return zx_err_set(err, ZX_EINVAL, "expected a month YYYY-MM, got '%s'", val);
    return ZX_OK;
}

static void pct(FILE *f, int64_t x, int64_t p)
{
    char v[32];
    if (p > 0)
        fprintf(f, "  %8s%%", zx_fmt_fixed(v, sizeof v, 100.0 * (double)(x - p) / (double)p, 1, 1));
    else
        fprintf(f, "  %9s", "—");
}

static void table(FILE *f, const struct zx_metrics *m, const struct zx_trends_query *q,
                  const struct zx_trends *t)
{
    char a[8], b[8], text[512];
    fprintf(f, "犯罪态势 %s  %s 至 %s（按受理日期，刑事案件）  合计 %lld 件\n\n",
            zx_metrics_unit_name(m, q->unit), zx_trends_format_month(q->from, a),
            zx_trends_format_month(q->to, b), (long long)zx_trends_total(t));
    fprintf(f, "%-4s", "排名");
    int w = zx_report_width("案由");
    fprintf(f, "  %s%*s  %8s  %7s  %8s  %9s  %8s  %9s\n", "案由", 24 - w, "", "件数", "占比",
            "上年同期", "同比", "上一期", "环比");
    for (int i = 0; i < zx_trends_ncharges(t); i++) {
        const struct zx_trends_charge *c = zx_trends_charge(t, i);
        const char *name = zx_metrics_charge_name(m, c->charge);
        int nw = zx_report_width(name);
        int64_t tot = zx_trends_total(t);
        char sh[32];
        zx_fmt_fixed(sh, sizeof sh, tot ? 100.0 * (double)c->count / (double)tot : 0.0, 1, 0);
        fprintf(f, "%4d  %s%*s  %8lld  %6s%%  %8lld", i + 1, name, nw < 24 ? 24 - nw : 0, "",
                (long long)c->count, sh, (long long)c->prev_year);
        pct(f, c->count, c->prev_year);
        fprintf(f, "  %8lld", (long long)c->prev_period);
        pct(f, c->count, c->prev_period);
        fputc('\n', f);
    }
    fprintf(f, "\n研判要点（%d 条）\n", zx_trends_nanomalies(t));
    for (int i = 0; i < zx_trends_nanomalies(t); i++) {
        zx_trends_text(m, zx_trends_anomaly(t, i), text, sizeof text);
        fprintf(f, "%3d. %s\n", i + 1, text);
    }
    if (!zx_trends_nanomalies(t))
        fprintf(f, "  无（当月受理数 ≥ %d 件且高于季节基线预警线时列出）\n",
                q->min_count > 0 ? q->min_count : ZX_TRENDS_MIN_COUNT);
}

struct case_out {
    FILE *f;
    int json;
    int64_t n;
};

static int print_case(void *ud, const struct zx_case_brief *c)
{
    struct case_out *o = ud;
    char d[16];
    if (c->accepted_on != ZX_DATE_NULL)
        zx_date_format(c->accepted_on, d);
    else
        d[0] = '\0';
    if (o->json) {
        json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s}", "case_id", c->case_id, "case_no",
                              c->case_no, "unit_id", c->unit_id, "unit_name", c->unit_name,
                              "charge", c->charge[0] ? c->charge : NULL, "accepted_on", d);
        fputs(o->n ? ",\n" : "\n", o->f);
        json_dumpf(j, o->f, JSON_COMPACT);
        json_decref(j);
    } else {
        fprintf(o->f, "%-16s %-40s %-10s %-20s %s\n", c->case_id, c->case_no, d,
                c->charge[0] ? c->charge : "（未填案由）", c->unit_name);
    }
    o->n++;
    return 0;
}

int cmd_trends(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *charge = NULL;
    int32_t from = INT32_MIN, to = INT32_MIN;
    int top = 10, min_count = ZX_TRENDS_MIN_COUNT, fmt = 0, cases = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_trends *t = NULL;
    int64_t *rids = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_UNIT(&unit),
        {.name = "from",
         .arg = "YYYY-MM",
         .fn = parse_month,
         .ud = &from,
         .flags = ZX_OPT_REQUIRED,
         .help = "first month (by 受理日期, inclusive)",
         .help_zh = "起始月份（按受理日期，含）"},
        {.name = "to",
         .arg = "YYYY-MM",
         .fn = parse_month,
         .ud = &to,
         .flags = ZX_OPT_REQUIRED,
         .help = "last month (inclusive)",
         .help_zh = "截止月份（含）"},
        {.name = "charge",
         .arg = "NAME",
         .str = &charge,
         .help = "one charge (案由), e.g. 诈骗罪",
         .help_zh = "只看一个案由，如 诈骗罪"},
        {.name = "top",
         .arg = "N",
         .num = &top,
         .min = 1,
         .max = 500,
         .help = "charges listed (default 10)",
         .help_zh = "列出的罪名数（默认 10）"},
        {.name = "min-count",
         .arg = "N",
         .num = &min_count,
         .min = 1,
         .max = 1000000,
         .help = "cases a month needs before it can be an anomaly (default 10)",
         .help_zh = "认定异常所需的当月最少案件数（默认 10）"},
        {.name = "cases",
         .flag = &cases,
         .help = "list the cases behind the figure (unit, months, charge)",
         .help_zh = "列出该数字背后的案件（单位、月份、案由）"},
        ZX_OPT_FORMAT(&fmt, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"trends", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (from > to)
        return zx_opt_fail(&cmd, "--from is after --to");
    if (to - from + 1 > ZX_TRENDS_MAX_MONTHS)
        return zx_opt_fail(&cmd, "at most %d months", ZX_TRENDS_MAX_MONTHS);
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, "cannot read database '%s'", db);
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (zx_metrics_units(m) == 0) {
        zx_opt_fail(&cmd, "%s holds no units (import a bundle first)", db);
        goto cleanup;
    }
    struct zx_trends_query q = {
        .unit = 0, .from = from, .to = to, .charge = -1, .top = top, .min_count = min_count};
    if (unit && (q.unit = zx_metrics_unit_find(m, unit)) < 0) {
        zx_opt_fail(&cmd, "no unit '%s' in %s", unit, db);
        goto cleanup;
    }
    if (charge && (q.charge = zx_metrics_charge_find(m, charge)) < 0) {
        zx_opt_fail(&cmd, "no case with charge '%s' in %s", charge, db);
        goto cleanup;
    }
    if (cases) {
        size_t n;
        if (zx_trends_cases(m, q.unit, from, to, q.charge, &rids, &n, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            goto cleanup;
        }
        struct case_out o = {stdout, fmt == 0, 0};
        if (o.json)
            fputc('[', stdout);
        if (zx_store_case_briefs(st, rids, n, print_case, &o, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            goto cleanup;
        }
        if (o.json)
            fputs(o.n ? "\n]\n" : "]\n", stdout);
        ret = fflush(stdout) == 0 ? 0 : 2;
        goto cleanup;
    }
    if (zx_trends_run(m, &q, &t, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    if (fmt == 0) {
        json_t *j = zx_trends_json(m, &q, t);
        if (!j || json_dumpf(j, stdout, JSON_INDENT(1)) != 0) {
            json_decref(j);
            zx_opt_fail(&cmd, "out of memory");
            goto cleanup;
        }
        json_decref(j);
        fputc('\n', stdout);
    } else {
        table(stdout, m, &q, t);
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
cleanup:
    free(rids);
    zx_trends_free(t);
    zx_metrics_free(m);
    zx_store_close(st);
    return ret;
}
