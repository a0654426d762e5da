/* governance.h — social governance (社会治理): 检察建议 as a workflow, 听证 and 人民监督员.
 *
 * A suggestion goes draft → issued (the 检察建议书 served on the addressee; the reply is due
 * two months later, rule F1 with C4 month arithmetic, or the unit's own period) → replied
 * (adopted 采纳, rectified 整改到位, rejected 不采纳, with the 整改 the addressee reports) →
 * 回头看 (the follow-up check: rectified or not) → closed. A 诉前 (pre_litigation) suggestion
 * that fails (rejected, not rectified at the follow-up, or unanswered past its deadline) goes
 * on to 提起公益诉讼 (litigated). An unanswered suggestion past its deadline escalates like a
 * 流程监控通知书 (monitor.h: the department head, then the 检察长).
 *
 * Every step the data contract knows is also written as an event of the suggestion's case,
 * in the same transaction, so that the adoption indicators count the workflow: `suggestion`
 * (result: the kind) on issue, `suggestion_reply` (ref: the suggestion) on reply,
 * `pil_lawsuit` on litigation; a hearing writes `hearing`, a supervisor's participation
 * `supervisor_invited`. Every act goes to the ledger (store/governance.h).
 *
 * Depends on: store (store.h, governance.h), monitor (periods, status, escalation), model
 * (vocabulary), util; jansson (json.c). Rows are struct zx_gov_suggestion … of store/governance.h;
 * functions fill the caller's structs (no allocation) unless they say otherwise. */
#ifndef ZX_GOVERNANCE_GOVERNANCE_H
#define ZX_GOVERNANCE_GOVERNANCE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "monitor/monitor.h"
#include "store/governance.h"
#include "store/store.h"
#include "util/err.h"

/* Chinese labels of codes (static storage), NULL for an unknown code. */
const char *zx_gov_kind_label(const char *kind);     /* 社会治理 … (the contract's list) */
const char *zx_gov_status_label(const char *status); /* 草稿 … */
const char *zx_gov_result_label(const char *result); /* 采纳 整改到位 不采纳 */
const char *zx_gov_hearing_type_label(const char *type); /* 羁押必要性审查听证 … */
const char *zx_gov_activity_label(const char *activity); /* 参加听证 … */
/* The codes, in order, NULL-terminated (static storage). */
const char *const *zx_gov_kinds(void);
const char *const *zx_gov_hearing_types(void);
const char *const *zx_gov_activities(void);

/* The reply period of the unit of a suggestion: the unit's own setting of
 * monitor.suggestion_reply (inherited), else F1 (2 months). m gives the unit tree. */
int zx_gov_reply_period(struct zx_store *st, const struct zx_metrics *m,
                        const struct zx_monitor_rules *r, const char *unit_id,
                        struct zx_monitor_period *out, struct zx_err *err) ZX_MUST_CHECK;

/* Draft: in gives case_id, kind, addressee, problem (required), basis, measures, drafted_by
 * and drafted_on; the rest is filled (number, unit and handler from the case, status
 * draft) into *out. ZX_EINVAL with the field for bad input, ZX_ENOTFOUND for an unknown
 * case. */
int zx_gov_draft(struct zx_store *st, const struct zx_gov_suggestion *in,
                 struct zx_gov_suggestion *out, struct zx_err *err) ZX_MUST_CHECK;

/* Issue draft `no` on day `on` by account `by` (staff: its staff id or NULL; the case's
 * handler otherwise handles the event): basis and measures must be filled; the reply is due
 * on period_end(on, period). Writes the `suggestion` event. *out gets the row. */
int zx_gov_issue(struct zx_store *st, const char *no, struct zx_monitor_period period, int32_t on,
                 const char *by, const char *staff, struct zx_gov_suggestion *out,
                 struct zx_err *err) ZX_MUST_CHECK;

/* Record the addressee's reply (result adopted | rectified | rejected, text: the reply and
 * its 整改) received on `on`. Writes `suggestion_reply` answering the suggestion. A rejected
 * 诉前 suggestion fails at once (status failed). */
