/* trends.c — crime trends over the engine's loaded case columns (trends.h).
 *
 * One pass over the scope's cases (contiguous in the engine's unit order) adds each criminal
 * case to a dense table month × charge for the scope and, for the anomaly search, for every
 * unit on its path up to the scope. The months span the range plus the history the baseline
 * and the comparisons need (37 months before the range at least). */
#include "trends/trends.h"

#include "model/vocab.h"
#include "util/date.h"
#include "util/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Units whose own table is kept for the anomaly search: all of the scope's subtree while the
 * tables stay under this many cells, else the scope and its child units. */
#define MAX_CELLS (32L * 1024 * 1024)

struct zx_trends {
    int nm;        /* months in the range */
    int32_t from;  /* first month of the range */
    int64_t *tot;  /* nm: criminal cases per month */
    int64_t total; /* sum of tot */
    struct zx_trends_charge *ch;
    int nch;
    int32_t *monthly; /* nch × nm */
    struct zx_trends_anomaly *an;
    int nan;
};

int zx_trends_parse_month(const char *s, int32_t *out)
{
    int y, mo, n = 0;
    if (!s || sscanf(s, "%4d-%2d%n", &y, &mo, &n) != 2 || n != 7 || y < 1900 || y > 2099 ||
        mo < 1 || mo > 12)
        return -1;
    if (s[7] && !(s[7] == '-' && strlen(s) == 10))
        return -1;
    *out = zx_trends_month(y, mo);
    return 0;
}

char *zx_trends_format_month(int32_t ym, char *buf)
{
    unsigned y = (unsigned)(ym / 12) % 10000u, mo = (unsigned)(ym % 12) + 1u;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + mo / 10);
    buf[6] = (char)('0' + mo % 10);
    buf[7] = '\0';
    return buf;
}

int32_t zx_trends_month_of(int32_t day)
{
    int y, m, d;
    zx_date_to_ymd(day, &y, &m, &d);
    return zx_trends_month(y, m);
}

/* ---- the baseline rule ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

void zx_trends_baseline(const int32_t *x, int t, struct zx_trends_baseline *b)
{
    double ref[ZX_TRENDS_YEARS * 3], dev[ZX_TRENDS_YEARS * 3];
    int n = 0, nl = 0;
    double sum = 0;
    memset(b, 0, sizeof *b);
    b->level = -1;
    for (int k = 1; k <= ZX_TRENDS_YEARS; k++)
        for (int j = -1; j <= 1; j++) {
            int i = t - 12 * k + j;
            if (i >= 0 && x[i] >= 0)
                ref[n++] = x[i];
        }
    for (int i = t - 12; i < t; i++)
        if (i >= 0 && x[i] >= 0) {
            sum += x[i];
            nl++;
        }
    if (nl)
        b->level = sum / nl;
    b->nref = n;
    if (n < ZX_TRENDS_MIN_REFS)
        return;
    double med = median(ref, n);
    for (int i = 0; i < n; i++)
        dev[i] = fabs(ref[i] - med);
    double mad = median(dev, n);
    double poisson = sqrt(med > 1 ? med : 1);
    b->median = med;
    b->spread = 1.4826 * mad > poisson ? 1.4826 * mad : poisson;
    b->threshold = med + ZX_TRENDS_K * b->spread;
    b->ok = 1;
}

int zx_trends_fires(int32_t count, const struct zx_trends_baseline *b, int min_count)
{
    /* RULE: trends.anomaly — at least min_count cases and strictly above M + 3 S */
    return b->ok && count >= min_count && (double)count > b->threshold;
}

/* ---- the pass over the cases ---- */

static int cmp_rank(const void *a, const void *b, void *m)
{
    const struct zx_trends_charge *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(zx_metrics_charge_name(m, x->charge), zx_metrics_charge_name(m, y->charge));
}

static double strength(const struct zx_trends_anomaly *a)
{
    return (a->count - a->base.median) / a->base.spread;
}

static int cmp_anomaly(const void *a, const void *b)
{
    const struct zx_trends_anomaly *x = a, *y = b;
    double sx = strength(x), sy = strength(y);
    if (sx != sy)
        return sx > sy ? -1 : 1;
    if (x->month != y->month)
        return x->month < y->month ? -1 : 1;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return (x->charge > y->charge) - (x->charge < y->charge);
}

