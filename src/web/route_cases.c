/* route_cases.c — GET /drilldown (the persons, cases or events behind one number, paged)
 * and GET /cases/{case_id} (the timeline: every event with handler and decider, persons
 * with masked id numbers). Both are views of personal records and are audited.
 * SQL against the SQLite store by nature (zx_store_sqlite); on a cluster the drill-down's
 * figures and items come from it instead (zx_web__eval_query, zx_web__cluster_items). */
#include "web/internal.h"

#include "model/vocab.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : NULL;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jdate(sqlite3_stmt *s, int i)
{
    char b[16];
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return json_null();
    zx_date_format(sqlite3_column_int(s, i), b);
    return json_string(b);
}

static json_t *jlabel(enum zx_vocab v, sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL || sqlite3_column_int(s, i) == 0)
        return json_null();
    const char *l = zx_vocab_label(v, sqlite3_column_int(s, i));
    return jstr(l);
}

static json_t *jcode(enum zx_vocab v, sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL || sqlite3_column_int(s, i) == 0)
        return json_null();
    return jstr(zx_vocab_code(v, sqlite3_column_int(s, i)));
}

/* ---- drill-down ---- */

/* The drill-down items of hits [first, last) from the embedded store. */
static int store_items(struct zx_web_req *r, const struct zx_metrics_hit *hits, size_t first,
                       size_t last, json_t *items, struct zx_err *err)
{
    sqlite3_stmt *sc = NULL, *sp = NULL, *se = NULL;
    int rc = ZX_OK, txn = 0;
    sqlite3 *db = zx_store_sqlite(r->st);
    if (sqlite3_prepare_v2(db,
                           "SELECT c.case_id, c.case_no, u.unit_id, u.name, c.charge, c.line "
                           "FROM cases c JOIN units u ON u.id = c.unit_rid WHERE c.id = ?",
                           -1, &sc, NULL) ||
        sqlite3_prepare_v2(db, "SELECT person_id, name, id_number FROM persons WHERE id = ?", -1,
                           &sp, NULL) ||
        sqlite3_prepare_v2(db, "SELECT event_id, type, date, result FROM events WHERE id = ?", -1,
                           &se, NULL)) {
        rc = zx_err_set(err, ZX_ESTORE, "%s", sqlite3_errmsg(db));
        goto cleanup;
    }
    /* one read transaction for the page's lookups, not one per statement: each other
     * connection's write (an audit row) resets this one's page cache at the next */
    txn = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    for (size_t i = first; i < last; i++) {
        const struct zx_metrics_hit *h = &hits[i];
        json_t *it =
            json_pack("{s:i,s:i,s:s}", "no", (int)(i + 1), "term", h->term_slot, "counting",
                      h->counting == 1   ? "persons"
                      : h->counting == 2 ? "cases"
                                         : "events");
        sqlite3_reset(sc);
        sqlite3_bind_int64(sc, 1, h->case_rid);
        if (sqlite3_step(sc) == SQLITE_ROW) {
            json_object_set_new(it, "case_id", jstr(col(sc, 0)));
            json_object_set_new(it, "case_no", jstr(col(sc, 1)));
            json_object_set_new(it, "unit_id", jstr(col(sc, 2)));
            json_object_set_new(it, "unit_name", jstr(col(sc, 3)));
            json_object_set_new(it, "charge", jstr(col(sc, 4)));
            json_object_set_new(it, "line", jlabel(ZX_V_LINE, sc, 5));
        }
        if (h->person_rid) {
            sqlite3_reset(sp);
            sqlite3_bind_int64(sp, 1, h->person_rid);
            if (sqlite3_step(sp) == SQLITE_ROW) {
                char idn[24];
                zx_web__idnum(r, col(sp, 2), idn);
                json_object_set_new(it, "person_id", jstr(col(sp, 0)));
                json_object_set_new(it, "person_name", jstr(col(sp, 1)));
                json_object_set_new(it, "id_number", idn[0] ? json_string(idn) : json_null());
            }
        }
        if (h->event_rid) {
            sqlite3_reset(se);
            sqlite3_bind_int64(se, 1, h->event_rid);
            if (sqlite3_step(se) == SQLITE_ROW) {
                json_object_set_new(it, "event_id", jstr(col(se, 0)));
                json_object_set_new(it, "event_type", jlabel(ZX_V_EVENT_TYPE, se, 1));
                json_object_set_new(it, "event_date", jdate(se, 2));
                json_object_set_new(it, "event_result", jlabel(ZX_V_RESULT, se, 3));
            }
        }
        json_array_append_new(items, it);
    }
cleanup:
    sqlite3_finalize(sc);
    sqlite3_finalize(sp);
    sqlite3_finalize(se);
    if (txn && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int zx_web__route_drilldown(struct zx_web_req *r)
{
    int32_t u, from, to;
    long page, size;
    struct zx_metrics_result *res = NULL, *fig = NULL;
    struct zx_err err = {0};
    int rc = -1;
    if (!r->data || r->scope_unit < 0) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return -1;
    }
    int y = r->data->default_year;
    const char *ind = zx_web__arg(r, "indicator"), *part = zx_web__arg(r, "part");
    if (!ind) {
        zx_web__error(r, 400, "missing_indicator", "缺少参数 indicator（指标编号）",
                      "indicator is required");
        return -1;
    }
    int row = zx_catalog_find(r->app->cat, ind);
    if (row < 0) {
        zx_web__errorf(r, 400, "unknown_indicator", "没有该指标", "no indicator '%.100s'", ind);
        return -1;
    }
    if (part && strcmp(part, "numerator") && strcmp(part, "denominator")) {
        zx_web__error(r, 400, "bad_part", "part 只能为 numerator（分子）或 denominator（分母）",
                      "part must be numerator or denominator");
        return -1;
    }
    if (zx_web__arg_unit(r, "unit", &u) ||
        zx_web__arg_dates(r, zx_date_from_ymd(y, 1, 1), zx_date_from_ymd(y, 12, 31), &from, &to) ||
        zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 50, &size))
        return -1;
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
    rc = 0;
cleanup:
    zx_metrics_result_free(res);
    zx_metrics_result_free(fig);
    return rc;
}

