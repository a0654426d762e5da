/* casebook.h — 典型案例 cultivation as a workflow (seed 000: "推动案例培育、编写、审查、推广等
 * 工作的专业化、规范化和流程化"; issue 14 §1).
 *
 * A case is nominated as a candidate with its reason (by its prosecutor, a department head
 * or the case-management office) and moves through 培育 (cultivating: notes while the case
 * is open) → 编写 (writing: the write-up from the template 基本案情 / 检察履职 / 典型意义 /
 * 法律依据) → 审查 (reviewing: the committee's opinions and its decision) → 审查通过
 * (approved) → 发布 (published at a level: 院, 市 or 省, with the date; published again at a
 * higher level = 推广), or back with reasons (退回). The transitions are data
 * (zx_casebook_transitions); every act is a row of cb_steps and an entry of the ledger,
 * written in one transaction with the candidate's new state.
 *
 * Who may act is the caller's to decide (the web's capability table; the CLI is the
 * administrator's tool): this module checks the state machine and the content.
 *
 * Depends on store (store/casebook.h rows), util and jansson. Caller owns every argument. */
#ifndef ZX_CASEBOOK_CASEBOOK_H
#define ZX_CASEBOOK_CASEBOOK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/casebook.h"
#include "store/store.h"
#include "util/err.h"

struct json_t;

/* One transition of the state machine. from "" = no candidate yet (nominate). */
struct zx_casebook_transition {
    const char *act;  /* nominate, note, write, submit, review, approve, return, publish */
    const char *from; /* state before */
    const char *to;   /* state after */
    const char *name_zh;
    unsigned needs; /* ZX_CB_NEEDS_* what the act must carry */
};
#define ZX_CB_NEEDS_TEXT    1u /* a reason, note or opinion */
#define ZX_CB_NEEDS_WRITEUP 2u /* all four sections and the title already written */
#define ZX_CB_NEEDS_LEVEL   4u /* a publication level above the current one */

/* The table. Borrowed: static. */
const struct zx_casebook_transition *zx_casebook_transitions(size_t *n);

/* Chinese names of a state (培育 …) and of a level (院 …); the code itself when unknown. */
const char *zx_casebook_state_zh(const char *state);
const char *zx_casebook_level_zh(const char *level);
/* Rank of a level code: unit 1, city 2, province 3; 0 when not a level. */
int zx_casebook_level_rank(const char *level);

/* An act on a candidate. Fields an act does not use are ignored (NULL allowed). */
struct zx_casebook_act {
    const char *act;   /* as in the table */
    const char *who;   /* the acting account or staff id */
    int32_t on;        /* the act's date */
    const char *text;  /* the reason (nominate, return), note, or opinion (review, approve) */
    const char *level; /* publish: unit, city or province */
    /* write: the sections (NULL keeps what is there) */
    const char *title, *facts, *performance, *significance, *legal_basis;
};

/* Nominate case_id; fills *out (the new candidate). ZX_ENOTFOUND for an unknown case;
 * ZX_EINVAL without a reason, or when the case is already a candidate that is not
 * withdrawn. */
int zx_casebook_nominate(struct zx_store *st, const char *case_id, const struct zx_casebook_act *a,
                         struct zx_cb_cand *out, struct zx_err *err) ZX_MUST_CHECK;

/* Apply act a to cand_id; fills *out (the candidate after). ZX_ENOTFOUND for an unknown
 * candidate; ZX_EINVAL, with a message naming the state and what is missing, when the act is
 * not allowed from the candidate's state or lacks what it needs. */
int zx_casebook_apply(struct zx_store *st, const char *cand_id, const struct zx_casebook_act *a,
                      struct zx_cb_cand *out, struct zx_err *err) ZX_MUST_CHECK;

/* Search filter; NULL or "" fields match everything. */
struct zx_casebook_filter {
    const char *state;   /* a state code, or "published" */
    const char *charge;  /* exact 案由 */
    const char *line;    /* line code */
    const char *keyword; /* in the title, the write-up, the reason or the case id */
    const char *level;   /* published at this level or above */
    const char *case_id;
    /* scope: only candidates whose unit in_scope accepts (NULL: every unit) */
    int (*in_scope)(const char *unit_id, void *ud);
    void *ud;
};

/* Candidates matching f, in nomination order. Caller owns *out; free with free(). */
int zx_casebook_search(struct zx_store *st, const struct zx_casebook_filter *f,
                       struct zx_cb_cand **out, size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* Statistics per unit, line and year ("有质量的数量"): candidates nominated, write-ups
 * submitted for review (distinct candidates), published at each level (distinct candidates,
 * by the year of publication at that level). */
struct zx_casebook_stat {
    char unit_id[ZX_CB_ID_MAX];
    char line[ZX_CB_ID_MAX];
    int year;
    int candidates, written, published_unit, published_city, published_province;
};

/* Rows for year (0: every year) and the units in_scope accepts, by unit, line, year. Caller
 * owns *out; free with free(). */
int zx_casebook_stats(struct zx_store *st, int year, int (*in_scope)(const char *, void *),
                      void *ud, struct zx_casebook_stat **out, size_t *n,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Published candidates of unit_id's subtree whose publication (at any level) falls in
 * year; the unit tree from the store. *count gets the number, ids (may be NULL) the
 * candidates. Caller owns *ids; free with free(). */
int zx_casebook_published_in(struct zx_store *st, const char *unit_id, int year, int *count,
                             struct zx_cb_cand **ids, struct zx_err *err) ZX_MUST_CHECK;

/* 1 when unit `u` is `top` or lies below it in the tree (ids/parents from zx_cb_units). */
int zx_casebook_in_subtree(const char (*ids)[ZX_CB_ID_MAX], const char (*parents)[ZX_CB_ID_MAX],
                           size_t n, const char *top, const char *u);

/* A candidate as JSON (ids, state and its Chinese name, the write-up, level, dates; with
 * its acts when steps is not NULL). Caller owns the result: json_decref. */
struct json_t *zx_casebook_json(const struct zx_cb_cand *c, const struct zx_cb_step *steps,
                                size_t nsteps);
/* The statistics rows as a JSON array. Caller owns the result: json_decref. */
struct json_t *zx_casebook_stats_json(const struct zx_casebook_stat *v, size_t n);

#endif
