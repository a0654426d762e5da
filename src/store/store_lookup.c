/* store_lookup.c — small reads of the contract tables declared in store.h (the data's date,
 * the root unit, the unit list, a staff member's name), for the CLI, the web and the
 * importer. */
#include "store/sql.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>

int zx_store_events_as_of(struct zx_store *st, int32_t to, int32_t *as_of, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *as_of = ZX_DATE_NULL;
    int rc = zx_store__prep(st, "SELECT max(date) FROM events WHERE date <= ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, to);
    if (sqlite3_step(s) == SQLITE_ROW)
        *as_of = zx_store__col_date(s, 0);
    else
        rc = zx_store__db_err(st, err, "reading the latest event date");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_root_unit(struct zx_store *st, char *out, size_t size, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT unit_id FROM units WHERE parent_rid IS NULL LIMIT 1", &s,
                            err),
        src;
    if (size)
        out[0] = '\0';
    if (rc)
        return rc;
    if ((src = sqlite3_step(s)) == SQLITE_ROW)
        zx_store__col_text(s, 0, out, size);
    else if (src != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "reading the root unit");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_each_unit(struct zx_store *st, zx_store_unit_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int src = SQLITE_DONE;
    int rc = zx_store__prep(st, "SELECT unit_id, name FROM units ORDER BY unit_id", &s, err);
    while (rc == ZX_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
        rc = cb(ud, (const char *)sqlite3_column_text(s, 0),
                (const char *)sqlite3_column_text(s, 1));
    if (rc == ZX_OK && src != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "reading the units");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_staff_name(struct zx_store *st, const char *staff_id, char *out, size_t size,
                        int *found, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int src;
    *found = 0;
    int rc = zx_store__prep(st, "SELECT name FROM staff WHERE staff_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, staff_id, -1, SQLITE_TRANSIENT);
    if ((src = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        if (name && *name) {
            snprintf(out, size, "%s", name);
            *found = 1;
        }
    } else if (src != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "reading a staff member");
    sqlite3_finalize(s);
    return rc;
}
