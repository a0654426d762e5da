/* cases.c — the case stream: each case is built in memory with its persons and events, cut at
 * the end of the period, sorted by date and written at once, so memory never grows.
 *
 * Rule for determinism: at most one PRNG draw per expression or argument list. C leaves the
 * order of sibling operands unspecified, and gcc and clang do differ, so two draws in one call
 * would make the bundle depend on the compiler. */
#include "gen/internal.h"
#include "model/vocab.h"
#include "util/date.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { B_ORD = 1, B_MAJOR, B_DUTY, B_ECON, B_EXEC, B_CIVIL, B_ADMIN, B_PIL, B_JUV, B_COMPL };
enum { LN_CRIM = 1, LN_CIVIL, LN_ADMIN, LN_PIL };
enum { K_PROC = 1, K_AUTH };
enum { S_TRANS = 1, S_APPL, S_SELF };
enum { P_SUSPECT = 1, P_APPLICANT, P_VICTIM, P_CONVICT, P_OTHER };
enum { T_PROC, T_CRIM_SUP, T_EXEC, T_COMPLAINT, T_JUDG_SUP, T_TRIAL_SUP, T_PIL };

/* Case mix: template, business and share of all cases. Lines come to 84 : 7 : 5 : 4. */
static const struct {
    int tmpl, biz;
    double p;
} mix[] = {
    {T_PROC, B_ORD, 0.500},        {T_PROC, B_MAJOR, 0.050},      {T_PROC, B_DUTY, 0.012},
    {T_PROC, B_ECON, 0.070},       {T_PROC, B_JUV, 0.040},        {T_CRIM_SUP, B_ORD, 0.040},
    {T_CRIM_SUP, B_ECON, 0.010},   {T_CRIM_SUP, B_MAJOR, 0.010},  {T_EXEC, B_EXEC, 0.070},
    {T_COMPLAINT, B_COMPL, 0.038}, {T_JUDG_SUP, B_CIVIL, 0.030},  {T_TRIAL_SUP, B_CIVIL, 0.040},
    {T_JUDG_SUP, B_ADMIN, 0.020},  {T_TRIAL_SUP, B_ADMIN, 0.030}, {T_PIL, B_PIL, 0.040},
};

#define N(a) (int)(sizeof a / sizeof a[0])

/* National shapes by year 2019..2025 (research/indicators.md §5), before unit shifts. */
static const double NO_ARREST[7] = {.25, .27, .31, .40, .42, .36, .34};
static const double NON_PROS[7] = {.12, .14, .17, .24, .27, .21, .20};
static const double PLEA[7] = {.80, .85, .88, .89, .90, .90, .90};
static const double FIXED[7] = {.78, .85, .94, .95, .96, .96, .96};
static const double ADOPT[7] = {.90, .93, .96, .96, .97, .96, .96};
static const double ARREST_STAGE[7] = {.70, .64, .58, .46, .46, .50, .48};

struct charge {
    const char *name;
    int w;
};
static const struct charge ch_ord[] = {
    {"危险驾驶罪", 26},
    {"盗窃罪", 16},
    {"诈骗罪", 8},
    {"帮助信息网络犯罪活动罪", 9},
    {"故意伤害罪", 7},
    {"寻衅滋事罪", 4},
    {"开设赌场罪", 4},
    {"掩饰、隐瞒犯罪所得罪", 4},
    {"交通肇事罪", 4},
    {"走私、贩卖、运输、制造毒品罪", 5},
    {"妨害公务罪", 2},
    {"聚众斗殴罪", 2},
    {"容留他人吸毒罪", 2},
    {"非法持有毒品罪", 2},
    {"侵犯公民个人信息罪", 2},
    {"抢夺罪", 1},
    {"非法拘禁罪", 1},
};
static const struct charge ch_major[] = {
    {"故意杀人罪", 20},
    {"抢劫罪", 25},
    {"强奸罪", 20},
    {"绑架罪", 5},
    {"组织、领导、参加黑社会性质组织罪", 8},
    {"放火罪", 4},
    {"爆炸罪", 1},
    {"故意伤害罪", 12},
    {"走私、贩卖、运输、制造毒品罪", 5},
};
static const struct charge ch_duty[] = {
    {"受贿罪", 45}, {"贪污罪", 25},    {"挪用公款罪", 8},
    {"行贿罪", 10}, {"滥用职权罪", 7}, {"玩忽职守罪", 5},
};
static const struct charge ch_econ[] = {
    {"非法吸收公众存款罪", 22},   {"集资诈骗罪", 8},           {"合同诈骗罪", 18},
    {"虚开增值税专用发票罪", 16}, {"生产、销售伪劣产品罪", 8}, {"信用卡诈骗罪", 12},
    {"职务侵占罪", 10},           {"组织、领导传销活动罪", 6},
};
static const struct charge ch_juv[] = {
    {"盗窃罪", 30},     {"抢劫罪", 15},     {"故意伤害罪", 15},
    {"寻衅滋事罪", 15}, {"聚众斗殴罪", 10}, {"帮助信息网络犯罪活动罪", 10},
    {"强奸罪", 5},
};
static const struct charge ch_civil[] = {
    {"民间借贷纠纷", 25},
    {"买卖合同纠纷", 15},
    {"劳动争议", 12},
    {"离婚纠纷", 8},
    {"机动车交通事故责任纠纷", 10},
    {"房屋买卖合同纠纷", 10},
    {"建设工程施工合同纠纷", 12},
    {"金融借款合同纠纷", 8},
};
static const struct charge ch_admin[] = {
    {"行政处罚", 35},     {"行政许可", 12}, {"行政强制", 15},
    {"行政非诉执行", 20}, {"行政登记", 8},  {"工伤认定", 10},
};
static const struct charge ch_pil[] = {
    {"生态环境和资源保护", 40}, {"食品药品安全", 22}, {"国有财产保护", 12},
    {"国有土地使用权出让", 8},  {"安全生产", 8},      {"英烈权益保护", 2},
    {"个人信息保护", 8},
};

static const char *pick_charge(struct zx_gen__rng *r, const struct charge *c, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += c[i].w;
    int x = (int)zx_gen__below(r, (uint32_t)total);
    for (int i = 0; i < n; i++) {
        x -= c[i].w;
        if (x < 0)
            return c[i].name;
    }
    return c[0].name;
}

/* 犯罪态势 (o.trends): ordinary crimes follow the seasons — 危险驾驶 peaks around the
 * Spring Festival, 故意伤害, 寻衅滋事 and 聚众斗殴 in summer, 盗窃 in winter — as a weight
 * factor 1 + a·cos(2π(month − peak)/12) in per cent, and two waves are planted (cases moved
 * to one county and given the wave's charge), so the trends page has 研判 points to show. */
struct season {
    const char *name;
    int peak, amp; /* peak month 1..12, amplitude in per cent of the weight */
};
static const struct season seasons[] = {
    {"危险驾驶罪", 1, 45}, {"盗窃罪", 12, 30},    {"故意伤害罪", 7, 40},
    {"寻衅滋事罪", 7, 40}, {"聚众斗殴罪", 7, 50},
};
struct wave {
    int county;         /* the n-th county-level unit (0-based) */
    int y, m0, m1;      /* months m0..m1 of year y */
    int permille[4];    /* share of the province's ordinary cases moved, per month of the wave */
    const char *charge; /* most of them; the rest 帮助信息网络犯罪活动罪 */
    int main_pct;
};
static const struct wave waves[] = {
    {2, 2025, 6, 9, {90, 200, 160, 80}, "诈骗罪", 75},
    {7, 2025, 3, 4, {80, 60, 0, 0}, "盗窃罪", 100},
};

