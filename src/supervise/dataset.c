/* dataset.c — register an external dataset: schema, file hash, row validation, rejects. */
#include "supervise/internal.h"

#include "collide/collide.h"
#include "util/csv.h"
#include "util/date.h"
#include "util/idnum.h"
#include "util/msg.h"
#include "util/utf8.h"

#include <jansson.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const role_names[] = {"id_number", "name", "birth_date", "date", "month",
                                         "amount",    "code", "text",       "unit"};

static int role_of(const char *s)
{
    for (int i = 0; i < (int)(sizeof role_names / sizeof role_names[0]); i++)
        if (!strcmp(s, role_names[i]))
            return i;
    return -1;
}

void zx_sup__schema_free(struct zx_sup__schema *s)
{
    if (!s)
        return;
    json_decref(s->root);
    free(s->cols);
    memset(s, 0, sizeof *s);
}

int zx_sup__schema_parse(json_t *root, const char *where, struct zx_sup__schema *s,
                         struct zx_err *err)
{
    memset(s, 0, sizeof *s);
    json_t *cols = json_object_get(root, "columns");
    if (!json_is_object(root) || !json_is_array(cols) || !json_array_size(cols))
        return zx_err_setm(err, ZX_EINVAL, ZX_M_DS_SCHEMA_SHAPE, where);
    s->root = json_incref(root);
    s->n = json_array_size(cols);
    if (!(s->cols = calloc(s->n, sizeof *s->cols))) {
        zx_sup__schema_free(s);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < s->n; i++) {
        json_t *c = json_array_get(cols, i);
        struct zx_sup__col *k = &s->cols[i];
        k->column = json_string_value(json_object_get(c, "column"));
        k->field = json_string_value(json_object_get(c, "field"));
        const char *role = json_string_value(json_object_get(c, "role"));
        k->required = json_is_true(json_object_get(c, "required"));
        k->values = json_object_get(c, "values");
        if (!k->field)
            k->field = k->column;
        if (!k->column || !role || (k->role = role_of(role)) < 0 ||
            (k->values && !json_is_array(k->values))) {
            zx_sup__schema_free(s);
            return zx_err_setm(err, ZX_EINVAL, ZX_M_DS_SCHEMA_COLUMN, where, i);
        }
        for (size_t j = 0; j < i; j++)
            if (!strcmp(s->cols[j].field, k->field)) {
                zx_sup__schema_free(s);
                return zx_err_setm(err, ZX_EINVAL, ZX_M_DS_SCHEMA_TWICE, where, i, k->field);
            }
    }
    return ZX_OK;
}

static int read_file(const char *path, char **buf, size_t *len, struct zx_err *err)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    long n;
    if (!f)
        return zx_err_set(err, ZX_EIO, "%s: cannot open", path);
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) || n > 1L << 30 ||
        !(b = malloc((size_t)n + 1)) || (n && fread(b, 1, (size_t)n, f) != (size_t)n)) {
        fclose(f);
        free(b);
        return zx_err_set(err, ZX_EIO, "%s: cannot read", path);
    }
    fclose(f);
    b[n] = '\0';
    *buf = b;
    *len = (size_t)n;
    return ZX_OK;
}

/* YYYY-MM, YYYY/MM, YYYY.MM, YYYYMM, YYYY年M月 or a full date → the month's first day. */
static int parse_month(const char *s, size_t n, int32_t *out)
{
    int y = 0, m = 0, d = 0;
    if (zx_collide_parse_date(s, n, &y, &m, &d) == 0 && zx_date_valid(y, m, d)) {
        *out = zx_date_from_ymd(y, m, 1);
        return 0;
    }
    char buf[32];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        buf[k++] = s[i];
    buf[k] = '\0';
    if (sscanf(buf, "%4d-%d", &y, &m) == 2 || sscanf(buf, "%4d/%d", &y, &m) == 2 ||
        sscanf(buf, "%4d.%d", &y, &m) == 2 || sscanf(buf, "%4d年%d月", &y, &m) == 2 ||
        (k == 6 && sscanf(buf, "%4d%2d", &y, &m) == 2)) {
        if (y >= 1900 && y <= 2200 && m >= 1 && m <= 12) {
            *out = zx_date_from_ymd(y, m, 1);
            return 0;
        }
    }
    return -1;
}

