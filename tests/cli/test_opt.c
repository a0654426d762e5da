/* test_opt.c — the CLI's option parser: each kind of value, both spellings of a value, the
 * positional arguments, --help from the table, and errors that name the option and the form. */
#include "../zx_test.h"

#include "cli/opt.h"
#include "util/date.h"
#include "util/msg.h"

#include <fcntl.h>

/* Run zx_opt_parse with fd (1 or 2) captured into out; returns its result. */
static int parse_capture(const struct zx_opt_cmd *cmd, int argc, char **argv, int fd, char *out,
                         size_t cap)
{
    char path[] = "/tmp/zxopt.XXXXXX";
    int tmp = mkstemp(path);
    assert_true(tmp >= 0);
    fflush(stdout);
    fflush(stderr);
    int saved = dup(fd);
    dup2(tmp, fd);
    int rc = zx_opt_parse(cmd, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved, fd);
    close(saved);
    lseek(tmp, 0, SEEK_SET);
    ssize_t n = read(tmp, out, cap - 1);
    out[n > 0 ? n : 0] = 0;
    close(tmp);
    unlink(path);
    return rc;
}

/* The destinations of one table, reset for each case. */
static const char *db, *bundle, *unit;
static int32_t from, to;
static int quiet, threads, fmt, odd;
static struct zx_opt_list ids;

static int parse_odd(const char *val, void *ud, struct zx_err *err)
{
    long v = strtol(val, NULL, 10);
    if (v % 2 == 0)
        return zx_err_set(err, ZX_EINVAL, "'%s' is not odd", val);
    *(int *)ud = (int)v;
    return ZX_OK;
}

static const struct zx_opt opts[] = {
    {.arg = "BUNDLE", .str = &bundle, .flags = ZX_OPT_REQUIRED, .help = "the bundle"},
    ZX_OPT_DB(&db),
    ZX_OPT_UNIT(&unit),
    ZX_OPT_FROM(&from, 0),
    ZX_OPT_TO(&to, 0),
    ZX_OPT_FORMAT(&fmt, "json|table|csv"),
    {.name = "quiet", .flag = &quiet, .help = "no summary", .help_zh = "不输出汇总"},
    {.name = "threads", .num = &threads, .min = 1, .max = 256, .help = "threads"},
    {.name = "indicator", .arg = "ID", .list = &ids, .help = "an indicator (repeatable)"},
    {.name = "odd", .arg = "N", .fn = parse_odd, .ud = &odd, .help = "an odd number"},
    {.name = "old-db", .str = &db, .flags = ZX_OPT_HIDDEN, .help = "old spelling"},
    ZX_OPT_END};
static const struct zx_opt_cmd cmd = {"demo", opts, "Demonstrate the parser.\n", NULL};

static int setup(void **state)
{
    (void)state;
    db = bundle = unit = NULL;
    from = to = ZX_DATE_NULL;
    quiet = threads = fmt = odd = 0;
    ids.n = 0;
    zx_msg_set_chinese(0);
    return 0;
}

#define ARGV(...)  ((char *[]){"demo", __VA_ARGS__, NULL})
#define ARGC(...)  ((int)(sizeof((char *[]){"demo", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(...) parse_capture(&cmd, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), 2, err, sizeof err)

static void test_values_both_spellings(void **state)
{
    (void)state;
    char err[1024];
    assert_int_equal(PARSE("b1", "--db", "x.db", "--from=2024-01-01", "--to", "2024/12/31",
                           "--format=table", "--quiet", "--threads", "8", "--indicator", "a",
                           "--indicator=b", "--odd", "7", "--unit", "U1"),
                     ZX_OPT_GO);
    assert_string_equal(err, "");
    assert_string_equal(bundle, "b1");
    assert_string_equal(db, "x.db");
    assert_string_equal(unit, "U1");
    assert_int_equal(from, zx_date_from_ymd(2024, 1, 1));
    assert_int_equal(to, zx_date_from_ymd(2024, 12, 31));
    assert_int_equal(fmt, 1);
    assert_int_equal(quiet, 1);
    assert_int_equal(threads, 8);
    assert_int_equal(ids.n, 2);
    assert_string_equal(ids.v[0], "a");
    assert_string_equal(ids.v[1], "b");
    assert_int_equal(odd, 7);
}

static void test_defaults_untouched_and_last_wins(void **state)
{
    (void)state;
    char err[1024];
    threads = 4;
    assert_int_equal(PARSE("--db", "a.db", "b", "--db", "c.db", "--old-db=d.db"), ZX_OPT_GO);
    assert_string_equal(db, "d.db"); /* the hidden old spelling fills the same destination */
    assert_int_equal(threads, 4);
    assert_int_equal(from, ZX_DATE_NULL);
    assert_null(unit);
}

static void test_double_dash_and_dash(void **state)
{
    (void)state;
    char err[1024];
    assert_int_equal(PARSE("--db", "a", "--", "--odd"), ZX_OPT_GO);
    assert_string_equal(bundle, "--odd");
    setup(NULL);
    assert_int_equal(PARSE("--db", "a", "-"), ZX_OPT_GO);
    assert_string_equal(bundle, "-");
}

