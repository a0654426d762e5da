/* report.c — JSON, CSV and table output of indicator figures, and the drill-down (report.h). */
#include "metrics/report.h"
#include "model/vocab.h"
#include "store/cases.h"
#include "util/fmt.h"
#include "util/csv.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

void zx_report_json_string(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

int zx_report_width(const char *s)
{
    int w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        int n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xe0) == 0xc0) {
            cp = *p & 0x1f;
            n = 2;
        } else if ((*p & 0xf0) == 0xe0) {
            cp = *p & 0x0f;
            n = 3;
        } else {
            cp = *p & 0x07;
            n = 4;
        }
        int i = 1;
        for (; i < n && (p[i] & 0xc0) == 0x80; i++)
            cp = cp << 6 | (p[i] & 0x3f);
        p += i;
        int wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
                   (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                   (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                   (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd);
        w += wide ? 2 : 1;
    }
    return w;
}

/* ---- periods ---- */

static int32_t month_end(int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    return zx_date_add_months(zx_date_from_ymd(y, m, 1), 1) - 1;
}

/* Number of whole months [from, to] spans, or 0 when it is not whole months. */
static int whole_months(int32_t from, int32_t to)
{
    int y1, m1, d1, y2, m2, d2;
    zx_date_to_ymd(from, &y1, &m1, &d1);
    zx_date_to_ymd(to, &y2, &m2, &d2);
    if (d1 != 1 || to != month_end(to) || to < from)
        return 0;
    return (y2 - y1) * 12 + (m2 - m1) + 1;
}

void zx_report_previous(int32_t from, int32_t to, int32_t *pfrom, int32_t *pto)
{
    int n = whole_months(from, to);
    if (n) {
        *pfrom = zx_date_add_months(from, -n);
        *pto = from - 1;
    } else {
        *pfrom = from - (to - from + 1);
        *pto = from - 1;
    }
}

void zx_report_last_year(int32_t from, int32_t to, int32_t *yfrom, int32_t *yto)
{
    *yfrom = zx_date_add_months(from, -12);
    *yto = whole_months(from, to) ? month_end(zx_date_add_months(to, -12))
                                  : zx_date_add_months(to, -12);
}

/* ---- figures ---- */

struct scope {
    int32_t unit;  /* unit index of the row (for staff and departments: their unit) */
    int32_t staff; /* -1 unless a handler */
    int32_t dept;  /* -1 unless a department */
};

struct fig {
    int64_t num, den;
    int ok;
};

struct evalset {
    struct zx_metrics_result *r[3]; /* period, last year, previous */
    struct zx_metrics_result *cmp;  /* period, scope widened to the parent (comparisons) */
};

static int eval_scope(const struct zx_metrics *m, const struct zx_report_opts *o, int32_t unit,
                      int by_staff, int32_t from, int32_t to, struct zx_metrics_result **r,
                      struct zx_err *err)
{
    struct zx_metrics_query q = {.cat = o->cat,
                                 .unit = unit,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = o->rows,
                                 .nrows = o->nrows,
                                 .by_staff = by_staff,
                                 .lines = o->lines,
                                 .collect_staff = -1};
    return zx_metrics_eval(m, &q, r, err);
}

static int eval_one(const struct zx_metrics *m, const struct zx_report_opts *o, int32_t from,
                    int32_t to, struct zx_metrics_result **r, struct zx_err *err)
{
    return eval_scope(m, o, o->unit, o->by == ZX_BY_STAFF || o->by == ZX_BY_DEPARTMENT, from, to, r,
                      err);
}

static struct fig get_fig(const struct zx_report_opts *o, const struct zx_metrics_result *r,
                          int row, struct scope s)
{
    struct fig f = {0, 0, 0};
    if (!r)
        return f;
    int rc;
    if (s.dept >= 0)
        rc = zx_compare_department_get(o->departments, r, row, 0, s.dept, &f.num, &f.den);
    else if (s.staff >= 0)
        rc = zx_metrics_get_staff(r, row, 0, s.staff, &f.num, &f.den);
    else
        rc = zx_metrics_get(r, row, 0, s.unit, &f.num, &f.den);
    f.ok = rc == 0;
    return f;
}

