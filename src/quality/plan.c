/* plan.c — which closed cases a review plan takes: 常规抽查 (a keyed-hash sample per handler
 * and quarter), 重点评查 (the risk signals), 专项评查 (the office's filter). */
#include "quality/internal.h"

#include "model/vocab.h"
#include "monitor/monitor.h"
#include "util/date.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_codes[] = {"routine", "focus", "special"};
static const char *const kind_labels[] = {"常规抽查", "重点评查", "专项评查"};

const char *zx_quality_plan_kind_code(int k)
{
    return k >= 0 && k < 3 ? kind_codes[k] : "";
}
const char *zx_quality_plan_kind_label(int k)
{
    return k >= 0 && k < 3 ? kind_labels[k] : "";
}
int zx_quality_plan_kind_find(const char *code)
{
    for (int k = 0; code && k < 3; k++)
        if (!strcmp(code, kind_codes[k]) || !strcmp(code, kind_labels[k]))
            return k;
    return -1;
}

int zx_quality__late(struct zx_store *st, const struct zx_metrics *m, int32_t to,
                     struct zx_quality__late **out, size_t *n, struct zx_err *err)
{
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_monitor_item *items = NULL;
    struct zx_quality__late *v = NULL;
    size_t ni = 0, k = 0;
    struct zx_metrics_columns cols;
    int rc;
    *out = NULL;
    *n = 0;
    zx_metrics_columns(m, &cols);
    if ((rc = zx_monitor_rules_load_default(&rules, NULL, err)) ||
        (rc = zx_monitor_unit_periods(st, m, rules, &sugg, &corr, err)))
        goto cleanup;
    struct zx_monitor_query q = {.as_of = to, .unit = -1, .suggestion = sugg, .correction = corr};
    if ((rc = zx_monitor_run(&cols, rules, &q, &items, &ni, err)))
        goto cleanup;
    if (ni && !(v = calloc(ni, sizeof *v))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < ni; i++) {
        if (items[i].status != ZX_MON_LATE)
            continue;
        struct zx_quality__late *l = &v[k++];
        int32_t c = items[i].c, h = cols.c_handler[c];
        l->case_rid = cols.c_rid[c];
        snprintf(l->stage, sizeof l->stage, "%s", zx_monitor_stage_code(items[i].stage));
        l->started_on = items[i].started_on;
        l->closed_on = items[i].closed_on;
        l->staff_id = h >= 0 ? zx_metrics_staff_id(m, h) : NULL;
        l->unit_id = zx_metrics_unit_id(m, cols.c_unit[c]);
    }
    *out = v;
    *n = k;
    v = NULL;
cleanup:
    free(v);
    free(items);
    free(sugg);
    free(corr);
    zx_monitor_rules_free(rules);
    return rc;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int has(const int64_t *v, size_t n, int64_t x)
{
    return n && bsearch(&x, v, n, sizeof *v, cmp_i64) != NULL;
}

/* One candidate of a routine sample. */
struct cand {
    size_t i; /* into the closed cases */
    int quarter;
    uint64_t key;
};

static const struct zx_qstore_case *g_cases; /* for the sort below (single-threaded use) */

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    int c = strcmp(g_cases[x->i].handler_id, g_cases[y->i].handler_id);
    if (c)
        return c;
    if (x->quarter != y->quarter)
        return x->quarter - y->quarter;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(g_cases[x->i].case_id, g_cases[y->i].case_id);
}

/* The sampling key of a case: BLAKE2b-64 of plan_id ‖ 0 ‖ case_id. */
static uint64_t sample_key(const char *plan_id, const char *case_id)
{
    unsigned char h[8];
    crypto_generichash_state s;
    crypto_generichash_init(&s, NULL, 0, sizeof h);
    crypto_generichash_update(&s, (const unsigned char *)plan_id, strlen(plan_id) + 1);
    crypto_generichash_update(&s, (const unsigned char *)case_id, strlen(case_id));
    crypto_generichash_final(&s, h, sizeof h);
    uint64_t k = 0;
    for (int i = 0; i < 8; i++)
        k = k << 8 | h[i];
    return k;
}

static void put(struct zx_qstore_plan_case *o, const struct zx_qstore_case *c, const char *reason)
{
    memset(o, 0, sizeof *o);
    snprintf(o->case_id, sizeof o->case_id, "%s", c->case_id);
    snprintf(o->handler_id, sizeof o->handler_id, "%s", c->handler_id);
    snprintf(o->unit_id, sizeof o->unit_id, "%s", c->unit_id);
    snprintf(o->reason, sizeof o->reason, "%s", reason);
}

