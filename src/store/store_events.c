/* store_events.c — events written by the workflows (inspections, suggestions, hearings)
 * rather than by an import (store.h: zx_store_put_event). */
#include "store/sql.h"
#include "store/store.h"

#include <sqlite3.h>
#include <string.h>

uint64_t zx_store_workflow_hash(const char *xid, int type, int32_t date, int64_t ref)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)xid; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    int64_t v[3] = {type, date, ref};
    const unsigned char *b = (const unsigned char *)v;
    for (size_t i = 0; i < sizeof v; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static int64_t one_rid(struct zx_store *st, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *q = NULL;
    int64_t rid = 0;
    if (zx_store__prep(st, sql, &q, NULL))
        return 0;
    sqlite3_bind_text(q, 1, a, -1, SQLITE_TRANSIENT);
    if (b)
        sqlite3_bind_text(q, 2, b, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_ROW)
        rid = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rid;
}

int64_t zx_store_event_rid(struct zx_store *st, const char *case_id, const char *xid)
{
    /* events have no index on event_id: go through the case */
    return one_rid(st,
                   "SELECT e.id FROM events e WHERE e.case_rid = (SELECT id FROM cases WHERE"
                   " case_id = ?1) AND e.event_id = ?2",
                   case_id, xid);
}

int zx_store_put_event(struct zx_store *st, const char *xid, const char *case_id, int type,
                       int result, int32_t date, const char *handler_id, int64_t ref,
                       const char *note, int64_t *rid, struct zx_err *err)
{
    struct zx_event_row e = {
        .event_id = {xid, strlen(xid)},
        .note = {note && *note ? note : NULL, note ? strlen(note) : 0},
        .case_rid = one_rid(st, "SELECT id FROM cases WHERE case_id = ?", case_id, NULL),
        .handler = handler_id && *handler_id
                       ? one_rid(st, "SELECT id FROM staff WHERE staff_id = ?", handler_id, NULL)
                       : 0,
        .ref = ref,
        .type = type,
        .result = result,
        .date = date,
    };
    if (!e.case_rid)
        return zx_store__not_found(err, "case", case_id, 1);
    if (zx_store_event_rid(st, case_id, xid))
        return zx_err_set(err, ZX_EINVAL, "event '%s' exists already", xid);
    int64_t r = zx_store_max_rid(st, ZX_T_EVENTS) + 1;
    int rc =
        zx_store_insert(st, ZX_T_EVENTS, &e, zx_store_workflow_hash(xid, type, date, ref), r, err);
    if (!rc && rid)
        *rid = r;
    return rc;
}
