/* catalog.c — parse and validate an indicator catalog (catalog.h) with jansson.
 *
 * File layout (every key not listed is an error, except keys starting with "_"):
 *   { "schema": "zhixiao.indicators", "version": 1, "title": "…", "description": "…",
 *     "effective_from": "YYYY-MM-DD", "effective_to": "YYYY-MM-DD" | null,
 *     "extends": "default",                      (optional: default rows come first)
 *     "type_sets": { "jian": ["arrest_appeal", …], … },
 *     "indicators": [ INDICATOR, … ] }
 *   INDICATOR (ratio, the default kind):
 *     { "id", "name_zh", "name_en", "group", "direction": "higher|lower|context",
 *       "display": "percent|case_ratio|share", "description", "definition_zh", "version",
 *       "effective_from", "effective_to", "numerator": TERMS, "denominator": TERMS,
 *       "moves_with": [ {"id", "expect": "same|opposite", "reason_zh"} ] }
 *   INDICATOR (structure): { "id", "kind": "structure", "name_zh", "name_en", "group",
 *       "definition_zh",
 *       "base": TERM, "categories": [ {"key", "name_zh", "name_en", "filter": {TERM keys}} ] }
 *       Row "id.key" counts base+filter; its denominator is the sum of all categories.
 *   TERMS: TERM or [TERM, …] (a plain sum).
 *   TERM: { "count": "persons|cases|events", "types": [codes] | "code" | "@set",
 *       "results": [codes], "date": "event|ref|case_closed|case_accepted", "first": bool,
 *       "lines"|"kinds"|"sources"|"businesses": [codes], "prior": SEL, "case_has": SEL,
 *       "answers": SEL, "note": "…" }
 *   SEL: { "types": …, "results": [codes] } */
#include "metrics/catalog.h"
#include "metrics/internal.h"
#include "model/vocab.h"
#include "util/datafile.h"
#include "util/date.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CATALOG_SCHEMA "zhixiao.indicators"

struct pctx {
    struct zx_catalog *cat;
    const char *name;
    json_t *type_sets; /* borrowed: the current file's type_sets object, or NULL */
    struct zx_err *err;
    int version;
    int32_t eff_from, eff_to;
};

/* out = path followed by a formatted suffix (truncated to PATHMAX). */
#define PATHMAX 512
static void subpath(char *out, const char *path, const char *fmt, ...) ZX_PRINTF(3, 4);

static void subpath(char *out, const char *path, const char *fmt, ...)
{
    size_t n = strlen(path);
    if (n >= PATHMAX)
        n = PATHMAX - 1;
    memmove(out, path, n);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + n, PATHMAX - n, fmt, ap);
    va_end(ap);
}

static int perr(struct pctx *p, const char *path, const char *fmt, ...) ZX_PRINTF(3, 4);

static int perr(struct pctx *p, const char *path, const char *fmt, ...)
{
    char reason[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return zx_err_set(p->err, ZX_EPARSE, "%s: %s: %s", p->name, path, reason);
}

static char *keep(struct zx_catalog *c, const char *s)
{
    if (!s)
        return NULL;
    if (c->nstrings == c->capstrings) {
        int ncap = c->capstrings ? c->capstrings * 2 : 64;
        char **n = realloc(c->strings, (size_t)ncap * sizeof *n);
        if (!n)
            return NULL;
        c->strings = n;
        c->capstrings = ncap;
    }
    char *d = strdup(s);
    if (d)
        c->strings[c->nstrings++] = d;
    return d;
}

/* A zeroed block owned by the catalog (kept with its strings, freed with it). */
static void *keep_block(struct zx_catalog *c, size_t size)
{
    char *b = calloc(1, size ? size : 1);
    if (!b)
        return NULL;
    if (c->nstrings == c->capstrings) {
        int ncap = c->capstrings ? c->capstrings * 2 : 64;
        char **n = realloc(c->strings, (size_t)ncap * sizeof *n);
        if (!n) {
            free(b);
            return NULL;
        }
        c->strings = n;
        c->capstrings = ncap;
    }
    c->strings[c->nstrings++] = b;
    return b;
}

static int allowed_key(const char *k, const char *const *keys)
{
    if (k[0] == '_')
        return 1;
    for (; *keys; keys++)
        if (!strcmp(k, *keys))
            return 1;
    return 0;
}

static int check_keys(struct pctx *p, const char *path, json_t *obj, const char *const *keys)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v)
    {
        (void)v;
        if (!allowed_key(k, keys)) {
            char sub[PATHMAX];
            subpath(sub, path, ".%s", k);
            return perr(p, sub, "unknown key (allowed: see data/indicators.json)");
        }
    }
    return ZX_OK;
}