static int cmp_staff(const void *a, const void *b, void *ud)
{
    const struct zx_metrics *m = ud;
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    int32_t ux = zx_metrics_staff_unit(m, x), uy = zx_metrics_staff_unit(m, y);
    if (ux != uy)
        return ux < uy ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The scopes to print: the unit, every unit of its subtree, every active handler or every
 * department with an active handler. */
static int scopes(const struct zx_metrics *m, const struct zx_report_opts *o,
                  const struct zx_metrics_result *r, struct scope **out, size_t *n)
{
    int32_t u0 = o->unit < 0 ? 0 : o->unit;
    size_t cap = 1;
    if (o->by == ZX_BY_UNIT)
        cap = (size_t)zx_metrics_unit_size(m, u0);
    else if (o->by == ZX_BY_STAFF)
        cap = (size_t)zx_metrics_staff(m) + 1;
    else if (o->by == ZX_BY_DEPARTMENT)
        cap = (size_t)zx_compare_department_count(o->departments) + 1;
    struct scope *s = calloc(cap, sizeof *s);
    int32_t *ids = o->by == ZX_BY_STAFF ? calloc(cap, sizeof *ids) : NULL;
    if (!s || (o->by == ZX_BY_STAFF && !ids)) {
        free(s);
        free(ids);
        return ZX_ENOMEM;
    }
    size_t k = 0;
    if (o->by == ZX_BY_NONE) {
        s[k++] = (struct scope){u0, -1, -1};
    } else if (o->by == ZX_BY_UNIT) {
        for (int32_t u = u0; u < u0 + zx_metrics_unit_size(m, u0); u++)
            s[k++] = (struct scope){u, -1, -1};
    } else if (o->by == ZX_BY_DEPARTMENT) {
        for (int32_t d = 0; d < zx_compare_department_count(o->departments); d++)
            if (zx_compare_department_active(o->departments, r, d))
                s[k++] = (struct scope){zx_compare_department_unit(o->departments, d), -1, d};
    } else {
        size_t ni = 0;
        for (int32_t i = 0; i < zx_metrics_staff(m); i++)
            if (zx_metrics_staff_active(r, i))
                ids[ni++] = i;
        qsort_r(ids, ni, sizeof *ids, cmp_staff, (void *)m);
        for (size_t i = 0; i < ni; i++)
            s[k++] = (struct scope){zx_metrics_staff_unit(m, ids[i]), ids[i], -1};
    }
    free(ids);
    *out = s;
    *n = k;
    return ZX_OK;
}

/* ---- comparisons (spec §6) ---- */

struct cmpv {
    int32_t parent; /* the unit compared with (-1: none) */
    struct fig pf;  /* its figure */
    int rank, nranked, tier;
    int has_target, met;
    double target, gap;
};

static struct cmpv compare_one(const struct zx_metrics *m, const struct zx_report_opts *o,
                               const struct evalset *es, struct scope s, int row_index,
                               struct fig f)
{
    const struct zx_catalog_row *row = zx_catalog_row(o->cat, row_index);
    struct cmpv c = {.parent = -1};
    int is_unit = s.staff < 0 && s.dept < 0;
    c.parent = is_unit ? (s.unit >= 0 ? zx_metrics_unit_parent(m, s.unit) : -1) : s.unit;
    if (c.parent >= 0)
        c.pf = get_fig(o, es->cmp, row_index, (struct scope){c.parent, -1, -1});
    if (is_unit && c.parent >= 0 && row->direction != ZX_DIR_CONTEXT &&
        zx_settings_ranking(o->settings, zx_metrics_unit_id(m, c.parent)))
        zx_compare_unit_rank(m, es->cmp, row, row_index, 0, s.unit, &c.rank, &c.nranked, &c.tier);
    if (is_unit && s.unit >= 0 &&
        zx_settings_target(o->settings, zx_metrics_unit_id(m, s.unit), row->id, o->to, &c.target)) {
        c.has_target = 1;
        c.met = -1;
        if (f.ok && f.den)
            c.gap = zx_compare_gap(row, (double)f.num / (double)f.den, c.target, &c.met);
    }
    return c;
}

static void put_value(FILE *out, struct fig f)
{
    char buf[40];
    if (f.den == 0)
        fputs("null", out);
    else
        fputs(zx_metrics_fmt_double((double)f.num / (double)f.den, buf), out);
}

static void write_json(FILE *out, const struct zx_metrics *m, const struct zx_report_opts *o,
                       const struct zx_metrics_result *r, const struct scope *sc, size_t nsc,
                       const int *rows, int nrows)
{
    char from[16], to[16];
    zx_date_format(o->from, from);
    zx_date_format(o->to, to);
    size_t k = 0;
    fputc('[', out);
    for (size_t i = 0; i < nsc; i++) {
        for (int j = 0; j < nrows; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(o->cat, rows[j]);
            struct fig f = get_fig(o, r, rows[j], sc[i]);
            fputs(k++ ? ",\n" : "\n", out);
            fputs("{\"indicator\": ", out);
            zx_report_json_string(out, row->id);
            fputs(", \"unit_id\": ", out);
            zx_report_json_string(out, sc[i].unit >= 0 ? zx_metrics_unit_id(m, sc[i].unit) : NULL);
            fputs(", \"staff_id\": ", out);
            zx_report_json_string(out,
                                  sc[i].staff >= 0 ? zx_metrics_staff_id(m, sc[i].staff) : NULL);
            fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"numerator\": %lld, ", from, to,
                    (long long)f.num);
            fprintf(out, "\"denominator\": %lld, \"value\": ", (long long)f.den);
            put_value(out, f);
            fputc('}', out);
        }
    }
    fputs(k ? "\n]\n" : "]\n", out);
}

