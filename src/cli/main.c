/* main.c — dispatch `zhixiao <command> …` to its cmd_<command>() (the git builtin pattern). */
#include "cli/cli.h"
#include "util/msg.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help, *help_zh;
} commands[] = {
    {"import", cmd_import, "import a case-data bundle (folder of CSV files) into a database",
     "将案件数据包（CSV 文件夹）导入数据库"},
    {"generate", cmd_generate, "write a deterministic synthetic province as a bundle",
     "生成确定的模拟省份数据包"},
    {"review-sentences", cmd_review_sentences,
     "check 减刑、假释、暂予监外执行 against the rules (倒查), as JSON or a table",
     "按规则倒查减刑、假释、暂予监外执行，输出 JSON 或表格"},
    {"inspect", cmd_inspect,
     "circuit inspections (巡回检察): plan, findings, deadlines, coverage, stats, report",
     "巡回检察：计划、发现问题、期限、覆盖、统计、报告"},
    {"resident", cmd_resident,
     "派驻检察: the resident office's duty log against its checklist, gaps, findings",
     "派驻检察：按检察清单登记工作日志、履职缺口、发现的问题"},
    {"similar", cmd_similar,
     "类案检索: the documents with the most similar facts, and the sentencing reference",
     "类案检索：案情事实最相似的文书，以及量刑参考"},
    {"monitor", cmd_monitor,
     "流程监控: statutory deadlines of every stage of every case as of a date (ok…red)",
     "流程监控：截至某日各案件、各环节的法定期限与状态（按期…超期）"},
    {"export", cmd_export,
     "copy a database into a sharded PostgreSQL cluster (scripts/pg-cluster.sh)",
     "将数据库复制到分片的 PostgreSQL 集群（scripts/pg-cluster.sh）"},
    {"suggestion", cmd_suggestion,
     "检察建议 workflow: draft, issue, reply, followup (回头看), litigate, escalate, list",
     "检察建议流程：起草、发出、回复、回头看、提起公益诉讼、督办、列表"},
    {"hearing", cmd_hearing, "听证: record and list hearings, statistics per unit and line",
     "听证：登记、列出，按单位和条线统计"},
    {"supervisor", cmd_supervisor, "人民监督员: record and list their participation",
     "人民监督员：登记、列出其监督情况"},
    {"serve", cmd_serve, "serve the browser UI and the JSON API over a database",
     "在数据库上提供浏览器界面和 JSON 接口"},
    {"user", cmd_user, "add, list, disable web accounts and set their passwords",
     "添加、列出、停用网页账号，设置密码"},
    {"indicators", cmd_indicators,
     "quality indicators (质效指标) of a unit, its units or its handlers over a period",
     "单位、下级单位或承办人在某期间的质效指标"},
    {"cases", cmd_cases, "drill-down: the persons, cases or events behind one indicator figure",
     "穿透：某项指标数值背后的人员、案件或事件"},
    {"settings", cmd_settings, "per-unit settings: ranking of a unit's child units on or off",
     "单位设置：开启或关闭下级单位排名"},
    {"target", cmd_target, "per-unit targets (目标值) of indicators: set, list, clear",
     "单位指标目标值：设定、列出、删除"},
    {"bulletin", cmd_bulletin, "write the bulletin (通报) of a unit and period as an XLSX workbook",
     "生成单位某期间的通报 XLSX 工作簿"},
    {"dedupe", cmd_dedupe, "record linkage: cluster the records of one person in a CSV file",
     "数据碰撞：将一个 CSV 文件中同一人的记录归为一簇"},
    {"link", cmd_link, "record linkage: the matching records of two CSV files",
     "数据碰撞：两个 CSV 文件之间的匹配记录"},
    {"dataset", cmd_dataset, "external datasets for big-data supervision: add, list, rejects",
     "大数据法律监督外部数据集：登记、列出、拒收行"},
    {"model", cmd_model, "big-data supervision models (大数据法律监督模型): list, run",
     "大数据法律监督模型：列出、运行"},
    {"lead", cmd_lead, "leads (线索): assign, verify, close, turn into a case, stats",
     "线索：分派、核查、办结、转为案件、统计"},
    {"trends", cmd_trends, "crime trends (犯罪态势): charges by month, baselines, 研判 points",
     "犯罪态势：罪名按月统计、季节基线、研判要点"},
    {"leaders", cmd_leaders,
     "领导干部办案: leaders' own cases by unit, level or line, against each unit's expectation",
     "领导干部办案：按单位、层级或条线统计领导办案及与期望值的比较"},
    {"evaluate", cmd_evaluate,
     "检察官业绩考评: each prosecutor in 质量/效率/效果, every point opening to its cases",
     "检察官业绩考评：每名检察官的质量、效率、效果得分，每一分可穿透到案件"},
    {"quality", cmd_quality,
     "案件质量评查: review plans over closed cases, review forms, grades, 异议 and answers",
     "案件质量评查：评查计划、评查表、等次、异议与答复"},
    {"flaws", cmd_flaws, "办案瑕疵积分: a year's flaw points per prosecutor, each with its case",
     "办案瑕疵积分：检察官年度瑕疵积分及对应案件"},
    {"danger", cmd_danger,
     "社会危险性量化评估: a person's score under 审查逮捕, calibration and fairness report",
     "社会危险性量化评估：审查逮捕人员评分、校准与公平性报告"},
    {"seal", cmd_seal, "犯罪记录封存: seal records by rule (刑诉法第286条), list them",
     "犯罪记录封存：按规则封存（刑诉法第286条）并列出"},
    {"audit", cmd_audit,
     "verify the ledger of acts (谁办案谁负责) and list who handled and decided",
     "校验办案责任账本（谁办案谁负责），列出承办人与决定人"},
    {"casebook", cmd_casebook,
     "典型案例: nominate, cultivate, write up, review, publish; search and statistics",
     "典型案例：提名、培育、编写、审查、发布；检索与统计"},
    {"appraise", cmd_appraise,
     "层级综合评价 of the child units in the four dimensions; entered scores; drill-down",
     "层级综合评价：下级单位各维度评分、录入评分、穿透到案件"},
};

static void usage(FILE *f)
{
    fprintf(f, "%szhixiao <command> [options]\n\n%s\n", zx_msg(ZX_M_OPT_USAGE),
            zx_msg(ZX_M_CLI_COMMANDS));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-16s %s\n", commands[i].name,
                zx_msg_chinese() ? commands[i].help_zh : commands[i].help);
    fprintf(f, "\n%s\n", zx_msg(ZX_M_CLI_COMMAND_HELP));
}

int main(int argc, char **argv)
{
    zx_msg_init();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "zhixiao: ");
    fprintf(stderr, zx_msg(ZX_M_CLI_NOT_COMMAND), argv[1]);
    fprintf(stderr, "\n");
    usage(stderr);
    return 2;
}
