/* evaluate.c — one evaluation: the sources fill per-staff figures, then each figure is
 * normalised to 0–100, dimensions and the total are weighted means of what has data, and the
 * rows are ranked only when the unit asked for it (evaluate.h states every rule). */
#include "evaluate/evaluate.h"
#include "store/settings.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zx_eval__env {
    struct zx_store *st;
    const struct zx_metrics *m;
    const struct zx_eval_config *c;
    const struct zx_eval_query *q;
    int32_t ns, u0, u1;         /* staff; the scope's units [u0, u1) */
    int nc;                     /* components */
    struct zx_eval_figure *fig; /* [staff][component] */
    struct zx_eval_item *items;
    size_t nitems, cap;
    int mon_done;
    struct zx_metrics_columns cols;
    struct zx_monitor_item *mitems;
    size_t nm;
};

struct zx_eval_result {
    struct zx_eval_row *rows;
    size_t n;
    struct zx_eval_figure *fig;
    struct zx_eval_item *items;
    size_t nitems;
};

struct zx_store *zx_eval__store(struct zx_eval__env *env)
{
    return env->st;
}
const struct zx_metrics *zx_eval__metrics(struct zx_eval__env *env)
{
    return env->m;
}
const struct zx_eval_config *zx_eval__config(struct zx_eval__env *env)
{
    return env->c;
}
const struct zx_eval_query *zx_eval__query(struct zx_eval__env *env)
{
    return env->q;
}

static int in_scope(const struct zx_eval__env *env, int32_t s)
{
    if (s < 0 || s >= env->ns)
        return 0;
    int32_t u = zx_metrics_staff_unit(env->m, s);
    return u >= env->u0 && u < env->u1;
}

int zx_eval__drilling(struct zx_eval__env *env, int ci, int32_t s)
{
    return env->q->drill == ci && env->q->drill_staff == s && s >= 0;
}

static int keep(struct zx_eval__env *env, const struct zx_eval_item *it, struct zx_err *err)
{
    if (env->nitems == env->cap) {
        size_t cap = env->cap ? env->cap * 2 : 64;
        struct zx_eval_item *v = realloc(env->items, cap * sizeof *v);
        if (!v)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        env->items = v;
        env->cap = cap;
    }
    env->items[env->nitems++] = *it;
    return ZX_OK;
}

int zx_eval__add(struct zx_eval__env *env, int ci, int32_t s, const struct zx_eval_item *it,
                 struct zx_err *err)
{
    if (!in_scope(env, s))
        return ZX_OK;
    struct zx_eval_figure *f = &env->fig[(size_t)s * (size_t)env->nc + (size_t)ci];
    f->base += 1;
    if (it->part == 0) {
        f->count += 1;
        f->sum += it->weight;
    }
    return zx_eval__drilling(env, ci, s) ? keep(env, it, err) : ZX_OK;
}

int zx_eval__keep(struct zx_eval__env *env, int ci, int32_t s, const struct zx_eval_item *it,
                  struct zx_err *err)
{
    return zx_eval__drilling(env, ci, s) ? keep(env, it, err) : ZX_OK;
}

void zx_eval__set(struct zx_eval__env *env, int ci, int32_t s, double count, double base,
                  double sum)
{
    if (!in_scope(env, s))
        return;
    struct zx_eval_figure *f = &env->fig[(size_t)s * (size_t)env->nc + (size_t)ci];
    f->count = count;
    f->base = base;
    f->sum = sum;
}

int zx_eval__monitor(struct zx_eval__env *env, const struct zx_metrics_columns **cols,
                     const struct zx_monitor_item **items, size_t *n, struct zx_err *err)
{
    if (!env->mon_done) {
        zx_metrics_columns(env->m, &env->cols);
        struct zx_monitor_query mq = {.as_of = env->q->to,
                                      .unit = env->q->unit,
                                      .suggestion = env->q->suggestion,
                                      .correction = env->q->correction};
        int rc = zx_monitor_run(&env->cols, env->q->rules, &mq, &env->mitems, &env->nm, err);
        if (rc)
            return rc;
        env->mon_done = 1;
    }
    *cols = &env->cols;
    *items = env->mitems;
    *n = env->nm;
    return ZX_OK;
}

