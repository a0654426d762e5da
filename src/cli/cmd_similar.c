/* cmd_similar.c — `zhixiao similar`: 类案检索 and 量刑参考 (shared/spec/similar-cases.md).
 * Owner: the similar module. */
#include "cli/cli.h"
#include "model/vocab.h"
#include "similar/similar.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    "usage: zhixiao similar --db FILE (--facts TEXT | --facts-file F | --document ID |\n"
    "                       --queries F) [--k 10] [--charge NAME] [--exclude ID]...\n"
    "                       [--format json|table]\n"
    "\n"
    "类案检索: the k documents whose facts are most similar to the query's, best first, with\n"
    "the phrases that matched, and 量刑参考: the median and quartiles of the terms of the\n"
    "results with the chosen charge (shared/spec/similar-cases.md). The query document and\n"
    "--exclude'd ones are never returned; --charge only filters the results.\n"
    "--queries F reads JSON Lines ({\"id\":\"q1\",\"document\":\"J-1\"} or\n"
    "{\"id\":\"q2\",\"facts\":\"…\",\"charge\":\"盗窃罪\",\"exclude\":[…],\"k\":5}) and prints "
    "one\n"
    "JSON line per query, in order. Exit 0, or 2 on bad usage or an unknown document.\n"
    "ZX_SIMILAR_TRACE=1 prints each --queries query's time on stderr.\n";

static char *read_file(const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            size_t c = cap ? cap * 2 : 131072;
            char *b = realloc(buf, c);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap = c;
        }
        size_t r = fread(buf + n, 1, 65536, f);
        n += r;
        if (r < 65536) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (buf)
        buf[n] = '\0';
    if (f != stdin)
        fclose(f);
    return buf;
}

static void print_table(const struct zx_similar_result *r)
{
    printf("%-4s %-20s %9s  %-24s %-10s %6s  %s\n", "名次", "文书", "相似度", "罪名", "刑种",
           "刑期(月)", "匹配词");
    for (int i = 0; i < r->nhits; i++) {
        const struct zx_similar_hit *h = &r->hits[i];
        const char *sk = zx_vocab_label(ZX_V_DOC_SENTENCE_KIND, h->sentence_kind);
        char term[32] = "";
        if (h->term_months != ZX_STORE_NULL_INT)
            snprintf(term, sizeof term, "%lld", (long long)h->term_months);
        printf("%-4d %-20s %9.3f  %-24s %-10s %6s  ", i + 1, h->document_id, h->score,
               h->charges ? h->charges : "", sk ? sk : "", term);
        for (int k = 0; k < h->nterms; k++)
            printf("%s%s", k ? "、" : "", h->terms[k]);
        putchar('\n');
    }
    if (r->charge && r->n)
        printf("量刑参考：%s，%d 件，刑期中位数 %.1f 个月（P25 %.1f，P75 %.1f）\n", r->charge, r->n,
               r->median, r->p25, r->p75);
    else
        printf("量刑参考：%s，无可比刑期\n", r->charge ? r->charge : "无罪名");
}

static int emit(const struct zx_similar_result *r, int table)
{
    if (table) {
        print_table(r);
        return 0;
    }
    json_t *j = zx_similar_result_json(r);
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(j);
    if (!s)
        return -1;
    puts(s);
    free(s);
    return 0;
}

