/* cache.c — the response cache the workers share, keyed by the data generation (figures
 * change only when data is imported): a direct-mapped table, a collision replaces the slot. */
#include "web/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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
