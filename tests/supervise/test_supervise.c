/* test_supervise.c — the supervision evaluator on hand-made data: the boundaries of the rules
 * from the text (社区矫正法 第二十一条: report within ten days of the judgment — day 10 in
 * time, day 11 late; a payment on the first and on the last day of a sentence counts, the
 * day before and after does not), a required "none" source, the linkage probabilities
 * (同名同生日 with another id is not the person; a one-digit id typo or a 同音字 name is), and
 * the dataset rejects. */
#include "../zx_test.h"

#include "store/datasets.h"
#include "supervise/supervise.h"
#include "util/date.h"

#include <sqlite3.h>

struct fx {
    char *dir;
    struct zx_store *st;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    char path[512];
    struct zx_err err = {0};
    f->dir = zx_test_tmpdir();
    snprintf(path, sizeof path, "%s/db", f->dir);
    assert_int_equal(zx_store_open(path, &f->st, &err), ZX_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static void add(struct fx *f, const char *name, const char *csv, const char *schema,
                struct zx_dataset_meta *m, int *unchanged, int want)
{
    char c[512], s[512], fn[80];
    struct zx_err err = {0};
    snprintf(fn, sizeof fn, "%s.csv", name);
    zx_test_write(f->dir, fn, csv);
    snprintf(c, sizeof c, "%s/%s", f->dir, fn);
    snprintf(fn, sizeof fn, "%s.json", name);
    zx_test_write(f->dir, fn, schema);
    snprintf(s, sizeof s, "%s/%s", f->dir, fn);
    struct zx_sup_add_opts o = {.name = name, .file = c, .schema = s};
    assert_int_equal(zx_sup_dataset_add(f->st, &o, m, unchanged, &err), want);
}

struct keys {
    char k[16][64];
    int n;
};

static int key_cb(void *ud, const struct zx_lead *l)
{
    struct keys *k = ud;
    snprintf(k->k[k->n++], 64, "%.60s", l->hit_key);
    return 0;
}

static void run(struct fx *f, const char *model_json, const char *as_of, struct keys *k)
{
    char path[512];
    struct zx_sup_model *m = NULL;
    struct zx_sup_run_result r;
    struct zx_err err = {0};
    zx_test_write(f->dir, "model.json", model_json);
    snprintf(path, sizeof path, "%s/model.json", f->dir);
    assert_int_equal(zx_sup_model_load(path, &m, &err), ZX_OK);
    struct zx_sup_run_opts o = {.as_of = ZX_DATE_NULL};
    assert_int_equal(zx_date_parse(as_of, strlen(as_of), &o.as_of), 0);
    assert_int_equal(zx_sup_model_run(f->st, m, &o, &r, &err), ZX_OK);
    struct zx_lead_filter fl = {.model = zx_sup_model_id(m)};
    memset(k, 0, sizeof *k);
    assert_int_equal(zx_lead_list(f->st, &fl, key_cb, k, &err), ZX_OK);
    zx_sup_model_free(m);
}

static const char roster_schema[] =
    "{\"name\":\"roster\",\"key\":\"no\",\"received_on\":\"2025-03-01\",\"columns\":["
    "{\"column\":\"no\",\"role\":\"text\",\"required\":true},"
    "{\"column\":\"id\",\"field\":\"id_number\",\"role\":\"id_number\"},"
    "{\"column\":\"name\",\"role\":\"name\",\"required\":true},"
    "{\"column\":\"birth\",\"field\":\"birth_date\",\"role\":\"birth_date\"},"
    "{\"column\":\"judged\",\"role\":\"date\",\"required\":true},"
    "{\"column\":\"report\",\"role\":\"date\"},"
    "{\"column\":\"start\",\"role\":\"date\"},{\"column\":\"end\",\"role\":\"date\"}]}";

/* RULE: sqjz_21_report_in_10_days — judged 2025-01-01: day 9 and day 10 in time, day 11 late;
 * never reported: late once ten days have passed by the as-of day, not before. */
static void test_report_boundary(void **state)
{
    struct fx *f = *state;
    struct zx_dataset_meta m;
    int unchanged;
    add(f, "roster",
        "no,id,name,birth,judged,report,start,end\n"
        "R1,110101199001011237,甲一,1990-01-01,2025-01-01,2025-01-10,,\n"
        "R2,110101199001021233,甲二,1990-01-02,2025-01-01,2025年1月11日,,\n"
        "R3,110101199001031239,甲三,1990-01-03,2025-01-01,20250112,,\n"
        "R4,110101199001041234,甲四,1990-01-04,2025-01-01,,,\n"
        "R5,110101199001051230,甲五,1990-01-05,2025-02-20,,,\n",
        roster_schema, &m, &unchanged, ZX_OK);
    struct keys k;
    run(f,
        "{\"id\":\"t_report\",\"title\":\"漏管\",\"basis\":\"社区矫正法第二十一条\",\"action\":"
        "\"纠正\","
        "\"sources\":[{\"as\":\"r\",\"from\":\"roster\"}],"
        "\"rules\":[{\"op\":\"gap_gt\",\"from\":\"r.judged\",\"to\":\"r.report\",\"days\":10,"
        "\"open\":\"as_of\"}]}",
        "2025-03-02", &k);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.k[0], "roster:R3");
    assert_string_equal(k.k[1], "roster:R4");
    /* R5 judged 2025-02-20: on 2025-03-02 (day 10) not yet late; rerun on day 11 */
    run(f,
        "{\"id\":\"t_report\",\"title\":\"漏管\",\"basis\":\"社区矫正法第二十一条\",\"action\":"
        "\"纠正\","
        "\"sources\":[{\"as\":\"r\",\"from\":\"roster\"}],"
        "\"rules\":[{\"op\":\"gap_gt\",\"from\":\"r.judged\",\"to\":\"r.report\",\"days\":10,"
        "\"open\":\"as_of\"}]}",
        "2025-03-03", &k);
    assert_int_equal(k.n, 3);
    assert_string_equal(k.k[2], "roster:R5");
}

/* within: a payment on the first and on the last day of the period counts; the day before
 * and the day after do not. The payments are linked by the same id (one 15-digit), a
 * one-digit typo, or name + birth date; a look-alike (same name and birth date, another id)
 * is not linked. */
static void test_within_boundary_and_links(void **state)
{
    struct fx *f = *state;
    struct zx_dataset_meta m;
    int unchanged;
    add(f, "roster",
        "no,id,name,birth,judged,report,start,end\n"
        "A,110101199001011237,王伟,1990-01-01,2024-01-01,2024-01-05,2024-03-01,2024-06-30\n"
        "B,110101198001011234,李强,1980-01-01,2024-01-01,2024-01-05,2024-03-01,2024-06-30\n"
        "C,110101197001011239,赵敏,1970-01-01,2024-01-01,2024-01-05,2024-03-01,2024-06-30\n"
        "D,110101196001011235,孙丽,1960-01-01,2024-01-01,2024-01-05,2024-03-01,2024-06-30\n",
        roster_schema, &m, &unchanged, ZX_OK);
    static const char pay_schema[] =
        "{\"name\":\"pay\",\"columns\":[{\"column\":\"id\",\"field\":\"id_number\",\"role\":"
        "\"id_number\"},{\"column\":\"name\",\"role\":\"name\"},{\"column\":\"birth\",\"field\":"
        "\"birth_date\",\"role\":\"birth_date\"},{\"column\":\"paid\",\"role\":\"date\"}]}";
    add(f, "pay",
        "id,name,birth,paid\n"
        "110101199001011237,王伟,1990-01-01,2024-02-29\n"  /* A: the day before */
        "110101199001011237,王伟,1990-01-01,2024-07-01\n"  /* A: the day after */
        "110101800101123,李强,1980-01-01,2024-03-01\n"     /* B: 15-digit id, the first day */
        "110101197001011249,赵敏,1970-01-01,2024/6/30\n"   /* C: one-digit typo, the last day */
        "220101196001011231,孙丽,1960-01-01,2024-04-01\n", /* D's look-alike: another id */
        pay_schema, &m, &unchanged, ZX_OK);
    assert_int_equal(m.warnings, 3); /* the 15-digit id, the typo, the look-alike's check digit */
    struct keys k;
    run(f,
        "{\"id\":\"t_within\",\"title\":\"期间内发放\",\"basis\":\"x\",\"action\":\"y\","
        "\"sources\":[{\"as\":\"r\",\"from\":\"roster\"},{\"as\":\"p\",\"from\":\"pay\"}],"
        "\"rules\":[{\"op\":\"within\",\"field\":\"p.paid\",\"from\":\"r.start\",\"to\":\"r.end\"}]"
        "}",
        "2024-12-31", &k);
    assert_int_equal(k.n, 2);
    assert_string_equal(k.k[0], "roster:B");
    assert_string_equal(k.k[1], "roster:C");
    /* C was linked fuzzily: its probability is in the lead */
    struct zx_lead l;
    struct zx_err err = {0};
    assert_int_equal(zx_lead_get(f->st, "XS-t_within-000002", &l, &err), ZX_OK);
    assert_true(l.probability >= 0.9 && l.probability < 1);
    assert_non_null(strstr(l.evidence, "\"match\":\"fuzzy\""));
    free(l.evidence);
}

/* a "none" source: a hit needs that no linked row satisfies its rules */
static void test_none_source(void **state)
{
    struct fx *f = *state;
    struct zx_dataset_meta m;
    int unchanged;
    add(f, "roster",
        "no,id,name,birth,judged,report,start,end\n"
        "A,110101199001011237,王伟,1990-01-01,2024-01-01,2024-01-05,2024-03-01,\n"
        "B,110101198001011234,李强,1980-01-01,2024-01-01,2024-01-05,2024-03-01,\n"
        "C,110101197001011239,赵敏,1970-01-01,2024-01-01,2024-01-05,2024-03-01,\n",
        roster_schema, &m, &unchanged, ZX_OK);
    add(f, "visits", "id,visit\n110101199001011237,2024-02-29\n110101198001011234,2024-03-01\n",
        "{\"name\":\"visits\",\"columns\":[{\"column\":\"id\",\"field\":\"id_number\",\"role\":"
        "\"id_number\"},{\"column\":\"visit\",\"role\":\"date\"}]}",
        &m, &unchanged, ZX_OK);
    struct keys k;
    run(f,
        "{\"id\":\"t_none\",\"title\":\"无就医\",\"basis\":\"x\",\"action\":\"y\","
        "\"sources\":[{\"as\":\"r\",\"from\":\"roster\"},{\"as\":\"v\",\"from\":\"visits\","
        "\"require\":\"none\"}],\"rules\":[{\"op\":\"within\",\"field\":\"v.visit\",\"from\":"
        "\"r.start\",\"to\":\"r.end\",\"open\":\"as_of\"}]}",
        "2024-12-31", &k);
    assert_int_equal(k.n, 2); /* A's only visit is the day before; C has none */
    assert_string_equal(k.k[0], "roster:A");
    assert_string_equal(k.k[1], "roster:C");
}

static void test_probability(void **state)
{
    (void)state;
    /* 同名同生日, another valid id: not the person */
    assert_true(zx_sup_match_probability("110101199001011237", "王伟", "1990-01-01",
                                         "220101199001011230", "王伟", "1990-01-01") < 0.9);
    /* a one-digit typo in the id */
    assert_true(zx_sup_match_probability("110101199001011237", "王伟", "1990-01-01",
                                         "110101199001011247", "王伟", "1990/1/1") > 0.99);
    /* 同音字 in the given name, no id */
    assert_true(zx_sup_match_probability("110101199001011237", "王伟", "1990-01-01", "", "王玮",
                                         "1990年1月1日") > 0.9);
    /* another name, the same birth date, no id */
    assert_true(zx_sup_match_probability("110101199001011237", "王伟", "1990-01-01", "", "陈刚",
                                         "1990-01-01") < 0.5);
}

struct issues {
    long line[8];
    char col[8][32];
    char en[8][160], zh[8][160];
    int n;
};
static int issue_cb(void *ud, long line, const char *column, const char *outcome,
                    const char *reason, const char *reason_zh, const char *raw)
{
    struct issues *i = ud;
    (void)raw;
    if (strcmp(outcome, "rejected"))
        return 0;
    i->line[i->n] = line;
    snprintf(i->en[i->n], sizeof i->en[0], "%s", reason);
    snprintf(i->zh[i->n], sizeof i->zh[0], "%s", reason_zh ? reason_zh : "");
    snprintf(i->col[i->n++], 32, "%s", column);
    return 0;
}

static void test_rejects_and_versions(void **state)
{
    struct fx *f = *state;
    struct zx_dataset_meta m, m2;
    int unchanged = 0;
    const char *csv = "no,id,name,birth,judged,report,start,end\n"
                      "R1,110101199001011237,甲一,1990-01-01,2025-01-01,,,\n"
                      "R2,11010119900101,甲二,1990-01-02,2025-01-01,,,\n"
                      "R3,110101199001031239,,1990-01-03,2025-01-01,,,\n"
                      "R4,110101199001041234,甲四,1990-01-04,2025-02-30,,,\n";
    add(f, "roster", csv, roster_schema, &m, &unchanged, ZX_OK);
    assert_int_equal(unchanged, 0);
    assert_int_equal(m.rows_read, 4);
    assert_int_equal(m.imported, 1);
    assert_int_equal(m.rejected, 3);
    struct issues is = {0};
    struct zx_err err = {0};
    assert_int_equal(zx_dataset_issues(f->st, m.rid, issue_cb, &is, &err), ZX_OK);
    assert_int_equal(is.n, 3);
    assert_int_equal(is.line[0], 3);
    assert_string_equal(is.col[0], "id");
    assert_int_equal(is.line[1], 4);
    assert_string_equal(is.col[1], "name");
    assert_int_equal(is.line[2], 5);
    assert_string_equal(is.col[2], "judged");
    /* each reason in both languages, whatever the locale (the web UI shows the Chinese) */
    assert_string_equal(is.en[0], "'11010119900101' is not a citizen id number (GB 11643)");
    assert_string_equal(is.zh[0], "“11010119900101”不是有效的公民身份号码（GB 11643）");
    assert_string_equal(is.en[1], "required value missing");
    assert_string_equal(is.zh[1], "缺少必填值");
    assert_string_equal(is.en[2], "'2025-02-30' is not a date");
    assert_string_equal(is.zh[2], "“2025-02-30”不是日期");
    add(f, "roster", csv, roster_schema, &m2, &unchanged, ZX_OK);
    assert_int_equal(unchanged, 1);
    assert_int_equal(m2.version, 1);
    /* a bad schema: nothing written */
    add(f, "other", csv, "{\"columns\":[{\"column\":\"no\",\"role\":\"colour\"}]}", &m2, &unchanged,
        ZX_EINVAL);
    assert_int_equal(zx_dataset_find(f->st, "", "other", NULL, &m2, &unchanged, &err), ZX_OK);
    assert_int_equal(unchanged, 0);
}

static int count_cb(void *ud, const struct zx_dataset_meta *m)
{
    (void)m;
    ++*(int *)ud;
    return 0;
}

/* Datasets belong to a unit: two counties each register their own roster (both version 1,
 * ids unit:name@v1); a county lists only its own, the city both; a county's model run reads
 * only its own roster, the city's run both, and the hit keys name the county. */
static void test_datasets_per_unit(void **state)
{
    struct fx *f = *state;
    struct zx_err err = {0};
    assert_int_equal(
        sqlite3_exec(zx_store_sqlite(f->st),
                     "INSERT INTO units(id, unit_id, name, level, parent_rid, row_hash)"
                     " VALUES (1, 'P', '省院', 1, NULL, 0), (2, 'C', '市院', 2, 1, 0),"
                     " (3, 'K1', '甲县院', 3, 2, 0), (4, 'K2', '乙县院', 3, 2, 0)",
                     NULL, NULL, NULL),
        SQLITE_OK);
    char c[512], s[512];
    zx_test_write(f->dir, "k1.csv",
                  "no,id,name,birth,judged,report,start,end\n"
                  "R1,110101199001011237,甲一,1990-01-01,2025-01-01,,,\n");
    zx_test_write(f->dir, "k2.csv",
                  "no,id,name,birth,judged,report,start,end\n"
                  "R1,110101199001021233,乙一,1990-01-02,2025-01-01,,,\n");
    zx_test_write(f->dir, "roster.json", roster_schema);
    snprintf(s, sizeof s, "%s/roster.json", f->dir);
    struct zx_dataset_meta m;
    int unchanged = 0, n = 0;
    const char *units[] = {"K1", "K2"}, *files[] = {"k1.csv", "k2.csv"};
    for (int i = 0; i < 2; i++) {
        snprintf(c, sizeof c, "%s/%s", f->dir, files[i]);
        struct zx_sup_add_opts o = {.file = c, .schema = s, .unit_id = units[i]};
        assert_int_equal(zx_sup_dataset_add(f->st, &o, &m, &unchanged, &err), ZX_OK);
        assert_int_equal(m.version, 1);
        assert_string_equal(m.unit_id, units[i]);
    }
    assert_string_equal(m.dataset_id, "K2:roster@v1");
    /* an unknown unit is refused */
    struct zx_sup_add_opts bad = {.file = c, .schema = s, .unit_id = "NOPE"};
    assert_int_equal(zx_sup_dataset_add(f->st, &bad, &m, &unchanged, &err), ZX_EINVAL);
    assert_int_equal(zx_dataset_list(f->st, "K1", count_cb, &n, &err), ZX_OK);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(zx_dataset_list(f->st, "C", count_cb, &n, &err), ZX_OK);
    assert_int_equal(n, 2);
    int found = 0;
    assert_int_equal(zx_dataset_get(f->st, "K1:roster@v1", &m, &found, &err), ZX_OK);
    assert_int_equal(found, 1);
    assert_string_equal(m.unit_id, "K1");

    static const char model[] =
        "{\"id\":\"t_units\",\"title\":\"漏管\",\"basis\":\"社区矫正法第二十一条\","
        "\"action\":\"纠正\",\"sources\":[{\"as\":\"r\",\"from\":\"roster\"}],"
        "\"rules\":[{\"op\":\"gap_gt\",\"from\":\"r.judged\",\"to\":\"r.report\","
        "\"days\":10,\"open\":\"as_of\"}]}";
    zx_test_write(f->dir, "model.json", model);
    snprintf(c, sizeof c, "%s/model.json", f->dir);
    struct zx_sup_model *md = NULL;
    struct zx_sup_run_result r;
    assert_int_equal(zx_sup_model_load(c, &md, &err), ZX_OK);
    struct zx_sup_run_opts o = {.unit_id = "K1", .as_of = zx_date_from_ymd(2025, 3, 1)};
    assert_int_equal(zx_sup_model_run(f->st, md, &o, &r, &err), ZX_OK);
    assert_int_equal(r.hits, 1);
    struct keys k = {0};
    struct zx_lead_filter fl = {.model = "t_units"};
    assert_int_equal(zx_lead_list(f->st, &fl, key_cb, &k, &err), ZX_OK);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.k[0], "K1/roster:R1");
    o.unit_id = "C";
    assert_int_equal(zx_sup_model_run(f->st, md, &o, &r, &err), ZX_OK);
    assert_int_equal(r.hits, 2);
    assert_int_equal(r.new_leads, 1); /* K1's hit is known */
    memset(&k, 0, sizeof k);
    assert_int_equal(zx_lead_list(f->st, &fl, key_cb, &k, &err), ZX_OK);
    assert_int_equal(k.n, 2);
    /* the province has no roster of its own but sees both; an unrelated unit sees none */
    o.unit_id = "P";
    assert_int_equal(zx_sup_model_run(f->st, md, &o, &r, &err), ZX_OK);
    assert_int_equal(r.hits, 2);
    zx_sup_model_free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_report_boundary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_within_boundary_and_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_none_source, setup, teardown),
        cmocka_unit_test(test_probability),
        cmocka_unit_test_setup_teardown(test_rejects_and_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_datasets_per_unit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
