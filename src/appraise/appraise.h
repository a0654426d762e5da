/* appraise.h — 层级综合评价: the evaluation of each lower unit by the level above (seed 003,
 * 天津; research/indicators.md §7.3; issue 14 §3).
 *
 * The items are data (data/unit_evaluation.json: a small reviewed set, each with its
 * weight and basis). Each item sits in one half of each of three pairs — 主观评价/客观评价,
 * 检察业务/检察管理, 静态考评/动态监测 — and is either computed from what Zhixiao holds
 * (an indicator of data/indicators.json through the metrics engine, the 流程监控通知书
 * answered on time, typical cases published or in cultivation) or entered by the evaluating
 * unit with its reason (store/casebook.h: ap_entries, in the ledger). A computed item scores
 * 0–100 linearly between its "poor" and "good" values; a facet's score is the weighted mean
 * of its scored items; the total the weighted mean of all of them. Items without a value
 * (a zero denominator, no entry yet) are shown and left out of the means.
 *
 * Results are guidance: no rank unless the evaluating unit turned ranking on
 * (store/settings.h, "一取消三不再", research/indicators.md §4.1). The previous year is
 * computed alike for the year-on-year view.
 *
 * Depends on metrics (engine and catalog), casebook, store (settings, notices, entries),
 * util and jansson. Caller owns what it gets: free with the matching _free. */
#ifndef ZX_APPRAISE_APPRAISE_H
#define ZX_APPRAISE_APPRAISE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/casebook.h"
#include "store/store.h"
#include "util/err.h"

struct json_t;

enum zx_appraise_kind {
    ZX_AP_INDICATOR = 1, /* an indicator of the catalog */
    ZX_AP_NOTICES,       /* share of 流程监控通知书 answered by their due date */
    ZX_AP_CASEBOOK,      /* typical cases: "published" in the year, or "candidates" nominated */
    ZX_AP_ENTERED        /* entered by the evaluating unit */
};

/* The six facets: the two halves of each of the three pairs. */
enum zx_appraise_facet {
    ZX_AP_SUBJECTIVE = 0, /* 主观评价 */
    ZX_AP_OBJECTIVE,      /* 客观评价 */
    ZX_AP_BUSINESS,       /* 检察业务 */
    ZX_AP_MANAGEMENT,     /* 检察管理 */
    ZX_AP_STATIC,         /* 静态考评 */
    ZX_AP_DYNAMIC,        /* 动态监测 */
    ZX_AP_FACETS
};
const char *zx_appraise_facet_code(int f); /* subjective … */
const char *zx_appraise_facet_zh(int f);   /* 主观评价 … */

struct zx_appraise_item {
    const char *id, *name_zh, *basis_zh;
    int kind;                            /* enum zx_appraise_kind */
    const char *indicator;               /* ZX_AP_INDICATOR: the catalog row id */
    int row;                             /* its catalog row */
    int published;                       /* ZX_AP_CASEBOOK: 1 published, 0 candidates */
    int subjective, management, dynamic; /* which half of each pair */
    double weight, good, poor;           /* good/poor unused for entered items */
};

struct zx_appraise_items; /* opaque */

/* Parse an item set; indicators are checked against cat (context indicators are refused:
 * they are not "better" either way). Errors name the file, line and column, or the item. */
int zx_appraise_items_parse(const char *text, size_t len, const char *name,
                            const struct zx_catalog *cat, struct zx_appraise_items **out,
                            struct zx_err *err) ZX_MUST_CHECK;
/* data/unit_evaluation.json (util/datafile.h: on disk, else compiled in); *where gets the
 * path or "(built-in)" (static). */
int zx_appraise_items_load_default(const struct zx_catalog *cat, struct zx_appraise_items **out,
                                   const char **where, struct zx_err *err) ZX_MUST_CHECK;
void zx_appraise_items_free(struct zx_appraise_items *it);
int zx_appraise_items_count(const struct zx_appraise_items *it);
/* Borrowed: valid until zx_appraise_items_free. */
const struct zx_appraise_item *zx_appraise_item(const struct zx_appraise_items *it, int i);
int zx_appraise_item_find(const struct zx_appraise_items *it, const char *id); /* -1: none */

/* One item's outcome for one unit and year. */
struct zx_appraise_score {
    int has_value;            /* a computed value or an entry exists */
    double value;             /* the rate, ratio or count; the entered score */
    int64_t num, den;         /* computed items: numerator and denominator (count items: den 0) */
    int scored;               /* the score counts in the means */
    double score;             /* 0–100 */
    struct zx_ap_entry entry; /* ZX_AP_ENTERED with has_value: the entry in force */
};

struct zx_appraise_unit {
    char unit_id[ZX_CB_ID_MAX];
    char name[256];
    int32_t u; /* metrics unit index */
    int has_total;
    double total;
    int has_facet[ZX_AP_FACETS];
    double facet[ZX_AP_FACETS];
    int has_prev_total; /* the previous year, for 同比 */
    double prev_total;
    int has_prev_facet[ZX_AP_FACETS];
    double prev_facet[ZX_AP_FACETS];
    int rank;                              /* 0 unless the evaluating unit turned ranking on */
    struct zx_appraise_score *scores;      /* nitems, this year */
    struct zx_appraise_score *prev_scores; /* nitems, the previous year */
};

struct zx_appraise_result {
    int year;
    char evaluator_id[ZX_CB_ID_MAX];
    char evaluator_name[256];
    int ranking; /* the evaluator turned ranking on */
    int nitems;
    int nunits;
    struct zx_appraise_unit *units;
};

/* Evaluate the child units of evaluator (only `only` among them when not NULL; `only` may
 * also be any unit below evaluator) for year and year - 1. ZX_ENOTFOUND for an unknown
 * unit, ZX_EINVAL when `only` is not below evaluator. */
int zx_appraise_eval(struct zx_store *st, const struct zx_metrics *m, const struct zx_catalog *cat,
                     const struct zx_appraise_items *it, const char *evaluator, const char *only,
                     int year, struct zx_appraise_result **out, struct zx_err *err) ZX_MUST_CHECK;
void zx_appraise_result_free(struct zx_appraise_result *r);

/* The result as JSON (what `zhixiao appraise --format json` prints). Caller owns the
 * result: json_decref. */
struct json_t *zx_appraise_json(const struct zx_appraise_result *r,
                                const struct zx_appraise_items *it);

/* Print as JSON (format 0) or a table of units × facets (1; with items, each unit's items
 * below it). */
int zx_appraise_print(FILE *out, const struct zx_appraise_result *r,
                      const struct zx_appraise_items *it, int format, int items,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Enter a score (0–100) with its reason for an entered item; e gets the stored entry. The
 * unit must exist. ZX_EINVAL for a computed item, a score out of range or no reason. */
int zx_appraise_enter(struct zx_store *st, const struct zx_appraise_items *it, const char *unit_id,
                      int year, const char *item_id, double score, const char *reason,
                      const char *by, int32_t on, struct zx_ap_entry *e,
                      struct zx_err *err) ZX_MUST_CHECK;

/* The day range of a year. */
void zx_appraise_year_range(int year, int32_t *from, int32_t *to);

#endif
