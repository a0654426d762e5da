/* test_msg.c — the message table: every message has both languages, and the Chinese form
 * takes the same printf arguments as the English one (same types in the same argument
 * positions, "%2$s" forms included), so a translation can never crash a printf. Messages with
 * parameters (struct zx_msgv: the 减假暂 findings) render in both languages; the rows the API
 * names have unique keys; errors set from the table carry both languages. */
#include "../zx_test.h"

#include <stdarg.h>

#include "util/err.h"
#include "util/msg.h"

#include <ctype.h>

/* The argument types of format f, by position: types[i] is e.g. "s", "d", "ld", "zu", "lld". */
static int arg_types(const char *f, char types[16][8])
{
    int n = 0, next = 0;
    memset(types, 0, 16 * 8);
    for (const char *p = f; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        int pos = -1;
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (*q == '$' && q > p) {
            pos = atoi(p) - 1;
            p = q + 1;
        }
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p && (isdigit((unsigned char)*p) || *p == '.' || *p == '*'))
            p++;
        char t[8] = {0};
        size_t k = 0;
        while (*p && strchr("hlzjt", *p) && k < 6)
            t[k++] = *p++;
        t[k] = *p;
        if (pos < 0)
            pos = next++;
        assert_true(pos >= 0 && pos < 16);
        memcpy(types[pos], t, sizeof t);
        if (pos + 1 > n)
            n = pos + 1;
        if (!*p)
            break;
    }
    return n;
}

static void test_both_languages_same_arguments(void **state)
{
    (void)state;
    for (int id = ZX_M_NONE + 1; id < ZX_M_COUNT_; id++) {
        zx_msg_set_chinese(1);
        const char *zh = zx_msg((enum zx_msg_id)id);
        const char *en = zx_msg_en((enum zx_msg_id)id);
        zx_msg_set_chinese(0);
        assert_non_null(zh);
        assert_non_null(en);
        if (!*en || !*zh)
            fail_msg("message %d has an empty form", id);
        assert_string_equal(zx_msg((enum zx_msg_id)id), en);
        char te[16][8], tz[16][8];
        int ne = arg_types(en, te), nz = arg_types(zh, tz);
        if (ne != nz)
            fail_msg("message %d: %d arguments in English, %d in Chinese (%s | %s)", id, ne, nz, en,
                     zh);
        for (int i = 0; i < ne; i++)
            if (strcmp(te[i], tz[i]))
                fail_msg("message %d argument %d: %%%s in English, %%%s in Chinese", id, i + 1,
                         te[i], tz[i]);
    }
}

static void test_language_from_environment(void **state)
{
    (void)state;
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "zh_CN.UTF-8", 1);
    zx_msg_init();
    assert_true(zx_msg_chinese());
    setenv("LC_ALL", "C.UTF-8", 1); /* LC_ALL wins, as with gettext */
    zx_msg_init();
    assert_false(zx_msg_chinese());
    assert_string_equal(zx_msg(ZX_M_OPT_OPTIONS), "options:");
}

/* Every row from the findings on leaves the program: each has a key, none twice. */
static void test_keys(void **state)
{
    (void)state;
    assert_null(zx_msg_key(ZX_M_NONE));
    assert_null(zx_msg_key(ZX_M_OPT_OPTIONS));
    for (int id = ZX_M_EX_START; id < ZX_M_COUNT_; id++) {
        const char *k = zx_msg_key((enum zx_msg_id)id);
        if (!k || !strchr(k, '.'))
            fail_msg("message %d (%s) has no key", id, zx_msg_en((enum zx_msg_id)id));
        for (int j = ZX_M_EX_START; j < id; j++)
            if (!strcmp(k, zx_msg_key((enum zx_msg_id)j)))
                fail_msg("key %s twice (%d, %d)", k, j, id);
    }
    assert_string_equal(zx_msg_key(ZX_M_EX_DUE_LIMIT), "exec.due_limit");
    assert_null(zx_msg_key(ZX_M_COUNT_));
}

/* Finding rows take only %N$s (rendered by zx_msgv_render, not printf), numbered from 1
 * without a gap, the same set in both languages. */
