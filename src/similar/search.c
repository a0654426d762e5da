/* search.c — one similar-case query: BM25 over the index, exclusions and filters, matched
 * phrases, and the sentencing reference (similar-cases.md §2–§3). */
#include "similar/internal.h"
#include "model/vocab.h"
#include "store/documents.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* BM25 constants (the usual ones); K3 saturates repeated query terms */
#define K1 ZX_SIMILAR__K1
#define K3 1.5
/* a term in more than about three quarters of the documents says nothing (被告, 告人) */
#define MIN_IDF 0.3
/* candidates looked at beyond k (a candidate without a matched phrase is dropped) */
#define EXTRA      16
#define MAX_PHRASE 12 /* characters in one matched phrase */

/* ---- the pieces ---- */

double zx_similar_quantile(const double *v, int n, double p)
{
    double h = (double)(n - 1) * p;
    int f = (int)floor(h);
    if (f >= n - 1)
        return v[n - 1];
    return v[f] + (h - (double)f) * (v[f + 1] - v[f]);
}

int zx_similar_choose_charge(const char *const *main, const double *score, int n)
{
    int best = -1;
    double best_sum = 0;
    for (int i = 0; i < n; i++) {
        if (!main[i] || !*main[i])
            continue;
        int first = 1; /* only the charge's highest-ranked result sums it */
        for (int j = 0; j < i && first; j++)
            if (main[j] && !strcmp(main[j], main[i]))
                first = 0;
        if (!first)
            continue;
        double sum = 0;
        for (int j = i; j < n; j++)
            if (main[j] && !strcmp(main[j], main[i]))
                sum += score[j];
        /* strictly larger: a tie keeps the charge seen first, i.e. the higher-ranked one */
        if (best < 0 || sum > best_sum) {
            best = i;
            best_sum = sum;
        }
    }
    return best;
}

void zx_similar_main_charge(const char *charges, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!charges || !size)
        return;
    const char *p = charges, *e = strchr(p, ';');
    const char *z = e ? e : p + strlen(p);
    while (p < z && (*p == ' ' || *p == '\t'))
        p++;
    while (z > p && (z[-1] == ' ' || z[-1] == '\t'))
        z--;
    size_t n = (size_t)(z - p) < size - 1 ? (size_t)(z - p) : size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

/* ---- query terms ---- */

struct qterm {
    uint64_t t;
    double tf;
};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Distinct terms of facts (each occurrence 1) and text (each 0.5), sorted. */
static int query_terms(const char *facts, const char *text, struct qterm **out, size_t *nout)
{
    size_t nf = facts ? zx_similar_tokens(facts, strlen(facts), NULL, 0) : 0;
    size_t nt = text ? zx_similar_tokens(text, strlen(text), NULL, 0) : 0;
    uint64_t *tok = malloc((nf + nt + 1) * sizeof *tok);
    struct qterm *q = malloc((nf + nt + 1) * sizeof *q);
    size_t n = 0;
    if (!tok || !q) {
        free(tok);
        free(q);
        return ZX_ENOMEM;
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? text : facts;
        size_t c = pass ? nt : nf;
        if (!c)
            continue;
        zx_similar_tokens(s, strlen(s), tok, c);
        qsort(tok, c, sizeof *tok, cmp_u64);
        for (size_t i = 0; i < c;) {
            size_t j = i + 1;
            while (j < c && tok[j] == tok[i])
                j++;
            q[n].t = tok[i];
            q[n].tf = (double)(j - i) * (pass ? 0.5 : 1.0);
            n++;
            i = j;
        }
    }
    free(tok);
    /* merge the facts' and the text's entries of one term */
    qsort(q, n, sizeof *q, cmp_u64); /* t is the first member */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && q[m - 1].t == q[i].t)
            q[m - 1].tf += q[i].tf;
        else
            q[m++] = q[i];
    }
    *out = q;
    *nout = m;
    return ZX_OK;
}

