/* load.c — read convicts and sentence changes from the store into the review's columns.
 *
 * Tied to the SQLite backend (zx_store_sqlite). Both tables are scanned in rowid order —
 * the fastest read SQLite has — on two read-only, memory-mapped connections of our own at
 * once (convicts here, changes in a thread), into arrays sized from the largest rowid; changes are
 * then placed per convict by a counting sort and ordered by proposed_on. External ids are not
 * loaded: findings are few, so zx_exec_xid() looks them up by rid.
 *
 * A load of the whole store first tries the columnar cache `<db>.zxexec` (cache.c) and,
 * after reading SQLite, writes it; ZHIXIAO_SNAPSHOT=0 turns it off. */
#include "execution/exec.h"
#include "execution/internal.h"
#include "store/sql.h"
#include "store/store.h"
#include "util/colcache.h"
#include "util/date.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A read-only connection of our own for a bulk scan: memory-mapped, so pages are not copied
 * into the page cache, and with the store's connection settings left alone. */
static int open_reader(const char *path, sqlite3 **db)
{
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return -1;
    sqlite3_exec(*db, "PRAGMA mmap_size=17179869184; PRAGMA cache_size=-16384", NULL, NULL, NULL);
    return 0;
}

/* Largest rowid of a table (the rows to expect after an import), 0 when empty. */
static size_t max_rowid(sqlite3 *db, const char *sql)
{
    int64_t n = zx_store__scalar(db, sql);
    return n > 0 ? (size_t)n : 0;
}

struct raw_chg {
    int64_t convict;
    struct zx_exec_change c;
};

struct chg_job {
    const char *path;
    sqlite3 *db;          /* when set, read on this connection in the calling thread */
    int64_t convict;      /* 0 = all */
    struct raw_chg *rows; /* From malloc() */
    size_t n, cap;
    int rc;
    char msg[256];
};

static void *read_changes(void *arg)
{
    struct chg_job *j = arg;
    sqlite3 *db = j->db;
    sqlite3_stmt *s = NULL;
    int own = 0;
    if (!db) {
        if (open_reader(j->path, &db)) {
            j->rc = ZX_ESTORE;
            snprintf(j->msg, sizeof j->msg, "cannot open '%s' to read sentence changes", j->path);
            sqlite3_close(db);
            return NULL;
        }
        own = 1;
    }
    if (!j->convict && (j->cap = max_rowid(db, "SELECT max(id) FROM sentence_changes")) > 0) {
        j->rows = malloc(j->cap * sizeof *j->rows);
        if (!j->rows) {
            j->rc = ZX_ENOMEM;
            snprintf(j->msg, sizeof j->msg, "out of memory");
            goto done;
        }
    }
    const char *sql = j->convict
                          ? "SELECT convict_rid, id, kind, proposed_on, ruled_on, served_on, merit,"
                            " reduction_months, new_term_months, new_sentence_kind, ground"
                            " FROM sentence_changes WHERE convict_rid = ?1"
                          : "SELECT convict_rid, id, kind, proposed_on, ruled_on, served_on, merit,"
                            " reduction_months, new_term_months, new_sentence_kind, ground"
                            " FROM sentence_changes";
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        j->rc = ZX_ESTORE;
        snprintf(j->msg, sizeof j->msg, "cannot read sentence changes: %s", sqlite3_errmsg(db));
        goto done;
    }
    if (j->convict)
        sqlite3_bind_int64(s, 1, j->convict);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (j->n == j->cap) {
            size_t nc = j->cap ? j->cap * 2 : 4096;
            struct raw_chg *r = realloc(j->rows, nc * sizeof *r);
            if (!r) {
                j->rc = ZX_ENOMEM;
                snprintf(j->msg, sizeof j->msg, "out of memory");
                goto done;
            }
            j->rows = r;
            j->cap = nc;
        }
        struct raw_chg *r = &j->rows[j->n++];
        r->convict = sqlite3_column_int64(s, 0);
        r->c.key = sqlite3_column_int64(s, 1);
        r->c.kind = zx_store__col_int(s, 2, 0);
        r->c.proposed = zx_store__col_date(s, 3);
        r->c.ruled = zx_store__col_date(s, 4);
        r->c.served = zx_store__col_date(s, 5);
        r->c.merit = zx_store__col_int(s, 6, 0);
        r->c.red = zx_store__col_int(s, 7, -1);
        r->c.new_term = zx_store__col_int(s, 8, -1);
        r->c.new_kind = zx_store__col_int(s, 9, 0);
        r->c.ground = zx_store__col_int(s, 10, 0);
    }
    if (rc != SQLITE_DONE) {
        j->rc = ZX_ESTORE;
        snprintf(j->msg, sizeof j->msg, "cannot read sentence changes: %s", sqlite3_errmsg(db));
    }
