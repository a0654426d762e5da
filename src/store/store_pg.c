/* store_pg.c — the PostgreSQL cluster: connection, queries and the export (pg.h). */
#include "store/pg.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/shard_plan.h"
#include "store/sql.h"
#include "util/date.h"

enum { MAX_SHARDS = ZX_PG_MAX_SHARDS, COPY_CHUNK = 1 << 16 };

struct zx_pg {
    PGconn *conn;
};

struct zx_pg_rows {
    PGresult *res;
};

int zx_pg_is_url(const char *s)
{
    return s && (strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0);
}

static int conn_err(PGconn *c, struct zx_err *err, const char *what)
{
    char msg[400];
    snprintf(msg, sizeof msg, "%s", c ? PQerrorMessage(c) : "out of memory");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = 0;
    return zx_err_set(err, ZX_ESTORE, "%s: %s", what, msg);
}

static int open_conn(const char *conninfo, PGconn **out, struct zx_err *err)
{
    PGconn *c = PQconnectdb(conninfo);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        int rc = conn_err(c, err, "cannot connect to PostgreSQL");
        PQfinish(c);
        return rc;
    }
    /* fixed output of numbers whatever the server's settings */
    PGresult *r = PQexec(c, "SET client_min_messages = warning; SET extra_float_digits = 3");
    PQclear(r);
    *out = c;
    return ZX_OK;
}

int zx_pg_connect(const char *url, struct zx_pg **out, struct zx_err *err)
{
    struct zx_pg *pg = calloc(1, sizeof *pg);
    if (!pg)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int rc = open_conn(url, &pg->conn, err);
    if (rc) {
        free(pg);
        return rc;
    }
    *out = pg;
    return ZX_OK;
}

void zx_pg_close(struct zx_pg *pg)
{
    if (!pg)
        return;
    PQfinish(pg->conn);
    free(pg);
}

static int exec_ok(PGconn *c, const char *sql, struct zx_err *err)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType s = PQresultStatus(r);
    int rc = ZX_OK;
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        rc = conn_err(c, err, sql);
    PQclear(r);
    return rc;
}

int zx_pg_query(struct zx_pg *pg, const char *sql, struct zx_pg_rows **out, struct zx_err *err)
{
    return zx_pg_query_params(pg, sql, 0, NULL, out, err);
}

int zx_pg_query_params(struct zx_pg *pg, const char *sql, int n, const char *const *values,
                       struct zx_pg_rows **out, struct zx_err *err)
{
    struct zx_pg_rows *rows = calloc(1, sizeof *rows);
    if (!rows)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    rows->res = PQexecParams(pg->conn, sql, n, NULL, values, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(rows->res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        int rc = conn_err(pg->conn, err, "PostgreSQL query failed");
        zx_pg_rows_free(rows);
        return rc;
    }
    *out = rows;
    return ZX_OK;
}

int zx_pg_rows_count(const struct zx_pg_rows *r)
{
    return PQntuples(r->res);
}

const char *zx_pg_rows_get(const struct zx_pg_rows *r, int i, int j)
{
    if (i < 0 || i >= PQntuples(r->res) || j < 0 || j >= PQnfields(r->res) ||
        PQgetisnull(r->res, i, j))
        return NULL;
    return PQgetvalue(r->res, i, j);
}

void zx_pg_rows_free(struct zx_pg_rows *r)
{
    if (!r)
        return;
    PQclear(r->res);
    free(r);
}

/* ---- export ---- */

/* A COPY stream: text format, buffered into chunks. */
struct copy {
    PGconn *c;
    char *buf;
    size_t len, cap;
    int failed;
};

static int buf_grow(struct copy *cp, size_t need)
{
    if (cp->len + need <= cp->cap)
        return 0;
    size_t ncap = cp->cap ? cp->cap : COPY_CHUNK * 2;
    while (ncap < cp->len + need)
        ncap *= 2;
    char *n = realloc(cp->buf, ncap);
    if (!n)
        return -1;
    cp->buf = n;
    cp->cap = ncap;
    return 0;
}

static int copy_flush(struct copy *cp)
{
    if (cp->len && PQputCopyData(cp->c, cp->buf, (int)cp->len) != 1)
        cp->failed = 1;
    cp->len = 0;
    return cp->failed ? -1 : 0;
}

static int put_raw(struct copy *cp, const char *s, size_t n)
{
    if (buf_grow(cp, n))
        return -1;
    memcpy(cp->buf + cp->len, s, n);
    cp->len += n;
    return 0;
}

/* One value of a COPY text row: \N for NULL; text escaped (backslash, tab, newline, CR). */
static int put_text(struct copy *cp, const char *s)
{
    if (!s)
        return put_raw(cp, "\\N", 2);
    size_t n = strlen(s);
    if (buf_grow(cp, 2 * n + 1))
        return -1;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        const char *esc = ch == '\\'   ? "\\\\"
                          : ch == '\t' ? "\\t"
                          : ch == '\n' ? "\\n"
                          : ch == '\r' ? "\\r"
                                       : NULL;
        if (esc) {
            cp->buf[cp->len++] = esc[0];
            cp->buf[cp->len++] = esc[1];
        } else {
            cp->buf[cp->len++] = ch;
        }
    }
    return 0;
}

