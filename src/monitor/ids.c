/* ids.c — the contract's string ids of the monitored cases and persons, the contract's
 * order, the per-unit reply periods, and the item writers. */
#include "monitor/monitor.h"
#include "store/settings.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

struct ridpos {
    int64_t rid;
    int32_t pos;
};

static int cmp_ridpos(const void *a, const void *b)
{
    const struct ridpos *x = a, *y = b;
    return (x->rid > y->rid) - (x->rid < y->rid);
}

struct fill {
    const struct ridpos *map;
    int32_t n;
    char **out;
    int oom;
};

static int fill_cb(void *ud, const char *xid, size_t len, int64_t rid, uint64_t hash, int64_t aux)
{
    (void)hash;
    (void)aux;
    struct fill *f = ud;
    struct ridpos key = {rid, 0};
    const struct ridpos *hit = bsearch(&key, f->map, (size_t)f->n, sizeof key, cmp_ridpos);
    if (!hit || f->out[hit->pos])
        return 0;
    char *s = malloc(len + 1);
    if (!s) {
        f->oom = 1;
        return 1;
    }
    memcpy(s, xid, len);
    s[len] = 0;
    f->out[hit->pos] = s;
    return 0;
}

static int load_table(struct zx_store *st, enum zx_table t, const int64_t *rids, int32_t n,
                      char **out, struct zx_err *err)
{
    struct ridpos *map = malloc(((size_t)n + 1) * sizeof *map);
    if (!map)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int32_t i = 0; i < n; i++)
        map[i] = (struct ridpos){rids[i], i};
    qsort(map, (size_t)n, sizeof *map, cmp_ridpos);
    struct fill f = {map, n, out, 0};
    int rc = zx_store_each_id(st, t, fill_cb, &f, err);
    if (f.oom)
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    free(map);
    for (int32_t i = 0; rc == ZX_OK && i < n; i++)
        if (!out[i]) /* the columns and the store disagree: a stale snapshot */
            rc = zx_err_set(err, ZX_ESTORE, "row %lld has no id in the store", (long long)rids[i]);
    return rc;
}

void zx_monitor_ids_free(struct zx_monitor_ids *ids)
{
    if (!ids)
        return;
    for (int32_t i = 0; ids->case_id && i < ids->nc; i++)
        free(ids->case_id[i]);
    for (int32_t i = 0; ids->person_id && i < ids->np; i++)
        free(ids->person_id[i]);
    free(ids->case_id);
    free(ids->person_id);
    free(ids);
}

