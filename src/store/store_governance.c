/* store_governance.c — 检察建议, 听证 and 人民监督员 rows on SQLite (governance.h). */
#include "store/governance.h"

#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The suggestion columns after id, in table order; bound and read in this order. */
#define SUGG_COLS                                                                                  \
    "sugg_no, case_id, unit_id, kind, addressee, problem, basis, measures, status, handler_id,"    \
    " drafted_by, drafted_on, issued_by, issued_on, reply_due, event_id, replied_on,"              \
    " reply_result, reply_text, reply_event_id, followup_on, followup_result, followup_note,"      \
    " litigated_on, lawsuit_event_id, head_id, head_on, chief_id, chief_on, closed_on"
#define SUGG_NCOLS 30

static void bind_sugg(sqlite3_stmt *q, const struct zx_gov_suggestion *s)
{
    int i = 1;
    sqlite3_bind_text(q, i++, s->no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i++, s->case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i++, s->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i++, s->kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i++, s->addressee, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i++, s->problem, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(q, i++, s->basis);
    zx_store__bind_text(q, i++, s->measures);
    sqlite3_bind_text(q, i++, s->status, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(q, i++, s->handler_id);
    sqlite3_bind_text(q, i++, s->drafted_by, -1, SQLITE_TRANSIENT);
    zx_store__bind_date(q, i++, s->drafted_on);
    zx_store__bind_text(q, i++, s->issued_by);
    zx_store__bind_date(q, i++, s->issued_on);
    zx_store__bind_date(q, i++, s->reply_due);
    zx_store__bind_text(q, i++, s->event_id);
    zx_store__bind_date(q, i++, s->replied_on);
    zx_store__bind_text(q, i++, s->reply_result);
    zx_store__bind_text(q, i++, s->reply_text);
    zx_store__bind_text(q, i++, s->reply_event_id);
    zx_store__bind_date(q, i++, s->followup_on);
    zx_store__bind_text(q, i++, s->followup_result);
    zx_store__bind_text(q, i++, s->followup_note);
    zx_store__bind_date(q, i++, s->litigated_on);
    zx_store__bind_text(q, i++, s->lawsuit_event_id);
    zx_store__bind_text(q, i++, s->head_id);
    zx_store__bind_date(q, i++, s->head_on);
    zx_store__bind_text(q, i++, s->chief_id);
    zx_store__bind_date(q, i++, s->chief_on);
    zx_store__bind_date(q, i++, s->closed_on);
}

static void read_sugg(sqlite3_stmt *q, void *row)
{
    struct zx_gov_suggestion *s = row;
    int i = 0;
    memset(s, 0, sizeof *s);
#define T(f) zx_store__col_text(q, i++, s->f, sizeof s->f)
#define D(f) (s->f = zx_store__col_date(q, i++))
    T(no);
    T(case_id);
    T(unit_id);
    T(kind);
    T(addressee);
    T(problem);
    T(basis);
    T(measures);
    T(status);
    T(handler_id);
    T(drafted_by);
    D(drafted_on);
    T(issued_by);
    D(issued_on);
    D(reply_due);
    T(event_id);
    D(replied_on);
    T(reply_result);
    T(reply_text);
    T(reply_event_id);
    D(followup_on);
    T(followup_result);
    T(followup_note);
    D(litigated_on);
    T(lawsuit_event_id);
    T(head_id);
    D(head_on);
    T(chief_id);
    D(chief_on);
    D(closed_on);
#undef T
#undef D
}

/* The next number of table tbl: PREFIX-<year of on>-<6 digits>. */
static int next_no(struct zx_store *st, const char *tbl, const char *prefix, int32_t on, char *out,
                   size_t n, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    char sql[96];
    int y, mo, d;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tbl);
    int rc = zx_store__prep(st, sql, &q, err);
    if (rc)
        return rc;
    long long seq = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) + 1 : 1;
    sqlite3_finalize(q);
    zx_date_to_ymd(on, &y, &mo, &d);
    snprintf(out, n, "%s-%04d-%06lld", prefix, y, seq);
    return ZX_OK;
}

static int step(struct zx_store *st, int64_t rid, const char *what, const char *who, int32_t on,
                const char *note, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc =
        zx_store__prep(st,
                       "INSERT INTO gov_suggestion_steps(sugg_rid, step, who, on_day, at, note)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       &q, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(q, 1, rid);
    sqlite3_bind_text(q, 2, what, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, on);
    sqlite3_bind_int64(q, 5, (int64_t)time(NULL));
    zx_store__bind_text(q, 6, note);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "suggestion step");
    sqlite3_finalize(q);
    return rc;
}

