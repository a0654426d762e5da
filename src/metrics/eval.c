/* eval.c — evaluate catalog terms over the loaded columns (metrics.h). The pass over the
 * cases of a scope is dense (every event), sparse (the per-type posting lists of the active
 * types) or dated (only the cases with a counted event dated in the periods), on several
 * threads when large; each thread has its own dedupe state and accumulators, summed at the
 * end. Loading is load.c. */
#include "metrics/internal.h"
#include "metrics/metrics.h"
#include "model/vocab.h"
#include "util/date.h"

#include <pthread.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* ---- evaluation ---- */

struct zx_metrics_result {
    const struct zx_catalog *cat;
    int np;     /* periods */
    int32_t u0; /* scope: units [u0, u0 + nus) */
    int32_t nus;
    int32_t ns;     /* staff (when by_staff) */
    int nslots;     /* evaluated terms */
    int *slot;      /* catalog term → slot, -1 when not evaluated */
    int64_t *acc;   /* [slot][period][unit - u0], rolled up */
    uint32_t *sacc; /* [slot][period][staff], NULL unless by_staff */
    uint8_t *sactive;
    struct zx_metrics_hit *hits;
    size_t nhits, caphits;
    int oom; /* a hit could not be stored */
    /* day mode (the window index): consecutive points of one entity, this thread's */
    struct zx_metrics__pair *pairs;
    size_t npairs, cappairs;
};

struct seen {
    int32_t slot, ent, per, h;
};

struct ectx {
    const struct zx_metrics *m;
    struct zx_metrics_result *r;
    int by_staff;
    uint32_t lines;              /* the query's line filter; 0 = all */
    const struct zx_term **term; /* by slot */
    int nslots;
    /* event type → slots that select it; prior / case_has specs that watch it */
    int disp0[65], *disp;
    int pd0[65], *pd;
    int hd0[65], *hd;
    int *case_only, ncase_only;
    struct zx_sel prior[64], has[64];
    int nprior, nhas;
    int *prior_of, *has_of; /* by slot, -1 = none */
    int32_t *pmin, *cmin;
    uint64_t hasbits;
    /* dedupe state */
    int32_t *ddc_case, *ddc_per, *ddp_case, *ddp_per, *fc, *fp;
    struct seen *seen;
    size_t nseen, capseen;
    /* periods */
    int32_t lo, hi, *pmap;
    int np;
    /* drill-down */
    int coll;
    int32_t coll_staff;
    const int *coll_terms; /* the row part's catalog terms */
    int ncoll_terms;
    const int *slot_of; /* catalog term → slot */
    size_t coll_limit;  /* stop the pass after this many hits; 0 = never */
    /* day mode (the window index, window.c): every day is its own period; counts go to
     * day[(term * nu + unit) * stride + 1 + day] (catalog term, absolute unit) */
    uint32_t *day;
    size_t day_stride;
    const struct zx_term *terms0; /* the catalog's terms: slot → term index */
};

static inline int period_of(const struct ectx *x, int32_t d)
{
    if (d < x->lo || d > x->hi)
        return -1;
    return x->pmap[d - x->lo];
}

static inline int sel_match(const struct zx_sel *s, int type, int result)
{
    return (s->types >> type & 1) && (!s->results || (s->results >> result & 1));
}

static inline int case_ok(const struct zx_term *t, const struct zx_metrics *m, int32_t c)
{
    return (!t->lines || (t->lines >> m->c_line[c] & 1)) &&
           (!t->kinds || (t->kinds >> m->c_kind[c] & 1)) &&
           (!t->sources || (t->sources >> m->c_source[c] & 1)) &&
           (!t->businesses || (t->businesses >> m->c_business[c] & 1));
}

static void collect(struct ectx *x, int k, int32_t c, int32_t person, int32_t e)
{
    struct zx_metrics_result *r = x->r;
    const struct zx_term *t = x->term[k];
    for (int j = 0; j < x->ncoll_terms; j++) {
        if (x->slot_of[x->coll_terms[j]] != k)
            continue;
        if (r->nhits == r->caphits) {
            size_t ncap = r->caphits ? r->caphits * 2 : 256;
            struct zx_metrics_hit *n = realloc(r->hits, ncap * sizeof *n);
            if (!n) {
                r->oom = 1;
                return;
            }
            r->hits = n;
            r->caphits = ncap;
        }
        struct zx_metrics_hit *h = &r->hits[r->nhits++];
        h->term_slot = j;
        h->counting = t->count;
        h->case_rid = x->m->c_rid[c];
        h->person_rid = person >= 0 && t->count != ZX_CNT_CASES ? x->m->p_rid[person] : 0;
        h->event_rid = e >= 0 ? x->m->e_rid[e] : 0;
    }
}

static inline void count_unit(struct ectx *x, int k, int p, int32_t ul, int32_t c, int32_t person,
                              int32_t e)
{
    if (x->day) { /* threads split by events: a unit may straddle two of them */
        size_t ti = (size_t)(x->term[k] - x->terms0);
        __atomic_fetch_add(
            &x->day[(ti * (size_t)x->m->nu + (size_t)ul) * x->day_stride + 1 + (size_t)p], 1u,
            __ATOMIC_RELAXED);
        return;
    }
    x->r->acc[((size_t)k * (size_t)x->np + (size_t)p) * (size_t)x->r->nus + (size_t)ul]++;
    if (x->coll && x->coll_staff < 0 && p == 0)
        collect(x, k, c, person, e);
}

static inline void count_staff(struct ectx *x, int k, int p, int32_t h, int32_t c, int32_t person,
                               int32_t e)
{
    x->r->sacc[((size_t)k * (size_t)x->np + (size_t)p) * (size_t)x->r->ns + (size_t)h]++;
    if (x->coll && x->coll_staff == h && p == 0)
        collect(x, k, c, person, e);
}

/* Day mode: entity ent of term slot k (in case c) counts on day cur after day prev. */
static void record_pair(struct ectx *x, int k, int32_t c, int32_t prev, int32_t cur)
{
    struct zx_metrics_result *r = x->r;
    if (r->npairs == r->cappairs) {
        size_t ncap = r->cappairs ? r->cappairs * 2 : 1024;
        struct zx_metrics__pair *n = realloc(r->pairs, ncap * sizeof *n);
        if (!n) {
            r->oom = 1;
            return;
        }
        r->pairs = n;
        r->cappairs = ncap;
    }
    r->pairs[r->npairs++] =
        (struct zx_metrics__pair){(int32_t)(x->term[k] - x->terms0), x->m->c_unit[c], prev, cur};
}

