/* bad.c — planted rows: every way a row can break the contract, and the two row warnings.
 *
 * The k-th planted row has kind k mod B_COUNT, so every kind appears once N ≥ 21; variants
 * rotate through the files that can hold the kind. Planted rows are self-contained: fresh
 * ids that no good row points at, so rejecting them loses nothing else. Each is one physical
 * line, and its line number goes to the manifest. Planted rows draw from their own PRNG, so
 * the good rows are the same with or without them. */
#include "gen/internal.h"
#include "util/date.h"
#include "util/idnum.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

struct variant {
    int kind;
    int file;
    const char *name; /* the manifest's kind column */
};

/* Variants, grouped by kind in enum order; the rotation picks within a group. The first
 * variants of the kinds cover every file, so 21 planted rows already reach all of them. */
static const struct variant variants[] = {
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_EVENTS, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_CASES, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_PERSONS, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_STAFF, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_CONVICTS, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_UNITS, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_INSTITUTIONS, "duplicate_id"},
    {ZX_GEN__B_DUPLICATE_ID, ZX_GEN_CHANGES, "duplicate_id"},
    {ZX_GEN__B_IMPOSSIBLE_DATE, ZX_GEN_CHANGES, "impossible_date"},
    {ZX_GEN__B_IMPOSSIBLE_DATE, ZX_GEN_EVENTS, "impossible_date"},
    {ZX_GEN__B_IMPOSSIBLE_DATE, ZX_GEN_CASES, "impossible_date"},
    {ZX_GEN__B_IMPOSSIBLE_DATE, ZX_GEN_PERSONS, "impossible_date"},
    {ZX_GEN__B_IMPOSSIBLE_DATE, ZX_GEN_CONVICTS, "impossible_date"},
    {ZX_GEN__B_NOT_A_DATE, ZX_GEN_CASES, "not_a_date"},
    {ZX_GEN__B_NOT_A_DATE, ZX_GEN_EVENTS, "not_a_date"},
    {ZX_GEN__B_NOT_A_DATE, ZX_GEN_PERSONS, "not_a_date"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_INSTITUTIONS, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_EVENTS, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_CASES, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_UNITS, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_STAFF, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_PERSONS, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_CONVICTS, "unknown_code"},
    {ZX_GEN__B_UNKNOWN_CODE, ZX_GEN_CHANGES, "unknown_code"},
    {ZX_GEN__B_RESULT_NOT_ALLOWED, ZX_GEN_EVENTS, "result_not_allowed"},
    {ZX_GEN__B_NEEDS_PERSON, ZX_GEN_EVENTS, "missing_person"},
    {ZX_GEN__B_UNKNOWN_PERSON, ZX_GEN_EVENTS, "unknown_person"},
    {ZX_GEN__B_PERSON_OTHER_CASE, ZX_GEN_EVENTS, "person_of_other_case"},
    {ZX_GEN__B_UNKNOWN_PARENT, ZX_GEN_PERSONS, "unknown_case"},
    {ZX_GEN__B_UNKNOWN_PARENT, ZX_GEN_EVENTS, "unknown_case"},
    {ZX_GEN__B_UNKNOWN_PARENT, ZX_GEN_CHANGES, "unknown_convict"},
    {ZX_GEN__B_UNKNOWN_PARENT, ZX_GEN_STAFF, "unknown_unit"},
    {ZX_GEN__B_UNKNOWN_UNIT_OR_HANDLER, ZX_GEN_CASES, "unknown_unit"},
    {ZX_GEN__B_UNKNOWN_UNIT_OR_HANDLER, ZX_GEN_CASES, "unknown_handler"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_UNITS, "field_count"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_EVENTS, "field_count"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_CASES, "field_count"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_PERSONS, "field_count"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_STAFF, "field_count"},
    {ZX_GEN__B_FIELD_COUNT, ZX_GEN_CONVICTS, "field_count"},
    {ZX_GEN__B_BAD_UTF8, ZX_GEN_STAFF, "invalid_utf8"},
    {ZX_GEN__B_BAD_UTF8, ZX_GEN_PERSONS, "invalid_utf8"},
    {ZX_GEN__B_BAD_UTF8, ZX_GEN_EVENTS, "invalid_utf8"},
    {ZX_GEN__B_BAD_UTF8, ZX_GEN_CASES, "invalid_utf8"},
    {ZX_GEN__B_BAD_UTF8, ZX_GEN_INSTITUTIONS, "invalid_utf8"},
    {ZX_GEN__B_BARE_QUOTE, ZX_GEN_PERSONS, "bare_quote"},
    {ZX_GEN__B_BARE_QUOTE, ZX_GEN_EVENTS, "bare_quote"},
    {ZX_GEN__B_BARE_QUOTE, ZX_GEN_STAFF, "bare_quote"},
    {ZX_GEN__B_BARE_QUOTE, ZX_GEN_CASES, "bare_quote"},
    {ZX_GEN__B_REQUIRED_EMPTY, ZX_GEN_CASES, "required_empty"},
    {ZX_GEN__B_REQUIRED_EMPTY, ZX_GEN_EVENTS, "required_empty"},
    {ZX_GEN__B_REQUIRED_EMPTY, ZX_GEN_PERSONS, "required_empty"},
    {ZX_GEN__B_REQUIRED_EMPTY, ZX_GEN_STAFF, "required_empty"},
    {ZX_GEN__B_ID_TOO_LONG, ZX_GEN_PERSONS, "id_too_long"},
    {ZX_GEN__B_ID_TOO_LONG, ZX_GEN_EVENTS, "id_too_long"},
    {ZX_GEN__B_ID_TOO_LONG, ZX_GEN_CASES, "id_too_long"},
    {ZX_GEN__B_ID_TOO_LONG, ZX_GEN_STAFF, "id_too_long"},
    {ZX_GEN__B_BAD_ID_NUMBER, ZX_GEN_CONVICTS, "bad_id_number"},
    {ZX_GEN__B_BAD_ID_NUMBER, ZX_GEN_PERSONS, "bad_id_number"},
    {ZX_GEN__B_UNKNOWN_REF, ZX_GEN_EVENTS, "unknown_ref"},
    {ZX_GEN__B_BAD_NUMBER, ZX_GEN_EVENTS, "not_a_number"},
    {ZX_GEN__B_BAD_FLAG, ZX_GEN_STAFF, "bad_flag"},
    {ZX_GEN__B_BAD_FLAG, ZX_GEN_CASES, "bad_flag"},
    {ZX_GEN__B_BAD_FLAG, ZX_GEN_CONVICTS, "bad_flag"},
    {ZX_GEN__B_ID_CHECK_DIGIT, ZX_GEN_PERSONS, "id_check_digit"},
    {ZX_GEN__B_ID_CHECK_DIGIT, ZX_GEN_CONVICTS, "id_check_digit"},
    {ZX_GEN__B_ID_LEGACY_15, ZX_GEN_CONVICTS, "id_15_digits"},
    {ZX_GEN__B_ID_LEGACY_15, ZX_GEN_PERSONS, "id_15_digits"},
};

