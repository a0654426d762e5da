-- queries.sql — the indicator catalog (shared/spec/indicators.md) as SQL, one query per
-- indicator group, for DuckDB and SQLite alike. render.js replaces {t:type}, {r:result},
-- {l:line}, {k:kind}, {s:source} with the vocabulary integers, {jian} with the 件 types,
-- {Y0}/{Y1} with the first and last day of the year, and for work (b) {U}, {A}, {B} with the
-- unit id and the period's first and last day. Every date is an integer day number.
--
-- Tables (each engine's own): un(uid, unit_id, parent_uid); cl(anc, uid): the unit closure,
-- ancestor-or-self; cs(cid, uid, line, kind, source, accepted_on, closed_on);
-- ev(eid, cid, pid, type, date, result, ref): ref = the answered event, resolved;
-- cal(d, m): the days of the year with their month.
--
-- Work (a) queries return one row per unit (with its subtree) and month: unit_id, m, then
-- <indicator>__n and <indicator>__d for each indicator of the group. Counts are computed per
-- case unit, then summed up the closure: persons and cases belong to exactly one unit, so the
-- sum over a subtree is the subtree's distinct count.

-- @a_criminal_persons
WITH pr AS (
  SELECT pid,
         min(date) FILTER (WHERE type = {t:arrest}) AS arrest_d,
         min(date) FILTER (WHERE type = {t:plea}) AS plea_d
  FROM ev WHERE pid IS NOT NULL AND type IN ({t:arrest}, {t:plea}) GROUP BY pid
), pm AS (  -- one row per person and month: which terms count the person
  SELECT e.cid, e.pid, c.m,
    max(CASE WHEN e.type = {t:no_arrest} THEN 1 ELSE 0 END) AS no_arrest,
    max(CASE WHEN e.type = {t:arrest} THEN 1 ELSE 0 END) AS arrest,
    max(CASE WHEN e.type = {t:non_prosecution} THEN 1 ELSE 0 END) AS nonpros,
    max(CASE WHEN e.type = {t:indict} THEN 1 ELSE 0 END) AS indict,
    max(CASE WHEN e.type IN ({t:indict}, {t:non_prosecution}) THEN 1 ELSE 0 END) AS concl,
    max(CASE WHEN e.type IN ({t:indict}, {t:non_prosecution}) AND pr.arrest_d <= e.date THEN 1 ELSE 0 END) AS concl_pa,
    max(CASE WHEN e.type = {t:non_prosecution} AND pr.arrest_d <= e.date THEN 1 ELSE 0 END) AS nonpros_pa,
    max(CASE WHEN e.type = {t:judgment} AND e.result = {r:exempted} AND pr.arrest_d <= e.date THEN 1 ELSE 0 END) AS judg_ex_pa,
    max(CASE WHEN e.type = {t:judgment} AND pr.arrest_d <= e.date THEN 1 ELSE 0 END) AS judg_pa,
    max(CASE WHEN e.type IN ({t:indict}, {t:non_prosecution}) AND pr.plea_d <= e.date THEN 1 ELSE 0 END) AS concl_plea,
    max(CASE WHEN e.type = {t:sentencing_proposal} AND e.result = {r:fixed} THEN 1 ELSE 0 END) AS sp_fixed,
    max(CASE WHEN e.type = {t:sentencing_proposal} THEN 1 ELSE 0 END) AS sp,
    max(CASE WHEN e.type = {t:proposal_outcome} AND e.result = {r:adopted} THEN 1 ELSE 0 END) AS po_adopted,
    max(CASE WHEN e.type = {t:proposal_outcome} THEN 1 ELSE 0 END) AS po,
    max(CASE WHEN e.type = {t:withdraw_indictment} THEN 1 ELSE 0 END) AS withdraw,
    max(CASE WHEN e.type = {t:judgment} AND e.result = {r:acquitted} THEN 1 ELSE 0 END) AS judg_acq,
    max(CASE WHEN e.type = {t:judgment} THEN 1 ELSE 0 END) AS judg,
    max(CASE WHEN e.type = {t:no_arrest_reconsideration} THEN 1 ELSE 0 END) AS nar,
    max(CASE WHEN e.type = {t:no_arrest_reconsideration} AND e.result = {r:changed} THEN 1 ELSE 0 END) AS nar_ch,
    max(CASE WHEN e.type = {t:no_arrest_review} THEN 1 ELSE 0 END) AS narev,
    max(CASE WHEN e.type = {t:no_arrest_review} AND e.result = {r:changed} THEN 1 ELSE 0 END) AS narev_ch,
    max(CASE WHEN e.type = {t:non_prosecution_reconsideration} THEN 1 ELSE 0 END) AS npr,
    max(CASE WHEN e.type = {t:non_prosecution_reconsideration} AND e.result = {r:changed} THEN 1 ELSE 0 END) AS npr_ch,
    max(CASE WHEN e.type = {t:non_prosecution_review} THEN 1 ELSE 0 END) AS nprev,
    max(CASE WHEN e.type = {t:non_prosecution_review} AND e.result = {r:changed} THEN 1 ELSE 0 END) AS nprev_ch,
    max(CASE WHEN e.type = {t:custody_review_reply} AND e.result = {r:adopted} THEN 1 ELSE 0 END) AS crr_adopted,
    max(CASE WHEN e.type = {t:custody_review} AND e.result = {r:release_recommended} THEN 1 ELSE 0 END) AS cr_release
  FROM ev e JOIN cal c ON c.d = e.date LEFT JOIN pr ON pr.pid = e.pid
  WHERE e.pid IS NOT NULL AND e.date BETWEEN {Y0} AND {Y1}
    AND e.type IN ({t:no_arrest}, {t:arrest}, {t:non_prosecution}, {t:indict}, {t:judgment},
                   {t:sentencing_proposal}, {t:proposal_outcome}, {t:withdraw_indictment},
                   {t:no_arrest_reconsideration}, {t:no_arrest_review},
                   {t:non_prosecution_reconsideration}, {t:non_prosecution_review},
                   {t:custody_review_reply}, {t:custody_review})
  GROUP BY e.pid, e.cid, c.m
), leaf AS (
  SELECT cs.uid, pm.m, sum(no_arrest) no_arrest, sum(arrest) arrest, sum(nonpros) nonpros,
    sum(indict) indict, sum(concl) concl, sum(concl_pa) concl_pa, sum(nonpros_pa) nonpros_pa,
    sum(judg_ex_pa) judg_ex_pa, sum(judg_pa) judg_pa, sum(concl_plea) concl_plea,
    sum(sp_fixed) sp_fixed, sum(sp) sp, sum(po_adopted) po_adopted, sum(po) po,
    sum(withdraw) withdraw, sum(judg_acq) judg_acq, sum(judg) judg, sum(nar) nar,
    sum(nar_ch) nar_ch, sum(narev) narev, sum(narev_ch) narev_ch, sum(npr) npr,
    sum(npr_ch) npr_ch, sum(nprev) nprev, sum(nprev_ch) nprev_ch, sum(crr_adopted) crr_adopted,
    sum(cr_release) cr_release
  FROM pm JOIN cs ON cs.cid = pm.cid GROUP BY cs.uid, pm.m
), t AS (
  SELECT cl.anc AS uid, leaf.m, sum(no_arrest) no_arrest, sum(arrest) arrest,
    sum(nonpros) nonpros, sum(indict) indict, sum(concl) concl, sum(concl_pa) concl_pa,
    sum(nonpros_pa) nonpros_pa, sum(judg_ex_pa) judg_ex_pa, sum(judg_pa) judg_pa,
    sum(concl_plea) concl_plea, sum(sp_fixed) sp_fixed, sum(sp) sp, sum(po_adopted) po_adopted,
    sum(po) po, sum(withdraw) withdraw, sum(judg_acq) judg_acq, sum(judg) judg, sum(nar) nar,
    sum(nar_ch) nar_ch, sum(narev) narev, sum(narev_ch) narev_ch, sum(npr) npr,
    sum(npr_ch) npr_ch, sum(nprev) nprev, sum(nprev_ch) nprev_ch, sum(crr_adopted) crr_adopted,
    sum(cr_release) cr_release
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, leaf.m
)
SELECT un.unit_id, t.m,
  no_arrest AS no_arrest_rate__n, arrest + no_arrest AS no_arrest_rate__d,
  nonpros AS non_prosecution_rate__n, indict + nonpros AS non_prosecution_rate__d,
  concl_pa AS pretrial_detention_rate__n, concl AS pretrial_detention_rate__d,
  nonpros_pa AS post_arrest_non_prosecution_rate__n, concl_pa AS post_arrest_non_prosecution_rate__d,
  judg_ex_pa AS post_arrest_exemption_rate__n, judg_pa AS post_arrest_exemption_rate__d,
  concl_plea AS plea_rate__n, concl AS plea_rate__d,
  sp_fixed AS fixed_proposal_share__n, sp AS fixed_proposal_share__d,
  po_adopted AS proposal_adoption_rate__n, po AS proposal_adoption_rate__d,
  withdraw AS withdrawal_rate__n, indict AS withdrawal_rate__d,
  judg_acq AS acquittal_rate__n, judg AS acquittal_rate__d,
  nar + narev AS no_arrest_objection_rate__n, no_arrest AS no_arrest_objection_rate__d,
  nar_ch + narev_ch AS no_arrest_change_rate__n, nar + narev AS no_arrest_change_rate__d,
  npr + nprev AS non_prosecution_objection_rate__n, nonpros AS non_prosecution_objection_rate__d,
  npr_ch + nprev_ch AS non_prosecution_change_rate__n, npr + nprev AS non_prosecution_change_rate__d,
  crr_adopted AS custody_review_adoption_rate__n, cr_release AS custody_review_adoption_rate__d
FROM t JOIN un ON un.uid = t.uid;

-- @a_criminal_cases
WITH cc AS (  -- per case: its first conclusion, and whether it ever had a return / extension
  SELECT cid,
    min(date) FILTER (WHERE type IN ({t:indict}, {t:non_prosecution})) AS d0,
    max(CASE WHEN type = {t:return_investigation} THEN 1 ELSE 0 END) AS ret,
    max(CASE WHEN type = {t:extend_review} THEN 1 ELSE 0 END) AS ext
  FROM ev WHERE type IN ({t:indict}, {t:non_prosecution}, {t:return_investigation}, {t:extend_review})
  GROUP BY cid
), leaf AS (
  SELECT cs.uid, c.m, count(*) AS concl, sum(ret) AS ret, sum(ext) AS ext
  FROM cc JOIN cal c ON c.d = cc.d0 JOIN cs ON cs.cid = cc.cid GROUP BY cs.uid, c.m
), t AS (
  SELECT cl.anc AS uid, m, sum(concl) concl, sum(ret) ret, sum(ext) ext
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, m
)
SELECT un.unit_id, t.m, ret AS return_rate__n, concl AS return_rate__d,
  ext AS extension_rate__n, concl AS extension_rate__d
FROM t JOIN un ON un.uid = t.uid;

-- @a_events
WITH leaf AS (
  SELECT cs.uid, c.m,
    count(*) FILTER (WHERE e.type = {t:correction_reply} AND e.result = {r:adopted}) AS corr_adopted,
    count(*) FILTER (WHERE e.type = {t:correction_notice}) AS corr,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:criminal} AND e.result IN ({r:changed}, {r:remanded})) AS po_crim_ch,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:criminal}) AS po_crim,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:civil} AND e.result IN ({r:changed}, {r:remanded}, {r:mediated})) AS po_civ_ch,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:civil}) AS po_civ,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:administrative} AND e.result IN ({r:changed}, {r:remanded}, {r:mediated})) AS po_adm_ch,
    count(*) FILTER (WHERE e.type = {t:protest_outcome} AND cs.line = {l:administrative}) AS po_adm,
    count(*) FILTER (WHERE e.type = {t:suggestion} AND e.result = {r:retrial}) AS sg_retrial,
    count(*) FILTER (WHERE e.type = {t:suggestion} AND e.result IN ({r:social_governance}, {r:trial}, {r:enforcement}, {r:execution}, {r:other})) AS sg_other,
    count(*) FILTER (WHERE e.type = {t:suggestion} AND e.result = {r:pre_litigation}) AS sg_pre,
    count(*) FILTER (WHERE e.type = {t:pil_judgment} AND e.result = {r:supported}) AS pil_sup,
    count(*) FILTER (WHERE e.type = {t:pil_judgment}) AS pil
  FROM ev e JOIN cal c ON c.d = e.date JOIN cs ON cs.cid = e.cid
  WHERE e.date BETWEEN {Y0} AND {Y1}
    AND e.type IN ({t:correction_reply}, {t:correction_notice}, {t:protest_outcome}, {t:suggestion}, {t:pil_judgment})
  GROUP BY cs.uid, c.m
), t AS (
  SELECT cl.anc AS uid, m, sum(corr_adopted) corr_adopted, sum(corr) corr,
    sum(po_crim_ch) po_crim_ch, sum(po_crim) po_crim, sum(po_civ_ch) po_civ_ch, sum(po_civ) po_civ,
    sum(po_adm_ch) po_adm_ch, sum(po_adm) po_adm, sum(sg_retrial) sg_retrial,
    sum(sg_other) sg_other, sum(sg_pre) sg_pre, sum(pil_sup) pil_sup, sum(pil) pil
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, m
)
SELECT un.unit_id, t.m,
  corr_adopted AS correction_adoption_rate__n, corr AS correction_adoption_rate__d,
  po_crim_ch AS criminal_protest_change_rate__n, po_crim AS criminal_protest_change_rate__d,
  po_civ_ch AS civil_protest_change_rate__n, po_civ AS civil_protest_change_rate__d,
  po_adm_ch AS administrative_protest_change_rate__n, po_adm AS administrative_protest_change_rate__d,
  sg_retrial AS retrial_suggestion_adoption_rate__d, sg_retrial AS retrial_suggestion_adoption_rate_cohort__d,
  sg_other AS suggestion_adoption_rate__d, sg_other AS suggestion_adoption_rate_cohort__d,
  sg_pre AS pre_litigation_rectification_rate__d, sg_pre AS pre_litigation_rectification_rate_cohort__d,
  pil_sup AS pil_support_rate__n, pil AS pil_support_rate__d
