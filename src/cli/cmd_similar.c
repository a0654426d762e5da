/* cmd_similar.c — `zhixiao similar`: 类案检索 and 量刑参考 (shared/spec/similar-cases.md).
 * Owner: the similar module. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "model/vocab.h"
#include "similar/similar.h"
#include "store/store.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char about[] =
    "类案检索: the k documents whose facts are most similar to the query's, best first, with\n"
    "the phrases that matched, and 量刑参考: the median and quartiles of the terms of the\n"
    "results with the chosen charge (shared/spec/similar-cases.md). Give exactly one of\n"
    "--facts, --facts-file, --document, --queries. The query document and --exclude'd ones are\n"
    "never returned; --charge only filters the results. --queries F reads JSON Lines\n"
    "({\"id\":\"q1\",\"document\":\"J-1\"} or "
    "{\"id\":\"q2\",\"facts\":\"…\",\"charge\":\"盗窃罪\",\n"
    "\"exclude\":[…],\"k\":5}) and prints one JSON line per query, in order.\n"
    "Exit 0, or 2 on bad usage or an unknown document. ZX_SIMILAR_TRACE=1 prints each\n"
    "--queries query's time on stderr.\n";
static const char about_zh[] =
    "类案检索：按案情事实找出最相似的 k 份文书（由高到低），列出匹配的词语；量刑参考：所选罪名\n"
    "下结果刑期的中位数与四分位数（shared/spec/similar-cases.md）。--facts、--facts-file、\n"
    "--document、--queries 四者择一。不返回被检索文书本身和 --exclude 排除的文书；--charge\n"
    "只筛选结果。--queries 读取 JSON Lines，每个查询输出一行 JSON，顺序不变。\n"
    "退出码：0 完成，2 用法错误或文书不存在。\n";

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
    const char *charge = NULL;
    struct zx_opt_list excl = {0};
    int k = 10, fmt = 0, rc = 2;
    char *buf = NULL;
    struct zx_store *st = NULL;
    struct zx_similar *ix = NULL;
    struct zx_similar_result *r = NULL;
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "facts",
         .arg = "TEXT",
         .str = &facts,
         .help = "query by a fact text",
         .help_zh = "按案情事实检索"},
        {.name = "facts-file",
         .arg = "F",
         .str = &facts_file,
         .help = "query by the fact text in file F (- for stdin)",
         .help_zh = "按文件中的案情事实检索（- 为标准输入）"},
        {.name = "document",
         .arg = "ID",
         .str = &doc,
         .help = "query by a stored document (never returned itself)",
         .help_zh = "按已导入的文书检索（不返回其本身）"},
        {.name = "queries",
         .arg = "F",
         .str = &queries,
         .help = "JSON Lines of queries, one JSON line out per query",
         .help_zh = "批量查询（JSON Lines），每个查询输出一行"},
        {.name = "k",
         .arg = "N",
         .num = &k,
         .min = 1,
         .max = ZX_SIMILAR_MAX_K,
         .help = "results per query (default 10)",
         .help_zh = "每个查询返回的条数（默认 10）"},
        {.name = "charge",
         .arg = "NAME",
         .str = &charge,
         .help = "only results whose charges name NAME",
         .help_zh = "只返回罪名含 NAME 的文书"},
        {.name = "exclude",
         .arg = "ID",
         .list = &excl,
         .help = "never return document ID (repeatable)",
         .help_zh = "不返回该文书（可重复）"},
        ZX_OPT_FORMAT(&fmt, "json|table"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"similar", opts, about, about_zh};
    int prc = zx_opt_parse(&cmd, argc, argv);
    if (prc != ZX_OPT_GO)
        return prc;
    if (!!facts + !!facts_file + !!doc + !!queries != 1)
        return zx_opt_fail(&cmd,
                           "give exactly one of --facts, --facts-file, --document, --queries");
    if ((charge && !*charge) || (facts && !*facts))
        return zx_opt_fail(&cmd, "--charge and --facts must not be empty");
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
            if (batch_line(ix, st, line, k, fmt == 1))
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
                                 .exclude = excl.v,
                                 .nexclude = (size_t)excl.n,
                                 .k = k};
    if (zx_similar_search(ix, st, &q, &r, &err)) {
        fprintf(stderr, "similar: %s\n", err.msg);
        goto cleanup;
    }
    rc = emit(r, fmt == 1) ? 2 : 0;
cleanup:
    zx_similar_result_free(r);
    zx_similar_free(ix);
    zx_store_close(st);
    free(buf);
    return rc;
}
