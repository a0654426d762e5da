/* convicts.c — convicts and their sentence changes (减刑、假释、暂予监外执行).
 *
 * Histories follow the rules of 法释〔2016〕23号, the 2019 supplement, 法释〔2012〕2号 and
 * 暂予监外执行规定 (research/legal-rules.md §2) with margins, so that the rule checker
 * (src/execution) finds nothing here: start times, intervals (≥ the last reduction, 减刑→假释),
 * caps per merit and group (七类, 暴力, 不履行财产性判项, 贪污贿赂, 限制减刑), the floors of
 * time served, and no 顶格 / 踩点 patterns (every proposal is ≥ 8 days after its earliest day;
 * no history has all its cuts at the cap). Histories draw from their own PRNG stream.
 *
 * With o.violations (permille), that share of histories is replaced by one carrying exactly
 * one planted violation of a category (the least planted of the nine of sentence-review.md
 * that fits the convict),
 * listed in expected-findings.csv. A plant stops the history, so nothing else follows from it. */
#include "gen/internal.h"
#include "execution/exec.h"
#include "util/date.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

enum { SK_FIXED = 1, SK_LIFE, SK_SD, SK_DETENTION, SK_CONTROL };
enum { CK_COMMUTATION = 1, CK_PAROLE, CK_TEMPORARY };
enum { M_R = 1, M_G, M_RG, M_GG, M_RGG };
enum { I_PRISON = 1, I_DETENTION, I_CORRECTIONS };

struct convict {
    unsigned long long id;
    int kind, term; /* term in months for fixed, detention and control */
    int32_t start, birth;
    int pretrial;
    int recidivist, violent, strict, duty19, limited, unpaid;
    int gender;
};

static const char *const sk_code[] = {
    NULL, "fixed", "life", "suspended_death", "criminal_detention", "control"};
static const char *const ck_code[] = {NULL, "commutation", "parole", "temporary_release"};
static const char *const merit_code[] = {NULL, "r", "g", "rg", "gg", "rgg"};
static const char *const ground_code[] = {NULL, "illness", "pregnancy", "self_care"};

static const char *const violent_charges[] = {"故意杀人罪", "强奸罪", "抢劫罪",        "绑架罪",
                                              "放火罪",     "爆炸罪", "投放危险物质罪"};
static const char *const strict_charges[] = {
    "受贿罪",     "贪污罪",       "挪用公款罪",         "行贿罪",
    "集资诈骗罪", "信用卡诈骗罪", "非法吸收公众存款罪", "组织、领导、参加黑社会性质组织罪"};

static int in_list(const char *s, const char *const *list, int n)
{
    for (int i = 0; s && i < n; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

/* Write one change with its ruling and service dates. */
static void change_at(struct zx_gen *g, const struct convict *cv, int kind, int32_t proposed,
                      int32_t ruled, int32_t served, int merit, int months, int new_term,
                      int new_kind, int ground)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_CHANGES];
    g->last_change = ++g->next_change;
    zx_gen__put_id(o, "SC", g->last_change, 7);
    zx_gen__putc(o, ',');
    zx_gen__put_id(o, "CV", cv->id, 7);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, ck_code[kind]);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, proposed, 0);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, ruled, 0);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, served, 0);
    zx_gen__putc(o, ',');
    if (merit)
        zx_gen__puts(o, merit_code[merit]);
    zx_gen__putc(o, ',');
    if (months > 0)
        zx_gen__put_int(o, months);
    zx_gen__putc(o, ',');
    if (new_term > 0)
        zx_gen__put_int(o, new_term);
    zx_gen__putc(o, ',');
    if (new_kind)
        zx_gen__puts(o, sk_code[new_kind]);
    zx_gen__putc(o, ',');
    if (ground)
        zx_gen__puts(o, ground_code[ground]);
    zx_gen__putc(o, ',');
    if (kind == CK_TEMPORARY && ground == 1)
        zx_gen__puts(o, "保外就医");
    zx_gen__eol(o);
}

