/* cases.h — the short description of cases named by store rid, for case lists built from
 * the loaded columns (trends drill-down): id, 受案号, unit, 案由, 受理日期; and the dates the
 * data spans (the dashboard's years).
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

#endif
