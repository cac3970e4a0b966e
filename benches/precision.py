#!/usr/bin/env python3
"""False-positive measurement: typo-gate on clean copies of real projects.

Every finding on an unmodified Debian package tree is, until judged otherwise,
a false positive. Prints a table per corpus (files scanned and skipped,
findings, findings per 1,000 files), findings per rule, then every finding with
its source line so each can be judged.

Exit status: 0 when every run completed (findings or not), 1 when typo-gate
failed (exit 2 or unreadable output) on a corpus, 2 when this script failed.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

# The benches import each other; keep the source folder free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from benchlib import (  # noqa: E402
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


def source_line(root, rel, line_no):
    try:
        with open(Path(root) / rel, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if number == line_no:
                    return line.rstrip("\n")
    except OSError:
        pass
    return None


def per_thousand(findings, files):
    return f"{1000.0 * findings / files:.2f}" if files else "-"


def arrow(finding):
    found = finding.get("found")
    suggestion = finding.get("suggestion")
    text = repr(found) if found is not None else "?"
    return f"{text} → {suggestion!r}" if suggestion is not None else f"{text} (no suggestion)"


def main():
    parser = argparse.ArgumentParser(
        description="Run typo-gate on clean copies of the corpora and list every finding."
    )
    corpora.add_corpus_options(parser)
    add_binary_options(parser)
    parser.add_argument("--scratch", metavar="DIR", help="where the corpus copies go (reused)")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    parser.add_argument("--jobs", type=int, metavar="N", help="pass --jobs N to typo-gate")
    parser.add_argument(
        "--wider",
        action="store_true",
        help="check the wider set of packages (unpacked, not installed) instead of the corpora",
    )
    args = parser.parse_args()

    binary = resolve_binary(args)
    scratch = scratch_dir(args.scratch, "precision")
    if args.wider:
        if args.corpus:
            raise corpora.BenchError("--wider checks its own packages; drop --corpus")
        trees = corpora.prepare_wider(corpora.WIDER, scratch)
    else:
        chosen = corpora.select(args.corpus)
        prepared = corpora.prepare(chosen, scratch)
        trees = {corpus.name: prepared[corpus.name] for corpus in chosen}

    results = {}
    failures = []
    for name, root in trees.items():
        log(f"checking {name}")
        run = run_gate(binary, root, jobs=args.jobs)
        if run.failed:
            failures.append(run)
            log(describe_failure(run))
        results[name] = run

    rows = []
    totals = Counter()
    for name, run in results.items():
        summary = run.summary
        scanned = summary.get("files_scanned", 0)
        skipped = summary.get("files_skipped", 0)
        count = len(run.findings)
        totals.update(scanned=scanned, skipped=skipped, findings=count)
        status = "ok" if not run.failed else f"FAILED (exit {run.exit_code})"
        rows.append(
            [
                name,
                scanned,
                skipped,
                count,
                per_thousand(count, scanned),
                summary.get("duration_ms", "-"),
                status,
            ]
        )
    rows.append(
        [
            "total",
            totals["scanned"],
            totals["skipped"],
            totals["findings"],
            per_thousand(totals["findings"], totals["scanned"]),
            "",
            "",
        ]
    )
    print("## Findings on the wider set of clean packages\n" if args.wider else "## Findings on clean corpora\n")
    print(
        markdown_table(
            [
                "corpus",
                "files scanned",
                "files skipped",
                "findings",
                "per 1,000 files",
                "ms",
                "run",
            ],
            rows,
            "lrrrrrl",
        )
    )

    rules = sorted({f.get("rule", "?") for run in results.values() for f in run.findings})
    if rules:
        print("\n## Findings by rule\n")
        rule_rows = []
        for name, run in results.items():
            counts = Counter(f.get("rule", "?") for f in run.findings)
            rule_rows.append([name] + [counts.get(rule, 0) for rule in rules])
        print(markdown_table(["corpus"] + rules, rule_rows))

    print("\n## Every finding\n")
    for name, run in results.items():
        print(f"### {name} ({len(run.findings)})\n")
        if not run.findings:
            print("none\n")
            continue
        for finding in run.findings:
            where = f"{finding.get('path')}:{finding.get('line')}:{finding.get('column')}"
            print(f"- `{finding.get('rule')}` {where} {arrow(finding)}")
            line = source_line(run.root, finding.get("path", ""), finding.get("line") or 0)
            if line is not None:
                print(f"      {line.strip()[:160]}")
        print()

    if args.json:
        write_json(
            args.json,
            {
                "binary": str(binary),
                "corpora": {
                    name: {
                        "root": str(run.root),
                        "exit_code": run.exit_code,
                        "summary": run.summary,
                        "findings": run.findings,
                    }
                    for name, run in results.items()
                },
                "totals": dict(totals),
            },
        )
    if failures:
        log(
            f"typo-gate failed on {len(failures)} corpus(es): "
            + ", ".join(Path(r.root).name for r in failures)
        )
        return 1
    return 0


if __name__ == "__main__":
    run_main(main)
