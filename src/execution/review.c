/* review.c — the 减假暂 rule checker: one pass over each convict's history.
 *
 * A convict's state (current sentence kind, last service date, reductions so far, the term
 * a life or death-suspended sentence was commuted to) is carried from change to change, so
 * every rule is decided from plain integers. Rules come from the slots of internal.h; a rule
 * applies to a change when the change's proposed_on (报请日, JX2016 art. 40) lies in its
 * effective range. Dates follow legal-rules.md §1.1: whole months to the same day number
 * (zx_exec_add_months, C4), "served N months from D" holds from add_months(D, N) on (C1), and
 * 以上/以下 include the number (C6). */
#include "execution/internal.h"
#include "util/date.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SK_FIXED = 1, SK_LIFE, SK_SD, SK_DETENTION, SK_CONTROL };
enum { CK_COMMUTATION = 1, CK_PAROLE, CK_TEMPORARY };
enum { M_R = 1, M_G, M_RG, M_GG, M_RGG };
enum { G_ILLNESS = 1, G_PREGNANCY, G_SELF_CARE };

#define NODATE ZX_DATE_NULL

struct ctx {
    const struct zx_exec_rules *rs;
    const struct zx_exec_data *d;
    zx_exec_finding_cb cb;
    void *ud;
    size_t ci;
    long chg; /* current change index */
    int in_range;
    int stop;
};

static const struct zx_exec__rule *rule(const struct ctx *x, int slot, int32_t day)
{
    const struct zx_exec__rule *r = &x->rs->r[slot];
    return r->on && day >= r->from && day <= r->to ? r : NULL;
}

static void emit(struct ctx *x, const struct zx_exec__rule *r, int sev,
                 const struct zx_msgv *expected, const struct zx_msgv *actual)
{
    if (!x->in_range || x->stop)
        return;
    struct zx_exec_finding f;
    f.convict = x->ci;
    f.change = x->chg;
    f.cat = (enum zx_exec_cat)r->cat;
    f.severity = (enum zx_exec_severity)sev;
    f.rule = r->ref;
    f.expected = *expected;
    f.actual = *actual;
    x->stop = x->cb(x->ud, &f);
}

/* The findings' texts are rows of the message table (util/msg.h) with their parameters. */
static void arg_date(struct zx_msgv *m, int32_t d)
{
    char b[16];
    zx_msgv_value(m, zx_date_format(d, b));
}

static void msg_date(struct zx_msgv *m, int32_t d)
{
    zx_msgv_init(m, ZX_M_EX_DATE);
    arg_date(m, d);
}

static void msg_int(struct zx_msgv *m, enum zx_msg_id id, long v)
{
    zx_msgv_init(m, id);
    zx_msgv_int(m, v);
}

static void msg_term(struct zx_msgv *m, enum zx_msg_id id, enum zx_msg_id term)
{
    zx_msgv_init(m, id);
    zx_msgv_term(m, term);
}

/* Whole years of age on day d. */
static int age_on(int32_t birth, int32_t d)
{
    if (birth == NODATE || d == NODATE)
        return -1;
    int by, bm, bd, y, m, dd;
    zx_date_to_ymd(birth, &by, &bm, &bd);
    zx_date_to_ymd(d, &y, &m, &dd);
    return y - by - (m < bm || (m == bm && dd < bd));
}

/* d + months/den of a month: whole months, then the remainder as days at 30 a month
 * (半个月 = 15 days, C4). */
static int32_t add_fraction(int32_t d, int months, int den)
{
    return zx_exec_add_months(d, months / den) + (months % den) * 30 / den;
}

static int32_t done_on(const struct zx_exec_change *c)
{
    return c->served != NODATE ? c->served : c->ruled != NODATE ? c->ruled : c->proposed;
}

static int32_t ruled_on(const struct zx_exec_change *c)
{
    return c->ruled != NODATE ? c->ruled : c->proposed;
}

/* State of one convict's history. */
struct hist {
    int cur;         /* current sentence kind */
    int32_t life_at; /* service of the 死缓 → 无期 ruling, NODATE until then */
    int via_life;    /* the 死缓 passed through 无期 */
    int32_t conv_at; /* ruling of the commutation of 无期/死缓 to a fixed term */
    int new_term;    /* that term in months */
    int ncomm;       /* commutations so far (all forms) */
    int32_t prev_at; /* service of the last commutation */
    int prev_red;    /* months cut by the last commutation of a fixed term, 0 none */
    int sum_red;     /* months cut from the current fixed term */
    int nparole;
    /* patterns */
    int n_red, n_cap, red_unknown;
    int n_prop, n_early, prop_unknown;
    int any_in_range;
};

/* A time limit: the change is due on or after `due` (the strict reading) and, where the law
 * allows a milder reading, on or after `lenient` (≤ due). e: the expected text, `due` its
 * first parameter; callers build it only when p < due. */
static void check_due(struct ctx *x, const struct zx_exec__rule *r, int32_t p, int32_t due,
                      int32_t lenient, const struct zx_msgv *e)
{
    if (p >= due)
        return;
    struct zx_msgv a;
    msg_date(&a, p);
    emit(x, r, p < lenient ? ZX_EXEC_VIOLATION : ZX_EXEC_REVIEW, e, &a);
}

