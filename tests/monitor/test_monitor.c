/* test_monitor.c — 流程监控 against the text of shared/spec/process-monitoring.md and
 * research/legal-rules.md §1: the rules as data, the C1/C4 period arithmetic (month ends, leap
 * years), every boundary (the day before, on and after a deadline; W = 3 and W = 7 yellow
 * windows; an extension dated on and after the deadline), the 审查起诉 cycle (returns, the
 * third return, re-transfer, change of jurisdiction, a second prosecution_review), replies,
 * unit settings, duty cases, events after as-of and unit scope. Cases are built in memory as
 * the indicator engine's columns. */
#include "util/datafile.h"
#include "../zx_test.h"

#include "model/vocab.h"
#include "monitor/monitor.h"
#include "util/date.h"

/* ---- a small in-memory data set: up to 4 cases, 8 persons, 64 events ---- */
struct fx {
    int32_t u_parent[3], u_size[3];
    int64_t c_rid[4];
    int32_t c_unit[4], c_handler[4], c_e0[5], c_p0[5];
    uint8_t c_business[4], c_complex[4];
    int64_t p_rid[8];
    uint32_t e_rid[64];
    int32_t e_person[64], e_date[64], e_ref[64];
    uint8_t e_type[64], e_result[64];
    int nc, ne;
    struct zx_metrics_columns cols;
};

static struct zx_monitor_rules *rules;

static int32_t D(const char *s)
{
    int32_t d;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

/* A fresh data set: units 0 (root) ← 1, 0 ← 2; no cases. */
static void fx_init(struct fx *f)
{
    memset(f, 0, sizeof *f);
    f->u_parent[0] = -1;
    f->u_size[0] = 3;
    f->u_size[1] = f->u_size[2] = 1;
}

/* Open a new case in unit u with np persons (positions continue across cases). */
static void fx_case(struct fx *f, int32_t u, int np, int complex, const char *business)
{
    int c = f->nc++;
    f->c_rid[c] = 100 + c;
    f->c_unit[c] = u;
    f->c_business[c] = (uint8_t)zx_vocab_find(ZX_V_BUSINESS, business, strlen(business));
    f->c_complex[c] = (uint8_t)complex;
    f->c_e0[c] = f->ne;
    f->c_e0[c + 1] = f->ne;
    f->c_p0[c + 1] = f->c_p0[c] + np;
    for (int p = f->c_p0[c]; p < f->c_p0[c + 1]; p++)
        f->p_rid[p] = 1000 + p;
}

/* Add an event to the last case (events must come in date order); person is the index
 * within the case or -1; ref an event position or -1. Returns the event's position. */
static int ev(struct fx *f, const char *type, int person, const char *date, const char *result,
              int ref)
{
    int c = f->nc - 1, e = f->ne++;
    f->e_rid[e] = (uint32_t)e + 1;
    f->e_type[e] = (uint8_t)zx_vocab_find(ZX_V_EVENT_TYPE, type, strlen(type));
    assert_true(f->e_type[e] > 0);
    f->e_result[e] = result ? (uint8_t)zx_vocab_find(ZX_V_RESULT, result, strlen(result)) : 0;
    f->e_person[e] = person < 0 ? -1 : f->c_p0[c] + person;
    f->e_date[e] = D(date);
    f->e_ref[e] = ref;
    f->c_e0[c + 1] = f->ne;
    return e;
}

static const struct zx_metrics_columns *fx_cols(struct fx *f)
{
    f->cols = (struct zx_metrics_columns){.nu = 3,
                                          .u_parent = f->u_parent,
                                          .u_size = f->u_size,
                                          .nc = f->nc,
                                          .c_rid = f->c_rid,
                                          .c_unit = f->c_unit,
                                          .c_handler = f->c_handler,
                                          .c_e0 = f->c_e0,
                                          .c_p0 = f->c_p0,
                                          .c_business = f->c_business,
                                          .c_complex = f->c_complex,
                                          .np = f->c_p0[f->nc],
                                          .p_rid = f->p_rid,
                                          .ne = f->ne,
                                          .e_rid = f->e_rid,
                                          .e_person = f->e_person,
                                          .e_date = f->e_date,
                                          .e_ref = f->e_ref,
                                          .e_type = f->e_type,
                                          .e_result = f->e_result};
    return &f->cols;
}

/* Run as of a date over every unit; the items stay in (case, start event) order. */
static struct zx_monitor_item *run_q(struct fx *f, const struct zx_monitor_query *q, size_t *n)
{
    struct zx_monitor_item *it = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_monitor_run(fx_cols(f), rules, q, &it, n, &err), 0);
    return it;
}

