/* zx_test.h — shared helpers for the cmocka unit tests: temporary folders, writing small
 * bundle files, and importing them. Header-only so each test binary stays self-contained. */
#ifndef ZX_TESTS_ZX_TEST_H
#define ZX_TESTS_ZX_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh temporary folder; the caller frees the string and may remove the folder with
 * zx_test_rmrf(). */
static inline char *zx_test_tmpdir(void)
{
    char tmpl[] = "/tmp/zxtest.XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

/* Write text to dir/name, creating dir/name's file (not folders). */
static inline void zx_test_write(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static inline void zx_test_rmrf(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

#endif
