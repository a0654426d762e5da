/* cmd_governance.c — `zhixiao suggestion …` (检察建议: draft, issue, reply, followup,
 * litigate, escalate, list, show, print), `zhixiao hearing add|list|stats` (听证) and
 * `zhixiao supervisor add|list` (人民监督员), over governance/governance.h. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "governance/governance.h"
#include "metrics/metrics.h"
#include "monitor/monitor.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What every subcommand shares: the database and, for the deadline watch, the rules. */
struct ctx {
    struct zx_store *st;
    struct zx_monitor_rules *rules;
    struct zx_err err;
};

static int open_db(const struct zx_opt_cmd *cmd, const char *db, struct ctx *c)
{
    memset(c, 0, sizeof *c);
    if (access(db, R_OK) != 0)
        return zx_opt_fail(cmd, "cannot read database '%s'", db);
    if (zx_monitor_rules_load_default(&c->rules, NULL, &c->err) ||
        zx_store_open(db, &c->st, &c->err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&c->err));
    return 0;
}

static void close_db(struct ctx *c)
{
    zx_store_close(c->st);
    zx_monitor_rules_free(c->rules);
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static void print_line(const struct zx_gov_suggestion *s, const struct zx_monitor_rules *r,
                       int32_t as_of)
{
    char a[16], b[16], c[16];
    int w = zx_gov_watch(r, s, as_of);
    printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s->no, s->case_id, s->unit_id, s->kind,
           s->status, s->issued_on == ZX_DATE_NULL ? "-" : zx_date_format(s->issued_on, a),
           s->reply_due == ZX_DATE_NULL ? "-" : zx_date_format(s->reply_due, b),
           s->replied_on == ZX_DATE_NULL ? "-" : zx_date_format(s->replied_on, c),
           s->reply_result[0] ? s->reply_result : "-", w < 0 ? "-" : zx_monitor_status_code(w),
           s->chief_id[0]  ? s->chief_id
           : s->head_id[0] ? s->head_id
                           : "-");
}

static int done(const struct zx_opt_cmd *cmd, struct ctx *c, int rc,
                const struct zx_gov_suggestion *s, int32_t as_of)
{
    int ret = 0;
    if (rc)
        ret = zx_opt_fail(cmd, "%s", zx_err_text(&c->err));
    else if (s)
        print_line(s, c->rules, as_of);
    close_db(c);
    return ret;
}

#define OPT_NO(p)                                                                                  \
    {                                                                                              \
        .name = "no", .arg = "NO", .str = (p), .flags = ZX_OPT_REQUIRED,                           \
        .help = "the suggestion's number (JCJY-…)", .help_zh = "检察建议编号（JCJY-…）"  \
    }
#define OPT_DATE(p)                                                                                \
    {                                                                                              \
        .name = "date", .arg = "DATE", .date = (p), .help = "the day (default: today)",            \
        .help_zh = "日期（默认今日）"                                                      \
    }
#define OPT_BY(p)                                                                                  \
    {                                                                                              \
        .name = "by", .arg = "NAME", .str = (p), .help = "who does it (default: cli)",             \
        .help_zh = "操作人（默认 cli）"                                                     \
    }

