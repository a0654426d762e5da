/* test_shard_plan.c — the subtrees' placement on shards (store/shard_plan.h): heaviest
 * first to the least loaded shard, deterministic ties, the root's load, the balance bound. */
#include "../zx_test.h"

#include "store/shard_plan.h"

/* the 9 cities of `generate --scale 300000 --seed 3` (events) and the province's own */
static const int64_t CITIES[9] = {724992, 334296, 197595, 180580, 174557,
                                  163279, 124990, 85001,  105087};

static void t_province(void **state)
{
    (void)state;
    int64_t load[2] = {3594, 0};
    int shard[9];
    assert_int_equal(zx_shard_plan(CITIES, 9, 2, load, shard, NULL), ZX_OK);
    /* the capital opens shard 1 (shard 0 holds the province's own events) */
    int want[9] = {1, 0, 0, 0, 0, 1, 1, 0, 0};
    int64_t sum[2] = {3594, 0};
    for (int i = 0; i < 9; i++) {
        assert_int_equal(shard[i], want[i]);
        sum[shard[i]] += CITIES[i];
    }
    assert_true(load[0] == sum[0] && load[1] == sum[1]);
    assert_true(load[0] == 1080710 && load[1] == 1013261);
    /* round robin gave 63.6 / 36.4 %; LPT within the third largest city */
    int64_t d = load[0] > load[1] ? load[0] - load[1] : load[1] - load[0];
    assert_true(d <= CITIES[2]);
    assert_true(100 * d <= 4 * (load[0] + load[1]));
}

static void t_ties_round_robin(void **state)
{
    (void)state;
    int64_t zero[5] = {0}, same[4] = {7, 7, 7, 7}, load[3] = {0};
    int shard[5];
    assert_int_equal(zx_shard_plan(zero, 5, 3, load, shard, NULL), ZX_OK);
    int want0[5] = {0, 1, 2, 0, 1};
    for (int i = 0; i < 5; i++)
        assert_int_equal(shard[i], want0[i]);
    int64_t load2[2] = {0};
    assert_int_equal(zx_shard_plan(same, 4, 2, load2, shard, NULL), ZX_OK);
    int want1[4] = {0, 1, 0, 1};
    for (int i = 0; i < 4; i++)
        assert_int_equal(shard[i], want1[i]);
    assert_true(load2[0] == 14 && load2[1] == 14);
}

/* the order of the input does not change which weight goes where */
static void t_deterministic(void **state)
{
    (void)state;
    int64_t a[6] = {5, 40, 12, 40, 3, 20}, b[6], la[3] = {0}, lb[3] = {0};
    int sa[6], sb[6], perm[6] = {3, 5, 0, 2, 4, 1};
    for (int i = 0; i < 6; i++)
        b[i] = a[perm[i]];
    assert_int_equal(zx_shard_plan(a, 6, 3, la, sa, NULL), ZX_OK);
    assert_int_equal(zx_shard_plan(b, 6, 3, lb, sb, NULL), ZX_OK);
    for (int s = 0; s < 3; s++)
        assert_true(la[s] == lb[s]);
    /* distinct weights land on the same shard either way; equal ones in index order */
    for (int i = 0; i < 6; i++)
        if (a[perm[i]] != 40)
            assert_int_equal(sb[i], sa[perm[i]]);
    assert_int_equal(sa[1], 0);
    assert_int_equal(sa[3], 1);
}

/* any input: the shards differ by at most the heaviest subtree (or the starting load) */
static void t_bound(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252u;
    for (int round = 0; round < 500; round++) {
        int64_t w[40], load[5] = {0}, maxw = 0;
        int shard[40];
        int n = 1 + round % 40, ns = 1 + round % 5;
        for (int i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            w[i] = (int64_t)(x % 1000000) * (round % 3 ? 1 : 1000);
            maxw = w[i] > maxw ? w[i] : maxw;
        }
        load[0] = round % 4 ? 0 : (int64_t)(x % 5000);
        maxw = load[0] > maxw ? load[0] : maxw;
        assert_int_equal(zx_shard_plan(w, n, ns, load, shard, NULL), ZX_OK);
        int64_t lo = load[0], hi = load[0];
        for (int s = 1; s < ns; s++) {
            lo = load[s] < lo ? load[s] : lo;
            hi = load[s] > hi ? load[s] : hi;
        }
        assert_true(hi - lo <= maxw);
        for (int i = 0; i < n; i++)
            assert_true(shard[i] >= 0 && shard[i] < ns);
    }
}

static void t_args(void **state)
{
    (void)state;
    int64_t w[1] = {1}, load[1] = {0};
    int shard[1];
    struct zx_err err = {0};
    assert_int_equal(zx_shard_plan(w, 1, 0, load, shard, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "shards"));
    assert_int_equal(zx_shard_plan(w, 0, 1, load, shard, NULL), ZX_OK);
    assert_true(load[0] == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_province),      cmocka_unit_test(t_ties_round_robin),
        cmocka_unit_test(t_deterministic), cmocka_unit_test(t_bound),
        cmocka_unit_test(t_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