FROM t JOIN un ON un.uid = t.uid;

-- @a_replies
WITH r AS (  -- replies to suggestions, with the answered suggestion's kind and date
  SELECT e.cid, e.date, e.result AS reply, s.result AS skind, s.date AS sdate
  FROM ev e JOIN ev s ON s.eid = e.ref
  WHERE e.type = {t:suggestion_reply} AND s.type = {t:suggestion}
    AND (e.date BETWEEN {Y0} AND {Y1} OR s.date BETWEEN {Y0} AND {Y1})
), x AS (  -- each reply once by its own date (同期) and once by the suggestion's (cohort)
  SELECT cid, c.m, 0 AS cohort, reply, skind FROM r JOIN cal c ON c.d = r.date
  UNION ALL
  SELECT cid, c.m, 1 AS cohort, reply, skind FROM r JOIN cal c ON c.d = r.sdate
), leaf AS (
  SELECT cs.uid, x.m,
    count(*) FILTER (WHERE cohort = 0 AND skind = {r:retrial} AND reply = {r:adopted}) AS retrial,
    count(*) FILTER (WHERE cohort = 0 AND skind IN ({r:social_governance}, {r:trial}, {r:enforcement}, {r:execution}, {r:other}) AND reply IN ({r:adopted}, {r:rectified})) AS other,
    count(*) FILTER (WHERE cohort = 0 AND skind = {r:pre_litigation} AND reply IN ({r:adopted}, {r:rectified})) AS pre,
    count(*) FILTER (WHERE cohort = 1 AND skind = {r:retrial} AND reply = {r:adopted}) AS retrial_c,
    count(*) FILTER (WHERE cohort = 1 AND skind IN ({r:social_governance}, {r:trial}, {r:enforcement}, {r:execution}, {r:other}) AND reply IN ({r:adopted}, {r:rectified})) AS other_c,
    count(*) FILTER (WHERE cohort = 1 AND skind = {r:pre_litigation} AND reply IN ({r:adopted}, {r:rectified})) AS pre_c
  FROM x JOIN cs ON cs.cid = x.cid GROUP BY cs.uid, x.m
), t AS (
  SELECT cl.anc AS uid, m, sum(retrial) retrial, sum(other) other, sum(pre) pre,
    sum(retrial_c) retrial_c, sum(other_c) other_c, sum(pre_c) pre_c
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, m
)
SELECT un.unit_id, t.m,
  retrial AS retrial_suggestion_adoption_rate__n, other AS suggestion_adoption_rate__n,
  pre AS pre_litigation_rectification_rate__n,
  retrial_c AS retrial_suggestion_adoption_rate_cohort__n,
  other_c AS suggestion_adoption_rate_cohort__n,
  pre_c AS pre_litigation_rectification_rate_cohort__n