static double clamp100(double x)
{
    return x < 0 ? 0 : x > 100 ? 100 : x;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_item(const void *a, const void *b)
{
    const struct zx_eval_item *x = a, *y = b;
    if (x->case_rid != y->case_rid)
        return x->case_rid < y->case_rid ? -1 : 1;
    if (x->part != y->part)
        return x->part - y->part;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->event_rid > y->event_rid) - (x->event_rid < y->event_rid);
}

static int cmp_rank(const void *a, const void *b)
{
    const struct zx_eval_row *x = a, *y = b;
    if (x->scored != y->scored)
        return y->scored - x->scored;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return (x->staff > y->staff) - (x->staff < y->staff);
}

/* The median of the positive sums of component ci over the evaluated staff. */
static double peer_median(const struct zx_eval__env *env, int ci, const unsigned char *active)
{
    double *v = malloc((size_t)env->ns * sizeof *v), med = 0;
    size_t k = 0;
    if (!v)
        return 0;
    for (int32_t s = 0; s < env->ns; s++) {
        double x = env->fig[(size_t)s * (size_t)env->nc + (size_t)ci].sum;
        if (active[s] && x > 0)
            v[k++] = x;
    }
    if (k) {
        qsort(v, k, sizeof *v, cmp_double);
        med = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }
    free(v);
    return med;
}

static void score(const struct zx_eval_component *k, struct zx_eval_figure *f, double median)
{
    f->scored = 0;
    f->score = 0;
    if (!k->enabled)
        return;
    switch (k->norm) {
    case ZX_EVAL_RATE:
        if (f->base > 0 && f->base >= k->min_base) {
            double v = f->count / f->base;
            f->score = clamp100(k->direction > 0 ? 100 * v : 100 * (1 - v));
            f->scored = 1;
        }
        break;
    case ZX_EVAL_PEER_MEDIAN:
        if (median > 0) {
            f->score = clamp100(100 * f->sum / median);
            f->scored = 1;
        }
        break;
    case ZX_EVAL_PENALTY:
        f->score = clamp100(100 - k->points * f->sum);
        f->scored = 1;
        break;
    case ZX_EVAL_MEAN:
        if (f->base > 0 && f->base >= k->min_base) {
            f->score = clamp100(f->sum / f->base);
            f->scored = 1;
        }
        break;
    }
}

