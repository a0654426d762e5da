#!/bin/sh
# t512_leads.sh — the leads workflow (线索 → 核查 → 成案): assign, verify, close an unfounded
# lead, turn a confirmed one into a 检察建议 case with its reply (整改到位); steps out of order
# are refused; the case and its events are contract rows the indicators count; the ledger
# holds every act and stays intact; stats per model and unit.
. "$(dirname "$0")/lib.sh"
"$ZX" generate --out "$T/b" --scale 3000 --datasets >/dev/null
"$ZX" import --db "$T/db" "$T/b" >/dev/null 2>&1 || true
D="$T/b/datasets"
for name in pension_payments cc_roster; do
    "$ZX" dataset add --db "$T/db" --file "$D/$name.csv" --schema "$D/$name.schema.json" >/dev/null
done
"$ZX" model run --db "$T/db" --model pension_in_custody >/dev/null
"$ZX" model run --db "$T/db" --model cc_missed_report >/dev/null
L1=$("$ZX" lead list --db "$T/db" --model pension_in_custody | sed -n 2p | cut -d, -f1)
L2=$("$ZX" lead list --db "$T/db" --model cc_missed_report | sed -n 2p | cut -d, -f1)
U1=$("$ZX" lead list --db "$T/db" --model pension_in_custody | sed -n 2p | cut -d, -f4)
S=$(sqlite3 "$T/db" "SELECT staff_id FROM staff s JOIN units u ON u.id=s.unit_rid WHERE u.unit_id='$U1' ORDER BY s.id LIMIT 1")
entries0=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM ledger")
# out of order
expect_exit 2 "$ZX" lead verify --db "$T/db" "$L1" --finding confirmed --notes x
grep -q "assign it first" "$T/err" || fail "verify before assign: $(cat "$T/err")"
expect_exit 2 "$ZX" lead case --db "$T/db" "$L1"
ok "verify and case before assign are refused"
# an unknown lead id is refused with its name, for every act (this crashed under ASan once:
# the step read a lead it had not loaded)
for act in "assign --to x" "verify --finding confirmed --notes x" "close" "case" "reply --result rectified"; do
    # shellcheck disable=SC2086
    expect_exit 2 "$ZX" lead $act --db "$T/db" no-such-lead
    grep -q "no-such-lead" "$T/err" || fail "lead $act on an unknown id: $(cat "$T/err")"
done
ok "an unknown lead id is refused for every act"
"$ZX" lead assign --db "$T/db" "$L1" --to "$S" --date 2026-01-05 >/dev/null
"$ZX" lead verify --db "$T/db" "$L1" --finding confirmed --notes "调取社保发放凭证，服刑期间发放属实" --attach "发放明细 3 页" --date 2026-01-09 >/dev/null
expect_exit 2 "$ZX" lead close --db "$T/db" "$L1"
ok "a confirmed lead cannot be closed as unfounded"
"$ZX" lead case --db "$T/db" "$L1" --event suggestion --result social_governance --date 2026-01-12 >"$T/out"
C=$(sed -n 's/.*case \(XSA-[^ ]*\)$/\1/p' "$T/out")
[ -n "$C" ] || fail "no case id: $(cat "$T/out")"
[ "$(sqlite3 "$T/db" "SELECT type||','||result||','||date FROM v_events WHERE case_id='$C'")" = "suggestion,social_governance,2026-01-12" ] || fail "the case's 检察建议 event"
[ "$(sqlite3 "$T/db" "SELECT business||','||kind||','||source FROM v_cases WHERE case_id='$C'")" = "execution,by_authority,self_discovered" ] || fail "the case row"
"$ZX" lead reply --db "$T/db" "$L1" --result rectified --date 2026-02-10 >/dev/null
[ "$(sqlite3 "$T/db" "SELECT type||','||result||','||ref_event_id FROM v_events WHERE case_id='$C' AND type='suggestion_reply'")" = "suggestion_reply,rectified,$C-E1" ] || fail "the reply"
ok "confirmed lead -> 检察建议 case $C -> 整改到位"
# unfounded
"$ZX" lead assign --db "$T/db" "$L2" --to "$S" --date 2026-01-05 >/dev/null
"$ZX" lead verify --db "$T/db" "$L2" --finding unfounded --notes "已于期限内报到，名单登记有误" --date 2026-01-06 >/dev/null
expect_exit 2 "$ZX" lead case --db "$T/db" "$L2"
"$ZX" lead close --db "$T/db" "$L2" --note "登记错误已更正" --date 2026-01-07 >/dev/null
[ "$("$ZX" lead list --db "$T/db" --status unfounded | tail -n +2 | cut -d, -f1)" = "$L2" ] || fail "unfounded list"
ok "unfounded lead closed"
# stats
"$ZX" lead stats --db "$T/db" | grep "^pension_in_custody,$U1," >"$T/st"
[ "$(cut -d, -f5- "$T/st")" = "1,0,1,1" ] || fail "stats: $(cat "$T/st")"
ok "stats: verified 1, cases 1, rectified 1"
# the ledger: every act, intact
entries1=$(sqlite3 "$T/db" "SELECT COUNT(*) FROM ledger")
[ $((entries1 - entries0)) -ge 9 ] || fail "ledger grew by $((entries1 - entries0))"
"$ZX" audit verify --db "$T/db" >"$T/out" 2>&1 || fail "ledger: $(cat "$T/out")"
sqlite3 "$T/db" "UPDATE leads SET status='new' WHERE lead_id='$L2'"
expect_exit 1 "$ZX" audit verify --db "$T/db"
ok "every act in the ledger; a changed lead is caught"
