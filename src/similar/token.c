/* token.c — terms of a fact text: Han bigrams, and their weights (similar.h). */
#include "similar/internal.h"
#include "util/utf8.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint32_t zx_similar__next_cp(const char *s, size_t n, size_t *i)
{
    int32_t cp = zx_utf8_next(s, n, i);
    return cp < 0 ? 0 : (uint32_t)cp; /* an invalid byte ends a run like punctuation */
}

int zx_similar__is_term_char(uint32_t cp)
{
    /* 某 anonymises names and places (王某, 某某县): it ends a run like punctuation */
    if (cp == 0x67d0)
        return 0;
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}

/* The unit after a number at s[i]: 1 元 (万元: ×10⁴), 2 克 (千克: ×10³), 3 毫克, 4 毫升,
 * 5 天/日, else 0; *scale gets the multiplier. */
static int amount_unit(const char *s, size_t n, size_t i, double *scale)
{
    uint32_t a = i < n ? zx_similar__next_cp(s, n, &i) : 0;
    uint32_t b = i < n ? zx_similar__next_cp(s, n, &i) : 0;
    *scale = 1;
    if (a == 0x4e07 && b == 0x5143) { /* 万元 */
        *scale = 1e4;
        return 1;
    }
    if (a == 0x5343 && b == 0x514b) { /* 千克 */
        *scale = 1e3;
        return 2;
    }
    if (a == 0x6beb) /* 毫 */
        return b == 0x514b ? 3 : b == 0x5347 ? 4 : 0;
    return a == 0x5143 ? 1 : a == 0x514b ? 2 : (a == 0x5929 || a == 0x65e5) ? 5 : 0;
}

size_t zx_similar_tokens(const char *s, size_t n, uint64_t *out, size_t cap)
{
    size_t i = 0, k = 0;
    uint32_t prev = 0;
    while (s && i < n) {
        size_t at = i;
        uint32_t cp = zx_similar__next_cp(s, n, &i);
        if (cp >= '0' && cp <= '9') {
            /* an amount with its unit (人民币12000元, 0.52克, 195毫克) is one term per half
             * octave of its size, so that facts of a similar size meet; a bare number
             * (a date, a plate) is none */
            double v = 0, frac = 0;
            size_t j = at;
            for (; j < n && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && !frac)); j++) {
                if (s[j] == '.')
                    frac = 1;
                else if (frac)
                    v += (s[j] - '0') * (frac /= 10);
                else
                    v = v * 10 + (s[j] - '0');
            }
            double scale;
            int unit = amount_unit(s, n, j, &scale);
            if (unit && v < 1e15) {
                int bucket = (int)floor(2 * log2(v * scale + 1));
                if (k < cap)
                    out[k] = ZX_SIMILAR_AMOUNT | ((uint64_t)unit << 8) | (uint64_t)bucket;
                k++;
            }
            i = j;
            prev = 0;
            continue;
        }
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
/* an amount's size: as much as a word */
#define AMOUNT_W 1.0

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
    if (term & ZX_SIMILAR_AMOUNT)
        return AMOUNT_W;
    pthread_once(&dict_once, dict_build);
    if (dict && in_set(dict, ndict, term))
        return DICT_W;
    if (proc && in_set(proc, nproc, term))
        return PROC_W;
    if (place_suffix((uint32_t)(term & 0x1fffff)))
        return PLACE_W;
    return 1.0;
}
