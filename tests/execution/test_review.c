/* test_review.c — boundary vectors for every 减假暂 rule, written from the rule texts of
 * shared/research/legal-rules.md §2 (not from the code): one day before, on the day, one day
 * after; exactly 5 and 10 years; exactly one half served with pre-trial custody credited;
 * month ends (§1.1 C4). Each vector is a convict, its changes and the findings it must give
 * ("change:rule:severity", change "-" for a whole-history pattern), nothing more. */
#include "util/datafile.h"
#include "../zx_test.h"

#include "execution/exec.h"
#include "model/vocab.h"
#include "util/date.h"

struct ch {
    char kind; /* c commutation, p parole, t temporary release */
    const char *proposed, *ruled, *served;
    const char *merit;
    int red, new_term;
    const char *new_kind, *ground;
};

struct vec {
    const char *name;
    const char *kind;
    int term;
    const char *start;
    int pretrial;
    const char *birth;
    const char *flags; /* R recidivist, V violent, S strict, D duty19, L limited, U unpaid */
    struct ch ch[5];
    const char *want[4];
};

#define C(p, m, r)                                                                                 \
    {                                                                                              \
        'c', p, NULL, NULL, m, r, -1, NULL, NULL                                                   \
    }
#define CS(p, s, m, r)                                                                             \
    {                                                                                              \
        'c', p, NULL, s, m, r, -1, NULL, NULL                                                      \
    }
#define TOFIXED(p, ruled, m, t)                                                                    \
    {                                                                                              \
        'c', p, ruled, NULL, m, -1, t, "fixed", NULL                                               \
    }
#define TOLIFE(p, ruled, served)                                                                   \
    {                                                                                              \
        'c', p, ruled, served, NULL, -1, -1, "life", NULL                                          \
    }
#define P(p)                                                                                       \
    {                                                                                              \
        'p', p, NULL, NULL, "r", -1, -1, NULL, NULL                                                \
    }
#define T(p, g)                                                                                    \
    {                                                                                              \
        't', p, NULL, NULL, NULL, -1, -1, NULL, g                                                  \
    }
#define ADULT "1980-01-01"

