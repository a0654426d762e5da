/* window.c — the window index (metrics.h, zx_metrics_window_build): any date window's
 * figures without a pass over the events.
 *
 * Every condition of a term (first, prior, case_has, answers, the case filters) is decided
 * within a case and does not depend on the period; only the counted date does. So an
 * event-counting term is additive over days, and a distinct-person or distinct-case term
 * counts, in a window [a, b], the entity's distinct counted days in it minus its consecutive
 * counted days (prev, cur) with a <= prev and cur <= b (a "pair": both days fall inside,
 * the entity was counted twice). The index keeps per term, unit subtree and day the prefix
 * sums of the counted days, and the pairs sorted by cur; a window costs two reads per unit
 * plus a scan of the pairs whose cur falls in it. It is built by one pass of the engine in
 * day mode (eval.c: every day its own period), so the conditions are the engine's own.
 * Terms placing a distinct count by an answered event's date (their days are not in date
 * order within a case) are not indexed; queries using them take the pass. */
#include "metrics/internal.h"
#include "metrics/metrics.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

/* Past this many bytes of prefix sums no index is built (the pass answers). */
#define WINDOW_MAX_BYTES ((size_t)1 << 30)

struct zx_metrics__window {
    const struct zx_catalog *cat;
    int32_t lo, nd; /* days [lo, lo + nd) */
    size_t stride;  /* nd + 1 */
    uint8_t *ok;    /* by catalog term: indexed */
    uint32_t *pre;  /* [term][unit][stride]: the subtree's counted days before day i */
    struct zx_metrics__pair *pairs; /* sorted by (term, cur) */
    size_t npairs;
    size_t *p0; /* nterms + 1: term t's pairs are [p0[t], p0[t + 1]) */
};

void zx_metrics__window_free(struct zx_metrics__window *w)
{
    if (!w)
        return;
    free(w->ok);
    free(w->pre);
    free(w->pairs);
    free(w->p0);
    free(w);
}

static int pair_cmp(const void *a, const void *b)
{
    const struct zx_metrics__pair *x = a, *y = b;
    if (x->term != y->term)
        return x->term < y->term ? -1 : 1;
    if (x->cur != y->cur)
        return x->cur < y->cur ? -1 : 1;
    return (x->prev > y->prev) - (x->prev < y->prev);
}

static void widen(int32_t d, int32_t *lo, int32_t *hi)
{
    if (d == ZX_DATE_NULL)
        return;
    if (d < *lo)
        *lo = d;
    if (d > *hi)
        *hi = d;
}

int zx_metrics_window_build(struct zx_metrics *m, const struct zx_catalog *cat, struct zx_err *err)
{
    int rc = ZX_OK;
    if (!cat)
        return zx_err_set(err, ZX_EINVAL, "no catalog");
    zx_metrics__window_free(m->win);
    m->win = NULL;
    /* every date a term can count by: events' (their own and answered ones'), cases' */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (int32_t e = 0; e < m->ne; e++)
        widen(m->e_date[e], &lo, &hi);
    for (int32_t c = 0; c < m->nc; c++) {
        widen(m->c_acc[c], &lo, &hi);
        widen(m->c_closed[c], &lo, &hi);
    }
    if (lo > hi || m->nu == 0 || cat->nterms == 0)
        return ZX_OK; /* nothing to count: the pass answers */
    size_t nd = (size_t)(hi - lo) + 1, stride = nd + 1, nt = (size_t)cat->nterms,
           nu = (size_t)m->nu;
    if (nd > 400 * 366 || nt * nu * stride > WINDOW_MAX_BYTES / sizeof(uint32_t))
        return ZX_OK;
    struct zx_metrics__window *w = calloc(1, sizeof *w);
    if (!w)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    w->cat = cat;
    w->lo = lo;
    w->nd = (int32_t)nd;
    w->stride = stride;
    w->ok = calloc(nt + 1, 1);
    w->p0 = calloc(nt + 1, sizeof *w->p0);
    w->pre = calloc(nt * nu * stride, sizeof *w->pre);
    if (!w->ok || !w->p0 || !w->pre) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    if ((rc = zx_metrics__eval_days(m, cat, lo, hi, w->pre, stride, &w->pairs, &w->npairs, err)))
        goto cleanup;
    /* roll up along the tree (children follow their parent in pre-order), then prefix sums */
    for (size_t t = 0; t < nt; t++) {
        uint32_t *base = w->pre + t * nu * stride;
        for (int32_t u = m->nu - 1; u > 0; u--) {
            if (m->u_parent[u] < 0)
                continue;
            uint32_t *src = base + (size_t)u * stride,
                     *dst = base + (size_t)m->u_parent[u] * stride;
            for (size_t i = 1; i < stride; i++)
                dst[i] += src[i];
        }
        for (size_t u = 0; u < nu; u++) {
            uint32_t *row = base + u * stride;
            for (size_t i = 1; i < stride; i++)
                row[i] += row[i - 1];
        }
        const struct zx_term *tm = &cat->terms[t];
        w->ok[t] = !(tm->sel.types && tm->anchor == ZX_ANC_REF && tm->count != ZX_CNT_EVENTS);
    }
    if (w->npairs) /* qsort wants a non-null base even for none */
        qsort(w->pairs, w->npairs, sizeof *w->pairs, pair_cmp);
    for (size_t i = 0, t = 0; t <= nt; t++) {
        while (i < w->npairs && (size_t)w->pairs[i].term < t)
            i++;
        w->p0[t] = i;
    }
    m->win = w;
    w = NULL;
cleanup:
    zx_metrics__window_free(w);
    return rc;
}

