/* route_execution.c — criminal-execution supervision (刑事执行) for the web:
 *
 *   GET /execution/review?unit=&from=&to=&category=&page=&size=   减假暂 findings
 *   GET /execution/inspections?unit=&date=                        plans and dispositions
 *   GET /execution/coverage?unit=&year=                           coverage with gaps
 *   GET /execution/stats?unit=&period=&date=                      巡回检察 statistics
 *
 * Only roles with ZX_CAP_EXECUTION (auth.c) may call them. The unit bounds everything: a
 * finding belongs to the unit supervising the convict's institution (institutions.unit_rid),
 * a plan to its organising unit, coverage and statistics to the institutions and plans under
 * the unit. The review runs the same checker as `zhixiao review-sentences` (execution/exec.h)
 * over the whole store and keeps the findings of convicts in scope, so the figures equal the
 * CLI's for the same convicts. Findings name convicts: every view is audited, and id numbers
 * are masked unless the role sees them. */
#include "web/internal.h"

#include "execution/exec.h"
#include "execution/inspect.h"
#include "execution/resident.h"
#include "model/vocab.h"
#include "store/inspect.h"
#include "store/resident.h"
#include "store/views.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chinese labels of the review categories, in enum zx_exec_cat order. */
static const char *const cat_label[ZX_EXEC_CAT_COUNT_] = {
    "减刑起始时间过早",       "减刑间隔不足",     "减刑幅度超限",
    "实际执行刑期不足",       "不符合假释条件",   "依法不得假释",
    "不符合暂予监外执行条件", "顶格减刑（模式）", "踩点报请（模式）"};

static const char *sev_label(enum zx_exec_severity s)
{
    return s == ZX_EXEC_VIOLATION ? "违规" : s == ZX_EXEC_PATTERN ? "异常模式" : "需复核";
}

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

static int gate(struct zx_web_req *r)
{
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_EXECUTION)) {
        zx_web__error(r, 403, "forbidden", "无刑事执行检察权限", "needs the execution capability");
        return -1;
    }
    return 0;
}

/* An optional date argument: def when absent; -1 and a 400 when bad. */
static int arg_date(struct zx_web_req *r, const char *name, int32_t def, int32_t *out)
{
    return zx_web__arg_date(r, name, def, out);
}

static json_t *unit_json(const struct zx_web_req *r, int32_t u)
{
    const struct zx_metrics *m = r->data->m;
    const char *n = zx_metrics_unit_name(m, u);
    return json_pack("{s:s,s:s}", "unit_id", zx_metrics_unit_id(m, u), "name", n ? n : "");
}

/* ---- 减假暂 review ---- */

struct review {
    const unsigned char *in; /* by convict rid: 1 when in scope */
    int64_t nin;             /* entries in `in` */
    const struct zx_exec_data *d;
    int cat;                         /* -1: every category */
    size_t first, size, matched;     /* the page and the findings that pass the filter */
    long counts[ZX_EXEC_CAT_COUNT_]; /* in scope, every category */
    long sev[3];
    struct zx_exec_finding *page; /* From malloc(): [size] */
    size_t npage;
};

static int on_finding(void *ud, const struct zx_exec_finding *f)
{
    struct review *v = ud;
    int64_t key = v->d->conv[f->convict].key;
    if (key < 0 || key >= v->nin || !v->in[key])
        return 0;
    v->counts[f->cat]++;
    if (v->cat >= 0 && (int)f->cat != v->cat)
        return 0;
    v->sev[f->severity]++;
    if (v->matched >= v->first && v->npage < v->size)
        v->page[v->npage++] = *f;
    v->matched++;
    return 0;
}

static const char *msg_text(const struct zx_msgv *m, int zh, char *buf)
{
    zx_msgv_render(m, zh, buf, ZX_EXEC_TEXT_MAX);
    return buf;
}

/* A finding's text as the page shows it: the message table's key, its parameters and the
 * text, in Chinese (the English is the contract's expected / actual beside it). */
static json_t *msg_json(const struct zx_msgv *m)
{
    char t[ZX_EXEC_TEXT_MAX];
    const char *key = zx_msg_key(m->id);
    json_t *params = json_array();
    for (int i = 0; i < m->n; i++)
        json_array_append_new(params, json_string(zx_msgv_param(m, i, 1)));
    return json_pack("{s:s?,s:o,s:s}", "id", key, "params", params, "text", msg_text(m, 1, t));
}

