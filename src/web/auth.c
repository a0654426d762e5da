/* auth.c — sessions, CSRF, throttling and role policy of the web platform. The pure
 * functions (zx_web_auth_*) are unit-tested in tests/web/test_auth.c. */
#include "web/internal.h"

#include <microhttpd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define COOKIE_NAME "zx_session"

void zx_web_auth_token(char out[65])
{
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
    sodium_memzero(b, sizeof b);
}

void zx_web_auth_token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

int zx_web_auth_cookie(const char *header, const char *name, char *out, size_t n)
{
    size_t nl = strlen(name);
    const char *p = header;
    if (!p || n == 0)
        return -1;
    while (*p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *eq = strchr(p, '=');
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        if (eq && eq < end && (size_t)(eq - p) == nl && !memcmp(p, name, nl)) {
            size_t vl = (size_t)(end - eq - 1);
            if (vl >= n)
                return -1;
            memcpy(out, eq + 1, vl);
            out[vl] = '\0';
            return 0;
        }
        p = end;
    }
    return -1;
}

void zx_web_auth_set_cookie(const char *token, int secure, char *out, size_t n)
{
    /* HttpOnly: scripts never see the token; SameSite=Strict: no cross-site request
     * carries it (the CSRF header is the second line of defence) */
    if (token)
        snprintf(out, n, COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
                 secure ? "; Secure" : "");
    else
        snprintf(out, n, COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                 secure ? "; Secure" : "");
}

int zx_web_auth_session_live(int64_t created, int64_t seen, int64_t now)
{
    return now - seen <= ZX_WEB_IDLE_SECONDS && now - created <= ZX_WEB_ABS_SECONDS &&
           created <= now + 60;
}

int zx_web_auth_csrf_ok(const char *expected, const char *got)
{
    if (!expected || !got || strlen(expected) != 64 || strlen(got) != 64)
        return 0;
    return sodium_memcmp(expected, got, 64) == 0;
}

/* Throttling policy (docs/architecture.md, "The server"): thresholds, first delays and caps
 * of the three counters. */
static const struct {
    int64_t threshold, base, cap;
} lock_policy[] = {
    [ZX_LOCK_PAIR] = {5, 60, 15 * 60},            /* one account from one address */
    [ZX_LOCK_ADDR] = {20, 15 * 60, 24 * 3600},    /* one address, any accounts */
    [ZX_LOCK_ACCOUNT] = {100, 15 * 60, 24 * 3600} /* one account from new addresses */
};

int64_t zx_web_auth_lock_threshold(enum zx_web_lock kind)
{
    return lock_policy[kind].threshold;
}

int64_t zx_web_auth_lock_seconds(int64_t failures, enum zx_web_lock kind)
{
    const int64_t threshold = lock_policy[kind].threshold, cap = lock_policy[kind].cap;
    if (failures < threshold)
        return 0;
    int64_t s = lock_policy[kind].base;
    for (int64_t i = threshold; i < failures && s < cap; i++)
        s *= 2;
    return s > cap ? cap : s;
}

int zx_web_auth_sees_ids(unsigned roles)
{
    return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_EXECUTION)) != 0;
}

unsigned zx_web_auth_grantable(unsigned roles, int at_root)
{
    if (!(roles & ZX_ROLE_ADMIN))
        return 0;
    /* an admin of the root unit administers the whole system: every role, admins too.
     * Any other admin grants only roles it holds itself, never admin: it can create no
     * account with a right it lacks, and no peer administrator */
    if (at_root)
        return (1u << ZX_ROLE_COUNT) - 1;
    return roles & ~(unsigned)ZX_ROLE_ADMIN;
}