done:
    sqlite3_finalize(s);
    if (own)
        sqlite3_close(db);
    return NULL;
}

static int read_convicts(sqlite3 *db, const char *xid, struct zx_exec_data *d, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = ZX_OK, src;
    const char *sql =
        "SELECT id, sentence_kind, term_months, sentence_start, pretrial_days, birth_date,"
        " recidivist, violent_list, strict_category, duty_crime_2019, death_limited,"
        " property_unpaid FROM convicts";
    char buf[512];
    if (xid) {
        snprintf(buf, sizeof buf, "%s WHERE convict_id = ?1", sql);
        sql = buf;
    }
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return zx_err_set(err, ZX_ESTORE, "cannot read convicts: %s", sqlite3_errmsg(db));
    if (xid)
        sqlite3_bind_text(s, 1, xid, -1, SQLITE_STATIC);
    size_t expect = xid ? 0 : max_rowid(db, "SELECT max(id) FROM convicts");
    if (expect > d->cap_conv) { /* one allocation instead of doubling */
        struct zx_exec_convict *cv = realloc(d->conv, expect * sizeof *cv);
        uint32_t *f = realloc(d->first, (expect + 1) * sizeof *f);
        if (cv)
            d->conv = cv;
        if (f)
            d->first = f;
        if (!cv || !f) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        d->cap_conv = expect;
    }
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        struct zx_exec_convict c;
        c.key = sqlite3_column_int64(s, 0);
        c.kind = zx_store__col_int(s, 1, 0);
        c.term = zx_store__col_int(s, 2, 0);
        c.start = zx_store__col_date(s, 3);
        c.pretrial = zx_store__col_int(s, 4, 0);
        c.birth = zx_store__col_date(s, 5);
        c.flags = 0;
        static const int bits[6] = {ZX_EXEC_F_RECIDIVIST, ZX_EXEC_F_VIOLENT, ZX_EXEC_F_STRICT,
                                    ZX_EXEC_F_DUTY19,     ZX_EXEC_F_LIMITED, ZX_EXEC_F_UNPAID};
        for (int k = 0; k < 6; k++)
            if (sqlite3_column_int(s, 6 + k) == 1)
                c.flags |= bits[k];
        rc = zx_exec_data_add_convict(d, &c, NULL, err);
        if (rc)
            goto cleanup;
    }
    if (src != SQLITE_DONE)
        rc = zx_err_set(err, ZX_ESTORE, "cannot read convicts: %s", sqlite3_errmsg(db));
cleanup:
    sqlite3_finalize(s);
    return rc;
}

int zx_exec_data_load(struct zx_store *st, const char *convict_xid, struct zx_exec_data *d,
                      struct zx_err *err)
{
    sqlite3 *db = zx_store_sqlite(st), *rd = NULL;
    struct chg_job job;
    pthread_t th;
    int rc = ZX_OK, threaded = 0;
    int32_t *idx = NULL;
    uint32_t *pos = NULL;
    char key[ZX_COLCACHE_KEYMAX], *cache = NULL;

