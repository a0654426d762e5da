/* internal.h — what the files of src/web share (zx_web__ names are module-private; the
 * zx_web_auth_* and zx_web_zip_* helpers are exported for the unit tests in tests/web).
 *
 * A request lives in struct zx_web_req, allocated on libmicrohttpd's first call for the
 * connection's request and freed in the completion callback. A route handler reads the
 * request, may use r->st (a store connection leased to this request) and r->data (the
 * shared indicator data, referenced for the request), sets exactly one response with
 * zx_web__json() or zx_web__error(), and returns ZX_OK — or a ZX_E… code, without a
 * response, when it failed (see "routes" below). */
#ifndef ZX_WEB_INTERNAL_H
#define ZX_WEB_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/auth.h"
#include "store/store.h"
#include "store/views.h"
#include "util/err.h"

#define ZX_WEB_MAX_LOGIN       (4u << 10)   /* the login request body */
#define ZX_WEB_MAX_BODY        (16u << 10)  /* any other JSON request body */
#define ZX_WEB_MAX_UPLOAD      (256u << 20) /* an uploaded bundle zip */
#define ZX_WEB_MAX_DATASET     (64u << 20)  /* an uploaded dataset (CSV text and schema, JSON) */
#define ZX_WEB_MAX_UNZIPPED    (2ull << 30) /* everything unpacked from one zip */
#define ZX_WEB_MAX_ZIP_ENTRIES 64
#define ZX_WEB_MAX_ZIP_RATIO   100 /* unpacked size / packed size of an entry over 1 MB */
#define ZX_WEB_MAX_ARGS        64  /* query arguments of one request */
#define ZX_WEB_MAX_CONNECTIONS 1000
#define ZX_WEB_MAX_PER_ADDRESS 64 /* connections from one client address */
#define ZX_WEB_IDLE_SECONDS    (30 * 60)
#define ZX_WEB_ABS_SECONDS     (12 * 3600)
#define ZX_WEB_TOUCH_SECONDS   60 /* last_seen is written at most once a minute */
#define ZX_WEB_PAGE_MAX        500
#define ZX_WEB_TIMEOUT_SECONDS                                                                     \
    10 /* a connection idle this long (e.g. sending headers slowly) is closed */
#define ZX_WEB_BODY_TIMEOUT_SECONDS 60 /* the same for an admitted upload */

/* The indicator data of one load, shared read-only by every request holding a reference. */
struct zx_web_data {
    struct zx_metrics *m; /* From zx_metrics_load(); freed with the last reference */
    int refs;             /* atomic */
    int first_year, last_year, default_year; /* years that hold events */
    uint64_t generation;                     /* bumps on every reload: the response cache key */
};

struct zx_web_cache; /* opaque: generation-keyed response cache (cache.c) */
struct zx_pg;        /* store/pg.h */

struct zx_web_app {
    char db[4096];
    char web_dir[4096];
    char vendor_js[4200];
    struct zx_catalog *cat; /* the default catalog, read-only */
    int secure;             /* TLS: cookies get Secure */
    int quiet;
    pthread_mutex_t lock; /* guards data and the store pool */
    struct zx_web_data *data;
    struct zx_store **pool; /* idle store connections */
    int npool, cappool;
    int import_busy; /* atomic: one upload at a time, taken before its body is read */
    struct zx_web_cache *cache;
    struct zx_web_linger *linger; /* lingering close of early answers (linger.c) */
    /* serving from a PostgreSQL cluster (cluster.c): its URL, "" on the embedded store;
     * db is then the state store. Idle cluster connections, guarded by lock. */
    char cluster[4096];
    struct zx_pg **pgpool;
    int npg, cappg;
    /* the export the loaded data follows (zx_export's row, "" before the first read), when
     * it was last looked at (ms, atomic), and the one refresh running at a time */
    char export_mark[128];
    int64_t export_checked_ms;
    pthread_mutex_t follow;
};

