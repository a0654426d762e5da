/* bulletin.c — the 通报 workbook and its 研判要点 (bulletin.h). */
#include "bulletin/bulletin.h"
#include "metrics/compare.h"
#include "metrics/report.h"
#include "trends/trends.h"
#include "util/fmt.h"
#include "util/date.h"
#include "util/file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define NYEARS 5 /* the 三个结构比 trend: this year (to the period's end) and four before */

/* ---- figures ---- */

struct fig {
    int64_t num, den;
    int ok;
};

static double fval(struct fig f)
{
    return f.ok && f.den ? (double)f.num / (double)f.den : NAN;
}

struct book {
    const struct zx_metrics *m;
    const struct zx_bulletin_opts *o;
    const struct zx_catalog *cat;
    int32_t u0, par, wide; /* the unit, its parent (-1), the scope of the evaluations */
    int32_t *kids;         /* u0's child units */
    int nkids;
    int32_t lyf, lyt, pvf, pvt;              /* last year, previous period */
    struct zx_metrics_result *cur, *ly, *pv; /* scope `wide`, all rows */
    struct zx_metrics_result *years;         /* scope u0, NYEARS periods */
    int32_t yf[NYEARS], yt[NYEARS];
    struct zx_metrics_result *months; /* scope u0: months of this year and last */
    int nmonths;                      /* months per year in `months` */
};

static struct fig get(const struct zx_metrics_result *r, int row, int p, int32_t u)
{
    struct fig f = {0, 0, 0};
    if (r && u >= 0)
        f.ok = zx_metrics_get(r, row, p, u, &f.num, &f.den) == 0;
    return f;
}

/* Δ of two values in points (×100; for 案-件比 the ×100 form moves by the same). */
static double delta_points(double a, double b)
{
    return (a - b) * 100.0;
}

static int eval(const struct book *b, int32_t unit, const int32_t *from, const int32_t *to, int np,
                struct zx_metrics_result **r, struct zx_err *err)
{
    struct zx_metrics_query q = {
        .cat = b->cat, .unit = unit, .from = from, .to = to, .nperiods = np, .collect_staff = -1};
    return zx_metrics_eval(b->m, &q, r, err);
}

static void book_free(struct book *b)
{
    zx_metrics_result_free(b->cur);
    zx_metrics_result_free(b->ly);
    zx_metrics_result_free(b->pv);
    zx_metrics_result_free(b->years);
    zx_metrics_result_free(b->months);
    free(b->kids);
}

static int book_init(struct book *b, const struct zx_metrics *m, const struct zx_bulletin_opts *o,
                     int full, struct zx_err *err)
{
    memset(b, 0, sizeof *b);
    b->m = m;
    b->o = o;
    b->cat = o->cat;
    if (zx_metrics_units(m) == 0)
        return zx_err_set(err, ZX_EINVAL, "the database holds no units");
    b->u0 = o->unit < 0 ? 0 : o->unit;
    b->par = zx_metrics_unit_parent(m, b->u0);
    b->wide = b->par >= 0 ? b->par : b->u0;
    int32_t end = b->u0 + zx_metrics_unit_size(m, b->u0);
    b->kids = calloc((size_t)zx_metrics_unit_size(m, b->u0) + 1, sizeof *b->kids);
    if (!b->kids)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int32_t c = b->u0 + 1; c < end; c += zx_metrics_unit_size(m, c))
        b->kids[b->nkids++] = c;
    zx_report_last_year(o->from, o->to, &b->lyf, &b->lyt);
    zx_report_previous(o->from, o->to, &b->pvf, &b->pvt);
    int rc;
    if ((rc = eval(b, b->wide, &o->from, &o->to, 1, &b->cur, err)) ||
        (rc = eval(b, b->wide, &b->lyf, &b->lyt, 1, &b->ly, err)) ||
        (rc = eval(b, b->wide, &b->pvf, &b->pvt, 1, &b->pv, err)))
        return rc;
    if (!full)
        return ZX_OK;
    /* trend: whole years before, this year up to the period's end */
    int y, mo, d;
    zx_date_to_ymd(o->to, &y, &mo, &d);
    for (int i = 0; i < NYEARS; i++) {
        int yy = y - (NYEARS - 1) + i;
        b->yf[i] = zx_date_from_ymd(yy, 1, 1);
        b->yt[i] = i == NYEARS - 1 ? o->to : zx_date_from_ymd(yy, 12, 31);
    }
    if ((rc = eval(b, b->u0, b->yf, b->yt, NYEARS, &b->years, err)))
        return rc;
    /* months of this year up to the period's end, and the same months last year */
    int32_t mf[24], mt[24];
    b->nmonths = mo;
    for (int i = 0; i < mo; i++) {
        mf[i] = zx_date_from_ymd(y - 1, i + 1, 1);
        mt[i] = zx_date_add_months(mf[i], 1) - 1;
        mf[mo + i] = zx_date_from_ymd(y, i + 1, 1);
        mt[mo + i] = zx_date_add_months(mf[mo + i], 1) - 1;
    }
    return eval(b, b->u0, mf, mt, 2 * mo, &b->months, err);
}

static const char *unit_name(const struct zx_metrics *m, int32_t u)
{
    const char *s = u >= 0 ? zx_metrics_unit_name(m, u) : NULL;
    return s && *s ? s : u >= 0 ? zx_metrics_unit_id(m, u) : "";
}

/* Rows of one structure (consecutive in the catalog) starting at row r; returns how many. */
static int structure_rows(const struct zx_catalog *cat, int r)
{
    const struct zx_catalog_row *a = zx_catalog_row(cat, r);
    int n = 0;
    while (a && a->structure) {
        const struct zx_catalog_row *x = zx_catalog_row(cat, r + n);
        if (!x || !x->structure || strcmp(x->structure, a->structure))
            break;
        n++;
    }
    return n;
}

/* Shape distance of unit u from unit v for the structure starting at row r (k rows). */
static double shape_distance(const struct zx_metrics_result *ru, int32_t u,
                             const struct zx_metrics_result *rv, int32_t v, int r, int k,
                             double *points)
{
    int64_t a[16], bb[16];
    double dist;
    if (k > 16)
        k = 16;
    for (int i = 0; i < k; i++) {
        a[i] = get(ru, r + i, 0, u).num;
        bb[i] = get(rv, r + i, 0, v).num;
    }
    zx_compare_shape(a, bb, k, points, &dist);
    return dist;
}

/* ---- findings ---- */

static const char *dir_word(int direction)
{
    return direction == ZX_DIR_HIGHER  ? "越高越好"
           : direction == ZX_DIR_LOWER ? "越低越好"
                                       : "参考性指标";
}

static void fmt_plain(char *buf, size_t n, const struct zx_catalog_row *row, double v)
{
    char num[64];
    if (isnan(v))
        snprintf(buf, n, "—");
    else if (row->display == ZX_DISP_CASE_RATIO)
        snprintf(buf, n, "1:%s", zx_fmt_fixed(num, sizeof num, v, 2, 0));
    else
        snprintf(buf, n, "%s%%", zx_fmt_fixed(num, sizeof num, v * 100.0, 2, 0));
}

/* "上升1.20个百分点" / "下降0.05" (案-件比: the ratio's change). */
static void fmt_move(char *buf, size_t n, const struct zx_catalog_row *row, double d_points)
{
    /* a change that rounds to nothing is no change: never "下降0.00" */
    if (zx_fmt_rounds_to_zero(row->display == ZX_DISP_CASE_RATIO ? d_points / 100.0 : d_points, 2))
        snprintf(buf, n, "持平");
    else if (row->display == ZX_DISP_CASE_RATIO)
        snprintf(buf, n, "%s%.2f", d_points >= 0 ? "上升" : "下降", fabs(d_points) / 100.0);
    else
        snprintf(buf, n, "%s%.2f个百分点", d_points >= 0 ? "上升" : "下降", fabs(d_points));
}

