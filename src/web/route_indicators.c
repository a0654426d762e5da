/* route_indicators.c — GET /indicators: figures with numerator, denominator, definition,
 * 同比 and 环比, optionally per sub-unit or handler and as a trend; results are cached per
 * data generation. Figures of a prosecutor are always the prosecutor's own. */
#include "web/internal.h"

#include "metrics/report.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zx_web__fig(const struct zx_web_req *r, const struct zx_metrics_result *res, int row, int p,
                int32_t u, int64_t *num, int64_t *den)
{
    *num = *den = 0;
    if (r->scope_staff >= 0)
        return zx_metrics_get_staff(res, row, p, r->scope_staff, num, den);
    return zx_metrics_get(res, row, p, u, num, den);
}

int zx_web__eval(const struct zx_web_req *r, int32_t unit, const int32_t *from, const int32_t *to,
                 int np, const int *rows, int nrows, int by_staff, struct zx_metrics_result **out,
                 struct zx_err *err)
{
    struct zx_metrics_query q = {.cat = r->app->cat,
                                 .unit = unit,
                                 .from = from,
                                 .to = to,
                                 .nperiods = np,
                                 .rows = rows,
                                 .nrows = nrows,
                                 .by_staff = by_staff || r->scope_staff >= 0,
                                 .collect_staff = -1};
    return zx_web__eval_query(r, &q, out, err);
}

json_t *zx_web__figure(int64_t num, int64_t den)
{
    return json_pack("{s:I,s:I,s:o}", "numerator", (json_int_t)num, "denominator", (json_int_t)den,
                     "value", zx_web__ratio(num, den));
}

json_t *zx_web__period(int32_t from, int32_t to)
{
    char f[16], t[16];
    zx_date_format(from, f);
    zx_date_format(to, t);
    return json_pack("{s:s,s:s}", "from", f, "to", t);
}

static const char *const dir_name[] = {"lower", "context", "higher"};
static const char *const disp_name[] = {"percent", "case_ratio", "share"};

json_t *zx_web__row_info(const struct zx_catalog_row *row)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", row->id, "name", row->name_zh, "group",
                     row->group ? row->group : "", "description",
                     row->description ? row->description : "", "definition",
                     row->definition_zh ? row->definition_zh : "", "direction",
                     dir_name[row->direction + 1], "display",
                     disp_name[row->display >= 0 && row->display <= 2 ? row->display : 0]);
}

/* Reply from the cache when possible; returns 1 when answered. */
/* The cache key with whether ids were masked: a response made for a role that sees ids is
 * never served to one that does not. */
static void mask_key(const struct zx_web_req *r, const char *key, char *out, size_t n)
{
    snprintf(out, n, "%d|%s", zx_web__sees_ids(r), key);
}

int zx_web__cached(struct zx_web_req *r, const char *key)
{
    size_t n = 0;
    char k[1300];
    mask_key(r, key, k, sizeof k);
    char *s = zx_web__cache_get(r->app->cache, r->data->generation, k, &n);
    if (!s)
        return 0;
    free(r->out);
    r->out = s;
    r->out_len = n;
    r->status = 200;
    r->ctype = "application/json; charset=utf-8";
    return 1;
}

void zx_web__cache_reply(struct zx_web_req *r, const char *key)
{
    char k[1300];
    mask_key(r, key, k, sizeof k);
    if (r->status == 200 && r->out)
        zx_web__cache_put(r->app->cache, r->data->generation, k, r->out, r->out_len);
}

/* Parse ids (comma list) into rows; all rows when absent. -1 and a 400 when unknown. */
static int parse_ids(struct zx_web_req *r, int **rows, int *nrows)
{
    const char *ids = zx_web__arg(r, "ids");
    int cap = zx_catalog_rows(r->app->cat);
    *rows = calloc((size_t)cap + 1, sizeof **rows);
    *nrows = 0;
    if (!*rows) {
        zx_web__error(r, 500, "oom", "内存不足", "out of memory");
        return -1;
    }
    if (!ids) {
        for (int i = 0; i < cap; i++)
            (*rows)[(*nrows)++] = i;
        return 0;
    }
    const char *p = ids;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char id[128];
        if (n == 0 || n >= sizeof id) {
            zx_web__error(r, 400, "bad_indicator", "指标编号不正确", "bad indicator id in ids");
            return -1;
        }
        memcpy(id, p, n);
        id[n] = '\0';
        int got = zx_catalog_select(r->app->cat, id, *rows + *nrows, cap - *nrows);
        if (!got) {
            zx_web__errorf(r, 400, "unknown_indicator", "没有该指标", "no indicator '%s'", id);
            return -1;
        }
        *nrows += got > cap - *nrows ? cap - *nrows : got;
        p = e ? e + 1 : p + n;
    }
    return 0;
}