/* 1 when (k, ent, p, h) was not seen in this case yet (and records it); -1 out of memory. */
static int seen_new(struct ectx *x, int k, int32_t ent, int p, int32_t h)
{
    for (size_t i = 0; i < x->nseen; i++) {
        const struct seen *s = &x->seen[i];
        if (s->slot == k && s->ent == ent && s->per == p && s->h == h)
            return 0;
    }
    if (x->nseen == x->capseen) {
        size_t ncap = x->capseen ? x->capseen * 2 : 64;
        struct seen *n = realloc(x->seen, ncap * sizeof *n);
        if (!n)
            return -1;
        x->seen = n;
        x->capseen = ncap;
    }
    x->seen[x->nseen++] = (struct seen){k, ent, p, h};
    return 1;
}

/* Count case c. ev == NULL: all its events; else only the nev events ev[] (in event order),
 * which must hold every event of a type some active term, prior or case_has selects. */
static int process_case(struct ectx *x, int32_t c, const int32_t *ev, int32_t nev)
{
    const struct zx_metrics *m = x->m;
    if (x->lines && !(x->lines >> m->c_line[c] & 1))
        return 0;
    const int32_t ul = m->c_unit[c] - x->r->u0;
    const int32_t e0 = m->c_e0[c], ne = ev ? nev : m->c_e0[c + 1] - e0;
    const int32_t p0 = m->c_p0[c], npc = m->c_p0[c + 1] - p0;
    const int32_t mpc = m->max_pc;
    x->nseen = 0;
    /* cohort conditions of this case */
    if (x->nprior || x->nhas) {
        x->hasbits = 0;
        for (int s = 0; s < x->nprior; s++) {
            x->cmin[s] = INT32_MAX;
            for (int32_t lp = 0; lp < npc; lp++)
                x->pmin[(size_t)s * (size_t)mpc + (size_t)lp] = INT32_MAX;
        }
        for (int32_t ix = 0; ix < ne; ix++) {
            const int32_t e = ev ? ev[ix] : e0 + ix;
            int ty = m->e_type[e], res = m->e_result[e];
            for (int j = x->pd0[ty]; j < x->pd0[ty + 1]; j++) {
                int s = x->pd[j];
                if (!sel_match(&x->prior[s], ty, res))
                    continue;
                int32_t d = m->e_date[e];
                if (d < x->cmin[s])
                    x->cmin[s] = d;
                if (m->e_person[e] >= 0) {
                    int32_t *pm = &x->pmin[(size_t)s * (size_t)mpc + (size_t)(m->e_person[e] - p0)];
                    if (d < *pm)
                        *pm = d;
                }
            }
            for (int j = x->hd0[ty]; j < x->hd0[ty + 1]; j++)
                if (sel_match(&x->has[x->hd[j]], ty, res))
                    x->hasbits |= UINT64_C(1) << x->hd[j];
        }
    }
    /* case-only terms: closed or accepted cases */
    for (int j = 0; j < x->ncase_only; j++) {
        int k = x->case_only[j];
        const struct zx_term *t = x->term[k];
        if (!case_ok(t, m, c))
            continue;
        if (x->has_of[k] >= 0 && !(x->hasbits >> x->has_of[k] & 1))
            continue;
        int32_t d = t->anchor == ZX_ANC_CLOSED ? m->c_closed[c] : m->c_acc[c];
        if (d == ZX_DATE_NULL)
            continue;
        int32_t h = m->c_handler[c];
        if (x->by_staff && h >= 0)
            x->r->sactive[h] = 1;
        int p = period_of(x, d);
        if (p < 0)
            continue;
        count_unit(x, k, p, ul, c, -1, -1);
        if (x->by_staff && h >= 0)
            count_staff(x, k, p, h, c, -1, -1);
    }
    /* event terms */
    for (int32_t ix = 0; ix < ne; ix++) {
        const int32_t e = ev ? ev[ix] : e0 + ix;
        const int ty = m->e_type[e];
        for (int j = x->disp0[ty]; j < x->disp0[ty + 1]; j++) {
            const int k = x->disp[j];
            const struct zx_term *t = x->term[k];
            if (t->sel.results && !(t->sel.results >> m->e_result[e] & 1))
                continue;
            if (!case_ok(t, m, c))
                continue;
            const int32_t person = m->e_person[e];
            const int32_t lp = person >= 0 ? person - p0 : -1;
            if (t->count == ZX_CNT_PERSONS && person < 0)
                continue;
            int32_t ref = m->e_ref[e];
            if (t->answers.types &&
                (ref < 0 || !sel_match(&t->answers, m->e_type[ref], m->e_result[ref])))
                continue;
            if (t->first) {
                int32_t *f = t->count == ZX_CNT_PERSONS
                                 ? &x->fp[(size_t)k * (size_t)mpc + (size_t)lp]
                                 : &x->fc[k];
                if (*f == c)
                    continue;
                *f = c;
            }
            const int32_t h = m->e_handler[e];
            if (x->by_staff && h >= 0)
                x->r->sactive[h] = 1;
            if (x->has_of[k] >= 0 && !(x->hasbits >> x->has_of[k] & 1))
                continue;
            if (x->prior_of[k] >= 0) {
                int s = x->prior_of[k];
                int32_t d = lp >= 0 ? x->pmin[(size_t)s * (size_t)mpc + (size_t)lp] : x->cmin[s];
                if (d > m->e_date[e])
                    continue;
            }
            int32_t d;
            switch (t->anchor) {
            case ZX_ANC_REF:
                if (ref < 0)
                    continue;
                d = m->e_date[ref];
                break;
            case ZX_ANC_CLOSED:
                d = m->c_closed[c];
                break;
            case ZX_ANC_ACCEPTED:
                d = m->c_acc[c];
                break;
            default:
                d = m->e_date[e];
            }
            const int p = period_of(x, d);
            if (p < 0)
                continue;
            if (t->count == ZX_CNT_EVENTS) {
                count_unit(x, k, p, ul, c, person, e);
                if (x->by_staff && h >= 0)
                    count_staff(x, k, p, h, c, person, e);
                continue;
            }
            const int32_t ent = t->count == ZX_CNT_PERSONS ? lp : -1;
            int fresh;
            if (t->anchor == ZX_ANC_REF) {
                fresh = seen_new(x, k, ent, p, -1);
                if (fresh < 0)
                    return ZX_ENOMEM;
            } else {
                /* periods of one entity's events come in order: duplicates are adjacent */
                size_t i =
                    t->count == ZX_CNT_PERSONS ? (size_t)k * (size_t)mpc + (size_t)lp : (size_t)k;
                int32_t *dc = t->count == ZX_CNT_PERSONS ? x->ddp_case : x->ddc_case;
                int32_t *dp = t->count == ZX_CNT_PERSONS ? x->ddp_per : x->ddc_per;
                fresh = !(dc[i] == c && dp[i] == p);
                /* day mode: the entity's previous day, for the window index's pairs */
                if (fresh && x->day && dc[i] == c)
                    record_pair(x, k, c, dp[i], p);
                dc[i] = c;
                dp[i] = p;
            }
            if (fresh)
                count_unit(x, k, p, ul, c, person, e);
            if (x->by_staff && h >= 0) {
                int sf = seen_new(x, k, ent, p, h);
                if (sf < 0)
                    return ZX_ENOMEM;
                if (sf)
                    count_staff(x, k, p, h, c, person, e);
            }
        }
    }
    return ZX_OK;
}

