/* route_supervise.c — 大数据法律监督 over the web: datasets (GET, POST upload of a CSV and its
 * schema, GET rejects), models (GET the shipped ones, POST run for the user's subtree) and
 * leads (GET list and one lead with its evidence and steps, POST assign / verify / close /
 * case / reply, GET stats). 刑事执行 and 案件管理 work models and leads (ZX_CAP_LEADS_WORK);
 * leaders and administrators see them (ZX_CAP_LEADS_VIEW); a prosecutor sees and works the
 * leads assigned to them. Everything is scoped to the user's unit subtree: a dataset
 * belongs to the unit that uploaded it, a user sees the datasets of their subtree and runs
 * models over them, and a dataset or lead outside it is a 404. Leads export as CSV (GET
 * /api/leads/export, the list's filters). Every view, write and export is audited; id
 * numbers are masked (zx_web__json, and the export) unless the role sees them. */
#include "web/internal.h"

#include "store/datasets.h"
#include "supervise/supervise.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int can_work(const struct zx_web_req *r)
{
    return zx_web_auth_can(r->user.roles, ZX_CAP_LEADS_WORK);
}

static int can_view(const struct zx_web_req *r)
{
    return zx_web_auth_can(r->user.roles, ZX_CAP_LEADS_VIEW);
}

/* Answer 403; returns ZX_OK (a response is queued) for the handler to return. */
static int forbid(struct zx_web_req *r)
{
    zx_web__error(r, 403, "forbidden", "当前角色无权使用大数据法律监督",
                  "this role may not use big-data supervision");
    return ZX_OK;
}

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

/* ---- datasets ---- */

static int ds_cb(void *ud, const struct zx_dataset_meta *m)
{
    json_t *o =
        json_pack("{s:s, s:s, s:i, s:s, s:s, s:o, s:s, s:s, s:I, s:I, s:I, s:I, s:s}", "dataset_id",
                  m->dataset_id, "name", m->name, "version", m->version, "title", m->title,
                  "source", m->source_org, "received_on", jdate(m->received_on), "file_name",
                  m->file_name, "sha256", m->file_hash, "rows_read", (json_int_t)m->rows_read,
                  "imported", (json_int_t)m->imported, "rejected", (json_int_t)m->rejected,
                  "warnings", (json_int_t)m->warnings, "unit_id", m->unit_id);
    return o ? json_array_append_new(ud, o) : -1;
}

int zx_web__route_datasets_list(struct zx_web_req *r)
{
    struct zx_err err = {0};
    if (!can_view(r))
        return forbid(r);
    json_t *a = json_array();
    if (zx_dataset_list(r->st, r->user.unit_id, ds_cb, a, &err)) {
        json_decref(a);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "datasets", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "datasets", a));
    return ZX_OK;
}

