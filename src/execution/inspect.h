/* inspect.h — circuit inspections (巡回检察): the rules and the workflow.
 *
 * Rules (legal-rules.md §4, 《人民检察院巡回检察工作规定》 XH2021, and §1.9): the §4.1
 * minimum duration, on-site days and team of a plan by type and institution; the deadlines
 * of dispositions (oral 7 days, 纠正违法通知书 15 days, 检察建议书 2 months), the feedback
 * meeting (30 days after the end) and the 整改 follow-up (3 months after the end); coverage
 * of a unit's institutions in a year; statistics of a unit and period. They work on a
 * snapshot (store/inspect.h) and print nothing.
 *
 * Date arithmetic (§1.1): the starting day is not counted (C1), so "N days after D" is D + N
 * and the reply is on time through that day; months go to the same day number, from a month's
 * last day to the target month's last day (C4, zx_exec_add_months — the same helper as the
 * 减假暂 checker). No holiday extension (C2): there is no holiday calendar in the data yet.
 * An inspection's own length counts both its first and last day (it is a working period,
 * not a time limit): 2024-03-01..2024-03-15 is 15 days, 2024-03-01..2024-03-31 is one month.
 *
 * The workflow functions write the inspection rows and, in the same transaction, the case
 * and events the indicators count (纠正违法采纳率, 检察建议采纳率): one case per plan
 * (INSP-<plan>: line criminal, business execution, kind by_authority, source
 * self_discovered, handler the team leader), a correction_notice or suggestion event (result
 * execution) per written disposition and a correction_reply / suggestion_reply per reply.
 *
 * Owner: the execution module, which owns circuit inspections (prefix zx_insp_; helpers
 * shared inside the module are zx_exec__insp_*, internal.h). The rows and their codes are
 * the store's (store/inspect.h, prefix zx_store_insp_).
 * Depends on store (store.h, inspect.h), model and util; libxlsxwriter (the report). */
#ifndef ZX_EXECUTION_INSPECT_H
#define ZX_EXECUTION_INSPECT_H

#include "store/inspect.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

/* ---- §4.1 checks of a plan ---- */

enum zx_insp_severity {
    ZX_INSP_VIOLATION = 1, /* a minimum of the rules is not met */
    ZX_INSP_NOTICE         /* "about", "generally" or an organiser the table does not name */
};

struct zx_insp_issue {
    int severity;
    const char *rule;    /* XH2021-4.1-routine-prison-duration … static storage */
    const char *article; /* the citation, static storage */
    char msg[256];       /* Chinese, with expected and actual values */
};

/* Check plan p inspected by a team of team_size, organised by a unit of level
 * organiser_level (vocab unit_level, 0 unknown). Writes at most max issues into out and
 * returns how many there are in all. */
int zx_insp_check_plan(const struct zx_store_insp_plan *p, int team_size, int organiser_level,
                       struct zx_insp_issue *out, int max);

/* Weekdays (Monday–Friday) in [from, to]. */
int zx_insp_working_days(int32_t from, int32_t to);

/* ---- deadlines ---- */

/* Last day on which the reply to a disposition of `kind` served on `served` is on time:
 * oral + 7 days (RULES 624(2): else a written 纠正意见), 纠正违法通知书 + 15 days and
 * 检察建议书 + 2 months (XH2021 art. 37; §1.9 F4, F1). */
int32_t zx_insp_reply_due(int kind, int32_t served);
/* Last day of the feedback meeting: end + 30 days (XH2021 art. 35). */
int32_t zx_insp_feedback_due(int32_t end);
/* Last day to start the 整改 follow-up: end + 3 months (XH2021 art. 40). */
int32_t zx_insp_followup_due(int32_t end);

enum zx_insp_state {
    ZX_INSP_OPEN = 1,   /* not answered, not yet due */
    ZX_INSP_ANSWERED,   /* answered on or before `at` (late when after the due day) */
    ZX_INSP_OVERDUE,    /* not answered and the due day has passed */
    ZX_INSP_NOT_NEEDED, /* a follow-up of an inspection without findings, … */
};
const char *zx_insp_state_label(int state); /* Chinese, static storage */

struct zx_insp_dstatus {
    int state;
    int32_t due;
    int late;     /* answered after the due day */
    int escalate; /* overdue written disposition: report to the higher procuratorate */
    int upgrade;  /* overdue oral opinion: issue a written 纠正意见 (RULES 624(2)) */
    long to_unit; /* where to escalate: the parent of the plan's unit (index), -1 none */
    const char *article;
};

/* Status of disposition d (index into db->disps) on day at. */
void zx_insp_disp_status(const struct zx_store_insp_db *db, size_t d, int32_t at,
                         struct zx_insp_dstatus *out);

