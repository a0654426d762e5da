/* test_governance.c — the 检察建议 workflow on a small imported bundle: the F1 reply deadline by
 * C4 months (legal-rules.md §1.1, §1.9) at month ends and in leap years, the deadline colour
 * (rule W) the day before, on and after its edges, escalation (F7-escalate) to the head of
 * the handler's department and then the 检察长 on their days, the steps a status allows, the
 * contract events each step writes, a refusal that writes nothing, and the document's
 * escaping. */
#include "../zx_test.h"

#include "governance/governance.h"
#include "ingest/ingest.h"
#include "model/vocab.h"
#include "store/governance.h"
#include "store/store.h"
#include "util/date.h"

static int32_t D(const char *s)
{
    int32_t d = 0;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

struct fx {
    char *dir;
    struct zx_store *st;
    struct zx_monitor_rules *rules;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = zx_test_tmpdir();
    zx_test_write(f->dir, "units.csv",
                  "unit_id,name,level,parent_id\nP,澜江省院,province,\nC,泓州市院,city,P\n");
    zx_test_write(f->dir, "staff.csv",
                  "staff_id,unit_id,name,department,role,is_leader\n"
                  "S1,C,检察官甲,公益诉讼检察部,prosecutor,0\n"
                  "S0,C,部门负责人乙,刑事检察部,head,1\n"
                  "S2,C,部门负责人丙,公益诉讼检察部,head,1\n"
                  "S3,C,检察长丁,院领导,chief,1\n");
    zx_test_write(f->dir, "cases.csv",
                  "case_id,unit_id,case_no,line,business,kind,source,accepted_on,closed_on,"
                  "handler_id,complex\n"
                  "K1,C,泓检公益〔2024〕1号,public_interest,public_interest,by_authority,"
                  "self_discovered,2024-01-02,,S1,0\n");
    zx_test_write(f->dir, "persons.csv", "person_id,case_id,role,name\n");
    zx_test_write(f->dir, "events.csv",
                  "event_id,case_id,person_id,type,date,handler_id,result,ref_event_id\n");
    char db[1100];
    snprintf(db, sizeof db, "%s/zx.db", f->dir);
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    struct zx_ingest_opts opts = {0};
    if (zx_store_open(db, &f->st, &err) || zx_ingest_bundle(f->st, f->dir, &opts, &rep, &err) ||
        zx_monitor_rules_load_default(&f->rules, NULL, &err))
        fail_msg("fixture: %s", err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    zx_monitor_rules_free(f->rules);
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* Draft and issue a suggestion of kind on `on`; returns it in *s. */
static void issued(struct fx *f, const char *kind, const char *on, struct zx_gov_suggestion *s)
{
    struct zx_gov_suggestion in;
    struct zx_err err = {0};
    memset(&in, 0, sizeof in);
    snprintf(in.case_id, sizeof in.case_id, "K1");
    snprintf(in.kind, sizeof in.kind, "%s", kind);
    snprintf(in.addressee, sizeof in.addressee, "某县生态环境局");
    snprintf(in.problem, sizeof in.problem, "河道<script>排污</script>");
    snprintf(in.basis, sizeof in.basis, "行政诉讼法第二十五条");
    snprintf(in.measures, sizeof in.measures, "依法查处 & 整改");
    snprintf(in.drafted_by, sizeof in.drafted_by, "t");
    in.drafted_on = D(on);
    if (zx_gov_draft(f->st, &in, s, &err))
        fail_msg("draft: %s", err.msg);
    assert_string_equal(s->status, "draft");
    assert_string_equal(s->unit_id, "C");
    assert_string_equal(s->handler_id, "S1");
    struct zx_monitor_period p = zx_monitor_rules_default_period(f->rules, ZX_MON_SUGGESTION_REPLY);
    if (zx_gov_issue(f->st, s->no, p, D(on), "t", NULL, s, &err))
        fail_msg("issue: %s", err.msg);
}

static void test_deadline_c4(void **state)
{
    struct fx *f = *state;
    /* RULE: F1 two months; C4: same day, last day → last day, missing day → last day */
    static const char *const v[][2] = {
        {"2025-01-15", "2025-03-15"}, {"2024-01-31", "2024-03-31"}, {"2023-12-31", "2024-02-29"},
        {"2024-12-31", "2025-02-28"}, {"2023-12-30", "2024-02-29"}, {"2024-12-29", "2025-02-28"},
        {"2024-02-29", "2024-04-30"}, {"2024-06-30", "2024-08-31"}, {"2024-07-31", "2024-09-30"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        struct zx_gov_suggestion s;
        char b[16];
        issued(f, "social_governance", v[i][0], &s);
        assert_string_equal(zx_date_format(s.reply_due, b), v[i][1]);
        assert_string_equal(s.status, "issued");
    }
}

static void test_watch_and_escalation(void **state)
{
    struct fx *f = *state;
    struct zx_gov_suggestion s, x;
    struct zx_err err = {0};
    int steps = 0;
    issued(f, "other", "2025-01-15", &s); /* due 2025-03-15, W = 7 */
    assert_int_equal(zx_gov_watch(f->rules, &s, D("2025-03-07")), ZX_MON_OPEN);
    assert_int_equal(zx_gov_watch(f->rules, &s, D("2025-03-08")), ZX_MON_YELLOW);
    assert_int_equal(zx_gov_watch(f->rules, &s, D("2025-03-15")), ZX_MON_YELLOW);
    assert_int_equal(zx_gov_watch(f->rules, &s, D("2025-03-16")), ZX_MON_RED);
    /* nothing on the deadline; the head of the handler's department (S2, not S0) the day
     * after; the 检察长 ten days later; once each */
    assert_int_equal(
        zx_gov_escalate(f->st, f->rules, D("2025-03-15"), "t", NULL, NULL, &steps, &err), ZX_OK);
    assert_int_equal(zx_gov_store_get(f->st, s.no, &x, &err), ZX_OK);
    assert_string_equal(x.head_id, "");
    assert_int_equal(
        zx_gov_escalate(f->st, f->rules, D("2025-03-16"), "t", NULL, NULL, &steps, &err), ZX_OK);
    assert_int_equal(zx_gov_store_get(f->st, s.no, &x, &err), ZX_OK);
    assert_string_equal(x.head_id, "S2");
    assert_string_equal(x.chief_id, "");
    assert_int_equal(
        zx_gov_escalate(f->st, f->rules, D("2025-03-25"), "t", NULL, NULL, &steps, &err), ZX_OK);
    assert_int_equal(zx_gov_store_get(f->st, s.no, &x, &err), ZX_OK);
    assert_string_equal(x.chief_id, "");
    assert_int_equal(
        zx_gov_escalate(f->st, f->rules, D("2025-03-26"), "t", NULL, NULL, &steps, &err), ZX_OK);
    assert_int_equal(zx_gov_store_get(f->st, s.no, &x, &err), ZX_OK);
    assert_string_equal(x.chief_id, "S3");
    assert_int_equal(x.head_on, D("2025-03-16"));
    assert_int_equal(
        zx_gov_escalate(f->st, f->rules, D("2025-05-01"), "t", NULL, NULL, &steps, &err), ZX_OK);
    struct zx_gov_step *v = NULL;
    size_t n = 0;
    assert_int_equal(zx_gov_store_steps(f->st, s.no, &v, &n, &err), ZX_OK);
    assert_int_equal(n, 4); /* drafted, issued, escalated_head, escalated_chief */
    assert_string_equal(v[3].step, "escalated_chief");
    free(v);
}

static int64_t events(struct zx_store *st)
{
    return zx_store_count(st, ZX_T_EVENTS);
}

static void test_steps_and_events(void **state)
{
    struct fx *f = *state;
    struct zx_gov_suggestion s, x;
    struct zx_err err = {0};
    int64_t e0 = events(f->st);
    issued(f, "pre_litigation", "2025-02-03", &s);
    assert_int_equal(events(f->st), e0 + 1);
    assert_int_equal(zx_store_event_rid(f->st, "K1", s.no) > 0, 1);
    /* refused: a reply before the suggestion, a bad result, a follow-up before the reply, a
     * suit before the deadline — nothing written */
    assert_int_equal(zx_gov_reply(f->st, s.no, "adopted", NULL, D("2025-02-02"), "t", &x, &err),
                     ZX_EINVAL);
    assert_int_equal(zx_gov_reply(f->st, s.no, "maybe", NULL, D("2025-02-05"), "t", &x, &err),
                     ZX_EINVAL);
    assert_int_equal(
        zx_gov_followup(f->st, s.no, "rectified", NULL, D("2025-02-05"), "t", &x, &err), ZX_EINVAL);
    assert_int_equal(zx_gov_litigate(f->st, s.no, D("2025-04-03"), "t", &x, &err), ZX_EINVAL);
    assert_int_equal(events(f->st), e0 + 1);
    /* rectification claimed, not found at the 回头看: a 诉前 suggestion fails, then the suit */
    assert_int_equal(
        zx_gov_reply(f->st, s.no, "rectified", "已整改", D("2025-03-20"), "t", &x, &err), ZX_OK);
    assert_string_equal(x.status, "replied");
    assert_int_equal(events(f->st), e0 + 2);
    assert_int_equal(
        zx_gov_followup(f->st, s.no, "not_rectified", "反弹", D("2025-06-01"), "t", &x, &err),
        ZX_OK);
    assert_string_equal(x.status, "failed");
    assert_int_equal(x.closed_on, ZX_DATE_NULL);
    assert_int_equal(zx_gov_litigate(f->st, s.no, D("2025-06-10"), "t", &x, &err), ZX_OK);
    assert_string_equal(x.status, "litigated");
    assert_int_equal(events(f->st), e0 + 3);
    assert_int_equal(zx_gov_issue(f->st, s.no, (struct zx_monitor_period){2, 1}, D("2025-07-01"),
                                  "t", NULL, &x, &err),
                     ZX_EINVAL);
    /* a social_governance suggestion not rectified closes: no suit */
    issued(f, "social_governance", "2025-02-03", &s);
    assert_int_equal(zx_gov_reply(f->st, s.no, "rejected", NULL, D("2025-03-01"), "t", &x, &err),
                     ZX_OK);
    assert_string_equal(x.status, "replied");
    assert_int_equal(
        zx_gov_followup(f->st, s.no, "not_rectified", NULL, D("2025-06-01"), "t", &x, &err), ZX_OK);
    assert_string_equal(x.status, "closed");
    assert_int_equal(zx_gov_litigate(f->st, s.no, D("2025-06-10"), "t", &x, &err), ZX_EINVAL);
    /* a bad hearing type writes nothing */
    struct zx_gov_hearing h;
    memset(&h, 0, sizeof h);
    snprintf(h.case_id, sizeof h.case_id, "K1");
    snprintf(h.type, sizeof h.type, "party");
    snprintf(h.participants, sizeof h.participants, "x");
    h.held_on = D("2025-03-01");
    int64_t e1 = events(f->st);
    assert_int_equal(zx_gov_add_hearing(f->st, &h, &err), ZX_EINVAL);
    snprintf(h.type, sizeof h.type, "public_interest");
    snprintf(h.case_id, sizeof h.case_id, "NOPE");
    assert_int_equal(zx_gov_add_hearing(f->st, &h, &err), ZX_ENOTFOUND);
    assert_int_equal(events(f->st), e1);
    snprintf(h.case_id, sizeof h.case_id, "K1");
    h.followed = -1;
    assert_int_equal(zx_gov_add_hearing(f->st, &h, &err), ZX_OK);
    assert_int_equal(events(f->st), e1 + 1);
    assert_string_equal(h.event_id, h.no);
}

static void test_document_escapes(void **state)
{
    struct fx *f = *state;
    struct zx_gov_suggestion s;
    struct zx_err err = {0};
    char *html = NULL;
    size_t len = 0;
    issued(f, "social_governance", "2025-05-06", &s);
    assert_int_equal(
        zx_gov_document_html(&s, "泓州市院", "泓检\"1\"号", "/css/print.css", &html, &len, &err),
        ZX_OK);
    assert_int_equal(strlen(html), len);
    assert_null(strstr(html, "<script>"));
    assert_non_null(strstr(html, "河道&lt;script&gt;排污&lt;/script&gt;"));
    assert_non_null(strstr(html, "依法查处 &amp; 整改"));
    assert_non_null(strstr(html, "泓检&quot;1&quot;号"));
    assert_non_null(strstr(html, "2025年7月6日前"));
    assert_non_null(strstr(html, "<link rel=\"stylesheet\" href=\"/css/print.css\">"));
    assert_null(strstr(html, "style="));
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_deadline_c4, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watch_and_escalation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_steps_and_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_document_escapes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
