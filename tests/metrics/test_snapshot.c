/* test_snapshot.c — the columnar snapshot (<db>.zxcol) is a cache that never changes a
 * figure: a load from it equals a load from SQLite; after a new import it is stale and not
 * used; a damaged file is refused and the load falls back to SQLite. */
#include "../zx_test.h"

#include "metrics_fixture.h"

#include <sys/stat.h>

static void bundle(struct fx *f)
{
    fx_unit(f, "P", NULL);
    fx_unit(f, "A", "P");
    fx_unit(f, "B", "P");
    fx_staff(f, "S1", "A");
    fx_staff(f, "S2", "B");
    fx_case(f, "C1", "A", "criminal", "2024-01-05", "2024-03-01", "S1");
    fx_case(f, "C2", "B", "criminal", "2024-02-01", "2024-04-01", "S2");
    fx_person(f, "Q1", "C1");
    fx_person(f, "Q2", "C2");
    fx_event(f, "E1", "C1", "Q1", "arrest", "2024-01-10", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", "Q1", "indict", "2024-02-10", NULL, NULL, NULL);
    fx_event(f, "E3", "C2", "Q2", "no_arrest", "2024-02-12", "no_necessity", NULL, NULL);
    fx_event(f, "E4", "C2", "Q2", "non_prosecution", "2024-03-12", "discretionary", NULL, NULL);
}

static char *snap_path(struct fx *f)
{
    static char p[1200];
    snprintf(p, sizeof p, "%s/zx.db.zxcol", f->dir);
    return p;
}

/* Reload the engine data from the store (the snapshot if it is usable). */
static void reload(struct fx *f)
{
    struct zx_err err = {0};
    zx_metrics_free(f->m);
    f->m = NULL;
    if (zx_metrics_load(f->st, &f->m, &err))
        fail_msg("load: %s", err.msg);
}

static void expect(struct fx *f, const char *id, const char *unit, int64_t num, int64_t den)
{
    int64_t n, d;
    fx_get(f, id, unit, "2024-01-01", "2024-12-31", &n, &d);
    assert_int_equal(n, num);
    assert_int_equal(d, den);
}

/* Every unit and staff id finds its own index; unknown ids and NULL find none. */
static void expect_ids_found(const struct zx_metrics *m)
{
    assert_int_equal(zx_metrics_units(m), 3);
    assert_int_equal(zx_metrics_staff(m), 2);
    for (int32_t u = 0; u < zx_metrics_units(m); u++)
        assert_int_equal(zx_metrics_unit_find(m, zx_metrics_unit_id(m, u)), u);
    for (int32_t s = 0; s < zx_metrics_staff(m); s++)
        assert_int_equal(zx_metrics_staff_find(m, zx_metrics_staff_id(m, s)), s);
    assert_string_equal(zx_metrics_unit_id(m, zx_metrics_unit_find(m, "B")), "B");
    assert_int_equal(zx_metrics_unit_find(m, "C"), -1);
    assert_int_equal(zx_metrics_unit_find(m, ""), -1);
    assert_int_equal(zx_metrics_unit_find(m, NULL), -1);
    assert_int_equal(zx_metrics_staff_find(m, "S0"), -1);
    assert_int_equal(zx_metrics_staff_find(m, "S3"), -1);
}

static void test_snapshot_equals_sqlite(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    bundle(f);
    setenv("ZHIXIAO_SNAPSHOT", "1", 1);
    fx_load(f); /* from SQLite; writes the snapshot */
    struct stat sb;
    assert_int_equal(stat(snap_path(f), &sb), 0);
    assert_true(sb.st_size > 0);
    expect(f, "no_arrest_rate", NULL, 1, 2);
    expect(f, "non_prosecution_rate", "B", 1, 1);
    expect_ids_found(f->m);
    reload(f); /* from the snapshot */
    expect_ids_found(f->m);
    expect(f, "no_arrest_rate", NULL, 1, 2);
    expect(f, "non_prosecution_rate", "B", 1, 1);
    expect(f, "pretrial_detention_rate", NULL, 1, 2);
    assert_int_equal(zx_metrics_events(f->m), 4);
    fx_free(f);
}

static void test_stale_after_import(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    bundle(f);
    setenv("ZHIXIAO_SNAPSHOT", "1", 1);
    fx_load(f);
    reload(f);
    expect(f, "no_arrest_rate", NULL, 1, 2);
    /* a second import adds a case with an arrest: the snapshot must not hide it */
    zx_test_write(f->dir, "cases.csv",
                  "case_id,unit_id,case_no,line,business,kind,source,accepted_on,closed_on,"
                  "handler_id,complex\n"
                  "C3,A,No.C3,criminal,ordinary,by_procedure,transferred,2024-05-01,,S1,0\n");
    zx_test_write(f->dir, "persons.csv", "person_id,case_id,role,name\nQ3,C3,suspect,Person Q3\n");
    zx_test_write(f->dir, "events.csv",
                  "event_id,case_id,person_id,type,date,handler_id,result,ref_event_id\n"
                  "E5,C3,Q3,arrest,2024-05-10,,,\n");
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    assert_int_equal(zx_ingest_bundle(f->st, f->dir, NULL, &rep, &err), 0);
    assert_int_equal(rep.rejected, 0);
    reload(f);
    expect(f, "no_arrest_rate", NULL, 1, 3);
    expect(f, "no_arrest_rate", "A", 0, 2);
    fx_free(f);
}

static void test_damaged_snapshot_refused(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    bundle(f);
    setenv("ZHIXIAO_SNAPSHOT", "1", 1);
    fx_load(f);
    /* overwrite the middle of the file: the columns no longer make sense */
    FILE *s = fopen(snap_path(f), "r+b");
    assert_non_null(s);
    fseek(s, 0, SEEK_END);
    long len = ftell(s);
    assert_true(len > 1024);
    fseek(s, len / 2, SEEK_SET);
    for (int i = 0; i < 256; i++)
        fputc(0xff, s);
    fclose(s);
    reload(f);
    expect(f, "no_arrest_rate", NULL, 1, 2);
    expect(f, "non_prosecution_rate", "B", 1, 1);
    /* the refused file was replaced by a fresh one from SQLite */
    s = fopen(snap_path(f), "rb");
    assert_non_null(s);
    fseek(s, len / 2, SEEK_SET);
    int all_ff = 1;
    for (int i = 0; i < 256; i++)
        all_ff &= fgetc(s) == 0xff;
    fclose(s);
    assert_false(all_ff);
    /* and a truncated one */
    assert_int_equal(truncate(snap_path(f), 100), 0);
    reload(f);
    expect(f, "no_arrest_rate", NULL, 1, 2);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshot_equals_sqlite),
        cmocka_unit_test(test_stale_after_import),
        cmocka_unit_test(test_damaged_snapshot_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