/* The expected text of a due day: message id with the due day as its first parameter. */
static void msg_due(struct zx_msgv *m, enum zx_msg_id id, int32_t due)
{
    zx_msgv_init(m, id);
    arg_date(m, due);
}

/* Relaxed months under JX2016 art. 19/20: months reduced by num/den (rounded down). */
static int relax(const struct zx_exec__rule *r, int months)
{
    return r ? months - months * r->p[1] / r->p[2] : months;
}

/* The minor / elderly modifiers for a proposal on p: *minor_r is the art. 19 rule when the
 * convict was under its age at the start of service and is not on the violent list; *old_r
 * the art. 20 rule when aged ≥ its age on p. */
static void modifiers(const struct ctx *x, const struct zx_exec_convict *cv, int32_t p,
                      const struct zx_exec__rule **minor_r, const struct zx_exec__rule **old_r)
{
    const struct zx_exec__rule *m = rule(x, R_JX16_19, p), *o = rule(x, R_JX16_20, p);
    /* RULE: JX2016-19: under 18 during service, not on the CL 81(2) list: relax ≤ 1/3 */
    *minor_r = m && !(cv->flags & ZX_EXEC_F_VIOLENT) && age_on(cv->birth, cv->start) >= 0 &&
                       age_on(cv->birth, cv->start) < m->p[0]
                   ? m
                   : NULL;
    /* RULE: JX2016-20: aged ≥ 65 (and ill, which the data does not say): review only */
    *old_r = o && age_on(cv->birth, p) >= o->p[0] ? o : NULL;
}

/* What the exemption clause of rule r (data: "exemption") does to limit `lim` for `merit`. */
static int exemption(const struct zx_exec__rule *r, int merit, int lim)
{
    return r && (r->ex_merits & (1u << merit)) && (r->ex_limits & (unsigned)lim) ? r->ex_effect
                                                                                 : ZX_EXEC__EX_NONE;
}

/* Start or interval limit (lim) of `months` from `from` for proposal p, with the modifiers and
 * the rule's exemption clause for the change's merit. */
static void limit(struct ctx *x, const struct zx_exec__rule *r, const struct zx_exec_convict *cv,
                  int32_t p, int32_t from, int months, int lenient_months, enum zx_msg_id what,
                  int merit, int lim, int32_t *earliest)
{
    const struct zx_exec__rule *mr, *orr;
    /* RULE: exemption: 重大立功 lifts the start / interval where the clause says so (JX2016
     * arts. 6, 7, 8, 10; JX2019 art. 5); where the law does not settle it, a breach is review */
    int ex = exemption(r, merit, lim);
    if (ex == ZX_EXEC__EX_EXEMPT)
        return;
    modifiers(x, cv, p, &mr, &orr);
    if (mr) {
        months = relax(mr, months);
        lenient_months = relax(mr, lenient_months);
    }
    if (orr)
        lenient_months = relax(orr, lenient_months);
    int32_t due = zx_exec_add_months(from, months);
    if (*earliest == NODATE || due > *earliest)
        *earliest = due;
    if (p >= due)
        return; /* in time under the strict reading: no finding, nothing to format */
    struct zx_msgv e;
    msg_due(&e, ex == ZX_EXEC__EX_REVIEW ? ZX_M_EX_DUE_LIMIT_WHY : ZX_M_EX_DUE_LIMIT, due);
    zx_msgv_term(&e, what);
    zx_msgv_int(&e, months);
    arg_date(&e, from);
    if (ex == ZX_EXEC__EX_REVIEW) {
        struct zx_msgv a;
        zx_msgv_text(&e, r->ex_why);
        zx_msgv_text(&e, r->ex_article);
        msg_date(&a, p);
        emit(x, r, ZX_EXEC_REVIEW, &e, &a);
        return;
    }
    check_due(x, r, p, due, zx_exec_add_months(from, lenient_months), &e);
}

static void check_cap(struct ctx *x, const struct zx_exec__rule *r,
                      const struct zx_exec_convict *cv, int32_t p, int red, int cap, struct hist *h)
{
    const struct zx_exec__rule *mr, *orr;
    modifiers(x, cv, p, &mr, &orr);
    int strict_cap = cap, lenient = cap;
    if (mr) /* caps grow by up to 1/3 */
        strict_cap = lenient = cap + cap * mr->p[1] / mr->p[2];
    if (orr)
        lenient = strict_cap + strict_cap * orr->p[1] / orr->p[2];
    h->n_red++;
    if (red >= strict_cap)
        h->n_cap++;
    if (red <= strict_cap)
        return;
    struct zx_msgv e, a;
    msg_int(&e, ZX_M_EX_AT_MOST_MONTHS, strict_cap);
    msg_int(&a, ZX_M_EX_MONTHS, red);
    emit(x, r, red > lenient ? ZX_EXEC_VIOLATION : ZX_EXEC_REVIEW, &e, &a);
}

static void check_min_term(struct ctx *x, const struct zx_exec__rule *r, int term, int min)
{
    if (term >= min)
        return;
    struct zx_msgv e, a;
    msg_int(&e, ZX_M_EX_AT_LEAST_MONTHS, min);
    msg_int(&a, ZX_M_EX_MONTHS, term);
    emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
}

