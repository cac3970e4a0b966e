#!/usr/bin/env python3
"""Inject realistic configuration typos into copies of the corpora.

For each corpus: copy the clean tree, find in the files that matter for a
deploy the tokens that are structurally of one typo class (a path literal in a
require or a path join, a setting or directive name, a URL, ...), and change at
most one token per file the way a hand does: one substitution (a neighbouring
key more likely), insertion, deletion, adjacent transposition or doubled
letter. A typo never makes a real word (another token of the file, a name in
the tree, a small built-in list) nor an existing path.

The ground truth goes to OUT/mutated/<corpus>.truth.jsonl, one JSON object a
line: corpus, path (relative to the corpus root, '/' separators), line,
column (1-based) and end_column (exclusive) of the changed token, class, kind,
original, mutated, line_before, line_after; kind says where the token
was (require, concat, join, config-value, php-define, nginx-directive, ...)
and, for addresses, target which part was hit (scheme, host, ipv4, port).

    python3 benches/mutate.py [--corpus NAME]... [--seed 1] [--per-class-limit 30] --out DIR
"""

import argparse
import bisect
import json
import os
import random
import re
import string
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# The benches import each other; keep the source folder free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
from benchlib import BenchError, log, markdown_table, run_main, scratch_dir  # noqa: E402

CLASSES = ["path-component", "extension", "whitespace", "name", "module", "address", "word"]
# When two classes are equally scarce in a corpus, the first here goes first
# (php.ini is one file: its typo should be in a directive name).
TIE_ORDER = ["name", "module", "address", "path-component", "extension", "word", "whitespace"]

# Words a deploy path is made of; a typo in one is the `word` class.
VOCAB_WORDS = {"static", "media", "templates", "public", "assets", "uploads", "vendor", "includes"}

KNOWN_EXTENSIONS = set("""
    php inc phtml phps php3 php4 php5 py pyc pyi pyo pyw pyx js mjs cjs ts jsx tsx css scss sass
    less html htm xhtml twig tpl tmpl mustache json jsonc yml yaml toml ini conf cnf cfg env xml xsl
    xsd dtd txt text md rst sql sqlite sqlite3 db log pem crt cert key csr der p12 pfx so load a o
    sh bash zsh bat cmd ps1 png jpg jpeg gif svg ico webp bmp tif tiff woff woff2 ttf otf eot map mo
    po pot lock dist sample example bak old orig tmp gz tgz bz2 xz zip tar jar war csv tsv sock pid
    cache swf flv mp3 mp4 ogg wav webm pdf doc docx xls xlsx odt rtf vue svelte rb pl pm lua go rs c
    h cpp hpp java class kt phar wasm less htaccess htpasswd crl gpg asc sig lst list types params
""".split())

KNOWN_SCHEMES = set("""
    http https ftp ftps sftp ws wss ssh git file mailto data tcp udp unix smtp smtps imap imaps
    pop pop3 pop3s ldap ldaps mysql mysqli pgsql postgres postgresql redis rediss memcached mongodb
    sqlite amqp amqps irc news nntp telnet gopher svn hg rsync s3 gs ssl tls
""".split())

# Common English and programming words: a typo must not land on one of them.
BUILTIN_WORDS = set("""
    a able about above access account action active add address admin after again age all allow
    also an and any api app application apply archive are area array as asset assets at auth
    author auto back backup bar base basic be before begin bin bit block blog body book boot both
    box build bundle but by cache call can case cat cert chain change char check child class
    clean clear cli client close code col color column com command comment common config conf
    connect console content context control copy core count cron css current custom dashboard
    data date db debug default define delete deny dev dir dirs directory disable display doc docs
    document domain done down draft drop each edit editor else email empty enable end engine
    entry env error errors etc event example exec exit export ext extension extra false field
    file files filter find first fix flag font fonts for form format forms found frame from
    front full function gallery get global go group hash head header help here high home hook
    hooks host hosts html http https icon icons id if image images import in include includes
    index info init input insert install into is item items its job js json key keys kit lang
    language last layout left less lib libs library line link links list load loader local
    locale lock log login logs long lookup mail main make manager map mark master max media menu
    message meta method min misc mod mode model module modules more name new next no node none
    not note null number of off old on one only open option options or order other out output
    over owner package page pages panel param params parent part pass password patch path paths
    php plain plugin plugins port post pre print private profile project proxy public query
    queue read readme ready record ref remote remove request require reset resource resources
    rest result return right role root route router rule rules run safe save scheme schema
    script scripts search secret secure select self send server service session set setting
    settings setup share shared shell short show side site size skin skins slug source spec sql
    src ssl start state static status store string style styles sub support sys system tab table
    tag tags task temp template templates test tests text theme themes then this time tmp to
    token tool tools top true type types ui up update upgrade upload uploads uri url use user
    users util utils value values var vendor version view views web widget widgets with word
    work wp www xml yes zip
""".split())


def keyboard_neighbours(rows):
    """Keys next to each key on a staggered keyboard: left, right, the two
    above and the two below."""
    near = {}
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            keys = []
            for dr, dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < len(rows) and 0 <= cc < len(rows[rr]):
                    keys.append(rows[rr][cc])
            near[key] = "".join(keys)
    return near


NEIGHBOURS = keyboard_neighbours(["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"])
DIGIT_NEIGHBOURS = {d: "".join(k for k in NEIGHBOURS[d] if k.isdigit()) for d in "0123456789"}

# Kinds of literal: code that builds a path, values of settings, and the
# arguments of server directives.
BUILDS_PATHS = {"require", "concat", "join"}
CONFIG_KINDS = {
    "config-value", "setting-value", "ini-value", "yaml-value", "json-value", "toml-value"
}
CONF_ARGS = {"nginx-arg", "apache-arg"}
# Classes whose groups take turns (kinds of address, kinds of name); the
# groups of the other classes are taken in order of preference.
ROTATING = {"address", "name"}

