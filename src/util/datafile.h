/* datafile.h — find a file shipped in the repository's data/ folder (the indicator catalog,
 * the sentence rules): $ZHIXIAO_DATA first, then data/ beside the running executable's build
 * folder. Callers fall back to their compiled-in copy when nothing is found. Depends on
 * nothing. */
#ifndef ZX_UTIL_DATAFILE_H
#define ZX_UTIL_DATAFILE_H

#include <stddef.h>

/* Write the path of a readable data file `name` into out (size bytes). Returns 0 when
 * found, -1 when not. */
int zx_datafile_find(const char *name, char *out, size_t size);

#endif
