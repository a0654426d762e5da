/* route_danger.c — 社会危险性评估 (GET /danger/persons, /danger/score, /danger/report) and
 * sealed records (GET /sealed, and the per-request guard every API call goes through).
 *
 * Scores are views of personal records and are audited; a prosecutor sees the persons of
 * their own cases only. The report is the office's: unit figures, no person. */
#include "web/internal.h"

#include "danger/danger.h"
#include "store/seal.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

/* ---- the sealed-record guard ---- */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int zx_web__seal_guard(struct zx_web_req *r)
{
    struct zx_err err = {0};
    const char *why = zx_web__arg(r, "sealed_reason");
    int reveal = 0;
    /* an upload writes and indexes every table; it answers with counts and import issues */
    int import = !strcmp(r->path, "/imports") && !strcmp(r->method, "POST");
    if (why) {
        if (!zx_web_auth_can(r->user.roles, ZX_CAP_SEALED)) {
            zx_web__error(r, 403, "forbidden", "无查看封存记录的权限",
                          "needs the sealed-records capability (leader)");
            return -1;
        }
        size_t n = utf8_chars(why);
        if (n < 2 || n > 200) {
            zx_web__error(r, 400, "bad_reason", "查询封存记录须说明理由（2—200字）",
                          "sealed_reason must be 2 to 200 characters");
            return -1;
        }
        reveal = 1;
    }
    if (zx_store_seal_guard(r->st, !(reveal || import), &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    if (reveal) /* every access that may show sealed records, with its reason */
        zx_web__audit(r, "view_sealed", r->path, "ok", why);
    return 0;
}

static int row_json(void *ud, const struct zx_seal_row *row)
{
    char d[16];
    zx_date_format(row->sealed_on, d);
    return json_array_append_new(ud, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "kind",
                                               row->kind, "id", row->xid, "name", row->name,
                                               "case_id", row->case_id, "unit_id", row->unit_id,
                                               "rule", row->rule, "basis", row->basis, "sealed_on",
                                               d, "recorded_at", row->recorded_at))
               ? -1
               : 0;
}

int zx_web__route_sealed(struct zx_web_req *r)
{
    struct zx_err err = {0};
    int32_t u;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_SEALED)) {
        zx_web__error(r, 403, "forbidden", "无查看封存记录的权限",
                      "needs the sealed-records capability (leader)");
        return ZX_OK;
    }
    if (!zx_web__arg(r, "sealed_reason")) {
        zx_web__error(r, 400, "missing_reason", "查询封存记录须说明理由（参数 sealed_reason）",
                      "sealed_reason is required");
        return ZX_OK;
    }
    if (!r->data || zx_web__arg_unit(r, "unit", &u))
        return ZX_OK;
    const char *unit_id = zx_metrics_unit_id(r->data->m, u);
    json_t *arr = json_array();
    if (zx_store_seal_list(r->st, unit_id, row_json, arr, &err)) {
        json_decref(arr);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__json(r, 200, json_pack("{s:s,s:o}", "unit_id", unit_id, "sealed", arr));
    return ZX_OK;
}

/* ---- 社会危险性评估 ---- */

static struct zx_danger_cfg *cfg_of(struct zx_web_req *r)
{
    /* loaded once for the server's life; a bad file answers 500 with its message */
    struct zx_err err = {0};
    static struct zx_danger_cfg *cfg;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static char msg[sizeof err.msg];
    pthread_mutex_lock(&lock);
    if (!cfg && !msg[0] && zx_danger_cfg_load(NULL, &cfg, &err))
        snprintf(msg, sizeof msg, "%s", err.msg);
    struct zx_danger_cfg *c = cfg;
    pthread_mutex_unlock(&lock);
    if (!c)
        zx_web__error(r, 500, "config", "评分项配置无法读取", msg);
    return c;
}

static int can_danger(struct zx_web_req *r)
{
    if (zx_web_auth_can(r->user.roles, ZX_CAP_DANGER))
        return 1;
    zx_web__error(r, 403, "forbidden", "无查看社会危险性评估的权限",
                  "needs the social-danger capability (prosecutor, leader, analyst, reviewer)");
    return 0;
}