int zx_web_auth_can(unsigned roles, enum zx_web_cap cap)
{
    switch (cap) {
    case ZX_CAP_VIEW:
        return roles != 0;
    case ZX_CAP_IMPORT:
        return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_USERS:
        return (roles & ZX_ROLE_ADMIN) != 0;
    case ZX_CAP_UNIT_FIGURES:
        /* a prosecutor who holds no other role sees own figures only */
        return (roles & ~(unsigned)ZX_ROLE_PROSECUTOR) != 0;
    case ZX_CAP_EXECUTION:
        /* 刑事执行检察 does the work; 院领导 and the administrator oversee it. Analysts,
         * reviewers and prosecutors do not see convicts' records */
        return (roles & (ZX_ROLE_EXECUTION | ZX_ROLE_LEADER | ZX_ROLE_ADMIN)) != 0;
    case ZX_CAP_GOVERNANCE:
        /* the prosecutors who handle cases and the case-management office; the route also
         * asks a prosecutor to belong to the case's unit */
        return (roles & (ZX_ROLE_PROSECUTOR | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_TRENDS:
        /* counts of a region's cases: whoever sees unit figures, not an own-figures-only
         * prosecutor */
        return (roles & ~(unsigned)ZX_ROLE_PROSECUTOR) != 0;
    case ZX_CAP_MONITOR_NOTICE:
        /* 流程监控 is the 案件管理 office's work (人民检察院案件流程监控工作规定) */
        return (roles & ZX_ROLE_ANALYST) != 0;
    case ZX_CAP_LEDGER:
        return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER)) != 0;
    case ZX_CAP_LEADERS:
        return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_RESIDENT:
        /* the resident procurators record; leaders and admins see (ZX_CAP_EXECUTION) */
        return (roles & ZX_ROLE_EXECUTION) != 0;
    case ZX_CAP_EVALUATION:
        /* 院领导, 案件管理 and the administrator see the subtree's prosecutors; anyone else
         * linked to a staff member sees their own evaluation only (route_evaluation.c) */
        return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_QUALITY_PLAN:
        /* 评查 is organised by the 案件管理 office (2017 规定) */
        return (roles & ZX_ROLE_ANALYST) != 0;
    case ZX_CAP_QUALITY_REVIEW:
        /* the 评查员 grades; the reviewer or the office answers an 异议 */
        return (roles & ZX_ROLE_REVIEWER) != 0;
    case ZX_CAP_DANGER:
        /* who decides on arrest (prosecutors: their own cases), who oversees it */
        return (roles &
                (ZX_ROLE_PROSECUTOR | ZX_ROLE_LEADER | ZX_ROLE_ANALYST | ZX_ROLE_REVIEWER)) != 0;
    case ZX_CAP_SEALED:
        /* 刑诉法第286条: sealed records only for the needs of a case, approved by a
         * leader of the procuratorate; never to administrators or analysts */
        return (roles & ZX_ROLE_LEADER) != 0;
    case ZX_CAP_LEADS_WORK:
        /* 数据碰撞 and leads are the work of 刑事执行检察 and 案件管理 */
        return (roles & (ZX_ROLE_EXECUTION | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_LEADS_VIEW:
        return (roles & (ZX_ROLE_EXECUTION | ZX_ROLE_ANALYST | ZX_ROLE_LEADER | ZX_ROLE_ADMIN)) !=
               0;
    case ZX_CAP_CASEBOOK_NOMINATE:
    case ZX_CAP_CASEBOOK_WRITE:
        /* the case's prosecutor (own cases, checked by the route), the case-management
         * office and the leaders (department heads hold the leader role here) */
        return (roles & (ZX_ROLE_PROSECUTOR | ZX_ROLE_ANALYST | ZX_ROLE_LEADER)) != 0;
    case ZX_CAP_CASEBOOK_DECIDE:
        /* the review committee: 院领导 */
        return (roles & ZX_ROLE_LEADER) != 0;
    case ZX_CAP_APPRAISE:
        return (roles & (ZX_ROLE_ADMIN | ZX_ROLE_LEADER | ZX_ROLE_ANALYST)) != 0;
    case ZX_CAP_APPRAISE_ENTER:
        /* the evaluating unit's departments: its analysts and leaders */
        return (roles & (ZX_ROLE_LEADER | ZX_ROLE_ANALYST)) != 0;
    }
    return 0;
}

/* ---- login and session check ---- */

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

/* Add a failure to key and set the lock it earns. A lock that has run out resets the
 * doubling: the next failure earns the first delay again, not twice the last one. */
static void note_failure(struct zx_web_req *r, const char *key, enum zx_web_lock kind)
{
    int64_t f = 0, until = 0, now = now_s();
    struct zx_err err = {0};
    if (zx_auth_attempt_get(r->st, key, &f, &until, &err) == ZX_OK) {
        if (until && until <= now)
            f = zx_web_auth_lock_threshold(kind) - 1;
        f++;
        int64_t lock = zx_web_auth_lock_seconds(f, kind);
        if (zx_auth_attempt_put(r->st, key, f, now, lock ? now + lock : 0, &err) != ZX_OK)
            fprintf(stderr, "zhixiao serve: %s\n", err.msg);
    }
}

int zx_web__login(struct zx_web_req *r, const char *name, const char *password, char token[65])
{
    char kuser[ZX_AUTH_NAME_MAX + 8], kaddr[80], kpair[ZX_AUTH_NAME_MAX + 80],
        kseen[ZX_AUTH_NAME_MAX + 80];
    int64_t f, seen, until_u = 0, until_a = 0, until_p = 0, now = now_s();
    struct zx_err err = {0};
    struct zx_user u;
    int ok = 0, known;
    /* Throttling never locks an account for everyone: failures count per account and
     * address (a short growing delay), per address (any accounts), and per account from
     * all addresses; that last lock spares the addresses the account has logged in from,
     * so an attacker elsewhere cannot lock the owner out. */
    snprintf(kuser, sizeof kuser, "user:%s", name);
    snprintf(kaddr, sizeof kaddr, "addr:%s", r->addr);
    snprintf(kpair, sizeof kpair, "pair:%s|%s", name, r->addr);
    snprintf(kseen, sizeof kseen, "seen:%s|%s", name, r->addr);
    if (zx_auth_attempt_get(r->st, kuser, &f, &until_u, &err) ||
        zx_auth_attempt_get(r->st, kaddr, &f, &until_a, &err) ||
        zx_auth_attempt_get(r->st, kpair, &f, &until_p, &err) ||
        zx_auth_attempt_get(r->st, kseen, &seen, &f, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    if (seen) /* a known address of this account */
        until_u = 0;
    int64_t until = until_u > until_a ? until_u : until_a;
    if (until_p > until)
        until = until_p;
    if (until > now) {
        char zh[160], en[160];
        long mins = (long)((until - now + 59) / 60);
        snprintf(zh, sizeof zh, "登录失败次数过多，账户或地址已暂时锁定，请 %ld 分钟后再试", mins);
        snprintf(en, sizeof en, "too many failed logins: locked, try again in %ld min", mins);
        zx_web__audit(r, "login", name, "denied", "locked");
        zx_web__error(r, 429, "locked", zh, en);
        return -1;
    }
    known = zx_auth_name_ok(name) && zx_auth_user_get(r->st, name, &u, &err) == ZX_OK;
    /* verify against a dummy hash for unknown accounts: the time taken tells nothing */
    ok = zx_auth_check_password(known ? u.pw_hash : zx_auth_dummy_hash(), password);
    if (!known || !ok || u.disabled) {
        note_failure(r, kpair, ZX_LOCK_PAIR);
        note_failure(r, kaddr, ZX_LOCK_ADDR);
        note_failure(r, kuser, ZX_LOCK_ACCOUNT);
        zx_web__audit(r, "login", name, "failed",
                      !known ? "unknown account"
                      : !ok  ? "wrong password"
                             : "disabled");
        zx_web__error(r, 401, "bad_credentials", "用户名或密码错误",
                      "wrong account name or password");
        return -1;
    }
    if (zx_auth_attempt_clear(r->st, kuser, &err) || zx_auth_attempt_clear(r->st, kaddr, &err) ||
        zx_auth_attempt_clear(r->st, kpair, &err) ||
        zx_auth_attempt_put(r->st, kseen, 1, now, 0, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    zx_web_auth_token(token);
    zx_web_auth_token_hash(token, r->token_hash);
    zx_web_auth_token(r->csrf);
    if (zx_auth_session_create(r->st, r->token_hash, u.id, r->csrf, now, r->addr, &err)) {
        zx_web__error(r, 500, "store", "数据库错误", err.msg);
        return -1;
    }
    memset(u.pw_hash, 0, sizeof u.pw_hash);
    r->user = u;
    r->authed = 1;
    zx_web__audit(r, "login", name, "ok", NULL);
    /* an occasional sweep keeps the table small */
    if (zx_auth_session_purge(r->st, now - ZX_WEB_IDLE_SECONDS, now - ZX_WEB_ABS_SECONDS, &err))
        fprintf(stderr, "zhixiao serve: %s\n", err.msg);
    return 0;
}

int zx_web__authenticate(struct zx_web_req *r)
{
    const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Cookie");
    char token[80];
    struct zx_session s;
    struct zx_err err = {0};
    int64_t now = now_s();
    if (zx_web_auth_cookie(h, COOKIE_NAME, token, sizeof token) || strlen(token) != 64)
        return -1;
    zx_web_auth_token_hash(token, r->token_hash);
    if (zx_auth_session_get(r->st, r->token_hash, &s, &err))
        return -1;
    if (!zx_web_auth_session_live(s.created_at, s.last_seen, now)) {
        if (zx_auth_session_delete(r->st, r->token_hash, &err))
            fprintf(stderr, "zhixiao serve: %s\n", err.msg);
        return -1;
    }
    if (zx_auth_user_get_id(r->st, s.user_id, &r->user, &err) || r->user.disabled)
        return -1;
    memset(r->user.pw_hash, 0, sizeof r->user.pw_hash);
    if (now - s.last_seen >= ZX_WEB_TOUCH_SECONDS &&
        zx_auth_session_touch(r->st, r->token_hash, now, &err))
        fprintf(stderr, "zhixiao serve: %s\n", err.msg);
    memcpy(r->csrf, s.csrf, sizeof r->csrf);
    r->authed = 1;
    return 0;
}