static int get_string(struct pctx *p, const char *path, json_t *obj, const char *key, int required,
                      const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return perr(p, path, "missing required key '%s'", key);
        return ZX_OK;
    }
    if (!json_is_string(v))
        return perr(p, path, "'%s' must be a string", key);
    *out = json_string_value(v);
    return ZX_OK;
}

static int get_date(struct pctx *p, const char *path, json_t *obj, const char *key, int32_t *out)
{
    const char *s;
    int rc = get_string(p, path, obj, key, 0, &s);
    if (rc)
        return rc;
    if (!s)
        return ZX_OK;
    if (zx_date_parse(s, strlen(s), out) != 0)
        return perr(p, path, "'%s' is not a date (YYYY-MM-DD): '%s'", key, s);
    return ZX_OK;
}

/* A list of codes of vocabulary v: an array of strings, or one string. */
static int code_list(struct pctx *p, const char *path, json_t *v, enum zx_vocab voc, uint64_t *mask)
{
    char sub[PATHMAX];
    *mask = 0;
    if (json_is_string(v)) {
        const char *s = json_string_value(v);
        int val = zx_vocab_find(voc, s, strlen(s));
        if (!val)
            return perr(p, path, "unknown %s '%s'", zx_vocab_name(voc), s);
        *mask = UINT64_C(1) << val;
        return ZX_OK;
    }
    if (!json_is_array(v) || json_array_size(v) == 0)
        return perr(p, path, "must be a non-empty list of %s codes", zx_vocab_name(voc));
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        subpath(sub, path, "[%zu]", i);
        if (!json_is_string(e))
            return perr(p, sub, "must be a string");
        const char *s = json_string_value(e);
        int val = zx_vocab_find(voc, s, strlen(s));
        if (!val || val > 63)
            return perr(p, sub, "unknown %s '%s'", zx_vocab_name(voc), s);
        *mask |= UINT64_C(1) << val;
    }
    return ZX_OK;
}

/* Event types: a list, one code, or "@set" naming a type set of this file. */
static int type_list(struct pctx *p, const char *path, json_t *v, uint64_t *mask)
{
    if (json_is_string(v) && json_string_value(v)[0] == '@') {
        const char *name = json_string_value(v) + 1;
        json_t *set = p->type_sets ? json_object_get(p->type_sets, name) : NULL;
        if (!set)
            return perr(p, path, "unknown type set '@%s' (define it under \"type_sets\")", name);
        char sub[PATHMAX];
        snprintf(sub, sizeof sub, "$.type_sets.%s", name);
        return code_list(p, sub, set, ZX_V_EVENT_TYPE, mask);
    }
    return code_list(p, path, v, ZX_V_EVENT_TYPE, mask);
}

static int results_allowed(struct pctx *p, const char *path, uint64_t types, uint64_t results)
{
    uint64_t allowed = 0;
    for (int t = 1; t < ZX_EV_COUNT_; t++)
        if (types >> t & 1)
            allowed |= zx_event_type_info(t)->results;
    for (int r = 1; r < ZX_R_COUNT_; r++)
        if ((results >> r & 1) && !(allowed >> r & 1))
            return perr(p, path, "result '%s' is not allowed for any of the selected types",
                        zx_vocab_code(ZX_V_RESULT, r));
    return ZX_OK;
}

static int parse_sel(struct pctx *p, const char *path, json_t *v, struct zx_sel *sel)
{
    static const char *const keys[] = {"types", "results", "note", NULL};
    char sub[PATHMAX];
    if (!json_is_object(v))
        return perr(p, path, "must be an object {\"types\": […], \"results\": […]}");
    int rc = check_keys(p, path, v, keys);
    if (rc)
        return rc;
    json_t *t = json_object_get(v, "types");
    if (!t)
        return perr(p, path, "missing required key 'types'");
    subpath(sub, path, ".types");
    if ((rc = type_list(p, sub, t, &sel->types)))
        return rc;
    json_t *r = json_object_get(v, "results");
    if (r) {
        subpath(sub, path, ".results");
        if ((rc = code_list(p, sub, r, ZX_V_RESULT, &sel->results)) ||
            (rc = results_allowed(p, sub, sel->types, sel->results)))
            return rc;
    }
    return ZX_OK;
}

static int case_filter(struct pctx *p, const char *path, json_t *obj, const char *key,
                       enum zx_vocab voc, uint32_t *mask)
{
    json_t *v = json_object_get(obj, key);
    *mask = 0;
    if (!v)
        return ZX_OK;
    char sub[PATHMAX];
    uint64_t m;
    subpath(sub, path, ".%s", key);
    int rc = code_list(p, sub, v, voc, &m);
    if (rc)
        return rc;
    if (m >> 32)
        return perr(p, sub, "code out of range");
    *mask = (uint32_t)m;
    return ZX_OK;
}