static const char *pick_seasonal(struct zx_gen__rng *r, const struct charge *c, int n, int month)
{
    int w[32], total = 0;
    for (int i = 0; i < n && i < 32; i++) {
        w[i] = c[i].w * 100;
        for (size_t k = 0; k < sizeof seasons / sizeof seasons[0]; k++)
            if (!strcmp(seasons[k].name, c[i].name))
                w[i] = (int)lround(
                    c[i].w *
                    (100.0 + seasons[k].amp * cos(2 * M_PI * (month - seasons[k].peak) / 12)));
        total += w[i];
    }
    int x = (int)zx_gen__below(r, (uint32_t)total); /* one draw, as pick_charge */
    for (int i = 0; i < n; i++) {
        x -= w[i];
        if (x < 0)
            return c[i].name;
    }
    return c[0].name;
}

/* Two charges of the tables above are written short; with o.trends (where charges are
 * counted by name) they are written as 罪名 of the official list (the shared data's
 * lecard_charges.txt). Without it the output stays as before. */
static const char *official_charge(const char *name)
{
    if (name && !strcmp(name, "掩饰、隐瞒犯罪所得罪"))
        return "掩饰、隐瞒犯罪所得、犯罪所得收益罪";
    if (name && !strcmp(name, "虚开增值税专用发票罪"))
        return "虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪";
    return name;
}

/* A planted wave: may move an ordinary case of date a to the wave's county. Returns the
 * charge to give it, or NULL. Draws from g->trend_rng only. */
static const char *plant_wave(struct zx_gen *g, int *unit, int32_t a)
{
    int y, m, d;
    zx_date_to_ymd(a, &y, &m, &d);
    for (size_t w = 0; w < sizeof waves / sizeof waves[0]; w++) {
        const struct wave *v = &waves[w];
        if (y != v->y || m < v->m0 || m > v->m1)
            continue;
        if (!zx_gen__chance(&g->trend_rng, v->permille[m - v->m0] / 1000.0))
            return NULL;
        /* the n-th county-level unit that handles ordinary crime */
        int lv = zx_vocab_find(ZX_V_UNIT_LEVEL, "county", 6), seen = 0;
        for (int u = 0; u < g->nunits; u++)
            if (g->units[u].level == lv && g->units[u].nhandlers[B_ORD] > 0 &&
                seen++ == v->county) {
                *unit = u;
                return zx_gen__chance(&g->trend_rng, v->main_pct / 100.0)
                           ? v->charge
                           : "帮助信息网络犯罪活动罪";
            }
        return NULL;
    }
    return NULL;
}

#define MAXP 8
#define MAXE 192

struct ev {
    int32_t date;
    int16_t seq;
    uint8_t type, result;
    int8_t person;            /* index into the case's persons, -1 for case-level */
    uint8_t noref;            /* leave ref_event_id empty: the importer links it */
    int16_t ref;              /* index of the answered event, -1 none */
    int32_t handler, decider; /* staff indexes, -1 empty */
    long long amount;         /* -1 none */
    const char *note;
};

struct cb {
    struct zx_gen *g;
    struct zx_gen__rng *r;
    int unit, handler, biz, line, kind, source, tmpl, yi;
    double q;
    int32_t a;
    const char *charge;
    struct zx_gen__person p[MAXP];
    int np;
    int32_t arrested[MAXP];
    int convict[MAXP]; /* months (0 life, -1 suspended death), INT_MIN none */
    struct ev e[MAXE];
    int ne;
    int order[MAXE], pos[MAXE];
};

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

static int dayrange(struct cb *c, int lo, int hi)
{
    return zx_gen__range(c->r, lo, hi);
}

/* Who did it: mostly the case handler, sometimes left empty, rarely a colleague. */
static int ev_handler(struct cb *c)
{
    double x = zx_gen__unit(c->r);
    if (x < 0.80)
        return c->handler;
    if (x < 0.97)
        return -1;
    const struct zx_gen__unit *u = &c->g->units[c->unit];
    int n = u->nhandlers[c->biz];
    return n ? u->handlers[c->biz][zx_gen__below(c->r, (uint32_t)n)] : c->handler;
}

/* Who decided: must = 1 for acts only a leader decides (不起诉, 抗诉, 起诉公益诉讼). */
static int ev_decider(struct cb *c, int must)
{
    const struct zx_gen__unit *u = &c->g->units[c->unit];
    double x = must ? 0.9 + 0.1 * zx_gen__unit(c->r) : zx_gen__unit(c->r);
    if (x < 0.55)
        return -1;
    if (x < 0.70)
        return c->handler;
    if (x < 0.90 && u->heads[c->biz] >= 0)
        return u->heads[c->biz];
    return u->leaders[zx_gen__below(c->r, (uint32_t)(u->nleaders > 3 ? 3 : u->nleaders))];
}

static int add(struct cb *c, int32_t date, int type, int person, int result)
{
    if (c->ne == MAXE)
        return -1;
    struct ev *e = &c->e[c->ne];
    e->date = date;
    e->seq = (int16_t)c->ne;
    e->type = (uint8_t)type;
    e->result = (uint8_t)result;
    e->person = (int8_t)person;
    e->noref = 0;
    e->ref = -1;
    e->handler = ev_handler(c);
    e->decider = -1;
    e->amount = -1;
    e->note = NULL;
    return c->ne++;
}

/* A reply or outcome answering event `to`; 3% leave ref_event_id empty for the importer. */
static int reply(struct cb *c, int32_t date, int type, int person, int result, int to)
{
    int i = add(c, date, type, person, result);
    if (i >= 0 && to >= 0) {
        c->e[i].ref = (int16_t)to;
        c->e[i].noref = zx_gen__chance(c->r, 0.03);
    }
    return i;
}

static void decided(struct cb *c, int i, int must)
{
    if (i >= 0)
        c->e[i].decider = ev_decider(c, must);
}

static int add_person(struct cb *c, int role, int gender, int age_lo, int age_hi, double id_p)
{
    if (c->np == MAXP)
        return -1;
    struct zx_gen__person *p = &c->p[c->np];
    p->role = role;
    p->gender = gender;
    int age = age_lo + (int)zx_gen__below(c->r, (uint32_t)(age_hi - age_lo + 1));
    p->birth = c->a - age * 365 - (int32_t)zx_gen__below(c->r, 365) - age / 4;
    zx_gen__person_name(c->r, gender, p->name);
    if (zx_gen__chance(c->r, id_p))
        zx_gen__idnum(c->r, zx_gen__region(c->g, c->unit), p->birth, gender, p->idnum);
    else
        p->idnum[0] = '\0';
    c->arrested[c->np] = ZX_DATE_NULL;
    c->convict[c->np] = INT_MIN;
    return c->np++;
}

static int suspect_age(struct cb *c)
{
    int a = (int)zx_gen__below(c->r, 26);
    return 18 + a + (int)zx_gen__below(c->r, 24);
}

static int add_suspect(struct cb *c)
{
    int gender = zx_gen__chance(c->r, c->biz == B_DUTY ? 0.2 : 0.13) ? 2 : 1;
    if (c->biz == B_JUV)
        return add_person(c, P_SUSPECT, gender, 14, 17, 0.99);
    int age = suspect_age(c);
    return add_person(c, P_SUSPECT, gender, age, age, 0.97);
}

