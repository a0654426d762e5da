/* store_auth.c — accounts, sessions, throttling counters and audit on SQLite (auth.h). */
#include "store/auth.h"

#include <sodium.h>
#include "store/ledger.h"
#include "store/sql.h"
#include "util/datafile.h"
#include "util/date.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
    unsigned bit;
    const char *code, *label;
} roles[ZX_ROLE_COUNT] = {
    {ZX_ROLE_ADMIN, "admin", "系统管理员"},     {ZX_ROLE_LEADER, "leader", "院领导"},
    {ZX_ROLE_ANALYST, "analyst", "案件管理"},   {ZX_ROLE_EXECUTION, "execution", "刑事执行"},
    {ZX_ROLE_REVIEWER, "reviewer", "检务督察"}, {ZX_ROLE_PROSECUTOR, "prosecutor", "检察官"},
};

const char *zx_role_code(unsigned r)
{
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (roles[i].bit == r)
            return roles[i].code;
    return NULL;
}

const char *zx_role_label(unsigned r)
{
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (roles[i].bit == r)
            return roles[i].label;
    return NULL;
}

static unsigned role_bit(const char *code, size_t n)
{
    for (int i = 0; i < ZX_ROLE_COUNT; i++)
        if (strlen(roles[i].code) == n && !memcmp(roles[i].code, code, n))
            return roles[i].bit;
    return 0;
}

int zx_role_parse(const char *list, unsigned *mask, struct zx_err *err)
{
    *mask = 0;
    const char *p = list;
    while (p && *p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        unsigned b = role_bit(p, n);
        if (!b) {
            char role[48];
            snprintf(role, sizeof role, "%.*s", (int)(n > 40 ? 40 : n), p);
            return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_UNKNOWN_ROLE, role);
        }
        *mask |= b;
        p = e ? e + 1 : NULL;
    }
    if (!*mask)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_NO_ROLE);
    return ZX_OK;
}

int zx_auth_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= ZX_AUTH_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int sodium_ready(struct zx_err *err)
{
    if (sodium_init() < 0)
        return zx_err_set(err, ZX_EINVAL, "libsodium cannot start");
    return ZX_OK;
}

/* 1 when s is one character repeated or a straight run (12345678, 87654321, abcdefgh). */
static int trivial(const char *s)
{
    size_t n = strlen(s);
    int same = 1, up = 1, down = 1;
    for (size_t i = 1; i < n; i++) {
        int a = (unsigned char)s[i - 1], b = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a += 'a' - 'A';
        if (b >= 'A' && b <= 'Z')
            b += 'a' - 'A';
        int alnum = ((a >= '0' && a <= '9') && (b >= '0' && b <= '9')) ||
                    ((a >= 'a' && a <= 'z') && (b >= 'a' && b <= 'z'));
        same &= a == b;
        up &= alnum && b == a + 1;
        down &= alnum && b == a - 1;
    }
    return same || up || down;
}

int zx_auth_password_common(const char *password)
{
    struct zx_datafile df;
    struct zx_err err;
    size_t n = strlen(password);
    int found = 0;
    if (zx_datafile_load("common-passwords.txt", 1u << 20, &df, &err))
        return 0; /* the built-in copy is always there */
    for (const char *line = df.text; *line && !found;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        while (len && (line[len - 1] == '\r' || line[len - 1] == ' '))
            len--;
        found = line[0] != '#' && len == n && !strncasecmp(line, password, n);
        if (!end)
            break;
        line = end + 1;
    }
    zx_datafile_release(&df);
    return found;
}

int zx_auth_password_check(const char *name, const char *password, struct zx_err *err)
{
    size_t n = strlen(password);
    /* NIST SP 800-63B §5.1.1.2: at least 8 characters, and not a value known to be common,
     * repetitive or sequential, nor the account's own name */
    if (n < ZX_AUTH_PASSWORD_MIN || n > ZX_AUTH_PASSWORD_MAX)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_PW_LENGTH, ZX_AUTH_PASSWORD_MIN,
                           ZX_AUTH_PASSWORD_MAX);
    if (zx_auth_password_common(password) || trivial(password))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_PW_COMMON);
    if (name && !strcasecmp(name, password))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_PW_NAME);
    return ZX_OK;
}