static int add_term(struct zx_catalog *c, const struct zx_term *t)
{
    for (int i = 0; i < c->nterms; i++)
        if (!memcmp(&c->terms[i], t, sizeof *t))
            return i;
    if (c->nterms == c->capterms) {
        int ncap = c->capterms ? c->capterms * 2 : 64;
        struct zx_term *n = realloc(c->terms, (size_t)ncap * sizeof *n);
        if (!n)
            return -1;
        c->terms = n;
        c->capterms = ncap;
    }
    c->terms[c->nterms] = *t;
    return c->nterms++;
}

static int parse_term(struct pctx *p, const char *path, json_t *v, int *out)
{
    static const char *const keys[] = {"count",    "types",   "results", "date",       "first",
                                       "lines",    "kinds",   "sources", "businesses", "prior",
                                       "case_has", "answers", "note",    NULL};
    char sub[PATHMAX];
    struct zx_term t;
    memset(&t, 0, sizeof t);
    if (!json_is_object(v))
        return perr(p, path, "a term must be an object {\"count\": …}");
    int rc = check_keys(p, path, v, keys);
    if (rc)
        return rc;
    const char *count;
    if ((rc = get_string(p, path, v, "count", 1, &count)))
        return rc;
    if (!strcmp(count, "persons"))
        t.count = ZX_CNT_PERSONS;
    else if (!strcmp(count, "cases"))
        t.count = ZX_CNT_CASES;
    else if (!strcmp(count, "events"))
        t.count = ZX_CNT_EVENTS;
    else
        return perr(p, path, "'count' must be \"persons\", \"cases\" or \"events\", not '%s'",
                    count);
    json_t *types = json_object_get(v, "types");
    if (types) {
        subpath(sub, path, ".types");
        if ((rc = type_list(p, sub, types, &t.sel.types)))
            return rc;
    }
    json_t *results = json_object_get(v, "results");
    if (results) {
        subpath(sub, path, ".results");
        if (!types)
            return perr(p, sub, "'results' needs 'types'");
        if ((rc = code_list(p, sub, results, ZX_V_RESULT, &t.sel.results)) ||
            (rc = results_allowed(p, sub, t.sel.types, t.sel.results)))
            return rc;
    }
    const char *date;
    if ((rc = get_string(p, path, v, "date", 0, &date)))
        return rc;
    if (!date)
        t.anchor = types ? ZX_ANC_EVENT : 0;
    else if (!strcmp(date, "event"))
        t.anchor = ZX_ANC_EVENT;
    else if (!strcmp(date, "ref"))
        t.anchor = ZX_ANC_REF;
    else if (!strcmp(date, "case_closed"))
        t.anchor = ZX_ANC_CLOSED;
    else if (!strcmp(date, "case_accepted"))
        t.anchor = ZX_ANC_ACCEPTED;
    else
        return perr(p, path,
                    "'date' must be \"event\", \"ref\", \"case_closed\" or \"case_accepted\", "
                    "not '%s'",
                    date);
    json_t *first = json_object_get(v, "first");
    if (first) {
        if (!json_is_boolean(first))
            return perr(p, path, "'first' must be true or false");
        t.first = json_is_true(first);
    }
    if ((rc = case_filter(p, path, v, "lines", ZX_V_LINE, &t.lines)) ||
        (rc = case_filter(p, path, v, "kinds", ZX_V_CASE_KIND, &t.kinds)) ||
        (rc = case_filter(p, path, v, "sources", ZX_V_CASE_SOURCE, &t.sources)) ||
        (rc = case_filter(p, path, v, "businesses", ZX_V_BUSINESS, &t.businesses)))
        return rc;
    static const char *const sels[] = {"prior", "case_has", "answers"};
    struct zx_sel *dst[] = {&t.prior, &t.case_has, &t.answers};
    for (int i = 0; i < 3; i++) {
        json_t *s = json_object_get(v, sels[i]);
        if (!s)
            continue;
        subpath(sub, path, ".%s", sels[i]);
        if ((rc = parse_sel(p, sub, s, dst[i])))
            return rc;
    }
    /* meaning checks */
    if (!types) {
        if (t.count != ZX_CNT_CASES)
            return perr(p, path,
                        "a term without 'types' counts cases: 'count' must be "
                        "\"cases\"");
        if (t.anchor != ZX_ANC_CLOSED && t.anchor != ZX_ANC_ACCEPTED)
            return perr(p, path,
                        "a term without 'types' needs 'date': \"case_closed\" or "
                        "\"case_accepted\"");
        if (t.first || t.prior.types || t.answers.types)
            return perr(p, path, "'first', 'prior' and 'answers' need 'types'");
    }
    if (t.count == ZX_CNT_PERSONS) {
        for (int ty = 1; ty < ZX_EV_COUNT_; ty++)
            if ((t.sel.types >> ty & 1) && zx_event_type_info(ty)->level != 'P')
                return perr(p, path,
                            "counting persons needs person-level event types; '%s' is "
                            "case-level",
                            zx_vocab_code(ZX_V_EVENT_TYPE, ty));
    }
    int idx = add_term(p->cat, &t);
    if (idx < 0)
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    *out = idx;
    return ZX_OK;
}

