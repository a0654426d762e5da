/* cmd_bulletin.c — `zhixiao bulletin --db FILE --unit ID --period P --out FILE.xlsx
 * [--catalog FILE]`: the 通报 workbook of metrics/bulletin.h. */
#include "cli/cli.h"
#include "metrics/bulletin.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao bulletin --db FILE --period P --out FILE.xlsx [--unit ID]\n"
               "                        [--catalog FILE] [--min-denominator N]\n"
               "\n"
               "Write the bulletin (通报) of a unit (its whole subtree; default the root) for\n"
               "period P (2024, 2024-H1, 2024-Q3 or 2024-07) as an XLSX workbook: 研判要点,\n"
               "案-件比, 刑事检察指标, 其他业务指标, 三个结构比 and 各院对比, with charts, the\n"
               "definition of each indicator, 同比/环比, the parent unit's value, the unit's\n"
               "targets and, where the unit turned it on (`zhixiao settings`), the ranks of its\n"
               "child units. 研判要点 only cite figures whose denominators reach N (default 10).\n"
               "The file is written to a temporary name and renamed into place.\n"
               "\n"
               "exit status: 0 done, 2 usage or error\n");
}

/* Latest event date on or before `to` (ZX_DATE_NULL when none). */
static int as_of_cb(void *ud, int ncol, const char *const *vals, const char *const *names)
{
    (void)names;
    if (ncol > 0 && vals[0])
        *(int32_t *)ud = (int32_t)strtol(vals[0], NULL, 10);
    return 0;
}

int cmd_bulletin(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *period = NULL, *out = NULL, *catalog = NULL;
    int ret = 2, min_den = 0;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_settings *settings = NULL;
    struct zx_err err = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--db") && has) {
            db = argv[++i];
        } else if (!strcmp(a, "--unit") && has) {
            unit = argv[++i];
        } else if (!strcmp(a, "--period") && has) {
            period = argv[++i];
        } else if (!strcmp(a, "--out") && has) {
            out = argv[++i];
        } else if (!strcmp(a, "--catalog") && has) {
            catalog = argv[++i];
        } else if (!strcmp(a, "--min-denominator") && has) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 1000000) {
                fprintf(stderr, "zhixiao bulletin: --min-denominator must be 1 to 1000000\n");
                return 2;
            }
            min_den = (int)v;
        } else {
            fprintf(stderr, "zhixiao bulletin: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!db || !period || !out) {
        fprintf(stderr, "zhixiao bulletin: --db, --period and --out are required\n");
        usage(stderr);
        return 2;
    }
    int32_t from, to;
    char label[64];
    if (zx_bulletin_period(period, &from, &to, label, sizeof label, &err)) {
        fprintf(stderr, "zhixiao bulletin: --period: %s\n", err.msg);
        return 2;
    }
    if (catalog ? zx_catalog_load_file(catalog, &cat, &err)
                : zx_catalog_load_default(&cat, NULL, &err)) {
        fprintf(stderr, "zhixiao bulletin: %s\n", err.msg);
        goto cleanup;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "zhixiao bulletin: cannot read database '%s'\n", db);
        goto cleanup;
    }
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err) ||
        zx_settings_load(st, &settings, &err)) {
        fprintf(stderr, "zhixiao bulletin: %s\n", err.msg);
        goto cleanup;
    }
    int32_t u = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        fprintf(stderr, "zhixiao bulletin: no unit '%s' in %s\n", unit, db);
        goto cleanup;
    }
    if (zx_metrics_units(m) == 0) {
        fprintf(stderr, "zhixiao bulletin: %s holds no units (import a bundle first)\n", db);
        goto cleanup;
    }
    int32_t as_of = ZX_DATE_NULL;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT max(date) FROM events WHERE date <= %ld", (long)to);
    if (zx_store_query(st, sql, as_of_cb, &as_of, &err)) {
        fprintf(stderr, "zhixiao bulletin: %s\n", err.msg);
        goto cleanup;
    }
    struct zx_bulletin_opts o = {.cat = cat,
                                 .unit = u,
                                 .from = from,
                                 .to = to,
                                 .period_label = label,
                                 .data_as_of = as_of,
                                 .settings = settings,
                                 .min_denominator = min_den};
    if (zx_bulletin_write(out, m, &o, &err)) {
        fprintf(stderr, "zhixiao bulletin: %s\n", err.msg);
        goto cleanup;
    }
    printf("wrote %s (%s, %s)\n", out, zx_metrics_unit_id(m, u < 0 ? 0 : u), label);
    ret = 0;
cleanup:
    zx_settings_free(settings);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    return ret;
}
