#!/usr/bin/env python3
"""Write src/monitor/rules_default.c, the compiled-in copy of data/monitor_rules.json.
Run from the repository root after editing the JSON; tests/monitor/test_monitor.c checks the
copy equals the file."""
p = 'src/monitor/rules_default.c'
head = '''/* rules_default.c — the compiled-in copy of data/monitor_rules.json, used when that file is
 * found neither in $ZHIXIAO_DATA nor next to the executable.
 * GENERATED: edit data/monitor_rules.json, then run python3 src/monitor/gen_rules_default.py
 * from the repository root. tests/monitor/test_monitor.c checks the copy equals the file. */
#include "monitor/monitor.h"

/* clang-format off */
static const char text[] =
'''
out = [head.rstrip('\n')]
for line in open('data/monitor_rules.json', encoding='utf-8').read().splitlines(keepends=True):
    esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
    out.append('    "' + esc + '"')
out[-1] += ';'
out += ['/* clang-format on */', '', 'const char *zx_monitor_rules_default_text(void)', '{',
        '    return text;', '}', '']
open(p, 'w', encoding='utf-8').write('\n'.join(out))