#define NVAR (int)(sizeof variants / sizeof variants[0])

const char *zx_gen__variant_name(int variant)
{
    return variant >= 0 && variant < NVAR ? variants[variant].name : "?";
}

/* Files written before the case stream take planted rows among their own rows; the stream's
 * files take them between cases. Phases are numbered in writing order. */
enum { PH_UNITS, PH_STAFF, PH_INSTITUTIONS, PH_STREAM };

static int phase(int file)
{
    return file == ZX_GEN_UNITS          ? PH_UNITS
           : file == ZX_GEN_STAFF        ? PH_STAFF
           : file == ZX_GEN_INSTITUTIONS ? PH_INSTITUTIONS
                                         : PH_STREAM;
}

static int cmp_bad(const void *a, const void *b)
{
    const struct zx_gen__bad *x = a, *y = b;
    int px = phase(x->file), py = phase(y->file);
    if (px != py)
        return px < py ? -1 : 1;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->kind < y->kind ? -1 : x->kind > y->kind;
}

int zx_gen__bad_plan(struct zx_gen *g, struct zx_err *err)
{
    long long n = g->o.bad_rows;
    if (n <= 0)
        return ZX_OK;
    g->bad = calloc((size_t)n, sizeof *g->bad);
    g->issues = calloc((size_t)n, sizeof *g->issues);
    if (!g->bad || !g->issues)
        return zx_err_set(err, ZX_ENOMEM, "out of memory for %lld planted rows", n);
    int first[ZX_GEN__B_COUNT_], count[ZX_GEN__B_COUNT_] = {0};
    for (int i = NVAR - 1; i >= 0; i--) {
        first[variants[i].kind] = i;
        count[variants[i].kind]++;
    }
    long long per_phase[PH_STREAM + 1] = {0};
    for (long long k = 0; k < n; k++) {
        int kind = (int)(k % ZX_GEN__B_COUNT_);
        int v = first[kind] + (int)((k / ZX_GEN__B_COUNT_) % count[kind]);
        g->bad[k].kind = kind;
        g->bad[k].variant = v;
        g->bad[k].file = variants[v].file;
        g->bad[k].at = per_phase[phase(variants[v].file)]++; /* rank for now */
    }
    /* spread each phase's rows evenly over its good rows */
    for (long long k = 0; k < n; k++) {
        int ph = phase(g->bad[k].file);
        long long rows = ph == PH_UNITS          ? g->nunits
                         : ph == PH_STAFF        ? g->nstaff
                         : ph == PH_INSTITUTIONS ? g->ninst
                                                 : g->o.cases;
        long long at = (g->bad[k].at + 1) * rows / (per_phase[ph] + 1);
        g->bad[k].at = at < 1 ? 1 : at; /* after the first good row, which dups copy */
    }
    qsort(g->bad, (size_t)n, sizeof *g->bad, cmp_bad);
    g->nbad = (size_t)n;
    return ZX_OK;
}

