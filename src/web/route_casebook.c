/* route_casebook.c — 典型案例 (GET/POST /casebook, GET /casebook/stats, GET /casebook/{id},
 * POST /casebook/{id}/{act}) and 层级综合评价 (GET /appraise, GET /appraise/cases, POST
 * /appraise/entries). Candidates are visible within the user's subtree; a prosecutor who
 * sees only own figures sees the candidacies of own cases and the published ones, and acts
 * only on own cases. The evaluation shows the child units of a unit in the user's subtree,
 * so a city sees its counties and never a sibling city. Every write is audited and is an
 * act of the ledger (casebook/casebook.h, appraise/appraise.h). */
#include "web/internal.h"

#include "appraise/appraise.h"
#include "casebook/casebook.h"
#include "store/notice.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_visible(const char *unit_id, void *ud)
{
    struct zx_web_req *r = ud;
    return r->data && zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id));
}

/* The user may see candidate c. */
static int cand_visible(struct zx_web_req *r, const struct zx_cb_cand *c)
{
    if (!unit_visible(c->unit_id, r))
        return 0;
    if (r->scope_staff >= 0)
        return !strcmp(c->state, "published") || !strcmp(c->handler_id, r->user.staff_id);
    return 1;
}

static int visible_filter(const char *unit_id, void *ud)
{
    return unit_visible(unit_id, ud);
}

static json_t *with_unit_name(struct zx_web_req *r, json_t *o, const char *unit_id)
{
    int32_t u = zx_metrics_unit_find(r->data->m, unit_id);
    const char *n = u >= 0 ? zx_metrics_unit_name(r->data->m, u) : NULL;
    json_object_set_new(o, "unit_name", json_string(n ? n : unit_id));
    return o;
}

