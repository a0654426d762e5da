/* views.h — cross-table read views for the HTTP handlers (src/web): the rows a page shows
 * beside a computed number (a drill-down hit, a monitored deadline, a review finding), the
 * case timeline, and the scopes (which documents, which convicts a user may see). Each view
 * joins tables that store.h and the other store headers own; nothing here writes.
 *
 * Rows are passed to a callback, one call per row, as structs of borrowed fields: texts are
 * NUL-terminated and valid only during the call (NULL for an empty column), codes are
 * vocabulary values (model/vocab.h, 0 = null), dates day numbers (ZX_DATE_NULL = null).
 * A callback that returns non-zero stops the walk; the view then returns that value.
 * Otherwise views return ZX_OK or ZX_ESTORE with err filled.
 *
 * Depends on store and util. Schema: schema.c, described in docs/data-model.md. */
#ifndef ZX_STORE_VIEWS_H
#define ZX_STORE_VIEWS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* A case with its unit and handler. */
struct zx_view_case {
    int64_t rid;
    const char *case_id, *case_no, *charge, *unit_id, *unit_name, *handler_id, *handler_name;
    int line, business, kind, source, complex;
    int32_t accepted_on, closed_on;
};
/* i: the index of the looked-up id (by_rid), 0 for a lookup by external id. */
typedef int (*zx_view_case_cb)(void *ud, size_t i, const struct zx_view_case *c);

/* The cases of row ids rids[0..n) that exist, one call each in the order of rids. */
int zx_store_view_cases_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                               zx_view_case_cb cb, void *ud, struct zx_err *err) ZX_MUST_CHECK;
/* The case of external id case_id: one call, or none when there is no such case. */
int zx_store_view_case(struct zx_store *st, const char *case_id, zx_view_case_cb cb, void *ud,
                       struct zx_err *err) ZX_MUST_CHECK;

/* *yes = 1 when staff member staff_id handled an event of case case_rid, else 0. */
int zx_store_view_case_handled_by(struct zx_store *st, int64_t case_rid, const char *staff_id,
                                  int *yes, struct zx_err *err) ZX_MUST_CHECK;

/* A person of a case (id_number unmasked: the caller masks it for the user). */
struct zx_view_person {
    int64_t rid;
    const char *person_id, *name, *id_number;
    int role, gender;
    int32_t birth_date;
};
typedef int (*zx_view_person_cb)(void *ud, size_t i, const struct zx_view_person *p);
/* The persons of row ids rids[0..n) that exist, in the order of rids. */
int zx_store_view_persons_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                 zx_view_person_cb cb, void *ud, struct zx_err *err) ZX_MUST_CHECK;
/* The persons of case case_rid in row-id order (i counts from 0). */
int zx_store_view_persons_of_case(struct zx_store *st, int64_t case_rid, zx_view_person_cb cb,
                                  void *ud, struct zx_err *err) ZX_MUST_CHECK;

/* An event. by_rid fills rid, event_id, type, date and result only (the rest NULL / 0);
 * of_case fills everything: the person, handler and decider (with role and 院领导 flag,
 * -1 for null), the answered event, the amount and the latest ledger entry recording the
 * row ("seq:hash-prefix", NULL when unrecorded). */
struct zx_view_event {
    int64_t rid;
    const char *event_id, *person_id, *person_name, *handler_id, *handler_name, *decider_id,
        *decider_name, *ref_event_id, *note, *ledger;
    int type, result, handler_role, handler_leader, decider_role, decider_leader;
    int32_t date;
    double amount;
    int has_amount;
};
typedef int (*zx_view_event_cb)(void *ud, size_t i, const struct zx_view_event *e);
int zx_store_view_events_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                zx_view_event_cb cb, void *ud, struct zx_err *err) ZX_MUST_CHECK;
/* The events of case case_rid by date, then row id. */
int zx_store_view_events_of_case(struct zx_store *st, int64_t case_rid, zx_view_event_cb cb,
                                 void *ud, struct zx_err *err) ZX_MUST_CHECK;

/* A convict with its institution and the institution's supervising unit (id_number
 * unmasked). */
struct zx_view_convict {
    int64_t rid;
    const char *convict_id, *name, *id_number, *institution_id, *institution_name, *unit_id;
};
typedef int (*zx_view_convict_cb)(void *ud, size_t i, const struct zx_view_convict *c);
int zx_store_view_convicts_by_rid(struct zx_store *st, const int64_t *rids, size_t n,
                                  zx_view_convict_cb cb, void *ud,
                                  struct zx_err *err) ZX_MUST_CHECK;

/* Every convict held in an institution: its row id and the institution's unit rid (0 when
 * the institution names no unit). */
typedef int (*zx_view_pair_cb)(void *ud, int64_t rid, int64_t other);
int zx_store_view_convict_units(struct zx_store *st, zx_view_pair_cb cb, void *ud,
                                struct zx_err *err) ZX_MUST_CHECK;

/* Every case that has documents, once, ascending by case rid: its unit and handler (the
 * handler NULL when the case has none). */
typedef int (*zx_view_doc_case_cb)(void *ud, int64_t case_rid, const char *unit_id,
                                   const char *handler_id);
int zx_store_view_document_cases(struct zx_store *st, zx_view_doc_case_cb cb, void *ud,
                                 struct zx_err *err) ZX_MUST_CHECK;

#endif
