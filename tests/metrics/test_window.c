/* test_window.c — the window index (zx_metrics_window_build) answers exactly as the pass:
 * on a generated province, every row of the catalog for every unit of the scope over random
 * units and random windows (one to three periods, some reaching past the data), compared
 * with the pass (ZHIXIAO_WINDOW=0) under every pass strategy; a person counted on two days
 * counts once in a window holding both; a drill-down stopped at a limit gives the first hits
 * of the full one, whose count is the figure. */
#include "../zx_test.h"

#include "gen/gen.h"
#include "metrics_fixture.h"

static uint64_t rng = 88172645463325252ull;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

struct gfx {
    char *dir;
    struct zx_store *st;
    struct zx_metrics *m;
    struct zx_catalog *cat;
};

static struct gfx *gfx_new(void)
{
    struct gfx *f = calloc(1, sizeof *f);
    struct zx_err err = {0};
    struct zx_gen_opts o;
    char bundle[1200], db[1200];
    assert_non_null(f);
    f->dir = zx_test_tmpdir();
    snprintf(bundle, sizeof bundle, "%s/b", f->dir);
    snprintf(db, sizeof db, "%s/zx.db", f->dir);
    zx_gen_opts_init(&o);
    o.seed = 12;
    o.cases = 1500;
    o.convicts = 0;
    struct zx_gen_stats gs;
    if (zx_gen_bundle(bundle, &o, &gs, &err))
        fail_msg("generate: %s", err.msg);
    if (zx_store_open(db, &f->st, &err))
        fail_msg("open: %s", err.msg);
    struct zx_ingest_report rep;
    if (zx_ingest_bundle(f->st, bundle, NULL, &rep, &err))
        fail_msg("import: %s", err.msg);
    if (zx_metrics_load(f->st, &f->m, &err))
        fail_msg("load: %s", err.msg);
    if (zx_catalog_load_default(&f->cat, NULL, &err))
        fail_msg("catalog: %s", err.msg);
    /* a forced strategy splits even this small pass among threads: the build's shared day
     * counts and per-thread pairs are exercised (and checked under TSan by check-tsan) */
    setenv("ZHIXIAO_PASS", "sparse", 1);
    int rc = zx_metrics_window_build(f->m, f->cat, &err);
    unsetenv("ZHIXIAO_PASS");
    if (rc)
        fail_msg("window: %s", err.msg);
    return f;
}

static void gfx_free(struct gfx *f)
{
    zx_catalog_free(f->cat);
    zx_metrics_free(f->m);
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
}

static struct zx_metrics_result *eval(struct zx_metrics *m, const struct zx_metrics_query *q,
                                      int indexed)
{
    struct zx_err err = {0};
    struct zx_metrics_result *r = NULL;
    if (!indexed)
        setenv("ZHIXIAO_WINDOW", "0", 1);
    int rc = zx_metrics_eval(m, q, &r, &err);
    unsetenv("ZHIXIAO_WINDOW");
    if (rc)
        fail_msg("eval: %s", err.msg);
    return r;
}

