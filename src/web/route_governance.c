/* route_governance.c — social governance over governance/governance.h:
 *   GET  /suggestions[?status=&case=&as_of=]   the board (the user's subtree)
 *   POST /suggestions                          draft {case_id, kind, addressee, problem, …}
 *   POST /suggestions/escalate                 {date}: escalate overdue ones (案件管理)
 *   GET  /suggestions/{no}                     one, with its steps
 *   GET  /suggestions/{no}/document            the 检察建议书, printable HTML
 *   POST /suggestions/{no}/issue|reply|followup|litigate   {date, …}
 *   GET|POST /hearings, GET|POST /supervisions [?case=]    听证, 人民监督员
 *   GET  /governance/stats?from=&to=           per unit and line
 * Reads are scoped to the user's subtree; writes need ZX_CAP_GOVERNANCE, and a prosecutor
 * writes only on the cases of the own unit. Every call is audited; a write that adds events
 * reloads the indicator data so that the adoption indicators count it at once. */
#include "web/internal.h"

#include "governance/governance.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int in_scope_unit(const struct zx_web_req *r, const char *unit_id)
{
    return r->data && zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id));
}

static void store_error(struct zx_web_req *r, int rc, const struct zx_err *err)
{
    if (rc == ZX_ENOTFOUND)
        zx_web__error_lib(r, 404, "not_found", "未找到", NULL, err);
    else if (rc == ZX_EINVAL)
        zx_web__error_lib(r, 409, "not_allowed", "不能进行该操作",
                          "当前状态下不能进行该操作，或输入有误", err);
    else
        zx_web__error(r, 500, "store", "数据库错误", err->msg);
}

/* The body's "date" (default today); -1 and a 400 when it is not a date. */
static int body_date(struct zx_web_req *r, json_t *b, const char *key, int32_t *out)
{
    const char *d = json_string_value(json_object_get(b, key));
    *out = zx_date_today();
    if (d && zx_date_parse(d, strlen(d), out)) {
        zx_web__errorf(r, 400, "bad_date", "日期格式应为 YYYY-MM-DD", "%s must be YYYY-MM-DD", key);
        return -1;
    }
    return 0;
}

/* Copy body field key into out (n bytes); -1 and a 400 when required and missing, or too
 * long. */
static int body_text(struct zx_web_req *r, json_t *b, const char *key, int required, char *out,
                     size_t n)
{
    const char *v = json_string_value(json_object_get(b, key));
    if ((!v || !*v) && required) {
        zx_web__errorf(r, 400, "missing", "缺少必填项", "%s is required", key);
        return -1;
    }
    if (v && strlen(v) >= n) {
        zx_web__errorf(r, 400, "too_long", "内容过长", "%s: at most %zu bytes", key, n - 1);
        return -1;
    }
    snprintf(out, n, "%s", v ? v : "");
    return 0;
}

/* May the user write on case_id? Fills its unit; responds (403/404) and returns -1 if not. */
static int may_write(struct zx_web_req *r, const char *case_id, char unit[ZX_GOV_ID_MAX])
{
    char handler[ZX_GOV_ID_MAX];
    struct zx_err err = {0};
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_GOVERNANCE)) {
        zx_web__error(r, 403, "forbidden",
                      "无权办理检察建议、听证和人民监督员事项（限检察官和案件管理部门）",
                      "only prosecutors and case management may do this");
        return -1;
    }
    if (zx_gov_store_case(r->st, case_id, unit, handler, NULL, &err) || !in_scope_unit(r, unit)) {
        zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
        return -1;
    }
    /* a prosecutor acts for the own procuratorate only */
    if (!(r->user.roles & ZX_ROLE_ANALYST) && strcmp(unit, r->user.unit_id)) {
        zx_web__error(r, 403, "forbidden", "检察官只能办理本院案件的检察建议",
                      "a prosecutor acts on the cases of the own unit only");
        return -1;
    }
    return 0;
}

static int load_rules(struct zx_web_req *r, struct zx_monitor_rules **rules)
{
    struct zx_err err = {0};
    if (zx_monitor_rules_load_default(rules, NULL, &err)) {
        zx_web__error(r, 500, "rules", "期限规则读取失败", err.msg);
        return -1;
    }
    return 0;
}

/* ---- suggestions ---- */

