/* collide.c — the dedupe/link driver: load, normalise, block, compare, fit, score, write.
 *
 * Threads work on contiguous ranges (rows, blocking groups, random-pair indices, pairs) and
 * their results are concatenated in range order or summed as integers, so nothing depends on
 * the thread count. */
#include "collide/internal.h"
#include "util/file.h"
#include "util/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_RULES   24
#define GROUP_CAP   20000 /* records sharing a key beyond this say nothing useful */
#define U_SAMPLES   1000000ull
#define U_SEED      0x5A48495841304Bull
#define TF_CLAMP    7.0 /* nats */
#define MAX_THREADS 16
#define RADIX_BITS  11 /* 2048 buckets: the scatter stays in cache */
#define RADIX_B     ((size_t)1 << RADIX_BITS)

enum tr { TR_FULL, TR_ID_A, TR_ID_B, TR_YEAR, TR_INIT, TR_PINYIN };

struct rule {
    int optional; /* a looser rule, kept only while the candidate pairs stay within budget */
    int set;      /* the two parts in either order (surname and given name swapped) */
    int nparts;
    int field[2];
    int tr[2];
};

struct table {
    size_t n, nleft; /* records; the first nleft come from the left (or only) file */
    size_t nf;
    struct zx_collide__val *v; /* n * nf, row-major */
    const char **id;           /* n: the --id values */
    uint32_t *idlen;
    char *arena;
    size_t alen, acap;
    float *tf; /* n * nf: share of records with this value (TF fields only) */
};

struct pair {
    uint32_t a, b;
    uint64_t pat; /* 4 bits per field: level + 1, 0 = missing */
};

struct ctx {
    const struct zx_collide_opts *o;
    struct table t;
    int nlev[ZX_COLLIDE_MAX_FIELDS];
    struct rule rules[MAX_RULES];
    int nrules;
    int nrules_all; /* candidate rules before the budget (rule_block entries) */
    int adding_optional;
    uint64_t *keys[MAX_RULES];
    uint64_t *rk; /* n * nrules: every rule's key of a record side by side (one cache line) */
    uint64_t *sorted[MAX_RULES]; /* record indices ordered by (key, index), with key != 0 */
    size_t nsorted[MAX_RULES];
    double u[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    double m[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    double h[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    double lm[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS]; /* log m, log h, log u */
    double lh[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    double lu[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    double lambda, eta; /* prior of a match, of a look-alike non-match (0 in the baseline) */
    int link;
    int fs, fg; /* surname and given-name fields (-1 when absent), compared crosswise too */
};

/* ---- threads: run fn over [0, n) split into contiguous ranges ---- */

typedef void (*range_fn)(struct ctx *c, size_t lo, size_t hi, int tid, void *arg);

struct job {
    struct ctx *c;
    range_fn fn;
    size_t lo, hi;
    int tid;
    void *arg;
};

static void *job_main(void *p)
{
    struct job *j = p;
    j->fn(j->c, j->lo, j->hi, j->tid, j->arg);
    return NULL;
}

/* bounds[0..nt] splits the work; bounds NULL = even split of n. */
static void run_ranges(struct ctx *c, int nt, size_t n, const size_t *bounds, range_fn fn,
                       void *arg)
{
    struct job jobs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (int t = 0; t < nt; t++) {
        jobs[t] = (struct job){c,
                               fn,
                               bounds ? bounds[t] : n * (size_t)t / (size_t)nt,
                               bounds ? bounds[t + 1] : n * (size_t)(t + 1) / (size_t)nt,
                               t,
                               arg};
        if (t > 0)
            started[t] = pthread_create(&th[t], NULL, job_main, &jobs[t]) == 0;
    }
    job_main(&jobs[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(th[t], NULL);
        else
            job_main(&jobs[t]); /* could not start a thread: do it here */
    }
}

/* ---- loading ---- */

/* Map the file read-only (no copy); an empty file maps nothing. */
static int read_file(const char *path, char **buf, size_t *len, struct zx_err *err)
{
    int fd = open(path, O_RDONLY);
    struct stat sb;
    if (fd < 0)
        return zx_err_set(err, ZX_EIO, "cannot read '%s': %s", path, strerror(errno));
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
        close(fd);
        return zx_err_set(err, ZX_EIO, "cannot read '%s': not a regular file", path);
    }
    *len = (size_t)sb.st_size;
    *buf = NULL;
    if (*len) {
        void *m = mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (m == MAP_FAILED) {
            close(fd);
            return zx_err_set(err, ZX_EIO, "cannot read '%s': %s", path, strerror(errno));
        }
        *buf = m;
    }
    close(fd);
    return ZX_OK;
}

static void trim(const char **p, size_t *n)
{
    while (*n && (**p == ' ' || **p == '\t')) {
        (*p)++;
        (*n)--;
    }
    while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
        (*n)--;
}

static int arena_put(struct table *t, const char *s, size_t n, size_t room, size_t *off)
{
    if (t->alen + n + room + 1 > t->acap) {
        size_t cap = t->acap ? t->acap * 2 : 1 << 20;
        while (cap < t->alen + n + room + 1)
            cap *= 2;
        char *a = realloc(t->arena, cap);
        if (!a)
            return ZX_ENOMEM;
        t->arena = a;
        t->acap = cap;
    }
    *off = t->alen;
    memcpy(t->arena + t->alen, s, n);
    t->arena[t->alen + n] = '\0';
    t->alen += n + room + 1;
    return ZX_OK;
}

static int grow_rows(struct table *t, size_t *cap, size_t need)
{
    if (need <= *cap)
        return ZX_OK;
    size_t nc = *cap ? *cap * 2 : 4096;
    while (nc < need)
        nc *= 2;
    struct zx_collide__val *v = realloc(t->v, nc * t->nf * sizeof *v);
    if (!v)
        return ZX_ENOMEM;
    t->v = v;
    const char **id = realloc(t->id, nc * sizeof *id);
    if (!id)
        return ZX_ENOMEM;
    t->id = id;
    uint32_t *il = realloc(t->idlen, nc * sizeof *il);
    if (!il)
        return ZX_ENOMEM;
    t->idlen = il;
    *cap = nc;
    return ZX_OK;
}

static int is_name_kind(enum zx_collide_kind k)
{
    return k == ZX_COLLIDE_NAME || k == ZX_COLLIDE_GIVEN_NAME || k == ZX_COLLIDE_SURNAME;
}

/* Append the rows of one file to t. p/offsets are stored as offsets until fix_pointers(). */
static int load_file(struct ctx *c, const char *path, size_t *cap, struct zx_err *err)
{
    const struct zx_collide_opts *o = c->o;
    struct table *t = &c->t;
    char *buf = NULL;
    size_t len = 0, first = t->n;
    struct zx_csv *csv = NULL;
    struct zx_csv_row row;
    int col[ZX_COLLIDE_MAX_FIELDS], idcol = -1, rc;
    size_t ncols = 0;

    if ((rc = read_file(path, &buf, &len, err)))
        return rc;
    csv = zx_csv_new(buf, len);
    if (!csv) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    int r = zx_csv_next(csv, &row);
    if (r <= 0 || row.bad) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: no header row", path);
        goto cleanup;
    }
    ncols = row.nfields;
    {
        /* room for every row up front: no copying while the arena grows */
        size_t rows = 1, need;
        for (const char *q = buf; (q = memchr(q, '\n', (size_t)(buf + len - q))); q++)
            rows++;
        if ((rc = grow_rows(t, cap, t->n + rows)))
            goto nomem;
        need = t->alen + len + rows * (o->nfields * 9 + 1) + 1;
        if (need > t->acap) {
            char *a = realloc(t->arena, need);
            if (!a)
                goto nomem;
            t->arena = a;
            t->acap = need;
        }
    }
    for (size_t f = 0; f < o->nfields; f++)
        col[f] = -1;
    for (size_t i = 0; i < row.nfields; i++) {
        const char *p = row.f[i].p;
        size_t n = row.f[i].len;
        trim(&p, &n);
        if (strlen(o->id_column) == n && !memcmp(o->id_column, p, n) && idcol < 0)
            idcol = (int)i;
        for (size_t f = 0; f < o->nfields; f++)
            if (col[f] < 0 && strlen(o->fields[f].column) == n &&
                !memcmp(o->fields[f].column, p, n))
                col[f] = (int)i;
    }
    if (idcol < 0) {
        rc = zx_err_set(err, ZX_EINVAL, "%s: no column '%s' (--id)", path, o->id_column);
        goto cleanup;
    }
    for (size_t f = 0; f < o->nfields; f++)
        if (col[f] < 0) {
            rc = zx_err_set(err, ZX_EINVAL, "%s: no column '%s' (--field)", path,
                            o->fields[f].column);
            goto cleanup;
        }
    while ((r = zx_csv_next(csv, &row)) == 1) {
        if (row.bad) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: line %ld, field %zu: %s", path, row.line,
                            row.bad_field, row.bad_reason);
            goto cleanup;
        }
        if (row.nfields != ncols) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: line %ld: %zu fields, the header has %zu", path,
                            row.line, row.nfields, ncols);
            goto cleanup;
        }
        if ((rc = grow_rows(t, cap, t->n + 1)))
            goto nomem;
        size_t off;
        const char *p = row.f[idcol].p;
        size_t n = row.f[idcol].len;
        trim(&p, &n);
        if (n == 0) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: line %ld: empty id", path, row.line);
            goto cleanup;
        }
        if ((rc = arena_put(t, p, n, 0, &off)))
            goto nomem;
        t->id[t->n] = (const char *)(uintptr_t)off;
        t->idlen[t->n] = (uint32_t)n;
        for (size_t f = 0; f < o->nfields; f++) {
            p = row.f[col[f]].p;
            n = row.f[col[f]].len;
            trim(&p, &n);
            if (n > 4000)
                n = 4000; /* longer values are compared on their first 4000 bytes */
            if ((rc = arena_put(t, p, n, 8, &off)))
                goto nomem;
            if (is_name_kind(o->fields[f].kind) && !o->baseline)
                zx_collide__pinyin_learn(p, n);
            struct zx_collide__val *v = &t->v[t->n * t->nf + f];
            v->p = (const char *)(uintptr_t)off;
            v->len = (uint32_t)n;
            v->aux = 0;
        }
        t->n++;
        if (t->n > 0xFFFFFFF0u) {
            rc = zx_err_set(err, ZX_ELIMIT, "%s: too many rows", path);
            goto cleanup;
        }
    }
    if (r < 0)
        goto nomem;
    rc = ZX_OK;
    (void)first;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory reading '%s'", path);
