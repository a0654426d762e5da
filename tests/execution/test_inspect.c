/* test_inspect.c — circuit inspections (巡回检察), vectors written from legal-rules.md §4.1,
 * §4.3 and §1.9 (XH2021 arts. 20, 35, 37, 40; RULES 624), with the §1.1 arithmetic: the
 * serving day is not counted (C1) and months go to the same day number, last day to last
 * day (C4). Each deadline is tested on its due day (not overdue) and the day after (overdue,
 * escalated to the parent procuratorate); plan checks at their limits; coverage gaps;
 * statistics; the events the indicator engine counts. */
#include "../zx_test.h"

#include "execution/inspect.h"
#include "ingest/ingest.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "model/vocab.h"
#include "store/inspect.h"
#include "store/store.h"
#include "util/date.h"

static int32_t D(const char *s)
{
    int32_t d = 0;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

/* ---- fixture: province P ⊃ city C ⊃ dispatched X; prisons I1..I3 under X, I4 under P's
 * other city C2; detention house H1 under C; community corrections K1 under C ---- */

struct fx {
    char *dir;
    struct zx_store *st;
};

static struct fx *fx_new(void)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = zx_test_tmpdir();
    zx_test_write(f->dir, "units.csv",
                  "unit_id,name,level,parent_id\n"
                  "P,澜江省院,province,\n"
                  "C,泓州市院,city,P\n"
                  "C2,青阳市院,city,P\n"
                  "X,青山监狱地区院,dispatched,C\n");
    char staff[4096] = "staff_id,unit_id,name,department,role,is_leader\n";
    for (int i = 1; i <= 12; i++) {
        size_t n = strlen(staff);
        snprintf(staff + n, sizeof staff - n, "S%02d,X,检察官%d,刑事执行检察部,prosecutor,0\n", i,
                 i);
    }
    zx_test_write(f->dir, "staff.csv", staff);
    zx_test_write(f->dir, "cases.csv",
                  "case_id,unit_id,case_no,line,business,kind,source,accepted_on,closed_on,"
                  "handler_id,complex\n");
    zx_test_write(f->dir, "persons.csv", "person_id,case_id,role,name\n");
    zx_test_write(f->dir, "events.csv",
                  "event_id,case_id,person_id,type,date,handler_id,result,ref_event_id\n");
    zx_test_write(f->dir, "institutions.csv",
                  "institution_id,name,kind,unit_id,region\n"
                  "I1,一监,prison,X,1\nI2,二监,prison,X,1\nI3,三监,prison,X,1\n"
                  "I4,四监,prison,C2,2\nH1,看守所,detention_house,C,1\n"
                  "K1,社区矫正局,community_corrections,C,1\n");
    char db[1100];
    snprintf(db, sizeof db, "%s/zx.db", f->dir);
    struct zx_err err = {0};
    if (zx_store_open(db, &f->st, &err))
        fail_msg("open: %s", err.msg);
    struct zx_ingest_report rep;
    struct zx_ingest_opts opts = {0};
    if (zx_ingest_bundle(f->st, f->dir, &opts, &rep, &err))
        fail_msg("import: %s", err.msg);
    return f;
}

static void fx_free(struct fx *f)
{
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
}

/* A plan of `type` over the comma-free institution list, team S01..S<team>. */
static void plan(struct fx *f, const char *id, const char *unit, int type, const char *inst,
                 const char *from, const char *to, const char *followup_of)
{
    struct zx_store_insp_plan p = {0};
    struct zx_store_insp_member team[3] = {
        {.role = "lead"}, {.role = "member"}, {.role = "member"}};
    struct zx_err err = {0};
    snprintf(p.plan_id, sizeof p.plan_id, "%s", id);
    snprintf(p.unit_id, sizeof p.unit_id, "%s", unit);
    snprintf(p.lead, sizeof p.lead, "S01");
    snprintf(p.followup_of, sizeof p.followup_of, "%s", followup_of ? followup_of : "");
    for (int i = 0; i < 3; i++) {
        snprintf(team[i].name, sizeof team[i].name, "检察官%d", i + 1);
        snprintf(team[i].staff_id, sizeof team[i].staff_id, "S%02d", i + 1);
    }
    p.type = type;
    p.inst_kind = inst[0] == 'H' ? 2 : 1;
    p.start = D(from);
    p.end = D(to);
    p.onsite_days = 1;
    p.feedback_on = ZX_DATE_NULL;
    const char *list[1] = {inst};
    if (zx_insp_new_plan(f->st, &p, list, 1, team, 3, &err))
        fail_msg("plan %s: %s", id, err.msg);
    char want[ZX_STORE_INSP_ID_MAX + 8];
    snprintf(want, sizeof want, "INSP-%s", id);
    assert_string_equal(p.case_id, want);
}

