#!/usr/bin/env bash
# Whole-process search: `somevett search` against `fzf --filter` on the same
# texts, at the embedded 379 items and with a generated 20,000-item pack.
# Needs hyperfine and fzf. Usage: benches/whole_process.sh [ITEMS]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-20000}
cargo build --release --quiet --bin somevett --example gen_pack
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/gen_pack "$work/none" 0
./target/release/examples/gen_pack "$work/pack" "$items"
# The parsed copy of the pack goes here; files changed in the last two
# seconds are never cached.
export XDG_CACHE_HOME="$work/cache"
sleep 2
bin=$PWD/target/release/somevett
for query in "bilder samtykke" "mail" "xqzxqzxqz"; do
    hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/379.md" \
        "$bin search $query --limit 30" \
        "bash -c 'fzf --filter \"$query\" < $work/none.txt | head -30'"
    hyperfine -N --warmup 3 --runs 20 --export-markdown "$work/big.md" \
        "$bin search $query --limit 30 --data $work/pack" \
        "$bin search $query --limit 30 --data $work/pack --no-cache" \
        "bash -c 'fzf --filter \"$query\" < $work/pack.txt | head -30'"
    cat "$work/379.md" "$work/big.md"
done
echo "Peak RSS (KB):"
/usr/bin/time -f "somevett, 379 items: %M" "$bin" search mail >/dev/null
/usr/bin/time -f "somevett, $items items: %M" "$bin" search mail --data "$work/pack" >/dev/null
