/* server.c — libmicrohttpd glue: start and stop, the access handler (two-call pattern:
 * the first call only allocates the request, so keep-alive works), request bodies with
 * ceilings, API dispatch with session and CSRF checks, static files, security headers and
 * the access log. */
#include "web/internal.h"

#include "store/ledger.h"
#include "store/pg.h"
#include "store/seal.h"
#include "web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                          "object-src 'none'; base-uri 'none'; form-action 'self'; "
                          "frame-ancestors 'none'";

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int is_write(const char *m)
{
    return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "DELETE") || !strcmp(m, "PATCH");
}

/* ---- API dispatch ---- */

static int method_is(struct zx_web_req *r, const char *m)
{
    if (!strcmp(r->method, m))
        return 1;
    return 0;
}

static int not_allowed(struct zx_web_req *r)
{
    zx_web__error(r, 405, "method_not_allowed", "不支持该请求方法", "method not allowed");
    return ZX_OK;
}

/* The Origin of a state-changing request, when sent, must be this server. */
static int origin_ok(struct zx_web_req *r)
{
    const char *o = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
    if (!o)
        return 1;
    if (!h)
        return 0;
    const char *p = strstr(o, "://");
    return p && !strcmp(p + 3, h);
}

/* 1 when s (n bytes) is valid UTF-8 without control characters (tab allowed). */
static int text_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i], cp;
        size_t k;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        if ((c & 0xe0) == 0xc0)
            k = 1, cp = c & 0x1f;
        else if ((c & 0xf0) == 0xe0)
            k = 2, cp = c & 0x0f;
        else if ((c & 0xf8) == 0xf0)
            k = 3, cp = c & 0x07;
        else
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (u[i + j] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (u[i + j] & 0x3f);
        }
        /* overlong forms, surrogates and code points past U+10FFFF */
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
            return 0;
        i += k + 1;
    }
    return 1;
}

