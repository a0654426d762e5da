/* test_views.c — the cross-table read views (store/views.h) and the small reads of store.h
 * (store_lookup.c) over a hand-made database: rows found in the order asked, missing ones
 * skipped, nulls as NULL / 0 / ZX_DATE_NULL, a callback's value stopping the walk. */
#include "../zx_test.h"

#include "store/store.h"
#include "store/views.h"
#include "util/date.h"

#include <sqlite3.h>

static const char rows[] =
    "INSERT INTO units(id, unit_id, name, level, parent_rid, row_hash) VALUES"
    " (1, 'U0', '市院', 1, NULL, 0), (2, 'U2', '区院', 2, 1, 0), (3, 'U1', NULL, 2, 1, 0);"
    "INSERT INTO staff(id, staff_id, unit_rid, name, role, is_leader, row_hash) VALUES"
    " (1, 'S1', 2, '张三', 1, 0, 0), (2, 'S2', 2, '李四', 2, 1, 0), (3, 'S3', 2, NULL, 1,"
    " NULL, 0);"
    "INSERT INTO cases(id, case_id, unit_rid, case_no, line, charge, accepted_on, closed_on,"
    " handler_rid, complex, row_hash) VALUES"
    " (1, 'C1', 2, 'No1', 1, '盗窃罪', 19000, NULL, 1, 1, 0),"
    " (2, 'C2', 3, NULL, NULL, NULL, NULL, 19100, NULL, NULL, 0);"
    "INSERT INTO persons(id, person_id, case_rid, role, name, id_number, gender, birth_date,"
    " row_hash) VALUES (1, 'P1', 1, 1, '王五', '110101199001011234', 1, 7305, 0),"
    " (2, 'P2', 1, NULL, NULL, NULL, NULL, NULL, 0);"
    "INSERT INTO events(id, event_id, case_rid, person_rid, type, date, handler_rid,"
    " decider_rid, result, ref_rid, amount, note, row_hash) VALUES"
    " (1, 'E1', 1, 1, 3, 19010, 1, 2, 2, NULL, 12.5, '注', 0),"
    " (2, 'E2', 1, NULL, 4, 19005, 2, NULL, NULL, 1, NULL, NULL, 0),"
    " (3, 'E3', 2, NULL, 4, 19200, NULL, NULL, NULL, NULL, NULL, NULL, 0);"
    "INSERT INTO institutions(id, institution_id, name, unit_rid, row_hash) VALUES"
    " (1, 'I1', '监狱', 2, 0), (2, 'I2', '看守所', NULL, 0);"
    "INSERT INTO convicts(id, convict_id, name, id_number, institution_rid, row_hash) VALUES"
    " (1, 'V1', '赵六', '110101198001011234', 1, 0), (2, 'V2', NULL, NULL, 2, 0),"
    " (3, 'V3', NULL, NULL, NULL, 0);"
    "INSERT INTO documents(id, document_id, case_rid, facts, row_hash) VALUES"
    " (1, 'D1', 2, 'f', 0), (2, 'D2', 1, 'f', 0), (3, 'D3', 1, 'f', 0), (4, 'D4', NULL, 'f', 0);";

static struct zx_store *open_filled(char **dir)
{
    char path[4200];
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    *dir = zx_test_tmpdir();
    snprintf(path, sizeof path, "%s/v.db", *dir);
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    char *msg = NULL;
    int rc = sqlite3_exec(zx_store_sqlite(st), rows, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "%s\n", msg);
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
    return st;
}

