/* fuzz_date.c — the date parser must accept any bytes without reading past len, and every
 * date it accepts must be a real day that formats and parses back to the same day number. */
#include "util/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int32_t d = 0, back = 0;
    char buf[11];
    int y, m, dd;
    /* a private copy without a terminator, so a read past len is caught by ASan */
    char *s = malloc(size ? size : 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    int rc = zx_date_parse(s, size, &d);
    free(s);
    if (rc != 0 && rc != -1 && rc != -2)
        abort();
    if (rc != 0)
        return 0;
    zx_date_to_ymd(d, &y, &m, &dd);
    if (!zx_date_valid(y, m, dd))
        abort();
    zx_date_format(d, buf);
    if (zx_date_parse(buf, strlen(buf), &back) != 0 || back != d)
        abort(); /* the canonical form must round-trip */
    /* month arithmetic stays on real days for any month offset a sentence could have */
    for (int k = -24; k <= 24; k += 7) {
        zx_date_to_ymd(zx_date_add_months(d, k), &y, &m, &dd);
        if (m < 1 || m > 12 || dd < 1 || dd > 31)
            abort();
        zx_date_to_ymd(zx_date_add_months_eom(d, k), &y, &m, &dd);
        if (m < 1 || m > 12 || dd < 1 || dd > 31)
            abort();
    }
    return 0;
}
