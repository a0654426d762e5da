/* report.h — print indicator figures and drill-downs: the JSON contract of
 * shared/spec/indicators.md §7 (one array, one element per indicator and scope, values in
 * shortest round-trip form, null for a zero denominator), CSV with a header row, and an
 * aligned table with Chinese labels, 同比 and 环比. With `compare` the table and the CSV
 * add the comparisons of spec §6 (compare.h): the parent unit's value, rank and tier among
 * sibling units where the parent turned ranking on, the target and the gap to it. JSON
 * never changes shape. The `indicators` and `cases` commands are thin shells over these
 * functions.
 *
 * Depends on metrics, catalog, compare, store (ids and events of the drill-down; settings),
 * model, util. Nothing here keeps state; the caller owns every argument. */
#ifndef ZX_METRICS_REPORT_H
#define ZX_METRICS_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "metrics/catalog.h"
#include "metrics/compare.h"
#include "metrics/metrics.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/err.h"

enum zx_report_format { ZX_REPORT_JSON = 0, ZX_REPORT_TABLE, ZX_REPORT_CSV };
/* ZX_BY_DEPARTMENT: every department of every unit in scope, each the sum of its handlers
 * (compare.h); table and CSV only, as spec §7 defines no JSON element for it. */
enum zx_report_by { ZX_BY_NONE = 0, ZX_BY_UNIT, ZX_BY_STAFF, ZX_BY_DEPARTMENT };

struct zx_report_opts {
    const struct zx_catalog *cat;
    int32_t unit;    /* scope unit index; -1 = the root */
    int by;          /* enum zx_report_by */
    const int *rows; /* catalog rows; NULL = every row */
    int nrows;
    int32_t from, to; /* inclusive day numbers */
    int format;       /* enum zx_report_format */
    /* Table and CSV: add the parent's value (for a handler or department: its unit's
     * value), rank and tier (ranking switched on in settings for the parent), target and
     * gap. JSON ignores it. */
    int compare;
    const struct zx_settings *settings;       /* ranking switches and targets; may be NULL */
    const struct zx_departments *departments; /* needed for ZX_BY_DEPARTMENT */
    uint32_t lines; /* count only cases of these lines (zx_metrics_query.lines); 0 = all */
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
    int format;     /* ZX_REPORT_JSON or ZX_REPORT_TABLE */
    uint32_t lines; /* as in zx_report_opts */
};

/* List the persons, cases or events counted in one number, each with its case_id,
 * person_id, case_no and events. *count (may be NULL) gets the number of items, which
 * equals the figure printed by zx_report_indicators. */
int zx_report_cases(FILE *out, struct zx_store *st, const struct zx_metrics *m,
                    const struct zx_drill_opts *o, int64_t *count,
                    struct zx_err *err) ZX_MUST_CHECK;

/* Read a --line value: one or more line codes or Chinese labels (criminal, 民事…) separated
 * by commas, into a bit mask for zx_metrics_query.lines. Returns 0, or -1 naming nothing. */
int zx_report_parse_lines(const char *s, uint32_t *mask);

/* The previous period of equal length and the same period last year of [from, to]. */
void zx_report_previous(int32_t from, int32_t to, int32_t *pfrom, int32_t *pto);
void zx_report_last_year(int32_t from, int32_t to, int32_t *yfrom, int32_t *yto);

/* Write s as a JSON string literal (with quotes); NULL writes null. */
void zx_report_json_string(FILE *out, const char *s);

/* Display width of UTF-8 text in a terminal (CJK characters count 2). */
int zx_report_width(const char *s);

#endif
