/* casebook.c — the 典型案例 state machine, search and statistics (casebook.h). */
#include "casebook/casebook.h"

#include "util/date.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* RULE: casebook.flow — seed 000: 案例培育、编写、审查、推广 as one workflow; the committee's
 * review precedes publication, and a candidate goes back with reasons. */
static const struct zx_casebook_transition flow[] = {
    {"nominate", "", "cultivating", "提名为典型案例候选", ZX_CB_NEEDS_TEXT},
    {"note", "cultivating", "cultivating", "培育记录", ZX_CB_NEEDS_TEXT},
    {"note", "writing", "writing", "培育记录", ZX_CB_NEEDS_TEXT},
    {"write", "cultivating", "writing", "开始编写", 0},
    {"write", "writing", "writing", "修改案例文稿", 0},
    {"submit", "writing", "reviewing", "提交审查", ZX_CB_NEEDS_WRITEUP},
    {"review", "reviewing", "reviewing", "审查意见", ZX_CB_NEEDS_TEXT},
    {"approve", "reviewing", "approved", "审查通过", ZX_CB_NEEDS_TEXT},
    {"return", "reviewing", "writing", "退回修改", ZX_CB_NEEDS_TEXT},
    {"return", "approved", "writing", "退回修改", ZX_CB_NEEDS_TEXT},
    {"return", "writing", "cultivating", "退回培育", ZX_CB_NEEDS_TEXT},
    {"return", "cultivating", "withdrawn", "终止培育", ZX_CB_NEEDS_TEXT},
    {"publish", "approved", "published", "发布", ZX_CB_NEEDS_LEVEL},
    {"publish", "published", "published", "推广（更高层级发布）", ZX_CB_NEEDS_LEVEL},
};
#define NFLOW (sizeof flow / sizeof flow[0])

const struct zx_casebook_transition *zx_casebook_transitions(size_t *n)
{
    *n = NFLOW;
    return flow;
}

static const char *const states[][2] = {
    {"cultivating", "培育"},  {"writing", "编写"},     {"reviewing", "审查"},
    {"approved", "审查通过"}, {"published", "已发布"}, {"withdrawn", "终止培育"},
};
static const char *const levels[][2] = {{"unit", "院"}, {"city", "市"}, {"province", "省"}};

const char *zx_casebook_state_zh(const char *s)
{
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (!strcmp(states[i][0], s))
            return states[i][1];
    return s;
}

const char *zx_casebook_level_zh(const char *l)
{
    for (size_t i = 0; i < 3; i++)
        if (!strcmp(levels[i][0], l))
            return levels[i][1];
    return l;
}

int zx_casebook_level_rank(const char *l)
{
    for (int i = 0; i < 3; i++)
        if (l && !strcmp(levels[i][0], l))
            return i + 1;
    return 0;
}

static int blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/* The sections of the write-up: the English name errors print, the Chinese the web shows. */
static const char *const sections[][2] = {{"title (标题)", "标题"},
                                          {"facts (基本案情)", "基本案情"},
                                          {"performance (检察履职)", "检察履职"},
                                          {"significance (典型意义)", "典型意义"},
                                          {"legal basis (法律依据)", "法律依据"}};

/* An act's name in Chinese for messages (the transition table names each step; this names
 * the act whatever the state), the code itself when unknown. */
static const char *act_zh(const char *act)
{
    static const char *const acts[][2] = {
        {"nominate", "提名"},   {"note", "培育记录"},    {"write", "编写"},  {"submit", "提交审查"},
        {"review", "审查意见"}, {"approve", "审查通过"}, {"return", "退回"}, {"publish", "发布"}};
    for (size_t i = 0; act && i < sizeof acts / sizeof acts[0]; i++)
        if (!strcmp(acts[i][0], act))
            return acts[i][1];
    return act ? act : "";
}

/* Copy a section when given; ZX_ELIMIT when it does not fit. what: the English name printed
 * in the error (title, or a row of sections), zh its Chinese. */
