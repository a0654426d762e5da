/* main.c — dispatch `zhixiao <command> …` to its cmd_<command>() (the git builtin pattern). */
#include "cli/cli.h"
#include "util/msg.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} commands[] = {
    {"import", cmd_import, "import a case-data bundle (folder of CSV files) into a database"},
    {"generate", cmd_generate, "write a deterministic synthetic province as a bundle"},
    {"review-sentences", cmd_review_sentences,
     "check 减刑、假释、暂予监外执行 against the rules (倒查), as JSON or a table"},
    {"inspect", cmd_inspect,
     "circuit inspections (巡回检察): plan, findings, deadlines, coverage, stats, report"},
    {"serve", cmd_serve, "serve the browser UI and the JSON API over a database"},
    {"user", cmd_user, "add, list, disable web accounts and set their passwords"},
    {"indicators", cmd_indicators,
     "quality indicators (质效指标) of a unit, its units or its handlers over a period"},
    {"cases", cmd_cases, "drill-down: the persons, cases or events behind one indicator figure"},
    {"settings", cmd_settings, "per-unit settings: ranking of a unit's child units on or off"},
    {"target", cmd_target, "per-unit targets (目标值) of indicators: set, list, clear"},
    {"bulletin", cmd_bulletin,
     "write the bulletin (通报) of a unit and period as an XLSX workbook"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\n'zhixiao <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
    zx_msg_init();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "zhixiao: '%s' is not a command\n", argv[1]);
    usage(stderr);
    return 2;
}