/* A review page's items, completed with their convicts by the store's view. */
struct finding_rows {
    const struct zx_web_req *r;
    json_t *items;
};

static int finding_convict(void *ud, size_t i, const struct zx_view_convict *c)
{
    const struct finding_rows *fr = ud;
    json_t *it = json_array_get(fr->items, i);
    char idn[24] = "";
    zx_web__idnum(fr->r, c->id_number, idn);
    json_object_set_new(it, "convict_id", jstr(c->convict_id));
    json_object_set_new(it, "convict_name", jstr(c->name));
    json_object_set_new(it, "id_number", idn[0] ? json_string(idn) : json_null());
    json_object_set_new(it, "institution_id", jstr(c->institution_id));
    json_object_set_new(it, "institution_name", jstr(c->institution_name));
    json_object_set_new(it, "unit_id", jstr(c->unit_id));
    return 0;
}

/* The walk over units, then convicts, that marks the convicts in scope. */
struct scope_walk {
    const struct zx_metrics *m;
    int32_t u, end;
    unsigned char *units, *in; /* by unit rid, by convict rid */
    int64_t maxu, maxc;
    long n;
};

static int scope_unit(void *ud, const char *xid, size_t len, int64_t rid, uint64_t hash,
                      int64_t aux)
{
    struct scope_walk *w = ud;
    char id[256];
    (void)hash;
    (void)aux;
    if (!xid || len >= sizeof id)
        return 0;
    memcpy(id, xid, len);
    id[len] = '\0';
    int32_t x = zx_metrics_unit_find(w->m, id);
    if (rid >= 0 && rid <= w->maxu && x >= w->u && x < w->end)
        w->units[rid] = 1;
    return 0;
}

static int scope_convict(void *ud, int64_t c, int64_t ur)
{
    struct scope_walk *w = ud;
    if (c >= 0 && c <= w->maxc && ur >= 0 && ur <= w->maxu && w->units[ur]) {
        w->in[c] = 1;
        w->n++;
    }
    return 0;
}

/* Mark the convicts whose institution is supervised by a unit in [u, u + size) of the
 * metrics units. *in From calloc(). */
static int scope_convicts(struct zx_web_req *r, int32_t u, unsigned char **in, int64_t *nin,
                          long *nconv, struct zx_err *err)
{
    const struct zx_metrics *m = r->data->m;
    struct scope_walk w = {m, u, u + zx_metrics_unit_size(m, u), NULL, NULL, 0, 0, 0};
    int rc = ZX_ESTORE;
    *in = NULL;
    *nconv = 0;
    w.maxu = zx_store_max_rid(r->st, ZX_T_UNITS);
    w.maxc = zx_store_max_rid(r->st, ZX_T_CONVICTS);
    if (w.maxu < 0 || w.maxc < 0) {
        zx_err_set(err, ZX_ESTORE, "reading the largest row ids failed");
        goto done;
    }
    w.units = calloc((size_t)w.maxu + 1, 1);
    *in = w.in = calloc((size_t)w.maxc + 1, 1);
    *nin = w.maxc + 1;
    if (!w.units || !w.in) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto done;
    }
    rc = zx_store_each_id(r->st, ZX_T_UNITS, scope_unit, &w, err);
    if (rc == ZX_OK)
        rc = zx_store_view_convict_units(r->st, scope_convict, &w, err);
    *nconv = w.n;
done:
    free(w.units);
    return rc;
}

