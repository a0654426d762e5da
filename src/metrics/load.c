/* load.c — load case data into the engine's columns (metrics.h): one table scan per table,
 * or the columnar snapshot (snapshot.c) when it matches the store; and the accessors of the
 * loaded data. A bulk column loader: it reads SQLite directly (zx_store_sqlite), the one
 * exception to "SQL lives behind src/store/" besides execution/load.c. Evaluation is eval.c. */
#include "metrics/internal.h"
#include "metrics/metrics.h"
#include "model/vocab.h"
#include "store/sql.h"
#include "util/date.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ---- rid → index maps ---- */

/* Sorted rids (ascending, as loaded with ORDER BY id); lookups by binary search, or a dense
 * table when the rids are dense enough. */
struct ridmap {
    const int64_t *rids;
    int32_t n;
    int32_t *dense; /* dense[rid] = index or -1; NULL when sparse */
    int64_t maxrid;
};

static int ridmap_init(struct ridmap *m, const int64_t *rids, int32_t n)
{
    m->rids = rids;
    m->n = n;
    m->dense = NULL;
    m->maxrid = n ? rids[n - 1] : 0;
    if (n && rids[0] >= 0 && m->maxrid <= (int64_t)n * 8 + 1024) {
        m->dense = malloc(((size_t)m->maxrid + 1) * sizeof *m->dense);
        if (!m->dense)
            return ZX_ENOMEM;
        memset(m->dense, 0xff, ((size_t)m->maxrid + 1) * sizeof *m->dense);
        for (int32_t i = 0; i < n; i++)
            m->dense[rids[i]] = i;
    }
    return ZX_OK;
}

static int32_t ridmap_get(const struct ridmap *m, int64_t rid)
{
    if (m->dense)
        return rid >= 0 && rid <= m->maxrid ? m->dense[rid] : -1;
    int32_t lo = 0, hi = m->n - 1;
    while (lo <= hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (m->rids[mid] < rid)
            lo = mid + 1;
        else if (m->rids[mid] > rid)
            hi = mid - 1;
        else
            return mid;
    }
    return -1;
}

static void ridmap_free(struct ridmap *m)
{
    free(m->dense);
    m->dense = NULL;
}

/* ---- loading ---- */

static int db_fail(sqlite3 *db, struct zx_err *err, const char *what)
{
    return zx_err_set(err, ZX_ESTORE, "loading %s: %s", what, sqlite3_errmsg(db));
}

static void *xcalloc(size_t n, size_t sz)
{
    return calloc(n ? n : 1, sz);
}

/* Units; *out_rid (ascending, load order) and *out_pre (load index → pre-order index) go
 * to the caller. */
