/* test_collide.c — record linkage: comparison levels per kind, id-number tolerance, dates,
 * EM on a sample with known parameters, determinism across thread counts, contract errors. */
#include "../zx_test.h"

#include "collide/collide.h"
#include "gen/gen.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>

#define CMP(k, a, b) zx_collide_compare(ZX_COLLIDE_##k, a, b)

static void test_id_number(void **state)
{
    (void)state;
    const char *id = "11010519491231002X";
    assert_int_equal(CMP(ID_NUMBER, id, id), 2);
    assert_int_equal(CMP(ID_NUMBER, id, "11010519491231002x"), 2);
    /* 15-digit old number widened with 19 and a new check character */
    assert_int_equal(CMP(ID_NUMBER, id, "110105491231002"), 2);
    /* full-width digits, spaces */
    assert_int_equal(CMP(ID_NUMBER, id, "１１０１０５１９４９１２３１００２Ｘ"), 2);
    assert_int_equal(CMP(ID_NUMBER, id, "110105 19491231 002X"), 2);
    /* one changed digit: the check character then fails */
    assert_int_equal(CMP(ID_NUMBER, id, "11010519491231012X"), 1);
    assert_int_equal(CMP(ID_NUMBER, id, "21010519491231002X"), 1);
    /* two swapped digits */
    assert_int_equal(CMP(ID_NUMBER, id, "11010591491231002X"), 1);
    assert_int_equal(CMP(ID_NUMBER, id, "11010519491231020X"), 1);
    /* only the check character differs */
    assert_int_equal(CMP(ID_NUMBER, id, "110105194912310021"), 1);
    /* two changed digits, or swapped digits that are not neighbours: another person */
    assert_int_equal(CMP(ID_NUMBER, id, "11010519491231113X"), 0);
    assert_int_equal(CMP(ID_NUMBER, id, "21010519491231003X"), 0);
    /* other codes: the same tolerance */
    assert_int_equal(CMP(ID_NUMBER, "5304218", "5304218"), 2);
    assert_int_equal(CMP(ID_NUMBER, "5304218", "5304318"), 1);
    assert_int_equal(CMP(ID_NUMBER, "5304218", "5302418"), 1);
    assert_int_equal(CMP(ID_NUMBER, "5304218", "5304"), 0);
    assert_int_equal(CMP(ID_NUMBER, "", id), -1);
    char out[64];
    zx_collide_norm_id("110105491231002", 15, out);
    assert_string_equal(out, "11010519491231002X");
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(CMP(NAME, "张伟", "张伟"), 4);
    assert_int_equal(CMP(NAME, "张伟", "张 伟"), 4);
    assert_int_equal(CMP(NAME, "张伟", "张玮"), 3);     /* 同音字 */
    assert_int_equal(CMP(NAME, "李玉", "李王"), 3);     /* 形近字 */
    assert_int_equal(CMP(NAME, "王小明", "王明小"), 3); /* given name swapped */
    assert_int_equal(CMP(NAME, "王小明", "王明"), 2);   /* a character left out */
    assert_int_equal(CMP(NAME, "王小明", "王小红"), 2); /* one character differs */
    assert_int_equal(CMP(NAME, "张伟", "李强"), 0);
    assert_int_equal(CMP(NAME, "张伟", "刘德华"), 0);
    assert_int_equal(CMP(NAME, "", "张伟"), -1);
    /* Latin names: case-insensitive, fuzzy, tokens in either order */
    assert_int_equal(CMP(NAME, "John Smith", "john  SMITH"), 4);
    assert_int_equal(CMP(NAME, "John Smith", "Smith John"), 3);
    assert_true(CMP(NAME, "John Smith", "Jon Smith") >= 2);
    assert_int_equal(CMP(NAME, "John Smith", "Maria Gonzalez"), 0);
    assert_int_equal(CMP(GIVEN_NAME, "michael", "micheal"), 3);
    assert_int_equal(CMP(SURNAME, "Ｓｍｉｔｈ", "smith"), 4); /* full width */
}

