/* sqlgen.c — catalog terms compiled to SQL; evaluation and JSON on the cluster (sqlgen.h). */
#include "sqlgen/sqlgen.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"
#include "metrics/report.h"
#include "model/vocab.h"
#include "util/date.h"

/* shards a query may name (scripts/pg-cluster.sh creates at most 16) */
#define ZX_SQLGEN_MAX_SHARDS 64

/* ---- a growing string ---- */

struct sb {
    char *s;
    size_t len, cap;
    int oom;
};

ZX_PRINTF(2, 3) static void sb_add(struct sb *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && (size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        size_t ncap = b->cap ? b->cap * 2 : 1024;
        while (ncap < b->len + (size_t)n + 1)
            ncap *= 2;
        char *x = realloc(b->s, ncap);
        if (!x) {
            b->oom = 1;
            return;
        }
        b->s = x;
        b->cap = ncap;
    }
}

/* " AND col IN (v, …)" for the bits of mask; nothing for 0 */
static void sb_in(struct sb *b, const char *alias, const char *col, uint64_t mask)
{
    if (!mask)
        return;
    sb_add(b, " AND %s.%s IN (", alias, col);
    int k = 0;
    for (int v = 0; v < 64; v++)
        if (mask >> v & 1)
            sb_add(b, "%s%d", k++ ? ", " : "", v);
    sb_add(b, ")");
}

/* ---- one term ---- */

enum mode { M_UNIT = 0, M_STAFF, M_ACTIVE, M_DRILL };

/* Drill-down rows of a term: (slot, unit_rid, case_rid, event_rid, date, person_rid), the
 * first counted event of each entity (every event for event counts); staff_rid >= 0 keeps
 * only that handler's. */
static void drill_sql(struct sb *b, const struct zx_catalog_term *t, int slot, int64_t staff_rid,
                      int32_t from, int32_t to, uint32_t lines, const char *units_sql,
                      const char *shards_sql);

/* The selector of an event row x of term t: type, result, case filters, the query's lines,
 * a person for person counts, the answered event. (What the engine checks before "first".) */
static void sel_where(struct sb *b, const struct zx_catalog_term *t, const char *x, uint32_t lines)
{
    sb_add(b, "TRUE");
    sb_in(b, x, "type", t->types);
    sb_in(b, x, "result", t->results);
    sb_in(b, x, "line", t->lines);
    sb_in(b, x, "line", lines);
    sb_in(b, x, "kind", t->kinds);
    sb_in(b, x, "source", t->sources);
    sb_in(b, x, "business", t->businesses);
    if (t->count == ZX_CNT_PERSONS)
        sb_add(b, " AND %s.person_rid IS NOT NULL", x);
    if (t->ans_types) {
        sb_in(b, x, "ref_type", t->ans_types);
        sb_in(b, x, "ref_result", t->ans_results);
    }
}

static void scope_where(struct sb *b, const char *x, const char *units_sql, const char *shards_sql)
{
    if (shards_sql)
        sb_add(b, " AND %s.shard IN (%s)", x, shards_sql);
    if (units_sql)
        sb_add(b, " AND %s.unit_rid IN (%s)", x, units_sql);
}

/* The table a term reads: the partitioned parent (shard < 0) or shard n's own partition,
 * `events_s<n>` (scripts/pg-cluster.sh names them so). */
struct tbl {
    char events[24], cases[24];
};

static struct tbl tbl_of(int shard)
{
    struct tbl t = {"events", "cases"};
    if (shard >= 0) {
        snprintf(t.events, sizeof t.events, "events_s%d", shard);
        snprintf(t.cases, sizeof t.cases, "cases_s%d", shard);
    }
    return t;
}

/* The joins of an event term: "prior" and "case_has" within the case, "first" as a left
 * join to an earlier selected event of the same entity (which must find none). */
static void term_from(struct sb *b, const struct zx_catalog_term *t, uint32_t lines,
                      const struct tbl *tb)
{
    if (t->prior_types) {
        /* the same person's (an event without a person: the case's) X on or before it */
        sb_add(b, " JOIN %s p ON p.shard = e.shard AND p.case_rid = e.case_rid", tb->events);
        sb_in(b, "p", "type", t->prior_types);
        sb_in(b, "p", "result", t->prior_results);
        sb_add(b,
               " AND p.date <= e.date AND (e.person_rid IS NULL OR p.person_rid = e.person_rid)");
    }
    if (t->has_types) {
        sb_add(b, " JOIN %s h ON h.shard = e.shard AND h.case_rid = e.case_rid", tb->events);
        sb_in(b, "h", "type", t->has_types);
        sb_in(b, "h", "result", t->has_results);
    }
    if (t->first) {
        sb_add(b, " LEFT JOIN %s f ON f.shard = e.shard AND f.case_rid = e.case_rid", tb->events);
        if (t->count == ZX_CNT_PERSONS)
            sb_add(b, " AND f.person_rid = e.person_rid");
        sb_add(b, " AND (f.date < e.date OR (f.date = e.date AND f.rid < e.rid)) AND ");
        sel_where(b, t, "f", lines);
    }
}

static const char *anchor_col(const struct zx_catalog_term *t)
{
    return t->anchor == ZX_ANC_REF        ? "e.ref_date"
           : t->anchor == ZX_ANC_CLOSED   ? "e.closed_on"
           : t->anchor == ZX_ANC_ACCEPTED ? "e.accepted_on"
                                          : "e.date";
}

/* The term's anchor date in [from, to]. */
static void anchor_where(struct sb *b, const struct zx_catalog_term *t, int32_t from, int32_t to)
{
    sb_add(b, " AND %s BETWEEN %d AND %d", anchor_col(t), (int)from, (int)to);
}

/* Several disjoint periods counted in one scan (the web server's trends): sorted by start,
 * a row's period is its place in that order, width_bucket(date, ARRAY[starts]) - 1, an
 * immutable built-in that postgres_fdw ships to the shards with the GROUP BY. */
struct periods {
    int n;
    const int32_t *from, *to; /* sorted by from, pairwise disjoint */
};