/* TERMS: a term or a non-empty array of terms. */
static int parse_terms(struct pctx *p, const char *path, json_t *v, int **out, int *n)
{
    char sub[PATHMAX];
    size_t cnt = json_is_array(v) ? json_array_size(v) : 1;
    if (json_is_array(v) && cnt == 0)
        return perr(p, path, "must be a term or a non-empty list of terms");
    int *a = calloc(cnt, sizeof *a);
    if (!a)
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    int rc = ZX_OK;
    if (json_is_array(v)) {
        for (size_t i = 0; i < cnt && !rc; i++) {
            subpath(sub, path, "[%zu]", i);
            rc = parse_term(p, sub, json_array_get(v, i), &a[i]);
        }
    } else {
        rc = parse_term(p, path, v, &a[0]);
    }
    if (rc) {
        free(a);
        return rc;
    }
    *out = a;
    *n = (int)cnt;
    return ZX_OK;
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || s[0] < 'a' || s[0] > 'z')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

static struct zx_row_int *new_row(struct pctx *p)
{
    struct zx_catalog *c = p->cat;
    if (c->nrows == c->caprows) {
        int ncap = c->caprows ? c->caprows * 2 : 64;
        struct zx_row_int *n = realloc(c->rows, (size_t)ncap * sizeof *n);
        if (!n)
            return NULL;
        c->rows = n;
        c->caprows = ncap;
    }
    struct zx_row_int *r = &c->rows[c->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

static int unique_id(struct pctx *p, const char *path, const char *id)
{
    for (int i = 0; i < p->cat->nrows; i++)
        if (!strcmp(p->cat->rows[i].pub.id, id))
            return perr(p, path, "duplicate indicator id '%s'", id);
    return ZX_OK;
}

/* Common row facts: names, group, version, effective dates, description. */
static int row_common(struct pctx *p, const char *path, json_t *v, struct zx_catalog_row *r)
{
    const char *zh, *en, *group, *desc, *def;
    int rc;
    if ((rc = get_string(p, path, v, "name_zh", 1, &zh)) ||
        (rc = get_string(p, path, v, "name_en", 1, &en)) ||
        (rc = get_string(p, path, v, "group", 0, &group)) ||
        (rc = get_string(p, path, v, "description", 0, &desc)) ||
        (rc = get_string(p, path, v, "definition_zh", 0, &def)))
        return rc;
    r->version = p->version;
    json_t *ver = json_object_get(v, "version");
    if (ver) {
        if (!json_is_integer(ver) || json_integer_value(ver) < 1 ||
            json_integer_value(ver) > INT_MAX)
            return perr(p, path, "'version' must be a positive integer");
        r->version = (int)json_integer_value(ver);
    }
    r->effective_from = p->eff_from;
    r->effective_to = p->eff_to;
    if ((rc = get_date(p, path, v, "effective_from", &r->effective_from)) ||
        (rc = get_date(p, path, v, "effective_to", &r->effective_to)))
        return rc;
    struct zx_catalog *c = p->cat;
    r->name_zh = keep(c, zh);
    r->name_en = keep(c, en);
    r->group = keep(c, group ? group : "");
    r->description = desc ? keep(c, desc) : NULL;
    r->definition_zh = def ? keep(c, def) : NULL;
    if (!r->name_zh || !r->name_en || !r->group || (desc && !r->description) ||
        (def && !r->definition_zh))
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    return ZX_OK;
}

/* "moves_with": [{"id", "expect": "same|opposite", "reason_zh"}]; the ids are checked once
 * every row is known (check_pairs). */
static int parse_pairs(struct pctx *p, const char *path, json_t *v, struct zx_catalog_row *r)
{
    static const char *const keys[] = {"id", "expect", "reason_zh", NULL};
    char sub[PATHMAX];
    if (!v)
        return ZX_OK;
    subpath(sub, path, ".moves_with");
    if (!json_is_array(v))
        return perr(p, sub, "must be a list of {\"id\", \"expect\", \"reason_zh\"}");
    size_t n = json_array_size(v);
    struct zx_catalog_pair *pairs = keep_block(p->cat, n * sizeof *pairs);
    if (!pairs)
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(v, i);
        const char *id, *expect, *reason;
        int rc;
        subpath(sub, path, ".moves_with[%zu]", i);
        if (!json_is_object(e))
            return perr(p, sub, "must be an object {\"id\", \"expect\", \"reason_zh\"}");
        if ((rc = check_keys(p, sub, e, keys)) || (rc = get_string(p, sub, e, "id", 1, &id)) ||
            (rc = get_string(p, sub, e, "expect", 1, &expect)) ||
            (rc = get_string(p, sub, e, "reason_zh", 1, &reason)))
            return rc;
        if (!strcmp(expect, "same"))
            pairs[i].expect = 1;
        else if (!strcmp(expect, "opposite"))
            pairs[i].expect = -1;
        else
            return perr(p, sub, "'expect' must be \"same\" or \"opposite\", not '%s'", expect);
        pairs[i].with = keep(p->cat, id);
        pairs[i].reason_zh = keep(p->cat, reason);
        if (!pairs[i].with || !pairs[i].reason_zh)
            return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    }
    r->pairs = pairs;
    r->npairs = (int)n;
    return ZX_OK;
}

/* Every "moves_with" names a row of the catalog, not the row itself. */
static int check_pairs(struct pctx *p)
{
    char sub[PATHMAX];
    for (int i = 0; i < p->cat->nrows; i++) {
        const struct zx_catalog_row *r = &p->cat->rows[i].pub;
        for (int j = 0; j < r->npairs; j++) {
            snprintf(sub, sizeof sub, "$.indicators (%s).moves_with[%d]", r->id, j);
            if (zx_catalog_find(p->cat, r->pairs[j].with) < 0)
                return perr(p, sub, "unknown indicator '%s'", r->pairs[j].with);
            if (!strcmp(r->pairs[j].with, r->id))
                return perr(p, sub, "an indicator cannot move with itself");
        }
    }
    return ZX_OK;
}

static int parse_ratio(struct pctx *p, const char *path, json_t *v, const char *id)
{
    static const char *const keys[] = {
        "id",          "kind",           "name_zh",      "name_en",
        "group",       "direction",      "display",      "description",
        "version",     "effective_from", "effective_to", "numerator",
        "denominator", "definition_zh",  "moves_with",   NULL};
    char sub[PATHMAX];
    int rc = check_keys(p, path, v, keys);
    if (rc)
        return rc;
    struct zx_row_int *r = new_row(p);
    if (!r)
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    if (!(r->pub.id = keep(p->cat, id)))
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    if ((rc = row_common(p, path, v, &r->pub)))
        return rc;
    const char *dir, *disp;
    if ((rc = get_string(p, path, v, "direction", 1, &dir)) ||
        (rc = get_string(p, path, v, "display", 0, &disp)))
        return rc;
    if (!strcmp(dir, "higher"))
        r->pub.direction = ZX_DIR_HIGHER;
    else if (!strcmp(dir, "lower"))
        r->pub.direction = ZX_DIR_LOWER;
    else if (!strcmp(dir, "context"))
        r->pub.direction = ZX_DIR_CONTEXT;
    else
        return perr(p, path, "'direction' must be \"higher\", \"lower\" or \"context\", not '%s'",
                    dir);
    if (!disp || !strcmp(disp, "percent"))
        r->pub.display = ZX_DISP_PERCENT;
    else if (!strcmp(disp, "case_ratio"))
        r->pub.display = ZX_DISP_CASE_RATIO;
    else if (!strcmp(disp, "share"))
        r->pub.display = ZX_DISP_SHARE;
    else
        return perr(p, path, "'display' must be \"percent\", \"case_ratio\" or \"share\"");
    json_t *num = json_object_get(v, "numerator"), *den = json_object_get(v, "denominator");
    if (!num)
        return perr(p, path, "missing required key 'numerator'");
    if (!den)
        return perr(p, path, "missing required key 'denominator'");
    subpath(sub, path, ".numerator");
    if ((rc = parse_terms(p, sub, num, &r->num, &r->nnum)))
        return rc;
    subpath(sub, path, ".denominator");
    if ((rc = parse_terms(p, sub, den, &r->den, &r->nden)))
        return rc;
    return parse_pairs(p, path, json_object_get(v, "moves_with"), &r->pub);
}

static int parse_structure(struct pctx *p, const char *path, json_t *v, const char *id)
{
    static const char *const keys[] = {
        "id",           "kind",    "name_zh",     "name_en",       "group",
        "direction",    "display", "description", "version",       "effective_from",
        "effective_to", "base",    "categories",  "definition_zh", NULL};
    static const char *const ckeys[] = {"key", "name_zh", "name_en", "filter", NULL};
    char sub[PATHMAX], cid[200];
    int rc = check_keys(p, path, v, keys);
    if (rc)
        return rc;
    const char *dir;
    if ((rc = get_string(p, path, v, "direction", 0, &dir)))
        return rc;
    if (dir && strcmp(dir, "context"))
        return perr(p, path,
                    "a structure is read as a whole: 'direction' can only be "
                    "\"context\"");
    struct zx_catalog_row common;
    memset(&common, 0, sizeof common);
    if ((rc = row_common(p, path, v, &common)))
        return rc;
    json_t *base = json_object_get(v, "base"), *cats = json_object_get(v, "categories");
    if (!base || !json_is_object(base))
        return perr(p, path, "a structure needs 'base': a term object");
    if (json_object_get(base, "count") == NULL)
        return perr(p, path, "'base' needs 'count'");
    if (!cats || !json_is_array(cats) || json_array_size(cats) == 0)
        return perr(p, path, "a structure needs 'categories': a non-empty list");
    size_t n = json_array_size(cats);
    int first_row = p->cat->nrows;
    int *terms = calloc(n, sizeof *terms);
    if (!terms)
        return zx_err_set(p->err, ZX_ENOMEM, "out of memory");
    for (size_t i = 0; i < n && !rc; i++) {
        json_t *c = json_array_get(cats, i);
        subpath(sub, path, ".categories[%zu]", i);
        if (!json_is_object(c)) {
            rc = perr(p, sub, "a category must be an object {\"key\", \"name_zh\", \"filter\"}");
            break;
        }
        if ((rc = check_keys(p, sub, c, ckeys)))
            break;
        const char *key, *zh, *en;
        if ((rc = get_string(p, sub, c, "key", 1, &key)) ||
            (rc = get_string(p, sub, c, "name_zh", 1, &zh)) ||
            (rc = get_string(p, sub, c, "name_en", 0, &en)))
            break;
        if (!valid_id(key)) {
            rc = perr(p, sub, "'key' must be lower-case letters, digits and '_': '%s'", key);
            break;
        }
        snprintf(cid, sizeof cid, "%s.%s", id, key);
        if ((rc = unique_id(p, sub, cid)))
            break;
        json_t *filter = json_object_get(c, "filter");
        if (filter && !json_is_object(filter)) {
            rc = perr(p, sub, "'filter' must be an object of term keys");
            break;
        }
        if (filter && json_object_get(filter, "count")) {
            rc = perr(p, sub, "'filter' cannot change 'count' (it comes from 'base')");
            break;
        }
        json_t *merged = json_deep_copy(base);
        if (!merged || (filter && json_object_update(merged, filter))) {
            json_decref(merged);
            rc = zx_err_set(p->err, ZX_ENOMEM, "out of memory");
            break;
        }
        strncat(sub, " (base + filter)", sizeof sub - strlen(sub) - 1);
        rc = parse_term(p, sub, merged, &terms[i]);
        json_decref(merged);
        if (rc)
            break;
        struct zx_row_int *r = new_row(p);
        if (!r) {
            rc = zx_err_set(p->err, ZX_ENOMEM, "out of memory");
            break;
        }
        char zhname[400], enname[400];
        snprintf(zhname, sizeof zhname, "%s·%s", common.name_zh, zh);
        snprintf(enname, sizeof enname, "%s: %s", common.name_en, en ? en : key);
        r->pub = common;
        r->pub.direction = ZX_DIR_CONTEXT;
        r->pub.display = ZX_DISP_SHARE;
        r->pub.id = keep(p->cat, cid);
        r->pub.name_zh = keep(p->cat, zhname);
        r->pub.name_en = keep(p->cat, enname);
        r->pub.structure = keep(p->cat, id);
        r->num = malloc(sizeof *r->num);
        if (!r->pub.id || !r->pub.name_zh || !r->pub.name_en || !r->pub.structure || !r->num) {
            rc = zx_err_set(p->err, ZX_ENOMEM, "out of memory");
            break;
        }
        r->num[0] = terms[i];
        r->nnum = 1;
    }
    if (!rc) {
        for (int ri = first_row; ri < p->cat->nrows; ri++) {
            struct zx_row_int *r = &p->cat->rows[ri];
            r->den = malloc(n * sizeof *r->den);
            if (!r->den) {
                rc = zx_err_set(p->err, ZX_ENOMEM, "out of memory");
                break;
            }
            memcpy(r->den, terms, n * sizeof *terms);
            r->nden = (int)n;
        }
    }
    free(terms);
    return rc;
}

static int parse_root(struct pctx *p, json_t *root, int allow_extends);

static int parse_text(struct zx_catalog *cat, const char *text, size_t len, const char *name,
                      int allow_extends, struct zx_err *err)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return zx_err_set(err, ZX_EPARSE, "%s:%d:%d: JSON syntax error: %s", name, je.line,
                          je.column, je.text);
    struct pctx p = {.cat = cat, .name = name, .err = err};
    int rc = parse_root(&p, root, allow_extends);
    json_decref(root);
    return rc;
}

