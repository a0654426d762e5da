/* quality.h — 案件质量评查 in the store: review plans with the closed cases they chose (and
 * why), reviews with one finding per form item, the grade, the prosecutor's 异议 and the
 * office's answer; and the reads the flaw points need (closed cases by filter, cases with an
 * event of given types and results). Cases, units and staff are named by their contract ids;
 * dates are day numbers (util/date.h). The rules (what to sample, how to grade, what a flaw
 * costs) are in quality/.
 *
 * Every write is one transaction and appends its acts to the ledger (ledger.h) in it: a plan
 * (qr_plans), a review and each of its findings (qr_reviews, qr_findings), an 异议 and an
 * answer (qr_reviews, "update").
 *
 * Depends on store and util (SQLite backend). Schema: migration 8 in schema.c. */
#ifndef ZX_STORE_QUALITY_H
#define ZX_STORE_QUALITY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_QSTORE_ID_MAX   72  /* ids, NUL included */
#define ZX_QSTORE_TEXT_MAX 512 /* notes, 异议, answers, NUL included */

/* A closed case as the review rules see it. */
struct zx_qstore_case {
    int64_t rid;
    char case_id[ZX_QSTORE_ID_MAX];
    char unit_id[ZX_QSTORE_ID_MAX];
    char handler_id[ZX_QSTORE_ID_MAX]; /* "" when none */
    char department[ZX_QSTORE_ID_MAX]; /* the handler's, "" when none */
    char charge[128];
    int line;     /* vocab value, -1 when none */
    int business; /* vocab value, -1 when none */
    int32_t closed_on;
    int public_prosecution; /* 1 when the case has a 受理审查起诉 event (公诉案件) */
};

/* Which closed cases: closed_on in [from, to], the case's unit in unit_id's subtree (NULL:
 * every unit); charge, department, handler_id (exact) and line (vocab value) when set. */
struct zx_qstore_filter {
    const char *unit_id;
    int32_t from, to;
    const char *charge;
    const char *department;
    const char *handler_id;
    int line; /* -1: any */
};

/* Closed cases matching f, in case_id order. Caller owns *out; free with free(). */
int zx_qstore_closed_cases(struct zx_store *st, const struct zx_qstore_filter *f,
                           struct zx_qstore_case **out, size_t *n,
                           struct zx_err *err) ZX_MUST_CHECK;

/* One case by id (ZX_ENOTFOUND when none; closed_on is ZX_DATE_NULL while open). */
int zx_qstore_case_get(struct zx_store *st, const char *case_id, struct zx_qstore_case *out,
                       struct zx_err *err) ZX_MUST_CHECK;

/* One case by rid (ZX_ENOTFOUND when none). */
int zx_qstore_case_by_rid(struct zx_store *st, int64_t rid, struct zx_qstore_case *out,
                          struct zx_err *err) ZX_MUST_CHECK;

/* The rids of the cases with an event of one of types[] (vocab values) dated on or before
 * `to`, whose result is one of results[] (nresults 0: any), and, when nafter > 0, whose
 * person had an earlier (or same-day) event of one of after[]. Ascending. Caller owns
 * *rids; free with free(). */
