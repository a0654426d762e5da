/* test_cache.c — the review's columnar cache (<db>.zxexec) is a cache that never changes a
 * finding: a review from it equals a review from SQLite; after a new import it is stale and
 * not used; a damaged file is refused, the load falls back to SQLite and rewrites it. Whether
 * a load used the file is seen from its inode: every write is a rename of a new file. */
#include "../zx_test.h"

#include "execution/exec.h"
#include "gen/gen.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/date.h"

#include <sys/stat.h>

struct fx {
    char *dir;
    char db[1200], cache[1200], bundle[1200];
    struct zx_store *st;
    struct zx_exec_rules *rules;
};

static void import_dir(struct fx *f, const char *dir)
{
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    if (zx_ingest_bundle(f->st, dir, NULL, &rep, &err))
        fail_msg("import: %s", err.msg);
}

static struct fx *fx_new(void)
{
    struct fx *f = calloc(1, sizeof *f);
    struct zx_err err = {0};
    struct zx_gen_opts o;
    assert_non_null(f);
    f->dir = zx_test_tmpdir();
    snprintf(f->db, sizeof f->db, "%s/zx.db", f->dir);
    snprintf(f->cache, sizeof f->cache, "%s/zx.db.zxexec", f->dir);
    snprintf(f->bundle, sizeof f->bundle, "%s/b", f->dir);
    zx_gen_opts_init(&o);
    o.seed = 7;
    o.cases = 200;
    o.convicts = 3000;
    o.violations = 50;
    struct zx_gen_stats gs;
    if (zx_gen_bundle(f->bundle, &o, &gs, &err))
        fail_msg("generate: %s", err.msg);
    if (zx_store_open(f->db, &f->st, &err))
        fail_msg("open: %s", err.msg);
    import_dir(f, f->bundle);
    if (zx_exec_rules_load_default(&f->rules, NULL, &err))
        fail_msg("rules: %s", err.msg);
    setenv("ZHIXIAO_SNAPSHOT", "1", 1);
    return f;
}

static void fx_free(struct fx *f)
{
    zx_exec_rules_free(f->rules);
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f);
}

/* The findings of a review as text, one line each. Caller frees. */
struct buf {
    char *s;
    size_t len, cap;
};

static int collect(void *ud, const struct zx_exec_finding *fd)
{
    struct buf *b = ud;
    char line[512 + 2 * ZX_EXEC_TEXT_MAX], e[ZX_EXEC_TEXT_MAX], a[ZX_EXEC_TEXT_MAX];
    zx_msgv_render(&fd->expected, 0, e, sizeof e);
    zx_msgv_render(&fd->actual, 0, a, sizeof a);
    int n = snprintf(line, sizeof line, "%zu %ld %d %d %s %s | %s\n", fd->convict, fd->change,
                     (int)fd->cat, (int)fd->severity, fd->rule.id, e, a);
    assert_true(n > 0 && (size_t)n < sizeof line);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    memcpy(b->s + b->len, line, (size_t)n + 1);
    b->len += (size_t)n;
    return 0;
}

struct run {
    struct zx_exec_data d;
    struct buf findings;
};

/* Load the whole store (the cache when usable, as the environment says) and review it. */
static void run(struct fx *f, struct run *r)
{
    struct zx_err err = {0};
    zx_exec_data_init(&r->d);
    memset(&r->findings, 0, sizeof r->findings);
    if (zx_exec_data_load(f->st, NULL, &r->d, &err))
        fail_msg("load: %s", err.msg);
    assert_int_equal(
        zx_exec_review(f->rules, &r->d, ZX_DATE_NULL, ZX_DATE_NULL, collect, &r->findings), 0);
    if (!r->findings.s)
        r->findings.s = strdup("");
}

static void run_free(struct run *r)
{
    zx_exec_data_release(&r->d);
    free(r->findings.s);
}

/* Two loads hold the same arrays and give the same findings. */
static void assert_same(const struct run *a, const struct run *b)
{
    assert_int_equal(a->d.nconv, b->d.nconv);
    assert_int_equal(a->d.nchg, b->d.nchg);
    assert_memory_equal(a->d.first, b->d.first, (a->d.nconv + 1) * sizeof *a->d.first);
    for (size_t i = 0; i < a->d.nconv; i++) {
        const struct zx_exec_convict *x = &a->d.conv[i], *y = &b->d.conv[i];
        assert_true(x->key == y->key && x->kind == y->kind && x->flags == y->flags &&
                    x->term == y->term && x->start == y->start && x->pretrial == y->pretrial &&
                    x->birth == y->birth);
    }
    for (size_t i = 0; i < a->d.nchg; i++) {
        const struct zx_exec_change *x = &a->d.chg[i], *y = &b->d.chg[i];
        assert_true(x->key == y->key && x->kind == y->kind && x->merit == y->merit &&
                    x->new_kind == y->new_kind && x->ground == y->ground &&
                    x->proposed == y->proposed && x->ruled == y->ruled && x->served == y->served &&
                    x->red == y->red && x->new_term == y->new_term);
    }
    assert_string_equal(a->findings.s, b->findings.s);
}

/* A review straight from SQLite, the cache left alone. */
static void run_sqlite(struct fx *f, struct run *r)
{
    setenv("ZHIXIAO_SNAPSHOT", "0", 1);
    run(f, r);
    setenv("ZHIXIAO_SNAPSHOT", "1", 1);
}