static int parse_root(struct pctx *p, json_t *root, int allow_extends)
{
    static const char *const keys[] = {
        "schema",       "version", "title",     "description", "effective_from",
        "effective_to", "extends", "type_sets", "indicators",  NULL};
    char sub[PATHMAX];
    if (!json_is_object(root))
        return perr(p, "$", "a catalog must be a JSON object with \"indicators\"");
    int rc = check_keys(p, "$", root, keys);
    if (rc)
        return rc;
    const char *schema, *ext;
    if ((rc = get_string(p, "$", root, "schema", 0, &schema)) ||
        (rc = get_string(p, "$", root, "extends", 0, &ext)))
        return rc;
    if (schema && strcmp(schema, CATALOG_SCHEMA))
        return perr(p, "$.schema", "must be \"%s\", not '%s'", CATALOG_SCHEMA, schema);
    if (ext) {
        if (strcmp(ext, "default"))
            return perr(p, "$.extends", "only \"default\" can be extended, not '%s'", ext);
        if (!allow_extends)
            return perr(p, "$.extends", "the default catalog cannot extend itself");
        size_t dlen;
        const char *dt = zx_datafile_builtin("indicators.json", &dlen);
        if (!dt)
            return perr(p, "$.extends", "the default catalog is not built in");
        if ((rc = parse_text(p->cat, dt, dlen, "(built-in default catalog)", 0, p->err)))
            return rc;
    }
    p->version = 1;
    json_t *ver = json_object_get(root, "version");
    if (ver) {
        if (!json_is_integer(ver) || json_integer_value(ver) < 1 ||
            json_integer_value(ver) > INT_MAX)
            return perr(p, "$.version", "must be a positive integer");
        p->version = (int)json_integer_value(ver);
    }
    p->eff_from = p->eff_to = ZX_DATE_NULL;
    if ((rc = get_date(p, "$", root, "effective_from", &p->eff_from)) ||
        (rc = get_date(p, "$", root, "effective_to", &p->eff_to)))
        return rc;
    json_t *sets = json_object_get(root, "type_sets");
    if (sets) {
        if (!json_is_object(sets))
            return perr(p, "$.type_sets", "must be an object of name: [event types]");
        const char *k;
        json_t *v;
        json_object_foreach(sets, k, v)
        {
            uint64_t m;
            snprintf(sub, sizeof sub, "$.type_sets.%s", k);
            if (!valid_id(k))
                return perr(p, sub, "a set name is lower-case letters, digits and '_'");
            if ((rc = code_list(p, sub, v, ZX_V_EVENT_TYPE, &m)))
                return rc;
        }
    }
    p->type_sets = sets;
    json_t *inds = json_object_get(root, "indicators");
    if (!inds || !json_is_array(inds) || json_array_size(inds) == 0)
        return perr(p, "$.indicators", "must be a non-empty list of indicators");
    size_t i;
    json_t *v;
    json_array_foreach(inds, i, v)
    {
        snprintf(sub, sizeof sub, "$.indicators[%zu]", i);
        if (!json_is_object(v))
            return perr(p, sub, "an indicator must be an object");
        const char *id, *kind;
        if ((rc = get_string(p, sub, v, "id", 1, &id)) ||
            (rc = get_string(p, sub, v, "kind", 0, &kind)))
            return rc;
        if (!valid_id(id))
            return perr(p, sub,
                        "'id' must start with a lower-case letter and hold only a-z, 0-9 and "
                        "'_' (at most 64): '%s'",
                        id);
        snprintf(sub, sizeof sub, "$.indicators[%zu] (%s)", i, id);
        if ((rc = unique_id(p, sub, id)))
            return rc;
        if (!kind || !strcmp(kind, "ratio"))
            rc = parse_ratio(p, sub, v, id);
        else if (!strcmp(kind, "structure"))
            rc = parse_structure(p, sub, v, id);
        else
            rc = perr(p, sub, "'kind' must be \"ratio\" or \"structure\", not '%s'", kind);
        if (rc)
            return rc;
    }
    return check_pairs(p);
}