static void test_value_may_start_with_dash(void **state)
{
    (void)state;
    char err[1024];
    assert_int_equal(PARSE("b", "--db", "--weird"), ZX_OPT_GO);
    assert_string_equal(db, "--weird");
}

static void test_errors_name_option_and_form(void **state)
{
    (void)state;
    char err[1024];
    assert_int_equal(PARSE("b", "--db", "x", "--from", "2024-13-01"), 2);
    assert_non_null(strstr(err, "zhixiao demo: --from: expected a date YYYY-MM-DD, got "
                                "'2024-13-01'\n"));
    assert_non_null(strstr(err, "see 'zhixiao demo --help'"));
    assert_int_equal(PARSE("b", "--db", "x", "--to=2023-02-30"), 2);
    assert_non_null(strstr(err, "--to: expected a date YYYY-MM-DD, got '2023-02-30'"));
    assert_int_equal(PARSE("b", "--db", "x", "--threads", "0"), 2);
    assert_non_null(strstr(err, "--threads: expected an integer from 1 to 256, got '0'"));
    assert_int_equal(PARSE("b", "--db", "x", "--threads", "8x"), 2);
    assert_non_null(strstr(err, "got '8x'"));
    assert_int_equal(PARSE("b", "--db", "x", "--threads", "99999999999999999999"), 2);
    assert_int_equal(PARSE("b", "--db", "x", "--format", "xml"), 2);
    assert_non_null(strstr(err, "--format: expected one of json, table, csv, got 'xml'"));
    assert_int_equal(PARSE("b", "--db", "x", "--odd", "4"), 2);
    assert_non_null(strstr(err, "--odd: '4' is not odd"));
    assert_int_equal(PARSE("b", "--db", "x", "--quiet=1"), 2);
    assert_non_null(strstr(err, "--quiet: takes no value, got '1'"));
    assert_int_equal(PARSE("b", "--db"), 2);
    assert_non_null(strstr(err, "--db: expected FILE after it"));
    assert_int_equal(PARSE("b", "--db", "x", "--nope=3"), 2);
    assert_non_null(strstr(err, "unknown option '--nope'"));
    assert_int_equal(PARSE("b", "--db", "x", "-q"), 2);
    assert_non_null(strstr(err, "unknown option '-q'"));
    assert_int_equal(PARSE("b", "--db", "x", "c"), 2);
    assert_non_null(strstr(err, "unexpected argument 'c'"));
    assert_int_equal(PARSE("b"), 2);
    assert_non_null(strstr(err, "--db is required"));
    assert_int_equal(PARSE("--db", "x"), 2);
    assert_non_null(strstr(err, "missing BUNDLE"));
}

static void test_chinese_messages(void **state)
{
    (void)state;
    char err[1024];
    zx_msg_set_chinese(1);
    assert_int_equal(PARSE("b", "--db", "x", "--from", "2024-13-01"), 2);
    assert_non_null(strstr(err, "--from：应为日期 YYYY-MM-DD，实为“2024-13-01”"));
    assert_int_equal(PARSE("b"), 2);
    assert_non_null(strstr(err, "缺少必需选项 --db"));
    zx_msg_set_chinese(0);
}

static void test_list_limit(void **state)
{
    (void)state;
    char err[1024];
    char *argv[2 + 2 * (ZX_OPT_LIST_MAX + 1) + 3];
    int argc = 0;
    argv[argc++] = "demo";
    argv[argc++] = "b";
    argv[argc++] = "--db";
    argv[argc++] = "x";
    for (int i = 0; i <= ZX_OPT_LIST_MAX; i++) {
        argv[argc++] = "--indicator";
        argv[argc++] = "a";
    }
    argv[argc] = NULL;
    assert_int_equal(parse_capture(&cmd, argc, argv, 2, err, sizeof err), 2);
    assert_non_null(strstr(err, "--indicator: given more than 128 times"));
    assert_int_equal(ids.n, ZX_OPT_LIST_MAX);
}

static void test_help_from_table(void **state)
{
    (void)state;
    char out[4096];
    assert_int_equal(parse_capture(&cmd, ARGC("--db", "x", "--help"), ARGV("--db", "x", "--help"),
                                   1, out, sizeof out),
                     0);
    /* synopsis: positional, required, then optional; wrapped under the command */
    assert_non_null(strstr(out, "usage: zhixiao demo BUNDLE --db FILE [--unit ID] [--from DATE]"));
    assert_non_null(strstr(out, "[--indicator ID]..."));
    assert_non_null(strstr(out, "[--format json|table|csv]"));
    assert_non_null(strstr(out, "\nDemonstrate the parser.\n"));
    assert_non_null(strstr(out, "  --db FILE              the database file\n"));
    assert_non_null(strstr(out, "  --quiet                no summary\n"));
    assert_null(strstr(out, "old-db")); /* hidden */
    assert_non_null(strstr(out, "-h, --help"));
    for (const char *l = out; *l;) { /* no line of the synopsis is wider than 79 columns */
        const char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        assert_true(n <= 79);
        l += n + (e != NULL);
    }
    zx_msg_set_chinese(1);
    assert_int_equal(parse_capture(&cmd, ARGC("-h"), ARGV("-h"), 1, out, sizeof out), 0);
    assert_non_null(strstr(out, "用法：zhixiao demo BUNDLE"));
    assert_non_null(strstr(out, "不输出汇总"));
    assert_non_null(strstr(out, "threads")); /* no Chinese help: the English one */
    zx_msg_set_chinese(0);
}

