#!/usr/bin/env bash
# Rebuilds after typical edits, for docs/benchmarks.md: a copy of SITE is
# built once into a tmpfs folder, then, ROUNDS times: a build with nothing
# changed, one after adding a sentence to a guide, one after renaming a
# venue (edits pile up from round to round). The first build into an empty
# folder is timed too. Each line: wall, user, sys, peak RSS.
#
#   scripts/bench-rebuild.sh LABO SITE [ROUNDS]
set -euo pipefail
labo=$1 site=$2 rounds=${3:-3}
work=$(mktemp -d /dev/shm/rebuild.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$site" "$work/site"
t() { /usr/bin/time -f "%e s wall, %U user, %S sys, %M KB" "$@" 2>&1 >/dev/null | tail -1; }
guides=("$work"/site/content/guides/*.md)
guide=${guides[0]}
"$labo" build -quiet -dir "$work/site" -out "$work/out" >/dev/null
echo "first build:            $(t "$labo" build -quiet -dir "$work/site" -out "$work/out2")"
for i in $(seq "$rounds"); do
  echo "round $i, load $(cut -d' ' -f1 /proc/loadavg)"
  echo "  nothing changed:      $(t "$labo" build -quiet -dir "$work/site" -out "$work/out")"
  printf '\nUne phrase ajoutée au tour %s.\n' "$i" >>"$guide"
  echo "  one guide edited:     $(t "$labo" build -quiet -dir "$work/site" -out "$work/out")"
  # The second line of lieux.csv is the first venue: change one letter of its row.
  sed -i "2s/,/ $i,/3" "$work/site/data/lieux.csv"
  echo "  one venue edited:     $(t "$labo" build -quiet -dir "$work/site" -out "$work/out")"
done
