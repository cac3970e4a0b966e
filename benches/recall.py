#!/usr/bin/env python3
"""Recall measurement: inject known typos into the corpora, see which
typo-gate catches, and whether its suggestion undoes the typo.

For each corpus: run typo-gate on the clean copy (the baseline), inject typos
with mutate.py into a second copy, run typo-gate on that, and score.

- A typo is caught when a finding that is not in the baseline lies on its
  file and line, and its found text contains the typo'd token or its columns
  overlap the token's.
- A catch's suggestion is right when putting the suggestion in place of the
  found text on the typo'd line gives back the original line.
- New findings elsewhere (not in the baseline, not on a typo's line) are
  counted: a typo can make other references dangle, or reveal noise.

Exit status: 0 when every run completed, 1 when typo-gate failed (exit 2 or
unreadable output), 2 when this script failed.
"""

import argparse
import sys
from collections import defaultdict
from pathlib import Path

# The benches import each other; keep the source folder free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
import mutate  # noqa: E402
from benchlib import (  # noqa: E402
    BenchError,
    add_binary_options,
    describe_failure,
    log,
    markdown_table,
    resolve_binary,
    run_gate,
    run_main,
    scratch_dir,
    write_json,
)


def finding_key(finding):
    return (finding.get("path"), finding.get("line"), finding.get("rule"), finding.get("found"))


def overlaps(finding, record):
    column = finding.get("column")
    if not isinstance(column, int):
        return False
    end = finding.get("end_column")
    if finding.get("end_line") not in (None, finding.get("line")):
        end = 10**9
    if not isinstance(end, int):
        end = column + len(finding.get("found") or "")
    # The finding's end may be inclusive or exclusive: accept either.
    return column < record["end_column"] and end >= record["column"]


def restores(finding, record):
    """Does the suggestion, put in place of the found text, undo the typo?"""
    found, suggestion = finding.get("found"), finding.get("suggestion")
    if not isinstance(suggestion, str) or not isinstance(found, str):
        return False
    if found == record["mutated"] and suggestion == record["original"]:
        return True
    line = record["line_after"]
    if not found:
        return False
    positions = []
    start = line.find(found)
    while start >= 0:
        positions.append(start)
        start = line.find(found, start + 1)
    if not positions:
        return False
    column = (finding.get("column") or 1) - 1
    at = min(positions, key=lambda p: abs(p - column))
    return line[:at] + suggestion + line[at + len(found) :] == record["line_before"]


def score(records, findings, baseline):
    """Mark each record caught / suggestion_ok; return the findings elsewhere."""
    known = {finding_key(f) for f in baseline}
    fresh = [f for f in findings if finding_key(f) not in known]
    by_line = defaultdict(list)
    for finding in fresh:
        by_line[(finding.get("path"), finding.get("line"))].append(finding)
    typo_lines = set()
    for record in records:
        where = (record["path"], record["line"])
        typo_lines.add(where)
        catches = [
            f
            for f in by_line.get(where, [])
            if record["mutated"] in (f.get("found") or "") or overlaps(f, record)
        ]
        record["caught"] = bool(catches)
        record["suggestion_ok"] = any(restores(f, record) for f in catches)
        record["findings"] = [
            {k: f.get(k) for k in ("rule", "column", "end_column", "found", "suggestion")}
            for f in catches
        ]
    return [f for f in fresh if (f.get("path"), f.get("line")) not in typo_lines]


