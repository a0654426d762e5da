/* cmd_settings.c — `zhixiao settings` (ranking of a unit's child units on or off) and
 * `zhixiao target` (per-unit targets 目标值: set, list, clear), over store/settings.h. */
#include "cli/cli.h"
#include "metrics/catalog.h"
#include "store/settings.h"
#include "store/store.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void settings_usage(FILE *f)
{
    fprintf(f,
            "usage: zhixiao settings set --db FILE --unit ID ranking on|off\n"
            "       zhixiao settings show --db FILE [--unit ID]\n"
            "\n"
            "Ranking (排名) of a unit's child units by each indicator, with tiers 上游/中游/下游\n"
            "by thirds, is off unless the unit turns it on (\"一取消三不再\": ranking is an\n"
            "option, never the default). It shows in `zhixiao indicators --format table|csv`\n"
            "and in the bulletin; context indicators are never ranked.\n"
            "\n"
            "exit status: 0 done, 2 usage or error\n");
}

static void target_usage(FILE *f)
{
    fprintf(
        f, "usage: zhixiao target set --db FILE --unit ID --indicator ID --value V [--from DATE]\n"
           "       zhixiao target list --db FILE [--unit ID]\n"
           "       zhixiao target clear --db FILE --unit ID [--indicator ID] [--from DATE]\n"
           "                            [--catalog FILE]\n"
           "\n"
           "A unit's own target (目标值) for an indicator, in force from DATE (default: always)\n"
           "until a later one. V is in the indicator's printed unit: percent for rates (95 or\n"
           "95%% = 95.00%%), the ratio for 案-件比 (1.30 or 1:1.30; a value of 10 or more is read\n"
           "as the ×100 form, 130). Structure ratios take no target: they are read as a whole.\n"
           "`clear` without --indicator removes every target of the unit, without --from every\n"
           "date. The tables of `zhixiao indicators` and the bulletin show the gap to the target.\n"
           "\n"
           "exit status: 0 done, 2 usage or error\n");
}

struct args {
    const char *db, *unit, *indicator, *value, *from, *catalog;
    const char *pos[4];
    int npos;
};

/* Options shared by both commands; positional words go to a->pos. */
static int parse(const char *cmd, int argc, char **argv, struct args *a, int *help)
{
    memset(a, 0, sizeof *a);
    *help = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(s, "--help") || !strcmp(s, "-h"))
            *help = 1;
        else if (!strcmp(s, "--db") && has)
            a->db = argv[++i];
        else if (!strcmp(s, "--unit") && has)
            a->unit = argv[++i];
        else if (!strcmp(s, "--indicator") && has)
            a->indicator = argv[++i];
        else if (!strcmp(s, "--value") && has)
            a->value = argv[++i];
        else if (!strcmp(s, "--from") && has)
            a->from = argv[++i];
        else if (!strcmp(s, "--catalog") && has)
            a->catalog = argv[++i];
        else if (s[0] != '-' && a->npos < 4)
            a->pos[a->npos++] = s;
        else {
            fprintf(stderr, "zhixiao %s: unexpected argument '%s'\n", cmd, s);
            return -1;
        }
    }
    return 0;
}

static int open_db(const char *cmd, const char *db, struct zx_store **st)
{
    struct zx_err err = {0};
    if (!db) {
        fprintf(stderr, "zhixiao %s: --db is required\n", cmd);
        return -1;
    }
    if (access(db, R_OK | W_OK) != 0) {
        fprintf(stderr, "zhixiao %s: cannot open database '%s'\n", cmd, db);
        return -1;
    }
    if (zx_store_open(db, st, &err)) {
        fprintf(stderr, "zhixiao %s: %s\n", cmd, err.msg);
        return -1;
    }
    return 0;
}

static int ranking_of(struct zx_store *st, const char *unit_id)
{
    int on = 0;
    struct zx_err err = {0};
    if (zx_settings_get_ranking(st, unit_id, &on, &err))
        return -1;
    return on;
}

