/* report.c — an evaluation and its drill-down as JSON, the one shape the CLI prints and the
 * web API returns (evaluate.h). */
#include "evaluate/evaluate.h"
#include "store/cases.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

/* Scores to 2 decimals, figures as they are (workload sums are thirds). */
static json_t *jnum(double x, int scored)
{
    return scored ? json_real(round(x * 100) / 100) : json_null();
}
static json_t *jfig(double x)
{
    return x == floor(x) && fabs(x) < 1e15 ? json_integer((json_int_t)x)
                                           : json_real(round(x * 10000) / 10000);
}

json_t *zx_eval_config_json(const struct zx_eval_config *c)
{
    json_t *o = json_object(), *dims = json_array(), *comps = json_array(), *norms = json_object();
    json_object_set_new(o, "weights_note", json_string(zx_eval_config_note(c)));
    for (int d = 0; d < ZX_EVAL_NDIMS; d++)
        json_array_append_new(dims, json_pack("{s:s, s:s, s:f}", "id", zx_eval_dim_code(d), "name",
                                              zx_eval_dim_name(c, d), "weight",
                                              zx_eval_dim_weight(c, d)));
    for (int i = 0; i < 4; i++)
        json_object_set_new(norms, zx_eval_norm_code(i), json_string(zx_eval_norm_text(c, i)));
    for (int i = 0; i < zx_eval_components(c); i++) {
        const struct zx_eval_component *k = zx_eval_component(c, i);
        json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:b, s:s, s:s}", "id", k->id,
                              "dimension", zx_eval_dim_code(k->dim), "source", k->src, "direction",
                              k->direction > 0 ? "正向" : "负向", "normalisation",
                              zx_eval_norm_code(k->norm), "rule", zx_eval_norm_text(c, k->norm),
                              "weight", k->weight, "enabled", k->enabled, "name", k->name,
                              "definition", k->definition);
        if (k->indicator)
            json_object_set_new(j, "indicator", json_string(k->indicator));
        if (k->norm == ZX_EVAL_PENALTY)
            json_object_set_new(j, "points", json_real(k->points));
        json_array_append_new(comps, j);
    }
    json_object_set_new(o, "dimensions", dims);
    json_object_set_new(o, "normalisations", norms);
    json_object_set_new(o, "components", comps);
    return o;
}

json_t *zx_eval_result_json(const struct zx_metrics *m, const struct zx_eval_config *c,
                            const struct zx_eval_query *q, const struct zx_eval_result *r)
{
    json_t *o = zx_eval_config_json(c), *rows = json_array();
    json_object_set_new(o, "unit_id", json_string(zx_metrics_unit_id(m, q->unit)));
    json_object_set_new(o, "unit_name", json_string(zx_metrics_unit_name(m, q->unit)));
    json_object_set_new(o, "from", jdate(q->from));
    json_object_set_new(o, "to", jdate(q->to));
    json_object_set_new(o, "ranking", json_boolean(q->ranking));
    for (size_t i = 0; i < zx_eval_result_rows(r); i++) {
        const struct zx_eval_row *w = zx_eval_result_row(r, i);
        json_t *dims = json_object(), *figs = json_array();
        for (int d = 0; d < ZX_EVAL_NDIMS; d++)
            json_object_set_new(dims, zx_eval_dim_code(d), jnum(w->dim[d], w->dim_scored[d]));
        for (int ci = 0; ci < zx_eval_components(c); ci++) {
            const struct zx_eval_figure *f = &w->fig[ci];
            json_array_append_new(
                figs, json_pack("{s:s, s:o, s:o, s:o, s:o}", "id", zx_eval_component(c, ci)->id,
                                "count", jfig(f->count), "base", jfig(f->base), "sum", jfig(f->sum),
                                "score", jnum(f->score, f->scored)));
        }
        json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
                                              "staff_id", zx_metrics_staff_id(m, w->staff), "name",
                                              zx_metrics_staff_name(m, w->staff), "unit_id",
                                              w->unit >= 0 ? zx_metrics_unit_id(m, w->unit) : "",
                                              "unit_name",
                                              w->unit >= 0 ? zx_metrics_unit_name(m, w->unit) : "",
                                              "total", jnum(w->total, w->scored), "rank",
                                              w->rank ? json_integer(w->rank) : json_null(),
                                              "dimensions", dims, "components", figs));
    }
    json_object_set_new(o, "prosecutors", rows);
    return o;
}

struct brief_ud {
    json_t *item;
};

static int on_brief(void *ud, const struct zx_case_brief *b)
{
    struct brief_ud *x = ud;
    json_object_set_new(x->item, "case_id", json_string(b->case_id));
    json_object_set_new(x->item, "case_no", json_string(b->case_no));
    json_object_set_new(x->item, "unit_name", json_string(b->unit_name));
    json_object_set_new(x->item, "charge", json_string(b->charge));
    return 0;
}

int zx_eval_drill_json(struct zx_store *st, const struct zx_metrics *m,
                       const struct zx_eval_config *c, const struct zx_eval_query *q,
                       const struct zx_eval_result *r, size_t offset, size_t limit, json_t **out,
                       struct zx_err *err)
{
    const struct zx_eval_component *k = zx_eval_component(c, q->drill);
    const struct zx_eval_item *it;
    size_t n = zx_eval_result_items(r, &it);
    json_t *o = NULL, *items = json_array();
    int rc = ZX_OK;
    *out = NULL;
    if (!k || q->drill_staff < 0) {
        json_decref(items);
        return zx_err_setm(err, ZX_EINVAL, ZX_M_EV_DRILL);
    }
    const struct zx_eval_figure *f = NULL;
    for (size_t i = 0; i < zx_eval_result_rows(r); i++)
        if (zx_eval_result_row(r, i)->staff == q->drill_staff)
            f = &zx_eval_result_row(r, i)->fig[q->drill];
    for (size_t i = offset; i < n && (!limit || i < offset + limit) && !rc; i++) {
        char b[16];
        json_t *j = json_pack("{s:s, s:s, s:o, s:s}", "part", it[i].part ? "base" : "counted",
                              "what", it[i].what, "weight", jfig(it[i].weight), "date",
                              it[i].date == ZX_DATE_NULL ? "" : zx_date_format(it[i].date, b));
        struct brief_ud ud = {j};
        json_object_set_new(j, "case_id", json_null());
        rc = zx_store_case_briefs(st, &it[i].case_rid, 1, on_brief, &ud, err);
        json_array_append_new(items, j);
    }
    if (rc) {
        json_decref(items);
        return rc;
    }
    o = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:o}", "component", k->id, "name",
        k->name, "definition", k->definition, "staff_id", zx_metrics_staff_id(m, q->drill_staff),
        "staff_name", zx_metrics_staff_name(m, q->drill_staff), "unit_id",
        zx_metrics_unit_id(m, q->unit), "count", jfig(f ? f->count : 0), "base",
        jfig(f ? f->base : 0), "sum", jfig(f ? f->sum : 0), "score",
        f ? jnum(f->score, f->scored) : json_null(), "total_items", (json_int_t)n, "items", items);
    json_object_set_new(o, "from", jdate(q->from));
    json_object_set_new(o, "to", jdate(q->to));
    *out = o;
    return ZX_OK;
}