static struct zx_monitor_item *run(struct fx *f, const char *as_of, size_t *n)
{
    struct zx_monitor_query q = {.as_of = D(as_of), .unit = -1};
    return run_q(f, &q, n);
}

static void check(const struct zx_monitor_item *it, int stage, const char *rule,
                  const char *started, const char *deadline, const char *closed, int status)
{
    assert_string_equal(zx_monitor_stage_code(it->stage), zx_monitor_stage_code(stage));
    assert_string_equal(zx_monitor_rule_id(rules, it->rule), rule);
    assert_int_equal(it->started_on, D(started));
    assert_int_equal(it->deadline, D(deadline));
    assert_int_equal(it->closed_on, closed ? D(closed) : ZX_DATE_NULL);
    assert_string_equal(zx_monitor_status_code(it->status), zx_monitor_status_code(status));
}

/* ---- the rules as data ---- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void test_rules_data(void **state)
{
    (void)state;
    size_t n;
    char *file = slurp("data/monitor_rules.json", &n);
    const char *built = zx_datafile_builtin("monitor_rules.json", NULL);
    if (!built || strlen(built) != n || memcmp(built, file, n))
        fail_msg("the built-in monitor_rules.json differs from the file: rebuild");
    /* every rule the contract names, with the contract's article */
    static const char *const want[][2] = {{"A2", "刑事诉讼法 第九十一条"},
                                          {"A3", "人民检察院刑事诉讼规则 第二百八十二条"},
                                          {"P1", "刑事诉讼法 第一百七十二条"},
                                          {"P2", "刑事诉讼法 第一百七十二条"},
                                          {"P5", "刑事诉讼法 第一百七十五条"},
                                          {"N7", "人民检察院刑事诉讼规则 第四百二十四条"},
                                          {"J1", "刑事诉讼法 第九十五条"},
                                          {"F1", "人民检察院检察建议工作规定"},
                                          {"F4", "人民检察院巡回检察工作规定 第三十七条"},
                                          {"F7", "人民检察院刑事诉讼规则 第六百六十五条"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int k = zx_monitor_rule_find(rules, want[i][0]);
        assert_true(k >= 0);
        assert_string_equal(zx_monitor_rule_article(rules, k), want[i][1]);
    }
    /* a rule the code reads missing, or a bad parameter: refused with its id */
    struct zx_monitor_rules *r = NULL;
    struct zx_err err = {0};
    const char *no_a2 = "{\"rules\": [{\"id\": \"A3\", \"article\": \"x\", \"params\": {\"days\": "
                        "15, \"complex_days\": 20}}]}";
    assert_int_equal(zx_monitor_rules_parse(no_a2, strlen(no_a2), "t", &r, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "'A2'"));
    const char *bad = "{\"rules\": [{\"id\": \"A2\", \"article\": \"x\", \"params\": {\"days\": "
                      "\"seven\"}}]}";
    assert_int_equal(zx_monitor_rules_parse(bad, strlen(bad), "t", &r, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "days"));
    assert_null(r);
    free(file);
}

/* ---- C1 / C4 periods ---- */

/* A prosecution_review started on `start` (P1: one month) ends on `deadline`. */
static void month_case(const char *start, const char *deadline)
{
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 1, 0, "ordinary");
    ev(&f, "prosecution_review", 0, start, "detained", -1);
    size_t n;
    struct zx_monitor_item *it = run(&f, start, &n);
    assert_int_equal(n, 1);
    assert_int_equal(it[0].deadline, D(deadline));
    free(it);
}

