#!/usr/bin/env python3
"""Speed: typo-gate beside typos and codespell on the same trees, and
typo-gate's scaling on synthetic repositories.

Each tool runs with its defaults on each clean corpus; the runs are
interleaved (run 1 of every tool on every corpus, then run 2, ...) so that a
slow moment of the machine hits all tools alike, and the median is reported.
Wall time is taken around the process; CPU time (user+sys) and peak RSS come
from GNU time (`/usr/bin/time -v`). Output is written to /dev/null: typo-gate
and typos print JSON, codespell its plain report.

typos is installed with `cargo install typos-cli --locked` and codespell with
pip into a virtual environment, both inside the scratch folder, when they are
not on PATH.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The benches import each other; keep the source folder free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from benchlib import (  # noqa: E402
    BenchError,
    add_binary_options,
    log,
    markdown_table,
    resolve_binary,
    run_main,
    scratch_dir,
)

GNU_TIME = "/usr/bin/time"
TOOLS = ["typo-gate", "typos", "codespell"]
# Exit codes that mean "ran to the end", findings or not.
OK_EXIT = {"typo-gate": {0, 1}, "typos": {0, 2}, "codespell": {0, 65}}
DEFAULT_SIZES = [10_000, 50_000, 200_000]
SYNTH_VERSION = 1


# --------------------------------------------------------------------------
# Tools


def ensure_gnu_time():
    if os.access(GNU_TIME, os.X_OK):
        return
    if os.geteuid() != 0:
        raise BenchError(f"{GNU_TIME} is missing: install the Debian package `time` (as root)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log("installing GNU time")
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "time"]):
        if subprocess.run(cmd, env=env, stdout=sys.stderr).returncode != 0:
            raise BenchError(f"`{' '.join(cmd)}` failed; install the Debian package `time`")
    if not os.access(GNU_TIME, os.X_OK):
        raise BenchError(f"{GNU_TIME} is still missing after installing `time`")


def ensure_typos(tools_dir):
    found = shutil.which("typos")
    if found:
        return Path(found)
    root = tools_dir / "typos"
    binary = root / "bin" / "typos"
    if binary.is_file():
        return binary
    if not shutil.which("cargo"):
        raise BenchError(
            "typos is not on PATH and cargo is missing to install it; "
            "or leave it out with --tools typo-gate,codespell"
        )
    log("installing typos: cargo install typos-cli --locked (a few minutes)")
    env = dict(os.environ, CARGO_HOME=str(tools_dir / "cargo-home"))
    cmd = ["cargo", "install", "typos-cli", "--locked", "--root", str(root)]
    if subprocess.run(cmd, env=env, stdout=sys.stderr).returncode != 0 or not binary.is_file():
        raise BenchError(
            "cargo install typos-cli failed; " "or leave typos out with --tools typo-gate,codespell"
        )
    return binary


def ensure_codespell(tools_dir):
    found = shutil.which("codespell")
    if found:
        return Path(found)
    venv = tools_dir / "venv"
    binary = venv / "bin" / "codespell"
    if binary.is_file():
        return binary
    log("installing codespell into a virtual environment")
    if not make_venv(venv):
        raise BenchError(
            "cannot create a Python virtual environment (Debian: apt-get install "
            "python3-venv); or leave codespell out with --tools typo-gate,typos"
        )
    cmd = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "codespell"]
    if subprocess.run(cmd, stdout=sys.stderr).returncode != 0 or not binary.is_file():
        raise BenchError(
            "pip install codespell failed; " "or leave codespell out with --tools typo-gate,typos"
        )
    return binary


def make_venv(venv):
    def attempt():
        if venv.exists():
            shutil.rmtree(venv)
        proc = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
        return proc.returncode == 0 and (venv / "bin" / "python").is_file()

    if attempt():
        return True
    # Debian's python3 has venv without ensurepip until python3-venv is in.
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        log("installing python3-venv")
        subprocess.run(["apt-get", "update"], env=env, stdout=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "python3-venv"], env=env, stdout=sys.stderr)
        return attempt()
    return False


def version(binary):
    proc = subprocess.run([str(binary), "--version"], capture_output=True, text=True)
    lines = (proc.stdout or proc.stderr).strip().splitlines()
    return lines[0] if lines else "unknown version"


def command(tool, binary, root):
    if tool == "typo-gate":
        return [str(binary), "check", str(root), "--format", "json"]
    if tool == "typos":
        return [str(binary), "--format", "json", str(root)]
    return [str(binary), str(root)]


# --------------------------------------------------------------------------
# Measuring


class Sample:
    def __init__(self, wall, cpu, rss_kib, exit_code, stderr):
        self.wall, self.cpu, self.rss_kib = wall, cpu, rss_kib
        self.exit_code, self.stderr = exit_code, stderr


def measure(cmd, timeout):
    """One run under GNU time: wall seconds, user+sys seconds, peak RSS KiB."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                [GNU_TIME, "-v", "-o", report.name, *cmd],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(
                f"{Path(cmd[0]).name} did not finish within {timeout}s: {' '.join(cmd)}"
            )
        wall = time.perf_counter() - start
        fields = {}
        for line in Path(report.name).read_text().splitlines():
            key, sep, value = line.strip().rpartition(": ")
            if sep:
                fields[key] = value
    try:
        cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
        rss = int(fields["Maximum resident set size (kbytes)"])
    except (KeyError, ValueError):
        raise BenchError(
            f"cannot read GNU time's report for {' '.join(cmd)}: "
            + proc.stderr.decode(errors="replace").strip()[-300:]
        )
    return Sample(wall, cpu, rss, proc.returncode, proc.stderr.decode(errors="replace"))


