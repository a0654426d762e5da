/* test_idmap.c — the compact id map: many keys through many resizes, key copies, the aux
 * values, lines, reserve, and keys that collide in the slot tag. */
#include "../zx_test.h"

#include "util/idmap.h"

#include <string.h>

static void test_many_keys(void **state)
{
    (void)state;
    struct zx_idmap *m = zx_idmap_new(0);
    char k[32];
    int created;
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(k, sizeof k, "E%08d", i);
        struct zx_idmap_entry *e = zx_idmap_put(m, k, (size_t)n, &created);
        assert_non_null(e);
        assert_true(created);
        e->rid = i + 1;
        e->row_hash = (uint64_t)i * 31;
    }
    assert_int_equal(zx_idmap_size(m), 200000);
    for (int i = 0; i < 200000; i += 7) {
        int n = snprintf(k, sizeof k, "E%08d", i);
        struct zx_idmap_entry *e = zx_idmap_get(m, k, (size_t)n);
        assert_non_null(e);
        assert_int_equal(e->rid, i + 1);
        assert_int_equal(e->row_hash, (uint64_t)i * 31);
        size_t kn;
        const char *key = zx_idmap_key(m, e, &kn);
        assert_int_equal(kn, (size_t)n);
        assert_memory_equal(key, k, kn);
        assert_int_equal(zx_idmap_aux(m, e), 0); /* no aux kept: always 0 */
        zx_idmap_set_aux(m, e, 5);
        assert_int_equal(zx_idmap_aux(m, e), 0);
    }
    assert_null(zx_idmap_get(m, "E", 1));
    assert_null(zx_idmap_get(m, "", 0));
    struct zx_idmap_entry *e = zx_idmap_put(m, "E00000003", 9, &created);
    assert_false(created);
    assert_int_equal(e->rid, 4);
    /* keys that are prefixes of each other are distinct */
    zx_idmap_put(m, "ab", 2, &created);
    assert_true(created);
    zx_idmap_put(m, "abc", 3, &created);
    assert_true(created);
    assert_null(zx_idmap_get(m, "a", 1));
    assert_int_equal(zx_idmap_size(m), 200002);
    zx_idmap_free(m);
}

/* Key lengths: 1 to 255 bytes go in (binary bytes, NUL included); 0 and 256 do not. */
static void test_key_lengths(void **state)
{
    (void)state;
    struct zx_idmap *m = zx_idmap_new(0);
    char k[256];
    int created;
    for (size_t n = 1; n <= 255; n++) {
        memset(k, 'a', n);
        k[0] = (char)n; /* binary, including bytes like 0x00 inside */
        k[n / 2] = '\0';
        struct zx_idmap_entry *e = zx_idmap_put(m, k, n, &created);
        assert_non_null(e);
        assert_true(created);
        e->rid = (int64_t)n;
    }
    for (size_t n = 1; n <= 255; n++) {
        memset(k, 'a', n);
        k[0] = (char)n;
        k[n / 2] = '\0';
        struct zx_idmap_entry *e = zx_idmap_get(m, k, n);
        assert_non_null(e);
        assert_int_equal(e->rid, (int64_t)n);
        size_t kn;
        const char *key = zx_idmap_key(m, e, &kn);
        assert_int_equal(kn, n);
        assert_memory_equal(key, k, n);
    }
    memset(k, 'b', sizeof k);
    assert_null(zx_idmap_put(m, k, 256, &created));
    assert_false(created);
    assert_null(zx_idmap_put(m, k, 0, &created));
    assert_null(zx_idmap_get(m, k, 256));
    zx_idmap_free(m);
}

/* aux values follow their entries through growth; lines saturate and clear. */
static void test_aux_and_lines(void **state)
{
    (void)state;
    struct zx_idmap *m = zx_idmap_new(ZX_IDMAP_AUX);
    char k[32];
    int created;
    for (int i = 0; i < 50000; i++) {
        int n = snprintf(k, sizeof k, "P%d", i);
        struct zx_idmap_entry *e = zx_idmap_put(m, k, (size_t)n, &created);
        assert_non_null(e);
        assert_int_equal(zx_idmap_aux(m, e), 0);
        zx_idmap_set_aux(m, e, (int64_t)i * 1000000007LL);
        zx_idmap_set_line(e, i + 2);
    }
    for (int i = 0; i < 50000; i += 3) {
        int n = snprintf(k, sizeof k, "P%d", i);
        struct zx_idmap_entry *e = zx_idmap_get(m, k, (size_t)n);
        assert_non_null(e);
        assert_int_equal(zx_idmap_aux(m, e), (int64_t)i * 1000000007LL);
        assert_int_equal(e->line, (uint32_t)(i + 2));
    }
    struct zx_idmap_entry *e = zx_idmap_get(m, "P7", 2);
    zx_idmap_set_line(e, 5000000000L);
    assert_int_equal(e->line, UINT32_MAX);
    zx_idmap_set_line(e, -3);
    assert_int_equal(e->line, 0);
    zx_idmap_clear_lines(m);
    assert_int_equal(zx_idmap_get(m, "P49999", 6)->line, 0);
    assert_int_equal(zx_idmap_get(m, "P0", 2)->line, 0);
    zx_idmap_free(m);
}

/* A reserve made up front holds every entry without a rehash, and entries added before it
 * survive it. */
static void test_reserve(void **state)
{
    (void)state;
    struct zx_idmap *m = zx_idmap_new(ZX_IDMAP_AUX);
    char k[32];
    int created;
    for (int i = 0; i < 100; i++) {
        int n = snprintf(k, sizeof k, "X%d", i);
        struct zx_idmap_entry *e = zx_idmap_put(m, k, (size_t)n, &created);
        e->rid = i;
        zx_idmap_set_aux(m, e, -i);
    }
    assert_int_equal(zx_idmap_reserve(m, 300000), 0);
    for (int i = 100; i < 300000; i++) {
        int n = snprintf(k, sizeof k, "X%d", i);
        struct zx_idmap_entry *e = zx_idmap_put(m, k, (size_t)n, &created);
        assert_true(created);
        e->rid = i;
        zx_idmap_set_aux(m, e, -i);
    }
    for (int i = 0; i < 300000; i += 11) {
        int n = snprintf(k, sizeof k, "X%d", i);
        struct zx_idmap_entry *e = zx_idmap_get(m, k, (size_t)n);
        assert_non_null(e);
        assert_int_equal(e->rid, i);
        assert_int_equal(zx_idmap_aux(m, e), -i);
    }
    assert_int_equal(zx_idmap_size(m), 300000);
    zx_idmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_key_lengths),
        cmocka_unit_test(test_aux_and_lines),
        cmocka_unit_test(test_reserve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
