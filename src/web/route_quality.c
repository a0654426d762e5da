/* route_quality.c — 案件质量评查 and 办案瑕疵积分 over quality/quality.h:
 *   GET  /quality/rules                    the form, grades, signals, flaw situations
 *   GET  /quality/plans                    plans of the user's subtree (not for a prosecutor)
 *   POST /quality/plans                    create (案件管理: ZX_CAP_QUALITY_PLAN)
 *   GET  /quality/plans/{id}               a plan with its cases of the subtree
 *   GET  /quality/reviews?plan=&staff=     reviews of the subtree; a prosecutor's own only
 *   POST /quality/reviews                  grade a case (评查员: ZX_CAP_QUALITY_REVIEW)
 *   GET  /quality/reviews/{id}             one review with its findings
 *   POST /quality/reviews/{id}/objection   the handler's 异议 (the handler only)
 *   POST /quality/reviews/{id}/response    the answer (评查员)
 *   GET  /flaws?year=&unit=&staff=         the per-staff summary (a prosecutor: own)
 * Everything is scoped on the server to the user's subtree (plans by their unit, reviews and
 * points by the case's unit); out of scope answers as unknown. Writes go through the store
 * with their ledger entries (the connection's actor is the user); every call is audited. */
#include "web/internal.h"

#include "quality/quality.h"
#include "store/quality.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_ok(const struct zx_web_req *r, const char *unit_id)
{
    return r->data && unit_id && zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id));
}

/* A prosecutor-only account sees the reviews of its own cases only. */
static int review_visible(const struct zx_web_req *r, const struct zx_qstore_review *v)
{
    if (!unit_ok(r, v->unit_id))
        return 0;
    return r->scope_staff < 0 || !strcmp(v->handler_id, r->user.staff_id);
}

static struct zx_quality_rules *rules_or_500(struct zx_web_req *r)
{
    struct zx_quality_rules *q = NULL;
    struct zx_err err = {0};
    if (zx_quality_rules_load_default(&q, &err)) {
        zx_web__error(r, 500, "quality_rules", "评查规则读取失败", err.msg);
        return NULL;
    }
    return q;
}

static int32_t body_date(struct zx_web_req *r, json_t *b, const char *key, int *bad)
{
    const char *d = json_string_value(json_object_get(b, key));
    int32_t v = zx_date_today();
    *bad = d && zx_date_parse(d, strlen(d), &v);
    if (*bad)
        zx_web__errorf(r, 400, "bad_date", "日期格式应为 YYYY-MM-DD", "%s must be a date", key);
    return v;
}

static const char *jstr(json_t *b, const char *k)
{
    const char *s = json_string_value(json_object_get(b, k));
    return s && *s ? s : NULL;
}

static void store_error(struct zx_web_req *r, int e, const char *action, const char *target,
                        const struct zx_err *err)
{
    char zh[sizeof err->msg + 64];
    zx_web__audit(r, action, target, "failed", err->msg);
    /* the library's reason in Chinese when it comes from the message table; else its
     * English, which names the rule with its Chinese terms */
    snprintf(zh, sizeof zh, "%s：%s", e == ZX_ENOTFOUND ? "未找到" : "操作被拒绝", err->msg);
    if (e == ZX_EINVAL)
        zx_web__error_lib(r, 409, "refused", "操作被拒绝", zh, err);
    else if (e == ZX_ENOTFOUND)
        zx_web__error_lib(r, 404, "not_found", "未找到", zh, err);
    else
        zx_web__error(r, 500, "store", "数据库错误", err->msg);
}

