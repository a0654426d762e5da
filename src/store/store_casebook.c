/* store_casebook.c — 典型案例 candidates and their acts, 层级综合评价 entries (casebook.h). */
#include "store/casebook.h"

#include "model/vocab.h"
#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int zx_cb_case_get(struct zx_store *st, const char *case_id, struct zx_cb_case *out,
                   struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT c.case_id, c.case_no, u.unit_id, c.line, c.charge, f.staff_id,"
                            " c.closed_on FROM cases c JOIN units u ON u.id = c.unit_rid"
                            " LEFT JOIN staff f ON f.id = c.handler_rid WHERE c.case_id = ?",
                            &s, err);
    if (rc)
        return rc;
    memset(out, 0, sizeof *out);
    sqlite3_bind_text(s, 1, case_id, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        zx_store__col_text(s, 0, out->case_id, sizeof out->case_id);
        zx_store__col_text(s, 1, out->case_no, sizeof out->case_no);
        zx_store__col_text(s, 2, out->unit_id, sizeof out->unit_id);
        const char *l = sqlite3_column_type(s, 3) == SQLITE_NULL
                            ? NULL
                            : zx_vocab_code(ZX_V_LINE, sqlite3_column_int(s, 3));
        snprintf(out->line, sizeof out->line, "%s", l ? l : "");
        zx_store__col_text(s, 4, out->charge, sizeof out->charge);
        zx_store__col_text(s, 5, out->handler_id, sizeof out->handler_id);
        out->closed_on = zx_store__col_date(s, 6);
    } else if (r == SQLITE_DONE)
        rc = zx_store__not_found(err, "case", case_id, 0);
    else
        rc = zx_store__db_err(st, err, "case");
    sqlite3_finalize(s);
    return rc;
}

static const char cand_cols[] =
    "id, cand_id, case_id, unit_id, line, charge, handler_id, state, reason, nominated_by,"
    " nominated_on, title, facts, performance, significance, legal_basis, level, published_on";

static void read_cand(sqlite3_stmt *s, void *row)
{
    struct zx_cb_cand *c = row;
    memset(c, 0, sizeof *c);
    c->rid = sqlite3_column_int64(s, 0);
    zx_store__col_text(s, 1, c->cand_id, sizeof c->cand_id);
    zx_store__col_text(s, 2, c->case_id, sizeof c->case_id);
    zx_store__col_text(s, 3, c->unit_id, sizeof c->unit_id);
    zx_store__col_text(s, 4, c->line, sizeof c->line);
    zx_store__col_text(s, 5, c->charge, sizeof c->charge);
    zx_store__col_text(s, 6, c->handler_id, sizeof c->handler_id);
    zx_store__col_text(s, 7, c->state, sizeof c->state);
    zx_store__col_text(s, 8, c->reason, sizeof c->reason);
    zx_store__col_text(s, 9, c->nominated_by, sizeof c->nominated_by);
    c->nominated_on = zx_store__col_date(s, 10);
    zx_store__col_text(s, 11, c->title, sizeof c->title);
    zx_store__col_text(s, 12, c->facts, sizeof c->facts);
    zx_store__col_text(s, 13, c->performance, sizeof c->performance);
    zx_store__col_text(s, 14, c->significance, sizeof c->significance);
    zx_store__col_text(s, 15, c->legal_basis, sizeof c->legal_basis);
    zx_store__col_text(s, 16, c->level, sizeof c->level);
    c->published_on = zx_store__col_date(s, 17);
    /* the case number is not stored on the candidate: callers that show it look it up */
}

static int64_t count_rows(struct zx_store *st, const char *sql, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    if (zx_store__prep(st, sql, &s, err))
        return -1;
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return n;
}

int zx_cb_insert(struct zx_store *st, struct zx_cb_cand *c, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int y, mo, d, rc;
    zx_date_to_ymd(c->nominated_on, &y, &mo, &d);
    int64_t seq = count_rows(st, "SELECT count(*) FROM cb_candidates", err);
    if (seq < 0)
        return ZX_ESTORE;
    snprintf(c->cand_id, sizeof c->cand_id, "DXAL-%04d-%06lld", y, (long long)seq + 1);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO cb_candidates(cand_id, case_id, unit_id, line, charge,"
                             " handler_id, state, reason, nominated_by, nominated_on)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, c->cand_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, c->case_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, c->unit_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 4, c->line);
    zx_store__bind_text(s, 5, c->charge);
    zx_store__bind_text(s, 6, c->handler_id);
    sqlite3_bind_text(s, 7, c->state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, c->reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, c->nominated_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 10, c->nominated_on);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "candidate");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    c->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    return zx_ledger_record(st, "cb_candidates", c->rid, "insert", NULL, 0, 0, c->nominated_on,
                            err);
}

