/* catalog.h — the indicator catalog: indicators as data (shared/spec/indicators.md).
 *
 * A catalog is a JSON file (data/indicators.json is the default; schema in docs of that file
 * and in catalog.c) that defines every indicator by declarative numerator and denominator
 * terms: a counting unit (persons, cases, events), event types and results, case filters
 * (line, kind, source, business), the date that places a count in a period (the event's,
 * the answered event's, the case's closing or acceptance date) and cohort conditions
 * ("prior" X on or before the counted event, the case "case_has" X at any date, the event
 * "answers" X, only the "first" such event). The 件 set of 案-件比 is a named type set in
 * the catalog. Parsing validates everything and reports file, JSON path and reason.
 *
 * Output rows: each ratio indicator is one row; a structure indicator (三个结构比) expands
 * to one row per category, id "duty_structure.criminal". The engine (metrics.h) evaluates
 * rows. Depends on util, model and jansson. Caller owns every zx_catalog it gets. */
#ifndef ZX_METRICS_CATALOG_H
#define ZX_METRICS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct zx_catalog; /* opaque */

enum zx_direction { ZX_DIR_LOWER = -1, ZX_DIR_CONTEXT = 0, ZX_DIR_HIGHER = 1 };

enum zx_display {
    ZX_DISP_PERCENT = 0, /* 31.08% */
    ZX_DISP_CASE_RATIO,  /* 1:1.38 (案-件比) */
    ZX_DISP_SHARE,       /* structure share, shown as % */
};

/* Two indicators that should move together (expect 1) or against each other (expect -1)
 * from one period to the next; a movement the other way is worth a look (研判要点). */
struct zx_catalog_pair {
    const char *with;      /* the other indicator's row id */
    int expect;            /* 1 same direction, -1 opposite */
    const char *reason_zh; /* why, for the reader */
};

/* Facts about one output row; strings borrowed from the catalog. */
struct zx_catalog_row {
    const char *id;        /* "no_arrest_rate", "duty_structure.criminal" */
    const char *name_zh;   /* 不捕率; for a structure category "履职结构比·刑事" */
    const char *name_en;   /* Non-arrest rate */
    const char *group;     /* "criminal", "other", "case_ratio", "structure", or "" */
    const char *structure; /* a category's structure id ("duty_structure"), else NULL */
    const char *description;
    int direction; /* enum zx_direction */
    int display;   /* enum zx_display */
    int version;
    int32_t effective_from, effective_to; /* day numbers, ZX_DATE_NULL when open */
    const char *definition_zh;            /* 口径 for readers of reports; NULL when none */
    const struct zx_catalog_pair *pairs;  /* "moves_with" of this row; npairs of them */
    int npairs;
};

/* Parse and validate catalog text. name is how messages call it (a file name). Errors are
 * ZX_EPARSE with "NAME: $.indicators[3].numerator[0].types[1]: unknown event type 'x'"
 * or "NAME:12:5: JSON syntax error: …". A catalog with "extends": "default" gets the default
 * catalog's rows first and its own after them. */
int zx_catalog_parse(const char *text, size_t len, const char *name, struct zx_catalog **out,
                     struct zx_err *err) ZX_MUST_CHECK;

/* Read and parse the file at path. */
int zx_catalog_load_file(const char *path, struct zx_catalog **out,
                         struct zx_err *err) ZX_MUST_CHECK;

/* The default catalog: $ZHIXIAO_DATA/indicators.json, else data/indicators.json next to the
 * executable (../data, ../../data, ../../../data from its folder), else the compiled-in copy.
 * *where (may be NULL) gets the path used or "(built-in)"; static or catalog-owned. */
int zx_catalog_load_default(struct zx_catalog **out, const char **where,
                            struct zx_err *err) ZX_MUST_CHECK;

void zx_catalog_free(struct zx_catalog *c);

/* Number of output rows. */
int zx_catalog_rows(const struct zx_catalog *c);

/* Row i (0 ≤ i < rows), NULL when out of range. */
const struct zx_catalog_row *zx_catalog_row(const struct zx_catalog *c, int i);

/* Index of the row with this id, or -1. */
int zx_catalog_find(const struct zx_catalog *c, const char *id);

/* Rows named by id: the row itself, or every category of a structure id. Writes up to max
 * indices into rows and returns how many matched (0: unknown id). */
int zx_catalog_select(const struct zx_catalog *c, const char *id, int *rows, int max);

/* A term as compiled, for evaluators other than the engine (src/sqlgen compiles terms to
 * SQL). Masks are bit v for code v (model/vocab.h); 0 = any (types 0: a case-only term;
 * prior/has/answers types 0: no such condition). */
enum { ZX_CNT_PERSONS = 1, ZX_CNT_CASES, ZX_CNT_EVENTS };
enum { ZX_ANC_EVENT = 1, ZX_ANC_REF, ZX_ANC_CLOSED, ZX_ANC_ACCEPTED };
struct zx_catalog_term {
    int count;  /* ZX_CNT_… */
    int anchor; /* ZX_ANC_…: the date that places a count in a period */
    int first;  /* only the entity's first selected event (by date, then row id) */
    uint64_t types, results;
    uint32_t lines, kinds, sources, businesses;
    uint64_t prior_types, prior_results, has_types, has_results, ans_types, ans_results;
};
/* Number of distinct terms (shared by every row that uses them). */
int zx_catalog_terms(const struct zx_catalog *c);
/* Term t into *out; -1 when out of range. */
int zx_catalog_term(const struct zx_catalog *c, int t, struct zx_catalog_term *out);
/* The term indices summed in part 0 (numerator) or 1 (denominator) of row; returns how
 * many (0 when out of range). Borrowed: valid until zx_catalog_free(c). */
int zx_catalog_row_terms(const struct zx_catalog *c, int row, int part, const int **terms);

/* Where the catalog came from (the name given to parse). */
const char *zx_catalog_source(const struct zx_catalog *c);

#endif