int zx_web__route_casebook_list(struct zx_web_req *r)
{
    struct zx_cb_cand *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    struct zx_casebook_filter f = {.state = zx_web__arg(r, "state"),
                                   .charge = zx_web__arg(r, "charge"),
                                   .line = zx_web__arg(r, "line"),
                                   .keyword = zx_web__arg(r, "keyword"),
                                   .level = zx_web__arg(r, "level"),
                                   .case_id = zx_web__arg(r, "case_id"),
                                   .in_scope = visible_filter,
                                   .ud = r};
    if (!r->data) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (zx_casebook_search(r->st, &f, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        if (cand_visible(r, &v[i]))
            json_array_append_new(
                items, with_unit_name(r, zx_casebook_json(&v[i], NULL, 0), v[i].unit_id));
    free(v);
    zx_web__audit(r, "casebook_list", r->user.unit_id, "ok", f.keyword);
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

static void refuse(struct zx_web_req *r, int e, const struct zx_err *err)
{
    if (e == ZX_EINVAL || e == ZX_ELIMIT)
        zx_web__error_lib(r, 409, "not_allowed", "不能进行该操作",
                          "当前状态下不能进行该操作或内容不完整", err);
    else if (e == ZX_ENOTFOUND)
        zx_web__error_lib(r, 404, "not_found", "未找到", NULL, err);
    else
        zx_web__error(r, 500, "store", "数据库错误", err->msg);
}

int zx_web__route_casebook_nominate(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_cb_case k;
    struct zx_cb_cand *c = NULL;
    int bad;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_CASEBOOK_NOMINATE)) {
        zx_web__error(r, 403, "forbidden", "无权提名典型案例",
                      "only prosecutors, case management and leaders nominate");
        return ZX_OK;
    }
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *case_id = json_string_value(json_object_get(b, "case_id"));
    const char *reason = json_string_value(json_object_get(b, "reason"));
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    if (!case_id || strlen(case_id) > 64) {
        zx_web__error(r, 400, "bad_case", "需要 case_id（案件编号）", "case_id is required");
        goto cleanup;
    }
    /* out of scope, or not the prosecutor's own case, looks like unknown */
    int e = zx_cb_case_get(r->st, case_id, &k, &err);
    if (e == ZX_ENOTFOUND || (!e && !unit_visible(k.unit_id, r)) ||
        (!e && r->scope_staff >= 0 && strcmp(k.handler_id, r->user.staff_id))) {
        zx_web__audit(r, "casebook_nominate", case_id, "denied", "not found or out of scope");
        zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
        goto cleanup;
    }
    if (e) {
        refuse(r, e, &err);
        goto cleanup;
    }
    if (!(c = calloc(1, sizeof *c))) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        goto cleanup;
    }
    struct zx_casebook_act a = {.act = "nominate", .who = r->user.name, .on = on, .text = reason};
    if ((e = zx_casebook_nominate(r->st, case_id, &a, c, &err))) {
        zx_web__audit(r, "casebook_nominate", case_id, "failed", err.msg);
        refuse(r, e, &err);
        goto cleanup;
    }
    zx_web__audit(r, "casebook_nominate", c->cand_id, "ok", case_id);
    zx_web__json(r, 201, with_unit_name(r, zx_casebook_json(c, NULL, 0), c->unit_id));
cleanup:
    free(c);
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_casebook_get(struct zx_web_req *r, const char *cand_id)
{
    struct zx_err err = {0};
    struct zx_cb_step *s = NULL;
    size_t n = 0;
    struct zx_cb_cand *c = calloc(1, sizeof *c);
    if (!c) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return ZX_OK;
    }
    int e = zx_cb_get(r->st, cand_id, c, &err);
    if (e || !cand_visible(r, c)) {
        if (e && e != ZX_ENOTFOUND)
            refuse(r, e, &err);
        else
            zx_web__error(r, 404, "not_found", "未找到该候选案例", "no such candidate");
        goto cleanup;
    }
    if (zx_cb_steps(r->st, cand_id, &s, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    json_t *o = with_unit_name(r, zx_casebook_json(c, s, n), c->unit_id);
    /* what this user may do next: the transitions from the state that the role allows */
    json_t *can = json_array();
    size_t nt;
    const struct zx_casebook_transition *t = zx_casebook_transitions(&nt);
    int own = r->scope_staff < 0 || !strcmp(c->handler_id, r->user.staff_id);
    for (size_t i = 0; i < nt; i++) {
        if (strcmp(t[i].from, c->state))
            continue;
        int decide = !strcmp(t[i].act, "review") || !strcmp(t[i].act, "approve") ||
                     !strcmp(t[i].act, "return") || !strcmp(t[i].act, "publish");
        int ok = decide ? zx_web_auth_can(r->user.roles, ZX_CAP_CASEBOOK_DECIDE)
                        : zx_web_auth_can(r->user.roles, ZX_CAP_CASEBOOK_WRITE) && own;
        int dup = 0;
        for (size_t k = 0; k < json_array_size(can); k++)
            dup |= !strcmp(json_string_value(json_array_get(can, k)), t[i].act);
        if (ok && !dup)
            json_array_append_new(can, json_string(t[i].act));
    }
    json_object_set_new(o, "can", can);
    zx_web__audit(r, "casebook_view", cand_id, "ok", NULL);
    zx_web__json(r, 200, o);
cleanup:
    free(s);
    free(c);
    return ZX_OK;
}

int zx_web__route_casebook_act(struct zx_web_req *r, const char *cand_id, const char *act)
{
    struct zx_err err = {0};
    struct zx_cb_cand *c = calloc(1, sizeof *c);
    int bad;
    json_t *b = NULL;
    if (!c) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return ZX_OK;
    }
    int decide = !strcmp(act, "review") || !strcmp(act, "approve") || !strcmp(act, "return") ||
                 !strcmp(act, "publish");
    int write = !strcmp(act, "note") || !strcmp(act, "write") || !strcmp(act, "submit");
    if (!decide && !write) {
        zx_web__error(r, 404, "not_found", "接口不存在", "no such act");
        goto cleanup;
    }
    if (!zx_web_auth_can(r->user.roles, decide ? ZX_CAP_CASEBOOK_DECIDE : ZX_CAP_CASEBOOK_WRITE)) {
        zx_web__audit(r, "casebook_act", cand_id, "denied", act);
        zx_web__error(r, 403, "forbidden",
                      decide ? "审查、退回、发布由审查委员会（院领导）进行" : "无权编写典型案例",
                      decide ? "only leaders (the committee) review, return and publish"
                             : "no right to write typical cases");
        goto cleanup;
    }
    if (!(b = zx_web__body_json(r)))
        goto cleanup;
    int e = zx_cb_get(r->st, cand_id, c, &err);
    if (e || !cand_visible(r, c)) {
        zx_web__error(r, 404, "not_found", "未找到该候选案例", "no such candidate");
        goto cleanup;
    }
    if (r->scope_staff >= 0 && strcmp(c->handler_id, r->user.staff_id)) {
        zx_web__audit(r, "casebook_act", cand_id, "denied", "not the prosecutor's case");
        zx_web__error(r, 403, "forbidden", "只能编写本人承办案件的典型案例",
                      "a prosecutor writes only own cases");
        goto cleanup;
    }
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    struct zx_casebook_act a = {
        .act = act,
        .who = r->user.name,
        .on = on,
        .text = json_string_value(json_object_get(b, "text")),
        .level = json_string_value(json_object_get(b, "level")),
        .title = json_string_value(json_object_get(b, "title")),
        .facts = json_string_value(json_object_get(b, "facts")),
        .performance = json_string_value(json_object_get(b, "performance")),
        .significance = json_string_value(json_object_get(b, "significance")),
        .legal_basis = json_string_value(json_object_get(b, "legal_basis")),
    };
    if ((e = zx_casebook_apply(r->st, cand_id, &a, c, &err))) {
        zx_web__audit(r, "casebook_act", cand_id, "refused", err.msg);
        refuse(r, e, &err);
        goto cleanup;
    }
    zx_web__audit(r, "casebook_act", cand_id, "ok", act);
    zx_web__json(r, 200, with_unit_name(r, zx_casebook_json(c, NULL, 0), c->unit_id));
cleanup:
    free(c);
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_casebook_stats(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_casebook_stat *v = NULL;
    size_t n = 0;
    long year;
    if (zx_web__arg_int(r, "year", 0, 2099, 0, &year))
        return ZX_OK;
    if (!r->data) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (zx_casebook_stats(r->st, (int)year, visible_filter, r, &v, &n, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *rows = zx_casebook_stats_json(v, n);
    for (size_t i = 0; i < n; i++)
        with_unit_name(r, json_array_get(rows, i), v[i].unit_id);
    free(v);
    zx_web__audit(r, "casebook_stats", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:I,s:o}", "year", (json_int_t)year, "rows", rows));
    return ZX_OK;
}

json_t *zx_web__casebook_of_case(struct zx_web_req *r, const char *case_id)
{
    struct zx_cb_cand *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (zx_cb_list(r->st, case_id, &v, &n, &err))
        return NULL;
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        struct zx_cb_step *s = NULL;
        size_t ns = 0;
        if (zx_cb_steps(r->st, v[i].cand_id, &s, &ns, &err) == ZX_OK)
            json_array_append_new(a, zx_casebook_json(&v[i], s, ns));
        free(s);
    }
    free(v);
    return a;
}

void zx_web__casebook_mark_similar(struct zx_web_req *r, json_t *out, const char *charge)
{
    struct zx_cb_cand *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    struct zx_casebook_filter f = {.state = "published", .in_scope = visible_filter, .ud = r};
    if (!r->data || zx_casebook_search(r->st, &f, &v, &n, &err))
        return;
    json_t *rs = json_object_get(out, "results");
    for (size_t i = 0; i < json_array_size(rs); i++) {
        json_t *o = json_array_get(rs, i);
        const char *cid = json_string_value(json_object_get(o, "case_id"));
        for (size_t k = 0; cid && k < n; k++)
            if (!strcmp(v[k].case_id, cid))
                json_object_set_new(o, "typical_case",
                                    json_pack("{s:s,s:s,s:s,s:s}", "cand_id", v[k].cand_id, "title",
                                              v[k].title, "level", v[k].level, "level_zh",
                                              zx_casebook_level_zh(v[k].level)));
    }
    json_t *same = json_array();
    for (size_t k = 0; charge && k < n; k++)
        if (!strcmp(v[k].charge, charge))
            json_array_append_new(
                same, with_unit_name(r, zx_casebook_json(&v[k], NULL, 0), v[k].unit_id));
    json_object_set_new(out, "typical_cases", same);
    free(v);
}

/* ---- 层级综合评价 ---- */

static int appraise_setup(struct zx_web_req *r, int32_t *u, long *year,
                          struct zx_appraise_items **it)
{
    struct zx_err err = {0};
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_APPRAISE)) {
        zx_web__error(r, 403, "forbidden", "无权查看层级综合评价",
                      "only leaders, analysts and administrators see the evaluation");
        return -1;
    }
    if (!r->data || zx_web__arg_unit(r, "unit", u))
        return -1;
    if (zx_web__arg_int(r, "year", 1900, 2099, r->data->default_year, year))
        return -1;
    if (zx_appraise_items_load_default(r->app->cat, it, NULL, &err)) {
        zx_web__error(r, 500, "items", "评价项目读取失败", err.msg);
        return -1;
    }
    return 0;
}

int zx_web__route_appraise(struct zx_web_req *r)
{
    struct zx_appraise_items *it = NULL;
    struct zx_appraise_result *res = NULL;
    struct zx_err err = {0};
    int32_t u;
    long year;
    if (appraise_setup(r, &u, &year, &it))
        return ZX_OK;
    const char *ev = zx_metrics_unit_id(r->data->m, u);
    const char *only = zx_web__arg(r, "of");
    int32_t o = only ? zx_metrics_unit_find(r->data->m, only) : -1;
    if (only && !(o > u && o < u + zx_metrics_unit_size(r->data->m, u))) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit below");
        zx_appraise_items_free(it);
        return ZX_OK;
    }
    if (zx_appraise_eval(r->st, r->data->m, r->app->cat, it, ev, only, (int)year, &res, &err)) {
        zx_web__error(r, 500, "appraise", "评价计算失败", err.msg);
        zx_appraise_items_free(it);
        return ZX_OK;
    }
    json_t *out = zx_appraise_json(res, it);
    json_object_set_new(out, "can_enter",
                        json_boolean(zx_web_auth_can(r->user.roles, ZX_CAP_APPRAISE_ENTER)));
    zx_web__audit(r, "appraise", ev, "ok", NULL);
    zx_web__json(r, 200, out);
    zx_appraise_result_free(res);
    zx_appraise_items_free(it);
    return ZX_OK;
}

