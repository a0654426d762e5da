/* monitor.c — the rules of data/monitor_rules.json and the one pass that applies them
 * (shared/spec/process-monitoring.md). */
#include "monitor/monitor.h"
#include "model/vocab.h"
#include "util/datafile.h"
#include "util/date.h"

#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const stage_codes[ZX_MON_NSTAGES] = {
    "arrest_review_detained",      "arrest_review_not_detained", "correction_reply",
    "custody_review_reply",        "prosecution_review",         "suggestion_reply",
    "supplementary_investigation", "withdrawal_decision"};
static const char *const stage_labels[ZX_MON_NSTAGES] = {
    "审查逮捕（已拘留）", "审查逮捕（未拘留）", "纠正违法回复", "羁押必要性审查建议回复",
    "审查起诉",           "检察建议回复",       "退回补充侦查", "撤回起诉后决定"};
static const char *const status_codes[ZX_MON_NSTATUS] = {"ok", "late", "open", "yellow", "red"};
static const char *const status_labels[ZX_MON_NSTATUS] = {"按期", "超期办结", "在办", "临期",
                                                          "超期"};

const char *zx_monitor_stage_code(int s)
{
    return s >= 0 && s < ZX_MON_NSTAGES ? stage_codes[s] : "";
}
const char *zx_monitor_stage_label(int s)
{
    return s >= 0 && s < ZX_MON_NSTAGES ? stage_labels[s] : "";
}
const char *zx_monitor_status_code(int s)
{
    return s >= 0 && s < ZX_MON_NSTATUS ? status_codes[s] : "";
}
const char *zx_monitor_status_label(int s)
{
    return s >= 0 && s < ZX_MON_NSTATUS ? status_labels[s] : "";
}
int zx_monitor_stage_find(const char *code)
{
    for (int i = 0; code && i < ZX_MON_NSTAGES; i++)
        if (!strcmp(code, stage_codes[i]))
            return i;
    return -1;
}
int zx_monitor_status_find(const char *code)
{
    for (int i = 0; code && i < ZX_MON_NSTATUS; i++)
        if (!strcmp(code, status_codes[i]))
            return i;
    return -1;
}

int zx_monitor_period_parse(const char *s, struct zx_monitor_period *p)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    char *end;
    long n = strtol(s, &end, 10);
    int months;
    if (!strcmp(end, "") || !strcmp(end, "d") || !strcmp(end, "天") || !strcmp(end, "日"))
        months = 0;
    else if (!strcmp(end, "m") || !strcmp(end, "个月") || !strcmp(end, "月"))
        months = 1;
    else
        return -1;
    if (n < 1 || n > (months ? 120 : 3650))
        return -1;
    p->n = (int32_t)n;
    p->months = months;
    return 0;
}

/* ---- rules ---- */

/* The rules the code reads, by id, with the parameters each must carry. */
enum { R_A2, R_A3, R_P1, R_P2, R_P5, R_P6, R_N7, R_J1, R_F1, R_F4, R_W, R_F7, R_F7E, R_NEEDED };
static const struct {
    const char *id;
    const char *params[3];
} needed[R_NEEDED] = {
    [R_A2] = {"A2", {"days"}},
    [R_A3] = {"A3", {"days", "complex_days"}},
    [R_P1] = {"P1", {"months"}},
    [R_P2] = {"P2", {"extension_days"}},
    [R_P5] = {"P5", {"months"}},
    [R_P6] = {"P6", {"max_returns"}},
    [R_N7] = {"N7", {"days"}},
    [R_J1] = {"J1", {"days"}},
    [R_F1] = {"F1", {NULL}},
    [R_F4] = {"F4", {NULL}},
    [R_W] = {"W", {"short_period_days", "short_window", "long_window"}},
    [R_F7] = {"F7", {"days"}},
    [R_F7E] = {"F7-escalate", {"days"}},
};

struct zx_monitor_rules {
    int n;
    char **id, **article;
    int idx[R_NEEDED];      /* rule index of each needed rule */
    int32_t p[R_NEEDED][3]; /* their parameters, in needed[].params order */
    struct zx_monitor_period f1, f4;
};

