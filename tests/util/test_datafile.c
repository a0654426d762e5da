/* test_datafile.c — every shipped data file is compiled in byte for byte; a file on disk
 * is preferred to the built-in copy; a missing name is a clear error. */
#include "../zx_test.h"

#include "util/datafile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void test_builtins_equal_files(void **state)
{
    (void)state;
    char path[4096];
    int n = 0, rules = 0;
    for (const struct zx_datafile_builtin *b = zx_datafile_builtins(); b->name; b++, n++) {
        size_t len = 0;
        snprintf(path, sizeof path, "data/%s", b->name);
        char *file = slurp(path, &len);
        if (!file)
            fail_msg("built-in %s has no file %s (run from the repository root)", b->name, path);
        if (len != b->len || memcmp(file, b->text, len) || b->text[len] != '\0')
            fail_msg("built-in %s differs from %s", b->name, path);
        free(file);
        rules += !strcmp(b->name, "sentence_rules.json") || !strcmp(b->name, "indicators.json");
    }
    assert_true(n >= 4);
    assert_int_equal(rules, 2);
    size_t len = 0;
    assert_non_null(zx_datafile_builtin("monitor_rules.json", &len));
    assert_true(len > 100);
    assert_null(zx_datafile_builtin("no-such-file.json", NULL));
}

static void test_load_prefers_disk(void **state)
{
    (void)state;
    char dir[] = "/tmp/zx-datafile-XXXXXX", path[4200];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/monitor_rules.json", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"local\": true}\n", f);
    fclose(f);
    setenv("ZHIXIAO_DATA", dir, 1);
    struct zx_datafile df;
    struct zx_err err;
    assert_int_equal(zx_datafile_load("monitor_rules.json", 1024, &df, &err), ZX_OK);
    assert_string_equal(df.text, "{\"local\": true}\n");
    assert_int_equal(df.len, 16);
    assert_string_equal(df.where, path);
    zx_datafile_release(&df);
    /* too large for the caller's ceiling: refused, nothing returned */
    assert_int_equal(zx_datafile_load("monitor_rules.json", 8, &df, &err), ZX_EIO);
    assert_null(df.text);
    assert_non_null(strstr(err.msg, "more than 8"));
    remove(path);
    rmdir(dir);
    unsetenv("ZHIXIAO_DATA");
    assert_int_equal(zx_datafile_load("no-such-file.json", 1024, &df, &err), ZX_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no-such-file.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins_equal_files),
        cmocka_unit_test(test_load_prefers_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
