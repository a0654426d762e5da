/* ledger.h — 谁办案谁负责、谁决定谁负责: an append-only hash chain of every act the product
 * records, so that a change made to the database by anything else is found and named.
 *
 * Each entry records one act on one row — the table, the row's id and external id, the
 * operation (insert, update, delete, baseline), who handled and who decided it (staff rids,
 * for rows that carry them), the act's date, when and through what it was recorded (import
 * or user) and a BLAKE2b-128 hash of the row's content as stored — and commits to the
 * previous entry: hash = BLAKE2b-256(previous hash ‖ canonical serialisation of the entry).
 * Canonical serialisation: every value tagged ('n' null, 'i' int64 little-endian, 'r'
 * IEEE double little-endian, 't'/'b' u32 little-endian length and bytes), fields in a fixed
 * order (see store_ledger.c). Row content is the row's columns as SELECT * returns them, so
 * the writer (which hashes the values it bound when SQLite stores them unchanged, or reads
 * the row back) and the verifier encode the same thing.
 *
 * The store appends entries itself for every contract row it inserts, updates or deletes
 * (store.h: imports, the inspection flow); other modules call zx_ledger_record after their
 * own writes (accounts, inspection steps). Entries are appended in the caller's
 * transaction, so an act and its entry land together or not at all.
 *
 * What the chain cannot do alone: someone who rewrites rows AND recomputes every later
 * entry is caught only against a head recorded elsewhere (zx_ledger_verify reports the
 * head; `zhixiao audit verify --head HEX` compares).
 *
 * Depends on: store/store.h, store/sql.h, util/err.h, util/date.h; libsodium
 * (crypto_generichash), SQLite. Schema: migration 7 "ledger" in schema.c. */
#ifndef ZX_STORE_LEDGER_H
#define ZX_STORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

struct sqlite3;
struct sqlite3_stmt;

#define ZX_LEDGER_HASH_BYTES    32 /* chain hash, BLAKE2b-256 */
#define ZX_LEDGER_CONTENT_BYTES 16 /* row content hash, BLAKE2b-128 */

/* Who acts through this connection from now on (a user name; NULL: the system or the
 * CLI's import, which is named by its import id). Copied. */
int zx_ledger_set_actor(struct zx_store *st, const char *actor, struct zx_err *err) ZX_MUST_CHECK;

/* Record an act on row rowid of table tbl (any table with a rowid: "users",
 * "insp_findings" …), as the row now is; op is "insert", "update" or "delete" (for delete,
 * call before deleting the row, or pass the row's xid — the content is then empty).
 * handler and decider: staff rids or 0; act_on: the act's date (util/date.h) or
 * ZX_DATE_NULL. Runs inside the caller's transaction, or in its own. */
int zx_ledger_record(struct zx_store *st, const char *tbl, int64_t rowid, const char *op,
                     const char *xid, int64_t handler, int64_t decider, int32_t act_on,
                     struct zx_err *err) ZX_MUST_CHECK;

/* What verification found first. */
enum zx_ledger_kind {
    ZX_LEDGER_INTACT,
    ZX_LEDGER_ENTRY_ALTERED,   /* an entry's hash does not match its fields */
    ZX_LEDGER_ENTRY_INSERTED,  /* an entry the chain skips over */
    ZX_LEDGER_ENTRY_DELETED,   /* the chain misses an entry (sequence gap or skipped hash) */
    ZX_LEDGER_ENTRY_REORDERED, /* an entry whose predecessor is another entry */
    ZX_LEDGER_ROW_ALTERED,     /* a row differs from what its latest entry recorded */
    ZX_LEDGER_ROW_DELETED,     /* a recorded row is gone */
    ZX_LEDGER_ROW_INSERTED,    /* a row no entry records */
};

struct zx_ledger_problem {
    enum zx_ledger_kind kind;
    int64_t seq; /* the entry (0 for a row no entry records) */
    char tbl[40];
    int64_t rid;
    char xid[128];
    char what[400]; /* what differs, in English ("date 2024-03-05 -> 2024-03-06") */
    char what_zh[400];
};