static enum MHD_Result arg_check(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
    int *bad = cls;
    (void)kind;
    if (!text_ok(key, strlen(key)) || (value && !text_ok(value, strlen(value)))) {
        *bad = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Everything decided from the request line and headers alone, before any body is read:
 * the body ceiling of the route, the encoding of the arguments, the origin, the session,
 * the staff scope, the CSRF token, and for an upload the capability and the one import
 * slot. Returns 0 to go on, -1 with the response set. Runs once per request. */
static int api_prepare(struct zx_web_req *r)
{
    struct zx_err err = {0};
    const char *p = r->path;
    int bad = 0;
    r->no_store = 1;
    if (r->body_too_large) {
        zx_web__errorf(r, 413, "too_large", "请求内容超过大小限制",
                       "request body too large (at most %zu bytes here)", r->body_max);
        return -1;
    }
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, arg_check, &bad);
    if (bad || !text_ok(p, strlen(p))) {
        zx_web__error(r, 400, "bad_encoding", "请求地址或参数不是有效的 UTF-8 文本",
                      "the path or an argument is not valid UTF-8 text");
        return -1;
    }
    r->st = zx_web__store_lease(r->app, &err);
    if (!r->st) {
        zx_web__error(r, 503, "store", "数据库暂不可用", err.msg);
        return -1;
    }
    /* fail closed: the connection hides sealed records until the request is authorised */
    if (zx_store_seal_guard(r->st, 1, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    if (is_write(r->method) && !origin_ok(r)) {
        zx_web__error(r, 403, "bad_origin", "请求来源不被允许", "cross-origin request refused");
        return -1;
    }
    if (!strcmp(p, "/login")) {
        r->data = zx_web__data_get(r->app);
        return 0;
    }
    if (zx_web__authenticate(r)) {
        zx_web__error(r, 401, "unauthenticated", "未登录或登录已过期，请重新登录",
                      "not logged in or session expired");
        return -1;
    }
    /* a new export: new data before this request takes it (a signed-in request only, so
     * that nobody without a session makes the server look) */
    if (r->app->cluster[0])
        zx_web__cluster_follow(r);
    r->data = zx_web__data_get(r->app);
    /* the ledger names this user as the one who acts through the leased connection */
    if (zx_ledger_set_actor(r->st, r->user.name, NULL)) {
        zx_web__error(r, 500, "memory", "内存不足", "out of memory");
        return -1;
    }
    r->scope_unit = r->data ? zx_metrics_unit_find(r->data->m, r->user.unit_id) : -1;
    r->scope_staff = -1;
    if (!zx_web_auth_can(r->user.roles, ZX_CAP_UNIT_FIGURES)) {
        if (r->data && r->user.staff_id[0])
            r->scope_staff = zx_metrics_staff_find(r->data->m, r->user.staff_id);
        /* fail closed: an own-figures-only account whose staff member cannot be found
         * must not fall back to the whole unit's figures */
        if (r->scope_staff < 0 && strcmp(p, "/me") && strcmp(p, "/logout")) {
            zx_web__error(r, 403, "no_staff", "该账户未关联到本单位的检察官，无法查看数据",
                          "account is not linked to a staff member of its unit");
            return -1;
        }
    }
    if (is_write(r->method)) {
        const char *t = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!zx_web_auth_csrf_ok(r->csrf, t)) {
            zx_web__error(r, 403, "csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试",
                          "missing or wrong X-CSRF-Token header");
            return -1;
        }
    }
    /* sealed records: hidden on this connection unless revealed with a reason */
    if (zx_web__seal_guard(r))
        return -1;
    if (!strcmp(p, "/imports") && method_is(r, "POST")) {
        if (zx_web__imports_admit(r))
            return -1;
        /* an admitted upload may pause longer than a client still sending headers */
        MHD_set_connection_option(r->conn, MHD_CONNECTION_OPTION_TIMEOUT,
                                  (unsigned)ZX_WEB_BODY_TIMEOUT_SECONDS);
    }
    return 0;
}

static int api(struct zx_web_req *r)
{
    const char *p = r->path;
    int rc = ZX_OK;
    if (r->body_too_large) { /* a body without Content-Length that grew past the ceiling */
        zx_web__errorf(r, 413, "too_large", "请求内容超过大小限制",
                       "request body too large (at most %zu bytes here)", r->body_max);
        return ZX_OK;
    }
    if (!strcmp(p, "/login")) {
        if (!method_is(r, "POST"))
            return not_allowed(r);
        return zx_web__route_login(r);
    }
    if (r->app->cluster[0] && !zx_web__cluster_serves(p))
        zx_web__cluster_refuse(r); /* data the cluster does not hold */
    else if (!strcmp(p, "/logout"))
        rc = method_is(r, "POST") ? zx_web__route_logout(r) : not_allowed(r);
    else if (!strcmp(p, "/me"))
        rc = method_is(r, "GET") ? zx_web__route_me(r) : not_allowed(r);
    else if (!strcmp(p, "/units"))
        rc = method_is(r, "GET") ? zx_web__route_units(r) : not_allowed(r);
    else if (!strcmp(p, "/catalog"))
        rc = method_is(r, "GET") ? zx_web__route_catalog(r) : not_allowed(r);
    else if (!strcmp(p, "/indicators"))
        rc = method_is(r, "GET") ? zx_web__route_indicators(r) : not_allowed(r);
    else if (!strcmp(p, "/dashboard"))
        rc = method_is(r, "GET") ? zx_web__route_dashboard(r) : not_allowed(r);
    else if (!strcmp(p, "/drilldown"))
        rc = method_is(r, "GET") ? zx_web__route_drilldown(r) : not_allowed(r);
    else if (!strcmp(p, "/trends"))
        rc = method_is(r, "GET") ? zx_web__route_trends(r) : not_allowed(r);
    else if (!strcmp(p, "/trends/cases"))
        rc = method_is(r, "GET") ? zx_web__route_trends_cases(r) : not_allowed(r);
    else if (!strncmp(p, "/cases/", 7) && p[7])
        rc = method_is(r, "GET") ? zx_web__route_case(r, p + 7) : not_allowed(r);
    else if (!strcmp(p, "/imports"))
        rc = method_is(r, "POST")  ? zx_web__route_imports_post(r)
             : method_is(r, "GET") ? zx_web__route_imports_list(r)
                                   : not_allowed(r);
    else if (!strncmp(p, "/imports/", 9) && p[9])
        rc = method_is(r, "GET") ? zx_web__route_import_issues(r, p + 9) : not_allowed(r);
    else if (!strncmp(p, "/suggestions", 12) || !strncmp(p, "/hearings", 9) ||
             !strncmp(p, "/supervisions", 13) || !strcmp(p, "/governance/stats"))
        rc = zx_web__route_governance(r, p);
    else if (!strcmp(p, "/monitor"))
        rc = method_is(r, "GET") ? zx_web__route_monitor(r) : not_allowed(r);
    else if (!strcmp(p, "/monitor/notices"))
        rc = method_is(r, "POST")  ? zx_web__route_notices_post(r)
             : method_is(r, "GET") ? zx_web__route_notices_list(r)
                                   : not_allowed(r);
    else if (!strcmp(p, "/monitor/notices/escalate"))
        rc = method_is(r, "POST") ? zx_web__route_notices_escalate(r) : not_allowed(r);
    else if (!strncmp(p, "/monitor/notices/", 17) && strlen(p) > 23 &&
             !strcmp(p + strlen(p) - 6, "/reply")) {
        char no[80];
        snprintf(no, sizeof no, "%.*s", (int)(strlen(p) - 23), p + 17);
        rc = method_is(r, "POST") ? zx_web__route_notice_reply(r, no) : not_allowed(r);
    } else if (!strcmp(p, "/bulletin"))
        rc = method_is(r, "GET") ? zx_web__route_bulletin(r) : not_allowed(r);
    else if (!strcmp(p, "/execution/review"))
        rc = method_is(r, "GET") ? zx_web__route_exec_review(r) : not_allowed(r);
    else if (!strcmp(p, "/execution/inspections"))
        rc = method_is(r, "GET") ? zx_web__route_exec_inspections(r) : not_allowed(r);
    else if (!strcmp(p, "/execution/coverage"))
        rc = method_is(r, "GET") ? zx_web__route_exec_coverage(r) : not_allowed(r);
    else if (!strcmp(p, "/execution/stats"))
        rc = method_is(r, "GET") ? zx_web__route_exec_stats(r) : not_allowed(r);
    else if (!strcmp(p, "/resident"))
        rc = method_is(r, "GET") ? zx_web__route_resident(r) : not_allowed(r);
    else if (!strcmp(p, "/resident/logs"))
        rc = method_is(r, "POST") ? zx_web__route_resident_log(r) : not_allowed(r);
    else if (!strcmp(p, "/resident/findings"))
        rc = method_is(r, "POST") ? zx_web__route_resident_finding(r) : not_allowed(r);
    else if (!strcmp(p, "/resident/dispositions"))
        rc = method_is(r, "POST") ? zx_web__route_resident_disp(r) : not_allowed(r);
    else if (!strcmp(p, "/similar"))
        rc = method_is(r, "POST") ? zx_web__route_similar(r) : not_allowed(r);
    else if (!strcmp(p, "/ledger/verify"))
        rc = method_is(r, "GET") ? zx_web__route_ledger_verify(r) : not_allowed(r);
    else if (!strcmp(p, "/quality") || !strncmp(p, "/quality/", 9))
        rc = zx_web__route_quality(r, p + 8);
    else if (!strcmp(p, "/flaws"))
        rc = method_is(r, "GET") ? zx_web__route_flaws(r) : not_allowed(r);
    else if (!strcmp(p, "/leaders"))
        rc = method_is(r, "GET") ? zx_web__route_leaders(r) : not_allowed(r);
    else if (!strcmp(p, "/danger/persons"))
        rc = method_is(r, "GET") ? zx_web__route_danger_persons(r) : not_allowed(r);
    else if (!strcmp(p, "/danger/score"))
        rc = method_is(r, "GET") ? zx_web__route_danger_score(r) : not_allowed(r);
    else if (!strcmp(p, "/danger/report"))
        rc = method_is(r, "GET") ? zx_web__route_danger_report(r) : not_allowed(r);
    else if (!strcmp(p, "/sealed"))
        rc = method_is(r, "GET") ? zx_web__route_sealed(r) : not_allowed(r);
    else if (!strcmp(p, "/leaders/cases"))
        rc = method_is(r, "GET") ? zx_web__route_leaders_cases(r) : not_allowed(r);
    else if (!strcmp(p, "/evaluation"))
        rc = method_is(r, "GET") ? zx_web__route_evaluation(r) : not_allowed(r);
    else if (!strcmp(p, "/evaluation/cases"))
        rc = method_is(r, "GET") ? zx_web__route_evaluation_cases(r) : not_allowed(r);
    else if (!strcmp(p, "/evaluation/ranking"))
        rc = method_is(r, "POST") ? zx_web__route_evaluation_ranking(r) : not_allowed(r);
    else if (!strcmp(p, "/datasets"))
        rc = method_is(r, "POST")  ? zx_web__route_datasets_post(r)
             : method_is(r, "GET") ? zx_web__route_datasets_list(r)
                                   : not_allowed(r);
    else if (!strcmp(p, "/datasets/rejects"))
        rc = method_is(r, "GET") ? zx_web__route_datasets_rejects(r) : not_allowed(r);
    else if (!strcmp(p, "/models"))
        rc = method_is(r, "GET") ? zx_web__route_models(r) : not_allowed(r);
    else if (!strcmp(p, "/models/run"))
        rc = method_is(r, "POST") ? zx_web__route_models_run(r) : not_allowed(r);
    else if (!strcmp(p, "/leads"))
        rc = method_is(r, "GET") ? zx_web__route_leads_list(r) : not_allowed(r);
    else if (!strcmp(p, "/leads/stats"))
        rc = method_is(r, "GET") ? zx_web__route_leads_stats(r) : not_allowed(r);
    else if (!strcmp(p, "/leads/export"))
        rc = method_is(r, "GET") ? zx_web__route_leads_export(r) : not_allowed(r);
    else if (!strncmp(p, "/leads/", 7) && p[7]) {
        char id[160];
        const char *slash = strchr(p + 7, '/');
        snprintf(id, sizeof id, "%.*s", slash ? (int)(slash - p - 7) : 150, p + 7);
        if (slash)
            rc = method_is(r, "POST") ? zx_web__route_lead_act(r, id, slash + 1) : not_allowed(r);
        else
            rc = method_is(r, "GET") ? zx_web__route_lead(r, id) : not_allowed(r);
    } else if (!strcmp(p, "/casebook"))
        rc = method_is(r, "POST")  ? zx_web__route_casebook_nominate(r)
             : method_is(r, "GET") ? zx_web__route_casebook_list(r)
                                   : not_allowed(r);
    else if (!strcmp(p, "/casebook/stats"))
        rc = method_is(r, "GET") ? zx_web__route_casebook_stats(r) : not_allowed(r);
    else if (!strncmp(p, "/casebook/", 10) && p[10]) {
        char id[80], act[24] = "";
        const char *slash = strchr(p + 10, '/');
        size_t n = slash ? (size_t)(slash - (p + 10)) : strlen(p + 10);
        snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), p + 10);
        if (slash)
            snprintf(act, sizeof act, "%s", slash + 1);
        if (!slash)
            rc = method_is(r, "GET") ? zx_web__route_casebook_get(r, id) : not_allowed(r);
        else
            rc = method_is(r, "POST") ? zx_web__route_casebook_act(r, id, act) : not_allowed(r);
    } else if (!strcmp(p, "/appraise"))
        rc = method_is(r, "GET") ? zx_web__route_appraise(r) : not_allowed(r);
    else if (!strcmp(p, "/appraise/cases"))
        rc = method_is(r, "GET") ? zx_web__route_appraise_cases(r) : not_allowed(r);
    else if (!strcmp(p, "/appraise/entries"))
        rc = method_is(r, "POST") ? zx_web__route_appraise_enter(r) : not_allowed(r);
    else if (!strcmp(p, "/users"))
        rc = method_is(r, "POST")  ? zx_web__route_users_post(r)
             : method_is(r, "GET") ? zx_web__route_users_list(r)
                                   : not_allowed(r);
    else if (!strncmp(p, "/users/", 7) && p[7])
        rc = method_is(r, "PUT") ? zx_web__route_user_update(r, p + 7) : not_allowed(r);
    else
        zx_web__error(r, 404, "not_found", "接口不存在", "no such API endpoint");
    return rc;
}