static void test_random_windows(void **state)
{
    (void)state;
    struct gfx *f = gfx_new();
    const int32_t d0 = zx_date_from_ymd(2018, 10, 1), span = zx_date_from_ymd(2026, 3, 1) - d0;
    static const char *const passes[] = {NULL, "dense", "sparse", "dated"};
    int32_t nu = zx_metrics_units(f->m);
    int nrows = zx_catalog_rows(f->cat);
    int64_t nonzero = 0;
    for (int it = 0; it < 120; it++) {
        int32_t u = it % 4 == 0 ? 0 : (int32_t)(next() % (uint32_t)nu);
        int32_t from[3], to[3];
        int np = 1 + (int)(next() % 3);
        int32_t at = d0 + (int32_t)(next() % (uint32_t)span);
        for (int p = 0; p < np; p++) { /* disjoint, in any order */
            int32_t len = 1 + (int32_t)(next() % (it % 3 == 0 ? 40u : 800u));
            from[p] = at;
            to[p] = at + len - 1;
            at = to[p] + 1 + (int32_t)(next() % 30);
        }
        if (np > 1 && next() % 2) {
            int32_t t = from[0];
            from[0] = from[np - 1], from[np - 1] = t;
            t = to[0], to[0] = to[np - 1], to[np - 1] = t;
        }
        struct zx_metrics_query q = {
            .cat = f->cat, .unit = u, .from = from, .to = to, .nperiods = np, .collect_staff = -1};
        assert_true(zx_metrics_window_answers(f->m, &q));
        const char *pass = passes[it % 4];
        if (pass)
            setenv("ZHIXIAO_PASS", pass, 1);
        struct zx_metrics_result *a = eval(f->m, &q, 1), *b = eval(f->m, &q, 0);
        unsetenv("ZHIXIAO_PASS");
        for (int row = 0; row < nrows; row++)
            for (int p = 0; p < np; p++)
                for (int32_t v = u; v < u + zx_metrics_unit_size(f->m, u); v++) {
                    int64_t n1, d1, n2, d2;
                    assert_int_equal(zx_metrics_get(a, row, p, v, &n1, &d1), 0);
                    assert_int_equal(zx_metrics_get(b, row, p, v, &n2, &d2), 0);
                    if (n1 != n2 || d1 != d2)
                        fail_msg("row %s unit %d period %d: index %lld/%lld, pass %lld/%lld",
                                 zx_catalog_row(f->cat, row)->id, (int)v, p, (long long)n1,
                                 (long long)d1, (long long)n2, (long long)d2);
                    nonzero += n1 + d1;
                }
        zx_metrics_result_free(a);
        zx_metrics_result_free(b);
    }
    assert_true(nonzero > 1000); /* the windows did count something */
    /* handler figures and line filters are never answered from the index */
    int32_t f0 = d0, t0 = d0 + 365;
    struct zx_metrics_query qs = {
        .cat = f->cat, .unit = -1, .from = &f0, .to = &t0, .nperiods = 1, .by_staff = 1};
    assert_false(zx_metrics_window_answers(f->m, &qs));
    qs.by_staff = 0;
    qs.lines = 1u << 1;
    assert_false(zx_metrics_window_answers(f->m, &qs));
    gfx_free(f);
}

/* A drill-down stopped at a limit holds the first hits of the whole one, in order; the whole
 * one holds as many hits as the figure counts. */
static void test_drilldown_limit(void **state)
{
    (void)state;
    struct gfx *f = gfx_new();
    int nrows = zx_catalog_rows(f->cat);
    for (int it = 0; it < 40; it++) {
        int row = (int)(next() % (uint32_t)nrows);
        int32_t u = it % 3 ? (int32_t)(next() % (uint32_t)zx_metrics_units(f->m)) : 0;
        int32_t from = zx_date_from_ymd(2019, 1, 1) + (int32_t)(next() % 2400);
        int32_t to = from + (int32_t)(next() % 500);
        struct zx_metrics_query q = {.cat = f->cat,
                                     .unit = u,
                                     .from = &from,
                                     .to = &to,
                                     .nperiods = 1,
                                     .rows = &row,
                                     .nrows = 1,
                                     .collect = 1,
                                     .collect_row = row,
                                     .collect_part =
                                         it % 2 ? ZX_PART_DENOMINATOR : ZX_PART_NUMERATOR,
                                     .collect_staff = -1};
        struct zx_metrics_result *all = eval(f->m, &q, 0);
        const struct zx_metrics_hit *ha, *hl;
        size_t na = zx_metrics_hits(all, &ha);
        struct zx_metrics_query qf = q;
        qf.collect = 0;
        struct zx_metrics_result *fig = eval(f->m, &qf, 1);
        int64_t num, den;
        assert_int_equal(zx_metrics_get(fig, row, 0, u, &num, &den), 0);
        assert_int_equal((int64_t)na, it % 2 ? den : num);
        q.collect_limit = 1 + next() % 60;
        struct zx_metrics_result *lim = eval(f->m, &q, 1);
        size_t nl = zx_metrics_hits(lim, &hl);
        assert_true(nl >= (na < q.collect_limit ? na : q.collect_limit));
        assert_true(nl <= na);
        for (size_t i = 0; i < nl; i++) {
            assert_int_equal(hl[i].case_rid, ha[i].case_rid);
            assert_int_equal(hl[i].person_rid, ha[i].person_rid);
            assert_int_equal(hl[i].event_rid, ha[i].event_rid);
            assert_int_equal(hl[i].term_slot, ha[i].term_slot);
        }
        zx_metrics_result_free(all);
        zx_metrics_result_free(fig);
        zx_metrics_result_free(lim);
    }
    gfx_free(f);
}