static int write_tmp(const char *text, size_t n, char path[64])
{
    snprintf(path, 64, "/tmp/zxds.XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, text + off, n - off);
        if (w <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        off += (size_t)w;
    }
    return close(fd);
}

/* A name the user gave a file, fit to show in a message and keep as the dataset's file name:
 * the last path component (after '/' or '\\'), printable, at most 100 bytes (cut at a
 * character); def when none is left. */
static const char *file_label(const char *given, const char *def, char out[128])
{
    const char *s = given;
    for (const char *p = given; p && *p; p++)
        if (*p == '/' || *p == '\\') /* a path from any system: its last component */
            s = p + 1;
    size_t n = 0;
    for (; s && *s && n < 100; s++)
        if ((unsigned char)*s >= 0x20 && *s != 0x7f)
            out[n++] = *s;
    while (n && !zx_utf8_valid(out, n)) /* a character cut at the limit: drop it */
        n--;
    out[n] = '\0';
    return n ? out : def;
}

int zx_web__route_datasets_post(struct zx_web_req *r)
{
    struct zx_err err = {0};
    char csvp[64] = "", schp[64] = "";
    char *schema_text = NULL;
    if (!can_work(r))
        return forbid(r);
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *name = json_string_value(json_object_get(b, "name"));
    const char *csv = json_string_value(json_object_get(b, "csv"));
    json_t *schema = json_object_get(b, "schema");
    if (json_is_string(schema)) /* the schema file's text as uploaded */
        schema = json_loads(json_string_value(schema), 0, NULL);
    else
        json_incref(schema);
    if (!csv || !json_is_object(schema)) {
        zx_web__error(r, 400, "bad_dataset", "需要 csv（文件内容）和 schema（说明文件 JSON）",
                      "csv (the file's text) and schema (the schema JSON) are required");
        goto cleanup;
    }
    if (!(schema_text = json_dumps(schema, 0)) || write_tmp(csv, strlen(csv), csvp) ||
        write_tmp(schema_text, strlen(schema_text), schp)) {
        zx_web__error(r, 500, "io", "临时文件写入失败", "cannot write a temporary file");
        goto cleanup;
    }
    char fl[128], sl[128];
    struct zx_sup_add_opts o = {
        .name = name && *name ? name : NULL,
        .file = csvp,
        .schema = schp,
        .file_label = file_label(json_string_value(json_object_get(b, "csv_name")), "data.csv", fl),
        .schema_label =
            file_label(json_string_value(json_object_get(b, "schema_name")), "schema.json", sl),
        .unit_id = r->user.unit_id,
        .by = r->user.name};
    struct zx_dataset_meta m = {0};
    int unchanged = 0;
    int e = zx_sup_dataset_add(r->st, &o, &m, &unchanged, &err);
    if (e) {
        zx_web__audit(r, "dataset_add", name ? name : "", "failed", err.msg);
        zx_web__error_lib(r, e == ZX_ESTORE || e == ZX_ENOMEM ? 500 : 400, "bad_dataset",
                          "数据集未登记", "数据集未登记：文件或说明文件有误", &err);
        goto cleanup;
    }
    zx_web__audit(r, "dataset_add", m.dataset_id, "ok", unchanged ? "unchanged" : NULL);
    json_t *a = json_array();
    ds_cb(a, &m);
    json_t *d = json_array_get(a, 0);
    json_incref(d);
    json_decref(a);
    zx_web__json(r, unchanged ? 200 : 201,
                 json_pack("{s:o, s:b}", "dataset", d, "unchanged", unchanged));
cleanup:
    if (*csvp)
        unlink(csvp);
    if (*schp)
        unlink(schp);
    free(schema_text);
    json_decref(schema);
    json_decref(b);
    return ZX_OK;
}

/* reason: the Chinese (the one reason of a dataset added before both were kept) */
static int issue_cb(void *ud, long line, const char *column, const char *outcome,
                    const char *reason, const char *reason_zh, const char *raw)
{
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "line", (json_int_t)line, "column",
                  column ? column : "", "outcome", outcome, "reason",
                  reason_zh ? reason_zh : reason, "reason_en", reason, "raw", raw ? raw : "");
    return o ? json_array_append_new(ud, o) : -1;
}

int zx_web__route_datasets_rejects(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_dataset_meta m = {0};
    int found = 0;
    if (!can_view(r))
        return forbid(r);
    /* id: one version (unit:name@vN); name: the latest version of the user's own unit */
    const char *id = zx_web__arg(r, "id"), *name = zx_web__arg(r, "name");
    int within = 0;
    if ((id     ? zx_dataset_get(r->st, id, &m, &found, &err)
         : name ? zx_dataset_find(r->st, r->user.unit_id, name, NULL, &m, &found, &err)
                : ZX_EINVAL) ||
        !found || zx_ds_unit_within(r->st, r->user.unit_id, m.unit_id, &within, &err) || !within) {
        zx_web__error(r, 404, "dataset_not_found", "未找到该数据集", "no such dataset");
        return ZX_OK;
    }
    json_t *a = json_array();
    if (zx_dataset_issues(r->st, m.rid, issue_cb, a, &err)) {
        json_decref(a);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "dataset_rejects", m.dataset_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:s, s:o}", "dataset_id", m.dataset_id, "issues", a));
    return ZX_OK;
}

/* ---- models ---- */

int zx_web__route_models(struct zx_web_req *r)
{
    struct zx_err err = {0};
    char **ids = NULL;
    size_t n = 0;
    if (!can_view(r))
        return forbid(r);
    if (zx_sup_model_ids(&ids, &n, &err)) {
        zx_web__error(r, 500, "models", "模型读取失败", err.msg);
        return ZX_OK;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        struct zx_sup_model *m = NULL;
        if (zx_sup_model_load(ids[i], &m, &err))
            continue;
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                                           zx_sup_model_id(m), "title", zx_sup_model_title(m),
                                           "summary", zx_sup_model_summary(m), "basis",
                                           zx_sup_model_basis(m), "action", zx_sup_model_action(m),
                                           "sources", zx_sup_model_sources(m)));
        zx_sup_model_free(m);
    }
    zx_sup_model_ids_free(ids, n);
    zx_web__audit(r, "models", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "models", a));
    return ZX_OK;
}