int zx_trends_run(const struct zx_metrics *m, const struct zx_trends_query *q,
                  struct zx_trends **out, struct zx_err *err)
{
    struct zx_metrics_case_cols cc;
    struct zx_trends *t = NULL;
    int32_t *cnt = NULL, *slot = NULL, *series = NULL;
    int rc = ZX_OK;
    *out = NULL;
    zx_metrics_case_cols(m, &cc);
    const int32_t nu = zx_metrics_units(m);
    if (q->unit < 0 || q->unit >= nu)
        return zx_err_set(err, ZX_EINVAL, "no such unit");
    if (q->from > q->to || q->to - q->from + 1 > ZX_TRENDS_MAX_MONTHS)
        return zx_err_set(err, ZX_EINVAL, "the months must run forward, at most %d of them",
                          ZX_TRENDS_MAX_MONTHS);
    if (q->charge < -1 || q->charge >= zx_metrics_charges(m))
        return zx_err_set(err, ZX_EINVAL, "no such charge");
    const int nm = q->to - q->from + 1;
    const int top = q->top > 0 ? q->top : 10;
    const int minc = q->min_count > 0 ? q->min_count : ZX_TRENDS_MIN_COUNT;
    /* history: the baseline reaches back 12 × YEARS + 1 months, 环比 nm months */
    const int back = nm > 12 * ZX_TRENDS_YEARS + 1 ? nm : 12 * ZX_TRENDS_YEARS + 1;
    const int32_t h0 = q->from - back; /* month of index 0 */
    const int nh = back + nm;
    /* charges: one column each (or the one asked for), the last for "no charge" */
    const int nk = (q->charge >= 0 ? 1 : zx_metrics_charges(m)) + 1;
    const uint8_t criminal = (uint8_t)zx_vocab_find(ZX_V_LINE, "criminal", 8);
    const int32_t size = zx_metrics_unit_size(m, q->unit);
    /* the units tracked for anomalies, slot[u − scope] ≥ 0 (slot 0 is the scope) */
    int ns = 0;
    if (!(slot = malloc((size_t)size * sizeof *slot)))
        goto nomem;
    int all = (long)size * nk * nh <= MAX_CELLS;
    for (int32_t i = 0; i < size; i++) {
        int32_t u = q->unit + i;
        slot[i] = (all || i == 0 || zx_metrics_unit_parent(m, u) == q->unit) ? ns++ : -1;
    }
    if (!(cnt = calloc((size_t)ns * (size_t)nk * (size_t)nh, sizeof *cnt)))
        goto nomem;
    /* the first month with data, over all criminal cases: earlier months are "no data" */
    int32_t first = INT32_MAX;
    for (int32_t c = 0; c < cc.n; c++)
        if (cc.line[c] == criminal && cc.accepted[c] != ZX_DATE_NULL) {
            int32_t mo = zx_trends_month_of(cc.accepted[c]);
            if (mo < first)
                first = mo;
        }
    const int32_t c0 = cc.unit_c0[q->unit], c1 = cc.unit_c0[q->unit + size];
    for (int32_t c = c0; c < c1; c++) {
        if (cc.line[c] != criminal || cc.accepted[c] == ZX_DATE_NULL)
            continue;
        int32_t k = cc.charge[c];
        if (q->charge >= 0 && k != q->charge)
            continue;
        int32_t col = k < 0 ? nk - 1 : (q->charge >= 0 ? 0 : k);
        int32_t mi = zx_trends_month_of(cc.accepted[c]) - h0;
        if (mi < 0 || mi >= nh)
            continue;
        /* the case's unit and every unit above it up to the scope */
        for (int32_t u = cc.unit[c]; u >= q->unit; u = zx_metrics_unit_parent(m, u)) {
            int s = slot[u - q->unit];
            if (s >= 0)
                cnt[((size_t)s * nk + col) * nh + mi]++;
            if (u == q->unit)
                break;
        }
    }
    if (!(t = calloc(1, sizeof *t)))
        goto nomem;
    t->nm = nm;
    t->from = q->from;
    if (!(t->tot = calloc((size_t)nm, sizeof *t->tot)))
        goto nomem;
    /* scope totals per month, and each charge's figures */
    const int nreal = nk - 1;
    struct zx_trends_charge *all_ch = calloc((size_t)(nreal ? nreal : 1), sizeof *all_ch);
    if (!all_ch)
        goto nomem;
    t->ch = all_ch;
    for (int k = 0; k < nk; k++) {
        const int32_t *x = cnt + (size_t)k * nh; /* slot 0 */
        for (int i = 0; i < nm; i++)
            t->tot[i] += x[back + i];
        if (k == nk - 1)
            break;
        struct zx_trends_charge *ch = &all_ch[k];
        ch->charge = q->charge >= 0 ? q->charge : k;
        for (int i = 0; i < nm; i++) {
            ch->count += x[back + i];
            ch->prev_year += back + i - 12 >= 0 ? x[back + i - 12] : 0;
            ch->prev_period += x[back - nm + i];
        }
    }
    for (int i = 0; i < nm; i++)
        t->total += t->tot[i];
    /* the ranking: the top charges with cases, with their monthly series */
    if (nreal > 1) {
        /* qsort_r is GNU; the charge names break ties */
        qsort_r(all_ch, (size_t)nreal, sizeof *all_ch, cmp_rank, (void *)m);
    }
    int nlist = 0;
    while (nlist < nreal && nlist < top && (all_ch[nlist].count > 0 || q->charge >= 0))
        nlist++;
    t->nch = nlist;
    if (!(t->monthly = calloc((size_t)(nlist ? nlist : 1) * (size_t)nm, sizeof *t->monthly)))
        goto nomem;
    for (int i = 0; i < nlist; i++) {
        int col = q->charge >= 0 ? 0 : all_ch[i].charge;
        memcpy(t->monthly + (size_t)i * nm, cnt + (size_t)col * nh + back,
               (size_t)nm * sizeof *t->monthly);
        all_ch[i].monthly = t->monthly + (size_t)i * nm;
    }
    /* anomalies: every tracked unit, every charge, every month of the range */
    if (!(series = malloc((size_t)nh * sizeof *series)))
        goto nomem;
    int capan = 0;
    for (int32_t i = 0; i < size; i++) {
        int s = slot[i];
        if (s < 0)
            continue;
        for (int k = 0; k < nreal; k++) {
            const int32_t *x = cnt + ((size_t)s * nk + k) * nh;
            int any = 0;
            for (int j = back; j < nh && !any; j++)
                any = x[j] >= minc;
            if (!any)
                continue;
            for (int j = 0; j < nh; j++)
                series[j] = h0 + j < first ? -1 : x[j];
            for (int j = back; j < nh; j++) {
                struct zx_trends_baseline b;
                if (x[j] < minc)
                    continue;
                zx_trends_baseline(series, j, &b);
                if (!zx_trends_fires(x[j], &b, minc))
                    continue;
                if (t->nan == capan) {
                    int nc2 = capan ? capan * 2 : 16;
                    struct zx_trends_anomaly *na = realloc(t->an, (size_t)nc2 * sizeof *na);
                    if (!na)
                        goto nomem;
                    t->an = na;
                    capan = nc2;
                }
                t->an[t->nan++] =
                    (struct zx_trends_anomaly){.month = h0 + j,
                                               .unit = q->unit + i,
                                               .charge = q->charge >= 0 ? q->charge : k,
                                               .count = x[j],
                                               .prev_month = series[j - 1],
                                               .prev_year = series[j - 12],
                                               .base = b};
            }
        }
    }
    /* the most specific units: drop a unit's anomaly when one below it fires alike. Units
     * are in pre-order, so v lies below u when u < v < u + size(u). */
    int kept = 0;
    for (int i = 0; i < t->nan; i++) {
        const struct zx_trends_anomaly *a = &t->an[i];
        int below = 0;
        for (int j = 0; j < t->nan && !below; j++) {
            const struct zx_trends_anomaly *b = &t->an[j];
            below = j != i && b->month == a->month && b->charge == a->charge && b->unit > a->unit &&
                    b->unit < a->unit + zx_metrics_unit_size(m, a->unit);
        }
        if (!below)
            t->an[kept++] = *a;
    }
    t->nan = kept;
    if (t->nan > 1)
        qsort(t->an, (size_t)t->nan, sizeof *t->an, cmp_anomaly);
    if (t->nan > ZX_TRENDS_MAX_ANOMALIES)
        t->nan = ZX_TRENDS_MAX_ANOMALIES;
    *out = t;
    t = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_trends_free(t);
    free(cnt);
    free(slot);
    free(series);
    return rc;
}

