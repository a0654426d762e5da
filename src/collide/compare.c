/* compare.c — graded comparison levels per kind (0 = disagree … top = exact).
 *
 * Level boundaries are fixed (Jaro–Winkler 0.92, 0.85 …); what a level is worth is learnt
 * by the model (model.c). */
#include "collide/internal.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

#define CAP 256

uint64_t zx_collide__hash(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001B3ull;
    }
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h ? h : 1;
}

double zx_collide__jaro_winkler(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na == 0 || nb == 0)
        return 0.0;
    if (na > CAP)
        na = CAP;
    if (nb > CAP)
        nb = CAP;
    size_t win = (na > nb ? na : nb) / 2;
    win = win > 0 ? win - 1 : 0;
    unsigned char ma[CAP], mb[CAP];
    memset(ma, 0, na);
    memset(mb, 0, nb);
    size_t m = 0;
    for (size_t i = 0; i < na; i++) {
        size_t lo = i > win ? i - win : 0, hi = i + win + 1 < nb ? i + win + 1 : nb;
        for (size_t j = lo; j < hi; j++)
            if (!mb[j] && a[i] == b[j]) {
                ma[i] = mb[j] = 1;
                m++;
                break;
            }
    }
    if (m == 0)
        return 0.0;
    size_t t = 0, j = 0;
    for (size_t i = 0; i < na; i++) {
        if (!ma[i])
            continue;
        while (!mb[j])
            j++;
        if (a[i] != b[j])
            t++;
        j++;
    }
    double md = (double)m;
    double jaro = (md / (double)na + md / (double)nb + (md - (double)t / 2.0) / md) / 3.0;
    size_t l = 0;
    while (l < 4 && l < na && l < nb && a[l] == b[l])
        l++;
    return jaro + (double)l * 0.1 * (1.0 - jaro);
}

/* a[0..n) == b[0..n): the values are short, and a call to memcmp cost more than the
 * comparison (profile of a 1M dedupe). */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y)
            return 0;
    }
    for (; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* Decode a normalised value: zx_collide__normalise always writes valid UTF-8 (invalid input
 * became U+FFFD there), so the checks of zx_collide__utf8_decode are not needed again. */
static size_t decode_norm(const char *s, size_t len, uint32_t *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len && n < cap) {
        uint32_t b = u[i];
        if (b < 0x80) {
            out[n++] = b;
            i++;
        } else if (b < 0xE0) {
            out[n++] = (b & 0x1F) << 6 | (u[i + 1] & 0x3Fu);
            i += 2;
        } else if (b < 0xF0) {
            out[n++] = (b & 0x0F) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
            i += 3;
        } else {
            out[n++] = (b & 0x07) << 18 | (u[i + 1] & 0x3Fu) << 12 | (u[i + 2] & 0x3Fu) << 6 |
                       (u[i + 3] & 0x3Fu);
            i += 4;
        }
    }
    return n;
}

int zx_collide__one_edit(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb) {
        size_t i = 0;
        while (i < na && a[i] == b[i])
            i++;
        if (i == na)
            return 0; /* equal: not an edit */
        if (same_bytes(a + i + 1, b + i + 1, na - i - 1))
            return 1; /* substitution */
        return i + 1 < na && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               same_bytes(a + i + 2, b + i + 2, na - i - 2);
    }
    if (na + 1 == nb || nb + 1 == na) {
        const char *s = na < nb ? a : b, *l = na < nb ? b : a;
        size_t ns = na < nb ? na : nb, i = 0;
        while (i < ns && s[i] == l[i])
            i++;
        return same_bytes(s + i, l + i + 1, ns - i);
    }
    return 0;
}

