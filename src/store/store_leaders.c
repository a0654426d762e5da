/* store_leaders.c — 领导干部办案 on SQLite (leaders.h). */
#include "store/leaders.h"

#include "store/sql.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_SHARE         "leader_share"
#define KEY_COMPLEX_SHARE "leader_complex_share"

static int unit_exists(struct zx_store *st, const char *unit_id, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc;
    if (!unit_id || !*unit_id || strlen(unit_id) >= 128)
        return zx_err_set(err, ZX_EINVAL, "unit id must have 1 to 127 bytes");
    if ((rc = zx_store__prep(st, "SELECT 1 FROM units WHERE unit_id = ?", &s, err)))
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    int r = sqlite3_step(s);
    if (r == SQLITE_DONE)
        rc = zx_store__not_found(err, "unit", unit_id, 1);
    else if (r != SQLITE_ROW)
        rc = zx_store__db_err(st, err, "unit lookup");
    sqlite3_finalize(s);
    return rc;
}

static int put_value(struct zx_store *st, const char *unit_id, const char *key, double v,
                     struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char text[32];
    int rc =
        v < 0 ? zx_store__prep(st, "DELETE FROM unit_settings WHERE unit_id=?1 AND key=?2", &s, err)
              : zx_store__prep(st,
                               "INSERT OR REPLACE INTO unit_settings(unit_id,key,value) "
                               "VALUES(?1,?2,?3)",
                               &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    zx_store__bind_text(s, 2, key);
    if (v >= 0) {
        snprintf(text, sizeof text, "%.6f", v);
        zx_store__bind_text(s, 3, text);
    }
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "leader expectation");
    sqlite3_finalize(s);
    return rc;
}

int zx_leaders_set_expect(struct zx_store *st, const char *unit_id, const double *share,
                          const double *complex_share, struct zx_err *err)
{
    int rc = unit_exists(st, unit_id, err);
    if (!rc && ((share && *share > 1) || (complex_share && *complex_share > 1)))
        rc = zx_err_set(err, ZX_EINVAL, "an expected share is at most 100%%");
    if (!rc && share)
        rc = put_value(st, unit_id, KEY_SHARE, *share, err);
    if (!rc && complex_share)
        rc = put_value(st, unit_id, KEY_COMPLEX_SHARE, *complex_share, err);
    return rc;
}

/* The nearest ancestor-or-self of unit_id with a value for key: *v (-1 when none). */
static int inherited(struct zx_store *st, const char *unit_id, const char *key, double *v,
                     char *from, size_t from_size, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "WITH RECURSIVE up(id, depth) AS (SELECT id, 0 FROM units WHERE "
                            "unit_id=?1 UNION ALL SELECT u.parent_rid, depth+1 FROM units u JOIN "
                            "up ON u.id=up.id WHERE u.parent_rid IS NOT NULL AND depth < 64) "
                            "SELECT us.value, u.unit_id FROM up JOIN units u ON u.id=up.id JOIN "
                            "unit_settings us ON us.unit_id=u.unit_id AND us.key=?2 "
                            "ORDER BY up.depth LIMIT 1",
                            &s, err);
    *v = -1;
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    zx_store__bind_text(s, 2, key);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        *v = sqlite3_column_double(s, 0);
        if (from && !from[0])
            zx_store__col_text(s, 1, from, from_size);
    } else if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "leader expectation");
    sqlite3_finalize(s);
    return rc;
}

int zx_leaders_get_expect(struct zx_store *st, const char *unit_id, struct zx_leaders_expect *out,
                          struct zx_err *err)
{
    memset(out, 0, sizeof *out);
    int rc =
        inherited(st, unit_id, KEY_SHARE, &out->share, out->from_unit, sizeof out->from_unit, err);
    if (!rc)
        rc = inherited(st, unit_id, KEY_COMPLEX_SHARE, &out->complex_share, out->from_unit,
                       sizeof out->from_unit, err);
    return rc;
}