int zx_monitor_ids_load(struct zx_store *st, const struct zx_metrics_columns *d,
                        struct zx_monitor_ids **out, struct zx_err *err)
{
    struct zx_monitor_ids *ids = calloc(1, sizeof *ids);
    int rc = ZX_OK;
    *out = NULL;
    if (!ids || !(ids->case_id = calloc((size_t)d->nc + 1, sizeof(char *))) ||
        !(ids->person_id = calloc((size_t)d->np + 1, sizeof(char *)))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    ids->nc = d->nc;
    ids->np = d->np;
    if ((rc = load_table(st, ZX_T_CASES, d->c_rid, d->nc, ids->case_id, err)) ||
        (rc = load_table(st, ZX_T_PERSONS, d->p_rid, d->np, ids->person_id, err)))
        goto cleanup;
    *out = ids;
    ids = NULL;
cleanup:
    zx_monitor_ids_free(ids);
    return rc;
}

static int cmp_item(const void *a, const void *b, void *arg)
{
    const struct zx_monitor_item *x = a, *y = b;
    const struct zx_monitor_ids *sort_ids = arg;
    int k = x->c == y->c ? 0 : strcmp(sort_ids->case_id[x->c], sort_ids->case_id[y->c]);
    if (k)
        return k;
    if (x->c != y->c)
        return (x->c > y->c) - (x->c < y->c);
    if (x->p != y->p) {
        if (x->p < 0 || y->p < 0)
            return x->p < 0 ? -1 : 1; /* null first */
        k = strcmp(sort_ids->person_id[x->p], sort_ids->person_id[y->p]);
        if (k)
            return k;
        return (x->p > y->p) - (x->p < y->p);
    }
    if (x->stage != y->stage)
        return x->stage < y->stage ? -1 : 1;
    if (x->started_on != y->started_on)
        return x->started_on < y->started_on ? -1 : 1;
    return (x->e > y->e) - (x->e < y->e);
}

int zx_monitor_sort(struct zx_monitor_item *items, size_t n, const struct zx_monitor_ids *ids,
                    struct zx_err *err)
{
    (void)err;
    qsort_r(items, n, sizeof *items, cmp_item, (void *)ids);
    return ZX_OK;
}

static int unit_find(const struct zx_metrics *m, const char *id)
{
    return zx_metrics_unit_find(m, id);
}

int zx_monitor_unit_periods(struct zx_store *st, const struct zx_metrics *m,
                            const struct zx_monitor_rules *r, struct zx_monitor_period **suggestion,
                            struct zx_monitor_period **correction, struct zx_err *err)
{
    struct zx_unit_value *v = NULL;
    size_t nv = 0;
    const int32_t nu = zx_metrics_units(m);
    struct zx_monitor_period *per[2] = {NULL, NULL};
    uint8_t *own = NULL;
    int rc;
    *suggestion = *correction = NULL;
    if ((rc = zx_settings_value_list(st, "monitor.", &v, &nv, err)))
        return rc;
    per[0] = calloc((size_t)nu + 1, sizeof *per[0]);
    per[1] = calloc((size_t)nu + 1, sizeof *per[1]);
    own = calloc(((size_t)nu + 1) * 2, 1);
    if (!per[0] || !per[1] || !own) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    static const char *const keys[2] = {"monitor.suggestion_reply", "monitor.correction_reply"};
    for (size_t i = 0; i < nv; i++) {
        int k = !strcmp(v[i].key, keys[0]) ? 0 : !strcmp(v[i].key, keys[1]) ? 1 : -1;
        int32_t u = k < 0 ? -1 : unit_find(m, v[i].unit_id);
        if (u < 0)
            continue; /* another module's key, or a unit no longer loaded */
        if (zx_monitor_period_parse(v[i].value, &per[k][u])) {
            rc = zx_err_set(err, ZX_EPARSE, "unit %s: setting %s = '%s' is not a period",
                            v[i].unit_id, v[i].key, v[i].value);
            goto cleanup;
        }
        own[2 * u + k] = 1;
    }
    /* pre-order: a parent comes before its children, so one forward pass inherits */
    for (int32_t u = 0; u < nu; u++)
        for (int k = 0; k < 2; k++) {
            if (own[2 * u + k])
                continue;
            int32_t pa = zx_metrics_unit_parent(m, u);
            if (pa >= 0)
                per[k][u] = per[k][pa];
            else
                per[k][u] = (struct zx_monitor_period){0, 0}; /* filled below */
        }
    const struct zx_monitor_period def[2] = {
        zx_monitor_rules_default_period(r, ZX_MON_SUGGESTION_REPLY),
        zx_monitor_rules_default_period(r, ZX_MON_CORRECTION_REPLY)};
    for (int32_t u = 0; u < nu; u++)
        for (int k = 0; k < 2; k++)
            if (per[k][u].n == 0)
                per[k][u] = def[k];
    *suggestion = per[0];
    *correction = per[1];
    per[0] = per[1] = NULL;
cleanup:
    free(per[0]);
    free(per[1]);
    free(own);
    free(v);
    return rc;
}

/* ---- writers ---- */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void json_date(FILE *f, int32_t d)
{
    char b[16];
    if (d == ZX_DATE_NULL)
        fputs("null", f);
    else
        fprintf(f, "\"%s\"", zx_date_format(d, b));
}

void zx_monitor_write_json(FILE *f, const struct zx_monitor_fmt *fmt,
                           const struct zx_monitor_item *it)
{
    fputs("{\"case_id\": ", f);
    json_str(f, fmt->ids->case_id[it->c]);
    fputs(", \"person_id\": ", f);
    if (it->p < 0)
        fputs("null", f);
    else
        json_str(f, fmt->ids->person_id[it->p]);
    fprintf(f, ", \"stage\": \"%s\", \"rule\": ", zx_monitor_stage_code(it->stage));
    json_str(f, zx_monitor_rule_id(fmt->rules, it->rule));
    fputs(", \"article\": ", f);
    json_str(f, zx_monitor_rule_article(fmt->rules, it->rule));
    fputs(", \"started_on\": ", f);
    json_date(f, it->started_on);
    fputs(", \"deadline\": ", f);
    json_date(f, it->deadline);
    fputs(", \"closed_on\": ", f);
    json_date(f, it->closed_on);
    if (it->closed_on == ZX_DATE_NULL)
        fprintf(f, ", \"days_left\": %d", (int)it->days_left);
    else
        fputs(", \"days_left\": null", f);
    fprintf(f, ", \"status\": \"%s\"}", zx_monitor_status_code(it->status));
}

void zx_monitor_write_table(FILE *f, const struct zx_monitor_fmt *fmt,
                            const struct zx_monitor_item *it)
{
    char b1[16], b2[16], b3[16];
    fprintf(f, "%-14s %-14s %-28s %-4s %s %s %s ", fmt->ids->case_id[it->c],
            it->p < 0 ? "-" : fmt->ids->person_id[it->p], zx_monitor_stage_code(it->stage),
            zx_monitor_rule_id(fmt->rules, it->rule), zx_date_format(it->started_on, b1),
            zx_date_format(it->deadline, b2),
            it->closed_on == ZX_DATE_NULL ? "-         " : zx_date_format(it->closed_on, b3));
    if (it->closed_on == ZX_DATE_NULL)
        fprintf(f, "%6d", (int)it->days_left);
    else
        fputs("     -", f);
    fprintf(f, " %-6s %s\n", zx_monitor_status_code(it->status),
            zx_monitor_rule_article(fmt->rules, it->rule));
}