    memset(&job, 0, sizeof job);
    job.path = sqlite3_db_filename(db, "main");
    /* the whole store: the cache when it matches; the key is read before the data, so data
     * newer than the key can be written under it (and is reread next time), never older */
    if (!convict_xid && (cache = zx_store_cache_path(st, ".zxexec")) != NULL &&
        zx_exec__cache_key(st, key, sizeof key, NULL) == ZX_OK) {
        int got = zx_exec__cache_read(cache, key, d);
        if (got == 1)
            goto cleanup;
        if (got < 0) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
    } else {
        free(cache);
        cache = NULL;
    }
    if (convict_xid) {
        rc = read_convicts(db, convict_xid, d, err);
        if (rc)
            goto cleanup;
        if (d->nconv == 0) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no convict '%s'", convict_xid);
            goto cleanup;
        }
        job.db = db;
        job.convict = d->conv[0].key;
        read_changes(&job);
    } else {
        /* an in-memory or temporary database has no file a second connection could open */
        if (job.path && *job.path && open_reader(job.path, &rd) == 0 &&
            pthread_create(&th, NULL, read_changes, &job) == 0)
            threaded = 1;
        else
            job.db = db;
        rc = read_convicts(threaded ? rd : db, NULL, d, err);
        if (threaded)
            pthread_join(th, NULL);
        else if (!rc)
            read_changes(&job);
        if (rc)
            goto cleanup;
    }
    if (job.rc) {
        rc = zx_err_set(err, job.rc, "%s", job.msg);
        goto cleanup;
    }

    /* rid → convict index: rids are dense after an import, so a flat table */
    int64_t maxrid = 0;
    for (size_t i = 0; i < d->nconv; i++)
        if (d->conv[i].key > maxrid)
            maxrid = d->conv[i].key;
    if (maxrid > (int64_t)INT32_MAX - 1) {
        rc = zx_err_set(err, ZX_ELIMIT, "convict row ids beyond %d", INT32_MAX - 1);
        goto cleanup;
    }
    idx = malloc(((size_t)maxrid + 1) * sizeof *idx);
    pos = calloc(d->nconv + 1, sizeof *pos);
    d->chg = malloc((job.n ? job.n : 1) * sizeof *d->chg);
    if (!d->first) /* no convict: the offsets are still {0} */
        d->first = calloc(1, sizeof *d->first);
    if (!idx || !pos || !d->chg || !d->first) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    d->cap_chg = job.n ? job.n : 1;
    memset(idx, 0xff, ((size_t)maxrid + 1) * sizeof *idx);
    for (size_t i = 0; i < d->nconv; i++)
        idx[d->conv[i].key] = (int32_t)i;
    /* counting sort by convict */
    for (size_t k = 0; k < job.n; k++) {
        int64_t cr = job.rows[k].convict;
        if (cr >= 0 && cr <= maxrid && idx[cr] >= 0)
            pos[idx[cr] + 1]++;
    }
    for (size_t i = 0; i < d->nconv; i++)
        pos[i + 1] += pos[i];
    for (size_t i = 0; i <= d->nconv; i++)
        d->first[i] = pos[i];
    for (size_t k = 0; k < job.n; k++) {
        int64_t cr = job.rows[k].convict;
        if (cr >= 0 && cr <= maxrid && idx[cr] >= 0)
            d->chg[pos[idx[cr]]++] = job.rows[k].c;
    }
    d->nchg = d->first[d->nconv];
    zx_exec_data_finish(d);
    /* a cache only: when it cannot be written the next load reads SQLite again */
    if (cache)
        (void)zx_exec__cache_write(cache, key, d, NULL); /* a cache may fail: no error */

cleanup:
    free(cache);
    sqlite3_close(rd);
    free(job.rows);
    free(idx);
    free(pos);
    return rc;
}

int zx_exec_xid(struct zx_store *st, int change, int64_t rid, char *buf, size_t size)
{
    sqlite3 *db = zx_store_sqlite(st);
    sqlite3_stmt *s = NULL;
    const char *sql = change ? "SELECT change_id FROM sentence_changes WHERE id = ?1"
                             : "SELECT convict_id FROM convicts WHERE id = ?1";
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(s, 1, rid);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(s, 0));
        rc = 0;
    }
    sqlite3_finalize(s);
    return rc;
}
