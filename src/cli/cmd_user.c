/* cmd_user.c — `zhixiao user add|passwd|disable|enable|list`: accounts of the web platform
 * (store/auth.h). Passwords come from standard input (--password-stdin: the first line) or
 * are asked for on the terminal without echo; never from the command line. */
#include "cli/cli.h"
#include "cli/opt.h"
#include "store/auth.h"
#include "store/store.h"
#include "util/msg.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char about[] =
    "Roles: admin (系统管理员), leader (院领导), analyst (案件管理),\n"
    "execution (刑事执行), reviewer (检务督察/评查), prosecutor (检察官; needs\n"
    "--staff, a staff member of the unit). A user sees the unit and the units below\n"
    "it. Passwords (8-256 characters) are stored as argon2id hashes; they are read\n"
    "from standard input (--password-stdin: the first line) or asked for on the\n"
    "terminal without echo, never from the command line.\n"
    "\n"
    "exit status: 0 done, 2 usage or error\n";
static const char about_zh[] =
    "角色：admin（系统管理员）、leader（院领导）、analyst（案件管理）、execution（刑事\n"
    "执行）、reviewer（检务督察/评查）、prosecutor（检察官；须给 --staff，为本单位工作\n"
    "人员）。用户可见本单位及其下级单位。密码（8至256个字符）以 argon2id 散列保存；\n"
    "从标准输入读取（--password-stdin：第一行）或在终端不回显输入，从不取自命令行。\n"
    "\n"
    "退出状态：0 完成，2 用法或其他错误\n";