void zx_monitor_rules_free(struct zx_monitor_rules *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        free(r->id[i]);
        free(r->article[i]);
    }
    free(r->id);
    free(r->article);
    free(r);
}

/* A period from a rule's params: {"days": n} or {"months": n}. */
static int param_period(json_t *params, struct zx_monitor_period *p)
{
    json_t *d = json_object_get(params, "days"), *m = json_object_get(params, "months");
    if (json_is_integer(d) == json_is_integer(m))
        return -1;
    json_t *v = json_is_integer(d) ? d : m;
    json_int_t n = json_integer_value(v);
    if (n < 1 || n > 3650)
        return -1;
    p->n = (int32_t)n;
    p->months = json_is_integer(m);
    return 0;
}

int zx_monitor_rules_parse(const char *text, size_t len, const char *name,
                           struct zx_monitor_rules **out, struct zx_err *err)
{
    json_error_t je;
    json_t *root = NULL;
    struct zx_monitor_rules *r = NULL;
    int rc = ZX_OK;
    *out = NULL;
    root = json_loadb(text, len, 0, &je);
    if (!root) {
        rc = zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
        goto cleanup;
    }
    json_t *rules = json_object_get(root, "rules");
    if (!json_is_array(rules) || json_array_size(rules) == 0 || json_array_size(rules) > 1000) {
        rc = zx_err_set(err, ZX_EPARSE, "%s: no \"rules\" array", name);
        goto cleanup;
    }
    r = calloc(1, sizeof *r);
    size_t n = json_array_size(rules);
    if (!r || !(r->id = calloc(n, sizeof *r->id)) || !(r->article = calloc(n, sizeof *r->article)))
        goto nomem;
    for (int k = 0; k < R_NEEDED; k++)
        r->idx[k] = -1;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(rules, i);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *art = json_string_value(json_object_get(o, "article"));
        if (!id || !*id || !art || !*art) {
            rc =
                zx_err_set(err, ZX_EPARSE, "%s: rule %zu: needs an id and an article", name, i + 1);
            goto cleanup;
        }
        for (int j = 0; j < r->n; j++)
            if (!strcmp(r->id[j], id)) {
                rc = zx_err_set(err, ZX_EPARSE, "%s: rule '%s' appears twice", name, id);
                goto cleanup;
            }
        if (!(r->id[r->n] = strdup(id)) || !(r->article[r->n] = strdup(art)))
            goto nomem;
        r->n++;
        json_t *params = json_object_get(o, "params");
        for (int k = 0; k < R_NEEDED; k++) {
            if (strcmp(needed[k].id, id))
                continue;
            r->idx[k] = r->n - 1;
            for (int j = 0; j < 3 && needed[k].params[j]; j++) {
                json_t *v = json_object_get(params, needed[k].params[j]);
                if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                    json_integer_value(v) > 3650) {
                    rc = zx_err_set(err, ZX_EPARSE,
                                    "%s: rule '%s': parameter '%s' must be a whole number 0..3650",
                                    name, id, needed[k].params[j]);
                    goto cleanup;
                }
                r->p[k][j] = (int32_t)json_integer_value(v);
            }
            if ((k == R_F1 && param_period(params, &r->f1)) ||
                (k == R_F4 && param_period(params, &r->f4))) {
                rc = zx_err_set(err, ZX_EPARSE, "%s: rule '%s': needs \"days\" or \"months\"", name,
                                id);
                goto cleanup;
            }
        }
    }
    for (int k = 0; k < R_NEEDED; k++)
        if (r->idx[k] < 0) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: rule '%s' is missing", name, needed[k].id);
            goto cleanup;
        }
    *out = r;
    r = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_monitor_rules_free(r);
    json_decref(root);
    return rc;
}