class Series:
    """The runs of one tool on one tree."""

    def __init__(self):
        self.samples = []

    def add(self, sample):
        self.samples.append(sample)

    def median(self, attr):
        return statistics.median(getattr(s, attr) for s in self.samples)

    @property
    def exit_codes(self):
        return sorted({s.exit_code for s in self.samples})


def check_exit(tool, sample, root):
    if sample.exit_code not in OK_EXIT[tool]:
        tail = "\n".join(sample.stderr.strip().splitlines()[-5:])
        raise BenchError(
            f"{tool} exited {sample.exit_code} on {root}" + (f":\n{tail}" if tail else "")
        )


def count_files(root):
    total = 0
    for _, dirnames, filenames in os.walk(root):
        total += len(filenames)
    return total


# --------------------------------------------------------------------------
# Synthetic repositories


PY_SETTINGS = """import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["app{p}.example.org", "localhost"]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "pkg{p}.core",
]
TEMPLATES = [{{"DIRS": [BASE_DIR / "templates"], "APP_DIRS": True}}]
DATABASES = {{
    "default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}},
}}
STATIC_URL = "static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
MEDIA_ROOT = os.path.join(BASE_DIR, "media", "uploads")
LOG_FILE = os.path.join(BASE_DIR, "{sibling_json}")
"""

PY_MODULE = """from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = "templates/page_{i}.html"
CONFIG = HERE / "{sibling_yml}"


def load_{i}(name="{sibling_py}"):
    with open(HERE / name) as handle:
        return handle.read()
"""

PHP_MODULE = """<?php
// Module {i} of package {p}.
require_once __DIR__ . '/{sibling_php}';

define( 'PKG{p}_MODULE_{i}_DIR', __DIR__ . '/includes/' );

$config = array(
    'template' => 'templates/page_{i}.php',
    'upload_dir' => 'public/uploads/',
    'api' => 'https://api.example.org/v1/',
    'db_host' => 'localhost',
);

function pkg{p}_module_{i}() {{
    return dirname( __FILE__ ) . '/{sibling_json}';
}}
"""

YML_CONFIG = """# Settings of package {p}
app:
  name: pkg{p}-{i}
  url: "https://app{p}.example.org/"
  host: localhost
  port: 8080
paths:
  templates: templates/
  static: public/assets/
  config: {sibling_json}
  module: {sibling_py}
"""

