/* collide.h — record linkage (数据碰撞): find the records of one person within a file
 * (dedupe) or across two files (link), per shared/spec/linkage.md.
 *
 * Pipeline: read the CSV files; normalise each --field value by its KIND (full/half width,
 * case, GB 11643 id numbers with 15→18 widening, dates in every listed form, pinyin of
 * Chinese characters through ICU's Han-Latin transliterator); form candidate pairs by
 * equi-join blocking rules chosen from the field kinds (each pair once, however many rules
 * it meets); compare each field into graded levels (exact … far, or missing); fit a
 * Fellegi–Sunter model without labels — u per level from random pairs, m per level and the
 * prior by EM — and score pairs with term-frequency adjustments for common values.
 * dedupe forms clusters as connected components over the pairs at or above the threshold.
 * Work is split over threads in contiguous ranges and merged in order, so the output is
 * byte-identical whatever the thread count.
 *
 * Owner: the collide module (src/collide). Errors: ZX_OK or a negative ZX_E… with a message
 * in struct zx_err. Output files are written to a temporary file and renamed.
 * Depends on: util (err, csv, date, idnum), ICU (icu-uc, icu-i18n). */
#ifndef ZX_COLLIDE_COLLIDE_H
#define ZX_COLLIDE_COLLIDE_H

#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

enum zx_collide_kind {
    ZX_COLLIDE_ID_NUMBER,
    ZX_COLLIDE_NAME,
    ZX_COLLIDE_GIVEN_NAME,
    ZX_COLLIDE_SURNAME,
    ZX_COLLIDE_BIRTH_DATE,
    ZX_COLLIDE_POSTCODE,
    ZX_COLLIDE_PHONE,
    ZX_COLLIDE_ADDRESS,
    ZX_COLLIDE_TEXT,
    ZX_COLLIDE_EXACT,
    ZX_COLLIDE_KIND_COUNT_
};

#define ZX_COLLIDE_MAX_FIELDS 16
#define ZX_COLLIDE_MAX_LEVELS 6

struct zx_collide_field {
    const char *column; /* Borrowed: valid for the run */
    enum zx_collide_kind kind;
};

/* Options of one run: plain data, fill with zx_collide_opts_init(). */
struct zx_collide_opts {
    const char *id_column; /* Borrowed */
    struct zx_collide_field fields[ZX_COLLIDE_MAX_FIELDS];
    size_t nfields;
    double threshold; /* default 0.5 */
    int threads;      /* ≥ 1; default 2 */
    int baseline;     /* 1: plain Fellegi–Sunter (exact/Jaro–Winkler levels on the raw text,
                       * no term frequencies) on the same blocking, for comparison */
};

struct zx_collide_stats {
    long long records[2]; /* left (or only) and right file */
    long long candidates; /* candidate pairs from blocking */
    long long matches;    /* pairs at or above the threshold */
    long long clusters;   /* dedupe: clusters written */
    int rules;            /* blocking rules used */
    int em_iterations;
    double prior; /* estimated probability that two random records match */
};

void zx_collide_opts_init(struct zx_collide_opts *o);

/* "id_number" → ZX_COLLIDE_ID_NUMBER …; ZX_EINVAL for an unknown name. */
int zx_collide_kind_parse(const char *s, enum zx_collide_kind *out) ZX_MUST_CHECK;
const char *zx_collide_kind_name(enum zx_collide_kind k);

/* Write CLUSTERS.csv (id,cluster) for in_path. The output is written to a temporary file
 * beside out_path and renamed into place on success; on any error no file is left. st may
 * be NULL. ZX_EINVAL (unknown column, duplicate id), ZX_EPARSE (unreadable CSV), ZX_EIO,
 * ZX_ENOMEM. */
int zx_collide_dedupe(const char *in_path, const char *out_path, const struct zx_collide_opts *o,
                      struct zx_collide_stats *st, struct zx_err *err) ZX_MUST_CHECK;

/* Write PAIRS.csv (left_id,right_id,probability) for left × right, as above. */
int zx_collide_link(const char *left_path, const char *right_path, const char *out_path,
                    const struct zx_collide_opts *o, struct zx_collide_stats *st,
                    struct zx_err *err) ZX_MUST_CHECK;

/* ---- the pieces, exposed for tests ---- */

/* Number of comparison levels of a kind (level 0 = disagree … nlevels-1 = exact). */
int zx_collide_nlevels(enum zx_collide_kind k, int baseline);

/* Compare two raw values as the engine does (normalise both, then compare). Returns the
 * level, or -1 when either value is missing. Thread-safe after the first call. */
int zx_collide_compare(enum zx_collide_kind k, const char *a, const char *b);

/* Parse a birth date in any form of the contract into y, m, d. Returns 0 or -1. */
int zx_collide_parse_date(const char *s, size_t len, int *y, int *m, int *d);

/* Normalise an id number into out (at most 63 bytes + NUL): 18-character citizen ids
 * (15-digit ones widened), other codes upper-cased alphanumerics. */
void zx_collide_norm_id(const char *s, size_t len, char out[64]);

/* EM with u fixed: patterns[i] (one level per field, -1 missing, nf per pattern) occurring
 * counts[i] times among the candidate pairs, total_pairs pairs in all; u[f][l] given.
 * Estimates m[f][l] and the prior *lambda. Returns the iterations used. */
int zx_collide_em(size_t npat, size_t nf, const int8_t *patterns, const double *counts,
                  const int *nlevels, double total_pairs, const double u[][ZX_COLLIDE_MAX_LEVELS],
                  double m[][ZX_COLLIDE_MAX_LEVELS], double *lambda);

#endif