int zx_gov_reply(struct zx_store *st, const char *no, const char *result, const char *text,
                 int32_t on, const char *by, struct zx_gov_suggestion *out,
                 struct zx_err *err) ZX_MUST_CHECK;

/* 回头看 on `on`: result rectified | not_rectified, with a note. Closes the suggestion,
 * except a 诉前 one not rectified, which fails (awaits 公益诉讼). */
int zx_gov_followup(struct zx_store *st, const char *no, const char *result, const char *note,
                    int32_t on, const char *by, struct zx_gov_suggestion *out,
                    struct zx_err *err) ZX_MUST_CHECK;

/* 提起公益诉讼 on `on` for a 诉前 suggestion that failed or is unanswered past its
 * deadline. Writes `pil_lawsuit`; the suggestion ends as litigated. */
int zx_gov_litigate(struct zx_store *st, const char *no, int32_t on, const char *by,
                    struct zx_gov_suggestion *out, struct zx_err *err) ZX_MUST_CHECK;

/* The deadline colour of s as of as_of: ZX_MON_OPEN, ZX_MON_YELLOW or ZX_MON_RED while it
 * awaits its reply (rule W, monitor.h), -1 otherwise. */
int zx_gov_watch(const struct zx_monitor_rules *r, const struct zx_gov_suggestion *s,
                 int32_t as_of);

/* Escalate every unanswered suggestion as of `on` (done by `who`) that scope accepts (NULL:
 * all): the day after its reply was due to the head of the handler's department, F7-escalate
 * days later to the 检察长; each step once, as for 流程监控通知书. *steps gets the count. */
int zx_gov_escalate(struct zx_store *st, const struct zx_monitor_rules *r, int32_t on,
                    const char *who, zx_monitor_notice_scope scope, void *scope_ud, int *steps,
                    struct zx_err *err) ZX_MUST_CHECK;

/* Record a hearing (h: case_id, held_on, type, participants required; opinions, outcome,
 * followed, recorded_by) and its `hearing` event; h->no, unit_id and event_id are filled. */
int zx_gov_add_hearing(struct zx_store *st, struct zx_gov_hearing *h,
                       struct zx_err *err) ZX_MUST_CHECK;

/* Record a 人民监督员's participation (v: case_id, supervisor, on, activity required;
 * opinion, recorded_by) and its `supervisor_invited` event; v->no, unit_id, event_id
 * filled. */
int zx_gov_add_supervision(struct zx_store *st, struct zx_gov_supervision *v,
                           struct zx_err *err) ZX_MUST_CHECK;

/* The 检察建议书 as a print-friendly HTML page (UTF-8, the official structure: 院名, 文书名,
 * 文号, 主送单位, 问题, 依据, 建议, 回复要求, 落款), styled by the stylesheet at css_href
 * (no inline script or style). unit_name: the issuing procuratorate. Caller owns *html;
 * free with free(). */
int zx_gov_document_html(const struct zx_gov_suggestion *s, const char *unit_name,
                         const char *case_no, const char *css_href, char **html, size_t *len,
                         struct zx_err *err) ZX_MUST_CHECK;

/* ---- JSON (json.c): the shapes of `zhixiao suggestion list --format json` and the API ---- */

/* A suggestion with its labels, dates as YYYY-MM-DD (null when none), and, as of as_of,
 * "watch" (open | yellow | red while awaiting its reply, else null) and "days_left". Caller
 * owns the result; free with json_decref. */
json_t *zx_gov_suggestion_json(const struct zx_gov_suggestion *s, const struct zx_monitor_rules *r,
                               int32_t as_of);
json_t *zx_gov_hearing_json(const struct zx_gov_hearing *h);
json_t *zx_gov_supervision_json(const struct zx_gov_supervision *v);
json_t *zx_gov_steps_json(const struct zx_gov_step *v, size_t n);

#endif
