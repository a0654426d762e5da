/* internal.h — the parsed rules of quality/ (rules.c), shared by its files. Not a public
 * header. Depends on: quality/quality.h. */
#ifndef ZX_QUALITY_INTERNAL_H
#define ZX_QUALITY_INTERNAL_H

#include "quality/quality.h"

struct zx_quality__signal {
    char id[48], label[64], source[256];
    int types[16], ntypes, results[16], nresults, after[16], nafter;
    int late; /* the test is a 流程监控 late stage */
};

struct zx_quality__item {
    char id[48], label[96], group[48];
};

struct zx_quality__situation {
    char code[16], label[128], aspect[48];
    int points;
};

struct zx_quality_rules {
    struct zx_quality__signal *sig;
    int nsig;
    struct zx_quality__item *item;
    int nitem;
    struct zx_quality__situation *sit;
    int nsit;
    int fail_flaws;
    int thr_public, thr_other;
    int late_sit, notice_sit; /* the situations fed by late stages and by notices */
};

/* The monitor items with status late of the loaded data as of `to`, with the case rid,
 * handler staff id and unit id of each. Caller owns *out; free with free(). */
struct zx_quality__late {
    int64_t case_rid;
    char stage[32];
    int32_t started_on, closed_on;
    const char *staff_id; /* borrowed from m; NULL when none */
    const char *unit_id;  /* borrowed from m */
};
int zx_quality__late(struct zx_store *st, const struct zx_metrics *m, int32_t to,
                     struct zx_quality__late **out, size_t *n, struct zx_err *err);

#endif
