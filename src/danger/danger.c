/* danger.c — the scorecard (danger.h): items from data/danger_items.json, the score with
 * its reasons, the list of assessments and the calibration report. */
#include "danger/danger.h"

#include "model/vocab.h"
#include "util/datafile.h"
#include "util/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS  64
#define MAX_BANDS  8
#define MAX_LISTS  16
#define MAX_SCORES 64 /* distinct score strata kept by the report (clamped at the ends) */

enum fact {
    F_PRIOR_GUILTY,
    F_PRIOR_CASES,
    F_CHARGE_IN,
    F_BUSINESS,
    F_SUSPECTS,
    F_COMPLEX,
    F_VICTIM_CHARGE_IN,
    F_TEN_YEARS,
    F_PLEA_BEFORE,
    F_AGE_BELOW,
    F_AGE_AT_LEAST
};

static const char *const fact_names[] = {
    "prior_guilty",     "prior_cases", "charge_in",   "business",  "suspects",    "complex",
    "victim_charge_in", "ten_years",   "plea_before", "age_below", "age_at_least"};

struct item {
    char id[64], label[256], basis[256];
    int group, points;
    enum fact fact;
    int num;       /* min / age */
    int list;      /* charge list index, -1 none */
    char code[32]; /* business code */
};

struct clist {
    char name[32];
    char **v;
    int n;
};

struct zx_danger_cfg {
    json_t *root; /* the file, kept for its strings */
    int locality_digits;
    const char *note;
    const char *gcode[ZX_DANGER_GROUPS], *glabel[ZX_DANGER_GROUPS];
    int nbands;
    const char *bcode[MAX_BANDS], *blabel[MAX_BANDS];
    int bmax[MAX_BANDS]; /* INT32_MAX for the open top band */
    struct clist lists[MAX_LISTS];
    int nlists;
    struct item items[MAX_ITEMS];
    int nitems;
};

static const char *const group_codes[ZX_DANGER_GROUPS] = {
    "new_crime", "public_danger", "evidence", "retaliation", "flight", "mitigation"};

void zx_danger_cfg_free(struct zx_danger_cfg *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nlists; i++)
        free(c->lists[i].v);
    json_decref(c->root);
    free(c);
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int bad(struct zx_err *err, const char *path, const char *what)
{
    return zx_err_set(err, ZX_EPARSE, "%s: %s", path, what);
}

static int find_list(const struct zx_danger_cfg *c, const char *name)
{
    for (int i = 0; i < c->nlists; i++)
        if (!strcmp(c->lists[i].name, name))
            return i;
    return -1;
}

