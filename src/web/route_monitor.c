/* route_monitor.c — GET /monitor (流程监控): the monitored stages of the cases of the user's
 * subtree (a prosecutor: of the cases they handle) as of a date, most urgent first and the
 * user's own cases before the others, with counts by status, by child unit and by handler.
 * The items name cases and persons by id (no names, no id numbers); the view is audited.
 * Ids are read from the store for the returned page only (store/views.h). */
#include "web/internal.h"

#include "monitor/monitor.h"
#include "store/notice.h"
#include "store/views.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sortctx {
    const struct zx_metrics_columns *cols;
    int32_t staff; /* the user's staff member: their cases first; -1 none */
};

/* urgency: red, yellow, open, late, ok */
static int rank(int status)
{
    static const int r[ZX_MON_NSTATUS] = {[ZX_MON_RED] = 0,
                                          [ZX_MON_YELLOW] = 1,
                                          [ZX_MON_OPEN] = 2,
                                          [ZX_MON_LATE] = 3,
                                          [ZX_MON_OK] = 4};
    return r[status];
}

static int cmp_urgent(const void *a, const void *b, void *arg)
{
    const struct zx_monitor_item *x = a, *y = b;
    const struct sortctx *k = arg;
    int mx = k->staff >= 0 && k->cols->c_handler[x->c] == k->staff,
        my = k->staff >= 0 && k->cols->c_handler[y->c] == k->staff;
    if (mx != my)
        return my - mx;
    if (rank(x->status) != rank(y->status))
        return rank(x->status) - rank(y->status);
    int32_t kx = x->closed_on == ZX_DATE_NULL ? x->days_left : x->deadline,
            ky = y->closed_on == ZX_DATE_NULL ? y->days_left : y->deadline;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    return (x->e > y->e) - (x->e < y->e);
}

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static json_t *jtext(const char *t)
{
    return t ? json_string(t) : json_null();
}

static int page_case(void *ud, size_t i, const struct zx_view_case *c)
{
    json_t *o = json_array_get(ud, i);
    json_object_set_new(o, "case_id", jtext(c->case_id));
    json_object_set_new(o, "case_no", jtext(c->case_no));
    json_object_set_new(o, "charge", jtext(c->charge));
    json_object_set_new(o, "handler_id", jtext(c->handler_id));
    json_object_set_new(o, "handler_name", jtext(c->handler_name));
    return 0;
}

/* the page's items and, for the i-th person looked up, its item */
struct page_persons {
    json_t *items;
    const size_t *slot;
};

static int page_person(void *ud, size_t i, const struct zx_view_person *p)
{
    const struct page_persons *pp = ud;
    json_object_set_new(json_array_get(pp->items, pp->slot[i]), "person_id", jtext(p->person_id));
    return 0;
}

