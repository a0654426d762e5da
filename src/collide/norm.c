/* norm.c — normalising values by kind: width, case, id numbers, dates, pinyin. */
#include "collide/internal.h"
#include "util/idnum.h"
#include "util/utf8.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* ---- UTF-8 ---- */

size_t zx_collide__utf8_decode(const char *s, size_t len, uint32_t *out, size_t cap)
{
    size_t i = 0, n = 0;
    while (i < len && n < cap) {
        int32_t c = zx_utf8_next(s, len, &i);
        out[n++] = c < 0 ? 0xFFFDu : (uint32_t)c; /* invalid bytes: the replacement character */
    }
    return n;
}

static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static int is_han(uint32_t c)
{
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

/* Full-width ASCII forms → ASCII, ideographic space → space; other code points unchanged. */
static uint32_t half_width(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFEE0;
    if (c == 0x3000)
        return ' ';
    return c;
}

#define PREP_CAP 1024

/* Decode, fold width and ASCII case, collapse white space, trim. Returns the code points. */
static size_t prep(const char *s, size_t len, int width, uint32_t *cp)
{
    uint32_t tmp[PREP_CAP];
    size_t n = zx_collide__utf8_decode(s, len, tmp, PREP_CAP), k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = width ? half_width(tmp[i]) : tmp[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (k == 0 || cp[k - 1] == ' ')
                continue;
            c = ' ';
        }
        cp[k++] = c;
    }
    while (k > 0 && cp[k - 1] == ' ')
        k--;
    return k;
}

static size_t encode(const uint32_t *cp, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += put_utf8(out + o, cp[i]);
    out[o] = '\0';
    return o;
}

/* ---- pinyin: one ICU Han-Latin transliteration per distinct character, cached ---- */

#define PY_MAX 4096
static uint16_t py_of[0x10000]; /* 0: not learnt; 0xFFFF: no reading */
static char py_text[PY_MAX][8];
static uint16_t py_count = 1;
static UTransliterator *py_trans;
static int py_failed;

static uint16_t py_intern(const char *t)
{
    for (uint16_t i = 1; i < py_count; i++)
        if (!strcmp(py_text[i], t))
            return i;
    if (py_count >= PY_MAX)
        return 0xFFFF;
    snprintf(py_text[py_count], sizeof py_text[0], "%.7s", t);
    return py_count++;
}

static void py_learn_one(uint32_t c)
{
    if (py_failed) {
        py_of[c] = 0xFFFF;
        return;
    }
    if (!py_trans) {
        UErrorCode e = U_ZERO_ERROR;
        UChar id[64];
        u_uastrcpy(id, "Han-Latin; Latin-ASCII; Lower");
        py_trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
        if (U_FAILURE(e) || !py_trans) {
            py_failed = 1;
            py_of[c] = 0xFFFF;
            return;
        }
    }
    UChar buf[32];
    int32_t len = 1, lim = 1;
    UErrorCode e = U_ZERO_ERROR;
    buf[0] = (UChar)c;
    utrans_transUChars(py_trans, buf, &len, 32, 0, &lim, &e);
    char t[16];
    int k = 0;
    for (int32_t i = 0; i < len && k < 7; i++)
        if (buf[i] >= 'a' && buf[i] <= 'z')
            t[k++] = (char)buf[i];
    t[k] = '\0';
    py_of[c] = (U_FAILURE(e) || k == 0) ? 0xFFFF : py_intern(t);
}

/* Learning writes the shared table and drives one ICU transliterator, neither of which may be
 * touched by two threads at once (the web server runs models side by side); a reader that
 * learnt its characters under the lock reads them after it, so reads need no lock. */
static pthread_mutex_t py_lock = PTHREAD_MUTEX_INITIALIZER;

void zx_collide__pinyin_learn(const char *s, size_t len)
{
    uint32_t cp[PREP_CAP];
    size_t n = zx_collide__utf8_decode(s, len, cp, PREP_CAP);
    pthread_mutex_lock(&py_lock);
    for (size_t i = 0; i < n; i++)
        if (cp[i] < 0x10000 && is_han(cp[i]) && py_of[cp[i]] == 0)
            py_learn_one(cp[i]);
    pthread_mutex_unlock(&py_lock);
}

uint16_t zx_collide__pinyin_id(uint32_t cp)
{
    if (cp >= 0x10000)
        return 0;
    uint16_t v = py_of[cp];
    return v == 0xFFFF ? 0 : v;
}

const char *zx_collide__pinyin_text(uint16_t id)
{
    return id && id < py_count ? py_text[id] : "";
}

void zx_collide__pinyin_free(void)
{
    pthread_mutex_lock(&py_lock);
    if (py_trans)
        utrans_close(py_trans);
    py_trans = NULL;
    pthread_mutex_unlock(&py_lock);
}

/* ---- dates ---- */

static int read_num(const uint32_t *cp, size_t n, size_t *i, int maxd, int *v)
{
    int d = 0, x = 0;
    while (*i < n && cp[*i] >= '0' && cp[*i] <= '9' && d < maxd) {
        x = x * 10 + (int)(cp[*i] - '0');
        (*i)++;
        d++;
    }
    *v = x;
    return d;
}