static void periods_col(struct sb *b, const struct periods *ps, const char *date)
{
    if (!ps)
        return;
    sb_add(b, ", width_bucket(%s, ARRAY[", date);
    for (int i = 0; i < ps->n; i++)
        sb_add(b, "%s%d", i ? ", " : "", (int)ps->from[i]);
    sb_add(b, "]) - 1 AS per");
}

static void periods_where(struct sb *b, const struct periods *ps, const char *date)
{
    if (!ps || ps->n < 2)
        return;
    sb_add(b, " AND (");
    for (int i = 0; i < ps->n; i++)
        sb_add(b, "%s%s BETWEEN %d AND %d", i ? " OR " : "", date, (int)ps->from[i],
               (int)ps->to[i]);
    sb_add(b, ")");
}

/* shard >= 0: the term on that shard's partitions only (shards_sql is then not needed). */
static void term_sql(struct sb *b, const struct zx_catalog_term *t, int slot, int mode,
                     int32_t from, int32_t to, uint32_t lines, const char *units_sql,
                     const char *shards_sql, int shard, const struct periods *ps)
{
    struct tbl tb = tbl_of(shard);
    if (shard >= 0)
        shards_sql = NULL;
    /* handlers are marked at any date: period 0, so that the columns still match */
    const char *const_per = mode == M_ACTIVE && ps ? ", 0 AS per" : "";
    if (mode == M_ACTIVE)
        ps = NULL;
    if (!t->types) { /* a case-only term: closed or accepted cases */
        const char *key = mode == M_UNIT ? "c.unit_rid" : "c.handler_rid";
        const char *date = t->anchor == ZX_ANC_CLOSED ? "c.closed_on" : "c.accepted_on";
        sb_add(b, "SELECT %d AS slot, c.shard, %s AS k, %s AS n", slot, key,
               mode != M_ACTIVE && t->has_types ? "count(DISTINCT c.rid)" : "count(*)");
        periods_col(b, ps, date);
        sb_add(b, "%s FROM %s c", const_per, tb.cases);
        if (t->has_types) {
            sb_add(b, " JOIN %s h ON h.shard = c.shard AND h.case_rid = c.rid", tb.events);
            sb_in(b, "h", "type", t->has_types);
            sb_in(b, "h", "result", t->has_results);
        }
        sb_add(b, " WHERE TRUE");
        sb_in(b, "c", "line", t->lines);
        sb_in(b, "c", "line", lines);
        sb_in(b, "c", "kind", t->kinds);
        sb_in(b, "c", "source", t->sources);
        sb_in(b, "c", "business", t->businesses);
        if (mode == M_ACTIVE)
            sb_add(b, " AND %s IS NOT NULL", date);
        else
            sb_add(b, " AND %s BETWEEN %d AND %d", date, (int)from, (int)to);
        periods_where(b, ps, date);
        if (mode != M_UNIT)
            sb_add(b, " AND c.handler_rid IS NOT NULL");
        scope_where(b, "c", units_sql, shards_sql);
        sb_add(b, " GROUP BY c.shard, %s%s", key, ps ? ", per" : "");
        return;
    }
    /* the event's handler, else its case's: coalesce() written as an array, because
     * PostgreSQL 15's postgres_fdw does not ship COALESCE (an aggregate grouped by it stays
     * on the coordinator, over every selected row) but ships arrays and array_remove */
    const char *key = mode == M_UNIT
                          ? "e.unit_rid"
                          : "(array_remove(ARRAY[e.handler_rid, e.case_handler_rid], NULL))[1]";
    /* joins that may repeat an event row need DISTINCT */
    int joins = mode != M_ACTIVE && (t->prior_types || t->has_types);
    const char *agg = mode == M_ACTIVE             ? "count(*)"
                      : t->count == ZX_CNT_PERSONS ? "count(DISTINCT e.person_rid)"
                      : t->count == ZX_CNT_CASES   ? "count(DISTINCT e.case_rid)"
                      : joins                      ? "count(DISTINCT e.rid)"
                                                   : "count(*)";
    /* "first" is a left join to an earlier selected event that must find none, tested in
     * the aggregate's FILTER rather than in WHERE: PostgreSQL 15's postgres_fdw pushes an
     * aggregate over an outer join down to the shard only when the join has no WHERE
     * condition of its own (an IS NULL there keeps the aggregation on the coordinator) */
    sb_add(b, "SELECT %d AS slot, e.shard, %s AS k, %s%s AS n", slot, key, agg,
           t->first ? " FILTER (WHERE f.rid IS NULL)" : "");
    periods_col(b, ps, anchor_col(t));
    sb_add(b, "%s FROM %s e", const_per, tb.events);
    if (mode == M_ACTIVE) {
        struct zx_catalog_term bare = *t; /* the engine marks handlers before prior/has */
        bare.prior_types = bare.has_types = 0;
        term_from(b, &bare, lines, &tb);
    } else {
        term_from(b, t, lines, &tb);
    }
    sb_add(b, " WHERE ");
    sel_where(b, t, "e", lines);
    if (mode != M_ACTIVE)
        anchor_where(b, t, from, to);
    periods_where(b, ps, anchor_col(t));
    if (mode != M_UNIT)
        sb_add(b, " AND (e.handler_rid IS NOT NULL OR e.case_handler_rid IS NOT NULL)");
    scope_where(b, "e", units_sql, shards_sql);
    sb_add(b, " GROUP BY e.shard, %s%s", key, ps ? ", per" : "");
}

