/* cluster.c — `zhixiao serve --db postgresql://… --state FILE`: the server on the sharded
 * PostgreSQL cluster (store/pg.h, sqlgen/sqlgen.h, docs/scale.md).
 *
 * The server's own state (accounts, sessions, audit and ledger, settings) is the SQLite
 * store FILE, leased per request as on the embedded server; at start the cluster's units
 * and staff are copied into it, so the loaded data (r->data->m) holds the unit tree and
 * the handlers and every scope check, unit argument and roll-up runs on the same code. The
 * figures come from the cluster: zx_web__eval_query sends the query to sqlgen instead of
 * the embedded engine, and the drill-down's items and the case timeline (zx_web__case_*)
 * are read from the cluster's tables.
 * Endpoints whose data the cluster does not hold answer 501 cluster_unsupported. */
#include "web/internal.h"

#include "model/vocab.h"
#include "sqlgen/sqlgen.h"
#include "store/pg.h"
#include "store/seal.h"
#include "store/views.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The API paths answered on the cluster: the figures, the drill-down, the case timeline
 * (/cases/{id}), and what lives in the state store (session, accounts). Everything else
 * reads case data the cluster does not serve (documents, workflows, the monitor's
 * columns, …). Listed in docs/scale.md. */
static const char *const served[] = {"/logout",     "/me",        "/units",     "/catalog",
                                     "/indicators", "/dashboard", "/drilldown", "/users"};

int zx_web__cluster_serves(const char *path)
{
    for (size_t i = 0; i < sizeof served / sizeof served[0]; i++)
        if (!strcmp(path, served[i]))
            return 1;
    return !strncmp(path, "/users/", 7) || !strncmp(path, "/cases/", 7);
}

void zx_web__cluster_refuse(struct zx_web_req *r)
{
    zx_web__errorf(r, 501, "cluster_unsupported",
                   "本服务运行在分布式集群上，暂不提供该功能；请在单机数据库上使用",
                   "%s is not served on a PostgreSQL cluster (only the dashboard, indicators, "
                   "drill-down, case timeline and accounts are)",
                   r->path);
}

/* ---- connections ---- */

static struct zx_pg *pg_lease(struct zx_web_app *app, struct zx_err *err)
{
    struct zx_pg *pg = NULL;
    pthread_mutex_lock(&app->lock);
    if (app->npg > 0)
        pg = app->pgpool[--app->npg];
    pthread_mutex_unlock(&app->lock);
    if (pg || zx_pg_connect(app->cluster, &pg, err) == ZX_OK)
        return pg;
    return NULL;
}

static void pg_return(struct zx_web_app *app, struct zx_pg *pg)
{
    pthread_mutex_lock(&app->lock);
    if (app->npg == app->cappg) {
        int cap = app->cappg ? app->cappg * 2 : 8;
        struct zx_pg **p = realloc(app->pgpool, (size_t)cap * sizeof *p);
        if (p) {
            app->pgpool = p;
            app->cappg = cap;
        }
    }
    if (app->npg < app->cappg) {
        app->pgpool[app->npg++] = pg;
        pg = NULL;
    }
    pthread_mutex_unlock(&app->lock);
    zx_pg_close(pg);
}

/* A leased connection back to the pool, or closed after a store error (it may be
 * broken). */
static void pg_done(struct zx_web_app *app, struct zx_pg *pg, int rc)
{
    if (rc == ZX_ESTORE)
        zx_pg_close(pg);
    else
        pg_return(app, pg);
}

void zx_web__cluster_release(struct zx_web_app *app)
{
    for (int i = 0; i < app->npg; i++)
        zx_pg_close(app->pgpool[i]);
    free(app->pgpool);
    app->pgpool = NULL;
    app->npg = app->cappg = 0;
}

/* ---- start ---- */

/* Which export the cluster holds: zx_export's one row as text into mark ("" when none). */
static int export_mark(struct zx_pg *pg, char *mark, size_t size, struct zx_err *err)
{
    struct zx_pg_rows *rows = NULL;
    int rc = zx_pg_query(pg,
                         "SELECT concat_ws(' ', exported_at, cases, persons, events) FROM"
                         " zx_export WHERE id = 1",
                         &rows, err);
    const char *v = !rc && zx_pg_rows_count(rows) == 1 ? zx_pg_rows_get(rows, 0, 0) : NULL;
    snprintf(mark, size, "%s", v ? v : "");
    zx_pg_rows_free(rows);
    return rc;
}

