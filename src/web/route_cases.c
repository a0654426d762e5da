/* route_cases.c — GET /drilldown (the persons, cases or events behind one number, paged)
 * and GET /cases/{case_id} (the timeline: every event with handler and decider, persons
 * with masked id numbers). Both are views of personal records and are audited.
 * The rows come from the store's read views (store/views.h); on a cluster the drill-down's
 * figures and items and the timeline's rows come from it instead (zx_web__eval_query,
 * zx_web__cluster_items, zx_web__case_*). */
#include "web/internal.h"

#include "model/vocab.h"
#include "store/views.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jdate(int32_t d)
{
    char b[16];
    if (d == ZX_DATE_NULL)
        return json_null();
    zx_date_format(d, b);
    return json_string(b);
}

static json_t *jlabel(enum zx_vocab v, int code)
{
    return code ? jstr(zx_vocab_label(v, code)) : json_null();
}

static json_t *jcode(enum zx_vocab v, int code)
{
    return code ? jstr(zx_vocab_code(v, code)) : json_null();
}

/* ---- drill-down ---- */

/* The page's items, filled in by the store's row views. */
struct drill {
    struct zx_web_req *r;
    json_t *items;
    const size_t *pslot, *eslot; /* the item of the i-th person / event looked up */
};

static int drill_case(void *ud, size_t i, const struct zx_view_case *c)
{
    const struct drill *d = ud;
    json_t *it = json_array_get(d->items, i);
    json_object_set_new(it, "case_id", jstr(c->case_id));
    json_object_set_new(it, "case_no", jstr(c->case_no));
    json_object_set_new(it, "unit_id", jstr(c->unit_id));
    json_object_set_new(it, "unit_name", jstr(c->unit_name));
    json_object_set_new(it, "charge", jstr(c->charge));
    json_object_set_new(it, "line", jlabel(ZX_V_LINE, c->line));
    return 0;
}

static int drill_person(void *ud, size_t i, const struct zx_view_person *p)
{
    const struct drill *d = ud;
    json_t *it = json_array_get(d->items, d->pslot[i]);
    char idn[24];
    zx_web__idnum(d->r, p->id_number, idn);
    json_object_set_new(it, "person_id", jstr(p->person_id));
    json_object_set_new(it, "person_name", jstr(p->name));
    json_object_set_new(it, "id_number", idn[0] ? json_string(idn) : json_null());
    return 0;
}

static int drill_event(void *ud, size_t i, const struct zx_view_event *e)
{
    const struct drill *d = ud;
    json_t *it = json_array_get(d->items, d->eslot[i]);
    json_object_set_new(it, "event_id", jstr(e->event_id));
    json_object_set_new(it, "event_type", jlabel(ZX_V_EVENT_TYPE, e->type));
    json_object_set_new(it, "event_date", jdate(e->date));
    json_object_set_new(it, "event_result", jlabel(ZX_V_RESULT, e->result));
    return 0;
}

/* The drill-down items of hits [first, last) from the embedded store (store/views.h). */
static int store_items(struct zx_web_req *r, const struct zx_metrics_hit *hits, size_t first,
                       size_t last, json_t *items, struct zx_err *err)
{
    size_t npage = last - first, np = 0, ne = 0;
    /* case, person and event rids, and the item each person and event row belongs to */
    int64_t *rids = malloc(3 * npage * sizeof *rids);
    size_t *slot = malloc(2 * npage * sizeof *slot);
    int rc = ZX_OK, txn = 0;
    if (!rids || !slot) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    int64_t *crid = rids, *prid = rids + npage, *erid = rids + 2 * npage;
    size_t *pslot = slot, *eslot = slot + npage;
    for (size_t k = 0; k < npage; k++) {
        size_t i = first + k;
        const struct zx_metrics_hit *h = &hits[i];
        json_array_append_new(items, json_pack("{s:i,s:i,s:s}", "no", (int)(i + 1), "term",
                                               h->term_slot, "counting",
                                               h->counting == 1   ? "persons"
                                               : h->counting == 2 ? "cases"
                                                                  : "events"));
        crid[k] = h->case_rid;
        if (h->person_rid) {
            prid[np] = h->person_rid;
            pslot[np++] = k;
        }
        if (h->event_rid) {
            erid[ne] = h->event_rid;
            eslot[ne++] = k;
        }
    }
    struct drill dv = {r, items, pslot, eslot};
    /* one read snapshot for the page's lookups: each other connection's write (an audit
     * row) would otherwise reset this one's page cache before every statement */
    txn = zx_store_read_begin(r->st);
    if ((rc = zx_store_view_cases_by_rid(r->st, crid, npage, drill_case, &dv, err)) ||
        (rc = zx_store_view_persons_by_rid(r->st, prid, np, drill_person, &dv, err)))
        goto cleanup;
    rc = zx_store_view_events_by_rid(r->st, erid, ne, drill_event, &dv, err);
cleanup:
    zx_store_read_end(r->st, txn);
    free(rids);
    free(slot);
    return rc;
}