int zx_auth_hash_password(const char *password, char out[ZX_AUTH_HASH_MAX], struct zx_err *err)
{
    size_t n = strlen(password);
    int rc;
    if (sodium_ready(err))
        return err ? err->rc : ZX_EINVAL;
    if ((rc = zx_auth_password_check(NULL, password, err)))
        return rc;
    if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return zx_err_set(err, ZX_ENOMEM, "out of memory hashing the password");
    return ZX_OK;
}

int zx_auth_check_password(const char *hash, const char *password)
{
    if (sodium_init() < 0 || !hash || !*hash)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

const char *zx_auth_dummy_hash(void)
{
    /* computed once; the cost parameters match real hashes so timing does not tell an
     * unknown account from a wrong password */
    static char h[ZX_AUTH_HASH_MAX];
    static int done;
    if (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
        char tmp[ZX_AUTH_HASH_MAX];
        unsigned char pw[24];
        char hex[49];
        if (sodium_init() >= 0) {
            randombytes_buf(pw, sizeof pw);
            sodium_bin2hex(hex, sizeof hex, pw, sizeof pw);
            if (crypto_pwhash_str_alg(tmp, hex, strlen(hex), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                      crypto_pwhash_ALG_ARGON2ID13) == 0) {
                memcpy(h, tmp, sizeof h);
                __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
            }
        }
    }
    return h;
}

/* Run a statement that returns no rows. */
static int run(struct zx_store *st, sqlite3_stmt *s, struct zx_err *err, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return zx_store__db_err(st, err, what);
    return ZX_OK;
}

void zx_auth_tune_connection(struct zx_store *st, int cache_kib)
{
    char sql[80];
    sqlite3 *db = zx_store_sqlite(st);
    snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", cache_kib > 0 ? cache_kib : 16384);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_busy_timeout(db, 10000);
}

/* ---- users ---- */

int zx_auth_staff_lookup(struct zx_store *st, const char *staff_id, char unit_id[65],
                         char name[128], struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc =
        zx_store__prep(st,
                       "SELECT u.unit_id, s.name FROM staff s JOIN units u ON u.id = s.unit_rid "
                       "WHERE s.staff_id = ?",
                       &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, staff_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        zx_store__col_text(s, 0, unit_id, 65);
        zx_store__col_text(s, 1, name, 128);
    } else {
        rc = zx_err_set(err, ZX_ENOTFOUND, "no staff member '%s'", staff_id);
    }
    sqlite3_finalize(s);
    return rc;
}

static int unit_exists(struct zx_store *st, const char *unit_id)
{
    sqlite3_stmt *s = NULL;
    if (zx_store__prep(st, "SELECT 1 FROM units WHERE unit_id = ?", &s, NULL))
        return 0;
    sqlite3_bind_text(s, 1, unit_id, -1, SQLITE_TRANSIENT);
    int ok = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return ok;
}

static int set_roles(struct zx_store *st, int64_t id, unsigned mask, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "INSERT INTO user_roles(user_rid, role) VALUES(?, ?)", &s, err);
    for (int i = 0; !rc && i < ZX_ROLE_COUNT; i++) {
        if (!(mask & roles[i].bit))
            continue;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_text(s, 2, roles[i].code, -1, SQLITE_STATIC);
        rc = run(st, s, err, "user roles");
    }
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_user_add(struct zx_store *st, struct zx_user *u, const char *password, int64_t now,
                     struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char hash[ZX_AUTH_HASH_MAX];
    int rc;
    if (!zx_auth_name_ok(u->name))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_BAD_NAME);
    if (!u->roles)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_NEEDS_ROLE);
    if (!unit_exists(st, u->unit_id))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_NO_UNIT, u->unit_id);
    if ((u->roles & ZX_ROLE_PROSECUTOR) && !u->staff_id[0])
        return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_NEEDS_STAFF);
    if (u->staff_id[0]) {
        char su[65], sn[128];
        if ((rc = zx_auth_staff_lookup(st, u->staff_id, su, sn, err)))
            return rc == ZX_ENOTFOUND ? zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_NO_STAFF, u->staff_id)
                                      : rc;
        if (strcmp(su, u->unit_id))
            return zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_STAFF_UNIT, u->staff_id, su, u->unit_id);
        if (!u->display[0])
            snprintf(u->display, sizeof u->display, "%s", sn);
    }
    if ((rc = zx_auth_password_check(u->name, password, err)) ||
        (rc = zx_auth_hash_password(password, hash, err)))
        return rc;
    if ((rc = zx_store_begin(st, err)))
        return rc;
    rc = zx_store__prep(
        st,
        "INSERT INTO users(name, display_name, unit_id, staff_id, pw_hash, disabled, "
        "created_at, pw_changed_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
        &s, err);
    if (rc)
        goto cleanup;
    sqlite3_bind_text(s, 1, u->name, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 2, u->display);
    sqlite3_bind_text(s, 3, u->unit_id, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 4, u->staff_id);
    sqlite3_bind_text(s, 5, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, u->disabled ? 1 : 0);
    sqlite3_bind_int64(s, 7, now);
    sqlite3_bind_int64(s, 8, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(zx_store_sqlite(st)) == SQLITE_CONSTRAINT_UNIQUE)
            rc = zx_err_setm(err, ZX_EINVAL, ZX_M_AUTH_EXISTS, u->name);
        else
            rc = zx_store__db_err(st, err, "add user");
        goto cleanup;
    }
    u->id = sqlite3_last_insert_rowid(zx_store_sqlite(st));
    rc = set_roles(st, u->id, u->roles, err);
    /* an account change is an act of the ledger (ledger.h) */
    if (!rc)
        rc = zx_ledger_record(st, "users", u->id, "insert", NULL, 0, 0, ZX_DATE_NULL, err);
