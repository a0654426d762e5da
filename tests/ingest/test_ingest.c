/* test_ingest.c — the import rules of shared/spec/case-data.md, one small bundle at a time. */
#include "../zx_test.h"

#include "ingest/ingest.h"
#include "store/store.h"
#include "util/msg.h"

static const char *UNITS = "unit_id,name,level,parent_id\n"
                           "P1,省院,province,\n"
                           "C1,市院,city,P1\n"
                           "K1,县院,基层院,C1\n";
static const char *STAFF = "staff_id,unit_id,name,department,role,is_leader\n"
                           "S1,K1,张三,第一检察部,prosecutor,0\n"
                           "S2,K1,李四,院领导,chief,1\n";
static const char *CASES =
    "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,handler_id,"
    "complex\n"
    "A1,K1,受[2024]1号,criminal,ordinary,by_procedure,transferred,盗窃罪,2024-01-05,2024-03-01,S1,"
    "0\n"
    "A2,K1,\"受[2024]2号, 附\",刑事,ordinary,by_procedure,transferred,,2024/02/01,,S1,1\n";
static const char *PERSONS = "person_id,case_id,role,name,id_number,gender,birth_date\n"
                             "Q1,A1,suspect,王五,11010519491231002X,F,1949-12-31\n"
                             "Q2,A2,suspect,赵六,,M,\n";
static const char *EVENTS =
    "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,note\n"
    "E1,A1,Q1,arrest_review,2024-01-05,,,detained,,,\n"
    "E2,A1,Q1,批准逮捕,2024-01-10,S1,S2,,,,\n"
    "E3,A1,Q1,indict,2024年2月1日,,,,,,\n"
    "E4,A1,,suggestion,2024-02-02,,,social_governance,,,\n"
    "E5,A1,,suggestion_reply,2024-02-20,,,adopted,,,\n"
    "E6,A1,,recovery,2024-02-21,,,,,1200.50,\"note, with comma\"\n";

