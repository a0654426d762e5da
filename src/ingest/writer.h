/* writer.h — internal to ingest: the import's second stage. One thread parses and validates
 * rows; this writer thread puts them into the store, so that on two cores the parsing of
 * the next batch overlaps the database work of the last. Rows are copied (texts included)
 * into batches, so the caller's buffers may change as soon as put returns.
 *
 * While rows are queued the store belongs to the writer: the caller must call drain before
 * it touches the store itself. */
#ifndef ZX_INGEST_WRITER_H
#define ZX_INGEST_WRITER_H

#include "store/store.h"
#include "util/err.h"

union zx_ingest__row {
    struct zx_unit_row u;
    struct zx_staff_row s;
    struct zx_case_row c;
    struct zx_person_row p;
    struct zx_event_row e;
    struct zx_institution_row i;
    struct zx_convict_row v;
    struct zx_change_row x;
    struct zx_document_row d;
};

struct zx_ingest__writer; /* opaque */

/* Start the writer thread on st; updates record history under import_id. Caller owns *out;
 * end with zx_ingest__writer_stop(). */
int zx_ingest__writer_start(struct zx_store *st, int64_t import_id, struct zx_ingest__writer **out,
                            struct zx_err *err) ZX_MUST_CHECK;

/* Queue an insert under rid (update = 0) or an update of row rid (update = 1) of table t.
 * Returns the writer's first error, if it has failed, so the import can stop. */
int zx_ingest__writer_put(struct zx_ingest__writer *w, enum zx_table t, int update, int64_t rid,
                          uint64_t hash, const void *row, struct zx_err *err) ZX_MUST_CHECK;

/* Wait until every queued row is in the store; returns the writer's first error. */
int zx_ingest__writer_drain(struct zx_ingest__writer *w, struct zx_err *err) ZX_MUST_CHECK;

/* Stop the thread, dropping whatever is still queued (after an error). NULL-safe. */
void zx_ingest__writer_stop(struct zx_ingest__writer *w);

/* The text fields of row (of table t): fills ptrs (at most 8) and returns their number. */
int zx_ingest__row_texts(enum zx_table t, union zx_ingest__row *row, struct zx_text **ptrs);

#endif
