/* store_quality.c — 案件质量评查 plans, reviews, findings, 异议 on SQLite (quality.h). */
#include "store/quality.h"

#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char case_cols[] =
    "SELECT c.id, c.case_id, u.unit_id, s.staff_id, s.department, c.charge, c.line, c.business,"
    " c.closed_on, EXISTS(SELECT 1 FROM events e WHERE e.case_rid = c.id AND e.type = "
    "(SELECT value FROM vocab WHERE vocab = 'event_type' AND code = 'prosecution_review'))"
    " FROM cases c JOIN units u ON u.id = c.unit_rid LEFT JOIN staff s ON s.id = c.handler_rid";

static void read_case(sqlite3_stmt *s, void *row)
{
    struct zx_qstore_case *c = row;
    memset(c, 0, sizeof *c);
    c->rid = sqlite3_column_int64(s, 0);
    zx_store__col_text(s, 1, c->case_id, sizeof c->case_id);
    zx_store__col_text(s, 2, c->unit_id, sizeof c->unit_id);
    zx_store__col_text(s, 3, c->handler_id, sizeof c->handler_id);
    zx_store__col_text(s, 4, c->department, sizeof c->department);
    zx_store__col_text(s, 5, c->charge, sizeof c->charge);
    c->line = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 6);
    c->business = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 7);
    c->closed_on = zx_store__col_date(s, 8);
    c->public_prosecution = sqlite3_column_int(s, 9);
}

int zx_qstore_closed_cases(struct zx_store *st, const struct zx_qstore_filter *f,
                           struct zx_qstore_case **out, size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[2048];
    int rc;
    *out = NULL;
    *n = 0;
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id = ?1"
             " UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_rid = sub.id) %s"
             " WHERE c.closed_on IS NOT NULL AND c.closed_on BETWEEN ?2 AND ?3"
             " AND (?1 IS NULL OR c.unit_rid IN sub) AND (?4 IS NULL OR c.charge = ?4)"
             " AND (?5 IS NULL OR s.department = ?5) AND (?6 IS NULL OR s.staff_id = ?6)"
             " AND (?7 < 0 OR c.line = ?7) ORDER BY c.case_id",
             case_cols);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    zx_store__bind_text(s, 1, f->unit_id);
    sqlite3_bind_int(s, 2, f->from == ZX_DATE_NULL ? INT32_MIN + 1 : f->from);
    sqlite3_bind_int(s, 3, f->to == ZX_DATE_NULL ? INT32_MAX : f->to);
    zx_store__bind_text(s, 4, f->charge);
    zx_store__bind_text(s, 5, f->department);
    zx_store__bind_text(s, 6, f->handler_id);
    sqlite3_bind_int(s, 7, f->line);
    return zx_store__rows(st, s, sizeof **out, read_case, (void **)out, n, "closed cases", err);
}

int zx_qstore_case_get(struct zx_store *st, const char *case_id, struct zx_qstore_case *out,
                       struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE c.case_id = ?", case_cols);
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, case_id, -1, SQLITE_TRANSIENT);
    return zx_store__row(st, s, read_case, out, "case", case_id, err);
}

int zx_qstore_case_by_rid(struct zx_store *st, int64_t rid, struct zx_qstore_case *out,
                          struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1024], key[32];
    snprintf(sql, sizeof sql, "%s WHERE c.id = ?", case_cols);
    snprintf(key, sizeof key, "rid %lld", (long long)rid);
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    return zx_store__row(st, s, read_case, out, "case", key, err);
}

static void read_rid(sqlite3_stmt *s, void *row)
{
    *(int64_t *)row = sqlite3_column_int64(s, 0);
}

static void int_list(char *buf, size_t size, const int *v, int n)
{
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < n && k + 16 < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s%d", i ? "," : "", v[i]);
}