FROM t JOIN un ON un.uid = t.uid;

-- @a_closed_cases
WITH ce AS (  -- per case, any date: hearing, supervisor, number of 件 events
  SELECT cid,
    max(CASE WHEN type = {t:hearing} THEN 1 ELSE 0 END) AS hearing,
    max(CASE WHEN type = {t:supervisor_invited} THEN 1 ELSE 0 END) AS supervisor,
    count(*) FILTER (WHERE type IN ({jian})) AS jian
  FROM ev WHERE type IN ({t:hearing}, {t:supervisor_invited}, {jian}) GROUP BY cid
), leaf AS (
  SELECT cs.uid, c.m, count(*) AS closed, sum(ce.hearing) AS hearing,
    sum(ce.supervisor) AS supervisor,
    count(*) FILTER (WHERE cs.line = {l:criminal}) AS crim,
    sum(ce.jian) FILTER (WHERE cs.line = {l:criminal}) AS crim_j,
    count(*) FILTER (WHERE cs.line = {l:civil}) AS civ,
    sum(ce.jian) FILTER (WHERE cs.line = {l:civil}) AS civ_j,
    count(*) FILTER (WHERE cs.line = {l:administrative}) AS adm,
    sum(ce.jian) FILTER (WHERE cs.line = {l:administrative}) AS adm_j,
    count(*) FILTER (WHERE cs.line = {l:public_interest}) AS pil,
    sum(ce.jian) FILTER (WHERE cs.line = {l:public_interest}) AS pil_j
  FROM cs JOIN cal c ON c.d = cs.closed_on LEFT JOIN ce ON ce.cid = cs.cid
  WHERE cs.closed_on BETWEEN {Y0} AND {Y1}
  GROUP BY cs.uid, c.m
), t AS (
  SELECT cl.anc AS uid, m, sum(closed) closed, coalesce(sum(hearing), 0) hearing,
    coalesce(sum(supervisor), 0) supervisor, sum(crim) crim, coalesce(sum(crim_j), 0) crim_j,
    sum(civ) civ, coalesce(sum(civ_j), 0) civ_j, sum(adm) adm, coalesce(sum(adm_j), 0) adm_j,
    sum(pil) pil, coalesce(sum(pil_j), 0) pil_j
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, m
)
SELECT un.unit_id, t.m,
  hearing AS hearing_rate__n, closed AS hearing_rate__d,
  supervisor AS supervisor_rate__n, closed AS supervisor_rate__d,
  crim + crim_j AS case_procedure_ratio_criminal__n, crim AS case_procedure_ratio_criminal__d,
  civ + civ_j AS case_procedure_ratio_civil__n, civ AS case_procedure_ratio_civil__d,
  adm + adm_j AS case_procedure_ratio_administrative__n, adm AS case_procedure_ratio_administrative__d,
  pil + pil_j AS case_procedure_ratio_public_interest__n, pil AS case_procedure_ratio_public_interest__d
