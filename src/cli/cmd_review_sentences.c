/* cmd_review_sentences.c — `zhixiao review-sentences`: the 减假暂 rule checker over a database
 * (shared/spec/sentence-review.md). Owner: the execution module. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "execution/exec.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char about[] =
    "Checks every sentence change (减刑、假释、暂予监外执行) against the rules in force on its\n"
    "proposal date (data/sentence_rules.json: 法释〔2016〕23号, the 2019 supplement, "
    "法释〔2012〕2号,\n"
    "刑法78/81, 暂予监外执行规定) and each convict's whole history for the 顶格 and 踩点 "
    "patterns.\n"
    "Prints one JSON array of findings (shared/spec/sentence-review.md) or a table.\n"
    "--from/--to keep changes proposed in [from, to] (histories are still read whole).\n"
    "ZX_REVIEW_TRACE=1 prints load and check times on stderr.\n"
    "\n"
    "exit status: 0 no finding, 1 findings, 2 error\n";
static const char about_zh[] =
    "按提请日有效的规则（data/sentence_rules.json：法释〔2016〕23号及2019年补充规定、\n"
    "法释〔2012〕2号、刑法第78条和第81条、暂予监外执行规定）审查每一次减刑、假释、\n"
    "暂予监外执行，并审查每名罪犯的全部经历是否存在“顶格”“踩点”情形。输出发现问题\n"
    "的 JSON 数组（shared/spec/sentence-review.md）或表格。--from/--to 只保留提请日在\n"
    "[from, to] 内的变更（仍读取完整经历）。ZX_REVIEW_TRACE=1 时在标准错误输出读取和\n"
    "审查用时。\n"
    "\n"
    "退出状态：0 未发现问题，1 发现问题，2 错误\n";

struct out {
    struct zx_store *st;
    const struct zx_exec_data *d;
    int table;
    long n, nsev[3];
    char *buf; /* From malloc(): findings are gathered, then printed */
    size_t len, cap;
};

static int put(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        size_t c = o->cap ? o->cap * 2 : 65536;
        while (c < o->len + n + 1)
            c *= 2;
        char *b = realloc(o->buf, c);
        if (!b)
            return -1;
        o->buf = b;
        o->cap = c;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
    return 0;
}

static int puts_(struct out *o, const char *s)
{
    return put(o, s, strlen(s));
}

/* A JSON string (quotes included). */
static int put_json(struct out *o, const char *s)
{
    int rc = put(o, "\"", 1);
    for (; *s && !rc; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            rc = put(o, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            rc = put(o, esc, 6);
        } else {
            rc = put(o, (const char *)s, 1);
        }
    }
    return rc || put(o, "\"", 1);
}

static void xid(struct out *o, int change, size_t i, char *buf, size_t size)
{
    char **names = change ? o->d->chg_xid : o->d->conv_xid;
    int64_t key = change ? o->d->chg[i].key : o->d->conv[i].key;
    if (names && names[i])
        snprintf(buf, size, "%s", names[i]);
    else if (!o->st || zx_exec_xid(o->st, change, key, buf, size))
        snprintf(buf, size, "#%lld", (long long)key);
}

