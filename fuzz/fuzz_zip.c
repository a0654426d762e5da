/* fuzz_zip.c — the upload unpacker must turn any bytes into either CSV files inside the
 * directory it was given or an error: never a crash, a leak or a file written elsewhere. */
#include "web/internal.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char dir[] = "/tmp/zxfuzzzip.XXXXXX";
    struct zx_err err = {0};
    if (!mkdtemp(dir))
        return 0;
    int rc = zx_web_zip_unpack(data, size, dir, &err);
    if (rc != 0 && !err.msg[0])
        abort(); /* an error always comes with a message */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) { /* only flat *.csv files land in the directory */
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' && (n == 1 || (n == 2 && e->d_name[1] == '.')))
            continue;
        if (n < 5 || strcmp(e->d_name + n - 4, ".csv") || e->d_type == DT_DIR)
            abort();
    }
    if (d)
        closedir(d);
    zx_web_zip_rmdir(dir);
    return 0;
}
