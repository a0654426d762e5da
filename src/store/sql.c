#include "store/sql.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zx_store__db_err(struct zx_store *st, struct zx_err *err, const char *what)
{
    return zx_err_set(err, ZX_ESTORE, "%s: %s", what, sqlite3_errmsg(zx_store_sqlite(st)));
}

int zx_store__prep(struct zx_store *st, const char *sql, sqlite3_stmt **s, struct zx_err *err)
{
    if (sqlite3_prepare_v2(zx_store_sqlite(st), sql, -1, s, NULL) != SQLITE_OK) {
        *s = NULL;
        return zx_store__db_err(st, err, "prepare");
    }
    return ZX_OK;
}

void zx_store__bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

void zx_store__bind_date(sqlite3_stmt *s, int i, int32_t d)
{
    if (d == ZX_DATE_NULL)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_int64(s, i, d);
}

void zx_store__col_text(sqlite3_stmt *s, int i, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(out, n, "%s", t ? (const char *)t : "");
}

int32_t zx_store__col_date(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? ZX_DATE_NULL
                                                    : (int32_t)sqlite3_column_int64(s, i);
}

int32_t zx_store__col_int(sqlite3_stmt *s, int i, int32_t null)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? null : (int32_t)sqlite3_column_int(s, i);
}

uint8_t zx_store__col_code(sqlite3_stmt *s, int i)
{
    int v = sqlite3_column_int(s, i); /* NULL reads as 0 */
    return v > 0 && v < 64 ? (uint8_t)v : 0;
}

char *zx_store__col_strdup(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return strdup(t ? (const char *)t : "");
}

int64_t zx_store__scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_type(s, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int zx_store__rows(struct zx_store *st, sqlite3_stmt *s, size_t elem, zx_store__read_fn read,
                   void **out, size_t *n, const char *what, struct zx_err *err)
{
    unsigned char *v = NULL;
    size_t k = 0, cap = 0;
    int rc = ZX_OK, r;
    *out = NULL;
    *n = 0;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            size_t nc = cap ? cap * 2 : 64;
            void *p = realloc(v, nc * elem);
            if (!p) {
                rc = zx_err_set(err, ZX_ENOMEM, "%s: out of memory", what);
                goto cleanup;
            }
            v = p;
            cap = nc;
        }
        memset(v + k * elem, 0, elem);
        read(s, v + k * elem);
        k++;
    }
    if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, what);
        goto cleanup;
    }
    *out = v;
    *n = k;
    v = NULL;
cleanup:
    free(v);
    sqlite3_finalize(s);
    return rc;
}

int zx_store__not_found(struct zx_err *err, const char *what, const char *key, int in_db)
{
    static const struct {
        const char *what;
        int in_db;
        enum zx_msg_id id;
    } rows[] = {{"case", 0, ZX_M_NF_CASE},
                {"typical-case candidate", 0, ZX_M_NF_CANDIDATE},
                {"review plan", 0, ZX_M_NF_REVIEW_PLAN},
                {"review", 0, ZX_M_NF_REVIEW},
                {"suggestion", 0, ZX_M_NF_SUGGESTION},
                {"notice", 0, ZX_M_NF_NOTICE},
                {"case", 1, ZX_M_NF_CASE_DB},
                {"unit", 1, ZX_M_NF_UNIT_DB},
                {"staff member", 1, ZX_M_NF_STAFF_DB},
                {"plan", 1, ZX_M_NF_PLAN_DB},
                {"finding", 1, ZX_M_NF_FINDING_DB},
                {"disposition", 1, ZX_M_NF_DISPOSITION_DB},
                {"office", 1, ZX_M_NF_OFFICE_DB},
                {"log entry", 1, ZX_M_NF_LOG_DB},
                {"institution", 1, ZX_M_NF_INSTITUTION_DB}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].in_db == in_db && !strcmp(rows[i].what, what))
            return zx_err_setm(err, ZX_ENOTFOUND, rows[i].id, key);
    return in_db ? zx_err_set(err, ZX_ENOTFOUND, "no %s '%s' in the database", what, key)
                 : zx_err_set(err, ZX_ENOTFOUND, "no %s '%s'", what, key);
}

int zx_store__row(struct zx_store *st, sqlite3_stmt *s, zx_store__read_fn read, void *row,
                  const char *what, const char *key, struct zx_err *err)
{
    int rc = ZX_OK;
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW)
        read(s, row);
    else if (r == SQLITE_DONE)
        rc = zx_store__not_found(err, what, key, 0);
    else
        rc = zx_store__db_err(st, err, what);
    sqlite3_finalize(s);
    return rc;
}
