/* route_similar.c — POST /api/v1/similar: 类案检索 and 量刑参考 (similar-cases.md) for the
 * browser. The query is a document, a case (its first document, or the one named) or pasted
 * facts. Scope: a document linked to a case is returned (or used as the query) only when the
 * case's unit lies in the user's subtree — for an own-cases-only prosecutor, only when the
 * prosecutor handles the case; documents without a case are public reference material.
 * Every search is audited. The answer is the contract's JSON plus, for the side-by-side
 * view, the fact texts, case ids and Chinese labels. The scope is read through the store's
 * views (store/views.h). */
#include "model/vocab.h"
#include "similar/similar.h"
#include "store/documents.h"
#include "store/views.h"
#include "web/internal.h"

#include <stdlib.h>
#include <string.h>

/* the case rids (ascending) whose documents this user may see */
struct scope {
    int64_t *rid;
    size_t n, cap;
};

static int allow_case(void *ud, int64_t case_rid)
{
    const struct scope *s = ud;
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->rid[mid] < case_rid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->rid[lo] == case_rid;
}

/* 1 when the user may see the documents of a case of unit unit_id handled by handler */
static int case_visible(const struct zx_web_req *r, const char *unit_id, const char *handler)
{
    if (!r->data || !unit_id || !zx_web__in_scope(r, zx_metrics_unit_find(r->data->m, unit_id)))
        return 0;
    if (r->scope_staff >= 0)
        return handler && !strcmp(handler, r->user.staff_id);
    return 1;
}

struct scope_walk {
    const struct zx_web_req *r;
    struct scope *sc;
};

static int scope_case(void *ud, int64_t case_rid, const char *unit_id, const char *handler)
{
    struct scope_walk *w = ud;
    struct scope *sc = w->sc;
    if (!case_visible(w->r, unit_id, handler))
        return 0;
    if (sc->n == sc->cap) {
        size_t nc = sc->cap ? sc->cap * 2 : 256;
        int64_t *g = realloc(sc->rid, nc * sizeof *g);
        if (!g)
            return ZX_ENOMEM;
        sc->rid = g;
        sc->cap = nc;
    }
    sc->rid[sc->n++] = case_rid;
    return 0;
}

static int load_scope(struct zx_web_req *r, struct scope *sc, struct zx_err *err)
{
    struct scope_walk w = {r, sc};
    return zx_store_view_document_cases(r->st, scope_case, &w, err);
}

static void not_found(struct zx_web_req *r, const char *what)
{
    zx_web__error(r, 404, "not_found", "文书或案件不存在，或不在本院管辖范围内", what);
}

static json_t *label(enum zx_vocab v, int val)
{
    const char *l = zx_vocab_label(v, val);
    return l ? json_string(l) : json_null();
}

