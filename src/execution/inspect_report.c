/* inspect_report.c — the 巡回检察报告 workbook of one inspection plan (libxlsxwriter): the
 * report proper (art. 34: findings, handling, next steps), the list of problems, the
 * dispositions and replies, the checklist and the statistics by category. */
#include "execution/inspect.h"
#include "model/vocab.h"
#include "store/inspect.h"
#include "util/date.h"
#include "util/file.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *fmt_date(int32_t d, char *buf)
{
    if (d == ZX_DATE_NULL)
        return strcpy(buf, "—");
    return zx_date_format(d, buf);
}

enum { F_TITLE, F_HEAD, F_TEXT, F_CENTER, F_BAD, F_COUNT };

static void put(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
    worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s ? s : "", f);
}
static void putn(lxw_worksheet *ws, int r, int c, double v, lxw_format *f)
{
    worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, f);
}
static void head(lxw_worksheet *ws, int r, const char *const *h, int n, const double *w,
                 lxw_format *f)
{
    for (int c = 0; c < n; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
        put(ws, r, c, h[c], f);
    }
}

static void build_report(lxw_workbook *wb, lxw_format **f, const struct zx_store_insp_db *db,
                         size_t pi, int32_t at)
{
    const struct zx_store_insp_plan *p = &db->plans[pi];
    char d0[16], d1[16], line[512];
    long u = zx_store_insp_db_unit(db, p->unit_id);
    struct zx_insp_pstatus ps;
    zx_insp_plan_status(db, pi, at, &ps);
    int team = 0;
    for (size_t i = 0; i < db->nteam; i++)
        team += db->team[i].plan == pi;

    /* 1. the report proper (art. 34: findings, handling, next steps) */
    lxw_worksheet *ws = workbook_add_worksheet(wb, "巡回检察报告");
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 90, NULL);
    snprintf(line, sizeof line, "%s%s报告", u >= 0 ? db->units[u].name : "",
             zx_store_insp_type_label(p->type));
    worksheet_merge_range(ws, 0, 0, 0, 1, line, f[F_TITLE]);
    int r = 2;
    put(ws, r, 0, "组织院", f[F_HEAD]);
    put(ws, r++, 1, u >= 0 ? db->units[u].name : p->unit_id, f[F_TEXT]);
    put(ws, r, 0, "计划编号", f[F_HEAD]);
    put(ws, r++, 1, p->plan_id, f[F_TEXT]);
    line[0] = 0;
    for (size_t t = 0; t < db->ntargets; t++)
        if (db->targets[t].plan == pi) {
            size_t n = strlen(line);
            snprintf(line + n, sizeof line - n, "%s%s", n ? "、" : "",
                     db->insts[db->targets[t].inst].name);
        }
    put(ws, r, 0, "被检察单位", f[F_HEAD]);
    put(ws, r++, 1, line, f[F_TEXT]);
    snprintf(line, sizeof line, "%s 至 %s，共%d日，现场检察%d日%s", fmt_date(p->start, d0),
             fmt_date(p->end, d1), (int)(p->end - p->start + 1), p->onsite_days,
             p->reduced ? "（人数较少，缩短时间已报上级院备案）" : "");
    put(ws, r, 0, "检察时间", f[F_HEAD]);
    put(ws, r++, 1, line, f[F_TEXT]);
    line[0] = 0;
    for (size_t i = 0; i < db->nteam; i++)
        if (db->team[i].plan == pi) {
            size_t n = strlen(line);
            const struct zx_store_insp_member *m = &db->team[i].m;
            snprintf(line + n, sizeof line - n, "%s%s%s", n ? "、" : "", m->name,
                     !strcmp(m->role, "lead")     ? "（组长）"
                     : !strcmp(m->role, "expert") ? "（特邀）"
                                                  : "");
        }
    put(ws, r, 0, "检察组", f[F_HEAD]);
    put(ws, r++, 1, line, f[F_TEXT]);
    struct zx_insp_issue is[16];
    int ni = zx_insp_check_plan(p, team, u >= 0 ? db->units[u].level : 0, is, 16);
    put(ws, r, 0, "规定符合性（§4.1）", f[F_HEAD]);
    if (ni == 0)
        put(ws, r++, 1, "符合时间、现场天数和人员要求", f[F_TEXT]);
    for (int i = 0; i < ni && i < 16; i++) {
        snprintf(line, sizeof line, "%s：%s（%s）",
                 is[i].severity == ZX_INSP_VIOLATION ? "违规" : "提示", is[i].msg, is[i].article);
        put(ws, r++, 1, line, is[i].severity == ZX_INSP_VIOLATION ? f[F_BAD] : f[F_TEXT]);
    }
    struct zx_insp_stats s = {0};
    int cats = 0, rect = 0, nf = 0;
    for (size_t i = 0; i < db->nfindings; i++)
        if (!strcmp(db->findings[i].plan_id, p->plan_id)) {
            nf++;
            rect +=
                db->findings[i].rectified_on != ZX_DATE_NULL && db->findings[i].rectified_on <= at;
            if (!s.by_cat[db->findings[i].category][0]++)
                cats++;
        }
    snprintf(line, sizeof line, "发现问题%d类%d个，截至%s已整改%d个", cats, nf, fmt_date(at, d0),
             rect);
    put(ws, r, 0, "发现问题", f[F_HEAD]);
    put(ws, r++, 1, line, f[F_TEXT]);
    snprintf(line, sizeof line, "反馈期限%s（结束后30日内，第三十五条）：%s%s",
             fmt_date(ps.feedback_due, d0), zx_insp_state_label(ps.feedback_state),
             p->feedback_on != ZX_DATE_NULL ? fmt_date(p->feedback_on, d1) : "");
    put(ws, r, 0, "反馈", f[F_HEAD]);
    put(ws, r++, 1, line, ps.feedback_state == ZX_INSP_OVERDUE ? f[F_BAD] : f[F_TEXT]);
    if (ps.followup_state == ZX_INSP_NOT_NEEDED)
        snprintf(line, sizeof line, "无需专项督办");
    else
        snprintf(line, sizeof line, "整改专项督办期限%s（3个月内，第四十条）：%s %s",
                 fmt_date(ps.followup_due, d0), zx_insp_state_label(ps.followup_state),
                 ps.followup_plan >= 0 ? db->plans[ps.followup_plan].plan_id : "");
    put(ws, r, 0, "整改跟进", f[F_HEAD]);
    put(ws, r++, 1, line, ps.followup_state == ZX_INSP_OVERDUE ? f[F_BAD] : f[F_TEXT]);
    snprintf(line, sizeof line,
             "统计截至%s；期限按 legal-rules.md §1.1（起算日不计入，月至对应日）",
             fmt_date(at, d0));
    put(ws, r + 1, 0, line, NULL);

    /* 2. the findings */
    ws = workbook_add_worksheet(wb, "问题清单");
    static const char *const fh[] = {"编号",     "被检察单位", "问题类别", "具体类型",
                                     "问题描述", "证据",       "发现日期", "整改日期"};
    static const double fw[] = {24, 24, 16, 18, 50, 36, 12, 12};
    head(ws, 0, fh, 8, fw, f[F_HEAD]);
    r = 1;
    for (size_t i = 0; i < db->nfindings; i++) {
        const struct zx_store_insp_finding *x = &db->findings[i];
        if (strcmp(x->plan_id, p->plan_id))
            continue;
        long ii = zx_store_insp_db_inst(db, x->institution_id);
        put(ws, r, 0, x->finding_id, f[F_TEXT]);
        put(ws, r, 1, ii >= 0 ? db->insts[ii].name : x->institution_id, f[F_TEXT]);
        put(ws, r, 2, zx_store_insp_cat_label(x->category), f[F_TEXT]);
        put(ws, r, 3, x->sub, f[F_TEXT]);
        put(ws, r, 4, x->desc, f[F_TEXT]);
        put(ws, r, 5, x->evidence, f[F_TEXT]);
        put(ws, r, 6, fmt_date(x->found_on, d0), f[F_CENTER]);
        put(ws, r++, 7, x->rectified_on <= at ? fmt_date(x->rectified_on, d0) : "—", f[F_CENTER]);
    }

    /* 3. the dispositions, deadlines and escalations */
    ws = workbook_add_worksheet(wb, "处置与回复");
    static const char *const dh[] = {"编号",     "问题编号", "处置方式", "送达日期",  "回复期限",
                                     "回复日期", "回复结果", "状态",     "报告上级院"};
    static const double dw[] = {26, 24, 16, 12, 12, 12, 10, 10, 30};
    head(ws, 0, dh, 9, dw, f[F_HEAD]);
    r = 1;
    for (size_t k = 0; k < db->ndisps; k++) {
        const struct zx_store_insp_disp *d = &db->disps[k];
        long fi = zx_store_insp_db_finding(db, d->finding_id);
        if (fi < 0 || strcmp(db->findings[fi].plan_id, p->plan_id))
            continue;
        struct zx_insp_dstatus ds;
        zx_insp_disp_status(db, k, at, &ds);
        put(ws, r, 0, d->disp_id, f[F_TEXT]);
        put(ws, r, 1, d->finding_id, f[F_TEXT]);
        put(ws, r, 2, zx_store_insp_disp_label(d->kind), f[F_TEXT]);
        put(ws, r, 3, fmt_date(d->served, d0), f[F_CENTER]);
        put(ws, r, 4, fmt_date(ds.due, d0), f[F_CENTER]);
        put(ws, r, 5, ds.state == ZX_INSP_ANSWERED ? fmt_date(d->reply_on, d0) : "—", f[F_CENTER]);
        put(ws, r, 6,
            ds.state == ZX_INSP_ANSWERED ? zx_vocab_label(ZX_V_RESULT, d->reply_result) : "—",
            f[F_CENTER]);
        put(ws, r, 7, zx_insp_state_label(ds.state),
            ds.state == ZX_INSP_OVERDUE ? f[F_BAD] : f[F_CENTER]);
        put(ws, r++, 8,
            ds.escalate && ds.to_unit >= 0 ? db->units[ds.to_unit].name
            : ds.upgrade                   ? "应制发书面纠正意见"
                                           : "",
            f[F_TEXT]);
    }

    /* 4. the checklist */
    ws = workbook_add_worksheet(wb, "检察清单");
    static const char *const ch[] = {"序号", "类别", "检察事项", "已检查"};
    static const double cw[] = {6, 18, 80, 8};
    head(ws, 0, ch, 4, cw, f[F_HEAD]);
    r = 1;
    for (size_t i = 0; i < db->nchecks; i++)
        if (db->checks[i].plan == pi) {
            putn(ws, r, 0, db->checks[i].seq, f[F_CENTER]);
            put(ws, r, 1, zx_store_insp_cat_label(db->checks[i].category), f[F_TEXT]);
            put(ws, r, 2, db->checks[i].item, f[F_TEXT]);
            put(ws, r++, 3, db->checks[i].done ? "是" : "否", f[F_CENTER]);
        }

    /* 5. by category */
    ws = workbook_add_worksheet(wb, "分类统计");
    static const char *const sh[] = {"问题类别", "问题数", "已整改"};
    static const double sw[] = {20, 10, 10};
    head(ws, 0, sh, 3, sw, f[F_HEAD]);
    r = 1;
    for (int c = 1; c < ZX_STORE_INSP_CAT_COUNT_; c++) {
        int np = 0, nr = 0;
        for (size_t i = 0; i < db->nfindings; i++)
            if (!strcmp(db->findings[i].plan_id, p->plan_id) && db->findings[i].category == c) {
                np++;
                nr += db->findings[i].rectified_on != ZX_DATE_NULL &&
                      db->findings[i].rectified_on <= at;
            }
        if (!np)
            continue;
        put(ws, r, 0, zx_store_insp_cat_label(c), f[F_TEXT]);
        putn(ws, r, 1, np, f[F_CENTER]);
        putn(ws, r++, 2, nr, f[F_CENTER]);
    }
}

