#!/usr/bin/env bash
# Cold-start comparison for BENCHMARKS.md: the README's careprint handout command against
# internal/bench/coldfpdf (a minimal fpdf program printing the same text with the same
# two fonts), each as a new process, in turn, so that both see the same machine load.
# Prints the median time per run of each and their ratio. Usage: internal/bench/cold.sh [ROUNDS]
set -euo pipefail
rounds=${1:-15}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/careprint" "$top/cmd/careprint"
go build -o "$work/coldfpdf" "$top/internal/bench/coldfpdf"
cd "$work"
handout() {
  ./careprint handout --patient "Zoë Łukasiewicz-Ñúñez" --condition acne-scars --condition fine-lines \
    --date 2026-12-01 --clinician "Dr Amara Osei" -o out.pdf >/dev/null
}
handout
pdftotext out.pdf handout.txt 2>/dev/null || ./careprint handout --patient "Zoë Łukasiewicz-Ñúñez" \
  --condition acne-scars --condition fine-lines --date 2026-12-01 --dump | sed -n 's/.*"\(.*\)"$/\1/p' > handout.txt
ms() { echo $(( ($2 - $1) / 100000 )); } # 10 runs, in hundredths of a millisecond per run
for _ in $(seq "$rounds"); do
  s=$(date +%s%N); for _ in 1 2 3 4 5 6 7 8 9 10; do handout; done; e=$(date +%s%N)
  s2=$(date +%s%N); for _ in 1 2 3 4 5 6 7 8 9 10; do ./coldfpdf handout.txt base.pdf; done; e2=$(date +%s%N)
  echo "$(ms "$s" "$e") $(ms "$s2" "$e2")"
done > times
median() { sort -n | sed -n "$(( (rounds + 1) / 2 ))p"; }
a=$(cut -d' ' -f1 times | median)
b=$(cut -d' ' -f2 times | median)
echo "careprint handout: $((a / 100)).$(printf %02d $((a % 100))) ms, coldfpdf: $((b / 100)).$(printf %02d $((b % 100))) ms, ratio $((a * 100 / b / 100)).$(printf %02d $((a * 100 / b % 100)))"