/* Months of sentence for a guilty judgment: 0 life, -1 suspended death. */
static int sentence_months(struct cb *c, int plea)
{
    double x = zx_gen__unit(c->r);
    if (c->biz == B_MAJOR) {
        if (x < 0.02)
            return zx_gen__chance(c->r, 0.5) ? 0 : -1;
        return x < 0.07 ? dayrange(c, 3, 6) : x < 0.35 ? dayrange(c, 6, 60) : dayrange(c, 36, 240);
    }
    if (c->biz == B_DUTY) {
        if (x < 0.01)
            return 0;
        return x < 0.35   ? dayrange(c, 6, 36)
               : x < 0.80 ? dayrange(c, 36, 120)
                          : dayrange(c, 120, 180);
    }
    if (c->biz == B_ECON)
        return x < 0.1    ? dayrange(c, 3, 6)
               : x < 0.6  ? dayrange(c, 6, 36)
               : x < 0.92 ? dayrange(c, 36, 120)
                          : dayrange(c, 120, 180);
    if (plea)
        return x < 0.42   ? dayrange(c, 1, 6)
               : x < 0.80 ? dayrange(c, 6, 36)
               : x < 0.96 ? dayrange(c, 36, 84)
                          : dayrange(c, 84, 180);
    return x < 0.2    ? dayrange(c, 1, 6)
           : x < 0.55 ? dayrange(c, 6, 36)
           : x < 0.86 ? dayrange(c, 36, 120)
                      : dayrange(c, 120, 240);
}

/* How the 不捕 chance of suspect k moves with what a social-danger assessment reads
 * (src/danger): co-suspects and a victim make detention likelier. And the planted bias the
 * calibration report must find: a suspect whose 户籍 (the id number's first 4 digits) is not
 * the unit's city is detained more often at the same danger — the known risk in practice
 * (issue 11 §5). No random draws here, so the rest of the stream is unchanged. */
static double na_shift(const struct cb *c, int k, int ns, int victim)
{
    const char *id = c->p[k].idnum, *code = c->g->units[c->unit].code;
    /* centred: over the reviewed suspects the shifts average 0 (-0.056 + 0.056), so the
     * province's 不捕率 stays as calibrated (test_gen's demo calibration) */
    double d = 0.056 + (ns >= 2 ? -0.05 : 0) + (victim ? -0.04 : 0);
    if (id[0] && strncmp(id, code, 4) != 0)
        d -= 0.12;
    return d;
}

