/* governance.c — the 检察建议 workflow, hearings and supervisors (governance.h): each step
 * checks what may follow what, writes its rows and the contract's events in one
 * transaction. */
#include "governance/governance.h"

#include "model/vocab.h"
#include "store/notice.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct label {
    const char *code, *zh;
};

static const struct label kinds[] = {{"social_governance", "社会治理"},
                                     {"trial", "审判违法"},
                                     {"enforcement", "执行"},
                                     {"retrial", "再审"},
                                     {"pre_litigation", "诉前"},
                                     {"execution", "刑事执行"},
                                     {"other", "其他"},
                                     {NULL, NULL}};
static const struct label statuses[] = {{"draft", "草稿"},
                                        {"issued", "已发出待回复"},
                                        {"replied", "已回复待回头看"},
                                        {"failed", "诉前未整改"},
                                        {"closed", "已办结"},
                                        {"litigated", "已提起公益诉讼"},
                                        {NULL, NULL}};
static const struct label results[] = {{"adopted", "采纳"},
                                       {"rectified", "整改到位"},
                                       {"rejected", "不采纳"},
                                       {"not_rectified", "未整改到位"},
                                       {NULL, NULL}};
static const struct label htypes[] = {{"custody_review", "羁押必要性审查听证"},
                                      {"non_prosecution", "拟不起诉听证"},
                                      {"appeal", "刑事申诉听证"},
                                      {"civil", "民事检察听证"},
                                      {"administrative", "行政检察听证"},
                                      {"public_interest", "公益诉讼听证"},
                                      {"judicial_aid", "司法救助听证"},
                                      {"other", "其他听证"},
                                      {NULL, NULL}};
static const struct label activities[] = {{"hearing", "参加听证"},
                                          {"case_review", "案件质量评查"},
                                          {"trial_observation", "旁听庭审"},
                                          {"inspection", "参与巡回检察"},
                                          {"non_prosecution", "不起诉案件公开审查"},
                                          {"other", "其他监督活动"},
                                          {NULL, NULL}};

static const char *find_label(const struct label *t, const char *code)
{
    for (; code && t->code; t++)
        if (!strcmp(t->code, code))
            return t->zh;
    return NULL;
}

const char *zx_gov_kind_label(const char *k)
{
    return find_label(kinds, k);
}
const char *zx_gov_status_label(const char *s)
{
    return find_label(statuses, s);
}
const char *zx_gov_result_label(const char *r)
{
    return find_label(results, r);
}
const char *zx_gov_hearing_type_label(const char *t)
{
    return find_label(htypes, t);
}
const char *zx_gov_activity_label(const char *a)
{
    return find_label(activities, a);
}

#define CODES(name, table)                                                                         \
    const char *const *name(void)                                                                  \
    {                                                                                              \
        static const char *v[sizeof table / sizeof table[0]];                                      \
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)                                \
            v[i] = table[i].code;                                                                  \
        return v;                                                                                  \
    }
CODES(zx_gov_kinds, kinds)
CODES(zx_gov_hearing_types, htypes)
CODES(zx_gov_activities, activities)

int zx_gov_reply_period(struct zx_store *st, const struct zx_metrics *m,
                        const struct zx_monitor_rules *r, const char *unit_id,
                        struct zx_monitor_period *out, struct zx_err *err)
{
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    /* RULE: F1: two months from receipt, unless the unit set its own period */
    *out = zx_monitor_rules_default_period(r, ZX_MON_SUGGESTION_REPLY);
    if (!m)
        return ZX_OK;
    int32_t u = zx_metrics_unit_find(m, unit_id);
    int rc = zx_monitor_unit_periods(st, m, r, &sugg, &corr, err);
    if (!rc && u >= 0 && sugg[u].n > 0)
        *out = sugg[u];
    free(sugg);
    free(corr);
    return rc;
}

static int fail(struct zx_store *st, int rc)
{
    zx_store_rollback(st);
    return rc;
}

static int text_ok(const char *s, size_t max)
{
    return s && *s && strlen(s) < max;
}