struct flist {
    struct zx_finding *v;
    size_t n, cap;
};

static struct zx_finding *fl_add(struct flist *l)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        struct zx_finding *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv)
            return NULL;
        l->v = nv;
        l->cap = ncap;
    }
    struct zx_finding *f = &l->v[l->n++];
    memset(f, 0, sizeof *f);
    f->row2 = -1;
    return f;
}

static int cmp_finding(const void *a, const void *b)
{
    const struct zx_finding *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    if (x->b != y->b)
        return x->b > y->b ? -1 : 1;
    return x->row - y->row;
}

static int findings(const struct book *b, struct flist *l)
{
    const struct zx_bulletin_opts *o = b->o;
    int64_t mind = o->min_denominator > 0 ? o->min_denominator : 10;
    int maxf = o->max_findings > 0 ? o->max_findings : 5;
    int nrows = zx_catalog_rows(b->cat);
    size_t start;
    char v0[40], v1[40], mv[80], mv2[80];
    /* 1. movements against last year (structures are read as a whole, not here) */
    start = l->n;
    for (int r = 0; r < nrows; r++) {
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, r);
        struct fig f = get(b->cur, r, 0, b->u0), g = get(b->ly, r, 0, b->u0);
        if (row->structure || f.den < mind || g.den < mind)
            continue;
        double d = delta_points(fval(f), fval(g));
        if (d == 0)
            continue;
        struct zx_finding *x = fl_add(l);
        if (!x)
            return ZX_ENOMEM;
        x->kind = ZX_FIND_MOVEMENT;
        x->row = r;
        x->unit = b->u0;
        x->a = d;
        x->b = fabs(d);
        fmt_plain(v0, sizeof v0, row, fval(f));
        fmt_plain(v1, sizeof v1, row, fval(g));
        fmt_move(mv, sizeof mv, row, d);
        const char *judge = row->direction == ZX_DIR_CONTEXT ? "，结合案件情况研判"
                            : (d > 0) == (row->direction == ZX_DIR_HIGHER) ? "，向好"
                                                                           : "，需关注";
        snprintf(x->text, sizeof x->text, "%s为%s，较上年同期（%s）%s（%s%s）。", row->name_zh, v0,
                 v1, mv, dir_word(row->direction), judge);
    }
    if (l->n > start)
        qsort(l->v + start, l->n - start, sizeof *l->v, cmp_finding);
    if (l->n - start > (size_t)maxf)
        l->n = start + (size_t)maxf;
    /* 2. shapes: each child unit against this unit, this unit against its parent */
    start = l->n;
    for (int r = 0; r < nrows;) {
        int k = structure_rows(b->cat, r);
        if (k == 0) {
            r++;
            continue;
        }
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, r);
        char sname[200];
        const char *dot = strstr(row->name_zh, "·");
        snprintf(sname, sizeof sname, "%.*s",
                 dot ? (int)(dot - row->name_zh) : (int)strlen(row->name_zh), row->name_zh);
        for (int i = -1; i < b->nkids; i++) {
            int32_t u = i < 0 ? b->u0 : b->kids[i], v = i < 0 ? b->par : b->u0;
            if (v < 0)
                continue;
            double pts[16];
            double dist = shape_distance(b->cur, u, b->cur, v, r, k, pts);
            if (isnan(dist) || get(b->cur, r, 0, u).den < mind)
                continue;
            int big = 0;
            for (int j = 1; j < k && j < 16; j++)
                if (fabs(pts[j]) > fabs(pts[big]))
                    big = j;
            struct zx_finding *x = fl_add(l);
            if (!x)
                return ZX_ENOMEM;
            const struct zx_catalog_row *cr = zx_catalog_row(b->cat, r + big);
            const char *cdot = strstr(cr->name_zh, "·");
            x->kind = ZX_FIND_SHAPE;
            x->row = r + big;
            x->unit = u;
            x->a = dist;
            x->b = dist;
            snprintf(x->text, sizeof x->text,
                     "%s的%s与%s偏离%.2f个百分点，其中%s占比%s%.2f个百分点（结构比整体研判，"
                     "不作考核）。",
                     unit_name(b->m, u), sname, i < 0 ? "上级院全辖结构" : "本院全辖结构", dist,
                     cdot ? cdot + strlen("·") : cr->name_zh, pts[big] >= 0 ? "高出" : "低于",
                     fabs(pts[big]));
        }
        r += k;
    }
    if (l->n > start)
        qsort(l->v + start, l->n - start, sizeof *l->v, cmp_finding);
    if (l->n - start > (size_t)maxf)
        l->n = start + (size_t)maxf;
    /* 3. pairs that moved against their stated relation */
    start = l->n;
    for (int r = 0; r < nrows; r++) {
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, r);
        for (int j = 0; j < row->npairs; j++) {
            int r2 = zx_catalog_find(b->cat, row->pairs[j].with);
            const struct zx_catalog_row *row2 = zx_catalog_row(b->cat, r2);
            struct fig f = get(b->cur, r, 0, b->u0), g = get(b->ly, r, 0, b->u0);
            struct fig f2 = get(b->cur, r2, 0, b->u0), g2 = get(b->ly, r2, 0, b->u0);
            if (!row2 || f.den < mind || g.den < mind || f2.den < mind || g2.den < mind)
                continue;
            double d1 = delta_points(fval(f), fval(g)), d2 = delta_points(fval(f2), fval(g2));
            if (d1 == 0 || d2 == 0)
                continue;
            int same = (d1 > 0) == (d2 > 0);
            if (same == (row->pairs[j].expect > 0)) /* moved as stated */
                continue;
            struct zx_finding *x = fl_add(l);
            if (!x)
                return ZX_ENOMEM;
            x->kind = ZX_FIND_PAIR;
            x->row = r;
            x->row2 = r2;
            x->unit = b->u0;
            x->a = d1;
            x->b = d2;
            fmt_move(mv, sizeof mv, row, d1);
            fmt_move(mv2, sizeof mv2, row2, d2);
            snprintf(x->text, sizeof x->text, "%s同比%s，而%s同比%s：%s。", row->name_zh, mv,
                     row2->name_zh, mv2, row->pairs[j].reason_zh);
        }
    }
    return ZX_OK;
}

int zx_bulletin_findings(const struct zx_metrics *m, const struct zx_bulletin_opts *o,
                         struct zx_finding **out, size_t *n, struct zx_err *err)
{
    struct book b;
    struct flist l = {0};
    *out = NULL;
    *n = 0;
    int rc = book_init(&b, m, o, 0, err);
    if (!rc && findings(&b, &l))
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    book_free(&b);
    if (rc) {
        free(l.v);
        return rc;
    }
    *out = l.v;
    *n = l.n;
    return ZX_OK;
}

/* ---- workbook ---- */

enum {
    F_TITLE,
    F_SUB,
    F_HEAD,
    F_TEXT,
    F_DEF,
    F_CENTER,
    F_INT,
    F_PCT,
    F_RATIO,
    F_X100,
    F_PTS_GOOD,
    F_PTS_BAD,
    F_PTS_CTX,
    F_DEC,
    F_DASH,
    F_NOTE,
    F_SECTION,
    F_FINDING,
    F_CODE,
    F_COUNT
};

struct wb {
    lxw_workbook *wb;
    lxw_format *f[F_COUNT];
    struct book *b;
    char title_unit[300];
    char sub[600];
};

#define FONT      "宋体"
#define FONT_HEAD "黑体"

static lxw_format *fmt_new(lxw_workbook *wb, int border, const char *num)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num)
        format_set_num_format(f, num);
    return f;
}

