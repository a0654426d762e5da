/* resident.h — 派驻检察 in the store: resident offices at prisons and detention houses, the
 * procurators assigned to them with their periods, and the duty log (each entry against a
 * checklist item of data/resident_checklists.json, with who, when, where and what was found).
 *
 * An office owns one standing inspection plan (store/inspect.h) created with it: what the
 * office finds is recorded as that plan's findings, and disposed of, answered and escalated
 * by the inspection flow — the same rows, deadlines and ledger entries as a 巡回检察. The
 * rules (gaps, staffing, days on site, rotation) are in execution/resident.h, computed over a
 * snapshot read with zx_resident_store_load.
 *
 * Offices, staff and institutions are named by their contract ids. Dates are day numbers
 * (util/date.h). Every write is appended to the ledger (store/ledger.h) in the caller's
 * transaction.
 *
 * Depends on store (store.h, sql.h, ledger.h) and util. Schema: migration 8 "派驻检察" in
 * schema.c. Legal basis: shared/research/legal-rules.md §4.2 (XH2021 arts. 15–17). */
#ifndef ZX_STORE_RESIDENT_H
#define ZX_STORE_RESIDENT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

#define ZX_RES_ID_MAX   96   /* ids, NUL included */
#define ZX_RES_NAME_MAX 128  /* names, places, NUL included */
#define ZX_RES_TEXT_MAX 1024 /* what was found, NUL included */

struct zx_res_office {
    int64_t rid; /* set by the store */
    char office_id[ZX_RES_ID_MAX];
    char unit_id[ZX_RES_ID_MAX];        /* the procuratorate the office belongs to */
    char institution_id[ZX_RES_ID_MAX]; /* the prison or detention house */
    char name[ZX_RES_NAME_MAX];
    int32_t opened_on;
    char plan_id[ZX_RES_ID_MAX]; /* its standing inspection plan */
    /* filled by zx_resident_store_load only */
    char inst_name[ZX_RES_NAME_MAX];
    int inst_kind; /* vocab institution_kind */
};

/* A procurator's (or assistant's) period in an office; to == ZX_DATE_NULL while assigned. */
struct zx_res_assign {
    int64_t rid;
    size_t office; /* index into offices (snapshot) */
    char staff_id[ZX_RES_ID_MAX];
    char name[ZX_RES_NAME_MAX]; /* snapshot: the staff member's name */
    int procurator;             /* snapshot: staff role is 员额检察官 */
    int32_t from, to;
};

struct zx_res_log {
    int64_t rid;
    char log_id[ZX_RES_ID_MAX];
    char office_id[ZX_RES_ID_MAX];
    size_t office; /* snapshot: index into offices */
    char item_id[32];
    int32_t on;
    char staff_id[ZX_RES_ID_MAX];
    char place[ZX_RES_NAME_MAX];
    char result[ZX_RES_TEXT_MAX];
    char finding_id[ZX_RES_ID_MAX]; /* "" when the entry found nothing to dispose of */
};

/* ---- writes (each inside the caller's transaction) ---- */

/* Insert office o (its plan must exist; unit and institution too); o->rid is set. */
int zx_resident_store_add_office(struct zx_store *st, struct zx_res_office *o,
                                 struct zx_err *err) ZX_MUST_CHECK;
/* Assign staff member staff_id to office_id from day `from`. */
int zx_resident_store_assign(struct zx_store *st, const char *office_id, const char *staff_id,
                             int32_t from, struct zx_err *err) ZX_MUST_CHECK;
/* End the open assignment of staff_id in office_id on day `to` (ZX_ENOTFOUND when none). */
int zx_resident_store_unassign(struct zx_store *st, const char *office_id, const char *staff_id,
                               int32_t to, struct zx_err *err) ZX_MUST_CHECK;
/* Insert log entry l (an empty log_id becomes <office>-L<n>); l->rid is set. The office and
 * the staff member must exist; the item is checked by the caller against the checklist. */
int zx_resident_store_add_log(struct zx_store *st, struct zx_res_log *l,
                              struct zx_err *err) ZX_MUST_CHECK;
/* Link log entry log_id to finding finding_id. */
int zx_resident_store_link(struct zx_store *st, const char *log_id, const char *finding_id,
                           struct zx_err *err) ZX_MUST_CHECK;

/* The vocab institution_kind of institution_id into *kind (ZX_ENOTFOUND when none). */
int zx_resident_store_inst_kind(struct zx_store *st, const char *institution_id, int *kind,
                                struct zx_err *err) ZX_MUST_CHECK;
/* The office of log entry log_id into office_id (ZX_RES_ID_MAX bytes). */
int zx_resident_store_log_office(struct zx_store *st, const char *log_id, char *office_id,
                                 struct zx_err *err) ZX_MUST_CHECK;

/* ---- the snapshot ---- */

struct zx_res_db {
    struct zx_res_office *offices; /* by office_id */
    size_t noffices;
    struct zx_res_assign *assigns; /* by office, from */
    size_t nassigns;
    struct zx_res_log *logs; /* by office, day, log id */
    size_t nlogs;
};

/* Read the snapshot; logs only of days in [from, to] (ZX_DATE_NULL: unbounded). Caller owns
 * *db's arrays; free with zx_resident_store_release(). */
int zx_resident_store_load(struct zx_store *st, int32_t from, int32_t to, struct zx_res_db *db,
                           struct zx_err *err) ZX_MUST_CHECK;
void zx_resident_store_release(struct zx_res_db *db);
/* Index of an office, -1 when absent. */
long zx_res_db_office(const struct zx_res_db *db, const char *office_id);

#endif