/* 形近字 often confused in handwritten or OCR'd names (pairs, each in code-point order). */
static const uint32_t confusable[][2] = {
    {0x5DF1, 0x5DF2}, /* 己 已 */ {0x5DF2, 0x5DF3}, /* 已 巳 */ {0x672A, 0x672B}, /* 未 末 */
    {0x571F, 0x58EB}, /* 土 士 */ {0x7389, 0x738B}, /* 玉 王 */ {0x65E5, 0x66F0}, /* 日 曰 */
    {0x4EBA, 0x5165}, /* 人 入 */ {0x529B, 0x5200}, /* 力 刀 */ {0x5927, 0x592A}, /* 大 太 */
    {0x592A, 0x72AC}, /* 太 犬 */ {0x5929, 0x592B}, /* 天 夫 */ {0x620A, 0x620C}, /* 戊 戌 */
    {0x620C, 0x620D}, /* 戌 戍 */ {0x4FAF, 0x5019},                               /* 侯 候 */
    {0x6728, 0x672C}, /* 木 本 */ {0x76EE, 0x81EA}, /* 目 自 */ {0x5E72, 0x5343}, /* 干 千 */
    {0x5E72, 0x4E8E}, /* 干 于 */ {0x6BD4, 0x5317}, /* 比 北 */ {0x5146, 0x6311}, /* 兆 挑 */
    {0x8D1D, 0x89C1}, /* 贝 见 */ {0x6D2A, 0x6C5F}, /* 洪 江 */ {0x6768, 0x6E58}, /* 杨 湘 */
    {0x6768, 0x626C}, /* 杨 扬 */ {0x6A2A, 0x6768}, /* 横 杨 */ {0x8F89, 0x8F8A}, /* 辉 辊 */
    {0x73B2, 0x94C3}, /* 玲 铃 */ {0x7433, 0x6797}, /* 琳 林 */ {0x742A, 0x68CB}, /* 琪 棋 */
    {0x5A77, 0x5EF7}, /* 婷 廷 */ {0x6DA6, 0x95F0}, /* 润 闰 */ {0x6D69, 0x7693}, /* 浩 皓 */
    {0x6653, 0x6654}, /* 晓 晔 */ {0x5029, 0x4FCA}, /* 倩 俊 */ {0x5029, 0x9752}, /* 倩 青 */
    {0x8363, 0x8425}, /* 荣 营 */ {0x6B66, 0x5F0F}, /* 武 式 */ {0x7EA2, 0x7EA6}, /* 红 约 */
    {0x6B23, 0x5FFB}, /* 欣 忻 */ {0x8389, 0x8354}, /* 莉 荔 */ {0x654F, 0x6BCF}, /* 敏 每 */
    {0x8D75, 0x8D8B}, /* 赵 趋 */ {0x6BDB, 0x624B}, /* 毛 手 */ {0x7530, 0x7531}, /* 田 由 */
    {0x7531, 0x7532}, /* 由 甲 */ {0x7532, 0x7533}, /* 甲 申 */ {0x4E59, 0x4E5E}, /* 乙 乞 */
    {0x5DDD, 0x5DDE}, /* 川 州 */ {0x6C38, 0x6C34}, /* 永 水 */ {0x51B0, 0x6C34}, /* 冰 水 */
    {0x6C5D, 0x6C64}, /* 汝 汤 */ {0x5B8F, 0x5B8B},                               /* 宏 宋 */
};

static int is_confusable(uint32_t x, uint32_t y)
{
    uint32_t a = x < y ? x : y, b = x < y ? y : x;
    for (size_t i = 0; i < sizeof confusable / sizeof confusable[0]; i++)
        if (confusable[i][0] == a && confusable[i][1] == b)
            return 1;
    return 0;
}

static size_t pinyin_cp(const uint32_t *cp, size_t n, uint32_t *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = zx_collide__pinyin_text(zx_collide__pinyin_id(cp[i]));
        if (!*t && k < cap)
            out[k++] = cp[i];
        for (; *t && k < cap; t++)
            out[k++] = (unsigned char)*t;
    }
    return k;
}

static int han_name_level(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na == nb) {
        int hard = 0, conf = 0, diff = 0;
        for (size_t i = 0; i < na; i++) {
            if (a[i] == b[i])
                continue;
            diff++;
            uint16_t pa = zx_collide__pinyin_id(a[i]), pb = zx_collide__pinyin_id(b[i]);
            if (pa && pa == pb)
                continue; /* 同音字 */
            if (is_confusable(a[i], b[i]))
                conf++; /* 形近字 */
            else
                hard++;
        }
        if (diff == 0)
            return 4;
        if (hard == 0 && conf <= 1)
            return 3;
        if (na == 3 && a[0] == b[0] && a[1] == b[2] && a[2] == b[1])
            return 3; /* given-name characters swapped */
        if (hard + conf <= 1 || (hard == 0 && conf == 2))
            return 2;
    } else if (na + 1 == nb || nb + 1 == na) {
        /* one character left out */
        const uint32_t *s = na < nb ? a : b, *l = na < nb ? b : a;
        size_t ns = na < nb ? na : nb, i = 0;
        while (i < ns && s[i] == l[i])
            i++;
        if (!memcmp(s + i, l + i + 1, (ns - i) * sizeof *s))
            return 2;
    }
    /* same surname (by sound) and a shared given-name character, or close pinyin */
    int same_sur = a[0] == b[0] || (zx_collide__pinyin_id(a[0]) &&
                                    zx_collide__pinyin_id(a[0]) == zx_collide__pinyin_id(b[0]));
    if (!same_sur)
        return 0; /* another surname, even by sound */
    for (size_t i = 1; i < na; i++)
        for (size_t j = 1; j < nb; j++)
            if (a[i] == b[j])
                return 1;
    uint32_t pa[CAP], pb[CAP];
    size_t la = pinyin_cp(a, na, pa, CAP), lb = pinyin_cp(b, nb, pb, CAP);
    return zx_collide__jaro_winkler(pa, la, pb, lb) >= 0.9 ? 1 : 0;
}