int zx_gov_draft(struct zx_store *st, const struct zx_gov_suggestion *in,
                 struct zx_gov_suggestion *out, struct zx_err *err)
{
    if (!zx_gov_kind_label(in->kind))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_BAD_KIND, in->kind);
    if (!text_ok(in->addressee, sizeof in->addressee))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_NO_ADDRESSEE);
    if (!text_ok(in->problem, sizeof in->problem))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_NO_PROBLEM);
    if (in->drafted_on == ZX_DATE_NULL || !in->drafted_by[0])
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_DRAFT_DAY);
    struct zx_gov_suggestion s = *in;
    s.no[0] = 0;
    snprintf(s.status, sizeof s.status, "draft");
    s.issued_by[0] = s.event_id[0] = s.reply_result[0] = s.reply_text[0] = 0;
    s.reply_event_id[0] = s.followup_result[0] = s.followup_note[0] = 0;
    s.lawsuit_event_id[0] = s.head_id[0] = s.chief_id[0] = 0;
    s.issued_on = s.reply_due = s.replied_on = s.followup_on = s.litigated_on = ZX_DATE_NULL;
    s.head_on = s.chief_on = s.closed_on = ZX_DATE_NULL;
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = zx_gov_store_case(st, s.case_id, s.unit_id, s.handler_id, NULL, err)) ||
        (rc = zx_gov_store_insert(st, &s, err)))
        return fail(st, rc);
    if ((rc = zx_store_commit(st, err)))
        return rc;
    *out = s;
    return ZX_OK;
}

/* Load `no` inside a new transaction, requiring one of the statuses (space-separated). */
static int begin_on(struct zx_store *st, const char *no, const char *need, int32_t on,
                    struct zx_gov_suggestion *s, struct zx_err *err)
{
    if (on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_NO_DATE);
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = zx_gov_store_get(st, no, s, err)))
        return fail(st, rc);
    char buf[64];
    snprintf(buf, sizeof buf, " %s ", need);
    char key[16];
    snprintf(key, sizeof key, " %s ", s->status);
    if (!strstr(buf, key)) {
        /* the statuses needed by their Chinese names, for the message's Chinese form */
        char zh[256] = "";
        size_t z = 0;
        for (const char *p = need; *p && z < sizeof zh;) {
            size_t n = strcspn(p, " ");
            char code[32];
            snprintf(code, sizeof code, "%.*s", (int)n, p);
            const char *l = zx_gov_status_label(code);
            z += (size_t)snprintf(zh + z, sizeof zh - z, "%s%s", z ? "、" : "", l ? l : code);
            p += n + (p[n] == ' ');
        }
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_WRONG_STATUS, no, s->status,
                                    zx_gov_status_label(s->status), need, zh));
    }
    return ZX_OK;
}

static int finish(struct zx_store *st, const struct zx_gov_suggestion *s,
                  struct zx_gov_suggestion *out, struct zx_err *err)
{
    int rc = zx_store_commit(st, err);
    if (!rc && out)
        *out = *s;
    return rc;
}

int zx_gov_issue(struct zx_store *st, const char *no, struct zx_monitor_period period, int32_t on,
                 const char *by, const char *staff, struct zx_gov_suggestion *out,
                 struct zx_err *err)
{
    struct zx_gov_suggestion s;
    int rc = begin_on(st, no, "draft", on, &s, err);
    if (rc)
        return rc;
    if (!s.basis[0] || !s.measures[0])
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_NEEDS_BASIS, no));
    if (on < s.drafted_on)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_ISSUE_BEFORE_DRAFT));
    if (period.n <= 0)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_PERIOD));
    snprintf(s.status, sizeof s.status, "issued");
    snprintf(s.issued_by, sizeof s.issued_by, "%s", by);
    s.issued_on = on;
    /* RULE: F1: the reply is due two months after the day it is served (C4) */
    s.reply_due = zx_monitor_period_end(on, period);
    snprintf(s.event_id, sizeof s.event_id, "%s", s.no);
    int kind = zx_vocab_find(ZX_V_RESULT, s.kind, strlen(s.kind));
    if ((rc = zx_store_put_event(st, s.event_id, s.case_id, ZX_EV_SUGGESTION, kind, on,
                                 staff && *staff ? staff : s.handler_id, 0, "检察建议", NULL,
                                 err)) ||
        (rc = zx_gov_store_update(st, &s, "issued", by, on, s.addressee, err)))
        return fail(st, rc);
    return finish(st, &s, out, err);
}