int zx_danger_cfg_load(const char *path, struct zx_danger_cfg **out, struct zx_err *err)
{
    char found[4200];
    json_error_t je;
    struct zx_danger_cfg *c = NULL;
    int rc = ZX_OK;
    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (!path) { /* the file on disk, else the copy compiled in */
        struct zx_datafile df;
        if ((rc = zx_datafile_load("danger_items.json", 1u << 20, &df, err)))
            goto cleanup;
        snprintf(found, sizeof found, "%s", df.where);
        path = found;
        c->root = json_loadb(df.text, df.len, 0, &je);
        zx_datafile_release(&df);
    } else
        c->root = json_load_file(path, 0, &je);
    if (!c->root) {
        rc = zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", path, je.line, je.column, je.text);
        goto cleanup;
    }
    c->note = jstr(c->root, "note");
    json_t *ld = json_object_get(c->root, "locality_digits");
    c->locality_digits = ld ? (int)json_integer_value(ld) : 4;
    if (c->locality_digits < 2 || c->locality_digits > 6) {
        rc = bad(err, path, "locality_digits must be 2..6");
        goto cleanup;
    }
    json_t *ds = json_object_get(c->root, "dangers"), *v;
    size_t i;
    for (int g = 0; g < ZX_DANGER_GROUPS; g++)
        c->gcode[g] = group_codes[g], c->glabel[g] = group_codes[g];
    json_array_foreach(ds, i, v)
    {
        for (int g = 0; g < ZX_DANGER_GROUPS; g++)
            if (!strcmp(jstr(v, "code"), group_codes[g]))
                c->glabel[g] = jstr(v, "label");
    }
    json_t *bs = json_object_get(c->root, "bands");
    if (!json_is_array(bs) || json_array_size(bs) < 2 || json_array_size(bs) > MAX_BANDS) {
        rc = bad(err, path, "bands: 2..8 bands expected");
        goto cleanup;
    }
    json_array_foreach(bs, i, v)
    {
        json_t *mx = json_object_get(v, "max");
        c->bcode[i] = jstr(v, "code");
        c->blabel[i] = jstr(v, "label");
        c->bmax[i] = json_is_integer(mx) ? (int)json_integer_value(mx) : INT32_MAX;
        if (i > 0 && c->bmax[i] <= c->bmax[i - 1]) {
            rc = bad(err, path, "bands: max must increase");
            goto cleanup;
        }
    }
    c->nbands = (int)json_array_size(bs);
    if (c->bmax[c->nbands - 1] != INT32_MAX) {
        rc = bad(err, path, "bands: the last band has max null");
        goto cleanup;
    }
    const char *k;
    json_object_foreach(json_object_get(c->root, "charge_lists"), k, v)
    {
        if (c->nlists == MAX_LISTS || !json_is_array(v)) {
            rc = bad(err, path, "charge_lists: at most 16 arrays");
            goto cleanup;
        }
        struct clist *l = &c->lists[c->nlists++];
        snprintf(l->name, sizeof l->name, "%s", k);
        l->v = calloc(json_array_size(v) + 1, sizeof *l->v);
        if (!l->v) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        size_t j;
        json_t *x;
        json_array_foreach(v, j, x)
        {
            const char *sv = json_string_value(x);
            l->v[l->n++] = (char *)(sv ? sv : "");
        }
    }
    json_t *its = json_object_get(c->root, "items");
    if (!json_is_array(its) || json_array_size(its) > MAX_ITEMS) {
        rc = bad(err, path, "items: an array of at most 64 items expected");
        goto cleanup;
    }
    json_array_foreach(its, i, v)
    {
        struct item *it = &c->items[c->nitems];
        json_t *w = json_object_get(v, "when");
        const char *fn = jstr(w, "fact");
        snprintf(it->id, sizeof it->id, "%s", jstr(v, "id"));
        snprintf(it->label, sizeof it->label, "%s", jstr(v, "label"));
        snprintf(it->basis, sizeof it->basis, "%s", jstr(v, "basis"));
        it->points = (int)json_integer_value(json_object_get(v, "points"));
        it->group = -1;
        for (int g = 0; g < ZX_DANGER_GROUPS; g++)
            if (!strcmp(jstr(v, "danger"), group_codes[g]))
                it->group = g;
        int f = -1;
        for (size_t n = 0; n < sizeof fact_names / sizeof *fact_names; n++)
            if (!strcmp(fn, fact_names[n]))
                f = (int)n;
        char what[200];
        if (!it->id[0] || it->group < 0 || f < 0) {
            snprintf(what, sizeof what,
                     "items[%zu] ('%.60s'): needs id, a danger of the six and a known when.fact", i,
                     it->id);
            rc = bad(err, path, what);
            goto cleanup;
        }
        it->fact = (enum fact)f;
        json_t *num = json_object_get(w, json_object_get(w, "age") ? "age" : "min");
        it->num = num ? (int)json_integer_value(num) : 1;
        it->list = -1;
        if (json_object_get(w, "list")) {
            it->list = find_list(c, jstr(w, "list"));
            if (it->list < 0) {
                snprintf(what, sizeof what, "items[%zu] ('%.60s'): unknown charge list '%.40s'", i,
                         it->id, jstr(w, "list"));
                rc = bad(err, path, what);
                goto cleanup;
            }
        }
        snprintf(it->code, sizeof it->code, "%s", jstr(w, "code"));
        c->nitems++;
    }
    *out = c;
    c = NULL;
cleanup:
    zx_danger_cfg_free(c);
    return rc;
}

