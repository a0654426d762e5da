/* config.c — the evaluation configuration (data/evaluation.json): dimensions and their
 * weights, workload coefficients, components; every value checked, errors name the JSON
 * path. */
#include "evaluate/evaluate.h"
#include "model/vocab.h"
#include "util/datafile.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zx_eval_config {
    json_t *root; /* owns every string the structs below borrow */
    const char *note;
    const char *dim_name[ZX_EVAL_NDIMS];
    double dim_weight[ZX_EVAL_NDIMS];
    const char *norm_text[4];
    struct zx_eval_coef coef[ZX_EVAL_MAX_WORKLOAD];
    int ncoef;
    struct zx_eval_component comp[ZX_EVAL_MAX_COMPONENTS];
    int ncomp;
};

static const char *const dim_codes[ZX_EVAL_NDIMS] = {"quality", "efficiency", "effect"};
static const char *const norm_codes[4] = {"rate", "peer_median", "penalty", "mean"};

/* Planned source kinds: accepted in the file, only as disabled components. */

const char *zx_eval_dim_code(int dim)
{
    return dim >= 0 && dim < ZX_EVAL_NDIMS ? dim_codes[dim] : "";
}
const char *zx_eval_norm_code(int norm)
{
    return norm >= 0 && norm < 4 ? norm_codes[norm] : "";
}

static int find_code(const char *const *codes, int n, const char *s)
{
    for (int i = 0; s && i < n; i++)
        if (!strcmp(codes[i], s))
            return i;
    return -1;
}

static const char *str_at(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

int zx_eval_config_parse(const char *text, size_t len, const char *name,
                         struct zx_eval_config **out, struct zx_err *err)
{
    json_error_t je;
    struct zx_eval_config *c = calloc(1, sizeof *c);
    int rc = ZX_OK;
    *out = NULL;
    if (!c)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (!(c->root = json_loadb(text, len, 0, &je))) {
        rc = zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
        goto fail;
    }
    if (!json_is_object(c->root) || !str_at(c->root, "schema") ||
        strcmp(str_at(c->root, "schema"), "zhixiao.evaluation")) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: $.schema: expected \"zhixiao.evaluation\"", name);
        goto fail;
    }
    c->note = str_at(c->root, "weights_note");
    json_t *norms = json_object_get(c->root, "normalisations");
    for (int i = 0; i < 4; i++)
        c->norm_text[i] = str_at(norms, norm_codes[i]) ? str_at(norms, norm_codes[i]) : "";
    json_t *dims = json_object_get(c->root, "dimensions"), *v;
    size_t i;
    int seen = 0;
    if (!json_is_array(dims)) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: $.dimensions: expected an array", name);
        goto fail;
    }
    json_array_foreach(dims, i, v)
    {
        int d = find_code(dim_codes, ZX_EVAL_NDIMS, str_at(v, "id"));
        json_t *w = json_object_get(v, "weight");
        if (d < 0 || !json_is_number(w) || json_number_value(w) < 0 || !str_at(v, "name")) {
            rc = zx_err_set(err, ZX_EPARSE,
                            "%s: $.dimensions[%zu]: expected id quality|efficiency|effect, a "
                            "name and a weight >= 0",
                            name, i);
            goto fail;
        }
        c->dim_name[d] = str_at(v, "name");
        c->dim_weight[d] = json_number_value(w);
        seen |= 1 << d;
    }
    if (seen != (1 << ZX_EVAL_NDIMS) - 1) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: $.dimensions: quality, efficiency and effect needed",
                        name);
        goto fail;
    }
    json_t *coefs = json_object_get(json_object_get(c->root, "workload"), "coefficients");
    json_array_foreach(coefs, i, v)
    {
        const char *t = str_at(v, "event_type");
        json_t *nu = json_object_get(v, "num"), *de = json_object_get(v, "den");
        int ty = t ? zx_vocab_find(ZX_V_EVENT_TYPE, t, strlen(t)) : 0;
        if (i >= ZX_EVAL_MAX_WORKLOAD || !ty || !json_is_integer(nu) || !json_is_integer(de) ||
            json_integer_value(nu) < 0 || json_integer_value(de) < 1 ||
            json_integer_value(nu) > 100 || json_integer_value(de) > 100) {
            rc = zx_err_set(err, ZX_EPARSE,
                            "%s: $.workload.coefficients[%zu]: expected a known event_type and "
                            "integers num 0..100, den 1..100 (at most %d entries)",
                            name, i, ZX_EVAL_MAX_WORKLOAD);
            goto fail;
        }
        c->coef[c->ncoef++] =
            (struct zx_eval_coef){ty, (int)json_integer_value(nu), (int)json_integer_value(de),
                                  str_at(v, "label") ? str_at(v, "label") : t};
    }
    json_t *comps = json_object_get(c->root, "components");
    if (!json_is_array(comps) || json_array_size(comps) > ZX_EVAL_MAX_COMPONENTS) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: $.components: expected an array of at most %d", name,
                        ZX_EVAL_MAX_COMPONENTS);
        goto fail;
    }
    json_array_foreach(comps, i, v)
    {
        struct zx_eval_component *k = &c->comp[c->ncomp];
        json_t *p = json_object_get(v, "params"), *w = json_object_get(v, "weight"),
               *en = json_object_get(v, "enabled");
        const char *dir = str_at(v, "direction"), *bad = NULL;
        k->id = str_at(v, "id");
        k->dim = find_code(dim_codes, ZX_EVAL_NDIMS, str_at(v, "dimension"));
        k->src = str_at(v, "source");
        k->norm = find_code(norm_codes, 4, str_at(v, "normalisation"));
        k->name = str_at(v, "name");
        k->definition = str_at(v, "definition");
        k->enabled = en ? json_is_true(en) : 1;
        k->direction = dir && (!strcmp(dir, "正向") || !strcmp(dir, "positive"))   ? 1
                       : dir && (!strcmp(dir, "负向") || !strcmp(dir, "negative")) ? -1
                                                                                   : 0;
        k->weight = json_is_number(w) ? json_number_value(w) : -1;
        k->min_base = 1;
        k->points = 10;
        k->source = -1;
        for (int s = 0; k->src && s < zx_eval__nsources; s++)
            if (!strcmp(zx_eval__sources[s].kind, k->src))
                k->source = s;
        if (json_is_number(json_object_get(p, "min_base")))
            k->min_base = json_number_value(json_object_get(p, "min_base"));
        if (json_is_number(json_object_get(p, "points")))
            k->points = json_number_value(json_object_get(p, "points"));
        /* review_grade: {"优质": 100, "合格": 90, "基本合格": 70, "不合格": 0} */
        static const char *const grades[4] = {"优质", "合格", "基本合格", "不合格"};
        json_t *gp = json_object_get(p, "points");
        int grades_ok = 1;
        for (int g = 0; g < 4; g++) {
            json_t *x = json_object_get(gp, grades[g]);
            k->grade_points[g] = json_is_number(x) ? json_number_value(x) : 0;
            grades_ok &= json_is_number(x);
        }
        k->indicator = str_at(p, "indicator");
        if (!k->id || !*k->id)
            bad = "id: expected a text";
        else if (zx_eval_component_find(c, k->id) >= 0)
            bad = "id: given twice";
        else if (k->dim < 0)
            bad = "dimension: expected quality, efficiency or effect";
        else if (k->source < 0)
            bad = "source: expected indicator, workload, monitor_late, monitor_red, notices, "
                  "review_grade or flaw_points";
        else if (!k->direction)
            bad = "direction: expected 正向 or 负向";
        else if (k->norm < 0)
            bad = "normalisation: expected rate, peer_median, penalty or mean";
        else if (k->norm == ZX_EVAL_PEER_MEDIAN && k->direction < 0)
            bad = "normalisation: peer_median is for 正向 components";
        else if (k->norm == ZX_EVAL_PENALTY && k->direction > 0)
            bad = "normalisation: penalty is for 负向 components";
        else if (k->weight < 0)
            bad = "weight: expected a number >= 0";
        else if (!k->name || !k->definition)
            bad = "name and definition (Chinese) are required";
        else if (k->src && !strcmp(k->src, "indicator") && !k->indicator)
            bad = "params.indicator: expected an indicator id";
        else if (k->src && !strcmp(k->src, "review_grade") && (!json_is_object(gp) || !grades_ok))
            bad = "params.points: expected the points of 优质, 合格, 基本合格 and 不合格";
        else if (k->min_base < 0 || k->points < 0)
            bad = "params: min_base and points must be >= 0";
        if (bad) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: $.components[%zu].%s", name, i, bad);
            goto fail;
        }
        c->ncomp++;
    }
    *out = c;
    return ZX_OK;