int zx_gov_reply(struct zx_store *st, const char *no, const char *result, const char *text,
                 int32_t on, const char *by, struct zx_gov_suggestion *out, struct zx_err *err)
{
    struct zx_gov_suggestion s;
    if (!result ||
        (strcmp(result, "adopted") && strcmp(result, "rectified") && strcmp(result, "rejected")))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_BAD_REPLY, result ? result : "");
    if (text && strlen(text) >= sizeof s.reply_text)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_REPLY_LONG);
    int rc = begin_on(st, no, "issued", on, &s, err);
    if (rc)
        return rc;
    if (on < s.issued_on)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_REPLY_EARLY, no));
    s.replied_on = on;
    snprintf(s.reply_result, sizeof s.reply_result, "%s", result);
    snprintf(s.reply_text, sizeof s.reply_text, "%s", text ? text : "");
    snprintf(s.reply_event_id, sizeof s.reply_event_id, "%.64s-R", s.no);
    /* a 诉前 suggestion the administrative organ refuses has failed: 公益诉讼 follows */
    int failed = !strcmp(s.kind, "pre_litigation") && !strcmp(result, "rejected");
    snprintf(s.status, sizeof s.status, "%s", failed ? "failed" : "replied");
    int64_t ref = zx_store_event_rid(st, s.case_id, s.event_id);
    if ((rc = zx_store_put_event(st, s.reply_event_id, s.case_id, ZX_EV_SUGGESTION_REPLY,
                                 zx_vocab_find(ZX_V_RESULT, result, strlen(result)), on,
                                 s.handler_id, ref, "检察建议回复", NULL, err)) ||
        (rc = zx_gov_store_update(st, &s, "replied", by, on, result, err)))
        return fail(st, rc);
    return finish(st, &s, out, err);
}

int zx_gov_followup(struct zx_store *st, const char *no, const char *result, const char *note,
                    int32_t on, const char *by, struct zx_gov_suggestion *out, struct zx_err *err)
{
    struct zx_gov_suggestion s;
    if (!result || (strcmp(result, "rectified") && strcmp(result, "not_rectified")))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_BAD_FOLLOWUP, result ? result : "");
    if (note && strlen(note) >= sizeof s.followup_note)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_NOTE_LONG);
    int rc = begin_on(st, no, "replied", on, &s, err);
    if (rc)
        return rc;
    if (on < s.replied_on)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_FOLLOWUP_EARLY, no));
    s.followup_on = on;
    snprintf(s.followup_result, sizeof s.followup_result, "%s", result);
    snprintf(s.followup_note, sizeof s.followup_note, "%s", note ? note : "");
    int failed = !strcmp(s.kind, "pre_litigation") && !strcmp(result, "not_rectified");
    snprintf(s.status, sizeof s.status, "%s", failed ? "failed" : "closed");
    if (!failed)
        s.closed_on = on;
    if ((rc = zx_gov_store_update(st, &s, "followed_up", by, on, result, err)))
        return fail(st, rc);
    return finish(st, &s, out, err);
}

