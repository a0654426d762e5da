/* store_views.c — the cross-table read views of store/views.h. */
#include "store/views.h"
#include "store/sql.h"
#include "util/date.h"

#include <string.h>

static const char *txt(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

static int code(sqlite3_stmt *s, int i)
{
    return sqlite3_column_int(s, i); /* NULL gives 0, the null code */
}

static int flag(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

/* The result of a step that gave no row: ZX_OK at the end of the rows, else the store's
 * error. */
static int step_done(struct zx_store *st, int src, struct zx_err *err, const char *what)
{
    return src == SQLITE_DONE ? ZX_OK : zx_store__db_err(st, err, what);
}

/* ---- cases ---- */

#define CASE_SQL                                                                                   \
    "SELECT c.id, c.case_id, c.case_no, c.charge, u.unit_id, u.name, h.staff_id, h.name, c.line, " \
    "c.business, c.kind, c.source, c.complex, c.accepted_on, c.closed_on FROM cases c "            \
    "JOIN units u ON u.id = c.unit_rid LEFT JOIN staff h ON h.id = c.handler_rid "

static void case_row(sqlite3_stmt *s, struct zx_view_case *c)
{
    c->rid = sqlite3_column_int64(s, 0);
    c->case_id = txt(s, 1);
    c->case_no = txt(s, 2);
    c->charge = txt(s, 3);
    c->unit_id = txt(s, 4);
    c->unit_name = txt(s, 5);
    c->handler_id = txt(s, 6);
    c->handler_name = txt(s, 7);
    c->line = code(s, 8);
    c->business = code(s, 9);
    c->kind = code(s, 10);
    c->source = code(s, 11);
    c->complex = sqlite3_column_int(s, 12);
    c->accepted_on = zx_store__col_date(s, 13);
    c->closed_on = zx_store__col_date(s, 14);
}

int zx_store_view_cases_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                               zx_view_case_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, CASE_SQL "WHERE c.id = ?", &s, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            struct zx_view_case c;
            case_row(s, &c);
            rc = cb(ud, i, &c);
        } else
            rc = step_done(st, src, err, "reading a case");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_store_view_case(struct zx_store *st, const char *case_id, zx_view_case_cb cb, void *ud,
                       struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, CASE_SQL "WHERE c.case_id = ?", &s, err);
    if (rc == ZX_OK) {
        sqlite3_bind_text(s, 1, case_id, -1, SQLITE_TRANSIENT);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            struct zx_view_case c;
            case_row(s, &c);
            rc = cb(ud, 0, &c);
        } else
            rc = step_done(st, src, err, "reading a case");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_store_view_case_handled_by(struct zx_store *st, int64_t case_rid, const char *staff_id,
                                  int *yes, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *yes = 0;
    int rc = zx_store__prep(st,
                            "SELECT 1 FROM events e JOIN staff h ON h.id = e.handler_rid "
                            "WHERE e.case_rid = ? AND h.staff_id = ? LIMIT 1",
                            &s, err);
    if (rc == ZX_OK) {
        sqlite3_bind_int64(s, 1, case_rid);
        sqlite3_bind_text(s, 2, staff_id, -1, SQLITE_TRANSIENT);
        int src = sqlite3_step(s);
        *yes = src == SQLITE_ROW;
        if (!*yes)
            rc = step_done(st, src, err, "reading a case's handlers");
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---- persons ---- */

#define PERSON_SQL "SELECT id, person_id, name, id_number, role, gender, birth_date FROM persons "

static void person_row(sqlite3_stmt *s, struct zx_view_person *p)
{
    p->rid = sqlite3_column_int64(s, 0);
    p->person_id = txt(s, 1);
    p->name = txt(s, 2);
    p->id_number = txt(s, 3);
    p->role = code(s, 4);
    p->gender = code(s, 5);
    p->birth_date = zx_store__col_date(s, 6);
}

int zx_store_view_persons_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                 zx_view_person_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, PERSON_SQL "WHERE id = ?", &s, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            struct zx_view_person p;
            person_row(s, &p);
            rc = cb(ud, i, &p);
        } else
            rc = step_done(st, src, err, "reading a person");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_store_view_persons_of_case(struct zx_store *st, int64_t case_rid, zx_view_person_cb cb,
                                  void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, PERSON_SQL "WHERE case_rid = ? ORDER BY id", &s, err), src;
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, case_rid);
    size_t i = 0;
    while (rc == ZX_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_view_person p;
        person_row(s, &p);
        rc = cb(ud, i++, &p);
    }
    if (rc == ZX_OK)
        rc = step_done(st, src, err, "reading a case's persons");
    sqlite3_finalize(s);
    return rc;
}

/* ---- events ---- */

