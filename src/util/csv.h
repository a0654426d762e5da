/* csv.h — RFC 4180 CSV over an in-memory buffer (an mmap'ed file), and a field writer.
 *
 * The reader never fails as a whole: each call yields the next record, and a record that
 * breaks the format (a quote in an unquoted field, text after a closing quote, an
 * unterminated quote, a record over ZX_MAX_CSV_RECORD) comes back flagged `bad` with the
 * field number and reason, so the caller can reject that row and go on. A leading UTF-8
 * BOM is skipped; LF and CRLF both end a record; blank lines are skipped. Depends on util/msg
 * (the breakage's message row). */
#ifndef ZX_UTIL_CSV_H
#define ZX_UTIL_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "util/msg.h"

struct zx_csv; /* opaque reader */

struct zx_csv_field {
    const char *p; /* Borrowed: valid until the next zx_csv_next() on the same reader */
    size_t len;
};

struct zx_csv_row {
    size_t nfields;
    const struct zx_csv_field *f; /* Borrowed, as above */
    long line;                    /* 1-based line on which the record starts */
    const char *raw;              /* the record's bytes, verbatim, without its line end */
    size_t raw_len;
    int bad;                /* 1 when the record breaks the format */
    size_t bad_field;       /* 1-based field where it broke */
    const char *bad_reason; /* static English text naming the breakage */
    enum zx_msg_id bad_id;  /* the same as a row of the message table (both languages) */
};

/* New reader over data[0..len). Borrows data: it must outlive the reader. Caller owns the
 * result; free with zx_csv_free(). Returns NULL when out of memory. */
struct zx_csv *zx_csv_new(const char *data, size_t len);

/* Read the next record into *row. Returns 1 for a record, 0 at end of input, -1 when out
 * of memory. */
int zx_csv_next(struct zx_csv *c, struct zx_csv_row *row);

/* Bytes consumed so far (for progress). */
size_t zx_csv_offset(const struct zx_csv *c);

void zx_csv_free(struct zx_csv *c);

/* Write one field, quoted when it holds a comma, quote, CR or LF. */
void zx_csv_put(FILE *f, const char *s, size_t n);

/* zx_csv_put for a NUL-terminated string (NULL writes nothing: an empty field). */
void zx_csv_puts(FILE *f, const char *s);

#endif
