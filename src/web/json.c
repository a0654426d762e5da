/* json.c — responses, query arguments, scope checks and masking shared by the routes. */
#include "web/internal.h"

#include "util/date.h"
#include "util/idnum.h"
#include "util/msg.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void set_out(struct zx_web_req *r, int status, const char *ctype, char *s, size_t n)
{
    free(r->out);
    r->status = status;
    r->ctype = ctype;
    r->out = s;
    r->out_len = n;
}

static int alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int zx_web_mask_idnums(char *s)
{
    int masked = 0;
    for (size_t i = 0; s[i];) {
        if (!(s[i] >= '0' && s[i] <= '9') || (i > 0 && alnum(s[i - 1]))) {
            i++;
            continue;
        }
        size_t k = 0;
        while (s[i + k] >= '0' && s[i + k] <= '9')
            k++;
        if (k == 17 && (s[i + k] == 'X' || s[i + k] == 'x'))
            k++;
        if ((k == 18 || k == 15) && !alnum(s[i + k])) {
            /* 18: area code, 8 masked (the birth date), sequence and check digit;
             * 15 (the old form): area code, 6 masked (YYMMDD), sequence */
            memset(s + i + 6, '*', k == 18 ? 8 : 6);
            masked++;
        }
        i += k;
    }
    return masked;
}

/* Mask id numbers in every string of j (recursively). */
static void mask_json(json_t *j)
{
    if (json_is_object(j)) {
        for (void *it = json_object_iter(j); it; it = json_object_iter_next(j, it))
            mask_json(json_object_iter_value(it));
    } else if (json_is_array(j)) {
        for (size_t i = 0; i < json_array_size(j); i++)
            mask_json(json_array_get(j, i));
    } else if (json_is_string(j)) {
        const char *t = json_string_value(j);
        size_t n = json_string_length(j), run = 0;
        for (size_t k = 0; k < n && run < 15; k++)
            run = t[k] >= '0' && t[k] <= '9' ? run + 1 : 0;
        if (run < 15) /* no 15 digits in a row: nothing to mask */
            return;
        char *c = strndup(t, n);
        if (c && zx_web_mask_idnums(c))
            json_string_setn(j, c, n);
        free(c);
    }
}

void zx_web__json(struct zx_web_req *r, int status, json_t *j)
{
    /* the one place citizen id numbers are masked for roles that must not see them: every
     * string of every JSON response (fields, messages, raw rows) */
    if (j && !zx_web__sees_ids(r))
        mask_json(j);
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!s) {
        static const char oom[] = "{\"error\":{\"status\":500,\"code\":\"oom\"}}";
        s = strdup(oom);
        status = 500;
    }
    set_out(r, status, "application/json; charset=utf-8", s, s ? strlen(s) : 0);
}

void zx_web__raw(struct zx_web_req *r, int status, const char *ctype, const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, s, n);
        c[n] = '\0';
    }
    set_out(r, c ? status : 500, ctype, c, c ? n : 0);
}

void zx_web__error(struct zx_web_req *r, int status, const char *code, const char *zh,
                   const char *en)
{
    json_t *e = json_pack("{s:{s:i,s:s,s:s,s:s}}", "error", "status", status, "code", code,
                          "message", zh, "message_en", en);
    zx_web__json(r, status, e);
}

void zx_web__errorf(struct zx_web_req *r, int status, const char *code, const char *zh,
                    const char *en_fmt, ...)
{
    char en[600];
    va_list ap;
    va_start(ap, en_fmt);
    vsnprintf(en, sizeof en, en_fmt, ap);
    va_end(ap);
    zx_web__error(r, status, code, zh, en);
}

void zx_web__error_lib(struct zx_web_req *r, int status, const char *code, const char *head,
                       const char *fallback, const struct zx_err *err)
{
    char zh[sizeof err->zh + 128];
    if (err->zh[0])
        snprintf(zh, sizeof zh, "%s：%s", head, err->zh);
    else
        snprintf(zh, sizeof zh, "%s", fallback ? fallback : head);
    const char *key = err->zh[0] ? zx_msg_key(err->id) : NULL;
    json_t *e = json_pack("{s:{s:i,s:s,s:s,s:s,s:s?}}", "error", "status", status, "code", code,
                          "message", zh, "message_en", err->msg, "message_id", key);
    zx_web__json(r, status, e);
}

const char *zx_web__arg(struct zx_web_req *r, const char *name)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    return v && *v ? v : NULL;
}

