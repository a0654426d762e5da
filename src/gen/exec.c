/* exec.c — convicts and their sentence changes (减刑、假释、暂予监外执行).
 *
 * Histories follow the ordinary rules of 法释〔2016〕23号 and the 2019 supplement
 * (research/legal-rules.md §2) with margins, so that a rule checker finds nothing here: start
 * times, intervals (≥ the last reduction), caps per merit and the floors of time served. */
#include "gen/internal.h"
#include "util/date.h"

#include <limits.h>

enum { SK_FIXED = 1, SK_LIFE, SK_SD, SK_DETENTION, SK_CONTROL };
enum { CK_COMMUTATION = 1, CK_PAROLE, CK_TEMPORARY };
enum { M_R = 1, M_G, M_RG, M_GG, M_RGG };
enum { I_PRISON = 1, I_DETENTION, I_CORRECTIONS };

struct convict {
    unsigned long long id;
    int kind, term; /* term in months for fixed, detention and control */
    int32_t start;
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

/* Write one change; returns its service date (送达日), or ZX_DATE_NULL when it would fall
 * after the period and was therefore not written. */
static int32_t change(struct zx_gen *g, const struct convict *cv, int kind, int32_t proposed,
                      int merit, int months, int new_term, int new_kind, int ground)
{
    struct zx_gen__rng *r = &g->rng;
    int32_t ruled = proposed + zx_gen__range(r, 15, 40);
    int32_t served = ruled + zx_gen__range(r, 2, 7);
    if (served > g->o.to)
        return ZX_DATE_NULL;
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
    return served;
}

static int pick_merit(struct zx_gen__rng *r)
{
    double x = zx_gen__unit(r);
    return x < 0.72 ? M_R : x < 0.80 ? M_G : x < 0.94 ? M_RG : x < 0.99 ? M_GG : M_RGG;
}

/* Largest reduction in months for a merit (art. 6, 7 and the 2019 supplement). */
static int cap_months(const struct convict *cv, int merit, int after_life)
{
    int cap = merit == M_R || merit == M_G ? 9 : merit == M_RG ? 12 : merit == M_GG ? 18 : 24;
    if (cv->duty19)
        cap = merit == M_R || merit == M_G ? 6 : merit == M_RG ? 9 : 12;
    if (cv->strict || cv->violent || after_life)
        cap = cap > 12 ? 12 : cap > 8 ? 8 : cap;
    if (cv->limited)
        cap = 6;
    return cap;
}

static int32_t months_after(int32_t d, int months)
{
    return zx_date_add_months(d, months);
}

/* Commutations (and perhaps a parole) of a fixed term of T months that runs from `start`;
 * `first` is the earliest proposal; `floor_m` the months that must be served in the end. */
static void fixed_history(struct zx_gen *g, const struct convict *cv, int T, int32_t start,
                          int32_t first, int interval, int floor_m, int after_life)
{
    struct zx_gen__rng *r = &g->rng;
    int32_t p = first + (int32_t)zx_gen__below(r, 200);
    int sumred = 0;
    int parole_ok =
        !after_life && !cv->recidivist && !(cv->violent && T >= 120) && !cv->unpaid && !cv->duty19;
    while (p <= g->o.to) {
        int served_m = (int)((p - start) / 30.44);
        int remaining = T - sumred - served_m;
        if (remaining < 10)
            break;
        if (parole_ok && served_m + cv->pretrial / 30 >= T / 2 + 2 && zx_gen__chance(r, 0.3)) {
            change(g, cv, CK_PAROLE, p, M_R, 0, 0, 0, 0);
            return;
        }
        int merit = pick_merit(r);
        int cap = cap_months(cv, merit, after_life);
        int red = cap * 2 / 3 + (int)zx_gen__below(r, (uint32_t)(cap - cap * 2 / 3 + 1));
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
        int gap = interval > red ? interval : red; /* interval ≥ the last reduction (art. 6) */
        p = months_after(served, gap) + (int32_t)zx_gen__below(r, 240);
    }
}

static void history(struct zx_gen *g, const struct convict *cv)
{
    struct zx_gen__rng *r = &g->rng;
    if (cv->kind == SK_FIXED && cv->term >= 24 && zx_gen__chance(r, 0.012)) {
        int ground = cv->gender == 2 && zx_gen__chance(r, 0.3) ? 2
                     : zx_gen__chance(r, 0.88)                 ? 1
                                                               : 3;
        int32_t d = months_after(cv->start, zx_gen__range(r, 6, 30));
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
        if (cv->strict)
            start_min = 24;
        if ((cv->strict || cv->violent) && T >= 120)
            interval = 18;
        if (cv->duty19) {
            start_min = T < 120 ? 24 : 36;
            interval = T < 120 ? 18 : 24;
        }
        fixed_history(g, cv, T, cv->start, months_after(cv->start, start_min), interval, T / 2 + 2,
                      0);
        return;
    }
    int32_t p;
    if (cv->kind == SK_SD) {
        /* the two-year period ends: 死缓 becomes 无期 */
        p = months_after(cv->start, 24) + (int32_t)zx_gen__below(r, 60);
        int32_t served = change(g, cv, CK_COMMUTATION, p, 0, 0, 0, SK_LIFE, 0);
        if (served == ZX_DATE_NULL)
            return;
        p = months_after(served, cv->limited ? 60 : 36);
    } else if (cv->kind == SK_LIFE) {
        p = months_after(cv->start, cv->duty19 ? 48 : cv->strict || cv->violent ? 36 : 24);
    } else {
        return;
    }
    p += (int32_t)zx_gen__below(r, 200);
    if (p > g->o.to)
        return;
    int merit = pick_merit(r);
    if (merit == M_RGG)
        merit = M_GG;
    int term;
    if (cv->kind == SK_SD)
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
    fixed_history(g, cv, term, served, months_after(served, 24), 24, floor_m, 1);
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
        zx_gen__person_name(r, p.gender, p.name);
        int u = (int)zx_gen__below(r, (uint32_t)g->nunits);
        zx_gen__idnum(r, zx_gen__region(g, u), p.birth, p.gender, p.idnum);
        set_flags(g, &cv, charge, cv.start);
        cv.id = ++g->next_convict;
        write_convict(g, &cv, 0, &p, institution(g, &cv, u, 0), charge);
    }
}
