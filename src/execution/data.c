/* data.c — the columnar arrays the review reads: convicts in order, each one's changes
 * contiguous and sorted by proposed_on. */
#include "execution/exec.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

void zx_exec_data_init(struct zx_exec_data *d)
{
    memset(d, 0, sizeof *d);
}

void zx_exec_data_release(struct zx_exec_data *d)
{
    if (d->conv_xid)
        for (size_t i = 0; i < d->nconv; i++)
            free(d->conv_xid[i]);
    if (d->chg_xid)
        for (size_t i = 0; i < d->nchg; i++)
            free(d->chg_xid[i]);
    free(d->conv_xid);
    free(d->chg_xid);
    free(d->conv);
    free(d->first);
    free(d->chg);
    zx_exec_data_init(d);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * size);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

/* The xid arrays grow with their rows, only once an xid was given. */
static int put_xid(char ***arr, size_t idx, size_t cap, const char *xid)
{
    if (!xid && !*arr)
        return 0;
    if (!*arr) {
        *arr = calloc(cap, sizeof **arr);
        if (!*arr)
            return -1;
    }
    (*arr)[idx] = xid ? strdup(xid) : NULL;
    return xid && !(*arr)[idx] ? -1 : 0;
}

int zx_exec_data_add_convict(struct zx_exec_data *d, const struct zx_exec_convict *c,
                             const char *xid, struct zx_err *err)
{
    size_t old = d->cap_conv;
    if (grow((void **)&d->conv, &d->cap_conv, d->nconv + 1, sizeof *d->conv))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (d->cap_conv != old || !d->first) {
        uint32_t *f = realloc(d->first, (d->cap_conv + 1) * sizeof *f);
        if (!f)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        d->first = f;
        if (d->conv_xid) {
            char **x = realloc(d->conv_xid, d->cap_conv * sizeof *x);
            if (!x)
                return zx_err_set(err, ZX_ENOMEM, "out of memory");
            memset(x + old, 0, (d->cap_conv - old) * sizeof *x);
            d->conv_xid = x;
        }
    }
    if (put_xid(&d->conv_xid, d->nconv, d->cap_conv, xid))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    d->conv[d->nconv] = *c;
    d->first[d->nconv] = (uint32_t)d->nchg;
    d->nconv++;
    d->first[d->nconv] = (uint32_t)d->nchg;
    return ZX_OK;
}

int zx_exec_data_add_change(struct zx_exec_data *d, const struct zx_exec_change *c, const char *xid,
                            struct zx_err *err)
{
    if (!d->nconv)
        return zx_err_set(err, ZX_EINVAL, "a change needs a convict before it");
    size_t old = d->cap_chg;
    if (grow((void **)&d->chg, &d->cap_chg, d->nchg + 1, sizeof *d->chg))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (d->chg_xid && d->cap_chg != old) {
        char **x = realloc(d->chg_xid, d->cap_chg * sizeof *x);
        if (!x)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        memset(x + old, 0, (d->cap_chg - old) * sizeof *x);
        d->chg_xid = x;
    }
    if (put_xid(&d->chg_xid, d->nchg, d->cap_chg, xid))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    d->chg[d->nchg++] = *c;
    d->first[d->nconv] = (uint32_t)d->nchg;
    return ZX_OK;
}

void zx_exec_data_finish(struct zx_exec_data *d)
{
    /* insertion sort per convict: histories are short and nearly always in order already */
    for (size_t i = 0; i < d->nconv; i++)
        for (uint32_t j = d->first[i] + 1; j < d->first[i + 1]; j++) {
            uint32_t k = j;
            while (k > d->first[i] && d->chg[k - 1].proposed > d->chg[k].proposed) {
                struct zx_exec_change t = d->chg[k];
                d->chg[k] = d->chg[k - 1];
                d->chg[k - 1] = t;
                if (d->chg_xid) {
                    char *x = d->chg_xid[k];
                    d->chg_xid[k] = d->chg_xid[k - 1];
                    d->chg_xid[k - 1] = x;
                }
                k--;
            }
        }
}
