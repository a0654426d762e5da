/* route_resident.c — 派驻检察 for the web (execution/resident.h):
 *
 *   GET  /resident?unit=&from=&to=&date=   offices under the unit: staff, checklist coverage,
 *                                          gaps, the log of the period, findings with the
 *                                          state of their dispositions; the checklist
 *   POST /resident/logs          {office_id, item, date, staff_id?, place?, result}
 *   POST /resident/findings      {office_id | log_id, description, category?, date?}
 *   POST /resident/dispositions  {finding_id, kind, date, follow_staff_id?}
 *
 * Reading needs ZX_CAP_EXECUTION (刑事执行, leaders, admins); recording needs
 * ZX_CAP_RESIDENT (the 刑事执行 role: the resident procurators). An office belongs to the
 * unit it was opened under; out of the user's subtree it looks unknown (404). A log entry is
 * by a person assigned to the office (the user's own staff member unless another is named).
 * Findings and dispositions go through the inspection flow (inspect.h), so deadlines,
 * escalation and the ledger are the inspection's. Every view and every write is audited. */
#include "web/internal.h"

#include "execution/inspect.h"
#include "execution/resident.h"
#include "store/inspect.h"
#include "store/resident.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static int gate(struct zx_web_req *r, enum zx_web_cap cap)
{
    if (zx_web_auth_can(r->user.roles, cap))
        return 0;
    if (cap == ZX_CAP_RESIDENT)
        zx_web__error(r, 403, "forbidden", "仅派驻检察人员（刑事执行检察）可以登记",
                      "only the execution role (resident procurators) may record");
    else
        zx_web__error(r, 403, "forbidden", "无刑事执行检察权限", "needs the execution capability");
    return -1;
}

static int load_rules(struct zx_web_req *r, struct zx_res_rules **rules)
{
    struct zx_err err = {0};
    if (zx_res_rules_load_default(rules, NULL, &err)) {
        zx_web__error(r, 500, "checklist", "检察清单读取失败", err.msg);
        return -1;
    }
    return 0;
}

/* 1 when office o's unit lies in the user's subtree. */
static int office_visible(const struct zx_web_req *r, const struct zx_res_office *o)
{
    return r->data && zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, o->unit_id));
}

/* The office of id, visible to the user; -1 and a 404 otherwise. */
static long find_office(struct zx_web_req *r, const struct zx_res_db *db, const char *id)
{
    long o = id ? zx_res_db_office(db, id) : -1;
    if (o < 0 || !office_visible(r, &db->offices[o])) {
        zx_web__error(r, 404, "office_not_found", "未找到该派驻检察室", "no such office");
        return -1;
    }
    return o;
}

static json_t *checklist_json(const struct zx_res_rules *rules)
{
    json_t *items = json_array();
    for (size_t i = 0; i < rules->nitems; i++) {
        const struct zx_res_item *it = &rules->items[i];
        json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id",
                                               it->id, "kind",
                                               it->kind == 1   ? "prison"
                                               : it->kind == 2 ? "detention_house"
                                                               : "both",
                                               "area", it->area, "item", it->item, "frequency",
                                               zx_res_freq_code(it->freq), "frequency_label",
                                               zx_res_freq_label(it->freq), "category",
                                               zx_store_insp_cat_code(it->category), "source",
                                               it->source_title, "article", it->article));
    }
    const struct zx_res_office_rules *o = &rules->office;
    return json_pack("{s:o,s:{s:i,s:i,s:s,s:i,s:s,s:i,s:s}}", "items", items, "office_rules",
                     "min_persons", o->min_persons, "min_procurators", o->min_procurators,
                     "staff_article", o->staff_article, "min_days_month", o->min_days_month,
                     "days_article", o->days_article, "rotation_years", o->rotation_years,
                     "rotation_article", o->rotation_article);
}

