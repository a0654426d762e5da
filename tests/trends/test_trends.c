/* test_trends.c — crime trends (src/trends): months, the baseline rule on hand-made series
 * (fires above the line, not on it; small counts suppressed; months before the data left
 * out), and counts, shares, 同比/环比 across a year boundary, the drill-down and the anomalies
 * over a small imported bundle whose figures are counted by hand. */
#include "../zx_test.h"

#include "ingest/ingest.h"
#include "metrics/metrics.h"
#include "store/store.h"
#include "trends/trends.h"

#include <math.h>

/* ---- months ---- */

static void test_months(void **state)
{
    (void)state;
    int32_t m;
    char b[8];
    assert_int_equal(zx_trends_parse_month("2024-07", &m), 0);
    assert_int_equal(m, 2024 * 12 + 6);
    assert_string_equal(zx_trends_format_month(m, b), "2024-07");
    assert_int_equal(zx_trends_parse_month("2024-07-31", &m), 0);
    assert_int_equal(m, zx_trends_month(2024, 7));
    assert_int_equal(zx_trends_parse_month("2024-13", &m), -1);
    assert_int_equal(zx_trends_parse_month("2024-00", &m), -1);
    assert_int_equal(zx_trends_parse_month("2024-7", &m), -1);
    assert_int_equal(zx_trends_parse_month("2024-07x", &m), -1);
    /* December + 1 is January of the next year */
    assert_string_equal(zx_trends_format_month(zx_trends_month(2024, 12) + 1, b), "2025-01");
}

/* ---- the baseline rule ---- */

static void fill(int32_t *x, int n, int32_t v)
{
    for (int i = 0; i < n; i++)
        x[i] = v;
}

static void test_baseline_flat(void **state)
{
    (void)state;
    int32_t x[48];
    struct zx_trends_baseline b;
    fill(x, 48, 9);
    zx_trends_baseline(x, 40, &b);
    /* 9 reference months, all 9: M = 9, MAD = 0, S = max(0, √9) = 3, T = 18 */
    assert_true(b.ok);
    assert_int_equal(b.nref, 9);
    assert_true(b.median == 9.0);
    assert_true(b.spread == 3.0);
    assert_true(b.threshold == 18.0);
    assert_true(b.level == 9.0);
    assert_false(zx_trends_fires(18, &b, 10)); /* on the line: no */
    assert_true(zx_trends_fires(19, &b, 10));  /* above it: yes */
    assert_false(zx_trends_fires(17, &b, 10));
}

static void test_baseline_mad(void **state)
{
    (void)state;
    int32_t x[48];
    struct zx_trends_baseline b;
    fill(x, 48, 0);
    /* references of t = 40: 27..29, 15..17, 3..5 → {5, 20, 35} three times */
    for (int k = 1; k <= 3; k++) {
        x[40 - 12 * k - 1] = 5;
        x[40 - 12 * k] = 20;
        x[40 - 12 * k + 1] = 35;
    }
    zx_trends_baseline(x, 40, &b);
    /* M = 20; deviations 15, 0, 15 (×3) → MAD = 15; S = 1.4826 × 15 = 22.239 (> √20);
     * T = 20 + 66.717 = 86.717 */
    assert_true(b.ok);
    assert_true(b.median == 20.0);
    assert_true(fabs(b.spread - 22.239) < 1e-9);
    assert_true(fabs(b.threshold - 86.717) < 1e-9);
    assert_false(zx_trends_fires(86, &b, 10));
    assert_true(zx_trends_fires(87, &b, 10));
    /* a single outlier among the references does not move the median */
    x[40 - 12] = 1000;
    zx_trends_baseline(x, 40, &b);
    assert_true(b.median == 20.0);
}