/* Write one change; returns its service date (送达日), or ZX_DATE_NULL when it would fall
 * after the period and was therefore not written. */
static int32_t change(struct zx_gen *g, const struct convict *cv, int kind, int32_t proposed,
                      int merit, int months, int new_term, int new_kind, int ground)
{
    struct zx_gen__rng *r = &g->exec_rng;
    int32_t ruled = proposed + zx_gen__range(r, 15, 40);
    int32_t served = ruled + zx_gen__range(r, 2, 7);
    if (served > g->o.to)
        return ZX_DATE_NULL;
    change_at(g, cv, kind, proposed, ruled, served, merit, months, new_term, new_kind, ground);
    return served;
}

static int pick_merit(struct zx_gen__rng *r)
{
    double x = zx_gen__unit(r);
    return x < 0.72 ? M_R : x < 0.80 ? M_G : x < 0.94 ? M_RG : x < 0.99 ? M_GG : M_RGG;
}

/* The 七类 group of art. 7: 累犯 and unpaid property penalties are on the list. */
static int strict_group(const struct convict *cv)
{
    return cv->strict || cv->recidivist || cv->unpaid;
}

/* Largest reduction in months for a merit (art. 6, 7 and the 2019 supplement). */
static int cap_months(const struct convict *cv, int merit, int after_life)
{
    int cap = merit == M_R || merit == M_G ? 9 : merit == M_RG ? 12 : merit == M_GG ? 18 : 24;
    if (cv->duty19)
        cap = merit == M_R || merit == M_G ? 6 : merit == M_RG ? 9 : 12;
    if (strict_group(cv) || cv->violent || after_life)
        cap = cap > 12 ? 12 : cap > 8 ? 8 : cap;
    if (cv->limited)
        cap = 6;
    return cap;
}

/* Commutations (and perhaps a parole) of a fixed term of T months that runs from `start`;
 * `first` is the earliest proposal; `floor_m` the months that must be served in the end. */
static void fixed_history(struct zx_gen *g, const struct convict *cv, int T, int32_t start,
                          int32_t first, int interval, int floor_m, int after_life)
{
    struct zx_gen__rng *r = &g->exec_rng;
    int32_t p = first + 8 + (int32_t)zx_gen__below(r, 200);
    int sumred = 0, ncut = 0, ncap = 0, last_red = 0;
    int32_t last_served = ZX_DATE_NULL;
    int parole_ok =
        !after_life && !cv->recidivist && !(cv->violent && T >= 120) && !cv->unpaid && !cv->duty19;
    while (p <= g->o.to) {
        int served_m = (int)((p - start) / 30.44);
        int remaining = T - sumred - served_m;
        if (remaining < 10)
            break;
        /* 减刑→假释 (art. 28): ≥ 1 year after the last cut's service, 1.5 after a cut ≥ 1 year */
        int parole_gap_ok = last_served == ZX_DATE_NULL ||
                            p >= zx_date_add_months_eom(last_served, last_red >= 12 ? 18 : 12) + 8;
        if (parole_ok && parole_gap_ok && served_m + cv->pretrial / 30 >= T / 2 + 2 &&
            zx_gen__chance(r, 0.3)) {
            change(g, cv, CK_PAROLE, p, M_R, 0, 0, 0, 0);
            return;
        }
        int merit = pick_merit(r);
        int cap = cap_months(cv, merit, after_life);
        int red = cap * 2 / 3 + (int)zx_gen__below(r, (uint32_t)(cap - cap * 2 / 3 + 1));
        if (ncut >= 2 && ncap == ncut && red >= cap)
            red = cap - 1; /* never 顶格 every time */
        if (red > remaining - 6)
            red = remaining - 6;
        if (red > T - floor_m - sumred)
            red = T - floor_m - sumred;
        if (red < 3)
            break;
        int32_t served = change(g, cv, CK_COMMUTATION, p, merit, red, 0, 0, 0);
        if (served == ZX_DATE_NULL)
            break;
        sumred += red;
        ncut++;
        ncap += red >= cap;
        last_red = red;
        last_served = served;
        int gap = interval > red ? interval : red; /* interval ≥ the last reduction (art. 6) */
        p = zx_date_add_months_eom(served, gap) + 8 + (int32_t)zx_gen__below(r, 240);
    }
}