int zx_gov_store_insert(struct zx_store *st, struct zx_gov_suggestion *s, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = next_no(st, "gov_suggestions", "JCJY", s->drafted_on, s->no, sizeof s->no, err);
    if (rc)
        return rc;
    if ((rc = zx_store__prep(st,
                             "INSERT INTO gov_suggestions(" SUGG_COLS ") VALUES (?,?,?,?,?,?,?,?,?,"
                             "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             &q, err)))
        return rc;
    bind_sugg(q, s);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "suggestion");
    sqlite3_finalize(q);
    int64_t rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    if (!rc)
        rc = zx_ledger_record(st, "gov_suggestions", rid, "insert", NULL, 0, 0, s->drafted_on, err);
    if (!rc)
        rc = step(st, rid, "drafted", s->drafted_by, s->drafted_on, NULL, err);
    return rc;
}

int zx_gov_store_update(struct zx_store *st, const struct zx_gov_suggestion *s, const char *what,
                        const char *who, int32_t on, const char *note, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int64_t rid = 0;
    int rc = zx_store__prep(st, "SELECT id FROM gov_suggestions WHERE sugg_no = ?", &q, err);
    if (rc)
        return rc;
    sqlite3_bind_text(q, 1, s->no, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_ROW)
        rid = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    q = NULL;
    if (!rid)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_SUGGESTION, s->no);
    /* every column rewritten: the row is small and the workflow owns all of it */
    if ((rc = zx_store__prep(st,
                             "UPDATE gov_suggestions SET (" SUGG_COLS ") = (?,?,?,?,?,?,?,?,?,?,?,"
                             "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) WHERE id = ?31",
                             &q, err)))
        return rc;
    bind_sugg(q, s);
    sqlite3_bind_int64(q, SUGG_NCOLS + 1, rid);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "suggestion update");
    sqlite3_finalize(q);
    if (!rc)
        rc = zx_ledger_record(st, "gov_suggestions", rid, "update", NULL, 0, 0, on, err);
    if (!rc)
        rc = step(st, rid, what, who, on, note, err);
    return rc;
}

