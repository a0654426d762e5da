/* similar.h — 类案检索 and 量刑参考 over the documents table (shared/spec/similar-cases.md).
 *
 * Similarity is computed from fact texts only: BM25 over the Chinese character bigrams of the
 * facts (runs of Han characters; digits, Latin letters, punctuation and the anonymising 某
 * break runs, so dates, plate numbers and 王某 carry no weight), with bigrams of a
 * legal-term dictionary (the stems of the 469 official charge names and common behaviour
 * phrases: 扒窃, 入户, 醉酒, 甲基苯丙胺 …) weighted up and bigrams ending in a place suffix
 * (市, 县, 镇, 村 …) weighted down; an amount with its unit (12000元, 0.5克, 195毫克) is a
 * term of its size class, so that among similar facts the similar amounts come first (the
 * sentencing reference follows them). A query document's full text, when it has one, adds its
 * bigrams at half weight. Charges and sentences play no part in the ranking; they only
 * filter (--charge) and feed the sentencing reference (§3).
 *
 * The index (term → postings) is a cache beside the database (`FILE.zxsim`, util/colcache
 * format, keyed by zx_store_data_key over the documents table): built after an import or on
 * first use, mapped by later processes. ZHIXIAO_SNAPSHOT=0 builds it in memory every time.
 *
 * Depends on store (store.h, documents.h), model (vocab), util; jansson for the JSON form. */
#ifndef ZX_SIMILAR_SIMILAR_H
#define ZX_SIMILAR_SIMILAR_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_SIMILAR_MAX_K     100 /* --k ceiling */
#define ZX_SIMILAR_MAX_TERMS 10  /* matched_terms per result */

struct zx_similar; /* opaque: the index */

/* Open the index of st's documents: map the cache when it is current, else build it (and
 * write the cache when the store has a cache path). Caller owns *out; free with
 * zx_similar_free(). The index stays valid for st's data as it was at open. */
int zx_similar_open(struct zx_store *st, struct zx_similar **out, struct zx_err *err) ZX_MUST_CHECK;

/* Make the cache current (after an import): rebuilds it when stale. No-op without a cache
 * path or when the store holds no documents and no cache exists. */
int zx_similar_refresh(struct zx_store *st, struct zx_err *err) ZX_MUST_CHECK;

void zx_similar_free(struct zx_similar *ix); /* NULL-safe */

/* Number of documents in the index. */
int64_t zx_similar_count(const struct zx_similar *ix);

/* A query. Exactly one of document_id and facts. Borrowed: valid during the search. */
struct zx_similar_query {
    const char *id;          /* the caller's query id (--queries), NULL otherwise */
    const char *document_id; /* query by a stored document (never returned itself) */
    const char *facts;       /* or by a fact text */
    const char *charge;      /* filter: results whose charges name it; NULL = none */
    const char *const *exclude;
    size_t nexclude;
    int k; /* 1..ZX_SIMILAR_MAX_K */
    /* scope (web): a document linked to a case is returned only when allow_case(ud, case
     * rid) is non-zero; documents without a case are always allowed. NULL = everything. */
    int (*allow_case)(void *ud, int64_t case_rid);
    void *allow_ud;
};

struct zx_similar_hit {
    char *document_id, *case_id, *charges, *facts; /* facts: for the side-by-side view */
    double score;
    int kind, sentence_kind;               /* vocabulary values (model/vocab.h) */
    int64_t term_months, probation_months; /* ZX_STORE_NULL_INT when empty */
    int nterms;
    char *terms[ZX_SIMILAR_MAX_TERMS]; /* matched_terms, best first */
};

struct zx_similar_result {
    char *query_id, *query_document_id, *query_charge; /* as asked (NULL when not) */
    char *query_facts; /* the query's fact text (for the side-by-side view) */
    struct zx_similar_hit *hits;
    int nhits;
    /* §3 sentencing reference: charge NULL when no result has one; quantiles valid when n>0 */
    char *charge;
    int n;
    double median, p25, p75;
};

/* Run q against ix (st supplies the documents' columns). ZX_EINVAL for a bad query,
 * ZX_ENOTFOUND when q->document_id is not stored. Caller owns *out; free with
 * zx_similar_result_free(). */
int zx_similar_search(struct zx_similar *ix, struct zx_store *st, const struct zx_similar_query *q,
                      struct zx_similar_result **out, struct zx_err *err) ZX_MUST_CHECK;

void zx_similar_result_free(struct zx_similar_result *r); /* NULL-safe */

/* The contract's JSON object for r (§2). Caller owns the result; json_decref(). */
json_t *zx_similar_result_json(const struct zx_similar_result *r);

/* ---- the pieces, exposed for tests ---- */

/* The terms of a UTF-8 text, in text order, into out (at most cap; returns how many there
 * are, which may exceed cap). A bigram packs two code points: (a << 21) | b. An amount with
 * its unit (12000元, 1.5万元, 0.52克, 195毫克, 毫升, 天) is ZX_SIMILAR_AMOUNT | unit << 8 |
 * ⌊2·log2(value + 1)⌋: amounts within a half octave meet. */
#define ZX_SIMILAR_AMOUNT (UINT64_C(1) << 62)
size_t zx_similar_tokens(const char *s, size_t n, uint64_t *out, size_t cap);

/* The weight of a term in the ranking: > 1 for legal-dictionary bigrams, < 1 for place
 * suffixes, else 1. */
double zx_similar_term_weight(uint64_t term);

/* §3 quantile of sorted v[0..n): h = (n−1)p, v[⌊h⌋] + (h−⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]). n > 0. */
double zx_similar_quantile(const double *v, int n, double p);

/* §3 charge choice: main[i] (NULL when result i has none) and score[i] of n results in rank
 * order. Returns the index of the result whose main charge is chosen, or -1 when none has
 * one: the largest sum of scores, a tie going to the charge of the higher-ranked result. */
int zx_similar_choose_charge(const char *const *main, const double *score, int n);

/* The main (first) charge of a ';'-separated list into buf, trimmed; "" when none. */
void zx_similar_main_charge(const char *charges, char *buf, size_t size);

#endif