static const char *const group_key[] = {
    [ZX_LEADERS_BY_UNIT] = "u.unit_id",
    [ZX_LEADERS_BY_LEVEL] = "lv.code",
    [ZX_LEADERS_BY_LINE] = "ln.code",
};
static const char *const group_name[] = {
    [ZX_LEADERS_BY_UNIT] = "u.name",
    [ZX_LEADERS_BY_LEVEL] = "lv.label",
    [ZX_LEADERS_BY_LINE] = "ln.label",
};

#define SUBTREE                                                                                    \
    "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id=?1 UNION ALL SELECT u.id "      \
    "FROM units u JOIN sub ON u.parent_rid=sub.id) "
#define JOINS                                                                                      \
    " FROM cases c JOIN sub ON sub.id=c.unit_rid JOIN units u ON u.id=c.unit_rid"                  \
    " LEFT JOIN staff s ON s.id=c.handler_rid"                                                     \
    " LEFT JOIN vocab lv ON lv.vocab='unit_level' AND lv.value=u.level"                            \
    " LEFT JOIN vocab ln ON ln.vocab='line' AND ln.value=c.line"                                   \
    " LEFT JOIN vocab rl ON rl.vocab='staff_role' AND rl.value=s.role"                             \
    " WHERE c.accepted_on BETWEEN ?2 AND ?3"
/* the figures count sealed cases too (store/seal.h: counting reads main.*) */
#define JOINS_ALL                                                                                  \
    " FROM main.cases c JOIN sub ON sub.id=c.unit_rid JOIN units u ON u.id=c.unit_rid"             \
    " LEFT JOIN staff s ON s.id=c.handler_rid"                                                     \
    " LEFT JOIN vocab lv ON lv.vocab='unit_level' AND lv.value=u.level"                            \
    " LEFT JOIN vocab ln ON ln.vocab='line' AND ln.value=c.line"                                   \
    " LEFT JOIN vocab rl ON rl.vocab='staff_role' AND rl.value=s.role"                             \
    " WHERE c.accepted_on BETWEEN ?2 AND ?3"

static void finish_row(struct zx_leaders_row *r)
{
    r->share = r->cases ? (double)r->leader_cases / (double)r->cases : -1;
    r->complex_share = r->complex ? (double)r->leader_complex / (double)r->complex : -1;
    r->below = (r->expect.share >= 0 && r->share >= 0 && r->share < r->expect.share) ||
               (r->expect.complex_share >= 0 && r->complex_share >= 0 &&
                r->complex_share < r->expect.complex_share);
}

