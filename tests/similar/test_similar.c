/* test_similar.c — 类案检索 (shared/spec/similar-cases.md): tokenisation, term weights, the §3
 * quantile formula and charge choice (ties), documents.csv row rules, and searches (the
 * query and --exclude'd documents never come back, --charge only filters, scores do not
 * increase, matched terms are in both fact texts, charges play no part in the ranking). */
#include "../zx_test.h"

#include "ingest/ingest.h"
#include "similar/similar.h"
#include "store/store.h"
#include "util/msg.h"

#include <math.h>

/* ---- pieces ---- */

static uint64_t bi(const char *two)
{
    uint64_t t[2];
    assert_int_equal(zx_similar_tokens(two, strlen(two), t, 2), 1);
    return t[0];
}

static void test_tokens(void **state)
{
    (void)state;
    uint64_t t[16];
    /* 某 and digits break runs: 被告人王 | 盗窃 | 元, and 2000元 is an amount term */
    const char *s = "被告人王某盗窃2000元";
    size_t n = zx_similar_tokens(s, strlen(s), t, 16);
    assert_int_equal(n, 5);
    assert_true(t[0] == bi("被告") && t[1] == bi("告人") && t[2] == bi("人王") &&
                t[3] == bi("盗窃"));
    assert_true(t[4] & ZX_SIMILAR_AMOUNT);
    /* amounts of one size class meet, whatever their spelling; dates and bare numbers are no
     * term */
    uint64_t a[4], b[4];
    assert_int_equal(zx_similar_tokens("12000元", strlen("12000元"), a, 4), 1);
    assert_int_equal(zx_similar_tokens("1.2万元", strlen("1.2万元"), b, 4), 2); /* and 万元 */
    assert_true(a[0] == b[0] && (a[0] & ZX_SIMILAR_AMOUNT));
    assert_int_equal(zx_similar_tokens("50000元", strlen("50000元"), b, 4), 1);
    assert_true(a[0] != b[0]);
    assert_int_equal(zx_similar_tokens("0.5克", strlen("0.5克"), a, 4), 1);
    assert_int_equal(zx_similar_tokens("0.52克", strlen("0.52克"), b, 4), 1);
    assert_true(a[0] == b[0]);
    assert_int_equal(zx_similar_tokens("0.5元", strlen("0.5元"), b, 4), 1);
    assert_true(a[0] != b[0]); /* grams are not yuan */
    assert_int_equal(zx_similar_tokens("2018年5月", strlen("2018年5月"), a, 4), 0);
    assert_int_equal(zx_similar_tokens("湘A12345", strlen("湘A12345"), a, 4), 0);
    /* punctuation, Latin letters and invalid UTF-8 break runs too; nothing is read past n */
    const char *p = "扒窃，ATM取款\xff醉酒";
    n = zx_similar_tokens(p, strlen(p), t, 16);
    assert_int_equal(n, 3);
    assert_true(t[0] == bi("扒窃") && t[1] == bi("取款") && t[2] == bi("醉酒"));
    /* the count is returned even when cap is smaller */
    assert_int_equal(zx_similar_tokens(s, strlen(s), t, 1), 5);
    assert_int_equal(zx_similar_tokens("", 0, t, 16), 0);
    assert_int_equal(zx_similar_tokens("甲", 3, t, 16), 0);
}

static void test_weights(void **state)
{
    (void)state;
    assert_true(zx_similar_term_weight(bi("盗窃")) > 1.0);  /* a charge stem */
    assert_true(zx_similar_term_weight(bi("扒窃")) > 1.0);  /* a fact phrase */
    assert_true(zx_similar_term_weight(bi("丙胺")) > 1.0);  /* 甲基苯丙胺 */
    assert_true(zx_similar_term_weight(bi("沙市")) < 1.0);  /* 长沙市: a place */
    assert_true(zx_similar_term_weight(bi("如实")) < 1.0);  /* 如实供述: procedure */
    assert_true(zx_similar_term_weight(bi("天空")) == 1.0); /* neither */
    assert_true(zx_similar_term_weight(ZX_SIMILAR_AMOUNT | 27) == 1.0);
}

