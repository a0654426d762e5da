/* inspect.h — circuit inspections (巡回检察) in the store: plans with their institutions and
 * team, checklist items, findings, dispositions with their replies, escalations.
 *
 * Plans, findings and dispositions are named by text ids (plan_id "P2024-01", finding_id
 * "INSP-P2024-01-F3" …); units, staff and institutions by their contract ids, so a
 * re-import never orphans an inspection. Dates are day numbers (util/date.h). The rules
 * (§4.1 checks, deadlines, coverage, statistics) are in execution/inspect.h, computed over a
 * snapshot read with zx_store_insp_load. The inspection's case and events (so that the
 * indicators count notices and replies) are written by the caller through store.h in the
 * same transaction as the rows here.
 *
 * Owner: the store (prefix zx_store_insp_ / ZX_STORE_INSP_) of the rows only; inspections
 * (rules, workflow, report) are owned by execution/inspect.h (prefix zx_insp_). Callers read
 * the snapshot here and make the single-row updates (feedback, rectified, checklist,
 * escalation); every step that also writes a case or events goes through execution.
 * Depends on store and util (SQLite backend). Schema: the migration "circuit inspections"
 * in schema.c. Legal basis: shared/research/legal-rules.md §4 (XH2021) and §1.9. */
#ifndef ZX_STORE_INSPECT_H
#define ZX_STORE_INSPECT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_STORE_INSP_ID_MAX   96   /* ids, NUL included */
#define ZX_STORE_INSP_NAME_MAX 128  /* names and sub-categories, NUL included */
#define ZX_STORE_INSP_TEXT_MAX 1024 /* descriptions and evidence, NUL included */

/* The four inspection types of XH2021 art. 4. Stored as their codes. */
enum zx_store_insp_type {
    ZX_STORE_INSP_ROUTINE = 1, /* 常规 */
    ZX_STORE_INSP_CROSS,       /* 交叉 */
    ZX_STORE_INSP_SPECIAL,     /* 专门 */
    ZX_STORE_INSP_AD_HOC,      /* 机动 */
    ZX_STORE_INSP_TYPE_COUNT_
};

/* Dispositions of a finding (XH2021 art. 36; RULES 624). */
enum zx_store_insp_disp_kind {
    ZX_STORE_INSP_ORAL = 1,          /* 口头纠正意见 */
    ZX_STORE_INSP_CORRECTION_NOTICE, /* 纠正违法通知书 */
    ZX_STORE_INSP_SUGGESTION,        /* 检察建议书 */
    ZX_STORE_INSP_DISP_COUNT_
};

/* Problem categories of legal-rules.md §4.4 (RULES 615–641, XH2021). Append-only. */
enum zx_store_insp_cat {
    ZX_STORE_INSP_C_DELIVERY = 1,     /* 交付执行 */
    ZX_STORE_INSP_C_RELEASE,          /* 释放 */
    ZX_STORE_INSP_C_CUSTODY_PERIOD,   /* 羁押期限 */
    ZX_STORE_INSP_C_COMMUTATION,      /* 减刑、假释 */
    ZX_STORE_INSP_C_TEMP_RELEASE,     /* 暂予监外执行 */
    ZX_STORE_INSP_C_SECURITY,         /* 监管安全 */
    ZX_STORE_INSP_C_EDUCATION,        /* 教育改造、劳动 */
    ZX_STORE_INSP_C_RIGHTS,           /* 被监管人权益 */
    ZX_STORE_INSP_C_SCORING,          /* 计分考核、立功奖惩 */
    ZX_STORE_INSP_C_SPECIAL_POSTS,    /* 特岗罪犯 */
    ZX_STORE_INSP_C_OLD_ILL_DISABLED, /* 老病残 */
    ZX_STORE_INSP_C_RESIDENT_OFFICE,  /* 派驻检察履职 */
    ZX_STORE_INSP_CAT_COUNT_
};

/* English code and Chinese label of a value (static storage; NULL when out of range), and
 * the value of a code or label (0 when none). */
const char *zx_store_insp_type_code(int t);
const char *zx_store_insp_type_label(int t);
int zx_store_insp_type_find(const char *s);
const char *zx_store_insp_disp_code(int k);
const char *zx_store_insp_disp_label(int k);
int zx_store_insp_disp_find(const char *s);
const char *zx_store_insp_cat_code(int c);
const char *zx_store_insp_cat_label(int c);
int zx_store_insp_cat_find(const char *s);

