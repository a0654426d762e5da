/* data.c — what the workers share: the loaded indicator data with its window index
 * (reference-counted, replaced after an import) and the pool of store connections. The
 * response cache is cache.c. */
#include "web/internal.h"

#include "store/cases.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- indicator data ---- */

static uint64_t next_generation = 1;

static void years_of(struct zx_store *st, int *first, int *last, int *def)
{
    struct zx_err err = {0};
    int32_t lo = ZX_DATE_NULL, hi = ZX_DATE_NULL;
    /* an unreadable or empty database opens on this year, as before any import */
    if (zx_store_case_date_range(st, &lo, &hi, &err) != ZX_OK)
        lo = ZX_DATE_NULL;
    if (lo == ZX_DATE_NULL) {
        int y, m, d;
        zx_date_to_ymd(zx_date_today(), &y, &m, &d);
        *first = *last = *def = y;
        return;
    }
    int y1, y2, m2, d;
    zx_date_to_ymd(lo, &y1, &d, &d);
    zx_date_to_ymd(hi, &y2, &m2, &d);
    *first = y1;
    *last = y2;
    /* the dashboard opens on the last complete year */
    *def = m2 < 12 && y2 > y1 ? y2 - 1 : y2;
}

int zx_web__data_load(struct zx_web_app *app, struct zx_store *st, struct zx_err *err)
{
    struct zx_web_data *d = calloc(1, sizeof *d);
    if (!d)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int rc = zx_metrics_load(st, &d->m, err);
    if (rc) {
        free(d);
        return rc;
    }
    /* any unit × window of the catalog without a pass (many analysts at once, uncached) */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if ((rc = zx_metrics_window_build(d->m, app->cat, err))) {
        zx_metrics_free(d->m);
        free(d);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!app->quiet)
        fprintf(stderr, "zhixiao serve: window index built in %.0f ms (%.1f MiB)\n",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
                (double)zx_metrics_window_bytes(d->m) / 1048576.0);
    if (!app->cluster[0])
        years_of(st, &d->first_year, &d->last_year, &d->default_year);
    else if ((rc = zx_web__cluster_years(app, d, err))) { /* the state store has no cases */
        zx_metrics_free(d->m);
        free(d);
        return rc;
    }
    d->refs = 1; /* the app's reference */
    pthread_mutex_lock(&app->lock);
    d->generation = next_generation++;
    struct zx_web_data *old = app->data;
    app->data = d;
    pthread_mutex_unlock(&app->lock);
    zx_web__data_put(old);
    return ZX_OK;
}

void zx_web__data_reload(struct zx_web_req *r, const char *what)
{
    struct zx_err err = {0};
    if (zx_web__data_load(r->app, r->st, &err))
        fprintf(stderr, "zhixiao serve: reload after %s: %s\n", what, err.msg);
}

struct zx_web_data *zx_web__data_get(struct zx_web_app *app)
{
    pthread_mutex_lock(&app->lock);
    struct zx_web_data *d = app->data;
    if (d)
        __atomic_add_fetch(&d->refs, 1, __ATOMIC_ACQ_REL);
    pthread_mutex_unlock(&app->lock);
    return d;
}

void zx_web__data_put(struct zx_web_data *d)
{
    if (d && __atomic_sub_fetch(&d->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        zx_metrics_free(d->m);
        free(d);
    }
}

/* ---- store pool ---- */

struct zx_store *zx_web__store_lease(struct zx_web_app *app, struct zx_err *err)
{
    struct zx_store *st = NULL;
    pthread_mutex_lock(&app->lock);
    if (app->npool > 0)
        st = app->pool[--app->npool];
    pthread_mutex_unlock(&app->lock);
    if (st)
        return st;
    /* a new connection; the schema is current (the server migrated it at start) */
    if (zx_store_open(app->db, &st, err))
        return NULL;
    zx_auth_tune_connection(st, 32768);
    return st;
}

void zx_web__store_return(struct zx_web_app *app, struct zx_store *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&app->lock);
    if (app->npool == app->cappool) {
        int cap = app->cappool ? app->cappool * 2 : 8;
        struct zx_store **p = realloc(app->pool, (size_t)cap * sizeof *p);
        if (p) {
            app->pool = p;
            app->cappool = cap;
        }
    }
    if (app->npool < app->cappool) {
        app->pool[app->npool++] = st;
        st = NULL;
    }
    pthread_mutex_unlock(&app->lock);
    zx_store_close(st);
}

void zx_web__app_release(struct zx_web_app *app)
{
    for (int i = 0; i < app->npool; i++)
        zx_store_close(app->pool[i]);
    free(app->pool);
    app->pool = NULL;
    app->npool = app->cappool = 0;
    zx_web__data_put(app->data);
    app->data = NULL;
    zx_catalog_free(app->cat);
    app->cat = NULL;
    zx_web__cache_free(app->cache);
    app->cache = NULL;
}
