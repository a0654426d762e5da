/* leads.c — the leads workflow (线索 → 核查 → 成案): which step may follow which.
 *
 *   new ─assign→ assigned ─verify→ verified ─close→ unfounded   (finding: unfounded)
 *                   ↑  └─assign (reassign)   └─case→ case ─reply→ (rectified …)
 *                                                              (finding: confirmed) */
#include "supervise/supervise.h"

#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(struct zx_store *st, const char *lead_id, struct zx_lead *l, struct zx_err *err)
{
    /* zeroed first: on an unknown id zx_lead_get returns without filling l */
    memset(l, 0, sizeof *l);
    int rc = zx_lead_get(st, lead_id, l, err);
    free(l->evidence);
    l->evidence = NULL;
    return rc;
}

/* act: ZX_M_LEAD_CANNOT_ASSIGN, _VERIFY or _REPLY; the Chinese names the status by its label */
static int bad_state(const struct zx_lead *l, enum zx_msg_id act, struct zx_err *err)
{
    static const enum zx_msg_id terms[] = {ZX_M_T_LEAD_NEW, ZX_M_T_LEAD_ASSIGNED,
                                           ZX_M_T_LEAD_VERIFIED, ZX_M_T_LEAD_UNFOUNDED,
                                           ZX_M_T_LEAD_CASE};
    const char *zh = l->status;
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
        if (!strcmp(zx_msg_en(terms[i]), l->status))
            zh = zx_msg_lang(terms[i], 1);
    return zx_err_setm(err, ZX_EINVAL, act, l->lead_id, l->status, zh);
}

int zx_sup_lead_assign(struct zx_store *st, const char *lead_id, const char *staff_id,
                       const char *who, int32_t on, struct zx_err *err)
{
    struct zx_lead l;
    int rc = load(st, lead_id, &l, err);
    if (rc)
        return rc;
    if (strcmp(l.status, "new") && strcmp(l.status, "assigned"))
        return bad_state(&l, ZX_M_LEAD_CANNOT_ASSIGN, err);
    if (!staff_id || !*staff_id)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_LEAD_NO_STAFF);
    snprintf(l.assignee, sizeof l.assignee, "%s", staff_id);
    snprintf(l.status, sizeof l.status, "assigned");
    return zx_lead_update(st, &l, "assigned", who, on, staff_id, err);
}

int zx_sup_lead_verify(struct zx_store *st, const char *lead_id, const char *finding,
                       const char *notes, const char *attachments, const char *who, int32_t on,
                       struct zx_err *err)
{
    struct zx_lead l;
    int rc = load(st, lead_id, &l, err);
    if (rc)
        return rc;
    if (strcmp(l.status, "assigned"))
        return bad_state(&l, ZX_M_LEAD_CANNOT_VERIFY, err);
    if (!finding || (strcmp(finding, "confirmed") && strcmp(finding, "unfounded")))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_LEAD_BAD_FINDING);
    if (!notes || !*notes)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_LEAD_NO_NOTES);
    snprintf(l.finding, sizeof l.finding, "%s", finding);
    snprintf(l.notes, sizeof l.notes, "%s", notes);
    snprintf(l.attachments, sizeof l.attachments, "%s", attachments ? attachments : "");
    snprintf(l.status, sizeof l.status, "verified");
    l.verified_on = on;
    return zx_lead_update(st, &l, "verified", who, on, finding, err);
}

int zx_sup_lead_close(struct zx_store *st, const char *lead_id, const char *note, const char *who,
                      int32_t on, struct zx_err *err)
{
    struct zx_lead l;
    int rc = load(st, lead_id, &l, err);
    if (rc)
        return rc;
    if (strcmp(l.status, "verified") || strcmp(l.finding, "unfounded"))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_LEAD_CLOSE, lead_id);
    snprintf(l.status, sizeof l.status, "unfounded");
    l.closed_on = on;
    return zx_lead_update(st, &l, "closed", who, on, note, err);
}

int zx_sup_lead_to_case(struct zx_store *st, const char *lead_id, const char *event_type,
                        const char *result, const char *who, int32_t on, char case_id[ZX_DS_ID_MAX],
                        struct zx_err *err)
{
    struct zx_lead l;
    char case_no[160];
    int rc = load(st, lead_id, &l, err);
    if (rc)
        return rc;
    if (strcmp(l.status, "verified") || strcmp(l.finding, "confirmed"))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_LEAD_TO_CASE, lead_id);
    int y, m, d;
    zx_date_to_ymd(on, &y, &m, &d);
    snprintf(case_id, ZX_DS_ID_MAX, "XSA-%.70s", l.lead_id + 3);
    snprintf(case_no, sizeof case_no, "检刑执监[%04d]%.20s号（大数据监督线索 %.70s）", y, l.unit_id,
             l.lead_id);
    return zx_lead_make_case(st, &l, case_id, case_no, l.assignee, event_type, result, on, who,
                             err);
}

int zx_sup_lead_reply(struct zx_store *st, const char *lead_id, const char *result, const char *who,
                      int32_t on, struct zx_err *err)
{
    struct zx_lead l;
    int rc = load(st, lead_id, &l, err);
    if (rc)
        return rc;
    if (strcmp(l.status, "case"))
        return bad_state(&l, ZX_M_LEAD_CANNOT_REPLY, err);
    /* the reply type answers the case's first event */
    static const char *const replies[] = {"suggestion_reply", "correction_reply", "pil_judgment"};
    struct zx_err e2 = {0};
    for (int i = 0; i < 3; i++) {
        rc = zx_lead_case_reply(st, &l, replies[i], result, on, who, &e2);
        if (rc == ZX_OK)
            return ZX_OK;
    }
    *err = e2; /* the last reply type's reason, in both languages */
    err->rc = rc;
    return rc;
}
