/* cmd_monitor.c — `zhixiao monitor --db FILE --as-of DATE [--unit ID] [--format json|table]`
 * (流程监控, shared/spec/process-monitoring.md) and `zhixiao monitor period …` (the per-unit
 * reply periods of 检察建议 and 纠正违法通知书). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/metrics.h"
#include "monitor/monitor.h"
#include "store/notice.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char period_about[] =
    "period set|clear|show: a unit's own reply period for STAGE suggestion_reply (检察建议,\n"
    "default 2 months) or correction_reply (纠正违法通知书, default 15 days); P is Nd (days) or\n"
    "Nm (months). Units below inherit it.\n";
static const char period_about_zh[] =
    "period set|clear|show：单位自定的回复期限，STAGE 为 suggestion_reply（检察建议，默认两个月）\n"
    "或 correction_reply（纠正违法通知书，默认十五日）；P 写作 Nd（日）或 "
    "Nm（月）。下级单位沿用。\n";

static int period_cmd(int argc, char **argv)
{
    const char *verb = "", *db = NULL, *unit = NULL, *stage = NULL, *value = NULL;
    struct zx_store *st = NULL;
    struct zx_unit_value *v = NULL;
    struct zx_err err = {0};
    int ret = 2;
    const struct zx_opt opts[] = {
        {.arg = "set|clear|show",
         .str = &verb,
         .flags = ZX_OPT_REQUIRED,
         .help = "what to do",
         .help_zh = "操作"},
        ZX_OPT_DB(&db),
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .help = "the unit (set, clear)",
         .help_zh = "单位编号（set、clear）"},
        {.name = "stage",
         .arg = "STAGE",
         .str = &stage,
         .help = "suggestion_reply or correction_reply (set, clear)",
         .help_zh = "suggestion_reply 或 correction_reply（set、clear）"},
        {.name = "value",
         .arg = "P",
         .str = &value,
         .help = "the period: Nd or Nm (set)",
         .help_zh = "期限：Nd 或 Nm（set）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"monitor period", opts, period_about, period_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    int set = !strcmp(verb, "set"), clear = !strcmp(verb, "clear"), show = !strcmp(verb, "show");
    if (!set && !clear && !show)
        return zx_opt_fail(&cmd, "expected set, clear or show, not '%s'", verb);
    if ((set || clear) && (!unit || !stage))
        return zx_opt_fail(&cmd, "%s needs --unit and --stage", verb);
    if (set && !value)
        return zx_opt_fail(&cmd, "set needs --value");
    char key[64] = "";
    if (!show) {
        int s = zx_monitor_stage_find(stage);
        if (s != ZX_MON_SUGGESTION_REPLY && s != ZX_MON_CORRECTION_REPLY)
            return zx_opt_fail(&cmd, "--stage must be suggestion_reply or correction_reply");
        snprintf(key, sizeof key, "monitor.%s", stage);
    }
    struct zx_monitor_period p;
    if (set && zx_monitor_period_parse(value, &p))
        return zx_opt_fail(&cmd, "--value: '%s' is not a period (15d, 2m)", value);
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, "cannot read database '%s'", db);
    if (zx_store_open(db, &st, &err))
        goto fail;
    if (show) {
        size_t n = 0;
        if (zx_settings_value_list(st, "monitor.", &v, &n, &err))
            goto fail;
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\n", v[i].unit_id, v[i].key + strlen("monitor."), v[i].value);
    } else {
        char norm[32] = "";
        if (set)
            snprintf(norm, sizeof norm, "%d%s", (int)p.n, p.months ? "m" : "d");
        if (zx_settings_value_set(st, unit, key, set ? norm : NULL, &err))
            goto fail;
    }
    ret = 0;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    free(v);
    zx_store_close(st);
    return ret;
}

static const char notice_about[] =
    "流程监控通知书 on an overdue item: `issue` (by the 案件管理 office: --case, --stage, "
    "--person\n"
    "for a person's stage, --date the day of issue, --by the issuer; the item must be open and\n"
    "past its deadline that day; the reply is due 10 days later, 刑诉规则 第六百六十五条),\n"
    "`reply` (--no, --by, --date, --text), `escalate` (--date: each unanswered notice past its\n"
    "reply day goes to the head of the handler's department, 10 days later on to the 检察长;\n"
    "every step is stored with who and when), `list`.\n";

static void notice_print(const struct zx_notice *x)
{
    char a[16], b[16], c[16];
    const char *state = x->replied_on != ZX_DATE_NULL ? "answered"
                        : x->chief_id[0]              ? "escalated_chief"
                        : x->head_id[0]               ? "escalated_head"
                                                      : "open";
    printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x->notice_no, x->case_id,
           x->person_id[0] ? x->person_id : "-", x->stage, x->handler_id[0] ? x->handler_id : "-",
           zx_date_format(x->issued_on, a), zx_date_format(x->reply_due, b),
           x->replied_on == ZX_DATE_NULL ? "-" : zx_date_format(x->replied_on, c),
           x->head_id[0] ? x->head_id : "-", x->chief_id[0] ? x->chief_id : "-", state);
}

static int notice_cmd(int argc, char **argv)
{
    const char *verb = "", *db = NULL, *case_id = NULL, *person = NULL, *stage = NULL, *by = NULL,
               *no = NULL, *text = NULL;
    int32_t on = ZX_DATE_NULL;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_monitor_rules *rules = NULL;
    struct zx_notice *v = NULL, one;
    struct zx_err err = {0};
    int ret = 2;
    const struct zx_opt opts[] = {
        {.arg = "issue|reply|escalate|list",
         .str = &verb,
         .flags = ZX_OPT_REQUIRED,
         .help = "what to do",
         .help_zh = "操作"},
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .help = "the case (issue)",
         .help_zh = "案件编号（issue）"},
        {.name = "person",
         .arg = "ID",
         .str = &person,
         .help = "the person (issue)",
         .help_zh = "人员编号（issue）"},
        {.name = "stage",
         .arg = "STAGE",
         .str = &stage,
         .help = "the monitored stage (issue)",
         .help_zh = "监控环节（issue）"},
        {.name = "no",
         .arg = "NO",
         .str = &no,
         .help = "the notice number (reply)",
         .help_zh = "通知书编号（reply）"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .help = "the day (default: today)",
         .help_zh = "日期（默认今日）"},
        {.name = "by", .arg = "NAME", .str = &by, .help = "who does it", .help_zh = "操作人"},
        {.name = "text",
         .arg = "TEXT",
         .str = &text,
         .help = "the reply (reply)",
         .help_zh = "回复内容（reply）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"monitor notice", opts, notice_about, NULL};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    int issue = !strcmp(verb, "issue"), reply = !strcmp(verb, "reply"),
        esc = !strcmp(verb, "escalate"), list = !strcmp(verb, "list");
    if (!issue && !reply && !esc && !list)
        return zx_opt_fail(&cmd, "expected issue, reply, escalate or list, not '%s'", verb);
    if (issue && (!case_id || !stage || !by))
        return zx_opt_fail(&cmd, "issue needs --case, --stage and --by");
    if (reply && (!no || !by))
        return zx_opt_fail(&cmd, "reply needs --no and --by");
    if (on == ZX_DATE_NULL)
        on = zx_date_today();
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, "cannot read database '%s'", db);
    if (zx_monitor_rules_load_default(&rules, NULL, &err) || zx_store_open(db, &st, &err))
        goto fail;
    if (issue) {
        if (zx_metrics_load(st, &m, &err) ||
            zx_monitor_notice_issue(st, m, rules, case_id, person, stage, on, by, &one, &err))
            goto fail;
        notice_print(&one);
    } else if (reply) {
        /* only the case's handler answers a notice, as in the browser */
        size_t n = 0;
        if (zx_notice_list(st, &v, &n, &err))
            goto fail;
        for (size_t i = 0; i < n; i++)
            if (!strcmp(v[i].notice_no, no) && v[i].handler_id[0] && strcmp(v[i].handler_id, by)) {
                zx_err_set(&err, ZX_EINVAL,
                           "only the case's handler (%s) may answer notice %s, not '%s'",
                           v[i].handler_id, no, by);
                goto fail;
            }
        if (zx_notice_reply(st, no, by, on, text, &err))
            goto fail;
    } else if (esc) {
        int steps = 0;
        if (zx_monitor_notice_escalate(st, rules, on, by ? by : "system", NULL, NULL, &steps, &err))
            goto fail;
        printf("%d\n", steps);
    } else {
        size_t n = 0;
        if (zx_notice_list(st, &v, &n, &err))
            goto fail;
        for (size_t i = 0; i < n; i++)
            notice_print(&v[i]);
    }
    ret = 0;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    free(v);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_monitor_rules_free(rules);
    return ret;
}