int zx_qstore_event_cases(struct zx_store *st, const int *types, int ntypes, const int *results,
                          int nresults, const int *after, int nafter, int32_t to, int64_t **rids,
                          size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char t[256], res[256], af[256], sql[1536];
    int rc;
    *rids = NULL;
    *n = 0;
    if (ntypes <= 0 || ntypes > 16 || nresults > 16 || nafter > 16)
        return zx_err_set(err, ZX_EINVAL, "event test: 1..16 types, at most 16 results");
    int_list(t, sizeof t, types, ntypes);
    int_list(res, sizeof res, results, nresults);
    int_list(af, sizeof af, after, nafter);
    char rpart[300] = "", apart[512] = "";
    if (nresults)
        snprintf(rpart, sizeof rpart, " AND e.result IN (%s)", res);
    if (nafter)
        snprintf(apart, sizeof apart,
                 " AND EXISTS(SELECT 1 FROM events a WHERE a.case_rid = e.case_rid"
                 " AND a.person_rid IS e.person_rid AND a.type IN (%s) AND a.date <= e.date)",
                 af);
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT e.case_rid FROM events e WHERE e.type IN (%s) AND e.date <= ?%s%s"
             " ORDER BY 1",
             t, rpart, apart);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    sqlite3_bind_int(s, 1, to == ZX_DATE_NULL ? INT32_MAX : to);
    return zx_store__rows(st, s, sizeof **rids, read_rid, (void **)rids, n, "event cases", err);
}

/* ---- plans ---- */

static int plan_rid(struct zx_store *st, const char *plan_id, int64_t *rid, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT id FROM qr_plans WHERE plan_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, plan_id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        *rid = sqlite3_column_int64(s, 0);
    else
        rc = r == SQLITE_DONE ? zx_store__not_found(err, "review plan", plan_id, 0)
                              : zx_store__db_err(st, err, "plan");
    sqlite3_finalize(s);
    return rc;
}

int zx_qstore_plan_insert(struct zx_store *st, struct zx_qstore_plan *p,
                          const struct zx_qstore_plan_case *cases, size_t n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if (!p->plan_id[0]) {
        int y, mo, d;
        zx_date_to_ymd(p->created_on, &y, &mo, &d);
        if ((rc = zx_store__prep(st, "SELECT count(*) FROM qr_plans", &s, err)))
            goto cleanup;
        int64_t seq = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) + 1 : 1;
        sqlite3_finalize(s);
        s = NULL;
        snprintf(p->plan_id, sizeof p->plan_id, "PC-%04d-%04lld", y, (long long)seq);
    }
    if ((rc = zx_store__prep(st,
                             "INSERT INTO qr_plans(plan_id, unit_id, kind, title, from_on, to_on,"
                             " ratio, filter, created_by, created_on)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        goto cleanup;
    sqlite3_bind_text(s, 1, p->plan_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, p->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, p->kind, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 4, p->title);
    sqlite3_bind_int(s, 5, p->from);
    sqlite3_bind_int(s, 6, p->to);
    if (p->ratio > 0)
        sqlite3_bind_double(s, 7, p->ratio);
    zx_store__bind_text(s, 8, p->filter);
    sqlite3_bind_text(s, 9, p->created_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 10, p->created_on);
    int r = sqlite3_step(s);
    if (r == SQLITE_CONSTRAINT) {
        rc = zx_err_set(err, ZX_EINVAL, "review plan '%s' exists already", p->plan_id);
        goto cleanup;
    }
    if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "plan");
        goto cleanup;
    }
    int64_t rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = zx_store__prep(st,
                             "INSERT INTO qr_plan_cases(plan_rid, case_id, handler_id, unit_id,"
                             " reason) VALUES (?, ?, ?, ?, ?)",
                             &s, err)))
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rid);
        sqlite3_bind_text(s, 2, cases[i].case_id, -1, SQLITE_TRANSIENT);
        zx_store__bind_text(s, 3, cases[i].handler_id);
        zx_store__bind_text(s, 4, cases[i].unit_id);
        sqlite3_bind_text(s, 5, cases[i].reason, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = zx_store__db_err(st, err, "plan case");
            goto cleanup;
        }
    }
    rc = zx_ledger_record(st, "qr_plans", rid, "insert", NULL, 0, 0, p->created_on, err);
cleanup:
    sqlite3_finalize(s);
    if (rc) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

