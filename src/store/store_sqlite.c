/* store_sqlite.c — the embedded SQLite implementation of store.h. */
#include "store/store.h"
#include "store/schema.h"
#include "store/ledger.h"
#include "store/sql.h"
#include "model/vocab.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Per-table metadata: name, external-id column and the ordered data columns that the
 * bind functions below fill (positions 1..ncols, then row_hash). */
struct table_def {
    const char *name;
    const char *xid;
    const char *cols; /* comma-separated, xid first */
};

static const struct table_def tables[ZX_T_COUNT_] = {
    [ZX_T_UNITS] = {"units", "unit_id", "unit_id,name,level,parent_rid"},
    [ZX_T_STAFF] = {"staff", "staff_id", "staff_id,unit_rid,name,department,role,is_leader"},
    [ZX_T_CASES] = {"cases", "case_id",
                    "case_id,unit_rid,case_no,line,business,kind,source,charge,accepted_on,"
                    "closed_on,handler_rid,complex"},
    [ZX_T_PERSONS] = {"persons", "person_id",
                      "person_id,case_rid,role,name,id_number,id_flag,gender,birth_date"},
    [ZX_T_EVENTS] = {"events", "event_id",
                     "event_id,case_rid,person_rid,type,date,handler_rid,decider_rid,result,"
                     "ref_rid,amount,note"},
    [ZX_T_INSTITUTIONS] = {"institutions", "institution_id",
                           "institution_id,name,kind,unit_rid,region"},
    [ZX_T_CONVICTS] = {"convicts", "convict_id",
                       "convict_id,person_rid,name,id_number,id_flag,birth_date,institution_rid,"
                       "charge,sentence_kind,term_months,sentence_start,pretrial_days,"
                       "recidivist,violent_list,strict_category,duty_crime_2019,death_limited,"
                       "property_unpaid"},
    [ZX_T_SENTENCE_CHANGES] = {"sentence_changes", "change_id",
                               "change_id,convict_rid,kind,proposed_on,ruled_on,served_on,merit,"
                               "reduction_months,new_term_months,new_sentence_kind,ground,note"},
    [ZX_T_DOCUMENTS] = {"documents", "document_id",
                        "document_id,case_rid,kind,charges,sentence_kind,term_months,"
                        "probation_months,date,fine_yuan,text,facts"},
};

#define NBIND 64 /* columns of a contract table, id and row_hash included, at most */

struct zx_store {
    sqlite3 *db;
    int in_tx;
    int trusted;        /* in a transaction begun by zx_store_begin_trusted() */
    int left_wal;       /* that transaction switched to the rollback journal */
    int import_pragmas; /* that transaction set PRAGMAS_IMPORT */
    sqlite3_stmt *ins[ZX_T_COUNT_], *upd[ZX_T_COUNT_], *del[ZX_T_COUNT_], *hist[ZX_T_COUNT_];
    sqlite3_stmt *sel[ZX_T_COUNT_]; /* the row as stored, for the ledger */
    sqlite3_stmt *set_ref, *find_ans, *issue;
    char *dropped[ZX_T_COUNT_]; /* CREATE INDEX statements dropped by bulk_begin, ';'-joined */
    char *ledger_dropped;       /* the ledger's (tbl, rid) index, rebuilt at commit */
    /* per table: may the ledger hash the values as bound (1), or must it read the row back
     * (-1; 0 not yet known); and each column's affinity ('I', 'R', 'T', '?') */
    signed char direct[ZX_T_COUNT_];
    char aff[ZX_T_COUNT_][NBIND];
    struct zx_ledger__state *lg; /* the chain of acts (ledger.h) */
    int seal_guard;              /* the sealed-record views are installed (seal.h) */
};

int *zx_store__seal_guard_flag(struct zx_store *st)
{
    return &st->seal_guard;
}

struct zx_ledger__state *zx_store__ledger(struct zx_store *st)
{
    return st->lg;
}

/* The ledger migration: a database that had rows before it gets one baseline entry each. */
#define LEDGER_VERSION 7
/* The migration that gives each dataset a unit: it rewrites every datasets row. */
#define DATASETS_UNIT_VERSION 14

/* After the datasets rebuild: one ledger entry per rewritten row, so that the ledger's
 * latest content for each row is its new form and `ledger verify` stays intact. */
static int ledger_rebuilt(struct zx_store *st, const char *tbl, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[96];
    int rc = ZX_OK, r;
    snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY id", tbl);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return zx_err_set(err, ZX_ESTORE, "%s: %s", tbl, sqlite3_errmsg(st->db));
    while (!rc && (r = sqlite3_step(s)) == SQLITE_ROW)
        rc = zx_ledger_record(st, tbl, sqlite3_column_int64(s, 0), "update", NULL, 0, 0,
                              ZX_DATE_NULL, err);
    sqlite3_finalize(s);
    return rc;
}

static int db_err(struct zx_store *st, struct zx_err *err, const char *what)
{
    return zx_err_set(err, ZX_ESTORE, "%s: %s", what, sqlite3_errmsg(st->db));
}

static int exec(struct zx_store *st, const char *sql, struct zx_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        zx_err_set(err, ZX_ESTORE, "database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return ZX_ESTORE;
    }
    return ZX_OK;
}

