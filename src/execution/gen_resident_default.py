p = 'src/execution/resident_default.c'
head = '''/* resident_default.c — the compiled-in copy of data/resident_checklists.json, used when that
 * file is found neither in $ZHIXIAO_DATA nor next to the executable.
 * GENERATED: edit data/resident_checklists.json, then run
 * python3 src/execution/gen_resident_default.py from the repository root.
 * tests/execution/test_resident.c checks the copy equals the file. */
#include "execution/resident.h"

/* clang-format off */
static const char text[] =
'''
out = [head.rstrip('\n')]
for line in open('data/resident_checklists.json', encoding='utf-8').read().splitlines(keepends=True):
    esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\n', '\\n').replace('\t', '\\t')
    out.append('    "' + esc + '"')
out[-1] += ';'
out += ['/* clang-format on */', '', 'const char *zx_res_rules_default_text(void)', '{', '    return text;', '}', '']
open(p, 'w', encoding='utf-8').write('\n'.join(out))
