/* store_ledger.c — the hash chain of acts (ledger.h). Tied to SQLite: rows are encoded from
 * the values SQLite returns, so writer (INSERT … RETURNING *) and verifier (SELECT *) see
 * the same thing. */
#include "store/ledger.h"
#include "store/sql.h"
#include "util/date.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DOMAIN "zhixiao-ledger-1"

/* The tables whose every row must be recorded, and the column naming each row. */
static const struct {
    const char *tbl, *xid;
} recorded[] = {
    {"units", "unit_id"},
    {"staff", "staff_id"},
    {"cases", "case_id"},
    {"persons", "person_id"},
    {"events", "event_id"},
    {"institutions", "institution_id"},
    {"convicts", "convict_id"},
    {"sentence_changes", "change_id"},
    {"documents", "document_id"},
    {"users", "name"},
    {"insp_plans", "plan_id"},
    {"insp_findings", "finding_id"},
    {"insp_dispositions", "disp_id"},
    {"res_offices", "office_id"},
    {"res_staff", "staff_id"},
    {"res_logs", "log_id"},
    {"mon_notices", "notice_no"},
    {"mon_notice_steps", NULL}, /* entries name the notice */
    {"gov_suggestions", "sugg_no"},
    {"gov_hearings", "hearing_no"},
    {"gov_supervisions", "supervision_no"},
    {"qr_plans", "plan_id"},
    {"qr_reviews", "review_id"},
    {"qr_findings", "finding_id"},
    {"datasets", "dataset_id"},
    {"leads", "lead_id"},
    {"cb_candidates", "cand_id"},
    {"cb_steps", "step_id"},
    {"ap_entries", "entry_id"},
};
#define NRECORDED ((int)(sizeof recorded / sizeof recorded[0]))

/* Where a table's xid, handler, decider and act date are, found by column name once. */
struct layout {
    char tbl[40];
    int ncol, xid, handler, decider, date;
};
#define NLAYOUT 24

struct zx_ledger__state {
    sqlite3 *db;
    sqlite3_stmt *ins, *head;
    int head_valid;
    int64_t seq;
    unsigned char hash[ZX_LEDGER_HASH_BYTES];
    int64_t import_id;
    char *actor;
    struct layout lay[NLAYOUT];
    int nlay;
    char xid[256]; /* the external id of the entry being appended */
    /* encoding buffer */
    unsigned char *buf;
    size_t len, cap;
};

/* ---- canonical encoding ---- */

static int put(struct zx_ledger__state *lg, const void *p, size_t n)
{
    if (lg->len + n > lg->cap) {
        size_t cap = lg->cap ? lg->cap : 256;
        while (cap < lg->len + n)
            cap *= 2;
        unsigned char *b = realloc(lg->buf, cap);
        if (!b)
            return ZX_ENOMEM;
        lg->buf = b;
        lg->cap = cap;
    }
    memcpy(lg->buf + lg->len, p, n);
    lg->len += n;
    return ZX_OK;
}

static int put_i(struct zx_ledger__state *lg, int64_t v)
{
    unsigned char b[9] = {'i'};
    for (int i = 0; i < 8; i++)
        b[1 + i] = (unsigned char)((uint64_t)v >> (8 * i));
    return put(lg, b, 9);
}
static int put_null(struct zx_ledger__state *lg)
{
    return put(lg, "n", 1);
}
static int put_opt(struct zx_ledger__state *lg, int64_t v, int64_t none)
{
    return v == none ? put_null(lg) : put_i(lg, v);
}
static int put_bytes(struct zx_ledger__state *lg, char tag, const void *p, size_t n)
{
    unsigned char b[5] = {(unsigned char)tag};
    if (!p)
        return put_null(lg);
    for (int i = 0; i < 4; i++)
        b[1 + i] = (unsigned char)((uint32_t)n >> (8 * i));
    if (put(lg, b, 5))
        return ZX_ENOMEM;
    return put(lg, p, n);
}
static int put_t(struct zx_ledger__state *lg, const char *s)
{
    return put_bytes(lg, 't', s, s ? strlen(s) : 0);
}

/* Encode values v[0..n-1]: the one canonical row encoding, for the writer and the verifier. */
static int put_vals(struct zx_ledger__state *lg, const struct zx_ledger__val *v, int n)
{
    int rc = ZX_OK;
    for (int i = 0; i < n && !rc; i++) {
        switch (v[i].type) {
        case SQLITE_INTEGER:
            rc = put_i(lg, v[i].i);
            break;
        case SQLITE_FLOAT: {
            double d = v[i].r;
            uint64_t u;
            /* RETURNING gives a REAL column's whole value as the integer SQLite stores it,
             * SELECT as a real: whole numbers are encoded as integers either way */
            if (d >= -9.2e18 && d <= 9.2e18 && d == (double)(int64_t)d) {
                rc = put_i(lg, (int64_t)d);
                break;
            }
            unsigned char b[9] = {'r'};
            memcpy(&u, &d, 8);
            for (int k = 0; k < 8; k++)
                b[1 + k] = (unsigned char)(u >> (8 * k));
            rc = put(lg, b, 9);
            break;
        }
        case SQLITE_TEXT:
            rc = put_bytes(lg, 't', v[i].p, v[i].n);
            break;
        case SQLITE_BLOB:
            rc = put_bytes(lg, 'b', v[i].p ? v[i].p : "", v[i].n);
            break;
        default:
            rc = put_null(lg);
        }
    }
    return rc;
}

#define MAXCOL 96