int zx_store_view_events_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                zx_view_event_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc =
        zx_store__prep(st, "SELECT event_id, type, date, result FROM events WHERE id = ?", &s, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            struct zx_view_event e;
            memset(&e, 0, sizeof e);
            e.rid = rids[i];
            e.event_id = txt(s, 0);
            e.type = code(s, 1);
            e.date = zx_store__col_date(s, 2);
            e.result = code(s, 3);
            e.handler_role = e.handler_leader = e.decider_role = e.decider_leader = -1;
            rc = cb(ud, i, &e);
        } else
            rc = step_done(st, src, err, "reading an event");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_store_view_events_of_case(struct zx_store *st, int64_t case_rid, zx_view_event_cb cb,
                                 void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int src = SQLITE_DONE;
    int rc = zx_store__prep(
        st,
        "SELECT e.event_id, e.type, e.date, e.result, p.person_id, p.name, h.staff_id, "
        "h.name, d.staff_id, d.name, r.event_id, e.amount, e.note, h.role, h.is_leader, "
        "d.role, d.is_leader, (SELECT seq || ':' || lower(hex(substr(l.hash, 1, 6))) FROM "
        "ledger l WHERE l.tbl = 'events' AND l.rid = e.id ORDER BY l.seq DESC LIMIT 1), e.id "
        "FROM events e LEFT JOIN persons p ON p.id = e.person_rid "
        "LEFT JOIN staff h ON h.id = e.handler_rid LEFT JOIN staff d ON d.id = e.decider_rid "
        "LEFT JOIN events r ON r.id = e.ref_rid WHERE e.case_rid = ? ORDER BY e.date, e.id",
        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, case_rid);
    size_t i = 0;
    while (rc == ZX_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_view_event e = {
            .event_id = txt(s, 0),
            .type = code(s, 1),
            .date = zx_store__col_date(s, 2),
            .result = code(s, 3),
            .person_id = txt(s, 4),
            .person_name = txt(s, 5),
            .handler_id = txt(s, 6),
            .handler_name = txt(s, 7),
            .decider_id = txt(s, 8),
            .decider_name = txt(s, 9),
            .ref_event_id = txt(s, 10),
            .has_amount = sqlite3_column_type(s, 11) != SQLITE_NULL,
            .amount = sqlite3_column_double(s, 11),
            .note = txt(s, 12),
            .handler_role = code(s, 13),
            .handler_leader = flag(s, 14),
            .decider_role = code(s, 15),
            .decider_leader = flag(s, 16),
            .ledger = txt(s, 17),
            .rid = sqlite3_column_int64(s, 18),
        };
        rc = cb(ud, i++, &e);
    }
    if (rc == ZX_OK)
        rc = step_done(st, src, err, "reading a case's events");
    sqlite3_finalize(s);
    return rc;
}

/* ---- convicts ---- */

int zx_store_view_convicts_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                  zx_view_convict_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT c.convict_id, c.name, c.id_number, i.institution_id, i.name, "
                            "u.unit_id FROM convicts c "
                            "LEFT JOIN institutions i ON i.id = c.institution_rid "
                            "LEFT JOIN units u ON u.id = i.unit_rid WHERE c.id = ?",
                            &s, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            struct zx_view_convict c = {.rid = rids[i],
                                        .convict_id = txt(s, 0),
                                        .name = txt(s, 1),
                                        .id_number = txt(s, 2),
                                        .institution_id = txt(s, 3),
                                        .institution_name = txt(s, 4),
                                        .unit_id = txt(s, 5)};
            rc = cb(ud, i, &c);
        } else
            rc = step_done(st, src, err, "reading a convict");
    }
    sqlite3_finalize(s);
    return rc;
}

/* Walk a two-integer query. */
static int pairs(struct zx_store *st, const char *sql, zx_view_pair_cb cb, void *ud,
                 struct zx_err *err, const char *what)
{
    sqlite3_stmt *s = NULL;
    int src = SQLITE_DONE;
    int rc = zx_store__prep(st, sql, &s, err);
    while (rc == ZX_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
        rc = cb(ud, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1));
    if (rc == ZX_OK)
        rc = step_done(st, src, err, what);
    sqlite3_finalize(s);
    return rc;
}

int zx_store_view_convict_units(struct zx_store *st, zx_view_pair_cb cb, void *ud,
                                struct zx_err *err)
{
    return pairs(st,
                 "SELECT c.id, i.unit_rid FROM convicts c "
                 "JOIN institutions i ON i.id = c.institution_rid",
                 cb, ud, err, "reading the convicts' units");
}

/* ---- documents ---- */

int zx_store_view_document_cases(struct zx_store *st, zx_view_doc_case_cb cb, void *ud,
                                 struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int src = SQLITE_DONE;
    int rc = zx_store__prep(st,
                            "SELECT DISTINCT d.case_rid, u.unit_id, h.staff_id FROM documents d"
                            " JOIN cases c ON c.id = d.case_rid JOIN units u ON u.id = c.unit_rid"
                            " LEFT JOIN staff h ON h.id = c.handler_rid ORDER BY d.case_rid",
                            &s, err);
    while (rc == ZX_OK && (src = sqlite3_step(s)) == SQLITE_ROW)
        rc = cb(ud, sqlite3_column_int64(s, 0), txt(s, 1), txt(s, 2));
    if (rc == ZX_OK)
        rc = step_done(st, src, err, "reading the documents' cases");
    sqlite3_finalize(s);
    return rc;
}
