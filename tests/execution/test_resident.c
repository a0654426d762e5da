/* test_resident.c — 派驻检察 rules over a snapshot built in memory: every item of the
 * compiled-in data/resident_checklists.json cites its basis; each frequency's gaps
 * (a working day, a whole week, a whole month); days on site 11 vs 12; rotation on the day 3
 * years end and the day after (and 29 February); staffing runs; bad checklists refused. */
#include "../zx_test.h"

#include "execution/resident.h"
#include "util/datafile.h"
#include "util/date.h"

static int32_t D(const char *s)
{
    int32_t d = ZX_DATE_NULL;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

static struct zx_res_rules *rules(void)
{
    struct zx_res_rules *r = NULL;
    struct zx_err err = {0};
    const char *t = zx_datafile_builtin("resident_checklists.json", NULL);
    assert_non_null(t);
    assert_int_equal(zx_res_rules_parse(t, strlen(t), "built-in", &r, &err), 0);
    return r;
}

static void test_checklist_basis(void **state)
{
    (void)state;
    struct zx_res_rules *r = rules();
    int prison = 0, house = 0;
    for (size_t i = 0; i < r->nitems; i++) {
        assert_true(r->items[i].source[0] && r->items[i].article[0] && r->items[i].freq);
        assert_non_null(strstr(r->items[i].source_title, "巡回检察工作规定"));
        prison += zx_res_item_applies(&r->items[i], 1);
        house += zx_res_item_applies(&r->items[i], 2);
    }
    assert_true(prison >= 12 && house >= 12);
    assert_true(zx_res_item_find(r, "D-INTERROGATION") >= 0);
    assert_int_equal(r->office.min_persons, 2);
    assert_int_equal(r->office.min_procurators, 1);
    assert_int_equal(r->office.min_days_month, 12);
    assert_int_equal(r->office.rotation_years, 3);
    zx_res_rules_free(r);
}

static void test_refusals(void **state)
{
    (void)state;
    struct zx_res_rules *r = NULL;
    struct zx_err err = {0};
    const char *bad[] = {
        "{\"schema\": \"zhixiao.resident_checklists\", \"items\": [",
        "{\"schema\": \"x\", \"items\": [], \"office_rules\": []}",
        /* no office rules */
        "{\"schema\": \"zhixiao.resident_checklists\", \"items\": [], \"office_rules\": []}",
        /* an unknown frequency */
        "{\"schema\": \"zhixiao.resident_checklists\", \"sources\": {\"X\": \"x\"}, \"items\": "
        "[{\"id\": \"A\", \"kind\": \"both\", \"area\": \"a\", \"item\": \"i\", \"frequency\": "
        "\"hourly\", \"category\": \"security\", \"source\": \"X\", \"article\": \"1\"}], "
        "\"office_rules\": []}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_not_equal(zx_res_rules_parse(bad[i], strlen(bad[i]), "t.json", &r, &err), 0);
        assert_null(r);
        assert_non_null(strstr(err.msg, "t.json"));
    }
    /* a syntax error names line and column */
    assert_int_not_equal(zx_res_rules_parse(bad[0], strlen(bad[0]), "t.json", &r, &err), 0);
    assert_non_null(strstr(err.msg, "t.json:1:"));
}

/* One detention-house office opened 2021-03-01 with the given assignments. */
struct fixture {
    struct zx_res_office office;
    struct zx_res_assign assigns[4];
    struct zx_res_log logs[64];
    struct zx_res_db db;
};

static void setup(struct fixture *x)
{
    memset(x, 0, sizeof *x);
    snprintf(x->office.office_id, sizeof x->office.office_id, "K1");
    x->office.opened_on = D("2021-03-01");
    x->office.inst_kind = 2;
    x->db.offices = &x->office;
    x->db.noffices = 1;
    x->db.assigns = x->assigns;
    x->db.logs = x->logs;
}

static void assign(struct fixture *x, const char *staff, int proc, const char *from, const char *to)
{
    struct zx_res_assign *a = &x->assigns[x->db.nassigns++];
    snprintf(a->staff_id, sizeof a->staff_id, "%s", staff);
    a->procurator = proc;
    a->from = D(from);
    a->to = to ? D(to) : ZX_DATE_NULL;
}

static void logat(struct fixture *x, const char *item, const char *day)
{
    struct zx_res_log *l = &x->logs[x->db.nlogs++];
    snprintf(l->item_id, sizeof l->item_id, "%s", item);
    l->on = D(day);
}

/* Gaps of kind (and item, when not NULL) over [from, to]; *count of the first. */
static int gaps(const struct zx_res_rules *r, struct fixture *x, const char *from, const char *to,
                int kind, const char *item, int *count, int32_t *gfrom)
{
    struct zx_res_report rep;
    struct zx_err err = {0};
    int n = 0;
    assert_int_equal(zx_res_gaps(r, &x->db, -1, D(from), D(to), &rep, &err), 0);
    for (size_t i = 0; i < rep.ngaps; i++)
        if (rep.gaps[i].kind == kind &&
            (!item || (rep.gaps[i].item >= 0 && !strcmp(r->items[rep.gaps[i].item].id, item)))) {
            if (!n && count)
                *count = rep.gaps[i].count;
            if (!n && gfrom)
                *gfrom = rep.gaps[i].from;
            n++;
        }
    zx_res_report_release(&rep);
    return n;
}

static void test_frequencies(void **state)
{
    (void)state;
    struct zx_res_rules *r = rules();
    struct fixture x;
    setup(&x);
    assign(&x, "P", 1, "2025-01-01", NULL);
    assign(&x, "A", 0, "2025-01-01", NULL);
    /* 2025-03-03 is a Monday: CCTV Monday..Thursday, none on Friday; weekend not counted */
    const char *cctv[] = {"2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"};
    for (size_t i = 0; i < 4; i++)
        logat(&x, "R-CCTV", cctv[i]);
    logat(&x, "R-CELL", "2025-03-09"); /* Sunday still in the week */
    int32_t first = 0;
    assert_int_equal(
        gaps(r, &x, "2025-03-03", "2025-03-09", ZX_RES_GAP_ITEM, "R-CCTV", NULL, &first), 1);
    assert_int_equal(first, D("2025-03-07"));
    assert_int_equal(gaps(r, &x, "2025-03-03", "2025-03-09", ZX_RES_GAP_ITEM, "R-CELL", NULL, NULL),
                     0);
    /* a partial week at the period's edge is not a gap; the whole week before is */
    assert_int_equal(
        gaps(r, &x, "2025-03-03", "2025-03-08", ZX_RES_GAP_ITEM, "R-MAILBOX", NULL, NULL), 0);
    assert_int_equal(
        gaps(r, &x, "2025-02-24", "2025-03-09", ZX_RES_GAP_ITEM, "R-MAILBOX", NULL, NULL), 2);
    /* monthly: only whole months; per-event items never */
    assert_int_equal(
        gaps(r, &x, "2025-03-02", "2025-04-30", ZX_RES_GAP_ITEM, "D-LIUSUO", NULL, NULL), 1);
    assert_int_equal(
        gaps(r, &x, "2025-03-01", "2025-04-30", ZX_RES_GAP_ITEM, "D-LIUSUO", NULL, NULL), 2);
    assert_int_equal(
        gaps(r, &x, "2025-03-01", "2025-04-30", ZX_RES_GAP_ITEM, "D-INTERROGATION", NULL, NULL), 0);
    /* a prison item is not on a detention house's list */
    assert_int_equal(
        gaps(r, &x, "2025-03-01", "2025-04-30", ZX_RES_GAP_ITEM, "P-SCORING", NULL, NULL), 0);
    zx_res_rules_free(r);
}

/* RULE: XH2021-17-days — 11 working days on site in a month is a breach, 12 is not */
static void test_days_on_site(void **state)
{
    (void)state;
    struct zx_res_rules *r = rules();
    struct fixture x;
    setup(&x);
    assign(&x, "P", 1, "2025-01-01", NULL);
    assign(&x, "A", 0, "2025-01-01", NULL);
    const char *days[] = {"2025-04-01", "2025-04-02", "2025-04-03", "2025-04-04",
                          "2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10",
                          "2025-04-11", "2025-04-14", "2025-04-15"};
    for (size_t i = 0; i < 11; i++)
        logat(&x, "R-CCTV", days[i]);
    logat(&x, "R-CCTV", "2025-04-05"); /* a Saturday is not a working day */
    logat(&x, "R-CELL", "2025-04-15"); /* a second entry the same day is one day */
    int count = -1;
    assert_int_equal(gaps(r, &x, "2025-04-01", "2025-04-30", ZX_RES_GAP_DAYS, NULL, &count, NULL),
                     1);
    assert_int_equal(count, 11);
    logat(&x, "R-TALK", "2025-04-30");
    assert_int_equal(gaps(r, &x, "2025-04-01", "2025-04-30", ZX_RES_GAP_DAYS, NULL, NULL, NULL), 0);
    /* a month not wholly in the period is not judged */
    x.db.nlogs = 0;
    assert_int_equal(gaps(r, &x, "2025-04-02", "2025-04-30", ZX_RES_GAP_DAYS, NULL, NULL, NULL), 0);
    zx_res_rules_free(r);
}

/* RULE: XH2021-17-rotation — assigned 2021-03-01: through 2024-03-01, a breach on 03-02 */
static void test_rotation(void **state)
{
    (void)state;
    struct zx_res_rules *r = rules();
    struct fixture x;
    setup(&x);
    assign(&x, "P", 1, "2021-03-01", NULL);
    assign(&x, "A", 0, "2023-01-01", NULL);
    int32_t from = 0;
    assert_int_equal(gaps(r, &x, "2024-02-01", "2024-02-29", ZX_RES_GAP_ROTATION, NULL, NULL, NULL),
                     0);
    assert_int_equal(gaps(r, &x, "2024-02-01", "2024-03-01", ZX_RES_GAP_ROTATION, NULL, NULL, NULL),
                     0);
    assert_int_equal(
        gaps(r, &x, "2024-02-01", "2024-03-02", ZX_RES_GAP_ROTATION, NULL, NULL, &from), 1);
    assert_int_equal(from, D("2024-03-02"));
    /* left on the last day: no breach however late the period ends */
    x.assigns[0].to = D("2024-03-01");
    assert_int_equal(gaps(r, &x, "2024-01-01", "2024-12-31", ZX_RES_GAP_ROTATION, NULL, NULL, NULL),
                     0);
    /* from 29 February the three years end on 28 February (C4) */
    setup(&x);
    assign(&x, "P", 1, "2024-02-29", NULL);
    assert_int_equal(gaps(r, &x, "2027-02-01", "2027-02-28", ZX_RES_GAP_ROTATION, NULL, NULL, NULL),
                     0);
    assert_int_equal(gaps(r, &x, "2027-02-01", "2027-03-01", ZX_RES_GAP_ROTATION, NULL, NULL, NULL),
                     1);
    zx_res_rules_free(r);
}

/* RULE: XH2021-17-staff — runs of days with fewer than 2 persons or no procurator */
static void test_staffing(void **state)
{
    (void)state;
    struct zx_res_rules *r = rules();
    struct fixture x;
    setup(&x);
    assign(&x, "P", 1, "2025-01-01", "2025-01-10");
    assign(&x, "A", 0, "2025-01-01", NULL);
    assign(&x, "B", 0, "2025-01-06", NULL);
    assign(&x, "Q", 1, "2025-01-21", NULL);
    int count = -1;
    int32_t from = 0;
    /* 1..5: P and A (fine); 6..10: three; 11..20: A and B, no procurator; from 21: fine */
    assert_int_equal(gaps(r, &x, "2025-01-01", "2025-01-31", ZX_RES_GAP_STAFF, NULL, NULL, NULL),
                     0);
    assert_int_equal(
        gaps(r, &x, "2025-01-01", "2025-01-31", ZX_RES_GAP_PROCURATOR, NULL, &count, &from), 1);
    assert_int_equal(from, D("2025-01-11"));
    assert_int_equal(count, 0);
    /* one person alone */
    x.assigns[2].from = D("2025-01-16");
    assert_int_equal(gaps(r, &x, "2025-01-01", "2025-01-31", ZX_RES_GAP_STAFF, NULL, &count, &from),
                     1);
    assert_int_equal(from, D("2025-01-11"));
    assert_int_equal(count, 1);
    /* before the office opened nothing is judged */
    x.office.opened_on = D("2025-01-21");
    assert_int_equal(gaps(r, &x, "2025-01-01", "2025-01-31", ZX_RES_GAP_STAFF, NULL, NULL, NULL),
                     0);
    zx_res_rules_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checklist_basis), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_frequencies),     cmocka_unit_test(test_days_on_site),
        cmocka_unit_test(test_rotation),        cmocka_unit_test(test_staffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
