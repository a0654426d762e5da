/* store_resident.c — 派驻检察 rows (resident.h): offices, assignments, the duty log. */
#include "store/resident.h"
#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The row id of the first column of `sql` with one text parameter: 1 found, 0 not, <0 error. */
static int lookup(struct zx_store *st, const char *sql, const char *id, int64_t *rid,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        if (rid)
            *rid = sqlite3_column_int64(s, 0);
        rc = 1;
    } else if (step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "lookup");
    sqlite3_finalize(s);
    return rc;
}

static int need(struct zx_store *st, const char *sql, const char *what, const char *id,
                int64_t *rid, struct zx_err *err)
{
    int rc = lookup(st, sql, id ? id : "", rid, err);
    if (rc < 0)
        return rc;
    return rc ? ZX_OK : zx_store__not_found(err, what, id, 1);
}

static int check_len(const char *what, const char *v, size_t max, struct zx_err *err)
{
    size_t n = strlen(v);
    if (n == 0 || n >= max || strchr(v, '\''))
        return zx_err_set(err, ZX_EINVAL, "%s must have 1 to %zu bytes and no quote", what,
                          max - 1);
    return ZX_OK;
}

#define OFFICE_SQL "SELECT id FROM res_offices WHERE office_id = ?"
#define STAFF_SQL  "SELECT id FROM staff WHERE staff_id = ?"

int zx_resident_store_add_office(struct zx_store *st, struct zx_res_office *o, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = check_len("office id", o->office_id, 48, err)) ||
        (rc = check_len("office name", o->name, ZX_RES_NAME_MAX, err)) ||
        (rc = need(st, "SELECT id FROM units WHERE unit_id = ?", "unit", o->unit_id, NULL, err)) ||
        (rc = need(st, "SELECT id FROM institutions WHERE institution_id = ?", "institution",
                   o->institution_id, NULL, err)) ||
        (rc = need(st, "SELECT id FROM insp_plans WHERE plan_id = ?", "plan", o->plan_id, NULL,
                   err)))
        return rc;
    if (o->opened_on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_NO_OPENED);
    if ((rc = lookup(st, OFFICE_SQL, o->office_id, NULL, err)))
        return rc < 0 ? rc : zx_err_setm(err, ZX_EINVAL, ZX_M_RS_OFFICE_EXISTS, o->office_id);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO res_offices(office_id, unit_id, institution_id, name,"
                             " opened_on, plan_id, created_at) VALUES (?,?,?,?,?,?,?)",
                             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, o->office_id);
    zx_store__bind_text(s, 2, o->unit_id);
    zx_store__bind_text(s, 3, o->institution_id);
    zx_store__bind_text(s, 4, o->name);
    zx_store__bind_date(s, 5, o->opened_on);
    zx_store__bind_text(s, 6, o->plan_id);
    sqlite3_bind_int64(s, 7, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "office");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    o->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    return zx_ledger_record(st, "res_offices", o->rid, "insert", NULL, 0, 0, o->opened_on, err);
}