const char *zx_danger_group_code(const struct zx_danger_cfg *c, int g)
{
    return c->gcode[g];
}
const char *zx_danger_group_label(const struct zx_danger_cfg *c, int g)
{
    return c->glabel[g];
}
int zx_danger_nbands(const struct zx_danger_cfg *c)
{
    return c->nbands;
}
const char *zx_danger_band_code(const struct zx_danger_cfg *c, int b)
{
    return c->bcode[b];
}
const char *zx_danger_band_label(const struct zx_danger_cfg *c, int b)
{
    return c->blabel[b];
}
const char *zx_danger_cfg_note(const struct zx_danger_cfg *c)
{
    return c->note;
}

static int in_list(const struct zx_danger_cfg *c, int l, const char *charge)
{
    if (l < 0 || !charge[0])
        return 0;
    for (int i = 0; i < c->lists[l].n; i++)
        if (!strcmp(c->lists[l].v[i], charge))
            return 1;
    return 0;
}

/* The first run of exactly 6 digits in s, or NULL. */
static const char *region6(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            continue;
        size_t n = strspn(p, "0123456789");
        if (n == 6)
            return p;
        p += n - 1;
    }
    return NULL;
}

int zx_danger_locality(const struct zx_danger_cfg *c, const char *id, const char *unit_id)
{
    const char *u = region6(unit_id);
    if (!u || strlen(id) != 18 || strspn(id, "0123456789") < 6)
        return -1;
    /* a city's or province's own procuratorate covers its whole region */
    int d = c->locality_digits;
    if (!memcmp(u + 2, "0000", 4) && d > 2)
        d = 2;
    else if (!memcmp(u + 4, "00", 2) && d > 4)
        d = 4;
    return memcmp(id, u, (size_t)d) == 0;
}

static char gender_of(const struct zx_danger_facts *f)
{
    /* GB 11643: the 17th character is odd for men */
    if (strlen(f->id_number) == 18 && f->id_number[16] >= '0' && f->id_number[16] <= '9')
        return (f->id_number[16] - '0') % 2 ? 'M' : 'F';
    return f->gender == 1 ? 'M' : f->gender == 2 ? 'F' : 0;
}

static int32_t birth_of(const struct zx_danger_facts *f)
{
    if (f->birth_date != ZX_DATE_NULL)
        return f->birth_date;
    int y, m, d;
    if (strlen(f->id_number) == 18 && sscanf(f->id_number + 6, "%4d%2d%2d", &y, &m, &d) == 3 &&
        zx_date_valid(y, m, d))
        return zx_date_from_ymd(y, m, d);
    return ZX_DATE_NULL;
}

static void why(struct zx_danger_score *s, const struct item *it, const char *fmt, ...)
    ZX_PRINTF(3, 4);
static void why(struct zx_danger_score *s, const struct item *it, const char *fmt, ...)
{
    if (s->nwhy == ZX_DANGER_MAX_WHY)
        return;
    struct zx_danger_why *w = &s->why[s->nwhy++];
    w->item = it->id;
    w->label = it->label;
    w->basis = it->basis;
    w->group = it->group;
    w->points = it->points;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->fact, sizeof w->fact, fmt, ap);
    va_end(ap);
    s->sub[it->group] += it->points;
    s->total += it->points;
}