/* ---- rows ---- */

struct zx_store_insp_member {
    char name[ZX_STORE_INSP_NAME_MAX];
    char staff_id[ZX_STORE_INSP_ID_MAX]; /* "" for experts and guests (arts. 23–25) */
    char role[16];                       /* lead | member | expert */
};

struct zx_store_insp_plan {
    int64_t rid; /* set by the store */
    char plan_id[ZX_STORE_INSP_ID_MAX];
    char unit_id[ZX_STORE_INSP_ID_MAX]; /* organising procuratorate */
    int type;                           /* enum zx_store_insp_type */
    int inst_kind;                      /* vocab institution_kind of the institutions inspected */
    int32_t start, end;                 /* first and last day, both inclusive */
    int onsite_days;
    int reduced;                            /* art. 12: few inmates, shortened time filed upwards */
    char lead[ZX_STORE_INSP_ID_MAX];        /* staff_id of the team leader (the case's handler) */
    char followup_of[ZX_STORE_INSP_ID_MAX]; /* plan_id this 整改 follow-up checks, "" when none */
    int32_t feedback_on;                    /* 反馈 meeting (art. 35), ZX_DATE_NULL until held */
    char case_id[ZX_STORE_INSP_ID_MAX];     /* the inspection's case in `cases` */
    int resident; /* read only: the standing plan of a 派驻检察室 (store/resident.h), whose
                   * findings are the office's; never an inspection in coverage or statistics */
};

struct zx_store_insp_finding {
    int64_t rid;
    char finding_id[ZX_STORE_INSP_ID_MAX];
    char plan_id[ZX_STORE_INSP_ID_MAX];
    char institution_id[ZX_STORE_INSP_ID_MAX];
    int category;                     /* enum zx_store_insp_cat */
    char sub[ZX_STORE_INSP_NAME_MAX]; /* finer problem kind ("77 类"), "" when none */
    char desc[ZX_STORE_INSP_TEXT_MAX];
    char evidence[ZX_STORE_INSP_TEXT_MAX];
    int32_t found_on;
    int32_t rectified_on; /* ZX_DATE_NULL until confirmed rectified */
};

struct zx_store_insp_disp {
    int64_t rid;
    char disp_id[ZX_STORE_INSP_ID_MAX];
    char finding_id[ZX_STORE_INSP_ID_MAX];
    int kind;       /* enum zx_store_insp_disp_kind */
    int32_t served; /* day the document was served (送达) or the oral opinion given */
    char follow_staff[ZX_STORE_INSP_ID_MAX]; /* art. 36(2): the named person following it up */
    char event_id[ZX_STORE_INSP_ID_MAX];     /* correction_notice / suggestion event, "" for oral */
    int32_t reply_on;                        /* ZX_DATE_NULL while unanswered */
    int reply_result; /* vocab result (adopted, rectified, rejected), 0 none */
    char reply_event_id[ZX_STORE_INSP_ID_MAX];
    int32_t escalated_on;                    /* recorded report to the higher procuratorate */
    char escalated_to[ZX_STORE_INSP_ID_MAX]; /* its unit_id */
};

/* ---- writes (each inside the caller's transaction, or alone) ---- */

/* Insert a plan with its institutions (ninst ids) and team; p->rid is set. The unit, the
 * lead and every institution must exist (ZX_ENOTFOUND), the plan id must be new
 * (ZX_EINVAL). */
int zx_store_insp_add_plan(struct zx_store *st, struct zx_store_insp_plan *p,
                           const char *const *inst, size_t ninst,
                           const struct zx_store_insp_member *team, size_t nteam,
                           struct zx_err *err) ZX_MUST_CHECK;
int zx_store_insp_add_check_item(struct zx_store *st, const char *plan_id, int category,
                                 const char *item, struct zx_err *err) ZX_MUST_CHECK;
/* Mark checklist item `seq` (1-based, in insertion order) of a plan done. */
int zx_store_insp_check_done(struct zx_store *st, const char *plan_id, int seq,
                             struct zx_err *err) ZX_MUST_CHECK;
int zx_store_insp_add_finding(struct zx_store *st, struct zx_store_insp_finding *f,
                              struct zx_err *err) ZX_MUST_CHECK;
int zx_store_insp_add_disp(struct zx_store *st, struct zx_store_insp_disp *d,
                           struct zx_err *err) ZX_MUST_CHECK;
