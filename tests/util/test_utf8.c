/* test_utf8.c — the one UTF-8 decoder: code points of every length, and each kind of invalid
 * sequence refused with the position moved past it (RFC 3629 §3–4). */
#include "../zx_test.h"

#include "util/utf8.h"

#include <string.h>

static void test_valid(void **state)
{
    (void)state;
    const char *s = "a\xc3\xa9\xe7\x9b\x97\xf0\x9f\x98\x80"; /* a é 盗 😀 */
    size_t n = strlen(s), i = 0;
    assert_int_equal(zx_utf8_next(s, n, &i), 'a');
    assert_int_equal(i, 1);
    assert_int_equal(zx_utf8_next(s, n, &i), 0xe9);
    assert_int_equal(i, 3);
    assert_int_equal(zx_utf8_next(s, n, &i), 0x76d7);
    assert_int_equal(i, 6);
    assert_int_equal(zx_utf8_next(s, n, &i), 0x1f600);
    assert_int_equal(i, n);
    assert_true(zx_utf8_valid(s, n));
    assert_true(zx_utf8_valid("", 0));
}

static void test_invalid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t skip; /* where the decoder resumes */
    } bad[] = {
        {"\x80", 1},             /* a lone continuation byte */
        {"\xc0\xaf", 1},         /* overlong '/' (0xc0 never starts a sequence) */
        {"\xe0\x80\xaf", 3},     /* overlong, three bytes */
        {"\xed\xa0\x80", 3},     /* a surrogate */
        {"\xf4\x90\x80\x80", 4}, /* past U+10FFFF */
        {"\xf5\x80\x80\x80", 1}, /* a byte that never starts a sequence */
        {"\xe7\x9b", 2},         /* cut short at the end */
        {"\xe7"
         "a",
         1},                     /* cut short by an ASCII byte, which is then read */
        {"\xf0\x80\x80\x80", 4}, /* overlong, four bytes */
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        size_t i = 0, n = strlen(bad[k].s);
        assert_int_equal(zx_utf8_next(bad[k].s, n, &i), -1);
        assert_int_equal(i, bad[k].skip);
        assert_false(zx_utf8_valid(bad[k].s, n));
    }
    size_t i = 1;
    assert_int_equal(zx_utf8_next("\xe7"
                                  "a",
                                  2, &i),
                     'a');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
