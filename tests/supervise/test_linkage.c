/* test_linkage.c — the linkage estimator of the supervision models (zx_sup_linkage_fit) on
 * generated person lists: fitted by EM with agreement worth more among matches than among
 * random pairs, u from 20,000 random pairs, a one-digit id typo with a 同音字 linked, a
 * namesake with another id not; a common name agreeing says less than a rare one (term
 * frequency); the same input gives the same model; too few candidate pairs or data without
 * matches fall back to the documented priors, said so. */
#include "../zx_test.h"

#include "supervise/supervise.h"
#include "util/idnum.h"

#define NP 300

struct people {
    char id[NP][20], name[NP][32], birth[NP][12];
};

static uint32_t next(uint32_t *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x >> 8;
}

static void make_id(uint32_t *x, const char *region, const char *birth, char out[20])
{
    char d17[18];
    snprintf(d17, sizeof d17, "%.6s%.4s%.2s%.2s%03u", region, birth, birth + 5, birth + 8,
             (unsigned)(next(x) % 1000));
    snprintf(out, 20, "%s%c", d17, zx_idnum_check_char(d17));
}

/* NP people: names from 12 surnames and 12 given-name characters; every tenth is 王伟 */
static void make_people(struct people *p, uint32_t seed)
{
    static const char *const sur[] = {"李", "张", "刘", "陈", "杨", "黄",
                                      "赵", "吴", "周", "徐", "孙", "马"};
    static const char *const giv[] = {"丽", "静", "敏", "军", "强", "杰",
                                      "芳", "秀", "英", "娜", "磊", "洋"};
    uint32_t x = seed;
    for (int i = 0; i < NP; i++) {
        snprintf(p->birth[i], 12, "%04u-%02u-%02u", 1950 + (unsigned)(next(&x) % 50),
                 1 + (unsigned)(next(&x) % 12), 1 + (unsigned)(next(&x) % 28));
        if (i % 10 == 0)
            snprintf(p->name[i], 32, "王伟");
        else
            snprintf(p->name[i], 32, "%s%s%s", sur[next(&x) % 12], giv[next(&x) % 12],
                     next(&x) % 2 ? giv[next(&x) % 12] : "");
        make_id(&x, "110101", p->birth[i], p->id[i]);
    }
}

static void as_persons(const struct people *p, int n, struct zx_sup_person *out)
{
    for (int i = 0; i < n; i++)
        out[i] = (struct zx_sup_person){p->id[i], p->name[i], p->birth[i]};
}

static struct people L, R;
static struct zx_sup_person left[NP], right[NP];

/* right: the first 240 of left, some without an id, some with a one-digit typo */
static void make_pair_lists(void)
{
    make_people(&L, 7);
    snprintf(L.name[1], 32, "欧阳丽华"); /* a rare name with a 同音字 to make (丽 → 俪) */
    R = L;
    for (int i = 0; i < NP; i++) {
        if (i >= 240) { /* strangers */
            uint32_t x = 1000u + (uint32_t)i;
            snprintf(R.name[i], 32, "%s", i % 2 ? "郭平" : "林霞");
            snprintf(R.birth[i], 12, "19%02u-06-15", 50 + (unsigned)(next(&x) % 50));
            make_id(&x, "470321", R.birth[i], R.id[i]);
        } else if (i % 7 == 3) {
            R.id[i][0] = '\0';
        } else if (i % 11 == 5) {
            R.id[i][15] = R.id[i][15] == '9' ? '0' : (char)(R.id[i][15] + 1);
        }
    }
    as_persons(&L, NP, left);
    as_persons(&R, NP, right);
}

