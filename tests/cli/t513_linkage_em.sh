#!/bin/sh
# t513_linkage_em.sh — a model run links its datasets with a Fellegi–Sunter model estimated on
# them (u from random pairs, m by EM, name term frequencies), not with fixed weights. A
# generated roster of 400 people and a payment list with their rows, dirty as real exports are
# (another date form, a one-digit id typo, a 同音字, no id), strangers, and three planted cases:
# R007's only row has BOTH a one-digit id typo and a 同音字 in the name — the lead is found with
# p close to 1 and its evidence says "em"; R008 has a namesake with the same birth date and
# another id, R009 a namesake without an id born another year, R011 a neighbour born the same
# day with an id one digit off and another name — none is a lead. Exactly the
# people with a row of their own are leads. On a list too small to fit (< 50 candidate pairs)
# the same row is linked under the documented priors and the evidence says "prior".
. "$(dirname "$0")/lib.sh"
awk -v seed=513 -v out="$T" 'BEGIN {
    x = seed
    ns = split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗", sur, " ")
    # given-name characters: the first ten have a homophone (same pinyin) in hom[]
    ng = split("伟 丽 静 敏 军 强 杰 芳 秀 英 娜 磊 洋 勇 艳 涛 明 超 霞 平", giv, " ")
    split("玮 俪 靖 闵 君 墙 洁 方 绣 瑛", hom, " ")
    nr = split("110101 220102 320105 470321 510104", reg, " ")
    split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", wt, " ")
    split("1 0 X 9 8 7 6 5 4 3 2", chk, " ")
    roster = out "/roster.csv"; pay = out "/pay.csv"; small = out "/paysmall.csv"
    print "no,id,name,birth,start,end" > roster
    print "serial,id,name,birth,paid" > pay
    print "serial,id,name,birth,paid" > small
    for (i = 1; i <= 400; i++) {
        person(i)
        if (i == 7) { G1[7] = 1; NM[7] = name(7, 0) } # R007 is a 伟: its row says 玮
        no = sprintf("R%03d", i)
        printf "%s,%s,%s,%s,2024-01-01,2025-06-30\n", no, ID[i], NM[i], BD[i] > roster
        if (i == 8 || i == 9 || i == 11 || i > 330)
            continue # no row of their own
        paid = sprintf("2024-%02d-15", 1 + rnd(12))
        id = ID[i]; nm = NM[i]; bd = BD[i]
        if (i == 7) { # the planted case: one-digit typo AND a 同音字
            id = typo(id); nm = name(i, 1)
            printf "S%05d,%s,%s,%s,%s\n", ++sm, id, nm, bd, paid > small
        } else {
            k = rnd(100)
            if (k < 8) bd = other_form(bd)
            else if (k < 15) id = typo(id)
            else if (k < 22) nm = name(i, 1)
            else if (k < 30) id = ""
        }
        printf "P%05d,%s,%s,%s,%s\n", ++sn, id, nm, bd, paid > pay
        if (i == 7) print "R007," id "," nm > (out "/planted")
    }
    # strangers: other people of the province, some sharing a name by chance
    for (i = 401; i <= 520; i++) {
        person(i)
        printf "P%05d,%s,%s,%s,2024-05-15\n", ++sn, ID[i], NM[i], BD[i] > pay
    }
    # R008 namesake: the same name and birth date, another id (another region)
    printf "P%05d,%s,%s,%s,2024-05-15\n", ++sn, idnum("650102", BD[8]), NM[8], BD[8] > pay
    # R009 namesake: no id, born three years later
    bd9 = (substr(BD[9], 1, 4) + 3) substr(BD[9], 5)
    printf "P%05d,,%s,%s,2024-05-15\n", ++sn, NM[9], bd9 > pay
    # R011 neighbour: born the same day, an id one digit off, another name altogether — another
    # person (fixed weights took an id typo and a birth date for enough)
    printf "P%05d,%s,%s%s,%s,2024-05-15\n", ++sn, typo(ID[11]), sur[SI[11] % ns + 1], giv[G1[11] % ng + 1], BD[11] > pay
    # the small list: the planted row and a few strangers only
    for (i = 521; i <= 530; i++) {
        person(i)
        printf "S%05d,%s,%s,%s,2024-05-15\n", ++sm, ID[i], NM[i], BD[i] > small
    }
}
function rnd(n) { x = (x * 16807) % 2147483647; return int(x / 2147483647 * n) }
# Zipf-like: low indexes are common, so some names recur (王伟 …)
function skew(n) { a = rnd(n); b = rnd(n); return 1 + (a < b ? a : b) }
# names are built from character indexes: mawk counts bytes, so no substr on them
function person(i) {
    SI[i] = skew(ns); G1[i] = skew(ng); G2[i] = rnd(3) ? skew(ng) : 0
    NM[i] = name(i, 0)
    BD[i] = sprintf("%04d-%02d-%02d", 1950 + rnd(50), 1 + rnd(12), 1 + rnd(28))
    ID[i] = idnum(reg[1 + rnd(nr)], BD[i])
}
function idnum(region, bd,   s, t, j) {
    s = region substr(bd, 1, 4) substr(bd, 6, 2) substr(bd, 9, 2) sprintf("%03d", rnd(1000))
    t = 0
    for (j = 1; j <= 17; j++) t += substr(s, j, 1) * wt[j]
    return s chk[t % 11 + 1]
}
function typo(id,   p, d, n) { # a sequence digit changed, the check digit not redone (a digit
    # of the birth date changed would make it no citizen id at all: a reject, not a typo)
    p = 15 + rnd(3); d = substr(id, p, 1); n = (d + 1 + rnd(9)) % 10
    return substr(id, 1, p - 1) n substr(id, p + 1)
}
# the name of person i; hom: its first given-name character that has a homophone replaced
function name(i, hom_,   a, b) {
    a = giv[G1[i]]; b = G2[i] ? giv[G2[i]] : ""
    if (hom_ && G1[i] <= 10) a = hom[G1[i]]
    else if (hom_ && G2[i] && G2[i] <= 10) b = hom[G2[i]]
    return sur[SI[i]] a b
}
function other_form(bd) { return (substr(bd, 1, 4) + 0) "年" (substr(bd, 6, 2) + 0) "月" (substr(bd, 9, 2) + 0) "日" }'
grep -q '^R007,' "$T/planted" || fail "generator: no planted row"
planted_name=$(cut -d, -f3 "$T/planted")
real_name=$(grep '^R007,' "$T/roster.csv" | cut -d, -f3)
[ "$planted_name" != "$real_name" ] || fail "generator: the planted name is unchanged"
cat >"$T/roster.json" <<'EOF'
{"name": "roster", "title": "社区矫正对象名册", "key": "no", "received_on": "2025-06-30",
 "columns": [{"column": "no", "role": "text", "required": true},
             {"column": "id", "field": "id_number", "role": "id_number"},
             {"column": "name", "role": "name", "required": true},
             {"column": "birth", "field": "birth_date", "role": "birth_date"},
             {"column": "start", "role": "date"}, {"column": "end", "role": "date"}]}
