/* limits.h — every ceiling of libzx in one table, so each is stated once and tested. */
#ifndef ZX_UTIL_LIMITS_H
#define ZX_UTIL_LIMITS_H

#define ZX_MAX_CSV_FIELDS   256           /* fields in one CSV record */
#define ZX_MAX_CSV_RECORD   (4u << 20)    /* bytes in one CSV record, quotes included */
#define ZX_MAX_ID_LEN       64            /* ids are 1–64 bytes (case-data.md §1) */
#define ZX_MAX_TEXT_LEN     (64u << 10)   /* a free-text field (names, notes) */
#define ZX_MAX_DOC_TEXT_LEN (1u << 20)    /* a document's facts or full text (documents.csv) */
#define ZX_MAX_REJECT_RAW   (16u << 10)   /* verbatim bytes of a rejected row kept in the store */
#define ZX_MAX_FILE_BYTES   (64ull << 30) /* one bundle file */

#endif