static size_t trim(const char **p, size_t n)
{
    while (n && (**p == ' ' || **p == '\t')) {
        (*p)++;
        n--;
    }
    while (n && ((*p)[n - 1] == ' ' || (*p)[n - 1] == '\t'))
        n--;
    return n;
}

struct issue {
    long line;
    char column[128];
    char outcome[12];
    char *reason; /* both languages packed (zx_msg2_pack): the page shows the Chinese, the
                   * rejects file the command's language; From malloc() */
    char *raw;
};

struct adder {
    struct zx_store *st;
    struct zx_dataset_meta *m;
    struct issue *iss;
    size_t niss, cap;
};

static int note(struct adder *a, long line, const char *col, const char *outcome,
                const struct zx_msg2 *reason, const char *raw, size_t raw_len, struct zx_err *err)
{
    if (a->niss == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 64;
        struct issue *ni = realloc(a->iss, nc * sizeof *ni);
        if (!ni)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        a->iss = ni;
        a->cap = nc;
    }
    struct issue *i = &a->iss[a->niss++];
    i->line = line;
    snprintf(i->column, sizeof i->column, "%s", col ? col : "");
    snprintf(i->outcome, sizeof i->outcome, "%s", outcome);
    i->reason = zx_msg2_pack(reason->en, reason->zh);
    i->raw = raw ? strndup(raw, raw_len) : NULL;
    if (!i->reason) {
        free(i->raw);
        a->niss--;
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    return zx_dataset_put_issue(a->st, a->m->rid, line, col, outcome, reason->en, reason->zh, raw,
                                raw_len, err);
}

static int write_rejects(const char *path, const struct adder *a, struct zx_err *err)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return zx_err_set(err, ZX_EIO, "%s: cannot write", tmp);
    fputs("line,column,outcome,reason,raw\n", f);
    for (size_t i = 0; i < a->niss; i++) {
        fprintf(f, "%ld,", a->iss[i].line);
        zx_csv_puts(f, a->iss[i].column);
        fputc(',', f);
        zx_csv_puts(f, a->iss[i].outcome);
        fputc(',', f);
        zx_csv_puts(f, zx_msg_chinese() ? zx_msg2_zh(a->iss[i].reason) : a->iss[i].reason);
        fputc(',', f);
        zx_csv_puts(f, a->iss[i].raw);
        fputc('\n', f);
    }
    if (fflush(f) || fsync(fileno(f)) || fclose(f) || rename(tmp, path)) {
        unlink(tmp);
        return zx_err_set(err, ZX_EIO, "%s: cannot write", path);
    }
    return ZX_OK;
}

int zx_sup_dataset_add(struct zx_store *st, const struct zx_sup_add_opts *o,
                       struct zx_dataset_meta *m, int *unchanged, struct zx_err *err)
{
    json_t *root = NULL, *vals = NULL;
    json_error_t je;
    struct zx_sup__schema sc = {0};
    struct zx_csv *csv = NULL;
    char *buf = NULL, *schema_text = NULL, *vtext = NULL;
    size_t len = 0;
    int *map = NULL, in_tx = 0, rc;
    struct adder a = {st, m, NULL, 0, 0};
    unsigned char h[crypto_hash_sha256_BYTES];