static void formats(struct wb *w)
{
    lxw_workbook *wb = w->wb;
    lxw_format **f = w->f;
    f[F_TITLE] = fmt_new(wb, 0, NULL);
    format_set_font_name(f[F_TITLE], FONT_HEAD);
    format_set_font_size(f[F_TITLE], 16);
    format_set_align(f[F_TITLE], LXW_ALIGN_CENTER);
    f[F_SUB] = fmt_new(wb, 0, NULL);
    format_set_font_size(f[F_SUB], 9);
    format_set_align(f[F_SUB], LXW_ALIGN_CENTER);
    f[F_HEAD] = fmt_new(wb, 1, NULL);
    format_set_font_name(f[F_HEAD], FONT_HEAD);
    format_set_bg_color(f[F_HEAD], 0xDDE5F0);
    format_set_align(f[F_HEAD], LXW_ALIGN_CENTER);
    format_set_text_wrap(f[F_HEAD]);
    f[F_TEXT] = fmt_new(wb, 1, NULL);
    format_set_text_wrap(f[F_TEXT]);
    f[F_DEF] = fmt_new(wb, 1, NULL);
    format_set_text_wrap(f[F_DEF]);
    format_set_font_size(f[F_DEF], 8);
    f[F_CENTER] = fmt_new(wb, 1, NULL);
    format_set_align(f[F_CENTER], LXW_ALIGN_CENTER);
    f[F_INT] = fmt_new(wb, 1, "#,##0");
    f[F_PCT] = fmt_new(wb, 1, "0.00%");
    f[F_RATIO] = fmt_new(wb, 1, "\"1:\"0.00");
    f[F_X100] = fmt_new(wb, 1, "0");
    /* 同比 in points with an arrow; green where the move is good, red where it is not (the
     * colour is the font's, chosen here: palette colours in number formats differ between
     * Excel and LibreOffice) */
    static const char *const pts = "\"↑\"0.00;\"↓\"0.00;\"→\"0.00";
    f[F_PTS_GOOD] = fmt_new(wb, 1, pts);
    format_set_font_color(f[F_PTS_GOOD], 0x007A33);
    f[F_PTS_BAD] = fmt_new(wb, 1, pts);
    format_set_font_color(f[F_PTS_BAD], 0xC00000);
    f[F_PTS_CTX] = fmt_new(wb, 1, pts);
    f[F_DEC] = fmt_new(wb, 1, "0.00");
    f[F_DASH] = fmt_new(wb, 1, NULL);
    format_set_align(f[F_DASH], LXW_ALIGN_CENTER);
    f[F_NOTE] = fmt_new(wb, 0, NULL);
    format_set_font_size(f[F_NOTE], 9);
    format_set_text_wrap(f[F_NOTE]);
    format_set_align(f[F_NOTE], LXW_ALIGN_VERTICAL_TOP);
    f[F_SECTION] = fmt_new(wb, 0, NULL);
    format_set_font_name(f[F_SECTION], FONT_HEAD);
    format_set_font_size(f[F_SECTION], 12);
    f[F_FINDING] = fmt_new(wb, 0, NULL);
    format_set_font_size(f[F_FINDING], 11);
    format_set_text_wrap(f[F_FINDING]);
    format_set_align(f[F_FINDING], LXW_ALIGN_VERTICAL_TOP);
    f[F_CODE] = fmt_new(wb, 0, NULL);
    format_set_font_color(f[F_CODE], LXW_COLOR_GRAY);
    format_set_font_size(f[F_CODE], 8);
}

static lxw_chart_font chart_font(double size, int bold)
{
    lxw_chart_font f = {.name = FONT, .size = size, .bold = (uint8_t)bold};
    return f;
}

/* Page setup shared by every sheet: A4 landscape, one page wide, repeated header rows. */
static void page(lxw_worksheet *ws, int head_last_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_center_horizontally(ws);
    worksheet_set_footer(ws, "&C第 &P 页 共 &N 页");
    if (head_last_row >= 0)
        worksheet_repeat_rows(ws, 0, (lxw_row_t)head_last_row);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
}

/* Title and subtitle across columns 0..last. */
static void title(struct wb *w, lxw_worksheet *ws, const char *what, int last)
{
    char t[600];
    snprintf(t, sizeof t, "%s%s", w->title_unit, what);
    worksheet_set_row(ws, 0, 26, NULL);
    worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)last, t, w->f[F_TITLE]);
    worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)last, w->sub, w->f[F_SUB]);
}

static void put_value(struct wb *w, lxw_worksheet *ws, int r, int c,
                      const struct zx_catalog_row *row, double v)
{
    if (isnan(v))
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "—", w->f[F_DASH]);
    else
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v,
                               w->f[row->display == ZX_DISP_CASE_RATIO ? F_RATIO : F_PCT]);
}

/* A change in points (rates) or in the ratio (案-件比), arrows coloured by direction. */
static void put_delta(struct wb *w, lxw_worksheet *ws, int r, int c,
                      const struct zx_catalog_row *row, double a, double b)
{
    if (isnan(a) || isnan(b)) {
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "—", w->f[F_DASH]);
        return;
    }
    int ratio = row->display == ZX_DISP_CASE_RATIO;
    /* rounded as printed, so that the arrow agrees with the digits (no "↑0.00") */
    double d = round((ratio ? a - b : (a - b) * 100.0) * 100.0) / 100.0;
    if (d == 0)
        d = 0; /* no -0 */
    int f = d == 0 || row->direction == ZX_DIR_CONTEXT     ? F_PTS_CTX
            : (d > 0) == (row->direction == ZX_DIR_HIGHER) ? F_PTS_GOOD
                                                           : F_PTS_BAD;
    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, d, w->f[f]);
}

static void put_int(struct wb *w, lxw_worksheet *ws, int r, int c, int64_t v)
{
    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)v, w->f[F_INT]);
}

static const char *dir_short(int direction)
{
    return direction == ZX_DIR_HIGHER  ? "越高越好"
           : direction == ZX_DIR_LOWER ? "越低越好"
                                       : "参考";
}

static const char *definition(const struct zx_catalog_row *row)
{
    return row->definition_zh ? row->definition_zh : row->description ? row->description : "";
}

/* ---- indicator sheets (刑事检察指标, 其他业务指标) ---- */

