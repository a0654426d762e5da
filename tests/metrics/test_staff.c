/* test_staff.c — attribution to handlers, shared/spec/indicators.md §8.8: an event counts
 * for its handler (events.handler_id, else the case's handler); a concluded case for the
 * handler of its first concluding event; a _cohort numerator for the reply's handler. Staff
 * rows carry the staff member's own unit_id, and "every handler" is every staff member who
 * handles a counted case or event at any date. */
#include "metrics_fixture.h"

static struct fx *fixture(void)
{
    struct fx *f = fx_new();
    fx_unit(f, "R", NULL);
    fx_unit(f, "A", "R");
    fx_unit(f, "B", "R");
    fx_staff(f, "SA1", "A");
    fx_staff(f, "SA2", "A");
    fx_staff(f, "SB1", "B");
    fx_staff(f, "SX", "B");   /* handles nothing */
    fx_staff(f, "SOLD", "A"); /* handles an arrest of 2020 only */
    fx_case(f, "C1", "A", "criminal", "2023-01-01", NULL, "SA1");
    fx_case(f, "C2", "B", "criminal", "2023-01-01", NULL, "SB1");
    fx_case(f, "C3", "A", "criminal", "2019-01-01", NULL, "SOLD");
    fx_case(f, "C4", "B", "public_interest", "2023-01-01", NULL, "SB1");
    fx_person(f, "P1", "C1");
    fx_person(f, "P2", "C1");
    fx_person(f, "P3", "C2");
    fx_person(f, "P4", "C2");
    fx_person(f, "P5", "C3");
    /* P1: arrest by the case handler SA1 (no handler_id), no_arrest by SA2 */
    fx_event(f, "E1", "C1", "P1", "arrest", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", "P1", "no_arrest", "2024-02-01", NULL, "SA2", NULL);
    /* P2: no_arrest twice by SB1, a staff member of another unit */
    fx_event(f, "E3", "C1", "P2", "no_arrest", "2024-03-01", NULL, "SB1", NULL);
    fx_event(f, "E4", "C1", "P2", "no_arrest", "2024-03-05", NULL, "SB1", NULL);
    /* C2: first concluding event by SA2, the second by the case handler SB1 */
    fx_event(f, "E5", "C2", NULL, "return_investigation", "2024-04-01", NULL, NULL, NULL);
    fx_event(f, "E6", "C2", "P3", "indict", "2024-05-01", NULL, "SA2", NULL);
    fx_event(f, "E7", "C2", "P4", "non_prosecution", "2024-06-01", NULL, NULL, NULL);
    /* SOLD's arrest of 2020 */
    fx_event(f, "E8", "C3", "P5", "arrest", "2020-01-01", NULL, NULL, NULL);
    /* a pre-litigation suggestion of SB1 answered in 2025 by SA1 */
    fx_event(f, "E9", "C4", NULL, "suggestion", "2024-01-01", "pre_litigation", NULL, NULL);
    fx_event(f, "EA", "C4", NULL, "suggestion_reply", "2025-01-01", "adopted", "SA1", "E9");
    fx_load(f);
    return f;
}

struct srow {
    const char *indicator, *unit_id, *staff_id;
    long long num, den;
    int null_value;
};

/* Run the report as JSON and parse it back with jansson. */
static json_t *report(struct fx *f, const char *const *ids, int nids, int by, const char *unit)
{
    int rows[64], n = 0;
    for (int i = 0; i < nids; i++)
        n += zx_catalog_select(f->cat, ids[i], rows + n, 64 - n);
    struct zx_report_opts o = {.cat = f->cat,
                               .unit = unit ? zx_metrics_unit_find(f->m, unit) : -1,
                               .by = by,
                               .rows = rows,
                               .nrows = n,
                               .from = fx_date("2024-01-01"),
                               .to = fx_date("2024-12-31"),
                               .format = ZX_REPORT_JSON};
    char *buf = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&buf, &len);
    struct zx_err err = {0};
    if (zx_report_indicators(mf, f->m, &o, &err))
        fail_msg("%s", err.msg);
    fclose(mf);
    json_error_t je;
    json_t *j = json_loads(buf, 0, &je);
    if (!j)
        fail_msg("bad JSON at %d: %s\n%s", je.line, je.text, buf);
    free(buf);
    return j;
}

static void expect_rows(json_t *j, const struct srow *want, size_t n)
{
    if (json_array_size(j) != n) {
        char *s = json_dumps(j, JSON_INDENT(1));
        fail_msg("%zu rows, expected %zu:\n%s", json_array_size(j), n, s);
    }
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(j, i);
        const struct srow *w = &want[i];
        const char *sid = json_string_value(json_object_get(e, "staff_id"));
        if (strcmp(json_string_value(json_object_get(e, "indicator")), w->indicator) ||
            strcmp(json_string_value(json_object_get(e, "unit_id")), w->unit_id) ||
            (w->staff_id ? !sid || strcmp(sid, w->staff_id) : sid != NULL) ||
            json_integer_value(json_object_get(e, "numerator")) != w->num ||
            json_integer_value(json_object_get(e, "denominator")) != w->den ||
            json_is_null(json_object_get(e, "value")) != w->null_value) {
            char *s = json_dumps(e, 0);
            fail_msg("row %zu: got %s, expected %s %s %s %lld/%lld", i, s, w->indicator, w->unit_id,
                     w->staff_id ? w->staff_id : "null", w->num, w->den);
        }
    }
}