int zx_gov_litigate(struct zx_store *st, const char *no, int32_t on, const char *by,
                    struct zx_gov_suggestion *out, struct zx_err *err)
{
    struct zx_gov_suggestion s;
    int rc = begin_on(st, no, "draft issued replied failed closed litigated", on, &s, err);
    if (rc)
        return rc;
    if (strcmp(s.kind, "pre_litigation"))
        return fail(st,
                    zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_SUIT_NOT_PRE, no, s.kind,
                                zx_gov_kind_label(s.kind) ? zx_gov_kind_label(s.kind) : s.kind));
    if (strcmp(s.status, "issued") && strcmp(s.status, "failed"))
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_SUIT_STATUS, no, s.status,
                                    zx_gov_status_label(s.status)));
    /* RULE: F1: an unanswered 诉前 suggestion fails once its reply period has run out */
    if (!strcmp(s.status, "issued") && on <= s.reply_due) {
        char d[16];
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_SUIT_WAIT, no,
                                    zx_date_format(s.reply_due, d)));
    }
    if (on < s.issued_on)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_SUIT_EARLY));
    snprintf(s.status, sizeof s.status, "litigated");
    s.litigated_on = s.closed_on = on;
    snprintf(s.lawsuit_event_id, sizeof s.lawsuit_event_id, "%.64s-PIL", s.no);
    if ((rc = zx_store_put_event(st, s.lawsuit_event_id, s.case_id, ZX_EV_PIL_LAWSUIT, 0, on,
                                 s.handler_id, 0, "诉前检察建议未整改，提起公益诉讼", NULL, err)) ||
        (rc = zx_gov_store_update(st, &s, "litigated", by, on, NULL, err)))
        return fail(st, rc);
    return finish(st, &s, out, err);
}

int zx_gov_watch(const struct zx_monitor_rules *r, const struct zx_gov_suggestion *s, int32_t as_of)
{
    if (strcmp(s->status, "issued") || s->reply_due == ZX_DATE_NULL)
        return -1;
    return zx_monitor_open_status(r, s->issued_on, s->reply_due, as_of);
}

int zx_gov_escalate(struct zx_store *st, const struct zx_monitor_rules *r, int32_t on,
                    const char *who, zx_monitor_notice_scope scope, void *scope_ud, int *steps,
                    struct zx_err *err)
{
    struct zx_gov_suggestion *v = NULL;
    size_t n = 0;
    *steps = 0;
    int rc = zx_gov_store_list(st, NULL, &v, &n, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        struct zx_gov_suggestion *x = &v[i];
        if (strcmp(x->status, "issued") || (scope && !scope(x->unit_id, scope_ud)))
            continue;
        int level;
        while (rc == ZX_OK && (level = zx_monitor_escalation_next(r, x->reply_due, on,
                                                                  x->chief_id[0]  ? 2
                                                                  : x->head_id[0] ? 1
                                                                                  : 0))) {
            char to[ZX_NOTICE_ID_MAX];
            if ((rc = zx_monitor_escalation_to(st, x->unit_id, x->handler_id, level, to, err)))
                break;
            if (level == 1) {
                snprintf(x->head_id, sizeof x->head_id, "%s", to);
                x->head_on = on;
            } else {
                snprintf(x->chief_id, sizeof x->chief_id, "%s", to);
                x->chief_on = on;
            }
            if ((rc = zx_store_begin(st, err)))
                break;
            if ((rc = zx_gov_store_update(st, x, level == 1 ? "escalated_head" : "escalated_chief",
                                          who, on, to, err))) {
                zx_store_rollback(st);
                break;
            }
            if ((rc = zx_store_commit(st, err)))
                break;
            (*steps)++;
        }
    }
    free(v);
    return rc;
}

