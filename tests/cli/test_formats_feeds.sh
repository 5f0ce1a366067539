# RSS and Atom feeds: one article per item or entry, with its title, link,
# date (RFC 822 and RFC 3339), author, categories, the channel as source,
# and its HTML content read as text (paragraphs from block elements,
# entities decoded, no markup left). Found by content whatever the name.
. "$(dirname "$0")/lib.sh"
cat > "$TMP/news.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Balkan Wire</title>
  <link>https://wire.example/</link>
  <item>
    <title>Kurti says talks will resume</title>
    <link>https://wire.example/kurti-talks</link>
    <pubDate>Tue, 17 Oct 2023 09:30:00 GMT</pubDate>
    <dc:creator>Ana Petrović</dc:creator>
    <category>Politics</category>
    <description>Short summary only.</description>
    <content:encoded><![CDATA[<p>Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume &amp; continue.</p><p>“We are ready,” Kurti told reporters in Pristina.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>NATO adds troops</title>
    <link>https://wire.example/nato-troops</link>
    <pubDate>Wed, 18 Oct 2023 11:00:00 +0200</pubDate>
    <description>&lt;p&gt;NATO Secretary General Jens Stoltenberg said more troops would go to Kosovo.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Headline only</title>
  </item>
</channel>
</rss>
XML
cat > "$TMP/feed.atom" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <entry>
    <title type="html">EU &lt;em&gt;mediates&lt;/em&gt; in Brussels</title>
    <link rel="alternate" href="https://atom.example/eu-mediates"/>
    <link rel="edit" href="https://atom.example/edit/1"/>
    <published>2023-10-19T08:15:00Z</published>
    <updated>2023-10-20T10:00:00Z</updated>
    <author><name>Miroslav Lajčák</name></author>
    <category term="Diplomacy"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>EU envoy Miroslav Lajčák met both delegations in Brussels.</p><p>He said progress was possible.</p></div></content>
  </entry>
  <entry>
    <title>Second entry</title>
    <link href="https://atom.example/second"/>
    <updated>2023-10-21T07:00:00+01:00</updated>
    <summary type="text">A plain summary of the second entry.</summary>
  </entry>
</feed>
XML
cat > "$TMP/show.lua" <<'LUA'
for a in corpus:articles() do
  print(a.id, a.format, a.title, a.url, a.date, a.byline, a.source,
        table.concat(a.categories or {}, ","))
  print("TEXT", (a.text:gsub("\n", "|")))
end
LUA
run "$LEDE" run "$TMP/show.lua" "$TMP/news.xml" "$TMP/feed.atom"
expect_rc 0; expect_err_empty
expect_out "$(printf 'news:1\trss\tKurti says talks will resume\thttps://wire.example/kurti-talks\t2023-10-17\tAna Petrović\tBalkan Wire\tPolitics')"
expect_out "TEXT	Prime Minister Albin Kurti said on Tuesday that talks with Serbia would resume & continue.||“We are ready,” Kurti told reporters in Pristina."
expect_no_out "track()"
expect_no_out "Short summary only."
expect_out "$(printf 'news:2\trss\tNATO adds troops\thttps://wire.example/nato-troops\t2023-10-18')"
expect_out "TEXT	NATO Secretary General Jens Stoltenberg said more troops would go to Kosovo."
expect_out "$(printf 'news:3\trss\tHeadline only')"
expect_out "TEXT	Headline only"
expect_out "$(printf 'feed:1\tatom\tEU mediates in Brussels\thttps://atom.example/eu-mediates\t2023-10-19\tMiroslav Lajčák\tAtom Desk\tDiplomacy')"
expect_out "TEXT	EU envoy Miroslav Lajčák met both delegations in Brussels.||He said progress was possible."
expect_out "$(printf 'feed:2\tatom\tSecond entry\thttps://atom.example/second\t2023-10-21')"
expect_out "TEXT	A plain summary of the second entry."
expect_no_out "<p>"
# the rules see the items: a quote and its speaker
printf 'for a in corpus:articles() do for _, q in ipairs(a:annotations("QUOTE")) do print(a.id, q.speaker or q.text) end end\n' > "$TMP/q.lua"
run "$LEDE" run "$TMP/q.lua" "$TMP/news.xml"
expect_rc 0; expect_out "news:1"
# streamed: the same articles, one at a time
run "$LEDE" --stream run "$TMP/show.lua" "$TMP/news.xml" "$TMP/feed.atom"
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^TEXT')" 5
run "$LEDE" stats "$TMP/news.xml" "$TMP/feed.atom"
expect_rc 0; expect_out_re '^articles +5$'
# a broken feed: recovered where libxml2 can, never a crash
head -c 900 "$TMP/news.xml" > "$TMP/cut.rss"
run "$LEDE" stats "$TMP/cut.rss"
expect_out_re "^articles +[0-2]$"
printf '<rss><channel><title>x</title></channel></rss>' > "$TMP/empty.rss"
run "$LEDE" stats "$TMP/empty.rss"
expect_err "empty.rss: warning: a feed with no items"
finish
