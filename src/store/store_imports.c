/* store_imports.c — reading the import log (imports.h). */
#include "store/imports.h"
#include "store/sql.h"

#include <string.h>

#define TXT(s, i) ((const char *)sqlite3_column_text((s), (i)))

int zx_import_each(struct zx_store *st, int (*fn)(const struct zx_import_row *, void *), void *arg,
                   struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT i.id, i.bundle, i.started_at, i.finished_at, i.rows_read, "
                            "i.imported, i.rejected, i.warnings, o.unit_id, u.name "
                            "FROM imports i LEFT JOIN import_owners o ON o.import_rid = i.id "
                            "LEFT JOIN users u ON u.id = o.user_rid ORDER BY i.id DESC",
                            &s, err);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_import_row row = {
            .id = sqlite3_column_int64(s, 0),
            .bundle = TXT(s, 1),
            .started_at = TXT(s, 2),
            .finished_at = TXT(s, 3),
            .rows_read = sqlite3_column_int64(s, 4),
            .imported = sqlite3_column_int64(s, 5),
            .rejected = sqlite3_column_int64(s, 6),
            .warnings = sqlite3_column_int64(s, 7),
            .owner_unit = TXT(s, 8),
            .owner_name = TXT(s, 9),
        };
        if ((rc = fn(&row, arg)))
            goto cleanup;
    }
    if (step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "import log");
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_import_owner(struct zx_store *st, int64_t id, int *found, char *owner_unit, size_t size,
                    struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT o.unit_id FROM imports i LEFT JOIN import_owners o "
                            "ON o.import_rid = i.id WHERE i.id = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    *found = 0;
    owner_unit[0] = '\0';
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *found = 1;
        zx_store__col_text(s, 0, owner_unit, size);
    } else if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "import log");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_import_issues(struct zx_store *st, int64_t id, int64_t offset, int64_t limit, int64_t *total,
                     int (*fn)(const struct zx_import_issue_row *, void *), void *arg,
                     struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc, step;
    *total = 0;
    if ((rc = zx_store__prep(st, "SELECT count(*) FROM import_issues WHERE import_rid = ?", &s,
                             err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if ((step = sqlite3_step(s)) == SQLITE_ROW)
        *total = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    s = NULL;
    if (step != SQLITE_ROW)
        return zx_store__db_err(st, err, "import issues");
    if ((rc = zx_store__prep(st,
                             "SELECT file, line, col, outcome, reason, raw, reason_zh FROM "
                             "import_issues "
                             "WHERE import_rid = ? ORDER BY id LIMIT ? OFFSET ?",
                             &s, err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, limit);
    sqlite3_bind_int64(s, 3, offset);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_import_issue_row row = {
            .file = TXT(s, 0),
            .line = sqlite3_column_int64(s, 1),
            .column = TXT(s, 2),
            .outcome = TXT(s, 3),
            .reason = TXT(s, 4),
            .raw = TXT(s, 5),
            .reason_zh = TXT(s, 6),
        };
        if ((rc = fn(&row, arg)))
            goto cleanup;
    }
    if (step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "import issues");
cleanup:
    sqlite3_finalize(s);
    return rc;
}
