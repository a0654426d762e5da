/* sql.h — small SQLite helpers shared by the store's SQL modules (store_*.c) and by the two
 * bulk column loaders that read SQLite directly for speed (metrics/load.c, execution/load.c);
 * no other module includes it. Text and date conventions are the store's: an empty text
 * binds as NULL, ZX_DATE_NULL as NULL. */
#ifndef ZX_STORE_SQL_H
#define ZX_STORE_SQL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Fill err with "what: <SQLite's message>"; returns ZX_ESTORE. */
int zx_store__db_err(struct zx_store *st, struct zx_err *err, const char *what);

/* Prepare sql on st's connection into *s (NULL on failure, err filled). */
int zx_store__prep(struct zx_store *st, const char *sql, sqlite3_stmt **s,
                   struct zx_err *err) ZX_MUST_CHECK;

/* Bind v (copied) at i; NULL or "" binds NULL. */
void zx_store__bind_text(sqlite3_stmt *s, int i, const char *v);

/* Bind a day number at i; ZX_DATE_NULL binds NULL. */
void zx_store__bind_date(sqlite3_stmt *s, int i, int32_t d);

/* Column i as text into out (n bytes, truncated; NULL gives ""). */
void zx_store__col_text(sqlite3_stmt *s, int i, char *out, size_t n);

/* Column i as a day number; NULL gives ZX_DATE_NULL. */
int32_t zx_store__col_date(sqlite3_stmt *s, int i);

/* Column i as an int; NULL gives `null`. */
int32_t zx_store__col_int(sqlite3_stmt *s, int i, int32_t null);

/* Column i as a vocabulary code (1–63); NULL or out of range gives 0. */
uint8_t zx_store__col_code(sqlite3_stmt *s, int i);

/* Column i as a new string ("" for NULL). Caller owns it; free with free(). NULL when out
 * of memory. */
char *zx_store__col_strdup(sqlite3_stmt *s, int i);

/* A row reader: fill *row (zeroed, of the size the caller gave) from s's current row. */
typedef void (*zx_store__read_fn)(sqlite3_stmt *s, void *row);

/* Step the prepared s to its end, reading each row with read into a new array of
 * elem-byte rows. Finalizes s whatever happens. On success *out (caller frees with free();
 * NULL when there is no row) and *n; on failure both are empty and err says
 * "what: <SQLite's message>". out is the address of the caller's array pointer. */
int zx_store__rows(struct zx_store *st, sqlite3_stmt *s, size_t elem, zx_store__read_fn read,
                   void **out, size_t *n, const char *what, struct zx_err *err) ZX_MUST_CHECK;

/* Step the prepared s once and read its row with read into row. No row gives ZX_ENOTFOUND
 * "no <what> '<key>'". Finalizes s whatever happens. */
int zx_store__row(struct zx_store *st, sqlite3_stmt *s, zx_store__read_fn read, void *row,
                  const char *what, const char *key, struct zx_err *err) ZX_MUST_CHECK;

/* The integer of the first column of the first row of sql (NULL gives 0), or -1 when the
 * query fails or returns no row. For counts and largest ids. */
int64_t zx_store__scalar(sqlite3 *db, const char *sql);

/* ZX_ENOTFOUND with "no <what> '<key>'" (in_db 0) or "no <what> '<key>' in the database"
 * (in_db 1), from the message table's row for that kind of record (util/msg.h) so that the
 * web UI shows it in Chinese; a kind without a row gets the plain English. */
int zx_store__not_found(struct zx_err *err, const char *what, const char *key, int in_db);

/* The connection's sealed-record guard state (store_seal.c). */
int *zx_store__seal_guard_flag(struct zx_store *st);

#endif