int zx_web__route_exec_review(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_exec_rules *rules = NULL;
    struct zx_exec_data d;
    struct review v;
    unsigned char *in = NULL;
    json_t *items = NULL;
    int64_t *crid = NULL;
    int32_t u, from, to;
    long page, size, nconv = 0;
    zx_exec_data_init(&d);
    memset(&v, 0, sizeof v);
    if (gate(r))
        return ZX_OK;
    if (!r->data) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return ZX_OK;
    }
    const char *cat = zx_web__arg(r, "category");
    v.cat = -1;
    if (cat && *cat) {
        for (int c = 0; c < ZX_EXEC_CAT_COUNT_; c++)
            if (!strcmp(cat, zx_exec_cat_code((enum zx_exec_cat)c)))
                v.cat = c;
        if (v.cat < 0) {
            zx_web__errorf(r, 400, "bad_category", "没有该审查类别", "no review category '%.60s'",
                           cat);
            return ZX_OK;
        }
    }
    if (zx_web__arg_unit(r, "unit", &u) || arg_date(r, "from", ZX_DATE_NULL, &from) ||
        arg_date(r, "to", ZX_DATE_NULL, &to) || zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 50, &size))
        return ZX_OK;
    if (from != ZX_DATE_NULL && to != ZX_DATE_NULL && from > to) {
        zx_web__error(r, 400, "bad_period", "起始日期晚于截止日期", "from is after to");
        return ZX_OK;
    }
    if (scope_convicts(r, u, &in, &v.nin, &nconv, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    if (zx_exec_rules_load_default(&rules, NULL, &err) ||
        zx_exec_data_load(r->st, NULL, &d, &err)) {
        zx_web__error(r, 500, "review", "减假暂审查数据读取失败", err.msg);
        goto cleanup;
    }
    v.in = in;
    v.d = &d;
    v.first = (size_t)(page - 1) * (size_t)size;
    v.size = (size_t)size;
    v.page = malloc(sizeof *v.page * (size_t)size);
    if (!v.page || zx_exec_review(rules, &d, from, to, on_finding, &v)) {
        zx_web__error(r, 500, "review", "减假暂审查失败", "out of memory");
        goto cleanup;
    }
    items = json_array();
    if (v.npage && !(crid = malloc(v.npage * sizeof *crid))) {
        zx_web__error(r, 500, "review", "减假暂审查失败", "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < v.npage; i++) {
        const struct zx_exec_finding *f = &v.page[i];
        char ch[96] = "", e[ZX_EXEC_TEXT_MAX], a[ZX_EXEC_TEXT_MAX];
        if (f->change >= 0 && zx_exec_xid(r->st, 1, d.chg[f->change].key, ch, sizeof ch))
            snprintf(ch, sizeof ch, "#%lld", (long long)d.chg[f->change].key);
        json_t *it = json_pack(
            "{s:I,s:o,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "no", (json_int_t)(v.first + i + 1),
            "change_id", f->change >= 0 ? json_string(ch) : json_null(), "category",
            zx_exec_cat_code(f->cat), "category_label", cat_label[f->cat], "rule", f->rule.id,
            "article", f->rule.article, "expected", msg_text(&f->expected, 0, e), "actual",
            msg_text(&f->actual, 0, a), "severity", zx_exec_severity_code(f->severity),
            "severity_label", sev_label(f->severity));
        json_object_set_new(it, "expected_msg", msg_json(&f->expected));
        json_object_set_new(it, "actual_msg", msg_json(&f->actual));
        crid[i] = d.conv[f->convict].key;
        json_array_append_new(items, it);
    }
    struct finding_rows fr = {r, items};
    if (zx_store_view_convicts_by_rid(r->st, crid, v.npage, finding_convict, &fr, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        goto cleanup;
    }
    json_t *counts = json_array();
    long all = 0;
    for (int c = 0; c < ZX_EXEC_CAT_COUNT_; c++) {
        all += v.counts[c];
        json_array_append_new(counts, json_pack("{s:s,s:s,s:I}", "code",
                                                zx_exec_cat_code((enum zx_exec_cat)c), "label",
                                                cat_label[c], "count", (json_int_t)v.counts[c]));
    }
    json_t *out =
        json_pack("{s:o,s:{s:o,s:o},s:o,s:I,s:I,s:I,s:I,s:I,s:o,s:{s:I,s:I,s:I},s:o}", "unit",
                  unit_json(r, u), "period", "from", jdate(from), "to", jdate(to), "category",
                  v.cat >= 0 ? json_string(zx_exec_cat_code((enum zx_exec_cat)v.cat)) : json_null(),
                  "convicts", (json_int_t)nconv, "all", (json_int_t)all, "total",
                  (json_int_t)v.matched, "page", (json_int_t)page, "size", (json_int_t)size,
                  "counts", counts, "severity", "violation", (json_int_t)v.sev[ZX_EXEC_VIOLATION],
                  "review", (json_int_t)v.sev[ZX_EXEC_REVIEW], "pattern",
                  (json_int_t)v.sev[ZX_EXEC_PATTERN], "items", items);
    items = NULL;
    char target[160], detail[96];
    snprintf(target, sizeof target, "sentence_review/%s", zx_metrics_unit_id(r->data->m, u));
    snprintf(detail, sizeof detail, "%zu findings, page %ld", v.npage, page);
    zx_web__audit(r, "view_sentence_review", target, "ok", detail);
    zx_web__json(r, 200, out);
cleanup:
    json_decref(items);
    free(crid);
    free(v.page);
    free(in);
    zx_exec_data_release(&d);
    zx_exec_rules_free(rules);
    return ZX_OK;
}

/* ---- circuit inspections ---- */

/* The snapshot and the index of unit u in it; responds itself on failure. */
static int insp_load(struct zx_web_req *r, int32_t u, struct zx_store_insp_db *db, long *iu)
{
    struct zx_err err = {0};
    if (zx_store_insp_load(r->st, db, &err)) {
        zx_web__error(r, 500, "store", "巡回检察数据读取失败", err.msg);
        return -1;
    }
    *iu = zx_store_insp_db_unit(db, zx_metrics_unit_id(r->data->m, u));
    if (*iu < 0) {
        zx_store_insp_release(db);
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return -1;
    }
    return 0;
}

static int common(struct zx_web_req *r, int32_t *u)
{
    if (gate(r))
        return -1;
    if (!r->data) {
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return -1;
    }
    return zx_web__arg_unit(r, "unit", u);
}

static const char *state_code(const struct zx_insp_dstatus *s)
{
    if (s->state == ZX_INSP_ANSWERED)
        return "answered";
    if (s->state == ZX_INSP_OVERDUE)
        return s->escalate ? "escalated" : "overdue";
    return "open";
}

static const char *state_zh(const char *code)
{
    return !strcmp(code, "answered")    ? "已回复"
           : !strcmp(code, "escalated") ? "逾期未回复·已报上级院"
           : !strcmp(code, "overdue")   ? "逾期未回复"
                                        : "待回复";
}

static const char *pstate(int s)
{
    return s == ZX_INSP_ANSWERED     ? "done"
           : s == ZX_INSP_OVERDUE    ? "overdue"
           : s == ZX_INSP_NOT_NEEDED ? "not_needed"
                                     : "open";
}

int zx_web__route_exec_inspections(struct zx_web_req *r)
{
    struct zx_store_insp_db db;
    int32_t u, at;
    long iu;
    struct zx_res_db rdb = {0};
    struct zx_res_rules *rules = NULL;
    struct zx_err rerr = {0};
    if (common(r, &u) || arg_date(r, "date", zx_date_today(), &at) || insp_load(r, u, &db, &iu))
        return ZX_OK;
    /* without the resident records the plans still show (their pull is null) */
    if (zx_res_rules_load_default(&rules, NULL, &rerr) ||
        zx_resident_store_load(r->st, ZX_DATE_NULL, ZX_DATE_NULL, &rdb, &rerr)) {
        zx_res_rules_free(rules);
        rules = NULL;
    }
    json_t *plans = json_array();
    int n[4] = {0};
    for (size_t i = 0; i < db.nplans; i++) {
        const struct zx_store_insp_plan *p = &db.plans[i];
        long pu = zx_store_insp_db_unit(&db, p->unit_id);
        if (pu < 0 || !zx_insp_under(&db, pu, iu))
            continue;
        struct zx_insp_pstatus ps;
        zx_insp_plan_status(&db, i, at, &ps);
        json_t *insts = json_array();
        for (size_t k = 0; k < db.ntargets; k++)
            if (db.targets[k].plan == i)
                json_array_append_new(insts, json_pack("{s:s,s:s}", "institution_id",
                                                       db.insts[db.targets[k].inst].institution_id,
                                                       "name", db.insts[db.targets[k].inst].name));
        json_t *disps = json_array();
        for (size_t k = 0; k < db.ndisps; k++) {
            const struct zx_store_insp_disp *d = &db.disps[k];
            long f = zx_store_insp_db_finding(&db, d->finding_id);
            if (f < 0 || strcmp(db.findings[f].plan_id, p->plan_id))
                continue;
            struct zx_insp_dstatus ds;
            zx_insp_disp_status(&db, k, at, &ds);
            const char *st = state_code(&ds);
            n[!strcmp(st, "open")       ? 0
              : !strcmp(st, "answered") ? 1
              : !strcmp(st, "overdue")  ? 2
                                        : 3]++;
            const struct zx_store_insp_finding *fi = &db.findings[f];
            long inst = zx_store_insp_db_inst(&db, fi->institution_id);
            json_array_append_new(
                disps,
                json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:s,s:s,s:o,s:o,s:b,s:o,s:s?}",
                          "disp_id", d->disp_id, "finding_id", d->finding_id, "kind",
                          zx_store_insp_disp_code(d->kind), "kind_label",
                          zx_store_insp_disp_label(d->kind), "category",
                          zx_store_insp_cat_label(fi->category), "institution",
                          inst >= 0 ? db.insts[inst].name : fi->institution_id, "served",
                          jdate(d->served), "due", jdate(ds.due), "state", st, "state_label",
                          state_zh(st), "reply_on", jdate(d->reply_on), "reply_result",
                          d->reply_result ? jstr(zx_vocab_label(ZX_V_RESULT, d->reply_result))
                                          : json_null(),
                          "late", ds.late, "escalate_to",
                          ds.escalate && ds.to_unit >= 0
                              ? json_pack("{s:s,s:s}", "unit_id", db.units[ds.to_unit].unit_id,
                                          "name", db.units[ds.to_unit].name)
                              : json_null(),
                          "article", ds.article));
        }
        /* art. 28: the resident offices' records of the year before, for a real inspection */
        json_t *pull = json_null();
        struct zx_res_brief b;
        int32_t bf, bt;
        if (!p->resident && rules &&
            !zx_res_plan_brief(rules, &rdb, &db, i, at, &b, &bf, &bt, &rerr) && b.offices)
            pull = json_pack(
                "{s:o,s:o,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i}", "from", jdate(bf), "to",
                jdate(bt), "office_ids", b.office_ids, "offices", b.offices, "entries", b.entries,
                "gaps", b.gaps, "findings", b.findings, "rectified", b.rectified,
                "correction_notices", b.disp[ZX_STORE_INSP_CORRECTION_NOTICE], "suggestions",
                b.disp[ZX_STORE_INSP_SUGGESTION], "answered", b.answered, "overdue", b.overdue);
        json_array_append_new(
            plans,
            json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:i,s:i,s:{s:s,s:o,s:b},"
                      "s:{s:s,s:o,s:b},s:o,s:o}",
                      "plan_id", p->plan_id, "unit_id", p->unit_id, "unit_name",
                      pu >= 0 ? db.units[pu].name : "", "type",
                      p->resident ? "resident" : zx_store_insp_type_code(p->type), "type_label",
                      p->resident ? "派驻检察" : zx_store_insp_type_label(p->type), "start",
                      jdate(p->start), "end", jdate(p->end), "institutions", insts, "findings",
                      ps.findings, "rectified", ps.rectified, "feedback", "state",
                      pstate(ps.feedback_state), "due", jdate(ps.feedback_due), "late",
                      ps.feedback_late, "followup", "state", pstate(ps.followup_state), "due",
                      ps.followup_state == ZX_INSP_NOT_NEEDED ? json_null()
                                                              : jdate(ps.followup_due),
                      "late", ps.followup_late, "dispositions", disps, "resident", pull));
    }
    json_t *out = json_pack("{s:o,s:o,s:{s:i,s:i,s:i,s:i},s:o}", "unit", unit_json(r, u), "date",
                            jdate(at), "dispositions", "open", n[0], "answered", n[1], "overdue",
                            n[2], "escalated", n[3], "plans", plans);
    zx_store_insp_release(&db);
    zx_resident_store_release(&rdb);
    zx_res_rules_free(rules);
    zx_web__json(r, 200, out);
    return ZX_OK;
}

