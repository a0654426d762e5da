/* metrics.h — the indicator engine: evaluates a catalog (catalog.h) over the case data of a
 * store for units (each with its subtree), handlers and periods, and lists the persons or
 * cases behind any number (drill-down). Definitions: shared/spec/indicators.md.
 *
 * zx_metrics_load reads the needed columns from the store once into dense columnar arrays:
 * units in pre-order (a subtree is the index range [u, u + size)), cases sorted by unit so a
 * subtree's cases and their events are contiguous, persons grouped by case, events sorted by
 * (case, date, file order). zx_metrics_eval then makes one pass over the events of the
 * scope, case by case: per-case precomputation of the cohort conditions (earliest "prior"
 * event per person, "case_has" flags), a dispatch from event type to the terms that select
 * it, dense accumulators term × period × unit, and a roll-up along the tree at the end.
 * Every term is shared by all rows that use it and evaluated once.
 *
 * Speed: the loaded columns are kept beside the database as a columnar snapshot
 * (`<db>.zxcol`, snapshot.c), keyed by the store's import log and largest row ids, written
 * atomically after a load from SQLite and mmap()ed by the next load while the key matches
 * (ZHIXIAO_SNAPSHOT=0 turns it off). Events are also indexed by type, in event order and in
 * date order, so an eval reads only the event types its terms need and, when every term
 * counts an event by its own date, only the cases holding one dated in the periods. Large
 * passes are split among threads (ZHIXIAO_THREADS, default the online processors, at most
 * 8); a drill-down runs on one. ZHIXIAO_PASS=dense|sparse|dated forces a strategy (tests).
 *
 * Depends on store (its SQLite handle: the loader is SQL by nature), model, util and
 * catalog. Caller owns every zx_metrics and zx_metrics_result it gets; a loaded zx_metrics
 * is read-only during eval, so several evals may run on it concurrently. */
#ifndef ZX_METRICS_METRICS_H
#define ZX_METRICS_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics/catalog.h"
#include "store/store.h"
#include "util/err.h"

struct zx_metrics;        /* opaque: the loaded data */
struct zx_metrics_result; /* opaque: the figures of one eval */