struct fixture {
    char *dir, *db;
    struct zx_store *st;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = zx_test_tmpdir();
    char db[1100];
    snprintf(db, sizeof db, "%s/zx.db", f->dir);
    f->db = strdup(db);
    char bundle[1100];
    snprintf(bundle, sizeof bundle, "%s/b", f->dir);
    assert_int_equal(mkdir(bundle, 0700), 0);
    zx_test_write(bundle, "units.csv", UNITS);
    zx_test_write(bundle, "staff.csv", STAFF);
    zx_test_write(bundle, "cases.csv", CASES);
    zx_test_write(bundle, "persons.csv", PERSONS);
    zx_test_write(bundle, "events.csv", EVENTS);
    struct zx_err err = {0};
    assert_int_equal(zx_store_open(f->db, &f->st, &err), 0);
    zx_msg_set_chinese(0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

static int text_cb(void *ud, int ncol, const char *const *vals, const char *const *names)
{
    (void)names;
    char *out = ud;
    size_t o = strlen(out);
    for (int i = 0; i < ncol; i++)
        o += (size_t)snprintf(out + o, 4096 - o, "%s%s", i ? "|" : "", vals[i] ? vals[i] : "∅");
    snprintf(out + o, 4096 - o, "\n");
    return 0;
}

/* Rows of a query as "a|b\n" lines. Caller frees. */
static char *q(struct fixture *f, const char *sql)
{
    char *out = calloc(1, 4096);
    struct zx_err err = {0};
    assert_int_equal(zx_store_query(f->st, sql, text_cb, out, &err), 0);
    return out;
}

static void assert_q(struct fixture *f, const char *sql, const char *want)
{
    char *got = q(f, sql);
    assert_string_equal(got, want);
    free(got);
}

static char *bundle(struct fixture *f)
{
    static char b[1100];
    snprintf(b, sizeof b, "%s/b", f->dir);
    return b;
}

static void import_ok(struct fixture *f, struct zx_ingest_report *rep)
{
    struct zx_err err = {0};
    int rc = zx_ingest_bundle(f->st, bundle(f), NULL, rep, &err);
    if (rc)
        fail_msg("import failed: %s", err.msg);
    assert_int_equal(rep->read, rep->imported + rep->rejected);
}

static void test_clean_bundle(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import_ok(f, &rep);
    assert_int_equal(rep.read, 3 + 2 + 2 + 2 + 6);
    assert_int_equal(rep.rejected, 0);
    /* only the reply without ref_event_id is imported with a warning: it was linked */
    assert_int_equal(rep.warned, 1);
    assert_q(f, "SELECT event_id, ref_event_id FROM v_events WHERE event_id='E5'", "E5|E4\n");
    assert_q(f, "SELECT line, col, outcome, reason FROM import_issues",
             "6|ref_event_id|warning|no ref_event_id: linked to event 'E4'\n");
    /* labels and date forms normalised; quoted comma kept; null closed_on */
    assert_q(f, "SELECT type, date FROM v_events WHERE event_id IN ('E2','E3') ORDER BY 1",
             "arrest|2024-01-10\nindict|2024-02-01\n");
    assert_q(f,
             "SELECT case_no, line, accepted_on, closed_on, complex FROM v_cases WHERE "
             "case_id='A2'",
             "受[2024]2号, 附|criminal|2024-02-01|∅|1\n");
    assert_q(f, "SELECT level FROM units WHERE unit_id='K1'", "4\n");
    assert_q(f, "SELECT amount, note FROM events WHERE event_id='E6'", "1200.5|note, with comma\n");
    assert_q(f, "SELECT rows_read, imported, rejected, warnings FROM imports", "15|15|0|1\n");
}

static void test_reimport_changes_nothing(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import_ok(f, &rep);
    char *before = q(f, "SELECT * FROM v_events ORDER BY 1");
    import_ok(f, &rep);
    assert_int_equal(rep.imported, 15);
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        assert_int_equal(rep.files[t].inserted, 0);
        assert_int_equal(rep.files[t].updated, 0);
    }
    assert_int_equal(rep.files[ZX_T_EVENTS].unchanged, 6);
    char *after = q(f, "SELECT * FROM v_events ORDER BY 1");
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_q(f, "SELECT count(*) FROM history", "0\n");
    assert_q(f, "SELECT count(*) FROM events", "6\n");
}

static void test_changed_row_updates_and_keeps_history(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import_ok(f, &rep);
    zx_test_write(bundle(f), "cases.csv",
                  "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,"
                  "closed_on,handler_id,complex\n"
                  "A1,K1,受[2024]1号,criminal,ordinary,by_procedure,transferred,盗窃罪,2024-01-05,"
                  "2024-03-01,S1,0\n"
                  "A2,K1,\"受[2024]2号, 附\",criminal,ordinary,by_procedure,transferred,,2024-02-"
                  "01,2024-05-01,S2,1\n");
    import_ok(f, &rep);
    assert_int_equal(rep.files[ZX_T_CASES].updated, 1);
    assert_int_equal(rep.files[ZX_T_CASES].unchanged, 1);
    assert_q(f, "SELECT closed_on, handler_id FROM v_cases WHERE case_id='A2'", "2024-05-01|S2\n");
    assert_q(f,
             "SELECT tbl, xid, json_extract(old_row,'$.closed_on') IS NULL, "
             "json_extract(old_row,'$.complex') FROM history",
             "cases|A2|1|1\n");
}

/* Every kind of bad row: rejected with the right line, column and reason; nothing else lost. */
static void test_bad_rows(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    zx_test_write(
        bundle(f), "events.csv",
        "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,"
        "note\n"
        "E1,A1,Q1,arrest_review,2024-01-05,,,detained,,,\n"      /* 2 ok */
        "E1,A1,Q1,arrest,2024-01-10,,,,,,\n"                     /* 3 duplicate */
        "E3,A1,Q1,arrest,2023-02-30,,,,,,\n"                     /* 4 impossible date */
        "E4,A1,Q1,arrest,soon,,,,,,\n"                           /* 5 not a date */
        "E5,A1,Q1,arrested,2024-01-10,,,,,,\n"                   /* 6 unknown code */
        "E6,A1,Q1,arrest,2024-01-10,,,guilty,,,\n"               /* 7 result not allowed */
        "E7,A1,,arrest,2024-01-10,,,,,,\n"                       /* 8 person-level */
        "E8,A1,Q9,arrest,2024-01-10,,,,,,\n"                     /* 9 unknown person */
        "E9,A1,Q2,arrest,2024-01-10,,,,,,\n"                     /* 10 person of A2 */
        "E10,A9,,hearing,2024-01-10,,,,,,\n"                     /* 11 unknown case */
        "E11,A1,,hearing,2024-01-10,,,\n"                        /* 12 too few fields */
        "E12,A1,,hearing,2024-01-10,,,,,,\xff\xfe\n"             /* 13 bad UTF-8 */
        "E13,A1,,hearing,2024-01-10,,,,,,say \"hi\"\n"           /* 14 bare quote */
        "E14,A1,,hearing,,,,,,,\n"                               /* 15 empty date */
        "E15,A1,,recovery,2024-01-10,,,,,12a,\n"                 /* 16 bad amount */
        "E16,A1,,suggestion_reply,2024-01-10,,,adopted,E404,,\n" /* 17 unknown ref */
        "E17,A1,,hearing,2024-01-10,S9,,,,,\n"                   /* 18 unknown handler */
        "E1234567890123456789012345678901234567890123456789012345678901234,A1,,hearing,2024-01-"
        "10,,,,,,\n"                           /* 19 id too long */
        "E19,A1,,hearing,2024-01-11,,,,,,\n"); /* 20 ok */
    zx_test_write(bundle(f), "persons.csv",
                  "person_id,case_id,role,name,id_number,gender,birth_date\n"
                  "Q1,A1,suspect,王五,11010519491231002X,F,1949-12-31\n"
                  "Q2,A2,suspect,赵六,110105491231002,M,\n"    /* 15 digits: warning */
                  "Q3,A2,victim,钱七,110105194912310021,,\n"   /* bad check digit: warning */
                  "Q4,A2,victim,孙八,11010519491331002X,,\n"); /* month 13: rejected */
    struct zx_err err = {0};
    char rej[1100];
    snprintf(rej, sizeof rej, "%s/rejects.csv", f->dir);
    struct zx_ingest_opts opts = {rej, 0};
    assert_int_equal(zx_ingest_bundle(f->st, bundle(f), &opts, &rep, &err), 0);
    assert_int_equal(rep.files[ZX_T_EVENTS].read, 19);
    assert_int_equal(rep.files[ZX_T_EVENTS].rejected, 17);
    assert_int_equal(rep.files[ZX_T_EVENTS].inserted, 2);
    assert_int_equal(rep.files[ZX_T_PERSONS].rejected, 1);
    assert_int_equal(rep.files[ZX_T_PERSONS].warned, 2);
    assert_int_equal(rep.read, rep.imported + rep.rejected);
    assert_q(f,
             "SELECT line, ifnull(col,'-'), reason FROM import_issues WHERE file='events.csv' "
             "ORDER BY line",
             "3|event_id|duplicate id 'E1' (first seen on line 2)\n"
             "4|date|'2023-02-30' is not a real calendar day\n"
             "5|date|'soon' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日)\n"
             "6|type|'arrested' is not a event_type code\n"
             "7|result|result 'guilty' is not allowed for event type arrest\n"
             "8|person_id|event type arrest is person-level and needs person_id\n"
             "9|person_id|person_id 'Q9' is not known\n"
             "10|person_id|person 'Q2' belongs to another case\n"
             "11|case_id|case_id 'A9' is not known\n"
             "12|-|expected 11 fields, found 8\n"
             "13|note|invalid UTF-8\n"
             "14|-|malformed CSV: quote inside an unquoted field\n"
             "15|date|required field is empty\n"
             "16|amount|'12a' is not a number\n"
             "17|ref_event_id|ref_event_id 'E404' is not known\n"
             "18|handler_id|handler_id 'S9' is not known\n"
             "19|event_id|an id must be 1-64 bytes without control characters\n");
    assert_q(f,
             "SELECT line, outcome, reason FROM import_issues WHERE file='persons.csv' ORDER BY "
             "line",
             "3|warning|15-digit id number converted to '11010519491231002X'\n"
             "4|warning|id number '110105194912310021' has a wrong check digit (kept, flagged)\n"
             "5|rejected|'11010519491331002X' is not a citizen id number (18 characters, or 15 "
             "digits)\n");
    assert_q(f, "SELECT person_id, id_number, id_flag FROM persons ORDER BY 1",
             "Q1|11010519491231002X|0\nQ2|11010519491231002X|1\nQ3|110105194912310021|2\n");
    /* the rejects file has a header and one row per issue, raw rows verbatim */
    FILE *rf = fopen(rej, "rb");
    assert_non_null(rf);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, rf);
    buf[n] = '\0';
    fclose(rf);
    assert_non_null(strstr(buf, "file,line,column,outcome,reason,row\n"));
    assert_non_null(strstr(buf, "events.csv,14,,rejected,malformed CSV: quote inside an unquoted "
                                "field,\"E13,A1,,hearing,2024-01-10,,,,,,say \"\"hi\"\"\"\n"));
    assert_non_null(strstr(buf, "\xff\xfe")); /* invalid bytes kept verbatim */
}