static int put(char *dst, size_t n, const char *src, const char *what, const char *zh,
               struct zx_err *err)
{
    if (!src)
        return ZX_OK;
    if (strlen(src) >= n)
        return zx_err_setm(err, ZX_ELIMIT, ZX_M_CB_TOO_LONG, what, n - 1, zh);
    memcpy(dst, src, strlen(src) + 1);
    return ZX_OK;
}

static int record(struct zx_store *st, struct zx_cb_cand *c, const struct zx_casebook_act *a,
                  const char *from, struct zx_err *err)
{
    struct zx_cb_step x;
    memset(&x, 0, sizeof x);
    snprintf(x.act, sizeof x.act, "%s", a->act);
    snprintf(x.from_state, sizeof x.from_state, "%s", from);
    snprintf(x.to_state, sizeof x.to_state, "%s", c->state);
    snprintf(x.who, sizeof x.who, "%s", a->who);
    x.date = a->on;
    snprintf(x.note, sizeof x.note, "%s", a->text ? a->text : "");
    snprintf(x.level, sizeof x.level, "%s", a->level ? a->level : "");
    return zx_cb_step_add(st, c, &x, err);
}

int zx_casebook_nominate(struct zx_store *st, const char *case_id, const struct zx_casebook_act *a,
                         struct zx_cb_cand *out, struct zx_err *err)
{
    struct zx_cb_case k;
    struct zx_cb_cand *v = NULL;
    size_t n = 0;
    int rc;
    if (blank(a->who))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_NO_NOMINATOR);
    if (blank(a->text))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_NO_REASON);
    if (strlen(a->text) >= ZX_CB_NOTE_MAX)
        return zx_err_setm(err, ZX_ELIMIT, ZX_M_CB_REASON_LONG, ZX_CB_NOTE_MAX - 1);
    if ((rc = zx_cb_case_get(st, case_id, &k, err)))
        return rc;
    if ((rc = zx_cb_list(st, case_id, &v, &n, err)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].state, "withdrawn")) {
            rc = zx_err_setm(err, ZX_EINVAL, ZX_M_CB_ALREADY, case_id, v[i].cand_id,
                             zx_casebook_state_zh(v[i].state));
            free(v);
            return rc;
        }
    free(v);
    memset(out, 0, sizeof *out);
    snprintf(out->case_id, sizeof out->case_id, "%s", k.case_id);
    snprintf(out->case_no, sizeof out->case_no, "%s", k.case_no);
    snprintf(out->unit_id, sizeof out->unit_id, "%s", k.unit_id);
    snprintf(out->line, sizeof out->line, "%s", k.line);
    snprintf(out->charge, sizeof out->charge, "%s", k.charge);
    snprintf(out->handler_id, sizeof out->handler_id, "%s", k.handler_id);
    snprintf(out->state, sizeof out->state, "cultivating");
    snprintf(out->reason, sizeof out->reason, "%s", a->text);
    snprintf(out->nominated_by, sizeof out->nominated_by, "%s", a->who);
    out->nominated_on = a->on;
    out->published_on = ZX_DATE_NULL;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_cb_insert(st, out, err)) || (rc = record(st, out, a, "", err))) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

