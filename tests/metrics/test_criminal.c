/* test_criminal.c — hand-computed fixtures for the criminal indicators of
 * shared/spec/indicators.md §2: period boundaries (from and to inclusive), persons with
 * repeated events, cohort conditions across years, plain sums, zero denominators and the
 * roll-up (a unit's figure includes its subtree; the root equals the sum of its children).
 * Every expected figure is worked out in the comment above it from the spec text. */
#include "metrics_fixture.h"

#define Y24 "2024-01-01", "2024-12-31"
#define Y23 "2023-01-01", "2023-12-31"

/* Units R → A → A1, R → B; staff in A, B, A1; one criminal case per unit. */
static struct fx *tree(void)
{
    struct fx *f = fx_tree();
    fx_case(f, "C1", "A", "criminal", "2023-06-01", NULL, "S1");
    fx_case(f, "C2", "B", "criminal", "2023-06-01", NULL, "S2");
    fx_case(f, "C3", "A1", "criminal", "2023-06-01", NULL, "S3");
    return f;
}

static void t_no_arrest_rate(void **state)
{
    (void)state;
    struct fx *f = tree();
    fx_person(f, "P1", "C1");
    fx_person(f, "P2", "C1");
    fx_person(f, "P3", "C2");
    fx_person(f, "P4", "C3");
    fx_person(f, "P5", "C3");
    /* P1: arrested on the first day of the period and again later: one person */
    fx_event(f, "E1", "C1", "P1", "arrest", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", "P1", "arrest", "2024-03-01", NULL, NULL, NULL);
    /* P2: no_arrest on the last day (in) and the day after (out) */
    fx_event(f, "E3", "C1", "P2", "no_arrest", "2024-12-31", "no_necessity", NULL, NULL);
    fx_event(f, "E4", "C1", "P2", "no_arrest", "2025-01-01", NULL, NULL, NULL);
    /* P3: arrest the day before the period (out), no_arrest in it */
    fx_event(f, "E5", "C2", "P3", "arrest", "2023-12-31", NULL, NULL, NULL);
    fx_event(f, "E6", "C2", "P3", "no_arrest", "2024-06-01", NULL, NULL, NULL);
    /* P4: both arrest and no_arrest: counted in both terms of the plain sum (§8.4) */
    fx_event(f, "E7", "C3", "P4", "arrest", "2024-05-05", NULL, NULL, NULL);
    fx_event(f, "E8", "C3", "P4", "no_arrest", "2024-05-01", NULL, NULL, NULL);
    /* P5: only in 2023 */
    fx_event(f, "E9", "C3", "P5", "no_arrest", "2023-06-01", NULL, NULL, NULL);
    fx_load(f);
    /* 2024: no_arrest P2 P3 P4 = 3; arrest P1 P4 = 2 → 3 / (2 + 3) */
    FX_EXPECT(f, "no_arrest_rate", NULL, Y24, 3, 5);
    /* A (A + A1): no_arrest P2 P4, arrest P1 P4 */
    FX_EXPECT(f, "no_arrest_rate", "A", Y24, 2, 4);
    FX_EXPECT(f, "no_arrest_rate", "A1", Y24, 1, 2);
    FX_EXPECT(f, "no_arrest_rate", "B", Y24, 1, 1);
    fx_expect_rollup(f, "no_arrest_rate", Y24);
    /* 2023: no_arrest P5; arrest P3 → 1 / 2 */
    FX_EXPECT(f, "no_arrest_rate", NULL, Y23, 1, 2);
    /* one day: 2024-12-31 only P2 */
    FX_EXPECT(f, "no_arrest_rate", NULL, "2024-12-31", "2024-12-31", 1, 1);
    /* nothing at all in 2022 */
    FX_EXPECT(f, "no_arrest_rate", NULL, "2022-01-01", "2022-12-31", 0, 0);
    fx_free(f);
}

/* Conclusion (indict or non_prosecution in the period) and "prior arrest" / "plea". */
static void t_conclusion_cohorts(void **state)
{
    (void)state;
    struct fx *f = tree();
    const char *ps[][2] = {{"P1", "C1"}, {"P2", "C1"}, {"P3", "C1"}, {"P8", "C1"},
                           {"P4", "C2"}, {"P5", "C2"}, {"P6", "C2"}, {"P7", "C2"}};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        fx_person(f, ps[i][0], ps[i][1]);
    /* P1: arrested in the previous year, indicted in 2024; plea on the day of the
     * indictment (§8.7: counts) */
    fx_event(f, "E01", "C1", "P1", "arrest", "2023-11-10", NULL, NULL, NULL);
    fx_event(f, "E02", "C1", "P1", "indict", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "E03", "C1", "P1", "plea", "2024-02-01", NULL, NULL, NULL);
    /* P2: arrest and plea only after the conclusion: no prior arrest, no plea */
    fx_event(f, "E04", "C1", "P2", "indict", "2024-03-01", NULL, NULL, NULL);
    fx_event(f, "E05", "C1", "P2", "arrest", "2024-04-01", NULL, NULL, NULL);
    fx_event(f, "E06", "C1", "P2", "plea", "2024-03-02", NULL, NULL, NULL);
    /* P3: arrest dated the same day as the non-prosecution, later in the file: "on or
     * before" is by date; plea two years earlier */
    fx_event(f, "E07", "C1", "P3", "non_prosecution", "2024-05-01", "discretionary", NULL, NULL);
    fx_event(f, "E08", "C1", "P3", "arrest", "2024-05-01", NULL, NULL, NULL);
    fx_event(f, "E09", "C1", "P3", "plea", "2022-01-01", NULL, NULL, NULL);
    /* P8: non-prosecution, arrest the day after: no prior arrest */
    fx_event(f, "E10", "C1", "P8", "non_prosecution", "2024-09-09", NULL, NULL, NULL);
    fx_event(f, "E11", "C1", "P8", "arrest", "2024-09-10", NULL, NULL, NULL);
    /* P4: non-prosecution on the last day, arrest on the first */
    fx_event(f, "E12", "C2", "P4", "non_prosecution", "2024-12-31", NULL, NULL, NULL);
    fx_event(f, "E13", "C2", "P4", "arrest", "2024-01-01", NULL, NULL, NULL);
    /* P5: indicted twice and not prosecuted once (concluded once); the arrest falls
     * after the first indictment but before the later events (§8.2: at least one) */
    fx_event(f, "E14", "C2", "P5", "indict", "2024-06-01", NULL, NULL, NULL);
    fx_event(f, "E15", "C2", "P5", "indict", "2024-07-01", NULL, NULL, NULL);
    fx_event(f, "E16", "C2", "P5", "non_prosecution", "2024-08-01", NULL, NULL, NULL);
    fx_event(f, "E17", "C2", "P5", "arrest", "2024-06-15", NULL, NULL, NULL);
    /* P6: concluded only in 2025; P7: arrested, never concluded */
    fx_event(f, "E18", "C2", "P6", "indict", "2025-01-01", NULL, NULL, NULL);
    fx_event(f, "E19", "C2", "P6", "arrest", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E20", "C2", "P7", "arrest", "2024-03-03", NULL, NULL, NULL);
    fx_load(f);
    /* concluded 2024: P1 P2 P3 P8 P4 P5 = 6; with prior arrest P1 P3 P4 P5 = 4 */
    FX_EXPECT(f, "pretrial_detention_rate", NULL, Y24, 4, 6);
    FX_EXPECT(f, "pretrial_detention_rate", "A", Y24, 2, 4);
    FX_EXPECT(f, "pretrial_detention_rate", "B", Y24, 2, 2);
    /* non_prosecution with prior arrest: P3 P4 P5 (not P8) / concluded with prior arrest */
    FX_EXPECT(f, "post_arrest_non_prosecution_rate", NULL, Y24, 3, 4);
    FX_EXPECT(f, "post_arrest_non_prosecution_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "post_arrest_non_prosecution_rate", "B", Y24, 2, 2);
    /* plea up to the conclusion: P1 (same day), P3 → 2 of 6 */
    FX_EXPECT(f, "plea_rate", NULL, Y24, 2, 6);
    FX_EXPECT(f, "plea_rate", "A", Y24, 2, 4);
    FX_EXPECT(f, "plea_rate", "B", Y24, 0, 2);
    /* 不诉率: non_prosecution P3 P8 P4 P5 = 4; indict P1 P2 P5 = 3 → 4 / 7 */
    FX_EXPECT(f, "non_prosecution_rate", NULL, Y24, 4, 7);
    FX_EXPECT(f, "non_prosecution_rate", "A", Y24, 2, 4);
    FX_EXPECT(f, "non_prosecution_rate", "B", Y24, 2, 3);
    /* 2023: nobody concluded: zero denominators */
    FX_EXPECT(f, "pretrial_detention_rate", NULL, Y23, 0, 0);
    FX_EXPECT(f, "post_arrest_non_prosecution_rate", NULL, Y23, 0, 0);
    FX_EXPECT(f, "plea_rate", NULL, Y23, 0, 0);
    /* 2025: P6 indicted, arrested in 2024 → 1 / 1 */
    FX_EXPECT(f, "pretrial_detention_rate", NULL, "2025-01-01", "2025-12-31", 1, 1);
    const char *ids[] = {"pretrial_detention_rate", "post_arrest_non_prosecution_rate", "plea_rate",
                         "non_prosecution_rate"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        fx_expect_rollup(f, ids[i], Y24);
    fx_free(f);
}

static void t_judgments(void **state)
{
    (void)state;
    struct fx *f = tree();
    fx_person(f, "Q1", "C1");
    fx_person(f, "Q2", "C1");
    fx_person(f, "Q3", "C2");
    fx_person(f, "Q4", "C2");
    fx_person(f, "Q5", "C2");
    /* Q1: arrested in 2023, exempted in 2024 */
    fx_event(f, "J1", "C1", "Q1", "arrest", "2023-05-01", NULL, NULL, NULL);
    fx_event(f, "J2", "C1", "Q1", "judgment", "2024-03-01", "exempted", NULL, NULL);
    /* Q2: exempted, never arrested */
    fx_event(f, "J3", "C1", "Q2", "judgment", "2024-04-01", "exempted", NULL, NULL);
    /* Q3: arrested, two judgments (guilty, then acquitted): one person */
    fx_event(f, "J4", "C2", "Q3", "arrest", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "J5", "C2", "Q3", "judgment", "2024-03-01", "guilty", NULL, NULL);
    fx_event(f, "J6", "C2", "Q3", "judgment", "2024-10-01", "acquitted", NULL, NULL);
    /* Q4: exempted, arrested only afterwards */
    fx_event(f, "J7", "C2", "Q4", "judgment", "2024-05-01", "exempted", NULL, NULL);
    fx_event(f, "J8", "C2", "Q4", "arrest", "2024-06-01", NULL, NULL, NULL);
    /* Q5: acquitted on the day before the period */
    fx_event(f, "J9", "C2", "Q5", "judgment", "2023-12-31", "acquitted", NULL, NULL);
    fx_load(f);
    /* with prior arrest: judged Q1 Q3; exempted Q1 */
    FX_EXPECT(f, "post_arrest_exemption_rate", NULL, Y24, 1, 2);
    FX_EXPECT(f, "post_arrest_exemption_rate", "A", Y24, 1, 1);
    FX_EXPECT(f, "post_arrest_exemption_rate", "B", Y24, 0, 1);
    /* judged Q1 Q2 Q3 Q4, acquitted Q3 */
    FX_EXPECT(f, "acquittal_rate", NULL, Y24, 1, 4);
    FX_EXPECT(f, "acquittal_rate", "A", Y24, 0, 2);
    FX_EXPECT(f, "acquittal_rate", "B", Y24, 1, 2);
    FX_EXPECT(f, "acquittal_rate", NULL, Y23, 1, 1);
    FX_EXPECT(f, "post_arrest_exemption_rate", NULL, Y23, 0, 0);
    fx_expect_rollup(f, "post_arrest_exemption_rate", Y24);
    fx_expect_rollup(f, "acquittal_rate", Y24);
    fx_free(f);
}

static void t_proposals_withdrawal(void **state)
{
    (void)state;
    struct fx *f = tree();
    fx_person(f, "R1", "C1");
    fx_person(f, "R2", "C1");
    fx_person(f, "R3", "C2");
    /* R1: a fixed and a range proposal (one person, fixed), an outcome linked by the
     * importer (no ref_event_id), indicted and withdrawn */
    fx_event(f, "K01", "C1", "R1", "sentencing_proposal", "2024-01-01", "fixed", NULL, NULL);
    fx_event(f, "K02", "C1", "R1", "sentencing_proposal", "2024-02-01", "range", NULL, NULL);
    fx_event(f, "K03", "C1", "R1", "proposal_outcome", "2024-03-01", "adopted", NULL, NULL);
    fx_event(f, "K04", "C1", "R1", "indict", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "K05", "C1", "R1", "withdraw_indictment", "2024-05-01", NULL, NULL, NULL);
    /* R2: a range proposal; not adopted then adopted (one person in each term) */
    fx_event(f, "K06", "C1", "R2", "sentencing_proposal", "2024-03-01", "range", NULL, NULL);
    fx_event(f, "K07", "C1", "R2", "proposal_outcome", "2024-04-01", "not_adopted", NULL, "K06");
    fx_event(f, "K08", "C1", "R2", "proposal_outcome", "2024-05-01", "adopted", NULL, "K06");
    fx_event(f, "K09", "C1", "R2", "indict", "2024-02-02", NULL, NULL, NULL);
    /* R3: proposal in 2023, outcome in 2024 (同期: counted by its own date); indicted in
     * 2023, withdrawn in 2024 */
    fx_event(f, "K10", "C2", "R3", "sentencing_proposal", "2023-12-31", "fixed", NULL, NULL);
    fx_event(f, "K11", "C2", "R3", "proposal_outcome", "2024-01-05", "adopted", NULL, NULL);
    fx_event(f, "K12", "C2", "R3", "indict", "2023-11-11", NULL, NULL, NULL);
    fx_event(f, "K13", "C2", "R3", "withdraw_indictment", "2024-02-02", NULL, NULL, NULL);
    fx_load(f);
    FX_EXPECT(f, "fixed_proposal_share", NULL, Y24, 1, 2);
    FX_EXPECT(f, "fixed_proposal_share", "A", Y24, 1, 2);
    FX_EXPECT(f, "fixed_proposal_share", "B", Y24, 0, 0);
    FX_EXPECT(f, "fixed_proposal_share", "B", Y23, 1, 1);
    FX_EXPECT(f, "proposal_adoption_rate", NULL, Y24, 3, 3);
    FX_EXPECT(f, "proposal_adoption_rate", "A", Y24, 2, 2);
    FX_EXPECT(f, "proposal_adoption_rate", "B", Y24, 1, 1);
    /* withdrawn R1 R3 / indicted R1 R2; in B a numerator over a zero denominator */
    FX_EXPECT(f, "withdrawal_rate", NULL, Y24, 2, 2);
    FX_EXPECT(f, "withdrawal_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "withdrawal_rate", "B", Y24, 1, 0);
    FX_EXPECT(f, "withdrawal_rate", "B", Y23, 0, 1);
    fx_expect_rollup(f, "fixed_proposal_share", Y24);
    fx_expect_rollup(f, "proposal_adoption_rate", Y24);
    fx_expect_rollup(f, "withdrawal_rate", Y24);
    fx_free(f);
}

static void t_return_extension(void **state)
{
    (void)state;
    struct fx *f = tree();
    fx_case(f, "C4", "A", "criminal", "2023-06-01", NULL, "S1");
    fx_case(f, "C5", "B", "criminal", "2023-06-01", NULL, "S2");
    fx_case(f, "C6", "B", "criminal", "2023-06-01", NULL, "S2");
    fx_person(f, "P1", "C1");
    fx_person(f, "P2", "C4");
    fx_person(f, "P3", "C4");
    fx_person(f, "P4", "C2");
    fx_person(f, "P5", "C5");
    fx_person(f, "P6", "C5");
    /* C1 (A): concluded 2024; returned in 2023 (any date counts) */
    fx_event(f, "E1", "C1", "P1", "indict", "2024-03-01", NULL, NULL, NULL);
    fx_event(f, "E2", "C1", NULL, "return_investigation", "2023-12-01", NULL, NULL, NULL);
    /* C4 (A): first concluding event in 2023 → concluded 2023, not 2024, although P3
     * was indicted in 2024; extended in 2024 */
    fx_event(f, "E3", "C4", "P2", "non_prosecution", "2023-12-31", NULL, NULL, NULL);
    fx_event(f, "E4", "C4", "P3", "indict", "2024-02-01", NULL, NULL, NULL);
    fx_event(f, "E5", "C4", NULL, "extend_review", "2024-01-10", NULL, NULL, NULL);
    /* C2 (B): concluded on the last day; two returns (one case), extension in 2025 */
    fx_event(f, "E6", "C2", "P4", "indict", "2024-12-31", NULL, NULL, NULL);
    fx_event(f, "E7", "C2", NULL, "extend_review", "2025-02-01", NULL, NULL, NULL);
    fx_event(f, "E8", "C2", NULL, "return_investigation", "2024-01-01", NULL, NULL, NULL);
    fx_event(f, "E9", "C2", NULL, "return_investigation", "2024-02-01", NULL, NULL, NULL);
    /* C5 (B): two persons indicted: one case */
    fx_event(f, "EA", "C5", "P5", "indict", "2024-06-01", NULL, NULL, NULL);
    fx_event(f, "EB", "C5", "P6", "indict", "2024-07-01", NULL, NULL, NULL);
    /* C6 (B): a return but no conclusion */
    fx_event(f, "EC", "C6", NULL, "return_investigation", "2024-03-03", NULL, NULL, NULL);
    fx_load(f);
    /* concluded 2024: C1 C2 C5; returned C1 C2; extended C2 */
    FX_EXPECT(f, "return_rate", NULL, Y24, 2, 3);
    FX_EXPECT(f, "return_rate", "A", Y24, 1, 1);
    FX_EXPECT(f, "return_rate", "B", Y24, 1, 2);
    FX_EXPECT(f, "extension_rate", NULL, Y24, 1, 3);
    FX_EXPECT(f, "extension_rate", "A", Y24, 0, 1);
    FX_EXPECT(f, "extension_rate", "B", Y24, 1, 2);
    /* 2023: C4 concluded, extended (2024, any date), never returned */
    FX_EXPECT(f, "return_rate", NULL, Y23, 0, 1);
    FX_EXPECT(f, "extension_rate", NULL, Y23, 1, 1);
    FX_EXPECT(f, "return_rate", "A1", Y24, 0, 0);
    fx_expect_rollup(f, "return_rate", Y24);
    fx_expect_rollup(f, "extension_rate", Y24);
    fx_free(f);
}

static void t_objections(void **state)
{
    (void)state;
    struct fx *f = tree();
    const char *ps[][2] = {{"N1", "C1"}, {"N2", "C1"}, {"N3", "C2"},
                           {"M1", "C1"}, {"M2", "C2"}, {"M3", "C2"}};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        fx_person(f, ps[i][0], ps[i][1]);
    /* N1: reconsideration upheld (no ref: linked by the importer), review changed */
    fx_event(f, "A1", "C1", "N1", "no_arrest", "2024-01-10", NULL, NULL, NULL);
    fx_event(f, "A2", "C1", "N1", "no_arrest_reconsideration", "2024-01-20", "upheld", NULL, NULL);
    fx_event(f, "A3", "C1", "N1", "no_arrest_review", "2024-02-10", "changed", NULL, NULL);
    /* N2: no_arrest in 2023; reconsidered (changed) twice in 2024: one person */
    fx_event(f, "A4", "C1", "N2", "no_arrest", "2023-12-20", NULL, NULL, NULL);
    fx_event(f, "A5", "C1", "N2", "no_arrest_reconsideration", "2024-01-05", "changed", NULL, "A4");
    fx_event(f, "A6", "C1", "N2", "no_arrest_reconsideration", "2024-01-06", "changed", NULL, "A4");
    /* N3: no_arrest only */
    fx_event(f, "A7", "C2", "N3", "no_arrest", "2024-05-05", NULL, NULL, NULL);
    /* non-prosecution side */
    fx_event(f, "B1", "C1", "M1", "non_prosecution", "2024-03-01", NULL, NULL, NULL);
    fx_event(f, "B2", "C1", "M1", "non_prosecution_reconsideration", "2024-04-01", "changed", NULL,
             NULL);
    fx_event(f, "B3", "C1", "M1", "non_prosecution_review", "2024-05-01", "upheld", NULL, NULL);
    fx_event(f, "B4", "C2", "M2", "non_prosecution", "2024-06-01", NULL, NULL, NULL);
    fx_event(f, "B5", "C2", "M2", "non_prosecution_review", "2024-07-01", "changed", NULL, NULL);
    fx_event(f, "B6", "C2", "M2", "non_prosecution_review", "2025-01-02", "changed", NULL, NULL);
    fx_event(f, "B7", "C2", "M3", "non_prosecution", "2024-08-01", NULL, NULL, NULL);
    fx_load(f);
    /* (reconsidered N1 N2 = 2) + (reviewed N1 = 1) over no_arrest N1 N3 = 2 */
    FX_EXPECT(f, "no_arrest_objection_rate", NULL, Y24, 3, 2);
    FX_EXPECT(f, "no_arrest_objection_rate", "A", Y24, 3, 1);
    FX_EXPECT(f, "no_arrest_objection_rate", "B", Y24, 0, 1);
    /* changed: reconsideration N2 + review N1 = 2 over 2 + 1 */
    FX_EXPECT(f, "no_arrest_change_rate", NULL, Y24, 2, 3);
    FX_EXPECT(f, "no_arrest_change_rate", "A", Y24, 2, 3);
    FX_EXPECT(f, "no_arrest_change_rate", "B", Y24, 0, 0);
    /* (reconsidered M1) + (reviewed M1 M2) over non_prosecution M1 M2 M3 */
    FX_EXPECT(f, "non_prosecution_objection_rate", NULL, Y24, 3, 3);
    FX_EXPECT(f, "non_prosecution_objection_rate", "A", Y24, 2, 1);
    FX_EXPECT(f, "non_prosecution_objection_rate", "B", Y24, 1, 2);
    FX_EXPECT(f, "non_prosecution_change_rate", NULL, Y24, 2, 3);
    FX_EXPECT(f, "non_prosecution_change_rate", "A", Y24, 1, 2);
    FX_EXPECT(f, "non_prosecution_change_rate", "B", Y24, 1, 1);
    /* 2023: N2's no_arrest, no objection yet */
    FX_EXPECT(f, "no_arrest_objection_rate", NULL, Y23, 0, 1);
    const char *ids[] = {"no_arrest_objection_rate", "no_arrest_change_rate",
                         "non_prosecution_objection_rate", "non_prosecution_change_rate"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        fx_expect_rollup(f, ids[i], Y24);
    fx_free(f);
}

static void t_custody_correction(void **state)
{
    (void)state;
    struct fx *f = tree();
    fx_case(f, "V1", "B", "civil", "2023-01-01", NULL, "S2");
    fx_person(f, "K1", "C1");
    fx_person(f, "K2", "C1");
    fx_person(f, "K3", "C2");
    fx_person(f, "K4", "C2");
    fx_event(f, "D1", "C1", "K1", "custody_review", "2024-02-01", "release_recommended", NULL,
             NULL);
    fx_event(f, "D2", "C1", "K1", "custody_review_reply", "2024-02-15", "adopted", NULL, NULL);
    fx_event(f, "D3", "C1", "K2", "custody_review", "2024-03-01", "continue", NULL, NULL);
    /* K3: recommended in 2023, adopted in 2024: numerator only (同期) */
    fx_event(f, "D4", "C2", "K3", "custody_review", "2023-12-01", "release_recommended", NULL,
             NULL);
    fx_event(f, "D5", "C2", "K3", "custody_review_reply", "2024-01-10", "adopted", NULL, NULL);
    /* K4: recommended twice (one person), rejected */
    fx_event(f, "D6", "C2", "K4", "custody_review", "2024-11-01", "release_recommended", NULL,
             NULL);
    fx_event(f, "D7", "C2", "K4", "custody_review", "2024-11-20", "release_recommended", NULL,
             NULL);
    fx_event(f, "D8", "C2", "K4", "custody_review_reply", "2024-12-01", "rejected", NULL, NULL);
    /* correction notices: events, from every line (§8.3); a notice answered twice */
    fx_event(f, "F1", "C1", NULL, "correction_notice", "2024-01-01", "investigation", NULL, NULL);
    fx_event(f, "F2", "C1", NULL, "correction_reply", "2024-01-20", "adopted", NULL, NULL);
    fx_event(f, "F3", "C1", NULL, "correction_notice", "2024-02-01", "trial", NULL, NULL);
    fx_event(f, "F4", "C1", NULL, "correction_reply", "2024-02-10", "adopted", NULL, "F1");
    fx_event(f, "F5", "V1", NULL, "correction_notice", "2024-03-01", "enforcement", NULL, NULL);
    fx_event(f, "F6", "V1", NULL, "correction_reply", "2024-04-01", "rejected", NULL, NULL);
    fx_event(f, "F7", "V1", NULL, "correction_notice", "2023-05-05", NULL, NULL, NULL);
    fx_event(f, "F8", "V1", NULL, "correction_reply", "2024-06-06", "adopted", NULL, "F7");
    fx_load(f);
    FX_EXPECT(f, "custody_review_adoption_rate", NULL, Y24, 2, 2);
    FX_EXPECT(f, "custody_review_adoption_rate", "A", Y24, 1, 1);
    FX_EXPECT(f, "custody_review_adoption_rate", "B", Y24, 1, 1);
    FX_EXPECT(f, "custody_review_adoption_rate", NULL, Y23, 0, 1);
    /* adopted replies F2 F4 F8 = 3 events; notices F1 F3 F5 = 3 */
    FX_EXPECT(f, "correction_adoption_rate", NULL, Y24, 3, 3);
    FX_EXPECT(f, "correction_adoption_rate", "A", Y24, 2, 2);
    FX_EXPECT(f, "correction_adoption_rate", "B", Y24, 1, 1);
    FX_EXPECT(f, "correction_adoption_rate", "B", Y23, 0, 1);
    fx_expect_rollup(f, "custody_review_adoption_rate", Y24);
    fx_expect_rollup(f, "correction_adoption_rate", Y24);
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_no_arrest_rate),     cmocka_unit_test(t_conclusion_cohorts),
        cmocka_unit_test(t_judgments),          cmocka_unit_test(t_proposals_withdrawal),
        cmocka_unit_test(t_return_extension),   cmocka_unit_test(t_objections),
        cmocka_unit_test(t_custody_correction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