/* Two threads compare names whose characters nobody has compared yet, so both learn their
 * pinyin at once (two model runs in the web server do): same answers, and under
 * ThreadSanitizer (make check-tsan) no race on the shared table or the transliterator. */
static void *compare_fresh_names(void *arg)
{
    intptr_t bad = 0;
    (void)arg;
    for (uint32_t c = 0x5F00; c < 0x5F00 + 400; c++) {
        char a[16] = "";
        uint32_t cp[2] = {c, c + 1};
        size_t k = 0;
        for (int i = 0; i < 2; i++) { /* two 3-byte UTF-8 sequences */
            a[k++] = (char)(0xE0 | (cp[i] >> 12));
            a[k++] = (char)(0x80 | ((cp[i] >> 6) & 0x3F));
            a[k++] = (char)(0x80 | (cp[i] & 0x3F));
        }
        if (CMP(NAME, a, a) != 4)
            bad++;
    }
    if (CMP(NAME, "赵钰", "赵玉") != 3) /* 同音字, learnt in the race */
        bad++;
    return (void *)bad;
}

static void test_pinyin_threads(void **state)
{
    (void)state;
    pthread_t t[2];
    void *bad[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, compare_fresh_names, NULL), 0);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_join(t[i], &bad[i]), 0);
        assert_int_equal((intptr_t)bad[i], 0);
    }
}

static void test_dates(void **state)
{
    (void)state;
    const char *forms[] = {"2024-03-05", "2024/03/05", "2024.03.05", "2024年3月5日",
                           "20240305",   "2024/3/5",   "2024-3-05",  "２０２４年３月５日"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        int y, m, d;
        assert_int_equal(zx_collide_parse_date(forms[i], strlen(forms[i]), &y, &m, &d), 0);
        assert_int_equal(y * 10000 + m * 100 + d, 20240305);
        assert_int_equal(CMP(BIRTH_DATE, forms[0], forms[i]), 4);
    }
    int y, m, d;
    assert_int_equal(zx_collide_parse_date("2024-13-01", 10, &y, &m, &d), -1);
    assert_int_equal(zx_collide_parse_date("2024-03", 7, &y, &m, &d), -1);
    assert_int_equal(zx_collide_parse_date("2024-03/05", 10, &y, &m, &d), -1);
    assert_int_equal(zx_collide_parse_date("240305", 6, &y, &m, &d), -1);
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "2024-03-06"), 3); /* one day */
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-31", "2024-04-01"), 3); /* over a month's end */
    assert_int_equal(CMP(BIRTH_DATE, "1999-12-31", "2000-01-01"), 3);
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "2024-05-03"), 3); /* day/month swapped */
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "2024-04-05"), 3); /* one month */
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "2024-11-05"), 2); /* two parts agree */
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "2024-09-20"), 1); /* the year */
    assert_int_equal(CMP(BIRTH_DATE, "2024-03-05", "1980-09-20"), 0);
    /* unreadable values are compared as text */
    assert_int_equal(CMP(BIRTH_DATE, "unknown", "unknown"), 4);
    assert_int_equal(CMP(BIRTH_DATE, "unknown", "2024-03-05"), 0);
}

static void test_other_kinds(void **state)
{
    (void)state;
    assert_int_equal(CMP(POSTCODE, "100080", "100080"), 2);
    assert_int_equal(CMP(POSTCODE, "100080", "100081"), 1);
    assert_int_equal(CMP(POSTCODE, "100080", "200000"), 0);
    assert_int_equal(CMP(PHONE, "+86 138-0013-8000", "13800138000"), 2);
    assert_int_equal(CMP(PHONE, "8613800138000", "138 0013 8000"), 2);
    assert_int_equal(CMP(PHONE, "13800138000", "13800138001"), 1);
    assert_int_equal(CMP(PHONE, "13800138000", "13912345678"), 0);
    /* addresses with or without 省/市/区/街道 */
    assert_int_equal(CMP(ADDRESS, "浙江省杭州市西湖区文三路100号", "浙江杭州西湖文三路100号"), 3);
    assert_int_equal(CMP(ADDRESS, "浙江省杭州市西湖区文三路100号", "杭州市西湖区文三路100号"), 2);
    assert_int_equal(CMP(ADDRESS, "浙江省杭州市西湖区文三路100号", "北京市朝阳区建国路8号"), 0);
    assert_int_equal(CMP(TEXT, "London", "london"), 3);
    assert_int_equal(CMP(TEXT, "London", "Lonon"), 2);
    assert_int_equal(CMP(TEXT, "London", "Bristol"), 0);
    assert_int_equal(CMP(EXACT, " NSW ", "nsw"), 1);
    assert_int_equal(CMP(EXACT, "nsw", "vic"), 0);
    enum zx_collide_kind k;
    assert_int_equal(zx_collide_kind_parse("birth_date", &k), ZX_OK);
    assert_int_equal(k, ZX_COLLIDE_BIRTH_DATE);
    assert_int_equal(zx_collide_kind_parse("dob", &k), ZX_EINVAL);
}

