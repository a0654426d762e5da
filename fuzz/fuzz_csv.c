/* fuzz_csv.c — the CSV reader must consume any bytes without reading out of bounds, and
 * every record it yields must lie inside the input. */
#include "util/csv.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    struct zx_csv *c = zx_csv_new(p, size);
    struct zx_csv_row r;
    size_t last = 0;
    if (!c)
        return 0;
    while (zx_csv_next(c, &r) == 1) {
        if (r.raw < p || r.raw + r.raw_len > p + size)
            abort();
        for (size_t i = 0; i < r.nfields; i++) {
            volatile char sink = 0;
            for (size_t k = 0; k < r.f[i].len; k++)
                sink ^= r.f[i].p[k];
            (void)sink;
        }
        if (zx_csv_offset(c) <= last && size)
            abort(); /* no progress: would loop forever */
        last = zx_csv_offset(c);
    }
    zx_csv_free(c);
    return 0;
}
