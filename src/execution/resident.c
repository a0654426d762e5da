/* resident.c — 派驻检察 (resident.h): the checklist as data, the gap report, the pull for
 * circuit inspections and the workflow over the inspection flow. */
#include "execution/resident.h"
#include "execution/exec.h"
#include "execution/inspect.h"
#include "execution/internal.h"
#include "model/vocab.h"
#include "store/store.h"
#include "util/datafile.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const freq_codes[] = {NULL, "daily", "weekly", "monthly", "per_event"};
static const char *const freq_labels[] = {NULL, "每日", "每周", "每月", "逢事即检"};

const char *zx_res_freq_code(int f)
{
    return f >= ZX_RES_DAILY && f <= ZX_RES_PER_EVENT ? freq_codes[f] : NULL;
}
const char *zx_res_freq_label(int f)
{
    return f >= ZX_RES_DAILY && f <= ZX_RES_PER_EVENT ? freq_labels[f] : NULL;
}

const char *zx_res_gap_code(int k)
{
    static const char *const c[] = {NULL, "item", "days", "staff", "procurator", "rotation"};
    return k >= ZX_RES_GAP_ITEM && k <= ZX_RES_GAP_ROTATION ? c[k] : NULL;
}

/* ---- the checklist ---- */

static int copy(char *dst, size_t n, const char *src)
{
    if (!src || strlen(src) >= n)
        return -1;
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

/* One office rule: its id, article and the integer parameter `param`. */
static int office_rule(json_t *rules, const char *id, const char *param, int *val, char *rid,
                       char *article, size_t asz)
{
    size_t i;
    json_t *e;
    json_array_foreach(rules, i, e)
    {
        const char *x = json_string_value(json_object_get(e, "id"));
        json_t *v = json_object_get(json_object_get(e, "params"), param);
        if (!x || strcmp(x, id) || !json_is_integer(v))
            continue;
        const char *src = json_string_value(json_object_get(e, "source"));
        const char *art = json_string_value(json_object_get(e, "article"));
        *val = (int)json_integer_value(v);
        snprintf(rid, 32, "%s", id);
        snprintf(article, asz, "%s %s", src ? src : "", art ? art : "");
        return *val > 0 ? 0 : -1;
    }
    return -1;
}

int zx_res_rules_parse(const char *text, size_t len, const char *name, struct zx_res_rules **out,
                       struct zx_err *err)
{
    int rc = ZX_OK;
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    struct zx_res_rules *r = NULL;
    *out = NULL;
    if (!root)
        return zx_err_set(err, ZX_EPARSE, "%s:%d:%d: %s", name, je.line, je.column, je.text);
    const char *schema = json_string_value(json_object_get(root, "schema"));
    json_t *items = json_object_get(root, "items"), *orules = json_object_get(root, "office_rules");
    json_t *sources = json_object_get(root, "sources");
    if (!schema || strcmp(schema, "zhixiao.resident_checklists") || !json_is_array(items) ||
        !json_is_array(orules)) {
        rc = zx_err_set(err, ZX_EPARSE,
                        "%s: not a resident checklist (schema zhixiao.resident_checklists, "
                        "items [], office_rules [])",
                        name);
        goto cleanup;
    }
    if (!(r = calloc(1, sizeof *r)) ||
        !(r->items = calloc(json_array_size(items) + 1, sizeof *r->items))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
    {
        struct zx_res_item *it = &r->items[r->nitems];
        const char *kind = json_string_value(json_object_get(e, "kind"));
        const char *freq = json_string_value(json_object_get(e, "frequency"));
        const char *cat = json_string_value(json_object_get(e, "category"));
        const char *src = json_string_value(json_object_get(e, "source"));
        const char *conf = json_string_value(json_object_get(e, "confidence"));
        it->kind = kind && !strcmp(kind, "both") ? 0
                   : kind                        ? zx_vocab_find(ZX_V_INST_KIND, kind, strlen(kind))
                                                 : -1;
        it->category = zx_store_insp_cat_find(cat);
        it->any_entry = json_is_true(json_object_get(e, "any_entry"));
        for (int f = ZX_RES_DAILY; f <= ZX_RES_PER_EVENT; f++)
            if (freq && !strcmp(freq, freq_codes[f]))
                it->freq = f;
        const char *title = json_string_value(json_object_get(sources, src ? src : ""));
        if (copy(it->id, sizeof it->id, json_string_value(json_object_get(e, "id"))) ||
            copy(it->area, sizeof it->area, json_string_value(json_object_get(e, "area"))) ||
            copy(it->item, sizeof it->item, json_string_value(json_object_get(e, "item"))) ||
            copy(it->source, sizeof it->source, src) ||
            copy(it->source_title, sizeof it->source_title, title) ||
            copy(it->article, sizeof it->article,
                 json_string_value(json_object_get(e, "article"))) ||
            copy(it->confidence, sizeof it->confidence, conf ? conf : "U") || it->kind < 0 ||
            !it->freq || !it->category) {
            rc = zx_err_set(err, ZX_EPARSE,
                            "%s: items[%zu]: needs id, kind (prison, detention_house, both), "
                            "area, item, frequency (daily, weekly, monthly, per_event), a §4.4 "
                            "category, a source listed in sources and an article",
                            name, i);
            goto cleanup;
        }
        if (zx_res_item_find(r, it->id) >= 0) {
            rc = zx_err_set(err, ZX_EPARSE, "%s: items[%zu]: id '%s' given twice", name, i, it->id);
            goto cleanup;
        }
        r->nitems++;
    }
    struct zx_res_office_rules *o = &r->office;
    if (office_rule(orules, "XH2021-17-staff", "min_persons", &o->min_persons, o->staff_rule,
                    o->staff_article, sizeof o->staff_article) ||
        office_rule(orules, "XH2021-17-staff", "min_procurators", &o->min_procurators,
                    o->staff_rule, o->staff_article, sizeof o->staff_article) ||
        office_rule(orules, "XH2021-17-days", "min_days_month", &o->min_days_month, o->days_rule,
                    o->days_article, sizeof o->days_article) ||
        office_rule(orules, "XH2021-17-rotation", "rotation_years", &o->rotation_years,
                    o->rotation_rule, o->rotation_article, sizeof o->rotation_article)) {
        rc = zx_err_set(err, ZX_EPARSE,
                        "%s: office_rules need XH2021-17-staff (min_persons, min_procurators), "
                        "XH2021-17-days (min_days_month) and XH2021-17-rotation (rotation_years), "
                        "each positive",
                        name);
        goto cleanup;
    }
cleanup:
    json_decref(root);
    if (rc)
        zx_res_rules_free(r);
    else
        *out = r;
    return rc;
}

int zx_res_rules_load_default(struct zx_res_rules **out, const char **where, struct zx_err *err)
{
    static char found[sizeof((struct zx_datafile *)0)->where];
    struct zx_datafile df;
    int rc;
    *out = NULL;
    if ((rc = zx_datafile_load("resident_checklists.json", 1u << 22, &df, err)))
        return rc;
    snprintf(found, sizeof found, "%s", df.where);
    if (where)
        *where = found;
    rc = zx_res_rules_parse(df.text, df.len, found, out, err);
    zx_datafile_release(&df);
    return rc;
}

void zx_res_rules_free(struct zx_res_rules *r)
{
    if (!r)
        return;
    free(r->items);
    free(r);
}

long zx_res_item_find(const struct zx_res_rules *r, const char *id)
{
    for (size_t i = 0; id && i < r->nitems; i++)
        if (!strcmp(r->items[i].id, id))
            return (long)i;
    return -1;
}

int zx_res_item_applies(const struct zx_res_item *it, int inst_kind)
{
    return it->kind == 0 || it->kind == inst_kind;
}

/* ---- the gap report ---- */

static int weekday(int32_t d) /* 0 = Monday; 1970-01-01 was a Thursday */
{
    return (int)(((d % 7) + 7 + 3) % 7);
}

static int32_t month_start(int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    return zx_date_from_ymd(y, m, 1);
}

static int32_t month_end(int32_t first)
{
    return zx_exec_add_months(first, 1) - 1;
}

struct acc {
    struct zx_res_report *rep;
    size_t cap;
};

static struct zx_res_gap *push_gap(struct acc *a)
{
    if (a->rep->ngaps == a->cap) {
        size_t c = a->cap ? a->cap * 2 : 32;
        struct zx_res_gap *g = realloc(a->rep->gaps, c * sizeof *g);
        if (!g)
            return NULL;
        a->rep->gaps = g;
        a->cap = c;
    }
    struct zx_res_gap *g = &a->rep->gaps[a->rep->ngaps++];
    memset(g, 0, sizeof *g);
    g->item = -1;
    return g;
}

/* 1 when office o has an entry of item it (any entry when it->any_entry) in [a, b]. */
static int done_in(const struct zx_res_db *db, size_t o, const struct zx_res_item *it, int32_t a,
                   int32_t b)
{
    for (size_t i = 0; i < db->nlogs; i++)
        if (db->logs[i].office == o && db->logs[i].on >= a && db->logs[i].on <= b &&
            (it->any_entry || !strcmp(db->logs[i].item_id, it->id)))
            return 1;
    return 0;
}

/* Persons and procurators assigned to office o on day d. */
static void staffed(const struct zx_res_db *db, size_t o, int32_t d, int *persons, int *procs)
{
    *persons = *procs = 0;
    for (size_t i = 0; i < db->nassigns; i++) {
        const struct zx_res_assign *a = &db->assigns[i];
        if (a->office == o && a->from <= d && (a->to == ZX_DATE_NULL || a->to >= d)) {
            (*persons)++;
            *procs += a->procurator;
        }
    }
}

static int office_gaps(const struct zx_res_rules *r, const struct zx_res_db *db, size_t o,
                       int32_t from, int32_t to, struct acc *a, size_t *ccap, struct zx_err *err)
{
    const struct zx_res_office *of = &db->offices[o];
    const struct zx_res_office_rules *orl = &r->office;
    struct zx_res_report *rep = a->rep;
    char d0[16], d1[16];
    if (of->opened_on > from)
        from = of->opened_on;
    if (from > to)
        return ZX_OK;
    /* RULE: XH2021-17-duties — every item at its frequency */
    for (size_t k = 0; k < r->nitems; k++) {
        const struct zx_res_item *it = &r->items[k];
        if (!zx_res_item_applies(it, of->inst_kind))
            continue;
        if (rep->ncov == *ccap) {
            size_t c = *ccap ? *ccap * 2 : 32;
            struct zx_res_item_cov *v = realloc(rep->cov, c * sizeof *v);
            if (!v)
                return zx_err_set(err, ZX_ENOMEM, "out of memory");
            rep->cov = v;
            *ccap = c;
        }
        struct zx_res_item_cov *cv = &rep->cov[rep->ncov++];
        memset(cv, 0, sizeof *cv);
        cv->office = o;
        cv->item = (long)k;
        for (size_t i = 0; i < db->nlogs; i++)
            cv->entries += db->logs[i].office == o && db->logs[i].on >= from &&
                           db->logs[i].on <= to && !strcmp(db->logs[i].item_id, it->id);
        for (int32_t d = from; d <= to && it->freq != ZX_RES_PER_EVENT;) {
            int32_t pa, pb; /* the period starting at d, if whole */
            if (it->freq == ZX_RES_DAILY) {
                pa = pb = d;
                d++;
                if (weekday(pa) >= 5)
                    continue;
            } else if (it->freq == ZX_RES_WEEKLY) {
                if (weekday(d) != 0) {
                    d++;
                    continue;
                }
                pa = d;
                pb = d + 6;
                d += 7;
                if (pb > to)
                    break;
            } else {
                pa = month_start(d);
                pb = month_end(pa);
                d = pb + 1;
                if (pa < from || pb > to)
                    continue;
            }
            cv->expected++;
            if (done_in(db, o, it, pa, pb)) {
                cv->done++;
                continue;
            }
            struct zx_res_gap *g = push_gap(a);
            if (!g)
                return zx_err_set(err, ZX_ENOMEM, "out of memory");
            g->kind = ZX_RES_GAP_ITEM;
            g->office = o;
            g->item = (long)k;
            g->from = pa;
            g->to = pb;
            g->rule = it->id;
            g->article = it->article;
            zx_date_format(pa, d0);
            zx_date_format(pb, d1);
            if (pa == pb)
                snprintf(g->msg, sizeof g->msg, "%s 未“%s”（%s，%s %s）", d0, it->item,
                         zx_res_freq_label(it->freq), it->source, it->article);
            else
                snprintf(g->msg, sizeof g->msg, "%s 至 %s 未“%s”（%s，%s %s）", d0, d1, it->item,
                         zx_res_freq_label(it->freq), it->source, it->article);
        }
    }
    /* RULE: XH2021-17-days — working days on site in each whole month */
    for (int32_t m = month_start(from); m <= to; m = month_end(m) + 1) {
        int32_t me = month_end(m);
        int days = 0;
        for (int32_t d = m; d <= me; d++)
            if (weekday(d) < 5) {
                int on = 0;
                for (size_t i = 0; i < db->nlogs && !on; i++)
                    on = db->logs[i].office == o && db->logs[i].on == d;
                days += on;
                if (m >= from && me <= to)
                    rep->days_on_site += on;
            }
        if (m < from || me > to || days >= orl->min_days_month)
            continue;
        struct zx_res_gap *g = push_gap(a);
        if (!g)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        g->kind = ZX_RES_GAP_DAYS;
        g->office = o;
        g->from = m;
        g->to = me;
        g->count = days;
        g->rule = orl->days_rule;
        g->article = orl->days_article;
        zx_date_format(m, d0);
        snprintf(g->msg, sizeof g->msg, "%.7s 在派驻检察室工作 %d 个工作日，少于 %d 个（%s）", d0,
                 days, orl->min_days_month, orl->days_article);
    }
    /* RULE: XH2021-17-staff — runs of days short of persons or of a procurator */
    for (int kind = ZX_RES_GAP_STAFF; kind <= ZX_RES_GAP_PROCURATOR; kind++) {
        int32_t run = ZX_DATE_NULL;
        int worst = 0;
        for (int32_t d = from; d <= to + 1; d++) {
            int persons = 0, procs = 0, v, short_ = 0;
            if (d <= to) {
                staffed(db, o, d, &persons, &procs);
                v = kind == ZX_RES_GAP_STAFF ? persons : procs;
                short_ = v < (kind == ZX_RES_GAP_STAFF ? orl->min_persons : orl->min_procurators);
                if (short_ && (run == ZX_DATE_NULL || v < worst))
                    worst = v;
            }
            if (short_ && run == ZX_DATE_NULL)
                run = d;
            if (short_ || run == ZX_DATE_NULL)
                continue;
            struct zx_res_gap *g = push_gap(a);
            if (!g)
                return zx_err_set(err, ZX_ENOMEM, "out of memory");
            g->kind = kind;
            g->office = o;
            g->from = run;
            g->to = d - 1;
            g->count = worst;
            g->rule = orl->staff_rule;
            g->article = orl->staff_article;
            zx_date_format(run, d0);
            zx_date_format(d - 1, d1);
            if (kind == ZX_RES_GAP_STAFF)
                snprintf(g->msg, sizeof g->msg, "%s 至 %s 派驻检察人员仅 %d 名，少于 %d 名（%s）",
                         d0, d1, worst, orl->min_persons, orl->staff_article);
            else
                snprintf(g->msg, sizeof g->msg, "%s 至 %s 派驻检察室无检察官（至少 %d 名，%s）", d0,
                         d1, orl->min_procurators, orl->staff_article);
            run = ZX_DATE_NULL;
        }
    }
    /* RULE: XH2021-17-rotation — start + N years is the last day (C1, C4) */
    for (size_t i = 0; i < db->nassigns; i++) {
        const struct zx_res_assign *as = &db->assigns[i];
        if (as->office != o)
            continue;
        int32_t last = zx_exec_add_months(as->from, 12 * orl->rotation_years);
        int32_t end = as->to == ZX_DATE_NULL || as->to > to ? to : as->to;
        if (end <= last || end < from)
            continue;
        struct zx_res_gap *g = push_gap(a);
        if (!g)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        g->kind = ZX_RES_GAP_ROTATION;
        g->office = o;
        g->from = last + 1 > from ? last + 1 : from;
        g->to = end;
        snprintf(g->staff_id, sizeof g->staff_id, "%s", as->staff_id);
        g->rule = orl->rotation_rule;
        g->article = orl->rotation_article;
        zx_date_format(as->from, d0);
        zx_date_format(last, d1);
        snprintf(g->msg, sizeof g->msg, "%.48s（%.32s）自 %s 派驻，%s 满 %d 年仍未轮岗（%.60s）",
                 as->name[0] ? as->name : as->staff_id, as->staff_id, d0, d1, orl->rotation_years,
                 orl->rotation_article);
    }
    return ZX_OK;
}

int zx_res_gaps(const struct zx_res_rules *r, const struct zx_res_db *db, long office, int32_t from,
                int32_t to, struct zx_res_report *out, struct zx_err *err)
{
    struct acc a = {out, 0};
    size_t ccap = 0;
    int rc = ZX_OK;
    memset(out, 0, sizeof *out);
    if (from == ZX_DATE_NULL || to == ZX_DATE_NULL || from > to)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_PERIOD);
    for (size_t o = 0; o < db->noffices && !rc; o++)
        if (office < 0 || (size_t)office == o)
            rc = office_gaps(r, db, o, from, to, &a, &ccap, err);
    if (rc)
        zx_res_report_release(out);
    return rc;
}

void zx_res_report_release(struct zx_res_report *rep)
{
    free(rep->gaps);
    free(rep->cov);
    memset(rep, 0, sizeof *rep);
}

/* ---- with the inspections ---- */

void zx_res_brief(const struct zx_res_db *rdb, const struct zx_store_insp_db *idb,
                  const struct zx_res_report *rep, const char *institution_id, int32_t from,
                  int32_t to, int32_t at, struct zx_res_brief *out)
{
    memset(out, 0, sizeof *out);
    for (size_t o = 0; o < rdb->noffices; o++) {
        const struct zx_res_office *of = &rdb->offices[o];
        if (strcmp(of->institution_id, institution_id))
            continue;
        size_t n = strlen(out->office_ids);
        snprintf(out->office_ids + n, sizeof out->office_ids - n, "%s%s", n ? ", " : "",
                 of->office_id);
        out->offices++;
        for (size_t i = 0; i < rdb->nlogs; i++)
            out->entries +=
                rdb->logs[i].office == o && rdb->logs[i].on >= from && rdb->logs[i].on <= to;
        for (size_t g = 0; rep && g < rep->ngaps; g++)
            out->gaps += rep->gaps[g].office == o;
        for (size_t f = 0; f < idb->nfindings; f++) {
            const struct zx_store_insp_finding *fi = &idb->findings[f];
            if (strcmp(fi->plan_id, of->plan_id) || fi->found_on < from || fi->found_on > to)
                continue;
            out->findings++;
            out->rectified += fi->rectified_on != ZX_DATE_NULL && fi->rectified_on <= at;
            for (size_t d = 0; d < idb->ndisps; d++) {
                if (strcmp(idb->disps[d].finding_id, fi->finding_id))
                    continue;
                struct zx_insp_dstatus ds;
                zx_insp_disp_status(idb, d, at, &ds);
                if (idb->disps[d].kind > 0 && idb->disps[d].kind < ZX_STORE_INSP_DISP_COUNT_)
                    out->disp[idb->disps[d].kind]++;
                out->answered += ds.state == ZX_INSP_ANSWERED;
                out->open += ds.state == ZX_INSP_OPEN;
                out->overdue += ds.state == ZX_INSP_OVERDUE;
            }
        }
    }
}

int zx_res_plan_brief(const struct zx_res_rules *r, const struct zx_res_db *rdb,
                      const struct zx_store_insp_db *idb, size_t plan, int32_t at,
                      struct zx_res_brief *out, int32_t *from, int32_t *to, struct zx_err *err)
{
    const struct zx_store_insp_plan *p = &idb->plans[plan];
    memset(out, 0, sizeof *out);
    /* RULE: XH2021-28 — the office's records of the year before the inspection */
    *from = zx_exec_add_months(p->start, -12);
    *to = p->start - 1;
    for (size_t t = 0; t < idb->ntargets; t++) {
        if (idb->targets[t].plan != plan)
            continue;
        const char *inst = idb->insts[idb->targets[t].inst].institution_id;
        struct zx_res_brief b;
        zx_res_brief(rdb, idb, NULL, inst, *from, *to, at, &b);
        for (size_t o = 0; o < rdb->noffices; o++) {
            struct zx_res_report rep = {0};
            if (strcmp(rdb->offices[o].institution_id, inst))
                continue;
            int rc = zx_res_gaps(r, rdb, (long)o, *from, *to, &rep, err);
            if (rc)
                return rc;
            b.gaps += (int)rep.ngaps;
            zx_res_report_release(&rep);
        }
        size_t n = strlen(out->office_ids);
        if (b.office_ids[0])
            snprintf(out->office_ids + n, sizeof out->office_ids - n, "%s%s", n ? ", " : "",
                     b.office_ids);
        out->offices += b.offices;
        out->entries += b.entries;
        out->findings += b.findings;
        out->rectified += b.rectified;
        out->gaps += b.gaps;
        out->answered += b.answered;
        out->open += b.open;
        out->overdue += b.overdue;
        for (int k = 0; k < ZX_STORE_INSP_DISP_COUNT_; k++)
            out->disp[k] += b.disp[k];
    }
    return ZX_OK;
}

/* ---- the workflow ---- */

static int fail(struct zx_store *st, int rc)
{
    zx_store_rollback(st);
    return rc;
}

int zx_res_new_office(struct zx_store *st, struct zx_res_office *o, const char *lead,
                      struct zx_err *err)
{
    int rc, kind = 0;
    if (!o->office_id[0] || strlen(o->office_id) > 48)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_BAD_OFFICE_ID);
    if ((rc = zx_resident_store_inst_kind(st, o->institution_id, &kind, err)))
        return rc;
    if (kind != 1 && kind != 2) /* vocab institution_kind: prison, detention_house */
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_BAD_INST, o->institution_id);
    snprintf(o->plan_id, sizeof o->plan_id, "RES-%.48s", o->office_id);
    struct zx_store_insp_plan p = {
        .type =
            ZX_STORE_INSP_AD_HOC, /* the stored type is one of XH2021's four; `resident` marks it */
        .inst_kind = kind,
        .start = o->opened_on,
        .end = o->opened_on,
        .feedback_on = ZX_DATE_NULL,
    };
    snprintf(p.plan_id, sizeof p.plan_id, "%s", o->plan_id);
    snprintf(p.unit_id, sizeof p.unit_id, "%s", o->unit_id);
    snprintf(p.lead, sizeof p.lead, "%s", lead ? lead : "");
    struct zx_store_insp_member m = {.role = "lead"};
    snprintf(m.staff_id, sizeof m.staff_id, "%s", p.lead);
    snprintf(m.name, sizeof m.name, "%s", p.lead);
    const char *inst[1] = {o->institution_id};
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_exec__insp_plan_tx(st, &p, inst, 1, &m, 1, 0, err)) ||
        (rc = zx_resident_store_add_office(st, o, err)) ||
        (rc = zx_resident_store_assign(st, o->office_id, p.lead, o->opened_on, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

/* The office of id office_id with its institution kind, read from the store. */
static int office_of(struct zx_store *st, const char *office_id, struct zx_res_office *out,
                     struct zx_err *err)
{
    struct zx_res_db db;
    int rc = zx_resident_store_load(st, 1, 0, &db, err); /* no logs: an empty day range */
    if (rc)
        return rc;
    long o = zx_res_db_office(&db, office_id);
    if (o < 0)
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_OFFICE_DB, office_id ? office_id : "");
    else
        *out = db.offices[o];
    zx_resident_store_release(&db);
    return rc;
}

int zx_res_new_log(struct zx_store *st, const struct zx_res_rules *r, struct zx_res_log *l,
                   struct zx_err *err)
{
    struct zx_res_office of;
    int rc;
    if ((rc = office_of(st, l->office_id, &of, err)))
        return rc;
    long k = zx_res_item_find(r, l->item_id);
    if (k < 0 || !zx_res_item_applies(&r->items[k], of.inst_kind))
        return zx_err_setm(
            err, ZX_EINVAL, ZX_M_RS_NOT_ITEM, l->item_id,
            zx_msg_en(of.inst_kind == 1 ? ZX_M_T_PRISON : ZX_M_T_DETENTION_HOUSE),
            zx_msg_lang(of.inst_kind == 1 ? ZX_M_T_PRISON : ZX_M_T_DETENTION_HOUSE, 1));
    if (l->on != ZX_DATE_NULL && l->on < of.opened_on)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_OPENED_AFTER, l->office_id);
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_resident_store_add_log(st, l, err)))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_res_new_finding(struct zx_store *st, const struct zx_res_rules *r, const char *office_id,
                       const char *log_id, struct zx_store_insp_finding *f, struct zx_err *err)
{
    struct zx_res_office of;
    char oid[ZX_RES_ID_MAX] = "";
    int rc;
    if (log_id && *log_id) {
        if ((rc = zx_resident_store_log_office(st, log_id, oid, err)))
            return rc;
        if (office_id && *office_id && strcmp(office_id, oid))
            return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_LOG_OFFICE, log_id, office_id);
        office_id = oid;
    }
    if ((rc = office_of(st, office_id, &of, err)))
        return rc;
    if ((!f->category || f->found_on == ZX_DATE_NULL) && log_id && *log_id) {
        struct zx_res_db db;
        if ((rc = zx_resident_store_load(st, ZX_DATE_NULL, ZX_DATE_NULL, &db, err)))
            return rc;
        for (size_t i = 0; i < db.nlogs; i++)
            if (!strcmp(db.logs[i].log_id, log_id)) {
                long k = zx_res_item_find(r, db.logs[i].item_id);
                if (!f->category)
                    f->category = k >= 0 ? r->items[k].category : 0;
                if (f->found_on == ZX_DATE_NULL)
                    f->found_on = db.logs[i].on;
            }
        zx_resident_store_release(&db);
    }
    if (!f->category || f->found_on == ZX_DATE_NULL)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_RS_FINDING);
    snprintf(f->plan_id, sizeof f->plan_id, "%s", of.plan_id);
    snprintf(f->institution_id, sizeof f->institution_id, "%s", of.institution_id);
    f->rectified_on = ZX_DATE_NULL;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    if ((rc = zx_exec__insp_finding_tx(st, f, err)) ||
        (log_id && *log_id && (rc = zx_resident_store_link(st, log_id, f->finding_id, err))))
        return fail(st, rc);
    return zx_store_commit(st, err);
}

