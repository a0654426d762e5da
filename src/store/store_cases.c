/* store_cases.c — short case descriptions by rid, the dates the data spans (cases.h). */
#include "store/cases.h"
#include "store/sql.h"
#include "util/date.h"

#include <string.h>

int zx_store_case_briefs(struct zx_store *st, const int64_t *rids, size_t n, zx_case_brief_cb cb,
                         void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_case_brief b;
    int rc = zx_store__prep(st,
                            "SELECT c.case_id, c.case_no, u.unit_id, u.name, c.charge,"
                            " c.accepted_on, c.closed_on FROM cases c"
                            " JOIN units u ON u.id = c.unit_rid WHERE c.id = ?",
                            &s, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, rids[i]);
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            continue;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "cases");
            goto cleanup;
        }
        memset(&b, 0, sizeof b);
        zx_store__col_text(s, 0, b.case_id, sizeof b.case_id);
        zx_store__col_text(s, 1, b.case_no, sizeof b.case_no);
        zx_store__col_text(s, 2, b.unit_id, sizeof b.unit_id);
        zx_store__col_text(s, 3, b.unit_name, sizeof b.unit_name);
        zx_store__col_text(s, 4, b.charge, sizeof b.charge);
        b.accepted_on = zx_store__col_date(s, 5);
        b.closed_on = zx_store__col_date(s, 6);
        if (cb(ud, &b))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_store_case_date_range(struct zx_store *st, int32_t *first, int32_t *last, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *first = *last = ZX_DATE_NULL;
    int rc = zx_store__prep(st,
                            "SELECT min(accepted_on), max(max(coalesce(closed_on, 0)), "
                            "max(accepted_on)) FROM cases",
                            &s, err);
    if (rc)
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = zx_store__db_err(st, err, "cases");
        goto cleanup;
    }
    *first = zx_store__col_date(s, 0);
    *last = *first == ZX_DATE_NULL ? ZX_DATE_NULL : zx_store__col_date(s, 1);
cleanup:
    sqlite3_finalize(s);
    return rc;
}
