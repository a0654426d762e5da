/* fuzz_import.c — the importer over arbitrary events.csv bytes, beside fixed valid parent
 * files, into an in-memory database: it must never crash, and read = imported + rejected. */
#include "ingest/ingest.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const void *text, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(text, 1, n, f);
    fclose(f);
}

#define PUTS(name, s) put(name, s, sizeof(s) - 1)

static void init(void)
{
    snprintf(dir, sizeof dir, "/tmp/zxfuzz.%ld", (long)getpid());
    mkdir(dir, 0700);
    PUTS("units.csv", "unit_id,name,level,parent_id\nP1,省院,province,\nK1,县院,county,P1\n");
    PUTS("staff.csv",
         "staff_id,unit_id,name,department,role,is_leader\nS1,K1,张三,一部,prosecutor,0\n");
    PUTS("cases.csv", "case_id,unit_id,case_no,line,business,kind,source,charge,accepted_on,"
                      "closed_on,handler_id,complex\nA1,K1,1号,criminal,ordinary,by_procedure,"
                      "transferred,,2024-01-01,,S1,0\n");
    PUTS("persons.csv", "person_id,case_id,role,name,id_number,gender,birth_date\n"
                        "Q1,A1,suspect,王五,11010519491231002X,F,\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0])
        init();
    put("events.csv", data, size);
    struct zx_store *st = NULL;
    struct zx_err err = {0};
    struct zx_ingest_report rep;
    if (zx_store_open(":memory:", &st, &err))
        abort();
    if (zx_ingest_bundle(st, dir, NULL, &rep, &err) == ZX_OK &&
        rep.read != rep.imported + rep.rejected)
        abort();
    zx_store_close(st);
    return 0;
}