/* Load units, staff, cases, persons and events from st. */
int zx_metrics_load(struct zx_store *st, struct zx_metrics **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_metrics_free(struct zx_metrics *m);

/* Units, in pre-order; index 0 is the root of the first tree (-1 from find when absent). */
int32_t zx_metrics_units(const struct zx_metrics *m);
int32_t zx_metrics_unit_find(const struct zx_metrics *m, const char *unit_id);
const char *zx_metrics_unit_id(const struct zx_metrics *m, int32_t u);
const char *zx_metrics_unit_name(const struct zx_metrics *m, int32_t u);
int32_t zx_metrics_unit_parent(const struct zx_metrics *m, int32_t u); /* -1 for a root */
int32_t zx_metrics_unit_size(const struct zx_metrics *m, int32_t u);   /* subtree size */

/* Staff, in file order. */
int32_t zx_metrics_staff(const struct zx_metrics *m);
int32_t zx_metrics_staff_find(const struct zx_metrics *m, const char *staff_id);
const char *zx_metrics_staff_id(const struct zx_metrics *m, int32_t s);
const char *zx_metrics_staff_name(const struct zx_metrics *m, int32_t s);
int32_t zx_metrics_staff_unit(const struct zx_metrics *m, int32_t s); /* unit index or -1 */

/* Charges (案由) of the cases as written, sorted bytewise; find gives -1 when absent. */
int32_t zx_metrics_charges(const struct zx_metrics *m);
const char *zx_metrics_charge_name(const struct zx_metrics *m, int32_t k);
int32_t zx_metrics_charge_find(const struct zx_metrics *m, const char *name);

/* The case columns, for modules that aggregate cases themselves (trends). Cases are sorted
 * by unit in pre-order: unit u's subtree holds cases [unit_c0[u], unit_c0[u + size(u)]).
 * Borrowed: valid until zx_metrics_free(m). */
struct zx_metrics_case_cols {
    int32_t n;
    const int64_t *rid;      /* store rid */
    const int32_t *unit;     /* unit index (pre-order) */
    const int32_t *accepted; /* 受理日期, day number */
    const int32_t *closed;   /* 办结日期, ZX_DATE_NULL when open */
    const int32_t *charge;   /* charge index, -1 when none */
    const uint8_t *line;     /* line code (model/vocab.h) */
    const int32_t *unit_c0;  /* units + 1 entries */
};
void zx_metrics_case_cols(const struct zx_metrics *m, struct zx_metrics_case_cols *out);

/* Row counts as loaded (for reports and benchmarks). */
int64_t zx_metrics_events(const struct zx_metrics *m);
int64_t zx_metrics_cases(const struct zx_metrics *m);

/* The loaded columns themselves, for other engines that walk the same data case by case
 * (the process monitor, monitor/monitor.h) instead of loading it a second time. Indices are
 * positions in these arrays: units in pre-order, cases sorted by unit pre-order, persons
 * grouped by case (c_p0), events grouped by case (c_e0) and sorted by (date, file order);
 * e_person and e_ref are positions (-1 for none), dates day numbers (ZX_DATE_NULL for
 * none), codes model/vocab.h values (0 for none). Borrowed: valid until zx_metrics_free(m). */
struct zx_metrics_columns {
    int32_t nu;
    const int32_t *u_parent, *u_size;
    int32_t nc;
    const int64_t *c_rid;
    const int32_t *c_unit, *c_handler, *c_e0, *c_p0;
    const uint8_t *c_business, *c_complex;
    int32_t np;
    const int64_t *p_rid;
    int32_t ne;
    const uint32_t *e_rid;
    const int32_t *e_person, *e_date, *e_ref;
    const int32_t *e_handler; /* staff index: events.handler, else the case's; -1 none */
    const uint8_t *e_type, *e_result;
};
void zx_metrics_columns(const struct zx_metrics *m, struct zx_metrics_columns *out);

enum zx_metrics_part { ZX_PART_NUMERATOR = 0, ZX_PART_DENOMINATOR = 1 };

struct zx_metrics_query {
    const struct zx_catalog *cat;
    int32_t unit;             /* scope: this unit's subtree; -1 = the root unit */
    const int32_t *from, *to; /* nperiods inclusive day ranges, pairwise disjoint */
    int nperiods;
    const int *rows; /* catalog rows to evaluate; NULL = every row */
    int nrows;
    int by_staff; /* also count per handler (spec §8.8) */
    /* Count only cases of these lines (四大检察): bit v for line code v (model/vocab.h);
     * 0 = every line. Cohort conditions stay within a case, so the filter is exact. */
    uint32_t lines;
    /* Drill-down: when collect is set, remember every person, case or event counted in
     * part `collect_part` of row `collect_row` for period 0, for the scope unit's whole
     * subtree (collect_staff < 0) or for handler collect_staff (needs by_staff). */
    int collect;
    int collect_row;
    int collect_part;
    int32_t collect_staff;
    /* stop once this many hits are collected (0: all): a page of a drill-down, in the same
     * order; the result's figures then count only the cases walked */
    size_t collect_limit;
};

int zx_metrics_eval(const struct zx_metrics *m, const struct zx_metrics_query *q,
                    struct zx_metrics_result **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_metrics_result_free(struct zx_metrics_result *r);

/* Build the window index of catalog cat over m (window.c): for every term counted without
 * handler or line filter, per unit subtree and day, prefix sums of the entities it counts
 * on that day, and for the distinct-person and distinct-case terms the entities' consecutive
 * days; an eval of cat (no by_staff, no lines, no collect) is then answered from it in
 * O(terms × units below the scope) plus a scan of the pairs in the window, with figures
 * identical to the pass's. Built with one pass of the engine in day mode (on the threads
 * ZHIXIAO_THREADS allows); costs 4 bytes × terms × units × days plus 16 bytes a pair. Call
 * before m is shared; m keeps it until zx_metrics_free. ZHIXIAO_WINDOW=0 in the environment
 * of an eval makes it ignore the index (tests compare both). */
int zx_metrics_window_build(struct zx_metrics *m, const struct zx_catalog *cat,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Bytes the window index holds (0 when none). */
size_t zx_metrics_window_bytes(const struct zx_metrics *m);

/* 1 when m's window index answers q's figures (ignoring q's drill-down): built for q->cat,
 * no handler figures, no line filter, every term of q's rows indexed, not turned off. */
int zx_metrics_window_answers(const struct zx_metrics *m, const struct zx_metrics_query *q);

/* Numerator and denominator of catalog row `row` in period p for unit u (its subtree).
 * u must be in the query's scope; row must have been evaluated. Returns 0 on success, -1
 * when out of range. */
int zx_metrics_get(const struct zx_metrics_result *r, int row, int p, int32_t u, int64_t *num,
                   int64_t *den);

/* The same for handler s (by_staff queries). */
int zx_metrics_get_staff(const struct zx_metrics_result *r, int row, int p, int32_t s, int64_t *num,
                         int64_t *den);

/* 1 when staff member s handles a case or event the query's rows count at any date, in
 * scope (the handlers listed by --by staff). */
int zx_metrics_staff_active(const struct zx_metrics_result *r, int32_t s);

/* Drill-down results: one hit per counted item (a person counted by two terms of a sum
 * appears twice), grouped by term in the row's order. */
struct zx_metrics_hit {
    int term_slot;      /* position of the term in the row's numerator/denominator sum */
    int counting;       /* 1 persons, 2 cases, 3 events */
    int64_t case_rid;   /* store rids */
    int64_t person_rid; /* 0 when none */
    int64_t event_rid;  /* the counted (or deciding) event; 0 for a case-only term */
};
size_t zx_metrics_hits(const struct zx_metrics_result *r, const struct zx_metrics_hit **hits);

/* A result counted by another engine (the PostgreSQL cluster, sqlgen/sqlgen.h) for the same
 * query, read with the functions above exactly like one of zx_metrics_eval: new gives the
 * layout of q (terms of q's rows and drill-down part, periods, q's scope, handlers when
 * by_staff), all zero; add counts n for catalog term `term` in period p for unit u (not
 * rolled up; s < 0) or handler s; rollup adds every unit into its ancestors once, at the
 * end; add_hit appends a drill-down item (ZX_ENOMEM). Caller owns the result. */
int zx_metrics_result_new(const struct zx_metrics *m, const struct zx_metrics_query *q,
                          struct zx_metrics_result **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_metrics_result_add(struct zx_metrics_result *r, int term, int p, int32_t u, int32_t s,
                           int64_t n);
void zx_metrics_result_set_active(struct zx_metrics_result *r, int32_t s);
int zx_metrics_result_add_hit(struct zx_metrics_result *r,
                              const struct zx_metrics_hit *h) ZX_MUST_CHECK;
void zx_metrics_result_rollup(struct zx_metrics_result *r, const struct zx_metrics *m);

/* Write x in the shortest form that reads back as the same double ("%.17g" shortened). buf
 * needs 32 bytes; returns buf. */
char *zx_metrics_fmt_double(double x, char *buf);

#endif