cleanup:
    zx_csv_free(csv);
    if (buf)
        munmap(buf, len);
    return rc;
}

static void fix_pointers(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        t->id[i] = t->arena + (uintptr_t)t->id[i];
        for (size_t f = 0; f < t->nf; f++) {
            struct zx_collide__val *v = &t->v[i * t->nf + f];
            v->p = t->arena + (uintptr_t)v->p;
        }
    }
}

static void normalise_range(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    (void)tid;
    (void)arg;
    for (size_t i = lo; i < hi; i++)
        for (size_t f = 0; f < c->t.nf; f++) {
            struct zx_collide__val *v = &c->t.v[i * c->t.nf + f];
            char *p = (char *)(uintptr_t)v->p; /* the slot has len + 8 bytes of room */
            v->len = (uint32_t)zx_collide__normalise(c->o->fields[f].kind, c->o->baseline, p,
                                                     v->len, p, &v->aux);
        }
}

/* Duplicate ids within one file: sort indices by (hash, index) and look at neighbours. */
static int radix_sort(uint64_t *key, uint32_t *idx, size_t n);

static int check_ids(const struct table *t, size_t lo, size_t hi, const char *path,
                     struct zx_err *err)
{
    size_t n = hi - lo;
    uint64_t *h = malloc((n ? n : 1) * sizeof *h);
    uint32_t *ix = malloc((n ? n : 1) * sizeof *ix);
    int rc = ZX_OK;
    if (!h || !ix) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = lo; i < hi; i++) {
        h[i - lo] = zx_collide__hash(t->id[i], t->idlen[i], 7);
        ix[i - lo] = (uint32_t)i;
    }
    if (radix_sort(h, ix, n)) { /* stable: equal hashes stay in row order */
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t k = 1; k < n && !rc; k++)
        for (size_t j = k; j-- > 0 && h[j] == h[k];) {
            uint32_t a = ix[j], b = ix[k];
            if (t->idlen[a] == t->idlen[b] && !memcmp(t->id[a], t->id[b], t->idlen[a])) {
                rc = zx_err_set(err, ZX_EINVAL, "%s: duplicate id '%.*s' (rows %zu and %zu)", path,
                                (int)t->idlen[a], t->id[a], (size_t)a - lo + 1, (size_t)b - lo + 1);
                break;
            }
        }
cleanup:
    free(h);
    free(ix);
    return rc;
}

/* ---- term frequencies ---- */

static int tf_kind(enum zx_collide_kind k)
{
    return k != ZX_COLLIDE_ID_NUMBER && k != ZX_COLLIDE_BIRTH_DATE && k != ZX_COLLIDE_PHONE;
}

