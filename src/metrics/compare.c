/* compare.c — ranks, tiers, shape deviation, target gaps and departments (compare.h). */
#include "metrics/compare.h"
#include "store/cases.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *zx_compare_tier_label(int tier)
{
    switch (tier) {
    case ZX_TIER_UPPER:
        return "上游";
    case ZX_TIER_MIDDLE:
        return "中游";
    case ZX_TIER_LOWER:
        return "下游";
    default:
        return "";
    }
}

struct rk {
    double v;
    int i;
};

static int cmp_rk(const void *a, const void *b)
{
    const struct rk *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->i - y->i;
}

void zx_compare_rank(const int64_t *num, const int64_t *den, int n, int direction, int *rank,
                     int *tier, int *nranked)
{
    for (int i = 0; i < n; i++) {
        if (rank)
            rank[i] = 0;
        if (tier)
            tier[i] = ZX_TIER_NONE;
    }
    if (nranked)
        *nranked = 0;
    if (direction == ZX_DIR_CONTEXT || n <= 0)
        return;
    struct rk *v = malloc((size_t)n * sizeof *v);
    int *rk = malloc((size_t)n * sizeof *rk);
    if (!v || !rk) {
        free(v);
        free(rk);
        return;
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (den[i] == 0)
            continue;
        /* correctly rounded division: equal fractions give equal doubles, so ties are exact */
        double x = (double)num[i] / (double)den[i];
        v[m++] = (struct rk){direction == ZX_DIR_HIGHER ? -x : x, i};
    }
    qsort(v, (size_t)m, sizeof *v, cmp_rk);
    for (int j = 0; j < m; j++) {
        int r = (j > 0 && v[j].v == v[j - 1].v) ? rk[v[j - 1].i] : j + 1;
        rk[v[j].i] = r;
        if (rank)
            rank[v[j].i] = r;
        if (tier && m >= 3)
            tier[v[j].i] = (3 * (r - 1)) / m + 1;
    }
    if (nranked)
        *nranked = m;
    free(v);
    free(rk);
}

int zx_compare_shape(const int64_t *a, const int64_t *b, int k, double *points, double *distance)
{
    int64_t ta = 0, tb = 0;
    for (int i = 0; i < k; i++) {
        ta += a[i];
        tb += b[i];
    }
    if (ta == 0 || tb == 0) {
        for (int i = 0; points && i < k; i++)
            points[i] = NAN;
        *distance = NAN;
        return -1;
    }
    double d = 0;
    for (int i = 0; i < k; i++) {
        double p = 100.0 * ((double)a[i] / (double)ta - (double)b[i] / (double)tb);
        if (points)
            points[i] = p;
        d += fabs(p);
    }
    *distance = d / 2.0;
    return 0;
}

double zx_compare_gap(const struct zx_catalog_row *row, double value, double target, int *met)
{
    double g = value - target;
    if (met) {
        if (row->direction == ZX_DIR_HIGHER)
            *met = value >= target;
        else if (row->direction == ZX_DIR_LOWER)
            *met = value <= target;
        else
            *met = -1;
    }
    return row->display == ZX_DISP_CASE_RATIO ? g : g * 100.0;
}

int zx_compare_unit_rank(const struct zx_metrics *m, const struct zx_metrics_result *r,
                         const struct zx_catalog_row *row, int row_index, int p, int32_t u,
                         int *rank, int *nranked, int *tier)
{
    *rank = *nranked = 0;
    *tier = ZX_TIER_NONE;
    int32_t par = zx_metrics_unit_parent(m, u);
    if (par < 0)
        return -1;
    int32_t end = par + zx_metrics_unit_size(m, par);
    int n = 0;
    for (int32_t c = par + 1; c < end; c += zx_metrics_unit_size(m, c))
        n++;
    int64_t *num = calloc((size_t)n + 1, sizeof *num), *den = calloc((size_t)n + 1, sizeof *den);
    int *rk = calloc((size_t)n + 1, sizeof *rk), *tr = calloc((size_t)n + 1, sizeof *tr);
    int me = -1, rc = 0;
    if (!num || !den || !rk || !tr) {
        rc = -1;
        goto cleanup;
    }
    int k = 0;
    for (int32_t c = par + 1; c < end; c += zx_metrics_unit_size(m, c), k++) {
        if (c == u)
            me = k;
        if (zx_metrics_get(r, row_index, p, c, &num[k], &den[k])) {
            rc = -1;
            goto cleanup;
        }
    }
    zx_compare_rank(num, den, n, row->direction, rk, tr, nranked);
    if (me >= 0) {
        *rank = rk[me];
        *tier = tr[me];
    }
cleanup:
    free(num);
    free(den);
    free(rk);
    free(tr);
    return rc;
}

/* ---- departments ---- */

