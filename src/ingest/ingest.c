/* ingest.c — bundle import: files in parent-before-child order, one pass per file over an
 * mmap'ed buffer, references resolved through in-memory id maps (util/idmap.h) so the
 * database is only written, never asked, per row. Memory stays bounded (docs/import-memory.md):
 * the mapping's pages are released behind the reader, and each map is freed as soon as the
 * last file that refers to its table is done. */
#include "ingest/ingest.h"
#include "ingest/writer.h"
#include "model/vocab.h"
#include "util/csv.h"
#include "util/file.h"
#include "util/date.h"
#include "util/idmap.h"
#include "util/idnum.h"
#include "util/utf8.h"
#include "util/limits.h"
#include "util/msg.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- the columns of each file (case-data.md §2–§6) ---- */

#define MAXCOLS 20

struct colspec {
    const char *name;
    int required; /* the column must be in the header (its value may still be optional) */
};

struct filespec {
    const char *file;
    int required; /* the file must be in the bundle */
    struct colspec cols[MAXCOLS];
};

static const struct filespec files[ZX_T_COUNT_] = {
    [ZX_T_UNITS] = {"units.csv", 1, {{"unit_id", 1}, {"name", 1}, {"level", 1}, {"parent_id", 1}}},
    [ZX_T_STAFF] = {"staff.csv",
                    1,
                    {{"staff_id", 1},
                     {"unit_id", 1},
                     {"name", 1},
                     {"department", 1},
                     {"role", 1},
                     {"is_leader", 1}}},
    [ZX_T_CASES] = {"cases.csv",
                    1,
                    {{"case_id", 1},
                     {"unit_id", 1},
                     {"case_no", 1},
                     {"line", 1},
                     {"business", 1},
                     {"kind", 1},
                     {"source", 1},
                     {"charge", 0},
                     {"accepted_on", 1},
                     {"closed_on", 0},
                     {"handler_id", 1},
                     {"complex", 1}}},
    [ZX_T_PERSONS] = {"persons.csv",
                      1,
                      {{"person_id", 1},
                       {"case_id", 1},
                       {"role", 1},
                       {"name", 1},
                       {"id_number", 0},
                       {"gender", 0},
                       {"birth_date", 0}}},
    [ZX_T_EVENTS] = {"events.csv",
                     1,
                     {{"event_id", 1},
                      {"case_id", 1},
                      {"person_id", 1},
                      {"type", 1},
                      {"date", 1},
                      {"handler_id", 0},
                      {"decider_id", 0},
                      {"result", 0},
                      {"ref_event_id", 0},
                      {"amount", 0},
                      {"note", 0}}},
    [ZX_T_INSTITUTIONS] =
        {"institutions.csv",
         0,
         {{"institution_id", 1}, {"name", 1}, {"kind", 1}, {"unit_id", 1}, {"region", 0}}},
    [ZX_T_CONVICTS] = {"convicts.csv",
                       0,
                       {{"convict_id", 1},
                        {"person_id", 0},
                        {"name", 1},
                        {"id_number", 0},
                        {"birth_date", 0},
                        {"institution_id", 1},
                        {"charge", 0},
                        {"sentence_kind", 1},
                        {"term_months", 0},
                        {"sentence_start", 1},
                        {"pretrial_days", 0},
                        {"recidivist", 0},
                        {"violent_list", 0},
                        {"strict_category", 0},
                        {"duty_crime_2019", 0},
                        {"death_limited", 0},
                        {"property_unpaid", 0}}},
    [ZX_T_SENTENCE_CHANGES] = {"sentence_changes.csv",
                               0,
                               {{"change_id", 1},
                                {"convict_id", 1},
                                {"kind", 1},
                                {"proposed_on", 1},
                                {"ruled_on", 0},
                                {"served_on", 0},
                                {"merit", 0},
                                {"reduction_months", 0},
                                {"new_term_months", 0},
                                {"new_sentence_kind", 0},
                                {"ground", 0},
                                {"note", 0}}},
    /* similar-cases.md §1: optional; case-data.md bundles without it stay valid */
    [ZX_T_DOCUMENTS] = {"documents.csv",
                        0,
                        {{"document_id", 1},
                         {"case_id", 0},
                         {"kind", 1},
                         {"charges", 0},
                         {"sentence_kind", 0},
                         {"term_months", 0},
                         {"probation_months", 0},
                         {"date", 0},
                         {"fine_yuan", 0},
                         {"text", 0},
                         {"facts", 1}}},
};

/* Column positions, in the order of files[t].cols. */
enum { U_ID, U_NAME, U_LEVEL, U_PARENT };
enum { S_ID, S_UNIT, S_NAME, S_DEPT, S_ROLE, S_LEADER };
enum {
    C_ID,
    C_UNIT,
    C_NO,
    C_LINE,
    C_BUSINESS,
    C_KIND,
    C_SOURCE,
    C_CHARGE,
    C_ACCEPTED,
    C_CLOSED,
    C_HANDLER,
    C_COMPLEX
};
enum { P_ID, P_CASE, P_ROLE, P_NAME, P_IDNUM, P_GENDER, P_BIRTH };
enum {
    E_ID,
    E_CASE,
    E_PERSON,
    E_TYPE,
    E_DATE,
    E_HANDLER,
    E_DECIDER,
    E_RESULT,
    E_REF,
    E_AMOUNT,
    E_NOTE
};
enum { I_ID, I_NAME, I_KIND, I_UNIT, I_REGION };
enum {
    V_ID,
    V_PERSON,
    V_NAME,
    V_IDNUM,
    V_BIRTH,
    V_INST,
    V_CHARGE,
    V_SKIND,
    V_TERM,
    V_START,
    V_PRETRIAL,
    V_RECID,
    V_VIOLENT,
    V_STRICT,
    V_DUTY,
    V_DEATHLIM,
    V_PROPERTY
};
enum {
    X_ID,
    X_CONVICT,
    X_KIND,
    X_PROPOSED,
    X_RULED,
    X_SERVED,
    X_MERIT,
    X_REDUCTION,
    X_NEWTERM,
    X_NEWKIND,
    X_GROUND,
    X_NOTE
};
enum {
    D_ID,
    D_CASE,
    D_KIND,
    D_CHARGES,
    D_SKIND,
    D_TERM,
    D_PROBATION,
    D_DATE,
    D_FINE,
    D_TEXT,
    D_FACTS
};

const char *zx_ingest_file_name(enum zx_table t)
{
    return (unsigned)t < ZX_T_COUNT_ ? files[t].file : NULL;
}

/* ---- issues: rejected and warned rows ---- */

struct issue {
    enum zx_table t;
    long line;
    const char *col; /* static column name or NULL */
    int rejected;    /* 1 rejected, 0 warning */
    /* the English, NUL, the Chinese (zx_msg2_zh()): the import keeps both, and the rejects file,
     * the store and the API each show the one they need (the web UI the Chinese, whatever
     * the server's locale); From malloc() */
    char *reason;
    char *raw; /* From malloc(); may hold invalid UTF-8 */
    size_t raw_len;
};

#define MAXWARN 4

/* A row whose one reference (units: parent_id, events: ref_event_id) names a row not yet
 * stored: kept, texts copied, until the end of the file. */
struct deferred {
    long line;
    uint64_t hash;
    char *raw; /* From malloc() */
    size_t raw_len;
    char *ref;   /* the unresolved id; From malloc() */
    char *texts; /* copies of the row's texts; From malloc() */
    int nwarn;
    const char *wcol[MAXWARN];
    char *wmsg[MAXWARN];      /* packed as issue.reason; From malloc() */
    union zx_ingest__row row; /* units or events */
};

