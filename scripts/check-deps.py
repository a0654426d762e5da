#!/usr/bin/env python3
"""check-deps.py — fail when a module includes a header its "Depends on" lines do not list,
or when the modules depend on each other in a cycle.

A module is a folder of src/. Its declared dependencies are the module names found in the
"Depends on …" sentence of any of its headers (up to the sentence's full stop, the end of the
comment or a blank comment line; asides in parentheses are skipped), e.g.
"Depends on store (its SQLite handle), model, util and jansson" declares store, model, util.
Every `#include "X/…"` in a .c or .h of module M with X ≠ M must name a declared module.
A module whose headers declare nothing is an error too: the promise must be written down.

The module graph — every declared dependency and every actual include — must have no cycle:
the layers of docs/architecture.md point one way. A cycle is reported as
"module cycle: metrics -> trends -> metrics".
SQL stays behind the store: outside src/store/ only the bulk column loaders listed in
SQL_ALLOWED (and src/sqlgen/, which writes SQL text without running it) may include
<sqlite3.h> or store/sql.h, or call a sqlite3_ function, zx_store_sqlite() or
zx_store_query() (SQL text); anything else reports "sqlite outside the store". Domain code reads through store functions that
return row structs or call back per row (store/views.h for cross-table read views).
Run by `make check` (tests/run.sh); SQLite's tool/srctree-check.tcl guards its tree alike.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')
# the files outside src/store/ that may talk to SQLite directly: the bulk column loaders
SQL_ALLOWED = {"src/metrics/load.c", "src/execution/load.c"}
SQL_ALLOWED_MODULES = {"store", "sqlgen"}
SQLITE_USE = re.compile(r'#\s*include\s*[<"](sqlite3\.h|store/sql\.h)[>"]'
                        r'|\bsqlite3_[a-z_0-9]+\s*\(|\bzx_store_(?:sqlite|query)\s*\(')


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
            # the sentence ends at its full stop ("… util. Never on cli." declares no cli)
            sentence = re.split(r"\.(?=\s|$)", sentence, maxsplit=1)[0]
            for word in re.findall(r"[a-z_]+(?:/[a-z_.]+)?", sentence):
                head = word.split("/")[0]
                if head in modules:
                    found.add(head)
    return found


def find_cycles(graph):
    """One shortest cycle per strongly connected component of more than one module."""
    index, low, stack, on_stack, comps = {}, {}, [], set(), []

    def visit(v):  # Tarjan; the graph has a dozen nodes, recursion is fine
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    cycles = []
    for comp in comps:
        start = min(comp)
        # breadth-first from start back to start inside the component: the shortest cycle
        prev, queue, path = {start: None}, [start], None
        while queue and path is None:
            v = queue.pop(0)
            for w in sorted(graph[v] & comp):
                if w == start:
                    path = [v]
                    while prev[path[-1]] is not None:
                        path.append(prev[path[-1]])
                    path.reverse()
                    break
                if w not in prev:
                    prev[w] = v
                    queue.append(w)
        cycles.append(path + [start])
    return sorted(cycles)


def main():
    modules = sorted(d for d in os.listdir(SRC) if os.path.isdir(os.path.join(SRC, d)))
    errors = []
    graph = {module: set() for module in modules}
    for module in modules:
        deps = declared(module, modules)
        if deps is None:
            errors.append(f"src/{module}/: no header says what the module depends on "
                          f"(write a 'Depends on …' sentence in its main header)")
            continue
        graph[module] |= deps - {module}
        folder = os.path.join(SRC, module)
        for name in sorted(os.listdir(folder)):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            rel = f"src/{module}/{name}"
            sql_ok = module in SQL_ALLOWED_MODULES or rel in SQL_ALLOWED
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    if not sql_ok and SQLITE_USE.search(line.split("//")[0]):
                        errors.append(f"{rel}:{lineno}: sqlite outside the store: "
                                      f"{line.strip()[:80]} (read through a store function; "
                                      f"see store/views.h)")
                    m = INCLUDE.match(line)
                    if not m or m.group(1) == module:
                        continue
                    if m.group(1) in graph:
                        graph[module].add(m.group(1))
                    if m.group(1) not in deps:
                        errors.append(f"src/{module}/{name}:{lineno}: includes "
                                      f"\"{m.group(1)}/…\" but src/{module} declares "
                                      f"'Depends on {', '.join(sorted(deps)) or 'nothing'}'")
    cycles = find_cycles(graph)
    for e in errors:
        print(e, file=sys.stderr)
    for c in cycles:
        print("module cycle: " + " -> ".join(c), file=sys.stderr)
    print(f"check-deps: {len(modules)} modules, {len(errors)} undeclared dependencies or "
          f"SQLite uses outside the store, {len(cycles)} module cycles")
    return 1 if errors or cycles else 0


if __name__ == "__main__":
    sys.exit(main())