int zx_cb_update(struct zx_store *st, const struct zx_cb_cand *c, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "UPDATE cb_candidates SET state = ?, title = ?, facts = ?,"
                            " performance = ?, significance = ?, legal_basis = ?, level = ?,"
                            " published_on = ? WHERE id = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, c->state, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 2, c->title);
    zx_store__bind_text(s, 3, c->facts);
    zx_store__bind_text(s, 4, c->performance);
    zx_store__bind_text(s, 5, c->significance);
    zx_store__bind_text(s, 6, c->legal_basis);
    zx_store__bind_text(s, 7, c->level);
    zx_store__bind_date(s, 8, c->published_on);
    sqlite3_bind_int64(s, 9, c->rid);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "candidate");
    sqlite3_finalize(s);
    return rc ? rc
              : zx_ledger_record(st, "cb_candidates", c->rid, "update", NULL, 0, 0, ZX_DATE_NULL,
                                 err);
}

int zx_cb_step_add(struct zx_store *st, const struct zx_cb_cand *c, struct zx_cb_step *x,
                   struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT count(*) FROM cb_steps WHERE cand_rid = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, c->rid);
    int64_t k = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    s = NULL;
    snprintf(x->cand_id, sizeof x->cand_id, "%s", c->cand_id);
    snprintf(x->step_id, sizeof x->step_id, "%s/%lld", c->cand_id, (long long)k + 1);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO cb_steps(step_id, cand_rid, act, from_state, to_state,"
                             " who, date, note, level, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, x->step_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, c->rid);
    sqlite3_bind_text(s, 3, x->act, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 4, x->from_state);
    sqlite3_bind_text(s, 5, x->to_state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, x->who, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 7, x->date);
    zx_store__bind_text(s, 8, x->note);
    zx_store__bind_text(s, 9, x->level);
    sqlite3_bind_int64(s, 10, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "candidate step");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return zx_ledger_record(st, "cb_steps", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                            "insert", NULL, 0, 0, x->date, err);
}

int zx_cb_get(struct zx_store *st, const char *cand_id, struct zx_cb_cand *out, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM cb_candidates WHERE cand_id = ?", cand_cols);
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, cand_id, -1, SQLITE_TRANSIENT);
    return zx_store__row(st, s, read_cand, out, "typical-case candidate", cand_id, err);
}

int zx_cb_list(struct zx_store *st, const char *case_id, struct zx_cb_cand **out, size_t *n,
               struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[512];
    int rc;
    *out = NULL;
    *n = 0;
    snprintf(sql, sizeof sql, "SELECT %s FROM cb_candidates%s ORDER BY id", cand_cols,
             case_id ? " WHERE case_id = ?" : "");
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    if (case_id)
        sqlite3_bind_text(s, 1, case_id, -1, SQLITE_TRANSIENT);
    return zx_store__rows(st, s, sizeof **out, read_cand, (void **)out, n, "candidates", err);
}

static void read_steps_row(sqlite3_stmt *s, void *row)
{
    struct zx_cb_step *x = row;
    zx_store__col_text(s, 0, x->step_id, sizeof x->step_id);
    zx_store__col_text(s, 1, x->cand_id, sizeof x->cand_id);
    zx_store__col_text(s, 2, x->act, sizeof x->act);
    zx_store__col_text(s, 3, x->from_state, sizeof x->from_state);
    zx_store__col_text(s, 4, x->to_state, sizeof x->to_state);
    zx_store__col_text(s, 5, x->who, sizeof x->who);
    x->date = zx_store__col_date(s, 6);
    zx_store__col_text(s, 7, x->note, sizeof x->note);
    zx_store__col_text(s, 8, x->level, sizeof x->level);
}

