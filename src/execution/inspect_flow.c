/* inspect_flow.c — the inspection workflow (inspect.h): each step writes its inspection rows
 * and the case or events the indicators count, in one transaction. */
#include "execution/inspect.h"
#include "execution/internal.h"
#include "model/vocab.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct zx_text txt(const char *s)
{
    struct zx_text t = {s && *s ? s : NULL, s ? strlen(s) : 0};
    return t;
}

/* The Chinese name of a disposition kind, for messages (its code is zx_store_insp_disp_code). */
static const char *disp_zh(int kind)
{
    return zx_msg_lang(kind == ZX_STORE_INSP_ORAL                ? ZX_M_T_ORAL
                       : kind == ZX_STORE_INSP_CORRECTION_NOTICE ? ZX_M_T_CORRECTION_NOTICE
                                                                 : ZX_M_T_SUGGESTION,
                       1);
}

static int fail(struct zx_store *st, int rc)
{
    zx_store_rollback(st);
    return rc;
}

int zx_insp_new_plan(struct zx_store *st, struct zx_store_insp_plan *p, const char *const *inst,
                     size_t ninst, const struct zx_store_insp_member *team, size_t nteam,
                     struct zx_err *err)
{
    int rc;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_exec__insp_plan_tx(st, p, inst, ninst, team, nteam, 1, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_exec__insp_plan_tx(struct zx_store *st, struct zx_store_insp_plan *p,
                          const char *const *inst, size_t ninst,
                          const struct zx_store_insp_member *team, size_t nteam, int checklist,
                          struct zx_err *err)
{
    int rc;
    /* 64 bytes leave room for the derived ids INSP-<plan>-F<n>, -D<n>-R */
    if (!p->plan_id[0] || strlen(p->plan_id) > 64 || strchr(p->plan_id, '\''))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_BAD_PLAN_ID);
    snprintf(p->case_id, sizeof p->case_id, "INSP-%.64s", p->plan_id);
    if ((rc = zx_store_insp_add_plan(st, p, inst, ninst, team, nteam, err)))
        return rc;
    if (zx_store_insp_rid(st, ZX_T_CASES, p->case_id))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_CASE_EXISTS, p->case_id);
    /* the inspection is one 依职权监督 case of the organising unit, found by itself */
    char no[ZX_STORE_INSP_ID_MAX + 16];
    snprintf(no, sizeof no, "巡回检察%s", p->plan_id);
    struct zx_case_row c = {
        .case_id = txt(p->case_id),
        .case_no = txt(no),
        .charge = txt(NULL),
        .unit = zx_store_insp_rid(st, ZX_T_UNITS, p->unit_id),
        .handler = zx_store_insp_rid(st, ZX_T_STAFF, p->lead),
        .line = ZX_LINE_CRIMINAL,
        .business = zx_vocab_find(ZX_V_BUSINESS, "execution", 9),
        .kind = zx_vocab_find(ZX_V_CASE_KIND, "by_authority", 12),
        .source = zx_vocab_find(ZX_V_CASE_SOURCE, "self_discovered", 15),
        .complex = -1,
        .accepted_on = p->start,
        .closed_on = ZX_DATE_NULL,
    };
    int64_t rid = zx_store_max_rid(st, ZX_T_CASES) + 1;
    if ((rc = zx_store_insert(st, ZX_T_CASES, &c,
                              zx_store_workflow_hash(p->case_id, 0, p->start, 0), rid, err)))
        return rc;
    size_t n = 0;
    const struct zx_insp_check_tmpl *t = checklist ? zx_insp_checklist(p->inst_kind, &n) : NULL;
    for (size_t i = 0; i < n; i++)
        if ((rc = zx_store_insp_add_check_item(st, p->plan_id, t[i].category, t[i].item, err)))
            return rc;
    return ZX_OK;
}