struct zx_insp_pstatus {
    int feedback_state;
    int32_t feedback_due;
    int feedback_late;
    int followup_state; /* ZX_INSP_NOT_NEEDED for special/ad-hoc plans and plans without findings */
    int32_t followup_due;
    int followup_late;
    long followup_plan; /* index of the follow-up plan, -1 none */
    int findings, rectified;
};
/* Status of plan p (index into db->plans) on day at. */
void zx_insp_plan_status(const struct zx_store_insp_db *db, size_t p, int32_t at,
                         struct zx_insp_pstatus *out);

/* ---- coverage and statistics ---- */

/* 1 when unit u is root or below it. */
int zx_insp_under(const struct zx_store_insp_db *db, long u, long root);

struct zx_insp_cov_row {
    size_t inst;
    int routine, cross, other; /* plans of the year inspecting it, by type */
    int required;              /* 1 for prisons and detention houses (≥ 1 a year) */
    int gap;                   /* required and neither routine nor cross */
};
struct zx_insp_cov_prov {
    long unit;   /* a province unit */
    int prisons; /* prisons under it */
    int crossed; /* of those, cross-inspected in the year */
    int gap;     /* crossed × 3 < prisons */
};
struct zx_insp_cov {
    struct zx_insp_cov_row *rows; /* From malloc(): institutions under the unit */
    size_t nrows;
    struct zx_insp_cov_prov prov[16]; /* provinces at, above or below the unit */
    size_t nprov;
    int gaps; /* rows with a gap + provinces with a gap */
};

/* Coverage of the institutions supervised under unit (index) in calendar year `year`. An
 * inspection belongs to the year of its start. A routine or a cross inspection meets the
 * yearly one (both inspect the whole facility). Caller releases with zx_insp_cov_release. */
int zx_insp_coverage(const struct zx_store_insp_db *db, long unit, int year,
                     struct zx_insp_cov *out, struct zx_err *err) ZX_MUST_CHECK;
void zx_insp_cov_release(struct zx_insp_cov *c);

struct zx_insp_stats {
    int plans, institutions;
    int kinds;      /* distinct (category, sub-category): the seeds' "77 类" */
    int categories; /* distinct §4.4 categories */
    int problems, rectified;
    int disp[ZX_STORE_INSP_DISP_COUNT_];
    int answered, open, overdue, escalated;
    int by_cat[ZX_STORE_INSP_CAT_COUNT_][3]; /* problems, rectified, institutions */
};
/* Statistics of the plans organised under unit (index) that start in [from, to], as of
 * day at (rectified and answered on or before at). */
void zx_insp_stats(const struct zx_store_insp_db *db, long unit, int32_t from, int32_t to,
                   int32_t at, struct zx_insp_stats *out);

/* ---- checklist of §4.2 / §4.4 ---- */

struct zx_insp_check_tmpl {
    int category;
    const char *item;
};
/* The default checklist for institutions of vocab kind inst_kind; *n gets its length. */
const struct zx_insp_check_tmpl *zx_insp_checklist(int inst_kind, size_t *n);

/* ---- the workflow (one transaction each) ---- */

/* Store the plan with its default checklist and create its case (p->case_id is set to
 * INSP-<plan_id>). */
int zx_insp_new_plan(struct zx_store *st, struct zx_store_insp_plan *p, const char *const *inst,
                     size_t ninst, const struct zx_store_insp_member *team, size_t nteam,
                     struct zx_err *err) ZX_MUST_CHECK;
/* Store a finding; an empty f->finding_id becomes INSP-<plan>-F<n>. */
int zx_insp_new_finding(struct zx_store *st, struct zx_store_insp_finding *f,
                        struct zx_err *err) ZX_MUST_CHECK;
/* Store a disposition and, for a written one, its event; an empty d->disp_id becomes
 * INSP-<plan>-D<n>, the event id is the disposition id. */
int zx_insp_new_disp(struct zx_store *st, struct zx_store_insp_disp *d,
                     struct zx_err *err) ZX_MUST_CHECK;
/* Record the reply (vocab result: adopted or rejected for a 纠正违法通知书; adopted,
 * rectified or rejected otherwise) and its event <disp_id>-R answering the disposition's. */
int zx_insp_new_reply(struct zx_store *st, const char *disp_id, int32_t on, int result,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Write the 巡回检察报告 workbook of plan plan_id as of day `at` to path (replaced whole:
 * util/file.h). ZX_ENOTFOUND when there is no such plan. */
int zx_insp_report_write(struct zx_store *st, const char *plan_id, int32_t at, const char *path,
                         struct zx_err *err) ZX_MUST_CHECK;

#endif
