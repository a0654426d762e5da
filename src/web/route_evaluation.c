/* route_evaluation.c — 检察官业绩考评 (evaluate/evaluate.h):
 *   GET  /evaluation?unit=&from=&to=&staff=        the prosecutors of a unit's subtree
 *   GET  /evaluation/cases?component=&staff=&unit=&from=&to=&page=&size=  the cases behind one
 *        component of one prosecutor (drill-down, paged)
 *   POST /evaluation/ranking {unit, on}             turn ranking of the unit's prosecutors on
 *        or off (院领导, admin; off by default: 一取消三不再)
 * ZX_CAP_EVALUATION (院领导, 案件管理, admin) sees every prosecutor of a unit in the user's
 * subtree; any other account linked to a staff member sees only its own evaluation, scored
 * against the peers of its own unit; others get 403. Evaluations are personal records: every
 * view and drill-down is audited. Not cached: notices and settings change without an import. */
#include "web/internal.h"

#include "evaluate/evaluate.h"
#include "monitor/monitor.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    struct zx_eval_config *cfg;
    struct zx_monitor_rules *rules;
    struct zx_monitor_period *sugg, *corr;
    struct zx_eval_result *res;
    struct zx_eval_query q;
};

static void ctx_free(struct ctx *c)
{
    zx_eval_result_free(c->res);
    free(c->sugg);
    free(c->corr);
    zx_monitor_rules_free(c->rules);
    zx_eval_config_free(c->cfg);
}

/* The user's own staff member when the user may see only their own evaluation; -1 when the
 * user sees the subtree; -2 (and a 403) when the user may see neither. */
static int32_t own_staff(struct zx_web_req *r)
{
    if (zx_web_auth_can(r->user.roles, ZX_CAP_EVALUATION))
        return -1;
    int32_t s = r->user.staff_id[0] ? zx_metrics_staff_find(r->data->m, r->user.staff_id) : -1;
    if (s < 0) {
        zx_web__error(r, 403, "forbidden", "该账户未关联检察官，无权查看业绩考评",
                      "needs the evaluation capability or a linked staff member");
        return -2;
    }
    return s;
}

/* Parse unit, staff, period; run the evaluation (drilling into component ci when >= 0). */
static int run(struct zx_web_req *r, struct ctx *c, int with_drill)
{
    const struct zx_metrics *m = r->data->m;
    struct zx_err err = {0};
    int32_t u, s = -1, own = own_staff(r), from, to;
    int ranking = 0, ci = -1;
    const char *sa = zx_web__arg(r, "staff"), *ca = zx_web__arg(r, "component");
    if (own == -2)
        return -1;
    int y = r->data->default_year;
    if (zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), &from, &to))
        return -1;
    if (from > to) {
        zx_web__error(r, 400, "bad_period", "起始日期不得晚于截止日期",
                      "from must not be after to");
        return -1;
    }
    if (sa && *sa && (s = zx_metrics_staff_find(m, sa)) < 0) {
        zx_web__error(r, 404, "staff_not_found", "未找到该检察官", "no such staff member");
        return -1;
    }
    if (own >= 0) {
        /* own evaluation only: another staff member does not exist for this user */
        if (s >= 0 && s != own) {
            zx_web__error(r, 404, "staff_not_found", "未找到该检察官", "no such staff member");
            return -1;
        }
        s = own;
        u = zx_metrics_staff_unit(m, s);
        if (u < 0 || !zx_web__in_scope(r, u)) {
            zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
            return -1;
        }
    } else {
        const char *ua = zx_web__arg(r, "unit");
        if (zx_web__arg_unit(r, "unit", &u))
            return -1;
        if (s >= 0 && (!ua || !*ua))
            u = zx_metrics_staff_unit(m, s); /* peers: the prosecutor's own unit */
        if (s >= 0 && (u < 0 || !zx_web__in_scope(r, u) || zx_metrics_staff_unit(m, s) < u ||
                       zx_metrics_staff_unit(m, s) >= u + zx_metrics_unit_size(m, u))) {
            zx_web__error(r, 404, "staff_not_found", "未找到该检察官", "no such staff member");
            return -1;
        }
    }
    if (zx_eval_config_load_default(&c->cfg, NULL, &err) ||
        zx_monitor_rules_load_default(&c->rules, NULL, &err) ||
        zx_monitor_unit_periods(r->st, m, c->rules, &c->sugg, &c->corr, &err) ||
        zx_eval_ranking_get(r->st, zx_metrics_unit_id(m, u), &ranking, &err)) {
        zx_web__error(r, 500, "evaluation", "业绩考评计算失败", err.msg);
        return -1;
    }
    if (with_drill) {
        if (s < 0) {
            zx_web__error(r, 400, "bad_staff", "请指定检察官（staff）", "staff is required");
            return -1;
        }
        ci = ca ? zx_eval_component_find(c->cfg, ca) : -1;
        if (ci < 0 || !zx_eval_component(c->cfg, ci)->enabled) {
            zx_web__error(r, 404, "component_not_found", "没有该考评项（或未启用）",
                          "no such enabled component");
            return -1;
        }
    }
    c->q = (struct zx_eval_query){.unit = u,
                                  .from = from,
                                  .to = to,
                                  .staff = s,
                                  .drill = ci,
                                  .drill_staff = ci >= 0 ? s : -1,
                                  /* a prosecutor sees no rank of anyone, their own included */
                                  .ranking = ranking && own < 0,
                                  .cat = r->app->cat,
                                  .rules = c->rules,
                                  .suggestion = c->sugg,
                                  .correction = c->corr};
    if (zx_eval_run(r->st, m, c->cfg, &c->q, &c->res, &err)) {
        zx_web__error(r, 500, "evaluation", "业绩考评计算失败", err.msg);
        return -1;
    }
    return 0;
}

