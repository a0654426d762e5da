/* supervise.h — 大数据法律监督: external datasets, supervision models as data, and the leads
 * (线索) they produce, worked until they become a case ("办理一案、监督一批、治理一片").
 *
 * Datasets: a CSV file and a schema (JSON: each column's field name and role — id_number,
 * name, birth_date, date, month, amount, code, text, unit — and the provenance). Every row is
 * validated like the bundle import: a bad row is rejected with line, column and reason and
 * kept verbatim in the rejects; the rest lands in one transaction. A dataset belongs to a
 * unit and is versioned, per unit, by the SHA-256 of its file: adding the same file again
 * changes nothing.
 *
 * Models (data/models/<id>.json): a base source (the case data's convicts, or a dataset) and
 * the datasets collided with it, each linked per person — the same citizen id (15-digit ids
 * widened), else a Fellegi–Sunter match probability over id number, name and birth date
 * compared by src/collide's graded levels (同音字, one-digit typos, date forms) — with filters
 * on each source and date-window rules across them; one evaluator runs them all.
 *
 * Fuzzy probabilities are estimated per run and per joined source on the data itself (all rows
 * of the base and of that source, whatever the filters): u per level from 20,000 random pairs
 * (fixed seed; every pair when there are at most 30,000), m per level and the prior by
 * collide's EM over the comparison patterns of the candidate pairs (same id, birth date or
 * name — the evaluator's blocking), m smoothed with the priors as one pseudo-match, and exact
 * name agreement weighted by the name's frequency in the two sources. With fewer than 50
 * candidate pairs, or when EM degenerates (for a field, exact agreement not more likely among
 * matches than among random pairs or disagreement not less likely; less than one match
 * expected), the documented priors (linkage.c: m and u per level, prior 1e-4, no term
 * frequencies) are used instead. A model file may set "threshold" (default 0.9).
 *
 * A hit becomes a lead with its evidence rows: a fuzzy row carries its "probability" and
 * "estimate" ("em" or "prior"), and its source a "linkage" object (estimate, note — the fit's
 * size or why the priors were used — candidates, random_pairs, iterations, lambda). Rerunning
 * a model adds no duplicate lead.
 *
 * Leads: assigned to a prosecutor, verified (核查: confirmed or unfounded, notes,
 * attachments as text), closed as unfounded, or turned into a case with its event (检察建议,
 * 纠正违法通知书, 公益诉讼 …) that the indicators count; every act in the ledger.
 *
 * Owner: the supervise module (src/supervise). Errors: ZX_OK or a negative ZX_E… with a
 * message in struct zx_err. Depends on store (store/datasets.h), collide (comparisons and EM),
 * util and jansson, libsodium (SHA-256). */
#ifndef ZX_SUPERVISE_SUPERVISE_H
#define ZX_SUPERVISE_SUPERVISE_H

#include "store/datasets.h"
#include "store/store.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

/* ---- datasets ---- */

struct zx_sup_add_opts {
    const char *name;   /* dataset name (NULL: the schema's "name") */
    const char *file;   /* the CSV file */
    const char *schema; /* the schema JSON file */
    /* the names messages give the two files and the file name kept (NULL: the paths); the
     * web server passes the names the user chose, never its temporary files' */
    const char *file_label, *schema_label;
    const char *unit_id; /* the unit it belongs to (NULL: the root); ZX_EINVAL if unknown */
    const char *by;      /* who (an account, or NULL for the CLI) */
    const char *rejects; /* write the rejected rows here (NULL: not written) */
};

/* Register a dataset. *m gets the version stored, or the one already holding the same
 * file (*unchanged = 1, nothing written). ZX_EINVAL for a bad schema, ZX_EPARSE for a file
 * that is not CSV or misses a required column (nothing written), ZX_EIO. */
int zx_sup_dataset_add(struct zx_store *st, const struct zx_sup_add_opts *o,
                       struct zx_dataset_meta *m, int *unchanged, struct zx_err *err) ZX_MUST_CHECK;

/* ---- models ---- */

struct zx_sup_model; /* opaque */

/* Load model `id` (data/models/<id>.json) or a model file path. Caller owns *out; free with
 * zx_sup_model_free(). ZX_ENOTFOUND, ZX_EINVAL with the field at fault. */
int zx_sup_model_load(const char *id_or_path, struct zx_sup_model **out,
                      struct zx_err *err) ZX_MUST_CHECK;
void zx_sup_model_free(struct zx_sup_model *m);

/* Borrowed: valid until zx_sup_model_free. */
const char *zx_sup_model_id(const struct zx_sup_model *m);
const char *zx_sup_model_title(const struct zx_sup_model *m);
const char *zx_sup_model_basis(const struct zx_sup_model *m);
const char *zx_sup_model_action(const struct zx_sup_model *m);
const char *zx_sup_model_summary(const struct zx_sup_model *m);
/* The sources' names, ';'-separated ("convicts;pension_payments"). */
const char *zx_sup_model_sources(const struct zx_sup_model *m);

/* The ids of the shipped models (data/models/<id>.json), sorted. Caller owns *ids (each
 * string and the array); free with zx_sup_model_ids_free(). */
