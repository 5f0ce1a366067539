# HTML pages as input: a made-up page read by name, by content (stdin) and
# gzip-compressed; its title, metadata and body, without the menus, related
# links, comments and footer around it; a truncated page and binary junk
# named .html never crash. When ../shared/eval/pages exists (relative to
# $LEDE_SRC), the body F1 on the dev pages against tests/eval-floors-pages.tsv.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/story.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Bridge reopens after repairs | The Riverside Courier</title>
<meta property="og:title" content="Bridge reopens after two years of repairs | The Riverside Courier">
<meta property="og:site_name" content="The Riverside Courier">
<meta name="author" content="Marta Kowalska">
<link rel="canonical" href="https://courier.example.org/news/bridge-reopens">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-21T09:30:00Z","articleSection":"Local"}</script>
<style>body { color: red }</style>
</head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>Bridge reopens after two years of repairs</h1>
<div class="article-body">
<p>The old stone bridge over the river reopened on Tuesday after two years of repairs,
the city said, and the first buses crossed it at dawn.</p>
<p>&ldquo;It is good to have it back,&rdquo; said Ana Vu&#269;i&#263;, who runs a bakery on the east bank.</p>
<div class="social-share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<p>Engineers replaced the deck, strengthened two of the five arches and added a cycle lane,
at a cost of 12 million euros, according to the council.</p>
</div>
<section class="related-articles"><h2>Related</h2><ul>
<li><a href="/x">Council approves the new tram line for the north of the city</a></li>
<li><a href="/y">Flood defences finished ahead of the winter storms</a></li></ul></section>
</article></main>
<div id="comments"><p>First! Great news for everyone who lives on the east bank of the river.</p></div>
<footer><p>&copy; 2024 The Riverside Courier. All rights reserved.</p></footer>
</body></html>
HTML