static void test_small_counts(void **state)
{
    (void)state;
    int32_t x[48];
    struct zx_trends_baseline b;
    fill(x, 48, 1);
    zx_trends_baseline(x, 40, &b);
    /* M = 1, S = √1 = 1, T = 4: 9 is far above, but fewer than 10 cases */
    assert_true(b.threshold == 4.0);
    assert_false(zx_trends_fires(9, &b, ZX_TRENDS_MIN_COUNT));
    assert_true(zx_trends_fires(10, &b, ZX_TRENDS_MIN_COUNT));
    assert_false(zx_trends_fires(4, &b, 4)); /* the minimum met, the line not passed */
    assert_true(zx_trends_fires(5, &b, 5));
    /* a zero history: the Poisson floor √max(M, 1) = 1 keeps the line at 3 */
    fill(x, 48, 0);
    zx_trends_baseline(x, 40, &b);
    assert_true(b.threshold == 3.0);
}

static void test_months_before_data(void **state)
{
    (void)state;
    int32_t x[48];
    struct zx_trends_baseline b;
    fill(x, 48, 2);
    for (int i = 0; i < 30; i++)
        x[i] = -1;                 /* the data begins at month 30 */
    zx_trends_baseline(x, 41, &b); /* references 28, 29, 30 (and 16.., 4..): one with data */
    assert_false(b.ok);
    assert_int_equal(b.nref, 1);
    assert_false(zx_trends_fires(100, &b, 10));
    zx_trends_baseline(x, 42, &b); /* 29, 30, 31: two */
    assert_false(b.ok);
    zx_trends_baseline(x, 43, &b); /* 30, 31, 32: three, the fewest that make a baseline */
    assert_true(b.ok);
    assert_int_equal(b.nref, 3);
    assert_true(b.median == 2.0);
    /* the level: the months 31..42 with data */
    assert_true(b.level == 2.0);
}

/* ---- over an imported bundle ---- */

struct bund {
    char *dir;
    char *cases;
    size_t n, cap;
    int next;
    struct zx_store *st;
    struct zx_metrics *m;
};

static void add(struct bund *b, const char *unit, const char *line, const char *charge,
                const char *date, int times)
{
    for (int i = 0; i < times; i++) {
        char row[300];
        int k = snprintf(row, sizeof row,
                         "C%05d,%s,No.%d,%s,%s,by_procedure,transferred,%s,%s,,S%s,0\n", b->next,
                         unit, b->next, line, !strcmp(line, "criminal") ? "ordinary" : line, charge,
                         date, unit);
        b->next++;
        if (b->n + (size_t)k + 1 > b->cap) {
            b->cap = (b->cap + (size_t)k) * 2;
            b->cases = realloc(b->cases, b->cap);
            assert_non_null(b->cases);
        }
        memcpy(b->cases + b->n, row, (size_t)k + 1);
        b->n += (size_t)k;
    }
}

static struct bund *bund_new(void)
{
    struct bund *b = calloc(1, sizeof *b);
    assert_non_null(b);
    b->dir = zx_test_tmpdir();
    b->cases = strdup("case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,"
                      "closed_on,handler_id,complex\n");
    b->n = strlen(b->cases);
    b->cap = b->n + 1;
    return b;
}

/* P (province) ← C (city) ← K1, K2 (counties); P ← S (a city beside C) */
static void bund_load(struct bund *b)
{
    zx_test_write(b->dir, "units.csv",
                  "unit_id,name,level,parent_id\nP,省院,province,\nC,市院,city,P\n"
                  "K1,甲县院,county,C\nK2,乙县院,county,C\nS,丙市院,city,P\n");
    zx_test_write(b->dir, "staff.csv",
                  "staff_id,unit_id,name,department,role,is_leader\n"
                  "SP,P,甲,第一检察部,prosecutor,0\nSC,C,乙,第一检察部,prosecutor,0\n"
                  "SK1,K1,丙,第一检察部,prosecutor,0\nSK2,K2,丁,第一检察部,prosecutor,0\n"
                  "SS,S,戊,第一检察部,prosecutor,0\n");
    zx_test_write(b->dir, "cases.csv", b->cases);
    zx_test_write(b->dir, "persons.csv", "person_id,case_id,role,name\n");
    zx_test_write(b->dir, "events.csv",
                  "event_id,case_id,person_id,type,date,handler_id,result,ref_event_id\n");
    char db[1100];
    snprintf(db, sizeof db, "%s/zx.db", b->dir);
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    struct zx_ingest_opts o = {0};
    if (zx_store_open(db, &b->st, &err) || zx_ingest_bundle(b->st, b->dir, &o, &rep, &err))
        fail_msg("import: %s", err.msg);
    assert_int_equal(rep.rejected, 0);
    if (zx_metrics_load(b->st, &b->m, &err))
        fail_msg("load: %s", err.msg);
}