struct zx_web_req {
    struct zx_web_app *app;
    struct MHD_Connection *conn;
    const char *method;
    char path[1024]; /* the URL path, decoded by libmicrohttpd; API paths without /api/v1 */
    int is_api;
    char *body; /* From malloc(): the request body, NUL-terminated */
    size_t body_len, body_cap, body_max;
    int body_too_large;
    int answered;     /* refused on the headers; the body is dropped */
    int holds_import; /* this request holds app->import_busy */
    double t0;
    char addr[64];
    /* set by authentication */
    struct zx_store *st;      /* leased; back to the pool when the request ends */
    struct zx_web_data *data; /* referenced for the request */
    int authed;
    struct zx_user user;
    char token_hash[65];
    char csrf[65];
    int32_t scope_unit;  /* metrics index of the user's unit, -1 when unknown */
    int32_t scope_staff; /* metrics index of a prosecutor's staff member, else -1 */
    /* the response */
    int status;
    char *out; /* From malloc() */
    size_t out_len;
    const char *ctype;
    char cookie[256];
    char disposition[256]; /* Content-Disposition of a download, "" for none */
    int no_store;
};

/* ---- responses (json.c) ---- */

/* Respond with j (consumed) as JSON. */
void zx_web__json(struct zx_web_req *r, int status, json_t *j);
/* Respond with a text the caller gives (copied). */
void zx_web__raw(struct zx_web_req *r, int status, const char *ctype, const char *s, size_t n);
/* Respond {"error": {"status", "code", "message" (zh), "message_en"}}. */
void zx_web__error(struct zx_web_req *r, int status, const char *code, const char *zh,
                   const char *en);
void zx_web__errorf(struct zx_web_req *r, int status, const char *code, const char *zh,
                    const char *en_fmt, ...) ZX_PRINTF(5, 6);
/* Respond with a library error: when it was set from the message table (zx_err_setm),
 * "message" is head + "：" + its Chinese and "message_id" the row's key; else "message" is
 * fallback (head when NULL) and "message_id" null. "message_en" is err->msg. */
void zx_web__error_lib(struct zx_web_req *r, int status, const char *code, const char *head,
                       const char *fallback, const struct zx_err *err);

/* Query argument name, or NULL. Borrowed from libmicrohttpd for the request. */
const char *zx_web__arg(struct zx_web_req *r, const char *name);
/* Integer query argument in [lo, hi], default def when absent; -1 and a 400 when bad. */
int zx_web__arg_int(struct zx_web_req *r, const char *name, long lo, long hi, long def, long *out);
/* Date argument name (YYYY-MM-DD, 1900–2099), def when absent; -1 and a 400 when bad. */
int zx_web__arg_date(struct zx_web_req *r, const char *name, int32_t def, int32_t *out);
/* Date arguments from/to (YYYY-MM-DD), defaults when absent; -1 and a 400 when bad. */
int zx_web__arg_dates(struct zx_web_req *r, int32_t def_from, int32_t def_to, int32_t *from,
                      int32_t *to);
/* Unit argument name: the unit's metrics index, default the user's unit; a unit outside
 * the user's subtree, or unknown, gives -1 and a 404. */
int zx_web__arg_unit(struct zx_web_req *r, const char *name, int32_t *u);
/* 1 when metrics unit u lies in the user's subtree. */
int zx_web__in_scope(const struct zx_web_req *r, int32_t u);
/* Parse the request body as a JSON object; NULL and a 400 when it is not one. */
json_t *zx_web__body_json(struct zx_web_req *r);
/* A value as JSON: null for a zero denominator. */
json_t *zx_web__ratio(int64_t num, int64_t den);
/* Write an audit record (failures are logged, never fatal to the request). */
void zx_web__audit(struct zx_web_req *r, const char *action, const char *target,
                   const char *outcome, const char *detail);
/* 1 when the user's roles show full id numbers (admin, execution). */
int zx_web__sees_ids(const struct zx_web_req *r);
/* Mask, in place, every id-number-like run in s: 18 characters (17 digits and a digit or X)
 * or 15 digits, not touching a letter or digit on either side. Returns how many it masked.
 * zx_web__json applies it to every string of a response unless the user sees ids. */
int zx_web_mask_idnums(char *s);
/* Copy id, masked unless the user sees ids, into out[24]. */
void zx_web__idnum(const struct zx_web_req *r, const char *id, char out[24]);

/* ---- figures (route_indicators.c) ---- */

/* Evaluate rows over np disjoint periods for unit's subtree (a prosecutor: per handler). */
int zx_web__eval(const struct zx_web_req *r, int32_t unit, const int32_t *from, const int32_t *to,
                 int np, const int *rows, int nrows, int by_staff, struct zx_metrics_result **out,
                 struct zx_err *err) ZX_MUST_CHECK;
