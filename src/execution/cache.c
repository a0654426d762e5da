/* cache.c — the review's columnar cache `<db>.zxexec` (internal.h; util/colcache.h).
 *
 * Reading 1.8 million sentence changes from SQLite row by row costs more than checking
 * them. After a load from SQLite the loaded arrays — convicts, the first change of each
 * convict, the changes, each an array of the structs of exec.h in the host's layout — are
 * written beside the database, keyed by the import log and the largest row ids of convicts
 * and sentence_changes; a later load of the whole store copies them back. The arrays are
 * copied rather than mapped because zx_exec_data_release() frees them; the copy checks each
 * column's checksum as it goes, so a damaged file is refused, and the per-convict offsets
 * are checked before anything is used. */
#include "execution/internal.h"
#include "store/store.h"
#include "util/colcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define EXEC_KIND "exec"
/* bump when struct zx_exec_convict or zx_exec_change change meaning (their sizes are
 * checked as counts) */
#define EXEC_VERSION 1u

enum { NCOUNT = 4 };

/* malloc() for an array of n bytes about to be filled whole: large ones are asked for in
 * transparent huge pages, which saves most of the page faults of the copy (half its time on
 * a virtual machine). Freed with free(). */
static void *big_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (p && n >= 4 * huge) {
        uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);
        if (e > a)
            (void)madvise((void *)a, e - a, MADV_HUGEPAGE); /* advice: failure is harmless */
    }
#endif
    return p;
}

int zx_exec__cache_key(struct zx_store *st, char *key, size_t size, struct zx_err *err)
{
    static const char *const tables[] = {"convicts", "sentence_changes"};
    return zx_store_data_key(st, tables, 2, key, size, err);
}

int zx_exec__cache_write(const char *path, const char *key, const struct zx_exec_data *d,
                         struct zx_err *err)
{
    /* external ids are not cached (a load from the store has none) */
    if (d->conv_xid || d->chg_xid || (uint64_t)d->nchg > UINT32_MAX)
        return zx_err_set(err, ZX_EINVAL, "these columns are not cached");
    const int64_t n[NCOUNT] = {(int64_t)d->nconv, (int64_t)d->nchg,
                               (int64_t)sizeof(struct zx_exec_convict),
                               (int64_t)sizeof(struct zx_exec_change)};
    const struct zx_colcache_col c[3] = {
        {d->conv, (uint64_t)d->nconv * sizeof *d->conv},
        {d->first, d->first ? (uint64_t)(d->nconv + 1) * sizeof *d->first : 0},
        {d->chg, (uint64_t)d->nchg * sizeof *d->chg},
    };
    return zx_colcache_write(path, EXEC_KIND, EXEC_VERSION, key, n, NCOUNT, c, 3, err);
}

int zx_exec__cache_read(const char *path, const char *key, struct zx_exec_data *d)
{
    struct zx_colcache cc;
    struct zx_exec_convict *conv = NULL;
    uint32_t *first = NULL;
    struct zx_exec_change *chg = NULL;
    int rc = 0;
    if (!zx_colcache_open(path, EXEC_KIND, EXEC_VERSION, key, 3, NCOUNT, &cc))
        return 0;
    const int64_t nconv = cc.count[0], nchg = cc.count[1];
    if (nconv < 0 || nchg < 0 || nconv >= INT32_MAX || nchg > (int64_t)UINT32_MAX ||
        cc.count[2] != (int64_t)sizeof *conv || cc.count[3] != (int64_t)sizeof *chg)
        goto done;
    conv = big_alloc((size_t)nconv * sizeof *conv);
    first = big_alloc(((size_t)nconv + 1) * sizeof *first);
    chg = big_alloc((size_t)nchg * sizeof *chg);
    if (!conv || !first || !chg) {
        rc = ZX_ENOMEM;
        goto done;
    }
    /* an empty store wrote no offsets: first is then {0} */
    if (zx_colcache_copy(&cc, 0, conv, (uint64_t)nconv * sizeof *conv, NULL) ||
        zx_colcache_copy(&cc, 2, chg, (uint64_t)nchg * sizeof *chg, NULL))
        goto done;
    if (zx_colcache_len(&cc, 1) == 0 && nconv == 0)
        first[0] = 0;
    else if (zx_colcache_copy(&cc, 1, first, ((uint64_t)nconv + 1) * sizeof *first, NULL))
        goto done;
    /* every convict's changes lie inside chg: the review walks first[i] .. first[i + 1] */
    if (first[0] != 0 || first[nconv] != (uint64_t)nchg)
        goto done;
    for (int64_t i = 0; i < nconv; i++)
        if (first[i] > first[i + 1])
            goto done;
    zx_exec_data_release(d);
    zx_exec_data_init(d);
    d->conv = conv;
    d->first = first;
    d->chg = chg;
    d->nconv = d->cap_conv = (size_t)nconv;
    d->nchg = d->cap_chg = (size_t)nchg;
    conv = NULL;
    first = NULL;
    chg = NULL;
    rc = 1;
done:
    zx_colcache_close(&cc);
    free(conv);
    free(first);
    free(chg);
    return rc;
}