/* 审查逮捕 → 移送审查起诉 → 起诉/不起诉 → 判决, one case with 1–6 suspects. */
static void gen_procedure(struct cb *c)
{
    int yi = c->yi;
    double q = c->q;
    int juv = c->biz == B_JUV, major = c->biz == B_MAJOR, duty = c->biz == B_DUTY;

    double x = zx_gen__unit(c->r);
    int ns = major  ? (x < 0.5    ? 1
                       : x < 0.75 ? 2
                       : x < 0.88 ? 3
                                  : dayrange(c, 4, 6))
             : duty ? (x < 0.85 ? 1 : 2)
                    : (x < 0.74   ? 1
                       : x < 0.91 ? 2
                       : x < 0.97 ? 3
                                  : dayrange(c, 4, 5));
    for (int k = 0; k < ns; k++)
        add_suspect(c);
    int victim = -1;
    if (!duty && zx_gen__chance(c->r, c->biz == B_ECON ? 0.25 : 0.35))
        victim = add_person(c, P_VICTIM, zx_gen__chance(c->r, 0.5) ? 2 : 1, 12, 75, 0.7);

    double p_na =
        NO_ARREST[yi] + 0.06 * q + (juv ? 0.18 : 0) - (major ? 0.15 : 0) - (duty ? 0.2 : 0) + 0.032;
    double p_np =
        NON_PROS[yi] + 0.05 * q + (juv ? 0.2 : 0) - (major ? 0.12 : 0) - (duty ? 0.1 : 0) + 0.006;
    double p_plea = PLEA[yi] + 0.04 * q + (juv ? 0.03 : 0) - (major ? 0.1 : 0) + 0.018;
    double p_fixed = FIXED[yi] + 0.05 * q + 0.012;
    double p_adopt = ADOPT[yi] + 0.03 * q + 0.008;
    double f = 1 - 0.35 * q; /* weak units return and extend more */

    /* arrest stage */
    int alive[MAXP] = {0};
    int32_t last_decision = c->a;
    int stage = zx_gen__chance(c->r, clamp01(ARREST_STAGE[yi] - 0.06 * q + (major ? 0.15 : 0) +
                                             (duty ? 0.3 : 0) - (juv ? 0.15 : 0)));
    for (int k = 0; k < ns; k++) {
        alive[k] = 1;
        if (!stage || (k > 0 && !zx_gen__chance(c->r, 0.92)))
            continue;
        int32_t ar = c->a + (k ? (int32_t)zx_gen__below(c->r, 2) : 0);
        add(c, ar, ZX_EV_ARREST_REVIEW, k,
            zx_gen__chance(c->r, 0.93) ? ZX_R_DETAINED : ZX_R_NOT_DETAINED);
        int32_t d1 = ar + dayrange(c, 2, 7);
        if (d1 > last_decision)
            last_decision = d1;
        if (zx_gen__chance(c->r, clamp01(p_na + na_shift(c, k, ns, victim >= 0)))) {
            double y = zx_gen__unit(c->r);
            int why = y < 0.08                  ? ZX_R_NO_CRIME
                      : y < (juv ? 0.25 : 0.45) ? ZX_R_INSUFFICIENT_EVIDENCE
                                                : ZX_R_NO_NECESSITY;
            int na = add(c, d1, ZX_EV_NO_ARREST, k, why);
            decided(c, na, 0);
            int changed = 0;
            if (zx_gen__chance(c->r, 0.024)) {
                int32_t d2 = d1 + dayrange(c, 5, 10);
                changed = zx_gen__chance(c->r, 0.12);
                reply(c, d2, ZX_EV_NO_ARREST_RECONSIDERATION, k,
                      changed ? ZX_R_CHANGED : ZX_R_UPHELD, na);
                if (!changed && zx_gen__chance(c->r, 0.3)) {
                    changed = zx_gen__chance(c->r, 0.1);
                    d2 += dayrange(c, 10, 20);
                    reply(c, d2, ZX_EV_NO_ARREST_REVIEW, k, changed ? ZX_R_CHANGED : ZX_R_UPHELD,
                          na);
                }
                if (changed) {
                    decided(c, add(c, d2, ZX_EV_ARREST, k, 0), 0);
                    c->arrested[k] = d2;
                }
                if (d2 > last_decision)
                    last_decision = d2;
            }
            if (!changed && zx_gen__chance(c->r, 0.2))
                alive[k] = 0; /* the police drop the matter: no transfer for prosecution */
        } else {
            decided(c, add(c, d1, ZX_EV_ARREST, k, 0), 0);
            c->arrested[k] = d1;
            if (zx_gen__chance(c->r, 0.01))
                add(c, d1 + dayrange(c, 10, 40), ZX_EV_ARREST_APPEAL, k, 0);
        }
    }
    int any = 0;
    for (int k = 0; k < ns; k++)
        any |= alive[k];
    if (!any)
        return;

    /* 审查起诉: returns for supplementary investigation and one extension, decreasing by year */
    int32_t T = stage ? last_decision + dayrange(c, 25, 75) : c->a;
    int32_t cur = T;
    double p_ret = clamp01((0.72 - 0.103 * yi) * f), p_ret2 = clamp01((0.45 - 0.05 * yi) * f);
    double p_ext = clamp01((0.37 - 0.054 * yi) * f);
    int nret = zx_gen__chance(c->r, p_ret) ? (zx_gen__chance(c->r, p_ret2) ? 2 : 1) : 0;
    int ret_idx[2] = {-1, -1}, ext_idx = -1;
    for (int i = 0; i < nret; i++) {
        cur += dayrange(c, 10, 25);
        ret_idx[i] = add(c, cur, ZX_EV_RETURN_INVESTIGATION, -1, 0);
        if (ret_idx[i] >= 0)
            c->e[ret_idx[i]].note = duty ? (i ? "第二次退回补充调查" : "第一次退回补充调查")
                                         : (i ? "第二次退回补充侦查" : "第一次退回补充侦查");
        cur += dayrange(c, 20, 32);
    }
    if (zx_gen__chance(c->r, p_ext)) {
        cur += dayrange(c, 20, 28);
        ext_idx = add(c, cur, ZX_EV_EXTEND_REVIEW, -1, 0);
        decided(c, ext_idx, 0);
    }
    int simple = ns == 1 && !major && !duty && nret == 0;
    int32_t C = cur + (simple ? dayrange(c, 6, 15) : dayrange(c, 12, 40));
    if (zx_gen__chance(c->r, 0.005))
        add(c, T + dayrange(c, 1, 5), ZX_EV_CHANGE_JURISDICTION, -1, 0);

    int any_np = 0, any_judged = 0;
    int32_t last_j = C;
    for (int k = 0; k < ns; k++) {
        if (!alive[k])
            continue;
        int detained = c->arrested[k] != ZX_DATE_NULL;
        /* 羁押必要性审查 after arrest */
        if (detained && C - c->arrested[k] > 20 && zx_gen__chance(c->r, clamp01(0.18 + 0.08 * q))) {
            int32_t d = c->arrested[k] + dayrange(c, 10, C - c->arrested[k] - 8);
            int rel = zx_gen__chance(c->r, 0.45);
            int cr =
                add(c, d, ZX_EV_CUSTODY_REVIEW, k, rel ? ZX_R_RELEASE_RECOMMENDED : ZX_R_CONTINUE);
            const struct zx_gen__unit *u = &c->g->units[c->unit];
            if (cr >= 0 && u->nhandlers[B_EXEC] && zx_gen__chance(c->r, 0.5))
                c->e[cr].handler =
                    u->handlers[B_EXEC][zx_gen__below(c->r, (uint32_t)u->nhandlers[B_EXEC])];
            if (rel) {
                int ok = zx_gen__chance(c->r, clamp01(0.88 + 0.08 * q));
                reply(c, d + dayrange(c, 3, 7), ZX_EV_CUSTODY_REVIEW_REPLY, k,
                      ok ? ZX_R_ADOPTED : ZX_R_REJECTED, cr);
                if (ok && d + 7 < T)
                    detained = 0;
            }
        }
        add(c, T + (k ? (int32_t)zx_gen__below(c->r, 2) : 0), ZX_EV_PROSECUTION_REVIEW, k,
            detained ? ZX_R_DETAINED : ZX_R_NOT_DETAINED);

        int plea = zx_gen__chance(c->r, clamp01(p_plea));
        if (plea)
            add(c, T + 1 + (int32_t)zx_gen__below(c->r, (uint32_t)(C - T)), ZX_EV_PLEA, k, 0);

        if (zx_gen__chance(c->r, clamp01(p_np))) {
            double y = zx_gen__unit(c->r);
            int kind = juv && y < 0.45 ? ZX_R_CONDITIONAL
                       : plea          ? (y < 0.93   ? ZX_R_DISCRETIONARY
                                          : y < 0.97 ? ZX_R_STATUTORY
                                                     : ZX_R_EVIDENTIARY)
                                       : (y < 0.45   ? ZX_R_EVIDENTIARY
                                          : y < 0.55 ? ZX_R_STATUTORY
                                                     : ZX_R_DISCRETIONARY);
            int np = add(c, C, ZX_EV_NON_PROSECUTION, k, kind);
            decided(c, np, 1);
            any_np = 1;
            if (zx_gen__chance(c->r, 0.012)) {
                int32_t d = C + dayrange(c, 7, 14);
                reply(c, d, ZX_EV_NON_PROSECUTION_RECONSIDERATION, k,
                      zx_gen__chance(c->r, 0.92) ? ZX_R_UPHELD : ZX_R_CHANGED, np);
                if (zx_gen__chance(c->r, 0.3)) {
                    d += dayrange(c, 10, 30);
                    reply(c, d, ZX_EV_NON_PROSECUTION_REVIEW, k,
                          zx_gen__chance(c->r, 0.9) ? ZX_R_UPHELD : ZX_R_CHANGED, np);
                }
            }
            if (zx_gen__chance(c->r, 0.01)) {
                int32_t d = C + dayrange(c, 10, 60);
                add(c, d, ZX_EV_NON_PROSECUTION_APPEAL, k,
                    zx_gen__chance(c->r, 0.95) ? ZX_R_UPHELD : ZX_R_CHANGED);
            }
            continue;
        }

        int prop = -1;
        if (plea || zx_gen__chance(c->r, 0.25)) {
            int fixed = zx_gen__chance(c->r, plea ? clamp01(p_fixed) : 0.3);
            prop = add(c, C, ZX_EV_SENTENCING_PROPOSAL, k, fixed ? ZX_R_FIXED : ZX_R_RANGE);
        }
        decided(c, add(c, C, ZX_EV_INDICT, k, 0), 0);
        if (zx_gen__chance(c->r, 0.004 * (1 - q))) {
            int32_t d = C + dayrange(c, 20, 60);
            decided(c, add(c, d, ZX_EV_WITHDRAW_INDICTMENT, k, 0), 1);
            if (zx_gen__chance(c->r, 0.6)) {
                d += dayrange(c, 7, 30);
                int res = zx_gen__chance(c->r, 0.6) ? ZX_R_EVIDENTIARY : ZX_R_DISCRETIONARY;
                decided(c, add(c, d, ZX_EV_NON_PROSECUTION, k, res), 1);
            }
            continue;
        }
        int32_t J = C + (plea ? dayrange(c, 10, 40) : dayrange(c, 25, 100));
        double y = zx_gen__unit(c->r);
        int res = y < 0.0004 * (q < 0 ? 4 : 1) ? ZX_R_ACQUITTED
                  : y < 0.013                  ? ZX_R_EXEMPTED
                                               : ZX_R_GUILTY;
        int j = add(c, J, ZX_EV_JUDGMENT, k, res);
        any_judged = 1;
        if (J > last_j)
            last_j = J;
        if (j >= 0 && res == ZX_R_GUILTY) {
            int m = sentence_months(c, plea);
            if (m > 0)
                c->e[j].amount = m;
            else
                c->e[j].note = m == 0 ? "无期徒刑" : "死刑缓期二年执行";
            /* a few go to prison records, always with an id number: prisons have one */
            if ((m >= 7 || m <= 0) && c->p[k].idnum[0] && zx_gen__chance(c->r, 0.08))
                c->convict[k] = m;
        }
        if (prop >= 0) {
            int ok = res != ZX_R_ACQUITTED &&
                     zx_gen__chance(c->r, clamp01(plea ? p_adopt : p_adopt - 0.15));
            reply(c, J, ZX_EV_PROPOSAL_OUTCOME, k, ok ? ZX_R_ADOPTED : ZX_R_NOT_ADOPTED, prop);
        }
        if (zx_gen__chance(c->r, res == ZX_R_ACQUITTED ? 0.5 : 0.004)) {
            int32_t d = J + dayrange(c, 3, 10);
            int pr = add(c, d, ZX_EV_PROTEST, -1, 0);
            decided(c, pr, 1);
            double z = zx_gen__unit(c->r);
            int out = z < 0.55 ? ZX_R_CHANGED : z < 0.75 ? ZX_R_REMANDED : ZX_R_UPHELD;
            d += dayrange(c, 60, 180);
            reply(c, d, ZX_EV_PROTEST_OUTCOME, -1, out, pr);
            if (out == ZX_R_REMANDED && zx_gen__chance(c->r, 0.5))
                add(c, d, ZX_EV_RETRIAL_REMAND, -1, 0);
            if (d > last_j)
                last_j = d;
        } else if (zx_gen__chance(c->r, 0.003)) {
            add(c, J + dayrange(c, 60, 150), ZX_EV_RETRIAL_REMAND, -1, 0);
        }
    }

    /* case-level acts around the review */
    int hear = zx_gen__chance(c->r, any_np ? 0.15 : 0.02);
    if (hear) {
        int32_t d = C - (int32_t)zx_gen__below(c->r, (uint32_t)(C - T < 10 ? C - T + 1 : 10));
        decided(c, add(c, d, ZX_EV_HEARING, -1, 0), 0);
        if (zx_gen__chance(c->r, 0.4))
            add(c, d, ZX_EV_SUPERVISOR_INVITED, -1, 0);
    } else if (zx_gen__chance(c->r, 0.01)) {
        add(c, C, ZX_EV_SUPERVISOR_INVITED, -1, 0);
    }
    if (zx_gen__chance(c->r, c->biz == B_ECON || duty ? 0.35 : 0.05)) {
        int32_t d = T + (int32_t)zx_gen__below(c->r, (uint32_t)(last_j - T + 1));
        int i = add(c, d, ZX_EV_RECOVERY, -1, 0);
        if (i >= 0) {
            long long lo = duty ? 50000 : c->biz == B_ECON ? 100000 : 2000;
            long long m = 1 + zx_gen__below(c->r, 100);
            c->e[i].amount = lo * m / 10 * (1 + (long long)zx_gen__below(c->r, 10));
        }
    }
    if (zx_gen__chance(c->r, clamp01(0.04 - 0.015 * q))) {
        int32_t d = c->a + (int32_t)zx_gen__below(c->r, (uint32_t)(C - c->a + 1));
        int cn = add(c, d, ZX_EV_CORRECTION_NOTICE, -1, ZX_R_INVESTIGATION);
        decided(c, cn, 0);
        if (zx_gen__chance(c->r, 0.97)) {
            d += dayrange(c, 10, 30);
            reply(c, d, ZX_EV_CORRECTION_REPLY, -1,
                  zx_gen__chance(c->r, 0.985) ? ZX_R_ADOPTED : ZX_R_REJECTED, cn);
        }
    }
    if (any_judged && zx_gen__chance(c->r, 0.004)) {
        int32_t d = last_j + dayrange(c, 1, 10);
        int cn = add(c, d, ZX_EV_CORRECTION_NOTICE, -1, ZX_R_TRIAL);
        decided(c, cn, 0);
        reply(c, d + dayrange(c, 10, 30), ZX_EV_CORRECTION_REPLY, -1, ZX_R_ADOPTED, cn);
    }
    if (victim >= 0 && zx_gen__chance(c->r, 0.04)) {
        int i = add(c, C + dayrange(c, 10, 90), ZX_EV_JUDICIAL_AID, victim, 0);
        if (i >= 0)
            c->e[i].amount = 1000 * dayrange(c, 3, 60);
    }
}

