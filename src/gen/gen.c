/* gen.c — options, the run, and the atomic hand-over of the bundle folder. */
#include "gen/gen.h"
#include "gen/internal.h"
#include "util/date.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const file_names[ZX_GEN_FILE_COUNT_] = {
    "units.csv",           "staff.csv",
    "cases.csv",           "persons.csv",
    "events.csv",          "institutions.csv",
    "convicts.csv",        "sentence_changes.csv",
    "expected-issues.csv", "expected-findings.csv",
    "documents.csv",
};

const char *zx_gen_file_name(enum zx_gen_file f)
{
    return (unsigned)f < ZX_GEN_FILE_COUNT_ ? file_names[f] : NULL;
}

void zx_gen_opts_init(struct zx_gen_opts *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->cases = ZX_GEN_SCALE_DEMO;
    o->from = zx_date_from_ymd(2019, 1, 1);
    o->to = zx_date_from_ymd(2025, 12, 31);
    o->convicts = -1;
}

int zx_gen_parse_scale(const char *s, long long *cases, struct zx_err *err)
{
    if (!strcmp(s, "tiny"))
        *cases = ZX_GEN_SCALE_TINY;
    else if (!strcmp(s, "demo"))
        *cases = ZX_GEN_SCALE_DEMO;
    else if (!strcmp(s, "large"))
        *cases = ZX_GEN_SCALE_LARGE;
    else {
        char *end;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno || end == s || *end || v < 1 || v > ZX_GEN_MAX_CASES || s[0] < '0' || s[0] > '9')
            return zx_err_set(err, ZX_EINVAL,
                              "scale '%s' is not tiny, demo, large or a number of cases "
                              "(1..%lld)",
                              s, ZX_GEN_MAX_CASES);
        *cases = v;
    }
    return ZX_OK;
}