static void t_by_staff(void **state)
{
    (void)state;
    struct fx *f = fixture();
    static const char *const ids[] = {"no_arrest_rate"};
    json_t *j = report(f, ids, 1, ZX_BY_STAFF, NULL);
    /* staff of A first (SA1 SA2 SOLD, file order), then B (SB1); SX never appears.
     * SA1: arrest P1 → 0/1. SA2: no_arrest P1 → 1/1. SOLD: only 2020 → 0/0, null.
     * SB1 (unit B, although the events are A's): no_arrest P2 twice → 1/1. */
    static const struct srow want[] = {
        {"no_arrest_rate", "A", "SA1", 0, 1, 0},
        {"no_arrest_rate", "A", "SA2", 1, 1, 0},
        {"no_arrest_rate", "A", "SOLD", 0, 0, 1},
        {"no_arrest_rate", "B", "SB1", 1, 1, 0},
    };
    expect_rows(j, want, sizeof want / sizeof want[0]);
    json_decref(j);
    /* the unit's own figure: no_arrest P1 P2, arrest P1 → 2/3 */
    FX_EXPECT(f, "no_arrest_rate", "A", "2024-01-01", "2024-12-31", 2, 3);
    fx_free(f);
}

static void t_concluded_and_cohort(void **state)
{
    (void)state;
    struct fx *f = fixture();
    static const char *const ids[] = {"return_rate", "pre_litigation_rectification_rate",
                                      "pre_litigation_rectification_rate_cohort"};
    json_t *j = report(f, ids, 3, ZX_BY_STAFF, NULL);
    /* handlers: SA1 (case C1; the 2025 reply), SA2 (indict E6), SOLD (case C3), SB1.
     * return_rate: C2 concluded by SA2's indictment → SA2 1/1; SB1 (second concluding
     * event, case handler) 0/0. Cohort numerator: the reply's handler SA1 → 1/0; the
     * suggestion's handler SB1 → 0/1. */
    static const struct srow want[] = {
        {"return_rate", "A", "SA1", 0, 0, 1},
        {"pre_litigation_rectification_rate", "A", "SA1", 0, 0, 1},
        {"pre_litigation_rectification_rate_cohort", "A", "SA1", 1, 0, 1},
        {"return_rate", "A", "SA2", 1, 1, 0},
        {"pre_litigation_rectification_rate", "A", "SA2", 0, 0, 1},
        {"pre_litigation_rectification_rate_cohort", "A", "SA2", 0, 0, 1},
        {"return_rate", "B", "SB1", 0, 0, 1},
        {"pre_litigation_rectification_rate", "B", "SB1", 0, 1, 0},
        {"pre_litigation_rectification_rate_cohort", "B", "SB1", 0, 1, 0},
    };
    expect_rows(j, want, sizeof want / sizeof want[0]);
    json_decref(j);
    fx_free(f);
}

static void t_by_unit(void **state)
{
    (void)state;
    struct fx *f = fixture();
    static const char *const ids[] = {"no_arrest_rate"};
    json_t *j = report(f, ids, 1, ZX_BY_UNIT, NULL);
    /* pre-order R, A, B; R = A + B */
    static const struct srow want[] = {
        {"no_arrest_rate", "R", NULL, 2, 3, 0},
        {"no_arrest_rate", "A", NULL, 2, 3, 0},
        {"no_arrest_rate", "B", NULL, 0, 0, 1},
    };
    expect_rows(j, want, sizeof want / sizeof want[0]);
    json_decref(j);
    /* --unit A --by staff: the handlers of A's counted events, wherever they work (SB1
     * is B's, handles A's case C1 and keeps unit_id B) */
    j = report(f, ids, 1, ZX_BY_STAFF, "A");
    static const struct srow want_a[] = {
        {"no_arrest_rate", "A", "SA1", 0, 1, 0},
        {"no_arrest_rate", "A", "SA2", 1, 1, 0},
        {"no_arrest_rate", "A", "SOLD", 0, 0, 1},
        {"no_arrest_rate", "B", "SB1", 1, 1, 0},
    };
    expect_rows(j, want_a, sizeof want_a / sizeof want_a[0]);
    json_decref(j);
    /* --unit B --by staff: B's cases hold no arrest decision: nobody to list */
    j = report(f, ids, 1, ZX_BY_STAFF, "B");
    expect_rows(j, NULL, 0);
    json_decref(j);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_by_staff),
        cmocka_unit_test(t_concluded_and_cohort),
        cmocka_unit_test(t_by_unit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