static void test_month_ends(void **state)
{
    (void)state;
    month_case("2023-01-31", "2023-02-28"); /* the day does not exist: last day */
    month_case("2023-02-28", "2023-03-31"); /* a month's last day: the last day */
    month_case("2023-03-14", "2023-04-14"); /* same day number */
    month_case("2024-01-31", "2024-02-29"); /* leap year */
    month_case("2024-02-28", "2024-03-28"); /* not the last day of a leap February */
    month_case("2024-02-29", "2024-03-31");
    month_case("2023-04-30", "2023-05-31");
    month_case("2023-12-31", "2024-01-31"); /* across the year */
    month_case("2023-12-15", "2024-01-15");
}

/* A2: 7 days after a detained arrest_review; closed the day before, on, after. */
static void test_days_close_boundary(void **state)
{
    (void)state;
    static const struct {
        const char *closed;
        int status;
    } cases[] = {{"2024-03-07", ZX_MON_OK}, {"2024-03-08", ZX_MON_OK}, {"2024-03-09", ZX_MON_LATE}};
    for (size_t i = 0; i < 3; i++) {
        struct fx f;
        fx_init(&f);
        fx_case(&f, 1, 1, 0, "ordinary");
        ev(&f, "arrest_review", 0, "2024-03-01", "detained", -1);
        ev(&f, "arrest", 0, cases[i].closed, NULL, -1);
        size_t n;
        struct zx_monitor_item *it = run(&f, "2024-12-31", &n);
        assert_int_equal(n, 1);
        check(&it[0], ZX_MON_ARREST_REVIEW_DETAINED, "A2", "2024-03-01", "2024-03-08",
              cases[i].closed, cases[i].status);
        free(it);
    }
}

/* Open items: days_left and the W = 3 window (period ≤ 15 days) vs W = 7 (longer). */
static void test_open_windows(void **state)
{
    (void)state;
    static const struct {
        const char *as_of;
        int left, status;
    } a2[] = {{"2024-03-04", 4, ZX_MON_OPEN},
              {"2024-03-05", 3, ZX_MON_YELLOW},
              {"2024-03-07", 1, ZX_MON_YELLOW},
              {"2024-03-08", 0, ZX_MON_YELLOW},
              {"2024-03-09", -1, ZX_MON_RED}},
      p1[] = {{"2024-04-06", 8, ZX_MON_OPEN},
              {"2024-04-07", 7, ZX_MON_YELLOW},
              {"2024-04-14", 0, ZX_MON_YELLOW},
              {"2024-04-15", -1, ZX_MON_RED}};
    for (size_t i = 0; i < sizeof a2 / sizeof a2[0]; i++) {
        struct fx f;
        fx_init(&f);
        fx_case(&f, 1, 1, 0, "ordinary");
        ev(&f, "arrest_review", 0, "2024-03-01", "detained", -1);
        ev(&f, "arrest", 0, "2024-06-01", NULL, -1); /* after as-of: ignored */
        size_t n;
        struct zx_monitor_item *it = run(&f, a2[i].as_of, &n);
        assert_int_equal(n, 1);
        assert_int_equal(it[0].closed_on, ZX_DATE_NULL);
        assert_int_equal(it[0].days_left, a2[i].left);
        assert_int_equal(it[0].status, a2[i].status);
        free(it);
    }
    for (size_t i = 0; i < sizeof p1 / sizeof p1[0]; i++) {
        struct fx f;
        fx_init(&f);
        fx_case(&f, 1, 1, 0, "ordinary");
        ev(&f, "prosecution_review", 0, "2024-03-14", "detained", -1);
        size_t n;
        struct zx_monitor_item *it = run(&f, p1[i].as_of, &n);
        assert_int_equal(n, 1);
        assert_int_equal(it[0].deadline, D("2024-04-14"));
        assert_int_equal(it[0].days_left, p1[i].left);
        assert_int_equal(it[0].status, p1[i].status);
        free(it);
    }
    /* the window follows deadline − started_on: 15 days is short (W = 3), 16 is long */
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 2, 0, "ordinary"); /* A3, not complex: 15 days */
    ev(&f, "arrest_review", 0, "2024-03-01", "not_detained", -1);
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-03-12", &n); /* 4 days left */
    assert_int_equal(it[0].deadline, D("2024-03-16"));
    assert_int_equal(it[0].status, ZX_MON_OPEN);
    free(it);
    fx_init(&f);
    fx_case(&f, 1, 1, 1, "ordinary"); /* complex: 20 days, W = 7 */
    ev(&f, "arrest_review", 0, "2024-03-01", "not_detained", -1);
    it = run(&f, "2024-03-14", &n); /* 7 days left */
    check(&it[0], ZX_MON_ARREST_REVIEW_NOT_DETAINED, "A3", "2024-03-01", "2024-03-21", NULL,
          ZX_MON_YELLOW);
    free(it);
}