static int prepare(struct zx_store *st, sqlite3_stmt **s, const char *sql, struct zx_err *err)
{
    if (*s)
        return ZX_OK;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
        return db_err(st, err, "prepare");
    return ZX_OK;
}

int zx_store_schema_version(void)
{
    return zx_schema_version();
}

int zx_store_version(struct zx_store *st)
{
    sqlite3_stmt *s = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The vocab table mirrors model/vocab.c so that SQL readers (views, sqlite3 users) can
 * turn codes into text; refreshed at every open because the C tables may have grown. */
static int refresh_vocab(struct zx_store *st, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT OR REPLACE INTO vocab(vocab,value,code,label) VALUES(?,?,?,?)",
                           -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "vocab");
    for (int v = 0; v < ZX_V_COUNT_ && rc == ZX_OK; v++)
        for (int i = 1; i <= zx_vocab_count((enum zx_vocab)v); i++) {
            sqlite3_bind_text(s, 1, zx_vocab_name((enum zx_vocab)v), -1, SQLITE_STATIC);
            sqlite3_bind_int(s, 2, i);
            sqlite3_bind_text(s, 3, zx_vocab_code((enum zx_vocab)v, i), -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, zx_vocab_label((enum zx_vocab)v, i), -1, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE) {
                rc = db_err(st, err, "vocab");
                break;
            }
            sqlite3_reset(s);
        }
    sqlite3_finalize(s);
    return rc;
}

static int migrate(struct zx_store *st, struct zx_err *err)
{
    int have = zx_store_version(st), want = zx_schema_version();
    char sql[64];
    if (have < 0)
        return db_err(st, err, "cannot read schema version");
    if (have > want)
        return zx_err_set(err, ZX_ESCHEMA,
                          "database schema version %d is newer than this zhixiao (%d): "
                          "use a newer zhixiao",
                          have, want);
    if (exec(st, "BEGIN IMMEDIATE", err))
        return ZX_ESTORE;
    for (int v = have + 1; v <= want; v++) {
        if (exec(st, zx_schema_migration(v), err))
            goto fail;
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v);
        if (exec(st, sql, err))
            goto fail;
        if (v == LEDGER_VERSION && zx_ledger__baseline(st->lg, err))
            goto fail;
        if (v == DATASETS_UNIT_VERSION && ledger_rebuilt(st, "datasets", err))
            goto fail;
    }
    if (refresh_vocab(st, err) || exec(st, "COMMIT", err))
        goto fail;
    return ZX_OK;
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return err ? err->rc : ZX_ESTORE;
}

/* The page cache and temporary storage of an ordinary connection, and of a bulk import.
 * An import appends rows (its indexes are built once, at the end) and needs little cache;
 * its index builds sort tens of millions of keys, which in temp_store=MEMORY would all be
 * held in memory (1.1 GiB for the ledger of the large bundle): with temp_store=FILE the
 * sorter keeps one cache-sized run in memory per thread and spills the rest to files
 * (docs/import-memory.md). */
#define PRAGMAS_NORMAL "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;"
#define PRAGMAS_IMPORT "PRAGMA temp_store=FILE; PRAGMA cache_size=-32768;"
/* The ledger's index, built at commit when the importer has freed its maps, sorts in runs
 * of the cache's size: it gets 128 MiB runs. A table's indexes, built after each file, keep
 * 32 MiB: the pages a larger cache leaves in malloc's heap then stay resident through the
 * next file (100 MiB more at the end of events.csv, measured). */
#define PRAGMA_INDEX_CACHE "PRAGMA cache_size=-131072;"