int zx_web__route_resident(struct zx_web_req *r)
{
    struct zx_res_rules *rules = NULL;
    struct zx_res_db db = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_res_report rep = {0};
    struct zx_err err = {0};
    int32_t u, from, to, at, today = zx_date_today();
    if (gate(r, ZX_CAP_EXECUTION))
        return ZX_OK;
    if (!r->data) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    /* default period: the last four whole weeks up to today */
    if (zx_web__arg_unit(r, "unit", &u) || zx_web__arg_dates(r, today - 27, today, &from, &to) ||
        zx_web__arg_date(r, "date", to, &at))
        return ZX_OK;
    if (from > to) {
        zx_web__error(r, 400, "bad_period", "起始日期晚于截止日期", "from is after to");
        return ZX_OK;
    }
    if (load_rules(r, &rules))
        return ZX_OK;
    if (zx_resident_store_load(r->st, from, to, &db, &err) ||
        zx_store_insp_load(r->st, &idb, &err) ||
        zx_res_gaps(rules, &db, -1, from, to, &rep, &err)) {
        zx_web__error(r, 500, "store", "派驻检察数据读取失败", err.msg);
        goto cleanup;
    }
    long root = zx_store_insp_db_unit(&idb, zx_metrics_unit_id(r->data->m, u));
    json_t *offices = json_array();
    int ngaps = 0;
    for (size_t o = 0; o < db.noffices; o++) {
        const struct zx_res_office *of = &db.offices[o];
        long ou = zx_store_insp_db_unit(&idb, of->unit_id);
        if (!office_visible(r, of) || root < 0 || ou < 0 || !zx_insp_under(&idb, ou, root))
            continue;
        json_t *staff = json_array(), *items = json_array(), *gaps = json_array(),
               *logs = json_array(), *finds = json_array();
        for (size_t i = 0; i < db.nassigns; i++) {
            const struct zx_res_assign *x = &db.assigns[i];
            if (x->office == o)
                json_array_append_new(staff,
                                      json_pack("{s:s,s:s,s:b,s:o,s:o}", "staff_id", x->staff_id,
                                                "name", x->name, "procurator", x->procurator,
                                                "from", jdate(x->from), "to", jdate(x->to)));
        }
        for (size_t c = 0; c < rep.ncov; c++)
            if (rep.cov[c].office == o)
                json_array_append_new(items, json_pack("{s:s,s:i,s:i,s:i}", "item",
                                                       rules->items[rep.cov[c].item].id, "expected",
                                                       rep.cov[c].expected, "done", rep.cov[c].done,
                                                       "entries", rep.cov[c].entries));
        for (size_t g = 0; g < rep.ngaps; g++) {
            const struct zx_res_gap *x = &rep.gaps[g];
            if (x->office != o)
                continue;
            ngaps++;
            json_array_append_new(gaps,
                                  json_pack("{s:s,s:s?,s:o,s:o,s:i,s:s?,s:s,s:s,s:s}", "kind",
                                            zx_res_gap_code(x->kind), "item",
                                            x->item >= 0 ? rules->items[x->item].id : NULL, "from",
                                            jdate(x->from), "to", jdate(x->to), "count", x->count,
                                            "staff_id", x->staff_id[0] ? x->staff_id : NULL, "rule",
                                            x->rule, "article", x->article, "message", x->msg));
        }
        for (size_t i = 0; i < db.nlogs; i++) {
            const struct zx_res_log *l = &db.logs[i];
            if (l->office == o)
                json_array_append_new(
                    logs, json_pack("{s:s,s:s,s:o,s:s,s:s,s:s,s:s?}", "log_id", l->log_id, "item",
                                    l->item_id, "date", jdate(l->on), "staff_id", l->staff_id,
                                    "place", l->place, "result", l->result, "finding_id",
                                    l->finding_id[0] ? l->finding_id : NULL));
        }
        for (size_t f = 0; f < idb.nfindings; f++) {
            const struct zx_store_insp_finding *fi = &idb.findings[f];
            if (strcmp(fi->plan_id, of->plan_id))
                continue;
            json_t *ds = json_array();
            for (size_t d = 0; d < idb.ndisps; d++) {
                if (strcmp(idb.disps[d].finding_id, fi->finding_id))
                    continue;
                struct zx_insp_dstatus s;
                zx_insp_disp_status(&idb, d, at, &s);
                json_array_append_new(
                    ds, json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:b}", "disp_id", idb.disps[d].disp_id,
                                  "kind", zx_store_insp_disp_code(idb.disps[d].kind), "kind_label",
                                  zx_store_insp_disp_label(idb.disps[d].kind), "served",
                                  jdate(idb.disps[d].served), "due", jdate(s.due), "state",
                                  zx_insp_state_label(s.state), "escalate", s.escalate));
            }
            json_array_append_new(
                finds,
                json_pack("{s:s,s:o,s:s,s:s,s:s,s:o,s:o}", "finding_id", fi->finding_id, "found_on",
                          jdate(fi->found_on), "category", zx_store_insp_cat_code(fi->category),
                          "category_label", zx_store_insp_cat_label(fi->category), "description",
                          fi->desc, "rectified_on", jdate(fi->rectified_on), "dispositions", ds));
        }
        json_array_append_new(
            offices,
            json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:o}", "office_id",
                      of->office_id, "name", of->name, "unit_id", of->unit_id, "institution_id",
                      of->institution_id, "institution", of->inst_name, "institution_kind",
                      of->inst_kind == 1 ? "prison" : "detention_house", "opened_on",
                      jdate(of->opened_on), "plan_id", of->plan_id, "staff", staff, "items", items,
                      "gaps", gaps, "logs", logs, "findings", finds));
    }
    char detail[64];
    snprintf(detail, sizeof detail, "offices=%zu", json_array_size(offices));
    zx_web__audit(r, "resident_view", zx_metrics_unit_id(r->data->m, u), "ok", detail);
    zx_web__json(r, 200,
                 json_pack("{s:s,s:o,s:o,s:o,s:b,s:o,s:i,s:o}", "unit_id",
                           zx_metrics_unit_id(r->data->m, u), "from", jdate(from), "to", jdate(to),
                           "date", jdate(at), "can_record",
                           zx_web_auth_can(r->user.roles, ZX_CAP_RESIDENT), "offices", offices,
                           "gaps", ngaps, "checklist", checklist_json(rules)));
