#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Formats take printf arguments named in the comment of each row; the rows of the 减假暂
 * findings take struct zx_msgv parameters (%N$s). */
static const struct {
    const char *en, *zh;
} table[ZX_M_COUNT_] = {
    [ZX_M_NONE] = {"", ""},
    [ZX_M_DUPLICATE_ID] = {"duplicate id '%s' (first seen on line %ld)",
                           "编号“%s”重复（首次出现在第%ld行）"},
    [ZX_M_BAD_DATE_FORM] =
        {"'%s' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYY年M月D日)",
         "“%s”不是日期（应为 YYYY-MM-DD、YYYY/MM/DD、YYYY.MM.DD 或 YYYY年M月D日）"},
    [ZX_M_IMPOSSIBLE_DATE] = {"'%s' is not a real calendar day", "“%s”不是真实存在的日期"},
    [ZX_M_UNKNOWN_CODE] = {"'%s' is not a %s code", "“%s”不是有效的%s代码"},
    [ZX_M_RESULT_NOT_ALLOWED] = {"result '%s' is not allowed for event type %s",
                                 "结果“%s”不适用于事件类型%s"},
    [ZX_M_NEEDS_PERSON] = {"event type %s is person-level and needs person_id",
                           "事件类型%s按人计，必须填写 person_id"},
    [ZX_M_UNKNOWN_REF] = {"%s '%s' is not known", "%s“%s”不存在"},
    [ZX_M_PERSON_OTHER_CASE] = {"person '%s' belongs to another case", "人员“%s”属于其他案件"},
    [ZX_M_FIELD_COUNT] = {"expected %zu fields, found %zu", "应有%zu个字段，实有%zu个"},
    [ZX_M_BAD_UTF8] = {"invalid UTF-8", "不是有效的 UTF-8 编码"},
    [ZX_M_CSV_FORMAT] = {"malformed CSV: %s", "CSV 格式错误：%s"},
    [ZX_M_REQUIRED_EMPTY] = {"required field is empty", "必填字段为空"},
    [ZX_M_BAD_ID] = {"an id must be 1-64 bytes without control characters",
                     "编号必须为1至64字节且不含控制字符"},
    [ZX_M_BAD_ID_NUMBER] = {"'%s' is not a citizen id number (18 characters, or 15 digits)",
                            "“%s”不是公民身份号码（应为18位，或15位旧号码）"},
    [ZX_M_BAD_NUMBER] = {"'%s' is not a number", "“%s”不是数字"},
    [ZX_M_BAD_FLAG] = {"'%s' must be 0 or 1", "“%s”只能为0或1"},
    [ZX_M_UNIT_CYCLE] = {"unit '%s' is in a cycle of parents", "单位“%s”的上级关系形成环"},
    [ZX_M_SECOND_ROOT] = {"unit '%s' has no parent but the tree already has root '%s'",
                          "单位“%s”没有上级，但单位树已有根“%s”"},
    [ZX_M_TEXT_TOO_LONG] = {"text longer than %u bytes", "文本超过%u字节"},
    [ZX_M_BAD_CHARGES] = {"'%s': charges are names separated by ';', none empty",
                          "“%s”：罪名以“;”分隔，不能有空项"},
    [ZX_M_CSV_TOO_MANY_FIELDS] = {"too many fields", "字段过多"},
    [ZX_M_CSV_UNTERMINATED] = {"unterminated quoted field", "引号字段未闭合"},
    [ZX_M_CSV_AFTER_QUOTE] = {"text after a closing quote", "闭合引号后还有文字"},
    [ZX_M_CSV_QUOTE_INSIDE] = {"quote inside an unquoted field", "未加引号的字段中出现引号"},
    [ZX_M_CSV_TOO_LONG] = {"record too long", "记录过长"},
    [ZX_M_ID_CHECK_DIGIT] = {"id number '%s' has a wrong check digit (kept, flagged)",
                             "公民身份号码“%s”校验位错误（已保留并标记）"},
    [ZX_M_ID_CONVERTED] = {"15-digit id number converted to '%s'", "15位身份号码已转换为“%s”"},
    [ZX_M_REF_LINKED] = {"no ref_event_id: linked to event '%s'",
                         "未填 ref_event_id：已关联到事件“%s”"},
    [ZX_M_REF_NOT_FOUND] = {"no ref_event_id and no earlier event it can answer",
                            "未填 ref_event_id，且找不到可对应的在先事件"},
    [ZX_M_UNKNOWN_COLUMN] = {"unknown column '%s' ignored", "未知列“%s”已忽略"},
    [ZX_M_MISSING_FILE] = {"required file %s is missing", "缺少必需文件 %s"},
    [ZX_M_MISSING_COLUMN] = {"required column '%s' is missing", "缺少必需列“%s”"},
    [ZX_M_DUPLICATE_COLUMN] = {"column '%s' appears twice", "列“%s”重复出现"},
    [ZX_M_EMPTY_FILE] = {"file has no header row", "文件没有表头行"},
    [ZX_M_CANNOT_READ] = {"cannot read: %s", "无法读取：%s"},
    [ZX_M_AUTH_UNKNOWN_ROLE] =
        {"unknown role '%s' (admin, leader, analyst, execution, reviewer, prosecutor)",
         "未知角色“%s”（可用：admin、leader、analyst、execution、reviewer、prosecutor）"},
    [ZX_M_AUTH_NO_ROLE] = {"no role given", "未指定角色"},
    [ZX_M_AUTH_PW_LENGTH] = {"a password has %d to %d characters", "密码长度应为 %d 至 %d 个字符"},
    [ZX_M_AUTH_PW_COMMON] = {"this password is too common or too simple (a repeated character or a "
                             "straight run); choose another",
                             "该密码过于常见或过于简单（重复字符或连续序列），请另选"},
    [ZX_M_AUTH_PW_NAME] = {"a password may not be the account name", "密码不能与账号名相同"},
    [ZX_M_AUTH_BAD_NAME] = {"an account name has 1-63 characters of A-Z a-z 0-9 . _ -",
                            "账号名为 1 至 63 个字符，只能使用 A-Z a-z 0-9 . _ -"},
    [ZX_M_AUTH_NEEDS_ROLE] = {"an account needs at least one role", "账号至少需要一个角色"},
    [ZX_M_AUTH_NO_UNIT] = {"no unit '%s' in the database", "数据库中没有单位“%s”"},
    [ZX_M_AUTH_NEEDS_STAFF] = {"a prosecutor account needs a staff id (--staff)",
                               "检察官账号须关联人员编号（--staff）"},
    [ZX_M_AUTH_NO_STAFF] = {"no staff member '%s'", "没有人员“%s”"},
    [ZX_M_AUTH_STAFF_UNIT] = {"staff member '%s' belongs to unit %s, not %s",
                              "人员“%s”属于单位 %s，而非 %s"},
    [ZX_M_AUTH_EXISTS] = {"account '%s' exists already", "账号“%s”已存在"},
    [ZX_M_AUTH_NO_ACCOUNT] = {"no account '%s'", "没有账号“%s”"},
    [ZX_M_MODEL_NO_DATASET] = {"dataset '%s' is not registered in unit %s or below (zhixiao "
                               "dataset add)",
                               "数据集“%s”尚未在单位 %s 及下级登记，请先在“数据集”页登记"},
    [ZX_M_DS_SCHEMA_JSON] = {"%s:%d: %s", "%s 第%d行：JSON 格式错误（%s）"},
    [ZX_M_DS_SCHEMA_SHAPE] = {"%s: expected an object with a non-empty \"columns\" array",
                              "%s：应为含非空 \"columns\" 数组的对象"},
    [ZX_M_DS_SCHEMA_COLUMN] =
        {"%s: columns[%zu]: needs \"column\" and a \"role\" among id_number, name, birth_date, "
         "date, month, amount, code, text, unit",
         "%s：columns[%zu] 须有 \"column\"，且 \"role\" 为 "
         "id_number、name、birth_date、date、month、amount、code、text、unit 之一"},
    [ZX_M_DS_SCHEMA_TWICE] = {"%s: columns[%zu]: field '%s' twice",
                              "%s：columns[%zu] 的字段“%s”重复"},
    [ZX_M_DS_NEEDS_NAME] = {"%s: the dataset needs a name (--name or \"name\")",
                            "%s：数据集需要名称（--name 或 \"name\"）"},
    [ZX_M_DS_BAD_NAME] = {"dataset name '%s': lowercase letters, digits, _",
                          "数据集名称“%s”只能由小写字母、数字和 _ 组成"},
    [ZX_M_DS_UNKNOWN_UNIT] = {"unit '%s' is not known", "没有单位“%s”"},
    [ZX_M_DS_RECEIVED_ON] = {"%s: received_on: expected a date, got '%s'",
                             "%s：received_on 应为日期，实为“%s”"},
    [ZX_M_DS_NO_HEADER] = {"%s: line 1: no header row", "%s 第1行：没有表头"},
    [ZX_M_DS_MISSING_COLUMN] = {"%s: line 1: required column '%s' is missing",
                                "%s 第1行：缺少必需列“%s”"},
    [ZX_M_DS_UNKNOWN_COLUMN] = {"unknown column '%s' ignored", "未知列“%s”，已忽略"},
    [ZX_M_DS_CSV_FIELD] = {"field %zu: %s", "第%zu个字段：%s"},
    [ZX_M_DS_FIELD_COUNT] = {"%zu fields, the header has %zu", "有%zu个字段，表头有%zu个"},
    [ZX_M_DS_REQUIRED] = {"required value missing", "缺少必填值"},
    [ZX_M_DS_TOO_LONG] = {"value over 400 bytes", "值超过400字节"},
    [ZX_M_DS_BAD_ID] = {"'%s' is not a citizen id number (GB 11643)",
                        "“%s”不是有效的公民身份号码（GB 11643）"},
    [ZX_M_DS_ID_WIDENED] = {"15-digit id number widened to 18", "15位身份号码已转换为18位"},
    [ZX_M_DS_ID_CHECK] = {"id number check digit does not match (kept)",
                          "身份号码校验位不符（已保留）"},
    [ZX_M_DS_BAD_DATE] = {"'%s' is not a date", "“%s”不是日期"},
    [ZX_M_DS_BAD_MONTH] = {"'%s' is not a month", "“%s”不是月份"},
    [ZX_M_DS_BAD_AMOUNT] = {"'%s' is not an amount", "“%s”不是金额"},
    [ZX_M_DS_NOT_LISTED] = {"'%s' is not one of the listed codes", "“%s”不在列出的代码之中"},
    [ZX_M_SUMMARY_HEAD] = {"%-22s %10s %10s %10s %10s %10s %10s",
                           "%-22s %10s %10s %10s %10s %10s %10s"},
    [ZX_M_SUMMARY_TOTAL] = {"read %lld = imported %lld + rejected %lld",
                            "读取 %lld 行 = 导入 %lld 行 + 拒收 %lld 行"},
    [ZX_M_SUMMARY_COL_FILE] = {"file", "文件"},
    [ZX_M_SUMMARY_COL_READ] = {"read", "读取"},
    [ZX_M_SUMMARY_COL_INSERTED] = {"inserted", "新增"},
    [ZX_M_SUMMARY_COL_UPDATED] = {"updated", "更新"},
    [ZX_M_SUMMARY_COL_UNCHANGED] = {"unchanged", "未变"},
    [ZX_M_SUMMARY_COL_WARNED] = {"warned", "有警告"},
    [ZX_M_SUMMARY_COL_REJECTED] = {"rejected", "拒收"},
    /* rows warned (%ld), seconds (%.2f), rows per second (%.0f) */
    [ZX_M_SUMMARY_SPEED] = {" (%ld imported with warnings)  %.2f s  %.0f rows/s\n",
                            "（其中 %ld 行有警告）  用时 %.2f 秒  %.0f 行/秒\n"},
    [ZX_M_SUMMARY_REJECTS_FILE] = {"rejected and warned rows: %s\n", "拒收与警告明细：%s\n"},
    [ZX_M_IMPORT_NOTHING] = {"nothing was imported", "未导入任何数据。"},
    /* option parsing: %s is the option ("--from") unless said otherwise */
    [ZX_M_OPT_USAGE] = {"usage: ", "用法："},
    [ZX_M_OPT_OPTIONS] = {"options:", "选项："},
    [ZX_M_OPT_HELP] = {"this help", "显示本帮助"},
    [ZX_M_OPT_SEE_HELP] = {"see 'zhixiao %s --help'", "参见“zhixiao %s --help”"},
    [ZX_M_OPT_UNKNOWN] = {"unknown option '%s'", "未知选项“%s”"},
    [ZX_M_OPT_NEEDS_VALUE] = {"%s: expected %s after it", "%s：其后应给出 %s"},
    [ZX_M_OPT_NO_VALUE] = {"%s: takes no value, got '%s'", "%s：不带取值，却给了“%s”"},
    [ZX_M_OPT_BAD_DATE] = {"%s: expected a date YYYY-MM-DD, got '%s'",
                           "%s：应为日期 YYYY-MM-DD，实为“%s”"},
    [ZX_M_OPT_BAD_INT] = {"%s: expected an integer from %lld to %lld, got '%s'",
                          "%s：应为 %lld 至 %lld 的整数，实为“%s”"},
    [ZX_M_OPT_BAD_CHOICE] = {"%s: expected one of %s, got '%s'", "%s：应为 %s 之一，实为“%s”"},
    [ZX_M_OPT_TOO_MANY] = {"%s: given more than %d times", "%s：最多可给出%d次"},
    [ZX_M_OPT_MISSING] = {"%s is required", "缺少必需选项 %s"},
    [ZX_M_OPT_MISSING_ARG] = {"missing %s", "缺少参数 %s"},
    [ZX_M_OPT_EXTRA_ARG] = {"unexpected argument '%s'", "多余的参数“%s”"},
    [ZX_M_OPT_FROM_AFTER_TO] = {"--from %s is after --to %s", "--from %s 晚于 --to %s"},
    [ZX_M_OPT_NO_SUB] = {"which subcommand?", "缺少子命令"},
    [ZX_M_OPT_UNKNOWN_SUB] = {"'%s' is not a subcommand", "“%s”不是子命令"},
    [ZX_M_OPT_SUBCOMMAND] = {"subcommand", "子命令"},
    [ZX_M_OPT_SUBCOMMANDS] = {"subcommands:", "子命令："},
    [ZX_M_OPT_SUB_HELP] = {"'zhixiao %s <subcommand> --help' describes one.",
                           "“zhixiao %s <子命令> --help”说明各子命令。"},
    /* command line: shared by the commands */
    [ZX_M_CLI_CANNOT_OPEN_DB] = {"cannot open database '%s'", "无法打开数据库“%s”"},
    [ZX_M_CLI_CANNOT_OPEN_DB_IMPORT] = {"cannot open database '%s' (import a bundle first)",
                                        "无法打开数据库“%s”（请先导入数据包）"},
    [ZX_M_CLI_CANNOT_READ_DB] = {"cannot read database '%s'", "无法读取数据库“%s”"},
    [ZX_M_CLI_NO_UNITS] = {"%s holds no units (import a bundle first)",
                           "%s 中没有单位（请先导入数据包）"},
    [ZX_M_CLI_NO_UNIT] = {"no unit '%s' in %s", "%2$s 中没有单位“%1$s”"},
    [ZX_M_CLI_NO_STAFF] = {"no staff member '%s' in %s", "%2$s 中没有人员“%1$s”"},
    [ZX_M_CLI_NO_INDICATOR] = {"no indicator '%s' in catalog %s", "指标目录 %2$s 中没有指标“%1$s”"},
    [ZX_M_CLI_NO_INDICATOR_CAT] =
        {"no indicator '%s' in catalog %s (a structure needs its category, e.g. "
         "duty_structure.criminal)",
         "指标目录 %2$s 中没有指标“%1$s”（结构比须指明类别，如 duty_structure.criminal）"},
    [ZX_M_CLI_OOM] = {"out of memory", "内存不足"},
    [ZX_M_CLI_BAD_LINES] = {"takes criminal, civil, administrative or public_interest (or "
                            "刑事/民事/行政/公益诉讼), comma-separated",
                            "应为 criminal、civil、administrative 或 public_interest（或 "
                            "刑事/民事/行政/公益诉讼），以逗号分隔"},
    [ZX_M_CLI_NOT_COMMAND] = {"'%s' is not a command", "“%s”不是命令"},
    [ZX_M_CLI_COMMANDS] = {"commands:", "命令："},
    [ZX_M_CLI_COMMAND_HELP] = {"'zhixiao <command> --help' describes a command.",
                               "“zhixiao <命令> --help”说明各命令。"},
    [ZX_M_CLI_WROTE_BULLETIN] = {"wrote %s (%s, %s)\n", "已生成 %s（%s，%s）\n"},
    [ZX_M_CLI_DEPT_NO_JSON] =
        {"--by department has no JSON form (spec §7): use --format table or csv",
         "--by department 没有 JSON 形式（规范 §7）：请用 --format table 或 csv"},
    /* command line: review-sentences */
    [ZX_M_REVIEW_SUMMARY] = {"%ld findings (%ld violation, %ld review, %ld pattern) over %zu "
                             "convicts and %zu changes\n",
                             "发现问题 %ld 条（违规 %ld 条、需复核 %ld 条、规律性问题 %ld "
                             "条），共审查罪犯 %zu 名、刑罚变更 %zu 次\n"},
    /* command line: generate */
    [ZX_M_GEN_BAD_SEED] = {"'%s' is not a seed (a number from 0 to 18446744073709551615)",
                           "“%s”不是种子（应为 0 至 18446744073709551615 的整数）"},
    [ZX_M_GEN_WROTE] = {"wrote %s (seed %llu, scale %s): ", "已生成 %s（种子 %llu，规模 %s）："},
    [ZX_M_GEN_COUNTS] = {"%lld units, %lld staff, %lld cases, %lld persons, %lld events, %lld "
                         "institutions, %lld convicts, %lld sentence changes",
                         "单位 %lld 个、工作人员 %lld 名、案件 %lld 件、涉案人员 %lld 人、事件 "
                         "%lld 条、监管场所 %lld 个、罪犯 %lld 名、刑罚变更 %lld 次"},
    [ZX_M_GEN_PLANTED] =
        {"; planted %lld rows to reject and %lld to keep with a warning, listed in "
         "expected-issues.csv",
         "；植入应拒收行 %lld 行、应带警告保留行 %lld 行，列于 expected-issues.csv"},
    [ZX_M_GEN_VIOLATIONS] = {"; planted %lld 减假暂 violations, listed in expected-findings.csv",
                             "；植入减假暂违规 %lld 处，列于 expected-findings.csv"},
    [ZX_M_GEN_DOCUMENTS] = {"; %lld documents in documents.csv", "；documents.csv 文书 %lld 份"},
    [ZX_M_GEN_SIZE] = {"; %.1f MB in %.2f s.\n", "；共 %.1f MB，用时 %.2f 秒。\n"},
    /* command line: settings and target */
    [ZX_M_SET_ON] = {"on", "开启"},
    [ZX_M_SET_OFF] = {"off", "关闭"},
    [ZX_M_SET_UNKNOWN] = {"'%s' is not a setting (ranking)", "“%s”不是设置项（应为 ranking）"},
    [ZX_M_SET_ON_OFF] = {"ranking is on or off, not '%s'", "排名只能为 on 或 off，不能为“%s”"},
    [ZX_M_SET_RANKING_SET] = {"unit %s: ranking of its child units %s\n",
                              "单位 %s：下级单位排名已%s\n"},
    [ZX_M_SET_RANKING_ROW] = {"%-16s %-24s ranking %s\n", "%-16s %-24s 排名%s\n"},
    [ZX_M_SET_RANKING_ONE] = {"%-16s ranking %s\n", "%-16s 排名%s\n"},
    [ZX_M_SET_CANNOT_READ] = {"cannot read the settings", "无法读取设置"},
    [ZX_M_TGT_NOT_IN_CATALOG] = {"(not in catalog)", "（不在指标目录中）"},
    [ZX_M_TGT_STRUCTURE] =
        {"%s is a category of a structure ratio, which is read as a whole and takes no target",
         "%s 是结构比的一个类别，结构比作为整体解读，不设目标值"},
    [ZX_M_TGT_BAD_RATIO] = {"--value '%s' is not a ratio (1.30, 1:1.30 or 130)",
                            "--value“%s”不是比值（应为 1.30、1:1.30 或 130）"},
    [ZX_M_TGT_BAD_PERCENT] = {"--value '%s' is not a percentage from 0 to 100",
                              "--value“%s”不是 0 至 100 的百分数"},
    [ZX_M_TGT_REMOVED_ONE] = {"%d target removed\n", "已删除目标值 %d 个\n"},
    [ZX_M_TGT_REMOVED] = {"%d targets removed\n", "已删除目标值 %d 个\n"},
    /* command line: user */
    [ZX_M_USER_PASSWORD_PROMPT] = {"password: ", "密码："},
    [ZX_M_USER_ACTIVE] = {"active", "启用"},
    [ZX_M_USER_DISABLED] = {"disabled", "停用"},
    [ZX_M_USER_TOO_LONG] = {"name, unit or staff id too long", "登录名、单位编号或人员编号过长"},
    [ZX_M_USER_NO_PASSWORD] = {"no password given", "未提供密码"},
    [ZX_M_USER_ADDED] = {"added %s (unit %s)\n", "已添加 %s（单位 %s）\n"},
    [ZX_M_USER_PASSWD] = {"password of %s changed; its sessions ended\n",
                          "%s 的密码已更改，其会话已结束\n"},
    [ZX_M_USER_DISABLED_DONE] = {"%s disabled; its sessions ended\n", "%s 已停用，其会话已结束\n"},
    [ZX_M_USER_ENABLED_DONE] = {"%s enabled\n", "%s 已启用\n"},
    /* command line: inspect */
    [ZX_M_INSP_ABOUT] =
        {"Rules: legal-rules.md §4 (《人民检察院巡回检察工作规定》2021) and §1.9. A plan "
         "is\nchecked against the §4.1 minimum duration, on-site days and team of its type "
         "(the\nplan is stored even so). Replies are due 7 days after an oral opinion, 15 days "
         "after\na 纠正违法通知书 and 2 months after a 检察建议书 (the serving day not "
         "counted;\nmonths to the same day number, §1.1 C1/C4); an unanswered written disposition "
         "is\nreported to the higher procuratorate the day after; feedback within 30 days of "
         "the\nend; the 整改 follow-up within 3 months. --date defaults to today. Categories: ",
         "规则：legal-rules.md §4（《人民检察院巡回检察工作规定》2021）和 §1.9。计划按其类型\n检查 "
         "§4.1 规定的最短时间、现场检察天数和人员（不符合的也照常保存）。口头纠正 7 "
         "日、\n纠正违法通知书 15 日、检察建议书 2 "
         "个月内应回复（送达当日不计入；月至对应日，\n§1.1 "
         "C1/C4）；书面处置逾期未回复的，次日报告上级院；结束后 30 日内反馈；3 "
         "个月内\n整改跟进。--date 默认为今天。问题类别："},
    [ZX_M_INSP_ABOUT_TAIL] =
        {".\n\nexit status: 0 done, 1 done with rule violations, overdue items or coverage gaps, 2 "
         "usage or error\n",
         "。\n\n退出状态：0 完成，1 完成但有违规、逾期或覆盖缺口，2 用法或其他错误\n"},
    [ZX_M_INSP_NEED_PERIOD] = {"--period or --from and --to are required",
                               "须给出 --period，或同时给出 --from 和 --to"},
    /* command line: inspect (the English keeps the terms the tests and scripts read) */
    [ZX_M_INSP_VIOLATION] = {"violation", "违规"},
    [ZX_M_INSP_NOTE] = {"note", "提示"},
    [ZX_M_INSP_PLAN_OK] =
        {"  符合 (meets) legal-rules.md §4.1 on duration, days on site and team\n",
         "  符合 legal-rules.md §4.1 的时间、现场天数和人员要求\n"},
    [ZX_M_INSP_BAD_TYPE] =
        {"--type is routine, cross, special or ad_hoc (a follow-up is special or ad_hoc, art. 40)",
         "--type 应为 routine、cross、special 或 ad_hoc（跟进检察为 special 或 ad_hoc，第四十条）"},
    [ZX_M_INSP_NO_PLAN] = {"no plan '%s' in the database", "数据库中没有计划“%s”"},
    [ZX_M_INSP_NEED_TARGET] = {"--unit, --institution and a known institution kind are required",
                               "须给出 --unit、--institution 和已知的被检察单位类别"},
    [ZX_M_INSP_PLAN_STORED] =
        {"plan %s stored: %s, %d institution(s), %s to %s, %d on site, team of %zu, case %s\n",
         "计划 %s 已保存：%s，被检察单位 %d 个，%s 至 %s，现场检察 %d 日，检察组 %zu 人，案件 "
         "%s\n"},
    [ZX_M_INSP_FEEDBACK_DUE] = {"  feedback due %s (30 days after the end, art. 35)",
                                "  反馈期限 %s（结束后30日，第三十五条）"},
    [ZX_M_INSP_FOLLOWUP_DUE] = {"; 整改 follow-up due %s (within 3 months, art. 40)",
                                "；整改跟进期限 %s（3个月内，第四十条）"},
    [ZX_M_INSP_FOLLOWUP_OF] = {"  follow-up of %s: due by %s — %s\n",
                               "  计划 %s 的整改跟进：期限 %s — %s\n"},
    [ZX_M_INSP_RESIDENT_PULL] =
        {"  resident offices %s, %s to %s (XH2021 art. 28): %d log entries, "
         "%d gaps, %d findings (%d rectified), %d correction notices, "
         "%d suggestions, %d overdue\n",
         "  派驻检察情况（第二十八条）%s，%s 至 %s：工作日志 %d 条，履职缺口 %d "
         "项，发现问题 %d 个（已整改 %d），纠正违法通知书 %d、检察建议书 %d，逾期未回复 "
         "%d\n"},
    [ZX_M_INSP_ON_TIME] = {"on time", "按期"},
    [ZX_M_INSP_LATE_40] = {"LATE (XH2021 第四十条: 3个月内)",
                           "逾期（巡回检察工作规定第四十条：3个月内）"},
    [ZX_M_INSP_RECT_UNKNOWN] = {"--rectified names a finding plan %s does not have",
                                "--rectified 所列问题不属于计划 %s"},
    [ZX_M_INSP_RECTIFIED] = {"  %d finding(s) of %s confirmed rectified on %s\n",
                             "  计划 %2$s 的 %1$d 个问题于 %3$s 确认整改\n"},
    [ZX_M_INSP_BAD_CATEGORY] = {"unknown category '%s' (see --help)",
                                "未知问题类别“%s”（见 --help）"},
    [ZX_M_INSP_BAD_DISP_KIND] = {"--kind is oral, correction_notice or suggestion",
                                 "--kind 应为 oral、correction_notice 或 suggestion"},
    [ZX_M_INSP_DISPOSED] = {"%s\t%s\treply due %s\n", "%s\t%s\t回复期限 %s\n"},
    [ZX_M_INSP_REPLY_RECORDED] = {"reply to %s recorded\n", "已登记对 %s 的回复\n"},
    [ZX_M_INSP_FEEDBACK_EARLY] = {"the feedback meeting follows the inspection's end",
                                  "反馈应在巡回检察结束之后"},
    [ZX_M_INSP_FEEDBACK] = {"feedback of %s on %s: due by %s — %s\n",
                            "计划 %s 于 %s 反馈：期限 %s — %s\n"},
    [ZX_M_INSP_LATE_35] = {"LATE (XH2021 第三十五条: 30日内)",
                           "逾期（巡回检察工作规定第三十五条：30日内）"},
    [ZX_M_INSP_CHECK_DONE] = {"checklist item %d of %s done\n",
                              "计划 %2$s 检察清单第 %1$d 项已完成\n"},
    [ZX_M_INSP_NO_SUCH_UNIT] = {"no such unit", "没有该单位"},
    [ZX_M_INSP_NO_SUCH_PLAN] = {"no such plan", "没有该计划"},
    [ZX_M_INSP_AS_OF] = {"as of %s\n", "截至 %s\n"},
    [ZX_M_INSP_ST_PLAN] = {"plan %s %s %s..%s findings %d rectified %d\n",
                           "计划 %s %s %s..%s 问题 %d 个 已整改 %d 个\n"},
    [ZX_M_INSP_ST_FEEDBACK] = {"  feedback  due %s  %s%s\n", "  反馈      期限 %s  %s%s\n"},
    [ZX_M_INSP_ST_NO_FOLLOWUP] = {"  followup  —  无需\n", "  整改跟进  —  无需\n"},
    [ZX_M_INSP_ST_FOLLOWUP] = {"  followup  due %s  %s%s %s\n", "  整改跟进  期限 %s  %s%s %s\n"},
    [ZX_M_INSP_ST_DISP] = {"  %-24s %-8s served %s due %s  %s", "  %-24s %-8s 送达 %s 期限 %s  %s"},
    [ZX_M_INSP_ST_LATE] = {" (late)", "（逾期回复）"},
    [ZX_M_INSP_ST_ESCALATED] = {"  → escalated to %s %s (%s)", "  → 已报告上级院 %s %s（%s）"},
    [ZX_M_INSP_ST_NO_PARENT] = {"无上级院", "无上级院"},
    [ZX_M_INSP_ST_UPGRADE] = {"  → issue a written 纠正意见 (%s)", "  → 应制发书面纠正意见（%s）"},
    [ZX_M_INSP_NO_PLANS] = {"no inspection plan\n", "没有巡回检察计划\n"},
    [ZX_M_INSP_COV_HEAD] =
        {"institution name                           kind             routine cross other  gap\n",
         "被检察单位      名称                             类别                    常规    交叉    "
         "其他  缺口\n"},
    [ZX_M_INSP_COV_GAP] = {"GAP 年度未巡回检察", "缺口：年度未巡回检察"},
    [ZX_M_INSP_OK] = {"ok", "符合"},
    [ZX_M_INSP_GAP] = {"GAP", "缺口"},
    [ZX_M_INSP_COV_CROSS] =
        {"cross %s %s: %d of %d prisons cross-inspected in %d (need ≥ 1/3)  %s\n",
         "交叉巡回检察 %1$s %2$s：%5$d 年 %4$d 所监狱中交叉巡回检察 %3$d 所（须不少于三分之一）  "
         "%6$s\n"},
    [ZX_M_INSP_COV_GAPS] = {"gaps: %d\n", "缺口：%d\n"},
    [ZX_M_INSP_STATS] = {"%s %s..%s: %d inspections, %d institutions inspected, %d categories (%d "
                         "kinds), %d problems, %d rectified\n",
                         "%s %s..%s：巡回检察 %d 次，检察单位 %d 个，问题 %d 类（%d 种），问题 %d "
                         "个，已整改 %d 个\n"},
    [ZX_M_INSP_STATS_DISP] = {"dispositions: %d oral, %d correction_notice, %d suggestion; %d "
                              "answered, %d open, %d overdue, %d escalated\n",
                              "处置：口头纠正 %d，纠正违法通知书 %d，检察建议书 %d；已回复 "
                              "%d，待回复 %d，逾期 %d，已报上级院 %d\n"},
    [ZX_M_INSP_STATS_HEAD] =
        {"category             label              problems rectified institutions\n",
         "类别代码                 问题类别                    问题数       已整改         "
         "涉及单位\n"},
    [ZX_M_CLI_CANNOT_CREATE] = {"cannot create '%s': %s", "无法创建“%s”：%s"},
    [ZX_M_CLI_CANNOT_WRITE] = {"cannot write '%s': %s", "无法写入“%s”：%s"},
    [ZX_M_CLI_WROTE] = {"wrote %s\n", "已生成 %s\n"},
    /* 减假暂 findings: terms */
    [ZX_M_EX_START] = {"start", "起始时间"},
    [ZX_M_EX_START_AFTER_LIFE] = {"start after 无期", "减为无期后起始"},
    [ZX_M_EX_INTERVAL] = {"interval after service", "送达后间隔"},
    [ZX_M_EX_LAST_REDUCTION] = {"≥ the last reduction", "不少于上次减刑幅度"},
    [ZX_M_EX_WHY_RECIDIVIST] = {"累犯", "累犯"},
    [ZX_M_EX_WHY_VIOLENT] = {"violent list, ≥ 10 years, 无期 or 死缓",
                             "暴力犯罪名单且判处十年以上、无期或死缓"},
    [ZX_M_EX_WHY_DUTY_UNPAID] = {"贪污贿赂, property penalties unpaid",
                                 "贪污贿赂犯罪，有能力履行而未履行财产性判项"},
    [ZX_M_EX_WHY_UNPAID] = {"property penalties unpaid", "有能力履行而未履行财产性判项"},
    [ZX_M_EX_WHY_SECOND] = {"second parole", "再次假释"},
    [ZX_M_EX_PAROLE] = {"parole", "假释"},
    [ZX_M_EX_ILLNESS] = {"illness", "严重疾病"},
    [ZX_M_EX_PREGNANCY] = {"pregnancy", "怀孕或正在哺乳"},
    [ZX_M_EX_SELF_CARE] = {"self_care", "生活不能自理"},
    /* 减假暂 findings: %N$s are dates, numbers, terms or the rule's own text */
    [ZX_M_EX_DATE] = {"%1$s", "%1$s"},
    /* due day, what (a term), months, from */
    [ZX_M_EX_DUE_LIMIT] = {"≥ %1$s (%2$s: %3$s months after %4$s)",
                           "不早于 %1$s（%2$s：%4$s 后 %3$s 个月）"},
    /* the same, then why the law does not settle the exemption and its article */
    [ZX_M_EX_DUE_LIMIT_WHY] = {"≥ %1$s (%2$s: %3$s months after %4$s); %5$s (%6$s)",
                               "不早于 %1$s（%2$s：%4$s 后 %3$s 个月）；%5$s（%6$s）"},
    /* due day, numerator, denominator, term in months */
    [ZX_M_EX_DUE_PAROLE_SHARE] = {"≥ %1$s (%2$s/%3$s of %4$s months, pre-trial credited)",
                                  "不早于 %1$s（%4$s 个月的 %2$s/%3$s，先行羁押折抵）"},
    [ZX_M_EX_DUE_LIFE] = {"≥ %1$s (13 years served)", "不早于 %1$s（实际执行 13 年）"},
    [ZX_M_EX_DUE_SD] = {"≥ %1$s (15 years after the 死缓 period)",
                        "不早于 %1$s（死缓考验期满后 15 年）"},
    /* due day, months, day of service */
    [ZX_M_EX_DUE_AFTER_SERVICE] = {"≥ %1$s (%2$s months after service %3$s)",
                                   "不早于 %1$s（送达（%3$s）后 %2$s 个月）"},
    /* due day, denominator, term in months */
    [ZX_M_EX_DUE_TEMP_SHARE] = {"≥ %1$s (1/%2$s of %3$s months served)",
                                "不早于 %1$s（实际执行 %3$s 个月的 1/%2$s）"},
    /* due day, months, day of the fixed term */
    [ZX_M_EX_DUE_AFTER_FIXED] = {"≥ %1$s (%2$s months after the fixed term of %3$s)",
                                 "不早于 %1$s（%3$s 减为有期徒刑后 %2$s 个月）"},
    [ZX_M_EX_AT_MOST_MONTHS] = {"≤ %1$s months", "≤ %1$s 个月"},
    [ZX_M_EX_AT_LEAST_MONTHS] = {"≥ %1$s months", "≥ %1$s 个月"},
    [ZX_M_EX_MONTHS] = {"%1$s months", "%1$s 个月"},
    /* numerator, denominator, term in months */
    [ZX_M_EX_FLOOR_SHARE] = {"≥ %1$s/%2$s of %3$s months served",
                             "实际执行不少于 %3$s 个月的 %1$s/%2$s"},
    /* last day to serve, months, from */
    [ZX_M_EX_RELEASE_DUE] = {"release ≥ %1$s (%2$s months from %3$s)",
                             "释放日不早于 %1$s（自 %3$s 起 %2$s 个月）"},
    [ZX_M_EX_RELEASE] = {"release %1$s", "释放日 %1$s"},
    [ZX_M_EX_RULED_DUE] = {"ruled ≥ %1$s (end of the 2-year period)",
                           "裁定日不早于 %1$s（死缓二年考验期满）"},
    /* why (a term) */
    [ZX_M_EX_NO_PAROLE] = {"no parole (%1$s)", "不得假释（%1$s）"},
    /* the sentence kind (死缓, 管制, 无期) */
    [ZX_M_EX_TEMP_NONE] = {"none for %1$s", "%1$s不适用暂予监外执行"},
    [ZX_M_EX_TEMP_PREGNANCY_ONLY] = {"pregnancy or nursing only (%1$s)", "%1$s仅限怀孕或正在哺乳"},
    [ZX_M_EX_FIXED_FIRST] = {"a fixed term first, then ≥ 7 years",
                             "先减为有期徒刑，其后实际执行不少于 7 年"},
    [ZX_M_EX_BELOW_CAP] = {"some commutations below the cap", "部分减刑低于上限"},
    /* at the cap, commutations */
    [ZX_M_EX_AT_CAP] = {"%1$s of %2$s commutations at the cap", "%2$s 次减刑中 %1$s 次顶格"},
    [ZX_M_EX_NOT_EARLIEST] = {"proposals not tied to the earliest day",
                              "报请日不集中于最早可报请日"},
    /* near the earliest day, proposals, days of tolerance */
    [ZX_M_EX_NEAR_EARLIEST] = {"%1$s of %2$s proposals within ±%3$s days of the earliest day",
                               "%2$s 次报请中 %1$s 次在最早可报请日前后 %3$s 日内"},
    /* library errors (zx_err_setm): printf formats, the English as the library wrote it */
    [ZX_M_ERR_OOM] = {"out of memory", "内存不足"},
    /* item */
    [ZX_M_Q_UNKNOWN_ITEM] = {"unknown form item '%s'", "评查表中没有评查项“%s”"},
    /* item, result */
    [ZX_M_Q_BAD_RESULT] = {"item '%s': finding '%s' is not ok, flaw or error",
                           "评查项“%s”：评查意见“%s”应为符合、瑕疵或错误"},
    [ZX_M_Q_FLAW_NEEDS_CODE] = {"item '%s': a flaw names its situation code",
                                "评查项“%s”：认定瑕疵须注明瑕疵情形"},
    /* item, code */
    [ZX_M_Q_UNKNOWN_SITUATION] = {"item '%s': unknown flaw situation '%s'",
                                  "评查项“%s”：没有瑕疵情形“%s”"},
    [ZX_M_Q_OK_NO_SITUATION] = {"item '%s': 符合 names no flaw situation",
                                "评查项“%s”：认定符合的不注明瑕疵情形"},
    /* number of flaws (or errors) */
    [ZX_M_Q_EXCELLENT_FLAWS] = {"优质 may be proposed only for a case without flaw or error (%d "
                                "flaws)",
                                "只有无瑕疵、无错误的案件才能提名优质（本案认定瑕疵或错误 %d 处）"},
    [ZX_M_Q_EXCELLENT_ERRORS] = {"优质 may be proposed only for a case without flaw or error (%d "
                                 "errors)",
                                 "只有无瑕疵、无错误的案件才能提名优质（本案认定错误 %d 处）"},
    [ZX_M_Q_NO_REVIEWER] = {"a review names its reviewer", "评查须注明评查员"},
    [ZX_M_Q_NO_DATE] = {"a review needs its date", "评查须注明评查日期"},
    /* case id */
    [ZX_M_Q_NOT_CLOSED] = {"case '%s' is not closed (已办结) on the review's date",
                           "案件“%s”在评查日期尚未办结"},
    [ZX_M_Q_ITEM_TWICE] = {"item '%s' given twice", "评查项“%s”重复填写"},
    [ZX_M_Q_OBJECT_NOT_HANDLER] = {"only the case's handler (%s) may object to review %s",
                                   "只有承办检察官（%s）可以对评查结果 %s 提出异议"},
    [ZX_M_Q_OBJECTION_REASONS] = {"an objection (异议) states its reasons", "异议须说明理由"},
    [ZX_M_Q_OBJECTION_DATE] = {"an objection is dated on or after the grading",
                               "异议日期不得早于评定日期"},
    [ZX_M_Q_BAD_GRADE] = {"'%s' is not a grade (优质, 合格, 基本合格, 不合格)",
                          "“%s”不是评查等级（应为优质、合格、基本合格或不合格）"},
    [ZX_M_Q_ANSWER_WHO] = {"an answer names who answers and says why", "答复须注明答复人和理由"},
    [ZX_M_Q_ANSWER_DATE] = {"an answer is dated on or after the objection",
                            "答复日期不得早于异议日期"},
    [ZX_M_GOV_BAD_KIND] =
        {"kind: '%s' is not social_governance, trial, enforcement, retrial, pre_litigation, "
         "execution or other",
         "检察建议类别“%s”无效（应为社会治理、审判、执行、再审、诉前、刑事执行或其他：social_"
         "governance、trial、enforcement、retrial、pre_litigation、execution、other）"},
    [ZX_M_GOV_NO_ADDRESSEE] = {"addressee: the organisation the suggestion goes to is required",
                               "须填写被建议单位"},
    [ZX_M_GOV_NO_PROBLEM] = {"problem: the problem found is required", "须填写发现的问题"},
    [ZX_M_GOV_DRAFT_DAY] = {"a draft needs its day and author", "草稿须注明日期和起草人"},
    [ZX_M_GOV_NO_DATE] = {"a date is required", "须填写日期"},
    /* the status and the one needed: codes in English, labels in Chinese (%N$.0s: below) */
    [ZX_M_GOV_WRONG_STATUS] = {"suggestion %1$s is %2$s (%3$s), not %4$s%5$.0s",
                               "检察建议 %1$s 当前为“%3$s”，不是“%5$s”%2$.0s%4$.0s"},
    [ZX_M_GOV_NEEDS_BASIS] =
        {"suggestion %s needs its legal basis and requested measures before it is issued",
         "检察建议 %s 须先填写法律依据和建议事项才能制发"},
    [ZX_M_GOV_ISSUE_BEFORE_DRAFT] = {"a suggestion cannot be issued before its draft",
                                     "制发日期不得早于起草日期"},
    [ZX_M_GOV_PERIOD] = {"the reply period must be positive", "回复期限须大于零"},
    [ZX_M_GOV_BAD_REPLY] =
        {"result: '%s' is not adopted, rectified or rejected",
         "回复结果“%s”无效（应为采纳 adopted、已整改 rectified 或不采纳 rejected）"},
    [ZX_M_GOV_REPLY_LONG] = {"the reply text is too long", "回复内容过长"},
    [ZX_M_GOV_REPLY_EARLY] = {"a reply cannot precede the suggestion (%s)",
                              "回复日期不得早于检察建议 %s 的制发日期"},
    [ZX_M_GOV_BAD_FOLLOWUP] = {"result: '%s' is not rectified or not_rectified",
                               "回头看结果“%s”无效（应为已整改 rectified 或未整改 not_rectified）"},
    [ZX_M_GOV_NOTE_LONG] = {"the note is too long", "说明过长"},
    [ZX_M_GOV_FOLLOWUP_EARLY] = {"回头看 cannot precede the reply (%s)",
                                 "回头看日期不得早于检察建议 %s 的回复日期"},
    [ZX_M_GOV_SUIT_NOT_PRE] =
        {"only a 诉前 (pre_litigation) suggestion leads to a public-interest suit; %1$s is "
         "%2$s%3$.0s",
         "只有诉前检察建议才能提起公益诉讼；%1$s 的类别为“%3$s”%2$.0s"},
    [ZX_M_GOV_SUIT_STATUS] = {"suggestion %s is %s (%s), not issued or failed",
                              "检察建议 %1$s 当前为“%3$s”，不是“已发出待回复”或“诉前未整改”%2$.0s"},
    [ZX_M_GOV_SUIT_WAIT] = {"suggestion %s awaits its reply until %s: no suit before",
                            "检察建议 %s 的回复期限至 %s，期满前不得起诉"},
    [ZX_M_GOV_SUIT_EARLY] = {"a suit cannot precede the suggestion", "起诉日期不得早于检察建议"},
    [ZX_M_GOV_BAD_HEARING] =
        {"type: '%s' is not custody_review, non_prosecution, appeal, civil, administrative, "
         "public_interest, judicial_aid or other",
         "听证类型“%s”无效（应为 "
         "custody_review、non_prosecution、appeal、civil、administrative、public_"
         "interest、judicial_aid 或 other）"},
    [ZX_M_GOV_HEARING_DATE] = {"date: the day of the hearing is required", "须填写听证日期"},
    [ZX_M_GOV_PARTICIPANTS] = {"participants: who took part is required", "须填写参加人员"},
    [ZX_M_GOV_FOLLOWED] = {"followed is 1, 0 or unknown",
                           "是否采纳听证意见应为 1（是）、0（否）或未知"},
    [ZX_M_GOV_BAD_ACTIVITY] =
        {"activity: '%s' is not hearing, case_review, trial_observation, inspection, "
         "non_prosecution or other",
         "监督活动类型“%s”无效（应为 "
         "hearing、case_review、trial_observation、inspection、non_prosecution 或 other）"},
    [ZX_M_GOV_DAY] = {"date: the day is required", "须填写日期"},
    [ZX_M_GOV_SUPERVISOR] = {"supervisor: the 人民监督员's name is required",
                             "须填写人民监督员姓名"},
    [ZX_M_LEAD_NO_STAFF] = {"assign: a staff id is needed", "分派须指定承办人员"},
    [ZX_M_LEAD_BAD_FINDING] = {"finding must be confirmed or unfounded",
                               "核查结论应为属实（confirmed）或不属实（unfounded）"},
    [ZX_M_LEAD_NO_NOTES] = {"核查 needs notes: what was checked and found", "核查须填写核查情况"},
    [ZX_M_LEAD_CLOSE] = {"lead %s: only a lead verified as unfounded can be closed",
                         "线索 %s：只有核查不属实的线索才能办结"},
    [ZX_M_LEAD_TO_CASE] = {"lead %s: only a lead verified as confirmed becomes a case",
                           "线索 %s：只有核查属实的线索才能立案"},
    /* the lead, its status code, the status's Chinese name */
    [ZX_M_LEAD_CANNOT_ASSIGN] = {"lead %1$s is %2$s: cannot assign%3$.0s",
                                 "线索 %1$s 当前为“%3$s”状态，不能分派%2$.0s"},
    [ZX_M_LEAD_CANNOT_VERIFY] = {"lead %1$s is %2$s: cannot verify (assign it first)%3$.0s",
                                 "线索 %1$s 当前为“%3$s”状态，须先分派才能核查%2$.0s"},
    [ZX_M_LEAD_CANNOT_REPLY] = {"lead %1$s is %2$s: cannot record a reply (no case yet)%3$.0s",
                                "线索 %1$s 当前为“%3$s”状态，尚未立案，不能登记回复%2$.0s"},
    /* Not found. From here on, a row may take an argument only one language shows: the other
     * names it as "%N$.0s", which prints nothing (so English stays as it was while the Chinese
     * shows a label in place of an English code). */
    [ZX_M_NF_CASE] = {"no case '%s'", "没有案件“%s”"},
    [ZX_M_NF_CASE_DB] = {"no case '%s' in the database", "数据库中没有案件“%s”"},
    [ZX_M_NF_CANDIDATE] = {"no typical-case candidate '%s'", "没有典型案例候选“%s”"},
    [ZX_M_NF_REVIEW_PLAN] = {"no review plan '%s'", "没有评查计划“%s”"},
    [ZX_M_NF_SUGGESTION] = {"no suggestion '%s'", "没有检察建议“%s”"},
    [ZX_M_NF_UNIT] = {"no unit '%s'", "没有单位“%s”"},
    [ZX_M_NF_SUCH_UNIT] = {"no such unit", "没有该单位"},
    [ZX_M_NF_STAFF_DB] = {"no staff member '%s' in the database", "数据库中没有人员“%s”"},
    [ZX_M_NF_FINDING_DB] = {"no finding '%s' in the database", "数据库中没有发现问题“%s”"},
    [ZX_M_NF_DISPOSITION_DB] = {"no disposition '%s' in the database", "数据库中没有处置“%s”"},
    [ZX_M_NF_OFFICE_DB] = {"no office '%s' in the database", "数据库中没有派驻检察室“%s”"},
    [ZX_M_NF_INSP_PLAN] = {"no inspection plan '%s'", "没有巡回检察计划“%s”"},
    [ZX_M_NF_SEAL_RULE] = {"no sealing rule '%s'", "没有封存规则“%s”"},
    [ZX_M_NF_EVAL_ITEM] = {"no evaluation item '%s'", "没有评价项目“%s”"},
    [ZX_M_NF_REVIEW] = {"no review '%s'", "没有评查结果“%s”"},
    [ZX_M_NF_NOTICE] = {"no notice '%s'", "没有流程监控通知书“%s”"},
    [ZX_M_NF_UNIT_DB] = {"no unit '%s' in the database", "数据库中没有单位“%s”"},
    [ZX_M_NF_PLAN_DB] = {"no plan '%s' in the database", "数据库中没有巡回检察计划“%s”"},
    [ZX_M_NF_LOG_DB] = {"no log entry '%s' in the database", "数据库中没有检察日志“%s”"},
    [ZX_M_NF_INSTITUTION_DB] = {"no institution '%s' in the database", "数据库中没有监管场所“%s”"},
    /* 评查计划 */
    [ZX_M_QP_NO_UNIT] = {"a review plan needs its unit", "评查计划须指定单位"},
    [ZX_M_QP_NO_PERIOD] = {"a review plan needs a period (from ≤ to)",
                           "评查计划须指定期间（起日不晚于止日）"},
    [ZX_M_QP_RATIO] = {"常规抽查 needs a ratio in (0, 1], not %g",
                       "常规抽查的抽查比例应在 (0, 1] 之内，不能为 %g"},
    [ZX_M_QP_NO_ID] = {"常规抽查 needs its plan id (the sampling key)",
                       "常规抽查须有计划编号（抽样依据）"},
    [ZX_M_QP_BAD_LINE] = {"unknown line '%s'", "未知业务条线“%s”"},
    [ZX_M_QP_NO_FILTER] = {"专项评查 needs a filter: charge, line or department",
                           "专项评查须指定筛选条件：罪名、业务条线或部门"},
    [ZX_M_QP_BAD_KIND] = {"unknown plan kind", "未知的评查计划类型"},
    /* 典型案例: the act (nominate, write, …) and its Chinese name come last when shown */
    [ZX_M_CB_TOO_LONG] = {"%1$s: longer than %2$zu bytes%3$.0s", "%3$s超过 %2$zu 字节%1$.0s"},
    [ZX_M_CB_NO_NOMINATOR] = {"nominate: who nominates is required", "推荐须填写推荐人"},
    [ZX_M_CB_NO_REASON] = {"nominate: the reason (推荐理由) is required", "须填写推荐理由"},
    [ZX_M_CB_REASON_LONG] = {"nominate: the reason is longer than %d bytes",
                             "推荐理由超过 %d 字节"},
    [ZX_M_CB_ALREADY] = {"case %s is already candidate %s (%s)",
                         "案件 %s 已是典型案例候选 %s（%s）"},
    [ZX_M_CB_NO_ACTOR] = {"%1$s: who acts is required%2$.0s", "“%2$s”须填写操作人%1$.0s"},
    [ZX_M_CB_BAD_ACT] = {"unknown act '%s'", "未知操作“%s”"},
    [ZX_M_CB_NOT_ALLOWED] = {"%1$s: not allowed while candidate %2$s is %3$s (%4$s)%5$.0s",
                             "典型案例候选 %2$s 当前为“%4$s”状态，不能进行“%5$s”%1$.0s%3$.0s"},
    [ZX_M_CB_NO_TEXT] = {"%1$s: a reason or opinion is required%2$.0s",
                         "“%2$s”须填写理由或意见%1$.0s"},
    [ZX_M_CB_TEXT_LONG] = {"%1$s: the text is longer than %2$d bytes%3$.0s",
                           "“%3$s”的文字超过 %2$d 字节%1$.0s"},
    [ZX_M_CB_WRITEUP] = {"%1$s: the write-up lacks its %2$s%3$.0s%4$.0s",
                         "案例文稿缺少%4$s，不能进行“%3$s”%1$.0s%2$.0s"},
    [ZX_M_CB_BAD_LEVEL] = {"%1$s: level must be unit, city or province%2$.0s",
                           "“%2$s”的发布层级应为院、市或省%1$.0s"},
    [ZX_M_CB_LEVEL_UP] = {"%1$s: already published at %2$s (%3$s); promotion needs a higher "
                          "level%4$.0s",
                          "已在“%3$s”层级发布，“%4$s”须选择更高层级%1$.0s%2$.0s"},
    /* 综合评价, 绩效考评 */
    [ZX_M_AP_NOT_BELOW] = {"unit %s is not below the evaluating unit %s",
                           "单位 %s 不是评价单位 %s 的下级单位"},
    [ZX_M_AP_COMPUTED] = {"item %s is computed from the data, not entered",
                          "评价项目 %s 由数据计算得出，不能录入"},
    [ZX_M_AP_SCORE] = {"score must be between 0 and 100", "分数应在 0 至 100 之间"},
    [ZX_M_AP_REASON] = {"a reason (under %d bytes) is required", "须填写理由（少于 %d 字节）"},
    [ZX_M_AP_WHO] = {"who enters the score is required", "须填写录入人"},
    [ZX_M_AP_YEAR] = {"year must be between 1900 and 2099", "年度应在 1900 至 2099 之间"},
    [ZX_M_EV_PERIOD] = {"the period needs from <= to", "考评期间的起日不得晚于止日"},
    [ZX_M_EV_DRILL] = {"no component or staff member to drill into", "没有可下钻的考评项目或人员"},
    [ZX_M_EV_NO_INDICATOR] = {"component %s: no indicator '%s' in the catalog",
                              "考评项目 %s：指标目录中没有指标“%s”"},
    /* 监督事项: the stage code, then its Chinese name */
    [ZX_M_MN_BAD_STAGE] = {"no monitored stage '%s'", "没有监督环节“%s”"},
    [ZX_M_MN_NOT_OVERDUE] = {"the item is not overdue as of that day", "该事项截至当日未超期"},
    [ZX_M_MN_NO_ITEM] = {"no %1$s item of case %2$s%3$.0s", "案件 %2$s 没有%3$s事项%1$.0s"},
    [ZX_M_MN_NO_ITEM_PERSON] = {"no %1$s item of case %2$s person %3$s%4$.0s",
                                "案件 %2$s 人员 %3$s 没有%4$s事项%1$.0s"},
    /* 巡回检察 */
    [ZX_M_IN_BAD_PLAN_ID] = {"a plan id has 1 to 64 bytes and no quote",
                             "巡回检察计划编号应为 1 至 64 字节，且不含引号"},
    [ZX_M_IN_CASE_EXISTS] = {"case '%s' exists already", "案件“%s”已存在"},
    [ZX_M_IN_BAD_DISP] = {"a disposition is oral, correction_notice or suggestion",
                          "处置方式应为口头纠正意见、纠正违法通知书或检察建议书"},
    [ZX_M_IN_DISP_EARLY] = {"a disposition cannot precede its finding",
                            "处置日期不得早于发现问题的日期"},
    [ZX_M_IN_REPLY_EARLY] = {"a reply cannot precede the disposition (%s)",
                             "回复日期不得早于处置 %s 的日期"},
    [ZX_M_IN_REPLIED] = {"disposition '%s' has its reply already", "处置“%s”已有回复"},
    [ZX_M_IN_BAD_RESULT] = {"result '%1$s' does not answer a %2$s%3$.0s",
                            "回复结果“%1$s”不适用于%3$s%2$.0s"},
    /* 派驻检察 */
    [ZX_M_RS_PERIOD] = {"a gap report needs a period (from ≤ to)",
                        "缺口报告须指定期间（起日不晚于止日）"},
    [ZX_M_RS_BAD_OFFICE_ID] = {"an office id has 1 to 48 bytes", "派驻检察室编号应为 1 至 48 字节"},
    [ZX_M_RS_BAD_INST] = {"a resident office is at a prison or a detention house ('%s' is not)",
                          "派驻检察室只能设在监狱或看守所（“%s”不是）"},
    [ZX_M_RS_NOT_ITEM] = {"'%1$s' is not an item of the %2$s checklist%3$.0s",
                          "“%1$s”不是%3$s检察事项清单中的事项%2$.0s"},
    [ZX_M_RS_OPENED_AFTER] = {"office '%s' opened after that day",
                              "派驻检察室“%s”在该日之后才设立"},
    [ZX_M_RS_LOG_OFFICE] = {"log entry '%s' is not of office '%s'",
                            "检察日志“%s”不属于派驻检察室“%s”"},
    [ZX_M_RS_FINDING] = {"a finding needs its §4.4 category and its day",
                         "发现问题须填写 §4.4 问题类别和日期"},
    [ZX_M_RS_NOT_ASSIGNED] = {"'%s' is not assigned to office '%s'", "“%s”未派驻到派驻检察室“%s”"},
    /* refusals from the store's checks */
    [ZX_M_Q_CASE_NOT_IN_PLAN] = {"case '%s' is not in review plan '%s'",
                                 "案件“%s”不在评查计划“%s”中"},
    [ZX_M_Q_REVIEWED] = {"case '%s' of plan '%s' was reviewed already",
                         "评查计划“%2$s”中的案件“%1$s”已评查"},
    [ZX_M_Q_REVIEW_EXISTS] = {"review '%s' exists already", "评查结果“%s”已存在"},
    [ZX_M_MN_NOTICE_EXISTS] = {"this item already has a monitoring notice",
                               "该事项已发出流程监控通知书"},
    [ZX_M_MN_ANSWERED] = {"notice '%s' was answered already", "通知书“%s”已回复"},
    [ZX_M_RS_NO_OPENED] = {"an office needs the day it opened", "派驻检察室须填写设立日期"},
    [ZX_M_RS_OFFICE_EXISTS] = {"office '%s' exists already", "派驻检察室“%s”已存在"},
    [ZX_M_RS_NO_FIRST_DAY] = {"an assignment needs its first day", "派驻须填写起始日期"},
    [ZX_M_RS_ASSIGNED] = {"'%s' is assigned to office '%s' already", "“%s”已派驻到派驻检察室“%s”"},
    [ZX_M_RS_END_BEFORE] = {"an assignment cannot end before it began",
                            "派驻结束日期不得早于起始日期"},
    [ZX_M_RS_LOG_DAY] = {"a log entry needs its day", "检察日志须填写日期"},
    [ZX_M_RS_LOG_TEXT] = {"a log entry says what was found (up to %d bytes)",
                          "检察日志须填写检察情况（不超过 %d 字节）"},
    [ZX_M_RS_LOG_EXISTS] = {"log entry '%s' exists already", "检察日志“%s”已存在"},
    [ZX_M_IN_PLAN_SHAPE] =
        {"a plan needs a type, start ≤ end and 0 ≤ on-site days ≤ its length",
         "巡回检察计划须有类型，开始日期不晚于结束日期，现场检察天数不超过检察期限"},
    [ZX_M_IN_PLAN_NO_INST] = {"a plan inspects at least one institution",
                              "巡回检察计划须至少包含一个监管场所"},
    [ZX_M_IN_PLAN_EXISTS] = {"plan '%s' exists already", "巡回检察计划“%s”已存在"},
    [ZX_M_IN_FINDING_SHAPE] = {"a finding needs a category of §4.4 and a date",
                               "发现问题须填写 §4.4 问题类别和日期"},
    [ZX_M_IN_NOT_INSPECTED] = {"plan '%s' does not inspect institution '%s'",
                               "巡回检察计划“%s”不包含监管场所“%s”"},
    [ZX_M_IN_FINDING_EXISTS] = {"finding '%s' exists already", "发现问题“%s”已存在"},
    [ZX_M_IN_DISP_SHAPE] = {"a disposition needs a kind and a date", "处置须填写处置方式和日期"},
    [ZX_M_IN_REPLY_SHAPE] = {"a reply needs a date and a result", "回复须填写日期和回复结果"},
    /* terms */
    [ZX_M_T_ORAL] = {"oral", "口头纠正意见"},
    [ZX_M_T_CORRECTION_NOTICE] = {"correction_notice", "纠正违法通知书"},
    [ZX_M_T_SUGGESTION] = {"suggestion", "检察建议书"},
    [ZX_M_T_PRISON] = {"prison", "监狱"},
    [ZX_M_T_DETENTION_HOUSE] = {"detention-house", "看守所"},
    [ZX_M_T_LEAD_NEW] = {"new", "待分派"},
    [ZX_M_T_LEAD_ASSIGNED] = {"assigned", "核查中"},
    [ZX_M_T_LEAD_VERIFIED] = {"verified", "已核查"},
    [ZX_M_T_LEAD_UNFOUNDED] = {"unfounded", "不属实办结"},
    [ZX_M_T_LEAD_CASE] = {"case", "已成案"},
};

