/* sources.c — the source kinds of evaluation components, one table of functions. Each
 * collect() fills count/base/sum per staff member for one component and, when the run drills
 * into it, the items (cases) behind them.
 */
#include "evaluate/evaluate.h"
#include "model/vocab.h"
#include "quality/quality.h"
#include "store/cases.h"
#include "store/notice.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* indicator: a catalog row evaluated per handler (`zhixiao indicators --by staff`): count
 * = numerator, base = denominator; the drill-down is the engine's own (`zhixiao cases`). */
static int src_indicator(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_eval_query *q = zx_eval__query(env);
    const struct zx_eval_component *k = zx_eval_component(zx_eval__config(env), ci);
    const struct zx_metrics *m = zx_eval__metrics(env);
    struct zx_metrics_result *res = NULL;
    int rc, row = q->cat ? zx_catalog_find(q->cat, k->indicator) : -1;
    if (row < 0)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_EV_NO_INDICATOR, k->id, k->indicator);
    struct zx_metrics_query mq = {.cat = q->cat,
                                  .unit = q->unit,
                                  .from = &q->from,
                                  .to = &q->to,
                                  .nperiods = 1,
                                  .rows = &row,
                                  .nrows = 1,
                                  .by_staff = 1};
    if ((rc = zx_metrics_eval(m, &mq, &res, err)))
        return rc;
    for (int32_t s = 0; s < zx_metrics_staff(m); s++) {
        int64_t num = 0, den = 0;
        if (zx_metrics_get_staff(res, row, 0, s, &num, &den) == 0 && (num || den))
            zx_eval__set(env, ci, s, (double)num, (double)den, (double)num);
    }
    zx_metrics_result_free(res);
    res = NULL;
    for (int part = 0; part < 2 && !rc && zx_eval__drilling(env, ci, q->drill_staff); part++) {
        mq.collect = 1;
        mq.collect_row = row;
        mq.collect_part = part;
        mq.collect_staff = q->drill_staff;
        if ((rc = zx_metrics_eval(m, &mq, &res, err)))
            break;
        const struct zx_metrics_hit *h;
        size_t nh = zx_metrics_hits(res, &h);
        for (size_t i = 0; i < nh && !rc; i++) {
            struct zx_eval_item it = {.case_rid = h[i].case_rid,
                                      .event_rid = h[i].event_rid,
                                      .date = ZX_DATE_NULL,
                                      .part = part,
                                      .weight = part ? 0 : 1};
            snprintf(it.what, sizeof it.what, "%s（%s）", part ? "分母" : "分子",
                     h[i].counting == 1   ? "人"
                     : h[i].counting == 2 ? "件"
                                          : "事项");
            rc = zx_eval__keep(env, ci, q->drill_staff, &it, err);
        }
        zx_metrics_result_free(res);
        res = NULL;
    }
    return rc;
}

/* workload: every event of the subtree's cases dated in the period whose type has a
 * coefficient, for its handler (events.handler, else the case's), weighted by it. */
static int src_workload(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_eval_query *q = zx_eval__query(env);
    const struct zx_metrics *m = zx_eval__metrics(env);
    const struct zx_eval_coef *coef;
    int ncoef = zx_eval_workload(zx_eval__config(env), &coef), rc = ZX_OK;
    double w[64] = {0};
    const char *label[64] = {0};
    for (int i = 0; i < ncoef; i++)
        if (coef[i].event_type > 0 && coef[i].event_type < 64) {
            w[coef[i].event_type] = (double)coef[i].num / coef[i].den;
            label[coef[i].event_type] = coef[i].label;
        }
    struct zx_metrics_columns d;
    struct zx_metrics_case_cols cc;
    zx_metrics_columns(m, &d);
    zx_metrics_case_cols(m, &cc);
    int32_t c0 = cc.unit_c0[q->unit], c1 = cc.unit_c0[q->unit + zx_metrics_unit_size(m, q->unit)];
    for (int32_t c = c0; c < c1 && !rc; c++)
        for (int32_t e = d.c_e0[c]; e < d.c_e0[c + 1] && !rc; e++) {
            unsigned t = d.e_type[e];
            if (t >= 64 || !label[t] || d.e_date[e] < q->from || d.e_date[e] > q->to)
                continue;
            struct zx_eval_item it = {.case_rid = d.c_rid[c],
                                      .event_rid = d.e_rid[e],
                                      .date = d.e_date[e],
                                      .part = 0,
                                      .weight = w[t]};
            snprintf(it.what, sizeof it.what, "%s", label[t]);
            rc = zx_eval__add(env, ci, d.e_handler[e], &it, err);
        }
    return rc;
}

