/* zip.c — unpack an uploaded bundle (a zip of CSV files) into a fresh directory. Entry
 * names are checked (no absolute paths, "..", backslashes or control characters) and only
 * their base names are used, so nothing is written outside the directory; sizes are
 * counted as bytes come out of the decompressor, so a zip bomb stops at the ceiling
 * whatever its header claims. */
#include "web/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

int zx_web_zip_name_ok(const char *name, const char **base)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255 || name[0] == '/' || strchr(name, '\\') || strchr(name, ':'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return 0;
    const char *p = name;
    while (*p) { /* no ".." component anywhere */
        const char *e = strchr(p, '/');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == 2 && p[0] == '.' && p[1] == '.')
            return 0;
        p = e ? e + 1 : p + k;
    }
    const char *b = strrchr(name, '/');
    b = b ? b + 1 : name;
    size_t bl = strlen(b);
    if (bl < 5 || strcmp(b + bl - 4, ".csv") || b[0] == '.')
        return 0;
    for (const char *c = b; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '_' || *c == '-' || *c == '.'))
            return 0;
    *base = b;
    return 1;
}

void zx_web_zip_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4400];
    if (d) {
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

int zx_web_zip_unpack(const void *data, size_t len, const char *dir, struct zx_err *err)
{
    zip_error_t ze;
    zip_source_t *src = NULL;
    zip_t *z = NULL;
    zip_file_t *zf = NULL;
    int fd = -1, rc = ZX_OK, files = 0;
    unsigned long long total = 0;
    char buf[65536], path[4400];
    zip_error_init(&ze);
    if (len < 22) {
        rc = zx_err_set(err, ZX_EPARSE, "the upload is not a zip file");
        goto cleanup;
    }
    if (!(src = zip_source_buffer_create(data, len, 0, &ze)) ||
        !(z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
        rc = zx_err_set(err, ZX_EPARSE, "the upload is not a readable zip file: %s",
                        zip_error_strerror(&ze));
        goto cleanup;
    }
    src = NULL; /* the archive owns it now */
    zip_int64_t n = zip_get_num_entries(z, 0);
    if (n > ZX_WEB_MAX_ZIP_ENTRIES) {
        rc = zx_err_set(err, ZX_ELIMIT, "the zip holds %lld entries, at most %d are accepted",
                        (long long)n, ZX_WEB_MAX_ZIP_ENTRIES);
        goto cleanup;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS), *base;
        if (!name)
            continue;
        size_t nl = strlen(name);
        if (nl && name[nl - 1] == '/')
            continue; /* a folder */
        if (strstr(name, "__MACOSX/") || !strncmp(name, "._", 2))
            continue;
        if (!zx_web_zip_name_ok(name, &base)) {
            size_t bl = strlen(name);
            if (bl > 4 && !strcmp(name + bl - 4, ".csv")) {
                rc = zx_err_set(err, ZX_EPARSE, "unsafe file name in the zip: '%.200s'", name);
                goto cleanup;
            }
            continue; /* not a CSV file: ignored */
        }
        snprintf(path, sizeof path, "%s/%s", dir, base);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0) {
            rc = errno == EEXIST
                     ? zx_err_set(err, ZX_EPARSE, "the zip holds '%s' twice", base)
                     : zx_err_set(err, ZX_EIO, "cannot write '%s': %s", path, strerror(errno));
            goto cleanup;
        }
        if (!(zf = zip_fopen_index(z, (zip_uint64_t)i, 0))) {
            rc = zx_err_set(err, ZX_EPARSE, "cannot read '%.200s' in the zip: %s", name,
                            zip_strerror(z));
            goto cleanup;
        }
        zip_int64_t k;
        while ((k = zip_fread(zf, buf, sizeof buf)) > 0) {
            total += (unsigned long long)k;
            if (total > ZX_WEB_MAX_UNZIPPED) {
                rc = zx_err_set(err, ZX_ELIMIT, "the zip unpacks to more than %llu MB",
                                (unsigned long long)(ZX_WEB_MAX_UNZIPPED >> 20));
                goto cleanup;
            }
            if (write(fd, buf, (size_t)k) != k) {
                rc = zx_err_set(err, ZX_EIO, "cannot write '%s'", path);
                goto cleanup;
            }
        }
        if (k < 0) {
            rc = zx_err_set(err, ZX_EPARSE, "'%.200s' in the zip is damaged: %s", name,
                            zip_file_strerror(zf));
            goto cleanup;
        }
        zip_fclose(zf);
        zf = NULL;
        close(fd);
        fd = -1;
        files++;
    }
    if (!files)
        rc = zx_err_set(err, ZX_EPARSE, "the zip holds no CSV files");
cleanup:
    if (zf)
        zip_fclose(zf);
    if (fd >= 0)
        close(fd);
    if (z)
        zip_discard(z);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}
