/* datasets.h — 大数据法律监督 in the store: external datasets (versioned by the file's hash,
 * with their validated rows and their rejects), model runs, and leads (线索) with every
 * step of their workflow: assigned, verified (核查), closed as unfounded, or turned into a
 * case whose events (纠正违法通知书, 检察建议, 公益诉讼 …) are contract rows the indicators
 * count. Units and staff are named by their contract ids; dates are day numbers
 * (util/date.h). Every act is appended to the ledger in its own transaction.
 *
 * Datasets belong to a unit (migration 14): a unit sees and runs models over the datasets
 * of its subtree.
 *
 * Depends on store (store.h, sql.h, ledger.h), util and SQLite. Schema: migrations 12 and
 * 14 in schema.c. */
#ifndef ZX_STORE_DATASETS_H
#define ZX_STORE_DATASETS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_DS_ID_MAX   80  /* ids and short names, NUL included */
#define ZX_DS_TEXT_MAX 512 /* titles, source organisations, notes */

struct zx_dataset_meta {
    int64_t rid;
    char dataset_id[2 * ZX_DS_ID_MAX + 16]; /* unit:name@vN */
    char name[ZX_DS_ID_MAX];
    int version;
    char title[ZX_DS_TEXT_MAX];
    char source_org[ZX_DS_TEXT_MAX];
    int32_t received_on;
    char file_name[ZX_DS_TEXT_MAX];
    char file_hash[65]; /* SHA-256, hex */
    char unit_id[ZX_DS_ID_MAX];
    int64_t rows_read, imported, rejected, warnings;
    int64_t added_at; /* unix seconds */
    char added_by[ZX_DS_ID_MAX];
};

/* The version of unit_id's dataset `name` whose file has hash `hash` (hash NULL: the
 * latest version). *found = 0 when there is none. */
int zx_dataset_find(struct zx_store *st, const char *unit_id, const char *name, const char *hash,
                    struct zx_dataset_meta *out, int *found, struct zx_err *err) ZX_MUST_CHECK;

/* The dataset version dataset_id (unit:name@vN). *found = 0 when there is none. */
int zx_dataset_get(struct zx_store *st, const char *dataset_id, struct zx_dataset_meta *out,
                   int *found, struct zx_err *err) ZX_MUST_CHECK;

/* Inside the caller's transaction: store m as the next version of m->name at m->unit_id
 * (m->version, m->dataset_id = unit:name@vN and m->rid are set) with its schema (JSON). */
int zx_dataset_insert(struct zx_store *st, struct zx_dataset_meta *m, const char *schema,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Inside the caller's transaction: one validated row (vals: JSON object of normalised
 * values), and one rejected or warned row. */
int zx_dataset_put_row(struct zx_store *st, int64_t ds, long line, const char *id_number,
                       int id_flag, const char *name, int32_t birth, const char *vals,
                       const char *raw, size_t raw_len, struct zx_err *err) ZX_MUST_CHECK;
int zx_dataset_put_issue(struct zx_store *st, int64_t ds, long line, const char *column,
                         const char *outcome, const char *reason, const char *reason_zh,
                         const char *raw, size_t raw_len, struct zx_err *err) ZX_MUST_CHECK;

