/* route_trends.c — GET /trends?unit=&from=YYYY-MM&to=YYYY-MM&charge=&top= (犯罪态势: charges
 * by month with shares, 同比/环比, seasonal baselines and 研判 points; trends/trends.h) and
 * GET /trends/cases?unit=&from=&to=&charge=&page=&size= (the cases behind one of its numbers,
 * paged; a view of case records, audited). Both need ZX_CAP_TRENDS and stay inside the
 * user's subtree: the unit argument is checked by zx_web__arg_unit. The figures are cached
 * per data generation. */
#include "web/internal.h"

#include "store/cases.h"
#include "trends/trends.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int gate(struct zx_web_req *r)
{
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_TRENDS)) {
        zx_web__error(r, 403, "forbidden", "无查看犯罪态势的权限",
                      "needs the trends capability (unit figures)");
        return -1;
    }
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return -1;
    }
    return 0;
}

/* unit, from, to (default: the dashboard's year) and charge (-1: all) */
static int args(struct zx_web_req *r, int32_t *u, int32_t *from, int32_t *to, int32_t *charge)
{
    const struct zx_metrics *m = r->data->m;
    const char *f = zx_web__arg(r, "from"), *t = zx_web__arg(r, "to"),
               *c = zx_web__arg(r, "charge");
    if (zx_web__arg_unit(r, "unit", u))
        return -1;
    *from = zx_trends_month(r->data->default_year, 1);
    *to = zx_trends_month(r->data->default_year, 12);
    if ((f && *f && zx_trends_parse_month(f, from)) || (t && *t && zx_trends_parse_month(t, to))) {
        zx_web__error(r, 400, "bad_month", "月份格式应为 YYYY-MM",
                      "from and to are months YYYY-MM");
        return -1;
    }
    if (*from > *to || *to - *from + 1 > ZX_TRENDS_MAX_MONTHS) {
        zx_web__errorf(r, 400, "bad_period", "起止月份有误（起始不得晚于截止，最长 240 个月）",
                       "from must not be after to, at most %d months", ZX_TRENDS_MAX_MONTHS);
        return -1;
    }
    *charge = -1;
    if (c && *c && (*charge = zx_metrics_charge_find(m, c)) < 0) {
        zx_web__errorf(r, 404, "charge_not_found", "没有该案由的案件",
                       "no case with charge '%.80s'", c);
        return -1;
    }
    return 0;
}

int zx_web__route_trends(struct zx_web_req *r)
{
    int32_t u, from, to, charge;
    long top;
    char key[300];
    struct zx_trends *t = NULL;
    struct zx_err err = {0};
    if (gate(r) || args(r, &u, &from, &to, &charge) || zx_web__arg_int(r, "top", 1, 100, 10, &top))
        return ZX_OK;
    snprintf(key, sizeof key, "trends|%d|%d|%d|%d|%ld", u, from, to, charge, top);
    if (zx_web__cached(r, key))
        return ZX_OK;
    struct zx_trends_query q = {
        .unit = u, .from = from, .to = to, .charge = charge, .top = (int)top};
    if (zx_trends_run(r->data->m, &q, &t, &err)) {
        zx_web__error(r, 500, "trends", "犯罪态势计算失败", err.msg);
        return ZX_OK;
    }
    json_t *j = zx_trends_json(r->data->m, &q, t);
    zx_trends_free(t);
    if (!j) {
        zx_web__error(r, 500, "nomem", "内存不足", "out of memory");
        return ZX_OK;
    }
    zx_web__json(r, 200, j);
    zx_web__cache_reply(r, key);
    return ZX_OK;
}

struct page {
    json_t *items;
    long no;
};

static int add_case(void *ud, const struct zx_case_brief *c)
{
    struct page *p = ud;
    char d[16] = "", e[16] = "";
    if (c->accepted_on != ZX_DATE_NULL)
        zx_date_format(c->accepted_on, d);
    if (c->closed_on != ZX_DATE_NULL)
        zx_date_format(c->closed_on, e);
    json_array_append_new(
        p->items, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s?,s:s,s:s?}", "no", (json_int_t)++p->no,
                            "case_id", c->case_id, "case_no", c->case_no, "unit_id", c->unit_id,
                            "unit_name", c->unit_name, "charge", c->charge[0] ? c->charge : NULL,
                            "accepted_on", d, "closed_on", e[0] ? e : NULL));
    return 0;
}

int zx_web__route_trends_cases(struct zx_web_req *r)
{
    int32_t u, from, to, charge;
    long page, size;
    int64_t *rids = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    char b1[8], b2[8], target[300];
    if (gate(r) || args(r, &u, &from, &to, &charge) ||
        zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 50, &size))
        return ZX_OK;
    const struct zx_metrics *m = r->data->m;
    if (zx_trends_cases(m, u, from, to, charge, &rids, &n, &err)) {
        zx_web__error(r, 500, "trends", "案件列表生成失败", err.msg);
        return ZX_OK;
    }
    size_t first = (size_t)(page - 1) * (size_t)size;
    size_t cnt = first < n ? n - first : 0;
    if (cnt > (size_t)size)
        cnt = (size_t)size;
    struct page p = {json_array(), (long)first};
    if (zx_store_case_briefs(r->st, rids + (first < n ? first : 0), cnt, add_case, &p, &err)) {
        json_decref(p.items);
        free(rids);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    free(rids);
    json_t *out = json_pack(
        "{s:{s:s,s:s},s:s,s:s,s:o,s:I,s:I,s:I,s:s,s:o}", "unit", "unit_id",
        zx_metrics_unit_id(m, u), "name", zx_metrics_unit_name(m, u), "from",
        zx_trends_format_month(from, b1), "to", zx_trends_format_month(to, b2), "charge",
        charge >= 0 ? json_string(zx_metrics_charge_name(m, charge)) : json_null(), "total",
        (json_int_t)n, "page", (json_int_t)page, "size", (json_int_t)size, "definition",
        "按受理日期所在月份计入的刑事案件，本单位及下级单位；一案计一次", "items", p.items);
    snprintf(target, sizeof target, "%s/%s..%s/%s", zx_metrics_unit_id(m, u), b1, b2,
             charge >= 0 ? zx_metrics_charge_name(m, charge) : "*");
    zx_web__audit(r, "view_trend_cases", target, "ok", NULL);
    zx_web__json(r, 200, out);
    return ZX_OK;
}
