/* rules.c — the three rule documents of quality.h: risk signals, the review form with its
 * grading rule, the flaw situations with their points and thresholds. */
#include "quality/internal.h"

#include "model/vocab.h"
#include "util/datafile.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const grade_codes[ZX_QG_N] = {"excellent", "qualified", "basic", "unqualified"};
static const char *const grade_labels[ZX_QG_N] = {"优质", "合格", "基本合格", "不合格"};

const char *zx_quality_grade_code(int g)
{
    return g >= 0 && g < ZX_QG_N ? grade_codes[g] : "";
}
const char *zx_quality_grade_label(int g)
{
    return g >= 0 && g < ZX_QG_N ? grade_labels[g] : "";
}
int zx_quality_grade_find(const char *s)
{
    for (int g = 0; s && g < ZX_QG_N; g++)
        if (!strcmp(s, grade_codes[g]) || !strcmp(s, grade_labels[g]))
            return g;
    return -1;
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* Fill v (at most 16) with the vocabulary values of the codes in array a. */
static int codes(json_t *a, enum zx_vocab voc, int *v, int *n, const char *name, const char *id,
                 struct zx_err *err)
{
    *n = 0;
    if (!a)
        return ZX_OK;
    if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 16)
        return zx_err_set(err, ZX_EPARSE, "%s: signal '%s': expected an array of 1..16 codes", name,
                          id);
    size_t i;
    json_t *x;
    json_array_foreach(a, i, x)
    {
        const char *c = json_string_value(x);
        int val = c ? zx_vocab_find(voc, c, strlen(c)) : 0;
        if (val <= 0)
            return zx_err_set(err, ZX_EPARSE, "%s: signal '%s': unknown %s code '%s'", name, id,
                              zx_vocab_name(voc), c ? c : "?");
        v[(*n)++] = val;
    }
    return ZX_OK;
}

static int parse_signals(struct zx_quality_rules *r, json_t *root, const char *name,
                         struct zx_err *err)
{
    json_t *a = json_object_get(root, "signals");
    if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 64)
        return zx_err_set(err, ZX_EPARSE, "%s: \"signals\": expected an array of 1..64", name);
    r->nsig = (int)json_array_size(a);
    if (!(r->sig = calloc((size_t)r->nsig, sizeof *r->sig)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int i = 0; i < r->nsig; i++) {
        json_t *o = json_array_get(a, (size_t)i), *t = json_object_get(o, "test");
        struct zx_quality__signal *s = &r->sig[i];
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *label = json_string_value(json_object_get(o, "label"));
        const char *src = json_string_value(json_object_get(o, "source"));
        if (!id || !label || !src || !json_is_object(t))
            return zx_err_set(err, ZX_EPARSE, "%s: signal %d: needs id, label, source and test",
                              name, i + 1);
        copy(s->id, sizeof s->id, id);
        copy(s->label, sizeof s->label, label);
        copy(s->source, sizeof s->source, src);
        const char *mon = json_string_value(json_object_get(t, "monitor"));
        if (mon) {
            if (strcmp(mon, "late"))
                return zx_err_set(err, ZX_EPARSE, "%s: signal '%s': monitor test must be \"late\"",
                                  name, id);
            s->late = 1;
            continue;
        }
        int rc = codes(json_object_get(t, "event"), ZX_V_EVENT_TYPE, s->types, &s->ntypes, name, id,
                       err);
        if (!rc)
            rc = codes(json_object_get(t, "result"), ZX_V_RESULT, s->results, &s->nresults, name,
                       id, err);
        if (!rc)
            rc = codes(json_object_get(t, "after"), ZX_V_EVENT_TYPE, s->after, &s->nafter, name, id,
                       err);
        if (rc)
            return rc;
        if (!s->ntypes)
            return zx_err_set(err, ZX_EPARSE,
                              "%s: signal '%s': test needs \"event\" or \"monitor\"", name, id);
    }
    return ZX_OK;
}