static void bund_free(struct bund *b)
{
    zx_metrics_free(b->m);
    zx_store_close(b->st);
    zx_test_rmrf(b->dir);
    free(b->dir);
    free(b->cases);
    free(b);
}

static const struct zx_trends_charge *find_charge(const struct zx_metrics *m,
                                                  const struct zx_trends *t, const char *name)
{
    for (int i = 0; i < zx_trends_ncharges(t); i++)
        if (!strcmp(zx_metrics_charge_name(m, zx_trends_charge(t, i)->charge), name))
            return zx_trends_charge(t, i);
    return NULL;
}

static struct zx_trends *run(struct bund *b, const char *unit, const char *from, const char *to,
                             const char *charge, int min_count)
{
    struct zx_trends_query q = {.unit = zx_metrics_unit_find(b->m, unit),
                                .charge = charge ? zx_metrics_charge_find(b->m, charge) : -1,
                                .min_count = min_count};
    assert_true(q.unit >= 0);
    assert_int_equal(zx_trends_parse_month(from, &q.from), 0);
    assert_int_equal(zx_trends_parse_month(to, &q.to), 0);
    struct zx_trends *t = NULL;
    struct zx_err err = {0};
    if (zx_trends_run(b->m, &q, &t, &err))
        fail_msg("run: %s", err.msg);
    return t;
}

static struct bund *year_boundary_bundle(void)
{
    struct bund *b = bund_new();
    add(b, "K1", "criminal", "诈骗罪", "2023-12-05", 2);
    add(b, "K1", "criminal", "诈骗罪", "2024-01-10", 3);
    add(b, "K1", "criminal", "诈骗罪", "2024-12-20", 1);
    add(b, "K1", "criminal", "诈骗罪", "2025-01-02", 4);
    add(b, "K1", "criminal", "", "2025-01-20", 1);          /* no charge: total only */
    add(b, "K1", "civil", "民间借贷纠纷", "2025-01-03", 1); /* not a criminal case */
    add(b, "K2", "criminal", "盗窃罪", "2025-01-15", 1);
    add(b, "K2", "criminal", "诈骗罪", "2025-01-31", 1);
    add(b, "K2", "criminal", "诈骗罪", "2025-02-01", 1); /* the next month */
    add(b, "S", "criminal", "诈骗罪", "2025-01-05", 5);  /* beside C */
    bund_load(b);
    return b;
}

