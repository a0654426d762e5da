/* route_ledger.c — 谁办案谁负责 for the web:
 *
 *   GET /ledger/verify                               the ledger checked (store/ledger.h)
 *   GET /leaders?unit=&from=&to=&by=unit|level|line  领导干部办案 (store/leaders.h)
 *   GET /leaders/cases?unit=&from=&to=&by=&key=&all=1&complex=1   the cases behind a row
 *
 * The verification reads the whole database and says which entry or row was changed
 * outside the product: administrators and 院领导 only (ZX_CAP_LEDGER), audited. The
 * leaders' figures are management data of the user's subtree (ZX_CAP_LEADERS); the case
 * list names staff, not parties, and is audited like every drill-down. */
#include "web/internal.h"

#include "store/leaders.h"
#include "store/ledger.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *share(double v)
{
    return v < 0 ? json_null() : json_real(v);
}

int zx_web__route_ledger_verify(struct zx_web_req *r)
{
    struct zx_ledger_report rep;
    struct zx_err err = {0};
    char detail[600];
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_LEDGER)) {
        zx_web__audit(r, "ledger_verify", NULL, "denied", "role");
        zx_web__error(r, 403, "forbidden", "仅系统管理员和院领导可校验办案责任账本",
                      "needs the ledger capability (admin, leader)");
        return ZX_OK;
    }
    if (zx_ledger_verify(r->st, &rep, &err)) {
        zx_web__audit(r, "ledger_verify", NULL, "error", err.msg);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    const struct zx_ledger_problem *p = &rep.first;
    json_t *out = json_pack("{s:b,s:I,s:I,s:I,s:s}", "intact", rep.problems == 0, "entries",
                            (json_int_t)rep.entries, "rows", (json_int_t)rep.rows, "problems",
                            (json_int_t)rep.problems, "head", rep.head);
    if (rep.problems) {
        json_object_set_new(out, "first",
                            json_pack("{s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:s}", "kind",
                                      zx_ledger_kind_name(p->kind), "kind_zh",
                                      zx_ledger_kind_name_zh(p->kind), "entry", (json_int_t)p->seq,
                                      "table", p->tbl, "rid", (json_int_t)p->rid, "id", p->xid,
                                      "what", p->what, "what_zh", p->what_zh));
        snprintf(detail, sizeof detail, "%lld problems; first: entry %lld %s %s %s",
                 (long long)rep.problems, (long long)p->seq, zx_ledger_kind_name(p->kind), p->tbl,
                 p->xid);
    } else {
        snprintf(detail, sizeof detail, "intact: %lld entries", (long long)rep.entries);
    }
    zx_web__audit(r, "ledger_verify", NULL, rep.problems ? "broken" : "intact", detail);
    zx_web__json(r, 200, out);
    return ZX_OK;
}

/* unit, period and grouping of a leaders request; -1 after responding */
static int leaders_args(struct zx_web_req *r, const char **unit_id, int32_t *from, int32_t *to,
                        enum zx_leaders_by *by)
{
    int32_t u;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_LEADERS)) {
        zx_web__error(r, 403, "forbidden", "无查看领导干部办案情况的权限",
                      "needs the leaders capability (admin, leader, analyst)");
        return -1;
    }
    if (!r->data || zx_web__arg_unit(r, "unit", &u))
        return -1;
    int y = r->data->default_year;
    if (zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), from, to))
        return -1;
    const char *b = zx_web__arg(r, "by");
    if (!b || !strcmp(b, "unit"))
        *by = ZX_LEADERS_BY_UNIT;
    else if (!strcmp(b, "level"))
        *by = ZX_LEADERS_BY_LEVEL;
    else if (!strcmp(b, "line"))
        *by = ZX_LEADERS_BY_LINE;
    else {
        zx_web__error(r, 400, "bad_by", "by 只能为 unit、level 或 line",
                      "by must be unit, level or line");
        return -1;
    }
    *unit_id = zx_metrics_unit_id(r->data->m, u);
    return 0;
}

