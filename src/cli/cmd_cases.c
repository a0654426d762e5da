/* cmd_cases.c — `zhixiao cases --db FILE --indicator ID --unit ID --from D --to D
 * --part numerator|denominator [--staff ID] [--catalog FILE] [--format json|table]`:
 * the drill-down, listing exactly the persons, cases or events counted in one number. */
#include "metrics/catalog.h"
#include "metrics/cli_metrics.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao cases --db FILE --indicator ID --from DATE --to DATE\n"
               "                     --part numerator|denominator [--unit ID] [--staff ID]\n"
               "                     [--line L[,L…]] [--catalog FILE] [--format json|table]\n"
               "\n"
               "List the persons, cases or events counted in the numerator or denominator of one\n"
               "indicator for a unit (its whole subtree; default the root) or a handler, with\n"
               "their events. The number of items equals the figure of `zhixiao indicators`.\n"
               "\n"
               "exit status: 0 done, 2 usage or error\n");
}

int cmd_cases(int argc, char **argv)
{
    uint32_t lines = 0; /* --line: only cases of these lines */
    const char *db = NULL, *unit = NULL, *staff = NULL, *catalog = NULL, *id = NULL;
    const char *from_s = NULL, *to_s = NULL, *part_s = NULL;
    int format = ZX_REPORT_JSON, ret = 2;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_err err = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--db") && has) {
            db = argv[++i];
        } else if (!strcmp(a, "--indicator") && has) {
            id = argv[++i];
        } else if (!strcmp(a, "--unit") && has) {
            unit = argv[++i];
        } else if (!strcmp(a, "--staff") && has) {
            staff = argv[++i];
        } else if (!strcmp(a, "--from") && has) {
            from_s = argv[++i];
        } else if (!strcmp(a, "--to") && has) {
            to_s = argv[++i];
        } else if (!strcmp(a, "--line") && has) {
            if (zx_report_parse_lines(argv[++i], &lines)) {
                fprintf(stderr, "zhixiao cases: --line takes criminal, civil, administrative or "
                                "public_interest (or 刑事/民事/行政/公益诉讼), comma-separated\n");
                return 2;
            }
        } else if (!strcmp(a, "--part") && has) {
            part_s = argv[++i];
        } else if (!strcmp(a, "--catalog") && has) {
            catalog = argv[++i];
        } else if (!strcmp(a, "--format") && has) {
            const char *v = argv[++i];
            if (!strcmp(v, "json"))
                format = ZX_REPORT_JSON;
            else if (!strcmp(v, "table"))
                format = ZX_REPORT_TABLE;
            else {
                fprintf(stderr, "zhixiao cases: --format must be json or table\n");
                return 2;
            }
        } else {
            fprintf(stderr, "zhixiao cases: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!db || !id || !from_s || !to_s || !part_s) {
        fprintf(stderr, "zhixiao cases: --db, --indicator, --from, --to and --part are required\n");
        usage(stderr);
        return 2;
    }
    int part;
    if (!strcmp(part_s, "numerator"))
        part = ZX_PART_NUMERATOR;
    else if (!strcmp(part_s, "denominator"))
        part = ZX_PART_DENOMINATOR;
    else {
        fprintf(stderr, "zhixiao cases: --part must be numerator or denominator\n");
        return 2;
    }
    int32_t from, to;
    if (zx_date_parse(from_s, strlen(from_s), &from) || zx_date_parse(to_s, strlen(to_s), &to)) {
        fprintf(stderr, "zhixiao cases: --from and --to must be dates (YYYY-MM-DD)\n");
        return 2;
    }
    if (from > to) {
        fprintf(stderr, "zhixiao cases: --from %s is after --to %s\n", from_s, to_s);
        return 2;
    }
    int rc = catalog ? zx_catalog_load_file(catalog, &cat, &err)
                     : zx_catalog_load_default(&cat, NULL, &err);
    if (rc) {
        fprintf(stderr, "zhixiao cases: %s\n", err.msg);
        goto cleanup;
    }
    int row = zx_catalog_find(cat, id);
    if (row < 0) {
        fprintf(stderr,
                "zhixiao cases: no indicator '%s' in catalog %s (a structure needs its "
                "category, e.g. duty_structure.criminal)\n",
                id, zx_catalog_source(cat));
        goto cleanup;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "zhixiao cases: cannot read database '%s'\n", db);
        goto cleanup;
    }
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err)) {
        fprintf(stderr, "zhixiao cases: %s\n", err.msg);
        goto cleanup;
    }
    if (zx_metrics_units(m) == 0) {
        fprintf(stderr, "zhixiao cases: %s holds no units (import a bundle first)\n", db);
        goto cleanup;
    }
    int32_t u = -1, s = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        fprintf(stderr, "zhixiao cases: no unit '%s' in %s\n", unit, db);
        goto cleanup;
    }
    if (staff && (s = zx_metrics_staff_find(m, staff)) < 0) {
        fprintf(stderr, "zhixiao cases: no staff member '%s' in %s\n", staff, db);
        goto cleanup;
    }
    struct zx_drill_opts o = {.lines = lines,
                              .cat = cat,
                              .row = row,
                              .part = part,
                              .unit = u,
                              .staff = s,
                              .from = from,
                              .to = to,
                              .format = format};
    if (zx_report_cases(stdout, st, m, &o, NULL, &err)) {
        fprintf(stderr, "zhixiao cases: %s\n", err.msg);
        goto cleanup;
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
cleanup:
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    return ret;
}