static int load_units(sqlite3 *db, struct zx_metrics *m, int64_t **out_rid, int32_t **out_pre,
                      struct zx_err *err)
{
    int64_t n = zx_store__scalar(db, "SELECT count(*) FROM units");
    if (n < 0)
        return db_fail(db, err, "units");
    if (n > INT32_MAX / 2)
        return zx_err_set(err, ZX_ELIMIT, "too many units");
    int32_t nu = (int32_t)n;
    int rc = ZX_OK;
    int64_t *rid = xcalloc((size_t)nu, sizeof *rid), *prid = xcalloc((size_t)nu, sizeof *prid);
    char **xid = xcalloc((size_t)nu, sizeof *xid), **name = xcalloc((size_t)nu, sizeof *name);
    int32_t *parent = xcalloc((size_t)nu, sizeof *parent);
    int32_t *first = xcalloc((size_t)nu, sizeof *first), *next = xcalloc((size_t)nu, sizeof *next);
    int32_t *stack = xcalloc((size_t)nu + 1, sizeof *stack);
    int32_t *pre = xcalloc((size_t)nu, sizeof *pre);
    struct ridmap rm = {0};
    sqlite3_stmt *s = NULL;
    if (!rid || !prid || !xid || !name || !parent || !first || !next || !stack || !pre) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (sqlite3_prepare_v2(db, "SELECT id, unit_id, name, parent_rid FROM units ORDER BY id", -1,
                           &s, NULL) != SQLITE_OK) {
        rc = db_fail(db, err, "units");
        goto cleanup;
    }
    int32_t i = 0;
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && i < nu) {
        rid[i] = sqlite3_column_int64(s, 0);
        xid[i] = zx_store__col_strdup(s, 1);
        name[i] = zx_store__col_strdup(s, 2);
        prid[i] = sqlite3_column_int64(s, 3);
        if (!xid[i] || !name[i]) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        i++;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW) {
        rc = db_fail(db, err, "units");
        goto cleanup;
    }
    nu = i;
    if ((rc = ridmap_init(&rm, rid, nu))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* children lists in rid order: build backwards so each list is ascending */
    for (i = 0; i < nu; i++)
        first[i] = -1;
    for (i = nu - 1; i >= 0; i--) {
        int32_t p = prid[i] ? ridmap_get(&rm, prid[i]) : -1;
        parent[i] = p == i ? -1 : p;
        if (parent[i] >= 0) {
            next[i] = first[parent[i]];
            first[parent[i]] = i;
        }
    }
    /* pre-order from each root in rid order; a unit on a cycle is never reached and is
     * appended as its own root (the importer rejects cycles; this only guards) */
    for (i = 0; i < nu; i++)
        pre[i] = -1;
    int32_t k = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int32_t root = 0; root < nu; root++) {
            if (pre[root] >= 0 || (pass == 0 && parent[root] >= 0))
                continue;
            int32_t sp = 0;
            stack[sp++] = root;
            while (sp) {
                int32_t u = stack[--sp];
                if (pre[u] >= 0)
                    continue;
                pre[u] = k++;
                /* push children in reverse so the smallest rid comes out first */
                int32_t cnt = 0;
                for (int32_t c = first[u]; c >= 0; c = next[c])
                    cnt++;
                if (sp + cnt > nu)
                    break;
                int32_t j = sp + cnt;
                for (int32_t c = first[u]; c >= 0; c = next[c])
                    stack[--j] = c;
                sp += cnt;
            }
        }
    }
    m->nu = nu;
    m->u_rid = malloc(((size_t)nu + 1) * sizeof *m->u_rid);
    m->u_parent = malloc(((size_t)nu + 1) * sizeof *m->u_parent);
    m->u_size = malloc(((size_t)nu + 1) * sizeof *m->u_size);
    m->u_xid = calloc((size_t)nu + 1, sizeof *m->u_xid);
    m->u_name = calloc((size_t)nu + 1, sizeof *m->u_name);
    if (!m->u_rid || !m->u_parent || !m->u_size || !m->u_xid || !m->u_name) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (i = 0; i < nu; i++) {
        int32_t p = pre[i];
        m->u_rid[p] = rid[i];
        m->u_xid[p] = xid[i];
        m->u_name[p] = name[i];
        xid[i] = name[i] = NULL;
        m->u_parent[p] = parent[i] >= 0 ? pre[parent[i]] : -1;
        /* a parent found only through a cycle is not above its child in pre-order */
        if (m->u_parent[p] >= p)
            m->u_parent[p] = -1;
        m->u_size[p] = 1;
    }
    for (i = nu - 1; i > 0; i--)
        if (m->u_parent[i] >= 0)
            m->u_size[m->u_parent[i]] += m->u_size[i];
    *out_rid = rid;
    *out_pre = pre;
    rid = NULL;
    pre = NULL;

cleanup:
    sqlite3_finalize(s);
    ridmap_free(&rm);
    for (i = 0; xid && name && i < nu; i++) {
        free(xid[i]);
        free(name[i]);
    }
    free(rid);
    free(prid);
    free(xid);
    free(name);
    free(parent);
    free(first);
    free(next);
    free(stack);
    free(pre);
    return rc;
}

static int load_staff(sqlite3 *db, struct zx_metrics *m, const struct ridmap *units,
                      struct zx_err *err)
{
    int64_t n = zx_store__scalar(db, "SELECT count(*) FROM staff");
    if (n < 0)
        return db_fail(db, err, "staff");
    if (n > INT32_MAX / 2)
        return zx_err_set(err, ZX_ELIMIT, "too many staff");
    size_t cap = (size_t)n + 1;
    m->s_rid = malloc(cap * sizeof *m->s_rid);
    m->s_unit = malloc(cap * sizeof *m->s_unit);
    m->s_xid = calloc(cap, sizeof *m->s_xid);
    m->s_name = calloc(cap, sizeof *m->s_name);
    if (!m->s_rid || !m->s_unit || !m->s_xid || !m->s_name)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "SELECT id, staff_id, name, unit_rid FROM staff ORDER BY id", -1, &s,
                           NULL) != SQLITE_OK)
        return db_fail(db, err, "staff");
    int r;
    int32_t i = 0;
    int rc = ZX_OK;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && i < (int32_t)n) {
        m->s_rid[i] = sqlite3_column_int64(s, 0);
        m->s_xid[i] = zx_store__col_strdup(s, 1);
        m->s_name[i] = zx_store__col_strdup(s, 2);
        int32_t u = ridmap_get(units, sqlite3_column_int64(s, 3));
        m->s_unit[i] = u; /* unit units-load index; mapped to pre-order by the caller */
        i++;
        if (!m->s_xid[i - 1] || !m->s_name[i - 1]) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            break;
        }
    }
    m->ns = i;
    if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = db_fail(db, err, "staff");
    sqlite3_finalize(s);
    return rc;
}

/* Stable counting sort: perm gets the indices 0..n-1 ordered by key (0 ≤ key < nkeys);
 * start (nkeys + 1) gets the first position of each key. */
