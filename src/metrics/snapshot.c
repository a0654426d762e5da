/* snapshot.c — the columnar snapshot of the engine's loaded data (metrics_int.h).
 *
 * Loading 11 million events from SQLite costs seconds (one row at a time through the VM);
 * the same columns as flat arrays in a file cost one mmap. SQLite stays the source of
 * truth: the snapshot `<db>.zxcol` is a cache, written after a load from SQLite and used
 * only while its key matches the store. The key is the schema version, the import log's
 * size, last id and last finish time, and the largest row id of every table the engine
 * reads: every change to the case data goes through `zhixiao import`, which logs itself.
 *
 * Layout: a header (magic, format version, counts, key, one (offset, length) per column),
 * then each column at a 64-byte boundary in the host's byte order, then the unit and staff
 * ids and names as NUL-terminated strings. Written to a temporary file, fsynced, renamed. */
#include "metrics/metrics_int.h"
#include "util/err.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SNAP_MAGIC   "ZXCOL\0\r\n"
#define SNAP_VERSION 1u
#define SNAP_KEYMAX  512
#define SNAP_ALIGN   64u

enum { NCOLS = 29 };

struct snap_hdr {
    char magic[8];
    uint32_t version, ncols;
    uint32_t endian; /* 0x01020304 as written */
    int32_t nu, ns, nc, np, ne, max_pc, pad_;
    uint64_t str_off, str_len;
    char key[SNAP_KEYMAX];
    struct {
        uint64_t off, len;
    } col[NCOLS];
};

struct col {
    void **p;
    size_t elem;
    int64_t n;
};

/* The numeric columns of m, in file order. */
static void columns(struct zx_metrics *m, struct col *c)
{
    const int64_t nu = m->nu, ns = m->ns, nc = m->nc, np = m->np, ne = m->ne;
    int i = 0;
#define COL(f, cnt) c[i++] = (struct col){(void **)&m->f, sizeof *m->f, (cnt)}
    COL(u_rid, nu);
    COL(u_parent, nu);
    COL(u_size, nu);
    COL(u_c0, nu + 1);
    COL(s_rid, ns);
    COL(s_unit, ns);
    COL(c_rid, nc);
    COL(c_unit, nc);
    COL(c_handler, nc);
    COL(c_acc, nc);
    COL(c_closed, nc);
    COL(c_line, nc);
    COL(c_kind, nc);
    COL(c_source, nc);
    COL(c_business, nc);
    COL(c_e0, nc + 1);
    COL(c_p0, nc + 1);
    COL(p_rid, np);
    COL(e_rid, ne);
    COL(e_person, ne);
    COL(e_date, ne);
    COL(e_handler, ne);
    COL(e_ref, ne);
    COL(e_type, ne);
    COL(e_result, ne);
    COL(t_e0, 65);
    COL(t_ev, ne);
    COL(t_dd, ne);
    COL(t_dcase, ne);
#undef COL
}

int zx_metrics__snapshot_key(struct sqlite3 *db, char *key, size_t size)
{
    static const char sql[] =
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT count(*) FROM imports), (SELECT coalesce(max(id), 0) FROM imports),"
        " (SELECT coalesce(max(finished_at), '') FROM imports),"
        " (SELECT coalesce(max(id), 0) FROM units), (SELECT coalesce(max(id), 0) FROM staff),"
        " (SELECT coalesce(max(id), 0) FROM cases), (SELECT coalesce(max(id), 0) FROM persons),"
        " (SELECT coalesce(max(id), 0) FROM events)";
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
        const unsigned char *fin = sqlite3_column_text(s, 3);
        int n =
            snprintf(key, size, "v%lld i%lld/%lld/%s u%lld s%lld c%lld p%lld e%lld",
                     (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1),
                     (long long)sqlite3_column_int64(s, 2), fin ? (const char *)fin : "",
                     (long long)sqlite3_column_int64(s, 4), (long long)sqlite3_column_int64(s, 5),
                     (long long)sqlite3_column_int64(s, 6), (long long)sqlite3_column_int64(s, 7),
                     (long long)sqlite3_column_int64(s, 8));
        rc = n > 0 && (size_t)n < size ? 0 : -1;
    }
    sqlite3_finalize(s);
    return rc;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n > (1u << 30) ? (1u << 30) : n);
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static uint64_t align_up(uint64_t x)
{
    return (x + SNAP_ALIGN - 1) / SNAP_ALIGN * SNAP_ALIGN;
}