void zx_danger_score(const struct zx_danger_cfg *c, const struct zx_danger_facts *f,
                     struct zx_danger_score *s)
{
    memset(s, 0, sizeof *s);
    s->age = zx_date_age(birth_of(f), f->review_date);
    s->local = zx_danger_locality(c, f->id_number, f->unit_id);
    s->gender = gender_of(f);
    for (int i = 0; i < c->nitems; i++) {
        const struct item *it = &c->items[i];
        switch (it->fact) {
        case F_PRIOR_GUILTY: /* RULE: danger_prior_guilty */
            if (f->prior_guilty >= it->num) {
                why(s, it, "此前他案有罪判决 %d 次（同一公民身份号码）", f->prior_guilty);
                s->direct_arrest = 1; /* CPL 81(3): prior intentional crime, likely 徒刑 */
            }
            break;
        case F_PRIOR_CASES: /* RULE: danger_prior_cases */
            if (f->prior_cases >= it->num)
                why(s, it, "此前另有 %d 件案件涉嫌犯罪（同一公民身份号码）", f->prior_cases);
            break;
        case F_CHARGE_IN:
            if (in_list(c, it->list, f->charge))
                why(s, it, "涉嫌%s", f->charge);
            break;
        case F_BUSINESS:
            if (!strcmp(f->business, it->code)) {
                const char *l = zx_vocab_label(
                    ZX_V_BUSINESS, zx_vocab_find(ZX_V_BUSINESS, f->business, strlen(f->business)));
                why(s, it, "案件业务类别：%s", l ? l : f->business);
            }
            break;
        case F_SUSPECTS: /* RULE: danger_co_suspects */
            if (f->suspects >= it->num)
                why(s, it, "同案犯罪嫌疑人共 %d 人", f->suspects);
            break;
        case F_COMPLEX:
            if (f->complex)
                why(s, it, "案件标注为重大疑难复杂");
            break;
        case F_VICTIM_CHARGE_IN:
            if (f->victims > 0 && in_list(c, it->list, f->charge))
                why(s, it, "涉嫌%s，本案有被害人 %d 人", f->charge, f->victims);
            break;
        case F_TEN_YEARS: /* RULE: danger_ten_years (CPL 81(3)) */
            if (!strcmp(f->business, "major") || in_list(c, it->list, f->charge)) {
                why(s, it, "%s%s", !strcmp(f->business, "major") ? "重大犯罪案件，" : "",
                    f->charge[0] ? f->charge : "案由未填");
                s->direct_arrest = 1;
            }
            break;
        case F_PLEA_BEFORE: /* RULE: danger_plea (CPL 81(2)) */
            if (f->plea_before)
                why(s, it, "逮捕决定前已认罪认罚");
            break;
        case F_AGE_BELOW: /* RULE: danger_juvenile (RULES 140) */
            if (s->age >= 0 && s->age < it->num)
                why(s, it, "受理审查逮捕时 %d 周岁", s->age);
            break;
        case F_AGE_AT_LEAST: /* RULE: danger_aged (RULES 140) */
            if (s->age >= it->num)
                why(s, it, "受理审查逮捕时 %d 周岁", s->age);
            break;
        }
    }
    s->band = c->nbands - 1;
    for (int b = 0; b < c->nbands; b++)
        if (s->total <= c->bmax[b]) {
            s->band = b;
            break;
        }
}

static json_t *jdate(int32_t d)
{
    char b[16];
    if (d == ZX_DATE_NULL)
        return json_null();
    zx_date_format(d, b);
    return json_string(b);
}

static const char *decision_code(enum zx_danger_decision d)
{
    return d == ZX_DANGER_ARRESTED       ? "arrest"
           : d == ZX_DANGER_NOT_ARRESTED ? "no_arrest"
                                         : "pending";
}

static const char *locality_code(int l)
{
    return l == 1 ? "local" : l == 0 ? "non_local" : "unknown";
}

json_t *zx_danger_score_json(const struct zx_danger_cfg *c, const struct zx_danger_facts *f,
                             const struct zx_danger_score *s)
{
    json_t *subs = json_array(), *reasons = json_array();
    for (int g = 0; g < ZX_DANGER_GROUPS; g++)
        json_array_append_new(subs, json_pack("{s:s,s:s,s:i}", "code", c->gcode[g], "label",
                                              c->glabel[g], "points", s->sub[g]));
    for (int i = 0; i < s->nwhy; i++) {
        const struct zx_danger_why *w = &s->why[i];
        json_array_append_new(reasons,
                              json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "item", w->item, "label",
                                        w->label, "danger", c->gcode[w->group], "basis", w->basis,
                                        "points", w->points, "fact", w->fact));
    }
    char g[2] = {s->gender, 0};
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:o,s:s,s:i,s:o,s:o,s:{s:s,s:s},"
        "s:b,s:s,s:o,s:s,s:o,s:s}",
        "person_id", f->person_id, "name", f->name, "id_number", f->id_number, "case_id",
        f->case_id, "case_no", f->case_no, "unit_id", f->unit_id, "unit_name", f->unit_name,
        "charge", f->charge, "review_date", jdate(f->review_date), "decision",
        decision_code(f->decision), "decision_date", jdate(f->decision_date), "no_arrest_result",
        f->no_arrest_why, "age", s->age >= 0 ? json_integer(s->age) : json_null(), "gender", g,
        "score", s->total, "subscores", subs, "reasons", reasons, "band", "code", c->bcode[s->band],
        "label", c->blabel[s->band], "direct_arrest", s->direct_arrest, "locality",
        locality_code(s->local), "plea_before", json_boolean(f->plea_before), "advice",
        "评分仅供参考，不作为逮捕决定的依据；须结合全案证据综合判断（刑诉规则第135条）", "suspects",
        json_integer(f->suspects), "note", c->note);
    json_object_set_new(o, "handler_id", json_string(f->handler_id));
    return o;
}