cleanup:
    sqlite3_finalize(s);
    if (rc)
        zx_store_rollback(st);
    else
        rc = zx_store_commit(st, err);
    return rc;
}

static const char *const user_cols =
    "SELECT u.id, u.name, u.display_name, u.unit_id, u.staff_id, u.disabled, u.pw_hash, "
    "(SELECT group_concat(role) FROM user_roles r WHERE r.user_rid = u.id) FROM users u ";

static void read_user(sqlite3_stmt *s, struct zx_user *u, int with_hash)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(s, 0);
    zx_store__col_text(s, 1, u->name, sizeof u->name);
    zx_store__col_text(s, 2, u->display, sizeof u->display);
    zx_store__col_text(s, 3, u->unit_id, sizeof u->unit_id);
    zx_store__col_text(s, 4, u->staff_id, sizeof u->staff_id);
    u->disabled = sqlite3_column_int(s, 5);
    if (with_hash)
        zx_store__col_text(s, 6, u->pw_hash, sizeof u->pw_hash);
    const char *r = (const char *)sqlite3_column_text(s, 7);
    unsigned mask = 0;
    if (r && zx_role_parse(r, &mask, NULL) == ZX_OK)
        u->roles = mask;
}

static int user_get(struct zx_store *st, const char *where, const char *name, int64_t id,
                    struct zx_user *u, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[600];
    snprintf(sql, sizeof sql, "%s%s", user_cols, where);
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    if (name)
        sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        read_user(s, u, 1);
    else if (step == SQLITE_DONE)
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_AUTH_NO_ACCOUNT, name ? name : "?");
    else
        rc = zx_store__db_err(st, err, "user");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_user_get(struct zx_store *st, const char *name, struct zx_user *u, struct zx_err *err)
{
    return user_get(st, "WHERE u.name = ?", name, 0, u, err);
}