/* The API's names of the rows that leave the program (msg.h). */
static const char *const keys[ZX_M_COUNT_] = {
    [ZX_M_MODEL_NO_DATASET] = "model.no_dataset",
    [ZX_M_DS_SCHEMA_JSON] = "dataset.schema_json",
    [ZX_M_DS_SCHEMA_SHAPE] = "dataset.schema_shape",
    [ZX_M_DS_SCHEMA_COLUMN] = "dataset.schema_column",
    [ZX_M_DS_SCHEMA_TWICE] = "dataset.schema_twice",
    [ZX_M_DS_NEEDS_NAME] = "dataset.needs_name",
    [ZX_M_DS_BAD_NAME] = "dataset.bad_name",
    [ZX_M_DS_UNKNOWN_UNIT] = "dataset.unknown_unit",
    [ZX_M_DS_RECEIVED_ON] = "dataset.received_on",
    [ZX_M_DS_NO_HEADER] = "dataset.no_header",
    [ZX_M_DS_MISSING_COLUMN] = "dataset.missing_column",
    [ZX_M_AUTH_UNKNOWN_ROLE] = "auth.unknown_role",
    [ZX_M_AUTH_NO_ROLE] = "auth.no_role",
    [ZX_M_AUTH_PW_LENGTH] = "auth.password_length",
    [ZX_M_AUTH_PW_COMMON] = "auth.password_common",
    [ZX_M_AUTH_PW_NAME] = "auth.password_name",
    [ZX_M_AUTH_BAD_NAME] = "auth.bad_name",
    [ZX_M_AUTH_NEEDS_ROLE] = "auth.needs_role",
    [ZX_M_AUTH_NO_UNIT] = "auth.no_unit",
    [ZX_M_AUTH_NEEDS_STAFF] = "auth.needs_staff",
    [ZX_M_AUTH_NO_STAFF] = "auth.no_staff",
    [ZX_M_AUTH_STAFF_UNIT] = "auth.staff_unit",
    [ZX_M_AUTH_EXISTS] = "auth.exists",
    [ZX_M_AUTH_NO_ACCOUNT] = "auth.no_account",
    [ZX_M_EX_START] = "exec.start",
    [ZX_M_EX_START_AFTER_LIFE] = "exec.start_after_life",
    [ZX_M_EX_INTERVAL] = "exec.interval",
    [ZX_M_EX_LAST_REDUCTION] = "exec.last_reduction",
    [ZX_M_EX_WHY_RECIDIVIST] = "exec.why_recidivist",
    [ZX_M_EX_WHY_VIOLENT] = "exec.why_violent",
    [ZX_M_EX_WHY_DUTY_UNPAID] = "exec.why_duty_unpaid",
    [ZX_M_EX_WHY_UNPAID] = "exec.why_unpaid",
    [ZX_M_EX_WHY_SECOND] = "exec.why_second",
    [ZX_M_EX_PAROLE] = "exec.parole",
    [ZX_M_EX_ILLNESS] = "exec.illness",
    [ZX_M_EX_PREGNANCY] = "exec.pregnancy",
    [ZX_M_EX_SELF_CARE] = "exec.self_care",
    [ZX_M_EX_DATE] = "exec.date",
    [ZX_M_EX_DUE_LIMIT] = "exec.due_limit",
    [ZX_M_EX_DUE_LIMIT_WHY] = "exec.due_limit_why",
    [ZX_M_EX_DUE_PAROLE_SHARE] = "exec.due_parole_share",
    [ZX_M_EX_DUE_LIFE] = "exec.due_life",
    [ZX_M_EX_DUE_SD] = "exec.due_sd",
    [ZX_M_EX_DUE_AFTER_SERVICE] = "exec.due_after_service",
    [ZX_M_EX_DUE_TEMP_SHARE] = "exec.due_temp_share",
    [ZX_M_EX_DUE_AFTER_FIXED] = "exec.due_after_fixed",
    [ZX_M_EX_AT_MOST_MONTHS] = "exec.at_most_months",
    [ZX_M_EX_AT_LEAST_MONTHS] = "exec.at_least_months",
    [ZX_M_EX_MONTHS] = "exec.months",
    [ZX_M_EX_FLOOR_SHARE] = "exec.floor_share",
    [ZX_M_EX_RELEASE_DUE] = "exec.release_due",
    [ZX_M_EX_RELEASE] = "exec.release",
    [ZX_M_EX_RULED_DUE] = "exec.ruled_due",
    [ZX_M_EX_NO_PAROLE] = "exec.no_parole",
    [ZX_M_EX_TEMP_NONE] = "exec.temp_none",
    [ZX_M_EX_TEMP_PREGNANCY_ONLY] = "exec.temp_pregnancy_only",
    [ZX_M_EX_FIXED_FIRST] = "exec.fixed_first",
    [ZX_M_EX_BELOW_CAP] = "exec.below_cap",
    [ZX_M_EX_AT_CAP] = "exec.at_cap",
    [ZX_M_EX_NOT_EARLIEST] = "exec.not_earliest",
    [ZX_M_EX_NEAR_EARLIEST] = "exec.near_earliest",
    [ZX_M_ERR_OOM] = "err.oom",
    [ZX_M_Q_UNKNOWN_ITEM] = "quality.unknown_item",
    [ZX_M_Q_BAD_RESULT] = "quality.bad_result",
    [ZX_M_Q_FLAW_NEEDS_CODE] = "quality.flaw_needs_code",
    [ZX_M_Q_UNKNOWN_SITUATION] = "quality.unknown_situation",
    [ZX_M_Q_OK_NO_SITUATION] = "quality.ok_no_situation",
    [ZX_M_Q_EXCELLENT_FLAWS] = "quality.excellent_flaws",
    [ZX_M_Q_EXCELLENT_ERRORS] = "quality.excellent_errors",
    [ZX_M_Q_NO_REVIEWER] = "quality.no_reviewer",
    [ZX_M_Q_NO_DATE] = "quality.no_date",
    [ZX_M_Q_NOT_CLOSED] = "quality.not_closed",
    [ZX_M_Q_ITEM_TWICE] = "quality.item_twice",
    [ZX_M_Q_OBJECT_NOT_HANDLER] = "quality.object_not_handler",
    [ZX_M_Q_OBJECTION_REASONS] = "quality.objection_reasons",
    [ZX_M_Q_OBJECTION_DATE] = "quality.objection_date",
    [ZX_M_Q_BAD_GRADE] = "quality.bad_grade",
    [ZX_M_Q_ANSWER_WHO] = "quality.answer_who",
    [ZX_M_Q_ANSWER_DATE] = "quality.answer_date",
    [ZX_M_GOV_NO_ADDRESSEE] = "gov.no_addressee",
    [ZX_M_GOV_NO_PROBLEM] = "gov.no_problem",
    [ZX_M_GOV_DRAFT_DAY] = "gov.draft_day",
    [ZX_M_GOV_NO_DATE] = "gov.no_date",
    [ZX_M_GOV_WRONG_STATUS] = "gov.wrong_status",
    [ZX_M_GOV_ISSUE_BEFORE_DRAFT] = "gov.issue_before_draft",
    [ZX_M_GOV_PERIOD] = "gov.period",
    [ZX_M_GOV_REPLY_LONG] = "gov.reply_long",
    [ZX_M_GOV_REPLY_EARLY] = "gov.reply_early",
    [ZX_M_GOV_BAD_FOLLOWUP] = "gov.bad_followup",
    [ZX_M_GOV_NOTE_LONG] = "gov.note_long",
    [ZX_M_GOV_FOLLOWUP_EARLY] = "gov.followup_early",
    [ZX_M_GOV_SUIT_STATUS] = "gov.suit_status",
    [ZX_M_GOV_SUIT_WAIT] = "gov.suit_wait",
    [ZX_M_GOV_SUIT_EARLY] = "gov.suit_early",
    [ZX_M_GOV_HEARING_DATE] = "gov.hearing_date",
    [ZX_M_GOV_PARTICIPANTS] = "gov.participants",
    [ZX_M_GOV_FOLLOWED] = "gov.followed",
    [ZX_M_GOV_DAY] = "gov.day",
    [ZX_M_GOV_SUPERVISOR] = "gov.supervisor",
    [ZX_M_LEAD_NO_STAFF] = "lead.no_staff",
    [ZX_M_LEAD_BAD_FINDING] = "lead.bad_finding",
    [ZX_M_LEAD_NO_NOTES] = "lead.no_notes",
    [ZX_M_LEAD_CLOSE] = "lead.close",
    [ZX_M_LEAD_TO_CASE] = "lead.to_case",
    [ZX_M_LEAD_CANNOT_ASSIGN] = "lead.cannot_assign",
    [ZX_M_LEAD_CANNOT_VERIFY] = "lead.cannot_verify",
    [ZX_M_LEAD_CANNOT_REPLY] = "lead.cannot_reply",
    [ZX_M_GOV_BAD_KIND] = "gov.bad_kind",
    [ZX_M_GOV_NEEDS_BASIS] = "gov.needs_basis",
    [ZX_M_GOV_BAD_REPLY] = "gov.bad_reply",
    [ZX_M_GOV_SUIT_NOT_PRE] = "gov.suit_not_pre",
    [ZX_M_GOV_BAD_HEARING] = "gov.bad_hearing",
    [ZX_M_GOV_BAD_ACTIVITY] = "gov.bad_activity",
    [ZX_M_NF_CASE] = "nf.case",
    [ZX_M_NF_CASE_DB] = "nf.case_db",
    [ZX_M_NF_CANDIDATE] = "nf.candidate",
    [ZX_M_NF_REVIEW_PLAN] = "nf.review_plan",
    [ZX_M_NF_SUGGESTION] = "nf.suggestion",
    [ZX_M_NF_UNIT] = "nf.unit",
    [ZX_M_NF_SUCH_UNIT] = "nf.such_unit",
    [ZX_M_NF_STAFF_DB] = "nf.staff",
    [ZX_M_NF_FINDING_DB] = "nf.finding",
    [ZX_M_NF_DISPOSITION_DB] = "nf.disposition",
    [ZX_M_NF_OFFICE_DB] = "nf.office",
    [ZX_M_NF_INSP_PLAN] = "nf.inspection_plan",
    [ZX_M_NF_SEAL_RULE] = "nf.seal_rule",
    [ZX_M_NF_EVAL_ITEM] = "nf.evaluation_item",
    [ZX_M_NF_REVIEW] = "nf.review",
    [ZX_M_NF_NOTICE] = "nf.notice",
    [ZX_M_NF_UNIT_DB] = "nf.unit_db",
    [ZX_M_NF_PLAN_DB] = "nf.plan_db",
    [ZX_M_NF_LOG_DB] = "nf.log_entry",
    [ZX_M_NF_INSTITUTION_DB] = "nf.institution",
    [ZX_M_QP_NO_UNIT] = "plan.no_unit",
    [ZX_M_QP_NO_PERIOD] = "plan.no_period",
    [ZX_M_QP_RATIO] = "plan.ratio",
    [ZX_M_QP_NO_ID] = "plan.no_id",
    [ZX_M_QP_BAD_LINE] = "plan.bad_line",
    [ZX_M_QP_NO_FILTER] = "plan.no_filter",
    [ZX_M_QP_BAD_KIND] = "plan.bad_kind",
    [ZX_M_CB_TOO_LONG] = "casebook.too_long",
    [ZX_M_CB_NO_NOMINATOR] = "casebook.no_nominator",
    [ZX_M_CB_NO_REASON] = "casebook.no_reason",
    [ZX_M_CB_REASON_LONG] = "casebook.reason_long",
    [ZX_M_CB_ALREADY] = "casebook.already",
    [ZX_M_CB_NO_ACTOR] = "casebook.no_actor",
    [ZX_M_CB_BAD_ACT] = "casebook.bad_act",
    [ZX_M_CB_NOT_ALLOWED] = "casebook.not_allowed",
    [ZX_M_CB_NO_TEXT] = "casebook.no_text",
    [ZX_M_CB_TEXT_LONG] = "casebook.text_long",
    [ZX_M_CB_WRITEUP] = "casebook.writeup",
    [ZX_M_CB_BAD_LEVEL] = "casebook.bad_level",
    [ZX_M_CB_LEVEL_UP] = "casebook.level_up",
    [ZX_M_AP_NOT_BELOW] = "appraise.not_below",
    [ZX_M_AP_COMPUTED] = "appraise.computed",
    [ZX_M_AP_SCORE] = "appraise.score",
    [ZX_M_AP_REASON] = "appraise.reason",
    [ZX_M_AP_WHO] = "appraise.who",
    [ZX_M_AP_YEAR] = "appraise.year",
    [ZX_M_EV_PERIOD] = "evaluate.period",
    [ZX_M_EV_DRILL] = "evaluate.drill",
    [ZX_M_EV_NO_INDICATOR] = "evaluate.no_indicator",
    [ZX_M_MN_BAD_STAGE] = "monitor.bad_stage",
    [ZX_M_MN_NOT_OVERDUE] = "monitor.not_overdue",
    [ZX_M_MN_NO_ITEM] = "monitor.no_item",
    [ZX_M_MN_NO_ITEM_PERSON] = "monitor.no_item_person",
    [ZX_M_IN_BAD_PLAN_ID] = "inspect.bad_plan_id",
    [ZX_M_IN_CASE_EXISTS] = "inspect.case_exists",
    [ZX_M_IN_BAD_DISP] = "inspect.bad_disposition",
    [ZX_M_IN_DISP_EARLY] = "inspect.disposition_early",
    [ZX_M_IN_REPLY_EARLY] = "inspect.reply_early",
    [ZX_M_IN_REPLIED] = "inspect.replied",
    [ZX_M_IN_BAD_RESULT] = "inspect.bad_result",
    [ZX_M_RS_PERIOD] = "resident.period",
    [ZX_M_RS_BAD_OFFICE_ID] = "resident.bad_office_id",
    [ZX_M_RS_BAD_INST] = "resident.bad_institution",
    [ZX_M_RS_NOT_ITEM] = "resident.not_item",
    [ZX_M_RS_OPENED_AFTER] = "resident.opened_after",
    [ZX_M_RS_LOG_OFFICE] = "resident.log_office",
    [ZX_M_RS_FINDING] = "resident.finding",
    [ZX_M_RS_NOT_ASSIGNED] = "resident.not_assigned",
    [ZX_M_Q_CASE_NOT_IN_PLAN] = "quality.case_not_in_plan",
    [ZX_M_Q_REVIEWED] = "quality.reviewed",
    [ZX_M_Q_REVIEW_EXISTS] = "quality.review_exists",
    [ZX_M_MN_NOTICE_EXISTS] = "monitor.notice_exists",
    [ZX_M_MN_ANSWERED] = "monitor.answered",
    [ZX_M_RS_NO_OPENED] = "resident.no_opened",
    [ZX_M_RS_OFFICE_EXISTS] = "resident.office_exists",
    [ZX_M_RS_NO_FIRST_DAY] = "resident.no_first_day",
    [ZX_M_RS_ASSIGNED] = "resident.assigned",
    [ZX_M_RS_END_BEFORE] = "resident.end_before",
    [ZX_M_RS_LOG_DAY] = "resident.log_day",
    [ZX_M_RS_LOG_TEXT] = "resident.log_text",
    [ZX_M_RS_LOG_EXISTS] = "resident.log_exists",
    [ZX_M_IN_PLAN_SHAPE] = "inspect.plan_shape",
    [ZX_M_IN_PLAN_NO_INST] = "inspect.plan_no_institution",
    [ZX_M_IN_PLAN_EXISTS] = "inspect.plan_exists",
    [ZX_M_IN_FINDING_SHAPE] = "inspect.finding_shape",
    [ZX_M_IN_NOT_INSPECTED] = "inspect.not_inspected",
    [ZX_M_IN_FINDING_EXISTS] = "inspect.finding_exists",
    [ZX_M_IN_DISP_SHAPE] = "inspect.disposition_shape",
    [ZX_M_IN_REPLY_SHAPE] = "inspect.reply_shape",
    [ZX_M_T_ORAL] = "term.oral",
    [ZX_M_T_CORRECTION_NOTICE] = "term.correction_notice",
    [ZX_M_T_SUGGESTION] = "term.suggestion",
    [ZX_M_T_PRISON] = "term.prison",
    [ZX_M_T_DETENTION_HOUSE] = "term.detention_house",
    [ZX_M_T_LEAD_NEW] = "term.lead_new",
    [ZX_M_T_LEAD_ASSIGNED] = "term.lead_assigned",
    [ZX_M_T_LEAD_VERIFIED] = "term.lead_verified",
    [ZX_M_T_LEAD_UNFOUNDED] = "term.lead_unfounded",
    [ZX_M_T_LEAD_CASE] = "term.lead_case",
};

