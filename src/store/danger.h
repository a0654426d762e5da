/* danger.h — what the data contract says about a person under 审查逮捕, for the social-danger
 * assessment (src/danger): one row per arrest_review event with the person, the case, the
 * decision that followed and the person's earlier record found by citizen id.
 *
 * Depends on store and util. */
#ifndef ZX_STORE_DANGER_H
#define ZX_STORE_DANGER_H

#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

enum zx_danger_decision {
    ZX_DANGER_PENDING = 0, /* no decision recorded yet: awaiting 审查逮捕 */
    ZX_DANGER_ARRESTED,    /* arrest (批准/决定逮捕) */
    ZX_DANGER_NOT_ARRESTED /* no_arrest (不批准/不予逮捕) */
};

struct zx_danger_facts {
    int64_t event_rid, person_rid, case_rid;
    char person_id[128], case_id[128], case_no[192], unit_id[128], unit_name[192];
    char name[128], id_number[32], charge[192];
    char handler_id[128]; /* the case's 承办检察官 */
    int gender;           /* the row's gender vocab value, 0 when absent */
    int32_t birth_date;   /* ZX_DATE_NULL when absent */
    int32_t review_date;  /* the arrest_review event's date */
    char business[32];    /* business code (ordinary, major, juvenile …) */
    int complex;          /* 重大疑难复杂 */
    enum zx_danger_decision decision;
    int32_t decision_date;  /* ZX_DATE_NULL when pending */
    char no_arrest_why[32]; /* the no_arrest result code, "" otherwise */
    int plea_before;        /* a plea (认罪认罚) dated on or before the decision (or review) */
    int suspects;           /* suspects in the case (co-suspects + 1) */
    int victims;            /* victims in the case */
    int prior_cases;        /* earlier cases (受理 before the review) naming this id as suspect */
    int prior_guilty;       /* guilty judgments of this id number dated before the review */
};

/* Call cb for each arrest_review event dated in [from, to] (ZX_DATE_NULL: open) of the
 * cases in unit_id's subtree (NULL: all), or only for person_id when not NULL, in date and
 * event order; the row is borrowed for the call; cb returns non-zero to stop. Reads through
 * the connection as it is (a guarded connection hides sealed persons, store/seal.h) unless
 * all is 1: an aggregate over every record, which never hands a row to a reader. */
typedef int (*zx_danger_facts_cb)(void *ud, const struct zx_danger_facts *f);
int zx_store_danger_facts(struct zx_store *st, const char *unit_id, const char *person_id,
                          int32_t from, int32_t to, int all, zx_danger_facts_cb cb, void *ud,
                          struct zx_err *err) ZX_MUST_CHECK;

#endif