int zx_web__arg_int(struct zx_web_req *r, const char *name, long lo, long hi, long def, long *out)
{
    const char *v = zx_web__arg(r, name);
    *out = def;
    if (!v)
        return 0;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || *end || end == v || x < lo || x > hi) {
        zx_web__errorf(r, 400, "bad_argument", "参数格式不正确",
                       "argument %s must be an integer "
                       "from %ld to %ld",
                       name, lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

int zx_web__arg_date(struct zx_web_req *r, const char *name, int32_t def, int32_t *out)
{
    const char *v = zx_web__arg(r, name);
    *out = def;
    if (!v)
        return 0;
    if (zx_date_parse(v, strlen(v), out)) {
        zx_web__errorf(r, 400, "bad_date", "日期格式不正确，应为 YYYY-MM-DD",
                       "%s must be a date YYYY-MM-DD", name);
        return -1;
    }
    /* the engines count days over periods of years: far dates are mistakes, not queries */
    if (*out < zx_date_from_ymd(1900, 1, 1) || *out > zx_date_from_ymd(2099, 12, 31)) {
        zx_web__errorf(r, 400, "bad_date", "日期超出可查询范围（1900-01-01 至 2099-12-31）",
                       "%s must lie from 1900-01-01 to 2099-12-31", name);
        return -1;
    }
    return 0;
}

int zx_web__arg_dates(struct zx_web_req *r, int32_t def_from, int32_t def_to, int32_t *from,
                      int32_t *to)
{
    if (zx_web__arg_date(r, "from", def_from, from) || zx_web__arg_date(r, "to", def_to, to))
        return -1;
    if (*from > *to) {
        zx_web__error(r, 400, "bad_period", "起始日期晚于截止日期", "from is after to");
        return -1;
    }
    return 0;
}

int zx_web__in_scope(const struct zx_web_req *r, int32_t u)
{
    if (!r->data || r->scope_unit < 0 || u < 0)
        return 0;
    return u >= r->scope_unit &&
           u < r->scope_unit + zx_metrics_unit_size(r->data->m, r->scope_unit);
}

int zx_web__arg_unit(struct zx_web_req *r, const char *name, int32_t *u)
{
    const char *v = zx_web__arg(r, name);
    *u = r->scope_unit;
    if (v)
        *u = r->data ? zx_metrics_unit_find(r->data->m, v) : -1;
    if (!zx_web__in_scope(r, *u)) {
        /* unknown and out-of-scope units look the same: existence is not revealed */
        zx_web__error(r, 404, "unit_not_found", "未找到该单位", "no such unit");
        return -1;
    }
    return 0;
}

json_t *zx_web__body_json(struct zx_web_req *r)
{
    json_error_t je;
    json_t *j = r->body ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
    if (!j || !json_is_object(j)) {
        json_decref(j);
        zx_web__error(r, 400, "bad_json", "请求内容不是有效的 JSON 对象",
                      "the request body must be a JSON object");
        return NULL;
    }
    return j;
}

json_t *zx_web__ratio(int64_t num, int64_t den)
{
    return den ? json_real((double)num / (double)den) : json_null();
}

void zx_web__audit(struct zx_web_req *r, const char *action, const char *target,
                   const char *outcome, const char *detail)
{
    struct zx_err err = {0};
    if (!r->st)
        return;
    if (zx_auth_audit(r->st, (int64_t)time(NULL), r->user.name[0] ? r->user.name : NULL,
                      r->user.unit_id[0] ? r->user.unit_id : NULL, r->addr, action, target, outcome,
                      detail, &err))
        fprintf(stderr, "zhixiao serve: audit: %s\n", err.msg);
}

int zx_web__sees_ids(const struct zx_web_req *r)
{
    return zx_web_auth_sees_ids(r->user.roles);
}

void zx_web__idnum(const struct zx_web_req *r, const char *id, char out[24])
{
    if (!id || !*id) {
        out[0] = '\0';
        return;
    }
    if (zx_web__sees_ids(r)) {
        snprintf(out, 24, "%s", id);
    } else if (strlen(id) == 18) {
        zx_idnum_mask(id, out);
    } else {
        /* anything else is masked whole but its last four characters */
        size_t n = strlen(id), keep = n > 4 ? 4 : 0, i;
        for (i = 0; i + keep < n && i < 19; i++)
            out[i] = '*';
        snprintf(out + i, 24 - i, "%s", id + n - keep);
    }
}