int zx_web__route_indicators(struct zx_web_req *r)
{
    int32_t u, from, to, pf, pt, yf, yt;
    int *rows = NULL, nrows = 0, rc = ZX_OK;
    struct zx_metrics_result *res[3] = {NULL, NULL, NULL}, *tr = NULL;
    struct zx_err err = {0};
    char key[1200];
    int32_t *tf = NULL, *tt = NULL;
    int ntrend = 0;
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    int y = r->data->default_year;
    if (zx_web__arg_unit(r, "unit", &u) ||
        zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), &from, &to))
        return ZX_OK;
    const char *by = zx_web__arg(r, "by"), *trend = zx_web__arg(r, "trend");
    if (by && strcmp(by, "unit") && strcmp(by, "staff")) {
        zx_web__error(r, 400, "bad_by", "by 只能为 unit 或 staff", "by must be unit or staff");
        return ZX_OK;
    }
    if (trend && strcmp(trend, "year") && strcmp(trend, "month")) {
        zx_web__error(r, 400, "bad_trend", "trend 只能为 year 或 month",
                      "trend must be year or month");
        return ZX_OK;
    }
    if (by && !strcmp(by, "unit") && r->scope_staff >= 0) {
        zx_web__error(r, 403, "forbidden", "当前角色只能查看本人数据",
                      "this role sees its own figures only");
        return ZX_OK;
    }
    int kn = snprintf(key, sizeof key, "ind|%d|%d|%d|%d|%s|%s|%s", u, r->scope_staff, from, to,
                      by ? by : "", trend ? trend : "",
                      zx_web__arg(r, "ids") ? zx_web__arg(r, "ids") : "");
    if (kn < 0 || (size_t)kn >= sizeof key)
        key[0] = '\0'; /* a cut key could name another query: not cached */
    if (key[0] && zx_web__cached(r, key))
        return ZX_OK;
    if (parse_ids(r, &rows, &nrows))
        goto cleanup;
    int by_staff = by && !strcmp(by, "staff");
    zx_report_previous(from, to, &pf, &pt);
    zx_report_last_year(from, to, &yf, &yt);
    if (zx_web__eval(r, u, &from, &to, 1, rows, nrows, by_staff, &res[0], &err) ||
        zx_web__eval(r, u, &pf, &pt, 1, rows, nrows, 0, &res[1], &err) ||
        zx_web__eval(r, u, &yf, &yt, 1, rows, nrows, 0, &res[2], &err)) {
        zx_web__error(r, 500, "eval", "指标计算失败", err.msg);
        goto cleanup;
    }
    if (trend) {
        int cap = 0;
        if (!strcmp(trend, "year")) {
            cap = r->data->last_year - r->data->first_year + 1;
        } else {
            int y1, m1, d1, y2, m2, d2;
            zx_date_to_ymd(from, &y1, &m1, &d1);
            zx_date_to_ymd(to, &y2, &m2, &d2);
            cap = (y2 - y1) * 12 + m2 - m1 + 1;
        }
        if (cap < 1 || cap > 120) {
            zx_web__error(r, 400, "bad_period", "趋势期间过长（最多 120 个月）",
                          "trend period too long (at most 120 months)");
            goto cleanup;
        }
        tf = calloc((size_t)cap, sizeof *tf);
        tt = calloc((size_t)cap, sizeof *tt);
        if (!tf || !tt) {
            rc = ZX_ENOMEM; /* no response: server.c answers 500 */
            goto cleanup;
        }
        int y1, m1, d1;
        zx_date_to_ymd(from, &y1, &m1, &d1);
        for (int i = 0; i < cap; i++) {
            if (!strcmp(trend, "year")) {
                tf[i] = zx_date_from_ymd(r->data->first_year + i, 1, 1);
                tt[i] = zx_date_from_ymd(r->data->first_year + i, 12, 31);
            } else {
                int32_t m0 = zx_date_add_months(zx_date_from_ymd(y1, m1, 1), i);
                tf[i] = m0;
                tt[i] = zx_date_add_months(m0, 1) - 1;
            }
        }
        ntrend = cap;
        if (zx_web__eval(r, u, tf, tt, ntrend, rows, nrows, 0, &tr, &err)) {
            zx_web__error(r, 500, "eval", "指标计算失败", err.msg);
            goto cleanup;
        }
    }
    const struct zx_metrics *m = r->data->m;
    json_t *inds = json_array();
    for (int i = 0; i < nrows; i++) {
        int64_t n0, d0, n1, d1, n2, d2;
        const struct zx_catalog_row *row = zx_catalog_row(r->app->cat, rows[i]);
        zx_web__fig(r, res[0], rows[i], 0, u, &n0, &d0);
        zx_web__fig(r, res[1], rows[i], 0, u, &n1, &d1);
        zx_web__fig(r, res[2], rows[i], 0, u, &n2, &d2);
        json_t *o = zx_web__row_info(row);
        json_object_set_new(o, "numerator", json_integer(n0));
        json_object_set_new(o, "denominator", json_integer(d0));
        json_object_set_new(o, "value", zx_web__ratio(n0, d0));
        json_object_set_new(o, "previous", zx_web__figure(n1, d1));
        json_object_set_new(o, "last_year", zx_web__figure(n2, d2));
        if (tr) {
            json_t *t = json_array();
            for (int p = 0; p < ntrend; p++) {
                int64_t tn, td;
                char lab[16];
                int yy, mm, dd;
                zx_date_to_ymd(tf[p], &yy, &mm, &dd);
                if (!strcmp(trend, "year"))
                    snprintf(lab, sizeof lab, "%d", yy);
                else
                    snprintf(lab, sizeof lab, "%d-%02d", yy, mm);
                zx_web__fig(r, tr, rows[i], p, u, &tn, &td);
                json_t *f = zx_web__figure(tn, td);
                json_object_set_new(f, "label", json_string(lab));
                json_array_append_new(t, f);
            }
            json_object_set_new(o, "trend", t);
        }
        json_array_append_new(inds, o);
    }
    json_t *out = json_pack("{s:{s:s,s:s},s:o,s:o,s:o,s:o}", "unit", "unit_id",
                            zx_metrics_unit_id(m, u), "name", zx_metrics_unit_name(m, u), "period",
                            zx_web__period(from, to), "previous", zx_web__period(pf, pt),
                            "last_year", zx_web__period(yf, yt), "indicators", inds);
    if (r->scope_staff >= 0)
        json_object_set_new(out, "staff",
                            json_pack("{s:s,s:s}", "staff_id",
                                      zx_metrics_staff_id(m, r->scope_staff), "name",
                                      zx_metrics_staff_name(m, r->scope_staff)));
    if (by) {
        json_t *list = json_array();
        if (!by_staff) {
            /* the unit and its direct sub-units */
            for (int32_t c = u; c < u + zx_metrics_unit_size(m, u);) {
                json_t *vals = json_object();
                for (int i = 0; i < nrows; i++) {
                    int64_t n, d;
                    zx_metrics_get(res[0], rows[i], 0, c, &n, &d);
                    json_object_set_new(vals, zx_catalog_row(r->app->cat, rows[i])->id,
                                        zx_web__figure(n, d));
                }
                json_array_append_new(list, json_pack("{s:s,s:s,s:b,s:o}", "unit_id",
                                                      zx_metrics_unit_id(m, c), "name",
                                                      zx_metrics_unit_name(m, c), "self", c == u,
                                                      "values", vals));
                c = c == u ? c + 1 : c + zx_metrics_unit_size(m, c);
            }
        } else {
            for (int32_t s = 0; s < zx_metrics_staff(m); s++) {
                if (!zx_metrics_staff_active(res[0], s) ||
                    !zx_web__in_scope(r, zx_metrics_staff_unit(m, s)))
                    continue;
                if (r->scope_staff >= 0 && s != r->scope_staff)
                    continue;
                json_t *vals = json_object();
                for (int i = 0; i < nrows; i++) {
                    int64_t n, d;
                    zx_metrics_get_staff(res[0], rows[i], 0, s, &n, &d);
                    json_object_set_new(vals, zx_catalog_row(r->app->cat, rows[i])->id,
                                        zx_web__figure(n, d));
                }
                int32_t su = zx_metrics_staff_unit(m, s);
                json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:o}", "staff_id",
                                                      zx_metrics_staff_id(m, s), "name",
                                                      zx_metrics_staff_name(m, s), "unit_id",
                                                      zx_metrics_unit_id(m, su), "unit_name",
                                                      zx_metrics_unit_name(m, su), "values", vals));
            }
        }
        json_object_set_new(out, "by", json_string(by));
        json_object_set_new(out, "rows", list);
    }
    zx_web__json(r, 200, out);
    if (key[0])
        zx_web__cache_reply(r, key);
cleanup:
    for (int i = 0; i < 3; i++)
        zx_metrics_result_free(res[i]);
    zx_metrics_result_free(tr);
    free(rows);
    free(tf);
    free(tt);
    return rc;
}