static int latin_name_level(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    double jw = zx_collide__jaro_winkler(a, na, b, nb);
    if (jw >= 0.92)
        return 3;
    /* tokens swapped ("smith john") */
    size_t sa = 0, sb = 0;
    while (sa < na && a[sa] != ' ')
        sa++;
    while (sb < nb && b[sb] != ' ')
        sb++;
    if (sa < na && sb < nb && na == nb && sa + 1 + sb == na &&
        !memcmp(a, b + sb + 1, sa * sizeof *a) && !memcmp(b, a + sa + 1, sb * sizeof *a))
        return 3;
    if (jw >= 0.85)
        return 2;
    return jw >= 0.7 ? 1 : 0;
}

static int date_level(const struct zx_collide__val *a, const struct zx_collide__val *b)
{
    if (a->aux < 0 || b->aux < 0)
        return zx_collide__one_edit(a->p, a->len, b->p, b->len) ? 3 : 0;
    int ya = a->aux / 10000, ma = a->aux / 100 % 100, da = a->aux % 100;
    int yb = b->aux / 10000, mb = b->aux / 100 % 100, db = b->aux % 100;
    if (ya == yb && ma == db && da == mb)
        return 3; /* day and month swapped */
    if (zx_collide__one_edit(a->p, a->len, b->p, b->len))
        return 3; /* one digit */
    int32_t dn = zx_date_from_ymd(ya, ma, da) - zx_date_from_ymd(yb, mb, db);
    if (dn >= -1 && dn <= 1)
        return 3; /* one day, also across a month's end */
    if (ya == yb && da == db && abs(ma - mb) <= 1)
        return 3;
    int same = (ya == yb) + (ma == mb) + (da == db);
    if (same >= 2)
        return 2;
    return ya == yb ? 1 : 0;
}

/* Overlap coefficient of the character-bigram multisets. */
static double bigram_overlap(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na < 2 || nb < 2)
        return 0.0;
    uint64_t ga[CAP], gb[CAP];
    size_t ka = 0, kb = 0;
    for (size_t i = 0; i + 1 < na && ka < CAP; i++)
        ga[ka++] = (uint64_t)a[i] << 32 | a[i + 1];
    for (size_t i = 0; i + 1 < nb && kb < CAP; i++)
        gb[kb++] = (uint64_t)b[i] << 32 | b[i + 1];
    unsigned char used[CAP];
    size_t hit = 0;
    memset(used, 0, kb);
    for (size_t i = 0; i < ka; i++)
        for (size_t j = 0; j < kb; j++)
            /* cppcheck-suppress uninitvar ; j < kb: written above */
            if (!used[j] && ga[i] == gb[j]) {
                used[j] = 1;
                hit++;
                break;
            }
    return (double)hit / (double)(ka < kb ? ka : kb);
}

int zx_collide_nlevels(enum zx_collide_kind k, int baseline)
{
    if (baseline)
        return 4;
    switch (k) {
    case ZX_COLLIDE_NAME:
    case ZX_COLLIDE_GIVEN_NAME:
    case ZX_COLLIDE_SURNAME:
    case ZX_COLLIDE_BIRTH_DATE:
        return 5;
    case ZX_COLLIDE_ADDRESS:
    case ZX_COLLIDE_TEXT:
        return 4;
    case ZX_COLLIDE_ID_NUMBER:
    case ZX_COLLIDE_POSTCODE:
    case ZX_COLLIDE_PHONE:
        return 3;
    case ZX_COLLIDE_EXACT:
    case ZX_COLLIDE_KIND_COUNT_:
        break;
    }
    return 2;
}

