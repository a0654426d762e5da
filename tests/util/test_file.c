/* test_file.c — a file is replaced whole or not at all: commit swaps in the new content,
 * abort leaves the old one, no temporary file is left behind, and a folder that does not
 * exist is a clear error. */
#include "../zx_test.h"

#include "util/file.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/zx-file-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void slurp(const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t k = fread(out, 1, n - 1, f);
    out[k] = '\0';
    fclose(f);
}

static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_commit_and_abort(void **state)
{
    (void)state;
    char path[128], buf[64];
    struct zx_file_out o;
    struct zx_err err;
    snprintf(path, sizeof path, "%s/out.csv", dir);
    assert_int_equal(zx_file_out_open(&o, path, 1, &err), ZX_OK);
    fputs("old\n", o.f);
    assert_int_equal(zx_file_out_commit(&o, &err), ZX_OK);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");
    /* a write given up leaves the old content and no temporary file */
    assert_int_equal(zx_file_out_open(&o, path, 1, &err), ZX_OK);
    fputs("half of the new", o.f);
    assert_int_equal(entries(), 2);
    zx_file_out_abort(&o);
    zx_file_out_abort(&o); /* twice is harmless */
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");
    assert_int_equal(entries(), 1);
    /* by name (as libxlsxwriter writes): the temporary file exists, empty, until commit */
    assert_int_equal(zx_file_out_open(&o, path, 0, &err), ZX_OK);
    assert_null(o.f);
    FILE *f = fopen(o.tmp, "w");
    assert_non_null(f);
    fputs("new\n", f);
    fclose(f);
    assert_int_equal(zx_file_out_commit(&o, &err), ZX_OK);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    assert_int_equal(entries(), 1);
    assert_null(o.tmp);
    assert_int_equal(zx_file_out_commit(&o, &err), ZX_EINVAL); /* nothing left to commit */
}

static void test_missing_folder(void **state)
{
    (void)state;
    char path[128];
    struct zx_file_out o;
    struct zx_err err;
    snprintf(path, sizeof path, "%s/no/such/out.csv", dir);
    assert_int_equal(zx_file_out_open(&o, path, 1, &err), ZX_EIO);
    assert_non_null(strstr(err.msg, "no/such/out.csv"));
    assert_null(o.tmp);
    zx_file_out_abort(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_and_abort),
        cmocka_unit_test(test_missing_folder),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