static int lang = -1;

void zx_msg_init(void)
{
    const char *v = NULL;
    const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3 && !v; i++) {
        v = getenv(names[i]);
        if (v && !*v)
            v = NULL;
    }
    lang = v && strncmp(v, "zh", 2) == 0;
}

void zx_msg_set_chinese(int on)
{
    lang = on ? 1 : 0;
}

int zx_msg_chinese(void)
{
    if (lang < 0)
        zx_msg_init();
    return lang;
}

const char *zx_msg(enum zx_msg_id id)
{
    if ((unsigned)id >= ZX_M_COUNT_)
        return "?";
    return zx_msg_chinese() ? table[id].zh : table[id].en;
}

const char *zx_msg_en(enum zx_msg_id id)
{
    return (unsigned)id < ZX_M_COUNT_ ? table[id].en : "?";
}

const char *zx_msg_lang(enum zx_msg_id id, int zh)
{
    if ((unsigned)id >= ZX_M_COUNT_)
        return "?";
    return zh ? table[id].zh : table[id].en;
}

/* After a cut at size bytes: drop a character left incomplete at the end of s. */
static void whole_chars(char *s, size_t size, int n)
{
    if (n < 0 || (size_t)n < size || !size)
        return;
    size_t len = strlen(s), i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
        i--; /* back over continuation bytes to the character's first byte */
    if (i == 0)
        return;
    unsigned char c = (unsigned char)s[i - 1];
    size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (len - (i - 1) < need)
        s[i - 1] = '\0';
}

