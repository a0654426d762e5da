/* datafile.h — the files shipped in the repository's data/ folder (the indicator catalog, the
 * sentence and monitoring rules, the common-password list …): read from $ZHIXIAO_DATA first,
 * then from data/ beside the running executable's build folder, else the copy compiled into
 * the binary. make builds those copies from data/ itself (scripts/embed-data.py into
 * <build>/gen/data_embedded.c), so they are the files, byte for byte: no copy to keep in step
 * by hand, no test needed to find a stale one.
 *
 * Ownership: zx_datafile_load fills a caller's struct zx_datafile; the caller frees it with
 * zx_datafile_release. zx_datafile_builtin returns borrowed text, valid for the whole run.
 *
 * Depends on: util/err.h. */
#ifndef ZX_UTIL_DATAFILE_H
#define ZX_UTIL_DATAFILE_H

#include <stddef.h>

#include "util/err.h"

/* One compiled-in file; the generated table ends with a NULL name. */
struct zx_datafile_builtin {
    const char *name; /* relative to data/: "indicators.json", "models/pension.json" */
    const char *text; /* NUL-terminated */
    size_t len;
};

/* A loaded data file. text is NUL-terminated; where is the path read, or "(built-in)". */
struct zx_datafile {
    char *text;
    size_t len;
    char where[4200];
    int owned; /* text was read from disk and is freed by zx_datafile_release */
};

/* Write the path of a readable data file `name` into out (size bytes). Returns 0 when
 * found, -1 when not. */
int zx_datafile_find(const char *name, char *out, size_t size);

/* The text of data file `name`: the file on disk when zx_datafile_find finds it, else the
 * compiled-in copy. ZX_ENOTFOUND when neither exists; ZX_EIO when the file cannot be read
 * (a file larger than max bytes is refused: data files are small). */
int zx_datafile_load(const char *name, size_t max, struct zx_datafile *out,
                     struct zx_err *err) ZX_MUST_CHECK;
void zx_datafile_release(struct zx_datafile *f);

/* The compiled-in copy of `name` (len may be NULL), or NULL when there is none. */
const char *zx_datafile_builtin(const char *name, size_t *len);

/* Every compiled-in file, ending with a NULL name (for listings and tests). */
const struct zx_datafile_builtin *zx_datafile_builtins(void);

#endif