static int merit_of(const struct zx_exec_change *c)
{
    return c->merit >= M_R && c->merit <= M_RGG ? c->merit : M_R;
}

static int is_gg(int merit)
{
    return merit == M_GG || merit == M_RGG;
}

/* The 七类 strict group of JX2016 art. 7 (累犯 and unpaid property penalties are on it). */
static int strict_group(const struct zx_exec_convict *cv)
{
    return (cv->flags & (ZX_EXEC_F_STRICT | ZX_EXEC_F_RECIDIVIST | ZX_EXEC_F_UNPAID)) != 0;
}

/* The floor after a commutation (CL 78; JX2016 art. 12). */
static void check_floor(struct ctx *x, const struct zx_exec_convict *cv, const struct hist *h,
                        int32_t p)
{
    const struct zx_exec__rule *r;
    struct zx_msgv e, a;
    if (h->conv_at == NODATE) {
        /* RULE: CL78-fixed: actually served ≥ 1/2 of the original term (months) */
        if (cv->term <= 0 || !(r = rule(x, R_CL78_FIXED, p)))
            return;
        int left = cv->term - h->sum_red;
        if ((long)left * r->p[1] >= (long)cv->term * r->p[0])
            return;
        zx_msgv_init(&e, ZX_M_EX_FLOOR_SHARE);
        zx_msgv_int(&e, r->p[0]);
        zx_msgv_int(&e, r->p[1]);
        zx_msgv_int(&e, cv->term);
        msg_int(&a, ZX_M_EX_MONTHS, left);
        emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
        return;
    }
    int32_t base, release = zx_exec_add_months(h->conv_at, h->new_term - h->sum_red);
    int months;
    if (cv->kind == SK_LIFE) {
        /* RULE: CL78-life: 无期 ≥ 13 years actually served */
        if (!(r = rule(x, R_CL78_LIFE, p)))
            return;
        base = cv->start;
        months = r->p[0];
    } else if (cv->flags & ZX_EXEC_F_LIMITED) {
        /* RULE: CL78-limited: 限制减刑 死缓 → 无期 ≥ 25 years; → 25 years ≥ 20 years */
        if (!(r = rule(x, R_CL78_LIMITED, p)))
            return;
        base = zx_exec_add_months(cv->start, 24);
        months = h->via_life ? r->p[0] : r->p[1];
    } else {
        /* RULE: JX2016-12: 死缓 ≥ 15 years, the two-year period not counted */
        if (!(r = rule(x, R_JX16_12, p)))
            return;
        base = zx_exec_add_months(cv->start, 24);
        months = r->p[0];
    }
    int32_t need = zx_exec_add_months(base, months);
    if (release >= need)
        return;
    /* the last day served is the day before (C5) */
    msg_due(&e, ZX_M_EX_RELEASE_DUE, need - 1);
    zx_msgv_int(&e, months);
    arg_date(&e, base);
    msg_due(&a, ZX_M_EX_RELEASE, release - 1);
    emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
}

static void pattern_prop(struct hist *h, int32_t p, int32_t earliest, int tol)
{
    h->n_prop++;
    if (earliest == NODATE)
        h->prop_unknown = 1;
    else if (p - earliest <= tol && earliest - p <= tol)
        h->n_early++;
}

static int tolerance(const struct ctx *x)
{
    const struct zx_exec__rule *r = &x->rs->r[R_PAT_EARLY];
    return r->on ? r->p[1] : 7;
}

/* 死缓 → 无期 (CL 50). */
static void sd_to_life(struct ctx *x, const struct zx_exec_convict *cv,
                       const struct zx_exec_change *c, struct hist *h)
{
    const struct zx_exec__rule *r = rule(x, R_CL50_SD, c->proposed);
    /* RULE: CL50-SD: reduced to 无期 only when the two years have ended */
    if (r && cv->start != NODATE) {
        int32_t due = zx_exec_add_months(cv->start, r->p[0]);
        if (ruled_on(c) < due) {
            struct zx_msgv e, a;
            msg_due(&e, ZX_M_EX_RULED_DUE, due);
            msg_date(&a, ruled_on(c));
            emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
        }
    }
    h->cur = SK_LIFE;
    h->via_life = 1;
    h->life_at = done_on(c);
    h->prev_at = h->life_at;
    h->ncomm++;
}