int zx_web__route_leaders(struct zx_web_req *r)
{
    const char *unit_id;
    int32_t from, to;
    enum zx_leaders_by by;
    struct zx_leaders_row *rows = NULL;
    struct zx_leaders_expect ex;
    struct zx_err err = {0};
    int n = 0;
    if (leaders_args(r, &unit_id, &from, &to, &by))
        return ZX_OK;
    if (zx_leaders_report(r->st, unit_id, from, to, by, &rows, &n, &err) ||
        zx_leaders_get_expect(r->st, unit_id, &ex, &err)) {
        free(rows);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        const struct zx_leaders_row *x = &rows[i];
        json_array_append_new(
            arr,
            json_pack("{s:s,s:s,s:s?,s:I,s:I,s:o,s:I,s:I,s:o,s:o,s:o,s:b}", "key", x->key, "name",
                      x->name, "level", x->level[0] ? x->level : NULL, "cases",
                      (json_int_t)x->cases, "leader_cases", (json_int_t)x->leader_cases, "share",
                      share(x->share), "complex", (json_int_t)x->complex, "leader_complex",
                      (json_int_t)x->leader_complex, "complex_share", share(x->complex_share),
                      "expected_share", share(x->expect.share), "expected_complex_share",
                      share(x->expect.complex_share), "below", x->below));
    }
    free(rows);
    zx_web__json(r, 200,
                 json_pack("{s:s,s:o,s:s,s:o,s:o}", "unit_id", unit_id, "period",
                           zx_web__period(from, to), "by",
                           by == ZX_LEADERS_BY_UNIT    ? "unit"
                           : by == ZX_LEADERS_BY_LEVEL ? "level"
                                                       : "line",
                           "expectation",
                           json_pack("{s:o,s:o}", "share", share(ex.share), "complex_share",
                                     share(ex.complex_share)),
                           "rows", arr));
    return ZX_OK;
}

static int case_json(void *ud, const struct zx_leaders_case *c)
{
    char a[16] = "", b[16] = "";
    if (c->accepted_on != ZX_DATE_NULL)
        zx_date_format(c->accepted_on, a);
    if (c->closed_on != ZX_DATE_NULL)
        zx_date_format(c->closed_on, b);
    return json_array_append_new(
               ud, json_pack("{s:s,s:s?,s:s,s:s?,s:s?,s:{s:s?,s:s?,s:s?,s:b},s:b,s:s?,s:s?}",
                             "case_id", c->case_id, "case_no", c->case_no, "unit_id", c->unit_id,
                             "unit_name", c->unit_name, "line", c->line, "handler", "staff_id",
                             c->handler_id, "name", c->handler_name, "role", c->handler_role,
                             "is_leader", c->handler_leader, "complex", c->complex, "accepted_on",
                             a[0] ? a : NULL, "closed_on", b[0] ? b : NULL))
               ? -1
               : 0;
}

int zx_web__route_leaders_cases(struct zx_web_req *r)
{
    const char *unit_id;
    int32_t from, to;
    enum zx_leaders_by by;
    struct zx_err err = {0};
    long limit;
    if (leaders_args(r, &unit_id, &from, &to, &by) ||
        zx_web__arg_int(r, "limit", 1, 5000, 500, &limit))
        return ZX_OK;
    const char *key = zx_web__arg(r, "key"), *all = zx_web__arg(r, "all"),
               *cx = zx_web__arg(r, "complex");
    if (key && strlen(key) > 100) {
        zx_web__error(r, 400, "bad_key", "key 过长", "key is too long");
        return ZX_OK;
    }
    json_t *arr = json_array();
    if (zx_leaders_cases(r->st, unit_id, from, to, by, key, !(all && !strcmp(all, "1")),
                         cx && !strcmp(cx, "1"), limit, case_json, arr, &err)) {
        json_decref(arr);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "leaders_cases", unit_id, "ok", key);
    zx_web__json(r, 200,
                 json_pack("{s:s,s:s?,s:o,s:o}", "unit_id", unit_id, "key", key, "period",
                           zx_web__period(from, to), "cases", arr));
    return ZX_OK;
}