static int plant(struct zx_gen *g, const struct convict *cv);

static void history(struct zx_gen *g, const struct convict *cv)
{
    struct zx_gen__rng *r = &g->exec_rng;
    if (g->o.violations > 0 && zx_gen__below(r, 1000) < (uint32_t)g->o.violations && plant(g, cv))
        return;
    if (cv->kind == SK_FIXED && cv->term >= 24 && zx_gen__chance(r, 0.012)) {
        int ground = cv->gender == 2 && zx_gen__chance(r, 0.3) ? 2
                     : zx_gen__chance(r, 0.88)                 ? 1
                                                               : 3;
        int wait = zx_gen__range(r, 6, 30);
        /* 暂予监外执行规定 art. 7: 累犯 / violent with ≥ 10 years serve 1/3 first */
        if (ground != 2 && (cv->recidivist || cv->violent) && cv->term >= 120)
            wait += cv->term / 3 + 1;
        int32_t d = zx_date_add_months_eom(cv->start, wait);
        if (d <= g->o.to)
            change(g, cv, CK_TEMPORARY, d, 0, 0, 0, 0, ground);
        return;
    }
    if (!zx_gen__chance(r, 0.7))
        return; /* no commutation: not proposed, or not deserved */
    if (cv->kind == SK_FIXED) {
        int T = cv->term;
        if (T < 12)
            return;
        int start_min = T < 60 ? 12 : T < 120 ? 18 : 24;
        int interval = T < 120 ? 12 : 18;
        if (strict_group(cv))
            start_min = 24;
        if ((strict_group(cv) || cv->violent) && T >= 120)
            interval = 18;
        if (cv->duty19) {
            start_min = T < 120 ? 24 : 36;
            interval = T < 120 ? 18 : 24;
        }
        fixed_history(g, cv, T, cv->start, zx_date_add_months_eom(cv->start, start_min), interval,
                      T / 2 + 2, 0);
        return;
    }
    int32_t p;
    if (cv->kind == SK_SD) {
        /* the two-year period ends: 死缓 becomes 无期 */
        p = zx_date_add_months_eom(cv->start, 24) + (int32_t)zx_gen__below(r, 60);
        int32_t served = change(g, cv, CK_COMMUTATION, p, 0, 0, 0, SK_LIFE, 0);
        if (served == ZX_DATE_NULL)
            return;
        p = zx_date_add_months_eom(served, cv->limited ? 60 : cv->duty19 ? 48 : 36);
    } else if (cv->kind == SK_LIFE) {
        p = zx_date_add_months_eom(cv->start, cv->duty19                        ? 48
                                              : strict_group(cv) || cv->violent ? 36
                                                                                : 24);
    } else {
        return;
    }
    p += 8 + (int32_t)zx_gen__below(r, 200);
    if (p > g->o.to)
        return;
    int merit = pick_merit(r);
    if (merit == M_RGG)
        merit = M_GG;
    int term;
    if (cv->kind == SK_SD && cv->duty19)
        term = merit == M_GG ? 288 : merit == M_RG ? 294 : 300;
    else if (cv->kind == SK_SD)
        term = merit == M_GG ? 282 : merit == M_RG ? 294 : 300;
    else if (cv->duty19)
        term = merit == M_GG ? 258 : merit == M_RG ? 270 : 276;
    else if (cv->strict || cv->violent)
        term = 264;
    else
        term = merit == M_GG ? 246 : merit == M_RG ? 258 : 264;
    int32_t served = change(g, cv, CK_COMMUTATION, p, merit, 0, term, SK_FIXED, 0);
    if (served == ZX_DATE_NULL)
        return;
    /* floors: 13 years for 无期, 15 for 死缓, 20 when 限制减刑 (CL 78) */
    int floor_m = cv->kind == SK_LIFE ? 156 : cv->limited ? 240 : 180;
    fixed_history(g, cv, term, served, zx_date_add_months_eom(served, 24), 24, floor_m, 1);
}

