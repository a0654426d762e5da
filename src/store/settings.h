/* settings.h — per-unit choices kept in the store: whether a unit ranks its child units
 * (排名, off unless the unit turns it on: "一取消三不再" makes ranking an option, never the
 * default) and the unit's own targets (目标值) per indicator, each in force from a date.
 *
 * Units and indicators are named by their contract and catalog ids (text), like the
 * accounts of auth.h, so a re-import never orphans a setting. Target values are stored as
 * the indicator's plain value (0.95 for 95%, 1.30 for 案-件比 1:1.30).
 *
 * The store functions write and read rows; zx_settings_load takes a read-only snapshot of
 * everything for the reports (metrics/report.h, bulletin/bulletin.h). Depends on store and
 * util. Schema: the migration "per-unit settings and targets" in schema.c. */
#ifndef ZX_STORE_SETTINGS_H
#define ZX_STORE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* effective_from of a target that holds from the beginning of time (no --from). */
#define ZX_SETTINGS_ALWAYS INT32_MIN

#define ZX_SETTINGS_ID_MAX 128 /* unit and indicator ids, NUL included */

struct zx_target {
    char unit_id[ZX_SETTINGS_ID_MAX];
    char indicator[ZX_SETTINGS_ID_MAX];
    int32_t effective_from; /* day number, or ZX_SETTINGS_ALWAYS */
    double value;           /* the indicator's plain value */
};

/* Turn ranking of unit_id's child units on (on = 1) or off. The unit must exist
 * (ZX_ENOTFOUND otherwise). */
int zx_settings_set_ranking(struct zx_store *st, const char *unit_id, int on,
                            struct zx_err *err) ZX_MUST_CHECK;

/* *on = 1 when unit_id ranks its children, else 0 (also for an unknown unit). */
int zx_settings_get_ranking(struct zx_store *st, const char *unit_id, int *on,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Set (insert or replace) the target of t->unit_id for t->indicator from t->effective_from.
 * The unit must exist; the indicator id is the caller's to check against its catalog. */
int zx_settings_target_set(struct zx_store *st, const struct zx_target *t,
                           struct zx_err *err) ZX_MUST_CHECK;

/* Remove targets of unit_id: of one indicator (NULL = every indicator), from one date
 * (ZX_SETTINGS_ALWAYS with any_date = 0 means the undated one; any_date = 1 every date).
 * *removed (may be NULL) gets the number removed. */
int zx_settings_target_clear(struct zx_store *st, const char *unit_id, const char *indicator,
                             int32_t effective_from, int any_date, int *removed,
                             struct zx_err *err) ZX_MUST_CHECK;

/* Every target, or those of unit_id (NULL = all units), ordered by unit, indicator and date.
 * Caller owns *out (may be NULL when *n is 0); free with free(). */
int zx_settings_target_list(struct zx_store *st, const char *unit_id, struct zx_target **out,
                            size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* ---- other per-unit values (the process monitor's reply periods) ---- */

struct zx_unit_value {
    char unit_id[ZX_SETTINGS_ID_MAX];
    char key[64];
    char value[64];
};

/* Set (value non-NULL) or clear (NULL) unit_id's value for key (1..63 bytes, not
 * "ranking"; the value 1..63 bytes, checked by the caller's domain). The unit must exist. */
int zx_settings_value_set(struct zx_store *st, const char *unit_id, const char *key,
                          const char *value, struct zx_err *err) ZX_MUST_CHECK;

/* Every value whose key starts with prefix, ordered by unit and key. Caller owns *out (may be
 * NULL when *n is 0); free with free(). */
int zx_settings_value_list(struct zx_store *st, const char *prefix, struct zx_unit_value **out,
                           size_t *n, struct zx_err *err) ZX_MUST_CHECK;

/* ---- snapshot for reports ---- */

struct zx_settings; /* opaque */

/* Read every ranking switch and target at once. Caller owns *out; free with
 * zx_settings_free(). */
int zx_settings_load(struct zx_store *st, struct zx_settings **out,
                     struct zx_err *err) ZX_MUST_CHECK;
void zx_settings_free(struct zx_settings *s);

/* An empty snapshot (no ranking, no targets), for callers without a store. Caller owns it. */
struct zx_settings *zx_settings_empty(void);

/* 1 when unit_id ranks its children. s may be NULL (nothing is ranked). */
int zx_settings_ranking(const struct zx_settings *s, const char *unit_id);

/* Turn ranking on or off in the snapshot only (tests, previews). Returns ZX_OK or ZX_ENOMEM. */
int zx_settings_put_ranking(struct zx_settings *s, const char *unit_id, int on) ZX_MUST_CHECK;

/* Add a target to the snapshot only. Returns ZX_OK or ZX_ENOMEM. */
int zx_settings_put_target(struct zx_settings *s, const struct zx_target *t) ZX_MUST_CHECK;

/* The target of unit_id for indicator in force on day `at` (the latest effective_from ≤ at).
 * Returns 1 and sets *value when there is one, else 0. s may be NULL. */
int zx_settings_target(const struct zx_settings *s, const char *unit_id, const char *indicator,
                       int32_t at, double *value);

#endif