int zx_monitor_rules_load_default(struct zx_monitor_rules **out, const char **where,
                                  struct zx_err *err)
{
    static char found[sizeof((struct zx_datafile *)0)->where];
    struct zx_datafile df;
    int rc;
    *out = NULL;
    if ((rc = zx_datafile_load("monitor_rules.json", 1u << 22, &df, err)))
        return rc;
    snprintf(found, sizeof found, "%s", df.where);
    if (where)
        *where = found;
    rc = zx_monitor_rules_parse(df.text, df.len, found, out, err);
    zx_datafile_release(&df);
    return rc;
}

struct zx_monitor_period zx_monitor_rules_default_period(const struct zx_monitor_rules *r,
                                                         int stage)
{
    return stage == ZX_MON_SUGGESTION_REPLY   ? r->f1
           : stage == ZX_MON_CORRECTION_REPLY ? r->f4
                                              : (struct zx_monitor_period){0, 0};
}

void zx_monitor_rules_notice(const struct zx_monitor_rules *r, int32_t *reply_days,
                             int32_t *escalate_days)
{
    *reply_days = r->p[R_F7][0];
    *escalate_days = r->p[R_F7E][0];
}

int zx_monitor_rule_count(const struct zx_monitor_rules *r)
{
    return r ? r->n : 0;
}
const char *zx_monitor_rule_id(const struct zx_monitor_rules *r, int i)
{
    return r && i >= 0 && i < r->n ? r->id[i] : "";
}
const char *zx_monitor_rule_article(const struct zx_monitor_rules *r, int i)
{
    return r && i >= 0 && i < r->n ? r->article[i] : "";
}
int zx_monitor_rule_find(const struct zx_monitor_rules *r, const char *id)
{
    for (int i = 0; r && id && i < r->n; i++)
        if (!strcmp(r->id[i], id))
            return i;
    return -1;
}

/* ---- the pass ---- */

/* RULE: C1 (start day not counted: N days end on start + N); RULE: C4 (months) */
int32_t zx_monitor_period_end(int32_t start, struct zx_monitor_period p)
{
    return p.months ? zx_date_add_months_eom(start, p.n) : start + p.n;
}

static int32_t period_end(int32_t start, struct zx_monitor_period p)
{
    return zx_monitor_period_end(start, p);
}

int zx_monitor_open_status(const struct zx_monitor_rules *r, int32_t started, int32_t deadline,
                           int32_t as_of)
{
    /* RULE: W: red past the deadline, yellow within the window (3 days for periods of at most
     * 15 days, else 7) */
    int32_t w = deadline - started <= r->p[R_W][0] ? r->p[R_W][1] : r->p[R_W][2];
    int32_t left = deadline - as_of;
    return left < 0 ? ZX_MON_RED : left <= w ? ZX_MON_YELLOW : ZX_MON_OPEN;
}

struct run {
    const struct zx_metrics_columns *d;
    const struct zx_monitor_rules *r;
    const struct zx_monitor_query *q;
    struct zx_monitor_item *it;
    size_t n, cap;
    int duty;       /* the business code of 职务犯罪 */
    int32_t c0, c1; /* the cases of this run (a thread's share) */
    int oom;
};

static int add(struct run *x, int32_t c, int32_t p, int32_t e, int stage, int rule, int32_t start,
               int32_t deadline)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 1024;
        struct zx_monitor_item *it = realloc(x->it, cap * sizeof *it);
        if (!it)
            return -1;
        x->it = it;
        x->cap = cap;
    }
    x->it[x->n] = (struct zx_monitor_item){.c = c,
                                           .p = p,
                                           .e = e,
                                           .started_on = start,
                                           .deadline = deadline,
                                           .closed_on = ZX_DATE_NULL,
                                           .stage = (uint8_t)stage,
                                           .rule = (int16_t)x->r->idx[rule]};
    x->n++;
    return 0;
}

static inline int is_open(const struct zx_monitor_item *it)
{
    return it->closed_on == ZX_DATE_NULL;
}

