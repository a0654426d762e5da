/* monitor.h — 流程监控 (process monitoring): the statutory deadline (法定期限) of each
 * monitored stage of every person and case, as of a date. Contract:
 * shared/spec/process-monitoring.md; the periods are data (data/monitor_rules.json, with
 * source and article, compiled in by util/datafile), the month rule is util/date's C4.
 *
 * zx_monitor_run walks the loaded columns of the indicator engine (metrics.h,
 * zx_metrics_columns: cases with their persons and events in (date, file order)) case by
 * case in one pass; events after the as-of date are skipped, 职务犯罪 (duty) cases are not
 * monitored. Items refer to cases, persons and start events by their positions in those
 * columns; zx_monitor_ids gives the contract's string ids, zx_monitor_sort the contract's
 * order.
 *
 * Depends on metrics (the columns), store (ids, unit settings), model, util. Caller owns
 * every zx_monitor_rules, zx_monitor_ids and item array it gets (free functions below). */
#ifndef ZX_MONITOR_MONITOR_H
#define ZX_MONITOR_MONITOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics/metrics.h"
#include "store/store.h"
#include "util/err.h"

/* Stages, in the alphabetical order of their codes (the contract's sort key). */
enum zx_monitor_stage {
    ZX_MON_ARREST_REVIEW_DETAINED,
    ZX_MON_ARREST_REVIEW_NOT_DETAINED,
    ZX_MON_CORRECTION_REPLY,
    ZX_MON_CUSTODY_REVIEW_REPLY,
    ZX_MON_PROSECUTION_REVIEW,
    ZX_MON_SUGGESTION_REPLY,
    ZX_MON_SUPPLEMENTARY_INVESTIGATION,
    ZX_MON_WITHDRAWAL_DECISION,
    ZX_MON_NSTAGES
};

enum zx_monitor_status {
    ZX_MON_OK, /* closed on or before the deadline */
    ZX_MON_LATE,
    ZX_MON_OPEN,
    ZX_MON_YELLOW, /* open, days_left ≤ W */
    ZX_MON_RED,    /* open, past the deadline */
    ZX_MON_NSTATUS
};

const char *zx_monitor_stage_code(int stage);  /* "prosecution_review" … */
const char *zx_monitor_stage_label(int stage); /* 审查起诉 … */
const char *zx_monitor_status_code(int status);
const char *zx_monitor_status_label(int status);
int zx_monitor_stage_find(const char *code);  /* -1 when unknown */
int zx_monitor_status_find(const char *code); /* -1 when unknown */

/* A period: n days, or n months (C4) when months is 1. */
struct zx_monitor_period {
    int32_t n;
    int32_t months;
};

/* Parse "15d", "15", "2m" (also 天/日/个月 suffixes) into p: 0, or -1 when not a period of
 * 1..3650 days or 1..120 months. */
int zx_monitor_period_parse(const char *s, struct zx_monitor_period *p);

/* The last day of a period started on day `start` (C4 month arithmetic for months). */
int32_t zx_monitor_period_end(int32_t start, struct zx_monitor_period p);

/* ---- rules (data/monitor_rules.json) ---- */

struct zx_monitor_rules; /* opaque */

/* Parse a rules document (name is used in messages). Every rule the code reads must be
 * present with its parameters. Caller owns *out; free with zx_monitor_rules_free. */
int zx_monitor_rules_parse(const char *text, size_t len, const char *name,
                           struct zx_monitor_rules **out, struct zx_err *err) ZX_MUST_CHECK;
/* data/monitor_rules.json when found (util/datafile.h), else the compiled-in copy; *where
 * (may be NULL) names what was read. */
int zx_monitor_rules_load_default(struct zx_monitor_rules **out, const char **where,
                                  struct zx_err *err) ZX_MUST_CHECK;
void zx_monitor_rules_free(struct zx_monitor_rules *r);

/* The default reply period of ZX_MON_SUGGESTION_REPLY (F1) or ZX_MON_CORRECTION_REPLY (F4);
 * {0, 0} for another stage. */
struct zx_monitor_period zx_monitor_rules_default_period(const struct zx_monitor_rules *r,
                                                         int stage);

/* F7: the reply period of a 流程监控通知书, and F7-escalate: the days after which an
 * unanswered notice goes from the department head on to the 检察长. */
void zx_monitor_rules_notice(const struct zx_monitor_rules *r, int32_t *reply_days,
                             int32_t *escalate_days);

/* Rule ids a stage's items can carry (for checks: every item's rule is one of these). */
int zx_monitor_rule_count(const struct zx_monitor_rules *r);
const char *zx_monitor_rule_id(const struct zx_monitor_rules *r, int i);
const char *zx_monitor_rule_article(const struct zx_monitor_rules *r, int i);
int zx_monitor_rule_find(const struct zx_monitor_rules *r, const char *id); /* -1 if none */

/* ---- one run ---- */

struct zx_monitor_query {
    int32_t as_of; /* day number: later events are ignored */
    int32_t unit;  /* a unit position (its subtree), or -1 for every unit */
    /* per-unit reply periods (nu entries, the unit's own setting or inherited), or NULL for
     * the rules' default: suggestion_reply, correction_reply */
    const struct zx_monitor_period *suggestion, *correction;
};