static int parse_form(struct zx_quality_rules *r, json_t *root, const char *name,
                      struct zx_err *err)
{
    json_t *items = json_object_get(root, "items"), *grades = json_object_get(root, "grades");
    json_t *g = json_object_get(root, "grading");
    if (!json_is_array(items) || !json_is_array(grades) || !json_is_object(g))
        return zx_err_set(err, ZX_EPARSE, "%s: needs \"items\", \"grades\" and \"grading\"", name);
    if (json_array_size(grades) != ZX_QG_N)
        return zx_err_set(err, ZX_EPARSE, "%s: \"grades\": expected the four grades", name);
    for (int i = 0; i < ZX_QG_N; i++) {
        const char *id =
            json_string_value(json_object_get(json_array_get(grades, (size_t)i), "id"));
        if (!id || strcmp(id, grade_codes[i]))
            return zx_err_set(err, ZX_EPARSE, "%s: grade %d must be '%s'", name, i + 1,
                              grade_codes[i]);
    }
    json_t *ff = json_object_get(g, "fail_flaws");
    if (!json_is_integer(ff) || json_integer_value(ff) < 1 || json_integer_value(ff) > 100)
        return zx_err_set(err, ZX_EPARSE, "%s: grading.fail_flaws: expected 1..100", name);
    r->fail_flaws = (int)json_integer_value(ff);
    size_t i, j;
    json_t *o, *sub;
    int n = 0;
    json_array_foreach(items, i, o)
    {
        n += (int)json_array_size(json_object_get(o, "sub"));
    }
    if (n <= 0 || n > 200)
        return zx_err_set(err, ZX_EPARSE, "%s: expected 1..200 sub-items", name);
    if (!(r->item = calloc((size_t)n, sizeof *r->item)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    json_array_foreach(items, i, o)
    {
        const char *glabel = json_string_value(json_object_get(o, "label"));
        json_array_foreach(json_object_get(o, "sub"), j, sub)
        {
            const char *id = json_string_value(json_object_get(sub, "id"));
            const char *label = json_string_value(json_object_get(sub, "label"));
            if (!id || !label || !glabel)
                return zx_err_set(err, ZX_EPARSE, "%s: item %zu.%zu: needs id and label", name,
                                  i + 1, j + 1);
            if (zx_quality_item_find(r, id) >= 0)
                return zx_err_set(err, ZX_EPARSE, "%s: item '%s' given twice", name, id);
            struct zx_quality__item *it = &r->item[r->nitem++];
            copy(it->id, sizeof it->id, id);
            copy(it->label, sizeof it->label, label);
            copy(it->group, sizeof it->group, glabel);
        }
    }
    return ZX_OK;
}

static int parse_flaws(struct zx_quality_rules *r, json_t *root, const char *name,
                       struct zx_err *err)
{
    json_t *aspects = json_object_get(root, "aspects"), *th = json_object_get(root, "thresholds");
    if (!json_is_array(aspects) || !json_is_array(th))
        return zx_err_set(err, ZX_EPARSE, "%s: needs \"aspects\" and \"thresholds\"", name);
    size_t i, j;
    json_t *o, *x;
    r->thr_public = r->thr_other = -1;
    json_array_foreach(th, i, o)
    {
        const char *ap = json_string_value(json_object_get(o, "applies"));
        json_t *p = json_object_get(o, "points");
        if (!ap || !json_is_integer(p) || json_integer_value(p) < 1 ||
            json_integer_value(p) > 10000)
            return zx_err_set(err, ZX_EPARSE,
                              "%s: threshold %zu: needs applies and points 1..10000", name, i + 1);
        if (!strcmp(ap, "public_prosecution"))
            r->thr_public = (int)json_integer_value(p);
        else if (!strcmp(ap, "other"))
            r->thr_other = (int)json_integer_value(p);
        else
            return zx_err_set(err, ZX_EPARSE,
                              "%s: threshold %zu: applies '%s' is not"
                              " public_prosecution or other",
                              name, i + 1, ap);
    }
    if (r->thr_public < 0 || r->thr_other < 0)
        return zx_err_set(err, ZX_EPARSE, "%s: thresholds for public_prosecution and other needed",
                          name);
    int n = 0;
    json_array_foreach(aspects, i, o)
    {
        n += (int)json_array_size(json_object_get(o, "situations"));
    }
    if (n <= 0 || n > 500)
        return zx_err_set(err, ZX_EPARSE, "%s: expected 1..500 situations", name);
    if (!(r->sit = calloc((size_t)n, sizeof *r->sit)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    r->late_sit = r->notice_sit = -1;
    json_array_foreach(aspects, i, o)
    {
        const char *alabel = json_string_value(json_object_get(o, "label"));
        json_array_foreach(json_object_get(o, "situations"), j, x)
        {
            const char *code = json_string_value(json_object_get(x, "code"));
            const char *label = json_string_value(json_object_get(x, "label"));
            const char *feed = json_string_value(json_object_get(x, "feed"));
            json_t *p = json_object_get(x, "points");
            if (!code || strlen(code) >= 16 || !label || !alabel || !json_is_integer(p) ||
                json_integer_value(p) < 0 || json_integer_value(p) > 1000)
                return zx_err_set(err, ZX_EPARSE,
                                  "%s: aspect %zu situation %zu: needs code, label, points 0..1000",
                                  name, i + 1, j + 1);
            if (zx_quality_situation_find(r, code) >= 0)
                return zx_err_set(err, ZX_EPARSE, "%s: situation '%s' given twice", name, code);
            struct zx_quality__situation *s = &r->sit[r->nsit];
            copy(s->code, sizeof s->code, code);
            copy(s->label, sizeof s->label, label);
            copy(s->aspect, sizeof s->aspect, alabel);
            s->points = (int)json_integer_value(p);
            if (feed && !strcmp(feed, "late"))
                r->late_sit = r->nsit;
            else if (feed && !strcmp(feed, "notice"))
                r->notice_sit = r->nsit;
            else if (feed)
                return zx_err_set(err, ZX_EPARSE, "%s: situation '%s': feed must be late or notice",
                                  name, code);
            r->nsit++;
        }
    }
    if (r->late_sit < 0 || r->notice_sit < 0)
        return zx_err_set(err, ZX_EPARSE,
                          "%s: one situation needs \"feed\": \"late\" and one \"notice\"", name);
    return ZX_OK;
}

typedef int (*parse_fn)(struct zx_quality_rules *, json_t *, const char *, struct zx_err *);

static int parse_one(struct zx_quality_rules *r, const char *text, size_t len, const char *name,
                     const char *schema, parse_fn fn, struct zx_err *err)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root)
        return zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
    const char *sc = json_string_value(json_object_get(root, "schema"));
    int rc = sc && !strcmp(sc, schema)
                 ? fn(r, root, name, err)
                 : zx_err_set(err, ZX_EPARSE, "%s: \"schema\" must be \"%s\"", name, schema);
    json_decref(root);
    return rc;
}

int zx_quality_rules_parse(const char *signals, size_t ns, const char *form, size_t nf,
                           const char *flaws, size_t nfl, struct zx_quality_rules **out,
                           struct zx_err *err)
{
    struct zx_quality_rules *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int rc = parse_one(r, signals, ns, "review_signals.json", "zhixiao.review_signals",
                       parse_signals, err);
    if (!rc)
        rc = parse_one(r, form, nf, "review_form.json", "zhixiao.review_form", parse_form, err);
    if (!rc)
        rc = parse_one(r, flaws, nfl, "flaw_rules.json", "zhixiao.flaw_rules", parse_flaws, err);
    if (rc) {
        zx_quality_rules_free(r);
        return rc;
    }
    *out = r;
    return ZX_OK;
}

int zx_quality_rules_load_default(struct zx_quality_rules **out, struct zx_err *err)
{
    struct zx_datafile f[3] = {0};
    static const char *const files[3] = {"review_signals.json", "review_form.json",
                                         "flaw_rules.json"};
    int rc = ZX_OK;
    *out = NULL;
    for (int i = 0; i < 3 && !rc; i++)
        rc = zx_datafile_load(files[i], 1u << 22, &f[i], err);
    if (!rc)
        rc = zx_quality_rules_parse(f[0].text, f[0].len, f[1].text, f[1].len, f[2].text, f[2].len,
                                    out, err);
    for (int i = 0; i < 3; i++)
        zx_datafile_release(&f[i]);
    return rc;
}

void zx_quality_rules_free(struct zx_quality_rules *r)
{
    if (!r)
        return;
    free(r->sig);
    free(r->item);
    free(r->sit);
    free(r);
}

int zx_quality_fail_flaws(const struct zx_quality_rules *r)
{
    return r->fail_flaws;
}

int zx_quality_item_count(const struct zx_quality_rules *r)
{
    return r->nitem;
}
const char *zx_quality_item_id(const struct zx_quality_rules *r, int i)
{
    return r->item[i].id;
}
const char *zx_quality_item_label(const struct zx_quality_rules *r, int i)
{
    return r->item[i].label;
}
const char *zx_quality_item_group(const struct zx_quality_rules *r, int i)
{
    return r->item[i].group;
}
int zx_quality_item_find(const struct zx_quality_rules *r, const char *id)
{
    for (int i = 0; id && i < r->nitem; i++)
        if (!strcmp(r->item[i].id, id))
            return i;
    return -1;
}

int zx_quality_signal_count(const struct zx_quality_rules *r)
{
    return r->nsig;
}
const char *zx_quality_signal_id(const struct zx_quality_rules *r, int i)
{
    return r->sig[i].id;
}
const char *zx_quality_signal_label(const struct zx_quality_rules *r, int i)
{
    return r->sig[i].label;
}
const char *zx_quality_signal_source(const struct zx_quality_rules *r, int i)
{
    return r->sig[i].source;
}

int zx_quality_situation_count(const struct zx_quality_rules *r)
{
    return r->nsit;
}
const char *zx_quality_situation_code(const struct zx_quality_rules *r, int i)
{
    return r->sit[i].code;
}
const char *zx_quality_situation_label(const struct zx_quality_rules *r, int i)
{
    return r->sit[i].label;
}
const char *zx_quality_situation_aspect(const struct zx_quality_rules *r, int i)
{
    return r->sit[i].aspect;
}
int zx_quality_situation_points(const struct zx_quality_rules *r, int i)
{
    return r->sit[i].points;
}
int zx_quality_situation_find(const struct zx_quality_rules *r, const char *code)
{
    for (int i = 0; code && i < r->nsit; i++)
        if (!strcmp(r->sit[i].code, code))
            return i;
    return -1;
}
int zx_quality_threshold(const struct zx_quality_rules *r, int public_prosecution)
{
    return public_prosecution ? r->thr_public : r->thr_other;
}
