/* cmd_casebook.c — `zhixiao casebook nominate|note|write|submit|review|approve|return|publish|
 * show|list|search|stats --db F …`: 典型案例 cultivation (casebook/casebook.h). The acts
 * print "<candidate> <state>"; a refusal of the state machine exits 1 with its reason. */
#include "casebook/casebook.h"
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char about[] =
    "典型案例 cultivation: a case is nominated as a candidate with its reason, cultivated\n"
    "(notes), written up (基本案情, 检察履职, 典型意义, 法律依据), reviewed by the committee\n"
    "(opinions, approve or return) and published at a level (unit 院, city 市, province 省);\n"
    "publishing again at a higher level is 推广. Every act is kept with who and when, and\n"
    "in the ledger.\n"
    "\n"
    "exit status: 0 done, 1 the act is not allowed (reason on stderr), 2 usage or error\n";
static const char about_zh[] =
    "典型案例培育：案件经提名（附推荐理由）成为候选，经培育（记录）、编写（基本案情、检察履职、\n"
    "典型意义、法律依据）、审查（审查意见，通过或退回），在院、市、省一级发布；在更高层级再次\n"
    "发布即为推广。每一步均记录人员、日期，并写入办案责任账本。\n"
    "\n"
    "退出状态：0 完成，1 不允许该操作（原因见标准错误），2 用法或其他错误\n";

static int open_db(const struct zx_opt_cmd *cmd, const char *db, struct zx_store **st)
{
    struct zx_err err = {0};
    if (access(db, R_OK) != 0) {
        zx_opt_fail(cmd, "cannot read database '%s'", db);
        return 2;
    }
    if (zx_store_open(db, st, &err)) {
        zx_opt_fail(cmd, "%s", zx_err_text(&err));
        return 2;
    }
    return 0;
}

static int print_json(json_t *j)
{
    int bad = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
    json_decref(j);
    fputc('\n', stdout);
    return bad || fflush(stdout) ? 2 : 0;
}

/* One act: the options it takes follow from its name. */
static int run_act(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *act = argv[0];
    const char *db = NULL, *who = NULL, *text = NULL, *level = NULL, *id = NULL;
    const char *title = NULL, *facts = NULL, *perf = NULL, *sig = NULL, *basis = NULL;
    int32_t on = zx_date_today();
    int nominate = !strcmp(act, "nominate"), write = !strcmp(act, "write"),
        publish = !strcmp(act, "publish"), submit = !strcmp(act, "submit");
    struct zx_opt opts[16];
    int k = 0;
    opts[k++] = (struct zx_opt){.arg = nominate ? "CASE_ID" : "CANDIDATE",
                                .str = &id,
                                .flags = ZX_OPT_REQUIRED,
                                .help = nominate ? "the case to nominate" : "the candidate",
                                .help_zh = nominate ? "被提名的案件编号" : "候选案例编号"};
    opts[k++] = (struct zx_opt)ZX_OPT_DB(&db);
    opts[k++] = (struct zx_opt){.name = "by",
                                .arg = "WHO",
                                .str = &who,
                                .flags = ZX_OPT_REQUIRED,
                                .help = "who acts (account or staff id)",
                                .help_zh = "操作人（账号或人员编号）"};
    opts[k++] = (struct zx_opt){.name = "date",
                                .date = &on,
                                .help = "the act's date (default today)",
                                .help_zh = "操作日期（默认为今天）"};
    if (!write && !submit && !publish)
        opts[k++] = (struct zx_opt){.name = nominate                 ? "reason"
                                            : !strcmp(act, "note")   ? "note"
                                            : !strcmp(act, "return") ? "reason"
                                                                     : "opinion",
                                    .arg = "TEXT",
                                    .str = &text,
                                    .flags = ZX_OPT_REQUIRED,
                                    .help = "the reason, note or opinion",
                                    .help_zh = "理由、培育记录或审查意见"};
    if (publish)
        opts[k++] =
            (struct zx_opt){.name = "level",
                            .arg = "unit|city|province",
                            .str = &level,
                            .flags = ZX_OPT_REQUIRED,
                            .help = "published by the unit (院), city (市) or province (省)",
                            .help_zh = "发布层级：院（unit）、市（city）、省（province）"};
    if (write) {
        opts[k++] = (struct zx_opt){
            .name = "title", .arg = "TEXT", .str = &title, .help = "the title", .help_zh = "标题"};
        opts[k++] = (struct zx_opt){.name = "facts",
                                    .arg = "TEXT",
                                    .str = &facts,
                                    .help = "基本案情",
                                    .help_zh = "基本案情"};
        opts[k++] = (struct zx_opt){.name = "performance",
                                    .arg = "TEXT",
                                    .str = &perf,
                                    .help = "检察履职",
                                    .help_zh = "检察履职情况"};
        opts[k++] = (struct zx_opt){.name = "significance",
                                    .arg = "TEXT",
                                    .str = &sig,
                                    .help = "典型意义",
                                    .help_zh = "典型意义"};
        opts[k++] = (struct zx_opt){.name = "legal-basis",
                                    .arg = "TEXT",
                                    .str = &basis,
                                    .help = "法律依据",
                                    .help_zh = "法律依据"};
    }
    opts[k++] = (struct zx_opt)ZX_OPT_END;
    char name[64];
    snprintf(name, sizeof name, "casebook %s", act);
    const struct zx_opt_cmd cmd = {name, opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_cb_cand *c = calloc(1, sizeof *c);
    if (!c)
        return 2;
    if ((rc = open_db(&cmd, db, &st)))
        goto cleanup;
    struct zx_casebook_act a = {.act = act,
                                .who = who,
                                .on = on,
                                .text = text,
                                .level = level,
                                .title = title,
                                .facts = facts,
                                .performance = perf,
                                .significance = sig,
                                .legal_basis = basis};
    int e = nominate ? zx_casebook_nominate(st, id, &a, c, &err)
                     : zx_casebook_apply(st, id, &a, c, &err);
    if (e) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        rc = e == ZX_EINVAL || e == ZX_ELIMIT ? 1 : 2;
        goto cleanup;
    }
    printf("%s %s\n", c->cand_id, c->state);
    rc = fflush(stdout) ? 2 : 0;
cleanup:
    free(c);
    zx_store_close(st);
    return rc;
}