int zx_web__route_models_run(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_sup_model *m = NULL;
    struct zx_sup_run_result res;
    if (!can_work(r))
        return forbid(r);
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *id = json_string_value(json_object_get(b, "model"));
    /* a shipped model only: no path from the browser */
    if (!id || strchr(id, '/') || strchr(id, '.') || zx_sup_model_load(id, &m, &err)) {
        zx_web__error(r, 404, "model_not_found", "未找到该模型", "no such model");
        goto cleanup;
    }
    struct zx_sup_run_opts o = {
        .unit_id = r->user.unit_id, .as_of = ZX_DATE_NULL, .by = r->user.name};
    int e = zx_sup_model_run(r->st, m, &o, &res, &err);
    if (e) {
        zx_web__audit(r, "model_run", id, "failed", err.msg);
        zx_web__error_lib(r, e == ZX_ENOTFOUND ? 409 : 500, "model_run", "模型运行失败",
                          "模型运行失败（所需数据集是否已登记？）", &err);
        goto cleanup;
    }
    zx_web__audit(r, "model_run", id, "ok", res.run_id);
    zx_web__json(r, 200,
                 json_pack("{s:s, s:s, s:o, s:I, s:I, s:I, s:I}", "run_id", res.run_id, "model", id,
                           "as_of", jdate(res.as_of), "base_rows", (json_int_t)res.base_rows,
                           "hits", (json_int_t)res.hits, "new_leads", (json_int_t)res.new_leads,
                           "fuzzy_links", (json_int_t)res.fuzzy_links));
cleanup:
    zx_sup_model_free(m);
    json_decref(b);
    return ZX_OK;
}

/* ---- leads ---- */

static json_t *lead_json(const struct zx_lead *l)
{
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:o, s:o, s:o, s:s, s:s,"
        " s:s, s:s, s:s}",
        "lead_id", l->lead_id, "model", l->model, "hit_key", l->hit_key, "unit_id", l->unit_id,
        "name", l->person_name, "id_number", l->id_number, "title", l->title, "basis", l->basis,
        "action", l->action, "probability", l->probability, "status", l->status, "assignee",
        l->assignee, "created_on", jdate(l->created_on), "verified_on", jdate(l->verified_on),
        "closed_on", jdate(l->closed_on), "finding", l->finding, "notes", l->notes, "attachments",
        l->attachments, "case_id", l->case_id, "run_id", l->run_id);
    if (o && l->evidence) {
        json_t *ev = json_loads(l->evidence, 0, NULL);
        json_object_set_new(o, "evidence", ev ? ev : json_null());
    }
    return o;
}

struct listctx {
    json_t *a;
    const struct zx_web_req *r;
};

static int lead_cb(void *ud, const struct zx_lead *l)
{
    struct listctx *c = ud;
    json_t *o = lead_json(l);
    return o ? json_array_append_new(c->a, o) : -1;
}

/* A prosecutor without the work capability sees the leads assigned to them. */
static const char *own_only(const struct zx_web_req *r)
{
    return can_view(r) ? NULL : r->user.staff_id[0] ? r->user.staff_id : "\x01none";
}

/* The list's filter from the query: the user's subtree, model, status, mine=1. */
static struct zx_lead_filter list_filter(struct zx_web_req *r)
{
    const char *mine = zx_web__arg(r, "mine");
    struct zx_lead_filter f = {.unit_id = r->user.unit_id,
                               .model = zx_web__arg(r, "model"),
                               .status = zx_web__arg(r, "status"),
                               .assignee = own_only(r)};
    if (mine && !strcmp(mine, "1"))
        f.assignee = r->user.staff_id[0] ? r->user.staff_id : "\x01none";
    if (f.model && !*f.model)
        f.model = NULL;
    if (f.status && !*f.status)
        f.status = NULL;
    return f;
}

