/* test_msg.c — the message table: every message has both languages, and the Chinese form
 * takes the same printf arguments as the English one (same types in the same argument
 * positions, "%2$s" forms included), so a translation can never crash a printf. */
#include "../zx_test.h"

#include "util/msg.h"

#include <ctype.h>

/* The argument types of format f, by position: types[i] is e.g. "s", "d", "ld", "zu", "lld". */
static int arg_types(const char *f, char types[16][8])
{
    int n = 0, next = 0;
    memset(types, 0, 16 * 8);
    for (const char *p = f; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        int pos = -1;
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (*q == '$' && q > p) {
            pos = atoi(p) - 1;
            p = q + 1;
        }
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p && (isdigit((unsigned char)*p) || *p == '.' || *p == '*'))
            p++;
        char t[8] = {0};
        size_t k = 0;
        while (*p && strchr("hlzjt", *p) && k < 6)
            t[k++] = *p++;
        t[k] = *p;
        if (pos < 0)
            pos = next++;
        assert_true(pos >= 0 && pos < 16);
        memcpy(types[pos], t, sizeof t);
        if (pos + 1 > n)
            n = pos + 1;
        if (!*p)
            break;
    }
    return n;
}

static void test_both_languages_same_arguments(void **state)
{
    (void)state;
    for (int id = 0; id < ZX_M_COUNT_; id++) {
        zx_msg_set_chinese(1);
        const char *zh = zx_msg((enum zx_msg_id)id);
        const char *en = zx_msg_en((enum zx_msg_id)id);
        zx_msg_set_chinese(0);
        assert_non_null(zh);
        assert_non_null(en);
        if (!*en || !*zh)
            fail_msg("message %d has an empty form", id);
        assert_string_equal(zx_msg((enum zx_msg_id)id), en);
        char te[16][8], tz[16][8];
        int ne = arg_types(en, te), nz = arg_types(zh, tz);
        if (ne != nz)
            fail_msg("message %d: %d arguments in English, %d in Chinese (%s | %s)", id, ne, nz, en,
                     zh);
        for (int i = 0; i < ne; i++)
            if (strcmp(te[i], tz[i]))
                fail_msg("message %d argument %d: %%%s in English, %%%s in Chinese", id, i + 1,
                         te[i], tz[i]);
    }
}

static void test_language_from_environment(void **state)
{
    (void)state;
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "zh_CN.UTF-8", 1);
    zx_msg_init();
    assert_true(zx_msg_chinese());
    setenv("LC_ALL", "C.UTF-8", 1); /* LC_ALL wins, as with gettext */
    zx_msg_init();
    assert_false(zx_msg_chinese());
    assert_string_equal(zx_msg(ZX_M_OPT_OPTIONS), "options:");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_languages_same_arguments),
        cmocka_unit_test(test_language_from_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
