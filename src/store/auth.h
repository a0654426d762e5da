/* auth.h — accounts of the web platform in the store: users (each in one unit, with roles,
 * a prosecutor tied to a staff member), argon2id password hashes (libsodium
 * crypto_pwhash_str), sessions (only a hash of the token is stored), login throttling
 * counters and the audit trail. Schema version 2 (schema.c).
 *
 * Policy (who may see what, how long a session lives, how long a lock lasts) is not decided
 * here: the web module decides and this module stores. Times are Unix seconds.
 * Depends on store, util and libsodium. Every function takes the store handle of the
 * calling thread; a handle is not shared between threads. */
#ifndef ZX_STORE_AUTH_H
#define ZX_STORE_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/* Roles, as bits of a mask. */
enum zx_role {
    ZX_ROLE_ADMIN = 1u << 0,      /* 系统管理员: accounts of the own subtree, imports */
    ZX_ROLE_LEADER = 1u << 1,     /* 院领导 */
    ZX_ROLE_ANALYST = 1u << 2,    /* 案件管理: analysis, imports */
    ZX_ROLE_EXECUTION = 1u << 3,  /* 刑事执行检察: needs full id numbers */
    ZX_ROLE_REVIEWER = 1u << 4,   /* 检务督察 / 案件评查 */
    ZX_ROLE_PROSECUTOR = 1u << 5, /* 检察官: own cases and figures only (staff_id) */
};
#define ZX_ROLE_COUNT 6

#define ZX_AUTH_NAME_MAX     64  /* account names: 1–63 bytes of [A-Za-z0-9._-] */
#define ZX_AUTH_HASH_MAX     128 /* crypto_pwhash_STRBYTES */
#define ZX_AUTH_PASSWORD_MIN 8
#define ZX_AUTH_PASSWORD_MAX 256

/* English code ("admin") and Chinese label ("系统管理员") of role bit r; NULL if unknown. */
const char *zx_role_code(unsigned r);
const char *zx_role_label(unsigned r);

/* Parse a comma-separated list of role codes into *mask. ZX_EINVAL names the bad one. */
int zx_role_parse(const char *list, unsigned *mask, struct zx_err *err) ZX_MUST_CHECK;

/* 1 when name is a valid account name. */
int zx_auth_name_ok(const char *name);

struct zx_user {
    int64_t id;
    char name[ZX_AUTH_NAME_MAX];
    char display[128]; /* a person's name for the UI; may be empty */
    char unit_id[65];  /* contract unit id */
    char staff_id[65]; /* "" unless tied to a staff member */
    unsigned roles;    /* enum zx_role bits */
    int disabled;
    char pw_hash[ZX_AUTH_HASH_MAX]; /* filled by the getters; never sent anywhere */
};

/* ZX_OK when password may be set for account name (NULL: any account): 8 to 256
 * characters, not in the common-password list, not one character repeated or a straight run
 * of digits or letters, not the name itself; else ZX_EINVAL with the reason. */
int zx_auth_password_check(const char *name, const char *password, struct zx_err *err);
/* 1 when password is in the list of common passwords (data/common-passwords.txt through
 * util/datafile.h: one per line, # starts a comment), compared without regard to case. */
int zx_auth_password_common(const char *password);
/* argon2id (ALG_ARGON2ID13, interactive limits) of password into out (NUL-terminated). */
int zx_auth_hash_password(const char *password, char out[ZX_AUTH_HASH_MAX],
                          struct zx_err *err) ZX_MUST_CHECK;

/* 1 when password matches hash, else 0 (also for a malformed hash). */
int zx_auth_check_password(const char *hash, const char *password);

/* A hash of a password nobody knows, to spend the same time on an unknown account. */
const char *zx_auth_dummy_hash(void);

/* Add user u with password (hashed here). The unit must exist in the units table; a staff_id,
 * when given, must exist and belong to that unit. u->id gets the new id. ZX_EINVAL with a
 * reason for a duplicate name, unknown unit or staff. */
int zx_auth_user_add(struct zx_store *st, struct zx_user *u, const char *password, int64_t now,
                     struct zx_err *err) ZX_MUST_CHECK;

