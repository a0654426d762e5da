/* danger.h — 社会危险性量化评估 for arrest decisions (CPL 81): a transparent scorecard.
 *
 * The items and their points are configuration (data/danger_items.json): no official
 * weights are published (legal-rules.md §3.2), so the file ships a documented default.
 * Each item reads one fact the data contract holds (store/danger.h); a person's score is
 * the sum of the points of the items that fire, kept per CPL 81 danger (five sub-scores)
 * plus the mitigating group (RULES 140), and every point is listed with the fact that
 * caused it. The band is a recommendation (建议羁押 / 中间 / 可不捕), never a decision.
 *
 * The calibration report reads the history: detention rate and 不捕 outcomes by band and
 * score, and a fairness breakdown (local vs non-local 户籍, age band, gender from the id
 * number) at equal score, by direct standardisation over the score strata.
 *
 * Depends on store (store/danger.h), model, util and jansson. */
#ifndef ZX_DANGER_H
#define ZX_DANGER_H

#include <jansson.h>
#include <stdint.h>

#include "store/danger.h"
#include "store/store.h"
#include "util/err.h"

#define ZX_DANGER_GROUPS  6 /* the five dangers of CPL 81(1) and the mitigating group */
#define ZX_DANGER_MAX_WHY 24

struct zx_danger_cfg; /* opaque */

/* Load items from path, or from data/danger_items.json when path is NULL. Caller owns
 * *out; free with zx_danger_cfg_free. Bad files: ZX_EPARSE with the file and the reason. */
int zx_danger_cfg_load(const char *path, struct zx_danger_cfg **out,
                       struct zx_err *err) ZX_MUST_CHECK;
void zx_danger_cfg_free(struct zx_danger_cfg *c);

/* One item that fired: its points and the fact, in words, that made it fire. */
struct zx_danger_why {
    const char *item;  /* Borrowed: valid until the cfg is freed */
    const char *label; /* Borrowed: as item */
    const char *basis; /* Borrowed: as item */
    int group;         /* 0..4 the dangers, 5 mitigation */
    int points;
    char fact[256]; /* the fact in the data, e.g. "同案犯罪嫌疑人 3 人" */
};

struct zx_danger_score {
    int total;                 /* = Σ why[i].points = Σ sub[g] */
    int sub[ZX_DANGER_GROUPS]; /* per group */
    int band;                  /* index into the cfg's bands */
    int direct_arrest;         /* CPL 81(3) conditions the data shows (径行逮捕) */
    int nwhy;
    struct zx_danger_why why[ZX_DANGER_MAX_WHY];
    int age;     /* 周岁 at the review, -1 unknown */
    int local;   /* 1 local, 0 non-local, -1 unknown */
    char gender; /* 'M', 'F', 0 unknown (id number first, then the row) */
};

/* Score the person of f. Pure. */
void zx_danger_score(const struct zx_danger_cfg *c, const struct zx_danger_facts *f,
                     struct zx_danger_score *out);

/* Labels: group g's code and label; band b's code and label. Borrowed from the cfg. */
const char *zx_danger_group_code(const struct zx_danger_cfg *c, int g);
const char *zx_danger_group_label(const struct zx_danger_cfg *c, int g);
int zx_danger_nbands(const struct zx_danger_cfg *c);
const char *zx_danger_band_code(const struct zx_danger_cfg *c, int b);
const char *zx_danger_band_label(const struct zx_danger_cfg *c, int b);
/* The cfg's note on the default weights (shown with every score). */
const char *zx_danger_cfg_note(const struct zx_danger_cfg *c);

/* 1 when id (18 characters) and unit_id share the first locality_digits region digits, 0
 * when not, -1 when either has no region (unit_id: its first run of 6 digits). Pure. */
int zx_danger_locality(const struct zx_danger_cfg *c, const char *id_number, const char *unit_id);

/* A person's score as JSON: facts, sub-scores, reasons, band, the note. Caller owns the
 * result (json_decref). mask_id: write the id number masked. */
json_t *zx_danger_score_json(const struct zx_danger_cfg *c, const struct zx_danger_facts *f,
                             const struct zx_danger_score *s);

/* The assessments of every arrest_review in [from, to] of unit_id's subtree (NULL all), or
 * only person_id, as a JSON array of score objects (zx_danger_score_json), date order.
 * pending_only: only those without a decision yet. Caller owns *out (json_decref). */
int zx_danger_list(struct zx_store *st, const struct zx_danger_cfg *c, const char *unit_id,
                   const char *person_id, int32_t from, int32_t to, int pending_only, json_t **out,
                   struct zx_err *err) ZX_MUST_CHECK;

/* The calibration report over [from, to] of unit_id's subtree (NULL all): {period, counts,
 * bands[], scores[], fairness{locality, age, gender}[], note}. detail: also "persons", one
 * row per decided assessment (person, score, band, group values, arrested). Caller owns
 * *out (json_decref). */
int zx_danger_report(struct zx_store *st, const struct zx_danger_cfg *c, const char *unit_id,
                     int32_t from, int32_t to, int detail, json_t **out,
                     struct zx_err *err) ZX_MUST_CHECK;

#endif