static int put_int(struct copy *cp, long long v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%lld", v);
    return put_raw(cp, b, (size_t)n);
}

/* Column i of s, by its storage class. */
static int put_col(struct copy *cp, sqlite3_stmt *s, int i)
{
    char b[40];
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_NULL:
        return put_raw(cp, "\\N", 2);
    case SQLITE_INTEGER:
        return put_int(cp, (long long)sqlite3_column_int64(s, i));
    case SQLITE_FLOAT:
        snprintf(b, sizeof b, "%.17g", sqlite3_column_double(s, i));
        return put_raw(cp, b, strlen(b));
    default:
        return put_text(cp, (const char *)sqlite3_column_text(s, i));
    }
}

static int row_end(struct copy *cp)
{
    if (cp->len && cp->buf[cp->len - 1] == '\t')
        cp->len--;
    if (put_raw(cp, "\n", 1))
        return -1;
    return cp->len >= COPY_CHUNK ? copy_flush(cp) : 0;
}

static int copy_begin(struct copy *cp, const char *table, struct zx_err *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN", table);
    PGresult *r = PQexec(cp->c, sql);
    int rc = PQresultStatus(r) == PGRES_COPY_IN ? ZX_OK : conn_err(cp->c, err, sql);
    PQclear(r);
    cp->len = 0;
    cp->failed = 0;
    return rc;
}

static int copy_end(struct copy *cp, const char *what, struct zx_err *err)
{
    copy_flush(cp);
    if (PQputCopyEnd(cp->c, cp->failed ? "client failed" : NULL) != 1)
        return conn_err(cp->c, err, what);
    int rc = ZX_OK;
    PGresult *r;
    while ((r = PQgetResult(cp->c))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == ZX_OK)
            rc = conn_err(cp->c, err, what);
        PQclear(r);
    }
    if (rc == ZX_OK && cp->failed)
        rc = zx_err_set(err, ZX_ENOMEM, "%s: out of memory", what);
    return rc;
}

/* Units with their pre-order position (roots, then children, in rid order, as the
 * indicator engine orders them), subtree size and shard: the shard of the root's child they
 * lie under (group, its number among the root's children; -1 for a root), placed by events
 * (shard_plan.h); the roots' own rows on shard 0. */
struct unit {
    int64_t rid, parent, events;
    int32_t pidx, pre, size, shard, group, first, next;
};

static int cmp_unit_rid(const void *a, const void *b)
{
    int64_t x = ((const struct unit *)a)->rid, y = ((const struct unit *)b)->rid;
    return x < y ? -1 : x > y;
}

static int32_t unit_index(const struct unit *u, int32_t n, int64_t rid)
{
    int32_t lo = 0, hi = n - 1;
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (u[mid].rid == rid)
            return mid;
        if (u[mid].rid < rid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Each unit's events (as SQL_EVENTS reads them: through their case); the events of cases
 * whose unit is unknown, which go to shard 0, into *orphans. */
static int count_events(struct zx_store *st, struct unit *u, int32_t nu, int64_t *orphans,
                        struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT c.unit_rid, count(*) FROM cases c"
                            " JOIN events e ON e.case_rid = c.id GROUP BY c.unit_rid",
                            &s, err);
    if (rc)
        return rc;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int32_t ui = unit_index(u, nu, sqlite3_column_int64(s, 0));
        *(ui >= 0 ? &u[ui].events : orphans) += sqlite3_column_int64(s, 1);
    }
    if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "events per unit");
    sqlite3_finalize(s);
    return rc;
}

/* The root's children's subtrees to shards by their events, the roots' own on shard 0;
 * load[] gets each shard's events. */
static int place_subtrees(struct zx_store *st, struct unit *u, int32_t nu, int32_t ngroups,
                          int nshards, int64_t *load, struct zx_err *err)
{
    int64_t *w = calloc((size_t)ngroups + 1, sizeof *w);
    int *plan = calloc((size_t)ngroups + 1, sizeof *plan);
    int rc = ZX_OK;
    if (!w || !plan) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int i = 0; i < nshards; i++)
        load[i] = 0;
    if ((rc = count_events(st, u, nu, &load[0], err)))
        goto cleanup;
    for (int32_t i = 0; i < nu; i++)
        *(u[i].group >= 0 ? &w[u[i].group] : &load[0]) += u[i].events;
    if ((rc = zx_shard_plan(w, ngroups, nshards, load, plan, err)))
        goto cleanup;
    for (int32_t i = 0; i < nu; i++)
        u[i].shard = u[i].group >= 0 ? plan[u[i].group] : 0;
cleanup:
    free(w);
    free(plan);
    return rc;
}