static void close_filled(struct zx_store *st, char *dir)
{
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

/* what the case callbacks saw */
struct seen {
    size_t n, idx[8];
    char text[8][64];
    int stop_at; /* return 7 on this call (1-based), 0 never */
};

static int on_case(void *ud, size_t i, const struct zx_view_case *c)
{
    struct seen *s = ud;
    s->idx[s->n] = i;
    snprintf(s->text[s->n], sizeof s->text[0], "%s|%s|%s|%s|%s|%d|%d|%d|%d", c->case_id,
             c->case_no ? c->case_no : "-", c->unit_id, c->unit_name ? c->unit_name : "-",
             c->handler_name ? c->handler_name : "-", c->line, c->complex,
             c->accepted_on == ZX_DATE_NULL ? -1 : (int)c->accepted_on,
             c->closed_on == ZX_DATE_NULL ? -1 : (int)c->closed_on);
    s->n++;
    return s->stop_at && (int)s->n == s->stop_at ? 7 : 0;
}

static void test_cases(void **state)
{
    (void)state;
    char *dir;
    struct zx_store *st = open_filled(&dir);
    struct zx_err err = {0};
    struct seen s = {0};
    const int64_t rids[] = {2, 99, 1};
    assert_int_equal(zx_store_view_cases_by_rid(st, rids, 3, on_case, &s, &err), ZX_OK);
    assert_int_equal(s.n, 2); /* rid 99 does not exist: skipped */
    assert_int_equal(s.idx[0], 0);
    assert_int_equal(s.idx[1], 2);
    assert_string_equal(s.text[0], "C2|-|U1|-|-|0|0|-1|19100");
    assert_string_equal(s.text[1], "C1|No1|U2|区院|张三|1|1|19000|-1");
    /* a callback's non-zero value stops the walk and is returned */
    memset(&s, 0, sizeof s);
    s.stop_at = 1;
    assert_int_equal(zx_store_view_cases_by_rid(st, rids, 3, on_case, &s, &err), 7);
    assert_int_equal(s.n, 1);
    /* by external id: one call, or none */
    memset(&s, 0, sizeof s);
    assert_int_equal(zx_store_view_case(st, "C1", on_case, &s, &err), ZX_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.text[0], "C1|No1|U2|区院|张三|1|1|19000|-1");
    assert_int_equal(zx_store_view_case(st, "C9", on_case, &s, &err), ZX_OK);
    assert_int_equal(s.n, 1);
    int yes = -1;
    assert_int_equal(zx_store_view_case_handled_by(st, 1, "S2", &yes, &err), ZX_OK);
    assert_int_equal(yes, 1);
    assert_int_equal(zx_store_view_case_handled_by(st, 2, "S2", &yes, &err), ZX_OK);
    assert_int_equal(yes, 0);
    close_filled(st, dir);
}

struct lines {
    size_t n;
    char text[8][160];
};

static int on_person(void *ud, size_t i, const struct zx_view_person *p)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%zu:%s|%s|%s|%d|%d|%d", i, p->person_id,
             p->name ? p->name : "-", p->id_number ? p->id_number : "-", p->role, p->gender,
             p->birth_date == ZX_DATE_NULL ? -1 : (int)p->birth_date);
    return 0;
}

static int on_event(void *ud, size_t i, const struct zx_view_event *e)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%zu:%s|%d|%d|%d|%s|%s/%d/%d|%s/%d/%d|%s|%s|%s|%s",
             i, e->event_id, e->type, (int)e->date, e->result, e->person_id ? e->person_id : "-",
             e->handler_name ? e->handler_name : "-", e->handler_role, e->handler_leader,
             e->decider_name ? e->decider_name : "-", e->decider_role, e->decider_leader,
             e->ref_event_id ? e->ref_event_id : "-", e->has_amount ? "amt" : "-",
             e->note ? e->note : "-", e->ledger ? "ledger" : "-");
    return 0;
}

static void test_persons_and_events(void **state)
{
    (void)state;
    char *dir;
    struct zx_store *st = open_filled(&dir);
    struct zx_err err = {0};
    struct lines l = {0};
    assert_int_equal(zx_store_view_persons_of_case(st, 1, on_person, &l, &err), ZX_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.text[0], "0:P1|王五|110101199001011234|1|1|7305");
    assert_string_equal(l.text[1], "1:P2|-|-|0|0|-1");
    memset(&l, 0, sizeof l);
    const int64_t prid[] = {2, 5};
    assert_int_equal(zx_store_view_persons_by_rid(st, prid, 2, on_person, &l, &err), ZX_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.text[0], "0:P2|-|-|0|0|-1");
    /* a case's events by date: E2 (19005) before E1 (19010); nulls as NULL, 0 and -1 */
    memset(&l, 0, sizeof l);
    assert_int_equal(zx_store_view_events_of_case(st, 1, on_event, &l, &err), ZX_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.text[0], "0:E2|4|19005|0|-|李四/2/1|-/0/-1|E1|-|-|-");
    assert_string_equal(l.text[1], "1:E1|3|19010|2|P1|张三/1/0|李四/2/1|-|amt|注|-");
    /* by rid: the event's own columns only */
    memset(&l, 0, sizeof l);
    const int64_t erid[] = {3, 1};
    assert_int_equal(zx_store_view_events_by_rid(st, erid, 2, on_event, &l, &err), ZX_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.text[0], "0:E3|4|19200|0|-|-/-1/-1|-/-1/-1|-|-|-|-");
    assert_string_equal(l.text[1], "1:E1|3|19010|2|-|-/-1/-1|-/-1/-1|-|-|-|-");
    close_filled(st, dir);
}