int zx_web__route_appraise_cases(struct zx_web_req *r)
{
    struct zx_appraise_items *it = NULL;
    struct zx_err err = {0};
    int32_t u, from, to;
    long year;
    if (appraise_setup(r, &u, &year, &it))
        return ZX_OK;
    const char *item = zx_web__arg(r, "item");
    int i = item ? zx_appraise_item_find(it, item) : -1;
    const struct zx_appraise_item *x = zx_appraise_item(it, i);
    if (!x || x->kind == ZX_AP_ENTERED) {
        zx_web__error(r, 400, "bad_item", "需要一个计算项目（item）", "item: a computed item");
        goto cleanup;
    }
    zx_appraise_year_range((int)year, &from, &to);
    const char *uid = zx_metrics_unit_id(r->data->m, u);
    char f[16], t[16];
    json_t *out =
        json_pack("{s:s,s:s,s:s,s:s,s:s}", "item", x->id, "name_zh", x->name_zh, "unit_id", uid,
                  "from", zx_date_format(from, f), "to", zx_date_format(to, t));
    if (x->kind == ZX_AP_INDICATOR) {
        /* the indicator drill-down answers for the cases: GET /drilldown with these */
        json_object_set_new(out, "drilldown",
                            json_pack("{s:s,s:s,s:s,s:s}", "indicator", x->indicator, "unit", uid,
                                      "from", f, "to", t));
    } else if (x->kind == ZX_AP_CASEBOOK) {
        struct zx_cb_cand *v = NULL;
        size_t n = 0;
        json_t *a = json_array();
        if (zx_cb_list(r->st, NULL, &v, &n, &err) == ZX_OK) {
            int pub = 0;
            struct zx_cb_cand *p = NULL;
            if (x->published && zx_casebook_published_in(r->st, uid, (int)year, &pub, &p, &err))
                pub = 0;
            for (int k = 0; k < pub; k++)
                json_array_append_new(a, zx_casebook_json(&p[k], NULL, 0));
            for (size_t k = 0; !x->published && k < n; k++) {
                int32_t cu = zx_metrics_unit_find(r->data->m, v[k].unit_id);
                if (cu >= u && cu < u + zx_metrics_unit_size(r->data->m, u) &&
                    v[k].nominated_on >= from && v[k].nominated_on <= to)
                    json_array_append_new(a, zx_casebook_json(&v[k], NULL, 0));
            }
            free(p);
        }
        free(v);
        json_object_set_new(out, "candidates", a);
    } else {
        struct zx_notice *v = NULL;
        size_t n = 0;
        json_t *a = json_array();
        if (zx_notice_list(r->st, &v, &n, &err) == ZX_OK)
            for (size_t k = 0; k < n; k++) {
                int32_t cu = zx_metrics_unit_find(r->data->m, v[k].unit_id);
                if (cu >= u && cu < u + zx_metrics_unit_size(r->data->m, u) &&
                    v[k].issued_on >= from && v[k].issued_on <= to) {
                    char a1[16], a2[16], a3[16] = "";
                    if (v[k].replied_on != ZX_DATE_NULL)
                        zx_date_format(v[k].replied_on, a3);
                    json_array_append_new(
                        a, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?}", "notice_no", v[k].notice_no,
                                     "case_id", v[k].case_id, "unit_id", v[k].unit_id, "issued_on",
                                     zx_date_format(v[k].issued_on, a1), "reply_due",
                                     zx_date_format(v[k].reply_due, a2), "replied_on",
                                     a3[0] ? a3 : NULL));
                }
            }
        free(v);
        json_object_set_new(out, "notices", a);
    }
    zx_web__audit(r, "appraise_cases", uid, "ok", x->id);
    zx_web__json(r, 200, out);