struct list_ctx {
    const struct zx_danger_cfg *c;
    json_t *arr;
    int pending_only;
};

static int list_cb(void *ud, const struct zx_danger_facts *f)
{
    struct list_ctx *x = ud;
    struct zx_danger_score s;
    if (x->pending_only && f->decision != ZX_DANGER_PENDING)
        return 0;
    zx_danger_score(x->c, f, &s);
    json_array_append_new(x->arr, zx_danger_score_json(x->c, f, &s));
    return 0;
}

int zx_danger_list(struct zx_store *st, const struct zx_danger_cfg *c, const char *unit_id,
                   const char *person_id, int32_t from, int32_t to, int pending_only, json_t **out,
                   struct zx_err *err)
{
    struct list_ctx x = {c, json_array(), pending_only};
    int rc = zx_store_danger_facts(st, unit_id, person_id, from, to, 0, list_cb, &x, err);
    if (rc) {
        json_decref(x.arr);
        x.arr = NULL;
    }
    *out = x.arr;
    return rc;
}

/* ---- the calibration report ---- */

#define NDIM   3 /* locality, age band, gender */
#define MAXGRP 6
#define NAGE   6

static const char *const dim_codes[NDIM] = {"locality", "age", "gender"};
static const char *const dim_labels[NDIM] = {"户籍（本地/外地）", "年龄段", "性别"};
static const char *const grp_codes[NDIM][MAXGRP] = {
    {"local", "non_local", "unknown"},
    {"under_18", "18_25", "26_35", "36_45", "46_59", "60_plus"},
    {"M", "F", "unknown"}};
static const char *const grp_labels[NDIM][MAXGRP] = {
    {"本地户籍", "外地户籍", "未知"},
    {"未满18周岁", "18—25周岁", "26—35周岁", "36—45周岁", "46—59周岁", "60周岁以上"},
    {"男", "女", "未知"}};
static const int ngrp[NDIM] = {3, NAGE, 3};
static const int ref_grp[NDIM] = {0, 2, 0}; /* the reference group of each comparison */

struct cell {
    long n, arrested;
};

struct rep {
    const struct zx_danger_cfg *c;
    long decided, pending;
    struct cell band[MAX_BANDS];
    long band_na[MAX_BANDS][3]; /* no_crime, insufficient_evidence, no_necessity */
    int smin;                   /* score of stratum 0 */
    struct cell score[MAX_SCORES];
    long fair_n;
    /* the fairness population: [dim][group][stratum] and [dim][group][band] */
    struct cell fs[NDIM][MAXGRP][MAX_SCORES];
    struct cell fb[NDIM][MAXGRP][MAX_BANDS];
    json_t *persons; /* detail rows, or NULL */
};

static int age_group(int age)
{
    return age < 0     ? -1
           : age < 18  ? 0
           : age <= 25 ? 1
           : age <= 35 ? 2
           : age <= 45 ? 3
           : age <= 59 ? 4
                       : 5;
}

static int stratum(const struct rep *r, int total)
{
    int k = total - r->smin;
    return k < 0 ? 0 : k >= MAX_SCORES ? MAX_SCORES - 1 : k;
}

