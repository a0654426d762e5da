#include "util/fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int zx_fmt_rounds_to_zero(double v, int decimals)
{
    char b[64];
    if (!isfinite(v))
        return 0;
    /* printf's own rounding decides (0.005 is below half a cent in binary, for one) */
    snprintf(b, sizeof b, "%.*f", decimals, fabs(v) < 1e30 ? fabs(v) : 1.0);
    return strspn(b, "0.") == strlen(b);
}

char *zx_fmt_fixed(char *buf, size_t n, double v, int decimals, int plus)
{
    if (n == 0)
        return buf;
    if (isnan(v))
        snprintf(buf, n, "—");
    else if (zx_fmt_rounds_to_zero(v, decimals))
        snprintf(buf, n, "%.*f", decimals, 0.0);
    else
        snprintf(buf, n, plus ? "%+.*f" : "%.*f", decimals, v);
    return buf;
}
