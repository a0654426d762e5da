/* opt.h — one table-driven option parser for every `zhixiao <command>` (git's parse-options
 * is the model).
 *
 * A command declares its options as a table of struct zx_opt ending in ZX_OPT_END, each entry
 * naming its long name, the value's name for the usage line, a one-line help in English and
 * Chinese, and exactly ONE destination pointer; the kind of value follows from which pointer is
 * set (str: text, num: integer in [min, max], date: a date, flag: on when given, choice: the
 * index of the value in "a|b|c", list: repeatable, fn: the command's own parser; lnum: num for
 * long long). An entry with
 * no name is a positional argument (str, or list for "the rest"), filled in table order.
 *
 *     const char *db = NULL;
 *     int32_t from = ZX_DATE_NULL;
 *     int quiet = 0, fmt = 0;
 *     const struct zx_opt opts[] = {
 *         ZX_OPT_DB(&db),
 *         ZX_OPT_FROM(&from, ZX_OPT_REQUIRED),
 *         ZX_OPT_FORMAT(&fmt, "json|table"),
 *         {.name = "quiet", .flag = &quiet, .help = "no summary", .help_zh = "不输出汇总"},
 *         ZX_OPT_END,
 *     };
 *     const struct zx_opt_cmd cmd = {"import", opts, "About text.\n", "说明。\n"};
 *     int rc = zx_opt_parse(&cmd, argc, argv);
 *     if (rc != ZX_OPT_GO)
 *         return rc;
 *
 * The parser accepts `--opt VALUE` and `--opt=VALUE`, `--` to end options, `-h`/`--help`
 * (prints the usage generated from the table on stdout), and on bad input prints one message
 * naming the option and the expected form ("zhixiao import: --from: expected a date YYYY-MM-DD,
 * got '2024-13-01'") and a pointer to --help, in the language of util/msg.h. Given twice, an
 * option keeps its last value (a list keeps all). Destinations are written only when given, so
 * initialise them to their defaults.
 *
 * Depends on: util/msg.h (messages), util/date.h (dates), util/err.h (fn callbacks). */
#ifndef ZX_CLI_OPT_H
#define ZX_CLI_OPT_H

#include "util/err.h"

#include <stdint.h>
#include <stdio.h>

#define ZX_OPT_REQUIRED 1u /* flags: must be given (positional: must be present) */
#define ZX_OPT_HIDDEN   2u /* flags: accepted, left out of the usage (old spellings) */
#define ZX_OPT_COMMAS   4u /* flags, list only: "a,b" adds a and b (writes NULs into argv) */

#define ZX_OPT_LIST_MAX 128 /* a repeatable option keeps at most this many values */
#define ZX_OPT_MAX      64  /* entries in one table */

#define ZX_OPT_GO (-1) /* zx_opt_parse: options parsed, run the command */

/* Values of a repeatable option, in the order given. Borrowed: the strings are argv's. */
struct zx_opt_list {
    int n;
    const char *v[ZX_OPT_LIST_MAX];
};

struct zx_opt {
    const char *name;    /* long name without "--"; NULL for a positional argument */
    const char *arg;     /* the value's name in the usage (FILE, DATE, ID); NULL: from kind */
    const char *help;    /* one line, English */
    const char *help_zh; /* one line, Chinese; NULL: the English one */
    unsigned flags;      /* ZX_OPT_REQUIRED, ZX_OPT_HIDDEN */
    /* exactly one destination */
    const char **str;         /* the text (borrowed from argv) */
    int *num;                 /* an integer in [min, max] (both 0: any int) */
    long long *lnum;          /* the same, for counts that pass INT_MAX */
    int32_t *date;            /* a date (util/date.h forms) as a day number */
    int *flag;                /* set to 1 when given; takes no value */
    int *choice;              /* index of the value within choices */
    struct zx_opt_list *list; /* repeatable; commas do not split */
    /* the command's own value parser: returns ZX_OK or fills err (its message follows the
     * option's name) */
    int (*fn)(const char *val, void *ud, struct zx_err *err);
    void *ud; /* passed to fn */
    long long min, max;
    const char *choices; /* "json|table|csv" for choice */
};

