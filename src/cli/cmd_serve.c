/* cmd_serve.c — `zhixiao serve --db FILE [--listen ADDR:PORT] [--web DIR] [--threads N]
 * [--tls-cert PEM --tls-key PEM] [--port-file FILE] [--quiet]`. */
#include "cli/cli.h"
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao serve --db FILE [--listen ADDR:PORT] [--web DIR] [--threads N]\n"
               "                     [--tls-cert PEM --tls-key PEM] [--port-file FILE] [--quiet]\n"
               "\n"
               "Serve the browser UI (web/) and the JSON API (/api/v1/) over the database\n"
               "FILE. Default address 127.0.0.1:8080; port 0 picks a free port (written to\n"
               "--port-file). Accounts: `zhixiao user add`. One access-log line per request\n"
               "on stderr unless --quiet. Stops cleanly on SIGTERM or SIGINT.\n"
               "\n"
               "exit status: 0 stopped cleanly, 2 usage or start-up error\n");
}

int cmd_serve(int argc, char **argv)
{
    struct zx_web_opts o = {0};
    struct zx_err err = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--db") && has) {
            o.db = argv[++i];
        } else if (!strcmp(a, "--listen") && has) {
            o.listen = argv[++i];
        } else if (!strcmp(a, "--web") && has) {
            o.web_dir = argv[++i];
        } else if (!strcmp(a, "--threads") && has) {
            o.threads = atoi(argv[++i]);
            if (o.threads < 1 || o.threads > 256) {
                fprintf(stderr, "zhixiao serve: --threads takes 1 to 256\n");
                return 2;
            }
        } else if (!strcmp(a, "--tls-cert") && has) {
            o.tls_cert = argv[++i];
        } else if (!strcmp(a, "--tls-key") && has) {
            o.tls_key = argv[++i];
        } else if (!strcmp(a, "--port-file") && has) {
            o.port_file = argv[++i];
        } else if (!strcmp(a, "--quiet")) {
            o.quiet = 1;
        } else {
            fprintf(stderr, "zhixiao serve: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!o.db) {
        usage(stderr);
        return 2;
    }
    if (zx_web_serve(&o, &err)) {
        fprintf(stderr, "zhixiao serve: %s\n", err.msg);
        return 2;
    }
    return 0;
}