static int date_cp(const uint32_t *cp, size_t n, int *y, int *m, int *d)
{
    size_t i = 0;
    if (n == 8) {
        for (size_t k = 0; k < 8; k++)
            if (cp[k] < '0' || cp[k] > '9')
                goto sep;
        *y = (int)((cp[0] - '0') * 1000 + (cp[1] - '0') * 100 + (cp[2] - '0') * 10 + cp[3] - '0');
        *m = (int)((cp[4] - '0') * 10 + cp[5] - '0');
        *d = (int)((cp[6] - '0') * 10 + cp[7] - '0');
        goto check;
    }
sep:
    if (read_num(cp, n, &i, 4, y) != 4 || i >= n)
        return -1;
    uint32_t s1 = cp[i++];
    if (s1 != '-' && s1 != '/' && s1 != '.' && s1 != 0x5E74 /* 年 */)
        return -1;
    if (read_num(cp, n, &i, 2, m) < 1 || i >= n)
        return -1;
    uint32_t s2 = cp[i++];
    if (s1 == 0x5E74 ? s2 != 0x6708 /* 月 */ : s2 != s1)
        return -1;
    if (read_num(cp, n, &i, 2, d) < 1)
        return -1;
    if (s1 == 0x5E74 && i < n && cp[i] == 0x65E5 /* 日 */)
        i++;
    if (i != n)
        return -1;
check:
    if (*y < 1000 || *m < 1 || *m > 12 || *d < 1 || *d > 31)
        return -1;
    return 0;
}

int zx_collide_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    uint32_t cp[PREP_CAP];
    size_t n = prep(s, len, 1, cp);
    return date_cp(cp, n, y, m, d);
}

/* ---- id numbers ---- */

static size_t norm_id_cp(const uint32_t *cp, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        uint32_t c = cp[i];
        if (c >= 'a' && c <= 'z')
            out[k++] = (char)(c - 32);
        else if (c >= '0' && c <= '9')
            out[k++] = (char)c;
    }
    out[k] = '\0';
    size_t digits = strspn(out, "0123456789");
    if (k == 15 && digits == 15 && cap >= 19) {
        /* RULE: gb11643-15to18 — old 15-digit numbers gain the century 19 and a check */
        char w[19];
        memcpy(w, out, 6);
        w[6] = '1';
        w[7] = '9';
        memcpy(w + 8, out + 6, 9);
        w[17] = zx_idnum_check_char(w);
        w[18] = '\0';
        memcpy(out, w, 19);
        k = 18;
    }
    return k;
}

void zx_collide_norm_id(const char *s, size_t len, char out[64])
{
    uint32_t cp[PREP_CAP];
    size_t n = prep(s, len, 1, cp);
    norm_id_cp(cp, n, out, 64);
}

/* ---- by kind ---- */

static int is_word(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0xC0;
}

size_t zx_collide__normalise(enum zx_collide_kind k, int baseline, const char *raw, size_t len,
                             char *out, int32_t *aux)
{
    uint32_t cp[PREP_CAP];
    size_t n = prep(raw, len, !baseline, cp), o = 0;
    *aux = 0;
    if (baseline || n == 0)
        return encode(cp, n, out);
    switch (k) {
    case ZX_COLLIDE_ID_NUMBER:
        return norm_id_cp(cp, n, out, len + 8);
    case ZX_COLLIDE_NAME:
    case ZX_COLLIDE_GIVEN_NAME:
    case ZX_COLLIDE_SURNAME: {
        int han = 0;
        for (size_t i = 0; i < n; i++)
            han |= is_han(cp[i]);
        for (size_t i = 0; i < n; i++)
            if (han ? is_han(cp[i]) : (is_word(cp[i]) || (cp[i] == ' ' && o && cp[o - 1] != ' ')))
                cp[o++] = cp[i];
        while (o && cp[o - 1] == ' ')
            o--;
        *aux = han;
        return encode(cp, o, out);
    }
    case ZX_COLLIDE_BIRTH_DATE: {
        int y, m, d;
        if (date_cp(cp, n, &y, &m, &d) == 0) {
            *aux = y * 10000 + m * 100 + d;
            o = 0;
            int v = *aux;
            for (int i = 7; i >= 0; i--, v /= 10)
                out[i] = (char)('0' + v % 10);
            out[8] = '\0';
            return 8;
        }
        *aux = -1;
        return encode(cp, n, out);
    }
    case ZX_COLLIDE_POSTCODE:
        for (size_t i = 0; i < n; i++)
            if ((cp[i] >= '0' && cp[i] <= '9') || (cp[i] >= 'a' && cp[i] <= 'z'))
                cp[o++] = cp[i];
        return encode(cp, o, out);
    case ZX_COLLIDE_PHONE: {
        for (size_t i = 0; i < n; i++)
            if (cp[i] >= '0' && cp[i] <= '9')
                cp[o++] = cp[i];
        size_t skip = 0;
        if (o >= 13 && cp[0] == '0' && cp[1] == '0' && cp[2] == '8' && cp[3] == '6')
            skip = 4;
        else if (o >= 12 && cp[0] == '8' && cp[1] == '6')
            skip = 2;
        return encode(cp + skip, o - skip, out);
    }
    case ZX_COLLIDE_ADDRESS:
        /* 省/市/区/县 and 街道 may be written or left out: drop them on both sides */
        for (size_t i = 0; i < n; i++) {
            uint32_t c = cp[i];
            if (c == 0x7701 || c == 0x5E02 || c == 0x533A || c == 0x53BF)
                continue;
            if (c == 0x8857 && i + 1 < n && cp[i + 1] == 0x9053) {
                i++;
                continue;
            }
            if (is_word(c))
                cp[o++] = c;
        }
        return encode(cp, o, out);
    case ZX_COLLIDE_TEXT:
    case ZX_COLLIDE_EXACT:
    case ZX_COLLIDE_KIND_COUNT_:
        break;
    }
    return encode(cp, n, out);
}
