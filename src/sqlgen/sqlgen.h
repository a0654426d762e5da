/* sqlgen.h — the indicator catalog compiled to SQL for the sharded PostgreSQL cluster
 * (store/pg.h, scripts/pg-cluster.sh, docs/scale.md).
 *
 * One compiler from catalog terms (catalog.h, zx_catalog_term) to SQL, with the counting
 * rules of the embedded engine (metrics/engine.c), term by term:
 *   - the term's event selector, case filters, "answers" and the query's lines are WHERE
 *     conditions on one events row (events carry their case's and answered event's columns);
 *   - "prior" and "case_has" are inner joins to the same case's events on the same shard
 *     (shard, case_rid), counted with DISTINCT so a second match adds nothing; "first" is a
 *     left join to an earlier selected event of the entity that must find none;
 *   - persons count DISTINCT person_rid, cases DISTINCT case_rid, events rows, per unit (or
 *     handler) and shard; the period is an inclusive range on the term's anchor date.
 * Every term is one aggregate grouped by (shard, unit or handler), written once per shard of
 * the scope over that shard's own partitions (events_s<n>, cases_s<n>); the pieces are one
 * UNION ALL statement, which PostgreSQL 15 plans as one Append of async foreign scans, each
 * an aggregate run on its shard, so each shard goes through its terms without waiting for
 * the others' (docs/scale.md). Units are rolled up along the tree here, as in the engine;
 * the JSON is the engine's (spec indicators.md §7), byte for byte.
 *
 * The drill-down (`zhixiao cases`) is compiled from the same terms: the items a term
 * counted (each person or case at its first counted event, every event, every case) in the
 * engine's order, with their events.
 *
 * Depends on metrics (catalog and the number format), store (its PostgreSQL connection),
 * model (the codes printed by the drill-down) and util. The caller owns every argument; nothing is
 * kept. */
#ifndef ZX_SQLGEN_SQLGEN_H
#define ZX_SQLGEN_SQLGEN_H

#include <stdint.h>
#include <stdio.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/pg.h"
#include "util/err.h"

enum zx_sqlgen_by { ZX_SQLGEN_BY_NONE = 0, ZX_SQLGEN_BY_UNIT, ZX_SQLGEN_BY_STAFF };

struct zx_sqlgen_query {
    const struct zx_catalog *cat;
    const char *unit_id; /* scope: this unit's subtree; NULL = the first root */
    int by;              /* enum zx_sqlgen_by */
    const int *rows;     /* catalog rows; NULL = every row */
    int nrows;
    int32_t from, to; /* inclusive day numbers */
    uint32_t lines;   /* only cases of these lines (bit v for line code v); 0 = all */
};

/* Evaluate q on the cluster and print the JSON array of spec §7 (as `zhixiao indicators
 * --format json`). An unknown unit is ZX_ENOTFOUND. With explain set, print instead the
 * generated statement and PostgreSQL's EXPLAIN (VERBOSE) of it. */
int zx_sqlgen_indicators(FILE *out, struct zx_pg *pg, const struct zx_sqlgen_query *q, int explain,
                         struct zx_err *err) ZX_MUST_CHECK;

struct zx_sqlgen_drill {
    const struct zx_catalog *cat;
    int row, part;        /* catalog row; 0 numerator, 1 denominator */
    const char *unit_id;  /* the unit's whole subtree; NULL = the first root */
    const char *staff_id; /* a handler instead (within the unit's scope); NULL = none */
    int32_t from, to;
    uint32_t lines;
};

/* List the persons, cases or events counted in one number, as `zhixiao cases --format
 * json` does on the embedded store; *count (may be NULL) gets the number of items. Unknown
 * unit or handler: ZX_ENOTFOUND. */
int zx_sqlgen_cases(FILE *out, struct zx_pg *pg, const struct zx_sqlgen_drill *d, int64_t *count,
                    struct zx_err *err) ZX_MUST_CHECK;

/* Evaluate q (zx_metrics_query: unit and staff indices of m, several disjoint periods, by
 * handler, a drill-down) on the cluster into a result read with zx_metrics_get… exactly
 * like zx_metrics_eval's on the same data: the web server's data source on the cluster.
 * m holds the cluster's units and staff (no events); units and handlers are matched by
 * id. Several periods are one scan per term (grouped by width_bucket of the anchor date). */
int zx_sqlgen_eval(struct zx_pg *pg, const struct zx_metrics *m, const struct zx_metrics_query *q,
                   struct zx_metrics_result **out, struct zx_err *err) ZX_MUST_CHECK;

/* The SQL of one term: rows (term_slot, shard, key, n) with key the unit rid (by_staff 0)
 * or the handler's rid (1), over units_sql (a SQL list of unit rids, or NULL for every
 * unit) and shards_sql (a SQL list of shards, or NULL). Appends to *buf (realloc'ed, caller
 * owns, free with free()). Returns 0 or ZX_ENOMEM. */
int zx_sqlgen_term_sql(const struct zx_catalog_term *t, int slot, int by_staff, int32_t from,
                       int32_t to, uint32_t lines, const char *units_sql, const char *shards_sql,
                       char **buf, size_t *len) ZX_MUST_CHECK;

#endif