/* EM on the expected pattern counts of a known model recovers m and the prior. */
static void test_em_recovers_parameters(void **state)
{
    (void)state;
    enum { NF = 3, NL = 3 };
    const int nlev[NF] = {NL, NL, NL};
    const double mt[NF][NL] = {{0.05, 0.15, 0.80}, {0.10, 0.10, 0.80}, {0.02, 0.08, 0.90}};
    double u[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS] = {
        {0.90, 0.08, 0.02}, {0.95, 0.04, 0.01}, {0.80, 0.15, 0.05}};
    double m[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS];
    const double lam = 0.002, total = 1e6;
    int8_t pat[NL * NL * NL * NF];
    double cnt[NL * NL * NL];
    size_t np = 0;
    for (int a = 0; a < NL; a++)
        for (int b = 0; b < NL; b++)
            for (int c = 0; c < NL; c++) {
                pat[np * NF] = (int8_t)a;
                pat[np * NF + 1] = (int8_t)b;
                pat[np * NF + 2] = (int8_t)c;
                double pm = mt[0][a] * mt[1][b] * mt[2][c], pu = u[0][a] * u[1][b] * u[2][c];
                cnt[np++] = total * (lam * pm + (1 - lam) * pu);
            }
    double got;
    int it = zx_collide_em(np, NF, pat, cnt, nlev, total, (const double(*)[ZX_COLLIDE_MAX_LEVELS])u,
                           m, &got);
    assert_true(it > 1 && it < 500);
    assert_true(fabs(got - lam) / lam < 0.01);
    for (int f = 0; f < NF; f++)
        for (int l = 0; l < NL; l++)
            assert_true(fabs(m[f][l] - mt[f][l]) < 0.005);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = malloc(1 << 24);
    assert_non_null(b);
    *n = fread(b, 1, 1 << 24, f);
    fclose(f);
    return b;
}

static void set_fields(struct zx_collide_opts *o)
{
    o->id_column = "rec_id";
    const struct zx_collide_field fl[] = {{"name", ZX_COLLIDE_NAME},
                                          {"id_number", ZX_COLLIDE_ID_NUMBER},
                                          {"birth_date", ZX_COLLIDE_BIRTH_DATE},
                                          {"phone", ZX_COLLIDE_PHONE},
                                          {"address", ZX_COLLIDE_ADDRESS}};
    memcpy(o->fields, fl, sizeof fl);
    o->nfields = 5;
}