/* A subcommand of zx_opt_dispatch(): run gets argv[0] = the subcommand's name. */
struct zx_opt_sub {
    const char *name;
    int (*run)(void *ud, int argc, char **argv);
    const char *help;    /* one line, English */
    const char *help_zh; /* one line, Chinese; NULL: the English one */
};

/* A command (or subcommand) and its table. */
struct zx_opt_cmd {
    const char *name;          /* "import", "inspect plan" */
    const struct zx_opt *opts; /* ends with ZX_OPT_END */
    const char *about;         /* paragraphs printed after the usage line by --help */
    const char *about_zh;      /* Chinese; NULL: the English one */
};

#define ZX_OPT_END                                                                                 \
    {                                                                                              \
        0                                                                                          \
    }

/* The options every command spells the same way. */
#define ZX_OPT_DB(p)                                                                               \
    {                                                                                              \
        .name = "db", .arg = "FILE", .str = (p), .flags = ZX_OPT_REQUIRED,                         \
        .help = "the database file", .help_zh = "数据库文件"                                  \
    }
#define ZX_OPT_UNIT(p)                                                                             \
    {                                                                                              \
        .name = "unit", .arg = "ID", .str = (p), .help = "unit id (default: the root unit)",       \
        .help_zh = "单位编号（默认为根单位）"                                          \
    }
#define ZX_OPT_FROM(p, fl)                                                                         \
    {                                                                                              \
        .name = "from", .arg = "DATE", .date = (p), .flags = (fl),                                 \
        .help = "first day of the period (YYYY-MM-DD, inclusive)",                                 \
        .help_zh = "期间首日（YYYY-MM-DD，含当日）"                                      \
    }
#define ZX_OPT_TO(p, fl)                                                                           \
    {                                                                                              \
        .name = "to", .arg = "DATE", .date = (p), .flags = (fl),                                   \
        .help = "last day of the period (YYYY-MM-DD, inclusive)",                                  \
        .help_zh = "期间末日（YYYY-MM-DD，含当日）"                                      \
    }
#define ZX_OPT_FORMAT(p, choices_)                                                                      \
    {                                                                                                   \
        .name = "format", .choice = (p), .choices = (choices_),                                         \
        .help = "output format (default: the first)", .help_zh = "输出格式（默认为第一种）" \
    }

/* Parse argv[1..argc) (argv[0] is the command's name) into the table's destinations.
 * Returns ZX_OPT_GO to run the command, else the exit status to return at once: 0 after
 * --help (usage on stdout), 2 after a usage error (message on stderr). */
int zx_opt_parse(const struct zx_opt_cmd *cmd, int argc, char **argv);

/* Print the usage generated from the table (synopsis, about text, one line per option). */
void zx_opt_usage(const struct zx_opt_cmd *cmd, FILE *f);

/* Print "zhixiao <cmd>: <message>\n" on stderr; returns 2, the usage-error exit status, so a
 * command can `return zx_opt_fail(&cmd, ...)` for the checks the table cannot state. */
int zx_opt_fail(const struct zx_opt_cmd *cmd, const char *fmt, ...) ZX_PRINTF(2, 3);

/* Run the subcommand named by argv[1] with (ud, argc - 1, argv + 1) and return its status;
 * `zhixiao <cmd> --help` lists subs (ends with an entry whose name is NULL) after about, an
 * unknown or missing subcommand is a usage error (2). */
int zx_opt_dispatch(const char *cmd, const struct zx_opt_sub *subs, const char *about,
                    const char *about_zh, void *ud, int argc, char **argv);

/* Usage error unless from <= to (either may be ZX_DATE_NULL: not given): returns 0 or 2. */
int zx_opt_check_period(const struct zx_opt_cmd *cmd, int32_t from, int32_t to);

/* Index of val within "a|b|c" choices, or -1. */
int zx_opt_choice_index(const char *choices, const char *val);

#endif
