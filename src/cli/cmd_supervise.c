/* cmd_supervise.c — 大数据法律监督: `zhixiao dataset` (add, list, rejects), `zhixiao model`
 * (list, run) and `zhixiao lead` (list, show, assign, verify, close, case, reply, stats),
 * over supervise/supervise.h. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/datasets.h"
#include "store/ledger.h"
#include "supervise/supervise.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ZH(en, zh) (zx_msg_chinese() ? (zh) : (en))

static const char ds_about[] =
    "An external dataset (养老金发放、社区矫正名单、驾驶证、工资发放、工商登记 …) is a CSV\n"
    "file and a schema (JSON): each column's field name and role (id_number, name,\n"
    "birth_date, date, month, amount, code, text, unit), the source organisation and the\n"
    "day it was received. Rows are validated like a bundle import: a bad row is rejected\n"
    "with line, column and reason, the rest lands in one transaction. Datasets are\n"
    "versioned by the file's SHA-256: adding the same file again changes nothing.\n"
    "A dataset belongs to a unit (--unit, default the root): its id is unit:name@vN, a\n"
    "unit lists and its models read the datasets of its subtree.\n"
    "\nexit status: 0 done, 2 usage or error\n";
static const char ds_about_zh[] =
    "外部数据集（养老金发放、社区矫正名单、驾驶证、工资发放、工商登记等）由 CSV 文件和\n"
    "说明文件（JSON：各列的字段名与角色 id_number、name、birth_date、date、month、amount、\n"
    "code、text、unit，来源单位与接收日期）组成。逐行校验同案件数据导入：错误行写明行、列\n"
    "与原因后拒收，其余行在一个事务内入库。数据集按文件 SHA-256 分版本：重复添加同一文件\n"
    "不产生任何变化。数据集归属于单位（--unit，默认根单位），编号为 单位:名称@v版本；单位\n"
    "可查看并以模型碰撞本单位及下级单位的数据集。\n\n退出状态：0 完成，2 用法或其他错误\n";

static const char model_about[] =
    "Supervision models (大数据法律监督模型) are data: data/models/*.json names the\n"
    "sources (the case data's convicts, registered datasets), how they are linked (the same\n"
    "citizen id, else a match probability over id, name and birth date), the filters and\n"
    "the date rules, and what a hit says (title, legal basis, suggested action). `run`\n"
    "stores each hit as a lead (线索) with its evidence; rerunning adds no duplicate.\n"
    "\nexit status: 0 done, 2 usage or error\n";
static const char model_about_zh[] =
    "大数据法律监督模型以数据定义：data/models/*.json 写明数据来源（检察业务数据中的罪犯、\n"
    "已登记的外部数据集）、关联方式（公民身份号码一致，否则按号码、姓名、出生日期计算匹配\n"
    "概率）、要素筛查与日期规则，以及命中后的线索标题、法律依据和建议措施。`run` 将每个\n"
    "命中存为一条线索并附证据；重复运行不重复生成线索。\n\n退出状态：0 完成，2 用法或其他错误\n";

static const char lead_about[] =
    "Leads (线索) from the models: assign to a prosecutor, verify (核查: confirmed or\n"
    "unfounded, notes, attachments as text), close an unfounded one, or turn a confirmed\n"
    "one into a case with its event (suggestion 检察建议, correction_notice 纠正违法通知书,\n"
    "pil_lawsuit 公益诉讼 …) and record the reply (rectified 整改到位 …). Every act is in\n"
    "the ledger. `stats`: leads, verified, cases and rectified per model and unit.\n"
    "\nexit status: 0 done, 2 usage or error\n";
static const char lead_about_zh[] =
    "模型产生的线索：分派给检察官、核查（属实或不属实，核查情况、附件文字）、不属实的予以\n"
    "办结，属实的转为案件并记录其文书（suggestion 检察建议、correction_notice 纠正违法\n"
    "通知书、pil_lawsuit 公益诉讼等）及回复（rectified 整改到位等）。每一步均记入账本。\n"
    "`stats`：按模型和单位统计线索、已核查、成案、整改到位数。\n\n退出状态：0 完成，2 "
    "用法或其他错误\n";

static int open_db(const struct zx_opt_cmd *cmd, const char *db, struct zx_store **st)
{
    struct zx_err err = {0};
    if (access(db, R_OK | W_OK) != 0) {
        zx_opt_fail(cmd, zx_msg(ZX_M_CLI_CANNOT_OPEN_DB), db);
        return -1;
    }
    if (zx_store_open(db, st, &err)) {
        zx_opt_fail(cmd, "%s", err.msg);
        return -1;
    }
    return 0;
}

static const char *who_env(void)
{
    const char *u = getenv("USER");
    return u && *u ? u : "cli";
}

/* ---- dataset ---- */