static const char plan_cols[] =
    "SELECT p.plan_id, p.unit_id, p.kind, p.title, p.from_on, p.to_on, p.ratio, p.filter,"
    " p.created_by, p.created_on,"
    " (SELECT count(*) FROM qr_plan_cases pc WHERE pc.plan_rid = p.id),"
    " (SELECT count(*) FROM qr_reviews r WHERE r.plan_rid = p.id) FROM qr_plans p";

static void read_plan(sqlite3_stmt *s, void *row)
{
    struct zx_qstore_plan *p = row;
    memset(p, 0, sizeof *p);
    zx_store__col_text(s, 0, p->plan_id, sizeof p->plan_id);
    zx_store__col_text(s, 1, p->unit_id, sizeof p->unit_id);
    zx_store__col_text(s, 2, p->kind, sizeof p->kind);
    zx_store__col_text(s, 3, p->title, sizeof p->title);
    p->from = zx_store__col_date(s, 4);
    p->to = zx_store__col_date(s, 5);
    p->ratio = sqlite3_column_double(s, 6);
    zx_store__col_text(s, 7, p->filter, sizeof p->filter);
    zx_store__col_text(s, 8, p->created_by, sizeof p->created_by);
    p->created_on = zx_store__col_date(s, 9);
    p->ncases = sqlite3_column_int64(s, 10);
    p->nreviewed = sqlite3_column_int64(s, 11);
}

int zx_qstore_plan_list(struct zx_store *st, struct zx_qstore_plan **out, size_t *n,
                        struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1024];
    int rc;
    *out = NULL;
    *n = 0;
    snprintf(sql, sizeof sql, "%s ORDER BY p.plan_id", plan_cols);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    return zx_store__rows(st, s, sizeof **out, read_plan, (void **)out, n, "plans", err);
}

int zx_qstore_plan_get(struct zx_store *st, const char *plan_id, struct zx_qstore_plan *out,
                       struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql, "%s WHERE p.plan_id = ?", plan_cols);
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, plan_id, -1, SQLITE_TRANSIENT);
    return zx_store__row(st, s, read_plan, out, "review plan", plan_id, err);
}

static void read_plan_case(sqlite3_stmt *s, void *row)
{
    struct zx_qstore_plan_case *c = row;
    zx_store__col_text(s, 0, c->case_id, sizeof c->case_id);
    zx_store__col_text(s, 1, c->handler_id, sizeof c->handler_id);
    zx_store__col_text(s, 2, c->unit_id, sizeof c->unit_id);
    zx_store__col_text(s, 3, c->reason, sizeof c->reason);
    zx_store__col_text(s, 4, c->review_id, sizeof c->review_id);
    zx_store__col_text(s, 5, c->grade, sizeof c->grade);
}