/* An event whose ref_event_id was empty and which answers another event. */
struct linkreq {
    int64_t rid, case_rid, person;
    uint64_t answers;
    int32_t date;
    long line;
    int warned; /* the row already had a warning (counted once) */
    char *raw;  /* From malloc() */
    size_t raw_len;
};

struct ctx {
    struct zx_store *st;
    struct zx_ingest__writer *w;   /* owns the store while rows are queued */
    int64_t next_rid[ZX_T_COUNT_]; /* last row id handed out per table */
    const struct zx_ingest_opts *opts;
    struct zx_ingest_report *rep;
    struct zx_idmap *map[ZX_T_COUNT_];
    int64_t import_id;
    char root[ZX_MAX_ID_LEN + 1]; /* unit_id of the tree's root, "" if none yet */

    /* current file */
    enum zx_table t;
    struct zx_ingest_file_report *fr;
    int colidx[MAXCOLS]; /* spec column → CSV field index, -1 when absent */
    size_t nheader;

    /* current row */
    const struct zx_csv_row *row;
    uint64_t h;
    int bad;
    const char *bad_col;
    struct zx_msg2 reason;
    int nwarn;
    const char *wcol[MAXWARN];
    struct zx_msg2 wmsg[MAXWARN];
    char idbuf[2][19]; /* normalised id numbers of the row */

    struct issue *iss;
    size_t niss, capiss;
    struct deferred *def;
    size_t ndef, capdef;
    struct linkreq *lnk;
    size_t nlnk, caplnk;
    int oom;
};

static void *grow(void *p, size_t *cap, size_t n, size_t size, int *oom)
{
    if (n < *cap)
        return p;
    size_t nc = *cap ? *cap * 2 : 64;
    void *np = realloc(p, nc * size);
    if (!np) {
        *oom = 1;
        return NULL;
    }
    *cap = nc;
    return np;
}