MAX_FILE_BYTES = 512 * 1024
MAX_LINE_CHARS = 400
# Translation catalogues are prose, not deploy configuration.
SKIP_DIRS = {".git", ".svn", "__pycache__", "node_modules", "i18n", "l10n", "locale", "languages"}

# How strongly a setting's or directive's name says it holds a path:
# 2 for ...dir, ...path, ...root, 1 for the things paths lead to.
PATH_NAME_ENDINGS = ("dir", "dirs", "directory", "path", "paths", "root", "folder", "location")
PATH_NAME_WORDS = set("""
    file files filename template templates include includes script scripts style styles
    stylesheet css js upload uploads cache asset assets static media public log logs logfile
    vendor theme themes plugin plugins skin skins home base load alias icon icons image images
    certificate key pidfile config conf
""".split())


PATH_CHARS = re.compile(r"^[A-Za-z0-9_.~@+/-]+$")
CANDIDATE_CHARS = re.compile(r"^[A-Za-z0-9_.~@+/:*\[\]-]+$")
IPV4 = re.compile(r"^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")
URL = re.compile(
    r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/\s]*@)?(?P<host>\[[^\]]*\]|[^/:?#\s]*)"
    r"(?::(?P<port>\d+))?(?:[/?#]\S*)?$"
)
HOST_PORT = re.compile(r"^(?P<host>[A-Za-z0-9.*-]*|\[[0-9a-fA-F:]*\]):(?P<port>\d{2,6})$")
EMAIL_LOCALHOST = re.compile(r"^[\w.+-]+@(?P<host>localhost)$")
DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")
WORD_PIECES = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --------------------------------------------------------------------------
# Typos a hand makes


def match_case(new, like):
    return new.upper() if like.isupper() else new


def letter_typos(word):
    """Every one-edit typo of the letters of word, with a weight each.

    Substitution by a neighbouring key is the most likely slip; the first
    letter is rarely the one that goes wrong.
    """
    out = {}

    def add(variant, weight):
        if variant != word:
            out[variant] = out.get(variant, 0.0) + weight

    n = len(word)
    for i, ch in enumerate(word):
        if not ch.isalpha() or not ch.isascii():
            continue
        pos = 0.3 if i == 0 else 1.0
        near = NEIGHBOURS.get(ch.lower(), "")
        near_letters = [k for k in near if k.isalpha()]
        for k in near_letters:
            add(word[:i] + match_case(k, ch) + word[i + 1 :], 3.0 * pos / len(near_letters))
        others = [k for k in string.ascii_lowercase if k not in near and k != ch.lower()]
        for k in others:
            add(word[:i] + match_case(k, ch) + word[i + 1 :], 0.2 * pos / len(others))
        if n > 3:
            add(word[:i] + word[i + 1 :], 2.0 * pos)
        add(word[: i + 1] + ch + word[i + 1 :], 1.5 * pos)
        if i + 1 < n and word[i + 1].isalpha() and word[i + 1].lower() != ch.lower():
            add(word[:i] + word[i + 1] + ch + word[i + 2 :], 2.5 * pos)
        for k in near_letters:
            add(word[: i + 1] + match_case(k, ch) + word[i + 1 :], 1.0 * pos / len(near_letters))
    return out


def digit_typos(number):
    """One-edit typos of a run of digits, with weights."""
    out = {}

    def add(variant, weight):
        if variant != number:
            out[variant] = out.get(variant, 0.0) + weight

    for i, ch in enumerate(number):
        near = DIGIT_NEIGHBOURS.get(ch, "")
        for k in near:
            add(number[:i] + k + number[i + 1 :], 3.0 / len(near))
            add(number[: i + 1] + k + number[i + 1 :], 1.0 / len(near))
        add(number[: i + 1] + ch + number[i + 1 :], 1.5)
        add(number[: i + 1] + "0" + number[i + 1 :], 1.0)
        if len(number) > 1:
            add(number[:i] + number[i + 1 :], 2.0)
        if i + 1 < len(number) and number[i + 1] != ch:
            add(number[:i] + number[i + 1] + ch + number[i + 2 :], 2.5)
    return out


def octet_typos(octet):
    return {v: w for v, w in digit_typos(octet).items() if 255 < int(v) and len(v) <= 4}


def port_typos(port):
    return {v: w for v, w in digit_typos(port).items() if 65535 < int(v) and len(v) <= 6}


