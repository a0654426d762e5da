/* cmd_collide.c — `zhixiao dedupe` and `zhixiao link`: record linkage (数据碰撞),
 * shared/spec/linkage.md. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "collide/collide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char about[] =
    "Finds the records of one person (数据碰撞): dedupe clusters the records of one file\n"
    "(id,cluster), link lists the matching pairs of two files (left_id,right_id,probability).\n"
    "KIND is one of id_number, name, given_name, surname, birth_date, postcode, phone,\n"
    "address, text, exact. Match probabilities come from a Fellegi–Sunter model estimated on\n"
    "the input itself (EM, no labels); the output does not depend on --threads.\n";
static const char about_zh[] =
    "数据碰撞：dedupe 把一个文件中同一人的记录归为一簇（id,cluster），link 列出两个文件间\n"
    "的匹配对（left_id,right_id,probability）。KIND 为 id_number、name、given_name、surname、\n"
    "birth_date、postcode、phone、address、text、exact 之一。匹配概率来自在输入数据上以 EM\n"
    "估计的 Fellegi–Sunter 模型（无需标注）；结果与 --threads 无关。\n";

static int parse_threshold(const char *val, void *ud, struct zx_err *err)
{
    char *end;
    double t = strtod(val, &end);
    if (end == val || *end || !(t >= 0 && t <= 1))
        return zx_err_set(err, ZX_EINVAL, "expected a number in [0, 1], got '%s'", val);
    *(double *)ud = t;
    return ZX_OK;
}

static int collide_main(int argc, char **argv, int link)
{
    const char *name = link ? "link" : "dedupe";
    const char *in = NULL, *right = NULL, *out = NULL, *id = NULL;
    struct zx_opt_list fields = {0};
    struct zx_collide_opts o;
    struct zx_collide_stats st;
    struct zx_err err = {0};
    char *colbuf[ZX_COLLIDE_MAX_FIELDS] = {0};
    int threads = 2, baseline = 0, rc = 2;

    zx_collide_opts_init(&o);
    const struct zx_opt opts[] = {
        {.arg = link ? "LEFT.csv" : "FILE.csv",
         .str = &in,
         .flags = ZX_OPT_REQUIRED,
         .help = link ? "the left file" : "the file",
         .help_zh = link ? "左文件" : "输入文件"},
        {.arg = "RIGHT.csv",
         .str = &right,
         .flags = link ? ZX_OPT_REQUIRED : ZX_OPT_HIDDEN,
         .help = "the right file",
         .help_zh = "右文件"},
        {.name = "id",
         .arg = "COL",
         .str = &id,
         .flags = ZX_OPT_REQUIRED,
         .help = "column of record ids, unique within a file",
         .help_zh = "记录编号列（文件内唯一）"},
        {.name = "field",
         .arg = "COL:KIND",
         .list = &fields,
         .flags = ZX_OPT_REQUIRED,
         .help = "a column to compare and its kind (repeatable, at most 16)",
         .help_zh = "参与比对的列及其类型（可重复，至多 16 个）"},
        {.name = "out",
         .arg = "FILE",
         .str = &out,
         .flags = ZX_OPT_REQUIRED,
         .help = link ? "the pairs: left_id,right_id,probability" : "the clusters: id,cluster",
         .help_zh = link ? "匹配对：left_id,right_id,probability" : "聚类结果：id,cluster"},
        {.name = "threshold",
         .arg = "P",
         .fn = parse_threshold,
         .ud = &o.threshold,
         .help = "pairs with a probability of at least P match (default 0.5)",
         .help_zh = "概率不低于 P 的记录对视为匹配（默认 0.5）"},
        {.name = "threads",
         .arg = "N",
         .num = &threads,
         .min = 1,
         .max = 16,
         .help = "worker threads (default 2)",
         .help_zh = "工作线程数（默认 2）"},
        {.name = "baseline",
         .flag = &baseline,
         .help = "plain Fellegi–Sunter on the same blocking, for comparison",
         .help_zh = "基线：普通 Fellegi–Sunter 模型（精确/Jaro–Winkler 分级，无词频调整）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {name, opts, about, about_zh};
    int pr = zx_opt_parse(&cmd, argc, argv);
    if (pr != ZX_OPT_GO)
        return pr;
    if (!link && right)
        return zx_opt_fail(&cmd, "unexpected argument '%s'", right);
    if (fields.n > ZX_COLLIDE_MAX_FIELDS)
        return zx_opt_fail(&cmd, "--field: at most %d", ZX_COLLIDE_MAX_FIELDS);
    o.id_column = id;
    o.threads = threads;
    o.baseline = baseline;
    for (int i = 0; i < fields.n; i++) {
        const char *v = fields.v[i], *colon = strrchr(v, ':');
        enum zx_collide_kind k;
        if (!colon || colon == v) {
            zx_opt_fail(&cmd, "--field: expected COL:KIND, got '%s'", v);
            goto cleanup;
        }
        if (zx_collide_kind_parse(colon + 1, &k)) {
            zx_opt_fail(&cmd,
                        "--field: unknown KIND '%s' in '%s' (id_number, name, given_name, "
                        "surname, birth_date, postcode, phone, address, text, exact)",
                        colon + 1, v);
            goto cleanup;
        }
        colbuf[i] = strndup(v, (size_t)(colon - v));
        if (!colbuf[i]) {
            zx_opt_fail(&cmd, "out of memory");
            goto cleanup;
        }
        o.fields[o.nfields].column = colbuf[i];
        o.fields[o.nfields++].kind = k;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = link ? zx_collide_link(in, right, out, &o, &st, &err)
                 : zx_collide_dedupe(in, out, &o, &st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (link)
        fprintf(stderr,
                "zhixiao link: %lld × %lld records, %lld candidate pairs (%d blocking rules), "
                "%lld matches, prior %.3g, %.2f s\n",
                st.records[0], st.records[1], st.candidates, st.rules, st.matches, st.prior, secs);
    else
        fprintf(stderr,
                "zhixiao dedupe: %lld records, %lld candidate pairs (%d blocking rules), %lld "
                "matches, %lld clusters, prior %.3g, %.2f s\n",
                st.records[0], st.candidates, st.rules, st.matches, st.clusters, st.prior, secs);
    rc = 0;
cleanup:
    for (int i = 0; i < ZX_COLLIDE_MAX_FIELDS; i++)
        free(colbuf[i]);
    return rc;
}

int cmd_dedupe(int argc, char **argv)
{
    return collide_main(argc, argv, 0);
}

int cmd_link(int argc, char **argv)
{
    return collide_main(argc, argv, 1);
}
