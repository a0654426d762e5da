/* route_bulletin.c — GET /api/v1/bulletin?unit=&period=: the bulletin (通报) of a unit in the
 * user's subtree for a period, as an XLSX download (bulletin/bulletin.h). A unit bulletin is
 * unit figures, so an own-figures-only account (a prosecutor) may not have one. Every
 * download is audited as an export. */
#include "bulletin/bulletin.h"
#include "store/settings.h"
#include "util/date.h"
#include "web/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Read the whole file at path into a malloc'ed buffer. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    char *buf = NULL;
    if (!f)
        return NULL;
    if (fstat(fileno(f), &sb) == 0 && sb.st_size > 0 && (buf = malloc((size_t)sb.st_size))) {
        if (fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
            free(buf);
            buf = NULL;
        } else {
            *len = (size_t)sb.st_size;
        }
    }
    fclose(f);
    return buf;
}

int zx_web__route_bulletin(struct zx_web_req *r)
{
    struct zx_err err = {0};
    struct zx_settings *settings = NULL;
    char dir[] = "/tmp/zx-bulletin.XXXXXX", path[64] = "", label[64], target[160];
    const char *period = zx_web__arg(r, "period");
    int32_t u, from, to, as_of = ZX_DATE_NULL;
    char *buf = NULL;
    size_t len = 0;

    if (r->scope_staff >= 0 || !zx_web_auth_can(r->user.roles, ZX_CAP_UNIT_FIGURES)) {
        zx_web__error(r, 403, "forbidden", "检察官账户只能查看本人数据，不能生成单位通报",
                      "an own-figures-only account cannot have a unit bulletin");
        return ZX_OK;
    }
    if (!period || zx_date_period(period, &from, &to, label, sizeof label, &err)) {
        zx_web__error(r, 400, "bad_period", "期间格式应为 2024、2024-H1、2024-Q3 或 2024-07",
                      "period must be 2024, 2024-H1, 2024-Q3 or 2024-07");
        return ZX_OK;
    }
    if (zx_web__arg_unit(r, "unit", &u))
        return ZX_OK;
    if (!r->data) {
        zx_web__error(r, 503, "no_data", "数据尚未载入", "no data loaded");
        return ZX_OK;
    }
    if (zx_settings_load(r->st, &settings, &err) ||
        zx_store_events_as_of(r->st, to, &as_of, &err) || !mkdtemp(dir)) {
        zx_web__error(r, 500, "bulletin", "生成通报失败", err.msg[0] ? err.msg : "temp dir");
        goto cleanup;
    }
    snprintf(path, sizeof path, "%s/bulletin.xlsx", dir);
    struct zx_bulletin_opts o = {.cat = r->app->cat,
                                 .unit = u,
                                 .from = from,
                                 .to = to,
                                 .period_label = label,
                                 .data_as_of = as_of,
                                 .settings = settings};
    if (zx_bulletin_write(path, r->data->m, &o, &err) || !(buf = slurp(path, &len))) {
        zx_web__error(r, 500, "bulletin", "生成通报失败", err.msg[0] ? err.msg : "read back");
        goto cleanup;
    }
    const char *uid = zx_metrics_unit_id(r->data->m, u);
    snprintf(target, sizeof target, "%s %s", uid, period);
    zx_web__audit(r, "export_bulletin", target, "ok", label);
    /* ASCII file name: the unit id and the period, both validated above */
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"bulletin-%s-%s.xlsx\"",
             uid, period);
    zx_web__raw(r, 200, XLSX_TYPE, buf, len);
cleanup:
    free(buf);
    if (path[0])
        unlink(path);
    rmdir(dir);
    zx_settings_free(settings);
    return ZX_OK;
}