static void test_finding_rows_parameters(void **state)
{
    (void)state;
    for (int id = ZX_M_EX_START; id <= ZX_M_EX_NEAR_EARLIEST; id++)
        for (int zh = 0; zh < 2; zh++) {
            const char *f = zx_msg_lang((enum zx_msg_id)id, zh);
            int used = 0;
            for (const char *p = strchr(f, '%'); p; p = strchr(p + 1, '%')) {
                if (p[1] == '%') {
                    p++;
                    continue;
                }
                if (!(p[1] >= '1' && p[1] <= '0' + ZX_MSGV_ARGS && p[2] == '$' && p[3] == 's'))
                    fail_msg("message %d (%s): only %%N$s", id, f);
                used |= 1 << (p[1] - '1');
            }
            if (used & (used + 1))
                fail_msg("message %d (%s): parameters with a gap", id, f);
        }
}

static void test_msgv_render(void **state)
{
    (void)state;
    struct zx_msgv m;
    char buf[256];
    zx_msgv_init(&m, ZX_M_EX_DUE_LIMIT_WHY);
    zx_msgv_value(&m, "2018-01-10");
    zx_msgv_term(&m, ZX_M_EX_START);
    zx_msgv_int(&m, 36);
    zx_msgv_value(&m, "2015-01-10");
    zx_msgv_text(&m, "重大立功：法无明文");
    zx_msgv_text(&m, "法释〔2016〕23号 第八条第三款");
    assert_int_equal(m.n, 6);
    size_t n = zx_msgv_render(&m, 0, buf, sizeof buf);
    assert_string_equal(buf, "≥ 2018-01-10 (start: 36 months after 2015-01-10); 重大立功：法无明文 "
                             "(法释〔2016〕23号 第八条第三款)");
    assert_int_equal(n, strlen(buf));
    zx_msgv_render(&m, 1, buf, sizeof buf);
    assert_string_equal(buf, "不早于 2018-01-10（起始时间：2015-01-10 后 36 个月）；"
                             "重大立功：法无明文（法释〔2016〕23号 第八条第三款）");
    assert_string_equal(zx_msgv_param(&m, 1, 1), "起始时间");
    assert_string_equal(zx_msgv_param(&m, 1, 0), "start");
    assert_string_equal(zx_msgv_param(&m, 2, 1), "36");
    assert_string_equal(zx_msgv_param(&m, 6, 1), "");
    assert_string_equal(zx_msgv_param(&m, -1, 0), "");
    /* a seventh parameter is dropped, not written past the array */
    zx_msgv_int(&m, 7);
    assert_int_equal(m.n, ZX_MSGV_ARGS);

    /* a short buffer: cut, terminated, and the length the whole text needs returned */
    zx_msgv_init(&m, ZX_M_EX_NEAR_EARLIEST);
    zx_msgv_int(&m, 3);
    zx_msgv_int(&m, 4);
    zx_msgv_int(&m, -7);
    char small[8];
    n = zx_msgv_render(&m, 0, small, sizeof small);
    assert_string_equal(small, "3 of 4 ");
    zx_msgv_render(&m, 0, buf, sizeof buf);
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "3 of 4 proposals within ±-7 days of the earliest day");
    zx_msgv_render(&m, 1, buf, sizeof buf);
    assert_string_equal(buf, "4 次报请中 3 次在最早可报请日前后 -7 日内");
    assert_int_equal(zx_msgv_render(&m, 1, NULL, 0), strlen(buf));

    /* a missing parameter renders empty; a long value is cut to the slot */
    zx_msgv_init(&m, ZX_M_EX_RELEASE);
    zx_msgv_render(&m, 1, buf, sizeof buf);
    assert_string_equal(buf, "释放日 ");
    zx_msgv_value(&m, "0123456789012345678901234");
    zx_msgv_render(&m, 0, buf, sizeof buf);
    assert_string_equal(buf, "release 0123456789012345678");
    /* a term without parameters */
    zx_msgv_init(&m, ZX_M_EX_SELF_CARE);
    zx_msgv_render(&m, 1, buf, sizeof buf);
    assert_string_equal(buf, "生活不能自理");
}