/* A suggestion (检察建议) and, mostly, its reply within two months. */
static void suggestion(struct cb *c, int32_t d, int kind, double answered, double adopted,
                       double rectified)
{
    int s = add(c, d, ZX_EV_SUGGESTION, -1, kind);
    decided(c, s, 0);
    if (!zx_gen__chance(c->r, answered))
        return;
    double x = zx_gen__unit(c->r);
    int res = x < adopted ? ZX_R_ADOPTED : x < adopted + rectified ? ZX_R_RECTIFIED : ZX_R_REJECTED;
    reply(c, d + dayrange(c, 25, 60), ZX_EV_SUGGESTION_REPLY, -1, res, s);
}

static void correction(struct cb *c, int32_t d, int kind, double adopted)
{
    int cn = add(c, d, ZX_EV_CORRECTION_NOTICE, -1, kind);
    decided(c, cn, 0);
    if (zx_gen__chance(c->r, 0.96)) {
        d += dayrange(c, 10, 30);
        reply(c, d, ZX_EV_CORRECTION_REPLY, -1,
              zx_gen__chance(c->r, adopted) ? ZX_R_ADOPTED : ZX_R_REJECTED, cn);
    }
}

static void hearing(struct cb *c, int32_t d, double p, double with_supervisor)
{
    if (!zx_gen__chance(c->r, p))
        return;
    add(c, d, ZX_EV_HEARING, -1, 0);
    if (zx_gen__chance(c->r, with_supervisor))
        add(c, d, ZX_EV_SUPERVISOR_INVITED, -1, 0);
}

static void protest(struct cb *c, int32_t d, const double outcome[4])
{
    int pr = add(c, d, ZX_EV_PROTEST, -1, 0);
    decided(c, pr, 1);
    double x = zx_gen__unit(c->r);
    int res = x < outcome[0]                             ? ZX_R_CHANGED
              : x < outcome[0] + outcome[1]              ? ZX_R_REMANDED
              : x < outcome[0] + outcome[1] + outcome[2] ? ZX_R_MEDIATED
                                                         : ZX_R_UPHELD;
    reply(c, d + dayrange(c, 90, 240), ZX_EV_PROTEST_OUTCOME, -1, res, pr);
}

/* 立案监督, 侦查/审判活动监督, 社会治理检察建议: criminal supervision by authority. */
static void gen_crim_sup(struct cb *c)
{
    if (c->source == S_APPL)
        add_person(c, P_APPLICANT, zx_gen__chance(c->r, 0.4) ? 2 : 1, 20, 70, 0.9);
    else if (zx_gen__chance(c->r, 0.3))
        add_person(c, P_OTHER, zx_gen__chance(c->r, 0.2) ? 2 : 1, 18, 65, 0.8);
    double x = zx_gen__unit(c->r);
    int32_t d = c->a + dayrange(c, 5, 40);
    if (x < 0.4) {
        decided(c,
                add(c, d, ZX_EV_FILING_SUPERVISION, -1,
                    zx_gen__chance(c->r, 0.7) ? ZX_R_FILE : ZX_R_DISMISS),
                0);
    } else if (x < 0.85) {
        correction(c, d, zx_gen__chance(c->r, 0.75) ? ZX_R_INVESTIGATION : ZX_R_TRIAL,
                   clamp01(0.97 + 0.02 * c->q));
    } else {
        int32_t ds = d + dayrange(c, 5, 20);
        suggestion(c, ds, zx_gen__chance(c->r, 0.6) ? ZX_R_SOCIAL_GOVERNANCE : ZX_R_OTHER, 0.94,
                   clamp01(0.5 + 0.05 * c->q), 0.4);
    }
    hearing(c, d, 0.03, 0.3);
}

