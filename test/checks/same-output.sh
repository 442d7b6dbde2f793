#!/usr/bin/env bash
# Compares two copies of a night's output: the KPI Parquet files byte for
# byte, and the site pages with the line that prints the build time
# normalised. Usage: test/checks/same-output.sh BEFORE AFTER, where each
# folder holds kpi/ (a copy of .scorecard/kpi) and v/ (of .scorecard/site/v).
set -euo pipefail
before=$1 after=$2
status=0

echo "KPI Parquet files:"
while IFS= read -r file; do
  if cmp -s "$before/$file" "$after/$file"; then echo "  same   $file"; else echo "  DIFFER $file"; status=1; fi
done < <(cd "$before" && find kpi -type f | sort)
[ "$(cd "$before" && find kpi -type f | sort)" = "$(cd "$after" && find kpi -type f | sort)" ] || { echo "  the two hold different files"; status=1; }

# the footer prints when the page was built: the one line that differs between two builds
normalise() { sed -E -e 's/Built [^<]*</Built BUILD-TIME</g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/BUILD-TIME/g' "$1"; }
pages=0 differ=0
while IFS= read -r file; do
  pages=$((pages + 1))
  if ! cmp -s <(normalise "$before/$file") <(normalise "$after/$file"); then echo "  DIFFER $file"; differ=$((differ + 1)); status=1; fi
done < <(cd "$before" && find v -type f | sort)
[ "$(cd "$before" && find v -type f | sort)" = "$(cd "$after" && find v -type f | sort)" ] || { echo "  the two sites hold different files"; status=1; }
echo "site files: $pages compared, $differ differ (build time normalised)"
exit $status
