/* cmd_import.c — `zhixiao import BUNDLE --db FILE [--rejects FILE] [--quiet]`. */
#include "cli/cli.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/msg.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao import BUNDLE --db FILE [--rejects FILE] [--quiet]\n"
               "\n"
               "Import a case-data bundle (a folder of CSV files, shared/spec/case-data.md)\n"
               "into the database FILE, created if needed. The import is one transaction.\n"
               "Rejected and warned rows are listed in the rejects file (default:\n"
               "BUNDLE-NAME.rejects.csv in the current folder) and kept in the database.\n"
               "\n"
               "exit status: 0 every row imported, 1 some rows rejected,\n"
               "             2 usage or structural error (nothing imported)\n");
}

static void print_report(const struct zx_ingest_report *rep, const char *rejects)
{
    const int zh = zx_msg_chinese();
    printf(zx_msg(ZX_M_SUMMARY_HEAD), zh ? "文件" : "file", zh ? "读取" : "read",
           zh ? "新增" : "inserted", zh ? "更新" : "updated", zh ? "未变" : "unchanged",
           zh ? "有警告" : "warned", zh ? "拒收" : "rejected");
    putchar('\n');
    for (int t = 0; t < ZX_T_COUNT_; t++) {
        const struct zx_ingest_file_report *f = &rep->files[t];
        if (!f->present)
            continue;
        printf("%-22s %10ld %10ld %10ld %10ld %10ld %10ld\n", f->file, f->read, f->inserted,
               f->updated, f->unchanged, f->warned, f->rejected);
    }
    printf(zx_msg(ZX_M_SUMMARY_TOTAL), (long long)rep->read, (long long)rep->imported,
           (long long)rep->rejected);
    printf(zh ? "（其中 %ld 行有警告）  用时 %.2f 秒  %.0f 行/秒\n"
              : " (%ld imported with warnings)  %.2f s  %.0f rows/s\n",
           rep->warned, rep->seconds, rep->seconds > 0 ? (double)rep->read / rep->seconds : 0.0);
    if (rejects && rep->issues)
        printf(zh ? "拒收与警告明细：%s\n" : "rejected and warned rows: %s\n", rejects);
}

int cmd_import(int argc, char **argv)
{
    const char *bundle = NULL, *db = NULL, *rejects = NULL;
    char defrej[4200];
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strcmp(argv[i], "--rejects") && i + 1 < argc) {
            rejects = argv[++i];
        } else if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] != '-' && !bundle) {
            bundle = argv[i];
        } else {
            fprintf(stderr, "zhixiao import: unexpected argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (!bundle || !db) {
        usage(stderr);
        return 2;
    }
    if (!rejects) {
        /* BUNDLE-NAME.rejects.csv: the bundle's last path component */
        size_t n = strlen(bundle);
        while (n > 1 && bundle[n - 1] == '/')
            n--;
        const char *b = bundle + n;
        while (b > bundle && b[-1] != '/')
            b--;
        snprintf(defrej, sizeof defrej, "%.*s.rejects.csv", (int)(bundle + n - b), b);
        rejects = defrej;
    }

    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    struct zx_ingest_opts opts = {rejects, !quiet && isatty(2)};
    if (zx_store_open(db, &st, &err)) {
        fprintf(stderr, "zhixiao import: %s\n", err.msg);
        return 2;
    }
    int rc = zx_ingest_bundle(st, bundle, &opts, &rep, &err);
    zx_store_close(st);
    if (rc) {
        fprintf(stderr, "zhixiao import: %s\n", err.msg);
        fprintf(stderr, zx_msg_chinese() ? "未导入任何数据。\n" : "nothing was imported\n");
        return 2;
    }
    if (!quiet)
        print_report(&rep, rejects);
    return rep.rejected ? 1 : 0;
}
