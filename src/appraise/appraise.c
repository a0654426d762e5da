/* appraise.c — 层级综合评价: items, evaluation, output, entries (appraise.h). */
#include "appraise/appraise.h"

#include "casebook/casebook.h"
#include "store/notice.h"
#include "store/settings.h"
#include "util/datafile.h"
#include "util/date.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct zx_appraise_items {
    json_t *root; /* owns every string the items point to */
    struct zx_appraise_item *v;
    int n;
};

static const char *const facet_codes[ZX_AP_FACETS] = {"subjective", "objective", "business",
                                                      "management", "static",    "dynamic"};
static const char *const facet_zh[ZX_AP_FACETS] = {"主观评价", "客观评价", "检察业务",
                                                   "检察管理", "静态考评", "动态监测"};

const char *zx_appraise_facet_code(int f)
{
    return f >= 0 && f < ZX_AP_FACETS ? facet_codes[f] : "";
}

const char *zx_appraise_facet_zh(int f)
{
    return f >= 0 && f < ZX_AP_FACETS ? facet_zh[f] : "";
}

void zx_appraise_year_range(int year, int32_t *from, int32_t *to)
{
    *from = zx_date_from_ymd(year, 1, 1);
    *to = zx_date_from_ymd(year, 12, 31);
}

void zx_appraise_items_free(struct zx_appraise_items *it)
{
    if (!it)
        return;
    json_decref(it->root);
    free(it->v);
    free(it);
}

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

int zx_appraise_items_parse(const char *text, size_t len, const char *name,
                            const struct zx_catalog *cat, struct zx_appraise_items **out,
                            struct zx_err *err)
{
    json_error_t je;
    struct zx_appraise_items *it = calloc(1, sizeof *it);
    int rc = ZX_OK;
    *out = NULL;
    if (!it)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    it->root = json_loadb(text, len, 0, &je);
    if (!it->root) {
        rc = zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
        goto cleanup;
    }
    json_t *items = json_object_get(it->root, "items");
    if (!json_is_array(items) || json_array_size(items) == 0) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: \"items\" must be a non-empty array", name);
        goto cleanup;
    }
    it->v = calloc(json_array_size(items), sizeof *it->v);
    if (!it->v) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *o = json_array_get(items, i);
        struct zx_appraise_item *x = &it->v[it->n];
        const char *kind = str(o, "kind"), *area = str(o, "area"), *mode = str(o, "mode");
        x->id = str(o, "id");
        x->name_zh = str(o, "name_zh");
        x->basis_zh = str(o, "basis_zh");
        if (!x->id || !*x->id || !x->name_zh || !kind || !area || !mode ||
            !json_is_boolean(json_object_get(o, "subjective"))) {
            rc = zx_err_set(err, ZX_EPARSE,
                            "%s: item %zu: id, name_zh, kind, subjective, area and mode are "
                            "required",
                            name, i + 1);
            goto cleanup;
        }
        if (zx_appraise_item_find(it, x->id) >= 0) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: item %zu: id '%s' is used twice", name, i + 1,
                            x->id);
            goto cleanup;
        }
        x->kind = !strcmp(kind, "indicator")  ? ZX_AP_INDICATOR
                  : !strcmp(kind, "notices")  ? ZX_AP_NOTICES
                  : !strcmp(kind, "casebook") ? ZX_AP_CASEBOOK
                  : !strcmp(kind, "entered")  ? ZX_AP_ENTERED
                                              : 0;
        x->subjective = json_is_true(json_object_get(o, "subjective"));
        x->management = !strcmp(area, "management");
        x->dynamic = !strcmp(mode, "dynamic");
        x->weight = json_number_value(json_object_get(o, "weight"));
        x->good = json_number_value(json_object_get(o, "good"));
        x->poor = json_number_value(json_object_get(o, "poor"));
        x->row = -1;
        const char *why = NULL;
        if (!x->kind)
            why = "kind must be indicator, notices, casebook or entered";
        else if ((!x->management && strcmp(area, "business")) ||
                 (!x->dynamic && strcmp(mode, "static")))
            why = "area must be business or management, mode static or dynamic";
        else if (!(x->weight > 0))
            why = "weight must be a positive number";
        else if (x->subjective != (x->kind == ZX_AP_ENTERED))
            why = "entered items are the subjective ones, computed items the objective ones";
        else if (x->kind != ZX_AP_ENTERED &&
                 (!json_is_number(json_object_get(o, "good")) ||
                  !json_is_number(json_object_get(o, "poor")) || x->good == x->poor))
            why = "a computed item needs distinct numbers good and poor";
        if (!why && x->kind == ZX_AP_INDICATOR) {
            x->indicator = str(o, "indicator");
            x->row = x->indicator ? zx_catalog_find(cat, x->indicator) : -1;
            if (x->row < 0)
                why = "indicator is not in the catalog";
            else {
                const struct zx_catalog_row *cr = zx_catalog_row(cat, x->row);
                /* RULE: appraise.no_context — 不捕率、不诉率、认罪认罚 are policy-driven
                 * (research/indicators.md §8): not better either way, never scored */
                if (cr->direction == ZX_DIR_CONTEXT)
                    why = "a context indicator is not better either way and is not scored";
                else if ((cr->direction == ZX_DIR_HIGHER) != (x->good > x->poor))
                    why = "good and poor contradict the indicator's direction";
            }
        }
        if (!why && x->kind == ZX_AP_CASEBOOK) {
            const char *me = str(o, "measure");
            if (!me || (strcmp(me, "published") && strcmp(me, "candidates")))
                why = "measure must be published or candidates";
            else
                x->published = !strcmp(me, "published");
        }
        if (why) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: item %zu (%s): %s", name, i + 1, x->id, why);
            goto cleanup;
        }
        it->n++;
    }
