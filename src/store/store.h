/* store.h — the platform's database, behind one interface.
 *
 * The domain code (ingest, metrics, …) talks only to this header and the store's other headers
 * (views.h holds the cross-table read views of the web pages); store_sqlite.c is the
 * embedded default (SQLite, WAL, foreign keys on). A server database can be added as another
 * implementation of the same functions. Rows have an internal integer id (`rid`) and the
 * external id of the data contract (`xid`); references between rows use rids. Dates are
 * day numbers (util/date.h, ZX_DATE_NULL = null), codes are vocabulary values (model/vocab.h,
 * 0 = null), 0/1 flags use -1 for null, integers use ZX_STORE_NULL_INT for null.
 *
 * Depends on util, model. The schema is described in docs/data-model.md. */
#ifndef ZX_STORE_STORE_H
#define ZX_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define ZX_STORE_NULL_INT INT64_MIN

struct zx_store; /* opaque */

/* The tables that hold contract rows, in import order (parents before children). */
enum zx_table {
    ZX_T_UNITS,
    ZX_T_STAFF,
    ZX_T_CASES,
    ZX_T_PERSONS,
    ZX_T_EVENTS,
    ZX_T_INSTITUTIONS,
    ZX_T_CONVICTS,
    ZX_T_SENTENCE_CHANGES,
    ZX_T_DOCUMENTS, /* documents.csv (similar-cases.md §1), optional */
    ZX_T_COUNT_
};

/* Text fields are (pointer, length) pairs so that rows can point into a parsed CSV buffer;
 * p == NULL means null. Borrowed: the store copies what it keeps. */
struct zx_text {
    const char *p;
    size_t n;
};

struct zx_unit_row {
    struct zx_text unit_id, name;
    int level;
    int64_t parent; /* rid, 0 for the root */
};
struct zx_staff_row {
    struct zx_text staff_id, name, department;
    int64_t unit;
    int role, is_leader;
};
struct zx_case_row {
    struct zx_text case_id, case_no, charge;
    int64_t unit, handler;
    int line, business, kind, source, complex;
    int32_t accepted_on, closed_on;
};
struct zx_person_row {
    struct zx_text person_id, name, id_number;
    int64_t case_rid;
    int role, gender;
    int32_t birth_date;
    int id_flag; /* 0 ok, 1 converted from 15 digits, 2 bad check digit */
};
struct zx_event_row {
    struct zx_text event_id, note;
    int64_t case_rid, person, handler, decider, ref; /* 0 = null */
    int type, result;
    int32_t date;
    double amount;
    int has_amount;
};
struct zx_institution_row {
    struct zx_text institution_id, name, region;
    int kind;
    int64_t unit;
};
struct zx_convict_row {
    struct zx_text convict_id, name, id_number, charge;
    int64_t person, institution;
    int32_t birth_date, sentence_start;
    int sentence_kind, id_flag;
    int64_t term_months, pretrial_days; /* ZX_STORE_NULL_INT when empty */
    int recidivist, violent_list, strict_category, duty_crime_2019, death_limited, property_unpaid;
};
struct zx_change_row {
    struct zx_text change_id, note;
    int64_t convict;
    int kind, merit, new_sentence_kind, ground;
    int32_t proposed_on, ruled_on, served_on;
    int64_t reduction_months, new_term_months; /* ZX_STORE_NULL_INT when empty */
};

struct zx_document_row {
    struct zx_text document_id, charges, facts, text; /* charges: ';'-separated, main first */
    int64_t case_rid;                                 /* 0 = null */
    int kind, sentence_kind;                          /* doc_kind, doc_sentence_kind */
    int64_t term_months, probation_months;            /* ZX_STORE_NULL_INT when empty */
    int32_t date;
    double fine_yuan;
    int has_fine;
};

/* Open (creating if needed) the database at path and migrate it to the current schema.
 * A database made by a newer Zhixiao is refused with ZX_ESCHEMA. Caller owns *out; close
 * with zx_store_close(). */
int zx_store_open(const char *path, struct zx_store **out, struct zx_err *err) ZX_MUST_CHECK;

/* NULL-safe. An open transaction is rolled back. */
void zx_store_close(struct zx_store *st);

/* Schema version of the open database (equals zx_store_schema_version() after open). */
int zx_store_version(struct zx_store *st);
int zx_store_schema_version(void);