JSON_CONFIG = """{{
  "name": "pkg{p}/part-{i}",
  "include": ["{sibling_php}", "{sibling_py}"],
  "static": "public/assets/app-{i}.css",
  "endpoint": "http://localhost:8000/api",
  "cache_dir": "var/cache/"
}}
"""

KINDS = [("py", 35), ("php", 35), ("yml", 15), ("json", 15)]
FILES_PER_PACKAGE = 50


def synthesize(base, size):
    """A repository of `size` small files in packages of 50, referencing each other."""
    root = base / f"files-{size}"
    stamp = base / f"files-{size}.stamp"
    if root.is_dir() and stamp.is_file() and stamp.read_text().strip() == str(SYNTH_VERSION):
        return root
    if root.exists():
        shutil.rmtree(root)
    log(f"generating a synthetic repository of {size} files")
    rng = random.Random(size)
    written = 0
    package = 0
    while written < size:
        count = min(FILES_PER_PACKAGE, size - written)
        names = []
        for i in range(count):
            ext = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
            folder = {"py": "pkg", "php": "lib", "yml": "config", "json": "config"}[ext]
            stem = "settings" if ext == "py" and i == 0 else f"part_{i}"
            names.append(f"{folder}/{stem}.{ext}")
        pkg_dir = root / f"p{package // 100:04d}" / f"app{package}"
        by_ext = {}
        for name in names:
            by_ext.setdefault(name.rsplit(".", 1)[1], []).append(name)
        for i, name in enumerate(names):
            ext = name.rsplit(".", 1)[1]

            def sibling(kind):
                pool = by_ext.get(kind) or names
                return "../" + pool[(i + 1) % len(pool)]

            fields = {
                "p": package,
                "i": i,
                "sibling_py": sibling("py"),
                "sibling_php": sibling("php").split("/", 2)[-1] if ext == "php" else sibling("php"),
                "sibling_yml": sibling("yml"),
                "sibling_json": sibling("json"),
            }
            if ext == "py":
                text = (PY_SETTINGS if name.endswith("settings.py") else PY_MODULE).format(**fields)
            elif ext == "php":
                text = PHP_MODULE.format(**fields)
            elif ext == "yml":
                text = YML_CONFIG.format(**fields)
            else:
                text = JSON_CONFIG.format(**fields)
            path = pkg_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        written += count
        package += 1
    stamp.write_text(f"{SYNTH_VERSION}\n")
    return root


# --------------------------------------------------------------------------
# Report


def fmt_seconds(value):
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def comparison_tables(series, names, tools, files):
    out = []
    metrics = [
        ("Wall time, seconds", "wall", fmt_seconds),
        ("CPU time (user+sys), seconds", "cpu", fmt_seconds),
        ("Peak RSS, MiB", "rss_kib", lambda kib: f"{kib / 1024:.1f}"),
    ]
    for title, attr, fmt in metrics:
        header = ["corpus", "files in tree"] + tools
        if "typo-gate" in tools and "typos" in tools:
            header.append("typo-gate/typos")
        if "typo-gate" in tools and "codespell" in tools:
            header.append("codespell/typo-gate")
        rows = []
        for name in names:
            med = {t: series[(name, t)].median(attr) for t in tools}
            row = [name, files[name]] + [fmt(med[t]) for t in tools]
            if "typo-gate/typos" in header:
                row.append(ratio(med["typo-gate"], med["typos"]))
            if "codespell/typo-gate" in header:
                row.append(ratio(med["codespell"], med["typo-gate"]))
            rows.append(row)
        out.append(f"### {title} (median)\n")
        out.append(markdown_table(header, rows))
        out.append("")
    out.append(
        "GNU time counts CPU time in steps of 10 ms: the CPU ratios of runs under "
        "a tenth of a second are noise.\n"
    )
    return "\n".join(out)