/* Close every open item of stage `stage` in items [i0, n) of person p (any person: -2). */
static void close_open(struct run *x, size_t i0, int stage, int32_t p, int32_t date)
{
    for (size_t i = i0; i < x->n; i++)
        if (x->it[i].stage == stage && is_open(&x->it[i]) && (p == -2 || x->it[i].p == p))
            x->it[i].closed_on = date;
}

/* A reply: close the open item of `stage` whose start event is ref. */
static void close_reply(struct run *x, size_t i0, int stage, int32_t ref, int32_t date)
{
    if (ref < 0)
        return;
    for (size_t i = i0; i < x->n; i++)
        if (x->it[i].e == ref && x->it[i].stage == stage && is_open(&x->it[i])) {
            x->it[i].closed_on = date;
            return;
        }
}

static int open_review(const struct run *x, size_t i0, int32_t p)
{
    for (size_t i = i0; i < x->n; i++)
        if (x->it[i].stage == ZX_MON_PROSECUTION_REVIEW && x->it[i].p == p && is_open(&x->it[i]))
            return 1;
    return 0;
}

static int run_case(struct run *x, int32_t c)
{
    const struct zx_metrics_columns *d = x->d;
    const struct zx_monitor_rules *r = x->r;
    const size_t i0 = x->n;
    const int32_t unit = d->c_unit[c];
    int returns = 0;
    const struct zx_monitor_period month1 = {r->p[R_P1][0], 1};
    const struct zx_monitor_period supp = {r->p[R_P5][0], 1};
    for (int32_t e = d->c_e0[c]; e < d->c_e0[c + 1]; e++) {
        const int32_t date = d->e_date[e];
        if (date > x->q->as_of)
            break; /* events are in date order: the rest are later too */
        const int32_t p = d->e_person[e];
        const int res = d->e_result[e];
        int rc = 0;
        switch (d->e_type[e]) {
        case ZX_EV_ARREST_REVIEW:
            if (p < 0)
                break;
            if (res == ZX_R_DETAINED) /* RULE: A2 */
                rc = add(x, c, p, e, ZX_MON_ARREST_REVIEW_DETAINED, R_A2, date,
                         date + r->p[R_A2][0]);
            else if (res == ZX_R_NOT_DETAINED) /* RULE: A3 (20 days for a complex case) */
                rc = add(x, c, p, e, ZX_MON_ARREST_REVIEW_NOT_DETAINED, R_A3, date,
                         date + r->p[R_A3][d->c_complex[c] ? 1 : 0]);
            break;
        case ZX_EV_ARREST:
        case ZX_EV_NO_ARREST:
            if (p < 0)
                break;
            close_open(x, i0, ZX_MON_ARREST_REVIEW_DETAINED, p, date);
            close_open(x, i0, ZX_MON_ARREST_REVIEW_NOT_DETAINED, p, date);
            break;
        case ZX_EV_PROSECUTION_REVIEW:
            /* RULE: P7: the re-transfer ends 补充侦查 and starts a new review period */
            close_open(x, i0, ZX_MON_SUPPLEMENTARY_INVESTIGATION, -2, date);
            /* RULE: P1: one month; nothing when the person already has an open item */
            if (p >= 0 && !open_review(x, i0, p))
                rc = add(x, c, p, e, ZX_MON_PROSECUTION_REVIEW, R_P1, date,
                         period_end(date, month1));
            break;
        case ZX_EV_RETURN_INVESTIGATION:
            /* RULE: P6: at most two returns per case; a further one is not honoured */
            if (++returns > r->p[R_P6][0])
                break;
            close_open(x, i0, ZX_MON_PROSECUTION_REVIEW, -2, date);
            /* RULE: P5: each return at most one month */
            rc = add(x, c, -1, e, ZX_MON_SUPPLEMENTARY_INVESTIGATION, R_P5, date,
                     period_end(date, supp));
            break;
        case ZX_EV_EXTEND_REVIEW:
            /* RULE: P2: +15 days, once per item (an item extended carries P2), when dated on
             * or before its deadline */
            for (size_t i = i0; i < x->n; i++) {
                struct zx_monitor_item *it = &x->it[i];
                if (it->stage == ZX_MON_PROSECUTION_REVIEW && is_open(it) &&
                    it->rule != r->idx[R_P2] && date <= it->deadline) {
                    it->deadline += r->p[R_P2][0];
                    it->rule = (int16_t)r->idx[R_P2];
                }
            }
            break;
        case ZX_EV_CHANGE_JURISDICTION: {
            /* RULE: P4: the period restarts on the day of the change, per person */
            size_t n = x->n;
            for (size_t i = i0; i < n && rc == 0; i++) {
                if (x->it[i].stage != ZX_MON_PROSECUTION_REVIEW || !is_open(&x->it[i]))
                    continue;
                x->it[i].closed_on = date;
                rc = add(x, c, x->it[i].p, e, ZX_MON_PROSECUTION_REVIEW, R_P1, date,
                         period_end(date, month1));
            }
            break;
        }
        case ZX_EV_INDICT:
        case ZX_EV_NON_PROSECUTION:
            if (p < 0)
                break;
            close_open(x, i0, ZX_MON_PROSECUTION_REVIEW, p, date);
            close_open(x, i0, ZX_MON_WITHDRAWAL_DECISION, p, date);
            break;
        case ZX_EV_WITHDRAW_INDICTMENT: /* RULE: N7 */
            if (p >= 0)
                rc = add(x, c, p, e, ZX_MON_WITHDRAWAL_DECISION, R_N7, date, date + r->p[R_N7][0]);
            break;
        case ZX_EV_CUSTODY_REVIEW: /* RULE: J1 */
            if (p >= 0 && res == ZX_R_RELEASE_RECOMMENDED)
                rc = add(x, c, p, e, ZX_MON_CUSTODY_REVIEW_REPLY, R_J1, date, date + r->p[R_J1][0]);
            break;
        case ZX_EV_CUSTODY_REVIEW_REPLY:
            close_reply(x, i0, ZX_MON_CUSTODY_REVIEW_REPLY, d->e_ref[e], date);
            break;
        case ZX_EV_SUGGESTION: /* RULE: F1 (unit setting) */
            if (res == ZX_R_SOCIAL_GOVERNANCE || res == ZX_R_EXECUTION || res == ZX_R_OTHER) {
                struct zx_monitor_period pp = x->q->suggestion ? x->q->suggestion[unit] : r->f1;
                rc = add(x, c, -1, e, ZX_MON_SUGGESTION_REPLY, R_F1, date, period_end(date, pp));
            }
            break;
        case ZX_EV_SUGGESTION_REPLY:
            close_reply(x, i0, ZX_MON_SUGGESTION_REPLY, d->e_ref[e], date);
            break;
        case ZX_EV_CORRECTION_NOTICE: /* RULE: F4 (unit setting) */
            if (res == ZX_R_EXECUTION) {
                struct zx_monitor_period pp = x->q->correction ? x->q->correction[unit] : r->f4;
                rc = add(x, c, -1, e, ZX_MON_CORRECTION_REPLY, R_F4, date, period_end(date, pp));
            }
            break;
        case ZX_EV_CORRECTION_REPLY:
            close_reply(x, i0, ZX_MON_CORRECTION_REPLY, d->e_ref[e], date);
            break;
        default:
            break;
        }
        if (rc)
            return -1;
    }
    /* RULE: W: status as of the date */
    for (size_t i = i0; i < x->n; i++) {
        struct zx_monitor_item *it = &x->it[i];
        if (!is_open(it)) {
            it->status = it->closed_on <= it->deadline ? ZX_MON_OK : ZX_MON_LATE;
            it->days_left = 0;
            continue;
        }
        it->days_left = it->deadline - x->q->as_of;
        it->status = (uint8_t)zx_monitor_open_status(r, it->started_on, it->deadline, x->q->as_of);
    }
    return 0;
}