/* ---- planted violations ---- */

enum {
    PV_START,
    PV_INTERVAL,
    PV_CAP,
    PV_FLOOR,
    PV_PAROLE_EARLY,
    PV_PAROLE_EXCLUDED,
    PV_TEMPORARY,
    PV_PATTERN_MAX,
    PV_PATTERN_EARLY,
    PV_COUNT_
};

/* The planted categories are the checker's: one list of names (execution/exec.h). */
_Static_assert((int)PV_COUNT_ == (int)ZX_EXEC_CAT_COUNT_ &&
                   (int)PV_START == (int)ZX_EXEC_START_TOO_EARLY &&
                   (int)PV_INTERVAL == (int)ZX_EXEC_INTERVAL_TOO_SHORT &&
                   (int)PV_CAP == (int)ZX_EXEC_REDUCTION_OVER_CAP &&
                   (int)PV_FLOOR == (int)ZX_EXEC_FLOOR_VIOLATED &&
                   (int)PV_PAROLE_EARLY == (int)ZX_EXEC_PAROLE_NOT_ELIGIBLE &&
                   (int)PV_PAROLE_EXCLUDED == (int)ZX_EXEC_PAROLE_EXCLUDED &&
                   (int)PV_TEMPORARY == (int)ZX_EXEC_TEMP_NOT_ELIGIBLE &&
                   (int)PV_PATTERN_MAX == (int)ZX_EXEC_PATTERN_MAX &&
                   (int)PV_PATTERN_EARLY == (int)ZX_EXEC_PATTERN_EARLY,
               "planted and checked categories");

const char *zx_gen__finding_cat(int cat)
{
    const char *c = zx_exec_cat_code((enum zx_exec_cat)cat);
    return cat >= 0 && c ? c : "";
}

static void found(struct zx_gen *g, unsigned long long chg, unsigned long long convict, int cat)
{
    if (g->nfindings == g->cap_findings) {
        size_t n = g->cap_findings ? g->cap_findings * 2 : 256;
        struct zx_gen__finding *f = realloc(g->findings, n * sizeof *f);
        if (!f) {
            g->out[ZX_GEN_FINDINGS].errnum = ENOMEM; /* reported when the file is closed */
            return;
        }
        g->findings = f;
        g->cap_findings = n;
    }
    g->findings[g->nfindings++] = (struct zx_gen__finding){chg, convict, cat};
}

void zx_gen__findings_write(struct zx_gen *g)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_FINDINGS];
    zx_gen__puts(o, "change_id,convict_id,category");
    zx_gen__eol(o);
    for (size_t i = 0; i < g->nfindings; i++) {
        const struct zx_gen__finding *f = &g->findings[i];
        if (f->change)
            zx_gen__put_id(o, "SC", f->change, 7);
        zx_gen__putc(o, ',');
        zx_gen__put_id(o, "CV", f->convict, 7);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, zx_gen__finding_cat(f->cat));
        zx_gen__eol(o);
    }
}

static int age_on(int32_t birth, int32_t d)
{
    int by, bm, bd, y, m, dd;
    zx_date_to_ymd(birth, &by, &bm, &bd);
    zx_date_to_ymd(d, &y, &m, &dd);
    return y - by - (m < bm || (m == bm && dd < bd));
}

