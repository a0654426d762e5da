/* ingest.h — import a case-data bundle (shared/spec/case-data.md) into the store.
 *
 * One import is one transaction: it lands whole or not at all. Every row read ends as
 * exactly one of inserted, updated (old content kept in history), unchanged, or rejected
 * with file, line, column and reason; read = imported + rejected is checked. Rows imported
 * with warnings (a bad id-number check digit, a 15-digit id number, a reply linked to the
 * event it answers) are counted too. Rejected and warned rows go to the store's
 * import_issues table and, when asked, to a rejects CSV file written atomically.
 *
 * Depends on store, model, util. */
#ifndef ZX_INGEST_INGEST_H
#define ZX_INGEST_INGEST_H

#include "store/store.h"
#include "util/err.h"

struct zx_ingest_opts {
    const char *rejects_path; /* write rejected and warned rows here (CSV); NULL: don't */
    int progress;             /* draw a progress line on stderr */
};

struct zx_ingest_file_report {
    const char *file; /* "events.csv" (static) */
    int present;      /* 0 when an optional file is absent */
    long read, inserted, updated, unchanged, warned, rejected;
};

struct zx_ingest_report {
    struct zx_ingest_file_report files[ZX_T_COUNT_];
    long read, imported, rejected, warned; /* warned: rows imported with warnings */
    long issues;                           /* rejected + warned rows + file-level notes */
    int64_t import_id;
    double seconds;
};

/* Import the bundle in directory dir. Returns ZX_OK when the import landed, even if rows
 * were rejected (see rep). A structural problem — a missing required file or column, an
 * unreadable file — returns ZX_EPARSE (or ZX_EIO) with the file and reason in err, and
 * nothing is imported. rep is filled in either case as far as the import got. */
int zx_ingest_bundle(struct zx_store *st, const char *dir, const struct zx_ingest_opts *opts,
                     struct zx_ingest_report *rep, struct zx_err *err) ZX_MUST_CHECK;

/* File name of table t in a bundle ("units.csv"…). */
const char *zx_ingest_file_name(enum zx_table t);

#endif
