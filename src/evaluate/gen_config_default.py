#!/usr/bin/env python3
"""Write src/evaluate/config_default.c, the compiled-in copy of data/evaluation.json.
Run from the repository root after editing the JSON; tests/evaluate/test_evaluate.c checks the
copy equals the file."""
p = 'src/evaluate/config_default.c'
head = '''/* config_default.c — the compiled-in copy of data/evaluation.json, used when that file is
 * found neither in $ZHIXIAO_DATA nor next to the executable.
 * GENERATED: edit data/evaluation.json, then run python3 src/evaluate/gen_config_default.py
 * from the repository root. tests/evaluate/test_evaluate.c checks the copy equals the file. */
#include "evaluate/evaluate.h"

/* clang-format off */
static const char text[] =
'''
out = [head.rstrip('\n')]
for line in open('data/evaluation.json', encoding='utf-8').read().splitlines(keepends=True):
    esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
    out.append('    "' + esc + '"')
out[-1] += ';'
out += ['/* clang-format on */', '', 'const char *zx_eval_config_default_text(void)', '{',
        '    return text;', '}', '']
open(p, 'w', encoding='utf-8').write('\n'.join(out))