int zx_eval_run(struct zx_store *st, const struct zx_metrics *m, const struct zx_eval_config *c,
                const struct zx_eval_query *q, struct zx_eval_result **out, struct zx_err *err)
{
    struct zx_eval__env env = {.st = st, .m = m, .c = c, .q = q};
    struct zx_eval_result *res = NULL;
    unsigned char *active = NULL;
    double med[ZX_EVAL_MAX_COMPONENTS] = {0};
    int rc = ZX_OK;
    *out = NULL;
    if (q->unit < 0 || q->unit >= zx_metrics_units(m))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_NF_SUCH_UNIT);
    if (q->from == ZX_DATE_NULL || q->to == ZX_DATE_NULL || q->from > q->to)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_EV_PERIOD);
    env.ns = zx_metrics_staff(m);
    env.nc = zx_eval_components(c);
    env.u0 = q->unit;
    env.u1 = q->unit + zx_metrics_unit_size(m, q->unit);
    env.fig = calloc((size_t)env.ns * (size_t)env.nc + 1, sizeof *env.fig);
    active = calloc((size_t)env.ns + 1, 1);
    res = calloc(1, sizeof *res);
    if (!env.fig || !active || !res) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int ci = 0; ci < env.nc && !rc; ci++) {
        const struct zx_eval_component *k = zx_eval_component(c, ci);
        if (k->enabled && k->source >= 0)
            rc = zx_eval__sources[k->source].collect(&env, ci, err);
    }
    if (rc)
        goto cleanup;
    /* evaluated: staff of the subtree with anything counted by an enabled component */
    for (int32_t s = 0; s < env.ns; s++) {
        if (!in_scope(&env, s))
            continue;
        for (int ci = 0; ci < env.nc; ci++) {
            const struct zx_eval_figure *f = &env.fig[(size_t)s * (size_t)env.nc + (size_t)ci];
            if (zx_eval_component(c, ci)->enabled && (f->count > 0 || f->base > 0 || f->sum > 0))
                active[s] = 1;
        }
    }
    for (int ci = 0; ci < env.nc; ci++)
        if (zx_eval_component(c, ci)->norm == ZX_EVAL_PEER_MEDIAN)
            med[ci] = peer_median(&env, ci, active);
    res->rows = calloc((size_t)env.ns + 1, sizeof *res->rows);
    if (!res->rows) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int32_t s = 0; s < env.ns; s++) {
        if (!active[s] && !(q->staff == s && in_scope(&env, s)))
            continue;
        struct zx_eval_row *row = &res->rows[res->n++];
        struct zx_eval_figure *fs = &env.fig[(size_t)s * (size_t)env.nc];
        double dw[ZX_EVAL_NDIMS] = {0}, tw = 0;
        row->staff = s;
        row->unit = zx_metrics_staff_unit(m, s);
        row->fig = fs;
        for (int ci = 0; ci < env.nc; ci++) {
            const struct zx_eval_component *k = zx_eval_component(c, ci);
            score(k, &fs[ci], med[ci]);
            if (!active[s]) /* asked for by name with nothing counted: no score at all */
                fs[ci].scored = 0;
            if (fs[ci].scored && k->weight > 0) {
                row->dim[k->dim] += k->weight * fs[ci].score;
                dw[k->dim] += k->weight;
            }
        }
        for (int d = 0; d < ZX_EVAL_NDIMS; d++) {
            row->dim_scored[d] = dw[d] > 0;
            row->dim[d] = dw[d] > 0 ? row->dim[d] / dw[d] : 0;
            double w = zx_eval_dim_weight(c, d);
            if (row->dim_scored[d] && w > 0) {
                row->total += w * row->dim[d];
                tw += w;
            }
        }
        row->scored = tw > 0;
        row->total = tw > 0 ? row->total / tw : 0;
    }
    if (q->ranking && res->n) {
        qsort(res->rows, res->n, sizeof *res->rows, cmp_rank);
        /* standard competition ranking over the scored rows (1, 2, 2, 4) */
        for (size_t i = 0; i < res->n && res->rows[i].scored; i++)
            res->rows[i].rank = i && fabs(res->rows[i].total - res->rows[i - 1].total) < 1e-9
                                    ? res->rows[i - 1].rank
                                    : (int)i + 1;
    }
    if (q->staff >= 0) { /* one row asked for: keep it alone */
        size_t k = 0;
        for (size_t i = 0; i < res->n; i++)
            if (res->rows[i].staff == q->staff)
                res->rows[k++] = res->rows[i];
        res->n = k;
    }
    if (env.nitems)
        qsort(env.items, env.nitems, sizeof *env.items, cmp_item);
    res->fig = env.fig;
    res->items = env.items;
    res->nitems = env.nitems;
    env.fig = NULL;
    env.items = NULL;
    *out = res;
    res = NULL;
cleanup:
    zx_eval_result_free(res);
    free(env.fig);
    free(env.items);
    free(env.mitems);
    free(active);
    return rc;
}

void zx_eval_result_free(struct zx_eval_result *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r->fig);
    free(r->items);
    free(r);
}

size_t zx_eval_result_rows(const struct zx_eval_result *r)
{
    return r->n;
}
const struct zx_eval_row *zx_eval_result_row(const struct zx_eval_result *r, size_t i)
{
    return i < r->n ? &r->rows[i] : NULL;
}
size_t zx_eval_result_items(const struct zx_eval_result *r, const struct zx_eval_item **items)
{
    *items = r->items;
    return r->nitems;
}

int zx_eval_ranking_get(struct zx_store *st, const char *unit_id, int *on, struct zx_err *err)
{
    struct zx_unit_value *v = NULL;
    size_t n = 0;
    *on = 0;
    int rc = zx_settings_value_list(st, ZX_EVAL_RANKING_KEY, &v, &n, err);
    for (size_t i = 0; !rc && i < n; i++)
        if (!strcmp(v[i].unit_id, unit_id) && !strcmp(v[i].key, ZX_EVAL_RANKING_KEY))
            *on = !strcmp(v[i].value, "on");
    free(v);
    return rc;
}

int zx_eval_ranking_set(struct zx_store *st, const char *unit_id, int on, struct zx_err *err)
{
    /* off is the default: clearing the row says so */
    return zx_settings_value_set(st, unit_id, ZX_EVAL_RANKING_KEY, on ? "on" : NULL, err);
}
