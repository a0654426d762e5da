#include "cli/opt.h"
#include "util/date.h"
#include "util/msg.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *help_of(const struct zx_opt *o)
{
    return zx_msg_chinese() && o->help_zh ? o->help_zh : (o->help ? o->help : "");
}

static int is_end(const struct zx_opt *o)
{
    return !o->name && !o->str && !o->list;
}

static int takes_value(const struct zx_opt *o)
{
    return !o->flag;
}

/* The value's name in the usage: the declared one, else one from the kind. */
static const char *arg_of(const struct zx_opt *o)
{
    if (o->arg)
        return o->arg;
    if (o->choice)
        return o->choices;
    if (o->date)
        return "DATE";
    if (o->num || o->lnum)
        return "N";
    return "VALUE";
}

int zx_opt_choice_index(const char *choices, const char *val)
{
    size_t vl = strlen(val);
    int i = 0;
    for (const char *p = choices; p && *p; i++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == vl && !strncmp(p, val, n))
            return i;
        p = bar ? bar + 1 : NULL;
    }
    return -1;
}

/* Terminal columns of UTF-8 text: CJK and full-width forms take two, the rest one. */
static size_t cols(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned cp = *p;
        int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        cp = len == 1 ? cp : cp & (0x7Fu >> len);
        for (int i = 1; i < len && (p[i] & 0xC0) == 0x80; i++)
            cp = cp << 6 | (p[i] & 0x3Fu);
        for (int i = 0; i < len && *p; i++)
            p++;
        n += (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                     (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                     (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                 ? 2
                 : 1;
    }
    return n;
}

/* Append one synopsis item, wrapping lines at 79 columns under the first item. */
static void syn_item(FILE *f, const char *text, size_t *col, size_t indent)
{
    size_t n = cols(text);
    if (*col + 1 + n > 79 && *col > indent) {
        fprintf(f, "\n%*s", (int)indent + 1, "");
        *col = indent + 1;
    } else {
        fputc(' ', f);
        (*col)++;
    }
    fputs(text, f);
    *col += n;
}

void zx_opt_usage(const struct zx_opt_cmd *cmd, FILE *f)
{
    char item[160];
    const char *u = zx_msg(ZX_M_OPT_USAGE);
    fprintf(f, "%szhixiao %s", u, cmd->name);
    size_t indent = cols(u) + 8 + strlen(cmd->name);
    size_t col = indent;
    /* positionals first, then required options, then the rest */
    for (int pass = 0; pass < 3; pass++)
        for (const struct zx_opt *o = cmd->opts; !is_end(o); o++) {
            int pos = !o->name, req = (o->flags & ZX_OPT_REQUIRED) != 0;
            if ((o->flags & ZX_OPT_HIDDEN) || (pass == 0) != pos || (!pos && (pass == 1) != req))
                continue;
            if (pos)
                snprintf(item, sizeof item, "%s%s%s%s", req ? "" : "[", arg_of(o),
                         o->list ? "..." : "", req ? "" : "]");
            else if (!takes_value(o))
                snprintf(item, sizeof item, "[--%s]", o->name);
            else
                snprintf(item, sizeof item, "%s--%s %s%s%s", req ? "" : "[", o->name, arg_of(o),
                         req ? "" : "]", o->list ? "..." : "");
            syn_item(f, item, &col, indent);
        }
    fputc('\n', f);
    const char *about = zx_msg_chinese() && cmd->about_zh ? cmd->about_zh : cmd->about;
    if (about && *about)
        fprintf(f, "\n%s", about);
    fprintf(f, "\n%s\n", zx_msg(ZX_M_OPT_OPTIONS));
    for (const struct zx_opt *o = cmd->opts; !is_end(o); o++) {
        if (o->flags & ZX_OPT_HIDDEN)
            continue;
        if (!o->name)
            snprintf(item, sizeof item, "%s", arg_of(o));
        else if (!takes_value(o))
            snprintf(item, sizeof item, "--%s", o->name);
        else
            snprintf(item, sizeof item, "--%s %s", o->name, arg_of(o));
        size_t w = cols(item);
        if (w > 22)
            fprintf(f, "  %s\n  %22s %s\n", item, "", help_of(o));
        else
            fprintf(f, "  %s%*s %s\n", item, (int)(22 - w), "", help_of(o));
    }
    fprintf(f, "  %-22s %s\n", "-h, --help", zx_msg(ZX_M_OPT_HELP));
}

static void vfail(const struct zx_opt_cmd *cmd, const char *fmt, va_list ap)
{
    fprintf(stderr, "zhixiao %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int zx_opt_fail(const struct zx_opt_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(cmd, fmt, ap);
    va_end(ap);
    return 2;
}

/* A usage error: the message, then where to read more. Returns 2. */
static int usage_fail(const struct zx_opt_cmd *cmd, const char *fmt, ...) ZX_PRINTF(2, 3);
static int usage_fail(const struct zx_opt_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(cmd, fmt, ap);
    va_end(ap);
    fprintf(stderr, zx_msg(ZX_M_OPT_SEE_HELP), cmd->name);
    fputc('\n', stderr);
    return 2;
}

/* Store val into o's destination; opt is the option as written ("--from"). Returns 0 or 2. */
static int store(const struct zx_opt_cmd *cmd, const struct zx_opt *o, const char *opt,
                 const char *val)
{
    if (o->str) {
        *o->str = val;
    } else if (o->list && (o->flags & ZX_OPT_COMMAS)) {
        /* argv's strings are the program's to modify (C17 5.1.2.2.1) */
        char *save = NULL;
        for (char *t = strtok_r((char *)val, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (o->list->n >= ZX_OPT_LIST_MAX)
                return usage_fail(cmd, zx_msg(ZX_M_OPT_TOO_MANY), opt, ZX_OPT_LIST_MAX);
            o->list->v[o->list->n++] = t;
        }
    } else if (o->list) {
        if (o->list->n >= ZX_OPT_LIST_MAX)
            return usage_fail(cmd, zx_msg(ZX_M_OPT_TOO_MANY), opt, ZX_OPT_LIST_MAX);
        o->list->v[o->list->n++] = val;
    } else if (o->date) {
        if (zx_date_parse(val, strlen(val), o->date) != 0)
            return usage_fail(cmd, zx_msg(ZX_M_OPT_BAD_DATE), opt, val);
    } else if (o->num || o->lnum) {
        long long lo = o->min, hi = o->max;
        if (lo == 0 && hi == 0) {
            lo = o->num ? INT_MIN : LLONG_MIN;
            hi = o->num ? INT_MAX : LLONG_MAX;
        }
        char *end;
        errno = 0;
        long long v = strtoll(val, &end, 10);
        if (!*val || *end || errno || v < lo || v > hi)
            return usage_fail(cmd, zx_msg(ZX_M_OPT_BAD_INT), opt, lo, hi, val);
        if (o->num)
            *o->num = (int)v;
        else
            *o->lnum = v;
    } else if (o->choice) {
        int i = zx_opt_choice_index(o->choices, val);
        if (i < 0) {
            char list[160];
            size_t k = 0;
            for (const char *p = o->choices; *p && k + 3 < sizeof list; p++) {
                if (*p == '|') {
                    list[k++] = ',';
                    list[k++] = ' ';
                } else {
                    list[k++] = *p;
                }
            }
            list[k] = 0;
            return usage_fail(cmd, zx_msg(ZX_M_OPT_BAD_CHOICE), opt, list, val);
        }
        *o->choice = i;
    } else if (o->fn) {
        struct zx_err err = {0};
        if (o->fn(val, o->ud, &err) != ZX_OK)
            return usage_fail(cmd, "%s: %s", opt, err.msg);
    }
    return 0;
}

int zx_opt_parse(const struct zx_opt_cmd *cmd, int argc, char **argv)
{
    unsigned char given[ZX_OPT_MAX] = {0};
    int nopts = 0, next_pos = 0, only_pos = 0;
    while (!is_end(&cmd->opts[nopts]))
        nopts++;
    if (nopts > ZX_OPT_MAX)
        abort(); /* a programming error: the table is larger than the parser's bookkeeping */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_pos && !strcmp(a, "--")) {
            only_pos = 1;
            continue;
        }
        if (!only_pos && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
            zx_opt_usage(cmd, stdout);
            return 0;
        }
        if (only_pos || a[0] != '-' || !a[1]) {
            /* a positional: the next positional entry, or the list that takes the rest */
            int k = -1, seen = 0;
            for (int j = 0; j < nopts; j++) {
                if (cmd->opts[j].name)
                    continue;
                if (seen++ == next_pos || cmd->opts[j].list) {
                    k = j;
                    if (!cmd->opts[j].list)
                        next_pos++;
                    break;
                }
            }
            if (k < 0)
                return usage_fail(cmd, zx_msg(ZX_M_OPT_EXTRA_ARG), a);
            given[k] = 1;
            int rc = store(cmd, &cmd->opts[k], arg_of(&cmd->opts[k]), a);
            if (rc)
                return rc;
            continue;
        }
        /* --name or --name=value */
        const char *name = a + 2, *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        int k = -1;
        if (a[1] == '-')
            for (int j = 0; j < nopts; j++)
                if (cmd->opts[j].name && strlen(cmd->opts[j].name) == nlen &&
                    !strncmp(cmd->opts[j].name, name, nlen)) {
                    k = j;
                    break;
                }
        char opt[80];
        snprintf(opt, sizeof opt, "--%.*s", (int)(nlen < 70 ? nlen : 70), name);
        if (k < 0)
            return usage_fail(cmd, zx_msg(ZX_M_OPT_UNKNOWN), eq ? opt : a);
        const struct zx_opt *o = &cmd->opts[k];
        given[k] = 1;
        if (!takes_value(o)) {
            if (eq)
                return usage_fail(cmd, zx_msg(ZX_M_OPT_NO_VALUE), opt, eq + 1);
            *o->flag = 1;
            continue;
        }
        const char *val = eq ? eq + 1 : NULL;
        if (!val) {
            if (i + 1 >= argc)
                return usage_fail(cmd, zx_msg(ZX_M_OPT_NEEDS_VALUE), opt, arg_of(o));
            val = argv[++i];
        }
        int rc = store(cmd, o, opt, val);
        if (rc)
            return rc;
    }
    for (int j = 0; j < nopts; j++) {
        const struct zx_opt *o = &cmd->opts[j];
        if (!(o->flags & ZX_OPT_REQUIRED) || given[j])
            continue;
        if (!o->name)
            return usage_fail(cmd, zx_msg(ZX_M_OPT_MISSING_ARG), arg_of(o));
        char opt[80];
        snprintf(opt, sizeof opt, "--%s", o->name);
        return usage_fail(cmd, zx_msg(ZX_M_OPT_MISSING), opt);
    }
    return ZX_OPT_GO;
}

int zx_opt_check_period(const struct zx_opt_cmd *cmd, int32_t from, int32_t to)
{
    char a[16], b[16];
    if (from == ZX_DATE_NULL || to == ZX_DATE_NULL || from <= to)
        return 0;
    return usage_fail(cmd, zx_msg(ZX_M_OPT_FROM_AFTER_TO), zx_date_format(from, a),
                      zx_date_format(to, b));
}

int zx_opt_dispatch(const char *cmd, const struct zx_opt_sub *subs, const char *about,
                    const char *about_zh, void *ud, int argc, char **argv)
{
    const struct zx_opt_cmd c = {cmd, NULL, about, about_zh};
    const char *s = argc > 1 ? argv[1] : NULL;
    int help = s && (!strcmp(s, "--help") || !strcmp(s, "-h"));
    if (s && !help)
        for (const struct zx_opt_sub *x = subs; x->name; x++)
            if (!strcmp(x->name, s))
                return x->run(ud, argc - 1, argv + 1);
    FILE *f = help ? stdout : stderr;
    if (!s)
        zx_opt_fail(&c, "%s", zx_msg(ZX_M_OPT_NO_SUB));
    else if (!help)
        zx_opt_fail(&c, zx_msg(ZX_M_OPT_UNKNOWN_SUB), s);
    fprintf(f, "%szhixiao %s <%s> [options]\n", zx_msg(ZX_M_OPT_USAGE), cmd,
            zx_msg(ZX_M_OPT_SUBCOMMAND));
    const char *ab = zx_msg_chinese() && c.about_zh ? c.about_zh : c.about;
    if (ab && *ab)
        fprintf(f, "\n%s", ab);
    fprintf(f, "\n%s\n", zx_msg(ZX_M_OPT_SUBCOMMANDS));
    for (const struct zx_opt_sub *x = subs; x->name; x++)
        fprintf(f, "  %-12s %s\n", x->name,
                zx_msg_chinese() && x->help_zh ? x->help_zh : (x->help ? x->help : ""));
    fprintf(f, "\n");
    fprintf(f, zx_msg(ZX_M_OPT_SUB_HELP), cmd);
    fprintf(f, "\n");
    return help ? 0 : 2;
}
