/* internal.h — shared by the files of src/gen only (prefix zx_gen__); never included elsewhere.
 *
 * Holds the generator state (struct zx_gen), the PRNG, the buffered row writer and the
 * province model (units, staff, institutions) that the case stream draws from. */
#ifndef ZX_GEN_INTERNAL_H
#define ZX_GEN_INTERNAL_H

#include "gen/gen.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- PRNG: xoshiro256** seeded through splitmix64; fixed output on every platform ---- */

struct zx_gen__rng {
    uint64_t s[4];
};

void zx_gen__rng_seed(struct zx_gen__rng *r, uint64_t seed);

static inline uint64_t zx_gen__rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t zx_gen__next(struct zx_gen__rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = zx_gen__rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = zx_gen__rotl(s[3], 45);
    return out;
}

/* Uniform in [0, n) for n ≥ 1 (multiply-shift: the tiny bias is irrelevant here). */
static inline uint32_t zx_gen__below(struct zx_gen__rng *r, uint32_t n)
{
    return (uint32_t)(((zx_gen__next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform integer in [lo, hi]. */
static inline int zx_gen__range(struct zx_gen__rng *r, int lo, int hi)
{
    return lo + (int)zx_gen__below(r, (uint32_t)(hi - lo + 1));
}

/* Uniform in [0, 1). */
static inline double zx_gen__unit(struct zx_gen__rng *r)
{
    return (double)(zx_gen__next(r) >> 11) * 0x1.0p-53;
}

static inline int zx_gen__chance(struct zx_gen__rng *r, double p)
{
    return zx_gen__unit(r) < p;
}

/* ---- buffered row writer: one per file, no stdio in the hot loop ---- */

#define ZX_GEN__OUT_BUF (4u << 20)

struct zx_gen__out {
    int fd;    /* -1 when closed */
    char *buf; /* From malloc() */
    size_t len;
    long long rows; /* physical lines written, header included */
    unsigned long long bytes;
    int errnum; /* first write error (errno), 0 when none */
};

void zx_gen__out_flush(struct zx_gen__out *o);

static inline void zx_gen__put(struct zx_gen__out *o, const char *s, size_t n)
{
    if (o->len + n > ZX_GEN__OUT_BUF)
        zx_gen__out_flush(o);
    memcpy(o->buf + o->len, s, n); /* rows are far shorter than the buffer */
    o->len += n;
}

static inline void zx_gen__puts(struct zx_gen__out *o, const char *s)
{
    zx_gen__put(o, s, strlen(s));
}

static inline void zx_gen__putc(struct zx_gen__out *o, char c)
{
    if (o->len + 1 > ZX_GEN__OUT_BUF)
        zx_gen__out_flush(o);
    o->buf[o->len++] = c;
}

/* End a record: LF, and one more physical line. */
static inline void zx_gen__eol(struct zx_gen__out *o)
{
    zx_gen__putc(o, '\n');
    o->rows++;
}

/* Decimal v (negative allowed). */
void zx_gen__put_int(struct zx_gen__out *o, long long v);

/* prefix followed by v zero-padded to width digits (wider when v needs it): C0000012. */
void zx_gen__put_id(struct zx_gen__out *o, const char *prefix, unsigned long long v, int width);

/* A text field, quoted per RFC 4180 when it holds a comma, quote or line end. */
void zx_gen__put_field(struct zx_gen__out *o, const char *s);

/* ---- the province model ---- */

enum { ZX_GEN__NBIZ = 10 }; /* businesses, vocab values 1..10 */

struct zx_gen__unit {
    char id[16];    /* U470100 */
    char code[8];   /* 470100: region code, also the prefix of residents' id numbers */
    char name[96];  /* 泓州市人民检察院 */
    char place[48]; /* 泓州市: prefix of institution names */
    char abbr[16];  /* case_no prefix: 泓 / 永安 */
    int level;      /* vocab unit_level value */
    int parent;     /* index, -1 for the root */
    int city;       /* index of the city unit above (itself for a city), -1 for the root */
    double q;       /* quality factor in [-1, 1]: > 0 strong, < 0 weak */
    double weight[ZX_GEN__NBIZ + 1]; /* relative case volume per business */
    int *handlers[ZX_GEN__NBIZ + 1]; /* staff indexes who handle each business (From malloc()) */
    int nhandlers[ZX_GEN__NBIZ + 1];
    int heads[ZX_GEN__NBIZ + 1]; /* the head of the department of each business, -1 none */
    int leaders[8];
    int nleaders;
    int residence[8]; /* region codes of residents (its counties) */
    int nresidence;
    int detention; /* institution indexes, -1 none */
    int corrections;
};

struct zx_gen__staff {
    int unit;
    int role; /* vocab staff_role value */
    int leader;
    double skill; /* in [-0.5, 0.5]: shifts the handler's rates a little */
    char name[16];
    const char *dept;
};

struct zx_gen__inst {
    char id[16];
    char name[96];
    int kind; /* vocab institution_kind value */
    int unit;
};

/* One planted row, as it goes into expected-issues.csv. */
struct zx_gen__issue {
    int file;
    long long line;
    int warning; /* 0 rejected, 1 kept with a warning */
    int kind;    /* variant index: zx_gen__variant_name() gives the manifest's kind */
};

struct zx_gen__bad {
    int kind, variant, file;
    long long at; /* write before this row (case index for the case stream) */
};

/* One planted violation, as it goes into expected-findings.csv. */
struct zx_gen__finding {
    unsigned long long change;  /* SC number, 0 for a whole-history pattern */
    unsigned long long convict; /* CV number */
    int cat;                    /* index into zx_gen__finding_cat() */
};

/* A person, as the case stream and the convict writer share it. */
struct zx_gen__person {
    int role;   /* vocab person_role value */
    int gender; /* 1 M, 2 F */
    int32_t birth;
    char name[16];
    char idnum[20]; /* empty when none */
};

struct zx_gen {
    struct zx_gen_opts o;
    struct zx_gen__rng rng;
    struct zx_gen__rng bad_rng;   /* planted rows draw from their own stream */
    struct zx_gen__rng exec_rng;  /* sentence-change histories and their planted violations:
                                   * their own stream, so the case stream never depends on them */
    struct zx_gen__rng trend_rng; /* the planted waves of o.trends: their own stream too */
    struct zx_gen__out out[ZX_GEN_FILE_COUNT_];

    struct zx_gen__unit *units; /* From malloc() */
    int nunits;
    struct zx_gen__staff *staff; /* From malloc() */
    int nstaff;
    struct zx_gen__inst *inst; /* From malloc() */
    int ninst;
    int prisons[16];
    int nprisons;
    double *unit_cdf[ZX_GEN__NBIZ + 1]; /* per business, cumulative unit weights (From malloc()) */

    int first_year, nyears;
    uint32_t *case_seq; /* [unit * nyears + year]: case_no counters (From malloc()) */

    unsigned long long next_case, next_person, next_event, next_convict, next_change;

    /* dates as text: dates[(d - date_lo) * 10], YYYY-MM-DD */
    char *dates; /* From malloc() */
    int32_t date_lo, date_hi;

    /* planted rows */
    struct zx_gen__bad *bad; /* From malloc(), sorted by file phase and position */
    size_t nbad, bad_next;
    struct zx_gen__issue *issues; /* From malloc() */
    size_t nissues;
    unsigned long long bad_seq; /* fresh ids of planted rows */

    /* recent good rows, which planted rows point at or copy */
    unsigned long long last_case, last_event, last_convict, last_change;
    unsigned long long person_a, person_a_case; /* a person of the last case with one */
    unsigned long long person_b, person_b_case; /* the same, one such case earlier */
    int last_case_unit, last_case_handler;

    /* planted 减假暂 violations (convicts.c), in the order written */
    struct zx_gen__finding *findings; /* From malloc() */
    size_t nfindings, cap_findings;
    long long planted[16]; /* per category: the least planted is tried first */

    /* criminal cases that documents.csv links its first documents to (docs.c) */
    struct zx_gen__doc_link {
        unsigned long long case_no;
        int tmpl;
    } * doc_links; /* From malloc() */
    size_t ndoc_links, cap_doc_links;
};

/* Date text helpers. form: 0 YYYY-MM-DD, 1 YYYY/MM/DD, 2 YYYY年M月D日. */
void zx_gen__put_date(struct zx_gen *g, struct zx_gen__out *o, int32_t d, int form);

/* names.c */
void zx_gen__person_name(struct zx_gen__rng *r, int gender, char out[16]);
/* An 18-character id number of a person born on birth, living in region (6 digits). */
void zx_gen__idnum(struct zx_gen__rng *r, int region, int32_t birth, int gender, char out[20]);
/* A region code of residence for a person handled by unit u. */
int zx_gen__region(struct zx_gen *g, int u);

/* org.c: build units, staff, institutions and write their files. */
int zx_gen__org_build(struct zx_gen *g, struct zx_err *err) ZX_MUST_CHECK;
void zx_gen__org_write(struct zx_gen *g);
void zx_gen__org_free(struct zx_gen *g);

/* cases.c: the case stream (cases, persons, events, linked convicts). */
void zx_gen__cases_write(struct zx_gen *g);

/* convicts.c: convicts and their sentence changes. */
void zx_gen__old_convicts_write(struct zx_gen *g, long long n);
/* A convict for person p of a case, sentenced on judged to months (0 life, -1 suspended
 * death); arrested is the arrest date or ZX_DATE_NULL. */
void zx_gen__convict_write(struct zx_gen *g, unsigned long long person_id,
                           const struct zx_gen__person *p, int unit, const char *charge,
                           int32_t judged, int32_t arrested, int months);

/* Category code of a planted violation (shared/spec/sentence-review.md). */
const char *zx_gen__finding_cat(int cat);
/* Write expected-findings.csv. */
void zx_gen__findings_write(struct zx_gen *g);

/* docs.c: the document template of a charge name (-1 none); documents.csv */
int zx_gen__doc_charge(const char *charge);
void zx_gen__documents_write(struct zx_gen *g);

/* bad.c: planted rows */
enum zx_gen__bad_kind {
    ZX_GEN__B_DUPLICATE_ID,
    ZX_GEN__B_IMPOSSIBLE_DATE,
    ZX_GEN__B_NOT_A_DATE,
    ZX_GEN__B_UNKNOWN_CODE,
    ZX_GEN__B_RESULT_NOT_ALLOWED,
    ZX_GEN__B_NEEDS_PERSON,
    ZX_GEN__B_UNKNOWN_PERSON,
    ZX_GEN__B_PERSON_OTHER_CASE,
    ZX_GEN__B_UNKNOWN_PARENT,
    ZX_GEN__B_UNKNOWN_UNIT_OR_HANDLER,
    ZX_GEN__B_FIELD_COUNT,
    ZX_GEN__B_BAD_UTF8,
    ZX_GEN__B_BARE_QUOTE,
    ZX_GEN__B_REQUIRED_EMPTY,
    ZX_GEN__B_ID_TOO_LONG,
    ZX_GEN__B_BAD_ID_NUMBER,
    ZX_GEN__B_UNKNOWN_REF,
    ZX_GEN__B_BAD_NUMBER,
    ZX_GEN__B_BAD_FLAG,
    ZX_GEN__B_ID_CHECK_DIGIT, /* warnings from here on */
    ZX_GEN__B_ID_LEGACY_15,
    ZX_GEN__B_COUNT_
};
#define ZX_GEN__B_FIRST_WARNING ZX_GEN__B_ID_CHECK_DIGIT

/* The manifest's kind column for a variant (zx_gen__issue.kind). */
const char *zx_gen__variant_name(int variant);
/* Plan o.bad_rows planted rows over the files, after zx_gen__org_build(). */
int zx_gen__bad_plan(struct zx_gen *g, struct zx_err *err) ZX_MUST_CHECK;
/* Write the planted rows due before good row `at` of file (a file of the case stream: before
 * case `at`); at = LLONG_MAX writes all the rest of that file's phase. */
void zx_gen__bad_due(struct zx_gen *g, int file, long long at);

#endif