void zx_trends_free(struct zx_trends *t)
{
    if (!t)
        return;
    free(t->tot);
    free(t->ch);
    free(t->monthly);
    free(t->an);
    free(t);
}

int zx_trends_months(const struct zx_trends *t)
{
    return t->nm;
}

const int64_t *zx_trends_totals(const struct zx_trends *t)
{
    return t->tot;
}

int64_t zx_trends_total(const struct zx_trends *t)
{
    return t->total;
}

int zx_trends_ncharges(const struct zx_trends *t)
{
    return t->nch;
}

const struct zx_trends_charge *zx_trends_charge(const struct zx_trends *t, int i)
{
    return i >= 0 && i < t->nch ? &t->ch[i] : NULL;
}

int zx_trends_nanomalies(const struct zx_trends *t)
{
    return t->nan;
}

const struct zx_trends_anomaly *zx_trends_anomaly(const struct zx_trends *t, int i)
{
    return i >= 0 && i < t->nan ? &t->an[i] : NULL;
}

/* "+85%" / "-12%"; "" when there is nothing to compare with. */
static void pct(int64_t x, int64_t p, char *buf, size_t n)
{
    if (p <= 0) {
        buf[0] = '\0';
        return;
    }
    char v[32];
    /* never "-0%": a change that rounds to nothing is written 0% */
    snprintf(buf, n, "%s%%", zx_fmt_fixed(v, sizeof v, 100.0 * (double)(x - p) / (double)p, 0, 1));
}