/* 无期 (or 死缓 via 无期) → a fixed term. */
static void to_fixed(struct ctx *x, const struct zx_exec_convict *cv,
                     const struct zx_exec_change *c, struct hist *h)
{
    int32_t p = c->proposed, earliest = NODATE;
    int merit = merit_of(c);
    const struct zx_exec__rule *rs = NULL, *rt = NULL;
    int start_m = 0, min_term = 0;
    int32_t from = NODATE;
    int duty = (cv->flags & ZX_EXEC_F_DUTY19) != 0;
    int strict = strict_group(cv) || (cv->flags & ZX_EXEC_F_VIOLENT);

    if (h->cur == SK_LIFE && cv->kind == SK_LIFE) {
        from = cv->start;
        if (duty && (rs = rule(x, R_JX19_3_START, p))) {
            /* RULE: JX2019-3: 贪污贿赂 无期: start ≥ 4 years; term per merit */
            start_m = rs->p[0];
            if ((rt = rule(x, R_JX19_3_TERM, p)))
                min_term = rt->m[merit];
        } else if (strict && (rs = rule(x, R_JX16_9_START, p))) {
            /* RULE: JX2016-9: strict 无期: start ≥ 3 years; term ≥ 20 years and ≥ art. 8 */
            start_m = rs->p[0];
            const struct zx_exec__rule *r8 = rule(x, R_JX16_8_TERM, p);
            if ((rt = rule(x, R_JX16_9_TERM, p)))
                min_term = r8 && r8->m[merit] > rt->p[0] ? r8->m[merit] : rt->p[0];
        } else if ((rs = rule(x, R_JX16_8_START, p))) {
            /* RULE: JX2016-8: 无期: start ≥ 2 years; 22 / 21–22 / 20–21 / 19–20 years */
            start_m = rs->p[0];
            if ((rt = rule(x, R_JX16_8_TERM, p)))
                min_term = rt->m[merit];
        } else if ((rs = rule(x, R_FS12_8, p))) {
            /* RULE: FS2012-8: 无期 (2012): start ≥ 2 years; 20–22 years, GG 15–20 years */
            start_m = rs->p[0];
            rt = rs;
            min_term = rt->m[merit];
        }
    } else if (h->cur == SK_LIFE) { /* a 死缓 already reduced to 无期 */
        from = h->life_at;
        if (duty && (rs = rule(x, R_JX19_4_START, p))) {
            /* RULE: JX2019-4: 贪污贿赂 死缓: ≥ 4 years after 无期; 25 / 24.5 / 24 years */
            start_m = rs->p[0];
            if ((rt = rule(x, R_JX19_4_TERM, p)))
                min_term = rt->m[merit];
        } else if ((cv->flags & ZX_EXEC_F_LIMITED) && (rs = rule(x, R_JX16_13_START, p))) {
            /* RULE: JX2016-13: 限制减刑: ≥ 5 years after 无期; term as art. 11 */
            start_m = rs->p[0];
            if ((rt = rule(x, R_JX16_11_TERM, p)))
                min_term = rt->m[merit];
        } else if ((rs = rule(x, R_JX16_10_START, p))) {
            /* RULE: JX2016-10: 死缓 → 无期 → ≥ 3 years; 25 / 24–25 / 23–24 / 22–23 years */
            start_m = rs->p[0];
            /* RULE: JX2016-11: strict 死缓: generally 25 years, with 立功 23–25 */
            if ((rt = rule(x, strict ? R_JX16_11_TERM : R_JX16_10_TERM, p)))
                min_term = rt->m[merit];
        } else if ((rs = rule(x, R_FS12_9, p))) {
            /* RULE: FS2012-9: 死缓 (2012): ≥ 2 years after 无期; 25 years, GG 23 years */
            start_m = rs->p[0];
            rt = rs;
            min_term = rt->m[merit];
        }
    }
    if (rs && from != NODATE)
        limit(x, rs, cv, p, from, start_m, start_m, ZX_M_EX_START_AFTER_LIFE, merit,
              ZX_EXEC__LIM_START, &earliest);
    if (rt && c->new_term >= 0)
        check_min_term(x, rt, c->new_term, min_term);
    pattern_prop(h, p, earliest, tolerance(x));

    h->cur = SK_FIXED;
    h->conv_at = ruled_on(c);
    h->new_term = c->new_term > 0 ? c->new_term : 0;
    h->sum_red = 0;
    h->prev_at = done_on(c);
    h->prev_red = 0;
    h->ncomm++;
    check_floor(x, cv, h, p);
}

/* A reduction of a fixed term (original or commuted). */
static void reduce(struct ctx *x, const struct zx_exec_convict *cv, const struct zx_exec_change *c,
                   struct hist *h)
{
    int32_t p = c->proposed, earliest = NODATE;
    int merit = merit_of(c), gg = is_gg(merit), T = cv->term;
    int duty = (cv->flags & ZX_EXEC_F_DUTY19) != 0;
    int violent10 = (cv->flags & ZX_EXEC_F_VIOLENT) != 0;
    const struct zx_exec__rule *r6c = rule(x, R_JX16_6_CAP, p), *r;
    int cap = -1;
    const struct zx_exec__rule *rcap = NULL;
    int known_limit = 0;

