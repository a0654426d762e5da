/* compare.h — comparisons of indicator figures (shared/spec/indicators.md §6): ranks and
 * tiers among sibling units, the deviation of a unit's 三个结构比 shape from its parent's,
 * the gap to a target, and department figures as sums over their handlers.
 *
 * Ranking is diagnostic data that a unit turns on for its children (store/settings.h); it
 * is never computed for `context` indicators, which have no better end. Everything here is
 * arithmetic over figures the engine (metrics.h) has already produced, except the
 * department map, which reads staff.department from the store.
 *
 * Depends on metrics, catalog, store, util. Caller owns what it gets, as each function says. */
#ifndef ZX_METRICS_COMPARE_H
#define ZX_METRICS_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/store.h"
#include "util/err.h"

enum zx_tier { ZX_TIER_NONE = 0, ZX_TIER_UPPER = 1, ZX_TIER_MIDDLE = 2, ZX_TIER_LOWER = 3 };

/* 上游, 中游, 下游, or "" for ZX_TIER_NONE. */
const char *zx_compare_tier_label(int tier);

/* Rank n figures (num[i]/den[i]) by direction (enum zx_direction). OUT: rank[i] is the
 * competition rank, 1 at the better end (higher values first for ZX_DIR_HIGHER, lower first
 * for ZX_DIR_LOWER; equal values share the best rank of their group: 1, 2, 2, 4), 0 for a
 * figure without a value (den 0) and for every figure of a context indicator. OUT: tier[i]
 * is ⌊3·(rank−1)/m⌋ + 1 over the m ranked figures (thirds; ties share a tier), ZX_TIER_NONE
 * when unranked or when m < 3 (thirds of fewer than three say nothing). *nranked (may be
 * NULL) gets m. rank and tier may be NULL. */
void zx_compare_rank(const int64_t *num, const int64_t *den, int n, int direction, int *rank,
                     int *tier, int *nranked);

/* Deviation of shape a (k category counts) from shape b, in percentage points: OUT
 * points[i] = 100·(a[i]/Σa − b[i]/Σb); OUT *distance = ½·Σ|points[i]| (0 = the same shape,
 * 100 = nothing in common: the share of cases that would have to change category). Returns
 * 0, or -1 when either total is 0 (outputs set to NaN). points may be NULL. */
int zx_compare_shape(const int64_t *a, const int64_t *b, int k, double *points, double *distance);

/* How far value is from target, in the unit the table prints: percentage points for rates
 * and shares, the ratio itself for 案-件比 (display ZX_DISP_CASE_RATIO). OUT *met (may be
 * NULL): 1 when the target is reached by the indicator's direction (higher: value ≥ target;
 * lower: value ≤ target), 0 when not, -1 for a context indicator (no judgment). */
double zx_compare_gap(const struct zx_catalog_row *row, double value, double target, int *met);

/* Rank of unit u among the children of its parent for catalog row `row`, from result r of
 * period p (r's scope must hold the parent). OUT: *rank (0 when unranked), *nranked, *tier.
 * Returns 0, or -1 when u is a root or the parent is out of r's scope. */
int zx_compare_unit_rank(const struct zx_metrics *m, const struct zx_metrics_result *r,
                         const struct zx_catalog_row *row, int row_index, int p, int32_t u,
                         int *rank, int *nranked, int *tier);

/* ---- departments ---- */

/* Departments (部门) of each unit: the distinct (staff unit, staff.department) pairs; staff
 * without a department form "（未分部门）". A department's figure is the sum of its handlers'
 * figures (spec §8.8 attribution), so a person counted by two handlers of one department
 * counts twice there, unlike in the unit's figure, where it counts once. */
struct zx_departments;

/* Build the map from the store's staff table. Caller owns *out; free with
 * zx_compare_departments_free(). */
int zx_compare_departments(struct zx_store *st, const struct zx_metrics *m,
                           struct zx_departments **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_compare_departments_free(struct zx_departments *d);

/* Number of departments; they are ordered by unit (pre-order), then name. */
int32_t zx_compare_department_count(const struct zx_departments *d);
const char *zx_compare_department_name(const struct zx_departments *d, int32_t k);
int32_t zx_compare_department_unit(const struct zx_departments *d, int32_t k);

/* 1 when some handler of department k is active in r (zx_metrics_staff_active). */
int zx_compare_department_active(const struct zx_departments *d, const struct zx_metrics_result *r,
                                 int32_t k);

/* Sum of the handlers' numerators and denominators of row in period p (r needs by_staff).
 * Returns 0, or -1 when out of range. */
int zx_compare_department_get(const struct zx_departments *d, const struct zx_metrics_result *r,
                              int row, int p, int32_t k, int64_t *num, int64_t *den);

#endif