static char *memdup(const char *p, size_t n, int *oom)
{
    char *s = malloc(n + 1);
    if (!s) {
        *oom = 1;
        return NULL;
    }
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* zx_msg2_pack, noting a failure in *oom. */
static char *pack2(const char *en, const char *zh, int *oom)
{
    char *p = zx_msg2_pack(en, zh);
    if (!p)
        *oom = 1;
    return p;
}

/* A bundle's structural error at where (a path, or path:line) from message id, in both
 * languages (err->msg and err->zh, util/err.h). Returns ZX_EPARSE. */
static int bundle_err(struct zx_err *err, const char *where, enum zx_msg_id id, ...)
{
    struct zx_msg2 t;
    va_list ap;
    va_start(ap, id);
    zx_msg_vformat2(id, t.en, sizeof t.en, t.zh, sizeof t.zh, ap);
    va_end(ap);
    if (err) { /* a long path is cut: the message fits its buffer either way */
        err->rc = ZX_EPARSE;
        err->id = id;
        if (snprintf(err->msg, sizeof err->msg, "%s: %s", where, t.en) < 0)
            err->msg[0] = '\0';
        if (snprintf(err->zh, sizeof err->zh, "%s：%s", where, t.zh) < 0)
            err->zh[0] = '\0';
    }
    return ZX_EPARSE;
}

static void add_issue(struct ctx *c, long line, const char *col, int rejected, const char *reason,
                      const char *reason_zh, const char *raw, size_t raw_len)
{
    struct issue *ni = grow(c->iss, &c->capiss, c->niss, sizeof *c->iss, &c->oom);
    if (!ni)
        return;
    c->iss = ni;
    struct issue *i = &c->iss[c->niss];
    if (raw_len > ZX_MAX_REJECT_RAW)
        raw_len = ZX_MAX_REJECT_RAW;
    i->t = c->t;
    i->line = line;
    i->col = col;
    i->rejected = rejected;
    i->reason = pack2(reason, reason_zh, &c->oom);
    i->raw = raw ? memdup(raw, raw_len, &c->oom) : NULL;
    i->raw_len = raw ? raw_len : 0;
    c->niss++;
}

/* ---- field getters: the first failure of a row wins, later getters do nothing ---- */

/* The row is rejected for message id (util/msg.h) with its arguments. */
static void fail(struct ctx *c, int col, enum zx_msg_id id, ...)
{
    if (c->bad)
        return;
    c->bad = 1;
    c->bad_col = col >= 0 ? files[c->t].cols[col].name : NULL;
    va_list ap;
    va_start(ap, id);
    zx_msg_vformat2(id, c->reason.en, sizeof c->reason.en, c->reason.zh, sizeof c->reason.zh, ap);
    va_end(ap);
}

/* The row is kept with a warning: message id with its arguments. */
static void warn(struct ctx *c, int col, enum zx_msg_id id, ...)
{
    if (c->nwarn == MAXWARN)
        return;
    c->wcol[c->nwarn] = col >= 0 ? files[c->t].cols[col].name : NULL;
    struct zx_msg2 *w = &c->wmsg[c->nwarn];
    va_list ap;
    va_start(ap, id);
    zx_msg_vformat2(id, w->en, sizeof w->en, w->zh, sizeof w->zh, ap);
    va_end(ap);
    c->nwarn++;
}

/* Content hash of the row as stored: every normalised value, in spec column order. */
static void mix(struct ctx *c, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = c->h;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ull;
    c->h = (h ^ 0xff) * 0x100000001b3ull; /* field separator */
}

/* Quote a field for a message, cut to a readable length. */
static const char *shown(struct zx_text v, char *buf, size_t size)
{
    size_t n = v.n < size - 4 ? v.n : size - 4;
    snprintf(buf, size, "%.*s%s", (int)n, v.p, v.n > n ? "..." : "");
    return buf;
}

static struct zx_text raw_field(struct ctx *c, int col)
{
    struct zx_text v = {NULL, 0};
    int i = c->colidx[col];
    if (i >= 0 && (size_t)i < c->row->nfields && c->row->f[i].len) {
        v.p = c->row->f[i].p;
        v.n = c->row->f[i].len;
    }
    return v;
}

/* Codes, dates and numbers tolerate surrounding blanks; ids and texts are kept verbatim. */
static struct zx_text trimmed(struct ctx *c, int col)
{
    struct zx_text v = raw_field(c, col);
    while (v.n && (*v.p == ' ' || *v.p == '\t')) {
        v.p++;
        v.n--;
    }
    while (v.n && (v.p[v.n - 1] == ' ' || v.p[v.n - 1] == '\t'))
        v.n--;
    if (!v.n)
        v.p = NULL;
    return v;
}

static int present(struct ctx *c, struct zx_text v, int col, int req)
{
    if (c->bad)
        return 0;
    if (!v.p) {
        mix(c, "", 0);
        if (req)
            fail(c, col, ZX_M_REQUIRED_EMPTY);
        return 0;
    }
    return 1;
}

static struct zx_text g_id(struct ctx *c, int col, int req)
{
    struct zx_text v = raw_field(c, col);
    if (!present(c, v, col, req))
        return (struct zx_text){NULL, 0};
    int ok = v.n <= ZX_MAX_ID_LEN;
    for (size_t i = 0; ok && i < v.n; i++)
        ok = (unsigned char)v.p[i] >= 0x20 && v.p[i] != 0x7f;
    if (!ok)
        fail(c, col, ZX_M_BAD_ID);
    mix(c, v.p, v.n);
    return v;
}

static struct zx_text g_text(struct ctx *c, int col, int req)
{
    struct zx_text v = raw_field(c, col);
    if (!present(c, v, col, req))
        return (struct zx_text){NULL, 0};
    if (v.n > ZX_MAX_TEXT_LEN)
        fail(c, col, ZX_M_TEXT_TOO_LONG, (unsigned)ZX_MAX_TEXT_LEN);
    mix(c, v.p, v.n);
    return v;
}

/* A document's fact text or full text: up to ZX_MAX_DOC_TEXT_LEN. */
static struct zx_text g_longtext(struct ctx *c, int col, int req)
{
    struct zx_text v = raw_field(c, col);
    if (!present(c, v, col, req))
        return (struct zx_text){NULL, 0};
    if (v.n > ZX_MAX_DOC_TEXT_LEN)
        fail(c, col, ZX_M_TEXT_TOO_LONG, (unsigned)ZX_MAX_DOC_TEXT_LEN);
    mix(c, v.p, v.n);
    return v;
}

static int g_code(struct ctx *c, int col, enum zx_vocab voc, int req)
{
    struct zx_text v = trimmed(c, col);
    char b[80];
    if (!present(c, v, col, req))
        return 0;
    int val = zx_vocab_find(voc, v.p, v.n);
    if (!val)
        fail(c, col, ZX_M_UNKNOWN_CODE, shown(v, b, sizeof b), zx_vocab_name(voc));
    mix(c, &val, sizeof val);
    return val;
}

static int32_t g_date(struct ctx *c, int col, int req)
{
    struct zx_text v = trimmed(c, col);
    char b[80];
    int32_t d = ZX_DATE_NULL;
    if (!present(c, v, col, req))
        return ZX_DATE_NULL;
    int r = zx_date_parse(v.p, v.n, &d);
    if (r == -1)
        fail(c, col, ZX_M_BAD_DATE_FORM, shown(v, b, sizeof b));
    else if (r == -2)
        fail(c, col, ZX_M_IMPOSSIBLE_DATE, shown(v, b, sizeof b));
    mix(c, &d, sizeof d);
    return d;
}

static int g_flag(struct ctx *c, int col, int req)
{
    struct zx_text v = trimmed(c, col);
    char b[80];
    if (!present(c, v, col, req))
        return -1;
    if (v.n != 1 || (v.p[0] != '0' && v.p[0] != '1')) {
        fail(c, col, ZX_M_BAD_FLAG, shown(v, b, sizeof b));
        return -1;
    }
    int f = v.p[0] - '0';
    mix(c, &f, sizeof f);
    return f;
}

/* Parse a decimal number; integer_only rejects fractions. */
static int number(struct ctx *c, int col, int req, int integer_only, double *out)
{
    struct zx_text v = trimmed(c, col);
    char b[80], *end;
    if (!present(c, v, col, req))
        return 0;
    if (v.n >= 64) {
        fail(c, col, ZX_M_BAD_NUMBER, shown(v, b, sizeof b));
        return 0;
    }
    memcpy(b, v.p, v.n);
    b[v.n] = '\0';
    errno = 0;
    double d = strtod(b, &end);
    if (end == b || *end || errno || !isfinite(d) || (integer_only && d != floor(d)) ||
        (integer_only && fabs(d) > 1e15) || strchr(b, 'x') || strchr(b, 'X')) {
        fail(c, col, ZX_M_BAD_NUMBER, shown(v, b, sizeof b));
        return 0;
    }
    mix(c, &d, sizeof d);
    *out = d;
    return 1;
}

static int64_t g_int(struct ctx *c, int col, int req)
{
    double d;
    return number(c, col, req, 1, &d) ? (int64_t)d : ZX_STORE_NULL_INT;
}

/* A reference to a row of table t by its external id; 0 when empty or unknown. */
static int64_t g_ref(struct ctx *c, int col, enum zx_table t, int req,
                     struct zx_idmap_entry **entry)
{
    struct zx_text v = g_id(c, col, req);
    char b[80];
    if (entry)
        *entry = NULL;
    if (!v.p || c->bad)
        return 0;
    struct zx_idmap_entry *e = zx_idmap_get(c->map[t], v.p, v.n);
    if (!e || e->rid <= 0) {
        fail(c, col, ZX_M_UNKNOWN_REF, files[c->t].cols[col].name, shown(v, b, sizeof b));
        return 0;
    }
    if (entry)
        *entry = e;
    return e->rid;
}

static struct zx_text g_idnum(struct ctx *c, int col, int slot, int *flag)
{
    struct zx_text v = trimmed(c, col);
    char b[80];
    *flag = 0;
    if (!present(c, v, col, 0))
        return (struct zx_text){NULL, 0};
    int r = zx_idnum_normalise(v.p, v.n, c->idbuf[slot]);
    if (r == ZX_IDNUM_INVALID) {
        fail(c, col, ZX_M_BAD_ID_NUMBER, shown(v, b, sizeof b));
        return (struct zx_text){NULL, 0};
    }
    if (r == ZX_IDNUM_CONVERTED)
        warn(c, col, ZX_M_ID_CONVERTED, c->idbuf[slot]);
    else if (r == ZX_IDNUM_BAD_CHECK)
        warn(c, col, ZX_M_ID_CHECK_DIGIT, c->idbuf[slot]);
    *flag = r;
    mix(c, c->idbuf[slot], 18);
    return (struct zx_text){c->idbuf[slot], 18};
}

/* ---- UTF-8 ---- */

static int ascii_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* ---- storing a parsed row ---- */

static int flush_warnings(struct ctx *c, long line, const char *raw, size_t raw_len)
{
    for (int i = 0; i < c->nwarn; i++)
        add_issue(c, line, c->wcol[i], 0, c->wmsg[i].en, c->wmsg[i].zh, raw, raw_len);
    if (c->nwarn) {
        c->fr->warned++;
        return 1;
    }
    return 0;
}

static void reject(struct ctx *c, long line, const char *col, const struct zx_msg2 *reason,
                   const char *raw, size_t raw_len)
{
    add_issue(c, line, col, 1, reason->en, reason->zh, raw, raw_len);
    c->fr->rejected++;
}

/* Insert, update or leave alone the row with external id xid. Duplicates in the file were
 * ruled out by the caller. */
static int store_row(struct ctx *c, struct zx_idmap_entry *e, const void *row, uint64_t hash,
                     int64_t aux, struct zx_err *err)
{
    int rc;
    if (e->rid > 0) {
        if (e->row_hash == hash) {
            c->fr->unchanged++;
            return ZX_OK;
        }
        rc = zx_ingest__writer_put(c->w, c->t, 1, e->rid, hash, row, err);
        if (rc)
            return rc;
        e->row_hash = hash;
        zx_idmap_set_aux(c->map[c->t], e, aux);
        c->fr->updated++;
        return ZX_OK;
    }
    int64_t rid = ++c->next_rid[c->t];
    rc = zx_ingest__writer_put(c->w, c->t, 0, rid, hash, row, err);
    if (rc)
        return rc;
    e->rid = rid;
    e->row_hash = hash;
    zx_idmap_set_aux(c->map[c->t], e, aux);
    c->fr->inserted++;
    return ZX_OK;
}

/* The key of e in map m, NUL-terminated in buf (ids are at most ZX_MAX_ID_LEN bytes). */
static const char *key_of(const struct zx_idmap *m, const struct zx_idmap_entry *e,
                          char buf[ZX_MAX_ID_LEN + 1])
{
    size_t n;
    const char *k = zx_idmap_key(m, e, &n);
    if (n > ZX_MAX_ID_LEN)
        n = ZX_MAX_ID_LEN;
    memcpy(buf, k, n);
    buf[n] = '\0';
    return buf;
}

/* Claim xid for this line: NULL (row rejected) when the file already named it. */
static struct zx_idmap_entry *claim(struct ctx *c, struct zx_text xid)
{
    int created;
    char b[80];
    struct zx_idmap_entry *e = zx_idmap_put(c->map[c->t], xid.p, xid.n, &created);
    if (!e) {
        c->oom = 1;
        return NULL;
    }
    if (e->line) {
        fail(c, 0, ZX_M_DUPLICATE_ID, shown(xid, b, sizeof b), (long)e->line);
        return NULL;
    }
    zx_idmap_set_line(e, c->row->line);
    return e;
}

static void queue_link(struct ctx *c, int64_t rid, const struct zx_event_row *r, long line,
                       int warned, const char *raw, size_t raw_len)
{
    const struct zx_event_type_info *ti = zx_event_type_info(r->type);
    struct linkreq *nl = grow(c->lnk, &c->caplnk, c->nlnk, sizeof *c->lnk, &c->oom);
    if (!nl)
        return;
    c->lnk = nl;
    struct linkreq *l = &c->lnk[c->nlnk++];
    l->rid = rid;
    l->case_rid = r->case_rid;
    l->person = ti->level == 'P' ? r->person : 0;
    l->answers = ti->answers;
    l->date = r->date;
    l->line = line;
    l->warned = warned;
    l->raw = memdup(raw, raw_len, &c->oom);
    l->raw_len = raw_len;
}

/* Copy the texts of a deferred row so it outlives the CSV buffers. */
static void keep_texts(struct ctx *c, struct deferred *d)
{
    struct zx_text *t[8];
    int n = zx_ingest__row_texts(c->t, (union zx_ingest__row *)&d->row, t);
    size_t total = 0;
    for (int i = 0; i < n; i++)
        total += t[i]->p ? t[i]->n : 0;
    d->texts = malloc(total + 1);
    if (!d->texts) {
        c->oom = 1;
        return;
    }
    size_t o = 0;
    for (int i = 0; i < n; i++)
        if (t[i]->p) {
            memcpy(d->texts + o, t[i]->p, t[i]->n);
            t[i]->p = d->texts + o;
            o += t[i]->n;
        }
}

static void defer(struct ctx *c, const void *row, struct zx_text ref)
{
    struct deferred *nd = grow(c->def, &c->capdef, c->ndef, sizeof *c->def, &c->oom);
    if (!nd)
        return;
    c->def = nd;
    struct deferred *d = &c->def[c->ndef++];
    memset(d, 0, sizeof *d);
    d->line = c->row->line;
    d->hash = c->h;
    d->raw = memdup(c->row->raw, c->row->raw_len, &c->oom);
    d->raw_len = c->row->raw_len;
    d->ref = memdup(ref.p, ref.n, &c->oom);
    if (c->t == ZX_T_UNITS)
        d->row.u = *(const struct zx_unit_row *)row;
    else
        d->row.e = *(const struct zx_event_row *)row;
    keep_texts(c, d);
    d->nwarn = c->nwarn;
    for (int i = 0; i < c->nwarn; i++) {
        d->wcol[i] = c->wcol[i];
        d->wmsg[i] = pack2(c->wmsg[i].en, c->wmsg[i].zh, &c->oom);
    }
}

/* ---- one row per table ---- */

/* Returns ZX_OK (row stored, deferred or rejected: see c->bad) or a store error. */
static int row_units(struct ctx *c, struct zx_err *err)
{
    struct zx_unit_row r = {0};
    r.unit_id = g_id(c, U_ID, 1);
    r.name = g_text(c, U_NAME, 1);
    r.level = g_code(c, U_LEVEL, ZX_V_UNIT_LEVEL, 1);
    struct zx_text parent = g_id(c, U_PARENT, 0);
    char b[80], b2[80];
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.unit_id);
    if (!e)
        return ZX_OK;
    if (!parent.p) {
        if (c->root[0] &&
            (strlen(c->root) != r.unit_id.n || memcmp(c->root, r.unit_id.p, r.unit_id.n) != 0)) {
            fail(c, U_PARENT, ZX_M_SECOND_ROOT, shown(r.unit_id, b, sizeof b), c->root);
            e->line = 0;
            return ZX_OK;
        }
        memcpy(c->root, r.unit_id.p, r.unit_id.n);
        c->root[r.unit_id.n] = '\0';
        flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
        return store_row(c, e, &r, c->h, 0, err);
    }
    struct zx_idmap_entry *pe = zx_idmap_get(c->map[ZX_T_UNITS], parent.p, parent.n);
    if (pe && pe->rid > 0 && pe != e) {
        r.parent = pe->rid;
        flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
        return store_row(c, e, &r, c->h, 0, err);
    }
    if (pe == e) {
        fail(c, U_PARENT, ZX_M_UNIT_CYCLE, shown(r.unit_id, b2, sizeof b2));
        return ZX_OK;
    }
    defer(c, &r, parent);
    return ZX_OK;
}

