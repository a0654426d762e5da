/* store_datasets.c — external datasets, model runs and leads on SQLite (datasets.h). */
#include "store/datasets.h"

#include "model/vocab.h"
#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SUBTREE                                                                                    \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id = ?1 UNION ALL"                 \
    " SELECT u.id FROM units u JOIN sub ON u.parent_rid = sub.id) "

static void cpy(char *dst, size_t n, const unsigned char *src)
{
    snprintf(dst, n, "%s", src ? (const char *)src : "");
}

static int step_done(struct zx_store *st, sqlite3_stmt *s, const char *what, struct zx_err *err)
{
    int r = sqlite3_step(s);
    return r == SQLITE_DONE || r == SQLITE_ROW ? ZX_OK : zx_store__db_err(st, err, what);
}

#define META_COLS                                                                                  \
    "id, dataset_id, name, version, title, source_org, received_on, file_name, file_hash,"         \
    " unit_id, rows_read, imported, rejected, warnings, added_at, added_by"

static void read_meta(sqlite3_stmt *s, struct zx_dataset_meta *m)
{
    memset(m, 0, sizeof *m);
    m->rid = sqlite3_column_int64(s, 0);
    cpy(m->dataset_id, sizeof m->dataset_id, sqlite3_column_text(s, 1));
    cpy(m->name, sizeof m->name, sqlite3_column_text(s, 2));
    m->version = sqlite3_column_int(s, 3);
    cpy(m->title, sizeof m->title, sqlite3_column_text(s, 4));
    cpy(m->source_org, sizeof m->source_org, sqlite3_column_text(s, 5));
    m->received_on = zx_store__col_date(s, 6);
    cpy(m->file_name, sizeof m->file_name, sqlite3_column_text(s, 7));
    cpy(m->file_hash, sizeof m->file_hash, sqlite3_column_text(s, 8));
    cpy(m->unit_id, sizeof m->unit_id, sqlite3_column_text(s, 9));
    m->rows_read = sqlite3_column_int64(s, 10);
    m->imported = sqlite3_column_int64(s, 11);
    m->rejected = sqlite3_column_int64(s, 12);
    m->warnings = sqlite3_column_int64(s, 13);
    m->added_at = sqlite3_column_int64(s, 14);
    cpy(m->added_by, sizeof m->added_by, sqlite3_column_text(s, 15));
}

static int one_meta(struct zx_store *st, sqlite3_stmt *s, struct zx_dataset_meta *out, int *found,
                    struct zx_err *err)
{
    int rc = ZX_OK, r = sqlite3_step(s);
    *found = 0;
    if (r == SQLITE_ROW) {
        read_meta(s, out);
        *found = 1;
    } else if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "dataset");
    sqlite3_finalize(s);
    return rc;
}

int zx_dataset_find(struct zx_store *st, const char *unit_id, const char *name, const char *hash,
                    struct zx_dataset_meta *out, int *found, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            hash ? "SELECT " META_COLS " FROM datasets WHERE unit_id = ?"
                                   " AND name = ? AND file_hash = ?"
                                 : "SELECT " META_COLS " FROM datasets WHERE unit_id = ?"
                                   " AND name = ? ORDER BY version DESC LIMIT 1",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id ? unit_id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
    if (hash)
        sqlite3_bind_text(s, 3, hash, -1, SQLITE_TRANSIENT);
    return one_meta(st, s, out, found, err);
}

int zx_dataset_get(struct zx_store *st, const char *dataset_id, struct zx_dataset_meta *out,
                   int *found, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT " META_COLS " FROM datasets WHERE dataset_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, dataset_id, -1, SQLITE_TRANSIENT);
    return one_meta(st, s, out, found, err);
}

