/* store_settings.c — ranking switches and targets on SQLite (settings.h). */
#include "store/settings.h"

#include "store/sql.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KEY_RANKING "ranking"

static int check_id(const char *what, const char *id, struct zx_err *err)
{
    if (!id || !*id || strlen(id) >= ZX_SETTINGS_ID_MAX)
        return zx_err_set(err, ZX_EINVAL, "%s id must have 1 to %d bytes", what,
                          ZX_SETTINGS_ID_MAX - 1);
    return ZX_OK;
}

static int unit_exists(struct zx_store *st, const char *unit_id, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = check_id("unit", unit_id, err);
    if (rc || (rc = zx_store__prep(st, "SELECT 1 FROM units WHERE unit_id = ?", &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_DONE)
        rc = zx_store__not_found(err, "unit", unit_id, 1);
    else if (step != SQLITE_ROW)
        rc = zx_store__db_err(st, err, "unit lookup");
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_set_ranking(struct zx_store *st, const char *unit_id, int on, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = unit_exists(st, unit_id, err);
    if (rc)
        return rc;
    /* off is stored as the absence of the row: the default needs no row */
    rc = on ? zx_store__prep(st,
                             "INSERT OR REPLACE INTO unit_settings(unit_id, key, value) VALUES (?, "
                             "'" KEY_RANKING "', 'on')",
                             &s, err)
            : zx_store__prep(
                  st, "DELETE FROM unit_settings WHERE unit_id = ? AND key = '" KEY_RANKING "'", &s,
                  err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "ranking setting");
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_get_ranking(struct zx_store *st, const char *unit_id, int *on, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *on = 0;
    int rc = zx_store__prep(
        st, "SELECT value FROM unit_settings WHERE unit_id = ? AND key = '" KEY_RANKING "'", &s,
        err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(s, 0);
        *on = v && !strcmp((const char *)v, "on");
    } else if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "ranking setting");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_value_set(struct zx_store *st, const char *unit_id, const char *key,
                          const char *value, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    if (!key || !*key || strlen(key) >= sizeof((struct zx_unit_value *)0)->key ||
        !strcmp(key, KEY_RANKING))
        return zx_err_set(err, ZX_EINVAL, "bad setting key");
    if (value && (!*value || strlen(value) >= sizeof((struct zx_unit_value *)0)->value))
        return zx_err_set(err, ZX_EINVAL, "setting value must have 1 to 63 bytes");
    int rc = unit_exists(st, unit_id, err);
    if (rc)
        return rc;
    rc = value ? zx_store__prep(st,
                                "INSERT OR REPLACE INTO unit_settings(unit_id, key, value)"
                                " VALUES (?, ?, ?)",
                                &s, err)
               : zx_store__prep(st, "DELETE FROM unit_settings WHERE unit_id = ? AND key = ?", &s,
                                err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
    if (value)
        sqlite3_bind_text(s, 3, value, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "unit setting");
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_value_list(struct zx_store *st, const char *prefix, struct zx_unit_value **out,
                           size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_unit_value *v = NULL;
    size_t cnt = 0, cap = 0;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(st,
                            "SELECT unit_id, key, value FROM unit_settings"
                            " WHERE substr(key, 1, length(?1)) = ?1 AND key <> '" KEY_RANKING
                            "' ORDER BY unit_id, key",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (cnt == cap) {
            cap = cap ? cap * 2 : 16;
            struct zx_unit_value *nv = realloc(v, cap * sizeof *v);
            if (!nv) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            v = nv;
        }
        zx_store__col_text(s, 0, v[cnt].unit_id, sizeof v[cnt].unit_id);
        zx_store__col_text(s, 1, v[cnt].key, sizeof v[cnt].key);
        zx_store__col_text(s, 2, v[cnt].value, sizeof v[cnt].value);
        cnt++;
    }
    if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "unit settings");
        goto cleanup;
    }
    *out = v;
    *n = cnt;
    v = NULL;
cleanup:
    free(v);
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_target_set(struct zx_store *st, const struct zx_target *t, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = unit_exists(st, t->unit_id, err);
    if (rc || (rc = check_id("indicator", t->indicator, err)))
        return rc;
    if (t->value != t->value)
        return zx_err_set(err, ZX_EINVAL, "a target must be a number");
    if ((rc = zx_store__prep(
             st,
             "INSERT OR REPLACE INTO targets(unit_id, indicator, effective_from, value, "
             "set_at) VALUES (?, ?, ?, ?, ?)",
             &s, err)))
        return rc;
    sqlite3_bind_text(s, 1, t->unit_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, t->indicator, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, t->effective_from);
    sqlite3_bind_double(s, 4, t->value);
    sqlite3_bind_int64(s, 5, (int64_t)time(NULL));
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "target");
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_target_clear(struct zx_store *st, const char *unit_id, const char *indicator,
                             int32_t effective_from, int any_date, int *removed, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    if (removed)
        *removed = 0;
    int rc =
        zx_store__prep(st,
                       "DELETE FROM targets WHERE unit_id = ?1 AND (?2 IS NULL OR indicator = ?2) "
                       "AND (?3 OR effective_from = ?4)",
                       &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    if (indicator)
        sqlite3_bind_text(s, 2, indicator, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_int(s, 3, any_date != 0);
    sqlite3_bind_int64(s, 4, effective_from);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "clear targets");
    else if (removed)
        *removed = sqlite3_changes(zx_store_sqlite(st));
    sqlite3_finalize(s);
    return rc;
}

int zx_settings_target_list(struct zx_store *st, const char *unit_id, struct zx_target **out,
                            size_t *n, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_target *v = NULL;
    size_t k = 0, cap = 0;
    *out = NULL;
    *n = 0;
    int rc = zx_store__prep(
        st,
        "SELECT unit_id, indicator, effective_from, value FROM targets "
        "WHERE ?1 IS NULL OR unit_id = ?1 ORDER BY unit_id, indicator, effective_from",
        &s, err);
    if (rc)
        return rc;
    if (unit_id)
        sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, 1);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (k == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct zx_target *nv = realloc(v, ncap * sizeof *nv);
            if (!nv) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            v = nv;
            cap = ncap;
        }
        zx_store__col_text(s, 0, v[k].unit_id, sizeof v[k].unit_id);
        zx_store__col_text(s, 1, v[k].indicator, sizeof v[k].indicator);
        v[k].effective_from = (int32_t)sqlite3_column_int64(s, 2);
        v[k].value = sqlite3_column_double(s, 3);
        k++;
    }
    if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "list targets");
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

/* ---- snapshot ---- */

struct zx_settings {
    char **ranking; /* unit ids that rank their children; from malloc() */
    size_t nranking, capranking;
    struct zx_target *targets; /* sorted by unit, indicator, date as loaded or appended */
    size_t ntargets, captargets;
};

struct zx_settings *zx_settings_empty(void)
{
    return calloc(1, sizeof(struct zx_settings));
}

void zx_settings_free(struct zx_settings *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nranking; i++)
        free(s->ranking[i]);
    free(s->ranking);
    free(s->targets);
    free(s);
}

int zx_settings_put_ranking(struct zx_settings *s, const char *unit_id, int on)
{
    for (size_t i = 0; i < s->nranking; i++) {
        if (!strcmp(s->ranking[i], unit_id)) {
            if (!on) {
                free(s->ranking[i]);
                s->ranking[i] = s->ranking[--s->nranking];
            }
            return ZX_OK;
        }
    }
    if (!on)
        return ZX_OK;
    if (s->nranking == s->capranking) {
        size_t ncap = s->capranking ? s->capranking * 2 : 8;
        char **n = realloc(s->ranking, ncap * sizeof *n);
        if (!n)
            return ZX_ENOMEM;
        s->ranking = n;
        s->capranking = ncap;
    }
    if (!(s->ranking[s->nranking] = strdup(unit_id)))
        return ZX_ENOMEM;
    s->nranking++;
    return ZX_OK;
}

int zx_settings_put_target(struct zx_settings *s, const struct zx_target *t)
{
    if (s->ntargets == s->captargets) {
        size_t ncap = s->captargets ? s->captargets * 2 : 16;
        struct zx_target *n = realloc(s->targets, ncap * sizeof *n);
        if (!n)
            return ZX_ENOMEM;
        s->targets = n;
        s->captargets = ncap;
    }
    s->targets[s->ntargets++] = *t;
    return ZX_OK;
}

int zx_settings_load(struct zx_store *st, struct zx_settings **out, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_target *t = NULL;
    size_t nt = 0;
    *out = NULL;
    struct zx_settings *set = zx_settings_empty();
    if (!set)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int rc = zx_store__prep(
        st, "SELECT unit_id FROM unit_settings WHERE key = '" KEY_RANKING "' AND value = 'on'", &s,
        err);
    if (rc)
        goto cleanup;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const unsigned char *u = sqlite3_column_text(s, 0);
        if (u && zx_settings_put_ranking(set, (const char *)u, 1)) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (step != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "ranking settings");
        goto cleanup;
    }
    if ((rc = zx_settings_target_list(st, NULL, &t, &nt, err)))
        goto cleanup;
    set->targets = t;
    set->ntargets = set->captargets = nt;
    t = NULL;
    *out = set;
    set = NULL;
cleanup:
    sqlite3_finalize(s);
    free(t);
    zx_settings_free(set);
    return rc;
}

int zx_settings_ranking(const struct zx_settings *s, const char *unit_id)
{
    for (size_t i = 0; s && unit_id && i < s->nranking; i++)
        if (!strcmp(s->ranking[i], unit_id))
            return 1;
    return 0;
}

int zx_settings_target(const struct zx_settings *s, const char *unit_id, const char *indicator,
                       int32_t at, double *value)
{
    const struct zx_target *best = NULL;
    for (size_t i = 0; s && unit_id && indicator && i < s->ntargets; i++) {
        const struct zx_target *t = &s->targets[i];
        if (t->effective_from <= at && !strcmp(t->unit_id, unit_id) &&
            !strcmp(t->indicator, indicator) && (!best || t->effective_from > best->effective_from))
            best = t;
    }
    if (!best)
        return 0;
    *value = best->value;
    return 1;
}
