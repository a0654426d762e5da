/* documents.h — reading the documents table (documents.csv, similar-cases.md §1) for
 * 类案检索 (src/similar/). Rows are written by the importer through store.h like every
 * contract table; this header only reads them.
 *
 * Depends on store and util. Schema: migration 5 in schema.c. */
#ifndef ZX_STORE_DOCUMENTS_H
#define ZX_STORE_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* One document as stored. Texts are NUL-terminated (NULL when the column is empty).
 * Caller owns the strings: free with zx_store_doc_clear(). */
struct zx_store_doc {
    int64_t rid, case_rid; /* case_rid 0 = no case */
    char *document_id, *case_id, *unit_id, *charges, *facts, *text;
    int kind, sentence_kind;               /* vocabulary values, 0 = null */
    int64_t term_months, probation_months; /* ZX_STORE_NULL_INT when empty */
};

void zx_store_doc_clear(struct zx_store_doc *d);

/* The document with external id xid (rid = 0) or row id rid. Returns ZX_OK with *found = 1
 * and d filled, or ZX_OK with *found = 0 when there is none. with_text = 0 leaves d->text
 * NULL (full texts can be long). */
int zx_store_doc_get(struct zx_store *st, const char *xid, int64_t rid, int with_text,
                     struct zx_store_doc *d, int *found, struct zx_err *err) ZX_MUST_CHECK;

/* Called for every document in row-id order with its rid, case rid and facts (borrowed:
 * valid during the call). Stops when cb returns non-zero and returns that value. */
typedef int (*zx_store_doc_cb)(void *ud, int64_t rid, int64_t case_rid, const char *facts,
                               size_t facts_len);
int zx_store_docs_each(struct zx_store *st, zx_store_doc_cb cb, void *ud,
                       struct zx_err *err) ZX_MUST_CHECK;

/* The row ids (ascending) of the documents whose charges list names charge exactly (one of
 * its ';'-separated entries, blanks trimmed). Caller owns *rids; free with free(). */
int zx_store_docs_with_charge(struct zx_store *st, const char *charge, int64_t **rids, size_t *n,
                              struct zx_err *err) ZX_MUST_CHECK;

/* 1 when the ';'-separated list charges names charge exactly (blanks around entries
 * ignored), else 0. NULL lists name nothing. */
int zx_store_charges_contain(const char *charges, const char *charge);

/* The documents (external ids) of case case_id, in id order. Caller owns *ids and each
 * string; free each and the array with free(). */
int zx_store_docs_of_case(struct zx_store *st, const char *case_id, char ***ids, size_t *n,
                          struct zx_err *err) ZX_MUST_CHECK;

#endif