void zx_msg_vformat2(enum zx_msg_id id, char *en, size_t en_size, char *zh, size_t zh_size,
                     va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    whole_chars(en, en_size, vsnprintf(en, en_size, zx_msg_lang(id, 0), ap));
    whole_chars(zh, zh_size, vsnprintf(zh, zh_size, zx_msg_lang(id, 1), ap2));
    va_end(ap2);
}

void zx_msg2_set(struct zx_msg2 *m, enum zx_msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    zx_msg_vformat2(id, m->en, sizeof m->en, m->zh, sizeof m->zh, ap);
    va_end(ap);
}

char *zx_msg2_pack(const char *en, const char *zh)
{
    size_t ne = strlen(en), nz = strlen(zh);
    char *p = malloc(ne + nz + 2);
    if (p) {
        memcpy(p, en, ne + 1);
        memcpy(p + ne + 1, zh, nz + 1);
    }
    return p;
}

const char *zx_msg2_zh(const char *packed)
{
    return packed + strlen(packed) + 1;
}

const char *zx_msg_key(enum zx_msg_id id)
{
    return (unsigned)id < ZX_M_COUNT_ ? keys[id] : NULL;
}

/* ---- messages with parameters ---- */

void zx_msgv_init(struct zx_msgv *m, enum zx_msg_id id)
{
    m->id = id;
    m->n = 0;
}

