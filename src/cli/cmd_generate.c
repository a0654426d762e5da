/* cmd_generate.c — `zhixiao generate`: write a synthetic province as a case-data bundle. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "gen/gen.h"
#include "util/date.h"
#include "util/msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char about[] =
    "Writes a deterministic synthetic province (澜江省: units, staff, cases, persons, events,\n"
    "institutions, convicts, sentence changes) as a case-data bundle in DIR. The same seed and\n"
    "scale give byte-identical files. --scale: tiny (300 cases), demo (30,000, the default),\n"
    "large (1,600,000 cases, over 10 million events) or a number of cases. --bad-rows N plants\n"
    "N bad rows of every kind, listed with their line numbers in DIR/expected-issues.csv\n"
    "(file,line,outcome,kind). --to is the last day of the period: later acts have not\n"
    "happened yet, so cases still running stay open. --convicts: convicts sentenced over the\n"
    "30 years before --to, with their whole 减刑/假释/暂予监外执行 histories (倒查; default:\n"
    "cases / 25 + 20 since 2000), e.g. --scale tiny --convicts 1000000 for the review\n"
    "benchmark. --violations P plants one rule violation in P per mille of the histories (all\n"
    "nine categories of review-sentences, in turn), listed in DIR/expected-findings.csv\n"
    "(change_id,convict_id,category); default 0: every history is clean. --documents N also\n"
    "writes documents.csv: N judgments, indictments and non-prosecution decisions with Chinese\n"
    "facts over 26 charges and sentences that follow the facts (类案检索, similar-cases.md);\n"
    "the first are linked to criminal cases of the bundle. --trends adds seasons to the\n"
    "charges and two planted waves (犯罪态势 研判 points: 诈骗罪 in one county in 2025-06..09,\n"
    "盗窃罪 in another in 2025-03..04); without it the output is unchanged.\n"
    "With --persons N --duplicates RATE it writes Chinese person records for record linkage\n"
    "(数据碰撞) instead, with realistic errors in the duplicates (id typos, 15-digit ids,\n"
    "同音字/形近字, date forms, full-width digits, missing values): DIR/persons.csv and\n"
    "DIR/truth.csv (rec_id,person); with --link, DIR/left.csv (every person), DIR/right.csv (a\n"
    "copy of RATE of them, the rest new people) and DIR/truth.csv (left_id,right_id).\n";
static const char about_zh[] =
    "在 DIR 生成一个确定的模拟省份（澜江省：单位、人员、案件、涉案人员、事件、监管场所、\n"
    "罪犯、刑罚变更）案件数据包。种子和规模相同则文件逐字节相同。--scale：tiny（300 件）、\n"
    "demo（30,000 件，默认）、large（1,600,000 件，逾一千万条事件）或案件数。--bad-rows N\n"
    "每类错误行各植入 N 行，行号列于 DIR/expected-issues.csv（file,line,outcome,kind）。\n"
    "--to 为期间末日：此后的诉讼行为尚未发生，未结案件保持未结。--convicts：--to 之前\n"
    "30 年内判刑的罪犯数，含其全部减刑/假释/暂予监外执行经历（倒查；默认自 2000 年起\n"
    "案件数/25+20），如 --scale tiny --convicts 1000000 用于审查基准测试。--violations P\n"
    "在千分之 P 的经历中各植入一处违规（依次覆盖 review-sentences 的九类），列于\n"
    "DIR/expected-findings.csv（change_id,convict_id,category）；默认 0：全部经历无违规。\n"
    "--documents N 另生成 documents.csv：N 份判决书、起诉书、不起诉决定书，含 26 种罪名的\n"
    "中文案情事实及与事实相应的刑罚（类案检索），前一部分关联到数据包中的刑事案件。\n"
    "--trends 使罪名呈季节变化，并植入两次案件激增（犯罪态势研判要点：2025 年 6–9 月某县\n"
    "诈骗罪、2025 年 3–4 月另一县盗窃罪）；不加此项则输出不变。\n"
    "给出 --persons N --duplicates RATE 时改为生成用于数据碰撞的中文人员记录，重复记录带有\n"
    "常见错误（身份证号笔误、15 位旧号、同音字/形近字、日期写法、全角数字、缺项）：\n"
    "DIR/persons.csv 与 DIR/truth.csv（rec_id,person）；加 --link 时生成 DIR/left.csv、\n"
    "DIR/right.csv 与 DIR/truth.csv（left_id,right_id）。\n";

/* --seed: an unsigned 64-bit number. */
/* --duplicates: a rate in [0, 1]. */
static int parse_rate(const char *v, void *ud, struct zx_err *err)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= 0 && d <= 1))
        return zx_err_set(err, ZX_EINVAL, "expected a rate in [0, 1], got '%s'", v);
    *(double *)ud = d;
    return ZX_OK;
}