/* Fill t->tf for TF fields and distinct[f] (distinct values / non-missing values). */
static int term_frequencies(struct ctx *c, double *distinct)
{
    struct table *t = &c->t;
    size_t cap = 16;
    while (cap < t->n * 2)
        cap *= 2;
    uint64_t *hk = malloc(cap * sizeof *hk);
    uint32_t *hc = malloc(cap * sizeof *hc);
    uint32_t *slot = malloc((t->n ? t->n : 1) * sizeof *slot);
    t->tf = malloc((t->n * t->nf > 0 ? t->n * t->nf : 1) * sizeof *t->tf);
    int rc = ZX_ENOMEM;
    if (!hk || !hc || !slot || !t->tf)
        goto cleanup;
    for (size_t f = 0; f < t->nf; f++) {
        enum zx_collide_kind k = c->o->fields[f].kind;
        if (k == ZX_COLLIDE_ID_NUMBER || k == ZX_COLLIDE_BIRTH_DATE) {
            distinct[f] = 1; /* neither weighted by frequency nor a free-text block */
            for (size_t i = 0; i < t->n; i++)
                t->tf[i * t->nf + f] = 0.0f;
            continue;
        }
        memset(hk, 0, cap * sizeof *hk);
        memset(hc, 0, cap * sizeof *hc);
        size_t nd = 0, nm = 0;
        for (size_t i = 0; i < t->n; i++) {
            const struct zx_collide__val *v = &t->v[i * t->nf + f];
            if (!v->len) {
                slot[i] = UINT32_MAX;
                continue;
            }
            nm++;
            uint64_t h = zx_collide__hash(v->p, v->len, 11);
            size_t s = h & (cap - 1);
            while (hk[s] && hk[s] != h)
                s = (s + 1) & (cap - 1);
            if (!hk[s]) {
                hk[s] = h;
                nd++;
            }
            hc[s]++;
            slot[i] = (uint32_t)s;
        }
        distinct[f] = nm ? (double)nd / (double)nm : 0;
        for (size_t i = 0; i < t->n; i++)
            t->tf[i * t->nf + f] =
                slot[i] == UINT32_MAX ? 0.0f : (float)((double)hc[slot[i]] / (double)nm);
    }
    rc = ZX_OK;
cleanup:
    free(hk);
    free(hc);
    free(slot);
    return rc;
}

/* ---- blocking ---- */

static uint64_t part_key(const struct ctx *c, size_t i, int f, int tr)
{
    const struct zx_collide__val *v = &c->t.v[i * c->t.nf + (size_t)f];
    if (!v->len)
        return 0;
    uint32_t cp[64];
    size_t n;
    switch (tr) {
    case TR_ID_A:
    case TR_ID_B:
        if (v->len == 18) {
            /* A: region and month-day; B: year, sequence and check. One changed digit
             * leaves one of them intact, and so do most swaps. */
            char k[10];
            if (tr == TR_ID_A) {
                memcpy(k, v->p, 6);
                memcpy(k + 6, v->p + 10, 4);
                return zx_collide__hash(k, 10, 21);
            }
            memcpy(k, v->p + 6, 4);
            memcpy(k + 4, v->p + 14, 4);
            return zx_collide__hash(k, 8, 22);
        }
        if (tr == TR_ID_A)
            return zx_collide__hash(v->p, v->len / 2, 100 + v->len);
        return zx_collide__hash(v->p + v->len / 2, v->len - v->len / 2, 200 + v->len);
    case TR_YEAR:
        if (v->aux > 0)
            return (uint64_t)(v->aux / 10000) * 2654435761u + 1;
        return zx_collide__hash(v->p, v->len < 4 ? v->len : 4, 3);
    case TR_INIT:
        n = zx_collide__utf8_decode(v->p, v->len, cp, 1);
        if (n && v->aux == 1 && is_name_kind(c->o->fields[f].kind) && zx_collide__pinyin_id(cp[0]))
            return zx_collide__pinyin_id(cp[0]) + 0x100000ull;
        return n ? cp[0] + 1 : 0;
    case TR_PINYIN:
        if (v->aux == 1 && is_name_kind(c->o->fields[f].kind) && !c->o->baseline) {
            n = zx_collide__utf8_decode(v->p, v->len, cp, 64);
            uint16_t ids[64];
            for (size_t k = 0; k < n; k++)
                ids[k] = zx_collide__pinyin_id(cp[k]) ? zx_collide__pinyin_id(cp[k])
                                                      : (uint16_t)(cp[k] | 0x8000);
            return zx_collide__hash(ids, n * sizeof ids[0], 5);
        }
        return zx_collide__hash(v->p, v->len, 5);
    default:
        return zx_collide__hash(v->p, v->len, 9);
    }
}

static void keys_range(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    (void)tid;
    int r = *(int *)arg;
    const struct rule *ru = &c->rules[r];
    for (size_t i = lo; i < hi; i++) {
        uint64_t h = 0x12345 + (uint64_t)r;
        for (int p = 0; p < ru->nparts; p++) {
            uint64_t k = part_key(c, i, ru->field[p], ru->tr[p]);
            if (!k) {
                h = 0;
                break;
            }
            if (ru->set) {
                h += k * 0x9E3779B97F4A7C15ull; /* order-free */
            } else {
                h = (h ^ k) * 0x9E3779B97F4A7C15ull;
                h ^= h >> 29;
            }
        }
        c->keys[r][i] = h;
    }
}

static void add_rule(struct ctx *c, int f1, int t1, int f2, int t2)
{
    if (c->nrules >= MAX_RULES || f1 < 0 || (f2 < 0 && t2 >= 0))
        return;
    for (int i = 0; i < c->nrules; i++) /* the same rule twice finds nothing new */
        if (c->rules[i].field[0] == f1 && c->rules[i].tr[0] == t1 && c->rules[i].field[1] == f2 &&
            c->rules[i].tr[1] == t2 && !c->rules[i].set)
            return;
    struct rule *r = &c->rules[c->nrules++];
    r->optional = c->adding_optional;
    r->set = 0;
    r->nparts = f2 >= 0 ? 2 : 1;
    r->field[0] = f1;
    r->tr[0] = t1;
    r->field[1] = f2;
    r->tr[1] = t2;
}

static int first_of(const struct zx_collide_opts *o, enum zx_collide_kind k)
{
    for (size_t f = 0; f < o->nfields; f++)
        if (o->fields[f].kind == k)
            return (int)f;
    return -1;
}

