/* zip.c — unpack an uploaded bundle (a zip of CSV files) into a fresh directory. Entry
 * names are checked (no absolute paths, "..", backslashes or control characters) and only
 * their base names are used, so nothing is written outside the directory. Before anything
 * is written, the declared sizes are checked (their sum against the ceiling and the free
 * space of the folder, each entry's compression ratio); while writing, bytes are counted as
 * they come out of the decompressor and an entry may not exceed its declared size, so a zip
 * bomb stops whatever its header claims. Messages name entries, never server paths. */
#include "web/internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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

/* Write entry i (declared size declared) to dir/base, counting bytes into *total. */
static int unpack_entry(zip_t *z, zip_int64_t i, const char *name, const char *base,
                        zip_uint64_t declared, const char *dir, unsigned long long *total,
                        struct zx_err *err)
{
    zip_file_t *zf = NULL;
    int fd = -1, rc = ZX_OK;
    zip_uint64_t got = 0;
    zip_int64_t k;
    char buf[65536], path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, base);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        rc = errno == EEXIST ? zx_err_set(err, ZX_EPARSE, "the zip holds '%s' twice", base)
                             : zx_err_set(err, ZX_EIO, "cannot write '%s' on the server: %s", base,
                                          strerror(errno));
        goto cleanup;
    }
    if (!(zf = zip_fopen_index(z, (zip_uint64_t)i, 0))) {
        rc = zx_err_set(err, ZX_EPARSE, "cannot read '%.200s' in the zip: %s", name,
                        zip_strerror(z));
        goto cleanup;
    }
    while ((k = zip_fread(zf, buf, sizeof buf)) > 0) {
        got += (zip_uint64_t)k;
        *total += (unsigned long long)k;
        if (got > declared) {
            rc = zx_err_set(err, ZX_EPARSE, "'%.200s' in the zip is larger than it declares", name);
            goto cleanup;
        }
        if (*total > ZX_WEB_MAX_UNZIPPED) {
            rc = zx_err_set(err, ZX_ELIMIT, "the zip unpacks to more than %llu MB",
                            (unsigned long long)(ZX_WEB_MAX_UNZIPPED >> 20));
            goto cleanup;
        }
        if (write(fd, buf, (size_t)k) != k) {
            rc = zx_err_set(err, ZX_EIO, "cannot write '%s' on the server", base);
            goto cleanup;
        }
    }
    if (k < 0)
        rc = zx_err_set(err, ZX_EPARSE, "'%.200s' in the zip is damaged: %s", name,
                        zip_file_strerror(zf));
cleanup:
    if (zf)
        zip_fclose(zf);
    if (fd >= 0)
        close(fd);
    return rc;
}

int zx_web_zip_unpack(const void *data, size_t len, const char *dir, struct zx_err *err)
{
    zip_error_t ze;
    zip_source_t *src = NULL;
    zip_t *z = NULL;
    int rc = ZX_OK, files = 0;
    unsigned long long total = 0, declared = 0;
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
    /* pass 0: names and declared sizes, nothing written yet; pass 1: unpack */
    for (int pass = 0; pass < 2; pass++) {
        for (zip_int64_t i = 0; i < n; i++) {
            const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS), *base;
            zip_stat_t zs;
            if (!name)
                continue;
            size_t nl = strlen(name);
            if (nl && name[nl - 1] == '/')
                continue; /* a folder */
            if (strstr(name, "__MACOSX/") || !strncmp(name, "._", 2))
                continue;
            if (!zx_web_zip_name_ok(name, &base)) {
                if (nl > 4 && !strcmp(name + nl - 4, ".csv")) {
                    rc = zx_err_set(err, ZX_EPARSE, "unsafe file name in the zip: '%.200s'", name);
                    goto cleanup;
                }
                continue; /* not a CSV file: ignored */
            }
            zip_stat_init(&zs);
            if (zip_stat_index(z, (zip_uint64_t)i, 0, &zs) ||
                (zs.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
                    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
                rc = zx_err_set(err, ZX_EPARSE, "'%.200s' in the zip declares no size", name);
                goto cleanup;
            }
            if (pass == 0) {
                if (zs.size > (1u << 20) &&
                    zs.size / (zs.comp_size ? zs.comp_size : 1) > ZX_WEB_MAX_ZIP_RATIO) {
                    rc = zx_err_set(err, ZX_ELIMIT,
                                    "'%.200s' in the zip is compressed more than %d to 1: "
                                    "not a bundle of CSV files",
                                    name, ZX_WEB_MAX_ZIP_RATIO);
                    goto cleanup;
                }
                declared += zs.size;
                if (declared > ZX_WEB_MAX_UNZIPPED) {
                    rc = zx_err_set(err, ZX_ELIMIT, "the zip unpacks to more than %llu MB",
                                    (unsigned long long)(ZX_WEB_MAX_UNZIPPED >> 20));
                    goto cleanup;
                }
                continue;
            }
            if ((rc = unpack_entry(z, i, name, base, zs.size, dir, &total, err)))
                goto cleanup;
            files++;
        }
        if (pass == 0) {
            struct statvfs vfs;
            /* keep a margin free for the database and everyone else */
            if (statvfs(dir, &vfs) == 0 &&
                (unsigned long long)vfs.f_bavail * vfs.f_frsize < declared + (64ull << 20)) {
                rc = zx_err_set(err, ZX_ELIMIT,
                                "not enough free space on the server to unpack %llu MB",
                                (declared >> 20) + 1);
                goto cleanup;
            }
        }
    }
    if (!files)
        rc = zx_err_set(err, ZX_EPARSE, "the zip holds no CSV files");
cleanup:
    if (z)
        zip_discard(z);
    if (src)
        zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}
