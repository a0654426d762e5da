/* cmd_audit.c — `zhixiao audit verify --db FILE [--head HEX]` checks the ledger (the hash
 * chain of acts, store/ledger.h) and the rows it records; `zhixiao audit log --db FILE
 * [--case ID] [--limit N] [--format json|table]` lists its entries with who handled and who
 * decided each act. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/ledger.h"
#include "store/store.h"
#include "util/date.h"
#include "util/msg.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char about_verify[] =
    "Recompute the ledger's hash chain and the link from each entry to the row it\n"
    "records, and name the first entry that was altered, inserted, deleted or\n"
    "reordered, or the first row changed, added or removed outside zhixiao.\n"
    "--head compares the chain's last hash with one recorded earlier (a prefix is\n"
    "enough), which also catches a rewrite that recomputed the chain.\n"
    "\n"
    "exit status: 0 intact, 1 a problem found, 2 usage or database error\n";
static const char about_verify_zh[] =
    "重新计算账本的哈希链以及每条记录与其所记数据行的关联，指出第一条被改动、\n"
    "插入、删除或调换顺序的账本记录，或第一条在系统之外被改动、添加、删除的数据行。\n"
    "--head 将链尾哈希与此前留存的值（可为前缀）比对，重算整条链的篡改也能发现。\n"
    "\n"
    "退出状态：0 完整，1 发现问题，2 用法或数据库错误\n";

static int verify(int argc, char **argv)
{
    const char *db = NULL, *head = NULL;
    int fmt = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "head",
         .arg = "HEX",
         .str = &head,
         .help = "the chain's last hash as recorded earlier (or its prefix)",
         .help_zh = "此前留存的链尾哈希（或其前缀）"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"audit verify", opts, about_verify, about_verify_zh};
    int rc = zx_opt_parse(&cmd, argc, argv), zh = zx_msg_chinese();
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_ledger_report rep;
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    rc = zx_ledger_verify(st, &rep, &err);
    zx_store_close(st);
    if (rc)
        return zx_opt_fail(&cmd, "%s", err.msg);
    /* cppcheck-suppress nullPointerRedundantCheck ; head is optional */
    int head_bad = head && (!*head || strncmp(rep.head, head, strlen(head)) != 0);
    const struct zx_ledger_problem *p = &rep.first;
    if (fmt == 1) {
        json_t *o = json_pack("{s:b, s:I, s:I, s:I, s:s}", "intact", !rep.problems && !head_bad,
                              "entries", (json_int_t)rep.entries, "rows", (json_int_t)rep.rows,
                              "problems", (json_int_t)rep.problems, "head", rep.head);
        if (head)
            json_object_set_new(o, "head_matches", json_boolean(!head_bad));
        if (rep.problems)
            json_object_set_new(o, "first",
                                json_pack("{s:s, s:I, s:s, s:I, s:s, s:s, s:s}", "kind",
                                          zx_ledger_kind_name(p->kind), "entry", (json_int_t)p->seq,
                                          "table", p->tbl, "rid", (json_int_t)p->rid, "id", p->xid,
                                          "what", p->what, "what_zh", p->what_zh));
        char *s = json_dumps(o, JSON_INDENT(2));
        puts(s ? s : "{}");
        free(s);
        json_decref(o);
        return rep.problems || head_bad ? 1 : 0;
    }
    if (rep.problems) {
        char entry[48];
        if (p->seq)
            snprintf(entry, sizeof entry, zh ? "第 %lld 条" : "entry %lld", (long long)p->seq);
        else
            snprintf(entry, sizeof entry, zh ? "无账本记录" : "no entry");
        char where[256] = "";
        if (p->tbl[0])
            snprintf(where, sizeof where,
                     zh ? "表 %s，编号 %s（行 %lld）：" : "table %s, id %s (row %lld): ", p->tbl,
                     p->xid[0] ? p->xid : "-", (long long)p->rid);
        if (zh)
            printf("账本校验失败：%s（%s）：%s%s\n共发现 %lld 处问题。\n", entry,
                   zx_ledger_kind_name_zh(p->kind), where, p->what_zh, (long long)rep.problems);
        else
            printf("ledger check failed: %s (%s): %s%s\n%lld problem(s) found.\n", entry,
                   zx_ledger_kind_name(p->kind), where, p->what, (long long)rep.problems);
        return 1;
    }
    if (head_bad) {
        printf(zh ? "账本校验失败：链尾哈希 %s 与留存值 %s 不符（整条链可能被重算）。\n"
                  : "ledger check failed: the chain's head %s differs from the recorded %s (the "
                    "chain may have been recomputed).\n",
               rep.head, head);
        return 1;
    }
    printf(zh ? "账本完整：%lld 条记录，%lld 行数据与记录一致。链尾哈希 %s\n"
              : "ledger intact: %lld entries, %lld rows match their entries. head %s\n",
           (long long)rep.entries, (long long)rep.rows, rep.head[0] ? rep.head : "-");
    return 0;
}

