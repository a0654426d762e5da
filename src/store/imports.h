/* imports.h — reading the import log: the imports with their owners (an upload made in the
 * browser belongs to its account's unit; an import from the command line to nobody) and the
 * rows each rejected or warned about. Writing the log is store.h's (zx_store_import_…).
 *
 * Ownership: rows passed to a callback are borrowed, valid during the call only.
 *
 * Depends on store and util (SQLite backend). */
#ifndef ZX_STORE_IMPORTS_H
#define ZX_STORE_IMPORTS_H

#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

struct zx_import_row {
    int64_t id;
    const char *bundle;      /* the folder or file given; NULL if unknown */
    const char *started_at;  /* ISO 8601 UTC */
    const char *finished_at; /* NULL while running or after a crash */
    int64_t rows_read, imported, rejected, warnings;
    const char *owner_unit; /* the uploading account's unit; NULL: the command line */
    const char *owner_name; /* the uploading account; NULL if none or deleted */
};

struct zx_import_issue_row {
    /* any may be NULL; reason is the English, reason_zh the Chinese (NULL for imports made
     * before both were kept: their reason is in the importing command's language) */
    const char *file, *column, *outcome, *reason, *reason_zh, *raw;
    int64_t line;
};

/* Call fn for every import, newest first; fn returning non-zero stops the walk (that value
 * is returned). */
int zx_import_each(struct zx_store *st, int (*fn)(const struct zx_import_row *, void *), void *arg,
                   struct zx_err *err);

/* Whether import id exists (*found) and its owner unit (owner_unit, size bytes; "" when the
 * command line made it). */
int zx_import_owner(struct zx_store *st, int64_t id, int *found, char *owner_unit, size_t size,
                    struct zx_err *err) ZX_MUST_CHECK;

/* The issues of import id in file order: *total gets how many there are, fn is called for
 * those from offset on, at most limit. */
int zx_import_issues(struct zx_store *st, int64_t id, int64_t offset, int64_t limit, int64_t *total,
                     int (*fn)(const struct zx_import_issue_row *, void *), void *arg,
                     struct zx_err *err) ZX_MUST_CHECK;

#endif