int zx_web__route_monitor(struct zx_web_req *r)
{
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_monitor_item *items = NULL;
    int64_t *unit_cnt = NULL, *staff_cnt = NULL;
    json_t *jitems = NULL;
    int64_t *rids = NULL;
    size_t *pslot = NULL;
    struct zx_err err = {0};
    size_t n = 0;
    int32_t u, as_of = zx_date_today();
    long page, size;
    unsigned keep = 0;
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    const struct zx_metrics *m = r->data->m;
    const char *a = zx_web__arg(r, "as_of"), *st = zx_web__arg(r, "status");
    if (a && zx_date_parse(a, strlen(a), &as_of)) {
        zx_web__error(r, 400, "bad_date", "as_of 应为日期（YYYY-MM-DD）",
                      "as_of must be a date (YYYY-MM-DD)");
        return ZX_OK;
    }
    if (st && *st) {
        char buf[128], *save = NULL;
        snprintf(buf, sizeof buf, "%s", st);
        for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            int s = zx_monitor_status_find(w);
            if (s < 0) {
                zx_web__error(r, 400, "bad_status",
                              "status 只能为 ok、late、open、yellow、red（逗号分隔）",
                              "status must be ok, late, open, yellow or red, comma-separated");
                return ZX_OK;
            }
            keep |= 1u << s;
        }
    }
    if (zx_web__arg_unit(r, "unit", &u) || zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 100, &size))
        return ZX_OK;
    struct zx_metrics_columns cols;
    zx_metrics_columns(m, &cols);
    if (zx_monitor_rules_load_default(&rules, NULL, &err) ||
        zx_monitor_unit_periods(r->st, m, rules, &sugg, &corr, &err)) {
        zx_web__error(r, 500, "monitor", "流程监控计算失败", err.msg);
        goto cleanup;
    }
    struct zx_monitor_query q = {.as_of = as_of, .unit = u, .suggestion = sugg, .correction = corr};
    if (zx_monitor_run(&cols, rules, &q, &items, &n, &err)) {
        zx_web__error(r, 500, "monitor", "流程监控计算失败", err.msg);
        goto cleanup;
    }
    /* a prosecutor sees the items of the cases they handle, nothing else */
    int32_t own = r->scope_staff;
    int32_t me = own >= 0              ? own
                 : r->user.staff_id[0] ? zx_metrics_staff_find(m, r->user.staff_id)
                                       : -1;
    int64_t counts[ZX_MON_NSTATUS] = {0};
    const int32_t nu = zx_metrics_units(m), ns = zx_metrics_staff(m);
    unit_cnt = calloc((size_t)nu * 2 + 2, sizeof *unit_cnt);
    staff_cnt = calloc((size_t)ns * 2 + 2, sizeof *staff_cnt);
    if (!unit_cnt || !staff_cnt) {
        zx_web__error(r, 500, "nomem", "内存不足", "out of memory");
        goto cleanup;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const struct zx_monitor_item *it = &items[i];
        if (own >= 0 && cols.c_handler[it->c] != own)
            continue;
        counts[it->status]++;
        if (it->status == ZX_MON_RED || it->status == ZX_MON_YELLOW) {
            int red = it->status == ZX_MON_RED;
            /* the child unit of u that holds the case (u itself for its own cases) */
            int32_t cu = cols.c_unit[it->c];
            while (cu != u && zx_metrics_unit_parent(m, cu) != u && cu >= 0)
                cu = zx_metrics_unit_parent(m, cu);
            if (cu >= 0)
                unit_cnt[2 * cu + red]++;
            int32_t h = cols.c_handler[it->c];
            if (h >= 0)
                staff_cnt[2 * h + red]++;
        }
        if (keep && !(keep & (1u << it->status)))
            continue;
        items[k++] = *it;
    }
    n = k;
    struct sortctx sk = {&cols, me};
    qsort_r(items, n, sizeof *items, cmp_urgent, &sk);

    size_t first = (size_t)(page - 1) * (size_t)size;
    size_t npage = first < n ? (n - first < (size_t)size ? n - first : (size_t)size) : 0, np = 0;
    jitems = json_array();
    /* one spare element: never a null base, even for an empty page */
    if (!(rids = malloc((2 * npage + 1) * sizeof *rids)) ||
        !(pslot = malloc((npage + 1) * sizeof *pslot))) {
        zx_web__error(r, 500, "oom", "内存不足", "out of memory");
        goto cleanup;
    }
    for (size_t i = first; i < n && i < first + (size_t)size; i++) {
        const struct zx_monitor_item *it = &items[i];
        int32_t cu = cols.c_unit[it->c];
        json_t *o = json_pack(
            "{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:s,s:s,s:s,s:s,s:b}", "stage",
            zx_monitor_stage_code(it->stage), "stage_label", zx_monitor_stage_label(it->stage),
            "rule", zx_monitor_rule_id(rules, it->rule), "article",
            zx_monitor_rule_article(rules, it->rule), "started_on", jdate(it->started_on),
            "deadline", jdate(it->deadline), "closed_on", jdate(it->closed_on), "days_left",
            it->closed_on == ZX_DATE_NULL ? json_integer(it->days_left) : json_null(), "status",
            zx_monitor_status_code(it->status), "status_label", zx_monitor_status_label(it->status),
            "unit_id", zx_metrics_unit_id(m, cu), "unit_name", zx_metrics_unit_name(m, cu), "mine",
            me >= 0 && cols.c_handler[it->c] == me);
        json_array_append_new(jitems, o);
        rids[i - first] = cols.c_rid[it->c];
        if (it->p >= 0) {
            rids[npage + np] = cols.p_rid[it->p];
            pslot[np++] = i - first;
        }
    }
    /* the page's ids from the store: case fields, then person_id (null when none) */
    struct page_persons pp = {jitems, pslot};
    if (zx_store_view_cases_by_rid(r->st, rids, npage, page_case, jitems, &err) ||
        zx_store_view_persons_by_rid(r->st, rids + npage, np, page_person, &pp, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    for (size_t j = 0; j < npage; j++)
        if (!json_object_get(json_array_get(jitems, j), "person_id"))
            json_object_set_new(json_array_get(jitems, j), "person_id", json_null());
    json_t *jc = json_object();
    for (int s = 0; s < ZX_MON_NSTATUS; s++)
        json_object_set_new(jc, zx_monitor_status_code(s), json_integer(counts[s]));
    json_t *ju = json_array();
    for (int32_t x = u; x < u + zx_metrics_unit_size(m, u); x++)
        if ((x == u || zx_metrics_unit_parent(m, x) == u) &&
            (unit_cnt[2 * x] || unit_cnt[2 * x + 1]))
            json_array_append_new(
                ju, json_pack("{s:s,s:s,s:I,s:I}", "unit_id", zx_metrics_unit_id(m, x), "name",
                              zx_metrics_unit_name(m, x), "yellow", (json_int_t)unit_cnt[2 * x],
                              "red", (json_int_t)unit_cnt[2 * x + 1]));
    json_t *jh = json_array();
    for (int32_t s = 0; s < ns; s++)
        if (staff_cnt[2 * s] || staff_cnt[2 * s + 1])
            json_array_append_new(
                jh, json_pack("{s:s,s:s,s:I,s:I}", "staff_id", zx_metrics_staff_id(m, s), "name",
                              zx_metrics_staff_name(m, s), "yellow", (json_int_t)staff_cnt[2 * s],
                              "red", (json_int_t)staff_cnt[2 * s + 1]));
    zx_web__audit(r, "monitor", zx_metrics_unit_id(m, u), "ok", NULL);
    zx_web__json(r, 200,
                 json_pack("{s:o,s:{s:s,s:s},s:o,s:I,s:i,s:i,s:o,s:o,s:o}", "as_of", jdate(as_of),
                           "unit", "id", zx_metrics_unit_id(m, u), "name",
                           zx_metrics_unit_name(m, u), "counts", jc, "total", (json_int_t)n, "page",
                           (int)page, "size", (int)size, "items", jitems, "by_unit", ju,
                           "by_handler", jh));
    jitems = NULL;
cleanup:
    json_decref(jitems);
    free(rids);
    free(pslot);
    free(unit_cnt);
    free(staff_cnt);
    free(items);
    free(sugg);
    free(corr);
    zx_monitor_rules_free(rules);
    return ZX_OK;
}

/* ---- 流程监控通知书 ---- */

/* the metrics index of a case's unit */
struct case_unit {
    const struct zx_metrics *m;
    int32_t u; /* -1 when unknown */
};

static int case_unit(void *ud, size_t i, const struct zx_view_case *c)
{
    struct case_unit *cu = ud;
    (void)i;
    cu->u = zx_metrics_unit_find(cu->m, c->unit_id);
    return 0;
}

static json_t *notice_json(const struct zx_notice *x)
{
    const char *state = x->replied_on != ZX_DATE_NULL ? "answered"
                        : x->chief_id[0]              ? "escalated_chief"
                        : x->head_id[0]               ? "escalated_head"
                                                      : "open";
    static const char *const labels[][2] = {{"answered", "已回复"},
                                            {"escalated_chief", "已报检察长"},
                                            {"escalated_head", "已报部门负责人"},
                                            {"open", "待回复"}};
    const char *label = "";
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (!strcmp(labels[i][0], state))
            label = labels[i][1];
    int sg = zx_monitor_stage_find(x->stage);
    return json_pack("{s:s,s:s,s:s?,s:s,s:s,s:o,s:o,s:s,s:s?,s:s,s:o,s:o,s:s?,s:o,s:s?,s:s?,s:o,"
                     "s:s?,s:o,s:s,s:s}",
                     "notice_no", x->notice_no, "case_id", x->case_id, "person_id",
                     x->person_id[0] ? x->person_id : NULL, "stage", x->stage, "stage_label",
                     zx_monitor_stage_label(sg), "started_on", jdate(x->started_on), "deadline",
                     jdate(x->deadline), "unit_id", x->unit_id, "handler_id",
                     x->handler_id[0] ? x->handler_id : NULL, "issued_by", x->issued_by,
                     "issued_on", jdate(x->issued_on), "reply_due", jdate(x->reply_due),
                     "replied_by", x->replied_by[0] ? x->replied_by : NULL, "replied_on",
                     jdate(x->replied_on), "reply", x->reply[0] ? x->reply : NULL, "head_id",
                     x->head_id[0] ? x->head_id : NULL, "head_on", jdate(x->head_on), "chief_id",
                     x->chief_id[0] ? x->chief_id : NULL, "chief_on", jdate(x->chief_on), "state",
                     state, "state_label", label);
}

/* 1 when the notice is the user's to see: its unit in the subtree; a prosecutor's own case. */
static int notice_visible(const struct zx_web_req *r, const struct zx_notice *x)
{
    const struct zx_metrics *m = r->data->m;
    if (!zx_web__in_scope(r, zx_metrics_unit_find(m, x->unit_id)))
        return 0;
    return r->scope_staff < 0 || !strcmp(x->handler_id, r->user.staff_id);
}

int zx_web__route_notices_list(struct zx_web_req *r)
{
    struct zx_notice *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (zx_notice_list(r->st, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        if (notice_visible(r, &v[i])) {
            json_t *o = notice_json(&v[i]);
            json_object_set_new(
                o, "mine",
                json_boolean(r->user.staff_id[0] && !strcmp(v[i].handler_id, r->user.staff_id)));
            json_array_append_new(items, o);
        }
    free(v);
    zx_web__audit(r, "monitor_notices", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "items", items));
    return ZX_OK;
}

static int32_t body_date(struct zx_web_req *r, json_t *b, int *bad)
{
    const char *d = json_string_value(json_object_get(b, "date"));
    int32_t v = zx_date_today();
    *bad = d && zx_date_parse(d, strlen(d), &v);
    if (*bad)
        zx_web__error(r, 400, "bad_date", "date 应为日期（YYYY-MM-DD）",
                      "date must be a date (YYYY-MM-DD)");
    return v;
}

int zx_web__route_notices_post(struct zx_web_req *r)
{
    struct zx_monitor_rules *rules = NULL;
    struct zx_err err = {0};
    struct zx_notice x;
    int bad;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_MONITOR_NOTICE)) {
        zx_web__error(r, 403, "forbidden", "无权发出流程监控通知书（限案件管理部门）",
                      "only case management (analyst) may issue monitoring notices");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *c = json_string_value(json_object_get(b, "case_id"));
    const char *p = json_string_value(json_object_get(b, "person_id"));
    const char *s = json_string_value(json_object_get(b, "stage"));
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    if (!c || !s || zx_monitor_stage_find(s) < 0) {
        zx_web__error(r, 400, "bad_item", "需要 case_id 和 stage（监控环节）",
                      "case_id and stage (a monitored stage) are required");
        goto cleanup;
    }
    /* the case must lie in the user's subtree; out of scope looks like unknown */
    struct case_unit cu = {r->data ? r->data->m : NULL, -1};
    if (r->data && zx_store_view_case(r->st, c, case_unit, &cu, &err))
        cu.u = -1; /* a failed read is answered like an unknown case, as before */
    int32_t u = cu.u;
    if (!r->data || !zx_web__in_scope(r, u)) {
        zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
        goto cleanup;
    }
    if (zx_monitor_rules_load_default(&rules, NULL, &err)) {
        zx_web__error(r, 500, "monitor", "流程监控规则读取失败", err.msg);
        goto cleanup;
    }
    int e = zx_monitor_notice_issue(r->st, r->data->m, rules, c, p, s, on, r->user.name, &x, &err);
    if (e) {
        zx_web__audit(r, "monitor_notice_issue", c, "failed", err.msg);
        if (e == ZX_EINVAL || e == ZX_ENOTFOUND)
            zx_web__error_lib(r, e == ZX_EINVAL ? 409 : 404, "not_issuable", "不能发出通知书",
                              "该事项未超期或已发出通知书", &err);
        else
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    zx_web__audit(r, "monitor_notice_issue", x.notice_no, "ok", c);
    zx_web__json(r, 201, notice_json(&x));
cleanup:
    zx_monitor_rules_free(rules);
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_notice_reply(struct zx_web_req *r, const char *no)
{
    struct zx_notice *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    int bad;
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *text = json_string_value(json_object_get(b, "text"));
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    if (!text || !*text || strlen(text) >= ZX_NOTICE_TEXT_MAX) {
        zx_web__error(r, 400, "bad_text", "需要回复内容（不超过 500 字节）",
                      "text (the reply) is required, under 512 bytes");
        goto cleanup;
    }
    if (zx_notice_list(r->st, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    const struct zx_notice *x = NULL;
    for (size_t i = 0; i < n && !x; i++)
        if (!strcmp(v[i].notice_no, no) && notice_visible(r, &v[i]))
            x = &v[i];
    if (!x) {
        zx_web__error(r, 404, "notice_not_found", "未找到该通知书", "no such notice");
        goto cleanup;
    }
    /* the handling prosecutor answers (谁办案谁负责) */
    if (!r->user.staff_id[0] || strcmp(x->handler_id, r->user.staff_id)) {
        zx_web__error(r, 403, "forbidden", "只有承办检察官可以回复该通知书",
                      "only the case's handler may answer the notice");
        goto cleanup;
    }
    if (zx_notice_reply(r->st, no, r->user.name, on, text, &err)) {
        zx_web__audit(r, "monitor_notice_reply", no, "failed", err.msg);
        zx_web__error_lib(r, 409, "answered", "不能回复", "该通知书已回复", &err);
        goto cleanup;
    }
    zx_web__audit(r, "monitor_notice_reply", no, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:s,s:s}", "notice_no", no, "state", "answered"));
cleanup:
    free(v);
    json_decref(b);
    return ZX_OK;
}

/* Escalation acts only on the notices of the user's subtree. */
static int notice_unit_in_scope(const char *unit_id, void *ud)
{
    const struct zx_web_req *r = ud;
    return zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id));
}

int zx_web__route_notices_escalate(struct zx_web_req *r)
{
    struct zx_monitor_rules *rules = NULL;
    struct zx_err err = {0};
    int steps = 0, bad;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_MONITOR_NOTICE)) {
        zx_web__error(r, 403, "forbidden", "无权督办流程监控通知书（限案件管理部门）",
                      "only case management (analyst) may escalate monitoring notices");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    if (zx_monitor_rules_load_default(&rules, NULL, &err) ||
        zx_monitor_notice_escalate(r->st, rules, on, r->user.name, notice_unit_in_scope, r, &steps,
                                   &err)) {
        zx_web__error(r, 500, "monitor", "督办失败", err.msg);
        goto cleanup;
    }
    char d[16];
    snprintf(d, sizeof d, "%d", steps);
    zx_web__audit(r, "monitor_notice_escalate", r->user.unit_id, "ok", d);
    zx_web__json(r, 200, json_pack("{s:i}", "escalated", steps));
cleanup:
    zx_monitor_rules_free(rules);
    json_decref(b);
    return ZX_OK;
}