static int counting_sort(const int32_t *key, int32_t n, int32_t nkeys, int32_t *perm,
                         int32_t *start)
{
    memset(start, 0, ((size_t)nkeys + 1) * sizeof *start);
    for (int32_t i = 0; i < n; i++)
        start[key[i] + 1]++;
    for (int32_t k = 0; k < nkeys; k++)
        start[k + 1] += start[k];
    int32_t *pos = malloc(((size_t)nkeys + 1) * sizeof *pos);
    if (!pos)
        return ZX_ENOMEM;
    memcpy(pos, start, ((size_t)nkeys + 1) * sizeof *pos);
    for (int32_t i = 0; i < n; i++)
        perm[pos[key[i]]++] = i;
    free(pos);
    return ZX_OK;
}

#define PERMUTE(T, arr, perm, n)                                                                   \
    do {                                                                                           \
        T *tmp_ = malloc(((size_t)(n) + 1) * sizeof(T));                                           \
        if (!tmp_)                                                                                 \
            goto nomem;                                                                            \
        for (int32_t i_ = 0; i_ < (n); i_++)                                                       \
            tmp_[i_] = (arr)[(perm)[i_]];                                                          \
        free(arr);                                                                                 \
        (arr) = tmp_;                                                                              \
    } while (0)

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct charges (案由) of the cases, sorted bytewise: SQLite's BINARY collation is
 * memcmp, the order strcmp() and bsearch() below use. */
static int load_charges(sqlite3 *db, struct zx_metrics *m, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, r, cap = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT DISTINCT charge FROM cases WHERE charge IS NOT NULL AND"
                           " charge <> '' ORDER BY charge",
                           -1, &s, NULL) != SQLITE_OK)
        return db_fail(db, err, "cases");
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (m->nch == cap) {
            int ncap = cap ? cap * 2 : 64;
            char **t = realloc(m->ch_name, (size_t)ncap * sizeof *t);
            if (!t)
                goto nomem;
            m->ch_name = t;
            cap = ncap;
        }
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (!(m->ch_name[m->nch] = strdup(t ? t : "")))
            goto nomem;
        m->nch++;
    }
    if (r != SQLITE_DONE)
        rc = db_fail(db, err, "cases");
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_finalize(s);
    return rc;
}

static int32_t charge_index(const struct zx_metrics *m, const char *name)
{
    if (!name || !name[0] || !m->nch)
        return -1;
    char *const *hit = bsearch(&name, m->ch_name, (size_t)m->nch, sizeof *m->ch_name, cmp_str);
    return hit ? (int32_t)(hit - m->ch_name) : -1;
}

/* Cases, sorted by unit; *out_rid (ascending, load order) and *out_pos (load index → final
 * index) go to the caller. */
