/* cmd_monitor.c — `zhixiao monitor --db FILE --as-of DATE [--unit ID] [--format json|table]`
 * (流程监控, shared/spec/process-monitoring.md) and `zhixiao monitor period …` (the per-unit
 * reply periods of 检察建议 and 纠正违法通知书). */
#include "cli/cli.h"
#include "metrics/metrics.h"
#include "monitor/monitor.h"
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
            "usage: zhixiao monitor --db FILE --as-of DATE [--unit ID] [--status S[,S…]]\n"
            "                       [--format json|table]\n"
            "       zhixiao monitor period set --db FILE --unit ID --stage STAGE --value P\n"
            "       zhixiao monitor period clear --db FILE --unit ID --stage STAGE\n"
            "       zhixiao monitor period show --db FILE\n"
            "\n"
            "流程监控: the statutory deadline (法定期限) of each monitored stage of every\n"
            "person and case (--unit: that unit and the units below it), open or closed, as\n"
            "of DATE (later events are ignored), with its status: ok (按期), late (超期办结),\n"
            "open (在办), yellow (临期), red (超期). JSON (the default) is one array sorted by\n"
            "case_id, person_id (null first), stage, started_on; --format table prints the\n"
            "same items one a line. --status keeps only items of those statuses. 职务犯罪 cases\n"
            "are not monitored (version 1).\n"
            "\n"
            "period: a unit's own reply period for STAGE suggestion_reply (检察建议, default\n"
            "2 months) or correction_reply (纠正违法通知书, default 15 days); P is Nd (days) or\n"
            "Nm (months). Units below inherit it.\n"
            "\n"
            "exit status: 0 done, 2 usage or error\n");
}

static int period_cmd(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *stage = NULL, *value = NULL;
    struct zx_store *st = NULL;
    struct zx_unit_value *v = NULL;
    struct zx_err err = {0};
    int ret = 2;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *verb = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--db") && has)
            db = argv[++i];
        else if (!strcmp(a, "--unit") && has)
            unit = argv[++i];
        else if (!strcmp(a, "--stage") && has)
            stage = argv[++i];
        else if (!strcmp(a, "--value") && has)
            value = argv[++i];
        else {
            fprintf(stderr, "zhixiao monitor period: unexpected argument '%s'\n", a);
            return 2;
        }
    }
    int set = !strcmp(verb, "set"), clear = !strcmp(verb, "clear"), show = !strcmp(verb, "show");
    if ((!set && !clear && !show) || !db || ((set || clear) && (!unit || !stage)) ||
        (set && !value)) {
        usage(stderr);
        return 2;
    }
    char key[64] = "";
    if (!show) {
        int s = zx_monitor_stage_find(stage);
        if (s != ZX_MON_SUGGESTION_REPLY && s != ZX_MON_CORRECTION_REPLY) {
            fprintf(stderr, "zhixiao monitor period: --stage must be suggestion_reply or "
                            "correction_reply\n");
            return 2;
        }
        snprintf(key, sizeof key, "monitor.%s", stage);
    }
    struct zx_monitor_period p;
    if (set && zx_monitor_period_parse(value, &p)) {
        fprintf(stderr, "zhixiao monitor period: '%s' is not a period (15d, 2m)\n", value);
        return 2;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "zhixiao monitor period: cannot read database '%s'\n", db);
        return 2;
    }
    if (zx_store_open(db, &st, &err))
        goto fail;
    if (show) {
        size_t n = 0;
        if (zx_settings_value_list(st, "monitor.", &v, &n, &err))
            goto fail;
        for (size_t i = 0; i < n; i++)
            printf("%s\t%s\t%s\n", v[i].unit_id, v[i].key + strlen("monitor."), v[i].value);
    } else {
        char norm[32];
        if (set)
            snprintf(norm, sizeof norm, "%d%s", (int)p.n, p.months ? "m" : "d");
        if (zx_settings_value_set(st, unit, key, set ? norm : NULL, &err))
            goto fail;
    }
    ret = 0;
    goto cleanup;
fail:
    fprintf(stderr, "zhixiao monitor period: %s\n", err.msg);
cleanup:
    free(v);
    zx_store_close(st);
    return ret;
}