static int rep_cb(void *ud, const struct zx_danger_facts *f)
{
    struct rep *r = ud;
    struct zx_danger_score s;
    if (f->decision == ZX_DANGER_PENDING) {
        r->pending++;
        return 0;
    }
    zx_danger_score(r->c, f, &s);
    int arrested = f->decision == ZX_DANGER_ARRESTED;
    int k = stratum(r, s.total);
    r->decided++;
    r->band[s.band].n++;
    r->band[s.band].arrested += arrested;
    r->score[k].n++;
    r->score[k].arrested += arrested;
    int why = !strcmp(f->no_arrest_why, "no_crime")                ? 0
              : !strcmp(f->no_arrest_why, "insufficient_evidence") ? 1
              : !strcmp(f->no_arrest_why, "no_necessity")          ? 2
                                                                   : -1;
    if (!arrested && why >= 0)
        r->band_na[s.band][why]++;
    /* fairness: only decisions on the need for custody (arrest, or 无逮捕必要); a
     * no-crime or insufficient-evidence 不捕 answers another question */
    int fair = arrested || why == 2;
    int grp[NDIM] = {s.local == 1   ? 0
                     : s.local == 0 ? 1
                                    : 2,
                     age_group(s.age),
                     s.gender == 'M'   ? 0
                     : s.gender == 'F' ? 1
                                       : 2};
    if (fair) {
        r->fair_n++;
        for (int d = 0; d < NDIM; d++) {
            if (grp[d] < 0)
                continue;
            r->fs[d][grp[d]][k].n++;
            r->fs[d][grp[d]][k].arrested += arrested;
            r->fb[d][grp[d]][s.band].n++;
            r->fb[d][grp[d]][s.band].arrested += arrested;
        }
    }
    if (r->persons) {
        char g[2] = {s.gender, 0};
        json_array_append_new(
            r->persons,
            json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:s,s:o,s:b,s:b}", "person_id", f->person_id,
                      "unit_id", f->unit_id, "id_number", f->id_number, "review_date", "", "score",
                      s.total, "band", r->c->bcode[s.band], "locality", locality_code(s.local),
                      "gender", g, "age", s.age >= 0 ? json_integer(s.age) : json_null(),
                      "arrested", arrested, "fairness", fair));
        char b[16];
        zx_date_format(f->review_date, b);
        json_object_set_new(json_array_get(r->persons, json_array_size(r->persons) - 1),
                            "review_date", json_string(b));
    }
    return 0;
}

static json_t *rate(long num, long den)
{
    return den ? json_real((double)num / (double)den) : json_null();
}