int zx_trends_text(const struct zx_metrics *m, const struct zx_trends_anomaly *a, char *buf,
                   size_t size)
{
    char mom[32], yoy[32], tail[96] = "", med[32], spr[32];
    pct(a->count, a->prev_month, mom, sizeof mom);
    pct(a->count, a->prev_year, yoy, sizeof yoy);
    if (mom[0] && yoy[0])
        snprintf(tail, sizeof tail, "；环比 %s，同比 %s", mom, yoy);
    else if (mom[0])
        snprintf(tail, sizeof tail, "；环比 %s", mom);
    else if (yoy[0])
        snprintf(tail, sizeof tail, "；同比 %s", yoy);
    int n = snprintf(
        buf, size, "%d年%d月 %s %s 受理 %d 件，高于季节基线 (%s±%s)，超过预警线 %.0f%s",
        (int)(a->month / 12), (int)(a->month % 12) + 1, zx_metrics_unit_name(m, a->unit),
        zx_metrics_charge_name(m, a->charge), (int)a->count,
        zx_fmt_fixed(med, sizeof med, a->base.median, 0, 0),
        zx_fmt_fixed(spr, sizeof spr, a->base.spread, 0, 0), floor(a->base.threshold), tail);
    return n < 0 ? 0 : n;
}

/* ---- JSON ---- */

static json_t *change(int64_t x, int64_t p)
{
    return p > 0 ? json_real((double)(x - p) / (double)p) : json_null();
}

static json_t *share(int64_t x, int64_t d)
{
    return d > 0 ? json_real((double)x / (double)d) : json_null();
}