def weighted_order(variants, rng):
    """Variants in a random order, heavier ones earlier (Efraimidis-Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), v) for v, w in variants.items() if w > 0]
    keyed.sort(reverse=True)
    return [v for _, v in keyed]


def pieces(text):
    return WORD_PIECES.findall(text)


def path_name(name):
    """2 when a name says it holds a path (UPLOAD_DIR, basePath), 1 when it
    names something a path leads to (template, logfile), else 0."""
    words = [p.lower() for p in pieces(name)]
    if any(w.endswith(PATH_NAME_ENDINGS) for w in words):
        return 2
    return 1 if any(w in PATH_NAME_WORDS for w in words) else 0


# --------------------------------------------------------------------------
# Sites: tokens of one class that may be mutated


@dataclass
class Site:
    cls: str
    kind: str
    group: str
    line: int  # 0-based
    start: int  # the unit to change, as a span of the line
    end: int
    gen: str  # letters | extension | whitespace | scheme | octet | port
    text: str  # the unit as it is
    path_span: tuple = None  # the whole path literal, to check the typo makes no real path
    module_span: tuple = None  # the whole dotted module path


@dataclass
class FileScan:
    rel: str
    sites: list = field(default_factory=list)


class Tree:
    """What the corpus holds: every path suffix, the names in it, its modules."""

    def __init__(self, root):
        self.root = Path(root)
        self.suffixes = set()
        self.names = set()
        self.files = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            rel_dir = os.path.relpath(dirpath, self.root)
            comps = () if rel_dir == "." else tuple(rel_dir.split(os.sep))
            for name in dirnames + filenames:
                parts = comps + (name,)
                for i in range(len(parts)):
                    self.suffixes.add(parts[i:])
                self.names.update(p.lower() for p in pieces(name))
            dirnames.sort()
            if not set(comps) & SKIP_DIRS:
                for name in sorted(filenames):
                    self.files.append("/".join(comps + (name,)))
        self.packages = {}
        if (self.root / "__init__.py").is_file():
            self.packages[self.root.name] = self.root
        for child in sorted(self.root.iterdir()):
            if child.is_dir() and not child.is_symlink() and (child / "__init__.py").is_file():
                self.packages.setdefault(child.name, child)

    def path_exists(self, text):
        text = text.strip()
        comps = tuple(c for c in text.split("/") if c not in ("", ".", ".."))
        if not comps:
            return False
        if text.startswith("/") and os.path.lexists(text):
            return True
        return comps in self.suffixes

    def module_depth(self, dotted):
        """How many leading components of a dotted path are modules in the tree."""
        comps = dotted.split(".")
        here = self.packages.get(comps[0])
        if here is None:
            return 0
        depth = 1
        for comp in comps[1:]:
            if (here / comp / "__init__.py").is_file():
                here = here / comp
                depth += 1
            elif (here / f"{comp}.py").is_file():
                return depth + 1
            else:
                break
        return depth


class Scanner:
    """Turns one file's literals and names into sites."""

    def __init__(self, tree, text):
        self.tree = tree
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.sites = []

    def locate(self, offset):
        """(line index, column index) of an offset into the whole text."""
        line_no = bisect.bisect_right(self.starts, offset) - 1
        return line_no, offset - self.starts[line_no]

    def usable(self, line_no):
        line = self.lines[line_no]
        return line.isascii() and len(line) <= MAX_LINE_CHARS

    def add(self, cls, kind, group, line_no, start, end, gen, **extra):
        if end > start and self.usable(line_no):
            text = self.lines[line_no][start:end]
            self.sites.append(Site(cls, kind, group, line_no, start, end, gen, text, **extra))

    def name(self, kind, line_no, start, end):
        token = self.lines[line_no][start:end]
        if sum(ch.isalpha() for ch in token) >= 3:
            self.add("name", kind, kind, line_no, start, end, "letters")

    def literal_at(self, offset, content, kind, quoted, pathy):
        """A string value starting at a text offset (the first char of content)."""
        if not content or "\n" in content or "\\" in content or len(content) > 300:
            return
        line_no, col = self.locate(offset)
        self.literal(line_no, col, content, kind, quoted, pathy)

    def literal(self, line_no, col, content, kind, quoted, pathy):
        """Sites in one string value at a line and column."""
        if not self.usable(line_no):
            return
        if self.address(line_no, col, content, kind):
            return
        self.path(line_no, col, content, kind, quoted, pathy)

    def address(self, line_no, col, content, kind):
        m = URL.match(content)
        if m:
            if m.group("scheme").lower() in KNOWN_SCHEMES:
                s, e = m.span("scheme")
                self.add("address", kind, "scheme", line_no, col + s, col + e, "scheme")
                self.host(line_no, col, m, kind)
            return True
        m = HOST_PORT.match(content) or EMAIL_LOCALHOST.match(content)
        # A bare dotted quad in code may be a version number; in a
        # configuration value, or starting like a local address, it is an IP.
        line = self.lines[line_no].lower()
        bare_ip = (
            IPV4.match(content)
            and "version" not in line
            and (
                content.split(".")[0] in ("0", "10", "127", "169", "172", "192")
                or re.search(r"host|addr|\bip|listen|allow|deny|server|proxy|bind", line)
            )
        )
        if m or bare_ip or content == "localhost":
            if not m:
                m = re.match(r"^(?P<host>.*)$", content)
            self.host(line_no, col, m, kind)
            return True
        return False

    def host(self, line_no, col, m, kind):
        host = m.group("host")
        s, e = m.span("host")
        if host == "localhost":
            self.add("address", kind, "host", line_no, col + s, col + e, "letters")
        else:
            ip = IPV4.match(host or "")
            if ip and all(int(o) <= 255 for o in ip.groups()):
                for i in range(1, 5):
                    if octet_typos(ip.group(i)):
                        os_, oe = ip.span(i)
                        self.add(
                            "address", kind, "ipv4", line_no, col + s + os_, col + s + oe, "octet"
                        )
        if "port" in m.groupdict() and m.group("port") and port_typos(m.group("port")):
            ps, pe = m.span("port")
            self.add("address", kind, "port", line_no, col + ps, col + pe, "port")

    def port_number(self, line_no, start, end, kind):
        if port_typos(self.lines[line_no][start:end]):
            self.add("address", kind, "port", line_no, start, end, "port")

    def path(self, line_no, col, content, kind, quoted, pathy):
        if not PATH_CHARS.match(content) or re.match(r"^[\d.]+$", content):
            return
        if "://" in self.lines[line_no][:col]:
            return  # the tail of a URL being put together
        comps = content.split("/")
        last = comps[-1] if comps[-1] else (comps[-2] if len(comps) > 1 else "")
        has_ext = "." in last.strip(".") and last.rsplit(".", 1)[1].lower() in KNOWN_EXTENSIONS
        # Where the code builds a path, or a setting or directive named like a
        # path holds one, the literal is a path. Elsewhere only a file name
        # with an extension is taken: a bare '/database/tracking' is more often
        # a route, 'image/' a MIME prefix, 'public' a cache mode.
        strong = kind in BUILDS_PATHS or (kind in CONFIG_KINDS and pathy) or kind in CONF_ARGS
        if not (has_ext or strong and ("/" in content or kind in BUILDS_PATHS or pathy == 2)):
            return
        group = "1-" + kind if strong else "2-literal"
        span = (col, col + len(content))
        exists = self.tree.path_exists(content)
        if exists and quoted:
            self.add(
                "whitespace",
                kind,
                group,
                line_no,
                col,
                col + len(content),
                "whitespace",
                path_span=span,
            )
        offset = 0
        for index, comp in enumerate(comps):
            c0 = col + offset
            offset += len(comp) + 1
            if not comp or comp in (".", "..") or comp.startswith("~"):
                continue
            stem, ext = comp, ""
            split = (
                re.match(r"^(.+)\.([A-Za-z0-9]{1,5})$", comp) if index == len(comps) - 1 else None
            )
            if split:
                stem, ext = split.groups()
            if ext.lower() in KNOWN_EXTENSIONS and exists and sum(ch.isalpha() for ch in ext) >= 2:
                s = c0 + len(stem)
                self.add(
                    "extension",
                    kind,
                    group,
                    line_no,
                    s,
                    s + 1 + len(ext),
                    "extension",
                    path_span=span,
                )
            vocab = [
                (m.start(), m.end())
                for m in re.finditer(r"[A-Za-z]+", stem)
                if m.group().lower() in VOCAB_WORDS
            ]
            for s, e in vocab:
                self.add("word", kind, group, line_no, c0 + s, c0 + e, "letters", path_span=span)
            if not vocab and exists and sum(ch.isalpha() for ch in stem) >= 3:
                self.add(
                    "path-component",
                    kind,
                    group,
                    line_no,
                    c0,
                    c0 + len(stem),
                    "letters",
                    path_span=span,
                )

    def module(self, line_no, col, content, kind):
        """Sites in a dotted module path; False when it names no module here."""
        if not DOTTED.match(content):
            return False
        depth = self.tree.module_depth(content)
        if depth < 2:
            return False
        offset = 0
        for index, comp in enumerate(content.split(".")):
            if index < depth and sum(ch.isalpha() for ch in comp) >= 3:
                self.add(
                    "module",
                    kind,
                    "dotted",
                    line_no,
                    col + offset,
                    col + offset + len(comp),
                    "letters",
                    module_span=(col, col + len(content)),
                )
            offset += len(comp) + 1
        return True