int zx_casebook_apply(struct zx_store *st, const char *cand_id, const struct zx_casebook_act *a,
                      struct zx_cb_cand *c, struct zx_err *err)
{
    const struct zx_casebook_transition *t = NULL;
    char from[ZX_CB_ID_MAX];
    int known = 0, rc;
    if (blank(a->who))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_NO_ACTOR, a->act, act_zh(a->act));
    if ((rc = zx_cb_get(st, cand_id, c, err)))
        return rc;
    for (size_t i = 0; i < NFLOW; i++)
        if (!strcmp(flow[i].act, a->act)) {
            known = 1;
            if (!strcmp(flow[i].from, c->state))
                t = &flow[i];
        }
    if (!known || !strcmp(a->act, "nominate"))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_BAD_ACT, a->act);
    if (!t)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_NOT_ALLOWED, a->act, cand_id, c->state,
                           zx_casebook_state_zh(c->state), act_zh(a->act));
    if ((t->needs & ZX_CB_NEEDS_TEXT) && blank(a->text))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_NO_TEXT, a->act, act_zh(a->act));
    if (a->text && strlen(a->text) >= ZX_CB_NOTE_MAX)
        return zx_err_setm(err, ZX_ELIMIT, ZX_M_CB_TEXT_LONG, a->act, ZX_CB_NOTE_MAX - 1,
                           act_zh(a->act));
    snprintf(from, sizeof from, "%s", c->state);
    if (!strcmp(a->act, "write") &&
        ((rc = put(c->title, sizeof c->title, a->title, "title", sections[0][1], err)) ||
         (rc = put(c->facts, sizeof c->facts, a->facts, sections[1][0], sections[1][1], err)) ||
         (rc = put(c->performance, sizeof c->performance, a->performance, sections[2][0],
                   sections[2][1], err)) ||
         (rc = put(c->significance, sizeof c->significance, a->significance, sections[3][0],
                   sections[3][1], err)) ||
         (rc = put(c->legal_basis, sizeof c->legal_basis, a->legal_basis, sections[4][0],
                   sections[4][1], err))))
        return rc;
    if (t->needs & ZX_CB_NEEDS_WRITEUP) {
        int missing = blank(c->title)          ? 0
                      : blank(c->facts)        ? 1
                      : blank(c->performance)  ? 2
                      : blank(c->significance) ? 3
                      : blank(c->legal_basis)  ? 4
                                               : -1;
        if (missing >= 0)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_WRITEUP, a->act, sections[missing][0],
                               act_zh(a->act), sections[missing][1]);
    }
    if (t->needs & ZX_CB_NEEDS_LEVEL) {
        int want = zx_casebook_level_rank(a->level), have = zx_casebook_level_rank(c->level);
        if (!want)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_BAD_LEVEL, a->act, act_zh(a->act));
        if (want <= have)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_CB_LEVEL_UP, a->act, c->level,
                               zx_casebook_level_zh(c->level), act_zh(a->act));
        snprintf(c->level, sizeof c->level, "%s", a->level);
        c->published_on = a->on;
    }
    snprintf(c->state, sizeof c->state, "%s", t->to);
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_cb_update(st, c, err)) || (rc = record(st, c, a, from, err))) {
        zx_store_rollback(st);
        return rc;
    }
    return zx_store_commit(st, err);
}

static int contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

int zx_casebook_search(struct zx_store *st, const struct zx_casebook_filter *f,
                       struct zx_cb_cand **out, size_t *n, struct zx_err *err)
{
    struct zx_cb_cand *v = NULL;
    size_t k = 0, m = 0;
    int rc = zx_cb_list(st, f->case_id && *f->case_id ? f->case_id : NULL, &v, &m, err);
    if (rc)
        return rc;
    int minlevel = zx_casebook_level_rank(f->level);
    for (size_t i = 0; i < m; i++) {
        const struct zx_cb_cand *c = &v[i];
        if (f->state && *f->state && strcmp(c->state, f->state))
            continue;
        if (f->charge && *f->charge && strcmp(c->charge, f->charge))
            continue;
        if (f->line && *f->line && strcmp(c->line, f->line))
            continue;
        if (minlevel && zx_casebook_level_rank(c->level) < minlevel)
            continue;
        if (f->keyword && *f->keyword &&
            !(contains(c->title, f->keyword) || contains(c->facts, f->keyword) ||
              contains(c->performance, f->keyword) || contains(c->significance, f->keyword) ||
              contains(c->legal_basis, f->keyword) || contains(c->reason, f->keyword) ||
              contains(c->case_id, f->keyword) || contains(c->charge, f->keyword)))
            continue;
        if (f->in_scope && !f->in_scope(c->unit_id, f->ud))
            continue;
        if (k != i)
            v[k] = v[i];
        k++;
    }
    *out = v;
    *n = k;
    return ZX_OK;
}

static int cmp_cand(const void *a, const void *b)
{
    return strcmp(((const struct zx_cb_cand *)a)->cand_id, ((const struct zx_cb_cand *)b)->cand_id);
}