static void test_counts_year_boundary(void **state)
{
    (void)state;
    struct bund *b = year_boundary_bundle();
    /* C in January 2025: K1 4 诈骗 + 1 without charge, K2 1 盗窃 + 1 诈骗 = 7 */
    struct zx_trends *t = run(b, "C", "2025-01", "2025-01", NULL, 0);
    assert_int_equal(zx_trends_months(t), 1);
    assert_int_equal(zx_trends_total(t), 7);
    assert_int_equal(zx_trends_ncharges(t), 2);
    const struct zx_trends_charge *f = zx_trends_charge(t, 0); /* ranked first */
    assert_string_equal(zx_metrics_charge_name(b->m, f->charge), "诈骗罪");
    assert_int_equal(f->count, 5);
    assert_int_equal(f->prev_year, 3);   /* 同比: January 2024 */
    assert_int_equal(f->prev_period, 1); /* 环比: December 2024 */
    const struct zx_trends_charge *d = find_charge(b->m, t, "盗窃罪");
    assert_non_null(d);
    assert_int_equal(d->count, 1);
    assert_int_equal(d->prev_year, 0);
    json_t *j = zx_trends_json(b->m,
                               &(struct zx_trends_query){.unit = zx_metrics_unit_find(b->m, "C"),
                                                         .from = zx_trends_month(2025, 1),
                                                         .to = zx_trends_month(2025, 1),
                                                         .charge = -1},
                               t);
    assert_non_null(j);
    json_t *c0 = json_array_get(json_object_get(j, "charges"), 0);
    assert_true(fabs(json_real_value(json_object_get(c0, "share")) - 5.0 / 7.0) < 1e-12);
    assert_true(fabs(json_real_value(json_object_get(c0, "yoy")) - (5.0 - 3.0) / 3.0) < 1e-12);
    assert_true(fabs(json_real_value(json_object_get(c0, "mom")) - (5.0 - 1.0) / 1.0) < 1e-12);
    assert_true(
        json_is_null(json_object_get(json_array_get(json_object_get(j, "charges"), 1), "yoy")));
    json_decref(j);
    zx_trends_free(t);

    /* December 2024 .. January 2025: 诈骗 1 + 5; 同比 December 2023 + January 2024 = 2 + 3;
     * 环比 October .. November 2024 = 0 */
    t = run(b, "C", "2024-12", "2025-01", "诈骗罪", 0);
    assert_int_equal(zx_trends_ncharges(t), 1);
    f = zx_trends_charge(t, 0);
    assert_int_equal(f->count, 6);
    assert_int_equal(f->prev_year, 5);
    assert_int_equal(f->prev_period, 0);
    assert_int_equal(f->monthly[0], 1);
    assert_int_equal(f->monthly[1], 5);
    assert_int_equal(zx_trends_totals(t)[0], 1);
    assert_int_equal(zx_trends_totals(t)[1], 5);
    zx_trends_free(t);

    /* the province: S's 5 as well */
    t = run(b, "P", "2025-01", "2025-01", "诈骗罪", 0);
    assert_int_equal(zx_trends_charge(t, 0)->count, 10);
    zx_trends_free(t);
    /* a county: its own cases only */
    t = run(b, "K2", "2025-01", "2025-02", NULL, 0);
    assert_int_equal(zx_trends_total(t), 3);
    zx_trends_free(t);

    /* drill-down: exactly the cases of the figure */
    int64_t *rids = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    int32_t c = zx_metrics_unit_find(b->m, "C"), jan = zx_trends_month(2025, 1);
    assert_int_equal(
        zx_trends_cases(b->m, c, jan, jan, zx_metrics_charge_find(b->m, "诈骗罪"), &rids, &n, &err),
        0);
    assert_int_equal(n, 5);
    free(rids);
    assert_int_equal(zx_trends_cases(b->m, c, jan, jan, -1, &rids, &n, &err), 0);
    assert_int_equal(n, 7);
    free(rids);
    bund_free(b);
}

static void test_charges_survive_snapshot(void **state)
{
    (void)state;
    struct bund *b = year_boundary_bundle();
    struct zx_metrics *again = NULL;
    struct zx_err err = {0};
    /* the first load wrote <db>.zxcol; this one maps it */
    assert_int_equal(zx_metrics_load(b->st, &again, &err), 0);
    assert_int_equal(zx_metrics_charges(again), zx_metrics_charges(b->m));
    assert_int_equal(zx_metrics_charges(again), 3); /* 民间借贷纠纷, 盗窃罪, 诈骗罪 */
    for (int32_t k = 0; k < zx_metrics_charges(again); k++)
        assert_string_equal(zx_metrics_charge_name(again, k), zx_metrics_charge_name(b->m, k));
    assert_true(zx_metrics_charge_find(again, "诈骗罪") >= 0);
    assert_int_equal(zx_metrics_charge_find(again, "抢劫罪"), -1);
    struct zx_metrics_case_cols x, y;
    zx_metrics_case_cols(b->m, &x);
    zx_metrics_case_cols(again, &y);
    assert_int_equal(x.n, y.n);
    for (int32_t i = 0; i < x.n; i++)
        assert_int_equal(x.charge[i], y.charge[i]);
    zx_metrics_free(again);
    bund_free(b);
}