static int parse_seed(const char *v, void *ud, struct zx_err *err)
{
    char *end;
    errno = 0;
    unsigned long long s = strtoull(v, &end, 10);
    if (errno || end == v || *end || v[0] < '0' || v[0] > '9')
        return zx_err_set(err, ZX_EINVAL, zx_msg(ZX_M_GEN_BAD_SEED), v);
    *(uint64_t *)ud = s;
    return ZX_OK;
}
int cmd_generate(int argc, char **argv)
{
    struct zx_gen_opts o;
    struct zx_gen_stats st;
    struct zx_err err;
    const char *out = NULL;
    const char *scale = "demo";
    struct zx_gen_persons_opts po = {1, 0, 0.1, 0};
    int datasets = 0;

    zx_gen_opts_init(&o);
    zx_err_clear(&err);
    const struct zx_opt opts[] = {
        {.name = "out",
         .arg = "DIR",
         .str = &out,
         .flags = ZX_OPT_REQUIRED,
         .help = "the bundle folder; written beside it and renamed into place",
         .help_zh = "数据包文件夹；先写在旁边，最后改名到位"},
        {.name = "seed",
         .arg = "N",
         .fn = parse_seed,
         .ud = &o.seed,
         .help = "PRNG seed (default 1)",
         .help_zh = "随机数种子（默认 1）"},
        {.name = "scale",
         .arg = "tiny|demo|large|N",
         .str = &scale,
         .help = "size of the province (default demo)",
         .help_zh = "省份规模（默认 demo）"},
        {.name = "bad-rows",
         .lnum = &o.bad_rows,
         .min = 0,
         .max = ZX_GEN_MAX_CASES,
         .help = "plant N bad rows of every kind",
         .help_zh = "每类错误行植入 N 行"},
        {.name = "from",
         .arg = "DATE",
         .date = &o.from,
         .help = "first acceptance date (default 2019-01-01)",
         .help_zh = "最早受理日期（默认 2019-01-01）"},
        {.name = "to",
         .arg = "DATE",
         .date = &o.to,
         .help = "last day of the period (default 2025-12-31)",
         .help_zh = "期间末日（默认 2025-12-31）"},
        {.name = "force",
         .flag = &o.force,
         .help = "replace an existing bundle in DIR",
         .help_zh = "覆盖 DIR 中已有的数据包"},
        {.name = "convicts",
         .lnum = &o.convicts,
         .min = 0,
         .max = ZX_GEN_MAX_CONVICTS,
         .help = "convicts with sentence histories",
         .help_zh = "有刑罚执行经历的罪犯数"},
        {.name = "violations",
         .arg = "PERMILLE",
         .num = &o.violations,
         .min = 0,
         .max = 1000,
         .help = "histories with a planted violation, per mille (default 0)",
         .help_zh = "植入违规的经历所占千分比（默认 0）"},
        {.name = "documents",
         .arg = "N",
         .lnum = &o.documents,
         .min = 0,
         .max = ZX_GEN_MAX_DOCUMENTS,
         .help = "also write documents.csv with N documents (类案检索; default 0: none)",
         .help_zh = "同时生成含 N 份文书的 documents.csv（类案检索；默认 0：不生成）"},
        {.name = "persons",
         .arg = "N",
         .lnum = &po.persons,
         .min = 1,
         .max = 50000000,
         .help = "write N people's records for record linkage instead (数据碰撞)",
         .help_zh = "改为生成 N 人的数据碰撞人员记录"},
        {.name = "duplicates",
         .arg = "RATE",
         .fn = parse_rate,
         .ud = &po.duplicates,
         .help = "with --persons: share of people with a duplicate record (default 0.1)",
         .help_zh = "与 --persons 合用：有重复记录的人所占比例（默认 0.1）"},
        {.name = "link",
         .flag = &po.link,
         .help = "with --persons: left.csv and right.csv for zhixiao link",
         .help_zh = "与 --persons 合用：生成供 link 使用的 left.csv 与 right.csv"},
        {.name = "datasets",
         .flag = &datasets,
         .help = "also write DIR/datasets/: external datasets for the supervision models, "
                 "with their manifest (大数据法律监督)",
         .help_zh = "同时生成 DIR/datasets/：供大数据法律监督模型碰撞的外部数据集及命中清单"},
        {.name = "trends",
         .flag = &o.trends,
         .help = "seasonal charges and planted waves (the demo's 犯罪态势)",
         .help_zh = "罪名季节变化并植入案件激增（演示犯罪态势）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"generate", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (po.persons > 0) {
        struct zx_gen_persons_stats ps;
        po.seed = o.seed;
        if (zx_gen_persons(out, &po, &ps, &err))
            return zx_opt_fail(&cmd, "%s", err.msg);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("wrote %s (seed %llu): %lld person records for %lld people%s; %.2f s.\n", out,
               (unsigned long long)o.seed, ps.records, po.persons,
               po.link ? " in left.csv and right.csv" : "",
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        return 0;
    }
    if (zx_gen_parse_scale(scale, &o.cases, &err))
        return zx_opt_fail(&cmd, "--scale: %s", err.msg);
    rc = zx_gen_bundle(out, &o, &st, &err);
    if (!rc && datasets)
        rc = zx_gen_datasets(out, o.seed, o.to, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) {
        return zx_opt_fail(&cmd, "%s", err.msg);
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf(zx_msg(ZX_M_GEN_WROTE), out, (unsigned long long)o.seed, scale);
    printf(zx_msg(ZX_M_GEN_COUNTS), st.rows[ZX_GEN_UNITS], st.rows[ZX_GEN_STAFF],
           st.rows[ZX_GEN_CASES], st.rows[ZX_GEN_PERSONS], st.rows[ZX_GEN_EVENTS],
           st.rows[ZX_GEN_INSTITUTIONS], st.rows[ZX_GEN_CONVICTS], st.rows[ZX_GEN_CHANGES]);
    if (st.rejected || st.warnings)
        printf(zx_msg(ZX_M_GEN_PLANTED), st.rejected, st.warnings);
    if (st.violations)
        printf(zx_msg(ZX_M_GEN_VIOLATIONS), st.violations);
    if (o.documents)
        printf(zx_msg(ZX_M_GEN_DOCUMENTS), st.rows[ZX_GEN_DOCUMENTS]);
    printf(zx_msg(ZX_M_GEN_SIZE), (double)st.bytes / 1e6, secs);
    return 0;
}
