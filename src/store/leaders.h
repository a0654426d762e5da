/* leaders.h — 领导干部办案: the cases handled by leaders (院领导: staff is_leader — chief,
 * deputy chiefs, committee members) within a unit's subtree over a period, by unit, unit
 * level or line; their share of all cases and how many of them are 重大疑难复杂 (case
 * `complex`), against each unit's own expectation (a per-unit setting, inherited from the
 * nearest ancestor that has one); and the cases behind each number (drill-down).
 *
 * A case counts in the period when it was accepted (accepted_on) within it; it is a
 * leader's case when its handler (cases.handler_rid) is a leader.
 *
 * Depends on: store/store.h, store/sql.h, util/err.h, util/date.h; SQLite. Settings rows
 * live in unit_settings (migration "per-unit settings and targets"). */
#ifndef ZX_STORE_LEADERS_H
#define ZX_STORE_LEADERS_H

#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

enum zx_leaders_by { ZX_LEADERS_BY_UNIT, ZX_LEADERS_BY_LEVEL, ZX_LEADERS_BY_LINE };

/* Expectation of a unit: the least share of cases leaders should handle and the least share
 * of 重大疑难复杂 cases they should handle; a value < 0 means none is set. */
struct zx_leaders_expect {
    double share, complex_share;
    char from_unit[128]; /* the unit whose setting applies ("" when none) */
};

struct zx_leaders_row {
    char key[128];  /* unit_id, level code or line code */
    char name[256]; /* unit name or the level's or line's Chinese label */
    char level[64]; /* by unit: the unit's level label */
    int64_t cases, leader_cases, complex, leader_complex;
    double share, complex_share; /* leader_cases / cases, leader_complex / complex; -1: n/a */
    struct zx_leaders_expect expect;
    int below; /* 1 when a set expectation is not met */
};

/* Set (value >= 0) or clear (value < 0) a unit's expectations; a NULL pointer leaves that
 * one as it is. The unit must exist. */
int zx_leaders_set_expect(struct zx_store *st, const char *unit_id, const double *share,
                          const double *complex_share, struct zx_err *err) ZX_MUST_CHECK;
int zx_leaders_get_expect(struct zx_store *st, const char *unit_id, struct zx_leaders_expect *out,
                          struct zx_err *err) ZX_MUST_CHECK;

/* Rows of unit_id's subtree (by unit: each unit's own cases; rows with no case left out),
 * then one total row (key "total"). Caller owns *rows; free with free(). */
int zx_leaders_report(struct zx_store *st, const char *unit_id, int32_t from, int32_t to,
                      enum zx_leaders_by by, struct zx_leaders_row **rows, int *n,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Drill-down: the cases behind a row (key as in the row; NULL or "total": the whole
 * subtree), only leaders' cases when leader_only, only complex ones when complex_only. */
struct zx_leaders_case {
    const char *case_id, *case_no, *unit_id, *unit_name, *line, *handler_id, *handler_name,
        *handler_role;
    int handler_leader, complex;
    int32_t accepted_on, closed_on;
};
typedef int (*zx_leaders_case_cb)(void *ud, const struct zx_leaders_case *c);
int zx_leaders_cases(struct zx_store *st, const char *unit_id, int32_t from, int32_t to,
                     enum zx_leaders_by by, const char *key, int leader_only, int complex_only,
                     int64_t limit, zx_leaders_case_cb cb, void *ud,
                     struct zx_err *err) ZX_MUST_CHECK;

#endif