int zx_web__route_drilldown(struct zx_web_req *r)
{
    int32_t u, from, to;
    long page, size;
    struct zx_metrics_result *res = NULL, *fig = NULL;
    struct zx_err err = {0};
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    int y = r->data->default_year;
    const char *ind = zx_web__arg(r, "indicator"), *part = zx_web__arg(r, "part");
    if (!ind) {
        zx_web__error(r, 400, "missing_indicator", "缺少参数 indicator（指标编号）",
                      "indicator is required");
        return ZX_OK;
    }
    int row = zx_catalog_find(r->app->cat, ind);
    if (row < 0) {
        zx_web__errorf(r, 400, "unknown_indicator", "没有该指标", "no indicator '%.100s'", ind);
        return ZX_OK;
    }
    if (part && strcmp(part, "numerator") && strcmp(part, "denominator")) {
        zx_web__error(r, 400, "bad_part", "part 只能为 numerator（分子）或 denominator（分母）",
                      "part must be numerator or denominator");
        return ZX_OK;
    }
    if (zx_web__arg_unit(r, "unit", &u) ||
        zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), &from, &to) ||
        zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 50, &size))
        return ZX_OK;
    int pnum = part && !strcmp(part, "denominator") ? ZX_PART_DENOMINATOR : ZX_PART_NUMERATOR;
    struct zx_metrics_query q = {.cat = r->app->cat,
                                 .unit = u,
                                 .from = &from,
                                 .to = &to,
                                 .nperiods = 1,
                                 .rows = &row,
                                 .nrows = 1,
                                 .by_staff = r->scope_staff >= 0,
                                 .collect = 1,
                                 .collect_row = row,
                                 .collect_part = pnum,
                                 .collect_staff = r->scope_staff};
    size_t first = (size_t)(page - 1) * (size_t)size, last = first + (size_t)size;
    int64_t num, den;
    int indexed =
        !r->app->cluster[0] && r->scope_staff < 0 && zx_metrics_window_answers(r->data->m, &q);
    if (indexed) {
        /* the figure (the total) from the window index, then only the hits up to the
         * page's end: the pass stops there */
        struct zx_metrics_query qf = q;
        qf.collect = 0;
        if (zx_metrics_eval(r->data->m, &qf, &fig, &err)) {
            zx_web__error(r, 500, "eval", "指标计算失败", err.msg);
            goto cleanup;
        }
        zx_metrics_get(fig, row, 0, u, &num, &den);
        q.collect_limit = last;
    }
    if (zx_web__eval_query(r, &q, &res, &err)) {
        zx_web__error(r, 500, "eval", "指标计算失败", err.msg);
        goto cleanup;
    }
    if (!indexed)
        zx_web__fig(r, res, row, 0, u, &num, &den);
    const struct zx_metrics_hit *hits;
    size_t n = zx_metrics_hits(res, &hits);
    /* every counted item is one hit: the total is the figure's part */
    int64_t total = !indexed ? (int64_t)n : pnum ? den : num;
    json_t *items = json_array();
    if (last > n)
        last = n;
    /* the items from where the data is: the embedded store, or the cluster */
    if (first < last &&
        (r->app->cluster[0] ? zx_web__cluster_items(r, hits, first, last, items, &err)
                            : store_items(r, hits, first, last, items, &err))) {
        json_decref(items);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    const struct zx_metrics *m = r->data->m;
    json_t *out =
        json_pack("{s:o,s:s,s:{s:s,s:s},s:o,s:o,s:I,s:I,s:I,s:o}", "indicator",
                  zx_web__row_info(zx_catalog_row(r->app->cat, row)), "part",
                  pnum ? "denominator" : "numerator", "unit", "unit_id", zx_metrics_unit_id(m, u),
                  "name", zx_metrics_unit_name(m, u), "period", zx_web__period(from, to), "figure",
                  zx_web__figure(num, den), "total", (json_int_t)total, "page", (json_int_t)page,
                  "size", (json_int_t)size, "items", items);
    char target[300];
    snprintf(target, sizeof target, "%s/%s/%s", ind, pnum ? "denominator" : "numerator",
             zx_metrics_unit_id(m, u));
    zx_web__audit(r, "view_drilldown", target, "ok", NULL);
    zx_web__json(r, 200, out);
cleanup:
    zx_metrics_result_free(res);
    zx_metrics_result_free(fig);
    return ZX_OK;
}

/* ---- case timeline ---- */

static void not_found(struct zx_web_req *r)
{
    zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
}

/* The case's head as JSON, its rid and whether its handler is the user. */
struct head {
    const struct zx_web_req *r;
    json_t *out;
    int64_t rid;
    int own;
    int32_t unit; /* metrics index, -1 when unknown */
};