cleanup:
    zx_res_report_release(&rep);
    zx_store_insp_release(&idb);
    zx_resident_store_release(&db);
    zx_res_rules_free(rules);
    return ZX_OK;
}

/* A date from the body: today when absent; -1 and a 400 when bad. */
static int body_date(struct zx_web_req *r, json_t *b, int32_t *out)
{
    const char *d = json_string_value(json_object_get(b, "date"));
    *out = zx_date_today();
    if (d && zx_date_parse(d, strlen(d), out)) {
        zx_web__error(r, 400, "bad_date", "date 应为日期（YYYY-MM-DD）",
                      "date must be a date (YYYY-MM-DD)");
        return -1;
    }
    return 0;
}

static const char *str(json_t *b, const char *k)
{
    const char *s = json_string_value(json_object_get(b, k));
    return s && *s ? s : NULL;
}

/* Answer a failed write: 404 unknown, 409 refused by the rules, 500 otherwise. */
static void write_failed(struct zx_web_req *r, const char *action, const char *target, int e,
                         const struct zx_err *err)
{
    zx_web__audit(r, action, target, "failed", err->msg);
    if (e == ZX_ENOTFOUND)
        zx_web__error_lib(r, 404, "not_found", "未找到", NULL, err);
    else if (e == ZX_EINVAL)
        zx_web__error_lib(r, 409, "refused", "不符合登记要求", NULL, err);
    else
        zx_web__error(r, 500, "store", "数据库错误", err->msg);
}

