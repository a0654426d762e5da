/* governance.h — social governance (社会治理) rows in the store: 检察建议 with each step of
 * their workflow (drafted, issued, replied, followed up, escalated, litigated: who and when),
 * 听证 (hearings) and 人民监督员 (people's supervisors' participation).
 *
 * Cases and units are named by their contract ids, the events a step writes by their
 * event_id. Dates are day numbers (util/date.h). Every insert and update is appended to the
 * ledger (ledger.h) in the same transaction. The rules (which step may follow which, the
 * reply deadline, escalation, the contract events) are in governance/governance.h; its
 * functions open the transaction, these functions write inside it (zx_store_begin first).
 *
 * Depends on: store/store.h, store/sql.h, store/ledger.h, util/err.h, util/date.h (SQLite
 * backend). Schema: migration 8 "social governance" in schema.c. */
#ifndef ZX_STORE_GOVERNANCE_H
#define ZX_STORE_GOVERNANCE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_GOV_ID_MAX   72   /* numbers and ids, NUL included */
#define ZX_GOV_NAME_MAX 256  /* an organisation or a person, NUL included */
#define ZX_GOV_TEXT_MAX 2048 /* a text field, NUL included */

struct zx_gov_suggestion {
    char no[ZX_GOV_ID_MAX]; /* e.g. JCJY-2025-000001 */
    char case_id[ZX_GOV_ID_MAX];
    char unit_id[ZX_GOV_ID_MAX];
    char kind[24];                   /* the contract's suggestion result code */
    char addressee[ZX_GOV_NAME_MAX]; /* 被建议单位 */
    char problem[ZX_GOV_TEXT_MAX];   /* 发现的问题 */
    char basis[ZX_GOV_TEXT_MAX];     /* 建议的法律依据 */
    char measures[ZX_GOV_TEXT_MAX];  /* 建议的具体措施 */
    char status[12];                 /* draft issued replied failed closed litigated */
    char handler_id[ZX_GOV_ID_MAX];  /* the case's handler (staff id), "" when unknown */
    char drafted_by[ZX_GOV_ID_MAX];
    int32_t drafted_on;
    char issued_by[ZX_GOV_ID_MAX];
    int32_t issued_on, reply_due;     /* ZX_DATE_NULL while a draft */
    char event_id[ZX_GOV_ID_MAX];     /* the `suggestion` event */
    int32_t replied_on;               /* ZX_DATE_NULL while unanswered */
    char reply_result[12];            /* adopted rectified rejected */
    char reply_text[ZX_GOV_TEXT_MAX]; /* the addressee's reply and its 整改 */
    char reply_event_id[ZX_GOV_ID_MAX];
    int32_t followup_on;      /* 回头看 */
    char followup_result[16]; /* rectified not_rectified */
    char followup_note[ZX_GOV_TEXT_MAX];
    int32_t litigated_on; /* 提起公益诉讼 */
    char lawsuit_event_id[ZX_GOV_ID_MAX];
    char head_id[ZX_GOV_ID_MAX]; /* escalated to the department head, "" before */
    int32_t head_on;
    char chief_id[ZX_GOV_ID_MAX]; /* escalated to the 检察长 */
    int32_t chief_on;
    int32_t closed_on;
};

/* One step of a suggestion. */
struct zx_gov_step {
    char step[20]; /* drafted issued replied followed_up escalated_head escalated_chief litigated */
    char who[ZX_GOV_ID_MAX];
    int32_t on;
    char note[ZX_GOV_NAME_MAX];
};

struct zx_gov_hearing {
    char no[ZX_GOV_ID_MAX]; /* TZ-2025-000001 */
    char case_id[ZX_GOV_ID_MAX];
    char unit_id[ZX_GOV_ID_MAX];
    int32_t held_on;
    char type[20]; /* custody_review non_prosecution appeal … */
    char participants[ZX_GOV_TEXT_MAX];
    char opinions[ZX_GOV_TEXT_MAX]; /* the opinions heard */
    char outcome[ZX_GOV_TEXT_MAX];
    int followed;                 /* the outcome followed the hearing: 1, 0, -1 unknown */
    char event_id[ZX_GOV_ID_MAX]; /* the `hearing` event */
    char recorded_by[ZX_GOV_ID_MAX];
};

