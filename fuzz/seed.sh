#!/usr/bin/env bash
# Fills corpus/<target>/ with the files of each target's kind found under tests/fixtures/
# and examples/. The seeds are named by the SHA-1 of their bytes, as libFuzzer names its
# own, so running this again adds nothing twice. The corpus is never checked in.
set -euo pipefail

fuzz_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$fuzz_dir")
corpus="$fuzz_dir/corpus"

targets=(python php yaml json toml ini dotenv nginx apache dockerfile)
for t in "${targets[@]}"; do mkdir -p "$corpus/$t"; done

# add TARGET FILE [PREFIX]: copies FILE into TARGET's corpus, after PREFIX's bytes if given
# (the yaml target reads its first byte as the choice of YAML language).
add() {
    local target=$1 file=$2 prefix=${3-} tmp
    tmp=$(mktemp)
    if [ -n "$prefix" ]; then printf '%b' "$prefix" >"$tmp"; fi
    cat "$file" >>"$tmp"
    mv "$tmp" "$corpus/$target/$(sha1sum "$tmp" | cut -d' ' -f1)"
}

# The kind of a file, by its name and folders; empty when no target reads it.
kind() {
    local path=$1 name=${1##*/}
    case "$name" in
        *.py | *.pyw | *.wsgi | *.asgi) echo python ;;
        *.php | *.phtml | *.php5 | *.php7 | *.php8 | *.php.dist) echo php ;;
        *.yml | *.yaml) echo yaml ;;
        *.json) echo json ;;
        *.toml) echo toml ;;
        *.ini | php.ini-* | .user.ini) echo ini ;;
        .env | .env.* | *.env) echo dotenv ;;
        Dockerfile | Dockerfile.* | *.Dockerfile | *.dockerfile | Containerfile | Containerfile.*) echo dockerfile ;;
        nginx.conf | fastcgi.conf | *.nginx | *.nginxconf | fastcgi_params | proxy_params | scgi_params | uwsgi_params | mime.types | koi-utf | nginx.conf.j2) echo nginx ;;
        .htaccess | httpd.conf | apache2.conf | *.load) echo apache ;;
        *.conf)
            # Both servers use .conf: the folders tell, and else the text does.
            case "$path" in
                *nginx*) echo nginx ;;
                *apache* | *httpd*) echo apache ;;
                *) if grep -qE '^[[:space:]]*(server|http|events|upstream|location)[^;]*\{' "$path"; then
                       echo nginx
                   else
                       echo apache
                   fi ;;
            esac ;;
        *)
            case "$path" in
                *nginx*/sites-available/* | *nginx*/sites-enabled/*) echo nginx ;;
                */sites-available/* | */sites-enabled/*) echo apache ;;
            esac ;;
    esac
}

# The first byte of a yaml seed: 0 yaml, 1 compose, 2 github-workflow, 3 ansible-tasks,
# 4 ansible (the order of the yaml target's table).
yaml_kind() {
    local path=$1 name=${1##*/}
    case "$path" in
        */.github/workflows/*) echo '\x02'; return ;;
        */tasks/* | */handlers/*) echo '\x03'; return ;;
        */playbooks/* | */ansible/*) echo '\x04'; return ;;
    esac
    case "$name" in
        docker-compose* | compose*) echo '\x01' ;;
        *) echo '\x00' ;;
    esac
}

cd "$root"
while IFS= read -r -d '' file; do
    target=$(kind "$file")
    case "$target" in
        "") ;;
        yaml)
            # Each YAML file goes in as its own kind and as plain YAML.
            add yaml "$file" "$(yaml_kind "$file")"
            add yaml "$file" '\x00' ;;
        *) add "$target" "$file" ;;
    esac
done < <(find tests/fixtures examples -type f -print0 2>/dev/null | sort -z)

for t in "${targets[@]}"; do
    printf '%-10s %s seeds\n' "$t" "$(find "$corpus/$t" -type f | wc -l)"
done