/* 1 when the index was built for q's catalog and q asks what it holds: no handler figures,
 * no line filter (ZHIXIAO_WINDOW=0 turns it off, to compare with the pass). */
static int usable(const struct zx_metrics *m, const struct zx_metrics_query *q)
{
    const struct zx_metrics__window *w = m->win;
    if (!w || !q->cat || w->cat != q->cat || q->by_staff || q->lines)
        return 0;
    const char *env = getenv("ZHIXIAO_WINDOW");
    return !(env && !strcmp(env, "0"));
}

int zx_metrics__window_answers(const struct zx_metrics *m, const struct zx_metrics_query *q,
                               const int *slot)
{
    const struct zx_metrics__window *w = m->win;
    if (q->collect || !usable(m, q))
        return 0;
    for (int t = 0; t < q->cat->nterms; t++)
        if (slot[t] >= 0 && !w->ok[t])
            return 0;
    return 1;
}

size_t zx_metrics_window_bytes(const struct zx_metrics *m)
{
    const struct zx_metrics__window *w = m->win;
    if (!w)
        return 0;
    return (size_t)w->cat->nterms * (size_t)m->nu * w->stride * sizeof *w->pre +
           w->npairs * sizeof *w->pairs;
}

int zx_metrics_window_answers(const struct zx_metrics *m, const struct zx_metrics_query *q)
{
    const struct zx_catalog *cat = q->cat;
    const struct zx_metrics__window *w = m->win;
    if (!usable(m, q))
        return 0;
    for (int i = 0; i < (q->rows ? q->nrows : cat->nrows); i++) {
        int row = q->rows ? q->rows[i] : i;
        if (row < 0 || row >= cat->nrows)
            return 0;
        const struct zx_row_int *ri = &cat->rows[row];
        for (int j = 0; j < ri->nnum; j++)
            if (!w->ok[ri->num[j]])
                return 0;
        for (int j = 0; j < ri->nden; j++)
            if (!w->ok[ri->den[j]])
                return 0;
    }
    return 1;
}

void zx_metrics__window_count(const struct zx_metrics *m, int t, int32_t u, int32_t from,
                              int32_t to, int64_t *out)
{
    const struct zx_metrics__window *w = m->win;
    const int32_t size = m->u_size[u];
    int64_t a = (int64_t)from - w->lo, b = (int64_t)to - w->lo;
    if (a < 0)
        a = 0;
    if (b > w->nd - 1)
        b = w->nd - 1;
    if (a > b) {
        memset(out, 0, (size_t)size * sizeof *out);
        return;
    }
    const uint32_t *base = w->pre + ((size_t)t * (size_t)m->nu + (size_t)u) * w->stride;
    for (int32_t ul = 0; ul < size; ul++, base += w->stride)
        out[ul] = (int64_t)base[b + 1] - (int64_t)base[a];
    /* an entity counted on two days inside the window counts once: each such pair of
     * consecutive days is taken off its unit and the units above it up to u */
    size_t i = w->p0[t], end = w->p0[t + 1];
    while (i < end) { /* first pair with cur >= a */
        size_t mid = i + (end - i) / 2;
        if (w->pairs[mid].cur < a)
            i = mid + 1;
        else
            end = mid;
    }
    for (end = w->p0[t + 1]; i < end && w->pairs[i].cur <= b; i++) {
        const struct zx_metrics__pair *p = &w->pairs[i];
        if (p->prev < a || p->unit < u || p->unit >= u + size)
            continue;
        for (int32_t v = p->unit; v >= u; v = m->u_parent[v]) {
            out[v - u]--;
            if (v == u)
                break;
        }
    }
}
