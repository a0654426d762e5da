#include "util/idmap.h"

#include <stdlib.h>
#include <string.h>

/* Open addressing over uint32 slot indices into a dense entry array (so growth moves 4-byte
 * slots, not entries); keys live in 1 MiB arena chunks that are never moved. */
struct chunk {
    struct chunk *next;
    size_t used, cap;
    char data[];
};

struct zx_idmap {
    struct zx_idmap_entry *e;
    size_t n, ecap;
    /* entry index + 1 in the low 32 bits (0 = empty), the hash's high 32 bits above: a probe
     * rejects a mismatch without touching the entry or its key (one cache miss, not three) */
    uint64_t *slot;
    size_t scap; /* power of two */
    struct chunk *arena;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return h;
}

struct zx_idmap *zx_idmap_new(void)
{
    struct zx_idmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->scap = 1024;
    m->slot = calloc(m->scap, sizeof *m->slot);
    if (!m->slot) {
        free(m);
        return NULL;
    }
    return m;
}

void zx_idmap_free(struct zx_idmap *m)
{
    if (!m)
        return;
    for (struct chunk *c = m->arena, *nx; c; c = nx) {
        nx = c->next;
        free(c);
    }
    free(m->e);
    free(m->slot);
    free(m);
}

size_t zx_idmap_size(const struct zx_idmap *m)
{
    return m->n;
}

void zx_idmap_clear_lines(struct zx_idmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        m->e[i].line = 0;
}

static struct zx_idmap_entry *find(struct zx_idmap *m, const char *s, size_t n, uint64_t h,
                                   size_t *pos)
{
    size_t mask = m->scap - 1, i = (size_t)h & mask;
    uint64_t tag = h >> 32;
    for (;;) {
        uint64_t v = m->slot[i];
        if (!v) {
            *pos = i;
            return NULL;
        }
        if (v >> 32 == tag) {
            struct zx_idmap_entry *e = &m->e[(uint32_t)v - 1];
            if (e->klen == n && memcmp(e->key, s, n) == 0)
                return e;
        }
        i = (i + 1) & mask;
    }
}

struct zx_idmap_entry *zx_idmap_get(struct zx_idmap *m, const char *s, size_t n)
{
    size_t pos;
    return find(m, s, n, hash(s, n), &pos);
}

static char *arena_copy(struct zx_idmap *m, const char *s, size_t n)
{
    if (!m->arena || m->arena->cap - m->arena->used < n + 1) {
        size_t cap = n + 1 > (1u << 20) ? n + 1 : (1u << 20);
        struct chunk *c = malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->next = m->arena;
        c->used = 0;
        c->cap = cap;
        m->arena = c;
    }
    char *p = m->arena->data + m->arena->used;
    memcpy(p, s, n);
    p[n] = '\0';
    m->arena->used += n + 1;
    return p;
}

/* Rehash into cap slots; the low half of each hash is recomputed from its key. */
static int rehash(struct zx_idmap *m, size_t cap)
{
    uint64_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        uint64_t h = hash(m->e[k].key, m->e[k].klen);
        size_t i = (size_t)h & (cap - 1);
        while (slot[i])
            i = (i + 1) & (cap - 1);
        slot[i] = (h >> 32 << 32) | (uint64_t)(k + 1);
    }
    free(m->slot);
    m->slot = slot;
    m->scap = cap;
    return 0;
}

static int reserve_entries(struct zx_idmap *m, size_t cap)
{
    if (cap <= m->ecap)
        return 0;
    struct zx_idmap_entry *ne = realloc(m->e, cap * sizeof *ne);
    if (!ne)
        return -1;
    m->e = ne;
    m->ecap = cap;
    return 0;
}

int zx_idmap_reserve(struct zx_idmap *m, size_t n)
{
    size_t cap = m->scap;
    while (cap < n * 2)
        cap *= 2;
    if (cap != m->scap && rehash(m, cap) < 0)
        return -1;
    return reserve_entries(m, n);
}

struct zx_idmap_entry *zx_idmap_put(struct zx_idmap *m, const char *s, size_t n, int *created)
{
    uint64_t h = hash(s, n);
    size_t pos;
    struct zx_idmap_entry *e = find(m, s, n, h, &pos);
    *created = 0;
    if (e)
        return e;
    if (m->n >= UINT32_MAX - 1)
        return NULL;
    if ((m->n + 1) * 2 > m->scap) { /* load factor ≤ 1/2 */
        if (rehash(m, m->scap * 2) < 0)
            return NULL;
        find(m, s, n, h, &pos);
    }
    if (m->n == m->ecap && reserve_entries(m, m->ecap ? m->ecap * 2 : 1024) < 0)
        return NULL;
    const char *k = arena_copy(m, s, n);
    if (!k)
        return NULL;
    e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->key = k;
    e->klen = (uint32_t)n;
    m->slot[pos] = (h >> 32 << 32) | (uint64_t)(++m->n);
    *created = 1;
    return e;
}