int zx_metrics__snapshot_write(const char *path, const char *key, const struct zx_metrics *mc)
{
    struct zx_metrics m = *mc; /* columns() takes field addresses; nothing is written */
    struct col c[NCOLS];
    struct snap_hdr *h = calloc(1, sizeof *h);
    char *tmp = NULL;
    int fd = -1, rc = -1;
    static const char zeros[SNAP_ALIGN];
    if (!h || strlen(key) >= SNAP_KEYMAX)
        goto cleanup;
    columns(&m, c);
    memcpy(h->magic, SNAP_MAGIC, 8);
    h->version = SNAP_VERSION;
    h->ncols = NCOLS;
    h->endian = 0x01020304u;
    h->nu = m.nu;
    h->ns = m.ns;
    h->nc = m.nc;
    h->np = m.np;
    h->ne = m.ne;
    h->max_pc = m.max_pc;
    snprintf(h->key, sizeof h->key, "%s", key);
    uint64_t off = align_up(sizeof *h);
    for (int i = 0; i < NCOLS; i++) {
        h->col[i].off = off;
        h->col[i].len = (uint64_t)c[i].n * c[i].elem;
        off = align_up(off + h->col[i].len);
    }
    h->str_off = off;
    for (int32_t i = 0; i < m.nu; i++)
        h->str_len += strlen(m.u_xid[i]) + strlen(m.u_name[i]) + 2;
    for (int32_t i = 0; i < m.ns; i++)
        h->str_len += strlen(m.s_xid[i]) + strlen(m.s_name[i]) + 2;
    size_t plen = strlen(path);
    tmp = malloc(plen + 32);
    if (!tmp)
        goto cleanup;
    snprintf(tmp, plen + 32, "%s.tmp%ld", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        goto cleanup;
    uint64_t at = 0;
    if (write_all(fd, h, sizeof *h))
        goto cleanup;
    at = sizeof *h;
    for (int i = 0; i < NCOLS; i++) {
        if (write_all(fd, zeros, (size_t)(h->col[i].off - at)))
            goto cleanup;
        if (h->col[i].len && write_all(fd, *c[i].p, (size_t)h->col[i].len))
            goto cleanup;
        at = h->col[i].off + h->col[i].len;
    }
    if (write_all(fd, zeros, (size_t)(h->str_off - at)))
        goto cleanup;
    char **lists[4] = {m.u_xid, m.u_name, m.s_xid, m.s_name};
    int32_t counts[4] = {m.nu, m.nu, m.ns, m.ns};
    for (int l = 0; l < 4; l++)
        for (int32_t i = 0; i < counts[l]; i++)
            if (write_all(fd, lists[l][i], strlen(lists[l][i]) + 1))
                goto cleanup;
    if (fsync(fd))
        goto cleanup;
    if (close(fd)) {
        fd = -1;
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp, path))
        goto cleanup;
    rc = 0;
cleanup:
    if (fd >= 0)
        close(fd);
    if (rc && tmp)
        unlink(tmp);
    free(tmp);
    free(h);
    return rc;
}

/* 1 when a[0..n] is non-decreasing, starts at 0 and ends at total. */
static int offsets_ok(const int32_t *a, int32_t n, int32_t total)
{
    if (a[0] != 0 || a[n] != total)
        return 0;
    for (int32_t i = 0; i < n; i++)
        if (a[i] > a[i + 1])
            return 0;
    return 1;
}

/* One share of the large checks: cases [c0, c1) with their events, posting entries
 * [i0, i1). Only what could lead a read out of bounds is checked (indices, codes used as
 * shifts); the file is written whole and renamed, so this guards against damage only. */
struct vshare {
    const struct zx_metrics *m;
    int32_t c0, c1, i0, i1;
    int ok;
};

static void *check_share(void *arg)
{
    struct vshare *v = arg;
    const struct zx_metrics *m = v->m;
    v->ok = 0;
    for (int32_t i = v->i0; i < v->i1; i++)
        if (m->t_ev[i] < 0 || m->t_ev[i] >= m->ne || m->t_dcase[i] < 0 || m->t_dcase[i] >= m->nc)
            return NULL;
    for (int32_t c = v->c0; c < v->c1; c++) {
        if (m->c_unit[c] < 0 || m->c_unit[c] >= m->nu || m->c_handler[c] < -1 ||
            m->c_handler[c] >= m->ns || m->c_p0[c + 1] - m->c_p0[c] > m->max_pc)
            return NULL;
        if (m->c_line[c] > 63 || m->c_kind[c] > 63 || m->c_source[c] > 63 || m->c_business[c] > 63)
            return NULL;
        const int32_t p0 = m->c_p0[c], p1 = m->c_p0[c + 1];
        for (int32_t e = m->c_e0[c]; e < m->c_e0[c + 1]; e++)
            if ((m->e_person[e] != -1 && (m->e_person[e] < p0 || m->e_person[e] >= p1)) ||
                m->e_ref[e] < -1 || m->e_ref[e] >= m->ne || m->e_handler[e] < -1 ||
                m->e_handler[e] >= m->ns || m->e_type[e] > 63 || m->e_result[e] > 63)
                return NULL;
    }
    v->ok = 1;
    return NULL;
}

/* Every index stored in the columns points inside its table: a damaged file is refused
 * rather than read out of bounds. The large checks run on two threads. */