/* RULE: Q-SAMPLE — per handler and quarter, round(ratio × n) cases of the smallest keys;
 * a handler whose quarters gave none gets the case of smallest key over the period. */
static int routine(const char *plan_id, double ratio, const struct zx_qstore_case *cs, size_t nc,
                   struct zx_qstore_plan_case *out, size_t *k, struct zx_err *err)
{
    struct cand *v = nc ? calloc(nc, sizeof *v) : NULL;
    if (nc && !v)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (size_t i = 0; i < nc; i++) {
        int y, m, d;
        zx_date_to_ymd(cs[i].closed_on, &y, &m, &d);
        v[i] = (struct cand){i, y * 4 + (m - 1) / 3, sample_key(plan_id, cs[i].case_id)};
    }
    g_cases = cs;
    if (nc)
        qsort(v, nc, sizeof *v, cmp_cand);
    size_t hstart = 0; /* first candidate of the current handler */
    int taken_by_handler = 0;
    for (size_t g = 0; g < nc;) {
        size_t e = g;
        while (e < nc && !strcmp(cs[v[e].i].handler_id, cs[v[g].i].handler_id) &&
               v[e].quarter == v[g].quarter)
            e++;
        size_t want = (size_t)floor(ratio * (double)(e - g) + 0.5);
        for (size_t j = g; j < g + want && j < e; j++) {
            int y, m, d;
            zx_date_to_ymd(cs[v[j].i].closed_on, &y, &m, &d);
            char why[64];
            snprintf(why, sizeof why, "sample %04d-Q%d", y, (m - 1) / 3 + 1);
            put(&out[(*k)++], &cs[v[j].i], why);
            taken_by_handler++;
        }
        int handler_ends = e == nc || strcmp(cs[v[e].i].handler_id, cs[v[g].i].handler_id);
        if (handler_ends) {
            if (!taken_by_handler && ratio > 0) {
                size_t best = hstart;
                for (size_t j = hstart; j < e; j++)
                    if (v[j].key < v[best].key)
                        best = j;
                put(&out[(*k)++], &cs[v[best].i], "sample minimum");
            }
            hstart = e;
            taken_by_handler = 0;
        }
        g = e;
    }
    free(v);
    return ZX_OK;
}

static int cmp_pc(const void *a, const void *b)
{
    return strcmp(((const struct zx_qstore_plan_case *)a)->case_id,
                  ((const struct zx_qstore_plan_case *)b)->case_id);
}