static void sugg_list(struct zx_web_req *r)
{
    struct zx_gov_suggestion *v = NULL;
    struct zx_monitor_rules *rules = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    int32_t as_of;
    const char *status = zx_web__arg(r, "status"), *case_id = zx_web__arg(r, "case");
    if (zx_web__arg_date(r, "as_of", zx_date_today(), &as_of) || load_rules(r, &rules))
        goto cleanup;
    if (zx_gov_store_list(r->st, case_id && *case_id ? case_id : NULL, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    json_t *items = json_array(), *counts = json_object(), *colours = json_object();
    for (size_t i = 0; i < n; i++) {
        if (!in_scope_unit(r, v[i].unit_id))
            continue;
        int w = zx_gov_watch(rules, &v[i], as_of);
        json_t *c = json_object_get(counts, v[i].status);
        json_object_set_new(counts, v[i].status, json_integer(c ? json_integer_value(c) + 1 : 1));
        if (w >= 0) {
            const char *k = zx_monitor_status_code(w);
            c = json_object_get(colours, k);
            json_object_set_new(colours, k, json_integer(c ? json_integer_value(c) + 1 : 1));
        }
        if (status && *status && strcmp(status, v[i].status) &&
            (w < 0 || strcmp(status, zx_monitor_status_code(w))))
            continue;
        json_array_append_new(items, zx_gov_suggestion_json(&v[i], rules, as_of));
    }
    char d[16];
    zx_web__audit(r, "suggestions_list", r->user.unit_id, "ok", case_id);
    zx_web__json(r, 200,
                 json_pack("{s:s,s:o,s:o,s:o}", "as_of", zx_date_format(as_of, d), "items", items,
                           "counts", counts, "watch", colours));
cleanup:
    free(v);
    zx_monitor_rules_free(rules);
}

static void sugg_draft(struct zx_web_req *r)
{
    struct zx_gov_suggestion *s = calloc(2, sizeof *s);
    struct zx_err err = {0};
    json_t *b = NULL;
    char unit[ZX_GOV_ID_MAX];
    if (!s) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (!(b = zx_web__body_json(r)) ||
        body_text(r, b, "case_id", 1, s->case_id, sizeof s->case_id) ||
        body_text(r, b, "kind", 1, s->kind, sizeof s->kind) ||
        body_text(r, b, "addressee", 1, s->addressee, sizeof s->addressee) ||
        body_text(r, b, "problem", 1, s->problem, sizeof s->problem) ||
        body_text(r, b, "basis", 0, s->basis, sizeof s->basis) ||
        body_text(r, b, "measures", 0, s->measures, sizeof s->measures) ||
        body_date(r, b, "date", &s->drafted_on) || may_write(r, s->case_id, unit))
        goto cleanup;
    snprintf(s->drafted_by, sizeof s->drafted_by, "%s", r->user.name);
    int rc = zx_gov_draft(r->st, s, &s[1], &err);
    if (rc) {
        zx_web__audit(r, "suggestion_draft", s->case_id, "failed", err.msg);
        if (rc == ZX_EINVAL)
            zx_web__error_lib(r, 400, "bad_input", "输入有误", NULL, &err);
        else
            store_error(r, rc, &err);
        goto cleanup;
    }
    zx_web__audit(r, "suggestion_draft", s[1].no, "ok", s->case_id);
    zx_web__json(r, 201, zx_gov_suggestion_json(&s[1], NULL, zx_date_today()));
cleanup:
    json_decref(b);
    free(s);
}

/* Load suggestion no if it lies in the user's subtree; responds 404 and returns -1 if not. */
static int sugg_get(struct zx_web_req *r, const char *no, struct zx_gov_suggestion *s)
{
    struct zx_err err = {0};
    if (zx_gov_store_get(r->st, no, s, &err) || !in_scope_unit(r, s->unit_id)) {
        zx_web__error(r, 404, "suggestion_not_found", "未找到该检察建议", "no such suggestion");
        return -1;
    }
    return 0;
}

static void sugg_show(struct zx_web_req *r, const char *no)
{
    struct zx_gov_suggestion *s = calloc(1, sizeof *s);
    struct zx_gov_step *steps = NULL;
    struct zx_monitor_rules *rules = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (!s) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (sugg_get(r, no, s) || load_rules(r, &rules))
        goto cleanup;
    if (zx_gov_store_steps(r->st, no, &steps, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    json_t *o = zx_gov_suggestion_json(s, rules, zx_date_today());
    json_object_set_new(o, "steps", zx_gov_steps_json(steps, n));
    json_object_set_new(
        o, "can_act",
        json_boolean(zx_web_auth_can(r->user.roles, ZX_CAP_GOVERNANCE) &&
                     ((r->user.roles & ZX_ROLE_ANALYST) || !strcmp(s->unit_id, r->user.unit_id))));
    zx_web__audit(r, "suggestion_view", no, "ok", NULL);
    zx_web__json(r, 200, o);
cleanup:
    free(steps);
    free(s);
    zx_monitor_rules_free(rules);
}

static void sugg_document(struct zx_web_req *r, const char *no)
{
    struct zx_gov_suggestion *s = calloc(1, sizeof *s);
    char unit[ZX_GOV_NAME_MAX], case_no[ZX_GOV_NAME_MAX];
    char *html = NULL;
    size_t len = 0;
    struct zx_err err = {0};
    if (!s) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (sugg_get(r, no, s))
        goto cleanup;
    if (zx_gov_store_names(r->st, s->case_id, unit, case_no, &err) ||
        zx_gov_document_html(s, unit, case_no, "/css/print.css", &html, &len, &err)) {
        zx_web__error(r, 500, "document", "文书生成失败", err.msg);
        goto cleanup;
    }
    zx_web__audit(r, "suggestion_document", no, "ok", NULL);
    zx_web__raw(r, 200, "text/html; charset=utf-8", html, len);
cleanup:
    free(html);
    free(s);
}

static void sugg_act(struct zx_web_req *r, const char *no, const char *act)
{
    struct zx_gov_suggestion *s = calloc(2, sizeof *s);
    struct zx_monitor_rules *rules = NULL;
    struct zx_err err = {0};
    json_t *b = NULL;
    char unit[ZX_GOV_ID_MAX], result[24], text[ZX_GOV_TEXT_MAX];
    int32_t on;
    int rc;
    if (!s) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (!(b = zx_web__body_json(r)) || body_date(r, b, "date", &on) || sugg_get(r, no, s) ||
        may_write(r, s->case_id, unit) || load_rules(r, &rules))
        goto cleanup;
    if (!strcmp(act, "issue")) {
        struct zx_monitor_period p;
        const char *ps = json_string_value(json_object_get(b, "period"));
        rc = ps && *ps ? (zx_monitor_period_parse(ps, &p)
                              ? zx_err_set(&err, ZX_EINVAL, "period: '%s' is not 15d or 2m", ps)
                              : ZX_OK)
                       : zx_gov_reply_period(r->st, r->data->m, rules, s->unit_id, &p, &err);
        if (!rc)
            rc = zx_gov_issue(r->st, no, p, on, r->user.name, r->user.staff_id, &s[1], &err);
    } else if (!strcmp(act, "reply") || !strcmp(act, "followup")) {
        if (body_text(r, b, "result", 1, result, sizeof result) ||
            body_text(r, b, "text", 0, text, sizeof text))
            goto cleanup;
        rc = act[0] == 'r'
                 ? zx_gov_reply(r->st, no, result, text, on, r->user.name, &s[1], &err)
                 : zx_gov_followup(r->st, no, result, text, on, r->user.name, &s[1], &err);
    } else {
        rc = zx_gov_litigate(r->st, no, on, r->user.name, &s[1], &err);
    }
    char what[40];
    snprintf(what, sizeof what, "suggestion_%s", act);
    if (rc) {
        zx_web__audit(r, what, no, "failed", err.msg);
        store_error(r, rc, &err);
        goto cleanup;
    }
    zx_web__audit(r, what, no, "ok", s[1].status);
    if (strcmp(act, "followup"))
        zx_web__data_reload(r, "a governance write"); /* the step wrote an event */
    zx_web__json(r, 200, zx_gov_suggestion_json(&s[1], rules, on));
cleanup:
    json_decref(b);
    zx_monitor_rules_free(rules);
    free(s);
}

static int unit_in_scope(const char *unit_id, void *ud)
{
    return in_scope_unit(ud, unit_id);
}

static void sugg_escalate(struct zx_web_req *r)
{
    struct zx_monitor_rules *rules = NULL;
    struct zx_err err = {0};
    json_t *b = NULL;
    int32_t on;
    int steps = 0;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_MONITOR_NOTICE)) {
        zx_web__error(r, 403, "forbidden", "无权督办检察建议（限案件管理部门）",
                      "only case management may escalate");
        return;
    }
    if (!(b = zx_web__body_json(r)) || body_date(r, b, "date", &on) || load_rules(r, &rules))
        goto cleanup;
    if (zx_gov_escalate(r->st, rules, on, r->user.name, unit_in_scope, r, &steps, &err)) {
        zx_web__error(r, 500, "store", "督办失败", err.msg);
        goto cleanup;
    }
    char d[16];
    snprintf(d, sizeof d, "%d", steps);
    zx_web__audit(r, "suggestion_escalate", r->user.unit_id, "ok", d);
    zx_web__json(r, 200, json_pack("{s:i}", "escalated", steps));
cleanup:
    json_decref(b);
    zx_monitor_rules_free(rules);
}

/* ---- hearings and supervisions ---- */

static void hearings(struct zx_web_req *r, int post)
{
    struct zx_err err = {0};
    const char *case_id = zx_web__arg(r, "case");
    if (!post) {
        struct zx_gov_hearing *v = NULL;
        size_t n = 0;
        if (zx_gov_store_hearings(r->st, case_id && *case_id ? case_id : NULL, &v, &n, &err)) {
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
            return;
        }
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            if (in_scope_unit(r, v[i].unit_id))
                json_array_append_new(a, zx_gov_hearing_json(&v[i]));
        free(v);
        zx_web__audit(r, "hearings_list", r->user.unit_id, "ok", case_id);
        zx_web__json(r, 200, json_pack("{s:o}", "items", a));
        return;
    }
    struct zx_gov_hearing *h = calloc(1, sizeof *h);
    json_t *b = NULL;
    char unit[ZX_GOV_ID_MAX];
    if (!h) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (!(b = zx_web__body_json(r)) ||
        body_text(r, b, "case_id", 1, h->case_id, sizeof h->case_id) ||
        body_text(r, b, "type", 1, h->type, sizeof h->type) ||
        body_text(r, b, "participants", 1, h->participants, sizeof h->participants) ||
        body_text(r, b, "opinions", 0, h->opinions, sizeof h->opinions) ||
        body_text(r, b, "outcome", 0, h->outcome, sizeof h->outcome) ||
        body_date(r, b, "date", &h->held_on) || may_write(r, h->case_id, unit))
        goto cleanup;
    json_t *f = json_object_get(b, "followed");
    h->followed = json_is_boolean(f) ? json_is_true(f) : -1;
    snprintf(h->recorded_by, sizeof h->recorded_by, "%s", r->user.name);
    int rc = zx_gov_add_hearing(r->st, h, &err);
    if (rc) {
        zx_web__audit(r, "hearing_add", h->case_id, "failed", err.msg);
        if (rc == ZX_EINVAL)
            zx_web__error_lib(r, 400, "bad_input", "输入有误", NULL, &err);
        else
            store_error(r, rc, &err);
        goto cleanup;
    }
    zx_web__audit(r, "hearing_add", h->no, "ok", h->case_id);
    zx_web__data_reload(r, "a governance write");
    zx_web__json(r, 201, zx_gov_hearing_json(h));
cleanup:
    json_decref(b);
    free(h);
}

static void supervisions(struct zx_web_req *r, int post)
{
    struct zx_err err = {0};
    const char *case_id = zx_web__arg(r, "case");
    if (!post) {
        struct zx_gov_supervision *v = NULL;
        size_t n = 0;
        if (zx_gov_store_supervisions(r->st, case_id && *case_id ? case_id : NULL, &v, &n, &err)) {
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
            return;
        }
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            if (in_scope_unit(r, v[i].unit_id))
                json_array_append_new(a, zx_gov_supervision_json(&v[i]));
        free(v);
        zx_web__audit(r, "supervisions_list", r->user.unit_id, "ok", case_id);
        zx_web__json(r, 200, json_pack("{s:o}", "items", a));
        return;
    }
    struct zx_gov_supervision *v = calloc(1, sizeof *v);
    json_t *b = NULL;
    char unit[ZX_GOV_ID_MAX];
    if (!v) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return;
    }
    if (!(b = zx_web__body_json(r)) ||
        body_text(r, b, "case_id", 1, v->case_id, sizeof v->case_id) ||
        body_text(r, b, "supervisor", 1, v->supervisor, sizeof v->supervisor) ||
        body_text(r, b, "activity", 1, v->activity, sizeof v->activity) ||
        body_text(r, b, "opinion", 0, v->opinion, sizeof v->opinion) ||
        body_date(r, b, "date", &v->on) || may_write(r, v->case_id, unit))
        goto cleanup;
    snprintf(v->recorded_by, sizeof v->recorded_by, "%s", r->user.name);
    int rc = zx_gov_add_supervision(r->st, v, &err);
    if (rc) {
        zx_web__audit(r, "supervision_add", v->case_id, "failed", err.msg);
        if (rc == ZX_EINVAL)
            zx_web__error_lib(r, 400, "bad_input", "输入有误", NULL, &err);
        else
            store_error(r, rc, &err);
        goto cleanup;
    }
    zx_web__audit(r, "supervision_add", v->no, "ok", v->case_id);
    zx_web__data_reload(r, "a governance write");
    zx_web__json(r, 201, zx_gov_supervision_json(v));
cleanup:
    json_decref(b);
    free(v);
}

static void stats(struct zx_web_req *r)
{
    struct zx_gov_stat *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    int32_t from, to;
    if (zx_web__arg_date(r, "from", ZX_DATE_NULL, &from) ||
        zx_web__arg_date(r, "to", ZX_DATE_NULL, &to))
        return;
    if (zx_gov_store_stats(r->st, from, to, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!in_scope_unit(r, v[i].unit_id))
            continue;
        int32_t u = zx_metrics_unit_find(r->data->m, v[i].unit_id);
        json_array_append_new(
            a, json_pack("{s:s,s:s?,s:s,s:I,s:I,s:I}", "unit_id", v[i].unit_id, "unit_name",
                         u >= 0 ? zx_metrics_unit_name(r->data->m, u) : NULL, "line", v[i].line,
                         "hearings", (json_int_t)v[i].hearings, "followed",
                         (json_int_t)v[i].followed, "supervisions", (json_int_t)v[i].supervisions));
    }
    free(v);
    zx_web__audit(r, "governance_stats", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "rows", a));
}