/* ---- static files ---- */

static const char *ctype_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    static const struct {
        const char *ext, *type;
    } t[] = {{".html", "text/html; charset=utf-8"},
             {".js", "text/javascript; charset=utf-8"},
             {".mjs", "text/javascript; charset=utf-8"},
             {".css", "text/css; charset=utf-8"},
             {".svg", "image/svg+xml"},
             {".png", "image/png"},
             {".ico", "image/x-icon"},
             {".json", "application/json; charset=utf-8"},
             {".txt", "text/plain; charset=utf-8"}};
    for (size_t i = 0; dot && i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(dot, t[i].ext))
            return t[i].type;
    return "application/octet-stream";
}

/* 1 when a URL path may name a file under the web folder. */
static int static_path_ok(const char *p)
{
    if (p[0] != '/' || strstr(p, "..") || strstr(p, "//"))
        return 0;
    for (const char *c = p; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '/' || *c == '.' || *c == '_' || *c == '-'))
            return 0;
    return 1;
}

static void add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

/* Queue a static file; returns the MHD result, sets r->status and r->out_len for the log. */
static enum MHD_Result serve_static(struct zx_web_req *r)
{
    char file[8400];
    const char *p = r->path;
    struct MHD_Response *resp;
    if (!strcmp(p, "/vendor/echarts.min.js"))
        snprintf(file, sizeof file, "%s", r->app->vendor_js);
    else if (!strcmp(p, "/") || !strcmp(p, "/index.html"))
        snprintf(file, sizeof file, "%s/index.html", r->app->web_dir);
    else if (static_path_ok(p))
        snprintf(file, sizeof file, "%s%s", r->app->web_dir, p);
    else
        file[0] = '\0';
    int fd = file[0] && (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"))
                 ? open(file, O_RDONLY | O_CLOEXEC)
                 : -1;
    struct stat sb;
    if (fd >= 0 && (fstat(fd, &sb) || !S_ISREG(sb.st_mode))) {
        close(fd);
        fd = -1;
    }
    if (fd < 0) {
        static const char nf[] = "404 未找到 / not found\n";
        r->status = 404;
        r->out_len = sizeof nf - 1;
        resp = MHD_create_response_from_buffer(sizeof nf - 1, (void *)nf, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
    } else {
        r->status = 200;
        r->out_len = (size_t)sb.st_size;
        resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
        MHD_add_response_header(resp, "Content-Type", ctype_of(file));
        MHD_add_response_header(resp, "Cache-Control", "no-cache");
    }
    if (!resp)
        return MHD_NO;
    add_security_headers(resp);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The route convention (web/internal.h): ZX_OK = a response is queued; a ZX_E… code = the
 * handler failed without one, answered here with a 500. An error with a response queued is
 * a handler bug, logged as rc_mismatch (tests/api fails on it); the response stands. */
static void settle(struct zx_web_req *r, int rc)
{
    if (rc == ZX_OK)
        return;
    const char *name = rc == ZX_ENOMEM ? "oom" : rc == ZX_ESTORE ? "store" : "internal";
    if (r->out) {
        fprintf(stderr, "zhixiao serve: rc_mismatch rc=%d path=\"%s\" status=%d\n", rc, r->path,
                r->status);
        return;
    }
    fprintf(stderr, "zhixiao serve: route_error rc=%d path=\"%s\"\n", rc, r->path);
    zx_web__error(r, 500, name,
                  rc == ZX_ENOMEM   ? "内存不足"
                  : rc == ZX_ESTORE ? "数据库错误"
                                    : "服务器内部错误",
                  rc == ZX_ENOMEM ? "out of memory" : "the request failed");
}

static enum MHD_Result queue_api(struct zx_web_req *r)
{
    if (!r->out) {
        zx_web__error(r, 500, "internal", "服务器内部错误", "the handler gave no response");
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->out_len, r->out, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO;
    r->out = NULL; /* libmicrohttpd frees it now */
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->cookie);
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    add_security_headers(resp);
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* ---- the access handler ---- */

static struct zx_web_req *req_new(struct zx_web_app *app, struct MHD_Connection *conn,
                                  const char *url, const char *method)
{
    struct zx_web_req *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->app = app;
    r->conn = conn;
    r->method = method;
    r->t0 = now_ms();
    r->scope_unit = r->scope_staff = -1;
    if (!strncmp(url, "/api/v1/", 8) || !strcmp(url, "/api/v1")) {
        r->is_api = 1;
        snprintf(r->path, sizeof r->path, "%s", url + 7);
    } else {
        snprintf(r->path, sizeof r->path, "%s", url);
    }
    /* per-route ceilings: only an upload is large; JSON bodies are small */
    r->body_max = !r->is_api                      ? 0
                  : !strcmp(r->path, "/imports")  ? ZX_WEB_MAX_UPLOAD
                  : !strcmp(r->path, "/datasets") ? ZX_WEB_MAX_DATASET
                  : !strcmp(r->path, "/login")    ? ZX_WEB_MAX_LOGIN
                                                  : ZX_WEB_MAX_BODY;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const void *)ci->client_addr;
        inet_ntop(AF_INET, &in->sin_addr, r->addr, sizeof r->addr);
    } else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const void *)ci->client_addr;
        inet_ntop(AF_INET6, &in6->sin6_addr, r->addr, sizeof r->addr);
    }
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > r->body_max)
        r->body_too_large = 1;
    return r;
}