static int sheet_indicators(struct wb *w, const char *name, const char *group)
{
    static const char *const head[] = {"序号",   "指标",   "统计口径", "方向", "分子",
                                       "分母",   "本期",   "上年同期", "同比", "环比",
                                       "上级院", "较上级", "目标值",   "差距", "指标代码"};
    enum { NC = 15 };
    static const double widths[NC] = {5, 18, 36, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 9, 30};
    struct book *b = w->b;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws)
        return ZX_ENOMEM;
    char what[200];
    snprintf(what, sizeof what, "%s", name);
    title(w, ws, what, NC - 2);
    for (int c = 0; c < NC; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    lxw_row_col_options hide = {.hidden = 1};
    worksheet_set_column_opt(ws, NC - 1, NC - 1, widths[NC - 1], w->f[F_CODE], &hide);
    for (int c = 0; c < NC; c++)
        worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], w->f[F_HEAD]);
    worksheet_set_row(ws, 2, 28, NULL);
    int r = 3, k = 0;
    for (int i = 0; i < zx_catalog_rows(b->cat); i++) {
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, i);
        if (strcmp(row->group, group))
            continue;
        struct fig f = get(b->cur, i, 0, b->u0), g = get(b->ly, i, 0, b->u0),
                   p = get(b->pv, i, 0, b->u0), pp = get(b->cur, i, 0, b->par);
        worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
        worksheet_write_number(ws, (lxw_row_t)r, 0, ++k, w->f[F_CENTER]);
        worksheet_write_string(ws, (lxw_row_t)r, 1, row->name_zh, w->f[F_TEXT]);
        worksheet_write_string(ws, (lxw_row_t)r, 2, definition(row), w->f[F_DEF]);
        worksheet_write_string(ws, (lxw_row_t)r, 3, dir_short(row->direction), w->f[F_CENTER]);
        put_int(w, ws, r, 4, f.num);
        put_int(w, ws, r, 5, f.den);
        put_value(w, ws, r, 6, row, fval(f));
        put_value(w, ws, r, 7, row, fval(g));
        put_delta(w, ws, r, 8, row, fval(f), fval(g));
        put_delta(w, ws, r, 9, row, fval(f), fval(p));
        put_value(w, ws, r, 10, row, b->par >= 0 ? fval(pp) : NAN);
        put_delta(w, ws, r, 11, row, fval(f), b->par >= 0 ? fval(pp) : NAN);
        double t;
        if (zx_settings_target(b->o->settings, zx_metrics_unit_id(b->m, b->u0), row->id, b->o->to,
                               &t)) {
            put_value(w, ws, r, 12, row, t);
            put_delta(w, ws, r, 13, row, fval(f), t);
        } else {
            worksheet_write_string(ws, (lxw_row_t)r, 12, "", w->f[F_DASH]);
            worksheet_write_string(ws, (lxw_row_t)r, 13, "", w->f[F_DASH]);
        }
        worksheet_write_string(ws, (lxw_row_t)r, 14, row->id, w->f[F_CODE]);
        r++;
    }
    int last = r - 1;
    worksheet_merge_range(
        ws, (lxw_row_t)r, 0, (lxw_row_t)r, NC - 2,
        "注：同比、环比、较上级、差距为百分点；↑↓表示升降，绿色为向好、红色为需关注"
        "（参考性指标不着色）；“—”表示分母为0。指标为诊断性数据，不作考核排名。",
        w->f[F_NOTE]);
    worksheet_set_row(ws, (lxw_row_t)r, 26, NULL);
    /* bar chart: this period against last year */
    if (last >= 3) {
        lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_BAR);
        lxw_chart_series *s1 = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s1, name, 3, 1, (lxw_row_t)last, 1);
        chart_series_set_values(s1, name, 3, 6, (lxw_row_t)last, 6);
        chart_series_set_name(s1, "本期");
        lxw_chart_series *s2 = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s2, name, 3, 1, (lxw_row_t)last, 1);
        chart_series_set_values(s2, name, 3, 7, (lxw_row_t)last, 7);
        chart_series_set_name(s2, "上年同期");
        chart_title_set_name(ch, "本期与上年同期对比");
        lxw_chart_font tf = chart_font(11, 1), af = chart_font(8, 0);
        chart_title_set_name_font(ch, &tf);
        chart_axis_set_num_font(ch->x_axis, &af);
        chart_axis_set_num_font(ch->y_axis, &af);
        /* a bar chart's categories run up the y axis: reverse it to keep the table's order */
        chart_axis_set_num_format(ch->x_axis, "0%");
        chart_axis_set_reverse(ch->y_axis);
        chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options co = {.x_scale = 2.3, .y_scale = 0.09 * (last - 2) + 0.9};
        worksheet_insert_chart_opt(ws, (lxw_row_t)r + 2, 1, ch, &co);
        lxw_row_t brk[] = {(lxw_row_t)r + 1, 0}; /* the chart on a page of its own */
        worksheet_set_h_pagebreaks(ws, brk);
    }
    page(ws, -1); /* the table fits one page; the chart page needs no repeated header */
    return ZX_OK;
}

/* ---- 案-件比 ---- */

static int sheet_case_ratio(struct wb *w)
{
    static const char *const name = "案-件比";
    /* the definition goes last, so that the narrow number columns also suit the monthly
     * table below */
    static const char *const head[] = {"业务条线", "办结案件（案）", "件",      "案-件比", "×100",
                                       "上年同期", "同比",           "环比",    "上级院",  "目标值",
                                       "差距",     "统计口径",       "指标代码"};
    enum { NC = 13 };
    static const double widths[NC] = {16, 10, 9, 9, 7, 9, 9, 9, 9, 9, 9, 40, 30};
    struct book *b = w->b;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws)
        return ZX_ENOMEM;
    title(w, ws, "案-件比", NC - 2);
    for (int c = 0; c < NC; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
    lxw_row_col_options hide = {.hidden = 1};
    worksheet_set_column_opt(ws, NC - 1, NC - 1, widths[NC - 1], w->f[F_CODE], &hide);
    for (int c = 0; c < NC; c++)
        worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], w->f[F_HEAD]);
    worksheet_set_row(ws, 2, 28, NULL);
    int r = 3, rows[8], nr = 0;
    for (int i = 0; i < zx_catalog_rows(b->cat) && nr < 8; i++) {
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, i);
        if (row->display != ZX_DISP_CASE_RATIO)
            continue;
        rows[nr++] = i;
        struct fig f = get(b->cur, i, 0, b->u0), g = get(b->ly, i, 0, b->u0),
                   p = get(b->pv, i, 0, b->u0), pp = get(b->cur, i, 0, b->par);
        worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 0, row->name_zh, w->f[F_TEXT]);
        put_int(w, ws, r, 1, f.den);
        put_int(w, ws, r, 2, f.num);
        put_value(w, ws, r, 3, row, fval(f));
        if (isnan(fval(f)))
            worksheet_write_string(ws, (lxw_row_t)r, 4, "—", w->f[F_DASH]);
        else
            worksheet_write_number(ws, (lxw_row_t)r, 4, round(fval(f) * 100.0), w->f[F_X100]);
        put_value(w, ws, r, 5, row, fval(g));
        put_delta(w, ws, r, 6, row, fval(f), fval(g));
        put_delta(w, ws, r, 7, row, fval(f), fval(p));
        put_value(w, ws, r, 8, row, b->par >= 0 ? fval(pp) : NAN);
        double t;
        if (zx_settings_target(b->o->settings, zx_metrics_unit_id(b->m, b->u0), row->id, b->o->to,
                               &t)) {
            put_value(w, ws, r, 9, row, t);
            put_delta(w, ws, r, 10, row, fval(f), t);
        } else {
            worksheet_write_string(ws, (lxw_row_t)r, 9, "", w->f[F_DASH]);
            worksheet_write_string(ws, (lxw_row_t)r, 10, "", w->f[F_DASH]);
        }
        worksheet_write_string(ws, (lxw_row_t)r, 11, definition(row), w->f[F_DEF]);
        worksheet_write_string(ws, (lxw_row_t)r, 12, row->id, w->f[F_CODE]);
        r++;
    }
    worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, NC - 2,
                          "注：案-件比 = 1 : 件/案，越接近1:1越好；件 = 办结案件数 + 其诉讼环节中"
                          "计“件”的程序数（退回补充侦查、延长审查起诉期限、复议复核等）；"
                          "同比、环比为比值之差，↓（绿色）为向好。",
                          w->f[F_NOTE]);
    worksheet_set_row(ws, (lxw_row_t)r, 26, NULL);
    /* monthly trend of each line, this year and last */
    int t0 = r + 2;
    int y, mo, d;
    zx_date_to_ymd(b->o->to, &y, &mo, &d);
    char buf[64];
    worksheet_merge_range(ws, (lxw_row_t)t0, 0, (lxw_row_t)t0, (lxw_col_t)(2 * nr),
                          "月度走势（按月办结案件计）", w->f[F_SECTION]);
    worksheet_write_string(ws, (lxw_row_t)t0 + 1, 0, "月份", w->f[F_HEAD]);
    for (int j = 0; j < nr; j++) {
        /* "刑事案-件比" → "刑事" */
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, rows[j]);
        const char *cut = strstr(row->name_zh, "案-件比");
        int ln = cut && cut != row->name_zh ? (int)(cut - row->name_zh) : (int)strlen(row->name_zh);
        snprintf(buf, sizeof buf, "%.*s\n%d年", ln, row->name_zh, y);
        worksheet_write_string(ws, (lxw_row_t)t0 + 1, (lxw_col_t)(1 + 2 * j), buf, w->f[F_HEAD]);
        snprintf(buf, sizeof buf, "%.*s\n%d年", ln, row->name_zh, y - 1);
        worksheet_write_string(ws, (lxw_row_t)t0 + 1, (lxw_col_t)(2 + 2 * j), buf, w->f[F_HEAD]);
    }
    worksheet_set_row(ws, (lxw_row_t)t0 + 1, 28, NULL);
    for (int i = 0; i < b->nmonths; i++) {
        snprintf(buf, sizeof buf, "%d月", i + 1);
        worksheet_write_string(ws, (lxw_row_t)(t0 + 2 + i), 0, buf, w->f[F_CENTER]);
        for (int j = 0; j < nr; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(b->cat, rows[j]);
            put_value(w, ws, t0 + 2 + i, 1 + 2 * j, row,
                      fval(get(b->months, rows[j], b->nmonths + i, b->u0)));
            put_value(w, ws, t0 + 2 + i, 2 + 2 * j, row, fval(get(b->months, rows[j], i, b->u0)));
        }
    }
    int tl = t0 + 1 + b->nmonths;
    /* charts: this period by line (column), and the criminal line month by month (line) */
    lxw_chart_font tf = chart_font(11, 1), af = chart_font(8, 0);
    lxw_chart *c1 = workbook_add_chart(w->wb, LXW_CHART_COLUMN);
    lxw_chart_series *s = chart_add_series(c1, NULL, NULL);
    chart_series_set_categories(s, name, 3, 0, (lxw_row_t)(2 + nr), 0);
    chart_series_set_values(s, name, 3, 3, (lxw_row_t)(2 + nr), 3);
    chart_series_set_name(s, "本期");
    s = chart_add_series(c1, NULL, NULL);
    chart_series_set_categories(s, name, 3, 0, (lxw_row_t)(2 + nr), 0);
    chart_series_set_values(s, name, 3, 5, (lxw_row_t)(2 + nr), 5);
    chart_series_set_name(s, "上年同期");
    chart_title_set_name(c1, "各条线案-件比（件/案）");
    chart_title_set_name_font(c1, &tf);
    chart_axis_set_num_font(c1->x_axis, &af);
    chart_axis_set_num_font(c1->y_axis, &af);
    chart_axis_set_num_format(c1->y_axis, "0.00");
    chart_legend_set_position(c1, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options co = {.x_scale = 1.1, .y_scale = 1.0};
    worksheet_insert_chart_opt(ws, (lxw_row_t)tl + 2, 0, c1, &co);
    lxw_chart_options co2 = {.x_scale = 1.25, .y_scale = 1.0};
    if (b->nmonths > 0 && nr > 0) {
        lxw_chart *c2 = workbook_add_chart(w->wb, LXW_CHART_LINE);
        for (int k = 0; k < 2; k++) {
            s = chart_add_series(c2, NULL, NULL);
            chart_series_set_categories(s, name, (lxw_row_t)t0 + 2, 0, (lxw_row_t)tl, 0);
            chart_series_set_values(s, name, (lxw_row_t)t0 + 2, (lxw_col_t)(1 + k), (lxw_row_t)tl,
                                    (lxw_col_t)(1 + k));
            snprintf(buf, sizeof buf, "%d年", y - k);
            chart_series_set_name(s, buf);
            chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
        }
        chart_title_set_name(c2, "刑事案-件比月度走势");
        chart_title_set_name_font(c2, &tf);
        chart_axis_set_num_font(c2->x_axis, &af);
        chart_axis_set_num_font(c2->y_axis, &af);
        chart_axis_set_num_format(c2->y_axis, "0.00");
        chart_legend_set_position(c2, LXW_CHART_LEGEND_BOTTOM);
        worksheet_insert_chart_opt(ws, (lxw_row_t)tl + 2, 7, c2, &co2);
    }
    page(ws, 2);
    return ZX_OK;
}