int zx_leaders_report(struct zx_store *st, const char *unit_id, int32_t from, int32_t to,
                      enum zx_leaders_by by, struct zx_leaders_row **rows, int *n,
                      struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1600];
    struct zx_leaders_row *v = NULL, total;
    struct zx_leaders_expect top;
    int cap = 0, rc = unit_exists(st, unit_id, err), r;
    *rows = NULL;
    *n = 0;
    if (rc)
        return rc;
    if ((unsigned)by > ZX_LEADERS_BY_LINE)
        return zx_err_set(err, ZX_EINVAL, "bad grouping");
    if ((rc = zx_leaders_get_expect(st, unit_id, &top, err)))
        return rc;
    snprintf(sql, sizeof sql,
             SUBTREE "SELECT %s, %s, lv.label, count(*), sum(s.is_leader=1), sum(c.complex=1),"
                     " sum(c.complex=1 AND s.is_leader=1)" JOINS_ALL
                     " GROUP BY 1 ORDER BY min(u.level), 1",
             group_key[by], group_name[by]);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    sqlite3_bind_int(s, 2, from);
    sqlite3_bind_int(s, 3, to);
    memset(&total, 0, sizeof total);
    snprintf(total.key, sizeof total.key, "total");
    snprintf(total.name, sizeof total.name, "合计");
    total.expect = top;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            int nc = cap ? cap * 2 : 32;
            struct zx_leaders_row *nv = realloc(v, (size_t)nc * sizeof *nv);
            if (!nv) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            v = nv;
            cap = nc;
        }
        struct zx_leaders_row *row = &v[(*n)++];
        memset(row, 0, sizeof *row);
        zx_store__col_text(s, 0, row->key, sizeof row->key);
        zx_store__col_text(s, 1, row->name, sizeof row->name);
        if (by == ZX_LEADERS_BY_UNIT)
            zx_store__col_text(s, 2, row->level, sizeof row->level);
        row->cases = sqlite3_column_int64(s, 3);
        row->leader_cases = sqlite3_column_int64(s, 4);
        row->complex = sqlite3_column_int64(s, 5);
        row->leader_complex = sqlite3_column_int64(s, 6);
        row->expect = top;
        total.cases += row->cases;
        total.leader_cases += row->leader_cases;
        total.complex += row->complex;
        total.leader_complex += row->leader_complex;
    }
    if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "leaders' cases");
        goto cleanup;
    }
    /* each unit is held to its own (or inherited) expectation */
    for (int i = 0; by == ZX_LEADERS_BY_UNIT && i < *n; i++)
        if ((rc = zx_leaders_get_expect(st, v[i].key, &v[i].expect, err)))
            goto cleanup;
    for (int i = 0; i < *n; i++)
        finish_row(&v[i]);
    finish_row(&total);
    {
        struct zx_leaders_row *nv = realloc(v, (size_t)(*n + 1) * sizeof *nv);
        if (!nv) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        v = nv;
        v[(*n)++] = total;
    }
    *rows = v;
    v = NULL;
cleanup:
    sqlite3_finalize(s);
    free(v);
    if (rc)
        *n = 0;
    return rc;
}

int zx_leaders_cases(struct zx_store *st, const char *unit_id, int32_t from, int32_t to,
                     enum zx_leaders_by by, const char *key, int leader_only, int complex_only,
                     int64_t limit, zx_leaders_case_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[1600];
    int rc = unit_exists(st, unit_id, err), r;
    if (rc)
        return rc;
    if ((unsigned)by > ZX_LEADERS_BY_LINE)
        return zx_err_set(err, ZX_EINVAL, "bad grouping");
    if (key && !strcmp(key, "total"))
        key = NULL;
    snprintf(sql, sizeof sql,
             SUBTREE "SELECT c.case_id, c.case_no, u.unit_id, u.name, ln.label, s.staff_id,"
                     " s.name, rl.label, s.is_leader, c.complex, c.accepted_on, c.closed_on" JOINS
                     " AND (?4 IS NULL OR %s=?4) AND (?5=0 OR s.is_leader=1) AND (?6=0 OR"
                     " c.complex=1) ORDER BY c.accepted_on, c.case_id LIMIT ?7",
             group_key[by]);
    if ((rc = zx_store__prep(st, sql, &s, err)))
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    sqlite3_bind_int(s, 2, from);
    sqlite3_bind_int(s, 3, to);
    zx_store__bind_text(s, 4, key);
    sqlite3_bind_int(s, 5, leader_only);
    sqlite3_bind_int(s, 6, complex_only);
    sqlite3_bind_int64(s, 7, limit > 0 ? limit : -1);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_leaders_case c = {
            (const char *)sqlite3_column_text(s, 0),
            (const char *)sqlite3_column_text(s, 1),
            (const char *)sqlite3_column_text(s, 2),
            (const char *)sqlite3_column_text(s, 3),
            (const char *)sqlite3_column_text(s, 4),
            (const char *)sqlite3_column_text(s, 5),
            (const char *)sqlite3_column_text(s, 6),
            (const char *)sqlite3_column_text(s, 7),
            sqlite3_column_int(s, 8) == 1,
            sqlite3_column_int(s, 9) == 1,
            zx_store__col_date(s, 10),
            zx_store__col_date(s, 11),
        };
        if ((rc = cb(ud, &c)))
            break;
    }
    if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
        rc = zx_store__db_err(st, err, "leaders' cases");
    sqlite3_finalize(s);
    return rc;
}