static int print_ranking_row(void *ud, int ncol, const char *const *vals, const char *const *names)
{
    struct zx_store *st = ud;
    (void)names;
    if (ncol < 2 || !vals[0])
        return 0;
    printf("%-16s %-24s ranking %s\n", vals[0], vals[1] ? vals[1] : "",
           ranking_of(st, vals[0]) == 1 ? "on" : "off");
    return 0;
}

int cmd_settings(int argc, char **argv)
{
    struct args a;
    int help, ret = 2;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    if (parse("settings", argc, argv, &a, &help))
        goto usage;
    if (help) {
        settings_usage(stdout);
        return 0;
    }
    if (a.npos == 3 && !strcmp(a.pos[0], "set") && !strcmp(a.pos[1], "ranking")) {
        int on = !strcmp(a.pos[2], "on");
        if (!on && strcmp(a.pos[2], "off")) {
            fprintf(stderr, "zhixiao settings: ranking is on or off, not '%s'\n", a.pos[2]);
            goto usage;
        }
        if (!a.unit) {
            fprintf(stderr, "zhixiao settings: --unit is required\n");
            goto usage;
        }
        if (open_db("settings", a.db, &st))
            goto cleanup;
        if (zx_settings_set_ranking(st, a.unit, on, &err)) {
            fprintf(stderr, "zhixiao settings: %s\n", err.msg);
            goto cleanup;
        }
        printf("unit %s: ranking of its child units %s\n", a.unit, on ? "on" : "off");
        ret = 0;
    } else if (a.npos == 1 && !strcmp(a.pos[0], "show")) {
        if (open_db("settings", a.db, &st))
            goto cleanup;
        int rc;
        if (a.unit) {
            int on = ranking_of(st, a.unit);
            if (on < 0) {
                fprintf(stderr, "zhixiao settings: cannot read the settings\n");
                goto cleanup;
            }
            printf("%-16s ranking %s\n", a.unit, on ? "on" : "off");
            rc = 0;
        } else {
            rc = zx_store_query(st, "SELECT unit_id, name FROM units ORDER BY unit_id",
                                print_ranking_row, st, &err);
        }
        if (rc) {
            fprintf(stderr, "zhixiao settings: %s\n", err.msg);
            goto cleanup;
        }
        ret = 0;
    } else {
        goto usage;
    }
cleanup:
    zx_store_close(st);
    return ret;
usage:
    settings_usage(stderr);
    zx_store_close(st);
    return 2;
}

/* Read V in the printed unit of row into the plain value. */
static int target_value(const struct zx_catalog_row *row, const char *s, double *out)
{
    char *end;
    const char *p = s;
    if (row->display == ZX_DISP_CASE_RATIO && !strncmp(p, "1:", 2))
        p += 2;
    double v = strtod(p, &end);
    if (end == p || !isfinite(v) || v < 0)
        return -1;
    if (row->display == ZX_DISP_CASE_RATIO) {
        if (*end)
            return -1;
        *out = v >= 10 ? v / 100.0 : v; /* 130 is the ×100 form of 1:1.30 */
        return 0;
    }
    if (*end == '%')
        end++;
    if (*end || v > 100)
        return -1;
    *out = v / 100.0;
    return 0;
}

static void print_target(const struct zx_catalog *cat, const struct zx_target *t)
{
    char d[16] = "—", v[40];
    int r = zx_catalog_find(cat, t->indicator);
    const struct zx_catalog_row *row = r >= 0 ? zx_catalog_row(cat, r) : NULL;
    if (t->effective_from != ZX_SETTINGS_ALWAYS)
        zx_date_format(t->effective_from, d);
    if (row && row->display == ZX_DISP_CASE_RATIO)
        snprintf(v, sizeof v, "1:%.2f", t->value);
    else
        snprintf(v, sizeof v, "%.2f%%", t->value * 100.0);
    printf("%-12s %-44s %-10s %10s  %s\n", t->unit_id, t->indicator, d, v,
           row ? row->name_zh : "(not in catalog)");
}