struct zx_gov_supervision {
    char no[ZX_GOV_ID_MAX]; /* RMJD-2025-000001 */
    char case_id[ZX_GOV_ID_MAX];
    char unit_id[ZX_GOV_ID_MAX];
    char supervisor[ZX_GOV_NAME_MAX]; /* the 人民监督员 */
    int32_t on;
    char activity[20]; /* hearing case_review trial_observation … */
    char opinion[ZX_GOV_TEXT_MAX];
    char event_id[ZX_GOV_ID_MAX]; /* the `supervisor_invited` event */
    char recorded_by[ZX_GOV_ID_MAX];
};

/* ---- writes: call inside a transaction ---- */

/* Insert a new suggestion (s->no is assigned: JCJY-<year of drafting>-<6 digits>) and its
 * "drafted" step. */
int zx_gov_store_insert(struct zx_store *st, struct zx_gov_suggestion *s,
                        struct zx_err *err) ZX_MUST_CHECK;
/* Write every column of suggestion s->no as s holds it, and a step (what, who, on, note). */
int zx_gov_store_update(struct zx_store *st, const struct zx_gov_suggestion *s, const char *what,
                        const char *who, int32_t on, const char *note,
                        struct zx_err *err) ZX_MUST_CHECK;
/* Insert a hearing / a supervision (h->no assigned: TZ-<year>-<6 digits> / RMJD-…; an empty
 * event_id becomes the number). */
int zx_gov_store_add_hearing(struct zx_store *st, struct zx_gov_hearing *h,
                             struct zx_err *err) ZX_MUST_CHECK;
int zx_gov_store_add_supervision(struct zx_store *st, struct zx_gov_supervision *v,
                                 struct zx_err *err) ZX_MUST_CHECK;

/* ---- reads ---- */

/* Suggestion `no` into *out; ZX_ENOTFOUND when there is none. */
int zx_gov_store_get(struct zx_store *st, const char *no, struct zx_gov_suggestion *out,
                     struct zx_err *err) ZX_MUST_CHECK;
/* Every suggestion (of case_id when non-NULL), in number order. Caller owns *out; free with
 * free(). */
int zx_gov_store_list(struct zx_store *st, const char *case_id, struct zx_gov_suggestion **out,
                      size_t *n, struct zx_err *err) ZX_MUST_CHECK;
/* The steps of suggestion `no`, in order. Caller owns *out; free with free(). */
int zx_gov_store_steps(struct zx_store *st, const char *no, struct zx_gov_step **out, size_t *n,
                       struct zx_err *err) ZX_MUST_CHECK;
/* Every hearing / supervision (of case_id when non-NULL), in number order. Caller owns
 * *out; free with free(). */
int zx_gov_store_hearings(struct zx_store *st, const char *case_id, struct zx_gov_hearing **out,
                          size_t *n, struct zx_err *err) ZX_MUST_CHECK;
int zx_gov_store_supervisions(struct zx_store *st, const char *case_id,
                              struct zx_gov_supervision **out, size_t *n,
                              struct zx_err *err) ZX_MUST_CHECK;

/* Hearings and supervisions per unit and line (the line of their case). */
struct zx_gov_stat {
    char unit_id[ZX_GOV_ID_MAX];
    char line[24]; /* criminal civil administrative public_interest */
    int64_t hearings, followed, supervisions;
};
/* Every (unit, line) with a hearing or a supervision dated in [from, to] (ZX_DATE_NULL:
 * open), in unit, line order. Caller owns *out; free with free(). */
int zx_gov_store_stats(struct zx_store *st, int32_t from, int32_t to, struct zx_gov_stat **out,
                       size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* The unit id, handler staff id and line code ("criminal" …) of case_id; ZX_ENOTFOUND
 * when the case is not in the database. line may be NULL. */
int zx_gov_store_case(struct zx_store *st, const char *case_id, char unit_id[ZX_GOV_ID_MAX],
                      char handler_id[ZX_GOV_ID_MAX], char line[24],
                      struct zx_err *err) ZX_MUST_CHECK;

/* The name of the unit of case_id and the case's number (案号; its id when it has none). */
int zx_gov_store_names(struct zx_store *st, const char *case_id, char unit_name[ZX_GOV_NAME_MAX],
                       char case_no[ZX_GOV_NAME_MAX], struct zx_err *err) ZX_MUST_CHECK;

#endif
