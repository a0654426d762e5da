/* route_imports.c — POST /imports (upload a bundle zip, import it, reload the indicator
 * data), GET /imports, GET /imports/{id}/issues. Imports change data of the whole tree, so
 * only admins and analysts of a root unit may upload; an import is visible to the users of
 * the subtree of the unit that ran it (CLI imports: to root-unit users). The import log is
 * read through store/imports.h. */
#include "similar/similar.h"
#include "web/internal.h"

#include "ingest/ingest.h"
#include "store/imports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int at_root(const struct zx_web_req *r)
{
    return r->data && r->scope_unit >= 0 && zx_metrics_unit_parent(r->data->m, r->scope_unit) < 0;
}

static int forbid_unless_import(struct zx_web_req *r)
{
    if (zx_web_auth_can(r->user.roles, ZX_CAP_IMPORT))
        return 0;
    zx_web__error(r, 403, "forbidden", "当前角色无权进行数据导入", "this role may not import data");
    return -1;
}

/* The file part of a multipart/form-data body, else the whole body. */
static void upload_payload(struct zx_web_req *r, const char **p, size_t *n)
{
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    *p = r->body;
    *n = r->body_len;
    const char *b = ct && !strncmp(ct, "multipart/form-data", 19) ? strstr(ct, "boundary=") : NULL;
    if (!b || !r->body)
        return;
    char delim[200];
    b += 9;
    size_t bl = strcspn(b, "; ");
    if (*b == '"') {
        b++;
        bl = strcspn(b, "\"");
    }
    if (bl == 0 || bl > 150)
        return;
    snprintf(delim, sizeof delim, "\r\n--%.*s", (int)bl, b);
    /* the first part: headers end with a blank line, data ends at the next delimiter */
    const char *start = memmem(r->body, r->body_len, delim + 2, strlen(delim + 2));
    if (!start)
        return;
    const char *hdr_end = memmem(start, r->body_len - (size_t)(start - r->body), "\r\n\r\n", 4);
    if (!hdr_end)
        return;
    const char *data = hdr_end + 4;
    const char *end = memmem(data, r->body_len - (size_t)(data - r->body), delim, strlen(delim));
    if (!end)
        return;
    *p = data;
    *n = (size_t)(end - data);
}

static json_t *report_json(const struct zx_ingest_report *rep)
{
    json_t *files = json_array();
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        const struct zx_ingest_file_report *f = &rep->files[t];
        if (!f->file)
            continue;
        json_array_append_new(
            files,
            json_pack("{s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:I}", "file", f->file, "present", f->present,
                      "read", (json_int_t)f->read, "inserted", (json_int_t)f->inserted, "updated",
                      (json_int_t)f->updated, "unchanged", (json_int_t)f->unchanged, "warned",
                      (json_int_t)f->warned, "rejected", (json_int_t)f->rejected));
    }
    return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:f,s:o}", "import_id", (json_int_t)rep->import_id,
                     "read", (json_int_t)rep->read, "imported", (json_int_t)rep->imported,
                     "rejected", (json_int_t)rep->rejected, "warned", (json_int_t)rep->warned,
                     "issues", (json_int_t)rep->issues, "seconds", rep->seconds, "files", files);
}

/* Remove every "dir/" from msg, name dir itself "bundle": messages name the bundle's files,
 * never server paths. */
static void strip_dir(char *msg, const char *dir)
{
    char pre[4300];
    snprintf(pre, sizeof pre, "%s/", dir);
    size_t pl = strlen(pre);
    char *p;
    while ((p = strstr(msg, pre)))
        memmove(p, p + pl, strlen(p + pl) + 1);
    /* the folder itself: "the bundle" (the message has room, the name is longer) */
    size_t dl = strlen(dir);
    while (dl > 6 && (p = strstr(msg, dir))) {
        memcpy(p, "bundle", 6);
        memmove(p + 6, p + dl, strlen(p + dl) + 1);
    }
}

