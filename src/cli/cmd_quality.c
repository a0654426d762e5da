/* cmd_quality.c — `zhixiao quality plan|plans|sample|list|show|grade|object|respond|rules`
 * (案件质量评查) and `zhixiao flaws` (办案瑕疵积分), thin over quality/quality.h. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "metrics/metrics.h"
#include "quality/quality.h"
#include "store/ledger.h"
#include "store/quality.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int print_json(json_t *j)
{
    if (!j)
        return 2;
    char *t = json_dumps(j, JSON_INDENT(1));
    json_decref(j);
    if (!t)
        return 2;
    puts(t);
    free(t);
    return fflush(stdout) == 0 ? 0 : 2;
}

/* Open the database (and the rules; the case data when m is not NULL). */
static int open_all(const struct zx_opt_cmd *cmd, const char *db, struct zx_store **st,
                    struct zx_quality_rules **r, struct zx_metrics **m, struct zx_err *err)
{
    if (access(db, R_OK) != 0)
        return zx_opt_fail(cmd, "cannot read database '%s'", db);
    if (zx_quality_rules_load_default(r, err) || zx_store_open(db, st, err) ||
        (m && zx_metrics_load(*st, m, err)))
        return zx_opt_fail(cmd, "%s", zx_err_text(err));
    return 0;
}

/* ---- plan ---- */

static const char plan_about[] =
    "Create a review plan over the cases closed in [--from, --to] in --unit's subtree (only\n"
    "已办结 cases are reviewed): --kind routine (常规抽查: per handler and quarter, round(ratio\n"
    "× n) cases chosen by a keyed hash of the plan id and case id — the same --id gives the\n"
    "same sample — and at least one per handler), focus (重点评查: every case with a risk\n"
    "signal of data/review_signals.json), special (专项评查: --charge, --line, --department).\n"
    "Prints the plan id and the number of cases.\n";
static const char plan_about_zh[] =
    "新建评查计划，范围为 --unit 及其下级在 [--from, --to] 内办结的案件（只评查已办结案件）：\n"
    "--kind routine（常规抽查：按承办人、季度以计划编号和案件编号的散列抽取 ratio 比例，同一\n"
    "计划编号抽样结果相同，每名承办人至少一件）、focus（重点评查：有风险信号的全部案件）、\n"
    "special（专项评查：按 --charge、--line、--department 筛选）。输出计划编号和案件数。\n";

