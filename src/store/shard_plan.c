/* shard_plan.c — longest processing time first (shard_plan.h). */
#include "store/shard_plan.h"

#include <stdlib.h>

struct item {
    int64_t w;
    int32_t i;
};

/* heaviest first; equal weights by index, so the order never depends on qsort */
static int cmp_item(const void *a, const void *b)
{
    const struct item *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

int zx_shard_plan(const int64_t *weight, int32_t n, int nshards, int64_t *load, int *shard,
                  struct zx_err *err)
{
    if (n < 0 || nshards < 1)
        return zx_err_set(err, ZX_EINVAL, "shard plan: %d subtrees on %d shards", (int)n, nshards);
    struct item *it = malloc(((size_t)n + 1) * sizeof *it);
    int32_t *count = calloc((size_t)nshards, sizeof *count);
    int rc = ZX_OK;
    if (!it || !count) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int32_t i = 0; i < n; i++)
        it[i] = (struct item){weight[i], i};
    qsort(it, (size_t)n, sizeof *it, cmp_item);
    for (int32_t k = 0; k < n; k++) {
        int best = 0;
        for (int s = 1; s < nshards; s++)
            if (load[s] < load[best] || (load[s] == load[best] && count[s] < count[best]))
                best = s;
        shard[it[k].i] = best;
        load[best] += it[k].w;
        count[best]++;
    }
cleanup:
    free(it);
    free(count);
    return rc;
}