/* ---- 三个结构比 ---- */

static int sheet_structure(struct wb *w)
{
    static const char *const name = "三个结构比";
    static const char *const head[] = {"类别", "受理案件数", "占比",   "上年同期占比",
                                       "同比", "上级院占比", "较上级", "指标代码"};
    enum { NC = 8 };
    struct book *b = w->b;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws)
        return ZX_ENOMEM;
    title(w, ws, "三个结构比", 10);
    worksheet_set_column(ws, 0, 0, 20, NULL);
    worksheet_set_column(ws, 1, 6, 11, NULL);
    worksheet_set_column(ws, 7, 10, 11, NULL);
    lxw_row_col_options hide = {.hidden = 1};
    worksheet_set_column_opt(ws, 12, 12, 30, w->f[F_CODE], &hide);
    int r = 2;
    lxw_chart_font tf = chart_font(11, 1), af = chart_font(8, 0);
    lxw_chart_options pie_o = {.x_scale = 0.75, .y_scale = 0.9};
    for (int i = 0; i < zx_catalog_rows(b->cat);) {
        int k = structure_rows(b->cat, i);
        if (k == 0) {
            i++;
            continue;
        }
        const struct zx_catalog_row *row0 = zx_catalog_row(b->cat, i);
        char sname[200], buf[300];
        const char *dot = strstr(row0->name_zh, "·");
        snprintf(sname, sizeof sname, "%.*s",
                 dot ? (int)(dot - row0->name_zh) : (int)strlen(row0->name_zh), row0->name_zh);
        snprintf(buf, sizeof buf, "%s（%s）", sname, definition(row0));
        worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 10, buf, w->f[F_SECTION]);
        r++;
        int h = r;
        for (int c = 0; c < NC - 1; c++)
            worksheet_write_string(ws, (lxw_row_t)h, (lxw_col_t)c, head[c], w->f[F_HEAD]);
        r++;
        int first = r;
        for (int j = 0; j < k; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(b->cat, i + j);
            const char *cd = strstr(row->name_zh, "·");
            struct fig f = get(b->cur, i + j, 0, b->u0), g = get(b->ly, i + j, 0, b->u0),
                       pp = get(b->cur, i + j, 0, b->par);
            worksheet_write_string(ws, (lxw_row_t)r, 0, cd ? cd + strlen("·") : row->name_zh,
                                   w->f[F_TEXT]);
            put_int(w, ws, r, 1, f.num);
            put_value(w, ws, r, 2, row, fval(f));
            put_value(w, ws, r, 3, row, fval(g));
            put_delta(w, ws, r, 4, row, fval(f), fval(g));
            put_value(w, ws, r, 5, row, b->par >= 0 ? fval(pp) : NAN);
            put_delta(w, ws, r, 6, row, fval(f), b->par >= 0 ? fval(pp) : NAN);
            worksheet_write_string(ws, (lxw_row_t)r, 12, row->id, w->f[F_CODE]);
            r++;
        }
        double dist = b->par >= 0 ? shape_distance(b->cur, b->u0, b->cur, b->par, i, k, NULL) : NAN;
        double ydist = shape_distance(b->cur, b->u0, b->ly, b->u0, i, k, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 0, "结构偏离度（百分点）", w->f[F_TEXT]);
        worksheet_write_string(ws, (lxw_row_t)r, 1, "较上年同期", w->f[F_CENTER]);
        if (isnan(ydist))
            worksheet_write_string(ws, (lxw_row_t)r, 2, "—", w->f[F_DASH]);
        else
            worksheet_write_number(ws, (lxw_row_t)r, 2, ydist, w->f[F_DEC]);
        worksheet_write_string(ws, (lxw_row_t)r, 3, "较上级院", w->f[F_CENTER]);
        if (isnan(dist))
            worksheet_write_string(ws, (lxw_row_t)r, 4, "—", w->f[F_DASH]);
        else
            worksheet_write_number(ws, (lxw_row_t)r, 4, dist, w->f[F_DEC]);
        worksheet_merge_range(ws, (lxw_row_t)r, 5, (lxw_row_t)r, 6, "½Σ|占比差|", w->f[F_CENTER]);
        r++;
        /* trend over the years */
        int th = r;
        worksheet_write_string(ws, (lxw_row_t)th, 0, "年度占比走势", w->f[F_HEAD]);
        for (int j = 0; j < k; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(b->cat, i + j);
            const char *cd = strstr(row->name_zh, "·");
            worksheet_write_string(ws, (lxw_row_t)th, (lxw_col_t)(1 + j),
                                   cd ? cd + strlen("·") : row->name_zh, w->f[F_HEAD]);
        }
        r++;
        for (int yv = 0; yv < NYEARS; yv++) {
            int yy, mm, dd;
            zx_date_to_ymd(b->yf[yv], &yy, &mm, &dd);
            if (yv == NYEARS - 1 && b->yt[yv] != zx_date_from_ymd(yy, 12, 31)) {
                int y2, m2, d2;
                zx_date_to_ymd(b->yt[yv], &y2, &m2, &d2);
                snprintf(buf, sizeof buf, "%d年1-%d月", yy, m2);
            } else {
                snprintf(buf, sizeof buf, "%d年", yy);
            }
            worksheet_write_string(ws, (lxw_row_t)r, 0, buf, w->f[F_CENTER]);
            for (int j = 0; j < k; j++)
                put_value(w, ws, r, 1 + j, zx_catalog_row(b->cat, i + j),
                          fval(get(b->years, i + j, yv, b->u0)));
            r++;
        }
        /* charts: the shape now (pie), the shape over the years (stacked columns) */
        lxw_chart *pie = workbook_add_chart(w->wb, LXW_CHART_PIE);
        lxw_chart_series *s = chart_add_series(pie, NULL, NULL);
        chart_series_set_categories(s, name, (lxw_row_t)first, 0, (lxw_row_t)(first + k - 1), 0);
        chart_series_set_values(s, name, (lxw_row_t)first, 1, (lxw_row_t)(first + k - 1), 1);
        chart_series_set_labels(s);
        chart_series_set_labels_options(s, LXW_FALSE, LXW_TRUE, LXW_FALSE);
        chart_series_set_labels_percentage(s);
        lxw_chart_font plf = chart_font(8, 0);
        chart_series_set_labels_font(s, &plf);
        snprintf(buf, sizeof buf, "%s（本期）", sname);
        chart_title_set_name(pie, buf);
        chart_title_set_name_font(pie, &tf);
        chart_legend_set_position(pie, LXW_CHART_LEGEND_NONE);
        lxw_chart_font lf = chart_font(8, 0);
        worksheet_insert_chart_opt(ws, (lxw_row_t)h, 7, pie, &pie_o);
        lxw_chart *col = workbook_add_chart(w->wb, LXW_CHART_COLUMN_STACKED_PERCENT);
        for (int j = 0; j < k; j++) {
            s = chart_add_series(col, NULL, NULL);
            chart_series_set_categories(s, name, (lxw_row_t)(th + 1), 0, (lxw_row_t)(th + NYEARS),
                                        0);
            chart_series_set_values(s, name, (lxw_row_t)(th + 1), (lxw_col_t)(1 + j),
                                    (lxw_row_t)(th + NYEARS), (lxw_col_t)(1 + j));
            chart_series_set_name_range(s, name, (lxw_row_t)th, (lxw_col_t)(1 + j));
        }
        snprintf(buf, sizeof buf, "%s（年度）", sname);
        chart_title_set_name(col, buf);
        chart_title_set_name_font(col, &tf);
        chart_axis_set_num_font(col->x_axis, &af);
        chart_axis_set_num_font(col->y_axis, &af);
        chart_legend_set_position(col, LXW_CHART_LEGEND_RIGHT);
        chart_legend_set_font(col, &lf);
        lxw_chart_options col_o = {.x_scale = 0.8, .y_scale = 0.9};
        worksheet_insert_chart_opt(ws, (lxw_row_t)h, 10, col, &col_o);
        /* room for the charts (about 15 rows) */
        if (r < h + 15)
            r = h + 15;
        r++;
        i += k;
    }
    /* child units against this unit's shape, on a page of their own */
    if (b->nkids > 0) {
        lxw_row_t brk[] = {(lxw_row_t)r, 0};
        worksheet_set_h_pagebreaks(ws, brk);
        worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 10,
                              "下级院结构与本院全辖结构的偏离度（百分点，½Σ|占比差|；0为结构相同）",
                              w->f[F_SECTION]);
        r++;
        worksheet_write_string(ws, (lxw_row_t)r, 0, "单位", w->f[F_HEAD]);
        int nc = 0, srow[8];
        for (int i = 0; i < zx_catalog_rows(b->cat) && nc < 8;) {
            int k = structure_rows(b->cat, i);
            if (k == 0) {
                i++;
                continue;
            }
            const struct zx_catalog_row *row0 = zx_catalog_row(b->cat, i);
            const char *dot = strstr(row0->name_zh, "·");
            char sname[200];
            snprintf(sname, sizeof sname, "%.*s",
                     dot ? (int)(dot - row0->name_zh) : (int)strlen(row0->name_zh), row0->name_zh);
            worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(1 + nc), sname, w->f[F_HEAD]);
            srow[nc++] = i;
            i += k;
        }
        r++;
        for (int u = 0; u < b->nkids; u++, r++) {
            worksheet_write_string(ws, (lxw_row_t)r, 0, unit_name(b->m, b->kids[u]), w->f[F_TEXT]);
            for (int c = 0; c < nc; c++) {
                double dd = shape_distance(b->cur, b->kids[u], b->cur, b->u0, srow[c],
                                           structure_rows(b->cat, srow[c]), NULL);
                if (isnan(dd))
                    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(1 + c), "—", w->f[F_DASH]);
                else
                    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)(1 + c), dd, w->f[F_DEC]);
            }
        }
    }
    worksheet_merge_range(
        ws, (lxw_row_t)r + 1, 0, (lxw_row_t)r + 1, 10,
        "注：三个结构比宜在较长周期、较大范围内整体研判，反映“四大检察”是否全面协调"
        "充分发展，不是考核指标，不应推动单一类别的比重。",
        w->f[F_NOTE]);
    worksheet_set_row(ws, (lxw_row_t)r + 1, 26, NULL);
    page(ws, -1);
    return ZX_OK;
}