static void test_err_setm(void **state)
{
    (void)state;
    struct zx_err e = {0};
    assert_int_equal(e.id, ZX_M_NONE);
    assert_int_equal(zx_err_setm(&e, ZX_EINVAL, ZX_M_Q_EXCELLENT_FLAWS, 2), ZX_EINVAL);
    assert_int_equal(e.rc, ZX_EINVAL);
    assert_int_equal(e.id, ZX_M_Q_EXCELLENT_FLAWS);
    assert_string_equal(e.msg,
                        "优质 may be proposed only for a case without flaw or error (2 flaws)");
    assert_string_equal(e.zh, "只有无瑕疵、无错误的案件才能提名优质（本案认定瑕疵或错误 2 处）");
    assert_int_equal(zx_err_setm(&e, ZX_EINVAL, ZX_M_Q_UNKNOWN_SITUATION, "1.2", "X9"), ZX_EINVAL);
    assert_string_equal(e.msg, "item '1.2': unknown flaw situation 'X9'");
    assert_string_equal(e.zh, "评查项“1.2”：没有瑕疵情形“X9”");
    /* a plain error forgets the previous message's id and Chinese */
    zx_err_set(&e, ZX_EIO, "disk full");
    assert_int_equal(e.id, ZX_M_NONE);
    assert_string_equal(e.zh, "");
    zx_err_setm(&e, ZX_ENOMEM, ZX_M_ERR_OOM);
    zx_err_clear(&e);
    assert_int_equal(e.rc, ZX_OK);
    assert_int_equal(e.id, ZX_M_NONE);
    assert_string_equal(e.msg, "");
    assert_string_equal(e.zh, "");
    assert_int_equal(zx_err_setm(NULL, ZX_EINVAL, ZX_M_Q_NO_DATE), ZX_EINVAL);
    /* what the CLI prints: the Chinese in Chinese when there is one, else the English */
    zx_err_setm(&e, ZX_ENOTFOUND, ZX_M_NF_UNIT, "U1");
    zx_msg_set_chinese(1);
    assert_string_equal(zx_err_text(&e), "没有单位“U1”");
    zx_msg_set_chinese(0);
    assert_string_equal(zx_err_text(&e), "no unit 'U1'");
    zx_err_set(&e, ZX_EIO, "disk full");
    zx_msg_set_chinese(1);
    assert_string_equal(zx_err_text(&e), "disk full");
    zx_msg_set_chinese(0);
    assert_string_equal(zx_err_text(NULL), "");
}

/* Per argument position of f: 1 when printed, 2 when hidden ("%N$.0s", an argument only the
 * other language shows). */
static void shown(const char *f, int out[16])
{
    memset(out, 0, 16 * sizeof *out);
    int next = 0;
    for (const char *p = strchr(f, '%'); p; p = strchr(p + 1, '%')) {
        if (p[1] == '%') {
            p++;
            continue;
        }
        int pos = next++;
        const char *q = p + 1;
        while (isdigit((unsigned char)*q))
            q++;
        if (*q == '$')
            pos = atoi(p + 1) - 1;
        assert_true(pos >= 0 && pos < 16);
        out[pos] |= strstr(q, ".0s") == q + (*q == '$') ? 2 : 1;
    }
}

/* A hidden argument is shown by the other language: no argument is lost in both. */
static void test_hidden_arguments_shown_once(void **state)
{
    (void)state;
    for (int id = ZX_M_NONE + 1; id < ZX_M_COUNT_; id++) {
        int e[16], z[16];
        shown(zx_msg_lang((enum zx_msg_id)id, 0), e);
        shown(zx_msg_lang((enum zx_msg_id)id, 1), z);
        for (int i = 0; i < 16; i++)
            if (((e[i] | z[i]) & 2) && !((e[i] | z[i]) & 1))
                fail_msg("message %d (%s): argument %d shown in neither language", id,
                         zx_msg_en((enum zx_msg_id)id), i + 1);
    }
}

/* The converted library errors: English as the code printed it before, byte for byte (the CLI
 * and the tests read it), and Chinese with the labels in place of the English codes. */
