/* store_inspect.c — circuit inspections on SQLite (inspect.h). */
#include "store/inspect.h"
#include "model/vocab.h"
#include "util/date.h"

#include "store/ledger.h"
#include "store/sql.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct code {
    const char *code, *zh;
};
static const struct code types[] = {
    {"routine", "常规巡回检察"},
    {"cross", "交叉巡回检察"},
    {"special", "专门巡回检察"},
    {"ad_hoc", "机动巡回检察"},
};
static const struct code disps[] = {
    {"oral", "口头纠正意见"},
    {"correction_notice", "纠正违法通知书"},
    {"suggestion", "检察建议书"},
};
static const struct code cats[] = {
    {"delivery", "交付执行"},
    {"release", "释放"},
    {"custody_period", "羁押期限"},
    {"commutation_parole", "减刑、假释"},
    {"temp_release", "暂予监外执行"},
    {"security", "监管安全"},
    {"education_labour", "教育改造、劳动"},
    {"detainee_rights", "被监管人权益"},
    {"scoring_rewards", "计分考核、立功奖惩"},
    {"special_posts", "特岗罪犯"},
    {"old_ill_disabled", "老病残鉴定"},
    {"resident_office", "派驻检察履职"},
};
#define N(a) ((int)(sizeof a / sizeof a[0]))

static const char *code_of(const struct code *t, int n, int v, int zh)
{
    if (v < 1 || v > n)
        return NULL;
    return zh ? t[v - 1].zh : t[v - 1].code;
}
static int find_in(const struct code *t, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (!strcmp(s, t[i].code) || !strcmp(s, t[i].zh))
            return i + 1;
    return 0;
}

const char *zx_store_insp_type_code(int t)
{
    return code_of(types, N(types), t, 0);
}
const char *zx_store_insp_type_label(int t)
{
    return code_of(types, N(types), t, 1);
}
int zx_store_insp_type_find(const char *s)
{
    return find_in(types, N(types), s);
}
const char *zx_store_insp_disp_code(int k)
{
    return code_of(disps, N(disps), k, 0);
}
const char *zx_store_insp_disp_label(int k)
{
    return code_of(disps, N(disps), k, 1);
}
int zx_store_insp_disp_find(const char *s)
{
    return find_in(disps, N(disps), s);
}
const char *zx_store_insp_cat_code(int c)
{
    return code_of(cats, N(cats), c, 0);
}
const char *zx_store_insp_cat_label(int c)
{
    return code_of(cats, N(cats), c, 1);
}
int zx_store_insp_cat_find(const char *s)
{
    return find_in(cats, N(cats), s);
}

/* ---- helpers ---- */

/* Run a statement that returns no row with up to 4 text and 1 date parameters; *changed (may
 * be NULL) gets the number of rows it changed. */
static int exec1(struct zx_store *st, const char *sql, const char *a, const char *b, int32_t d,
                 int *changed, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    int np = sqlite3_bind_parameter_count(s);
    if (np >= 1)
        zx_store__bind_date(s, 1, d);
    if (np >= 2)
        zx_store__bind_text(s, 2, a);
    if (np >= 3)
        zx_store__bind_text(s, 3, b);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "inspection write");
    else if (changed)
        *changed = sqlite3_changes(zx_store_sqlite(st));
    sqlite3_finalize(s);
    return rc;
}

/* 1 when `sql` (one text parameter) returns a row, 0 when not, negative on error. */
static int exists(struct zx_store *st, const char *sql, const char *id, int64_t *rid,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id ? id : "", -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        rc = 1;
        if (rid)
            *rid = sqlite3_column_int64(s, 0);
    } else if (step == SQLITE_DONE) {
        rc = 0;
    } else {
        rc = zx_store__db_err(st, err, "lookup");
    }
    sqlite3_finalize(s);
    return rc;
}

