/* vocab.h — the code vocabularies of the case-data contract (shared/spec/case-data.md).
 *
 * Every coded column is stored as a small integer: the index of its code in the tables of
 * vocab.c, starting at 1 (0 = null). The tables are append-only, because stored databases
 * hold these integers: never reorder or delete an entry. Each code has its English
 * identifier (used in files and APIs) and its Chinese label (shown to users and accepted on
 * input). Depends on nothing. */
#ifndef ZX_MODEL_VOCAB_H
#define ZX_MODEL_VOCAB_H

#include <stddef.h>
#include <stdint.h>

enum zx_vocab {
    ZX_V_UNIT_LEVEL,
    ZX_V_STAFF_ROLE,
    ZX_V_LINE,
    ZX_V_BUSINESS,
    ZX_V_CASE_KIND,
    ZX_V_CASE_SOURCE,
    ZX_V_PERSON_ROLE,
    ZX_V_GENDER,
    ZX_V_EVENT_TYPE,
    ZX_V_RESULT,
    ZX_V_INST_KIND,
    ZX_V_SENTENCE_KIND,
    ZX_V_CHANGE_KIND,
    ZX_V_MERIT,
    ZX_V_GROUND,
    ZX_V_DOC_KIND,          /* documents.csv kind */
    ZX_V_DOC_SENTENCE_KIND, /* documents.csv sentence_kind (first defendant) */
    ZX_V_COUNT_
};

/* Event types, in vocabulary order (values are stable). */
enum zx_event_type {
    ZX_EV_ARREST_REVIEW = 1,
    ZX_EV_ARREST,
    ZX_EV_NO_ARREST,
    ZX_EV_ARREST_APPEAL,
    ZX_EV_NO_ARREST_RECONSIDERATION,
    ZX_EV_NO_ARREST_REVIEW,
    ZX_EV_CUSTODY_REVIEW,
    ZX_EV_PROSECUTION_REVIEW,
    ZX_EV_RETURN_INVESTIGATION,
    ZX_EV_EXTEND_REVIEW,
    ZX_EV_CHANGE_JURISDICTION,
    ZX_EV_PLEA,
    ZX_EV_SENTENCING_PROPOSAL,
    ZX_EV_INDICT,
    ZX_EV_NON_PROSECUTION,
    ZX_EV_NON_PROSECUTION_RECONSIDERATION,
    ZX_EV_NON_PROSECUTION_REVIEW,
    ZX_EV_NON_PROSECUTION_APPEAL,
    ZX_EV_WITHDRAW_INDICTMENT,
    ZX_EV_JUDGMENT,
    ZX_EV_PROPOSAL_OUTCOME,
    ZX_EV_RETRIAL_REMAND,
    ZX_EV_PROTEST,
    ZX_EV_PROTEST_OUTCOME,
    ZX_EV_FILING_SUPERVISION,
    ZX_EV_CORRECTION_NOTICE,
    ZX_EV_CORRECTION_REPLY,
    ZX_EV_SUGGESTION,
    ZX_EV_SUGGESTION_REPLY,
    ZX_EV_CUSTODY_REVIEW_REPLY,
    ZX_EV_HEARING,
    ZX_EV_SUPERVISOR_INVITED,
    ZX_EV_PIL_LAWSUIT,
    ZX_EV_PIL_JUDGMENT,
    ZX_EV_RECOVERY,
    ZX_EV_JUDICIAL_AID,
    ZX_EV_COUNT_ /* one past the last type */
};

/* Result codes: one global list; each event type allows a subset. */
enum zx_result {
    ZX_R_DETAINED = 1,
    ZX_R_NOT_DETAINED,
    ZX_R_NO_CRIME,
    ZX_R_INSUFFICIENT_EVIDENCE,
    ZX_R_NO_NECESSITY,
    ZX_R_UPHELD,
    ZX_R_CHANGED,
    ZX_R_RELEASE_RECOMMENDED,
    ZX_R_CONTINUE,
    ZX_R_FIXED,
    ZX_R_RANGE,
    ZX_R_STATUTORY,
    ZX_R_DISCRETIONARY,
    ZX_R_EVIDENTIARY,
    ZX_R_CONDITIONAL,
    ZX_R_GUILTY,
    ZX_R_ACQUITTED,
    ZX_R_EXEMPTED,
    ZX_R_ADOPTED,
    ZX_R_NOT_ADOPTED,
    ZX_R_REMANDED,
    ZX_R_MEDIATED,
    ZX_R_FILE,
    ZX_R_DISMISS,
    ZX_R_INVESTIGATION,
    ZX_R_TRIAL,
    ZX_R_ENFORCEMENT,
    ZX_R_CUSTODY,
    ZX_R_EXECUTION,
    ZX_R_SOCIAL_GOVERNANCE,
    ZX_R_RETRIAL,
    ZX_R_PRE_LITIGATION,
    ZX_R_OTHER,
    ZX_R_RECTIFIED,
    ZX_R_REJECTED,
    ZX_R_SUPPORTED,
    ZX_R_COUNT_
};

enum zx_line {
    ZX_LINE_CRIMINAL = 1,
    ZX_LINE_CIVIL,
    ZX_LINE_ADMINISTRATIVE,
    ZX_LINE_PUBLIC_INTEREST
};

struct zx_event_type_info {
    char level;       /* 'P' person-level (needs person_id) or 'C' case-level */
    char jian;        /* 1 when it counts as an extra 件 in 案-件比 (default set) */
    uint64_t results; /* bit r set when result r is allowed; 0 = no result code */
    uint64_t answers; /* bit t set when this is a reply/outcome answering type t */
};

/* Number of codes in a vocabulary (values run 1..count). */
int zx_vocab_count(enum zx_vocab v);

/* English code of value `val` (1..count), or NULL when out of range. */
const char *zx_vocab_code(enum zx_vocab v, int val);

/* Chinese label of value `val`, or NULL when out of range. */
const char *zx_vocab_label(enum zx_vocab v, int val);

/* Name of the vocabulary itself ("event_type"…). */
const char *zx_vocab_name(enum zx_vocab v);

/* Value of s[0..n) read as an English code or a Chinese label (or a listed alias); 0 when
 * it is none of them. Thread-safe. */
int zx_vocab_find(enum zx_vocab v, const char *s, size_t n);

/* Facts about an event type (1..ZX_EV_COUNT_-1); NULL when out of range. */
const struct zx_event_type_info *zx_event_type_info(int type);

#endif
