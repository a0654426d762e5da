/* internal.h — internal to src/metrics: the compiled form of a catalog, shared by the
 * parser (catalog.c) and the engine (load.c, eval.c). Not for other modules. */
#ifndef ZX_METRICS_INTERNAL_H
#define ZX_METRICS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

struct sqlite3;

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/store.h"

/* An event selector: type mask (bit t for event type t) and result mask (0 = any result). */
struct zx_sel {
    uint64_t types, results;
};

/* One counting term. Structs are zeroed before filling so that equal terms compare equal
 * with memcmp (the catalog shares one term between every row that uses it). */
struct zx_term {
    int32_t count;  /* ZX_CNT_… */
    int32_t anchor; /* ZX_ANC_…: which date places the count in a period */
    int32_t first;  /* only the entity's first selected event (by date, then file order) */
    int32_t pad_;
    struct zx_sel sel;                          /* types == 0: a case-only term */
    uint32_t lines, kinds, sources, businesses; /* case filters, bit v; 0 = any */
    struct zx_sel prior, case_has, answers;     /* types == 0: no condition */
};

struct zx_row_int {
    struct zx_catalog_row pub;
    int *num, nnum; /* term indices; a sum */
    int *den, nden;
};

struct zx_catalog {
    char *source;
    struct zx_term *terms;
    int nterms, capterms;
    struct zx_row_int *rows;
    int nrows, caprows;
    char **strings; /* owned strings, freed with the catalog */
    int nstrings, capstrings;
};

/* The loaded data (metrics.h). Fields are private to src/metrics. */
struct zx_metrics {
    /* units, in pre-order */
    int32_t nu;
    int64_t *u_rid;    /* by pre-order index */
    int32_t *u_parent; /* pre-order index of the parent, -1 for a root */
    int32_t *u_size;   /* subtree size */
    int32_t *u_c0;     /* nu + 1: first case of each unit; cases sorted by unit */
    char **u_xid, **u_name;
    /* staff, in rid order */
    int32_t ns;
    int64_t *s_rid;
    /* charges (案由) as written in cases.csv, sorted bytewise (strcmp) */
    int32_t nch;
    char **ch_name;
    int32_t *s_unit;
    char **s_xid, **s_name;
    /* unit and staff indices ordered by external id (strcmp): zx_metrics_unit_find and
     * zx_metrics_staff_find search them, since every API call resolves ids */
    int32_t *u_by_xid, *s_by_xid;
    /* cases, sorted by (unit pre-order, rid) */
    int32_t nc;
    int64_t *c_rid;
    int32_t *c_unit, *c_handler, *c_acc, *c_closed;
    int32_t *c_charge; /* 案由: index into ch_name, -1 when none */
    uint8_t *c_line, *c_kind, *c_source, *c_business;
    uint8_t *c_complex; /* 0/1: 重大疑难复杂 (the process monitor's A3 period) */
    int32_t *c_e0;      /* nc + 1: first event of each case */
    int32_t *c_p0;      /* nc + 1: first person of each case */
    int32_t max_pc;     /* most persons in one case */
    /* persons, sorted by (case, rid) */
    int32_t np;
    int64_t *p_rid;
    /* events, sorted by (case, date, rid) */
    int32_t ne;
    uint32_t *e_rid;
    int32_t *e_person, *e_date, *e_handler, *e_ref;
    uint8_t *e_type, *e_result;
    /* events by type (posting lists): t_ev[t_e0[t] .. t_e0[t + 1]) are the events of type
     * t in event order; t_e0 has 65 entries */
    int32_t *t_e0, *t_ev;
    /* the same lists sorted by (date, event order): t_dd the dates, t_dcase the events'
     * cases, at the same positions t_e0[t] .. t_e0[t + 1] */
    int32_t *t_dd, *t_dcase;
    /* the window index (window.c), NULL until zx_metrics_window_build */
    struct zx_metrics__window *win;
    /* when loaded from a columnar snapshot (snapshot.c): the numeric arrays above point into
     * this read-only mapping and are not freed one by one; the strings are malloc()ed */
    void *map;
    size_t map_len;
};

/* ---- the window index (window.c) ---- */

/* One entity (person or case) of a distinct-counting term counted on day `cur` after day
 * `prev` (day indices from the index's first day, prev < cur); unit: the case's unit. */
struct zx_metrics__pair {
    int32_t term, unit, prev, cur;
};

/* Day mode of the engine (eval.c), for the index's build: every catalog term over every
 * case, each day of [lo, hi] its own period; the distinct entities counted on day i by term
 * t in unit u's own cases added to day[(t * nu + u) * stride + 1 + i]; the consecutive days
 * of one entity returned in *pairs (malloc()ed, unsorted). */
int zx_metrics__eval_days(const struct zx_metrics *m, const struct zx_catalog *cat, int32_t lo,
                          int32_t hi, uint32_t *day, size_t stride, struct zx_metrics__pair **pairs,
                          size_t *npairs, struct zx_err *err);

/* 1 when q (no drill-down) can be answered from m's window index: built for q->cat, no
 * handler figures, no line filter, every active term (slot[t] >= 0) indexed. */
int zx_metrics__window_answers(const struct zx_metrics *m, const struct zx_metrics_query *q,
                               const int *slot);

/* Catalog term t over [from, to] for unit u's subtree and each unit below it: out[ul] for
 * unit u + ul, ul < size(u), rolled up (as the pass's accumulators). */
void zx_metrics__window_count(const struct zx_metrics *m, int t, int32_t u, int32_t from,
                              int32_t to, int64_t *out);

void zx_metrics__window_free(struct zx_metrics__window *w);

/* Columnar snapshot of a loaded zx_metrics (snapshot.c): `<db>.zxcol` beside the database,
 * keyed by the store's import log and the largest row ids, written atomically. */

/* The key of the store's current data, read inside the caller's read transaction, into key
 * (size bytes); an error when the store cannot give one (zx_store_data_key). */
int zx_metrics__snapshot_key(struct zx_store *st, char *key, size_t size, struct zx_err *err);

/* Map the snapshot at path into m (zeroed) when it exists and carries key. Returns 1 when
 * loaded, 0 when absent or stale or invalid (m is left zeroed), ZX_ENOMEM on failure. */
int zx_metrics__snapshot_read(const char *path, const char *key, struct zx_metrics *m);

/* Write m to path (replaced whole: util/file.h). */
int zx_metrics__snapshot_write(const char *path, const char *key, const struct zx_metrics *m,
                               struct zx_err *err);

#endif
