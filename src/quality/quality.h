/* quality.h — 案件质量评查 (quality review of closed cases) and 办案瑕疵积分 (flaw points per
 * prosecutor).
 *
 * Rules as data, each with its source: data/review_signals.json (the risk signals of a
 * 重点评查 plan, each an event-type/result test or a 流程监控 `late` stage),
 * data/review_form.json (the form's items and sub-items, the four grades of the Jan 2026
 * rules and the grading rule Q-GRADE, our documented default), data/flaw_rules.json (天水's
 * nine aspects with their situations and points — the points our documented default — and
 * the per-case thresholds 公诉案件 ≥ 40, other cases ≥ 30), read through util/datafile.h.
 *
 * Only closed (已办结) cases are reviewed (2017 规定 art. 2): every plan selects from cases
 * closed within its period, in its unit's subtree.
 *   routine (常规抽查): per handler and calendar quarter of closing, the cases with the
 *     smallest keyed hash BLAKE2b(plan_id ‖ 0 ‖ case_id), round(ratio × n) of them, and at
 *     least one per handler with closed cases when ratio > 0 — the same plan id gives the
 *     same sample on the same data.
 *   focus (重点评查): every case with a risk signal.
 *   special (专项评查): every case matching the office's filter (charge, line, department).
 *
 * Flaw points come from review findings naming a situation code, from `late` stages of
 * src/monitor (situation with "feed": "late") and from 流程监控通知书 issued against the
 * handler (store/notice.h; "feed": "notice"). Each point names its case and its source.
 *
 * Depends on monitor (late stages), metrics (the loaded case columns), store (quality.h,
 * notice.h), model (vocabularies), util; jansson and libsodium. Caller owns every
 * zx_quality_rules, zx_quality_summary and array it gets (free functions below). */
#ifndef ZX_QUALITY_QUALITY_H
#define ZX_QUALITY_QUALITY_H

#include <stddef.h>
#include <stdint.h>

#include "metrics/metrics.h"
#include "store/quality.h"
#include "store/store.h"
#include "util/err.h"

/* ---- rules ---- */

struct zx_quality_rules; /* opaque */

/* Parse the three documents (each text with its length and its name for messages). Caller
 * owns *out; free with zx_quality_rules_free. */
int zx_quality_rules_parse(const char *signals, size_t ns, const char *form, size_t nf,
                           const char *flaws, size_t nfl, struct zx_quality_rules **out,
                           struct zx_err *err) ZX_MUST_CHECK;