int zx_gov_store_add_hearing(struct zx_store *st, struct zx_gov_hearing *h, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = next_no(st, "gov_hearings", "TZ", h->held_on, h->no, sizeof h->no, err);
    if (!rc && !h->event_id[0]) /* the hearing's event bears its number */
        snprintf(h->event_id, sizeof h->event_id, "%s", h->no);
    if (rc || (rc = zx_store__prep(st,
                                   "INSERT INTO gov_hearings(hearing_no, case_id, unit_id, held_on,"
                                   " type, participants, opinions, outcome, followed, event_id,"
                                   " recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                   &q, err)))
        return rc;
    sqlite3_bind_text(q, 1, h->no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, h->case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, h->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 4, h->held_on);
    sqlite3_bind_text(q, 5, h->type, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, h->participants, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(q, 7, h->opinions);
    zx_store__bind_text(q, 8, h->outcome);
    if (h->followed >= 0)
        sqlite3_bind_int(q, 9, h->followed);
    sqlite3_bind_text(q, 10, h->event_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 11, h->recorded_by, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "hearing");
    sqlite3_finalize(q);
    return rc ? rc
              : zx_ledger_record(st, "gov_hearings", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                                 "insert", NULL, 0, 0, h->held_on, err);
}

int zx_gov_store_add_supervision(struct zx_store *st, struct zx_gov_supervision *v,
                                 struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = next_no(st, "gov_supervisions", "RMJD", v->on, v->no, sizeof v->no, err);
    if (!rc && !v->event_id[0])
        snprintf(v->event_id, sizeof v->event_id, "%s", v->no);
    if (rc || (rc = zx_store__prep(st,
                                   "INSERT INTO gov_supervisions(supervision_no, case_id, unit_id,"
                                   " supervisor, on_day, activity, opinion, event_id, recorded_by)"
                                   " VALUES (?,?,?,?,?,?,?,?,?)",
                                   &q, err)))
        return rc;
    sqlite3_bind_text(q, 1, v->no, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, v->case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, v->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 4, v->supervisor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 5, v->on);
    sqlite3_bind_text(q, 6, v->activity, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(q, 7, v->opinion);
    sqlite3_bind_text(q, 8, v->event_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 9, v->recorded_by, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "supervision");
    sqlite3_finalize(q);
    return rc ? rc
              : zx_ledger_record(st, "gov_supervisions",
                                 sqlite3_last_insert_rowid(zx_store_sqlite(st)), "insert", NULL, 0,
                                 0, v->on, err);
}

int zx_gov_store_get(struct zx_store *st, const char *no, struct zx_gov_suggestion *out,
                     struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc =
        zx_store__prep(st, "SELECT " SUGG_COLS " FROM gov_suggestions WHERE sugg_no = ?", &q, err);
    if (rc)
        return rc;
    sqlite3_bind_text(q, 1, no, -1, SQLITE_TRANSIENT);
    return zx_store__row(st, q, read_sugg, out, "suggestion", no, err);
}

int zx_gov_store_list(struct zx_store *st, const char *case_id, struct zx_gov_suggestion **out,
                      size_t *n, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT " SUGG_COLS " FROM gov_suggestions WHERE ?1 IS NULL"
                            " OR case_id = ?1 ORDER BY sugg_no",
                            &q, err);
    if (rc)
        return rc;
    zx_store__bind_text(q, 1, case_id);
    return zx_store__rows(st, q, sizeof **out, read_sugg, (void **)out, n, "suggestions", err);
}

static void read_steps_row(sqlite3_stmt *q, void *row)
{
    struct zx_gov_step *x = row;
    zx_store__col_text(q, 0, x->step, sizeof x->step);
    zx_store__col_text(q, 1, x->who, sizeof x->who);
    x->on = zx_store__col_date(q, 2);
    zx_store__col_text(q, 3, x->note, sizeof x->note);
}

int zx_gov_store_steps(struct zx_store *st, const char *no, struct zx_gov_step **out, size_t *n,
                       struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT t.step, t.who, t.on_day, t.note FROM gov_suggestion_steps t"
                            " JOIN gov_suggestions s ON s.id = t.sugg_rid WHERE s.sugg_no = ?"
                            " ORDER BY t.id",
                            &q, err);
    if (rc)
        return rc;
    sqlite3_bind_text(q, 1, no, -1, SQLITE_TRANSIENT);
    return zx_store__rows(st, q, sizeof **out, read_steps_row, (void **)out, n, "suggestion steps",
                          err);
}

static void read_hearings_row(sqlite3_stmt *q, void *row)
{
    struct zx_gov_hearing *x = row;
    zx_store__col_text(q, 0, x->no, sizeof x->no);
    zx_store__col_text(q, 1, x->case_id, sizeof x->case_id);
    zx_store__col_text(q, 2, x->unit_id, sizeof x->unit_id);
    x->held_on = zx_store__col_date(q, 3);
    zx_store__col_text(q, 4, x->type, sizeof x->type);
    zx_store__col_text(q, 5, x->participants, sizeof x->participants);
    zx_store__col_text(q, 6, x->opinions, sizeof x->opinions);
    zx_store__col_text(q, 7, x->outcome, sizeof x->outcome);
    x->followed = sqlite3_column_type(q, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(q, 8);
    zx_store__col_text(q, 9, x->event_id, sizeof x->event_id);
    zx_store__col_text(q, 10, x->recorded_by, sizeof x->recorded_by);
}

int zx_gov_store_hearings(struct zx_store *st, const char *case_id, struct zx_gov_hearing **out,
                          size_t *n, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT hearing_no, case_id, unit_id, held_on, type, participants,"
                            " opinions, outcome, followed, event_id, recorded_by FROM gov_hearings"
                            " WHERE ?1 IS NULL OR case_id = ?1 ORDER BY hearing_no",
                            &q, err);
    if (rc)
        return rc;
    zx_store__bind_text(q, 1, case_id);
    return zx_store__rows(st, q, sizeof **out, read_hearings_row, (void **)out, n, "hearings", err);
}

static void read_supervisions_row(sqlite3_stmt *q, void *row)
{
    struct zx_gov_supervision *x = row;
    zx_store__col_text(q, 0, x->no, sizeof x->no);
    zx_store__col_text(q, 1, x->case_id, sizeof x->case_id);
    zx_store__col_text(q, 2, x->unit_id, sizeof x->unit_id);
    zx_store__col_text(q, 3, x->supervisor, sizeof x->supervisor);
    x->on = zx_store__col_date(q, 4);
    zx_store__col_text(q, 5, x->activity, sizeof x->activity);
    zx_store__col_text(q, 6, x->opinion, sizeof x->opinion);
    zx_store__col_text(q, 7, x->event_id, sizeof x->event_id);
    zx_store__col_text(q, 8, x->recorded_by, sizeof x->recorded_by);
}

int zx_gov_store_supervisions(struct zx_store *st, const char *case_id,
                              struct zx_gov_supervision **out, size_t *n, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT supervision_no, case_id, unit_id, supervisor, on_day, activity,"
                            " opinion, event_id, recorded_by FROM gov_supervisions"
                            " WHERE ?1 IS NULL OR case_id = ?1 ORDER BY supervision_no",
                            &q, err);
    if (rc)
        return rc;
    zx_store__bind_text(q, 1, case_id);
    return zx_store__rows(st, q, sizeof **out, read_supervisions_row, (void **)out, n,
                          "supervisions", err);
}

int zx_gov_store_case(struct zx_store *st, const char *case_id, char unit_id[ZX_GOV_ID_MAX],
                      char handler_id[ZX_GOV_ID_MAX], char line[24], struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = zx_store__prep(st,
                            "SELECT u.unit_id, s.staff_id, (SELECT code FROM vocab WHERE"
                            " vocab = 'line' AND value = c.line) FROM cases c"
                            " JOIN units u ON u.id = c.unit_rid"
                            " LEFT JOIN staff s ON s.id = c.handler_rid WHERE c.case_id = ?",
                            &q, err);
    if (rc)
        return rc;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(q);
    if (r == SQLITE_ROW) {
        zx_store__col_text(q, 0, unit_id, ZX_GOV_ID_MAX);
        zx_store__col_text(q, 1, handler_id, ZX_GOV_ID_MAX);
        if (line)
            zx_store__col_text(q, 2, line, 24);
    } else if (r == SQLITE_DONE) {
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_CASE_DB, case_id);
    } else {
        rc = zx_store__db_err(st, err, "case");
    }
    sqlite3_finalize(q);
    return rc;
}

static void read_stats_row(sqlite3_stmt *q, void *row)
{
    struct zx_gov_stat *x = row;
    zx_store__col_text(q, 0, x->unit_id, sizeof x->unit_id);
    zx_store__col_text(q, 1, x->line, sizeof x->line);
    x->hearings = sqlite3_column_int64(q, 2);
    x->followed = sqlite3_column_int64(q, 3);
    x->supervisions = sqlite3_column_int64(q, 4);
}

int zx_gov_store_stats(struct zx_store *st, int32_t from, int32_t to, struct zx_gov_stat **out,
                       size_t *n, struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(
        st,
        "SELECT x.unit_id, (SELECT code FROM vocab WHERE vocab = 'line' AND value = c.line) AS ln,"
        " sum(x.h), sum(x.f), sum(x.s) FROM (SELECT unit_id, case_id, held_on AS d, 1 AS h,"
        " followed IS 1 AS f, 0 AS s FROM gov_hearings UNION ALL SELECT unit_id, case_id, on_day,"
        " 0, 0, 1 FROM gov_supervisions) x JOIN cases c ON c.case_id = x.case_id"
        " WHERE (?1 IS NULL OR x.d >= ?1) AND (?2 IS NULL OR x.d <= ?2)"
        " GROUP BY x.unit_id, ln ORDER BY x.unit_id, ln",
        &q, err);
    if (rc)
        return rc;
    zx_store__bind_date(q, 1, from);
    zx_store__bind_date(q, 2, to);
    return zx_store__rows(st, q, sizeof **out, read_stats_row, (void **)out, n,
                          "governance statistics", err);
}

int zx_gov_store_names(struct zx_store *st, const char *case_id, char unit_name[ZX_GOV_NAME_MAX],
                       char case_no[ZX_GOV_NAME_MAX], struct zx_err *err)
{
    sqlite3_stmt *q = NULL;
    int rc = zx_store__prep(st,
                            "SELECT u.name, coalesce(c.case_no, c.case_id) FROM cases c"
                            " JOIN units u ON u.id = c.unit_rid WHERE c.case_id = ?",
                            &q, err);
    if (rc)
        return rc;
    sqlite3_bind_text(q, 1, case_id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(q);
    if (r == SQLITE_ROW) {
        zx_store__col_text(q, 0, unit_name, ZX_GOV_NAME_MAX);
        zx_store__col_text(q, 1, case_no, ZX_GOV_NAME_MAX);
    } else {
        rc = r == SQLITE_DONE ? zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_CASE, case_id)
                              : zx_store__db_err(st, err, "case");
    }
    sqlite3_finalize(q);
    return rc;
}