/* ---- 各院对比 ---- */

static int sheet_units(struct wb *w)
{
    static const char *const name = "各院对比";
    struct book *b = w->b;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws)
        return ZX_ENOMEM;
    int nu = b->nkids + 1; /* this unit (its whole subtree), then each child */
    int last = 2 + nu;
    title(w, ws, "各院指标对比", last > 8 ? last : 8);
    worksheet_set_column(ws, 0, 0, 26, NULL);
    worksheet_set_column(ws, 1, 1, 8, NULL);
    worksheet_set_column(ws, 2, (lxw_col_t)last, 11, NULL);
    lxw_row_col_options hide = {.hidden = 1};
    worksheet_set_column_opt(ws, (lxw_col_t)last + 1, (lxw_col_t)last + 1, 30, w->f[F_CODE], &hide);
    worksheet_write_string(ws, 2, 0, "指标", w->f[F_HEAD]);
    worksheet_write_string(ws, 2, 1, "方向", w->f[F_HEAD]);
    char buf[400];
    snprintf(buf, sizeof buf, "%s（全辖）", unit_name(b->m, b->u0));
    worksheet_write_string(ws, 2, 2, buf, w->f[F_HEAD]);
    for (int u = 0; u < b->nkids; u++)
        worksheet_write_string(ws, 2, (lxw_col_t)(3 + u), unit_name(b->m, b->kids[u]),
                               w->f[F_HEAD]);
    worksheet_set_row(ws, 2, 42, NULL);
    int r = 3, rows[256], nr = 0, crim_row = -1, det_row = -1;
    for (int i = 0; i < zx_catalog_rows(b->cat) && nr < 256; i++) {
        const struct zx_catalog_row *row = zx_catalog_row(b->cat, i);
        if (row->structure)
            continue;
        rows[nr++] = i;
        if (!strcmp(row->id, "case_procedure_ratio_criminal"))
            crim_row = r;
        if (!strcmp(row->id, "pretrial_detention_rate"))
            det_row = r;
        worksheet_write_string(ws, (lxw_row_t)r, 0, row->name_zh, w->f[F_TEXT]);
        if (zx_report_width(row->name_zh) > 26) /* wraps to two lines */
            worksheet_set_row(ws, (lxw_row_t)r, 26, NULL);
        worksheet_write_string(ws, (lxw_row_t)r, 1, dir_short(row->direction), w->f[F_CENTER]);
        put_value(w, ws, r, 2, row, fval(get(b->cur, i, 0, b->u0)));
        for (int u = 0; u < b->nkids; u++)
            put_value(w, ws, r, 3 + u, row, fval(get(b->cur, i, 0, b->kids[u])));
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)last + 1, row->id, w->f[F_CODE]);
        r++;
    }
    r++;
    int ranking =
        b->nkids > 0 && zx_settings_ranking(b->o->settings, zx_metrics_unit_id(b->m, b->u0));
    if (b->nkids == 0) {
        worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(last > 8 ? last : 8),
                              "本院无下级院。", w->f[F_NOTE]);
        r += 2;
    } else if (!ranking) {
        worksheet_merge_range(
            ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)(last > 8 ? last : 8),
            "注：排名未开启。按“一取消三不再”，排名为可选项，不作默认；需要时由本院"
            "设置开启（zhixiao settings set --unit 本院 ranking on）。",
            w->f[F_NOTE]);
        worksheet_set_row(ws, (lxw_row_t)r, 26, NULL);
        r += 2;
    } else {
        worksheet_merge_range(
            ws, (lxw_row_t)r, 0, (lxw_row_t)r, (lxw_col_t)last,
            "下级院排名与档次（本院已开启排名；按方向排序，三等分为上游、中游、下游；"
            "参考性指标不排名）",
            w->f[F_SECTION]);
        r++;
        worksheet_write_string(ws, (lxw_row_t)r, 0, "指标", w->f[F_HEAD]);
        worksheet_write_string(ws, (lxw_row_t)r, 1, "方向", w->f[F_HEAD]);
        worksheet_write_string(ws, (lxw_row_t)r, 2, "", w->f[F_HEAD]);
        for (int u = 0; u < b->nkids; u++)
            worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(3 + u),
                                   unit_name(b->m, b->kids[u]), w->f[F_HEAD]);
        worksheet_set_row(ws, (lxw_row_t)r, 42, NULL);
        r++;
        for (int j = 0; j < nr; j++, r++) {
            const struct zx_catalog_row *row = zx_catalog_row(b->cat, rows[j]);
            worksheet_write_string(ws, (lxw_row_t)r, 0, row->name_zh, w->f[F_TEXT]);
            if (zx_report_width(row->name_zh) > 26)
                worksheet_set_row(ws, (lxw_row_t)r, 26, NULL);
            worksheet_write_string(ws, (lxw_row_t)r, 1, dir_short(row->direction), w->f[F_CENTER]);
            worksheet_write_string(ws, (lxw_row_t)r, 2, "", w->f[F_CENTER]);
            for (int u = 0; u < b->nkids; u++) {
                int rk, n, tier;
                zx_compare_unit_rank(b->m, b->cur, row, rows[j], 0, b->kids[u], &rk, &n, &tier);
                if (rk)
                    snprintf(buf, sizeof buf, "%d/%d %s", rk, n, zx_compare_tier_label(tier));
                else
                    snprintf(buf, sizeof buf, "%s",
                             row->direction == ZX_DIR_CONTEXT ? "不排名" : "—");
                worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)(3 + u), buf, w->f[F_CENTER]);
            }
        }
        r++;
    }
    /* charts: 刑事案-件比 and 诉前羁押率 by unit */
    lxw_chart_font tf = chart_font(11, 1), af = chart_font(8, 0);
    lxw_chart_options co = {.x_scale = 1.25, .y_scale = 1.0};
    int which[2] = {crim_row, det_row}, placed = 0;
    if (b->nkids > 0) {
        lxw_row_t brk[] = {(lxw_row_t)r, 0}; /* the charts on a page of their own */
        worksheet_set_h_pagebreaks(ws, brk);
    }
    for (int k = 0; k < 2; k++) {
        if (which[k] < 0 || b->nkids == 0)
            continue;
        lxw_chart *ch = workbook_add_chart(w->wb, LXW_CHART_COLUMN);
        lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
        chart_series_set_categories(s, name, 2, 3, 2, (lxw_col_t)last);
        chart_series_set_values(s, name, (lxw_row_t)which[k], 3, (lxw_row_t)which[k],
                                (lxw_col_t)last);
        chart_series_set_name_range(s, name, (lxw_row_t)which[k], 0);
        chart_title_set_name_range(ch, name, (lxw_row_t)which[k], 0);
        chart_title_set_name_font(ch, &tf);
        chart_axis_set_num_font(ch->x_axis, &af);
        chart_axis_set_num_font(ch->y_axis, &af);
        chart_axis_set_num_format(ch->y_axis, k == 0 ? "0.00" : "0%");
        chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        worksheet_insert_chart_opt(ws, (lxw_row_t)r, (lxw_col_t)(placed ? 5 : 0), ch, &co);
        placed++;
    }
    page(ws, 2);
    return ZX_OK;
}

