#include "util/idmap.h"

#include <stdlib.h>
#include <string.h>

/* Open addressing (linear probing) over 8-byte slots: the hash's high 32 bits as a tag and
 * the entry's index + 1 in the low 32 (0 = empty), so a probe rejects a mismatch without
 * touching the entry or its key. The slot count is not a power of two: the home slot is
 * (low 32 bits of the hash × count) >> 32, so the table is sized to the ids, not to the
 * next power of two. Entries sit in a dense array in insertion order; keys in one arena as
 * a length byte then the bytes. Big arrays come from malloc's mmap and are touched only as
 * they fill, so a generous reserve costs address space, not memory. */
struct zx_idmap {
    struct zx_idmap_entry *e;
    size_t n, ecap;
    int64_t *aux; /* parallel to e when ZX_IDMAP_AUX, else NULL */
    int with_aux;
    uint64_t *slot;
    size_t scap;
    unsigned char *arena;
    size_t alen, acap;
};

#define MAX_ARENA ((size_t)UINT32_MAX)

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

static size_t home(uint64_t h, size_t cap)
{
    return (size_t)(((h & 0xffffffffull) * (uint64_t)cap) >> 32);
}

struct zx_idmap *zx_idmap_new(int flags)
{
    struct zx_idmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->with_aux = (flags & ZX_IDMAP_AUX) != 0;
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
    free(m->arena);
    free(m->aux);
    free(m->e);
    free(m->slot);
    free(m);
}

size_t zx_idmap_size(const struct zx_idmap *m)
{
    return m->n;
}

const char *zx_idmap_key(const struct zx_idmap *m, const struct zx_idmap_entry *e, size_t *n)
{
    const unsigned char *k = m->arena + e->key_;
    *n = k[0];
    return (const char *)k + 1;
}

int64_t zx_idmap_aux(const struct zx_idmap *m, const struct zx_idmap_entry *e)
{
    return m->aux ? m->aux[e - m->e] : 0;
}

void zx_idmap_set_aux(struct zx_idmap *m, const struct zx_idmap_entry *e, int64_t aux)
{
    if (m->aux)
        m->aux[e - m->e] = aux;
}

void zx_idmap_set_line(struct zx_idmap_entry *e, long line)
{
    e->line = line <= 0 ? 0 : (unsigned long)line >= UINT32_MAX ? UINT32_MAX : (uint32_t)line;
}

void zx_idmap_clear_lines(struct zx_idmap *m)
{
    for (size_t i = 0; i < m->n; i++)
        m->e[i].line = 0;
}

static int key_equal(const struct zx_idmap *m, const struct zx_idmap_entry *e, const char *s,
                     size_t n)
{
    const unsigned char *k = m->arena + e->key_;
    return k[0] == n && memcmp(k + 1, s, n) == 0;
}

static struct zx_idmap_entry *find(struct zx_idmap *m, const char *s, size_t n, uint64_t h,
                                   size_t *pos)
{
    size_t i = home(h, m->scap);
    uint64_t tag = h >> 32;
    for (;;) {
        uint64_t v = m->slot[i];
        if (!v) {
            *pos = i;
            return NULL;
        }
        if (v >> 32 == tag) {
            struct zx_idmap_entry *e = &m->e[(uint32_t)v - 1];
            if (key_equal(m, e, s, n))
                return e;
        }
        if (++i == m->scap)
            i = 0;
    }
}

struct zx_idmap_entry *zx_idmap_get(struct zx_idmap *m, const char *s, size_t n)
{
    size_t pos;
    if (n == 0 || n > 255)
        return NULL;
    return find(m, s, n, hash(s, n), &pos);
}

/* Rehash into cap slots; each hash is recomputed from its key. */
static int rehash(struct zx_idmap *m, size_t cap)
{
    if (cap > UINT32_MAX)
        cap = UINT32_MAX;
    if (cap <= m->n)
        return -1;
    uint64_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        size_t n;
        const char *key = zx_idmap_key(m, &m->e[k], &n);
        uint64_t h = hash(key, n);
        size_t i = home(h, cap);
        while (slot[i])
            if (++i == cap)
                i = 0;
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
    if (m->with_aux) {
        int64_t *na = realloc(m->aux, cap * sizeof *na);
        if (!na)
            return -1; /* e grew, aux did not: ecap stays, so the next call retries both */
        m->aux = na;
    }
    m->ecap = cap;
    return 0;
}

/* Slots for n entries: load 2/3 when n is reached, growth past 4/5. */
static size_t slots_for(size_t n)
{
    return n + n / 2 + 16;
}

int zx_idmap_reserve(struct zx_idmap *m, size_t n)
{
    if (n >= UINT32_MAX - 1)
        n = UINT32_MAX - 2;
    if (slots_for(n) > m->scap && rehash(m, slots_for(n)) < 0)
        return -1;
    return reserve_entries(m, n);
}

static int arena_add(struct zx_idmap *m, const char *s, size_t n, uint32_t *off)
{
    if (m->acap - m->alen < n + 1) {
        size_t cap = m->acap ? m->acap * 2 : (1u << 16);
        while (cap - m->alen < n + 1)
            cap *= 2;
        if (cap > MAX_ARENA)
            cap = MAX_ARENA;
        if (cap - m->alen < n + 1)
            return -1;
        unsigned char *na = realloc(m->arena, cap);
        if (!na)
            return -1;
        m->arena = na;
        m->acap = cap;
    }
    *off = (uint32_t)m->alen;
    m->arena[m->alen] = (unsigned char)n;
    memcpy(m->arena + m->alen + 1, s, n);
    m->alen += n + 1;
    return 0;
}

struct zx_idmap_entry *zx_idmap_put(struct zx_idmap *m, const char *s, size_t n, int *created)
{
    *created = 0;
    if (n == 0 || n > 255)
        return NULL;
    uint64_t h = hash(s, n);
    size_t pos;
    struct zx_idmap_entry *e = find(m, s, n, h, &pos);
    if (e)
        return e;
    if (m->n >= UINT32_MAX - 2)
        return NULL;
    if ((m->n + 1) * 5 > m->scap * 4) { /* load ≤ 4/5 */
        if (rehash(m, m->scap * 2) < 0)
            return NULL;
        find(m, s, n, h, &pos);
    }
    if (m->n == m->ecap && reserve_entries(m, m->ecap ? m->ecap * 2 : 1024) < 0)
        return NULL;
    uint32_t off;
    if (arena_add(m, s, n, &off) < 0)
        return NULL;
    e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    e->key_ = off;
    if (m->aux)
        m->aux[m->n] = 0;
    m->slot[pos] = (h >> 32 << 32) | (uint64_t)(++m->n);
    *created = 1;
    return e;
}