/* The figure of row in period p for unit u, or the prosecutor's own figure. */
int zx_web__fig(const struct zx_web_req *r, const struct zx_metrics_result *res, int row, int p,
                int32_t u, int64_t *num, int64_t *den);
json_t *zx_web__figure(int64_t num, int64_t den); /* {numerator, denominator, value} */
json_t *zx_web__period(int32_t from, int32_t to); /* {from, to} as dates */
json_t *zx_web__row_info(const struct zx_catalog_row *row);
/* Answer from the response cache (1) or not (0); store the response made for key. */
int zx_web__cached(struct zx_web_req *r, const char *key);
void zx_web__cache_reply(struct zx_web_req *r, const char *key);

/* ---- shared data, pool, cache (data.c) ---- */

int zx_web__data_load(struct zx_web_app *app, struct zx_store *st,
                      struct zx_err *err) ZX_MUST_CHECK;
/* After a write that added contract events (a disposition, a suggestion step): reload the
 * indicator data so that figures count it at once; a failure is logged, the write stands. */
void zx_web__data_reload(struct zx_web_req *r, const char *what);
struct zx_web_data *zx_web__data_get(struct zx_web_app *app); /* referenced; may be NULL */
void zx_web__data_put(struct zx_web_data *d);
struct zx_store *zx_web__store_lease(struct zx_web_app *app, struct zx_err *err);
void zx_web__store_return(struct zx_web_app *app, struct zx_store *st);
void zx_web__app_release(struct zx_web_app *app);

/* Cached response text for key in generation gen: a malloc'd copy, or NULL. */
char *zx_web__cache_get(struct zx_web_cache *c, uint64_t gen, const char *key, size_t *len);
void zx_web__cache_put(struct zx_web_cache *c, uint64_t gen, const char *key, const char *s,
                       size_t len);
struct zx_web_cache *zx_web__cache_new(void);
void zx_web__cache_free(struct zx_web_cache *c);

/* ---- the data source: the embedded engine or the cluster (cluster.c) ---- */

/* Evaluate q as zx_metrics_eval on r->data->m does, on the cluster when serving from one
 * (sqlgen): every figure and drill-down goes through here. */
int zx_web__eval_query(const struct zx_web_req *r, const struct zx_metrics_query *q,
                       struct zx_metrics_result **out, struct zx_err *err) ZX_MUST_CHECK;
/* Copy the cluster's units and staff into the state store st, note which export they come
 * from and keep url for the requests. */
int zx_web__cluster_open(struct zx_web_app *app, const char *url, struct zx_store *st,
                         struct zx_err *err) ZX_MUST_CHECK;
/* Set d's years (first, last, the dashboard's default) from the cluster's cases, as
 * zx_web__data_load does from the embedded store's. */
int zx_web__cluster_years(struct zx_web_app *app, struct zx_web_data *d,
                          struct zx_err *err) ZX_MUST_CHECK;
/* Before a request takes the loaded data: at most every few seconds, whether the cluster
 * was exported again since the data was loaded; if so, copy its units and staff into the
 * state store again and load new data (a new generation, so no cached answer survives).
 * Requests that hold the old data finish with it; a failure is logged and retried. */
void zx_web__cluster_follow(struct zx_web_req *r);
void zx_web__cluster_release(struct zx_web_app *app);
/* 1 when the API path is answered on the cluster; else zx_web__cluster_refuse answers 501
 * cluster_unsupported. */
int zx_web__cluster_serves(const char *path);
void zx_web__cluster_refuse(struct zx_web_req *r);
/* The drill-down items of hits [first, last) read from the cluster, appended to items as
 * route_cases.c writes them from the embedded store. */
int zx_web__cluster_items(struct zx_web_req *r, const struct zx_metrics_hit *hits, size_t first,
                          size_t last, json_t *items, struct zx_err *err) ZX_MUST_CHECK;
/* The case timeline's reads (store/views.h), from the embedded store r->st or, when
 * serving from a cluster, from it (store/pg.h), with the same callbacks and the sealed
 * records hidden as the connection's guard says. */
int zx_web__case_view(struct zx_web_req *r, const char *case_id, zx_view_case_cb cb, void *ud,
                      struct zx_err *err) ZX_MUST_CHECK;