static void csv_double(FILE *out, double x, int ok)
{
    char buf[40];
    if (ok)
        fputs(zx_metrics_fmt_double(x, buf), out);
}

static void write_csv(FILE *out, const struct zx_metrics *m, const struct zx_report_opts *o,
                      const struct evalset *es, const struct scope *sc, size_t nsc, const int *rows,
                      int nrows)
{
    char from[16], to[16], buf[40];
    zx_date_format(o->from, from);
    zx_date_format(o->to, to);
    int dept = o->by == ZX_BY_DEPARTMENT;
    fputs(dept ? "indicator,name_zh,unit_id,department,from,to,numerator,denominator,value"
               : "indicator,name_zh,unit_id,staff_id,from,to,numerator,denominator,value",
          out);
    fputs(o->compare ? ",parent_unit_id,parent_value,rank,ranked,tier,target,gap\n" : "\n", out);
    for (size_t i = 0; i < nsc; i++) {
        for (int j = 0; j < nrows; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(o->cat, rows[j]);
            struct fig f = get_fig(o, es->r[0], rows[j], sc[i]);
            zx_csv_puts(out, row->id);
            fputc(',', out);
            zx_csv_puts(out, row->name_zh);
            fputc(',', out);
            zx_csv_puts(out, sc[i].unit >= 0 ? zx_metrics_unit_id(m, sc[i].unit) : NULL);
            fputc(',', out);
            if (dept)
                zx_csv_puts(out, zx_compare_department_name(o->departments, sc[i].dept));
            else
                zx_csv_puts(out, sc[i].staff >= 0 ? zx_metrics_staff_id(m, sc[i].staff) : NULL);
            fprintf(out, ",%s,%s,%lld,%lld,", from, to, (long long)f.num, (long long)f.den);
            if (f.den)
                fputs(zx_metrics_fmt_double((double)f.num / (double)f.den, buf), out);
            if (o->compare) {
                struct cmpv c = compare_one(m, o, es, sc[i], rows[j], f);
                fputc(',', out);
                zx_csv_puts(out, c.parent >= 0 ? zx_metrics_unit_id(m, c.parent) : NULL);
                fputc(',', out);
                csv_double(out, c.pf.den ? (double)c.pf.num / (double)c.pf.den : 0,
                           c.parent >= 0 && c.pf.ok && c.pf.den);
                if (c.rank)
                    fprintf(out, ",%d,%d,", c.rank, c.nranked);
                else
                    fputs(",,,", out);
                fputs(zx_compare_tier_label(c.tier), out);
                fputc(',', out);
                csv_double(out, c.target, c.has_target);
                fputc(',', out);
                /* points carry float noise ((0.5 - 0.4) × 100): ten digits are plenty */
                if (c.has_target && f.ok && f.den)
                    fprintf(out, "%.10g", c.gap);
            }
            fputc('\n', out);
        }
    }
}