/* First case position whose unit is ≥ u (cases are sorted by unit pre-order). */
static int32_t case_lower(const struct zx_metrics_columns *d, int32_t u)
{
    int32_t lo = 0, hi = d->nc;
    while (lo < hi) {
        int32_t mid = lo + (hi - lo) / 2;
        if (d->c_unit[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void *run_range(void *arg)
{
    struct run *x = arg;
    for (int32_t c = x->c0; c < x->c1 && !x->oom; c++) {
        if (x->d->c_business[c] == x->duty) /* version 1: 自侦/监察 cases are not monitored */
            continue;
        if (run_case(x, c))
            x->oom = 1;
    }
    return NULL;
}

enum { MAX_THREADS = 8 };

static int thread_count(int64_t events)
{
    /* a thread costs more than it saves on a city; ZHIXIAO_THREADS forces the split (tests) */
    const char *env = getenv("ZHIXIAO_THREADS");
    if (events < 500000 && !env)
        return 1;
    long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int zx_monitor_run(const struct zx_metrics_columns *d, const struct zx_monitor_rules *r,
                   const struct zx_monitor_query *q, struct zx_monitor_item **items, size_t *n,
                   struct zx_err *err)
{
    struct run x[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    int rc = ZX_OK;
    *items = NULL;
    *n = 0;
    if (q->unit >= d->nu)
        return zx_err_set(err, ZX_EINVAL, "unit position %d out of range", (int)q->unit);
    int32_t c0 = 0, c1 = d->nc;
    if (q->unit >= 0) {
        c0 = case_lower(d, q->unit);
        c1 = case_lower(d, q->unit + d->u_size[q->unit]);
    }
    const int64_t ev = (int64_t)d->c_e0[c1] - d->c_e0[c0];
    const int nt = thread_count(ev);
    /* split the cases into nt ranges of about equal events; items come out in case order
     * when the ranges are joined in order */
    int32_t at = c0;
    for (int t = 0; t < nt; t++) {
        x[t] =
            (struct run){.d = d, .r = r, .q = q, .duty = zx_vocab_find(ZX_V_BUSINESS, "duty", 4)};
        x[t].c0 = at;
        int64_t goal = d->c_e0[c0] + ev * (t + 1) / nt;
        while (at < c1 && (t == nt - 1 || d->c_e0[at] < goal))
            at++;
        x[t].c1 = t == nt - 1 ? c1 : at;
        /* about one item per four events: fewer regrowths (each one faults fresh pages) */
        x[t].cap = (size_t)((d->c_e0[x[t].c1] - d->c_e0[x[t].c0]) / 4) + 16;
        x[t].it = malloc(x[t].cap * sizeof *x[t].it);
        if (!x[t].it)
            x[t].oom = 1;
    }
    for (int t = 1; t < nt; t++)
        if (!x[t].oom && pthread_create(&tid[t], NULL, run_range, &x[t]) == 0)
            started[t] = 1;
        else
            run_range(&x[t]);
    if (!x[0].oom)
        run_range(&x[0]);
    size_t total = 0;
    int oom = 0;
    for (int t = 0; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        oom |= x[t].oom;
        total += x[t].n;
    }
    if (!oom && nt > 1) { /* join the shares behind the first */
        struct zx_monitor_item *all = realloc(x[0].it, (total + 1) * sizeof *all);
        if (!all) {
            oom = 1;
        } else {
            x[0].it = all;
            size_t k = x[0].n;
            for (int t = 1; t < nt; t++) {
                memcpy(all + k, x[t].it, x[t].n * sizeof *all);
                k += x[t].n;
            }
        }
    }
    for (int t = 1; t < nt; t++)
        free(x[t].it);
    if (oom) {
        free(x[0].it);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    *items = x[0].it;
    *n = total;
    return rc;
}

void zx_monitor_count(const struct zx_monitor_item *items, size_t n,
                      int64_t counts[ZX_MON_NSTAGES][ZX_MON_NSTATUS])
{
    memset(counts, 0, sizeof(int64_t) * ZX_MON_NSTAGES * ZX_MON_NSTATUS);
    for (size_t i = 0; i < n; i++)
        counts[items[i].stage][items[i].status]++;
}
