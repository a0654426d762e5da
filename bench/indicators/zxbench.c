/* zxbench.c — the zhixiao side of bench/indicators (never part of the tests).
 *
 *   zxbench vocab DIR
 *       write DIR/vocab.csv (vocab,value,key: code or label) and DIR/answers.csv (type,answers):
 * the code vocabularies the SQL engines use to load the CSV bundle the way the importer does
 *   zxbench run --db FILE --work a|b [--unit ID] [--from D --to D] [--indicator ID]
 *               [--repeat N] [--out FILE] [--catalog FILE]
 *       (a) the whole catalog for every unit (each with its subtree) × every month of the
 *       year of --from (default 2024); (b) one indicator for one unit subtree and [from, to].
 *       Times the load from the store (through the columnar snapshot when one is valid), the
 *       first evaluation and N warm evaluations in the same process, and writes the figures
 *       as CSV (indicator,unit_id,period,numerator,denominator) to --out.
 *
 * Built by `make bench-indicators` against build/libzx.a. */
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "model/vocab.h"
#include "store/store.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmd_vocab(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/vocab.csv", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return perror(path), 2;
    /* one row per accepted spelling: the English code and the Chinese label */
    fprintf(f, "vocab,value,key\n");
    for (int v = 0; v < ZX_V_COUNT_; v++)
        for (int i = 1; i <= zx_vocab_count((enum zx_vocab)v); i++) {
            fprintf(f, "%s,%d,%s\n", zx_vocab_name((enum zx_vocab)v), i,
                    zx_vocab_code((enum zx_vocab)v, i));
            fprintf(f, "%s,%d,%s\n", zx_vocab_name((enum zx_vocab)v), i,
                    zx_vocab_label((enum zx_vocab)v, i));
        }
    fclose(f);
    snprintf(path, sizeof path, "%s/answers.csv", dir);
    f = fopen(path, "w");
    if (!f)
        return perror(path), 2;
    fprintf(f, "type,answers\n");
    for (int t = 1; t <= zx_vocab_count(ZX_V_EVENT_TYPE); t++) {
        const struct zx_event_type_info *ti = zx_event_type_info(t);
        for (int a = 1; ti && a < 64; a++)
            if (ti->answers >> a & 1)
                fprintf(f, "%d,%d\n", t, a);
    }
    fclose(f);
    return 0;
}