/* ---- table ---- */

enum {
    C_NAME,
    C_UNIT,
    C_WHO,
    C_FRAC,
    C_VALUE,
    C_YOY,
    C_MOM,
    C_PARENT,
    C_VSPARENT,
    C_RANK,
    C_TIER,
    C_TARGET,
    C_GAP,
    NCOL
};

struct cells {
    char *c[NCOL];
};

static void fmt_ratio(char *buf, size_t n, const struct zx_catalog_row *row, double v)
{
    char num[64];
    if (row->display == ZX_DISP_CASE_RATIO)
        snprintf(buf, n, "1:%s", zx_fmt_fixed(num, sizeof num, v, 2, 0));
    else
        snprintf(buf, n, "%s%%", zx_fmt_fixed(num, sizeof num, v * 100.0, 2, 0));
}

static void fmt_value(char *buf, size_t n, const struct zx_catalog_row *row, struct fig f)
{
    if (!f.ok || f.den == 0) {
        snprintf(buf, n, "—");
        return;
    }
    fmt_ratio(buf, n, row, (double)f.num / (double)f.den);
}

static void fmt_diff(char *buf, size_t n, const struct zx_catalog_row *row, struct fig a,
                     struct fig b)
{
    if (!a.ok || !b.ok || a.den == 0 || b.den == 0) {
        snprintf(buf, n, "—");
        return;
    }
    double d = (double)a.num / (double)a.den - (double)b.num / (double)b.den;
    if (row->display != ZX_DISP_CASE_RATIO)
        d *= 100.0;
    zx_fmt_fixed(buf, n, d, 2, 1);
}

/* One table row: strdup'ed cells, missing ones "". Returns 0 or ZX_ENOMEM. */
static int fill_row(struct cells *t, char buf[NCOL][96])
{
    for (int x = 0; x < NCOL; x++)
        if (!(t->c[x] = strdup(buf[x])))
            return ZX_ENOMEM;
    return 0;
}

static const char *scope_unit_name(const struct zx_metrics *m, int32_t u)
{
    const char *s = u >= 0 ? zx_metrics_unit_name(m, u) : NULL;
    return s && *s ? s : u >= 0 ? zx_metrics_unit_id(m, u) : "";
}

/* The table's rows, and after the categories of a structure (when comparing a unit with
 * its parent) one row with the shape's overall deviation. */