static int need(struct zx_store *st, const char *sql, const char *what, const char *id,
                int64_t *rid, struct zx_err *err)
{
    int rc = exists(st, sql, id, rid, err);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return zx_store__not_found(err, what, id ? id : "", 1);
    return ZX_OK;
}

static int check_len(const char *what, const char *s, size_t max, int required, struct zx_err *err)
{
    size_t n = s ? strlen(s) : 0;
    if ((required && n == 0) || n >= max)
        return zx_err_set(err, ZX_EINVAL, "%s must have %d to %zu bytes", what, required ? 1 : 0,
                          max - 1);
    return ZX_OK;
}

int64_t zx_store_insp_rid(struct zx_store *st, enum zx_table t, const char *xid)
{
    static const char *const sql[ZX_T_COUNT_] = {
        [ZX_T_UNITS] = "SELECT id FROM units WHERE unit_id = ?",
        [ZX_T_STAFF] = "SELECT id FROM staff WHERE staff_id = ?",
        [ZX_T_CASES] = "SELECT id FROM cases WHERE case_id = ?",
        [ZX_T_EVENTS] = "SELECT id FROM events WHERE event_id = ?",
        [ZX_T_INSTITUTIONS] = "SELECT id FROM institutions WHERE institution_id = ?",
    };
    int64_t rid = 0;
    struct zx_err err = {0};
    if ((int)t < 0 || t >= ZX_T_COUNT_ || !sql[t])
        return 0;
    return exists(st, sql[t], xid, &rid, &err) == 1 ? rid : 0;
}

/* ---- writes ---- */

int zx_store_insp_add_plan(struct zx_store *st, struct zx_store_insp_plan *p,
                           const char *const *inst, size_t ninst,
                           const struct zx_store_insp_member *team, size_t nteam,
                           struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = check_len("plan id", p->plan_id, ZX_STORE_INSP_ID_MAX, 1, err)) ||
        (rc = need(st, "SELECT id FROM units WHERE unit_id = ?", "unit", p->unit_id, NULL, err)) ||
        (rc = need(st, "SELECT id FROM staff WHERE staff_id = ?", "staff member", p->lead, NULL,
                   err)))
        return rc;
    if (!zx_store_insp_type_code(p->type) || p->start == ZX_DATE_NULL || p->end == ZX_DATE_NULL ||
        p->end < p->start || p->onsite_days < 0 || p->onsite_days > p->end - p->start + 1)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_PLAN_SHAPE);
    if (ninst == 0)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_PLAN_NO_INST);
    if ((rc = exists(st, "SELECT id FROM insp_plans WHERE plan_id = ?", p->plan_id, NULL, err)))
        return rc < 0 ? rc : zx_err_setm(err, ZX_EINVAL, ZX_M_IN_PLAN_EXISTS, p->plan_id);
    if (p->followup_of[0] && (rc = need(st, "SELECT id FROM insp_plans WHERE plan_id = ?", "plan",
                                        p->followup_of, NULL, err)))
        return rc;
    for (size_t i = 0; i < ninst; i++)
        if ((rc = need(st, "SELECT id FROM institutions WHERE institution_id = ?", "institution",
                       inst[i], NULL, err)))
            return rc;
    if ((rc = zx_store__prep(
             st,
             "INSERT INTO insp_plans(plan_id, unit_id, type, inst_kind, start_on, end_on, "
             "onsite_days, reduced, lead_staff_id, followup_of, feedback_on, case_id, "
             "created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, p->plan_id);
    zx_store__bind_text(s, 2, p->unit_id);
    zx_store__bind_text(s, 3, zx_store_insp_type_code(p->type));
    sqlite3_bind_int(s, 4, p->inst_kind);
    sqlite3_bind_int64(s, 5, p->start);
    sqlite3_bind_int64(s, 6, p->end);
    sqlite3_bind_int(s, 7, p->onsite_days);
    sqlite3_bind_int(s, 8, p->reduced != 0);
    zx_store__bind_text(s, 9, p->lead);
    zx_store__bind_text(s, 10, p->followup_of);
    zx_store__bind_date(s, 11, p->feedback_on);
    zx_store__bind_text(s, 12, p->case_id);
    sqlite3_bind_int64(s, 13, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "plan");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    p->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    if ((rc = zx_store__prep(st, "INSERT OR IGNORE INTO insp_plan_institutions VALUES (?, ?)", &s,
                             err)))
        return rc;
    for (size_t i = 0; i < ninst && !rc; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, p->rid);
        zx_store__bind_text(s, 2, inst[i]);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = zx_store__db_err(st, err, "plan institution");
    }
    sqlite3_finalize(s);
    if (rc || (rc = zx_store__prep(st, "INSERT INTO insp_members VALUES (?, ?, ?, ?, ?)", &s, err)))
        return rc;
    for (size_t i = 0; i < nteam && !rc; i++) {
        if ((rc = check_len("member name", team[i].name, ZX_STORE_INSP_NAME_MAX, 1, err)))
            break;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, p->rid);
        sqlite3_bind_int64(s, 2, (int64_t)i + 1);
        zx_store__bind_text(s, 3, team[i].name);
        zx_store__bind_text(s, 4, team[i].staff_id);
        zx_store__bind_text(s, 5, team[i].role[0] ? team[i].role : "member");
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = zx_store__db_err(st, err, "team member");
    }
    sqlite3_finalize(s);
    /* each inspection step is an act of the ledger (ledger.h) */
    return rc ? rc
              : zx_ledger_record(st, "insp_plans", p->rid, "insert", NULL, 0, 0, p->start, err);
}