struct zx_monitor_item {
    int32_t c;          /* case position */
    int32_t p;          /* person position, -1 for a case-level stage */
    int32_t e;          /* the start event's position */
    int32_t started_on; /* day numbers */
    int32_t deadline;
    int32_t closed_on; /* ZX_DATE_NULL while open */
    int32_t days_left; /* deadline − as-of for open items; 0 for closed ones */
    uint8_t stage;     /* enum zx_monitor_stage */
    uint8_t status;    /* enum zx_monitor_status */
    int16_t rule;      /* index for zx_monitor_rule_id / _article */
};

/* Every item of the query's scope, in (case position, start event) order. Caller owns
 * *items; free with free(). */
int zx_monitor_run(const struct zx_metrics_columns *d, const struct zx_monitor_rules *r,
                   const struct zx_monitor_query *q, struct zx_monitor_item **items, size_t *n,
                   struct zx_err *err) ZX_MUST_CHECK;

/* The status of an item open on as_of that started on `started` with that deadline: ZX_MON_RED,
 * ZX_MON_YELLOW (within the rule W window) or ZX_MON_OPEN. Shared by every deadline watch. */
int zx_monitor_open_status(const struct zx_monitor_rules *r, int32_t started, int32_t deadline,
                           int32_t as_of);

/* Counts per stage × status. */
void zx_monitor_count(const struct zx_monitor_item *items, size_t n,
                      int64_t counts[ZX_MON_NSTAGES][ZX_MON_NSTATUS]);

/* ---- ids, order, unit settings ---- */

/* The contract's ids of the cases and persons of d, read from st. */
struct zx_monitor_ids {
    char **case_id;   /* by case position */
    char **person_id; /* by person position */
    int32_t nc, np;
};
int zx_monitor_ids_load(struct zx_store *st, const struct zx_metrics_columns *d,
                        struct zx_monitor_ids **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_monitor_ids_free(struct zx_monitor_ids *ids);

/* Sort items by case_id, person_id (null first), stage, started_on, then start event. */
int zx_monitor_sort(struct zx_monitor_item *items, size_t n, const struct zx_monitor_ids *ids,
                    struct zx_err *err) ZX_MUST_CHECK;

/* The reply periods in force for each unit from the store's unit settings (a unit without
 * its own setting inherits its parent's; none: the rules' default). m gives the unit ids.
 * Caller owns *suggestion and *correction (nu entries each); free with free(). */
int zx_monitor_unit_periods(struct zx_store *st, const struct zx_metrics *m,
                            const struct zx_monitor_rules *r, struct zx_monitor_period **suggestion,
                            struct zx_monitor_period **correction,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Write one item as the contract's JSON object (no newline) or as a table line. */
struct zx_monitor_fmt {
    const struct zx_monitor_rules *rules;
    const struct zx_monitor_ids *ids;
};
void zx_monitor_write_json(FILE *f, const struct zx_monitor_fmt *fmt,
                           const struct zx_monitor_item *it);
void zx_monitor_write_table(FILE *f, const struct zx_monitor_fmt *fmt,
                            const struct zx_monitor_item *it);

/* ---- 流程监控通知书 (monitor/notice.c; rows in store/notice.h) ---- */

struct zx_notice;

/* Issue a notice dated `on` by account `by` on the item (case_id, person_id or NULL for a
 * case-level stage, stage) of the monitor as of `on`: the item must be open and overdue (red);
 * the reply is due F7 days later. On success *out holds the stored notice. ZX_ENOTFOUND when
 * the case or item does not exist, ZX_EINVAL when it is not overdue or has a notice. */
int zx_monitor_notice_issue(struct zx_store *st, const struct zx_metrics *m,
                            const struct zx_monitor_rules *r, const char *case_id,
                            const char *person_id, const char *stage, int32_t on, const char *by,
                            struct zx_notice *out, struct zx_err *err) ZX_MUST_CHECK;

/* Which notices a caller may act on: 1 to include the notice of unit_id, 0 to leave it. */
typedef int (*zx_monitor_notice_scope)(const char *unit_id, void *ud);

/* Escalate every unanswered notice as of `on` (done by `who`): past its reply_due to the
 * head (部门负责人) of the handler's department in the case's unit, then, F7-escalate days after
 * that, to the unit's 检察长. Only notices `scope` accepts are touched (NULL: all; the web
 * passes the user's subtree). *steps gets the number of escalations written. */
int zx_monitor_notice_escalate(struct zx_store *st, const struct zx_monitor_rules *r, int32_t on,
                               const char *who, zx_monitor_notice_scope scope, void *scope_ud,
                               int *steps, struct zx_err *err) ZX_MUST_CHECK;

/* Escalation of an unanswered document (shared by 流程监控通知书 and 检察建议, governance.h):
 * the next level owed on day `on` by an item whose reply was due on reply_due and that has
 * gone through `done` levels already: 1 (the department head) the day after reply_due, 2 (the
 * 检察长) F7-escalate days after that, 0 none. */
int zx_monitor_escalation_next(const struct zx_monitor_rules *r, int32_t reply_due, int32_t on,
                               int done);
/* Who receives a level-1 (the head of handler_id's department in unit_id, else any head of
 * the unit) or level-2 (the unit's 检察长) escalation: a staff id, or "部门负责人" / "检察长"
 * when the data name nobody. to has ZX_NOTICE_ID_MAX (72) bytes. */
int zx_monitor_escalation_to(struct zx_store *st, const char *unit_id, const char *handler_id,
                             int level, char to[72], struct zx_err *err) ZX_MUST_CHECK;

#endif
