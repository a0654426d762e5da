/* internal.h — shared by the files of src/supervise only (prefix zx_sup__).
 * Depends on supervise/supervise.h and jansson. */
#ifndef ZX_SUPERVISE_INTERNAL_H
#define ZX_SUPERVISE_INTERNAL_H

#include "supervise/supervise.h"

#include <jansson.h>

enum {
    ZX_SUP__ID,
    ZX_SUP__NAME,
    ZX_SUP__BIRTH,
    ZX_SUP__DATE,
    ZX_SUP__MONTH,
    ZX_SUP__AMOUNT,
    ZX_SUP__CODE,
    ZX_SUP__TEXT,
    ZX_SUP__UNIT,
};

struct zx_sup__col {
    const char *column, *field; /* Borrowed from the schema's JSON */
    int role, required;
    json_t *values; /* allowed codes (array) or NULL */
};

struct zx_sup__schema {
    json_t *root; /* owned reference */
    struct zx_sup__col *cols;
    size_t n;
};

/* Read a dataset schema (where: the file name for messages). Caller owns s; free with
 * zx_sup__schema_free(). */
int zx_sup__schema_parse(json_t *root, const char *where, struct zx_sup__schema *s,
                         struct zx_err *err);
void zx_sup__schema_free(struct zx_sup__schema *s);

#endif