static void drill_sql(struct sb *b, const struct zx_catalog_term *t, int slot, int64_t staff_rid,
                      int32_t from, int32_t to, uint32_t lines, const char *units_sql,
                      const char *shards_sql)
{
    if (!t->types) {
        const char *date = t->anchor == ZX_ANC_CLOSED ? "c.closed_on" : "c.accepted_on";
        sb_add(b,
               "SELECT DISTINCT ON (c.rid) %d AS slot, c.unit_rid, c.rid AS case_rid,"
               " NULL::bigint AS event_rid, NULL::int AS date, NULL::bigint AS person_rid"
               " FROM cases c",
               slot);
        if (t->has_types) {
            sb_add(b, " JOIN events h ON h.shard = c.shard AND h.case_rid = c.rid");
            sb_in(b, "h", "type", t->has_types);
            sb_in(b, "h", "result", t->has_results);
        }
        sb_add(b, " WHERE %s BETWEEN %d AND %d", date, (int)from, (int)to);
        sb_in(b, "c", "line", t->lines);
        sb_in(b, "c", "line", lines);
        sb_in(b, "c", "kind", t->kinds);
        sb_in(b, "c", "source", t->sources);
        sb_in(b, "c", "business", t->businesses);
        if (staff_rid >= 0)
            sb_add(b, " AND c.handler_rid = %lld", (long long)staff_rid);
        scope_where(b, "c", units_sql, shards_sql);
        sb_add(b, " ORDER BY c.rid");
        return;
    }
    const char *ent = t->count == ZX_CNT_PERSONS ? "e.person_rid"
                      : t->count == ZX_CNT_CASES ? "e.case_rid"
                                                 : "e.rid";
    sb_add(b,
           "SELECT DISTINCT ON (%s) %d AS slot, e.unit_rid, e.case_rid, e.rid AS event_rid,"
           " e.date, %s AS person_rid FROM events e",
           ent, slot, t->count == ZX_CNT_CASES ? "NULL::bigint" : "e.person_rid");
    struct tbl parent = tbl_of(-1);
    term_from(b, t, lines, &parent);
    sb_add(b, " WHERE ");
    sel_where(b, t, "e", lines);
    if (t->first)
        sb_add(b, " AND f.rid IS NULL");
    anchor_where(b, t, from, to);
    if (staff_rid >= 0)
        sb_add(b, " AND coalesce(e.handler_rid, e.case_handler_rid) = %lld", (long long)staff_rid);
    scope_where(b, "e", units_sql, shards_sql);
    sb_add(b, " ORDER BY %s, e.date, e.rid", ent);
}

int zx_sqlgen_term_sql(const struct zx_catalog_term *t, int slot, int by_staff, int32_t from,
                       int32_t to, uint32_t lines, const char *units_sql, const char *shards_sql,
                       char **buf, size_t *len)
{
    struct sb b = {*buf, *len, *buf ? *len + 1 : 0, 0};
    term_sql(&b, t, slot, by_staff ? M_STAFF : M_UNIT, from, to, lines, units_sql, shards_sql, -1,
             NULL);
    if (b.oom)
        return ZX_ENOMEM;
    *buf = b.s;
    *len = b.len;
    return ZX_OK;
}

/* ---- evaluation ---- */

struct unit {
    int64_t rid;
    char *id;
    int32_t pre, size, parent, shard;
};

struct staff {
    int64_t rid;
    char *id;
    int32_t unit; /* pre-order index, -1 when none */
    int active;
};

