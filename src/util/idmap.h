/* idmap.h — a compact hash map from external ids (byte strings of 1–255 bytes) to dense
 * entries, sized for tens of millions of ids: the importer keeps one per table to resolve
 * references, find duplicates and detect changed rows without asking the database per row.
 *
 * Memory per id is about 24 bytes of entry, 12 of slot (open addressing at load ≤ 0.8 over
 * 8-byte slots holding a 32-bit hash tag and the entry's index) and the key's bytes plus
 * one, in one arena (so a map holds at most 4 GiB of key bytes and 2^32 - 2 ids); the
 * optional aux value adds 8. Keys are copied into the arena. Depends on nothing. */
#ifndef ZX_UTIL_IDMAP_H
#define ZX_UTIL_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct zx_idmap; /* opaque */

struct zx_idmap_entry {
    int64_t rid;       /* row id in the store; 0 while pending, -1 when taken back */
    uint64_t row_hash; /* content hash of the stored row */
    uint32_t line;     /* line of the current file that named it, 0 if none yet; saturates
                        * at UINT32_MAX */
    uint32_t key_;     /* private: the key's offset in the arena */
};

#define ZX_IDMAP_AUX 1 /* zx_idmap_new() flag: keep an int64 aux value per id */

/* New empty map; flags 0 or ZX_IDMAP_AUX. Caller owns the result; free with
 * zx_idmap_free(). NULL when out of memory. */
struct zx_idmap *zx_idmap_new(int flags);
void zx_idmap_free(struct zx_idmap *m);

/* Entry for key s[0..n), or NULL. Borrowed: valid until the next zx_idmap_put() or
 * zx_idmap_reserve(). */
struct zx_idmap_entry *zx_idmap_get(struct zx_idmap *m, const char *s, size_t n);

/* Entry for key s[0..n), added (zeroed but for the key) when absent; *created tells which.
 * Borrowed as above. NULL when out of memory, when n is 0 or over 255, or when the map is
 * full (2^32 - 2 ids or 4 GiB of keys). */
struct zx_idmap_entry *zx_idmap_put(struct zx_idmap *m, const char *s, size_t n, int *created);

/* Make room for n entries in all without growing the slot table again (a hint: the
 * entries' array is reserved as address space and only touched as used; 0 on success, -1
 * out of memory). */
int zx_idmap_reserve(struct zx_idmap *m, size_t n);

/* Number of entries. */
size_t zx_idmap_size(const struct zx_idmap *m);

/* The key of e: *n bytes, not NUL-terminated. Borrowed: valid until zx_idmap_free(). */
const char *zx_idmap_key(const struct zx_idmap *m, const struct zx_idmap_entry *e, size_t *n);

/* The aux value of e (0 unless set, or when the map has no ZX_IDMAP_AUX). */
int64_t zx_idmap_aux(const struct zx_idmap *m, const struct zx_idmap_entry *e);

/* Set e's aux value; ignored by a map made without ZX_IDMAP_AUX. */
void zx_idmap_set_aux(struct zx_idmap *m, const struct zx_idmap_entry *e, int64_t aux);

/* Record the line that named e (stored saturated at UINT32_MAX; 0 clears). */
void zx_idmap_set_line(struct zx_idmap_entry *e, long line);

/* Set line = 0 on every entry (between files of one import). */
void zx_idmap_clear_lines(struct zx_idmap *m);

#endif
