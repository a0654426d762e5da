/* metrics_int.h — internal to src/metrics: the compiled form of a catalog, shared by the
 * parser (catalog.c) and the engine (engine.c). Not for other modules. */
#ifndef ZX_METRICS_METRICS_INT_H
#define ZX_METRICS_METRICS_INT_H

#include <stdint.h>

#include "metrics/catalog.h"

enum { ZX_CNT_PERSONS = 1, ZX_CNT_CASES, ZX_CNT_EVENTS };
enum { ZX_ANC_EVENT = 1, ZX_ANC_REF, ZX_ANC_CLOSED, ZX_ANC_ACCEPTED };

/* An event selector: type mask (bit t for event type t) and result mask (0 = any result). */
struct zx_sel {
    uint64_t types, results;
};

/* One counting term. Structs are zeroed before filling so that equal terms compare equal
 * with memcmp (the catalog shares one term between every row that uses it). */
struct zx_term {
    int32_t count;  /* ZX_CNT_… */
    int32_t anchor; /* ZX_ANC_…: which date places the count in a period */
    int32_t first;  /* only the entity's first selected event (by date, then file order) */
    int32_t pad_;
    struct zx_sel sel;                          /* types == 0: a case-only term */
    uint32_t lines, kinds, sources, businesses; /* case filters, bit v; 0 = any */
    struct zx_sel prior, case_has, answers;     /* types == 0: no condition */
};

struct zx_row_int {
    struct zx_catalog_row pub;
    int *num, nnum; /* term indices; a sum */
    int *den, nden;
};

struct zx_catalog {
    char *source;
    struct zx_term *terms;
    int nterms, capterms;
    struct zx_row_int *rows;
    int nrows, caprows;
    char **strings; /* owned strings, freed with the catalog */
    int nstrings, capstrings;
};

#endif
