/* cmd_serve.c — `zhixiao serve --db FILE|postgresql://… [--state FILE] [--listen ADDR:PORT] [--web
 * DIR] [--threads N]
 * [--tls-cert PEM --tls-key PEM] [--port-file FILE] [--quiet]`. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "web/web.h"

#include <stdio.h>

static const char about[] =
    "Serve the browser UI (web/) and the JSON API (/api/v1/) over the database\n"
    "FILE. Default address 127.0.0.1:8080; port 0 picks a free port (written to\n"
    "--port-file). Accounts: `zhixiao user add`. One access-log line per request\n"
    "on stderr unless --quiet. Stops cleanly on SIGTERM or SIGINT.\n"
    "With --db postgresql://… (a cluster filled by `zhixiao export`) the dashboard,\n"
    "indicators and drill-down are computed on the cluster; accounts, sessions and\n"
    "the audit live in the local store --state FILE (created when absent; `zhixiao\n"
    "user add --db FILE` adds accounts); other pages answer 501 cluster_unsupported.\n"
    "\n"
    "exit status: 0 stopped cleanly, 2 usage or start-up error\n";
static const char about_zh[] =
    "在数据库 FILE 上提供浏览器界面（web/）和 JSON 接口（/api/v1/）。默认地址\n"
    "127.0.0.1:8080；端口为 0 时自动选择空闲端口（写入 --port-file）。账号由\n"
    "`zhixiao user add` 添加。除非 --quiet，每个请求在标准错误输出一行访问日志。\n"
    "收到 SIGTERM 或 SIGINT 时正常退出。\n"
    "--db 为 postgresql://…（由 `zhixiao export` 填充的集群）时，首页、指标和下钻在集群上\n"
    "计算；账号、会话和审计记录保存在本地数据库 --state FILE（不存在时创建；用 `zhixiao\n"
    "user add --db FILE` 添加账号）；其他页面返回 501 cluster_unsupported。\n"
    "\n"
    "退出状态：0 正常停止，2 用法或启动错误\n";

int cmd_serve(int argc, char **argv)
{
    struct zx_web_opts o = {0};
    struct zx_err err = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&o.db),
        {.name = "state",
         .arg = "FILE",
         .str = &o.state,
         .help = "with a cluster: the server's own store (accounts, sessions, audit)",
         .help_zh = "使用集群时：服务自身的数据库（账号、会话、审计）"},
        {.name = "listen",
         .arg = "ADDR:PORT",
         .str = &o.listen,
         .help = "address and port (default 127.0.0.1:8080)",
         .help_zh = "监听地址和端口（默认 127.0.0.1:8080）"},
        {.name = "web",
         .arg = "DIR",
         .str = &o.web_dir,
         .help = "the browser UI's folder (default web/)",
         .help_zh = "浏览器界面所在文件夹（默认 web/）"},
        {.name = "threads",
         .num = &o.threads,
         .min = 1,
         .max = 256,
         .help = "worker threads",
         .help_zh = "工作线程数"},
        {.name = "tls-cert",
         .arg = "PEM",
         .str = &o.tls_cert,
         .help = "TLS certificate (with --tls-key)",
         .help_zh = "TLS 证书（与 --tls-key 同用）"},
        {.name = "tls-key",
         .arg = "PEM",
         .str = &o.tls_key,
         .help = "TLS key",
         .help_zh = "TLS 私钥"},
        {.name = "port-file",
         .arg = "FILE",
         .str = &o.port_file,
         .help = "write the port listened on here",
         .help_zh = "把实际监听的端口写入此文件"},
        {.name = "quiet", .flag = &o.quiet, .help = "no access log", .help_zh = "不输出访问日志"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"serve", opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_web_serve(&o, &err))
        return zx_opt_fail(&cmd, "%s", err.msg);
    return 0;
}
