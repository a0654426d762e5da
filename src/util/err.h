/* err.h — the one error convention of libzx.
 *
 * Every fallible function returns an int: ZX_OK (0) on success, a negative ZX_E… code on
 * failure, and writes a lower-case message without a full stop into a caller-provided
 * struct zx_err. Callers check the code; the message is for people. An error people see in
 * the web UI is set with zx_err_setm from a row of the message table (util/msg.h): it then
 * carries the Chinese text and the row's id as well. Depends on util/msg. */
#ifndef ZX_UTIL_ERR_H
#define ZX_UTIL_ERR_H

#include "util/msg.h"

#include <stddef.h>

#define ZX_MUST_CHECK     __attribute__((warn_unused_result))
#define ZX_PRINTF(fa, va) __attribute__((format(printf, fa, va)))

enum zx_rc {
    ZX_OK = 0,
    ZX_ENOMEM = -1,  /* allocation failed */
    ZX_EIO = -2,     /* a file or the OS failed */
    ZX_EPARSE = -3,  /* input does not follow its format */
    ZX_ELIMIT = -4,  /* a stated ceiling was passed */
    ZX_EINVAL = -5,  /* bad argument or usage */
    ZX_ESTORE = -6,  /* the database failed */
    ZX_ESCHEMA = -7, /* database schema is newer than this program */
    ZX_ENOTFOUND = -8,
};

struct zx_err {
    int rc;
    char msg[512];     /* English */
    enum zx_msg_id id; /* the message table's row, ZX_M_NONE when set by zx_err_set */
    char zh[512];      /* Chinese, "" when set by zx_err_set */
};

/* Fill err (may be NULL) with rc and a formatted message; returns rc so callers can write
 * `return zx_err_set(err, ZX_EIO, "cannot open '%s'", path);`. */
int zx_err_set(struct zx_err *err, int rc, const char *fmt, ...) ZX_PRINTF(3, 4);

/* The same from row id of the message table (a printf format in both languages, the same
 * arguments): msg gets the English, zh the Chinese. */
int zx_err_setm(struct zx_err *err, int rc, int id, ...);

/* The message to print for people: the Chinese when messages are in Chinese (util/msg.h) and
 * err was set from the table, else the English. Borrowed from err. */
const char *zx_err_text(const struct zx_err *err);

/* Reset err to ZX_OK with an empty message. */
void zx_err_clear(struct zx_err *err);

#endif
