/* cmd_generate.c — `zhixiao generate`: write a synthetic province as a case-data bundle. */
#include "cli/cli.h"
#include "gen/gen.h"
#include "util/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    "usage: zhixiao generate --out DIR [--seed N] [--scale tiny|demo|large|N]\n"
    "                        [--bad-rows N] [--from DATE] [--to DATE] [--force]\n"
    "                        [--convicts N] [--violations PERMILLE]\n"
    "\n"
    "Writes a deterministic synthetic province (澜江省: units, staff, cases, persons, events,\n"
    "institutions, convicts, sentence changes) as a case-data bundle in DIR. The same seed and\n"
    "scale give byte-identical files.\n"
    "\n"
    "  --out DIR       the bundle folder; written beside it and renamed into place at the end\n"
    "  --seed N        PRNG seed (default 1)\n"
    "  --scale S       tiny (300 cases), demo (30,000, the default), large (1,600,000 cases,\n"
    "                  over 10 million events) or a number of cases\n"
    "  --bad-rows N    plant N bad rows of every kind across the files, listed with their\n"
    "                  line numbers in DIR/expected-issues.csv (file,line,outcome,kind)\n"
    "  --from DATE     first acceptance date (default 2019-01-01)\n"
    "  --to DATE       last day of the period (default 2025-12-31): later acts have not\n"
    "                  happened yet, so cases still running stay open\n"
    "  --force         replace an existing bundle in DIR\n"
    "  --convicts N    convicts sentenced over the 30 years before --to, with their whole\n"
    "                  减刑/假释/暂予监外执行 histories (倒查; default: cases / 25 + 20 since "
    "2000);\n"
    "                  e.g. --scale tiny --convicts 1000000 for the review benchmark\n"
    "  --violations P  plant one rule violation in P per mille of the histories (all nine\n"
    "                  categories of review-sentences, in turn), listed in\n"
    "                  DIR/expected-findings.csv (change_id,convict_id,category); default 0:\n"
    "                  every history is clean\n";

/* Value of option `name` at argv[*i], as `--name V` or `--name=V`; NULL when argv[*i] is
 * another option. Sets *missing when the value is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

static int parse_count(const char *s, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > max || s[0] < '0' || s[0] > '9')
        return -1;
    *out = v;
    return 0;
}

static void print_count(const char *label, long long v, int last)
{
    printf("%lld %s%s", v, label, last ? "" : ", ");
}

int cmd_generate(int argc, char **argv)
{
    struct zx_gen_opts o;
    struct zx_gen_stats st;
    struct zx_err err;
    const char *out = NULL, *v;
    const char *scale = "demo";
    long long n;

    zx_gen_opts_init(&o);
    zx_err_clear(&err);
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!strcmp(a, "--force")) {
            o.force = 1;
        } else if ((v = opt_value(argc, argv, &i, "--out", &missing))) {
            out = v;
        } else if ((v = opt_value(argc, argv, &i, "--seed", &missing))) {
            char *end;
            errno = 0;
            unsigned long long s = strtoull(v, &end, 10);
            if (errno || end == v || *end || v[0] < '0' || v[0] > '9') {
                fprintf(stderr, "zhixiao generate: seed '%s' is not a number\n", v);
                return 2;
            }
            o.seed = s;
        } else if ((v = opt_value(argc, argv, &i, "--scale", &missing))) {
            if (zx_gen_parse_scale(v, &o.cases, &err)) {
                fprintf(stderr, "zhixiao generate: %s\n", err.msg);
                return 2;
            }
            scale = v;
        } else if ((v = opt_value(argc, argv, &i, "--bad-rows", &missing))) {
            if (parse_count(v, ZX_GEN_MAX_CASES, &n)) {
                fprintf(stderr, "zhixiao generate: bad rows '%s' is not a count\n", v);
                return 2;
            }
            o.bad_rows = n;
        } else if ((v = opt_value(argc, argv, &i, "--convicts", &missing))) {
            if (parse_count(v, ZX_GEN_MAX_CONVICTS, &n)) {
                fprintf(stderr, "zhixiao generate: convicts '%s' is not a count\n", v);
                return 2;
            }
            o.convicts = n;
        } else if ((v = opt_value(argc, argv, &i, "--violations", &missing))) {
            if (parse_count(v, 1000, &n)) {
                fprintf(stderr, "zhixiao generate: violations '%s' is not a permille (0..1000)\n",
                        v);
                return 2;
            }
            o.violations = (int)n;
        } else if ((v = opt_value(argc, argv, &i, "--from", &missing)) ||
                   (v = opt_value(argc, argv, &i, "--to", &missing))) {
            int32_t d;
            if (zx_date_parse(v, strlen(v), &d)) {
                fprintf(stderr, "zhixiao generate: '%s' is not a date (YYYY-MM-DD)\n", v);
                return 2;
            }
            if (!strncmp(a, "--from", 6))
                o.from = d;
            else
                o.to = d;
        } else {
            if (missing)
                fprintf(stderr, "zhixiao generate: %s needs a value\n", a);
            else
                fprintf(stderr, "zhixiao generate: unknown option '%s'\n", a);
            fputs(usage_text, stderr);
            return 2;
        }
        if (missing) {
            fprintf(stderr, "zhixiao generate: %s needs a value\n", a);
            return 2;
        }
    }
    if (!out) {
        fprintf(stderr, "zhixiao generate: --out DIR is required\n");
        fputs(usage_text, stderr);
        return 2;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = zx_gen_bundle(out, &o, &st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) {
        fprintf(stderr, "zhixiao generate: %s\n", err.msg);
        return 2;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("wrote %s (seed %llu, scale %s): ", out, (unsigned long long)o.seed, scale);
    print_count("units", st.rows[ZX_GEN_UNITS], 0);
    print_count("staff", st.rows[ZX_GEN_STAFF], 0);
    print_count("cases", st.rows[ZX_GEN_CASES], 0);
    print_count("persons", st.rows[ZX_GEN_PERSONS], 0);
    print_count("events", st.rows[ZX_GEN_EVENTS], 0);
    print_count("institutions", st.rows[ZX_GEN_INSTITUTIONS], 0);
    print_count("convicts", st.rows[ZX_GEN_CONVICTS], 0);
    print_count("sentence changes", st.rows[ZX_GEN_CHANGES], 1);
    if (st.rejected || st.warnings)
        printf("; planted %lld rows to reject and %lld to keep with a warning, listed in "
               "expected-issues.csv",
               st.rejected, st.warnings);
    if (st.violations)
        printf("; planted %lld 减假暂 violations, listed in expected-findings.csv", st.violations);
    printf("; %.1f MB in %.2f s.\n", (double)st.bytes / 1e6, secs);
    return 0;
}
