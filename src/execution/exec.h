/* exec.h — criminal-execution supervision: the 减假暂 rule checker
 * (shared/spec/sentence-review.md).
 *
 * The rules are data (data/sentence_rules.json: id, source, article, effective dates,
 * parameters); this module evaluates them over convicts and their sentence changes held in
 * columnar arrays, one pass per convict, with the date arithmetic of legal-rules.md §1.1.
 * A finding names its rule and article. Circuit inspections (巡回检察) are in inspect.h.
 *
 * Owner: the execution module (src/execution, prefix zx_exec_). Depends on util (msg.h: the
 * findings' texts), model and store (only load.c, which reads the store's tables). Never on cli,
 * gen or metrics. */
#ifndef ZX_EXECUTION_EXEC_H
#define ZX_EXECUTION_EXEC_H

#include "util/err.h"
#include "util/msg.h"

#include <stddef.h>
#include <stdint.h>

struct zx_store;

/* ---- date arithmetic (§1.1) ---- */

/* d + months by C4: to the same day number; from the last day of a month to the last day of
 * the target month; to the target month's last day when the day does not exist there. */
int32_t zx_exec_add_months(int32_t d, int months);

/* ---- the rules ---- */

enum zx_exec_cat {
    ZX_EXEC_START_TOO_EARLY,
    ZX_EXEC_INTERVAL_TOO_SHORT,
    ZX_EXEC_REDUCTION_OVER_CAP,
    ZX_EXEC_FLOOR_VIOLATED,
    ZX_EXEC_PAROLE_NOT_ELIGIBLE,
    ZX_EXEC_PAROLE_EXCLUDED,
    ZX_EXEC_TEMP_NOT_ELIGIBLE,
    ZX_EXEC_PATTERN_MAX,
    ZX_EXEC_PATTERN_EARLY,
    ZX_EXEC_CAT_COUNT_
};

/* The spec's category code ("reduction_over_cap"…), static storage. */
const char *zx_exec_cat_code(enum zx_exec_cat c);

enum zx_exec_severity { ZX_EXEC_VIOLATION, ZX_EXEC_PATTERN, ZX_EXEC_REVIEW };
const char *zx_exec_severity_code(enum zx_exec_severity s);

struct zx_exec_rules; /* opaque */

/* One rule as the findings cite it. Borrowed from its rule set. */
struct zx_exec_rule_ref {
    const char *id;      /* JX2016-6-cap */
    const char *article; /* 法释〔2016〕23号 第六条 */
};

/* Parse a rule set from JSON text (data/sentence_rules.json format); `name` is used in
 * messages. Caller owns *out; free with zx_exec_rules_free(). */
int zx_exec_rules_parse(const char *text, size_t len, const char *name, struct zx_exec_rules **out,
                        struct zx_err *err) ZX_MUST_CHECK;
/* Read a rule set from a file. */
int zx_exec_rules_load_file(const char *path, struct zx_exec_rules **out,
                            struct zx_err *err) ZX_MUST_CHECK;
/* The default: $ZHIXIAO_DATA/sentence_rules.json, else data/sentence_rules.json near the
 * executable, else the compiled-in copy. *where (may be NULL) tells which; static storage. */
int zx_exec_rules_load_default(struct zx_exec_rules **out, const char **where,
                               struct zx_err *err) ZX_MUST_CHECK;
/* Number of rules in the set. */
int zx_exec_rules_count(const struct zx_exec_rules *r);
void zx_exec_rules_free(struct zx_exec_rules *r);

/* ---- the data: columnar arrays, convicts in order, each convict's changes contiguous and
 * sorted by proposed_on ---- */

enum { /* convict flags */
       ZX_EXEC_F_RECIDIVIST = 1,
       ZX_EXEC_F_VIOLENT = 2,
       ZX_EXEC_F_STRICT = 4,
       ZX_EXEC_F_DUTY19 = 8,
       ZX_EXEC_F_LIMITED = 16,
       ZX_EXEC_F_UNPAID = 32
};