/* Rules chosen from the kinds present (and how distinctive free-text columns are). */
static void choose_rules(struct ctx *c, const double *distinct)
{
    const struct zx_collide_opts *o = c->o;
    int D = first_of(o, ZX_COLLIDE_BIRTH_DATE), N = first_of(o, ZX_COLLIDE_NAME);
    int S = first_of(o, ZX_COLLIDE_SURNAME), G = first_of(o, ZX_COLLIDE_GIVEN_NAME);
    int P = first_of(o, ZX_COLLIDE_POSTCODE);
    for (size_t f = 0; f < o->nfields; f++) {
        if (o->fields[f].kind == ZX_COLLIDE_ID_NUMBER) {
            add_rule(c, (int)f, TR_ID_A, -1, -1);
            add_rule(c, (int)f, TR_ID_B, -1, -1);
        } else if (o->fields[f].kind == ZX_COLLIDE_PHONE) {
            add_rule(c, (int)f, TR_FULL, -1, -1);
        }
    }
    if (D >= 0) {
        if (N >= 0) {
            add_rule(c, N, TR_INIT, D, TR_FULL);
            add_rule(c, N, TR_PINYIN, D, TR_YEAR);
        }
        if (S >= 0)
            add_rule(c, S, TR_INIT, D, TR_FULL);
        if (G >= 0)
            add_rule(c, G, TR_INIT, D, TR_FULL);
        if (N < 0 && S < 0 && G < 0)
            add_rule(c, D, TR_FULL, -1, -1);
    } else if (N >= 0) {
        add_rule(c, N, TR_PINYIN, -1, -1);
    }
    if (S >= 0 && G >= 0)
        add_rule(c, S, TR_PINYIN, G, TR_PINYIN);
    if (P >= 0) {
        int nm = N >= 0 ? N : S >= 0 ? S : G;
        if (nm >= 0)
            add_rule(c, P, TR_FULL, nm, TR_INIT);
        if (G >= 0 && nm != G)
            add_rule(c, P, TR_FULL, G, TR_INIT);
        if (nm < 0)
            add_rule(c, P, TR_FULL, -1, -1);
    }
    for (size_t f = 0; f < o->nfields; f++) {
        enum zx_collide_kind k = o->fields[f].kind;
        if ((k == ZX_COLLIDE_TEXT || k == ZX_COLLIDE_EXACT || k == ZX_COLLIDE_ADDRESS) &&
            distinct[f] >= 0.5)
            add_rule(c, (int)f, TR_FULL, -1, -1);
    }
    if (c->nrules == 0)
        for (size_t f = 0; f < o->nfields; f++)
            add_rule(c, (int)f, TR_FULL, -1, -1);
    /* looser rules, strictest first, for files small enough to afford them */
    c->adding_optional = 1;
    if (S >= 0 && G >= 0) {
        add_rule(c, S, TR_PINYIN, G, TR_PINYIN);
        c->rules[c->nrules - 1].set = 1;
    }
    if (D >= 0) {
        add_rule(c, D, TR_FULL, -1, -1);
        if (N >= 0)
            add_rule(c, N, TR_INIT, D, TR_YEAR);
        if (S >= 0)
            add_rule(c, S, TR_INIT, D, TR_YEAR);
        if (G >= 0)
            add_rule(c, G, TR_INIT, D, TR_YEAR);
    }
    if (N >= 0)
        add_rule(c, N, TR_PINYIN, -1, -1);
    if (S >= 0)
        add_rule(c, S, TR_PINYIN, -1, -1);
    if (G >= 0)
        add_rule(c, G, TR_PINYIN, -1, -1);
    if (P >= 0)
        add_rule(c, P, TR_FULL, -1, -1);
    for (size_t f = 0; f < o->nfields; f++) {
        enum zx_collide_kind k = o->fields[f].kind;
        if (k == ZX_COLLIDE_TEXT || k == ZX_COLLIDE_EXACT || k == ZX_COLLIDE_ADDRESS ||
            k == ZX_COLLIDE_PHONE) {
            int nm = N >= 0 ? N : S >= 0 ? S : G;
            if (distinct[f] >= 0.5 || nm < 0)
                add_rule(c, (int)f, TR_FULL, -1, -1);
            else
                add_rule(c, (int)f, TR_FULL, nm, TR_INIT);
        }
    }
    c->adding_optional = 0;
}

/* LSD radix sort of (key, index) by key, stable, so equal keys stay in index order. */
static int radix_sort(uint64_t *key, uint32_t *idx, size_t n)
{
    uint64_t *k2 = malloc((n ? n : 1) * sizeof *k2);
    uint32_t *i2 = malloc((n ? n : 1) * sizeof *i2);
    size_t *cnt = malloc(RADIX_B * sizeof *cnt);
    if (!k2 || !i2 || !cnt) {
        free(k2);
        free(i2);
        free(cnt);
        return ZX_ENOMEM;
    }
    for (int sh = 0; sh < 64; sh += RADIX_BITS) {
        memset(cnt, 0, RADIX_B * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(key[i] >> sh) & (RADIX_B - 1)]++;
        size_t s = 0;
        for (size_t b = 0; b < RADIX_B; b++) {
            size_t x = cnt[b];
            cnt[b] = s;
            s += x;
        }
        for (size_t i = 0; i < n; i++) {
            size_t d = cnt[(key[i] >> sh) & (RADIX_B - 1)]++;
            k2[d] = key[i];
            i2[d] = idx[i];
        }
        memcpy(key, k2, n * sizeof *key);
        memcpy(idx, i2, n * sizeof *idx);
    }
    free(k2);
    free(i2);
    free(cnt);
    return ZX_OK;
}

/* LSD radix sort of keys alone. */
static int radix_sort_keys(uint64_t *key, size_t n)
{
    uint64_t *k2 = malloc((n ? n : 1) * sizeof *k2);
    size_t *cnt = malloc(RADIX_B * sizeof *cnt);
    if (!k2 || !cnt) {
        free(k2);
        free(cnt);
        return ZX_ENOMEM;
    }
    for (int sh = 0; sh < 64; sh += RADIX_BITS) {
        memset(cnt, 0, RADIX_B * sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(key[i] >> sh) & (RADIX_B - 1)]++;
        if (cnt[(key[0] >> sh) & (RADIX_B - 1)] == n)
            continue; /* all equal in this digit */
        size_t s = 0;
        for (size_t b = 0; b < RADIX_B; b++) {
            size_t x = cnt[b];
            cnt[b] = s;
            s += x;
        }
        for (size_t i = 0; i < n; i++)
            k2[cnt[(key[i] >> sh) & (RADIX_B - 1)]++] = key[i];
        memcpy(key, k2, n * sizeof *key);
    }
    free(k2);
    free(cnt);
    return ZX_OK;
}

struct group {
    uint32_t rule;
    uint32_t len;
    size_t start; /* into sorted[rule] */
    double cost;
};

struct pairbuf {
    struct pair *p;
    size_t n, cap;
    int oom;
};

static void push_pair(struct pairbuf *b, uint32_t a, uint32_t bb, uint64_t pat)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 1 << 16;
        struct pair *p = realloc(b->p, nc * sizeof *p);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = nc;
    }
    b->p[b->n++] = (struct pair){a, bb, pat};
}