static void stage_what(char *out, size_t n, const struct zx_monitor_item *it)
{
    snprintf(out, n, "%s·%s", zx_monitor_stage_label(it->stage),
             zx_monitor_status_label(it->status));
}

/* monitor_late: the monitored stages closed in the period (base) and those closed after
 * their statutory deadline (count), for the case's handler. */
static int src_monitor_late(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_eval_query *q = zx_eval__query(env);
    const struct zx_metrics_columns *d;
    const struct zx_monitor_item *v;
    size_t n;
    int rc = zx_eval__monitor(env, &d, &v, &n, err);
    for (size_t i = 0; i < n && !rc; i++) {
        if (v[i].closed_on == ZX_DATE_NULL || v[i].closed_on < q->from || v[i].closed_on > q->to)
            continue;
        struct zx_eval_item it = {.case_rid = d->c_rid[v[i].c],
                                  .event_rid = d->e_rid[v[i].e],
                                  .date = v[i].closed_on,
                                  .part = v[i].status == ZX_MON_LATE ? 0 : 1,
                                  .weight = v[i].status == ZX_MON_LATE ? 1 : 0};
        stage_what(it.what, sizeof it.what, &v[i]);
        rc = zx_eval__add(env, ci, d->c_handler[v[i].c], &it, err);
    }
    return rc;
}

/* monitor_red: the stages open past their deadline on the period's last day whose deadline
 * passed within the period (an old overdue stage counts in the period it became overdue,
 * not again in every later one). */
static int src_monitor_red(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_metrics_columns *d;
    const struct zx_monitor_item *v;
    size_t n;
    int rc = zx_eval__monitor(env, &d, &v, &n, err);
    for (size_t i = 0; i < n && !rc; i++) {
        if (v[i].status != ZX_MON_RED || v[i].deadline < zx_eval__query(env)->from)
            continue;
        struct zx_eval_item it = {.case_rid = d->c_rid[v[i].c],
                                  .event_rid = d->e_rid[v[i].e],
                                  .date = v[i].deadline,
                                  .part = 0,
                                  .weight = 1};
        stage_what(it.what, sizeof it.what, &v[i]);
        rc = zx_eval__add(env, ci, d->c_handler[v[i].c], &it, err);
    }
    return rc;
}

/* notices: 流程监控通知书 issued in the period on a case of the subtree, for the handler
 * named on the notice. */
static int src_notices(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_eval_query *q = zx_eval__query(env);
    const struct zx_metrics *m = zx_eval__metrics(env);
    struct zx_notice *v = NULL;
    size_t n = 0;
    int rc = zx_notice_list(zx_eval__store(env), &v, &n, err);
    for (size_t i = 0; i < n && !rc; i++) {
        if (v[i].issued_on < q->from || v[i].issued_on > q->to || !v[i].handler_id[0])
            continue;
        int32_t u = zx_metrics_unit_find(m, v[i].unit_id);
        if (u < q->unit || u >= q->unit + zx_metrics_unit_size(m, q->unit))
            continue;
        struct zx_eval_item it = {
            .case_rid = v[i].case_rid, .date = v[i].issued_on, .part = 0, .weight = 1};
        snprintf(it.what, sizeof it.what, "流程监控通知书 %s%s", v[i].notice_no,
                 v[i].replied_on == ZX_DATE_NULL ? "（未回复）" : "（已回复）");
        rc = zx_eval__add(env, ci, zx_metrics_staff_find(m, v[i].handler_id), &it, err);
    }
    free(v);
    return rc;
}

