/* cmd_inspect.c — `zhixiao inspect <sub>`: circuit inspections (巡回检察) from plan to
 * rectification over execution/inspect.h, and the 巡回检察报告 workbook
 * (zx_insp_report_write). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "execution/inspect.h"
#include "execution/resident.h"
#include "model/vocab.h"
#include "store/inspect.h"
#include "store/resident.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>

#define MULTI ZX_OPT_LIST_MAX /* values of a repeatable option */

/* The values of every subcommand's options; each subcommand's table (inspect_opts) picks
 * its own. Dates are ZX_DATE_NULL when not given. */
struct args {
    const char *db, *id, *unit, *type, *kind, *lead, *followup_of;
    const char *plan, *category, *subcat, *desc, *evidence, *finding, *follow, *disp;
    const char *result, *period, *out;
    int32_t from, to, date;
    int onsite, year, item, reduced, record, format;
    struct zx_opt_list inst, member, expert, rectified;
};

enum { FORMAT_TABLE = 0, FORMAT_JSON = 1 };

/* 1 when word is one of the space-separated words of list. */
static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !strncmp(p, word, n))
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

/* Fill out (room for MAX_OPTS) with the options of subcommand sub, bound to a's fields. */
#define MAX_OPTS 40
static void inspect_opts(struct args *a, const char *sub, struct zx_opt *out)
{
    /* which subcommands take the option, and which of them require it */
    const struct {
        const char *subs, *required;
        struct zx_opt o;
    } all[] = {
        {"*", "*", ZX_OPT_DB(&a->db)},
        {"plan followup",
         "plan followup",
         {.name = "id", .arg = "P", .str = &a->id, .help = "the plan's id", .help_zh = "计划编号"}},
        {"finding dispose",
         "",
         {.name = "id",
          .arg = "ID",
          .str = &a->id,
          .help = "the id to give it (default: generated)",
          .help_zh = "指定编号（默认自动生成）"}},
        {"plan followup",
         "",
         {.name = "unit",
          .arg = "U",
          .str = &a->unit,
          .help = "the organising unit (follow-up: its plan's)",
          .help_zh = "组织院（跟进检察默认为原计划的组织院）"}},
        {"status",
         "",
         {.name = "unit",
          .arg = "U",
          .str = &a->unit,
          .help = "the plans of this unit and the units below",
          .help_zh = "本单位及下级单位的计划"}},
        {"coverage stats",
         "coverage stats",
         {.name = "unit", .arg = "U", .str = &a->unit, .help = "the unit", .help_zh = "单位编号"}},
        {"plan",
         "",
         {.name = "type",
          .arg = "routine|cross|special|ad_hoc",
          .str = &a->type,
          .help = "the kind of inspection",
          .help_zh = "巡回检察类型"}},
        {"followup",
         "",
         {.name = "type",
          .arg = "ad_hoc|special",
          .str = &a->type,
          .help = "the kind of follow-up (default ad_hoc, art. 40)",
          .help_zh = "跟进检察类型（默认 ad_hoc，第四十条）"}},
        {"plan followup",
         "",
         {.name = "institution",
          .arg = "I[,I…]",
          .list = &a->inst,
          .flags = ZX_OPT_COMMAS,
          .help = "the institutions inspected (follow-up: its plan's)",
          .help_zh = "被检察单位（跟进检察默认为原计划的）"}},
        {"finding",
         "finding",
         {.name = "institution",
          .arg = "I",
          .list = &a->inst,
          .flags = ZX_OPT_COMMAS,
          .help = "the institution",
          .help_zh = "被检察单位"}},
        {"plan followup",
         "",
         {.name = "kind",
          .arg = "prison|detention_house|community_corrections",
          .str = &a->kind,
          .help = "kind of institution (default: the first institution's)",
          .help_zh = "被检察单位类别（默认取第一个被检察单位的）"}},
        {"dispose",
         "dispose",
         {.name = "kind",
          .arg = "oral|correction_notice|suggestion",
          .str = &a->kind,
          .help = "口头纠正, 纠正违法通知书 or 检察建议书",
          .help_zh = "口头纠正、纠正违法通知书或检察建议书"}},
        {"plan followup", "plan followup", ZX_OPT_FROM(&a->from, 0)},
        {"plan followup", "plan followup", ZX_OPT_TO(&a->to, 0)},
        {"stats", "", ZX_OPT_FROM(&a->from, 0)},
        {"stats", "", ZX_OPT_TO(&a->to, 0)},
        {"plan followup",
         "plan followup",
         {.name = "onsite",
          .num = &a->onsite,
          .min = 0,
          .max = 3660,
          .help = "days on site",
          .help_zh = "现场检察天数"}},
        {"plan followup",
         "plan followup",
         {.name = "lead", .arg = "STAFF", .str = &a->lead, .help = "team lead", .help_zh = "组长"}},
        {"plan followup",
         "",
         {.name = "member",
          .arg = "STAFF[,…]",
          .list = &a->member,
          .flags = ZX_OPT_COMMAS,
          .help = "team members",
          .help_zh = "检察组成员"}},
        {"plan followup",
         "",
         {.name = "expert",
          .arg = "NAME",
          .list = &a->expert,
          .help = "an invited expert (repeatable)",
          .help_zh = "特邀人员（可重复）"}},
        {"plan followup",
         "",
         {.name = "reduced",
          .flag = &a->reduced,
          .help = "few inmates: shortened time, filed with the higher procuratorate",
          .help_zh = "人数较少，缩短时间并报上级院备案"}},
        {"plan",
         "",
         {.name = "followup-of",
          .arg = "P",
          .str = &a->followup_of,
          .help = "this plan follows up plan P",
          .help_zh = "本计划为计划 P 的跟进检察"}},
        {"finding feedback followup check report",
         "finding feedback followup check report",
         {.name = "plan", .arg = "P", .str = &a->plan, .help = "the plan", .help_zh = "计划编号"}},
        {"status",
         "",
         {.name = "plan",
          .arg = "P",
          .str = &a->plan,
          .help = "only this plan",
          .help_zh = "只看此计划"}},
        {"finding",
         "finding",
         {.name = "category",
          .arg = "C",
          .str = &a->category,
          .help = "the §4.4 category (code or label, see zhixiao inspect --help)",
          .help_zh = "§4.4 问题类别（代码或名称，见 zhixiao inspect --help）"}},
        {"finding",
         "",
         {.name = "sub",
          .arg = "TEXT",
          .str = &a->subcat,
          .help = "the specific kind",
          .help_zh = "具体类型"}},
        {"finding",
         "finding",
         {.name = "desc",
          .arg = "TEXT",
          .str = &a->desc,
          .help = "what was found",
          .help_zh = "问题描述"}},
        {"finding",
         "",
         {.name = "evidence",
          .arg = "TEXT",
          .str = &a->evidence,
          .help = "the evidence",
          .help_zh = "证据"}},
        {"finding dispose reply feedback",
         "finding dispose reply feedback",
         {.name = "date", .date = &a->date, .help = "the day it happened", .help_zh = "发生日期"}},
        {"followup",
         "",
         {.name = "date",
          .date = &a->date,
          .help = "rectification confirmed on (default --to)",
          .help_zh = "确认整改日期（默认为 --to）"}},
        {"status stats report",
         "",
         {.name = "date",
          .date = &a->date,
          .help = "as of this day (default today)",
          .help_zh = "统计截至日期（默认今天）"}},
        {"dispose",
         "dispose",
         {.name = "finding",
          .arg = "F",
          .str = &a->finding,
          .help = "the finding",
          .help_zh = "问题编号"}},
        {"dispose",
         "",
         {.name = "follow",
          .arg = "STAFF",
          .str = &a->follow,
          .help = "who follows it up",
          .help_zh = "跟进人"}},
        {"reply",
         "reply",
         {.name = "disposition",
          .arg = "ID",
          .str = &a->disp,
          .help = "the disposition answered",
          .help_zh = "所回复的处置"}},
        {"reply",
         "reply",
         {.name = "result",
          .arg = "adopted|rectified|rejected",
          .str = &a->result,
          .help = "the answer",
          .help_zh = "回复结果"}},
        {"coverage",
         "coverage",
         {.name = "year",
          .num = &a->year,
          .min = 1000,
          .max = 9999,
          .arg = "Y",
          .help = "the calendar year",
          .help_zh = "年度"}},
        {"stats",
         "",
         {.name = "period",
          .arg = "2024|2024-H1|2024-Q3|2024-07",
          .str = &a->period,
          .help = "the period (or --from and --to)",
          .help_zh = "统计期间（或用 --from 和 --to）"}},
        {"report",
         "report",
         {.name = "out",
          .arg = "FILE.xlsx",
          .str = &a->out,
          .help = "the workbook to write",
          .help_zh = "输出的工作簿"}},
        {"check",
         "check",
         {.name = "item",
          .num = &a->item,
          .min = 1,
          .max = 1000,
          .help = "the checklist item done",
          .help_zh = "已完成的检察清单事项序号"}},
        {"followup",
         "",
         {.name = "rectified",
          .arg = "F[,F…]|all",
          .list = &a->rectified,
          .flags = ZX_OPT_COMMAS,
          .help = "findings confirmed rectified",
          .help_zh = "确认已整改的问题"}},
        {"status",
         "",
         {.name = "record",
          .flag = &a->record,
          .help = "record the escalations in the database",
          .help_zh = "把报告上级院的情况记入数据库"}},
        {"status coverage stats check", "", ZX_OPT_FORMAT(&a->format, "table|json")},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n + 1 < MAX_OPTS; i++) {
        if (strcmp(all[i].subs, "*") && !has_word(all[i].subs, sub))
            continue;
        out[n] = all[i].o;
        if (!strcmp(all[i].required, "*") || has_word(all[i].required, sub))
            out[n].flags |= ZX_OPT_REQUIRED;
        n++;
    }
    memset(&out[n], 0, sizeof out[n]);
}