static int indices_ok(const struct zx_metrics *m)
{
    if (!offsets_ok(m->u_c0, m->nu, m->nc) || !offsets_ok(m->c_e0, m->nc, m->ne) ||
        !offsets_ok(m->c_p0, m->nc, m->np) || !offsets_ok(m->t_e0, 64, m->ne) || m->max_pc < 1)
        return 0;
    for (int32_t i = 0; i < m->nu; i++)
        if (m->u_parent[i] >= i || m->u_parent[i] < -1 || m->u_size[i] < 1 ||
            m->u_size[i] > m->nu - i)
            return 0;
    for (int32_t i = 0; i < m->ns; i++)
        if (m->s_unit[i] < -1 || m->s_unit[i] >= m->nu)
            return 0;
    struct vshare v[2];
    for (int k = 0; k < 2; k++)
        v[k] = (struct vshare){m,
                               (int32_t)((int64_t)m->nc * k / 2),
                               (int32_t)((int64_t)m->nc * (k + 1) / 2),
                               (int32_t)((int64_t)m->ne * k / 2),
                               (int32_t)((int64_t)m->ne * (k + 1) / 2),
                               0};
    pthread_t th;
    int threaded = m->ne > 100000 && pthread_create(&th, NULL, check_share, &v[1]) == 0;
    check_share(&v[0]);
    if (threaded)
        pthread_join(th, NULL);
    else
        check_share(&v[1]);
    return v[0].ok && v[1].ok;
}

int zx_metrics__snapshot_read(const char *path, const char *key, struct zx_metrics *m)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    void *map = MAP_FAILED;
    const struct snap_hdr *h;
    struct col c[NCOLS];
    char **lists[4] = {NULL, NULL, NULL, NULL};
    int32_t counts[4] = {0, 0, 0, 0};
    int rc = 0;
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) || (uint64_t)sb.st_size < sizeof *h)
        goto stale;
    map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map == MAP_FAILED)
        goto stale;
    h = map;
    if (memcmp(h->magic, SNAP_MAGIC, 8) || h->version != SNAP_VERSION || h->ncols != NCOLS ||
        h->endian != 0x01020304u || strncmp(h->key, key, SNAP_KEYMAX) || h->nu < 0 || h->ns < 0 ||
        h->nc < 0 || h->np < 0 || h->ne < 0)
        goto stale;
    m->nu = h->nu;
    m->ns = h->ns;
    m->nc = h->nc;
    m->np = h->np;
    m->ne = h->ne;
    m->max_pc = h->max_pc;
    columns(m, c);
    for (int i = 0; i < NCOLS; i++) {
        uint64_t len = (uint64_t)c[i].n * c[i].elem;
        if (h->col[i].len != len || h->col[i].off % SNAP_ALIGN ||
            h->col[i].off > (uint64_t)sb.st_size || len > (uint64_t)sb.st_size - h->col[i].off)
            goto stale;
        *c[i].p = (char *)map + h->col[i].off;
    }
    if (h->str_off > (uint64_t)sb.st_size || h->str_len > (uint64_t)sb.st_size - h->str_off)
        goto stale;
    m->map = map;
    m->map_len = (size_t)sb.st_size;
    if (!indices_ok(m))
        goto stale;
    /* the strings: copied, so that every string is owned as after a load from SQLite */
    m->u_xid = calloc((size_t)m->nu + 1, sizeof *m->u_xid);
    m->u_name = calloc((size_t)m->nu + 1, sizeof *m->u_name);
    m->s_xid = calloc((size_t)m->ns + 1, sizeof *m->s_xid);
    m->s_name = calloc((size_t)m->ns + 1, sizeof *m->s_name);
    if (!m->u_xid || !m->u_name || !m->s_xid || !m->s_name) {
        rc = ZX_ENOMEM;
        goto fail;
    }
    const char *s = (const char *)map + h->str_off, *end = s + h->str_len;
    lists[0] = m->u_xid;
    lists[1] = m->u_name;
    lists[2] = m->s_xid;
    lists[3] = m->s_name;
    counts[0] = counts[1] = m->nu;
    counts[2] = counts[3] = m->ns;
    for (int l = 0; l < 4; l++)
        for (int32_t i = 0; i < counts[l]; i++) {
            const char *z = memchr(s, '\0', (size_t)(end - s));
            if (!z)
                goto stale_strings;
            if (!(lists[l][i] = strdup(s))) {
                rc = ZX_ENOMEM;
                goto fail;
            }
            s = z + 1;
        }
    close(fd);
    return 1;
stale_strings:
fail:
    for (int l = 0; l < 4; l++)
        for (int32_t i = 0; lists[l] && i < counts[l]; i++)
            free(lists[l][i]);
    free(m->u_xid);
    free(m->u_name);
    free(m->s_xid);
    free(m->s_name);
stale:
    if (map != MAP_FAILED)
        munmap(map, (size_t)sb.st_size);
    memset(m, 0, sizeof *m);
    close(fd);
    return rc;
}