static void finding(struct fx *f, const char *plan_id, const char *inst, int cat, const char *sub,
                    const char *on, char *id_out)
{
    struct zx_store_insp_finding x = {0};
    struct zx_err err = {0};
    snprintf(x.plan_id, sizeof x.plan_id, "%s", plan_id);
    snprintf(x.institution_id, sizeof x.institution_id, "%s", inst);
    snprintf(x.sub, sizeof x.sub, "%s", sub ? sub : "");
    snprintf(x.desc, sizeof x.desc, "问题");
    x.category = cat;
    x.found_on = D(on);
    x.rectified_on = ZX_DATE_NULL;
    if (zx_insp_new_finding(f->st, &x, &err))
        fail_msg("finding: %s", err.msg);
    if (id_out)
        strcpy(id_out, x.finding_id);
}

static void dispose(struct fx *f, const char *finding_id, int kind, const char *on, char *id_out)
{
    struct zx_store_insp_disp d = {0};
    struct zx_err err = {0};
    snprintf(d.finding_id, sizeof d.finding_id, "%s", finding_id);
    d.kind = kind;
    d.served = D(on);
    if (zx_insp_new_disp(f->st, &d, &err))
        fail_msg("dispose: %s", err.msg);
    strcpy(id_out, d.disp_id);
}

static void load(struct fx *f, struct zx_store_insp_db *db)
{
    struct zx_err err = {0};
    if (zx_store_insp_load(f->st, db, &err))
        fail_msg("load: %s", err.msg);
}

/* state of disposition id on day `at` */
static struct zx_insp_dstatus dstat(struct fx *f, const char *id, const char *at)
{
    struct zx_store_insp_db db;
    struct zx_insp_dstatus s;
    load(f, &db);
    long i = zx_store_insp_db_disp(&db, id);
    assert_true(i >= 0);
    zx_insp_disp_status(&db, (size_t)i, D(at), &s);
    if (s.to_unit >= 0)
        assert_string_equal(db.units[s.to_unit].unit_id, "C"); /* X's parent */
    zx_store_insp_release(&db);
    return s;
}

/* ---- deadlines ---- */

static void test_due_dates(void **state)
{
    (void)state;
    char b[16];
    /* F4: 纠正违法通知书 15 days after issue, the issuing day not counted */
    assert_string_equal(
        zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_CORRECTION_NOTICE, D("2024-03-20")), b),
        "2024-04-04");
    /* F1: 检察建议书 2 months, to the same day; last day of a month to the last day (C4) */
    assert_string_equal(
        zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_SUGGESTION, D("2024-03-31")), b),
        "2024-05-31");
    assert_string_equal(
        zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_SUGGESTION, D("2024-12-31")), b),
        "2025-02-28");
    assert_string_equal(
        zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_SUGGESTION, D("2024-11-30")), b),
        "2025-01-31");
    assert_string_equal(
        zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_SUGGESTION, D("2023-12-29")), b),
        "2024-02-29");
    /* F5: oral opinion not acted on within 7 days */
    assert_string_equal(zx_date_format(zx_insp_reply_due(ZX_STORE_INSP_ORAL, D("2024-02-25")), b),
                        "2024-03-03");
    /* art. 35: feedback within 30 days of the end; art. 40: follow-up within 3 months */
    assert_string_equal(zx_date_format(zx_insp_feedback_due(D("2024-03-15")), b), "2024-04-14");
    assert_string_equal(zx_date_format(zx_insp_followup_due(D("2024-03-15")), b), "2024-06-15");
    assert_string_equal(zx_date_format(zx_insp_followup_due(D("2024-11-30")), b), "2025-02-28");
    assert_string_equal(zx_date_format(zx_insp_followup_due(D("2023-11-30")), b), "2024-02-29");
}

