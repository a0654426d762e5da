/* seal.c — the sealing rules and their application (seal.h). */
#include "seal/seal.h"

#include "model/vocab.h"
#include "util/datafile.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RULES 16

struct rule {
    char id[64], label[256], source[256], article[128];
    int enabled;
    int age_below;  /* 0: any age */
    int max_months; /* sentence of at most this many months */
    int exempted;   /* 免予刑事处罚 seals too */
};

struct zx_seal_rules {
    struct rule r[MAX_RULES];
    int n;
};

void zx_seal_rules_free(struct zx_seal_rules *r)
{
    free(r);
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

int zx_seal_rules_load(const char *path, struct zx_seal_rules **out, struct zx_err *err)
{
    char found[4200];
    json_error_t je;
    json_t *root = NULL, *v;
    struct zx_seal_rules *r = NULL;
    int rc = ZX_OK;
    size_t i;
    *out = NULL;
    if (!path) { /* the file on disk, else the copy compiled in */
        struct zx_datafile df;
        if ((rc = zx_datafile_load("seal_rules.json", 1u << 20, &df, err)))
            return rc;
        snprintf(found, sizeof found, "%s", df.where);
        path = found;
        root = json_loadb(df.text, df.len, 0, &je);
        zx_datafile_release(&df);
    } else
        root = json_load_file(path, 0, &je);
    if (!root)
        return zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    r = calloc(1, sizeof *r);
    if (!r) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    json_t *rules = json_object_get(root, "rules");
    if (!json_is_array(rules) || json_array_size(rules) > MAX_RULES) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: rules: an array of at most 16 rules expected", path);
        goto cleanup;
    }
    json_array_foreach(rules, i, v)
    {
        struct rule *x = &r->r[r->n++];
        snprintf(x->id, sizeof x->id, "%s", jstr(v, "id"));
        snprintf(x->label, sizeof x->label, "%s", jstr(v, "label"));
        snprintf(x->source, sizeof x->source, "%s", jstr(v, "source"));
        snprintf(x->article, sizeof x->article, "%s", jstr(v, "article"));
        x->enabled = json_is_true(json_object_get(v, "enabled"));
        x->age_below = (int)json_integer_value(json_object_get(v, "age_below"));
        x->exempted = json_is_true(json_object_get(v, "exempted"));
        json_t *mm = json_object_get(v, "max_months");
        x->max_months = (int)json_integer_value(mm);
        if (!x->id[0] || !json_is_integer(mm) || x->max_months < 0) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: rules[%zu]: needs an id and max_months >= 0", path,
                            i);
            goto cleanup;
        }
    }
    *out = r;
    r = NULL;
cleanup:
    free(r);
    json_decref(root);
    return rc;
}

int zx_seal_rules_enable(struct zx_seal_rules *r, const char *id, int on, struct zx_err *err)
{
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->r[i].id, id)) {
            r->r[i].enabled = on;
            return ZX_OK;
        }
    return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_SEAL_RULE, id);
}

const char *zx_seal_match(const struct zx_seal_rules *r, const struct zx_seal_judgment *j,
                          char *basis, size_t n)
{
    char d[16];
    for (int i = 0; i < r->n; i++) {
        const struct rule *x = &r->r[i];
        if (!x->enabled || !j->prosecuted)
            continue;
        /* RULE: cpl286_minor — "犯罪的时候不满十八周岁": the offence date is not in the
         * contract; the case's acceptance (受理) follows the offence, so an age under 18 then
         * proves it at the offence. 周岁 are reached the day after the birthday. */
        int age = zx_date_age(j->birth_date, j->accepted_on);
        if (x->age_below > 0 && (age < 0 || age >= x->age_below))
            continue;
        /* "被判处五年有期徒刑以下刑罚": at most max_months; 免除刑事处罚 too (SPC-INT 581) */
        int by_sentence = j->result == ZX_R_GUILTY && j->months >= 1 && j->months <= x->max_months;
        int by_exemption = j->result == ZX_R_EXEMPTED && x->exempted;
        if (!by_sentence && !by_exemption)
            continue;
        zx_date_format(j->date, d);
        if (x->age_below > 0)
            snprintf(basis, n, "%s %s：受理时 %d 周岁，%s %s", x->source, x->article, age, d,
                     by_sentence ? "判处刑罚" : "免予刑事处罚");
        else
            snprintf(basis, n, "%s：%s %s", x->label, d, by_sentence ? "判处刑罚" : "免予刑事处罚");
        if (by_sentence) {
            size_t l = strlen(basis);
            snprintf(basis + l, n - l, " %d 个月", j->months);
        }
        return x->id;
    }
    return NULL;
}