static int load_units(struct zx_store *st, int nshards, struct unit **out, int32_t *n,
                      int64_t *load, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct unit *u = NULL;
    int32_t *stack = NULL;
    int32_t nu = 0, cap = 0;
    int rc = zx_store__prep(st, "SELECT id, parent_rid FROM units ORDER BY id", &s, err);
    if (rc)
        return rc;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (nu == cap) {
            cap = cap ? cap * 2 : 256;
            struct unit *nn = realloc(u, (size_t)cap * sizeof *nn);
            if (!nn) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            u = nn;
        }
        u[nu] = (struct unit){
            .rid = sqlite3_column_int64(s, 0),
            .parent = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 1),
            .pre = -1,
            .group = -1,
            .first = -1,
            .next = -1};
        nu++;
    }
    qsort(u, (size_t)nu, sizeof *u, cmp_unit_rid);
    /* children lists in rid order: link from the largest rid down */
    for (int32_t i = nu - 1; i >= 0; i--) {
        int32_t p = u[i].parent ? unit_index(u, nu, u[i].parent) : -1;
        u[i].pidx = p == i ? -1 : p;
        if (u[i].pidx >= 0) {
            u[i].next = u[u[i].pidx].first;
            u[u[i].pidx].first = i;
        }
    }
    stack = malloc(((size_t)nu + 1) * sizeof *stack);
    if (!stack) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    int32_t k = 0, ngroups = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int32_t root = 0; root < nu; root++) {
            if (u[root].pre >= 0 || (pass == 0 && u[root].pidx >= 0))
                continue;
            u[root].group = -1;
            int32_t sp = 0;
            stack[sp++] = root;
            while (sp) {
                int32_t x = stack[--sp];
                if (u[x].pre >= 0)
                    continue;
                u[x].pre = k++;
                u[x].size = 1;
                if (x != root && u[x].pidx == root)
                    u[x].group = ngroups++; /* a subtree of the root: one shard */
                else if (x != root)
                    u[x].group = u[u[x].pidx].group;
                int32_t cnt = 0;
                for (int32_t c = u[x].first; c >= 0; c = u[c].next)
                    cnt++;
                if (sp + cnt > nu)
                    break;
                int32_t j = sp + cnt;
                for (int32_t c = u[x].first; c >= 0; c = u[c].next)
                    stack[--j] = c;
                sp += cnt;
            }
        }
    /* subtree sizes: children come after their parent in pre-order */
    int32_t *by_pre = stack;
    for (int32_t i = 0; i < nu; i++)
        by_pre[u[i].pre] = i;
    for (int32_t q = nu - 1; q >= 0; q--) {
        int32_t i = by_pre[q], p = u[i].pidx;
        if (p >= 0 && u[p].pre < u[i].pre)
            u[p].size += u[i].size;
    }
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = place_subtrees(st, u, nu, ngroups, nshards, load, err)))
        goto cleanup;
    *out = u;
    *n = nu;
    u = NULL;
cleanup:
    free(stack);
    free(u);
    sqlite3_finalize(s);
    return rc;
}

/* Stream one SQLite query into the shards' COPY: column 0 is the unit rid that decides the
 * shard (not copied), the rest are the table's columns after `shard`. per_shard (may be
 * NULL) counts each shard's rows. */
static int copy_sharded(struct zx_store *st, struct copy *cp, int nshards, const char *table,
                        const char *sql, const struct unit *u, int32_t nu, int64_t *count,
                        int64_t *per_shard, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, rcs[MAX_SHARDS];
    for (int i = 0; i < nshards; i++)
        if ((rc = copy_begin(&cp[i], table, err)))
            return rc; /* the caller rolls every connection back */
    if ((rc = zx_store__prep(st, sql, &s, err)))
        goto end;
    int ncol = sqlite3_column_count(s), r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        int32_t ui = unit_index(u, nu, sqlite3_column_int64(s, 0));
        int sh = ui >= 0 ? u[ui].shard : 0;
        struct copy *c = &cp[sh];
        put_int(c, sh);
        put_raw(c, "\t", 1);
        for (int j = 1; j < ncol; j++) {
            put_col(c, s, j);
            put_raw(c, "\t", 1);
        }
        if (row_end(c)) {
            rc = zx_err_set(err, ZX_ESTORE, "%s: cannot send to shard %d", table, sh);
            break;
        }
        (*count)++;
        if (per_shard)
            per_shard[sh]++;
    }
    if (!rc && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, table);
end:
    sqlite3_finalize(s);
    for (int i = 0; i < nshards; i++) {
        struct zx_err e2 = {0};
        rcs[i] = copy_end(&cp[i], table, &e2);
        if (rcs[i] && !rc) {
            rc = rcs[i];
            *err = e2;
        }
    }
    return rc;
}

