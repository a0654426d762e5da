#!/bin/sh
# score.sh dedupe TRUTH.csv CLUSTERS.csv   (TRUTH: id,entity with a header)
# score.sh link   TRUTH.csv PAIRS.csv      (TRUTH: left_id,right_id with a header)
# Prints "precision recall f1 tp predicted true" — pairwise, as shared/spec/linkage.md scores.
set -eu
mode=$1
truth=$2
got=$3
if [ "$mode" = dedupe ]; then
    awk -F, '
    FNR == 1 { next }
    NR == FNR { ent[$1] = $2; next }
    {
        c = $2; e = ent[$1]
        if (e == "") { print "unknown id " $1 > "/dev/stderr"; exit 2 }
        nc[c]++; ne[e]++; nb[c SUBSEP e]++
    }
    function p2(n) { return n * (n - 1) / 2 }
    END {
        for (k in nc) pred += p2(nc[k]); for (k in ne) tru += p2(ne[k]); for (k in nb) tp += p2(nb[k])
        P = pred ? tp / pred : 0; R = tru ? tp / tru : 0; F = P + R ? 2 * P * R / (P + R) : 0
        printf "%.4f %.4f %.4f %d %d %d\n", P, R, F, tp, pred, tru
    }' "$truth" "$got"
else
    awk -F, '
    FNR == 1 { next }
    NR == FNR { t[$1 SUBSEP $2] = 1; tru++; next }
    { pred++; if (($1 SUBSEP $2) in t) tp++ }
    END {
        P = pred ? tp / pred : 0; R = tru ? tp / tru : 0; F = P + R ? 2 * P * R / (P + R) : 0
        printf "%.4f %.4f %.4f %d %d %d\n", P, R, F, tp, pred, tru
    }' "$truth" "$got"
fi