static int case_head(void *ud, size_t i, const struct zx_view_case *c)
{
    struct head *h = ud;
    (void)i;
    h->rid = c->rid;
    h->unit = zx_metrics_unit_find(h->r->data->m, c->unit_id);
    h->own = h->r->scope_staff >= 0 && c->handler_id && !strcmp(c->handler_id, h->r->user.staff_id);
    h->out = json_pack(
        "{s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "case_id", c->case_id,
        "case_no", jstr(c->case_no), "unit_id", c->unit_id, "unit_name",
        c->unit_name ? c->unit_name : "", "line", jlabel(ZX_V_LINE, c->line), "line_code",
        jcode(ZX_V_LINE, c->line), "business", jlabel(ZX_V_BUSINESS, c->business), "kind",
        jlabel(ZX_V_CASE_KIND, c->kind), "source", jlabel(ZX_V_CASE_SOURCE, c->source), "charge",
        jstr(c->charge), "accepted_on", jdate(c->accepted_on), "closed_on", jdate(c->closed_on),
        "handler",
        json_pack("{s:o,s:o}", "staff_id", jstr(c->handler_id), "name", jstr(c->handler_name)),
        "complex", c->complex ? json_true() : json_false());
    return h->out ? 0 : ZX_ENOMEM;
}

struct rows {
    const struct zx_web_req *r;
    json_t *a;
};

static int case_person(void *ud, size_t i, const struct zx_view_person *p)
{
    struct rows *x = ud;
    char idn[24];
    (void)i;
    zx_web__idnum(x->r, p->id_number, idn);
    json_array_append_new(
        x->a, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "person_id", jstr(p->person_id), "name",
                        jstr(p->name), "role", jlabel(ZX_V_PERSON_ROLE, p->role), "gender",
                        jlabel(ZX_V_GENDER, p->gender), "birth_date", jdate(p->birth_date),
                        "id_number", idn[0] ? json_string(idn) : json_null()));
    return 0;
}

static int case_event(void *ud, size_t i, const struct zx_view_event *e)
{
    struct rows *x = ud;
    (void)i;
    json_t *ev =
        json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:{s:o,s:o},s:{s:o,s:o},s:o,s:o,s:o}", "event_id",
                  jstr(e->event_id), "type", jlabel(ZX_V_EVENT_TYPE, e->type), "type_code",
                  jcode(ZX_V_EVENT_TYPE, e->type), "date", jdate(e->date), "result",
                  jlabel(ZX_V_RESULT, e->result), "person_id", jstr(e->person_id), "person_name",
                  jstr(e->person_name), "handler", "staff_id", jstr(e->handler_id), "name",
                  jstr(e->handler_name), "decider", "staff_id", jstr(e->decider_id), "name",
                  jstr(e->decider_name), "ref_event_id", jstr(e->ref_event_id), "amount",
                  e->has_amount ? json_real(e->amount) : json_null(), "note", jstr(e->note));
    /* 谁办案谁负责: roles, 院领导, and the ledger entry that records the act */
    json_object_set_new(json_object_get(ev, "handler"), "role",
                        jlabel(ZX_V_STAFF_ROLE, e->handler_role));
    json_object_set_new(json_object_get(ev, "handler"), "is_leader",
                        json_boolean(e->handler_leader == 1));
    json_object_set_new(json_object_get(ev, "decider"), "role",
                        jlabel(ZX_V_STAFF_ROLE, e->decider_role));
    json_object_set_new(json_object_get(ev, "decider"), "is_leader",
                        json_boolean(e->decider_leader == 1));
    const char *lg = e->ledger, *colon = lg ? strchr(lg, ':') : NULL;
    json_object_set_new(ev, "ledger",
                        colon ? json_pack("{s:I,s:s}", "entry", (json_int_t)strtoll(lg, NULL, 10),
                                          "hash", colon + 1)
                              : json_null());
    json_array_append_new(x->a, ev);
    return 0;
}

int zx_web__route_case(struct zx_web_req *r, const char *case_id)
{
    struct zx_err err = {0};
    struct head h = {r, NULL, 0, 0, -1};
    json_t *out = NULL;
    if (strlen(case_id) > 64 || !r->data) {
        not_found(r);
        return ZX_OK;
    }
    if (zx_web__case_view(r, case_id, case_head, &h, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    out = h.out;
    if (!out || !zx_web__in_scope(r, h.unit)) {
        zx_web__audit(r, "view_case", case_id, "denied", "not found or out of scope");
        not_found(r);
        goto cleanup;
    }
    int own = h.own;
    if (r->scope_staff >= 0 && !own) {
        /* a prosecutor also sees a case in which they handled an event */
        if (zx_web__case_handled_by(r, h.rid, r->user.staff_id, &own, &err))
            own = 0;
        if (!own) {
            zx_web__audit(r, "view_case", case_id, "denied", "not the prosecutor's case");
            not_found(r);
            goto cleanup;
        }
    }
    struct rows persons = {r, json_array()}, events = {r, json_array()};
    json_object_set_new(out, "persons", persons.a);
    json_object_set_new(out, "events", events.a);
    if (zx_web__case_persons(r, h.rid, case_person, &persons, &err) ||
        zx_web__case_events(r, h.rid, case_event, &events, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    json_t *cb = zx_web__casebook_of_case(r, case_id); /* 典型案例 candidacy on the timeline */
    json_object_set_new(out, "casebook", cb ? cb : json_array());
    zx_web__audit(r, "view_case", case_id, "ok", NULL);
    zx_web__json(r, 200, out);
    out = NULL;
cleanup:
    json_decref(out);
    return ZX_OK;
}
