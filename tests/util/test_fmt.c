/* test_fmt.c — fixed-decimal formatting never writes a negative zero, and is printf's "%.*f"
 * otherwise. */
#include "../zx_test.h"

#include "util/fmt.h"

#include <math.h>

static void test_negative_zero(void **state)
{
    (void)state;
    char b[32];
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -0.0, 2, 0), "0.00");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -0.0, 2, 1), "0.00");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -0.001, 2, 0), "0.00");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -0.004999, 2, 1), "0.00");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, 0.001, 2, 1), "0.00");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -1e-300, 0, 0), "0");
    /* a difference of two equal ratios computed two ways */
    double d = (1.0 / 3.0 - (1.0 - 2.0 / 3.0)) * 100.0;
    assert_string_equal(zx_fmt_fixed(b, sizeof b, d, 2, 1), "0.00");
}

static void test_as_printf_otherwise(void **state)
{
    (void)state;
    char b[32], want[32];
    const double v[] = {-0.006, -0.005001, 0.005001, 1.25, -1.25, 12345.678, -99.999, 1e20};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        snprintf(want, sizeof want, "%.2f", v[i]);
        assert_string_equal(zx_fmt_fixed(b, sizeof b, v[i], 2, 0), want);
        snprintf(want, sizeof want, "%+.2f", v[i]);
        assert_string_equal(zx_fmt_fixed(b, sizeof b, v[i], 2, 1), want);
    }
    assert_string_equal(zx_fmt_fixed(b, sizeof b, -0.01, 2, 0), "-0.01");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, 0.01, 2, 1), "+0.01");
    assert_string_equal(zx_fmt_fixed(b, sizeof b, NAN, 2, 0), "—");
    assert_string_equal(zx_fmt_fixed(b, 4, 123.456, 2, 0), "123"); /* truncated like snprintf */
}

static void test_rounds_to_zero(void **state)
{
    (void)state;
    assert_true(zx_fmt_rounds_to_zero(-0.0, 2));
    assert_true(zx_fmt_rounds_to_zero(0.0049, 2));
    assert_false(zx_fmt_rounds_to_zero(0.0051, 2));
    assert_true(zx_fmt_rounds_to_zero(-0.4, 0));
    assert_false(zx_fmt_rounds_to_zero(INFINITY, 2));
    assert_false(zx_fmt_rounds_to_zero(NAN, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negative_zero),
        cmocka_unit_test(test_as_printf_otherwise),
        cmocka_unit_test(test_rounds_to_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
