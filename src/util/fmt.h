/* fmt.h — the one way a double is written with a fixed number of decimals for people (tables,
 * bulletins, messages): as printf's "%.*f", except that a value that rounds to zero is written
 * "0.00", never "-0.00" (a tiny negative difference, or -0.0, would otherwise print a minus
 * sign on nothing). Depends on nothing. */
#ifndef ZX_UTIL_FMT_H
#define ZX_UTIL_FMT_H

#include <stddef.h>

/* Write v with `decimals` digits after the point into buf (n bytes). plus = 1 puts a '+' before
 * a positive value ("+1.25"; zero gets no sign). NaN is written "—". Returns buf. */
char *zx_fmt_fixed(char *buf, size_t n, double v, int decimals, int plus);

/* 1 when v written with `decimals` digits is zero ("0.00"): the sign of v says nothing. */
int zx_fmt_rounds_to_zero(double v, int decimals);

#endif