struct zx_ledger_report {
    int64_t entries;  /* entries read */
    int64_t rows;     /* rows checked against their entries */
    int64_t problems; /* problems found (the first is in first) */
    struct zx_ledger_problem first;
    char head[2 * ZX_LEDGER_HASH_BYTES + 1]; /* hex hash of the last entry ("" when empty) */
};

/* Recompute the chain and the link of every recorded row to its latest entry. Returns
 * ZX_OK whether or not the chain is intact (rep->problems says), an error only when the
 * database cannot be read. */
int zx_ledger_verify(struct zx_store *st, struct zx_ledger_report *rep,
                     struct zx_err *err) ZX_MUST_CHECK;

/* English and Chinese names of a kind ("entry altered", "账本条目被篡改"). */
const char *zx_ledger_kind_name(enum zx_ledger_kind k);
const char *zx_ledger_kind_name_zh(enum zx_ledger_kind k);

/* One entry as shown to people. Borrowed: valid during the callback. */
struct zx_ledger_entry {
    int64_t seq;
    const char *tbl, *xid, *op;
    int64_t rid;
    const char *handler_id, *handler_name, *handler_role; /* NULL when none */
    int handler_leader;
    const char *decider_id, *decider_name, *decider_role;
    int decider_leader;
    int32_t act_on;      /* ZX_DATE_NULL when none */
    int64_t recorded_at; /* unix seconds */
    int64_t import_id;   /* 0 when not an import */
    const char *actor;   /* NULL when none */
    const char *hash;    /* hex */
    const char *case_id; /* the case the row belongs to, NULL when none */
};
typedef int (*zx_ledger_entry_cb)(void *ud, const struct zx_ledger_entry *e);

/* Entries in order; only those of case case_id (the case, its persons and events) when
 * case_id is not NULL; at most limit (0: all). Stops when cb returns non-zero. */
int zx_ledger_each(struct zx_store *st, const char *case_id, int64_t limit, zx_ledger_entry_cb cb,
                   void *ud, struct zx_err *err) ZX_MUST_CHECK;

/* ---- internal to store/: the hooks store_sqlite.c calls ---- */

struct zx_ledger__state; /* per connection: chain head cache, actor, import id */

/* The connection's ledger state (store_sqlite.c). Borrowed: valid until zx_store_close. */
struct zx_ledger__state *zx_store__ledger(struct zx_store *st);

/* Caller owns *out; free with zx_ledger__free(). Installs commit/rollback hooks on db. */
int zx_ledger__new(struct sqlite3 *db, struct zx_ledger__state **out, struct zx_err *err);
void zx_ledger__free(struct zx_ledger__state *lg);
void zx_ledger__set_import(struct zx_ledger__state *lg, int64_t import_id);

/* Append an entry for row rid of tbl whose columns (as stored; column 0 the external id)
 * are the current row of s; s == NULL for a delete (xid names the row). */
int zx_ledger__append(struct zx_ledger__state *lg, const char *tbl, int64_t rid, const char *op,
                      struct sqlite3_stmt *s, const char *xid, struct zx_err *err);

/* One column value of a row as the store bound it (type: SQLITE_INTEGER, SQLITE_FLOAT,
 * SQLITE_TEXT or SQLITE_NULL). Text borrowed: valid until the append returns. */
struct zx_ledger__val {
    int type;
    int64_t i;
    double r;
    const char *p;
    size_t n;
};

/* Append an entry for row rid of tbl from the values the store wrote (v[0..n-1] in the
 * table's column order, as SELECT * would return them), without reading the row back;
 * names: a prepared SELECT * FROM tbl (column names only, not stepped). */
int zx_ledger__append_vals(struct zx_ledger__state *lg, const char *tbl, int64_t rid,
                           const char *op, struct sqlite3_stmt *names,
                           const struct zx_ledger__val *v, int n, struct zx_err *err);

/* After a migration created the ledger on a database that already holds rows: one
 * "baseline" entry per recorded row. */
int zx_ledger__baseline(struct zx_ledger__state *lg, struct zx_err *err);

#endif
