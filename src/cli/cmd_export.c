/* cmd_export.c — `zhixiao export --db FILE --to postgresql://…`: copy a store into the
 * sharded PostgreSQL cluster of scripts/pg-cluster.sh (store/pg.h; docs/scale.md). */
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/pg.h"
#include "store/store.h"
#include "util/msg.h"

#include <stdio.h>
#include <unistd.h>

static const char about[] =
    "Copy the store's units, staff, cases, persons and events into a PostgreSQL cluster\n"
    "made by scripts/pg-cluster.sh (a coordinator and its shards), replacing what it held.\n"
    "Each shard receives its own COPY stream; every shard and the coordinator prepare\n"
    "their transaction and only then commit, so a failed export changes nothing.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "将数据库中的单位、人员、案件、当事人和事件复制到 scripts/pg-cluster.sh 建立的\n"
    "PostgreSQL 集群（协调节点及其分片），替换其原有内容。每个分片各自接收 COPY 数据流；\n"
    "各分片和协调节点先预提交事务，全部成功后才提交，导出失败时不改变任何内容。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

int cmd_export(int argc, char **argv)
{
    const char *db = NULL, *to = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    int ret = 2;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "to",
         .arg = "URL",
         .str = &to,
         .flags = ZX_OPT_REQUIRED,
         .help = "the cluster's coordinator (postgresql://…)",
         .help_zh = "集群协调节点（postgresql://…）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"export", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (!zx_pg_is_url(to))
        return zx_opt_fail(&cmd, "--to: expected postgresql://…, got '%s'", to);
    if (access(db, R_OK) != 0)
        return zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_READ_DB), db);
    struct zx_pg_export_stats s;
    if (zx_store_open(db, &st, &err) || zx_pg_export(st, to, &s, &err)) {
        zx_opt_fail(&cmd, "%s", err.msg);
        goto cleanup;
    }
    fprintf(stderr,
            "export: %d shard(s): %lld units, %lld staff, %lld cases, %lld persons, %lld events\n",
            s.shards, (long long)s.units, (long long)s.staff, (long long)s.cases,
            (long long)s.persons, (long long)s.events);
    /* the split decides how long a catalog run takes: the largest shard's share */
    fprintf(stderr, "export: events per shard:");
    for (int i = 0; i < s.shards; i++)
        fprintf(stderr, " %lld (%.1f %%)", (long long)s.shard_events[i],
                s.events ? 100.0 * (double)s.shard_events[i] / (double)s.events : 0.0);
    fputc('\n', stderr);
    ret = 0;
cleanup:
    zx_store_close(st);
    return ret;
}