    if (h->conv_at != NODATE) {
        /* later commutations of a commuted 无期 / 死缓 */
        int interval = -1;
        const struct zx_exec__rule *ri = NULL;
        if (duty && (r = rule(x, R_JX19_2_CAP, p))) {
            /* RULE: JX2019-3: caps of JX2019-2, interval ≥ 2 years */
            rcap = r;
            cap = r->m[merit];
            if ((ri = rule(x, R_JX19_3_START, p)))
                interval = ri->p[1];
        } else if ((cv->flags & ZX_EXEC_F_LIMITED) && (r = rule(x, R_JX16_14, p))) {
            /* RULE: JX2016-14: 限制减刑 after a fixed term: ≤ 6 months (GG ≤ 1 year), ≥ 2 years */
            rcap = ri = r;
            cap = gg ? r->p[1] : r->p[0];
            interval = r->p[2]; /* 重大立功 may shorten it: the rule's exemption (review) */
        } else if ((strict_group(cv) || violent10) &&
                   (r = rule(x, cv->kind == SK_LIFE ? R_JX16_9_LATER : R_JX16_11_LATER, p))) {
            /* RULE: JX2016-9-later / JX2016-11-later: ≤ 1 year (and ≤ art. 6), ≥ 2 years */
            rcap = ri = r;
            cap = r6c && r6c->m[merit] < r->p[0] ? r6c->m[merit] : r->p[0];
            interval = r->p[1];
        } else if (r6c) {
            /* RULE: JX2016-8-later / JX2016-10-later: caps of art. 6, interval ≥ 2 years */
            rcap = r6c;
            cap = r6c->m[merit];
            if ((ri = rule(x, cv->kind == SK_LIFE ? R_JX16_8_LATER : R_JX16_10_LATER, p)))
                interval = ri->p[0];
        } else if ((r = rule(x, R_FS12_6_CAP, p))) {
            rcap = r;
            cap = r->m[merit];
        }
        if (ri && interval >= 0 && h->prev_at != NODATE) {
            limit(x, ri, cv, p, h->prev_at, interval, interval, ZX_M_EX_INTERVAL, merit,
                  ZX_EXEC__LIM_INTERVAL, &earliest);
            known_limit = 1;
        }
    } else if (cv->kind == SK_FIXED && T > 0) {
        int32_t base = cv->start;
        const struct zx_exec__rule *rs = NULL, *ri = NULL;
        int start_m = -1, start_len = -1, iv = -1, iv_len = -1;
        const struct zx_exec__rule *r16 = rule(x, R_JX16_16, p);
        /* RULE: JX2016-16: remaining term < 2 years after judgment: start may be shortened */
        int short_term = r16 && cv->pretrial >= 0 &&
                         zx_exec_add_months(cv->start - cv->pretrial, T) <
                             zx_exec_add_months(cv->start, r16->p[0]);
        if (duty && rule(x, R_JX19_2_CAP, p)) {
            /* RULE: JX2019-2: 贪污贿赂 有期: start 2 / 3 years, interval 1.5 / 2 years, caps
             * 6 / 9 / 12 months; exactly 10 years is both 十年以下 and 十年以上 (CL 99) */
            rcap = rule(x, R_JX19_2_CAP, p);
            cap = rcap->m[merit];
            if ((rs = rule(x, R_JX19_2_START, p))) {
                start_m = T >= 120 ? rs->p[1] : rs->p[0];
                start_len = T > 120 ? rs->p[1] : rs->p[0];
            }
            if ((ri = rule(x, R_JX19_2_INTERVAL, p))) {
                iv = T >= 120 ? ri->p[1] : ri->p[0];
                iv_len = T > 120 ? ri->p[1] : ri->p[0];
            }
        } else if ((strict_group(cv) || (violent10 && T >= 120)) &&
                   (r = rule(x, R_JX16_7_CAP, p))) {
            /* RULE: JX2016-7: 七类 / violent ≥ 10 years: start ≥ 2 years, ≤ 1 year (never
             * milder than art. 6), interval 1 year (十年以下) / 1.5 years (十年以上) */
            rcap = r;
            cap = r6c && r6c->m[merit] < r->p[0] ? r6c->m[merit] : r->p[0];
            if ((rs = rule(x, R_JX16_7_START, p)))
                start_m = start_len = rs->p[0];
            if ((ri = rule(x, R_JX16_7_INTERVAL, p))) {
                int vmin = ri->p[2];
                if (!strict_group(cv)) { /* violent list only: 十年以上 alone */
                    iv = iv_len = ri->p[1];
                } else {
                    iv = T >= 120 ? ri->p[1] : ri->p[0];
                    iv_len = T > 120 || (violent10 && T >= vmin) ? ri->p[1] : ri->p[0];
                }
            }
        } else if (r6c) {
            /* RULE: JX2016-6: start 1 / 1.5 / 2 years (不满五年 / 五年以上不满十年 / 十年以上),
             * interval 1 / 1.5 years, caps 9 / 12 / 18 / 24 months */
            rcap = r6c;
            cap = r6c->m[merit];
            if ((rs = rule(x, R_JX16_6_START, p)))
                start_m = start_len = T < 60 ? rs->p[0] : T < 120 ? rs->p[1] : rs->p[2];
            if ((ri = rule(x, R_JX16_6_INTERVAL, p)))
                iv = iv_len = T < 120 ? ri->p[0] : ri->p[1];
        } else if ((r = rule(x, R_FS12_6_CAP, p))) {
            /* RULE: FS2012-6-cap / FS2012-7: 2012 caps; terms ≥ 5 years: start 1.5 years,
             * interval 1 year */
            rcap = r;
            cap = r->m[merit];
            if ((rs = ri = rule(x, R_FS12_7, p)) && T >= 60) {
                start_m = start_len = rs->p[0];
                iv = iv_len = rs->p[1];
            }
        }
        /* 重大立功: each limit's rule says whether its clause lifts it (limit()) */
        if (h->ncomm == 0) {
            if (rs && start_m >= 0 && !short_term) {
                limit(x, rs, cv, p, base, start_m, start_len, ZX_M_EX_START, merit,
                      ZX_EXEC__LIM_START, &earliest);
                known_limit = 1;
            }
        } else if (h->prev_at != NODATE) {
            if (ri && iv >= 0) {
                limit(x, ri, cv, p, h->prev_at, iv, iv_len, ZX_M_EX_INTERVAL, merit,
                      ZX_EXEC__LIM_INTERVAL, &earliest);
                known_limit = 1;
            }
            const struct zx_exec__rule *rl = rule(x, R_JX16_6_LAST, p);
            /* RULE: JX2016-6-last: interval ≥ the months cut last time */
            if (rl && h->prev_red > 0) {
                limit(x, rl, cv, p, h->prev_at, h->prev_red, h->prev_red, ZX_M_EX_LAST_REDUCTION,
                      merit, ZX_EXEC__LIM_INTERVAL, &earliest);
                known_limit = 1;
            }
        }
    }
    if (rcap && cap >= 0 && c->red >= 0)
        check_cap(x, rcap, cv, p, c->red, cap, h);
    else {
        h->n_red++;
        h->red_unknown = 1;
    }
    pattern_prop(h, p, known_limit ? earliest : NODATE, tolerance(x));