static int parse_date(const char *s, int32_t *out)
{
    if (zx_date_parse(s, strlen(s), out)) {
        fprintf(stderr, "zxbench: bad date '%s'\n", s);
        return -1;
    }
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    const char *db = NULL, *work = "a", *unit = NULL, *ind = NULL, *outp = NULL, *catp = NULL;
    const char *from_s = "2024-01-01", *to_s = "2024-12-31";
    int repeat = 10;
    for (int i = 2; i < argc; i++) {
        int has = i + 1 < argc;
        if (!strcmp(argv[i], "--db") && has)
            db = argv[++i];
        else if (!strcmp(argv[i], "--work") && has)
            work = argv[++i];
        else if (!strcmp(argv[i], "--unit") && has)
            unit = argv[++i];
        else if (!strcmp(argv[i], "--indicator") && has)
            ind = argv[++i];
        else if (!strcmp(argv[i], "--from") && has)
            from_s = argv[++i];
        else if (!strcmp(argv[i], "--to") && has)
            to_s = argv[++i];
        else if (!strcmp(argv[i], "--repeat") && has)
            repeat = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--out") && has)
            outp = argv[++i];
        else if (!strcmp(argv[i], "--catalog") && has)
            catp = argv[++i];
        else {
            fprintf(stderr, "zxbench: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!db || (strcmp(work, "a") && strcmp(work, "b")) || repeat < 0 || repeat > 100000) {
        fprintf(stderr, "zxbench run: --db FILE --work a|b needed\n");
        return 2;
    }
    int32_t from, to;
    if (parse_date(from_s, &from) || parse_date(to_s, &to))
        return 2;
    struct zx_err err = {0};
    struct zx_store *st = NULL;
    struct zx_metrics *m = NULL;
    struct zx_catalog *cat = NULL;
    struct zx_metrics_result *r = NULL;
    int ret = 2, rows[64], nrows = 0;
    int32_t pf[12], pt[12];
    int np = 0;
    double *warm = calloc((size_t)repeat + 1, sizeof *warm);
    double t0 = now_ms();
    if (!warm ||
        (catp ? zx_catalog_load_file(catp, &cat, &err)
              : zx_catalog_load_default(&cat, NULL, &err)) ||
        zx_store_open(db, &st, &err) || zx_metrics_load(st, &m, &err)) {
        fprintf(stderr, "zxbench: %s\n", err.msg);
        goto cleanup;
    }
    double t_load = now_ms() - t0;
    int32_t u = -1;
    if (unit && (u = zx_metrics_unit_find(m, unit)) < 0) {
        fprintf(stderr, "zxbench: no unit '%s'\n", unit);
        goto cleanup;
    }
    if (!strcmp(work, "a")) {
        int y, mo, d;
        zx_date_to_ymd(from, &y, &mo, &d);
        for (int k = 1; k <= 12; k++) {
            pf[np] = zx_date_from_ymd(y, k, 1);
            pt[np] = k < 12 ? zx_date_from_ymd(y, k + 1, 1) - 1 : zx_date_from_ymd(y, 12, 31);
            np++;
        }
    } else {
        pf[0] = from;
        pt[0] = to;
        np = 1;
        nrows = zx_catalog_select(cat, ind ? ind : "pretrial_detention_rate", rows, 64);
        if (!nrows) {
            fprintf(stderr, "zxbench: no indicator '%s'\n", ind);
            goto cleanup;
        }
    }
    struct zx_metrics_query q = {.cat = cat,
                                 .unit = u,
                                 .from = pf,
                                 .to = pt,
                                 .nperiods = np,
                                 .rows = nrows ? rows : NULL,
                                 .nrows = nrows,
                                 .collect_staff = -1};
    double t1 = now_ms();
    if (zx_metrics_eval(m, &q, &r, &err)) {
        fprintf(stderr, "zxbench: %s\n", err.msg);
        goto cleanup;
    }
    double t_first = now_ms() - t1;
    double t_total = now_ms() - t0;
    for (int i = 0; i < repeat; i++) {
        struct zx_metrics_result *r2 = NULL;
        double a = now_ms();
        if (zx_metrics_eval(m, &q, &r2, &err)) {
            fprintf(stderr, "zxbench: %s\n", err.msg);
            goto cleanup;
        }
        warm[i] = now_ms() - a;
        zx_metrics_result_free(r2);
    }
    if (outp) {
        FILE *f = fopen(outp, "w");
        if (!f) {
            perror(outp);
            goto cleanup;
        }
        fprintf(f, "indicator,unit_id,period,numerator,denominator\n");
        int32_t us = u < 0 ? 0 : u;
        int32_t ue = !strcmp(work, "a") ? us + zx_metrics_unit_size(m, us) : us + 1;
        int nr = nrows ? nrows : zx_catalog_rows(cat);
        for (int i = 0; i < nr; i++) {
            int row = nrows ? rows[i] : i;
            const struct zx_catalog_row *cr = zx_catalog_row(cat, row);
            for (int32_t x = us; x < ue; x++)
                for (int p = 0; p < np; p++) {
                    int64_t num, den;
                    if (zx_metrics_get(r, row, p, x, &num, &den))
                        continue;
                    fprintf(f, "%s,%s,%d,%lld,%lld\n", cr->id, zx_metrics_unit_id(m, x), p + 1,
                            (long long)num, (long long)den);
                }
        }
        fclose(f);
    }
    qsort(warm, (size_t)repeat, sizeof *warm, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("zhixiao work=%s events=%lld load_ms=%.1f first_ms=%.1f cold_total_ms=%.1f "
           "warm_min_ms=%.2f warm_median_ms=%.2f peak_kib=%ld\n",
           work, (long long)zx_metrics_events(m), t_load, t_first, t_total, repeat ? warm[0] : 0.0,
           repeat ? warm[repeat / 2] : 0.0, ru.ru_maxrss);
    ret = 0;
cleanup:
    zx_metrics_result_free(r);
    zx_metrics_free(m);
    zx_store_close(st);
    zx_catalog_free(cat);
    free(warm);
    return ret;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "vocab"))
        return cmd_vocab(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "run"))
        return cmd_run(argc, argv);
    fprintf(stderr, "usage: zxbench vocab DIR | zxbench run --db FILE --work a|b [...]\n");
    return 2;
}