int zx_qstore_event_cases(struct zx_store *st, const int *types, int ntypes, const int *results,
                          int nresults, const int *after, int nafter, int32_t to, int64_t **rids,
                          size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* ---- plans ---- */

struct zx_qstore_plan {
    char plan_id[ZX_QSTORE_ID_MAX]; /* "" on insert: assigned PC-<year>-<4 digits> */
    char unit_id[ZX_QSTORE_ID_MAX];
    char kind[16]; /* routine | focus | special */
    char title[256];
    int32_t from, to;
    double ratio;     /* routine: the share sampled; 0 otherwise */
    char filter[512]; /* special: the office's filter as text, "" otherwise */
    char created_by[ZX_QSTORE_ID_MAX];
    int32_t created_on;
    int64_t ncases, nreviewed; /* filled by list/get */
};

struct zx_qstore_plan_case {
    char case_id[ZX_QSTORE_ID_MAX];
    char handler_id[ZX_QSTORE_ID_MAX];
    char unit_id[ZX_QSTORE_ID_MAX];
    char reason[256];                 /* "sample 2025-Q1", the signal ids, "filter" */
    char review_id[ZX_QSTORE_ID_MAX]; /* filled by zx_qstore_plan_cases: "" when not reviewed */
    char grade[16];
};

/* Store plan p (plan_id assigned when empty; ZX_EINVAL when the id is taken) with its n
 * cases, in one transaction with its ledger entry. */
int zx_qstore_plan_insert(struct zx_store *st, struct zx_qstore_plan *p,
                          const struct zx_qstore_plan_case *cases, size_t n,
                          struct zx_err *err) ZX_MUST_CHECK;

/* Every plan, in plan_id order. Caller owns *out; free with free(). */
int zx_qstore_plan_list(struct zx_store *st, struct zx_qstore_plan **out, size_t *n,
                        struct zx_err *err) ZX_MUST_CHECK;

/* One plan (ZX_ENOTFOUND when none). */
int zx_qstore_plan_get(struct zx_store *st, const char *plan_id, struct zx_qstore_plan *out,
                       struct zx_err *err) ZX_MUST_CHECK;

/* The cases of a plan in case_id order, each with its review if any. Caller owns *out;
 * free with free(). */
int zx_qstore_plan_cases(struct zx_store *st, const char *plan_id, struct zx_qstore_plan_case **out,
                         size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* ---- reviews ---- */

struct zx_qstore_finding {
    char item[48];  /* a form sub-item id, e.g. "evidence.collection" */
    char result[8]; /* ok | flaw | error */
    char code[16];  /* a flaw situation code (data/flaw_rules.json), "" when none */
    char note[256];
};

struct zx_qstore_review {
    char review_id[ZX_QSTORE_ID_MAX]; /* "" on insert: assigned PC-…-R<4 digits> */
    char plan_id[ZX_QSTORE_ID_MAX];
    char case_id[ZX_QSTORE_ID_MAX];
    char handler_id[ZX_QSTORE_ID_MAX];
    char unit_id[ZX_QSTORE_ID_MAX];
    char reviewer[ZX_QSTORE_ID_MAX];
    int32_t graded_on;
    char grade[16]; /* the derived grade: excellent | qualified | basic | unqualified */
    int proposed_excellent;
    char notes[ZX_QSTORE_TEXT_MAX];
    char objection[ZX_QSTORE_TEXT_MAX]; /* "" when none */
    char objected_by[ZX_QSTORE_ID_MAX];
    int32_t objected_on; /* ZX_DATE_NULL when none */
    char response[ZX_QSTORE_TEXT_MAX];
    char responded_by[ZX_QSTORE_ID_MAX];
    int32_t responded_on;
    char final_grade[16]; /* after the answer to an 异议: "" when unchanged */
};

/* Store review r of a case of plan r->plan_id with its nf findings, in one transaction
 * with their ledger entries. ZX_EINVAL when the case is not in the plan or was reviewed. */
int zx_qstore_review_insert(struct zx_store *st, struct zx_qstore_review *r,
                            const struct zx_qstore_finding *f, size_t nf,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Reviews graded in [from, to] (ZX_DATE_NULL: unbounded), of plan_id and of handler_id when
 * not NULL, in review_id order. Caller owns *out; free with free(). */
int zx_qstore_review_list(struct zx_store *st, const char *plan_id, const char *handler_id,
                          int32_t from, int32_t to, struct zx_qstore_review **out, size_t *n,
                          struct zx_err *err) ZX_MUST_CHECK;

/* One review and its findings in item order (ZX_ENOTFOUND when none). Caller owns *f;
 * free with free() (f may be NULL when the findings are not wanted). */
int zx_qstore_review_get(struct zx_store *st, const char *review_id, struct zx_qstore_review *out,
                         struct zx_qstore_finding **f, size_t *nf,
                         struct zx_err *err) ZX_MUST_CHECK;

/* Record the handler's 异议 (ZX_EINVAL when one was made already). */
int zx_qstore_review_object(struct zx_store *st, const char *review_id, const char *who, int32_t on,
                            const char *text, struct zx_err *err) ZX_MUST_CHECK;

/* Record the answer to the 异议, with the final grade when it changes ("" or NULL: kept).
 * ZX_EINVAL when there is no 异议 or it was answered. */
int zx_qstore_review_respond(struct zx_store *st, const char *review_id, const char *who,
                             int32_t on, const char *text, const char *final_grade,
                             struct zx_err *err) ZX_MUST_CHECK;

/* One flaw finding with its review, for the flaw points. */
struct zx_qstore_flaw {
    char review_id[ZX_QSTORE_ID_MAX];
    char finding_id[ZX_QSTORE_ID_MAX];
    char case_id[ZX_QSTORE_ID_MAX];
    char handler_id[ZX_QSTORE_ID_MAX];
    char unit_id[ZX_QSTORE_ID_MAX];
    char item[48];
    char result[8];
    char code[16];
    int32_t graded_on;
};

/* Findings naming a flaw situation code of reviews graded in [from, to], in finding order.
 * Caller owns *out; free with free(). */
int zx_qstore_flaw_findings(struct zx_store *st, int32_t from, int32_t to,
                            struct zx_qstore_flaw **out, size_t *n,
                            struct zx_err *err) ZX_MUST_CHECK;

#endif