static void test_err_setm_codes_and_labels(void **state)
{
    (void)state;
    struct zx_err e = {0};
    zx_err_setm(&e, ZX_EINVAL, ZX_M_CB_NOT_ALLOWED, "submit", "TC-1", "cultivating", "培育",
                "提交审查");
    assert_string_equal(e.msg, "submit: not allowed while candidate TC-1 is cultivating (培育)");
    assert_string_equal(e.zh, "典型案例候选 TC-1 当前为“培育”状态，不能进行“提交审查”");
    zx_err_setm(&e, ZX_ELIMIT, ZX_M_CB_TOO_LONG, "facts (基本案情)", (size_t)4095, "基本案情");
    assert_string_equal(e.msg, "facts (基本案情): longer than 4095 bytes");
    assert_string_equal(e.zh, "基本案情超过 4095 字节");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_CB_WRITEUP, "submit", "legal basis (法律依据)", "提交审查",
                "法律依据");
    assert_string_equal(e.msg, "submit: the write-up lacks its legal basis (法律依据)");
    assert_string_equal(e.zh, "案例文稿缺少法律依据，不能进行“提交审查”");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_LEAD_CANNOT_VERIFY, "XS-7", "new", "待分派");
    assert_string_equal(e.msg, "lead XS-7 is new: cannot verify (assign it first)");
    assert_string_equal(e.zh, "线索 XS-7 当前为“待分派”状态，须先分派才能核查");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_GOV_WRONG_STATUS, "JJ-1", "draft", "草稿", "issued",
                "已发出待回复");
    assert_string_equal(e.msg, "suggestion JJ-1 is draft (草稿), not issued");
    assert_string_equal(e.zh, "检察建议 JJ-1 当前为“草稿”，不是“已发出待回复”");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_GOV_SUIT_NOT_PRE, "JJ-2", "trial", "审判违法");
    assert_string_equal(
        e.msg,
        "only a 诉前 (pre_litigation) suggestion leads to a public-interest suit; JJ-2 is trial");
    assert_string_equal(e.zh, "只有诉前检察建议才能提起公益诉讼；JJ-2 的类别为“审判违法”");
    zx_err_setm(&e, ZX_ENOTFOUND, ZX_M_MN_NO_ITEM_PERSON, "prosecution", "C1", "P2", "审查起诉");
    assert_string_equal(e.msg, "no prosecution item of case C1 person P2");
    assert_string_equal(e.zh, "案件 C1 人员 P2 没有审查起诉事项");
    zx_err_setm(&e, ZX_ENOTFOUND, ZX_M_MN_NO_ITEM, "prosecution", "C1", "审查起诉");
    assert_string_equal(e.msg, "no prosecution item of case C1");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_IN_BAD_RESULT, "adopted", "oral", zx_msg_lang(ZX_M_T_ORAL, 1));
    assert_string_equal(e.msg, "result 'adopted' does not answer a oral");
    assert_string_equal(e.zh, "回复结果“adopted”不适用于口头纠正意见");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_RS_NOT_ITEM, "X1", zx_msg_en(ZX_M_T_DETENTION_HOUSE),
                zx_msg_lang(ZX_M_T_DETENTION_HOUSE, 1));
    assert_string_equal(e.msg, "'X1' is not an item of the detention-house checklist");
    assert_string_equal(e.zh, "“X1”不是看守所检察事项清单中的事项");
    zx_err_setm(&e, ZX_EINVAL, ZX_M_QP_RATIO, 1.5);
    assert_string_equal(e.msg, "常规抽查 needs a ratio in (0, 1], not 1.5");
    assert_string_equal(zx_msg_key(e.id), "plan.ratio");
    zx_err_setm(&e, ZX_ENOTFOUND, ZX_M_NF_CASE, "A-1");
    assert_string_equal(e.msg, "no case 'A-1'");
    assert_string_equal(e.zh, "没有案件“A-1”");
}

static void fmt2(char *en, size_t ne, char *zh, size_t nz, enum zx_msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    zx_msg_vformat2(id, en, ne, zh, nz, ap);
    va_end(ap);
}

/* A message kept in both languages: formatted from one set of arguments, packed in one
 * allocation and read back in either, whatever the current language. */
static void test_msg2(void **state)
{
    (void)state;
    struct zx_msg2 m;
    zx_msg_set_chinese(1);
    zx_msg2_set(&m, ZX_M_FIELD_COUNT, (size_t)4, (size_t)5);
    zx_msg_set_chinese(0);
    assert_string_equal(m.en, "expected 4 fields, found 5");
    assert_string_equal(m.zh, "应有4个字段，实有5个");
    char *p = zx_msg2_pack(m.en, m.zh);
    assert_non_null(p);
    assert_string_equal(p, m.en);
    assert_string_equal(zx_msg2_zh(p), m.zh);
    free(p);
    p = zx_msg2_pack("", "");
    assert_non_null(p);
    assert_string_equal(zx_msg2_zh(p), "");
    free(p);
    /* a text cut to its buffer stays whole characters: the Chinese is never left with half
     * of one (it would not be valid UTF-8 in a JSON answer) */
    char en[8], zh[9];
    fmt2(en, sizeof en, zh, sizeof zh, ZX_M_FIELD_COUNT, (size_t)4, (size_t)5);
    assert_string_equal(en, "expecte");
    assert_string_equal(zh, "应有4"); /* 7 bytes; vsnprintf left 1 of 个's 3 after them */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_languages_same_arguments),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_finding_rows_parameters),
        cmocka_unit_test(test_msgv_render),
        cmocka_unit_test(test_err_setm),
        cmocka_unit_test(test_hidden_arguments_shown_once),
        cmocka_unit_test(test_err_setm_codes_and_labels),
        cmocka_unit_test(test_language_from_environment),
        cmocka_unit_test(test_msg2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
