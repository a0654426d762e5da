/* flaws.c — 办案瑕疵积分 and the per-staff summary of a period: grades, flaw points from
 * review findings, late stages and monitoring notices, each traced to its case and source,
 * and the cases whose points reach their threshold. */
#include "quality/internal.h"

#include "store/notice.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const source_codes[] = {"review", "late", "notice"};
static const char *const source_labels[] = {"评查", "超期办结", "流程监控通知书"};

const char *zx_quality_source_code(int s)
{
    return s >= 0 && s < 3 ? source_codes[s] : "";
}
const char *zx_quality_source_label(int s)
{
    return s >= 0 && s < 3 ? source_labels[s] : "";
}

/* 1 when unit_id is scope or below it (scope < 0: every unit). */
static int in_scope(const struct zx_metrics *m, int32_t scope, const char *unit_id)
{
    if (scope < 0)
        return 1;
    for (int32_t u = unit_id ? zx_metrics_unit_find(m, unit_id) : -1; u >= 0;
         u = zx_metrics_unit_parent(m, u))
        if (u == scope)
            return 1;
    return 0;
}

struct acc {
    struct zx_quality_summary *s;
    size_t cap_points, cap_graded;
};

static int add_point(struct acc *a, const char *staff, const char *case_id, const char *unit,
                     int source, const char *source_id, const char *code, int points, int32_t on,
                     int pub, struct zx_err *err)
{
    struct zx_quality_summary *s = a->s;
    if (s->npoints == a->cap_points) {
        size_t nc = a->cap_points ? a->cap_points * 2 : 64;
        void *p = realloc(s->points, nc * sizeof *s->points);
        if (!p)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        s->points = p;
        a->cap_points = nc;
    }
    struct zx_quality_point *x = &s->points[s->npoints++];
    memset(x, 0, sizeof *x);
    snprintf(x->staff_id, sizeof x->staff_id, "%s", staff);
    snprintf(x->case_id, sizeof x->case_id, "%s", case_id);
    snprintf(x->unit_id, sizeof x->unit_id, "%s", unit ? unit : "");
    x->source = source;
    snprintf(x->source_id, sizeof x->source_id, "%s", source_id);
    snprintf(x->code, sizeof x->code, "%s", code);
    x->points = points;
    x->on = on;
    x->public_prosecution = pub;
    return ZX_OK;
}

static int cmp_point(const void *a, const void *b)
{
    const struct zx_quality_point *x = a, *y = b;
    int c = strcmp(x->staff_id, y->staff_id);
    if (c)
        return c;
    if (x->on != y->on)
        return x->on < y->on ? -1 : 1;
    if ((c = strcmp(x->case_id, y->case_id)))
        return c;
    return strcmp(x->source_id, y->source_id);
}