/* ---- 研判要点 ---- */

static int sheet_findings(struct wb *w, const struct flist *l)
{
    static const char *const sections[] = {"", "一、同比变动较大的指标", "二、结构比偏离较大的单位",
                                           "三、应同向（或反向）变动而走势相背的指标"};
    static const char *const none[] = {"", "本期无分母足够、可作同比的指标变动。",
                                       "本期未见可比的结构偏离。",
                                       "本期未发现走势相背的关联指标。"};
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "研判要点");
    if (!ws)
        return ZX_ENOMEM;
    title(w, ws, "业务数据研判要点", 1);
    worksheet_set_column(ws, 0, 0, 5, NULL);
    worksheet_set_column(ws, 1, 1, 92, NULL);
    int r = 3;
    worksheet_merge_range(
        ws, 2, 0, 2, 1,
        "以下为系统按指标数据自动生成的提示，供业务数据分析研判会商参考；指标为诊断性"
        "数据，不作考核、不作通报值、不作排名（“一取消三不再”）。",
        w->f[F_NOTE]);
    worksheet_set_row(ws, 2, 28, NULL);
    for (int kind = ZX_FIND_MOVEMENT; kind <= ZX_FIND_PAIR; kind++) {
        r++;
        worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 1, sections[kind],
                              w->f[F_SECTION]);
        worksheet_set_row(ws, (lxw_row_t)r, 22, NULL);
        r++;
        int k = 0;
        for (size_t i = 0; i < l->n; i++) {
            if (l->v[i].kind != kind)
                continue;
            char num[16];
            snprintf(num, sizeof num, "%d.", ++k);
            worksheet_write_string(ws, (lxw_row_t)r, 0, num, w->f[F_FINDING]);
            worksheet_write_string(ws, (lxw_row_t)r, 1, l->v[i].text, w->f[F_FINDING]);
            /* wrapped lines: about 84 display columns (42 CJK characters) each at 11 pt */
            int lines = zx_report_width(l->v[i].text) / 84 + 1;
            worksheet_set_row(ws, (lxw_row_t)r, 6 + 15 * lines, NULL);
            r++;
        }
        if (!k) {
            worksheet_write_string(ws, (lxw_row_t)r, 1, none[kind], w->f[F_FINDING]);
            r++;
        }
    }
    page(ws, -1);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_portrait(ws);
    worksheet_activate(ws);
    return ZX_OK;
}