cleanup:
    if (rc) {
        zx_appraise_items_free(it);
        return rc;
    }
    *out = it;
    return ZX_OK;
}

int zx_appraise_items_load_default(const struct zx_catalog *cat, struct zx_appraise_items **out,
                                   const char **where, struct zx_err *err)
{
    static char found[4200];
    struct zx_datafile f;
    *out = NULL;
    /* the file on disk when there is one, else the copy compiled in */
    int rc = zx_datafile_load("unit_evaluation.json", 1u << 20, &f, err);
    if (rc)
        return rc;
    snprintf(found, sizeof found, "%s", f.where);
    if (where)
        *where = found;
    rc = zx_appraise_items_parse(f.text, f.len, found, cat, out, err);
    zx_datafile_release(&f);
    return rc;
}

int zx_appraise_items_count(const struct zx_appraise_items *it)
{
    return it->n;
}

const struct zx_appraise_item *zx_appraise_item(const struct zx_appraise_items *it, int i)
{
    return i >= 0 && i < it->n ? &it->v[i] : NULL;
}

int zx_appraise_item_find(const struct zx_appraise_items *it, const char *id)
{
    for (int i = 0; i < it->n; i++)
        if (!strcmp(it->v[i].id, id))
            return i;
    return -1;
}

void zx_appraise_result_free(struct zx_appraise_result *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nunits; i++) {
        free(r->units[i].scores);
        free(r->units[i].prev_scores);
    }
    free(r->units);
    free(r);
}

/* RULE: appraise.linear — 0 at the "poor" value, 100 at the "good" value, linear between
 * (either direction), clamped. */
static double linear(const struct zx_appraise_item *x, double v)
{
    double s = (v - x->poor) / (x->good - x->poor) * 100.0;
    return s < 0 ? 0 : s > 100 ? 100 : s;
}

static int year_of(int32_t d)
{
    int y, mo, dd;
    zx_date_to_ymd(d, &y, &mo, &dd);
    return y;
}

static int in_sub(const struct zx_metrics *m, int32_t top, const char *unit_id)
{
    int32_t u = zx_metrics_unit_find(m, unit_id);
    return u >= top && u < top + zx_metrics_unit_size(m, top);
}

struct inputs {
    struct zx_notice *notices;
    size_t nn;
    struct zx_cb_cand *cands;
    size_t nc;
    struct zx_cb_step *steps;
    size_t ns;
    struct zx_ap_entry *entries[2];
    size_t ne[2];
};

