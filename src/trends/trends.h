/* trends.h — crime trends (犯罪态势分析, product pillar 5): counts of criminal cases by
 * charge (案由), region (a unit and its child units) and month, shares, 同比 and 环比, a
 * seasonal baseline per charge and unit, and the months far beyond it stated as 研判 points.
 *
 * Definitions (shown with every figure, zx_trends_json):
 * - A case counts once, in the month of its 受理日期 (accepted_on), as the structure ratios of
 *   shared/spec/indicators.md §5 count cases accepted in the period; criminal cases (刑事,
 *   line `criminal`) only; the charge is the case's 案由 as written in cases.csv. A region is
 *   a unit's whole subtree.
 * - Share (占比) = the charge's cases / all criminal cases accepted in the scope and months
 *   (cases without a charge count in the denominator only).
 * - 同比 = the same months a year earlier; 环比 = the preceding months of equal length (for a
 *   single month: the previous month); change in % = (x − p) / p, none when p = 0.
 * - Seasonal baseline of month t (zx_trends_baseline): the reference counts are the same
 *   calendar month and its two neighbours in each of the 3 previous years (t − 12k − 1,
 *   t − 12k, t − 12k + 1, k = 1..3; the "historical limits" of Stroup et al., 1989), months
 *   before the data's first month left out, at least 3 needed. Baseline M = their median;
 *   spread S = max(1.4826 × MAD, √max(M, 1)) (MAD the median absolute deviation; the floor is
 *   the Poisson noise of a count of M, so a flat history does not make every rise an alarm);
 *   threshold T = M + 3 × S. The level of the last 12 months (their mean) is reported beside.
 * - Anomaly (异常): count ≥ min_count (default 10) and count > T. Reported at the most
 *   specific units: a unit's anomaly is left out when a unit below it fires for the same
 *   charge and month.
 *
 * Depends on: metrics (the loaded case columns: zx_metrics_case_cols), model (the line codes),
 * util (dates, errors, number formats),
 * jansson (zx_trends_json). Caller owns every zx_trends it gets: free with zx_trends_free. */
#ifndef ZX_TRENDS_TRENDS_H
#define ZX_TRENDS_TRENDS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics/metrics.h"
#include "util/err.h"

#define ZX_TRENDS_MIN_COUNT     10 /* an anomaly needs at least this many cases in the month */
#define ZX_TRENDS_K             3.0
#define ZX_TRENDS_YEARS         3
#define ZX_TRENDS_MIN_REFS      3
#define ZX_TRENDS_MAX_MONTHS    240
#define ZX_TRENDS_MAX_ANOMALIES 200

/* Months as y * 12 + (m − 1). */
static inline int32_t zx_trends_month(int y, int m)
{
    return (int32_t)y * 12 + (m - 1);
}
/* Parse "YYYY-MM" (or "YYYY-MM-DD", the day ignored). 0, or -1 when not a month. */
int zx_trends_parse_month(const char *s, int32_t *out);
/* "YYYY-MM" into buf (8 bytes); returns buf. */
char *zx_trends_format_month(int32_t ym, char *buf);
/* The month of a day number. */
int32_t zx_trends_month_of(int32_t day);

/* ---- the baseline rule, on one series (pure) ---- */

struct zx_trends_baseline {
    int ok;           /* 0: fewer than ZX_TRENDS_MIN_REFS reference months */
    int nref;         /* reference months used */
    double median;    /* M */
    double spread;    /* S */
    double threshold; /* T = M + 3 S */
    double level;     /* mean of the last 12 months with data; -1 when none */
};

/* Baseline of x[t] from x[0 .. t): x[i] < 0 marks a month without data (before the data
 * begins). Always fills b; b->ok tells whether a baseline exists. */
void zx_trends_baseline(const int32_t *x, int t, struct zx_trends_baseline *b);
/* 1 when count is an anomaly against b with the minimum count min_count. */
int zx_trends_fires(int32_t count, const struct zx_trends_baseline *b, int min_count);

/* ---- over the case data ---- */

struct zx_trends_query {
    int32_t unit;     /* scope: this unit's subtree (metrics index) */
    int32_t from, to; /* months, inclusive */
    int32_t charge;   /* one charge (zx_metrics_charge_find), or -1 for all */
    int top;          /* charges listed with their series; 0: 10 */
    int min_count;    /* 0: ZX_TRENDS_MIN_COUNT */
};

struct zx_trends_charge {
    int32_t charge; /* metrics charge index */
    int64_t count, prev_year, prev_period;
    const int32_t *monthly; /* count per month of the range; borrowed from the result */
};

struct zx_trends_anomaly {
    int32_t month, unit, charge;
    int32_t count, prev_month, prev_year; /* prev_*: -1 when before the data */
    struct zx_trends_baseline base;
};

struct zx_trends; /* opaque: the figures of one query */

int zx_trends_run(const struct zx_metrics *m, const struct zx_trends_query *q,
                  struct zx_trends **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_trends_free(struct zx_trends *t);

/* Borrowed: valid until zx_trends_free(t). */
int zx_trends_months(const struct zx_trends *t);
/* All criminal cases of the scope per month of the range (the shares' denominator). */
const int64_t *zx_trends_totals(const struct zx_trends *t);
int64_t zx_trends_total(const struct zx_trends *t);
int zx_trends_ncharges(const struct zx_trends *t); /* ranked by count, then name */
const struct zx_trends_charge *zx_trends_charge(const struct zx_trends *t, int i);
int zx_trends_nanomalies(const struct zx_trends *t); /* strongest first */
const struct zx_trends_anomaly *zx_trends_anomaly(const struct zx_trends *t, int i);

/* The 研判 point of an anomaly in Chinese, e.g. "2024年7月 甲县院 诈骗罪 受理 37 件，高于
 * 季节基线 (12±4)，超过预警线 24；环比 +85%，同比 +120%". Returns the length written. */
int zx_trends_text(const struct zx_metrics *m, const struct zx_trends_anomaly *a, char *buf,
                   size_t size);

/* The whole result as JSON (definitions, months, totals, charges with 同比/环比, anomalies
 * with their 研判 text). Caller owns: free with json_decref. NULL when out of memory. */
json_t *zx_trends_json(const struct zx_metrics *m, const struct zx_trends_query *q,
                       const struct zx_trends *t);

/* Drill-down: the store rids of the criminal cases of unit's subtree accepted in months
 * [from, to] with charge (-1: any charge), in the engine's case order. Caller owns *rids:
 * free with free(). */
int zx_trends_cases(const struct zx_metrics *m, int32_t unit, int32_t from, int32_t to,
                    int32_t charge, int64_t **rids, size_t *n, struct zx_err *err) ZX_MUST_CHECK;

#endif
