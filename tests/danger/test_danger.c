/* test_danger.c — 社会危险性评估 and 封存 at the line: age in 周岁 (reached the day after the
 * birthday; 29 February), locality from the id number and the unit's region code, the
 * score of hand-made facts against the shipped items (every point explained, reasons sum
 * to the total, bands at their edges), and the sealing rule's boundaries (17/18, 60/61
 * months, exempted, acquitted, not prosecuted). */
#include "../zx_test.h"

#include "danger/danger.h"
#include "model/vocab.h"
#include "seal/seal.h"
#include "util/date.h"

static int32_t d(int y, int m, int dd)
{
    return zx_date_from_ymd(y, m, dd);
}

static void test_age(void **state)
{
    (void)state;
    /* RULE: age_zhousui — on the 18th birthday one is still 17 */
    assert_int_equal(zx_date_age(d(2006, 3, 10), d(2024, 3, 9)), 17);
    assert_int_equal(zx_date_age(d(2006, 3, 10), d(2024, 3, 10)), 17);
    assert_int_equal(zx_date_age(d(2006, 3, 10), d(2024, 3, 11)), 18);
    /* born on 29 February: 28 February of a common year is not yet the birthday's day after */
    assert_int_equal(zx_date_age(d(2004, 2, 29), d(2022, 2, 28)), 17);
    assert_int_equal(zx_date_age(d(2004, 2, 29), d(2022, 3, 1)), 18);
    assert_int_equal(zx_date_age(ZX_DATE_NULL, d(2022, 3, 1)), -1);
    assert_int_equal(zx_date_age(d(2022, 3, 2), d(2022, 3, 1)), -1);
}

static struct zx_danger_cfg *cfg(void)
{
    struct zx_danger_cfg *c = NULL;
    struct zx_err err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/data/danger_items.json", getenv("ROOT") ? getenv("ROOT") : ".");
    assert_int_equal(zx_danger_cfg_load(path, &c, &err), 0);
    return c;
}

static void test_locality(void **state)
{
    (void)state;
    struct zx_danger_cfg *c = cfg();
    assert_int_equal(zx_danger_locality(c, "445202199001011234", "U445202"), 1);
    assert_int_equal(zx_danger_locality(c, "445281199001011234", "U445202"), 1); /* same city */
    assert_int_equal(zx_danger_locality(c, "440106199001011234", "U445202"), 0);
    /* the province's own procuratorate: the province is local */
    assert_int_equal(zx_danger_locality(c, "440106199001011234", "U440000"), 1);
    assert_int_equal(zx_danger_locality(c, "510107199001011234", "U440000"), 0);
    assert_int_equal(zx_danger_locality(c, "", "U445202"), -1);
    assert_int_equal(zx_danger_locality(c, "445202199001011234", "SPP"), -1);
    zx_danger_cfg_free(c);
}

static void test_score(void **state)
{
    (void)state;
    struct zx_danger_cfg *c = cfg();
    struct zx_danger_facts f;
    struct zx_danger_score s;
    memset(&f, 0, sizeof f);
    strcpy(f.id_number, "445202200801011234");
    strcpy(f.unit_id, "U445202");
    strcpy(f.business, "ordinary");
    strcpy(f.charge, "盗窃罪");
    f.birth_date = ZX_DATE_NULL; /* from the id number */
    f.review_date = d(2024, 5, 1);
    f.suspects = 1;
    zx_danger_score(c, &f, &s);
    /* 盗窃罪 is in the repeatable list (+1); 16 years old (juvenile, -2) */
    assert_int_equal(s.age, 16);
    assert_int_equal(s.nwhy, 2);
    assert_int_equal(s.total, s.why[0].points + s.why[1].points);
    int sum = 0;
    for (int g = 0; g < ZX_DANGER_GROUPS; g++)
        sum += s.sub[g];
    assert_int_equal(sum, s.total);
    assert_string_equal(zx_danger_band_code(c, s.band), "low");
    assert_int_equal(s.gender, 'M'); /* 17th digit 3: odd */
    assert_int_equal(s.direct_arrest, 0);
    /* an adult with a prior conviction, co-suspects and a victim of a violent charge */
    strcpy(f.id_number, "445202199001011224");
    strcpy(f.charge, "故意伤害罪");
    f.prior_guilty = 1;
    f.prior_cases = 1;
    f.suspects = 3;
    f.victims = 1;
    zx_danger_score(c, &f, &s);
    assert_int_equal(s.gender, 'F');
    assert_int_equal(s.direct_arrest, 1);
    assert_int_equal(s.total, 3 + 1 + 1 + 2); /* the shipped points of the four items */
    assert_string_equal(zx_danger_band_code(c, s.band), "high");
    /* a plea before the decision takes 2 points off: 5, still above 中间 (max 3) */
    f.plea_before = 1;
    zx_danger_score(c, &f, &s);
    assert_int_equal(s.total, 5);
    zx_danger_cfg_free(c);
}

static void test_seal_rule(void **state)
{
    (void)state;
    struct zx_seal_rules *r = NULL;
    struct zx_err err = {0};
    char path[4096], basis[512];
    snprintf(path, sizeof path, "%s/data/seal_rules.json", getenv("ROOT") ? getenv("ROOT") : ".");
    assert_int_equal(zx_seal_rules_load(path, &r, &err), 0);
    struct zx_seal_judgment j;
    memset(&j, 0, sizeof j);
    j.accepted_on = d(2024, 3, 10);
    j.date = d(2024, 8, 1);
    j.birth_date = d(2006, 3, 10); /* 17 on acceptance (the 18th birthday) */
    j.result = ZX_R_GUILTY;
    j.months = 60;
    j.prosecuted = 1;
    assert_non_null(zx_seal_match(r, &j, basis, sizeof basis));
    assert_non_null(strstr(basis, "第二百八十六条"));
    j.months = 61;
    assert_null(zx_seal_match(r, &j, basis, sizeof basis));
    j.months = 60;
    j.birth_date = d(2006, 3, 9); /* 18 */
    assert_null(zx_seal_match(r, &j, basis, sizeof basis));
    j.birth_date = d(2008, 1, 1);
    j.result = ZX_R_EXEMPTED;
    j.months = -1;
    assert_non_null(zx_seal_match(r, &j, basis, sizeof basis));
    j.result = ZX_R_ACQUITTED;
    assert_null(zx_seal_match(r, &j, basis, sizeof basis));
    j.result = ZX_R_GUILTY;
    j.months = 12;
    j.prosecuted = 0;
    assert_null(zx_seal_match(r, &j, basis, sizeof basis));
    /* an adult's short sentence: only with the minor-offence rule */
    j.prosecuted = 1;
    j.birth_date = d(1990, 1, 1);
    assert_null(zx_seal_match(r, &j, basis, sizeof basis));
    assert_int_equal(zx_seal_rules_enable(r, "minor_offence", 1, &err), 0);
    assert_string_equal(zx_seal_match(r, &j, basis, sizeof basis), "minor_offence");
    assert_int_not_equal(zx_seal_rules_enable(r, "nope", 1, &err), 0);
    zx_seal_rules_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_age),
        cmocka_unit_test(test_locality),
        cmocka_unit_test(test_score),
        cmocka_unit_test(test_seal_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