static int ds_add(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *rejects = NULL;
    struct zx_sup_add_opts o = {0};
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_dataset_meta m = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "name",
         .arg = "NAME",
         .str = &o.name,
         .help = "dataset name (default: the schema's)",
         .help_zh = "数据集名称（默认取说明文件中的 name）"},
        {.name = "file",
         .arg = "X.csv",
         .str = &o.file,
         .flags = ZX_OPT_REQUIRED,
         .help = "the CSV file",
         .help_zh = "CSV 文件"},
        {.name = "schema",
         .arg = "S.json",
         .str = &o.schema,
         .flags = ZX_OPT_REQUIRED,
         .help = "the schema: columns, roles, provenance",
         .help_zh = "说明文件：列、角色、来源"},
        ZX_OPT_UNIT(&o.unit_id),
        {.name = "rejects",
         .arg = "FILE",
         .str = &rejects,
         .help = "write rejected and warned rows here (line,column,outcome,reason,raw)",
         .help_zh = "将拒收和警告的行写入此文件"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"dataset add", opts, ds_about, ds_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    o.rejects = rejects;
    o.by = who_env();
    int unchanged = 0;
    rc = 2;
    if (zx_sup_dataset_add(st, &o, &m, &unchanged, &err))
        zx_opt_fail(&cmd, "%s", err.msg);
    else {
        if (unchanged)
            printf(ZH("%s: unchanged (the same file is version %d)\n",
                      "%s：未变化（同一文件已是第 %d 版）\n"),
                   m.name, m.version);
        else
            printf(ZH("%s version %d: %lld rows read, %lld imported, %lld rejected, %lld "
                      "warnings; sha256 %s\n",
                      "%s 第 %d 版：读取 %lld 行，入库 %lld 行，拒收 %lld 行，警告 %lld 条；"
                      "sha256 %s\n"),
                   m.name, m.version, (long long)m.rows_read, (long long)m.imported,
                   (long long)m.rejected, (long long)m.warnings, m.file_hash);
        rc = 0;
    }
    zx_store_close(st);
    return rc;
}

static int ds_list_cb(void *ud, const struct zx_dataset_meta *m)
{
    (void)ud;
    char rec[16] = "";
    if (m->received_on != ZX_DATE_NULL)
        zx_date_format(m->received_on, rec);
    printf("%s,%d,", m->name, m->version);
    zx_csv_puts(stdout, m->title);
    putchar(',');
    zx_csv_puts(stdout, m->source_org);
    printf(",%s,%lld,%lld,%lld,%lld,%s,%s,%s\n", rec, (long long)m->rows_read,
           (long long)m->imported, (long long)m->rejected, (long long)m->warnings, m->file_hash,
           m->unit_id, m->dataset_id);
    return 0;
}

static int ds_list(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "the datasets of this unit and the units below it (default: all)",
         .help_zh = "本单位及下级单位的数据集（默认：全部）"},
        ZX_OPT_END};
    const struct zx_opt_cmd cmd = {"dataset list", opts, ds_about, ds_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    puts("name,version,title,source,received_on,rows_read,imported,rejected,warnings,sha256,"
         "unit_id,dataset_id");
    rc = zx_dataset_list(st, unit, ds_list_cb, NULL, &err) ? (zx_opt_fail(&cmd, "%s", err.msg), 2)
                                                           : 0;
    zx_store_close(st);
    return rc;
}

static int issue_cb(void *ud, long line, const char *column, const char *outcome,
                    const char *reason, const char *reason_zh, const char *raw)
{
    (void)ud;
    printf("%ld,", line);
    zx_csv_puts(stdout, column);
    putchar(',');
    zx_csv_puts(stdout, outcome);
    putchar(',');
    zx_csv_puts(stdout, zx_msg_chinese() && reason_zh ? reason_zh : reason);
    putchar(',');
    zx_csv_puts(stdout, raw);
    putchar('\n');
    return 0;
}