int zx_collide__level(enum zx_collide_kind k, int baseline, const struct zx_collide__val *a,
                      const struct zx_collide__val *b)
{
    int top = zx_collide_nlevels(k, baseline) - 1;
    if (a->len == b->len && same_bytes(a->p, b->p, a->len))
        return top;
    if (k == ZX_COLLIDE_EXACT && !baseline)
        return 0;
    uint32_t ca[CAP], cb[CAP];
    size_t na, nb;
    if (baseline) {
        na = decode_norm(a->p, a->len, ca, CAP);
        nb = decode_norm(b->p, b->len, cb, CAP);
        double jw = zx_collide__jaro_winkler(ca, na, cb, nb);
        return jw >= 0.92 ? 2 : jw >= 0.8 ? 1 : 0;
    }
    switch (k) {
    case ZX_COLLIDE_ID_NUMBER:
        if (a->len == 18 && b->len == 18 && same_bytes(a->p, b->p, 17))
            return 1; /* only the check character differs */
        /* one changed digit or two swapped digits (the check character then fails) */
        if (a->len == 18 && b->len == 18)
            return zx_collide__one_edit(a->p, 17, b->p, 17) ? 1 : 0;
        return zx_collide__one_edit(a->p, a->len, b->p, b->len);
    case ZX_COLLIDE_POSTCODE:
        return zx_collide__one_edit(a->p, a->len, b->p, b->len);
    case ZX_COLLIDE_PHONE:
        if (zx_collide__one_edit(a->p, a->len, b->p, b->len))
            return 1;
        /* the same number with or without an area code */
        if (a->len >= 7 && b->len >= 7) {
            const char *s = a->len < b->len ? a->p : b->p, *l = a->len < b->len ? b->p : a->p;
            size_t ns = a->len < b->len ? a->len : b->len, nl = a->len < b->len ? b->len : a->len;
            return same_bytes(s, l + nl - ns, ns);
        }
        return 0;
    case ZX_COLLIDE_BIRTH_DATE:
        return date_level(a, b);
    case ZX_COLLIDE_NAME:
    case ZX_COLLIDE_GIVEN_NAME:
    case ZX_COLLIDE_SURNAME:
        na = decode_norm(a->p, a->len, ca, CAP);
        nb = decode_norm(b->p, b->len, cb, CAP);
        if (a->aux && b->aux)
            return han_name_level(ca, na, cb, nb);
        return latin_name_level(ca, na, cb, nb);
    case ZX_COLLIDE_ADDRESS: {
        na = decode_norm(a->p, a->len, ca, CAP);
        nb = decode_norm(b->p, b->len, cb, CAP);
        double ov = bigram_overlap(ca, na, cb, nb);
        if (ov >= 0.85)
            return 2;
        if (ov >= 0.6)
            return 1;
        if (ov < 0.3)
            return 0; /* most pairs: not worth a Jaro–Winkler */
        double jw = zx_collide__jaro_winkler(ca, na, cb, nb);
        return jw >= 0.95 ? 2 : jw >= 0.85 ? 1 : 0;
    }
    case ZX_COLLIDE_TEXT: {
        na = decode_norm(a->p, a->len, ca, CAP);
        nb = decode_norm(b->p, b->len, cb, CAP);
        double jw = zx_collide__jaro_winkler(ca, na, cb, nb);
        return jw >= 0.92 ? 2 : jw >= 0.8 ? 1 : 0;
    }
    case ZX_COLLIDE_EXACT:
    case ZX_COLLIDE_KIND_COUNT_:
        break;
    }
    return 0;
}

int zx_collide_compare(enum zx_collide_kind k, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *na = malloc(la + 9), *nb = malloc(lb + 9);
    int lev = -1;
    if (!na || !nb)
        goto cleanup;
    zx_collide__pinyin_learn(a, la);
    zx_collide__pinyin_learn(b, lb);
    struct zx_collide__val va = {na, 0, 0}, vb = {nb, 0, 0};
    va.len = (uint32_t)zx_collide__normalise(k, 0, a, la, na, &va.aux);
    vb.len = (uint32_t)zx_collide__normalise(k, 0, b, lb, nb, &vb.aux);
    if (va.len && vb.len)
        lev = zx_collide__level(k, 0, &va, &vb);
cleanup:
    free(na);
    free(nb);
    return lev;
}
