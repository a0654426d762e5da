/* linkage.c — the Fellegi–Sunter model that links a joined source to the base, estimated on
 * the two sources themselves (shared/spec/linkage.md: no hand-set weights where the data can
 * tell).
 *
 * Fields: id number, name, birth date, compared into graded levels by src/collide
 * (zx_collide_compare). u per level comes from random pairs (U_SAMPLES, fixed seed; every pair
 * when there are few); m per level and the prior λ by collide's EM (zx_collide_em, u held fixed)
 * over the comparison patterns of the candidate pairs — the pairs that share an id, a birth date
 * or a name, the blocking the evaluator links by — then smoothed with the priors below counted
 * as one pseudo-match, so a level no candidate shows is rare rather than impossible. An exact
 * name agreement is weighted by how common that name is in the two sources (term frequency: a
 * 王伟 agreeing says less than a 欧阳修远). With fewer than MIN_CANDIDATES candidate pairs, or when
 * EM degenerates (agreement not more likely among matches than among random pairs, disagreement not
 * less likely, or less than one match expected), the documented priors below are used instead,
 * without term frequencies. Deterministic: the same rows in the same order give the same model. */
#include "supervise/supervise.h"

#include "collide/collide.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NF             3 /* id number, name, birth date */
#define U_SAMPLES      20000ull
#define U_SEED         0x5355504C494E4Bull /* "SUPLINK" */
#define MIN_CANDIDATES 50
#define TF_CLAMP       7.0 /* nats, as in collide */
#define PRIOR_WEIGHT   1.0 /* pseudo-matches the priors count for beside EM's estimate */

static const enum zx_collide_kind kinds[NF] = {ZX_COLLIDE_ID_NUMBER, ZX_COLLIDE_NAME,
                                               ZX_COLLIDE_BIRTH_DATE};

#define PRIOR_LAMBDA 1e-4

struct zx_sup_linkage {
    int em; /* 1: estimated; 0: the priors */
    char note[160];
    int nlev[NF];
    double m[NF][ZX_COLLIDE_MAX_LEVELS], u[NF][ZX_COLLIDE_MAX_LEVELS];
    double lambda;
    struct zx_sup_linkage_info info;
    /* term frequencies of names: sorted distinct names and their share of named records */
    char **names;
    double *tf;
    size_t nnames;
};

/* The documented priors (docs/architecture.md, supervise.h): m and u per level (levels as
 * zx_collide_nlevels counts them: id 3, name 5, birth date 5), from the share of levels among
 * true and random pairs in the demo province's datasets; the prior is one true pair in 10,000.
 * Used only when the data cannot support an estimate. */
static const struct zx_sup_linkage prior_model = {
    .em = 0,
    .note = "priors",
    .nlev = {3, 5, 5},
    .m = {{0.001, 0.05, 0.949}, {0.01, 0.02, 0.05, 0.12, 0.80}, {0.01, 0.01, 0.02, 0.06, 0.90}},
    .u = {{0.9999998, 1e-7, 1e-9},
          {0.97, 0.02, 0.007, 0.0025, 0.0005},
          {0.90, 0.089, 0.0107, 0.0003, 0.00004}},
    .lambda = PRIOR_LAMBDA,
    .info = {.lambda = PRIOR_LAMBDA},
};

static int present(const char *s)
{
    return s && *s;
}

static void use_priors(struct zx_sup_linkage *lk, const char *why)
{
    lk->em = 0;
    snprintf(lk->note, sizeof lk->note, "%s", why);
    memcpy(lk->m, prior_model.m, sizeof lk->m);
    memcpy(lk->u, prior_model.u, sizeof lk->u);
    lk->lambda = lk->info.lambda = PRIOR_LAMBDA;
}

void zx_sup_linkage_free(struct zx_sup_linkage *lk)
{
    if (!lk)
        return;
    for (size_t i = 0; i < lk->nnames; i++)
        free(lk->names[i]);
    free(lk->names);
    free(lk->tf);
    free(lk);
}

const char *zx_sup_linkage_method(const struct zx_sup_linkage *lk)
{
    return lk->em ? "em" : "prior";
}

