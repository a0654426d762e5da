/* review.c — grading a review (Q-GRADE), storing it, the handler's 异议 and its answer. */
#include "quality/internal.h"

#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zx_quality_grade(const struct zx_quality_rules *r, const struct zx_qstore_finding *f, size_t nf,
                     int propose_excellent, int *grade, struct zx_err *err)
{
    int flaws = 0, errors = 0;
    for (size_t i = 0; i < nf; i++) {
        if (zx_quality_item_find(r, f[i].item) < 0)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_UNKNOWN_ITEM, f[i].item);
        int ok = !strcmp(f[i].result, "ok"), fl = !strcmp(f[i].result, "flaw"),
            er = !strcmp(f[i].result, "error");
        if (!ok && !fl && !er)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_BAD_RESULT, f[i].item, f[i].result);
        if (fl && !f[i].code[0])
            return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_FLAW_NEEDS_CODE, f[i].item);
        if (f[i].code[0] && zx_quality_situation_find(r, f[i].code) < 0)
            return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_UNKNOWN_SITUATION, f[i].item, f[i].code);
        if (ok && f[i].code[0])
            return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_OK_NO_SITUATION, f[i].item);
        flaws += fl;
        errors += er;
    }
    if (propose_excellent && (flaws || errors))
        return zx_err_setm(err, ZX_EINVAL, flaws ? ZX_M_Q_EXCELLENT_FLAWS : ZX_M_Q_EXCELLENT_ERRORS,
                           flaws + errors);
    /* RULE: Q-GRADE */
    if (errors || flaws >= r->fail_flaws)
        *grade = ZX_QG_UNQUALIFIED;
    else if (flaws)
        *grade = ZX_QG_BASIC;
    else
        *grade = propose_excellent ? ZX_QG_EXCELLENT : ZX_QG_QUALIFIED;
    return ZX_OK;
}

int zx_quality_review_submit(struct zx_store *st, const struct zx_quality_rules *r,
                             const char *plan_id, const char *case_id, const char *reviewer,
                             int32_t on, const struct zx_qstore_finding *f, size_t nf,
                             int propose_excellent, const char *notes, char *review_id_out,
                             int *grade, struct zx_err *err)
{
    struct zx_qstore_finding *all = NULL;
    unsigned char *seen = NULL;
    struct zx_qstore_review rv = {0};
    struct zx_qstore_case c;
    int rc;
    if (!reviewer || !*reviewer)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_NO_REVIEWER);
    if (on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_NO_DATE);
    if ((rc = zx_quality_grade(r, f, nf, propose_excellent, grade, err)))
        return rc;
    if ((rc = zx_qstore_case_get(st, case_id, &c, err)))
        return rc;
    if (c.closed_on == ZX_DATE_NULL || c.closed_on > on)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_NOT_CLOSED, case_id);
    /* every sub-item gets its finding: the ones not given are 符合 */
    if (!(all = calloc((size_t)r->nitem, sizeof *all)) || !(seen = calloc((size_t)r->nitem, 1))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (int i = 0; i < r->nitem; i++) {
        snprintf(all[i].item, sizeof all[i].item, "%s", r->item[i].id);
        snprintf(all[i].result, sizeof all[i].result, "ok");
    }
    for (size_t i = 0; i < nf; i++) {
        int k = zx_quality_item_find(r, f[i].item);
        if (seen[k]++) {
            rc = zx_err_setm(err, ZX_EINVAL, ZX_M_Q_ITEM_TWICE, f[i].item);
            goto cleanup;
        }
        all[k] = f[i];
    }
    snprintf(rv.plan_id, sizeof rv.plan_id, "%s", plan_id);
    snprintf(rv.case_id, sizeof rv.case_id, "%s", case_id);
    snprintf(rv.handler_id, sizeof rv.handler_id, "%s", c.handler_id);
    snprintf(rv.unit_id, sizeof rv.unit_id, "%s", c.unit_id);
    snprintf(rv.reviewer, sizeof rv.reviewer, "%s", reviewer);
    rv.graded_on = on;
    snprintf(rv.grade, sizeof rv.grade, "%s", zx_quality_grade_code(*grade));
    rv.proposed_excellent = propose_excellent != 0;
    snprintf(rv.notes, sizeof rv.notes, "%s", notes ? notes : "");
    if ((rc = zx_qstore_review_insert(st, &rv, all, (size_t)r->nitem, err)))
        goto cleanup;
    snprintf(review_id_out, ZX_QSTORE_ID_MAX, "%s", rv.review_id);
cleanup:
    free(seen);
    free(all);
    return rc;
}

int zx_quality_object(struct zx_store *st, const char *review_id, const char *staff_id, int32_t on,
                      const char *text, struct zx_err *err)
{
    struct zx_qstore_review rv;
    int rc = zx_qstore_review_get(st, review_id, &rv, NULL, NULL, err);
    if (rc)
        return rc;
    if (!staff_id || !rv.handler_id[0] || strcmp(staff_id, rv.handler_id))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_OBJECT_NOT_HANDLER,
                           rv.handler_id[0] ? rv.handler_id : "-", review_id);
    if (!text || !*text)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_OBJECTION_REASONS);
    if (on == ZX_DATE_NULL || on < rv.graded_on)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_OBJECTION_DATE);
    return zx_qstore_review_object(st, review_id, staff_id, on, text, err);
}

int zx_quality_respond(struct zx_store *st, const char *review_id, const char *who, int32_t on,
                       const char *text, const char *final_grade, struct zx_err *err)
{
    struct zx_qstore_review rv;
    int g = -1;
    if (final_grade && *final_grade && (g = zx_quality_grade_find(final_grade)) < 0)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_BAD_GRADE, final_grade);
    if (!who || !*who || !text || !*text)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_ANSWER_WHO);
    int rc = zx_qstore_review_get(st, review_id, &rv, NULL, NULL, err);
    if (rc)
        return rc;
    if (rv.objected_on != ZX_DATE_NULL && (on == ZX_DATE_NULL || on < rv.objected_on))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_Q_ANSWER_DATE);
    return zx_qstore_review_respond(st, review_id, who, on, text,
                                    g >= 0 ? zx_quality_grade_code(g) : NULL, err);
}