    memset(m, 0, sizeof *m);
    *unchanged = 0;
    /* the names messages give the two files: what the user chose, not a server's path */
    const char *flab = o->file_label ? o->file_label : o->file;
    const char *slab = o->schema_label ? o->schema_label : o->schema;
    if (!(root = json_load_file(o->schema, 0, &je))) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_DS_SCHEMA_JSON, slab, je.line, je.text);
        goto cleanup;
    }
    if ((rc = zx_sup__schema_parse(root, slab, &sc, err)))
        goto cleanup;
    const char *name = o->name ? o->name : json_string_value(json_object_get(root, "name"));
    if (!name || !*name || strlen(name) >= 64) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_DS_NEEDS_NAME, slab);
        goto cleanup;
    }
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
            rc = zx_err_setm(err, ZX_EINVAL, ZX_M_DS_BAD_NAME, name);
            goto cleanup;
        }
    if ((rc = read_file(o->file, &buf, &len, err)))
        goto cleanup;
    crypto_hash_sha256(h, (const unsigned char *)buf, len);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    char unit[ZX_DS_ID_MAX];
    if (o->unit_id)
        snprintf(unit, sizeof unit, "%s", o->unit_id);
    else if ((rc = zx_ds_root_unit(st, unit, err)))
        goto cleanup;
    int found = 0;
    if (*unit && ((rc = zx_ds_unit_within(st, unit, unit, &found, err)) || !found)) {
        rc = rc ? rc : zx_err_setm(err, ZX_EINVAL, ZX_M_DS_UNKNOWN_UNIT, unit);
        goto cleanup;
    }
    if ((rc = zx_dataset_find(st, unit, name, hex, m, &found, err)))
        goto cleanup;
    if (found) {
        *unchanged = 1;
        goto cleanup;
    }
    memset(m, 0, sizeof *m);
    snprintf(m->unit_id, sizeof m->unit_id, "%s", unit);
    snprintf(m->name, sizeof m->name, "%s", name);
    snprintf(m->file_hash, sizeof m->file_hash, "%s", hex);
    const char *base = strrchr(flab, '/');
    snprintf(m->file_name, sizeof m->file_name, "%s", base ? base + 1 : flab);
    snprintf(m->title, sizeof m->title, "%s",
             json_string_value(json_object_get(root, "title")) ?: name);
    snprintf(m->source_org, sizeof m->source_org, "%s",
             json_string_value(json_object_get(root, "source")) ?: "");
    m->received_on = ZX_DATE_NULL;
    const char *rec = json_string_value(json_object_get(root, "received_on"));
    if (rec && zx_date_parse(rec, strlen(rec), &m->received_on)) {
        rc = zx_err_setm(err, ZX_EINVAL, ZX_M_DS_RECEIVED_ON, slab, rec);
        goto cleanup;
    }
    snprintf(m->added_by, sizeof m->added_by, "%s", o->by ? o->by : "");

    /* the header: every schema column found, required ones present */
    if (!(csv = zx_csv_new(buf, len)) || !(map = calloc(sc.n, sizeof *map))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    struct zx_csv_row row;
    if (zx_csv_next(csv, &row) != 1 || row.bad) {
        rc = zx_err_setm(err, ZX_EPARSE, ZX_M_DS_NO_HEADER, flab);
        goto cleanup;
    }
    size_t nhead = row.nfields;
    for (size_t i = 0; i < sc.n; i++) {
        map[i] = -1;
        for (size_t j = 0; j < row.nfields; j++) {
            const char *p = row.f[j].p;
            size_t n = trim(&p, row.f[j].len);
            if (n == strlen(sc.cols[i].column) && !memcmp(p, sc.cols[i].column, n))
                map[i] = (int)j;
        }
        if (map[i] < 0 && sc.cols[i].required) {
            rc = zx_err_setm(err, ZX_EPARSE, ZX_M_DS_MISSING_COLUMN, flab, sc.cols[i].column);
            goto cleanup;
        }
    }
    if (!(schema_text = json_dumps(root, JSON_COMPACT)))
        goto oom;
    if ((rc = zx_store_begin(st, err)))
        goto cleanup;
    in_tx = 1;
    if ((rc = zx_dataset_insert(st, m, schema_text, err)))
        goto cleanup;
    for (size_t j = 0; j < nhead; j++) {
        int known = 0;
        for (size_t i = 0; i < sc.n; i++)
            known |= map[i] == (int)j;
        if (!known) {
            struct zx_msg2 why;
            const char *p = row.f[j].p; /* row is still the header */
            size_t n = trim(&p, row.f[j].len);
            char col[128];
            snprintf(col, sizeof col, "%.*s", (int)(n < 120 ? n : 120), p);
            zx_msg2_set(&why, ZX_M_DS_UNKNOWN_COLUMN, col);
            m->warnings++;
            if ((rc = note(&a, 1, "", "warning", &why, NULL, 0, err)))
                goto cleanup;
        }
    }
    int r;
    while ((r = zx_csv_next(csv, &row)) == 1) {
        m->rows_read++;
        struct zx_msg2 why;
        enum zx_msg_id warn = ZX_M_NONE;
        const char *badcol = NULL, *warncol = NULL;
        char id[24] = "", nm[128] = "";
        int id_flag = 0;
        int32_t birth = ZX_DATE_NULL;
        json_decref(vals);
        if (!(vals = json_object()))
            goto oom;
        if (row.bad) {
            /* the breakage is a term of the message: each language names it in its own */
            snprintf(why.en, sizeof why.en, zx_msg_lang(ZX_M_DS_CSV_FIELD, 0), row.bad_field,
                     zx_msg_lang(row.bad_id, 0));
            snprintf(why.zh, sizeof why.zh, zx_msg_lang(ZX_M_DS_CSV_FIELD, 1), row.bad_field,
                     zx_msg_lang(row.bad_id, 1));
            badcol = "";
        } else if (!zx_utf8_valid(row.raw, row.raw_len)) {
            zx_msg2_set(&why, ZX_M_BAD_UTF8);
            badcol = "";
        } else if (row.nfields != nhead) {
            zx_msg2_set(&why, ZX_M_DS_FIELD_COUNT, row.nfields, nhead);
            badcol = "";
        }
        for (size_t i = 0; i < sc.n && !badcol; i++) {
            const struct zx_sup__col *c = &sc.cols[i];
            const char *p = map[i] >= 0 ? row.f[map[i]].p : "";
            size_t n = map[i] >= 0 ? trim(&p, row.f[map[i]].len) : 0;
            char out[512], val[210]; /* val: the value quoted in a reason */
            snprintf(val, sizeof val, "%.*s", (int)(n < 200 ? n : 200), p);
            if (!n) {
                if (c->required) {
                    zx_msg2_set(&why, ZX_M_DS_REQUIRED);
                    badcol = c->column;
                }
                continue;
            }
            if (n >= 400) {
                zx_msg2_set(&why, ZX_M_DS_TOO_LONG);
                badcol = c->column;
                break;
            }
            int32_t d;
            int y, mo, dd;
            switch (c->role) {
            case ZX_SUP__ID: {
                int s = zx_idnum_normalise(p, n, out);
                if (s == ZX_IDNUM_INVALID) {
                    zx_msg2_set(&why, ZX_M_DS_BAD_ID, val);
                    badcol = c->column;
                    break;
                }
                if (s == ZX_IDNUM_CONVERTED) {
                    warn = ZX_M_DS_ID_WIDENED;
                    warncol = c->column;
                } else if (s == ZX_IDNUM_BAD_CHECK) {
                    warn = ZX_M_DS_ID_CHECK;
                    warncol = c->column;
                }
                id_flag = s;
                snprintf(id, sizeof id, "%.18s", out);
                break;
            }
            case ZX_SUP__BIRTH:
            case ZX_SUP__DATE:
                if (zx_collide_parse_date(p, n, &y, &mo, &dd) || !zx_date_valid(y, mo, dd)) {
                    zx_msg2_set(&why, ZX_M_DS_BAD_DATE, val);
                    badcol = c->column;
                    break;
                }
                d = zx_date_from_ymd(y, mo, dd);
                zx_date_format(d, out);
                if (c->role == ZX_SUP__BIRTH)
                    birth = d;
                break;
            case ZX_SUP__MONTH:
                if (parse_month(p, n, &d)) {
                    zx_msg2_set(&why, ZX_M_DS_BAD_MONTH, val);
                    badcol = c->column;
                    break;
                }
                zx_date_format(d, out);
                break;
            case ZX_SUP__AMOUNT: {
                char num[64];
                size_t k = 0;
                for (size_t q = 0; q < n && k + 1 < sizeof num; q++)
                    if (p[q] != ',')
                        num[k++] = p[q];
                num[k] = '\0';
                char *end;
                double v = strtod(num, &end);
                if (end == num || (*end && strcmp(end, "元")) || v != v) {
                    zx_msg2_set(&why, ZX_M_DS_BAD_AMOUNT, val);
                    badcol = c->column;
                    break;
                }
                snprintf(out, sizeof out, "%.2f", v);
                break;
            }
            case ZX_SUP__CODE:
                snprintf(out, sizeof out, "%.*s", (int)n, p);
                if (c->values) {
                    int ok = 0;
                    size_t q;
                    json_t *v;
                    json_array_foreach(c->values, q, v) ok |=
                        json_is_string(v) && !strcmp(json_string_value(v), out);
                    if (!ok) {
                        zx_msg2_set(&why, ZX_M_DS_NOT_LISTED, val);
                        badcol = c->column;
                    }
                }
                break;
            default:
                snprintf(out, sizeof out, "%.*s", (int)n, p);
                if (c->role == ZX_SUP__NAME)
                    snprintf(nm, sizeof nm, "%.120s", out);
                break;
            }
            if (badcol)
                break;
            if (json_object_set_new(vals, c->field, json_string(out)))
                goto oom;
        }
        if (badcol) {
            m->rejected++;
            if ((rc = note(&a, row.line, badcol, "rejected", &why, row.raw, row.raw_len, err)))
                goto cleanup;
            continue;
        }
        free(vtext);
        if (!(vtext = json_dumps(vals, JSON_COMPACT | JSON_SORT_KEYS)))
            goto oom;
        if ((rc = zx_dataset_put_row(st, m->rid, row.line, id, id_flag, nm, birth, vtext, row.raw,
                                     row.raw_len, err)))
            goto cleanup;
        m->imported++;
        if (warn != ZX_M_NONE) {
            struct zx_msg2 w;
            zx_msg2_set(&w, warn);
            m->warnings++;
            if ((rc = note(&a, row.line, warncol, "warning", &w, row.raw, row.raw_len, err)))
                goto cleanup;
        }
    }
    if (r < 0)
        goto oom;
    /* RULE: import-counts — every row ends as imported or rejected */
    if (m->imported + m->rejected != m->rows_read) {
        rc = zx_err_set(err, ZX_EINVAL, "row counts do not add up");
        goto cleanup;
    }
    if ((rc = zx_dataset_finish(st, m, err)) || (rc = zx_store_commit(st, err)))
        goto cleanup;
    in_tx = 0;
    if (o->rejects)
        rc = write_rejects(o->rejects, &a, err);
    goto cleanup;
oom:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    if (in_tx)
        zx_store_rollback(st);
    for (size_t i = 0; i < a.niss; i++) {
        free(a.iss[i].raw);
        free(a.iss[i].reason);
    }
    free(a.iss);
    json_decref(vals);
    json_decref(root);
    zx_sup__schema_free(&sc);
    zx_csv_free(csv);
    free(map);
    free(buf);
    free(schema_text);
    free(vtext);
    return rc;
}
