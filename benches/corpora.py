"""The real-world corpora the benches run on: Debian packages of web
applications, frameworks and server configurations.

Each corpus is one folder of one Debian package. The folder is found from the
package's own file list (`dpkg -L`), never assumed, and copied with `cp -a` into
a scratch folder: symlinks stay symlinks (those pointing outside the tree dangle
in the copy, as they would in a checkout), and nothing is ever written under a
system folder.

As a script: `python3 benches/corpora.py [--corpus NAME]... --scratch DIR`
installs what is missing, copies the trees and prints where they are.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The benches import each other; keep the source folder free of __pycache__.
sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BenchError, log, run_main, scratch_dir  # noqa: E402


@dataclass(frozen=True)
class Corpus:
    name: str
    package: str
    # Basename of the package folder to copy, and a file that must be in it:
    # among the folders `dpkg -L` lists with that basename, the one holding the
    # marker and most of the package's files is the tree.
    folder: str
    marker: str
    # Configuration dialect of files without a telling extension.
    dialect: str = ""


CORPORA = [
    Corpus("wordpress", "wordpress", "wordpress", "wp-settings.php"),
    Corpus("django", "python3-django", "django", "conf/global_settings.py"),
    Corpus("phpmyadmin", "phpmyadmin", "phpmyadmin", "index.php"),
    Corpus("mediawiki", "mediawiki", "mediawiki", "index.php"),
    Corpus("roundcube", "roundcube-core", "roundcube", "index.php"),
    # php-symfony is a metapackage: its folder is filled by the component
    # packages it depends on, so the marker is one of its own files.
    Corpus("symfony", "php-symfony", "Symfony", "autoload.php"),
    Corpus("nginx", "nginx-common", "nginx", "nginx.conf", dialect="nginx"),
    Corpus("apache2", "apache2", "apache2", "apache2.conf", dialect="apache"),
    Corpus("php-ini", "php8.2-cli", "cli", "php.ini", dialect="ini"),
]

# Clean Debian packages beyond the corpora, for precision alone: more kinds of code
# and configuration (Ansible collections, network automation, wikis, monitoring,
# mail, AWS data, PHP and Python libraries). Each is unpacked whole from its .deb
# (`apt-get download`, `dpkg-deb -x`), never installed.
WIDER = [
    "adminer",
    "ansible",
    "ansible-core",
    "ansible-lint",
    "cacti",
    "certbot",
    "cgit",
    "composer",
    "docker-compose",
    "dokuwiki",
    "dovecot-core",
    "fail2ban",
    "gitweb",
    "gosa",
    "graphite-web",
    "haproxy",
    "icinga2-common",
    "icingaweb2",
    "icingaweb2-module-director",
    "javascript-common",
    "jupyter-notebook",
    "libapache2-mod-php8.2",
    "librust-clap-dev",
    "librust-serde-dev",
    "librust-tokio-dev",
    "lighttpd",
    "mailman3",
    "mailman3-web",
    "mkdocs",
    "munin",
    "nagios4-common",
    "nginx-core",
    "php-cas",
    "php-doctrine-orm",
    "php-getid3",
    "php-guzzlehttp-guzzle",
    "php-horde-imp",
    "php-horde-kronolith",
    "php-horde-webmail",
    "php-laravel-framework",
    "php-league-commonmark",
    "php-monolog",
    "php-phpseclib3",
    "php-sabre-dav",
    "php-symfony-console",
    "php-twig",
    "php-twig-extra-bundle",
    "php8.2-common",
    "postfixadmin",
    "prometheus",
    "python3-aiohttp",
    "python3-alembic",
    "python3-botocore",
    "python3-bottle",
    "python3-celery",
    "python3-certbot",
    "python3-certbot-apache",
    "python3-certbot-nginx",
    "python3-cherrypy3",
    "python3-django-allauth",
    "python3-django-auth-ldap",
    "python3-django-celery-beat",
    "python3-django-compressor",
    "python3-django-cors-headers",
    "python3-django-countries",
    "python3-django-debug-toolbar",
    "python3-django-extensions",
    "python3-django-filters",
    "python3-django-guardian",
    "python3-django-haystack",
    "python3-django-hyperkitty",
    "python3-django-mptt",
    "python3-django-oauth-toolkit",
    "python3-django-polymorphic",
    "python3-django-postorius",
    "python3-django-reversion",
    "python3-django-sass",
    "python3-django-storages",
    "python3-django-tables2",
    "python3-django-taggit",
    "python3-djangorestframework",
    "python3-docker",
    "python3-falcon",
    "python3-fastapi",
    "python3-flask",
    "python3-flask-babel",
    "python3-flask-login",
    "python3-flask-security",
    "python3-flask-sqlalchemy",
    "python3-gunicorn",
    "python3-jinja2",
    "python3-jupyter-server",
    "python3-kombu",
    "python3-kubernetes",
    "python3-ldap3",
    "python3-notebook",
    "python3-openstackclient",
    "python3-paste",
    "python3-pip",
    "python3-pyramid",
    "python3-redis",
    "python3-scrapy",
    "python3-sphinx",
    "python3-sqlalchemy",
    "python3-starlette",
    "python3-tornado",
    "python3-wtforms",
    "redmine",
    "roundcube",
    "roundcube-plugins",
    "rsyslog",
    "simplesamlphp",
    "smarty4",
    "sqlmap",
    "squid-common",
    "supervisor",
    "tt-rss",
    "uwsgi-core",
    "yamllint",
    "zabbix-frontend-php",
]

BY_NAME = {c.name: c for c in CORPORA}
BY_NAME.update({c.package: c for c in CORPORA})

# Stamp format: bump when the copy procedure changes, so old copies are redone.
STAMP_VERSION = 1


def select(names):
    """Corpora by name or package name, in the canonical order; all if none."""
    if not names:
        return list(CORPORA)
    chosen = []
    for name in names:
        corpus = BY_NAME.get(name)
        if corpus is None:
            known = ", ".join(c.name for c in CORPORA)
            raise BenchError(f"unknown corpus {name!r}; known: {known}")
        if corpus not in chosen:
            chosen.append(corpus)
    return [c for c in CORPORA if c in chosen]


def add_corpus_options(parser):
    parser.add_argument(
        "--corpus",
        action="append",
        metavar="NAME",
        help="restrict to this corpus (repeatable): " + ", ".join(c.name for c in CORPORA),
    )


def package_version(package):
    """The installed version of a package, or None when it is not installed."""
    try:
        proc = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}\t${Version}", package],
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise BenchError("dpkg-query is not available: the corpora are Debian packages")
    if proc.returncode != 0:
        return None
    status, _, version = proc.stdout.partition("\t")
    return version if status.endswith(" installed") else None


def ensure_installed(packages):
    """Install the Debian packages that are missing (apt-get update once)."""
    missing = [p for p in packages if package_version(p) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        raise BenchError(
            "missing Debian packages: " + " ".join(missing) + "; install them as root "
            "(apt-get install " + " ".join(missing) + ") or run this script as root"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    log("installing: " + " ".join(missing))
    for cmd in (
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "--no-install-recommends", *missing],
    ):
        proc = subprocess.run(cmd, env=env, stdout=sys.stderr)
        if proc.returncode != 0:
            raise BenchError(f"`{' '.join(cmd)}` failed (exit {proc.returncode})")
    still = [p for p in missing if package_version(p) is None]
    if still:
        raise BenchError("packages still not installed: " + " ".join(still))


def locate(corpus):
    """The package's tree, found in its `dpkg -L` listing."""
    proc = subprocess.run(["dpkg", "-L", corpus.package], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BenchError(f"dpkg -L {corpus.package} failed: {proc.stderr.strip()}")
    listed = [line for line in proc.stdout.splitlines() if line.startswith("/")]
    candidates = []
    for entry in listed:
        path = Path(entry)
        if path.name != corpus.folder or path.is_symlink() or not path.is_dir():
            continue
        if not (path / corpus.marker).exists():
            continue
        prefix = entry.rstrip("/") + "/"
        owned = sum(1 for other in listed if other.startswith(prefix))
        candidates.append((owned, -len(entry), path))
    if not candidates:
        raise BenchError(
            f"no folder named {corpus.folder!r} holding {corpus.marker} "
            f"in `dpkg -L {corpus.package}`"
        )
    return max(candidates)[2]


def prepare(corpora, scratch):
    """Install, locate and copy each corpus; returns {name: copied tree}.

    A copy made earlier from the same package version is reused.
    """
    ensure_installed([c.package for c in corpora])
    base = Path(scratch) / "corpora"
    base.mkdir(parents=True, exist_ok=True)
    trees = {}
    for corpus in corpora:
        source = locate(corpus)
        dest = base / corpus.name
        stamp_path = base / f"{corpus.name}.stamp"
        stamp = {
            "stamp": STAMP_VERSION,
            "package": corpus.package,
            "version": package_version(corpus.package),
            "source": str(source),
        }
        if dest.is_dir() and read_stamp(stamp_path) == stamp:
            trees[corpus.name] = dest
            continue
        log(f"copying {corpus.name}: {source}")
        copy_tree(source, dest)
        stamp_path.write_text(json.dumps(stamp) + "\n")
        trees[corpus.name] = dest
    return trees


def prepare_wider(packages, scratch):
    """Download and unpack each package of the wider set; returns {name: tree}.

    The .deb files are kept in SCRATCH/wider/debs and a tree unpacked from the
    same file is reused.
    """
    base = Path(scratch) / "wider"
    debs = base / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    trees = {}
    for package in packages:
        deb = downloaded(debs, package)
        if deb is None:
            log(f"downloading {package}")
            proc = subprocess.run(
                ["apt-get", "download", package], cwd=debs, capture_output=True, text=True
            )
            deb = downloaded(debs, package)
            if proc.returncode != 0 or deb is None:
                detail = proc.stderr.strip().splitlines()[-1:] or ["no .deb written"]
                raise BenchError(
                    f"apt-get download {package} failed: {detail[0]} "
                    "(the package lists may need `apt-get update` as root)"
                )
        dest = base / package
        stamp_path = base / f"{package}.stamp"
        stamp = {"stamp": STAMP_VERSION, "deb": deb.name}
        if not (dest.is_dir() and read_stamp(stamp_path) == stamp):
            log(f"unpacking {deb.name}")
            unpack(deb, dest)
            stamp_path.write_text(json.dumps(stamp) + "\n")
        trees[package] = dest
    return trees


def downloaded(folder, package):
    """The newest .deb of `package` in `folder`, or None."""
    found = sorted(folder.glob(f"{package}_*.deb"))
    return found[-1] if found else None


def unpack(deb, dest):
    """`dpkg-deb -x deb dest`, replacing dest."""
    partial = dest.with_name(dest.name + ".partial")
    for stale in (partial, dest):
        if stale.exists():
            shutil.rmtree(stale)
    proc = subprocess.run(
        ["dpkg-deb", "-x", str(deb), str(partial)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise BenchError(f"dpkg-deb -x {deb.name} failed: {proc.stderr.strip()}")
    partial.rename(dest)


def read_stamp(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def copy_tree(source, dest):
    """`cp -a source dest`, replacing dest; symlinks are copied as symlinks."""
    dest = Path(dest)
    partial = dest.with_name(dest.name + ".partial")
    for stale in (partial, dest):
        if stale.is_symlink() or stale.is_file():
            stale.unlink()
        elif stale.exists():
            shutil.rmtree(stale)
    proc = subprocess.run(
        ["cp", "-a", "--", str(source), str(partial)], capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise BenchError(f"cp -a {source} failed: {proc.stderr.strip()}")
    partial.rename(dest)


def main():
    parser = argparse.ArgumentParser(description="Install and copy the bench corpora.")
    add_corpus_options(parser)
    parser.add_argument("--scratch", metavar="DIR", help="where the copies go")
    parser.add_argument(
        "--locate", action="store_true", help="only print each package's tree, copy nothing"
    )
    args = parser.parse_args()
    corpora = select(args.corpus)
    if args.locate:
        ensure_installed([c.package for c in corpora])
        for corpus in corpora:
            print(f"{corpus.name}\t{corpus.package}\t{locate(corpus)}")
        return 0
    trees = prepare(corpora, scratch_dir(args.scratch, "corpora"))
    for name, tree in trees.items():
        print(f"{name}\t{tree}")
    return 0


if __name__ == "__main__":
    run_main(main)