/* Copy the cluster's units and staff into st; mark (size bytes) gets the export they come
 * from, read in the same transaction so the two agree. */
static int pull(struct zx_pg *pg, struct zx_store *st, char *mark, size_t size, int64_t *nu,
                int64_t *ns, struct zx_err *err)
{
    struct zx_pg_rows *rows = NULL;
    int rc = zx_pg_query(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &rows, err);
    zx_pg_rows_free(rows);
    rows = NULL;
    if (rc)
        return rc;
    if (!(rc = export_mark(pg, mark, size, err)))
        rc = zx_pg_pull_reference(pg, st, nu, ns, err);
    int end = zx_pg_query(pg, rc ? "ROLLBACK" : "COMMIT", &rows, rc ? NULL : err);
    zx_pg_rows_free(rows);
    return rc ? rc : end;
}

int zx_web__cluster_open(struct zx_web_app *app, const char *url, struct zx_store *st,
                         struct zx_err *err)
{
    struct zx_pg *pg = NULL;
    int64_t nu = 0, ns = 0;
    snprintf(app->cluster, sizeof app->cluster, "%s", url);
    int rc = zx_pg_connect(url, &pg, err);
    if (!rc)
        rc = pull(pg, st, app->export_mark, sizeof app->export_mark, &nu, &ns, err);
    if (!rc && nu == 0)
        rc = zx_err_set(err, ZX_ENOTFOUND, "the cluster holds no units (run zhixiao export)");
    if (!rc)
        fprintf(stderr, "zhixiao serve: %lld units and %lld staff copied from the cluster\n",
                (long long)nu, (long long)ns);
    if (!rc)
        pg_return(app, pg);
    else
        zx_pg_close(pg);
    return rc;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* how often a request looks at zx_export: a re-export shows within this many ms */
#define FOLLOW_MS 2000

void zx_web__cluster_follow(struct zx_web_req *r)
{
    struct zx_web_app *app = r->app;
    int64_t t = now_ms();
    if (t - __atomic_load_n(&app->export_checked_ms, __ATOMIC_ACQUIRE) < FOLLOW_MS)
        return;
    if (pthread_mutex_trylock(&app->follow))
        return; /* another request is looking: this one goes on with the data as it is */
    __atomic_store_n(&app->export_checked_ms, t, __ATOMIC_RELEASE);
    struct zx_err err = {0};
    char mark[sizeof app->export_mark];
    int64_t nu = 0, ns = 0;
    struct zx_pg *pg = pg_lease(app, &err);
    int rc = pg ? export_mark(pg, mark, sizeof mark, &err) : ZX_ESTORE;
    if (!rc && strcmp(mark, app->export_mark)) {
        /* exported again: the units and staff (their row ids key every figure), then the
         * data; the mark last, so a failure is tried again */
        rc = pull(pg, r->st, mark, sizeof mark, &nu, &ns, &err);
        if (!rc)
            rc = zx_web__data_load(app, r->st, &err);
        if (!rc) {
            memcpy(app->export_mark, mark, sizeof mark);
            fprintf(stderr, /* as at the start: said even when --quiet */
                    "zhixiao serve: the cluster was exported again: %lld units and %lld "
                    "staff copied, figures reloaded\n",
                    (long long)nu, (long long)ns);
        }
    }
    if (rc)
        fprintf(stderr, "zhixiao serve: following the cluster's export: %s\n", err.msg);
    if (pg)
        pg_done(app, pg, rc);
    pthread_mutex_unlock(&app->follow);
}

int zx_web__cluster_years(struct zx_web_app *app, struct zx_web_data *d, struct zx_err *err)
{
    struct zx_pg_rows *rows = NULL;
    struct zx_pg *pg = pg_lease(app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    /* as zx_store_case_date_range on the embedded store */
    int rc = zx_pg_query(pg,
                         "SELECT min(accepted_on), greatest(max(coalesce(closed_on, 0)),"
                         " max(accepted_on)) FROM cases",
                         &rows, err);
    if (!rc && zx_pg_rows_count(rows) == 1 && zx_pg_rows_get(rows, 0, 0)) {
        int y1, y2, m2, dd;
        zx_date_to_ymd(atoi(zx_pg_rows_get(rows, 0, 0)), &y1, &dd, &dd);
        zx_date_to_ymd(atoi(zx_pg_rows_get(rows, 0, 1)), &y2, &m2, &dd);
        d->first_year = y1;
        d->last_year = y2;
        d->default_year = m2 < 12 && y2 > y1 ? y2 - 1 : y2; /* the last complete year */
    }
    zx_pg_rows_free(rows);
    pg_done(app, pg, rc);
    return rc;
}

/* ---- the data source ---- */

int zx_web__eval_query(const struct zx_web_req *r, const struct zx_metrics_query *q,
                       struct zx_metrics_result **out, struct zx_err *err)
{
    if (!r->app->cluster[0])
        return zx_metrics_eval(r->data->m, q, out, err);
    struct zx_pg *pg = pg_lease(r->app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    int rc = zx_sqlgen_eval(pg, r->data->m, q, out, err);
    if (rc == ZX_ESTORE) { /* the connection may be broken: do not pool it */
        zx_pg_close(pg);
        return rc;
    }
    pg_return(r->app, pg);
    return rc;
}

/* The case timeline: the embedded store's views, or the cluster's (store/pg.h). The
 * sealed records stay hidden unless this request revealed them (zx_web__seal_guard sets
 * the state store's guard on the cluster as on the embedded store). */
int zx_web__case_view(struct zx_web_req *r, const char *case_id, zx_view_case_cb cb, void *ud,
                      struct zx_err *err)
{
    if (!r->app->cluster[0])
        return zx_store_view_case(r->st, case_id, cb, ud, err);
    struct zx_pg *pg = pg_lease(r->app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    int rc = zx_pg_view_case(pg, case_id, zx_store_seal_guarded(r->st), cb, ud, err);
    pg_done(r->app, pg, rc);
    return rc;
}

int zx_web__case_handled_by(struct zx_web_req *r, int64_t case_rid, const char *staff_id, int *yes,
                            struct zx_err *err)
{
    if (!r->app->cluster[0])
        return zx_store_view_case_handled_by(r->st, case_rid, staff_id, yes, err);
    struct zx_pg *pg = pg_lease(r->app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    int rc =
        zx_pg_view_case_handled_by(pg, case_rid, staff_id, zx_store_seal_guarded(r->st), yes, err);
    pg_done(r->app, pg, rc);
    return rc;
}

int zx_web__case_persons(struct zx_web_req *r, int64_t case_rid, zx_view_person_cb cb, void *ud,
                         struct zx_err *err)
{
    if (!r->app->cluster[0])
        return zx_store_view_persons_of_case(r->st, case_rid, cb, ud, err);
    struct zx_pg *pg = pg_lease(r->app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    int rc = zx_pg_view_persons_of_case(pg, case_rid, zx_store_seal_guarded(r->st), cb, ud, err);
    pg_done(r->app, pg, rc);
    return rc;
}

int zx_web__case_events(struct zx_web_req *r, int64_t case_rid, zx_view_event_cb cb, void *ud,
                        struct zx_err *err)
{
    if (!r->app->cluster[0])
        return zx_store_view_events_of_case(r->st, case_rid, cb, ud, err);
    struct zx_pg *pg = pg_lease(r->app, err);
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    int rc = zx_pg_view_events_of_case(pg, case_rid, zx_store_seal_guarded(r->st), cb, ud, err);
    pg_done(r->app, pg, rc);
    return rc;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *jlabel(enum zx_vocab v, const char *s)
{
    int x = s ? atoi(s) : 0;
    return x ? jstr(zx_vocab_label(v, x)) : json_null();
}

/* "a, b, c" of the non-zero values of one field of hits [first, last) */
static void rid_list(FILE *f, const struct zx_metrics_hit *h, size_t first, size_t last, int field)
{
    int k = 0;
    for (size_t i = first; i < last; i++) {
        int64_t v = field == 0 ? h[i].case_rid : field == 1 ? h[i].person_rid : h[i].event_rid;
        if (v)
            fprintf(f, "%s%lld", k++ ? ", " : "", (long long)v);
    }
    if (!k)
        fputs("NULL", f);
}

static int row_of(const struct zx_pg_rows *rows, int64_t rid)
{
    for (int i = 0; rows && i < zx_pg_rows_count(rows); i++)
        if (atoll(zx_pg_rows_get(rows, i, 0)) == rid)
            return i;
    return -1;
}

int zx_web__cluster_items(struct zx_web_req *r, const struct zx_metrics_hit *hits, size_t first,
                          size_t last, json_t *items, struct zx_err *err)
{
    static const char *const head[] = {
        ("SELECT c.rid, c.case_id, c.case_no, u.unit_id, u.name, c.charge, c.line FROM cases c"
         " JOIN units u ON u.rid = c.unit_rid WHERE c.rid IN ("),
        "SELECT rid, person_id, name, id_number FROM persons WHERE rid IN (",
        "SELECT rid, event_id, type, date, result FROM events WHERE rid IN ("};
    /* the sealed records hidden as the embedded guard hides them (store_seal.c), unless
     * this request revealed them */
    static const char *const sealed[] = {
        " AND c.rid NOT IN (SELECT rid FROM sealed WHERE kind = 'case')",
        (" AND rid NOT IN (SELECT rid FROM sealed WHERE kind = 'person')"
         " AND case_rid NOT IN (SELECT rid FROM sealed WHERE kind = 'case')"),
        (" AND case_rid NOT IN (SELECT rid FROM sealed WHERE kind = 'case') AND (person_rid IS"
         " NULL OR person_rid NOT IN (SELECT rid FROM sealed WHERE kind = 'person'))")};
    int hide = zx_store_seal_guarded(r->st);
    struct zx_pg_rows *rows[3] = {NULL, NULL, NULL};
    struct zx_pg *pg = pg_lease(r->app, err);
    int rc = ZX_OK;
    if (!pg)
        return err->rc ? err->rc : ZX_ESTORE;
    for (int t = 0; t < 3 && !rc; t++) {
        char *sql = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&sql, &n);
        if (!f) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            break;
        }
        fputs(head[t], f);
        rid_list(f, hits, first, last, t);
        fputs(")", f);
        if (hide)
            fputs(sealed[t], f);
        if (fclose(f) || !sql)
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        else
            rc = zx_pg_query(pg, sql, &rows[t], err);
        free(sql);
    }
    for (size_t i = first; !rc && i < last; i++) {
        const struct zx_metrics_hit *h = &hits[i];
        json_t *it =
            json_pack("{s:i,s:i,s:s}", "no", (int)(i + 1), "term", h->term_slot, "counting",
                      h->counting == 1   ? "persons"
                      : h->counting == 2 ? "cases"
                                         : "events");
        int k = row_of(rows[0], h->case_rid);
        if (k >= 0) {
            const struct zx_pg_rows *c = rows[0];
            json_object_set_new(it, "case_id", jstr(zx_pg_rows_get(c, k, 1)));
            json_object_set_new(it, "case_no", jstr(zx_pg_rows_get(c, k, 2)));
            json_object_set_new(it, "unit_id", jstr(zx_pg_rows_get(c, k, 3)));
            json_object_set_new(it, "unit_name", jstr(zx_pg_rows_get(c, k, 4)));
            json_object_set_new(it, "charge", jstr(zx_pg_rows_get(c, k, 5)));
            json_object_set_new(it, "line", jlabel(ZX_V_LINE, zx_pg_rows_get(c, k, 6)));
        }
        if (h->person_rid && (k = row_of(rows[1], h->person_rid)) >= 0) {
            char idn[24];
            zx_web__idnum(r, zx_pg_rows_get(rows[1], k, 3), idn);
            json_object_set_new(it, "person_id", jstr(zx_pg_rows_get(rows[1], k, 1)));
            json_object_set_new(it, "person_name", jstr(zx_pg_rows_get(rows[1], k, 2)));
            json_object_set_new(it, "id_number", idn[0] ? json_string(idn) : json_null());
        }
        if (h->event_rid && (k = row_of(rows[2], h->event_rid)) >= 0) {
            const struct zx_pg_rows *e = rows[2];
            char d[16];
            zx_date_format(atoi(zx_pg_rows_get(e, k, 3)), d);
            json_object_set_new(it, "event_id", jstr(zx_pg_rows_get(e, k, 1)));
            json_object_set_new(it, "event_type", jlabel(ZX_V_EVENT_TYPE, zx_pg_rows_get(e, k, 2)));
            json_object_set_new(it, "event_date", json_string(d));
            json_object_set_new(it, "event_result", jlabel(ZX_V_RESULT, zx_pg_rows_get(e, k, 4)));
        }
        json_array_append_new(items, it);
    }
    for (int t = 0; t < 3; t++)
        zx_pg_rows_free(rows[t]);
    if (rc == ZX_ESTORE)
        zx_pg_close(pg);
    else
        pg_return(r->app, pg);
    return rc;
}