static const char about[] =
    "流程监控: the statutory deadline (法定期限) of each monitored stage of every person and\n"
    "case (--unit: that unit and the units below it), open or closed, as of DATE (later events\n"
    "are ignored), with its status: ok (按期), late (超期办结), open (在办), yellow (临期), red\n"
    "(超期). JSON (the default) is one array sorted by case_id, person_id (null first), stage,\n"
    "started_on; --format table prints the same items one a line. --status keeps only items of\n"
    "those statuses (comma-separated). 职务犯罪 cases are not monitored (version 1).\n"
    "`zhixiao monitor period --help`: the per-unit reply periods.\n";
static const char about_zh[] =
    "流程监控：截至 "
    "DATE（其后的事件不计），每个案件、每名人员各监控环节的法定期限、办结情况和状态：\n"
    "ok（按期）、late（超期办结）、open（在办）、yellow（临期）、red（超期）。--unit "
    "为该单位及其下级。\n"
    "默认输出 JSON 数组，按案件编号、人员编号（全案事项在前）、环节、起算日排序；--format table "
    "每行一项。\n"
    "--status 只保留所列状态（逗号分隔）。职务犯罪案件暂不纳入。单位回复期限见 zhixiao monitor "
    "period --help。\n";

int cmd_monitor(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *status_s = NULL;
    int32_t as_of = ZX_DATE_NULL;
    int table = 0, ret = 2;
    unsigned keep = 0; /* bit per status; 0 = all */
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_monitor_item *items = NULL;
    struct zx_monitor_ids *ids = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (argc > 1 && !strcmp(argv[1], "period"))
        return period_cmd(argc - 1, argv + 1);
    if (argc > 1 && !strcmp(argv[1], "notice"))
        return notice_cmd(argc - 1, argv + 1);
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "as-of",
         .arg = "DATE",
         .date = &as_of,
         .flags = ZX_OPT_REQUIRED,
         .help = "the date of the view (later events are ignored)",
         .help_zh = "截至日期（其后的事件不计）"},
        ZX_OPT_UNIT(&unit),
        {.name = "status",
         .arg = "S[,S…]",
         .str = &status_s,
         .help = "only these statuses: ok, late, open, yellow, red",
         .help_zh = "只列这些状态：ok、late、open、yellow、red"},
        ZX_OPT_FORMAT(&table, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"monitor", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (status_s) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", status_s);
        char *save = NULL;
        for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            int s = zx_monitor_status_find(w);
            if (s < 0)
                return zx_opt_fail(&cmd, "--status: '%s' is not ok, late, open, yellow or red", w);
            keep |= 1u << s;
        }
    }
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, "cannot read database '%s'", db);
    if (zx_monitor_rules_load_default(&rules, NULL, &err) || zx_store_open(db, &st, &err) ||
        zx_metrics_load(st, &m, &err))
        goto fail;
    int32_t u = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        zx_opt_fail(&cmd, "no unit '%s' in %s", unit, db);
        goto cleanup;
    }
    struct zx_metrics_columns cols;
    zx_metrics_columns(m, &cols);
    if (zx_monitor_unit_periods(st, m, rules, &sugg, &corr, &err))
        goto fail;
    struct zx_monitor_query q = {.as_of = as_of, .unit = u, .suggestion = sugg, .correction = corr};
    if (zx_monitor_run(&cols, rules, &q, &items, &n, &err))
        goto fail;
    if (keep) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (keep & (1u << items[i].status))
                items[k++] = items[i];
        n = k;
    }
    if (zx_monitor_ids_load(st, &cols, &ids, &err) || zx_monitor_sort(items, n, ids, &err))
        goto fail;
    struct zx_monitor_fmt fmt = {.rules = rules, .ids = ids};
    if (table) {
        printf("%-14s %-14s %-28s %-4s %-10s %-10s %-10s %6s %-6s %s\n", "case_id", "person_id",
               "stage", "rule", "started_on", "deadline", "closed_on", "days", "status", "article");
        for (size_t i = 0; i < n; i++)
            zx_monitor_write_table(stdout, &fmt, &items[i]);
    } else {
        fputs("[", stdout);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",\n " : "\n ", stdout);
            zx_monitor_write_json(stdout, &fmt, &items[i]);
        }
        fputs(n ? "\n]\n" : "]\n", stdout);
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    zx_monitor_ids_free(ids);
    free(items);
    free(sugg);
    free(corr);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_monitor_rules_free(rules);
    return ret;
}