static struct zx_msgv_arg *next_arg(struct zx_msgv *m)
{
    if (m->n >= ZX_MSGV_ARGS)
        return NULL;
    struct zx_msgv_arg *a = &m->a[m->n++];
    a->term = ZX_M_NONE;
    a->text = NULL;
    a->s[0] = '\0';
    return a;
}

void zx_msgv_int(struct zx_msgv *m, long v)
{
    struct zx_msgv_arg *a = next_arg(m);
    if (a)
        snprintf(a->s, sizeof a->s, "%ld", v);
}

void zx_msgv_value(struct zx_msgv *m, const char *s)
{
    struct zx_msgv_arg *a = next_arg(m);
    if (a)
        snprintf(a->s, sizeof a->s, "%s", s ? s : "");
}

void zx_msgv_text(struct zx_msgv *m, const char *s)
{
    struct zx_msgv_arg *a = next_arg(m);
    if (a)
        a->text = s ? s : "";
}

void zx_msgv_term(struct zx_msgv *m, enum zx_msg_id term)
{
    struct zx_msgv_arg *a = next_arg(m);
    if (a)
        a->term = term;
}

const char *zx_msgv_param(const struct zx_msgv *m, int i, int zh)
{
    if (i < 0 || i >= m->n)
        return "";
    const struct zx_msgv_arg *a = &m->a[i];
    if (a->term != ZX_M_NONE)
        return zx_msg_lang(a->term, zh);
    return a->text ? a->text : a->s;
}

size_t zx_msgv_render(const struct zx_msgv *m, int zh, char *buf, size_t size)
{
    const char *f = zx_msg_lang(m->id, zh);
    size_t n = 0;
#define PUT(p, len)                                                                                \
    do {                                                                                           \
        for (size_t k_ = 0; k_ < (len); k_++, n++)                                                 \
            if (n + 1 < size)                                                                      \
                buf[n] = (p)[k_];                                                                  \
    } while (0)
    while (*f) {
        /* %N$s: parameter N (1-9); %%: a percent sign; anything else is copied */
        if (f[0] == '%' && f[1] >= '1' && f[1] <= '9' && f[2] == '$' && f[3] == 's') {
            const char *p = zx_msgv_param(m, f[1] - '1', zh);
            PUT(p, strlen(p));
            f += 4;
        } else if (f[0] == '%' && f[1] == '%') {
            PUT("%", 1);
            f += 2;
        } else {
            PUT(f, 1);
            f++;
        }
    }
#undef PUT
    if (size)
        buf[n < size ? n : size - 1] = '\0';
    return n;
}
