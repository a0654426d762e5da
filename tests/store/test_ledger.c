/* test_ledger.c — the hash chain of acts (store/ledger.h): rows written through the store
 * are recorded and verify; a rolled-back act leaves no entry and the chain goes on; each kind
 * of tampering is found at the right entry; acts recorded by other modules
 * (zx_ledger_record) are checked like contract rows. */
#include "../zx_test.h"

#include "store/ledger.h"
#include "store/store.h"
#include "util/date.h"

#include <sqlite3.h>

struct fx {
    char *dir;
    struct zx_store *st;
    int64_t ev; /* rid of the event under test */
};

static struct zx_text T(const char *s) {
    struct zx_text t = {s, s ? strlen(s) : 0};
    return t;
}

static void
exec_sql(struct zx_store *st, const char *sql)
{
    assert_int_equal(sqlite3_exec(zx_store_sqlite(st), sql, NULL, NULL, NULL), SQLITE_OK);
}

static int64_t scalar(struct zx_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t v = -1;
    assert_int_equal(sqlite3_prepare_v2(zx_store_sqlite(st), sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* a unit, two staff, a case, three events: 7 acts */
static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    struct zx_err err = {0};
    char path[4200];
    f->dir = zx_test_tmpdir();
    snprintf(path, sizeof path, "%s/l.db", f->dir);
    assert_int_equal(zx_store_open(path, &f->st, &err), 0);
    assert_int_equal(zx_store_begin(f->st, &err), 0);
    struct zx_unit_row u = {.unit_id = T("U1"), .name = T("某县院"), .level = 3};
    assert_int_equal(zx_store_insert(f->st, ZX_T_UNITS, &u, 1, 1, &err), 0);
    struct zx_staff_row s1 = {
        .staff_id = T("S1"), .name = T("张三"), .unit = 1, .role = 1, .is_leader = 0};
    struct zx_staff_row s2 = {
        .staff_id = T("S2"), .name = T("李四"), .unit = 1, .role = 1, .is_leader = 1};
    assert_int_equal(zx_store_insert(f->st, ZX_T_STAFF, &s1, 2, 1, &err), 0);
    assert_int_equal(zx_store_insert(f->st, ZX_T_STAFF, &s2, 3, 2, &err), 0);
    struct zx_case_row c = {.case_id = T("C1"),
                            .unit = 1,
                            .handler = 1,
                            .line = 1,
                            .accepted_on = zx_date_from_ymd(2024, 3, 1),
                            .closed_on = ZX_DATE_NULL,
                            .complex = 1};
    assert_int_equal(zx_store_insert(f->st, ZX_T_CASES, &c, 4, 1, &err), 0);
    for (int i = 1; i <= 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "E%d", i);
        struct zx_event_row e = {.event_id = T(id),
                                 .case_rid = 1,
                                 .type = 1,
                                 .handler = 1,
                                 .decider = 2,
                                 .date = zx_date_from_ymd(2024, 3, i),
                                 .amount = 2400.0,
                                 .has_amount = i == 2};
        assert_int_equal(zx_store_insert(f->st, ZX_T_EVENTS, &e, (uint64_t)(10 + i), i, &err), 0);
    }
    assert_int_equal(zx_store_commit(f->st, &err), 0);
    f->ev = 2;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void verify(struct fx *f, struct zx_ledger_report *rep)
{
    struct zx_err err = {0};
    assert_int_equal(zx_ledger_verify(f->st, rep, &err), 0);
}

static void test_written_rows_verify(void **state)
{
    struct fx *f = *state;
    struct zx_ledger_report rep;
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    assert_int_equal(rep.entries, 7);
    assert_int_equal(rep.rows, 7);
    assert_int_equal(strlen(rep.head), 64);
    /* the event's entry carries who and when */
    assert_int_equal(scalar(f->st, "SELECT handler_rid*10+decider_rid FROM ledger WHERE "
                                   "tbl='events' AND rid=2"),
                     12);
    assert_int_equal(scalar(f->st, "SELECT act_on FROM ledger WHERE tbl='events' AND rid=2"),
                     zx_date_from_ymd(2024, 3, 2));
    /* the entry is a BLAKE2b-256 hash, the content a BLAKE2b-128 one */
    assert_int_equal(scalar(f->st, "SELECT min(length(hash))*100+min(length(content)) FROM ledger"),
                     3216);
}

static void test_rollback_leaves_no_entry(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    struct zx_ledger_report rep;
    struct zx_event_row e = {.event_id = T("E9"), .case_rid = 1, .type = 1, .date = 19000};
    assert_int_equal(zx_store_begin(f->st, &err), 0);
    assert_int_equal(zx_store_insert(f->st, ZX_T_EVENTS, &e, 9, 9, &err), 0);
    zx_store_rollback(f->st);
    assert_int_equal(scalar(f->st, "SELECT count(*) FROM ledger"), 7);
    /* the chain goes on from the last committed entry */
    assert_int_equal(zx_store_begin(f->st, &err), 0);
    assert_int_equal(zx_store_insert(f->st, ZX_T_EVENTS, &e, 9, 9, &err), 0);
    assert_int_equal(zx_store_commit(f->st, &err), 0);
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    assert_int_equal(rep.entries, 8);
}

static void test_update_and_delete_are_acts(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    struct zx_ledger_report rep;
    struct zx_event_row e = {.event_id = T("E2"),
                             .case_rid = 1,
                             .type = 1,
                             .handler = 2,
                             .decider = 2,
                             .date = zx_date_from_ymd(2024, 4, 1)};
    int64_t imp = 0;
    assert_int_equal(zx_store_begin(f->st, &err), 0);
    assert_int_equal(zx_store_import_start(f->st, "b", &imp, &err), 0);
    assert_int_equal(zx_store_update(f->st, ZX_T_EVENTS, 2, &e, 99, imp, &err), 0);
    assert_int_equal(zx_store_set_event_ref(f->st, 3, 2, &err), 0);
    assert_int_equal(zx_store_delete(f->st, ZX_T_EVENTS, 1, &err), 0);
    assert_int_equal(zx_store_import_finish(f->st, imp, 3, 3, 0, 0, &err), 0);
    assert_int_equal(zx_store_commit(f->st, &err), 0);
    /* the import's acts carry its id; none after it finished */
    assert_int_equal(scalar(f->st, "SELECT count(*) FROM ledger WHERE import_rid IS NOT NULL"), 3);
    assert_int_equal(scalar(f->st, "SELECT count(*) FROM ledger WHERE op='update'"), 2);
    assert_int_equal(scalar(f->st, "SELECT count(*) FROM ledger WHERE op='delete' AND xid='E1'"),
                     1);
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    /* an updated row is checked against its latest entry: the old content is now wrong */
    exec_sql(f->st, "UPDATE events SET handler_rid=1 WHERE id=2");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_ALTERED);
    assert_int_equal(rep.first.seq, 8);
    assert_non_null(strstr(rep.first.what, "handler S2 -> S1"));
    /* the deleted row put back by hand */
    exec_sql(f->st, "UPDATE events SET handler_rid=2 WHERE id=2;"
                    "INSERT INTO events(id,event_id,case_rid,type,date,row_hash) "
                    "VALUES(1,'E1',1,1,19783,11)");
    verify(f, &rep);
    assert_int_equal(rep.problems, 1);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_INSERTED);
    assert_int_equal(rep.first.seq, 10);
}