/* The data/ files (util/datafile.h: on disk when found, else the copies make compiles in). */
int zx_quality_rules_load_default(struct zx_quality_rules **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_quality_rules_free(struct zx_quality_rules *r);

/* Grades, best first. */
enum zx_quality_grade {
    ZX_QG_EXCELLENT,   /* 优质 */
    ZX_QG_QUALIFIED,   /* 合格 */
    ZX_QG_BASIC,       /* 基本合格 */
    ZX_QG_UNQUALIFIED, /* 不合格 */
    ZX_QG_N
};
const char *zx_quality_grade_code(int g);             /* "excellent" … */
const char *zx_quality_grade_label(int g);            /* 优质 … */
int zx_quality_grade_find(const char *code_or_label); /* -1 when unknown */
/* Q-GRADE's fail_flaws: this many flaws make a case 不合格. */
int zx_quality_fail_flaws(const struct zx_quality_rules *r);

/* Form sub-items, in form order. Borrowed: valid until zx_quality_rules_free. */
int zx_quality_item_count(const struct zx_quality_rules *r);
const char *zx_quality_item_id(const struct zx_quality_rules *r, int i); /* evidence.collection */
const char *zx_quality_item_label(const struct zx_quality_rules *r, int i); /* 证据收集全面、客观 */
const char *zx_quality_item_group(const struct zx_quality_rules *r, int i); /* 证据审查 */
int zx_quality_item_find(const struct zx_quality_rules *r, const char *id); /* -1 when none */

/* Risk signals. */
int zx_quality_signal_count(const struct zx_quality_rules *r);
const char *zx_quality_signal_id(const struct zx_quality_rules *r, int i);
const char *zx_quality_signal_label(const struct zx_quality_rules *r, int i);
const char *zx_quality_signal_source(const struct zx_quality_rules *r, int i);

/* Flaw situations. */
int zx_quality_situation_count(const struct zx_quality_rules *r);
const char *zx_quality_situation_code(const struct zx_quality_rules *r, int i);
const char *zx_quality_situation_label(const struct zx_quality_rules *r, int i);
const char *zx_quality_situation_aspect(const struct zx_quality_rules *r, int i); /* 办案期限 */
int zx_quality_situation_points(const struct zx_quality_rules *r, int i);
int zx_quality_situation_find(const struct zx_quality_rules *r, const char *code); /* -1 */
/* Per-case thresholds: 公诉案件 (public != 0) or other cases. */
int zx_quality_threshold(const struct zx_quality_rules *r, int public_prosecution);

/* ---- plans ---- */

enum zx_quality_plan_kind { ZX_QP_ROUTINE, ZX_QP_FOCUS, ZX_QP_SPECIAL };
const char *zx_quality_plan_kind_code(int k);    /* routine, focus, special */
const char *zx_quality_plan_kind_label(int k);   /* 常规抽查 … */
int zx_quality_plan_kind_find(const char *code); /* -1 when unknown */

struct zx_quality_plan_spec {
    const char *plan_id; /* NULL: assigned by the store */
    const char *unit_id; /* required: the unit whose subtree is reviewed */
    int kind;            /* enum zx_quality_plan_kind */
    const char *title;
    int32_t from, to; /* closing dates, inclusive */
    double ratio;     /* routine: 0 < ratio ≤ 1 */
    /* special: the office's filter (at least one) */
    const char *charge, *department, *line; /* line: vocabulary code (criminal …) */
    const char *by;                         /* who plans (account or staff id) */
    int32_t on;                             /* the day of planning */
};

/* The cases spec selects, without writing (m: the loaded case data, for `late`; may be
 * NULL only for routine and special plans). A routine plan needs its plan_id. Caller owns
 * *out; free with free(). */
int zx_quality_select(struct zx_store *st, const struct zx_metrics *m,
                      const struct zx_quality_rules *r, const struct zx_quality_plan_spec *spec,
                      struct zx_qstore_plan_case **out, size_t *n,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Select and store a plan; plan_id_out (ZX_QSTORE_ID_MAX bytes) receives its id, *ncases
 * the number of cases. A routine plan without an id gets one first (the store's next). */
int zx_quality_plan_create(struct zx_store *st, const struct zx_metrics *m,
                           const struct zx_quality_rules *r,
                           const struct zx_quality_plan_spec *spec, char *plan_id_out,
                           size_t *ncases, struct zx_err *err) ZX_MUST_CHECK;

/* ---- reviews ---- */

/* RULE: Q-GRADE — the grade of nf findings (sub-items not given are 符合): 不合格 when any
 * is error or the flaws reach fail_flaws, else 基本合格 when any is flaw, else 优质 when
 * propose_excellent, else 合格. ZX_EINVAL (with the reason) when propose_excellent is set
 * and a finding is not ok, or a finding is malformed (unknown item or code, a flaw without
 * a situation code). */
int zx_quality_grade(const struct zx_quality_rules *r, const struct zx_qstore_finding *f, size_t nf,
                     int propose_excellent, int *grade, struct zx_err *err) ZX_MUST_CHECK;

/* Grade case_id of plan_id and store the review (every sub-item of the form gets a finding:
 * those not given are ok). review_id_out: ZX_QSTORE_ID_MAX bytes; *grade the result. */
int zx_quality_review_submit(struct zx_store *st, const struct zx_quality_rules *r,
                             const char *plan_id, const char *case_id, const char *reviewer,
                             int32_t on, const struct zx_qstore_finding *f, size_t nf,
                             int propose_excellent, const char *notes, char *review_id_out,
                             int *grade, struct zx_err *err) ZX_MUST_CHECK;

/* The handler's 异议 (staff_id must be the review's handler). */
int zx_quality_object(struct zx_store *st, const char *review_id, const char *staff_id, int32_t on,
                      const char *text, struct zx_err *err) ZX_MUST_CHECK;

/* The answer to an 异议; final_grade (code or label) when the grade changes, else NULL. */
int zx_quality_respond(struct zx_store *st, const char *review_id, const char *who, int32_t on,
                       const char *text, const char *final_grade, struct zx_err *err) ZX_MUST_CHECK;

/* ---- flaw points and the per-staff summary (for 业绩考评) ---- */

enum zx_quality_source { ZX_QS_REVIEW, ZX_QS_LATE, ZX_QS_NOTICE };
const char *zx_quality_source_code(int s);  /* review, late, notice */
const char *zx_quality_source_label(int s); /* 评查, 超期办结, 流程监控通知书 */

/* One flaw point entry, traced to its case and its source. */
struct zx_quality_point {
    char staff_id[ZX_QSTORE_ID_MAX]; /* the handler it counts against */
    char case_id[ZX_QSTORE_ID_MAX];
    char unit_id[ZX_QSTORE_ID_MAX];
    int source;                       /* enum zx_quality_source */
    char source_id[ZX_QSTORE_ID_MAX]; /* review finding id, monitor stage@start, notice no */
    char code[16];                    /* the flaw situation */
    int points;
    int32_t on; /* graded, closed late, issued */
    int public_prosecution;
};

/* One reviewed case of a staff member in the period. */
struct zx_quality_graded {
    char staff_id[ZX_QSTORE_ID_MAX];
    char case_id[ZX_QSTORE_ID_MAX];
    char review_id[ZX_QSTORE_ID_MAX];
    int grade; /* the final grade (after an answered 异议) */
    int32_t on;
};

/* One case whose points reach its threshold. */
struct zx_quality_over {
    char staff_id[ZX_QSTORE_ID_MAX];
    char case_id[ZX_QSTORE_ID_MAX];
    int points, threshold, public_prosecution;
};

struct zx_quality_staff {
    char staff_id[ZX_QSTORE_ID_MAX];
    char name[64];
    char unit_id[ZX_QSTORE_ID_MAX];
    int reviews;
    int grades[ZX_QG_N]; /* counts by final grade */
    int points;          /* flaw points in the period */
    int entries;         /* point entries */
    int cases_over;      /* cases whose points reach their threshold */
};

/* The summary of one period. Arrays owned by the summary; staff in staff_id order, points
 * in (staff_id, on, case_id) order, graded and over likewise. */
struct zx_quality_summary {
    int32_t from, to;
    struct zx_quality_staff *staff;
    size_t nstaff;
    struct zx_quality_point *points;
    size_t npoints;
    struct zx_quality_graded *graded;
    size_t ngraded;
    struct zx_quality_over *over;
    size_t nover;
};

/* The per-staff summary of [from, to] for the handlers of cases in unit_id's subtree (NULL:
 * every unit), only staff_id when not NULL: review grades (reviews graded in the period),
 * flaw points (findings of those reviews, stages closed late in the period — monitor run as
 * of `to` — and notices issued in the period) with the cases behind each, and the cases at
 * or over their threshold (RULE: FLAW-THRESHOLD-PUBLIC, FLAW-THRESHOLD-OTHER). Staff appear
 * when they have a review or a point. m: the loaded case data (NULL: no `late` points).
 * Caller owns *out; free with zx_quality_summary_free. */
int zx_quality_staff_summary(struct zx_store *st, const struct zx_metrics *m,
                             const struct zx_quality_rules *r, const char *unit_id,
                             const char *staff_id, int32_t from, int32_t to,
                             struct zx_quality_summary **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_quality_summary_free(struct zx_quality_summary *s);

/* The entry of staff_id in s, or NULL. Borrowed: valid until zx_quality_summary_free. */
const struct zx_quality_staff *zx_quality_summary_find(const struct zx_quality_summary *s,
                                                       const char *staff_id);

/* ---- JSON (the CLI's --format json and the web API share these shapes) ---- */

struct json_t; /* jansson's */

/* {from, to, thresholds:{public_prosecution, other}, staff:[{staff_id, name, unit_id,
 * reviews, grades:{excellent, qualified, basic, unqualified}, points, entries, cases_over}],
 * points:[{staff_id, case_id, unit_id, source, source_label, source_id, code, label, aspect,
 * points, on, public_prosecution}], graded:[{staff_id, case_id, review_id, grade,
 * grade_label, on}], over:[{staff_id, case_id, points, threshold, public_prosecution}]}.
 * Caller owns the result; free with json_decref. */
struct json_t *zx_quality_summary_json(const struct zx_quality_summary *s,
                                       const struct zx_quality_rules *r);
/* A plan (with its n cases when cases is not NULL). */
struct json_t *zx_quality_plan_json(const struct zx_qstore_plan *p,
                                    const struct zx_qstore_plan_case *cases, size_t n);
/* A review with its findings (each with its item's label and group, the situation's label
 * and points). */
struct json_t *zx_quality_review_json(const struct zx_quality_rules *r,
                                      const struct zx_qstore_review *v,
                                      const struct zx_qstore_finding *f, size_t nf);
/* The form, grades, signals and situations, for a client that draws the form. */
struct json_t *zx_quality_rules_json(const struct zx_quality_rules *r);

#endif
