/* store_cases.c — short case descriptions by rid, the dates the data spans (cases.h). */
#include "store/cases.h"
#include "store/sql.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zx_store_case_briefs(struct zx_store *st, const int64_t *rids, size_t n, zx_case_brief_cb cb,
                         void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_case_brief b;
    int rc = zx_store__prep(st,
                            "SELECT c.case_id, c.case_no, u.unit_id, u.name, c.charge,"
                            " c.accepted_on, c.closed_on FROM cases c"
                            " JOIN units u ON u.id = c.unit_rid WHERE c.id = ?",
                            &s, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            continue;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "cases");
            goto cleanup;
        }
        memset(&b, 0, sizeof b);
        zx_store__col_text(s, 0, b.case_id, sizeof b.case_id);
        zx_store__col_text(s, 1, b.case_no, sizeof b.case_no);
        zx_store__col_text(s, 2, b.unit_id, sizeof b.unit_id);
        zx_store__col_text(s, 3, b.unit_name, sizeof b.unit_name);
        zx_store__col_text(s, 4, b.charge, sizeof b.charge);
        b.accepted_on = zx_store__col_date(s, 5);
        b.closed_on = zx_store__col_date(s, 6);
        if (cb(ud, &b))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_store_case_date_range(struct zx_store *st, int32_t *first, int32_t *last, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *first = *last = ZX_DATE_NULL;
    int rc = zx_store__prep(st,
                            "SELECT min(accepted_on), max(max(coalesce(closed_on, 0)), "
                            "max(accepted_on)) FROM cases",
                            &s, err);
    if (rc)
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = zx_store__db_err(st, err, "cases");
        goto cleanup;
    }
    *first = zx_store__col_date(s, 0);
    *last = *first == ZX_DATE_NULL ? ZX_DATE_NULL : zx_store__col_date(s, 1);
cleanup:
    sqlite3_finalize(s);
    return rc;
}

/* ---- the drill-down lookup ---- */

struct zx_case_lookup {
    sqlite3_stmt *cas, *per, *ev[3]; /* ev by enum zx_case_lookup_of */
};

int zx_case_lookup_open(struct zx_store *st, struct zx_case_lookup **out, struct zx_err *err)
{
    static const char *const ev_where[3] = {"WHERE e.id = ?",
                                            "WHERE e.person_rid = ? ORDER BY e.date, e.id",
                                            "WHERE e.case_rid = ? ORDER BY e.date, e.id"};
    struct zx_case_lookup *lk = calloc(1, sizeof *lk);
    int rc;
    *out = NULL;
    if (!lk)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if ((rc = zx_store__prep(st, "SELECT case_id, case_no FROM cases WHERE id = ?", &lk->cas,
                             err)) ||
        (rc = zx_store__prep(st, "SELECT person_id FROM persons WHERE id = ?", &lk->per, err)))
        goto cleanup;
    for (int i = 0; i < 3; i++) {
        char sql[400];
        snprintf(sql, sizeof sql,
                 "SELECT e.id, e.event_id, e.type, e.date, e.result, "
                 "(SELECT r.event_id FROM events r WHERE r.id = e.ref_rid) FROM events e %s",
                 ev_where[i]);
        if ((rc = zx_store__prep(st, sql, &lk->ev[i], err)))
            goto cleanup;
    }
    *out = lk;
    lk = NULL;
cleanup:
    zx_case_lookup_close(lk);
    return rc;
}

void zx_case_lookup_close(struct zx_case_lookup *lk)
{
    if (!lk)
        return;
    sqlite3_finalize(lk->cas);
    sqlite3_finalize(lk->per);
    for (int i = 0; i < 3; i++)
        sqlite3_finalize(lk->ev[i]);
    free(lk);
}

/* Columns 0 (and 1) of the row with id rid; "" when absent. */
static void lookup(sqlite3_stmt *s, int64_t rid, char *a, size_t na, char *b, size_t nb)
{
    a[0] = '\0';
    if (b)
        b[0] = '\0';
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, rid);
    if (sqlite3_step(s) == SQLITE_ROW) {
        zx_store__col_text(s, 0, a, na);
        if (b)
            zx_store__col_text(s, 1, b, nb);
    }
    sqlite3_reset(s);
}

void zx_case_lookup_case(struct zx_case_lookup *lk, int64_t rid, char *case_id, size_t n1,
                         char *case_no, size_t n2)
{
    lookup(lk->cas, rid, case_id, n1, case_no, n2);
}

void zx_case_lookup_person(struct zx_case_lookup *lk, int64_t rid, char *person_id, size_t n)
{
    lookup(lk->per, rid, person_id, n, NULL, 0);
}

void zx_case_lookup_events(struct zx_case_lookup *lk, enum zx_case_lookup_of of, int64_t rid,
                           int (*cb)(void *ud, const struct zx_event_brief *e), void *ud)
{
    sqlite3_stmt *s = lk->ev[of];
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, rid);
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct zx_event_brief e = {
            .rid = sqlite3_column_int64(s, 0),
            .event_id = (const char *)sqlite3_column_text(s, 1),
            .type = sqlite3_column_int(s, 2),
            .date = sqlite3_column_int(s, 3),
            .result = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 4),
            .ref_event_id = (const char *)sqlite3_column_text(s, 5),
        };
        if (cb(ud, &e))
            break;
    }
    sqlite3_reset(s);
}

int zx_store_staff_departments(struct zx_store *st,
                               int (*cb)(void *ud, const char *staff_id, const char *department),
                               void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT staff_id, department FROM staff", &s, err), step;
    if (rc)
        return rc;
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        if (cb(ud, (const char *)sqlite3_column_text(s, 0),
               (const char *)sqlite3_column_text(s, 1)))
            break;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "staff");
    sqlite3_finalize(s);
    return rc;
}

int64_t zx_store_case_rid(struct zx_store *st, const char *case_id)
{
    sqlite3_stmt *s = NULL;
    int64_t rid = 0;
    if (zx_store__prep(st, "SELECT id FROM cases WHERE case_id = ?", &s, NULL))
        return 0;
    zx_store__bind_text(s, 1, case_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        rid = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rid;
}
