#include "util/datafile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int zx_datafile_find(const char *name, char *out, size_t size)
{
    char exe[4096];
    const char *env = getenv("ZHIXIAO_DATA");
    if (env && *env) {
        snprintf(out, size, "%s/%s", env, name);
        if (access(out, R_OK) == 0)
            return 0;
    }
    /* build/zhixiao, build-san/tests/x/test_y …: data/ is one to three folders up */
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    static const char *const rel[] = {"../data", "../../data", "../../../data"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, size, "%s/%s/%s", exe, rel[i], name);
        if (access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}
