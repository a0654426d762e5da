/* cmd_indicators.c — `zhixiao indicators --db FILE --from DATE --to DATE [--unit ID]
 * [--by unit|staff|department] [--indicator ID…] [--catalog FILE] [--format json|table|csv]`:
 * evaluate the indicator catalog (shared/spec/indicators.md §7); the table and CSV add the
 * comparisons of §6 (parent value, rank and tier where switched on, target and gap). */
#include "metrics/catalog.h"
#include "metrics/cli_metrics.h"
#include "metrics/compare.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zhixiao indicators --db FILE --from DATE --to DATE [--unit ID]\n"
            "                          [--by unit|staff|department] [--line L[,L…]]\n"
            "                          [--indicator ID]...\n"
            "                          [--catalog FILE]\n"
            "                          [--format json|table|csv]\n"
            "\n"
            "Compute the quality indicators (质效指标) of the catalog for a unit and its whole\n"
            "subtree over [from, to] (inclusive). Without --unit: the root unit. --by unit\n"
            "gives every unit of the subtree, --by staff every handler, --by department every\n"
            "department of every unit (the sum of its handlers' figures: a person counted by two\n"
            "handlers of one department counts twice there; table and CSV only).\n"
            "--line counts only cases of those lines (criminal, civil, administrative,\n"
            "public_interest, or 刑事/民事/行政/公益诉讼). --indicator (repeatable, or\n"
            "comma-separated) picks indicators; a structure id\n"
            "(duty_structure) picks all its categories. --catalog FILE uses another catalog\n"
            "(\"extends\": \"default\" adds to the default one). JSON (the default) is one\n"
            "array, value null when the denominator\n"
            "is 0; the table adds 同比 and 环比. The table and CSV also give the parent unit's\n"
            "value (for handlers and departments: their unit's), the rank and tier 上游/中游/下游\n"
            "among sibling units when the parent turned ranking on (`zhixiao settings`), and the\n"
            "unit's target and the gap to it (`zhixiao target`).\n"
            "\n"
            "exit status: 0 done, 2 usage or error\n");
}

/* Parse DATE into *out or complain. */
static int arg_date(const char *cmd, const char *opt, const char *s, int32_t *out)
{
    if (zx_date_parse(s, strlen(s), out) != 0) {
        fprintf(stderr, "zhixiao %s: %s: '%s' is not a date (YYYY-MM-DD)\n", cmd, opt, s);
        return -1;
    }
    return 0;
}