/* 刑事执行检察: custody and execution supervision. */
static void gen_exec(struct cb *c)
{
    if (zx_gen__chance(c->r, 0.4))
        add_person(c, P_CONVICT, zx_gen__chance(c->r, 0.08) ? 2 : 1, 20, 70, 0.98);
    int32_t d = c->a + dayrange(c, 3, 30);
    double x = zx_gen__unit(c->r);
    if (x < 0.6)
        correction(c, d, zx_gen__chance(c->r, 0.5) ? ZX_R_CUSTODY : ZX_R_EXECUTION,
                   clamp01(0.96 + 0.03 * c->q));
    else if (x < 0.9)
        suggestion(c, d, ZX_R_EXECUTION, 0.95, clamp01(0.62 + 0.08 * c->q), 0.3);
    hearing(c, d, 0.02, 0.5);
}

/* 控告申诉: criminal complaints, judicial aid, hearings. */
static void gen_complaint(struct cb *c)
{
    int app = add_person(c, P_APPLICANT, zx_gen__chance(c->r, 0.45) ? 2 : 1, 20, 75, 0.92);
    if (zx_gen__chance(c->r, 0.2))
        add_person(c, P_VICTIM, zx_gen__chance(c->r, 0.5) ? 2 : 1, 15, 75, 0.7);
    int32_t d = c->a + dayrange(c, 10, 60);
    hearing(c, d, 0.2, 0.3);
    if (zx_gen__chance(c->r, 0.15)) {
        int i = add(c, d + dayrange(c, 0, 20), ZX_EV_JUDICIAL_AID, app, 0);
        if (i >= 0)
            c->e[i].amount = 1000 * dayrange(c, 3, 80);
    }
    if (zx_gen__chance(c->r, 0.03)) {
        static const double out[4] = {0.5, 0.25, 0, 0.25};
        protest(c, d + dayrange(c, 10, 40), out);
    }
}

/* 民事/行政 生效裁判监督: on application, 抗诉 or 再审检察建议 or no support. */
static void gen_judg_sup(struct cb *c)
{
    add_person(c, P_APPLICANT, zx_gen__chance(c->r, 0.4) ? 2 : 1, 22, 75, 0.92);
    if (zx_gen__chance(c->r, 0.5))
        add_person(c, P_OTHER, zx_gen__chance(c->r, 0.4) ? 2 : 1, 22, 75, 0.6);
    int civil = c->biz == B_CIVIL;
    int32_t d = c->a + dayrange(c, 45, 90);
    hearing(c, d - dayrange(c, 5, 20), 0.12, 0.3);
    double x = zx_gen__unit(c->r);
    if (x < 0.06) {
        static const double civ[4] = {0.55, 0.15, 0.2, 0.1}, adm[4] = {0.5, 0.2, 0.1, 0.2};
        protest(c, d, civil ? civ : adm);
    } else if (x < 0.18) {
        int s = add(c, d, ZX_EV_SUGGESTION, -1, ZX_R_RETRIAL);
        decided(c, s, 0);
        if (zx_gen__chance(c->r, 0.93)) {
            double p = clamp01((civil ? 0.73 : 0.70) + 0.08 * c->q);
            d += dayrange(c, 30, 90);
            reply(c, d, ZX_EV_SUGGESTION_REPLY, -1,
                  zx_gen__chance(c->r, p) ? ZX_R_ADOPTED : ZX_R_REJECTED, s);
        }
    }
}

/* 民事/行政 审判活动、执行活动监督. */
static void gen_trial_sup(struct cb *c)
{
    if (c->source == S_APPL)
        add_person(c, P_APPLICANT, zx_gen__chance(c->r, 0.4) ? 2 : 1, 22, 75, 0.9);
    int civil = c->biz == B_CIVIL;
    int32_t d = c->a + dayrange(c, 10, 60);
    if (zx_gen__chance(c->r, 0.25)) {
        correction(c, d, zx_gen__chance(c->r, 0.5) ? ZX_R_TRIAL : ZX_R_ENFORCEMENT,
                   clamp01(0.974 + 0.02 * c->q));
        return;
    }
    int trial = zx_gen__chance(c->r, 0.45);
    double adopted = trial ? (civil ? 0.869 : 0.915) : (civil ? 0.811 : 0.821);
    adopted = clamp01(adopted + 0.06 * c->q);
    suggestion(c, d, trial ? ZX_R_TRIAL : ZX_R_ENFORCEMENT, 0.95, adopted * 0.6, adopted * 0.4);
}

/* 公益诉讼: pre-litigation suggestion, then a lawsuit when the agency does not act. */
static void gen_pil(struct cb *c)
{
    if (c->source == S_APPL)
        add_person(c, P_APPLICANT, zx_gen__chance(c->r, 0.4) ? 2 : 1, 22, 75, 0.9);
    int32_t d = c->a + dayrange(c, 15, 60);
    hearing(c, d - dayrange(c, 1, 10), 0.10, 0.5);
    int sue = 0;
    if (zx_gen__chance(c->r, 0.92)) {
        int s = add(c, d, ZX_EV_SUGGESTION, -1, ZX_R_PRE_LITIGATION);
        decided(c, s, 0);
        if (zx_gen__chance(c->r, 0.96)) {
            double x = zx_gen__unit(c->r);
            int res = x < 0.291                  ? ZX_R_ADOPTED
                      : x < 0.991 + 0.005 * c->q ? ZX_R_RECTIFIED
                                                 : ZX_R_REJECTED;
            d += dayrange(c, 55, 65);
            reply(c, d, ZX_EV_SUGGESTION_REPLY, -1, res, s);
            sue = res == ZX_R_REJECTED || zx_gen__chance(c->r, 0.04);
        } else {
            d += 65;
            sue = zx_gen__chance(c->r, 0.5);
        }
    } else {
        sue = 1; /* a civil public-interest suit goes to court after the 30-day notice */
    }
    if (sue) {
        d += dayrange(c, 30, 90);
        decided(c, add(c, d, ZX_EV_PIL_LAWSUIT, -1, 0), 1);
        int32_t dj = d + dayrange(c, 90, 240);
        add(c, dj, ZX_EV_PIL_JUDGMENT, -1,
            zx_gen__chance(c->r, 0.995) ? ZX_R_SUPPORTED : ZX_R_REJECTED);
        if (zx_gen__chance(c->r, 0.2)) {
            int i = add(c, d + dayrange(c, 30, 200), ZX_EV_RECOVERY, -1, 0);
            if (i >= 0)
                c->e[i].amount = 10000LL * dayrange(c, 1, 500);
        }
    }
}

/* ---- writing ---- */

static const char *biz_code[] = {
    NULL,    "ordinary",       "major",           "duty",     "economic", "execution",
    "civil", "administrative", "public_interest", "juvenile", "complaint"};
static const char *case_word[] = {NULL,   "刑诉", "刑诉",   "刑诉",   "刑诉", "刑执",
                                  "民监", "行监", "行公立", "未刑诉", "刑申"};

static void put_code(struct zx_gen *g, struct zx_gen__out *o, enum zx_vocab v, int val,
                     double label_p)
{
    (void)g;
    const char *s = label_p > 0 && zx_gen__chance(&g->rng, label_p) ? zx_vocab_label(v, val)
                                                                    : zx_vocab_code(v, val);
    zx_gen__puts(o, s);
}

static int date_form(struct zx_gen *g, double p)
{
    if (!zx_gen__chance(&g->rng, p))
        return 0;
    return zx_gen__chance(&g->rng, 0.6) ? 1 : 2;
}