int zx_qstore_plan_cases(struct zx_store *st, const char *plan_id, struct zx_qstore_plan_case **out,
                         size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t rid = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if ((rc = plan_rid(st, plan_id, &rid, err)))
        return rc;
    if ((rc =
             zx_store__prep(st,
                            "SELECT pc.case_id, pc.handler_id, pc.unit_id, pc.reason, r.review_id,"
                            " IFNULL(NULLIF(r.final_grade, ''), r.grade) FROM qr_plan_cases pc"
                            " LEFT JOIN qr_reviews r ON r.plan_rid = pc.plan_rid"
                            " AND r.case_id = pc.case_id WHERE pc.plan_rid = ? ORDER BY pc.case_id",
                            &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    return zx_store__rows(st, s, sizeof **out, read_plan_case, (void **)out, n, "plan cases", err);
}

/* ---- reviews ---- */

int zx_qstore_review_insert(struct zx_store *st, struct zx_qstore_review *r,
                            const struct zx_qstore_finding *f, size_t nf, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t prid = 0, rrid;
    int rc = zx_store_begin(st, err), x;
    if (rc)
        return rc;
    if ((rc = plan_rid(st, r->plan_id, &prid, err)))
        goto cleanup;
    if ((rc = zx_store__prep(st,
                             "SELECT (SELECT count(*) FROM qr_plan_cases WHERE plan_rid = ?1"
                             " AND case_id = ?2), (SELECT count(*) FROM qr_reviews WHERE"
                             " plan_rid = ?1), (SELECT count(*) FROM qr_reviews WHERE"
                             " plan_rid = ?1 AND case_id = ?2)",
                             &s, err)))
        goto cleanup;
    sqlite3_bind_int64(s, 1, prid);
    sqlite3_bind_text(s, 2, r->case_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = zx_store__db_err(st, err, "review");
        goto cleanup;
    }
    if (!sqlite3_column_int(s, 0)) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_Q_CASE_NOT_IN_PLAN, r->case_id, r->plan_id);
        goto cleanup;
    }
    if (sqlite3_column_int(s, 2)) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_Q_REVIEWED, r->case_id, r->plan_id);
        goto cleanup;
    }
    if (!r->review_id[0])
        snprintf(r->review_id, sizeof r->review_id, "%.55s-R%04d", r->plan_id,
                 (int)(sqlite3_column_int64(s, 1) % 100000000 + 1));
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = zx_store__prep(st,
                             "INSERT INTO qr_reviews(review_id, plan_rid, case_id, handler_id,"
                             " unit_id, reviewer, graded_on, grade, proposed_excellent, notes)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        goto cleanup;
    sqlite3_bind_text(s, 1, r->review_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, prid);
    sqlite3_bind_text(s, 3, r->case_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 4, r->handler_id);
    zx_store__bind_text(s, 5, r->unit_id);
    sqlite3_bind_text(s, 6, r->reviewer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 7, r->graded_on);
    sqlite3_bind_text(s, 8, r->grade, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 9, r->proposed_excellent);
    zx_store__bind_text(s, 10, r->notes);
    if ((x = sqlite3_step(s)) != SQLITE_DONE) {
        rc = x == SQLITE_CONSTRAINT
                 ? zx_err_setm(err, ZX_EINVAL, ZX_M_Q_REVIEW_EXISTS, r->review_id)
                 : zx_store__db_err(st, err, "review");
        goto cleanup;
    }
    rrid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = zx_ledger_record(st, "qr_reviews", rrid, "insert", NULL, 0, 0, r->graded_on, err)))
        goto cleanup;
    if ((rc = zx_store__prep(st,
                             "INSERT INTO qr_findings(finding_id, review_rid, item, result,"
                             " flaw_code, note) VALUES (?, ?, ?, ?, ?, ?)",
                             &s, err)))
        goto cleanup;
    for (size_t i = 0; i < nf; i++) {
        char fid[ZX_QSTORE_ID_MAX + 64];
        snprintf(fid, sizeof fid, "%s/%s", r->review_id, f[i].item);
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, fid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, rrid);
        sqlite3_bind_text(s, 3, f[i].item, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, f[i].result, -1, SQLITE_TRANSIENT);
        zx_store__bind_text(s, 5, f[i].code);
        zx_store__bind_text(s, 6, f[i].note);
        if ((x = sqlite3_step(s)) != SQLITE_DONE) {
            rc = x == SQLITE_CONSTRAINT ? zx_err_setm(err, ZX_EINVAL, ZX_M_Q_ITEM_TWICE, f[i].item)
                                        : zx_store__db_err(st, err, "finding");
            goto cleanup;
        }
        if ((rc =
                 zx_ledger_record(st, "qr_findings", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                                  "insert", NULL, 0, 0, r->graded_on, err)))
            goto cleanup;
    }
cleanup:
    sqlite3_finalize(s);
    if (rc) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

static const char review_cols[] =
    "SELECT r.review_id, p.plan_id, r.case_id, r.handler_id, r.unit_id, r.reviewer, r.graded_on,"
    " r.grade, r.proposed_excellent, r.notes, r.objection, r.objected_by, r.objected_on,"
    " r.response, r.responded_by, r.responded_on, r.final_grade, r.id"
    " FROM qr_reviews r JOIN qr_plans p ON p.id = r.plan_rid";

