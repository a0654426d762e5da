/* test_auth.c — the pure policy of src/web/auth.c and zip.c: cookies, session expiry, CSRF
 * comparison, lock-out schedule, role capabilities, id masking rule, zip entry names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/auth.h"
#include "web/internal.h"

static void test_cookie(void **state)
{
    char v[80];
    (void)state;
    assert_int_equal(zx_web_auth_cookie("a=1; zx_session=abc; b=2", "zx_session", v, sizeof v), 0);
    assert_string_equal(v, "abc");
    assert_int_equal(zx_web_auth_cookie("zx_session=xyz", "zx_session", v, sizeof v), 0);
    assert_string_equal(v, "xyz");
    assert_int_equal(zx_web_auth_cookie("xzx_session=1", "zx_session", v, sizeof v), -1);
    assert_int_equal(zx_web_auth_cookie(NULL, "zx_session", v, sizeof v), -1);
    char small[4];
    assert_int_equal(zx_web_auth_cookie("zx_session=toolong", "zx_session", small, sizeof small),
                     -1);
    zx_web_auth_set_cookie("t0k", 0, v, sizeof v);
    assert_non_null(strstr(v, "HttpOnly"));
    assert_non_null(strstr(v, "SameSite=Strict"));
    assert_null(strstr(v, "Secure"));
    zx_web_auth_set_cookie("t0k", 1, v, sizeof v);
    assert_non_null(strstr(v, "; Secure"));
    zx_web_auth_set_cookie(NULL, 0, v, sizeof v);
    assert_non_null(strstr(v, "Max-Age=0"));
}

static void test_token(void **state)
{
    char a[65], b[65], ha[65], ha2[65];
    (void)state;
    zx_web_auth_token(a);
    zx_web_auth_token(b);
    assert_int_equal(strlen(a), 64);
    assert_string_not_equal(a, b);
    zx_web_auth_token_hash(a, ha);
    zx_web_auth_token_hash(a, ha2);
    assert_string_equal(ha, ha2);
    assert_string_not_equal(ha, a); /* the store never sees the token */
}

static void test_session_expiry(void **state)
{
    (void)state;
    const int64_t t = 1700000000;
    assert_true(zx_web_auth_session_live(t, t, t));
    assert_true(zx_web_auth_session_live(t, t, t + 30 * 60));
    assert_false(zx_web_auth_session_live(t, t, t + 30 * 60 + 1)); /* idle */
    assert_true(zx_web_auth_session_live(t, t + 12 * 3600 - 60, t + 12 * 3600));
    assert_false(zx_web_auth_session_live(t, t + 12 * 3600, t + 12 * 3600 + 1)); /* absolute */
}

static void test_csrf(void **state)
{
    char a[65];
    (void)state;
    zx_web_auth_token(a);
    assert_true(zx_web_auth_csrf_ok(a, a));
    assert_false(zx_web_auth_csrf_ok(a, NULL));
    assert_false(zx_web_auth_csrf_ok(a, ""));
    char b[65];
    memcpy(b, a, 65);
    b[10] = b[10] == 'a' ? 'b' : 'a';
    assert_false(zx_web_auth_csrf_ok(a, b));
    assert_false(zx_web_auth_csrf_ok("", ""));
}

static void test_lock(void **state)
{
    (void)state;
    assert_int_equal(zx_web_auth_lock_seconds(4, 0), 0);
    assert_int_equal(zx_web_auth_lock_seconds(5, 0), 15 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(6, 0), 30 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(7, 0), 60 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(100, 0), 24 * 3600);
    assert_int_equal(zx_web_auth_lock_seconds(19, 1), 0);
    assert_int_equal(zx_web_auth_lock_seconds(20, 1), 15 * 60);
}

