/* report.h — print indicator figures and drill-downs: the JSON contract of
 * shared/spec/indicators.md §7 (one array, one element per indicator and scope, values in
 * shortest round-trip form, null for a zero denominator), CSV with a header row, and an
 * aligned table with Chinese labels, 同比 and 环比. The `indicators` and `cases` commands
 * are thin shells over these functions.
 *
 * Depends on metrics, catalog, store (ids and events of the drill-down), model, util.
 * Nothing here keeps state; the caller owns every argument. */
#ifndef ZX_METRICS_REPORT_H
#define ZX_METRICS_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/store.h"
#include "util/err.h"

enum zx_report_format { ZX_REPORT_JSON = 0, ZX_REPORT_TABLE, ZX_REPORT_CSV };
enum zx_report_by { ZX_BY_NONE = 0, ZX_BY_UNIT, ZX_BY_STAFF };

struct zx_report_opts {
    const struct zx_catalog *cat;
    int32_t unit;    /* scope unit index; -1 = the root */
    int by;          /* enum zx_report_by */
    const int *rows; /* catalog rows; NULL = every row */
    int nrows;
    int32_t from, to; /* inclusive day numbers */
    int format;       /* enum zx_report_format */
};

/* Evaluate and print. The table also evaluates the same period last year (同比) and the
 * previous period of equal length (环比: whole months shift by months, else by days). */
int zx_report_indicators(FILE *out, const struct zx_metrics *m, const struct zx_report_opts *o,
                         struct zx_err *err) ZX_MUST_CHECK;

struct zx_drill_opts {
    const struct zx_catalog *cat;
    int row;       /* catalog row */
    int part;      /* enum zx_metrics_part */
    int32_t unit;  /* unit index, -1 = root: the unit's whole subtree */
    int32_t staff; /* staff index, or -1: the unit's figure */
    int32_t from, to;
    int format; /* ZX_REPORT_JSON or ZX_REPORT_TABLE */
};

/* List the persons, cases or events counted in one number, each with its case_id,
 * person_id, case_no and events. *count (may be NULL) gets the number of items, which
 * equals the figure printed by zx_report_indicators. */
int zx_report_cases(FILE *out, struct zx_store *st, const struct zx_metrics *m,
                    const struct zx_drill_opts *o, int64_t *count,
                    struct zx_err *err) ZX_MUST_CHECK;

/* The previous period of equal length and the same period last year of [from, to]. */
void zx_report_previous(int32_t from, int32_t to, int32_t *pfrom, int32_t *pto);
void zx_report_last_year(int32_t from, int32_t to, int32_t *yfrom, int32_t *yto);

/* Write s as a JSON string literal (with quotes); NULL writes null. */
void zx_report_json_string(FILE *out, const char *s);

/* Display width of UTF-8 text in a terminal (CJK characters count 2). */
int zx_report_width(const char *s);

#endif