static int s_draft(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *case_id = NULL, *kind = NULL, *to = NULL, *problem = NULL,
               *basis = NULL, *measures = NULL, *by = "cli";
    int32_t on = ZX_DATE_NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the case in which the problem was found",
         .help_zh = "发现问题的案件"},
        {.name = "kind",
         .arg = "KIND",
         .str = &kind,
         .flags = ZX_OPT_REQUIRED,
         .help = "social_governance, trial, enforcement, retrial, pre_litigation, execution, other",
         .help_zh = "类别：social_governance、trial、enforcement、retrial、pre_litigation、"
                    "execution、other"},
        {.name = "addressee",
         .arg = "ORG",
         .str = &to,
         .flags = ZX_OPT_REQUIRED,
         .help = "the organisation it goes to",
         .help_zh = "被建议单位"},
        {.name = "problem",
         .arg = "TEXT",
         .str = &problem,
         .flags = ZX_OPT_REQUIRED,
         .help = "the problem found",
         .help_zh = "发现的问题"},
        {.name = "basis",
         .arg = "TEXT",
         .str = &basis,
         .help = "the legal basis",
         .help_zh = "法律依据"},
        {.name = "measures",
         .arg = "TEXT",
         .str = &measures,
         .help = "the requested measures",
         .help_zh = "建议的具体措施"},
        OPT_DATE(&on),
        OPT_BY(&by),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"suggestion draft", opts,
                                   "Draft a 检察建议 on a case; prints its line (number first).\n",
                                   "起草检察建议，输出其一行（首列为编号）。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_suggestion *in = calloc(2, sizeof *in);
    if (!in) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    copy(in->case_id, sizeof in->case_id, case_id);
    copy(in->kind, sizeof in->kind, kind);
    if (strlen(to) >= sizeof in->addressee || strlen(problem) >= sizeof in->problem ||
        (basis && strlen(basis) >= sizeof in->basis) ||
        (measures && strlen(measures) >= sizeof in->measures)) {
        free(in);
        close_db(&c);
        return zx_opt_fail(&cmd, "a text is too long (at most %zu bytes)", sizeof in->problem - 1);
    }
    copy(in->addressee, sizeof in->addressee, to);
    copy(in->problem, sizeof in->problem, problem);
    copy(in->basis, sizeof in->basis, basis);
    copy(in->measures, sizeof in->measures, measures);
    copy(in->drafted_by, sizeof in->drafted_by, by);
    in->drafted_on = on == ZX_DATE_NULL ? zx_date_today() : on;
    rc = zx_gov_draft(c.st, in, &in[1], &c.err);
    rc = done(&cmd, &c, rc, rc ? NULL : &in[1], in->drafted_on);
    free(in);
    return rc;
}