int zx_web__imports_admit(struct zx_web_req *r)
{
    if (forbid_unless_import(r))
        return -1;
    if (!at_root(r)) {
        zx_web__error(r, 403, "forbidden",
                      "导入会影响全省数据，只有根单位（省院）的管理员或案件管理人员可以导入",
                      "only admins and analysts of the root unit may import");
        return -1;
    }
    /* one upload at a time, taken before the body is read: parallel uploads neither hold
     * several bodies in memory nor unpack side by side */
    if (__atomic_exchange_n(&r->app->import_busy, 1, __ATOMIC_ACQ_REL)) {
        zx_web__error(r, 409, "busy", "另一项导入正在进行，请稍后再试",
                      "another import is running");
        return -1;
    }
    r->holds_import = 1;
    return 0;
}

void zx_web__imports_release(struct zx_web_req *r)
{
    if (r->holds_import)
        __atomic_store_n(&r->app->import_busy, 0, __ATOMIC_RELEASE);
    r->holds_import = 0;
}

int zx_web__route_imports_post(struct zx_web_req *r)
{
    char dir[] = "/tmp/zhixiao-upload-XXXXXX";
    const char *tmp = getenv("TMPDIR");
    char tdir[4200];
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    const char *payload;
    size_t plen;
    int made = 0;
    if (!r->holds_import) { /* admitted on the headers (server.c); never unpacks otherwise */
        zx_web__error(r, 500, "internal", "服务器内部错误", "upload not admitted");
        return ZX_OK;
    }
    upload_payload(r, &payload, &plen);
    if (!payload || plen == 0) {
        zx_web__error(r, 400, "empty_upload", "请上传数据包（zip 压缩的 CSV 文件）",
                      "upload a bundle: a zip of the CSV files");
        goto cleanup;
    }
    if (tmp && *tmp && strlen(tmp) < 4000)
        snprintf(tdir, sizeof tdir, "%s/zhixiao-upload-XXXXXX", tmp);
    else
        snprintf(tdir, sizeof tdir, "%s", dir);
    if (!mkdtemp(tdir)) {
        zx_web__error(r, 500, "io", "无法创建临时目录", "cannot create a temporary folder");
        goto cleanup;
    }
    made = 1;
    if (zx_web_zip_unpack(payload, plen, tdir, &err)) {
        zx_web__errorf(r, err.rc == ZX_ELIMIT ? 413 : 400, "bad_bundle",
                       "数据包无法解压：请上传包含 CSV 文件的 zip 压缩包", "%s", err.msg);
        zx_web__audit(r, "import", NULL, "failed", err.msg);
        goto cleanup;
    }
    memset(&rep, 0, sizeof rep);
    struct zx_ingest_opts opts = {.rejects_path = NULL, .progress = 0};
    int irc = zx_ingest_bundle(r->st, tdir, &opts, &rep, &err);
    strip_dir(err.msg, tdir);
    strip_dir(err.zh, tdir);
    if (irc) {
        char zh[700];
        snprintf(zh, sizeof zh, "数据包结构错误，未导入任何数据%s%s", err.zh[0] ? "：" : "",
                 err.zh);
        json_t *e =
            json_pack("{s:{s:i,s:s,s:s,s:s},s:o}", "error", "status", 400, "code", "bad_bundle",
                      "message", zh, "message_en", err.msg, "report", report_json(&rep));
        zx_web__json(r, 400, e);
        zx_web__audit(r, "import", NULL, "failed", err.msg);
        goto cleanup;
    }
    if (zx_auth_import_owner(r->st, rep.import_id, r->user.id, r->user.unit_id, &err))
        fprintf(stderr, "zhixiao serve: %s\n", err.msg);
    char detail[200];
    snprintf(detail, sizeof detail, "read=%ld imported=%ld rejected=%ld", rep.read, rep.imported,
             rep.rejected);
    char target[32];
    snprintf(target, sizeof target, "%lld", (long long)rep.import_id);
    zx_web__audit(r, "import", target, "ok", detail);
    /* the similar-case index is a cache: rebuild it now rather than in a later query */
    if (zx_similar_refresh(r->st, &err))
        fprintf(stderr, "zhixiao serve: similar-case index: %s\n", err.msg);
    /* new figures for every later request; running requests keep the old data */
    if (zx_web__data_load(r->app, r->st, &err))
        fprintf(stderr, "zhixiao serve: reload after import: %s\n", err.msg);
    zx_web__json(r, 200, json_pack("{s:o}", "report", report_json(&rep)));
cleanup:
    if (made)
        zx_web_zip_rmdir(tdir);
    /* free the slot before the answer leaves: a client that posts again as soon as it reads
     * the answer must not find it still held (the completion callback runs later) */
    zx_web__imports_release(r);
    return ZX_OK;
}