static void test_fit_em(void **state)
{
    (void)state;
    struct zx_sup_linkage *lk = NULL;
    struct zx_err err = {0};
    make_pair_lists();
    assert_int_equal(zx_sup_linkage_fit(left, NP, right, NP, &lk, &err), ZX_OK);
    assert_string_equal(zx_sup_linkage_method(lk), "em");
    struct zx_sup_linkage_info in;
    zx_sup_linkage_get_info(lk, &in);
    assert_true(in.candidates >= 240);
    assert_int_equal(in.random_pairs, 20000);
    assert_true(in.iterations > 0);
    /* about 240 matches among 90,000 pairs */
    assert_true(in.lambda * NP * NP > 200 && in.lambda * NP * NP < 280);
    for (int f = 0; f < 3; f++) {
        double m0, u0, mt, ut;
        int top = f == 0 ? 2 : 4;
        assert_int_equal(zx_sup_linkage_weights(lk, f, 0, &m0, &u0), 0);
        assert_int_equal(zx_sup_linkage_weights(lk, f, top, &mt, &ut), 0);
        assert_true(mt > ut);
        assert_true(m0 < u0);
        assert_int_equal(zx_sup_linkage_weights(lk, f, top + 1, &mt, &ut), -1);
    }
    /* a one-digit typo in the id and a 同音字 (丽 → 俪) in the name: no row of right shows a
     * 同音字, so that level's m rests on the priors */
    char typo[20], name[32];
    snprintf(typo, sizeof typo, "%s", L.id[1]);
    typo[16] = typo[16] == '9' ? '0' : (char)(typo[16] + 1);
    snprintf(name, sizeof name, "%s", L.name[1]);
    char *li = strstr(name, "丽");
    assert_non_null(li);
    memcpy(li, "俪", strlen("俪"));
    struct zx_sup_person a = {L.id[1], L.name[1], L.birth[1]}, b = {typo, name, L.birth[1]};
    assert_true(zx_sup_linkage_probability(lk, &a, &b) > 0.99);
    /* a namesake born the same day with another id */
    char other[20];
    uint32_t x = 99;
    make_id(&x, "650102", L.birth[1], other);
    struct zx_sup_person c = {other, L.name[1], L.birth[1]};
    assert_true(zx_sup_linkage_probability(lk, &a, &c) < 0.01);
    /* term frequency: no id, the same name and birth date — 王伟 (one in ten) says less than a
     * rare name */
    struct zx_sup_person w1 = {"", "王伟", "1980-05-05"}, w2 = {"", "王伟", "1980-05-05"};
    struct zx_sup_person r1 = {"", L.name[1], "1980-05-05"}, r2 = {"", L.name[1], "1980-05-05"};
    double pw = zx_sup_linkage_probability(lk, &w1, &w2),
           pr = zx_sup_linkage_probability(lk, &r1, &r2);
    assert_true(pw < pr);
    zx_sup_linkage_free(lk);
}

static void test_deterministic(void **state)
{
    (void)state;
    struct zx_sup_linkage *a = NULL, *b = NULL;
    struct zx_err err = {0};
    make_pair_lists();
    assert_int_equal(zx_sup_linkage_fit(left, NP, right, NP, &a, &err), ZX_OK);
    assert_int_equal(zx_sup_linkage_fit(left, NP, right, NP, &b, &err), ZX_OK);
    for (int f = 0; f < 3; f++)
        for (int l = 0; l < 5; l++) {
            double ma, ua, mb, ub;
            int ra = zx_sup_linkage_weights(a, f, l, &ma, &ua);
            assert_int_equal(ra, zx_sup_linkage_weights(b, f, l, &mb, &ub));
            if (ra == 0) {
                assert_true(ma == mb);
                assert_true(ua == ub);
            }
        }
    assert_string_equal(zx_sup_linkage_note(a), zx_sup_linkage_note(b));
    zx_sup_linkage_free(a);
    zx_sup_linkage_free(b);
}

static void test_fallback(void **state)
{
    (void)state;
    struct zx_sup_linkage *lk = NULL;
    struct zx_err err = {0};
    make_pair_lists();
    /* 20 × 20: a score of candidate pairs, too few to fit */
    assert_int_equal(zx_sup_linkage_fit(left, 20, right, 20, &lk, &err), ZX_OK);
    assert_string_equal(zx_sup_linkage_method(lk), "prior");
    assert_non_null(strstr(zx_sup_linkage_note(lk), "fewer than 50"));
    /* the priors are the model zx_sup_match_probability documents */
    struct zx_sup_person a = {L.id[2], L.name[2], L.birth[2]}, b = {"", L.name[2], L.birth[2]};
    assert_true(
        zx_sup_linkage_probability(lk, &a, &b) ==
        zx_sup_match_probability(L.id[2], L.name[2], L.birth[2], "", L.name[2], L.birth[2]));
    zx_sup_linkage_free(lk);
    /* no matches at all: other people born on the same days — EM finds nothing to learn */
    static struct people O;
    static struct zx_sup_person other[NP];
    make_people(&O, 4242);
    for (int i = 0; i < NP; i++) {
        uint32_t x = 77u + (uint32_t)i;
        snprintf(O.birth[i], 12, "%s", L.birth[i]);
        snprintf(O.name[i], 32, "%s", i % 2 ? "郭平" : "林霞");
        make_id(&x, "470321", O.birth[i], O.id[i]);
    }
    as_persons(&O, NP, other);
    assert_int_equal(zx_sup_linkage_fit(left, NP, other, NP, &lk, &err), ZX_OK);
    struct zx_sup_linkage_info in;
    zx_sup_linkage_get_info(lk, &in);
    assert_true(in.candidates >= 50);
    assert_string_equal(zx_sup_linkage_method(lk), "prior");
    assert_non_null(strstr(zx_sup_linkage_note(lk), "EM"));
    zx_sup_linkage_free(lk);
    /* empty lists */
    assert_int_equal(zx_sup_linkage_fit(left, 0, right, NP, &lk, &err), ZX_OK);
    assert_string_equal(zx_sup_linkage_method(lk), "prior");
    zx_sup_linkage_free(lk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_em),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_fallback),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
