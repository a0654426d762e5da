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
 * zx_pg_query runs one statement on the coordinator and returns its rows as text.
 *
 * Depends on store (the SQLite store it exports), util and libpq. Caller owns every zx_pg
 * and zx_pg_rows it gets: free with zx_pg_close / zx_pg_rows_free. */
#ifndef ZX_STORE_PG_H
#define ZX_STORE_PG_H

#include <stdint.h>

#include "store/store.h"
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
int zx_pg_rows_count(const struct zx_pg_rows *r);
/* The value of row i, column j; NULL for SQL NULL. Borrowed: valid until zx_pg_rows_free. */
const char *zx_pg_rows_get(const struct zx_pg_rows *r, int i, int j);
void zx_pg_rows_free(struct zx_pg_rows *r); /* NULL-safe */

struct zx_pg_export_stats {
    int shards;
    int64_t units, staff, cases, persons, events;
};

/* Copy st's units, staff, vocab, cases, persons and events into the cluster at url,
 * replacing what it held. Nothing is half-written: on any failure every shard and the
 * coordinator roll back. */
int zx_pg_export(struct zx_store *st, const char *url, struct zx_pg_export_stats *stats,
                 struct zx_err *err) ZX_MUST_CHECK;

/* Copy the cluster's units and staff into st (the web server's own state store, `zhixiao
 * serve --db postgresql://… --state FILE`), with the cluster's row ids, replacing st's:
 * units and staff the cluster no longer holds are dropped. One transaction. *nunits and
 * *nstaff (may be NULL) get the counts. */
int zx_pg_pull_reference(struct zx_pg *pg, struct zx_store *st, int64_t *nunits, int64_t *nstaff,
                         struct zx_err *err) ZX_MUST_CHECK;

#endif