int zx_catalog_parse(const char *text, size_t len, const char *name, struct zx_catalog **out,
                     struct zx_err *err)
{
    *out = NULL;
    struct zx_catalog *c = calloc(1, sizeof *c);
    if (!c || !(c->source = strdup(name ? name : "(catalog)"))) {
        free(c);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    int rc = parse_text(c, text, len, c->source, 1, err);
    if (rc) {
        zx_catalog_free(c);
        return rc;
    }
    *out = c;
    return ZX_OK;
}

int zx_catalog_load_file(const char *path, struct zx_catalog **out, struct zx_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return zx_err_set(err, ZX_EIO, "cannot open catalog '%s': %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = ZX_OK;
    for (;;) {
        if (len + 4096 > cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > (64u << 20)) {
                rc = zx_err_set(err, ZX_ELIMIT, "catalog '%s' is larger than 64 MiB", path);
                break;
            }
            char *n = realloc(buf, ncap);
            if (!n) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                break;
            }
            buf = n;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                rc = zx_err_set(err, ZX_EIO, "cannot read catalog '%s'", path);
            break;
        }
    }
    fclose(f);
    if (!rc)
        rc = zx_catalog_parse(buf, len, path, out, err);
    free(buf);
    return rc;
}

int zx_catalog_load_default(struct zx_catalog **out, const char **where, struct zx_err *err)
{
    static char found[sizeof((struct zx_datafile *)0)->where];
    struct zx_datafile df;
    int rc;
    *out = NULL;
    if ((rc = zx_datafile_load("indicators.json", 1u << 24, &df, err)))
        return rc;
    snprintf(found, sizeof found, "%s", df.where);
    if (where)
        *where = found;
    rc = zx_catalog_parse(df.text, df.len, found, out, err);
    zx_datafile_release(&df);
    return rc;
}