json_t *zx_trends_json(const struct zx_metrics *m, const struct zx_trends_query *q,
                       const struct zx_trends *t)
{
    char b1[8], b2[8], text[512];
    json_t *o = json_object(), *months = json_array(), *tot = json_array(), *chs = json_array(),
           *ans = json_array(), *def = json_object();
    if (!o || !months || !tot || !chs || !ans || !def)
        goto fail;
    for (int i = 0; i < t->nm; i++) {
        json_array_append_new(months, json_string(zx_trends_format_month(t->from + i, b1)));
        json_array_append_new(tot, json_integer(t->tot[i]));
    }
    for (int i = 0; i < t->nch; i++) {
        const struct zx_trends_charge *c = &t->ch[i];
        json_t *mo = json_array();
        for (int j = 0; j < t->nm; j++)
            json_array_append_new(mo, json_integer(c->monthly[j]));
        json_array_append_new(
            chs,
            json_pack("{s:s,s:I,s:o,s:I,s:o,s:I,s:o,s:o}", "charge",
                      zx_metrics_charge_name(m, c->charge), "count", (json_int_t)c->count, "share",
                      share(c->count, t->total), "prev_year", (json_int_t)c->prev_year, "yoy",
                      change(c->count, c->prev_year), "prev_period", (json_int_t)c->prev_period,
                      "mom", change(c->count, c->prev_period), "monthly", mo));
    }
    for (int i = 0; i < t->nan; i++) {
        const struct zx_trends_anomaly *a = &t->an[i];
        zx_trends_text(m, a, text, sizeof text);
        json_array_append_new(
            ans,
            json_pack("{s:s,s:s,s:s,s:s,s:i,s:o,s:o,s:f,s:f,s:f,s:i,s:o,s:o,s:s}", "month",
                      zx_trends_format_month(a->month, b1), "unit_id",
                      zx_metrics_unit_id(m, a->unit), "unit_name", zx_metrics_unit_name(m, a->unit),
                      "charge", zx_metrics_charge_name(m, a->charge), "count", (int)a->count,
                      "prev_month", a->prev_month >= 0 ? json_integer(a->prev_month) : json_null(),
                      "prev_year", a->prev_year >= 0 ? json_integer(a->prev_year) : json_null(),
                      "baseline", a->base.median, "spread", a->base.spread, "threshold",
                      a->base.threshold, "references", a->base.nref, "mom",
                      a->prev_month >= 0 ? change(a->count, a->prev_month) : json_null(), "yoy",
                      a->prev_year >= 0 ? change(a->count, a->prev_year) : json_null(), "text",
                      text));
    }
    json_object_set_new(def, "month",
                        json_string("按案件受理日期（accepted_on）所在月份计入，一案计一次"));
    json_object_set_new(def, "scope", json_string("刑事案件（line = criminal），本单位及下级单位"));
    json_object_set_new(def, "charge", json_string("案由按 cases.csv 所填罪名统计"));
    json_object_set_new(
        def, "share",
        json_string("占比 = 该罪名案件数 ÷ 同期全部刑事案件数（未填案由的案件只计入分母）"));
    json_object_set_new(
        def, "yoy",
        json_string(
            "同比 = 上年同期；变化率 = (本期 − 上年同期) ÷ 上年同期，上年同期为 0 时不计算"));
    json_object_set_new(
        def, "mom", json_string("环比 = 紧邻的上一期（月数相同）；变化率 = (本期 − 上期) ÷ 上期"));
    json_object_set_new(def, "baseline",
                        json_string("季节基线 M = 前 3 年同月及前后各一月（最多 9 "
                                    "个月，数据起始前的月份不计，至少 3 个）的中位数；"
                                    "离散度 S = max(1.4826 × MAD, √max(M,1))；预警线 T = M + 3S"));
    char an_def[200];
    snprintf(an_def, sizeof an_def,
             "异常：当月受理数 ≥ %d 件且 > T；上级单位与下级单位同月同罪名均触发时只列下级单位",
             q->min_count > 0 ? q->min_count : ZX_TRENDS_MIN_COUNT);
    json_object_set_new(def, "anomaly", json_string(an_def));
    json_object_set_new(o, "unit",
                        json_pack("{s:s,s:s}", "unit_id", zx_metrics_unit_id(m, q->unit), "name",
                                  zx_metrics_unit_name(m, q->unit)));
    json_object_set_new(o, "from", json_string(zx_trends_format_month(q->from, b1)));
    json_object_set_new(o, "to", json_string(zx_trends_format_month(q->to, b2)));
    json_object_set_new(o, "charge",
                        q->charge >= 0 ? json_string(zx_metrics_charge_name(m, q->charge))
                                       : json_null());
    json_object_set_new(o, "min_count",
                        json_integer(q->min_count > 0 ? q->min_count : ZX_TRENDS_MIN_COUNT));
    json_object_set_new(o, "definition", def);
    json_object_set_new(o, "months", months);
    json_object_set_new(o, "totals", tot);
    json_object_set_new(o, "total", json_integer(t->total));
    json_object_set_new(o, "charges", chs);
    json_object_set_new(o, "anomalies", ans);
    return o;
fail:
    json_decref(o);
    json_decref(months);
    json_decref(tot);
    json_decref(chs);
    json_decref(ans);
    json_decref(def);
    return NULL;
}

int zx_trends_cases(const struct zx_metrics *m, int32_t unit, int32_t from, int32_t to,
                    int32_t charge, int64_t **rids, size_t *n, struct zx_err *err)
{
    struct zx_metrics_case_cols cc;
    *rids = NULL;
    *n = 0;
    if (unit < 0 || unit >= zx_metrics_units(m))
        return zx_err_set(err, ZX_EINVAL, "no such unit");
    zx_metrics_case_cols(m, &cc);
    const uint8_t criminal = (uint8_t)zx_vocab_find(ZX_V_LINE, "criminal", 8);
    const int32_t c0 = cc.unit_c0[unit], c1 = cc.unit_c0[unit + zx_metrics_unit_size(m, unit)];
    int64_t *out = malloc((size_t)(c1 - c0 + 1) * sizeof *out);
    if (!out)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    size_t k = 0;
    for (int32_t c = c0; c < c1; c++) {
        if (cc.line[c] != criminal || cc.accepted[c] == ZX_DATE_NULL ||
            (charge >= 0 && cc.charge[c] != charge))
            continue;
        int32_t mo = zx_trends_month_of(cc.accepted[c]);
        if (mo >= from && mo <= to)
            out[k++] = cc.rid[c];
    }
    *rids = out;
    *n = k;
    return ZX_OK;
}