static void body_append(struct zx_web_req *r, const char *data, size_t n)
{
    if (r->body_too_large)
        return;
    if (r->body_len + n > r->body_max) {
        r->body_too_large = 1;
        free(r->body);
        r->body = NULL;
        r->body_len = r->body_cap = 0;
        return;
    }
    if (r->body_len + n + 1 > r->body_cap) {
        size_t cap = r->body_cap ? r->body_cap : 4096;
        while (cap < r->body_len + n + 1)
            cap *= 2;
        char *b = realloc(r->body, cap);
        if (!b) {
            r->body_too_large = 1;
            return;
        }
        r->body = b;
        r->body_cap = cap;
    }
    memcpy(r->body + r->body_len, data, n);
    r->body_len += n;
    r->body[r->body_len] = '\0';
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *conn, const char *url,
                               const char *method, const char *version, const char *upload,
                               size_t *upload_size, void **con_cls)
{
    (void)version;
    struct zx_web_req *r = *con_cls;
    if (!r) {
        /* first call: headers only; answering now would close keep-alive connections */
        r = req_new(cls, conn, url, method);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        /* session, CSRF, capability and ceilings are decided from the headers: a refused
         * request is answered now, before its body is read (the connection then closes) */
        if (r->is_api && api_prepare(r)) {
            r->answered = 1;
            const union MHD_ConnectionInfo *ci =
                MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
            if (ci && !r->app->secure) /* over TLS a raw drain would not help */
                zx_web__linger_mark(r->app->linger, ci->connect_fd);
            return queue_api(r);
        }
        return MHD_YES;
    }
    if (r->answered) { /* refused on the headers: the body is dropped unread */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        body_append(r, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (!r->is_api)
        return serve_static(r);
    settle(r, api(r));
    return queue_api(r);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct zx_web_app *app = cls;
    struct zx_web_req *r = *con_cls;
    (void)conn;
    if (!r)
        return;
    *con_cls = NULL;
    if (!app->quiet) {
        /* one structured line per request (logfmt); the query string is left out */
        char ts[32];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
        fprintf(stderr,
                "ts=%s method=%s path=\"%s%s\" status=%d bytes=%zu ms=%.2f user=%s addr=%s%s\n", ts,
                r->method, r->is_api ? "/api/v1" : "", r->path, r->status, r->out_len,
                now_ms() - r->t0, r->user.name[0] ? r->user.name : "-", r->addr[0] ? r->addr : "-",
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=1");
    }
    if (r->holds_import)
        zx_web__imports_release(r);
    zx_web__store_return(app, r->st);
    zx_web__data_put(r->data);
    free(r->body);
    free(r->out);
    sodium_memzero(r->csrf, sizeof r->csrf);
    free(r);
}

/* Called by libmicrohttpd with the raw request line's URI, before it splits the query into
 * arguments. libmicrohttpd 0.9.75 does not answer when the arguments overflow the
 * connection's memory (the client waits for the timeout), so a URI with more arguments than
 * any page uses is answered here: 414 with the security headers written on the socket (over
 * TLS the connection is only closed), and the socket shut so libmicrohttpd drops it.
 * Returns NULL: the access handler's first call still sees *con_cls == NULL. */
static void *uri_check(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct zx_web_app *app = cls;
    size_t args = 0;
    const char *q = strchr(uri, '?');
    if (!q)
        return NULL;
    args = 1;
    for (const char *c = q; *c; c++)
        args += *c == '&';
    if (args <= ZX_WEB_MAX_ARGS)
        return NULL;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!ci)
        return NULL;
    if (!app->secure) {
        char body[300], head[1400];
        int bn = snprintf(body, sizeof body,
                          "{\"error\":{\"status\":414,\"code\":\"too_many_arguments\","
                          "\"message\":\"请求参数过多\",\"message_en\":\"more than %d query "
                          "arguments\"}}",
                          ZX_WEB_MAX_ARGS);
        int hn = snprintf(head, sizeof head,
                          "HTTP/1.1 414 URI Too Long\r\nConnection: close\r\n"
                          "Content-Type: application/json; charset=utf-8\r\n"
                          "Content-Length: %d\r\nCache-Control: no-store\r\n"
                          "Content-Security-Policy: %s\r\nX-Content-Type-Options: nosniff\r\n"
                          "X-Frame-Options: DENY\r\nReferrer-Policy: no-referrer\r\n"
                          "Cross-Origin-Opener-Policy: same-origin\r\n\r\n%s",
                          bn, csp, body);
        if (hn > 0 && (size_t)hn < sizeof head &&
            send(ci->connect_fd, head, (size_t)hn, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
            (void)0; /* the client is gone: nothing to tell it */
    }
    shutdown(ci->connect_fd, SHUT_RDWR);
    if (!app->quiet)
        fprintf(stderr, "zhixiao serve: refused a request with more than %d query arguments\n",
                ZX_WEB_MAX_ARGS);
    return NULL;
}

static void conn_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    struct zx_web_app *app = cls;
    (void)socket_context;
    if (code != MHD_CONNECTION_NOTIFY_CLOSED)
        return;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (ci)
        zx_web__linger_closed(app->linger, ci->connect_fd);
}

/* ---- start and stop ---- */

static int parse_listen(const char *s, struct sockaddr_in *sa, struct zx_err *err)
{
    char host[256] = "127.0.0.1";
    const char *colon = strrchr(s, ':');
    const char *port_s = colon ? colon + 1 : s;
    if (colon && colon != s) {
        size_t n = (size_t)(colon - s);
        if (n >= sizeof host)
            return zx_err_set(err, ZX_EINVAL, "bad --listen '%s'", s);
        memcpy(host, s, n);
        host[n] = '\0';
    } else if (colon) {
        snprintf(host, sizeof host, "0.0.0.0");
    }
    char *end;
    long port = strtol(port_s, &end, 10);
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (*end || port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
        return zx_err_set(err, ZX_EINVAL, "bad --listen '%s' (want ADDRESS:PORT, IPv4)", s);
    sa->sin_port = htons((uint16_t)port);
    return ZX_OK;
}

static char *read_file(const char *path, struct zx_err *err)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    long n;
    if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
        !(b = malloc((size_t)n + 1)) || fread(b, 1, (size_t)n, f) != (size_t)n) {
        zx_err_set(err, ZX_EIO, "cannot read '%s'", path);
        free(b);
        b = NULL;
    } else {
        b[n] = '\0';
    }
    if (f)
        fclose(f);
    return b;
}

/* The web folder: the option, else web/ in the current folder, else beside the executable
 * (../web, ../../web from its folder). */
static void find_web_dir(const char *opt, char *out, size_t n)
{
    char exe[PATH_MAX], cand[PATH_MAX + 32];
    struct stat sb;
    if (opt) {
        snprintf(out, n, "%s", opt);
        return;
    }
    if (stat("web/index.html", &sb) == 0) {
        snprintf(out, n, "web");
        return;
    }
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0) {
        exe[k] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        for (int up = 1; up <= 3; up++) {
            snprintf(cand, sizeof cand, "%s/%.*s/web", exe, up * 3 - 1, "../../../");
            char idx[PATH_MAX + 48];
            snprintf(idx, sizeof idx, "%s/index.html", cand);
            if (stat(idx, &sb) == 0) {
                snprintf(out, n, "%.4000s", cand);
                return;
            }
        }
    }
    snprintf(out, n, "web");
}

int zx_web_serve(const struct zx_web_opts *o, struct zx_err *err)
{
    struct zx_web_app app;
    struct zx_store *st = NULL;
    struct MHD_Daemon *d = NULL;
    struct sockaddr_in sa;
    char *cert = NULL, *key = NULL;
    sigset_t sigs;
    int rc;
    memset(&app, 0, sizeof app);
    pthread_mutex_init(&app.lock, NULL);
    pthread_mutex_init(&app.follow, NULL);
    if ((rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &sa, err)))
        goto cleanup;
    /* on a cluster the server's own state (accounts, sessions, audit) is a local store */
    const char *db = zx_pg_is_url(o->db) ? o->state : o->db;
    if (!db) {
        rc = zx_err_set(err, ZX_EINVAL,
                        "--db postgresql://… needs --state FILE (the server's "
                        "accounts, sessions and audit)");
        goto cleanup;
    }
    if (db == o->db && access(o->db, R_OK | W_OK) != 0) {
        rc = zx_err_set(err, ZX_EINVAL, "cannot open database '%s' (import a bundle first)", o->db);
        goto cleanup;
    }
    if (sodium_init() < 0) {
        rc = zx_err_set(err, ZX_EINVAL, "libsodium cannot start");
        goto cleanup;
    }
    snprintf(app.db, sizeof app.db, "%s", db);
    find_web_dir(o->web_dir, app.web_dir, sizeof app.web_dir);
    snprintf(app.vendor_js, sizeof app.vendor_js, "%s/../node_modules/echarts/dist/echarts.min.js",
             app.web_dir);
    app.quiet = o->quiet;
    app.secure = o->tls_cert != NULL;
    if ((rc = zx_store_open(db, &st, err))) /* migrates to the current schema */
        goto cleanup;
    zx_auth_tune_connection(st, 32768);
    if ((rc = zx_catalog_load_default(&app.cat, NULL, err)))
        goto cleanup;
    if (db != o->db) {
        /* the state's units follow the cluster's: a snapshot keyed by row ids could be stale */
        setenv("ZHIXIAO_SNAPSHOT", "0", 1);
        if ((rc = zx_web__cluster_open(&app, o->db, st, err)))
            goto cleanup;
    }
    if ((rc = zx_web__data_load(&app, st, err)))
        goto cleanup;
    (void)zx_auth_dummy_hash(); /* computed before the first login needs it */
    app.cache = zx_web__cache_new();
    zx_web__store_return(&app, st);
    st = NULL;
    if ((o->tls_cert != NULL) != (o->tls_key != NULL)) {
        rc = zx_err_set(err, ZX_EINVAL, "--tls-cert and --tls-key go together");
        goto cleanup;
    }
    if (o->tls_cert) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            rc = zx_err_set(err, ZX_EINVAL, "this libmicrohttpd has no TLS support");
            goto cleanup;
        }
        if (!(cert = read_file(o->tls_cert, err)) || !(key = read_file(o->tls_key, err))) {
            rc = err ? err->rc : ZX_EIO;
            goto cleanup;
        }
    }
    int threads = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 2)
        threads = 2;
    /* block the stop signals in every thread (the workers inherit the mask); the main
     * thread waits for them with sigwait() */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    app.linger = zx_web__linger_new(); /* after the mask: the thread ignores the signals */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    if (cert)
        flags |= MHD_USE_TLS;
    d = MHD_start_daemon(flags, ntohs(sa.sin_port), NULL, NULL, handler, &app, MHD_OPTION_SOCK_ADDR,
                         &sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)ZX_WEB_TIMEOUT_SECONDS,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)ZX_WEB_MAX_CONNECTIONS,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)ZX_WEB_MAX_PER_ADDRESS,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64u << 10),
                         MHD_OPTION_URI_LOG_CALLBACK, uri_check, &app, MHD_OPTION_NOTIFY_COMPLETED,
                         completed, &app, MHD_OPTION_NOTIFY_CONNECTION, conn_notify, &app,
                         cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
                         MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
    if (!d) {
        rc = zx_err_set(err, ZX_EIO, "cannot listen on %s: %s",
                        o->listen ? o->listen : "127.0.0.1:8080", strerror(errno));
        goto cleanup;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : ntohs(sa.sin_port);
    char host[64];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    fprintf(stderr, "zhixiao serve: listening on %s://%s:%u/ (%d threads, data %s)\n",
            cert ? "https" : "http", host, port, threads, app.cluster[0] ? "a cluster" : o->db);
    if (o->port_file) {
        FILE *pf = fopen(o->port_file, "w");
        if (pf) {
            fprintf(pf, "%u\n", port);
            fclose(pf);
        }
    }
    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "zhixiao serve: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = ZX_OK;
cleanup:
    if (d)
        MHD_stop_daemon(d); /* waits for the workers and running requests */
    zx_web__linger_free(app.linger);
    zx_store_close(st);
    zx_web__cluster_release(&app);
    zx_web__app_release(&app);
    pthread_mutex_destroy(&app.lock);
    pthread_mutex_destroy(&app.follow);
    free(cert);
    free(key);
    return rc;
}
