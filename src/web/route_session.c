/* route_session.c — POST /login, POST /logout, GET /me, GET /units, GET /catalog. */
#include "web/internal.h"

#include <string.h>

int zx_web__route_login(struct zx_web_req *r)
{
    json_t *b = zx_web__body_json(r);
    char token[65];
    if (!b)
        return ZX_OK;
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *pw = json_string_value(json_object_get(b, "password"));
    if (!name || !pw || !*name || !*pw || strlen(name) >= ZX_AUTH_NAME_MAX ||
        strlen(pw) > ZX_AUTH_PASSWORD_MAX) {
        json_decref(b);
        zx_web__error(r, 400, "bad_login", "请输入用户名和密码",
                      "name and password are required strings");
        return ZX_OK;
    }
    int rc = zx_web__login(r, name, pw, token);
    json_decref(b);
    if (rc)
        return ZX_OK;
    zx_web_auth_set_cookie(token, r->app->secure, r->cookie, sizeof r->cookie);
    return zx_web__route_me(r);
}

int zx_web__route_logout(struct zx_web_req *r)
{
    struct zx_err err = {0};
    if (zx_auth_session_delete(r->st, r->token_hash, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "logout", r->user.name, "ok", NULL);
    zx_web_auth_set_cookie(NULL, r->app->secure, r->cookie, sizeof r->cookie);
    zx_web__json(r, 200, json_pack("{s:b}", "ok", 1));
    return ZX_OK;
}

int zx_web__route_me(struct zx_web_req *r)
{
    const struct zx_user *u = &r->user;
    json_t *roles = json_array();
    for (int i = 0; i < ZX_ROLE_COUNT; i++) {
        unsigned bit = 1u << i;
        if (u->roles & bit)
            json_array_append_new(roles, json_pack("{s:s,s:s}", "code", zx_role_code(bit), "label",
                                                   zx_role_label(bit)));
    }
    int32_t su = r->data ? zx_metrics_unit_find(r->data->m, u->unit_id) : -1;
    const char *uname = su >= 0 ? zx_metrics_unit_name(r->data->m, su) : "";
    json_t *j = json_pack(
        "{s:{s:s,s:s,s:s,s:s,s:s?,s:o},s:s,s:b,s:{s:b,s:b,s:b,s:b,s:b,s:b,s:b},s:{s:i,s:i,s:i}}",
        "user", "name", u->name, "display_name", u->display, "unit_id", u->unit_id, "unit_name",
        uname ? uname : "", "staff_id", u->staff_id[0] ? u->staff_id : NULL, "roles", roles,
        "csrf_token", r->csrf, "sees_id_numbers", zx_web__sees_ids(r), "can", "import",
        zx_web_auth_can(u->roles, ZX_CAP_IMPORT), "users", zx_web_auth_can(u->roles, ZX_CAP_USERS),
        "unit_figures", zx_web_auth_can(u->roles, ZX_CAP_UNIT_FIGURES), "execution",
        zx_web_auth_can(u->roles, ZX_CAP_EXECUTION), "monitor_notice",
        zx_web_auth_can(u->roles, ZX_CAP_MONITOR_NOTICE), "ledger",
        zx_web_auth_can(u->roles, ZX_CAP_LEDGER), "leaders",
        zx_web_auth_can(u->roles, ZX_CAP_LEADERS), "years", "first",
        r->data ? r->data->first_year : 0, "last", r->data ? r->data->last_year : 0, "default",
        r->data ? r->data->default_year : 0);
    json_object_set_new(json_object_get(j, "can"), "governance",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_GOVERNANCE)));
    json_object_set_new(json_object_get(j, "can"), "trends",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_TRENDS)));
    json_object_set_new(json_object_get(j, "can"), "resident",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_RESIDENT)));
    /* 业绩考评: the subtree's prosecutors, or one's own evaluation (a linked staff member) */
    json_object_set_new(json_object_get(j, "can"), "evaluation",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_EVALUATION)));
    json_object_set_new(json_object_get(j, "can"), "own_evaluation",
                        json_boolean(u->staff_id[0] != 0));
    json_object_set_new(json_object_get(j, "can"), "quality_plan",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_QUALITY_PLAN)));
    json_object_set_new(json_object_get(j, "can"), "quality_review",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_QUALITY_REVIEW)));
    json_object_set_new(json_object_get(j, "can"), "danger",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_DANGER)));
    json_object_set_new(json_object_get(j, "can"), "sealed",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_SEALED)));
    json_object_set_new(json_object_get(j, "can"), "leads_work",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_LEADS_WORK)));
    json_object_set_new(json_object_get(j, "can"), "leads_view",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_LEADS_VIEW)));
    json_t *can = json_object_get(j, "can"); /* 典型案例, 层级综合评价 */
    json_object_set_new(can, "casebook_nominate",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_CASEBOOK_NOMINATE)));
    json_object_set_new(can, "casebook_decide",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_CASEBOOK_DECIDE)));
    json_object_set_new(can, "appraise", json_boolean(zx_web_auth_can(u->roles, ZX_CAP_APPRAISE)));
    json_object_set_new(can, "appraise_enter",
                        json_boolean(zx_web_auth_can(u->roles, ZX_CAP_APPRAISE_ENTER)));
    /* the roles this account may grant, for the user form */
    int at_root = su >= 0 && zx_metrics_unit_parent(r->data->m, su) < 0;
    unsigned g = zx_web_auth_grantable(u->roles, at_root);
    json_t *ga = json_array();
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (g & (1u << i))
            json_array_append_new(ga, json_string(zx_role_code(1u << i)));
    json_object_set_new(j, "grantable_roles", ga);
    zx_web__json(r, 200, j);
    return ZX_OK;
}

int zx_web__route_units(struct zx_web_req *r)
{
    json_t *a = json_array();
    if (r->scope_unit >= 0) {
        const struct zx_metrics *m = r->data->m;
        int32_t u0 = r->scope_unit;
        int32_t end = r->scope_staff >= 0 ? u0 + 1 : u0 + zx_metrics_unit_size(m, u0);
        for (int32_t u = u0; u < end; u++) {
            int depth = 0;
            for (int32_t p = u; p != u0 && p >= 0; p = zx_metrics_unit_parent(m, p))
                depth++;
            int32_t par = zx_metrics_unit_parent(m, u);
            json_array_append_new(
                a, json_pack("{s:s,s:s,s:s?,s:i,s:i}", "unit_id", zx_metrics_unit_id(m, u), "name",
                             zx_metrics_unit_name(m, u), "parent_id",
                             u == u0 || par < 0 ? NULL : zx_metrics_unit_id(m, par), "depth", depth,
                             "subunits", zx_metrics_unit_size(m, u) - 1));
        }
    }
    zx_web__json(r, 200, json_pack("{s:o}", "units", a));
    return ZX_OK;
}

int zx_web__route_catalog(struct zx_web_req *r)
{
    json_t *a = json_array();
    const struct zx_catalog *c = r->app->cat;
    for (int i = 0; i < zx_catalog_rows(c); i++) {
        const struct zx_catalog_row *row = zx_catalog_row(c, i);
        json_t *o = zx_web__row_info(row);
        json_object_set_new(o, "name_en", json_string(row->name_en ? row->name_en : ""));
        json_object_set_new(o, "structure",
                            row->structure ? json_string(row->structure) : json_null());
        json_array_append_new(a, o);
    }
    zx_web__json(r, 200, json_pack("{s:o}", "indicators", a));
    return ZX_OK;
}
