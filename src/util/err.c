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
        err->id = ZX_M_NONE;
        err->zh[0] = '\0';
    }
    return rc;
}

int zx_err_setm(struct zx_err *err, int rc, int id, ...)
{
    if (err) {
        va_list ap;
        err->rc = rc;
        err->id = (enum zx_msg_id)id;
        va_start(ap, id);
        zx_msg_vformat2((enum zx_msg_id)id, err->msg, sizeof err->msg, err->zh, sizeof err->zh, ap);
        va_end(ap);
    }
    return rc;
}

const char *zx_err_text(const struct zx_err *err)
{
    if (!err)
        return "";
    return err->zh[0] && zx_msg_chinese() ? err->zh : err->msg;
}

void zx_err_clear(struct zx_err *err)
{
    if (err) {
        err->rc = ZX_OK;
        err->msg[0] = '\0';
        err->id = ZX_M_NONE;
        err->zh[0] = '\0';
    }
}
