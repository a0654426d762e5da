/* evaluate.h — 检察官业绩考评: the evaluation of each prosecutor of a unit's subtree over a
 * period in three dimensions, 质量 / 效率 / 效果 (高检发〔2020〕7号), from components declared
 * as data (data/evaluation.json, compiled in by make, util/datafile.h): each component has a
 * dimension, a source kind with parameters, a direction (正向/负向), a normalisation to
 * 0–100, a weight and its definition in Chinese. No official national weights exist; the
 * shipped ones (质量 50 / 效率 30 / 效果 20) are ours and the file says so.
 *
 * Sources are one table of functions (sources.c, `zx_eval__sources[]`): indicator (a row of
 * the indicator catalog evaluated per handler), workload (events handled, weighted by the
 * case-type coefficients of the configuration), monitor_late and monitor_red (流程监控 items
 * per case handler), notices (流程监控通知书 per case handler), review_grade (评查 grades,
 * src/quality) and flaw_points (评查's 瑕疵积分). Each source fills, per staff
 * member, a count (numerator), a base (denominator) and a sum (weighted count), and for the
 * drill-down the items (cases) behind them, so every point opens to its cases.
 *
 * Scoring (stated in the configuration too): rate = 100·count/base (负向 100·(1 − …)),
 * "no data" when base < min_base; peer_median = 100·sum / median of the positive sums of the
 * evaluated staff, at most 100; penalty = max(0, 100 − points·sum); mean = sum/base. A
 * dimension is the weighted mean of its scored components, the total the weighted mean of
 * the scored dimensions. Evaluated are the staff of the subtree with anything counted.
 * Ranking (排名) only when the scope unit turned it on (unit setting "evaluation.ranking").
 *
 * Depends on metrics (the engine and its loaded columns), monitor (stages, notices), quality
 * (评查 grades, flaw points), store
 * (notices, settings), model, util and jansson. Caller owns every zx_eval_config and
 * zx_eval_result it gets (free functions below); strings of a config are borrowed until it
 * is freed. */
#ifndef ZX_EVALUATE_EVALUATE_H
#define ZX_EVALUATE_EVALUATE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "monitor/monitor.h"
#include "store/store.h"
#include "util/err.h"

enum zx_eval_dim { ZX_EVAL_QUALITY, ZX_EVAL_EFFICIENCY, ZX_EVAL_EFFECT, ZX_EVAL_NDIMS };

enum zx_eval_norm { ZX_EVAL_RATE, ZX_EVAL_PEER_MEDIAN, ZX_EVAL_PENALTY, ZX_EVAL_MEAN };

#define ZX_EVAL_MAX_COMPONENTS 48
#define ZX_EVAL_MAX_WORKLOAD   32

/* Unit setting key of the ranking switch (store/settings.h values: "on" / "off"). */
#define ZX_EVAL_RANKING_KEY "evaluation.ranking"

/* A component of the configuration. Borrowed: valid until zx_eval_config_free. */
struct zx_eval_component {
    const char *id;
    int dim;         /* enum zx_eval_dim */
    const char *src; /* source kind: "indicator", "workload", … */
    int source;      /* index in the source table */
    int direction;   /* 1 正向, -1 负向 */
    int norm;        /* enum zx_eval_norm */
    double weight;
    int enabled;
    const char *name, *definition; /* Chinese */
    const char *indicator;         /* source indicator: the catalog row id */
    double min_base;               /* rate / mean: fewer than this in the base is "no data" */
    double points;                 /* penalty: points off per unit of sum */
    double grade_points[4]; /* review_grade: the points of 优质, 合格, 基本合格, 不合格 */
};

struct zx_eval_coef {
    int event_type; /* model/vocab.h code */
    int num, den;
    const char *label;
};

struct zx_eval_config; /* opaque */

/* Parse a configuration (name is used in messages: "NAME: $.components[3].weight: …").
 * Caller owns *out; free with zx_eval_config_free. */