static void test_missing_file_imports_nothing(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    struct zx_err err = {0};
    char p[1200];
    snprintf(p, sizeof p, "%s/events.csv", bundle(f));
    assert_int_equal(unlink(p), 0);
    assert_int_equal(zx_ingest_bundle(f->st, bundle(f), NULL, &rep, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "required file events.csv is missing"));
    assert_q(f, "SELECT count(*) FROM units", "0\n");
    assert_q(f, "SELECT count(*) FROM imports", "0\n");
}

static void test_missing_column_imports_nothing(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    struct zx_err err = {0};
    zx_test_write(bundle(f), "staff.csv",
                  "staff_id,unit_id,name,department,is_leader,shoe_size\nS1,K1,张三,一部,0,42\n");
    assert_int_equal(zx_ingest_bundle(f->st, bundle(f), NULL, &rep, &err), ZX_EPARSE);
    assert_non_null(strstr(err.msg, "staff.csv: required column 'role' is missing"));
    assert_q(f, "SELECT count(*) FROM units", "0\n");
}

static void test_unknown_column_is_a_note(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    zx_test_write(bundle(f), "staff.csv",
                  "staff_id,unit_id,name,department,role,is_leader,shoe_size\n"
                  "S1,K1,张三,一部,prosecutor,0,42\nS2,K1,李四,院领导,chief,1,40\n");
    import_ok(f, &rep);
    assert_int_equal(rep.rejected, 0);
    assert_q(f, "SELECT line, outcome, reason FROM import_issues WHERE file='staff.csv'",
             "1|warning|unknown column 'shoe_size' ignored\n");
}