int zx_web__route_resident_log(struct zx_web_req *r)
{
    struct zx_res_rules *rules = NULL;
    struct zx_res_db db = {0};
    struct zx_err err = {0};
    struct zx_res_log l = {0};
    json_t *b = NULL;
    int e;
    if (gate(r, ZX_CAP_RESIDENT) || !(b = zx_web__body_json(r)))
        return ZX_OK;
    const char *office = str(b, "office_id"), *item = str(b, "item"), *result = str(b, "result");
    const char *staff = str(b, "staff_id"), *place = str(b, "place");
    if (!staff)
        staff = r->user.staff_id[0] ? r->user.staff_id : NULL;
    if (body_date(r, b, &l.on))
        goto cleanup;
    if (!office || !item || !result || !staff || strlen(result) >= ZX_RES_TEXT_MAX ||
        (place && strlen(place) >= ZX_RES_NAME_MAX)) {
        zx_web__error(r, 400, "bad_log",
                      "需要 office_id、item（检察清单事项）、result（检察情况）和检察人员",
                      "office_id, item, result and a staff member (staff_id, or the account's) "
                      "are required");
        goto cleanup;
    }
    if (load_rules(r, &rules))
        goto cleanup;
    if (zx_resident_store_load(r->st, 1, 0, &db, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    long o = find_office(r, &db, office);
    if (o < 0)
        goto cleanup;
    int assigned = 0;
    for (size_t i = 0; i < db.nassigns; i++)
        assigned |= db.assigns[i].office == (size_t)o && !strcmp(db.assigns[i].staff_id, staff);
    if (!assigned) {
        zx_web__error(r, 409, "not_assigned", "该检察人员未派驻本检察室",
                      "the staff member is not assigned to this office");
        goto cleanup;
    }
    snprintf(l.office_id, sizeof l.office_id, "%s", office);
    snprintf(l.item_id, sizeof l.item_id, "%s", item);
    snprintf(l.staff_id, sizeof l.staff_id, "%s", staff);
    snprintf(l.place, sizeof l.place, "%s", place ? place : "");
    snprintf(l.result, sizeof l.result, "%s", result);
    if ((e = zx_res_new_log(r->st, rules, &l, &err))) {
        write_failed(r, "resident_log", office, e, &err);
        goto cleanup;
    }
    zx_web__audit(r, "resident_log", l.log_id, "ok", item);
    zx_web__json(r, 201,
                 json_pack("{s:s,s:s,s:s,s:o,s:s}", "log_id", l.log_id, "office_id", l.office_id,
                           "item", l.item_id, "date", jdate(l.on), "staff_id", l.staff_id));
cleanup:
    zx_resident_store_release(&db);
    zx_res_rules_free(rules);
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_resident_finding(struct zx_web_req *r)
{
    struct zx_res_rules *rules = NULL;
    struct zx_res_db db = {0};
    struct zx_err err = {0};
    struct zx_store_insp_finding f = {.found_on = ZX_DATE_NULL, .rectified_on = ZX_DATE_NULL};
    char oid[ZX_RES_ID_MAX] = "";
    json_t *b = NULL;
    int e;
    if (gate(r, ZX_CAP_RESIDENT) || !(b = zx_web__body_json(r)))
        return ZX_OK;
    const char *office = str(b, "office_id"), *log = str(b, "log_id"),
               *desc = str(b, "description");
    const char *cat = str(b, "category");
    if ((!office && !log) || !desc || strlen(desc) >= ZX_STORE_INSP_TEXT_MAX ||
        (cat && !(f.category = zx_store_insp_cat_find(cat)))) {
        zx_web__error(
            r, 400, "bad_finding",
            "需要 office_id 或 log_id，以及 description（问题描述）；category 为 §4.4 类别",
            "office_id or log_id, and description, are required; category is a §4.4 "
            "category");
        goto cleanup;
    }
    if (json_object_get(b, "date") && body_date(r, b, &f.found_on))
        goto cleanup;
    if (!log && f.found_on == ZX_DATE_NULL)
        f.found_on = zx_date_today();
    if (load_rules(r, &rules))
        goto cleanup;
    /* the office (of the entry when one is named) must be in the user's subtree */
    if (log && (e = zx_resident_store_log_office(r->st, log, oid, &err))) {
        write_failed(r, "resident_finding", log, e, &err);
        goto cleanup;
    }
    if (zx_resident_store_load(r->st, 1, 0, &db, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    if (find_office(r, &db, log ? oid : office) < 0)
        goto cleanup;
    snprintf(f.desc, sizeof f.desc, "%s", desc);
    snprintf(f.sub, sizeof f.sub, "%s", str(b, "sub") ? str(b, "sub") : "");
    snprintf(f.evidence, sizeof f.evidence, "%s", str(b, "evidence") ? str(b, "evidence") : "");
    if ((e = zx_res_new_finding(r->st, rules, office, log, &f, &err))) {
        write_failed(r, "resident_finding", log ? log : office, e, &err);
        goto cleanup;
    }
    zx_web__audit(r, "resident_finding", f.finding_id, "ok", log ? log : office);
    zx_web__json(r, 201,
                 json_pack("{s:s,s:s,s:s,s:o}", "finding_id", f.finding_id, "plan_id", f.plan_id,
                           "category", zx_store_insp_cat_code(f.category), "found_on",
                           jdate(f.found_on)));
cleanup:
    zx_resident_store_release(&db);
    zx_res_rules_free(rules);
    json_decref(b);
    return ZX_OK;
}

int zx_web__route_resident_disp(struct zx_web_req *r)
{
    struct zx_res_db db = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_err err = {0};
    struct zx_store_insp_disp d = {.reply_on = ZX_DATE_NULL, .escalated_on = ZX_DATE_NULL};
    json_t *b = NULL;
    int e;
    if (gate(r, ZX_CAP_RESIDENT) || !(b = zx_web__body_json(r)))
        return ZX_OK;
    const char *fid = str(b, "finding_id"), *kind = str(b, "kind"),
               *follow = str(b, "follow_staff_id");
    if (!fid || !kind || !(d.kind = zx_store_insp_disp_find(kind))) {
        zx_web__error(r, 400, "bad_disposition",
                      "需要 finding_id 和 kind（oral、correction_notice 或 suggestion）",
                      "finding_id and kind (oral, correction_notice or suggestion) are required");
        goto cleanup;
    }
    if (body_date(r, b, &d.served))
        goto cleanup;
    if (zx_resident_store_load(r->st, 1, 0, &db, &err) || zx_store_insp_load(r->st, &idb, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    /* only a finding of a resident office in the user's subtree */
    long fi = zx_store_insp_db_finding(&idb, fid), o = -1;
    for (size_t i = 0; fi >= 0 && i < db.noffices && o < 0; i++)
        if (!strcmp(db.offices[i].plan_id, idb.findings[fi].plan_id) &&
            office_visible(r, &db.offices[i]))
            o = (long)i;
    if (o < 0) {
        zx_web__error(r, 404, "finding_not_found", "未找到该派驻检察发现的问题", "no such finding");
        goto cleanup;
    }
    snprintf(d.finding_id, sizeof d.finding_id, "%s", fid);
    snprintf(d.follow_staff, sizeof d.follow_staff, "%s", follow ? follow : r->user.staff_id);
    if ((e = zx_insp_new_disp(r->st, &d, &err))) {
        write_failed(r, "resident_disposition", fid, e, &err);
        goto cleanup;
    }
    zx_web__audit(r, "resident_disposition", d.disp_id, "ok", fid);
    zx_web__data_reload(r, "a resident disposition"); /* it wrote its event */
    zx_web__json(r, 201,
                 json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "disp_id", d.disp_id, "finding_id", fid,
                           "kind", zx_store_insp_disp_code(d.kind), "kind_label",
                           zx_store_insp_disp_label(d.kind), "served", jdate(d.served), "due",
                           jdate(zx_insp_reply_due(d.kind, d.served))));
cleanup:
    zx_store_insp_release(&idb);
    zx_resident_store_release(&db);
    json_decref(b);
    return ZX_OK;
}