static void test_row_tampering(void **state)
{
    struct fx *f = *state;
    struct zx_ledger_report rep;
    exec_sql(f->st, "UPDATE events SET date=date+1 WHERE id=3");
    exec_sql(f->st, "UPDATE events SET amount=2401 WHERE id=2");
    verify(f, &rep);
    assert_int_equal(rep.problems, 2);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_ALTERED);
    assert_int_equal(rep.first.seq, 6); /* the earlier of the two entries */
    assert_string_equal(rep.first.xid, "E2");
    assert_non_null(strstr(rep.first.what, "content"));
    exec_sql(f->st, "DELETE FROM events WHERE id=1");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_DELETED);
    assert_int_equal(rep.first.seq, 5);
    assert_string_equal(rep.first.tbl, "events");
}

static void test_entry_tampering(void **state)
{
    struct fx *f = *state;
    struct zx_ledger_report rep;
    exec_sql(f->st, "UPDATE ledger SET decider_rid=1 WHERE seq=6");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ENTRY_ALTERED);
    assert_int_equal(rep.first.seq, 6);
    exec_sql(f->st, "UPDATE ledger SET decider_rid=2 WHERE seq=6");
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    exec_sql(f->st, "UPDATE ledger SET seq=-1 WHERE seq=3; UPDATE ledger SET seq=3 WHERE seq=4;"
                    "UPDATE ledger SET seq=4 WHERE seq=-1");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ENTRY_REORDERED);
    assert_int_equal(rep.first.seq, 3);
    exec_sql(f->st, "UPDATE ledger SET seq=-1 WHERE seq=3; UPDATE ledger SET seq=3 WHERE seq=4;"
                    "UPDATE ledger SET seq=4 WHERE seq=-1; DELETE FROM ledger WHERE seq=5");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ENTRY_DELETED);
    assert_int_equal(rep.first.seq, 5);
}

