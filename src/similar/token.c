/* token.c — terms of a fact text: Han bigrams, and their weights (similar.h). */
#include "similar/internal.h"
#include "util/datafile.h"
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

/* a growable set of terms */
struct tvec {
    uint64_t *v;
    size_t n, cap;
};

static int tvec_push(struct tvec *t, const char *s, size_t n)
{
    uint64_t tmp[256];
    size_t k = zx_similar_tokens(s, n, tmp, sizeof tmp / sizeof tmp[0]);
    if (k > sizeof tmp / sizeof tmp[0])
        k = sizeof tmp / sizeof tmp[0]; /* a dictionary line is a phrase, never this long */
    if (t->n + k > t->cap) {
        size_t cap = (t->cap ? t->cap * 2 : 1024) + k;
        uint64_t *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    memcpy(t->v + t->n, tmp, k * sizeof *tmp);
    t->n += k;
    return 0;
}

static int tvec_push_one(struct tvec *t, uint64_t term)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        uint64_t *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = term;
    return 0;
}

/* sort and drop repeats */
static void tvec_unique(struct tvec *t)
{
    size_t w = 0;
    if (t->n)
        qsort(t->v, t->n, sizeof *t->v, cmp_u64);
    for (size_t i = 0; i < t->n; i++)
        if (!w || t->v[w - 1] != t->v[i])
            t->v[w++] = t->v[i];
    t->n = w;
}

/* Call fn on each non-empty line of data file `name` (data/similar/…); -1 if unreadable. */
static int each_line(const char *name, int (*fn)(const char *, size_t, void *), void *arg)
{
    struct zx_datafile df;
    struct zx_err err;
    int rc = 0;
    if (zx_datafile_load(name, 1u << 22, &df, &err))
        return -1;
    for (const char *p = df.text, *end = df.text + df.len; p < end && !rc;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n && p[n - 1] == '\r')
            n--;
        if (n)
            rc = fn(p, n, arg);
        p = nl ? nl + 1 : end;
    }
    zx_datafile_release(&df);
    return rc;
}

/* a charge's name without its final 罪, in pieces split at 、: the bigrams of each piece
 * go to pieces; each distinct bigram of the charge counts once towards how general it is */
struct charge_walk {
    struct tvec pieces, seen, per_charge;
};

static int charge_line(const char *s, size_t n, void *arg)
{
    struct charge_walk *w = arg;
    static const char zui[] = "\xe7\xbd\xaa", dun[] = "\xe3\x80\x81"; /* 罪, 、 in UTF-8 */
    if (n >= 3 && !memcmp(s + n - 3, zui, 3))
        n -= 3;
    w->per_charge.n = 0;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && !(j + 3 <= n && !memcmp(s + j, dun, 3)))
            j++;
        if (tvec_push(&w->pieces, s + i, j - i) || tvec_push(&w->per_charge, s + i, j - i))
            return -1;
        i = j + 3;
    }
    tvec_unique(&w->per_charge);
    for (size_t i = 0; i < w->per_charge.n; i++)
        if (tvec_push_one(&w->seen, w->per_charge.v[i]))
            return -1;
    return 0;
}

static int phrase_line(const char *s, size_t n, void *arg)
{
    return tvec_push(arg, s, n);
}

/* The legal-term dictionary, derived from data/similar/ at first use: the bigrams of the
 * charge names (less those in more than GENERAL charge names: 非法, 国家, 人员 …) and of the
 * fact phrases; the procedural phrases' bigrams (如实供述, 公安机关, 谅解 …: how a case went,
 * not what was done), less any dictionary bigram, are weighed down. */
#define GENERAL 12
static void dict_build(void)
{
    struct charge_walk w = {0};
    struct tvec terms = {0}, pr = {0};
    if (each_line("similar/charges.txt", charge_line, &w) ||
        each_line("similar/fact_terms.txt", phrase_line, &terms) ||
        each_line("similar/procedural_terms.txt", phrase_line, &pr))
        goto cleanup; /* no dictionary: every weight 1 */
    qsort(w.seen.v, w.seen.n, sizeof *w.seen.v, cmp_u64);
    for (size_t i = 0; i < w.pieces.n; i++) {
        uint64_t t = w.pieces.v[i];
        size_t lo = 0, hi = w.seen.n;
        while (lo < hi) { /* first occurrence of t among the per-charge bigrams */
            size_t mid = (lo + hi) / 2;
            if (w.seen.v[mid] < t)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t count = 0;
        while (lo + count < w.seen.n && w.seen.v[lo + count] == t)
            count++;
        if (count <= GENERAL && tvec_push_one(&terms, t))
            goto cleanup;
    }
    tvec_unique(&terms);
    tvec_unique(&pr);
    size_t k = 0;
    for (size_t i = 0; i < pr.n; i++)
        if (!in_set(terms.v, terms.n, pr.v[i]))
            pr.v[k++] = pr.v[i];
    pr.n = k;
    dict = terms.v;
    ndict = terms.n;
    proc = pr.v;
    nproc = pr.n;
    terms.v = pr.v = NULL;
cleanup:
    free(w.pieces.v);
    free(w.seen.v);
    free(w.per_charge.v);
    free(terms.v);
    free(pr.v);
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
