/* notice.c — 流程监控通知书: which item may get one (an open, overdue item), its reply period
 * (F7) and the escalation of an unanswered notice (F7-escalate); rows in store/notice.h. */
#include "monitor/monitor.h"
#include "store/notice.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

int zx_monitor_notice_issue(struct zx_store *st, const struct zx_metrics *m,
                            const struct zx_monitor_rules *r, const char *case_id,
                            const char *person_id, const char *stage, int32_t on, const char *by,
                            struct zx_notice *out, struct zx_err *err)
{
    struct zx_monitor_ids *ids = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_monitor_item *items = NULL;
    size_t n = 0;
    int rc;
    int sg = zx_monitor_stage_find(stage);
    if (sg < 0)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_MN_BAD_STAGE, stage);
    struct zx_metrics_columns cols;
    zx_metrics_columns(m, &cols);
    if ((rc = zx_monitor_ids_load(st, &cols, &ids, err)))
        return rc;
    int32_t c = -1;
    for (int32_t i = 0; i < cols.nc && c < 0; i++)
        if (!strcmp(ids->case_id[i], case_id))
            c = i;
    if (c < 0) {
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_CASE, case_id);
        goto cleanup;
    }
    if ((rc = zx_monitor_unit_periods(st, m, r, &sugg, &corr, err)))
        goto cleanup;
    struct zx_monitor_query q = {
        .as_of = on, .unit = cols.c_unit[c], .suggestion = sugg, .correction = corr};
    if ((rc = zx_monitor_run(&cols, r, &q, &items, &n, err)))
        goto cleanup;
    const struct zx_monitor_item *hit = NULL;
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        const struct zx_monitor_item *it = &items[i];
        if (it->c != c || it->stage != sg)
            continue;
        if ((it->p < 0) != (!person_id || !*person_id) ||
            (it->p >= 0 && strcmp(ids->person_id[it->p], person_id)))
            continue;
        found = 1;
        if (it->status == ZX_MON_RED)
            hit = it; /* the latest overdue one */
    }
    if (!hit) {
        const char *sl = zx_monitor_stage_label(sg);
        rc = found ? zx_err_setm(err, ZX_EINVAL, ZX_M_MN_NOT_OVERDUE)
             : person_id && *person_id
                 ? zx_err_setm(err, ZX_ENOTFOUND, ZX_M_MN_NO_ITEM_PERSON, stage, case_id, person_id,
                               sl)
                 : zx_err_setm(err, ZX_ENOTFOUND, ZX_M_MN_NO_ITEM, stage, case_id, sl);
        goto cleanup;
    }
    int32_t reply_days, esc_days;
    zx_monitor_rules_notice(r, &reply_days, &esc_days);
    memset(out, 0, sizeof *out);
    snprintf(out->case_id, sizeof out->case_id, "%s", case_id);
    snprintf(out->person_id, sizeof out->person_id, "%s", hit->p >= 0 ? person_id : "");
    snprintf(out->stage, sizeof out->stage, "%s", stage);
    out->started_on = hit->started_on;
    out->deadline = hit->deadline;
    snprintf(out->unit_id, sizeof out->unit_id, "%s", zx_metrics_unit_id(m, cols.c_unit[c]));
    int32_t h = cols.c_handler[c];
    snprintf(out->handler_id, sizeof out->handler_id, "%s",
             h >= 0 ? zx_metrics_staff_id(m, h) : "");
    snprintf(out->issued_by, sizeof out->issued_by, "%s", by);
    out->issued_on = on;
    /* RULE: F7: the handling department replies within 10 days */
    out->reply_due = on + reply_days;
    out->replied_on = out->head_on = out->chief_on = ZX_DATE_NULL;
    rc = zx_notice_insert(st, out, err);
cleanup:
    free(items);
    free(sugg);
    free(corr);
    zx_monitor_ids_free(ids);
    return rc;
}

int zx_monitor_escalation_next(const struct zx_monitor_rules *r, int32_t reply_due, int32_t on,
                               int done)
{
    int32_t reply_days, esc_days;
    zx_monitor_rules_notice(r, &reply_days, &esc_days);
    /* RULE: F7-escalate: past the reply day to the department head, esc_days later on to the
     * 检察长; each step only once */
    if (done < 1 && on > reply_due)
        return 1;
    if (done == 1 && on > reply_due + esc_days)
        return 2;
    return 0;
}

int zx_monitor_escalation_to(struct zx_store *st, const char *unit_id, const char *handler_id,
                             int level, char to[ZX_NOTICE_ID_MAX], struct zx_err *err)
{
    char dept[ZX_NOTICE_ID_MAX] = "";
    int rc = ZX_OK;
    if (level == 1 && handler_id && handler_id[0] &&
        (rc = zx_notice_staff_department(st, handler_id, dept, err)))
        return rc;
    if ((rc = zx_notice_find_staff(st, unit_id, level == 1 && dept[0] ? dept : NULL,
                                   level == 1 ? "head" : "chief", to, err)))
        return rc;
    if (!to[0]) /* nobody of that role in the data: the office itself */
        snprintf(to, ZX_NOTICE_ID_MAX, "%s", level == 1 ? "部门负责人" : "检察长");
    return ZX_OK;
}

int zx_monitor_notice_escalate(struct zx_store *st, const struct zx_monitor_rules *r, int32_t on,
                               const char *who, zx_monitor_notice_scope scope, void *scope_ud,
                               int *steps, struct zx_err *err)
{
    struct zx_notice *v = NULL;
    size_t n = 0;
    *steps = 0;
    int rc = zx_notice_list(st, &v, &n, err);
    for (size_t i = 0; rc == ZX_OK && i < n; i++) {
        struct zx_notice *x = &v[i];
        if (x->replied_on != ZX_DATE_NULL || (scope && !scope(x->unit_id, scope_ud)))
            continue;
        int level;
        while (rc == ZX_OK && (level = zx_monitor_escalation_next(r, x->reply_due, on,
                                                                  x->chief_id[0]  ? 2
                                                                  : x->head_id[0] ? 1
                                                                                  : 0))) {
            char to[ZX_NOTICE_ID_MAX];
            if ((rc = zx_monitor_escalation_to(st, x->unit_id, x->handler_id, level, to, err)) ||
                (rc = zx_notice_escalate(st, x->notice_no, level, to, who, on, err)))
                break;
            snprintf(level == 1 ? x->head_id : x->chief_id, ZX_NOTICE_ID_MAX, "%s", to);
            (*steps)++;
        }
    }
    free(v);
    return rc;
}