# --------------------------------------------------------------------------
# Code: PHP and Python, with comments and prose blanked out


PHP_OPEN = re.compile(r"<\?(?:php\b|=)")
PHP_TOKENS = re.compile(
    r"""(?P<sq>'(?:[^'\\]|\\.)*')
      | (?P<dq>"(?:[^"\\]|\\.)*")
      | (?P<lc>(?://|\#(?!\[))[^\n]*?(?=\?>|\n|\Z))
      | (?P<bc>/\*.*?(?:\*/|\Z))
      | (?P<hd><<<[ \t]*(?P<hq>["']?)(?P<hid>[A-Za-z_]\w*)(?P=hq)\r?\n.*?\n[ \t]*(?P=hid)\b)
      | (?P<close>\?>)""",
    re.S | re.X,
)
PY_TOKENS = re.compile(
    r"""(?P<str>(?P<prefix>[rRbBuUfF]{0,2})(?P<q>'''|\"\"\"|'|")
           (?P<body>(?:\\.|(?!(?P=q)).)*?)(?P=q))
      | (?P<lc>\#[^\n]*)""",
    re.S | re.X,
)


def could_matter(content):
    """Cheap test before the context is looked at: prose and empty strings never do."""
    return len(content) <= 300 and (
        CANDIDATE_CHARS.match(content) is not None or URL.match(content) is not None
    )


def blank(text):
    return re.sub(r"[^\n]", " ", text)


def php_scan(text):
    """(skeleton, literals): skeleton is the code with comments, HTML and
    string contents blanked; literals are (quote offset, content, quote)."""
    out = []
    literals = []
    pos = 0
    n = len(text)
    while pos < n:
        open_tag = PHP_OPEN.search(text, pos)
        if open_tag is None:
            out.append(blank(text[pos:]))
            break
        out.append(blank(text[pos : open_tag.end()]))
        pos = open_tag.end()
        while pos < n:
            m = PHP_TOKENS.search(text, pos)
            if m is None:
                out.append(text[pos:])
                pos = n
                break
            out.append(text[pos : m.start()])
            kind = m.lastgroup if m.lastgroup not in ("hq", "hid") else "hd"
            token = m.group()
            if kind in ("sq", "dq"):
                literals.append((m.start(), token[1:-1], token[0]))
                out.append(token[0] + blank(token[1:-1]) + token[-1])
            elif kind == "close":
                out.append("  ")
                pos = m.end()
                break
            else:
                out.append(blank(token))
            pos = m.end()
    return "".join(out), literals


def py_scan(text):
    out = []
    literals = []
    pos = 0
    for m in PY_TOKENS.finditer(text):
        out.append(text[pos : m.start()])
        token = m.group()
        if m.group("str"):
            prefix, quote, body = m.group("prefix"), m.group("q"), m.group("body")
            if len(quote) == 1 and not set(prefix.lower()) & {"b", "f"}:
                literals.append((m.start("body"), body))
            out.append(prefix + quote + blank(body) + quote)
        else:
            out.append(blank(token))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), literals