/* The scores of unit u for year (p = 0 this year, 1 the previous one). */
static void score_unit(const struct zx_metrics *m, const struct zx_appraise_items *it,
                       const struct zx_metrics_result *res, const struct inputs *in, int p,
                       int year, int32_t u, const char *unit_id, struct zx_appraise_score *sc)
{
    int32_t today = zx_date_today();
    for (int i = 0; i < it->n; i++) {
        const struct zx_appraise_item *x = &it->v[i];
        struct zx_appraise_score *s = &sc[i];
        memset(s, 0, sizeof *s);
        switch (x->kind) {
        case ZX_AP_INDICATOR:
            if (zx_metrics_get(res, x->row, p, u, &s->num, &s->den) == 0 && s->den > 0) {
                s->has_value = 1;
                s->value = (double)s->num / (double)s->den;
            }
            break;
        case ZX_AP_NOTICES:
            for (size_t k = 0; k < in->nn; k++) {
                const struct zx_notice *n = &in->notices[k];
                if (year_of(n->issued_on) != year || !in_sub(m, u, n->unit_id))
                    continue;
                int answered = n->replied_on != ZX_DATE_NULL;
                if (!answered && n->reply_due >= today)
                    continue; /* still within its period: not judged yet */
                s->den++;
                s->num += answered && n->replied_on <= n->reply_due;
            }
            if (s->den > 0) {
                s->has_value = 1;
                s->value = (double)s->num / (double)s->den;
            }
            break;
        case ZX_AP_CASEBOOK:
            for (size_t k = 0; k < in->nc; k++) {
                const struct zx_cb_cand *c = &in->cands[k];
                if (!in_sub(m, u, c->unit_id))
                    continue;
                int hit = 0;
                if (!x->published)
                    hit = year_of(c->nominated_on) == year;
                else
                    for (size_t j = 0; j < in->ns && !hit; j++)
                        hit = !strcmp(in->steps[j].cand_id, c->cand_id) &&
                              !strcmp(in->steps[j].act, "publish") &&
                              year_of(in->steps[j].date) == year;
                s->num += hit;
            }
            s->has_value = 1;
            s->value = (double)s->num;
            break;
        case ZX_AP_ENTERED:
            for (size_t k = 0; k < in->ne[p]; k++)
                if (!strcmp(in->entries[p][k].unit_id, unit_id) &&
                    !strcmp(in->entries[p][k].item_id, x->id)) {
                    s->has_value = 1;
                    s->entry = in->entries[p][k];
                    s->value = s->entry.score;
                }
            break;
        default:
            break;
        }
        if (s->has_value) {
            s->scored = 1;
            s->score = x->kind == ZX_AP_ENTERED ? s->value : linear(x, s->value);
        }
    }
}

/* Weighted means of the scored items: the total and each facet. */
static void means(const struct zx_appraise_items *it, const struct zx_appraise_score *sc,
                  int *has_total, double *total, int *has_facet, double *facet)
{
    double w = 0, ws = 0, fw[ZX_AP_FACETS] = {0}, fws[ZX_AP_FACETS] = {0};
    for (int i = 0; i < it->n; i++) {
        if (!sc[i].scored)
            continue;
        const struct zx_appraise_item *x = &it->v[i];
        int f[3] = {x->subjective ? ZX_AP_SUBJECTIVE : ZX_AP_OBJECTIVE,
                    x->management ? ZX_AP_MANAGEMENT : ZX_AP_BUSINESS,
                    x->dynamic ? ZX_AP_DYNAMIC : ZX_AP_STATIC};
        w += x->weight;
        ws += x->weight * sc[i].score;
        for (int k = 0; k < 3; k++) {
            fw[f[k]] += x->weight;
            fws[f[k]] += x->weight * sc[i].score;
        }
    }
    *has_total = w > 0;
    *total = w > 0 ? ws / w : 0;
    for (int k = 0; k < ZX_AP_FACETS; k++) {
        has_facet[k] = fw[k] > 0;
        facet[k] = fw[k] > 0 ? fws[k] / fw[k] : 0;
    }
}

static int cmp_total(const void *a, const void *b)
{
    const struct zx_appraise_unit *x = *(const struct zx_appraise_unit *const *)a,
                                  *y = *(const struct zx_appraise_unit *const *)b;
    return (y->total > x->total) - (y->total < x->total);
}

