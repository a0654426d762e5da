#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

int zx_err_set(struct zx_err *err, int rc, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->rc = rc;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return rc;
}

void zx_err_clear(struct zx_err *err)
{
    if (err) {
        err->rc = ZX_OK;
        err->msg[0] = '\0';
    }
}