/* A convict under the plain rules of art. 6 only: none of the strict groups, an adult when
 * service began (art. 19), under 65 on every proposal (art. 20). */
static int ordinary(const struct convict *cv)
{
    return cv->kind == SK_FIXED && !strict_group(cv) && !cv->violent && !cv->duty19 &&
           age_on(cv->birth, cv->start) >= 18;
}

/* Proposals p[0..n) with their rulings and services drawn; 1 when all of them lie in the
 * JX2016 era (from 2017-01-01), the proposer was under 65 and the last service is in the
 * period. */
struct plan {
    int n;
    int32_t p[3], ruled[3], served[3];
};

static int plan_ok(struct zx_gen *g, const struct convict *cv, const struct plan *pl)
{
    int32_t era = zx_date_from_ymd(2017, 1, 1);
    for (int i = 0; i < pl->n; i++)
        if (pl->p[i] < era || pl->p[i] <= cv->start || pl->served[i] > g->o.to ||
            age_on(cv->birth, pl->p[i]) >= 65)
            return 0;
    return 1;
}

static void plan_dates(struct zx_gen *g, struct plan *pl, int i)
{
    struct zx_gen__rng *r = &g->exec_rng;
    pl->ruled[i] = pl->p[i] + zx_gen__range(r, 15, 40);
    pl->served[i] = pl->ruled[i] + zx_gen__range(r, 2, 7);
}

/* The first proposal day of art. 6 for term T. */
static int32_t art6_start(const struct convict *cv)
{
    return zx_date_add_months_eom(cv->start, cv->term < 60 ? 12 : cv->term < 120 ? 18 : 24);
}

/* Half of the term served with pre-trial custody credited (CL 81; 半个月 = 15 days). */
static int32_t half_served(const struct convict *cv)
{
    return zx_date_add_months_eom(cv->start - cv->pretrial, cv->term / 2) + (cv->term % 2) * 15;
}