int zx_res_audit(struct zx_store *st, const struct zx_res_rules *r, const char *office_id,
                 const char *plan_id, int32_t from, int32_t to, int32_t on, int *n,
                 struct zx_err *err)
{
    struct zx_res_db db;
    struct zx_res_report rep = {0};
    int rc;
    *n = 0;
    if ((rc = zx_resident_store_load(st, from, to, &db, err)))
        return rc;
    long o = zx_res_db_office(&db, office_id);
    if (o < 0) {
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_NF_OFFICE_DB, office_id ? office_id : "");
        goto cleanup;
    }
    if ((rc = zx_res_gaps(r, &db, o, from, to, &rep, err)) || (rc = zx_store_begin(st, err)))
        goto cleanup;
    char d0[16], d1[16];
    zx_date_format(from, d0);
    zx_date_format(to, d1);
    /* one finding per item (with the periods missed), one per office-rule breach */
    for (size_t g = 0; g < rep.ngaps && !rc; g++) {
        const struct zx_res_gap *x = &rep.gaps[g];
        struct zx_store_insp_finding f = {.category = ZX_STORE_INSP_C_RESIDENT_OFFICE,
                                          .found_on = on,
                                          .rectified_on = ZX_DATE_NULL};
        snprintf(f.plan_id, sizeof f.plan_id, "%s", plan_id ? plan_id : "");
        snprintf(f.institution_id, sizeof f.institution_id, "%s", db.offices[o].institution_id);
        if (x->kind == ZX_RES_GAP_ITEM) {
            int first = 1, missed = 0;
            for (size_t h = 0; h < rep.ngaps; h++)
                if (rep.gaps[h].kind == ZX_RES_GAP_ITEM && rep.gaps[h].item == x->item) {
                    first &= h >= g;
                    missed++;
                }
            if (!first)
                continue;
            const struct zx_res_item *it = &r->items[x->item];
            long cv = -1;
            for (size_t c = 0; c < rep.ncov; c++)
                if (rep.cov[c].item == x->item)
                    cv = (long)c;
            snprintf(f.sub, sizeof f.sub, "派驻检察未按清单履职：%s", it->id);
            snprintf(f.desc, sizeof f.desc,
                     "%s 至 %s，派驻检察室%s“%s”应检 %d 次，缺 %d 次（%s %s）", d0, d1,
                     zx_res_freq_label(it->freq), it->item, cv >= 0 ? rep.cov[cv].expected : missed,
                     missed, it->source, it->article);
        } else {
            snprintf(f.sub, sizeof f.sub, "派驻检察室建设：%s", x->rule);
            snprintf(f.desc, sizeof f.desc, "%s", x->msg);
        }
        snprintf(f.evidence, sizeof f.evidence, "派驻检察室 %s 工作日志（%s 至 %s）", office_id, d0,
                 d1);
        if (!(rc = zx_exec__insp_finding_tx(st, &f, err)))
            (*n)++;
    }
    if (rc)
        fail(st, rc);
    else
        rc = zx_store_commit(st, err);
cleanup:
    zx_res_report_release(&rep);
    zx_resident_store_release(&db);
    return rc;
}