/* A convict as the builder takes it. Sentence kinds and codes are vocab values
 * (model/vocab.h); term in months (0 when none); dates are day numbers (ZX_DATE_NULL none). */
struct zx_exec_convict {
    int64_t key; /* caller's key (the store's rid); findings give it back */
    int kind, flags;
    int32_t term, start, pretrial, birth;
};
struct zx_exec_change {
    int64_t key;
    int kind, merit, new_kind, ground;
    int32_t proposed, ruled, served;
    int32_t red, new_term; /* months, -1 when empty */
};

/* The arrays. Fields are private to src/execution: build with the functions below. */
struct zx_exec_data {
    size_t nconv, nchg, cap_conv, cap_chg;
    struct zx_exec_convict *conv; /* From malloc() */
    uint32_t *first;              /* From malloc(): [nconv + 1] first change of each convict */
    struct zx_exec_change *chg;   /* From malloc() */
    /* external ids, when the caller gave them (tests); else the CLI looks them up by key */
    char **conv_xid, **chg_xid; /* From malloc(), entries From malloc() or NULL */
};

void zx_exec_data_init(struct zx_exec_data *d);
void zx_exec_data_release(struct zx_exec_data *d);
/* Append a convict; xid (may be NULL) is copied. Its changes follow with add_change. */
int zx_exec_data_add_convict(struct zx_exec_data *d, const struct zx_exec_convict *c,
                             const char *xid, struct zx_err *err) ZX_MUST_CHECK;
/* Append a change of the last convict added. Changes of one convict may come in any order:
 * zx_exec_data_finish() sorts them by proposed_on. */
int zx_exec_data_add_change(struct zx_exec_data *d, const struct zx_exec_change *c, const char *xid,
                            struct zx_err *err) ZX_MUST_CHECK;
void zx_exec_data_finish(struct zx_exec_data *d);

/* Load every convict (or only convict_xid when not NULL) with its changes from the store.
 * Reads the tables in rowid order on two connections at once and sorts in memory (SQLite
 * backend). d must be initialised. */
int zx_exec_data_load(struct zx_store *st, const char *convict_xid, struct zx_exec_data *d,
                      struct zx_err *err) ZX_MUST_CHECK;

/* The external id (convict_id, or change_id when change) of row rid into buf; 0, or -1 when
 * there is none. */
int zx_exec_xid(struct zx_store *st, int change, int64_t rid, char *buf, size_t size);

/* ---- the review ---- */

struct zx_exec_finding {
    size_t convict; /* index into d->conv */
    long change;    /* index into d->chg, -1 for a finding about the whole history */
    enum zx_exec_cat cat;
    enum zx_exec_severity severity;
    struct zx_exec_rule_ref rule;
    /* What the rule requires and what the change did, as rows of the message table with
     * their parameters (util/msg.h); rendered in English they are the JSON contract's
     * `expected` and `actual`. Text parameters borrow the rule set, as rule does. */
    struct zx_msgv expected, actual;
};

/* Room for a rendered expected or actual text (zx_msgv_render). */
#define ZX_EXEC_TEXT_MAX 512

/* Called per finding, in order (convict, then change, history findings last); a non-zero
 * return stops the review and is returned. */
typedef int (*zx_exec_finding_cb)(void *ud, const struct zx_exec_finding *f);

/* Check every change whose proposed_on lies in [from, to] (ZX_DATE_NULL: open end) against
 * the rules in force on that day, and each convict's whole history for the two patterns
 * (reported when one of its proposals lies in the range). Large populations are checked on
 * two threads; cb is still called from the caller's thread, in convict order. Returns 0, cb's
 * non-zero value, or -1 when out of memory. */
int zx_exec_review(const struct zx_exec_rules *r, const struct zx_exec_data *d, int32_t from,
                   int32_t to, zx_exec_finding_cb cb, void *ud);

#endif