int zx_store_insp_add_check_item(struct zx_store *st, const char *plan_id, int category,
                                 const char *item, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t prid = 0;
    int rc = need(st, "SELECT id FROM insp_plans WHERE plan_id = ?", "plan", plan_id, &prid, err);
    if (rc || (rc = check_len("checklist item", item, ZX_STORE_INSP_NAME_MAX * 2, 1, err)))
        return rc;
    if (!zx_store_insp_cat_code(category))
        return zx_err_set(err, ZX_EINVAL, "unknown problem category %d", category);
    if ((rc = zx_store__prep(
             st,
             "INSERT INTO insp_checklist(plan_rid, seq, category, item) VALUES (?1, "
             "(SELECT COALESCE(MAX(seq), 0) + 1 FROM insp_checklist WHERE plan_rid = ?1), "
             "?2, ?3)",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, prid);
    zx_store__bind_text(s, 2, zx_store_insp_cat_code(category));
    zx_store__bind_text(s, 3, item);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "checklist item");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_insp_check_done(struct zx_store *st, const char *plan_id, int seq, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "UPDATE insp_checklist SET done = 1 WHERE seq = ?1 AND plan_rid = "
                            "(SELECT id FROM insp_plans WHERE plan_id = ?2)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, seq);
    zx_store__bind_text(s, 2, plan_id);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "checklist");
    else if (sqlite3_changes(zx_store_sqlite(st)) == 0)
        rc = zx_err_set(err, ZX_ENOTFOUND, "plan '%s' has no checklist item %d", plan_id, seq);
    sqlite3_finalize(s);
    return rc;
}

int zx_store_insp_add_finding(struct zx_store *st, struct zx_store_insp_finding *f,
                              struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t prid = 0;
    int rc;
    if ((rc = check_len("finding id", f->finding_id, ZX_STORE_INSP_ID_MAX, 1, err)) ||
        (rc = check_len("description", f->desc, ZX_STORE_INSP_TEXT_MAX, 1, err)) ||
        (rc = need(st, "SELECT id FROM insp_plans WHERE plan_id = ?", "plan", f->plan_id, &prid,
                   err)))
        return rc;
    if (!zx_store_insp_cat_code(f->category) || f->found_on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_FINDING_SHAPE);
    /* the institution must be one the plan inspects */
    if ((rc = zx_store__prep(
             st, "SELECT 1 FROM insp_plan_institutions WHERE plan_rid = ? AND institution_id = ?",
             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, prid);
    zx_store__bind_text(s, 2, f->institution_id);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_NOT_INSPECTED, f->plan_id, f->institution_id);
    if ((rc = exists(st, "SELECT id FROM insp_findings WHERE finding_id = ?", f->finding_id, NULL,
                     err)))
        return rc < 0 ? rc : zx_err_setm(err, ZX_EINVAL, ZX_M_IN_FINDING_EXISTS, f->finding_id);
    if ((rc = zx_store__prep(
             st,
             "INSERT INTO insp_findings(finding_id, plan_rid, institution_id, category, sub, "
             "description, evidence, found_on, rectified_on) VALUES (?,?,?,?,?,?,?,?,?)",
             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, f->finding_id);
    sqlite3_bind_int64(s, 2, prid);
    zx_store__bind_text(s, 3, f->institution_id);
    zx_store__bind_text(s, 4, zx_store_insp_cat_code(f->category));
    zx_store__bind_text(s, 5, f->sub);
    zx_store__bind_text(s, 6, f->desc);
    zx_store__bind_text(s, 7, f->evidence);
    sqlite3_bind_int64(s, 8, f->found_on);
    zx_store__bind_date(s, 9, f->rectified_on);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "finding");
    else
        f->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    sqlite3_finalize(s);
    return rc ? rc
              : zx_ledger_record(st, "insp_findings", f->rid, "insert", NULL, 0, 0, f->found_on,
                                 err);
}

int zx_store_insp_add_disp(struct zx_store *st, struct zx_store_insp_disp *d, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t frid = 0;
    int rc;
    if ((rc = check_len("disposition id", d->disp_id, ZX_STORE_INSP_ID_MAX, 1, err)) ||
        (rc = need(st, "SELECT id FROM insp_findings WHERE finding_id = ?", "finding",
                   d->finding_id, &frid, err)))
        return rc;
    if (!zx_store_insp_disp_code(d->kind) || d->served == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_DISP_SHAPE);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO insp_dispositions(disp_id, finding_rid, kind, served_on, "
                             "follow_staff_id, event_id) VALUES (?,?,?,?,?,?)",
                             &s, err)))
        return rc;
    zx_store__bind_text(s, 1, d->disp_id);
    sqlite3_bind_int64(s, 2, frid);
    zx_store__bind_text(s, 3, zx_store_insp_disp_code(d->kind));
    sqlite3_bind_int64(s, 4, d->served);
    zx_store__bind_text(s, 5, d->follow_staff);
    zx_store__bind_text(s, 6, d->event_id);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "disposition");
    else
        d->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    sqlite3_finalize(s);
    return rc ? rc
              : zx_ledger_record(st, "insp_dispositions", d->rid, "insert", NULL, 0, 0, d->served,
                                 err);
}