/* RULE: similar-cases-3 — h = (n−1)p, v[⌊h⌋] + (h−⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]) */
static void test_quantile(void **state)
{
    (void)state;
    const double v4[] = {6, 8, 10, 11};
    assert_true(fabs(zx_similar_quantile(v4, 4, 0.25) - 7.5) < 1e-12);   /* h = 0.75 */
    assert_true(fabs(zx_similar_quantile(v4, 4, 0.5) - 9.0) < 1e-12);    /* h = 1.5 */
    assert_true(fabs(zx_similar_quantile(v4, 4, 0.75) - 10.25) < 1e-12); /* h = 2.25 */
    const double v1[] = {8};
    for (double p = 0; p <= 1; p += 0.25)
        assert_true(zx_similar_quantile(v1, 1, p) == 8);
    const double v2[] = {4, 10};
    assert_true(zx_similar_quantile(v2, 2, 0.5) == 7);
    assert_true(zx_similar_quantile(v2, 2, 0.25) == 5.5);
    const double v5[] = {1, 2, 3, 4, 5}; /* h whole: the value itself */
    assert_true(zx_similar_quantile(v5, 5, 0.5) == 3);
    assert_true(zx_similar_quantile(v5, 5, 0.25) == 2);
    assert_true(zx_similar_quantile(v5, 5, 0.75) == 4);
}