struct log_out {
    int json;
    json_t *arr;
};

static json_t *staff_json(const char *id, const char *name, const char *role, int leader)
{
    if (!id)
        return json_null();
    return json_pack("{s:s, s:s?, s:s?, s:b}", "staff_id", id, "name", name, "role", role,
                     "is_leader", leader);
}

static int log_row(void *ud, const struct zx_ledger_entry *e)
{
    struct log_out *o = ud;
    char on[16] = "";
    if (e->act_on != ZX_DATE_NULL)
        zx_date_format(e->act_on, on);
    if (o->json) {
        json_t *j = json_pack(
            "{s:I, s:s, s:s?, s:I, s:s, s:o, s:o, s:s?, s:I, s:s?, s:s}", "entry",
            (json_int_t)e->seq, "table", e->tbl, "id", e->xid, "rid", (json_int_t)e->rid, "op",
            e->op, "handler",
            staff_json(e->handler_id, e->handler_name, e->handler_role, e->handler_leader),
            "decider",
            staff_json(e->decider_id, e->decider_name, e->decider_role, e->decider_leader), "date",
            on[0] ? on : NULL, "recorded_at", (json_int_t)e->recorded_at, "case_id", e->case_id,
            "hash", e->hash);
        if (e->import_id)
            json_object_set_new(j, "import", json_integer(e->import_id));
        if (e->actor)
            json_object_set_new(j, "actor", json_string(e->actor));
        return json_array_append_new(o->arr, j) ? -1 : 0;
    }
    char who[160], dec[160];
    snprintf(who, sizeof who, "%s%s%s%s", e->handler_name ? e->handler_name : "-",
             e->handler_role ? "/" : "", e->handler_role ? e->handler_role : "",
             e->handler_leader ? "/院领导" : "");
    snprintf(dec, sizeof dec, "%s%s%s%s", e->decider_name ? e->decider_name : "-",
             e->decider_role ? "/" : "", e->decider_role ? e->decider_role : "",
             e->decider_leader ? "/院领导" : "");
    printf("%8lld  %-16s %-18s %-8s %-10s %-24s %-24s %.12s\n", (long long)e->seq, e->tbl,
           e->xid ? e->xid : "-", e->op, on[0] ? on : "-", who, dec, e->hash);
    return 0;
}

static int log_cmd(int argc, char **argv)
{
    const char *db = NULL, *case_id = NULL;
    int fmt = 0, limit = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "case",
         .arg = "ID",
         .str = &case_id,
         .help = "only the acts on this case, its persons and events",
         .help_zh = "仅列出该案件及其人员、事件的记录"},
        {.name = "limit",
         .arg = "N",
         .num = &limit,
         .min = 0,
         .max = 1000000000,
         .help = "at most N entries (default: all)",
         .help_zh = "最多列出 N 条（默认全部）"},
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"audit log", opts,
                                   "List the ledger's entries: the act, who handled it, who "
                                   "decided it, its date and the entry's hash.\n",
                                   "列出账本记录：行为、承办人、决定人、日期及该条哈希。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct log_out o = {fmt == 1, NULL};
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    if (o.json)
        o.arr = json_array();
    else
        printf("%8s  %-16s %-18s %-8s %-10s %-24s %-24s %s\n", "entry", "table", "id", "op", "date",
               "handler/承办人", "decider/决定人", "hash");
    rc = zx_ledger_each(st, case_id, limit, log_row, &o, &err);
    zx_store_close(st);
    if (rc) {
        json_decref(o.arr);
        return zx_opt_fail(&cmd, "%s", err.msg);
    }
    if (o.json) {
        char *s = json_dumps(o.arr, JSON_INDENT(2));
        puts(s ? s : "[]");
        free(s);
        json_decref(o.arr);
    }
    return 0;
}

static int run_verify(void *ud, int argc, char **argv)
{
    (void)ud;
    return verify(argc, argv);
}

static int run_log(void *ud, int argc, char **argv)
{
    (void)ud;
    return log_cmd(argc, argv);
}

int cmd_audit(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"verify", run_verify, "check the ledger of acts and the rows it records",
         "校验办案责任账本及其所记数据行"},
        {"log", run_log, "list the ledger's entries: who handled and who decided each act",
         "列出账本记录：每项行为的承办人与决定人"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch(
        "audit", subs, "The ledger (谁办案谁负责、谁决定谁负责): a hash chain of every act.\n",
        "办案责任账本（谁办案谁负责、谁决定谁负责）：每项办案行为的哈希链。\n", NULL, argc, argv);
}