static void test_recorded_acts_of_other_modules(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    struct zx_ledger_report rep;
    exec_sql(f->st, "INSERT INTO users(id,name,display_name,unit_id,pw_hash,created_at,"
                    "pw_changed_at) VALUES(5,'alice','甲','U1','x',0,0)");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_INSERTED); /* not yet recorded */
    assert_int_equal(zx_ledger_set_actor(f->st, "admin", &err), 0);
    assert_int_equal(zx_ledger_record(f->st, "users", 5, "insert", NULL, 0, 0, ZX_DATE_NULL, &err),
                     0);
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    assert_int_equal(scalar(f->st, "SELECT count(*) FROM ledger WHERE tbl='users' AND "
                                   "xid='alice' AND actor='admin'"),
                     1);
    exec_sql(f->st, "UPDATE users SET disabled=1 WHERE id=5");
    verify(f, &rep);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_ALTERED);
    assert_string_equal(rep.first.tbl, "users");
    assert_int_equal(zx_ledger_record(f->st, "users", 5, "update", NULL, 0, 0, ZX_DATE_NULL, &err),
                     0);
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    /* a table name is an identifier */
    assert_int_equal(
        zx_ledger_record(f->st, "users;drop", 5, "update", NULL, 0, 0, ZX_DATE_NULL, &err),
        ZX_EINVAL);
}

static int count_cb(void *ud, const struct zx_ledger_entry *e)
{
    int *n = ud;
    if (!strcmp(e->tbl, "events")) {
        assert_string_equal(e->handler_id, "S1");
        assert_string_equal(e->decider_name, "李四");
        assert_true(e->decider_leader);
        assert_string_equal(e->case_id, "C1");
        assert_int_equal(strlen(e->hash), 64);
    }
    (*n)++;
    return 0;
}

static void test_log_of_a_case(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    int n = 0;
    assert_int_equal(zx_ledger_each(f->st, "C1", 0, count_cb, &n, &err), 0);
    assert_int_equal(n, 4); /* the case and its three events */
    n = 0;
    assert_int_equal(zx_ledger_each(f->st, NULL, 2, count_cb, &n, &err), 0);
    assert_int_equal(n, 2);
}

/* The store hashes a row from the values it bound, not from the row read back: every kind
 * of value (a fractional and a whole real, NULLs, a hash with the top bit set, Chinese text)
 * must hash as the verifier's SELECT * sees it, on insert and on update. */
static void test_bound_values_hash_as_stored(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    struct zx_ledger_report rep;
    struct zx_event_row e = {.event_id = T("E4"),
                             .case_rid = 1,
                             .type = 1,
                             .date = zx_date_from_ymd(2024, 3, 4),
                             .amount = 2400.25,
                             .has_amount = 1,
                             .note = T("罚金 2400.25 元")};
    struct zx_document_row d = {.document_id = T("D1"),
                                .case_rid = 1,
                                .kind = 1,
                                .charges = T("盗窃罪"),
                                .term_months = 12,
                                .probation_months = ZX_STORE_NULL_INT,
                                .date = ZX_DATE_NULL,
                                .fine_yuan = 3000.0,
                                .has_fine = 1,
                                .facts = T("经审理查明")};
    int64_t imp = 0;
    assert_int_equal(zx_store_begin(f->st, &err), 0);
    assert_int_equal(zx_store_import_start(f->st, "b", &imp, &err), 0);
    assert_int_equal(zx_store_insert(f->st, ZX_T_EVENTS, &e, UINT64_MAX - 5, 4, &err), 0);
    assert_int_equal(zx_store_insert(f->st, ZX_T_DOCUMENTS, &d, 1ull << 63, 1, &err), 0);
    d.fine_yuan = 0.5;
    assert_int_equal(zx_store_update(f->st, ZX_T_DOCUMENTS, 1, &d, 77, imp, &err), 0);
    assert_int_equal(zx_store_import_finish(f->st, imp, 2, 2, 0, 0, &err), 0);
    assert_int_equal(zx_store_commit(f->st, &err), 0);
    verify(f, &rep);
    assert_int_equal(rep.problems, 0);
    assert_int_equal(rep.entries, 10);
    /* and a change to any of those values is still found */
    exec_sql(f->st, "UPDATE events SET amount=2400.5 WHERE id=4");
    verify(f, &rep);
    assert_int_equal(rep.problems, 1);
    assert_int_equal(rep.first.kind, ZX_LEDGER_ROW_ALTERED);
    assert_string_equal(rep.first.xid, "E4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_written_rows_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_no_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_and_delete_are_acts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_row_tampering, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entry_tampering, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recorded_acts_of_other_modules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_of_a_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bound_values_hash_as_stored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