struct hit {
    int64_t person_rid, case_rid;
    char person_id[128];
    const char *rule;
    char basis[512];
    int32_t date;
};

struct collect {
    const struct zx_seal_rules *r;
    struct hit *h;
    size_t n, cap;
    int oom;
};

static int collect_cb(void *ud, const struct zx_seal_judgment *j)
{
    struct collect *c = ud;
    char basis[512];
    const char *rule = zx_seal_match(c->r, j, basis, sizeof basis);
    if (!rule)
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        struct hit *p = realloc(c->h, cap * sizeof *p);
        if (!p) {
            c->oom = 1;
            return 1;
        }
        c->h = p;
        c->cap = cap;
    }
    struct hit *h = &c->h[c->n++];
    h->person_rid = j->person_rid;
    h->case_rid = j->case_rid;
    snprintf(h->person_id, sizeof h->person_id, "%s", j->person_id);
    h->rule = rule;
    snprintf(h->basis, sizeof h->basis, "%s", basis);
    h->date = j->date;
    return 0;
}

struct cases_ctx {
    struct zx_store *st;
    const struct collect *c;
    size_t pos; /* hits sorted by case rid */
    struct zx_seal_result *res;
    struct zx_err *err;
    int rc;
};

static int cmp_case(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    return x->case_rid < y->case_rid       ? -1
           : x->case_rid > y->case_rid     ? 1
           : x->person_rid < y->person_rid ? -1
                                           : x->person_rid > y->person_rid;
}

static int case_cb(void *ud, int64_t case_rid, const char *case_id, int suspects)
{
    struct cases_ctx *x = ud;
    while (x->pos < x->c->n && x->c->h[x->pos].case_rid < case_rid)
        x->pos++;
    size_t first = x->pos;
    int32_t last = ZX_DATE_NULL;
    while (x->pos < x->c->n && x->c->h[x->pos].case_rid == case_rid) {
        if (x->c->h[x->pos].date > last)
            last = x->c->h[x->pos].date;
        x->pos++;
    }
    int sealed = (int)(x->pos - first);
    if (sealed == 0 || sealed < suspects)
        return 0;
    char basis[256];
    int added = 0;
    /* every suspect of the case is sealed: the case is too */
    snprintf(basis, sizeof basis, "全案 %d 名犯罪嫌疑人均已封存", suspects);
    x->rc = zx_store_seal_put(x->st, "case", case_rid, case_id, x->c->h[first].rule, basis, last,
                              &added, x->err);
    x->res->cases++;
    x->res->cases_new += added;
    return x->rc != ZX_OK;
}

int zx_seal_apply(struct zx_store *st, const struct zx_seal_rules *r, struct zx_seal_result *res,
                  struct zx_err *err)
{
    struct collect c = {r, NULL, 0, 0, 0};
    int rc;
    memset(res, 0, sizeof *res);
    if ((rc = zx_store_begin(st, err)))
        return rc;
    rc = zx_store_seal_judgments(st, collect_cb, &c, err);
    if (!rc && c.oom)
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < c.n; i++) {
        int added = 0;
        rc = zx_store_seal_put(st, "person", c.h[i].person_rid, c.h[i].person_id, c.h[i].rule,
                               c.h[i].basis, c.h[i].date, &added, err);
        res->persons++;
        res->persons_new += added;
    }
    if (!rc) {
        if (c.n)
            qsort(c.h, c.n, sizeof *c.h, cmp_case);
        struct cases_ctx x = {st, &c, 0, res, err, ZX_OK};
        rc = zx_store_seal_case_suspects(st, case_cb, &x, err);
        if (!rc)
            rc = x.rc;
    }
    if (!rc)
        rc = zx_store_commit(st, err);
    if (rc)
        zx_store_rollback(st);
    free(c.h);
    return rc;
}
