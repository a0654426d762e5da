/* internal.h — shared by the files of src/execution only (prefix zx_exec__).
 *
 * The rule slots the evaluator knows: each rule id of data/sentence_rules.json maps to one
 * slot with its parameters resolved to integers at load time, so the review loop reads plain
 * fields. A slot whose rule is absent from the file is off. */
#ifndef ZX_EXECUTION_INTERNAL_H
#define ZX_EXECUTION_INTERNAL_H

#include "execution/exec.h"

#include <stddef.h>
#include <stdint.h>

enum zx_exec__slot {
    R_CL50_SD,
    R_JX16_6_START,
    R_JX16_6_INTERVAL,
    R_JX16_6_LAST,
    R_JX16_6_CAP,
    R_JX16_7_START,
    R_JX16_7_CAP,
    R_JX16_7_INTERVAL,
    R_JX16_8_START,
    R_JX16_8_TERM,
    R_JX16_8_LATER,
    R_JX16_9_START,
    R_JX16_9_TERM,
    R_JX16_9_LATER,
    R_JX16_10_START,
    R_JX16_10_TERM,
    R_JX16_10_LATER,
    R_JX16_11_TERM,
    R_JX16_11_LATER,
    R_JX16_12,
    R_JX16_13_START,
    R_JX16_14,
    R_JX16_16,
    R_JX16_19,
    R_JX16_20,
    R_JX16_28,
    R_JX16_23_SD,
    R_JX16_27,
    R_JX16_30,
    R_JX19_1,
    R_JX19_2_START,
    R_JX19_2_INTERVAL,
    R_JX19_2_CAP,
    R_JX19_3_START,
    R_JX19_3_TERM,
    R_JX19_4_START,
    R_JX19_4_TERM,
    R_CL78_FIXED,
    R_CL78_LIFE,
    R_CL78_LIMITED,
    R_CL81_FIXED,
    R_CL81_LIFE,
    R_CL81_2,
    R_CPL265,
    R_ZY14_7,
    R_FS12_6_CAP,
    R_FS12_7,
    R_FS12_8,
    R_FS12_9,
    R_PAT_MAX,
    R_PAT_EARLY,
    R_SLOT_COUNT_
};

#define ZX_EXEC__NPARAM 8

/* A clause that lifts a time limit for some merits (重大立功, e.g. JX2016 art. 8 para. 3). */
enum { ZX_EXEC__LIM_START = 1, ZX_EXEC__LIM_INTERVAL = 2 };
enum { ZX_EXEC__EX_NONE, ZX_EXEC__EX_EXEMPT, ZX_EXEC__EX_REVIEW };

struct zx_exec__rule {
    int on; /* 1 when the rule set has it */
    int cat;
    int32_t from, to;       /* effective dates; to = INT32_MAX when open */
    int p[ZX_EXEC__NPARAM]; /* scalar parameters, in the slot's declared order */
    int m[6];               /* per merit (vocab 1..5), for the slot's merit parameter */
    struct zx_exec_rule_ref ref;
    int ex_effect;          /* ZX_EXEC__EX_…: what the rule's "exemption" does */
    unsigned ex_merits;     /* bit m set for merit m (vocab 1..5) */
    unsigned ex_limits;     /* ZX_EXEC__LIM_… bits */
    const char *ex_article; /* where the clause is; in strings */
    const char *ex_why;     /* for review: why the law does not settle it; in strings, or NULL */
};

struct zx_exec_rules {
    struct zx_exec__rule r[R_SLOT_COUNT_];
    int count;
    char *strings; /* From malloc(): ids and articles, which ref points into */
};

/* The review's columnar cache `<db>.zxexec` (cache.c, util/colcache.h). */

struct sqlite3;

/* The key of the store's convicts and sentence changes (zx_store_data_key). */
int zx_exec__cache_key(struct zx_store *st, char *key, size_t size, struct zx_err *err);
/* Replace d's arrays (d initialised) by the cache at path when it carries key and is whole.
 * Returns 1 when loaded, 0 when absent, stale or damaged (d untouched), ZX_ENOMEM. */
int zx_exec__cache_read(const char *path, const char *key, struct zx_exec_data *d);
/* Write d (loaded from the store: no external ids) to path, replaced whole. */
int zx_exec__cache_write(const char *path, const char *key, const struct zx_exec_data *d,
                         struct zx_err *err);

/* The inspection workflow's steps without their transaction (inspect_flow.c), for callers
 * of this module that write more rows in the same transaction (resident.c): the store must be
 * inside zx_store_begin. checklist: 0 leaves the plan without the default checklist. */
struct zx_store;
struct zx_store_insp_plan;
struct zx_store_insp_member;
struct zx_store_insp_finding;
struct zx_err;
int zx_exec__insp_plan_tx(struct zx_store *st, struct zx_store_insp_plan *p,
                          const char *const *inst, size_t ninst,
                          const struct zx_store_insp_member *team, size_t nteam, int checklist,
                          struct zx_err *err);
int zx_exec__insp_finding_tx(struct zx_store *st, struct zx_store_insp_finding *f,
                             struct zx_err *err);

#endif
