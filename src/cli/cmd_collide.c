/* cmd_collide.c — `zhixiao dedupe` and `zhixiao link`: record linkage (数据碰撞),
 * shared/spec/linkage.md. */
#include "cli/cli.h"
#include "collide/collide.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_dedupe[] =
    "usage: zhixiao dedupe FILE.csv --id COL --field COL:KIND ... --out CLUSTERS.csv\n"
    "                      [--threshold P] [--threads N] [--baseline]\n";
static const char usage_link[] =
    "usage: zhixiao link LEFT.csv RIGHT.csv --id COL --field COL:KIND ... --out PAIRS.csv\n"
    "                    [--threshold P] [--threads N] [--baseline]\n";
static const char usage_common[] =
    "\n"
    "Finds the records of one person (数据碰撞). KIND is one of id_number, name, given_name,\n"
    "surname, birth_date, postcode, phone, address, text, exact. Match probabilities come from\n"
    "a Fellegi–Sunter model estimated on the input itself (EM, no labels).\n"
    "\n"
    "  --id COL          column of unique record ids\n"
    "  --field COL:KIND  a column to compare and how (repeatable, at most 16)\n"
    "  --out FILE        dedupe: id,cluster; link: left_id,right_id,probability\n"
    "  --threshold P     pairs with probability ≥ P match (default 0.5)\n"
    "  --threads N       worker threads (default 2); the output does not depend on it\n"
    "  --baseline        plain Fellegi–Sunter (exact/Jaro–Winkler levels, no term\n"
    "                    frequencies) on the same blocking, for comparison\n";

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

static int collide_main(int argc, char **argv, int link)
{
    const char *cmd = link ? "link" : "dedupe";
    const char *usage = link ? usage_link : usage_dedupe;
    struct zx_collide_opts o;
    struct zx_collide_stats st;
    struct zx_err err;
    const char *files[2] = {NULL, NULL}, *out = NULL, *v;
    int nfiles = 0;
    char *colbuf[ZX_COLLIDE_MAX_FIELDS] = {0};
    int rc = 2;

    zx_collide_opts_init(&o);
    zx_err_clear(&err);
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            fputs(usage_common, stdout);
            rc = 0;
            goto cleanup;
        }
        if (!strcmp(a, "--baseline")) {
            o.baseline = 1;
        } else if ((v = opt_value(argc, argv, &i, "--id", &missing))) {
            o.id_column = v;
        } else if ((v = opt_value(argc, argv, &i, "--out", &missing))) {
            out = v;
        } else if ((v = opt_value(argc, argv, &i, "--threshold", &missing))) {
            char *end;
            errno = 0;
            double t = strtod(v, &end);
            if (errno || end == v || *end || !(t >= 0 && t <= 1)) {
                fprintf(stderr, "zhixiao %s: threshold '%s' is not a number in [0, 1]\n", cmd, v);
                goto cleanup;
            }
            o.threshold = t;
        } else if ((v = opt_value(argc, argv, &i, "--threads", &missing))) {
            char *end;
            long t = strtol(v, &end, 10);
            if (end == v || *end || t < 1 || t > 16) {
                fprintf(stderr, "zhixiao %s: threads '%s' is not a number from 1 to 16\n", cmd, v);
                goto cleanup;
            }
            o.threads = (int)t;
        } else if ((v = opt_value(argc, argv, &i, "--field", &missing))) {
            const char *colon = strrchr(v, ':');
            if (!colon || colon == v) {
                fprintf(stderr, "zhixiao %s: --field '%s' is not COL:KIND\n", cmd, v);
                goto cleanup;
            }
            if (o.nfields >= ZX_COLLIDE_MAX_FIELDS) {
                fprintf(stderr, "zhixiao %s: at most %d --field options\n", cmd,
                        ZX_COLLIDE_MAX_FIELDS);
                goto cleanup;
            }
            enum zx_collide_kind k;
            if (zx_collide_kind_parse(colon + 1, &k)) {
                fprintf(stderr,
                        "zhixiao %s: unknown KIND '%s' in --field '%s' (id_number, name, "
                        "given_name, surname, birth_date, postcode, phone, address, text, "
                        "exact)\n",
                        cmd, colon + 1, v);
                goto cleanup;
            }
            char *col = strndup(v, (size_t)(colon - v));
            if (!col) {
                fprintf(stderr, "zhixiao %s: out of memory\n", cmd);
                goto cleanup;
            }
            colbuf[o.nfields] = col;
            o.fields[o.nfields].column = col;
            o.fields[o.nfields++].kind = k;
        } else if (!missing && a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "zhixiao %s: unknown option '%s'\n", cmd, a);
            fputs(usage, stderr);
            goto cleanup;
        } else if (!missing) {
            if (nfiles >= (link ? 2 : 1)) {
                fprintf(stderr, "zhixiao %s: unexpected argument '%s'\n", cmd, a);
                fputs(usage, stderr);
                goto cleanup;
            }
            files[nfiles++] = a;
        }
        if (missing) {
            fprintf(stderr, "zhixiao %s: %s needs a value\n", cmd, a);
            goto cleanup;
        }
    }
    if (nfiles != (link ? 2 : 1) || !o.id_column || !out || o.nfields == 0) {
        fprintf(stderr, "zhixiao %s: %s, --id, --field and --out are required\n", cmd,
                link ? "LEFT.csv RIGHT.csv" : "FILE.csv");
        fputs(usage, stderr);
        goto cleanup;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int r = link ? zx_collide_link(files[0], files[1], out, &o, &st, &err)
                 : zx_collide_dedupe(files[0], out, &o, &st, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r) {
        fprintf(stderr, "zhixiao %s: %s\n", cmd, err.msg);
        goto cleanup;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (link)
        fprintf(stderr,
                "zhixiao link: %lld × %lld records, %lld candidate pairs (%d blocking rules), "
                "%lld matches, prior %.3g, %.2f s\n",
                st.records[0], st.records[1], st.candidates, st.rules, st.matches, st.prior, secs);
    else
        fprintf(stderr,
                "zhixiao dedupe: %lld records, %lld candidate pairs (%d blocking rules), %lld "
                "matches, %lld clusters, prior %.3g, %.2f s\n",
                st.records[0], st.candidates, st.rules, st.matches, st.clusters, st.prior, secs);
    rc = 0;
cleanup:
    for (int i = 0; i < ZX_COLLIDE_MAX_FIELDS; i++)
        free(colbuf[i]);
    return rc;
}

int cmd_dedupe(int argc, char **argv)
{
    return collide_main(argc, argv, 0);
}

int cmd_link(int argc, char **argv)
{
    return collide_main(argc, argv, 1);
}
