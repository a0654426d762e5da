/* zxbench_monitor.c — the zhixiao side of bench/monitor: load the indicator engine's columns
 * (from the snapshot beside the database when current), run the process monitor over every
 * case as of a date, and print per stage and status the count and the sums that
 * bench/monitor/monitor.sql prints (started_on, deadline, closed_on, case rid, person rid).
 *
 *   zxbench_monitor --db FILE --as-of DATE [--repeat N] [--out CSV]
 *
 * Prints one line: load_s (open + load), run_s (first run), warm_s (fastest of N more runs),
 * items. Never part of the tests. */
#include "metrics/metrics.h"
#include "monitor/monitor.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *as_of_s = NULL, *out = NULL;
    int repeat = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--db"))
            db = argv[i + 1];
        else if (!strcmp(argv[i], "--as-of"))
            as_of_s = argv[i + 1];
        else if (!strcmp(argv[i], "--repeat"))
            repeat = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--out"))
            out = argv[i + 1];
    }
    int32_t as_of;
    if (!db || !as_of_s || zx_date_parse(as_of_s, strlen(as_of_s), &as_of)) {
        fprintf(stderr, "usage: zxbench_monitor --db FILE --as-of DATE [--repeat N] [--out CSV]\n");
        return 2;
    }
    struct zx_err err = {0};
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_monitor_rules *rules = NULL;
    struct zx_monitor_item *items = NULL;
    size_t n = 0;
    double t0 = now();
    if (zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err) ||
        zx_monitor_rules_load_default(&rules, NULL, &err)) {
        fprintf(stderr, "zxbench_monitor: %s\n", err.msg);
        return 2;
    }
    double t1 = now();
    struct zx_metrics_columns cols;
    zx_metrics_columns(m, &cols);
    /* the defaults of the rules for every unit (the SQL has no unit settings) */
    struct zx_monitor_query q = {.as_of = as_of, .unit = -1};
    if (zx_monitor_run(&cols, rules, &q, &items, &n, &err)) {
        fprintf(stderr, "zxbench_monitor: %s\n", err.msg);
        return 2;
    }
    double t2 = now(), warm = -1;
    for (int k = 0; k < repeat; k++) {
        struct zx_monitor_item *again = NULL;
        size_t n2 = 0;
        double a = now();
        if (zx_monitor_run(&cols, rules, &q, &again, &n2, &err) || n2 != n) {
            fprintf(stderr, "zxbench_monitor: repeat failed\n");
            return 2;
        }
        double b = now() - a;
        if (warm < 0 || b < warm)
            warm = b;
        free(again);
    }
    if (out) {
        /* sums per stage × status, in the SQL's order (stage, status as text) */
        static const char *const order[] = {"late", "ok", "open", "red", "yellow"};
        int64_t sums[ZX_MON_NSTAGES][ZX_MON_NSTATUS][6];
        memset(sums, 0, sizeof sums);
        for (size_t i = 0; i < n; i++) {
            const struct zx_monitor_item *it = &items[i];
            int64_t *s = sums[it->stage][it->status];
            s[0]++;
            s[1] += it->started_on;
            s[2] += it->deadline;
            s[3] += it->closed_on == ZX_DATE_NULL ? 0 : it->closed_on;
            s[4] += cols.c_rid[it->c];
            s[5] += it->p < 0 ? 0 : cols.p_rid[it->p];
        }
        FILE *f = fopen(out, "w");
        if (!f)
            return 2;
        fprintf(f, "stage,status,n,s_started,s_deadline,s_closed,s_case,s_person\n");
        for (int s = 0; s < ZX_MON_NSTAGES; s++)
            for (int k = 0; k < 5; k++) {
                int x = zx_monitor_status_find(order[k]);
                if (!sums[s][x][0])
                    continue;
                fprintf(f, "%s,%s", zx_monitor_stage_code(s), order[k]);
                for (int j = 0; j < 6; j++)
                    fprintf(f, ",%lld", (long long)sums[s][x][j]);
                fputc('\n', f);
            }
        fclose(f);
    }
    printf("load_s=%.3f run_s=%.3f warm_s=%.3f items=%zu events=%lld cases=%lld\n", t1 - t0,
           t2 - t1, warm < 0 ? t2 - t1 : warm, n, (long long)zx_metrics_events(m),
           (long long)zx_metrics_cases(m));
    free(items);
    zx_monitor_rules_free(rules);
    zx_metrics_free(m);
    zx_store_close(st);
    return 0;
}