static int64_t read_review(sqlite3_stmt *s, struct zx_qstore_review *r)
{
    memset(r, 0, sizeof *r);
    zx_store__col_text(s, 0, r->review_id, sizeof r->review_id);
    zx_store__col_text(s, 1, r->plan_id, sizeof r->plan_id);
    zx_store__col_text(s, 2, r->case_id, sizeof r->case_id);
    zx_store__col_text(s, 3, r->handler_id, sizeof r->handler_id);
    zx_store__col_text(s, 4, r->unit_id, sizeof r->unit_id);
    zx_store__col_text(s, 5, r->reviewer, sizeof r->reviewer);
    r->graded_on = zx_store__col_date(s, 6);
    zx_store__col_text(s, 7, r->grade, sizeof r->grade);
    r->proposed_excellent = sqlite3_column_int(s, 8);
    zx_store__col_text(s, 9, r->notes, sizeof r->notes);
    zx_store__col_text(s, 10, r->objection, sizeof r->objection);
    zx_store__col_text(s, 11, r->objected_by, sizeof r->objected_by);
    r->objected_on = zx_store__col_date(s, 12);
    zx_store__col_text(s, 13, r->response, sizeof r->response);
    zx_store__col_text(s, 14, r->responded_by, sizeof r->responded_by);
    r->responded_on = zx_store__col_date(s, 15);
    zx_store__col_text(s, 16, r->final_grade, sizeof r->final_grade);
    return sqlite3_column_int64(s, 17);
}

static void read_review_row(sqlite3_stmt *s, void *row)
{
    read_review(s, row);
}

int zx_qstore_review_list(struct zx_store *st, const char *plan_id, const char *handler_id,
                          int32_t from, int32_t to, struct zx_qstore_review **out, size_t *n,
                          struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1536];
    int rc;
    *out = NULL;
    *n = 0;
    snprintf(sql, sizeof sql,
             "%s WHERE (?1 IS NULL OR p.plan_id = ?1) AND (?2 IS NULL OR r.handler_id = ?2)"
             " AND r.graded_on BETWEEN ?3 AND ?4 ORDER BY r.review_id",
             review_cols);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    zx_store__bind_text(s, 1, plan_id);
    zx_store__bind_text(s, 2, handler_id);
    sqlite3_bind_int(s, 3, from == ZX_DATE_NULL ? INT32_MIN + 1 : from);
    sqlite3_bind_int(s, 4, to == ZX_DATE_NULL ? INT32_MAX : to);
    return zx_store__rows(st, s, sizeof **out, read_review_row, (void **)out, n, "reviews", err);
}

static void read_finding(sqlite3_stmt *s, void *row)
{
    struct zx_qstore_finding *x = row;
    zx_store__col_text(s, 0, x->item, sizeof x->item);
    zx_store__col_text(s, 1, x->result, sizeof x->result);
    zx_store__col_text(s, 2, x->code, sizeof x->code);
    zx_store__col_text(s, 3, x->note, sizeof x->note);
}