cleanup:
    zx_appraise_items_free(it);
    return ZX_OK;
}

int zx_web__route_appraise_enter(struct zx_web_req *r)
{
    struct zx_appraise_items *it = NULL;
    struct zx_err err = {0};
    struct zx_ap_entry e;
    int bad;
    json_t *b = NULL;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_APPRAISE_ENTER)) {
        zx_web__error(r, 403, "forbidden", "只有评价单位的案件管理部门和院领导可以录入评分",
                      "only the evaluating unit's analysts and leaders enter scores");
        return ZX_OK;
    }
    if (!(b = zx_web__body_json(r)))
        return ZX_OK;
    const char *unit = json_string_value(json_object_get(b, "unit"));
    const char *item = json_string_value(json_object_get(b, "item"));
    const char *reason = json_string_value(json_object_get(b, "reason"));
    json_t *js = json_object_get(b, "score"), *jy = json_object_get(b, "year");
    int32_t on = body_date(r, b, &bad);
    if (bad)
        goto cleanup;
    int32_t u = unit && r->data ? zx_metrics_unit_find(r->data->m, unit) : -1;
    /* the evaluating unit scores the units below it, never itself */
    if (u < 0 || u == r->scope_unit || !zx_web__in_scope(r, u)) {
        zx_web__audit(r, "appraise_enter", unit ? unit : "", "denied", "not below the user");
        zx_web__error(r, 404, "unit_not_found", "未找到该下级单位", "no such unit below yours");
        goto cleanup;
    }
    if (!item || !json_is_number(js) || !json_is_integer(jy)) {
        zx_web__error(r, 400, "bad_entry", "需要 item、score（0–100）、year 和 reason",
                      "item, score (0-100), year and reason are required");
        goto cleanup;
    }
    if (zx_appraise_items_load_default(r->app->cat, &it, NULL, &err)) {
        zx_web__error(r, 500, "items", "评价项目读取失败", err.msg);
        goto cleanup;
    }
    int x = zx_appraise_enter(r->st, it, unit, (int)json_integer_value(jy), item,
                              json_number_value(js), reason, r->user.name, on, &e, &err);
    if (x) {
        zx_web__audit(r, "appraise_enter", unit, "refused", err.msg);
        if (x == ZX_EINVAL || x == ZX_ENOTFOUND)
            zx_web__error_lib(r, 400, "bad_entry", "录入无效",
                              "录入无效：计算项不能录入，分值 0–100，须写明理由", &err);
        else
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    zx_web__audit(r, "appraise_enter", unit, "ok", e.entry_id);
    zx_web__json(r, 201,
                 json_pack("{s:s,s:s,s:i,s:s,s:f,s:s}", "entry_id", e.entry_id, "unit_id",
                           e.unit_id, "year", e.year, "item", e.item_id, "score", e.score, "reason",
                           e.reason));
cleanup:
    zx_appraise_items_free(it);
    json_decref(b);
    return ZX_OK;
}
