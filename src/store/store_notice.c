/* store_notice.c — 流程监控通知书 rows and their steps on SQLite (notice.h). */
#include "store/notice.h"

#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every act on a notice (issue, reply, escalation) is an act of the ledger (ledger.h), in
 * the act's transaction: the step row and the notice as it now is, with the case's handler
 * (staff rid) as the entry's handler. */
static int ledger(struct zx_store *st, int64_t rid, const char *what, int32_t on,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t handler = 0, step_rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    char no[ZX_NOTICE_ID_MAX] = "";
    int rc =
        zx_store__prep(st,
                       "SELECT n.notice_no, (SELECT id FROM staff WHERE staff_id = n.handler_id)"
                       " FROM mon_notices n WHERE n.id = ?",
                       &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    if (sqlite3_step(s) == SQLITE_ROW) {
        zx_store__col_text(s, 0, no, sizeof no);
        handler = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if ((rc =
             zx_ledger_record(st, "mon_notice_steps", step_rid, "insert", no, handler, 0, on, err)))
        return rc;
    return zx_ledger_record(st, "mon_notices", rid, strcmp(what, "issued") ? "update" : "insert",
                            NULL, handler, 0, on, err);
}

static int step(struct zx_store *st, int64_t rid, const char *what, const char *who, int32_t on,
                const char *note, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT INTO mon_notice_steps(notice_rid, step, who, on_day, at, note)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    sqlite3_bind_text(s, 2, what, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 4, on);
    sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
    zx_store__bind_text(s, 6, note);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "notice step");
    sqlite3_finalize(s);
    return rc ? rc : ledger(st, rid, what, on, err);
}

/* The rid of notice_no, or 0. */
static int64_t find(struct zx_store *st, const char *no, int *answered, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t rid = 0;
    if (zx_store__prep(st, "SELECT id, replied_on IS NOT NULL FROM mon_notices WHERE notice_no = ?",
                       &s, err))
        return -1;
    sqlite3_bind_text(s, 1, no, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        rid = sqlite3_column_int64(s, 0);
        *answered = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    return rid;
}

int zx_notice_insert(struct zx_store *st, struct zx_notice *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    int y, mo, d;
    zx_date_to_ymd(n->issued_on, &y, &mo, &d);
    if ((rc = zx_store__prep(st, "SELECT count(*) FROM mon_notices", &s, err)))
        goto fail;
    int64_t seq = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) + 1 : 1;
    sqlite3_finalize(s);
    s = NULL;
    snprintf(n->notice_no, sizeof n->notice_no, "LCJK-%04d-%06lld", y, (long long)seq);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO main.mon_notices(notice_no, case_id, person_id, stage, "
                             "started_on, deadline,"
                             " unit_id, handler_id, issued_by, issued_on, reply_due)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        goto fail;
    sqlite3_bind_text(s, 1, n->notice_no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, n->case_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 3, n->person_id);
    sqlite3_bind_text(s, 4, n->stage, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 5, n->started_on);
    sqlite3_bind_int(s, 6, n->deadline);
    sqlite3_bind_text(s, 7, n->unit_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 8, n->handler_id);
    sqlite3_bind_text(s, 9, n->issued_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 10, n->issued_on);
    sqlite3_bind_int(s, 11, n->reply_due);
    int r = sqlite3_step(s);
    if (r == SQLITE_CONSTRAINT) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_MN_NOTICE_EXISTS);
        goto fail;
    }
    if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "notice");
        goto fail;
    }
    if ((rc = step(st, sqlite3_last_insert_rowid(zx_store_sqlite(st)), "issued", n->issued_by,
                   n->issued_on, NULL, err)))
        goto fail;
    sqlite3_finalize(s);
    return zx_store_commit(st, err);
fail:
    sqlite3_finalize(s);
    zx_store_rollback(st);
    return rc;
}

int zx_notice_reply(struct zx_store *st, const char *no, const char *who, int32_t on,
                    const char *text, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int answered = 0;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    int64_t rid = find(st, no, &answered, err);
    if (rid <= 0) {
        rc = rid < 0 ? ZX_ESTORE : zx_store__not_found(err, "notice", no, 0);
        goto fail;
    }
    if (answered) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_MN_ANSWERED, no);
        goto fail;
    }
    if ((rc = zx_store__prep(st,
                             "UPDATE main.mon_notices SET replied_by = ?, replied_on = ?, reply = ?"
                             " WHERE id = ?",
                             &s, err)))
        goto fail;
    sqlite3_bind_text(s, 1, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, on);
    zx_store__bind_text(s, 3, text);
    sqlite3_bind_int64(s, 4, rid);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "notice reply");
        goto fail;
    }
    if ((rc = step(st, rid, "replied", who, on, text, err)))
        goto fail;
    sqlite3_finalize(s);
    return zx_store_commit(st, err);