def pct(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def tables(records, elsewhere):
    out = []
    rows = []
    for cls in mutate.CLASSES:
        group = [r for r in records if r["class"] == cls]
        caught = [r for r in group if r["caught"]]
        right = [r for r in caught if r["suggestion_ok"]]
        rows.append(
            [
                cls,
                len(group),
                len(caught),
                pct(len(caught), len(group)),
                len(right),
                pct(len(right), len(caught)),
            ]
        )
    caught = [r for r in records if r["caught"]]
    right = [r for r in caught if r["suggestion_ok"]]
    rows.append(
        [
            "overall",
            len(records),
            len(caught),
            pct(len(caught), len(records)),
            len(right),
            pct(len(right), len(caught)),
        ]
    )
    out.append("## Recall by class\n")
    out.append(
        markdown_table(
            ["class", "injected", "caught", "recall", "right suggestion", "suggestion accuracy"],
            rows,
        )
    )

    addresses = [r for r in records if r["class"] == "address"]
    if addresses:
        rows = []
        for target in ("scheme", "host", "ipv4", "port"):
            group = [r for r in addresses if r.get("target") == target]
            caught = [r for r in group if r["caught"]]
            right = [r for r in caught if r["suggestion_ok"]]
            rows.append(
                [
                    f"address: {target}",
                    len(group),
                    len(caught),
                    pct(len(caught), len(group)),
                    len(right),
                    pct(len(right), len(caught)),
                ]
            )
        out.append(
            "\n"
            + markdown_table(
                [
                    "part of the address",
                    "injected",
                    "caught",
                    "recall",
                    "right suggestion",
                    "suggestion accuracy",
                ],
                rows,
            )
        )

    rows = []
    for name in dict.fromkeys(r["corpus"] for r in records):
        group = [r for r in records if r["corpus"] == name]
        caught = [r for r in group if r["caught"]]
        right = [r for r in caught if r["suggestion_ok"]]
        rows.append(
            [
                name,
                len(group),
                len(caught),
                pct(len(caught), len(group)),
                pct(len(right), len(caught)),
                len(elsewhere.get(name, [])),
            ]
        )
    out.append("\n## Recall by corpus\n")
    out.append(
        markdown_table(
            [
                "corpus",
                "injected",
                "caught",
                "recall",
                "suggestion accuracy",
                "new findings elsewhere",
            ],
            rows,
        )
    )
    return "\n".join(out)


def listing(records, elsewhere):
    out = ["\n## Misses\n"]
    for cls in mutate.CLASSES:
        missed = [r for r in records if r["class"] == cls and not r["caught"]]
        if not missed:
            continue
        out.append(f"### {cls} ({len(missed)})\n")
        for r in missed:
            out.append(
                f"- {r['corpus']}/{r['path']}:{r['line']}:{r['column']} {r['class']} "
                f"({r['kind']}) {r['original']!r} → {r['mutated']!r}"
            )
            out.append(f"      {r['line_after'].strip()[:160]}")
        out.append("")
    wrong = [r for r in records if r["caught"] and not r["suggestion_ok"]]
    if wrong:
        out.append(f"## Caught, but the suggestion does not restore the original ({len(wrong)})\n")
        for r in wrong:
            offered = ", ".join(f"{f['found']!r} → {f['suggestion']!r}" for f in r["findings"])
            out.append(
                f"- {r['corpus']}/{r['path']}:{r['line']} {r['class']} "
                f"{r['original']!r} → {r['mutated']!r}; typo-gate: {offered}"
            )
        out.append("")
    total = sum(len(v) for v in elsewhere.values())
    if total:
        out.append(f"## New findings away from the typos ({total})\n")
        out.append("A typo in a definition (a define(), a setting) leaves its uses dangling: "
                   "findings there are consequences of the typo, not noise.\n")
        for name, found in elsewhere.items():
            for f in found:
                out.append(
                    f"- {name}/{f.get('path')}:{f.get('line')}:{f.get('column')} "
                    f"`{f.get('rule')}` {f.get('found')!r} → {f.get('suggestion')!r}"
                )
        out.append("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(
        description="Inject typos into the corpora and measure how many typo-gate catches."
    )
    corpora.add_corpus_options(parser)
    mutate.add_mutation_options(parser)
    add_binary_options(parser)
    parser.add_argument("--scratch", metavar="DIR", help="where clean and mutated copies go")
    parser.add_argument(
        "--json", metavar="OUT", help="also write every typo and its outcome as JSON"
    )
    parser.add_argument("--jobs", type=int, metavar="N", help="pass --jobs N to typo-gate")
    args = parser.parse_args()
    if args.per_class_limit < 1:
        raise BenchError("--per-class-limit must be at least 1")

    chosen = corpora.select(args.corpus)
    binary = resolve_binary(args)
    scratch = scratch_dir(args.scratch, "recall")
    trees = corpora.prepare(chosen, scratch)

    records = []
    elsewhere = {}
    failures = []
    for corpus in chosen:
        log(f"{corpus.name}: baseline")
        baseline = run_gate(binary, trees[corpus.name], jobs=args.jobs)
        log(f"{corpus.name}: injecting typos")
        mutated, _, injected = mutate.mutate_corpus(
            corpus, trees[corpus.name], scratch, args.seed, args.per_class_limit
        )
        log(f"{corpus.name}: {len(injected)} typos; checking the mutated copy")
        run = run_gate(binary, mutated, jobs=args.jobs)
        for r in (baseline, run):
            if r.failed:
                failures.append(r)
                log(describe_failure(r))
        elsewhere[corpus.name] = score(injected, run.findings, baseline.findings)
        records.extend(injected)

    print(tables(records, elsewhere))
    print(listing(records, elsewhere))
    if args.json:
        write_json(
            args.json,
            {
                "binary": str(binary),
                "seed": args.seed,
                "per_class_limit": args.per_class_limit,
                "typos": records,
                "new_findings_elsewhere": elsewhere,
            },
        )
    if failures:
        log(f"typo-gate failed on {len(failures)} run(s)")
        return 1
    return 0


if __name__ == "__main__":
    run_main(main)