/* A reference table, the same rows to every connection in conns. */
static int copy_ref(struct zx_store *st, struct copy *cp, int n, const char *table, const char *sql,
                    const struct unit *u, int32_t nu, int64_t *count, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK;
    for (int i = 0; i < n; i++)
        if ((rc = copy_begin(&cp[i], table, err)))
            return rc;
    if ((rc = zx_store__prep(st, sql, &s, err)))
        goto end;
    int ncol = sqlite3_column_count(s), r;
    int units = u != NULL;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        const struct unit *x = units ? &u[unit_index(u, nu, sqlite3_column_int64(s, 0))] : NULL;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ncol; j++) {
                put_col(&cp[i], s, j);
                put_raw(&cp[i], "\t", 1);
            }
            if (units) { /* pre, size, shard */
                put_int(&cp[i], x->pre);
                put_raw(&cp[i], "\t", 1);
                put_int(&cp[i], x->size);
                put_raw(&cp[i], "\t", 1);
                put_int(&cp[i], x->shard);
            }
            if (row_end(&cp[i]) && !rc)
                rc = zx_err_set(err, ZX_ESTORE, "%s: cannot send the rows", table);
        }
        (*count)++;
    }
    if (!rc && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, table);
end:
    sqlite3_finalize(s);
    for (int i = 0; i < n; i++) {
        struct zx_err e2 = {0};
        int r2 = copy_end(&cp[i], table, &e2);
        if (r2 && !rc) {
            rc = r2;
            *err = e2;
        }
    }
    return rc;
}

static const char SQL_CASES[] =
    "SELECT unit_rid, id, case_id, unit_rid, case_no, line, business, kind, source, charge,"
    " accepted_on, closed_on, handler_rid, complex FROM cases ORDER BY id";
static const char SQL_PERSONS[] =
    "SELECT c.unit_rid, p.id, p.person_id, p.case_rid, p.role, p.name, p.id_number,"
    " p.id_flag, p.gender, p.birth_date FROM persons p JOIN cases c ON c.id = p.case_rid"
    " ORDER BY p.id";
/* result NULL reads as code 0, as the engine reads it */
static const char SQL_EVENTS[] =
    "SELECT c.unit_rid, e.id, e.event_id, e.case_rid, e.person_rid, e.type,"
    " coalesce(e.result, 0), e.date, e.handler_rid, e.decider_rid, e.ref_rid, e.amount,"
    " e.note, c.unit_rid, c.line, c.kind, c.source, c.business, c.accepted_on, c.closed_on,"
    " c.handler_rid, r.type, coalesce(r.result, 0), r.date,"
    /* the timeline's ledger entry, as zx_store_view_events_of_case reads it */
    " (SELECT l.seq || ':' || lower(hex(substr(l.hash, 1, 6))) FROM ledger l"
    "  WHERE l.tbl = 'events' AND l.rid = e.id ORDER BY l.seq DESC LIMIT 1)"
    " FROM events e JOIN cases c ON c.id = e.case_rid LEFT JOIN events r ON r.id = e.ref_rid"
    " ORDER BY e.id";