EOF
for n in pay paysmall; do
    cat >"$T/$n.json" <<EOF
{"name": "$n", "title": "养老金发放明细", "key": "serial", "received_on": "2025-06-30",
 "columns": [{"column": "serial", "role": "text", "required": true},
             {"column": "id", "field": "id_number", "role": "id_number"},
             {"column": "name", "role": "name", "required": true},
             {"column": "birth", "field": "birth_date", "role": "birth_date"},
             {"column": "paid", "role": "date", "required": true}]}
EOF
done
# a database to register them in (a small generated province)
"$ZX" generate --out "$T/b" --scale 100 >/dev/null
"$ZX" import --db "$T/db" "$T/b" >/dev/null 2>&1 || true
"$ZX" import --db "$T/db2" "$T/b" >/dev/null 2>&1 || true
for n in roster pay paysmall; do
    "$ZX" dataset add --db "$T/db" --file "$T/$n.csv" --schema "$T/$n.json" >/dev/null
done
for n in pay paysmall; do
    cat >"$T/m_$n.json" <<EOF
{"id": "t513_$n", "title": "矫正期间领取", "basis": "测试", "action": "测试",
 "sources": [{"as": "r", "from": "roster"}, {"as": "p", "from": "$n", "require": "match"}],
 "rules": [{"op": "within", "field": "p.paid", "from": "r.start", "to": "r.end"}]}
