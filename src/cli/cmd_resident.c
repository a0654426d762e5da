/* cmd_resident.c — `zhixiao resident <sub>`: 派驻检察 over execution/resident.h — the
 * office and its procurators, the duty log against the checklist, the gap report, findings
 * (then disposed of, answered and escalated as in `zhixiao inspect`), the pull for a circuit
 * inspection (art. 28) and the inspection's check of the office (arts. 15–16). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "execution/inspect.h"
#include "execution/resident.h"
#include "model/vocab.h"
#include "store/inspect.h"
#include "store/resident.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct args {
    const char *db, *id, *office, *unit, *inst, *name, *lead, *staff, *item, *result, *place;
    const char *log, *category, *subcat, *desc, *evidence, *kind, *finding, *follow, *plan;
    int32_t date, from, to, until;
    int format;
};

/* Which subcommands take an option, and which of them require it ("*": all). */
struct optdef {
    const char *subs, *required;
    struct zx_opt o;
};

#define MAX_OPTS 32
static void resident_opts(struct args *a, const char *sub, struct zx_opt *out)
{
    const struct optdef all[] = {
        {"office assign log finding dispose gaps list brief audit", "*", ZX_OPT_DB(&a->db)},
        {"office log finding dispose",
         "",
         {.name = "id",
          .arg = "ID",
          .str = &a->id,
          .help = "the id to give it (office: required)",
          .help_zh = "编号（派驻检察室必填，其余默认自动生成）"}},
        {"assign log gaps audit finding",
         "assign log audit",
         {.name = "office",
          .arg = "O",
          .str = &a->office,
          .help = "the resident office",
          .help_zh = "派驻检察室编号"}},
        {"list",
         "",
         {.name = "office",
          .arg = "O",
          .str = &a->office,
          .help = "only this office",
          .help_zh = "只看此派驻检察室"}},
        {"office", "office", ZX_OPT_UNIT(&a->unit)},
        {"gaps list", "", ZX_OPT_UNIT(&a->unit)},
        {"office brief",
         "office brief",
         {.name = "institution",
          .arg = "I",
          .str = &a->inst,
          .help = "the prison or detention house",
          .help_zh = "监狱或看守所编号"}},
        {"office",
         "office",
         {.name = "name",
          .arg = "TEXT",
          .str = &a->name,
          .help = "the office's name",
          .help_zh = "派驻检察室名称"}},
        {"office",
         "office",
         {.name = "lead",
          .arg = "STAFF",
          .str = &a->lead,
          .help = "the procurator in charge (assigned from the opening day)",
          .help_zh = "负责检察官（自设立之日起派驻）"}},
        {"assign log",
         "assign log",
         {.name = "staff", .arg = "STAFF", .str = &a->staff, .help = "who", .help_zh = "检察人员"}},
        {"assign",
         "",
         {.name = "until",
          .date = &a->until,
          .help = "end the assignment on this day",
          .help_zh = "派驻截止日期（结束派驻）"}},
        {"log",
         "log",
         {.name = "item",
          .arg = "ITEM",
          .str = &a->item,
          .help = "the checklist item (see zhixiao resident checklist)",
          .help_zh = "检察清单事项（见 zhixiao resident checklist）"}},
        {"log",
         "log",
         {.name = "result",
          .arg = "TEXT",
          .str = &a->result,
          .help = "what was done and found",
          .help_zh = "检察情况及发现"}},
        {"log",
         "",
         {.name = "place",
          .arg = "TEXT",
          .str = &a->place,
          .help = "where (监区, 监室, 录像点位)",
          .help_zh = "地点（监区、监室、监控点位）"}},
        {"finding",
         "",
         {.name = "log",
          .arg = "L",
          .str = &a->log,
          .help = "the log entry that found it",
          .help_zh = "发现问题的工作日志"}},
        {"finding",
         "",
         {.name = "category",
          .arg = "C",
          .str = &a->category,
          .help = "the §4.4 category (default: the log item's)",
          .help_zh = "§4.4 问题类别（默认取日志事项的类别）"}},
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
        {"dispose",
         "dispose",
         {.name = "finding",
          .arg = "F",
          .str = &a->finding,
          .help = "the office's finding",
          .help_zh = "派驻检察发现的问题编号"}},
        {"dispose",
         "dispose",
         {.name = "kind",
          .arg = "oral|correction_notice|suggestion",
          .str = &a->kind,
          .help = "口头纠正, 纠正违法通知书 (15 days) or 检察建议书 (2 months)",
          .help_zh = "口头纠正、纠正违法通知书（15日）或检察建议书（2个月）"}},
        {"dispose",
         "",
         {.name = "follow",
          .arg = "STAFF",
          .str = &a->follow,
          .help = "who follows it up",
          .help_zh = "跟进人"}},
        {"audit",
         "audit",
         {.name = "plan",
          .arg = "P",
          .str = &a->plan,
          .help = "the circuit inspection that checks the office",
          .help_zh = "检察派驻检察室的巡回检察计划"}},
        {"checklist",
         "",
         {.name = "kind",
          .arg = "prison|detention_house",
          .str = &a->kind,
          .help = "only the items for this kind",
          .help_zh = "只看此类监管场所的事项"}},
        {"office assign log finding dispose audit",
         "office log dispose",
         {.name = "date",
          .date = &a->date,
          .help = "the day it happened (assign: first day)",
          .help_zh = "发生日期（派驻：起始日）"}},
        {"gaps brief list",
         "",
         {.name = "date",
          .date = &a->date,
          .help = "as of this day (default: --to)",
          .help_zh = "截至日期（默认为 --to）"}},
        {"gaps brief audit", "gaps brief audit", ZX_OPT_FROM(&a->from, 0)},
        {"gaps brief audit", "gaps brief audit", ZX_OPT_TO(&a->to, 0)},
        {"list", "", ZX_OPT_FROM(&a->from, 0)},
        {"list", "", ZX_OPT_TO(&a->to, 0)},
        {"gaps list brief checklist", "", ZX_OPT_FORMAT(&a->format, "table|json")},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0] && n + 1 < MAX_OPTS; i++) {
        const char *subs = all[i].subs, *req = all[i].required;
        size_t l = strlen(sub);
        int takes = !strcmp(subs, "*"), needs = !strcmp(req, "*");
        for (const char *p = subs; !takes && (p = strstr(p, sub)); p += l)
            takes = (p == subs || p[-1] == ' ') && (p[l] == 0 || p[l] == ' ');
        for (const char *p = req; !needs && (p = strstr(p, sub)); p += l)
            needs = (p == req || p[-1] == ' ') && (p[l] == 0 || p[l] == ' ');
        if (!takes)
            continue;
        out[n] = all[i].o;
        if (needs)
            out[n].flags |= ZX_OPT_REQUIRED;
        n++;
    }
    memset(&out[n], 0, sizeof out[n]);
}