static int row_staff(struct ctx *c, struct zx_err *err)
{
    struct zx_staff_row r = {0};
    r.staff_id = g_id(c, S_ID, 1);
    r.unit = g_ref(c, S_UNIT, ZX_T_UNITS, 1, NULL);
    r.name = g_text(c, S_NAME, 1);
    r.department = g_text(c, S_DEPT, 0);
    r.role = g_code(c, S_ROLE, ZX_V_STAFF_ROLE, 1);
    r.is_leader = g_flag(c, S_LEADER, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.staff_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

static int row_cases(struct ctx *c, struct zx_err *err)
{
    struct zx_case_row r = {0};
    r.case_id = g_id(c, C_ID, 1);
    r.unit = g_ref(c, C_UNIT, ZX_T_UNITS, 1, NULL);
    r.case_no = g_text(c, C_NO, 0);
    r.line = g_code(c, C_LINE, ZX_V_LINE, 1);
    r.business = g_code(c, C_BUSINESS, ZX_V_BUSINESS, 1);
    r.kind = g_code(c, C_KIND, ZX_V_CASE_KIND, 1);
    r.source = g_code(c, C_SOURCE, ZX_V_CASE_SOURCE, 1);
    r.charge = g_text(c, C_CHARGE, 0);
    r.accepted_on = g_date(c, C_ACCEPTED, 1);
    r.closed_on = g_date(c, C_CLOSED, 0);
    r.handler = g_ref(c, C_HANDLER, ZX_T_STAFF, 1, NULL);
    r.complex = g_flag(c, C_COMPLEX, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.case_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

static int row_persons(struct ctx *c, struct zx_err *err)
{
    struct zx_person_row r = {0};
    r.person_id = g_id(c, P_ID, 1);
    r.case_rid = g_ref(c, P_CASE, ZX_T_CASES, 1, NULL);
    r.role = g_code(c, P_ROLE, ZX_V_PERSON_ROLE, 1);
    r.name = g_text(c, P_NAME, 1);
    r.id_number = g_idnum(c, P_IDNUM, 0, &r.id_flag);
    r.gender = g_code(c, P_GENDER, ZX_V_GENDER, 0);
    r.birth_date = g_date(c, P_BIRTH, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.person_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, r.case_rid, err);
}

static int row_events(struct ctx *c, struct zx_err *err)
{
    struct zx_event_row r = {0};
    struct zx_idmap_entry *pe = NULL;
    char b[80];
    r.event_id = g_id(c, E_ID, 1);
    r.case_rid = g_ref(c, E_CASE, ZX_T_CASES, 1, NULL);
    r.person = g_ref(c, E_PERSON, ZX_T_PERSONS, 0, &pe);
    r.type = g_code(c, E_TYPE, ZX_V_EVENT_TYPE, 1);
    r.date = g_date(c, E_DATE, 1);
    r.handler = g_ref(c, E_HANDLER, ZX_T_STAFF, 0, NULL);
    r.decider = g_ref(c, E_DECIDER, ZX_T_STAFF, 0, NULL);
    r.result = g_code(c, E_RESULT, ZX_V_RESULT, 0);
    struct zx_text ref = g_id(c, E_REF, 0);
    r.has_amount = number(c, E_AMOUNT, 0, 0, &r.amount);
    r.note = g_text(c, E_NOTE, 0);
    if (c->bad)
        return ZX_OK;
    const struct zx_event_type_info *ti = zx_event_type_info(r.type);
    if (ti->level == 'P' && !r.person) {
        fail(c, E_PERSON, ZX_M_NEEDS_PERSON, zx_vocab_code(ZX_V_EVENT_TYPE, r.type));
        return ZX_OK;
    }
    if (pe && zx_idmap_aux(c->map[ZX_T_PERSONS], pe) != r.case_rid) {
        char k[ZX_MAX_ID_LEN + 1];
        fail(c, E_PERSON, ZX_M_PERSON_OTHER_CASE, key_of(c->map[ZX_T_PERSONS], pe, k));
        return ZX_OK;
    }
    if (r.result && !(ti->results >> r.result & 1)) {
        fail(c, E_RESULT, ZX_M_RESULT_NOT_ALLOWED, zx_vocab_code(ZX_V_RESULT, r.result),
             zx_vocab_code(ZX_V_EVENT_TYPE, r.type));
        return ZX_OK;
    }
    struct zx_idmap_entry *e = claim(c, r.event_id);
    if (!e)
        return ZX_OK;
    int link = ti->answers && !ref.p;
    if (ref.p) {
        struct zx_idmap_entry *re = zx_idmap_get(c->map[ZX_T_EVENTS], ref.p, ref.n);
        if (!re || re->rid <= 0) {
            if (re == e) {
                e->line = 0;
                fail(c, E_REF, ZX_M_UNKNOWN_REF, "ref_event_id", shown(ref, b, sizeof b));
                return ZX_OK;
            }
            defer(c, &r, ref);
            return ZX_OK;
        }
        r.ref = re->rid;
    }
    int warned = flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    int64_t old_rid = e->rid;
    uint64_t old_hash = e->row_hash;
    int rc = store_row(c, e, &r, c->h, r.type, err);
    if (rc)
        return rc;
    if (link && (old_rid == 0 || old_hash != c->h))
        queue_link(c, e->rid, &r, c->row->line, warned, c->row->raw, c->row->raw_len);
    return ZX_OK;
}

static int row_institutions(struct ctx *c, struct zx_err *err)
{
    struct zx_institution_row r = {0};
    r.institution_id = g_id(c, I_ID, 1);
    r.name = g_text(c, I_NAME, 1);
    r.kind = g_code(c, I_KIND, ZX_V_INST_KIND, 1);
    r.unit = g_ref(c, I_UNIT, ZX_T_UNITS, 1, NULL);
    r.region = g_text(c, I_REGION, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.institution_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

static int row_convicts(struct ctx *c, struct zx_err *err)
{
    struct zx_convict_row r = {0};
    r.convict_id = g_id(c, V_ID, 1);
    r.person = g_ref(c, V_PERSON, ZX_T_PERSONS, 0, NULL);
    r.name = g_text(c, V_NAME, 1);
    r.id_number = g_idnum(c, V_IDNUM, 1, &r.id_flag);
    r.birth_date = g_date(c, V_BIRTH, 0);
    r.institution = g_ref(c, V_INST, ZX_T_INSTITUTIONS, 0, NULL);
    r.charge = g_text(c, V_CHARGE, 0);
    r.sentence_kind = g_code(c, V_SKIND, ZX_V_SENTENCE_KIND, 1);
    r.term_months = g_int(c, V_TERM, 0);
    r.sentence_start = g_date(c, V_START, 1);
    r.pretrial_days = g_int(c, V_PRETRIAL, 0);
    r.recidivist = g_flag(c, V_RECID, 0);
    r.violent_list = g_flag(c, V_VIOLENT, 0);
    r.strict_category = g_flag(c, V_STRICT, 0);
    r.duty_crime_2019 = g_flag(c, V_DUTY, 0);
    r.death_limited = g_flag(c, V_DEATHLIM, 0);
    r.property_unpaid = g_flag(c, V_PROPERTY, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.convict_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

static int row_changes(struct ctx *c, struct zx_err *err)
{
    struct zx_change_row r = {0};
    r.change_id = g_id(c, X_ID, 1);
    r.convict = g_ref(c, X_CONVICT, ZX_T_CONVICTS, 1, NULL);
    r.kind = g_code(c, X_KIND, ZX_V_CHANGE_KIND, 1);
    r.proposed_on = g_date(c, X_PROPOSED, 1);
    r.ruled_on = g_date(c, X_RULED, 0);
    r.served_on = g_date(c, X_SERVED, 0);
    r.merit = g_code(c, X_MERIT, ZX_V_MERIT, 0);
    r.reduction_months = g_int(c, X_REDUCTION, 0);
    r.new_term_months = g_int(c, X_NEWTERM, 0);
    r.new_sentence_kind = g_code(c, X_NEWKIND, ZX_V_SENTENCE_KIND, 0);
    r.ground = g_code(c, X_GROUND, ZX_V_GROUND, 0);
    r.note = g_text(c, X_NOTE, 0);
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.change_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

/* Charges: names separated by ';' (main first); each one non-empty once trimmed. */
static struct zx_text g_charges(struct ctx *c, int col)
{
    struct zx_text v = g_text(c, col, 0);
    char b[80];
    if (!v.p || c->bad)
        return v;
    size_t start = 0;
    for (size_t i = 0; i <= v.n; i++) {
        if (i < v.n && v.p[i] != ';')
            continue;
        size_t a = start, z = i;
        while (a < z && (v.p[a] == ' ' || v.p[a] == '\t'))
            a++;
        while (z > a && (v.p[z - 1] == ' ' || v.p[z - 1] == '\t'))
            z--;
        if (a == z) {
            fail(c, col, ZX_M_BAD_CHARGES, shown(v, b, sizeof b));
            break;
        }
        start = i + 1;
    }
    return v;
}

static int row_documents(struct ctx *c, struct zx_err *err)
{
    struct zx_document_row r = {0};
    char b[80];
    r.document_id = g_id(c, D_ID, 1);
    r.case_rid = g_ref(c, D_CASE, ZX_T_CASES, 0, NULL);
    r.kind = g_code(c, D_KIND, ZX_V_DOC_KIND, 1);
    r.charges = g_charges(c, D_CHARGES);
    r.sentence_kind = g_code(c, D_SKIND, ZX_V_DOC_SENTENCE_KIND, 0);
    r.term_months = g_int(c, D_TERM, 0);
    r.probation_months = g_int(c, D_PROBATION, 0);
    r.date = g_date(c, D_DATE, 0);
    r.has_fine = number(c, D_FINE, 0, 0, &r.fine_yuan);
    r.text = g_longtext(c, D_TEXT, 0);
    r.facts = g_longtext(c, D_FACTS, 1);
    if (c->bad)
        return ZX_OK;
    if (r.term_months != ZX_STORE_NULL_INT && r.term_months < 0)
        fail(c, D_TERM, ZX_M_BAD_NUMBER, shown(raw_field(c, D_TERM), b, sizeof b));
    else if (r.probation_months != ZX_STORE_NULL_INT && r.probation_months < 0)
        fail(c, D_PROBATION, ZX_M_BAD_NUMBER, shown(raw_field(c, D_PROBATION), b, sizeof b));
    else if (r.has_fine && r.fine_yuan < 0)
        fail(c, D_FINE, ZX_M_BAD_NUMBER, shown(raw_field(c, D_FINE), b, sizeof b));
    if (c->bad)
        return ZX_OK;
    struct zx_idmap_entry *e = claim(c, r.document_id);
    if (!e)
        return ZX_OK;
    flush_warnings(c, c->row->line, c->row->raw, c->row->raw_len);
    return store_row(c, e, &r, c->h, 0, err);
}

static int (*const row_fn[ZX_T_COUNT_])(struct ctx *, struct zx_err *) = {
    [ZX_T_DOCUMENTS] = row_documents,
    [ZX_T_UNITS] = row_units,
    [ZX_T_STAFF] = row_staff,
    [ZX_T_CASES] = row_cases,
    [ZX_T_PERSONS] = row_persons,
    [ZX_T_EVENTS] = row_events,
    [ZX_T_INSTITUTIONS] = row_institutions,
    [ZX_T_CONVICTS] = row_convicts,
    [ZX_T_SENTENCE_CHANGES] = row_changes,
};

/* ---- end of a file: deferred references and reply links ---- */

static void free_deferred(struct deferred *d)
{
    free(d->raw);
    free(d->ref);
    free(d->texts);
    for (int i = 0; i < d->nwarn; i++)
        free(d->wmsg[i]);
    memset(d, 0, sizeof *d);
}

/* Resolve deferred rows in passes until none makes progress: a reference to a row that
 * came later in the file lands; one to an unknown id, or a cycle, is rejected. */
static int resolve_deferred(struct ctx *c, struct zx_err *err)
{
    int progress = 1;
    while (progress) {
        progress = 0;
        for (size_t i = 0; i < c->ndef; i++) {
            struct deferred *d = &c->def[i];
            if (!d->raw)
                continue;
            struct zx_idmap_entry *re = zx_idmap_get(c->map[c->t], d->ref, strlen(d->ref));
            if (!re || re->rid == 0)
                continue; /* still pending */
            struct zx_idmap_entry *e =
                c->t == ZX_T_UNITS
                    ? zx_idmap_get(c->map[c->t], d->row.u.unit_id.p, d->row.u.unit_id.n)
                    : zx_idmap_get(c->map[c->t], d->row.e.event_id.p, d->row.e.event_id.n);
            if (re->rid < 0)
                continue; /* its target was rejected: so is this row, below */
            int rc;
            c->nwarn = 0;
            if (c->t == ZX_T_UNITS) {
                d->row.u.parent = re->rid;
                rc = store_row(c, e, &d->row.u, d->hash, 0, err);
            } else {
                d->row.e.ref = re->rid;
                rc = store_row(c, e, &d->row.e, d->hash, d->row.e.type, err);
            }
            if (rc)
                return rc;
            for (int w = 0; w < d->nwarn; w++)
                add_issue(c, d->line, d->wcol[w], 0, d->wmsg[w], zx_msg2_zh(d->wmsg[w]), d->raw,
                          d->raw_len);
            if (d->nwarn)
                c->fr->warned++;
            free_deferred(d);
            progress = 1;
        }
    }
    for (size_t i = 0; i < c->ndef; i++) {
        struct deferred *d = &c->def[i];
        if (!d->raw)
            continue;
        struct zx_msg2 reason;
        char k[ZX_MAX_ID_LEN + 1];
        struct zx_idmap_entry *re = zx_idmap_get(c->map[c->t], d->ref, strlen(d->ref));
        struct zx_text xid = c->t == ZX_T_UNITS ? d->row.u.unit_id : d->row.e.event_id;
        struct zx_idmap_entry *e = zx_idmap_get(c->map[c->t], xid.p, xid.n);
        const char *col = c->t == ZX_T_UNITS ? "parent_id" : "ref_event_id";
        if (c->t == ZX_T_UNITS && re && re->rid == 0)
            zx_msg2_set(&reason, ZX_M_UNIT_CYCLE, key_of(c->map[c->t], e, k));
        else
            zx_msg2_set(&reason, ZX_M_UNKNOWN_REF, col, d->ref);
        reject(c, d->line, col, &reason, d->raw, d->raw_len);
    }
    /* only now take the rejected rows back, so each reason above saw the others pending */
    for (size_t i = 0; i < c->ndef; i++) {
        struct deferred *d = &c->def[i];
        if (!d->raw)
            continue;
        struct zx_text xid = c->t == ZX_T_UNITS ? d->row.u.unit_id : d->row.e.event_id;
        struct zx_idmap_entry *e = zx_idmap_get(c->map[c->t], xid.p, xid.n);
        if (e && e->rid == 0)
            e->rid = -1; /* never stored: references to it fail */
        free_deferred(d);
    }
    c->ndef = 0;
    return ZX_OK;
}

static int link_replies(struct ctx *c, struct zx_err *err)
{
    char xid[ZX_MAX_ID_LEN + 1];
    struct zx_msg2 msg;
    for (size_t i = 0; i < c->nlnk; i++) {
        struct linkreq *l = &c->lnk[i];
        int64_t found;
        int rc = zx_store_find_answered(c->st, l->case_rid, l->person, l->answers, l->date, l->rid,
                                        &found, xid, sizeof xid, err);
        if (!rc && found)
            rc = zx_store_set_event_ref(c->st, l->rid, found, err);
        if (rc)
            return rc;
        if (found)
            zx_msg2_set(&msg, ZX_M_REF_LINKED, xid);
        else
            zx_msg2_set(&msg, ZX_M_REF_NOT_FOUND);
        add_issue(c, l->line, "ref_event_id", 0, msg.en, msg.zh, l->raw, l->raw_len);
        if (!l->warned)
            c->fr->warned++;
        free(l->raw);
        l->raw = NULL;
    }
    c->nlnk = 0;
    return ZX_OK;
}

/* ---- files ---- */

struct mapped {
    char *p;
    size_t n;
    size_t released; /* pages below this offset have been handed back */
};

/* Hand back the mapping's pages the reader has passed, every RELEASE_STEP bytes: the file
 * stays in the page cache, but our resident set no longer grows with it (a whole events.csv
 * of 800 MB otherwise). Nothing kept refers into the mapping (rows, issues and deferred
 * rows are copied), and a page touched again would only be read back from the file. */
#define RELEASE_STEP (8u << 20)

static void release_behind(struct mapped *m, size_t off)
{
    if (off < m->released + RELEASE_STEP)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t end = off / page * page;
    if (end > m->released) {
        madvise(m->p + m->released, end - m->released, MADV_DONTNEED);
        m->released = end;
    }
}

static int map_file(const char *path, struct mapped *m, int *absent, struct zx_err *err)
{
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    *absent = 0;
    m->p = NULL;
    m->n = 0;
    if (fd < 0) {
        if (errno == ENOENT) {
            *absent = 1;
            return ZX_OK;
        }
        return zx_err_set(err, ZX_EIO, "%s: %s", path, strerror(errno));
    }
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return zx_err_set(err, ZX_EIO, "%s: not a regular file", path);
    }
    if ((unsigned long long)sb.st_size > ZX_MAX_FILE_BYTES) {
        close(fd);
        return zx_err_set(err, ZX_ELIMIT, "%s: larger than %llu bytes", path,
                          (unsigned long long)ZX_MAX_FILE_BYTES);
    }
    m->n = (size_t)sb.st_size;
    if (m->n) {
        m->p = mmap(NULL, m->n, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m->p == MAP_FAILED) {
            m->p = NULL;
            close(fd);
            return zx_err_set(err, ZX_EIO, "%s: %s", path, strerror(errno));
        }
        madvise(m->p, m->n, MADV_SEQUENTIAL);
    }
    close(fd);
    return ZX_OK;
}

static int read_header(struct ctx *c, struct zx_csv *csv, const char *path, struct zx_err *err)
{
    struct zx_csv_row h;
    const struct filespec *fs = &files[c->t];
    int r = zx_csv_next(csv, &h);
    if (r < 0)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (r == 0)
        return bundle_err(err, path, ZX_M_EMPTY_FILE);
    if (h.bad) {
        char where[4200];
        snprintf(where, sizeof where, "%s:%ld", path, h.line);
        return bundle_err(err, where, h.bad_id);
    }
    for (int k = 0; k < MAXCOLS; k++)
        c->colidx[k] = -1;
    c->nheader = h.nfields;
    for (size_t i = 0; i < h.nfields; i++) {
        int known = 0;
        for (int k = 0; k < MAXCOLS && fs->cols[k].name; k++) {
            const char *nm = fs->cols[k].name;
            if (strlen(nm) == h.f[i].len && memcmp(nm, h.f[i].p, h.f[i].len) == 0) {
                if (c->colidx[k] >= 0) {
                    char where[4200];
                    snprintf(where, sizeof where, "%s:1", path);
                    return bundle_err(err, where, ZX_M_DUPLICATE_COLUMN, nm);
                }
                c->colidx[k] = (int)i;
                known = 1;
            }
        }
        if (!known) {
            char name[80];
            struct zx_msg2 msg;
            struct zx_text v = {h.f[i].p, h.f[i].len};
            zx_msg2_set(&msg, ZX_M_UNKNOWN_COLUMN, shown(v, name, sizeof name));
            add_issue(c, 1, NULL, 0, msg.en, msg.zh, NULL, 0);
        }
    }
    for (int k = 0; k < MAXCOLS && fs->cols[k].name; k++)
        if (fs->cols[k].required && c->colidx[k] < 0)
            return bundle_err(err, path, ZX_M_MISSING_COLUMN, fs->cols[k].name);
    return ZX_OK;
}

static void progress(struct ctx *c, const struct zx_csv *csv, size_t total, int done)
{
    if (!c->opts->progress || !total)
        return;
    size_t off = zx_csv_offset(csv);
    int pct = done ? 100 : (int)(off * 100 / total);
    int bar = pct / 4;
    fprintf(stderr, "\r%-22s [%.*s%*s] %3d%% %10ld", files[c->t].file, bar,
            "#########################", 25 - bar, "", pct, c->fr->read);
    if (done)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ZX_IMPORT_TRACE=1 prints each phase's time on stderr, for profiling imports. */
static void trace(const char *file, const char *phase)
{
    static int on = -1;
    static struct timespec last;
    struct timespec now;
    if (on < 0)
        on = getenv("ZX_IMPORT_TRACE") != NULL;
    if (!on)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (last.tv_sec)
        fprintf(stderr, "trace %-20s %-10s %8.3f s\n", file, phase,
                (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9);
    last = now;
}

/* The last file (in import order) that looks ids of each table up: its map is freed after
 * that file. Follows the g_ref() and zx_idmap_get() calls of the row functions above. */
static const enum zx_table last_user[ZX_T_COUNT_] = {
    [ZX_T_UNITS] = ZX_T_INSTITUTIONS,        /* units, staff, cases, institutions */
    [ZX_T_STAFF] = ZX_T_EVENTS,              /* cases, events */
    [ZX_T_CASES] = ZX_T_DOCUMENTS,           /* persons, events, documents */
    [ZX_T_PERSONS] = ZX_T_CONVICTS,          /* events, convicts */
    [ZX_T_EVENTS] = ZX_T_EVENTS,             /* ref_event_id */
    [ZX_T_INSTITUTIONS] = ZX_T_CONVICTS,     /* convicts */
    [ZX_T_CONVICTS] = ZX_T_SENTENCE_CHANGES, /* sentence_changes */
    [ZX_T_SENTENCE_CHANGES] = ZX_T_SENTENCE_CHANGES,
    [ZX_T_DOCUMENTS] = ZX_T_DOCUMENTS,
};

/* Free the maps no file after c->t looks up (idempotent). */
static void free_done_maps(struct ctx *c)
{
    for (int u = 0; u < ZX_T_COUNT_; u++)
        if (last_user[u] == c->t) {
            zx_idmap_free(c->map[u]);
            c->map[u] = NULL;
        }
}

static int import_file(struct ctx *c, const char *dir, struct zx_err *err)
{
    char path[4096];
    struct mapped m = {0};
    struct zx_csv *csv = NULL;
    struct zx_csv_row row;
    int absent, rc, bulk = 0;

    snprintf(path, sizeof path, "%s/%s", dir, files[c->t].file);
    c->fr->file = files[c->t].file;
    rc = map_file(path, &m, &absent, err);
    if (rc)
        return rc;
    if (absent) {
        if (files[c->t].required)
            return bundle_err(err, dir, ZX_M_MISSING_FILE, files[c->t].file);
        return ZX_OK;
    }
    c->fr->present = 1;
    if (!m.n) {
        rc = bundle_err(err, path, ZX_M_EMPTY_FILE);
        goto cleanup;
    }
    csv = zx_csv_new(m.p, m.n);
    if (!csv) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    rc = read_header(c, csv, path, err);
    if (rc)
        goto cleanup;
    /* a large file into an empty table: build its indexes once at the end */
    if (m.n > (1u << 20)) {
        rc = zx_store_bulk_begin(c->st, c->t, err);
        if (rc)
            goto cleanup;
        bulk = 1;
    }
    trace(files[c->t].file, "start");
    zx_idmap_clear_lines(c->map[c->t]);

    int r;
    while ((r = zx_csv_next(csv, &row)) == 1) {
        c->fr->read++;
        c->row = &row; /* cppcheck-suppress autoVariables ; only read during this iteration */
        c->h = 0xcbf29ce484222325ull;
        c->bad = 0;
        c->bad_col = NULL;
        c->nwarn = 0;
        if (row.bad) {
            /* the breakage is a term of the message: each language names it in its own */
            snprintf(c->reason.en, sizeof c->reason.en, zx_msg_lang(ZX_M_CSV_FORMAT, 0),
                     zx_msg_lang(row.bad_id, 0));
            snprintf(c->reason.zh, sizeof c->reason.zh, zx_msg_lang(ZX_M_CSV_FORMAT, 1),
                     zx_msg_lang(row.bad_id, 1));
            reject(c, row.line, NULL, &c->reason, row.raw, row.raw_len);
            continue;
        }
        if (row.nfields != c->nheader) {
            zx_msg2_set(&c->reason, ZX_M_FIELD_COUNT, c->nheader, row.nfields);
            reject(c, row.line, NULL, &c->reason, row.raw, row.raw_len);
            continue;
        }
        if (!ascii_only(row.raw, row.raw_len)) {
            for (size_t i = 0; i < row.nfields; i++)
                if (!zx_utf8_valid(row.f[i].p, row.f[i].len)) {
                    const char *col = NULL;
                    for (int k = 0; k < MAXCOLS && files[c->t].cols[k].name; k++)
                        if (c->colidx[k] == (int)i)
                            col = files[c->t].cols[k].name;
                    c->bad = 1;
                    c->bad_col = col;
                    zx_msg2_set(&c->reason, ZX_M_BAD_UTF8);
                    break;
                }
        }
        if (!c->bad) {
            rc = row_fn[c->t](c, err);
            if (rc)
                goto cleanup;
        }
        if (c->bad)
            reject(c, row.line, c->bad_col, &c->reason, row.raw, row.raw_len);
        if (c->oom) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        if ((c->fr->read & 0xffff) == 0)
            progress(c, csv, m.n, 0);
        release_behind(&m, zx_csv_offset(csv));
    }
    if (r < 0) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    trace(files[c->t].file, "parse");
    /* the store is the writer's until drained; deferred rows go through it too */
    rc = zx_ingest__writer_drain(c->w, err);
    trace(files[c->t].file, "drain");
    if (rc)
        goto cleanup;
    rc = resolve_deferred(c, err);
    if (!rc)
        rc = zx_ingest__writer_drain(c->w, err);
    if (rc)
        goto cleanup;
    /* the index builds below sort: let them have the memory of the maps no longer needed */
    free_done_maps(c);
    if (bulk) {
        rc = zx_store_bulk_end(c->st, c->t, err);
        if (rc)
            goto cleanup;
        trace(files[c->t].file, "indexes");
    }
    rc = link_replies(c, err);
    trace(files[c->t].file, "link");
    if (rc)
        goto cleanup;
    if (c->oom)
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    progress(c, csv, m.n, 1);

cleanup:
    zx_csv_free(csv);
    if (m.p)
        munmap(m.p, m.n);
    return rc;
}

/* ---- loading what the store already has ---- */

static int load_cb(void *ud, const char *xid, size_t n, int64_t rid, uint64_t hash, int64_t aux)
{
    struct zx_idmap *m = ud;
    int created;
    struct zx_idmap_entry *e = zx_idmap_put(m, xid, n, &created);
    if (!e)
        return ZX_ENOMEM;
    e->rid = rid;
    e->row_hash = hash;
    zx_idmap_set_aux(m, e, aux);
    return 0;
}

/* ---- the rejects file ---- */

static int write_rejects(struct ctx *c, const char *path, struct zx_err *err)
{
    struct zx_file_out o;
    int rc = zx_file_out_open(&o, path, 1, err);
    if (rc)
        return rc;
    FILE *f = o.f;
    fputs("file,line,column,outcome,reason,row\n", f);
    for (size_t i = 0; i < c->niss; i++) {
        const struct issue *is = &c->iss[i];
        zx_csv_puts(f, files[is->t].file);
        fprintf(f, ",%ld,", is->line);
        zx_csv_puts(f, is->col);
        fputs(is->rejected ? ",rejected," : ",warning,", f);
        zx_csv_puts(f, zx_msg_chinese() ? zx_msg2_zh(is->reason) : is->reason);
        fputc(',', f);
        if (is->raw)
            zx_csv_put(f, is->raw, is->raw_len);
        fputc('\n', f);
    }
    return zx_file_out_commit(&o, err);
}

static int issue_cmp(const void *a, const void *b)
{
    const struct issue *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->rejected > y->rejected ? -1 : x->rejected < y->rejected;
}

int zx_ingest_bundle(struct zx_store *st, const char *dir, const struct zx_ingest_opts *opts,
                     struct zx_ingest_report *rep, struct zx_err *err)
{
    struct ctx c;
    struct timespec t0, t1;
    int rc = ZX_OK, in_tx = 0;
    static const struct zx_ingest_opts defaults = {NULL, 0};

    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(&c, 0, sizeof c);
    memset(rep, 0, sizeof *rep);
    c.st = st;
    c.opts = opts ? opts : &defaults;
    c.rep = rep;
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        rep->files[t].file = files[t].file;
        c.map[t] = zx_idmap_new(t == ZX_T_PERSONS ? ZX_IDMAP_AUX : 0);
        if (!c.map[t]) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        rc = zx_err_set(err, ZX_EIO, "%s: not a bundle folder", dir);
        goto cleanup;
    }

    rc = zx_store_begin_trusted(st, err);
    if (rc)
        goto cleanup;
    in_tx = 1;
    rc = zx_store_import_start(st, dir, &c.import_id, err);
    if (rc)
        goto cleanup;
    rep->import_id = c.import_id;
    rc = zx_store_root_unit(st, c.root, sizeof c.root, err);
    if (rc)
        goto cleanup;
    rc = zx_ingest__writer_start(st, c.import_id, &c.w, err);
    if (rc)
        goto cleanup;

    for (int t = 0; t < ZX_T_COUNT_; t++) {
        c.t = (enum zx_table)t;
        c.fr = &rep->files[t];
        c.next_rid[t] = zx_store_max_rid(st, c.t);
        /* room for the stored ids or the most the file can hold (rows are 64+ bytes, as a
         * rule), whichever is more: a re-import names mostly stored ids, and summing both
         * would reserve twice the slots (140 MiB more for the large bundle's events). A file
         * of new ids as large as the table grows the slots once, past load 4/5. */
        char path[4096];
        struct stat fsb;
        snprintf(path, sizeof path, "%s/%s", dir, files[t].file);
        size_t hint = stat(path, &fsb) == 0 ? (size_t)fsb.st_size / 64 : 0;
        /* the largest row id bounds the stored ids (and costs no scan, unlike a count) */
        int64_t stored = c.next_rid[t];
        if (zx_idmap_reserve(c.map[t],
                             stored > 0 && (size_t)stored > hint ? (size_t)stored : hint) < 0) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        rc = zx_store_each_id(st, c.t, load_cb, c.map[t], err);
        if (rc) {
            if (rc == ZX_ENOMEM)
                zx_err_set(err, rc, "out of memory");
            goto cleanup;
        }
        rc = import_file(&c, dir, err);
        if (rc)
            goto cleanup;
        struct zx_ingest_file_report *fr = c.fr;
        long imported = fr->inserted + fr->updated + fr->unchanged;
        if (imported + fr->rejected != fr->read) {
            rc = zx_err_set(err, ZX_EPARSE,
                            "%s: internal count mismatch: read %ld != imported %ld + rejected %ld",
                            fr->file, fr->read, imported, fr->rejected);
            goto cleanup;
        }
        rep->read += fr->read;
        rep->imported += imported;
        rep->rejected += fr->rejected;
        rep->warned += fr->warned;
        free_done_maps(&c); /* also when the file was absent */
    }

    if (c.niss)
        qsort(c.iss, c.niss, sizeof *c.iss, issue_cmp);
    for (size_t i = 0; i < c.niss; i++) {
        const struct issue *is = &c.iss[i];
        rc = zx_store_import_issue(st, c.import_id, files[is->t].file, is->line, is->col,
                                   is->rejected ? "rejected" : "warning", is->reason,
                                   zx_msg2_zh(is->reason), is->raw, is->raw_len, err);
        if (rc)
            goto cleanup;
    }
    rep->issues = (long)c.niss;
    rc = zx_store_import_finish(st, c.import_id, rep->read, rep->imported, rep->rejected,
                                rep->warned, err);
    if (rc)
        goto cleanup;
    trace("", "issues");
    rc = zx_store_commit(st, err);
    if (rc)
        goto cleanup;
    in_tx = 0;
    trace("", "commit");
    if (c.opts->rejects_path && c.niss)
        rc = write_rejects(&c, c.opts->rejects_path, err);

cleanup:
    zx_ingest__writer_stop(c.w); /* joins the thread before the store is touched */
    if (in_tx)
        zx_store_rollback(st);
    for (int t = 0; t < ZX_T_COUNT_; t++)
        zx_idmap_free(c.map[t]);
    for (size_t i = 0; i < c.niss; i++) {
        free(c.iss[i].reason);
        free(c.iss[i].raw);
    }
    free(c.iss);
    for (size_t i = 0; i < c.ndef; i++)
        free_deferred(&c.def[i]);
    free(c.def);
    for (size_t i = 0; i < c.nlnk; i++)
        free(c.lnk[i].raw);
    free(c.lnk);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    rep->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return rc;
}
