/* index.c — the bigram index of the documents' facts (similar.h) and its cache FILE.zxsim.
 *
 * Build: one pass over the documents (row-id order) gives each document's distinct terms
 * with their frequencies, numbered through a hash table; a counting pass then lays the
 * postings out term by term (terms ascending, documents ascending within a term), so that a
 * query reads one contiguous run per term. */
#include "similar/internal.h"
#include "store/documents.h"
#include "util/colcache.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define SIM_KIND    "similar"
#define SIM_VERSION 2u /* 2: amount terms */
#define SIM_SUFFIX  ".zxsim"
enum { NCOUNT = 3, NCOL = 7 };

int64_t zx_similar_count(const struct zx_similar *ix)
{
    return ix ? ix->ndocs : 0;
}

double zx_similar__idf(int64_t df, int64_t n)
{
    return log(1.0 + ((double)n - (double)df + 0.5) / ((double)df + 0.5));
}

int64_t zx_similar__find(const struct zx_similar *ix, uint64_t t)
{
    int64_t lo = 0, hi = ix->nterms;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (ix->term[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->nterms && ix->term[lo] == t ? lo : -1;
}

void zx_similar_free(struct zx_similar *ix)
{
    if (!ix)
        return;
    if (ix->map)
        munmap(ix->map, ix->map_len);
    for (int i = 0; i < NCOL; i++)
        free(ix->own[i]);
    free(ix->dnorm);
    free(ix);
}

/* ---- building ---- */

struct builder {
    /* term hash: key → term number */
    uint64_t *hkey;
    uint32_t *hval;
    size_t hcap, nterm;
    uint64_t *terms; /* term number → key */
    uint32_t *df;    /* term number → documents */
    size_t tcap, fcap;
    /* documents */
    int64_t *rid, *cas;
    int32_t *len;
    size_t ndoc, rcap, ccap, lcap;
    /* per document: (term number, tf) runs, document-major */
    uint32_t *dt;
    uint16_t *dtf;
    size_t ndt, dtcap, dtfcap;
    size_t *dstart; /* [ndoc + 1]: document d's runs are dt[dstart[d] .. dstart[d + 1]) */
    size_t scap;
    uint64_t *tok;
    size_t tokcap;
};

static int grow(void *pp, size_t *cap, size_t need, size_t size)
{
    void **p = pp;
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    void *np = realloc(*p, nc * size);
    if (!np)
        return -1;
    *p = np;
    *cap = nc;
    return 0;
}

static uint64_t mixh(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

static int rehash(struct builder *b, size_t ncap)
{
    uint64_t *k = calloc(ncap, sizeof *k);
    uint32_t *v = malloc(ncap * sizeof *v);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < b->hcap; i++)
        if (b->hkey[i]) {
            size_t j = mixh(b->hkey[i]) & (ncap - 1);
            while (k[j])
                j = (j + 1) & (ncap - 1);
            k[j] = b->hkey[i];
            v[j] = b->hval[i];
        }
    free(b->hkey);
    free(b->hval);
    b->hkey = k;
    b->hval = v;
    b->hcap = ncap;
    return 0;
}

/* The number of term t (never 0: two code points), new ones numbered as they come;
 * UINT32_MAX when out of memory. */
static uint32_t term_no(struct builder *b, uint64_t t)
{
    if ((b->nterm + 1) * 2 > b->hcap && rehash(b, b->hcap ? b->hcap * 2 : (size_t)1 << 16))
        return UINT32_MAX;
    size_t j = mixh(t) & (b->hcap - 1);
    while (b->hkey[j]) {
        if (b->hkey[j] == t)
            return b->hval[j];
        j = (j + 1) & (b->hcap - 1);
    }
    if (b->nterm >= UINT32_MAX - 1 || grow(&b->terms, &b->tcap, b->nterm + 1, sizeof *b->terms) ||
        grow(&b->df, &b->fcap, b->nterm + 1, sizeof *b->df))
        return UINT32_MAX;
    b->hkey[j] = t;
    b->hval[j] = (uint32_t)b->nterm;
    b->terms[b->nterm] = t;
    b->df[b->nterm] = 0;
    return (uint32_t)b->nterm++;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int add_doc(void *ud, int64_t rid, int64_t case_rid, const char *facts, size_t n)
{
    struct builder *b = ud;
    size_t nt = zx_similar_tokens(facts, n, NULL, 0);
    if (grow(&b->tok, &b->tokcap, nt + 1, sizeof *b->tok) ||
        grow(&b->rid, &b->rcap, b->ndoc + 1, sizeof *b->rid) ||
        grow(&b->cas, &b->ccap, b->ndoc + 1, sizeof *b->cas) ||
        grow(&b->len, &b->lcap, b->ndoc + 1, sizeof *b->len) ||
        grow(&b->dstart, &b->scap, b->ndoc + 2, sizeof *b->dstart) ||
        grow(&b->dt, &b->dtcap, b->ndt + nt + 1, sizeof *b->dt) ||
        grow(&b->dtf, &b->dtfcap, b->ndt + nt + 1, sizeof *b->dtf))
        return ZX_ENOMEM;
    zx_similar_tokens(facts, n, b->tok, nt);
    b->dstart[b->ndoc] = b->ndt;
    qsort(b->tok, nt, sizeof *b->tok, cmp_u64);
    for (size_t i = 0; i < nt;) {
        size_t j = i + 1;
        while (j < nt && b->tok[j] == b->tok[i])
            j++;
        uint32_t no = term_no(b, b->tok[i]);
        if (no == UINT32_MAX)
            return ZX_ENOMEM;
        b->df[no]++;
        b->dt[b->ndt] = no;
        b->dtf[b->ndt] = (uint16_t)(j - i > 65535 ? 65535 : j - i);
        b->ndt++;
        i = j;
    }
    b->rid[b->ndoc] = rid;
    b->cas[b->ndoc] = case_rid;
    b->len[b->ndoc] = (int32_t)(nt > INT32_MAX ? INT32_MAX : nt);
    b->ndoc++;
    b->dstart[b->ndoc] = b->ndt;
    return 0;
}

static void builder_free(struct builder *b)
{
    free(b->hkey);
    free(b->hval);
    free(b->terms);
    free(b->df);
    free(b->rid);
    free(b->cas);
    free(b->len);
    free(b->dt);
    free(b->dtf);
    free(b->dstart);
    free(b->tok);
}

struct term_order {
    uint64_t key;
    uint32_t no;
};

static int cmp_order(const void *a, const void *b)
{
    const struct term_order *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* The average length and each document's BM25 length norm (once, not per posting). */
static int set_avgdl(struct zx_similar *ix)
{
    double sum = 0;
    for (int64_t i = 0; i < ix->ndocs; i++)
        sum += ix->doc_len[i];
    ix->avgdl = ix->ndocs && sum > 0 ? sum / (double)ix->ndocs : 1.0;
    ix->dnorm = malloc(((size_t)ix->ndocs + 1) * sizeof *ix->dnorm);
    if (!ix->dnorm)
        return -1;
    for (int64_t i = 0; i < ix->ndocs; i++)
        ix->dnorm[i] = (float)(ZX_SIMILAR__K1 *
                               (1 - ZX_SIMILAR__B + ZX_SIMILAR__B * ix->doc_len[i] / ix->avgdl));
    return 0;
}

/* Build the index from the store. */
static int build(struct zx_store *st, struct zx_similar **out, struct zx_err *err)
{
    struct builder b;
    struct zx_similar *ix = NULL;
    struct term_order *ord = NULL;
    uint32_t *newno = NULL, *fill = NULL;
    int rc;
    memset(&b, 0, sizeof b);
    *out = NULL;
    rc = zx_store_docs_each(st, add_doc, &b, err);
    if (!rc && b.ndoc > UINT32_MAX - 1)
        rc = zx_err_set(err, ZX_ELIMIT, "too many documents for the similar-case index");
    if (rc) {
        if (rc == ZX_ENOMEM)
            zx_err_set(err, rc, "out of memory");
        goto cleanup;
    }
    if (b.ndt > UINT32_MAX) {
        rc = zx_err_set(err, ZX_ELIMIT, "too many postings for the similar-case index");
        goto cleanup;
    }
    ix = calloc(1, sizeof *ix);
    ord = malloc((b.nterm + 1) * sizeof *ord);
    newno = malloc((b.nterm + 1) * sizeof *newno);
    uint64_t *term = malloc((b.nterm + 1) * sizeof *term);
    uint32_t *off = malloc((b.nterm + 1) * sizeof *off);
    uint32_t *pdoc = malloc((b.ndt + 1) * sizeof *pdoc);
    uint16_t *ptf = malloc((b.ndt + 1) * sizeof *ptf);
    fill = malloc((b.nterm + 1) * sizeof *fill);
    if (ix) {
        ix->own[3] = term;
        ix->own[4] = off;
        ix->own[5] = pdoc;
        ix->own[6] = ptf;
    } else {
        free(term);
        free(off);
        free(pdoc);
        free(ptf);
    }
    if (!ix || !ord || !newno || !term || !off || !pdoc || !ptf || !fill) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < b.nterm; i++) {
        ord[i].key = b.terms[i];
        ord[i].no = (uint32_t)i;
    }
    qsort(ord, b.nterm, sizeof *ord, cmp_order);
    uint32_t at = 0;
    for (size_t i = 0; i < b.nterm; i++) {
        newno[ord[i].no] = (uint32_t)i;
        term[i] = ord[i].key;
        off[i] = at;
        fill[i] = at;
        at += b.df[ord[i].no];
    }
    off[b.nterm] = at;
    /* document-major runs → term-major postings, documents ascending within each term */
    for (size_t d = 0; d < b.ndoc; d++)
        for (size_t r = b.dstart[d]; r < b.dstart[d + 1]; r++) {
            uint32_t t = newno[b.dt[r]];
            pdoc[fill[t]] = (uint32_t)d;
            ptf[fill[t]] = b.dtf[r];
            fill[t]++;
        }
    ix->ndocs = (int64_t)b.ndoc;
    ix->nterms = (int64_t)b.nterm;
    ix->npost = (int64_t)b.ndt;
    ix->own[0] = b.rid;
    ix->own[1] = b.cas;
    ix->own[2] = b.len;
    b.rid = NULL;
    b.cas = NULL;
    b.len = NULL;
    ix->doc_rid = ix->own[0];
    ix->doc_case = ix->own[1];
    ix->doc_len = ix->own[2];
    ix->term = term;
    ix->off = off;
    ix->pdoc = pdoc;
    ix->ptf = ptf;
    if (set_avgdl(ix)) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    *out = ix;
    ix = NULL;
cleanup:
    zx_similar_free(ix);
    free(ord);
    free(newno);
    free(fill);
    builder_free(&b);
    return rc;
}

/* ---- the cache ---- */

static int cache_key(struct zx_store *st, char *key, size_t size)
{
    static const char *const tables[] = {"documents"};
    return zx_store_data_key(st, tables, 1, key, size, NULL);
}

static int write_cache(const char *path, const char *key, const struct zx_similar *ix)
{
    const int64_t n[NCOUNT] = {ix->ndocs, ix->nterms, ix->npost};
    const struct zx_colcache_col c[NCOL] = {
        {ix->doc_rid, (uint64_t)ix->ndocs * sizeof *ix->doc_rid},
        {ix->doc_case, (uint64_t)ix->ndocs * sizeof *ix->doc_case},
        {ix->doc_len, (uint64_t)ix->ndocs * sizeof *ix->doc_len},
        {ix->term, (uint64_t)ix->nterms * sizeof *ix->term},
        {ix->off, (uint64_t)(ix->nterms + 1) * sizeof *ix->off},
        {ix->pdoc, (uint64_t)ix->npost * sizeof *ix->pdoc},
        {ix->ptf, (uint64_t)ix->npost * sizeof *ix->ptf},
    };
    return zx_colcache_write(path, SIM_KIND, SIM_VERSION, key, n, NCOUNT, c, NCOL, NULL);
}

/* Map the cache when current and sound: 1 with *out set, else 0. Checksums and offsets are
 * checked here; the postings' document numbers where they are read (search.c). */
static int read_cache(const char *path, const char *key, struct zx_similar **out)
{
    struct zx_colcache cc;
    *out = NULL;
    if (!zx_colcache_open(path, SIM_KIND, SIM_VERSION, key, NCOL, NCOUNT, &cc))
        return 0;
    int64_t nd = cc.count[0], nt = cc.count[1], np = cc.count[2];
    struct zx_similar *ix = calloc(1, sizeof *ix);
    if (!ix || nd < 0 || nt < 0 || np < 0 || np > UINT32_MAX || nd > UINT32_MAX)
        goto bad;
    ix->doc_rid = zx_colcache_col(&cc, 0, (uint64_t)nd * sizeof(int64_t));
    ix->doc_case = zx_colcache_col(&cc, 1, (uint64_t)nd * sizeof(int64_t));
    ix->doc_len = zx_colcache_col(&cc, 2, (uint64_t)nd * sizeof(int32_t));
    ix->term = zx_colcache_col(&cc, 3, (uint64_t)nt * sizeof(uint64_t));
    ix->off = zx_colcache_col(&cc, 4, (uint64_t)(nt + 1) * sizeof(uint32_t));
    ix->pdoc = zx_colcache_col(&cc, 5, (uint64_t)np * sizeof(uint32_t));
    ix->ptf = zx_colcache_col(&cc, 6, (uint64_t)np * sizeof(uint16_t));
    if ((nd && (!ix->doc_rid || !ix->doc_case || !ix->doc_len)) || (nt && !ix->term) || !ix->off ||
        (np && (!ix->pdoc || !ix->ptf)))
        goto bad;
    if (ix->off[0] != 0 || ix->off[nt] != (uint64_t)np)
        goto bad;
    /* a damaged file is refused, not half-read: one checksum pass over every column */
    for (int i = 0; i < NCOL; i++)
        if (!zx_colcache_verify(&cc, i))
            goto bad;
    for (int64_t i = 0; i < nt; i++)
        if (ix->off[i] > ix->off[i + 1] || (i && ix->term[i - 1] >= ix->term[i]))
            goto bad;
    ix->ndocs = nd;
    ix->nterms = nt;
    ix->npost = np;
    ix->map = cc.map;
    ix->map_len = cc.map_len;
    if (set_avgdl(ix)) {
        ix->map = NULL;
        goto bad;
    }
    *out = ix;
    return 1;
bad:
    if (ix)
        free(ix->dnorm);
    free(ix);
    zx_colcache_close(&cc);
    return 0;
}

int zx_similar_open(struct zx_store *st, struct zx_similar **out, struct zx_err *err)
{
    char key[ZX_STORE_KEY_MAX];
    char *path = zx_store_cache_path(st, SIM_SUFFIX);
    int rc = ZX_OK, keyed = path && cache_key(st, key, sizeof key) == 0;
    *out = NULL;
    if (keyed && read_cache(path, key, out))
        goto cleanup;
    rc = build(st, out, err);
    if (!rc && keyed)
        (void)write_cache(path, key, *out); /* a cache that cannot be written is not an error */
cleanup:
    free(path);
    return rc;
}

int zx_similar_refresh(struct zx_store *st, struct zx_err *err)
{
    char key[ZX_STORE_KEY_MAX];
    struct zx_similar *ix = NULL;
    char *path = zx_store_cache_path(st, SIM_SUFFIX);
    int rc = ZX_OK;
    if (!path || cache_key(st, key, sizeof key) != 0)
        goto cleanup;
    if (read_cache(path, key, &ix))
        goto cleanup;
    if (zx_store_count(st, ZX_T_DOCUMENTS) <= 0) {
        remove(path); /* nothing to index: no stale file either */
        goto cleanup;
    }
    rc = build(st, &ix, err);
    if (!rc)
        (void)write_cache(path, key, ix);
cleanup:
    zx_similar_free(ix);
    free(path);
    return rc;
}
