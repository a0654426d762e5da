/* casebook.h — the rows of 典型案例 cultivation and of 层级综合评价 entries in the store.
 *
 * A candidate (cb_candidates) is one case nominated as a typical case, with its state, its
 * write-up (基本案情, 检察履职, 典型意义, 法律依据) and, once published, its level and date;
 * every act on it is a row of cb_steps. The state machine itself is the casebook module's
 * (casebook/casebook.h): these functions only read and write rows, each write appended to
 * the ledger (store/ledger.h) in the caller's transaction. An appraisal entry (ap_entries)
 * is a score the evaluating unit entered for one item, unit and year, with its reason; the
 * latest entry for a key counts, the earlier ones stay.
 *
 * Dates are day numbers (util/date.h). Depends on store, model (line codes), util (SQLite backend).
 * Schema: migration 8 in schema.c. */
#ifndef ZX_STORE_CASEBOOK_H
#define ZX_STORE_CASEBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_CB_ID_MAX   72   /* ids, names, codes; NUL included */
#define ZX_CB_NOTE_MAX 1024 /* a reason, note or opinion */
#define ZX_CB_TEXT_MAX 4096 /* one section of the write-up */

/* What the store knows of a case (the nomination copies it). */
struct zx_cb_case {
    char case_id[ZX_CB_ID_MAX], case_no[ZX_CB_ID_MAX], unit_id[ZX_CB_ID_MAX];
    char line[ZX_CB_ID_MAX];       /* line code (criminal, civil …), "" when none */
    char charge[ZX_CB_ID_MAX * 2]; /* 案由 as written */
    char handler_id[ZX_CB_ID_MAX]; /* staff id, "" when none */
    int32_t closed_on;             /* ZX_DATE_NULL while open */
};

struct zx_cb_cand {
    int64_t rid;
    char cand_id[ZX_CB_ID_MAX]; /* DXAL-<year>-<6 digits> */
    char case_id[ZX_CB_ID_MAX], case_no[ZX_CB_ID_MAX], unit_id[ZX_CB_ID_MAX];
    char line[ZX_CB_ID_MAX], charge[ZX_CB_ID_MAX * 2], handler_id[ZX_CB_ID_MAX];
    char state[ZX_CB_ID_MAX];
    char reason[ZX_CB_NOTE_MAX];
    char nominated_by[ZX_CB_ID_MAX];
    int32_t nominated_on;
    char title[ZX_CB_NOTE_MAX];
    char facts[ZX_CB_TEXT_MAX], performance[ZX_CB_TEXT_MAX], significance[ZX_CB_TEXT_MAX],
        legal_basis[ZX_CB_TEXT_MAX];
    char level[ZX_CB_ID_MAX]; /* unit, city, province; "" before publication */
    int32_t published_on;     /* ZX_DATE_NULL before publication */
};

struct zx_cb_step {
    char step_id[ZX_CB_ID_MAX + 32]; /* <cand_id>/<n> */
    char cand_id[ZX_CB_ID_MAX];
    char act[ZX_CB_ID_MAX], from_state[ZX_CB_ID_MAX], to_state[ZX_CB_ID_MAX];
    char who[ZX_CB_ID_MAX];
    int32_t date;
    char note[ZX_CB_NOTE_MAX];
    char level[ZX_CB_ID_MAX];
};

/* The case case_id; ZX_ENOTFOUND when there is none. */
int zx_cb_case_get(struct zx_store *st, const char *case_id, struct zx_cb_case *out,
                   struct zx_err *err) ZX_MUST_CHECK;

/* Insert c (c->cand_id assigned: DXAL-<year of nomination>-<6 digits>; c->rid set). */
int zx_cb_insert(struct zx_store *st, struct zx_cb_cand *c, struct zx_err *err) ZX_MUST_CHECK;

/* Write c's state, write-up, level and publication date back. */
int zx_cb_update(struct zx_store *st, const struct zx_cb_cand *c, struct zx_err *err) ZX_MUST_CHECK;

/* Append an act on candidate c (s->cand_id and s->step_id are filled). */
int zx_cb_step_add(struct zx_store *st, const struct zx_cb_cand *c, struct zx_cb_step *s,
                   struct zx_err *err) ZX_MUST_CHECK;

/* The candidate cand_id; ZX_ENOTFOUND when there is none. */
int zx_cb_get(struct zx_store *st, const char *cand_id, struct zx_cb_cand *out,
              struct zx_err *err) ZX_MUST_CHECK;

/* Every candidate (of case case_id only, when not NULL), in nomination order. Caller owns
 * *out; free with free(). */
int zx_cb_list(struct zx_store *st, const char *case_id, struct zx_cb_cand **out, size_t *n,
               struct zx_err *err) ZX_MUST_CHECK;

/* The acts on cand_id (every candidate when NULL), in order. Caller owns *out; free with
 * free(). */
int zx_cb_steps(struct zx_store *st, const char *cand_id, struct zx_cb_step **out, size_t *n,
                struct zx_err *err) ZX_MUST_CHECK;

/* ---- 层级综合评价 entries ---- */

struct zx_ap_entry {
    char entry_id[ZX_CB_ID_MAX]; /* PJ-<year>-<6 digits>, assigned by the insert */
    char unit_id[ZX_CB_ID_MAX];
    int year;
    char item_id[ZX_CB_ID_MAX];
    double score;
    char reason[ZX_CB_NOTE_MAX];
    char entered_by[ZX_CB_ID_MAX];
    int32_t date;
};

/* Append an entry (e->entry_id assigned), recorded in the ledger. */
int zx_ap_entry_add(struct zx_store *st, struct zx_ap_entry *e, struct zx_err *err) ZX_MUST_CHECK;

/* The entries in force for year (the latest per unit and item), by unit and item. Caller
 * owns *out; free with free(). */
int zx_ap_entries(struct zx_store *st, int year, struct zx_ap_entry **out, size_t *n,
                  struct zx_err *err) ZX_MUST_CHECK;

/* Unit ids with their parents ("" for a root), in row order: the tree for scoping. Caller
 * owns *ids and *parents (each n strings of ZX_CB_ID_MAX bytes); free with free(). */
int zx_cb_units(struct zx_store *st, char (**ids)[ZX_CB_ID_MAX], char (**parents)[ZX_CB_ID_MAX],
                size_t *n, struct zx_err *err) ZX_MUST_CHECK;

#endif
