# `-o html` is one self-contained file: inline CSS and SVG, no script, no
# network, everything escaped; and a real browser renders it.
# Needs /usr/bin/chromium (contrib/install-deps.sh installs it); without it
# this test fails unless LEDE_SKIP_BROWSER=1.
. "$(dirname "$0")/lib.sh"

TITLE="Briefing: 5 articles, dated 2023-06-13 to 2025-04-26"
"$LEDE" report briefing -o html "$CORPUS" >"$TMP/briefing.html" 2>"$TMP/err"
RC=$?
OUT=$(cat "$TMP/briefing.html"); ERR=$(cat "$TMP/err")
expect_rc 0
expect_err_empty
expect_out_re '^<!DOCTYPE html>$'
expect_out "<title>$TITLE</title>"
expect_out "<style>"
expect_out '<svg class="chart timeline"'
expect_out '<svg class="chart bars"'
expect_out '</html>'
# self-contained: nothing fetched, nothing run
for bad in "http://" "https://" "<script" "<link" "<img" "<iframe" " src=" "url(" "@import"; do
  expect_no_out "$bad"
done

# everything from the articles is escaped
printf '%s\n' '{"id":"evil","date":"2024-01-02","source":"A & B <Media>","title":"<script>alert(\"x\")</script> O'"'"'Neil & co","text":"Jens Stoltenberg said <b>bold</b> & \"quoted\" things on Tuesday.\n\nNATO deployed 12 <i>troops</i>."}' >"$TMP/evil.jsonl"
run "$LEDE" report briefing -o html "$TMP/evil.jsonl"
expect_rc 0
expect_no_out "<script"
expect_no_out "<b>"
expect_no_out "<i>"
expect_out "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neil &amp; co"
expect_out "A &amp; B &lt;Media&gt;"
expect_out "Jens Stoltenberg said &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;"
# the same in the SVG tooltips
expect_out_re '<title>2024-01-02 — A &amp; B &lt;Media&gt;, 2024-01-02: &lt;script&gt;'   # the mark's label: source, date, title (was the id), escaped

# render it in a headless browser
CHROMIUM=${LEDE_CHROMIUM:-/usr/bin/chromium}   # override to test another build
if [ ! -x "$CHROMIUM" ]; then
  if [ "${LEDE_SKIP_BROWSER:-}" = 1 ]; then
    echo "$T_NAME: $CHROMIUM not found; browser checks skipped (LEDE_SKIP_BROWSER=1)"
    finish
  fi
  OUT=""; ERR=""
  fail "$CHROMIUM not found: install it (apt-get install chromium, or contrib/install-deps.sh), or set LEDE_SKIP_BROWSER=1 to skip the browser checks"
  finish
fi
chrome() {
  timeout 30 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$TMP/profile" "$@" "file://$TMP/briefing.html" 2>"$TMP/chrome.err"
}
chrome --screenshot="$TMP/shot.png" --window-size=1200,2000 >/dev/null
OUT=""; ERR=$(tail -c 600 "$TMP/chrome.err")
CHECKS=$((CHECKS + 1))
if [ ! -s "$TMP/shot.png" ]; then
  fail "chromium wrote no screenshot"
else
  size=$(wc -c <"$TMP/shot.png")
  [ "$size" -gt 10240 ] || fail "screenshot is only $size bytes (expected > 10 KB)"
  CHECKS=$((CHECKS + 1))
  [ "$(head -c 8 "$TMP/shot.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] || fail "screenshot is not a PNG"
fi
OUT=$(chrome --dump-dom)
ERR=$(tail -c 600 "$TMP/chrome.err")
expect_out "<h1>$TITLE</h1>"
expect_out '<svg class="chart timeline"'
expect_out "Jens Stoltenberg"

finish