int zx_danger_report(struct zx_store *st, const struct zx_danger_cfg *c, const char *unit_id,
                     int32_t from, int32_t to, int detail, json_t **out, struct zx_err *err)
{
    struct rep *r = calloc(1, sizeof *r);
    json_t *o = NULL;
    int rc;
    *out = NULL;
    if (!r)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    r->c = c;
    /* the lowest possible score: every negative item firing */
    for (int i = 0; i < c->nitems; i++)
        if (c->items[i].points < 0)
            r->smin += c->items[i].points;
    r->persons = detail ? json_array() : NULL;
    /* an aggregate: counts sealed persons too (store/seal.h) */
    rc = zx_store_danger_facts(st, unit_id, NULL, from, to, 1, rep_cb, r, err);
    if (rc)
        goto cleanup;
    json_t *bands = json_array(), *scores = json_array(), *fair = json_array();
    for (int b = 0; b < c->nbands; b++)
        json_array_append_new(
            bands, json_pack("{s:s,s:s,s:o,s:i,s:i,s:i,s:o,s:{s:i,s:i,s:i}}", "code", c->bcode[b],
                             "label", c->blabel[b], "max",
                             c->bmax[b] == INT32_MAX ? json_null() : json_integer(c->bmax[b]), "n",
                             (int)r->band[b].n, "arrested", (int)r->band[b].arrested,
                             "not_arrested", (int)(r->band[b].n - r->band[b].arrested),
                             "detention_rate", rate(r->band[b].arrested, r->band[b].n), "no_arrest",
                             "no_crime", (int)r->band_na[b][0], "insufficient_evidence",
                             (int)r->band_na[b][1], "no_necessity", (int)r->band_na[b][2]));
    for (int k = 0; k < MAX_SCORES; k++)
        if (r->score[k].n)
            json_array_append_new(scores, json_pack("{s:i,s:i,s:i,s:o}", "score", k + r->smin, "n",
                                                    (int)r->score[k].n, "arrested",
                                                    (int)r->score[k].arrested, "detention_rate",
                                                    rate(r->score[k].arrested, r->score[k].n)));
    for (int d = 0; d < NDIM; d++) {
        /* direct standardisation: the weights are the fairness population's score strata */
        long tot[MAX_SCORES] = {0}, all = 0;
        for (int k = 0; k < MAX_SCORES; k++) {
            for (int g = 0; g < ngrp[d]; g++)
                tot[k] += r->fs[d][g][k].n;
            all += tot[k];
        }
        json_t *groups = json_array();
        const int rg = ref_grp[d];
        for (int g = 0; g < ngrp[d]; g++) {
            long n = 0, a = 0;
            double std = 0, wsum = 0, mh_num = 0, mh_den = 0;
            for (int k = 0; k < MAX_SCORES; k++) {
                const struct cell *x = &r->fs[d][g][k], *y = &r->fs[d][rg][k];
                n += x->n;
                a += x->arrested;
                if (x->n) {
                    std += (double)tot[k] * ((double)x->arrested / (double)x->n);
                    wsum += (double)tot[k];
                }
                /* Mantel–Haenszel risk difference against the reference group */
                if (g != rg && x->n && y->n) {
                    double w = (double)x->n * (double)y->n / (double)(x->n + y->n);
                    mh_num += w * ((double)x->arrested / (double)x->n -
                                   (double)y->arrested / (double)y->n);
                    mh_den += w;
                }
            }
            json_t *byband = json_array();
            for (int b = 0; b < c->nbands; b++)
                json_array_append_new(byband,
                                      json_pack("{s:s,s:i,s:i,s:o}", "band", c->bcode[b], "n",
                                                (int)r->fb[d][g][b].n, "arrested",
                                                (int)r->fb[d][g][b].arrested, "detention_rate",
                                                rate(r->fb[d][g][b].arrested, r->fb[d][g][b].n)));
            json_array_append_new(
                groups,
                json_pack("{s:s,s:s,s:i,s:i,s:o,s:o,s:o,s:b,s:o}", "code", grp_codes[d][g], "label",
                          grp_labels[d][g], "n", (int)n, "arrested", (int)a, "detention_rate",
                          rate(a, n), "standardized_rate",
                          wsum > 0 ? json_real(std / wsum) : json_null(), "gap_vs_reference",
                          mh_den > 0 ? json_real(mh_num / mh_den) : json_null(), "reference",
                          g == rg, "by_band", byband));
        }
        json_array_append_new(fair, json_pack("{s:s,s:s,s:s,s:i,s:o}", "dimension", dim_codes[d],
                                              "label", dim_labels[d], "reference", grp_codes[d][rg],
                                              "n", (int)all, "groups", groups));
    }
    o = json_pack(
        "{s:o,s:o,s:o,s:i,s:i,s:i,s:o,s:o,s:o,s:s,s:s}", "unit_id",
        unit_id ? json_string(unit_id) : json_null(), "from", jdate(from), "to", jdate(to),
        "decided", (int)r->decided, "pending", (int)r->pending, "fairness_population",
        (int)r->fair_n, "bands", bands, "scores", scores, "fairness", fair, "method",
        "同分比较：按评分分层，标准化羁押率 = Σ 各分值全体人数 × 该组该分值羁押率 / "
        "该组出现分值的全体人数；差距为与参照组的 Mantel–Haenszel 风险差（各分值层加权）。"
        "公平性只计入以羁押必要性为争点的决定（逮捕、无逮捕必要不捕）。",
        "note", c->note);
    if (r->persons) {
        json_object_set_new(o, "persons", r->persons);
        r->persons = NULL;
    }
    *out = o;
cleanup:
    json_decref(r->persons);
    free(r);
    return rc;
}
