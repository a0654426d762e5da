/* bulletin.h — the bulletin (通报) of a unit for a period as an XLSX workbook
 * (libxlsxwriter): sheets 研判要点, 案-件比, 刑事检察指标, 其他业务指标, 三个结构比,
 * 各院对比 and 犯罪态势 (trends/trends.h: top charges, 同比/环比, 研判 points), with native charts,
 * Chinese headers, the definition (口径) of each indicator, numbers as a case-management office
 * prints them (31.08%, 1:1.38, 同比 ↑1.20 points), and the comparisons of metrics/compare.h (parent
 * unit, targets, ranks only where switched on).
 *
 * 研判要点 are generated findings: the largest movements against the same period last year,
 * the child units furthest from the unit's own 三个结构比 shape (and the unit from its
 * parent's), and pairs of indicators that moved against the relation the catalog states
 * for them ("moves_with"). They are prompts for the monthly consultation, not scores.
 *
 * Owner: the bulletin module (src/bulletin, prefix zx_bulletin_). It sits above the indicator
 * engine and the crime trends, which it combines, so neither of those depends on it.
 * Depends on metrics (metrics.h, catalog.h, compare.h, report.h), trends, store (settings.h),
 * util and libxlsxwriter. */
#ifndef ZX_BULLETIN_BULLETIN_H
#define ZX_BULLETIN_BULLETIN_H

#include <stddef.h>
#include <stdint.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/settings.h"
#include "util/err.h"

struct zx_bulletin_opts {
    const struct zx_catalog *cat;
    int32_t unit;                       /* unit index; -1 = the root */
    int32_t from, to;                   /* the period, inclusive */
    const char *period_label;           /* "2024年第三季度"; NULL = the dates */
    int32_t data_as_of;                 /* latest event date in the data (ZX_DATE_NULL: unknown) */
    const struct zx_settings *settings; /* ranking switches and targets; may be NULL */
    int min_denominator; /* findings ignore figures with a smaller denominator; 0 = 10 */
    int max_findings;    /* per kind of finding; 0 = 5 */
};

enum zx_finding_kind {
    ZX_FIND_MOVEMENT = 1, /* a large movement against the same period last year */
    ZX_FIND_SHAPE,        /* a unit far from its parent's structure shape */
    ZX_FIND_PAIR,         /* two indicators against their stated relation */
};

struct zx_finding {
    int kind;        /* enum zx_finding_kind */
    int row, row2;   /* catalog rows (row2: the pair's other row, else -1); for a shape: a
                        category row of the structure */
    int32_t unit;    /* the unit concerned */
    double a, b;     /* movement: Δ and |Δ| in points (×100 for 案-件比); shape: distance
                        and the largest category's points; pair: Δ of row and of row2 */
    char text[1024]; /* the sentence printed in 研判要点 */
};

/* The findings of the bulletin, most important first within each kind, kinds in the order
 * of the enum. Caller owns *out (may be NULL when *n is 0); free with free(). */
int zx_bulletin_findings(const struct zx_metrics *m, const struct zx_bulletin_opts *o,
                         struct zx_finding **out, size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* Write the workbook to path atomically (a temporary file in the same folder, fsynced and
 * renamed over path). */
int zx_bulletin_write(const char *path, const struct zx_metrics *m,
                      const struct zx_bulletin_opts *o, struct zx_err *err) ZX_MUST_CHECK;

#endif
