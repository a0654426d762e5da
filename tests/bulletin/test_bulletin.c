/* test_bulletin.c — the bulletin (bulletin.h): the 研判要点 on a fixture whose
 * movements are known (the largest movement, the unit furthest from its parent's shape, a
 * pair that moved against its stated relation), the catalog's "moves_with" and
 * "definition_zh", and the workbook written atomically. */
#include "../metrics/metrics_fixture.h"
#include "bulletin/bulletin.h"

#include <math.h>

static void t_catalog_pairs(void **state)
{
    (void)state;
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_catalog_load_default(&c, NULL, &err), 0);
    const struct zx_catalog_row *r = zx_catalog_row(c, zx_catalog_find(c, "no_arrest_rate"));
    assert_non_null(r->definition_zh);
    assert_true(r->npairs >= 1);
    assert_string_equal(r->pairs[0].with, "post_arrest_non_prosecution_rate");
    assert_int_equal(r->pairs[0].expect, -1);
    assert_non_null(r->pairs[0].reason_zh);
    /* every indicator of the default catalog has a Chinese definition */
    for (int i = 0; i < zx_catalog_rows(c); i++)
        assert_non_null(zx_catalog_row(c, i)->definition_zh);
    zx_catalog_free(c);
    /* a pair naming an unknown indicator is refused with its path */
    static const char bad[] =
        "{\"extends\": \"default\", \"indicators\": [{\"id\": \"x_rate\", \"name_zh\": \"x\","
        " \"name_en\": \"x\", \"direction\": \"higher\", \"numerator\": {\"count\": \"persons\","
        " \"types\": [\"arrest\"]}, \"denominator\": {\"count\": \"persons\", \"types\":"
        " [\"arrest\"]}, \"moves_with\": [{\"id\": \"nope\", \"expect\": \"same\","
        " \"reason_zh\": \"r\"}]}]}";
    assert_int_equal(zx_catalog_parse(bad, strlen(bad), "t.json", &c, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "moves_with[0]"));
    assert_non_null(strstr(err.msg, "unknown indicator 'nope'"));
    static const char bad2[] =
        "{\"extends\": \"default\", \"indicators\": [{\"id\": \"x_rate\", \"name_zh\": \"x\","
        " \"name_en\": \"x\", \"direction\": \"higher\", \"numerator\": {\"count\": \"persons\","
        " \"types\": [\"arrest\"]}, \"denominator\": {\"count\": \"persons\", \"types\":"
        " [\"arrest\"]}, \"moves_with\": [{\"id\": \"plea_rate\", \"expect\": \"up\","
        " \"reason_zh\": \"r\"}]}]}";
    assert_int_equal(zx_catalog_parse(bad2, strlen(bad2), "t.json", &c, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "'expect'"));
}

/* Province P with A (criminal) and B (civil). In A, each year 20 persons are arrested and
 * concluded; 2023: 20 indicted, 1 withdrawal, no non-arrest; 2024: 18 indicted and 2 not
 * prosecuted after arrest, 10 withdrawals, 5 non-arrests. B accepts 10 civil cases in 2024. */
static struct fx *known(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "P", NULL);
    fx_unit(f, "A", "P");
    fx_unit(f, "B", "P");
    fx_staff(f, "SA", "A");
    fx_staff(f, "SB", "B");
    char c[32], p[32], e[32], d[32];
    int ne = 0;
    for (int y = 2023; y <= 2024; y++) {
        snprintf(c, sizeof c, "C%d", y);
        snprintf(d, sizeof d, "%d-01-01", y);
        char closed[32];
        snprintf(closed, sizeof closed, "%d-12-01", y);
        fx_case(f, c, "A", "criminal", d, closed, "SA");
        int withdraw = y == 2023 ? 1 : 10, nonpros = y == 2023 ? 0 : 2,
            noarrest = y == 2023 ? 0 : 5;
        for (int i = 0; i < 20 + noarrest; i++) {
            snprintf(p, sizeof p, "P%d_%d", y, i);
            fx_person(f, p, c);
            snprintf(e, sizeof e, "E%d", ne++);
            snprintf(d, sizeof d, "%d-02-01", y);
            if (i >= 20) {
                fx_event(f, e, c, p, "no_arrest", d, NULL, NULL, NULL);
                continue;
            }
            fx_event(f, e, c, p, "arrest", d, NULL, NULL, NULL);
            snprintf(e, sizeof e, "E%d", ne++);
            snprintf(d, sizeof d, "%d-05-01", y);
            fx_event(f, e, c, p, i < nonpros ? "non_prosecution" : "indict", d, NULL, NULL, NULL);
            if (i >= nonpros && i < nonpros + withdraw) {
                snprintf(e, sizeof e, "E%d", ne++);
                snprintf(d, sizeof d, "%d-06-01", y);
                fx_event(f, e, c, p, "withdraw_indictment", d, NULL, NULL, NULL);
            }
        }
    }
    for (int i = 0; i < 10; i++) {
        snprintf(c, sizeof c, "CB%d", i);
        fx_case(f, c, "B", "civil", "2024-03-01", NULL, "SB");
    }
    fx_load(f);
    return f;
}

