/* test_casebook.c — the 典型案例 state machine as data (every act from one state once, the
 * flow reaches publication), refusals naming the state, a promotion only upwards, one live
 * candidacy per case, statistics by act; and the 层级综合评价 item set: the shipped file parses
 * against the catalog, and context indicators, contradicting good/poor, duplicate ids and
 * bad JSON are refused with their reason. */
#include "../zx_test.h"

#include "appraise/appraise.h"
#include "casebook/casebook.h"
#include "metrics/catalog.h"
#include "store/store.h"
#include "util/date.h"

#include <sqlite3.h>
#include <string.h>

static void test_table_is_a_function(void **state)
{
    (void)state;
    size_t n;
    const struct zx_casebook_transition *t = zx_casebook_transitions(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_false(!strcmp(t[i].act, t[j].act) && !strcmp(t[i].from, t[j].from));
    /* from nomination, publication is reachable */
    const char *s = "";
    const char *path[] = {"nominate", "write", "submit", "approve", "publish"};
    for (size_t k = 0; k < 5; k++) {
        const struct zx_casebook_transition *x = NULL;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(t[i].act, path[k]) && !strcmp(t[i].from, s))
                x = &t[i];
        assert_non_null(x);
        s = x->to;
    }
    assert_string_equal(s, "published");
    assert_int_equal(zx_casebook_level_rank("unit"), 1);
    assert_int_equal(zx_casebook_level_rank("province"), 3);
    assert_int_equal(zx_casebook_level_rank("county"), 0);
    assert_string_equal(zx_casebook_state_zh("reviewing"), "审查");
}

