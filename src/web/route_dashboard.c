/* route_dashboard.c — GET /dashboard?unit=&year=: 三个结构比 (shares and trend by year),
 * 案-件比 by line with trend, key criminal indicators with 同比 and a monthly sparkline, and
 * the direct sub-units compared. Two evaluations (by year over the data's years, by month
 * over the chosen year); the answer is cached per data generation. */
#include "web/internal.h"

#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const structures[] = {"duty_structure", "case_structure", "source_structure"};
static const char *const ratios[] = {"case_procedure_ratio_criminal", "case_procedure_ratio_civil",
                                     "case_procedure_ratio_administrative",
                                     "case_procedure_ratio_public_interest"};
static const char *const key_ids[] = {"no_arrest_rate",
                                      "non_prosecution_rate",
                                      "pretrial_detention_rate",
                                      "post_arrest_non_prosecution_rate",
                                      "plea_rate",
                                      "fixed_proposal_share",
                                      "proposal_adoption_rate",
                                      "return_rate"};
static const char *const compare_ids[] = {
    "case_procedure_ratio_criminal", "no_arrest_rate", "non_prosecution_rate",
    "pretrial_detention_rate",       "plea_rate",      "proposal_adoption_rate"};

#define N(a)      ((int)(sizeof a / sizeof a[0]))
#define MAX_YEARS 40