static int plant_one(struct zx_gen *g, const struct convict *cv, int cat)
{
    struct zx_gen__rng *r = &g->exec_rng;
    struct plan pl = {0};
    int T = cv->term;
    int parole_ok = cv->kind == SK_FIXED && T >= 24 && !cv->recidivist &&
                    !(cv->violent && T >= 120) && !cv->unpaid && !cv->duty19;
    int red[3] = {0, 0, 0}, merit = M_R, kind = CK_COMMUTATION;
    switch (cat) {
    case PV_START: /* one to thirty days before the first day of art. 6 */
        if (!ordinary(cv) || T < 36 ||
            zx_date_add_months_eom(cv->start - cv->pretrial, T) <
                zx_date_add_months_eom(cv->start, 24))
            return 0;
        pl.n = 1;
        pl.p[0] = art6_start(cv) - zx_gen__range(r, 1, 30);
        red[0] = zx_gen__range(r, 3, 6);
        break;
    case PV_INTERVAL: /* the second cut one to thirty days early */
        if (!ordinary(cv) || T < 60)
            return 0;
        pl.n = 2;
        pl.p[0] = art6_start(cv) + 8 + (int32_t)zx_gen__below(r, 60);
        plan_dates(g, &pl, 0);
        red[0] = zx_gen__range(r, 4, 6);
        red[1] = zx_gen__range(r, 3, 5);
        pl.p[1] = zx_date_add_months_eom(pl.served[0], T < 120 ? 12 : 18) - zx_gen__range(r, 1, 30);
        break;
    case PV_CAP: /* 确有悔改 alone: 10 to 12 months against a cap of 9 */
        if (!ordinary(cv) || T < 60)
            return 0;
        pl.n = 1;
        pl.p[0] = art6_start(cv) + 8 + (int32_t)zx_gen__below(r, 100);
        red[0] = zx_gen__range(r, 10, 12);
        break;
    case PV_FLOOR: /* 悔改并重大立功 (cap 24, no start limit) cutting past half the term */
        if (!ordinary(cv) || T < 24 || T > 44)
            return 0;
        pl.n = 1;
        pl.p[0] = cv->start + 8 + (int32_t)zx_gen__below(r, 100);
        merit = M_RGG;
        red[0] = T / 2 + zx_gen__range(r, 1, 2);
        break;
    case PV_PAROLE_EARLY: /* parole one to thirty days before half the term */
        if (!parole_ok || age_on(cv->birth, cv->start) < 18)
            return 0;
        pl.n = 1;
        kind = CK_PAROLE;
        pl.p[0] = half_served(cv) - zx_gen__range(r, 1, 30);
        break;
    case PV_PAROLE_EXCLUDED: /* a 累犯 paroled once eligible */
        if (cv->kind != SK_FIXED || T < 24 || !cv->recidivist)
            return 0;
        pl.n = 1;
        kind = CK_PAROLE;
        pl.p[0] = half_served(cv) + 8 + (int32_t)zx_gen__below(r, 100);
        break;
    case PV_TEMPORARY: /* 保外就医 for a life sentence */
        if (cv->kind != SK_LIFE)
            return 0;
        pl.n = 1;
        kind = CK_TEMPORARY;
        pl.p[0] = zx_date_add_months_eom(cv->start, zx_gen__range(r, 6, 30));
        break;
    case PV_PATTERN_MAX:   /* three cuts of 9 months for 确有悔改 (顶格), dates spread */
    case PV_PATTERN_EARLY: /* three cuts on the first allowed day (踩点), below the cap */
        if (!ordinary(cv) || T < 120)
            return 0;
        pl.n = 3;
        for (int i = 0; i < 3; i++) {
            int32_t due = i == 0 ? art6_start(cv) : zx_date_add_months_eom(pl.served[i - 1], 18);
            int late =
                cat == PV_PATTERN_MAX ? 8 + (int)zx_gen__below(r, 60) : (int)zx_gen__below(r, 5);
            pl.p[i] = due + late;
            plan_dates(g, &pl, i);
            red[i] = cat == PV_PATTERN_MAX ? 9 : zx_gen__range(r, 5, 7);
        }
        break;
    default:
        return 0;
    }
    for (int i = 0; i < pl.n; i++)
        if (!pl.served[i])
            plan_dates(g, &pl, i);
    if (!plan_ok(g, cv, &pl))
        return 0;
    for (int i = 0; i < pl.n; i++)
        change_at(g, cv, kind, pl.p[i], pl.ruled[i], pl.served[i], kind == CK_TEMPORARY ? 0 : merit,
                  red[i], 0, 0, kind == CK_TEMPORARY ? 1 : 0);
    int whole = cat == PV_PATTERN_MAX || cat == PV_PATTERN_EARLY;
    found(g, whole ? 0 : g->last_change, cv->id, cat);
    return 1;
}

/* Try the categories, the least planted first; 1 when a violation was planted. */
static int plant(struct zx_gen *g, const struct convict *cv)
{
    int tried = 0;
    for (int k = 0; k < PV_COUNT_; k++) {
        int cat = -1;
        for (int c = 0; c < PV_COUNT_; c++)
            if (!(tried & (1 << c)) && (cat < 0 || g->planted[c] < g->planted[cat]))
                cat = c;
        tried |= 1 << cat;
        if (plant_one(g, cv, cat)) {
            g->planted[cat]++;
            return 1;
        }
    }
    return 0;
}