static struct zx_store *fixture(char **dir)
{
    char path[4200];
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    *dir = zx_test_tmpdir();
    snprintf(path, sizeof path, "%s/c.db", *dir);
    assert_int_equal(zx_store_open(path, &st, &err), 0);
    assert_int_equal(sqlite3_exec(zx_store_sqlite(st),
                                  "INSERT INTO units(unit_id, name, level, row_hash) VALUES"
                                  " ('U1', '省院', 1, 0);"
                                  "INSERT INTO cases(case_id, unit_rid, line, charge, row_hash)"
                                  " VALUES ('C1', 1, 1, '盗窃罪', 0), ('C2', 1, 2, NULL, 0);",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    return st;
}

static void test_flow_and_refusals(void **state)
{
    (void)state;
    char *dir;
    struct zx_store *st = fixture(&dir);
    struct zx_err err = {0};
    struct zx_cb_cand *c = calloc(1, sizeof *c);
    int32_t d = zx_date_from_ymd(2025, 3, 1);
    struct zx_casebook_act a = {.act = "nominate", .who = "a", .on = d, .text = "理由"};
    assert_int_equal(zx_casebook_nominate(st, "NOPE", &a, c, &err), ZX_ENOTFOUND);
    a.text = " ";
    assert_int_equal(zx_casebook_nominate(st, "C1", &a, c, &err), ZX_EINVAL);
    a.text = "理由";
    assert_int_equal(zx_casebook_nominate(st, "C1", &a, c, &err), 0);
    char id[ZX_CB_ID_MAX];
    snprintf(id, sizeof id, "%s", c->cand_id);
    assert_string_equal(id, "DXAL-2025-000001");
    assert_string_equal(c->line, "criminal");
    assert_int_equal(zx_casebook_nominate(st, "C1", &a, c, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, id));

    struct zx_casebook_act s = {.act = "submit", .who = "p", .on = d};
    assert_int_equal(zx_casebook_apply(st, id, &s, c, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "cultivating"));
    struct zx_casebook_act w = {.act = "write", .who = "p", .on = d, .title = "T", .facts = "F"};
    assert_int_equal(zx_casebook_apply(st, id, &w, c, &err), 0);
    assert_string_equal(c->state, "writing");
    assert_int_equal(zx_casebook_apply(st, id, &s, c, &err), ZX_EINVAL);
    assert_non_null(strstr(err.msg, "检察履职"));
    struct zx_casebook_act w2 = {.act = "write",
                                 .who = "p",
                                 .on = d,
                                 .performance = "P",
                                 .significance = "S",
                                 .legal_basis = "L"};
    assert_int_equal(zx_casebook_apply(st, id, &w2, c, &err), 0);
    assert_string_equal(c->facts, "F"); /* a section not given is kept */
    assert_int_equal(zx_casebook_apply(st, id, &s, c, &err), 0);
    struct zx_casebook_act ap = {.act = "approve", .who = "l", .on = d, .text = "同意"};
    assert_int_equal(zx_casebook_apply(st, id, &ap, c, &err), 0);
    struct zx_casebook_act pub = {.act = "publish", .who = "l", .on = d, .level = "city"};
    assert_int_equal(zx_casebook_apply(st, id, &pub, c, &err), 0);
    assert_string_equal(c->state, "published");
    pub.level = "unit";
    assert_int_equal(zx_casebook_apply(st, id, &pub, c, &err), ZX_EINVAL); /* not downwards */
    pub.level = "city";
    assert_int_equal(zx_casebook_apply(st, id, &pub, c, &err), ZX_EINVAL); /* nor sideways */
    pub.level = "province";
    pub.on = zx_date_from_ymd(2026, 1, 2);
    assert_int_equal(zx_casebook_apply(st, id, &pub, c, &err), 0);

    struct zx_casebook_stat *v = NULL;
    size_t n = 0;
    assert_int_equal(zx_casebook_stats(st, 2025, NULL, NULL, &v, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].candidates, 1);
    assert_int_equal(v[0].written, 1);
    assert_int_equal(v[0].published_city, 1);
    assert_int_equal(v[0].published_province, 0); /* promoted in 2026 */
    free(v);
    int cnt = 0;
    assert_int_equal(zx_casebook_published_in(st, "U1", 2026, &cnt, NULL, &err), 0);
    assert_int_equal(cnt, 1);
    free(c);
    zx_store_close(st);
    zx_test_rmrf(dir);
    free(dir);
}

static int parse(const char *json, struct zx_err *err)
{
    struct zx_catalog *cat = NULL;
    struct zx_appraise_items *it = NULL;
    assert_int_equal(zx_catalog_load_default(&cat, NULL, err), 0);
    int rc = zx_appraise_items_parse(json, strlen(json), "t.json", cat, &it, err);
    zx_appraise_items_free(it);
    zx_catalog_free(cat);
    return rc;
}

#define ITEM(extra)                                                                                \
    "{\"items\": [{\"id\": \"x\", \"name_zh\": \"x\", \"subjective\": false, \"area\": "           \
    "\"business\", \"mode\": \"static\", \"weight\": 1, " extra "}]}"

static void test_items(void **state)
{
    (void)state;
    struct zx_err err = {0};
    struct zx_catalog *cat = NULL;
    struct zx_appraise_items *it = NULL;
    assert_int_equal(zx_catalog_load_default(&cat, NULL, &err), 0);
    assert_int_equal(zx_appraise_items_load_default(cat, &it, NULL, &err), 0);
    assert_true(zx_appraise_items_count(it) >= 20 && zx_appraise_items_count(it) <= 40);
    assert_true(zx_appraise_item_find(it, "team_building") >= 0);
    zx_appraise_items_free(it);
    zx_catalog_free(cat);

    assert_int_equal(parse(ITEM("\"kind\": \"indicator\", \"indicator\": \"acquittal_rate\", "
                                "\"good\": 0, \"poor\": 0.01"),
                           &err),
                     0);
    assert_int_equal(parse(ITEM("\"kind\": \"indicator\", \"indicator\": \"no_arrest_rate\", "
                                "\"good\": 0, \"poor\": 0.5"),
                           &err),
                     ZX_EPARSE);
    assert_non_null(strstr(err.msg, "context"));
    assert_int_equal(parse(ITEM("\"kind\": \"indicator\", \"indicator\": \"acquittal_rate\", "
                                "\"good\": 0.01, \"poor\": 0"),
                           &err),
                     ZX_EPARSE);
    assert_non_null(strstr(err.msg, "direction"));
    assert_int_equal(parse(ITEM("\"kind\": \"entered\""), &err), ZX_EPARSE); /* objective */
    assert_int_equal(parse("{\"items\": [", &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "t.json:1:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_is_a_function),
        cmocka_unit_test(test_flow_and_refusals),
        cmocka_unit_test(test_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