static int ds_rejects(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *name = NULL, *unit = NULL;
    char root[ZX_DS_ID_MAX];
    int found = 0;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_dataset_meta m = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "name",
         .arg = "NAME",
         .str = &name,
         .flags = ZX_OPT_REQUIRED,
         .help = "the dataset",
         .help_zh = "数据集名称"},
        ZX_OPT_UNIT(&unit),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"dataset rejects", opts, ds_about, ds_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    rc = 2;
    if ((!unit && zx_ds_root_unit(st, root, &err)) ||
        zx_dataset_find(st, unit ? unit : root, name, NULL, &m, &found, &err))
        zx_opt_fail(&cmd, "%s", err.msg);
    else if (!found)
        zx_opt_fail(&cmd, ZH("no dataset '%s' at unit %s", "无数据集 '%s'（单位 %s）"), name,
                    unit ? unit : root);
    else {
        puts("line,column,outcome,reason,raw");
        rc = zx_dataset_issues(st, m.rid, issue_cb, NULL, &err)
                 ? (zx_opt_fail(&cmd, "%s", err.msg), 2)
                 : 0;
    }
    zx_store_close(st);
    return rc;
}

int cmd_dataset(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"add", ds_add, "register a dataset (CSV + schema)", "登记外部数据集（CSV + 说明文件）"},
        {"list", ds_list, "list datasets and their versions", "列出数据集及其版本"},
        {"rejects", ds_rejects, "the rejected and warned rows of a dataset",
         "数据集的拒收与警告行"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("dataset", subs, ds_about, ds_about_zh, NULL, argc, argv);
}

/* ---- model ---- */

static int model_list(void *ud, int argc, char **argv)
{
    (void)ud;
    char **ids = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {ZX_OPT_END};
    const struct zx_opt_cmd cmd = {"model list", opts, model_about, model_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_sup_model_ids(&ids, &n, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    puts("id,title,sources,basis");
    rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct zx_sup_model *m = NULL;
        if (zx_sup_model_load(ids[i], &m, &err)) {
            zx_opt_fail(&cmd, "%s", err.msg);
            rc = 2;
            break;
        }
        printf("%s,", zx_sup_model_id(m));
        zx_csv_puts(stdout, zx_sup_model_title(m));
        putchar(',');
        zx_csv_puts(stdout, zx_sup_model_sources(m));
        putchar(',');
        zx_csv_puts(stdout, zx_sup_model_basis(m));
        putchar('\n');
        zx_sup_model_free(m);
    }
    zx_sup_model_ids_free(ids, n);
    return rc;
}

static int model_run(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *model = NULL;
    struct zx_sup_run_opts o = {0};
    struct zx_sup_run_result r;
    struct zx_store *st = NULL;
    struct zx_sup_model *m = NULL;
    struct zx_err err = {0};
    o.as_of = ZX_DATE_NULL;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "model",
         .arg = "M",
         .str = &model,
         .flags = ZX_OPT_REQUIRED,
         .help = "a model id (zhixiao model list) or a model file",
         .help_zh = "模型编号（见 zhixiao model list）或模型文件"},
        ZX_OPT_UNIT(&o.unit_id),
        {.name = "as-of",
         .arg = "DATE",
         .date = &o.as_of,
         .help = "the day open periods end (default: the latest received_on of its datasets)",
         .help_zh = "未结束期间截止日（默认：所用数据集的最晚接收日期）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"model run", opts, model_about, model_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_sup_model_load(model, &m, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    if (open_db(&cmd, db, &st)) {
        zx_sup_model_free(m);
        return 2;
    }
    o.by = who_env();
    rc = 2;
    if (zx_ledger_set_actor(st, o.by, &err) || zx_sup_model_run(st, m, &o, &r, &err))
        zx_opt_fail(&cmd, "%s", err.msg);
    else {
        char d[16];
        zx_date_format(r.as_of, d);
        printf(ZH("%s %s (as of %s): %lld base rows, %lld hits, %lld new leads, %lld fuzzy "
                  "links\n",
                  "%s %s（截至 %s）：筛查 %lld 条，命中 %lld 条，新增线索 %lld 条，模糊关联 %lld "
                  "条\n"),
               r.run_id, zx_sup_model_id(m), d, (long long)r.base_rows, (long long)r.hits,
               (long long)r.new_leads, (long long)r.fuzzy_links);
        rc = 0;
    }
    zx_sup_model_free(m);
    zx_store_close(st);
    return rc;
}

int cmd_model(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"list", model_list, "the shipped supervision models", "已发布的大数据法律监督模型"},
        {"run", model_run, "run a model: its hits become leads", "运行模型：命中结果生成线索"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("model", subs, model_about, model_about_zh, NULL, argc, argv);
}

/* ---- lead ---- */

