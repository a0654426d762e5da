/* test_date.c — day numbers, the four accepted forms, impossible days, month arithmetic,
 * reporting periods. */
#include "../zx_test.h"

#include "util/date.h"

static int32_t parse(const char *s)
{
    int32_t d = 0;
    int r = zx_date_parse(s, strlen(s), &d);
    return r == 0 ? d : (r == -1 ? -1000000 : -2000000);
}

static void test_epoch_and_round_trip(void **state)
{
    (void)state;
    char b[11];
    assert_int_equal(zx_date_from_ymd(1970, 1, 1), 0);
    assert_int_equal(zx_date_from_ymd(2000, 3, 1), 11017);
    for (int32_t d = -200000; d < 200000; d += 37) {
        int y, m, dd;
        zx_date_to_ymd(d, &y, &m, &dd);
        assert_int_equal(zx_date_from_ymd(y, m, dd), d);
    }
    assert_string_equal(zx_date_format(zx_date_from_ymd(2024, 2, 29), b), "2024-02-29");
}

static void test_accepted_forms(void **state)
{
    (void)state;
    int32_t want = zx_date_from_ymd(2024, 3, 5);
    assert_int_equal(parse("2024-03-05"), want);
    assert_int_equal(parse("2024/03/05"), want);
    assert_int_equal(parse("2024.03.05"), want);
    assert_int_equal(parse("2024年3月5日"), want);
    assert_int_equal(parse("2024年03月05日"), want);
}

static void test_rejected_forms(void **state)
{
    (void)state;
    assert_int_equal(parse("2023-02-30"), -2000000);
    assert_int_equal(parse("2023-02-29"), -2000000);
    assert_int_equal(parse("1900-02-29"), -2000000);
    assert_int_equal(parse("2000-02-29"), zx_date_from_ymd(2000, 2, 29));
    assert_int_equal(parse("2024-13-01"), -2000000);
    assert_int_equal(parse("2024-03/05"), -1000000);
    assert_int_equal(parse("24-03-05"), -1000000);
    assert_int_equal(parse("2024-03-05x"), -1000000);
    assert_int_equal(parse("2024年3月5"), -1000000);
    assert_int_equal(parse(""), -1000000);
}

static void test_add_months_clamps(void **state)
{
    (void)state;
    char b[11];
    assert_string_equal(zx_date_format(zx_date_add_months(zx_date_from_ymd(2024, 1, 31), 1), b),
                        "2024-02-29");
    assert_string_equal(zx_date_format(zx_date_add_months(zx_date_from_ymd(2023, 8, 31), 6), b),
                        "2024-02-29");
    assert_string_equal(zx_date_format(zx_date_add_months(zx_date_from_ymd(2024, 5, 15), -17), b),
                        "2022-12-15");
}

/* C4: the last day of a month goes to the last day of the target month */
static void test_add_months_end_of_month(void **state)
{
    (void)state;
    char b[11];
    assert_string_equal(zx_date_format(zx_date_add_months_eom(zx_date_from_ymd(2024, 2, 29), 1), b),
                        "2024-03-31");
    assert_string_equal(zx_date_format(zx_date_add_months_eom(zx_date_from_ymd(2024, 1, 31), 1), b),
                        "2024-02-29");
    assert_string_equal(
        zx_date_format(zx_date_add_months_eom(zx_date_from_ymd(2023, 4, 30), 10), b), "2024-02-29");
    assert_string_equal(
        zx_date_format(zx_date_add_months_eom(zx_date_from_ymd(2020, 3, 15), 12), b), "2021-03-15");
    assert_string_equal(
        zx_date_format(zx_date_add_months_eom(zx_date_from_ymd(2020, 3, 15), -1), b), "2020-02-15");
    /* the clamping form keeps the day number instead */
    assert_string_equal(zx_date_format(zx_date_add_months(zx_date_from_ymd(2024, 2, 29), 1), b),
                        "2024-03-29");
}

/* the reporting periods: year, half, quarter, month; a leap February; malformed forms */
static void test_period(void **state)
{
    (void)state;
    int32_t a, b;
    char label[64], x[16], y[16];
    struct zx_err err = {0};
    assert_int_equal(zx_date_period("2024-Q3", &a, &b, label, sizeof label, &err), 0);
    assert_string_equal(zx_date_format(a, x), "2024-07-01");
    assert_string_equal(zx_date_format(b, y), "2024-09-30");
    assert_string_equal(label, "2024年第三季度");
    assert_int_equal(zx_date_period("2024-02", &a, &b, label, sizeof label, &err), 0);
    assert_string_equal(zx_date_format(b, y), "2024-02-29");
    assert_string_equal(label, "2024年2月");
    assert_int_equal(zx_date_period("2024", &a, &b, label, sizeof label, &err), 0);
    assert_string_equal(zx_date_format(a, x), "2024-01-01");
    assert_string_equal(zx_date_format(b, y), "2024-12-31");
    assert_int_equal(zx_date_period("2024-H1", &a, &b, label, sizeof label, &err), 0);
    assert_string_equal(zx_date_format(b, y), "2024-06-30");
    assert_string_equal(label, "2024年上半年");
    assert_int_equal(zx_date_period("2024-H2", &a, &b, label, sizeof label, &err), 0);
    assert_string_equal(zx_date_format(a, x), "2024-07-01");
    static const char *const bad[] = {"2024-Q5", "2024-13", "2024-00", "24",
                                      "2024-7",  "2024-H3", "",        "2024-Q3x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(zx_date_period(bad[i], &a, &b, label, sizeof label, &err), ZX_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_round_trip),    cmocka_unit_test(test_accepted_forms),
        cmocka_unit_test(test_rejected_forms),          cmocka_unit_test(test_add_months_clamps),
        cmocka_unit_test(test_add_months_end_of_month), cmocka_unit_test(test_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