int zx_auth_user_get_id(struct zx_store *st, int64_t id, struct zx_user *u, struct zx_err *err)
{
    return user_get(st, "WHERE u.id = ?", NULL, id, u, err);
}

/* Run sql with ?1 = name (and ?2 = i2 when use_i2); ZX_ENOTFOUND when no account changed. */
static int user_update(struct zx_store *st, const char *sql, const char *name, const char *t2,
                       int64_t i3, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    if (t2)
        sqlite3_bind_text(s, 2, t2, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, i3);
    rc = run(st, s, err, "update user");
    if (!rc && sqlite3_changes(zx_store_sqlite(st)) == 0)
        rc = zx_err_setm(err, ZX_ENOTFOUND, ZX_M_AUTH_NO_ACCOUNT, name);
    sqlite3_finalize(s);
    s = NULL;
    /* an account change is an act of the ledger (ledger.h) */
    if (!rc && !(rc = zx_store__prep(st, "SELECT id FROM users WHERE name = ?", &s, err))) {
        sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(s) == SQLITE_ROW)
            rc = zx_ledger_record(st, "users", sqlite3_column_int64(s, 0), "update", NULL, 0, 0,
                                  ZX_DATE_NULL, err);
        sqlite3_finalize(s);
    }
    return rc;
}

