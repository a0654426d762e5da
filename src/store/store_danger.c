/* store_danger.c — the facts of each person under 审查逮捕 (danger.h). */
#include "store/danger.h"
#include "store/seal.h"
#include "store/sql.h"
#include "model/vocab.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

static int vocab(enum zx_vocab v, const char *code)
{
    return zx_vocab_find(v, code, strlen(code));
}

static int facts(struct zx_store *st, const char *unit_id, const char *person_id, int32_t from,
                 int32_t to, zx_danger_facts_cb cb, void *ud, struct zx_err *err);

int zx_store_danger_facts(struct zx_store *st, const char *unit_id, const char *person_id,
                          int32_t from, int32_t to, int all, zx_danger_facts_cb cb, void *ud,
                          struct zx_err *err)
{
    /* an aggregate reads every record: lift the guard for the query, put it back after */
    int guarded = all && zx_store_seal_guarded(st);
    if (guarded) {
        int rc = zx_store_seal_guard(st, 0, err);
        if (!rc)
            rc = facts(st, unit_id, person_id, from, to, cb, ud, err);
        int rc2 = zx_store_seal_guard(st, 1, err);
        return rc ? rc : rc2;
    }
    return facts(st, unit_id, person_id, from, to, cb, ud, err);
}

static int facts(struct zx_store *st, const char *unit_id, const char *person_id, int32_t from,
                 int32_t to, zx_danger_facts_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    struct zx_danger_facts f;
    /* the decision is the first arrest / no_arrest of the person on or after the review;
     * events are read through the case (events_case index) */
    static const char q[] =
        "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id = ?1"
        "  UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_rid = sub.id)"
        " SELECT e.id, p.id, c.id, p.person_id, c.case_id, c.case_no, u.unit_id, u.name,"
        "  p.name, p.id_number, p.gender, p.birth_date, c.charge, c.business, c.complex,"
        "  e.date, d.type, d.date, d.result,"
        "  EXISTS(SELECT 1 FROM events x WHERE x.case_rid = c.id AND x.person_rid = p.id"
        "   AND x.type = ?6 AND x.date <= coalesce(d.date, e.date)),"
        "  (SELECT count(*) FROM persons s WHERE s.case_rid = c.id AND s.role = ?7),"
        "  (SELECT count(*) FROM persons s WHERE s.case_rid = c.id AND s.role = ?8),"
        "  CASE WHEN p.id_number IS NULL THEN 0 ELSE (SELECT count(DISTINCT q.case_rid)"
        "   FROM persons q JOIN cases qc ON qc.id = q.case_rid WHERE q.id_number = p.id_number"
        "   AND q.case_rid <> c.id AND q.role = ?7 AND qc.accepted_on < e.date) END,"
        "  CASE WHEN p.id_number IS NULL THEN 0 ELSE (SELECT count(*) FROM persons q"
        "   JOIN events j ON j.case_rid = q.case_rid AND j.person_rid = q.id"
        "   WHERE q.id_number = p.id_number AND q.case_rid <> c.id AND j.type = ?9"
        "   AND j.result = ?10 AND j.date < e.date) END,"
        "  (SELECT staff_id FROM staff WHERE id = c.handler_rid)"
        " FROM events e JOIN persons p ON p.id = e.person_rid"
        " JOIN cases c ON c.id = e.case_rid JOIN units u ON u.id = c.unit_rid"
        " LEFT JOIN events d ON d.id = (SELECT d2.id FROM events d2 WHERE d2.case_rid = c.id"
        "  AND d2.person_rid = p.id AND d2.type IN (?11, ?12) AND d2.date >= e.date"
        "  ORDER BY d2.date, d2.id LIMIT 1)"
        " WHERE e.type = ?5 AND (?3 IS NULL OR e.date >= ?3) AND (?4 IS NULL OR e.date <= ?4)"
        "  AND (?1 IS NULL OR c.unit_rid IN sub) AND %s"
        " ORDER BY e.date, e.id";
    /* one person: reach the events through the person's case (events_case index) */
    char sql[4096];
    snprintf(sql, sizeof sql, q,
             person_id ? "e.case_rid = (SELECT case_rid FROM persons WHERE person_id = ?2)"
                         " AND p.person_id = ?2"
                       : "?2 IS NULL");
    int rc = zx_store__prep(st, sql, &s, err);
    if (rc)
        return rc;
    zx_store__bind_text(s, 1, unit_id);
    zx_store__bind_text(s, 2, person_id);
    zx_store__bind_date(s, 3, from);
    zx_store__bind_date(s, 4, to);
    sqlite3_bind_int(s, 5, ZX_EV_ARREST_REVIEW);
    sqlite3_bind_int(s, 6, ZX_EV_PLEA);
    sqlite3_bind_int(s, 7, vocab(ZX_V_PERSON_ROLE, "suspect"));
    sqlite3_bind_int(s, 8, vocab(ZX_V_PERSON_ROLE, "victim"));
    sqlite3_bind_int(s, 9, ZX_EV_JUDGMENT);
    sqlite3_bind_int(s, 10, ZX_R_GUILTY);
    sqlite3_bind_int(s, 11, ZX_EV_ARREST);
    sqlite3_bind_int(s, 12, ZX_EV_NO_ARREST);
    for (;;) {
        int r = sqlite3_step(s);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = zx_store__db_err(st, err, "arrest reviews");
            goto cleanup;
        }
        memset(&f, 0, sizeof f);
        f.event_rid = sqlite3_column_int64(s, 0);
        f.person_rid = sqlite3_column_int64(s, 1);
        f.case_rid = sqlite3_column_int64(s, 2);
        zx_store__col_text(s, 3, f.person_id, sizeof f.person_id);
        zx_store__col_text(s, 4, f.case_id, sizeof f.case_id);
        zx_store__col_text(s, 5, f.case_no, sizeof f.case_no);
        zx_store__col_text(s, 6, f.unit_id, sizeof f.unit_id);
        zx_store__col_text(s, 7, f.unit_name, sizeof f.unit_name);
        zx_store__col_text(s, 8, f.name, sizeof f.name);
        zx_store__col_text(s, 9, f.id_number, sizeof f.id_number);
        f.gender = sqlite3_column_int(s, 10);
        f.birth_date = zx_store__col_date(s, 11);
        zx_store__col_text(s, 12, f.charge, sizeof f.charge);
        const char *b = sqlite3_column_type(s, 13) == SQLITE_NULL
                            ? NULL
                            : zx_vocab_code(ZX_V_BUSINESS, sqlite3_column_int(s, 13));
        if (b)
            strncpy(f.business, b, sizeof f.business - 1);
        f.complex = sqlite3_column_int(s, 14);
        f.review_date = zx_store__col_date(s, 15);
        int dt = sqlite3_column_type(s, 16) == SQLITE_NULL ? 0 : sqlite3_column_int(s, 16);
        f.decision = dt == ZX_EV_ARREST      ? ZX_DANGER_ARRESTED
                     : dt == ZX_EV_NO_ARREST ? ZX_DANGER_NOT_ARRESTED
                                             : ZX_DANGER_PENDING;
        f.decision_date = f.decision ? zx_store__col_date(s, 17) : ZX_DATE_NULL;
        if (f.decision == ZX_DANGER_NOT_ARRESTED && sqlite3_column_type(s, 18) != SQLITE_NULL) {
            const char *w = zx_vocab_code(ZX_V_RESULT, sqlite3_column_int(s, 18));
            if (w)
                strncpy(f.no_arrest_why, w, sizeof f.no_arrest_why - 1);
        }
        f.plea_before = sqlite3_column_int(s, 19);
        f.suspects = sqlite3_column_int(s, 20);
        f.victims = sqlite3_column_int(s, 21);
        f.prior_cases = sqlite3_column_int(s, 22);
        f.prior_guilty = sqlite3_column_int(s, 23);
        zx_store__col_text(s, 24, f.handler_id, sizeof f.handler_id);
        if (cb(ud, &f))
            break;
    }
cleanup:
    sqlite3_finalize(s);
    return rc;
}