int zx_sup_model_ids(char ***ids, size_t *n, struct zx_err *err) ZX_MUST_CHECK;
void zx_sup_model_ids_free(char **ids, size_t n);

struct zx_sup_run_opts {
    const char *unit_id; /* this unit's subtree: its datasets, and only its hits (NULL: all) */
    int32_t as_of;       /* the day open periods end (ZX_DATE_NULL: the latest received_on of
                          * the datasets used) */
    const char *by;      /* who runs it */
    double threshold;    /* fuzzy link threshold (0: the model's, default 0.9) */
};

struct zx_sup_run_result {
    char run_id[ZX_DS_ID_MAX];
    int64_t base_rows, hits, new_leads, fuzzy_links;
    int32_t as_of;
};

/* Run model m over the latest version of each dataset it names — of every unit in the
 * subtree of o->unit_id (NULL: all units), read together — and store its hits as leads (one
 * transaction). ZX_ENOTFOUND when a dataset it needs is not registered in that subtree. */
int zx_sup_model_run(struct zx_store *st, const struct zx_sup_model *m,
                     const struct zx_sup_run_opts *o, struct zx_sup_run_result *r,
                     struct zx_err *err) ZX_MUST_CHECK;

/* ---- linkage: the Fellegi–Sunter model a run fits for each joined source ---- */

/* One person record; NULL or "" = missing. Borrowed. */
struct zx_sup_person {
    const char *id, *name, *birth;
};

struct zx_sup_linkage; /* opaque */

struct zx_sup_linkage_info {
    long long candidates;   /* candidate pairs from blocking (same id, birth date or name) */
    long long random_pairs; /* pairs u was counted on */
    int iterations;         /* EM iterations (0: EM not run) */
    double lambda;          /* the prior P(match) of a random pair, as used */
};

/* Fit the model that links right's records to left's (see the header comment): u from
 * random pairs, m and the prior by EM over the candidate pairs, name term frequencies; the
 * documented priors when the data cannot support it. Deterministic. Caller owns *out; free
 * with zx_sup_linkage_free(). ZX_ENOMEM. */
int zx_sup_linkage_fit(const struct zx_sup_person *left, size_t nleft,
                       const struct zx_sup_person *right, size_t nright,
                       struct zx_sup_linkage **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_sup_linkage_free(struct zx_sup_linkage *lk);

/* Posterior match probability of a (left) and b (right) under lk. */
double zx_sup_linkage_probability(const struct zx_sup_linkage *lk, const struct zx_sup_person *a,
                                  const struct zx_sup_person *b);

/* "em" (estimated on the data) or "prior" (the documented priors). Static string. */
const char *zx_sup_linkage_method(const struct zx_sup_linkage *lk);
/* Why: the fit's size, or the reason the priors were used. Borrowed: valid until freed. */
const char *zx_sup_linkage_note(const struct zx_sup_linkage *lk);
void zx_sup_linkage_get_info(const struct zx_sup_linkage *lk, struct zx_sup_linkage_info *out);

/* m and u of field (0 id number, 1 name, 2 birth date) at level (0 disagree … exact), as
 * used. Returns -1 for a field or level out of range. */
int zx_sup_linkage_weights(const struct zx_sup_linkage *lk, int field, int level, double *m,
                           double *u);

/* Match probability of two person records under the documented priors (the model a run
 * falls back to); exposed for tests. */
double zx_sup_match_probability(const char *id_a, const char *name_a, const char *birth_a,
                                const char *id_b, const char *name_b, const char *birth_b);

/* ---- the leads workflow ---- */

/* Assign lead_id to staff_id (status new or assigned → assigned). */
int zx_sup_lead_assign(struct zx_store *st, const char *lead_id, const char *staff_id,
                       const char *who, int32_t on, struct zx_err *err) ZX_MUST_CHECK;

/* Record the 核查: finding "confirmed" or "unfounded", notes and attachments (text). An
 * assigned lead only. */
int zx_sup_lead_verify(struct zx_store *st, const char *lead_id, const char *finding,
                       const char *notes, const char *attachments, const char *who, int32_t on,
                       struct zx_err *err) ZX_MUST_CHECK;

/* Close a lead verified as unfounded (status unfounded). */
int zx_sup_lead_close(struct zx_store *st, const char *lead_id, const char *note, const char *who,
                      int32_t on, struct zx_err *err) ZX_MUST_CHECK;

/* Turn a lead verified as confirmed into a case with its first event (event_type:
 * suggestion · correction_notice · pil_lawsuit …, result as the vocabulary allows), handled
 * by the lead's assignee. *case_id gets the new case's id (XSA-…). */
int zx_sup_lead_to_case(struct zx_store *st, const char *lead_id, const char *event_type,
                        const char *result, const char *who, int32_t on, char case_id[ZX_DS_ID_MAX],
                        struct zx_err *err) ZX_MUST_CHECK;

/* The reply to the case's first event (suggestion_reply · correction_reply · pil_judgment),
 * result adopted · rectified · rejected (supported · rejected for pil_judgment). */
int zx_sup_lead_reply(struct zx_store *st, const char *lead_id, const char *result, const char *who,
                      int32_t on, struct zx_err *err) ZX_MUST_CHECK;

#endif