int zx_gov_add_hearing(struct zx_store *st, struct zx_gov_hearing *h, struct zx_err *err)
{
    if (!zx_gov_hearing_type_label(h->type))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_BAD_HEARING, h->type);
    if (h->held_on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_HEARING_DATE);
    if (!text_ok(h->participants, sizeof h->participants))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_PARTICIPANTS);
    if (h->followed < -1 || h->followed > 1)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_FOLLOWED);
    char handler[ZX_GOV_ID_MAX];
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = zx_gov_store_case(st, h->case_id, h->unit_id, handler, NULL, err)) ||
        (rc = zx_gov_store_add_hearing(st, h, err)))
        return fail(st, rc);
    if ((rc = zx_store_put_event(st, h->event_id, h->case_id, ZX_EV_HEARING, 0, h->held_on, handler,
                                 0, zx_gov_hearing_type_label(h->type), NULL, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_gov_add_supervision(struct zx_store *st, struct zx_gov_supervision *v, struct zx_err *err)
{
    if (!zx_gov_activity_label(v->activity))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_BAD_ACTIVITY, v->activity);
    if (v->on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_DAY);
    if (!text_ok(v->supervisor, sizeof v->supervisor))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_GOV_SUPERVISOR);
    char handler[ZX_GOV_ID_MAX];
    int rc = zx_store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = zx_gov_store_case(st, v->case_id, v->unit_id, handler, NULL, err)) ||
        (rc = zx_gov_store_add_supervision(st, v, err)))
        return fail(st, rc);
    if ((rc = zx_store_put_event(st, v->event_id, v->case_id, ZX_EV_SUPERVISOR_INVITED, 0, v->on,
                                 handler, 0, zx_gov_activity_label(v->activity), NULL, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

/* ---- the 检察建议书 ---- */

static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        case '\n':
            fputs("</p><p>", f);
            break;
        default:
            fputc(*s, f);
        }
}

static void zh_date(FILE *f, int32_t d)
{
    int y, m, dd;
    if (d == ZX_DATE_NULL) {
        fputs("　　年　　月　　日", f);
        return;
    }
    zx_date_to_ymd(d, &y, &m, &dd);
    fprintf(f, "%d年%d月%d日", y, m, dd);
}

int zx_gov_document_html(const struct zx_gov_suggestion *s, const char *unit_name,
                         const char *case_no, const char *css_href, char **html, size_t *len,
                         struct zx_err *err)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int y = 0, m, d;
    zx_date_to_ymd(s->issued_on != ZX_DATE_NULL ? s->issued_on : s->drafted_on, &y, &m, &d);
    const char *seq = strrchr(s->no, '-');
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>检察建议书 ",
          f);
    esc(f, s->no);
    fputs("</title><link rel=\"stylesheet\" href=\"", f);
    esc(f, css_href);
    fputs("\"></head><body class=\"doc\"><article class=\"jcjy\" id=\"jcjy-doc\">\n", f);
    if (!strcmp(s->status, "draft"))
        fputs("<p class=\"draft-mark\">草稿（未发出）</p>\n", f);
    fputs("<header><p class=\"org\">", f);
    esc(f, unit_name);
    fputs("</p><h1>检察建议书</h1><p class=\"docno\">检建〔", f);
    fprintf(f, "%d〕%s号</p></header>\n", y, seq ? seq + 1 : s->no);
    fputs("<p class=\"to\">", f);
    esc(f, s->addressee);
    fputs("：</p>\n<section><p>本院在办理", f);
    esc(f, case_no && *case_no ? case_no : s->case_id);
    fputs("案件中发现，", f);
    esc(f, s->problem);
    fputs("</p></section>\n<section><h2>建议依据</h2><p>", f);
    esc(f, s->basis[0] ? s->basis : "（待填写）");
    fputs(
        "</p></section>\n<section><h2>检察建议</h2><p>为此，根据《中华人民共和国人民检察院组织法》"
        "第二十一条和《人民检察院检察建议工作规定》的规定，本院建议：</p><p>",
        f);
    esc(f, s->measures[0] ? s->measures : "（待填写）");
    fputs("</p></section>\n<section><p class=\"reply-req\">请你单位在收到本检察建议书之日起", f);
    if (s->reply_due != ZX_DATE_NULL && s->issued_on != ZX_DATE_NULL) {
        fputs("两个月以内（", f);
        zh_date(f, s->reply_due);
        fputs("前）", f);
    } else {
        fputs("两个月以内", f);
    }
    fputs("将采纳检察建议及整改落实情况书面回复本院。</p></section>\n<footer><p class=\"sign\">",
          f);
    esc(f, unit_name);
    fputs("</p><p class=\"date\">", f);
    zh_date(f, s->issued_on);
    fputs("</p><p class=\"seal\">（院印）</p></footer>\n<p class=\"cc\">类别：", f);
    esc(f, zx_gov_kind_label(s->kind));
    fputs("检察建议　编号：", f);
    esc(f, s->no);
    fputs("</p>\n</article></body></html>\n", f);
    if (fclose(f) || !buf) {
        free(buf);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    *html = buf;
    *len = n;
    return ZX_OK;
}
