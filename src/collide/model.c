/* model.c — the Fellegi–Sunter model fitted by EM with u held fixed.
 *
 * u (P(level | non-match)) comes from random pairs (collide.c). EM runs over all record
 * pairs; pairs outside the candidate set are taken as non-matches (their posterior is ~0
 * under the fitted model), so only the candidate patterns need to be visited: the prior λ is
 * Σ posterior / total_pairs and m is the posterior-weighted share of each level. */
#include "collide/internal.h"

#include <math.h>

#define M_FLOOR 1e-6

int zx_collide_em(size_t npat, size_t nf, const int8_t *patterns, const double *counts,
                  const int *nlevels, double total_pairs, const double u[][ZX_COLLIDE_MAX_LEVELS],
                  double m[][ZX_COLLIDE_MAX_LEVELS], double *lambda)
{
    double cand = 0;
    for (size_t i = 0; i < npat; i++)
        cand += counts[i];
    /* start: geometric m rising to the exact level; λ from a tenth of the candidates */
    for (size_t f = 0; f < nf; f++) {
        double s = 0, w = 1;
        for (int l = 0; l < nlevels[f]; l++, w *= 4)
            s += w;
        w = 1;
        for (int l = 0; l < nlevels[f]; l++, w *= 4)
            m[f][l] = w / s;
    }
    double lam = total_pairs > 0 ? (cand * 0.1 + 1) / total_pairs : 0.5;
    if (lam > 0.5)
        lam = 0.5;
    int it;
    for (it = 1; it <= 500; it++) {
        double num[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS] = {{0}};
        double wsum = 0;
        double lo = log(lam / (1 - lam));
        for (size_t i = 0; i < npat; i++) {
            const int8_t *p = patterns + i * nf;
            double s = lo;
            for (size_t f = 0; f < nf; f++)
                if (p[f] >= 0)
                    s += log(m[f][p[f]] / u[f][p[f]]);
            double w = 1.0 / (1.0 + exp(-s));
            double cw = counts[i] * w;
            wsum += cw;
            for (size_t f = 0; f < nf; f++)
                if (p[f] >= 0)
                    num[f][p[f]] += cw;
        }
        double delta = 0;
        for (size_t f = 0; f < nf; f++) {
            double t = 0;
            for (int l = 0; l < nlevels[f]; l++)
                t += num[f][l] + M_FLOOR;
            for (int l = 0; l < nlevels[f]; l++) {
                double v = (num[f][l] + M_FLOOR) / t;
                delta = fmax(delta, fabs(v - m[f][l]));
                m[f][l] = v;
            }
        }
        double nl = wsum / total_pairs;
        if (nl < 1e-300)
            nl = 1e-300;
        if (nl > 0.999)
            nl = 0.999;
        delta = fmax(delta, fabs(nl - lam) / lam);
        lam = nl;
        if (delta < 1e-7)
            break;
    }
    *lambda = lam;
    return it > 500 ? 500 : it;
}

/* *eta < 0 on return: the second class is a kind of match, with prior -*eta. */
int zx_collide__em3(size_t npat, size_t nf, const int8_t *patterns, const double *counts,
                    const int *nlevels, double total_pairs, const double u[][ZX_COLLIDE_MAX_LEVELS],
                    double m[][ZX_COLLIDE_MAX_LEVELS], double h[][ZX_COLLIDE_MAX_LEVELS],
                    double *lambda, double *eta)
{
    double cand = 0;
    for (size_t i = 0; i < npat; i++)
        cand += counts[i];
    for (size_t f = 0; f < nf; f++) {
        double s = 0, w = 1;
        for (int l = 0; l < nlevels[f]; l++, w *= 4)
            s += w;
        w = 1;
        for (int l = 0; l < nlevels[f]; l++, w *= 4) {
            m[f][l] = w / s;
            h[f][l] = 1.0 / nlevels[f];
        }
    }
    double lam = total_pairs > 0 ? (cand * 0.1 + 1) / total_pairs : 0.25, et = lam;
    if (lam > 0.25)
        lam = et = 0.25;
    int it;
    for (it = 1; it <= 500; it++) {
        double nm[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS] = {{0}};
        double nh[ZX_COLLIDE_MAX_FIELDS][ZX_COLLIDE_MAX_LEVELS] = {{0}};
        double wm = 0, wh = 0;
        double lm = log(lam), lh = log(et), lu = log(1 - lam - et);
        for (size_t i = 0; i < npat; i++) {
            const int8_t *p = patterns + i * nf;
            double sm = lm, sh = lh, su = lu;
            for (size_t f = 0; f < nf; f++)
                if (p[f] >= 0) {
                    sm += log(m[f][p[f]]);
                    sh += log(h[f][p[f]]);
                    su += log(u[f][p[f]]);
                }
            double mx = fmax(sm, fmax(sh, su));
            double em = exp(sm - mx), eh = exp(sh - mx), eu = exp(su - mx), z = em + eh + eu;
            double cm = counts[i] * em / z, ch = counts[i] * eh / z;
            wm += cm;
            wh += ch;
            for (size_t f = 0; f < nf; f++)
                if (p[f] >= 0) {
                    nm[f][p[f]] += cm;
                    nh[f][p[f]] += ch;
                }
        }
        double delta = 0;
        for (size_t f = 0; f < nf; f++) {
            double tm = 0, th = 0;
            for (int l = 0; l < nlevels[f]; l++) {
                tm += nm[f][l] + M_FLOOR;
                th += nh[f][l] + M_FLOOR;
            }
            for (int l = 0; l < nlevels[f]; l++) {
                double v = (nm[f][l] + M_FLOOR) / tm, x = (nh[f][l] + M_FLOOR) / th;
                delta = fmax(delta, fmax(fabs(v - m[f][l]), fabs(x - h[f][l])));
                m[f][l] = v;
                h[f][l] = x;
            }
        }
        double a = fmin(fmax(wm / total_pairs, 1e-300), 0.45);
        double b = fmin(fmax(wh / total_pairs, 1e-300), 0.45);
        delta = fmax(delta, fmax(fabs(a - lam) / lam, fabs(b - et) / et));
        lam = a;
        et = b;
        if (delta < 1e-7)
            break;
    }
    /* the match class is the one that agrees more: mean share of exact agreement */
    double am = 0, ah = 0;
    for (size_t f = 0; f < nf; f++) {
        am += m[f][nlevels[f] - 1];
        ah += h[f][nlevels[f] - 1];
    }
    if (ah > am) {
        for (size_t f = 0; f < nf; f++)
            for (int l = 0; l < nlevels[f]; l++) {
                double t = m[f][l];
                m[f][l] = h[f][l];
                h[f][l] = t;
            }
        double t = lam;
        lam = et;
        et = t;
    }
    *lambda = lam;
    *eta = et;
    /* the second class is different people only when it plainly disagrees on some field that
     * matches agree on (households: same phone and address, another id); otherwise it is a
     * second kind of match (e.g. matches with a corrupted field or a new address) and counts
     * as one */
    int apart = 0;
    double hx = 0;
    for (size_t f = 0; f < nf; f++) {
        if (h[f][0] >= 0.5 && m[f][0] < 0.1)
            apart = 1;
        hx += h[f][nlevels[f] - 1];
    }
    if (hx >= 0.5 * (double)nf)
        apart = 0; /* agrees exactly on most fields: not different people */
    if (!apart)
        *eta = -et;
    return it > 500 ? 500 : it;
}