int zx_store_insp_set_reply(struct zx_store *st, const char *disp_id, int32_t on, int result,
                            const char *reply_event_id, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t drid = 0;
    int rc = need(st, "SELECT id FROM insp_dispositions WHERE disp_id = ?", "disposition", disp_id,
                  &drid, err);
    if (rc)
        return rc;
    const char *code = zx_vocab_code(ZX_V_RESULT, result);
    if (!code || on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_REPLY_SHAPE);
    if ((rc = zx_store__prep(st, "INSERT OR REPLACE INTO insp_replies VALUES (?, ?, ?, ?)", &s,
                             err)))
        return rc;
    sqlite3_bind_int64(s, 1, drid);
    sqlite3_bind_int64(s, 2, on);
    zx_store__bind_text(s, 3, code);
    zx_store__bind_text(s, 4, reply_event_id);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "reply");
    sqlite3_finalize(s);
    return rc ? rc : zx_ledger_record(st, "insp_replies", drid, "insert", disp_id, 0, 0, on, err);
}

int zx_store_insp_set_feedback(struct zx_store *st, const char *plan_id, int32_t on,
                               struct zx_err *err)
{
    int n = 0;
    int64_t rid = 0;
    int rc = exec1(st, "UPDATE insp_plans SET feedback_on = ?1 WHERE plan_id = ?2", plan_id, NULL,
                   on, &n, err);
    if (!rc && n == 0)
        rc = zx_store__not_found(err, "plan", plan_id, 1);
    if (!rc &&
        !(rc = need(st, "SELECT id FROM insp_plans WHERE plan_id = ?", "plan", plan_id, &rid, err)))
        rc = zx_ledger_record(st, "insp_plans", rid, "update", NULL, 0, 0, on, err);
    return rc;
}