static uint64_t pattern_of(const struct ctx *c, size_t a, size_t b)
{
    uint64_t pat = 0;
    const struct zx_collide__val *va = &c->t.v[a * c->t.nf], *vb = &c->t.v[b * c->t.nf];
    int lev[ZX_COLLIDE_MAX_FIELDS] = {0};
    for (size_t f = 0; f < c->t.nf; f++) {
        lev[f] = -1;
        if (va[f].len && vb[f].len)
            lev[f] = zx_collide__level(c->o->fields[f].kind, c->o->baseline, &va[f], &vb[f]);
    }
    int s = c->fs, g = c->fg;
    if (s >= 0 && g >= 0 && !c->o->baseline && va[s].len && vb[s].len && va[g].len && vb[g].len &&
        lev[s] + lev[g] < 2 * (c->nlev[s] - 1)) {
        /* surname and given name written the other way round */
        int x = zx_collide__level(ZX_COLLIDE_SURNAME, 0, &va[s], &vb[g]);
        int y = zx_collide__level(ZX_COLLIDE_GIVEN_NAME, 0, &va[g], &vb[s]);
        if (x + y > lev[s] + lev[g]) {
            lev[s] = x;
            lev[g] = y;
        }
    }
    for (size_t f = 0; f < c->t.nf; f++)
        pat |= (uint64_t)(lev[f] + 1) << (4 * f);
    return pat;
}

struct gen_arg {
    const struct group *g;
    struct pairbuf *out; /* one per thread */
};

static void pairs_range(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    struct gen_arg *ga = arg;
    struct pairbuf *out = &ga->out[tid];
    for (size_t gi = lo; gi < hi && !out->oom; gi++) {
        const struct group *g = &ga->g[gi];
        const uint64_t *ix = c->sorted[g->rule] + g->start;
        int r = (int)g->rule;
        for (size_t i = 0; i < g->len; i++) {
            uint32_t a = (uint32_t)ix[i];
            if (c->link && a >= c->t.nleft)
                break;
            for (size_t j = i + 1; j < g->len; j++) {
                uint32_t b = (uint32_t)ix[j];
                if (c->link && b < c->t.nleft)
                    continue;
                int seen = 0;
                const uint64_t *ka = c->rk + (size_t)a * (size_t)c->nrules,
                               *kb = c->rk + (size_t)b * (size_t)c->nrules;
                for (int q = 0; q < r && !seen; q++)
                    seen = ka[q] && ka[q] == kb[q];
                if (!seen)
                    push_pair(out, a, b, pattern_of(c, a, b));
            }
        }
    }
}

/* ---- u from random pairs ---- */

struct u_arg {
    unsigned long long total; /* pairs in all (enumerated when small) */
    int enumerate;
    long long cnt[MAX_THREADS][ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS + 1];
};

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* Random pair number s: the first record in order (stratified), the second one at random. */
static size_t u_first(const struct ctx *c, const struct u_arg *ua, size_t s)
{
    size_t n = c->link ? c->t.nleft : c->t.n;
    return (size_t)((double)s * (double)n / (double)ua->total);
}

static size_t u_second(const struct ctx *c, size_t a, size_t s)
{
    uint64_t h = mix64(U_SEED ^ (uint64_t)s);
    size_t n = c->t.n, nl = c->t.nleft;
    if (c->link)
        return nl + (size_t)((h & 0xFFFFFFFFu) * (n - nl) >> 32);
    size_t b = (size_t)((h & 0xFFFFFFFFu) * (n - 1) >> 32);
    return b >= a ? b + 1 : b;
}

static inline void prefetch_slots(const struct ctx *c, uint32_t r)
{
    const struct zx_collide__val *v = &c->t.v[(size_t)r * c->t.nf];
    __builtin_prefetch(v);
    __builtin_prefetch((const char *)(v + c->t.nf) - 1);
}

static inline void prefetch_text(const struct ctx *c, uint32_t r)
{
    const struct zx_collide__val *v = &c->t.v[(size_t)r * c->t.nf];
    const char *p = v[0].p, *e = v[c->t.nf - 1].p + v[c->t.nf - 1].len;
    for (; p < e; p += 64)
        __builtin_prefetch(p);
    __builtin_prefetch(e);
}

static void u_range(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    struct u_arg *ua = arg;
    size_t n = c->t.n, nl = c->t.nleft, nr = n - nl;
    size_t a = 0, b = 0;
    if (ua->enumerate) { /* pair number lo → (a, b) */
        if (c->link) {
            a = lo / nr;
            b = nl + lo % nr;
        } else {
            size_t k = lo;
            a = 0;
            while (k >= n - 1 - a) {
                k -= n - 1 - a;
                a++;
            }
            b = a + 1 + k;
        }
    }
    for (size_t s = lo; s < hi; s++) {
        if (!ua->enumerate) {
            a = u_first(c, ua, s);
            b = u_second(c, a, s);
            /* the second record is anywhere: fetch the slots 16 samples ahead and the text
             * they point to 8 ahead (a cache miss each otherwise) */
            if (s + 16 < hi)
                prefetch_slots(c, (uint32_t)u_second(c, u_first(c, ua, s + 16), s + 16));
            if (s + 8 < hi)
                prefetch_text(c, (uint32_t)u_second(c, u_first(c, ua, s + 8), s + 8));
        }
        uint64_t pat = pattern_of(c, a, b);
        for (size_t f = 0; f < c->t.nf; f++)
            ua->cnt[tid][f][(pat >> (4 * f)) & 15]++;
        if (ua->enumerate) {
            if (c->link) {
                if (++b == n) {
                    a++;
                    b = nl;
                }
            } else if (++b == n) {
                a++;
                b = a + 1;
            }
        }
    }
}

/* ---- scoring ---- */

struct score_arg {
    const struct pair *p;
    double *prob;
};

static void score_range(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    (void)tid;
    struct score_arg *sa = arg;
    double et = fabs(c->eta);
    double bm = log(c->lambda), bh = et > 0 ? log(et) : -INFINITY;
    double bu = log(1 - c->lambda - et);
    for (size_t i = lo; i < hi; i++) {
        const struct pair *p = &sa->p[i];
        double sm = bm, sh = bh, su = bu;
        for (size_t f = 0; f < c->t.nf; f++) {
            int l = (int)((p->pat >> (4 * f)) & 15) - 1;
            if (l < 0)
                continue;
            sm += c->lm[f][l];
            sh += c->lh[f][l];
            su += c->lu[f][l];
            if (!c->o->baseline && l == c->nlev[f] - 1 && tf_kind(c->o->fields[f].kind)) {
                /* term frequency: among non-matches, agreeing on this value is as likely as
                 * the value is common, not as likely as agreeing on any value */
                double tf = c->t.tf[(size_t)p->a * c->t.nf + f];
                if (tf > 0) {
                    double adj = log(c->u[f][l] / tf);
                    su -= adj > TF_CLAMP ? TF_CLAMP : adj < -TF_CLAMP ? -TF_CLAMP : adj;
                }
            }
        }
        double mx = fmax(sm, fmax(sh, su));
        double em = exp(sm - mx), eh = exp(sh - mx), z = em + eh + exp(su - mx);
        sa->prob[i] = (c->eta < 0 ? em + eh : em) / z; /* eta < 0: h is a kind of match */
    }
}