/* A parent named later in the file, a cycle, a second root; an event answering a later row. */
static void test_forward_references(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    zx_test_write(bundle(f), "units.csv",
                  "unit_id,name,level,parent_id\n"
                  "K1,县院,county,C1\n" /* parent comes later */
                  "C1,市院,city,P1\n"
                  "P1,省院,province,\n"
                  "X1,环一,county,X2\n" /* cycle */
                  "X2,环二,county,X1\n"
                  "R2,另一省,province,\n" /* second root */
                  "Y1,孤,county,NOPE\n");
    zx_test_write(bundle(f), "events.csv",
                  "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_"
                  "id,amount,note\n"
                  "E5,A1,,suggestion_reply,2024-02-20,,,adopted,E4,,\n"
                  "E4,A1,,suggestion,2024-02-02,,,social_governance,,,\n");
    import_ok(f, &rep);
    assert_int_equal(rep.files[ZX_T_UNITS].inserted, 3);
    assert_int_equal(rep.files[ZX_T_UNITS].rejected, 4);
    assert_q(f, "SELECT line, reason FROM import_issues WHERE file='units.csv' ORDER BY line",
             "5|unit 'X1' is in a cycle of parents\n"
             "6|unit 'X2' is in a cycle of parents\n"
             "7|unit 'R2' has no parent but the tree already has root 'P1'\n"
             "8|parent_id 'NOPE' is not known\n");
    assert_q(f, "SELECT ref_event_id FROM v_events WHERE event_id='E5'", "E4\n");
    assert_int_equal(rep.files[ZX_T_EVENTS].rejected, 0);
}

