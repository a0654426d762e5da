/* route_users.c — GET/POST /users and PUT /users/{name}: accounts of the admin's subtree.
 * An account outside the subtree answers 404 like an unknown one. */
#include "web/internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int forbid_unless_admin(struct zx_web_req *r)
{
    if (zx_web_auth_can(r->user.roles, ZX_CAP_USERS))
        return 0;
    zx_web__error(r, 403, "forbidden", "只有系统管理员可以管理用户", "admins only");
    return -1;
}

/* The roles the caller may grant (zx_web_auth_grantable). */
static unsigned grantable(const struct zx_web_req *r)
{
    int at_root =
        r->data && r->scope_unit >= 0 && zx_metrics_unit_parent(r->data->m, r->scope_unit) < 0;
    return zx_web_auth_grantable(r->user.roles, at_root);
}

static int forbid_roles(struct zx_web_req *r, unsigned roles, const char *what)
{
    unsigned extra = roles & ~grantable(r);
    if (!extra)
        return 0;
    char zh[300];
    int admin = (extra & ZX_ROLE_ADMIN) != 0;
    snprintf(zh, sizeof zh, "%s",
             admin ? "只有省院（根单位）的系统管理员可以设立或管理系统管理员账户"
                   : "只能授予本人所具有的角色，不能设立或管理拥有本人所没有角色的账户");
    zx_web__errorf(r, 403, "role_not_grantable", zh, "%s: role %s may not be granted by you", what,
                   zx_role_code(extra & -extra));
    return -1;
}

static int user_in_scope(const struct zx_web_req *r, const struct zx_user *u)
{
    return r->data && zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, u->unit_id));
}

static json_t *user_json(const struct zx_web_req *r, const struct zx_user *u)
{
    json_t *roles = json_array();
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (u->roles & (1u << i))
            json_array_append_new(roles, json_string(zx_role_code(1u << i)));
    int32_t x = r->data ? zx_metrics_unit_find(r->data->m, u->unit_id) : -1;
    return json_pack("{s:s,s:s,s:s,s:s,s:s?,s:o,s:b}", "name", u->name, "display_name", u->display,
                     "unit_id", u->unit_id, "unit_name",
                     x >= 0 ? zx_metrics_unit_name(r->data->m, x) : "", "staff_id",
                     u->staff_id[0] ? u->staff_id : NULL, "roles", roles, "disabled", u->disabled);
}

struct list_ctx {
    struct zx_web_req *r;
    json_t *a;
};

static int list_cb(void *ud, const struct zx_user *u)
{
    struct list_ctx *c = ud;
    if (user_in_scope(c->r, u))
        json_array_append_new(c->a, user_json(c->r, u));
    return 0;
}

int zx_web__route_users_list(struct zx_web_req *r)
{
    struct zx_err err = {0};
    if (forbid_unless_admin(r))
        return ZX_OK;
    struct list_ctx c = {r, json_array()};
    if (zx_auth_user_each(r->st, list_cb, &c, &err)) {
        json_decref(c.a);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__json(r, 200, json_pack("{s:o}", "users", c.a));
    return ZX_OK;
}

/* Roles from a JSON array of codes or a comma list. */
static int roles_of(json_t *v, unsigned *mask, struct zx_err *err)
{
    char list[256] = "";
    if (json_is_string(v)) {
        snprintf(list, sizeof list, "%s", json_string_value(v));
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (!json_is_string(e))
                return zx_err_set(err, ZX_EINVAL, "roles must be strings");
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", l ? "," : "", json_string_value(e));
        }
    }
    return zx_role_parse(list, mask, err);
}

int zx_web__route_users_post(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_user u;
    if (forbid_unless_admin(r))
        return ZX_OK;
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    memset(&u, 0, sizeof u);
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *unit = json_string_value(json_object_get(b, "unit_id"));
    const char *pw = json_string_value(json_object_get(b, "password"));
    const char *staff = json_string_value(json_object_get(b, "staff_id"));
    const char *disp = json_string_value(json_object_get(b, "display_name"));
    if (!name || !unit || !pw) {
        zx_web__error(r, 400, "bad_user",
                      "需要提供 name（账户名）、unit_id（单位）和 password（密码）",
                      "name, unit_id and password are required");
        goto done;
    }
    if (!r->data || !zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit))) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        goto done;
    }
    if (roles_of(json_object_get(b, "roles"), &u.roles, &err)) {
        zx_web__error_lib(r, 400, "bad_roles", "角色不正确", NULL, &err);
        goto done;
    }
    if (forbid_roles(r, u.roles, "create account"))
        goto done;
    if (strlen(name) >= sizeof u.name || strlen(unit) >= sizeof u.unit_id ||
        (staff && strlen(staff) >= sizeof u.staff_id) ||
        (disp && strlen(disp) >= sizeof u.display)) {
        zx_web__error(r, 400, "bad_user", "字段过长", "a field is too long");
        goto done;
    }
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.unit_id, sizeof u.unit_id, "%s", unit);
    snprintf(u.staff_id, sizeof u.staff_id, "%s", staff ? staff : "");
    snprintf(u.display, sizeof u.display, "%s", disp ? disp : "");
    if (zx_auth_user_add(r->st, &u, pw, (int64_t)time(NULL), &err)) {
        zx_web__error_lib(r, err.rc == ZX_EINVAL ? 400 : 500, "bad_user", "无法创建用户", NULL,
                          &err);
        goto done;
    }
    zx_web__audit(r, "user_add", u.name, "ok", u.unit_id);
    zx_web__json(r, 201, json_pack("{s:o}", "user", user_json(r, &u)));
done:
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_user_update(struct zx_web_req *r, const char *name)
{
    struct zx_err err = {0};
    struct zx_user u;
    if (forbid_unless_admin(r))
        return ZX_OK;
    if (!zx_auth_name_ok(name) || zx_auth_user_get(r->st, name, &u, &err) ||
        !user_in_scope(r, &u)) {
        zx_web__error(r, 404, "user_not_found", "未找到该用户", "no such user");
        return ZX_OK;
    }
    /* an account with a right the caller could not grant is not the caller's to manage
     * (its own account excepted: an admin may change its own password) */
    if (strcmp(u.name, r->user.name) && forbid_roles(r, u.roles, "manage account"))
        return ZX_OK;
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    json_t *dis = json_object_get(b, "disabled");
    const char *pw = json_string_value(json_object_get(b, "password"));
    if ((dis && !json_is_boolean(dis)) || (!dis && !pw)) {
        zx_web__error(r, 400, "bad_user", "请提供 disabled（true/false）或 password",
                      "give disabled (boolean) or password");
        goto done;
    }
    if (dis && zx_auth_user_disable(r->st, name, json_is_true(dis), &err)) {
        zx_web__errorf(r, 500, "store", "数据库错误", "%s", err.msg);
        goto done;
    }
    if (pw && zx_auth_user_passwd(r->st, name, pw, (int64_t)time(NULL), &err)) {
        zx_web__error_lib(r, err.rc == ZX_EINVAL ? 400 : 500, "bad_password", "密码不符合要求",
                          NULL, &err);
        goto done;
    }
    zx_web__audit(r, dis ? (json_is_true(dis) ? "user_disable" : "user_enable") : "user_passwd",
                  name, "ok", NULL);
    zx_auth_user_get(r->st, name, &u, &err) == ZX_OK
        ? zx_web__json(r, 200, json_pack("{s:o}", "user", user_json(r, &u)))
        : zx_web__error(r, 500, "store", "数据库错误", err.msg);
done:
    json_decref(b);
    return ZX_OK;
}
