/* fuzz_catalog.c — the indicator catalog loader must reject any malformed JSON or catalog
 * with an error (never crash, leak or read out of bounds), and a catalog it accepts must
 * have rows whose facts are all set. */
#include "metrics/catalog.h"
#include "util/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct zx_catalog *c = NULL;
    struct zx_err err = {0};
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    int rc = zx_catalog_parse(text, size, "fuzz.json", &c, &err);
    free(text);
    if (rc != 0) {
        if (c || !err.msg[0])
            abort(); /* an error always comes with a message and no catalog */
        return 0;
    }
    for (int i = 0; i < zx_catalog_rows(c); i++) {
        const struct zx_catalog_row *r = zx_catalog_row(c, i);
        if (!r || !r->id || !r->name_zh || zx_catalog_find(c, r->id) < 0)
            abort();
        for (int k = 0; k < r->npairs; k++)
            if (!r->pairs[k].with)
                abort();
    }
    zx_catalog_free(c);
    return 0;
}
