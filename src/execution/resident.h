/* resident.h — 派驻检察: the resident office's checklists, its duty log checked against them,
 * the rules on the office itself, and the link to circuit inspections.
 *
 * Rules as data: data/resident_checklists.json ($ZHIXIAO_DATA, data/ beside the build, else
 * the copy make compiles in), every item with its source, article and
 * frequency, and the office rules of XH2021 art. 17 (≥ 2 persons with ≥ 1 procurator, ≥ 12
 * working days a month on site, rotation every 3 years) with their articles.
 *
 * The gap report over a period [from, to] (legal-rules.md §4.2):
 *  - daily items: every working day (Monday–Friday; no holiday calendar yet) with no entry;
 *  - weekly items: every Monday–Sunday week inside the period with no entry;
 *  - monthly items: every calendar month inside the period with no entry; per-event items are
 *    counted, never a gap;
 *  - days on site: a calendar month inside the period with fewer distinct working days that
 *    have an entry than the minimum (11 is a breach, 12 is not);
 *  - staffing: the days on which fewer than 2 persons, or no 员额检察官, were assigned (runs
 *    of consecutive days, one gap each);
 *  - rotation: an assignment still running after its start + 3 years (C4 months, the
 *    starting day not counted: assigned 2021-03-01, the last day is 2024-03-01 and
 *    2024-03-02 is a breach).
 * Periods before the office opened are not checked.
 *
 * What the office finds is a finding of its standing inspection plan (store/resident.h), so
 * dispositions, deadlines and escalation are the inspection flow's (inspect.h). A circuit
 * inspection starts from the office's records (art. 28: zx_res_brief) and checks the office
 * (arts. 15–16: zx_res_audit turns the gap report into findings of the inspection).
 *
 * Depends on store (store.h, resident.h, inspect.h), model, util and jansson. */
#ifndef ZX_EXECUTION_RESIDENT_H
#define ZX_EXECUTION_RESIDENT_H

#include "store/inspect.h"
#include "store/resident.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

enum zx_res_freq { ZX_RES_DAILY = 1, ZX_RES_WEEKLY, ZX_RES_MONTHLY, ZX_RES_PER_EVENT };
const char *zx_res_freq_code(int f);  /* daily … static storage, NULL out of range */
const char *zx_res_freq_label(int f); /* 每日 … */

struct zx_res_item {
    char id[32];
    int kind;        /* vocab institution_kind, 0: both prisons and detention houses */
    char area[64];   /* 收押、出所 … */
    char item[192];  /* what is checked */
    int freq;        /* enum zx_res_freq */
    int category;    /* enum zx_store_insp_cat of a finding on it */
    char source[16]; /* XH2021 */
    char source_title[128];
    char article[32];   /* 第十七条 */
    char confidence[4]; /* S, U, V */
    int any_entry;      /* done on a day by any entry of that day (on duty) */
};

/* The office rules, each with its id and article. */
struct zx_res_office_rules {
    int min_persons, min_procurators, min_days_month, rotation_years;
    char staff_rule[32], days_rule[32], rotation_rule[32];
    char staff_article[64], days_article[64], rotation_article[64];
};

struct zx_res_rules {
    struct zx_res_item *items; /* From malloc() */
    size_t nitems;
    struct zx_res_office_rules office;
};

/* Parse the checklist JSON text (name for messages: file, line, column). Caller owns *out;
 * free with zx_res_rules_free. */
int zx_res_rules_parse(const char *text, size_t len, const char *name, struct zx_res_rules **out,
                       struct zx_err *err) ZX_MUST_CHECK;
/* data/resident_checklists.json through util/datafile.h (the file, else its compiled-in
 * copy); *where (may be NULL) names which (static storage). */
int zx_res_rules_load_default(struct zx_res_rules **out, const char **where,
                              struct zx_err *err) ZX_MUST_CHECK;
void zx_res_rules_free(struct zx_res_rules *r);
/* Index of item id, -1 when none; 1 when item i applies to institutions of inst_kind. */
long zx_res_item_find(const struct zx_res_rules *r, const char *id);
int zx_res_item_applies(const struct zx_res_item *it, int inst_kind);

/* ---- the gap report ---- */

enum zx_res_gap_kind {
    ZX_RES_GAP_ITEM = 1,   /* a checklist item not done in a day / week / month */
    ZX_RES_GAP_DAYS,       /* fewer working days on site in a month than the minimum */
    ZX_RES_GAP_STAFF,      /* fewer persons assigned than the minimum */
    ZX_RES_GAP_PROCURATOR, /* no 员额检察官 assigned */
    ZX_RES_GAP_ROTATION,   /* an assignment past its rotation day */
};
const char *zx_res_gap_code(int k); /* item, days, staff, procurator, rotation */