int zx_dataset_insert(struct zx_store *st, struct zx_dataset_meta *m, const char *schema,
                      struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT IFNULL(MAX(version), 0) + 1 FROM datasets WHERE unit_id = ?"
                            " AND name = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, m->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, m->name, -1, SQLITE_TRANSIENT);
    m->version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
    sqlite3_finalize(s);
    snprintf(m->dataset_id, sizeof m->dataset_id, "%s:%s@v%d", m->unit_id, m->name, m->version);
    m->added_at = (int64_t)time(NULL);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO datasets(dataset_id, name, version, title, source_org,"
                             " received_on, file_name, file_hash, schema, unit_id, added_at,"
                             " added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, m->dataset_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, m->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 3, m->version);
    zx_store__bind_text(s, 4, m->title);
    zx_store__bind_text(s, 5, m->source_org);
    zx_store__bind_date(s, 6, m->received_on);
    zx_store__bind_text(s, 7, m->file_name);
    sqlite3_bind_text(s, 8, m->file_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, schema, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, m->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 11, m->added_at);
    zx_store__bind_text(s, 12, m->added_by);
    rc = step_done(st, s, "dataset", err);
    sqlite3_finalize(s);
    if (!rc)
        m->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    return rc;
}

int zx_dataset_put_row(struct zx_store *st, int64_t ds, long line, const char *id_number,
                       int id_flag, const char *name, int32_t birth, const char *vals,
                       const char *raw, size_t raw_len, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT INTO dataset_rows(dataset_rid, line, id_number, id_flag, name,"
                            " birth_date, vals, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, ds);
    sqlite3_bind_int64(s, 2, line);
    zx_store__bind_text(s, 3, id_number);
    sqlite3_bind_int(s, 4, id_flag);
    zx_store__bind_text(s, 5, name);
    zx_store__bind_date(s, 6, birth);
    sqlite3_bind_text(s, 7, vals, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, raw, (int)raw_len, SQLITE_TRANSIENT);
    rc = step_done(st, s, "dataset row", err);
    sqlite3_finalize(s);
    return rc;
}

int zx_dataset_put_issue(struct zx_store *st, int64_t ds, long line, const char *column,
                         const char *outcome, const char *reason, const char *reason_zh,
                         const char *raw, size_t raw_len, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT INTO dataset_issues(dataset_rid, line, col, outcome, reason,"
                            " raw, reason_zh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, ds);
    sqlite3_bind_int64(s, 2, line);
    zx_store__bind_text(s, 3, column);
    sqlite3_bind_text(s, 4, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, reason, -1, SQLITE_TRANSIENT);
    if (raw)
        sqlite3_bind_text(s, 6, raw, (int)raw_len, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 7, reason_zh);
    rc = step_done(st, s, "dataset issue", err);
    sqlite3_finalize(s);
    return rc;
}

int zx_dataset_finish(struct zx_store *st, struct zx_dataset_meta *m, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "UPDATE datasets SET rows_read = ?, imported = ?, rejected = ?,"
                            " warnings = ? WHERE id = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, m->rows_read);
    sqlite3_bind_int64(s, 2, m->imported);
    sqlite3_bind_int64(s, 3, m->rejected);
    sqlite3_bind_int64(s, 4, m->warnings);
    sqlite3_bind_int64(s, 5, m->rid);
    rc = step_done(st, s, "dataset", err);
    sqlite3_finalize(s);
    return rc ? rc
              : zx_ledger_record(st, "datasets", m->rid, "insert", NULL, 0, 0, m->received_on, err);
}

static int list_meta(struct zx_store *st, sqlite3_stmt *s, zx_dataset_cb cb, void *ud,
                     struct zx_err *err)
{
    struct zx_dataset_meta m;
    int r, rc = ZX_OK;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        read_meta(s, &m);
        if ((rc = cb(ud, &m)))
            break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "datasets");
    sqlite3_finalize(s);
    return rc;
}

/* the unit ids of the subtree of ?1, or every unit id when ?1 is NULL (datasets may name a
 * unit the units table lacks, e.g. "" before any unit is imported) */
#define IN_SCOPE                                                                                   \
    " (?1 IS NULL OR unit_id IN (SELECT u.unit_id FROM units u JOIN sub ON sub.id = u.id))"

int zx_dataset_list(struct zx_store *st, const char *unit_id, zx_dataset_cb cb, void *ud,
                    struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            SUBTREE "SELECT " META_COLS " FROM datasets WHERE" IN_SCOPE
                                    " ORDER BY unit_id, name, version",
                            &s, err);
    if (rc)
        return rc;
    if (unit_id)
        sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    return list_meta(st, s, cb, ud, err);
}

int zx_dataset_latest(struct zx_store *st, const char *unit_id, const char *name, zx_dataset_cb cb,
                      void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            SUBTREE "SELECT " META_COLS " FROM datasets d WHERE" IN_SCOPE
                                    " AND name = ?2 AND version = (SELECT MAX(version)"
                                    " FROM datasets x WHERE x.unit_id = d.unit_id"
                                    " AND x.name = d.name) ORDER BY unit_id",
                            &s, err);
    if (rc)
        return rc;
    if (unit_id)
        sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, name, -1, SQLITE_TRANSIENT);
    return list_meta(st, s, cb, ud, err);
}