static int on_finding(void *ud, const struct zx_exec_finding *f)
{
    struct out *o = ud;
    char cv[80], ch[80], line[1024 + 2 * ZX_EXEC_TEXT_MAX], e[ZX_EXEC_TEXT_MAX],
        a[ZX_EXEC_TEXT_MAX];
    /* the table is for people: their language; JSON is the contract's English */
    int zh = o->table && zx_msg_chinese();
    zx_msgv_render(&f->expected, zh, e, sizeof e);
    zx_msgv_render(&f->actual, zh, a, sizeof a);
    xid(o, 0, f->convict, cv, sizeof cv);
    if (f->change >= 0)
        xid(o, 1, (size_t)f->change, ch, sizeof ch);
    o->nsev[f->severity]++;
    int rc = 0;
    if (o->table) {
        snprintf(line, sizeof line, "%-12s %-10s %-31s %-9s %-18s %-36s %s | %s\n",
                 f->change >= 0 ? ch : "-", cv, zx_exec_cat_code(f->cat),
                 zx_exec_severity_code(f->severity), f->rule.id, f->rule.article, e, a);
        rc = puts_(o, line);
    } else {
        rc = puts_(o, o->n ? ",\n{\"change_id\": " : "\n{\"change_id\": ");
        rc = rc || (f->change >= 0 ? put_json(o, ch) : puts_(o, "null"));
        rc = rc || puts_(o, ", \"convict_id\": ") || put_json(o, cv);
        rc = rc || puts_(o, ", \"category\": ") || put_json(o, zx_exec_cat_code(f->cat));
        rc = rc || puts_(o, ", \"rule\": ") || put_json(o, f->rule.id);
        rc = rc || puts_(o, ", \"article\": ") || put_json(o, f->rule.article);
        rc = rc || puts_(o, ", \"expected\": ") || put_json(o, e);
        rc = rc || puts_(o, ", \"actual\": ") || put_json(o, a);
        rc = rc || puts_(o, ", \"severity\": ") ||
             put_json(o, zx_exec_severity_code(f->severity)) || puts_(o, "}");
    }
    o->n++;
    return rc ? -1 : 0;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_review_sentences(int argc, char **argv)
{
    const char *db = NULL, *convict = NULL, *rules_path = NULL, *where = NULL;
    int32_t from = ZX_DATE_NULL, to = ZX_DATE_NULL;
    int format = 0;
    struct zx_err err;
    struct zx_store *st = NULL;
    struct zx_exec_rules *rules = NULL;
    struct zx_exec_data d;
    struct out o;
    int ret = 2;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "convict",
         .arg = "ID",
         .str = &convict,
         .help = "only this convict",
         .help_zh = "只审查此罪犯"},
        ZX_OPT_FROM(&from, 0),
        ZX_OPT_TO(&to, 0),
        ZX_OPT_FORMAT(&format, "json|table"),
        {.name = "rules",
         .arg = "FILE",
         .str = &rules_path,
         .help = "another rule set (default: data/sentence_rules.json)",
         .help_zh = "另用的规则文件（默认 data/sentence_rules.json）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"review-sentences", opts, about, about_zh};
    int prc = zx_opt_parse(&cmd, argc, argv);
    if (prc != ZX_OPT_GO)
        return prc;
    if (zx_opt_check_period(&cmd, from, to))
        return 2;

    zx_err_clear(&err);
    zx_exec_data_init(&d);
    memset(&o, 0, sizeof o);
    o.table = format == 1;
    int trace = getenv("ZX_REVIEW_TRACE") != NULL;
    double t0 = now();
    if ((rules_path ? zx_exec_rules_load_file(rules_path, &rules, &err)
                    : zx_exec_rules_load_default(&rules, &where, &err)) ||
        zx_store_open(db, &st, &err))
        goto fail;
    double topen = now();
    if (zx_exec_data_load(st, convict, &d, &err))
        goto fail;
    double t1 = now();
    o.st = st;
    o.d = &d;
    if (zx_exec_review(rules, &d, from, to, on_finding, &o)) {
        zx_err_set(&err, ZX_ENOMEM, "%s", zx_msg(ZX_M_CLI_OOM));
        goto fail;
    }
    double t2 = now();
    if (o.table) {
        printf("%-12s %-10s %-31s %-9s %-18s %-36s %s\n", "change_id", "convict_id", "category",
               "severity", "rule", "article", "expected | actual");
        if (o.len)
            fwrite(o.buf, 1, o.len, stdout);
        printf(zx_msg(ZX_M_REVIEW_SUMMARY), o.n, o.nsev[ZX_EXEC_VIOLATION], o.nsev[ZX_EXEC_REVIEW],
               o.nsev[ZX_EXEC_PATTERN], d.nconv, d.nchg);
    } else {
        fputs("[", stdout);
        if (o.len)
            fwrite(o.buf, 1, o.len, stdout);
        fputs(o.n ? "\n]\n" : "]\n", stdout);
    }
    if (trace)
        fprintf(stderr,
                "review-sentences: %zu convicts, %zu changes, %ld findings; open %.3f s, load "
                "%.3f s, check %.3f s (rules: %s)\n",
                d.nconv, d.nchg, o.n, topen - t0, t1 - topen, t2 - t1,
                rules_path ? rules_path : where);
    ret = fflush(stdout) ? 2 : o.n ? 1 : 0;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", err.msg);
cleanup:
    free(o.buf);
    zx_exec_data_release(&d);
    zx_exec_rules_free(rules);
    zx_store_close(st);
    return ret;
}
