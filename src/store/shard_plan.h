/* shard_plan.h — which shard each unit subtree goes to (`zhixiao export`, docs/scale.md).
 * A pure function, no I/O. Depends on util. */
#ifndef ZX_STORE_SHARD_PLAN_H
#define ZX_STORE_SHARD_PLAN_H

#include "util/err.h"

#include <stdint.h>

/* Longest processing time first: the n subtrees, heaviest first (equal weights in index
 * order), each to the shard with the least load so far (ties: the one with fewer subtrees,
 * then the lower number, so weightless subtrees go round robin). load[0..nshards-1] is the
 * load each shard starts with (e.g. the root's own events on shard 0) and ends with;
 * shard[i] gets subtree i's shard. The same input always gives the same plan, and the
 * shards end at most the weight of the last subtree the heaviest one got apart (at most its
 * starting load if it got none). */
int zx_shard_plan(const int64_t *weight, int32_t n, int nshards, int64_t *load, int *shard,
                  struct zx_err *err) ZX_MUST_CHECK;

#endif