/* ---- case timeline ---- */

static void not_found(struct zx_web_req *r)
{
    zx_web__error(r, 404, "case_not_found", "未找到该案件", "no such case");
}

int zx_web__route_case(struct zx_web_req *r, const char *case_id)
{
    sqlite3 *db = zx_store_sqlite(r->st);
    sqlite3_stmt *s = NULL;
    json_t *out = NULL;
    int rc = -1;
    if (strlen(case_id) > 64 || !r->data) {
        not_found(r);
        return -1;
    }
    if (sqlite3_prepare_v2(db,
                           "SELECT c.id, c.case_id, c.case_no, u.unit_id, u.name, c.line, "
                           "c.business, c.kind, c.source, c.charge, c.accepted_on, c.closed_on, "
                           "h.staff_id, h.name, c.complex FROM cases c "
                           "JOIN units u ON u.id = c.unit_rid "
                           "LEFT JOIN staff h ON h.id = c.handler_rid WHERE c.case_id = ?",
                           -1, &s, NULL)) {
        zx_web__error(r, 500, "store", "数据库错误", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(s, 1, case_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_ROW ||
        !zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, col(s, 3)))) {
        zx_web__audit(r, "view_case", case_id, "denied", "not found or out of scope");
        not_found(r);
        goto cleanup;
    }
    int64_t crid = sqlite3_column_int64(s, 0);
    out = json_pack("{s:s,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "case_id",
                    col(s, 1), "case_no", jstr(col(s, 2)), "unit_id", col(s, 3), "unit_name",
                    col(s, 4) ? col(s, 4) : "", "line", jlabel(ZX_V_LINE, s, 5), "line_code",
                    jcode(ZX_V_LINE, s, 5), "business", jlabel(ZX_V_BUSINESS, s, 6), "kind",
                    jlabel(ZX_V_CASE_KIND, s, 7), "source", jlabel(ZX_V_CASE_SOURCE, s, 8),
                    "charge", jstr(col(s, 9)), "accepted_on", jdate(s, 10), "closed_on",
                    jdate(s, 11), "handler",
                    json_pack("{s:o,s:o}", "staff_id", jstr(col(s, 12)), "name", jstr(col(s, 13))),
                    "complex", sqlite3_column_int(s, 14) ? json_true() : json_false());
    int own = r->scope_staff >= 0 && col(s, 12) && !strcmp(col(s, 12), r->user.staff_id);
    sqlite3_finalize(s);
    s = NULL;
    if (r->scope_staff >= 0 && !own) {
        /* a prosecutor also sees a case in which they handled an event */
        if (sqlite3_prepare_v2(db,
                               "SELECT 1 FROM events e JOIN staff h ON h.id = e.handler_rid "
                               "WHERE e.case_rid = ? AND h.staff_id = ? LIMIT 1",
                               -1, &s, NULL) == SQLITE_OK) {
            sqlite3_bind_int64(s, 1, crid);
            sqlite3_bind_text(s, 2, r->user.staff_id, -1, SQLITE_TRANSIENT);
            own = sqlite3_step(s) == SQLITE_ROW;
        }
        sqlite3_finalize(s);
        s = NULL;
        if (!own) {
            zx_web__audit(r, "view_case", case_id, "denied", "not the prosecutor's case");
            not_found(r);
            goto cleanup;
        }
    }
    json_t *persons = json_array();
    if (sqlite3_prepare_v2(db,
                           "SELECT person_id, name, role, gender, birth_date, id_number, id_flag "
                           "FROM persons WHERE case_rid = ? ORDER BY id",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, crid);
        while (sqlite3_step(s) == SQLITE_ROW) {
            char idn[24];
            zx_web__idnum(r, col(s, 5), idn);
            json_array_append_new(
                persons, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "person_id", jstr(col(s, 0)),
                                   "name", jstr(col(s, 1)), "role", jlabel(ZX_V_PERSON_ROLE, s, 2),
                                   "gender", jlabel(ZX_V_GENDER, s, 3), "birth_date", jdate(s, 4),
                                   "id_number", idn[0] ? json_string(idn) : json_null()));
        }
    }
    sqlite3_finalize(s);
    s = NULL;
    json_object_set_new(out, "persons", persons);
    json_t *events = json_array();
    if (sqlite3_prepare_v2(
            db,
            "SELECT e.event_id, e.type, e.date, e.result, p.person_id, p.name, h.staff_id, "
            "h.name, d.staff_id, d.name, r.event_id, e.amount, e.note, h.role, h.is_leader, "
            "d.role, d.is_leader, (SELECT seq || ':' || lower(hex(substr(l.hash, 1, 6))) FROM "
            "ledger l WHERE l.tbl = 'events' AND l.rid = e.id ORDER BY l.seq DESC LIMIT 1) "
            "FROM events e LEFT JOIN persons p ON p.id = e.person_rid "
            "LEFT JOIN staff h ON h.id = e.handler_rid LEFT JOIN staff d ON d.id = e.decider_rid "
            "LEFT JOIN events r ON r.id = e.ref_rid WHERE e.case_rid = ? ORDER BY e.date, e.id",
            -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, crid);
        while (sqlite3_step(s) == SQLITE_ROW) {
            json_t *ev = json_pack(
                "{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:{s:o,s:o},s:{s:o,s:o},s:o,s:o,s:o}", "event_id",
                jstr(col(s, 0)), "type", jlabel(ZX_V_EVENT_TYPE, s, 1), "type_code",
                jcode(ZX_V_EVENT_TYPE, s, 1), "date", jdate(s, 2), "result",
                jlabel(ZX_V_RESULT, s, 3), "person_id", jstr(col(s, 4)), "person_name",
                jstr(col(s, 5)), "handler", "staff_id", jstr(col(s, 6)), "name", jstr(col(s, 7)),
                "decider", "staff_id", jstr(col(s, 8)), "name", jstr(col(s, 9)), "ref_event_id",
                jstr(col(s, 10)), "amount",
                sqlite3_column_type(s, 11) == SQLITE_NULL ? json_null()
                                                          : json_real(sqlite3_column_double(s, 11)),
                "note", jstr(col(s, 12)));
            /* 谁办案谁负责: roles, 院领导, and the ledger entry that records the act */
            json_object_set_new(json_object_get(ev, "handler"), "role",
                                jlabel(ZX_V_STAFF_ROLE, s, 13));
            json_object_set_new(json_object_get(ev, "handler"), "is_leader",
                                json_boolean(sqlite3_column_int(s, 14) == 1));
            json_object_set_new(json_object_get(ev, "decider"), "role",
                                jlabel(ZX_V_STAFF_ROLE, s, 15));
            json_object_set_new(json_object_get(ev, "decider"), "is_leader",
                                json_boolean(sqlite3_column_int(s, 16) == 1));
            const char *lg = col(s, 17), *colon = lg ? strchr(lg, ':') : NULL;
            json_object_set_new(ev, "ledger",
                                colon ? json_pack("{s:I,s:s}", "entry",
                                                  (json_int_t)strtoll(lg, NULL, 10), "hash",
                                                  colon + 1)
                                      : json_null());
            json_array_append_new(events, ev);
        }
    }
    sqlite3_finalize(s);
    s = NULL;
    json_object_set_new(out, "events", events);
    json_t *cb = zx_web__casebook_of_case(r, case_id); /* 典型案例 candidacy on the timeline */
    json_object_set_new(out, "casebook", cb ? cb : json_array());
    zx_web__audit(r, "view_case", case_id, "ok", NULL);
    zx_web__json(r, 200, out);
    out = NULL;
    rc = 0;
cleanup:
    sqlite3_finalize(s);
    json_decref(out);
    return rc;
}
