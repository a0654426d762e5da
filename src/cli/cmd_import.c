/* cmd_import.c — `zhixiao import BUNDLE --db FILE [--rejects FILE] [--quiet]`. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "ingest/ingest.h"
#include "similar/similar.h"
#include "store/store.h"
#include "util/msg.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "Import a case-data bundle (a folder of CSV files, shared/spec/case-data.md)\n"
    "into the database FILE, created if needed. The import is one transaction.\n"
    "Rejected and warned rows are listed in the rejects file (default:\n"
    "BUNDLE-NAME.rejects.csv in the current folder) and kept in the database.\n"
    "\n"
    "exit status: 0 every row imported, 1 some rows rejected,\n"
    "             2 usage or structural error (nothing imported)\n";
static const char about_zh[] =
    "将案件数据包（CSV 文件夹，见 shared/spec/case-data.md）导入数据库 FILE，\n"
    "数据库不存在时新建。导入在一个事务中完成。拒收和有警告的行列入拒收\n"
    "明细文件（默认为当前文件夹下的 数据包名.rejects.csv），并保存在数据库中。\n"
    "\n"
    "退出状态：0 全部导入，1 有拒收行，2 用法或结构错误（未导入任何数据）\n";

static void print_report(const struct zx_ingest_report *rep, const char *rejects)
{
    printf(zx_msg(ZX_M_SUMMARY_HEAD), zx_msg(ZX_M_SUMMARY_COL_FILE), zx_msg(ZX_M_SUMMARY_COL_READ),
           zx_msg(ZX_M_SUMMARY_COL_INSERTED), zx_msg(ZX_M_SUMMARY_COL_UPDATED),
           zx_msg(ZX_M_SUMMARY_COL_UNCHANGED), zx_msg(ZX_M_SUMMARY_COL_WARNED),
           zx_msg(ZX_M_SUMMARY_COL_REJECTED));
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
    printf(zx_msg(ZX_M_SUMMARY_SPEED), rep->warned, rep->seconds,
           rep->seconds > 0 ? (double)rep->read / rep->seconds : 0.0);
    if (rejects && rep->issues)
        printf(zx_msg(ZX_M_SUMMARY_REJECTS_FILE), rejects);
}

int cmd_import(int argc, char **argv)
{
    const char *bundle = NULL, *db = NULL, *rejects = NULL;
    char defrej[4200];
    int quiet = 0;
    const struct zx_opt opts[] = {
        {.arg = "BUNDLE",
         .str = &bundle,
         .flags = ZX_OPT_REQUIRED,
         .help = "the bundle folder",
         .help_zh = "数据包文件夹"},
        ZX_OPT_DB(&db),
        {.name = "rejects",
         .arg = "FILE",
         .str = &rejects,
         .help = "where to list rejected and warned rows",
         .help_zh = "拒收与警告明细文件"},
        {.name = "quiet",
         .flag = &quiet,
         .help = "no summary, no progress",
         .help_zh = "不输出汇总和进度"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"import", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (!rejects) {
        /* BUNDLE-NAME.rejects.csv: the bundle's last path component */
        /* cppcheck-suppress nullPointer ; BUNDLE is required: the parser set it */
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
    struct zx_ingest_opts iopts = {rejects, !quiet && isatty(2)};
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    rc = zx_ingest_bundle(st, bundle, &iopts, &rep, &err);
    /* the similar-case index is a cache: build it now so that the first query is fast; a
     * failure here loses nothing (the query builds it) */
    struct zx_err serr = {0};
    if (!rc && zx_similar_refresh(st, &serr))
        fprintf(stderr, "zhixiao import: similar-case index: %s\n", serr.msg);
    zx_store_close(st);
    if (rc) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        fprintf(stderr, "%s\n", zx_msg(ZX_M_IMPORT_NOTHING));
        return 2;
    }
    if (!quiet)
        print_report(&rep, rejects);
    return rep.rejected ? 1 : 0;
}