static double term_idf(const struct zx_similar *ix, uint64_t t)
{
    int64_t i = zx_similar__find(ix, t);
    if (i < 0)
        return 0;
    return zx_similar__idf((int64_t)(ix->off[i + 1] - ix->off[i]), ix->ndocs);
}

/* ---- top candidates: a min-heap on (score, then the later document) ---- */

struct cand {
    float s;
    uint32_t d;
};

static int worse(struct cand a, struct cand b)
{
    return a.s < b.s || (a.s == b.s && a.d > b.d);
}

static void heap_push(struct cand *h, size_t *n, size_t cap, struct cand c)
{
    if (*n == cap) {
        if (!worse(h[0], c))
            return;
        h[0] = c; /* replace the worst and sift down */
        size_t i = 0;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, m = i;
            if (l < *n && worse(h[l], h[m]))
                m = l;
            if (r < *n && worse(h[r], h[m]))
                m = r;
            if (m == i)
                break;
            struct cand t = h[i];
            h[i] = h[m];
            h[m] = t;
            i = m;
        }
        return;
    }
    size_t i = (*n)++;
    h[i] = c;
    while (i && worse(h[i], h[(i - 1) / 2])) {
        struct cand t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    return worse(*x, *y) ? 1 : worse(*y, *x) ? -1 : 0;
}

/* ---- matched phrases ---- */

struct phrase {
    size_t at, len; /* bytes in the query facts */
    double score;
};

static int cmp_phrase(const void *a, const void *b)
{
    const struct phrase *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

static int has_bigram(const uint64_t *set, size_t n, uint64_t t)
{
    return bsearch(&t, set, n, sizeof *set, cmp_u64) != NULL;
}

/* The phrases of qf that are also in df, best first, into hit->terms. Returns the number
 * found (0: the candidate shares no phrase), or -1 when out of memory. */
static int match_terms(const struct zx_similar *ix, const char *qf, const char *df,
                       struct zx_similar_hit *hit)
{
    size_t qn = strlen(qf), dn = strlen(df);
    size_t nd = zx_similar_tokens(df, dn, NULL, 0);
    uint64_t *set = malloc((nd + 1) * sizeof *set);
    /* the query's characters: code point and byte offset (one more for the end) */
    uint32_t *cp = malloc((qn + 1) * sizeof *cp);
    size_t *at = malloc((qn + 2) * sizeof *at);
    struct phrase *ph = malloc((qn / 2 + 2) * sizeof *ph);
    size_t nc = 0, nph = 0;
    int found = -1;
    if (!set || !cp || !at || !ph)
        goto cleanup;
    zx_similar_tokens(df, dn, set, nd);
    qsort(set, nd, sizeof *set, cmp_u64);
    for (size_t i = 0; i < qn;) {
        at[nc] = i;
        cp[nc] = zx_similar__next_cp(qf, qn, &i);
        nc++;
    }
    at[nc] = qn;
    for (size_t i = 0; i + 1 < nc;) {
        size_t j = i; /* the phrase is characters i..j */
        while (j + 1 < nc && j - i + 1 < MAX_PHRASE && zx_similar__is_term_char(cp[j]) &&
               zx_similar__is_term_char(cp[j + 1]) &&
               has_bigram(set, nd, ((uint64_t)cp[j] << 21) | cp[j + 1]) &&
               memmem(df, dn, qf + at[i], at[j + 2] - at[i]))
            j++;
        if (j == i) {
            i++;
            continue;
        }
        double sc = 0;
        for (size_t m = i; m < j; m++) {
            uint64_t t = ((uint64_t)cp[m] << 21) | cp[m + 1];
            double idf = term_idf(ix, t);
            if (idf >= MIN_IDF)
                sc += idf * zx_similar_term_weight(t);
        }
        ph[nph].at = at[i];
        ph[nph].len = at[j + 1] - at[i];
        ph[nph].score = sc;
        nph++;
        i = j; /* the last character may start the next phrase */
    }
    qsort(ph, nph, sizeof *ph, cmp_phrase);
    hit->nterms = 0;
    for (size_t i = 0; i < nph && hit->nterms < ZX_SIMILAR_MAX_TERMS; i++) {
        if (ph[i].score <= 0 && hit->nterms > 0)
            break;
        int dup = 0; /* the same phrase again, or inside one already taken */
        for (int k = 0; k < hit->nterms && !dup; k++)
            dup = memmem(hit->terms[k], strlen(hit->terms[k]), qf + ph[i].at, ph[i].len) != NULL;
        if (dup)
            continue;
        char *s = malloc(ph[i].len + 1);
        if (!s)
            goto cleanup;
        memcpy(s, qf + ph[i].at, ph[i].len);
        s[ph[i].len] = '\0';
        hit->terms[hit->nterms++] = s;
    }
    found = hit->nterms;
cleanup:
    free(set);
    free(cp);
    free(at);
    free(ph);
    return found;
}

/* ---- the search ---- */

static char *dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        *oom = 1;
    return p;
}