const char *zx_sup_linkage_note(const struct zx_sup_linkage *lk)
{
    return lk->note;
}

void zx_sup_linkage_get_info(const struct zx_sup_linkage *lk, struct zx_sup_linkage_info *out)
{
    *out = lk->info;
}

int zx_sup_linkage_weights(const struct zx_sup_linkage *lk, int field, int level, double *m,
                           double *u)
{
    if (field < 0 || field >= NF || level < 0 || level >= lk->nlev[field])
        return -1;
    *m = lk->m[field][level];
    *u = lk->u[field][level];
    return 0;
}

static const char *field_of(const struct zx_sup_person *p, int f)
{
    return f == 0 ? p->id : f == 1 ? p->name : p->birth;
}

/* Levels of the three fields (-1: missing on either side). */
static void levels(const struct zx_sup_person *a, const struct zx_sup_person *b, int lev[NF])
{
    for (int f = 0; f < NF; f++) {
        const char *x = field_of(a, f), *y = field_of(b, f);
        lev[f] = present(x) && present(y) ? zx_collide_compare(kinds[f], x, y) : -1;
    }
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double name_tf(const struct zx_sup_linkage *lk, const char *name)
{
    if (!lk->nnames || !present(name))
        return 0;
    char *const *hit = bsearch(&name, lk->names, lk->nnames, sizeof *lk->names, cmp_cstr);
    return hit ? lk->tf[hit - lk->names] : 0;
}

double zx_sup_linkage_probability(const struct zx_sup_linkage *lk, const struct zx_sup_person *a,
                                  const struct zx_sup_person *b)
{
    int lev[NF];
    levels(a, b, lev);
    double w = log(lk->lambda / (1 - lk->lambda));
    for (int f = 0; f < NF; f++) {
        if (lev[f] < 0)
            continue;
        w += log(lk->m[f][lev[f]] / lk->u[f][lev[f]]);
        if (f == 1 && lk->em && lev[f] == lk->nlev[f] - 1) {
            /* among non-matches, agreeing on this name is as likely as the name is common */
            double tf = name_tf(lk, a->name);
            if (tf > 0) {
                double adj = log(lk->u[f][lev[f]] / tf);
                w += adj > TF_CLAMP ? TF_CLAMP : adj < -TF_CLAMP ? -TF_CLAMP : adj;
            }
        }
    }
    return 1.0 / (1.0 + exp(-w));
}

double zx_sup_match_probability(const char *id_a, const char *name_a, const char *birth_a,
                                const char *id_b, const char *name_b, const char *birth_b)
{
    struct zx_sup_person a = {id_a, name_a, birth_a}, b = {id_b, name_b, birth_b};
    return zx_sup_linkage_probability(&prior_model, &a, &b);
}

/* ---- fitting ---- */

static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/* the pattern index of three levels (-1 … 4 each): 6^3 patterns */
#define NPAT 216
static int pattern_index(const int lev[NF])
{
    return ((lev[0] + 1) * 6 + lev[1] + 1) * 6 + lev[2] + 1;
}

/* blocking: right's row indexes sorted by one field (qsort_r, so runs in threads are safe) */
struct sort_by {
    const struct zx_sup_person *rows;
    int f;
};
static int cmp_row(const void *x, const void *y, void *arg)
{
    const struct sort_by *sb = arg;
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    const char *a = field_of(&sb->rows[i], sb->f), *b = field_of(&sb->rows[j], sb->f);
    int c = strcmp(a ? a : "", b ? b : "");
    return c ? c : (i > j) - (i < j);
}

static size_t lower_bound(const struct zx_sup_person *rows, const size_t *ix, size_t n, int f,
                          const char *k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *v = field_of(&rows[ix[mid]], f);
        if (strcmp(v ? v : "", k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Name term frequencies over both sources. */
static int name_frequencies(struct zx_sup_linkage *lk, const struct zx_sup_person *l, size_t nl,
                            const struct zx_sup_person *r, size_t nr)
{
    size_t n = 0;
    const char **all = malloc((nl + nr + 1) * sizeof *all);
    if (!all)
        return -1;
    for (size_t i = 0; i < nl; i++)
        if (present(l[i].name))
            all[n++] = l[i].name;
    for (size_t i = 0; i < nr; i++)
        if (present(r[i].name))
            all[n++] = r[i].name;
    qsort(all, n, sizeof *all, cmp_cstr);
    size_t nd = 0;
    for (size_t i = 0; i < n; i++)
        nd += i == 0 || strcmp(all[i], all[i - 1]);
    lk->names = calloc(nd + 1, sizeof *lk->names);
    lk->tf = calloc(nd + 1, sizeof *lk->tf);
    if (!lk->names || !lk->tf) {
        free(all);
        return -1;
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(all[j], all[i]))
            j++;
        if (!(lk->names[lk->nnames] = strdup(all[i]))) {
            free(all);
            return -1;
        }
        lk->tf[lk->nnames++] = (double)(j - i) / (double)n;
        i = j;
    }
    free(all);
    return 0;
}

int zx_sup_linkage_fit(const struct zx_sup_person *left, size_t nl,
                       const struct zx_sup_person *right, size_t nr, struct zx_sup_linkage **out,
                       struct zx_err *err)
{
    struct zx_sup_linkage *lk = calloc(1, sizeof *lk);
    size_t *ix[NF] = {NULL, NULL, NULL};
    size_t *stamp = NULL;
    int rc = ZX_OK;
    *out = NULL;
    if (!lk)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int f = 0; f < NF; f++)
        lk->nlev[f] = zx_collide_nlevels(kinds[f], 0);
    double total = (double)nl * (double)nr;

    /* u from random pairs: every pair when there are few */
    long long ucnt[NF][ZX_COLLIDE_MAX_LEVELS] = {{0}};
    unsigned long long samples =
        total <= (double)U_SAMPLES * 1.5 ? (unsigned long long)total : U_SAMPLES;
    for (unsigned long long s = 0; s < samples; s++) {
        size_t a, b;
        if (samples == (unsigned long long)total) {
            a = (size_t)(s / nr);
            b = (size_t)(s % nr);
        } else {
            uint64_t h = mix64(U_SEED ^ s);
            a = (size_t)((h >> 32) * nl >> 32);
            b = (size_t)((h & 0xFFFFFFFFu) * nr >> 32);
        }
        int lev[NF];
        levels(&left[a], &right[b], lev);
        for (int f = 0; f < NF; f++)
            if (lev[f] >= 0)
                ucnt[f][lev[f]]++;
    }
    for (int f = 0; f < NF; f++) {
        double tot = 0;
        for (int l = 0; l < lk->nlev[f]; l++)
            tot += (double)ucnt[f][l];
        for (int l = 0; l < lk->nlev[f]; l++)
            lk->u[f][l] = ((double)ucnt[f][l] + 0.5) / (tot + 0.5 * lk->nlev[f]);
    }
    lk->info.random_pairs = (long long)samples;

    /* candidate pairs: the same id, birth date or name (each pair once) */
    double counts[NPAT] = {0};
    long long observed[NF] = {0};
    if (!(stamp = calloc(nr + 1, sizeof *stamp)))
        goto nomem;
    for (int f = 0; f < NF; f++) {
        if (!(ix[f] = malloc((nr + 1) * sizeof *ix[f])))
            goto nomem;
        for (size_t i = 0; i < nr; i++)
            ix[f][i] = i;
        struct sort_by sb = {right, f};
        qsort_r(ix[f], nr, sizeof *ix[f], cmp_row, &sb);
    }
    for (size_t a = 0; a < nl; a++) {
        for (int f = 0; f < NF; f++) {
            const char *k = field_of(&left[a], f);
            if (!present(k))
                continue;
            for (size_t i = lower_bound(right, ix[f], nr, f, k); i < nr; i++) {
                size_t b = ix[f][i];
                const char *v = field_of(&right[b], f);
                if (!v || strcmp(v, k))
                    break;
                if (stamp[b] == a + 1)
                    continue;
                stamp[b] = a + 1;
                int lev[NF];
                levels(&left[a], &right[b], lev);
                counts[pattern_index(lev)] += 1;
                lk->info.candidates++;
                for (int q = 0; q < NF; q++)
                    observed[q] += lev[q] >= 0;
            }
        }
    }

    if (lk->info.candidates < MIN_CANDIDATES) {
        char why[96];
        snprintf(why, sizeof why, "%lld candidate pairs, fewer than %d", lk->info.candidates,
                 MIN_CANDIDATES);
        use_priors(lk, why);
        goto done;
    }
    /* EM over the distinct patterns */
    int8_t pv[NPAT * NF];
    double pc[NPAT];
    size_t npat = 0;
    for (int p = 0; p < NPAT; p++) {
        if (counts[p] == 0)
            continue;
        pv[npat * NF + 0] = (int8_t)(p / 36 - 1);
        pv[npat * NF + 1] = (int8_t)(p / 6 % 6 - 1);
        pv[npat * NF + 2] = (int8_t)(p % 6 - 1);
        pc[npat++] = counts[p];
    }
    lk->info.iterations =
        zx_collide_em(npat, NF, pv, pc, lk->nlev, total,
                      (const double(*)[ZX_COLLIDE_MAX_LEVELS])lk->u, lk->m, &lk->lambda);
    lk->em = 1;
    lk->info.lambda = lk->lambda;
    /* degenerate fits: fall back to the priors */
    static const char *const fname[NF] = {"id_number", "name", "birth_date"};
    char why[160] = "";
    if (lk->lambda * total < 1)
        snprintf(why, sizeof why, "EM expects less than one match");
    for (int f = 0; f < NF && !*why; f++) {
        int top = lk->nlev[f] - 1;
        if (!observed[f])
            continue; /* missing throughout: no evidence either way */
        if (lk->m[f][top] <= lk->u[f][top])
            snprintf(why, sizeof why, "EM degenerate: %s agreeing, m %.3g <= u %.3g", fname[f],
                     lk->m[f][top], lk->u[f][top]);
        else if (lk->m[f][0] >= lk->u[f][0])
            snprintf(why, sizeof why, "EM degenerate: %s disagreeing, m %.3g >= u %.3g", fname[f],
                     lk->m[f][0], lk->u[f][0]);
    }
    if (*why) {
        use_priors(lk, why);
        goto done;
    }
    /* the priors as PRIOR_WEIGHT pseudo-matches: a level no candidate pair shows (no 同音字
     * in this export) is rare among matches, not impossible */
    double nmatch = lk->lambda * total;
    for (int f = 0; f < NF; f++)
        for (int l = 0; l < lk->nlev[f]; l++)
            lk->m[f][l] = (lk->m[f][l] * nmatch + PRIOR_WEIGHT * prior_model.m[f][l]) /
                          (nmatch + PRIOR_WEIGHT);
    if (name_frequencies(lk, left, nl, right, nr))
        goto nomem;
    snprintf(lk->note, sizeof lk->note, "EM over %lld candidate pairs, u from %lld random pairs",
             lk->info.candidates, lk->info.random_pairs);
done:
    if (getenv("ZX_SUP_LINKAGE_DEBUG")) {
        fprintf(stderr, "linkage %s: %s; lambda %g, %d iterations\n", zx_sup_linkage_method(lk),
                lk->note, lk->lambda, lk->info.iterations);
        for (int f = 0; f < NF; f++) {
            fprintf(stderr, "  %-10s", zx_collide_kind_name(kinds[f]));
            for (int l = 0; l < lk->nlev[f]; l++)
                fprintf(stderr, " [m %.4g u %.3g]", lk->m[f][l], lk->u[f][l]);
            fprintf(stderr, "\n");
        }
    }
    *out = lk;
    lk = NULL;
    goto cleanup;
nomem:
    rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
cleanup:
    zx_sup_linkage_free(lk);
    for (int f = 0; f < NF; f++)
        free(ix[f]);
    free(stamp);
    return rc;
}