/* The current row of s as values (texts borrowed until s is stepped or reset). */
static int stmt_vals(sqlite3_stmt *s, int n, struct zx_ledger__val *v)
{
    if (n > MAXCOL)
        return ZX_EINVAL;
    for (int i = 0; i < n; i++) {
        memset(&v[i], 0, sizeof v[i]);
        v[i].type = sqlite3_column_type(s, i);
        switch (v[i].type) {
        case SQLITE_INTEGER:
            v[i].i = sqlite3_column_int64(s, i);
            break;
        case SQLITE_FLOAT:
            v[i].r = sqlite3_column_double(s, i);
            break;
        case SQLITE_TEXT:
            v[i].p = (const char *)sqlite3_column_text(s, i);
            v[i].n = (size_t)sqlite3_column_bytes(s, i);
            break;
        case SQLITE_BLOB:
            v[i].p = sqlite3_column_blob(s, i);
            v[i].n = (size_t)sqlite3_column_bytes(s, i);
            break;
        default:
            break;
        }
    }
    return ZX_OK;
}

/* Encode columns 0..n-1 of the current row of s (as SELECT * or RETURNING * gives them). */
static int put_row(struct zx_ledger__state *lg, sqlite3_stmt *s, int n)
{
    struct zx_ledger__val v[MAXCOL];
    if (stmt_vals(s, n, v))
        return ZX_EINVAL;
    return put_vals(lg, v, n);
}

static int row_hash(struct zx_ledger__state *lg, sqlite3_stmt *s, int n,
                    unsigned char out[ZX_LEDGER_CONTENT_BYTES])
{
    lg->len = 0;
    if (put_row(lg, s, n))
        return ZX_ENOMEM;
    crypto_generichash(out, ZX_LEDGER_CONTENT_BYTES, lg->buf, lg->len, NULL, 0);
    return ZX_OK;
}

/* The fields of one entry, as the chain commits to them. */
struct fields {
    const char *tbl, *xid, *op, *actor;
    int64_t rid, handler, decider, recorded_at, import_id;
    int32_t act_on;
    const unsigned char *content; /* ZX_LEDGER_CONTENT_BYTES or NULL */
};

static int entry_hash(struct zx_ledger__state *lg, const unsigned char prev[ZX_LEDGER_HASH_BYTES],
                      const struct fields *f, unsigned char out[ZX_LEDGER_HASH_BYTES])
{
    int rc;
    lg->len = 0;
    rc = put(lg, DOMAIN, sizeof DOMAIN - 1);
    if (!rc)
        rc = put(lg, prev, ZX_LEDGER_HASH_BYTES);
    if (!rc)
        rc = put_t(lg, f->tbl);
    if (!rc)
        rc = put_i(lg, f->rid);
    if (!rc)
        rc = put_t(lg, f->xid);
    if (!rc)
        rc = put_t(lg, f->op);
    if (!rc)
        rc = put_opt(lg, f->handler, 0);
    if (!rc)
        rc = put_opt(lg, f->decider, 0);
    if (!rc)
        rc = put_opt(lg, f->act_on, ZX_DATE_NULL);
    if (!rc)
        rc = put_i(lg, f->recorded_at);
    if (!rc)
        rc = put_opt(lg, f->import_id, 0);
    if (!rc)
        rc = put_t(lg, f->actor);
    if (!rc)
        rc = put_bytes(lg, 'b', f->content, f->content ? ZX_LEDGER_CONTENT_BYTES : 0);
    if (rc)
        return rc;
    crypto_generichash(out, ZX_LEDGER_HASH_BYTES, lg->buf, lg->len, NULL, 0);
    return ZX_OK;
}

/* ---- state ---- */

static int on_commit(void *ud)
{
    ((struct zx_ledger__state *)ud)->head_valid = 0;
    return 0;
}
static void on_rollback(void *ud)
{
    ((struct zx_ledger__state *)ud)->head_valid = 0;
}

int zx_ledger__new(sqlite3 *db, struct zx_ledger__state **out, struct zx_err *err)
{
    struct zx_ledger__state *lg = calloc(1, sizeof *lg);
    *out = NULL;
    if (!lg || sodium_init() < 0) {
        free(lg);
        return zx_err_set(err, ZX_ENOMEM, "ledger: cannot start");
    }
    lg->db = db;
    /* the cached head is only good inside the transaction that read it */
    sqlite3_commit_hook(db, on_commit, lg);
    sqlite3_rollback_hook(db, on_rollback, lg);
    *out = lg;
    return ZX_OK;
}

void zx_ledger__free(struct zx_ledger__state *lg)
{
    if (!lg)
        return;
    sqlite3_commit_hook(lg->db, NULL, NULL);
    sqlite3_rollback_hook(lg->db, NULL, NULL);
    sqlite3_finalize(lg->ins);
    sqlite3_finalize(lg->head);
    free(lg->actor);
    free(lg->buf);
    free(lg);
}

void zx_ledger__set_import(struct zx_ledger__state *lg, int64_t import_id)
{
    lg->import_id = import_id;
}

static int lerr(struct zx_ledger__state *lg, struct zx_err *err, const char *what)
{
    return zx_err_set(err, ZX_ESTORE, "ledger: %s: %s", what, sqlite3_errmsg(lg->db));
}