int zx_quality_select(struct zx_store *st, const struct zx_metrics *m,
                      const struct zx_quality_rules *r, const struct zx_quality_plan_spec *sp,
                      struct zx_qstore_plan_case **out, size_t *n, struct zx_err *err)
{
    struct zx_qstore_case *cs = NULL;
    struct zx_qstore_plan_case *v = NULL;
    int64_t **sig = NULL;
    size_t nc = 0, k = 0, *nsig = NULL;
    struct zx_quality__late *late = NULL;
    size_t nlate = 0;
    int rc = ZX_OK;
    *out = NULL;
    *n = 0;
    if (!sp->unit_id || !*sp->unit_id)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_NO_UNIT);
    if (sp->from == ZX_DATE_NULL || sp->to == ZX_DATE_NULL || sp->to < sp->from)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_NO_PERIOD);
    struct zx_qstore_filter f = {
        .unit_id = sp->unit_id, .from = sp->from, .to = sp->to, .line = -1};
    if (sp->kind == ZX_QP_ROUTINE) {
        if (!(sp->ratio > 0 && sp->ratio <= 1))
            return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_RATIO, sp->ratio);
        if (!sp->plan_id || !*sp->plan_id)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_NO_ID);
    } else if (sp->kind == ZX_QP_SPECIAL) {
        f.charge = sp->charge && *sp->charge ? sp->charge : NULL;
        f.department = sp->department && *sp->department ? sp->department : NULL;
        if (sp->line && *sp->line &&
            (f.line = zx_vocab_find(ZX_V_LINE, sp->line, strlen(sp->line))) <= 0)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_BAD_LINE, sp->line);
        if (!f.charge && !f.department && f.line < 0)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_NO_FILTER);
    } else if (sp->kind != ZX_QP_FOCUS) {
        return zx_err_setm(err, ZX_EINVAL, ZX_M_QP_BAD_KIND);
    }
    if ((rc = zx_qstore_closed_cases(st, &f, &cs, &nc, err)))
        return rc;
    if (nc && !(v = calloc(nc, sizeof *v))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (sp->kind == ZX_QP_ROUTINE) {
        rc = routine(sp->plan_id, sp->ratio, cs, nc, v, &k, err);
        if (k)
            qsort(v, k, sizeof *v, cmp_pc);
    } else if (sp->kind == ZX_QP_SPECIAL) {
        for (size_t i = 0; i < nc; i++)
            put(&v[k++], &cs[i], "filter");
    } else {
        /* RULE: Q-FOCUS — every closed case with a risk signal (data/review_signals.json) */
        if (!(sig = calloc((size_t)r->nsig, sizeof *sig)) ||
            !(nsig = calloc((size_t)r->nsig, sizeof *nsig))) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (int s = 0; s < r->nsig && !rc; s++) {
            const struct zx_quality__signal *g = &r->sig[s];
            if (g->late) {
                if (!m) {
                    rc = zx_err_set(err, ZX_EINVAL, "the late signal needs the loaded case data");
                    break;
                }
                if (!late && (rc = zx_quality__late(st, m, sp->to, &late, &nlate, err)))
                    break;
                if (nlate && !(sig[s] = malloc(nlate * sizeof **sig))) {
                    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                    break;
                }
                for (size_t i = 0; i < nlate; i++)
                    sig[s][nsig[s]++] = late[i].case_rid;
                if (nsig[s])
                    qsort(sig[s], nsig[s], sizeof **sig, cmp_i64);
            } else {
                rc = zx_qstore_event_cases(st, g->types, g->ntypes, g->results, g->nresults,
                                           g->after, g->nafter, sp->to, &sig[s], &nsig[s], err);
            }
        }
        for (size_t i = 0; i < nc && !rc; i++) {
            char why[256] = "";
            size_t len = 0;
            for (int s = 0; s < r->nsig; s++)
                if (has(sig[s], nsig[s], cs[i].rid) && len + 50 < sizeof why)
                    len += (size_t)snprintf(why + len, sizeof why - len, "%s%s", len ? "," : "",
                                            r->sig[s].id);
            if (len)
                put(&v[k++], &cs[i], why);
        }
    }
    if (rc)
        goto cleanup;
    *out = v;
    *n = k;
    v = NULL;
cleanup:
    if (sig)
        for (int s = 0; s < r->nsig; s++)
            free(sig[s]);
    free(sig);
    free(nsig);
    free(late);
    free(v);
    free(cs);
    return rc;
}

int zx_quality_plan_create(struct zx_store *st, const struct zx_metrics *m,
                           const struct zx_quality_rules *r,
                           const struct zx_quality_plan_spec *spec, char *plan_id_out,
                           size_t *ncases, struct zx_err *err)
{
    struct zx_qstore_plan_case *cs = NULL;
    struct zx_qstore_plan *all = NULL;
    struct zx_qstore_plan p = {0};
    struct zx_quality_plan_spec sp = *spec;
    size_t n = 0, nall = 0;
    int rc = ZX_OK;
    if (!sp.plan_id || !*sp.plan_id) {
        /* the id is the sampling key: take the store's next one before sampling */
        int y, mo, d;
        zx_date_to_ymd(sp.on, &y, &mo, &d);
        if ((rc = zx_qstore_plan_list(st, &all, &nall, err)))
            return rc;
        free(all);
        snprintf(p.plan_id, sizeof p.plan_id, "PC-%04d-%04zu", y, nall + 1);
        sp.plan_id = p.plan_id;
    } else {
        snprintf(p.plan_id, sizeof p.plan_id, "%s", sp.plan_id);
    }
    if ((rc = zx_quality_select(st, m, r, &sp, &cs, &n, err)))
        return rc;
    snprintf(p.unit_id, sizeof p.unit_id, "%s", sp.unit_id);
    snprintf(p.kind, sizeof p.kind, "%s", zx_quality_plan_kind_code(sp.kind));
    snprintf(p.title, sizeof p.title, "%s", sp.title ? sp.title : "");
    p.from = sp.from;
    p.to = sp.to;
    p.ratio = sp.kind == ZX_QP_ROUTINE ? sp.ratio : 0;
    if (sp.kind == ZX_QP_SPECIAL)
        snprintf(p.filter, sizeof p.filter, "charge=%s;line=%s;department=%s",
                 sp.charge ? sp.charge : "", sp.line ? sp.line : "",
                 sp.department ? sp.department : "");
    snprintf(p.created_by, sizeof p.created_by, "%s", sp.by ? sp.by : "");
    p.created_on = sp.on;
    rc = zx_qstore_plan_insert(st, &p, cs, n, err);
    if (!rc) {
        snprintf(plan_id_out, ZX_QSTORE_ID_MAX, "%s", p.plan_id);
        *ncases = n;
    }
    free(cs);
    return rc;
}
