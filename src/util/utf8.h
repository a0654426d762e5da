/* utf8.h — the one UTF-8 decoder (RFC 3629): the importer validates with it, the similar-case
 * tokeniser and the linkage normaliser walk text with it. Strict: overlong forms, surrogates
 * and code points past U+10FFFF are invalid. Inline because the tokenisers call it per
 * character on millions of rows. Depends on nothing. */
#ifndef ZX_UTIL_UTF8_H
#define ZX_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The code point at s[*i] (s holds n bytes, *i < n); *i moves past it. An invalid sequence
 * gives -1 and moves *i past the bytes read so far (at least one), so a caller can skip it. */
static inline int32_t zx_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t at = *i, k;
    uint32_t cp, b = u[at];
    if (b < 0x80) {
        *i = at + 1;
        return (int32_t)b;
    }
    if (b >= 0xc2 && b <= 0xdf) {
        k = 1;
        cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
        k = 2;
        cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
        k = 3;
        cp = b & 0x07;
    } else {
        *i = at + 1;
        return -1;
    }
    for (size_t j = 1; j <= k; j++) {
        if (at + j >= n || (u[at + j] & 0xc0) != 0x80) {
            *i = at + j;
            return -1;
        }
        cp = (cp << 6) | (u[at + j] & 0x3f);
    }
    *i = at + k + 1;
    if ((k == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (k == 3 && (cp < 0x10000 || cp > 0x10ffff)))
        return -1;
    return (int32_t)cp;
}

/* 1 when the n bytes at s are valid UTF-8, else 0. */
static inline int zx_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n)
        if (zx_utf8_next(s, n, &i) < 0)
            return 0;
    return 1;
}

#endif