    h->sum_red += c->red > 0 ? c->red : 0;
    h->prev_at = done_on(c);
    h->prev_red = c->red > 0 ? c->red : 0;
    h->ncomm++;
    check_floor(x, cv, h, p);
}

static void parole(struct ctx *x, const struct zx_exec_convict *cv, const struct zx_exec_change *c,
                   struct hist *h)
{
    int32_t p = c->proposed, earliest = NODATE;
    const struct zx_exec__rule *r;
    struct zx_msgv e, a;

    /* exclusions: one finding, the first rule that applies */
    enum zx_msg_id why = ZX_M_NONE;
    const struct zx_exec__rule *rx = NULL;
    int sev = ZX_EXEC_VIOLATION;
    if ((r = rule(x, R_CL81_2, p))) {
        /* RULE: CL81-2: 累犯; violent list with ≥ 10 years (十年以上 includes 10), 无期 or 死缓 */
        if (cv->flags & ZX_EXEC_F_RECIDIVIST)
            rx = r, why = ZX_M_EX_WHY_RECIDIVIST;
        else if ((cv->flags & ZX_EXEC_F_VIOLENT) &&
                 ((cv->kind == SK_FIXED && cv->term >= r->p[0]) || cv->kind == SK_LIFE ||
                  cv->kind == SK_SD))
            rx = r, why = ZX_M_EX_WHY_VIOLENT;
    }
    if (!rx && (cv->flags & ZX_EXEC_F_UNPAID)) {
        /* RULE: JX2019-1 / JX2016-27: able to pay 财产性判项 but did not */
        if ((cv->flags & ZX_EXEC_F_DUTY19) && (r = rule(x, R_JX19_1, p)))
            rx = r, why = ZX_M_EX_WHY_DUTY_UNPAID;
        else if ((r = rule(x, R_JX16_27, p)))
            rx = r, why = ZX_M_EX_WHY_UNPAID;
    }
    if (!rx && h->nparole > 0 && (r = rule(x, R_JX16_30, p))) {
        /* RULE: JX2016-30: a second parole after revocation (narrow exception: review) */
        rx = r, why = ZX_M_EX_WHY_SECOND, sev = ZX_EXEC_REVIEW;
    }
    if (rx) {
        msg_term(&e, ZX_M_EX_NO_PAROLE, why);
        zx_msgv_init(&a, ZX_M_EX_PAROLE);
        emit(x, rx, sev, &e, &a);
    }

    /* eligibility */
    if (cv->kind == SK_FIXED && cv->term > 0 && (r = rule(x, R_CL81_FIXED, p))) {
        /* RULE: CL81-fixed / JX2016-23: ≥ 1/2 of the original term, pre-trial custody credited
         * day for day; half a month is 15 days (C4) */
        int32_t base = cv->start - (cv->pretrial > 0 ? cv->pretrial : 0);
        int32_t due = add_fraction(base, cv->term * r->p[0], r->p[1]);
        earliest = due;
        if (p < due) {
            msg_due(&e, ZX_M_EX_DUE_PAROLE_SHARE, due);
            zx_msgv_int(&e, r->p[0]);
            zx_msgv_int(&e, r->p[1]);
            zx_msgv_int(&e, cv->term);
            check_due(x, r, p, due, due, &e);
        }
    } else if (cv->kind == SK_LIFE && (r = rule(x, R_CL81_LIFE, p))) {
        /* RULE: CL81-life: 无期 ≥ 13 years from the judgment, no credit */
        int32_t due = zx_exec_add_months(cv->start, r->p[0]);
        earliest = due;
        msg_due(&e, ZX_M_EX_DUE_LIFE, due);
        check_due(x, r, p, due, due, &e);
    } else if (cv->kind == SK_SD && (r = rule(x, R_JX16_23_SD, p))) {
        /* RULE: JX2016-23-sd: 死缓 ≥ 15 years from the end of the two-year period */
        int32_t due = zx_exec_add_months(zx_exec_add_months(cv->start, 24), r->p[0]);
        earliest = due;
        msg_due(&e, ZX_M_EX_DUE_SD, due);
        check_due(x, r, p, due, due, &e);
    }