struct ctx {
    struct unit *u;
    int32_t nu;
    int64_t *urid_sorted; /* (rid, pre) pairs sorted by rid */
    struct staff *s;
    int32_t ns;
};

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int32_t unit_by_rid(const struct ctx *c, int64_t rid)
{
    int32_t lo = 0, hi = c->nu - 1;
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        int64_t r = c->urid_sorted[2 * mid];
        if (r == rid)
            return (int32_t)c->urid_sorted[2 * mid + 1];
        if (r < rid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static int32_t staff_by_rid(const struct ctx *c, int64_t rid)
{
    int32_t lo = 0, hi = c->ns - 1;
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (c->s[mid].rid == rid)
            return mid;
        if (c->s[mid].rid < rid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static void ctx_free(struct ctx *c)
{
    for (int32_t i = 0; i < c->nu; i++)
        free(c->u[i].id);
    for (int32_t i = 0; i < c->ns; i++)
        free(c->s[i].id);
    free(c->u);
    free(c->s);
    free(c->urid_sorted);
}

static char *dup(const char *s)
{
    return s ? strdup(s) : strdup("");
}

static int load(struct zx_pg *pg, struct ctx *c, int staff, struct zx_err *err)
{
    struct zx_pg_rows *r = NULL;
    int rc = zx_pg_query(pg,
                         "SELECT rid, unit_id, pre, size, parent_rid, shard FROM units"
                         " ORDER BY pre",
                         &r, err);
    if (rc)
        return rc;
    c->nu = zx_pg_rows_count(r);
    c->u = calloc((size_t)c->nu + 1, sizeof *c->u);
    c->urid_sorted = malloc(((size_t)c->nu + 1) * 2 * sizeof *c->urid_sorted);
    if (!c->u || !c->urid_sorted)
        goto nomem;
    for (int32_t i = 0; i < c->nu; i++) {
        struct unit *u = &c->u[i];
        u->rid = atoll(zx_pg_rows_get(r, i, 0));
        u->id = dup(zx_pg_rows_get(r, i, 1));
        if (!u->id)
            goto nomem;
        u->pre = atoi(zx_pg_rows_get(r, i, 2));
        u->size = atoi(zx_pg_rows_get(r, i, 3));
        u->shard = atoi(zx_pg_rows_get(r, i, 5));
        if (u->pre != i || u->shard < 0 || u->shard >= ZX_SQLGEN_MAX_SHARDS) {
            zx_pg_rows_free(r);
            return zx_err_set(err, ZX_ESTORE,
                              "units: pre-order positions are not 0..n-1,"
                              " or a shard is outside 0..%d",
                              ZX_SQLGEN_MAX_SHARDS - 1);
        }
        c->urid_sorted[2 * i] = u->rid;
        c->urid_sorted[2 * i + 1] = i;
    }
    qsort(c->urid_sorted, (size_t)c->nu, 2 * sizeof *c->urid_sorted, cmp_i64);
    for (int32_t i = 0; i < c->nu; i++) {
        const char *p = zx_pg_rows_get(r, i, 4);
        c->u[i].parent = p ? unit_by_rid(c, atoll(p)) : -1;
        if (c->u[i].parent >= i)
            c->u[i].parent = -1;
    }
    zx_pg_rows_free(r);
    r = NULL;
    if (!staff)
        return ZX_OK;
    if ((rc = zx_pg_query(pg, "SELECT rid, staff_id, unit_rid FROM staff ORDER BY rid", &r, err)))
        return rc;
    c->ns = zx_pg_rows_count(r);
    c->s = calloc((size_t)c->ns + 1, sizeof *c->s);
    if (!c->s)
        goto nomem;
    for (int32_t i = 0; i < c->ns; i++) {
        c->s[i].rid = atoll(zx_pg_rows_get(r, i, 0));
        c->s[i].id = dup(zx_pg_rows_get(r, i, 1));
        if (!c->s[i].id)
            goto nomem;
        const char *u = zx_pg_rows_get(r, i, 2);
        c->s[i].unit = u ? unit_by_rid(c, atoll(u)) : -1;
    }
    zx_pg_rows_free(r);
    return ZX_OK;
nomem:
    zx_pg_rows_free(r);
    return zx_err_set(err, ZX_ENOMEM, "out of memory");
}

/* The scope as literal lists, so that each shard's query filters itself: the units of u0's
 * subtree (nothing when it is every unit) and their shards (nothing when every shard); and
 * those shards in sh[0..*nsh) when sh is not NULL (load() checked them against the bound). */
static void scope_lists(const struct ctx *c, int32_t u0, struct sb *units, struct sb *shards,
                        int *sh, int *nsh)
{
    int32_t nus = c->u[u0].size;
    int used[ZX_SQLGEN_MAX_SHARDS] = {0}, nused = 0, maxshard = 0;
    for (int32_t i = 0; i < c->nu; i++)
        if (c->u[i].shard > maxshard)
            maxshard = c->u[i].shard;
    for (int32_t i = u0; i < u0 + nus; i++) {
        if (nus < c->nu)
            sb_add(units, "%s%lld", i > u0 ? ", " : "", (long long)c->u[i].rid);
        if (!used[c->u[i].shard]++)
            nused++;
    }
    if (nused <= maxshard)
        for (int s = 0, k = 0; s < ZX_SQLGEN_MAX_SHARDS; s++)
            if (used[s])
                sb_add(shards, "%s%d", k++ ? ", " : "", s);
    if (sh) {
        *nsh = 0;
        for (int s = 0; s < ZX_SQLGEN_MAX_SHARDS; s++)
            if (used[s])
                sh[(*nsh)++] = s;
    }
}

static int cmp_staff(const void *a, const void *b, void *ud)
{
    const struct ctx *c = ud;
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    int32_t ux = c->s[x].unit, uy = c->s[y].unit;
    if (ux != uy)
        return ux < uy ? -1 : 1;
    return x < y ? -1 : x > y;
}

static void put_fig(FILE *out, const char *ind, const char *unit, const char *staff,
                    const char *from, const char *to, int64_t num, int64_t den, size_t *k)
{
    char buf[40];
    fputs((*k)++ ? ",\n" : "\n", out);
    fputs("{\"indicator\": ", out);
    zx_report_json_string(out, ind);
    fputs(", \"unit_id\": ", out);
    zx_report_json_string(out, unit);
    fputs(", \"staff_id\": ", out);
    zx_report_json_string(out, staff);
    fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"numerator\": %lld, ", from, to,
            (long long)num);
    fprintf(out, "\"denominator\": %lld, \"value\": ", (long long)den);
    if (den == 0)
        fputs("null", out);
    else
        fputs(zx_metrics_fmt_double((double)num / (double)den, buf), out);
    fputc('}', out);
}

int zx_sqlgen_indicators(FILE *out, struct zx_pg *pg, const struct zx_sqlgen_query *q, int explain,
                         struct zx_err *err)
{
    struct ctx c = {0};
    struct sb units = {0}, shards = {0}, sql = {0};
    struct zx_pg_rows *res = NULL;
    int *rows = NULL, *slot_of = NULL, *term_of = NULL;
    int64_t *acc = NULL;
    int32_t *ids = NULL;
    int nslots = 0, rc;
    int by_staff = q->by == ZX_SQLGEN_BY_STAFF;
    if ((rc = load(pg, &c, by_staff, err)))
        goto cleanup;
    if (c.nu == 0) {
        rc = zx_err_set(err, ZX_ENOTFOUND, "the cluster holds no units");
        goto cleanup;
    }
    int32_t u0 = 0;
    if (q->unit_id) {
        u0 = -1;
        for (int32_t i = 0; i < c.nu && u0 < 0; i++)
            if (strcmp(c.u[i].id, q->unit_id) == 0)
                u0 = i;
        if (u0 < 0) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no unit '%s'", q->unit_id);
            goto cleanup;
        }
    }
    int32_t nus = c.u[u0].size;
    int sh[ZX_SQLGEN_MAX_SHARDS], nsh = 0;
    scope_lists(&c, u0, &units, &shards, sh, &nsh);
    /* the terms of the rows, each once */
    int nrows = q->rows ? q->nrows : zx_catalog_rows(q->cat);
    int nterms = zx_catalog_terms(q->cat);
    rows = malloc(((size_t)nrows + 1) * sizeof *rows);
    slot_of = malloc(((size_t)nterms + 1) * sizeof *slot_of);
    term_of = malloc(((size_t)nterms + 1) * sizeof *term_of);
    if (!rows || !slot_of || !term_of)
        goto nomem;
    for (int i = 0; i < nrows; i++)
        rows[i] = q->rows ? q->rows[i] : i;
    for (int t = 0; t < nterms; t++)
        slot_of[t] = -1;
    for (int i = 0; i < nrows; i++)
        for (int part = 0; part < 2; part++) {
            const int *ts;
            int n = zx_catalog_row_terms(q->cat, rows[i], part, &ts);
            for (int j = 0; j < n; j++)
                if (slot_of[ts[j]] < 0) {
                    slot_of[ts[j]] = nslots;
                    term_of[nslots++] = ts[j];
                }
        }
    const char *ul = units.len ? units.s : NULL;
    for (int k = 0, n = 0; k < nslots; k++) {
        struct zx_catalog_term t;
        if (zx_catalog_term(q->cat, term_of[k], &t))
            continue;
        for (int j = 0; j < nsh; j++) {
            sb_add(&sql, "%s", n++ ? "\nUNION ALL\n" : "");
            term_sql(&sql, &t, k, by_staff ? M_STAFF : M_UNIT, q->from, q->to, q->lines, ul, NULL,
                     sh[j], NULL);
            if (by_staff) {
                sb_add(&sql, "\nUNION ALL\n");
                term_sql(&sql, &t, -1, M_ACTIVE, q->from, q->to, q->lines, ul, NULL, sh[j], NULL);
            }
        }
    }
    if (units.oom || shards.oom || sql.oom)
        goto nomem;
    if (explain) {
        struct sb ex = {0};
        sb_add(&ex, "EXPLAIN (VERBOSE, COSTS OFF) %s", sql.s ? sql.s : "SELECT 1");
        if (ex.oom) {
            free(ex.s);
            goto nomem;
        }
        rc = zx_pg_query(pg, ex.s, &res, err);
        free(ex.s);
        if (rc)
            goto cleanup;
        fprintf(out, "%s;\n\n", sql.s ? sql.s : "");
        for (int i = 0; i < zx_pg_rows_count(res); i++)
            fprintf(out, "%s\n", zx_pg_rows_get(res, i, 0));
        goto cleanup;
    }
    if (nslots && (rc = zx_pg_query(pg, sql.s, &res, err)))
        goto cleanup;
    /* accumulate: by unit of the scope (then rolled up), or by handler */
    size_t width = by_staff ? (size_t)c.ns : (size_t)nus;
    acc = calloc((size_t)nslots * width + 1, sizeof *acc);
    if (!acc)
        goto nomem;
    for (int i = 0; res && i < zx_pg_rows_count(res); i++) {
        int slot = atoi(zx_pg_rows_get(res, i, 0));
        const char *ks = zx_pg_rows_get(res, i, 2);
        if (!ks)
            continue;
        int64_t key = atoll(ks), n = atoll(zx_pg_rows_get(res, i, 3));
        if (by_staff) {
            int32_t s = staff_by_rid(&c, key);
            if (s < 0)
                continue;
            if (slot < 0)
                c.s[s].active |= n > 0;
            else
                acc[(size_t)slot * width + (size_t)s] += n;
        } else {
            int32_t u = unit_by_rid(&c, key);
            if (u < u0 || u >= u0 + nus || slot < 0)
                continue;
            acc[(size_t)slot * width + (size_t)(u - u0)] += n;
        }
    }
    if (!by_staff)
        for (int k = 0; k < nslots; k++)
            for (int32_t u = u0 + nus - 1; u > u0; u--)
                if (c.u[u].parent >= u0)
                    acc[(size_t)k * width + (size_t)(c.u[u].parent - u0)] +=
                        acc[(size_t)k * width + (size_t)(u - u0)];
    /* print, in the engine's order */
    char from[16], to[16];
    zx_date_format(q->from, from);
    zx_date_format(q->to, to);
    size_t k = 0;
    int32_t nsc = 0;
    ids = malloc(((size_t)(by_staff ? c.ns : nus) + 1) * sizeof *ids);
    if (!ids)
        goto nomem;
    if (by_staff) {
        for (int32_t s = 0; s < c.ns; s++)
            if (c.s[s].active)
                ids[nsc++] = s;
        qsort_r(ids, (size_t)nsc, sizeof *ids, cmp_staff, &c);
    } else if (q->by == ZX_SQLGEN_BY_UNIT) {
        for (int32_t u = u0; u < u0 + nus; u++)
            ids[nsc++] = u;
    } else {
        ids[nsc++] = u0;
    }
    fputc('[', out);
    for (int32_t i = 0; i < nsc; i++)
        for (int j = 0; j < nrows; j++) {
            const struct zx_catalog_row *row = zx_catalog_row(q->cat, rows[j]);
            int64_t part[2] = {0, 0};
            size_t col = by_staff ? (size_t)ids[i] : (size_t)(ids[i] - u0);
            for (int p = 0; p < 2; p++) {
                const int *ts;
                int n = zx_catalog_row_terms(q->cat, rows[j], p, &ts);
                for (int x = 0; x < n; x++)
                    part[p] += acc[(size_t)slot_of[ts[x]] * width + col];
            }
            int32_t unit = by_staff ? c.s[ids[i]].unit : ids[i];
            put_fig(out, row->id, unit >= 0 ? c.u[unit].id : NULL, by_staff ? c.s[ids[i]].id : NULL,
                    from, to, part[0], part[1], &k);
        }
    fputs(k ? "\n]\n" : "]\n", out);
    rc = ferror(out) ? zx_err_set(err, ZX_EIO, "cannot write the output") : ZX_OK;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_pg_rows_free(res);
    ctx_free(&c);
    free(units.s);
    free(shards.s);
    free(sql.s);
    free(rows);
    free(slot_of);
    free(term_of);
    free(acc);
    free(ids);
    return rc;
}

/* ---- drill-down ---- */

struct item {
    int term;
    int32_t unit;    /* pre-order index */
    int64_t c, e, p; /* case, event (0: a case-only term), person (0: none) */
    int32_t date;
};

static int cmp_item(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    if ((x->e != 0) != (y->e != 0)) /* the case's own terms come before its events */
        return x->e ? 1 : -1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->e != y->e)
        return x->e < y->e ? -1 : 1;
    return x->term - y->term;
}

/* Index of the row of r whose column 0 is rid (r sorted by column 0 as a number), or -1. */
static int find_row(const struct zx_pg_rows *r, int64_t rid, int lo)
{
    int hi = zx_pg_rows_count(r) - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int64_t v = atoll(zx_pg_rows_get(r, mid, 0));
        if (v == rid) {
            while (mid > lo && atoll(zx_pg_rows_get(r, mid - 1, 0)) == rid)
                mid--;
            return mid;
        }
        if (v < rid)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static void drill_events(FILE *out, const struct zx_pg_rows *ev, const struct item *h, int counting)
{
    /* ev: (case_rid, rid, event_id, type, date, result, ref event_id, person_rid), by case */
    int i = find_row(ev, h->c, 0), k = 0;
    for (; i >= 0 && i < zx_pg_rows_count(ev) && atoll(zx_pg_rows_get(ev, i, 0)) == h->c; i++) {
        int64_t rid = atoll(zx_pg_rows_get(ev, i, 1));
        const char *pr = zx_pg_rows_get(ev, i, 7);
        if (counting == ZX_CNT_PERSONS && (!pr || atoll(pr) != h->p))
            continue;
        if (counting == ZX_CNT_EVENTS && rid != h->e)
            continue;
        char date[16];
        zx_date_format(atoi(zx_pg_rows_get(ev, i, 4)), date);
        fputs(k++ ? ", " : "", out);
        fputs("{\"event_id\": ", out);
        zx_report_json_string(out, zx_pg_rows_get(ev, i, 2));
        fputs(", \"type\": ", out);
        zx_report_json_string(out, zx_vocab_code(ZX_V_EVENT_TYPE, atoi(zx_pg_rows_get(ev, i, 3))));
        fprintf(out, ", \"date\": \"%s\", \"result\": ", date);
        zx_report_json_string(out, zx_vocab_code(ZX_V_RESULT, atoi(zx_pg_rows_get(ev, i, 5))));
        fputs(", \"ref_event_id\": ", out);
        zx_report_json_string(out, zx_pg_rows_get(ev, i, 6));
        fprintf(out, ", \"counted\": %s}", h->e && rid == h->e ? "true" : "false");
    }
}

/* "a, b, c" of the distinct values of one field of the items. */
static void rid_list(struct sb *b, const struct item *it, size_t n, int person)
{
    int64_t last = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t v = person ? it[i].p : it[i].c;
        if (!v || v == last)
            continue;
        sb_add(b, "%s%lld", k++ ? ", " : "", (long long)v);
        last = v;
    }
    if (!k)
        sb_add(b, "NULL");
}

/* The items counted in part `part` of `row` for unit u0's subtree (or handler s of the
 * context, -1 for none), in the engine's order. *out: caller frees. */
static int drill_items(struct zx_pg *pg, const struct ctx *c, const struct zx_catalog *cat, int row,
                       int part, int32_t u0, int32_t s, int32_t from, int32_t to, uint32_t lines,
                       struct item **out, size_t *nout, struct zx_err *err)
{
    struct sb units = {0}, shards = {0}, sql = {0};
    struct zx_pg_rows *res = NULL;
    struct item *it = NULL;
    size_t n = 0;
    int rc = ZX_OK;
    scope_lists(c, u0, &units, &shards, NULL, NULL);
    const int *ts;
    int nt = zx_catalog_row_terms(cat, row, part, &ts);
    const char *ul = units.len ? units.s : NULL, *sl = shards.len ? shards.s : NULL;
    for (int j = 0; j < nt; j++) {
        struct zx_catalog_term t;
        if (zx_catalog_term(cat, ts[j], &t))
            continue;
        sb_add(&sql, "%s(", j ? "\nUNION ALL\n" : "");
        drill_sql(&sql, &t, j, s >= 0 ? c->s[s].rid : -1, from, to, lines, ul, sl);
        sb_add(&sql, ")");
    }
    if (units.oom || shards.oom || sql.oom)
        goto nomem;
    if (nt && (rc = zx_pg_query(pg, sql.s, &res, err)))
        goto cleanup;
    size_t nr = res ? (size_t)zx_pg_rows_count(res) : 0;
    it = calloc(nr + 1, sizeof *it);
    if (!it)
        goto nomem;
    for (size_t i = 0; i < nr; i++) {
        int ri = (int)i;
        const char *e = zx_pg_rows_get(res, ri, 3), *dt = zx_pg_rows_get(res, ri, 4),
                   *p = zx_pg_rows_get(res, ri, 5);
        struct item x = {.term = atoi(zx_pg_rows_get(res, ri, 0)),
                         .unit = unit_by_rid(c, atoll(zx_pg_rows_get(res, ri, 1))),
                         .c = atoll(zx_pg_rows_get(res, ri, 2)),
                         .e = e ? atoll(e) : 0,
                         .date = dt ? atoi(dt) : 0,
                         .p = p ? atoll(p) : 0};
        it[n++] = x;
    }
    qsort(it, n, sizeof *it, cmp_item);
    *out = it;
    *nout = n;
    it = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_pg_rows_free(res);
    free(units.s);
    free(shards.s);
    free(sql.s);
    free(it);
    return rc;
}

int zx_sqlgen_cases(FILE *out, struct zx_pg *pg, const struct zx_sqlgen_drill *d, int64_t *count,
                    struct zx_err *err)
{
    struct ctx c = {0};
    struct zx_pg_rows *cas = NULL, *per = NULL, *ev = NULL;
    struct item *it = NULL;
    size_t n = 0;
    int rc;
    if ((rc = load(pg, &c, 1, err)))
        goto cleanup;
    if (c.nu == 0) {
        rc = zx_err_set(err, ZX_ENOTFOUND, "the cluster holds no units");
        goto cleanup;
    }
    int32_t u0 = 0, s = -1;
    if (d->unit_id) {
        u0 = -1;
        for (int32_t i = 0; i < c.nu && u0 < 0; i++)
            if (strcmp(c.u[i].id, d->unit_id) == 0)
                u0 = i;
        if (u0 < 0) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no unit '%s'", d->unit_id);
            goto cleanup;
        }
    }
    if (d->staff_id) {
        for (int32_t i = 0; i < c.ns && s < 0; i++)
            if (strcmp(c.s[i].id, d->staff_id) == 0)
                s = i;
        if (s < 0) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no staff member '%s'", d->staff_id);
            goto cleanup;
        }
    }
    if ((rc = drill_items(pg, &c, d->cat, d->row, d->part, u0, s, d->from, d->to, d->lines, &it, &n,
                          err)))
        goto cleanup;
    const int *ts;
    zx_catalog_row_terms(d->cat, d->row, d->part, &ts);
    /* the cases, persons and events the items name, in three queries */
    struct sb q1 = {0}, q2 = {0}, q3 = {0};
    sb_add(&q1, "SELECT rid, case_id, case_no FROM cases WHERE rid IN (");
    rid_list(&q1, it, n, 0);
    sb_add(&q1, ") ORDER BY rid");
    sb_add(&q2, "SELECT rid, person_id FROM persons WHERE rid IN (");
    rid_list(&q2, it, n, 1);
    sb_add(&q2, ") ORDER BY rid");
    sb_add(&q3, "SELECT e.case_rid, e.rid, e.event_id, e.type, e.date, e.result, r.event_id,"
                " e.person_rid FROM events e LEFT JOIN events r ON r.shard = e.shard"
                " AND r.rid = e.ref_rid WHERE e.case_rid IN (");
    rid_list(&q3, it, n, 0);
    sb_add(&q3, ") ORDER BY e.case_rid, e.date, e.rid");
    if (q1.oom || q2.oom || q3.oom) {
        free(q1.s), free(q2.s), free(q3.s);
        goto nomem;
    }
    rc = zx_pg_query(pg, q1.s, &cas, err);
    if (!rc)
        rc = zx_pg_query(pg, q2.s, &per, err);
    if (!rc)
        rc = zx_pg_query(pg, q3.s, &ev, err);
    free(q1.s), free(q2.s), free(q3.s);
    if (rc)
        goto cleanup;
    if (count)
        *count = (int64_t)n;
    const struct zx_catalog_row *row = zx_catalog_row(d->cat, d->row);
    int32_t uu = s >= 0 ? c.s[s].unit : u0;
    char fd[16], td[16];
    zx_date_format(d->from, fd);
    zx_date_format(d->to, td);
    static const char *const counting_name[] = {"", "persons", "cases", "events"};
    fputs("{\"indicator\": ", out);
    zx_report_json_string(out, row->id);
    fprintf(out, ", \"part\": \"%s\", \"unit_id\": ", d->part ? "denominator" : "numerator");
    zx_report_json_string(out, uu >= 0 ? c.u[uu].id : NULL);
    fputs(", \"staff_id\": ", out);
    zx_report_json_string(out, s >= 0 ? c.s[s].id : NULL);
    fprintf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"count\": %zu, \"items\": [", fd, td, n);
    for (size_t i = 0; i < n; i++) {
        const struct item *h = &it[i];
        struct zx_catalog_term t;
        if (zx_catalog_term(d->cat, ts[h->term], &t))
            continue;
        int ci = find_row(cas, h->c, 0), pi = h->p ? find_row(per, h->p, 0) : -1;
        const char *case_id = ci >= 0 ? zx_pg_rows_get(cas, ci, 1) : NULL;
        const char *case_no = ci >= 0 ? zx_pg_rows_get(cas, ci, 2) : NULL;
        const char *person_id = pi >= 0 ? zx_pg_rows_get(per, pi, 1) : NULL;
        const char *event_id = NULL;
        for (int k = find_row(ev, h->c, 0);
             h->e && k >= 0 && k < zx_pg_rows_count(ev) && atoll(zx_pg_rows_get(ev, k, 0)) == h->c;
             k++)
            if (atoll(zx_pg_rows_get(ev, k, 1)) == h->e)
                event_id = zx_pg_rows_get(ev, k, 2);
        fputs(i ? ",\n" : "\n", out);
        fprintf(out, "{\"term\": %d, \"counting\": \"%s\", \"case_id\": ", h->term,
                counting_name[t.count >= 1 && t.count <= 3 ? t.count : 0]);
        zx_report_json_string(out, case_id ? case_id : "");
        fputs(", \"person_id\": ", out);
        zx_report_json_string(out, h->p ? (person_id ? person_id : "") : NULL);
        fputs(", \"case_no\": ", out);
        zx_report_json_string(out, case_no ? case_no : "");
        fputs(", \"event_id\": ", out);
        zx_report_json_string(out, h->e ? (event_id ? event_id : "") : NULL);
        fputs(", \"events\": [", out);
        drill_events(out, ev, h, t.count);
        fputs("]}", out);
    }
    fputs(n ? "\n]}\n" : "]}\n", out);
    rc = ferror(out) ? zx_err_set(err, ZX_EIO, "cannot write the output") : ZX_OK;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_pg_rows_free(cas);
    zx_pg_rows_free(per);
    zx_pg_rows_free(ev);
    ctx_free(&c);
    free(it);
    return rc;
}

