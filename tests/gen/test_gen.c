/* test_gen.c — the synthetic province generator (src/gen).
 *
 * The bundles are read back with the project's CSV reader and checked by a small validator
 * written from case-data.md, independent of the generator: every row either passes all the
 * contract's row rules, or is a planted row listed at its line in expected-issues.csv. On top
 * of that: determinism, procedural invariants, and the calibration of the rates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "gen/gen.h"
#include "model/vocab.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/idnum.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- small helpers ---- */

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void rm_tree(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A fresh empty scratch folder; the bundle goes to <it>/b. */
static char *scratch(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char *p = malloc(4096);
    assert_non_null(p);
    snprintf(p, 4096, "%s/zx-test-gen-XXXXXX", base);
    assert_non_null(mkdtemp(p));
    return p;
}

static char *gen(const char *root, const char *name, uint64_t seed, long long cases, long long bad)
{
    struct zx_gen_opts o;
    struct zx_gen_stats st;
    struct zx_err err;
    zx_gen_opts_init(&o);
    o.seed = seed;
    o.cases = cases;
    o.bad_rows = bad;
    char *dir = malloc(4096);
    assert_non_null(dir);
    snprintf(dir, 4096, "%s/%s", root, name);
    int rc = zx_gen_bundle(dir, &o, &st, &err);
    if (rc)
        fail_msg("generate: %s", err.msg);
    assert_true(st.rows[ZX_GEN_CASES] >= cases); /* planted rows come on top */
    assert_int_equal(st.rejected + st.warnings, bad);
    return dir;
}

/* ---- string → int map (open addressing; keys copied) ---- */

struct map {
    char **k;
    long *v;
    size_t cap, n;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void map_grow(struct map *m);

static long *map_slot(struct map *m, const char *s, size_t n, int insert)
{
    if (insert && (m->n + 1) * 2 > m->cap)
        map_grow(m);
    if (!m->cap)
        return NULL;
    size_t i = hash(s, n) & (m->cap - 1);
    while (m->k[i]) {
        if (strlen(m->k[i]) == n && memcmp(m->k[i], s, n) == 0)
            return &m->v[i];
        i = (i + 1) & (m->cap - 1);
    }
    if (!insert)
        return NULL;
    m->k[i] = strndup(s, n);
    m->v[i] = -1;
    m->n++;
    return &m->v[i];
}

static void map_grow(struct map *m)
{
    struct map nm = {0};
    nm.cap = m->cap ? m->cap * 2 : 1024;
    nm.k = calloc(nm.cap, sizeof *nm.k);
    nm.v = calloc(nm.cap, sizeof *nm.v);
    assert_non_null(nm.k);
    for (size_t i = 0; i < m->cap; i++)
        if (m->k[i]) {
            size_t j = hash(m->k[i], strlen(m->k[i])) & (nm.cap - 1);
            while (nm.k[j])
                j = (j + 1) & (nm.cap - 1);
            nm.k[j] = m->k[i];
            nm.v[j] = m->v[i];
            nm.n++;
        }
    free(m->k);
    free(m->v);
    *m = nm;
}

static long map_get(struct map *m, const struct zx_csv_field *f)
{
    long *v = map_slot(m, f->p, f->len, 0);
    return v ? *v : -1;
}

static void map_free(struct map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->k[i]);
    free(m->k);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* ---- the validator ---- */

struct issue {
    int file;
    long line;
    int warning;
};

struct person {
    long cas;
    int role;
};

struct event {
    long cas, person, ref;
    int type, result, noref;
    int32_t date;
    long long amount;
};

struct kase {
    int line, unit;
    int32_t accepted, closed;
};

struct bundle {
    struct map units, staff, inst, cases, persons, events, convicts, changes;
    struct kase *c;
    size_t nc, cc;
    struct person *p;
    size_t np, cp;
    struct event *e;
    size_t ne, ce;
    struct issue *is;
    size_t nis, cis;
    long unit_count;
    long idnum_ok, idnum_checked;
};

#define PUSH(arr, n, cap)                                                                          \
    do {                                                                                           \
        if ((n) == (cap)) {                                                                        \
            (cap) = (cap) ? (cap)*2 : 1024;                                                        \
            (arr) = realloc((arr), (cap) * sizeof *(arr));                                         \
            assert_non_null(arr);                                                                  \
        }                                                                                          \
    } while (0)

static void issue(struct bundle *b, int file, long line, int warning)
{
    PUSH(b->is, b->nis, b->cis);
    b->is[b->nis++] = (struct issue){file, line, warning};
}

static int utf8_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xc0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

static int id_ok(const struct zx_csv_field *f)
{
    if (f->len < 1 || f->len > 64)
        return 0;
    for (size_t i = 0; i < f->len; i++)
        if ((unsigned char)f->p[i] < 0x20)
            return 0;
    return 1;
}

/* 1 valid date (or empty when optional), 0 bad */
static int date_ok(const struct zx_csv_field *f, int optional, int32_t *out)
{
    *out = ZX_DATE_NULL;
    if (f->len == 0)
        return optional;
    return zx_date_parse(f->p, f->len, out) == 0;
}

static int code_ok(enum zx_vocab v, const struct zx_csv_field *f, int optional, int *out)
{
    *out = 0;
    if (f->len == 0)
        return optional;
    *out = zx_vocab_find(v, f->p, f->len);
    return *out != 0;
}

static int flag_ok(const struct zx_csv_field *f)
{
    return f->len == 1 && (f->p[0] == '0' || f->p[0] == '1');
}

static int number_ok(const struct zx_csv_field *f, long long *out)
{
    *out = -1;
    if (f->len == 0)
        return 1;
    long long v = 0;
    for (size_t i = 0; i < f->len; i++) {
        if (f->p[i] < '0' || f->p[i] > '9')
            return 0;
        v = v * 10 + (f->p[i] - '0');
    }
    *out = v;
    return 1;
}

/* 1 ok, 2 warning, 0 rejected; checks birth date and gender against the number too. */
static int idnum_row(struct bundle *b, const struct zx_csv_field *num,
                     const struct zx_csv_field *gender, int32_t birth)
{
    if (num->len == 0)
        return 1;
    char n18[19];
    int st = zx_idnum_normalise(num->p, num->len, n18);
    if (st == ZX_IDNUM_INVALID)
        return 0;
    if (st != ZX_IDNUM_OK)
        return 2;
    b->idnum_checked++;
    int ok = 1;
    if (birth != ZX_DATE_NULL) {
        char d[11];
        zx_date_format(birth, d);
        ok &= memcmp(n18 + 6, d, 4) == 0 && memcmp(n18 + 10, d + 5, 2) == 0 &&
              memcmp(n18 + 12, d + 8, 2) == 0;
    }
    if (gender && gender->len) {
        int g = zx_vocab_find(ZX_V_GENDER, gender->p, gender->len);
        ok &= g == ((n18[16] - '0') % 2 ? 1 : 2);
    }
    b->idnum_ok += ok;
    return 1;
}

struct reader {
    char *data;
    size_t len;
    struct zx_csv *csv;
    struct zx_csv_row hdr;
    char names[32][40];
    size_t ncol;
};

static void open_reader(struct reader *r, const char *dir, int file)
{
    memset(r, 0, sizeof *r);
    r->data = slurp(dir, zx_gen_file_name(file), &r->len);
    assert_non_null(r->data);
    r->csv = zx_csv_new(r->data, r->len);
    assert_non_null(r->csv);
    assert_int_equal(zx_csv_next(r->csv, &r->hdr), 1);
    r->ncol = r->hdr.nfields;
    for (size_t i = 0; i < r->ncol && i < 32; i++)
        snprintf(r->names[i], sizeof r->names[i], "%.*s", (int)r->hdr.f[i].len, r->hdr.f[i].p);
}

static size_t col(const struct reader *r, const char *name)
{
    for (size_t i = 0; i < r->ncol; i++)
        if (!strcmp(r->names[i], name))
            return i;
    fail_msg("column %s missing", name);
    return 0;
}

static void close_reader(struct reader *r)
{
    zx_csv_free(r->csv);
    free(r->data);
}

/* The checks every file shares; returns 1 when the row may go on to its own checks. */
static int common(struct bundle *b, struct reader *r, int file, const struct zx_csv_row *row,
                  struct map *ids)
{
    if (row->bad || row->nfields != r->ncol ||
        !utf8_ok((const unsigned char *)row->raw, row->raw_len) || !id_ok(&row->f[0])) {
        issue(b, file, row->line, 0);
        return 0;
    }
    if (map_get(ids, &row->f[0]) != -1) {
        issue(b, file, row->line, 0); /* duplicate */
        return 0;
    }
    return 1;
}

static void load(struct bundle *b, const char *dir)
{
    struct reader r;
    struct zx_csv_row row;
    memset(b, 0, sizeof *b);

    open_reader(&r, dir, ZX_GEN_UNITS);
    size_t u_level = col(&r, "level"), u_parent = col(&r, "parent_id"), u_name = col(&r, "name");
    while (zx_csv_next(r.csv, &row) == 1) {
        int lv;
        if (!common(b, &r, ZX_GEN_UNITS, &row, &b->units))
            continue;
        const struct zx_csv_field *f = row.f;
        int ok = code_ok(ZX_V_UNIT_LEVEL, &f[u_level], 0, &lv) && f[u_name].len > 0 &&
                 (f[u_parent].len ? map_get(&b->units, &f[u_parent]) >= 0 : b->units.n == 0);
        if (!ok) {
            issue(b, ZX_GEN_UNITS, row.line, 0);
            continue;
        }
        *map_slot(&b->units, f[0].p, f[0].len, 1) = b->unit_count++;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_STAFF);
    size_t s_unit = col(&r, "unit_id"), s_role = col(&r, "role"), s_lead = col(&r, "is_leader");
    while (zx_csv_next(r.csv, &row) == 1) {
        int role;
        if (!common(b, &r, ZX_GEN_STAFF, &row, &b->staff))
            continue;
        const struct zx_csv_field *f = row.f;
        if (f[s_unit].len == 0 || map_get(&b->units, &f[s_unit]) < 0 ||
            !code_ok(ZX_V_STAFF_ROLE, &f[s_role], 0, &role) || !flag_ok(&f[s_lead])) {
            issue(b, ZX_GEN_STAFF, row.line, 0);
            continue;
        }
        int leader = role >= 5; /* deputy_chief, chief, committee_member */
        assert_int_equal(leader, f[s_lead].p[0] - '0');
        *map_slot(&b->staff, f[0].p, f[0].len, 1) = role;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_INSTITUTIONS);
    size_t i_kind = col(&r, "kind"), i_unit = col(&r, "unit_id");
    while (zx_csv_next(r.csv, &row) == 1) {
        int k;
        if (!common(b, &r, ZX_GEN_INSTITUTIONS, &row, &b->inst))
            continue;
        const struct zx_csv_field *f = row.f;
        if (!code_ok(ZX_V_INST_KIND, &f[i_kind], 0, &k) || map_get(&b->units, &f[i_unit]) < 0) {
            issue(b, ZX_GEN_INSTITUTIONS, row.line, 0);
            continue;
        }
        *map_slot(&b->inst, f[0].p, f[0].len, 1) = k;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_CASES);
    size_t c_unit = col(&r, "unit_id"), c_line = col(&r, "line"), c_biz = col(&r, "business"),
           c_kind = col(&r, "kind"), c_src = col(&r, "source"), c_acc = col(&r, "accepted_on"),
           c_clo = col(&r, "closed_on"), c_h = col(&r, "handler_id"), c_cx = col(&r, "complex");
    while (zx_csv_next(r.csv, &row) == 1) {
        int ln, bz, kd, sr;
        struct kase k;
        if (!common(b, &r, ZX_GEN_CASES, &row, &b->cases))
            continue;
        const struct zx_csv_field *f = row.f;
        long unit = f[c_unit].len ? map_get(&b->units, &f[c_unit]) : -1;
        int ok =
            unit >= 0 && f[c_h].len && map_get(&b->staff, &f[c_h]) >= 0 &&
            code_ok(ZX_V_LINE, &f[c_line], 0, &ln) && code_ok(ZX_V_BUSINESS, &f[c_biz], 0, &bz) &&
            code_ok(ZX_V_CASE_KIND, &f[c_kind], 0, &kd) &&
            code_ok(ZX_V_CASE_SOURCE, &f[c_src], 0, &sr) && date_ok(&f[c_acc], 0, &k.accepted) &&
            date_ok(&f[c_clo], 1, &k.closed) && flag_ok(&f[c_cx]);
        if (!ok) {
            issue(b, ZX_GEN_CASES, row.line, 0);
            continue;
        }
        /* the handler handles: a prosecutor or a leader */
        long hrole = map_get(&b->staff, &f[c_h]);
        assert_true(hrole == 1 || hrole >= 5);
        if (k.closed != ZX_DATE_NULL)
            assert_true(k.closed >= k.accepted);
        k.line = ln;
        k.unit = (int)unit;
        PUSH(b->c, b->nc, b->cc);
        b->c[b->nc] = k;
        *map_slot(&b->cases, f[0].p, f[0].len, 1) = (long)b->nc++;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_PERSONS);
    size_t p_case = col(&r, "case_id"), p_role = col(&r, "role"), p_id = col(&r, "id_number"),
           p_g = col(&r, "gender"), p_b = col(&r, "birth_date"), p_name = col(&r, "name");
    while (zx_csv_next(r.csv, &row) == 1) {
        int role, g;
        int32_t birth;
        if (!common(b, &r, ZX_GEN_PERSONS, &row, &b->persons))
            continue;
        const struct zx_csv_field *f = row.f;
        long cas = f[p_case].len ? map_get(&b->cases, &f[p_case]) : -1;
        int ok = cas >= 0 && code_ok(ZX_V_PERSON_ROLE, &f[p_role], 0, &role) &&
                 code_ok(ZX_V_GENDER, &f[p_g], 1, &g) && date_ok(&f[p_b], 1, &birth) &&
                 f[p_name].len > 0;
        int idn = ok ? idnum_row(b, &f[p_id], &f[p_g], birth) : 0;
        if (!ok || !idn) {
            issue(b, ZX_GEN_PERSONS, row.line, 0);
            continue;
        }
        if (idn == 2)
            issue(b, ZX_GEN_PERSONS, row.line, 1);
        PUSH(b->p, b->np, b->cp);
        b->p[b->np] = (struct person){cas, role};
        *map_slot(&b->persons, f[0].p, f[0].len, 1) = (long)b->np++;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_EVENTS);
    size_t e_case = col(&r, "case_id"), e_p = col(&r, "person_id"), e_t = col(&r, "type"),
           e_d = col(&r, "date"), e_h = col(&r, "handler_id"), e_dc = col(&r, "decider_id"),
           e_r = col(&r, "result"), e_ref = col(&r, "ref_event_id"), e_a = col(&r, "amount");
    while (zx_csv_next(r.csv, &row) == 1) {
        struct event e = {0};
        if (!common(b, &r, ZX_GEN_EVENTS, &row, &b->events))
            continue;
        const struct zx_csv_field *f = row.f;
        e.cas = f[e_case].len ? map_get(&b->cases, &f[e_case]) : -1;
        e.person = f[e_p].len ? map_get(&b->persons, &f[e_p]) : -2;
        e.ref = f[e_ref].len ? map_get(&b->events, &f[e_ref]) : -2;
        int ok = e.cas >= 0 && code_ok(ZX_V_EVENT_TYPE, &f[e_t], 0, &e.type) &&
                 date_ok(&f[e_d], 0, &e.date) && code_ok(ZX_V_RESULT, &f[e_r], 1, &e.result) &&
                 number_ok(&f[e_a], &e.amount) && e.person != -1 && e.ref != -1 &&
                 (!f[e_h].len || map_get(&b->staff, &f[e_h]) >= 0) &&
                 (!f[e_dc].len || map_get(&b->staff, &f[e_dc]) >= 0);
        const struct zx_event_type_info *ti = ok ? zx_event_type_info(e.type) : NULL;
        if (ok && e.result)
            ok = (ti->results >> e.result) & 1;
        if (ok && ti->level == 'P')
            ok = e.person >= 0 && b->p[e.person].cas == e.cas;
        if (ok && ti->level == 'C')
            ok = e.person == -2;
        if (!ok) {
            issue(b, ZX_GEN_EVENTS, row.line, 0);
            continue;
        }
        e.noref = f[e_ref].len == 0;
        PUSH(b->e, b->ne, b->ce);
        b->e[b->ne] = e;
        *map_slot(&b->events, f[0].p, f[0].len, 1) = (long)b->ne++;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_CONVICTS);
    size_t v_p = col(&r, "person_id"), v_id = col(&r, "id_number"), v_b = col(&r, "birth_date"),
           v_i = col(&r, "institution_id"), v_k = col(&r, "sentence_kind"),
           v_t = col(&r, "term_months"), v_s = col(&r, "sentence_start"),
           v_pd = col(&r, "pretrial_days"), v_f0 = col(&r, "recidivist");
    while (zx_csv_next(r.csv, &row) == 1) {
        int k;
        int32_t birth, start;
        long long term, pd;
        if (!common(b, &r, ZX_GEN_CONVICTS, &row, &b->convicts))
            continue;
        const struct zx_csv_field *f = row.f;
        int ok = (!f[v_p].len || map_get(&b->persons, &f[v_p]) >= 0) &&
                 date_ok(&f[v_b], 1, &birth) && map_get(&b->inst, &f[v_i]) >= 0 &&
                 code_ok(ZX_V_SENTENCE_KIND, &f[v_k], 0, &k) && number_ok(&f[v_t], &term) &&
                 date_ok(&f[v_s], 0, &start) && number_ok(&f[v_pd], &pd);
        for (size_t i = 0; ok && i < 6; i++)
            ok = flag_ok(&f[v_f0 + i]);
        int idn = ok ? idnum_row(b, &f[v_id], NULL, birth) : 0;
        if (!ok || !idn) {
            issue(b, ZX_GEN_CONVICTS, row.line, 0);
            continue;
        }
        if (idn == 2)
            issue(b, ZX_GEN_CONVICTS, row.line, 1);
        if (k == 1)
            assert_true(term >= 1);
        *map_slot(&b->convicts, f[0].p, f[0].len, 1) = k;
    }
    close_reader(&r);

    open_reader(&r, dir, ZX_GEN_CHANGES);
    size_t x_c = col(&r, "convict_id"), x_k = col(&r, "kind"), x_p = col(&r, "proposed_on"),
           x_r = col(&r, "ruled_on"), x_s = col(&r, "served_on"), x_m = col(&r, "merit"),
           x_red = col(&r, "reduction_months"), x_nt = col(&r, "new_term_months"),
           x_nk = col(&r, "new_sentence_kind"), x_g = col(&r, "ground");
    while (zx_csv_next(r.csv, &row) == 1) {
        int k, m, nk, gr;
        int32_t p, ru, s;
        long long red, nt;
        if (!common(b, &r, ZX_GEN_CHANGES, &row, &b->changes))
            continue;
        const struct zx_csv_field *f = row.f;
        int ok = map_get(&b->convicts, &f[x_c]) >= 0 && code_ok(ZX_V_CHANGE_KIND, &f[x_k], 0, &k) &&
                 date_ok(&f[x_p], 0, &p) && date_ok(&f[x_r], 0, &ru) && date_ok(&f[x_s], 0, &s) &&
                 code_ok(ZX_V_MERIT, &f[x_m], 1, &m) && number_ok(&f[x_red], &red) &&
                 number_ok(&f[x_nt], &nt) && code_ok(ZX_V_SENTENCE_KIND, &f[x_nk], 1, &nk) &&
                 code_ok(ZX_V_GROUND, &f[x_g], 1, &gr);
        if (!ok) {
            issue(b, ZX_GEN_CHANGES, row.line, 0);
            continue;
        }
        assert_true(p <= ru && ru <= s);
        assert_true(red == -1 || (red >= 3 && red <= 24));
        assert_true(k != 3 || gr != 0); /* a temporary release has a ground */
        *map_slot(&b->changes, f[0].p, f[0].len, 1) = k;
    }
    close_reader(&r);
}

static void unload(struct bundle *b)
{
    map_free(&b->units);
    map_free(&b->staff);
    map_free(&b->inst);
    map_free(&b->cases);
    map_free(&b->persons);
    map_free(&b->events);
    map_free(&b->convicts);
    map_free(&b->changes);
    free(b->c);
    free(b->p);
    free(b->e);
    free(b->is);
}

static int cmp_issue(const void *a, const void *b)
{
    const struct issue *x = a, *y = b;
    if (x->file != y->file)
        return x->file - y->file;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* What the validator found equals expected-issues.csv, line by line. Returns the number of
 * distinct kind names seen in the manifest. */
static int check_manifest(struct bundle *b, const char *dir, char kinds[][32], int maxk)
{
    size_t len;
    char *m = slurp(dir, "expected-issues.csv", &len);
    assert_non_null(m);
    struct zx_csv *c = zx_csv_new(m, len);
    struct zx_csv_row row;
    assert_int_equal(zx_csv_next(c, &row), 1);
    assert_int_equal(row.nfields, 4);
    assert_memory_equal(row.raw, "file,line,outcome,kind", 22);
    struct issue *want = NULL;
    size_t n = 0, cap = 0;
    int nk = 0;
    while (zx_csv_next(c, &row) == 1) {
        assert_int_equal(row.nfields, 4);
        int file = -1;
        for (int f = 0; f < ZX_GEN_MANIFEST; f++)
            if (strlen(zx_gen_file_name(f)) == row.f[0].len &&
                !memcmp(zx_gen_file_name(f), row.f[0].p, row.f[0].len))
                file = f;
        assert_true(file >= 0);
        int warning = row.f[2].len == 7 && !memcmp(row.f[2].p, "warning", 7);
        assert_true(warning || (row.f[2].len == 8 && !memcmp(row.f[2].p, "rejected", 8)));
        PUSH(want, n, cap);
        want[n++] = (struct issue){file, strtol(row.f[1].p, NULL, 10), warning};
        char k[32];
        snprintf(k, sizeof k, "%.*s", (int)row.f[3].len, row.f[3].p);
        int seen = 0;
        for (int i = 0; i < nk; i++)
            seen |= !strcmp(kinds[i], k);
        if (!seen && nk < maxk)
            snprintf(kinds[nk++], 32, "%s", k);
    }
    zx_csv_free(c);
    free(m);
    if (b->nis)
        qsort(b->is, b->nis, sizeof *b->is, cmp_issue);
    if (n)
        qsort(want, n, sizeof *want, cmp_issue);
    for (size_t i = 0; i < n && i < b->nis; i++) {
        if (cmp_issue(&want[i], &b->is[i]) || want[i].warning != b->is[i].warning)
            fail_msg("manifest %s:%ld (%s) but validator %s:%ld (%s)",
                     zx_gen_file_name(want[i].file), want[i].line,
                     want[i].warning ? "warning" : "rejected", zx_gen_file_name(b->is[i].file),
                     b->is[i].line, b->is[i].warning ? "warning" : "rejected");
    }
    if (n != b->nis)
        fail_msg("manifest lists %zu rows, validator found %zu", n, b->nis);
    free(want);
    return nk;
}

/* Procedural invariants over the accepted rows. */
static void check_invariants(struct bundle *b, int32_t to)
{
    long last_case = -1;
    int32_t last_date = 0;
    long refs = 0, norefs = 0;
    for (size_t i = 0; i < b->ne; i++) {
        const struct event *e = &b->e[i];
        const struct kase *k = &b->c[e->cas];
        /* dates ordered within a case (events of a case are contiguous), inside its life */
        if (e->cas == last_case)
            assert_true(e->date >= last_date);
        last_case = e->cas;
        last_date = e->date;
        assert_true(e->date >= k->accepted);
        assert_true(e->date <= (k->closed != ZX_DATE_NULL ? k->closed : to));
        const struct zx_event_type_info *ti = zx_event_type_info(e->type);
        if (e->ref >= 0) {
            /* a reference answers an earlier event of the right type, same case and person */
            const struct event *a = &b->e[e->ref];
            assert_true((size_t)e->ref < i);
            assert_true((ti->answers >> a->type) & 1);
            assert_int_equal(a->cas, e->cas);
            if (ti->level == 'P')
                assert_int_equal(a->person, e->person);
            assert_true(a->date <= e->date);
            refs++;
        } else if (ti->answers) {
            /* left for the importer to link: something to link to exists */
            int found = 0;
            for (size_t j = i; j-- > 0 && b->e[j].cas == e->cas;)
                if (((ti->answers >> b->e[j].type) & 1) &&
                    (ti->level != 'P' || b->e[j].person == e->person))
                    found = 1;
            assert_true(found);
            norefs++;
        }
        if (e->type == ZX_EV_JUDGMENT && e->result == ZX_R_GUILTY && e->amount >= 0)
            assert_true(e->amount >= 1 && e->amount <= 300);
        if (e->type == ZX_EV_RECOVERY || e->type == ZX_EV_JUDICIAL_AID)
            assert_true(e->amount > 0);
    }
    /* most answers carry their reference; a few percent leave it to the importer */
    if (refs + norefs > 200) {
        assert_true(norefs > 0);
        assert_true(norefs * 100 < (refs + norefs) * 8);
    }
    assert_true(b->idnum_checked > 0);
    assert_int_equal(b->idnum_ok, b->idnum_checked);
}

/* ---- calibration ---- */

struct calib {
    double no_arrest, non_pros, pretrial, plea, fixed, adopt;
    double line[5];
    double ratio2019, ratio2025;
    double unit_spread;
};

enum {
    F_ARREST = 1,
    F_NA = 2,
    F_IND = 4,
    F_NP = 8,
    F_PLEA = 16,
    F_PROP = 32,
    F_FIX = 64,
    F_OUT = 128,
    F_ADOPT = 256
};

static void calibrate(struct bundle *b, struct calib *out)
{
    unsigned *pf = calloc(b->np + 1, sizeof *pf);
    long *jian = calloc(b->nc + 1, sizeof *jian);
    long(*unit)[2] = calloc((size_t)b->unit_count + 1, sizeof *unit);
    assert_non_null(pf);
    for (size_t i = 0; i < b->ne; i++) {
        const struct event *e = &b->e[i];
        unsigned f = 0;
        switch (e->type) {
        case ZX_EV_ARREST:
            f = F_ARREST;
            break;
        case ZX_EV_NO_ARREST:
            f = F_NA;
            break;
        case ZX_EV_INDICT:
            f = F_IND;
            break;
        case ZX_EV_NON_PROSECUTION:
            f = F_NP;
            break;
        case ZX_EV_PLEA:
            f = F_PLEA;
            break;
        case ZX_EV_SENTENCING_PROPOSAL:
            f = F_PROP | (e->result == ZX_R_FIXED ? F_FIX : 0);
            break;
        case ZX_EV_PROPOSAL_OUTCOME:
            f = F_OUT | (e->result == ZX_R_ADOPTED ? F_ADOPT : 0);
            break;
        }
        if (f && e->person >= 0) {
            if ((f & (F_ARREST | F_NA)) && !(pf[e->person] & f))
                unit[b->c[e->cas].unit][f == F_NA]++;
            pf[e->person] |= f;
        }
        if (zx_event_type_info(e->type)->jian)
            jian[e->cas]++;
    }
    long n[16] = {0};
    for (size_t p = 0; p < b->np; p++) {
        unsigned f = pf[p];
        n[0] += !!(f & F_ARREST);
        n[1] += !!(f & F_NA);
        n[2] += !!(f & F_IND);
        n[3] += !!(f & F_NP);
        int concluded = !!(f & (F_IND | F_NP));
        n[4] += concluded;
        n[5] += concluded && (f & F_ARREST);
        n[6] += concluded && (f & F_PLEA);
        n[7] += !!(f & F_PROP);
        n[8] += !!(f & F_FIX);
        n[9] += !!(f & F_OUT);
        n[10] += !!(f & F_ADOPT);
    }
    out->no_arrest = (double)n[1] / (double)(n[0] + n[1]);
    out->non_pros = (double)n[3] / (double)(n[2] + n[3]);
    out->pretrial = (double)n[5] / (double)n[4];
    out->plea = (double)n[6] / (double)n[4];
    out->fixed = (double)n[8] / (double)n[7];
    out->adopt = (double)n[10] / (double)n[9];

    long lines[5] = {0}, y19[2] = {0}, y25[2] = {0};
    for (size_t c = 0; c < b->nc; c++) {
        const struct kase *k = &b->c[c];
        lines[k->line]++;
        if (k->line != 1 || k->closed == ZX_DATE_NULL)
            continue;
        int y, m, d;
        zx_date_to_ymd(k->closed, &y, &m, &d);
        long *acc = y == 2019 ? y19 : y == 2025 ? y25 : NULL;
        if (acc) {
            acc[0]++;
            acc[1] += jian[c];
        }
    }
    for (int l = 1; l <= 4; l++)
        out->line[l] = (double)lines[l] / (double)b->nc;
    out->ratio2019 = y19[0] ? (double)(y19[0] + y19[1]) / (double)y19[0] : 0;
    out->ratio2025 = y25[0] ? (double)(y25[0] + y25[1]) / (double)y25[0] : 0;
    double lo = 1, hi = 0;
    for (long u = 0; u < b->unit_count; u++) {
        long t = unit[u][0] + unit[u][1];
        if (t < 150)
            continue;
        double r = (double)unit[u][1] / (double)t;
        lo = r < lo ? r : lo;
        hi = r > hi ? r : hi;
    }
    out->unit_spread = hi > lo ? hi - lo : 0;
    free(pf);
    free(jian);
    free(unit);
}

#define NEAR(v, target, tol)                                                                       \
    do {                                                                                           \
        if ((v) < (target) - (tol) || (v) > (target) + (tol))                                      \
            fail_msg("%s = %.4f, expected %.3f ± %.3f", #v, (double)(v), (double)(target),         \
                     (double)(tol));                                                               \
    } while (0)

/* ---- tests ---- */

static void test_scale(void **state)
{
    (void)state;
    struct zx_err err;
    long long n = 0;
    assert_int_equal(zx_gen_parse_scale("tiny", &n, &err), 0);
    assert_int_equal(n, ZX_GEN_SCALE_TINY);
    assert_int_equal(zx_gen_parse_scale("demo", &n, &err), 0);
    assert_int_equal(n, ZX_GEN_SCALE_DEMO);
    assert_int_equal(zx_gen_parse_scale("large", &n, &err), 0);
    assert_int_equal(n, ZX_GEN_SCALE_LARGE);
    assert_int_equal(zx_gen_parse_scale("1234", &n, &err), 0);
    assert_int_equal(n, 1234);
    assert_int_equal(zx_gen_parse_scale("0", &n, &err), ZX_EINVAL);
    assert_int_equal(zx_gen_parse_scale("-5", &n, &err), ZX_EINVAL);
    assert_int_equal(zx_gen_parse_scale("12x", &n, &err), ZX_EINVAL);
    assert_int_equal(zx_gen_parse_scale("huge", &n, &err), ZX_EINVAL);
    assert_int_equal(zx_gen_parse_scale("", &n, &err), ZX_EINVAL);
}

static int same_file(const char *a, const char *b, const char *name)
{
    size_t la, lb;
    char *x = slurp(a, name, &la), *y = slurp(b, name, &lb);
    assert_non_null(x);
    assert_non_null(y);
    int same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static void test_determinism(void **state)
{
    (void)state;
    char *root = scratch();
    char *a = gen(root, "a", 7, ZX_GEN_SCALE_TINY, 0);
    char *b = gen(root, "b", 7, ZX_GEN_SCALE_TINY, 0);
    char *c = gen(root, "c", 8, ZX_GEN_SCALE_TINY, 0);
    for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++)
        if (f != ZX_GEN_DOCUMENTS && /* only with --documents: t500_similar checks it */
            !same_file(a, b, zx_gen_file_name(f)))
            fail_msg("%s differs between two runs with seed 7", zx_gen_file_name(f));
    assert_false(same_file(a, c, "events.csv"));
    assert_false(same_file(a, c, "persons.csv"));
    assert_false(same_file(a, c, "staff.csv"));
    assert_true(same_file(a, c, "units.csv")); /* the tree is the province's, not the seed's */
    rm_tree(root);
    free(a);
    free(b);
    free(c);
    free(root);
}

static void test_tiny_valid(void **state)
{
    (void)state;
    char *root = scratch();
    char kinds[32][32];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        char name[16];
        snprintf(name, sizeof name, "s%llu", (unsigned long long)seed);
        char *dir = gen(root, name, seed, ZX_GEN_SCALE_TINY, 0);
        struct bundle b;
        load(&b, dir);
        assert_int_equal(check_manifest(&b, dir, kinds, 32), 0);
        assert_int_equal(b.nc, ZX_GEN_SCALE_TINY);
        assert_true(b.ne > 5 * b.nc);
        assert_true(b.unit_count >= 40);
        check_invariants(&b, zx_date_from_ymd(2025, 12, 31));
        struct calib k;
        calibrate(&b, &k);
        NEAR(k.no_arrest, 0.34, 0.12);
        NEAR(k.non_pros, 0.20, 0.09);
        NEAR(k.plea, 0.88, 0.08);
        NEAR(k.fixed, 0.90, 0.09);
        NEAR(k.adopt, 0.95, 0.07);
        NEAR(k.line[1], 0.84, 0.07);
        unload(&b);
        free(dir);
    }
    rm_tree(root);
    free(root);
}

/* Drop the manifest's lines from each file of `bad`: what remains is the clean bundle. */
static void check_clean_equals(const char *clean, const char *bad)
{
    size_t ml;
    char *m = slurp(bad, "expected-issues.csv", &ml);
    for (int f = 0; f < ZX_GEN_MANIFEST; f++) {
        const char *name = zx_gen_file_name(f);
        size_t la, lb;
        char *a = slurp(clean, name, &la), *b = slurp(bad, name, &lb);
        char *out = malloc(lb + 1);
        size_t n = 0;
        long line = 1;
        for (char *p = b; p < b + lb; line++) {
            char *e = memchr(p, '\n', (size_t)(b + lb - p));
            e = e ? e + 1 : b + lb;
            char key[128];
            snprintf(key, sizeof key, "\n%s,%ld,", name, line);
            if (!strstr(m, key)) {
                memcpy(out + n, p, (size_t)(e - p));
                n += (size_t)(e - p);
            }
            p = e;
        }
        if (n != la || memcmp(out, a, la))
            fail_msg("%s: the good rows differ with planted rows", name);
        free(a);
        free(b);
        free(out);
    }
    free(m);
}

static void test_bad_rows(void **state)
{
    (void)state;
    char *root = scratch();
    char kinds[64][32];
    const long long nbad = 2 * 21 + 9;
    char *clean = gen(root, "clean", 3, ZX_GEN_SCALE_TINY, 0);
    char *dir = gen(root, "bad", 3, ZX_GEN_SCALE_TINY, nbad);
    struct bundle b;
    load(&b, dir);
    int nk = check_manifest(&b, dir, kinds, 64);
    long warnings = 0;
    for (size_t i = 0; i < b.nis; i++)
        warnings += b.is[i].warning;
    assert_int_equal(b.nis, nbad);
    assert_true(warnings >= 4);
    /* every kind of the brief, and rows in every file */
    static const char *const want[] = {"duplicate_id",   "impossible_date",      "not_a_date",
                                       "unknown_code",   "result_not_allowed",   "missing_person",
                                       "unknown_person", "person_of_other_case", "unknown_case",
                                       "unknown_unit",   "field_count",          "invalid_utf8",
                                       "bare_quote",     "required_empty",       "id_too_long",
                                       "bad_id_number",  "unknown_ref",          "not_a_number",
                                       "bad_flag",       "id_check_digit",       "id_15_digits"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int seen = 0;
        for (int k = 0; k < nk; k++)
            seen |= !strcmp(kinds[k], want[i]);
        if (!seen)
            fail_msg("no planted row of kind %s", want[i]);
    }
    int files[ZX_GEN_FILE_COUNT_] = {0};
    for (size_t i = 0; i < b.nis; i++)
        files[b.is[i].file] = 1;
    for (int f = 0; f < ZX_GEN_MANIFEST; f++)
        if (!files[f])
            fail_msg("no planted row in %s", zx_gen_file_name(f));
    check_invariants(&b, zx_date_from_ymd(2025, 12, 31));
    unload(&b);
    check_clean_equals(clean, dir);

    /* many more planted rows than kinds: every variant, and still an exact manifest */
    char *many = gen(root, "many", 5, 2000, 700);
    load(&b, many);
    check_manifest(&b, many, kinds, 64);
    assert_int_equal(b.nis, 700);
    unload(&b);
    free(many);
    free(clean);
    free(dir);
    rm_tree(root);
    free(root);
}

static void test_small_edges(void **state)
{
    (void)state;
    char *root = scratch();
    char kinds[64][32];
    static const long long sizes[][2] = {{1, 0}, {1, 1}, {2, 2}, {5, 5}, {25, 25}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char name[16];
        snprintf(name, sizeof name, "e%zu", i);
        char *dir = gen(root, name, 11, sizes[i][0], sizes[i][1]);
        struct bundle b;
        load(&b, dir);
        check_manifest(&b, dir, kinds, 64);
        assert_int_equal(b.nis, sizes[i][1]);
        unload(&b);
        free(dir);
    }
    rm_tree(root);
    free(root);
}

static int leftovers(const char *root)
{
    DIR *d = opendir(root);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d)))
        n += strstr(de->d_name, ".tmp-") || strstr(de->d_name, ".old-");
    closedir(d);
    return n;
}

