#!/usr/bin/env bash
# Interleaved runs of two labo binaries on one site, so that figures taken
# on a machine whose speed drifts can be compared (docs/benchmarks.md).
#
#   scripts/bench-ab.sh REF NEW SITE [ROUNDS]
#
# REF builds into /dev/shm/ab-ref, NEW into /dev/shm/ab-new (tmpfs): check,
# each one's first build into an empty folder, then each one's build into
# its existing folder (render cache on when the binary has one), and NEW's
# build there without its render cache. Each line: wall, user, sys, peak RSS.
set -euo pipefail
ref=${1:?usage: bench-ab.sh REF NEW SITE [ROUNDS]} new=${2:?usage: bench-ab.sh REF NEW SITE [ROUNDS]} rounds=${4:-3}
t() { /usr/bin/time -f "%e s wall, %U user, %S sys, %M KB" "$@" 2>&1 >/dev/null | tail -1; }
# Each binary gets its own copy of the site: the parse cache in the site
# folder is versioned by the executable, and two binaries sharing one would
# throw each other's away at every run. (A site.toml whose previous_release
# is a relative path leading out of the site folder needs an absolute one.)
work=$(mktemp -d /tmp/bench-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
site=${3:?usage: bench-ab.sh REF NEW SITE [ROUNDS]}
cp -r "$site" "$work/ref" && cp -r "$site" "$work/new"
rm -rf "$work/ref/.labo-cache" "$work/new/.labo-cache"
"$ref" build -quiet -dir "$work/ref" -out /dev/shm/ab-ref >/dev/null
"$new" build -quiet -dir "$work/new" -out /dev/shm/ab-new >/dev/null
for i in $(seq "$rounds"); do
  echo "round $i, load $(cut -d' ' -f1 /proc/loadavg)"
  echo "  ref check:             $(t "$ref" check -dir "$work/ref")"
  echo "  new check:             $(t "$new" check -dir "$work/new")"
  rm -rf /dev/shm/ab-ref /dev/shm/.labo-cache/ab-ref.manifest
  echo "  ref first build:       $(t "$ref" build -quiet -dir "$work/ref" -out /dev/shm/ab-ref)"
  rm -rf /dev/shm/ab-new /dev/shm/.labo-cache/ab-new.manifest
  echo "  new first build:       $(t "$new" build -quiet -dir "$work/new" -out /dev/shm/ab-new)"
  echo "  ref build again:       $(t "$ref" build -quiet -dir "$work/ref" -out /dev/shm/ab-ref)"
  echo "  new build again:       $(t "$new" build -quiet -dir "$work/new" -out /dev/shm/ab-new)"
  rm -f /dev/shm/.labo-cache/ab-new.manifest
  echo "  new again, no cache:   $(t "$new" build -quiet -dir "$work/new" -out /dev/shm/ab-new)"
done