int cmd_target(int argc, char **argv)
{
    struct args a;
    int help, ret = 2;
    struct zx_store *st = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_target *list = NULL;
    struct zx_err err = {0};
    if (parse("target", argc, argv, &a, &help) || (!help && a.npos != 1))
        goto usage;
    if (help) {
        target_usage(stdout);
        return 0;
    }
    int32_t from = ZX_SETTINGS_ALWAYS;
    if (a.from && zx_date_parse(a.from, strlen(a.from), &from) != 0) {
        fprintf(stderr, "zhixiao target: --from: '%s' is not a date (YYYY-MM-DD)\n", a.from);
        goto cleanup;
    }
    if (a.catalog ? zx_catalog_load_file(a.catalog, &cat, &err)
                  : zx_catalog_load_default(&cat, NULL, &err)) {
        fprintf(stderr, "zhixiao target: %s\n", err.msg);
        goto cleanup;
    }
    const char *verb = a.pos[0];
    if (!strcmp(verb, "set")) {
        if (!a.unit || !a.indicator || !a.value) {
            fprintf(stderr, "zhixiao target: set needs --unit, --indicator and --value\n");
            goto usage;
        }
        int r = zx_catalog_find(cat, a.indicator);
        if (r < 0) {
            fprintf(stderr, "zhixiao target: no indicator '%s' in catalog %s\n", a.indicator,
                    zx_catalog_source(cat));
            goto cleanup;
        }
        const struct zx_catalog_row *row = zx_catalog_row(cat, r);
        if (row->structure) {
            fprintf(stderr,
                    "zhixiao target: %s is a category of a structure ratio, which is read as a "
                    "whole and takes no target\n",
                    a.indicator);
            goto cleanup;
        }
        struct zx_target t = {.effective_from = from};
        if (target_value(row, a.value, &t.value)) {
            fprintf(stderr,
                    row->display == ZX_DISP_CASE_RATIO
                        ? "zhixiao target: --value '%s' is not a ratio (1.30, 1:1.30 or 130)\n"
                        : "zhixiao target: --value '%s' is not a percentage from 0 to 100\n",
                    a.value);
            goto cleanup;
        }
        snprintf(t.unit_id, sizeof t.unit_id, "%s", a.unit);
        snprintf(t.indicator, sizeof t.indicator, "%s", a.indicator);
        if (open_db("target", a.db, &st))
            goto cleanup;
        if (zx_settings_target_set(st, &t, &err)) {
            fprintf(stderr, "zhixiao target: %s\n", err.msg);
            goto cleanup;
        }
        print_target(cat, &t);
        ret = 0;
    } else if (!strcmp(verb, "list")) {
        size_t n;
        if (open_db("target", a.db, &st))
            goto cleanup;
        if (zx_settings_target_list(st, a.unit, &list, &n, &err)) {
            fprintf(stderr, "zhixiao target: %s\n", err.msg);
            goto cleanup;
        }
        for (size_t i = 0; i < n; i++)
            print_target(cat, &list[i]);
        ret = 0;
    } else if (!strcmp(verb, "clear")) {
        int removed = 0;
        if (!a.unit) {
            fprintf(stderr, "zhixiao target: clear needs --unit\n");
            goto usage;
        }
        if (open_db("target", a.db, &st))
            goto cleanup;
        if (zx_settings_target_clear(st, a.unit, a.indicator, from, a.from == NULL, &removed,
                                     &err)) {
            fprintf(stderr, "zhixiao target: %s\n", err.msg);
            goto cleanup;
        }
        printf("%d target%s removed\n", removed, removed == 1 ? "" : "s");
        ret = 0;
    } else {
        goto usage;
    }
cleanup:
    free(list);
    zx_catalog_free(cat);
    zx_store_close(st);
    return ret;
usage:
    target_usage(stderr);
    free(list);
    zx_catalog_free(cat);
    zx_store_close(st);
    return 2;
}