/* Inside the caller's transaction: the counts, then the dataset's ledger entry. */
int zx_dataset_finish(struct zx_store *st, struct zx_dataset_meta *m,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Every version of every dataset of the subtree of unit_id (NULL: all units), by unit,
 * name, version. Borrowed: valid during the call. */
typedef int (*zx_dataset_cb)(void *ud, const struct zx_dataset_meta *m);
int zx_dataset_list(struct zx_store *st, const char *unit_id, zx_dataset_cb cb, void *ud,
                    struct zx_err *err) ZX_MUST_CHECK;

/* The latest version of dataset `name` of each unit in the subtree of unit_id (NULL: all
 * units), by unit: what a model run by unit_id reads. */
int zx_dataset_latest(struct zx_store *st, const char *unit_id, const char *name, zx_dataset_cb cb,
                      void *ud, struct zx_err *err) ZX_MUST_CHECK;

/* The schema of dataset rid. Caller owns *out; free with free(). */
int zx_dataset_schema(struct zx_store *st, int64_t rid, char **out,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Rows of dataset rid in line order; texts borrowed: valid during the call. */
typedef int (*zx_dataset_row_cb)(void *ud, long line, const char *id_number, const char *name,
                                 int32_t birth, const char *vals, const char *raw);
int zx_dataset_rows(struct zx_store *st, int64_t rid, zx_dataset_row_cb cb, void *ud,
                    struct zx_err *err) ZX_MUST_CHECK;

/* Rejected and warned rows of dataset rid, in line order: reason the English, reason_zh the
 * Chinese (NULL for datasets added before both were kept). */
typedef int (*zx_dataset_issue_cb)(void *ud, long line, const char *column, const char *outcome,
                                   const char *reason, const char *reason_zh, const char *raw);
int zx_dataset_issues(struct zx_store *st, int64_t rid, zx_dataset_issue_cb cb, void *ud,
                      struct zx_err *err) ZX_MUST_CHECK;

/* ---- the case data a model reads ---- */

/* One convict as the models see it (texts borrowed: valid during the call). sentence_end is
 * sentence_start + term_months − pretrial_days for fixed terms and 拘役/管制, ZX_DATE_NULL
 * for life and 死缓; release_on/ground: the latest 暂予监外执行 (ZX_DATE_NULL / "" when none). */
struct zx_ds_convict {
    const char *convict_id, *name, *id_number, *charge, *sentence_kind, *institution_kind;
    const char *unit_id, *release_ground;
    int32_t birth_date, sentence_start, sentence_end, release_on;
    int64_t term_months;
};
typedef int (*zx_ds_convict_cb)(void *ud, const struct zx_ds_convict *c);
int zx_ds_convicts(struct zx_store *st, zx_ds_convict_cb cb, void *ud,
                   struct zx_err *err) ZX_MUST_CHECK;

/* 1 when unit_id is root_id or below it; 0 otherwise (also for unknown ids). */
int zx_ds_unit_within(struct zx_store *st, const char *root_id, const char *unit_id, int *within,
                      struct zx_err *err) ZX_MUST_CHECK;

/* The root unit's id ("" when there are no units). */
int zx_ds_root_unit(struct zx_store *st, char out[ZX_DS_ID_MAX], struct zx_err *err) ZX_MUST_CHECK;

/* ---- model runs and leads ---- */

/* Start a model run (caller's transaction); *run_rid and run_id (RUN-…) are set. */
int zx_lead_run_start(struct zx_store *st, const char *model, const char *model_hash,
                      const char *unit_id, int32_t as_of, const char *by, const char *datasets,
                      int64_t *run_rid, char run_id[ZX_DS_ID_MAX],
                      struct zx_err *err) ZX_MUST_CHECK;
int zx_lead_run_finish(struct zx_store *st, int64_t run_rid, int64_t hits, int64_t new_leads,
                       struct zx_err *err) ZX_MUST_CHECK;

struct zx_lead {
    int64_t rid;
    char lead_id[ZX_DS_ID_MAX + 32]; /* XS-<model>-<6 digits> */
    char model[ZX_DS_ID_MAX];
    char hit_key[ZX_DS_TEXT_MAX]; /* what makes a hit one (the base row): reruns add no duplicate */
    char unit_id[ZX_DS_ID_MAX];
    char person_name[ZX_DS_ID_MAX];
    char id_number[ZX_DS_ID_MAX];
    char title[ZX_DS_TEXT_MAX];
    char basis[2048];
    char action[ZX_DS_TEXT_MAX];
    char *evidence;     /* JSON; Caller owns (zx_lead_get); NULL from zx_lead_list */
    double probability; /* lowest probability of a fuzzy link in the evidence; 1 when exact */
    char status[16];    /* new · assigned · verified · unfounded · case */
    char assignee[ZX_DS_ID_MAX]; /* staff id */
    int32_t created_on, verified_on, closed_on;
    char finding[16]; /* confirmed · unfounded, "" before 核查 */
    char notes[2048];
    char attachments[2048];
    char case_id[ZX_DS_ID_MAX];
    char run_id[ZX_DS_ID_MAX];
};

/* Store a new lead in the caller's transaction unless (model, hit_key) is known: *created 1
 * when stored (l->lead_id, l->rid set; "created" step and ledger entry), 0 when known. */
int zx_lead_insert(struct zx_store *st, int64_t run_rid, struct zx_lead *l, const char *by,
                   int *created, struct zx_err *err) ZX_MUST_CHECK;

/* Lead lead_id with its evidence (Caller owns l->evidence; free with free()).
 * ZX_ENOTFOUND when unknown. */
int zx_lead_get(struct zx_store *st, const char *lead_id, struct zx_lead *l,
                struct zx_err *err) ZX_MUST_CHECK;

struct zx_lead_filter {
    const char *unit_id;  /* the subtree of this unit (NULL: all) */
    const char *model;    /* NULL: all */
    const char *status;   /* NULL: all */
    const char *assignee; /* NULL: all */
};
typedef int (*zx_lead_cb)(void *ud, const struct zx_lead *l);
int zx_lead_list(struct zx_store *st, const struct zx_lead_filter *f, zx_lead_cb cb, void *ud,
                 struct zx_err *err) ZX_MUST_CHECK;

/* Write l's workflow fields (status, assignee, finding, notes, attachments, dates, case_id)
 * and a step named `step` by `who` on day `on` with `note`, and the ledger entry, in one
 * transaction. */
int zx_lead_update(struct zx_store *st, const struct zx_lead *l, const char *step, const char *who,
                   int32_t on, const char *note, struct zx_err *err) ZX_MUST_CHECK;

/* Steps of a lead in order. */
typedef int (*zx_lead_step_cb)(void *ud, const char *step, const char *who, int32_t on,
                               const char *note);
int zx_lead_steps(struct zx_store *st, int64_t lead_rid, zx_lead_step_cb cb, void *ud,
                  struct zx_err *err) ZX_MUST_CHECK;

/* Turn lead l into case case_id at l->unit_id handled by staff handler_id, accepted on
 * `on`: a criminal-execution case found by authority (依职权, 主动发现) with one event of
 * type event_type (vocabulary code: suggestion, correction_notice, pil_lawsuit …) and
 * result `result` (may be NULL), and set the lead to status "case" — all in one
 * transaction with the ledger entries. ZX_EINVAL for an unknown staff, code or a case id
 * in use. */
int zx_lead_make_case(struct zx_store *st, struct zx_lead *l, const char *case_id,
                      const char *case_no, const char *handler_id, const char *event_type,
                      const char *result, int32_t on, const char *who,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Record the reply (suggestion_reply, correction_reply, pil_judgment …) to the first event
 * of the lead's case: result adopted · rectified · rejected (or supported · rejected). */
int zx_lead_case_reply(struct zx_store *st, const struct zx_lead *l, const char *reply_type,
                       const char *result, int32_t on, const char *who,
                       struct zx_err *err) ZX_MUST_CHECK;

/* 一个模型监督一批: per model and unit of the subtree of unit_id (NULL: all) — leads,
 * verified (核查 done), unfounded, cases, rectified (a reply 整改到位/采纳 in the case). */
struct zx_lead_stat {
    const char *model, *unit_id, *unit_name; /* Borrowed: valid during the call */
    int64_t leads, verified, unfounded, cases, rectified;
};
typedef int (*zx_lead_stat_cb)(void *ud, const struct zx_lead_stat *s);
int zx_lead_stats(struct zx_store *st, const char *unit_id, zx_lead_stat_cb cb, void *ud,
                  struct zx_err *err) ZX_MUST_CHECK;

#endif