static void t_findings(void **state)
{
    (void)state;
    struct fx *f = known();
    FX_EXPECT(f, "withdrawal_rate", NULL, "2024-01-01", "2024-12-31", 10, 18);
    FX_EXPECT(f, "withdrawal_rate", NULL, "2023-01-01", "2023-12-31", 1, 20);
    FX_EXPECT(f, "no_arrest_rate", NULL, "2024-01-01", "2024-12-31", 5, 25);
    FX_EXPECT(f, "post_arrest_non_prosecution_rate", NULL, "2024-01-01", "2024-12-31", 2, 20);
    struct zx_bulletin_opts o = {.cat = f->cat,
                                 .unit = -1,
                                 .from = fx_date("2024-01-01"),
                                 .to = fx_date("2024-12-31"),
                                 .data_as_of = ZX_DATE_NULL,
                                 .min_denominator = 10};
    struct zx_finding *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    assert_int_equal(zx_bulletin_findings(f->m, &o, &v, &n, &err), 0);
    assert_true(n >= 3);
    /* 1. the largest movement first: withdrawal rate 5% → 55.56% */
    assert_int_equal(v[0].kind, ZX_FIND_MOVEMENT);
    assert_int_equal(v[0].row, zx_catalog_find(f->cat, "withdrawal_rate"));
    assert_true(fabs(v[0].a - (10.0 / 18.0 - 1.0 / 20.0) * 100.0) < 1e-9);
    assert_non_null(strstr(v[0].text, "撤回起诉率为55.56%，较上年同期（5.00%）上升50.56个百分点"));
    assert_non_null(strstr(v[0].text, "需关注"));
    /* sorted by size within the kind */
    size_t i = 1;
    for (; i < n && v[i].kind == ZX_FIND_MOVEMENT; i++)
        assert_true(v[i].b <= v[i - 1].b);
    /* 2. the shape: B (all civil) against P (10 civil of 11): ½Σ|Δ| = 100/11 */
    assert_true(i < n && v[i].kind == ZX_FIND_SHAPE);
    assert_int_equal(v[i].unit, zx_metrics_unit_find(f->m, "B"));
    assert_true(fabs(v[i].a - 100.0 / 11.0) < 1e-9);
    assert_non_null(strstr(v[i].text, "履职结构比"));
    /* A accepted one case a year: below the minimum denominator, not cited */
    for (size_t j = 0; j < n; j++)
        assert_false(v[j].kind == ZX_FIND_SHAPE && v[j].unit == zx_metrics_unit_find(f->m, "A"));
    /* 3. the pair: 不捕率 up 20 points while 捕后不诉率 up 10 (they should move apart) */
    int pair = 0;
    for (size_t j = 0; j < n; j++) {
        if (v[j].kind != ZX_FIND_PAIR)
            continue;
        if (v[j].row == zx_catalog_find(f->cat, "no_arrest_rate") &&
            v[j].row2 == zx_catalog_find(f->cat, "post_arrest_non_prosecution_rate")) {
            assert_true(fabs(v[j].a - 20.0) < 1e-9);
            assert_true(fabs(v[j].b - 10.0) < 1e-9);
            assert_non_null(strstr(v[j].text, "不捕率同比上升20.00个百分点，而捕后不诉率同比上升"
                                              "10.00个百分点"));
            pair = 1;
        }
        /* the detention rate did not move (20/20 both years): no pair with it */
        assert_false(v[j].row2 == zx_catalog_find(f->cat, "pretrial_detention_rate"));
    }
    assert_true(pair);
    free(v);
    /* a higher minimum hides everything */
    o.min_denominator = 1000;
    assert_int_equal(zx_bulletin_findings(f->m, &o, &v, &n, &err), 0);
    assert_int_equal(n, 0);
    free(v);
    fx_free(f);
}

static void t_write(void **state)
{
    (void)state;
    struct fx *f = known();
    char path[1200], tmp[1300];
    snprintf(path, sizeof path, "%s/out.xlsx", f->dir);
    struct zx_settings *s = zx_settings_empty();
    assert_non_null(s);
    assert_int_equal(zx_settings_put_ranking(s, "P", 1), 0);
    struct zx_target t = {.effective_from = ZX_SETTINGS_ALWAYS, .value = 0.1};
    snprintf(t.unit_id, sizeof t.unit_id, "P");
    snprintf(t.indicator, sizeof t.indicator, "withdrawal_rate");
    assert_int_equal(zx_settings_put_target(s, &t), 0);
    struct zx_bulletin_opts o = {.cat = f->cat,
                                 .unit = -1,
                                 .from = fx_date("2024-01-01"),
                                 .to = fx_date("2024-12-31"),
                                 .period_label = "2024年",
                                 .data_as_of = fx_date("2024-12-01"),
                                 .settings = s};
    struct zx_err err = {0};
    assert_int_equal(zx_bulletin_write(path, f->m, &o, &err), 0);
    FILE *x = fopen(path, "rb");
    assert_non_null(x);
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, x), 2);
    fclose(x);
    assert_memory_equal(magic, "PK", 2);
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    assert_int_not_equal(access(tmp, F_OK), 0); /* renamed, nothing left behind */
    /* a unit without children, and a folder that does not exist */
    o.unit = zx_metrics_unit_find(f->m, "A");
    assert_int_equal(zx_bulletin_write(path, f->m, &o, &err), 0);
    snprintf(path, sizeof path, "%s/no/such/dir/out.xlsx", f->dir);
    assert_int_not_equal(zx_bulletin_write(path, f->m, &o, &err), 0);
    zx_settings_free(s);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {

        cmocka_unit_test(t_catalog_pairs),
        cmocka_unit_test(t_findings),
        cmocka_unit_test(t_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