static int64_t doc_index(const struct zx_similar *ix, int64_t rid)
{
    int64_t lo = 0, hi = ix->ndocs;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (ix->doc_rid[mid] < rid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ix->ndocs && ix->doc_rid[lo] == rid ? lo : -1;
}

static void hit_clear(struct zx_similar_hit *h)
{
    free(h->document_id);
    free(h->case_id);
    free(h->charges);
    free(h->facts);
    for (int i = 0; i < h->nterms; i++)
        free(h->terms[i]);
    memset(h, 0, sizeof *h);
}

void zx_similar_result_free(struct zx_similar_result *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nhits; i++)
        hit_clear(&r->hits[i]);
    free(r->hits);
    free(r->query_id);
    free(r->query_document_id);
    free(r->query_charge);
    free(r->query_facts);
    free(r->charge);
    free(r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* RULE: similar-cases-3 — the sentencing reference of the results */
static int sentencing(struct zx_similar_result *r, const char *charge)
{
    const char **main = calloc((size_t)r->nhits + 1, sizeof *main);
    char(*buf)[256] = calloc((size_t)r->nhits + 1, sizeof *buf);
    double *score = calloc((size_t)r->nhits + 1, sizeof *score);
    double *v = calloc((size_t)r->nhits + 1, sizeof *v);
    int rc = ZX_ENOMEM, oom = 0;
    if (!main || !buf || !score || !v)
        goto cleanup;
    for (int i = 0; i < r->nhits; i++) {
        zx_similar_main_charge(r->hits[i].charges, buf[i], sizeof buf[i]);
        main[i] = buf[i][0] ? buf[i] : NULL;
        score[i] = r->hits[i].score;
    }
    if (charge) {
        r->charge = dup_or_null(charge, &oom);
    } else {
        int c = zx_similar_choose_charge(main, score, r->nhits);
        r->charge = c >= 0 ? dup_or_null(main[c], &oom) : NULL;
    }
    if (oom)
        goto cleanup;
    r->n = 0;
    for (int i = 0; r->charge && i < r->nhits; i++) {
        const struct zx_similar_hit *h = &r->hits[i];
        if (main[i] && !strcmp(main[i], r->charge) && h->term_months != ZX_STORE_NULL_INT &&
            (h->sentence_kind == zx_vocab_find(ZX_V_DOC_SENTENCE_KIND, "fixed", 5) ||
             h->sentence_kind == zx_vocab_find(ZX_V_DOC_SENTENCE_KIND, "criminal_detention", 18)))
            v[r->n++] = (double)h->term_months;
    }
    if (r->n) {
        qsort(v, (size_t)r->n, sizeof *v, cmp_double);
        r->median = zx_similar_quantile(v, r->n, 0.5);
        r->p25 = zx_similar_quantile(v, r->n, 0.25);
        r->p75 = zx_similar_quantile(v, r->n, 0.75);
    }
    rc = ZX_OK;
cleanup:
    free(main);
    free(buf);
    free(score);
    free(v);
    return rc;
}

int zx_similar_search(struct zx_similar *ix, struct zx_store *st, const struct zx_similar_query *q,
                      struct zx_similar_result **out, struct zx_err *err)
{
    struct zx_similar_result *r = NULL;
    struct zx_store_doc qd = {0}, dd = {0};
    struct qterm *qt = NULL;
    float *acc = NULL;
    uint8_t *mask = NULL; /* 1: never return (query, excluded, filtered out) */
    int64_t *crids = NULL;
    struct cand *heap = NULL;
    size_t nqt = 0, ncr = 0, nheap = 0;
    int rc = ZX_OK, oom = 0, found;
    const char *qfacts, *qtext = NULL;

    *out = NULL;
    if ((!q->document_id) == (!q->facts))
        return zx_err_set(err, ZX_EINVAL, "give exactly one of a document id and a fact text");
    if (q->k < 1 || q->k > ZX_SIMILAR_MAX_K)
        return zx_err_set(err, ZX_EINVAL, "k must be 1 to %d", ZX_SIMILAR_MAX_K);
    if (q->document_id) {
        rc = zx_store_doc_get(st, q->document_id, 0, 1, &qd, &found, err);
        if (rc)
            return rc;
        if (!found)
            return zx_err_set(err, ZX_ENOTFOUND, "no document '%s'", q->document_id);
        qfacts = qd.facts ? qd.facts : "";
        qtext = qd.text;
    } else {
        qfacts = q->facts;
    }
    r = calloc(1, sizeof *r);
    acc = calloc((size_t)ix->ndocs + 1, sizeof *acc);
    mask = calloc((size_t)ix->ndocs + 1, 1);
    heap = malloc(((size_t)q->k + EXTRA) * sizeof *heap);
    if (!r || !acc || !mask || !heap) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    r->query_id = dup_or_null(q->id, &oom);
    r->query_document_id = dup_or_null(q->document_id, &oom);
    r->query_charge = dup_or_null(q->charge, &oom);
    r->query_facts = dup_or_null(qfacts, &oom);
    if (oom || query_terms(qfacts, qtext, &qt, &nqt)) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }

    /* who may not come back */
    if (q->document_id) {
        int64_t d = doc_index(ix, qd.rid);
        if (d >= 0)
            mask[d] = 1;
    }
    for (size_t i = 0; i < q->nexclude; i++) {
        rc = zx_store_doc_get(st, q->exclude[i], 0, 0, &dd, &found, err);
        if (rc)
            goto cleanup;
        if (found) {
            int64_t d = doc_index(ix, dd.rid);
            if (d >= 0)
                mask[d] = 1;
        }
        zx_store_doc_clear(&dd);
    }
    if (q->charge) {
        rc = zx_store_docs_with_charge(st, q->charge, &crids, &ncr, err);
        if (rc)
            goto cleanup;
        uint8_t *keep = calloc((size_t)ix->ndocs + 1, 1);
        if (!keep) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (size_t i = 0; i < ncr; i++) {
            int64_t d = doc_index(ix, crids[i]);
            if (d >= 0)
                keep[d] = 1;
        }
        for (int64_t d = 0; d < ix->ndocs; d++)
            mask[d] |= !keep[d];
        free(keep);
    }

    /* BM25 */
    for (size_t i = 0; i < nqt; i++) {
        int64_t t = zx_similar__find(ix, qt[i].t);
        if (t < 0)
            continue;
        double idf = zx_similar__idf((int64_t)(ix->off[t + 1] - ix->off[t]), ix->ndocs);
        if (idf < MIN_IDF)
            continue;
        double w = idf * zx_similar_term_weight(qt[i].t) * qt[i].tf * (K3 + 1) / (qt[i].tf + K3);
        float wf = (float)(w * (K1 + 1));
        for (uint32_t p = ix->off[t]; p < ix->off[t + 1]; p++) {
            uint32_t d = ix->pdoc[p];
            if (d >= (uint64_t)ix->ndocs)
                continue; /* a damaged cache cannot write out of bounds */
            float tf = ix->ptf[p];
            acc[d] += wf * tf / (tf + ix->dnorm[d]);
        }
    }
    size_t cap = (size_t)q->k + EXTRA;
    for (int64_t d = 0; d < ix->ndocs; d++) {
        if (acc[d] <= 0 || mask[d])
            continue;
        if (q->allow_case && ix->doc_case[d] && !q->allow_case(q->allow_ud, ix->doc_case[d]))
            continue;
        heap_push(heap, &nheap, cap, (struct cand){acc[d], (uint32_t)d});
    }
    qsort(heap, nheap, sizeof *heap, cmp_cand);

    r->hits = calloc((size_t)q->k + 1, sizeof *r->hits);
    if (!r->hits) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < nheap && r->nhits < q->k; i++) {
        rc = zx_store_doc_get(st, NULL, ix->doc_rid[heap[i].d], 0, &dd, &found, err);
        if (rc)
            goto cleanup;
        if (!found)
            continue; /* gone since the index was opened */
        struct zx_similar_hit *h = &r->hits[r->nhits];
        int m = match_terms(ix, qfacts, dd.facts ? dd.facts : "", h);
        if (m < 0) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        if (m == 0) {
            zx_store_doc_clear(&dd);
            continue;
        }
        h->score = heap[i].s;
        h->document_id = dd.document_id;
        h->case_id = dd.case_id;
        h->charges = dd.charges;
        h->facts = dd.facts;
        dd.document_id = dd.case_id = dd.charges = dd.facts = NULL;
        h->kind = dd.kind;
        h->sentence_kind = dd.sentence_kind;
        h->term_months = dd.term_months;
        h->probation_months = dd.probation_months;
        r->nhits++;
        zx_store_doc_clear(&dd);
    }
    if (sentencing(r, q->charge)) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    *out = r;
    r = NULL;
cleanup:
    zx_similar_result_free(r);
    zx_store_doc_clear(&qd);
    zx_store_doc_clear(&dd);
    free(qt);
    free(acc);
    free(mask);
    free(crids);
    free(heap);
    return rc;
}