int zx_web__route_leads_list(struct zx_web_req *r)
{
    struct zx_err err = {0};
    if (!can_view(r) && !(r->user.roles & ZX_ROLE_PROSECUTOR))
        return forbid(r);
    struct zx_lead_filter f = list_filter(r);
    struct listctx c = {json_array(), r};
    if (zx_lead_list(r->st, &f, lead_cb, &c, &err)) {
        json_decref(c.a);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    /* the status board: counts per status */
    json_t *board = json_object();
    size_t i;
    json_t *x;
    json_array_foreach(c.a, i, x)
    {
        const char *s = json_string_value(json_object_get(x, "status"));
        json_object_set_new(board, s,
                            json_integer(json_integer_value(json_object_get(board, s)) + 1));
    }
    zx_web__audit(r, "leads", r->user.unit_id, "ok", f.model);
    zx_web__json(r, 200, json_pack("{s:o, s:o}", "leads", c.a, "board", board));
    return ZX_OK;
}

struct exportctx {
    FILE *f;
    struct zx_web_req *r;
    int64_t n;
};

static void put_masked(struct exportctx *c, const char *s)
{
    char buf[ZX_DS_TEXT_MAX + 2048];
    snprintf(buf, sizeof buf, "%s", s ? s : "");
    if (!zx_web__sees_ids(c->r))
        zx_web_mask_idnums(buf);
    zx_csv_puts(c->f, buf);
    fputc(',', c->f);
}

static int export_cb(void *ud, const struct zx_lead *l)
{
    struct exportctx *c = ud;
    char id[24], d[3][16] = {"", "", ""};
    const int32_t days[3] = {l->created_on, l->verified_on, l->closed_on};
    for (int i = 0; i < 3; i++)
        if (days[i] != ZX_DATE_NULL)
            zx_date_format(days[i], d[i]);
    zx_web__idnum(c->r, l->id_number, id);
    const char *f[] = {l->lead_id, l->model,  l->unit_id,  l->person_name, id,
                       l->title,   l->status, l->assignee, d[0],           d[1],
                       l->finding, d[2],      l->case_id,  l->notes};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        put_masked(c, f[i]);
    fprintf(c->f, "%.4f\r\n", l->probability);
    c->n++;
    return ferror(c->f) ? -1 : 0;
}

int zx_web__route_leads_export(struct zx_web_req *r)
{
    struct zx_err err = {0};
    char *buf = NULL;
    size_t len = 0;
    if (!can_view(r) && !(r->user.roles & ZX_ROLE_PROSECUTOR))
        return forbid(r);
    struct zx_lead_filter f = list_filter(r);
    FILE *fp = open_memstream(&buf, &len);
    if (!fp) {
        zx_web__error(r, 500, "oom", "内存不足", "out of memory");
        return ZX_OK;
    }
    /* a BOM so that spreadsheet programs read the Chinese as UTF-8 */
    fputs("\xEF\xBB\xBF线索编号,模型,单位,姓名,公民身份号码,线索标题,状态,承办检察官,发现日期,"
          "核查日期,核查结论,办结日期,案件编号,核查情况,匹配概率\r\n",
          fp);
    struct exportctx c = {fp, r, 0};
    int e = zx_lead_list(r->st, &f, export_cb, &c, &err);
    if (fclose(fp) || e) {
        free(buf);
        zx_web__error(r, 500, "store", "导出失败", e ? err.msg : "write");
        return ZX_OK;
    }
    char detail[160];
    snprintf(detail, sizeof detail, "%lld leads, model=%s status=%s, ids %s", (long long)c.n,
             f.model ? f.model : "*", f.status ? f.status : "*",
             zx_web__sees_ids(r) ? "full" : "masked");
    zx_web__audit(r, "export_leads", r->user.unit_id, "ok", detail);
    /* an ASCII file name: the unit id's letters, digits, '-' and '_' */
    char fname[ZX_DS_ID_MAX];
    size_t k = 0;
    for (const char *p = r->user.unit_id; *p && k + 1 < sizeof fname; p++)
        if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            *p == '-' || *p == '_')
            fname[k++] = *p;
    fname[k] = '\0';
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"leads-%s.csv\"", fname);
    zx_web__raw(r, 200, "text/csv; charset=utf-8", buf, len);
    free(buf);
    return ZX_OK;
}

/* Load lead id if it lies in the user's subtree (and, for a prosecutor, is theirs). */
static int load_scoped(struct zx_web_req *r, const char *id, struct zx_lead *l)
{
    struct zx_err err = {0};
    int within = 0;
    if (zx_lead_get(r->st, id, l, &err) ||
        zx_ds_unit_within(r->st, r->user.unit_id, l->unit_id, &within, &err) || !within ||
        (!can_view(r) && strcmp(l->assignee, r->user.staff_id))) {
        free(l->evidence);
        l->evidence = NULL;
        zx_web__error(r, 404, "lead_not_found", "未找到该线索", "no such lead");
        return -1;
    }
    return 0;
}

static int step_cb(void *ud, const char *step, const char *who, int32_t on, const char *note)
{
    json_t *o = json_pack("{s:s, s:s, s:o, s:s}", "step", step, "who", who ? who : "", "on",
                          jdate(on), "note", note ? note : "");
    return o ? json_array_append_new(ud, o) : -1;
}