def scaling_table(series, sizes):
    rows = []
    for size in sizes:
        s = series[size]
        wall = s.median("wall")
        rows.append(
            [
                f"{size:,}",
                fmt_seconds(wall),
                fmt_seconds(s.median("cpu")),
                f"{s.median('rss_kib') / 1024:.1f}",
                f"{1e6 * wall / size:.1f}",
                f"{1e6 * s.median('cpu') / size:.1f}",
                f"{size / wall:,.0f}" if wall else "-",
            ]
        )
    return markdown_table(
        ["files", "wall s", "CPU s", "peak RSS MiB", "wall µs/file", "CPU µs/file", "files/s"],
        rows,
    )


def main():
    parser = argparse.ArgumentParser(
        description="Time typo-gate beside typos and codespell, "
        "and its scaling on synthetic repositories."
    )
    corpora.add_corpus_options(parser)
    add_binary_options(parser)
    parser.add_argument(
        "--scratch", metavar="DIR", help="corpora, tools and synthetic trees go here (reused)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each tool on each tree (default 3)"
    )
    parser.add_argument(
        "--tools",
        default=",".join(TOOLS),
        help="comma-separated tools to compare (default: typo-gate,typos,codespell)",
    )
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="synthetic repository sizes in files (default 10000,50000,200000); "
        "'none' skips scaling",
    )
    parser.add_argument("--no-compare", action="store_true", help="skip the corpus comparison")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed for one run")
    parser.add_argument("--markdown", metavar="OUT", help="also write the tables to this file")
    args = parser.parse_args()

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown or "typo-gate" not in tools:
        raise BenchError(
            f"--tools takes typo-gate plus any of typos, codespell; got {args.tools!r}"
        )
    tools = [t for t in TOOLS if t in tools]
    try:
        sizes = [] if args.sizes == "none" else [int(s) for s in args.sizes.split(",") if s]
    except ValueError:
        raise BenchError(f"--sizes takes comma-separated numbers of files, got {args.sizes!r}")
    if args.runs < 1 or any(s < 1 for s in sizes):
        raise BenchError("--runs and --sizes must be positive")

    ensure_gnu_time()
    scratch = scratch_dir(args.scratch, "speed")
    tools_dir = scratch / "tools"
    tools_dir.mkdir(exist_ok=True)
    binaries = {"typo-gate": resolve_binary(args)}
    if "typos" in tools:
        binaries["typos"] = ensure_typos(tools_dir)
    if "codespell" in tools:
        binaries["codespell"] = ensure_codespell(tools_dir)

    sections = [f"## Speed ({args.runs} runs each, median; {os.cpu_count()} CPUs)\n"]
    sections.append("\n".join(f"- {tool}: {version(binaries[tool])}" for tool in tools) + "\n")

    if not args.no_compare:
        chosen = corpora.select(args.corpus)
        trees = corpora.prepare(chosen, scratch)
        names = [c.name for c in chosen]
        files = {name: count_files(trees[name]) for name in names}
        series = {(name, tool): Series() for name in names for tool in tools}
        for run in range(args.runs):
            for name in names:
                for tool in tools:
                    log(f"run {run + 1}/{args.runs}: {tool} on {name}")
                    sample = measure(command(tool, binaries[tool], trees[name]), args.timeout)
                    check_exit(tool, sample, trees[name])
                    series[(name, tool)].add(sample)
        sections.append("### On the corpora\n")
        sections.append(comparison_tables(series, names, tools, files))

    if sizes:
        base = scratch / "synth"
        base.mkdir(exist_ok=True)
        roots = {size: synthesize(base, size) for size in sizes}
        series = {size: Series() for size in sizes}
        for run in range(args.runs):
            for size in sizes:
                log(f"run {run + 1}/{args.runs}: typo-gate on {size} synthetic files")
                sample = measure(
                    command("typo-gate", binaries["typo-gate"], roots[size]), args.timeout
                )
                check_exit("typo-gate", sample, roots[size])
                series[size].add(sample)
        sections.append("### typo-gate on synthetic repositories\n")
        sections.append(scaling_table(series, sizes))

    text = "\n".join(sections).rstrip() + "\n"
    print(text)
    if args.markdown:
        try:
            Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
            Path(args.markdown).write_text(text)
        except OSError as err:
            raise BenchError(f"cannot write {args.markdown}: {err.strerror}")
        log(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    run_main(main)