static int sub_plan(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL, *kind = NULL, *id = NULL, *title = NULL, *charge = NULL,
               *line = NULL, *dept = NULL, *by = NULL, *ratio_s = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL, on = ZX_DATE_NULL;
    int fmt = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_metrics *m = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "kind",
         .arg = "routine|focus|special",
         .str = &kind,
         .flags = ZX_OPT_REQUIRED,
         .help = "常规抽查, 重点评查 or 专项评查",
         .help_zh = "评查类型"},
        {.name = "unit",
         .arg = "ID",
         .str = &unit,
         .flags = ZX_OPT_REQUIRED,
         .help = "the unit whose subtree is reviewed",
         .help_zh = "评查单位（含下级）"},
        ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
        ZX_OPT_TO(&to, ZX_OPT_REQUIRED),
        {.name = "ratio",
         .arg = "R",
         .str = &ratio_s,
         .help = "routine: the share sampled, 0 < R <= 1 (or N%)",
         .help_zh = "常规抽查比例"},
        {.name = "charge",
         .arg = "NAME",
         .str = &charge,
         .help = "special: the charge",
         .help_zh = "专项评查：罪名"},
        {.name = "line",
         .arg = "CODE",
         .str = &line,
         .help = "special: the line (criminal …)",
         .help_zh = "专项评查：条线"},
        {.name = "department",
         .arg = "NAME",
         .str = &dept,
         .help = "special: the handler's department",
         .help_zh = "专项评查：部门"},
        {.name = "id",
         .arg = "ID",
         .str = &id,
         .help = "the plan id (default: the next PC-YYYY-NNNN)",
         .help_zh = "计划编号"},
        {.name = "title",
         .arg = "TEXT",
         .str = &title,
         .help = "the plan's title",
         .help_zh = "计划名称"},
        {.name = "by",
         .arg = "WHO",
         .str = &by,
         .flags = ZX_OPT_REQUIRED,
         .help = "who plans (account)",
         .help_zh = "制定人"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .flags = ZX_OPT_REQUIRED,
         .help = "the day of planning",
         .help_zh = "制定日期"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"quality plan", opts, plan_about, plan_about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_opt_check_period(&cmd, from, to))
        return 2;
    int k = zx_quality_plan_kind_find(kind);
    if (k < 0)
        return zx_opt_fail(&cmd, "--kind: expected routine, focus or special, not '%s'", kind);
    double ratio = 0;
    if (ratio_s) {
        char *end = NULL;
        ratio = strtod(ratio_s, &end);
        if (end && *end == '%')
            ratio /= 100, end++;
        if (!end || *end || !(ratio > 0 && ratio <= 1))
            return zx_opt_fail(&cmd, "--ratio: expected 0 < R <= 1 or N%%, not '%s'", ratio_s);
    }
    if (k == ZX_QP_ROUTINE && !ratio_s)
        return zx_opt_fail(&cmd, "routine needs --ratio");
    if ((ret = open_all(&cmd, db, &st, &r, k == ZX_QP_FOCUS ? &m : NULL, &err)))
        goto cleanup;
    ret = 2;
    struct zx_quality_plan_spec sp = {.plan_id = id,
                                      .unit_id = unit,
                                      .kind = k,
                                      .title = title,
                                      .from = from,
                                      .to = to,
                                      .ratio = ratio,
                                      .charge = charge,
                                      .department = dept,
                                      .line = line,
                                      .by = by,
                                      .on = on};
    char pid[ZX_QSTORE_ID_MAX];
    size_t n = 0;
    if (zx_ledger_set_actor(st, by, &err) || zx_quality_plan_create(st, m, r, &sp, pid, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (fmt == 1) {
        struct zx_qstore_plan p;
        if (zx_qstore_plan_get(st, pid, &p, &err)) {
            zx_opt_fail(&cmd, "%s", zx_err_text(&err));
            goto cleanup;
        }
        ret = print_json(zx_quality_plan_json(&p, NULL, 0));
    } else {
        printf("%s\t%zu\n", pid, n);
        ret = 0;
    }
cleanup:
    zx_metrics_free(m);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

/* ---- plans, sample ---- */

static int sub_plans(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL;
    int fmt = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_qstore_plan *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {ZX_OPT_DB(&db), ZX_OPT_FORMAT(&fmt, "table|json"), ZX_OPT_END};
    const struct zx_opt_cmd cmd = {"quality plans", opts, "Every review plan.\n",
                                   "全部评查计划。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, NULL, &err)))
        goto cleanup;
    ret = 2;
    if (zx_qstore_plan_list(st, &v, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (fmt == 1) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, zx_quality_plan_json(&v[i], NULL, 0));
        ret = print_json(a);
    } else {
        char a[16], b[16];
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\t%s\t%s\t%lld\t%lld\t%s\n", v[i].plan_id, v[i].kind, v[i].unit_id,
                   zx_date_format(v[i].from, a), zx_date_format(v[i].to, b), (long long)v[i].ncases,
                   (long long)v[i].nreviewed, v[i].title);
        ret = 0;
    }
cleanup:
    free(v);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

/* The spec a stored plan was made with (filter parsed back). Strings point into p. */
static void spec_of(struct zx_qstore_plan *p, struct zx_quality_plan_spec *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->plan_id = p->plan_id;
    sp->unit_id = p->unit_id;
    sp->kind = zx_quality_plan_kind_find(p->kind);
    sp->from = p->from;
    sp->to = p->to;
    sp->ratio = p->ratio;
    /* filter: charge=…;line=…;department=… */
    char *save = NULL;
    for (char *w = strtok_r(p->filter, ";", &save); w; w = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(w, '=');
        if (!eq || !eq[1])
            continue;
        *eq = 0;
        if (!strcmp(w, "charge"))
            sp->charge = eq + 1;
        else if (!strcmp(w, "line"))
            sp->line = eq + 1;
        else if (!strcmp(w, "department"))
            sp->department = eq + 1;
    }
}

static int sub_sample(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *plan = NULL;
    int fmt = 0, fresh = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_metrics *m = NULL;
    struct zx_qstore_plan_case *v = NULL;
    struct zx_qstore_plan p;
    size_t n = 0;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "plan",
         .arg = "ID",
         .str = &plan,
         .flags = ZX_OPT_REQUIRED,
         .help = "the plan",
         .help_zh = "评查计划"},
        {.name = "fresh",
         .flag = &fresh,
         .help = "select again from the data with the plan's rule (nothing written)",
         .help_zh = "按计划规则重新从数据中选取（不写入）"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"quality sample", opts,
                                   "The cases of a plan: case, handler, unit, why chosen, review, "
                                   "grade.\n",
                                   "计划所含案件：案件、承办人、单位、入选原因、评查、等次。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, fresh ? &m : NULL, &err)))
        goto cleanup;
    ret = 2;
    if (zx_qstore_plan_get(st, plan, &p, &err))
        goto fail;
    if (fresh) {
        struct zx_qstore_plan copy = p;
        struct zx_quality_plan_spec sp;
        spec_of(&copy, &sp);
        if (zx_quality_select(st, m, r, &sp, &v, &n, &err))
            goto fail;
    } else if (zx_qstore_plan_cases(st, plan, &v, &n, &err)) {
        goto fail;
    }
    if (fmt == 1) {
        ret = print_json(zx_quality_plan_json(&p, v, n));
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\t%s\t%s\t%s\n", v[i].case_id,
                   v[i].handler_id[0] ? v[i].handler_id : "-", v[i].unit_id, v[i].reason,
                   v[i].review_id[0] ? v[i].review_id : "-", v[i].grade[0] ? v[i].grade : "-");
        ret = 0;
    }
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    free(v);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

/* ---- reviews ---- */

static int sub_list(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *plan = NULL, *staff = NULL;
    int fmt = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_qstore_review *v = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "plan",
         .arg = "ID",
         .str = &plan,
         .help = "only this plan's reviews",
         .help_zh = "只列该计划"},
        {.name = "staff",
         .arg = "ID",
         .str = &staff,
         .help = "only this handler's reviews",
         .help_zh = "只列该承办人"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "quality list", opts,
        "Reviews: id, plan, case, handler, reviewer, date, grade, "
        "final grade, 异议 state.\n",
        "评查结果：编号、计划、案件、承办人、评查人、日期、等次、最终等次、异议状态。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, NULL, &err)))
        goto cleanup;
    ret = 2;
    if (zx_qstore_review_list(st, plan, staff, ZX_DATE_NULL, ZX_DATE_NULL, &v, &n, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (fmt == 1) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, zx_quality_review_json(r, &v[i], NULL, 0));
        ret = print_json(a);
    } else {
        char d[16];
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v[i].review_id, v[i].plan_id,
                   v[i].case_id, v[i].handler_id[0] ? v[i].handler_id : "-", v[i].reviewer,
                   zx_date_format(v[i].graded_on, d), v[i].grade,
                   v[i].final_grade[0] ? v[i].final_grade : "-",
                   v[i].responded_on != ZX_DATE_NULL  ? "answered"
                   : v[i].objected_on != ZX_DATE_NULL ? "objected"
                                                      : "-");
        ret = 0;
    }
cleanup:
    free(v);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

static int sub_show(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *id = NULL;
    int fmt = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_qstore_finding *f = NULL;
    struct zx_qstore_review v;
    size_t nf = 0;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "review",
         .arg = "ID",
         .str = &id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the review",
         .help_zh = "评查编号"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"quality show", opts, "One review with its findings.\n",
                                   "一份评查结果及各项评查意见。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, NULL, &err)))
        goto cleanup;
    ret = 2;
    if (zx_qstore_review_get(st, id, &v, &f, &nf, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (fmt == 1) {
        ret = print_json(zx_quality_review_json(r, &v, f, nf));
    } else {
        char d[16];
        int g = zx_quality_grade_find(v.grade);
        printf("%s\t%s\t%s\t%s\t%s\t%s\n", v.review_id, v.case_id, v.handler_id, v.reviewer,
               zx_date_format(v.graded_on, d), zx_quality_grade_label(g));
        for (size_t i = 0; i < nf; i++)
            printf("  %s\t%s\t%s\t%s\n", f[i].item, f[i].result, f[i].code[0] ? f[i].code : "-",
                   f[i].note);
        if (v.objected_on != ZX_DATE_NULL)
            printf("异议\t%s\t%s\t%s\n", v.objected_by, zx_date_format(v.objected_on, d),
                   v.objection);
        if (v.responded_on != ZX_DATE_NULL)
            printf("答复\t%s\t%s\t%s\t%s\n", v.responded_by, zx_date_format(v.responded_on, d),
                   v.response, v.final_grade[0] ? v.final_grade : "-");
        ret = 0;
    }
cleanup:
    free(f);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

/* --finding ITEM=ok|flaw:CODE|error[:CODE][:NOTE] */
static int parse_finding(const char *s, struct zx_qstore_finding *f)
{
    memset(f, 0, sizeof *f);
    const char *eq = strchr(s, '=');
    if (!eq || eq == s || (size_t)(eq - s) >= sizeof f->item)
        return -1;
    memcpy(f->item, s, (size_t)(eq - s));
    const char *v = eq + 1, *c1 = strchr(v, ':');
    size_t rl = c1 ? (size_t)(c1 - v) : strlen(v);
    if (rl == 0 || rl >= sizeof f->result)
        return -1;
    memcpy(f->result, v, rl);
    if (c1) {
        const char *c2 = strchr(c1 + 1, ':');
        size_t cl = c2 ? (size_t)(c2 - c1 - 1) : strlen(c1 + 1);
        if (cl >= sizeof f->code)
            return -1;
        memcpy(f->code, c1 + 1, cl);
        if (c2)
            snprintf(f->note, sizeof f->note, "%s", c2 + 1);
    }
    return 0;
}

static int sub_grade(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *plan = NULL, *case_id = NULL, *reviewer = NULL, *notes = NULL;
    int32_t on = ZX_DATE_NULL;
    int excellent = 0, ret = 2;
    struct zx_opt_list fl = {0};
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_qstore_finding f[ZX_OPT_LIST_MAX];
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "plan",
         .arg = "ID",
         .str = &plan,
         .flags = ZX_OPT_REQUIRED,
         .help = "the plan",
         .help_zh = "评查计划"},
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the case of the plan",
         .help_zh = "案件编号"},
        {.name = "reviewer",
         .arg = "WHO",
         .str = &reviewer,
         .flags = ZX_OPT_REQUIRED,
         .help = "the reviewer (评查员)",
         .help_zh = "评查人"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .flags = ZX_OPT_REQUIRED,
         .help = "the day of grading",
         .help_zh = "评定日期"},
        {.name = "finding",
         .arg = "ITEM=ok|flaw:CODE|error[:CODE][:NOTE]",
         .list = &fl,
         .help = "a sub-item's finding (repeatable; the others are ok)",
         .help_zh = "评查项目意见（可重复；未列项目为符合）"},
        {.name = "excellent",
         .flag = &excellent,
         .help = "propose 优质 (only without flaws)",
         .help_zh = "提出评为优质（仅限无瑕疵）"},
        {.name = "notes",
         .arg = "TEXT",
         .str = &notes,
         .help = "the reviewer's notes",
         .help_zh = "评查意见"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "quality grade", opts,
        "Review one case of a plan: a finding per form item (data/review_form.json; items not\n"
        "given are 符合), the grade by rule Q-GRADE: 不合格 with an error or fail_flaws flaws, "
        "else\n"
        "基本合格 with a flaw, else 优质 when proposed, else 合格. Prints the review id and "
        "grade.\n",
        "评查计划中的一件案件：逐项意见（未列项目为符合），等次按 Q-GRADE 规则评定。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    for (int i = 0; i < fl.n; i++)
        if (parse_finding(fl.v[i], &f[i]))
            return zx_opt_fail(&cmd, "--finding: expected ITEM=ok|flaw:CODE|error[:CODE], not '%s'",
                               fl.v[i]);
    if ((ret = open_all(&cmd, db, &st, &r, NULL, &err)))
        goto cleanup;
    ret = 2;
    char rid[ZX_QSTORE_ID_MAX];
    int g = 0;
    if (zx_ledger_set_actor(st, reviewer, &err) ||
        zx_quality_review_submit(st, r, plan, case_id, reviewer, on, f, (size_t)fl.n, excellent,
                                 notes, rid, &g, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    printf("%s\t%s\t%s\n", rid, zx_quality_grade_code(g), zx_quality_grade_label(g));
    ret = 0;
cleanup:
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

static int answer(int argc, char **argv, int respond)
{
    const char *db = NULL, *id = NULL, *by = NULL, *text = NULL, *grade = NULL;
    int32_t on = ZX_DATE_NULL;
    int ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_err err = {0};
    struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "review",
         .arg = "ID",
         .str = &id,
         .flags = ZX_OPT_REQUIRED,
         .help = "the review",
         .help_zh = "评查编号"},
        {.name = "by",
         .arg = "WHO",
         .str = &by,
         .flags = ZX_OPT_REQUIRED,
         .help = respond ? "who answers" : "the handler (staff id)",
         .help_zh = respond ? "答复人" : "承办人（人员编号）"},
        {.name = "date",
         .arg = "DATE",
         .date = &on,
         .flags = ZX_OPT_REQUIRED,
         .help = "the day",
         .help_zh = "日期"},
        {.name = "text",
         .arg = "TEXT",
         .str = &text,
         .flags = ZX_OPT_REQUIRED,
         .help = respond ? "the answer" : "the 异议 and its reasons",
         .help_zh = respond ? "答复意见" : "异议及理由"},
        {.name = "grade",
         .arg = "G",
         .str = &grade,
         .help = "respond: the grade after the answer, when it changes",
         .help_zh = "答复后改变的等次"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        respond ? "quality respond" : "quality object", opts,
        respond ? "Answer the 异议 to a review (the office or reviewer), optionally changing the\n"
                  "grade.\n"
                : "The handler's 异议 to the result of a review of their case.\n",
        respond ? "答复对评查结果的异议，可改变等次。\n"
                : "承办检察官对本人案件评查结果提出异议。\n"};
    if (!respond) /* object takes no --grade */
        memset(&opts[5], 0, sizeof opts[5]);
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, NULL, &err)))
        goto cleanup;
    ret = 2;
    if (zx_ledger_set_actor(st, by, &err) ||
        (respond ? zx_quality_respond(st, id, by, on, text, grade, &err)
                 : zx_quality_object(st, id, by, on, text, &err))) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    ret = 0;
cleanup:
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}

static int sub_object(void *ud, int argc, char **argv)
{
    (void)ud;
    return answer(argc, argv, 0);
}

static int sub_respond(void *ud, int argc, char **argv)
{
    (void)ud;
    return answer(argc, argv, 1);
}

static int sub_rules(void *ud, int argc, char **argv)
{
    (void)ud;
    struct zx_quality_rules *r = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {ZX_OPT_END};
    const struct zx_opt_cmd cmd = {"quality rules", opts,
                                   "The review form, grades, risk signals and flaw situations "
                                   "in force (JSON).\n",
                                   "现行评查表、等次、风险信号和瑕疵情形（JSON）。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_quality_rules_load_default(&r, &err))
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    rc = print_json(zx_quality_rules_json(r));
    zx_quality_rules_free(r);
    return rc;
}

int cmd_quality(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"plan", sub_plan, "create a review plan (routine, focus, special)", "新建评查计划"},
        {"plans", sub_plans, "list the review plans", "列出评查计划"},
        {"sample", sub_sample, "the cases of a plan (--fresh: selected again)", "计划所含案件"},
        {"list", sub_list, "list reviews", "列出评查结果"},
        {"show", sub_show, "one review with its findings", "一份评查结果"},
        {"grade", sub_grade, "review and grade a case of a plan", "评查并评定等次"},
        {"object", sub_object, "the handler's 异议 to a result", "承办人提出异议"},
        {"respond", sub_respond, "answer an 异议", "答复异议"},
        {"rules", sub_rules, "the form, grades, signals and flaw situations", "评查规则"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("quality", subs,
                           "案件质量评查: review plans over closed cases, forms, grades, 异议.\n",
                           "案件质量评查：评查计划、评查表、等次、异议。\n", NULL, argc, argv);
}

/* ---- flaws ---- */

int cmd_flaws(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *staff = NULL;
    int year = 0, fmt = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_quality_rules *r = NULL;
    struct zx_metrics *m = NULL;
    struct zx_quality_summary *s = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "year",
         .arg = "YYYY",
         .num = &year,
         .min = 1900,
         .max = 9999,
         .flags = ZX_OPT_REQUIRED,
         .help = "the year",
         .help_zh = "年度"},
        ZX_OPT_UNIT(&unit),
        {.name = "staff",
         .arg = "ID",
         .str = &staff,
         .help = "only this prosecutor",
         .help_zh = "只看该检察官"},
        ZX_OPT_FORMAT(&fmt, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "flaws", opts,
        "办案瑕疵积分 of a year per prosecutor (data/flaw_rules.json, after 天水's 办法; the\n"
        "points are our documented default): review findings naming a flaw situation, stages\n"
        "closed late (流程监控), 流程监控通知书 issued; every point with its case and source, and\n"
        "the cases at or over their threshold (公诉案件 40, other cases 30).\n",
        "年度办案瑕疵积分（按检察官）：评查发现的瑕疵、超期办结、流程监控通知书；每一分对应案件\n"
        "和来源；达到惩戒阈值（公诉案件 40 分，其他案件 30 分）的案件。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if ((ret = open_all(&cmd, db, &st, &r, &m, &err)))
        goto cleanup;
    ret = 2;
    if (zx_quality_staff_summary(st, m, r, unit, staff, zx_date_from_ymd(year, 1, 1),
                                 zx_date_from_ymd(year, 12, 31), &s, &err)) {
        zx_opt_fail(&cmd, "%s", zx_err_text(&err));
        goto cleanup;
    }
    if (fmt == 0) {
        ret = print_json(zx_quality_summary_json(s, r));
    } else {
        printf("%-10s %-8s %-10s %7s %6s %5s %5s %5s %5s %6s\n", "staff_id", "name", "unit",
               "reviews", "points", "优质", "合格", "基本", "不合格", "over");
        for (size_t i = 0; i < s->nstaff; i++) {
            const struct zx_quality_staff *x = &s->staff[i];
            printf("%-10s %-8s %-10s %7d %6d %5d %5d %5d %5d %6d\n", x->staff_id, x->name,
                   x->unit_id, x->reviews, x->points, x->grades[0], x->grades[1], x->grades[2],
                   x->grades[3], x->cases_over);
        }
        printf("\n%-10s %-16s %-8s %-28s %-5s %6s %s\n", "staff_id", "case_id", "source",
               "source_id", "code", "points", "on");
        char d[16];
        for (size_t i = 0; i < s->npoints; i++) {
            const struct zx_quality_point *p = &s->points[i];
            printf("%-10s %-16s %-8s %-28s %-5s %6d %s\n", p->staff_id, p->case_id,
                   zx_quality_source_code(p->source), p->source_id, p->code, p->points,
                   zx_date_format(p->on, d));
        }
        for (size_t i = 0; i < s->nover; i++)
            printf("over\t%s\t%s\t%d\t%d\n", s->over[i].staff_id, s->over[i].case_id,
                   s->over[i].points, s->over[i].threshold);
        ret = 0;
    }
cleanup:
    zx_quality_summary_free(s);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_quality_rules_free(r);
    return ret;
}