def spans_of(pattern, skeleton, closer):
    """(start, end) spans from each match of pattern to a closing token."""
    spans = []
    for m in re.finditer(pattern, skeleton):
        if closer == ";":
            end = skeleton.find(";", m.end())
            spans.append((m.start(), end if end >= 0 else len(skeleton)))
        else:
            depth, i = 1, m.end()
            while i < len(skeleton) and depth:
                depth += {"(": 1, ")": -1}.get(skeleton[i], 0)
                i += 1
            spans.append((m.start(), i))
    return spans


def inside(spans, offset):
    return any(s <= offset < e for s, e in spans)


PHP_OPERAND_BEFORE = re.compile(
    r"(__DIR__|__FILE__|\b[A-Z][A-Z0-9_]*|\$[A-Za-z_]\w*(?:->\w+|\[[^\]\n]*\])*|\))\s*\.\s*$"
)
PHP_OPERAND_AFTER = re.compile(r"^\s*\.\s*(__DIR__|[A-Z][A-Z0-9_]*\b|\$[A-Za-z_]\w*)")
PHP_KEY_BEFORE = re.compile(
    r"""(?:(['"])([\w.-]+)\1\s*(?:=>|\]\s*=)|\$(\w+)\s*=|define\s*\(\s*(['"])(\w+)\4\s*,)\s*$"""
)


def php_pathy_operand(operand, context):
    if operand in ("__DIR__", "__FILE__", "ABSPATH", "WPINC", "$IP"):
        return True
    if operand == ")":
        return bool(re.search(r"dirname|realpath|_dir|_path|Path|Dir", context))
    return (
        operand.startswith("$")
        and path_name(operand) > 0
        or path_name(operand) > 1
        or operand.endswith("INC")
    )


def scan_php(scanner, text, settings_like):
    skeleton, literals = php_scan(text)
    requires = spans_of(r"\b(?:require|include)(?:_once)?\b", skeleton, ";")
    starts = {offset for offset, _, _ in literals}
    for offset, content, quote in literals:
        if not could_matter(content) or quote == '"' and "$" in content:
            continue
        end = offset + len(content) + 2
        before = skeleton[max(0, offset - 120) : offset]
        masked_before = text[max(0, offset - 120) : offset]
        if inside(requires, offset):
            kind, pathy = "require", 2
        else:
            kind, pathy = "literal", 0
            m = PHP_OPERAND_BEFORE.search(before)
            if m and php_pathy_operand(m.group(1), before):
                kind, pathy = "concat", 2
            else:
                m = PHP_OPERAND_AFTER.match(skeleton[end : end + 80])
                if m and php_pathy_operand(m.group(1), ""):
                    kind, pathy = "concat", 2
                else:
                    k = PHP_KEY_BEFORE.search(masked_before)
                    if k:
                        key = k.group(2) or k.group(3) or k.group(5) or ""
                        kind, pathy = "config-value", path_name(key)
        scanner.literal_at(offset + 1, content, kind, True, pathy)
    # Names: constants defined with define(), keys of the settings arrays of
    # phpMyAdmin and Roundcube, MediaWiki's $wg globals.
    # The function define(), not a method of that name (`->define('amount')`).
    for m in re.finditer(r"(?<![>:$])\bdefine\s*\(\s*(['\"])([A-Za-z_]\w*)\1", text):
        if m.start(1) in starts:
            line_no, col = scanner.locate(m.start(2))
            scanner.name("php-define", line_no, col, col + len(m.group(2)))
    if settings_like:
        pattern = r"(?m)^[ \t]*\$(?:cfg|config|conf)\[\s*(['\"])([A-Za-z_]\w*)\1\s*\]"
        for m in re.finditer(pattern, text):
            if m.start(1) in starts:
                line_no, col = scanner.locate(m.start(2))
                scanner.name("php-setting", line_no, col, col + len(m.group(2)))
    for m in re.finditer(r"(?m)^\$(wg[A-Z]\w*)\s*=", skeleton):
        line_no, col = scanner.locate(m.start(1))
        scanner.name("php-setting", line_no, col, col + len(m.group(1)))
    for m in re.finditer(r"""(['"])(\w*port)\1\s*(?:=>|\]\s*=|,)\s*(\d{2,5})\b""", text, re.I):
        if m.start(1) in starts:
            line_no, col = scanner.locate(m.start(3))
            scanner.port_number(line_no, col, col + len(m.group(3)), "config-value")


PY_PATH_CALLS = r"\b(?:os\.path\.join|path\.join|Path|PurePath|PurePosixPath)\s*\("


def scan_python(scanner, text, settings_like):
    skeleton, literals = py_scan(text)
    calls = spans_of(PY_PATH_CALLS, skeleton, ")")
    for offset, content in literals:
        if not could_matter(content):
            continue
        line_no, col = scanner.locate(offset)
        line_skel = skeleton[scanner.starts[line_no] : offset - 1]
        if inside(calls, offset):
            kind, pathy = "join", 2
        elif re.search(r"[\w)\]]\s*/\s*$", skeleton[max(0, offset - 60) : offset - 1]):
            kind, pathy = "join", 2
        else:
            kind, pathy = "literal", 0
            m = re.match(r"^([A-Z_][A-Z0-9_]*)\s*=\s*$", line_skel)
            k = re.search(
                r"""(['"])(\w+)\1\s*:\s*\[?\s*$""", text[scanner.starts[line_no] : offset - 1]
            )
            if m:
                kind, pathy = "setting-value", path_name(m.group(1))
            elif k:
                kind, pathy = "setting-value", path_name(k.group(2))
        if scanner.module(line_no, col, content, "dotted-path"):
            continue
        scanner.literal(line_no, col, content, kind, True, pathy)
    if settings_like:
        for m in re.finditer(r"(?m)^([A-Z][A-Z0-9_]*)\s*=", skeleton):
            line_no, col = scanner.locate(m.start(1))
            scanner.name("django-setting", line_no, col, col + len(m.group(1)))


