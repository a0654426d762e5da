/* colcache.h — columnar cache files beside the database (prefix zx_colcache_).
 *
 * A consumer that loads large tables from SQLite row by row (the indicator engine's
 * `<db>.zxcol`, the 减假暂 review's `<db>.zxexec`) keeps the loaded arrays in a file that
 * later loads map in one call. SQLite stays the source of truth: the file carries a key
 * (zx_store_data_key: the schema version, the import log's size, last id and last finish, and
 * the largest row id of each table the consumer reads) and is used only while the key
 * matches the store; every change to the data goes through `zhixiao import`, which logs
 * itself. ZHIXIAO_SNAPSHOT=0 disables every cache (zx_store_cache_path returns NULL).
 *
 * Layout: a header (magic, the consumer's kind and format version, byte-order mark, up to
 * ZX_COLCACHE_NCOUNT counts, the key), one (offset, length, checksum) per column, then each
 * column at a 64-byte boundary in the host's byte order. Written to a temporary file,
 * fsynced and renamed, so a reader sees a whole file or none. The header and the columns'
 * bounds are checked on open; what the columns hold is the consumer's to check (the
 * validation hooks below: zx_colcache_col for lengths, zx_colcache_offsets_ok for offset
 * arrays, zx_colcache_copy for a checksummed copy).
 *
 * Where a cache lives and the key that tells whether it is current come from the store
 * (zx_store_cache_path, zx_store_data_key): this module reads and writes files only. */
#ifndef ZX_UTIL_COLCACHE_H
#define ZX_UTIL_COLCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define ZX_COLCACHE_KEYMAX 512 /* equals ZX_STORE_KEY_MAX */
#define ZX_COLCACHE_NCOUNT 8

/* One column to write: len bytes at p (p may be NULL when len is 0). */
struct zx_colcache_col {
    const void *p;
    uint64_t len;
};

/* Write a cache file at path: kind (up to 15 bytes) and version name the consumer's format;
 * counts[0..ncounts) (ncounts ≤ ZX_COLCACHE_NCOUNT) are given back on open. Through a
 * temporary file, fsync and rename (util/file.h): nothing is left behind on failure. */
int zx_colcache_write(const char *path, const char *kind, uint32_t version, const char *key,
                      const int64_t *counts, int ncounts, const struct zx_colcache_col *cols,
                      int ncols, struct zx_err *err) ZX_MUST_CHECK;

/* An open cache file: a read-only private mapping. Fields are read-only for callers. */
struct zx_colcache {
    void *map; /* From mmap(): the whole file, map_len bytes */
    size_t map_len;
    int ncols;
    int64_t count[ZX_COLCACHE_NCOUNT];
    const void *cols_; /* the column table inside map */
};

/* Map path when it exists with this kind, version, key, ncols columns and ncounts counts,
 * and every column lies inside the file at an aligned offset. Returns 1 when open (close
 * with zx_colcache_close, or keep c->map and munmap it later), 0 when absent, stale or
 * damaged (c is zeroed). */
int zx_colcache_open(const char *path, const char *kind, uint32_t version, const char *key,
                     int ncols, int ncounts, struct zx_colcache *c);

/* Column i when its length is exactly len bytes, else NULL. Borrowed: valid while mapped. */
const void *zx_colcache_col(const struct zx_colcache *c, int i, uint64_t len);

/* The length of column i in bytes (0 when there is no such column). */
uint64_t zx_colcache_len(const struct zx_colcache *c, int i);

/* Copy column i (exactly len bytes) to dst, checking its checksum as it goes. ZX_EPARSE
 * when the column is not len bytes or was damaged. */
int zx_colcache_copy(const struct zx_colcache *c, int i, void *dst, uint64_t len,
                     struct zx_err *err) ZX_MUST_CHECK;

/* 1 when the column's checksum matches its bytes (a pass over the column). */
int zx_colcache_verify(const struct zx_colcache *c, int i);

/* 1 when a[0..n] is non-decreasing, starts at 0 and ends at total. */
int zx_colcache_offsets_ok(const int32_t *a, int64_t n, int64_t total);

void zx_colcache_close(struct zx_colcache *c);

#endif