int zx_insp_new_finding(struct zx_store *st, struct zx_store_insp_finding *f, struct zx_err *err)
{
    int rc;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_exec__insp_finding_tx(st, f, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_exec__insp_finding_tx(struct zx_store *st, struct zx_store_insp_finding *f,
                             struct zx_err *err)
{
    int rc, n = 0;
    if (!f->finding_id[0]) {
        if ((rc = zx_store_insp_count(st, f->plan_id, 0, &n, err)))
            return rc;
        snprintf(f->finding_id, sizeof f->finding_id, "INSP-%.64s-F%d", f->plan_id, n + 1);
    }
    return zx_store_insp_add_finding(st, f, err);
}

static int put_event(struct zx_store *st, const char *xid, const char *case_id, int type,
                     int result, int32_t date, const char *handler, int64_t ref, struct zx_err *err)
{
    return zx_store_put_event(st, xid, case_id, type, result, date, handler, ref, "巡回检察", NULL,
                              err);
}

int zx_insp_new_disp(struct zx_store *st, struct zx_store_insp_disp *d, struct zx_err *err)
{
    struct zx_store_insp_plan_of o;
    int rc, n = 0;
    if (!zx_store_insp_disp_code(d->kind))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_IN_BAD_DISP);
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_store_insp_plan_of(st, d->finding_id, 0, &o, err)))
        return fail(st, rc);
    if (d->served != ZX_DATE_NULL && o.start != ZX_DATE_NULL && d->served < o.start)
        return fail(st, zx_err_setm(err, ZX_EINVAL, ZX_M_IN_DISP_EARLY));
    if (!d->disp_id[0]) {
        if ((rc = zx_store_insp_count(st, o.plan_id, 1, &n, err)))
            return fail(st, rc);
        snprintf(d->disp_id, sizeof d->disp_id, "INSP-%.64s-D%d", o.plan_id, n + 1);
    }
    if (d->follow_staff[0] && !zx_store_insp_rid(st, ZX_T_STAFF, d->follow_staff))
        return fail(st, zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_STAFF_DB, d->follow_staff));
    d->event_id[0] = 0;
    if (d->kind != ZX_STORE_INSP_ORAL) {
        snprintf(d->event_id, sizeof d->event_id, "%s", d->disp_id);
        int type =
            d->kind == ZX_STORE_INSP_CORRECTION_NOTICE ? ZX_EV_CORRECTION_NOTICE : ZX_EV_SUGGESTION;
        if ((rc = put_event(st, d->event_id, o.case_id, type, ZX_R_EXECUTION, d->served,
                            d->follow_staff[0] ? d->follow_staff : o.lead, 0, err)))
            return fail(st, rc);
    }
    if ((rc = zx_store_insp_add_disp(st, d, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_insp_new_reply(struct zx_store *st, const char *disp_id, int32_t on, int result,
                      struct zx_err *err)
{
    struct zx_store_insp_plan_of o;
    struct zx_store_insp_db db = {0};
    int rc;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_store_insp_plan_of(st, disp_id, 1, &o, err)) ||
        (rc = zx_store_insp_load(st, &db, err)))
        return fail(st, rc);
    long di = zx_store_insp_db_disp(&db, disp_id);
    const struct zx_store_insp_disp *d = di >= 0 ? &db.disps[di] : NULL;
    char rid_xid[ZX_STORE_INSP_ID_MAX + 4] = "";
    int type = 0;
    if (!d) {
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_DISPOSITION_DB, disp_id);
        goto out;
    }
    if (on == ZX_DATE_NULL || on < d->served) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_IN_REPLY_EARLY, disp_id);
        goto out;
    }
    if (d->reply_on != ZX_DATE_NULL) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_IN_REPLIED, disp_id);
        goto out;
    }
    /* the reply's result must be one the contract allows for its event type */
    type = d->kind == ZX_STORE_INSP_CORRECTION_NOTICE ? ZX_EV_CORRECTION_REPLY
           : d->kind == ZX_STORE_INSP_SUGGESTION      ? ZX_EV_SUGGESTION_REPLY
                                                      : 0;
    uint64_t allowed =
        type ? zx_event_type_info(type)->results
             : (1ULL << ZX_R_ADOPTED) | (1ULL << ZX_R_RECTIFIED) | (1ULL << ZX_R_REJECTED);
    if (result <= 0 || result >= 64 || !(allowed >> result & 1)) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_IN_BAD_RESULT,
                         result > 0 ? zx_vocab_code(ZX_V_RESULT, result) : "",
                         zx_store_insp_disp_code(d->kind), disp_zh(d->kind));
        goto out;
    }
    if (type) {
        snprintf(rid_xid, sizeof rid_xid, "%s-R", disp_id);
        int64_t ref = zx_store_event_rid(st, o.case_id, d->event_id);
        if ((rc = put_event(st, rid_xid, o.case_id, type, result, on,
                            d->follow_staff[0] ? d->follow_staff : o.lead, ref, err)))
            goto out;
    }
    rc = zx_store_insp_set_reply(st, disp_id, on, result, rid_xid, err);
out:
    zx_store_insp_release(&db);
    if (rc)
        return fail(st, rc);
    return zx_store_commit(st, err);
}