static void test_anomalies(void **state)
{
    (void)state;
    struct bund *b = bund_new();
    char d[40];
    /* 2021-01 .. 2024-12: two cases a month of 诈骗 in K1 and of 盗窃 in K2 */
    for (int y = 2021; y <= 2024; y++)
        for (int mo = 1; mo <= 12; mo++) {
            snprintf(d, sizeof d, "%04d-%02d-15", y, mo);
            add(b, "K1", "criminal", "诈骗罪", d, 2);
            add(b, "K2", "criminal", "盗窃罪", d, 2);
        }
    add(b, "K1", "criminal", "诈骗罪", "2025-01-15", 2);
    add(b, "K1", "criminal", "诈骗罪", "2025-02-15", 2);
    add(b, "K1", "criminal", "诈骗罪", "2025-03-15", 12); /* M = 2, S = √2, T = 6.24: fires */
    add(b, "K2", "criminal", "盗窃罪", "2025-03-15", 9);  /* above T, but fewer than 10 */
    bund_load(b);
    struct zx_trends *t = run(b, "P", "2025-01", "2025-03", NULL, 0);
    /* one point: K1's; C and P fire alike and are left to the more specific unit */
    assert_int_equal(zx_trends_nanomalies(t), 1);
    const struct zx_trends_anomaly *a = zx_trends_anomaly(t, 0);
    assert_string_equal(zx_metrics_unit_id(b->m, a->unit), "K1");
    assert_string_equal(zx_metrics_charge_name(b->m, a->charge), "诈骗罪");
    assert_int_equal(a->month, zx_trends_month(2025, 3));
    assert_int_equal(a->count, 12);
    assert_int_equal(a->prev_month, 2);
    assert_int_equal(a->prev_year, 2);
    assert_true(a->base.median == 2.0);
    assert_true(fabs(a->base.spread - sqrt(2.0)) < 1e-12);
    char text[512];
    zx_trends_text(b->m, a, text, sizeof text);
    assert_string_equal(text, "2025年3月 甲县院 诈骗罪 受理 12 件，高于季节基线 (2±1)，超过预警线 "
                              "6；环比 +500%，同比 +500%");
    zx_trends_free(t);
    /* a lower minimum lets K2's 9 through */
    t = run(b, "P", "2025-03", "2025-03", NULL, 5);
    assert_int_equal(zx_trends_nanomalies(t), 2);
    assert_string_equal(zx_metrics_unit_id(b->m, zx_trends_anomaly(t, 0)->unit), "K1");
    assert_string_equal(zx_metrics_unit_id(b->m, zx_trends_anomaly(t, 1)->unit), "K2");
    zx_trends_free(t);
    /* seen from S: nothing (not its subtree) */
    t = run(b, "S", "2025-03", "2025-03", NULL, 0);
    assert_int_equal(zx_trends_nanomalies(t), 0);
    assert_int_equal(zx_trends_total(t), 0);
    zx_trends_free(t);
    bund_free(b);
}

static void test_bad_queries(void **state)
{
    (void)state;
    struct bund *b = year_boundary_bundle();
    struct zx_trends *t = NULL;
    struct zx_err err = {0};
    struct zx_trends_query q = {
        .unit = 0, .from = zx_trends_month(2025, 2), .to = zx_trends_month(2025, 1), .charge = -1};
    assert_int_equal(zx_trends_run(b->m, &q, &t, &err), ZX_EINVAL);
    q.from = q.to - ZX_TRENDS_MAX_MONTHS;
    assert_int_equal(zx_trends_run(b->m, &q, &t, &err), ZX_EINVAL);
    q.from = q.to;
    q.unit = 99;
    assert_int_equal(zx_trends_run(b->m, &q, &t, &err), ZX_EINVAL);
    q.unit = 0;
    q.charge = 99;
    assert_int_equal(zx_trends_run(b->m, &q, &t, &err), ZX_EINVAL);
    assert_null(t);
    bund_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_baseline_flat),
        cmocka_unit_test(test_baseline_mad),
        cmocka_unit_test(test_small_counts),
        cmocka_unit_test(test_months_before_data),
        cmocka_unit_test(test_counts_year_boundary),
        cmocka_unit_test(test_charges_survive_snapshot),
        cmocka_unit_test(test_anomalies),
        cmocka_unit_test(test_bad_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