int zx_web__case_handled_by(struct zx_web_req *r, int64_t case_rid, const char *staff_id, int *yes,
                            struct zx_err *err) ZX_MUST_CHECK;
int zx_web__case_persons(struct zx_web_req *r, int64_t case_rid, zx_view_person_cb cb, void *ud,
                         struct zx_err *err) ZX_MUST_CHECK;
int zx_web__case_events(struct zx_web_req *r, int64_t case_rid, zx_view_event_cb cb, void *ud,
                        struct zx_err *err) ZX_MUST_CHECK;

/* ---- authentication and policy (auth.c), pure where possible for tests/web ---- */

/* 32 random bytes as 64 hex characters (+NUL). */
void zx_web_auth_token(char out[65]);
/* Hex BLAKE2b-256 of a token: what the store keeps. */
void zx_web_auth_token_hash(const char *token, char out[65]);
/* The value of cookie name in a Cookie header into out (size n); 0 when found. */
int zx_web_auth_cookie(const char *header, const char *name, char *out, size_t n);
/* The Set-Cookie value for a session token (token NULL: the expiring one that logs out). */
void zx_web_auth_set_cookie(const char *token, int secure, char *out, size_t n);
/* 1 when a session created at created and last seen at seen is still valid at now. */
int zx_web_auth_session_live(int64_t created, int64_t seen, int64_t now);
/* 1 when the CSRF header value equals the session's token (constant time). */
int zx_web_auth_csrf_ok(const char *expected, const char *got);
/* The login throttling counters. */
enum zx_web_lock {
    ZX_LOCK_PAIR,   /* one account from one address: 5 failures, 1 min doubling to 15 min */
    ZX_LOCK_ADDR,   /* one address: 20 failures, 15 min doubling to 24 h */
    ZX_LOCK_ACCOUNT /* one account from addresses it never logged in from: 100 failures,
                       15 min doubling to 24 h */
};
/* Failures of a counter at which it first locks. */
int64_t zx_web_auth_lock_threshold(enum zx_web_lock kind);
/* Seconds a counter locks after its failures-th consecutive failure: 0 below the
 * threshold, then its first delay doubling per further failure, at most its cap. */
int64_t zx_web_auth_lock_seconds(int64_t failures, enum zx_web_lock kind);
/* 1 when a user with these roles may see full id numbers. */
int zx_web_auth_sees_ids(unsigned roles);
/* Roles an account with roles may grant (create accounts with, or manage accounts holding):
 * none without admin; all for an admin of the root unit (at_root 1); else its own roles but
 * admin. */
unsigned zx_web_auth_grantable(unsigned roles, int at_root);
/* Route permissions: 1 when roles may use the capability. */
enum zx_web_cap {
    ZX_CAP_VIEW = 1,     /* indicators, dashboard, drill-down, cases */
    ZX_CAP_IMPORT,       /* upload bundles, see imports and their issues */
    ZX_CAP_USERS,        /* manage accounts of the subtree */
    ZX_CAP_UNIT_FIGURES, /* figures of units (not only one's own) */
    ZX_CAP_EXECUTION, /* 刑事执行: 减假暂 review, circuit inspections (convicts' records) */
    ZX_CAP_TRENDS,    /* 犯罪态势: unit-level counts by charge and month, their case lists */
    ZX_CAP_MONITOR_NOTICE, /* issue and escalate 流程监控通知书 (案件管理) */
    ZX_CAP_LEDGER,         /* verify the ledger of acts (谁办案谁负责) */
    ZX_CAP_LEADERS,        /* 领导干部办案 figures and their cases */
    ZX_CAP_RESIDENT,   /* 派驻检察: record duty logs, findings, dispositions (执行 role) */
    ZX_CAP_EVALUATION, /* 检察官业绩考评 of every prosecutor of the subtree (else: own only) */
    ZX_CAP_GOVERNANCE, /* draft, issue, record 检察建议, 听证, 人民监督员 (检察官 of the case's
                         unit, 案件管理) */
    ZX_CAP_QUALITY_PLAN,   /* plan 案件质量评查 (案件管理) */
    ZX_CAP_QUALITY_REVIEW, /* fill review forms, grade, answer 异议 (评查员) */
    ZX_CAP_DANGER,     /* 社会危险性评估: scores of persons under 审查逮捕, the report */
    ZX_CAP_SEALED,     /* see sealed records (封存), each request with a stated reason */
    ZX_CAP_LEADS_WORK, /* 大数据法律监督: upload datasets, run models, work leads */
    ZX_CAP_LEADS_VIEW, /* see datasets, models, leads and their statistics */
    ZX_CAP_CASEBOOK_NOMINATE, /* nominate a typical-case candidate (a prosecutor: own cases) */
    ZX_CAP_CASEBOOK_WRITE,    /* cultivation notes, the write-up, submit for review */
    ZX_CAP_CASEBOOK_DECIDE,   /* the committee: opinions, approve, return, publish */
    ZX_CAP_APPRAISE,          /* 层级综合评价 of the units below */
    ZX_CAP_APPRAISE_ENTER     /* enter the evaluating unit's scores with their reasons */
};
int zx_web_auth_can(unsigned roles, enum zx_web_cap cap);

