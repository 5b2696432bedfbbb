#!/usr/bin/env bash
# Lighthouse over every reader page type of the example site, desktop and mobile presets:
# accessibility >= 98, SEO 100, best practices >= 95 (issue 13). Run by `make lighthouse`
# (CI runs it after `make test`); needs Node's npm and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
CACHE=${LIGHTHOUSE_CACHE:-.cache/lighthouse}
# The reader pages the browser tests open (tests/browser.py READER_PAGES), English and Korean.
PAGES=${PAGES:-$("$BIN/python" -c 'from tests.browser import READER_PAGES; print(" ".join("/" + p for p in READER_PAGES.values()))')}
PORT=${PORT:-8917}

[ -x "$CACHE/node_modules/.bin/lighthouse" ] || npm install --silent --prefix "$CACHE" lighthouse@12
site=$(mktemp -d)
"$BIN/factdesk" build --site-dir "$site/site" >/dev/null
"$BIN/python" -m http.server "$PORT" --bind 127.0.0.1 --directory "$site/site" >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$site"' EXIT
sleep 1

failed=0
echo "preset  page  accessibility  seo  best-practices"
for preset in desktop mobile; do
  for path in $PAGES; do
    flags=(); [ "$preset" = desktop ] && flags=(--preset=desktop)
    CHROME_PATH=/usr/bin/chromium "$CACHE/node_modules/.bin/lighthouse" \
      "http://127.0.0.1:$PORT$path" "${flags[@]}" --quiet \
      --chrome-flags="--headless --no-sandbox --disable-gpu" \
      --only-categories=accessibility,seo,best-practices \
      --output=json --output-path="$site/report.json"
    "$BIN/python" - "$site/report.json" "$preset" "$path" <<'PY' || failed=1
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
score = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
print(sys.argv[2], sys.argv[3], score["accessibility"], score["seo"], score["best-practices"])
floor = {"accessibility": 98, "seo": 100, "best-practices": 95}
low = [f"{k} {score[k]} < {v}" for k, v in floor.items() if score[k] < v]
if low:
    print("  below the floor:", "; ".join(low))
    sys.exit(1)
PY
  done
done
exit $failed