/* ---- the pass: cases of the scope, split among threads ---- */

enum { MAX_THREADS = 8 };

/* One thread's share: cases [c0, c1) with its own dedupe state and accumulators. */
struct pass {
    struct ectx x;
    int32_t c0, c1;
    uint64_t types; /* sparse: the event types any active term, prior or case_has reads */
    int sparse;
    const int32_t *cand; /* dated: only these cases (ascending), from cand[0 .. ncand) */
    int32_t ncand;
    int rc;
};

/* First index i in [lo, hi) with a[i] >= v (a ascending), hi when none. */
static int32_t lower_bound(const int32_t *a, int32_t lo, int32_t hi, int32_t v)
{
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (a[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Events of the types in `types` among events [e0, e1), in event order (a k-way merge of
 * the per-type posting lists). *out is malloc()ed; returns the count or -1. */
static int64_t gather_events(const struct zx_metrics *m, uint64_t types, int32_t e0, int32_t e1,
                             int32_t **out)
{
    int32_t pos[64], end[64];
    int k = 0;
    int64_t n = 0;
    for (int t = 0; t < 64; t++) {
        if (!(types >> t & 1))
            continue;
        pos[k] = lower_bound(m->t_ev, m->t_e0[t], m->t_e0[t + 1], e0);
        end[k] = lower_bound(m->t_ev, pos[k], m->t_e0[t + 1], e1);
        if (pos[k] < end[k])
            n += end[k] - pos[k], k++;
    }
    int32_t *buf = malloc(((size_t)n + 1) * sizeof *buf);
    if (!buf)
        return -1;
    for (int64_t i = 0; i < n; i++) {
        int best = 0;
        for (int j = 1; j < k; j++)
            if (m->t_ev[pos[j]] < m->t_ev[pos[best]])
                best = j;
        buf[i] = m->t_ev[pos[best]++];
        if (pos[best] == end[best]) {
            pos[best] = pos[k - 1];
            end[best] = end[k - 1];
            k--;
        }
    }
    *out = buf;
    return n;
}

/* A drill-down with a limit has collected enough hits. */
static inline int enough(const struct ectx *x)
{
    return x->coll_limit && x->r->nhits >= x->coll_limit;
}

static int run_cases_sparse(struct pass *ps);

static int run_cases(struct pass *ps)
{
    struct ectx *x = &ps->x;
    const struct zx_metrics *m = x->m;
    if (ps->cand) { /* dated: each candidate case with its events of the active types */
        int32_t *buf = NULL, cap = 0;
        int rc = ZX_OK;
        for (int32_t i = 0; i < ps->ncand && !rc && !enough(x); i++) {
            const int32_t c = ps->cand[i], e0 = m->c_e0[c], e1 = m->c_e0[c + 1];
            if (e1 - e0 > cap) {
                int32_t *nb = realloc(buf, (size_t)(e1 - e0) * sizeof *nb);
                if (!nb) {
                    rc = ZX_ENOMEM;
                    break;
                }
                buf = nb;
                cap = e1 - e0;
            }
            int32_t n = 0;
            for (int32_t e = e0; e < e1; e++)
                if (ps->types >> m->e_type[e] & 1)
                    buf[n++] = e;
            rc = process_case(x, c, buf, n);
        }
        free(buf);
        return rc ? ZX_ENOMEM : ZX_OK;
    }
    if (!ps->sparse) {
        for (int32_t c = ps->c0; c < ps->c1 && !enough(x); c++)
            if (process_case(x, c, NULL, 0))
                return ZX_ENOMEM;
        return ZX_OK;
    }
    if (x->coll_limit) { /* a page of a drill-down: gather by growing chunks of cases */
        int rc = ZX_OK;
        const int32_t c0 = ps->c0, c1 = ps->c1;
        for (int32_t c = c0, step = 64; c < c1 && !rc && !enough(x);) {
            ps->c0 = c;
            ps->c1 = step > c1 - c ? c1 : c + step;
            rc = run_cases_sparse(ps);
            c = ps->c1;
            step = step < (1 << 24) ? step * 2 : step;
        }
        ps->c0 = c0;
        ps->c1 = c1;
        return rc;
    }
    return run_cases_sparse(ps);
}

/* The sparse walk of cases [ps->c0, ps->c1): their events of the active types, gathered. */
static int run_cases_sparse(struct pass *ps)
{
    struct ectx *x = &ps->x;
    const struct zx_metrics *m = x->m;
    int32_t *ev = NULL;
    int64_t n = gather_events(m, ps->types, m->c_e0[ps->c0], m->c_e0[ps->c1], &ev);
    if (n < 0)
        return ZX_ENOMEM;
    int rc = ZX_OK;
    if (x->ncase_only) { /* every case counts: walk them all, each with its events */
        int64_t i = 0;
        for (int32_t c = ps->c0; c < ps->c1 && !rc && !enough(x); c++) {
            int64_t j = i;
            while (j < n && ev[j] < m->c_e0[c + 1])
                j++;
            rc = process_case(x, c, ev + i, (int32_t)(j - i));
            i = j;
        }
    } else { /* only the cases that hold a selected event */
        int64_t i = 0;
        int32_t c = ps->c0;
        while (i < n && !rc && !enough(x)) {
            if (m->c_e0[c + 1] <= ev[i]) /* the case of ev[i] */
                c = lower_bound(m->c_e0, c + 1, ps->c1 + 1, ev[i] + 1) - 1;
            int64_t j = i + 1;
            while (j < n && ev[j] < m->c_e0[c + 1])
                j++;
            rc = process_case(x, c, ev + i, (int32_t)(j - i));
            i = j;
        }
    }
    free(ev);
    return rc ? ZX_ENOMEM : ZX_OK;
}

static void *run_thread(void *arg)
{
    struct pass *ps = arg;
    ps->rc = run_cases(ps);
    return NULL;
}

/* Threads to use: ZHIXIAO_THREADS, else the online processors, at most MAX_THREADS. */
static int thread_count(void)
{
    const char *env = getenv("ZHIXIAO_THREADS");
    long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* Zeroed accumulators of x for its nslots × np × nus counts (and per staff member when
 * by_staff); ZX_ENOMEM leaves what was allocated for zx_metrics_result_free. */
static int acc_alloc(struct zx_metrics_result *x, int by_staff)
{
    x->acc = calloc((size_t)x->nslots * (size_t)x->np * (size_t)x->nus + 1, sizeof *x->acc);
    if (!x->acc)
        return ZX_ENOMEM;
    if (by_staff) {
        x->sacc = calloc((size_t)x->nslots * (size_t)x->np * (size_t)x->ns + 1, sizeof *x->sacc);
        x->sactive = calloc((size_t)x->ns + 1, 1);
        if (!x->sacc || !x->sactive)
            return ZX_ENOMEM;
    }
    return ZX_OK;
}

/* A copy of x for another thread: shares the read-only tables, owns fresh dedupe state and
 * fresh accumulators. */
static int ectx_clone(struct ectx *dst, const struct ectx *x)
{
    const struct zx_metrics_result *r = x->r;
    size_t nsl = (size_t)x->nslots + 1, mpc = (size_t)x->m->max_pc;
    *dst = *x;
    dst->seen = NULL;
    dst->nseen = dst->capseen = 0;
    dst->pmin = malloc(((size_t)x->nprior * mpc + 1) * sizeof *dst->pmin);
    dst->cmin = malloc(((size_t)x->nprior + 1) * sizeof *dst->cmin);
    dst->ddc_case = malloc(nsl * sizeof *dst->ddc_case);
    dst->ddc_per = malloc(nsl * sizeof *dst->ddc_per);
    dst->fc = malloc(nsl * sizeof *dst->fc);
    dst->ddp_case = malloc(nsl * mpc * sizeof *dst->ddp_case);
    dst->ddp_per = malloc(nsl * mpc * sizeof *dst->ddp_per);
    dst->fp = malloc(nsl * mpc * sizeof *dst->fp);
    dst->r = calloc(1, sizeof *dst->r);
    if (!dst->pmin || !dst->cmin || !dst->ddc_case || !dst->ddc_per || !dst->fc || !dst->ddp_case ||
        !dst->ddp_per || !dst->fp || !dst->r)
        return ZX_ENOMEM;
    memset(dst->ddc_case, 0xff, nsl * sizeof *dst->ddc_case);
    memset(dst->fc, 0xff, nsl * sizeof *dst->fc);
    memset(dst->ddp_case, 0xff, nsl * mpc * sizeof *dst->ddp_case);
    memset(dst->fp, 0xff, nsl * mpc * sizeof *dst->fp);
    struct zx_metrics_result *d = dst->r;
    d->cat = r->cat;
    d->np = r->np;
    d->u0 = r->u0;
    d->nus = r->nus;
    d->ns = r->ns;
    d->nslots = r->nslots;
    return acc_alloc(d, r->sacc != NULL);
}

/* Free what a clone owns. */
static void ectx_clone_free(struct ectx *x)
{
    free(x->pmin);
    free(x->cmin);
    free(x->ddc_case);
    free(x->ddc_per);
    free(x->fc);
    free(x->ddp_case);
    free(x->ddp_per);
    free(x->fp);
    free(x->seen);
    zx_metrics_result_free(x->r);
}

/* Count every case of [c0, c1) into x->r: sparse (posting lists) when the active event
 * types are a small share of the scope's events, on several threads when the scope is
 * large and no drill-down needs the hits in order. */
static int run_pass(struct ectx *x, int32_t c0, int32_t c1, int *oom)
{
    const struct zx_metrics *m = x->m;
    struct pass ps[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    uint64_t types = 0;
    for (int k = 0; k < x->nslots; k++)
        types |= x->term[k]->sel.types;
    for (int s = 0; s < x->nprior; s++)
        types |= x->prior[s].types;
    for (int s = 0; s < x->nhas; s++)
        types |= x->has[s].types;
    int64_t all = (int64_t)m->c_e0[c1] - m->c_e0[c0], sel = 0;
    for (int t = 0; t < 64; t++)
        if (types >> t & 1)
            sel += lower_bound(m->t_ev, m->t_e0[t], m->t_e0[t + 1], m->c_e0[c1]) -
                   lower_bound(m->t_ev, m->t_e0[t], m->t_e0[t + 1], m->c_e0[c0]);
    /* ZHIXIAO_PASS=dense|sparse|dated forces a strategy (where it applies) and threads on
     * any scope: the tests run the fixtures through every path with it */
    const char *force = getenv("ZHIXIAO_PASS");
    int sparse = force ? !strcmp(force, "sparse") || !strcmp(force, "dated") : sel * 2 < all;
    int64_t work = sparse ? sel : all;
    /* dated: when every active term counts an event by its own date, only the cases holding
     * such an event dated in [lo, hi] can count (the date-sorted posting lists find them) */
    int32_t *cand = NULL, ncand = 0;
    uint64_t *bits = NULL;
    /* dated: only the cases that can count in [lo, hi] — those with an event a term counts
     * by its own date dated in it (the date-sorted posting lists), closed or accepted in it
     * for terms placed by those dates, or with an event a term places by its answered
     * event's date, that date in it. Handlers active at any date (by_staff) need them all. */
    int dated = !x->by_staff && m->t_dd && c1 > c0;
    uint64_t counted = 0, byref = 0;
    int need_closed = 0, need_acc = 0;
    for (int k = 0; dated && k < x->nslots; k++) {
        const struct zx_term *t = x->term[k];
        if (!t->sel.types && t->anchor == ZX_ANC_CLOSED)
            need_closed = 1;
        else if (!t->sel.types)
            need_acc = 1;
        else if (t->anchor == ZX_ANC_EVENT)
            counted |= t->sel.types;
        else if (t->anchor == ZX_ANC_CLOSED)
            need_closed = 1;
        else if (t->anchor == ZX_ANC_ACCEPTED)
            need_acc = 1;
        else if (t->anchor == ZX_ANC_REF)
            byref |= t->sel.types;
        else
            dated = 0;
    }
    int64_t ndated = 0;
    for (int t = 0; dated && t < 64; t++)
        if (counted >> t & 1)
            ndated += lower_bound(m->t_dd, m->t_e0[t], m->t_e0[t + 1], x->hi + 1) -
                      lower_bound(m->t_dd, m->t_e0[t], m->t_e0[t + 1], x->lo);
    /* worth it when few events count in the window and few cases are scanned for dates */
    if (dated && !force && !(need_closed || need_acc || byref) && ndated * 16 >= all)
        dated = 0;
    if (dated && force && strcmp(force, "dated"))
        dated = 0;
    if (dated) {
        size_t nw = ((size_t)(c1 - c0) + 63) / 64;
        bits = calloc(nw + 1, sizeof *bits);
        if (!bits)
            return ZX_ENOMEM;
#define MARK(c)                                                                                    \
    do {                                                                                           \
        uint32_t off_ = (uint32_t)((c)-c0);                                                        \
        bits[off_ / 64] |= UINT64_C(1) << (off_ % 64);                                             \
    } while (0)
        for (int t = 0; t < 64; t++) {
            if (!(counted >> t & 1))
                continue;
            int32_t a = lower_bound(m->t_dd, m->t_e0[t], m->t_e0[t + 1], x->lo);
            int32_t b = lower_bound(m->t_dd, a, m->t_e0[t + 1], x->hi + 1);
            for (int32_t i = a; i < b; i++)
                if (m->t_dcase[i] >= c0 && m->t_dcase[i] < c1)
                    MARK(m->t_dcase[i]);
        }
        if (need_closed || need_acc)
            for (int32_t c = c0; c < c1; c++)
                if ((need_closed && m->c_closed[c] >= x->lo && m->c_closed[c] <= x->hi) ||
                    (need_acc && m->c_acc[c] >= x->lo && m->c_acc[c] <= x->hi))
                    MARK(c);
        for (int t = 0; byref && t < 64; t++) { /* a reference may cross cases */
            if (!(byref >> t & 1))
                continue;
            int32_t a = lower_bound(m->t_ev, m->t_e0[t], m->t_e0[t + 1], m->c_e0[c0]);
            int32_t b = lower_bound(m->t_ev, a, m->t_e0[t + 1], m->c_e0[c1]);
            for (int32_t i = a; i < b; i++) {
                int32_t e = m->t_ev[i], r = m->e_ref[e];
                if (r >= 0 && m->e_date[r] >= x->lo && m->e_date[r] <= x->hi)
                    MARK(lower_bound(m->c_e0, c0, c1 + 1, e + 1) - 1);
            }
        }
#undef MARK
        int64_t nc = 0;
        for (size_t w = 0; w < nw; w++)
            nc += __builtin_popcountll(bits[w]);
        if (!force && nc * 3 > (int64_t)(c1 - c0) * 2) {
            dated = 0; /* most cases qualify: the plain pass is as good */
        } else {
            cand = malloc(((size_t)nc + 1) * sizeof *cand);
            if (!cand) {
                free(bits);
                return ZX_ENOMEM;
            }
            for (size_t w = 0; w < nw; w++)
                for (uint64_t v = bits[w]; v; v &= v - 1)
                    cand[ncand++] = c0 + (int32_t)(w * 64) + __builtin_ctzll(v);
            /* events in those cases, roughly */
            work = all / (c1 - c0) * ncand;
        }
        free(bits);
    }
    int nt = x->coll || (work < 200000 && !force) ? 1 : thread_count();
    int rc = ZX_OK, made = 1, created[MAX_THREADS] = {0};
    for (int i = 0; i < nt; i++) {
        /* split by events so that every thread gets a like share */
        int32_t a = i ? ps[i - 1].c1 : c0;
        int32_t b = i == nt - 1
                        ? c1
                        : lower_bound(m->c_e0, a, c1, m->c_e0[c0] + (int32_t)(all * (i + 1) / nt));
        ps[i].c0 = a;
        ps[i].c1 = b;
        ps[i].types = types;
        ps[i].sparse = sparse;
        ps[i].cand = NULL;
        ps[i].ncand = 0;
        ps[i].rc = ZX_OK;
        if (dated) { /* split the candidates evenly */
            int32_t ca = (int32_t)((int64_t)ncand * i / nt),
                    cb = (int32_t)((int64_t)ncand * (i + 1) / nt);
            ps[i].types = types;
            ps[i].cand = cand + ca;
            ps[i].ncand = cb - ca;
        }
    }
    ps[0].x = *x;
    for (; made < nt; made++)
        if (ectx_clone(&ps[made].x, x)) {
            ectx_clone_free(&ps[made].x);
            rc = ZX_ENOMEM;
            break;
        }
    if (!rc) {
        for (int i = 1; i < nt; i++)
            created[i] = pthread_create(&th[i], NULL, run_thread, &ps[i]) == 0;
        ps[0].rc = run_cases(&ps[0]);
        for (int i = 1; i < nt; i++) {
            if (created[i])
                pthread_join(th[i], NULL);
            else /* no thread: run its share here */
                run_thread(&ps[i]);
        }
    }
    nt = made;
    *x = ps[0].x; /* dedupe buffers may have grown (seen) */
    rc = rc ? rc : ps[0].rc;
    struct zx_metrics_result *r = x->r;
    size_t nacc = (size_t)r->nslots * (size_t)r->np * (size_t)r->nus;
    size_t nsacc = (size_t)r->nslots * (size_t)r->np * (size_t)r->ns;
    for (int i = 1; i < nt; i++) {
        const struct zx_metrics_result *d = ps[i].x.r;
        rc = rc ? rc : ps[i].rc;
        for (size_t j = 0; !rc && j < nacc; j++)
            r->acc[j] += d->acc[j];
        for (size_t j = 0; !rc && r->sacc && j < nsacc; j++)
            r->sacc[j] += d->sacc[j];
        for (int32_t j = 0; !rc && r->sactive && j < r->ns; j++)
            r->sactive[j] |= d->sactive[j];
        if (!rc && d->npairs) { /* day mode */
            if (r->npairs + d->npairs > r->cappairs) {
                size_t ncap = r->npairs + d->npairs;
                struct zx_metrics__pair *np = realloc(r->pairs, ncap * sizeof *np);
                if (np) {
                    r->pairs = np;
                    r->cappairs = ncap;
                }
            }
            if (r->npairs + d->npairs <= r->cappairs) {
                memcpy(r->pairs + r->npairs, d->pairs, d->npairs * sizeof *d->pairs);
                r->npairs += d->npairs;
            } else {
                *oom = 1;
            }
        }
        *oom |= d->oom;
        ectx_clone_free(&ps[i].x);
    }
    free(cand);
    return rc;
}

/* The catalog terms a query counts — its rows' numerators and denominators and the
 * drill-down part's — numbered densely in catalog order into slot (nterms entries, -1 for
 * the rest), *nslots of them. The engine and a result another engine fills (the cluster's)
 * share it, so both lay out the same accumulators. */
static int active_slots(const struct zx_catalog *cat, const struct zx_metrics_query *q, int *slot,
                        int *nslots, struct zx_err *err)
{
    for (int t = 0; t < cat->nterms; t++)
        slot[t] = -1;
    for (int i = 0; i < (q->rows ? q->nrows : cat->nrows); i++) {
        int row = q->rows ? q->rows[i] : i;
        if (row < 0 || row >= cat->nrows)
            return zx_err_set(err, ZX_EINVAL, "row %d out of range", row);
        const struct zx_row_int *ri = &cat->rows[row];
        for (int j = 0; j < ri->nnum; j++)
            slot[ri->num[j]] = 0;
        for (int j = 0; j < ri->nden; j++)
            slot[ri->den[j]] = 0;
    }
    if (q->collect) {
        if (q->collect_row < 0 || q->collect_row >= cat->nrows)
            return zx_err_set(err, ZX_EINVAL, "row %d out of range", q->collect_row);
        const struct zx_row_int *ri = &cat->rows[q->collect_row];
        const int *ts = q->collect_part == ZX_PART_DENOMINATOR ? ri->den : ri->num;
        int nt = q->collect_part == ZX_PART_DENOMINATOR ? ri->nden : ri->nnum;
        for (int j = 0; j < nt; j++)
            slot[ts[j]] = 0;
    }
    int n = 0;
    for (int t = 0; t < cat->nterms; t++)
        if (slot[t] == 0)
            slot[t] = n++;
    *nslots = n;
    return ZX_OK;
}

static int sel_index(struct zx_sel *arr, int *n, const struct zx_sel *s)
{
    for (int i = 0; i < *n; i++)
        if (arr[i].types == s->types && arr[i].results == s->results)
            return i;
    if (*n >= 64)
        return -1;
    arr[*n] = *s;
    return (*n)++;
}

/* Build a type → list table: lists[i] for items i with mask bit t set. */
static int build_dispatch(int *start, int **list, int n, const uint64_t *masks)
{
    int total = 0;
    for (int t = 0; t < 64; t++) {
        start[t] = total;
        for (int i = 0; i < n; i++)
            if (masks[i] >> t & 1)
                total++;
    }
    start[64] = total;
    *list = malloc(((size_t)total + 1) * sizeof **list);
    if (!*list)
        return ZX_ENOMEM;
    int k = 0;
    for (int t = 0; t < 64; t++)
        for (int i = 0; i < n; i++)
            if (masks[i] >> t & 1)
                (*list)[k++] = i;
    return ZX_OK;
}

static void ectx_free(struct ectx *x)
{
    free(x->term);
    free(x->disp);
    free(x->pd);
    free(x->hd);
    free(x->case_only);
    free(x->prior_of);
    free(x->has_of);
    free(x->pmin);
    free(x->cmin);
    free(x->ddc_case);
    free(x->ddc_per);
    free(x->ddp_case);
    free(x->ddp_per);
    free(x->fc);
    free(x->fp);
    free(x->seen);
    free(x->pmap);
}

void zx_metrics_result_free(struct zx_metrics_result *r)
{
    if (!r)
        return;
    free(r->slot);
    free(r->acc);
    free(r->sacc);
    free(r->sactive);
    free(r->hits);
    free(r->pairs);
    free(r);
}

/* Day mode (dm non-NULL, the window index's build): every catalog term over every case,
 * each day of [q->from[0], q->to[0]] its own period, counted into dm->day; the consecutive
 * days of an entity into the result's pairs, which is returned without accumulators. */
struct daymode {
    uint32_t *day;
    size_t stride;
};

static int eval_impl(const struct zx_metrics *m, const struct zx_metrics_query *q,
                     const struct daymode *dm, struct zx_metrics_result **out, struct zx_err *err)
{
    *out = NULL;
    const struct zx_catalog *cat = q->cat;
    if (!cat)
        return zx_err_set(err, ZX_EINVAL, "no catalog");
    if (q->nperiods < 1 || !q->from || !q->to)
        return zx_err_set(err, ZX_EINVAL, "no period");
    if (m->nu == 0)
        return zx_err_set(err, ZX_ENOTFOUND, "the database holds no units");
    int32_t u0 = q->unit < 0 ? 0 : q->unit;
    if (u0 >= m->nu)
        return zx_err_set(err, ZX_EINVAL, "unit index %d out of range", (int)u0);
    int64_t lo = INT32_MAX, hi = INT32_MIN;
    for (int i = 0; i < q->nperiods; i++) {
        if (q->from[i] > q->to[i])
            return zx_err_set(err, ZX_EINVAL, "period %d ends before it starts", i + 1);
        for (int j = 0; j < i; j++)
            if (q->from[i] <= q->to[j] && q->from[j] <= q->to[i])
                return zx_err_set(err, ZX_EINVAL, "periods %d and %d overlap", j + 1, i + 1);
        if (q->from[i] < lo)
            lo = q->from[i];
        if (q->to[i] > hi)
            hi = q->to[i];
    }
    if (hi - lo > 400 * 366)
        return zx_err_set(err, ZX_ELIMIT, "periods span more than 400 years");
    if (q->collect && (q->collect_row < 0 || q->collect_row >= cat->nrows))
        return zx_err_set(err, ZX_EINVAL, "drill-down row out of range");
    if (q->collect && q->collect_staff >= 0 && !q->by_staff)
        return zx_err_set(err, ZX_EINVAL, "a drill-down for a handler needs by_staff");

    struct ectx x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.by_staff = q->by_staff;
    x.lines = q->lines;
    x.np = dm ? (int)(hi - lo + 1) : q->nperiods;
    x.terms0 = cat->terms;
    if (dm) {
        x.day = dm->day;
        x.day_stride = dm->stride;
    }
    x.lo = (int32_t)lo;
    x.hi = (int32_t)hi;
    int rc = ZX_OK;
    struct zx_metrics_result *r = calloc(1, sizeof *r);
    uint64_t *masks = NULL;
    if (!r)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    x.r = r;
    r->cat = cat;
    r->np = q->nperiods;
    r->u0 = dm ? 0 : u0;
    r->nus = dm ? m->nu : m->u_size[u0];
    r->ns = m->ns;
    r->slot = malloc(((size_t)cat->nterms + 1) * sizeof *r->slot);
    if (!r->slot)
        goto nomem;
    int ns = 0;
    if ((rc = active_slots(cat, q, r->slot, &ns, err)))
        goto cleanup;
    if (q->collect) {
        const struct zx_row_int *ri = &cat->rows[q->collect_row];
        x.coll_terms = q->collect_part == ZX_PART_DENOMINATOR ? ri->den : ri->num;
        x.ncoll_terms = q->collect_part == ZX_PART_DENOMINATOR ? ri->nden : ri->nnum;
        x.coll = 1;
        x.coll_staff = q->collect_staff;
        x.coll_limit = q->collect_limit;
        x.slot_of = r->slot;
    }
    r->nslots = x.nslots = ns;
    if (!dm && !q->collect && zx_metrics__window_answers(m, q, r->slot)) {
        r->acc = calloc((size_t)ns * (size_t)r->np * (size_t)r->nus + 1, sizeof *r->acc);
        if (!r->acc)
            goto nomem;
        for (int t = 0; t < cat->nterms; t++)
            for (int p = 0; r->slot[t] >= 0 && p < r->np; p++)
                zx_metrics__window_count(m, t, u0, q->from[p], q->to[p],
                                         r->acc + ((size_t)r->slot[t] * (size_t)r->np + (size_t)p) *
                                                      (size_t)r->nus);
        *out = r;
        r = NULL;
        goto cleanup;
    }
    size_t mpc = (size_t)m->max_pc, nsl = (size_t)ns + 1;
    x.term = calloc(nsl, sizeof *x.term);
    x.prior_of = malloc(nsl * sizeof *x.prior_of);
    x.has_of = malloc(nsl * sizeof *x.has_of);
    x.case_only = malloc(nsl * sizeof *x.case_only);
    masks = calloc(nsl, sizeof *masks);
    if (!x.term || !x.prior_of || !x.has_of || !x.case_only || !masks)
        goto nomem;
    for (int t = 0; t < cat->nterms; t++)
        if (r->slot[t] >= 0)
            x.term[r->slot[t]] = &cat->terms[t];
    for (int k = 0; k < ns; k++) {
        const struct zx_term *t = x.term[k];
        x.prior_of[k] = t->prior.types ? sel_index(x.prior, &x.nprior, &t->prior) : -1;
        x.has_of[k] = t->case_has.types ? sel_index(x.has, &x.nhas, &t->case_has) : -1;
        if ((t->prior.types && x.prior_of[k] < 0) || (t->case_has.types && x.has_of[k] < 0)) {
            rc = zx_err_set(err, ZX_ELIMIT, "more than 64 distinct cohort conditions");
            goto cleanup;
        }
        if (!t->sel.types)
            x.case_only[x.ncase_only++] = k;
        masks[k] = t->sel.types;
    }
    if (build_dispatch(x.disp0, &x.disp, ns, masks))
        goto nomem;
    for (int s = 0; s < x.nprior; s++)
        masks[s] = x.prior[s].types;
    if (build_dispatch(x.pd0, &x.pd, x.nprior, masks))
        goto nomem;
    for (int s = 0; s < x.nhas; s++)
        masks[s] = x.has[s].types;
    if (build_dispatch(x.hd0, &x.hd, x.nhas, masks))
        goto nomem;
    x.pmin = malloc(((size_t)x.nprior * mpc + 1) * sizeof *x.pmin);
    x.cmin = malloc(((size_t)x.nprior + 1) * sizeof *x.cmin);
    x.ddc_case = malloc(nsl * sizeof *x.ddc_case);
    x.ddc_per = malloc(nsl * sizeof *x.ddc_per);
    x.fc = malloc(nsl * sizeof *x.fc);
    x.ddp_case = malloc(nsl * mpc * sizeof *x.ddp_case);
    x.ddp_per = malloc(nsl * mpc * sizeof *x.ddp_per);
    x.fp = malloc(nsl * mpc * sizeof *x.fp);
    x.pmap = malloc(((size_t)(hi - lo) + 1) * sizeof *x.pmap);
    r->acc = calloc((size_t)ns * (size_t)r->np * (size_t)r->nus + 1, sizeof *r->acc);
    if (!x.pmin || !x.cmin || !x.ddc_case || !x.ddc_per || !x.fc || !x.ddp_case || !x.ddp_per ||
        !x.fp || !x.pmap || !r->acc)
        goto nomem;
    memset(x.ddc_case, 0xff, nsl * sizeof *x.ddc_case);
    memset(x.fc, 0xff, nsl * sizeof *x.fc);
    memset(x.ddp_case, 0xff, nsl * mpc * sizeof *x.ddp_case);
    memset(x.fp, 0xff, nsl * mpc * sizeof *x.fp);
    memset(x.pmap, 0xff, ((size_t)(hi - lo) + 1) * sizeof *x.pmap);
    for (int i = 0; i < q->nperiods; i++)
        for (int64_t d = q->from[i]; d <= q->to[i]; d++)
            x.pmap[d - lo] = dm ? (int32_t)(d - lo) : i;
    if (q->by_staff) {
        r->sacc = calloc((size_t)ns * (size_t)x.np * (size_t)m->ns + 1, sizeof *r->sacc);
        r->sactive = calloc((size_t)m->ns + 1, 1);
        if (!r->sacc || !r->sactive)
            goto nomem;
    }
    /* the pass: every case of the scope's subtree, contiguous in case order (day mode:
     * every case) */
    int32_t c0 = dm ? 0 : m->u_c0[u0], c1 = dm ? m->nc : m->u_c0[u0 + m->u_size[u0]];
    if (run_pass(&x, c0, c1, &r->oom))
        goto nomem;
    if (r->oom)
        goto nomem;
    if (dm) {
        *out = r;
        r = NULL;
        goto cleanup;
    }
    /* roll-up: children follow their parent in pre-order */
    for (int k = 0; k < ns; k++)
        for (int p = 0; p < x.np; p++) {
            int64_t *a = r->acc + ((size_t)k * (size_t)x.np + (size_t)p) * (size_t)r->nus;
            for (int32_t ul = r->nus - 1; ul > 0; ul--)
                a[m->u_parent[u0 + ul] - u0] += a[ul];
        }
    *out = r;
    r = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    free(masks);
    ectx_free(&x);
    zx_metrics_result_free(r);
    return rc;
}

int zx_metrics_eval(const struct zx_metrics *m, const struct zx_metrics_query *q,
                    struct zx_metrics_result **out, struct zx_err *err)
{
    return eval_impl(m, q, NULL, out, err);
}

int zx_metrics__eval_days(const struct zx_metrics *m, const struct zx_catalog *cat, int32_t lo,
                          int32_t hi, uint32_t *day, size_t stride, struct zx_metrics__pair **pairs,
                          size_t *npairs, struct zx_err *err)
{
    struct zx_metrics_query q = {
        .cat = cat, .unit = -1, .from = &lo, .to = &hi, .nperiods = 1, .collect_staff = -1};
    struct daymode dm = {day, stride};
    struct zx_metrics_result *r = NULL;
    int rc = eval_impl(m, &q, &dm, &r, err);
    if (rc)
        return rc;
    *pairs = r->pairs;
    *npairs = r->npairs;
    r->pairs = NULL;
    zx_metrics_result_free(r);
    return ZX_OK;
}

static int sum_terms(const struct zx_metrics_result *r, const int *terms, int n, int p, size_t i,
                     size_t stride, int staff, int64_t *out)
{
    int64_t s = 0;
    for (int j = 0; j < n; j++) {
        int k = r->slot[terms[j]];
        if (k < 0)
            return -1;
        size_t at = ((size_t)k * (size_t)r->np + (size_t)p) * stride + i;
        s += staff ? (int64_t)r->sacc[at] : r->acc[at];
    }
    *out = s;
    return 0;
}

int zx_metrics_get(const struct zx_metrics_result *r, int row, int p, int32_t u, int64_t *num,
                   int64_t *den)
{
    if (!r || row < 0 || row >= r->cat->nrows || p < 0 || p >= r->np || u < r->u0 ||
        u >= r->u0 + r->nus)
        return -1;
    const struct zx_row_int *ri = &r->cat->rows[row];
    size_t i = (size_t)(u - r->u0), stride = (size_t)r->nus;
    if (sum_terms(r, ri->num, ri->nnum, p, i, stride, 0, num) ||
        sum_terms(r, ri->den, ri->nden, p, i, stride, 0, den))
        return -1;
    return 0;
}

int zx_metrics_get_staff(const struct zx_metrics_result *r, int row, int p, int32_t s, int64_t *num,
                         int64_t *den)
{
    if (!r || !r->sacc || row < 0 || row >= r->cat->nrows || p < 0 || p >= r->np || s < 0 ||
        s >= r->ns)
        return -1;
    const struct zx_row_int *ri = &r->cat->rows[row];
    if (sum_terms(r, ri->num, ri->nnum, p, (size_t)s, (size_t)r->ns, 1, num) ||
        sum_terms(r, ri->den, ri->nden, p, (size_t)s, (size_t)r->ns, 1, den))
        return -1;
    return 0;
}

int zx_metrics_staff_active(const struct zx_metrics_result *r, int32_t s)
{
    return r && r->sactive && s >= 0 && s < r->ns && r->sactive[s];
}

size_t zx_metrics_hits(const struct zx_metrics_result *r, const struct zx_metrics_hit **hits)
{
    *hits = r ? r->hits : NULL;
    return r ? r->nhits : 0;
}

char *zx_metrics_fmt_double(double x, char *buf)
{
    /* %g writes an exponent when the precision is below the number of integer digits
     * ("1e+01" for 10 at precision 1): valid JSON but not the plain form readers expect, so
     * between 1e-4 and 1e17 only a form without an exponent is taken */
    if (x == 0)
        x = 0; /* -0.0 is written "0", never "-0" */
    int plain = fabs(x) >= 1e-4 && fabs(x) < 1e17;
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, 32, "%.*g", p, x);
        if (strtod(buf, NULL) == x && !(plain && strchr(buf, 'e')))
            return buf;
    }
    snprintf(buf, 32, "%.17g", x);
    return buf;
}

/* ---- results counted by another engine (the cluster, src/sqlgen) ---- */

int zx_metrics_result_new(const struct zx_metrics *m, const struct zx_metrics_query *q,
                          struct zx_metrics_result **out, struct zx_err *err)
{
    *out = NULL;
    const struct zx_catalog *cat = q->cat;
    if (!cat || q->nperiods < 1)
        return zx_err_set(err, ZX_EINVAL, "no catalog or no period");
    if (m->nu == 0)
        return zx_err_set(err, ZX_ENOTFOUND, "the database holds no units");
    int32_t u0 = q->unit < 0 ? 0 : q->unit;
    if (u0 >= m->nu)
        return zx_err_set(err, ZX_EINVAL, "unit index %d out of range", (int)u0);
    struct zx_metrics_result *r = calloc(1, sizeof *r);
    if (!r)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    r->cat = cat;
    r->np = q->nperiods;
    r->u0 = u0;
    r->nus = m->u_size[u0];
    r->ns = m->ns;
    r->slot = malloc(((size_t)cat->nterms + 1) * sizeof *r->slot);
    if (!r->slot)
        goto nomem;
    /* the same terms as zx_metrics_eval, so the same accumulators */
    int rc = active_slots(cat, q, r->slot, &r->nslots, err);
    if (rc) {
        zx_metrics_result_free(r);
        return rc;
    }
    if (acc_alloc(r, q->by_staff))
        goto nomem;
    *out = r;
    return ZX_OK;
nomem:
    zx_metrics_result_free(r);
    return zx_err_set(err, ZX_ENOMEM, "out of memory");
}

void zx_metrics_result_add(struct zx_metrics_result *r, int term, int p, int32_t u, int32_t s,
                           int64_t n)
{
    if (term < 0 || term >= r->cat->nterms || r->slot[term] < 0 || p < 0 || p >= r->np)
        return;
    size_t k = (size_t)r->slot[term] * (size_t)r->np + (size_t)p;
    if (s >= 0 && r->sacc && s < r->ns)
        r->sacc[k * (size_t)r->ns + (size_t)s] += (uint32_t)n;
    else if (s < 0 && u >= r->u0 && u < r->u0 + r->nus)
        r->acc[k * (size_t)r->nus + (size_t)(u - r->u0)] += n;
}

void zx_metrics_result_set_active(struct zx_metrics_result *r, int32_t s)
{
    if (r->sactive && s >= 0 && s < r->ns)
        r->sactive[s] = 1;
}

int zx_metrics_result_add_hit(struct zx_metrics_result *r, const struct zx_metrics_hit *h)
{
    if (r->nhits == r->caphits) {
        size_t cap = r->caphits ? r->caphits * 2 : 64;
        struct zx_metrics_hit *x = realloc(r->hits, cap * sizeof *x);
        if (!x)
            return ZX_ENOMEM;
        r->hits = x;
        r->caphits = cap;
    }
    r->hits[r->nhits++] = *h;
    return ZX_OK;
}

void zx_metrics_result_rollup(struct zx_metrics_result *r, const struct zx_metrics *m)
{
    for (int k = 0; k < r->nslots; k++)
        for (int p = 0; p < r->np; p++) {
            int64_t *a = r->acc + ((size_t)k * (size_t)r->np + (size_t)p) * (size_t)r->nus;
            for (int32_t ul = r->nus - 1; ul > 0; ul--)
                a[m->u_parent[r->u0 + ul] - r->u0] += a[ul];
        }
}