static int load_cases(sqlite3 *db, struct zx_metrics *m, const struct ridmap *units,
                      const int32_t *unit_pre, const struct ridmap *staff, int64_t **out_rid,
                      int32_t **out_pos, struct zx_err *err)
{
    int64_t n = zx_store__scalar(db, "SELECT count(*) FROM cases");
    if (n < 0)
        return db_fail(db, err, "cases");
    if (n > INT32_MAX / 2)
        return zx_err_set(err, ZX_ELIMIT, "more than %d cases", INT32_MAX / 2);
    size_t cap = (size_t)n + 1;
    int32_t *perm = NULL;
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK;
    m->c_rid = malloc(cap * sizeof *m->c_rid);
    m->c_unit = malloc(cap * sizeof *m->c_unit);
    m->c_handler = malloc(cap * sizeof *m->c_handler);
    m->c_acc = malloc(cap * sizeof *m->c_acc);
    m->c_closed = malloc(cap * sizeof *m->c_closed);
    m->c_charge = malloc(cap * sizeof *m->c_charge);
    m->c_line = malloc(cap);
    m->c_kind = malloc(cap);
    m->c_source = malloc(cap);
    m->c_business = malloc(cap);
    m->c_complex = malloc(cap);
    m->u_c0 = malloc(((size_t)m->nu + 1) * sizeof *m->u_c0);
    perm = malloc(cap * sizeof *perm);
    if (!m->c_rid || !m->c_unit || !m->c_handler || !m->c_acc || !m->c_closed || !m->c_line ||
        !m->c_kind || !m->c_source || !m->c_business || !m->c_charge || !m->c_complex || !m->u_c0 ||
        !perm)
        goto nomem;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, unit_rid, line, kind, source, business, accepted_on,"
                           " closed_on, handler_rid, charge, complex FROM cases ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK) {
        rc = db_fail(db, err, "cases");
        goto cleanup;
    }
    int r;
    int32_t i = 0, skipped = 0;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && i < (int32_t)n) {
        int32_t u = ridmap_get(units, sqlite3_column_int64(s, 1));
        if (u < 0) { /* foreign keys make this impossible; guard anyway */
            skipped++;
            continue;
        }
        m->c_rid[i] = sqlite3_column_int64(s, 0);
        m->c_unit[i] = unit_pre[u];
        m->c_line[i] = zx_store__col_code(s, 2);
        m->c_kind[i] = zx_store__col_code(s, 3);
        m->c_source[i] = zx_store__col_code(s, 4);
        m->c_business[i] = zx_store__col_code(s, 5);
        m->c_complex[i] = sqlite3_column_int(s, 10) != 0;
        m->c_acc[i] = zx_store__col_date(s, 6);
        m->c_closed[i] = zx_store__col_date(s, 7);
        m->c_handler[i] = sqlite3_column_type(s, 8) == SQLITE_NULL
                              ? -1
                              : ridmap_get(staff, sqlite3_column_int64(s, 8));
        m->c_charge[i] = charge_index(m, (const char *)sqlite3_column_text(s, 9));
        i++;
    }
    (void)skipped;
    if (r != SQLITE_DONE && r != SQLITE_ROW) {
        rc = db_fail(db, err, "cases");
        goto cleanup;
    }
    m->nc = i;
    if (counting_sort(m->c_unit, m->nc, m->nu, perm, m->u_c0))
        goto nomem;
    *out_rid = malloc(cap * sizeof **out_rid);
    *out_pos = malloc(cap * sizeof **out_pos);
    if (!*out_rid || !*out_pos)
        goto nomem;
    memcpy(*out_rid, m->c_rid, (size_t)m->nc * sizeof **out_rid);
    for (int32_t k = 0; k < m->nc; k++)
        (*out_pos)[perm[k]] = k;
    PERMUTE(int64_t, m->c_rid, perm, m->nc);
    PERMUTE(int32_t, m->c_unit, perm, m->nc);
    PERMUTE(int32_t, m->c_handler, perm, m->nc);
    PERMUTE(int32_t, m->c_acc, perm, m->nc);
    PERMUTE(int32_t, m->c_closed, perm, m->nc);
    PERMUTE(int32_t, m->c_charge, perm, m->nc);
    PERMUTE(uint8_t, m->c_line, perm, m->nc);
    PERMUTE(uint8_t, m->c_kind, perm, m->nc);
    PERMUTE(uint8_t, m->c_source, perm, m->nc);
    PERMUTE(uint8_t, m->c_business, perm, m->nc);
    PERMUTE(uint8_t, m->c_complex, perm, m->nc);
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_finalize(s);
    free(perm);
    return rc;
}

/* Persons, grouped by case; *out_rid (ascending, load order) and *out_pos (load index →
 * final index) go to the caller; p_case (final order) too, for the events' check. */
static int load_persons(sqlite3 *db, struct zx_metrics *m, const struct ridmap *cases,
                        const int32_t *case_pos, int64_t **out_rid, int32_t **out_pos,
                        int32_t **out_case, struct zx_err *err)
{
    int64_t n = zx_store__scalar(db, "SELECT count(*) FROM persons");
    if (n < 0)
        return db_fail(db, err, "persons");
    if (n > INT32_MAX / 2)
        return zx_err_set(err, ZX_ELIMIT, "more than %d persons", INT32_MAX / 2);
    size_t cap = (size_t)n + 1;
    int rc = ZX_OK;
    sqlite3_stmt *s = NULL;
    int32_t *perm = malloc(cap * sizeof *perm);
    int32_t *pcase = malloc(cap * sizeof *pcase);
    m->p_rid = malloc(cap * sizeof *m->p_rid);
    m->c_p0 = malloc(((size_t)m->nc + 1) * sizeof *m->c_p0);
    *out_rid = malloc(cap * sizeof **out_rid);
    *out_pos = malloc(cap * sizeof **out_pos);
    if (!perm || !pcase || !m->p_rid || !m->c_p0 || !*out_rid || !*out_pos)
        goto nomem;
    if (sqlite3_prepare_v2(db, "SELECT id, case_rid FROM persons ORDER BY id", -1, &s, NULL) !=
        SQLITE_OK) {
        rc = db_fail(db, err, "persons");
        goto cleanup;
    }
    int r;
    int32_t i = 0;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && i < (int32_t)n) {
        int32_t c = ridmap_get(cases, sqlite3_column_int64(s, 1));
        if (c < 0)
            continue;
        m->p_rid[i] = sqlite3_column_int64(s, 0);
        pcase[i] = case_pos[c];
        i++;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW) {
        rc = db_fail(db, err, "persons");
        goto cleanup;
    }
    m->np = i;
    if (counting_sort(pcase, m->np, m->nc, perm, m->c_p0))
        goto nomem;
    memcpy(*out_rid, m->p_rid, (size_t)m->np * sizeof **out_rid);
    for (int32_t k = 0; k < m->np; k++)
        (*out_pos)[perm[k]] = k;
    PERMUTE(int64_t, m->p_rid, perm, m->np);
    PERMUTE(int32_t, pcase, perm, m->np);
    m->max_pc = 1;
    for (int32_t c = 0; c < m->nc; c++)
        if (m->c_p0[c + 1] - m->c_p0[c] > m->max_pc)
            m->max_pc = m->c_p0[c + 1] - m->c_p0[c];
    *out_case = pcase;
    pcase = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_finalize(s);
    free(perm);
    free(pcase);
    return rc;
}