int zx_store_open(const char *path, struct zx_store **out, struct zx_err *err)
{
    struct zx_store *st = calloc(1, sizeof *st);
    int rc;
    *out = NULL;
    if (!st)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (sqlite3_open_v2(path, &st->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = zx_err_set(err, ZX_ESTORE, "cannot open database '%s': %s", path,
                        st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(st->db, 5000);
    /* WAL: readers never block the writer and a crash mid-import leaves the last commit.
     * synchronous=NORMAL is durable across application crashes in WAL mode. */
    rc = exec(
        st,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;" PRAGMAS_NORMAL
        "PRAGMA threads=2;",
        err);
    if (rc)
        goto fail;
    rc = zx_ledger__new(st->db, &st->lg, err);
    if (rc)
        goto fail;
    rc = migrate(st, err);
    if (rc)
        goto fail;
    *out = st;
    return ZX_OK;
fail:
    zx_store_close(st);
    return rc;
}

void zx_store_close(struct zx_store *st)
{
    if (!st)
        return;
    if (st->in_tx)
        zx_store_rollback(st);
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        sqlite3_finalize(st->ins[t]);
        sqlite3_finalize(st->upd[t]);
        sqlite3_finalize(st->del[t]);
        sqlite3_finalize(st->hist[t]);
        sqlite3_finalize(st->sel[t]);
    }
    for (int t = 0; t < ZX_T_COUNT_; t++)
        sqlite3_free(st->dropped[t]);
    sqlite3_free(st->ledger_dropped);
    sqlite3_finalize(st->set_ref);
    sqlite3_finalize(st->find_ans);
    sqlite3_finalize(st->issue);
    zx_ledger__free(st->lg);
    sqlite3_close(st->db);
    free(st);
}

struct sqlite3 *zx_store_sqlite(struct zx_store *st)
{
    return st->db;
}

int zx_store_begin(struct zx_store *st, struct zx_err *err)
{
    if (exec(st, "BEGIN IMMEDIATE", err))
        return ZX_ESTORE;
    st->in_tx = 1;
    return ZX_OK;
}

/* The journal mode now in force ("wal", "truncate"…) into buf. */
static void journal_mode(struct zx_store *st, const char *set, char *buf, size_t size)
{
    sqlite3_stmt *s = NULL;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA journal_mode%s%s", set ? "=" : "", set ? set : "");
    buf[0] = '\0';
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

static void end_trusted(struct zx_store *st)
{
    char mode[16];
    if (st->trusted) {
        sqlite3_exec(st->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
        st->trusted = 0;
    }
    if (st->import_pragmas) {
        sqlite3_exec(st->db, PRAGMAS_NORMAL, NULL, NULL, NULL);
        st->import_pragmas = 0;
    }
    if (st->left_wal) {
        journal_mode(st, "WAL", mode, sizeof mode);
        st->left_wal = 0;
    }
}

int zx_store_begin_trusted(struct zx_store *st, struct zx_err *err)
{
    char mode[16];
    /* foreign_keys cannot change inside a transaction: switch it off first */
    if (exec(st, "PRAGMA foreign_keys=OFF", err))
        return ZX_ESTORE;
    st->trusted = 1;
    /* changing temp_store drops the connection's temporary objects: never under the seal
     * guard's views (an import runs with the guard down; this only keeps it safe) */
    if (!st->seal_guard) {
        if (exec(st, PRAGMAS_IMPORT, err)) {
            end_trusted(st);
            return ZX_ESTORE;
        }
        st->import_pragmas = 1;
    }
    /* A bulk write through the WAL writes every page twice (WAL, then checkpoint). When no
     * other connection has the database open, SQLite lets us leave WAL mode: the rollback
     * journal then saves only pages that existed before, and new pages are written once.
     * With readers present the switch is refused and the import goes through the WAL. */
    journal_mode(st, "TRUNCATE", mode, sizeof mode);
    st->left_wal = strcmp(mode, "truncate") == 0;
    if (zx_store_begin(st, err)) {
        end_trusted(st);
        return ZX_ESTORE;
    }
    return ZX_OK;
}

int zx_store_commit(struct zx_store *st, struct zx_err *err)
{
    /* a bulk load dropped the ledger's index: build it once, by sorting, before committing */
    if (st->ledger_dropped) {
        if (st->import_pragmas)
            sqlite3_exec(st->db, PRAGMA_INDEX_CACHE, NULL, NULL, NULL);
        int rc = exec(st, st->ledger_dropped, err);
        sqlite3_free(st->ledger_dropped);
        st->ledger_dropped = NULL;
        if (rc)
            return ZX_ESTORE;
    }
    if (exec(st, "COMMIT", err))
        return ZX_ESTORE;
    st->in_tx = 0;
    end_trusted(st);
    return ZX_OK;
}

int zx_store_read_begin(struct zx_store *st)
{
    if (st->in_tx || !sqlite3_get_autocommit(st->db))
        return 0;
    return sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK; /* deferred: a read */
}

void zx_store_read_end(struct zx_store *st, int began)
{
    if (began && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

void zx_store_rollback(struct zx_store *st)
{
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
    zx_ledger__set_import(st->lg, 0);
    end_trusted(st);
    /* the rollback brought back any index a bulk load had dropped */
    sqlite3_free(st->ledger_dropped);
    st->ledger_dropped = NULL;
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        sqlite3_free(st->dropped[t]);
        st->dropped[t] = NULL;
    }
}

static int64_t scalar(struct zx_store *st, const char *fmt, enum zx_table t)
{
    char sql[96];
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    snprintf(sql, sizeof sql, fmt, tables[t].name);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int64_t zx_store_count(struct zx_store *st, enum zx_table t)
{
    return scalar(st, "SELECT count(*) FROM main.%s", t);
}

int64_t zx_store_max_rid(struct zx_store *st, enum zx_table t)
{
    return scalar(st, "SELECT ifnull(max(id), 0) FROM main.%s", t);
}

int zx_store_each_id(struct zx_store *st, enum zx_table t, zx_store_row_cb cb, void *ud,
                     struct zx_err *err)
{
    char sql[160];
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, r;
    const char *aux = t == ZX_T_PERSONS ? "case_rid" : t == ZX_T_EVENTS ? "type" : "0";
    snprintf(sql, sizeof sql, "SELECT %s, id, row_hash, %s FROM %s", tables[t].xid, aux,
             tables[t].name);
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "read ids");
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        rc = cb(ud, (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0),
                sqlite3_column_int64(s, 1), (uint64_t)sqlite3_column_int64(s, 2),
                sqlite3_column_int64(s, 3));
        if (rc)
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_err(st, err, "read ids");
    sqlite3_finalize(s);
    return rc;
}

/* ---- binding rows ---- */

/* A statement being bound and, when v is set, the same values kept for the ledger: v[i] is
 * parameter i (1-based), so the row's content is hashed without reading it back. */
struct bind {
    sqlite3_stmt *s;
    struct zx_ledger__val *v;
};

static void b_keep(struct bind *b, int i, int type, int64_t x, double r, const char *p, size_t n)
{
    if (b->v && i < NBIND)
        b->v[i] = (struct zx_ledger__val){type, x, r, p, n};
}
static void b_null(struct bind *b, int i)
{
    sqlite3_bind_null(b->s, i);
    b_keep(b, i, SQLITE_NULL, 0, 0, NULL, 0);
}
static void b_i64(struct bind *b, int i, int64_t v)
{
    sqlite3_bind_int64(b->s, i, v);
    b_keep(b, i, SQLITE_INTEGER, v, 0, NULL, 0);
}
static void b_real(struct bind *b, int i, double v)
{
    sqlite3_bind_double(b->s, i, v);
    b_keep(b, i, SQLITE_FLOAT, 0, v, NULL, 0);
}
static void b_text(struct bind *b, int i, struct zx_text t)
{
    if (!t.p) {
        b_null(b, i);
        return;
    }
    sqlite3_bind_text(b->s, i, t.p, (int)t.n, SQLITE_STATIC); /* valid until the step */
    b_keep(b, i, SQLITE_TEXT, 0, 0, t.p, t.n);
}
static void b_code(struct bind *b, int i, int v)
{
    if (v)
        b_i64(b, i, v);
    else
        b_null(b, i);
}
static void b_rid(struct bind *b, int i, int64_t v)
{
    if (v)
        b_i64(b, i, v);
    else
        b_null(b, i);
}
static void b_date(struct bind *b, int i, int32_t d)
{
    if (d == ZX_DATE_NULL)
        b_null(b, i);
    else
        b_i64(b, i, d);
}
static void b_int(struct bind *b, int i, int64_t v)
{
    if (v == ZX_STORE_NULL_INT)
        b_null(b, i);
    else
        b_i64(b, i, v);
}
static void b_flag(struct bind *b, int i, int v)
{
    if (v < 0)
        b_null(b, i);
    else
        b_i64(b, i, v);
}

/* Bind row's columns at 1..n in the order of tables[t].cols and the hash at n+1.
 * Returns n+1. */
static int bind_row(struct bind *s, enum zx_table t, const void *row, uint64_t hash)
{
    int i = 1;
    switch (t) {
    case ZX_T_UNITS: {
        const struct zx_unit_row *r = row;
        b_text(s, i++, r->unit_id);
        b_text(s, i++, r->name);
        b_code(s, i++, r->level);
        b_rid(s, i++, r->parent);
        break;
    }
    case ZX_T_STAFF: {
        const struct zx_staff_row *r = row;
        b_text(s, i++, r->staff_id);
        b_rid(s, i++, r->unit);
        b_text(s, i++, r->name);
        b_text(s, i++, r->department);
        b_code(s, i++, r->role);
        b_flag(s, i++, r->is_leader);
        break;
    }
    case ZX_T_CASES: {
        const struct zx_case_row *r = row;
        b_text(s, i++, r->case_id);
        b_rid(s, i++, r->unit);
        b_text(s, i++, r->case_no);
        b_code(s, i++, r->line);
        b_code(s, i++, r->business);
        b_code(s, i++, r->kind);
        b_code(s, i++, r->source);
        b_text(s, i++, r->charge);
        b_date(s, i++, r->accepted_on);
        b_date(s, i++, r->closed_on);
        b_rid(s, i++, r->handler);
        b_flag(s, i++, r->complex);
        break;
    }
    case ZX_T_PERSONS: {
        const struct zx_person_row *r = row;
        b_text(s, i++, r->person_id);
        b_rid(s, i++, r->case_rid);
        b_code(s, i++, r->role);
        b_text(s, i++, r->name);
        b_text(s, i++, r->id_number);
        b_flag(s, i++, r->id_number.p ? r->id_flag : -1);
        b_code(s, i++, r->gender);
        b_date(s, i++, r->birth_date);
        break;
    }
    case ZX_T_EVENTS: {
        const struct zx_event_row *r = row;
        b_text(s, i++, r->event_id);
        b_rid(s, i++, r->case_rid);
        b_rid(s, i++, r->person);
        b_code(s, i++, r->type);
        b_date(s, i++, r->date);
        b_rid(s, i++, r->handler);
        b_rid(s, i++, r->decider);
        b_code(s, i++, r->result);
        b_rid(s, i++, r->ref);
        if (r->has_amount)
            b_real(s, i++, r->amount);
        else
            b_null(s, i++);
        b_text(s, i++, r->note);
        break;
    }
    case ZX_T_INSTITUTIONS: {
        const struct zx_institution_row *r = row;
        b_text(s, i++, r->institution_id);
        b_text(s, i++, r->name);
        b_code(s, i++, r->kind);
        b_rid(s, i++, r->unit);
        b_text(s, i++, r->region);
        break;
    }
    case ZX_T_CONVICTS: {
        const struct zx_convict_row *r = row;
        b_text(s, i++, r->convict_id);
        b_rid(s, i++, r->person);
        b_text(s, i++, r->name);
        b_text(s, i++, r->id_number);
        b_flag(s, i++, r->id_number.p ? r->id_flag : -1);
        b_date(s, i++, r->birth_date);
        b_rid(s, i++, r->institution);
        b_text(s, i++, r->charge);
        b_code(s, i++, r->sentence_kind);
        b_int(s, i++, r->term_months);
        b_date(s, i++, r->sentence_start);
        b_int(s, i++, r->pretrial_days);
        b_flag(s, i++, r->recidivist);
        b_flag(s, i++, r->violent_list);
        b_flag(s, i++, r->strict_category);
        b_flag(s, i++, r->duty_crime_2019);
        b_flag(s, i++, r->death_limited);
        b_flag(s, i++, r->property_unpaid);
        break;
    }
    case ZX_T_SENTENCE_CHANGES: {
        const struct zx_change_row *r = row;
        b_text(s, i++, r->change_id);
        b_rid(s, i++, r->convict);
        b_code(s, i++, r->kind);
        b_date(s, i++, r->proposed_on);
        b_date(s, i++, r->ruled_on);
        b_date(s, i++, r->served_on);
        b_code(s, i++, r->merit);
        b_int(s, i++, r->reduction_months);
        b_int(s, i++, r->new_term_months);
        b_code(s, i++, r->new_sentence_kind);
        b_code(s, i++, r->ground);
        b_text(s, i++, r->note);
        break;
    }
    case ZX_T_DOCUMENTS: {
        const struct zx_document_row *r = row;
        b_text(s, i++, r->document_id);
        b_rid(s, i++, r->case_rid);
        b_code(s, i++, r->kind);
        b_text(s, i++, r->charges);
        b_code(s, i++, r->sentence_kind);
        b_int(s, i++, r->term_months);
        b_int(s, i++, r->probation_months);
        b_date(s, i++, r->date);
        if (r->has_fine)
            b_real(s, i++, r->fine_yuan);
        else
            b_null(s, i++);
        b_text(s, i++, r->text);
        b_text(s, i++, r->facts);
        break;
    }
    case ZX_T_COUNT_:
        break;
    }
    b_i64(s, i, (int64_t)hash);
    return i;
}

static int ncols(enum zx_table t)
{
    int n = 1;
    for (const char *p = tables[t].cols; *p; p++)
        n += *p == ',';
    return n;
}

static int prep_ins(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    char sql[1024];
    int n = ncols(t), o;
    o = snprintf(sql, sizeof sql, "INSERT INTO main.%s(%s,row_hash,id) VALUES(?", tables[t].name,
                 tables[t].cols);
    for (int i = 1; i <= n + 1; i++)
        o += snprintf(sql + o, sizeof sql - (size_t)o, ",?");
    snprintf(sql + o, sizeof sql - (size_t)o, ")");
    return prepare(st, &st->ins[t], sql, err);
}

/* Step a write of row rid and append its ledger entry from the row as stored: read back by
 * rowid (a point lookup on a page just written; RETURNING costs more), so the writer
 * encodes exactly what the verifier's SELECT * will see. */
static int read_back(struct zx_store *st, enum zx_table t, int64_t rid, const char *op,
                     struct zx_err *err)
{
    int r, rc;
    sqlite3_bind_int64(st->sel[t], 1, rid);
    r = sqlite3_step(st->sel[t]);
    rc = r == SQLITE_ROW ? zx_ledger__append(st->lg, tables[t].name, rid, op, st->sel[t], NULL, err)
                         : db_err(st, err, "ledger: read back");
    sqlite3_reset(st->sel[t]);
    return rc;
}

static int prep_sel(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    char sql[96];
    if (st->sel[t])
        return ZX_OK;
    snprintf(sql, sizeof sql, "SELECT * FROM main.%s WHERE id=?", tables[t].name);
    return prepare(st, &st->sel[t], sql, err);
}

static char affinity(const char *decl)
{
    if (!decl)
        return '?';
    if (!strcasecmp(decl, "INTEGER"))
        return 'I';
    if (!strcasecmp(decl, "REAL"))
        return 'R';
    if (!strcasecmp(decl, "TEXT"))
        return 'T';
    return '?';
}

/* Whether SELECT * on table t gives id, then tables[t].cols in order, then row_hash: then
 * the values bound are the row's columns, in its order. Found once per table. */
static int direct_layout(struct zx_store *st, enum zx_table t, int nv)
{
    char cols[600];
    sqlite3_stmt *s = st->sel[t];
    int k = 1, ok;
    if (st->direct[t])
        return st->direct[t] > 0;
    snprintf(cols, sizeof cols, "%s", tables[t].cols);
    ok = nv <= NBIND && sqlite3_column_count(s) == nv && !strcmp(sqlite3_column_name(s, 0), "id") &&
         !strcmp(sqlite3_column_name(s, nv - 1), "row_hash");
    for (char *sv = NULL, *c = strtok_r(cols, ",", &sv); ok && c; c = strtok_r(NULL, ",", &sv))
        ok = k < nv - 1 && !strcmp(sqlite3_column_name(s, k++), c);
    ok = ok && k == nv - 1;
    for (int i = 0; ok && i < nv; i++)
        st->aff[t][i] = affinity(sqlite3_column_decltype(s, i));
    st->direct[t] = ok ? 1 : -1;
    return ok;
}

/* Whether SQLite stores each value as bound (no affinity conversion the hash would miss). */
static int stored_as_bound(const char *aff, const struct zx_ledger__val *v, int nv)
{
    const double big = 9007199254740992.0; /* 2^53: exact both as integer and as real */
    for (int i = 0; i < nv; i++) {
        switch (v[i].type) {
        case SQLITE_NULL:
            break;
        case SQLITE_INTEGER:
            if (!(aff[i] == 'I' || (aff[i] == 'R' && v[i].i > -big && v[i].i < big)))
                return 0;
            break;
        case SQLITE_FLOAT:
            if (!(aff[i] == 'R' || (aff[i] == 'I' && v[i].r > -big && v[i].r < big)))
                return 0;
            break;
        case SQLITE_TEXT:
            if (aff[i] != 'T')
                return 0;
            break;
        default:
            return 0;
        }
    }
    return 1;
}

/* Step the write of row rid bound through b (values v[1..nv-2], v[nv-1] the row hash) and
 * append its ledger entry. The values as bound are what SELECT * will return when the table
 * has the expected layout and no value is converted by a column's affinity; otherwise the
 * row is read back by rowid. */
static int step_ledgered(struct zx_store *st, sqlite3_stmt *s, enum zx_table t, int64_t rid,
                         const char *op, struct zx_ledger__val *v, int nv, struct zx_err *err)
{
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    if (r != SQLITE_DONE)
        return db_err(st, err, tables[t].name);
    if (prep_sel(st, t, err))
        return ZX_ESTORE;
    if (v && sqlite3_changes(st->db) == 1 && direct_layout(st, t, nv)) {
        v[0] = (struct zx_ledger__val){SQLITE_INTEGER, rid, 0, NULL, 0};
        if (stored_as_bound(st->aff[t], v, nv))
            return zx_ledger__append_vals(st->lg, tables[t].name, rid, op, st->sel[t], v, nv, err);
    }
    return read_back(st, t, rid, op, err);
}

int zx_store_insert(struct zx_store *st, enum zx_table t, const void *row, uint64_t hash,
                    int64_t rid, struct zx_err *err)
{
    if (!st->ins[t] && prep_ins(st, t, err))
        return ZX_ESTORE;
    struct zx_ledger__val v[NBIND];
    struct bind b = {st->ins[t], v};
    int n = bind_row(&b, t, row, hash);
    sqlite3_bind_int64(b.s, n + 1, rid);
    return step_ledgered(st, b.s, t, rid, "insert", v, n + 1, err);
}

/* History keeps the whole old row as JSON: json_object('col', col, …). */
static int prep_hist(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    char sql[2048], cols[600];
    int o;
    snprintf(cols, sizeof cols, "%s", tables[t].cols);
    o = snprintf(sql, sizeof sql,
                 "INSERT INTO history(import_rid,tbl,xid,old_row,changed_at) "
                 "SELECT ?1,'%s',%s,json_object(",
                 tables[t].name, tables[t].xid);
    int first = 1;
    for (char *sv = NULL, *c = strtok_r(cols, ",", &sv); c; c = strtok_r(NULL, ",", &sv)) {
        o += snprintf(sql + o, sizeof sql - (size_t)o, "%s'%s',%s", first ? "" : ",", c, c);
        first = 0;
    }
    snprintf(sql + o, sizeof sql - (size_t)o,
             "),strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now') FROM main.%s WHERE id=?2",
             tables[t].name);
    return prepare(st, &st->hist[t], sql, err);
}

static int prep_upd(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    char sql[1024], cols[600];
    int o, i = 1;
    snprintf(cols, sizeof cols, "%s", tables[t].cols);
    o = snprintf(sql, sizeof sql, "UPDATE main.%s SET ", tables[t].name);
    for (char *sv = NULL, *c = strtok_r(cols, ",", &sv); c; c = strtok_r(NULL, ",", &sv))
        o += snprintf(sql + o, sizeof sql - (size_t)o, "%s=?%d,", c, i++);
    snprintf(sql + o, sizeof sql - (size_t)o, "row_hash=?%d WHERE id=?%d", i, i + 1);
    return prepare(st, &st->upd[t], sql, err);
}

int zx_store_update(struct zx_store *st, enum zx_table t, int64_t rid, const void *row,
                    uint64_t hash, int64_t import_id, struct zx_err *err)
{
    if ((!st->hist[t] && prep_hist(st, t, err)) || (!st->upd[t] && prep_upd(st, t, err)))
        return ZX_ESTORE;
    sqlite3_stmt *h = st->hist[t], *u = st->upd[t];
    sqlite3_bind_int64(h, 1, import_id);
    sqlite3_bind_int64(h, 2, rid);
    int r = sqlite3_step(h);
    sqlite3_reset(h);
    if (r != SQLITE_DONE)
        return db_err(st, err, "history");
    struct zx_ledger__val v[NBIND];
    struct bind b = {u, v};
    int n = bind_row(&b, t, row, hash);
    sqlite3_bind_int64(u, n + 1, rid);
    return step_ledgered(st, u, t, rid, "update", v, n + 1, err);
}

int zx_store_delete(struct zx_store *st, enum zx_table t, int64_t rid, struct zx_err *err)
{
    char sql[128], xid[256];
    int rc = ZX_OK;
    snprintf(sql, sizeof sql, "DELETE FROM main.%s WHERE id=? RETURNING %s", tables[t].name,
             tables[t].xid);
    if (prepare(st, &st->del[t], sql, err))
        return ZX_ESTORE;
    sqlite3_bind_int64(st->del[t], 1, rid);
    int r = sqlite3_step(st->del[t]);
    if (r == SQLITE_ROW) {
        snprintf(xid, sizeof xid, "%s", (const char *)sqlite3_column_text(st->del[t], 0));
        rc = zx_ledger__append(st->lg, tables[t].name, rid, "delete", NULL, xid, err);
        r = sqlite3_step(st->del[t]);
    }
    sqlite3_reset(st->del[t]);
    if (rc)
        return rc;
    return r == SQLITE_DONE ? ZX_OK : db_err(st, err, "delete");
}

int zx_store_set_event_ref(struct zx_store *st, int64_t rid, int64_t ref, struct zx_err *err)
{
    if (prepare(st, &st->set_ref, "UPDATE main.events SET ref_rid=? WHERE id=?", err))
        return ZX_ESTORE;
    sqlite3_bind_int64(st->set_ref, 1, ref);
    sqlite3_bind_int64(st->set_ref, 2, rid);
    return step_ledgered(st, st->set_ref, ZX_T_EVENTS, rid, "update", NULL, 0, err);
}

int zx_store_find_answered(struct zx_store *st, int64_t case_rid, int64_t person, uint64_t types,
                           int32_t date, int64_t rid, int64_t *found, char *xid, size_t xid_size,
                           struct zx_err *err)
{
    /* (date, id) < (?4, ?5): strictly earlier by date, then by file order */
    if (prepare(st, &st->find_ans,
                "SELECT id, event_id FROM events WHERE case_rid=?1 AND (?2=0 OR person_rid=?2)"
                " AND ((?3>>type)&1)=1 AND (date<?4 OR (date=?4 AND id<?5))"
                " ORDER BY date DESC, id DESC LIMIT 1",
                err))
        return ZX_ESTORE;
    sqlite3_stmt *s = st->find_ans;
    sqlite3_bind_int64(s, 1, case_rid);
    sqlite3_bind_int64(s, 2, person);
    sqlite3_bind_int64(s, 3, (int64_t)types);
    sqlite3_bind_int(s, 4, date);
    sqlite3_bind_int64(s, 5, rid);
    int r = sqlite3_step(s);
    *found = 0;
    if (xid_size)
        xid[0] = '\0';
    if (r == SQLITE_ROW) {
        *found = sqlite3_column_int64(s, 0);
        if (xid_size)
            snprintf(xid, xid_size, "%s", (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    return r == SQLITE_ROW || r == SQLITE_DONE ? ZX_OK : db_err(st, err, "find answered event");
}

int zx_store_import_start(struct zx_store *st, const char *bundle, int64_t *import_id,
                          struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO imports(bundle,started_at) VALUES(?,"
                           "strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                           -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "import log");
    sqlite3_bind_text(s, 1, bundle, -1, SQLITE_STATIC);
    int r = sqlite3_step(s);
    sqlite3_finalize(s);
    if (r != SQLITE_DONE)
        return db_err(st, err, "import log");
    *import_id = sqlite3_last_insert_rowid(st->db);
    zx_ledger__set_import(st->lg, *import_id); /* the acts that follow are this import's */
    return ZX_OK;
}

int zx_store_import_finish(struct zx_store *st, int64_t import_id, int64_t rows_read,
                           int64_t imported, int64_t rejected, int64_t warnings, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE imports SET finished_at=strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                           "rows_read=?,imported=?,rejected=?,warnings=? WHERE id=?",
                           -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "import log");
    sqlite3_bind_int64(s, 1, rows_read);
    sqlite3_bind_int64(s, 2, imported);
    sqlite3_bind_int64(s, 3, rejected);
    sqlite3_bind_int64(s, 4, warnings);
    sqlite3_bind_int64(s, 5, import_id);
    int r = sqlite3_step(s);
    sqlite3_finalize(s);
    zx_ledger__set_import(st->lg, 0);
    return r == SQLITE_DONE ? ZX_OK : db_err(st, err, "import log");
}

int zx_store_import_issue(struct zx_store *st, int64_t import_id, const char *file, long line,
                          const char *column, const char *outcome, const char *reason,
                          const char *reason_zh, const char *raw, size_t raw_len,
                          struct zx_err *err)
{
    if (prepare(st, &st->issue,
                "INSERT INTO main.import_issues(import_rid,file,line,col,outcome,reason,raw,"
                "reason_zh) VALUES(?,?,?,?,?,?,?,?)",
                err))
        return ZX_ESTORE;
    sqlite3_stmt *s = st->issue;
    sqlite3_bind_int64(s, 1, import_id);
    sqlite3_bind_text(s, 2, file, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, line);
    if (column)
        sqlite3_bind_text(s, 4, column, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 4);
    sqlite3_bind_text(s, 5, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, reason, -1, SQLITE_STATIC);
    /* raw may hold invalid UTF-8: keep the bytes as a blob-typed text of fixed length */
    if (raw)
        sqlite3_bind_blob(s, 7, raw, (int)raw_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 7);
    if (reason_zh)
        sqlite3_bind_text(s, 8, reason_zh, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 8);
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    return r == SQLITE_DONE ? ZX_OK : db_err(st, err, "import issue");
}

int zx_store_query(struct zx_store *st, const char *sql, zx_store_sql_cb cb, void *ud,
                   struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, r;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "query");
    int n = sqlite3_column_count(s);
    const char *vals[64], *names[64];
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++)
        names[i] = sqlite3_column_name(s, i);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++)
            vals[i] = (const char *)sqlite3_column_text(s, i);
        rc = cb(ud, n, vals, names);
        if (rc)
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = db_err(st, err, "query");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_bulk_begin(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char *create = NULL, *drop = NULL;
    int rc = ZX_OK;
    if (st->dropped[t] || zx_store_count(st, t) != 0)
        return ZX_OK;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT name, sql FROM sqlite_schema WHERE type='index' AND tbl_name=?"
                           " AND sql IS NOT NULL",
                           -1, &s, NULL) != SQLITE_OK)
        return db_err(st, err, "bulk load");
    /* the ledger gets an entry per row loaded: its index too is rebuilt once, at commit
     * (zx_store_commit; nothing reads the ledger by (tbl, rid) during an import) */
    if (st->trusted && !st->ledger_dropped) {
        sqlite3_bind_text(s, 1, "ledger", -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            char *c = sqlite3_mprintf("%z%s;", create, (const char *)sqlite3_column_text(s, 1));
            char *d = sqlite3_mprintf("%zDROP INDEX \"%w\";", drop,
                                      (const char *)sqlite3_column_text(s, 0));
            create = c;
            drop = d;
            if (!c || !d) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
        }
        sqlite3_reset(s);
        if (drop && (rc = exec(st, drop, err)) != ZX_OK)
            goto cleanup;
        st->ledger_dropped = create;
        create = NULL;
        sqlite3_free(drop);
        drop = NULL;
    }
    sqlite3_bind_text(s, 1, tables[t].name, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char *c = sqlite3_mprintf("%z%s;", create, (const char *)sqlite3_column_text(s, 1));
        char *d =
            sqlite3_mprintf("%zDROP INDEX \"%w\";", drop, (const char *)sqlite3_column_text(s, 0));
        create = c;
        drop = d;
        if (!c || !d) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (drop && (rc = exec(st, drop, err)) != ZX_OK)
        goto cleanup;
    st->dropped[t] = create;
    create = NULL;
cleanup:
    sqlite3_finalize(s);
    sqlite3_free(create);
    sqlite3_free(drop);
    return rc;
}

int zx_store_bulk_end(struct zx_store *st, enum zx_table t, struct zx_err *err)
{
    int rc = ZX_OK;
    if (st->dropped[t]) {
        rc = exec(st, st->dropped[t], err);
        sqlite3_free(st->dropped[t]);
        st->dropped[t] = NULL;
    }
    return rc;
}

/* ---- caches derived from the database ---- */

char *zx_store_cache_path(struct zx_store *st, const char *suffix)
{
    sqlite3 *db = st->db;
    const char *env = getenv("ZHIXIAO_SNAPSHOT");
    if (env && !strcmp(env, "0"))
        return NULL;
    const char *f = sqlite3_db_filename(db, "main");
    if (!f || !*f)
        return NULL;
    size_t n = strlen(f) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", f, suffix);
    return p;
}

int zx_store_data_key(struct zx_store *st, const char *const *names, int ntables, char *key,
                      size_t size, struct zx_err *err)
{
    sqlite3 *db = st->db;
    static const char head[] =
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM imports), (SELECT coalesce(max(id), 0) FROM imports),"
        " (SELECT coalesce(max(finished_at), '') FROM imports)";
    char sql[1024];
    size_t at = strlen(head);
    sqlite3_stmt *s = NULL;
    int rc = ZX_ELIMIT;
    if (ntables < 0 || ntables > 16)
        return zx_err_set(err, ZX_EINVAL, "data key: %d tables", ntables);
    memcpy(sql, head, at + 1);
    for (int t = 0; t < ntables; t++) {
        int n = snprintf(sql + at, sizeof sql - at, ", (SELECT coalesce(max(id), 0) FROM \"%s\")",
                         names[t]);
        if (n < 0 || (size_t)n >= sizeof sql - at)
            return zx_err_set(err, ZX_ELIMIT, "data key: table names too long");
        at += (size_t)n;
    }
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        const unsigned char *fin = sqlite3_column_text(s, 3);
        int n = snprintf(key, size, "v%lld i%lld/%lld/%s", (long long)sqlite3_column_int64(s, 0),
                         (long long)sqlite3_column_int64(s, 1),
                         (long long)sqlite3_column_int64(s, 2), fin ? (const char *)fin : "");
        size_t k = n > 0 ? (size_t)n : size;
        for (int t = 0; t < ntables && k < size; t++) {
            n = snprintf(key + k, size - k, " %s=%lld", names[t],
                         (long long)sqlite3_column_int64(s, 4 + t));
            k = n > 0 ? k + (size_t)n : size;
        }
        rc = k < size && k < ZX_STORE_KEY_MAX ? ZX_OK
                                              : zx_err_set(err, ZX_ELIMIT, "data key too long");
    } else {
        rc = zx_err_set(err, ZX_ESTORE, "data key: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(s);
    return rc;
}