static int lead_row(void *ud, const struct zx_lead *l)
{
    (void)ud;
    printf("%s,%s,", l->lead_id, l->model);
    zx_csv_puts(stdout, l->hit_key);
    printf(",%s,", l->unit_id);
    zx_csv_puts(stdout, l->person_name);
    printf(",%s,%s,%.4f,%s,%s,%s\n", l->id_number, l->status, l->probability, l->assignee,
           l->finding, l->case_id);
    return 0;
}

static int lead_list(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL;
    struct zx_lead_filter f = {0};
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_UNIT(&f.unit_id),
        {.name = "model",
         .arg = "M",
         .str = &f.model,
         .help = "only this model's leads",
         .help_zh = "仅该模型的线索"},
        {.name = "status",
         .arg = "S",
         .str = &f.status,
         .help = "new, assigned, verified, unfounded or case",
         .help_zh = "线索状态"},
        {.name = "assignee",
         .arg = "STAFF",
         .str = &f.assignee,
         .help = "assigned to this staff",
         .help_zh = "承办人"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"lead list", opts, lead_about, lead_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    puts("lead_id,model,hit_key,unit_id,name,id_number,status,probability,assignee,finding,"
         "case_id");
    rc = zx_lead_list(st, &f, lead_row, NULL, &err) ? (zx_opt_fail(&cmd, "%s", err.msg), 2) : 0;
    zx_store_close(st);
    return rc;
}

static int step_row(void *ud, const char *step, const char *who, int32_t on, const char *note)
{
    (void)ud;
    char d[16];
    zx_date_format(on, d);
    printf("  %s %s %s %s\n", d, step, who ? who : "", note ? note : "");
    return 0;
}

static int lead_show(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *id = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_lead l;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.arg = "LEAD", .str = &id, .flags = ZX_OPT_REQUIRED, .help = "the lead id"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"lead show", opts, lead_about, lead_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    rc = 2;
    if (zx_lead_get(st, id, &l, &err))
        zx_opt_fail(&cmd, "%s", err.msg);
    else {
        printf("%s %s\n%s: %s\n%s: %s\n%s: %s\n%s: %.4f\n%s\n", l.lead_id, l.title,
               ZH("status", "状态"), l.status, ZH("basis", "法律依据"), l.basis,
               ZH("action", "建议措施"), l.action, ZH("probability", "匹配概率"), l.probability,
               l.evidence);
        if (zx_lead_steps(st, l.rid, step_row, NULL, &err))
            fprintf(stderr, "%s\n", err.msg);
        free(l.evidence);
        rc = 0;
    }
    zx_store_close(st);
    return rc;
}

/* one workflow act: assign, verify, close, case, reply */
static int lead_act(int argc, char **argv, const char *name)
{
    const char *db = NULL, *id = NULL, *staff = NULL, *finding = NULL, *notes = NULL,
               *attach = NULL, *event = "suggestion", *result = NULL, *note = NULL;
    int32_t on = ZX_DATE_NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    int is = 0;
    if (!strcmp(name, "assign"))
        is = 1;
    else if (!strcmp(name, "verify"))
        is = 2;
    else if (!strcmp(name, "close"))
        is = 3;
    else if (!strcmp(name, "case"))
        is = 4;
    else
        is = 5;
    const unsigned H = ZX_OPT_HIDDEN;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.arg = "LEAD", .str = &id, .flags = ZX_OPT_REQUIRED, .help = "the lead id"},
        {.name = "to",
         .arg = "STAFF",
         .str = &staff,
         .flags = is == 1 ? ZX_OPT_REQUIRED : H,
         .help = "the prosecutor (staff id)",
         .help_zh = "承办检察官（人员编号）"},
        {.name = "finding",
         .arg = "F",
         .str = &finding,
         .flags = is == 2 ? ZX_OPT_REQUIRED : H,
         .help = "confirmed or unfounded",
         .help_zh = "核查结论：confirmed 属实 / unfounded 不属实"},
        {.name = "notes",
         .arg = "TEXT",
         .str = &notes,
         .flags = is == 2 ? ZX_OPT_REQUIRED : H,
         .help = "what was checked and found",
         .help_zh = "核查情况"},
        {.name = "attach",
         .arg = "TEXT",
         .str = &attach,
         .flags = is == 2 ? 0 : H,
         .help = "attachments, as text",
         .help_zh = "附件（文字）"},
        {.name = "event",
         .arg = "TYPE",
         .str = &event,
         .flags = is == 4 ? 0 : H,
         .help = "suggestion (default), correction_notice, pil_lawsuit …",
         .help_zh = "suggestion 检察建议（默认）、correction_notice 纠正违法通知书、pil_lawsuit "
                    "公益诉讼等"},
        {.name = "result",
         .arg = "CODE",
         .str = &result,
         .flags = is >= 4 ? (is == 5 ? ZX_OPT_REQUIRED : 0) : H,
         .help = "the event's result code (execution, social_governance …; reply: rectified …)",
         .help_zh = "结果代码"},
        {.name = "note",
         .arg = "TEXT",
         .str = &note,
         .flags = is == 3 ? 0 : H,
         .help = "a note",
         .help_zh = "说明"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .help = "the act's date (default: today)",
         .help_zh = "日期（默认今天）"},
        ZX_OPT_END,
    };
    char cname[32];
    snprintf(cname, sizeof cname, "lead %s", name);
    const struct zx_opt_cmd cmd = {cname, opts, lead_about, lead_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (on == ZX_DATE_NULL)
        on = zx_date_today();
    if (open_db(&cmd, db, &st))
        return 2;
    const char *who = who_env();
    char case_id[ZX_DS_ID_MAX] = "";
    if ((rc = zx_ledger_set_actor(st, who, &err)) == ZX_OK)
        switch (is) {
        case 1:
            rc = zx_sup_lead_assign(st, id, staff, who, on, &err);
            break;
        case 2:
            rc = zx_sup_lead_verify(st, id, finding, notes, attach, who, on, &err);
            break;
        case 3:
            rc = zx_sup_lead_close(st, id, note, who, on, &err);
            break;
        case 4:
            rc = zx_sup_lead_to_case(st, id, event, result, who, on, case_id, &err);
            break;
        default:
            rc = zx_sup_lead_reply(st, id, result, who, on, &err);
        }
    zx_store_close(st);
    if (rc)
        return zx_opt_fail(&cmd, "%s", err.msg);
    if (*case_id)
        printf(ZH("%s: case %s\n", "%s：已立案 %s\n"), id, case_id);
    else
        printf(ZH("%s: %s done\n", "%s：%s 完成\n"), id, name);
    return 0;
}

