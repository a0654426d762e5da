/* web.h — the HTTP platform: `zhixiao serve`. A libmicrohttpd server (internal thread pool,
 * epoll) with the JSON API under /api/v1/ (jansson), accounts and sessions (store/auth.h),
 * unit scoping on every query, and the static Chinese UI from a folder (web/), ECharts from
 * node_modules under /vendor/echarts.min.js.
 *
 * Each worker takes its own store connection from a pool; the indicator data (metrics.h) is
 * loaded once and shared read-only, and replaced after an import through the API.
 * With db a PostgreSQL URL (`--db postgresql://… --state FILE`), the figures and the
 * drill-down come from the cluster through sqlgen and the store is the server's own state
 * (cluster.c); endpoints needing other case data answer 501 cluster_unsupported.
 * Depends on store, ingest, supervise, metrics, sqlgen, execution, monitor, governance, quality,
 * similar, trends, bulletin, evaluate, danger, casebook, appraise, model, util, libmicrohttpd,
 * jansson, libsodium, libzip. */
#ifndef ZX_WEB_WEB_H
#define ZX_WEB_WEB_H

#include "util/err.h"

struct zx_web_opts {
    const char *db;       /* database file (required, must exist), or a cluster's URL */
    const char *state;    /* with a cluster: the server's own store (accounts, sessions,
                             audit), created when absent */
    const char *listen;   /* "127.0.0.1:8080" (default), "0.0.0.0:80", ":8080" */
    const char *web_dir;  /* static UI folder; NULL: web/ beside the executable's tree */
    const char *tls_cert; /* PEM files: both or neither; with them cookies are Secure */
    const char *tls_key;
    int threads;           /* worker threads; 0: number of CPUs, at least 2 */
    int quiet;             /* no access log */
    const char *port_file; /* write the port listened on here (tests listen on port 0) */
};

/* Serve until SIGTERM or SIGINT, then stop cleanly. Prints the URL on stderr once
 * listening. Returns ZX_OK after a clean stop. */
int zx_web_serve(const struct zx_web_opts *o, struct zx_err *err) ZX_MUST_CHECK;

#endif