static void test_output_folder(void **state)
{
    (void)state;
    char *root = scratch();
    char dir[4200], other[4200], file[4300];
    struct zx_gen_opts o;
    struct zx_err err;
    zx_gen_opts_init(&o);
    o.cases = 50;

    /* an empty folder is taken over */
    snprintf(dir, sizeof dir, "%s/out/", root);
    assert_int_equal(mkdir(dir, 0755), 0);
    assert_int_equal(zx_gen_bundle(dir, &o, NULL, &err), 0);
    snprintf(file, sizeof file, "%sunits.csv", dir);
    assert_int_equal(access(file, R_OK), 0);

    /* a bundle is not overwritten without force, and stays as it was */
    o.seed = 2;
    assert_int_equal(zx_gen_bundle(dir, &o, NULL, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "--force"));
    o.force = 1;
    assert_int_equal(zx_gen_bundle(dir, &o, NULL, &err), 0);

    /* a folder that is no bundle is never replaced, even with force */
    snprintf(other, sizeof other, "%s/notes", root);
    assert_int_equal(mkdir(other, 0755), 0);
    snprintf(file, sizeof file, "%s/keep.txt", other);
    FILE *f = fopen(file, "w");
    fputs("mine\n", f);
    fclose(f);
    assert_int_equal(zx_gen_bundle(other, &o, NULL, &err), ZX_EINVAL);
    assert_int_equal(access(file, R_OK), 0);

    /* a file in the way, and bad options */
    assert_int_equal(zx_gen_bundle(file, &o, NULL, &err), ZX_EINVAL);
    o.bad_rows = o.cases + 1;
    assert_int_equal(zx_gen_bundle(dir, &o, NULL, &err), ZX_EINVAL);
    o.bad_rows = 0;
    o.from = o.to + 1;
    assert_int_equal(zx_gen_bundle(dir, &o, NULL, &err), ZX_EINVAL);

    assert_int_equal(leftovers(root), 0);
    rm_tree(root);
    free(root);
}