int zx_eval_config_parse(const char *text, size_t len, const char *name,
                         struct zx_eval_config **out, struct zx_err *err) ZX_MUST_CHECK;
/* data/evaluation.json when found (util/datafile.h), else its compiled-in copy. */
int zx_eval_config_load_default(struct zx_eval_config **out, const char **where,
                                struct zx_err *err) ZX_MUST_CHECK;
int zx_eval_config_load_file(const char *path, struct zx_eval_config **out,
                             struct zx_err *err) ZX_MUST_CHECK;
void zx_eval_config_free(struct zx_eval_config *c);

int zx_eval_components(const struct zx_eval_config *c);
const struct zx_eval_component *zx_eval_component(const struct zx_eval_config *c, int i);
int zx_eval_component_find(const struct zx_eval_config *c, const char *id); /* -1 when none */
const char *zx_eval_dim_code(int dim);                                      /* "quality" … */
const char *zx_eval_dim_name(const struct zx_eval_config *c, int dim);      /* 质量 … */
double zx_eval_dim_weight(const struct zx_eval_config *c, int dim);
const char *zx_eval_norm_code(int norm);
const char *zx_eval_norm_text(const struct zx_eval_config *c, int norm); /* the rule, Chinese */
const char *zx_eval_config_note(const struct zx_eval_config *c);         /* weights_note */
int zx_eval_workload(const struct zx_eval_config *c, const struct zx_eval_coef **coefs);

/* ---- one evaluation ---- */

struct zx_eval_query {
    int32_t unit;        /* metrics unit index: its subtree */
    int32_t from, to;    /* the period, inclusive day numbers */
    int32_t staff;       /* only this staff member's row (-1: every evaluated one) */
    int drill;           /* component index whose items to collect for drill_staff, -1 none */
    int32_t drill_staff; /* metrics staff index */
    int ranking;         /* 1: rank the rows (the unit turned ranking on) */
    const struct zx_catalog *cat; /* for indicator components */
    const struct zx_monitor_rules *rules;
    const struct zx_monitor_period *suggestion, *correction; /* per unit, or NULL */
};

/* A component's figures for one staff member. */
struct zx_eval_figure {
    double count, base, sum;
    double score; /* 0–100 when scored */
    int scored;   /* 0: no data (or disabled) */
};

struct zx_eval_row {
    int32_t staff, unit; /* metrics indices */
    double dim[ZX_EVAL_NDIMS];
    int dim_scored[ZX_EVAL_NDIMS];
    double total;
    int scored;
    int rank;                         /* 1 = highest; 0 when not ranked */
    const struct zx_eval_figure *fig; /* one per component of the configuration */
};

/* One case (item) behind a component's figure. */
struct zx_eval_item {
    int64_t case_rid;  /* store rid */
    int64_t event_rid; /* the counted event, 0 when none */
    int32_t date;      /* the item's date (event, closing, notice), ZX_DATE_NULL if unknown */
    int part;          /* 0 counted (numerator), 1 base (denominator) only */
    double weight;     /* its contribution to sum */
    char what[160];    /* what it is (Chinese): event type, stage and status, notice number */
};

struct zx_eval_result; /* opaque */

int zx_eval_run(struct zx_store *st, const struct zx_metrics *m, const struct zx_eval_config *c,
                const struct zx_eval_query *q, struct zx_eval_result **out,
                struct zx_err *err) ZX_MUST_CHECK;
void zx_eval_result_free(struct zx_eval_result *r);

/* Rows in staff order of the subtree (rank order when ranked). Borrowed: valid until
 * zx_eval_result_free. */
size_t zx_eval_result_rows(const struct zx_eval_result *r);
const struct zx_eval_row *zx_eval_result_row(const struct zx_eval_result *r, size_t i);
/* Items of the drill-down (query.drill), in case order. */
size_t zx_eval_result_items(const struct zx_eval_result *r, const struct zx_eval_item **items);