static int lead_assign(void *ud, int argc, char **argv)
{
    (void)ud;
    return lead_act(argc, argv, "assign");
}
static int lead_verify(void *ud, int argc, char **argv)
{
    (void)ud;
    return lead_act(argc, argv, "verify");
}
static int lead_close(void *ud, int argc, char **argv)
{
    (void)ud;
    return lead_act(argc, argv, "close");
}
static int lead_case(void *ud, int argc, char **argv)
{
    (void)ud;
    return lead_act(argc, argv, "case");
}
static int lead_reply(void *ud, int argc, char **argv)
{
    (void)ud;
    return lead_act(argc, argv, "reply");
}

static int stat_row(void *ud, const struct zx_lead_stat *s)
{
    (void)ud;
    printf("%s,%s,", s->model, s->unit_id);
    zx_csv_puts(stdout, s->unit_name);
    printf(",%lld,%lld,%lld,%lld,%lld\n", (long long)s->leads, (long long)s->verified,
           (long long)s->unfounded, (long long)s->cases, (long long)s->rectified);
    return 0;
}

static int lead_stats(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {ZX_OPT_DB(&db), ZX_OPT_UNIT(&unit), ZX_OPT_END};
    const struct zx_opt_cmd cmd = {"lead stats", opts, lead_about, lead_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (open_db(&cmd, db, &st))
        return 2;
    puts("model,unit_id,unit,leads,verified,unfounded,cases,rectified");
    rc = zx_lead_stats(st, unit, stat_row, NULL, &err) ? (zx_opt_fail(&cmd, "%s", err.msg), 2) : 0;
    zx_store_close(st);
    return rc;
}

int cmd_lead(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"list", lead_list, "list leads (by unit subtree, model, status, assignee)", "列出线索"},
        {"show", lead_show, "a lead with its evidence and steps", "线索详情、证据与办理步骤"},
        {"assign", lead_assign, "assign a lead to a prosecutor", "分派线索"},
        {"verify", lead_verify, "record the 核查 of a lead", "记录线索核查结论"},
        {"close", lead_close, "close a lead verified as unfounded", "办结不属实线索"},
        {"case", lead_case, "turn a confirmed lead into a case with its event", "属实线索转为案件"},
        {"reply", lead_reply, "the reply to the case's event (rectified …)",
         "记录案件文书的回复（整改到位等）"},
        {"stats", lead_stats, "leads, verified, cases, rectified per model and unit",
         "按模型和单位统计线索、核查、成案、整改"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("lead", subs, lead_about, lead_about_zh, NULL, argc, argv);
}