/* ---- into a zx_metrics_result (the web server on the cluster) ---- */

struct pidx {
    int32_t from, to;
    int i; /* the query's period index */
};

static int cmp_pidx(const void *a, const void *b)
{
    const struct pidx *x = a, *y = b;
    return x->from < y->from ? -1 : x->from > y->from;
}

int zx_sqlgen_eval(struct zx_pg *pg, const struct zx_metrics *m, const struct zx_metrics_query *q,
                   struct zx_metrics_result **out, struct zx_err *err)
{
    struct ctx c = {0};
    struct sb units = {0}, shards = {0}, sql = {0};
    struct zx_pg_rows *res = NULL;
    struct zx_metrics_result *r = NULL;
    struct pidx *pi = NULL;
    int32_t *pf = NULL, *pt = NULL, *mu = NULL, *ms = NULL;
    char *used = NULL;
    struct item *it = NULL;
    size_t nit = 0;
    int rc, np = q->nperiods;
    *out = NULL;
    /* the cluster's staff only when handlers are counted or drilled into */
    int staff = q->by_staff || (q->collect && q->collect_staff >= 0);
    if ((rc = zx_metrics_result_new(m, q, &r, err)) || (rc = load(pg, &c, staff, err)))
        goto cleanup;
    /* the cluster's units and handlers as the loaded data's indices (the server's state
     * holds a copy of the cluster's reference tables: the same ids, usually the same order) */
    mu = malloc(((size_t)c.nu + 1) * sizeof *mu);
    ms = malloc(((size_t)c.ns + 1) * sizeof *ms);
    pi = malloc(((size_t)np + 1) * sizeof *pi);
    pf = malloc(((size_t)np + 1) * sizeof *pf);
    pt = malloc(((size_t)np + 1) * sizeof *pt);
    used = calloc((size_t)zx_catalog_terms(q->cat) + 1, 1);
    if (!mu || !ms || !pi || !pf || !pt || !used)
        goto nomem;
    int32_t cu0 = -1, mu0 = q->unit < 0 ? 0 : q->unit;
    for (int32_t i = 0; i < c.nu; i++) {
        const char *mid = zx_metrics_unit_id(m, i);
        mu[i] = mid && !strcmp(mid, c.u[i].id) ? i : zx_metrics_unit_find(m, c.u[i].id);
        if (mu[i] == mu0)
            cu0 = i;
    }
    for (int32_t i = 0; i < c.ns; i++) {
        const char *sid = zx_metrics_staff_id(m, i);
        ms[i] = sid && !strcmp(sid, c.s[i].id) ? i : zx_metrics_staff_find(m, c.s[i].id);
    }
    if (cu0 < 0) {
        rc = zx_err_set(err, ZX_ENOTFOUND, "no unit '%s' on the cluster",
                        zx_metrics_unit_id(m, mu0) ? zx_metrics_unit_id(m, mu0) : "?");
        goto cleanup;
    }
    int sh[ZX_SQLGEN_MAX_SHARDS], nsh = 0;
    scope_lists(&c, cu0, &units, &shards, sh, &nsh);
    const char *ul = units.len ? units.s : NULL;
    int32_t lo = q->from[0], hi = q->to[0];
    for (int i = 0; i < np; i++) {
        pi[i] = (struct pidx){q->from[i], q->to[i], i};
        lo = q->from[i] < lo ? q->from[i] : lo;
        hi = q->to[i] > hi ? q->to[i] : hi;
    }
    qsort(pi, (size_t)np, sizeof *pi, cmp_pidx);
    for (int i = 0; i < np; i++) {
        pf[i] = pi[i].from;
        pt[i] = pi[i].to;
    }
    struct periods ps = {np, pf, pt};
    /* the terms of the rows (and of the drill-down's part), each once */
    int nrows = q->rows ? q->nrows : zx_catalog_rows(q->cat);
    for (int i = 0; i < nrows; i++)
        for (int part = 0; part < 2; part++) {
            const int *ts;
            int n = zx_catalog_row_terms(q->cat, q->rows ? q->rows[i] : i, part, &ts);
            for (int j = 0; j < n; j++)
                used[ts[j]] = 1;
        }
    if (q->collect) {
        const int *ts;
        int n = zx_catalog_row_terms(q->cat, q->collect_row, q->collect_part, &ts);
        for (int j = 0; j < n; j++)
            used[ts[j]] = 1;
    }
    /* slot = term × 3 + mode: per unit, per handler, handlers marked active */
    int k = 0;
    for (int t = 0; t < zx_catalog_terms(q->cat); t++) {
        struct zx_catalog_term ct;
        if (!used[t] || zx_catalog_term(q->cat, t, &ct))
            continue;
        for (int j = 0; j < nsh; j++) {
            sb_add(&sql, "%s", k++ ? "\nUNION ALL\n" : "");
            term_sql(&sql, &ct, t * 3, M_UNIT, lo, hi, q->lines, ul, NULL, sh[j], &ps);
            if (q->by_staff) {
                sb_add(&sql, "\nUNION ALL\n");
                term_sql(&sql, &ct, t * 3 + 1, M_STAFF, lo, hi, q->lines, ul, NULL, sh[j], &ps);
                sb_add(&sql, "\nUNION ALL\n");
                /* the same columns as the others: period 0 */
                struct periods none = {1, pf, pt};
                term_sql(&sql, &ct, t * 3 + 2, M_ACTIVE, lo, hi, q->lines, ul, NULL, sh[j], &none);
            }
        }
    }
    if (units.oom || shards.oom || sql.oom)
        goto nomem;
    if (k && (rc = zx_pg_query(pg, sql.s, &res, err)))
        goto cleanup;
    for (int i = 0; res && i < zx_pg_rows_count(res); i++) {
        const char *ks = zx_pg_rows_get(res, i, 2), *per = zx_pg_rows_get(res, i, 4);
        if (!ks)
            continue;
        int slot = atoi(zx_pg_rows_get(res, i, 0)), term = slot / 3, mode = slot % 3;
        int64_t key = atoll(ks), n = atoll(zx_pg_rows_get(res, i, 3));
        int p = per ? atoi(per) : 0;
        if (mode != 2 && (p < 0 || p >= np))
            continue;
        if (mode == M_UNIT) {
            int32_t u = unit_by_rid(&c, key);
            if (u >= 0 && mu[u] >= 0)
                zx_metrics_result_add(r, term, pi[p].i, mu[u], -1, n);
        } else {
            int32_t s = staff_by_rid(&c, key);
            if (s < 0 || ms[s] < 0)
                continue;
            if (mode == M_STAFF)
                zx_metrics_result_add(r, term, pi[p].i, -1, ms[s], n);
            else if (n > 0)
                zx_metrics_result_set_active(r, ms[s]);
        }
    }
    zx_metrics_result_rollup(r, m);
    if (q->collect) { /* the drill-down: period 0, the scope or one handler */
        int32_t cs = -1;
        const char *sid = q->collect_staff >= 0 ? zx_metrics_staff_id(m, q->collect_staff) : NULL;
        for (int32_t i = 0; sid && i < c.ns && cs < 0; i++)
            if (!strcmp(c.s[i].id, sid))
                cs = i;
        if (sid && cs < 0) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no staff member '%s' on the cluster", sid);
            goto cleanup;
        }
        if ((rc = drill_items(pg, &c, q->cat, q->collect_row, q->collect_part, cu0, cs, q->from[0],
                              q->to[0], q->lines, &it, &nit, err)))
            goto cleanup;
        const int *ts;
        zx_catalog_row_terms(q->cat, q->collect_row, q->collect_part, &ts);
        for (size_t i = 0; i < nit; i++) {
            struct zx_catalog_term ct;
            if (zx_catalog_term(q->cat, ts[it[i].term], &ct))
                continue;
            struct zx_metrics_hit h = {.term_slot = it[i].term,
                                       .counting = ct.count,
                                       .case_rid = it[i].c,
                                       .person_rid = it[i].p,
                                       .event_rid = it[i].e};
            if (zx_metrics_result_add_hit(r, &h))
                goto nomem;
        }
    }
    *out = r;
    r = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_metrics_result_free(r);
    zx_pg_rows_free(res);
    ctx_free(&c);
    free(units.s);
    free(shards.s);
    free(sql.s);
    free(pi);
    free(pf);
    free(pt);
    free(mu);
    free(ms);
    free(used);
    free(it);
    return rc;
}