static int cmp_graded(const void *a, const void *b)
{
    const struct zx_quality_graded *x = a, *y = b;
    int c = strcmp(x->staff_id, y->staff_id);
    return c ? c : strcmp(x->review_id, y->review_id);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of the (staff, case) pair in v (n entries) or -1. */
static int find_over(const struct zx_quality_over *v, size_t n, const char *staff,
                     const char *case_id)
{
    /* points come sorted by staff: that staff's pairs are the last ones */
    for (size_t i = n; i-- > 0 && !strcmp(v[i].staff_id, staff);)
        if (!strcmp(v[i].case_id, case_id))
            return (int)i;
    return -1;
}

void zx_quality_summary_free(struct zx_quality_summary *s)
{
    if (!s)
        return;
    free(s->staff);
    free(s->points);
    free(s->graded);
    free(s->over);
    free(s);
}

const struct zx_quality_staff *zx_quality_summary_find(const struct zx_quality_summary *s,
                                                       const char *staff_id)
{
    for (size_t i = 0; staff_id && i < s->nstaff; i++)
        if (!strcmp(s->staff[i].staff_id, staff_id))
            return &s->staff[i];
    return NULL;
}

int zx_quality_staff_summary(struct zx_store *st, const struct zx_metrics *m,
                             const struct zx_quality_rules *r, const char *unit_id,
                             const char *staff_id, int32_t from, int32_t to,
                             struct zx_quality_summary **out, struct zx_err *err)
{
    struct zx_qstore_review *rv = NULL;
    struct zx_qstore_flaw *fl = NULL;
    struct zx_quality__late *late = NULL;
    struct zx_notice *nt = NULL;
    struct zx_quality_over *over = NULL;
    const char **ids = NULL;
    size_t nrv = 0, nfl = 0, nlate = 0, nnt = 0;
    struct zx_qstore_case c;
    struct acc a = {0};
    int rc = ZX_OK;
    int32_t scope = -1;
    *out = NULL;
    if (!m)
        return zx_err_set(err, ZX_EINVAL, "the flaw points need the loaded case data");
    if (from == ZX_DATE_NULL || to == ZX_DATE_NULL || to < from)
        return zx_err_set(err, ZX_EINVAL, "a summary needs a period (from ≤ to)");
    if (unit_id && *unit_id && (scope = zx_metrics_unit_find(m, unit_id)) < 0)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_UNIT, unit_id);
    if (!(a.s = calloc(1, sizeof *a.s)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    a.s->from = from;
    a.s->to = to;
    const char *only = staff_id && *staff_id ? staff_id : NULL;

    /* grades */
    if ((rc = zx_qstore_review_list(st, NULL, only, from, to, &rv, &nrv, err)))
        goto cleanup;
    for (size_t i = 0; i < nrv; i++) {
        if (!rv[i].handler_id[0] || !in_scope(m, scope, rv[i].unit_id))
            continue;
        if (a.s->ngraded == a.cap_graded) {
            size_t ncap = a.cap_graded ? a.cap_graded * 2 : 64;
            void *p = realloc(a.s->graded, ncap * sizeof *a.s->graded);
            if (!p) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            a.s->graded = p;
            a.cap_graded = ncap;
        }
        struct zx_quality_graded *g = &a.s->graded[a.s->ngraded++];
        memset(g, 0, sizeof *g);
        snprintf(g->staff_id, sizeof g->staff_id, "%s", rv[i].handler_id);
        snprintf(g->case_id, sizeof g->case_id, "%s", rv[i].case_id);
        snprintf(g->review_id, sizeof g->review_id, "%s", rv[i].review_id);
        g->grade = zx_quality_grade_find(rv[i].final_grade[0] ? rv[i].final_grade : rv[i].grade);
        g->on = rv[i].graded_on;
    }

    /* RULE: FLAW-REVIEW — a finding naming a situation costs its points */
    if ((rc = zx_qstore_flaw_findings(st, from, to, &fl, &nfl, err)))
        goto cleanup;
    for (size_t i = 0; i < nfl && !rc; i++) {
        int k = zx_quality_situation_find(r, fl[i].code);
        if (k < 0 || !fl[i].handler_id[0] || (only && strcmp(only, fl[i].handler_id)) ||
            !in_scope(m, scope, fl[i].unit_id))
            continue;
        if ((rc = zx_qstore_case_get(st, fl[i].case_id, &c, err)))
            goto cleanup;
        rc = add_point(&a, fl[i].handler_id, fl[i].case_id, fl[i].unit_id, ZX_QS_REVIEW,
                       fl[i].finding_id, fl[i].code, r->sit[k].points, fl[i].graded_on,
                       c.public_prosecution, err);
    }

    /* RULE: FLAW-LATE — a stage closed late (流程监控) in the period */
    if (!rc && (rc = zx_quality__late(st, m, to, &late, &nlate, err)))
        goto cleanup;
    for (size_t i = 0; i < nlate && !rc; i++) {
        const struct zx_quality__late *l = &late[i];
        if (!l->staff_id || l->closed_on < from || l->closed_on > to ||
            (only && strcmp(only, l->staff_id)) || !in_scope(m, scope, l->unit_id))
            continue;
        if ((rc = zx_qstore_case_by_rid(st, l->case_rid, &c, err)))
            goto cleanup;
        char sid[ZX_QSTORE_ID_MAX], d[16];
        snprintf(sid, sizeof sid, "%s@%s", l->stage, zx_date_format(l->started_on, d));
        rc = add_point(&a, l->staff_id, c.case_id, c.unit_id, ZX_QS_LATE, sid,
                       r->sit[r->late_sit].code, r->sit[r->late_sit].points, l->closed_on,
                       c.public_prosecution, err);
    }

    /* RULE: FLAW-NOTICE — a 流程监控通知书 issued against the handler in the period */
    if (!rc && (rc = zx_notice_list(st, &nt, &nnt, err)))
        goto cleanup;
    for (size_t i = 0; i < nnt && !rc; i++) {
        const struct zx_notice *x = &nt[i];
        if (!x->handler_id[0] || x->issued_on < from || x->issued_on > to ||
            (only && strcmp(only, x->handler_id)) || !in_scope(m, scope, x->unit_id))
            continue;
        int pub = 0;
        if (!zx_qstore_case_get(st, x->case_id, &c, NULL))
            pub = c.public_prosecution;
        rc = add_point(&a, x->handler_id, x->case_id, x->unit_id, ZX_QS_NOTICE, x->notice_no,
                       r->sit[r->notice_sit].code, r->sit[r->notice_sit].points, x->issued_on, pub,
                       err);
    }
    if (rc)
        goto cleanup;
    struct zx_quality_summary *s = a.s;
    if (s->npoints)
        qsort(s->points, s->npoints, sizeof *s->points, cmp_point);
    if (s->ngraded)
        qsort(s->graded, s->ngraded, sizeof *s->graded, cmp_graded);

    /* staff: everyone with a review or a point */
    size_t nids = 0;
    if (s->npoints + s->ngraded && !(ids = malloc((s->npoints + s->ngraded) * sizeof *ids))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < s->npoints; i++)
        ids[nids++] = s->points[i].staff_id;
    for (size_t i = 0; i < s->ngraded; i++)
        ids[nids++] = s->graded[i].staff_id;
    if (nids)
        qsort(ids, nids, sizeof *ids, cmp_str);
    size_t nu = 0;
    for (size_t i = 0; i < nids; i++)
        if (!nu || strcmp(ids[nu - 1], ids[i]))
            ids[nu++] = ids[i];
    if (nu && !(s->staff = calloc(nu, sizeof *s->staff))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    s->nstaff = nu;
    for (size_t i = 0; i < nu; i++) {
        struct zx_quality_staff *x = &s->staff[i];
        snprintf(x->staff_id, sizeof x->staff_id, "%s", ids[i]);
        int32_t k = zx_metrics_staff_find(m, ids[i]);
        if (k >= 0) {
            snprintf(x->name, sizeof x->name, "%s",
                     zx_metrics_staff_name(m, k) ? zx_metrics_staff_name(m, k) : "");
            int32_t u = zx_metrics_staff_unit(m, k);
            if (u >= 0)
                snprintf(x->unit_id, sizeof x->unit_id, "%s", zx_metrics_unit_id(m, u));
        }
    }
    for (size_t i = 0; i < s->ngraded; i++) {
        struct zx_quality_staff *x =
            (struct zx_quality_staff *)zx_quality_summary_find(s, s->graded[i].staff_id);
        x->reviews++;
        if (s->graded[i].grade >= 0)
            x->grades[s->graded[i].grade]++;
    }
    /* per (staff, case) totals against the case's threshold */
    size_t nover = 0;
    if (s->npoints && !(over = calloc(s->npoints, sizeof *over))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < s->npoints; i++) {
        const struct zx_quality_point *p = &s->points[i];
        struct zx_quality_staff *x =
            (struct zx_quality_staff *)zx_quality_summary_find(s, p->staff_id);
        x->points += p->points;
        x->entries++;
        int k = find_over(over, nover, p->staff_id, p->case_id);
        if (k < 0) {
            k = (int)nover++;
            snprintf(over[k].staff_id, sizeof over[k].staff_id, "%s", p->staff_id);
            snprintf(over[k].case_id, sizeof over[k].case_id, "%s", p->case_id);
            over[k].public_prosecution = p->public_prosecution;
            /* RULE: FLAW-THRESHOLD-PUBLIC, FLAW-THRESHOLD-OTHER */
            over[k].threshold = zx_quality_threshold(r, p->public_prosecution);
        }
        over[k].points += p->points;
    }
    size_t kept = 0;
    for (size_t i = 0; i < nover; i++)
        if (over[i].points >= over[i].threshold) {
            over[kept++] = over[i];
            ((struct zx_quality_staff *)zx_quality_summary_find(s, over[i].staff_id))->cases_over++;
        }
    s->over = over;
    s->nover = kept;
    over = NULL;
    *out = a.s;
    a.s = NULL;
cleanup:
    free(ids);
    free(over);
    free(nt);
    free(late);
    free(fl);
    free(rv);
    zx_quality_summary_free(a.s);
    return rc;
}
