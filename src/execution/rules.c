/* rules.c — read data/sentence_rules.json into rule slots, and the §1.1 month arithmetic. */
#include "execution/internal.h"
#include "util/datafile.h"
#include "util/date.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Per slot: its id, its category, its scalar parameter names (in p[] order) and the name of
 * its per-merit parameter (an object {r,g,rg,gg,rgg}), or NULL. */
static const struct {
    const char *id;
    int cat;
    const char *params[ZX_EXEC__NPARAM];
    const char *merit;
} slots[R_SLOT_COUNT_] = {
    [R_CL50_SD] = {"CL50-SD", ZX_EXEC_START_TOO_EARLY, {"period_months"}, NULL},
    [R_JX16_6_START] = {"JX2016-6-start",
                        ZX_EXEC_START_TOO_EARLY,
                        {"lt60", "lt120", "ge120"},
                        NULL},
    [R_JX16_6_INTERVAL] = {"JX2016-6-interval",
                           ZX_EXEC_INTERVAL_TOO_SHORT,
                           {"lt120", "ge120"},
                           NULL},
    [R_JX16_6_LAST] = {"JX2016-6-last", ZX_EXEC_INTERVAL_TOO_SHORT, {NULL}, NULL},
    [R_JX16_6_CAP] = {"JX2016-6-cap", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "cap"},
    [R_JX16_7_START] = {"JX2016-7-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX16_7_CAP] = {"JX2016-7-cap", ZX_EXEC_REDUCTION_OVER_CAP, {"max"}, NULL},
    [R_JX16_7_INTERVAL] = {"JX2016-7-interval",
                           ZX_EXEC_INTERVAL_TOO_SHORT,
                           {"le120", "ge120", "violent_min_term"},
                           NULL},
    [R_JX16_8_START] = {"JX2016-8-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX16_8_TERM] = {"JX2016-8-term", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "min_term"},
    [R_JX16_8_LATER] = {"JX2016-8-later", ZX_EXEC_INTERVAL_TOO_SHORT, {"interval"}, NULL},
    [R_JX16_9_START] = {"JX2016-9-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX16_9_TERM] = {"JX2016-9-term", ZX_EXEC_REDUCTION_OVER_CAP, {"min_term"}, NULL},
    [R_JX16_9_LATER] = {"JX2016-9-later", ZX_EXEC_REDUCTION_OVER_CAP, {"cap", "interval"}, NULL},
    [R_JX16_10_START] = {"JX2016-10-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX16_10_TERM] = {"JX2016-10-term", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "min_term"},
    [R_JX16_10_LATER] = {"JX2016-10-later", ZX_EXEC_INTERVAL_TOO_SHORT, {"interval"}, NULL},
    [R_JX16_11_TERM] = {"JX2016-11-term", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "min_term"},
    [R_JX16_11_LATER] = {"JX2016-11-later", ZX_EXEC_REDUCTION_OVER_CAP, {"cap", "interval"}, NULL},
    [R_JX16_12] = {"JX2016-12", ZX_EXEC_FLOOR_VIOLATED, {"months"}, NULL},
    [R_JX16_13_START] = {"JX2016-13-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX16_14] = {"JX2016-14", ZX_EXEC_REDUCTION_OVER_CAP, {"cap", "cap_gg", "interval"}, NULL},
    [R_JX16_16] = {"JX2016-16", ZX_EXEC_START_TOO_EARLY, {"remaining_months"}, NULL},
    [R_JX16_19] = {"JX2016-19", ZX_EXEC_START_TOO_EARLY, {"age", "relax_num", "relax_den"}, NULL},
    [R_JX16_20] = {"JX2016-20", ZX_EXEC_START_TOO_EARLY, {"age", "relax_num", "relax_den"}, NULL},
    [R_JX16_28] = {"JX2016-28",
                   ZX_EXEC_INTERVAL_TOO_SHORT,
                   {"interval", "big_cut", "big_interval", "short_remaining"},
                   NULL},
    [R_JX16_23_SD] = {"JX2016-23-sd", ZX_EXEC_PAROLE_NOT_ELIGIBLE, {"months"}, NULL},
    [R_JX16_27] = {"JX2016-27", ZX_EXEC_PAROLE_EXCLUDED, {NULL}, NULL},
    [R_JX16_30] = {"JX2016-30", ZX_EXEC_PAROLE_EXCLUDED, {NULL}, NULL},
    [R_JX19_1] = {"JX2019-1", ZX_EXEC_PAROLE_EXCLUDED, {NULL}, NULL},
    [R_JX19_2_START] = {"JX2019-2-start", ZX_EXEC_START_TOO_EARLY, {"le120", "ge120"}, NULL},
    [R_JX19_2_INTERVAL] = {"JX2019-2-interval",
                           ZX_EXEC_INTERVAL_TOO_SHORT,
                           {"le120", "ge120"},
                           NULL},
    [R_JX19_2_CAP] = {"JX2019-2-cap", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "cap"},
    [R_JX19_3_START] = {"JX2019-3-start", ZX_EXEC_START_TOO_EARLY, {"months", "interval"}, NULL},
    [R_JX19_3_TERM] = {"JX2019-3-term", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "min_term"},
    [R_JX19_4_START] = {"JX2019-4-start", ZX_EXEC_START_TOO_EARLY, {"months"}, NULL},
    [R_JX19_4_TERM] = {"JX2019-4-term", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "min_term"},
    [R_CL78_FIXED] = {"CL78-fixed", ZX_EXEC_FLOOR_VIOLATED, {"num", "den"}, NULL},
    [R_CL78_LIFE] = {"CL78-life", ZX_EXEC_FLOOR_VIOLATED, {"months"}, NULL},
    [R_CL78_LIMITED] = {"CL78-limited", ZX_EXEC_FLOOR_VIOLATED, {"to_life", "to_fixed"}, NULL},
    [R_CL81_FIXED] = {"CL81-fixed", ZX_EXEC_PAROLE_NOT_ELIGIBLE, {"num", "den"}, NULL},
    [R_CL81_LIFE] = {"CL81-life", ZX_EXEC_PAROLE_NOT_ELIGIBLE, {"months"}, NULL},
    [R_CL81_2] = {"CL81-2", ZX_EXEC_PAROLE_EXCLUDED, {"violent_min_term"}, NULL},
    [R_CPL265] = {"CPL265", ZX_EXEC_TEMP_NOT_ELIGIBLE, {NULL}, NULL},
    [R_ZY14_7] = {"ZY2014-7",
                  ZX_EXEC_TEMP_NOT_ELIGIBLE,
                  {"min_term", "fraction_den", "after_fixed_months", "age_relax"},
                  NULL},
    [R_FS12_6_CAP] = {"FS2012-6-cap", ZX_EXEC_REDUCTION_OVER_CAP, {NULL}, "cap"},
    [R_FS12_7] = {"FS2012-7", ZX_EXEC_START_TOO_EARLY, {"ge60_start", "ge60_interval"}, NULL},
    [R_FS12_8] = {"FS2012-8", ZX_EXEC_REDUCTION_OVER_CAP, {"start"}, "min_term"},
    [R_FS12_9] = {"FS2012-9", ZX_EXEC_REDUCTION_OVER_CAP, {"start"}, "min_term"},
    [R_PAT_MAX] = {"PAT-MAX", ZX_EXEC_PATTERN_MAX, {"min_count"}, NULL},
    [R_PAT_EARLY] = {"PAT-EARLY", ZX_EXEC_PATTERN_EARLY, {"min_count", "tolerance_days"}, NULL},
};

static const char *const cat_codes[ZX_EXEC_CAT_COUNT_] = {"start_too_early",
                                                          "interval_too_short",
                                                          "reduction_over_cap",
                                                          "floor_violated",
                                                          "parole_not_eligible",
                                                          "parole_excluded",
                                                          "temporary_release_not_eligible",
                                                          "pattern_max_reduction",
                                                          "pattern_earliest_date"};

const char *zx_exec_cat_code(enum zx_exec_cat c)
{
    return (unsigned)c < ZX_EXEC_CAT_COUNT_ ? cat_codes[c] : NULL;
}

const char *zx_exec_severity_code(enum zx_exec_severity s)
{
    return s == ZX_EXEC_VIOLATION ? "violation" : s == ZX_EXEC_PATTERN ? "pattern" : "review";
}

int32_t zx_exec_add_months(int32_t d, int months)
{
    /* RULE: C4 (SPC-INT 202): last day → last day; a missing day → the month's last day */
    return zx_date_add_months_eom(d, months);
}

static int perr(struct zx_err *err, const char *name, const char *what, const char *id)
{
    return zx_err_set(err, ZX_EPARSE, "%s: %s%s%s", name, what, id ? " in rule " : "",
                      id ? id : "");
}

static int read_date(json_t *v, int32_t *out)
{
    if (!json_is_string(v))
        return -1;
    const char *s = json_string_value(v);
    return zx_date_parse(s, strlen(s), out) ? -1 : 0;
}

static int read_int(json_t *v, int *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 100000)
        return -1;
    *out = (int)json_integer_value(v);
    return 0;
}

/* Copy s into strings at *pos; returns the copy. */
static const char *keep(char *strings, size_t *pos, const char *s)
{
    size_t n = strlen(s);
    char *p = strings + *pos;
    memcpy(p, s, n + 1);
    *pos += n + 1;
    return p;
}

/* A rule's "exemption": {"merits": ["gg", "rgg"], "limits": ["start", "interval"],
 * "effect": "exempt"|"review", "article": …, "clause": …, "why": … (review)}; absent: none. */
static int read_exemption(json_t *ex, const char *name, const char *id, struct zx_exec__rule *r,
                          char *strings, size_t *pos, struct zx_err *err)
{
    static const char *const merit_keys[6] = {NULL, "r", "g", "rg", "gg", "rgg"};
    if (!ex)
        return ZX_OK;
    const char *effect = json_string_value(json_object_get(ex, "effect"));
    const char *art = json_string_value(json_object_get(ex, "article"));
    const char *why = json_string_value(json_object_get(ex, "why"));
    json_t *merits = json_object_get(ex, "merits"), *limits = json_object_get(ex, "limits"), *v;
    size_t i;
    if (!json_is_object(ex) || !effect || !art || !json_is_array(merits) ||
        !json_is_array(limits) || !json_is_string(json_object_get(ex, "clause")))
        return perr(err, name, "exemption needs merits [], limits [], effect, article, clause", id);
    if (!strcmp(effect, "exempt"))
        r->ex_effect = ZX_EXEC__EX_EXEMPT;
    else if (!strcmp(effect, "review") && why)
        r->ex_effect = ZX_EXEC__EX_REVIEW;
    else
        return perr(err, name, "exemption effect must be exempt, or review with why", id);
    json_array_foreach(merits, i, v)
    {
        int k = 1;
        while (k <= 5 && (!json_is_string(v) || strcmp(json_string_value(v), merit_keys[k])))
            k++;
        if (k > 5)
            return perr(err, name, "exemption merits are r, g, rg, gg, rgg", id);
        r->ex_merits |= 1u << k;
    }
    json_array_foreach(limits, i, v)
    {
        const char *l = json_string_value(v);
        if (l && !strcmp(l, "start"))
            r->ex_limits |= ZX_EXEC__LIM_START;
        else if (l && !strcmp(l, "interval"))
            r->ex_limits |= ZX_EXEC__LIM_INTERVAL;
        else
            return perr(err, name, "exemption limits are start, interval", id);
    }
    r->ex_article = keep(strings, pos, art);
    r->ex_why = why ? keep(strings, pos, why) : NULL;
    return ZX_OK;
}

int zx_exec_rules_parse(const char *text, size_t len, const char *name, struct zx_exec_rules **out,
                        struct zx_err *err)
{
    static const char *const merit_keys[6] = {NULL, "r", "g", "rg", "gg", "rgg"};
    int rc = ZX_OK;
    json_error_t je;
    json_t *root = NULL;
    struct zx_exec_rules *rs = NULL;
    size_t spos = 0, scap = 0;

    *out = NULL;
    root = json_loadb(text, len, 0, &je);
    if (!root) {
        rc = zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
        goto cleanup;
    }
    json_t *rules = json_object_get(root, "rules");
    const char *schema = json_string_value(json_object_get(root, "schema"));
    if (!schema || strcmp(schema, "zhixiao.sentence_rules") || !json_is_array(rules)) {
        rc = perr(err, name, "not a sentence rule set (schema zhixiao.sentence_rules, rules [])",
                  NULL);
        goto cleanup;
    }
    rs = calloc(1, sizeof *rs);
    if (!rs) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* strings: ids and articles, copied once so the JSON can go */
    size_t i;
    json_t *e;
    json_array_foreach(rules, i, e)
    {
        const char *id = json_string_value(json_object_get(e, "id"));
        const char *art = json_string_value(json_object_get(e, "article"));
        json_t *ex = json_object_get(e, "exemption");
        const char *xa = json_string_value(json_object_get(ex, "article"));
        const char *xw = json_string_value(json_object_get(ex, "why"));
        scap += (id ? strlen(id) : 0) + (art ? strlen(art) : 0) + (xa ? strlen(xa) : 0) +
                (xw ? strlen(xw) : 0) + 4;
    }
    rs->strings = malloc(scap + 1);
    if (!rs->strings) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    json_array_foreach(rules, i, e)
    {
        const char *id = json_string_value(json_object_get(e, "id"));
        const char *art = json_string_value(json_object_get(e, "article"));
        const char *cat = json_string_value(json_object_get(e, "category"));
        if (!id || !art || !cat) {
            rc = perr(err, name, "each rule needs id, category and article", id);
            goto cleanup;
        }
        int s = 0;
        while (s < R_SLOT_COUNT_ && strcmp(slots[s].id, id))
            s++;
        if (s == R_SLOT_COUNT_) {
            rc = perr(err, name, "unknown rule id (no evaluator)", id);
            goto cleanup;
        }
        struct zx_exec__rule *r = &rs->r[s];
        if (r->on) {
            rc = perr(err, name, "duplicate rule", id);
            goto cleanup;
        }
        if (strcmp(cat, cat_codes[slots[s].cat])) {
            rc = perr(err, name, "category does not match the evaluator", id);
            goto cleanup;
        }
        json_t *to = json_object_get(e, "effective_to");
        r->to = INT32_MAX;
        if (read_date(json_object_get(e, "effective_from"), &r->from) ||
            (to && !json_is_null(to) && read_date(to, &r->to))) {
            rc = perr(err, name, "effective_from / effective_to must be dates", id);
            goto cleanup;
        }
        json_t *params = json_object_get(e, "params");
        for (int k = 0; k < ZX_EXEC__NPARAM && slots[s].params[k]; k++)
            if (read_int(json_object_get(params, slots[s].params[k]), &r->p[k])) {
                rc = zx_err_set(err, ZX_EPARSE, "%s: rule %s needs integer parameter %s", name, id,
                                slots[s].params[k]);
                goto cleanup;
            }
        if (slots[s].merit) {
            json_t *mo = json_object_get(params, slots[s].merit);
            for (int k = 1; k <= 5; k++)
                if (read_int(json_object_get(mo, merit_keys[k]), &r->m[k])) {
                    rc = zx_err_set(err, ZX_EPARSE,
                                    "%s: rule %s needs %s as {r, g, rg, gg, rgg} in months", name,
                                    id, slots[s].merit);
                    goto cleanup;
                }
        }
        if ((rc = read_exemption(json_object_get(e, "exemption"), name, id, r, rs->strings, &spos,
                                 err)))
            goto cleanup;
        r->on = 1;
        r->cat = slots[s].cat;
        size_t n = strlen(id);
        memcpy(rs->strings + spos, id, n + 1);
        r->ref.id = rs->strings + spos;
        spos += n + 1;
        n = strlen(art);
        memcpy(rs->strings + spos, art, n + 1);
        r->ref.article = rs->strings + spos;
        spos += n + 1;
        rs->count++;
    }
    *out = rs;
    rs = NULL;
cleanup:
    json_decref(root);
    zx_exec_rules_free(rs);
    return rc;
}

int zx_exec_rules_load_file(const char *path, struct zx_exec_rules **out, struct zx_err *err)
{
    int rc;
    char *buf = NULL;
    long n;
    FILE *f = fopen(path, "rb");
    *out = NULL;
    if (!f)
        return zx_err_set(err, ZX_EIO, "cannot open rules '%s'", path);
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1L << 24) || fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return zx_err_set(err, ZX_EIO, "cannot read rules '%s'", path);
    }
    buf = malloc((size_t)n + 1);
    if (!buf) {
        fclose(f);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        rc = zx_err_set(err, ZX_EIO, "cannot read rules '%s'", path);
    else
        rc = zx_exec_rules_parse(buf, (size_t)n, path, out, err);
    fclose(f);
    free(buf);
    return rc;
}

int zx_exec_rules_load_default(struct zx_exec_rules **out, const char **where, struct zx_err *err)
{
    static char found[sizeof((struct zx_datafile *)0)->where];
    struct zx_datafile df;
    int rc;
    *out = NULL;
    if ((rc = zx_datafile_load("sentence_rules.json", 1u << 24, &df, err)))
        return rc;
    snprintf(found, sizeof found, "%s", df.where);
    if (where)
        *where = found;
    rc = zx_exec_rules_parse(df.text, df.len, found, out, err);
    zx_datafile_release(&df);
    return rc;
}

int zx_exec_rules_count(const struct zx_exec_rules *r)
{
    return r ? r->count : 0;
}

void zx_exec_rules_free(struct zx_exec_rules *r)
{
    if (!r)
        return;
    free(r->strings);
    free(r);
}