/* P2: an extension dated on the deadline applies (once), one dated after does not. */
static void test_extension(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 1, 0, "ordinary");
    ev(&f, "prosecution_review", 0, "2024-01-31", "detained", -1);
    ev(&f, "extend_review", -1, "2024-02-29", NULL, -1); /* on the deadline */
    ev(&f, "extend_review", -1, "2024-03-01", NULL, -1); /* second: once per item */
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-03-10", &n);
    assert_int_equal(n, 1);
    check(&it[0], ZX_MON_PROSECUTION_REVIEW, "P2", "2024-01-31", "2024-03-15", NULL, ZX_MON_YELLOW);
    free(it);

    fx_init(&f);
    fx_case(&f, 1, 1, 0, "ordinary");
    ev(&f, "prosecution_review", 0, "2024-01-31", "detained", -1);
    ev(&f, "extend_review", -1, "2024-03-01", NULL, -1); /* the day after the deadline */
    ev(&f, "indict", 0, "2024-03-05", NULL, -1);
    it = run(&f, "2024-03-10", &n);
    assert_int_equal(n, 1);
    check(&it[0], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-01-31", "2024-02-29", "2024-03-05",
          ZX_MON_LATE);
    free(it);

    fx_init(&f); /* the day before: applies too; an extension of a closed item: none */
    fx_case(&f, 1, 2, 0, "ordinary");
    ev(&f, "prosecution_review", 0, "2024-05-10", "detained", -1);
    ev(&f, "prosecution_review", 1, "2024-05-10", "detained", -1);
    ev(&f, "indict", 1, "2024-06-01", NULL, -1);
    ev(&f, "extend_review", -1, "2024-06-09", NULL, -1);
    ev(&f, "indict", 0, "2024-06-20", NULL, -1);
    it = run(&f, "2024-12-31", &n);
    assert_int_equal(n, 2);
    check(&it[0], ZX_MON_PROSECUTION_REVIEW, "P2", "2024-05-10", "2024-06-25", "2024-06-20",
          ZX_MON_OK);
    check(&it[1], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-05-10", "2024-06-10", "2024-06-01",
          ZX_MON_OK);
    free(it);
}

/* Returns: the 1st and 2nd close the review and open 补充侦查; the re-transfer ends it and
 * starts a new month without the old extension; the 3rd return is not honoured. */
static void test_returns(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 1, 0, "ordinary");
    ev(&f, "prosecution_review", 0, "2024-01-10", "detained", -1);
    ev(&f, "extend_review", -1, "2024-02-05", NULL, -1);
    ev(&f, "return_investigation", -1, "2024-02-20", NULL, -1);
    ev(&f, "prosecution_review", 0, "2024-03-18", "detained", -1);
    ev(&f, "return_investigation", -1, "2024-04-01", NULL, -1);
    ev(&f, "prosecution_review", 0, "2024-05-06", "detained", -1); /* late re-transfer */
    ev(&f, "return_investigation", -1, "2024-05-20", NULL, -1);    /* 3rd: nothing */
    ev(&f, "prosecution_review", 0, "2024-05-25", "detained", -1); /* open item: nothing */
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-06-03", &n);
    assert_int_equal(n, 5);
    check(&it[0], ZX_MON_PROSECUTION_REVIEW, "P2", "2024-01-10", "2024-02-25", "2024-02-20",
          ZX_MON_OK);
    check(&it[1], ZX_MON_SUPPLEMENTARY_INVESTIGATION, "P5", "2024-02-20", "2024-03-20",
          "2024-03-18", ZX_MON_OK);
    assert_int_equal(it[1].p, -1);
    check(&it[2], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-03-18", "2024-04-18", "2024-04-01",
          ZX_MON_OK);
    check(&it[3], ZX_MON_SUPPLEMENTARY_INVESTIGATION, "P5", "2024-04-01", "2024-05-01",
          "2024-05-06", ZX_MON_LATE);
    check(&it[4], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-05-06", "2024-06-06", NULL, ZX_MON_YELLOW);
    assert_int_equal(it[4].days_left, 3);
    free(it);
}

