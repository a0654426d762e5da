/* seal.h — 犯罪记录封存: which persons and cases must be sealed, from rules as data
 * (data/seal_rules.json: 刑诉法第二百八十六条 minors sentenced to five years or less, and a
 * configurable minor-offence rule, off by default), recorded in the store (store/seal.h).
 * What sealing does to every reader is the store's guard (store/seal.h), not this module.
 *
 * Depends on store (store/seal.h), model, util and jansson. */
#ifndef ZX_SEAL_H
#define ZX_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "store/seal.h"
#include "store/store.h"
#include "util/err.h"

struct zx_seal_rules; /* opaque */

/* Load the rules from path, or data/seal_rules.json when NULL. Caller owns *out; free with
 * zx_seal_rules_free. */
int zx_seal_rules_load(const char *path, struct zx_seal_rules **out,
                       struct zx_err *err) ZX_MUST_CHECK;
void zx_seal_rules_free(struct zx_seal_rules *r);
/* Turn rule id on or off (the CLI's --enable); ZX_ENOTFOUND for an unknown id. */
int zx_seal_rules_enable(struct zx_seal_rules *r, const char *id, int on, struct zx_err *err);

/* The id of the first enabled rule that seals judgment j (Borrowed: valid until the rules
 * are freed), with the basis in words in basis[n]; NULL when none does. Pure. */
const char *zx_seal_match(const struct zx_seal_rules *r, const struct zx_seal_judgment *j,
                          char *basis, size_t n);

struct zx_seal_result {
    long persons, cases;         /* sealed after the run */
    long persons_new, cases_new; /* sealed by this run */
};

/* Compute who must be sealed from the data and record it, in one transaction; a second run
 * changes nothing. */
int zx_seal_apply(struct zx_store *st, const struct zx_seal_rules *r, struct zx_seal_result *res,
                  struct zx_err *err) ZX_MUST_CHECK;

#endif