/* Login: check name/password with throttling and create a session. On success writes the
 * token (for the cookie) and fills r->user / csrf. Responds itself on failure; returns 0 on
 * success. */
int zx_web__login(struct zx_web_req *r, const char *name, const char *password, char token[65]);
/* Authenticate the request from its cookie; 0 when it carries a live session. */
int zx_web__authenticate(struct zx_web_req *r);

/* ---- lingering close (linger.c) ---- */

struct zx_web_linger; /* opaque: one thread draining sockets answered before their body */
/* Start the thread; NULL when it cannot (then sockets close at once, as before). Caller owns
 * the result: free with zx_web__linger_free (stops the thread, closes what lingers). */
struct zx_web_linger *zx_web__linger_new(void);
void zx_web__linger_free(struct zx_web_linger *l);
/* The connection on fd was answered before its body was read: linger when it closes. */
void zx_web__linger_mark(struct zx_web_linger *l, int fd);
/* libmicrohttpd is about to close fd: a marked one goes on draining on a copy of it. */
void zx_web__linger_closed(struct zx_web_linger *l, int fd);

/* ---- zip bundles (zip.c) ---- */

/* 1 when a zip entry name may be unpacked: a relative path without "..", backslashes,
 * drive letters or control characters, whose last component is a .csv file name. *base
 * gets the last component. */
int zx_web_zip_name_ok(const char *name, const char **base);
/* Unpack the CSV files of zip data into the new directory dir (flattened to their base
 * names) with the ceilings above. ZX_EPARSE / ZX_ELIMIT with a reason. */
int zx_web_zip_unpack(const void *data, size_t len, const char *dir,
                      struct zx_err *err) ZX_MUST_CHECK;
/* Remove dir and the files in it (one level). */
void zx_web_zip_rmdir(const char *dir);

/* ---- routes (route_*.c) ----
 *
 * Every route handler returns ZX_OK when it queued a response (a success or an error it
 * answered itself: 4xx, or a 500 with its own message), or a ZX_E… code (util/err.h) when
 * it failed without queuing one. server.c answers such a failure with a 500 JSON error
 * (code "oom", "store" or "internal" by the code) and logs it; a handler that returns an
 * error after queuing a response is logged as "rc_mismatch" (tests/api fails on it). */

int zx_web__route_login(struct zx_web_req *r);
int zx_web__route_logout(struct zx_web_req *r);
int zx_web__route_me(struct zx_web_req *r);
int zx_web__route_units(struct zx_web_req *r);
int zx_web__route_indicators(struct zx_web_req *r);
int zx_web__route_catalog(struct zx_web_req *r);
int zx_web__route_dashboard(struct zx_web_req *r);
int zx_web__route_drilldown(struct zx_web_req *r);
int zx_web__route_case(struct zx_web_req *r, const char *case_id);
int zx_web__route_trends(struct zx_web_req *r);       /* route_trends.c */
int zx_web__route_trends_cases(struct zx_web_req *r); /* route_trends.c */
/* Before an upload's body is read: the capability, the root unit, and the one import slot
 * (released with zx_web__imports_release when the request ends). 0, or -1 with the response
 * set. */