int zx_web__route_exec_coverage(struct zx_web_req *r)
{
    struct zx_store_insp_db db;
    struct zx_insp_cov c;
    struct zx_err err = {0};
    int32_t u;
    long iu, year;
    int ty, tm, td;
    zx_date_to_ymd(zx_date_today(), &ty, &tm, &td);
    if (common(r, &u))
        return ZX_OK;
    if (zx_web__arg_int(r, "year", 2000, 2100, ty, &year) || insp_load(r, u, &db, &iu))
        return ZX_OK;
    if (zx_insp_coverage(&db, iu, (int)year, &c, &err)) {
        zx_store_insp_release(&db);
        zx_web__error(r, 500, "coverage", "覆盖情况计算失败", err.msg);
        return ZX_OK;
    }
    json_t *rows = json_array();
    for (size_t i = 0; i < c.nrows; i++) {
        const struct zx_insp_cov_row *x = &c.rows[i];
        const struct zx_store_insp_inst *in = &db.insts[x->inst];
        json_array_append_new(rows,
                              json_pack("{s:s,s:s,s:s?,s:s?,s:s,s:i,s:i,s:i,s:b,s:b}",
                                        "institution_id", in->institution_id, "name", in->name,
                                        "kind", zx_vocab_code(ZX_V_INST_KIND, in->kind),
                                        "kind_label", zx_vocab_label(ZX_V_INST_KIND, in->kind),
                                        "unit_name", in->unit >= 0 ? db.units[in->unit].name : "",
                                        "routine", x->routine, "cross", x->cross, "other", x->other,
                                        "required", x->required, "gap", x->gap));
    }
    json_t *prov = json_array();
    for (size_t i = 0; i < c.nprov; i++)
        json_array_append_new(
            prov, json_pack("{s:s,s:s,s:i,s:i,s:b}", "unit_id", db.units[c.prov[i].unit].unit_id,
                            "name", db.units[c.prov[i].unit].name, "prisons", c.prov[i].prisons,
                            "crossed", c.prov[i].crossed, "gap", c.prov[i].gap));
    /* provinces: the province-wide cross-inspection totals (a duty of the provincial
     * procuratorate), shown to every unit as the province's figure, labelled so in the UI */
    json_t *out =
        json_pack("{s:o,s:i,s:i,s:o,s:o,s:s}", "unit", unit_json(r, u), "year", (int)year, "gaps",
                  c.gaps, "institutions", rows, "provinces", prov, "provinces_scope", "province");
    zx_insp_cov_release(&c);
    zx_store_insp_release(&db);
    zx_web__json(r, 200, out);
    return ZX_OK;
}