FROM t JOIN un ON un.uid = t.uid;

-- @a_structure
WITH leaf AS (
  SELECT cs.uid, c.m, count(*) AS n,
    count(*) FILTER (WHERE line = {l:criminal}) AS crim,
    count(*) FILTER (WHERE line = {l:civil}) AS civ,
    count(*) FILTER (WHERE line = {l:administrative}) AS adm,
    count(*) FILTER (WHERE line = {l:public_interest}) AS pil,
    count(*) FILTER (WHERE kind = {k:by_procedure}) AS byp,
    count(*) FILTER (WHERE kind = {k:by_authority}) AS bya,
    count(*) FILTER (WHERE source = {s:transferred}) AS tra,
    count(*) FILTER (WHERE source = {s:application}) AS app,
    count(*) FILTER (WHERE source = {s:self_discovered}) AS slf
  FROM cs JOIN cal c ON c.d = cs.accepted_on
  WHERE cs.accepted_on BETWEEN {Y0} AND {Y1}
  GROUP BY cs.uid, c.m
), t AS (
  SELECT cl.anc AS uid, m, sum(n) n, sum(crim) crim, sum(civ) civ, sum(adm) adm, sum(pil) pil,
    sum(byp) byp, sum(bya) bya, sum(tra) tra, sum(app) app, sum(slf) slf
  FROM leaf JOIN cl ON cl.uid = leaf.uid GROUP BY cl.anc, m
)
SELECT un.unit_id, t.m,
  crim AS "duty_structure.criminal__n", n AS "duty_structure.criminal__d",
  civ AS "duty_structure.civil__n", n AS "duty_structure.civil__d",
  adm AS "duty_structure.administrative__n", n AS "duty_structure.administrative__d",
  pil AS "duty_structure.public_interest__n", n AS "duty_structure.public_interest__d",
  byp AS "case_structure.by_procedure__n", n AS "case_structure.by_procedure__d",
  bya AS "case_structure.by_authority__n", n AS "case_structure.by_authority__d",
  tra AS "source_structure.transferred__n", n AS "source_structure.transferred__d",
  app AS "source_structure.application__n", n AS "source_structure.application__d",
  slf AS "source_structure.self_discovered__n", n AS "source_structure.self_discovered__d"
FROM t JOIN un ON un.uid = t.uid;

-- @b_pretrial_detention
-- Work (b): 诉前羁押率 for one unit subtree and one period. A person counts when concluded
-- (indict or non_prosecution) in the period; in the numerator when an arrest is dated on or
-- before one of those conclusions, i.e. on or before the latest of them (spec §8.2).
WITH sc AS (
  SELECT cs.cid FROM cs JOIN cl ON cl.uid = cs.uid
  WHERE cl.anc = (SELECT uid FROM un WHERE unit_id = '{U}')
), p AS (
  SELECT e.pid, e.cid, max(e.date) AS dmax
  FROM ev e JOIN sc ON sc.cid = e.cid
  WHERE e.type IN ({t:indict}, {t:non_prosecution}) AND e.date BETWEEN {A} AND {B}
    AND e.pid IS NOT NULL
  GROUP BY e.pid, e.cid
)
SELECT '{U}' AS unit_id, 1 AS m,
  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ev a WHERE a.cid = p.cid AND a.pid = p.pid
                                 AND a.type = {t:arrest} AND a.date <= p.dmax))
    AS pretrial_detention_rate__n,
  count(*) AS pretrial_detention_rate__d
FROM p;
