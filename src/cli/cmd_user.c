/* cmd_user.c — `zhixiao user add|passwd|disable|enable|list`: accounts of the web platform
 * (store/auth.h). Passwords come from standard input (--password-stdin: the first line) or
 * are asked for on the terminal without echo; never from the command line. */
#include "cli/cli.h"
#include "store/auth.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: zhixiao user add --db FILE --name NAME --unit UNIT_ID --role R[,R...]\n"
               "                        [--staff STAFF_ID] [--display NAME] [--password-stdin]\n"
               "       zhixiao user passwd --db FILE --name NAME [--password-stdin]\n"
               "       zhixiao user disable|enable --db FILE --name NAME\n"
               "       zhixiao user list --db FILE\n"
               "\n"
               "Roles: admin (系统管理员), leader (院领导), analyst (案件管理),\n"
               "execution (刑事执行), reviewer (检务督察/评查), prosecutor (检察官; needs\n"
               "--staff, a staff member of the unit). A user sees the unit and the units below\n"
               "it. Passwords (8-256 characters) are stored as argon2id hashes.\n"
               "\n"
               "exit status: 0 done, 2 usage or error\n");
}

/* The first line of stdin, or a prompt without echo on a terminal. */
static int read_password(int from_stdin, char *out, size_t n)
{
    struct termios old, quiet;
    int tty = !from_stdin && isatty(STDIN_FILENO);
    if (tty) {
        fprintf(stderr, "password: ");
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
           u->staff_id[0] ? u->staff_id : "-", roles, u->disabled ? "disabled" : "active",
           u->display);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    const char *db = NULL, *name = NULL, *unit = NULL, *role = NULL, *staff = NULL, *display = NULL;
    int pw_stdin = 0, ret = 2;
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    char pw[ZX_AUTH_PASSWORD_MAX + 2];
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--db") && has)
            db = argv[++i];
        else if (!strcmp(a, "--name") && has)
            name = argv[++i];
        else if (!strcmp(a, "--unit") && has)
            unit = argv[++i];
        else if (!strcmp(a, "--role") && has)
            role = argv[++i];
        else if (!strcmp(a, "--staff") && has)
            staff = argv[++i];
        else if (!strcmp(a, "--display") && has)
            display = argv[++i];
        else if (!strcmp(a, "--password-stdin"))
            pw_stdin = 1;
        else {
            fprintf(stderr, "zhixiao user: unexpected argument '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    int is_add = !strcmp(sub, "add"), is_pw = !strcmp(sub, "passwd"),
        is_dis = !strcmp(sub, "disable"), is_en = !strcmp(sub, "enable"),
        is_list = !strcmp(sub, "list");
    if (!(is_add || is_pw || is_dis || is_en || is_list) || !db || (!is_list && !name) ||
        (is_add && (!unit || !role))) {
        usage(stderr);
        return 2;
    }
    if (access(db, R_OK | W_OK) != 0) {
        fprintf(stderr, "zhixiao user: cannot open database '%s' (import a bundle first)\n", db);
        return 2;
    }
    if (zx_store_open(db, &st, &err)) {
        fprintf(stderr, "zhixiao user: %s\n", err.msg);
        return 2;
    }
    int64_t now = (int64_t)time(NULL);
    int rc = 0;
    if (is_add) {
        struct zx_user u;
        memset(&u, 0, sizeof u);
        if (strlen(name) >= sizeof u.name || strlen(unit) >= sizeof u.unit_id ||
            (staff && strlen(staff) >= sizeof u.staff_id)) {
            fprintf(stderr, "zhixiao user: name, unit or staff id too long\n");
            goto cleanup;
        }
        snprintf(u.name, sizeof u.name, "%s", name);
        snprintf(u.unit_id, sizeof u.unit_id, "%s", unit);
        snprintf(u.staff_id, sizeof u.staff_id, "%s", staff ? staff : "");
        snprintf(u.display, sizeof u.display, "%s", display ? display : "");
        if ((rc = zx_role_parse(role, &u.roles, &err)))
            goto fail;
        if (read_password(pw_stdin, pw, sizeof pw)) {
            fprintf(stderr, "zhixiao user: no password given\n");
            goto cleanup;
        }
        if ((rc = zx_auth_user_add(st, &u, pw, now, &err)))
            goto fail;
        printf("added %s (unit %s)\n", u.name, u.unit_id);
    } else if (is_pw) {
        if (read_password(pw_stdin, pw, sizeof pw)) {
            fprintf(stderr, "zhixiao user: no password given\n");
            goto cleanup;
        }
        if ((rc = zx_auth_user_passwd(st, name, pw, now, &err)))
            goto fail;
        printf("password of %s changed; its sessions ended\n", name);
    } else if (is_dis || is_en) {
        if ((rc = zx_auth_user_disable(st, name, is_dis, &err)))
            goto fail;
        printf("%s %s\n", name, is_dis ? "disabled; its sessions ended" : "enabled");
    } else {
        printf("%-20s %-10s %-10s %-34s %-10s %s\n", "name", "unit", "staff", "roles", "state",
               "display");
        if ((rc = zx_auth_user_each(st, print_user, NULL, &err)))
            goto fail;
    }
    ret = 0;
    goto cleanup;
fail:
    fprintf(stderr, "zhixiao user: %s\n", err.msg);
cleanup:
    memset(pw, 0, sizeof pw);
    zx_store_close(st);
    return ret;
}