int zx_appraise_eval(struct zx_store *st, const struct zx_metrics *m, const struct zx_catalog *cat,
                     const struct zx_appraise_items *it, const char *evaluator, const char *only,
                     int year, struct zx_appraise_result **out, struct zx_err *err)
{
    struct zx_appraise_result *r = NULL;
    struct zx_metrics_result *res = NULL;
    struct inputs in;
    int *rows = NULL, nrows = 0, rc = ZX_OK;
    struct zx_appraise_unit **order = NULL;
    memset(&in, 0, sizeof in);
    *out = NULL;
    int32_t ev = zx_metrics_unit_find(m, evaluator);
    if (ev < 0)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_UNIT, evaluator);
    int32_t one = -1;
    if (only) {
        one = zx_metrics_unit_find(m, only);
        if (one < 0)
            return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_UNIT, only);
        if (!(one > ev && one < ev + zx_metrics_unit_size(m, ev)))
            return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_NOT_BELOW, only, evaluator);
    }
    if (!(r = calloc(1, sizeof *r)) || !(rows = calloc((size_t)it->n + 1, sizeof *rows))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    r->year = year;
    r->nitems = it->n;
    snprintf(r->evaluator_id, sizeof r->evaluator_id, "%s", evaluator);
    snprintf(r->evaluator_name, sizeof r->evaluator_name, "%s",
             zx_metrics_unit_name(m, ev) ? zx_metrics_unit_name(m, ev) : evaluator);
    if ((rc = zx_settings_get_ranking(st, evaluator, &r->ranking, err)))
        goto cleanup;
    for (int i = 0; i < it->n; i++)
        if (it->v[i].kind == ZX_AP_INDICATOR) {
            int dup = 0;
            for (int k = 0; k < nrows; k++)
                dup |= rows[k] == it->v[i].row;
            if (!dup)
                rows[nrows++] = it->v[i].row;
        }
    int32_t from[2], to[2];
    zx_appraise_year_range(year, &from[0], &to[0]);
    zx_appraise_year_range(year - 1, &from[1], &to[1]);
    struct zx_metrics_query q = {.cat = cat,
                                 .unit = ev,
                                 .from = from,
                                 .to = to,
                                 .nperiods = 2,
                                 .rows = rows,
                                 .nrows = nrows};
    if (nrows && (rc = zx_metrics_eval(m, &q, &res, err)))
        goto cleanup;
    if ((rc = zx_notice_list(st, &in.notices, &in.nn, err)) ||
        (rc = zx_cb_list(st, NULL, &in.cands, &in.nc, err)) ||
        (rc = zx_cb_steps(st, NULL, &in.steps, &in.ns, err)) ||
        (rc = zx_ap_entries(st, year, &in.entries[0], &in.ne[0], err)) ||
        (rc = zx_ap_entries(st, year - 1, &in.entries[1], &in.ne[1], err)))
        goto cleanup;
    int32_t end = ev + zx_metrics_unit_size(m, ev);
    for (int32_t u = ev + 1; u < end; u++)
        r->nunits += one >= 0 ? u == one : zx_metrics_unit_parent(m, u) == ev;
    if (r->nunits && !(r->units = calloc((size_t)r->nunits, sizeof *r->units))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    int k = 0;
    for (int32_t u = ev + 1; u < end && k < r->nunits; u++) {
        if (one >= 0 ? u != one : zx_metrics_unit_parent(m, u) != ev)
            continue;
        struct zx_appraise_unit *x = &r->units[k++];
        x->u = u;
        snprintf(x->unit_id, sizeof x->unit_id, "%s", zx_metrics_unit_id(m, u));
        snprintf(x->name, sizeof x->name, "%s",
                 zx_metrics_unit_name(m, u) ? zx_metrics_unit_name(m, u) : x->unit_id);
        x->scores = calloc((size_t)it->n, sizeof *x->scores);
        x->prev_scores = calloc((size_t)it->n, sizeof *x->prev_scores);
        if (!x->scores || !x->prev_scores) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        score_unit(m, it, res, &in, 0, year, u, x->unit_id, x->scores);
        score_unit(m, it, res, &in, 1, year - 1, u, x->unit_id, x->prev_scores);
        means(it, x->scores, &x->has_total, &x->total, x->has_facet, x->facet);
        means(it, x->prev_scores, &x->has_prev_total, &x->prev_total, x->has_prev_facet,
              x->prev_facet);
    }
    /* RULE: appraise.no_ranking — 一取消三不再: no rank unless the evaluating unit turned
     * ranking on (research/indicators.md §4.1) */
    if (r->ranking && r->nunits) {
        int n = 0;
        if (!(order = calloc((size_t)r->nunits, sizeof *order))) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (int i = 0; i < r->nunits; i++)
            if (r->units[i].has_total)
                order[n++] = &r->units[i];
        qsort(order, (size_t)n, sizeof *order, cmp_total);
        for (int i = 0; i < n; i++)
            order[i]->rank =
                i > 0 && order[i]->total == order[i - 1]->total ? order[i - 1]->rank : i + 1;
    }
cleanup:
    free(order);
    free(rows);
    zx_metrics_result_free(res);
    free(in.notices);
    free(in.cands);
    free(in.steps);
    free(in.entries[0]);
    free(in.entries[1]);
    if (rc) {
        zx_appraise_result_free(r);
        return rc;
    }
    *out = r;
    return ZX_OK;
}

static json_t *num_or_null(int has, double v)
{
    return has ? json_real(round(v * 10) / 10) : json_null();
}

static const char *kind_code(int k)
{
    return k == ZX_AP_INDICATOR  ? "indicator"
           : k == ZX_AP_NOTICES  ? "notices"
           : k == ZX_AP_CASEBOOK ? "casebook"
                                 : "entered";
}

static json_t *score_json(const struct zx_appraise_item *x, const struct zx_appraise_score *s)
{
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:s?,s:b,s:s,s:s,s:f,s:o,s:o}", "id", x->id, "name_zh", x->name_zh, "kind",
        kind_code(x->kind), "indicator", x->indicator, "subjective", x->subjective, "area",
        x->management ? "management" : "business", "mode", x->dynamic ? "dynamic" : "static",
        "weight", x->weight, "value", s->has_value ? json_real(s->value) : json_null(), "score",
        num_or_null(s->scored, s->score));
    if (x->kind != ZX_AP_ENTERED) {
        json_object_set_new(o, "good", json_real(x->good));
        json_object_set_new(o, "poor", json_real(x->poor));
        json_object_set_new(o, "numerator", json_integer(s->num));
        if (x->kind != ZX_AP_CASEBOOK)
            json_object_set_new(o, "denominator", json_integer(s->den));
    } else if (s->has_value)
        json_object_set_new(o, "entry",
                            json_pack("{s:s,s:s,s:s}", "entry_id", s->entry.entry_id, "reason",
                                      s->entry.reason, "entered_by", s->entry.entered_by));
    if (x->basis_zh)
        json_object_set_new(o, "basis_zh", json_string(x->basis_zh));
    return o;
}

