/* test_other.c — hand-computed fixtures for the cross-line indicators of
 * shared/spec/indicators.md §3: protest change rates per line, suggestion adoption (同期
 * and the _cohort variants), replies without ref_event_id (linked by the importer to the
 * latest earlier answerable event, §8.6), replies answered twice (§8.5), PIL support, and
 * hearing / supervisor rates over closed cases with events at any date (§8.1). */
#include "metrics_fixture.h"

#define Y24 "2024-01-01", "2024-12-31"
#define Y23 "2023-01-01", "2023-12-31"

static void t_protests(void **state)
{
    (void)state;
    struct fx *f = fx_tree();
    fx_case(f, "CR1", "A", "criminal", "2023-01-01", NULL, "S1");
    fx_case(f, "CR2", "B", "criminal", "2023-01-01", NULL, "S2");
    fx_case(f, "CV1", "A", "civil", "2023-01-01", NULL, "S1");
    fx_case(f, "AD1", "B", "administrative", "2023-01-01", NULL, "S2");
    fx_event(f, "X1", "CR1", NULL, "protest", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "X2", "CR1", NULL, "protest_outcome", "2024-03-01", "changed", NULL, NULL);
    fx_event(f, "X3", "CR1", NULL, "protest_outcome", "2024-04-01", "upheld", NULL, "X1");
    fx_event(f, "X4", "CR2", NULL, "protest", "2024-02-02", NULL, NULL, NULL);
    fx_event(f, "X5", "CR2", NULL, "protest_outcome", "2024-12-31", "remanded", NULL, NULL);
    /* mediated is a change for civil and administrative, not for criminal protests */
    fx_event(f, "X6", "CR2", NULL, "protest_outcome", "2024-06-06", "mediated", NULL, NULL);
    fx_event(f, "X7", "CV1", NULL, "protest", "2023-01-01", NULL, NULL, NULL);
    fx_event(f, "X8", "CV1", NULL, "protest_outcome", "2024-01-01", "mediated", NULL, NULL);
    fx_event(f, "X9", "CV1", NULL, "protest_outcome", "2025-01-01", "changed", NULL, NULL);
    /* outcomes without any protest to answer: still outcome events of the line */
    fx_event(f, "XA", "AD1", NULL, "protest_outcome", "2024-05-05", "remanded", NULL, NULL);
    fx_event(f, "XB", "AD1", NULL, "protest_outcome", "2024-05-06", "upheld", NULL, NULL);
    fx_load(f);
    /* criminal: changed X2 + remanded X5 over X2 X3 X5 X6 */
    FX_EXPECT(f, "criminal_protest_change_rate", NULL, Y24, 2, 4);
    FX_EXPECT(f, "criminal_protest_change_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "criminal_protest_change_rate", "B", Y24, 1, 2);
    FX_EXPECT(f, "civil_protest_change_rate", NULL, Y24, 1, 1);
    FX_EXPECT(f, "civil_protest_change_rate", "B", Y24, 0, 0);
    FX_EXPECT(f, "administrative_protest_change_rate", NULL, Y24, 1, 2);
    FX_EXPECT(f, "administrative_protest_change_rate", "A", Y24, 0, 0);
    FX_EXPECT(f, "civil_protest_change_rate", NULL, "2025-01-01", "2025-12-31", 1, 1);
    fx_expect_rollup(f, "criminal_protest_change_rate", Y24);
    fx_expect_rollup(f, "civil_protest_change_rate", Y24);
    fx_expect_rollup(f, "administrative_protest_change_rate", Y24);
    fx_free(f);
}

static void t_suggestions(void **state)
{
    (void)state;
    struct fx *f = fx_tree();
    fx_case(f, "G1", "A", "public_interest", "2023-01-01", NULL, "S1");
    fx_case(f, "G2", "B", "civil", "2023-01-01", NULL, "S2");
    fx_case(f, "G3", "A1", "administrative", "2023-01-01", NULL, "S3");
    fx_case(f, "G4", "B", "public_interest", "2023-01-01", NULL, "S2");
    /* G1 (A): pre-litigation Sa answered without ref (linked to Sa); Sb issued in 2024,
     * answered in 2025 (同期 2024: no; cohort 2024: yes) */
    fx_event(f, "Sa", "G1", NULL, "suggestion", "2024-01-10", "pre_litigation", NULL, NULL);
    fx_event(f, "Ra", "G1", NULL, "suggestion_reply", "2024-03-10", "rectified", NULL, NULL);
    fx_event(f, "Sb", "G1", NULL, "suggestion", "2024-11-01", "pre_litigation", NULL, NULL);
    fx_event(f, "Rb", "G1", NULL, "suggestion_reply", "2025-01-05", "adopted", NULL, "Sb");
    /* G2 (B): retrial Sc answered twice (two numerator events, §8.5); retrial Sd of 2023
     * answered in 2024 */
    fx_event(f, "Sc", "G2", NULL, "suggestion", "2024-02-01", "retrial", NULL, NULL);
    fx_event(f, "Rc1", "G2", NULL, "suggestion_reply", "2024-04-01", "adopted", NULL, "Sc");
    fx_event(f, "Rc2", "G2", NULL, "suggestion_reply", "2024-05-01", "adopted", NULL, "Sc");
    fx_event(f, "Sd", "G2", NULL, "suggestion", "2023-12-15", "retrial", NULL, NULL);
    fx_event(f, "Rd", "G2", NULL, "suggestion_reply", "2024-01-15", "adopted", NULL, "Sd");
    /* G3 (A1): trial suggestion rejected; social-governance suggestion answered without
     * ref; "other" suggestion answered the same day, later in the file, without ref
     * (strictly earlier by date, then by file order: it answers So) */
    fx_event(f, "Se", "G3", NULL, "suggestion", "2024-06-01", "trial", NULL, NULL);
    fx_event(f, "Re", "G3", NULL, "suggestion_reply", "2024-07-01", "rejected", NULL, NULL);
    fx_event(f, "Sf", "G3", NULL, "suggestion", "2024-08-01", "social_governance", NULL, NULL);
    fx_event(f, "Rf", "G3", NULL, "suggestion_reply", "2024-09-01", "adopted", NULL, NULL);
    fx_event(f, "So", "G3", NULL, "suggestion", "2024-10-01", "other", NULL, NULL);
    fx_event(f, "Ro", "G3", NULL, "suggestion_reply", "2024-10-01", "rectified", NULL, NULL);
    /* G4 (B): a trial and then a pre-litigation suggestion; the reply without ref answers
     * the latest earlier one (Si, pre-litigation) */
    fx_event(f, "Sh", "G4", NULL, "suggestion", "2024-01-01", "trial", NULL, NULL);
    fx_event(f, "Si", "G4", NULL, "suggestion", "2024-02-01", "pre_litigation", NULL, NULL);
    fx_event(f, "Ri", "G4", NULL, "suggestion_reply", "2024-03-01", "rectified", NULL, NULL);
    /* PIL judgments */
    fx_event(f, "J1", "G1", NULL, "pil_judgment", "2024-05-05", "supported", NULL, NULL);
    fx_event(f, "J2", "G1", NULL, "pil_judgment", "2024-06-06", "rejected", NULL, NULL);
    fx_event(f, "J3", "G4", NULL, "pil_judgment", "2024-12-31", "supported", NULL, NULL);
    fx_load(f);
    /* suggestion kinds but retrial and pre-litigation: Se Sf So (A), Sh (B); adopted or
     * rectified replies answering them: Rf Ro */
    FX_EXPECT(f, "suggestion_adoption_rate", NULL, Y24, 2, 4);
    FX_EXPECT(f, "suggestion_adoption_rate", "A", Y24, 2, 3);
    FX_EXPECT(f, "suggestion_adoption_rate", "A1", Y24, 2, 3);
    FX_EXPECT(f, "suggestion_adoption_rate", "B", Y24, 0, 1);
    FX_EXPECT(f, "suggestion_adoption_rate_cohort", NULL, Y24, 2, 4);
    /* pre-litigation: Sa Sb (A), Si (B); 同期 replies Ra Ri; cohort Ra Rb Ri */
    FX_EXPECT(f, "pre_litigation_rectification_rate", NULL, Y24, 2, 3);
    FX_EXPECT(f, "pre_litigation_rectification_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "pre_litigation_rectification_rate", "B", Y24, 1, 1);
    FX_EXPECT(f, "pre_litigation_rectification_rate_cohort", NULL, Y24, 3, 3);
    FX_EXPECT(f, "pre_litigation_rectification_rate_cohort", "A", Y24, 2, 2);
    FX_EXPECT(f, "pre_litigation_rectification_rate_cohort", "B", Y24, 1, 1);
    FX_EXPECT(f, "pre_litigation_rectification_rate", NULL, "2025-01-01", "2025-12-31", 1, 0);
    FX_EXPECT(f, "pre_litigation_rectification_rate_cohort", NULL, "2025-01-01", "2025-12-31", 0,
              0);
    /* retrial: issued Sc; 同期 adopted replies Rc1 Rc2 Rd = 3 → 3/1; cohort Rc1 Rc2 */
    FX_EXPECT(f, "retrial_suggestion_adoption_rate", NULL, Y24, 3, 1);
    FX_EXPECT(f, "retrial_suggestion_adoption_rate", "A", Y24, 0, 0);
    FX_EXPECT(f, "retrial_suggestion_adoption_rate", "B", Y24, 3, 1);
    FX_EXPECT(f, "retrial_suggestion_adoption_rate_cohort", NULL, Y24, 2, 1);
    FX_EXPECT(f, "retrial_suggestion_adoption_rate_cohort", NULL, Y23, 1, 1);
    FX_EXPECT(f, "retrial_suggestion_adoption_rate", NULL, Y23, 0, 1);
    /* PIL: supported J1 J3 over J1 J2 J3 */
    FX_EXPECT(f, "pil_support_rate", NULL, Y24, 2, 3);
    FX_EXPECT(f, "pil_support_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "pil_support_rate", "B", Y24, 1, 1);
    const char *ids[] = {"suggestion_adoption_rate",
                         "suggestion_adoption_rate_cohort",
                         "pre_litigation_rectification_rate",
                         "pre_litigation_rectification_rate_cohort",
                         "retrial_suggestion_adoption_rate",
                         "retrial_suggestion_adoption_rate_cohort",
                         "pil_support_rate"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        fx_expect_rollup(f, ids[i], Y24);
    fx_free(f);
}

static void t_hearing_supervisor(void **state)
{
    (void)state;
    struct fx *f = fx_tree();
    /* H1 (A): closed on the first day; hearing in 2023 (any date) and supervisor */
    fx_case(f, "H1", "A", "criminal", "2023-01-01", "2024-01-01", "S1");
    fx_event(f, "E1", "H1", NULL, "hearing", "2023-10-10", NULL, NULL, NULL);
    fx_event(f, "E2", "H1", NULL, "supervisor_invited", "2024-01-01", NULL, NULL, NULL);
    /* H2 (A): closed on the last day; hearing after closing (any date) */
    fx_case(f, "H2", "A", "civil", "2023-01-01", "2024-12-31", "S1");
    fx_event(f, "E3", "H2", NULL, "hearing", "2025-02-01", NULL, NULL, NULL);
    /* H3 (B): closed before the period */
    fx_case(f, "H3", "B", "administrative", "2023-01-01", "2023-12-31", "S2");
    fx_event(f, "E4", "H3", NULL, "hearing", "2024-03-03", NULL, NULL, NULL);
    /* H4 (B): two hearings, one case */
    fx_case(f, "H4", "B", "public_interest", "2023-01-01", "2024-06-06", "S2");
    fx_event(f, "E5", "H4", NULL, "hearing", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E6", "H4", NULL, "hearing", "2024-02-02", NULL, NULL, NULL);
    /* H5 (B): open */
    fx_case(f, "H5", "B", "criminal", "2023-01-01", NULL, "S2");
    fx_event(f, "E7", "H5", NULL, "hearing", "2024-04-04", NULL, NULL, NULL);
    /* H6 (A1): closed, no hearing, two supervisor invitations */
    fx_case(f, "H6", "A1", "criminal", "2023-01-01", "2024-07-07", "S3");
    fx_event(f, "E8", "H6", NULL, "supervisor_invited", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E9", "H6", NULL, "supervisor_invited", "2024-02-01", NULL, NULL, NULL);
    fx_load(f);
    /* closed 2024: H1 H2 H4 H6; with a hearing H1 H2 H4; with a supervisor H1 H6 */
    FX_EXPECT(f, "hearing_rate", NULL, Y24, 3, 4);
    FX_EXPECT(f, "hearing_rate", "A", Y24, 2, 3);
    FX_EXPECT(f, "hearing_rate", "A1", Y24, 0, 1);
    FX_EXPECT(f, "hearing_rate", "B", Y24, 1, 1);
    FX_EXPECT(f, "supervisor_rate", NULL, Y24, 2, 4);
    FX_EXPECT(f, "supervisor_rate", "A", Y24, 2, 3);
    FX_EXPECT(f, "supervisor_rate", "A1", Y24, 1, 1);
    FX_EXPECT(f, "supervisor_rate", "B", Y24, 0, 1);
    FX_EXPECT(f, "hearing_rate", NULL, Y23, 1, 1);
    FX_EXPECT(f, "hearing_rate", NULL, "2025-01-01", "2025-12-31", 0, 0);
    fx_expect_rollup(f, "hearing_rate", Y24);
    fx_expect_rollup(f, "supervisor_rate", Y24);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_protests),
        cmocka_unit_test(t_suggestions),
        cmocka_unit_test(t_hearing_supervisor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