/* P4: a change of jurisdiction (a case-level event) closes each open review and starts a new
 * one that day for its person; a person already decided gets none. */
static void test_change_jurisdiction(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 3, 0, "ordinary");
    ev(&f, "prosecution_review", 0, "2024-01-10", "detained", -1);
    ev(&f, "prosecution_review", 1, "2024-01-11", "not_detained", -1);
    ev(&f, "prosecution_review", 2, "2024-01-11", "not_detained", -1);
    ev(&f, "indict", 2, "2024-01-12", NULL, -1);
    ev(&f, "change_jurisdiction", -1, "2024-01-13", NULL, -1);
    ev(&f, "extend_review", -1, "2024-02-13", NULL, -1);
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-02-20", &n);
    assert_int_equal(n, 5);
    check(&it[0], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-01-10", "2024-02-10", "2024-01-13",
          ZX_MON_OK);
    check(&it[3], ZX_MON_PROSECUTION_REVIEW, "P2", "2024-01-13", "2024-02-28", NULL, ZX_MON_OPEN);
    check(&it[4], ZX_MON_PROSECUTION_REVIEW, "P2", "2024-01-13", "2024-02-28", NULL, ZX_MON_OPEN);
    assert_int_equal(it[3].p, it[0].p);
    assert_int_equal(it[4].p, it[1].p);
    check(&it[2], ZX_MON_PROSECUTION_REVIEW, "P1", "2024-01-11", "2024-02-11", "2024-01-12",
          ZX_MON_OK);
    free(it);
}

/* Replies close the item whose start event they name; other results are not monitored;
 * unit settings change the reply periods; N7, J1. */
static void test_replies_and_settings(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 2, 1, 0, "execution");
    int s1 = ev(&f, "suggestion", -1, "2024-01-31", "social_governance", -1);
    int s2 = ev(&f, "suggestion", -1, "2024-02-01", "execution", -1);
    ev(&f, "suggestion", -1, "2024-02-01", "trial", -1); /* not monitored */
    int c1 = ev(&f, "correction_notice", -1, "2024-02-01", "execution", -1);
    ev(&f, "correction_notice", -1, "2024-02-01", "custody", -1); /* not monitored */
    int cr = ev(&f, "custody_review", 0, "2024-02-01", "release_recommended", -1);
    ev(&f, "custody_review", 0, "2024-02-02", "continue", -1); /* not monitored */
    ev(&f, "custody_review_reply", 0, "2024-02-11", "adopted", cr);
    ev(&f, "correction_reply", -1, "2024-02-17", "adopted", c1);
    ev(&f, "suggestion_reply", -1, "2024-03-31", "adopted", s1);
    ev(&f, "withdraw_indictment", 0, "2024-04-01", NULL, -1);
    ev(&f, "suggestion_reply", -1, "2024-04-02", "adopted", s2);
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-04-30", &n);
    assert_int_equal(n, 5);
    check(&it[0], ZX_MON_SUGGESTION_REPLY, "F1", "2024-01-31", "2024-03-31", "2024-03-31",
          ZX_MON_OK);
    check(&it[1], ZX_MON_SUGGESTION_REPLY, "F1", "2024-02-01", "2024-04-01", "2024-04-02",
          ZX_MON_LATE);
    check(&it[2], ZX_MON_CORRECTION_REPLY, "F4", "2024-02-01", "2024-02-16", "2024-02-17",
          ZX_MON_LATE);
    check(&it[3], ZX_MON_CUSTODY_REVIEW_REPLY, "J1", "2024-02-01", "2024-02-11", "2024-02-11",
          ZX_MON_OK);
    check(&it[4], ZX_MON_WITHDRAWAL_DECISION, "N7", "2024-04-01", "2024-05-01", NULL,
          ZX_MON_YELLOW);
    free(it);

    /* unit 2's own periods: 1 month for suggestions, 20 days for corrections */
    struct zx_monitor_period sg[3] = {{2, 1}, {2, 1}, {1, 1}}, co[3] = {{15, 0}, {15, 0}, {20, 0}};
    struct zx_monitor_query q = {
        .as_of = D("2024-04-30"), .unit = -1, .suggestion = sg, .correction = co};
    it = run_q(&f, &q, &n);
    check(&it[0], ZX_MON_SUGGESTION_REPLY, "F1", "2024-01-31", "2024-02-29", "2024-03-31",
          ZX_MON_LATE);
    check(&it[2], ZX_MON_CORRECTION_REPLY, "F4", "2024-02-01", "2024-02-21", "2024-02-17",
          ZX_MON_OK);
    free(it);
    struct zx_monitor_period p;
    assert_int_equal(zx_monitor_period_parse("2m", &p), 0);
    assert_true(p.n == 2 && p.months == 1);
    assert_int_equal(zx_monitor_period_parse("15d", &p), 0);
    assert_true(p.n == 15 && p.months == 0);
    assert_int_equal(zx_monitor_period_parse("0d", &p), -1);
    assert_int_equal(zx_monitor_period_parse("2w", &p), -1);
}