static int s_issue(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *no = NULL, *by = "cli", *staff = NULL, *period_s = NULL;
    int32_t on = ZX_DATE_NULL;
    struct zx_metrics *m = NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        OPT_NO(&no),
        OPT_DATE(&on),
        OPT_BY(&by),
        {.name = "staff",
         .arg = "ID",
         .str = &staff,
         .help = "the issuing prosecutor (default: the case's handler)",
         .help_zh = "发出检察建议的检察官（默认为案件承办人）"},
        {.name = "period",
         .arg = "P",
         .str = &period_s,
         .help = "a shorter reply period in urgent cases (Nd or Nm; default: the unit's, 2 months)",
         .help_zh = "紧急情况下较短的回复期限（Nd 或 Nm；默认为单位设定，两个月）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "suggestion issue", opts,
        "Issue (serve) a drafted 检察建议; the reply is due two months later (F1, C4 months).\n",
        "发出检察建议；回复期限为两个月（F1，按月计算）。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct zx_monitor_period p = {0, 0};
    if (period_s && zx_monitor_period_parse(period_s, &p))
        return zx_opt_fail(&cmd, "--period: '%s' is not a period (15d, 2m)", period_s);
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_suggestion *s = calloc(1, sizeof *s);
    if (!s) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    if (on == ZX_DATE_NULL)
        on = zx_date_today();
    rc = zx_gov_store_get(c.st, no, s, &c.err);
    if (!rc && !period_s) {
        /* the unit tree is needed only when some unit set its own period */
        struct zx_unit_value *uv = NULL;
        size_t nv = 0, own = 0;
        rc = zx_settings_value_list(c.st, "monitor.suggestion_reply", &uv, &nv, &c.err);
        for (size_t i = 0; !rc && i < nv; i++)
            own += !strcmp(uv[i].key, "monitor.suggestion_reply");
        free(uv);
        if (!rc && own)
            rc = zx_metrics_load(c.st, &m, &c.err);
        if (!rc)
            rc = zx_gov_reply_period(c.st, m, c.rules, s->unit_id, &p, &c.err);
    }
    if (!rc)
        rc = zx_gov_issue(c.st, no, p, on, by, staff, s, &c.err);
    zx_metrics_free(m);
    rc = done(&cmd, &c, rc, rc ? NULL : s, on);
    free(s);
    return rc;
}

static int s_answer(int argc, char **argv, int which)
{
    const char *db = NULL, *no = NULL, *by = "cli", *result = NULL, *text = NULL;
    int32_t on = ZX_DATE_NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        OPT_NO(&no),
        OPT_DATE(&on),
        OPT_BY(&by),
        {.name = "result",
         .arg = "R",
         .str = &result,
         .flags = which < 2 ? ZX_OPT_REQUIRED : 0,
         .help = which == 0 ? "adopted, rectified or rejected" : "rectified or not_rectified",
         .help_zh = which == 0 ? "adopted（采纳）、rectified（整改到位）或 rejected（不采纳）"
                               : "rectified（已整改）或 not_rectified（未整改到位）"},
        {.name = "text",
         .arg = "TEXT",
         .str = &text,
         .help = which == 0 ? "the reply and its 整改" : "what the 回头看 found",
         .help_zh = which == 0 ? "回复内容及整改情况" : "回头看情况"},
        ZX_OPT_END,
    };
    static const char *const names[] = {"suggestion reply", "suggestion followup",
                                        "suggestion litigate"};
    static const char *const about[] = {
        "Record the addressee's reply; writes the suggestion_reply event.\n",
        /* parenthesised: clang's -Wstring-concatenation reads an unbracketed pair as a
         * missing comma */
        ("Record the follow-up check (回头看); closes the suggestion (a 诉前 one not "
         "rectified fails).\n"),
        "File the public-interest suit (提起公益诉讼) after a failed 诉前 suggestion.\n"};
    static const char *const about_zh[] = {
        "登记被建议单位的回复，写入 suggestion_reply 事件。\n",
        "登记回头看；检察建议办结（诉前检察建议未整改的转入待起诉）。\n",
        "诉前检察建议未落实，提起公益诉讼。\n"};
    const struct zx_opt_cmd cmd = {names[which], opts, about[which], about_zh[which]};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_suggestion *s = calloc(1, sizeof *s);
    if (!s) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    if (on == ZX_DATE_NULL)
        on = zx_date_today();
    rc = which == 0   ? zx_gov_reply(c.st, no, result, text, on, by, s, &c.err)
         : which == 1 ? zx_gov_followup(c.st, no, result, text, on, by, s, &c.err)
                      : zx_gov_litigate(c.st, no, on, by, s, &c.err);
    rc = done(&cmd, &c, rc, rc ? NULL : s, on);
    free(s);
    return rc;
}

static int s_reply(void *ud, int argc, char **argv)
{
    (void)ud;
    return s_answer(argc, argv, 0);
}
static int s_followup(void *ud, int argc, char **argv)
{
    (void)ud;
    return s_answer(argc, argv, 1);
}
static int s_litigate(void *ud, int argc, char **argv)
{
    (void)ud;
    return s_answer(argc, argv, 2);
}