/* clang-format off */
static const struct vec vecs[] = {
    /* JX2016 art. 6: 不满五年 → 执行一年以上 (spec example: from 2020-03-15 the day is 2021-03-15) */
    {"start <5y day before", "fixed", 36, "2020-03-15", 0, ADULT, "", {C("2021-03-14", "r", 6)}, {"0:JX2016-6-start:violation"}},
    {"start <5y on the day", "fixed", 36, "2020-03-15", 0, ADULT, "", {C("2021-03-15", "r", 6)}, {0}},
    {"start <5y day after", "fixed", 36, "2020-03-15", 0, ADULT, "", {C("2021-03-16", "r", 6)}, {0}},
    /* exactly 5 years is 五年以上不满十年: 一年六个月 */
    {"start 5y day before", "fixed", 60, "2020-03-15", 0, ADULT, "", {C("2021-09-14", "r", 6)}, {"0:JX2016-6-start:violation"}},
    {"start 5y on the day", "fixed", 60, "2020-03-15", 0, ADULT, "", {C("2021-09-15", "r", 6)}, {0}},
    /* exactly 10 years is 十年以上: 二年 */
    {"start 10y day before", "fixed", 120, "2020-03-15", 0, ADULT, "", {C("2022-03-14", "r", 6)}, {"0:JX2016-6-start:violation"}},
    {"start 10y on the day", "fixed", 120, "2020-03-15", 0, ADULT, "", {C("2022-03-15", "r", 6)}, {0}},
    /* C4: from the last day of a month to the last day of the target month */
    {"start month end before", "fixed", 60, "2019-06-30", 0, ADULT, "", {C("2020-12-30", "r", 6)}, {"0:JX2016-6-start:violation"}},
    {"start month end on", "fixed", 60, "2019-06-30", 0, ADULT, "", {C("2020-12-31", "r", 6)}, {0}},
    {"start leap day before", "fixed", 36, "2020-02-29", 0, ADULT, "", {C("2021-02-27", "r", 6)}, {"0:JX2016-6-start:violation"}},
    {"start leap day on", "fixed", 36, "2020-02-29", 0, ADULT, "", {C("2021-02-28", "r", 6)}, {0}},
    /* 重大立功: no start limit */
    {"start gg exempt", "fixed", 36, "2020-03-15", 0, ADULT, "", {C("2020-06-15", "gg", 6)}, {0}},
    /* art. 16: remaining term < 2 years after judgment: start may be shortened */
    {"start short remaining", "fixed", 24, "2020-03-15", 60, ADULT, "", {C("2020-09-15", "r", 3)}, {0}},
    /* art. 19 minors: start relaxed by up to 1/3 (12 → 8 months) */
    {"minor relaxed on", "fixed", 36, "2020-03-15", 0, "2003-01-01", "", {C("2020-11-15", "r", 6)}, {0}},
    {"minor relaxed before", "fixed", 36, "2020-03-15", 0, "2003-01-01", "", {C("2020-11-14", "r", 6)}, {"0:JX2016-6-start:violation"}},
    /* art. 20 elderly: inside the relaxed band → review (illness is not in the data) */
    {"elderly review", "fixed", 36, "2020-03-15", 0, "1950-01-01", "", {C("2021-01-15", "r", 6)}, {"0:JX2016-6-start:review"}},
    {"elderly violation", "fixed", 36, "2020-03-15", 0, "1950-01-01", "", {C("2020-11-14", "r", 6)}, {"0:JX2016-6-start:violation"}},
    /* art. 6 interval: 不满十年 ≥ 1 year from the last ruling's service */
    {"interval day before", "fixed", 60, "2020-01-01", 0, ADULT, "", {CS("2022-01-01", "2022-02-10", "r", 6), C("2023-02-09", "r", 6)}, {"1:JX2016-6-interval:violation"}},
    {"interval on the day", "fixed", 60, "2020-01-01", 0, ADULT, "", {CS("2022-01-01", "2022-02-10", "r", 6), C("2023-02-10", "r", 6)}, {0}},
    {"interval 10y 18 months", "fixed", 120, "2018-01-01", 0, ADULT, "", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-09-09", "r", 6)}, {"1:JX2016-6-interval:violation"}},
    {"interval 10y on the day", "fixed", 120, "2018-01-01", 0, ADULT, "", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-09-10", "r", 6)}, {0}},
    /* 减刑间隔时间不得低于上次减刑减去的刑期 */
    {"last cut before", "fixed", 96, "2019-01-01", 0, ADULT, "", {CS("2021-01-01", "2021-02-10", "gg", 18), C("2022-08-09", "r", 6)}, {"1:JX2016-6-last:violation"}},
    {"last cut on the day", "fixed", 96, "2019-01-01", 0, ADULT, "", {CS("2021-01-01", "2021-02-10", "gg", 18), C("2022-08-10", "r", 6)}, {0}},
    /* art. 6 caps: 9 / 12 / 18 / 24 months */
    {"cap r 9", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "r", 9)}, {0}},
    {"cap r 10", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "r", 10)}, {"0:JX2016-6-cap:violation"}},
    {"cap rg 12", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "rg", 12)}, {0}},
    {"cap rg 13", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "rg", 13)}, {"0:JX2016-6-cap:violation"}},
    {"cap gg 19", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "gg", 19)}, {"0:JX2016-6-cap:violation"}},
    {"cap rgg 24", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "rgg", 24)}, {0}},
    {"cap rgg 25", "fixed", 96, "2019-01-01", 0, ADULT, "", {C("2021-01-01", "rgg", 25)}, {"0:JX2016-6-cap:violation"}},
    /* art. 7 strict categories: start 2 years; exactly 10 years is 十年以下 and 十年以上 */
    {"strict start before", "fixed", 36, "2020-03-15", 0, ADULT, "S", {C("2022-03-14", "r", 6)}, {"0:JX2016-7-start:violation"}},
    {"strict start on", "fixed", 36, "2020-03-15", 0, ADULT, "S", {C("2022-03-15", "r", 6)}, {0}},
    {"unpaid is strict", "fixed", 36, "2020-03-15", 0, ADULT, "U", {C("2021-03-15", "r", 6)}, {"0:JX2016-7-start:violation"}},
    {"strict 10y interval 12m review", "fixed", 120, "2018-01-01", 0, ADULT, "S", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-03-10", "r", 6)}, {"1:JX2016-7-interval:review"}},
    {"strict 10y interval before 12m", "fixed", 120, "2018-01-01", 0, ADULT, "S", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-03-09", "r", 6)}, {"1:JX2016-7-interval:violation"}},
    {"strict 10y interval 18m", "fixed", 120, "2018-01-01", 0, ADULT, "S", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-09-10", "r", 6)}, {0}},
    {"strict 121m interval 12m", "fixed", 121, "2018-01-01", 0, ADULT, "S", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-03-10", "r", 6)}, {"1:JX2016-7-interval:violation"}},
    {"strict 119m interval 12m", "fixed", 119, "2018-01-01", 0, ADULT, "S", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-03-10", "r", 6)}, {0}},
    {"violent 10y interval", "fixed", 120, "2018-01-01", 0, ADULT, "V", {CS("2020-02-01", "2020-03-10", "r", 6), C("2021-09-09", "r", 6)}, {"1:JX2016-7-interval:violation"}},
    {"strict cap r 9", "fixed", 96, "2019-01-01", 0, ADULT, "S", {C("2021-02-01", "r", 9)}, {0}},
    {"strict cap gg 13", "fixed", 96, "2019-01-01", 0, ADULT, "S", {C("2021-02-01", "gg", 13)}, {"0:JX2016-7-cap:violation"}},
    /* JX2019 贪污贿赂: start 2 / 3 years, caps 6 / 9 / 12 */
    {"duty19 cap r 7", "fixed", 96, "2019-01-01", 0, ADULT, "SD", {C("2021-02-01", "r", 7)}, {"0:JX2019-2-cap:violation"}},
    {"duty19 cap r 6", "fixed", 96, "2019-01-01", 0, ADULT, "SD", {C("2021-02-01", "r", 6)}, {0}},
    {"duty19 10y start review", "fixed", 120, "2019-01-01", 0, ADULT, "SD", {C("2021-06-01", "r", 6)}, {"0:JX2019-2-start:review"}},
    {"duty19 before 2019-06-01 is art. 7", "fixed", 96, "2017-01-01", 0, ADULT, "SD", {C("2019-05-31", "r", 9)}, {0}},
    /* 无期 (art. 8): start 2 years; 22 / 21 / 20 / 19 years */
    {"life start before", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-09", "2017-02-01", "r", 264)}, {"0:JX2016-8-start:violation"}},
    {"life start on", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-02-01", "r", 264)}, {0}},
    {"life term r 263", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-03-10", "2017-04-01", "r", 263)}, {"0:JX2016-8-term:violation"}},
    {"life term rgg 228", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-03-10", "2017-04-01", "rgg", 228)}, {0}},
    {"strict life start 3y", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-09", "2018-02-01", "r", 264)}, {"0:JX2016-9-start:violation"}},
    {"strict life term ≥ 20y", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-03-10", "2018-04-01", "rgg", 239)}, {"0:JX2016-9-term:violation"}},
    /* 死缓 (CL 50, art. 10): 无期 after the two years; 3 years later; 25 years for 悔改 */
    {"sd to life early", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-04-30", "2015-05-10")}, {"0:CL50-SD:violation"}},
    {"sd start before", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-05-01", "2015-05-10"), TOFIXED("2018-05-09", "2018-06-01", "r", 300)}, {"1:JX2016-10-start:violation"}},
    {"sd start on, term 299", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-05-01", "2015-05-10"), TOFIXED("2018-05-10", "2018-06-01", "r", 299)}, {"1:JX2016-10-term:violation"}},
    {"limited sd start 5y", "suspended_death", 0, "2012-05-01", 0, ADULT, "VL", {TOLIFE("2014-03-01", "2014-05-01", "2014-05-10"), TOFIXED("2019-05-09", "2019-06-01", "r", 300)}, {"1:JX2016-13-start:violation"}},
    /* floors (CL 78): 1/2 of a fixed term; 13 years for 无期 */
    {"floor half exactly", "fixed", 36, "2020-01-01", 0, ADULT, "", {C("2020-06-01", "rgg", 18)}, {0}},
    {"floor one month past", "fixed", 36, "2020-01-01", 0, ADULT, "", {C("2020-06-01", "rgg", 19)}, {"0:CL78-fixed:violation"}},
    {"floor odd term", "fixed", 25, "2020-01-01", 0, ADULT, "", {C("2020-06-01", "rgg", 13)}, {"0:CL78-fixed:violation"}},
    {"floor life 13y exactly", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-01-10", "gg", 240), CS("2019-02-01", "2019-03-01", "r", 108)}, {"1:JX2016-6-cap:violation"}},
    {"floor life 13y broken", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-01-10", "gg", 240), CS("2019-02-01", "2019-03-01", "r", 109)}, {"1:JX2016-6-cap:violation", "1:CL78-life:violation"}},
    /* parole (CL 81): exactly one half served, pre-trial custody credited day for day */
    {"parole half before", "fixed", 36, "2020-03-15", 45, ADULT, "", {P("2021-07-29")}, {"0:CL81-fixed:violation"}},
    {"parole half on", "fixed", 36, "2020-03-15", 45, ADULT, "", {P("2021-07-30")}, {0}},
    {"parole odd term half month 15 days", "fixed", 25, "2020-03-15", 45, ADULT, "", {P("2021-02-13")}, {"0:CL81-fixed:violation"}},
    {"parole odd term on", "fixed", 25, "2020-03-15", 45, ADULT, "", {P("2021-02-14")}, {0}},
    {"parole life 13y before", "life", 0, "2005-01-10", 0, ADULT, "", {P("2018-01-09")}, {"0:CL81-life:violation"}},
    {"parole life 13y on", "life", 0, "2005-01-10", 0, ADULT, "", {P("2018-01-10")}, {0}},
    {"parole sd 15y after period", "suspended_death", 0, "2001-03-01", 0, ADULT, "", {P("2018-02-28")}, {"0:JX2016-23-sd:violation"}},
    /* art. 28: 减刑 → 假释 ≥ 1 year; ≥ 1.5 years after a cut of ≥ 1 year */
    {"parole after cut before", "fixed", 96, "2018-01-01", 0, ADULT, "", {CS("2020-01-05", "2021-05-10", "r", 9), P("2022-05-09")}, {"1:JX2016-28:violation"}},
    {"parole after cut on", "fixed", 96, "2018-01-01", 0, ADULT, "", {CS("2020-01-05", "2021-05-10", "r", 9), P("2022-05-10")}, {0}},
    {"parole after big cut", "fixed", 96, "2018-01-01", 0, ADULT, "", {CS("2020-01-05", "2021-05-10", "rg", 12), P("2022-11-09")}, {"1:JX2016-28:violation"}},
    {"parole short remaining", "fixed", 40, "2020-01-01", 0, ADULT, "", {CS("2021-01-05", "2021-02-10", "r", 9), P("2021-09-01")}, {0}},
    /* exclusions (CL 81(2); JX2016 arts. 27, 30; JX2019 art. 1) */
    {"parole recidivist", "fixed", 36, "2018-01-01", 0, ADULT, "R", {P("2021-01-01")}, {"0:CL81-2:violation"}},
    {"parole violent 10y", "fixed", 120, "2010-01-01", 0, ADULT, "V", {P("2021-01-01")}, {"0:CL81-2:violation"}},
    {"parole violent 119m", "fixed", 119, "2010-01-01", 0, ADULT, "V", {P("2021-01-01")}, {0}},
    {"parole unpaid", "fixed", 36, "2018-01-01", 0, ADULT, "U", {P("2021-01-01")}, {"0:JX2016-27:violation"}},
    {"parole duty unpaid", "fixed", 36, "2018-01-01", 0, ADULT, "SDU", {P("2020-01-01")}, {"0:JX2019-1:violation"}},
    {"second parole", "fixed", 96, "2010-01-01", 0, ADULT, "", {P("2015-01-01"), P("2018-01-01")}, {"1:JX2016-30:review"}},
    /* 暂予监外执行 (CPL 265; 规定 art. 7) */
    {"temp life illness", "life", 0, "2018-01-01", 0, ADULT, "", {T("2019-01-01", "illness")}, {"0:CPL265:violation"}},
    {"temp life pregnancy", "life", 0, "2018-01-01", 0, ADULT, "", {T("2019-01-01", "pregnancy")}, {0}},
    {"temp sd pregnancy", "suspended_death", 0, "2018-01-01", 0, ADULT, "", {T("2019-01-01", "pregnancy")}, {"0:CPL265:violation"}},
    {"temp fixed illness", "fixed", 36, "2018-01-01", 0, ADULT, "", {T("2018-06-01", "illness")}, {0}},
    {"temp violent 10y third before", "fixed", 120, "2018-01-01", 0, ADULT, "V", {T("2021-04-30", "illness")}, {"0:ZY2014-7:violation"}},
    {"temp violent 10y third on", "fixed", 120, "2018-01-01", 0, ADULT, "V", {T("2021-05-01", "illness")}, {0}},
    {"temp violent 119m", "fixed", 119, "2018-01-01", 0, ADULT, "V", {T("2018-06-01", "illness")}, {0}},
    {"temp violent aged 65", "fixed", 120, "2018-01-01", 0, "1950-01-01", "V", {T("2018-06-01", "illness")}, {0}},
    /* 法释〔2012〕2号 (2012-07-01..2016-12-31); nothing before */
    {"2012 start 5y before", "fixed", 60, "2012-08-01", 0, ADULT, "", {C("2014-01-31", "r", 6)}, {"0:FS2012-7:violation"}},
    {"2012 start 5y on", "fixed", 60, "2012-08-01", 0, ADULT, "", {C("2014-02-01", "r", 6)}, {0}},
    {"2012 cap 12 ok", "fixed", 60, "2012-08-01", 0, ADULT, "", {C("2014-03-01", "r", 12)}, {0}},
    {"2012 cap 13", "fixed", 60, "2012-08-01", 0, ADULT, "", {C("2014-03-01", "r", 13)}, {"0:FS2012-6-cap:violation"}},
    {"2012 under 5y no start", "fixed", 48, "2012-08-01", 0, ADULT, "", {C("2012-11-01", "r", 6)}, {0}},
    {"before 2012 no rule", "fixed", 48, "2008-08-01", 0, ADULT, "", {C("2008-11-01", "r", 13)}, {0}},
    /* patterns over the whole history */
    {"pattern max", "fixed", 180, "2015-01-01", 0, ADULT, "", {CS("2017-02-01", "2017-03-01", "r", 9), CS("2018-10-01", "2018-11-01", "r", 9), CS("2020-06-01", "2020-07-01", "r", 9)}, {"-:PAT-MAX:pattern"}},
    {"pattern max one below", "fixed", 180, "2015-01-01", 0, ADULT, "", {CS("2017-02-01", "2017-03-01", "r", 9), CS("2018-10-01", "2018-11-01", "r", 8), CS("2020-06-01", "2020-07-01", "r", 9)}, {0}},
    {"pattern max only two", "fixed", 180, "2015-01-01", 0, ADULT, "", {CS("2017-02-01", "2017-03-01", "r", 9), CS("2018-10-01", "2018-11-01", "r", 9)}, {0}},
    {"pattern early ±7", "fixed", 180, "2015-01-01", 0, ADULT, "", {CS("2017-01-08", "2017-03-01", "r", 6), CS("2018-09-08", "2018-11-01", "r", 6), CS("2020-05-01", "2020-07-01", "r", 6)}, {"-:PAT-EARLY:pattern"}},
    {"pattern early one 8 days late", "fixed", 180, "2015-01-01", 0, ADULT, "", {CS("2017-01-09", "2017-03-01", "r", 6), CS("2018-09-08", "2018-11-01", "r", 6), CS("2020-05-01", "2020-07-01", "r", 6)}, {0}},
    /* 重大立功 exemptions (data: each rule's "exemption"), from the texts. JX2016 art. 8 para. * 3: "罪犯有重大立功表现的，可以不受上述减刑起始时间和间隔时间的限制" — a 无期 due on * 2017-01-10: gg / rgg the day before (and a year before) are lawful, rg is not */
    {"life gg start day before exempt", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-09", "2017-02-01", "gg", 240)}, {0}},
    {"life rgg start months early exempt", "life", 0, "2015-06-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-02-01", "rgg", 228)}, {0}},
    {"life rg start day before", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-09", "2017-02-01", "rg", 252)}, {"0:JX2016-8-start:violation"}},
    /* art. 8 para. 2: later commutations ≥ 2 years after service (2017-01-15 → 2019-01-15) */
    {"life later gg day before exempt", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-01-10", "r", 264), CS("2019-01-14", "2019-02-01", "gg", 12)}, {0}},
    {"life later r day before", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-01-10", "r", 264), CS("2019-01-14", "2019-02-01", "r", 6)}, {"1:JX2016-8-later:violation"}},
    {"life later r on the day", "life", 0, "2015-01-10", 0, ADULT, "", {TOFIXED("2017-01-10", "2017-01-10", "r", 264), CS("2019-01-15", "2019-02-01", "r", 6)}, {0}},
    /* art. 9 does not repeat the clause: a gg breach of its start (3 years) or interval is * review, other merits a violation; on the day nothing */
    {"strict life gg start day before review", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-09", "2018-02-01", "gg", 240)}, {"0:JX2016-9-start:review"}},
    {"strict life gg start on the day", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-10", "2018-02-01", "gg", 240)}, {0}},
    {"strict life rg start day before", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-09", "2018-02-01", "rg", 252)}, {"0:JX2016-9-start:violation"}},
    {"strict life later gg day before review", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-10", "2018-02-01", "r", 264), CS("2020-02-05", "2020-03-01", "gg", 12)}, {"1:JX2016-9-later:review"}},
    {"strict life later r day before", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-10", "2018-02-01", "r", 264), CS("2020-02-05", "2020-03-01", "r", 6)}, {"1:JX2016-9-later:violation"}},
    {"strict life later gg on the day", "life", 0, "2015-01-10", 0, ADULT, "S", {TOFIXED("2018-01-10", "2018-02-01", "r", 264), CS("2020-02-06", "2020-03-01", "gg", 12)}, {0}},
    /* art. 10 para. 1 (3 years after 无期) has no clause: review; para. 2 refers later * commutations to art. 8, clause included: exempt */
    {"sd gg start day before review", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-05-01", "2015-05-10"), TOFIXED("2018-05-09", "2018-06-01", "gg", 276)}, {"1:JX2016-10-start:review"}},
    {"sd later gg day before exempt", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-05-01", "2015-05-10"), TOFIXED("2018-05-10", "2018-06-01", "r", 300), CS("2020-06-05", "2020-07-01", "gg", 12)}, {0}},
    {"sd later r day before", "suspended_death", 0, "2013-05-01", 0, ADULT, "", {TOLIFE("2015-03-01", "2015-05-01", "2015-05-10"), TOFIXED("2018-05-10", "2018-06-01", "r", 300), CS("2020-06-05", "2020-07-01", "r", 6)}, {"2:JX2016-10-later:violation"}},
    /* art. 13 (限制减刑, 5 years) has no clause: review */
    {"limited sd gg start review", "suspended_death", 0, "2012-05-01", 0, ADULT, "VL", {TOLIFE("2014-03-01", "2014-05-01", "2014-05-10"), TOFIXED("2019-05-09", "2019-06-01", "gg", 276)}, {"1:JX2016-13-start:review"}},
    /* art. 14: "有重大立功表现的，间隔时间可以适当缩短" — by how much is not said: review */
    {"limited later gg day before review", "suspended_death", 0, "2012-05-01", 0, ADULT, "VL", {TOLIFE("2014-03-01", "2014-05-01", "2014-05-10"), TOFIXED("2019-05-10", "2019-06-01", "r", 300), CS("2021-06-05", "2021-07-01", "gg", 12)}, {"2:JX2016-14:review"}},
    {"limited later r day before", "suspended_death", 0, "2012-05-01", 0, ADULT, "VL", {TOLIFE("2014-03-01", "2014-05-01", "2014-05-10"), TOFIXED("2019-05-10", "2019-06-01", "r", 300), CS("2021-06-05", "2021-07-01", "r", 6)}, {"2:JX2016-14:violation"}},
    {"limited later r on the day", "suspended_death", 0, "2012-05-01", 0, ADULT, "VL", {TOLIFE("2014-03-01", "2014-05-01", "2014-05-10"), TOFIXED("2019-05-10", "2019-06-01", "r", 300), CS("2021-06-06", "2021-07-01", "r", 6)}, {0}},
    /* art. 7 para. 3: "罪犯有重大立功表现的，间隔时间可以不受上述限制" — the interval only: * a gg start before 2 years is review (CL 78: 重大立功 应当减刑), the interval exempt */
    {"strict fixed gg start day before review", "fixed", 96, "2019-01-01", 0, ADULT, "S", {C("2020-12-31", "gg", 12)}, {"0:JX2016-7-start:review"}},
    {"strict fixed rg start day before", "fixed", 96, "2019-01-01", 0, ADULT, "S", {C("2020-12-31", "rg", 12)}, {"0:JX2016-7-start:violation"}},
    {"strict fixed gg start on the day", "fixed", 96, "2019-01-01", 0, ADULT, "S", {C("2021-01-01", "gg", 12)}, {0}},
    {"strict fixed gg interval exempt", "fixed", 96, "2019-01-01", 0, ADULT, "S", {CS("2021-01-01", "2021-02-01", "r", 6), CS("2022-01-31", "2022-03-01", "gg", 12)}, {0}},
    {"strict fixed r interval day before", "fixed", 96, "2019-01-01", 0, ADULT, "S", {CS("2021-01-01", "2021-02-01", "r", 6), CS("2022-01-31", "2022-03-01", "r", 6)}, {"1:JX2016-7-interval:violation"}},
    /* art. 6 para. 4 lifts "interval ≥ the last cut" too (para. 3 is above it) */
    {"fixed gg after a big cut exempt", "fixed", 120, "2019-01-01", 0, ADULT, "", {CS("2021-01-01", "2021-02-01", "rgg", 24), CS("2022-08-01", "2022-09-01", "gg", 12)}, {0}},
    {"fixed r after a big cut", "fixed", 120, "2019-01-01", 0, ADULT, "", {CS("2021-01-01", "2021-02-01", "rgg", 24), CS("2022-08-01", "2022-09-01", "r", 6)}, {"1:JX2016-6-last:violation"}},
    /* JX2019 art. 5: "罪犯有重大立功表现的，减刑时可以不受上述起始时间和间隔时间的限制" */
    {"duty19 life gg early exempt", "life", 0, "2019-07-01", 0, ADULT, "SD", {TOFIXED("2021-01-01", "2021-02-01", "gg", 252)}, {0}},
    {"duty19 life r early", "life", 0, "2019-07-01", 0, ADULT, "SD", {TOFIXED("2021-01-01", "2021-02-01", "r", 276)}, {"0:JX2019-3-start:violation"}},
    {"duty19 fixed gg early exempt", "fixed", 96, "2019-07-01", 0, ADULT, "SD", {C("2020-01-01", "gg", 12)}, {0}},
    {"duty19 fixed r early", "fixed", 96, "2019-07-01", 0, ADULT, "SD", {C("2020-01-01", "r", 6)}, {"0:JX2019-2-start:violation"}},
    /* 2012 rules: the fixed-term clause (art. 6) exempts; 无期 has none: review */
    {"fs2012 fixed gg early exempt", "fixed", 96, "2013-01-01", 0, ADULT, "", {C("2013-06-01", "gg", 12)}, {0}},
    {"fs2012 fixed r day before", "fixed", 96, "2013-01-01", 0, ADULT, "", {C("2014-06-30", "r", 6)}, {"0:FS2012-7:violation"}},
    {"fs2012 life gg early review", "life", 0, "2012-01-10", 0, ADULT, "", {TOFIXED("2013-01-10", "2013-02-01", "gg", 180)}, {"0:FS2012-8:review"}},
    /* a clean long history: nothing */
    {"clean history", "fixed", 180, "2010-04-02", 120, ADULT, "", {CS("2012-09-01", "2012-10-20", "r", 8), CS("2014-06-01", "2014-07-01", "rg", 11), CS("2017-02-15", "2017-03-20", "r", 7), CS("2018-11-01", "2018-12-01", "g", 8), P("2020-09-01")}, {0}},
};
/* clang-format on */

static int code(enum zx_vocab v, const char *s)
{
    return s ? zx_vocab_find(v, s, strlen(s)) : 0;
}

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

struct got {
    char lines[8][96];
    int n;
};

static int collect(void *ud, const struct zx_exec_finding *f)
{
    struct got *g = ud;
    if (g->n < 8) {
        char c[24];
        if (f->change < 0)
            snprintf(c, sizeof c, "-");
        else
            snprintf(c, sizeof c, "%ld", f->change);
        snprintf(g->lines[g->n], sizeof g->lines[0], "%s:%s:%s", c, f->rule.id,
                 zx_exec_severity_code(f->severity));
        /* the finding's rule belongs to its category */
        assert_non_null(zx_exec_cat_code(f->cat));
        assert_true(f->rule.article && f->rule.article[0]);
    }
    g->n++;
    return 0;
}

static struct zx_exec_rules *default_rules(void)
{
    struct zx_exec_rules *r = NULL;
    struct zx_err err;
    const char *t = zx_datafile_builtin("sentence_rules.json", NULL);
    if (zx_exec_rules_parse(t, strlen(t), "default", &r, &err))
        fail_msg("%s", err.msg);
    return r;
}

static void load_vec(struct zx_exec_data *d, const struct vec *v)
{
    struct zx_err err;
    struct zx_exec_convict c = {0};
    c.key = 1;
    c.kind = code(ZX_V_SENTENCE_KIND, v->kind);
    c.term = v->term;
    c.start = day(v->start);
    c.pretrial = v->pretrial;
    c.birth = day(v->birth);
    static const char fl[] = "RVSDLU";
    for (const char *p = v->flags; *p; p++)
        c.flags |= 1 << (strchr(fl, *p) - fl);
    assert_int_equal(zx_exec_data_add_convict(d, &c, "CV1", &err), 0);
    for (int i = 0; i < 5 && v->ch[i].kind; i++) {
        const struct ch *h = &v->ch[i];
        struct zx_exec_change x = {0};
        x.key = i;
        x.kind = h->kind == 'c' ? 1 : h->kind == 'p' ? 2 : 3;
        x.proposed = day(h->proposed);
        x.ruled = h->ruled ? day(h->ruled) : x.proposed + 20;
        x.served = h->served ? day(h->served) : x.ruled + 5;
        x.merit = code(ZX_V_MERIT, h->merit);
        x.red = h->red;
        x.new_term = h->new_term;
        x.new_kind = code(ZX_V_SENTENCE_KIND, h->new_kind);
        x.ground = code(ZX_V_GROUND, h->ground);
        char id[16];
        snprintf(id, sizeof id, "SC%d", i);
        assert_int_equal(zx_exec_data_add_change(d, &x, id, &err), 0);
    }
    zx_exec_data_finish(d);
}

static void test_vectors(void **state)
{
    (void)state;
    struct zx_exec_rules *rules = default_rules();
    int bad = 0;
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        const struct vec *v = &vecs[i];
        struct zx_exec_data d;
        struct got g;
        memset(&g, 0, sizeof g);
        zx_exec_data_init(&d);
        load_vec(&d, v);
        assert_int_equal(zx_exec_review(rules, &d, ZX_DATE_NULL, ZX_DATE_NULL, collect, &g), 0);
        int nwant = 0;
        while (nwant < 4 && v->want[nwant])
            nwant++;
        int ok = g.n == nwant;
        for (int k = 0; ok && k < nwant; k++)
            ok = !strcmp(g.lines[k], v->want[k]);
        if (!ok) {
            bad++;
            fprintf(stderr, "vector '%s': want", v->name);
            for (int k = 0; k < nwant; k++)
                fprintf(stderr, " %s", v->want[k]);
            fprintf(stderr, "; got");
            for (int k = 0; k < g.n && k < 8; k++)
                fprintf(stderr, " %s", g.lines[k]);
            fprintf(stderr, "\n");
        }
        zx_exec_data_release(&d);
    }
    zx_exec_rules_free(rules);
    assert_int_equal(bad, 0);
}

/* A review finding for an unsettled exemption says why and where the clause is. */
static int first_finding(void *ud, const struct zx_exec_finding *f)
{
    struct zx_exec_finding *out = ud;
    *out = *f;
    return 1;
}

static void test_exemption_says_why(void **state)
{
    (void)state;
    struct zx_exec_rules *rules = default_rules();
    const struct vec *v = NULL;
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++)
        if (!strcmp(vecs[i].name, "strict life gg start day before review"))
            v = &vecs[i];
    assert_non_null(v);
    struct zx_exec_data d;
    struct zx_exec_finding f;
    zx_exec_data_init(&d);
    load_vec(&d, v);
    memset(&f, 0, sizeof f);
    assert_int_equal(zx_exec_review(rules, &d, ZX_DATE_NULL, ZX_DATE_NULL, first_finding, &f), 1);
    assert_int_equal(f.severity, ZX_EXEC_REVIEW);
    assert_int_equal(f.cat, ZX_EXEC_START_TOO_EARLY);
    assert_string_equal(f.rule.article, "法释〔2016〕23号 第九条");
    char e[ZX_EXEC_TEXT_MAX], a[ZX_EXEC_TEXT_MAX];
    zx_msgv_render(&f.expected, 0, e, sizeof e);
    zx_msgv_render(&f.actual, 0, a, sizeof a);
    assert_non_null(strstr(e, "≥ 2018-01-10"));
    assert_non_null(strstr(e, "第九条未重复第八条第三款"));
    assert_non_null(strstr(e, "(法释〔2016〕23号 第八条第三款)"));
    assert_string_equal(a, "2018-01-09");
    /* the same finding through the message table in Chinese, as the web page shows it */
    assert_int_equal(f.expected.id, ZX_M_EX_DUE_LIMIT_WHY);
    zx_msgv_render(&f.expected, 1, e, sizeof e);
    zx_msgv_render(&f.actual, 1, a, sizeof a);
    assert_non_null(strstr(e, "不早于 2018-01-10（"));
    assert_non_null(strstr(e, " 个月）；重大立功：第九条未重复第八条第三款"));
    assert_non_null(strstr(e, "（法释〔2016〕23号 第八条第三款）"));
    assert_string_equal(a, "2018-01-09");
    zx_exec_data_release(&d);
    zx_exec_rules_free(rules);
}

/* An exemption in the data is read strictly: a bad merit, limit or effect is an error. */
static void test_exemption_data(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\"merits\": [\"xx\"], \"limits\": [\"start\"], \"effect\": \"exempt\"",
        "\"merits\": [\"gg\"], \"limits\": [\"cap\"], \"effect\": \"exempt\"",
        "\"merits\": [\"gg\"], \"limits\": [\"start\"], \"effect\": \"maybe\"",
        "\"merits\": [\"gg\"], \"limits\": [\"start\"], \"effect\": \"review\"",
    };
    char text[1024];
    for (size_t i = 0; i <= sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text,
                 "{\"schema\": \"zhixiao.sentence_rules\", \"rules\": [{\"id\": "
                 "\"JX2016-8-start\", \"category\": \"start_too_early\", \"article\": \"a\", "
                 "\"effective_from\": \"2017-01-01\", \"params\": {\"months\": 24}, "
                 "\"exemption\": {%s, \"article\": \"b\", \"clause\": \"c\"}}]}",
                 i < sizeof bad / sizeof bad[0]
                     ? bad[i]
                     : "\"merits\": [\"gg\", \"rgg\"], \"limits\": [\"start\"], \"effect\": "
                       "\"exempt\"");
        struct zx_exec_rules *r = NULL;
        struct zx_err err = {0};
        int rc = zx_exec_rules_parse(text, strlen(text), "t", &r, &err);
        if (i < sizeof bad / sizeof bad[0]) {
            assert_int_equal(rc, ZX_EPARSE);
            assert_non_null(strstr(err.msg, "JX2016-8-start"));
        } else {
            assert_int_equal(rc, 0);
        }
        zx_exec_rules_free(r);
    }
}

/* C4 month arithmetic, from the text of SPC-INT 202. */
static void test_months(void **state)
{
    (void)state;
    char b[16];
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2020-03-15"), 12), b), "2021-03-15");
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2021-06-30"), 1), b),
                        "2021-07-31"); /* last day → last day */
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2021-01-31"), 1), b),
                        "2021-02-28"); /* no 31st in February */
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2021-01-30"), 1), b), "2021-02-28");
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2020-02-29"), 12), b), "2021-02-28");
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2021-02-28"), 12), b), "2022-02-28");
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2023-02-28"), 12), b),
                        "2024-02-29"); /* a month's last day stays the last day */
    assert_string_equal(zx_date_format(zx_exec_add_months(day("2021-03-15"), -13), b),
                        "2020-02-15");
}

/* The period filter: a finding outside [from, to] is not reported. */
static void test_range(void **state)
{
    (void)state;
    struct zx_exec_rules *rules = default_rules();
    struct zx_exec_data d;
    struct got g;
    zx_exec_data_init(&d);
    load_vec(&d, &vecs[0]); /* start_too_early on 2021-03-14 */
    memset(&g, 0, sizeof g);
    assert_int_equal(zx_exec_review(rules, &d, day("2021-03-15"), ZX_DATE_NULL, collect, &g), 0);
    assert_int_equal(g.n, 0);
    assert_int_equal(zx_exec_review(rules, &d, day("2021-03-14"), day("2021-03-14"), collect, &g),
                     0);
    assert_int_equal(g.n, 1);
    zx_exec_data_release(&d);
    zx_exec_rules_free(rules);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),        cmocka_unit_test(test_months),
        cmocka_unit_test(test_range),          cmocka_unit_test(test_exemption_says_why),
        cmocka_unit_test(test_exemption_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
