/* snapshot.c — the columnar snapshot of the engine's loaded data (metrics/internal.h).
 *
 * Loading 11 million events from SQLite costs seconds (one row at a time through the VM);
 * the same columns as flat arrays in a file cost one mmap. SQLite stays the source of
 * truth: the snapshot `<db>.zxcol` is a cache (util/colcache.h: key, file format, atomic
 * write, mapping), written after a load from SQLite and used only while its key matches the
 * store. The key covers every table the engine reads.
 *
 * Columns: the 30 numeric arrays of zx_metrics in the order of columns(), then the unit and
 * staff ids and names and the charges as NUL-terminated strings in one column. What the columns
 * hold is checked here (indices_ok) before any of it is used. */
#include "metrics/internal.h"
#include "util/colcache.h"
#include "util/err.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP_KIND    "metrics"
#define SNAP_VERSION 4u

enum { NCOLS = 31, NLISTS = 5 };

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
    COL(c_charge, nc);
    COL(c_line, nc);
    COL(c_kind, nc);
    COL(c_source, nc);
    COL(c_business, nc);
    COL(c_complex, nc);
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

int zx_metrics__snapshot_key(struct zx_store *st, char *key, size_t size, struct zx_err *err)
{
    static const char *const tables[] = {"units", "staff", "cases", "persons", "events"};
    return zx_store_data_key(st, tables, 5, key, size, err);
}

int zx_metrics__snapshot_write(const char *path, const char *key, const struct zx_metrics *mc,
                               struct zx_err *err)
{
    struct zx_metrics m = *mc; /* columns() takes field addresses; nothing is written */
    struct col c[NCOLS];
    struct zx_colcache_col cc[NCOLS + 1];
    char *str = NULL;
    size_t str_len = 0, at = 0;
    columns(&m, c);
    for (int i = 0; i < NCOLS; i++)
        cc[i] = (struct zx_colcache_col){*c[i].p, (uint64_t)c[i].n * c[i].elem};
    char **lists[NLISTS] = {m.u_xid, m.u_name, m.s_xid, m.s_name, m.ch_name};
    int32_t counts[NLISTS] = {m.nu, m.nu, m.ns, m.ns, m.nch};
    for (int l = 0; l < NLISTS; l++)
        for (int32_t i = 0; i < counts[l]; i++)
            str_len += strlen(lists[l][i]) + 1;
    if (!(str = malloc(str_len ? str_len : 1)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int l = 0; l < NLISTS; l++)
        for (int32_t i = 0; i < counts[l]; i++) {
            size_t n = strlen(lists[l][i]) + 1;
            memcpy(str + at, lists[l][i], n);
            at += n;
        }
    cc[NCOLS] = (struct zx_colcache_col){str, str_len};
    const int64_t n[7] = {m.nu, m.ns, m.nc, m.np, m.ne, m.max_pc, m.nch};
    int rc = zx_colcache_write(path, SNAP_KIND, SNAP_VERSION, key, n, 7, cc, NCOLS + 1, err);
    free(str);
    return rc;
}

static int offsets_ok(const int32_t *a, int32_t n, int32_t total)
{
    return zx_colcache_offsets_ok(a, n, total);
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
        if (m->c_charge[c] < -1 || m->c_charge[c] >= m->nch)
            return NULL;
        if (m->c_line[c] > 63 || m->c_kind[c] > 63 || m->c_source[c] > 63 ||
            m->c_business[c] > 63 || m->c_complex[c] > 1)
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
    struct zx_colcache cc;
    struct col c[NCOLS];
    char **lists[NLISTS] = {NULL, NULL, NULL, NULL, NULL};
    int32_t counts[NLISTS] = {0, 0, 0, 0, 0};
    int rc = 0;
    if (!zx_colcache_open(path, SNAP_KIND, SNAP_VERSION, key, NCOLS + 1, 7, &cc))
        return 0;
    for (int i = 0; i < 7; i++)
        if (cc.count[i] < 0 || cc.count[i] > INT32_MAX)
            goto stale;
    m->nu = (int32_t)cc.count[0];
    m->ns = (int32_t)cc.count[1];
    m->nc = (int32_t)cc.count[2];
    m->np = (int32_t)cc.count[3];
    m->ne = (int32_t)cc.count[4];
    m->max_pc = (int32_t)cc.count[5];
    m->nch = (int32_t)cc.count[6];
    columns(m, c);
    for (int i = 0; i < NCOLS; i++)
        if (!(*c[i].p = (void *)zx_colcache_col(&cc, i, (uint64_t)c[i].n * c[i].elem)))
            goto stale;
    if (!indices_ok(m))
        goto stale;
    /* the strings: copied, so that every string is owned as after a load from SQLite */
    const uint64_t str_len = zx_colcache_len(&cc, NCOLS);
    const char *s = zx_colcache_col(&cc, NCOLS, str_len);
    if (!s)
        goto stale;
    const char *end = s + str_len;
    m->u_xid = calloc((size_t)m->nu + 1, sizeof *m->u_xid);
    m->u_name = calloc((size_t)m->nu + 1, sizeof *m->u_name);
    m->s_xid = calloc((size_t)m->ns + 1, sizeof *m->s_xid);
    m->s_name = calloc((size_t)m->ns + 1, sizeof *m->s_name);
    m->ch_name = calloc((size_t)m->nch + 1, sizeof *m->ch_name);
    if (!m->u_xid || !m->u_name || !m->s_xid || !m->s_name || !m->ch_name) {
        rc = ZX_ENOMEM;
        goto fail;
    }
    lists[0] = m->u_xid;
    lists[1] = m->u_name;
    lists[2] = m->s_xid;
    lists[3] = m->s_name;
    lists[4] = m->ch_name;
    counts[0] = counts[1] = m->nu;
    counts[2] = counts[3] = m->ns;
    counts[4] = m->nch;
    for (int l = 0; l < NLISTS; l++)
        for (int32_t i = 0; i < counts[l]; i++) {
            const char *z = memchr(s, '\0', (size_t)(end - s));
            if (!z)
                goto fail;
            if (!(lists[l][i] = strdup(s))) {
                rc = ZX_ENOMEM;
                goto fail;
            }
            s = z + 1;
        }
    m->map = cc.map; /* kept: zx_metrics_free() unmaps it */
    m->map_len = cc.map_len;
    return 1;
fail:
    for (int l = 0; l < NLISTS; l++)
        for (int32_t i = 0; lists[l] && i < counts[l]; i++)
            free(lists[l][i]);
    free(m->u_xid);
    free(m->u_name);
    free(m->s_xid);
    free(m->s_name);
    free(m->ch_name);
stale:
    zx_colcache_close(&cc);
    memset(m, 0, sizeof *m);
    return rc;
}