int zx_insp_report_write(struct zx_store *st, const char *plan_id, int32_t at, const char *path,
                         struct zx_err *err)
{
    struct zx_store_insp_db db;
    struct zx_file_out fo = {0};
    lxw_workbook *wb = NULL;
    int rc;
    if ((rc = zx_store_insp_load(st, &db, err)))
        return rc;
    long p = zx_store_insp_db_plan(&db, plan_id);
    if (p < 0) {
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_INSP_PLAN, plan_id);
        goto cleanup;
    }
    if ((rc = zx_file_out_open(&fo, path, 0, err)))
        goto cleanup;
    lxw_workbook_options wo = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    if (!(wb = workbook_new_opt(fo.tmp, &wo))) {
        rc = zx_err_set(err, ZX_EIO, "cannot create '%s'", fo.tmp);
        goto cleanup;
    }
    lxw_format *f[F_COUNT];
    for (int i = 0; i < F_COUNT; i++) {
        f[i] = workbook_add_format(wb);
        format_set_font_name(f[i], "宋体");
        format_set_font_size(f[i], 10);
        format_set_align(f[i], LXW_ALIGN_VERTICAL_CENTER);
        if (i != F_TITLE)
            format_set_border(f[i], LXW_BORDER_THIN);
        if (i != F_CENTER && i != F_TITLE)
            format_set_text_wrap(f[i]);
    }
    format_set_font_name(f[F_TITLE], "黑体");
    format_set_font_size(f[F_TITLE], 16);
    format_set_align(f[F_TITLE], LXW_ALIGN_CENTER);
    format_set_bold(f[F_HEAD]);
    format_set_bg_color(f[F_HEAD], 0xDDE5F0);
    format_set_align(f[F_CENTER], LXW_ALIGN_CENTER);
    format_set_font_color(f[F_BAD], 0xC00000);
    lxw_doc_properties props = {.title = "巡回检察报告", .author = "Zhixiao 质效"};
    workbook_set_properties(wb, &props);
    build_report(wb, f, &db, (size_t)p, at);
    lxw_error le = workbook_close(wb);
    wb = NULL;
    if (le != LXW_NO_ERROR) {
        rc = zx_err_set(err, ZX_EIO, "cannot write '%s': %s", fo.tmp, lxw_strerror(le));
        goto cleanup;
    }
    rc = zx_file_out_commit(&fo, err);
cleanup:
    if (wb)
        workbook_close(wb);
    zx_file_out_abort(&fo);
    zx_store_insp_release(&db);
    return rc;
}