/* One person arrested on two days and one indicted twice: the distinct-person terms count
 * them once in a window holding both days, once in a window holding one, never twice. */
static void test_pairs(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    fx_unit(f, "P", NULL);
    fx_unit(f, "A", "P");
    fx_staff(f, "S1", "A");
    fx_case(f, "C1", "A", "criminal", "2024-01-05", "2024-06-01", "S1");
    fx_person(f, "Q1", "C1");
    fx_person(f, "Q2", "C1");
    fx_event(f, "E1", "C1", "Q1", "arrest", "2024-01-10", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", "Q1", "arrest", "2024-02-10", NULL, NULL, NULL);
    fx_event(f, "E3", "C1", "Q2", "no_arrest", "2024-02-12", "no_necessity", NULL, NULL);
    fx_event(f, "E4", "C1", "Q1", "indict", "2024-03-01", NULL, NULL, NULL);
    fx_event(f, "E5", "C1", "Q1", "indict", "2024-03-20", NULL, NULL, NULL);
    fx_load(f);
    struct zx_err err = {0};
    if (zx_metrics_window_build(f->m, f->cat, &err))
        fail_msg("window: %s", err.msg);
    static const char *const w[][2] = {{"2024-01-01", "2024-12-31"}, {"2024-01-10", "2024-02-10"},
                                       {"2024-01-11", "2024-02-10"}, {"2024-01-11", "2024-02-09"},
                                       {"2024-03-01", "2024-03-20"}, {"2024-03-02", "2024-03-19"},
                                       {"2023-01-01", "2030-01-01"}};
    int row = zx_catalog_find(f->cat, "no_arrest_rate");
    int row2 = zx_catalog_find(f->cat, "non_prosecution_rate");
    assert_true(row >= 0 && row2 >= 0);
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        int32_t from = fx_date(w[i][0]), to = fx_date(w[i][1]);
        struct zx_metrics_query q = {.cat = f->cat,
                                     .unit = -1,
                                     .from = &from,
                                     .to = &to,
                                     .nperiods = 1,
                                     .collect_staff = -1};
        struct zx_metrics_result *a = eval(f->m, &q, 1), *b = eval(f->m, &q, 0);
        for (int k = 0; k < 2; k++) {
            int64_t n1, d1, n2, d2;
            assert_int_equal(zx_metrics_get(a, k ? row2 : row, 0, 0, &n1, &d1), 0);
            assert_int_equal(zx_metrics_get(b, k ? row2 : row, 0, 0, &n2, &d2), 0);
            assert_int_equal(n1, n2);
            assert_int_equal(d1, d2);
        }
        int64_t n, d;
        zx_metrics_get(a, row, 0, 0, &n, &d);
        /* Q1 is arrested (once however many days), Q2 not: the denominator */
        int64_t want = (from <= fx_date("2024-02-10") && to >= fx_date("2024-01-10")) +
                       (from <= fx_date("2024-02-12") && to >= fx_date("2024-02-12"));
        if (i == 3)
            want = 0; /* between the two arrests */
        assert_int_equal(d, want);
        zx_metrics_get(a, row2, 0, 0, &n, &d);
        assert_int_equal(
            d, i == 5 ? 0 : (from <= fx_date("2024-03-20") && to >= fx_date("2024-03-01")));
        zx_metrics_result_free(a);
        zx_metrics_result_free(b);
    }
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_random_windows),
        cmocka_unit_test(test_drilldown_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