/* One line of --queries: 0 printed, 2 bad line or unknown document (an error line printed). */
static int batch_line(struct zx_similar *ix, struct zx_store *st, const char *line, int k,
                      int table)
{
    json_error_t je;
    json_t *j = json_loads(line, 0, &je), *ex;
    struct zx_similar_query q = {0};
    struct zx_similar_result *r = NULL;
    struct zx_err err = {0};
    const char *excl[64];
    int rc = 2;
    if (!j || !json_is_object(j)) {
        snprintf(err.msg, sizeof err.msg, "not a JSON object: %s", j ? "" : je.text);
        goto out;
    }
    q.id = json_string_value(json_object_get(j, "id"));
    q.document_id = json_string_value(json_object_get(j, "document"));
    q.facts = json_string_value(json_object_get(j, "facts"));
    q.charge = json_string_value(json_object_get(j, "charge"));
    q.k = json_is_integer(json_object_get(j, "k"))
              ? (int)json_integer_value(json_object_get(j, "k"))
              : k;
    ex = json_object_get(j, "exclude");
    for (size_t i = 0; json_is_array(ex) && i < json_array_size(ex) && i < 64; i++)
        if (json_is_string(json_array_get(ex, i)))
            excl[q.nexclude++] = json_string_value(json_array_get(ex, i));
    q.exclude = excl;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (zx_similar_search(ix, st, &q, &r, &err) == ZX_OK) {
        rc = emit(r, table) ? 2 : 0;
        zx_similar_result_free(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (getenv("ZX_SIMILAR_TRACE")) /* per-query time for bench/similar/run.sh */
        fprintf(stderr, "trace query %s %.3f ms\n", q.id ? q.id : "-",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
out:
    if (rc) {
        json_t *e =
            json_pack("{s:{s:o,s:o},s:s}", "query", "id", q.id ? json_string(q.id) : json_null(),
                      "document_id", q.document_id ? json_string(q.document_id) : json_null(),
                      "error", err.msg[0] ? err.msg : "failed");
        char *s = e ? json_dumps(e, JSON_COMPACT) : NULL;
        if (s)
            puts(s);
        free(s);
        json_decref(e);
        fprintf(stderr, "similar: %s\n", err.msg);
    }
    json_decref(j);
    return rc;
}

int cmd_similar(int argc, char **argv)
{
    const char *db = NULL, *facts = NULL, *facts_file = NULL, *doc = NULL, *queries = NULL;
    const char *charge = NULL, *format = "json";
    const char **excl = NULL;
    size_t nexcl = 0;
    int k = 10, rc = 2, nq = 0;
    char *buf = NULL;
    struct zx_store *st = NULL;
    struct zx_similar *ix = NULL;
    struct zx_similar_result *r = NULL;
    struct zx_err err = {0};

    excl = calloc((size_t)argc + 1, sizeof *excl);
    if (!excl)
        return 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            rc = 0;
            goto cleanup;
        }
        if (!v)
            goto usage;
        if (!strcmp(a, "--db"))
            db = v;
        else if (!strcmp(a, "--facts"))
            facts = v, nq++;
        else if (!strcmp(a, "--facts-file"))
            facts_file = v, nq++;
        else if (!strcmp(a, "--document"))
            doc = v, nq++;
        else if (!strcmp(a, "--queries"))
            queries = v, nq++;
        else if (!strcmp(a, "--charge"))
            charge = v;
        else if (!strcmp(a, "--exclude"))
            excl[nexcl++] = v;
        else if (!strcmp(a, "--format"))
            format = v;
        else if (!strcmp(a, "--k")) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || end == v || n < 1 || n > ZX_SIMILAR_MAX_K) {
                fprintf(stderr, "similar: --k must be 1 to %d\n", ZX_SIMILAR_MAX_K);
                goto cleanup;
            }
            k = (int)n;
        } else
            goto usage;
        i++;
    }
    if (!db || nq != 1 || (strcmp(format, "json") && strcmp(format, "table")) ||
        (charge && !*charge) || (facts && !*facts))
        goto usage;
    if (zx_store_open(db, &st, &err) || zx_similar_open(st, &ix, &err)) {
        fprintf(stderr, "similar: %s\n", err.msg);
        goto cleanup;
    }
    if (queries) {
        buf = read_file(queries);
        if (!buf) {
            fprintf(stderr, "similar: cannot read %s\n", queries);
            goto cleanup;
        }
        rc = 0;
        for (char *line = buf, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            size_t n = strlen(line);
            if (n && line[n - 1] == '\r')
                line[--n] = '\0';
            if (!n)
                continue;
            if (batch_line(ix, st, line, k, !strcmp(format, "table")))
                rc = 2;
        }
        fflush(stdout);
        goto cleanup;
    }
    if (facts_file) {
        buf = read_file(facts_file);
        if (!buf) {
            fprintf(stderr, "similar: cannot read %s\n", facts_file);
            goto cleanup;
        }
        facts = buf;
    }
    struct zx_similar_query q = {.document_id = doc,
                                 .facts = doc ? NULL : facts,
                                 .charge = charge,
                                 .exclude = excl,
                                 .nexclude = nexcl,
                                 .k = k};
    if (zx_similar_search(ix, st, &q, &r, &err)) {
        fprintf(stderr, "similar: %s\n", err.msg);
        goto cleanup;
    }
    rc = emit(r, !strcmp(format, "table")) ? 2 : 0;
    goto cleanup;
usage:
    fputs(usage_text, stderr);
cleanup:
    zx_similar_result_free(r);
    zx_similar_free(ix);
    zx_store_close(st);
    free(buf);
    free(excl);
    return rc;
}