static void write_case(struct cb *c)
{
    struct zx_gen *g = c->g;
    int32_t to = g->o.to;

    /* cut at the end of the period: a later act has not happened yet */
    int open = 0, n = 0;
    int32_t last = c->a;
    for (int i = 0; i < c->ne; i++) {
        if (c->e[i].date > to) {
            open = 1;
            continue;
        }
        c->order[n++] = i;
        if (c->e[i].date > last)
            last = c->e[i].date;
    }
    /* stable insertion sort by date: creation order breaks ties, so answers follow questions */
    for (int i = 1; i < n; i++) {
        int v = c->order[i], j = i;
        while (j > 0 && c->e[c->order[j - 1]].date > c->e[v].date) {
            c->order[j] = c->order[j - 1];
            j--;
        }
        c->order[j] = v;
    }
    for (int i = 0; i < c->ne; i++)
        c->pos[i] = -1;
    for (int i = 0; i < n; i++)
        c->pos[c->order[i]] = i;

    int32_t closed = ZX_DATE_NULL;
    if (!open) {
        closed = n ? last + (int32_t)zx_gen__below(&g->rng, 6) : c->a + dayrange(c, 20, 90);
        if (closed > to)
            closed = ZX_DATE_NULL;
    }

    unsigned long long cid = ++g->next_case, pbase = g->next_person + 1, ebase = g->next_event + 1;
    /* the first criminal cases with a charge a document template knows get a judgment
     * (half of documents.csv at most, and not when bad rows may stand in for them) */
    if (c->tmpl == T_PROC && c->charge && !g->o.bad_rows &&
        g->ndoc_links < (size_t)(g->o.documents / 2)) {
        int t = zx_gen__doc_charge(c->charge);
        if (t >= 0 && g->ndoc_links == g->cap_doc_links) {
            size_t nc = g->cap_doc_links ? g->cap_doc_links * 2 : 1024;
            struct zx_gen__doc_link *nl = realloc(g->doc_links, nc * sizeof *nl);
            if (nl) {
                g->doc_links = nl;
                g->cap_doc_links = nc;
            }
        }
        if (t >= 0 && g->ndoc_links < g->cap_doc_links) {
            g->doc_links[g->ndoc_links].case_no = cid;
            g->doc_links[g->ndoc_links].tmpl = t;
            g->ndoc_links++;
        }
    }
    g->next_person += (unsigned long long)c->np;
    g->next_event += (unsigned long long)n;

    /* cases.csv */
    struct zx_gen__out *o = &g->out[ZX_GEN_CASES];
    const struct zx_gen__unit *u = &g->units[c->unit];
    int y, m, d;
    zx_date_to_ymd(c->a, &y, &m, &d);
    zx_gen__put_id(o, "C", cid, 7);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, u->id);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, u->abbr);
    zx_gen__puts(o, "检");
    zx_gen__puts(o, case_word[c->biz]);
    zx_gen__puts(o, "受[");
    zx_gen__put_int(o, y);
    zx_gen__putc(o, ']');
    uint32_t *seq = &g->case_seq[c->unit * g->nyears + (y - g->first_year)];
    zx_gen__put_id(o, u->code, ++*seq, 5);
    zx_gen__puts(o, "号,");
    put_code(g, o, ZX_V_LINE, c->line, 0.003);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, biz_code[c->biz]);
    zx_gen__putc(o, ',');
    put_code(g, o, ZX_V_CASE_KIND, c->kind, 0.003);
    zx_gen__putc(o, ',');
    zx_gen__puts(o, zx_vocab_code(ZX_V_CASE_SOURCE, c->source));
    zx_gen__putc(o, ',');
    if (c->charge)
        zx_gen__put_field(o, c->charge);
    zx_gen__putc(o, ',');
    zx_gen__put_date(g, o, c->a, date_form(g, 0.003));
    zx_gen__putc(o, ',');
    if (closed != ZX_DATE_NULL)
        zx_gen__put_date(g, o, closed, date_form(g, 0.003));
    zx_gen__putc(o, ',');
    zx_gen__put_id(o, "S", (unsigned long long)c->handler + 1, 6);
    double pc = c->biz == B_MAJOR ? 0.4 : c->biz == B_DUTY ? 0.5 : c->biz == B_ECON ? 0.25 : 0.04;
    zx_gen__puts(o, zx_gen__chance(&g->rng, pc) ? ",1" : ",0");
    zx_gen__eol(o);

    /* persons.csv */
    o = &g->out[ZX_GEN_PERSONS];
    for (int k = 0; k < c->np; k++) {
        const struct zx_gen__person *p = &c->p[k];
        zx_gen__put_id(o, "P", pbase + (unsigned long long)k, 7);
        zx_gen__putc(o, ',');
        zx_gen__put_id(o, "C", cid, 7);
        zx_gen__putc(o, ',');
        put_code(g, o, ZX_V_PERSON_ROLE, p->role, 0.003);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, p->name);
        zx_gen__putc(o, ',');
        if (p->idnum[0]) {
            if (p->idnum[17] == 'X' && zx_gen__chance(&g->rng, 0.2)) {
                zx_gen__put(o, p->idnum, 17);
                zx_gen__putc(o, 'x'); /* people write it lower-case too */
            } else {
                zx_gen__put(o, p->idnum, 18);
            }
        }
        zx_gen__putc(o, ',');
        if (!zx_gen__chance(&g->rng, 0.02))
            put_code(g, o, ZX_V_GENDER, p->gender, 0.003);
        zx_gen__putc(o, ',');
        if (p->idnum[0] || zx_gen__chance(&g->rng, 0.5))
            zx_gen__put_date(g, o, p->birth, date_form(g, 0.005));
        zx_gen__eol(o);
    }

    /* events.csv */
    o = &g->out[ZX_GEN_EVENTS];
    for (int i = 0; i < n; i++) {
        const struct ev *e = &c->e[c->order[i]];
        zx_gen__put_id(o, "E", ebase + (unsigned long long)i, 8);
        zx_gen__putc(o, ',');
        zx_gen__put_id(o, "C", cid, 7);
        zx_gen__putc(o, ',');
        if (e->person >= 0)
            zx_gen__put_id(o, "P", pbase + (unsigned long long)e->person, 7);
        zx_gen__putc(o, ',');
        put_code(g, o, ZX_V_EVENT_TYPE, e->type, 0.005);
        zx_gen__putc(o, ',');
        zx_gen__put_date(g, o, e->date, date_form(g, 0.005));
        zx_gen__putc(o, ',');
        if (e->handler >= 0)
            zx_gen__put_id(o, "S", (unsigned long long)e->handler + 1, 6);
        zx_gen__putc(o, ',');
        if (e->decider >= 0)
            zx_gen__put_id(o, "S", (unsigned long long)e->decider + 1, 6);
        zx_gen__putc(o, ',');
        if (e->result)
            put_code(g, o, ZX_V_RESULT, e->result, 0.002);
        zx_gen__putc(o, ',');
        if (e->ref >= 0 && !e->noref && c->pos[e->ref] >= 0)
            zx_gen__put_id(o, "E", ebase + (unsigned long long)c->pos[e->ref], 8);
        zx_gen__putc(o, ',');
        if (e->amount >= 0)
            zx_gen__put_int(o, e->amount);
        zx_gen__putc(o, ',');
        if (e->note)
            zx_gen__put_field(o, e->note);
        zx_gen__eol(o);
    }

    /* the people sent to prison, with their history of sentence changes */
    for (int i = 0; i < n; i++) {
        const struct ev *e = &c->e[c->order[i]];
        if (e->type == ZX_EV_JUDGMENT && c->convict[e->person] != INT_MIN)
            zx_gen__convict_write(g, pbase + (unsigned long long)e->person, &c->p[e->person],
                                  c->unit, c->charge, e->date, c->arrested[e->person],
                                  c->convict[e->person]);
    }

    /* what planted rows may point at */
    g->last_case = cid;
    g->last_case_unit = c->unit;
    g->last_case_handler = c->handler;
    if (n)
        g->last_event = ebase + (unsigned long long)n - 1;
    if (c->np) {
        if (g->person_a_case && g->person_a_case != cid) {
            g->person_b = g->person_a;
            g->person_b_case = g->person_a_case;
        }
        g->person_a = pbase + (unsigned long long)c->np - 1;
        g->person_a_case = cid;
    }
}

