/* test_idmap.c — the id map at a size that forces many resizes, and its key copies. */
#include "../zx_test.h"

#include "util/idmap.h"

static void test_many_keys(void **state)
{
    (void)state;
    struct zx_idmap *m = zx_idmap_new();
    char k[32];
    int created;
    for (int i = 0; i < 200000; i++) {
        int n = snprintf(k, sizeof k, "E%08d", i);
        struct zx_idmap_entry *e = zx_idmap_put(m, k, (size_t)n, &created);
        assert_non_null(e);
        assert_true(created);
        e->rid = i + 1;
    }
    assert_int_equal(zx_idmap_size(m), 200000);
    for (int i = 0; i < 200000; i += 7) {
        int n = snprintf(k, sizeof k, "E%08d", i);
        struct zx_idmap_entry *e = zx_idmap_get(m, k, (size_t)n);
        assert_non_null(e);
        assert_int_equal(e->rid, i + 1);
        assert_string_equal(e->key, k);
    }
    assert_null(zx_idmap_get(m, "E", 1));
    struct zx_idmap_entry *e = zx_idmap_put(m, "E00000003", 9, &created);
    assert_false(created);
    assert_int_equal(e->rid, 4);
    /* keys with NUL-free binary bytes and prefixes of each other are distinct */
    zx_idmap_put(m, "ab", 2, &created);
    assert_true(created);
    zx_idmap_put(m, "abc", 3, &created);
    assert_true(created);
    assert_null(zx_idmap_get(m, "a", 1));
    zx_idmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_many_keys)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