static int run_show(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *id = NULL;
    const struct zx_opt opts[] = {
        {.arg = "CANDIDATE",
         .str = &id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the candidate",
         .help_zh = "候选案例编号"},
        ZX_OPT_DB(&db),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"casebook show", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct zx_store *st = NULL;
    struct zx_cb_step *s = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    struct zx_cb_cand *c = calloc(1, sizeof *c);
    if (!c)
        return 2;
    if ((rc = open_db(&cmd, db, &st)))
        goto cleanup;
    if (zx_cb_get(st, id, c, &err) || zx_cb_steps(st, id, &s, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        rc = 2;
        goto cleanup;
    }
    rc = print_json(zx_casebook_json(c, s, n));
cleanup:
    free(s);
    free(c);
    zx_store_close(st);
    return rc;
}

struct scope {
    char (*ids)[ZX_CB_ID_MAX], (*par)[ZX_CB_ID_MAX];
    size_t n;
    const char *top;
};

static int in_scope(const char *unit_id, void *ud)
{
    const struct scope *s = ud;
    return zx_casebook_in_subtree((const char(*)[ZX_CB_ID_MAX])s->ids,
                                  (const char(*)[ZX_CB_ID_MAX])s->par, s->n, s->top, unit_id);
}

/* list and search: the same filter; search shows only published cases by default. */
static int run_list(void *ud, int argc, char **argv)
{
    const int search = ud != NULL;
    const char *db = NULL, *unit = NULL;
    struct zx_casebook_filter f = {.state = search ? "published" : NULL};
    int format = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_UNIT(&unit),
        {.name = "state",
         .arg = "STATE",
         .str = &f.state,
         .help = "cultivating|writing|reviewing|approved|published|withdrawn",
         .help_zh = "状态：培育、编写、审查、审查通过、已发布、终止培育"},
        {.name = "charge",
         .arg = "NAME",
         .str = &f.charge,
         .help = "the charge (案由)",
         .help_zh = "案由"},
        {.name = "line",
         .arg = "CODE",
         .str = &f.line,
         .help = "the line (criminal, civil …)",
         .help_zh = "检察条线"},
        {.name = "keyword",
         .arg = "TEXT",
         .str = &f.keyword,
         .help = "a word of the title, write-up or reason",
         .help_zh = "标题、文稿或理由中的词"},
        {.name = "level",
         .arg = "LEVEL",
         .str = &f.level,
         .help = "published at this level or above",
         .help_zh = "发布层级（含更高层级）"},
        {.name = "case",
         .arg = "CASE_ID",
         .str = &f.case_id,
         .help = "one case",
         .help_zh = "案件编号"},
        ZX_OPT_FORMAT(&format, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {search ? "casebook search" : "casebook list", opts, about,
                                   about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct zx_store *st = NULL;
    struct zx_cb_cand *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    struct scope sc = {.top = unit};
    if ((rc = open_db(&cmd, db, &st)))
        goto cleanup;
    if (unit) {
        if (zx_cb_units(st, &sc.ids, &sc.par, &sc.n, &err)) {
            zx_opt_fail(&cmd, "%s", zx_err_text(&err));
            rc = 2;
            goto cleanup;
        }
        f.in_scope = in_scope;
        f.ud = &sc;
    }
    if (zx_casebook_search(st, &f, &v, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        rc = 2;
        goto cleanup;
    }
    if (format == 0) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, zx_casebook_json(&v[i], NULL, 0));
        rc = print_json(a);
    } else {
        for (size_t i = 0; i < n; i++) {
            char d[16] = "";
            if (v[i].published_on != ZX_DATE_NULL)
                zx_date_format(v[i].published_on, d);
            printf("%s  %-14s %-10s %-8s %-12s %s %s %s\n", v[i].cand_id, v[i].case_id,
                   v[i].unit_id, zx_casebook_state_zh(v[i].state), v[i].charge,
                   v[i].level[0] ? zx_casebook_level_zh(v[i].level) : "", d,
                   v[i].title[0] ? v[i].title : v[i].reason);
        }
        rc = fflush(stdout) ? 2 : 0;
    }
cleanup:
    free(v);
    free(sc.ids);
    free(sc.par);
    zx_store_close(st);
    return rc;
}

static int run_stats(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL;
    int year = 0, format = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_UNIT(&unit),
        {.name = "year",
         .arg = "YYYY",
         .num = &year,
         .min = 1900,
         .max = 2099,
         .help = "one year (default every year)",
         .help_zh = "年度（默认全部年度）"},
        ZX_OPT_FORMAT(&format, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"casebook stats", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    struct zx_store *st = NULL;
    struct zx_casebook_stat *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    struct scope sc = {.top = unit};
    if ((rc = open_db(&cmd, db, &st)))
        goto cleanup;
    if ((unit && zx_cb_units(st, &sc.ids, &sc.par, &sc.n, &err)) ||
        zx_casebook_stats(st, year, unit ? in_scope : NULL, &sc, &v, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        rc = 2;
        goto cleanup;
    }
    if (format == 0)
        rc = print_json(zx_casebook_stats_json(v, n));
    else {
        printf("%-12s %-16s %4s %6s %6s %6s %6s %6s\n", "单位", "条线", "年度", "候选", "编写",
               "院发布", "市发布", "省发布");
        for (size_t i = 0; i < n; i++)
            printf("%-12s %-16s %4d %6d %6d %6d %6d %6d\n", v[i].unit_id, v[i].line, v[i].year,
                   v[i].candidates, v[i].written, v[i].published_unit, v[i].published_city,
                   v[i].published_province);
        rc = fflush(stdout) ? 2 : 0;
    }
cleanup:
    free(v);
    free(sc.ids);
    free(sc.par);
    zx_store_close(st);
    return rc;
}

int cmd_casebook(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"nominate", run_act, "nominate a case as a typical-case candidate, with the reason",
         "提名案件为典型案例候选（附推荐理由）"},
        {"note", run_act, "a cultivation note (培育记录)", "培育记录"},
        {"write", run_act, "write or revise the write-up", "编写或修改案例文稿"},
        {"submit", run_act, "submit the write-up to the committee", "提交审查"},
        {"review", run_act, "a committee member's opinion", "审查意见"},
        {"approve", run_act, "the committee's decision to publish", "审查通过"},
        {"return", run_act, "send back one stage, with the reason", "退回（附理由）"},
        {"publish", run_act, "publish (or promote) at a level", "发布或推广"},
        {"show", run_show, "a candidate with every act", "候选案例及其全部操作记录"},
        {"list", run_list, "candidates by state, charge, line, unit", "候选案例列表"},
        {"search", run_list, "published typical cases by charge, line, keyword",
         "检索已发布的典型案例"},
        {"stats", run_stats, "candidates, write-ups, publications per unit, line and year",
         "按单位、条线、年度统计候选、编写、发布数"},
        {NULL, NULL, NULL, NULL},
    };
    /* search is list with a non-NULL ud: dispatch passes one ud to all, so route here */
    if (argc > 1 && !strcmp(argv[1], "search"))
        return run_list((void *)1, argc - 1, argv + 1);
    return zx_opt_dispatch("casebook", subs, about, about_zh, NULL, argc, argv);
}