EOF
done
"$ZX" model run --db "$T/db" --model "$T/m_pay.json" >"$T/run"
"$ZX" lead list --db "$T/db" --model t513_pay | tail -n +2 | cut -d, -f3 | sort >"$T/got"
# want: every roster person with a row of their own (R001..R330 but R008, R009, R011)
seq 1 330 | grep -vx '8\|9\|11' | awk '{ printf "roster:R%03d\n", $1 }' | sort >"$T/want"
diff "$T/want" "$T/got" >"$T/diff" || { head -20 "$T/diff" >&2; fail "leads other than the people with a row of their own"; }
ok "$(wc -l <"$T/want") leads: exactly the people with a row of their own"
q() { sqlite3 "$T/db" "SELECT $1 FROM leads WHERE model='$2' AND hit_key='roster:$3'"; }
p=$(q probability t513_pay R007)
awk -v p="$p" 'BEGIN { exit !(p >= 0.99 && p < 1) }' || fail "R007: probability $p"
[ "$(q "json_extract(evidence,'\$.sources[1].rows[0].match')" t513_pay R007)" = fuzzy ] || fail "R007: not a fuzzy link"
[ "$(q "json_extract(evidence,'\$.sources[1].rows[0].estimate')" t513_pay R007)" = em ] || fail "R007: estimate is not em"
[ "$(q "json_extract(evidence,'\$.sources[1].linkage.estimate')" t513_pay R007)" = em ] || fail "R007: linkage is not em"
n=$(q "json_extract(evidence,'\$.sources[1].linkage.random_pairs')" t513_pay R007)
[ "$n" = 20000 ] || fail "u from $n random pairs, want 20000"
c=$(q "json_extract(evidence,'\$.sources[1].linkage.candidates')" t513_pay R007)
[ "$c" -ge 50 ] || fail "$c candidate pairs"
ok "R007 (one-digit id typo and a 同音字): lead, p $p, estimated by EM over $c candidate pairs"
[ -z "$(q lead_id t513_pay R008)" ] || fail "R008's namesake (same birth date, another id) made a lead"
[ -z "$(q lead_id t513_pay R009)" ] || fail "R009's namesake (no id, another birth year) made a lead"
[ -z "$(q lead_id t513_pay R011)" ] || fail "R011's neighbour (same birth date, id one digit off, another name) made a lead"
ok "namesakes and a neighbour with an id one digit off are not leads"
# deterministic: the same data in another database gives the same evidence
for n in roster pay; do
    "$ZX" dataset add --db "$T/db2" --file "$T/$n.csv" --schema "$T/$n.json" >/dev/null
done
"$ZX" model run --db "$T/db2" --model "$T/m_pay.json" >/dev/null
a=$(sqlite3 "$T/db" "SELECT evidence FROM leads WHERE model='t513_pay' ORDER BY hit_key" | md5sum)
b=$(sqlite3 "$T/db2" "SELECT evidence FROM leads WHERE model='t513_pay' ORDER BY hit_key" | md5sum)
[ "$a" = "$b" ] || fail "a second run on the same data gave other evidence"
ok "deterministic"
# too few candidate pairs: the documented priors, said so
"$ZX" model run --db "$T/db" --model "$T/m_paysmall.json" >/dev/null
[ "$(q "json_extract(evidence,'\$.sources[1].rows[0].estimate')" t513_paysmall R007)" = prior ] || fail "small list: estimate is not prior"
q "json_extract(evidence,'\$.sources[1].linkage.note')" t513_paysmall R007 | grep -q "fewer than 50" || fail "small list: no reason given"
p=$(q probability t513_paysmall R007)
awk -v p="$p" 'BEGIN { exit !(p >= 0.9 && p < 1) }' || fail "small list: R007 probability $p"
ok "too few pairs to fit: R007 linked under the priors (p $p), evidence says prior"