int zx_dataset_schema(struct zx_store *st, int64_t rid, char **out, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *out = NULL;
    int rc = zx_store__prep(st, "SELECT schema FROM datasets WHERE id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (!(*out = strdup((const char *)sqlite3_column_text(s, 0))))
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    } else
        rc = zx_err_set(err, ZX_ENOTFOUND, "no dataset %lld", (long long)rid);
    sqlite3_finalize(s);
    return rc;
}

int zx_dataset_rows(struct zx_store *st, int64_t rid, zx_dataset_row_cb cb, void *ud,
                    struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT line, id_number, name, birth_date, vals, raw FROM dataset_rows"
                            " WHERE dataset_rid = ? ORDER BY line",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW)
        if ((rc = cb(ud, (long)sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
                     (const char *)sqlite3_column_text(s, 2), zx_store__col_date(s, 3),
                     (const char *)sqlite3_column_text(s, 4),
                     (const char *)sqlite3_column_text(s, 5))))
            break;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "dataset rows");
    sqlite3_finalize(s);
    return rc;
}

int zx_dataset_issues(struct zx_store *st, int64_t rid, zx_dataset_issue_cb cb, void *ud,
                      struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT line, col, outcome, reason, raw, reason_zh FROM dataset_issues"
                            " WHERE dataset_rid = ? ORDER BY line, id",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, rid);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW)
        if ((rc = cb(
                 ud, (long)sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
                 (const char *)sqlite3_column_text(s, 2), (const char *)sqlite3_column_text(s, 3),
                 (const char *)sqlite3_column_text(s, 5), (const char *)sqlite3_column_text(s, 4))))
            break;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "dataset issues");
    sqlite3_finalize(s);
    return rc;
}

/* ---- case data ---- */

int zx_ds_convicts(struct zx_store *st, zx_ds_convict_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(
        st,
        "SELECT c.convict_id, c.name, c.id_number, c.charge,"
        " (SELECT code FROM vocab WHERE vocab='sentence_kind' AND value=c.sentence_kind),"
        " (SELECT code FROM vocab WHERE vocab='institution_kind' AND value=i.kind),"
        " (SELECT unit_id FROM units WHERE id=i.unit_rid), c.birth_date, c.sentence_start,"
        " c.term_months, c.pretrial_days,"
        " (SELECT MAX(IFNULL(ruled_on, proposed_on)) FROM sentence_changes x"
        "   WHERE x.convict_rid=c.id AND x.kind=(SELECT value FROM vocab"
        "   WHERE vocab='change_kind' AND code='temporary_release')),"
        " (SELECT (SELECT code FROM vocab WHERE vocab='ground' AND value=x.ground)"
        "   FROM sentence_changes x WHERE x.convict_rid=c.id AND x.kind=(SELECT value FROM vocab"
        "   WHERE vocab='change_kind' AND code='temporary_release')"
        "   ORDER BY IFNULL(x.ruled_on, x.proposed_on) DESC LIMIT 1)"
        " FROM convicts c LEFT JOIN institutions i ON i.id=c.institution_rid ORDER BY c.id",
        &s, err);
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_ds_convict c = {0};
#define T(i)                                                                                       \
    ((const char *)sqlite3_column_text(s, (i)) ? (const char *)sqlite3_column_text(s, (i)) : "")
        c.convict_id = T(0);
        c.name = T(1);
        c.id_number = T(2);
        c.charge = T(3);
        c.sentence_kind = T(4);
        c.institution_kind = T(5);
        c.unit_id = T(6);
        c.release_ground = T(12);
#undef T
        c.birth_date = zx_store__col_date(s, 7);
        c.sentence_start = zx_store__col_date(s, 8);
        c.term_months = sqlite3_column_type(s, 9) == SQLITE_NULL ? ZX_STORE_NULL_INT
                                                                 : sqlite3_column_int64(s, 9);
        int64_t pre = sqlite3_column_int64(s, 10);
        c.release_on = zx_store__col_date(s, 11);
        c.sentence_end = ZX_DATE_NULL;
        if (c.sentence_start != ZX_DATE_NULL && c.term_months != ZX_STORE_NULL_INT &&
            c.term_months > 0)
            c.sentence_end =
                zx_date_add_months(c.sentence_start, (int)c.term_months) - (int32_t)pre - 1;
        if ((rc = cb(ud, &c)))
            break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE && !rc)
        rc = zx_store__db_err(st, err, "convicts");
    sqlite3_finalize(s);
    return rc;
}

