/* cmd_seal.c — 犯罪记录封存: `zhixiao seal apply --db F [--rules FILE] [--enable RULE]`
 * computes from the data who must be sealed and records it with the rule (idempotent);
 * `zhixiao seal list --db F [--unit U]` lists the sealed persons and cases. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "seal/seal.h"
#include "store/seal.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int apply_cmd(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *rules = NULL;
    struct zx_opt_list enable = {0};
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "rules",
         .arg = "FILE",
         .str = &rules,
         .help = "sealing rules (default data/seal_rules.json)",
         .help_zh = "封存规则（默认 data/seal_rules.json）"},
        {.name = "enable",
         .arg = "RULE",
         .list = &enable,
         .flags = ZX_OPT_COMMAS,
         .help = "turn on a rule that is off in the file (e.g. minor_offence)",
         .help_zh = "启用文件中关闭的规则（如 minor_offence）"},
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {
        "seal apply", opts,
        "Seal every person whose judgment a rule names (刑诉法第286条: under 18 at the\n"
        "offence, sentenced to five years or less), and each case whose suspects are all\n"
        "sealed. Records the rule and its basis; running it again changes nothing.\n",
        "按规则封存（刑诉法第286条：犯罪时不满十八周岁、被判处五年有期徒刑以下刑罚），\n"
        "全部犯罪嫌疑人均封存的案件一并封存。记录所依规则；重复执行不改变结果。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_seal_rules *r = NULL;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_seal_result res;
    if (rc != ZX_OPT_GO)
        return rc;
    rc = zx_seal_rules_load(rules, &r, &err);
    for (int i = 0; !rc && i < enable.n; i++)
        rc = zx_seal_rules_enable(r, enable.v[i], 1, &err);
    if (!rc)
        rc = zx_store_open(db, &st, &err);
    if (!rc)
        rc = zx_seal_apply(st, r, &res, &err);
    zx_store_close(st);
    zx_seal_rules_free(r);
    if (rc)
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    printf("sealed: %ld persons (%ld new), %ld cases (%ld new)\n", res.persons, res.persons_new,
           res.cases, res.cases_new);
    return 0;
}

static int list_row(void *ud, const struct zx_seal_row *row)
{
    json_t *arr = ud;
    char d[16];
    zx_date_format(row->sealed_on, d);
    if (arr)
        return json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "kind",
                                                    row->kind, "id", row->xid, "case_id",
                                                    row->case_id, "unit_id", row->unit_id, "rule",
                                                    row->rule, "basis", row->basis, "sealed_on", d,
                                                    "recorded_at", row->recorded_at))
                   ? -1
                   : 0;
    printf("%-6s %-16s %-16s %-10s %-14s %s  %s\n", row->kind, row->xid, row->case_id, row->unit_id,
           row->rule, d, row->basis);
    return 0;
}

static int list_cmd(void *ud, int argc, char **argv)
{
    (void)ud;
    const char *db = NULL, *unit = NULL;
    int fmt = 0;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        ZX_OPT_UNIT(&unit),
        ZX_OPT_FORMAT(&fmt, "table|json"),
        ZX_OPT_END,
    };
    const struct zx_opt_cmd cmd = {"seal list", opts,
                                   "The sealed persons and cases, with the rule and its basis.\n",
                                   "已封存的人员与案件，及所依规则。\n"};
    int rc = zx_opt_parse(&cmd, argc, argv);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    json_t *arr = NULL;
    if (rc != ZX_OPT_GO)
        return rc;
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    arr = fmt == 1 ? json_array() : NULL;
    rc = zx_store_seal_list(st, unit, list_row, arr, &err);
    zx_store_close(st);
    if (rc) {
        json_decref(arr);
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    }
    if (arr) {
        char *s = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        puts(s ? s : "[]");
        free(s);
        json_decref(arr);
    }
    return 0;
}

int cmd_seal(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"apply", apply_cmd, "seal who the rules name (idempotent)", "按规则封存（可重复执行）"},
        {"list", list_cmd, "list sealed persons and cases", "列出已封存的人员与案件"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("seal", subs, "犯罪记录封存 (刑诉法第286条).\n",
                           "犯罪记录封存（刑诉法第二百八十六条）。\n", NULL, argc, argv);
}