static int table_rows(const struct zx_metrics *m, const struct zx_report_opts *o,
                      const struct evalset *es, const struct scope *sc, size_t nsc, const int *rows,
                      int nrows, struct cells *t, size_t *nt, int *any_rank, int *any_target)
{
    size_t k = 0;
    int64_t *sa = calloc((size_t)nrows + 1, sizeof *sa),
            *sb = calloc((size_t)nrows + 1, sizeof *sb);
    if (!sa || !sb) {
        free(sa);
        free(sb);
        return ZX_ENOMEM;
    }
    for (size_t i = 0; i < nsc; i++) {
        int nshape = 0;
        for (int j = 0; j < nrows; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(o->cat, rows[j]);
            struct fig f = get_fig(o, es->r[0], rows[j], sc[i]);
            struct fig fy = get_fig(o, es->r[1], rows[j], sc[i]);
            struct fig fp = get_fig(o, es->r[2], rows[j], sc[i]);
            char b[NCOL][96], num[64];
            memset(b, 0, sizeof b);
            snprintf(b[C_NAME], sizeof b[0], "%s", row->name_zh);
            snprintf(b[C_UNIT], sizeof b[0], "%s", scope_unit_name(m, sc[i].unit));
            if (sc[i].staff >= 0)
                snprintf(b[C_WHO], sizeof b[0], "%s", zx_metrics_staff_name(m, sc[i].staff));
            else if (sc[i].dept >= 0)
                snprintf(b[C_WHO], sizeof b[0], "%s",
                         zx_compare_department_name(o->departments, sc[i].dept));
            snprintf(b[C_FRAC], sizeof b[0], "%lld/%lld", (long long)f.num, (long long)f.den);
            fmt_value(b[C_VALUE], sizeof b[0], row, f);
            fmt_diff(b[C_YOY], sizeof b[0], row, f, fy);
            fmt_diff(b[C_MOM], sizeof b[0], row, f, fp);
            if (o->compare) {
                struct cmpv c = compare_one(m, o, es, sc[i], rows[j], f);
                if (c.parent >= 0) {
                    fmt_value(b[C_PARENT], sizeof b[0], row, c.pf);
                    fmt_diff(b[C_VSPARENT], sizeof b[0], row, f, c.pf);
                }
                if (c.rank) {
                    snprintf(b[C_RANK], sizeof b[0], "%d/%d", c.rank, c.nranked);
                    snprintf(b[C_TIER], sizeof b[0], "%s", zx_compare_tier_label(c.tier));
                    *any_rank = 1;
                }
                if (c.has_target) {
                    fmt_ratio(b[C_TARGET], sizeof b[0], row, c.target);
                    if (f.ok && f.den)
                        snprintf(b[C_GAP], sizeof b[0], "%s%s",
                                 zx_fmt_fixed(num, sizeof num, c.gap, 2, 1),
                                 c.met == 1   ? " 达标"
                                 : c.met == 0 ? " 未达"
                                              : "");
                    else
                        snprintf(b[C_GAP], sizeof b[0], "—");
                    *any_target = 1;
                }
                /* a structure's shape against the parent's, after its last category */
                if (row->structure && c.parent >= 0 && sc[i].staff < 0 && sc[i].dept < 0) {
                    sa[nshape] = f.num;
                    sb[nshape] = c.pf.num;
                    nshape++;
                    const struct zx_catalog_row *next =
                        j + 1 < nrows ? zx_catalog_row(o->cat, rows[j + 1]) : NULL;
                    if (!next || !next->structure || strcmp(next->structure, row->structure)) {
                        if (fill_row(&t[k++], b))
                            goto oom;
                        char d[NCOL][96];
                        memset(d, 0, sizeof d);
                        double dist;
                        const char *dot = strstr(row->name_zh, "·");
                        snprintf(d[C_NAME], sizeof d[0], "%.*s·偏离度",
                                 dot ? (int)(dot - row->name_zh) : (int)strlen(row->name_zh),
                                 row->name_zh);
                        snprintf(d[C_UNIT], sizeof d[0], "%s", b[C_UNIT]);
                        if (zx_compare_shape(sa, sb, nshape, NULL, &dist) == 0)
                            zx_fmt_fixed(d[C_VSPARENT], sizeof d[0], dist, 2, 0);
                        else
                            snprintf(d[C_VSPARENT], sizeof d[0], "—");
                        nshape = 0;
                        if (fill_row(&t[k++], d))
                            goto oom;
                        continue;
                    }
                } else {
                    nshape = 0;
                }
            }
            if (fill_row(&t[k++], b))
                goto oom;
        }
    }
    free(sa);
    free(sb);
    *nt = k;
    return 0;
oom:
    free(sa);
    free(sb);
    *nt = k;
    return ZX_ENOMEM;
}