int zx_resident_store_assign(struct zx_store *st, const char *office_id, const char *staff_id,
                             int32_t from, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t orid = 0, srid = 0;
    int rc;
    if ((rc = need(st, OFFICE_SQL, "office", office_id, &orid, err)) ||
        (rc = need(st, STAFF_SQL, "staff member", staff_id, &srid, err)))
        return rc;
    if (from == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_NO_FIRST_DAY);
    if ((rc = zx_store__prep(st,
                             "SELECT 1 FROM res_staff WHERE office_rid = ? AND staff_id = ? AND"
                             " (to_on IS NULL OR to_on >= ?)",
                             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, orid);
    zx_store__bind_text(s, 2, staff_id);
    zx_store__bind_date(s, 3, from);
    int dup = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (dup)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_ASSIGNED, staff_id, office_id);
    if ((rc = zx_store__prep(
             st, "INSERT INTO res_staff(office_rid, staff_id, from_on) VALUES (?,?,?)", &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, orid);
    zx_store__bind_text(s, 2, staff_id);
    zx_store__bind_date(s, 3, from);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "assignment");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return zx_ledger_record(st, "res_staff", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                            "insert", NULL, srid, 0, from, err);
}

int zx_resident_store_unassign(struct zx_store *st, const char *office_id, const char *staff_id,
                               int32_t to, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t orid = 0, arid = 0, srid = 0;
    int32_t from = ZX_DATE_NULL;
    int rc;
    if ((rc = need(st, OFFICE_SQL, "office", office_id, &orid, err)) ||
        (rc = need(st, STAFF_SQL, "staff member", staff_id, &srid, err)))
        return rc;
    if ((rc = zx_store__prep(st,
                             "SELECT id, from_on FROM res_staff WHERE office_rid = ? AND"
                             " staff_id = ? AND to_on IS NULL",
                             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, orid);
    zx_store__bind_text(s, 2, staff_id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        arid = sqlite3_column_int64(s, 0);
        from = zx_store__col_date(s, 1);
    }
    sqlite3_finalize(s);
    if (!arid)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_RS_NOT_ASSIGNED, staff_id, office_id);
    if (to == ZX_DATE_NULL || to < from)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_END_BEFORE);
    if ((rc = zx_store__prep(st, "UPDATE res_staff SET to_on = ? WHERE id = ?", &s, err)))
        return rc;
    zx_store__bind_date(s, 1, to);
    sqlite3_bind_int64(s, 2, arid);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "assignment");
    sqlite3_finalize(s);
    return rc ? rc : zx_ledger_record(st, "res_staff", arid, "update", NULL, srid, 0, to, err);
}

int zx_resident_store_add_log(struct zx_store *st, struct zx_res_log *l, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t orid = 0, srid = 0;
    int rc;
    if ((rc = need(st, OFFICE_SQL, "office", l->office_id, &orid, err)) ||
        (rc = need(st, STAFF_SQL, "staff member", l->staff_id, &srid, err)) ||
        (rc = check_len("checklist item", l->item_id, sizeof l->item_id, err)))
        return rc;
    if (l->on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_LOG_DAY);
    if (!l->result[0] || strlen(l->result) >= ZX_RES_TEXT_MAX)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_LOG_TEXT, ZX_RES_TEXT_MAX - 1);
    if (!l->log_id[0]) {
        int64_t n = 0;
        if ((rc =
                 zx_store__prep(st, "SELECT COUNT(*) FROM res_logs WHERE office_rid = ?", &s, err)))
            return rc;
        sqlite3_bind_int64(s, 1, orid);
        if (sqlite3_step(s) == SQLITE_ROW)
            n = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        /* the count may meet an id given by hand: take the next free number */
        for (;; n++) {
            snprintf(l->log_id, sizeof l->log_id, "%.48s-L%lld", l->office_id, (long long)n + 1);
            if ((rc = lookup(st, "SELECT id FROM res_logs WHERE log_id = ?", l->log_id, NULL,
                             err)) <= 0)
                break;
        }
        if (rc < 0)
            return rc;
    } else if ((rc = check_len("log id", l->log_id, ZX_RES_ID_MAX, err)))
        return rc;
    else if ((rc = lookup(st, "SELECT id FROM res_logs WHERE log_id = ?", l->log_id, NULL, err)))
        return rc < 0 ? rc : zx_err_setm(err, ZX_EINVAL, ZX_M_RS_LOG_EXISTS, l->log_id);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO res_logs(log_id, office_rid, item_id, on_day, staff_id,"
                             " place, result, finding_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, l->log_id);
    sqlite3_bind_int64(s, 2, orid);
    zx_store__bind_text(s, 3, l->item_id);
    zx_store__bind_date(s, 4, l->on);
    zx_store__bind_text(s, 5, l->staff_id);
    zx_store__bind_text(s, 6, l->place);
    zx_store__bind_text(s, 7, l->result);
    zx_store__bind_text(s, 8, l->finding_id);
    sqlite3_bind_int64(s, 9, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "log entry");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    l->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    return zx_ledger_record(st, "res_logs", l->rid, "insert", NULL, srid, 0, l->on, err);
}

int zx_resident_store_link(struct zx_store *st, const char *log_id, const char *finding_id,
                           struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t lrid = 0;
    int32_t on = ZX_DATE_NULL;
    int rc;
    if ((rc = need(st, "SELECT id FROM res_logs WHERE log_id = ?", "log entry", log_id, &lrid,
                   err)) ||
        (rc = need(st, "SELECT id FROM insp_findings WHERE finding_id = ?", "finding", finding_id,
                   NULL, err)))
        return rc;
    if ((rc = zx_store__prep(st, "UPDATE res_logs SET finding_id = ? WHERE id = ? RETURNING on_day",
                             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, finding_id);
    sqlite3_bind_int64(s, 2, lrid);
    if (sqlite3_step(s) == SQLITE_ROW)
        on = zx_store__col_date(s, 0);
    else
        rc = zx_store__db_err(st, err, "log entry");
    sqlite3_finalize(s);
    return rc ? rc : zx_ledger_record(st, "res_logs", lrid, "update", NULL, 0, 0, on, err);
}

int zx_resident_store_inst_kind(struct zx_store *st, const char *institution_id, int *kind,
                                struct zx_err *err)
{
    int64_t k = 0;
    int rc = need(st, "SELECT kind FROM institutions WHERE institution_id = ?", "institution",
                  institution_id, &k, err);
    *kind = (int)k;
    return rc;
}

int zx_resident_store_log_office(struct zx_store *st, const char *log_id, char *office_id,
                                 struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT o.office_id FROM res_logs l JOIN res_offices o"
                            " ON o.id = l.office_rid WHERE l.log_id = ?",
                            &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, log_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        zx_store__col_text(s, 0, office_id, ZX_RES_ID_MAX);
    else
        rc = zx_store__not_found(err, "log entry", log_id, 1);
    sqlite3_finalize(s);
    return rc;
}

/* ---- the snapshot ---- */

static void *grow(void **arr, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return *arr;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*arr, c * sz);
    if (!p)
        return NULL;
    *arr = p;
    *cap = c;
    return p;
}
#define PUSH(arr, n, cap)                                                                          \
    (!grow((void **)&(arr), &(cap), (n), sizeof *(arr)) ? NULL                                     \
                                                        : memset(&(arr)[(n)++], 0, sizeof *(arr)))

long zx_res_db_office(const struct zx_res_db *db, const char *office_id)
{
    for (size_t i = 0; office_id && i < db->noffices; i++)
        if (!strcmp(db->offices[i].office_id, office_id))
            return (long)i;
    return -1;
}

int zx_resident_store_load(struct zx_store *st, int32_t from, int32_t to, struct zx_res_db *db,
                           struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    int rc, step;
    memset(db, 0, sizeof *db);
    if ((rc = zx_store__prep(st,
                             "SELECT o.id, o.office_id, o.unit_id, o.institution_id, o.name,"
                             " o.opened_on, o.plan_id, i.name, i.kind FROM res_offices o"
                             " LEFT JOIN institutions i ON i.institution_id = o.institution_id"
                             " ORDER BY o.office_id",
                             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_res_office *o = PUSH(db->offices, db->noffices, cap);
        if (!o)
            goto nomem;
        o->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, o->office_id, sizeof o->office_id);
        zx_store__col_text(s, 2, o->unit_id, sizeof o->unit_id);
        zx_store__col_text(s, 3, o->institution_id, sizeof o->institution_id);
        zx_store__col_text(s, 4, o->name, sizeof o->name);
        o->opened_on = zx_store__col_date(s, 5);
        zx_store__col_text(s, 6, o->plan_id, sizeof o->plan_id);
        zx_store__col_text(s, 7, o->inst_name, sizeof o->inst_name);
        o->inst_kind = sqlite3_column_int(s, 8);
    }
    sqlite3_finalize(s);
    s = NULL;
    if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "offices");
        goto cleanup;
    }
    cap = 0;
    if ((rc = zx_store__prep(st,
                             "SELECT a.id, o.office_id, a.staff_id, s.name, a.from_on, a.to_on,"
                             " s.role = (SELECT value FROM vocab WHERE vocab = 'staff_role' AND"
                             " code = 'prosecutor') FROM res_staff a"
                             " JOIN res_offices o ON o.id = a.office_rid"
                             " LEFT JOIN staff s ON s.staff_id = a.staff_id"
                             " ORDER BY o.office_id, a.from_on, a.id",
                             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_res_assign *a = PUSH(db->assigns, db->nassigns, cap);
        char oid[ZX_RES_ID_MAX];
        if (!a)
            goto nomem;
        a->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, oid, sizeof oid);
        a->office = (size_t)zx_res_db_office(db, oid);
        zx_store__col_text(s, 2, a->staff_id, sizeof a->staff_id);
        zx_store__col_text(s, 3, a->name, sizeof a->name);
        a->from = zx_store__col_date(s, 4);
        a->to = zx_store__col_date(s, 5);
        a->procurator = sqlite3_column_int(s, 6) == 1;
    }
    sqlite3_finalize(s);
    s = NULL;
    if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "assignments");
        goto cleanup;
    }
    cap = 0;
    if ((rc = zx_store__prep(st,
                             "SELECT l.id, l.log_id, o.office_id, l.item_id, l.on_day, l.staff_id,"
                             " l.place, l.result, l.finding_id FROM res_logs l"
                             " JOIN res_offices o ON o.id = l.office_rid"
                             " WHERE (?1 IS NULL OR l.on_day >= ?1) AND (?2 IS NULL OR"
                             " l.on_day <= ?2) ORDER BY o.office_id, l.on_day, l.id",
                             &s, err)))
        goto cleanup;
    zx_store__bind_date(s, 1, from);
    zx_store__bind_date(s, 2, to);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_res_log *l = PUSH(db->logs, db->nlogs, cap);
        if (!l)
            goto nomem;
        l->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, l->log_id, sizeof l->log_id);
        zx_store__col_text(s, 2, l->office_id, sizeof l->office_id);
        l->office = (size_t)zx_res_db_office(db, l->office_id);
        zx_store__col_text(s, 3, l->item_id, sizeof l->item_id);
        l->on = zx_store__col_date(s, 4);
        zx_store__col_text(s, 5, l->staff_id, sizeof l->staff_id);
        zx_store__col_text(s, 6, l->place, sizeof l->place);
        zx_store__col_text(s, 7, l->result, sizeof l->result);
        zx_store__col_text(s, 8, l->finding_id, sizeof l->finding_id);
    }
    sqlite3_finalize(s);
    s = NULL;
    if (step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "duty log");
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_finalize(s);
    if (rc)
        zx_resident_store_release(db);
    return rc;
}

void zx_resident_store_release(struct zx_res_db *db)
{
    free(db->offices);
    free(db->assigns);
    free(db->logs);
    memset(db, 0, sizeof *db);
}