static void write_convict(struct zx_gen *g, const struct convict *cv, unsigned long long person_id,
                          const struct zx_gen__person *p, int inst, const char *charge)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_CONVICTS];
    g->last_convict = cv->id;
    zx_gen__put_id(o, "CV", cv->id, 7);
    zx_gen__putc(o, ',');
    if (person_id)
        zx_gen__put_id(o, "P", person_id, 7);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, p->name);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, p->idnum);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, p->birth, 0);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, g->inst[inst].id);
    zx_gen__putc(o, ',');
    zx_gen__put_field(o, charge ? charge : "");
    zx_gen__putc(o, ',');
    zx_gen__puts(o, sk_code[cv->kind]);
    zx_gen__putc(o, ',');
    if (cv->term > 0)
        zx_gen__put_int(o, cv->term);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, cv->start, 0);
    zx_gen__putc(o, ',');
    zx_gen__put_int(o, cv->pretrial);
    const int flags[6] = {cv->recidivist, cv->violent, cv->strict,
                          cv->duty19,     cv->limited, cv->unpaid};
    for (int i = 0; i < 6; i++)
        zx_gen__puts(o, flags[i] ? ",1" : ",0");
    zx_gen__eol(o);
    history(g, cv);
}

static void set_flags(struct zx_gen *g, struct convict *cv, const char *charge, int32_t judged)
{
    struct zx_gen__rng *r = &g->rng;
    cv->violent = in_list(charge, violent_charges, 7);
    cv->strict = in_list(charge, strict_charges, 8) || zx_gen__chance(r, 0.02);
    cv->duty19 = (charge && (!strcmp(charge, "受贿罪") || !strcmp(charge, "贪污罪"))) &&
                 judged >= zx_date_from_ymd(2015, 11, 1);
    cv->recidivist = zx_gen__chance(r, 0.1);
    cv->limited = cv->kind == SK_SD && cv->violent && zx_gen__chance(r, 0.25);
    cv->unpaid = zx_gen__chance(r, 0.03);
    if (cv->recidivist)
        cv->strict = 1; /* 累犯 are a strict category (art. 7) */
}

/* Where a sentence is served: prisons for long terms, the local detention house for short
 * ones, community corrections for 管制. */
static int institution(struct zx_gen *g, const struct convict *cv, int unit, int minor)
{
    const struct zx_gen__unit *u = &g->units[unit];
    if (cv->kind == SK_CONTROL)
        return u->corrections;
    if (cv->kind == SK_DETENTION || (cv->kind == SK_FIXED && cv->term < 12))
        return u->detention;
    if (minor)
        return g->prisons[3];
    if (cv->gender == 2 && zx_gen__chance(&g->rng, 0.8))
        return g->prisons[2];
    return g->prisons[zx_gen__chance(&g->rng, 0.5) ? zx_gen__below(&g->rng, 2)
                                                   : zx_gen__below(&g->rng, (uint32_t)g->nprisons)];
}

void zx_gen__convict_write(struct zx_gen *g, unsigned long long person_id,
                           const struct zx_gen__person *p, int unit, const char *charge,
                           int32_t judged, int32_t arrested, int months)
{
    struct zx_gen__rng *r = &g->rng;
    struct convict cv = {0};
    cv.kind = months == 0 ? SK_LIFE : months < 0 ? SK_SD : months <= 6 ? SK_DETENTION : SK_FIXED;
    cv.term = months > 0 ? months : 0;
    cv.start = judged + zx_gen__range(r, 15, 45);
    if (cv.start > g->o.to)
        return;
    cv.pretrial = arrested != ZX_DATE_NULL ? (int)(judged - arrested) + zx_gen__range(r, 3, 30)
                                           : zx_gen__range(r, 0, 30);
    cv.gender = p->gender;
    cv.birth = p->birth;
    set_flags(g, &cv, charge, judged);
    int minor = judged - p->birth < 18 * 365 + 4;
    cv.id = ++g->next_convict;
    write_convict(g, &cv, person_id, p, institution(g, &cv, unit, minor), charge);
}