static void copy(char *dst, size_t n, const char *s)
{
    snprintf(dst, n, "%s", s ? s : "");
}

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static const char *fmt(int32_t d, char *b)
{
    return d == ZX_DATE_NULL ? "—" : zx_date_format(d, b);
}

static void dump(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(1));
    if (s)
        puts(s);
    free(s);
    json_decref(j);
}

/* ---- the subcommands ---- */

static int do_office(const struct zx_opt_cmd *cmd, struct zx_store *st, struct args *a)
{
    struct zx_res_office o = {.opened_on = a->date};
    struct zx_err err = {0};
    copy(o.office_id, sizeof o.office_id, a->id);
    copy(o.unit_id, sizeof o.unit_id, a->unit);
    copy(o.institution_id, sizeof o.institution_id, a->inst);
    copy(o.name, sizeof o.name, a->name);
    if (zx_res_new_office(st, &o, a->lead, &err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    printf("派驻检察室 %s 已设立（%s），其发现的问题记入 %s\n", o.office_id, o.name, o.plan_id);
    return 0;
}

static int do_assign(const struct zx_opt_cmd *cmd, struct zx_store *st, struct args *a)
{
    struct zx_err err = {0};
    int rc;
    if (a->until != ZX_DATE_NULL) {
        if ((rc = zx_store_begin(st, &err)) ||
            (rc = zx_resident_store_unassign(st, a->office, a->staff, a->until, &err)) ||
            (rc = zx_store_commit(st, &err))) {
            zx_store_rollback(st);
            return zx_opt_fail(cmd, "%s", zx_err_text(&err));
        }
        printf("%s 派驻 %s 截至 %s\n", a->staff, a->office, fmt(a->until, (char[16]){0}));
        return 0;
    }
    if (a->date == ZX_DATE_NULL)
        return zx_opt_fail(cmd, "--date (the first day) or --until (the last day) is required");
    if ((rc = zx_store_begin(st, &err)) ||
        (rc = zx_resident_store_assign(st, a->office, a->staff, a->date, &err)) ||
        (rc = zx_store_commit(st, &err))) {
        zx_store_rollback(st);
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    }
    printf("%s 自 %s 派驻 %s\n", a->staff, fmt(a->date, (char[16]){0}), a->office);
    return 0;
}

static int do_log(const struct zx_opt_cmd *cmd, struct zx_store *st,
                  const struct zx_res_rules *rules, struct args *a)
{
    struct zx_res_log l = {.on = a->date};
    struct zx_err err = {0};
    copy(l.log_id, sizeof l.log_id, a->id);
    copy(l.office_id, sizeof l.office_id, a->office);
    copy(l.item_id, sizeof l.item_id, a->item);
    copy(l.staff_id, sizeof l.staff_id, a->staff);
    copy(l.place, sizeof l.place, a->place);
    copy(l.result, sizeof l.result, a->result);
    if (zx_res_new_log(st, rules, &l, &err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    printf("%s\n", l.log_id);
    return 0;
}

static int do_finding(const struct zx_opt_cmd *cmd, struct zx_store *st,
                      const struct zx_res_rules *rules, struct args *a)
{
    struct zx_store_insp_finding f = {.found_on = a->date, .rectified_on = ZX_DATE_NULL};
    struct zx_err err = {0};
    if (!a->office && !a->log)
        return zx_opt_fail(cmd, "--office or --log is required");
    if (a->category && !(f.category = zx_store_insp_cat_find(a->category)))
        return zx_opt_fail(cmd, "--category: no §4.4 category '%s' (see zhixiao inspect --help)",
                           a->category);
    if (!a->log && a->date == ZX_DATE_NULL)
        return zx_opt_fail(cmd, "--date is required without --log");
    copy(f.finding_id, sizeof f.finding_id, a->id);
    copy(f.sub, sizeof f.sub, a->subcat);
    copy(f.desc, sizeof f.desc, a->desc);
    copy(f.evidence, sizeof f.evidence, a->evidence);
    if (zx_res_new_finding(st, rules, a->office, a->log, &f, &err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    printf("%s\n", f.finding_id);
    return 0;
}

static int do_dispose(const struct zx_opt_cmd *cmd, struct zx_store *st, struct args *a)
{
    struct zx_store_insp_disp d = {.served = a->date, .reply_on = ZX_DATE_NULL};
    struct zx_err err = {0};
    char due[16];
    if (!(d.kind = zx_store_insp_disp_find(a->kind)))
        return zx_opt_fail(cmd, "--kind: oral, correction_notice or suggestion");
    copy(d.disp_id, sizeof d.disp_id, a->id);
    copy(d.finding_id, sizeof d.finding_id, a->finding);
    copy(d.follow_staff, sizeof d.follow_staff, a->follow);
    if (zx_insp_new_disp(st, &d, &err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    printf("%s：%s，%s 前应回复\n", d.disp_id, zx_store_insp_disp_label(d.kind),
           fmt(zx_insp_reply_due(d.kind, d.served), due));
    return 0;
}

static int do_checklist(const struct zx_res_rules *r, const char *where, struct args *a)
{
    int kind = a->kind ? zx_vocab_find(ZX_V_INST_KIND, a->kind, strlen(a->kind)) : -1;
    json_t *arr = a->format ? json_array() : NULL;
    if (!a->format)
        printf("检察清单（%s）\n", where);
    for (size_t i = 0; i < r->nitems; i++) {
        const struct zx_res_item *it = &r->items[i];
        if (kind >= 0 && !zx_res_item_applies(it, kind))
            continue;
        const char *k = it->kind ? zx_vocab_code(ZX_V_INST_KIND, it->kind) : "both";
        if (arr)
            json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", it->id,
                                                 "kind", k, "area", it->area, "item", it->item,
                                                 "frequency", zx_res_freq_code(it->freq),
                                                 "category", zx_store_insp_cat_code(it->category),
                                                 "source", it->source, "article", it->article));
        else
            printf("%-16s %-15s %-6s %s：%s（%s %s）\n", it->id, k, zx_res_freq_label(it->freq),
                   it->area, it->item, it->source, it->article);
    }
    const struct zx_res_office_rules *o = &r->office;
    if (arr)
        dump(json_pack("{s:o,s:{s:i,s:i,s:s,s:i,s:s,s:i,s:s}}", "items", arr, "office_rules",
                       "min_persons", o->min_persons, "min_procurators", o->min_procurators,
                       "staff_article", o->staff_article, "min_days_month", o->min_days_month,
                       "days_article", o->days_article, "rotation_years", o->rotation_years,
                       "rotation_article", o->rotation_article));
    else
        printf("派驻检察室：人员不少于 %d 名且至少 %d 名检察官（%s）；每月在岗不少于 %d 个工作日"
               "（%s）；每 %d 年轮岗（%s）\n",
               o->min_persons, o->min_procurators, o->staff_article, o->min_days_month,
               o->days_article, o->rotation_years, o->rotation_article);
    return 0;
}

/* The offices selected by --office / --unit (1 = selected), using the inspection snapshot's
 * unit tree. */
static int selected(const struct zx_res_db *db, const struct zx_store_insp_db *idb, size_t o,
                    const struct args *a)
{
    if (a->office && strcmp(db->offices[o].office_id, a->office))
        return 0;
    if (!a->unit)
        return 1;
    long root = zx_store_insp_db_unit(idb, a->unit),
         u = zx_store_insp_db_unit(idb, db->offices[o].unit_id);
    return root >= 0 && u >= 0 && zx_insp_under(idb, u, root);
}

static int do_gaps(const struct zx_opt_cmd *cmd, struct zx_store *st,
                   const struct zx_res_rules *rules, struct args *a)
{
    struct zx_res_db db = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_res_report rep = {0};
    struct zx_err err = {0};
    int rc = 2, shown = 0;
    char d0[16], d1[16];
    if (zx_resident_store_load(st, a->from, a->to, &db, &err) ||
        zx_store_insp_load(st, &idb, &err) ||
        zx_res_gaps(rules, &db, -1, a->from, a->to, &rep, &err)) {
        zx_opt_fail(cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (a->office && zx_res_db_office(&db, a->office) < 0) {
        zx_opt_fail(cmd, "no office '%s' in the database", a->office);
        goto cleanup;
    }
    if (a->unit && zx_store_insp_db_unit(&idb, a->unit) < 0) {
        zx_opt_fail(cmd, "no unit '%s' in the database", a->unit);
        goto cleanup;
    }
    json_t *jo = a->format ? json_array() : NULL;
    if (!jo)
        printf("派驻检察缺口 %s 至 %s\n", fmt(a->from, d0), fmt(a->to, d1));
    for (size_t o = 0; o < db.noffices; o++) {
        if (!selected(&db, &idb, o, a))
            continue;
        const struct zx_res_office *of = &db.offices[o];
        json_t *items = jo ? json_array() : NULL, *gaps = jo ? json_array() : NULL;
        int n = 0;
        if (!jo)
            printf("\n%s %s（%s）\n  检察清单：\n", of->office_id, of->name, of->inst_name);
        for (size_t c = 0; c < rep.ncov; c++) {
            const struct zx_res_item_cov *cv = &rep.cov[c];
            if (cv->office != o)
                continue;
            const struct zx_res_item *it = &rules->items[cv->item];
            if (items)
                json_array_append_new(
                    items, json_pack("{s:s,s:s,s:s,s:i,s:i,s:i}", "item", it->id, "label", it->item,
                                     "frequency", zx_res_freq_code(it->freq), "expected",
                                     cv->expected, "done", cv->done, "entries", cv->entries));
            else if (it->freq == ZX_RES_PER_EVENT)
                printf("    %-16s %-8s %d 次\n", it->id, zx_res_freq_label(it->freq), cv->entries);
            else
                printf("    %-16s %-8s 应检 %d 期，已检 %d 期%s\n", it->id,
                       zx_res_freq_label(it->freq), cv->expected, cv->done,
                       cv->done < cv->expected ? "  ← 缺口" : "");
        }
        for (size_t g = 0; g < rep.ngaps; g++) {
            const struct zx_res_gap *x = &rep.gaps[g];
            if (x->office != o)
                continue;
            n++;
            if (gaps)
                json_array_append_new(
                    gaps, json_pack("{s:s,s:s?,s:o,s:o,s:i,s:s?,s:s,s:s,s:s}", "kind",
                                    zx_res_gap_code(x->kind), "item",
                                    x->item >= 0 ? rules->items[x->item].id : NULL, "from",
                                    jdate(x->from), "to", jdate(x->to), "count", x->count,
                                    "staff_id", x->staff_id[0] ? x->staff_id : NULL, "rule",
                                    x->rule, "article", x->article, "message", x->msg));
            else
                printf("%s  %s\n", n == 1 ? "  缺口：\n" : "", x->msg);
        }
        shown += n;
        if (jo)
            json_array_append_new(jo, json_pack("{s:s,s:s,s:s,s:o,s:o}", "office_id", of->office_id,
                                                "name", of->name, "institution_id",
                                                of->institution_id, "items", items, "gaps", gaps));
        else if (!n)
            printf("  无缺口\n");
    }
    if (jo)
        dump(json_pack("{s:o,s:o,s:o,s:i}", "from", jdate(a->from), "to", jdate(a->to), "offices",
                       jo, "gaps", shown));
    rc = shown ? 1 : 0; /* like `inspect status`: 1 when something needs attention */
cleanup:
    zx_res_report_release(&rep);
    zx_store_insp_release(&idb);
    zx_resident_store_release(&db);
    return rc;
}

static int do_list(const struct zx_opt_cmd *cmd, struct zx_store *st,
                   const struct zx_res_rules *rules, struct args *a)
{
    struct zx_res_db db = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_err err = {0};
    char d0[16], d1[16];
    int32_t at = a->date != ZX_DATE_NULL ? a->date
                 : a->to != ZX_DATE_NULL ? a->to
                                         : zx_date_today();
    (void)rules;
    if (zx_resident_store_load(st, a->from, a->to, &db, &err) ||
        zx_store_insp_load(st, &idb, &err)) {
        zx_resident_store_release(&db);
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    }
    json_t *jo = a->format ? json_array() : NULL;
    for (size_t o = 0; o < db.noffices; o++) {
        if (!selected(&db, &idb, o, a))
            continue;
        const struct zx_res_office *of = &db.offices[o];
        json_t *staff = jo ? json_array() : NULL, *logs = jo ? json_array() : NULL;
        if (!jo)
            printf("%s %s  %s（%s）  设立 %s  单位 %s\n  派驻人员：\n", of->office_id, of->name,
                   of->inst_name, of->institution_id, fmt(of->opened_on, d0), of->unit_id);
        for (size_t i = 0; i < db.nassigns; i++) {
            const struct zx_res_assign *x = &db.assigns[i];
            if (x->office != o)
                continue;
            if (staff)
                json_array_append_new(staff,
                                      json_pack("{s:s,s:s,s:b,s:o,s:o}", "staff_id", x->staff_id,
                                                "name", x->name, "procurator", x->procurator,
                                                "from", jdate(x->from), "to", jdate(x->to)));
            else
                printf("    %s %s%s  %s 至 %s\n", x->staff_id, x->name,
                       x->procurator ? "（检察官）" : "", fmt(x->from, d0), fmt(x->to, d1));
        }
        if (!jo)
            printf("  工作日志：\n");
        for (size_t i = 0; i < db.nlogs; i++) {
            const struct zx_res_log *l = &db.logs[i];
            if (l->office != o)
                continue;
            long k = zx_res_item_find(rules, l->item_id);
            if (logs)
                json_array_append_new(
                    logs,
                    json_pack("{s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:s?}", "log_id", l->log_id, "item",
                              l->item_id, "item_label", k >= 0 ? rules->items[k].item : "", "date",
                              jdate(l->on), "staff_id", l->staff_id, "place", l->place, "result",
                              l->result, "finding_id", l->finding_id[0] ? l->finding_id : NULL));
            else
                printf("    %s %s %-14s %s %s%s%s%s\n", l->log_id, fmt(l->on, d0), l->item_id,
                       l->staff_id, l->place[0] ? l->place : "", l->place[0] ? "：" : "", l->result,
                       l->finding_id[0] ? "  → 问题 " : "");
            if (!logs && l->finding_id[0])
                printf("      %s\n", l->finding_id);
        }
        /* the office's findings with the state of their dispositions */
        json_t *finds = jo ? json_array() : NULL;
        if (!jo)
            printf("  发现的问题：\n");
        for (size_t f = 0; f < idb.nfindings; f++) {
            const struct zx_store_insp_finding *fi = &idb.findings[f];
            if (strcmp(fi->plan_id, of->plan_id))
                continue;
            json_t *ds = jo ? json_array() : NULL;
            if (!jo)
                printf("    %s %s [%s] %s\n", fi->finding_id, fmt(fi->found_on, d0),
                       zx_store_insp_cat_label(fi->category), fi->desc);
            for (size_t d = 0; d < idb.ndisps; d++) {
                if (strcmp(idb.disps[d].finding_id, fi->finding_id))
                    continue;
                struct zx_insp_dstatus s;
                zx_insp_disp_status(&idb, d, at, &s);
                if (ds)
                    json_array_append_new(
                        ds, json_pack("{s:s,s:s,s:o,s:o,s:s}", "disp_id", idb.disps[d].disp_id,
                                      "kind", zx_store_insp_disp_code(idb.disps[d].kind), "served",
                                      jdate(idb.disps[d].served), "due", jdate(s.due), "state",
                                      zx_insp_state_label(s.state)));
                else
                    printf("      %s %s %s，%s 前回复：%s\n", idb.disps[d].disp_id,
                           zx_store_insp_disp_label(idb.disps[d].kind),
                           fmt(idb.disps[d].served, d0), fmt(s.due, d1),
                           zx_insp_state_label(s.state));
            }
            if (finds)
                json_array_append_new(finds,
                                      json_pack("{s:s,s:o,s:s,s:s,s:o}", "finding_id",
                                                fi->finding_id, "found_on", jdate(fi->found_on),
                                                "category", zx_store_insp_cat_code(fi->category),
                                                "description", fi->desc, "dispositions", ds));
        }
        if (jo)
            json_array_append_new(
                jo, json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:o,s:o}", "office_id",
                              of->office_id, "name", of->name, "unit_id", of->unit_id,
                              "institution_id", of->institution_id, "institution", of->inst_name,
                              "opened_on", jdate(of->opened_on), "plan_id", of->plan_id, "staff",
                              staff, "logs", logs, "findings", finds));
    }
    if (jo)
        dump(json_pack("{s:o}", "offices", jo));
    zx_store_insp_release(&idb);
    zx_resident_store_release(&db);
    return 0;
}

static int do_brief(const struct zx_opt_cmd *cmd, struct zx_store *st,
                    const struct zx_res_rules *rules, struct args *a)
{
    struct zx_res_db db = {0};
    struct zx_store_insp_db idb = {0};
    struct zx_res_report rep = {0};
    struct zx_res_brief b;
    struct zx_err err = {0};
    char d0[16], d1[16];
    int32_t at = a->date != ZX_DATE_NULL ? a->date : a->to;
    int rc = 2;
    if (zx_resident_store_load(st, a->from, a->to, &db, &err) ||
        zx_store_insp_load(st, &idb, &err) ||
        zx_res_gaps(rules, &db, -1, a->from, a->to, &rep, &err)) {
        zx_opt_fail(cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (zx_store_insp_db_inst(&idb, a->inst) < 0) {
        zx_opt_fail(cmd, "no institution '%s' in the database", a->inst);
        goto cleanup;
    }
    zx_res_brief(&db, &idb, &rep, a->inst, a->from, a->to, at, &b);
    if (a->format)
        dump(json_pack(
            "{s:s,s:o,s:o,s:i,s:s,s:i,s:i,s:i,s:i,s:{s:i,s:i,s:i},s:i,s:i,s:i}", "institution_id",
            a->inst, "from", jdate(a->from), "to", jdate(a->to), "offices", b.offices, "office_ids",
            b.office_ids, "entries", b.entries, "gaps", b.gaps, "findings", b.findings, "rectified",
            b.rectified, "dispositions", "oral", b.disp[ZX_STORE_INSP_ORAL], "correction_notice",
            b.disp[ZX_STORE_INSP_CORRECTION_NOTICE], "suggestion", b.disp[ZX_STORE_INSP_SUGGESTION],
            "answered", b.answered, "open", b.open, "overdue", b.overdue));
    else
        printf("巡回检察前派驻检察情况（第二十八条） %s %s 至 %s\n"
               "  派驻检察室 %d 个（%s）；工作日志 %d 条；履职缺口 %d 项\n"
               "  发现问题 %d 个，已整改 %d 个；口头纠正 %d、纠正违法通知书 %d、检察建议书 %d；"
               "已回复 %d、未到期 %d、逾期 %d\n",
               a->inst, fmt(a->from, d0), fmt(a->to, d1), b.offices, b.office_ids, b.entries,
               b.gaps, b.findings, b.rectified, b.disp[ZX_STORE_INSP_ORAL],
               b.disp[ZX_STORE_INSP_CORRECTION_NOTICE], b.disp[ZX_STORE_INSP_SUGGESTION],
               b.answered, b.open, b.overdue);
    rc = 0;
cleanup:
    zx_res_report_release(&rep);
    zx_store_insp_release(&idb);
    zx_resident_store_release(&db);
    return rc;
}

static int do_audit(const struct zx_opt_cmd *cmd, struct zx_store *st,
                    const struct zx_res_rules *rules, struct args *a)
{
    struct zx_err err = {0};
    int n = 0;
    int32_t on = a->date != ZX_DATE_NULL ? a->date : a->to;
    if (zx_res_audit(st, rules, a->office, a->plan, a->from, a->to, on, &n, &err))
        return zx_opt_fail(cmd, "%s", zx_err_text(&err));
    printf("派驻检察室 %s 履职缺口记为巡回检察 %s 发现的问题 %d 个（第十五条、第十六条）\n",
           a->office, a->plan, n);
    return 0;
}

static int resident_sub(void *ud, int argc, char **argv)
{
    const char *sub = argv[0], *where = NULL;
    struct args a = {
        .date = ZX_DATE_NULL, .from = ZX_DATE_NULL, .to = ZX_DATE_NULL, .until = ZX_DATE_NULL};
    struct zx_opt opts[MAX_OPTS];
    struct zx_store *st = NULL;
    struct zx_res_rules *rules = NULL;
    struct zx_err err = {0};
    char name[32];
    int rc;
    resident_opts(&a, sub, opts);
    snprintf(name, sizeof name, "resident %s", sub);
    const struct zx_opt_cmd cmd = {name, opts, ud, NULL};
    if ((rc = zx_opt_parse(&cmd, argc, argv)) != ZX_OPT_GO)
        return rc;
    if (zx_opt_check_period(&cmd, a.from, a.to))
        return 2;
    if (zx_res_rules_load_default(&rules, &where, &err))
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    if (!strcmp(sub, "checklist")) {
        rc = do_checklist(rules, where, &a);
        zx_res_rules_free(rules);
        return rc;
    }
    if (access(a.db, R_OK | W_OK) != 0 || zx_store_open(a.db, &st, &err)) {
        zx_res_rules_free(rules);
        return zx_opt_fail(&cmd, "cannot open the database '%s'%s%s", a.db, err.msg[0] ? ": " : "",
                           err.msg);
    }
    if (!strcmp(sub, "office"))
        rc = do_office(&cmd, st, &a);
    else if (!strcmp(sub, "assign"))
        rc = do_assign(&cmd, st, &a);
    else if (!strcmp(sub, "log"))
        rc = do_log(&cmd, st, rules, &a);
    else if (!strcmp(sub, "finding"))
        rc = do_finding(&cmd, st, rules, &a);
    else if (!strcmp(sub, "dispose"))
        rc = do_dispose(&cmd, st, &a);
    else if (!strcmp(sub, "gaps"))
        rc = do_gaps(&cmd, st, rules, &a);
    else if (!strcmp(sub, "list"))
        rc = do_list(&cmd, st, rules, &a);
    else if (!strcmp(sub, "brief"))
        rc = do_brief(&cmd, st, rules, &a);
    else
        rc = do_audit(&cmd, st, rules, &a);
    zx_store_close(st);
    zx_res_rules_free(rules);
    return rc;
}

int cmd_resident(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"checklist", resident_sub, "the checklists with their articles and frequencies",
         "检察清单（法律依据、频次）"},
        {"office", resident_sub, "open a resident office at a prison or detention house",
         "设立派驻监狱、看守所检察室"},
        {"assign", resident_sub, "assign a procurator to an office, or end the assignment",
         "派驻检察人员或结束派驻"},
        {"log", resident_sub, "record a duty against a checklist item", "按检察清单登记工作日志"},
        {"finding", resident_sub, "record a problem the office found", "登记派驻检察发现的问题"},
        {"dispose", resident_sub, "纠正违法通知书 or 检察建议书 on a finding (as inspect dispose)",
         "对问题发出纠正违法通知书或检察建议书"},
        {"gaps", resident_sub, "items not done at their frequency; staffing, days, rotation",
         "未按频次履职事项；人员、在岗天数、轮岗"},
        {"list", resident_sub, "offices, their staff, log and findings",
         "派驻检察室、人员、日志及发现的问题"},
        {"brief", resident_sub, "the office's records for a circuit inspection (art. 28)",
         "巡回检察前调取派驻检察情况（第二十八条）"},
        {"audit", resident_sub, "record the gap report as findings of an inspection (arts. 15–16)",
         "将派驻检察履职缺口记为巡回检察发现的问题（第十五、十六条）"},
        {NULL, NULL, NULL, NULL},
    };
    static const char about[] =
        "派驻检察 (resident offices at prisons and detention houses): the duty log against the "
        "checklist of data/resident_checklists.json (XH2021 arts. 15–17), the gap report, "
        "findings disposed of as in `zhixiao inspect` (纠正违法通知书 15 days, 检察建议书 2 "
        "months, escalation with `zhixiao inspect status --record`).\n";
    return zx_opt_dispatch("resident", subs, about, NULL, (void *)about, argc, argv);
}