int cmd_indicators(int argc, char **argv)
{
    uint32_t lines = 0; /* --line: only cases of these lines (四大检察) */
    const char *db = NULL, *unit = NULL, *catalog = NULL, *from_s = NULL, *to_s = NULL;
    int by = ZX_BY_NONE, format = ZX_REPORT_JSON, ret = 2;
    char **ids = calloc((size_t)argc + 1, sizeof *ids);
    int nids = 0;
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_settings *settings = NULL;
    struct zx_departments *depts = NULL;
    int *rows = NULL;
    struct zx_err err = {0};
    if (!ids) {
        fprintf(stderr, "zhixiao indicators: out of memory\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            ret = 0;
            goto cleanup;
        } else if (!strcmp(a, "--db") && has) {
            db = argv[++i];
        } else if (!strcmp(a, "--from") && has) {
            from_s = argv[++i];
        } else if (!strcmp(a, "--to") && has) {
            to_s = argv[++i];
        } else if (!strcmp(a, "--unit") && has) {
            unit = argv[++i];
        } else if (!strcmp(a, "--catalog") && has) {
            catalog = argv[++i];
        } else if (!strcmp(a, "--indicator") && has) {
            ids[nids++] = argv[++i];
        } else if (!strcmp(a, "--line") && has) {
            if (zx_report_parse_lines(argv[++i], &lines)) {
                fprintf(stderr,
                        "zhixiao indicators: --line takes criminal, civil, administrative "
                        "or public_interest (or 刑事/民事/行政/公益诉讼), comma-separated\n");
                return 2;
            }
        } else if (!strcmp(a, "--by") && has) {
            const char *v = argv[++i];
            if (!strcmp(v, "unit"))
                by = ZX_BY_UNIT;
            else if (!strcmp(v, "staff"))
                by = ZX_BY_STAFF;
            else if (!strcmp(v, "department"))
                by = ZX_BY_DEPARTMENT;
            else {
                fprintf(stderr,
                        "zhixiao indicators: --by must be unit, staff or department, not '%s'\n",
                        v);
                goto cleanup;
            }
        } else if (!strcmp(a, "--format") && has) {
            const char *v = argv[++i];
            if (!strcmp(v, "json"))
                format = ZX_REPORT_JSON;
            else if (!strcmp(v, "table"))
                format = ZX_REPORT_TABLE;
            else if (!strcmp(v, "csv"))
                format = ZX_REPORT_CSV;
            else {
                fprintf(stderr, "zhixiao indicators: --format must be json, table or csv\n");
                goto cleanup;
            }
        } else {
            fprintf(stderr, "zhixiao indicators: unexpected argument '%s'\n", a);
            usage(stderr);
            goto cleanup;
        }
    }
    if (by == ZX_BY_DEPARTMENT && format == ZX_REPORT_JSON) {
        fprintf(stderr, "zhixiao indicators: --by department has no JSON form (spec §7): use "
                        "--format table or csv\n");
        goto cleanup;
    }
    if (!db || !from_s || !to_s) {
        fprintf(stderr, "zhixiao indicators: --db, --from and --to are required\n");
        usage(stderr);
        goto cleanup;
    }
    int32_t from, to;
    if (arg_date("indicators", "--from", from_s, &from) ||
        arg_date("indicators", "--to", to_s, &to))
        goto cleanup;
    if (from > to) {
        fprintf(stderr, "zhixiao indicators: --from %s is after --to %s\n", from_s, to_s);
        goto cleanup;
    }
    int rc = catalog ? zx_catalog_load_file(catalog, &cat, &err)
                     : zx_catalog_load_default(&cat, NULL, &err);
    if (rc) {
        fprintf(stderr, "zhixiao indicators: %s\n", err.msg);
        goto cleanup;
    }
    int nrows = 0, cap = zx_catalog_rows(cat);
    if (nids) {
        rows = calloc((size_t)cap + 1, sizeof *rows);
        if (!rows) {
            fprintf(stderr, "zhixiao indicators: out of memory\n");
            goto cleanup;
        }
        for (int i = 0; i < nids; i++) {
            char *save = NULL;
            for (char *id = strtok_r(ids[i], ",", &save); id; id = strtok_r(NULL, ",", &save)) {
                int got = zx_catalog_select(cat, id, rows + nrows, cap - nrows);
                if (!got) {
                    fprintf(stderr, "zhixiao indicators: no indicator '%s' in catalog %s\n", id,
                            zx_catalog_source(cat));
                    goto cleanup;
                }
                nrows += got > cap - nrows ? cap - nrows : got;
            }
        }
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "zhixiao indicators: cannot read database '%s'\n", db);
        goto cleanup;
    }
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err)) {
        fprintf(stderr, "zhixiao indicators: %s\n", err.msg);
        goto cleanup;
    }
    int32_t u = -1;
    if (unit) {
        u = zx_metrics_unit_find(m, unit);
        if (u < 0) {
            fprintf(stderr, "zhixiao indicators: no unit '%s' in %s\n", unit, db);
            goto cleanup;
        }
    } else if (zx_metrics_units(m) == 0) {
        fprintf(stderr, "zhixiao indicators: %s holds no units (import a bundle first)\n", db);
        goto cleanup;
    }
    if (format != ZX_REPORT_JSON && zx_settings_load(st, &settings, &err)) {
        fprintf(stderr, "zhixiao indicators: %s\n", err.msg);
        goto cleanup;
    }
    if (by == ZX_BY_DEPARTMENT && zx_compare_departments(st, m, &depts, &err)) {
        fprintf(stderr, "zhixiao indicators: %s\n", err.msg);
        goto cleanup;
    }
    struct zx_report_opts o = {.cat = cat,
                               .unit = u,
                               .by = by,
                               .rows = nids ? rows : NULL,
                               .nrows = nrows,
                               .from = from,
                               .to = to,
                               .format = format,
                               .compare = 1,
                               .settings = settings,
                               .departments = depts,
                               .lines = lines};
    if (zx_report_indicators(stdout, m, &o, &err)) {
        fprintf(stderr, "zhixiao indicators: %s\n", err.msg);
        goto cleanup;
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
cleanup:
    zx_compare_departments_free(depts);
    zx_settings_free(settings);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    free(rows);
    free(ids);
    return ret;
}
