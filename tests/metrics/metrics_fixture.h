/* metrics_fixture.h — helpers for the indicator-engine tests: build a small bundle row by
 * row (every required column filled with a default), import it with zx_ingest_bundle into
 * a temporary database, load it with zx_metrics_load and read figures. Header-only. */
#ifndef ZX_TESTS_METRICS_FIXTURE_H
#define ZX_TESTS_METRICS_FIXTURE_H

#include "../zx_test.h"

#include "ingest/ingest.h"
#include "metrics/catalog.h"
#include "metrics/metrics.h"
#include "metrics/report.h"
#include "store/store.h"
#include "util/date.h"

#include <jansson.h>
#include <stdarg.h>

struct fx_buf {
    char *p;
    size_t n, cap;
};

struct fx {
    char *dir;
    struct fx_buf units, staff, cases, persons, events;
    struct zx_store *st;
    struct zx_metrics *m;
    struct zx_catalog *cat;
    struct zx_ingest_report rep;
};

static inline void fx_addf(struct fx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(n >= 0);
    if (b->n + (size_t)n + 1 > b->cap) {
        size_t ncap = (b->cap ? b->cap * 2 : 4096) + (size_t)n;
        b->p = realloc(b->p, ncap);
        assert_non_null(b->p);
        b->cap = ncap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static inline struct fx *fx_new(void)
{
    struct fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = zx_test_tmpdir();
    fx_addf(&f->units, "unit_id,name,level,parent_id\n");
    fx_addf(&f->staff, "staff_id,unit_id,name,department,role,is_leader\n");
    fx_addf(&f->cases, "case_id,unit_id,case_no,line,business,kind,source,accepted_on,closed_on,"
                       "handler_id,complex\n");
    fx_addf(&f->persons, "person_id,case_id,role,name\n");
    fx_addf(&f->events, "event_id,case_id,person_id,type,date,handler_id,result,ref_event_id\n");
    return f;
}

/* parent NULL for the root */
static inline void fx_unit(struct fx *f, const char *id, const char *parent)
{
    fx_addf(&f->units, "%s,Unit %s,%s,%s\n", id, id, parent ? "county" : "province",
            parent ? parent : "");
}

static inline void fx_staff(struct fx *f, const char *id, const char *unit)
{
    fx_addf(&f->staff, "%s,%s,Staff %s,第一检察部,prosecutor,0\n", id, unit, id);
}

static inline const char *fx_business(const char *line)
{
    if (!strcmp(line, "criminal"))
        return "ordinary";
    return line;
}

/* closed may be NULL (open case). kind/source NULL = by_procedure/transferred. */
static inline void fx_case_full(struct fx *f, const char *id, const char *unit, const char *line,
                                const char *kind, const char *source, const char *accepted,
                                const char *closed, const char *handler)
{
    fx_addf(&f->cases, "%s,%s,No.%s,%s,%s,%s,%s,%s,%s,%s,0\n", id, unit, id, line,
            fx_business(line), kind ? kind : "by_procedure", source ? source : "transferred",
            accepted, closed ? closed : "", handler);
}

static inline void fx_case(struct fx *f, const char *id, const char *unit, const char *line,
                           const char *accepted, const char *closed, const char *handler)
{
    fx_case_full(f, id, unit, line, NULL, NULL, accepted, closed, handler);
}

static inline void fx_person(struct fx *f, const char *id, const char *case_id)
{
    fx_addf(&f->persons, "%s,%s,suspect,Person %s\n", id, case_id, id);
}

/* person, handler, result, ref may be NULL */
static inline void fx_event(struct fx *f, const char *id, const char *case_id, const char *person,
                            const char *type, const char *date, const char *result,
                            const char *handler, const char *ref)
{
    fx_addf(&f->events, "%s,%s,%s,%s,%s,%s,%s,%s\n", id, case_id, person ? person : "", type, date,
            handler ? handler : "", result ? result : "", ref ? ref : "");
}

/* Write the files, import them, load the engine and the default catalog. */
static inline void fx_load(struct fx *f)
{
    struct {
        const char *name;
        struct fx_buf *b;
    } files[] = {{"units.csv", &f->units},
                 {"staff.csv", &f->staff},
                 {"cases.csv", &f->cases},
                 {"persons.csv", &f->persons},
                 {"events.csv", &f->events}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        zx_test_write(f->dir, files[i].name, files[i].b->p);
    char db[1100];
    snprintf(db, sizeof db, "%s/zx.db", f->dir);
    struct zx_err err = {0};
    int rc = zx_store_open(db, &f->st, &err);
    if (rc)
        fail_msg("open: %s", err.msg);
    struct zx_ingest_opts opts = {0};
    rc = zx_ingest_bundle(f->st, f->dir, &opts, &f->rep, &err);
    if (rc)
        fail_msg("import: %s", err.msg);
    if (f->rep.rejected) {
        /* show why: the fixtures are meant to import whole */
        char rj[1200];
        snprintf(rj, sizeof rj, "%s/rejects.csv", f->dir);
        fprintf(stderr, "fixture rows rejected: %ld\n", f->rep.rejected);
    }
    assert_int_equal(f->rep.rejected, 0);
    rc = zx_metrics_load(f->st, &f->m, &err);
    if (rc)
        fail_msg("load: %s", err.msg);
    const char *where;
    rc = zx_catalog_load_default(&f->cat, &where, &err);
    if (rc)
        fail_msg("catalog: %s", err.msg);
}

static inline void fx_free(struct fx *f)
{
    if (!f)
        return;
    zx_catalog_free(f->cat);
    zx_metrics_free(f->m);
    zx_store_close(f->st);
    zx_test_rmrf(f->dir);
    free(f->dir);
    free(f->units.p);
    free(f->staff.p);
    free(f->cases.p);
    free(f->persons.p);
    free(f->events.p);
    free(f);
}

static inline int32_t fx_date(const char *s)
{
    int32_t d;
    assert_int_equal(zx_date_parse(s, strlen(s), &d), 0);
    return d;
}

/* Numerator and denominator of indicator id for unit (NULL = root) over [from, to]. */
static inline void fx_get(struct fx *f, const char *id, const char *unit, const char *from,
                          const char *to, int64_t *num, int64_t *den)
{
    int row = zx_catalog_find(f->cat, id);
    if (row < 0)
        fail_msg("no indicator %s", id);
    int32_t u = unit ? zx_metrics_unit_find(f->m, unit) : 0;
    assert_true(u >= 0);
    int32_t pf = fx_date(from), pt = fx_date(to);
    struct zx_metrics_query q = {.cat = f->cat,
                                 .unit = u,
                                 .from = &pf,
                                 .to = &pt,
                                 .nperiods = 1,
                                 .rows = &row,
                                 .nrows = 1,
                                 .collect_staff = -1};
    struct zx_metrics_result *r = NULL;
    struct zx_err err = {0};
    int rc = zx_metrics_eval(f->m, &q, &r, &err);
    if (rc)
        fail_msg("eval: %s", err.msg);
    assert_int_equal(zx_metrics_get(r, row, 0, u, num, den), 0);
    zx_metrics_result_free(r);
}

/* The tree most fixtures share: root R with A (and A's child A1) and B, one handler each
 * (S1 in A, S2 in B, S3 in A1). */
static inline struct fx *fx_tree(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "R", NULL);
    fx_unit(f, "A", "R");
    fx_unit(f, "B", "R");
    fx_unit(f, "A1", "A");
    fx_staff(f, "S1", "A");
    fx_staff(f, "S2", "B");
    fx_staff(f, "S3", "A1");
    return f;
}

/* The root of fx_tree has no cases of its own: root = A + B for numerator and denominator. */
static inline void fx_expect_rollup(struct fx *f, const char *id, const char *from, const char *to)
{
    int64_t rn, rd, an, ad, bn, bd;
    fx_get(f, id, NULL, from, to, &rn, &rd);
    fx_get(f, id, "A", from, to, &an, &ad);
    fx_get(f, id, "B", from, to, &bn, &bd);
    if (rn != an + bn || rd != ad + bd)
        fail_msg("%s: root %lld/%lld is not A %lld/%lld + B %lld/%lld", id, (long long)rn,
                 (long long)rd, (long long)an, (long long)ad, (long long)bn, (long long)bd);
}

/* Variadic so that a period macro ("2024-01-01", "2024-12-31") expands first. */
#define FX_EXPECT(...) FX_EXPECT_(__VA_ARGS__)
#define FX_EXPECT_(f, id, unit, from, to, enum_, eden)                                             \
    do {                                                                                           \
        int64_t n_, d_;                                                                            \
        fx_get((f), (id), (unit), (from), (to), &n_, &d_);                                         \
        if (n_ != (enum_) || d_ != (eden))                                                         \
            fail_msg("%s unit %s [%s, %s]: got %lld/%lld, expected %lld/%lld", (id),               \
                     (unit) ? (unit) : "(root)", (from), (to), (long long)n_, (long long)d_,       \
                     (long long)(enum_), (long long)(eden));                                       \
    } while (0)

#endif
