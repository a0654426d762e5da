/* colcache.c — columnar cache files beside the database (colcache.h). */
#include "util/colcache.h"
#include "util/file.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CC_MAGIC   "ZXCOL\0\r\n"
#define CC_FORMAT  2u /* of the generic header; the consumer's version is separate */
#define CC_ALIGN   64u
#define CC_ENDIAN  0x01020304u
#define CC_KINDMAX 16

struct cc_hdr {
    char magic[8];
    uint32_t format, endian;
    char kind[CC_KINDMAX];
    uint32_t version, ncols, ncounts, pad_;
    int64_t count[ZX_COLCACHE_NCOUNT];
    char key[ZX_COLCACHE_KEYMAX];
};

struct cc_col {
    uint64_t off, len, sum, pad_;
};

/* ---- checksum: four 64-bit multiply-rotate lanes over 32-byte blocks; streamed in chunks
 * whose sizes are multiples of 32 bytes but for the last ---- */

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full

struct sum {
    uint64_t v[4], n;
};

static uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static void sum_init(struct sum *s)
{
    s->v[0] = P1 + P2;
    s->v[1] = P2;
    s->v[2] = 0;
    s->v[3] = (uint64_t)0 - P1;
    s->n = 0;
}

static void sum_add(struct sum *s, const unsigned char *p, size_t n)
{
    uint64_t v0 = s->v[0], v1 = s->v[1], v2 = s->v[2], v3 = s->v[3], w[4];
    s->n += n;
    for (; n >= 32; n -= 32, p += 32) {
        memcpy(w, p, 32);
        v0 = rotl(v0 + w[0] * P2, 31) * P1;
        v1 = rotl(v1 + w[1] * P2, 31) * P1;
        v2 = rotl(v2 + w[2] * P2, 31) * P1;
        v3 = rotl(v3 + w[3] * P2, 31) * P1;
    }
    for (; n; n--, p++) /* the tail: only in the last chunk */
        v0 = rotl(v0 ^ (*p * P1), 11) * P2;
    s->v[0] = v0;
    s->v[1] = v1;
    s->v[2] = v2;
    s->v[3] = v3;
}

static uint64_t sum_end(const struct sum *s)
{
    uint64_t h = rotl(s->v[0], 1) + rotl(s->v[1], 7) + rotl(s->v[2], 12) + rotl(s->v[3], 18);
    h ^= s->n * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    return h;
}

static uint64_t sum_of(const void *p, uint64_t len)
{
    struct sum s;
    sum_init(&s);
    if (len)
        sum_add(&s, p, (size_t)len);
    return sum_end(&s);
}

/* ---- writing ---- */

static int write_all(FILE *f, const void *p, size_t n)
{
    return n && fwrite(p, 1, n, f) != n ? -1 : 0;
}

static uint64_t align_up(uint64_t x)
{
    return (x + CC_ALIGN - 1) / CC_ALIGN * CC_ALIGN;
}

int zx_colcache_write(const char *path, const char *kind, uint32_t version, const char *key,
                      const int64_t *counts, int ncounts, const struct zx_colcache_col *cols,
                      int ncols, struct zx_err *err)
{
    struct cc_hdr *h = calloc(1, sizeof *h);
    struct cc_col *ct = calloc(ncols > 0 ? (size_t)ncols : 1, sizeof *ct);
    struct zx_file_out o = {0};
    int rc;
    static const char zeros[CC_ALIGN];
    if (!h || !ct) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (ncols < 0 || ncounts < 0 || ncounts > ZX_COLCACHE_NCOUNT ||
        strlen(key) >= ZX_COLCACHE_KEYMAX || strlen(kind) >= CC_KINDMAX) {
        rc = zx_err_set(err, ZX_EINVAL, "cache '%s': bad layout", path);
        goto cleanup;
    }
    memcpy(h->magic, CC_MAGIC, 8);
    h->format = CC_FORMAT;
    h->endian = CC_ENDIAN;
    memcpy(h->kind, kind, strlen(kind));
    h->version = version;
    h->ncols = (uint32_t)ncols;
    h->ncounts = (uint32_t)ncounts;
    for (int i = 0; i < ncounts; i++)
        h->count[i] = counts[i];
    memcpy(h->key, key, strlen(key));
    uint64_t off = align_up(sizeof *h + (uint64_t)ncols * sizeof *ct);
    for (int i = 0; i < ncols; i++) {
        ct[i].off = off;
        ct[i].len = cols[i].len;
        ct[i].sum = sum_of(cols[i].p, cols[i].len);
        off = align_up(off + cols[i].len);
    }
    if ((rc = zx_file_out_open(&o, path, 1, err)))
        goto cleanup;
    int bad = write_all(o.f, h, sizeof *h) || write_all(o.f, ct, (size_t)ncols * sizeof *ct);
    uint64_t at = sizeof *h + (uint64_t)ncols * sizeof *ct;
    for (int i = 0; i < ncols && !bad; i++) {
        bad = write_all(o.f, zeros, (size_t)(ct[i].off - at)) ||
              (ct[i].len && write_all(o.f, cols[i].p, (size_t)ct[i].len));
        at = ct[i].off + ct[i].len;
    }
    rc = bad ? zx_err_set(err, ZX_EIO, "cannot write '%s'", path) : zx_file_out_commit(&o, err);
cleanup:
    zx_file_out_abort(&o);
    free(ct);
    free(h);
    return rc;
}