/* Record the reply to disposition disp_id. */
int zx_store_insp_set_reply(struct zx_store *st, const char *disp_id, int32_t on, int result,
                            const char *reply_event_id, struct zx_err *err) ZX_MUST_CHECK;
int zx_store_insp_set_feedback(struct zx_store *st, const char *plan_id, int32_t on,
                               struct zx_err *err) ZX_MUST_CHECK;
int zx_store_insp_set_rectified(struct zx_store *st, const char *finding_id, int32_t on,
                                struct zx_err *err) ZX_MUST_CHECK;
/* Record the report of an overdue disposition to unit to_unit_id (once: a second call for
 * the same disposition changes nothing). */
int zx_store_insp_escalate(struct zx_store *st, const char *disp_id, const char *to_unit_id,
                           int32_t on, struct zx_err *err) ZX_MUST_CHECK;

/* *n = number of findings (or dispositions when disp) of plan plan_id, for numbering. */
int zx_store_insp_count(struct zx_store *st, const char *plan_id, int disp, int *n,
                        struct zx_err *err) ZX_MUST_CHECK;
/* The plan a finding (disp = 0: id is a finding_id) or a disposition (disp = 1: a disp_id)
 * belongs to: its plan_id, team leader and case, and the finding's found_on (disposition:
 * its served_on; ZX_DATE_NULL when empty). ZX_ENOTFOUND when there is no such row. */
struct zx_store_insp_plan_of {
    char plan_id[ZX_STORE_INSP_ID_MAX], lead[ZX_STORE_INSP_ID_MAX], case_id[ZX_STORE_INSP_ID_MAX];
    int32_t start;
};
int zx_store_insp_plan_of(struct zx_store *st, const char *id, int disp,
                          struct zx_store_insp_plan_of *o, struct zx_err *err) ZX_MUST_CHECK;
/* Row id of a staff member, case or event by external id (0 when none). */
int64_t zx_store_insp_rid(struct zx_store *st, enum zx_table t, const char *xid);

/* ---- the snapshot ---- */

struct zx_store_insp_unit {
    char unit_id[ZX_STORE_INSP_ID_MAX], name[ZX_STORE_INSP_NAME_MAX];
    int level;  /* vocab unit_level */
    int parent; /* index into units, -1 for a root */
};
struct zx_store_insp_inst {
    char institution_id[ZX_STORE_INSP_ID_MAX], name[ZX_STORE_INSP_NAME_MAX];
    int kind;
    int unit; /* index of the supervising procuratorate, -1 when none */
};
struct zx_store_insp_target {
    size_t plan, inst; /* indexes */
};
struct zx_store_insp_check {
    size_t plan;
    int seq, category, done;
    char item[ZX_STORE_INSP_NAME_MAX * 2];
};
struct zx_store_insp_team {
    size_t plan;
    struct zx_store_insp_member m;
};

/* Everything inspections need, read at once. Arrays From malloc(); plans ordered by start
 * date, findings and dispositions by date. */
struct zx_store_insp_db {
    struct zx_store_insp_unit *units;
    size_t nunits;
    struct zx_store_insp_inst *insts;
    size_t ninsts;
    struct zx_store_insp_plan *plans;
    size_t nplans;
    struct zx_store_insp_target *targets;
    size_t ntargets;
    struct zx_store_insp_team *team;
    size_t nteam;
    struct zx_store_insp_check *checks;
    size_t nchecks;
    struct zx_store_insp_finding *findings;
    size_t nfindings;
    struct zx_store_insp_disp *disps;
    size_t ndisps;
};

/* Read the snapshot. Caller owns *db's arrays; free with zx_store_insp_release(). */
int zx_store_insp_load(struct zx_store *st, struct zx_store_insp_db *db,
                       struct zx_err *err) ZX_MUST_CHECK;
void zx_store_insp_release(struct zx_store_insp_db *db);

/* Index of an id in the snapshot's arrays, -1 when absent. */
long zx_store_insp_db_unit(const struct zx_store_insp_db *db, const char *unit_id);
long zx_store_insp_db_inst(const struct zx_store_insp_db *db, const char *institution_id);
long zx_store_insp_db_plan(const struct zx_store_insp_db *db, const char *plan_id);
long zx_store_insp_db_finding(const struct zx_store_insp_db *db, const char *finding_id);
long zx_store_insp_db_disp(const struct zx_store_insp_db *db, const char *disp_id);

#endif
