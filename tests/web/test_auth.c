/* test_auth.c — the pure policy of src/web/auth.c and zip.c: cookies, session expiry, CSRF
 * comparison, lock-out schedule, role capabilities, id masking rule, zip entry names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/auth.h"
#include "util/datafile.h"
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
    /* one account from one address: a short growing delay, never long */
    assert_int_equal(zx_web_auth_lock_seconds(4, ZX_LOCK_PAIR), 0);
    assert_int_equal(zx_web_auth_lock_seconds(5, ZX_LOCK_PAIR), 60);
    assert_int_equal(zx_web_auth_lock_seconds(6, ZX_LOCK_PAIR), 120);
    assert_int_equal(zx_web_auth_lock_seconds(8, ZX_LOCK_PAIR), 480);
    assert_int_equal(zx_web_auth_lock_seconds(9, ZX_LOCK_PAIR), 15 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(100, ZX_LOCK_PAIR), 15 * 60);
    /* one address */
    assert_int_equal(zx_web_auth_lock_seconds(19, ZX_LOCK_ADDR), 0);
    assert_int_equal(zx_web_auth_lock_seconds(20, ZX_LOCK_ADDR), 15 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(21, ZX_LOCK_ADDR), 30 * 60);
    assert_int_equal(zx_web_auth_lock_seconds(1000, ZX_LOCK_ADDR), 24 * 3600);
    /* one account from new addresses */
    assert_int_equal(zx_web_auth_lock_seconds(99, ZX_LOCK_ACCOUNT), 0);
    assert_int_equal(zx_web_auth_lock_seconds(100, ZX_LOCK_ACCOUNT), 15 * 60);
    assert_int_equal(zx_web_auth_lock_threshold(ZX_LOCK_PAIR), 5);
}

static void test_mask(void **state)
{
    (void)state;
    char a[] = "id number '110101199003071234' has a wrong check digit";
    assert_int_equal(zx_web_mask_idnums(a), 1);
    assert_string_equal(a, "id number '110101********1234' has a wrong check digit");
    char b[] = "15-digit id number converted to '11010119900307123X'; was 110101900307123";
    assert_int_equal(zx_web_mask_idnums(b), 2);
    assert_string_equal(
        b, "15-digit id number converted to '110101********123X'; was 110101******123");
    char c[] = "P1,C1,convict,张三,110101900307123,M,1990-03-07";
    assert_int_equal(zx_web_mask_idnums(c), 1);
    assert_string_equal(c, "P1,C1,convict,张三,110101******123,M,1990-03-07");
    /* not an id: other lengths, runs inside tokens, already masked */
    char d[] = "1101011990030712345 11010119900307 ab110101199003071234 110101********1234 "
               "f00110101199003071234";
    assert_int_equal(zx_web_mask_idnums(d), 0);
    char e[] = "身份证号110101199003071234有误";
    assert_int_equal(zx_web_mask_idnums(e), 1);
    assert_string_equal(e, "身份证号110101********1234有误");
    char f[] = "";
    assert_int_equal(zx_web_mask_idnums(f), 0);
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
    /* NIST SP 800-63B: common, repetitive and sequential values are refused */
    const char *bad[] = {"12345678",  "87654321",   "aaaaaaaa",   "abcdefgh",
                         "PASSWORD1", "qwertyuiop", "woaini1314", "1qaz2wsx"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(zx_auth_password_check(NULL, bad[i], &err), ZX_EINVAL);
    assert_int_equal(zx_auth_hash_password("12345678", h, &err), ZX_EINVAL);
    assert_int_equal(zx_auth_password_check("leader_a", "LEADER_A", &err), ZX_EINVAL);
    assert_int_equal(zx_auth_password_check("admin", "admin-pass-2024", &err), ZX_OK);
    assert_int_equal(zx_auth_password_check(NULL, "1234567x", &err), ZX_OK);
    /* every entry of the shipped list is refused */
    char path[4096], line[300];
    int n = 0;
    assert_int_equal(zx_datafile_find("common-passwords.txt", path, sizeof path), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (!zx_auth_password_common(line))
            fail_msg("'%s' of data/common-passwords.txt is not refused", line);
        n++;
    }
    fclose(f);
    assert_true(n >= 100);
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
        cmocka_unit_test(test_lock),           cmocka_unit_test(test_mask),
        cmocka_unit_test(test_roles),          cmocka_unit_test(test_password),
        cmocka_unit_test(test_zip_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