/* ---- output ---- */

static uint32_t uf_find(uint32_t *par, uint32_t x)
{
    while (par[x] != x) {
        par[x] = par[par[x]];
        x = par[x];
    }
    return x;
}

/* ---- the run ---- */

/* ZX_COLLIDE_DEBUG=1: phase timings on stderr, wall and CPU of all threads (profiling aid) */
static void phase(const char *name)
{
    static struct timespec last, lastcpu;
    struct timespec now, cpu;
    if (!getenv("ZX_COLLIDE_DEBUG"))
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    if (last.tv_sec)
        fprintf(stderr, "  %-10s %.3f s wall %.3f s CPU\n", name,
                (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9,
                (double)(cpu.tv_sec - lastcpu.tv_sec) +
                    (double)(cpu.tv_nsec - lastcpu.tv_nsec) / 1e9);
    last = now;
    lastcpu = cpu;
}

static void free_ctx(struct ctx *c)
{
    free(c->t.v);
    free(c->t.id);
    free(c->t.idlen);
    free(c->t.arena);
    free(c->t.tf);
    free(c->rk);
    for (int r = 0; r < MAX_RULES; r++) {
        free(c->keys[r]);
        free(c->sorted[r]);
    }
}

/* One candidate rule's blocking: keys, record indices sorted by (key, index), groups. */
struct rule_block {
    uint64_t *keys, *sorted;
    size_t k;
    struct group *g;
    size_t ng;
    double cost; /* candidate pairs of its groups */
    int oom;
};

static int block_rule(struct ctx *c, int r, struct rule_block *x, uint32_t *tmpidx)
{
    size_t n = c->t.n, gcap = 0;
    x->keys = malloc((n ? n : 1) * sizeof(uint64_t));
    x->sorted = malloc((n ? n : 1) * sizeof(uint64_t));
    if (!x->keys || !x->sorted)
        return ZX_ENOMEM;
    c->keys[r] = x->keys; /* keys_range writes there */
    keys_range(c, 0, n, 0, &r);
    c->keys[r] = NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (x->keys[i]) {
            x->sorted[k] = x->keys[i];
            tmpidx[k++] = (uint32_t)i;
        }
    if (radix_sort(x->sorted, tmpidx, k))
        return ZX_ENOMEM;
    /* keep the group bounds by key, then store indices in place of keys */
    size_t g0 = 0;
    for (size_t i = 1; i <= k; i++) {
        if (i < k && x->sorted[i] == x->sorted[g0])
            continue;
        size_t len = i - g0;
        double cost;
        if (c->link) {
            size_t nlft = 0;
            for (size_t q = g0; q < i; q++)
                nlft += tmpidx[q] < c->t.nleft;
            cost = (double)nlft * (double)(len - nlft);
        } else {
            cost = (double)len * (double)(len - 1) / 2;
        }
        if (len >= 2 && len <= GROUP_CAP && cost > 0) {
            if (x->ng == gcap) {
                gcap = gcap ? gcap * 2 : 4096;
                struct group *ng = realloc(x->g, gcap * sizeof *ng);
                if (!ng)
                    return ZX_ENOMEM;
                x->g = ng;
            }
            x->g[x->ng++] = (struct group){(uint32_t)r, (uint32_t)len, g0, cost};
            x->cost += cost;
        }
        g0 = i;
    }
    for (size_t i = 0; i < k; i++)
        x->sorted[i] = tmpidx[i];
    x->k = k;
    return ZX_OK;
}

static void block_rules(struct ctx *c, size_t lo, size_t hi, int tid, void *arg)
{
    (void)tid;
    struct rule_block *rb = arg;
    uint32_t *tmpidx = malloc((c->t.n ? c->t.n : 1) * sizeof *tmpidx);
    for (size_t r = lo; r < hi; r++)
        if (!tmpidx || block_rule(c, (int)r, &rb[r], tmpidx))
            rb[r].oom = 1;
    free(tmpidx);
}

static int run(const char *left, const char *right, const char *out,
               const struct zx_collide_opts *o, struct zx_collide_stats *st, struct zx_err *err)
{
    struct ctx c;
    struct group *groups = NULL;
    struct pairbuf bufs[MAX_THREADS];
    struct pair *pairs = NULL;
    double *prob = NULL;
    uint64_t *pk = NULL, *pats = NULL;
    int8_t *pv = NULL;
    double *pc = NULL;
    uint32_t *par = NULL, *label = NULL;
    struct u_arg *ua = NULL;
    struct rule_block *rb = NULL;
    size_t cap = 0, npairs = 0, ngroups = 0;
    struct zx_file_out fo = {0};
    FILE *f = NULL; /* fo.f while writing */
    int rc;
    int nt = o->threads < 1 ? 1 : o->threads > MAX_THREADS ? MAX_THREADS : o->threads;
    double distinct[ZX_COLLIDE_MAX_FIELDS] = {0};

    memset(&c, 0, sizeof c);
    memset(bufs, 0, sizeof bufs);
    c.o = o;
    c.link = right != NULL;
    c.t.nf = o->nfields;
    if (o->nfields == 0 || o->nfields > ZX_COLLIDE_MAX_FIELDS) {
        rc = zx_err_set(err, ZX_EINVAL, "give 1 to %d --field options", ZX_COLLIDE_MAX_FIELDS);
        goto cleanup;
    }
    if (!(o->threshold >= 0 && o->threshold <= 1)) {
        rc = zx_err_set(err, ZX_EINVAL, "the threshold must lie in [0, 1]");
        goto cleanup;
    }
    for (size_t fi = 0; fi < o->nfields; fi++)
        c.nlev[fi] = zx_collide_nlevels(o->fields[fi].kind, o->baseline);
    c.fs = first_of(o, ZX_COLLIDE_SURNAME);
    c.fg = first_of(o, ZX_COLLIDE_GIVEN_NAME);

    phase("start");
    /* load and check */
    if ((rc = load_file(&c, left, &cap, err)))
        goto cleanup;
    c.t.nleft = c.t.n;
    if (right && (rc = load_file(&c, right, &cap, err)))
        goto cleanup;
    fix_pointers(&c.t);
    if ((rc = check_ids(&c.t, 0, c.t.nleft, left, err)) ||
        (right && (rc = check_ids(&c.t, c.t.nleft, c.t.n, right, err))))
        goto cleanup;
    if (st) {
        memset(st, 0, sizeof *st);
        st->records[0] = (long long)c.t.nleft;
        st->records[1] = (long long)(c.t.n - c.t.nleft);
    }
    phase("load");
    run_ranges(&c, nt, c.t.n, NULL, normalise_range, NULL);
    phase("normalise");
    if ((rc = term_frequencies(&c, distinct)))
        goto nomem;

    /* blocking: keys per rule, sorted, groups of equal keys */
    choose_rules(&c, distinct);
    /* every candidate rule keyed, sorted and grouped, the two threads taking rules in turn;
     * then, in rule order, the optional rules that would exceed the budget are dropped */
    size_t gcap = 0;
    int nall = c.nrules;
    c.nrules_all = nall;
    double used = 0, budget = 10.0 * (double)c.t.n + 100000;
    rb = calloc((size_t)(nall ? nall : 1), sizeof *rb);
    if (!rb)
        goto nomem;
    run_ranges(&c, nt < nall ? nt : nall > 0 ? nall : 1, (size_t)nall, NULL, block_rules, rb);
    c.nrules = 0;
    for (int ra = 0; ra < nall; ra++) {
        struct rule_block *x = &rb[ra];
        int r = c.nrules;
        if (x->oom)
            goto nomem;
        if (c.rules[ra].optional && used + x->cost > budget)
            continue; /* too loose for this file: freed with rb */
        used += x->cost;
        c.rules[r] = c.rules[ra];
        c.keys[r] = x->keys;
        c.sorted[r] = x->sorted;
        c.nsorted[r] = x->k;
        x->keys = NULL;
        x->sorted = NULL;
        if (ngroups + x->ng > gcap) {
            gcap = (ngroups + x->ng) * 2;
            struct group *ng = realloc(groups, gcap * sizeof *ng);
            if (!ng)
                goto nomem;
            groups = ng;
        }
        for (size_t g = 0; g < x->ng; g++) {
            groups[ngroups] = x->g[g];
            groups[ngroups++].rule = (uint32_t)r;
        }
        c.nrules++;
        if (getenv("ZX_COLLIDE_DEBUG"))
            fprintf(stderr, "  rule %d: %s:%d + %s:%d, %.0f pairs\n", r,
                    o->fields[c.rules[r].field[0]].column, c.rules[r].tr[0],
                    c.rules[r].nparts > 1 ? o->fields[c.rules[r].field[1]].column : "-",
                    c.rules[r].tr[1], x->cost);
    }

    c.rk = malloc((c.t.n ? c.t.n : 1) * (size_t)(c.nrules ? c.nrules : 1) * sizeof *c.rk);
    if (!c.rk)
        goto nomem;
    for (size_t i = 0; i < c.t.n; i++)
        for (int r = 0; r < c.nrules; r++)
            c.rk[i * (size_t)c.nrules + (size_t)r] = c.keys[r][i];
    phase("blocking");
    /* candidate pairs, compared: threads take contiguous runs of groups of equal cost */
    {
        double total = 0, acc = 0;
        for (size_t g = 0; g < ngroups; g++)
            total += groups[g].cost;
        size_t bounds[MAX_THREADS + 1];
        bounds[0] = 0;
        int t = 1;
        for (size_t g = 0; g < ngroups && t < nt; g++) {
            acc += groups[g].cost;
            while (t < nt && acc >= total * t / nt)
                bounds[t++] = g + 1;
        }
        while (t <= nt)
            bounds[t++] = ngroups;
        struct gen_arg ga = {groups, bufs};
        run_ranges(&c, nt, ngroups, bounds, pairs_range, &ga);
        for (int q = 0; q < nt; q++) {
            if (bufs[q].oom)
                goto nomem;
            npairs += bufs[q].n;
        }
        pairs = malloc((npairs ? npairs : 1) * sizeof *pairs);
        if (!pairs)
            goto nomem;
        size_t k = 0;
        for (int q = 0; q < nt; q++) {
            if (bufs[q].n)
                memcpy(pairs + k, bufs[q].p, bufs[q].n * sizeof *pairs);
            k += bufs[q].n;
            free(bufs[q].p);
            bufs[q].p = NULL;
        }
    }

    phase("pairs");
    /* u from random pairs (all pairs when there are few) */
    {
        size_t n = c.t.n, nl = c.t.nleft;
        double all = c.link ? (double)nl * (double)(n - nl) : (double)n * (double)(n - 1) / 2;
        ua = calloc(1, sizeof *ua);
        if (!ua)
            goto nomem;
        ua->enumerate = all <= (double)U_SAMPLES * 1.5;
        ua->total = ua->enumerate ? (unsigned long long)all : U_SAMPLES;
        if (ua->total)
            run_ranges(&c, nt, (size_t)ua->total, NULL, u_range, ua);
        for (size_t fi = 0; fi < c.t.nf; fi++) {
            double tot = 0, cnt[ZX_COLLIDE_MAX_LEVELS] = {0};
            for (int l = 0; l < c.nlev[fi]; l++) {
                for (int q = 0; q < nt; q++)
                    cnt[l] += (double)ua->cnt[q][fi][l + 1];
                tot += cnt[l];
            }
            for (int l = 0; l < c.nlev[fi]; l++)
                c.u[fi][l] = (cnt[l] + 0.5) / (tot + 0.5 * c.nlev[fi]);
        }

        phase("u");
        /* EM over the distinct comparison patterns */
        pk = malloc((npairs ? npairs : 1) * sizeof *pk);
        if (!pk)
            goto nomem;
        for (size_t i = 0; i < npairs; i++)
            pk[i] = pairs[i].pat;
        if (radix_sort_keys(pk, npairs))
            goto nomem;
        size_t npat = 0;
        for (size_t i = 0; i < npairs; i++)
            if (i == 0 || pk[i] != pk[i - 1])
                npat++;
        pv = malloc((npat ? npat : 1) * c.t.nf);
        pc = malloc((npat ? npat : 1) * sizeof *pc);
        if (!pv || !pc)
            goto nomem;
        size_t q = 0;
        for (size_t i = 0; i < npairs; i++) {
            if (i > 0 && pk[i] == pk[i - 1]) {
                pc[q - 1] += 1;
                continue;
            }
            for (size_t fi = 0; fi < c.t.nf; fi++)
                pv[q * c.t.nf + fi] = (int8_t)(((pk[i] >> (4 * fi)) & 15)) - 1;
            pc[q++] = 1;
        }
        int it;
        if (o->baseline) {
            it = zx_collide_em(npat, c.t.nf, pv, pc, c.nlev, all > 0 ? all : 1,
                               (const double(*)[ZX_COLLIDE_MAX_LEVELS])c.u, c.m, &c.lambda);
            c.eta = 0;
            for (size_t fi = 0; fi < c.t.nf; fi++)
                for (int l = 0; l < c.nlev[fi]; l++)
                    c.h[fi][l] = 1;
        } else {
            it = zx_collide__em3(npat, c.t.nf, pv, pc, c.nlev, all > 0 ? all : 1,
                                 (const double(*)[ZX_COLLIDE_MAX_LEVELS])c.u, c.m, c.h, &c.lambda,
                                 &c.eta);
        }
        for (size_t fi = 0; fi < c.t.nf; fi++)
            for (int l = 0; l < c.nlev[fi]; l++) {
                c.lm[fi][l] = log(c.m[fi][l]);
                c.lh[fi][l] = log(c.h[fi][l]);
                c.lu[fi][l] = log(c.u[fi][l]);
            }
        if (st) {
            st->em_iterations = it;
            st->prior = c.lambda;
            st->candidates = (long long)npairs;
            st->rules = c.nrules;
        }
        if (getenv("ZX_COLLIDE_DEBUG")) {
            fprintf(stderr, "eta %g, ", c.eta);
            fprintf(stderr, "lambda %g, %d iterations, %d rules\n", c.lambda, it, c.nrules);
            for (size_t fi = 0; fi < c.t.nf; fi++) {
                fprintf(stderr, "%-14s", o->fields[fi].column);
                for (int l = 0; l < c.nlev[fi]; l++)
                    fprintf(stderr, " [m %.4f h %.4f u %.2e]", c.m[fi][l], c.h[fi][l], c.u[fi][l]);
                fprintf(stderr, "\n");
            }
        }
    }

    phase("em");
    /* score */
    prob = malloc((npairs ? npairs : 1) * sizeof *prob);
    if (!prob)
        goto nomem;
    {
        struct score_arg sa = {pairs, prob};
        run_ranges(&c, nt, npairs, NULL, score_range, &sa);
    }

    if (getenv("ZX_COLLIDE_PAIRS")) { /* tuning aid: every candidate pair and its score */
        FILE *d = fopen(getenv("ZX_COLLIDE_PAIRS"), "w");
        for (size_t i = 0; d && i < npairs; i++)
            fprintf(d, "%.*s,%.*s,%.6f,%016llx\n", (int)c.t.idlen[pairs[i].a], c.t.id[pairs[i].a],
                    (int)c.t.idlen[pairs[i].b], c.t.id[pairs[i].b], prob[i],
                    (unsigned long long)pairs[i].pat);
        if (d)
            fclose(d);
    }
    phase("score");
    if ((rc = zx_file_out_open(&fo, out, 1, err)))
        goto cleanup;
    f = fo.f;
    long long nmatch = 0;
    if (!c.link) {
        par = malloc((c.t.n ? c.t.n : 1) * sizeof *par);
        label = calloc(c.t.n ? c.t.n : 1, sizeof *label);
        if (!par || !label)
            goto nomem;
        for (size_t i = 0; i < c.t.n; i++)
            par[i] = (uint32_t)i;
        for (size_t i = 0; i < npairs; i++)
            if (prob[i] >= o->threshold) {
                nmatch++;
                uint32_t x = uf_find(par, pairs[i].a), y = uf_find(par, pairs[i].b);
                if (x != y)
                    par[x > y ? x : y] = x < y ? x : y;
            }
        uint32_t next = 0;
        fputs("id,cluster\n", f);
        for (size_t i = 0; i < c.t.n; i++) {
            uint32_t r = uf_find(par, (uint32_t)i);
            if (!label[r])
                label[r] = ++next;
            zx_csv_put(f, c.t.id[i], c.t.idlen[i]);
            fprintf(f, ",%u\n", label[r]);
        }
        if (st)
            st->clusters = next;
    } else {
        /* pairs in (left row, right row) order */
        size_t k = 0;
        for (size_t i = 0; i < npairs; i++)
            if (prob[i] >= o->threshold) {
                pk[k] = (uint64_t)pairs[i].a << 32 | pairs[i].b;
                prob[k++] = prob[i];
            }
        uint32_t *ord = malloc((k ? k : 1) * sizeof *ord);
        uint64_t *kk = malloc((k ? k : 1) * sizeof *kk);
        if (!ord || !kk) {
            free(ord);
            free(kk);
            goto nomem;
        }
        for (size_t i = 0; i < k; i++) {
            ord[i] = (uint32_t)i;
            kk[i] = pk[i];
        }
        if (radix_sort(kk, ord, k)) {
            free(ord);
            free(kk);
            goto nomem;
        }
        fputs("left_id,right_id,probability\n", f);
        for (size_t i = 0; i < k; i++) {
            uint32_t a = (uint32_t)(kk[i] >> 32), b = (uint32_t)kk[i];
            zx_csv_put(f, c.t.id[a], c.t.idlen[a]);
            fputc(',', f);
            zx_csv_put(f, c.t.id[b], c.t.idlen[b]);
            fprintf(f, ",%.6f\n", prob[ord[i]]);
        }
        nmatch = (long long)k;
        free(ord);
        free(kk);
    }
    rc = zx_file_out_commit(&fo, err);
    f = NULL;
    phase("write");
    if (st)
        st->matches = nmatch;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_file_out_abort(&fo);
    for (int q = 0; q < MAX_THREADS; q++)
        free(bufs[q].p);
    free(groups);
    free(pairs);
    free(prob);
    free(pk);
    free(pats);
    free(pv);
    free(pc);
    free(par);
    free(label);
    free(ua);
    for (int r = 0; rb && r < MAX_RULES && r < c.nrules_all; r++) {
        free(rb[r].keys);
        free(rb[r].sorted);
        free(rb[r].g);
    }
    free(rb);
    free_ctx(&c);
    return rc;
}

int zx_collide_dedupe(const char *in_path, const char *out_path, const struct zx_collide_opts *o,
                      struct zx_collide_stats *st, struct zx_err *err)
{
    return run(in_path, NULL, out_path, o, st, err);
}

int zx_collide_link(const char *left_path, const char *right_path, const char *out_path,
                    const struct zx_collide_opts *o, struct zx_collide_stats *st,
                    struct zx_err *err)
{
    return run(left_path, right_path, out_path, o, st, err);
}

void zx_collide_opts_init(struct zx_collide_opts *o)
{
    memset(o, 0, sizeof *o);
    o->threshold = 0.5;
    o->threads = 2;
}

static const char *const kind_names[ZX_COLLIDE_KIND_COUNT_] = {
    "id_number", "name",  "given_name", "surname", "birth_date",
    "postcode",  "phone", "address",    "text",    "exact"};

int zx_collide_kind_parse(const char *s, enum zx_collide_kind *out)
{
    for (int k = 0; k < ZX_COLLIDE_KIND_COUNT_; k++)
        if (!strcmp(s, kind_names[k])) {
            *out = (enum zx_collide_kind)k;
            return ZX_OK;
        }
    return ZX_EINVAL;
}

const char *zx_collide_kind_name(enum zx_collide_kind k)
{
    return k < ZX_COLLIDE_KIND_COUNT_ ? kind_names[k] : "?";
}