static int plans_list(struct zx_web_req *r)
{
    struct zx_qstore_plan *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (r->scope_staff >= 0) {
        zx_web__error(r, 403, "forbidden", "检察官只能查看本人案件的评查结果",
                      "a prosecutor sees the results of own cases only");
        return ZX_OK;
    }
    if (zx_qstore_plan_list(r->st, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (unit_ok(r, v[i].unit_id))
            json_array_append_new(a, zx_quality_plan_json(&v[i], NULL, 0));
    free(v);
    zx_web__audit(r, "quality_plans", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "items", a));
    return ZX_OK;
}

static int plans_post(struct zx_web_req *r)
{
    struct zx_quality_rules *q = NULL;
    struct zx_qstore_plan p;
    struct zx_err err = {0};
    int bad = 0;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_QUALITY_PLAN)) {
        zx_web__error(r, 403, "forbidden", "无权制定评查计划（限案件管理部门）",
                      "only case management (analyst) plans reviews");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *kind = jstr(b, "kind"), *unit = jstr(b, "unit_id");
    int k = zx_quality_plan_kind_find(kind);
    int32_t on = body_date(r, b, "date", &bad), from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    if (bad)
        goto cleanup;
    const char *fs = jstr(b, "from"), *ts = jstr(b, "to");
    if (k < 0 || !fs || !ts || zx_date_parse(fs, strlen(fs), &from) ||
        zx_date_parse(ts, strlen(ts), &to)) {
        zx_web__error(r, 400, "bad_plan",
                      "需要评查类型（常规抽查、重点评查、专项评查）和期间（from、to）",
                      "kind (routine, focus, special), from and to are required");
        goto cleanup;
    }
    if (!unit)
        unit = r->user.unit_id;
    if (!unit_ok(r, unit)) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        goto cleanup;
    }
    json_t *jr = json_object_get(b, "ratio");
    double ratio = json_is_number(jr) ? json_number_value(jr) : 0;
    if (!(q = rules_or_500(r)))
        goto cleanup;
    struct zx_quality_plan_spec sp = {.unit_id = unit,
                                      .kind = k,
                                      .title = jstr(b, "title"),
                                      .from = from,
                                      .to = to,
                                      .ratio = ratio,
                                      .charge = jstr(b, "charge"),
                                      .line = jstr(b, "line"),
                                      .department = jstr(b, "department"),
                                      .by = r->user.name,
                                      .on = on};
    char pid[ZX_QSTORE_ID_MAX];
    size_t n = 0;
    int e = zx_quality_plan_create(r->st, r->data->m, q, &sp, pid, &n, &err);
    if (e) {
        store_error(r, e, "quality_plan", unit, &err);
        goto cleanup;
    }
    if (zx_qstore_plan_get(r->st, pid, &p, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    zx_web__audit(r, "quality_plan", pid, "ok", kind);
    zx_web__json(r, 201, zx_quality_plan_json(&p, NULL, 0));
cleanup:
    zx_quality_rules_free(q);
    json_decref(b);
    return ZX_OK;
}

static int plan_get(struct zx_web_req *r, const char *id)
{
    struct zx_qstore_plan p;
    struct zx_qstore_plan_case *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (r->scope_staff >= 0) {
        zx_web__error(r, 403, "forbidden", "检察官只能查看本人案件的评查结果",
                      "a prosecutor sees the results of own cases only");
        return ZX_OK;
    }
    if (zx_qstore_plan_get(r->st, id, &p, &err) || !unit_ok(r, p.unit_id)) {
        zx_web__error(r, 404, "plan_not_found", "未找到该评查计划", "no such plan");
        return ZX_OK;
    }
    if (zx_qstore_plan_cases(r->st, id, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (unit_ok(r, v[i].unit_id))
            v[k++] = v[i];
    zx_web__audit(r, "quality_plan_view", id, "ok", NULL);
    zx_web__json(r, 200, zx_quality_plan_json(&p, v, k));
    free(v);
    return ZX_OK;
}

static int reviews_list(struct zx_web_req *r)
{
    struct zx_quality_rules *q = NULL;
    struct zx_qstore_review *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    const char *plan = zx_web__arg(r, "plan"), *staff = zx_web__arg(r, "staff");
    if (plan && !*plan)
        plan = NULL;
    if (staff && !*staff)
        staff = NULL;
    if (r->scope_staff >= 0)
        staff = r->user.staff_id;
    if (!(q = rules_or_500(r)))
        return ZX_OK;
    if (zx_qstore_review_list(r->st, plan, staff, ZX_DATE_NULL, ZX_DATE_NULL, &v, &n, &err)) {
        zx_quality_rules_free(q);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (review_visible(r, &v[i])) {
            json_t *o = zx_quality_review_json(q, &v[i], NULL, 0);
            json_object_del(o, "findings");
            json_object_set_new(
                o, "mine",
                json_boolean(r->user.staff_id[0] && !strcmp(v[i].handler_id, r->user.staff_id)));
            json_array_append_new(a, o);
        }
    free(v);
    zx_quality_rules_free(q);
    zx_web__audit(r, "quality_reviews", plan ? plan : r->user.unit_id, "ok", staff);
    zx_web__json(r, 200, json_pack("{s:o}", "items", a));
    return ZX_OK;
}

static int review_get(struct zx_web_req *r, const char *id)
{
    struct zx_quality_rules *q = NULL;
    struct zx_qstore_review v;
    struct zx_qstore_finding *f = NULL;
    size_t nf = 0;
    struct zx_err err = {0};
    if (zx_qstore_review_get(r->st, id, &v, &f, &nf, &err) || !review_visible(r, &v)) {
        free(f);
        zx_web__error(r, 404, "review_not_found", "未找到该评查结果", "no such review");
        return ZX_OK;
    }
    if (!(q = rules_or_500(r))) {
        free(f);
        return ZX_OK;
    }
    json_t *o = zx_quality_review_json(q, &v, f, nf);
    json_object_set_new(
        o, "mine", json_boolean(r->user.staff_id[0] && !strcmp(v.handler_id, r->user.staff_id)));
    zx_web__audit(r, "quality_review_view", id, "ok", NULL);
    zx_web__json(r, 200, o);
    free(f);
    zx_quality_rules_free(q);
    return ZX_OK;
}

static int reviews_post(struct zx_web_req *r)
{
    struct zx_quality_rules *q = NULL;
    struct zx_qstore_finding f[128];
    struct zx_qstore_case c;
    struct zx_err err = {0};
    int bad = 0;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_QUALITY_REVIEW)) {
        zx_web__error(r, 403, "forbidden", "无权评查（限评查员）", "only a reviewer grades");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *plan = jstr(b, "plan_id"), *case_id = jstr(b, "case_id");
    int32_t on = body_date(r, b, "date", &bad);
    json_t *jf = json_object_get(b, "findings");
    if (bad)
        goto cleanup;
    if (!plan || !case_id || (jf && (!json_is_array(jf) || json_array_size(jf) > 128))) {
        zx_web__error(r, 400, "bad_review", "需要 plan_id、case_id 和评查意见（findings）",
                      "plan_id, case_id and findings (an array) are required");
        goto cleanup;
    }
    if (zx_qstore_case_get(r->st, case_id, &c, &err) || !unit_ok(r, c.unit_id)) {
        zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
        goto cleanup;
    }
    size_t nf = 0, i;
    json_t *x;
    json_array_foreach(jf, i, x)
    {
        const char *it = jstr(x, "item"), *res = jstr(x, "result"), *code = jstr(x, "code"),
                   *note = jstr(x, "note");
        memset(&f[nf], 0, sizeof f[nf]);
        if (!it || !res || strlen(it) >= sizeof f[nf].item || strlen(res) >= sizeof f[nf].result ||
            (code && strlen(code) >= sizeof f[nf].code) ||
            (note && strlen(note) >= sizeof f[nf].note)) {
            zx_web__error(r, 400, "bad_finding", "每项意见需要 item 和 result（ok、flaw、error）",
                          "each finding needs item and result (ok, flaw, error)");
            goto cleanup;
        }
        snprintf(f[nf].item, sizeof f[nf].item, "%s", it);
        snprintf(f[nf].result, sizeof f[nf].result, "%s", res);
        snprintf(f[nf].code, sizeof f[nf].code, "%s", code ? code : "");
        snprintf(f[nf].note, sizeof f[nf].note, "%s", note ? note : "");
        nf++;
    }
    if (!(q = rules_or_500(r)))
        goto cleanup;
    char rid[ZX_QSTORE_ID_MAX];
    int g = 0;
    int e = zx_quality_review_submit(r->st, q, plan, case_id, r->user.name, on, f, nf,
                                     json_is_true(json_object_get(b, "excellent")),
                                     jstr(b, "notes"), rid, &g, &err);
    if (e) {
        store_error(r, e, "quality_grade", case_id, &err);
        goto cleanup;
    }
    zx_web__audit(r, "quality_grade", rid, "ok", zx_quality_grade_code(g));
    zx_web__json(r, 201,
                 json_pack("{s:s,s:s,s:s}", "review_id", rid, "grade", zx_quality_grade_code(g),
                           "grade_label", zx_quality_grade_label(g)));
cleanup:
    zx_quality_rules_free(q);
    json_decref(b);
    return ZX_OK;
}

static int review_answer(struct zx_web_req *r, const char *id, int respond)
{
    struct zx_qstore_review v;
    struct zx_err err = {0};
    int rc = ZX_OK, bad = 0;
    if (zx_qstore_review_get(r->st, id, &v, NULL, NULL, &err) || !review_visible(r, &v)) {
        zx_web__error(r, 404, "review_not_found", "未找到该评查结果", "no such review");
        return ZX_OK;
    }
    if (respond && !zx_web_auth_can(r->user.roles, ZX_CAP_QUALITY_REVIEW)) {
        zx_web__error(r, 403, "forbidden", "无权答复异议（限评查员）",
                      "only a reviewer answers an objection");
        return ZX_OK;
    }
    if (!respond && (!r->user.staff_id[0] || strcmp(r->user.staff_id, v.handler_id))) {
        zx_web__error(r, 403, "forbidden", "只有承办检察官本人可以提出异议",
                      "only the case's handler may object");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *text = jstr(b, "text");
    int32_t on = body_date(r, b, "date", &bad);
    if (bad)
        goto cleanup;
    if (!text || strlen(text) >= ZX_QSTORE_TEXT_MAX) {
        zx_web__error(r, 400, "bad_text", "需要内容（不超过 500 字节）",
                      "text is required, under 512 bytes");
        goto cleanup;
    }
    int e = respond ? zx_quality_respond(r->st, id, r->user.name, on, text, jstr(b, "grade"), &err)
                    : zx_quality_object(r->st, id, r->user.staff_id, on, text, &err);
    if (e) {
        store_error(r, e, respond ? "quality_respond" : "quality_object", id, &err);
        goto cleanup;
    }
    zx_web__audit(r, respond ? "quality_respond" : "quality_object", id, "ok", NULL);
    rc = review_get(r, id);
cleanup:
    json_decref(b);
    return rc;
}

int zx_web__route_quality(struct zx_web_req *r, const char *sub)
{
    int get = !strcmp(r->method, "GET"), post = !strcmp(r->method, "POST");
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (!strcmp(sub, "/rules") && get) {
        struct zx_quality_rules *q = rules_or_500(r);
        if (q) {
            zx_web__json(r, 200, zx_quality_rules_json(q));
            zx_quality_rules_free(q);
        }
    } else if (!strcmp(sub, "/plans") && (get || post)) {
        return get ? plans_list(r) : plans_post(r);
    } else if (!strncmp(sub, "/plans/", 7) && sub[7] && !strchr(sub + 7, '/') && get) {
        return plan_get(r, sub + 7);
    } else if (!strcmp(sub, "/reviews") && (get || post)) {
        return get ? reviews_list(r) : reviews_post(r);
    } else if (!strncmp(sub, "/reviews/", 9) && sub[9]) {
        char id[ZX_QSTORE_ID_MAX];
        const char *rest = sub + 9, *slash = strchr(rest, '/');
        size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
        if (len >= sizeof id) {
            zx_web__error(r, 404, "review_not_found", "未找到该评查结果", "no such review");
            return ZX_OK;
        }
        memcpy(id, rest, len);
        id[len] = 0;
        if (!slash && get)
            return review_get(r, id);
        else if (slash && !strcmp(slash, "/objection") && post)
            return review_answer(r, id, 0);
        else if (slash && !strcmp(slash, "/response") && post)
            return review_answer(r, id, 1);
        else
            zx_web__error(r, 404, "not_found", "未找到", "not found");
    } else {
        zx_web__error(r, 404, "not_found", "未找到", "not found");
    }
    return ZX_OK;
}

int zx_web__route_flaws(struct zx_web_req *r)
{
    struct zx_quality_rules *q = NULL;
    struct zx_quality_summary *s = NULL;
    struct zx_err err = {0};
    int32_t u;
    long year;
    int y0, m0, d0;
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    zx_date_to_ymd(zx_date_today(), &y0, &m0, &d0);
    if (zx_web__arg_unit(r, "unit", &u) || zx_web__arg_int(r, "year", 1900, 2099, y0, &year))
        return ZX_OK;
    const char *staff = zx_web__arg(r, "staff");
    if (staff && !*staff)
        staff = NULL;
    if (r->scope_staff >= 0)
        staff = r->user.staff_id;
    if (!(q = rules_or_500(r)))
        return ZX_OK;
    if (zx_quality_staff_summary(r->st, r->data->m, q, zx_metrics_unit_id(r->data->m, u), staff,
                                 zx_date_from_ymd((int)year, 1, 1),
                                 zx_date_from_ymd((int)year, 12, 31), &s, &err)) {
        zx_quality_rules_free(q);
        zx_web__error(r, 500, "flaws", "瑕疵积分计算失败", err.msg);
        return ZX_OK;
    }
    json_t *j = zx_quality_summary_json(s, q);
    json_object_set_new(j, "unit",
                        json_pack("{s:s,s:s}", "id", zx_metrics_unit_id(r->data->m, u), "name",
                                  zx_metrics_unit_name(r->data->m, u)));
    json_object_set_new(j, "year", json_integer(year));
    zx_quality_summary_free(s);
    zx_quality_rules_free(q);
    zx_web__audit(r, "flaws", zx_metrics_unit_id(r->data->m, u), "ok", staff);
    zx_web__json(r, 200, j);
    return ZX_OK;
}
