# tests/cli/spec_vocab.py — the vocabularies of shared/spec/case-data.md, read from the spec
# itself (used by t120_vocab_spec.sh). The spec is the source of truth: when its layout
# changes so that a vocabulary is no longer found here, this fails loudly rather than test less.
#
#   python3 spec_vocab.py SPEC json   → {"vocab": {name: [[code, label|null], ...]},
#                                        "events": [[type, label, level, [[code, label|null]], jian]]}
import json
import re
import sys

CODE = re.compile(r"`([^`]+)`")


def inline_list(text, start, stop_chars):
    """`code` label · `code` label … from text[start:], up to the first stop char outside a
    label. Returns [(code, label or None)]."""
    out = []
    i = start
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t\n·:":
            i += 1
        if i >= n or text[i] in stop_chars:
            break
        if text[i] != "`":
            # a prefix such as "四大检察:" before the first code
            j = text.find("`", i)
            k = min([p for p in (text.find(c, i) for c in stop_chars) if p >= 0] or [n])
            if j < 0 or j > k:
                break
            i = j
            continue
        j = text.index("`", i + 1)
        code = text[i + 1 : j]
        i = j + 1
        # label: up to " · ", a stop char, or the next code
        k = i
        while k < n and text[k] not in stop_chars and text[k] != "`" and text[k : k + 2] != " ·" and text[k] != "·":
            k += 1
        label = text[i:k].strip().strip("/").strip()
        out.append((code, label or None))
        i = k
    return out


def after(text, anchor):
    p = text.find(anchor)
    if p < 0:
        sys.exit("spec_vocab: anchor not found in the spec: %r (has the spec changed?)" % anchor)
    return p + len(anchor)


def parse(spec):
    raw = open(spec, encoding="utf-8").read()
    flat = re.sub(r"\s*\n\s*", " ", raw)  # lists wrap across lines
    v = {}

    def cell(name):
        # | name | code | list |
        m = re.search(r"^\| %s \| code \| (.*) \|\s*$" % re.escape(name), raw, re.M)
        if not m:
            sys.exit("spec_vocab: table row '%s' not found" % name)
        return inline_list(m.group(1), 0, "|")

    v["unit_level"] = cell("level")
    v["staff_role"] = cell("role")
    v["line"] = cell("line")
    v["business"] = cell("business")
    v["case_kind"] = cell("kind")
    v["case_source"] = cell("source")
    v["person_role"] = inline_list(flat, after(flat, "person_id, case_id, role ("), ")")
    v["gender"] = [(c, None) for c in CODE.findall(flat[after(flat, "gender (") :].split(",")[0])]
    v["institution_kind"] = inline_list(flat, after(flat, "institution_id, name, kind ("), ")")
    v["sentence_kind"] = inline_list(flat, after(flat, "sentence_kind ("), ")")
    v["change_kind"] = inline_list(flat, after(flat, "change_id, convict_id, kind ("), ")")
    v["merit"] = inline_list(flat, after(flat, "merit ("), ")")
    v["ground"] = inline_list(flat, after(flat, "ground (for temporary release:"), ")")

    events = []
    sec = raw[after(raw, "### Event vocabulary") :]
    for line in sec.splitlines():
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not re.fullmatch(r"[a-z_]+", cells[0]) or cells[2] not in ("P", "C"):
            continue
        label = re.sub(r"\s*\(.*\)\s*$", "", cells[1]).strip()  # "抗诉 (any line)"
        results = inline_list(cells[3], 0, "|(")
        events.append((cells[0], label, cells[2], results, cells[4] == "件"))
    if len(events) < 10:
        sys.exit("spec_vocab: the event vocabulary table was not found")
    results = {}
    for e in events:
        for code, label in e[3]:
            results.setdefault(code, set()).add(label)
    for name, lst in v.items():
        if not lst:
            sys.exit("spec_vocab: vocabulary %s is empty" % name)
    return v, events


if __name__ == "__main__":
    v, ev = parse(sys.argv[1])
    json.dump({"vocab": v, "events": ev}, sys.stdout, ensure_ascii=False, indent=1)
