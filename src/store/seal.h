/* seal.h — sealed records (犯罪记录封存): the judgments the sealing rules read, the `sealed`
 * table (migration 8) and the one mechanism that hides sealed rows from a connection.
 *
 * The guard: zx_store_seal_guard(st, 1) shadows the contract tables on this connection with
 * TEMP views of the same name (cases, persons, events, documents, convicts, mon_notices)
 * that leave out sealed persons and cases and everything attached to them. SQLite resolves
 * an unqualified table name in the temp schema first, so every query any store function or
 * route runs on the connection — written now or later — is filtered without knowing it.
 * zx_store_seal_guard(st, 0) drops the views (writes and the ledger verifier need the
 * tables themselves). Aggregate figures come from the indicator engine's columns, loaded
 * on an unguarded connection, so they still count sealed records.
 *
 * Depends on store and util. */
#ifndef ZX_STORE_SEAL_H
#define ZX_STORE_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* A suspect's judgment (一审判决), as the sealing rules read it. */
struct zx_seal_judgment {
    int64_t person_rid, case_rid;
    char person_id[128], case_id[128], name[128], charge[192];
    int32_t birth_date;  /* ZX_DATE_NULL when unknown */
    int32_t accepted_on; /* the case's 受理日期 */
    int32_t date;        /* the judgment's date */
    int result;          /* vocab result value (guilty, exempted, acquitted) */
    int months;          /* the judgment's amount (months of sentence), -1 when none */
    int prosecuted;      /* 0 when the person was not prosecuted (non_prosecution) */
};
/* Call cb for each suspect's latest judgment, in person order; the row is borrowed for the
 * call; cb returns non-zero to stop. */
typedef int (*zx_seal_judgment_cb)(void *ud, const struct zx_seal_judgment *j);
int zx_store_seal_judgments(struct zx_store *st, zx_seal_judgment_cb cb, void *ud,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Suspects per case (rid → count) are needed to seal a whole case: each case whose suspects
 * are all in the person set. Call cb for every case rid with its suspect count. */
typedef int (*zx_seal_case_cb)(void *ud, int64_t case_rid, const char *case_id, int suspects);
int zx_store_seal_case_suspects(struct zx_store *st, zx_seal_case_cb cb, void *ud,
                                struct zx_err *err) ZX_MUST_CHECK;

/* Record that a person ("person") or case ("case") row is sealed under rule, with the
 * basis in words; *added 1 when new, 0 when it was sealed already (nothing changes). A new
 * row is appended to the ledger. Runs in the caller's transaction. */
int zx_store_seal_put(struct zx_store *st, const char *kind, int64_t rid, const char *xid,
                      const char *rule, const char *basis, int32_t sealed_on, int *added,
                      struct zx_err *err) ZX_MUST_CHECK;

struct zx_seal_row {
    char kind[8];
    int64_t rid;
    char xid[128];
    char rule[64];
    char basis[512];
    int32_t sealed_on;
    char recorded_at[32];
    char name[128];    /* a person's name, a case's 受案号 */
    char case_id[128]; /* a person's case */
    char unit_id[128];
};
/* Call cb for each sealed row (persons first, then cases, in id order) whose case lies in
 * unit_id's subtree (NULL: all). Read from the tables themselves, whatever the guard. */
typedef int (*zx_seal_row_cb)(void *ud, const struct zx_seal_row *r);
int zx_store_seal_list(struct zx_store *st, const char *unit_id, zx_seal_row_cb cb, void *ud,
                       struct zx_err *err) ZX_MUST_CHECK;

/* Install (hide 1) or drop (hide 0) the guard views on this connection; cheap when the
 * state does not change. */
int zx_store_seal_guard(struct zx_store *st, int hide, struct zx_err *err) ZX_MUST_CHECK;
/* 1 when the guard is installed on this connection. */
int zx_store_seal_guarded(struct zx_store *st);

#endif
