/* token.c — terms of a fact text: Han bigrams, and their weights (similar.h). */
#include "similar/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint32_t zx_similar__next_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t at = *i;
    unsigned char b = u[at];
    uint32_t cp;
    size_t k;
    if (b < 0x80) {
        *i = at + 1;
        return b;
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
        return 0;
    }
    if (n - at <= k) {
        *i = n;
        return 0;
    }
    for (size_t j = 1; j <= k; j++) {
        if ((u[at + j] & 0xc0) != 0x80) {
            *i = at + j;
            return 0;
        }
        cp = (cp << 6) | (u[at + j] & 0x3f);
    }
    *i = at + k + 1;
    return cp;
}

int zx_similar__is_term_char(uint32_t cp)
{
    /* 某 anonymises names and places (王某, 某某县): it ends a run like punctuation */
    if (cp == 0x67d0)
        return 0;
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

size_t zx_similar_tokens(const char *s, size_t n, uint64_t *out, size_t cap)
{
    size_t i = 0, k = 0;
    uint32_t prev = 0;
    while (s && i < n) {
        uint32_t cp = zx_similar__next_cp(s, n, &i);
        if (!zx_similar__is_term_char(cp)) {
            prev = 0;
            continue;
        }
        if (prev) {
            if (k < cap)
                out[k] = ((uint64_t)prev << 21) | cp;
            k++;
        }
        prev = cp;
    }
    return k;
}

/* ---- weights ---- */

/* behaviour words decide a charge (扒窃, 醉酒, 甲基苯丙胺): weighed up; procedural phrases
 * (如实供述, 谅解) and place suffixes say little about what was done: weighed down */
#define DICT_W  2.0
#define PROC_W  0.3
#define PLACE_W 0.4

static uint64_t *dict; /* sorted bigrams of the legal-term dictionary */
static size_t ndict;
static uint64_t *proc; /* sorted procedural bigrams */
static size_t nproc;
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void dict_build(void)
{
    size_t cap = 0;
    for (int i = 0; i < zx_similar__ndict; i++)
        cap += strlen(zx_similar__dict[i]) / 3 + 1;
    dict = malloc(cap * sizeof *dict);
    if (!dict)
        return; /* no dictionary: every weight 1 */
    for (int i = 0; i < zx_similar__ndict; i++) {
        const char *p = zx_similar__dict[i];
        size_t n = strlen(p);
        ndict += zx_similar_tokens(p, n, dict + ndict, cap - ndict);
    }
    qsort(dict, ndict, sizeof *dict, cmp_u64);
    proc = malloc(((size_t)zx_similar__nproc + 1) * sizeof *proc);
    if (!proc)
        return;
    for (int i = 0; i < zx_similar__nproc; i++)
        nproc += zx_similar_tokens(zx_similar__proc[i], strlen(zx_similar__proc[i]), proc + nproc,
                                   (size_t)zx_similar__nproc - nproc);
    qsort(proc, nproc, sizeof *proc, cmp_u64);
}

static int in_set(const uint64_t *set, size_t n, uint64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (set[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && set[lo] == t;
}

/* the last character of a place name: 长沙市 → 沙市, 花沟镇 → 沟镇 */
static int place_suffix(uint32_t cp)
{
    static const uint32_t sfx[] = {0x7701 /* 省 */, 0x5e02 /* 市 */, 0x53bf /* 县 */,
                                   0x533a /* 区 */, 0x9547 /* 镇 */, 0x4e61 /* 乡 */,
                                   0x6751 /* 村 */, 0x8def /* 路 */, 0x8857 /* 街 */,
                                   0x5df7 /* 巷 */, 0x53f7 /* 号 */};
    for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
        if (sfx[i] == cp)
            return 1;
    return 0;
}

double zx_similar_term_weight(uint64_t term)
{
    pthread_once(&dict_once, dict_build);
    if (dict && in_set(dict, ndict, term))
        return DICT_W;
    if (proc && in_set(proc, nproc, term))
        return PROC_W;
    if (place_suffix((uint32_t)(term & 0x1fffff)))
        return PLACE_W;
    return 1.0;
}