int zx_pg_export(struct zx_store *st, const char *url, struct zx_pg_export_stats *stats,
                 struct zx_err *err)
{
    PGconn *coord = NULL, *shard[MAX_SHARDS] = {0};
    PGresult *res = NULL;
    struct copy cp[MAX_SHARDS + 1];
    struct unit *u = NULL;
    int32_t nu = 0;
    int64_t planned[MAX_SHARDS]; /* the plan's events per shard; stats counts what was sent */
    int nshards = 0, prepared[MAX_SHARDS + 1] = {0}, began = 0, rc;
    char gid[MAX_SHARDS + 1][64];
    memset(cp, 0, sizeof cp);
    memset(stats, 0, sizeof *stats);
    if ((rc = open_conn(url, &coord, err)))
        return rc;
    res = PQexec(coord, "SELECT shard, host, port, dbname, username FROM zx_shards ORDER BY shard");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        rc = conn_err(coord, err, "not a Zhixiao cluster (scripts/pg-cluster.sh): zx_shards");
        goto cleanup;
    }
    nshards = PQntuples(res);
    if (nshards < 1 || nshards > MAX_SHARDS) {
        rc = zx_err_set(err, ZX_EINVAL, "the cluster has %d shards (1 to %d expected)", nshards,
                        MAX_SHARDS);
        goto cleanup;
    }
    for (int i = 0; i < nshards; i++) {
        char ci[512];
        if (atoi(PQgetvalue(res, i, 0)) != i) {
            rc =
                zx_err_set(err, ZX_EINVAL, "zx_shards: shards are not numbered 0..%d", nshards - 1);
            goto cleanup;
        }
        snprintf(ci, sizeof ci, "host=%s port=%s dbname=%s user=%s", PQgetvalue(res, i, 1),
                 PQgetvalue(res, i, 2), PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
        if ((rc = open_conn(ci, &shard[i], err)))
            goto cleanup;
    }
    PQclear(res);
    res = NULL;
    stats->shards = nshards;
    for (int i = 0; i < nshards; i++)
        cp[i].c = shard[i];
    cp[nshards].c = coord;
    /* one read transaction over the SQLite store: a consistent copy */
    if ((rc = zx_store_begin(st, err)))
        goto cleanup;
    began = 1;
    if ((rc = load_units(st, nshards, &u, &nu, planned, err)))
        goto cleanup;
    for (int i = 0; i <= nshards; i++) {
        PGconn *c = cp[i].c;
        const char *trunc = i < nshards
                                ? "TRUNCATE cases_local, persons_local, events_local,"
                                  " units, staff, vocab"
                                : "TRUNCATE units, staff, vocab, unit_tree, zx_export, sealed";
        if ((rc = exec_ok(c, "BEGIN", err)) || (rc = exec_ok(c, trunc, err)))
            goto cleanup;
    }
    int64_t dummy = 0;
    if ((rc = copy_ref(st, cp, nshards + 1, "units",
                       "SELECT id, unit_id, name, level, parent_rid FROM units ORDER BY id", u, nu,
                       &stats->units, err)) ||
        (rc = copy_ref(st, cp, nshards + 1, "staff",
                       "SELECT id, staff_id, unit_rid, name, department, role, is_leader"
                       " FROM staff ORDER BY id",
                       NULL, 0, &stats->staff, err)) ||
        (rc = copy_ref(st, cp, nshards + 1, "vocab",
                       "SELECT vocab, value, code, label FROM vocab ORDER BY vocab, value", NULL, 0,
                       &dummy, err)) ||
        /* the sealed records, for the timeline's guard: on the coordinator only */
        (rc = copy_ref(st, &cp[nshards], 1, "sealed",
                       "SELECT kind, rid FROM main.sealed ORDER BY kind, rid", NULL, 0, &dummy,
                       err)) ||
        (rc = copy_sharded(st, cp, nshards, "cases_local", SQL_CASES, u, nu, &stats->cases, NULL,
                           err)) ||
        (rc = copy_sharded(st, cp, nshards, "persons_local", SQL_PERSONS, u, nu, &stats->persons,
                           NULL, err)) ||
        (rc = copy_sharded(st, cp, nshards, "events_local", SQL_EVENTS, u, nu, &stats->events,
                           stats->shard_events, err)))
        goto cleanup;
    {
        char sql[400];
        snprintf(sql, sizeof sql,
                 "INSERT INTO unit_tree WITH RECURSIVE t(anc, des) AS ("
                 " SELECT rid, rid FROM units UNION"
                 " SELECT t.anc, u.rid FROM t JOIN units u ON u.parent_rid = t.des)"
                 " SELECT anc, des FROM t;"
                 "INSERT INTO zx_export VALUES (1, NULL, now()::text, %lld, %lld, %lld)",
                 (long long)stats->cases, (long long)stats->persons, (long long)stats->events);
        if ((rc = exec_ok(coord, sql, err)))
            goto cleanup;
    }
    /* two phases: every instance prepares, then all commit */
    for (int i = 0; i <= nshards; i++) {
        char sql[128];
        snprintf(gid[i], sizeof gid[i], "zx_export_%ld_%d", (long)getpid(), i);
        snprintf(sql, sizeof sql, "PREPARE TRANSACTION '%s'", gid[i]);
        if ((rc = exec_ok(cp[i].c, sql, err)))
            goto cleanup;
        prepared[i] = 1;
    }
    for (int i = 0; i <= nshards; i++) {
        char sql[128];
        snprintf(sql, sizeof sql, "COMMIT PREPARED '%s'", gid[i]);
        if ((rc = exec_ok(cp[i].c, sql, err)))
            goto cleanup; /* a prepared transaction left: COMMIT PREPARED by hand */
        prepared[i] = 0;
    }
    for (int i = 0; i <= nshards; i++)
        if ((rc = exec_ok(cp[i].c, "ANALYZE", err)))
            goto cleanup;
cleanup:
    for (int i = 0; i <= nshards; i++) {
        if (!cp[i].c)
            continue;
        if (rc && prepared[i]) {
            char sql[128];
            snprintf(sql, sizeof sql, "ROLLBACK PREPARED '%s'", gid[i]);
            PQclear(PQexec(cp[i].c, sql));
        } else if (rc) {
            PQclear(PQexec(cp[i].c, "ROLLBACK"));
        }
        free(cp[i].buf);
    }
    if (began)
        zx_store_rollback(st);
    PQclear(res);
    for (int i = 0; i < nshards; i++)
        PQfinish(shard[i]);
    PQfinish(coord);
    free(u);
    return rc;
}

/* ---- the reference tables back into a local store (the web server's state) ---- */

static int bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}