/* Keep the assessments the user may see: units of the subtree; a prosecutor's own cases. */
static json_t *scoped(struct zx_web_req *r, json_t *list, long limit, long *total)
{
    json_t *out = json_array(), *v;
    size_t i;
    *total = 0;
    json_array_foreach(list, i, v)
    {
        int32_t u =
            zx_metrics_unit_find(r->data->m, json_string_value(json_object_get(v, "unit_id")));
        if (u < 0 || !zx_web__in_scope(r, u))
            continue;
        if (r->scope_staff >= 0 &&
            strcmp(json_string_value(json_object_get(v, "handler_id")), r->user.staff_id))
            continue;
        if (++*total <= limit)
            json_array_append(out, v);
    }
    return out;
}

static int persons_of(struct zx_web_req *r, const char *unit_id, const char *person, int32_t from,
                      int32_t to, int pending, json_t **out)
{
    struct zx_err err = {0};
    struct zx_danger_cfg *c = cfg_of(r);
    if (!c)
        return -1;
    if (zx_danger_list(r->st, c, unit_id, person, from, to, pending, out, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    return 0;
}

int zx_web__route_danger_persons(struct zx_web_req *r)
{
    int32_t u, from, to;
    long limit, total;
    json_t *list = NULL;
    if (!can_danger(r) || !r->data || zx_web__arg_unit(r, "unit", &u) ||
        zx_web__arg_int(r, "limit", 1, 2000, 500, &limit) ||
        zx_web__arg_dates(r, ZX_DATE_NULL, ZX_DATE_NULL, &from, &to))
        return ZX_OK;
    const char *p = zx_web__arg(r, "pending");
    int pending = p && !strcmp(p, "1");
    const char *unit_id = zx_metrics_unit_id(r->data->m, u);
    if (persons_of(r, unit_id, NULL, from, to, pending, &list))
        return ZX_OK;
    json_t *arr = scoped(r, list, limit, &total);
    json_decref(list);
    zx_web__audit(r, "view_danger_persons", unit_id, "ok", pending ? "pending" : NULL);
    zx_web__json(r, 200,
                 json_pack("{s:s,s:b,s:I,s:o,s:s}", "unit_id", unit_id, "pending", pending, "total",
                           (json_int_t)total, "persons", arr, "note",
                           "评分仅供参考，不作为逮捕决定的依据；须结合全案证据综合判断"));
    return ZX_OK;
}

int zx_web__route_danger_score(struct zx_web_req *r)
{
    long total;
    json_t *list = NULL;
    const char *person = zx_web__arg(r, "person");
    if (!can_danger(r) || !r->data)
        return ZX_OK;
    if (!person || !person[0] || strlen(person) > 64) {
        zx_web__error(r, 400, "missing_person", "缺少参数 person（人员编号）",
                      "person is required (1-64 bytes)");
        return ZX_OK;
    }
    if (persons_of(r, NULL, person, ZX_DATE_NULL, ZX_DATE_NULL, 0, &list))
        return ZX_OK;
    json_t *arr = scoped(r, list, 100, &total);
    json_decref(list);
    if (!total) { /* unknown, out of scope or sealed: the same answer */
        json_decref(arr);
        zx_web__error(r, 404, "not_found", "未找到该人员的审查逮捕记录",
                      "no arrest review of this person in your scope");
        return ZX_OK;
    }
    zx_web__audit(r, "view_danger_score", person, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:s,s:o}", "person_id", person, "assessments", arr));
    return ZX_OK;
}

int zx_web__route_danger_report(struct zx_web_req *r)
{
    int32_t u, from, to;
    struct zx_err err = {0};
    json_t *rep = NULL;
    if (!can_danger(r) || !r->data)
        return ZX_OK;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_UNIT_FIGURES)) {
        zx_web__error(r, 403, "forbidden", "校准报告是单位层面的统计，需查看单位数据的权限",
                      "the report needs the unit-figures capability");
        return ZX_OK;
    }
    if (zx_web__arg_unit(r, "unit", &u))
        return ZX_OK;
    int y = r->data->default_year;
    if (zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), &from, &to))
        return ZX_OK;
    struct zx_danger_cfg *c = cfg_of(r);
    if (!c)
        return ZX_OK;
    const char *unit_id = zx_metrics_unit_id(r->data->m, u);
    if (zx_danger_report(r->st, c, unit_id, from, to, 0, &rep, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_object_set_new(rep, "unit_name", json_string(zx_metrics_unit_name(r->data->m, u)));
    zx_web__json(r, 200, rep);
    return ZX_OK;
}
