/* sql.h — small SQLite helpers shared by the store's SQL modules (store_auth.c,
 * store_settings.c, store_inspect.c); internal to store/. Text and date conventions are the
 * store's: an empty text binds as NULL, ZX_DATE_NULL as NULL. */
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

#endif