static int end_sessions(struct zx_store *st, const char *name, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(
        st, "DELETE FROM sessions WHERE user_rid = (SELECT id FROM users WHERE name = ?)", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    rc = run(st, s, err, "end sessions");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_user_passwd(struct zx_store *st, const char *name, const char *password, int64_t now,
                        struct zx_err *err)
{
    char hash[ZX_AUTH_HASH_MAX];
    int rc = zx_auth_password_check(name, password, err);
    if (rc == ZX_OK)
        rc = zx_auth_hash_password(password, hash, err);
    if (rc)
        return rc;
    rc = user_update(st, "UPDATE users SET pw_hash = ?2, pw_changed_at = ?3 WHERE name = ?1", name,
                     hash, now, err);
    return rc ? rc : end_sessions(st, name, err);
}

int zx_auth_user_disable(struct zx_store *st, const char *name, int disabled, struct zx_err *err)
{
    int rc = user_update(st, "UPDATE users SET disabled = ?3 WHERE name = ?1", name, NULL,
                         disabled ? 1 : 0, err);
    return rc || !disabled ? rc : end_sessions(st, name, err);
}

int zx_auth_user_each(struct zx_store *st, zx_auth_user_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char sql[600];
    snprintf(sql, sizeof sql, "%sORDER BY u.unit_id, u.name", user_cols);
    int rc = zx_store__prep(st, sql, &s, err), step;
    if (rc)
        return rc;
    struct zx_user u;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        read_user(s, &u, 0);
        if ((rc = cb(ud, &u)))
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "list users");
    sqlite3_finalize(s);
    return rc;
}

/* ---- sessions ---- */

int zx_auth_session_create(struct zx_store *st, const char *token_hash, int64_t user_id,
                           const char *csrf, int64_t now, const char *addr, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(
        st,
        "INSERT INTO sessions(token_hash, user_rid, csrf, created_at, last_seen, addr) "
        "VALUES(?, ?, ?, ?, ?, ?)",
        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, user_id);
    sqlite3_bind_text(s, 3, csrf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, now);
    sqlite3_bind_int64(s, 5, now);
    zx_store__bind_text(s, 6, addr);
    rc = run(st, s, err, "create session");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_session_get(struct zx_store *st, const char *token_hash, struct zx_session *out,
                        struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "SELECT user_rid, csrf, created_at, last_seen FROM sessions "
                            "WHERE token_hash = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, token_hash, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->user_id = sqlite3_column_int64(s, 0);
        zx_store__col_text(s, 1, out->csrf, sizeof out->csrf);
        out->created_at = sqlite3_column_int64(s, 2);
        out->last_seen = sqlite3_column_int64(s, 3);
    } else if (step == SQLITE_DONE) {
        rc = zx_err_set(err, ZX_ENOTFOUND, "no session");
    } else {
        rc = zx_store__db_err(st, err, "session");
    }
    sqlite3_finalize(s);
    return rc;
}

static int exec_hash(struct zx_store *st, const char *sql, const char *h, int64_t v,
                     struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, h, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, v);
    rc = run(st, s, err, "session");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_session_touch(struct zx_store *st, const char *token_hash, int64_t now,
                          struct zx_err *err)
{
    return exec_hash(st, "UPDATE sessions SET last_seen = ?2 WHERE token_hash = ?1", token_hash,
                     now, err);
}

int zx_auth_session_delete(struct zx_store *st, const char *token_hash, struct zx_err *err)
{
    return exec_hash(st, "DELETE FROM sessions WHERE token_hash = ?1 AND ?2 = ?2", token_hash, 0,
                     err);
}

int zx_auth_session_purge(struct zx_store *st, int64_t idle_before, int64_t created_before,
                          struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc =
        zx_store__prep(st, "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, idle_before);
    sqlite3_bind_int64(s, 2, created_before);
    rc = run(st, s, err, "purge sessions");
    sqlite3_finalize(s);
    return rc;
}

/* ---- throttling ---- */

int zx_auth_attempt_get(struct zx_store *st, const char *key, int64_t *failures,
                        int64_t *locked_until, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    *failures = *locked_until = 0;
    int rc = zx_store__prep(st, "SELECT failures, locked_until FROM login_attempts WHERE key = ?",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *failures = sqlite3_column_int64(s, 0);
        *locked_until = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return ZX_OK;
}

int zx_auth_attempt_put(struct zx_store *st, const char *key, int64_t failures, int64_t now,
                        int64_t locked_until, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT OR REPLACE INTO login_attempts(key, failures, last_failure, "
                            "locked_until) VALUES(?, ?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, failures);
    sqlite3_bind_int64(s, 3, now);
    sqlite3_bind_int64(s, 4, locked_until);
    rc = run(st, s, err, "login attempts");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_attempt_clear(struct zx_store *st, const char *key, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st, "DELETE FROM login_attempts WHERE key = ?", &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
    rc = run(st, s, err, "login attempts");
    sqlite3_finalize(s);
    return rc;
}

/* ---- audit ---- */

int zx_auth_audit(struct zx_store *st, int64_t now, const char *user, const char *unit_id,
                  const char *addr, const char *action, const char *target, const char *outcome,
                  const char *detail, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc =
        zx_store__prep(st,
                       "INSERT INTO audit(at, user_name, unit_id, addr, action, target, outcome, "
                       "detail) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
                       &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, now);
    zx_store__bind_text(s, 2, user);
    zx_store__bind_text(s, 3, unit_id);
    zx_store__bind_text(s, 4, addr);
    sqlite3_bind_text(s, 5, action, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 6, target);
    sqlite3_bind_text(s, 7, outcome, -1, SQLITE_TRANSIENT);
    zx_store__bind_text(s, 8, detail);
    rc = run(st, s, err, "audit");
    sqlite3_finalize(s);
    return rc;
}

int zx_auth_import_owner(struct zx_store *st, int64_t import_id, int64_t user_id,
                         const char *unit_id, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = zx_store__prep(st,
                            "INSERT OR REPLACE INTO import_owners(import_rid, user_rid, unit_id) "
                            "VALUES(?, ?, ?)",
                            &s, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, import_id);
    sqlite3_bind_int64(s, 2, user_id);
    zx_store__bind_text(s, 3, unit_id);
    rc = run(st, s, err, "import owner");
    sqlite3_finalize(s);
    return rc;
}