int zx_store_insp_set_rectified(struct zx_store *st, const char *finding_id, int32_t on,
                                struct zx_err *err)
{
    int n = 0;
    int64_t rid = 0;
    int rc = exec1(st, "UPDATE insp_findings SET rectified_on = ?1 WHERE finding_id = ?2",
                   finding_id, NULL, on, &n, err);
    if (!rc && n == 0)
        rc = zx_store__not_found(err, "finding", finding_id, 1);
    if (!rc && !(rc = need(st, "SELECT id FROM insp_findings WHERE finding_id = ?", "finding",
                           finding_id, &rid, err)))
        rc = zx_ledger_record(st, "insp_findings", rid, "update", NULL, 0, 0, on, err);
    return rc;
}

int zx_store_insp_escalate(struct zx_store *st, const char *disp_id, const char *to_unit_id,
                           int32_t on, struct zx_err *err)
{
    int64_t drid = 0;
    int rc = need(st, "SELECT id FROM insp_dispositions WHERE disp_id = ?", "disposition", disp_id,
                  &drid, err);
    if (rc)
        return rc;
    int n = 0;
    rc = exec1(st,
               "INSERT OR IGNORE INTO insp_escalations(escalated_on, disp_rid, to_unit_id) "
               "SELECT ?1, id, ?3 FROM insp_dispositions WHERE disp_id = ?2",
               disp_id, to_unit_id, on, &n, err);
    return rc || n == 0
               ? rc
               : zx_ledger_record(st, "insp_escalations", drid, "insert", disp_id, 0, 0, on, err);
}