/* The whole of a small file, NUL-terminated; the caller frees it. */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    char *b = calloc(1, 8192);
    assert_non_null(b);
    size_t n = fread(b, 1, 8191, fp);
    fclose(fp);
    b[n] = '\0';
    return b;
}

/* A reason is kept in both languages whatever the locale (the web UI shows the Chinese);
 * the rejects file and a structural error speak the command's language. */
static void test_reasons_in_both_languages(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    char rejects[1200];
    snprintf(rejects, sizeof rejects, "%s/rejects.csv", f->dir);
    struct zx_ingest_opts o = {.rejects_path = rejects, .progress = 0};
    zx_test_write(bundle(f), "units.csv",
                  "unit_id,name,level,parent_id\nP1,省院,province,\nC1,市院,town,P1\n");
    struct zx_err err = {0};
    for (int zh = 0; zh < 2; zh++) {
        zx_msg_set_chinese(zh);
        assert_int_equal(zx_ingest_bundle(f->st, bundle(f), &o, &rep, &err), 0);
        char *text = slurp(rejects);
        assert_non_null(strstr(text, zh ? "“town”不是有效的unit_level代码"
                                        : "'town' is not a unit_level code"));
        assert_null(strstr(text, zh ? "is not a" : "不是有效的"));
        free(text);
    }
    zx_msg_set_chinese(0);
    assert_q(f, "SELECT reason, reason_zh FROM import_issues WHERE file='units.csv'",
             "'town' is not a unit_level code|“town”不是有效的unit_level代码\n"
             "'town' is not a unit_level code|“town”不是有效的unit_level代码\n");
    /* a record that breaks the CSV format: the breakage named in each language */
    zx_test_write(bundle(f), "units.csv",
                  "unit_id,name,level,parent_id\nP1,省院,province,\nC2,\"市院,city,P1\n");
    assert_int_equal(zx_ingest_bundle(f->st, bundle(f), NULL, &rep, &err), 0);
    assert_q(f,
             "SELECT reason, reason_zh FROM import_issues WHERE file='units.csv' AND line = 3 "
             "ORDER BY id DESC LIMIT 1",
             "malformed CSV: unterminated quoted field|CSV 格式错误：引号字段未闭合\n");
    /* a structural error: both forms, the file named in each */
    zx_test_write(bundle(f), "units.csv", "unit_id,name,level\n");
    zx_msg_set_chinese(1);
    assert_int_equal(zx_ingest_bundle(f->st, bundle(f), NULL, &rep, &err), ZX_EPARSE);
    zx_msg_set_chinese(0);
    assert_int_equal(err.id, ZX_M_MISSING_COLUMN);
    assert_non_null(strstr(err.msg, "units.csv: required column 'parent_id' is missing"));
    assert_non_null(strstr(err.zh, "units.csv：缺少必需列“parent_id”"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clean_bundle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_row_updates_and_keeps_history, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file_imports_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_column_imports_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_column_is_a_note, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forward_references, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reasons_in_both_languages, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