/* Whether unit_id turned ranking of its prosecutors on (store unit setting). */
int zx_eval_ranking_get(struct zx_store *st, const char *unit_id, int *on,
                        struct zx_err *err) ZX_MUST_CHECK;
int zx_eval_ranking_set(struct zx_store *st, const char *unit_id, int on,
                        struct zx_err *err) ZX_MUST_CHECK;

/* ---- JSON (report.c): the one shape the CLI prints and the API returns ---- */

/* The configuration: weights_note, dimensions, normalisations (rules), components with their
 * definitions. Caller owns the result: json_decref. */
json_t *zx_eval_config_json(const struct zx_eval_config *c);
/* The configuration plus unit, period, ranking and one object per row ("prosecutors"), each
 * with total, rank (null unless ranked), dimensions and per component count, base, sum and
 * score (null: no data). Caller owns the result: json_decref. */
json_t *zx_eval_result_json(const struct zx_metrics *m, const struct zx_eval_config *c,
                            const struct zx_eval_query *q, const struct zx_eval_result *r);
/* The drill-down of q->drill for q->drill_staff: the component, the staff member's count,
 * base, sum and score, and items[offset .. offset+limit) (limit 0: all), each with its case
 * (case_id, case_no, unit_name, charge), part ("counted" or "base"), weight, date and what.
 * Caller owns *out: json_decref. */
int zx_eval_drill_json(struct zx_store *st, const struct zx_metrics *m,
                       const struct zx_eval_config *c, const struct zx_eval_query *q,
                       const struct zx_eval_result *r, size_t offset, size_t limit, json_t **out,
                       struct zx_err *err) ZX_MUST_CHECK;

/* ---- the source table (sources.c): what the lead extends with review_grade, flaw_points ---- */

struct zx_eval__env; /* one run's state (evaluate.c) */

struct zx_eval_source {
    const char *kind;
    /* Fill count/base/sum per staff for component ci and, when the run drills into it,
     * the items: zx_eval__add(env, ci, staff, item) does both. */
    int (*collect)(struct zx_eval__env *env, int ci, struct zx_err *err);
};
extern const struct zx_eval_source zx_eval__sources[];
extern const int zx_eval__nsources;

/* What a source reads (evaluate.c). Borrowed: valid during collect. */
struct zx_store *zx_eval__store(struct zx_eval__env *env);
const struct zx_metrics *zx_eval__metrics(struct zx_eval__env *env);
const struct zx_eval_config *zx_eval__config(struct zx_eval__env *env);
const struct zx_eval_query *zx_eval__query(struct zx_eval__env *env);
/* 1 when the run collects the items of component ci for staff s. */
int zx_eval__drilling(struct zx_eval__env *env, int ci, int32_t s);
/* Add one item for staff s (ignored outside the scope): part 0 counts into count, base and
 * sum (by weight), part 1 into base only; the item is kept when drilling. */
int zx_eval__add(struct zx_eval__env *env, int ci, int32_t s, const struct zx_eval_item *it,
                 struct zx_err *err);
/* Keep an item for the drill-down only (the figures were set with zx_eval__set). */
int zx_eval__keep(struct zx_eval__env *env, int ci, int32_t s, const struct zx_eval_item *it,
                  struct zx_err *err);
/* Set a staff member's figures at once (sources that count without items, e.g. the
 * indicator engine's per-handler figures; their drill-down adds items with part only). */
void zx_eval__set(struct zx_eval__env *env, int ci, int32_t s, double count, double base,
                  double sum);
/* The monitor's items as of the period's last day for the scope (computed once a run). */
int zx_eval__monitor(struct zx_eval__env *env, const struct zx_metrics_columns **cols,
                     const struct zx_monitor_item **items, size_t *n, struct zx_err *err);

#endif