int zx_web__route_lead(struct zx_web_req *r, const char *id)
{
    struct zx_lead l;
    struct zx_err err = {0};
    if (!can_view(r) && !(r->user.roles & ZX_ROLE_PROSECUTOR))
        return forbid(r);
    if (load_scoped(r, id, &l))
        return ZX_OK;
    json_t *o = lead_json(&l), *steps = json_array();
    if (zx_lead_steps(r->st, l.rid, step_cb, steps, &err)) {
        /* the steps are an aside: the lead is shown without them */
    }
    json_object_set_new(o, "steps", steps);
    free(l.evidence);
    zx_web__audit(r, "lead_view", id, "ok", NULL);
    zx_web__json(r, 200, o);
    return ZX_OK;
}

int zx_web__route_lead_act(struct zx_web_req *r, const char *id, const char *act)
{
    struct zx_lead l;
    struct zx_err err = {0};
    char case_id[ZX_DS_ID_MAX] = "";
    int e;
    if (!can_work(r) && !(r->user.roles & ZX_ROLE_PROSECUTOR))
        return forbid(r);
    if (!strcmp(act, "assign") && !can_work(r))
        return forbid(r);
    if (load_scoped(r, id, &l))
        return ZX_OK;
    free(l.evidence);
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    int32_t on = zx_date_today();
    const char *d = json_string_value(json_object_get(b, "date"));
    if (d && zx_date_parse(d, strlen(d), &on)) {
        zx_web__error(r, 400, "bad_date", "date 应为日期（YYYY-MM-DD）",
                      "date must be a date (YYYY-MM-DD)");
        goto cleanup;
    }
#define S(k) json_string_value(json_object_get(b, k))
    if (!strcmp(act, "assign")) {
        const char *to = S("staff_id");
        e = zx_sup_lead_assign(r->st, id, to && *to ? to : r->user.staff_id, r->user.name, on,
                               &err);
    } else if (!strcmp(act, "verify"))
        e = zx_sup_lead_verify(r->st, id, S("finding"), S("notes"), S("attachments"), r->user.name,
                               on, &err);
    else if (!strcmp(act, "close"))
        e = zx_sup_lead_close(r->st, id, S("note"), r->user.name, on, &err);
    else if (!strcmp(act, "case"))
        e = zx_sup_lead_to_case(r->st, id, S("event") ? S("event") : "suggestion", S("result"),
                                r->user.name, on, case_id, &err);
    else if (!strcmp(act, "reply"))
        e = zx_sup_lead_reply(r->st, id, S("result"), r->user.name, on, &err);
    else {
        zx_web__error(r, 404, "not_found", "接口不存在", "no such API endpoint");
        goto cleanup;
    }
#undef S
    if (e) {
        zx_web__audit(r, "lead_act", id, "failed", err.msg);
        zx_web__error_lib(r, e == ZX_ESTORE || e == ZX_ENOMEM ? 500 : 409, "lead_act", "操作未完成",
                          "操作未完成：线索状态或填写内容不符合要求", &err);
        goto cleanup;
    }
    zx_web__audit(r, "lead_act", id, "ok", act);
    if (*case_id) /* the indicators count the new case */
        zx_web__data_reload(r, "a lead turned into a case");
    if (load_scoped(r, id, &l))
        goto cleanup;
    json_t *o = lead_json(&l);
    free(l.evidence);
    zx_web__json(r, 200, o);
cleanup:
    json_decref(b);
    return ZX_OK;
}

static int stat_cb(void *ud, const struct zx_lead_stat *s)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "model", s->model, "unit_id",
                          s->unit_id, "unit", s->unit_name ? s->unit_name : "", "leads",
                          (json_int_t)s->leads, "verified", (json_int_t)s->verified, "unfounded",
                          (json_int_t)s->unfounded, "cases", (json_int_t)s->cases, "rectified",
                          (json_int_t)s->rectified);
    return o ? json_array_append_new(ud, o) : -1;
}

int zx_web__route_leads_stats(struct zx_web_req *r)
{
    struct zx_err err = {0};
    if (!can_view(r))
        return forbid(r);
    json_t *a = json_array();
    if (zx_lead_stats(r->st, r->user.unit_id, stat_cb, a, &err)) {
        json_decref(a);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__audit(r, "lead_stats", r->user.unit_id, "ok", NULL);
    zx_web__json(r, 200, json_pack("{s:o}", "stats", a));
    return ZX_OK;
}