int zx_cb_steps(struct zx_store *st, const char *cand_id, struct zx_cb_step **out, size_t *n,
                struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    *out = NULL;
    *n = 0;
    if ((rc = zx_store__prep(st,
                             cand_id ? "SELECT s.step_id, c.cand_id, s.act, s.from_state,"
                                       " s.to_state, s.who, s.date, s.note, s.level FROM cb_steps"
                                       " s JOIN cb_candidates c ON c.id = s.cand_rid"
                                       " WHERE c.cand_id = ? ORDER BY s.id"
                                     : "SELECT s.step_id, c.cand_id, s.act, s.from_state,"
                                       " s.to_state, s.who, s.date, s.note, s.level FROM cb_steps"
                                       " s JOIN cb_candidates c ON c.id = s.cand_rid ORDER BY s.id",
                             &s, err)))
        return rc;
    if (cand_id)
        sqlite3_bind_text(s, 1, cand_id, -1, SQLITE_TRANSIENT);
    return zx_store__rows(st, s, sizeof **out, read_steps_row, (void **)out, n, "candidate steps",
                          err);
}

int zx_ap_entry_add(struct zx_store *st, struct zx_ap_entry *e, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t seq = count_rows(st, "SELECT count(*) FROM ap_entries", err);
    if (seq < 0)
        return ZX_ESTORE;
    snprintf(e->entry_id, sizeof e->entry_id, "PJ-%04d-%06lld", e->year, (long long)seq + 1);
    int rc = zx_store__prep(st,
                            "INSERT INTO ap_entries(entry_id, unit_id, year, item_id, score,"
                            " reason, entered_by, date, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, e->entry_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, e->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 3, e->year);
    sqlite3_bind_text(s, 4, e->item_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(s, 5, e->score);
    sqlite3_bind_text(s, 6, e->reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 7, e->entered_by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 8, e->date);
    sqlite3_bind_int64(s, 9, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "appraisal entry");
    sqlite3_finalize(s);
    return rc ? rc
              : zx_ledger_record(st, "ap_entries", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                                 "insert", NULL, 0, 0, e->date, err);
}

static void read_entries_row(sqlite3_stmt *s, void *row)
{
    struct zx_ap_entry *e = row;
    zx_store__col_text(s, 0, e->entry_id, sizeof e->entry_id);
    zx_store__col_text(s, 1, e->unit_id, sizeof e->unit_id);
    e->year = sqlite3_column_int(s, 2);
    zx_store__col_text(s, 3, e->item_id, sizeof e->item_id);
    e->score = sqlite3_column_double(s, 4);
    zx_store__col_text(s, 5, e->reason, sizeof e->reason);
    zx_store__col_text(s, 6, e->entered_by, sizeof e->entered_by);
    e->date = zx_store__col_date(s, 7);
}

int zx_ap_entries(struct zx_store *st, int year, struct zx_ap_entry **out, size_t *n,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    *out = NULL;
    *n = 0;
    if ((rc = zx_store__prep(st,
                             "SELECT entry_id, unit_id, year, item_id, score, reason, entered_by,"
                             " date FROM ap_entries e WHERE year = ? AND id = (SELECT max(id)"
                             " FROM ap_entries f WHERE f.year = e.year AND f.unit_id = e.unit_id"
                             " AND f.item_id = e.item_id) ORDER BY unit_id, item_id",
                             &s, err)))
        return rc;
    sqlite3_bind_int(s, 1, year);
    return zx_store__rows(st, s, sizeof **out, read_entries_row, (void **)out, n,
                          "appraisal entries", err);
}

int zx_cb_units(struct zx_store *st, char (**ids)[ZX_CB_ID_MAX], char (**parents)[ZX_CB_ID_MAX],
                size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char(*a)[ZX_CB_ID_MAX] = NULL, (*b)[ZX_CB_ID_MAX] = NULL;
    int64_t cnt = count_rows(st, "SELECT count(*) FROM units", err);
    size_t k = 0;
    int r, rc;
    *ids = *parents = NULL;
    *n = 0;
    if (cnt < 0)
        return ZX_ESTORE;
    a = calloc((size_t)cnt + 1, sizeof *a);
    b = calloc((size_t)cnt + 1, sizeof *b);
    if (!a || !b) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    if ((rc = zx_store__prep(st,
                             "SELECT u.unit_id, p.unit_id FROM units u"
                             " LEFT JOIN units p ON p.id = u.parent_rid ORDER BY u.id",
                             &s, err)))
        goto cleanup;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && k < (size_t)cnt) {
        zx_store__col_text(s, 0, a[k], ZX_CB_ID_MAX);
        zx_store__col_text(s, 1, b[k], ZX_CB_ID_MAX);
        k++;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = zx_store__db_err(st, err, "units");
cleanup:
    sqlite3_finalize(s);
    if (rc) {
        free(a);
        free(b);
        return rc;
    }
    *ids = a;
    *parents = b;
    *n = k;
    return ZX_OK;
}