int zx_qstore_review_get(struct zx_store *st, const char *review_id, struct zx_qstore_review *out,
                         struct zx_qstore_finding **f, size_t *nf, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1024];
    int rc, r;
    if (f) {
        *f = NULL;
        *nf = 0;
    }
    snprintf(sql, sizeof sql, "%s WHERE r.review_id = ?", review_cols);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, review_id, -1, SQLITE_TRANSIENT);
    r = sqlite3_step(s);
    if (r != SQLITE_ROW) {
        rc = r == SQLITE_DONE ? zx_store__not_found(err, "review", review_id, 0)
                              : zx_store__db_err(st, err, "review");
        sqlite3_finalize(s);
        return rc;
    }
    int64_t rid = read_review(s, out);
    sqlite3_finalize(s);
    if (!f)
        return ZX_OK;
    if ((rc = zx_store__prep(st,
                             "SELECT item, result, flaw_code, note FROM qr_findings"
                             " WHERE review_rid = ? ORDER BY id",
                             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    return zx_store__rows(st, s, sizeof **f, read_finding, (void **)f, nf, "findings", err);
}

/* Update review_id with sql (binding who, on, text, extra as ?1..?4 and the rid as ?5) when
 * check (a SQL condition on the row) holds, and record it. */
static int review_update(struct zx_store *st, const char *review_id, const char *check,
                         const char *refusal, const char *sql, const char *who, int32_t on,
                         const char *text, const char *extra, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char q[512];
    int64_t rid = 0;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    snprintf(q, sizeof q, "SELECT id, %s FROM qr_reviews WHERE review_id = ?", check);
    if ((rc = zx_store__prep(st, q, &s, err)))
        goto cleanup;
    sqlite3_bind_text(s, 1, review_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = zx_store__not_found(err, "review", review_id, 0);
        goto cleanup;
    }
    rid = sqlite3_column_int64(s, 0);
    if (!sqlite3_column_int(s, 1)) {
        rc = zx_err_set(err, ZX_EINVAL, "review '%s': %s", review_id, refusal);
        goto cleanup;
    }
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = zx_store__prep(st, sql, &s, err)))
        goto cleanup;
    sqlite3_bind_text(s, 1, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 2, on);
    zx_store__bind_text(s, 3, text);
    zx_store__bind_text(s, 4, extra);
    sqlite3_bind_int64(s, 5, rid);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "review update");
        goto cleanup;
    }
    rc = zx_ledger_record(st, "qr_reviews", rid, "update", NULL, 0, 0, on, err);
cleanup:
    sqlite3_finalize(s);
    if (rc) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

int zx_qstore_review_object(struct zx_store *st, const char *review_id, const char *who, int32_t on,
                            const char *text, struct zx_err *err)
{
    return review_update(st, review_id, "objected_on IS NULL", "an objection was made already",
                         "UPDATE qr_reviews SET objected_by = ?1, objected_on = ?2,"
                         " objection = ?3 WHERE id = ?5",
                         who, on, text, NULL, err);
}

int zx_qstore_review_respond(struct zx_store *st, const char *review_id, const char *who,
                             int32_t on, const char *text, const char *final_grade,
                             struct zx_err *err)
{
    return review_update(st, review_id, "objected_on IS NOT NULL AND responded_on IS NULL",
                         "no unanswered objection",
                         "UPDATE qr_reviews SET responded_by = ?1, responded_on = ?2,"
                         " response = ?3, final_grade = ?4 WHERE id = ?5",
                         who, on, text, final_grade, err);
}

static void read_flaw(sqlite3_stmt *s, void *row)
{
    struct zx_qstore_flaw *x = row;
    zx_store__col_text(s, 0, x->review_id, sizeof x->review_id);
    zx_store__col_text(s, 1, x->finding_id, sizeof x->finding_id);
    zx_store__col_text(s, 2, x->case_id, sizeof x->case_id);
    zx_store__col_text(s, 3, x->handler_id, sizeof x->handler_id);
    zx_store__col_text(s, 4, x->unit_id, sizeof x->unit_id);
    zx_store__col_text(s, 5, x->item, sizeof x->item);
    zx_store__col_text(s, 6, x->result, sizeof x->result);
    zx_store__col_text(s, 7, x->code, sizeof x->code);
    x->graded_on = zx_store__col_date(s, 8);
}

int zx_qstore_flaw_findings(struct zx_store *st, int32_t from, int32_t to,
                            struct zx_qstore_flaw **out, size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    *out = NULL;
    *n = 0;
    if ((rc = zx_store__prep(st,
                             "SELECT r.review_id, f.finding_id, r.case_id, r.handler_id, r.unit_id,"
                             " f.item, f.result, f.flaw_code, r.graded_on FROM qr_findings f"
                             " JOIN qr_reviews r ON r.id = f.review_rid"
                             " WHERE f.flaw_code IS NOT NULL AND r.graded_on BETWEEN ? AND ?"
                             " ORDER BY f.id",
                             &s, err)))
        return rc;
    sqlite3_bind_int(s, 1, from == ZX_DATE_NULL ? INT32_MIN + 1 : from);
    sqlite3_bind_int(s, 2, to == ZX_DATE_NULL ? INT32_MAX : to);
    return zx_store__rows(st, s, sizeof **out, read_flaw, (void **)out, n, "flaw findings", err);
}
