/* cases.h — the short description of cases named by store rid, for case lists built from
 * the loaded columns (trends drill-down): id, 受案号, unit, 案由, 受理日期; a lookup of the
 * ids and events behind an indicator's hits (the drill-down); each staff member's
 * department; and the dates the data spans (the dashboard's years).
 *
 * Depends on store and util. */
#ifndef ZX_STORE_CASES_H
#define ZX_STORE_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

struct zx_case_brief {
    char case_id[128];
    char case_no[192];
    char unit_id[128];
    char unit_name[192];
    char charge[192];
    int32_t accepted_on; /* day number, ZX_DATE_NULL when absent */
    int32_t closed_on;
};

/* Call cb for each of rids[0 .. n) that exists, in that order; cb returns non-zero to stop.
 * The brief is borrowed for the call. */
typedef int (*zx_case_brief_cb)(void *ud, const struct zx_case_brief *c);
int zx_store_case_briefs(struct zx_store *st, const int64_t *rids, size_t n, zx_case_brief_cb cb,
                         void *ud, struct zx_err *err) ZX_MUST_CHECK;

/* The dates the data spans: OUT first = the earliest 受理日期, last = the latest 受理日期 or
 * 结案日期 over all cases (cases are ~10x fewer than events and carry both ends); both
 * ZX_DATE_NULL when no case has a date. */
int zx_store_case_date_range(struct zx_store *st, int32_t *first, int32_t *last,
                             struct zx_err *err) ZX_MUST_CHECK;

/* ---- the drill-down lookup: ids and events of the rows the engine counted ---- */

/* Prepared once, used for every hit of a drill-down. Caller owns it; free with
 * zx_case_lookup_close. Borrowed from the store: valid while the store is open. */
struct zx_case_lookup;

struct zx_event_brief {
    int64_t rid;
    const char *event_id;     /* borrowed for the callback */
    int type;                 /* vocabulary value (model/vocab.h, ZX_V_EVENT_TYPE) */
    int32_t date;             /* day number */
    int result;               /* ZX_V_RESULT value, -1 when none */
    const char *ref_event_id; /* the event it answers, NULL when none */
};

int zx_case_lookup_open(struct zx_store *st, struct zx_case_lookup **out,
                        struct zx_err *err) ZX_MUST_CHECK;
void zx_case_lookup_close(struct zx_case_lookup *lk);

/* case_id and 受案号 of case rid ("" when absent) */
void zx_case_lookup_case(struct zx_case_lookup *lk, int64_t rid, char *case_id, size_t n1,
                         char *case_no, size_t n2);
/* person_id of person rid ("" when absent) */
void zx_case_lookup_person(struct zx_case_lookup *lk, int64_t rid, char *person_id, size_t n);

enum zx_case_lookup_of { ZX_LOOKUP_EVENT, ZX_LOOKUP_PERSON, ZX_LOOKUP_CASE };
/* The events of person rid or case rid (by date, then file order), or event rid alone;
 * cb returns non-zero to stop. */
void zx_case_lookup_events(struct zx_case_lookup *lk, enum zx_case_lookup_of of, int64_t rid,
                           int (*cb)(void *ud, const struct zx_event_brief *e), void *ud);

/* The store rid of case case_id, 0 when there is none. */
int64_t zx_store_case_rid(struct zx_store *st, const char *case_id);

/* ---- staff ---- */

/* Call cb with each staff member's id and department (NULL when not given), in store
 * order; cb returns non-zero to stop. Strings are borrowed for the call. */
int zx_store_staff_departments(struct zx_store *st,
                               int (*cb)(void *ud, const char *staff_id, const char *department),
                               void *ud, struct zx_err *err) ZX_MUST_CHECK;

#endif