static void test_commas_and_long_counts(void **state)
{
    (void)state;
    char err[1024];
    struct zx_opt_list l = {0};
    long long big = 0;
    const struct zx_opt o[] = {
        {.name = "inst", .list = &l, .flags = ZX_OPT_COMMAS, .help = "institutions"},
        {.name = "rows", .lnum = &big, .min = 0, .max = 100000000LL, .help = "rows"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd c = {"inspect plan", o, NULL, NULL};
    /* commas are split in place: the strings must be writable, as argv's are */
    char a1[] = "I1,I2", a2[] = "I3,,I4", a3[] = "--rows=50000000";
    char *argv[] = {"plan", "--inst", a1, "--inst", a2, a3, NULL};
    assert_int_equal(parse_capture(&c, 6, argv, 2, err, sizeof err), ZX_OPT_GO);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.v[0], "I1");
    assert_string_equal(l.v[1], "I2");
    assert_string_equal(l.v[2], "I3");
    assert_string_equal(l.v[3], "I4");
    assert_int_equal(big, 50000000LL);
    char b1[] = "--rows", b2[] = "100000001";
    char *bad[] = {"plan", b1, b2, NULL};
    assert_int_equal(parse_capture(&c, 3, bad, 2, err, sizeof err), 2);
    assert_non_null(strstr(err, "zhixiao inspect plan: --rows: expected an integer from 0 to "
                                "100000000, got '100000001'"));
}

static int sub_ran;
static int run_sub(void *ud, int argc, char **argv)
{
    sub_ran = *(int *)ud + argc;
    assert_string_equal(argv[0], "two");
    return 7;
}

static void test_dispatch(void **state)
{
    (void)state;
    const struct zx_opt_sub subs[] = {
        {"one", run_sub, "the first", "第一个"},
        {"two", run_sub, "the second", NULL},
        {NULL, NULL, NULL, NULL},
    };
    int base = 100;
    char *argv[] = {"demo", "two", "--x", NULL};
    assert_int_equal(zx_opt_dispatch("demo", subs, "About.\n", NULL, &base, 3, argv), 7);
    assert_int_equal(sub_ran, 102);
    char *bad[] = {"demo", "three", NULL};
    assert_int_equal(zx_opt_dispatch("demo", subs, NULL, NULL, &base, 2, bad), 2);
    char *none[] = {"demo", NULL};
    assert_int_equal(zx_opt_dispatch("demo", subs, NULL, NULL, &base, 1, none), 2);
    char *help[] = {"demo", "--help", NULL};
    assert_int_equal(zx_opt_dispatch("demo", subs, NULL, NULL, &base, 2, help), 0);
}

static void test_check_period(void **state)
{
    (void)state;
    int32_t a = zx_date_from_ymd(2024, 1, 2), b = zx_date_from_ymd(2024, 1, 1);
    assert_int_equal(zx_opt_check_period(&cmd, b, a), 0);
    assert_int_equal(zx_opt_check_period(&cmd, a, a), 0);
    assert_int_equal(zx_opt_check_period(&cmd, ZX_DATE_NULL, b), 0);
    assert_int_equal(zx_opt_check_period(&cmd, a, b), 2);
}

static void test_choice_index(void **state)
{
    (void)state;
    assert_int_equal(zx_opt_choice_index("json|table|csv", "json"), 0);
    assert_int_equal(zx_opt_choice_index("json|table|csv", "csv"), 2);
    assert_int_equal(zx_opt_choice_index("json|table|csv", "tab"), -1);
    assert_int_equal(zx_opt_choice_index("json|table|csv", ""), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_values_both_spellings, setup),
        cmocka_unit_test_setup(test_defaults_untouched_and_last_wins, setup),
        cmocka_unit_test_setup(test_double_dash_and_dash, setup),
        cmocka_unit_test_setup(test_value_may_start_with_dash, setup),
        cmocka_unit_test_setup(test_errors_name_option_and_form, setup),
        cmocka_unit_test_setup(test_chinese_messages, setup),
        cmocka_unit_test_setup(test_list_limit, setup),
        cmocka_unit_test_setup(test_help_from_table, setup),
        cmocka_unit_test(test_choice_index),
        cmocka_unit_test_setup(test_commas_and_long_counts, setup),
        cmocka_unit_test(test_dispatch),
        cmocka_unit_test(test_check_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