static void test_disposition_status(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    char fid[ZX_STORE_INSP_ID_MAX], cn[ZX_STORE_INSP_ID_MAX], sg[ZX_STORE_INSP_ID_MAX],
        oral[ZX_STORE_INSP_ID_MAX];
    struct zx_err err = {0};
    plan(f, "P1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    finding(f, "P1", "I1", ZX_STORE_INSP_C_COMMUTATION, NULL, "2024-03-10", fid);
    assert_string_equal(fid, "INSP-P1-F1");
    dispose(f, fid, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-20", cn);
    dispose(f, fid, ZX_STORE_INSP_SUGGESTION, "2024-03-31", sg);
    dispose(f, fid, ZX_STORE_INSP_ORAL, "2024-03-12", oral);
    assert_string_equal(cn, "INSP-P1-D1");

    /* 纠正违法通知书: due 2024-04-04 */
    struct zx_insp_dstatus s = dstat(f, cn, "2024-04-04");
    assert_int_equal(s.state, ZX_INSP_OPEN);
    assert_int_equal(s.escalate, 0);
    s = dstat(f, cn, "2024-04-05");
    assert_int_equal(s.state, ZX_INSP_OVERDUE);
    assert_int_equal(s.escalate, 1);
    assert_true(s.to_unit >= 0);
    /* 检察建议书: due 2024-05-31 */
    s = dstat(f, sg, "2024-05-31");
    assert_int_equal(s.state, ZX_INSP_OPEN);
    s = dstat(f, sg, "2024-06-01");
    assert_int_equal(s.state, ZX_INSP_OVERDUE);
    assert_int_equal(s.escalate, 1);
    /* oral: due 2024-03-19, then a written opinion, not an escalation */
    s = dstat(f, oral, "2024-03-19");
    assert_int_equal(s.state, ZX_INSP_OPEN);
    s = dstat(f, oral, "2024-03-20");
    assert_int_equal(s.state, ZX_INSP_OVERDUE);
    assert_int_equal(s.upgrade, 1);
    assert_int_equal(s.escalate, 0);

    /* a reply on the due day is on time; the suggestion's the day after is late */
    assert_int_equal(zx_insp_new_reply(f->st, cn, D("2024-04-04"), ZX_R_ADOPTED, &err), 0);
    s = dstat(f, cn, "2024-04-10");
    assert_int_equal(s.state, ZX_INSP_ANSWERED);
    assert_int_equal(s.late, 0);
    assert_int_equal(s.escalate, 0);
    /* before the reply's date it still was open */
    s = dstat(f, cn, "2024-04-03");
    assert_int_equal(s.state, ZX_INSP_OPEN);
    assert_int_equal(zx_insp_new_reply(f->st, sg, D("2024-06-01"), ZX_R_RECTIFIED, &err), 0);
    s = dstat(f, sg, "2024-06-01");
    assert_int_equal(s.state, ZX_INSP_ANSWERED);
    assert_int_equal(s.late, 1);
    s = dstat(f, sg, "2024-05-31");
    assert_int_equal(s.state, ZX_INSP_OPEN);
    /* a second reply, a reply before the disposition, a result the type does not allow */
    assert_int_equal(zx_insp_new_reply(f->st, cn, D("2024-04-05"), ZX_R_ADOPTED, &err), ZX_EINVAL);
    assert_int_equal(zx_insp_new_reply(f->st, oral, D("2024-03-11"), ZX_R_RECTIFIED, &err),
                     ZX_EINVAL);
    char fid2[ZX_STORE_INSP_ID_MAX], cn2[ZX_STORE_INSP_ID_MAX];
    finding(f, "P1", "I1", ZX_STORE_INSP_C_SECURITY, NULL, "2024-03-11", fid2);
    dispose(f, fid2, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-20", cn2);
    assert_int_equal(zx_insp_new_reply(f->st, cn2, D("2024-04-01"), ZX_R_RECTIFIED, &err),
                     ZX_EINVAL); /* correction_reply: adopted or rejected */

    /* the recorded escalation comes back in the snapshot, once */
    assert_int_equal(zx_store_insp_escalate(f->st, cn2, "C", D("2024-04-05"), &err), 0);
    assert_int_equal(zx_store_insp_escalate(f->st, cn2, "C", D("2024-04-06"), &err), 0);
    struct zx_store_insp_db db;
    load(f, &db);
    long i = zx_store_insp_db_disp(&db, cn2);
    assert_string_equal(db.disps[i].escalated_to, "C");
    assert_int_equal(db.disps[i].escalated_on, D("2024-04-05"));
    zx_store_insp_release(&db);
    fx_free(f);
}

static void test_feedback_and_followup(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct zx_err err = {0};
    struct zx_store_insp_db db;
    struct zx_insp_pstatus ps;
    plan(f, "P1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    plan(f, "P2", "X", ZX_STORE_INSP_ROUTINE, "I2", "2024-03-01", "2024-03-15", NULL);
    finding(f, "P1", "I1", ZX_STORE_INSP_C_SECURITY, NULL, "2024-03-10", NULL);

    load(f, &db);
    long p1 = zx_store_insp_db_plan(&db, "P1"), p2 = zx_store_insp_db_plan(&db, "P2");
    zx_insp_plan_status(&db, (size_t)p1, D("2024-04-14"), &ps);
    assert_int_equal(ps.feedback_state, ZX_INSP_OPEN);
    zx_insp_plan_status(&db, (size_t)p1, D("2024-04-15"), &ps);
    assert_int_equal(ps.feedback_state, ZX_INSP_OVERDUE);
    zx_insp_plan_status(&db, (size_t)p1, D("2024-06-15"), &ps);
    assert_int_equal(ps.followup_state, ZX_INSP_OPEN);
    zx_insp_plan_status(&db, (size_t)p1, D("2024-06-16"), &ps);
    assert_int_equal(ps.followup_state, ZX_INSP_OVERDUE);
    /* no findings: no follow-up needed */
    zx_insp_plan_status(&db, (size_t)p2, D("2024-12-31"), &ps);
    assert_int_equal(ps.followup_state, ZX_INSP_NOT_NEEDED);
    zx_store_insp_release(&db);

    /* feedback held on the 30th day: on time; a follow-up starting on the due day */
    assert_int_equal(zx_store_insp_set_feedback(f->st, "P1", D("2024-04-14"), &err), 0);
    assert_int_equal(zx_store_insp_set_feedback(f->st, "P2", D("2024-04-15"), &err), 0);
    plan(f, "P1-FU", "X", ZX_STORE_INSP_AD_HOC, "I1", "2024-06-15", "2024-06-17", "P1");
    load(f, &db);
    p1 = zx_store_insp_db_plan(&db, "P1");
    p2 = zx_store_insp_db_plan(&db, "P2");
    zx_insp_plan_status(&db, (size_t)p1, D("2024-12-31"), &ps);
    assert_int_equal(ps.feedback_state, ZX_INSP_ANSWERED);
    assert_int_equal(ps.feedback_late, 0);
    assert_int_equal(ps.followup_state, ZX_INSP_ANSWERED);
    assert_int_equal(ps.followup_late, 0);
    assert_string_equal(db.plans[ps.followup_plan].plan_id, "P1-FU");
    zx_insp_plan_status(&db, (size_t)p2, D("2024-12-31"), &ps);
    assert_int_equal(ps.feedback_late, 1);
    zx_store_insp_release(&db);
    fx_free(f);
}

/* ---- §4.1 plan checks ---- */

static int check(int type, int kind, const char *from, const char *to, int onsite, int team,
                 int level, int reduced, int *viol)
{
    struct zx_store_insp_plan p = {.type = type,
                                   .inst_kind = kind,
                                   .start = D(from),
                                   .end = D(to),
                                   .onsite_days = onsite,
                                   .reduced = reduced};
    struct zx_insp_issue is[16];
    int n = zx_insp_check_plan(&p, team, level, is, 16);
    *viol = 0;
    for (int i = 0; i < n; i++) {
        *viol += is[i].severity == ZX_INSP_VIOLATION;
        assert_non_null(is[i].rule);
        assert_non_null(strstr(is[i].article, "巡回检察工作规定"));
    }
    return n;
}

static void test_plan_checks(void **state)
{
    (void)state;
    int v;
    const int prison = 1, house = 2, city = 3, county = 4, dispatched = 5, province = 2;
    /* routine prison: ≥ 15 days, ≥ 10 on site, about 10 people, city or dispatched unit */
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-15", 10, 10, dispatched, 0, &v),
        0);
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-14", 10, 10, city, 0, &v), 1);
    assert_int_equal(v, 1);
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-15", 9, 10, city, 0, &v), 1);
    assert_int_equal(v, 1);
    /* "about 10": 9 people is a notice, not a violation */
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-15", 10, 9, city, 0, &v), 1);
    assert_int_equal(v, 0);
    /* a county procuratorate does not organise a prison's routine inspection: notice */
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-15", 10, 10, county, 0, &v), 1);
    assert_int_equal(v, 0);
    /* art. 12: shortened time filed upwards turns the minima into notices */
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, prison, "2024-03-01", "2024-03-10", 5, 10, city, 1, &v), 2);
    assert_int_equal(v, 0);
    /* routine detention house: ≥ 7 days, ≥ 4 on site, about 5 */
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, house, "2024-03-01", "2024-03-07", 4, 5, city, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_ROUTINE, house, "2024-03-01", "2024-03-06", 3, 5, city, 0, &v), 2);
    assert_int_equal(v, 2);
    /* cross prison: ≥ 1 month (to the day before the same date), ≥ 20 on site, about 15 */
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-03-01", "2024-03-31", 20, 15, province, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-03-01", "2024-03-30", 20, 15, province, 0, &v), 1);
    assert_int_equal(v, 1);
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-03-10", "2024-04-09", 20, 15, province, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-03-10", "2024-04-08", 19, 15, province, 0, &v), 2);
    assert_int_equal(v, 2);
    /* from the last day of January: one month reaches the end of February (C4) */
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-01-31", "2024-02-28", 20, 15, province, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, prison, "2024-01-31", "2024-02-27", 20, 15, province, 0, &v), 1);
    /* cross detention house: ≥ 10 days, ≥ 7 on site */
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, house, "2024-03-01", "2024-03-10", 7, 7, city, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_CROSS, house, "2024-03-01", "2024-03-09", 6, 7, city, 0, &v), 2);
    /* special / ad hoc: ≥ 3 people (hard), generally ≥ 3 working days (notice).
     * 2024-03-04 is a Monday. */
    assert_int_equal(
        check(ZX_STORE_INSP_SPECIAL, prison, "2024-03-04", "2024-03-06", 0, 3, 0, 0, &v), 0);
    assert_int_equal(
        check(ZX_STORE_INSP_AD_HOC, prison, "2024-03-04", "2024-03-06", 0, 2, 0, 0, &v), 1);
    assert_int_equal(v, 1);
    assert_int_equal(
        check(ZX_STORE_INSP_AD_HOC, prison, "2024-03-08", "2024-03-12", 0, 3, 0, 0, &v),
        0); /* Fri, Mon, Tue */
    assert_int_equal(
        check(ZX_STORE_INSP_AD_HOC, prison, "2024-03-08", "2024-03-11", 0, 3, 0, 0, &v), 1);
    assert_int_equal(v, 0);
    /* art. 20: at least 2 people, whatever the type */
    assert_int_equal(
        check(ZX_STORE_INSP_SPECIAL, prison, "2024-03-04", "2024-03-06", 0, 1, 0, 0, &v), 2);
    assert_int_equal(v, 2);
    assert_int_equal(zx_insp_working_days(D("2024-03-04"), D("2024-03-10")), 5);
}