/* ---- the rows ---- */

struct ctx {
    struct zx_gen *g;
    char date[16];
    char fresh[24];
};

static void fresh(struct ctx *x, const char *prefix)
{
    snprintf(x->fresh, sizeof x->fresh, "%sX%06llu", prefix, ++x->g->bad_seq);
}

/* An id number that is not one: wrong length, a letter inside, or a 13th month. */
static const char *bad_idnum(unsigned long long seq)
{
    static const char *const bad[] = {"47010219800101123", "4701021980O101123X",
                                      "470102198013011234", "47010219800101"};
    return bad[seq % 4];
}

/* A valid 18-character number with a wrong check character, or a 15-digit legacy one. */
static void warn_idnum(struct zx_gen__rng *r, int legacy, char out[20], char birth[16])
{
    int y = 1960 + (int)zx_gen__below(r, 35); /* one draw per expression: see cases.c */
    int m = 1 + (int)zx_gen__below(r, 12);
    int32_t b = zx_date_from_ymd(y, m, 1 + (int)zx_gen__below(r, 28));
    int gender = 1 + (int)zx_gen__below(r, 2);
    zx_gen__idnum(r, 470102, b, gender, out);
    zx_date_format(b, birth);
    if (legacy) {
        /* 6-digit region, yymmdd, 3-digit sequence */
        memmove(out + 6, out + 8, 9);
        out[15] = '\0';
        return;
    }
    out[17] = out[17] == '0' ? '1' : out[17] == 'X' ? '0' : (char)(out[17] - 1);
}

static void line(struct zx_gen *g, int file, const char *s)
{
    struct zx_gen__out *o = &g->out[file];
    zx_gen__puts(o, s);
    zx_gen__eol(o);
}

/* The good rows planted row b copies or points at exist. */
static int ready(const struct zx_gen *g, const struct zx_gen__bad *b)
{
    if (phase(b->file) != PH_STREAM)
        return 1;
    switch (b->file) {
    case ZX_GEN_EVENTS:
        return g->last_case && (b->kind != ZX_GEN__B_DUPLICATE_ID || g->last_event) &&
               (b->kind != ZX_GEN__B_PERSON_OTHER_CASE || g->person_b);
    case ZX_GEN_PERSONS:
        return g->last_case && (b->kind != ZX_GEN__B_DUPLICATE_ID || g->person_a);
    case ZX_GEN_CONVICTS:
        return b->kind != ZX_GEN__B_DUPLICATE_ID || g->last_convict;
    case ZX_GEN_CHANGES:
        return g->last_convict && (b->kind != ZX_GEN__B_DUPLICATE_ID || g->last_change);
    default:
        return g->last_case;
    }
}

