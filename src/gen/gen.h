/* gen.h — a deterministic synthetic province, written as a case-data bundle.
 *
 * zx_gen_bundle() writes every file of shared/spec/case-data.md for one fictional province
 * (澜江省): a unit tree with staff, departments and roles; cases of the four lines and ten
 * businesses that follow the real procedure; persons with valid citizen id numbers; prisons,
 * convicts and their sentence changes. Rates are calibrated to the national figures of
 * research/indicators.md §5 and shifted per unit by a quality factor, so analysis has
 * something to find. The same options give byte-identical files. Rows are streamed, so memory
 * does not grow with the number of cases. On request it plants bad rows of every kind the
 * importer must reject, plus rows it must keep with a warning, and lists them in
 * expected-issues.csv (file,line,outcome,kind; line = physical line, header = 1).
 *
 * Owner: the generator module (src/gen). Depends on util (err, date, idnum), model/vocab and
 * execution (the 减假暂 rules the convicts' planted violations break).
 * Errors: every fallible function returns ZX_OK (0) or a negative ZX_E… code and fills a
 * caller-provided struct zx_err (util/err.h). The generator state is private to src/gen. */
#ifndef ZX_GEN_GEN_H
#define ZX_GEN_GEN_H

#include "util/err.h"

#include <stdint.h>

/* The files of a bundle, in the order they are listed in summaries. */
enum zx_gen_file {
    ZX_GEN_UNITS,
    ZX_GEN_STAFF,
    ZX_GEN_CASES,
    ZX_GEN_PERSONS,
    ZX_GEN_EVENTS,
    ZX_GEN_INSTITUTIONS,
    ZX_GEN_CONVICTS,
    ZX_GEN_CHANGES,
    ZX_GEN_MANIFEST,  /* expected-issues.csv: written even when no bad rows are planted */
    ZX_GEN_FINDINGS,  /* expected-findings.csv: planted 减假暂 violations (change_id,convict_id,
                       * category; change_id empty for a whole-history pattern) */
    ZX_GEN_DOCUMENTS, /* documents.csv (similar-cases.md §1): written only with documents > 0 */
    ZX_GEN_FILE_COUNT_
};

#define ZX_GEN_SCALE_TINY    300LL     /* unit tests: well under 0.2 s */
#define ZX_GEN_SCALE_DEMO    30000LL   /* the demo province */
#define ZX_GEN_SCALE_LARGE   1600000LL /* ≥ 10 million events, for benchmarks */
#define ZX_GEN_MAX_CASES     100000000LL
#define ZX_GEN_MAX_CONVICTS  50000000LL
#define ZX_GEN_MAX_DOCUMENTS 10000000LL

/* Options of one run. Plain data: fill with zx_gen_opts_init() and change what you need. */
struct zx_gen_opts {
    uint64_t seed;      /* PRNG seed (default 1) */
    long long cases;    /* cases to write, 1..ZX_GEN_MAX_CASES (default ZX_GEN_SCALE_DEMO) */
    long long bad_rows; /* bad rows to plant, 0..cases (default 0) */
    int32_t from, to;   /* accepted_on range, day numbers of util/date.h (2019-01-01..2025-12-31) */
    int force;          /* 1: replace an existing bundle (a folder holding units.csv) at dir */
    long long convicts; /* convicts sentenced before the period (倒查 histories over 30 years);
                         * -1 (default): cases / 25 + 20 over 2000..from */
    long long documents; /* documents.csv rows (judgments …, similar-cases.md), 0 (default): no
                          * file; the first ones are linked to criminal cases of the bundle */
    int violations;      /* permille of histories that carry one planted 减假暂 violation, each
                          * listed in expected-findings.csv (default 0: every history is clean) */
    int trends; /* 1: seasonal charges and planted waves for 犯罪态势 (the demo; cases.c
                 * lists them); 0 (default): the charges of earlier versions, unchanged */
};

/* What a run wrote. */
struct zx_gen_stats {
    long long rows[ZX_GEN_FILE_COUNT_]; /* data rows per file, header excluded, planted included */
    unsigned long long bytes;           /* all files together */
    long long rejected;                 /* planted rows the importer must reject */
    long long warnings;                 /* planted rows it must keep with a warning */
    long long violations;               /* planted 减假暂 violations (expected-findings.csv) */
};

/* Fill o with the defaults above. */
void zx_gen_opts_init(struct zx_gen_opts *o);

/* Read a --scale value: tiny, demo, large or a positive number of cases, into *cases. */
int zx_gen_parse_scale(const char *s, long long *cases, struct zx_err *err) ZX_MUST_CHECK;

/* File name of f inside a bundle ("events.csv"…), static storage. */
const char *zx_gen_file_name(enum zx_gen_file f);

/* Write a bundle at dir. The files go to a temporary sibling folder that is renamed to dir at
 * the end, so dir never holds half a bundle. An existing empty dir is replaced; a non-empty
 * one only with o->force and only when it holds units.csv. st (may be NULL) receives the
 * counts. Returns ZX_OK, ZX_EINVAL (bad options, dir in the way), ZX_EIO or ZX_ENOMEM. */
int zx_gen_bundle(const char *dir, const struct zx_gen_opts *o, struct zx_gen_stats *st,
                  struct zx_err *err) ZX_MUST_CHECK;

/* ---- external datasets for big-data supervision (datasets.c) ---- */

/* Read the bundle at dir back (convicts, institutions, sentence changes, persons, units) and
 * write dir/datasets/: the external datasets the shipped supervision models collide
 * (<name>.csv and <name>.schema.json, received on as_of) with planted hits, near misses and
 * realistic dirt, and manifest.csv (model,hit_key,name,note): exactly what each model must
 * find; rows "@reject" name the dataset lines its registration must reject. Deterministic
 * per seed. Written to dir/datasets.tmp and renamed into place. */
int zx_gen_datasets(const char *dir, uint64_t seed, int32_t as_of,
                    struct zx_err *err) ZX_MUST_CHECK;

/* ---- person records for record linkage (persons.c) ---- */

struct zx_gen_persons_opts {
    uint64_t seed;
    long long persons; /* distinct people, 1..50,000,000 */
    double duplicates; /* share of people with a duplicate record (dedupe) or a record in the
                        * right file (link), 0..1 */
    int link;          /* 0: DIR/persons.csv + truth.csv (rec_id,person); 1: DIR/left.csv,
                        * right.csv + truth.csv (left_id,right_id) */
};

struct zx_gen_persons_stats {
    long long records; /* rows written over all person files */
};

/* Write Chinese person records (rec_id,name,id_number,birth_date,phone,address) with
 * realistic clerical errors in the duplicates, and the truth, into dir (created if absent).
 * Each file is written beside its name and renamed into place. Deterministic per seed. */
int zx_gen_persons(const char *dir, const struct zx_gen_persons_opts *o,
                   struct zx_gen_persons_stats *st, struct zx_err *err) ZX_MUST_CHECK;

#endif