int zx_pg_pull_reference(struct zx_pg *pg, struct zx_store *st, int64_t *nunits, int64_t *nstaff,
                         struct zx_err *err)
{
    sqlite3 *db = zx_store_sqlite(st);
    struct zx_pg_rows *u = NULL, *s = NULL;
    sqlite3_stmt *iu = NULL, *is = NULL;
    int rc;
    /* parents before children (pre-order), so every parent_rid names a row already there */
    if ((rc =
             zx_pg_query(pg, "SELECT rid, unit_id, name, level, parent_rid FROM units ORDER BY pre",
                         &u, err)) ||
        (rc = zx_pg_query(pg,
                          "SELECT rid, staff_id, unit_rid, name, department, role, is_leader"
                          " FROM staff ORDER BY rid",
                          &s, err)))
        goto cleanup;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        rc = zx_err_set(err, ZX_ESTORE, "state store: %s", sqlite3_errmsg(db));
        goto cleanup;
    }
    /* the same row ids as the cluster (its rids are the exported store's): upsert, then drop
     * what the cluster no longer holds */
    if (sqlite3_exec(db,
                     "CREATE TEMP TABLE IF NOT EXISTS zx_pull(tbl INTEGER, rid INTEGER);"
                     "DELETE FROM zx_pull;",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO units(id, unit_id, name, level, parent_rid, row_hash)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, 0) ON CONFLICT(id) DO UPDATE SET"
                           " unit_id = ?2, name = ?3, level = ?4, parent_rid = ?5",
                           -1, &iu, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO staff(id, staff_id, unit_rid, name, department, role,"
                           " is_leader, row_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)"
                           " ON CONFLICT(id) DO UPDATE SET staff_id = ?2, unit_rid = ?3,"
                           " name = ?4, department = ?5, role = ?6, is_leader = ?7",
                           -1, &is, NULL) != SQLITE_OK)
        goto sqlerr;
    for (int i = 0; i < zx_pg_rows_count(u); i++) {
        sqlite3_reset(iu);
        for (int j = 0; j < 5; j++)
            bind_text_or_null(iu, j + 1, zx_pg_rows_get(u, i, j));
        if (sqlite3_step(iu) != SQLITE_DONE)
            goto sqlerr;
    }
    for (int i = 0; i < zx_pg_rows_count(s); i++) {
        sqlite3_reset(is);
        for (int j = 0; j < 7; j++)
            bind_text_or_null(is, j + 1, zx_pg_rows_get(s, i, j));
        if (sqlite3_step(is) != SQLITE_DONE)
            goto sqlerr;
    }
    {
        /* the cluster's rids as a temporary list, to drop the others (text binds of the
         * integer columns above are converted by their INTEGER affinity) */
        sqlite3_stmt *ip = NULL;
        if (sqlite3_prepare_v2(db, "INSERT INTO zx_pull VALUES (?1, ?2)", -1, &ip, NULL) !=
            SQLITE_OK)
            goto sqlerr;
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < zx_pg_rows_count(t ? s : u); i++) {
                sqlite3_reset(ip);
                sqlite3_bind_int(ip, 1, t);
                sqlite3_bind_int64(ip, 2, atoll(zx_pg_rows_get(t ? s : u, i, 0)));
                if (sqlite3_step(ip) != SQLITE_DONE) {
                    sqlite3_finalize(ip);
                    goto sqlerr;
                }
            }
        sqlite3_finalize(ip);
    }
    if (sqlite3_exec(db,
                     "DELETE FROM staff WHERE id NOT IN (SELECT rid FROM zx_pull WHERE tbl = 1);"
                     "DELETE FROM units WHERE id NOT IN (SELECT rid FROM zx_pull WHERE tbl = 0);"
                     "DELETE FROM zx_pull; COMMIT",
                     NULL, NULL, NULL) != SQLITE_OK)
        goto sqlerr;
    if (nunits)
        *nunits = zx_pg_rows_count(u);
    if (nstaff)
        *nstaff = zx_pg_rows_count(s);
    rc = ZX_OK;
    goto cleanup;
sqlerr:
    rc = zx_err_set(err, ZX_ESTORE, "state store: %s", sqlite3_errmsg(db));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
cleanup:
    sqlite3_finalize(iu);
    sqlite3_finalize(is);
    zx_pg_rows_free(u);
    zx_pg_rows_free(s);
    return rc;
}

/* ---- the case timeline (store/views.h's views, on the cluster) ---- */

/* The sealed records the embedded guard hides (store_seal.c), for a query whose $2 is
 * hide_sealed: a case when sealed, a person when sealed or in a sealed case, an event
 * when its case or its person is. */
#define SEALED_C "(SELECT rid FROM sealed WHERE kind = 'case')"
#define SEALED_P "(SELECT rid FROM sealed WHERE kind = 'person')"
#define PERSON_SHOWN(a)                                                                            \
    "($2::int = 0 OR (" a ".rid NOT IN " SEALED_P " AND " a ".case_rid NOT IN " SEALED_C "))"
#define EVENT_SHOWN(a)                                                                             \
    "($2::int = 0 OR (" a ".case_rid NOT IN " SEALED_C " AND (" a ".person_rid IS NULL OR " a      \
    ".person_rid NOT IN " SEALED_P ")))"

