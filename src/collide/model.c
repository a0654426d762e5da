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
                  const int *nlevels, double total_pairs,
                  const double u[][ZX_COLLIDE_MAX_LEVELS], double m[][ZX_COLLIDE_MAX_LEVELS],
                  double *lambda)
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
