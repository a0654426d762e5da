#include "util/csv.h"
#include "util/limits.h"

#include <stdlib.h>
#include <string.h>

struct zx_csv {
    const char *p, *end, *start;
    long line;
    struct zx_csv_field f[ZX_MAX_CSV_FIELDS];
    size_t off[ZX_MAX_CSV_FIELDS]; /* scratch offset of an unescaped field, or SIZE_MAX */
    char *scratch;
    size_t scap, slen;
};

struct zx_csv *zx_csv_new(const char *data, size_t len)
{
    struct zx_csv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->start = data;
    c->p = data;
    c->end = data + len;
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
        c->p += 3;
    c->line = 1;
    return c;
}

void zx_csv_free(struct zx_csv *c)
{
    if (c) {
        free(c->scratch);
        free(c);
    }
}

size_t zx_csv_offset(const struct zx_csv *c)
{
    return (size_t)(c->p - c->start);
}

static int scratch_add(struct zx_csv *c, const char *s, size_t n)
{
    if (n == 0)
        return 0; /* "" : nothing to copy, and scratch may still be NULL */
    if (c->slen + n > c->scap) {
        size_t cap = c->scap ? c->scap : 256;
        while (cap < c->slen + n)
            cap *= 2;
        char *ns = realloc(c->scratch, cap);
        if (!ns)
            return -1;
        c->scratch = ns;
        c->scap = cap;
    }
    memcpy(c->scratch + c->slen, s, n);
    c->slen += n;
    return 0;
}

/* Skip to just past the end of the current physical line; used to resynchronise. */
static void skip_line(struct zx_csv *c)
{
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    c->p = nl ? nl + 1 : c->end;
    c->line++;
}

int zx_csv_next(struct zx_csv *c, struct zx_csv_row *row)
{
    memset(row, 0, sizeof *row);
    /* blank lines are not records */
    while (c->p < c->end &&
           (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))) {
        c->p += *c->p == '\r' ? 2 : 1;
        c->line++;
    }
    if (c->p >= c->end)
        return 0;

    const char *rec = c->p;
    size_t n = 0;
    c->slen = 0;
    row->line = c->line;

    for (;;) {
        if (n == ZX_MAX_CSV_FIELDS) {
            row->bad = 1;
            row->bad_field = n + 1;
            row->bad_id = ZX_M_CSV_TOO_MANY_FIELDS;
            row->bad_reason = zx_msg_en(row->bad_id);
            skip_line(c);
            goto done;
        }
        if (c->p < c->end && *c->p == '"') {
            /* quoted field: copy into scratch, un-doubling quotes */
            long qline = c->line;
            const char *q = ++c->p;
            c->off[n] = c->slen;
            for (;;) {
                const char *dq = memchr(q, '"', (size_t)(c->end - q));
                if (!dq) {
                    row->bad = 1;
                    row->bad_field = n + 1;
                    row->bad_id = ZX_M_CSV_UNTERMINATED;
                    row->bad_reason = zx_msg_en(row->bad_id);
                    for (const char *s = q; s < c->end; s++)
                        c->line += *s == '\n';
                    c->p = c->end;
                    (void)qline;
                    goto done;
                }
                for (const char *s = q; s < dq; s++)
                    c->line += *s == '\n';
                if (scratch_add(c, q, (size_t)(dq - q)) < 0)
                    return -1;
                if (dq + 1 < c->end && dq[1] == '"') {
                    if (scratch_add(c, "\"", 1) < 0)
                        return -1;
                    q = dq + 2;
                    continue;
                }
                c->p = dq + 1;
                break;
            }
            c->f[n].len = c->slen - c->off[n];
            n++;
            if (c->p >= c->end)
                break;
            if (*c->p == ',') {
                c->p++;
                continue;
            }
            if (*c->p == '\n' || (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n'))
                break;
            row->bad = 1;
            row->bad_field = n;
            row->bad_id = ZX_M_CSV_AFTER_QUOTE;
            row->bad_reason = zx_msg_en(row->bad_id);
            skip_line(c);
            goto done;
        }
        /* unquoted field: up to a comma or line end */
        const char *s = c->p;
        while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '"')
            c->p++;
        if (c->p < c->end && *c->p == '"') {
            row->bad = 1;
            row->bad_field = n + 1;
            row->bad_id = ZX_M_CSV_QUOTE_INSIDE;
            row->bad_reason = zx_msg_en(row->bad_id);
            skip_line(c);
            goto done;
        }
        size_t len = (size_t)(c->p - s);
        if (c->p < c->end && *c->p == '\n' && len > 0 && s[len - 1] == '\r')
            len--; /* CRLF */
        else if (c->p == c->end && len > 0 && s[len - 1] == '\r')
            len--;
        c->off[n] = (size_t)-1;
        c->f[n].p = s;
        c->f[n].len = len;
        n++;
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        break;
    }
    /* here c->p is at a line end or the end of input */
    row->raw = rec;
    row->raw_len = (size_t)(c->p - rec);
    if (c->p < c->end && *c->p == '\r')
        c->p++;
    if (c->p < c->end && *c->p == '\n') {
        c->p++;
        c->line++;
    }
    if (row->raw_len && rec[row->raw_len - 1] == '\r')
        row->raw_len--;
    if (row->raw_len > ZX_MAX_CSV_RECORD) {
        row->bad = 1;
        row->bad_field = 1;
        row->bad_id = ZX_M_CSV_TOO_LONG;
        row->bad_reason = zx_msg_en(row->bad_id);
    }
    for (size_t i = 0; i < n; i++)
        if (c->off[i] != (size_t)-1)
            c->f[i].p = c->scratch ? c->scratch + c->off[i] : "";
    row->nfields = n;
    row->f = c->f;
    return 1;

done:
    /* a bad record: report its raw bytes up to where reading resumes */
    row->raw = rec;
    row->raw_len = (size_t)(c->p - rec);
    while (row->raw_len && (rec[row->raw_len - 1] == '\n' || rec[row->raw_len - 1] == '\r'))
        row->raw_len--;
    row->nfields = 0;
    row->f = c->f;
    return 1;
}

void zx_csv_put(FILE *f, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
            quote = 1;
            break;
        }
    if (!quote) {
        fwrite(s, 1, n, f);
        return;
    }
    putc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            putc('"', f);
        putc(s[i], f);
    }
    putc('"', f);
}

void zx_csv_puts(FILE *f, const char *s)
{
    if (s)
        zx_csv_put(f, s, strlen(s));
}
