/* test_csv.c — the RFC 4180 reader: quotes, embedded newlines, BOM, CRLF, ragged and broken
 * records, and the writer's quoting. */
#include "../zx_test.h"

#include "util/csv.h"

struct rec {
    long line;
    int bad;
    size_t n;
    char f[8][64];
    char raw[128];
};

/* Read all records of text into out (at most 8). Returns the count. */
static int read_all(const char *text, size_t len, struct rec *out)
{
    struct zx_csv *c = zx_csv_new(text, len);
    struct zx_csv_row r;
    int n = 0;
    assert_non_null(c);
    while (zx_csv_next(c, &r) == 1) {
        assert_true(n < 8);
        out[n].line = r.line;
        out[n].bad = r.bad;
        out[n].n = r.nfields;
        for (size_t i = 0; i < r.nfields && i < 8; i++)
            snprintf(out[n].f[i], 64, "%.*s", (int)r.f[i].len, r.f[i].p);
        snprintf(out[n].raw, 128, "%.*s", (int)r.raw_len, r.raw);
        n++;
    }
    zx_csv_free(c);
    return n;
}

static void test_plain_and_crlf(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "a,b,c\r\n1,,3\r\n";
    assert_int_equal(read_all(t, strlen(t), r), 2);
    assert_int_equal(r[1].n, 3);
    assert_string_equal(r[1].f[0], "1");
    assert_string_equal(r[1].f[1], "");
    assert_string_equal(r[1].f[2], "3");
    assert_string_equal(r[1].raw, "1,,3");
    assert_int_equal(r[1].line, 2);
}

static void test_bom_quotes_and_embedded_newline(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "\xef\xbb\xbfid,note\n"
                    "1,\"a, \"\"quoted\"\"\nsecond line\"\n"
                    "2,last";
    assert_int_equal(read_all(t, strlen(t), r), 3);
    assert_string_equal(r[0].f[0], "id"); /* BOM skipped */
    assert_string_equal(r[1].f[1], "a, \"quoted\"\nsecond line");
    assert_int_equal(r[1].line, 2);
    assert_int_equal(r[2].line, 4); /* the embedded newline counted */
    assert_string_equal(r[2].f[1], "last");
}

static void test_blank_lines_skipped_and_counted(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "a\n\n\nb\n";
    assert_int_equal(read_all(t, strlen(t), r), 2);
    assert_int_equal(r[1].line, 4);
}

static void test_broken_records_resynchronise(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "a,b\n"
                    "x\"y,1\n"   /* quote in unquoted field */
                    "\"q\"z,2\n" /* text after closing quote */
                    "ok,3\n"
                    "\"open,4\n"; /* unterminated */
    assert_int_equal(read_all(t, strlen(t), r), 5);
    assert_true(r[1].bad);
    assert_string_equal(r[1].raw, "x\"y,1");
    assert_true(r[2].bad);
    assert_false(r[3].bad);
    assert_string_equal(r[3].f[0], "ok");
    assert_int_equal(r[3].line, 4);
    assert_true(r[4].bad);
    assert_string_equal(r[4].raw, "\"open,4");
}

static void test_ragged_rows_reported_as_counts(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "a,b,c\n1,2\n1,2,3,4\n";
    assert_int_equal(read_all(t, strlen(t), r), 3);
    assert_int_equal(r[1].n, 2);
    assert_int_equal(r[2].n, 4);
}

static void test_no_trailing_newline_and_empty_last_field(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "a,b\n1,";
    assert_int_equal(read_all(t, strlen(t), r), 2);
    assert_int_equal(r[1].n, 2);
    assert_string_equal(r[1].f[1], "");
}

static void test_empty_quoted_fields(void **state)
{
    (void)state;
    struct rec r[8];
    const char *t = "\"\",\"\"\"\"\n"; /* "","""" */
    assert_int_equal(read_all(t, strlen(t), r), 1);
    assert_int_equal(r[0].n, 2);
    assert_string_equal(r[0].f[0], "");
    assert_string_equal(r[0].f[1], "\"");
}

static void test_writer_quotes_when_needed(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    zx_csv_puts(f, "plain");
    fputc(',', f);
    zx_csv_puts(f, "a,b");
    fputc(',', f);
    zx_csv_puts(f, "say \"hi\"\nbye");
    fclose(f);
    assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\nbye\"");
    /* and the reader gives back what was written */
    struct rec r[8];
    assert_int_equal(read_all(buf, len, r), 1);
    assert_string_equal(r[0].f[2], "say \"hi\"\nbye");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_crlf),
        cmocka_unit_test(test_bom_quotes_and_embedded_newline),
        cmocka_unit_test(test_blank_lines_skipped_and_counted),
        cmocka_unit_test(test_broken_records_resynchronise),
        cmocka_unit_test(test_ragged_rows_reported_as_counts),
        cmocka_unit_test(test_no_trailing_newline_and_empty_last_field),
        cmocka_unit_test(test_empty_quoted_fields),
        cmocka_unit_test(test_writer_quotes_when_needed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