static int s_escalate(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *by = "system";
    int32_t on = ZX_DATE_NULL;
    const struct zx_opt opts[] = {ZX_OPT_DB(&db), OPT_DATE(&on), OPT_BY(&by), ZX_OPT_END};
    const struct zx_opt_cmd cmd = {
        "suggestion escalate", opts,
        "Escalate every unanswered suggestion past its reply day to the head of the handler's\n"
        "department, 10 days later to the 检察长 (as 流程监控通知书). Prints the steps taken.\n",
        "逾期未回复的检察建议：报部门负责人，十日后报检察长（同流程监控通知书）。输出督办次数。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    int steps = 0;
    rc = zx_gov_escalate(c.st, c.rules, on == ZX_DATE_NULL ? zx_date_today() : on, by, NULL, NULL,
                         &steps, &c.err);
    if (!rc)
        printf("%d\n", steps);
    return done(&cmd, &c, rc, NULL, 0);
}

static int s_list(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *case_id = NULL, *status = NULL, *unit = NULL;
    int32_t as_of = ZX_DATE_NULL;
    int json = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .help = "only this case's",
         .help_zh = "只列该案件的"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "only this unit's (exactly)",
         .help_zh = "只列该单位的"},
        {.name = "status",
         .arg = "S",
         .str = &status,
         .help = "only this status (draft issued replied failed closed litigated) or watch"
                 " colour (yellow, red)",
         .help_zh = "只列该状态或期限颜色（yellow、red）"},
        {.name = "as-of",
         .arg = "DATE",
         .date = &as_of,
         .help = "the day the deadline colours are read (default: today)",
         .help_zh = "期限颜色的判断日（默认今日）"},
        ZX_OPT_FORMAT(&json, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "suggestion list", opts,
        "Every suggestion, one a line: no, case, unit, kind, status, issued, reply due, replied,\n"
        "result, deadline colour (open, yellow, red while awaiting the reply), escalated to.\n",
        "每条检察建议一行：编号、案件、单位、类别、状态、发出日、回复期限、回复日、结果、"
        "期限颜色、督办对象。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    if (as_of == ZX_DATE_NULL)
        as_of = zx_date_today();
    struct zx_gov_suggestion *v = NULL;
    size_t n = 0;
    rc = zx_gov_store_list(c.st, case_id, &v, &n, &c.err);
    json_t *a = json ? json_array() : NULL;
    for (size_t i = 0; !rc && i < n; i++) {
        int w = zx_gov_watch(c.rules, &v[i], as_of);
        if (unit && strcmp(v[i].unit_id, unit))
            continue;
        if (status && strcmp(status, v[i].status) &&
            (w < 0 || strcmp(status, zx_monitor_status_code(w))))
            continue;
        if (a)
            json_array_append_new(a, zx_gov_suggestion_json(&v[i], c.rules, as_of));
        else
            print_line(&v[i], c.rules, as_of);
    }
    if (a && !rc) {
        json_dumpf(a, stdout, JSON_INDENT(1));
        putchar('\n');
    }
    json_decref(a);
    free(v);
    return done(&cmd, &c, rc, NULL, 0);
}

static int s_show(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *no = NULL, *out = NULL;
    int32_t as_of = ZX_DATE_NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        OPT_NO(&no),
        {.name = "as-of",
         .arg = "DATE",
         .date = &as_of,
         .help = "for the deadline colour",
         .help_zh = "期限颜色的判断日"},
        {.name = "print",
         .arg = "FILE",
         .str = &out,
         .help = "also write the 检察建议书 as printable HTML to FILE (styled by web/css/print.css "
                 "copied beside it)",
         .help_zh = "同时将检察建议书写为可打印的 HTML 文件"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"suggestion show", opts,
                                   "A suggestion as JSON with every step (who, when).\n",
                                   "以 JSON 输出检察建议及每一步（谁、何时）。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_suggestion *s = calloc(1, sizeof *s);
    struct zx_gov_step *steps = NULL;
    size_t n = 0;
    char *html = NULL;
    size_t len = 0;
    if (!s) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    rc = zx_gov_store_get(c.st, no, s, &c.err) || zx_gov_store_steps(c.st, no, &steps, &n, &c.err);
    if (!rc) {
        json_t *o =
            zx_gov_suggestion_json(s, c.rules, as_of == ZX_DATE_NULL ? zx_date_today() : as_of);
        json_object_set_new(o, "steps", zx_gov_steps_json(steps, n));
        json_dumpf(o, stdout, JSON_INDENT(1));
        putchar('\n');
        json_decref(o);
    }
    if (!rc && out) {
        char unit[ZX_GOV_NAME_MAX], case_no[ZX_GOV_NAME_MAX];
        FILE *f = NULL;
        rc = zx_gov_store_names(c.st, s->case_id, unit, case_no, &c.err);
        if (!rc)
            rc = zx_gov_document_html(s, unit, case_no, "print.css", &html, &len, &c.err);
        if (!rc && (!(f = fopen(out, "w")) || fwrite(html, 1, len, f) != len))
            rc = zx_err_set(&c.err, ZX_EIO, "cannot write %s", out);
        if (f && fclose(f) && !rc)
            rc = zx_err_set(&c.err, ZX_EIO, "cannot write %s", out);
    }
    free(html);
    free(steps);
    free(s);
    return done(&cmd, &c, rc, NULL, 0);
}

static const struct zx_opt_sub sugg_subs[] = {
    {"draft", s_draft, "draft a suggestion", "起草检察建议"},
    {"issue", s_issue, "issue it (the 2-month reply deadline starts)",
     "发出（两个月回复期限起算）"},
    {"reply", s_reply, "record the addressee's reply and 整改", "登记回复及整改情况"},
    {"followup", s_followup, "record the follow-up check (回头看)", "登记回头看"},
    {"litigate", s_litigate, "file the public-interest suit after a failed 诉前 suggestion",
     "诉前检察建议未落实，提起公益诉讼"},
    {"escalate", s_escalate, "escalate the overdue unanswered ones", "督办逾期未回复的检察建议"},
    {"list", s_list, "list suggestions with their deadline colour", "列出检察建议及期限颜色"},
    {"show", s_show, "one suggestion with its steps; --print writes the document",
     "单条检察建议及各步骤；--print 输出检察建议书"},
    {NULL, NULL, NULL, NULL},
};

int cmd_suggestion(int argc, char **argv)
{
    return zx_opt_dispatch(
        "suggestion", sugg_subs,
        "检察建议 as a workflow: draft → issue (reply due in 2 months, C4) → reply (adopted,\n"
        "rectified, rejected) → followup (回头看) → closed; a failed 诉前 suggestion → litigate.\n"
        "Each step is also a contract event of the case (suggestion, suggestion_reply,\n"
        "pil_lawsuit), so the adoption indicators count it, and an entry of the ledger.\n",
        "检察建议流程：起草 → 发出（两个月内回复）→ 回复（采纳、整改到位、不采纳）→ 回头看 → "
        "办结；诉前检察建议未落实的提起公益诉讼。\n每一步同时写入案件事件（suggestion、"
        "suggestion_reply、pil_lawsuit），计入采纳率指标，并记入账本。\n",
        NULL, argc, argv);
}

/* ---- hearings and supervisors ---- */

static int h_add(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *case_id = NULL, *type = NULL, *who = NULL, *opinions = NULL,
               *outcome = NULL, *by = "cli";
    int32_t on = ZX_DATE_NULL;
    int followed = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the case",
         .help_zh = "案件"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .flags = ZX_OPT_REQUIRED,
         .help = "the day of the hearing",
         .help_zh = "听证日期"},
        {.name = "type",
         .arg = "TYPE",
         .str = &type,
         .flags = ZX_OPT_REQUIRED,
         .help = "custody_review, non_prosecution, appeal, civil, administrative,"
                 " public_interest, judicial_aid, other",
         .help_zh = "听证类型"},
        {.name = "participants",
         .arg = "TEXT",
         .str = &who,
         .flags = ZX_OPT_REQUIRED,
         .help = "who took part (听证员, parties …)",
         .help_zh = "参加人员（听证员、当事人等）"},
        {.name = "opinions",
         .arg = "TEXT",
         .str = &opinions,
         .help = "the opinions heard",
         .help_zh = "听证意见"},
        {.name = "outcome",
         .arg = "TEXT",
         .str = &outcome,
         .help = "the outcome",
         .help_zh = "处理结果"},
        {.name = "followed",
         .choice = &followed,
         .choices = "unknown|yes|no",
         .help = "whether the decision followed the hearing's opinion",
         .help_zh = "处理结果是否采纳听证意见"},
        OPT_BY(&by),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"hearing add", opts,
                                   "Record a 听证 and its `hearing` event; prints its number.\n",
                                   "登记听证并写入 hearing 事件，输出编号。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_hearing *h = calloc(1, sizeof *h);
    if (!h) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    copy(h->case_id, sizeof h->case_id, case_id);
    copy(h->type, sizeof h->type, type);
    copy(h->participants, sizeof h->participants, who);
    copy(h->opinions, sizeof h->opinions, opinions);
    copy(h->outcome, sizeof h->outcome, outcome);
    copy(h->recorded_by, sizeof h->recorded_by, by);
    h->held_on = on;
    h->followed = followed == 0 ? -1 : followed == 1;
    rc = zx_gov_add_hearing(c.st, h, &c.err);
    if (!rc)
        printf("%s\n", h->no);
    free(h);
    return done(&cmd, &c, rc, NULL, 0);
}

static int g_list(int argc, char **argv, int which)
{
    const char *db = NULL, *case_id = NULL, *unit = NULL;
    int json = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .help = "only this case's",
         .help_zh = "只列该案件的"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "only this unit's (exactly)",
         .help_zh = "只列该单位的"},
        ZX_OPT_FORMAT(&json, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {which ? "supervisor list" : "hearing list", opts,
                                   which ? "人民监督员 participations, one a line.\n"
                                         : "Hearings (听证), one a line.\n",
                                   NULL};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    json_t *a = json ? json_array() : NULL;
    char d[16];
    if (!which) {
        struct zx_gov_hearing *v = NULL;
        size_t n = 0;
        rc = zx_gov_store_hearings(c.st, case_id, &v, &n, &c.err);
        for (size_t i = 0; !rc && i < n; i++) {
            if (unit && strcmp(unit, v[i].unit_id))
                continue;
            if (a)
                json_array_append_new(a, zx_gov_hearing_json(&v[i]));
            else
                printf("%s\t%s\t%s\t%s\t%s\t%s\n", v[i].no, v[i].case_id, v[i].unit_id,
                       zx_date_format(v[i].held_on, d), v[i].type,
                       v[i].followed < 0 ? "-"
                       : v[i].followed   ? "followed"
                                         : "not_followed");
        }
        free(v);
    } else {
        struct zx_gov_supervision *v = NULL;
        size_t n = 0;
        rc = zx_gov_store_supervisions(c.st, case_id, &v, &n, &c.err);
        for (size_t i = 0; !rc && i < n; i++) {
            if (unit && strcmp(unit, v[i].unit_id))
                continue;
            if (a)
                json_array_append_new(a, zx_gov_supervision_json(&v[i]));
            else
                printf("%s\t%s\t%s\t%s\t%s\t%s\n", v[i].no, v[i].case_id, v[i].unit_id,
                       zx_date_format(v[i].on, d), v[i].supervisor, v[i].activity);
        }
        free(v);
    }
    if (a && !rc) {
        json_dumpf(a, stdout, JSON_INDENT(1));
        putchar('\n');
    }
    json_decref(a);
    return done(&cmd, &c, rc, NULL, 0);
}

static int h_list(void *ud, int argc, char **argv)
{
    (void)ud;
    return g_list(argc, argv, 0);
}

static int h_stats(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    const struct zx_opt opts[] = {ZX_OPT_DB(&db), ZX_OPT_FROM(&from, 0), ZX_OPT_TO(&to, 0),
                                  ZX_OPT_END};
    const struct zx_opt_cmd cmd = {
        "hearing stats", opts,
        "Hearings, hearings whose outcome followed them, and 人民监督员 participations per unit\n"
        "and line: unit, line, hearings, followed, supervisions.\n",
        "按单位、条线统计听证次数、采纳听证意见次数和人民监督员参与次数。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO || (rc = zx_opt_check_period(&cmd, from, to)))
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_stat *v = NULL;
    size_t n = 0;
    rc = zx_gov_store_stats(c.st, from, to, &v, &n, &c.err);
    for (size_t i = 0; !rc && i < n; i++)
        printf("%s\t%s\t%lld\t%lld\t%lld\n", v[i].unit_id, v[i].line, (long long)v[i].hearings,
               (long long)v[i].followed, (long long)v[i].supervisions);
    free(v);
    return done(&cmd, &c, rc, NULL, 0);
}

static const struct zx_opt_sub hearing_subs[] = {
    {"add", h_add, "record a hearing", "登记听证"},
    {"list", h_list, "list hearings", "列出听证"},
    {"stats", h_stats, "hearings and supervisors per unit and line", "按单位、条线统计"},
    {NULL, NULL, NULL, NULL},
};

int cmd_hearing(int argc, char **argv)
{
    return zx_opt_dispatch("hearing", hearing_subs,
                           "听证: case, date, type, participants, opinions, outcome and whether it"
                           " was followed.\n",
                           "听证：案件、日期、类型、参加人员、听证意见、处理结果及是否采纳。\n",
                           NULL, argc, argv);
}

static int v_add(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *case_id = NULL, *name = NULL, *activity = NULL, *opinion = NULL,
               *by = "cli";
    int32_t on = ZX_DATE_NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the case",
         .help_zh = "案件"},
        {.name = "name",
         .arg = "NAME",
         .str = &name,
         .flags = ZX_OPT_REQUIRED,
         .help = "the 人民监督员",
         .help_zh = "人民监督员姓名"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .flags = ZX_OPT_REQUIRED,
         .help = "the day",
         .help_zh = "日期"},
        {.name = "activity",
         .arg = "A",
         .str = &activity,
         .flags = ZX_OPT_REQUIRED,
         .help = "hearing, case_review, trial_observation, inspection, non_prosecution, other",
         .help_zh = "监督活动"},
        {.name = "opinion",
         .arg = "TEXT",
         .str = &opinion,
         .help = "their opinion",
         .help_zh = "监督意见"},
        OPT_BY(&by),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "supervisor add", opts,
        "Record a 人民监督员's participation and its `supervisor_invited` event.\n",
        "登记人民监督员参与监督并写入 supervisor_invited 事件。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct ctx c;
    if ((rc = open_db(&cmd, db, &c)))
        return rc;
    struct zx_gov_supervision *v = calloc(1, sizeof *v);
    if (!v) {
        close_db(&c);
        return zx_opt_fail(&cmd, "out of memory");
    }
    copy(v->case_id, sizeof v->case_id, case_id);
    copy(v->supervisor, sizeof v->supervisor, name);
    copy(v->activity, sizeof v->activity, activity);
    copy(v->opinion, sizeof v->opinion, opinion);
    copy(v->recorded_by, sizeof v->recorded_by, by);
    v->on = on;
    rc = zx_gov_add_supervision(c.st, v, &c.err);
    if (!rc)
        printf("%s\n", v->no);
    free(v);
    return done(&cmd, &c, rc, NULL, 0);
}

static int v_list(void *ud, int argc, char **argv)
{
    (void)ud;
    return g_list(argc, argv, 1);
}

static const struct zx_opt_sub supervisor_subs[] = {
    {"add", v_add, "record a 人民监督员's participation", "登记人民监督员监督"},
    {"list", v_list, "list participations", "列出人民监督员监督情况"},
    {NULL, NULL, NULL, NULL},
};

int cmd_supervisor(int argc, char **argv)
{
    return zx_opt_dispatch("supervisor", supervisor_subs,
                           "人民监督员: who, which case, what they supervised, their opinion.\n",
                           "人民监督员：姓名、案件、监督事项、监督意见。\n", NULL, argc, argv);
}