/* ---- reading ---- */

int zx_colcache_open(const char *path, const char *kind, uint32_t version, const char *key,
                     int ncols, int ncounts, struct zx_colcache *c)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    void *map = MAP_FAILED;
    char kbuf[CC_KINDMAX] = {0};
    memset(c, 0, sizeof *c);
    if (fd < 0)
        return 0;
    if (ncols < 0 || ncounts < 0 || ncounts > ZX_COLCACHE_NCOUNT || strlen(kind) >= CC_KINDMAX ||
        fstat(fd, &sb) ||
        (uint64_t)sb.st_size < sizeof(struct cc_hdr) + (uint64_t)ncols * sizeof(struct cc_col))
        goto stale;
    map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map == MAP_FAILED)
        goto stale;
    const struct cc_hdr *h = map;
    memcpy(kbuf, kind, strlen(kind));
    if (memcmp(h->magic, CC_MAGIC, 8) || h->format != CC_FORMAT || h->endian != CC_ENDIAN ||
        memcmp(h->kind, kbuf, CC_KINDMAX) || h->version != version || h->ncols != (uint32_t)ncols ||
        h->ncounts != (uint32_t)ncounts || strncmp(h->key, key, ZX_COLCACHE_KEYMAX))
        goto stale;
    const struct cc_col *ct = (const struct cc_col *)(h + 1);
    for (int i = 0; i < ncols; i++)
        if (ct[i].off % CC_ALIGN || ct[i].off > (uint64_t)sb.st_size ||
            ct[i].len > (uint64_t)sb.st_size - ct[i].off)
            goto stale;
    for (int i = 0; i < ncounts; i++)
        c->count[i] = h->count[i];
    c->map = map;
    c->map_len = (size_t)sb.st_size;
    c->ncols = ncols;
    c->cols_ = ct;
    close(fd);
    return 1;
stale:
    if (map != MAP_FAILED)
        munmap(map, (size_t)sb.st_size);
    memset(c, 0, sizeof *c);
    close(fd);
    return 0;
}

const void *zx_colcache_col(const struct zx_colcache *c, int i, uint64_t len)
{
    const struct cc_col *ct = c->cols_;
    if (!c->map || i < 0 || i >= c->ncols || ct[i].len != len)
        return NULL;
    return (const char *)c->map + ct[i].off;
}

uint64_t zx_colcache_len(const struct zx_colcache *c, int i)
{
    const struct cc_col *ct = c->cols_;
    return c->map && i >= 0 && i < c->ncols ? ct[i].len : 0;
}

int zx_colcache_copy(const struct zx_colcache *c, int i, void *dst, uint64_t len,
                     struct zx_err *err)
{
    const unsigned char *src = zx_colcache_col(c, i, len);
    const struct cc_col *ct = c->cols_;
    unsigned char *d = dst;
    struct sum s;
    enum { CHUNK = 1 << 16 }; /* a multiple of 32; the copy is hashed while in cache */
    if (!src)
        return zx_err_set(err, ZX_EPARSE, "cache column %d: not %llu bytes", i,
                          (unsigned long long)len);
    sum_init(&s);
    for (uint64_t at = 0; at < len; at += CHUNK) {
        size_t n = len - at < CHUNK ? (size_t)(len - at) : CHUNK;
        memcpy(d + at, src + at, n);
        sum_add(&s, d + at, n);
    }
    if (sum_end(&s) != ct[i].sum)
        return zx_err_set(err, ZX_EPARSE, "cache column %d: checksum mismatch", i);
    return ZX_OK;
}

int zx_colcache_verify(const struct zx_colcache *c, int i)
{
    const struct cc_col *ct = c->cols_;
    if (!c->map || i < 0 || i >= c->ncols)
        return 0;
    return sum_of((const char *)c->map + ct[i].off, ct[i].len) == ct[i].sum;
}

int zx_colcache_offsets_ok(const int32_t *a, int64_t n, int64_t total)
{
    if (n < 0 || a[0] != 0 || a[n] != total)
        return 0;
    for (int64_t i = 0; i < n; i++)
        if (a[i] > a[i + 1])
            return 0;
    return 1;
}

void zx_colcache_close(struct zx_colcache *c)
{
    if (c->map)
        munmap(c->map, c->map_len);
    memset(c, 0, sizeof *c);
}
