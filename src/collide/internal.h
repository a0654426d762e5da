/* internal.h — shared by the files of src/collide only (prefix zx_collide__); never included
 * elsewhere. Values are borrowed from the run's arena: valid until the run ends.
 * Depends on: collide/collide.h. */
#ifndef ZX_COLLIDE_INTERNAL_H
#define ZX_COLLIDE_INTERNAL_H

#include "collide/collide.h"

#include <stddef.h>
#include <stdint.h>

/* One normalised value. p points into the table's arena (NUL-terminated); len 0 = missing.
 * aux: birth_date → y*10000+m*100+d or -1 when unreadable; name kinds → 1 when Chinese. */
struct zx_collide__val {
    const char *p;
    uint32_t len;
    int32_t aux;
};

/* UTF-8 decode of s[0..len) into at most cap code points; returns the count. */
size_t zx_collide__utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap);

/* Normalise raw[0..len) of kind k (baseline: trim and case-fold only) into out, which has
 * room for len + 8 bytes; returns the new length and sets *aux. */
size_t zx_collide__normalise(enum zx_collide_kind k, int baseline, const char *raw, size_t len,
                             char *out, int32_t *aux);

/* Make sure the pinyin table holds every Han character of s (not thread-safe: call before
 * the comparisons start). */
void zx_collide__pinyin_learn(const char *s, size_t len);

/* Pinyin syllable id of a code point (0 when none or unknown); syllable text by id. */
uint16_t zx_collide__pinyin_id(uint32_t cp);
const char *zx_collide__pinyin_text(uint16_t id);
void zx_collide__pinyin_free(void);

/* Level of two normalised non-missing values. */
int zx_collide__level(enum zx_collide_kind k, int baseline, const struct zx_collide__val *a,
                      const struct zx_collide__val *b);

double zx_collide__jaro_winkler(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* 1 when a and b differ by one substitution, insertion, deletion or adjacent swap. */
int zx_collide__one_edit(const char *a, size_t na, const char *b, size_t nb);

/* 64-bit hash of bytes (never 0). */
uint64_t zx_collide__hash(const void *p, size_t n, uint64_t seed);

/* EM with three latent classes: matches (m, *lambda), look-alike non-matches such as
 * households sharing a phone and an address (h, *eta), and random pairs (u, fixed). The
 * class that agrees more often exactly is returned as the match class. */
int zx_collide__em3(size_t npat, size_t nf, const int8_t *patterns, const double *counts,
                    const int *nlevels, double total_pairs, const double u[][ZX_COLLIDE_MAX_LEVELS],
                    double m[][ZX_COLLIDE_MAX_LEVELS], double h[][ZX_COLLIDE_MAX_LEVELS],
                    double *lambda, double *eta);

#endif