/* Fill *u from the account called name (ZX_ENOTFOUND when none). */
int zx_auth_user_get(struct zx_store *st, const char *name, struct zx_user *u,
                     struct zx_err *err) ZX_MUST_CHECK;
int zx_auth_user_get_id(struct zx_store *st, int64_t id, struct zx_user *u,
                        struct zx_err *err) ZX_MUST_CHECK;

/* Set a new password; every session of the account ends. */
int zx_auth_user_passwd(struct zx_store *st, const char *name, const char *password, int64_t now,
                        struct zx_err *err) ZX_MUST_CHECK;

/* Disable (1) or enable (0) an account; disabling ends its sessions. */
int zx_auth_user_disable(struct zx_store *st, const char *name, int disabled,
                         struct zx_err *err) ZX_MUST_CHECK;

/* Call cb for every account, ordered by unit then name; u is borrowed for the call (its
 * pw_hash is empty). Stops when cb returns non-zero and returns that. */
typedef int (*zx_auth_user_cb)(void *ud, const struct zx_user *u);
int zx_auth_user_each(struct zx_store *st, zx_auth_user_cb cb, void *ud,
                      struct zx_err *err) ZX_MUST_CHECK;

/* Staff member staff_id: its unit id into unit_id[65] and name into name[128]. */
int zx_auth_staff_lookup(struct zx_store *st, const char *staff_id, char unit_id[65],
                         char name[128], struct zx_err *err) ZX_MUST_CHECK;

/* ---- sessions: keyed by the hex hash of the token, never the token itself ---- */

struct zx_session {
    int64_t user_id;
    char csrf[65];
    int64_t created_at, last_seen;
};

int zx_auth_session_create(struct zx_store *st, const char *token_hash, int64_t user_id,
                           const char *csrf, int64_t now, const char *addr,
                           struct zx_err *err) ZX_MUST_CHECK;
/* ZX_ENOTFOUND when there is no such session. */
int zx_auth_session_get(struct zx_store *st, const char *token_hash, struct zx_session *s,
                        struct zx_err *err) ZX_MUST_CHECK;
int zx_auth_session_touch(struct zx_store *st, const char *token_hash, int64_t now,
                          struct zx_err *err) ZX_MUST_CHECK;
int zx_auth_session_delete(struct zx_store *st, const char *token_hash,
                           struct zx_err *err) ZX_MUST_CHECK;
/* Delete sessions idle since before idle_before or created before created_before. */
int zx_auth_session_purge(struct zx_store *st, int64_t idle_before, int64_t created_before,
                          struct zx_err *err) ZX_MUST_CHECK;

/* ---- login throttling counters: key is "user:NAME" or "addr:ADDRESS" ---- */

/* failures and locked_until of key (0, 0 when none). */
int zx_auth_attempt_get(struct zx_store *st, const char *key, int64_t *failures,
                        int64_t *locked_until, struct zx_err *err) ZX_MUST_CHECK;
int zx_auth_attempt_put(struct zx_store *st, const char *key, int64_t failures, int64_t now,
                        int64_t locked_until, struct zx_err *err) ZX_MUST_CHECK;
int zx_auth_attempt_clear(struct zx_store *st, const char *key, struct zx_err *err) ZX_MUST_CHECK;

/* ---- audit trail ---- */

/* One audit record. action: "login", "logout", "view_case", "view_drilldown", "import",
 * "export", "user_add" …; outcome "ok", "failed", "denied". Strings may be NULL but action
 * and outcome. */
int zx_auth_audit(struct zx_store *st, int64_t now, const char *user, const char *unit_id,
                  const char *addr, const char *action, const char *target, const char *outcome,
                  const char *detail, struct zx_err *err) ZX_MUST_CHECK;

/* Record who ran web import import_id. */
int zx_auth_import_owner(struct zx_store *st, int64_t import_id, int64_t user_id,
                         const char *unit_id, struct zx_err *err) ZX_MUST_CHECK;

/* Tune a connection for a server worker: a smaller page cache than a bulk import wants,
 * and a busy timeout for concurrent writers. */
void zx_auth_tune_connection(struct zx_store *st, int cache_kib);

#endif
