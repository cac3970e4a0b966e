"""Shared plumbing for the bench scripts: errors, scratch folders, building
and running typo-gate, reading its JSON report.

Stdlib only; every script imports this from the folder it lives in.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """An expected failure: printed as one line, the script exits 2."""


def run_main(main):
    """Call main() and turn expected failures into a message and an exit code."""
    try:
        code = main()
    except BenchError as err:
        print(f"error: {err}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        # Output piped into `head` and friends is not a failure.
        sys.stderr.close()
        code = 0
    sys.exit(code or 0)


def log(message):
    print(message, file=sys.stderr, flush=True)


def scratch_dir(given, purpose):
    """The scratch folder: the one given, or a new one under $TMPDIR."""
    if given:
        path = Path(given).resolve()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise BenchError(f"cannot create scratch folder {path}: {err.strerror}")
        return path
    path = Path(tempfile.mkdtemp(prefix=f"typo-gate-{purpose}-"))
    log(f"scratch folder: {path} (pass --scratch {path} to reuse it)")
    return path


def require_tool(name, hint):
    path = shutil.which(name)
    if not path:
        raise BenchError(f"`{name}` is not on PATH; {hint}")
    return path


def build_release():
    """`cargo build --release` in the repository; returns the binary's path."""
    require_tool("cargo", "install Rust (rustup) to build typo-gate, or pass --bin PATH")
    log("building typo-gate: cargo build --release")
    proc = subprocess.run(
        ["cargo", "build", "--release", "--message-format=json-render-diagnostics"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    if proc.returncode != 0:
        raise BenchError(
            f"cargo build --release failed (exit {proc.returncode}); "
            "fix the build or pass --bin PATH to measure an existing binary"
        )
    binary = None
    for line in proc.stdout.splitlines():
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if message.get("reason") == "compiler-artifact" and message.get("executable"):
            if message.get("target", {}).get("name") == "typo-gate":
                binary = message["executable"]
    if binary is None:
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        binary = target / "release" / "typo-gate"
    binary = Path(binary)
    if not binary.is_file():
        raise BenchError(f"cargo build succeeded but {binary} does not exist")
    return binary


def resolve_binary(args):
    """The typo-gate binary: --bin if given, else a fresh release build."""
    if getattr(args, "bin", None):
        binary = Path(args.bin).resolve()
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            raise BenchError(f"--bin {args.bin}: not an executable file")
        return binary
    return build_release()


def add_binary_options(parser):
    parser.add_argument(
        "--bin",
        metavar="PATH",
        help="typo-gate binary to measure (default: build it with cargo build --release)",
    )


class GateRun:
    """One `typo-gate check --format json` run over one root."""

    def __init__(self, root, exit_code, report, stderr):
        self.root = root
        self.exit_code = exit_code
        self.report = report
        self.stderr = stderr

    @property
    def findings(self):
        return self.report.get("findings", []) if self.report else []

    @property
    def summary(self):
        return self.report.get("summary", {}) if self.report else {}

    @property
    def failed(self):
        return self.exit_code not in (0, 1) or self.report is None


def run_gate(binary, root, jobs=None, timeout=3600):
    """Run typo-gate on one tree and parse its JSON report.

    Exit 2 (the tool failed) is returned, not raised, so a caller can show what
    the tool still reported; a report that is not JSON leaves .report None.
    """
    cmd = [str(binary), "check", str(root), "--format", "json"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BenchError(f"typo-gate did not finish within {timeout}s on {root}")
    except OSError as err:
        raise BenchError(f"cannot run {binary}: {err.strerror}")
    report = None
    try:
        report = json.loads(proc.stdout)
        if not isinstance(report, dict):
            report = None
    except ValueError:
        pass
    return GateRun(root, proc.returncode, report, proc.stderr)


def describe_failure(run):
    """A few lines saying why a typo-gate run counts as failed."""
    lines = [f"typo-gate exited {run.exit_code} on {run.root}"]
    if run.report is None:
        lines.append("  its stdout was not one JSON object")
    stderr = run.stderr.strip().splitlines()
    if stderr:
        lines.append("  stderr (last lines):")
        lines += ["    " + line for line in stderr[-10:]]
    return "\n".join(lines)


def write_json(path, data):
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, sort_keys=False) + "\n")
    except OSError as err:
        raise BenchError(f"cannot write {path}: {err.strerror}")
    log(f"wrote {path}")


def markdown_table(header, rows, align=None):
    """A GitHub markdown table; align is a string of 'l'/'r' per column."""
    align = align or "l" + "r" * (len(header) - 1)
    cells = [[str(c) for c in header]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def fmt(row):
        out = []
        for i, cell in enumerate(row):
            out.append(cell.rjust(widths[i]) if align[i] == "r" else cell.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if a == "r" else ("-" * (w + 2)) for w, a in zip(widths, align)
        )
        + "|"
    )
    return "\n".join([fmt(cells[0]), rule] + [fmt(row) for row in cells[1:]])