fail:
    zx_eval_config_free(c);
    return rc;
}

void zx_eval_config_free(struct zx_eval_config *c)
{
    if (!c)
        return;
    json_decref(c->root);
    free(c);
}

int zx_eval_config_load_file(const char *path, struct zx_eval_config **out, struct zx_err *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len = -1;
    int rc;
    if (!f)
        return zx_err_set(err, ZX_EIO, "cannot read '%s'", path);
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && len < (1 << 22) &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)) &&
        fread(buf, 1, (size_t)len, f) == (size_t)len)
        rc = zx_eval_config_parse(buf, (size_t)len, path, out, err);
    else
        rc = zx_err_set(err, ZX_EIO, "cannot read '%s'", path);
    fclose(f);
    free(buf);
    return rc;
}

int zx_eval_config_load_default(struct zx_eval_config **out, const char **where, struct zx_err *err)
{
    static _Thread_local char found[sizeof((struct zx_datafile *)0)->where];
    struct zx_datafile df;
    int rc;
    *out = NULL;
    if ((rc = zx_datafile_load("evaluation.json", 1u << 22, &df, err)))
        return rc;
    snprintf(found, sizeof found, "%s", df.where);
    if (where)
        *where = found;
    rc = zx_eval_config_parse(df.text, df.len, found, out, err);
    zx_datafile_release(&df);
    return rc;
}

int zx_eval_components(const struct zx_eval_config *c)
{
    return c->ncomp;
}
const struct zx_eval_component *zx_eval_component(const struct zx_eval_config *c, int i)
{
    return i >= 0 && i < c->ncomp ? &c->comp[i] : NULL;
}
int zx_eval_component_find(const struct zx_eval_config *c, const char *id)
{
    for (int i = 0; id && i < c->ncomp; i++)
        if (!strcmp(c->comp[i].id, id))
            return i;
    return -1;
}
const char *zx_eval_dim_name(const struct zx_eval_config *c, int dim)
{
    return dim >= 0 && dim < ZX_EVAL_NDIMS ? c->dim_name[dim] : "";
}
double zx_eval_dim_weight(const struct zx_eval_config *c, int dim)
{
    return dim >= 0 && dim < ZX_EVAL_NDIMS ? c->dim_weight[dim] : 0;
}
const char *zx_eval_norm_text(const struct zx_eval_config *c, int norm)
{
    return norm >= 0 && norm < 4 ? c->norm_text[norm] : "";
}
const char *zx_eval_config_note(const struct zx_eval_config *c)
{
    return c->note ? c->note : "";
}
int zx_eval_workload(const struct zx_eval_config *c, const struct zx_eval_coef **coefs)
{
    *coefs = c->coef;
    return c->ncoef;
}
