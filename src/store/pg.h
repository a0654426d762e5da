/* pg.h — the PostgreSQL cluster behind the store (scripts/pg-cluster.sh, docs/scale.md): a
 * coordinator whose `cases`, `persons` and `events` are partitioned by shard, each partition
 * a postgres_fdw foreign table on a shard server; units, staff and vocab replicated.
 *
 * zx_pg_export copies an embedded store into the cluster: one COPY stream per shard (the
 * shard servers load in parallel while one reader walks SQLite), each shard and the
 * coordinator in its own transaction, all of them PREPAREd and only then committed (two
 * phases), so a failed export leaves the previous contents whole. Re-export replaces.
 * Events are written with their case's columns (unit, line, kind, source, business,
 * dates, handler) and their answered event's type, result and date, so a catalog term is
 * a scan of one table (src/sqlgen).
 *
 * zx_pg_query runs one statement on the coordinator and returns its rows as text;
 * zx_pg_query_params takes text parameters ($1, $2, …) for values from outside (a case id
 * from a URL), never pasted into the SQL.
 *
 * The zx_pg_view_* functions are the case timeline's reads of store/views.h on the cluster:
 * the same structs, callbacks and order as the embedded views, so the web handler builds
 * the same answer from either. Each event's ledger entry is the exported store's (zhixiao
 * export copies it into events.ledger); the sealed records are the exported store's
 * `sealed` rows (a table on the coordinator), hidden as the embedded guard hides them.
 *
 * Depends on store (the SQLite store it exports), util and libpq. Caller owns every zx_pg
 * and zx_pg_rows it gets: free with zx_pg_close / zx_pg_rows_free. */
#ifndef ZX_STORE_PG_H
#define ZX_STORE_PG_H

#include <stdint.h>

#include "store/store.h"
#include "store/views.h"
#include "util/err.h"

struct zx_pg;      /* opaque: a connection to the coordinator */
struct zx_pg_rows; /* opaque: the rows of one query, as text */

/* 1 when s is a PostgreSQL URL ("postgresql://…" or "postgres://…"). */
int zx_pg_is_url(const char *s);

/* Connect to the coordinator at url. ZX_ESTORE with libpq's message on failure. */
int zx_pg_connect(const char *url, struct zx_pg **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_pg_close(struct zx_pg *pg); /* NULL-safe */

/* Run sql (no parameters: callers build it from catalog codes and numbers only). *out gets
 * the rows (also for statements that return none). */
int zx_pg_query(struct zx_pg *pg, const char *sql, struct zx_pg_rows **out,
                struct zx_err *err) ZX_MUST_CHECK;
/* The same with n text parameters values[0..n) for $1..$n (NULL for SQL NULL); their types
 * are inferred by the server from where they stand. */
int zx_pg_query_params(struct zx_pg *pg, const char *sql, int n, const char *const *values,
                       struct zx_pg_rows **out, struct zx_err *err) ZX_MUST_CHECK;
int zx_pg_rows_count(const struct zx_pg_rows *r);
/* The value of row i, column j; NULL for SQL NULL. Borrowed: valid until zx_pg_rows_free. */
const char *zx_pg_rows_get(const struct zx_pg_rows *r, int i, int j);
void zx_pg_rows_free(struct zx_pg_rows *r); /* NULL-safe */

enum { ZX_PG_MAX_SHARDS = 16 };

struct zx_pg_export_stats {
    int shards;
    int64_t units, staff, cases, persons, events;
    int64_t shard_events[ZX_PG_MAX_SHARDS]; /* events sent to each shard */
};

/* Copy st's units, staff, vocab, cases, persons and events into the cluster at url,
 * replacing what it held; each event with its latest ledger entry ("seq:hash-prefix", as
 * store/views.h gives it), and the sealed cases and persons (`sealed`, coordinator only).
 * Nothing is half-written: on any failure every shard and the coordinator roll back.
 * Each of the root's children's subtrees goes whole to one shard, so that the shards'
 * events are as even as whole subtrees allow (store/shard_plan.h); the root's own rows go
 * to shard 0. The same store always gives the same placement. */
int zx_pg_export(struct zx_store *st, const char *url, struct zx_pg_export_stats *stats,
                 struct zx_err *err) ZX_MUST_CHECK;

/* Copy the cluster's units and staff into st (the web server's own state store, `zhixiao
 * serve --db postgresql://… --state FILE`), with the cluster's row ids, replacing st's:
 * units and staff the cluster no longer holds are dropped. One transaction. *nunits and
 * *nstaff (may be NULL) get the counts. */
int zx_pg_pull_reference(struct zx_pg *pg, struct zx_store *st, int64_t *nunits, int64_t *nstaff,
                         struct zx_err *err) ZX_MUST_CHECK;

/* ---- the case timeline on the cluster (store/views.h's contracts) ----
 * hide_sealed: 1 hides the sealed cases and persons and their events, as the embedded
 * store's guard does (store/seal.h); 0 shows them (a revealed request). */

/* As zx_store_view_case: the case of external id case_id, one call or none. */
int zx_pg_view_case(struct zx_pg *pg, const char *case_id, int hide_sealed, zx_view_case_cb cb,
                    void *ud, struct zx_err *err) ZX_MUST_CHECK;
/* As zx_store_view_case_handled_by. */
int zx_pg_view_case_handled_by(struct zx_pg *pg, int64_t case_rid, const char *staff_id,
                               int hide_sealed, int *yes, struct zx_err *err) ZX_MUST_CHECK;
/* As zx_store_view_persons_of_case: by row id. */
int zx_pg_view_persons_of_case(struct zx_pg *pg, int64_t case_rid, int hide_sealed,
                               zx_view_person_cb cb, void *ud, struct zx_err *err) ZX_MUST_CHECK;
/* As zx_store_view_events_of_case: by date, then row id, every field filled. */
int zx_pg_view_events_of_case(struct zx_pg *pg, int64_t case_rid, int hide_sealed,
                              zx_view_event_cb cb, void *ud, struct zx_err *err) ZX_MUST_CHECK;

#endif