# --------------------------------------------------------------------------
# Configuration files: nginx, Apache, INI and .env, YAML, JSON, TOML


CONF_TOKEN = re.compile(
    r"""(?P<q>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""  # quoted
    r"""|(?P<p>[;{}])|(?P<w>[^\s;{}"'#][^\s;{}]*)|(?P<c>\#.*)"""  # punctuation, word, comment
)
PATH_DIRECTIVES = {
    "include", "includeoptional", "alias", "loadmodule", "loadfile", "documentroot", "userdir"
}
NGINX_DATA_BLOCKS = {"types", "map", "charset_map", "geo", "split_clients", "match"}


def conf_args(scanner, line_no, tokens, kind, directive):
    pathy = max(path_name(directive), 2 if directive.lower() in PATH_DIRECTIVES else 0)
    for m in tokens:
        value, col, quoted = m.group(), m.start(), bool(m.group("q"))
        if quoted:
            value, col = value[1:-1], col + 1
        if "$" in value or "*" in value or "\\" in value:
            continue
        scanner.literal(line_no, col, value, kind, quoted, pathy)


def scan_nginx(scanner):
    """Directive names and arguments, statement by statement; the bodies of
    types, map and charset_map blocks are data, not directives."""
    stack = []
    statement = []
    for line_no, line in enumerate(scanner.lines):
        for m in CONF_TOKEN.finditer(line):
            if m.group("c"):
                break
            punct = m.group("p")
            if punct is None:
                statement.append((line_no, m))
                continue
            in_data = bool(set(stack) & NGINX_DATA_BLOCKS)
            if statement and not in_data:
                emit_nginx(scanner, statement)
            if punct == "{":
                stack.append(statement[0][1].group() if statement else "")
            elif punct == "}" and stack:
                stack.pop()
            statement = []


def emit_nginx(scanner, statement):
    line_no, head = statement[0]
    directive = head.group()
    if not re.match(r"^[a-z_][a-z0-9_]*$", directive):
        return
    scanner.name("nginx-directive", line_no, head.start(), head.end())
    for arg_line, m in statement[1:]:
        if directive == "listen" and re.match(r"^\d+$", m.group()):
            scanner.port_number(arg_line, m.start(), m.end(), "nginx-arg")
        else:
            conf_args(scanner, arg_line, [m], "nginx-arg", directive)


def scan_apache(scanner):
    continued = False
    for line_no, line in enumerate(scanner.lines):
        was_continued, continued = continued, line.rstrip().endswith("\\")
        if was_continued:
            continue
        section = line.lstrip().startswith("<")
        if section:
            if line.lstrip().startswith("</") or ">" not in line:
                continue
            line = line[: line.rfind(">")]
        tokens = [m for m in CONF_TOKEN.finditer(line) if not m.group("p")]
        tokens = tokens[: next((i for i, m in enumerate(tokens) if m.group("c")), len(tokens))]
        if not tokens:
            continue
        word = tokens[0].group().lstrip("<")
        args = tokens[1:]
        if section:
            conf_args(scanner, line_no, args, "apache-arg", word)
            continue
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", word):
            continue
        scanner.name("apache-directive", line_no, tokens[0].start(), tokens[0].end())
        if word.lower() == "listen":
            for m in args:
                digits = re.search(r"(\d+)$", m.group())
                if digits:
                    s = m.start() + digits.start(1)
                    scanner.port_number(line_no, s, s + len(digits.group(1)), "apache-arg")
            continue
        conf_args(scanner, line_no, args, "apache-arg", word)


def scan_ini(scanner, kind):
    for line_no, line in enumerate(scanner.lines):
        m = re.match(r"^(\s*(?:export\s+)?)([A-Za-z_][\w.\-]*)(\s*=\s*)(.*?)\s*$", line)
        if not m:
            continue
        scanner.name(kind, line_no, m.start(2), m.end(2))
        value, col = m.group(4), m.start(4)
        quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"
        if quoted:
            value, col = value[1:-1], col + 1
        elif " ;" in value or " #" in value:
            value = re.split(r"\s[;#]", value, 1)[0].rstrip()
        if re.match(r"^\d{2,5}$", value) and "port" in m.group(2).lower():
            scanner.port_number(line_no, col, col + len(value), "ini-value")
        else:
            scanner.literal(line_no, col, value, "ini-value", quoted, path_name(m.group(2)))


def scan_yaml(scanner):
    for line_no, line in enumerate(scanner.lines):
        if line.lstrip().startswith("#"):
            continue
        m = re.match(
            r"^(\s*(?:-\s+)?)(?:([\w.\-]+|\"[^\"]*\"|'[^']*')\s*:(?:\s+|$))?(.*?)\s*$", line
        )
        if not m or not m.group(3):
            continue
        key = (m.group(2) or "").strip("\"'")
        value, col = m.group(3), m.start(3)
        if value[0] in "\"'":
            if len(value) < 2 or value[-1] != value[0]:
                continue
            value, col, quoted = value[1:-1], col + 1, True
        else:
            if value[0] in "{[|>&*!%@`":
                continue
            value, quoted = re.split(r"\s#", value, 1)[0].rstrip(), False
        scanner.literal(line_no, col, value, "yaml-value", quoted, path_name(key))


def scan_json(scanner, text):
    key = ""
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"(\s*:)?', text):
        if m.group(2):
            key = m.group(1)
            continue
        scanner.literal_at(m.start(1), m.group(1), "json-value", True, path_name(key))


def scan_toml(scanner):
    key = ""
    for line_no, line in enumerate(scanner.lines):
        stripped = line.strip()
        if not stripped or stripped[0] in "#[":
            continue
        m = re.match(r"^\s*([\w.\-\"']+)\s*=", line)
        rest_at = 0
        if m:
            key, rest_at = m.group(1).strip("\"'"), m.end()
        for s in re.finditer(r""""((?:[^"\\]|\\.)*)"|'([^']*)'""", line[rest_at:]):
            group = 1 if s.group(1) is not None else 2
            col = rest_at + s.start(group)
            scanner.literal(line_no, col, s.group(group), "toml-value", True, path_name(key))


# --------------------------------------------------------------------------
# Which files, and how to read them


def file_type(corpus, rel):
    name = rel.rsplit("/", 1)[-1]
    base = re.sub(r"\.(sample|dist|example|orig)$", "", name)
    lower = base.lower()
    if corpus.dialect == "nginx":
        return "nginx"
    if name == ".htaccess" or corpus.dialect == "apache" and lower.endswith((".conf", ".load")):
        return "apache"
    if corpus.dialect == "apache":
        return "env" if name == "envvars" else None
    if lower.endswith(".php"):
        return "php"
    if lower.endswith(".py"):
        return "python"
    if lower == ".env" or lower.startswith(".env."):
        return "env"
    if lower.endswith((".ini", ".cnf")):
        return "ini"
    if lower.endswith((".yml", ".yaml")):
        return "yaml"
    if lower.endswith(".json"):
        return "json"
    if lower.endswith(".toml"):
        return "toml"
    return None


def is_settings_module(rel):
    name = rel.rsplit("/", 1)[-1]
    return bool(re.match(r"^(settings.*|global_settings)\.py$", name))


def is_php_settings(rel):
    name = rel.rsplit("/", 1)[-1]
    return bool(re.search(r"config|settings|defaults|wp-load", name, re.I))


def read_text(path):
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="surrogateescape")


def scan_file(corpus, tree, rel):
    kind = file_type(corpus, rel)
    if kind is None:
        return None
    text = read_text(tree.root / rel)
    if text is None:
        return None
    scanner = Scanner(tree, text)
    if kind == "php":
        scan_php(scanner, text, is_php_settings(rel))
    elif kind == "python":
        scan_python(scanner, text, is_settings_module(rel))
    elif kind == "nginx":
        scan_nginx(scanner)
    elif kind == "apache":
        scan_apache(scanner)
    elif kind in ("ini", "env"):
        scan_ini(scanner, "ini-key" if kind == "ini" else "env-key")
    elif kind == "yaml":
        scan_yaml(scanner)
    elif kind == "json":
        scan_json(scanner, text)
    elif kind == "toml":
        scan_toml(scanner)
    return FileScan(rel, scanner.sites) if scanner.sites else None


# --------------------------------------------------------------------------
# Choosing and making the typos


@dataclass
class Mutation:
    rel: str
    site: Site
    original: str
    mutated: str
    line_before: str
    line_after: str

    def record(self, corpus_name):
        return {
            "corpus": corpus_name,
            "path": self.rel,
            "line": self.site.line + 1,
            "column": self.site.start + 1,
            "end_column": self.site.start + 1 + len(self.mutated),
            "class": self.site.cls,
            "kind": self.site.kind,
            "target": self.site.group if self.site.cls == "address" else None,
            "original": self.original,
            "mutated": self.mutated,
            "line_before": self.line_before,
            "line_after": self.line_after,
        }


def file_words(text):
    words = set()
    tokens = set(IDENT.findall(text))
    for token in tokens:
        words.add(token.lower())
        words.update(p.lower() for p in pieces(token))
    return tokens, words


def makes_real_word(unit, variant, tokens, words, tree):
    if variant in tokens:
        return True
    before = [p.lower() for p in pieces(unit)]
    for piece in pieces(variant):
        low = piece.lower()
        if low in before:
            continue
        if low in BUILTIN_FORMS or low in words or low in tree.names:
            return True
        if any(low in inflections(old) for old in before):
            return True
    return False


INFLECTIONS = ("", "s", "es", "e", "ed", "d", "er", "ers", "r", "ing", "ion", "ions", "y", "ly")


def inflections(word):
    """A word's plain English variants: 'includes' gives include, included, ..."""
    stems = {word}
    for suffix in ("es", "s", "e", "ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stems.add(word[: -len(suffix)])
    return {stem + suffix for stem in stems for suffix in INFLECTIONS}


BUILTIN_FORMS = {form for word in BUILTIN_WORDS | VOCAB_WORDS for form in inflections(word)}


def variants_for(site, unit):
    if site.gen == "letters" or site.gen == "scheme":
        return letter_typos(unit)
    if site.gen == "extension":
        return {"." + v: w for v, w in letter_typos(unit[1:]).items()}
    if site.gen == "whitespace":
        return {" " + unit: 1.0, unit + " ": 1.0}
    if site.gen == "octet":
        return octet_typos(unit)
    if site.gen == "port":
        return port_typos(unit)
    raise AssertionError(site.gen)


def propose(site, lines, tokens, words, tree, rng, rel):
    line = lines[site.line]
    unit = line[site.start : site.end]
    for variant in weighted_order(variants_for(site, unit), rng)[:60]:
        if site.gen in ("letters", "scheme", "extension"):
            if makes_real_word(unit, variant, tokens, words, tree):
                continue
        if site.gen == "scheme" and variant.lower() in KNOWN_SCHEMES:
            continue
        if site.gen == "extension" and variant[1:].lower() in KNOWN_EXTENSIONS:
            continue
        after = line[: site.start] + variant + line[site.end :]
        grow = len(variant) - len(unit)
        if site.path_span and site.gen != "whitespace":
            s, e = site.path_span
            if tree.path_exists(after[s : e + grow]):
                continue
        if site.module_span:
            s, e = site.module_span
            dotted = after[s : e + grow]
            index = dotted[: site.start - s].count(".")
            if tree.module_depth(dotted) > index:
                continue
        return Mutation(rel, site, unit, variant, line, after)
    return None


def choose(corpus, tree, scans, seed, limit):
    """At most one typo a file, up to `limit` a class, scarce classes first;
    within a class, tokens not typo'd yet first (not seven times the same
    constant defined in seven files)."""
    rng = random.Random(f"{seed}:{corpus.name}")
    by_group = defaultdict(list)
    texts_of = {}
    for index, scan in enumerate(scans):
        for site in scan.sites:
            texts_of.setdefault((index, site.cls, site.group), set()).add(site.text)
        for key in sorted({(s.cls, s.group) for s in scan.sites}):
            by_group[key].append(index)
    groups_of = defaultdict(list)
    for cls, group in sorted(by_group):
        groups_of[cls].append(group)
    supply = {
        cls: len({i for g in groups_of[cls] for i in by_group[(cls, g)]}) for cls in groups_of
    }
    order = sorted(groups_of, key=lambda c: (supply[c], TIE_ORDER.index(c)))
    used, counts, turn = set(), Counter(), Counter()
    seen = defaultdict(set)
    mutations = []
    active = list(order)
    texts = {}
    while active:
        for cls in list(active):
            groups = [g for g in groups_of[cls] if by_group[(cls, g)]]
            if counts[cls] >= limit or not groups:
                active.remove(cls)
                continue
            if cls in ROTATING:
                group = groups[turn[cls] % len(groups)]
                turn[cls] += 1
            else:
                group = groups[0]
            candidates = [i for i in by_group[(cls, group)] if i not in used]
            by_group[(cls, group)] = candidates
            if not candidates:
                continue
            fresh = [i for i in candidates if texts_of[(i, cls, group)] - seen[cls]]
            index = rng.choice(fresh or candidates)
            scan = scans[index]
            if index not in texts:
                text = read_text(tree.root / scan.rel)
                texts[index] = (text.split("\n"), *file_words(text))
            lines, tokens, words = texts[index]
            sites = [s for s in scan.sites if s.cls == cls and s.group == group]
            rng.shuffle(sites)
            sites.sort(key=lambda s: s.text in seen[cls])
            made = None
            for site in sites[:25]:
                made = propose(site, lines, tokens, words, tree, rng, scan.rel)
                if made:
                    break
            if made:
                mutations.append(made)
                seen[cls].add(made.original)
                used.add(index)
                counts[cls] += 1
            else:
                by_group[(cls, group)].remove(index)
    return mutations


def apply(root, mutation):
    path = Path(root) / mutation.rel
    if path.is_symlink() or not str(path.resolve()).startswith(str(Path(root).resolve()) + os.sep):
        raise BenchError(f"refusing to write outside the copy: {path}")
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    if lines[mutation.site.line] != mutation.line_before:
        raise BenchError(f"{mutation.rel}:{mutation.site.line + 1} changed under the injector")
    lines[mutation.site.line] = mutation.line_after
    path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogateescape"))


def mutate_corpus(corpus, clean, out, seed, limit):
    """Copy one clean corpus to OUT/mutated/<name>, inject, write the truth.

    Returns (mutated tree, truth file, records).
    """
    tree = Tree(clean)
    scans = []
    for rel in tree.files:
        scan = scan_file(corpus, tree, rel)
        if scan:
            scans.append(scan)
    mutations = choose(corpus, tree, scans, seed, limit)
    base = Path(out) / "mutated"
    base.mkdir(parents=True, exist_ok=True)
    dest = base / corpus.name
    corpora.copy_tree(clean, dest)
    mutations.sort(key=lambda m: (m.rel, m.site.line))
    records = []
    for mutation in mutations:
        apply(dest, mutation)
        records.append(mutation.record(corpus.name))
    truth = base / f"{corpus.name}.truth.jsonl"
    truth.write_text("".join(json.dumps(r) + "\n" for r in records))
    return dest, truth, records


def summary_table(per_corpus):
    rows = []
    totals = Counter()
    for name, records in per_corpus.items():
        counts = Counter(r["class"] for r in records)
        totals.update(counts)
        rows.append([name] + [counts.get(c, 0) for c in CLASSES] + [len(records)])
    rows.append(["total"] + [totals.get(c, 0) for c in CLASSES] + [sum(totals.values())])
    return markdown_table(["corpus"] + CLASSES + ["all"], rows)


def add_mutation_options(parser):
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--per-class-limit",
        type=int,
        default=30,
        metavar="N",
        help="at most N typos of each class in each corpus (default 30)",
    )


def main():
    parser = argparse.ArgumentParser(
        description="Inject realistic typos into copies of the corpora and write the ground truth."
    )
    corpora.add_corpus_options(parser)
    add_mutation_options(parser)
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="where mutated copies and truth go (default: a new temporary folder)",
    )
    parser.add_argument(
        "--scratch", metavar="DIR", help="where the clean copies go (default: --out)"
    )
    args = parser.parse_args()
    if args.per_class_limit < 1:
        raise BenchError("--per-class-limit must be at least 1")
    chosen = corpora.select(args.corpus)
    out = scratch_dir(args.out, "mutate")
    scratch = scratch_dir(args.scratch, "corpora") if args.scratch else out
    trees = corpora.prepare(chosen, scratch)
    per_corpus = {}
    for corpus in chosen:
        dest, truth, records = mutate_corpus(
            corpus, trees[corpus.name], out, args.seed, args.per_class_limit
        )
        log(f"{corpus.name}: {len(records)} typos in {dest}, truth in {truth}")
        per_corpus[corpus.name] = records
    print(summary_table(per_corpus))
    return 0


if __name__ == "__main__":
    run_main(main)