void zx_gen__cases_write(struct zx_gen *g)
{
    static const char *const hdr[] = {
        "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,"
        "handler_id,complex",
        "person_id,case_id,role,name,id_number,gender,birth_date",
        "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,"
        "amount,note"};
    zx_gen__puts(&g->out[ZX_GEN_CASES], hdr[0]);
    zx_gen__eol(&g->out[ZX_GEN_CASES]);
    zx_gen__puts(&g->out[ZX_GEN_PERSONS], hdr[1]);
    zx_gen__eol(&g->out[ZX_GEN_PERSONS]);
    zx_gen__puts(&g->out[ZX_GEN_EVENTS], hdr[2]);
    zx_gen__eol(&g->out[ZX_GEN_EVENTS]);

    double cum[N(mix)], acc = 0;
    for (int i = 0; i < N(mix); i++)
        cum[i] = acc += mix[i].p;

    struct cb *c = malloc(sizeof *c);
    if (!c) {
        g->out[ZX_GEN_CASES].errnum = ENOMEM;
        return;
    }
    long long ncases = g->o.cases;
    double span = (double)(g->o.to - g->o.from + 1);
    for (long long i = 0; i < ncases; i++) {
        zx_gen__bad_due(g, ZX_GEN_CASES, i);
        struct zx_gen__rng *r = &g->rng;
        c->g = g;
        c->r = r;
        c->np = c->ne = 0;
        /* accepted dates rise through the file, with a little jitter */
        double t = ((double)i + zx_gen__unit(r)) * span / (double)ncases;
        c->a = g->o.from + (int32_t)t;
        if (c->a > g->o.to)
            c->a = g->o.to;
        int y, m, d;
        zx_date_to_ymd(c->a, &y, &m, &d);
        c->yi = y < 2019 ? 0 : y > 2025 ? 6 : y - 2019;

        double x = zx_gen__unit(r) * acc;
        int mi = 0;
        while (mi < N(mix) - 1 && x >= cum[mi])
            mi++;
        c->tmpl = mix[mi].tmpl;
        c->biz = mix[mi].biz;
        c->line = c->biz == B_CIVIL   ? LN_CIVIL
                  : c->biz == B_ADMIN ? LN_ADMIN
                  : c->biz == B_PIL   ? LN_PIL
                                      : LN_CRIM;

        /* unit by the business' weights, then a handler of the right department */
        const double *uc = g->unit_cdf[c->biz];
        double ux = zx_gen__unit(r) * uc[g->nunits - 1];
        int lo = 0, hi = g->nunits - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (uc[mid] > ux)
                hi = mid;
            else
                lo = mid + 1;
        }
        c->unit = lo;
        const char *wave = g->o.trends && c->biz == B_ORD ? plant_wave(g, &c->unit, c->a) : NULL;
        const struct zx_gen__unit *u = &g->units[c->unit];
        if (zx_gen__chance(r, 0.03) && u->nleaders)
            c->handler = u->leaders[zx_gen__below(r, (uint32_t)u->nleaders)];
        else
            c->handler = u->handlers[c->biz][zx_gen__below(r, (uint32_t)u->nhandlers[c->biz])];
        double q = u->q + 0.6 * g->staff[c->handler].skill;
        c->q = q < -1.3 ? -1.3 : q > 1.3 ? 1.3 : q;

        switch (c->tmpl) {
        case T_PROC:
            c->kind = K_PROC;
            c->source = zx_gen__chance(r, 0.98) ? S_TRANS : S_SELF;
            break;
        case T_CRIM_SUP:
            c->kind = K_AUTH;
            c->source = zx_gen__chance(r, 0.75) ? S_SELF : S_APPL;
            break;
        case T_EXEC:
            c->kind = K_AUTH;
            c->source = zx_gen__chance(r, 0.9) ? S_SELF : S_APPL;
            break;
        case T_COMPLAINT:
            c->kind = K_PROC;
            c->source = S_APPL;
            break;
        case T_JUDG_SUP:
            c->kind = K_PROC;
            c->source = zx_gen__chance(r, 0.92) ? S_APPL : S_SELF;
            break;
        case T_TRIAL_SUP:
            c->kind = K_AUTH;
            c->source = zx_gen__chance(r, 0.4) ? S_APPL : S_SELF;
            break;
        default:
            c->kind = K_AUTH;
            x = zx_gen__unit(r);
            c->source = x < 0.85 ? S_SELF : x < 0.95 ? S_APPL : S_TRANS;
            break;
        }
        switch (c->biz) {
        case B_ORD:
            if (g->o.trends) {
                const char *sc = pick_seasonal(r, ch_ord, N(ch_ord), m);
                c->charge = wave ? wave : sc;
            } else {
                c->charge = pick_charge(r, ch_ord, N(ch_ord));
            }
            break;
        case B_MAJOR:
            c->charge = pick_charge(r, ch_major, N(ch_major));
            break;
        case B_DUTY:
            c->charge = pick_charge(r, ch_duty, N(ch_duty));
            break;
        case B_ECON:
            c->charge = pick_charge(r, ch_econ, N(ch_econ));
            break;
        case B_JUV:
            c->charge = pick_charge(r, ch_juv, N(ch_juv));
            break;
        case B_CIVIL:
            c->charge = pick_charge(r, ch_civil, N(ch_civil));
            break;
        case B_ADMIN:
            c->charge = pick_charge(r, ch_admin, N(ch_admin));
            break;
        case B_PIL:
            c->charge = pick_charge(r, ch_pil, N(ch_pil));
            break;
        case B_COMPL:
            c->charge = zx_gen__chance(r, 0.6) ? pick_charge(r, ch_ord, N(ch_ord)) : NULL;
            break;
        default:
            c->charge = NULL;
        }
        if (c->tmpl == T_CRIM_SUP && zx_gen__chance(r, 0.3))
            c->charge = NULL;
        if (g->o.trends)
            c->charge = official_charge(c->charge);

        switch (c->tmpl) {
        case T_PROC:
            gen_procedure(c);
            break;
        case T_CRIM_SUP:
            gen_crim_sup(c);
            break;
        case T_EXEC:
            gen_exec(c);
            break;
        case T_COMPLAINT:
            gen_complaint(c);
            break;
        case T_JUDG_SUP:
            gen_judg_sup(c);
            break;
        case T_TRIAL_SUP:
            gen_trial_sup(c);
            break;
        default:
            gen_pil(c);
        }
        write_case(c);
    }
    free(c);
    zx_gen__bad_due(g, ZX_GEN_CASES, LLONG_MAX);
}
