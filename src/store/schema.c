/* schema.c — the versioned schema. Each migration takes a database from version i to i+1;
 * PRAGMA user_version holds the version. Never edit a migration that has shipped: add one. */
#include "store/schema.h"

static const char *const migrations[] = {
    /* 1: the case-data contract, the import log and history */
    "CREATE TABLE vocab(vocab TEXT NOT NULL, value INTEGER NOT NULL, code TEXT NOT NULL,"
    "  label TEXT NOT NULL, PRIMARY KEY(vocab, value)) WITHOUT ROWID;"
    "CREATE TABLE units(id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL, name TEXT,"
    "  level INTEGER, parent_rid INTEGER REFERENCES units(id), row_hash INTEGER NOT NULL);"
    "CREATE TABLE staff(id INTEGER PRIMARY KEY, staff_id TEXT NOT NULL,"
    "  unit_rid INTEGER NOT NULL REFERENCES units(id), name TEXT, department TEXT,"
    "  role INTEGER, is_leader INTEGER, row_hash INTEGER NOT NULL);"
    "CREATE TABLE cases(id INTEGER PRIMARY KEY, case_id TEXT NOT NULL,"
    "  unit_rid INTEGER NOT NULL REFERENCES units(id), case_no TEXT, line INTEGER,"
    "  business INTEGER, kind INTEGER, source INTEGER, charge TEXT, accepted_on INTEGER,"
    "  closed_on INTEGER, handler_rid INTEGER REFERENCES staff(id), complex INTEGER,"
    "  row_hash INTEGER NOT NULL);"
    "CREATE TABLE persons(id INTEGER PRIMARY KEY, person_id TEXT NOT NULL,"
    "  case_rid INTEGER NOT NULL REFERENCES cases(id), role INTEGER, name TEXT,"
    "  id_number TEXT, id_flag INTEGER, gender INTEGER, birth_date INTEGER,"
    "  row_hash INTEGER NOT NULL);"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, event_id TEXT NOT NULL,"
    "  case_rid INTEGER NOT NULL REFERENCES cases(id), person_rid INTEGER REFERENCES persons(id),"
    "  type INTEGER NOT NULL, date INTEGER NOT NULL, handler_rid INTEGER REFERENCES staff(id),"
    "  decider_rid INTEGER REFERENCES staff(id), result INTEGER,"
    "  ref_rid INTEGER REFERENCES events(id), amount REAL, note TEXT, row_hash INTEGER NOT NULL);"
    "CREATE TABLE institutions(id INTEGER PRIMARY KEY, institution_id TEXT NOT NULL,"
    "  name TEXT, kind INTEGER, unit_rid INTEGER REFERENCES units(id), region TEXT,"
    "  row_hash INTEGER NOT NULL);"
    "CREATE TABLE convicts(id INTEGER PRIMARY KEY, convict_id TEXT NOT NULL,"
    "  person_rid INTEGER REFERENCES persons(id), name TEXT, id_number TEXT, id_flag INTEGER,"
    "  birth_date INTEGER, institution_rid INTEGER REFERENCES institutions(id), charge TEXT,"
    "  sentence_kind INTEGER, term_months INTEGER, sentence_start INTEGER,"
    "  pretrial_days INTEGER, recidivist INTEGER, violent_list INTEGER,"
    "  strict_category INTEGER, duty_crime_2019 INTEGER, death_limited INTEGER,"
    "  property_unpaid INTEGER, row_hash INTEGER NOT NULL);"
    "CREATE TABLE sentence_changes(id INTEGER PRIMARY KEY, change_id TEXT NOT NULL,"
    "  convict_rid INTEGER NOT NULL REFERENCES convicts(id), kind INTEGER, proposed_on INTEGER,"
    "  ruled_on INTEGER, served_on INTEGER, merit INTEGER, reduction_months INTEGER,"
    "  new_term_months INTEGER, new_sentence_kind INTEGER, ground INTEGER, note TEXT,"
    "  row_hash INTEGER NOT NULL);"
    /* unique ids as named indexes, so a bulk load can build them after the rows. Events
     * have none: nothing looks an event up by its external id (replies point by rid), the
     * importer keeps event ids unique through its id map, and on a bulk import this index
     * alone cost a sort of the largest table */
    "CREATE UNIQUE INDEX units_xid ON units(unit_id);"
    "CREATE UNIQUE INDEX staff_xid ON staff(staff_id);"
    "CREATE UNIQUE INDEX cases_xid ON cases(case_id);"
    "CREATE UNIQUE INDEX persons_xid ON persons(person_id);"
    "CREATE UNIQUE INDEX institutions_xid ON institutions(institution_id);"
    "CREATE UNIQUE INDEX convicts_xid ON convicts(convict_id);"
    "CREATE UNIQUE INDEX sentence_changes_xid ON sentence_changes(change_id);"
    /* no index on unit columns: listings by unit subtree come from the metrics engine's
     * in-memory columns, and each index costs a sort of the table on a bulk import */
    "CREATE INDEX persons_case ON persons(case_rid);"
    "CREATE INDEX events_case ON events(case_rid);"
    "CREATE INDEX convicts_institution ON convicts(institution_rid);"
    "CREATE INDEX changes_convict ON sentence_changes(convict_rid);"
    "CREATE TABLE imports(id INTEGER PRIMARY KEY, bundle TEXT, started_at TEXT NOT NULL,"
    "  finished_at TEXT, rows_read INTEGER, imported INTEGER, rejected INTEGER,"
    "  warnings INTEGER);"
    "CREATE TABLE import_issues(id INTEGER PRIMARY KEY,"
    "  import_rid INTEGER NOT NULL REFERENCES imports(id), file TEXT NOT NULL,"
    "  line INTEGER NOT NULL, col TEXT, outcome TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT);"
    "CREATE INDEX import_issues_import ON import_issues(import_rid);"
    "CREATE TABLE history(id INTEGER PRIMARY KEY, import_rid INTEGER REFERENCES imports(id),"
    "  tbl TEXT NOT NULL, xid TEXT NOT NULL, old_row TEXT NOT NULL, changed_at TEXT NOT NULL);"
    "CREATE INDEX history_xid ON history(tbl, xid);"
    /* readable views: codes and dates as text, references as external ids */
    "CREATE VIEW v_events AS SELECT e.event_id, c.case_id, p.person_id,"
    "  (SELECT code FROM vocab WHERE vocab='event_type' AND value=e.type) AS type,"
    "  date(e.date*86400, 'unixepoch') AS date,"
    "  (SELECT staff_id FROM staff WHERE id=e.handler_rid) AS handler_id,"
    "  (SELECT staff_id FROM staff WHERE id=e.decider_rid) AS decider_id,"
    "  (SELECT code FROM vocab WHERE vocab='result' AND value=e.result) AS result,"
    "  (SELECT event_id FROM events r WHERE r.id=e.ref_rid) AS ref_event_id, e.amount, e.note"
    "  FROM events e JOIN cases c ON c.id=e.case_rid LEFT JOIN persons p ON p.id=e.person_rid;"
    "CREATE VIEW v_cases AS SELECT c.case_id, u.unit_id, c.case_no,"
    "  (SELECT code FROM vocab WHERE vocab='line' AND value=c.line) AS line,"
    "  (SELECT code FROM vocab WHERE vocab='business' AND value=c.business) AS business,"
    "  (SELECT code FROM vocab WHERE vocab='case_kind' AND value=c.kind) AS kind,"
    "  (SELECT code FROM vocab WHERE vocab='case_source' AND value=c.source) AS source,"
    "  c.charge, date(c.accepted_on*86400, 'unixepoch') AS accepted_on,"
    "  date(c.closed_on*86400, 'unixepoch') AS closed_on,"
    "  (SELECT staff_id FROM staff WHERE id=c.handler_rid) AS handler_id, c.complex"
    "  FROM cases c JOIN units u ON u.id=c.unit_rid;",
    /* 2: accounts of the web platform (store/auth.h): users with a unit and roles, sessions
     * (token stored hashed), login throttling, the audit trail, who ran each web import */
    "CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, display_name TEXT,"
    "  unit_id TEXT NOT NULL, staff_id TEXT, pw_hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL,"
    "  pw_changed_at INTEGER NOT NULL);"
    "CREATE TABLE user_roles(user_rid INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  role TEXT NOT NULL, PRIMARY KEY(user_rid, role)) WITHOUT ROWID;"
    "CREATE TABLE sessions(token_hash TEXT PRIMARY KEY,"
    "  user_rid INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE, csrf TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, addr TEXT) WITHOUT ROWID;"
    "CREATE INDEX sessions_user ON sessions(user_rid);"
    "CREATE TABLE login_attempts(key TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
    "  last_failure INTEGER NOT NULL, locked_until INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE audit(id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user_name TEXT,"
    "  unit_id TEXT, addr TEXT, action TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL,"
    "  detail TEXT);"
    "CREATE INDEX audit_at ON audit(at);"
    "CREATE TABLE import_owners(import_rid INTEGER PRIMARY KEY REFERENCES imports(id),"
    "  user_rid INTEGER REFERENCES users(id), unit_id TEXT);",
    /* per-unit settings and targets (store/settings.h): ranking of a unit's children is
     * off unless a row turns it on; targets by unit, indicator and effective date */
    "CREATE TABLE unit_settings(unit_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
    "  PRIMARY KEY(unit_id, key)) WITHOUT ROWID;"
    "CREATE TABLE targets(unit_id TEXT NOT NULL, indicator TEXT NOT NULL,"
    "  effective_from INTEGER NOT NULL, value REAL NOT NULL, set_at INTEGER NOT NULL,"
    "  PRIMARY KEY(unit_id, indicator, effective_from)) WITHOUT ROWID;",
    /* circuit inspections 巡回检察 (store/inspect.h): plans with their institutions and team,
     * checklist, findings, dispositions with replies, escalations. Contract rows are named
     * by their text ids so that a re-import never orphans an inspection */
    "CREATE TABLE insp_plans(id INTEGER PRIMARY KEY, plan_id TEXT NOT NULL UNIQUE,"
    "  unit_id TEXT NOT NULL, type TEXT NOT NULL"
    "  CHECK(type IN ('routine','cross','special','ad_hoc')), inst_kind INTEGER NOT NULL,"
    "  start_on INTEGER NOT NULL, end_on INTEGER NOT NULL, onsite_days INTEGER NOT NULL,"
    "  reduced INTEGER NOT NULL DEFAULT 0, lead_staff_id TEXT NOT NULL,"
    "  followup_of TEXT REFERENCES insp_plans(plan_id), feedback_on INTEGER,"
    "  case_id TEXT NOT NULL, created_at INTEGER NOT NULL, CHECK(end_on >= start_on));"
    "CREATE TABLE insp_plan_institutions(plan_rid INTEGER NOT NULL REFERENCES insp_plans(id),"
    "  institution_id TEXT NOT NULL, PRIMARY KEY(plan_rid, institution_id)) WITHOUT ROWID;"
    "CREATE TABLE insp_members(plan_rid INTEGER NOT NULL REFERENCES insp_plans(id),"
    "  seq INTEGER NOT NULL, name TEXT NOT NULL, staff_id TEXT, role TEXT NOT NULL"
    "  CHECK(role IN ('lead','member','expert')), PRIMARY KEY(plan_rid, seq)) WITHOUT ROWID;"
    "CREATE TABLE insp_checklist(plan_rid INTEGER NOT NULL REFERENCES insp_plans(id),"
    "  seq INTEGER NOT NULL, category TEXT NOT NULL, item TEXT NOT NULL,"
    "  done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(plan_rid, seq)) WITHOUT ROWID;"
    "CREATE TABLE insp_findings(id INTEGER PRIMARY KEY, finding_id TEXT NOT NULL UNIQUE,"
    "  plan_rid INTEGER NOT NULL REFERENCES insp_plans(id), institution_id TEXT NOT NULL,"
    "  category TEXT NOT NULL, sub TEXT, description TEXT NOT NULL, evidence TEXT,"
    "  found_on INTEGER NOT NULL, rectified_on INTEGER);"
    "CREATE INDEX insp_findings_plan ON insp_findings(plan_rid);"
    "CREATE TABLE insp_dispositions(id INTEGER PRIMARY KEY, disp_id TEXT NOT NULL UNIQUE,"
    "  finding_rid INTEGER NOT NULL REFERENCES insp_findings(id), kind TEXT NOT NULL"
    "  CHECK(kind IN ('oral','correction_notice','suggestion')), served_on INTEGER NOT NULL,"
    "  follow_staff_id TEXT, event_id TEXT);"
    "CREATE INDEX insp_dispositions_finding ON insp_dispositions(finding_rid);"
    "CREATE TABLE insp_replies(disp_rid INTEGER PRIMARY KEY REFERENCES insp_dispositions(id),"
    "  replied_on INTEGER NOT NULL, result TEXT NOT NULL, event_id TEXT);"
    "CREATE TABLE insp_escalations(disp_rid INTEGER PRIMARY KEY"
    "  REFERENCES insp_dispositions(id), to_unit_id TEXT NOT NULL, escalated_on INTEGER NOT NULL);",
    /* 5: documents (similar-cases.md §1): indictments, judgments … with their fact text, the
     * charges (';'-separated, main first) and the first defendant's sentence, for 类案检索
     * and 量刑参考 (src/similar/). The retrieval index is a cache beside the database */
    "CREATE TABLE documents(id INTEGER PRIMARY KEY, document_id TEXT NOT NULL,"
    "  case_rid INTEGER REFERENCES cases(id), kind INTEGER, charges TEXT,"
    "  sentence_kind INTEGER, term_months INTEGER, probation_months INTEGER, date INTEGER,"
    "  fine_yuan REAL, text TEXT, facts TEXT NOT NULL, row_hash INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX documents_xid ON documents(document_id);"
    "CREATE INDEX documents_case ON documents(case_rid);"
    "CREATE VIEW v_documents AS SELECT d.document_id, c.case_id,"
    "  (SELECT code FROM vocab WHERE vocab='doc_kind' AND value=d.kind) AS kind, d.charges,"
    "  (SELECT code FROM vocab WHERE vocab='doc_sentence_kind' AND value=d.sentence_kind)"
    "  AS sentence_kind, d.term_months, d.probation_months,"
    "  date(d.date*86400, 'unixepoch') AS date, d.fine_yuan, d.text, d.facts"
    "  FROM documents d LEFT JOIN cases c ON c.id=d.case_rid;",
    /* 6: 流程监控通知书 (store/notice.h): one row per notice on an overdue monitored stage,
     * and every step (issued, replied, escalated to the department head, to the 检察长)
     * with who and when */
    "CREATE TABLE mon_notices(id INTEGER PRIMARY KEY, notice_no TEXT NOT NULL UNIQUE,"
    "  case_id TEXT NOT NULL, person_id TEXT, stage TEXT NOT NULL, started_on INTEGER NOT NULL,"
    "  deadline INTEGER NOT NULL, unit_id TEXT NOT NULL, handler_id TEXT,"
    "  issued_by TEXT NOT NULL, issued_on INTEGER NOT NULL, reply_due INTEGER NOT NULL,"
    "  replied_by TEXT, replied_on INTEGER, reply TEXT, head_id TEXT, head_on INTEGER,"
    "  chief_id TEXT, chief_on INTEGER);"
    "CREATE UNIQUE INDEX mon_notices_item ON mon_notices(case_id, IFNULL(person_id, ''), stage,"
    "  started_on);"
    "CREATE TABLE mon_notice_steps(id INTEGER PRIMARY KEY,"
    "  notice_rid INTEGER NOT NULL REFERENCES mon_notices(id), step TEXT NOT NULL"
    "  CHECK(step IN ('issued','replied','escalated_head','escalated_chief')),"
    "  who TEXT NOT NULL, on_day INTEGER NOT NULL, at INTEGER NOT NULL, note TEXT);",
    /* 7: the ledger (store/ledger.h): an append-only hash chain of acts. The store appends to
     * it; nothing ever updates or deletes an entry. Rows that exist when this migration runs
     * get one "baseline" entry each (store_sqlite.c) */
    "CREATE TABLE ledger(seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid INTEGER NOT NULL,"
    "  xid TEXT, op TEXT NOT NULL, handler_rid INTEGER, decider_rid INTEGER, act_on INTEGER,"
    "  recorded_at INTEGER NOT NULL, import_rid INTEGER, actor TEXT, content BLOB,"
    "  hash BLOB NOT NULL);"
    "CREATE INDEX ledger_row ON ledger(tbl, rid);",
    /* 8: 派驻检察 (store/resident.h): resident offices at prisons and detention houses, each
     * with its standing inspection plan (its findings and dispositions are the inspection
     * flow's), the procurators assigned and their periods, and the duty log against the
     * checklist items of data/resident_checklists.json */
    "CREATE TABLE res_offices(id INTEGER PRIMARY KEY, office_id TEXT NOT NULL UNIQUE,"
    "  unit_id TEXT NOT NULL, institution_id TEXT NOT NULL, name TEXT NOT NULL,"
    "  opened_on INTEGER NOT NULL, plan_id TEXT NOT NULL UNIQUE REFERENCES insp_plans(plan_id),"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE res_staff(id INTEGER PRIMARY KEY, office_rid INTEGER NOT NULL"
    "  REFERENCES res_offices(id), staff_id TEXT NOT NULL, from_on INTEGER NOT NULL,"
    "  to_on INTEGER, CHECK(to_on IS NULL OR to_on >= from_on));"
    "CREATE INDEX res_staff_office ON res_staff(office_rid);"
    "CREATE TABLE res_logs(id INTEGER PRIMARY KEY, log_id TEXT NOT NULL UNIQUE,"
    "  office_rid INTEGER NOT NULL REFERENCES res_offices(id), item_id TEXT NOT NULL,"
    "  on_day INTEGER NOT NULL, staff_id TEXT NOT NULL, place TEXT, result TEXT NOT NULL,"
    "  finding_id TEXT REFERENCES insp_findings(finding_id), created_at INTEGER NOT NULL);"
    "CREATE INDEX res_logs_office ON res_logs(office_rid, on_day);",
    /* 9: social governance (store/governance.h): 检察建议 as a workflow with every step (who,
     * when), 听证 and 人民监督员. Cases and units are named by their contract ids; the
     * contract events each step writes are named by event_id */
    "CREATE TABLE gov_suggestions(id INTEGER PRIMARY KEY, sugg_no TEXT NOT NULL UNIQUE,"
    "  case_id TEXT NOT NULL, unit_id TEXT NOT NULL, kind TEXT NOT NULL CHECK(kind IN"
    "  ('social_governance','trial','enforcement','retrial','pre_litigation','execution',"
    "  'other')), addressee TEXT NOT NULL, problem TEXT NOT NULL, basis TEXT, measures TEXT,"
    "  status TEXT NOT NULL CHECK(status IN ('draft','issued','replied','failed','closed',"
    "  'litigated')), handler_id TEXT, drafted_by TEXT NOT NULL, drafted_on INTEGER NOT NULL,"
    "  issued_by TEXT, issued_on INTEGER, reply_due INTEGER, event_id TEXT, replied_on INTEGER,"
    "  reply_result TEXT CHECK(reply_result IN ('adopted','rectified','rejected')),"
    "  reply_text TEXT, reply_event_id TEXT, followup_on INTEGER, followup_result TEXT"
    "  CHECK(followup_result IN ('rectified','not_rectified')), followup_note TEXT,"
    "  litigated_on INTEGER, lawsuit_event_id TEXT, head_id TEXT, head_on INTEGER,"
    "  chief_id TEXT, chief_on INTEGER, closed_on INTEGER);"
    "CREATE INDEX gov_suggestions_case ON gov_suggestions(case_id);"
    "CREATE TABLE gov_suggestion_steps(id INTEGER PRIMARY KEY,"
    "  sugg_rid INTEGER NOT NULL REFERENCES gov_suggestions(id), step TEXT NOT NULL"
    "  CHECK(step IN ('drafted','issued','replied','followed_up','escalated_head',"
    "  'escalated_chief','litigated')), who TEXT NOT NULL, on_day INTEGER NOT NULL,"
    "  at INTEGER NOT NULL, note TEXT);"
    "CREATE TABLE gov_hearings(id INTEGER PRIMARY KEY, hearing_no TEXT NOT NULL UNIQUE,"
    "  case_id TEXT NOT NULL, unit_id TEXT NOT NULL, held_on INTEGER NOT NULL, type TEXT NOT NULL"
    "  CHECK(type IN ('custody_review','non_prosecution','appeal','civil','administrative',"
    "  'public_interest','judicial_aid','other')), participants TEXT NOT NULL,"
    "  opinions TEXT, outcome TEXT, followed INTEGER CHECK(followed IN (0, 1)),"
    "  event_id TEXT NOT NULL, recorded_by TEXT NOT NULL);"
    "CREATE INDEX gov_hearings_case ON gov_hearings(case_id);"
    "CREATE TABLE gov_supervisions(id INTEGER PRIMARY KEY, supervision_no TEXT NOT NULL UNIQUE,"
    "  case_id TEXT NOT NULL, unit_id TEXT NOT NULL, supervisor TEXT NOT NULL,"
    "  on_day INTEGER NOT NULL, activity TEXT NOT NULL CHECK(activity IN ('hearing',"
    "  'case_review','trial_observation','inspection','non_prosecution','other')),"
    "  opinion TEXT, event_id TEXT NOT NULL, recorded_by TEXT NOT NULL);"
    "CREATE INDEX gov_supervisions_case ON gov_supervisions(case_id);",
    /* 10: 案件质量评查 (store/quality.h): review plans (常规抽查 / 重点评查 / 专项评查) with
     * the cases they chose and why, reviews of closed cases with a finding per form item,
     * the grade, the prosecutor's 异议 and the answer. Plans, reviews and findings are
     * recorded in the ledger; cases and staff are named by their contract ids */
    "CREATE TABLE qr_plans(id INTEGER PRIMARY KEY, plan_id TEXT NOT NULL UNIQUE,"
    "  unit_id TEXT NOT NULL, kind TEXT NOT NULL CHECK(kind IN ('routine','focus','special')),"
    "  title TEXT, from_on INTEGER NOT NULL, to_on INTEGER NOT NULL, ratio REAL,"
    "  filter TEXT, created_by TEXT NOT NULL, created_on INTEGER NOT NULL,"
    "  CHECK(to_on >= from_on));"
    "CREATE TABLE qr_plan_cases(plan_rid INTEGER NOT NULL REFERENCES qr_plans(id),"
    "  case_id TEXT NOT NULL, handler_id TEXT, unit_id TEXT, reason TEXT NOT NULL,"
    "  PRIMARY KEY(plan_rid, case_id)) WITHOUT ROWID;"
    "CREATE TABLE qr_reviews(id INTEGER PRIMARY KEY, review_id TEXT NOT NULL UNIQUE,"
    "  plan_rid INTEGER NOT NULL REFERENCES qr_plans(id), case_id TEXT NOT NULL,"
    "  handler_id TEXT, unit_id TEXT, reviewer TEXT NOT NULL, graded_on INTEGER NOT NULL,"
    "  grade TEXT NOT NULL, proposed_excellent INTEGER NOT NULL, notes TEXT,"
    "  objection TEXT, objected_by TEXT, objected_on INTEGER, response TEXT,"
    "  responded_by TEXT, responded_on INTEGER, final_grade TEXT, UNIQUE(plan_rid, case_id));"
    "CREATE TABLE qr_findings(id INTEGER PRIMARY KEY, finding_id TEXT NOT NULL UNIQUE,"
    "  review_rid INTEGER NOT NULL REFERENCES qr_reviews(id), item TEXT NOT NULL,"
    "  result TEXT NOT NULL CHECK(result IN ('ok','flaw','error')), flaw_code TEXT, note TEXT);"
    "CREATE INDEX qr_findings_review ON qr_findings(review_rid);",
    /* 11: sealed records (store/seal.h; 刑诉法第286条 and configured rules): one row per
     * sealed person or case with the rule that sealed it; and the index that finds a
     * person's earlier cases by citizen id (社会危险性: prior record) */
    "CREATE TABLE IF NOT EXISTS sealed(id INTEGER PRIMARY KEY, kind TEXT NOT NULL"
    "  CHECK(kind IN ('person','case')), rid INTEGER NOT NULL, xid TEXT NOT NULL,"
    "  rule TEXT NOT NULL, basis TEXT, sealed_on INTEGER NOT NULL, recorded_at TEXT NOT NULL,"
    "  UNIQUE(kind, rid));"
    "CREATE INDEX IF NOT EXISTS persons_idnum ON persons(id_number) WHERE id_number IS NOT NULL;",
    /* 12: 大数据法律监督 (store/datasets.h; IF NOT EXISTS, so a test that re-runs an earlier
     * migration may run this one again): external datasets, versioned by file hash, with
     * their validated rows and rejects; model runs; leads (线索) and every step of their
     * workflow (assigned, verified, closed, turned into a case) */
    "CREATE TABLE IF NOT EXISTS datasets(id INTEGER PRIMARY KEY, dataset_id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL, version INTEGER NOT NULL, title TEXT, source_org TEXT,"
    "  received_on INTEGER, file_name TEXT, file_hash TEXT NOT NULL, schema TEXT NOT NULL,"
    "  unit_id TEXT, rows_read INTEGER, imported INTEGER, rejected INTEGER, warnings INTEGER,"
    "  added_at INTEGER NOT NULL, added_by TEXT, UNIQUE(name, version), UNIQUE(name, file_hash));"
    "CREATE TABLE IF NOT EXISTS dataset_rows(id INTEGER PRIMARY KEY,"
    "  dataset_rid INTEGER NOT NULL REFERENCES datasets(id), line INTEGER NOT NULL,"
    "  id_number TEXT, id_flag INTEGER, name TEXT, birth_date INTEGER, vals TEXT NOT NULL,"
    "  raw TEXT);"
    "CREATE INDEX IF NOT EXISTS dataset_rows_ds ON dataset_rows(dataset_rid);"
    "CREATE TABLE IF NOT EXISTS dataset_issues(id INTEGER PRIMARY KEY,"
    "  dataset_rid INTEGER NOT NULL REFERENCES datasets(id), line INTEGER NOT NULL, col TEXT,"
    "  outcome TEXT NOT NULL, reason TEXT NOT NULL, raw TEXT);"
    "CREATE INDEX IF NOT EXISTS dataset_issues_ds ON dataset_issues(dataset_rid);"
    "CREATE TABLE IF NOT EXISTS model_runs(id INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE,"
    "  model TEXT NOT NULL, model_hash TEXT, unit_id TEXT, as_of INTEGER, ran_at INTEGER NOT NULL,"
    "  ran_by TEXT, datasets TEXT, hits INTEGER, new_leads INTEGER);"
    "CREATE TABLE IF NOT EXISTS leads(id INTEGER PRIMARY KEY, lead_id TEXT NOT NULL UNIQUE, model "
    "TEXT NOT NULL,"
    "  run_rid INTEGER REFERENCES model_runs(id), hit_key TEXT NOT NULL, unit_id TEXT NOT NULL,"
    "  person_name TEXT, id_number TEXT, title TEXT NOT NULL, basis TEXT, action TEXT,"
    "  evidence TEXT NOT NULL, probability REAL, status TEXT NOT NULL CHECK(status IN"
    "  ('new','assigned','verified','unfounded','case')), assignee TEXT, created_on INTEGER NOT "
    "NULL,"
    "  verified_on INTEGER, finding TEXT, notes TEXT, attachments TEXT, closed_on INTEGER,"
    "  case_id TEXT, UNIQUE(model, hit_key));"
    "CREATE TABLE IF NOT EXISTS lead_steps(id INTEGER PRIMARY KEY, lead_rid INTEGER NOT NULL "
    "REFERENCES "
    "leads(id),"
    "  step TEXT NOT NULL, who TEXT, on_day INTEGER NOT NULL, at INTEGER NOT NULL, note TEXT);"
    "CREATE INDEX IF NOT EXISTS lead_steps_lead ON lead_steps(lead_rid);",
    /* 13: 典型案例 cultivation (store/casebook.h): one row per candidate case, its write-up and
     * state, and every act on it (nominate, note, write, submit, review, approve, return,
     * publish) with who and when; 层级综合评价 scores entered by the evaluating unit, each
     * with its reason (a later entry for the same unit, year and item supersedes, the old
     * one stays). IF NOT EXISTS: re-running it after an older version is harmless */
    "CREATE TABLE IF NOT EXISTS cb_candidates(id INTEGER PRIMARY KEY, cand_id TEXT NOT NULL UNIQUE,"
    "  case_id TEXT NOT NULL, unit_id TEXT NOT NULL, line TEXT, charge TEXT,"
    "  handler_id TEXT, state TEXT NOT NULL, reason TEXT NOT NULL, nominated_by TEXT NOT NULL,"
    "  nominated_on INTEGER NOT NULL, title TEXT, facts TEXT, performance TEXT,"
    "  significance TEXT, legal_basis TEXT, level TEXT, published_on INTEGER);"
    "CREATE INDEX IF NOT EXISTS cb_candidates_case ON cb_candidates(case_id);"
    "CREATE TABLE IF NOT EXISTS cb_steps(id INTEGER PRIMARY KEY, step_id TEXT NOT NULL UNIQUE,"
    "  cand_rid INTEGER NOT NULL REFERENCES cb_candidates(id), act TEXT NOT NULL,"
    "  from_state TEXT, to_state TEXT NOT NULL, who TEXT NOT NULL, date INTEGER NOT NULL,"
    "  note TEXT, level TEXT, at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS cb_steps_cand ON cb_steps(cand_rid);"
    "CREATE TABLE IF NOT EXISTS ap_entries(id INTEGER PRIMARY KEY, entry_id TEXT NOT NULL UNIQUE,"
    "  unit_id TEXT NOT NULL, year INTEGER NOT NULL, item_id TEXT NOT NULL, score REAL NOT NULL,"
    "  reason TEXT NOT NULL, entered_by TEXT NOT NULL, date INTEGER NOT NULL,"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS ap_entries_key ON ap_entries(year, unit_id, item_id);",
    /* 14: datasets belong to a unit (store/datasets.h): versions count per (unit, name) and
     * the id is unit:name@vN, so two counties may each register their own cc_roster. The
     * table is rebuilt for its new UNIQUE constraints, keeping every row's id so that
     * dataset_rows and dataset_issues still point at it; rows from before are assigned to
     * the root unit. SQLite cannot drop a parent table under foreign_keys=ON, and a renamed
     * copy would not clear the children's deferred violations, so the old rows wait in a
     * temporary table and are inserted back into the new one (each insert satisfies its
     * children). The store then appends a ledger entry per rebuilt row (store_sqlite.c). */
    "PRAGMA defer_foreign_keys=ON;"
    "CREATE TEMP TABLE datasets_m14 AS SELECT * FROM datasets;"
    "DROP TABLE datasets;"
    "CREATE TABLE datasets(id INTEGER PRIMARY KEY, dataset_id TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL, version INTEGER NOT NULL, title TEXT, source_org TEXT,"
    "  received_on INTEGER, file_name TEXT, file_hash TEXT NOT NULL, schema TEXT NOT NULL,"
    "  unit_id TEXT NOT NULL, rows_read INTEGER, imported INTEGER, rejected INTEGER,"
    "  warnings INTEGER, added_at INTEGER NOT NULL, added_by TEXT,"
    "  UNIQUE(unit_id, name, version), UNIQUE(unit_id, name, file_hash));"
    "INSERT INTO datasets SELECT d.id, r.u || ':' || d.name || '@v' || d.version, d.name,"
    "  d.version, d.title, d.source_org, d.received_on, d.file_name, d.file_hash, d.schema, r.u,"
    "  d.rows_read, d.imported, d.rejected, d.warnings, d.added_at, d.added_by"
    "  FROM datasets_m14 d, (SELECT IFNULL((SELECT unit_id FROM units WHERE parent_rid IS NULL"
    "  ORDER BY id LIMIT 1), '') AS u) r ORDER BY d.id;"
    "DROP TABLE datasets_m14;"
    "CREATE INDEX datasets_unit ON datasets(unit_id, name);",

    /* 15: the reasons of an import and of an external dataset in both languages: `reason`
     * the English, `reason_zh` the Chinese (util/msg.h), so the web UI shows Chinese whatever
     * the server's locale. Earlier rows keep NULL (their one reason is in the importing
     * command's language) */
    ("ALTER TABLE import_issues ADD COLUMN reason_zh TEXT;"
     "ALTER TABLE dataset_issues ADD COLUMN reason_zh TEXT;"),
};

int zx_schema_version(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *zx_schema_migration(int to_version)
{
    if (to_version < 1 || to_version > zx_schema_version())
        return 0;
    return migrations[to_version - 1];
}