/* One thread or two: byte-identical output, for dedupe and for link. */
static void test_deterministic_threads(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir(), in[4200], a[4200], b[4200];
    struct zx_gen_persons_opts g = {7, 3000, 0.3, 0};
    struct zx_err err;
    struct zx_collide_opts o;
    struct zx_collide_stats st;
    assert_int_equal(zx_gen_persons(dir, &g, NULL, &err), ZX_OK);
    zx_collide_opts_init(&o);
    set_fields(&o);
    snprintf(in, sizeof in, "%s/persons.csv", dir);
    snprintf(a, sizeof a, "%s/one.csv", dir);
    snprintf(b, sizeof b, "%s/two.csv", dir);
    o.threads = 1;
    assert_int_equal(zx_collide_dedupe(in, a, &o, &st, &err), ZX_OK);
    assert_true(st.matches > 500);
    o.threads = 2;
    assert_int_equal(zx_collide_dedupe(in, b, &o, &st, &err), ZX_OK);
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_true(na > 1000);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);

    g.link = 1;
    assert_int_equal(zx_gen_persons(dir, &g, NULL, &err), ZX_OK);
    char l[4200], r[4200];
    snprintf(l, sizeof l, "%s/left.csv", dir);
    snprintf(r, sizeof r, "%s/right.csv", dir);
    o.threads = 1;
    assert_int_equal(zx_collide_link(l, r, a, &o, &st, &err), ZX_OK);
    assert_true(st.matches > 500);
    o.threads = 2;
    assert_int_equal(zx_collide_link(l, r, b, &o, &st, &err), ZX_OK);
    x = slurp(a, &na);
    y = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    assert_memory_equal(x, "left_id,right_id,probability\n", 29);
    free(x);
    free(y);
    zx_test_rmrf(dir);
    free(dir);
}

static void expect_fail(const char *dir, const char *file, int want, const char *msgpart)
{
    char in[4200], out[4200];
    struct zx_err err;
    struct zx_collide_opts o;
    zx_collide_opts_init(&o);
    o.id_column = "id";
    o.fields[0] = (struct zx_collide_field){"name", ZX_COLLIDE_NAME};
    o.nfields = 1;
    snprintf(in, sizeof in, "%s/%s", dir, file);
    snprintf(out, sizeof out, "%s/out.csv", dir);
    zx_err_clear(&err);
    assert_int_equal(zx_collide_dedupe(in, out, &o, NULL, &err), want);
    assert_non_null(strstr(err.msg, msgpart));
    assert_int_not_equal(access(out, F_OK), 0); /* no output file */
}

static void test_errors(void **state)
{
    (void)state;
    char *dir = zx_test_tmpdir();
    zx_test_write(dir, "dup.csv", "id,name\n1,张三\n2,李四\n1,王五\n");
    zx_test_write(dir, "nocol.csv", "id,full_name\n1,张三\n");
    zx_test_write(dir, "noid.csv", "key,name\n1,张三\n");
    zx_test_write(dir, "quote.csv", "id,name\n1,\"张三\n");
    zx_test_write(dir, "width.csv", "id,name\n1,张三,x\n");
    expect_fail(dir, "dup.csv", ZX_EINVAL, "duplicate id '1'");
    expect_fail(dir, "nocol.csv", ZX_EINVAL, "no column 'name'");
    expect_fail(dir, "noid.csv", ZX_EINVAL, "no column 'id'");
    expect_fail(dir, "quote.csv", ZX_EPARSE, "line 2");
    expect_fail(dir, "width.csv", ZX_EPARSE, "line 2");
    expect_fail(dir, "missing.csv", ZX_EIO, "cannot read");
    /* a BOM, CRLF, quoting and padding are fine; an empty value is missing */
    zx_test_write(dir, "ok.csv", "\xEF\xBB\xBFid, name\r\n1, 张三\r\n\"2\",\"张三\"\r\n3,\r\n");
    char in[4200], out[4200];
    struct zx_err err;
    struct zx_collide_opts o;
    zx_collide_opts_init(&o);
    o.id_column = "id";
    o.fields[0] = (struct zx_collide_field){"name", ZX_COLLIDE_NAME};
    o.nfields = 1;
    snprintf(in, sizeof in, "%s/ok.csv", dir);
    snprintf(out, sizeof out, "%s/out.csv", dir);
    assert_int_equal(zx_collide_dedupe(in, out, &o, NULL, &err), ZX_OK);
    size_t n;
    char *x = slurp(out, &n);
    assert_non_null(x);
    assert_memory_equal(x, "id,cluster\n1,", 13);
    free(x);
    zx_test_rmrf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_number),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_pinyin_threads),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_other_kinds),
        cmocka_unit_test(test_em_recovers_parameters),
        cmocka_unit_test(test_deterministic_threads),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