/* ---- JSON ---- */

static json_t *num(double v)
{
    return v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v) : json_real(v);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *zx_similar_result_json(const struct zx_similar_result *r)
{
    json_t *res = json_array();
    for (int i = 0; i < r->nhits; i++) {
        const struct zx_similar_hit *h = &r->hits[i];
        json_t *ch = json_array(), *terms = json_array();
        for (const char *p = h->charges; p && *p;) {
            char b[256];
            zx_similar_main_charge(p, b, sizeof b);
            if (b[0])
                json_array_append_new(ch, json_string(b));
            const char *e = strchr(p, ';');
            p = e ? e + 1 : NULL;
        }
        for (int k = 0; k < h->nterms; k++)
            json_array_append_new(terms, json_string(h->terms[k]));
        const char *sk = zx_vocab_code(ZX_V_DOC_SENTENCE_KIND, h->sentence_kind);
        /* three decimals: rounding keeps the order, so scores still do not increase */
        json_array_append_new(res,
                              json_pack("{s:s,s:o,s:o,s:o,s:o,s:o}", "document_id", h->document_id,
                                        "score", num(round(h->score * 1000) / 1000), "charges", ch,
                                        "sentence_kind", str_or_null(sk), "term_months",
                                        h->term_months == ZX_STORE_NULL_INT
                                            ? json_null()
                                            : json_integer((json_int_t)h->term_months),
                                        "matched_terms", terms));
    }
    json_t *sent =
        json_pack("{s:o,s:i,s:o,s:o,s:o}", "charge", str_or_null(r->charge), "n", r->n,
                  "term_months_median", r->n ? num(r->median) : json_null(), "p25",
                  r->n ? num(r->p25) : json_null(), "p75", r->n ? num(r->p75) : json_null());
    json_t *query =
        json_pack("{s:o,s:o,s:o}", "id", str_or_null(r->query_id), "document_id",
                  str_or_null(r->query_document_id), "charge", str_or_null(r->query_charge));
    return json_pack("{s:o,s:o,s:o}", "query", query, "results", res, "sentencing", sent);
}