/* ---- coverage ---- */

static void test_coverage(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct zx_store_insp_db db;
    struct zx_insp_cov c;
    struct zx_err err = {0};
    plan(f, "R1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    plan(f, "X2", "P", ZX_STORE_INSP_CROSS, "I2", "2024-05-01", "2024-05-31", NULL);
    plan(f, "R3", "X", ZX_STORE_INSP_ROUTINE, "I3", "2023-12-31", "2024-01-14", NULL); /* 2023's */
    plan(f, "A3", "X", ZX_STORE_INSP_AD_HOC, "I3", "2024-02-05", "2024-02-07", NULL); /* not full */
    load(f, &db);
    /* the dispatched unit: I1 routine, I2 cross, I3 only ad hoc and 2023's routine: a gap */
    assert_int_equal(zx_insp_coverage(&db, zx_store_insp_db_unit(&db, "X"), 2024, &c, &err), 0);
    assert_int_equal(c.nrows, 3);
    int gaps = 0;
    for (size_t i = 0; i < c.nrows; i++)
        if (c.rows[i].gap) {
            gaps++;
            assert_string_equal(db.insts[c.rows[i].inst].institution_id, "I3");
            assert_int_equal(c.rows[i].other, 1);
        }
    assert_int_equal(gaps, 1);
    /* province P above X: 4 prisons, 1 cross-inspected: 1 × 3 < 4, a gap */
    assert_int_equal(c.nprov, 1);
    assert_int_equal(c.prov[0].prisons, 4);
    assert_int_equal(c.prov[0].crossed, 1);
    assert_int_equal(c.prov[0].gap, 1);
    assert_int_equal(c.gaps, 2);
    zx_insp_cov_release(&c);
    /* province-wide: I3, I4 and the detention house are gaps; community corrections never */
    assert_int_equal(zx_insp_coverage(&db, zx_store_insp_db_unit(&db, "P"), 2024, &c, &err), 0);
    assert_int_equal(c.nrows, 6);
    assert_int_equal(c.gaps, 3 + 1);
    zx_insp_cov_release(&c);
    /* 2023: only I3 covered */
    assert_int_equal(zx_insp_coverage(&db, zx_store_insp_db_unit(&db, "X"), 2023, &c, &err), 0);
    assert_int_equal(c.gaps, 2 + 1);
    zx_insp_cov_release(&c);
    zx_store_insp_release(&db);
    /* a second cross inspection reaches exactly 1/3 of 4? no: 2 × 3 ≥ 4 — the gap closes */
    plan(f, "X4", "P", ZX_STORE_INSP_CROSS, "I4", "2024-09-01", "2024-09-30", NULL);
    load(f, &db);
    assert_int_equal(zx_insp_coverage(&db, zx_store_insp_db_unit(&db, "P"), 2024, &c, &err), 0);
    assert_int_equal(c.prov[0].crossed, 2);
    assert_int_equal(c.prov[0].gap, 0);
    assert_int_equal(c.gaps, 2); /* I3 and H1 */
    zx_insp_cov_release(&c);
    zx_store_insp_release(&db);
    fx_free(f);
}

/* exactly one third: 3 prisons under C', 1 crossed → no gap (以上 includes the number) */
static void test_coverage_third(void **state)
{
    (void)state;
    struct zx_store_insp_unit units[1] = {{.unit_id = "P", .level = 2, .parent = -1}};
    struct zx_store_insp_inst insts[3] = {{.institution_id = "a", .kind = 1, .unit = 0},
                                          {.institution_id = "b", .kind = 1, .unit = 0},
                                          {.institution_id = "c", .kind = 1, .unit = 0}};
    struct zx_store_insp_plan plans[3] = {
        {.plan_id = "x",
         .type = ZX_STORE_INSP_CROSS,
         .start = D("2024-01-01"),
         .end = D("2024-02-01")},
        {.plan_id = "y",
         .type = ZX_STORE_INSP_ROUTINE,
         .start = D("2024-12-31"),
         .end = D("2025-01-14")},
        {.plan_id = "z",
         .type = ZX_STORE_INSP_ROUTINE,
         .start = D("2024-06-01"),
         .end = D("2024-06-15")},
    };
    struct zx_store_insp_target t[3] = {{0, 0}, {1, 1}, {2, 2}};
    struct zx_store_insp_db db = {.units = units,
                                  .nunits = 1,
                                  .insts = insts,
                                  .ninsts = 3,
                                  .plans = plans,
                                  .nplans = 3,
                                  .targets = t,
                                  .ntargets = 3};
    struct zx_insp_cov c;
    struct zx_err err = {0};
    assert_int_equal(zx_insp_coverage(&db, 0, 2024, &c, &err), 0);
    assert_int_equal(c.prov[0].crossed, 1);
    assert_int_equal(c.prov[0].gap, 0);
    assert_int_equal(c.gaps, 0);
    zx_insp_cov_release(&c);
    assert_int_equal(zx_insp_coverage(&db, 0, 2025, &c, &err), 0);
    assert_int_equal(c.gaps, 3 + 1);
    zx_insp_cov_release(&c);
}

/* ---- statistics ---- */

static void test_stats(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct zx_store_insp_db db;
    struct zx_insp_stats s;
    struct zx_err err = {0};
    char a[ZX_STORE_INSP_ID_MAX], b[ZX_STORE_INSP_ID_MAX], dn[ZX_STORE_INSP_ID_MAX];
    plan(f, "R1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    plan(f, "R2", "X", ZX_STORE_INSP_ROUTINE, "I2", "2024-04-01", "2024-04-15", NULL);
    plan(f, "R3", "C2", ZX_STORE_INSP_ROUTINE, "I4", "2024-04-01", "2024-04-15", NULL);
    plan(f, "R0", "X", ZX_STORE_INSP_ROUTINE, "I1", "2023-04-01", "2023-04-15", NULL);
    finding(f, "R1", "I1", ZX_STORE_INSP_C_COMMUTATION, "间隔不足", "2024-03-05", a);
    finding(f, "R1", "I1", ZX_STORE_INSP_C_COMMUTATION, "幅度超限", "2024-03-06", b);
    finding(f, "R2", "I2", ZX_STORE_INSP_C_COMMUTATION, "间隔不足", "2024-04-05", NULL);
    finding(f, "R2", "I2", ZX_STORE_INSP_C_SECURITY, NULL, "2024-04-06", NULL);
    finding(f, "R3", "I4", ZX_STORE_INSP_C_RIGHTS, NULL, "2024-04-06", NULL);
    finding(f, "R0", "I1", ZX_STORE_INSP_C_RIGHTS, NULL, "2023-04-06", NULL);
    assert_int_equal(zx_store_insp_set_rectified(f->st, a, D("2024-06-30"), &err), 0);
    assert_int_equal(zx_store_insp_set_rectified(f->st, b, D("2024-07-01"), &err), 0);
    dispose(f, a, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-20", dn);
    load(f, &db);
    /* X in 2024: 2 inspections, 2 prisons, 2 categories, 3 kinds, 4 problems */
    zx_insp_stats(&db, zx_store_insp_db_unit(&db, "X"), D("2024-01-01"), D("2024-12-31"),
                  D("2024-06-30"), &s);
    assert_int_equal(s.plans, 2);
    assert_int_equal(s.institutions, 2);
    assert_int_equal(s.categories, 2);
    assert_int_equal(s.kinds, 3);
    assert_int_equal(s.problems, 4);
    assert_int_equal(s.rectified, 1); /* b is rectified the day after */
    assert_int_equal(s.by_cat[ZX_STORE_INSP_C_COMMUTATION][0], 3);
    assert_int_equal(s.by_cat[ZX_STORE_INSP_C_COMMUTATION][1], 1);
    assert_int_equal(s.by_cat[ZX_STORE_INSP_C_COMMUTATION][2], 2);
    assert_int_equal(s.disp[ZX_STORE_INSP_CORRECTION_NOTICE], 1);
    assert_int_equal(s.overdue, 1);
    assert_int_equal(s.escalated, 1);
    zx_insp_stats(&db, zx_store_insp_db_unit(&db, "X"), D("2024-01-01"), D("2024-12-31"),
                  D("2024-07-01"), &s);
    assert_int_equal(s.rectified, 2);
    /* the province in 2024 adds C2's inspection: 3 prisons, 3 categories, 5 problems */
    zx_insp_stats(&db, zx_store_insp_db_unit(&db, "P"), D("2024-01-01"), D("2024-12-31"),
                  D("2024-12-31"), &s);
    assert_int_equal(s.plans, 3);
    assert_int_equal(s.institutions, 3);
    assert_int_equal(s.categories, 3);
    assert_int_equal(s.kinds, 4);
    assert_int_equal(s.problems, 5);
    /* a period boundary: plans are counted by their start day */
    zx_insp_stats(&db, zx_store_insp_db_unit(&db, "P"), D("2024-03-02"), D("2024-04-01"),
                  D("2024-12-31"), &s);
    assert_int_equal(s.plans, 2);
    zx_store_insp_release(&db);
    fx_free(f);
}

/* ---- the indicators count the inspection's notices and replies ---- */

static void test_metrics(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct zx_err err = {0};
    char fid[ZX_STORE_INSP_ID_MAX], c1[ZX_STORE_INSP_ID_MAX], c2[ZX_STORE_INSP_ID_MAX],
        s1[ZX_STORE_INSP_ID_MAX];
    plan(f, "R1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    finding(f, "R1", "I1", ZX_STORE_INSP_C_COMMUTATION, NULL, "2024-03-05", fid);
    dispose(f, fid, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-20", c1);
    dispose(f, fid, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-21", c2);
    dispose(f, fid, ZX_STORE_INSP_SUGGESTION, "2024-03-21", s1);
    assert_int_equal(zx_insp_new_reply(f->st, c1, D("2024-04-01"), ZX_R_ADOPTED, &err), 0);
    assert_int_equal(zx_insp_new_reply(f->st, c2, D("2024-04-02"), ZX_R_REJECTED, &err), 0);
    assert_int_equal(zx_insp_new_reply(f->st, s1, D("2024-05-02"), ZX_R_RECTIFIED, &err), 0);

    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    if (zx_metrics_load(f->st, &m, &err) || zx_catalog_load_default(&cat, NULL, &err))
        fail_msg("load: %s", err.msg);
    static const char *const ids[] = {"correction_adoption_rate", "suggestion_adoption_rate"};
    static const int64_t want[][2] = {{1, 2}, {1, 1}};
    for (int k = 0; k < 2; k++) {
        int row = zx_catalog_find(cat, ids[k]);
        assert_true(row >= 0);
        int32_t u = zx_metrics_unit_find(m, "X"), from = D("2024-01-01"), to = D("2024-12-31");
        struct zx_metrics_query q = {.cat = cat,
                                     .unit = u,
                                     .from = &from,
                                     .to = &to,
                                     .nperiods = 1,
                                     .rows = &row,
                                     .nrows = 1,
                                     .collect_staff = -1};
        struct zx_metrics_result *r = NULL;
        int64_t num = -1, den = -1;
        if (zx_metrics_eval(m, &q, &r, &err))
            fail_msg("eval: %s", err.msg);
        assert_int_equal(zx_metrics_get(r, row, 0, u, &num, &den), 0);
        assert_int_equal(num, want[k][0]);
        assert_int_equal(den, want[k][1]);
        zx_metrics_result_free(r);
    }
    zx_catalog_free(cat);
    zx_metrics_free(m);
    /* the case is the inspection's: criminal line, execution business, by authority */
    assert_true(zx_store_insp_rid(f->st, ZX_T_CASES, "INSP-R1") > 0);
    assert_true(zx_store_insp_rid(f->st, ZX_T_EVENTS, "INSP-R1-D1-R") > 0);
    fx_free(f);
}

/* ---- store refusals ---- */

static void test_store_checks(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct zx_err err = {0};
    plan(f, "R1", "X", ZX_STORE_INSP_ROUTINE, "I1", "2024-03-01", "2024-03-15", NULL);
    struct zx_store_insp_plan p = {.type = ZX_STORE_INSP_ROUTINE,
                                   .inst_kind = 1,
                                   .start = D("2024-03-01"),
                                   .end = D("2024-03-15"),
                                   .onsite_days = 10,
                                   .feedback_on = ZX_DATE_NULL};
    struct zx_store_insp_member lead = {.name = "组长", .staff_id = "S01", .role = "lead"};
    const char *inst[1] = {"I1"};
    strcpy(p.unit_id, "X");
    strcpy(p.lead, "S01");
    strcpy(p.plan_id, "R1"); /* exists */
    assert_int_equal(zx_insp_new_plan(f->st, &p, inst, 1, &lead, 1, &err), ZX_EINVAL);
    strcpy(p.plan_id, "R2");
    inst[0] = "NOPE";
    assert_int_equal(zx_insp_new_plan(f->st, &p, inst, 1, &lead, 1, &err), ZX_ENOTFOUND);
    inst[0] = "I1";
    strcpy(p.lead, "S99");
    assert_int_equal(zx_insp_new_plan(f->st, &p, inst, 1, &lead, 1, &err), ZX_ENOTFOUND);
    strcpy(p.lead, "S01");
    p.onsite_days = 16; /* more on-site days than days */
    assert_int_equal(zx_insp_new_plan(f->st, &p, inst, 1, &lead, 1, &err), ZX_EINVAL);
    /* nothing of the refused plans was kept (the transaction rolled back) */
    assert_int_equal(zx_store_insp_rid(f->st, ZX_T_CASES, "INSP-R2"), 0);
    /* a finding at an institution the plan does not inspect */
    struct zx_store_insp_finding x = {.category = ZX_STORE_INSP_C_SECURITY,
                                      .found_on = D("2024-03-02"),
                                      .rectified_on = ZX_DATE_NULL};
    strcpy(x.plan_id, "R1");
    strcpy(x.institution_id, "I2");
    strcpy(x.desc, "问题");
    assert_int_equal(zx_insp_new_finding(f->st, &x, &err), ZX_EINVAL);
    /* the plan a finding or a disposition belongs to (zx_store_insp_plan_of) */
    char fid[ZX_STORE_INSP_ID_MAX], did[ZX_STORE_INSP_ID_MAX];
    struct zx_store_insp_plan_of po;
    finding(f, "R1", "I1", ZX_STORE_INSP_C_SECURITY, NULL, "2024-03-03", fid);
    dispose(f, fid, ZX_STORE_INSP_CORRECTION_NOTICE, "2024-03-10", did);
    assert_int_equal(zx_store_insp_plan_of(f->st, fid, 0, &po, &err), ZX_OK);
    assert_string_equal(po.plan_id, "R1");
    assert_string_equal(po.lead, "S01");
    assert_string_equal(po.case_id, "INSP-R1");
    assert_int_equal(po.start, D("2024-03-03"));
    assert_int_equal(zx_store_insp_plan_of(f->st, did, 1, &po, &err), ZX_OK);
    assert_string_equal(po.plan_id, "R1");
    assert_int_equal(po.start, D("2024-03-10"));
    assert_int_equal(zx_store_insp_plan_of(f->st, did, 0, &po, &err), ZX_ENOTFOUND);
    assert_int_equal(zx_store_insp_plan_of(f->st, "x' OR '1'='1", 1, &po, &err), ZX_ENOTFOUND);
    /* a disposition before its finding, or of no finding, is refused */
    struct zx_store_insp_disp early = {.kind = ZX_STORE_INSP_ORAL, .served = D("2024-03-01")};
    strcpy(early.finding_id, fid);
    assert_int_equal(zx_insp_new_disp(f->st, &early, &err), ZX_EINVAL);
    strcpy(early.finding_id, "NOPE");
    assert_int_equal(zx_insp_new_disp(f->st, &early, &err), ZX_ENOTFOUND);
    /* the checklist of a prison was built from §4.2 */
    struct zx_store_insp_db db;
    load(f, &db);
    size_t n = 0;
    zx_insp_checklist(1, &n);
    assert_int_equal(db.nchecks, n);
    assert_true(n >= 10);
    zx_store_insp_release(&db);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_dates),
        cmocka_unit_test(test_disposition_status),
        cmocka_unit_test(test_feedback_and_followup),
        cmocka_unit_test(test_plan_checks),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_coverage_third),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_store_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