    /* RULE: JX2016-28: after a commutation, ≥ 1 year (≥ 1.5 years after a cut ≥ 1 year);
     * may be shortened when less than 2 years remain */
    if (h->ncomm > 0 && h->prev_at != NODATE && (r = rule(x, R_JX16_28, p))) {
        int32_t end = NODATE;
        if (h->conv_at != NODATE)
            end = zx_exec_add_months(h->conv_at, h->new_term - h->sum_red);
        else if (cv->term > 0)
            end = zx_exec_add_months(cv->start - (cv->pretrial > 0 ? cv->pretrial : 0),
                                     cv->term - h->sum_red);
        if (end != NODATE && end >= zx_exec_add_months(p, r->p[3])) {
            int m = h->prev_red >= r->p[1] ? r->p[2] : r->p[0];
            int32_t due = zx_exec_add_months(h->prev_at, m);
            if (earliest == NODATE || due > earliest)
                earliest = due;
            if (p < due) {
                msg_due(&e, ZX_M_EX_DUE_AFTER_SERVICE, due);
                zx_msgv_int(&e, m);
                arg_date(&e, h->prev_at);
                check_due(x, r, p, due, due, &e);
            }
        }
    }
    pattern_prop(h, p, earliest, tolerance(x));
    h->nparole++;
}

static void temporary(struct ctx *x, const struct zx_exec_convict *cv,
                      const struct zx_exec_change *c, struct hist *h)
{
    int32_t p = c->proposed;
    const struct zx_exec__rule *r;
    struct zx_msgv e, a;
    static const enum zx_msg_id gname[] = {ZX_M_NONE, ZX_M_EX_ILLNESS, ZX_M_EX_PREGNANCY,
                                           ZX_M_EX_SELF_CARE};
    if (c->ground < G_ILLNESS || c->ground > G_SELF_CARE)
        return;
    /* RULE: CPL265: 有期/拘役: all three grounds; 无期: pregnancy or nursing only; 死缓 and
     * 管制: none */
    if ((r = rule(x, R_CPL265, p))) {
        enum zx_msg_id ok = ZX_M_NONE;
        const char *kind = NULL;
        if (h->cur == SK_SD)
            ok = ZX_M_EX_TEMP_NONE, kind = "死缓";
        else if (h->cur == SK_CONTROL)
            ok = ZX_M_EX_TEMP_NONE, kind = "管制";
        else if (h->cur == SK_LIFE && c->ground != G_PREGNANCY)
            ok = ZX_M_EX_TEMP_PREGNANCY_ONLY, kind = "无期";
        if (ok != ZX_M_NONE) {
            zx_msgv_init(&e, ok);
            zx_msgv_text(&e, kind);
            zx_msgv_init(&a, gname[c->ground]);
            emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
            return;
        }
    }
    /* RULE: ZY2014-7: 累犯 and the violent list, for illness or self-care: ≥ 1/3 of an
     * original term ≥ 10 years; ≥ 7 years after a 无期 / 死缓 became a fixed term; may be
     * relaxed for minors and people aged ≥ 65 (not checked then) */
    if (c->ground == G_PREGNANCY || !(cv->flags & (ZX_EXEC_F_RECIDIVIST | ZX_EXEC_F_VIOLENT)) ||
        !(r = rule(x, R_ZY14_7, p)))
        return;
    int age = age_on(cv->birth, p);
    if (age >= r->p[3] || (age >= 0 && age < 18))
        return;
    if (cv->kind == SK_FIXED && cv->term >= r->p[0]) {
        int32_t base = cv->start - (cv->pretrial > 0 ? cv->pretrial : 0);
        int32_t due = add_fraction(base, cv->term, r->p[1]);
        if (p < due) {
            msg_due(&e, ZX_M_EX_DUE_TEMP_SHARE, due);
            zx_msgv_int(&e, r->p[1]);
            zx_msgv_int(&e, cv->term);
            check_due(x, r, p, due, due, &e);
        }
    } else if (cv->kind == SK_LIFE || cv->kind == SK_SD) {
        if (h->conv_at == NODATE) {
            zx_msgv_init(&e, ZX_M_EX_FIXED_FIRST);
            msg_date(&a, p);
            emit(x, r, ZX_EXEC_VIOLATION, &e, &a);
            return;
        }
        int32_t due = zx_exec_add_months(h->conv_at, r->p[2]);
        if (p < due) {
            msg_due(&e, ZX_M_EX_DUE_AFTER_FIXED, due);
            zx_msgv_int(&e, r->p[2]);
            arg_date(&e, h->conv_at);
            check_due(x, r, p, due, due, &e);
        }
    }
}