static int cmp_key(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const struct zx_cb_cand *)e)->cand_id);
}

static int year_of(int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    return y;
}

/* 1 when an earlier step (before index i) of the same candidate has the same act, level and
 * year: counted already. */
static int seen_before(const struct zx_cb_step *s, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (!strcmp(s[j].cand_id, s[i].cand_id) && !strcmp(s[j].act, s[i].act) &&
            !strcmp(s[j].level, s[i].level) && year_of(s[j].date) == year_of(s[i].date))
            return 1;
    return 0;
}

int zx_casebook_stats(struct zx_store *st, int year, int (*in_scope)(const char *, void *),
                      void *ud, struct zx_casebook_stat **out, size_t *n, struct zx_err *err)
{
    struct zx_cb_cand *c = NULL;
    struct zx_cb_step *s = NULL;
    struct zx_casebook_stat *v = NULL;
    size_t nc = 0, ns = 0, k = 0, cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if ((rc = zx_cb_list(st, NULL, &c, &nc, err)) || (rc = zx_cb_steps(st, NULL, &s, &ns, err)))
        goto cleanup;
    qsort(c, nc, sizeof *c, cmp_cand);
    for (size_t i = 0; i < ns; i++) {
        const struct zx_cb_step *x = &s[i];
        int y = year_of(x->date);
        if (year && y != year)
            continue;
        int col = !strcmp(x->act, "nominate")  ? 0
                  : !strcmp(x->act, "submit")  ? 1
                  : !strcmp(x->act, "publish") ? 1 + zx_casebook_level_rank(x->level)
                                               : -1;
        if (col < 0 || seen_before(s, i))
            continue;
        const struct zx_cb_cand *cd = bsearch(x->cand_id, c, nc, sizeof *c, cmp_key);
        if (!cd || (in_scope && !in_scope(cd->unit_id, ud)))
            continue;
        size_t j = 0;
        while (j < k && !(v[j].year == y && !strcmp(v[j].unit_id, cd->unit_id) &&
                          !strcmp(v[j].line, cd->line)))
            j++;
        if (j == k) {
            if (k == cap) {
                size_t ncap = cap ? 2 * cap : 16;
                struct zx_casebook_stat *t = realloc(v, ncap * sizeof *v);
                if (!t) {
                    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                    goto cleanup;
                }
                v = t;
                cap = ncap;
            }
            memset(&v[k], 0, sizeof v[k]);
            snprintf(v[k].unit_id, sizeof v[k].unit_id, "%s", cd->unit_id);
            snprintf(v[k].line, sizeof v[k].line, "%s", cd->line);
            v[k].year = y;
            k++;
        }
        int *cells[] = {&v[j].candidates, &v[j].written, &v[j].published_unit, &v[j].published_city,
                        &v[j].published_province};
        (*cells[col])++;
    }
cleanup:
    free(c);
    free(s);
    if (rc) {
        free(v);
        return rc;
    }
    *out = v;
    *n = k;
    return ZX_OK;
}

int zx_casebook_in_subtree(const char (*ids)[ZX_CB_ID_MAX], const char (*parents)[ZX_CB_ID_MAX],
                           size_t n, const char *top, const char *u)
{
    char cur[ZX_CB_ID_MAX];
    snprintf(cur, sizeof cur, "%s", u);
    for (size_t hops = 0; hops <= n && cur[0]; hops++) {
        if (!strcmp(cur, top))
            return 1;
        size_t i = 0;
        while (i < n && strcmp(ids[i], cur))
            i++;
        if (i == n)
            return 0;
        snprintf(cur, sizeof cur, "%s", parents[i]);
    }
    return 0;
}