static void test_demo_calibration(void **state)
{
    (void)state;
    char *root = scratch();
    char kinds[8][32];
    char *dir = gen(root, "demo", 1, ZX_GEN_SCALE_DEMO, 0);
    struct bundle b;
    load(&b, dir);
    assert_int_equal(check_manifest(&b, dir, kinds, 8), 0);
    check_invariants(&b, zx_date_from_ymd(2025, 12, 31));
    struct calib k;
    calibrate(&b, &k);
    print_message("demo: 不捕率 %.3f 不诉率 %.3f 诉前羁押率 %.3f 认罪认罚 %.3f 确定刑 %.3f "
                  "采纳率 %.3f 履职 %.1f:%.1f:%.1f:%.1f 案件比 2019 %.2f 2025 %.2f "
                  "unit spread %.2f\n",
                  k.no_arrest, k.non_pros, k.pretrial, k.plea, k.fixed, k.adopt, 100 * k.line[1],
                  100 * k.line[2], 100 * k.line[3], 100 * k.line[4], k.ratio2019, k.ratio2025,
                  k.unit_spread);
    NEAR(k.no_arrest, 0.34, 0.025);
    NEAR(k.non_pros, 0.20, 0.02);
    NEAR(k.pretrial, 0.35, 0.05);
    NEAR(k.plea, 0.88, 0.02);
    NEAR(k.fixed, 0.90, 0.02);
    NEAR(k.adopt, 0.95, 0.015);
    NEAR(k.line[1], 0.84, 0.015);
    NEAR(k.line[2], 0.07, 0.01);
    NEAR(k.line[3], 0.05, 0.01);
    NEAR(k.line[4], 0.04, 0.01);
    NEAR(k.ratio2019, 1.9, 0.15);
    NEAR(k.ratio2025, 1.2, 0.1);
    assert_true(k.unit_spread > 0.12); /* some units weak, some strong */
    unload(&b);
    free(dir);
    rm_tree(root);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_tiny_valid),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_small_edges),
        cmocka_unit_test(test_output_folder),
        cmocka_unit_test(test_demo_calibration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