struct zx_departments {
    int32_t n;
    int32_t *unit;    /* department → unit index */
    char **name;      /* department → name; from malloc() */
    int32_t *start;   /* department → first member in `members` */
    int32_t *members; /* staff indices grouped by department */
    int32_t nstaff;
};

struct staff_dept {
    int32_t staff, unit;
    char *dept; /* from malloc() */
};

static int cmp_sd(const void *a, const void *b)
{
    const struct staff_dept *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    int c = strcmp(x->dept, y->dept);
    if (c)
        return c;
    return x->staff < y->staff ? -1 : x->staff > y->staff;
}

#define NO_DEPARTMENT "（未分部门）"

/* the first department the store gives for each loaded staff member */
struct dept_walk {
    const struct zx_metrics *m;
    struct staff_dept *sd;
    int oom;
};

static int dept_of(void *ud, const char *id, const char *dep)
{
    struct dept_walk *w = ud;
    int32_t k = id ? zx_metrics_staff_find(w->m, id) : -1;
    if (k < 0 || w->sd[k].dept)
        return 0;
    w->sd[k].dept = strdup(dep && *dep ? dep : NO_DEPARTMENT);
    w->oom = !w->sd[k].dept;
    return w->oom;
}

int zx_compare_departments(struct zx_store *st, const struct zx_metrics *m,
                           struct zx_departments **out, struct zx_err *err)
{
    int32_t ns = zx_metrics_staff(m);
    struct staff_dept *sd = calloc((size_t)ns + 1, sizeof *sd);
    struct zx_departments *d = calloc(1, sizeof *d);
    int rc = ZX_OK;
    *out = NULL;
    if (!sd || !d) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int32_t i = 0; i < ns; i++)
        sd[i] = (struct staff_dept){i, zx_metrics_staff_unit(m, i), NULL};
    struct dept_walk w = {m, sd, 0};
    if ((rc = zx_store_staff_departments(st, dept_of, &w, err)))
        goto cleanup;
    if (w.oom) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int32_t i = 0; i < ns; i++)
        if (!sd[i].dept && !(sd[i].dept = strdup(NO_DEPARTMENT))) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
    qsort(sd, (size_t)ns, sizeof *sd, cmp_sd);
    d->unit = calloc((size_t)ns + 1, sizeof *d->unit);
    d->name = calloc((size_t)ns + 1, sizeof *d->name);
    d->start = calloc((size_t)ns + 2, sizeof *d->start);
    d->members = calloc((size_t)ns + 1, sizeof *d->members);
    if (!d->unit || !d->name || !d->start || !d->members) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int32_t i = 0; i < ns; i++) {
        if (d->n == 0 || sd[i].unit != d->unit[d->n - 1] || strcmp(sd[i].dept, d->name[d->n - 1])) {
            d->unit[d->n] = sd[i].unit;
            d->name[d->n] = sd[i].dept;
            sd[i].dept = NULL; /* moved */
            d->start[d->n] = i;
            d->n++;
        }
        d->members[i] = sd[i].staff;
    }
    d->start[d->n] = ns;
    d->nstaff = ns;
    *out = d;
    d = NULL;
cleanup:
    for (int32_t i = 0; sd && i < ns; i++)
        free(sd[i].dept);
    free(sd);
    zx_compare_departments_free(d);
    return rc;
}

void zx_compare_departments_free(struct zx_departments *d)
{
    if (!d)
        return;
    for (int32_t i = 0; d->name && i < d->n; i++)
        free(d->name[i]);
    free(d->name);
    free(d->unit);
    free(d->start);
    free(d->members);
    free(d);
}

int32_t zx_compare_department_count(const struct zx_departments *d)
{
    return d ? d->n : 0;
}

const char *zx_compare_department_name(const struct zx_departments *d, int32_t k)
{
    return d && k >= 0 && k < d->n ? d->name[k] : NULL;
}

int32_t zx_compare_department_unit(const struct zx_departments *d, int32_t k)
{
    return d && k >= 0 && k < d->n ? d->unit[k] : -1;
}

int zx_compare_department_active(const struct zx_departments *d, const struct zx_metrics_result *r,
                                 int32_t k)
{
    if (!d || k < 0 || k >= d->n)
        return 0;
    for (int32_t i = d->start[k]; i < d->start[k + 1]; i++)
        if (zx_metrics_staff_active(r, d->members[i]))
            return 1;
    return 0;
}

int zx_compare_department_get(const struct zx_departments *d, const struct zx_metrics_result *r,
                              int row, int p, int32_t k, int64_t *num, int64_t *den)
{
    *num = *den = 0;
    if (!d || k < 0 || k >= d->n)
        return -1;
    for (int32_t i = d->start[k]; i < d->start[k + 1]; i++) {
        int64_t a, b;
        if (zx_metrics_get_staff(r, row, p, d->members[i], &a, &b))
            return -1;
        *num += a;
        *den += b;
    }
    return 0;
}