int zx_casebook_published_in(struct zx_store *st, const char *unit_id, int year, int *count,
                             struct zx_cb_cand **ids, struct zx_err *err)
{
    char(*uid)[ZX_CB_ID_MAX] = NULL, (*par)[ZX_CB_ID_MAX] = NULL;
    struct zx_cb_cand *c = NULL;
    struct zx_cb_step *s = NULL;
    size_t nu = 0, nc = 0, ns = 0, k = 0;
    int rc;
    *count = 0;
    if (ids)
        *ids = NULL;
    if ((rc = zx_cb_units(st, &uid, &par, &nu, err)) || (rc = zx_cb_list(st, NULL, &c, &nc, err)) ||
        (rc = zx_cb_steps(st, NULL, &s, &ns, err)))
        goto cleanup;
    for (size_t i = 0; i < nc; i++) {
        int hit = 0;
        for (size_t j = 0; j < ns && !hit; j++)
            hit = !strcmp(s[j].cand_id, c[i].cand_id) && !strcmp(s[j].act, "publish") &&
                  year_of(s[j].date) == year;
        if (!hit ||
            !zx_casebook_in_subtree((const char(*)[ZX_CB_ID_MAX])uid,
                                    (const char(*)[ZX_CB_ID_MAX])par, nu, unit_id, c[i].unit_id))
            continue;
        if (k != i)
            c[k] = c[i];
        k++;
    }
    *count = (int)k;
    if (ids) {
        *ids = c;
        c = NULL;
    }
cleanup:
    free(uid);
    free(par);
    free(c);
    free(s);
    return rc;
}

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static json_t *jtext(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *zx_casebook_json(const struct zx_cb_cand *c, const struct zx_cb_step *steps, size_t ns)
{
    json_t *o = json_object();
    json_object_set_new(o, "cand_id", json_string(c->cand_id));
    json_object_set_new(o, "case_id", json_string(c->case_id));
    json_object_set_new(o, "unit_id", json_string(c->unit_id));
    json_object_set_new(o, "line", jtext(c->line));
    json_object_set_new(o, "charge", jtext(c->charge));
    json_object_set_new(o, "handler_id", jtext(c->handler_id));
    json_object_set_new(o, "state", json_string(c->state));
    json_object_set_new(o, "state_zh", json_string(zx_casebook_state_zh(c->state)));
    json_object_set_new(o, "reason", json_string(c->reason));
    json_object_set_new(o, "nominated_by", json_string(c->nominated_by));
    json_object_set_new(o, "nominated_on", jdate(c->nominated_on));
    json_object_set_new(o, "title", jtext(c->title));
    json_object_set_new(o, "facts", jtext(c->facts));
    json_object_set_new(o, "performance", jtext(c->performance));
    json_object_set_new(o, "significance", jtext(c->significance));
    json_object_set_new(o, "legal_basis", jtext(c->legal_basis));
    json_object_set_new(o, "level", jtext(c->level));
    json_object_set_new(o, "level_zh",
                        c->level[0] ? json_string(zx_casebook_level_zh(c->level)) : json_null());
    json_object_set_new(o, "published_on", jdate(c->published_on));
    if (steps) {
        json_t *a = json_array();
        for (size_t i = 0; i < ns; i++) {
            const struct zx_cb_step *x = &steps[i];
            const char *name = x->act;
            for (size_t k = 0; k < NFLOW; k++)
                if (!strcmp(flow[k].act, x->act) && !strcmp(flow[k].from, x->from_state) &&
                    !strcmp(flow[k].to, x->to_state))
                    name = flow[k].name_zh;
            json_array_append_new(
                a, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "step_id", x->step_id, "act",
                             x->act, "act_zh", name, "from", x->from_state, "to", x->to_state,
                             "who", jtext(x->who), "date", jdate(x->date), "note", jtext(x->note)));
            if (x->level[0])
                json_object_set_new(json_array_get(a, json_array_size(a) - 1), "level",
                                    json_string(x->level));
        }
        json_object_set_new(o, "steps", a);
    }
    return o;
}

json_t *zx_casebook_stats_json(const struct zx_casebook_stat *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            a, json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:i}", "unit_id", v[i].unit_id, "line",
                         v[i].line, "year", v[i].year, "candidates", v[i].candidates, "written",
                         v[i].written, "published_unit", v[i].published_unit, "published_city",
                         v[i].published_city, "published_province", v[i].published_province));
    return a;
}
