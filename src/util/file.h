/* file.h — replacing a file whole: written to a temporary file beside the target, then
 * flushed, fsynced and renamed over it, and the folder fsynced, so that a reader (or a crash)
 * sees the old file or the new one, never half of either. Every writer of an output file
 * (bulletins, reports, rejects, caches, generated data) goes through here.
 *
 * Ownership: a struct zx_file_out is the caller's; zx_file_out_commit and zx_file_out_abort
 * release what zx_file_out_open took, whatever happens.
 *
 * Depends on: util/err.h. */
#ifndef ZX_UTIL_FILE_H
#define ZX_UTIL_FILE_H

#include <stdio.h>

#include "util/err.h"

struct zx_file_out {
    char *tmp;  /* the temporary file (malloc) */
    char *path; /* the target (malloc) */
    FILE *f;    /* open for writing when opened as a stream, else NULL */
};

/* Start replacing path: create the temporary file "<path>.tmp.<pid>.<n>". With stream, o->f
 * is open for writing (a 1 MiB buffer); without, the file is created empty for a library
 * that writes by name (libxlsxwriter writes o->tmp). ZX_EIO names the file when it cannot
 * be created. */
int zx_file_out_open(struct zx_file_out *o, const char *path, int stream,
                     struct zx_err *err) ZX_MUST_CHECK;

/* Finish: flush and fsync the data, rename it over the target, fsync the folder. On
 * failure the temporary file is removed and the target is left as it was. */
int zx_file_out_commit(struct zx_file_out *o, struct zx_err *err) ZX_MUST_CHECK;

/* Give up: remove the temporary file; the target is left as it was. Safe to call on a
 * zeroed, committed or aborted o. */
void zx_file_out_abort(struct zx_file_out *o);

#endif