void zx_catalog_free(struct zx_catalog *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nrows; i++) {
        free(c->rows[i].num);
        free(c->rows[i].den);
    }
    for (int i = 0; i < c->nstrings; i++)
        free(c->strings[i]);
    free(c->strings);
    free(c->rows);
    free(c->terms);
    free(c->source);
    free(c);
}

int zx_catalog_rows(const struct zx_catalog *c)
{
    return c ? c->nrows : 0;
}

const struct zx_catalog_row *zx_catalog_row(const struct zx_catalog *c, int i)
{
    if (!c || i < 0 || i >= c->nrows)
        return NULL;
    return &c->rows[i].pub;
}

int zx_catalog_find(const struct zx_catalog *c, const char *id)
{
    for (int i = 0; c && i < c->nrows; i++)
        if (!strcmp(c->rows[i].pub.id, id))
            return i;
    return -1;
}

int zx_catalog_select(const struct zx_catalog *c, const char *id, int *rows, int max)
{
    int n = 0;
    for (int i = 0; c && i < c->nrows; i++) {
        const struct zx_catalog_row *r = &c->rows[i].pub;
        if (!strcmp(r->id, id) || (r->structure && !strcmp(r->structure, id))) {
            if (n < max)
                rows[n] = i;
            n++;
        }
    }
    return n;
}