/* YYYY-MM-DD of every day from 1900 to 2100, built by counting, not by printf. */
static int build_dates(struct zx_gen *g)
{
    g->date_lo = zx_date_from_ymd(1900, 1, 1);
    g->date_hi = zx_date_from_ymd(2101, 1, 1);
    g->dates = malloc((size_t)(g->date_hi - g->date_lo) * 10);
    if (!g->dates)
        return -1;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char *p = g->dates;
    for (int y = 1900; y <= 2100; y++)
        for (int m = 1; m <= 12; m++) {
            int nd = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
            for (int d = 1; d <= nd; d++) {
                p[0] = (char)('0' + y / 1000);
                p[1] = (char)('0' + y / 100 % 10);
                p[2] = (char)('0' + y / 10 % 10);
                p[3] = (char)('0' + y % 10);
                p[4] = '-';
                p[5] = (char)('0' + m / 10);
                p[6] = (char)('0' + m % 10);
                p[7] = '-';
                p[8] = (char)('0' + d / 10);
                p[9] = (char)('0' + d % 10);
                p += 10;
            }
        }
    return 0;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Remove a folder this run created (or the old bundle it replaces), depth first. */
static void rm_tree(const char *path)
{
    nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 when dir exists, 0 when not; -1 (and err) when it is in the way. *empty tells which. */
static int check_target(const char *dir, int force, int *empty, struct zx_err *err)
{
    struct stat st;
    if (lstat(dir, &st) < 0) {
        if (errno == ENOENT)
            return 0;
        return zx_err_set(err, ZX_EIO, "cannot examine '%s': %s", dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return zx_err_set(err, ZX_EINVAL, "'%s' exists and is not a folder", dir);
    DIR *d = opendir(dir);
    if (!d)
        return zx_err_set(err, ZX_EIO, "cannot open '%s': %s", dir, strerror(errno));
    int n = 0, bundle = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        n++;
        bundle |= !strcmp(de->d_name, "units.csv");
    }
    closedir(d);
    *empty = n == 0;
    if (n && !force)
        return zx_err_set(err, ZX_EINVAL,
                          "'%s' exists and is not empty (--force replaces an earlier bundle)", dir);
    if (n && !bundle)
        return zx_err_set(err, ZX_EINVAL,
                          "refusing to replace '%s': it holds no units.csv, so it is no bundle",
                          dir);
    return 1;
}

static int cmp_issue(const void *a, const void *b)
{
    const struct zx_gen__issue *x = a, *y = b;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

static void write_manifest(struct zx_gen *g)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_MANIFEST];
    zx_gen__puts(o, "file,line,outcome,kind");
    zx_gen__eol(o);
    if (g->nissues)
        qsort(g->issues, g->nissues, sizeof *g->issues, cmp_issue);
    for (size_t i = 0; i < g->nissues; i++) {
        const struct zx_gen__issue *is = &g->issues[i];
        zx_gen__puts(o, file_names[is->file]);
        zx_gen__putc(o, ',');
        zx_gen__put_int(o, is->line);
        zx_gen__puts(o, is->warning ? ",warning," : ",rejected,");
        zx_gen__puts(o, zx_gen__variant_name(is->kind));
        zx_gen__eol(o);
    }
}

static void free_gen(struct zx_gen *g)
{
    free(g->doc_links);
    for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++) {
        if (g->out[f].fd >= 0)
            close(g->out[f].fd);
        free(g->out[f].buf);
    }
    zx_gen__org_free(g);
    free(g->case_seq);
    free(g->dates);
    free(g->bad);
    free(g->issues);
    free(g->findings);
    free(g);
}

int zx_gen_bundle(const char *dir, const struct zx_gen_opts *o, struct zx_gen_stats *st,
                  struct zx_err *err)
{
    int rc = ZX_OK, dirfd = -1, exists, empty = 0, made = 0;
    struct zx_gen *g = NULL;
    char *tmp = NULL, *old = NULL, *path = NULL;
    int y0, y1, m, d;

    if (st)
        memset(st, 0, sizeof *st);
    zx_date_to_ymd(o->from, &y0, &m, &d);
    zx_date_to_ymd(o->to, &y1, &m, &d);
    if (o->cases < 1 || o->cases > ZX_GEN_MAX_CASES)
        return zx_err_set(err, ZX_EINVAL, "cases must be 1..%lld", ZX_GEN_MAX_CASES);
    if (o->bad_rows < 0 || o->bad_rows > o->cases)
        return zx_err_set(err, ZX_EINVAL, "bad rows must be 0..%lld (the number of cases)",
                          o->cases);
    if (o->convicts < -1 || o->convicts > ZX_GEN_MAX_CONVICTS)
        return zx_err_set(err, ZX_EINVAL, "convicts must be 0..%lld", ZX_GEN_MAX_CONVICTS);
    if (o->documents < 0 || o->documents > ZX_GEN_MAX_DOCUMENTS)
        return zx_err_set(err, ZX_EINVAL, "documents must be 0..%lld", ZX_GEN_MAX_DOCUMENTS);
    if (o->violations < 0 || o->violations > 1000)
        return zx_err_set(err, ZX_EINVAL, "violations are a permille, 0..1000");
    if (o->from > o->to || y0 < 1990 || y1 > 2080)
        return zx_err_set(err, ZX_EINVAL, "the period must run forwards within 1990..2080");

    /* dir without trailing slashes, and the temporary sibling next to it */
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (n == 0)
        return zx_err_set(err, ZX_EINVAL, "empty output path");
    path = strndup(dir, n);
    tmp = malloc(n + 64);
    old = malloc(n + 64);
    g = calloc(1, sizeof *g);
    if (!path || !tmp || !old || !g) {
        free(g);
        g = NULL;
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++)
        g->out[f].fd = -1;
    {
        const char *slash = strrchr(path, '/');
        int plen = slash ? (int)(slash - path + 1) : 0;
        snprintf(tmp, n + 64, "%.*s.%s.tmp-%ld", plen, path, path + plen, (long)getpid());
        snprintf(old, n + 64, "%.*s.%s.old-%ld", plen, path, path + plen, (long)getpid());
    }
    exists = check_target(path, o->force, &empty, err);
    if (exists < 0) {
        rc = exists;
        goto cleanup;
    }
    if (mkdir(tmp, 0755) < 0) {
        rc = zx_err_set(err, ZX_EIO, "cannot create '%s': %s", tmp, strerror(errno));
        goto cleanup;
    }
    made = 1;
    dirfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        rc = zx_err_set(err, ZX_EIO, "cannot open '%s': %s", tmp, strerror(errno));
        goto cleanup;
    }
    for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++) {
        if (f == ZX_GEN_DOCUMENTS && !o->documents)
            continue;
        g->out[f].buf = malloc(ZX_GEN__OUT_BUF);
        g->out[f].fd = openat(dirfd, file_names[f], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (!g->out[f].buf || g->out[f].fd < 0) {
            rc = zx_err_set(err, g->out[f].buf ? ZX_EIO : ZX_ENOMEM, "cannot create %s/%s: %s", tmp,
                            file_names[f], strerror(errno));
            goto cleanup;
        }
    }

    g->o = *o;
    zx_gen__rng_seed(&g->rng, o->seed);
    zx_gen__rng_seed(&g->bad_rng, o->seed ^ 0x6a09e667f3bcc909ull);
    zx_gen__rng_seed(&g->exec_rng, o->seed ^ 0xbb67ae8584caa73bull);
    zx_gen__rng_seed(&g->trend_rng, o->seed ^ 0x3c6ef372fe94f82bull);
    g->first_year = y0;
    g->nyears = y1 - y0 + 1;
    if (build_dates(g) < 0) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    rc = zx_gen__org_build(g, err);
    if (rc)
        goto cleanup;
    g->case_seq = calloc((size_t)g->nunits * (size_t)g->nyears, sizeof *g->case_seq);
    if (!g->case_seq) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    rc = zx_gen__bad_plan(g, err);
    if (rc)
        goto cleanup;

    zx_gen__org_write(g);
    zx_gen__old_convicts_write(g, o->convicts >= 0 ? o->convicts : o->cases / 25 + 20);
    zx_gen__cases_write(g);
    write_manifest(g);
    zx_gen__findings_write(g);
    if (o->documents)
        zx_gen__documents_write(g);

    for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++) {
        struct zx_gen__out *out = &g->out[f];
        if (out->fd < 0)
            continue; /* a file not asked for */
        zx_gen__out_flush(out);
        if (!out->errnum && close(out->fd) < 0)
            out->errnum = errno;
        out->fd = -1;
        if (out->errnum) {
            rc = zx_err_set(err, out->errnum == ENOMEM ? ZX_ENOMEM : ZX_EIO,
                            "cannot write %s/%s: %s", tmp, file_names[f], strerror(out->errnum));
            goto cleanup;
        }
    }

    /* hand over: the new bundle appears whole or not at all */
    if (exists && empty && rmdir(path) < 0) {
        rc = zx_err_set(err, ZX_EIO, "cannot replace '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    if (exists && !empty && rename(path, old) < 0) {
        rc = zx_err_set(err, ZX_EIO, "cannot move '%s' aside: %s", path, strerror(errno));
        goto cleanup;
    }
    if (rename(tmp, path) < 0) {
        rc = zx_err_set(err, ZX_EIO, "cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
        if (exists && !empty)
            rename(old, path);
        goto cleanup;
    }
    made = 0;
    if (exists && !empty)
        rm_tree(old);

    if (st) {
        for (int f = 0; f < ZX_GEN_FILE_COUNT_; f++) {
            st->rows[f] = g->out[f].rows ? g->out[f].rows - 1 : 0;
            st->bytes += g->out[f].bytes;
        }
        st->violations = (long long)g->nfindings;
        for (size_t i = 0; i < g->nissues; i++) {
            if (g->issues[i].warning)
                st->warnings++;
            else
                st->rejected++;
        }
    }

cleanup:
    if (dirfd >= 0)
        close(dirfd);
    if (made)
        rm_tree(tmp);
    if (g)
        free_gen(g);
    free(path);
    free(tmp);
    free(old);
    return rc;
}