static void write_bad(struct zx_gen *g, const struct zx_gen__bad *b)
{
    struct zx_gen__rng *r = &g->bad_rng;
    struct ctx x = {.g = g};
    char s[512], cs[24], ps[24], pbs[24], pbc[24], es[24], cvs[24], scs[24], staff[24], idn[20],
        birth[16];
    const char *unit = g->units[g->last_case_unit].id;
    snprintf(cs, sizeof cs, "C%07llu", g->last_case);
    snprintf(ps, sizeof ps, "P%07llu", g->person_a);
    snprintf(pbs, sizeof pbs, "P%07llu", g->person_b);
    snprintf(pbc, sizeof pbc, "C%07llu", g->person_a_case);
    snprintf(es, sizeof es, "E%08llu", g->last_event);
    snprintf(cvs, sizeof cvs, "CV%07llu", g->last_convict);
    snprintf(scs, sizeof scs, "SC%07llu", g->last_change);
    snprintf(staff, sizeof staff, "S%06d", g->last_case_handler + 1);
    zx_date_format(g->o.from + (g->o.to - g->o.from) / 2, x.date);
    const char *name = "张明";
    int f = b->file, kind = b->kind;
    long long prev = b->at - 1; /* the good row just written, in units/staff/institutions */

    switch (kind) {
    case ZX_GEN__B_DUPLICATE_ID:
        if (f == ZX_GEN_EVENTS)
            snprintf(s, sizeof s, "%s,%s,,hearing,%s,,,,,,", es, cs, x.date);
        else if (f == ZX_GEN_CASES)
            snprintf(s, sizeof s,
                     "%s,%s,重复受[2022]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,0",
                     cs, unit, x.date, staff);
        else if (f == ZX_GEN_PERSONS)
            snprintf(s, sizeof s, "%s,%s,other,%s,,M,", ps, pbc, name);
        else if (f == ZX_GEN_STAFF)
            snprintf(s, sizeof s, "S%06lld,%s,%s,办公室,clerk,0", prev + 1,
                     g->units[g->staff[prev].unit].id, name);
        else if (f == ZX_GEN_CONVICTS)
            snprintf(s, sizeof s, "%s,,%s,,1980-01-01,%s,盗窃罪,fixed,24,%s,30,0,0,0,0,0,0", cvs,
                     name, g->inst[0].id, x.date);
        else if (f == ZX_GEN_UNITS)
            snprintf(s, sizeof s, "%s,重复人民检察院,county,%s", g->units[prev].id, g->units[0].id);
        else if (f == ZX_GEN_INSTITUTIONS)
            snprintf(s, sizeof s, "%s,重复看守所,detention_house,%s,470000", g->inst[prev].id,
                     g->units[0].id);
        else
            snprintf(s, sizeof s, "%s,%s,commutation,%s,%s,%s,r,6,,,,", scs, cvs, x.date, x.date,
                     x.date);
        break;
    case ZX_GEN__B_IMPOSSIBLE_DATE:
        fresh(&x, f == ZX_GEN_EVENTS    ? "E"
                  : f == ZX_GEN_CASES   ? "C"
                  : f == ZX_GEN_PERSONS ? "P"
                  : f == ZX_GEN_CHANGES ? "SC"
                                        : "CV");
        if (f == ZX_GEN_EVENTS)
            snprintf(s, sizeof s, "%s,%s,,hearing,2023-02-30,,,,,,", x.fresh, cs);
        else if (f == ZX_GEN_CASES)
            snprintf(s, sizeof s,
                     "%s,%s,坏日期受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,2023-02-30,,%s,0",
                     x.fresh, unit, staff);
        else if (f == ZX_GEN_PERSONS)
            snprintf(s, sizeof s, "%s,%s,other,%s,,F,1990-02-30", x.fresh, cs, name);
        else if (f == ZX_GEN_CHANGES)
            snprintf(s, sizeof s, "%s,%s,commutation,2023-02-30,2023-03-20,2023-03-25,r,6,,,,",
                     x.fresh, cvs);
        else
            snprintf(s, sizeof s, "%s,,%s,,1985-04-31,%s,盗窃罪,fixed,36,%s,20,0,0,0,0,0,0",
                     x.fresh, name, g->inst[0].id, x.date);
        break;
    case ZX_GEN__B_NOT_A_DATE:
        fresh(&x, f == ZX_GEN_EVENTS ? "E" : f == ZX_GEN_CASES ? "C" : "P");
        if (f == ZX_GEN_EVENTS)
            snprintf(s, sizeof s, "%s,%s,,hearing,不详,,,,,,", x.fresh, cs);
        else if (f == ZX_GEN_CASES)
            snprintf(s, sizeof s,
                     "%s,%s,无日期受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,N/A,,%s,0",
                     x.fresh, unit, staff);
        else
            snprintf(s, sizeof s, "%s,%s,other,%s,,F,unknown", x.fresh, cs, name);
        break;
    case ZX_GEN__B_UNKNOWN_CODE:
        if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            snprintf(s, sizeof s, "%s,%s,,inspection,%s,,,,,,", x.fresh, cs, x.date);
        } else if (f == ZX_GEN_CASES) {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,%s,坏代码受[2023]00001号,maritime,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,0",
                     x.fresh, unit, x.date, staff);
        } else if (f == ZX_GEN_UNITS) {
            fresh(&x, "U");
            snprintf(s, sizeof s, "%s,某镇人民检察院,township,%s", x.fresh, g->units[0].id);
        } else if (f == ZX_GEN_STAFF) {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,%s,%s,办公室,intern,0", x.fresh, g->units[0].id, name);
        } else if (f == ZX_GEN_INSTITUTIONS) {
            fresh(&x, "IN");
            snprintf(s, sizeof s, "%s,某某拘留所,jail,%s,470000", x.fresh, g->units[0].id);
        } else if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,witness,%s,,M,", x.fresh, cs, name);
        } else if (f == ZX_GEN_CONVICTS) {
            fresh(&x, "CV");
            snprintf(s, sizeof s, "%s,,%s,,1980-01-01,%s,盗窃罪,death,,%s,30,0,0,0,0,0,0", x.fresh,
                     name, g->inst[0].id, x.date);
        } else {
            fresh(&x, "SC");
            snprintf(s, sizeof s, "%s,%s,pardon,%s,%s,%s,,,,,,", x.fresh, cvs, x.date, x.date,
                     x.date);
        }
        break;
    case ZX_GEN__B_RESULT_NOT_ALLOWED:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,,hearing,%s,,,adopted,,,", x.fresh, cs, x.date);
        break;
    case ZX_GEN__B_NEEDS_PERSON:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,,indict,%s,,,,,,", x.fresh, cs, x.date);
        break;
    case ZX_GEN__B_UNKNOWN_PERSON:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,PZ%06llu,indict,%s,,,,,,", x.fresh, cs, g->bad_seq, x.date);
        break;
    case ZX_GEN__B_PERSON_OTHER_CASE:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,%s,plea,%s,,,,,,", x.fresh, pbc, pbs, x.date);
        break;
    case ZX_GEN__B_UNKNOWN_PARENT:
        if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            snprintf(s, sizeof s, "%s,CZ%06llu,,hearing,%s,,,,,,", x.fresh, g->bad_seq, x.date);
        } else if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,CZ%06llu,other,%s,,M,", x.fresh, g->bad_seq, name);
        } else if (f == ZX_GEN_CHANGES) {
            fresh(&x, "SC");
            snprintf(s, sizeof s, "%s,CVZ%06llu,commutation,%s,%s,%s,r,6,,,,", x.fresh, g->bad_seq,
                     x.date, x.date, x.date);
        } else {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,UZ%06llu,%s,办公室,clerk,0", x.fresh, g->bad_seq, name);
        }
        break;
    case ZX_GEN__B_UNKNOWN_UNIT_OR_HANDLER:
        fresh(&x, "C");
        if (strcmp(variants[b->variant].name, "unknown_unit") == 0)
            snprintf(s, sizeof s,
                     "%s,UZ%06llu,某检刑诉受[2023]00001号,criminal,ordinary,by_procedure,"
                     "transferred,盗窃罪,%s,,%s,0",
                     x.fresh, g->bad_seq, x.date, staff);
        else
            snprintf(s, sizeof s,
                     "%s,%s,某检刑诉受[2023]00002号,criminal,ordinary,by_procedure,"
                     "transferred,盗窃罪,%s,,SZ%06llu,0",
                     x.fresh, unit, x.date, g->bad_seq);
        break;
    case ZX_GEN__B_FIELD_COUNT:
        if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            snprintf(s, sizeof s, "%s,%s,,hearing,%s", x.fresh, cs, x.date);
        } else if (f == ZX_GEN_CASES) {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,%s,多列受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,0,extra",
                     x.fresh, unit, x.date, staff);
        } else if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,other", x.fresh, cs);
        } else if (f == ZX_GEN_UNITS) {
            fresh(&x, "U");
            snprintf(s, sizeof s, "%s,多列人民检察院,county,%s,extra", x.fresh, g->units[0].id);
        } else if (f == ZX_GEN_STAFF) {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,%s,%s", x.fresh, g->units[0].id, name);
        } else {
            fresh(&x, "CV");
            snprintf(s, sizeof s, "%s,,%s,,1980-01-01,%s,盗窃罪,fixed,24,%s,30,0,0,0,0,0,0,1",
                     x.fresh, name, g->inst[0].id, x.date);
        }
        break;
    case ZX_GEN__B_BAD_UTF8:
        if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,other,张\xff\xfe,,M,", x.fresh, cs);
        } else if (f == ZX_GEN_STAFF) {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,%s,李\xc3,办公室,clerk,0", x.fresh, g->units[0].id);
        } else if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            snprintf(s, sizeof s, "%s,%s,,hearing,%s,,,,,,\xe5\xbc", x.fresh, cs, x.date);
        } else if (f == ZX_GEN_CASES) {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,%s,乱码受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗\xff窃罪,%s,,%s,0",
                     x.fresh, unit, x.date, staff);
        } else {
            fresh(&x, "IN");
            snprintf(s, sizeof s, "%s,某\xfe看守所,detention_house,%s,470000", x.fresh,
                     g->units[0].id);
        }
        break;
    case ZX_GEN__B_BARE_QUOTE:
        if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            snprintf(s, sizeof s, "%s,%s,,hearing,%s,,,,,,当事人称\"不服\"", x.fresh, cs, x.date);
        } else if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,other,张\"三,,M,", x.fresh, cs);
        } else if (f == ZX_GEN_STAFF) {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,%s,%s,第一\"检察部,clerk,0", x.fresh, g->units[0].id, name);
        } else {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,%s,澜检\"刑诉受[2023]00001号,criminal,ordinary,by_procedure,"
                     "transferred,盗窃罪,%s,,%s,0",
                     x.fresh, unit, x.date, staff);
        }
        break;
    case ZX_GEN__B_REQUIRED_EMPTY:
        if (f == ZX_GEN_EVENTS) {
            fresh(&x, "E");
            if (g->bad_seq % 2)
                snprintf(s, sizeof s, "%s,%s,,,%s,,,,,,", x.fresh, cs, x.date);
            else
                snprintf(s, sizeof s, "%s,%s,,hearing,,,,,,,", x.fresh, cs);
        } else if (f == ZX_GEN_CASES) {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,,无单位受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,0",
                     x.fresh, x.date, staff);
        } else if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,,other,%s,,M,", x.fresh, name);
        } else {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,,%s,办公室,clerk,0", x.fresh, name);
        }
        break;
    case ZX_GEN__B_ID_TOO_LONG: {
        char longid[80];
        snprintf(longid, sizeof longid, "%s%06llu%s",
                 f == ZX_GEN_PERSONS  ? "P"
                 : f == ZX_GEN_EVENTS ? "E"
                 : f == ZX_GEN_CASES  ? "C"
                                      : "S",
                 ++g->bad_seq, "-0123456789012345678901234567890123456789012345678901234567");
        if (f == ZX_GEN_PERSONS)
            snprintf(s, sizeof s, "%s,%s,other,%s,,M,", longid, cs, name);
        else if (f == ZX_GEN_EVENTS)
            snprintf(s, sizeof s, "%s,%s,,hearing,%s,,,,,,", longid, cs, x.date);
        else if (f == ZX_GEN_CASES)
            snprintf(s, sizeof s,
                     "%s,%s,长号受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,0",
                     longid, unit, x.date, staff);
        else
            snprintf(s, sizeof s, "%s,%s,%s,办公室,clerk,0", longid, g->units[0].id, name);
        break;
    }
    case ZX_GEN__B_BAD_ID_NUMBER:
        if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,other,%s,%s,M,", x.fresh, cs, name, bad_idnum(g->bad_seq));
        } else {
            fresh(&x, "CV");
            snprintf(s, sizeof s, "%s,,%s,%s,1980-01-01,%s,盗窃罪,fixed,24,%s,30,0,0,0,0,0,0",
                     x.fresh, name, bad_idnum(g->bad_seq), g->inst[0].id, x.date);
        }
        break;
    case ZX_GEN__B_UNKNOWN_REF:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,,suggestion_reply,%s,,,adopted,EZ%06llu,,", x.fresh, cs,
                 x.date, g->bad_seq);
        break;
    case ZX_GEN__B_BAD_NUMBER:
        fresh(&x, "E");
        snprintf(s, sizeof s, "%s,%s,,recovery,%s,,,,,十万元,", x.fresh, cs, x.date);
        break;
    case ZX_GEN__B_BAD_FLAG:
        if (f == ZX_GEN_CASES) {
            fresh(&x, "C");
            snprintf(s, sizeof s,
                     "%s,%s,坏标志受[2023]00001号,criminal,ordinary,by_procedure,transferred,"
                     "盗窃罪,%s,,%s,2",
                     x.fresh, unit, x.date, staff);
        } else if (f == ZX_GEN_STAFF) {
            fresh(&x, "S");
            snprintf(s, sizeof s, "%s,%s,%s,办公室,clerk,-1", x.fresh, g->units[0].id, name);
        } else {
            fresh(&x, "CV");
            snprintf(s, sizeof s, "%s,,%s,,1980-01-01,%s,盗窃罪,fixed,24,%s,30,Y,0,0,0,0,0",
                     x.fresh, name, g->inst[0].id, x.date);
        }
        break;
    default: /* the two warnings: rows the importer keeps and flags */
        warn_idnum(r, kind == ZX_GEN__B_ID_LEGACY_15, idn, birth);
        if (f == ZX_GEN_PERSONS) {
            fresh(&x, "P");
            snprintf(s, sizeof s, "%s,%s,other,%s,%s,%s,%s", x.fresh, cs, name, idn,
                     (idn[kind == ZX_GEN__B_ID_LEGACY_15 ? 14 : 16] - '0') % 2 ? "M" : "F", birth);
        } else {
            fresh(&x, "CV");
            snprintf(s, sizeof s, "%s,,%s,%s,%s,%s,盗窃罪,fixed,24,%s,30,0,0,0,0,0,0", x.fresh,
                     name, idn, birth, g->inst[0].id, x.date);
        }
        break;
    }
    struct zx_gen__issue *is = &g->issues[g->nissues++];
    is->file = f;
    is->line = g->out[f].rows + 1;
    is->warning = kind >= ZX_GEN__B_FIRST_WARNING;
    is->kind = b->variant;
    line(g, f, s);
}

void zx_gen__bad_due(struct zx_gen *g, int file, long long at)
{
    while (g->bad_next < g->nbad) {
        const struct zx_gen__bad *b = &g->bad[g->bad_next];
        if (phase(b->file) != phase(file) || b->at > at)
            return;
        if (!ready(g, b)) {
            if (at != LLONG_MAX)
                return; /* a few more cases first */
            /* the stream ended without what it needs (a bundle of one or two cases): an
             * event of an unknown case needs nothing */
            struct zx_gen__bad fb = *b;
            fb.kind = ZX_GEN__B_UNKNOWN_PARENT;
            fb.file = ZX_GEN_EVENTS;
            for (int i = 0; i < NVAR; i++)
                if (variants[i].kind == fb.kind && variants[i].file == fb.file)
                    fb.variant = i;
            write_bad(g, &fb);
        } else {
            write_bad(g, b);
        }
        g->bad_next++;
    }
}