/* 1 when the caller may see an import whose owner unit is unit_id (NULL: from the CLI). */
static int import_visible(struct zx_web_req *r, const char *unit_id)
{
    if (!unit_id)
        return at_root(r);
    return zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id));
}

struct import_page {
    struct zx_web_req *r;
    json_t *items;
    long k, first, size;
};

static int import_item(const struct zx_import_row *row, void *arg)
{
    struct import_page *pg = arg;
    const char *unit = row->owner_unit;
    if (!pg->r->data || !import_visible(pg->r, unit))
        return 0;
    if (pg->k >= pg->first && pg->k < pg->first + pg->size)
        json_array_append_new(
            pg->items,
            json_pack("{s:I,s:s?,s:s?,s:s?,s:I,s:I,s:I,s:I,s:s?,s:s?}", "id", (json_int_t)row->id,
                      "bundle", unit ? "(上传)" : row->bundle, "started_at", row->started_at,
                      "finished_at", row->finished_at, "read", (json_int_t)row->rows_read,
                      "imported", (json_int_t)row->imported, "rejected", (json_int_t)row->rejected,
                      "warned", (json_int_t)row->warnings, "unit_id", unit, "user",
                      row->owner_name ? row->owner_name : (unit ? NULL : "命令行")));
    pg->k++;
    return 0;
}

int zx_web__route_imports_list(struct zx_web_req *r)
{
    long page, size;
    struct zx_err err;
    if (forbid_unless_import(r) || zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 20, &size))
        return ZX_OK;
    struct import_page pg = {r, json_array(), 0, (page - 1) * size, size};
    if (zx_import_each(r->st, import_item, &pg, &err)) {
        json_decref(pg.items);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__json(r, 200,
                 json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)pg.k, "page", (json_int_t)page,
                           "size", (json_int_t)size, "items", pg.items));
    return ZX_OK;
}

/* reason (Chinese; the one reason of an import made before both were kept), reason_en and
 * raw may quote id numbers: zx_web__json masks them */
static int issue_item(const struct zx_import_issue_row *row, void *arg)
{
    json_array_append_new(arg, json_pack("{s:s?,s:I,s:s?,s:s?,s:s?,s:s?,s:s?}", "file", row->file,
                                         "line", (json_int_t)row->line, "column", row->column,
                                         "outcome", row->outcome, "reason",
                                         row->reason_zh ? row->reason_zh : row->reason, "reason_en",
                                         row->reason, "raw", row->raw));
    return 0;
}

int zx_web__route_import_issues(struct zx_web_req *r, const char *rest)
{
    char *end;
    long page, size;
    if (forbid_unless_import(r))
        return ZX_OK;
    long long id = strtoll(rest, &end, 10);
    if (end == rest || strcmp(end, "/issues") || id <= 0) {
        zx_web__error(r, 404, "not_found", "接口不存在", "no such API endpoint");
        return ZX_OK;
    }
    if (zx_web__arg_int(r, "page", 1, 1000000, 1, &page) ||
        zx_web__arg_int(r, "size", 1, ZX_WEB_PAGE_MAX, 50, &size))
        return ZX_OK;
    char owner[72];
    int found = 0;
    int64_t total = 0;
    struct zx_err err;
    if (zx_import_owner(r->st, id, &found, owner, sizeof owner, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    if (!found || !r->data || !import_visible(r, owner[0] ? owner : NULL)) {
        zx_web__error(r, 404, "import_not_found", "未找到该导入记录", "no such import");
        return ZX_OK;
    }
    json_t *items = json_array();
    if (zx_import_issues(r->st, id, (page - 1) * size, size, &total, issue_item, items, &err)) {
        json_decref(items);
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return ZX_OK;
    }
    zx_web__json(r, 200,
                 json_pack("{s:I,s:I,s:I,s:I,s:o}", "import_id", (json_int_t)id, "total",
                           (json_int_t)total, "page", (json_int_t)page, "size", (json_int_t)size,
                           "items", items));
    return ZX_OK;
}