static const char *const old_charges[] = {
    "盗窃罪", "抢劫罪",     "故意杀人罪", "故意伤害罪", "走私、贩卖、运输、制造毒品罪",
    "强奸罪", "诈骗罪",     "受贿罪",     "贪污罪",     "组织、领导、参加黑社会性质组织罪",
    "绑架罪", "集资诈骗罪", "合同诈骗罪", "交通肇事罪", "寻衅滋事罪"};
static const int old_w[] = {20, 10, 6, 12, 14, 6, 8, 4, 2, 3, 2, 2, 4, 3, 4};

void zx_gen__old_convicts_write(struct zx_gen *g, long long n)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_CONVICTS];
    zx_gen__puts(o, "convict_id,person_id,name,id_number,birth_date,institution_id,charge,"
                    "sentence_kind,term_months,sentence_start,pretrial_days,recidivist,"
                    "violent_list,strict_category,duty_crime_2019,death_limited,"
                    "property_unpaid");
    zx_gen__eol(o);
    o = &g->out[ZX_GEN_CHANGES];
    zx_gen__puts(o, "change_id,convict_id,kind,proposed_on,ruled_on,served_on,merit,"
                    "reduction_months,new_term_months,new_sentence_kind,ground,note");
    zx_gen__eol(o);

    struct zx_gen__rng *r = &g->rng;
    int32_t lo = zx_date_from_ymd(2000, 1, 1), hi = g->o.from - 400;
    if (g->o.convicts >= 0) { /* 倒查: sentences begun over the 30 years before the period end */
        lo = zx_date_add_months_eom(g->o.to, -360);
        hi = g->o.to - 200;
    }
    if (hi <= lo)
        hi = lo + 365;
    int wsum = 0;
    for (size_t i = 0; i < sizeof old_w / sizeof old_w[0]; i++)
        wsum += old_w[i];
    for (long long i = 0; i < n; i++) {
        struct convict cv = {0};
        struct zx_gen__person p;
        int x = (int)zx_gen__below(r, (uint32_t)wsum), ci = 0;
        while ((x -= old_w[ci]) >= 0)
            ci++;
        const char *charge = old_charges[ci];
        int violent = in_list(charge, violent_charges, 7);
        double y = zx_gen__unit(r);
        if (y < (violent ? 0.62 : 0.84)) {
            cv.kind = SK_FIXED;
            double z = zx_gen__unit(r);
            cv.term = z < 0.25  ? zx_gen__range(r, 12, 36)
                      : z < 0.7 ? zx_gen__range(r, 36, 120)
                                : zx_gen__range(r, 120, 240);
        } else if (y < (violent ? 0.82 : 0.93)) {
            cv.kind = SK_LIFE;
        } else if (y < (violent ? 0.98 : 0.96)) {
            cv.kind = SK_SD;
        } else if (y < 0.98) {
            cv.kind = SK_DETENTION;
            cv.term = zx_gen__range(r, 1, 6);
        } else {
            cv.kind = SK_CONTROL;
            cv.term = zx_gen__range(r, 3, 24);
        }
        cv.start = lo + (int32_t)zx_gen__below(r, (uint32_t)(hi - lo));
        cv.pretrial = zx_gen__range(r, 30, 420);
        p.role = 4;
        p.gender = zx_gen__chance(r, 0.07) ? 2 : 1;
        cv.gender = p.gender;
        int age = zx_gen__range(r, 18, 60); /* one draw per expression: see cases.c */
        p.birth = cv.start - (int32_t)(age * 365.25) - (int32_t)zx_gen__below(r, 365);
        cv.birth = p.birth;
        zx_gen__person_name(r, p.gender, p.name);
        int u = (int)zx_gen__below(r, (uint32_t)g->nunits);
        zx_gen__idnum(r, zx_gen__region(g, u), p.birth, p.gender, p.idnum);
        set_flags(g, &cv, charge, cv.start);
        cv.id = ++g->next_convict;
        write_convict(g, &cv, 0, &p, institution(g, &cv, u, 0), charge);
    }
}