struct zx_res_gap {
    int kind;
    size_t office;                /* index into the snapshot's offices */
    long item;                    /* index into rules->items, -1 for office gaps */
    int32_t from, to;             /* the day, week, month or run of days concerned */
    int count;                    /* days on site, persons or procurators; 0 otherwise */
    char staff_id[ZX_RES_ID_MAX]; /* rotation: who */
    const char *rule;             /* borrowed from rules: item id or office rule id */
    const char *article;          /* borrowed from rules */
    char msg[320];                /* Chinese, with expected and actual values */
};

/* Per item of an office over the period: periods expected and done, entries. */
struct zx_res_item_cov {
    size_t office;
    long item;
    int expected, done, entries;
};

struct zx_res_report {
    struct zx_res_gap *gaps; /* From malloc() */
    size_t ngaps;
    struct zx_res_item_cov *cov; /* From malloc(): applicable items of each office checked */
    size_t ncov;
    int days_on_site; /* distinct working days with an entry, over the offices checked */
};

/* The gap report of office (index into db->offices; -1: every office) over [from, to], with
 * db's logs covering at least that period. Caller owns *out; free with
 * zx_res_report_release. */
int zx_res_gaps(const struct zx_res_rules *r, const struct zx_res_db *db, long office, int32_t from,
                int32_t to, struct zx_res_report *out, struct zx_err *err) ZX_MUST_CHECK;
void zx_res_report_release(struct zx_res_report *rep);

/* ---- with the inspections ---- */

/* Art. 28's pre-inspection pull for institution_id over [from, to] as of day at: the
 * resident offices there, their entries, findings (by found_on) and dispositions, and gaps. */
struct zx_res_brief {
    int offices, entries, findings, rectified, gaps;
    int disp[ZX_STORE_INSP_DISP_COUNT_];
    int answered, open, overdue;
    char office_ids[256]; /* ", "-separated */
};
void zx_res_brief(const struct zx_res_db *rdb, const struct zx_store_insp_db *idb,
                  const struct zx_res_report *rep, const char *institution_id, int32_t from,
                  int32_t to, int32_t at, struct zx_res_brief *out);

/* Art. 28 for inspection plan (index into idb->plans): the brief of the resident offices at
 * its institutions over the 12 months before its start, gaps included, as of day at; *from
 * and *to get that period. rdb must hold the logs of the period. */
int zx_res_plan_brief(const struct zx_res_rules *r, const struct zx_res_db *rdb,
                      const struct zx_store_insp_db *idb, size_t plan, int32_t at,
                      struct zx_res_brief *out, int32_t *from, int32_t *to,
                      struct zx_err *err) ZX_MUST_CHECK;

/* ---- the workflow (one transaction each) ---- */

/* Open office o with its standing plan RES-<office_id> (o->plan_id is set), led by staff
 * member lead, who is also assigned from the opening day. */
int zx_res_new_office(struct zx_store *st, struct zx_res_office *o, const char *lead,
                      struct zx_err *err) ZX_MUST_CHECK;
/* Record entry l; its item must be on the checklist of the office's institution kind. */
int zx_res_new_log(struct zx_store *st, const struct zx_res_rules *r, struct zx_res_log *l,
                   struct zx_err *err) ZX_MUST_CHECK;
/* Record what the office found as a finding of its plan (f->plan_id and f->institution_id
 * are set from the office; f->category defaults to the item's), linked to entry log_id when
 * given (then the office is the entry's and office_id may be NULL). */
int zx_res_new_finding(struct zx_store *st, const struct zx_res_rules *r, const char *office_id,
                       const char *log_id, struct zx_store_insp_finding *f,
                       struct zx_err *err) ZX_MUST_CHECK;
/* Arts. 15–16: record the gap report of office_id over [from, to] as findings (category
 * resident_office) of inspection plan_id, found on day `on`: one per item not done at its
 * frequency (with the number of periods missed) and one per office-rule breach. *n gets how
 * many were recorded. */
int zx_res_audit(struct zx_store *st, const struct zx_res_rules *r, const char *office_id,
                 const char *plan_id, int32_t from, int32_t to, int32_t on, int *n,
                 struct zx_err *err) ZX_MUST_CHECK;

#endif