int zx_web__route_evaluation(struct zx_web_req *r)
{
    struct ctx c = {0};
    char target[200], a[16], b[16];
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (run(r, &c, 0)) {
        ctx_free(&c);
        return ZX_OK;
    }
    const struct zx_metrics *m = r->data->m;
    json_t *j = zx_eval_result_json(m, c.cfg, &c.q, c.res);
    if (!j) {
        ctx_free(&c);
        zx_web__error(r, 500, "nomem", "内存不足", "out of memory");
        return ZX_OK;
    }
    json_object_set_new(j, "own_only",
                        json_boolean(!zx_web_auth_can(r->user.roles, ZX_CAP_EVALUATION)));
    json_object_set_new(j, "can_set_ranking",
                        json_boolean((r->user.roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER)) != 0 &&
                                     zx_web_auth_can(r->user.roles, ZX_CAP_EVALUATION)));
    snprintf(target, sizeof target, "%s/%s/%s..%s", zx_metrics_unit_id(m, c.q.unit),
             c.q.staff >= 0 ? zx_metrics_staff_id(m, c.q.staff) : "*", zx_date_format(c.q.from, a),
             zx_date_format(c.q.to, b));
    zx_web__audit(r, "view_evaluation", target, "ok", NULL);
    ctx_free(&c);
    zx_web__json(r, 200, j);
    return ZX_OK;
}

int zx_web__route_evaluation_cases(struct zx_web_req *r)
{
    struct ctx c = {0};
    struct zx_err err = {0};
    long page, size;
    json_t *j = NULL;
    char target[240], a[16], b[16];
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    if (zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 100, &size) || run(r, &c, 1)) {
        ctx_free(&c);
        return ZX_OK;
    }
    const struct zx_metrics *m = r->data->m;
    if (zx_eval_drill_json(r->st, m, c.cfg, &c.q, c.res, (size_t)(page - 1) * (size_t)size,
                           (size_t)size, &j, &err)) {
        ctx_free(&c);
        zx_web__error(r, 500, "evaluation", "案件列表生成失败", err.msg);
        return ZX_OK;
    }
    json_object_set_new(j, "page", json_integer(page));
    json_object_set_new(j, "size", json_integer(size));
    snprintf(target, sizeof target, "%s/%s/%s/%s..%s", zx_metrics_unit_id(m, c.q.unit),
             zx_metrics_staff_id(m, c.q.staff), zx_eval_component(c.cfg, c.q.drill)->id,
             zx_date_format(c.q.from, a), zx_date_format(c.q.to, b));
    zx_web__audit(r, "view_evaluation_cases", target, "ok", NULL);
    ctx_free(&c);
    zx_web__json(r, 200, j);
    return ZX_OK;
}

int zx_web__route_evaluation_ranking(struct zx_web_req *r)
{
    struct zx_err err = {0};
    int32_t u;
    if (!r->data || !zx_web_auth_can(r->user.roles, ZX_CAP_EVALUATION) ||
        !(r->user.roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER))) {
        zx_web__error(r, 403, "forbidden", "只有院领导或管理员可以设置检察官排名",
                      "only a leader or an admin sets ranking");
        return ZX_OK;
    }
    json_t *body = zx_web__body_json(r);
    if (!body)
        return ZX_OK;
    json_t *on = json_object_get(body, "on");
    const char *uid = json_string_value(json_object_get(body, "unit"));
    u = uid ? zx_metrics_unit_find(r->data->m, uid) : r->scope_unit;
    if (!json_is_boolean(on)) {
        json_decref(body);
        zx_web__error(r, 400, "bad_request", "on 应为 true 或 false", "on must be a boolean");
        return ZX_OK;
    }
    if (u < 0 || !zx_web__in_scope(r, u)) {
        json_decref(body);
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    const char *unit_id = zx_metrics_unit_id(r->data->m, u);
    int v = json_is_true(on);
    json_decref(body);
    if (zx_eval_ranking_set(r->st, unit_id, v, &err)) {
        zx_web__audit(r, "set_evaluation_ranking", unit_id, "error", err.msg);
        zx_web__error(r, 500, "store", "保存失败", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "set_evaluation_ranking", unit_id, "ok", v ? "on" : "off");
    zx_web__json(r, 200, json_pack("{s:s, s:b}", "unit_id", unit_id, "ranking", v));
    return ZX_OK;
}
