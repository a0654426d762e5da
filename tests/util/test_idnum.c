/* test_idnum.c — GB 11643 check digits, 15→18 conversion, malformed numbers, masking. */
#include "../zx_test.h"

#include "util/idnum.h"

static int norm(const char *s, char out[19])
{
    return zx_idnum_normalise(s, strlen(s), out);
}

static void test_check_digit(void **state)
{
    (void)state;
    char o[19];
    /* the standard's worked example: 11010519491231002X */
    assert_int_equal(zx_idnum_check_char("11010519491231002"), 'X');
    assert_int_equal(norm("11010519491231002X", o), ZX_IDNUM_OK);
    assert_int_equal(norm("11010519491231002x", o), ZX_IDNUM_OK);
    assert_string_equal(o, "11010519491231002X");
    assert_int_equal(norm("440524188001010014", o), ZX_IDNUM_OK);
    assert_int_equal(norm("440524188001010015", o), ZX_IDNUM_BAD_CHECK);
    assert_string_equal(o, "440524188001010015");
}

static void test_fifteen_digits_widened(void **state)
{
    (void)state;
    char o[19];
    assert_int_equal(norm("110105491231002", o), ZX_IDNUM_CONVERTED);
    assert_string_equal(o, "11010519491231002X");
}

static void test_malformed(void **state)
{
    (void)state;
    char o[19];
    assert_int_equal(norm("1101051949123100", o), ZX_IDNUM_INVALID);   /* 16 */
    assert_int_equal(norm("11010519491231002Y", o), ZX_IDNUM_INVALID); /* bad last */
    assert_int_equal(norm("1101051949123A002X", o), ZX_IDNUM_INVALID); /* letter */
    assert_int_equal(norm("11010519490231002X", o), ZX_IDNUM_INVALID); /* 1949-02-31 */
    assert_int_equal(norm("11010549023100X", o), ZX_IDNUM_INVALID);    /* 15 with X */
}

static void test_mask(void **state)
{
    (void)state;
    char o[19];
    zx_idnum_mask("11010519491231002X", o);
    assert_string_equal(o, "110105********002X");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_digit),
        cmocka_unit_test(test_fifteen_digits_widened),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