/* The 评查 summary of the run's scope and period (src/quality). Caller frees both. */
static int quality_summary(struct zx_eval__env *env, struct zx_quality_rules **r,
                           struct zx_quality_summary **sum, struct zx_err *err)
{
    const struct zx_eval_query *q = zx_eval__query(env);
    const struct zx_metrics *m = zx_eval__metrics(env);
    int rc = zx_quality_rules_load_default(r, err);
    if (!rc)
        rc = zx_quality_staff_summary(zx_eval__store(env), m, *r, zx_metrics_unit_id(m, q->unit),
                                      NULL, q->from, q->to, sum, err);
    return rc;
}

/* review_grade: the cases of the staff member whose 评查 was graded in the period (the final
 * grade, after an answered 异议), each worth the grade's points of params.points: base =
 * graded cases, sum = points, so "mean" is the average points per case. */
static int src_review_grade(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_eval_component *k = zx_eval_component(zx_eval__config(env), ci);
    const struct zx_metrics *m = zx_eval__metrics(env);
    struct zx_quality_rules *r = NULL;
    struct zx_quality_summary *sum = NULL;
    int rc = quality_summary(env, &r, &sum, err);
    for (size_t i = 0; !rc && i < sum->ngraded; i++) {
        const struct zx_quality_graded *g = &sum->graded[i];
        if (g->grade < 0 || g->grade > 3)
            continue;
        struct zx_eval_item it = {.case_rid = zx_store_case_rid(zx_eval__store(env), g->case_id),
                                  .date = g->on,
                                  .part = 0,
                                  .weight = k->grade_points[g->grade]};
        snprintf(it.what, sizeof it.what, "评查 %s：%s", g->review_id,
                 zx_quality_grade_label(g->grade));
        rc = zx_eval__add(env, ci, zx_metrics_staff_find(m, g->staff_id), &it, err);
    }
    zx_quality_summary_free(sum);
    zx_quality_rules_free(r);
    return rc;
}

/* flaw_points: the flaw points that 评查 found in the staff member's cases in the period
 * (data/flaw_rules.json), each an item. Points for stages closed late and for 流程监控通知书
 * are left out here: the efficiency components monitor_late and notices count them already,
 * and counting them twice would punish one act twice. */
static int src_flaw_points(struct zx_eval__env *env, int ci, struct zx_err *err)
{
    const struct zx_metrics *m = zx_eval__metrics(env);
    struct zx_quality_rules *r = NULL;
    struct zx_quality_summary *sum = NULL;
    int rc = quality_summary(env, &r, &sum, err);
    for (size_t i = 0; !rc && i < sum->npoints; i++) {
        const struct zx_quality_point *p = &sum->points[i];
        if (p->source != ZX_QS_REVIEW)
            continue;
        struct zx_eval_item it = {.case_rid = zx_store_case_rid(zx_eval__store(env), p->case_id),
                                  .date = p->on,
                                  .part = 0,
                                  .weight = p->points};
        int si = zx_quality_situation_find(r, p->code);
        snprintf(it.what, sizeof it.what, "瑕疵 %s %s（%d 分）", p->code,
                 si >= 0 ? zx_quality_situation_label(r, si) : "", p->points);
        rc = zx_eval__add(env, ci, zx_metrics_staff_find(m, p->staff_id), &it, err);
    }
    zx_quality_summary_free(sum);
    zx_quality_rules_free(r);
    return rc;
}

const struct zx_eval_source zx_eval__sources[] = {
    {"indicator", src_indicator},       {"workload", src_workload},
    {"monitor_late", src_monitor_late}, {"monitor_red", src_monitor_red},
    {"notices", src_notices},           {"review_grade", src_review_grade},
    {"flaw_points", src_flaw_points},
};
const int zx_eval__nsources = (int)(sizeof zx_eval__sources / sizeof zx_eval__sources[0]);