int zx_web__imports_admit(struct zx_web_req *r);
void zx_web__imports_release(struct zx_web_req *r);
int zx_web__route_imports_post(struct zx_web_req *r);
int zx_web__route_imports_list(struct zx_web_req *r);
int zx_web__route_import_issues(struct zx_web_req *r, const char *id);
int zx_web__route_bulletin(struct zx_web_req *r);
int zx_web__route_monitor(struct zx_web_req *r);
/* route_quality.c: 案件质量评查 and 办案瑕疵积分 */
int zx_web__route_quality(struct zx_web_req *r, const char *sub);
int zx_web__route_flaws(struct zx_web_req *r);
int zx_web__route_notices_list(struct zx_web_req *r);
int zx_web__route_notices_post(struct zx_web_req *r);
int zx_web__route_notices_escalate(struct zx_web_req *r);
int zx_web__route_notice_reply(struct zx_web_req *r, const char *no);
int zx_web__route_users_list(struct zx_web_req *r);
int zx_web__route_users_post(struct zx_web_req *r);
int zx_web__route_user_update(struct zx_web_req *r, const char *name);
int zx_web__route_exec_review(struct zx_web_req *r);
int zx_web__route_exec_inspections(struct zx_web_req *r);
int zx_web__route_exec_coverage(struct zx_web_req *r);
int zx_web__route_exec_stats(struct zx_web_req *r);
/* 派驻检察 (route_resident.c) */
int zx_web__route_resident(struct zx_web_req *r);
int zx_web__route_resident_log(struct zx_web_req *r);
int zx_web__route_resident_finding(struct zx_web_req *r);
int zx_web__route_resident_disp(struct zx_web_req *r);
int zx_web__route_similar(struct zx_web_req *r);
int zx_web__route_ledger_verify(struct zx_web_req *r);
int zx_web__route_leaders(struct zx_web_req *r);
int zx_web__route_leaders_cases(struct zx_web_req *r);
int zx_web__route_evaluation(struct zx_web_req *r);
int zx_web__route_evaluation_cases(struct zx_web_req *r);
int zx_web__route_evaluation_ranking(struct zx_web_req *r);
/* route_governance.c: /suggestions…, /hearings…, /supervisions…, /governance/stats */
int zx_web__route_governance(struct zx_web_req *r, const char *path);
/* route_danger.c: 社会危险性评估 and sealed records */
int zx_web__route_danger_persons(struct zx_web_req *r);
int zx_web__route_danger_score(struct zx_web_req *r);
int zx_web__route_danger_report(struct zx_web_req *r);
int zx_web__route_sealed(struct zx_web_req *r);
/* The sealed-record guard of the request (server.c calls it once per API request, after
 * authentication): sealed rows stay hidden on the request's store connection unless the
 * user holds ZX_CAP_SEALED and states a reason (argument sealed_reason, 2–200 characters);
 * a revealing request is audited with the reason. -1 after responding. */
int zx_web__seal_guard(struct zx_web_req *r);
int zx_web__route_datasets_list(struct zx_web_req *r); /* route_supervise.c */
int zx_web__route_datasets_post(struct zx_web_req *r);
int zx_web__route_datasets_rejects(struct zx_web_req *r);
int zx_web__route_models(struct zx_web_req *r);
int zx_web__route_models_run(struct zx_web_req *r);
int zx_web__route_leads_list(struct zx_web_req *r);
int zx_web__route_leads_export(struct zx_web_req *r);
int zx_web__route_leads_stats(struct zx_web_req *r);
int zx_web__route_lead(struct zx_web_req *r, const char *id);
int zx_web__route_lead_act(struct zx_web_req *r, const char *id, const char *act);
/* route_casebook.c: 典型案例 and 层级综合评价 */
int zx_web__route_casebook_list(struct zx_web_req *r);
int zx_web__route_casebook_nominate(struct zx_web_req *r);
int zx_web__route_casebook_stats(struct zx_web_req *r);
int zx_web__route_casebook_get(struct zx_web_req *r, const char *cand_id);
int zx_web__route_casebook_act(struct zx_web_req *r, const char *cand_id, const char *act);
int zx_web__route_appraise(struct zx_web_req *r);
int zx_web__route_appraise_cases(struct zx_web_req *r);
int zx_web__route_appraise_enter(struct zx_web_req *r);
/* The candidacies of a visible case with their acts (the case timeline), or NULL. */
json_t *zx_web__casebook_of_case(struct zx_web_req *r, const char *case_id);
/* 类案检索: mark each result whose case is a published typical case ("typical_case") and
 * add the published typical cases of charge ("typical_cases") to out. */
void zx_web__casebook_mark_similar(struct zx_web_req *r, json_t *out, const char *charge);

#endif