static int review_one(struct ctx *x, size_t ci, int32_t from, int32_t to)
{
    const struct zx_exec_data *d = x->d;
    const struct zx_exec_convict *cv = &d->conv[ci];
    struct hist h;
    memset(&h, 0, sizeof h);
    h.cur = cv->kind;
    h.life_at = h.conv_at = h.prev_at = NODATE;
    x->ci = ci;
    for (uint32_t j = d->first[ci]; j < d->first[ci + 1] && !x->stop; j++) {
        const struct zx_exec_change *c = &d->chg[j];
        if (c->proposed == NODATE)
            continue;
        x->chg = (long)j;
        x->in_range =
            (from == NODATE || c->proposed >= from) && (to == NODATE || c->proposed <= to);
        h.any_in_range |= x->in_range;
        if (c->kind == CK_COMMUTATION) {
            if (h.cur == SK_SD && (c->new_kind == SK_LIFE || (c->new_term < 0 && c->red < 0)))
                sd_to_life(x, cv, c, &h);
            else if ((h.cur == SK_LIFE || h.cur == SK_SD) && c->new_term > 0)
                to_fixed(x, cv, c, &h);
            else if (c->red > 0)
                reduce(x, cv, c, &h);
        } else if (c->kind == CK_PAROLE) {
            parole(x, cv, c, &h);
        } else if (c->kind == CK_TEMPORARY) {
            temporary(x, cv, c, &h);
        }
    }
    if (x->stop || !h.any_in_range)
        return x->stop;
    x->chg = -1;
    x->in_range = 1;
    const struct zx_exec__rule *r;
    struct zx_msgv e, a;
    /* RULE: PAT-MAX: 顶格 — every commutation (≥ 3) at its cap */
    if ((r = &x->rs->r[R_PAT_MAX])->on && h.n_red >= r->p[0] && !h.red_unknown &&
        h.n_cap == h.n_red) {
        zx_msgv_init(&e, ZX_M_EX_BELOW_CAP);
        msg_int(&a, ZX_M_EX_AT_CAP, h.n_cap);
        zx_msgv_int(&a, h.n_red);
        emit(x, r, ZX_EXEC_PATTERN, &e, &a);
    }
    /* RULE: PAT-EARLY: 踩点 — every proposal (≥ 3) within ±7 days of its earliest day */
    if ((r = &x->rs->r[R_PAT_EARLY])->on && h.n_prop >= r->p[0] && !h.prop_unknown &&
        h.n_early == h.n_prop) {
        zx_msgv_init(&e, ZX_M_EX_NOT_EARLIEST);
        msg_int(&a, ZX_M_EX_NEAR_EARLIEST, h.n_early);
        zx_msgv_int(&a, h.n_prop);
        zx_msgv_int(&a, r->p[1]);
        emit(x, r, ZX_EXEC_PATTERN, &e, &a);
    }
    return x->stop;
}

/* One half of the convicts, reviewed into a buffer: histories are independent, so two
 * threads check two halves and the findings are then handed over in convict order. */
struct part {
    struct ctx x;
    size_t c0, c1;
    int32_t from, to;
    struct zx_exec_finding *f; /* From realloc() */
    size_t n, cap;
    int oom;
};

static int buffer_finding(void *ud, const struct zx_exec_finding *f)
{
    struct part *p = ud;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        struct zx_exec_finding *nf = realloc(p->f, cap * sizeof *nf);
        if (!nf) {
            p->oom = 1;
            return 1;
        }
        p->f = nf;
        p->cap = cap;
    }
    p->f[p->n++] = *f;
    return 0;
}

static void *review_part(void *arg)
{
    struct part *p = arg;
    for (size_t i = p->c0; i < p->c1 && !p->x.stop; i++)
        review_one(&p->x, i, p->from, p->to);
    return NULL;
}

#define PARALLEL_MIN 50000 /* fewer convicts: one thread costs less than two */

int zx_exec_review(const struct zx_exec_rules *r, const struct zx_exec_data *d, int32_t from,
                   int32_t to, zx_exec_finding_cb cb, void *ud)
{
    struct part p[2];
    pthread_t th;
    int rc = 0, threaded = 0;
    /* ZHIXIAO_THREADS=1 never splits; =2 (or more) always does, whatever the size (tests) */
    const char *env = getenv("ZHIXIAO_THREADS");
    int forced = env && *env ? atoi(env) : 0;
    if (forced == 1 || d->nconv < 2 || (!forced && d->nconv < PARALLEL_MIN)) {
        struct ctx x;
        memset(&x, 0, sizeof x);
        x.rs = r;
        x.d = d;
        x.cb = cb;
        x.ud = ud;
        for (size_t i = 0; i < d->nconv; i++)
            if (review_one(&x, i, from, to))
                return x.stop;
        return 0;
    }
    memset(p, 0, sizeof p);
    for (int k = 0; k < 2; k++) {
        p[k].x.rs = r;
        p[k].x.d = d;
        p[k].x.cb = buffer_finding;
        p[k].x.ud = &p[k];
        p[k].c0 = k == 0 ? 0 : d->nconv / 2;
        p[k].c1 = k == 0 ? d->nconv / 2 : d->nconv;
        p[k].from = from;
        p[k].to = to;
    }
    threaded = pthread_create(&th, NULL, review_part, &p[1]) == 0;
    review_part(&p[0]);
    if (threaded)
        pthread_join(th, NULL);
    else
        review_part(&p[1]);
    if (p[0].oom || p[1].oom)
        rc = -1;
    for (int k = 0; k < 2 && !rc; k++)
        for (size_t i = 0; i < p[k].n && !rc; i++)
            rc = cb(ud, &p[k].f[i]);
    free(p[0].f);
    free(p[1].f);
    return rc;
}