/* ---- 犯罪态势 (trends/trends.h): the period's months, top charges, 研判 points ---- */

static void put_change(struct wb *w, lxw_worksheet *ws, int r, int c, int64_t x, int64_t p)
{
    if (p <= 0)
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, "—", w->f[F_DASH]);
    else
        worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)(x - p) / (double)p,
                               w->f[F_PCT]);
}

static int sheet_trends(struct wb *w, const struct zx_metrics *m, const struct zx_bulletin_opts *o)
{
    static const char *const head[] = {"排名",     "案由", "件数",   "占比",
                                       "上年同期", "同比", "上一期", "环比"};
    struct zx_trends *t = NULL;
    struct zx_err err = {0};
    char text[512];
    struct zx_trends_query q = {.unit = w->b->u0,
                                .from = zx_trends_month_of(o->from),
                                .to = zx_trends_month_of(o->to),
                                .charge = -1,
                                .top = 10};
    if (q.to - q.from + 1 > ZX_TRENDS_MAX_MONTHS)
        q.from = q.to - ZX_TRENDS_MAX_MONTHS + 1;
    if (zx_trends_run(m, &q, &t, &err))
        return ZX_ENOMEM;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "犯罪态势");
    if (!ws) {
        zx_trends_free(t);
        return ZX_ENOMEM;
    }
    title(w, ws, "犯罪态势", 7);
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 30, NULL);
    worksheet_set_column(ws, 2, 7, 11, NULL);
    int r = 2;
    worksheet_merge_range(
        ws, (lxw_row_t)r, 0, (lxw_row_t)r, 7,
        "刑事案件按受理日期所在月份计入，一案计一次，含全辖下级院；占比 = 该罪名"
        "件数 ÷ 同期全部刑事案件数；同比为上年同期，环比为紧邻的上一期（月数相同）。",
        w->f[F_NOTE]);
    worksheet_set_row(ws, (lxw_row_t)r, 28, NULL);
    r += 2;
    for (int c = 0; c < 8; c++)
        worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, head[c], w->f[F_HEAD]);
    const int64_t tot = zx_trends_total(t);
    for (int i = 0; i < zx_trends_ncharges(t); i++) {
        const struct zx_trends_charge *c = zx_trends_charge(t, i);
        r++;
        worksheet_write_number(ws, (lxw_row_t)r, 0, i + 1, w->f[F_CENTER]);
        worksheet_write_string(ws, (lxw_row_t)r, 1, zx_metrics_charge_name(m, c->charge),
                               w->f[F_TEXT]);
        put_int(w, ws, r, 2, c->count);
        if (tot > 0)
            worksheet_write_number(ws, (lxw_row_t)r, 3, (double)c->count / (double)tot,
                                   w->f[F_PCT]);
        else
            worksheet_write_string(ws, (lxw_row_t)r, 3, "—", w->f[F_DASH]);
        put_int(w, ws, r, 4, c->prev_year);
        put_change(w, ws, r, 5, c->count, c->prev_year);
        put_int(w, ws, r, 6, c->prev_period);
        put_change(w, ws, r, 7, c->count, c->prev_period);
    }
    r++;
    worksheet_write_string(ws, (lxw_row_t)r, 1, "刑事案件合计", w->f[F_TEXT]);
    put_int(w, ws, r, 2, tot);
    r += 2;
    worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 7,
                          "研判要点（明显高于季节基线的罪名）", w->f[F_SECTION]);
    worksheet_set_row(ws, (lxw_row_t)r, 22, NULL);
    for (int i = 0; i < zx_trends_nanomalies(t) && i < 20; i++) {
        char num[16];
        r++;
        zx_trends_text(m, zx_trends_anomaly(t, i), text, sizeof text);
        snprintf(num, sizeof num, "%d.", i + 1);
        worksheet_write_string(ws, (lxw_row_t)r, 0, num, w->f[F_FINDING]);
        worksheet_merge_range(ws, (lxw_row_t)r, 1, (lxw_row_t)r, 7, text, w->f[F_FINDING]);
        worksheet_set_row(ws, (lxw_row_t)r, 6 + 15 * (zx_report_width(text) / 100 + 1), NULL);
    }
    if (!zx_trends_nanomalies(t)) {
        r++;
        worksheet_merge_range(ws, (lxw_row_t)r, 1, (lxw_row_t)r, 7,
                              "本期未见明显高于季节基线的罪名。", w->f[F_FINDING]);
    }
    r += 2;
    snprintf(text, sizeof text,
             "季节基线 M = 前 3 年同月及前后各一月的中位数，离散度 S = max(1.4826 × MAD, √M)，"
             "预警线 M + 3S；当月受理 ≥ %d 件且超过预警线时列出，上下级同时触发只列下级。",
             ZX_TRENDS_MIN_COUNT);
    worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, 7, text, w->f[F_NOTE]);
    worksheet_set_row(ws, (lxw_row_t)r, 28, NULL);
    page(ws, -1);
    zx_trends_free(t);
    return ZX_OK;
}

/* ---- the file ---- */

int zx_bulletin_write(const char *path, const struct zx_metrics *m,
                      const struct zx_bulletin_opts *o, struct zx_err *err)
{
    struct book b;
    struct flist l = {0};
    struct wb w = {0};
    struct zx_file_out fo = {0};
    int rc = book_init(&b, m, o, 1, err);
    if (rc)
        goto cleanup;
    if (findings(&b, &l)) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* created here, so that a failure is our message rather than libxlsxwriter's */
    if ((rc = zx_file_out_open(&fo, path, 0, err)))
        goto cleanup;
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    w.wb = workbook_new_opt(fo.tmp, &wo);
    if (!w.wb) {
        rc = zx_err_set(err, ZX_EIO, "cannot create '%s'", fo.tmp);
        goto cleanup;
    }
    w.b = &b;
    formats(&w);
    char f0[16], t0[16], asof[16] = "—", today[16];
    zx_date_format(o->from, f0);
    zx_date_format(o->to, t0);
    zx_date_format(zx_date_today(), today);
    if (o->data_as_of != ZX_DATE_NULL)
        zx_date_format(o->data_as_of < o->to ? o->data_as_of : o->to, asof);
    snprintf(w.title_unit, sizeof w.title_unit, "%s %s ", unit_name(m, b.u0),
             o->period_label ? o->period_label : "");
    snprintf(w.sub, sizeof w.sub,
             "统计期间：%s 至 %s（含全辖下级院）    数据截至：%s    上级院：%s    生成日期：%s", f0,
             t0, asof, b.par >= 0 ? unit_name(m, b.par) : "无", today);
    lxw_doc_properties props = {
        .title = w.title_unit, .subject = "质效指标通报", .author = "Zhixiao 质效", .company = ""};
    workbook_set_properties(w.wb, &props);
    if ((rc = sheet_findings(&w, &l)) || (rc = sheet_case_ratio(&w)) ||
        (rc = sheet_indicators(&w, "刑事检察指标", "criminal")) ||
        (rc = sheet_indicators(&w, "其他业务指标", "other")) || (rc = sheet_structure(&w)) ||
        (rc = sheet_units(&w)) || (rc = sheet_trends(&w, m, o))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory building the workbook");
        goto cleanup;
    }
    lxw_error le = workbook_close(w.wb);
    w.wb = NULL;
    if (le != LXW_NO_ERROR) {
        rc = zx_err_set(err, ZX_EIO, "cannot write '%s': %s", fo.tmp, lxw_strerror(le));
        goto cleanup;
    }
    rc = zx_file_out_commit(&fo, err);
cleanup:
    if (w.wb)
        workbook_close(w.wb);
    zx_file_out_abort(&fo);
    free(l.v);
    book_free(&b);
    return rc;
}