int cmd_monitor(int argc, char **argv)
{
    const char *db = NULL, *unit = NULL, *as_of_s = NULL, *status_s = NULL;
    int table = 0, ret = 2;
    unsigned keep = 0; /* bit per status; 0 = all */
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_period *sugg = NULL, *corr = NULL;
    struct zx_monitor_item *items = NULL;
    struct zx_monitor_ids *ids = NULL;
    size_t n = 0;
    struct zx_err err = {0};
    if (argc > 1 && !strcmp(argv[1], "period"))
        return period_cmd(argc - 1, argv + 1);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--db") && has) {
            db = argv[++i];
        } else if (!strcmp(a, "--as-of") && has) {
            as_of_s = argv[++i];
        } else if (!strcmp(a, "--unit") && has) {
            unit = argv[++i];
        } else if (!strcmp(a, "--status") && has) {
            status_s = argv[++i];
        } else if (!strcmp(a, "--format") && has) {
            const char *v = argv[++i];
            if (!strcmp(v, "json"))
                table = 0;
            else if (!strcmp(v, "table"))
                table = 1;
            else {
                fprintf(stderr, "zhixiao monitor: --format must be json or table\n");
                return 2;
            }
        } else {
            fprintf(stderr, "zhixiao monitor: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!db || !as_of_s) {
        fprintf(stderr, "zhixiao monitor: --db and --as-of are required\n");
        usage(stderr);
        return 2;
    }
    int32_t as_of;
    if (zx_date_parse(as_of_s, strlen(as_of_s), &as_of) != 0) {
        fprintf(stderr, "zhixiao monitor: --as-of: '%s' is not a date (YYYY-MM-DD)\n", as_of_s);
        return 2;
    }
    if (status_s) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", status_s);
        char *save = NULL;
        for (char *w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            int s = zx_monitor_status_find(w);
            if (s < 0) {
                fprintf(stderr,
                        "zhixiao monitor: --status: '%s' is not ok, late, open, yellow "
                        "or red\n",
                        w);
                return 2;
            }
            keep |= 1u << s;
        }
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "zhixiao monitor: cannot read database '%s'\n", db);
        return 2;
    }
    if (zx_monitor_rules_load_default(&rules, NULL, &err) || zx_store_open(db, &st, &err) ||
        zx_metrics_load(st, &m, &err))
        goto fail;
    int32_t u = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        fprintf(stderr, "zhixiao monitor: no unit '%s' in %s\n", unit, db);
        goto cleanup;
    }
    struct zx_metrics_columns cols;
    zx_metrics_columns(m, &cols);
    if (zx_monitor_unit_periods(st, m, rules, &sugg, &corr, &err))
        goto fail;
    struct zx_monitor_query q = {.as_of = as_of, .unit = u, .suggestion = sugg, .correction = corr};
    if (zx_monitor_run(&cols, rules, &q, &items, &n, &err))
        goto fail;
    if (keep) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (keep & (1u << items[i].status))
                items[k++] = items[i];
        n = k;
    }
    if (zx_monitor_ids_load(st, &cols, &ids, &err) || zx_monitor_sort(items, n, ids, &err))
        goto fail;
    struct zx_monitor_fmt fmt = {.rules = rules, .ids = ids};
    if (table) {
        printf("%-14s %-14s %-28s %-4s %-10s %-10s %-10s %6s %-6s %s\n", "case_id", "person_id",
               "stage", "rule", "started_on", "deadline", "closed_on", "days", "status", "article");
        for (size_t i = 0; i < n; i++)
            zx_monitor_write_table(stdout, &fmt, &items[i]);
    } else {
        fputs("[", stdout);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",\n " : "\n ", stdout);
            zx_monitor_write_json(stdout, &fmt, &items[i]);
        }
        fputs(n ? "\n]\n" : "]\n", stdout);
    }
    ret = fflush(stdout) == 0 ? 0 : 2;
    goto cleanup;
fail:
    fprintf(stderr, "zhixiao monitor: %s\n", err.msg);
cleanup:
    zx_monitor_ids_free(ids);
    free(items);
    free(sugg);
    free(corr);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_monitor_rules_free(rules);
    return ret;
}