fail:
    sqlite3_finalize(s);
    zx_store_rollback(st);
    return rc;
}

int zx_notice_escalate(struct zx_store *st, const char *no, int level, const char *to,
                       const char *who, int32_t on, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int answered = 0;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    int64_t rid = find(st, no, &answered, err);
    if (rid <= 0) {
        rc = rid < 0 ? ZX_ESTORE : zx_store__not_found(err, "notice", no, 0);
        goto fail;
    }
    if ((rc = zx_store__prep(
             st,
             level == 1 ? "UPDATE main.mon_notices SET head_id = ?, head_on = ? WHERE id = ?"
                        : "UPDATE main.mon_notices SET chief_id = ?, chief_on = ?"
                          " WHERE id = ?",
             &s, err)))
        goto fail;
    sqlite3_bind_text(s, 1, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, on);
    sqlite3_bind_int64(s, 3, rid);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "notice escalation");
        goto fail;
    }
    if ((rc = step(st, rid, level == 1 ? "escalated_head" : "escalated_chief", who, on, to, err)))
        goto fail;
    sqlite3_finalize(s);
    return zx_store_commit(st, err);
fail:
    sqlite3_finalize(s);
    zx_store_rollback(st);
    return rc;
}

static void read_notice(sqlite3_stmt *s, void *row)
{
    struct zx_notice *x = row;
    zx_store__col_text(s, 0, x->notice_no, sizeof x->notice_no);
    zx_store__col_text(s, 1, x->case_id, sizeof x->case_id);
    zx_store__col_text(s, 2, x->person_id, sizeof x->person_id);
    zx_store__col_text(s, 3, x->stage, sizeof x->stage);
    x->started_on = zx_store__col_date(s, 4);
    x->deadline = zx_store__col_date(s, 5);
    zx_store__col_text(s, 6, x->unit_id, sizeof x->unit_id);
    zx_store__col_text(s, 7, x->handler_id, sizeof x->handler_id);
    zx_store__col_text(s, 8, x->issued_by, sizeof x->issued_by);
    x->issued_on = zx_store__col_date(s, 9);
    x->reply_due = zx_store__col_date(s, 10);
    zx_store__col_text(s, 11, x->replied_by, sizeof x->replied_by);
    x->replied_on = zx_store__col_date(s, 12);
    zx_store__col_text(s, 13, x->reply, sizeof x->reply);
    zx_store__col_text(s, 14, x->head_id, sizeof x->head_id);
    x->head_on = zx_store__col_date(s, 15);
    zx_store__col_text(s, 16, x->chief_id, sizeof x->chief_id);
    x->chief_on = zx_store__col_date(s, 17);
    x->case_rid = sqlite3_column_int64(s, 18);
}

int zx_notice_list(struct zx_store *st, struct zx_notice **out, size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT notice_no, case_id, person_id, stage, started_on, deadline,"
                            " unit_id, handler_id, issued_by, issued_on, reply_due, replied_by,"
                            " replied_on, reply, head_id, head_on, chief_id, chief_on,"
                            " (SELECT id FROM cases WHERE case_id = mon_notices.case_id)"
                            " FROM mon_notices ORDER BY notice_no",
                            &s, err);
    if (rc)
        return rc;
    return zx_store__rows(st, s, sizeof **out, read_notice, (void **)out, n, "notices", err);
}

int zx_notice_find_staff(struct zx_store *st, const char *unit_id, const char *department,
                         const char *role, char out[ZX_NOTICE_ID_MAX], struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    out[0] = 0;
    /* same department first when asked, then anyone of the role in the unit */
    int rc = zx_store__prep(
        st,
        "SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid"
        " WHERE u.unit_id = ?1 AND s.role = (SELECT value FROM vocab WHERE vocab = 'staff_role'"
        " AND code = ?2) ORDER BY (?3 IS NOT NULL AND s.department = ?3) DESC, s.id LIMIT 1",
        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, role, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 3, department);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        zx_store__col_text(s, 0, out, ZX_NOTICE_ID_MAX);
    else if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "staff lookup");
    sqlite3_finalize(s);
    return rc;
}

int zx_notice_staff_department(struct zx_store *st, const char *staff_id,
                               char out[ZX_NOTICE_ID_MAX], struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    out[0] = 0;
    int rc = zx_store__prep(st, "SELECT department FROM staff WHERE staff_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, staff_id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        zx_store__col_text(s, 0, out, ZX_NOTICE_ID_MAX);
    else if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "staff lookup");
    sqlite3_finalize(s);
    return rc;
}