int zx_store_insp_count(struct zx_store *st, const char *plan_id, int disp, int *n,
                        struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *n = 0;
    int rc =
        zx_store__prep(st,
                       disp ? "SELECT COUNT(*) FROM insp_dispositions d JOIN insp_findings f ON "
                              "f.id = d.finding_rid JOIN insp_plans p ON p.id = f.plan_rid WHERE "
                              "p.plan_id = ?"
                            : "SELECT COUNT(*) FROM insp_findings f JOIN insp_plans p ON p.id = "
                              "f.plan_rid WHERE p.plan_id = ?",
                       &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, plan_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        *n = sqlite3_column_int(s, 0);
    else
        rc = zx_store__db_err(st, err, "count");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_insp_plan_of(struct zx_store *st, const char *id, int disp,
                          struct zx_store_insp_plan_of *o, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int src;
    memset(o, 0, sizeof *o);
    o->start = ZX_DATE_NULL;
    int rc = zx_store__prep(
        st,
        disp ? "SELECT p.plan_id, p.lead_staff_id, p.case_id, d.served_on FROM insp_dispositions d"
               " JOIN insp_findings f ON f.id = d.finding_rid JOIN insp_plans p ON p.id ="
               " f.plan_rid WHERE d.disp_id = ?"
             : "SELECT p.plan_id, p.lead_staff_id, p.case_id, f.found_on FROM insp_findings f"
               " JOIN insp_plans p ON p.id = f.plan_rid WHERE f.finding_id = ?",
        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    if ((src = sqlite3_step(s)) == SQLITE_ROW) {
        zx_store__col_text(s, 0, o->plan_id, sizeof o->plan_id);
        zx_store__col_text(s, 1, o->lead, sizeof o->lead);
        zx_store__col_text(s, 2, o->case_id, sizeof o->case_id);
        o->start = zx_store__col_date(s, 3);
    } else if (src == SQLITE_DONE)
        rc = zx_err_setm(err, ZX_ENOTFOUND, disp ? ZX_M_NF_DISPOSITION_DB : ZX_M_NF_FINDING_DB, id);
    else
        rc = zx_store__db_err(st, err, "reading an inspection's plan");
    sqlite3_finalize(s);
    return rc;
}

/* ---- the snapshot ---- */

/* Grow *v (element size sz) to hold n + 1 elements. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, nc * sz);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}

#define PUSH(arr, n, cap)                                                                          \
    (grow((void **)&(arr), &(cap), (n), sizeof *(arr)) ? NULL                                      \
                                                       : memset(&(arr)[(n)++], 0, sizeof *(arr)))

static long find_id(const void *base, size_t n, size_t sz, size_t off, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (!strcmp((const char *)base + i * sz + off, id))
            return (long)i;
    return -1;
}

long zx_store_insp_db_unit(const struct zx_store_insp_db *db, const char *id)
{
    return find_id(db->units, db->nunits, sizeof *db->units,
                   offsetof(struct zx_store_insp_unit, unit_id), id);
}
long zx_store_insp_db_inst(const struct zx_store_insp_db *db, const char *id)
{
    return find_id(db->insts, db->ninsts, sizeof *db->insts,
                   offsetof(struct zx_store_insp_inst, institution_id), id);
}
long zx_store_insp_db_plan(const struct zx_store_insp_db *db, const char *id)
{
    return find_id(db->plans, db->nplans, sizeof *db->plans,
                   offsetof(struct zx_store_insp_plan, plan_id), id);
}
long zx_store_insp_db_finding(const struct zx_store_insp_db *db, const char *id)
{
    return find_id(db->findings, db->nfindings, sizeof *db->findings,
                   offsetof(struct zx_store_insp_finding, finding_id), id);
}
long zx_store_insp_db_disp(const struct zx_store_insp_db *db, const char *id)
{
    return find_id(db->disps, db->ndisps, sizeof *db->disps,
                   offsetof(struct zx_store_insp_disp, disp_id), id);
}

void zx_store_insp_release(struct zx_store_insp_db *db)
{
    if (!db)
        return;
    free(db->units);
    free(db->insts);
    free(db->plans);
    free(db->targets);
    free(db->team);
    free(db->checks);
    free(db->findings);
    free(db->disps);
    memset(db, 0, sizeof *db);
}

int zx_store_insp_load(struct zx_store *st, struct zx_store_insp_db *db, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    int rc = ZX_OK, step;
    memset(db, 0, sizeof *db);
    /* units: ordered by rid, parents resolved afterwards through a rid → index pass */
    int64_t *prid = NULL, *urid = NULL;
    size_t pcap = 0, ucap = 0;
    if ((rc = zx_store__prep(
             st, "SELECT id, unit_id, name, level, parent_rid FROM units ORDER BY id", &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_store_insp_unit *u = PUSH(db->units, db->nunits, cap);
        if (!u || grow((void **)&prid, &pcap, db->nunits - 1, sizeof *prid) ||
            grow((void **)&urid, &ucap, db->nunits - 1, sizeof *urid))
            goto nomem;
        urid[db->nunits - 1] = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, u->unit_id, sizeof u->unit_id);
        zx_store__col_text(s, 2, u->name, sizeof u->name);
        u->level = sqlite3_column_int(s, 3);
        prid[db->nunits - 1] = sqlite3_column_int64(s, 4);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    for (size_t i = 0; i < db->nunits; i++) {
        db->units[i].parent = -1;
        for (size_t j = 0; prid[i] && j < db->nunits; j++)
            if (urid[j] == prid[i])
                db->units[i].parent = (int)j;
    }
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT i.institution_id, i.name, i.kind, u.unit_id FROM institutions i "
             "LEFT JOIN units u ON u.id = i.unit_rid ORDER BY i.institution_id",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_store_insp_inst *x = PUSH(db->insts, db->ninsts, cap);
        char uid[ZX_STORE_INSP_ID_MAX];
        if (!x)
            goto nomem;
        zx_store__col_text(s, 0, x->institution_id, sizeof x->institution_id);
        zx_store__col_text(s, 1, x->name, sizeof x->name);
        x->kind = sqlite3_column_int(s, 2);
        zx_store__col_text(s, 3, uid, sizeof uid);
        x->unit = (int)zx_store_insp_db_unit(db, uid);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT id, plan_id, unit_id, type, inst_kind, start_on, end_on, onsite_days, "
             "reduced, lead_staff_id, followup_of, feedback_on, case_id, EXISTS(SELECT 1 FROM "
             "res_offices r WHERE r.plan_id = insp_plans.plan_id) FROM insp_plans "
             "ORDER BY start_on, plan_id",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_store_insp_plan *p = PUSH(db->plans, db->nplans, cap);
        char t[32];
        if (!p)
            goto nomem;
        p->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, p->plan_id, sizeof p->plan_id);
        zx_store__col_text(s, 2, p->unit_id, sizeof p->unit_id);
        zx_store__col_text(s, 3, t, sizeof t);
        p->type = zx_store_insp_type_find(t);
        p->inst_kind = sqlite3_column_int(s, 4);
        p->start = zx_store__col_date(s, 5);
        p->end = zx_store__col_date(s, 6);
        p->onsite_days = sqlite3_column_int(s, 7);
        p->reduced = sqlite3_column_int(s, 8);
        zx_store__col_text(s, 9, p->lead, sizeof p->lead);
        zx_store__col_text(s, 10, p->followup_of, sizeof p->followup_of);
        p->feedback_on = zx_store__col_date(s, 11);
        zx_store__col_text(s, 12, p->case_id, sizeof p->case_id);
        p->resident = sqlite3_column_int(s, 13);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT p.plan_id, x.institution_id FROM insp_plan_institutions x JOIN "
             "insp_plans p ON p.id = x.plan_rid ORDER BY p.plan_id, x.institution_id",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long pi = zx_store_insp_db_plan(db, (const char *)sqlite3_column_text(s, 0));
        long ii = zx_store_insp_db_inst(db, (const char *)sqlite3_column_text(s, 1));
        if (pi < 0 || ii < 0)
            continue; /* an institution a later import removed: nothing to count */
        struct zx_store_insp_target *t = PUSH(db->targets, db->ntargets, cap);
        if (!t)
            goto nomem;
        t->plan = (size_t)pi;
        t->inst = (size_t)ii;
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc =
             zx_store__prep(st,
                            "SELECT p.plan_id, m.name, m.staff_id, m.role FROM insp_members m JOIN "
                            "insp_plans p ON p.id = m.plan_rid ORDER BY p.plan_id, m.seq",
                            &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long pi = zx_store_insp_db_plan(db, (const char *)sqlite3_column_text(s, 0));
        struct zx_store_insp_team *t = PUSH(db->team, db->nteam, cap);
        if (!t)
            goto nomem;
        t->plan = (size_t)pi;
        zx_store__col_text(s, 1, t->m.name, sizeof t->m.name);
        zx_store__col_text(s, 2, t->m.staff_id, sizeof t->m.staff_id);
        zx_store__col_text(s, 3, t->m.role, sizeof t->m.role);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT p.plan_id, c.seq, c.category, c.item, c.done FROM insp_checklist c "
             "JOIN insp_plans p ON p.id = c.plan_rid ORDER BY p.plan_id, c.seq",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long pi = zx_store_insp_db_plan(db, (const char *)sqlite3_column_text(s, 0));
        struct zx_store_insp_check *c = PUSH(db->checks, db->nchecks, cap);
        if (!c)
            goto nomem;
        c->plan = (size_t)pi;
        c->seq = sqlite3_column_int(s, 1);
        c->category = zx_store_insp_cat_find((const char *)sqlite3_column_text(s, 2));
        zx_store__col_text(s, 3, c->item, sizeof c->item);
        c->done = sqlite3_column_int(s, 4);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT f.id, f.finding_id, p.plan_id, f.institution_id, f.category, f.sub, "
             "f.description, f.evidence, f.found_on, f.rectified_on FROM insp_findings f "
             "JOIN insp_plans p ON p.id = f.plan_rid ORDER BY f.found_on, f.id",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_store_insp_finding *f = PUSH(db->findings, db->nfindings, cap);
        if (!f)
            goto nomem;
        f->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, f->finding_id, sizeof f->finding_id);
        zx_store__col_text(s, 2, f->plan_id, sizeof f->plan_id);
        zx_store__col_text(s, 3, f->institution_id, sizeof f->institution_id);
        f->category = zx_store_insp_cat_find((const char *)sqlite3_column_text(s, 4));
        zx_store__col_text(s, 5, f->sub, sizeof f->sub);
        zx_store__col_text(s, 6, f->desc, sizeof f->desc);
        zx_store__col_text(s, 7, f->evidence, sizeof f->evidence);
        f->found_on = zx_store__col_date(s, 8);
        f->rectified_on = zx_store__col_date(s, 9);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    sqlite3_finalize(s);
    s = NULL;
    cap = 0;
    if ((rc = zx_store__prep(
             st,
             "SELECT d.id, d.disp_id, f.finding_id, d.kind, d.served_on, d.follow_staff_id, "
             "d.event_id, r.replied_on, r.result, r.event_id, e.escalated_on, e.to_unit_id "
             "FROM insp_dispositions d JOIN insp_findings f ON f.id = d.finding_rid "
             "LEFT JOIN insp_replies r ON r.disp_rid = d.id "
             "LEFT JOIN insp_escalations e ON e.disp_rid = d.id ORDER BY d.served_on, d.id",
             &s, err)))
        goto cleanup;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_store_insp_disp *d = PUSH(db->disps, db->ndisps, cap);
        char t[32];
        if (!d)
            goto nomem;
        d->rid = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, d->disp_id, sizeof d->disp_id);
        zx_store__col_text(s, 2, d->finding_id, sizeof d->finding_id);
        zx_store__col_text(s, 3, t, sizeof t);
        d->kind = zx_store_insp_disp_find(t);
        d->served = zx_store__col_date(s, 4);
        zx_store__col_text(s, 5, d->follow_staff, sizeof d->follow_staff);
        zx_store__col_text(s, 6, d->event_id, sizeof d->event_id);
        d->reply_on = zx_store__col_date(s, 7);
        zx_store__col_text(s, 8, t, sizeof t);
        d->reply_result = t[0] ? zx_vocab_find(ZX_V_RESULT, t, strlen(t)) : 0;
        zx_store__col_text(s, 9, d->reply_event_id, sizeof d->reply_event_id);
        d->escalated_on = zx_store__col_date(s, 10);
        zx_store__col_text(s, 11, d->escalated_to, sizeof d->escalated_to);
    }
    if (step != SQLITE_DONE)
        goto dberr;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    goto cleanup;
dberr:
    rc = zx_store__db_err(st, err, "inspection snapshot");
cleanup:
    sqlite3_finalize(s);
    free(prid);
    free(urid);
    if (rc)
        zx_store_insp_release(db);
    return rc;
}