int zx_web__route_dashboard(struct zx_web_req *r)
{
    int32_t u, yf[MAX_YEARS], yt[MAX_YEARS], mf[12], mt[12];
    long year;
    int rows[256], nrows = 0, keyrows[N(key_ids)], nkey = 0;
    struct zx_metrics_result *ry = NULL, *rm = NULL;
    struct zx_err err = {0};
    char key[200];
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    const struct zx_web_data *d = r->data;
    const struct zx_catalog *cat = r->app->cat;
    const struct zx_metrics *m = d->m;
    if (zx_web__arg_unit(r, "unit", &u) ||
        zx_web__arg_int(r, "year", d->first_year, d->last_year, d->default_year, &year))
        return ZX_OK;
    snprintf(key, sizeof key, "dash|%d|%d|%ld", u, r->scope_staff, year);
    if (zx_web__cached(r, key))
        return ZX_OK;
    int ny = d->last_year - d->first_year + 1;
    if (ny > MAX_YEARS)
        ny = MAX_YEARS;
    int yi = (int)year - d->first_year; /* the chosen year's period index */
    for (int i = 0; i < ny; i++) {
        yf[i] = zx_date_from_ymd(d->first_year + i, 1, 1);
        yt[i] = zx_date_from_ymd(d->first_year + i, 12, 31);
    }
    for (int i = 0; i < 12; i++) {
        mf[i] = zx_date_from_ymd((int)year, i + 1, 1);
        mt[i] = zx_date_add_months(mf[i], 1) - 1;
    }
    for (int i = 0; i < N(structures); i++)
        nrows += zx_catalog_select(cat, structures[i], rows + nrows, N(rows) - nrows - 32);
    for (int i = 0; i < N(ratios); i++)
        nrows += zx_catalog_select(cat, ratios[i], rows + nrows, 1);
    for (int i = 0; i < N(key_ids); i++) {
        int k = zx_catalog_find(cat, key_ids[i]);
        if (k >= 0) {
            keyrows[nkey++] = k;
            rows[nrows++] = k;
        }
    }
    for (int i = 0; i < N(compare_ids); i++) {
        int k = zx_catalog_find(cat, compare_ids[i]), dup = 0;
        for (int j = 0; j < nrows; j++)
            dup |= rows[j] == k;
        if (k >= 0 && !dup)
            rows[nrows++] = k;
    }
    if (zx_web__eval(r, u, yf, yt, ny, rows, nrows, 0, &ry, &err) ||
        zx_web__eval(r, u, mf, mt, 12, keyrows, nkey, 0, &rm, &err)) {
        zx_web__error(r, 500, "eval", "指标计算失败", err.msg);
        goto cleanup;
    }
    json_t *years = json_array();
    for (int i = 0; i < ny; i++)
        json_array_append_new(years, json_integer(d->first_year + i));

    /* 三个结构比 */
    json_t *js = json_array();
    for (int s = 0; s < N(structures); s++) {
        int cr[16], nc = zx_catalog_select(cat, structures[s], cr, 16);
        if (nc <= 0)
            continue;
        json_t *cats = json_array();
        int64_t total = 0;
        for (int c = 0; c < nc; c++) {
            int64_t n, dd;
            zx_web__fig(r, ry, cr[c], yi, u, &n, &dd);
            total = dd;
            const struct zx_catalog_row *row = zx_catalog_row(cat, cr[c]);
            const char *dot = strstr(row->name_zh, "·");
            json_t *trend = json_array();
            for (int p = 0; p < ny; p++) {
                int64_t tn, td;
                zx_web__fig(r, ry, cr[c], p, u, &tn, &td);
                json_array_append_new(trend, zx_web__figure(tn, td));
            }
            json_array_append_new(cats, json_pack("{s:s,s:s,s:I,s:I,s:o,s:o}", "id", row->id,
                                                  "name", dot ? dot + strlen("·") : row->name_zh,
                                                  "count", (json_int_t)n, "total", (json_int_t)dd,
                                                  "share", zx_web__ratio(n, dd), "trend", trend));
        }
        const char *sname = zx_catalog_row(cat, cr[0])->name_zh;
        const char *dot = strstr(sname, "·");
        json_array_append_new(js, json_pack("{s:s,s:s%,s:I,s:o}", "id", structures[s], "name",
                                            sname, dot ? (size_t)(dot - sname) : strlen(sname),
                                            "total", (json_int_t)total, "categories", cats));
    }

    /* 案-件比 by line */
    json_t *jr = json_array();
    for (int i = 0; i < N(ratios); i++) {
        int k = zx_catalog_find(cat, ratios[i]);
        if (k < 0)
            continue;
        int64_t n, dd;
        zx_web__fig(r, ry, k, yi, u, &n, &dd);
        json_t *o = zx_web__row_info(zx_catalog_row(cat, k));
        json_object_set_new(o, "procedures", json_integer(n));
        json_object_set_new(o, "cases", json_integer(dd));
        json_object_set_new(o, "numerator", json_integer(n));
        json_object_set_new(o, "denominator", json_integer(dd));
        json_object_set_new(o, "value", zx_web__ratio(n, dd));
        json_t *trend = json_array();
        for (int p = 0; p < ny; p++) {
            int64_t tn, td;
            zx_web__fig(r, ry, k, p, u, &tn, &td);
            json_array_append_new(trend, zx_web__figure(tn, td));
        }
        json_object_set_new(o, "trend", trend);
        json_array_append_new(jr, o);
    }

    /* key criminal indicators: value, 同比, monthly sparkline */
    json_t *jk = json_array();
    for (int i = 0; i < nkey; i++) {
        int64_t n, dd, ln = 0, ld = 0;
        zx_web__fig(r, ry, keyrows[i], yi, u, &n, &dd);
        if (yi > 0)
            zx_web__fig(r, ry, keyrows[i], yi - 1, u, &ln, &ld);
        json_t *o = zx_web__row_info(zx_catalog_row(cat, keyrows[i]));
        json_object_set_new(o, "numerator", json_integer(n));
        json_object_set_new(o, "denominator", json_integer(dd));
        json_object_set_new(o, "value", zx_web__ratio(n, dd));
        json_object_set_new(o, "last_year", zx_web__figure(ln, ld));
        json_object_set_new(
            o, "yoy_points",
            dd && ld ? json_real(100.0 * ((double)n / (double)dd - (double)ln / (double)ld))
                     : json_null());
        json_t *months = json_array();
        for (int p = 0; p < 12; p++) {
            int64_t tn, td;
            zx_web__fig(r, rm, keyrows[i], p, u, &tn, &td);
            json_array_append_new(months, zx_web__figure(tn, td));
        }
        json_object_set_new(o, "months", months);
        json_array_append_new(jk, o);
    }

    /* sub-units compared (not for a prosecutor's own view) */
    json_t *cmp_ind = json_array(), *cmp_units = json_array();
    for (int i = 0; i < N(compare_ids); i++) {
        int k = zx_catalog_find(cat, compare_ids[i]);
        if (k >= 0)
            json_array_append_new(cmp_ind, zx_web__row_info(zx_catalog_row(cat, k)));
    }
    if (r->scope_staff < 0) {
        for (int32_t c = u + 1; c < u + zx_metrics_unit_size(m, u);
             c += zx_metrics_unit_size(m, c)) {
            json_t *vals = json_object();
            for (int i = 0; i < N(compare_ids); i++) {
                int k = zx_catalog_find(cat, compare_ids[i]);
                int64_t n, dd;
                if (k < 0)
                    continue;
                zx_metrics_get(ry, k, yi, c, &n, &dd);
                json_object_set_new(vals, compare_ids[i], zx_web__figure(n, dd));
            }
            json_array_append_new(cmp_units,
                                  json_pack("{s:s,s:s,s:o}", "unit_id", zx_metrics_unit_id(m, c),
                                            "name", zx_metrics_unit_name(m, c), "values", vals));
        }
    }
    json_t *out =
        json_pack("{s:{s:s,s:s},s:s?,s:i,s:o,s:o,s:o,s:o,s:{s:o,s:o}}", "unit", "unit_id",
                  zx_metrics_unit_id(m, u), "name", zx_metrics_unit_name(m, u), "staff_id",
                  r->scope_staff >= 0 ? zx_metrics_staff_id(m, r->scope_staff) : NULL, "year",
                  (int)year, "years", years, "structures", js, "case_ratios", jr, "key_indicators",
                  jk, "subunits", "indicators", cmp_ind, "units", cmp_units);
    zx_web__json(r, 200, out);
    zx_web__cache_reply(r, key);
cleanup:
    zx_metrics_result_free(ry);
    zx_metrics_result_free(rm);
    return ZX_OK;
}