static int load_events(sqlite3 *db, struct zx_metrics *m, const struct ridmap *cases,
                       const int32_t *case_pos, const struct ridmap *persons,
                       const int32_t *person_pos, const int32_t *person_case,
                       const struct ridmap *staff, struct zx_err *err)
{
    int64_t n = zx_store__scalar(db, "SELECT count(*) FROM events");
    if (n < 0)
        return db_fail(db, err, "events");
    if (n > INT32_MAX - 1)
        return zx_err_set(err, ZX_ELIMIT, "more than %d events", INT32_MAX - 1);
    size_t cap = (size_t)n + 1;
    int rc = ZX_OK;
    sqlite3_stmt *s = NULL;
    struct ridmap em = {0};
    int64_t *lrid = malloc(cap * sizeof *lrid), *lref = malloc(cap * sizeof *lref);
    int32_t *ecase = malloc(cap * sizeof *ecase), *perm = malloc(cap * sizeof *perm);
    int32_t *pos = NULL;
    m->e_rid = malloc(cap * sizeof *m->e_rid);
    m->e_person = malloc(cap * sizeof *m->e_person);
    m->e_date = malloc(cap * sizeof *m->e_date);
    m->e_handler = malloc(cap * sizeof *m->e_handler);
    m->e_ref = malloc(cap * sizeof *m->e_ref);
    m->e_type = malloc(cap);
    m->e_result = malloc(cap);
    m->c_e0 = malloc(((size_t)m->nc + 1) * sizeof *m->c_e0);
    if (!lrid || !lref || !ecase || !perm || !m->e_rid || !m->e_person || !m->e_date ||
        !m->e_handler || !m->e_ref || !m->e_type || !m->e_result || !m->c_e0)
        goto nomem;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, case_rid, person_rid, type, date, result, handler_rid,"
                           " ref_rid FROM events ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK) {
        rc = db_fail(db, err, "events");
        goto cleanup;
    }
    int r;
    int32_t i = 0;
    while ((r = sqlite3_step(s)) == SQLITE_ROW && i < (int32_t)n) {
        int64_t rid = sqlite3_column_int64(s, 0);
        int32_t c = ridmap_get(cases, sqlite3_column_int64(s, 1));
        if (c < 0)
            continue;
        if (rid < 0 || rid > (int64_t)UINT32_MAX) {
            rc = zx_err_set(err, ZX_ELIMIT, "event row id %lld out of range", (long long)rid);
            goto cleanup;
        }
        c = case_pos[c];
        lrid[i] = rid;
        ecase[i] = c;
        int32_t p = -1;
        if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
            p = ridmap_get(persons, sqlite3_column_int64(s, 2));
            p = p >= 0 ? person_pos[p] : -1;
            if (p >= 0 && person_case[p] != c)
                p = -1; /* a person of another case: the importer rejects this */
        }
        m->e_person[i] = p;
        m->e_type[i] = zx_store__col_code(s, 3);
        m->e_date[i] = zx_store__col_date(s, 4);
        m->e_result[i] = zx_store__col_code(s, 5);
        m->e_handler[i] = sqlite3_column_type(s, 6) == SQLITE_NULL
                              ? m->c_handler[c]
                              : ridmap_get(staff, sqlite3_column_int64(s, 6));
        lref[i] = sqlite3_column_type(s, 7) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 7);
        i++;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW) {
        rc = db_fail(db, err, "events");
        goto cleanup;
    }
    m->ne = i;
    /* by case (stable: rid order within a case), then by date within each case */
    if (counting_sort(ecase, m->ne, m->nc, perm, m->c_e0))
        goto nomem;
    for (int32_t c = 0; c < m->nc; c++) {
        int32_t a = m->c_e0[c], b = m->c_e0[c + 1];
        for (int32_t k = a + 1; k < b; k++) { /* insertion sort: cases hold few events */
            int32_t v = perm[k], j = k;
            int32_t d = m->e_date[v];
            while (j > a && m->e_date[perm[j - 1]] > d) {
                perm[j] = perm[j - 1];
                j--;
            }
            perm[j] = v;
        }
    }
    pos = malloc(cap * sizeof *pos);
    if (!pos)
        goto nomem;
    for (int32_t k = 0; k < m->ne; k++)
        pos[perm[k]] = k;
    if (ridmap_init(&em, lrid, m->ne))
        goto nomem;
    for (int32_t k = 0; k < m->ne; k++) {
        int32_t t = lref[k] ? ridmap_get(&em, lref[k]) : -1;
        ecase[k] = t >= 0 ? pos[t] : -1; /* reuse ecase as the mapped ref */
    }
    for (int32_t k = 0; k < m->ne; k++)
        m->e_rid[k] = (uint32_t)lrid[perm[k]];
    for (int32_t k = 0; k < m->ne; k++)
        m->e_ref[k] = ecase[perm[k]];
    PERMUTE(int32_t, m->e_person, perm, m->ne);
    PERMUTE(int32_t, m->e_date, perm, m->ne);
    PERMUTE(int32_t, m->e_handler, perm, m->ne);
    PERMUTE(uint8_t, m->e_type, perm, m->ne);
    PERMUTE(uint8_t, m->e_result, perm, m->ne);
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_finalize(s);
    ridmap_free(&em);
    free(lrid);
    free(lref);
    free(ecase);
    free(perm);
    free(pos);
    return rc;
}