/* The day given, else today. */
static int32_t or_today(int32_t d)
{
    return d == ZX_DATE_NULL ? zx_date_today() : d;
}

/* "zhixiao inspect: <message>" on stderr. */
static void fail_msg(const char *fmt, ...) ZX_PRINTF(1, 2);
static void fail_msg(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("zhixiao inspect: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const char *fmt_date(int32_t d, char *buf)
{
    if (d == ZX_DATE_NULL)
        return strcpy(buf, "—");
    return zx_date_format(d, buf);
}

static void copy(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "");
}

/* ---- staff names (for the team list) ---- */

static void staff_name(struct zx_store *st, const char *staff_id, char *out)
{
    struct zx_err err = {0};
    int found;
    copy(out, ZX_STORE_INSP_NAME_MAX, staff_id);
    if (strlen(staff_id) > 100)
        return;
    if (zx_store_staff_name(st, staff_id, out, ZX_STORE_INSP_NAME_MAX, &found, &err))
        copy(out, ZX_STORE_INSP_NAME_MAX, staff_id);
}

/* ---- plan and follow-up ---- */

static int print_checks(struct zx_store *st, const struct zx_store_insp_plan *p, int team)
{
    struct zx_store_insp_db db;
    struct zx_err err = {0};
    struct zx_insp_issue is[16];
    int level = 0;
    if (!zx_store_insp_load(st, &db, &err)) {
        long u = zx_store_insp_db_unit(&db, p->unit_id);
        level = u >= 0 ? db.units[u].level : 0;
        zx_store_insp_release(&db);
    }
    int n = zx_insp_check_plan(p, team, level, is, 16), viol = 0;
    for (int i = 0; i < n && i < 16; i++) {
        printf("  %s %s — %s [%s]\n",
               zx_msg(is[i].severity == ZX_INSP_VIOLATION ? ZX_M_INSP_VIOLATION : ZX_M_INSP_NOTE),
               is[i].msg, is[i].article, is[i].rule);
        viol += is[i].severity == ZX_INSP_VIOLATION;
    }
    if (n == 0)
        printf("%s", zx_msg(ZX_M_INSP_PLAN_OK));
    return viol;
}

/* Art. 28: the resident offices' records of the year before plan plan_id (nothing when no
 * office is at its institutions). */
static void print_resident_pull(struct zx_store *st, const char *plan_id, int32_t at)
{
    struct zx_res_rules *rules = NULL;
    struct zx_res_db rdb = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_err err = {0};
    struct zx_res_brief b;
    int32_t from, to;
    char d0[16], d1[16];
    if (zx_res_rules_load_default(&rules, NULL, &err) ||
        zx_resident_store_load(st, ZX_DATE_NULL, ZX_DATE_NULL, &rdb, &err) ||
        zx_store_insp_load(st, &idb, &err))
        goto out;
    long p = zx_store_insp_db_plan(&idb, plan_id);
    if (p >= 0 && !zx_res_plan_brief(rules, &rdb, &idb, (size_t)p, at, &b, &from, &to, &err) &&
        b.offices)
        printf(zx_msg(ZX_M_INSP_RESIDENT_PULL), b.office_ids, fmt_date(from, d0), fmt_date(to, d1),
               b.entries, b.gaps, b.findings, b.rectified, b.disp[ZX_STORE_INSP_CORRECTION_NOTICE],
               b.disp[ZX_STORE_INSP_SUGGESTION], b.overdue);
out:
    if (err.msg[0])
        fail_msg("%s", zx_err_text(&err));
    zx_store_insp_release(&idb);
    zx_resident_store_release(&rdb);
    zx_res_rules_free(rules);
}

static int do_plan(struct zx_store *st, struct args *a, const char *followup_of)
{
    struct zx_store_insp_plan p = {0};
    struct zx_store_insp_member team[2 * MULTI + 1];
    struct zx_err err = {0};
    size_t nteam = 0;
    p.start = a->from; /* --id, --lead, --onsite, --from and --to are required */
    p.end = a->to;
    p.type = zx_store_insp_type_find(a->type ? a->type : followup_of ? "ad_hoc" : "");
    if (!p.type ||
        (followup_of && p.type != ZX_STORE_INSP_SPECIAL && p.type != ZX_STORE_INSP_AD_HOC)) {
        fail_msg("%s", zx_msg(ZX_M_INSP_BAD_TYPE));
        return 2;
    }
    copy(p.plan_id, sizeof p.plan_id, a->id);
    copy(p.lead, sizeof p.lead, a->lead);
    copy(p.followup_of, sizeof p.followup_of, followup_of);
    p.onsite_days = a->onsite;
    p.reduced = a->reduced;
    p.feedback_on = ZX_DATE_NULL;
    /* a follow-up inspects the institutions and is organised by the unit of its plan */
    struct zx_store_insp_db db;
    if (zx_store_insp_load(st, &db, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    long base = followup_of ? zx_store_insp_db_plan(&db, followup_of) : -1;
    if (followup_of && base < 0) {
        fail_msg(zx_msg(ZX_M_INSP_NO_PLAN), followup_of);
        zx_store_insp_release(&db);
        return 2;
    }
    const char *inst[MULTI];
    int ninst = 0;
    for (int i = 0; i < a->inst.n; i++)
        inst[ninst++] = a->inst.v[i];
    for (size_t t = 0; base >= 0 && !ninst && t < db.ntargets; t++)
        if (db.targets[t].plan == (size_t)base && ninst < MULTI)
            inst[ninst++] = db.insts[db.targets[t].inst].institution_id;
    copy(p.unit_id, sizeof p.unit_id, a->unit ? a->unit : base >= 0 ? db.plans[base].unit_id : "");
    if (a->kind)
        p.inst_kind = zx_vocab_find(ZX_V_INST_KIND, a->kind, strlen(a->kind));
    else if (ninst) {
        long x = zx_store_insp_db_inst(&db, inst[0]);
        p.inst_kind = x >= 0 ? db.insts[x].kind : 0;
    }
    int rc = 2;
    if (!p.unit_id[0] || !ninst || !p.inst_kind) {
        fail_msg("%s", zx_msg(ZX_M_INSP_NEED_TARGET));
        goto out;
    }
    /* the lead is a member; members are staff (names looked up), experts are guests */
    team[nteam] = (struct zx_store_insp_member){.role = "lead"};
    copy(team[nteam].staff_id, sizeof team[nteam].staff_id, a->lead);
    staff_name(st, a->lead, team[nteam++].name);
    for (int i = 0; i < a->member.n; i++) {
        if (!strcmp(a->member.v[i], a->lead))
            continue;
        team[nteam] = (struct zx_store_insp_member){.role = "member"};
        copy(team[nteam].staff_id, sizeof team[nteam].staff_id, a->member.v[i]);
        staff_name(st, a->member.v[i], team[nteam++].name);
    }
    for (int i = 0; i < a->expert.n; i++) {
        team[nteam] = (struct zx_store_insp_member){.role = "expert"};
        copy(team[nteam++].name, sizeof team[0].name, a->expert.v[i]);
    }
    if (zx_insp_new_plan(st, &p, inst, (size_t)ninst, team, nteam, &err)) {
        fail_msg("%s", zx_err_text(&err));
        goto out;
    }
    char d0[16], d1[16], d2[16];
    printf(zx_msg(ZX_M_INSP_PLAN_STORED), p.plan_id, zx_store_insp_type_label(p.type), ninst,
           fmt_date(p.start, d0), fmt_date(p.end, d1), p.onsite_days, nteam, p.case_id);
    printf(zx_msg(ZX_M_INSP_FEEDBACK_DUE), fmt_date(zx_insp_feedback_due(p.end), d2));
    if (p.type == ZX_STORE_INSP_ROUTINE || p.type == ZX_STORE_INSP_CROSS)
        printf(zx_msg(ZX_M_INSP_FOLLOWUP_DUE), fmt_date(zx_insp_followup_due(p.end), d2));
    printf("\n");
    rc = print_checks(st, &p, (int)nteam) ? 1 : 0;
    print_resident_pull(st, p.plan_id, p.start);
    if (base >= 0) {
        int32_t due = zx_insp_followup_due(db.plans[base].end);
        printf(zx_msg(ZX_M_INSP_FOLLOWUP_OF), followup_of, fmt_date(due, d2),
               zx_msg(p.start <= due ? ZX_M_INSP_ON_TIME : ZX_M_INSP_LATE_40));
        if (p.start > due)
            rc = 1;
    }
out:
    zx_store_insp_release(&db);
    return rc;
}

static int cmd_followup(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    int rc = do_plan(st, a, a->plan);
    if (rc == 2 || a->rectified.n == 0)
        return rc;
    int32_t on = a->date != ZX_DATE_NULL ? a->date : a->to;
    struct zx_store_insp_db db;
    if (zx_store_insp_load(st, &db, &err))
        goto fail;
    int all = a->rectified.n == 1 && !strcmp(a->rectified.v[0], "all"), n = 0;
    if (zx_store_begin(st, &err))
        goto fail_db;
    for (size_t i = 0; i < db.nfindings; i++) {
        int pick = 0;
        if (strcmp(db.findings[i].plan_id, a->plan))
            continue;
        for (int k = 0; k < a->rectified.n && !pick; k++)
            pick = all || !strcmp(a->rectified.v[k], db.findings[i].finding_id);
        if (pick && zx_store_insp_set_rectified(st, db.findings[i].finding_id, on, &err)) {
            zx_store_rollback(st);
            goto fail_db;
        }
        n += pick;
    }
    if (!all && n != a->rectified.n) {
        zx_store_rollback(st);
        fail_msg(zx_msg(ZX_M_INSP_RECT_UNKNOWN), a->plan);
        zx_store_insp_release(&db);
        return 2;
    }
    if (zx_store_commit(st, &err))
        goto fail_db;
    char d[16];
    printf(zx_msg(ZX_M_INSP_RECTIFIED), n, a->plan, fmt_date(on, d));
    zx_store_insp_release(&db);
    return rc;
fail_db:
    zx_store_insp_release(&db);
fail:
    fail_msg("%s", zx_err_text(&err));
    return 2;
}

/* ---- JSON output (--format json): the shapes of the web API's /execution routes ---- */

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

/* Print j (owned) on stdout; returns 0, or 2 when it could not be written. */
static int put_json(json_t *j)
{
    int rc = !j || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ? 2 : 0;
    json_decref(j);
    if (!rc)
        putchar('\n');
    return rc;
}

static const char *pstate_code(int s)
{
    return s == ZX_INSP_ANSWERED     ? "done"
           : s == ZX_INSP_OVERDUE    ? "overdue"
           : s == ZX_INSP_NOT_NEEDED ? "not_needed"
                                     : "open";
}

static const char *dstate_code(const struct zx_insp_dstatus *s)
{
    if (s->state == ZX_INSP_ANSWERED)
        return "answered";
    if (s->state == ZX_INSP_OVERDUE)
        return s->escalate ? "escalated" : "overdue";
    return "open";
}

/* ---- finding, dispose, reply, feedback ---- */

static int cmd_finding(struct zx_store *st, struct args *a)
{
    struct zx_store_insp_finding f = {0};
    struct zx_err err = {0};
    f.found_on = a->date; /* required, as are --plan, --institution, --category, --desc */
    f.category = zx_store_insp_cat_find(a->category);
    if (!f.category) {
        fail_msg(zx_msg(ZX_M_INSP_BAD_CATEGORY), a->category);
        return 2;
    }
    copy(f.finding_id, sizeof f.finding_id, a->id);
    copy(f.plan_id, sizeof f.plan_id, a->plan);
    copy(f.institution_id, sizeof f.institution_id, a->inst.v[0]);
    copy(f.sub, sizeof f.sub, a->subcat);
    copy(f.desc, sizeof f.desc, a->desc);
    copy(f.evidence, sizeof f.evidence, a->evidence);
    f.rectified_on = ZX_DATE_NULL;
    if (zx_insp_new_finding(st, &f, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    printf("%s\n", f.finding_id);
    return 0;
}

static int cmd_dispose(struct zx_store *st, struct args *a)
{
    struct zx_store_insp_disp d = {0};
    struct zx_err err = {0};
    d.served = a->date; /* required, as are --finding and --kind */
    d.kind = zx_store_insp_disp_find(a->kind);
    if (!d.kind) {
        fail_msg("%s", zx_msg(ZX_M_INSP_BAD_DISP_KIND));
        return 2;
    }
    copy(d.disp_id, sizeof d.disp_id, a->id);
    copy(d.finding_id, sizeof d.finding_id, a->finding);
    copy(d.follow_staff, sizeof d.follow_staff, a->follow);
    if (zx_insp_new_disp(st, &d, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    char due[16];
    printf(zx_msg(ZX_M_INSP_DISPOSED), d.disp_id, zx_store_insp_disp_label(d.kind),
           fmt_date(zx_insp_reply_due(d.kind, d.served), due));
    return 0;
}

static int cmd_reply(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    int32_t on = a->date; /* required, as are --disposition and --result */
    int r = zx_vocab_find(ZX_V_RESULT, a->result, strlen(a->result));
    if (zx_insp_new_reply(st, a->disp, on, r, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    printf(zx_msg(ZX_M_INSP_REPLY_RECORDED), a->disp);
    return 0;
}

static int cmd_feedback(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    struct zx_store_insp_db db;
    int32_t on = a->date; /* required, as is --plan */
    if (zx_store_insp_load(st, &db, &err))
        goto fail;
    long p = zx_store_insp_db_plan(&db, a->plan);
    int rc = 2;
    if (p < 0) {
        fail_msg(zx_msg(ZX_M_INSP_NO_PLAN), a->plan);
    } else if (on < db.plans[p].end) {
        fail_msg("%s", zx_msg(ZX_M_INSP_FEEDBACK_EARLY));
    } else if (zx_store_insp_set_feedback(st, a->plan, on, &err)) {
        fail_msg("%s", zx_err_text(&err));
    } else {
        char d[16], dd[16];
        int32_t due = zx_insp_feedback_due(db.plans[p].end);
        printf(zx_msg(ZX_M_INSP_FEEDBACK), a->plan, fmt_date(on, d), fmt_date(due, dd),
               zx_msg(on <= due ? ZX_M_INSP_ON_TIME : ZX_M_INSP_LATE_35));
        rc = on <= due ? 0 : 1;
    }
    zx_store_insp_release(&db);
    return rc;
fail:
    fail_msg("%s", zx_err_text(&err));
    return 2;
}

static int cmd_check(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    if (zx_store_insp_check_done(st, a->plan, a->item, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    if (a->format == FORMAT_JSON)
        return put_json(json_pack("{s:s,s:i,s:b}", "plan_id", a->plan, "item", a->item, "done", 1));
    printf(zx_msg(ZX_M_INSP_CHECK_DONE), a->item, a->plan);
    return 0;
}

/* ---- status ---- */

static int cmd_status(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    struct zx_store_insp_db db;
    int32_t at = or_today(a->date);
    if (zx_store_insp_load(st, &db, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    long unit = a->unit ? zx_store_insp_db_unit(&db, a->unit) : -1;
    int rc = 0, shown = 0, json = a->format == FORMAT_JSON;
    json_t *jplans = json ? json_array() : NULL, *jdisps = NULL;
    char d0[16], d1[16], d2[16];
    if ((a->unit && unit < 0) || (a->plan && zx_store_insp_db_plan(&db, a->plan) < 0)) {
        fail_msg("%s", zx_msg(a->unit ? ZX_M_INSP_NO_SUCH_UNIT : ZX_M_INSP_NO_SUCH_PLAN));
        json_decref(jplans);
        zx_store_insp_release(&db);
        return 2;
    }
    if (!json)
        printf(zx_msg(ZX_M_INSP_AS_OF), fmt_date(at, d0));
    if (a->record && zx_store_begin(st, &err))
        goto fail;
    for (size_t i = 0; i < db.nplans; i++) {
        const struct zx_store_insp_plan *p = &db.plans[i];
        long pu = zx_store_insp_db_unit(&db, p->unit_id);
        if ((a->plan && strcmp(a->plan, p->plan_id)) ||
            (unit >= 0 && !zx_insp_under(&db, pu, unit)))
            continue;
        struct zx_insp_pstatus ps;
        zx_insp_plan_status(&db, i, at, &ps);
        shown++;
        if (json) {
            jdisps = json_array();
            json_array_append_new(
                jplans,
                json_pack(
                    "{s:s,s:s,s:s,s:o,s:o,s:i,s:i,s:{s:s,s:o,s:b},s:{s:s,s:o,s:b,s:s?},s:o}",
                    "plan_id", p->plan_id, "unit_id", p->unit_id, "type",
                    p->resident ? "resident" : zx_store_insp_type_code(p->type), "start",
                    jdate(p->start), "end", jdate(p->end), "findings", ps.findings, "rectified",
                    ps.rectified, "feedback", "state", pstate_code(ps.feedback_state), "due",
                    jdate(ps.feedback_due), "late", ps.feedback_late, "followup", "state",
                    pstate_code(ps.followup_state), "due",
                    ps.followup_state == ZX_INSP_NOT_NEEDED ? json_null() : jdate(ps.followup_due),
                    "late", ps.followup_late, "plan",
                    ps.followup_plan >= 0 ? db.plans[ps.followup_plan].plan_id : NULL,
                    "dispositions", jdisps));
        } else {
            printf(zx_msg(ZX_M_INSP_ST_PLAN), p->plan_id,
                   p->resident ? "resident" : zx_store_insp_type_code(p->type),
                   fmt_date(p->start, d0), fmt_date(p->end, d1), ps.findings, ps.rectified);
            printf(zx_msg(ZX_M_INSP_ST_FEEDBACK), fmt_date(ps.feedback_due, d0),
                   zx_insp_state_label(ps.feedback_state), ps.feedback_late ? "（逾期办结）" : "");
            if (ps.followup_state == ZX_INSP_NOT_NEEDED)
                printf("%s", zx_msg(ZX_M_INSP_ST_NO_FOLLOWUP));
            else
                printf(zx_msg(ZX_M_INSP_ST_FOLLOWUP), fmt_date(ps.followup_due, d0),
                       zx_insp_state_label(ps.followup_state),
                       ps.followup_late ? "（逾期办结）" : "",
                       ps.followup_plan >= 0 ? db.plans[ps.followup_plan].plan_id : "");
        }
        rc |= ps.feedback_state == ZX_INSP_OVERDUE || ps.followup_state == ZX_INSP_OVERDUE;
        for (size_t k = 0; k < db.ndisps; k++) {
            long f = zx_store_insp_db_finding(&db, db.disps[k].finding_id);
            if (f < 0 || strcmp(db.findings[f].plan_id, p->plan_id))
                continue;
            struct zx_insp_dstatus ds;
            zx_insp_disp_status(&db, k, at, &ds);
            const struct zx_store_insp_disp *d = &db.disps[k];
            if (json)
                json_array_append_new(
                    jdisps,
                    json_pack(
                        "{s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:s?,s:b,s:o,s:b,s:s}", "disp_id", d->disp_id,
                        "finding_id", d->finding_id, "kind", zx_store_insp_disp_code(d->kind),
                        "served", jdate(d->served), "due", jdate(ds.due), "state", dstate_code(&ds),
                        "reply_on", ds.state == ZX_INSP_ANSWERED ? jdate(d->reply_on) : json_null(),
                        "reply_result",
                        ds.state == ZX_INSP_ANSWERED ? zx_vocab_code(ZX_V_RESULT, d->reply_result)
                                                     : NULL,
                        "late", ds.late, "escalate_to",
                        ds.escalate && ds.to_unit >= 0
                            ? json_pack("{s:s,s:s}", "unit_id", db.units[ds.to_unit].unit_id,
                                        "name", db.units[ds.to_unit].name)
                            : json_null(),
                        "upgrade", ds.upgrade, "article", ds.article ? ds.article : ""));
            if (!json)
                printf(zx_msg(ZX_M_INSP_ST_DISP), d->disp_id, zx_store_insp_disp_code(d->kind),
                       fmt_date(d->served, d0), fmt_date(ds.due, d1),
                       zx_insp_state_label(ds.state));
            if (ds.state == ZX_INSP_ANSWERED && !json)
                printf(" %s %s%s", fmt_date(d->reply_on, d2),
                       zx_vocab_code(ZX_V_RESULT, d->reply_result),
                       ds.late ? zx_msg(ZX_M_INSP_ST_LATE) : "");
            if (ds.escalate) {
                const char *to = ds.to_unit >= 0 ? db.units[ds.to_unit].unit_id : "";
                if (!json)
                    printf(zx_msg(ZX_M_INSP_ST_ESCALATED), to,
                           ds.to_unit >= 0 ? db.units[ds.to_unit].name
                                           : zx_msg(ZX_M_INSP_ST_NO_PARENT),
                           ds.article);
                if (a->record && ds.to_unit >= 0 &&
                    zx_store_insp_escalate(st, d->disp_id, to, ds.due + 1, &err)) {
                    zx_store_rollback(st);
                    goto fail;
                }
            }
            if (ds.upgrade && !json)
                printf(zx_msg(ZX_M_INSP_ST_UPGRADE), ds.article);
            if (!json)
                printf("\n");
            rc |= ds.state == ZX_INSP_OVERDUE;
        }
    }
    if (a->record && zx_store_commit(st, &err))
        goto fail;
    zx_store_insp_release(&db);
    if (json)
        return put_json(json_pack("{s:o,s:o}", "date", jdate(at), "plans", jplans)) ? 2
               : rc                                                                 ? 1
                                                                                    : 0;
    if (!shown)
        printf("%s", zx_msg(ZX_M_INSP_NO_PLANS));
    return rc ? 1 : 0;
fail:
    json_decref(jplans);
    fail_msg("%s", zx_err_text(&err));
    zx_store_insp_release(&db);
    return 2;
}

/* ---- coverage and stats ---- */

static int cmd_coverage(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    struct zx_store_insp_db db;
    struct zx_insp_cov c;
    int year = a->year; /* required, as is --unit */
    if (zx_store_insp_load(st, &db, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    long u = zx_store_insp_db_unit(&db, a->unit);
    if (u < 0 || zx_insp_coverage(&db, u, year, &c, &err)) {
        fail_msg("%s", u < 0 ? zx_msg(ZX_M_INSP_NO_SUCH_UNIT) : err.msg);
        zx_store_insp_release(&db);
        return 2;
    }
    if (a->format == FORMAT_JSON) {
        json_t *rows = json_array(), *prov = json_array();
        for (size_t i = 0; i < c.nrows; i++) {
            const struct zx_insp_cov_row *r = &c.rows[i];
            const struct zx_store_insp_inst *x = &db.insts[r->inst];
            json_array_append_new(rows,
                                  json_pack("{s:s,s:s,s:s?,s:i,s:i,s:i,s:b,s:b}", "institution_id",
                                            x->institution_id, "name", x->name, "kind",
                                            zx_vocab_code(ZX_V_INST_KIND, x->kind), "routine",
                                            r->routine, "cross", r->cross, "other", r->other,
                                            "required", r->required, "gap", r->gap));
        }
        for (size_t i = 0; i < c.nprov; i++)
            json_array_append_new(prov, json_pack("{s:s,s:s,s:i,s:i,s:b}", "unit_id",
                                                  db.units[c.prov[i].unit].unit_id, "name",
                                                  db.units[c.prov[i].unit].name, "prisons",
                                                  c.prov[i].prisons, "crossed", c.prov[i].crossed,
                                                  "gap", c.prov[i].gap));
        int gaps = c.gaps;
        zx_insp_cov_release(&c);
        zx_store_insp_release(&db);
        return put_json(json_pack("{s:s,s:i,s:o,s:o,s:i}", "unit_id", a->unit, "year", year,
                                  "institutions", rows, "provinces", prov, "gaps", gaps))
                   ? 2
               : gaps ? 1
                      : 0;
    }
    printf("%s", zx_msg(ZX_M_INSP_COV_HEAD));
    for (size_t i = 0; i < c.nrows; i++) {
        const struct zx_insp_cov_row *r = &c.rows[i];
        const struct zx_store_insp_inst *x = &db.insts[r->inst];
        printf("%-10s %-30s %-16s %7d %5d %5d  %s\n", x->institution_id, x->name,
               zx_vocab_code(ZX_V_INST_KIND, x->kind), r->routine, r->cross, r->other,
               r->gap        ? zx_msg(ZX_M_INSP_COV_GAP)
               : r->required ? zx_msg(ZX_M_INSP_OK)
                             : "—");
    }
    for (size_t i = 0; i < c.nprov; i++)
        printf(zx_msg(ZX_M_INSP_COV_CROSS), db.units[c.prov[i].unit].unit_id,
               db.units[c.prov[i].unit].name, c.prov[i].crossed, c.prov[i].prisons, year,
               zx_msg(c.prov[i].gap ? ZX_M_INSP_GAP : ZX_M_INSP_OK));
    printf(zx_msg(ZX_M_INSP_COV_GAPS), c.gaps);
    int rc = c.gaps ? 1 : 0;
    zx_insp_cov_release(&c);
    zx_store_insp_release(&db);
    return rc;
}

static int period_of(struct args *a, int32_t *from, int32_t *to)
{
    struct zx_err err = {0};
    char label[64];
    if (a->period) {
        if (zx_date_period(a->period, from, to, label, sizeof label, &err)) {
            fail_msg("%s", zx_err_text(&err));
            return -1;
        }
        return 0;
    }
    if (a->from == ZX_DATE_NULL || a->to == ZX_DATE_NULL) {
        fail_msg("%s", zx_msg(ZX_M_INSP_NEED_PERIOD));
        return -1;
    }
    *from = a->from;
    *to = a->to;
    return 0;
}

static int cmd_stats(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    struct zx_store_insp_db db;
    struct zx_insp_stats s;
    int32_t from, to, at = or_today(a->date);
    if (period_of(a, &from, &to))
        return 2;
    if (zx_store_insp_load(st, &db, &err)) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    long u = zx_store_insp_db_unit(&db, a->unit);
    if (u < 0) {
        fail_msg("%s", zx_msg(ZX_M_INSP_NO_SUCH_UNIT));
        zx_store_insp_release(&db);
        return 2;
    }
    zx_insp_stats(&db, u, from, to, at, &s);
    if (a->format == FORMAT_JSON) {
        json_t *cats = json_array();
        for (int c = 1; c < ZX_STORE_INSP_CAT_COUNT_; c++)
            if (s.by_cat[c][0])
                json_array_append_new(
                    cats, json_pack("{s:s,s:s,s:i,s:i,s:i}", "category", zx_store_insp_cat_code(c),
                                    "label", zx_store_insp_cat_label(c), "problems", s.by_cat[c][0],
                                    "rectified", s.by_cat[c][1], "institutions", s.by_cat[c][2]));
        json_t *j = json_pack(
            "{s:s,s:s,s:o,s:o,s:o,s:i,s:i,s:i,s:i,s:i,s:i,s:{s:i,s:i,s:i},s:i,s:i,s:i,s:i,s:o}",
            "unit_id", db.units[u].unit_id, "name", db.units[u].name, "from", jdate(from), "to",
            jdate(to), "date", jdate(at), "plans", s.plans, "institutions", s.institutions,
            "categories", s.categories, "kinds", s.kinds, "problems", s.problems, "rectified",
            s.rectified, "dispositions", "oral", s.disp[ZX_STORE_INSP_ORAL], "correction_notice",
            s.disp[ZX_STORE_INSP_CORRECTION_NOTICE], "suggestion", s.disp[ZX_STORE_INSP_SUGGESTION],
            "answered", s.answered, "open", s.open, "overdue", s.overdue, "escalated", s.escalated,
            "by_category", cats);
        zx_store_insp_release(&db);
        return put_json(j);
    }
    char d0[16], d1[16];
    printf(zx_msg(ZX_M_INSP_STATS), db.units[u].name, fmt_date(from, d0), fmt_date(to, d1), s.plans,
           s.institutions, s.categories, s.kinds, s.problems, s.rectified);
    printf(zx_msg(ZX_M_INSP_STATS_DISP), s.disp[ZX_STORE_INSP_ORAL],
           s.disp[ZX_STORE_INSP_CORRECTION_NOTICE], s.disp[ZX_STORE_INSP_SUGGESTION], s.answered,
           s.open, s.overdue, s.escalated);
    printf("%s", zx_msg(ZX_M_INSP_STATS_HEAD));
    for (int c = 1; c < ZX_STORE_INSP_CAT_COUNT_; c++)
        if (s.by_cat[c][0])
            printf("%-20s %-18s %8d %9d %12d\n", zx_store_insp_cat_code(c),
                   zx_store_insp_cat_label(c), s.by_cat[c][0], s.by_cat[c][1], s.by_cat[c][2]);
    zx_store_insp_release(&db);
    return 0;
}

static int cmd_report(struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    int rc = zx_insp_report_write(st, a->plan, or_today(a->date), a->out, &err);
    if (rc == ZX_ENOTFOUND) {
        fail_msg(zx_msg(ZX_M_INSP_NO_PLAN), a->plan);
        return 2;
    }
    if (rc) {
        fail_msg("%s", zx_err_text(&err));
        return 2;
    }
    printf(zx_msg(ZX_M_CLI_WROTE), a->out);
    return 0;
}

static int inspect_sub(void *ud, int argc, char **argv)
{
    const char *sub = argv[0];
    struct args a = {.from = ZX_DATE_NULL, .to = ZX_DATE_NULL, .date = ZX_DATE_NULL};
    struct zx_opt opts[MAX_OPTS];
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    char name[32];
    int rc;
    inspect_opts(&a, sub, opts);
    snprintf(name, sizeof name, "inspect %s", sub);
    const struct zx_opt_cmd cmd = {name, opts, ud, NULL};
    if ((rc = zx_opt_parse(&cmd, argc, argv)) != ZX_OPT_GO)
        return rc;
    if (zx_opt_check_period(&cmd, a.from, a.to))
        return 2;
    if (access(a.db, R_OK | W_OK) != 0)
        return zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_OPEN_DB), a.db);
    if (zx_store_open(a.db, &st, &err))
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    if (!strcmp(sub, "plan"))
        rc = do_plan(st, &a, a.followup_of);
    else if (!strcmp(sub, "finding"))
        rc = cmd_finding(st, &a);
    else if (!strcmp(sub, "dispose"))
        rc = cmd_dispose(st, &a);
    else if (!strcmp(sub, "reply"))
        rc = cmd_reply(st, &a);
    else if (!strcmp(sub, "feedback"))
        rc = cmd_feedback(st, &a);
    else if (!strcmp(sub, "followup"))
        rc = cmd_followup(st, &a);
    else if (!strcmp(sub, "check"))
        rc = cmd_check(st, &a);
    else if (!strcmp(sub, "status"))
        rc = cmd_status(st, &a);
    else if (!strcmp(sub, "coverage"))
        rc = cmd_coverage(st, &a);
    else if (!strcmp(sub, "stats"))
        rc = cmd_stats(st, &a);
    else
        rc = cmd_report(st, &a);
    zx_store_close(st);
    return rc;
}

int cmd_inspect(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"plan", inspect_sub, "plan an inspection (checked against §4.1)",
         "制定巡回检察计划（按 §4.1 检查）"},
        {"finding", inspect_sub, "record a problem found", "登记发现的问题"},
        {"dispose", inspect_sub, "an oral opinion, 纠正违法通知书 or 检察建议书 on a finding",
         "对问题提出口头纠正、纠正违法通知书或检察建议书"},
        {"reply", inspect_sub, "record the answer to a disposition", "登记处置的回复"},
        {"feedback", inspect_sub, "record the feedback meeting", "登记反馈情况"},
        {"followup", inspect_sub, "plan the 整改 follow-up, confirm rectifications",
         "制定整改跟进检察计划，确认整改"},
        {"check", inspect_sub, "mark a checklist item done", "标记检察清单事项已完成"},
        {"status", inspect_sub, "deadlines and escalations of plans and dispositions",
         "计划和处置的期限及报告上级院情况"},
        {"coverage", inspect_sub, "institutions inspected in a year, and the gaps",
         "年度巡回检察覆盖情况及缺口"},
        {"stats", inspect_sub, "statistics of a unit's inspections over a period",
         "单位某期间巡回检察统计"},
        {"report", inspect_sub, "the 巡回检察报告 workbook of a plan", "计划的巡回检察报告工作簿"},
        {NULL, NULL, NULL, NULL},
    };
    char about[4096];
    size_t n = (size_t)snprintf(about, sizeof about, "%s", zx_msg(ZX_M_INSP_ABOUT));
    for (int c = 1; c < ZX_STORE_INSP_CAT_COUNT_ && n < sizeof about; c++)
        n += (size_t)snprintf(about + n, sizeof about - n, "%s%s(%s)", c > 1 ? ", " : "",
                              zx_store_insp_cat_code(c), zx_store_insp_cat_label(c));
    if (n < sizeof about)
        snprintf(about + n, sizeof about - n, "%s", zx_msg(ZX_M_INSP_ABOUT_TAIL));
    return zx_opt_dispatch("inspect", subs, about, NULL, about, argc, argv);
}
