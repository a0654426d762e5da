#include "util/file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void release(struct zx_file_out *o)
{
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    o->f = NULL;
}

int zx_file_out_open(struct zx_file_out *o, const char *path, int stream, struct zx_err *err)
{
    static atomic_uint seq; /* two writers of one process never share a temporary name */
    size_t n = strlen(path) + 48;
    memset(o, 0, sizeof *o);
    if (!(o->tmp = malloc(n)) || !(o->path = strdup(path))) {
        release(o);
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    snprintf(o->tmp, n, "%s.tmp.%ld.%u", path, (long)getpid(), atomic_fetch_add(&seq, 1));
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        int rc = zx_err_set(err, ZX_EIO, "cannot create '%s': %s", o->tmp, strerror(errno));
        release(o);
        return rc;
    }
    if (!stream) {
        close(fd);
        return ZX_OK;
    }
    if (!(o->f = fdopen(fd, "w"))) {
        close(fd);
        unlink(o->tmp);
        int rc = zx_err_set(err, ZX_EIO, "cannot create '%s'", o->tmp);
        release(o);
        return rc;
    }
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
    return ZX_OK;
}

static int fsync_path(const char *path, int dir)
{
    int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int zx_file_out_commit(struct zx_file_out *o, struct zx_err *err)
{
    int bad = 0, rc = ZX_OK;
    if (!o->tmp)
        return zx_err_set(err, ZX_EINVAL, "no file being written");
    errno = 0;
    if (o->f) {
        bad = ferror(o->f) || fflush(o->f) || fsync(fileno(o->f));
        bad |= fclose(o->f) != 0;
        o->f = NULL;
    } else {
        bad = fsync_path(o->tmp, 0) != 0;
    }
    if (bad || rename(o->tmp, o->path)) {
        rc = zx_err_set(err, ZX_EIO, "cannot write '%s': %s", o->path,
                        errno ? strerror(errno) : "write failed");
        unlink(o->tmp);
        release(o);
        return rc;
    }
    /* the rename itself lasts only once the folder is on disk */
    char *dir = strdup(o->path);
    if (dir)
        fsync_path(dirname(dir), 1);
    free(dir);
    release(o);
    return rc;
}

void zx_file_out_abort(struct zx_file_out *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    release(o);
}