static ino_t inode(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 0);
    return sb.st_ino;
}

static void test_cache_equals_sqlite(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct run sq, first, cached;
    run_sqlite(f, &sq);
    struct stat sb;
    assert_int_not_equal(stat(f->cache, &sb), 0); /* ZHIXIAO_SNAPSHOT=0 writes nothing */
    assert_true(sq.d.nconv >= 3000);
    assert_true(sq.findings.len > 0); /* the planted violations are found */
    run(f, &first);                   /* from SQLite; writes the cache */
    ino_t ino = inode(f->cache);
    run(f, &cached); /* from the cache */
    assert_true(inode(f->cache) == ino);
    assert_same(&sq, &first);
    assert_same(&sq, &cached);
    /* one convict is never read from the cache, and still works beside it */
    struct zx_exec_data one;
    struct zx_err err = {0};
    zx_exec_data_init(&one);
    assert_int_equal(zx_exec_data_load(f->st, "CV0000001", &one, &err), 0);
    assert_int_equal(one.nconv, 1);
    zx_exec_data_release(&one);
    run_free(&sq);
    run_free(&first);
    run_free(&cached);
    fx_free(f);
}

static void test_stale_after_import(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct run a, b, sq;
    run(f, &a); /* writes the cache */
    ino_t ino = inode(f->cache);
    /* a second import (the same organisation and cases again) adds a convict with a commutation one
     * year too early (JX2016 art. 6: a fixed term under 5 years waits one year): the cache must not
     * hide it */
    char more[1300];
    snprintf(more, sizeof more, "%s/more", f->dir);
    assert_int_equal(mkdir(more, 0755), 0);
    char cmd[4000];
    snprintf(cmd, sizeof cmd,
             "cd %s && cp units.csv staff.csv cases.csv persons.csv events.csv institutions.csv "
             "%s/",
             f->bundle, more);
    assert_int_equal(system(cmd), 0);
    zx_test_write(more, "convicts.csv",
                  "convict_id,person_id,name,id_number,birth_date,institution_id,charge,"
                  "sentence_kind,term_months,sentence_start,pretrial_days,recidivist,violent_list,"
                  "strict_category,duty_crime_2019,death_limited,property_unpaid\n"
                  "CVNEW1,,新犯,,1980-01-01,IN0001,盗窃罪,fixed,36,2020-03-15,0,0,0,0,0,0,0\n");
    zx_test_write(more, "sentence_changes.csv",
                  "change_id,convict_id,kind,proposed_on,ruled_on,served_on,merit,"
                  "reduction_months,new_term_months,new_sentence_kind,ground,note\n"
                  "SCNEW1,CVNEW1,commutation,2020-09-01,2020-09-20,2020-09-25,r,3,,,,\n");
    import_dir(f, more);
    run(f, &b); /* the key changed: from SQLite, and the cache is written again */
    assert_true(inode(f->cache) != ino);
    assert_int_equal(b.d.nconv, a.d.nconv + 1);
    assert_int_equal(b.d.nchg, a.d.nchg + 1);
    assert_true(b.findings.len > a.findings.len);
    run_sqlite(f, &sq);
    assert_same(&sq, &b);
    run_free(&a);
    run_free(&b);
    run_free(&sq);
    fx_free(f);
}

/* Overwrite n bytes at off with v. */
static void damage(const char *path, long off, int n, int v)
{
    FILE *s = fopen(path, "r+b");
    assert_non_null(s);
    assert_int_equal(fseek(s, off, SEEK_SET), 0);
    for (int i = 0; i < n; i++)
        fputc(v, s);
    assert_int_equal(fclose(s), 0);
}

static long file_size(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return (long)sb.st_size;
}

static void test_damaged_cache_refused(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    struct run sq, r;
    run_sqlite(f, &sq);
    run(f, &r); /* writes the cache */
    run_free(&r);
    long len = file_size(f->cache);
    assert_true(len > 4096);
    /* the middle of the file (the changes), the end (the last changes), one flipped bit in
     * the first column, the header, a truncation: each refused, each rewritten from SQLite */
    const long offs[] = {len / 2, len - 7, 2048, 8};
    const int flips[] = {0, 0x80, 0x01, 0x20};
    for (int k = 0; k < 5; k++) {
        ino_t ino = inode(f->cache);
        if (k == 0) {
            damage(f->cache, offs[k], 256, 0xff);
        } else if (k < 4) {
            FILE *s = fopen(f->cache, "rb");
            assert_non_null(s);
            assert_int_equal(fseek(s, offs[k], SEEK_SET), 0);
            int was = fgetc(s);
            fclose(s);
            damage(f->cache, offs[k], 1, was ^ flips[k]);
        } else {
            assert_int_equal(truncate(f->cache, len / 3), 0);
        }
        run(f, &r);
        assert_same(&sq, &r);
        run_free(&r);
        assert_true(inode(f->cache) != ino);
        assert_int_equal(file_size(f->cache), len);
    }
    /* and the rewritten file is used again */
    ino_t ino = inode(f->cache);
    run(f, &r);
    assert_same(&sq, &r);
    assert_true(inode(f->cache) == ino);
    run_free(&r);
    run_free(&sq);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_equals_sqlite),
        cmocka_unit_test(test_stale_after_import),
        cmocka_unit_test(test_damaged_cache_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