cat >"$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print("id=" .. a.id)
  print("title=" .. tostring(a.title))
  print("date=" .. tostring(a.date))
  print("byline=" .. tostring(a.byline))
  print("source=" .. tostring(a.source))
  print("url=" .. tostring(a.url))
  print("paragraphs=" .. #a.paragraphs)
  print("text=" .. a.text)
end
LUA

check_story() {
  expect_out "title=Bridge reopens after two years of repairs"
  expect_out "date=2024-05-21"
  expect_out "byline=Marta Kowalska"
  expect_out "source=The Riverside Courier"
  expect_out "url=https://courier.example.org/news/bridge-reopens"
  expect_out "paragraphs=3"
  expect_out "text=The old stone bridge over the river reopened on Tuesday after two years of repairs, the city said"
  expect_out "“It is good to have it back,” said Ana Vučić"
  for bad in "Sport" "Tweet" "tram line" "First!" "All rights reserved" "color: red" "<p>" "&ldquo;"; do
    expect_no_out "$bad"
  done
}

run "$LEDE" run "$TMP/show.lua" "$TMP/story.html"
expect_rc 0
expect_err_empty
expect_out "id=story"
check_story

# by content, on stdin
run_stdin "$TMP/story.html" "$LEDE" run "$TMP/show.lua" -
expect_rc 0
check_story

# gzip-compressed
gzip -c "$TMP/story.html" >"$TMP/story2.html.gz"
run "$LEDE" run "$TMP/show.lua" "$TMP/story2.html.gz"
expect_rc 0
expect_out "id=story2"
check_story

# lede stats counts one article, its sentences; the quote is found
run "$LEDE" stats "$TMP/story.html"
expect_rc 0
expect_out_re "articles +1"
cat >"$TMP/quotes.lua" <<'LUA'
for a in corpus:articles() do
  for _, q in ipairs(a:quotes()) do print("quote", q.text, q.speaker) end
end
LUA
run "$LEDE" run "$TMP/quotes.lua" "$TMP/story.html"
expect_rc 0
expect_out "It is good to have it back"

# truncated page, binary junk, a page with no article: no crash, clear warnings
head -c 700 "$TMP/story.html" >"$TMP/cut.html"
run "$LEDE" stats "$TMP/cut.html"
CHECKS=$((CHECKS + 1)); [ "$RC" -le 2 ] || fail "truncated page: exit $RC"
head -c 3000 /dev/urandom >"$TMP/junk.html"
run "$LEDE" stats "$TMP/junk.html"
CHECKS=$((CHECKS + 1)); [ "$RC" -le 2 ] || fail "junk: exit $RC"
expect_err "junk.html"
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' >"$TMP/empty.html"
run "$LEDE" stats "$TMP/empty.html"
CHECKS=$((CHECKS + 1)); [ "$RC" -le 2 ] || fail "no article: exit $RC"
expect_err "empty.html"

# eval --format pages on a made-up benchmark folder
mkdir -p "$TMP/bench/html"
cp "$TMP/story.html" "$TMP/bench/html/p1.html"
cat >"$TMP/bench/ground-truth.json" <<'JSON'
{"p1": {"url": "https://courier.example.org/news/bridge-reopens", "articleBody": "The old stone bridge over the river reopened on Tuesday after two years of repairs, the city said, and the first buses crossed it at dawn.\n\n“It is good to have it back,” said Ana Vučić, who runs a bakery on the east bank.\n\nEngineers replaced the deck, strengthened two of the five arches and added a cycle lane, at a cost of 12 million euros, according to the council."}}
JSON
run "$LEDE" eval --format pages "$TMP/bench"
expect_rc 0
expect_out "pages 1  body F1 1.000  F1 >= 0.9 on 1 (1.000)"
run "$LEDE" eval --format pages
expect_rc 2

# the visible headline: an h1 saying what og:title says, in its own
# wording (curly quotes, one word more), is the title; a site-name h1 is not
cat > "$TMP/h1.html" <<'HTML'
<html><head><meta property="og:title" content="Kurti's plan: talks to resume | Wire"></head>
<body><h1>Balkan Wire</h1><article><h1>Kurti’s plan: talks to resume soon</h1>
<p>Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume in Brussels next week, after months of tension.</p></article></body></html>
HTML
cat > "$TMP/h1.lua" <<'LUA'
for a in corpus:articles() do
  print("title=" .. tostring(a.title))
  print("h=" .. (a.headings or ""):gsub("\n", "|"))
end
LUA
run "$LEDE" run "$TMP/h1.lua" "$TMP/h1.html"
expect_out "title=Kurti’s plan: talks to resume soon"
expect_out "h=Balkan Wire|Kurti’s plan: talks to resume soon"
printf '<html><head><meta property="og:title" content="Jangan membenci satu kaum"></head><body><h1>Kabar tentang dunia islam</h1><article><p>Teks artikel yang cukup panjang untuk dibaca sebagai isi halaman ini, dengan koma, dan titik.</p></article></body></html>' > "$TMP/site.html"
run "$LEDE" run "$TMP/h1.lua" "$TMP/site.html"
expect_out "title=Jangan membenci satu kaum"

# the dev pages, when ../shared/eval is there
PAGES="$LEDE_SRC/../shared/eval/pages"
if [ -d "$PAGES/html" ]; then
  run "$LEDE" eval -o json --format pages "$PAGES"
  expect_rc 0
  while IFS=$'\t' read -r key floor; do
    case "$key" in ''|'#'*) continue ;; esac
    field=$key; [ "$key" = share ] && field=share_ge_0_9
    got=$(printf '%s' "$OUT" | jq -r ".$field")
    CHECKS=$((CHECKS + 1))
    awk -v g="$got" -v f="$floor" 'BEGIN { exit !(g + 0 >= f + 0) }' ||
      fail "pages $key $got below the floor $floor"
  done <"$LEDE_SRC/tests/eval-floors-pages.tsv"
else
  echo "$T_NAME: $PAGES absent: the dev-page floors are not checked"
fi

finish