int zx_web__route_similar(struct zx_web_req *r)
{
    struct scope sc = {0};
    struct zx_store_doc qd = {0};
    struct zx_similar *ix = NULL;
    struct zx_similar_result *res = NULL;
    struct zx_err err = {0};
    char **case_docs = NULL;
    size_t ncase_docs = 0;
    const char *excl[32];
    int found;
    json_t *b = zx_web__body_json(r);
    if (!b)
        return ZX_OK;
    const char *doc = json_string_value(json_object_get(b, "document_id"));
    const char *case_id = json_string_value(json_object_get(b, "case_id"));
    const char *facts = json_string_value(json_object_get(b, "facts"));
    const char *charge = json_string_value(json_object_get(b, "charge"));
    json_t *jk = json_object_get(b, "k"), *jex = json_object_get(b, "exclude");
    long k = jk ? (json_is_integer(jk) ? (long)json_integer_value(jk) : -1) : 10;
    if (charge && !*charge)
        charge = NULL;
    if (facts && !*facts)
        facts = NULL;
    if ((!!doc + !!case_id + !!facts) != 1 || k < 1 || k > ZX_SIMILAR_MAX_K ||
        (facts && strlen(facts) > ZX_WEB_MAX_BODY) || (doc && strlen(doc) > 64) ||
        (case_id && strlen(case_id) > 64) || (jex && !json_is_array(jex))) {
        zx_web__error(r, 400, "bad_query",
                      "请提供文书编号、案件编号或案情事实之一；返回条数为 1 至 100",
                      "give exactly one of document_id, case_id, facts; k in 1..100");
        goto done;
    }
    size_t nex = 0;
    for (size_t i = 0; jex && i < json_array_size(jex) && nex < 32; i++)
        if (json_is_string(json_array_get(jex, i)))
            excl[nex++] = json_string_value(json_array_get(jex, i));
    if (load_scope(r, &sc, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", "reading the scope failed");
        goto done;
    }
    if (case_id) {
        /* the case must be visible; its documents are the candidates for the query */
        if (zx_store_docs_of_case(r->st, case_id, &case_docs, &ncase_docs, &err)) {
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
            goto done;
        }
        if (!ncase_docs) {
            zx_web__audit(r, "similar", case_id, "denied", "no documents or no such case");
            not_found(r, "no documents of that case");
            goto done;
        }
        doc = case_docs[0];
    }
    if (doc) {
        if (zx_store_doc_get(r->st, doc, 0, 0, &qd, &found, &err)) {
            zx_web__error(r, 500, "store", "数据库错误", err.msg);
            goto done;
        }
        if (!found || (qd.case_rid && !allow_case(&sc, qd.case_rid))) {
            zx_web__audit(r, "similar", doc, "denied", "not found or out of scope");
            not_found(r, "no such document in scope");
            goto done;
        }
    }
    if (zx_similar_open(r->st, &ix, &err)) {
        zx_web__error(r, 500, "similar", "类案索引无法打开", err.msg);
        goto done;
    }
    struct zx_similar_query q = {.document_id = doc,
                                 .facts = doc ? NULL : facts,
                                 .charge = charge,
                                 .exclude = excl,
                                 .nexclude = nex,
                                 .k = (int)k,
                                 .allow_case = allow_case,
                                 .allow_ud = &sc};
    if (zx_similar_search(ix, r->st, &q, &res, &err)) {
        zx_web__error(r, 400, "bad_query", "检索失败", err.msg);
        goto done;
    }
    json_t *out = zx_similar_result_json(res);
    json_t *rs = json_object_get(out, "results");
    for (int i = 0; i < res->nhits && i < (int)json_array_size(rs); i++) {
        const struct zx_similar_hit *h = &res->hits[i];
        json_t *o = json_array_get(rs, (size_t)i);
        json_object_set_new(o, "case_id", h->case_id ? json_string(h->case_id) : json_null());
        json_object_set_new(o, "kind", label(ZX_V_DOC_KIND, h->kind));
        json_object_set_new(o, "sentence_label", label(ZX_V_DOC_SENTENCE_KIND, h->sentence_kind));
        json_object_set_new(o, "probation_months",
                            h->probation_months == ZX_STORE_NULL_INT
                                ? json_null()
                                : json_integer((json_int_t)h->probation_months));
        json_object_set_new(o, "facts", json_string(h->facts ? h->facts : ""));
    }
    /* published typical cases: marked among the results, and those of the charge beside */
    zx_web__casebook_mark_similar(r, out, res->charge ? res->charge : charge ? charge : qd.charges);
    json_t *jq = json_object_get(out, "query");
    json_object_set_new(jq, "facts", json_string(res->query_facts ? res->query_facts : ""));
    json_object_set_new(jq, "case_id", case_id ? json_string(case_id) : json_null());
    json_t *cd = json_array();
    for (size_t i = 0; i < ncase_docs; i++)
        json_array_append_new(cd, json_string(case_docs[i]));
    json_object_set_new(jq, "case_documents", cd);
    char detail[200];
    snprintf(detail, sizeof detail, "k=%ld results=%d charge=%s", k, res->nhits,
             res->charge ? res->charge : "");
    zx_web__audit(r, "similar", doc ? doc : "facts", "ok", detail);
    zx_web__json(r, 200, out);
done:
    zx_similar_result_free(res);
    zx_similar_free(ix);
    zx_store_doc_clear(&qd);
    for (size_t i = 0; i < ncase_docs; i++)
        free(case_docs[i]);
    free(case_docs);
    free(sc.rid);
    json_decref(b);
    return ZX_OK;
}