static json_t *facets_json(const int *has, const double *v)
{
    json_t *o = json_object();
    for (int f = 0; f < ZX_AP_FACETS; f++)
        json_object_set_new(o, facet_codes[f], num_or_null(has[f], v[f]));
    return o;
}

json_t *zx_appraise_json(const struct zx_appraise_result *r, const struct zx_appraise_items *it)
{
    json_t *units = json_array();
    for (int i = 0; i < r->nunits; i++) {
        const struct zx_appraise_unit *x = &r->units[i];
        json_t *items = json_array();
        for (int k = 0; k < it->n; k++) {
            json_t *o = score_json(&it->v[k], &x->scores[k]);
            json_object_set_new(o, "previous_score",
                                num_or_null(x->prev_scores[k].scored, x->prev_scores[k].score));
            json_array_append_new(items, o);
        }
        json_t *u = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o}", "unit_id", x->unit_id, "name",
                              x->name, "total", num_or_null(x->has_total, x->total), "facets",
                              facets_json(x->has_facet, x->facet), "previous_total",
                              num_or_null(x->has_prev_total, x->prev_total), "previous_facets",
                              facets_json(x->has_prev_facet, x->prev_facet), "items", items);
        if (r->ranking)
            json_object_set_new(u, "rank", x->rank ? json_integer(x->rank) : json_null());
        json_array_append_new(units, u);
    }
    json_t *facets = json_array();
    for (int f = 0; f < ZX_AP_FACETS; f++)
        json_array_append_new(facets,
                              json_pack("{s:s,s:s}", "id", facet_codes[f], "name_zh", facet_zh[f]));
    return json_pack("{s:i,s:s,s:s,s:b,s:s,s:o,s:o}", "year", r->year, "evaluator", r->evaluator_id,
                     "evaluator_name", r->evaluator_name, "ranking", r->ranking, "note_zh",
                     r->ranking ? "评价单位已开启排名" : "评价结果用于指导，不排名（一取消三不再）",
                     "facets", facets, "units", units);
}

