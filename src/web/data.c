/* data.c — what the workers share: the loaded indicator data (reference-counted, replaced
 * after an import), the pool of store connections, and a response cache keyed by the data
 * generation (figures change only when data is imported). */
#include "web/internal.h"

#include "store/cases.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    years_of(st, &d->first_year, &d->last_year, &d->default_year);
    d->refs = 1; /* the app's reference */
    pthread_mutex_lock(&app->lock);
    d->generation = next_generation++;
    struct zx_web_data *old = app->data;
    app->data = d;
    pthread_mutex_unlock(&app->lock);
    zx_web__data_put(old);
    return ZX_OK;
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

/* ---- response cache: a direct-mapped table, a collision replaces the slot ---- */

#define CACHE_SLOTS     1024
#define CACHE_MAX_ENTRY (4u << 20)

struct slot {
    uint64_t gen;
    char *key; /* From malloc() */
    char *val; /* From malloc() */
    size_t len;
};

struct zx_web_cache {
    pthread_mutex_t lock;
    struct slot s[CACHE_SLOTS];
};

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return (size_t)(h % CACHE_SLOTS);
}

struct zx_web_cache *zx_web__cache_new(void)
{
    struct zx_web_cache *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->lock, NULL);
    return c;
}

void zx_web__cache_free(struct zx_web_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(c->s[i].key);
        free(c->s[i].val);
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

char *zx_web__cache_get(struct zx_web_cache *c, uint64_t gen, const char *key, size_t *len)
{
    char *out = NULL;
    if (!c)
        return NULL;
    struct slot *s = &c->s[slot_of(key)];
    pthread_mutex_lock(&c->lock);
    if (s->key && s->gen == gen && !strcmp(s->key, key)) {
        out = malloc(s->len + 1);
        if (out) {
            memcpy(out, s->val, s->len + 1);
            *len = s->len;
        }
    }
    pthread_mutex_unlock(&c->lock);
    return out;
}

void zx_web__cache_put(struct zx_web_cache *c, uint64_t gen, const char *key, const char *v,
                       size_t len)
{
    if (!c || len > CACHE_MAX_ENTRY)
        return;
    char *k = strdup(key), *val = malloc(len + 1);
    if (!k || !val) {
        free(k);
        free(val);
        return;
    }
    memcpy(val, v, len);
    val[len] = '\0';
    struct slot *s = &c->s[slot_of(key)];
    pthread_mutex_lock(&c->lock);
    char *ok = s->key, *ov = s->val;
    s->key = k;
    s->val = val;
    s->len = len;
    s->gen = gen;
    pthread_mutex_unlock(&c->lock);
    free(ok);
    free(ov);
}