/* qsort_r order of event indices by (date, index); arg is e_date. */
static int cmp_event_date(const void *a, const void *b, void *arg)
{
    const int32_t *d = arg, x = *(const int32_t *)a, y = *(const int32_t *)b;
    if (d[x] != d[y])
        return d[x] < d[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Events by type: a counting sort of the event indices on e_type (stable, so each list is
 * in event order). */
static int build_type_index(struct zx_metrics *m)
{
    m->t_e0 = calloc(65, sizeof *m->t_e0);
    m->t_ev = malloc(((size_t)m->ne + 1) * sizeof *m->t_ev);
    if (!m->t_e0 || !m->t_ev)
        return ZX_ENOMEM;
    for (int32_t e = 0; e < m->ne; e++)
        m->t_e0[m->e_type[e] + 1]++;
    for (int t = 0; t < 64; t++)
        m->t_e0[t + 1] += m->t_e0[t];
    int32_t pos[64];
    memcpy(pos, m->t_e0, sizeof pos);
    for (int32_t e = 0; e < m->ne; e++)
        m->t_ev[pos[m->e_type[e]]++] = e;
    /* by date within each type: a stable counting sort on the date, then on the type */
    m->t_dd = malloc(((size_t)m->ne + 1) * sizeof *m->t_dd);
    m->t_dcase = malloc(((size_t)m->ne + 1) * sizeof *m->t_dcase);
    if (!m->t_dd || !m->t_dcase)
        return ZX_ENOMEM;
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (int32_t e = 0; e < m->ne; e++) {
        if (m->e_date[e] < lo)
            lo = m->e_date[e];
        if (m->e_date[e] > hi)
            hi = m->e_date[e];
    }
    int64_t span = m->ne ? (int64_t)hi - lo + 1 : 1;
    int wide = span > 400 * 366; /* stray dates far apart: a comparison sort instead */
    int32_t *start = wide ? NULL : calloc((size_t)span + 1, sizeof *start);
    int32_t *perm = malloc(((size_t)m->ne + 1) * sizeof *perm);
    int32_t *ecase = malloc(((size_t)m->ne + 1) * sizeof *ecase);
    if ((!wide && !start) || !perm || !ecase) {
        free(start);
        free(perm);
        free(ecase);
        return ZX_ENOMEM;
    }
    for (int32_t c = 0; c < m->nc; c++)
        for (int32_t e = m->c_e0[c]; e < m->c_e0[c + 1]; e++)
            ecase[e] = c;
    if (wide) {
        for (int32_t e = 0; e < m->ne; e++)
            perm[e] = e;
        qsort_r(perm, (size_t)m->ne, sizeof *perm, cmp_event_date, m->e_date);
    } else {
        for (int32_t e = 0; e < m->ne; e++)
            start[m->e_date[e] - lo + 1]++;
        for (int64_t d = 0; d < span; d++)
            start[d + 1] += start[d];
        for (int32_t e = 0; e < m->ne; e++)
            perm[start[m->e_date[e] - lo]++] = e;
    }
    memcpy(pos, m->t_e0, sizeof pos);
    for (int32_t i = 0; i < m->ne; i++) {
        int32_t e = perm[i], at = pos[m->e_type[e]]++;
        m->t_dd[at] = m->e_date[e];
        m->t_dcase[at] = ecase[e];
    }
    free(start);
    free(perm);
    free(ecase);
    return ZX_OK;
}

/* Compares two slots of one xid array by their strings, equal strings by position. */
static int by_xid(const void *a, const void *b)
{
    char *const *x = *(char *const *const *)a, *const *y = *(char *const *const *)b;
    int c = strcmp(*x, *y);
    return c ? c : (x > y) - (x < y);
}

/* by[0..n) = 0..n-1 ordered by xid (strcmp), equal ids by index, so that xid_find()
 * answers the first of duplicates as a scan would. Caller owns the result; NULL when out
 * of memory. */
static int32_t *xid_order(char *const *xid, int32_t n)
{
    int32_t *by = malloc(((size_t)n + 1) * sizeof *by);
    char *const **slot = malloc(((size_t)n + 1) * sizeof *slot);
    if (by && slot) {
        for (int32_t i = 0; i < n; i++)
            slot[i] = xid + i;
        qsort(slot, (size_t)n, sizeof *slot, by_xid);
        for (int32_t i = 0; i < n; i++)
            by[i] = (int32_t)(slot[i] - xid);
    } else {
        free(by);
        by = NULL;
    }
    free(slot);
    return by;
}

static int index_xids(struct zx_metrics *m)
{
    m->u_by_xid = xid_order(m->u_xid, m->nu);
    m->s_by_xid = xid_order(m->s_xid, m->ns);
    return m->u_by_xid && m->s_by_xid ? 0 : -1;
}

int zx_metrics_load(struct zx_store *st, struct zx_metrics **out, struct zx_err *err)
{
    *out = NULL;
    sqlite3 *db = zx_store_sqlite(st);
    struct zx_metrics *m = calloc(1, sizeof *m);
    int64_t *urid = NULL, *crid = NULL, *prid = NULL;
    int32_t *upre = NULL, *cpos = NULL, *ppos = NULL, *pcase = NULL;
    struct ridmap um = {0}, sm = {0}, cm = {0}, pm = {0};
    char key[512], *snap = NULL;
    int rc, have_key = 0;
    if (!m)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    /* one read transaction: a consistent snapshot even while an import runs */
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        rc = db_fail(db, err, "snapshot");
        goto cleanup;
    }
    /* the columnar snapshot, when one matches the store's data */
    snap = zx_store_cache_path(st, ".zxcol");
    have_key = snap && zx_metrics__snapshot_key(st, key, sizeof key, NULL) == ZX_OK;
    if (have_key) {
        rc = zx_metrics__snapshot_read(snap, key, m);
        if (rc < 0)
            goto nomem;
        if (rc == 1) {
            if (index_xids(m))
                goto nomem;
            rc = ZX_OK;
            *out = m;
            m = NULL;
            goto cleanup;
        }
    }
    if ((rc = load_units(db, m, &urid, &upre, err)))
        goto cleanup;
    if (ridmap_init(&um, urid, m->nu))
        goto nomem;
    if ((rc = load_staff(db, m, &um, err)))
        goto cleanup;
    for (int32_t i = 0; i < m->ns; i++)
        m->s_unit[i] = m->s_unit[i] >= 0 ? upre[m->s_unit[i]] : -1;
    if (ridmap_init(&sm, m->s_rid, m->ns))
        goto nomem;
    if ((rc = load_charges(db, m, err)))
        goto cleanup;
    if ((rc = load_cases(db, m, &um, upre, &sm, &crid, &cpos, err)))
        goto cleanup;
    if (ridmap_init(&cm, crid, m->nc))
        goto nomem;
    if ((rc = load_persons(db, m, &cm, cpos, &prid, &ppos, &pcase, err)))
        goto cleanup;
    if (ridmap_init(&pm, prid, m->np))
        goto nomem;
    if ((rc = load_events(db, m, &cm, cpos, &pm, ppos, pcase, &sm, err)))
        goto cleanup;
    if (build_type_index(m) || index_xids(m))
        goto nomem;
    /* a cache only: when it cannot be written the next load reads SQLite again */
    if (have_key)
        (void)zx_metrics__snapshot_write(snap, key, m, NULL); /* a cache may fail: no error */
    *out = m;
    m = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    ridmap_free(&um);
    ridmap_free(&sm);
    ridmap_free(&cm);
    ridmap_free(&pm);
    free(urid);
    free(crid);
    free(prid);
    free(upre);
    free(cpos);
    free(ppos);
    free(pcase);
    free(snap);
    zx_metrics_free(m);
    return rc;
}

void zx_metrics_free(struct zx_metrics *m)
{
    if (!m)
        return;
    for (int32_t i = 0; m->u_xid && i < m->nu; i++) {
        free(m->u_xid[i]);
        free(m->u_name[i]);
    }
    for (int32_t i = 0; m->s_xid && i < m->ns; i++) {
        free(m->s_xid[i]);
        free(m->s_name[i]);
    }
    for (int32_t i = 0; m->ch_name && i < m->nch; i++)
        free(m->ch_name[i]);
    free(m->u_xid);
    free(m->u_name);
    free(m->s_xid);
    free(m->s_name);
    free(m->ch_name);
    free(m->u_by_xid); /* built on either load path, never part of the snapshot */
    free(m->s_by_xid);
    zx_metrics__window_free(m->win);
    if (m->map) { /* every numeric array points into the snapshot */
        munmap(m->map, m->map_len);
        free(m);
        return;
    }
    free(m->u_rid);
    free(m->u_parent);
    free(m->u_size);
    free(m->u_c0);
    free(m->s_rid);
    free(m->s_unit);
    free(m->c_rid);
    free(m->c_unit);
    free(m->c_handler);
    free(m->c_acc);
    free(m->c_closed);
    free(m->c_charge);
    free(m->c_line);
    free(m->c_kind);
    free(m->c_source);
    free(m->c_business);
    free(m->c_complex);
    free(m->c_e0);
    free(m->c_p0);
    free(m->p_rid);
    free(m->e_rid);
    free(m->e_person);
    free(m->e_date);
    free(m->e_handler);
    free(m->e_ref);
    free(m->e_type);
    free(m->e_result);
    free(m->t_e0);
    free(m->t_ev);
    free(m->t_dd);
    free(m->t_dcase);
    free(m);
}

/* ---- accessors ---- */

int32_t zx_metrics_units(const struct zx_metrics *m)
{
    return m->nu;
}

/* The first of xid[by[0..n)] equal to id (index_xids() ordered them), or -1. */
static int32_t xid_find(char *const *xid, const int32_t *by, int32_t n, const char *id)
{
    int32_t lo = 0, hi = n;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (strcmp(xid[by[mid]], id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(xid[by[lo]], id) ? by[lo] : -1;
}

int32_t zx_metrics_unit_find(const struct zx_metrics *m, const char *unit_id)
{
    return unit_id ? xid_find(m->u_xid, m->u_by_xid, m->nu, unit_id) : -1;
}

const char *zx_metrics_unit_id(const struct zx_metrics *m, int32_t u)
{
    return u >= 0 && u < m->nu ? m->u_xid[u] : NULL;
}

const char *zx_metrics_unit_name(const struct zx_metrics *m, int32_t u)
{
    return u >= 0 && u < m->nu ? m->u_name[u] : NULL;
}

int32_t zx_metrics_unit_parent(const struct zx_metrics *m, int32_t u)
{
    return u >= 0 && u < m->nu ? m->u_parent[u] : -1;
}

int32_t zx_metrics_unit_size(const struct zx_metrics *m, int32_t u)
{
    return u >= 0 && u < m->nu ? m->u_size[u] : 0;
}

int32_t zx_metrics_staff(const struct zx_metrics *m)
{
    return m->ns;
}

int32_t zx_metrics_staff_find(const struct zx_metrics *m, const char *staff_id)
{
    return staff_id ? xid_find(m->s_xid, m->s_by_xid, m->ns, staff_id) : -1;
}

const char *zx_metrics_staff_id(const struct zx_metrics *m, int32_t s)
{
    return s >= 0 && s < m->ns ? m->s_xid[s] : NULL;
}

const char *zx_metrics_staff_name(const struct zx_metrics *m, int32_t s)
{
    return s >= 0 && s < m->ns ? m->s_name[s] : NULL;
}

int32_t zx_metrics_staff_unit(const struct zx_metrics *m, int32_t s)
{
    return s >= 0 && s < m->ns ? m->s_unit[s] : -1;
}

int32_t zx_metrics_charges(const struct zx_metrics *m)
{
    return m->nch;
}

const char *zx_metrics_charge_name(const struct zx_metrics *m, int32_t k)
{
    return k >= 0 && k < m->nch ? m->ch_name[k] : NULL;
}

int32_t zx_metrics_charge_find(const struct zx_metrics *m, const char *name)
{
    return charge_index(m, name);
}

void zx_metrics_case_cols(const struct zx_metrics *m, struct zx_metrics_case_cols *out)
{
    *out = (struct zx_metrics_case_cols){.n = m->nc,
                                         .rid = m->c_rid,
                                         .unit = m->c_unit,
                                         .accepted = m->c_acc,
                                         .closed = m->c_closed,
                                         .charge = m->c_charge,
                                         .line = m->c_line,
                                         .unit_c0 = m->u_c0};
}

void zx_metrics_columns(const struct zx_metrics *m, struct zx_metrics_columns *out)
{
    *out = (struct zx_metrics_columns){
        .nu = m->nu,
        .u_parent = m->u_parent,
        .u_size = m->u_size,
        .nc = m->nc,
        .c_rid = m->c_rid,
        .c_unit = m->c_unit,
        .c_handler = m->c_handler,
        .c_e0 = m->c_e0,
        .c_p0 = m->c_p0,
        .c_business = m->c_business,
        .c_complex = m->c_complex,
        .np = m->np,
        .p_rid = m->p_rid,
        .ne = m->ne,
        .e_rid = m->e_rid,
        .e_person = m->e_person,
        .e_date = m->e_date,
        .e_ref = m->e_ref,
        .e_handler = m->e_handler,
        .e_type = m->e_type,
        .e_result = m->e_result,
    };
}

int64_t zx_metrics_events(const struct zx_metrics *m)
{
    return m->ne;
}

int64_t zx_metrics_cases(const struct zx_metrics *m)
{
    return m->nc;
}