static void cell(FILE *out, int has, double v)
{
    if (has)
        fprintf(out, "  %8.1f", v);
    else
        fprintf(out, "  %8s", "—");
}

int zx_appraise_print(FILE *out, const struct zx_appraise_result *r,
                      const struct zx_appraise_items *it, int format, int items, struct zx_err *err)
{
    if (format == 0) {
        json_t *j = zx_appraise_json(r, it);
        int bad = json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
        json_decref(j);
        fputc('\n', out);
        return bad ? zx_err_set(err, ZX_EIO, "cannot write the output") : ZX_OK;
    }
    fprintf(out, "%d年 %s 层级综合评价（%s）\n", r->year, r->evaluator_name,
            r->ranking ? "评价单位已开启排名" : "结果用于指导，不排名");
    fprintf(out, "%-16s  %8s", "单位", "综合");
    for (int f = 0; f < ZX_AP_FACETS; f++)
        fprintf(out, "  %s", facet_zh[f]);
    fprintf(out, "  %s%s\n", "同比", r->ranking ? "  排名" : "");
    for (int i = 0; i < r->nunits; i++) {
        const struct zx_appraise_unit *x = &r->units[i];
        fprintf(out, "%s [%s]\n%-16s", x->name, x->unit_id, "");
        cell(out, x->has_total, x->total);
        for (int f = 0; f < ZX_AP_FACETS; f++)
            cell(out, x->has_facet[f], x->facet[f]);
        if (x->has_total && x->has_prev_total)
            fprintf(out, "  %+.1f", x->total - x->prev_total);
        else
            fprintf(out, "  —");
        if (r->ranking)
            fprintf(out, "  %d", x->rank);
        fputc('\n', out);
        for (int k = 0; items && k < it->n; k++) {
            const struct zx_appraise_score *s = &x->scores[k];
            const struct zx_appraise_item *y = &it->v[k];
            fprintf(out, "    %-24s %-9s", y->id, kind_code(y->kind));
            if (!s->has_value)
                fprintf(out, " %12s", y->kind == ZX_AP_ENTERED ? "未录入" : "无数据");
            else if (y->kind == ZX_AP_INDICATOR || y->kind == ZX_AP_NOTICES)
                fprintf(out, " %5lld/%-6lld", (long long)s->num, (long long)s->den);
            else
                fprintf(out, " %12g", s->value);
            cell(out, s->scored, s->score);
            fprintf(out, "  %s%s%s\n", y->name_zh, s->entry.reason[0] ? "：" : "", s->entry.reason);
        }
    }
    return ferror(out) ? zx_err_set(err, ZX_EIO, "cannot write the output") : ZX_OK;
}

int zx_appraise_enter(struct zx_store *st, const struct zx_appraise_items *it, const char *unit_id,
                      int year, const char *item_id, double score, const char *reason,
                      const char *by, int32_t on, struct zx_ap_entry *e, struct zx_err *err)
{
    int i = zx_appraise_item_find(it, item_id);
    if (i < 0)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_NF_EVAL_ITEM, item_id);
    if (it->v[i].kind != ZX_AP_ENTERED)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_COMPUTED, item_id);
    if (!(score >= 0 && score <= 100))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_SCORE);
    if (!reason || !*reason || strlen(reason) >= ZX_CB_NOTE_MAX)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_REASON, ZX_CB_NOTE_MAX);
    if (!by || !*by)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_WHO);
    if (year < 1900 || year > 2099)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AP_YEAR);
    char(*ids)[ZX_CB_ID_MAX] = NULL, (*par)[ZX_CB_ID_MAX] = NULL;
    size_t n = 0;
    int rc = zx_cb_units(st, &ids, &par, &n, err), found = 0;
    for (size_t k = 0; !rc && k < n; k++)
        found |= !strcmp(ids[k], unit_id);
    free(ids);
    free(par);
    if (rc)
        return rc;
    if (!found)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_UNIT, unit_id);
    memset(e, 0, sizeof *e);
    snprintf(e->unit_id, sizeof e->unit_id, "%s", unit_id);
    e->year = year;
    snprintf(e->item_id, sizeof e->item_id, "%s", item_id);
    e->score = score;
    snprintf(e->reason, sizeof e->reason, "%s", reason);
    snprintf(e->entered_by, sizeof e->entered_by, "%s", by);
    e->date = on;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_ap_entry_add(st, e, err))) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}