/* Duty cases are not monitored; events after as-of do not exist; --unit is a subtree. */
static void test_scope(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 1, 0, "ordinary");
    ev(&f, "arrest_review", 0, "2024-03-01", "detained", -1);
    ev(&f, "arrest", 0, "2024-03-05", NULL, -1);
    ev(&f, "prosecution_review", 0, "2024-03-06", "detained", -1); /* after as-of */
    fx_case(&f, 1, 1, 0, "duty");
    ev(&f, "arrest_review", 0, "2024-03-01", "detained", -1);
    fx_case(&f, 2, 1, 0, "major");
    ev(&f, "arrest_review", 0, "2024-03-02", "not_detained", -1);
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-03-05", &n);
    assert_int_equal(n, 2);
    check(&it[0], ZX_MON_ARREST_REVIEW_DETAINED, "A2", "2024-03-01", "2024-03-08", "2024-03-05",
          ZX_MON_OK);
    assert_int_equal(it[1].c, 2);
    free(it);
    struct zx_monitor_query q = {.as_of = D("2024-03-05"), .unit = 2};
    it = run_q(&f, &q, &n);
    assert_int_equal(n, 1);
    assert_int_equal(it[0].c, 2);
    assert_int_equal(it[0].status, ZX_MON_OPEN);
    free(it);
    /* before anything happened: nothing */
    it = run(&f, "2024-02-29", &n);
    assert_int_equal(n, 0);
    free(it);
}

/* Several arrest reviews of one person are closed together by the decision. */
static void test_arrest_close_per_person(void **state)
{
    (void)state;
    struct fx f;
    fx_init(&f);
    fx_case(&f, 1, 2, 0, "ordinary");
    ev(&f, "arrest_review", 0, "2024-03-01", "detained", -1);
    ev(&f, "arrest_review", 1, "2024-03-01", "detained", -1);
    ev(&f, "no_arrest", 1, "2024-03-04", "no_necessity", -1);
    size_t n;
    struct zx_monitor_item *it = run(&f, "2024-03-09", &n);
    assert_int_equal(n, 2);
    assert_int_equal(it[0].status, ZX_MON_RED);
    assert_int_equal(it[0].days_left, -1);
    assert_int_equal(it[1].status, ZX_MON_OK);
    free(it);
}

static int setup(void **state)
{
    (void)state;
    struct zx_err err = {0};
    return zx_monitor_rules_load_default(&rules, NULL, &err);
}

static int teardown(void **state)
{
    (void)state;
    zx_monitor_rules_free(rules);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_data),
        cmocka_unit_test(test_month_ends),
        cmocka_unit_test(test_days_close_boundary),
        cmocka_unit_test(test_open_windows),
        cmocka_unit_test(test_extension),
        cmocka_unit_test(test_returns),
        cmocka_unit_test(test_change_jurisdiction),
        cmocka_unit_test(test_replies_and_settings),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_arrest_close_per_person),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