static void test_choose_charge(void **state)
{
    (void)state;
    const char *a[] = {"盗窃罪", "诈骗罪", "诈骗罪", "盗窃罪"};
    const double sa[] = {3, 2, 1, 3};
    assert_int_equal(zx_similar_choose_charge(a, sa, 4), 0); /* 6 against 3 */
    const double sb[] = {1, 2, 2, 1};
    assert_int_equal(zx_similar_choose_charge(a, sb, 4), 1); /* 诈骗 4 against 2 */
    /* a tie goes to the charge of the higher-ranked result */
    const char *t[] = {"诈骗罪", "盗窃罪", "盗窃罪", "诈骗罪"};
    const double st[] = {2, 2, 1, 1};
    assert_int_equal(zx_similar_choose_charge(t, st, 4), 0);
    const char *t2[] = {"盗窃罪", "诈骗罪", "诈骗罪"};
    const double st2[] = {4, 2, 2};
    assert_int_equal(zx_similar_choose_charge(t2, st2, 3), 0);
    /* results without a main charge take no part; none at all: -1 */
    const char *n[] = {NULL, "", "抢劫罪"};
    const double sn[] = {9, 9, 1};
    assert_int_equal(zx_similar_choose_charge(n, sn, 3), 2);
    const char *none[] = {NULL, NULL};
    assert_int_equal(zx_similar_choose_charge(none, sn, 2), -1);
    assert_int_equal(zx_similar_choose_charge(none, sn, 0), -1);
    char buf[64];
    zx_similar_main_charge(" 盗窃罪 ;诈骗罪", buf, sizeof buf);
    assert_string_equal(buf, "盗窃罪");
    zx_similar_main_charge(NULL, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* ---- a bundle with documents ---- */

static const char *UNITS = "unit_id,name,level,parent_id\nP1,省院,province,\n";
static const char *STAFF = "staff_id,unit_id,name,department,role,is_leader\n"
                           "S1,P1,张三,第一检察部,prosecutor,0\n";
static const char *CASES =
    "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,closed_on,handler_id,"
    "complex\n"
    "A1,P1,受1号,criminal,ordinary,by_procedure,transferred,盗窃罪,2024-01-05,,S1,0\n";
static const char *PERSONS = "person_id,case_id,role,name,id_number,gender,birth_date\n";
static const char *EVENTS =
    "event_id,case_id,person_id,type,date,handler_id,decider_id,result,ref_event_id,amount,note\n";

#define DOC_HEAD                                                                                   \
    "document_id,case_id,kind,charges,sentence_kind,term_months,probation_months,date,fine_yuan,"  \
    "text,facts\n"
static const char *DOCS = DOC_HEAD
    "J1,A1,judgment,盗窃罪,fixed,8,,2024-05-01,2000,,被告人甲某入户盗窃，窃得金银首饰，价值人民币"
    "五千元。\n"
    "J2,,judgment,盗窃罪,fixed,6,12,,,,被告人乙某在公交车上扒窃手机一部，又入户盗窃金银首饰。\n"
    "J3,,判决书,盗窃罪;诈骗罪,有期,12,,,,,被告人丙某入户盗窃金银首饰及现金，另冒充客服骗取钱款。\n"
    "J4,,judgment,危险驾驶罪,criminal_detention,3,,,,,被告人丁某醉酒驾驶机动车，血液中乙醇含量为"
    "一百五十毫克。\n"
    "J5,,judgment,危险驾驶罪,拘役,2,,,,,被告人戊某酒后驾驶小型轿车，经检验血液中乙醇含量超标，"
    "属醉酒驾驶。\n"
    "J6,,indictment,诈骗罪,,,,,,,被告人己某冒充客服人员，虚构事实骗取被害人钱款。\n"
    /* rejected: duplicate id, unknown case, bad kind, empty facts, empty charge entry,
     * negative term, bad UTF-8 */
    "J2,,judgment,盗窃罪,fixed,6,,,,,重复的编号\n"
    "J7,A9,judgment,盗窃罪,fixed,6,,,,,不存在的案件\n"
    "J8,,verdict,盗窃罪,fixed,6,,,,,未知文书种类\n"
    "J9,,judgment,盗窃罪,fixed,6,,,,,\n"
    "J10,,judgment,盗窃罪;;诈骗罪,fixed,6,,,,,空罪名\n"
    "J11,,judgment,盗窃罪,fixed,-3,,,,,负刑期\n"
    "J12,,judgment,盗窃罪,fixed,6,,,,,\xe7\x9b\n";

struct fixture {
    char *dir, *db, *bundle;
    struct zx_store *st;
};

static void write_bundle(const char *b, const char *docs)
{
    zx_test_write(b, "units.csv", UNITS);
    zx_test_write(b, "staff.csv", STAFF);
    zx_test_write(b, "cases.csv", CASES);
    zx_test_write(b, "persons.csv", PERSONS);
    zx_test_write(b, "events.csv", EVENTS);
    zx_test_write(b, "documents.csv", docs);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    char p[1100];
    f->dir = zx_test_tmpdir();
    snprintf(p, sizeof p, "%s/zx.db", f->dir);
    f->db = strdup(p);
    snprintf(p, sizeof p, "%s/b", f->dir);
    f->bundle = strdup(p);
    assert_int_equal(mkdir(f->bundle, 0700), 0);
    write_bundle(f->bundle, DOCS);
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
    free(f->bundle);
    free(f);
    return 0;
}

static void import(struct fixture *f, struct zx_ingest_report *rep)
{
    struct zx_err err = {0};
    assert_int_equal(zx_ingest_bundle(f->st, f->bundle, NULL, rep, &err), ZX_OK);
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

static void assert_q(struct fixture *f, const char *sql, const char *want)
{
    char out[4096] = "";
    struct zx_err err = {0};
    assert_int_equal(zx_store_query(f->st, sql, text_cb, out, &err), 0);
    assert_string_equal(out, want);
}

static void test_import_rows(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import(f, &rep);
    const struct zx_ingest_file_report *d = &rep.files[ZX_T_DOCUMENTS];
    assert_int_equal(d->present, 1);
    assert_int_equal(d->read, 13);
    assert_int_equal(d->inserted, 6);
    assert_int_equal(d->rejected, 7);
    assert_q(f,
             "SELECT line, col, substr(reason, 1, 18) FROM import_issues "
             "WHERE file = 'documents.csv' ORDER BY line",
             "8|document_id|duplicate id 'J2' \n"
             "9|case_id|case_id 'A9' is no\n"
             "10|kind|'verdict' is not a\n"
             "11|facts|required field is \n"
             "12|charges|'盗窃罪;;诈骗罪': charge\n"
             "13|term_months|'-3' is not a numb\n"
             "14|facts|invalid UTF-8\n");
    /* codes and labels both accepted; stored as vocabulary values, shown by v_documents */
    assert_q(f,
             "SELECT document_id, case_id, kind, charges, sentence_kind, term_months, "
             "probation_months, date FROM v_documents ORDER BY document_id",
             "J1|A1|judgment|盗窃罪|fixed|8|∅|2024-05-01\n"
             "J2|∅|judgment|盗窃罪|fixed|6|12|∅\n"
             "J3|∅|judgment|盗窃罪;诈骗罪|fixed|12|∅|∅\n"
             "J4|∅|judgment|危险驾驶罪|criminal_detention|3|∅|∅\n"
             "J5|∅|judgment|危险驾驶罪|criminal_detention|2|∅|∅\n"
             "J6|∅|indictment|诈骗罪|∅|∅|∅|∅\n");
    /* re-import: nothing changes */
    import(f, &rep);
    assert_int_equal(rep.files[ZX_T_DOCUMENTS].unchanged, 6);
    assert_int_equal(rep.files[ZX_T_DOCUMENTS].inserted, 0);
    assert_int_equal(rep.files[ZX_T_DOCUMENTS].updated, 0);
    /* a changed row is updated and its old content kept */
    write_bundle(f->bundle,
                 DOC_HEAD "J1,A1,judgment,盗窃罪,fixed,9,,2024-05-01,2000,,被告人甲某入户盗窃，窃得"
                          "金银首饰，价值人民币五千元。\n");
    import(f, &rep);
    assert_int_equal(rep.files[ZX_T_DOCUMENTS].updated, 1);
    assert_q(f, "SELECT term_months FROM documents WHERE document_id = 'J1'", "9\n");
    assert_q(f,
             "SELECT json_extract(old_row, '$.term_months') FROM history WHERE tbl = 'documents'",
             "8\n");
}

static struct zx_similar_result *search(struct fixture *f, const char *doc, const char *facts,
                                        const char *charge, const char *const *excl, size_t nex,
                                        int k)
{
    struct zx_similar *ix = NULL;
    struct zx_similar_result *r = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_similar_open(f->st, &ix, &err), 0);
    struct zx_similar_query q = {.document_id = doc,
                                 .facts = facts,
                                 .charge = charge,
                                 .exclude = excl,
                                 .nexclude = nex,
                                 .k = k};
    assert_int_equal(zx_similar_search(ix, f->st, &q, &r, &err), 0);
    zx_similar_free(ix);
    return r;
}

static void check_contract(const struct zx_similar_result *r, const char *qfacts)
{
    for (int i = 0; i < r->nhits; i++) {
        const struct zx_similar_hit *h = &r->hits[i];
        if (i)
            assert_true(h->score <= r->hits[i - 1].score);
        assert_true(h->nterms >= 1 && h->nterms <= 10);
        for (int k = 0; k < h->nterms; k++) {
            assert_non_null(strstr(h->facts, h->terms[k]));
            assert_non_null(strstr(qfacts, h->terms[k]));
        }
    }
}

static int has(const struct zx_similar_result *r, const char *id)
{
    for (int i = 0; i < r->nhits; i++)
        if (!strcmp(r->hits[i].document_id, id))
            return 1;
    return 0;
}

static void test_search(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import(f, &rep);
    /* by document: never itself; the other thefts first */
    struct zx_similar_result *r = search(f, "J1", NULL, NULL, NULL, 0, 10);
    assert_false(has(r, "J1"));
    assert_true(r->nhits >= 2);
    assert_true(!strcmp(r->hits[0].document_id, "J2") || !strcmp(r->hits[0].document_id, "J3"));
    check_contract(r, r->query_facts);
    assert_string_equal(r->charge, "盗窃罪");
    zx_similar_result_free(r);
    /* exclusions */
    const char *ex[] = {"J2", "J3", "NO-SUCH"};
    r = search(f, "J1", NULL, NULL, ex, 3, 10);
    assert_false(has(r, "J1") || has(r, "J2") || has(r, "J3"));
    zx_similar_result_free(r);
    /* by facts; --charge only filters (and names the sentencing charge) */
    const char *facts = "被告人醉酒驾驶机动车，血液中乙醇含量超标。";
    r = search(f, NULL, facts, NULL, NULL, 0, 10);
    check_contract(r, facts);
    assert_true(r->nhits >= 2);
    assert_true(has(r, "J4") && has(r, "J5"));
    assert_string_equal(r->charge, "危险驾驶罪");
    assert_int_equal(r->n, 2);
    assert_true(r->median == 2.5 && r->p25 == 2.25 && r->p75 == 2.75);
    zx_similar_result_free(r);
    r = search(f, NULL, facts, "盗窃罪", NULL, 0, 10);
    for (int i = 0; i < r->nhits; i++)
        assert_non_null(strstr(r->hits[i].charges, "盗窃罪"));
    assert_false(has(r, "J4") || has(r, "J5"));
    assert_string_equal(r->charge, "盗窃罪");
    zx_similar_result_free(r);
    /* k */
    r = search(f, "J1", NULL, NULL, NULL, 0, 1);
    assert_int_equal(r->nhits, 1);
    zx_similar_result_free(r);
    /* an unknown document, two queries at once, a bad k */
    struct zx_similar *ix = NULL;
    struct zx_similar_result *bad = NULL;
    struct zx_err err = {0};
    assert_int_equal(zx_similar_open(f->st, &ix, &err), 0);
    struct zx_similar_query q = {.document_id = "NO-SUCH", .k = 10};
    assert_int_equal(zx_similar_search(ix, f->st, &q, &bad, &err), ZX_ENOTFOUND);
    q.facts = "盗窃";
    assert_int_equal(zx_similar_search(ix, f->st, &q, &bad, &err), ZX_EINVAL);
    q.document_id = NULL;
    q.k = 0;
    assert_int_equal(zx_similar_search(ix, f->st, &q, &bad, &err), ZX_EINVAL);
    assert_null(bad);
    zx_similar_free(ix);
}

/* the ranking ignores charges and sentences: emptying them changes no result or score */
static void test_charges_play_no_part(void **state)
{
    struct fixture *f = *state;
    struct zx_ingest_report rep;
    import(f, &rep);
    struct zx_similar_result *a = search(f, "J3", NULL, NULL, NULL, 0, 10);
    write_bundle(f->bundle, DOC_HEAD
                 "J1,A1,judgment,,,,,2024-05-01,2000,,被告人甲某入户盗窃，窃得金银首饰，价值人民币"
                 "五千元。\n"
                 "J2,,judgment,,,,,,,,被告人乙某在公交车上扒窃手机一部，又入户盗窃金银首饰。\n"
                 "J3,,judgment,,,,,,,,被告人丙某入户盗窃金银首饰及现金，另冒充客服骗取钱款。\n"
                 "J4,,judgment,,,,,,,,被告人丁某醉酒驾驶机动车，血液中乙醇含量为一百五十毫克。\n"
                 "J5,,judgment,,,,,,,,被告人戊某酒后驾驶小型轿车，经检验血液中乙醇含量超标，属醉"
                 "酒驾驶。\n"
                 "J6,,indictment,,,,,,,,被告人己某冒充客服人员，虚构事实骗取被害人钱款。\n");
    import(f, &rep);
    assert_int_equal(rep.files[ZX_T_DOCUMENTS].updated, 6);
    struct zx_similar_result *b = search(f, "J3", NULL, NULL, NULL, 0, 10);
    assert_int_equal(a->nhits, b->nhits);
    for (int i = 0; i < a->nhits; i++) {
        assert_string_equal(a->hits[i].document_id, b->hits[i].document_id);
        assert_true(a->hits[i].score == b->hits[i].score);
    }
    assert_null(b->charge);
    assert_int_equal(b->n, 0);
    zx_similar_result_free(a);
    zx_similar_result_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_quantile),
        cmocka_unit_test(test_choose_charge),
        cmocka_unit_test_setup_teardown(test_import_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_charges_play_no_part, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
