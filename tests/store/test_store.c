/* test_store.c — opening, migrating and refusing databases; transactions land whole;
 * the dates the data spans. */
#include "../zx_test.h"

#include "store/cases.h"
#include "store/schema.h"
#include "store/sql.h"
#include "store/store.h"
#include "util/date.h"

#include <sqlite3.h>

static void test_new_database_is_current(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/a.db", dir);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_version(st), zx_store_schema_version());
    assert_int_equal(zx_store_count(st, ZX_T_EVENTS), 0);
    zx_store_close(st);
    /* reopening an up-to-date database changes nothing */
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_version(st), zx_store_schema_version());
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

static void test_newer_database_refused(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/b.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(path, &st, &err), ZX_ESCHEMA);
    assert_null(st);
    assert_non_null(strstr(err.msg, "newer than this zhixiao"));
    zx_test_rmrf(dir);
    free(dir);
}

static int count_cb(void *ud, int n, const char *const *v, const char *const *names)
{
    (void)names;
    *(long *)ud = n > 0 && v[0] ? atol(v[0]) : -1;
    return 0;
}

static void test_rollback_leaves_nothing(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/c.db", dir);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_begin(st, &err), 0);
    struct zx_unit_row u = {{"U1", 2}, {"院", 3}, 2, 0};
    assert_int_equal(zx_store_bulk_begin(st, ZX_T_UNITS, &err), 0);
    assert_int_equal(zx_store_max_rid(st, ZX_T_UNITS), 0);
    assert_int_equal(zx_store_insert(st, ZX_T_UNITS, &u, 42, 7, &err), 0);
    assert_int_equal(zx_store_max_rid(st, ZX_T_UNITS), 7);
    zx_store_rollback(st);
    assert_int_equal(zx_store_count(st, ZX_T_UNITS), 0);
    /* the unique index dropped for the bulk load is back */
    long n = 0;
    assert_int_equal(zx_store_query(st, "SELECT count(*) FROM sqlite_schema WHERE name='units_xid'",
                                    count_cb, &n, &err),
                     0);
    assert_int_equal(n, 1);
    /* vocab mirrors the C tables */
    assert_int_equal(zx_store_query(st, "SELECT count(*) FROM vocab WHERE vocab='event_type'",
                                    count_cb, &n, &err),
                     0);
    assert_int_equal(n, 36);
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

/* A database left at schema version 1 by an older zhixiao is migrated on open, data kept. */
static void test_older_database_migrated(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/d.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, zx_schema_migration(1), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA user_version=1; INSERT INTO units(unit_id,name,level,"
                                  "row_hash) VALUES('U1','院',2,1)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_version(st), zx_store_schema_version());
    assert_int_equal(zx_store_count(st, ZX_T_UNITS), 1);
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

/* Migration 14 on a database at version 13 with a dataset: the dataset keeps its id, its
 * rows and rejects still point at it, it belongs to the root unit with the id
 * root:name@vN, and the ledger has an entry for the rewritten row. */
static void test_datasets_get_a_unit(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/d13.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    for (int v = 1; v <= 13; v++)
        assert_int_equal(sqlite3_exec(db, zx_schema_migration(v), NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "PRAGMA user_version=13;"
                     "INSERT INTO units(id,unit_id,name,level,parent_rid,row_hash)"
                     " VALUES(1,'P1','省院',1,NULL,1),(2,'K1','县院',3,1,1);"
                     "INSERT INTO datasets(id,dataset_id,name,version,file_hash,schema,unit_id,"
                     " added_at) VALUES(7,'roster@v2','roster',2,'ab','{}','K1',1);"
                     "INSERT INTO dataset_rows(dataset_rid,line,vals) VALUES(7,2,'{}'),(7,3,'{}');"
                     "INSERT INTO dataset_issues(dataset_rid,line,outcome,reason)"
                     " VALUES(7,4,'rejected','x');",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_version(st), zx_store_schema_version());
    sqlite3_stmt *s = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(zx_store_sqlite(st),
                           "SELECT id, dataset_id, unit_id, version,"
                           " (SELECT COUNT(*) FROM dataset_rows WHERE dataset_rid=d.id),"
                           " (SELECT COUNT(*) FROM dataset_issues WHERE dataset_rid=d.id),"
                           " (SELECT COUNT(*) FROM pragma_foreign_key_check),"
                           " (SELECT COUNT(*) FROM ledger WHERE tbl='datasets')"
                           " FROM datasets d",
                           -1, &s, NULL),
        SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 7);
    assert_string_equal((const char *)sqlite3_column_text(s, 1), "P1:roster@v2");
    assert_string_equal((const char *)sqlite3_column_text(s, 2), "P1");
    assert_int_equal(sqlite3_column_int(s, 3), 2);
    assert_int_equal(sqlite3_column_int(s, 4), 2);
    assert_int_equal(sqlite3_column_int(s, 5), 1);
    assert_int_equal(sqlite3_column_int(s, 6), 0);
    assert_int_equal(sqlite3_column_int(s, 7), 1);
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    /* the same name may now be registered by another unit */
    assert_int_equal(sqlite3_exec(zx_store_sqlite(st),
                                  "INSERT INTO datasets(dataset_id,name,version,file_hash,schema,"
                                  "unit_id,added_at) VALUES('K1:roster@v1','roster',1,'ab','{}',"
                                  "'K1',1)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

/* The dates the data spans: none on an empty database; the earliest 受理日期 and the latest
 * of 受理日期 and 结案日期, whichever case carries it. */
static void test_case_date_range(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), path[4200], sql[512];
    snprintf(path, sizeof path, "%s/r.db", dir);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    int32_t first = 0, last = 0;
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_case_date_range(st, &first, &last, &err), 0);
    assert_int_equal(first, ZX_DATE_NULL);
    assert_int_equal(last, ZX_DATE_NULL);
    int32_t a1 = zx_date_from_ymd(2021, 3, 5), a2 = zx_date_from_ymd(2023, 11, 30);
    int32_t c1 = zx_date_from_ymd(2024, 1, 2);
    snprintf(sql, sizeof sql,
             "INSERT INTO units(id, unit_id, name, level, row_hash) VALUES (1, 'U1', '院', 2, 0);"
             "INSERT INTO cases(id, case_id, unit_rid, accepted_on, closed_on, row_hash) VALUES"
             " (1, 'C1', 1, %d, %d, 0), (2, 'C2', 1, %d, NULL, 0), (3, 'C3', 1, NULL, NULL, 0);",
             (int)a1, (int)c1, (int)a2);
    assert_int_equal(sqlite3_exec(zx_store_sqlite(st), sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(zx_store_case_date_range(st, &first, &last, &err), 0);
    assert_int_equal(first, a1);
    assert_int_equal(last, c1); /* a case closed after the last one accepted */
    assert_int_equal(
        sqlite3_exec(zx_store_sqlite(st), "UPDATE cases SET closed_on = NULL", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(zx_store_case_date_range(st, &first, &last, &err), 0);
    assert_int_equal(last, a2);
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

/* Not-found errors: the English as before, the Chinese and the row for the kinds the web shows,
 * plain English for a kind without a row. */
static void test_not_found_messages(void **state)
{
    (void)state;
    struct zx_err e = {0};
    assert_int_equal(zx_store__not_found(&e, "office", "O1", 1), ZX_ENOTFOUND);
    assert_string_equal(e.msg, "no office 'O1' in the database");
    assert_string_equal(e.zh, "数据库中没有派驻检察室“O1”");
    assert_string_equal(zx_msg_key(e.id), "nf.office");
    zx_store__not_found(&e, "typical-case candidate", "TC-9", 0);
    assert_string_equal(e.msg, "no typical-case candidate 'TC-9'");
    assert_string_equal(e.zh, "没有典型案例候选“TC-9”");
    zx_store__not_found(&e, "case", "C1", 0);
    assert_string_equal(e.msg, "no case 'C1'");
    zx_store__not_found(&e, "case", "C1", 1);
    assert_string_equal(e.msg, "no case 'C1' in the database");
    assert_string_equal(e.zh, "数据库中没有案件“C1”");
    zx_store__not_found(&e, "institution", "J1", 1);
    assert_string_equal(e.zh, "数据库中没有监管场所“J1”");
    zx_store__not_found(&e, "convict", "J1", 1);
    assert_string_equal(e.msg, "no convict 'J1' in the database");
    assert_int_equal(e.id, ZX_M_NONE);
    assert_string_equal(e.zh, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_database_is_current),
        cmocka_unit_test(test_newer_database_refused),
        cmocka_unit_test(test_rollback_leaves_nothing),
        cmocka_unit_test(test_older_database_migrated),
        cmocka_unit_test(test_datasets_get_a_unit),
        cmocka_unit_test(test_case_date_range),
        cmocka_unit_test(test_not_found_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