int zx_web__route_governance(struct zx_web_req *r, const char *p)
{
    int get = !strcmp(r->method, "GET"), post = !strcmp(r->method, "POST");
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (!get && !post) {
        zx_web__error(r, 405, "method_not_allowed", "不支持该请求方法", "method not allowed");
        return ZX_OK;
    }
    if (!strcmp(p, "/suggestions"))
        get ? sugg_list(r) : sugg_draft(r);
    else if (!strcmp(p, "/suggestions/escalate") && post)
        sugg_escalate(r);
    else if (!strcmp(p, "/hearings"))
        hearings(r, post);
    else if (!strcmp(p, "/supervisions"))
        supervisions(r, post);
    else if (!strcmp(p, "/governance/stats") && get)
        stats(r);
    else if (!strncmp(p, "/suggestions/", 13)) {
        char no[ZX_GOV_ID_MAX];
        const char *a = p + 13, *slash = strchr(a, '/');
        size_t len = slash ? (size_t)(slash - a) : strlen(a);
        if (len == 0 || len >= sizeof no) {
            zx_web__error(r, 404, "not_found", "未找到", "no such resource");
            return ZX_OK;
        }
        memcpy(no, a, len);
        no[len] = 0;
        const char *act = slash ? slash + 1 : "";
        if (!*act && get)
            sugg_show(r, no);
        else if (!strcmp(act, "document") && get)
            sugg_document(r, no);
        else if (post && (!strcmp(act, "issue") || !strcmp(act, "reply") ||
                          !strcmp(act, "followup") || !strcmp(act, "litigate")))
            sugg_act(r, no, act);
        else
            zx_web__error(r, 404, "not_found", "未找到", "no such resource");
    } else
        zx_web__error(r, 404, "not_found", "未找到", "no such resource");
    return ZX_OK; /* every branch above answers (the sub-handlers are void: they always do) */
}