int zx_web__route_exec_stats(struct zx_web_req *r)
{
    struct zx_store_insp_db db;
    struct zx_insp_stats s;
    struct zx_err err = {0};
    int32_t u, from, to, at;
    long iu;
    char label[64], def[8];
    int ty, tm, td;
    if (common(r, &u) || arg_date(r, "date", zx_date_today(), &at))
        return ZX_OK;
    zx_date_to_ymd(at, &ty, &tm, &td);
    snprintf(def, sizeof def, "%d", ty % 10000);
    const char *period = zx_web__arg(r, "period");
    if (zx_date_period(period ? period : def, &from, &to, label, sizeof label, &err)) {
        zx_web__error(r, 400, "bad_period",
                      "期间格式不正确，应为 2024、2024-H1、2024-Q3 或 2024-07",
                      "period must be 2024, 2024-H1, 2024-Q3 or 2024-07");
        return ZX_OK;
    }
    if (insp_load(r, u, &db, &iu))
        return ZX_OK;
    zx_insp_stats(&db, iu, from, to, at, &s);
    json_t *cats = json_array();
    for (int c = 1; c < ZX_STORE_INSP_CAT_COUNT_; c++)
        if (s.by_cat[c][0])
            json_array_append_new(
                cats, json_pack("{s:s,s:s,s:i,s:i,s:i}", "code", zx_store_insp_cat_code(c), "label",
                                zx_store_insp_cat_label(c), "problems", s.by_cat[c][0], "rectified",
                                s.by_cat[c][1], "institutions", s.by_cat[c][2]));
    json_t *out = json_pack(
        "{s:o,s:{s:o,s:o,s:s},s:o,s:i,s:i,s:i,s:i,s:i,s:i,s:{s:i,s:i,s:i},s:i,s:i,s:i,s:i,s:o}",
        "unit", unit_json(r, u), "period", "from", jdate(from), "to", jdate(to), "label", label,
        "date", jdate(at), "plans", s.plans, "institutions", s.institutions, "kinds", s.kinds,
        "categories", s.categories, "problems", s.problems, "rectified", s.rectified,
        "dispositions", "oral", s.disp[ZX_STORE_INSP_ORAL], "correction_notice",
        s.disp[ZX_STORE_INSP_CORRECTION_NOTICE], "suggestion", s.disp[ZX_STORE_INSP_SUGGESTION],
        "answered", s.answered, "open", s.open, "overdue", s.overdue, "escalated", s.escalated,
        "by_category", cats);
    zx_store_insp_release(&db);
    zx_web__json(r, 200, out);
    return ZX_OK;
}