static int write_table(FILE *out, const struct zx_metrics *m, const struct zx_report_opts *o,
                       const struct evalset *es, const struct scope *sc, size_t nsc,
                       const int *rows, int nrows, int32_t pf, int32_t pt, int32_t yf, int32_t yt)
{
    static const char *const head[NCOL] = {"指标", "单位",   "承办人", "分子/分母", "值",
                                           "同比", "环比",   "上级值", "较上级",    "排名",
                                           "档次", "目标值", "差距"};
    const char *hd[NCOL];
    memcpy(hd, head, sizeof hd);
    if (o->by == ZX_BY_DEPARTMENT)
        hd[C_WHO] = "部门";
    if (o->by == ZX_BY_STAFF || o->by == ZX_BY_DEPARTMENT)
        hd[C_PARENT] = "本院值", hd[C_VSPARENT] = "较本院";
    char from[16], to[16], a[16], b[16], c2[16], d2[16];
    zx_date_format(o->from, from);
    zx_date_format(o->to, to);
    zx_date_format(yf, a);
    zx_date_format(yt, b);
    zx_date_format(pf, c2);
    zx_date_format(pt, d2);
    fprintf(out, "期间 %s 至 %s；同比 %s 至 %s；环比 %s 至 %s（差值：百分点，案-件比为比值差）\n",
            from, to, a, b, c2, d2);
    /* at most one extra row per structure category */
    size_t cap = nsc * (size_t)nrows * 2 + 1, n = 0;
    struct cells *t = calloc(cap, sizeof *t);
    if (!t)
        return ZX_ENOMEM;
    int any_rank = 0, any_target = 0;
    int rc = table_rows(m, o, es, sc, nsc, rows, nrows, t, &n, &any_rank, &any_target);
    int show[NCOL];
    for (int x = 0; x < NCOL; x++)
        show[x] = 1;
    show[C_WHO] = o->by == ZX_BY_STAFF || o->by == ZX_BY_DEPARTMENT;
    show[C_PARENT] = show[C_VSPARENT] = o->compare;
    show[C_RANK] = show[C_TIER] = o->compare && any_rank;
    show[C_TARGET] = show[C_GAP] = o->compare && any_target;
    int last = 0;
    for (int x = 0; x < NCOL; x++)
        if (show[x])
            last = x;
    int w[NCOL];
    for (int x = 0; x < NCOL; x++)
        w[x] = zx_report_width(hd[x]);
    for (size_t i = 0; i < n; i++)
        for (int x = 0; x < NCOL; x++) {
            int wx = t[i].c[x] ? zx_report_width(t[i].c[x]) : 0;
            if (wx > w[x])
                w[x] = wx;
        }
    if (!rc) {
        if (o->compare && (any_rank || show[C_PARENT]))
            fprintf(out, "%s%s\n",
                    show[C_WHO] ? "本院值：承办人或部门所在院之值；" : "上级值：上级院之值；",
                    "结构比偏离度：与上级结构之差绝对值和的一半（百分点）"
                    "；排名、档次仅在上级院开启排名时显示，参考性指标不分档");
        for (size_t pass = 0; pass <= n; pass++) {
            const char *const *cells = pass == 0 ? hd : (const char *const *)t[pass - 1].c;
            int first = 1;
            for (int x = 0; x < NCOL; x++) {
                if (!show[x])
                    continue;
                const char *s = cells[x] ? cells[x] : "";
                int pad = w[x] - zx_report_width(s);
                if (x >= C_FRAC) /* numbers right-aligned */
                    fprintf(out, "%s%*s%s", first ? "" : "  ", pad, "", s);
                else
                    fprintf(out, "%s%s%*s", first ? "" : "  ", s, x == last ? 0 : pad, "");
                first = 0;
            }
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < n; i++)
        for (int x = 0; x < NCOL; x++)
            free(t[i].c[x]);
    free(t);
    return rc;
}

int zx_report_indicators(FILE *out, const struct zx_metrics *m, const struct zx_report_opts *o,
                         struct zx_err *err)
{
    struct evalset es = {{NULL, NULL, NULL}, NULL};
    struct scope *sc = NULL;
    size_t nsc = 0;
    int *all = NULL;
    const int *rows = o->rows;
    int nrows = o->nrows;
    int rc;
    if (o->by == ZX_BY_DEPARTMENT && !o->departments)
        return zx_err_set(err, ZX_EINVAL, "--by department needs the department map");
    if (o->by == ZX_BY_DEPARTMENT && o->format == ZX_REPORT_JSON)
        return zx_err_set(err, ZX_EINVAL,
                          "--by department has no JSON form (spec §7 defines unit and staff "
                          "elements only): use --format table or csv");
    if (!rows) {
        nrows = zx_catalog_rows(o->cat);
        all = malloc(((size_t)nrows + 1) * sizeof *all);
        if (!all)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        for (int i = 0; i < nrows; i++)
            all[i] = i;
        rows = all;
    }
    struct zx_report_opts oo = *o;
    oo.rows = rows;
    oo.nrows = nrows;
    int compare = o->compare && o->format != ZX_REPORT_JSON;
    int32_t pf, pt, yf, yt;
    zx_report_previous(o->from, o->to, &pf, &pt);
    zx_report_last_year(o->from, o->to, &yf, &yt);
    if ((rc = eval_one(m, &oo, o->from, o->to, &es.r[0], err)))
        goto cleanup;
    if (o->format == ZX_REPORT_TABLE) {
        if ((rc = eval_one(m, &oo, yf, yt, &es.r[1], err)) ||
            (rc = eval_one(m, &oo, pf, pt, &es.r[2], err)))
            goto cleanup;
    }
    if (compare) {
        /* the parent's subtree holds the parent and every sibling of the scope unit */
        int32_t u0 = o->unit < 0 ? 0 : o->unit;
        int32_t wide = zx_metrics_unit_parent(m, u0) >= 0 ? zx_metrics_unit_parent(m, u0) : u0;
        if ((rc = eval_scope(m, &oo, wide, 0, o->from, o->to, &es.cmp, err)))
            goto cleanup;
    }
    if (scopes(m, &oo, es.r[0], &sc, &nsc)) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    oo.compare = compare;
    if (o->format == ZX_REPORT_CSV)
        write_csv(out, m, &oo, &es, sc, nsc, rows, nrows);
    else if (o->format == ZX_REPORT_TABLE)
        rc = write_table(out, m, &oo, &es, sc, nsc, rows, nrows, pf, pt, yf, yt);
    else
        write_json(out, m, &oo, es.r[0], sc, nsc, rows, nrows);
    if (rc)
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    else if (ferror(out))
        rc = zx_err_set(err, ZX_EIO, "cannot write the output");
cleanup:
    for (int i = 0; i < 3; i++)
        zx_metrics_result_free(es.r[i]);
    zx_metrics_result_free(es.cmp);
    free(sc);
    free(all);
    return rc;
}

/* ---- drill-down ---- */

static const char *const counting_name[] = {"", "persons", "cases", "events"};

/* Events of a hit: the person's, the case's, or the counted event alone. */
struct drill_out {
    FILE *out;
    int json, k;
    int64_t counted;
};

static int drill_event(void *ud, const struct zx_event_brief *e)
{
    struct drill_out *d = ud;
    char date[16];
    const char *type = zx_vocab_code(ZX_V_EVENT_TYPE, e->type);
    const char *res = e->result < 0 ? NULL : zx_vocab_code(ZX_V_RESULT, e->result);
    const char *ref = e->ref_event_id;
    zx_date_format(e->date, date);
    if (d->json) {
        fputs(d->k++ ? ", " : "", d->out);
        fputs("{\"event_id\": ", d->out);
        zx_report_json_string(d->out, e->event_id);
        fputs(", \"type\": ", d->out);
        zx_report_json_string(d->out, type);
        fprintf(d->out, ", \"date\": \"%s\", \"result\": ", date);
        zx_report_json_string(d->out, res);
        fputs(", \"ref_event_id\": ", d->out);
        zx_report_json_string(d->out, ref);
        fprintf(d->out, ", \"counted\": %s}", e->rid == d->counted ? "true" : "false");
    } else {
        fprintf(d->out, "      %s %-10s %-32s %-20s%s%s%s\n", e->rid == d->counted ? "*" : " ",
                date, type ? type : "?", res ? res : "", ref ? " → " : "", ref ? ref : "", "");
    }
    return 0;
}

static void drill_events(FILE *out, struct zx_case_lookup *lk, const struct zx_metrics_hit *h,
                         int json, int64_t counted)
{
    struct drill_out d = {out, json, 0, counted};
    enum zx_case_lookup_of of = h->counting == 1   ? ZX_LOOKUP_PERSON
                                : h->counting == 2 ? ZX_LOOKUP_CASE
                                                   : ZX_LOOKUP_EVENT;
    int64_t key = h->counting == 1 ? h->person_rid : h->counting == 2 ? h->case_rid : counted;
    zx_case_lookup_events(lk, of, key, drill_event, &d);
}

/* ud: char[200] */
static int first_event_id(void *ud, const struct zx_event_brief *e)
{
    snprintf(ud, 200, "%s", e->event_id ? e->event_id : "");
    return 1;
}

int zx_report_cases(FILE *out, struct zx_store *st, const struct zx_metrics *m,
                    const struct zx_drill_opts *o, int64_t *count, struct zx_err *err)
{
    int32_t from = o->from, to = o->to;
    struct zx_metrics_query q = {.cat = o->cat,
                                 .unit = o->unit,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = &o->row,
                                 .nrows = 1,
                                 .by_staff = o->staff >= 0,
                                 .lines = o->lines,
                                 .collect = 1,
                                 .collect_row = o->row,
                                 .collect_part = o->part,
                                 .collect_staff = o->staff};
    struct zx_metrics_result *r = NULL;
    struct zx_case_lookup *lk = NULL;
    int rc = zx_metrics_eval(m, &q, &r, err);
    if (rc)
        return rc;
    if ((rc = zx_case_lookup_open(st, &lk, err)))
        goto cleanup;
    const struct zx_metrics_hit *hits;
    size_t n = zx_metrics_hits(r, &hits);
    if (count)
        *count = (int64_t)n;
    const struct zx_catalog_row *row = zx_catalog_row(o->cat, o->row);
    int32_t u = o->unit < 0 ? 0 : o->unit;
    const char *unit_id =
        zx_metrics_unit_id(m, o->staff >= 0 ? zx_metrics_staff_unit(m, o->staff) : u);
    const char *staff_id = o->staff >= 0 ? zx_metrics_staff_id(m, o->staff) : NULL;
    const char *part = o->part == ZX_PART_DENOMINATOR ? "denominator" : "numerator";
    char fd[16], td[16];
    zx_date_format(from, fd);
    zx_date_format(to, td);
    int json = o->format != ZX_REPORT_TABLE;
    if (json) {
        fputs("{\"indicator\": ", out);
        zx_report_json_string(out, row->id);
        fprintf(out, ", \"part\": \"%s\", \"unit_id\": ", part);
        zx_report_json_string(out, unit_id);
        fputs(", \"staff_id\": ", out);
        zx_report_json_string(out, staff_id);
        fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"count\": %zu, \"items\": [", fd, td, n);
    } else {
        fprintf(out, "%s（%s）%s  单位 %s%s%s  %s 至 %s  共 %zu 项\n", row->name_zh, row->id,
                o->part == ZX_PART_DENOMINATOR ? "分母" : "分子", unit_id,
                staff_id ? "  承办人 " : "", staff_id ? staff_id : "", fd, td, n);
    }
    for (size_t i = 0; i < n; i++) {
        const struct zx_metrics_hit *h = &hits[i];
        char case_id[200], case_no[400], person_id[200], event_id[200] = "";
        zx_case_lookup_case(lk, h->case_rid, case_id, sizeof case_id, case_no, sizeof case_no);
        if (h->person_rid)
            zx_case_lookup_person(lk, h->person_rid, person_id, sizeof person_id);
        else
            person_id[0] = '\0';
        if (h->event_rid)
            zx_case_lookup_events(lk, ZX_LOOKUP_EVENT, h->event_rid, first_event_id, event_id);
        if (json) {
            fputs(i ? ",\n" : "\n", out);
            fprintf(out, "{\"term\": %d, \"counting\": \"%s\", \"case_id\": ", h->term_slot,
                    counting_name[h->counting]);
            zx_report_json_string(out, case_id);
            fputs(", \"person_id\": ", out);
            zx_report_json_string(out, h->person_rid ? person_id : NULL);
            fputs(", \"case_no\": ", out);
            zx_report_json_string(out, case_no);
            fputs(", \"event_id\": ", out);
            zx_report_json_string(out, h->event_rid ? event_id : NULL);
            fputs(", \"events\": [", out);
            drill_events(out, lk, h, 1, h->event_rid);
            fputs("]}", out);
        } else {
            fprintf(out, "%4zu. [%d] %s  %s  %s%s%s\n", i + 1, h->term_slot, case_no, case_id,
                    h->person_rid ? person_id : "", h->event_rid ? "  event " : "",
                    h->event_rid ? event_id : "");
            drill_events(out, lk, h, 0, h->event_rid);
        }
    }
    if (json)
        fputs(n ? "\n]}\n" : "]}\n", out);
    if (ferror(out))
        rc = zx_err_set(err, ZX_EIO, "cannot write the output");
cleanup:
    zx_case_lookup_close(lk);
    zx_metrics_result_free(r);
    return rc;
}

int zx_report_parse_lines(const char *s, uint32_t *mask)
{
    *mask = 0;
    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        int v = zx_vocab_find(ZX_V_LINE, s, n);
        if (!v)
            return -1;
        *mask |= UINT32_C(1) << v;
        s = e ? e + 1 : NULL;
    }
    return *mask ? 0 : -1;
}
