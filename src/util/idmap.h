/* idmap.h — a hash map from external ids (byte strings) to dense entries, sized for tens of
 * millions of ids: the importer keeps one per table to resolve references, find duplicates
 * and detect changed rows without asking the database per row. Keys are copied into the
 * map's own arena. Depends on nothing. */
#ifndef ZX_UTIL_IDMAP_H
#define ZX_UTIL_IDMAP_H

#include <stddef.h>
#include <stdint.h>

struct zx_idmap; /* opaque */

struct zx_idmap_entry {
    const char *key; /* From the map's arena; NUL-terminated */
    uint32_t klen;
    int64_t rid;       /* row id in the store; 0 while pending, -1 when taken back */
    uint64_t row_hash; /* content hash of the stored row */
    int64_t aux;       /* table-specific (persons: case rid; events: type) */
    long line;         /* line of the current file that named it, 0 if none yet */
};

/* New empty map. Caller owns the result; free with zx_idmap_free(). NULL when out of memory. */
struct zx_idmap *zx_idmap_new(void);
void zx_idmap_free(struct zx_idmap *m);

/* Entry for key s[0..n), or NULL. Borrowed: valid until the next zx_idmap_put(). */
struct zx_idmap_entry *zx_idmap_get(struct zx_idmap *m, const char *s, size_t n);

/* Entry for key s[0..n), added (zeroed but for the key) when absent; *created tells which.
 * Borrowed as above. NULL when out of memory. */
struct zx_idmap_entry *zx_idmap_put(struct zx_idmap *m, const char *s, size_t n, int *created);

/* Make room for n entries without growing again (a hint; 0 on success, -1 out of memory). */
int zx_idmap_reserve(struct zx_idmap *m, size_t n);

/* Number of entries. */
size_t zx_idmap_size(const struct zx_idmap *m);

/* Set line = 0 on every entry (between files of one import). */
void zx_idmap_clear_lines(struct zx_idmap *m);

#endif