static int prep(struct zx_ledger__state *lg, sqlite3_stmt **s, const char *sql, struct zx_err *err)
{
    if (*s)
        return ZX_OK;
    if (sqlite3_prepare_v3(lg->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
        return lerr(lg, err, "prepare");
    return ZX_OK;
}

static int load_head(struct zx_ledger__state *lg, struct zx_err *err)
{
    if (lg->head_valid)
        return ZX_OK;
    if (prep(lg, &lg->head, "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1", err))
        return ZX_ESTORE;
    int r = sqlite3_step(lg->head);
    lg->seq = 0;
    memset(lg->hash, 0, sizeof lg->hash);
    if (r == SQLITE_ROW) {
        lg->seq = sqlite3_column_int64(lg->head, 0);
        if (sqlite3_column_bytes(lg->head, 1) == ZX_LEDGER_HASH_BYTES)
            memcpy(lg->hash, sqlite3_column_blob(lg->head, 1), ZX_LEDGER_HASH_BYTES);
    }
    sqlite3_reset(lg->head);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return lerr(lg, err, "read head");
    lg->head_valid = 1;
    return ZX_OK;
}

static const struct layout *layout_of(struct zx_ledger__state *lg, const char *tbl, sqlite3_stmt *s)
{
    for (int i = 0; i < lg->nlay; i++)
        if (!strcmp(lg->lay[i].tbl, tbl))
            return &lg->lay[i];
    struct layout *l = lg->nlay < NLAYOUT ? &lg->lay[lg->nlay++] : &lg->lay[NLAYOUT - 1];
    const char *xid = NULL;
    snprintf(l->tbl, sizeof l->tbl, "%s", tbl);
    l->ncol = sqlite3_column_count(s);
    l->xid = l->handler = l->decider = l->date = -1;
    for (int i = 0; i < NRECORDED; i++)
        if (!strcmp(recorded[i].tbl, tbl))
            xid = recorded[i].xid;
    for (int i = 0; i < l->ncol; i++) {
        const char *n = sqlite3_column_name(s, i);
        if (xid && !strcmp(n, xid))
            l->xid = i;
        else if (!strcmp(n, "handler_rid"))
            l->handler = i;
        else if (!strcmp(n, "decider_rid"))
            l->decider = i;
        else if (l->date < 0 &&
                 (!strcmp(n, "date") || !strcmp(n, "accepted_on") || !strcmp(n, "proposed_on") ||
                  !strcmp(n, "found_on") || !strcmp(n, "served_on") || !strcmp(n, "start_on")))
            l->date = i;
    }
    return l;
}

static int64_t col_rid(sqlite3_stmt *s, int i)
{
    return i >= 0 && sqlite3_column_type(s, i) == SQLITE_INTEGER ? sqlite3_column_int64(s, i) : 0;
}
static int32_t col_date(sqlite3_stmt *s, int i)
{
    return i >= 0 && sqlite3_column_type(s, i) == SQLITE_INTEGER ? sqlite3_column_int(s, i)
                                                                 : ZX_DATE_NULL;
}

static int64_t val_rid(const struct zx_ledger__val *v, int i)
{
    return i >= 0 && v[i].type == SQLITE_INTEGER ? v[i].i : 0;
}
static int32_t val_date(const struct zx_ledger__val *v, int i)
{
    return i >= 0 && v[i].type == SQLITE_INTEGER ? (int32_t)v[i].i : ZX_DATE_NULL;
}

/* Append one entry for a row whose values are v[0..n-1] (NULL: none, a delete), columns
 * named by names; explicit who and when unless !own_act (then the row's). */
static int append_v(struct zx_ledger__state *lg, const char *tbl, int64_t rid, const char *op,
                    sqlite3_stmt *names, const struct zx_ledger__val *v, int n, const char *xid,
                    int64_t handler, int64_t decider, int32_t act_on, int own_act,
                    struct zx_err *err)
{
    unsigned char content[ZX_LEDGER_CONTENT_BYTES], h[ZX_LEDGER_HASH_BYTES];
    struct fields f = {tbl,           xid,     op,      lg->actor,
                       rid,           handler, decider, (int64_t)time(NULL),
                       lg->import_id, act_on,  NULL};
    int r;
    if (load_head(lg, err))
        return ZX_ESTORE;
    if (v) {
        const struct layout *l = layout_of(lg, tbl, names);
        if (l->ncol != n)
            return zx_err_set(err, ZX_EINVAL, "ledger: %s has %d columns, not %d", tbl, l->ncol, n);
        lg->len = 0;
        if (put_vals(lg, v, n))
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        crypto_generichash(content, sizeof content, lg->buf, lg->len, NULL, 0);
        f.content = content;
        /* as text up to a NUL, at most sizeof lg->xid - 1 bytes */
        if (!xid && l->xid >= 0 && v[l->xid].type == SQLITE_TEXT) {
            const char *x = v[l->xid].p, *z = memchr(x, 0, v[l->xid].n);
            size_t k = z ? (size_t)(z - x) : v[l->xid].n;
            if (k >= sizeof lg->xid)
                k = sizeof lg->xid - 1;
            memcpy(lg->xid, x, k);
            lg->xid[k] = '\0';
            f.xid = lg->xid;
        }
        if (!own_act) {
            f.handler = val_rid(v, l->handler);
            f.decider = val_rid(v, l->decider);
            f.act_on = val_date(v, l->date);
        }
    }
    if (entry_hash(lg, lg->hash, &f, h))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (prep(lg, &lg->ins,
             "INSERT INTO ledger(seq,tbl,rid,xid,op,handler_rid,decider_rid,act_on,recorded_at,"
             "import_rid,actor,content,hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
             err))
        return ZX_ESTORE;
    sqlite3_stmt *q = lg->ins;
    sqlite3_bind_int64(q, 1, lg->seq + 1);
    sqlite3_bind_text(q, 2, tbl, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, rid);
    if (f.xid)
        sqlite3_bind_text(q, 4, f.xid, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 4);
    sqlite3_bind_text(q, 5, op, -1, SQLITE_STATIC);
    if (f.handler)
        sqlite3_bind_int64(q, 6, f.handler);
    else
        sqlite3_bind_null(q, 6);
    if (f.decider)
        sqlite3_bind_int64(q, 7, f.decider);
    else
        sqlite3_bind_null(q, 7);
    if (f.act_on != ZX_DATE_NULL)
        sqlite3_bind_int(q, 8, f.act_on);
    else
        sqlite3_bind_null(q, 8);
    sqlite3_bind_int64(q, 9, f.recorded_at);
    if (f.import_id)
        sqlite3_bind_int64(q, 10, f.import_id);
    else
        sqlite3_bind_null(q, 10);
    if (f.actor)
        sqlite3_bind_text(q, 11, f.actor, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 11);
    if (f.content)
        sqlite3_bind_blob(q, 12, f.content, ZX_LEDGER_CONTENT_BYTES, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 12);
    sqlite3_bind_blob(q, 13, h, ZX_LEDGER_HASH_BYTES, SQLITE_STATIC);
    /* every parameter is bound on every append: no clear_bindings */
    r = sqlite3_step(q);
    sqlite3_reset(q);
    if (r != SQLITE_DONE)
        return lerr(lg, err, "append");
    lg->seq++;
    memcpy(lg->hash, h, sizeof h);
    return ZX_OK;
}

/* Append one entry for the current row of s (NULL: a delete). */
static int append(struct zx_ledger__state *lg, const char *tbl, int64_t rid, const char *op,
                  sqlite3_stmt *s, const char *xid, int64_t handler, int64_t decider,
                  int32_t act_on, int own_act, struct zx_err *err)
{
    struct zx_ledger__val v[MAXCOL];
    int n = s ? sqlite3_column_count(s) : 0;
    if (s && stmt_vals(s, n, v))
        return zx_err_set(err, ZX_EINVAL, "ledger: %s has too many columns", tbl);
    return append_v(lg, tbl, rid, op, s, s ? v : NULL, n, xid, handler, decider, act_on, own_act,
                    err);
}

int zx_ledger__append(struct zx_ledger__state *lg, const char *tbl, int64_t rid, const char *op,
                      sqlite3_stmt *s, const char *xid, struct zx_err *err)
{
    return append(lg, tbl, rid, op, s, xid, 0, 0, ZX_DATE_NULL, 0, err);
}

int zx_ledger__append_vals(struct zx_ledger__state *lg, const char *tbl, int64_t rid,
                           const char *op, sqlite3_stmt *names, const struct zx_ledger__val *v,
                           int n, struct zx_err *err)
{
    return append_v(lg, tbl, rid, op, names, v, n, NULL, 0, 0, ZX_DATE_NULL, 0, err);
}

int zx_ledger_set_actor(struct zx_store *st, const char *actor, struct zx_err *err)
{
    struct zx_ledger__state *lg = zx_store__ledger(st);
    char *a = NULL;
    if (actor && !(a = strdup(actor)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    free(lg->actor);
    lg->actor = a;
    return ZX_OK;
}

static int valid_ident(const char *s)
{
    if (!s || !*s || strlen(s) >= 40)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_' || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

int zx_ledger_record(struct zx_store *st, const char *tbl, int64_t rowid, const char *op,
                     const char *xid, int64_t handler, int64_t decider, int32_t act_on,
                     struct zx_err *err)
{
    struct zx_ledger__state *lg = zx_store__ledger(st);
    sqlite3_stmt *s = NULL;
    char sql[128];
    int rc = ZX_OK, own_tx = sqlite3_get_autocommit(lg->db), r;
    if (!valid_ident(tbl))
        return zx_err_set(err, ZX_EINVAL, "ledger: bad table name");
    if (own_tx && sqlite3_exec(lg->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return lerr(lg, err, "begin");
    snprintf(sql, sizeof sql, "SELECT * FROM main.%s WHERE rowid=?", tbl);
    if (sqlite3_prepare_v2(lg->db, sql, -1, &s, NULL) != SQLITE_OK) {
        rc = lerr(lg, err, "read row");
        goto cleanup;
    }
    sqlite3_bind_int64(s, 1, rowid);
    r = sqlite3_step(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) {
        rc = lerr(lg, err, "read row");
        goto cleanup;
    }
    if (r == SQLITE_DONE && strcmp(op, "delete") != 0) {
        rc = zx_err_set(err, ZX_ENOTFOUND, "ledger: %s row %lld not found", tbl, (long long)rowid);
        goto cleanup;
    }
    rc = append(lg, tbl, rowid, op, strcmp(op, "delete") ? s : NULL, xid, handler, decider, act_on,
                1, err);
cleanup:
    sqlite3_finalize(s);
    if (own_tx)
        sqlite3_exec(lg->db, rc ? "ROLLBACK" : "COMMIT", NULL, NULL, NULL);
    return rc;
}

int zx_ledger__baseline(struct zx_ledger__state *lg, struct zx_err *err)
{
    int rc = ZX_OK;
    for (int i = 0; i < NRECORDED && !rc; i++) {
        sqlite3_stmt *s = NULL;
        char sql[128];
        /* every recorded table has its integer primary key first: column 0 is the rowid */
        snprintf(sql, sizeof sql, "SELECT * FROM main.%s ORDER BY rowid", recorded[i].tbl);
        if (sqlite3_prepare_v2(lg->db, sql, -1, &s, NULL) != SQLITE_OK) {
            sqlite3_finalize(s);
            continue; /* a table a later migration adds */
        }
        int r;
        while (!rc && (r = sqlite3_step(s)) == SQLITE_ROW)
            rc = append(lg, recorded[i].tbl, sqlite3_column_int64(s, 0), "baseline", s, NULL, 0, 0,
                        ZX_DATE_NULL, 0, err);
        if (!rc && r != SQLITE_DONE)
            rc = lerr(lg, err, "baseline");
        sqlite3_finalize(s);
    }
    return rc;
}

/* ---- verification ---- */

const char *zx_ledger_kind_name(enum zx_ledger_kind k)
{
    static const char *const n[] = {"intact",        "entry altered",      "entry inserted",
                                    "entry deleted", "entry out of order", "row altered",
                                    "row deleted",   "row inserted"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "?";
}

const char *zx_ledger_kind_name_zh(enum zx_ledger_kind k)
{
    static const char *const n[] = {"完整",           "账本条目被改动",      "账本条目被插入",
                                    "账本条目被删除", "账本条目顺序被调换",  "数据行被改动",
                                    "数据行被删除",   "数据行未经记录被插入"};
    return (unsigned)k < sizeof n / sizeof n[0] ? n[k] : "?";
}

/* Keep the problem with the smallest entry number; rows no entry records come last. */
static void problem(struct zx_ledger_report *rep, enum zx_ledger_kind kind, int64_t seq,
                    const char *tbl, int64_t rid, const char *xid, const char *what,
                    const char *what_zh)
{
    struct zx_ledger_problem *p = &rep->first;
    uint64_t a = seq ? (uint64_t)seq : UINT64_MAX, b = p->seq ? (uint64_t)p->seq : UINT64_MAX;
    rep->problems++;
    if (rep->problems > 1 && a >= b)
        return;
    p->kind = kind;
    p->seq = seq;
    p->rid = rid;
    snprintf(p->tbl, sizeof p->tbl, "%s", tbl ? tbl : "");
    snprintf(p->xid, sizeof p->xid, "%s", xid ? xid : "");
    snprintf(p->what, sizeof p->what, "%s", what);
    snprintf(p->what_zh, sizeof p->what_zh, "%s", what_zh);
}

/* One ledger row read back: fields plus its stored hash. Texts copied. */
struct entry {
    int64_t seq;
    char tbl[40], xid[128], op[16], actor[128];
    int has_xid, has_actor;
    struct fields f;
    unsigned char content[ZX_LEDGER_CONTENT_BYTES];
    unsigned char hash[ZX_LEDGER_HASH_BYTES];
    int hash_ok; /* stored hash has the right length */
};

#define ENTRY_COLS                                                                                 \
    "seq,tbl,rid,xid,op,handler_rid,decider_rid,act_on,recorded_at,import_rid,actor,content,hash"

static void read_entry(sqlite3_stmt *s, struct entry *e)
{
    memset(e, 0, sizeof *e);
    e->seq = sqlite3_column_int64(s, 0);
    snprintf(e->tbl, sizeof e->tbl, "%s", (const char *)sqlite3_column_text(s, 1));
    e->f.rid = sqlite3_column_int64(s, 2);
    e->has_xid = sqlite3_column_type(s, 3) != SQLITE_NULL;
    snprintf(e->xid, sizeof e->xid, "%s",
             e->has_xid ? (const char *)sqlite3_column_text(s, 3) : "");
    snprintf(e->op, sizeof e->op, "%s", (const char *)sqlite3_column_text(s, 4));
    e->f.handler = sqlite3_column_int64(s, 5);
    e->f.decider = sqlite3_column_int64(s, 6);
    e->f.act_on =
        sqlite3_column_type(s, 7) == SQLITE_NULL ? ZX_DATE_NULL : sqlite3_column_int(s, 7);
    e->f.recorded_at = sqlite3_column_int64(s, 8);
    e->f.import_id = sqlite3_column_int64(s, 9);
    e->has_actor = sqlite3_column_type(s, 10) != SQLITE_NULL;
    snprintf(e->actor, sizeof e->actor, "%s",
             e->has_actor ? (const char *)sqlite3_column_text(s, 10) : "");
    if (sqlite3_column_bytes(s, 11) == ZX_LEDGER_CONTENT_BYTES) {
        memcpy(e->content, sqlite3_column_blob(s, 11), ZX_LEDGER_CONTENT_BYTES);
        e->f.content = e->content;
    }
    e->hash_ok = sqlite3_column_bytes(s, 12) == ZX_LEDGER_HASH_BYTES;
    if (e->hash_ok)
        memcpy(e->hash, sqlite3_column_blob(s, 12), ZX_LEDGER_HASH_BYTES);
    e->f.tbl = e->tbl;
    e->f.xid = e->has_xid ? e->xid : NULL;
    e->f.op = e->op;
    e->f.actor = e->has_actor ? e->actor : NULL;
}

static int links_to(struct zx_ledger__state *lg, const unsigned char prev[ZX_LEDGER_HASH_BYTES],
                    const struct entry *e)
{
    unsigned char h[ZX_LEDGER_HASH_BYTES];
    return e->hash_ok && entry_hash(lg, prev, &e->f, h) == ZX_OK &&
           sodium_memcmp(h, e->hash, sizeof h) == 0;
}

/* Entry k (e) does not link to prev: say why, looking at the entries after it. */
static int diagnose(struct zx_ledger__state *lg, struct zx_ledger_report *rep,
                    const unsigned char prev[ZX_LEDGER_HASH_BYTES], const struct entry *e,
                    struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct entry *n = malloc(sizeof *n);
    char what[300], what_zh[300];
    int i = 0, rc = ZX_OK, r;
    enum zx_ledger_kind kind = ZX_LEDGER_ENTRY_ALTERED;
    if (!n)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    snprintf(what, sizeof what, "its hash does not match its fields and the entry before it");
    snprintf(what_zh, sizeof what_zh, "哈希值与本条内容及前一条不符");
    if (sqlite3_prepare_v2(lg->db,
                           "SELECT " ENTRY_COLS " FROM ledger WHERE seq>? ORDER BY seq LIMIT 64",
                           -1, &s, NULL) != SQLITE_OK) {
        rc = lerr(lg, err, "read");
        goto cleanup;
    }
    sqlite3_bind_int64(s, 1, e->seq);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        read_entry(s, n);
        if (i == 0 && e->hash_ok && links_to(lg, e->hash, n)) {
            snprintf(what, sizeof what,
                     "its fields were changed after it was written (the next entry still "
                     "links to its hash)");
            snprintf(what_zh, sizeof what_zh, "本条内容在写入后被修改（下一条仍链接到本条哈希）");
            break;
        }
        if (links_to(lg, prev, n)) {
            /* n belongs where e is; e is an extra entry, or n's predecessor moved after it */
            kind = i == 0 && !links_to(lg, n->hash, e) ? ZX_LEDGER_ENTRY_INSERTED
                                                       : ZX_LEDGER_ENTRY_REORDERED;
            if (kind == ZX_LEDGER_ENTRY_INSERTED) {
                snprintf(what, sizeof what,
                         "it is not part of the chain: the next entry links to the one before "
                         "it");
                snprintf(what_zh, sizeof what_zh, "本条不在链中：下一条直接链接到前一条");
            } else {
                snprintf(what, sizeof what,
                         "entry %lld holds the act that belongs here: entries were reordered",
                         (long long)n->seq);
                snprintf(what_zh, sizeof what_zh, "第 %lld 条记录的行为应在此处：条目顺序被调换",
                         (long long)n->seq);
            }
            break;
        }
        i++;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = lerr(lg, err, "read");
    if (!rc && r == SQLITE_DONE && i == 0) {
        snprintf(what, sizeof what,
                 "the last entry does not match its hash: altered or added outside the product");
        snprintf(what_zh, sizeof what_zh, "最后一条与其哈希值不符：被改动或在系统之外添加");
    }
    if (!rc)
        problem(rep, kind, e->seq, e->tbl, e->f.rid, e->has_xid ? e->xid : NULL, what, what_zh);
cleanup:
    sqlite3_finalize(s);
    free(n);
    return rc;
}

static int verify_chain(struct zx_ledger__state *lg, struct zx_ledger_report *rep,
                        struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct entry *e = malloc(sizeof *e);
    unsigned char prev[ZX_LEDGER_HASH_BYTES] = {0};
    int64_t expect = 1;
    int rc = ZX_OK, r, broken = 0;
    char what[300], what_zh[300];
    if (!e)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(lg->db, "SELECT " ENTRY_COLS " FROM ledger ORDER BY seq", -1, &s,
                           NULL) != SQLITE_OK) {
        rc = lerr(lg, err, "read");
        goto cleanup;
    }
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        read_entry(s, e);
        rep->entries++;
        if (e->seq != expect) {
            snprintf(what, sizeof what,
                     "%lld entr%s missing before entry %lld (which records %s %s)",
                     (long long)(e->seq - expect), e->seq - expect == 1 ? "y is" : "ies are",
                     (long long)e->seq, e->tbl, e->xid);
            snprintf(what_zh, sizeof what_zh, "第 %lld 条之前缺失 %lld 条（第 %lld 条记录 %s %s）",
                     (long long)e->seq, (long long)(e->seq - expect), (long long)e->seq, e->tbl,
                     e->xid);
            problem(rep, ZX_LEDGER_ENTRY_DELETED, expect, "", 0, NULL, what, what_zh);
            broken = 1;
        } else if (!links_to(lg, prev, e)) {
            if (!broken && (rc = diagnose(lg, rep, prev, e, err)))
                break;
            if (broken)
                rep->problems++;
            broken = 1;
        }
        expect = e->seq + 1;
        /* go on from the stored hash, so each later entry is judged on its own link */
        memcpy(prev, e->hash, sizeof prev);
    }
    if (!rc && r != SQLITE_DONE)
        rc = lerr(lg, err, "read");
    if (!rc && rep->entries)
        sodium_bin2hex(rep->head, sizeof rep->head, prev, sizeof prev);
cleanup:
    sqlite3_finalize(s);
    free(e);
    return rc;
}

static void staff_name(struct zx_ledger__state *lg, int64_t rid, char *out, size_t n,
                       const char *none)
{
    sqlite3_stmt *s = NULL;
    if (!rid) {
        snprintf(out, n, "%s", none);
        return;
    }
    snprintf(out, n, "#%lld", (long long)rid);
    if (sqlite3_prepare_v2(lg->db, "SELECT staff_id FROM staff WHERE id=?", -1, &s, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_int64(s, 1, rid);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
            snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
}

static void fmt_date(int32_t d, char *out, const char *none)
{
    if (d == ZX_DATE_NULL)
        snprintf(out, 11, "%s", none);
    else
        zx_date_format(d, out);
}

/* Row s (current, of layout l) differs from the entry that recorded it: name what. */
static void what_differs(struct zx_ledger__state *lg, sqlite3_stmt *s, const struct layout *l,
                         int64_t handler, int64_t decider, int32_t act_on, char *what,
                         char *what_zh, size_t n)
{
    char a[64], b[64];
    int64_t h = col_rid(s, l->handler), d = col_rid(s, l->decider);
    int32_t on = col_date(s, l->date);
    size_t o = 0, oz = 0;
    what[0] = what_zh[0] = '\0';
    if (l->date >= 0 && on != act_on) {
        char da[16], db[16];
        fmt_date(act_on, da, "none");
        fmt_date(on, db, "none");
        o += (size_t)snprintf(what + o, n - o, "%s%s %s -> %s", o ? "; " : "",
                              sqlite3_column_name(s, l->date), da, db);
        fmt_date(act_on, da, "无");
        fmt_date(on, db, "无");
        oz += (size_t)snprintf(what_zh + oz, n - oz, "%s日期（%s）由 %s 改为 %s", oz ? "；" : "",
                               sqlite3_column_name(s, l->date), da, db);
    }
    if (l->handler >= 0 && h != handler && o < n && oz < n) {
        staff_name(lg, handler, a, sizeof a, "none");
        staff_name(lg, h, b, sizeof b, "none");
        o += (size_t)snprintf(what + o, n - o, "%shandler %s -> %s", o ? "; " : "", a, b);
        staff_name(lg, handler, a, sizeof a, "无");
        staff_name(lg, h, b, sizeof b, "无");
        oz += (size_t)snprintf(what_zh + oz, n - oz, "%s承办人由 %s 改为 %s", oz ? "；" : "", a, b);
    }
    if (l->decider >= 0 && d != decider && o < n && oz < n) {
        staff_name(lg, decider, a, sizeof a, "none");
        staff_name(lg, d, b, sizeof b, "none");
        o += (size_t)snprintf(what + o, n - o, "%sdecider %s -> %s", o ? "; " : "", a, b);
        staff_name(lg, decider, a, sizeof a, "无");
        staff_name(lg, d, b, sizeof b, "无");
        oz += (size_t)snprintf(what_zh + oz, n - oz, "%s决定人由 %s 改为 %s", oz ? "；" : "", a, b);
    }
    if (!o)
        snprintf(what, n, "its content differs from what the entry recorded");
    if (!oz)
        snprintf(what_zh, n, "内容与账本记录不符");
}

static int is_full(const char *tbl)
{
    for (int i = 0; i < NRECORDED; i++)
        if (!strcmp(recorded[i].tbl, tbl))
            return 1;
    return 0;
}

/* Merge the latest entry of each row of tbl with the table's rows, both by rowid. */
static int verify_table(struct zx_ledger__state *lg, const char *tbl, struct zx_ledger_report *rep,
                        struct zx_err *err)
{
    sqlite3_stmt *a = NULL, *b = NULL;
    char sql[160], what[400], what_zh[400], xid[128];
    int rc = ZX_OK, ra, rb, full = is_full(tbl);
    const struct layout *l = NULL;
    unsigned char c[ZX_LEDGER_CONTENT_BYTES];
    /* bare columns with max(): SQLite takes them from the row with the largest seq */
    if (sqlite3_prepare_v2(lg->db,
                           "SELECT rid, max(seq), op, content, handler_rid, decider_rid, act_on,"
                           " xid FROM ledger WHERE tbl=?1 GROUP BY rid ORDER BY rid",
                           -1, &a, NULL) != SQLITE_OK) {
        rc = lerr(lg, err, "read");
        goto cleanup;
    }
    sqlite3_bind_text(a, 1, tbl, -1, SQLITE_STATIC);
    snprintf(sql, sizeof sql, "SELECT * FROM main.%.39s ORDER BY rowid", tbl);
    if (sqlite3_prepare_v2(lg->db, sql, -1, &b, NULL) != SQLITE_OK) {
        /* the table is gone: every live entry names a deleted row */
        sqlite3_finalize(b);
        b = NULL;
    }
    ra = sqlite3_step(a);
    rb = b ? sqlite3_step(b) : SQLITE_DONE;
    while (ra == SQLITE_ROW || rb == SQLITE_ROW) {
        int64_t ar = ra == SQLITE_ROW ? sqlite3_column_int64(a, 0) : INT64_MAX;
        int64_t br = rb == SQLITE_ROW ? sqlite3_column_int64(b, 0) : INT64_MAX;
        if (rb == SQLITE_ROW && !l)
            l = layout_of(lg, tbl, b);
        if (br < ar) {
            if (full) {
                snprintf(xid, sizeof xid, "%s",
                         l->xid >= 0 && sqlite3_column_text(b, l->xid)
                             ? (const char *)sqlite3_column_text(b, l->xid)
                             : "");
                problem(rep, ZX_LEDGER_ROW_INSERTED, 0, tbl, br, xid,
                        "the row is in the table but no ledger entry records it",
                        "该行存在于数据表中，但账本中没有任何记录");
            }
            rb = sqlite3_step(b);
            continue;
        }
        int64_t seq = sqlite3_column_int64(a, 1);
        const char *op = (const char *)sqlite3_column_text(a, 2);
        snprintf(xid, sizeof xid, "%s",
                 sqlite3_column_text(a, 7) ? (const char *)sqlite3_column_text(a, 7) : "");
        int deleted = op && !strcmp(op, "delete");
        if (ar < br) {
            if (!deleted)
                problem(rep, ZX_LEDGER_ROW_DELETED, seq, tbl, ar, xid,
                        "the entry records the row but the row is gone",
                        "账本记录了该行，但该行已不在数据表中");
            ra = sqlite3_step(a);
            continue;
        }
        rep->rows++;
        if (deleted) {
            problem(rep, ZX_LEDGER_ROW_INSERTED, seq, tbl, ar, xid,
                    "the entry records the row's deletion but the row is in the table",
                    "账本记录该行已删除，但该行仍在数据表中");
        } else {
            if ((rc = row_hash(lg, b, l->ncol, c)))
                break;
            if (sqlite3_column_bytes(a, 3) != ZX_LEDGER_CONTENT_BYTES ||
                memcmp(sqlite3_column_blob(a, 3), c, sizeof c) != 0) {
                int32_t on = sqlite3_column_type(a, 6) == SQLITE_NULL ? ZX_DATE_NULL
                                                                      : sqlite3_column_int(a, 6);
                what_differs(lg, b, l, sqlite3_column_int64(a, 4), sqlite3_column_int64(a, 5), on,
                             what, what_zh, sizeof what);
                problem(rep, ZX_LEDGER_ROW_ALTERED, seq, tbl, ar, xid, what, what_zh);
            }
        }
        ra = sqlite3_step(a);
        rb = sqlite3_step(b);
    }
    if (!rc && ((ra != SQLITE_DONE) || (rb != SQLITE_DONE)))
        rc = lerr(lg, err, "read");
cleanup:
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    return rc;
}

int zx_ledger_verify(struct zx_store *st, struct zx_ledger_report *rep, struct zx_err *err)
{
    struct zx_ledger__state *lg = zx_store__ledger(st);
    sqlite3_stmt *s = NULL;
    char tbls[64][40];
    int n = 0, rc, r;
    memset(rep, 0, sizeof *rep);
    /* one read transaction: a consistent snapshot of the chain and the rows */
    if (sqlite3_exec(lg->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return lerr(lg, err, "begin");
    if ((rc = verify_chain(lg, rep, err)))
        goto cleanup;
    for (int i = 0; i < NRECORDED; i++)
        snprintf(tbls[n++], sizeof tbls[0], "%s", recorded[i].tbl);
    if (sqlite3_prepare_v2(lg->db, "SELECT DISTINCT tbl FROM ledger", -1, &s, NULL) != SQLITE_OK) {
        rc = lerr(lg, err, "read");
        goto cleanup;
    }
    while ((r = sqlite3_step(s)) == SQLITE_ROW && n < 64) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && !is_full(t) && valid_ident(t))
            snprintf(tbls[n++], sizeof tbls[0], "%s", t);
    }
    sqlite3_finalize(s);
    for (int i = 0; i < n && !rc; i++)
        rc = verify_table(lg, tbls[i], rep, err);
cleanup:
    sqlite3_exec(lg->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* ---- reading ---- */

static const char *txt(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

int zx_ledger_each(struct zx_store *st, const char *case_id, int64_t limit, zx_ledger_entry_cb cb,
                   void *ud, struct zx_err *err)
{
    struct zx_ledger__state *lg = zx_store__ledger(st);
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, r;
    /* the case a row belongs to, through its table */
    static const char sel[] =
        "SELECT l.seq, l.tbl, l.xid, l.op, l.rid, hs.staff_id, hs.name, hv.label, hs.is_leader,"
        " ds.staff_id, ds.name, dv.label, ds.is_leader, l.act_on, l.recorded_at, l.import_rid,"
        " l.actor, lower(hex(l.hash)),"
        " CASE l.tbl WHEN 'cases' THEN (SELECT case_id FROM cases WHERE id=l.rid)"
        "  WHEN 'events' THEN (SELECT c.case_id FROM events e JOIN cases c ON c.id=e.case_rid"
        "   WHERE e.id=l.rid)"
        "  WHEN 'persons' THEN (SELECT c.case_id FROM persons p JOIN cases c ON c.id=p.case_rid"
        "   WHERE p.id=l.rid) END"
        " FROM ledger l"
        " LEFT JOIN staff hs ON hs.id=l.handler_rid"
        " LEFT JOIN vocab hv ON hv.vocab='staff_role' AND hv.value=hs.role"
        " LEFT JOIN staff ds ON ds.id=l.decider_rid"
        " LEFT JOIN vocab dv ON dv.vocab='staff_role' AND dv.value=ds.role";
    char sql[4096];
    if (case_id)
        snprintf(sql, sizeof sql,
                 "%s WHERE l.seq IN (SELECT seq FROM ledger WHERE tbl='cases' AND rid=(SELECT id"
                 " FROM cases WHERE case_id=?1) UNION ALL SELECT seq FROM ledger WHERE"
                 " tbl='events' AND rid IN (SELECT e.id FROM events e JOIN cases c ON"
                 " c.id=e.case_rid WHERE c.case_id=?1) UNION ALL SELECT seq FROM ledger WHERE"
                 " tbl='persons' AND rid IN (SELECT p.id FROM persons p JOIN cases c ON"
                 " c.id=p.case_rid WHERE c.case_id=?1)) ORDER BY l.seq LIMIT ?2",
                 sel);
    else
        snprintf(sql, sizeof sql, "%s ORDER BY l.seq LIMIT ?2", sel);
    if (sqlite3_prepare_v2(lg->db, sql, -1, &s, NULL) != SQLITE_OK)
        return lerr(lg, err, "read");
    if (case_id)
        sqlite3_bind_text(s, 1, case_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_ledger_entry e = {
            .seq = sqlite3_column_int64(s, 0),
            .tbl = txt(s, 1),
            .xid = txt(s, 2),
            .op = txt(s, 3),
            .rid = sqlite3_column_int64(s, 4),
            .handler_id = txt(s, 5),
            .handler_name = txt(s, 6),
            .handler_role = txt(s, 7),
            .handler_leader = sqlite3_column_int(s, 8) == 1,
            .decider_id = txt(s, 9),
            .decider_name = txt(s, 10),
            .decider_role = txt(s, 11),
            .decider_leader = sqlite3_column_int(s, 12) == 1,
            .act_on = sqlite3_column_type(s, 13) == SQLITE_NULL ? ZX_DATE_NULL
                                                                : sqlite3_column_int(s, 13),
            .recorded_at = sqlite3_column_int64(s, 14),
            .import_id = sqlite3_column_int64(s, 15),
            .actor = txt(s, 16),
            .hash = txt(s, 17),
            .case_id = txt(s, 18),
        };
        if ((rc = cb(ud, &e)))
            break;
    }
    if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = lerr(lg, err, "read");
    sqlite3_finalize(s);
    return rc;
}