static void test_roles(void **state)
{
    unsigned m = 0;
    struct zx_err err = {0};
    (void)state;
    assert_int_equal(zx_role_parse("leader,analyst", &m, &err), ZX_OK);
    assert_int_equal(m, ZX_ROLE_LEADER | ZX_ROLE_ANALYST);
    assert_int_equal(zx_role_parse("leader,boss", &m, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "boss"));
    assert_int_equal(zx_role_parse("", &m, &err), ZX_EINVAL);
    assert_true(zx_web_auth_sees_ids(ZX_ROLE_ADMIN));
    assert_true(zx_web_auth_sees_ids(ZX_ROLE_EXECUTION | ZX_ROLE_LEADER));
    assert_false(zx_web_auth_sees_ids(ZX_ROLE_LEADER | ZX_ROLE_ANALYST | ZX_ROLE_REVIEWER));
    assert_false(zx_web_auth_sees_ids(ZX_ROLE_PROSECUTOR));
    assert_true(zx_web_auth_can(ZX_ROLE_ANALYST, ZX_CAP_IMPORT));
    assert_false(zx_web_auth_can(ZX_ROLE_LEADER, ZX_CAP_IMPORT));
    assert_true(zx_web_auth_can(ZX_ROLE_ADMIN, ZX_CAP_USERS));
    assert_false(zx_web_auth_can(ZX_ROLE_ANALYST, ZX_CAP_USERS));
    assert_false(zx_web_auth_can(ZX_ROLE_PROSECUTOR, ZX_CAP_UNIT_FIGURES));
    assert_true(zx_web_auth_can(ZX_ROLE_PROSECUTOR | ZX_ROLE_LEADER, ZX_CAP_UNIT_FIGURES));
    /* 刑事执行 screens: execution, leaders and admins; not analysts, reviewers, prosecutors */
    assert_true(zx_web_auth_can(ZX_ROLE_EXECUTION, ZX_CAP_EXECUTION));
    assert_true(zx_web_auth_can(ZX_ROLE_LEADER, ZX_CAP_EXECUTION));
    assert_true(zx_web_auth_can(ZX_ROLE_ADMIN, ZX_CAP_EXECUTION));
    assert_false(zx_web_auth_can(ZX_ROLE_ANALYST, ZX_CAP_EXECUTION));
    assert_false(zx_web_auth_can(ZX_ROLE_REVIEWER, ZX_CAP_EXECUTION));
    assert_false(zx_web_auth_can(ZX_ROLE_PROSECUTOR, ZX_CAP_EXECUTION));
    assert_true(zx_auth_name_ok("li.ming_2"));
    assert_false(zx_auth_name_ok("li ming"));
    assert_false(zx_auth_name_ok(""));
}

static void test_password(void **state)
{
    char h[ZX_AUTH_HASH_MAX];
    struct zx_err err = {0};
    (void)state;
    assert_int_equal(zx_auth_hash_password("correct horse", h, &err), ZX_OK);
    assert_non_null(strstr(h, "$argon2id$"));
    assert_true(zx_auth_check_password(h, "correct horse"));
    assert_false(zx_auth_check_password(h, "correct horsf"));
    assert_false(zx_auth_check_password("", "x"));
    assert_int_equal(zx_auth_hash_password("short", h, &err), ZX_EINVAL);
}

static void test_zip_names(void **state)
{
    const char *b;
    (void)state;
    assert_true(zx_web_zip_name_ok("units.csv", &b));
    assert_string_equal(b, "units.csv");
    assert_true(zx_web_zip_name_ok("bundle/events.csv", &b));
    assert_string_equal(b, "events.csv");
    assert_false(zx_web_zip_name_ok("../units.csv", &b));
    assert_false(zx_web_zip_name_ok("a/../../units.csv", &b));
    assert_false(zx_web_zip_name_ok("/etc/units.csv", &b));
    assert_false(zx_web_zip_name_ok("a\\units.csv", &b));
    assert_false(zx_web_zip_name_ok("C:units.csv", &b));
    assert_false(zx_web_zip_name_ok("units.csv.exe", &b));
    assert_false(zx_web_zip_name_ok(".hidden.csv", &b));
    assert_false(zx_web_zip_name_ok("uni\nts.csv", &b));
    struct zx_err err = {0};
    assert_int_equal(zx_web_zip_unpack("not a zip at all, really not", 28, "/nonexistent", &err),
                     ZX_EPARSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cookie),         cmocka_unit_test(test_token),
        cmocka_unit_test(test_session_expiry), cmocka_unit_test(test_csrf),
        cmocka_unit_test(test_lock),           cmocka_unit_test(test_roles),
        cmocka_unit_test(test_password),       cmocka_unit_test(test_zip_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