/* The first line of stdin, or a prompt without echo on a terminal. */
static int read_password(int from_stdin, char *out, size_t n)
{
    struct termios old, quiet;
    int tty = !from_stdin && isatty(STDIN_FILENO);
    if (tty) {
        fprintf(stderr, "%s", zx_msg(ZX_M_USER_PASSWORD_PROMPT));
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(out, (int)n, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fprintf(stderr, "\n");
    }
    if (!got)
        return -1;
    out[strcspn(out, "\r\n")] = '\0';
    return 0;
}

static int print_user(void *ud, const struct zx_user *u)
{
    char roles[128] = "";
    (void)ud;
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (u->roles & (1u << i)) {
            size_t l = strlen(roles);
            snprintf(roles + l, sizeof roles - l, "%s%s", l ? "," : "", zx_role_code(1u << i));
        }
    printf("%-20s %-10s %-10s %-34s %-10s %s\n", u->name, u->unit_id,
           u->staff_id[0] ? u->staff_id : "-", roles,
           zx_msg(u->disabled ? ZX_M_USER_DISABLED : ZX_M_USER_ACTIVE), u->display);
    return 0;
}

/* One table for every verb; which options are required or shown depends on it. */
static int user_run(const char *verb, int argc, char **argv)
{
    const char *db = NULL, *name = NULL, *unit = NULL, *role = NULL, *staff = NULL, *display = NULL;
    int pw_stdin = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    char pw[ZX_AUTH_PASSWORD_MAX + 2], cname[32];
    int is_add = !strcmp(verb, "add"), is_pw = !strcmp(verb, "passwd"),
        is_dis = !strcmp(verb, "disable"), is_list = !strcmp(verb, "list");
    const unsigned add_only = is_add ? 0 : ZX_OPT_HIDDEN;
    const struct zx_opt opts[] = {
        ZX_OPT_DB(&db),
        {.name = "name",
         .arg = "NAME",
         .str = &name,
         .flags = is_list ? ZX_OPT_HIDDEN : ZX_OPT_REQUIRED,
         .help = "the account's login name",
         .help_zh = "登录名"},
        {.name = "unit",
         .arg = "UNIT_ID",
         .str = &unit,
         .flags = is_add ? ZX_OPT_REQUIRED : ZX_OPT_HIDDEN,
         .help = "the user's unit",
         .help_zh = "用户所在单位"},
        {.name = "role",
         .arg = "R[,R...]",
         .str = &role,
         .flags = is_add ? ZX_OPT_REQUIRED : ZX_OPT_HIDDEN,
         .help = "roles (see above)",
         .help_zh = "角色（见上）"},
        {.name = "staff",
         .arg = "STAFF_ID",
         .str = &staff,
         .flags = add_only,
         .help = "the staff member (prosecutor)",
         .help_zh = "对应的工作人员（检察官角色）"},
        {.name = "display",
         .arg = "NAME",
         .str = &display,
         .flags = add_only,
         .help = "the name shown",
         .help_zh = "显示名"},
        {.name = "password-stdin",
         .flag = &pw_stdin,
         .flags = is_add || is_pw ? 0 : ZX_OPT_HIDDEN,
         .help = "read the password from the first line of stdin",
         .help_zh = "从标准输入第一行读取密码"},
        ZX_OPT_END,
    };
    snprintf(cname, sizeof cname, "user %s", verb);
    const struct zx_opt_cmd cmd = {cname, opts, about, about_zh};
    int rc = zx_opt_parse(&cmd, argc, argv);
    if (rc != ZX_OPT_GO)
        return rc;
    if (access(db, R_OK | W_OK) != 0)
        return zx_opt_fail(&cmd, zx_msg(ZX_M_CLI_CANNOT_OPEN_DB_IMPORT), db);
    if (zx_store_open(db, &st, &err))
        return zx_opt_fail(&cmd, "%s", zx_err_text(&err));
    int64_t now = (int64_t)time(NULL);
    if (is_add) {
        struct zx_user u;
        memset(&u, 0, sizeof u);
        if (strlen(name) >= sizeof u.name || strlen(unit) >= sizeof u.unit_id ||
            (staff && strlen(staff) >= sizeof u.staff_id)) {
            zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_USER_TOO_LONG));
            goto cleanup;
        }
        snprintf(u.name, sizeof u.name, "%s", name);
        snprintf(u.unit_id, sizeof u.unit_id, "%s", unit);
        snprintf(u.staff_id, sizeof u.staff_id, "%s", staff ? staff : "");
        snprintf(u.display, sizeof u.display, "%s", display ? display : "");
        if ((rc = zx_role_parse(role, &u.roles, &err)))
            goto fail;
        if (read_password(pw_stdin, pw, sizeof pw)) {
            zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_USER_NO_PASSWORD));
            goto cleanup;
        }
        if ((rc = zx_auth_user_add(st, &u, pw, now, &err)))
            goto fail;
        printf(zx_msg(ZX_M_USER_ADDED), u.name, u.unit_id);
    } else if (is_pw) {
        if (read_password(pw_stdin, pw, sizeof pw)) {
            zx_opt_fail(&cmd, "%s", zx_msg(ZX_M_USER_NO_PASSWORD));
            goto cleanup;
        }
        if ((rc = zx_auth_user_passwd(st, name, pw, now, &err)))
            goto fail;
        printf(zx_msg(ZX_M_USER_PASSWD), name);
    } else if (!is_list) {
        if ((rc = zx_auth_user_disable(st, name, is_dis, &err)))
            goto fail;
        printf(zx_msg(is_dis ? ZX_M_USER_DISABLED_DONE : ZX_M_USER_ENABLED_DONE), name);
    } else {
        printf("%-20s %-10s %-10s %-34s %-10s %s\n", "name", "unit", "staff", "roles", "state",
               "display");
        if ((rc = zx_auth_user_each(st, print_user, NULL, &err)))
            goto fail;
    }
    ret = 0;
    goto cleanup;
fail:
    zx_opt_fail(&cmd, "%s", zx_err_text(&err));
cleanup:
    memset(pw, 0, sizeof pw);
    zx_store_close(st);
    return ret;
}

static int user_add(void *ud, int argc, char **argv)
{
    (void)ud;
    return user_run("add", argc, argv);
}
static int user_passwd(void *ud, int argc, char **argv)
{
    (void)ud;
    return user_run("passwd", argc, argv);
}
static int user_disable(void *ud, int argc, char **argv)
{
    (void)ud;
    return user_run("disable", argc, argv);
}
static int user_enable(void *ud, int argc, char **argv)
{
    (void)ud;
    return user_run("enable", argc, argv);
}
static int user_list(void *ud, int argc, char **argv)
{
    (void)ud;
    return user_run("list", argc, argv);
}

int cmd_user(int argc, char **argv)
{
    static const struct zx_opt_sub subs[] = {
        {"add", user_add, "add an account", "添加账号"},
        {"passwd", user_passwd, "set an account's password (ends its sessions)",
         "设置账号密码（结束其会话）"},
        {"disable", user_disable, "disable an account (ends its sessions)",
         "停用账号（结束其会话）"},
        {"enable", user_enable, "enable an account again", "重新启用账号"},
        {"list", user_list, "list the accounts", "列出账号"},
        {NULL, NULL, NULL, NULL},
    };
    return zx_opt_dispatch("user", subs, about, about_zh, NULL, argc, argv);
}