/* One transaction: everything between begin and commit lands whole or not at all. */
int zx_store_begin(struct zx_store *st, struct zx_err *err) ZX_MUST_CHECK;
/* Like zx_store_begin, for a writer that checks every reference itself (the importer
 * resolves each one through its id maps before it writes): the store skips its own
 * per-row foreign-key checks until commit or rollback. */
int zx_store_begin_trusted(struct zx_store *st, struct zx_err *err) ZX_MUST_CHECK;
int zx_store_commit(struct zx_store *st, struct zx_err *err) ZX_MUST_CHECK;
void zx_store_rollback(struct zx_store *st);

/* A read snapshot around a series of reads (a page of lookups): they see one state of the
 * database, and other connections' writes in between do not reset this connection's page
 * cache before each statement. Returns 1 when it began a read transaction, 0 when one is
 * open already or BEGIN failed (the reads then run one transaction each, as without it);
 * pass that to zx_store_read_end, which ends what was begun. */
int zx_store_read_begin(struct zx_store *st);
void zx_store_read_end(struct zx_store *st, int began);

/* Called once per existing row of table t with its xid, rid and content hash, and, for
 * persons, its case rid in aux (events: type in aux; others: 0). Stops early when cb
 * returns non-zero and returns that value. */
typedef int (*zx_store_row_cb)(void *ud, const char *xid, size_t xid_len, int64_t rid,
                               uint64_t hash, int64_t aux);
int zx_store_each_id(struct zx_store *st, enum zx_table t, zx_store_row_cb cb, void *ud,
                     struct zx_err *err) ZX_MUST_CHECK;

/* Rows in table t. */
int64_t zx_store_count(struct zx_store *st, enum zx_table t);

/* Largest row id in table t (0 when empty): new rows take ids above it. */
int64_t zx_store_max_rid(struct zx_store *st, enum zx_table t);

/* Insert a row (row points at the struct for table t) with its content hash under row id
 * rid, which the caller allocates above zx_store_max_rid() (so a writer can hand out ids
 * before the rows reach the store). */
int zx_store_insert(struct zx_store *st, enum zx_table t, const void *row, uint64_t hash,
                    int64_t rid, struct zx_err *err) ZX_MUST_CHECK;

/* Replace row rid of table t by row, keeping the old content in the history table under
 * import import_id. */
int zx_store_update(struct zx_store *st, enum zx_table t, int64_t rid, const void *row,
                    uint64_t hash, int64_t import_id, struct zx_err *err) ZX_MUST_CHECK;

/* Delete row rid of table t (used to take back a row whose reference failed later in the
 * same file, inside the import transaction). */
int zx_store_delete(struct zx_store *st, enum zx_table t, int64_t rid,
                    struct zx_err *err) ZX_MUST_CHECK;

/* The content hash of a row written by a workflow rather than an import (cases and events
 * that inspections, suggestions and leads create): FNV-1a of (xid, type, date, ref). These
 * rows never come from a bundle, so it only has to be stable. */
uint64_t zx_store_workflow_hash(const char *xid, int type, int32_t date, int64_t ref);

/* A case-level event written by a workflow rather than an import (store_events.c): event xid
 * of case case_id, of type and result (vocabulary values, 0 = none) on date, handled by staff
 * handler_id (NULL or "": none), answering event rid ref (0: none), with note. Its content hash
 * is a stable FNV-1a of (xid, type, date, ref). ZX_ENOTFOUND when the case is missing,
 * ZX_EINVAL when the case has an event xid already. *rid (may be NULL) gets the row id. Call
 * inside a transaction. */
int zx_store_put_event(struct zx_store *st, const char *xid, const char *case_id, int type,
                       int result, int32_t date, const char *handler_id, int64_t ref,
                       const char *note, int64_t *rid, struct zx_err *err) ZX_MUST_CHECK;
/* The rid of event xid of case case_id, or 0 (found through the case's index). */
int64_t zx_store_event_rid(struct zx_store *st, const char *case_id, const char *xid);

/* Set events.ref of event rid. */
int zx_store_set_event_ref(struct zx_store *st, int64_t rid, int64_t ref,
                           struct zx_err *err) ZX_MUST_CHECK;

/* The latest event strictly before (date, rid) in case case_rid — and of person person when
 * person != 0 — whose type is in the bit mask types. *found = its rid or 0; its event_id is
 * written NUL-terminated into xid (xid_size bytes, truncated). */