int zx_ds_unit_within(struct zx_store *st, const char *root_id, const char *unit_id, int *within,
                      struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            SUBTREE "SELECT COUNT(*) FROM units u JOIN sub ON sub.id = u.id"
                                    " WHERE u.unit_id = ?2",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, root_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, unit_id, -1, SQLITE_TRANSIENT);
    *within = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
    sqlite3_finalize(s);
    return ZX_OK;
}

int zx_ds_root_unit(struct zx_store *st, char out[ZX_DS_ID_MAX], struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    out[0] = '\0';
    int rc = zx_store__prep(st,
                            "SELECT unit_id FROM units WHERE parent_rid IS NULL ORDER BY id"
                            " LIMIT 1",
                            &s, err);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        cpy(out, ZX_DS_ID_MAX, sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return ZX_OK;
}

/* ---- runs and leads ---- */

int zx_lead_run_start(struct zx_store *st, const char *model, const char *model_hash,
                      const char *unit_id, int32_t as_of, const char *by, const char *datasets,
                      int64_t *run_rid, char run_id[ZX_DS_ID_MAX], struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT IFNULL(MAX(id), 0) + 1 FROM model_runs", &s, err);
    if (rc)
        return rc;
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
    sqlite3_finalize(s);
    snprintf(run_id, ZX_DS_ID_MAX, "RUN-%06lld", (long long)n);
    if ((rc = zx_store__prep(st,
                             "INSERT INTO model_runs(run_id, model, model_hash, unit_id, as_of,"
                             " ran_at, ran_by, datasets) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, run_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, model, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 3, model_hash);
    zx_store__bind_text(s, 4, unit_id);
    zx_store__bind_date(s, 5, as_of);
    sqlite3_bind_int64(s, 6, (int64_t)time(NULL));
    zx_store__bind_text(s, 7, by);
    zx_store__bind_text(s, 8, datasets);
    rc = step_done(st, s, "model run", err);
    sqlite3_finalize(s);
    if (!rc)
        *run_rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    return rc;
}

int zx_lead_run_finish(struct zx_store *st, int64_t run_rid, int64_t hits, int64_t new_leads,
                       struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc =
        zx_store__prep(st, "UPDATE model_runs SET hits = ?, new_leads = ? WHERE id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, hits);
    sqlite3_bind_int64(s, 2, new_leads);
    sqlite3_bind_int64(s, 3, run_rid);
    rc = step_done(st, s, "model run", err);
    sqlite3_finalize(s);
    return rc;
}

static int add_step(struct zx_store *st, int64_t lead, const char *what, const char *who,
                    int32_t on, const char *note, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT INTO lead_steps(lead_rid, step, who, on_day, at, note)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, lead);
    sqlite3_bind_text(s, 2, what, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 3, who);
    sqlite3_bind_int(s, 4, on);
    sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
    zx_store__bind_text(s, 6, note);
    rc = step_done(st, s, "lead step", err);
    sqlite3_finalize(s);
    return rc;
}

int zx_lead_insert(struct zx_store *st, int64_t run_rid, struct zx_lead *l, const char *by,
                   int *created, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *created = 0;
    int rc = zx_store__prep(st, "SELECT id, lead_id FROM leads WHERE model = ? AND hit_key = ?", &s,
                            err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, l->model, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, l->hit_key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        l->rid = sqlite3_column_int64(s, 0);
        cpy(l->lead_id, sizeof l->lead_id, sqlite3_column_text(s, 1));
        sqlite3_finalize(s);
        return ZX_OK;
    }
    sqlite3_finalize(s);
    if ((rc = zx_store__prep(st, "SELECT COUNT(*) + 1 FROM leads WHERE model = ?", &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, l->model, -1, SQLITE_TRANSIENT);
    int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
    sqlite3_finalize(s);
    snprintf(l->lead_id, sizeof l->lead_id, "XS-%s-%06lld", l->model, (long long)n);
    snprintf(l->status, sizeof l->status, "new");
    if ((rc = zx_store__prep(
             st,
             "INSERT INTO leads(lead_id, model, run_rid, hit_key, unit_id, person_name, id_number,"
             " title, basis, action, evidence, probability, status, created_on)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?)",
             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, l->lead_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, l->model, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, run_rid);
    sqlite3_bind_text(s, 4, l->hit_key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, l->unit_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 6, l->person_name);
    zx_store__bind_text(s, 7, l->id_number);
    sqlite3_bind_text(s, 8, l->title, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 9, l->basis);
    zx_store__bind_text(s, 10, l->action);
    sqlite3_bind_text(s, 11, l->evidence ? l->evidence : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(s, 12, l->probability);
    sqlite3_bind_int(s, 13, l->created_on);
    rc = step_done(st, s, "lead", err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    l->rid = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    *created = 1;
    if ((rc = add_step(st, l->rid, "created", by, l->created_on, NULL, err)))
        return rc;
    return zx_ledger_record(st, "leads", l->rid, "insert", NULL, 0, 0, l->created_on, err);
}

#define LEAD_COLS                                                                                  \
    "l.id, l.lead_id, l.model, l.hit_key, l.unit_id, l.person_name, l.id_number, l.title,"         \
    " l.basis, l.action, l.probability, l.status, l.assignee, l.created_on, l.verified_on,"        \
    " l.closed_on, l.finding, l.notes, l.attachments, l.case_id,"                                  \
    " (SELECT run_id FROM model_runs r WHERE r.id = l.run_rid), l.evidence"

static void read_lead(sqlite3_stmt *s, struct zx_lead *l)
{
    memset(l, 0, sizeof *l);
    l->rid = sqlite3_column_int64(s, 0);
    cpy(l->lead_id, sizeof l->lead_id, sqlite3_column_text(s, 1));
    cpy(l->model, sizeof l->model, sqlite3_column_text(s, 2));
    cpy(l->hit_key, sizeof l->hit_key, sqlite3_column_text(s, 3));
    cpy(l->unit_id, sizeof l->unit_id, sqlite3_column_text(s, 4));
    cpy(l->person_name, sizeof l->person_name, sqlite3_column_text(s, 5));
    cpy(l->id_number, sizeof l->id_number, sqlite3_column_text(s, 6));
    cpy(l->title, sizeof l->title, sqlite3_column_text(s, 7));
    cpy(l->basis, sizeof l->basis, sqlite3_column_text(s, 8));
    cpy(l->action, sizeof l->action, sqlite3_column_text(s, 9));
    l->probability = sqlite3_column_double(s, 10);
    cpy(l->status, sizeof l->status, sqlite3_column_text(s, 11));
    cpy(l->assignee, sizeof l->assignee, sqlite3_column_text(s, 12));
    l->created_on = zx_store__col_date(s, 13);
    l->verified_on = zx_store__col_date(s, 14);
    l->closed_on = zx_store__col_date(s, 15);
    cpy(l->finding, sizeof l->finding, sqlite3_column_text(s, 16));
    cpy(l->notes, sizeof l->notes, sqlite3_column_text(s, 17));
    cpy(l->attachments, sizeof l->attachments, sqlite3_column_text(s, 18));
    cpy(l->case_id, sizeof l->case_id, sqlite3_column_text(s, 19));
    cpy(l->run_id, sizeof l->run_id, sqlite3_column_text(s, 20));
}

int zx_lead_get(struct zx_store *st, const char *lead_id, struct zx_lead *l, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "SELECT " LEAD_COLS " FROM leads l WHERE l.lead_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, lead_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        read_lead(s, l);
        const char *ev = (const char *)sqlite3_column_text(s, 21);
        if (!(l->evidence = strdup(ev ? ev : "{}")))
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    } else
        rc = zx_err_set(err, ZX_ENOTFOUND, "no lead '%s'", lead_id);
    sqlite3_finalize(s);
    return rc;
}

int zx_lead_list(struct zx_store *st, const struct zx_lead_filter *f, zx_lead_cb cb, void *ud,
                 struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_lead l;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "%sSELECT " LEAD_COLS " FROM leads l%s WHERE (?2 IS NULL OR l.model = ?2)"
             " AND (?3 IS NULL OR l.status = ?3) AND (?4 IS NULL OR l.assignee = ?4)"
             " ORDER BY l.id",
             f && f->unit_id ? SUBTREE : "",
             f && f->unit_id
                 ? " JOIN units uu ON uu.unit_id = l.unit_id AND uu.id IN (SELECT id FROM sub)"
                 : "");
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    if (f && f->unit_id)
        sqlite3_bind_text(s, 1, f->unit_id, -1, SQLITE_TRANSIENT);
    if (f && f->model)
        sqlite3_bind_text(s, 2, f->model, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, 2);
    if (f && f->status)
        sqlite3_bind_text(s, 3, f->status, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, 3);
    if (f && f->assignee)
        sqlite3_bind_text(s, 4, f->assignee, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, 4);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        read_lead(s, &l);
        if ((rc = cb(ud, &l)))
            break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE && !rc)
        rc = zx_store__db_err(st, err, "leads");
    sqlite3_finalize(s);
    return rc;
}

static int write_lead(struct zx_store *st, const struct zx_lead *l, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "UPDATE leads SET status = ?, assignee = ?, verified_on = ?,"
                            " closed_on = ?, finding = ?, notes = ?, attachments = ?, case_id = ?"
                            " WHERE id = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, l->status, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 2, l->assignee);
    zx_store__bind_date(s, 3, l->verified_on);
    zx_store__bind_date(s, 4, l->closed_on);
    zx_store__bind_text(s, 5, l->finding);
    zx_store__bind_text(s, 6, l->notes);
    zx_store__bind_text(s, 7, l->attachments);
    zx_store__bind_text(s, 8, l->case_id);
    sqlite3_bind_int64(s, 9, l->rid);
    rc = step_done(st, s, "lead", err);
    sqlite3_finalize(s);
    return rc;
}

int zx_lead_update(struct zx_store *st, const struct zx_lead *l, const char *step, const char *who,
                   int32_t on, const char *note, struct zx_err *err)
{
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = write_lead(st, l, err)) || (rc = add_step(st, l->rid, step, who, on, note, err)) ||
        (rc = zx_ledger_record(st, "leads", l->rid, "update", NULL, 0, 0, on, err))) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

int zx_lead_steps(struct zx_store *st, int64_t lead_rid, zx_lead_step_cb cb, void *ud,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT step, who, on_day, note FROM lead_steps WHERE lead_rid = ?"
                            " ORDER BY id",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, lead_rid);
    while (sqlite3_step(s) == SQLITE_ROW)
        if ((rc = cb(ud, (const char *)sqlite3_column_text(s, 0),
                     (const char *)sqlite3_column_text(s, 1), zx_store__col_date(s, 2),
                     (const char *)sqlite3_column_text(s, 3))))
            break;
    sqlite3_finalize(s);
    return rc;
}

/* rid of a row of tbl by its external id (0 when none). tbl and col are constants. */
static int64_t rid_of(struct zx_store *st, const char *tbl, const char *col, const char *xid)
{
    sqlite3_stmt *s = NULL;
    char sql[160];
    int64_t rid = 0;
    struct zx_err e = {0};
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ?", tbl, col);
    if (zx_store__prep(st, sql, &s, &e))
        return 0;
    sqlite3_bind_text(s, 1, xid, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW)
        rid = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rid;
}

static struct zx_text tx(const char *s)
{
    struct zx_text t = {s && *s ? s : NULL, s ? strlen(s) : 0};
    return t;
}

int zx_lead_make_case(struct zx_store *st, struct zx_lead *l, const char *case_id,
                      const char *case_no, const char *handler_id, const char *event_type,
                      const char *result, int32_t on, const char *who, struct zx_err *err)
{
    int64_t unit = rid_of(st, "units", "unit_id", l->unit_id);
    int64_t handler = rid_of(st, "staff", "staff_id", handler_id);
    int type = zx_vocab_find(ZX_V_EVENT_TYPE, event_type, strlen(event_type));
    int res = result && *result ? zx_vocab_find(ZX_V_RESULT, result, strlen(result)) : 0;
    const struct zx_event_type_info *ti = zx_event_type_info(type);
    char evid[ZX_DS_ID_MAX + 8];
    if (!unit)
        return zx_err_set(err, ZX_EINVAL, "unknown unit '%s'", l->unit_id);
    if (!handler)
        return zx_err_set(err, ZX_EINVAL, "unknown staff '%s'", handler_id);
    if (!type || !ti || ti->level != 'C')
        return zx_err_set(err, ZX_EINVAL, "'%s' is not a case-level event type", event_type);
    if ((result && *result && !res) || (res && !(ti->results >> res & 1)) || (!res && ti->results))
        return zx_err_set(err, ZX_EINVAL, "result '%s' is not allowed for %s", result ? result : "",
                          event_type);
    if (rid_of(st, "cases", "case_id", case_id))
        return zx_err_set(err, ZX_EINVAL, "case '%s' exists already", case_id);
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    struct zx_case_row c = {0};
    c.case_id = tx(case_id);
    c.case_no = tx(case_no);
    c.charge = tx(NULL);
    c.unit = unit;
    c.handler = handler;
    c.line = zx_vocab_find(ZX_V_LINE, "criminal", 8);
    c.business = zx_vocab_find(ZX_V_BUSINESS, "execution", 9);
    c.kind = zx_vocab_find(ZX_V_CASE_KIND, "by_authority", 12);
    c.source = zx_vocab_find(ZX_V_CASE_SOURCE, "self_discovered", 15);
    c.complex = 0;
    c.accepted_on = on;
    c.closed_on = ZX_DATE_NULL;
    int64_t crid = zx_store_max_rid(st, ZX_T_CASES) + 1;
    if ((rc = zx_store_insert(st, ZX_T_CASES, &c, zx_store_workflow_hash(case_id, 0, on, 0), crid,
                              err)))
        goto fail;
    struct zx_event_row e = {0};
    snprintf(evid, sizeof evid, "%s-E1", case_id);
    e.event_id = tx(evid);
    e.note = tx(l->lead_id);
    e.case_rid = crid;
    e.handler = handler;
    e.type = type;
    e.result = res;
    e.date = on;
    if ((rc = zx_store_insert(st, ZX_T_EVENTS, &e,
                              zx_store_workflow_hash(evid, e.type, e.date, e.ref),
                              zx_store_max_rid(st, ZX_T_EVENTS) + 1, err)))
        goto fail;
    snprintf(l->status, sizeof l->status, "case");
    snprintf(l->case_id, sizeof l->case_id, "%s", case_id);
    l->closed_on = on;
    if ((rc = write_lead(st, l, err)) ||
        (rc = add_step(st, l->rid, "case", who, on, case_id, err)) ||
        (rc = zx_ledger_record(st, "leads", l->rid, "update", NULL, handler, 0, on, err)))
        goto fail;
    return zx_store_commit(st, err);
fail:
    zx_store_rollback(st);
    return rc;
}

int zx_lead_case_reply(struct zx_store *st, const struct zx_lead *l, const char *reply_type,
                       const char *result, int32_t on, const char *who, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char first[ZX_DS_ID_MAX + 8], evid[ZX_DS_ID_MAX + 24];
    int64_t crid = l->case_id[0] ? rid_of(st, "cases", "case_id", l->case_id) : 0;
    int type = zx_vocab_find(ZX_V_EVENT_TYPE, reply_type, strlen(reply_type));
    int res = result ? zx_vocab_find(ZX_V_RESULT, result, strlen(result)) : 0;
    const struct zx_event_type_info *ti = zx_event_type_info(type);
    if (!crid)
        return zx_err_set(err, ZX_EINVAL, "lead '%s' has no case", l->lead_id);
    if (!type || !ti || !ti->answers)
        return zx_err_set(err, ZX_EINVAL, "'%s' is not a reply event type", reply_type);
    if (!res || !(ti->results >> res & 1))
        return zx_err_set(err, ZX_EINVAL, "result '%s' is not allowed for %s", result ? result : "",
                          reply_type);
    snprintf(first, sizeof first, "%s-E1", l->case_id);
    int rc =
        zx_store__prep(st, "SELECT id, type, handler_rid FROM events WHERE event_id = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, first, -1, SQLITE_TRANSIENT);
    int64_t ref = 0, handler = 0;
    int ftype = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        ref = sqlite3_column_int64(s, 0);
        ftype = sqlite3_column_int(s, 1);
        handler = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    if (!ref || !(ti->answers >> ftype & 1))
        return zx_err_set(err, ZX_EINVAL, "%s does not answer the case's first event", reply_type);
    if ((rc = zx_store_begin(st, err)))
        return rc;
    int n = 2;
    do
        snprintf(evid, sizeof evid, "%s-E%d", l->case_id, n++);
    while (rid_of(st, "events", "event_id", evid));
    struct zx_event_row e = {0};
    e.event_id = tx(evid);
    e.note = tx(l->lead_id);
    e.case_rid = crid;
    e.handler = handler;
    e.type = type;
    e.result = res;
    e.date = on;
    e.ref = ref;
    if ((rc = zx_store_insert(st, ZX_T_EVENTS, &e,
                              zx_store_workflow_hash(evid, e.type, e.date, e.ref),
                              zx_store_max_rid(st, ZX_T_EVENTS) + 1, err)) ||
        (rc = add_step(st, l->rid, "reply", who, on, result, err)) ||
        (rc = zx_ledger_record(st, "leads", l->rid, "update", NULL, handler, 0, on, err))) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

int zx_lead_stats(struct zx_store *st, const char *unit_id, zx_lead_stat_cb cb, void *ud,
                  struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "%sSELECT l.model, l.unit_id, u.name, COUNT(*),"
             " SUM(l.finding IS NOT NULL), SUM(l.status = 'unfounded'), SUM(l.status = 'case'),"
             " SUM(EXISTS(SELECT 1 FROM events e JOIN cases c ON c.id = e.case_rid"
             "   WHERE c.case_id = l.case_id AND e.result IN (SELECT value FROM vocab"
             "   WHERE vocab = 'result' AND code IN ('rectified', 'adopted', 'supported'))"
             "   AND e.ref_rid IS NOT NULL))"
             " FROM leads l LEFT JOIN units u ON u.unit_id = l.unit_id%s"
             " GROUP BY l.model, l.unit_id ORDER BY l.model, l.unit_id",
             unit_id ? SUBTREE : "", unit_id ? " WHERE u.id IN (SELECT id FROM sub)" : "");
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    if (unit_id)
        sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_lead_stat x = {(const char *)sqlite3_column_text(s, 0),
                                 (const char *)sqlite3_column_text(s, 1),
                                 (const char *)sqlite3_column_text(s, 2),
                                 sqlite3_column_int64(s, 3),
                                 sqlite3_column_int64(s, 4),
                                 sqlite3_column_int64(s, 5),
                                 sqlite3_column_int64(s, 6),
                                 sqlite3_column_int64(s, 7)};
        if ((rc = cb(ud, &x)))
            break;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE && !rc)
        rc = zx_store__db_err(st, err, "lead stats");
    sqlite3_finalize(s);
    return rc;
}
