/* store_seal.c — the sealing rules' input, the `sealed` table and the guard views (seal.h). */
#include "store/seal.h"
#include "store/ledger.h"
#include "store/sql.h"
#include "model/vocab.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

static int vocab(enum zx_vocab v, const char *code)
{
    return zx_vocab_find(v, code, strlen(code));
}

int zx_store_seal_judgments(struct zx_store *st, zx_seal_judgment_cb cb, void *ud,
                            struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_seal_judgment j;
    /* the latest judgment of each suspect (main.: the rules read every record) */
    int rc = zx_store__prep(st,
                            "SELECT p.id, c.id, p.person_id, c.case_id, p.name, c.charge,"
                            " p.birth_date, c.accepted_on, e.date, e.result, e.amount,"
                            " NOT EXISTS(SELECT 1 FROM main.events n WHERE n.case_rid = c.id"
                            "  AND n.person_rid = p.id AND n.type = ?2)"
                            " FROM main.events e JOIN main.persons p ON p.id = e.person_rid"
                            " JOIN main.cases c ON c.id = e.case_rid"
                            " WHERE e.type = ?1 AND e.id = (SELECT max(x.id) FROM main.events x"
                            "  WHERE x.case_rid = e.case_rid AND x.person_rid = e.person_rid"
                            "  AND x.type = ?1)"
                            " ORDER BY p.id",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, ZX_EV_JUDGMENT);
    sqlite3_bind_int(s, 2, ZX_EV_NON_PROSECUTION);
    for (;;) {
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "judgments");
            goto cleanup;
        }
        memset(&j, 0, sizeof j);
        j.person_rid = sqlite3_column_int64(s, 0);
        j.case_rid = sqlite3_column_int64(s, 1);
        zx_store__col_text(s, 2, j.person_id, sizeof j.person_id);
        zx_store__col_text(s, 3, j.case_id, sizeof j.case_id);
        zx_store__col_text(s, 4, j.name, sizeof j.name);
        zx_store__col_text(s, 5, j.charge, sizeof j.charge);
        j.birth_date = zx_store__col_date(s, 6);
        j.accepted_on = zx_store__col_date(s, 7);
        j.date = zx_store__col_date(s, 8);
        j.result = sqlite3_column_int(s, 9);
        j.months = sqlite3_column_type(s, 10) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 10);
        j.prosecuted = sqlite3_column_int(s, 11);
        if (cb(ud, &j))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_store_seal_case_suspects(struct zx_store *st, zx_seal_case_cb cb, void *ud,
                                struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char id[128];
    int rc = zx_store__prep(st,
                            "SELECT c.id, c.case_id, count(p.id) FROM main.cases c"
                            " JOIN main.persons p ON p.case_rid = c.id AND p.role = ?"
                            " GROUP BY c.id ORDER BY c.id",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, vocab(ZX_V_PERSON_ROLE, "suspect"));
    for (;;) {
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "cases");
            goto cleanup;
        }
        zx_store__col_text(s, 1, id, sizeof id);
        if (cb(ud, sqlite3_column_int64(s, 0), id, sqlite3_column_int(s, 2)))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_store_seal_put(struct zx_store *st, const char *kind, int64_t rid, const char *xid,
                      const char *rule, const char *basis, int32_t sealed_on, int *added,
                      struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *added = 0;
    int rc = zx_store__prep(st,
                            "INSERT OR IGNORE INTO main.sealed(kind, rid, xid, rule, basis,"
                            " sealed_on, recorded_at) VALUES(?, ?, ?, ?, ?, ?,"
                            " strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
                            &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, kind);
    sqlite3_bind_int64(s, 2, rid);
    zx_store__bind_text(s, 3, xid);
    zx_store__bind_text(s, 4, rule);
    zx_store__bind_text(s, 5, basis);
    sqlite3_bind_int(s, 6, sealed_on);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "sealed");
        goto cleanup;
    }
    if (sqlite3_changes(zx_store_sqlite(st)) == 1) {
        *added = 1;
        rc = zx_ledger_record(st, "sealed", sqlite3_last_insert_rowid(zx_store_sqlite(st)),
                              "insert", xid, 0, 0, sealed_on, err);
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_store_seal_list(struct zx_store *st, const char *unit_id, zx_seal_row_cb cb, void *ud,
                       struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_seal_row row;
    int rc = zx_store__prep(
        st,
        "WITH RECURSIVE sub(id) AS (SELECT id FROM main.units WHERE unit_id = ?1"
        "  UNION ALL SELECT u.id FROM main.units u JOIN sub ON u.parent_rid = sub.id)"
        " SELECT s.kind, s.rid, s.xid, s.rule, s.basis, s.sealed_on, s.recorded_at,"
        "  CASE s.kind WHEN 'person' THEN p.name ELSE c.case_no END, c.case_id, u.unit_id"
        " FROM main.sealed s"
        " LEFT JOIN main.persons p ON s.kind = 'person' AND p.id = s.rid"
        " JOIN main.cases c ON c.id = CASE s.kind WHEN 'person' THEN p.case_rid ELSE s.rid END"
        " JOIN main.units u ON u.id = c.unit_rid"
        " WHERE ?1 IS NULL OR c.unit_rid IN sub"
        " ORDER BY s.kind DESC, s.id",
        &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    for (;;) {
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "sealed");
            goto cleanup;
        }
        memset(&row, 0, sizeof row);
        zx_store__col_text(s, 0, row.kind, sizeof row.kind);
        row.rid = sqlite3_column_int64(s, 1);
        zx_store__col_text(s, 2, row.xid, sizeof row.xid);
        zx_store__col_text(s, 3, row.rule, sizeof row.rule);
        zx_store__col_text(s, 4, row.basis, sizeof row.basis);
        row.sealed_on = zx_store__col_date(s, 5);
        zx_store__col_text(s, 6, row.recorded_at, sizeof row.recorded_at);
        zx_store__col_text(s, 7, row.name, sizeof row.name);
        zx_store__col_text(s, 8, row.case_id, sizeof row.case_id);
        zx_store__col_text(s, 9, row.unit_id, sizeof row.unit_id);
        if (cb(ud, &row))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

/* The views that shadow the contract tables while the guard is up. A person is hidden when
 * sealed or in a sealed case; an event when its case or its person is; a document and a
 * 流程监控通知书 by their case; a convict by the person it links to. */
#define SP "(SELECT rid FROM main.sealed WHERE kind='person')"
#define SC "(SELECT rid FROM main.sealed WHERE kind='case')"
static const char guard_sql[] =
    "CREATE TEMP VIEW cases AS SELECT * FROM main.cases WHERE id NOT IN " SC ";"
    "CREATE TEMP VIEW persons AS SELECT * FROM main.persons WHERE id NOT IN " SP
    " AND case_rid NOT IN " SC ";"
    "CREATE TEMP VIEW events AS SELECT * FROM main.events WHERE case_rid NOT IN " SC
    " AND (person_rid IS NULL OR person_rid NOT IN " SP ");"
    "CREATE TEMP VIEW documents AS SELECT * FROM main.documents WHERE case_rid IS NULL"
    " OR case_rid NOT IN " SC ";"
    "CREATE TEMP VIEW convicts AS SELECT * FROM main.convicts WHERE person_rid IS NULL"
    " OR person_rid NOT IN " SP ";"
    "CREATE TEMP VIEW mon_notices AS SELECT * FROM main.mon_notices WHERE case_id NOT IN"
    " (SELECT xid FROM main.sealed WHERE kind='case') AND (person_id IS NULL OR person_id"
    " NOT IN (SELECT xid FROM main.sealed WHERE kind='person'));"
    /* an import issue quotes its raw row: hidden when it names a sealed id anywhere */
    "CREATE TEMP VIEW import_issues AS SELECT * FROM main.import_issues i WHERE NOT EXISTS"
    " (SELECT 1 FROM main.sealed s WHERE instr(ifnull(i.raw, '') || ifnull(i.reason, ''),"
    " s.xid) > 0);";
static const char unguard_sql[] =
    "DROP VIEW IF EXISTS temp.cases; DROP VIEW IF EXISTS temp.persons;"
    "DROP VIEW IF EXISTS temp.events; DROP VIEW IF EXISTS temp.documents;"
    "DROP VIEW IF EXISTS temp.convicts; DROP VIEW IF EXISTS temp.mon_notices;"
    "DROP VIEW IF EXISTS temp.import_issues;";

int zx_store_seal_guard(struct zx_store *st, int hide, struct zx_err *err)
{
    int *flag = zx_store__seal_guard_flag(st);
    char *msg = NULL;
    hide = hide != 0;
    if (*flag == hide)
        return ZX_OK;
    sqlite3 *db = zx_store_sqlite(st);
    if (sqlite3_exec(db, hide ? guard_sql : unguard_sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = zx_err_set(err, ZX_ESTORE, "seal guard: %s", msg ? msg : "?");
        sqlite3_free(msg);
        if (hide) /* never leave half a guard: drop what was made, report the failure */
            sqlite3_exec(db, unguard_sql, NULL, NULL, NULL);
        return rc;
    }
    *flag = hide;
    return ZX_OK;
}

int zx_store_seal_guarded(struct zx_store *st)
{
    return *zx_store__seal_guard_flag(st);
}
