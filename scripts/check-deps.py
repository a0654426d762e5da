#!/usr/bin/env python3
"""check-deps.py — fail when a module includes a header its "Depends on" lines do not list.

A module is a folder of src/. Its declared dependencies are the module names found in the
"Depends on …" sentence of any of its headers (up to the end of that comment), e.g.
"Depends on store (its SQLite handle), model, util and jansson" declares store, model, util.
Every `#include "X/…"` in a .c or .h of module M with X ≠ M must name a declared module.
A module whose headers declare nothing is an error too: the promise must be written down.
Run by `make check` (tests/run.sh); SQLite's tool/srctree-check.tcl guards its tree alike.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')


def declared(module, modules):
    """The set of modules named by the module's "Depends on" sentences, or None if none."""
    found = None
    folder = os.path.join(SRC, module)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"Depends on:?(.*?)(\*/|\n\s*\*\s*\n)", text, re.S):
            found = found or set()
            sentence = re.sub(r"\([^)]*\)", " ", m.group(1))  # drop asides in parentheses
            for word in re.findall(r"[a-z_]+(?:/[a-z_.]+)?", sentence):
                head = word.split("/")[0]
                if head in modules:
                    found.add(head)
    return found


def main():
    modules = sorted(d for d in os.listdir(SRC) if os.path.isdir(os.path.join(SRC, d)))
    errors = []
    for module in modules:
        deps = declared(module, modules)
        if deps is None:
            errors.append(f"src/{module}/: no header says what the module depends on "
                          f"(write a 'Depends on …' sentence in its main header)")
            continue
        folder = os.path.join(SRC, module)
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m or m.group(1) == module:
                        continue
                    if m.group(1) not in deps:
                        errors.append(f"src/{module}/{name}:{lineno}: includes "
                                      f"\"{m.group(1)}/…\" but src/{module} declares "
                                      f"'Depends on {', '.join(sorted(deps)) or 'nothing'}'")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"check-deps: {len(modules)} modules, {len(errors)} undeclared dependencies")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