int zx_store_find_answered(struct zx_store *st, int64_t case_rid, int64_t person, uint64_t types,
                           int32_t date, int64_t rid, int64_t *found, char *xid, size_t xid_size,
                           struct zx_err *err) ZX_MUST_CHECK;

/* Bulk load of table t inside a transaction: bulk_begin drops the table's indexes (when
 * the table is empty, where rebuilding them by sorting beats updating them row by row),
 * bulk_end recreates exactly what was dropped. Lookups by index are slow in between. */
int zx_store_bulk_begin(struct zx_store *st, enum zx_table t, struct zx_err *err) ZX_MUST_CHECK;
int zx_store_bulk_end(struct zx_store *st, enum zx_table t, struct zx_err *err) ZX_MUST_CHECK;

/* Import log. Start: *import_id gets the new import's id. */
int zx_store_import_start(struct zx_store *st, const char *bundle, int64_t *import_id,
                          struct zx_err *err) ZX_MUST_CHECK;
int zx_store_import_finish(struct zx_store *st, int64_t import_id, int64_t rows_read,
                           int64_t imported, int64_t rejected, int64_t warnings,
                           struct zx_err *err) ZX_MUST_CHECK;
/* Record one rejected or warned row of an import (outcome "rejected" or "warning"), its
 * reason in English and in Chinese. */
int zx_store_import_issue(struct zx_store *st, int64_t import_id, const char *file, long line,
                          const char *column, const char *outcome, const char *reason,
                          const char *reason_zh, const char *raw, size_t raw_len,
                          struct zx_err *err) ZX_MUST_CHECK;

/* Small reads of the contract tables (store_lookup.c). */

/* The latest event date on or before to (*as_of = ZX_DATE_NULL when there is none): how far
 * the data of a period reaches. */
int zx_store_events_as_of(struct zx_store *st, int32_t to, int32_t *as_of,
                          struct zx_err *err) ZX_MUST_CHECK;
/* The unit_id of a unit without a parent (the tree's root) into out (size bytes, truncated),
 * "" when there are no units. */
int zx_store_root_unit(struct zx_store *st, char *out, size_t size,
                       struct zx_err *err) ZX_MUST_CHECK;
/* Every unit in unit_id order with its name (NULL when empty); borrowed during the call.
 * Stops when cb returns non-zero and returns that value. */
typedef int (*zx_store_unit_cb)(void *ud, const char *unit_id, const char *name);
int zx_store_each_unit(struct zx_store *st, zx_store_unit_cb cb, void *ud,
                       struct zx_err *err) ZX_MUST_CHECK;
/* The name of staff member staff_id into out (size bytes, truncated): *found = 1, or 0 (out
 * untouched) when there is no such staff member or the name is empty. */
int zx_store_staff_name(struct zx_store *st, const char *staff_id, char *out, size_t size,
                        int *found, struct zx_err *err) ZX_MUST_CHECK;

/* Run read-only SQL and call cb per row with its text columns (for the store's own modules
 * and tests; domain code asks for what it needs through a named function instead, and
 * scripts/check-deps.py fails on a call outside src/store/). NULL columns come as NULL. */
typedef int (*zx_store_sql_cb)(void *ud, int ncol, const char *const *vals,
                               const char *const *names);
int zx_store_query(struct zx_store *st, const char *sql, zx_store_sql_cb cb, void *ud,
                   struct zx_err *err) ZX_MUST_CHECK;

/* Where a cache derived from this database lives: the database's path + suffix
 * ("FILE.zxcol"), or NULL for an in-memory database or when ZHIXIAO_SNAPSHOT=0 turns the
 * caches off. Caller owns the result; free with free(). */
char *zx_store_cache_path(struct zx_store *st, const char *suffix);

/* A text that changes whenever the rows of the named tables may have changed: the schema
 * version, the import log (count, last id, last finish time) and each table's largest row
 * id — every change to case data goes through a logged import. ZX_ESTORE when the
 * database failed, ZX_ELIMIT when the key does not fit in size bytes (or ZX_STORE_KEY_MAX). */
#define ZX_STORE_KEY_MAX 512
int zx_store_data_key(struct zx_store *st, const char *const *names, int ntables, char *key,
                      size_t size, struct zx_err *err) ZX_MUST_CHECK;

/* The SQLite handle, for the bulk column loaders only (metrics/load.c, execution/load.c):
 * scripts/check-deps.py fails on any other use outside src/store/. Borrowed. */
struct sqlite3 *zx_store_sqlite(struct zx_store *st);

#endif
