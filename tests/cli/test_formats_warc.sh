# WARC and WARC.gz: each HTML response (or resource) record is an article
# read by the page reader, with its WARC-Target-URI and, when the page
# gives none, its WARC-Date; chunked and gzip-encoded HTTP bodies are
# decoded; requests, metadata and images are passed over; a damaged
# record is a warning naming its byte offset.
. "$(dirname "$0")/lib.sh"
command -v gzip >/dev/null || { echo "FAIL: gzip not installed (run contrib/install-deps.sh)"; exit 1; }
page() { # page TITLE SENTENCE
  printf '<!DOCTYPE html><html><head><title>%s - Wire</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav><article><h1>%s</h1><p>%s</p><p>Officials in Pristina and Belgrade confirmed the plan, which the European Union welcomed in a statement on Monday.</p></article><footer>Copyright Wire</footer></body></html>' "$1" "$1" "$2"
}
record() { # record TYPE URI DATE CONTENT-TYPE FILE
  local len; len=$(wc -c < "$5")
  printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n' \
    "$1" "$2" "$3" "$RANDOM" "$4" "$len"
  cat "$5"; printf '\r\n\r\n'
}
# 1: a plain response
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
  page "Kurti says talks will resume" "Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week."; } > "$TMP/r1"
# 2: chunked and gzip-encoded
page "NATO adds troops" "NATO Secretary General Jens Stoltenberg said more troops would go to Kosovo." | gzip -c > "$TMP/gz"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
  len=$(wc -c < "$TMP/gz"); half=$((len / 2))
  printf '%x\r\n' $half; head -c $half "$TMP/gz"; printf '\r\n'
  printf '%x\r\n' $((len - half)); tail -c +$((half + 1)) "$TMP/gz"; printf '\r\n0\r\n\r\n'; } > "$TMP/r2"
printf 'GET /a HTTP/1.1\r\nHost: wire.example\r\n\r\n' > "$TMP/req"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n'; printf '\211PNG\r\n\032\n\000\000\000junk'; } > "$TMP/img"
{ record request https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=request' "$TMP/req"
  record response https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=response' "$TMP/r1"
  record response https://wire.example/logo.png 2025-04-26T08:23:03Z 'application/http; msgtype=response' "$TMP/img"
  record response https://wire.example/b 2023-10-18T10:00:00Z 'application/http; msgtype=response' "$TMP/r2"
} > "$TMP/crawl.warc"
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print(a.id, a.format, a.compression, a.title, a.url, a.date)
  print("TEXT", (a.text:gsub("\n", "|")))
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/crawl.warc"
expect_rc 0
expect_out "$(printf 'crawl:1\twarc\tnil\tKurti says talks will resume\thttps://wire.example/a\t2025-04-26')"
expect_out "TEXT	Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week.|"
expect_out "$(printf 'crawl:2\twarc\tnil\tNATO adds troops\thttps://wire.example/b\t2023-10-18')"
expect_out "TEXT	NATO Secretary General Jens Stoltenberg said more troops would go to Kosovo."
expect_no_out "Home"; expect_no_out "Copyright Wire"; expect_no_out "PNG"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^TEXT')" 2
# the charset from the HTTP header (ISO-8859-2: č is \350, ć is \346), the
# page itself declaring none
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-2\r\n\r\n'
  printf '<html><head><title>Vu\350i\346 meets envoy</title></head><body><article><h1>Vu\350i\346 meets envoy</h1><p>Serbian President Aleksandar Vu\350i\346 met the envoy in Belgrade on Monday, officials said, and both agreed to meet again.</p></article></body></html>'; } > "$TMP/r3"
record response https://wire.example/c 2023-10-19T10:00:00Z 'application/http; msgtype=response' "$TMP/r3" > "$TMP/latin2.warc"
run "$LEDE" run "$TMP/show.lua" "$TMP/latin2.warc"
expect_rc 0
expect_out "$(printf 'crawl:1\twarc\tnil\tVučić meets envoy' | sed 's/crawl/latin2/')"
expect_out "President Aleksandar Vučić met the envoy"
# .warc.gz: one gzip member per record, as crawlers write them
: > "$TMP/crawl.warc.gz"
{ record request https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=request' "$TMP/req"; } | gzip -c >> "$TMP/crawl.warc.gz"
{ record response https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=response' "$TMP/r1"; } | gzip -c >> "$TMP/crawl.warc.gz"
{ record response https://wire.example/b 2023-10-18T10:00:00Z 'application/http; msgtype=response' "$TMP/r2"; } | gzip -c >> "$TMP/crawl.warc.gz"
run "$LEDE" run "$TMP/show.lua" "$TMP/crawl.warc.gz"
expect_rc 0
expect_out "$(printf 'crawl:1\twarc\tgzip\tKurti says talks will resume')"
expect_out "$(printf 'crawl:2\twarc\tgzip\tNATO adds troops')"
run "$LEDE" stats "$TMP/crawl.warc.gz"
expect_out_re '^articles +2$'
# a record cut short: a warning naming its byte offset, what is there read
head -c $(( $(wc -c < "$TMP/crawl.warc") - 300 )) "$TMP/crawl.warc" > "$TMP/cut.warc"
run "$LEDE" stats "$TMP/cut.warc"
expect_err_re "cut\.warc: warning: WARC record at byte [0-9]+ is cut short"
# a record without Content-Length: skipped, the next one still read
{ printf 'WARC/1.0\r\nWARC-Type: response\r\n\r\nno length here\r\n\r\n'
  record response https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=response' "$TMP/r1"; } > "$TMP/nolen.warc"
run "$LEDE" stats "$TMP/nolen.warc"
expect_err "nolen.warc: warning: WARC record at byte 0 has no Content-Length, skipped"
expect_out_re '^articles +1$'
# no HTML at all: a warning
{ record request https://wire.example/a 2025-04-26T08:23:02Z 'application/http; msgtype=request' "$TMP/req"; } > "$TMP/req.warc"
run "$LEDE" stats "$TMP/req.warc"
expect_err "no HTML response among its 1 WARC records"
finish