const char *zx_catalog_source(const struct zx_catalog *c)
{
    return c ? c->source : NULL;
}

int zx_catalog_terms(const struct zx_catalog *c)
{
    return c->nterms;
}

int zx_catalog_term(const struct zx_catalog *c, int t, struct zx_catalog_term *out)
{
    if (t < 0 || t >= c->nterms)
        return -1;
    const struct zx_term *x = &c->terms[t];
    *out = (struct zx_catalog_term){.count = x->count,
                                    .anchor = x->anchor,
                                    .first = x->first,
                                    .types = x->sel.types,
                                    .results = x->sel.results,
                                    .lines = x->lines,
                                    .kinds = x->kinds,
                                    .sources = x->sources,
                                    .businesses = x->businesses,
                                    .prior_types = x->prior.types,
                                    .prior_results = x->prior.results,
                                    .has_types = x->case_has.types,
                                    .has_results = x->case_has.results,
                                    .ans_types = x->answers.types,
                                    .ans_results = x->answers.results};
    return 0;
}

int zx_catalog_row_terms(const struct zx_catalog *c, int row, int part, const int **terms)
{
    if (row < 0 || row >= c->nrows || part < 0 || part > 1)
        return 0;
    const struct zx_row_int *r = &c->rows[row];
    *terms = part ? r->den : r->num;
    return part ? r->nden : r->nnum;
}