static int on_convict(void *ud, size_t i, const struct zx_view_convict *c)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%zu:%s|%s|%s|%s|%s", i, c->convict_id,
             c->name ? c->name : "-", c->institution_id ? c->institution_id : "-",
             c->institution_name ? c->institution_name : "-", c->unit_id ? c->unit_id : "-");
    return 0;
}

static int on_pair(void *ud, int64_t a, int64_t b)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%lld>%lld", (long long)a, (long long)b);
    return 0;
}

static int on_doc_case(void *ud, int64_t case_rid, const char *unit_id, const char *handler)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%lld|%s|%s", (long long)case_rid, unit_id,
             handler ? handler : "-");
    return 0;
}

static void test_convicts_and_documents(void **state)
{
    (void)state;
    char *dir;
    struct zx_store *st = open_filled(&dir);
    struct zx_err err = {0};
    struct lines l = {0};
    const int64_t crid[] = {3, 1, 2};
    assert_int_equal(zx_store_view_convicts_by_rid(st, crid, 3, on_convict, &l, &err), ZX_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.text[0], "0:V3|-|-|-|-");
    assert_string_equal(l.text[1], "1:V1|赵六|I1|监狱|U2");
    assert_string_equal(l.text[2], "2:V2|-|I2|看守所|-");
    /* convicts held in an institution, with its unit (0: none) */
    memset(&l, 0, sizeof l);
    assert_int_equal(zx_store_view_convict_units(st, on_pair, &l, &err), ZX_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.text[0], "1>2");
    assert_string_equal(l.text[1], "2>0");
    /* cases with documents, once each, by rid; documents without a case left out */
    memset(&l, 0, sizeof l);
    assert_int_equal(zx_store_view_document_cases(st, on_doc_case, &l, &err), ZX_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.text[0], "1|U2|S1");
    assert_string_equal(l.text[1], "2|U1|-");
    close_filled(st, dir);
}

static int on_unit(void *ud, const char *unit_id, const char *name)
{
    struct lines *l = ud;
    snprintf(l->text[l->n++], sizeof l->text[0], "%s|%s", unit_id, name ? name : "-");
    return 0;
}

static void test_lookups(void **state)
{
    (void)state;
    char *dir;
    struct zx_store *st = open_filled(&dir);
    struct zx_err err = {0};
    int32_t as_of = 0;
    assert_int_equal(zx_store_events_as_of(st, 19100, &as_of, &err), ZX_OK);
    assert_int_equal(as_of, 19010);
    assert_int_equal(zx_store_events_as_of(st, 19000, &as_of, &err), ZX_OK);
    assert_int_equal(as_of, ZX_DATE_NULL);
    char root[8] = "x";
    assert_int_equal(zx_store_root_unit(st, root, sizeof root, &err), ZX_OK);
    assert_string_equal(root, "U0");
    struct lines l = {0};
    assert_int_equal(zx_store_each_unit(st, on_unit, &l, &err), ZX_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.text[0], "U0|市院");
    assert_string_equal(l.text[1], "U1|-");
    assert_string_equal(l.text[2], "U2|区院");
    char name[64] = "kept";
    int found = -1;
    assert_int_equal(zx_store_staff_name(st, "S2", name, sizeof name, &found, &err), ZX_OK);
    assert_int_equal(found, 1);
    assert_string_equal(name, "李四");
    snprintf(name, sizeof name, "kept");
    assert_int_equal(zx_store_staff_name(st, "S3", name, sizeof name, &found, &err), ZX_OK);
    assert_int_equal(found, 0); /* no name */
    assert_string_equal(name, "kept");
    assert_int_equal(zx_store_staff_name(st, "x' OR '1'='1", name, sizeof name, &found, &err),
                     ZX_OK);
    assert_int_equal(found, 0);
    close_filled(st, dir);
    /* an empty database: no root unit */
    st = NULL;
    dir = zx_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/e.db", dir);
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(zx_store_root_unit(st, root, sizeof root, &err), ZX_OK);
    assert_string_equal(root, "");
    close_filled(st, dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_persons_and_events),
        cmocka_unit_test(test_convicts_and_documents),
        cmocka_unit_test(test_lookups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
