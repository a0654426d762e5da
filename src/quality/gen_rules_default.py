#!/usr/bin/env python3
"""Write src/quality/rules_default.c, the compiled-in copies of data/review_signals.json,
data/review_form.json and data/flaw_rules.json. Run from the repository root after editing
them; tests/quality/test_quality.c checks the copies equal the files."""
p = 'src/quality/rules_default.c'
out = ['''/* rules_default.c — the compiled-in copies of data/review_signals.json, review_form.json
 * and flaw_rules.json, used when those files are found neither in $ZHIXIAO_DATA nor next to
 * the executable.
 * GENERATED: edit the JSON, then run python3 src/quality/gen_rules_default.py from the
 * repository root. tests/quality/test_quality.c checks the copies equal the files. */
#include "quality/quality.h"

#include <string.h>

/* clang-format off */''']
for var, f in (('signals', 'review_signals.json'), ('form', 'review_form.json'),
               ('flaws', 'flaw_rules.json')):
    out.append('static const char %s[] =' % var)
    lines = open('data/' + f, encoding='utf-8').read().splitlines(keepends=True)
    for line in lines:
        esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
        out.append('    "' + esc + '"')
    out[-1] += ';'
out += ['/* clang-format on */', '', 'const char *zx_quality_default_text(const char *which)', '{',
        '    if (!strcmp(which, "signals"))', '        return signals;',
        '    if (!strcmp(which, "form"))', '        return form;',
        '    if (!strcmp(which, "flaws"))', '        return flaws;', '    return NULL;', '}', '']
open(p, 'w', encoding='utf-8').write('\n'.join(out))