/* Row i's column j as the embedded views read SQLite's: a code (NULL 0), a date (NULL
 * ZX_DATE_NULL), a flag (NULL -1), a row id (NULL 0). */
static int pg_code(const struct zx_pg_rows *r, int i, int j)
{
    const char *v = zx_pg_rows_get(r, i, j);
    return v ? atoi(v) : 0;
}

static int32_t pg_date(const struct zx_pg_rows *r, int i, int j)
{
    const char *v = zx_pg_rows_get(r, i, j);
    return v ? (int32_t)atol(v) : ZX_DATE_NULL;
}

static int pg_flag(const struct zx_pg_rows *r, int i, int j)
{
    const char *v = zx_pg_rows_get(r, i, j);
    return v ? atoi(v) : -1;
}

static int64_t pg_rid(const struct zx_pg_rows *r, int i, int j)
{
    const char *v = zx_pg_rows_get(r, i, j);
    return v ? (int64_t)atoll(v) : 0;
}

int zx_pg_view_case(struct zx_pg *pg, const char *case_id, int hide_sealed, zx_view_case_cb cb,
                    void *ud, struct zx_err *err)
{
    struct zx_pg_rows *r = NULL;
    const char *p[2] = {case_id, hide_sealed ? "1" : "0"};
    int rc = zx_pg_query_params(
        pg,
        "SELECT c.rid, c.case_id, c.case_no, c.charge, u.unit_id, u.name, h.staff_id, h.name,"
        " c.line, c.business, c.kind, c.source, c.complex, c.accepted_on, c.closed_on"
        " FROM cases c JOIN units u ON u.rid = c.unit_rid LEFT JOIN staff h ON h.rid ="
        " c.handler_rid WHERE c.case_id = $1 AND ($2::int = 0 OR c.rid NOT IN " SEALED_C ")"
        " LIMIT 1",
        2, p, &r, err);
    if (!rc && zx_pg_rows_count(r) == 1) {
        struct zx_view_case c = {
            .rid = pg_rid(r, 0, 0),
            .case_id = zx_pg_rows_get(r, 0, 1),
            .case_no = zx_pg_rows_get(r, 0, 2),
            .charge = zx_pg_rows_get(r, 0, 3),
            .unit_id = zx_pg_rows_get(r, 0, 4),
            .unit_name = zx_pg_rows_get(r, 0, 5),
            .handler_id = zx_pg_rows_get(r, 0, 6),
            .handler_name = zx_pg_rows_get(r, 0, 7),
            .line = pg_code(r, 0, 8),
            .business = pg_code(r, 0, 9),
            .kind = pg_code(r, 0, 10),
            .source = pg_code(r, 0, 11),
            .complex = pg_code(r, 0, 12),
            .accepted_on = pg_date(r, 0, 13),
            .closed_on = pg_date(r, 0, 14),
        };
        rc = cb(ud, 0, &c);
    }
    zx_pg_rows_free(r);
    return rc;
}

int zx_pg_view_case_handled_by(struct zx_pg *pg, int64_t case_rid, const char *staff_id,
                               int hide_sealed, int *yes, struct zx_err *err)
{
    struct zx_pg_rows *r = NULL;
    char rid[24];
    snprintf(rid, sizeof rid, "%lld", (long long)case_rid);
    const char *p[3] = {rid, hide_sealed ? "1" : "0", staff_id};
    *yes = 0;
    int rc = zx_pg_query_params(pg,
                                "SELECT 1 FROM events e JOIN staff h ON h.rid = e.handler_rid"
                                " WHERE e.case_rid = $1::bigint AND h.staff_id = $3"
                                " AND " EVENT_SHOWN("e") " LIMIT 1",
                                3, p, &r, err);
    if (!rc)
        *yes = zx_pg_rows_count(r) > 0;
    zx_pg_rows_free(r);
    return rc;
}

int zx_pg_view_persons_of_case(struct zx_pg *pg, int64_t case_rid, int hide_sealed,
                               zx_view_person_cb cb, void *ud, struct zx_err *err)
{
    struct zx_pg_rows *r = NULL;
    char rid[24];
    snprintf(rid, sizeof rid, "%lld", (long long)case_rid);
    const char *p[2] = {rid, hide_sealed ? "1" : "0"};
    int rc = zx_pg_query_params(pg,
                                "SELECT p.rid, p.person_id, p.name, p.id_number, p.role, p.gender,"
                                " p.birth_date FROM persons p WHERE p.case_rid = $1::bigint"
                                " AND " PERSON_SHOWN("p") " ORDER BY p.rid",
                                2, p, &r, err);
    for (int i = 0; !rc && i < zx_pg_rows_count(r); i++) {
        struct zx_view_person x = {
            .rid = pg_rid(r, i, 0),
            .person_id = zx_pg_rows_get(r, i, 1),
            .name = zx_pg_rows_get(r, i, 2),
            .id_number = zx_pg_rows_get(r, i, 3),
            .role = pg_code(r, i, 4),
            .gender = pg_code(r, i, 5),
            .birth_date = pg_date(r, i, 6),
        };
        rc = cb(ud, (size_t)i, &x);
    }
    zx_pg_rows_free(r);
    return rc;
}

/* "{a,b,…}" of the non-zero row ids in column j of r, as a bigint[] parameter. Caller
 * frees. */
static char *rid_array(const struct zx_pg_rows *r, int j)
{
    size_t cap = 3 + (size_t)zx_pg_rows_count(r) * 21, len = 1;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    s[0] = '{';
    for (int i = 0; i < zx_pg_rows_count(r); i++) {
        int64_t v = pg_rid(r, i, j);
        if (v)
            len += (size_t)snprintf(s + len, cap - len, "%s%lld", len > 1 ? "," : "", (long long)v);
    }
    snprintf(s + len, cap - len, "}");
    return s;
}

/* Column j of the row of r whose column 0 is rid; NULL when none. */
static const char *text_of(const struct zx_pg_rows *r, int64_t rid, int j)
{
    for (int i = 0; rid && i < zx_pg_rows_count(r); i++)
        if (pg_rid(r, i, 0) == rid)
            return zx_pg_rows_get(r, i, j);
    return NULL;
}

int zx_pg_view_events_of_case(struct zx_pg *pg, int64_t case_rid, int hide_sealed,
                              zx_view_event_cb cb, void *ud, struct zx_err *err)
{
    struct zx_pg_rows *r = NULL, *pr = NULL, *rr = NULL;
    char rid[24], *pa = NULL, *ra = NULL;
    snprintf(rid, sizeof rid, "%lld", (long long)case_rid);
    const char *hide = hide_sealed ? "1" : "0", *p[2] = {rid, hide};
    /* the events with their handler and decider (staff is on the coordinator); their
     * persons and answered events by row id next: a join to the partitioned tables would
     * not be pushed to the case's shard */
    int rc = zx_pg_query_params(
        pg,
        "SELECT e.event_id, e.type, e.date, e.result, e.person_rid, h.staff_id, h.name,"
        " d.staff_id, d.name, e.ref_rid, e.amount, e.note, h.role, h.is_leader, d.role,"
        " d.is_leader, e.ledger, e.rid FROM events e LEFT JOIN staff h ON h.rid = e.handler_rid"
        " LEFT JOIN staff d ON d.rid = e.decider_rid WHERE e.case_rid = $1::bigint"
        " AND " EVENT_SHOWN("e") " ORDER BY e.date, e.rid",
        2, p, &r, err);
    if (rc)
        goto cleanup;
    pa = rid_array(r, 4);
    ra = rid_array(r, 9);
    if (!pa || !ra) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    const char *pp[2] = {pa, hide}, *rp[2] = {ra, hide};
    if ((rc = zx_pg_query_params(pg,
                                 "SELECT p.rid, p.person_id, p.name FROM persons p"
                                 " WHERE p.rid = ANY($1::bigint[]) AND " PERSON_SHOWN("p"),
                                 2, pp, &pr, err)) ||
        (rc = zx_pg_query_params(pg,
                                 "SELECT r.rid, r.event_id FROM events r"
                                 " WHERE r.rid = ANY($1::bigint[]) AND " EVENT_SHOWN("r"),
                                 2, rp, &rr, err)))
        goto cleanup;
    for (int i = 0; !rc && i < zx_pg_rows_count(r); i++) {
        int64_t prid = pg_rid(r, i, 4);
        const char *amount = zx_pg_rows_get(r, i, 10);
        struct zx_view_event e = {
            .event_id = zx_pg_rows_get(r, i, 0),
            .type = pg_code(r, i, 1),
            .date = pg_date(r, i, 2),
            .result = pg_code(r, i, 3),
            .person_id = text_of(pr, prid, 1),
            .person_name = text_of(pr, prid, 2),
            .handler_id = zx_pg_rows_get(r, i, 5),
            .handler_name = zx_pg_rows_get(r, i, 6),
            .decider_id = zx_pg_rows_get(r, i, 7),
            .decider_name = zx_pg_rows_get(r, i, 8),
            .ref_event_id = text_of(rr, pg_rid(r, i, 9), 1),
            .has_amount = amount != NULL,
            .amount = amount ? strtod(amount, NULL) : 0,
            .note = zx_pg_rows_get(r, i, 11),
            .handler_role = pg_code(r, i, 12),
            .handler_leader = pg_flag(r, i, 13),
            .decider_role = pg_code(r, i, 14),
            .decider_leader = pg_flag(r, i, 15),
            .ledger = zx_pg_rows_get(r, i, 16),
            .rid = pg_rid(r, i, 17),
        };
        rc = cb(ud, (size_t)i, &e);
    }
cleanup:
    free(pa);
    free(ra);
    zx_pg_rows_free(r);
    zx_pg_rows_free(pr);
    zx_pg_rows_free(rr);
    return rc;
}
