# `lede train`: an entity tagger trained on tiny made-up CoNLL files (IOB1
# and IOB2, two and four columns) and on JSON Lines with a custom kind, then
# used from a script; per-epoch output, determinism, --epochs, -q, errors,
# --features, the sandbox around m:save, and a smoke run on CoNLL-2003 when
# ../shared/eval has it (never copied into the repository).
. "$(dirname "$0")/lib.sh"

# s WORD[/TAG]...: one sentence as "token tag" lines (a word without /TAG is O)
s() {
  local w
  for w in "$@"; do
    case $w in */*) printf '%s %s\n' "${w%/*}" "${w##*/}" ;; *) printf '%s O\n' "$w" ;; esac
  done
  echo
}
# s4: the same in CoNLL-2003's four tab-separated columns (token POS chunk tag)
s4() {
  local w
  for w in "$@"; do
    case $w in
      */*) printf '%s\tNNP\tI-NP\t%s\n' "${w%/*}" "${w##*/}" ;;
      *) printf '%s\tNN\tI-NP\tO\n' "$w" ;;
    esac
  done
  echo
}
doc() { printf -- '-DOCSTART- -X- -X- O\n\n'; }

# Four made-up documents, 32 sentences: the first sentence of each is its
# headline. Documents 1 and 4 are IOB1 (I- everywhere, B- only between two
# entities of a type), 2 and 3 IOB2.
{
  doc
  s4 HALVEX/I-ORG PROFITS RISE IN BRAMFORD/I-LOC
  s4 BRAMFORD/I-LOC 1996-08-30
  s4 Halvex/I-ORG Industries/I-ORG said on Tuesday its profits rose in Bramford/I-LOC .
  s4 Chief executive Marta/I-PER Quillon/I-PER told reporters the results were strong .
  s4 Quillon/I-PER said Halvex/I-ORG would open a plant in Kelloway/I-LOC next year .
  s4 Shares in Corvin/I-ORG Bank/I-ORG fell after the news .
  s4 Tobias/I-PER Venn/I-PER of Corvin/I-ORG Bank/I-ORG said the bank was cautious .
  s4 The plant in Kelloway/I-LOC will employ 300 people , Quillon/I-PER said .
  s4 Results : Tarsia/I-LOC Norvale/B-LOC 2 1
  doc
  s VENN/B-PER WINS IN TARSIA/B-LOC
  s TARSIA/B-LOC 1996-08-31
  s Ilsa/B-PER Brack/I-PER beat Oren/B-PER Dask/I-PER in the final in Tarsia/B-LOC on Sunday .
  s Brack/B-PER , who plays for Stavro/B-ORG United/I-ORG , won 6-3 6-4 .
  s Dask/B-PER said he was tired after the match in Tarsia/B-LOC .
  s Stavro/B-ORG United/I-ORG chairman Tobias/B-PER Venn/I-PER praised Brack/B-PER .
  s The next event is in Norvale/B-LOC in March .
  s Pellmark/B-ORG sponsors the tournament .
  s Marta/B-PER Quillon/I-PER presented the trophy .
  doc
  s4 PELLMARK/B-ORG TO BUY STAVRO/B-ORG UNITED/I-ORG
  s4 NORVALE/B-LOC 1996-09-02
  s4 Pellmark/B-ORG agreed to buy Stavro/B-ORG United/I-ORG for 40 million crowns , the company said in Norvale/B-LOC .
  s4 Oren/B-PER Dask/I-PER , a spokesman for Pellmark/B-ORG , said the deal would close in May .
  s4 Corvin/B-ORG Bank/I-ORG advised Pellmark/B-ORG on the deal .
  s4 Ilsa/B-PER Brack/I-PER welcomed the news .
  s4 Analysts in Bramford/B-LOC said the price was high .
  s4 The club plays in Norvale/B-LOC and Kelloway/B-LOC .
  doc
  s QUILLON/I-PER MEETS VENN/I-PER IN KELLOWAY/I-LOC
  s KELLOWAY/I-LOC 1996-09-03
  s Marta/I-PER Quillon/I-PER met Tobias/I-PER Venn/I-PER in Kelloway/I-LOC on Monday .
  s Halvex/I-ORG Industries/I-ORG and Corvin/I-ORG Bank/I-ORG signed a loan agreement .
  s Venn/I-PER said Corvin/I-ORG would lend Halvex/I-ORG 10 million crowns .
  s The money will fund the plant in Kelloway/I-LOC , Quillon/I-PER said .
} > "$TMP/train.conll"
{
  doc
  s QUILLON/B-PER VISITS TARSIA/B-LOC
  s Marta/B-PER Quillon/I-PER visited Tarsia/B-LOC on Friday .
  s Halvex/B-ORG Industries/I-ORG will open an office in Norvale/B-LOC .
  s Ilsa/B-PER Brack/I-PER of Stavro/B-ORG United/I-ORG was there .
} > "$TMP/dev.conll"

# ------------------------------------------------------------ a first model
run "$LEDE" train --model "$TMP/m1.model" --dev "$TMP/dev.conll" --epochs 6 "$TMP/train.conll"
expect_rc 0
expect_err_empty
expect_out "training on 32 sentences"
expect_out "dev 4 sentences"
expect_out_re '^epoch +1 +[0-9]+ of 32 training sentences wrong  dev P [01]\.[0-9]{4} R [01]\.[0-9]{4} F1 [01]\.[0-9]{4}  \(LOC [01]\.[0-9]{3} ORG [01]\.[0-9]{3} PER [01]\.[0-9]{3}\)  saved$'
expect_out_re "^wrote $TMP/m1\.model: [0-9]+ features, [A-Z/]+, dev F1 [01]\.[0-9]{4} at epoch [0-9]+ \([0-9.]+ s\)$"
CHECKS=$((CHECKS + 1)); [ -s "$TMP/m1.model" ] || fail "no model written"
# every epoch line has the dev scores; at most 6 of them
n=$(printf '%s\n' "$OUT" | grep -c '^epoch ')
CHECKS=$((CHECKS + 1)); [ "$n" -ge 1 ] && [ "$n" -le 6 ] || fail "$n epoch lines, expected 1 to 6"
expect_eq "$(printf '%s\n' "$OUT" | grep '^epoch ' | grep -vc ' dev P ')" "0" "(epoch lines without dev scores)"
# the last line is the "wrote" line
expect_eq "$(printf '%s\n' "$OUT" | tail -n 1 | cut -c1-6)" "wrote "
# the types seen in training are the model's
expect_out_re 'features, (LOC|ORG|PER)/(LOC|ORG|PER)/(LOC|ORG|PER),'

# the same data, options and seed: the same model, byte for byte
run "$LEDE" train --model "$TMP/m2.model" --dev "$TMP/dev.conll" --epochs 6 "$TMP/train.conll"
expect_rc 0
CHECKS=$((CHECKS + 1)); cmp -s "$TMP/m1.model" "$TMP/m2.model" || fail "two runs with seed 1 gave different models"
run "$LEDE" train --model "$TMP/m3.model" --dev "$TMP/dev.conll" --epochs 6 --seed 7 "$TMP/train.conll"
expect_rc 0   # (a different seed may give a different model: not checked)
CHECKS=$((CHECKS + 1)); [ -s "$TMP/m3.model" ] || fail "no model written with --seed 7"

# --epochs 1: one epoch, saved (the first dev F1 is the best so far)
run "$LEDE" train --model "$TMP/e1.model" --dev "$TMP/dev.conll" --epochs 1 "$TMP/train.conll"
expect_rc 0
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^epoch ')" "1" "(epoch lines with --epochs 1)"
expect_out_re '^epoch +1 .* saved$'
expect_out "at epoch 1 ("

# --patience 1: training stops at the first epoch that is not better
run "$LEDE" train --model "$TMP/p1.model" --dev "$TMP/dev.conll" --patience 1 --epochs 10 "$TMP/train.conll"
expect_rc 0
expect_out_re '^epoch +1 .* saved$'
n=$(printf '%s\n' "$OUT" | grep '^epoch ' | grep -vc ' saved$')
CHECKS=$((CHECKS + 1)); [ "$n" -le 1 ] || fail "$n epochs without a better dev F1 with --patience 1"
if [ "$n" = 1 ]; then
  expect_eq "$(printf '%s\n' "$OUT" | grep '^epoch ' | tail -n 1 | grep -c ' saved$')" "0" "(--patience 1: epochs after the first worse one)"
fi

# without --dev: no dev scores, the model written after the last epoch;
# training stops early once every training sentence is right
run "$LEDE" train --model "$TMP/nodev.model" --epochs 10 "$TMP/train.conll"
expect_rc 0
n=$(printf '%s\n' "$OUT" | grep -c '^epoch ')
CHECKS=$((CHECKS + 1)); [ "$n" -ge 1 ] && [ "$n" -le 10 ] || fail "$n epoch lines, expected 1 to 10"
if [ "$n" -lt 10 ]; then
  expect_out_re "^epoch +$n +0 of 32 training sentences wrong$"
fi
expect_no_out " dev "
expect_no_out "saved"
expect_out_re "^wrote $TMP/nodev\.model: [0-9]+ features, [A-Z/]+ \([0-9.]+ s\)$"
CHECKS=$((CHECKS + 1)); [ -s "$TMP/nodev.model" ] || fail "no model written without --dev"

# -q: the final line only
run "$LEDE" train -q --model "$TMP/q.model" --dev "$TMP/dev.conll" --epochs 3 "$TMP/train.conll"
expect_rc 0
expect_err_empty
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "1" "(lines printed with -q)"
expect_out_re "^wrote $TMP/q\.model: "

# --about is stored in the model
run "$LEDE" train -q --about "made-up test data" --model "$TMP/about.model" --epochs 1 "$TMP/train.conll"
expect_rc 0

# --------------------------------------------------------- used from a script
cat > "$TMP/use.lua" <<'LUA'
local m = lede.tagger.load(arg[1])
for _, e in ipairs(m:tag(arg[2])) do
  print(e.kind, e.start, e.stop, e.text)
end
print("about", m:info().about)
LUA
# the model trained until no training sentence was wrong tags sentences of
# its training data as they were annotated
run "$LEDE" run "$TMP/use.lua" -- "$TMP/nodev.model" "Marta Quillon met Tobias Venn in Kelloway on Monday ."
expect_rc 0
expect_err_empty
expect_out "$(printf 'PER\t1\t13\tMarta Quillon')"
expect_out "$(printf 'PER\t19\t29\tTobias Venn')"
expect_out "$(printf 'LOC\t34\t41\tKelloway')"
expect_out "about	lede train on train.conll (32 sentences), seed 1"
run "$LEDE" run "$TMP/use.lua" -- "$TMP/nodev.model" "Halvex Industries and Corvin Bank signed a loan agreement ."
expect_rc 0
expect_out "$(printf 'ORG\t1\t17\tHalvex Industries')"
expect_out "$(printf 'ORG\t23\t33\tCorvin Bank')"
# the best dev epoch's model finds a name it was trained on in a new sentence
run "$LEDE" run "$TMP/use.lua" -- "$TMP/m1.model" "Yesterday Marta Quillon spoke ."
expect_rc 0
expect_out "$(printf 'PER\t11\t23\tMarta Quillon')"
expect_out "dev dev.conll F1 "
run "$LEDE" run "$TMP/use.lua" -- "$TMP/about.model" "Nothing here ."
expect_rc 0
expect_out "about	made-up test data (lede train on train.conll (32 sentences), seed 1"

# ------------------------------------------------- JSON Lines, a custom kind
# Made-up drug names in short records; offsets are 1-based inclusive bytes.
drug_rec() { # drug_rec TEXT NAME [NAME2]: one record, the NAMEs annotated as DRUG
  jq -cn --arg t "$1" --arg a "$2" --arg b "${3:-}" '
    def ann($n): {kind: "DRUG", start: (($t | index($n)) + 1), stop: (($t | index($n)) + ($n | length))};
    {text: $t, annotations: ([ann($a)] + (if $b == "" then [] else [ann($b)] end)
                             + [{kind: "PLACE", start: 1, stop: 3}])}'
}
{
  drug_rec "Patients given Zelvoxin reported fewer headaches." Zelvoxin
  drug_rec "Doctors switched to Tramabolix after the first week." Tramabolix
  drug_rec "A daily dose of Quorventa lowered blood pressure." Quorventa
  drug_rec "The trial compared Lipradone with Fexamarol in adults." Lipradone Fexamarol
  drug_rec "Nurses said Zelvoxin was easy to take." Zelvoxin
  drug_rec "Side effects of Tramabolix were mild." Tramabolix
  drug_rec "Fexamarol is sold as a tablet." Fexamarol
  drug_rec "Researchers stopped giving Quorventa to children." Quorventa
  drug_rec "The clinic ran out of Lipradone on Friday." Lipradone
  drug_rec "Most patients preferred Zelvoxin to Tramabolix." Zelvoxin Tramabolix
  drug_rec "A new study of Fexamarol begins next month." Fexamarol
  drug_rec "The price of Quorventa rose again." Quorventa
  drug_rec "Pharmacists warned against mixing Lipradone and alcohol." Lipradone
  drug_rec "Children were given Zelvoxin syrup." Zelvoxin
  drug_rec "The agency approved Tramabolix for adults." Tramabolix
  drug_rec "Sales of Fexamarol fell last year." Fexamarol
  drug_rec "Some patients took Quorventa twice a day." Quorventa
  drug_rec "Lipradone helped patients sleep." Lipradone
  drug_rec "The hospital stocks Zelvoxin and Quorventa." Zelvoxin Quorventa
  drug_rec "Regulators asked for more data on Tramabolix." Tramabolix
} > "$TMP/drugs.jsonl"
# (each record also has a PLACE annotation over its first three bytes:
# --kinds DRUG leaves them out)
run "$LEDE" train --model "$TMP/drug.model" --kinds DRUG --epochs 10 "$TMP/drugs.jsonl"
expect_rc 0
expect_err_empty
expect_out "training on 20 sentences"
expect_out_re "^wrote $TMP/drug\.model: [0-9]+ features, DRUG \("
DRUG_OUT=$OUT
run "$LEDE" run "$TMP/use.lua" -- "$TMP/drug.model" "Her doctor prescribed Quorventa for the pain."
expect_rc 0
expect_out "$(printf 'DRUG\t23\t31\tQuorventa')"
# --format jsonl reads a file whatever its name (the same model but for the
# file name in its description)
cp "$TMP/drugs.jsonl" "$TMP/drugs.txt"
run "$LEDE" train -q --format jsonl --kinds DRUG --model "$TMP/drug2.model" --epochs 10 "$TMP/drugs.txt"
expect_rc 0
expect_out_re "^wrote $TMP/drug2\.model: [0-9]+ features, DRUG \("
expect_eq "$(printf '%s' "$OUT" | sed 's/.*: \([0-9]*\) features.*/\1/')" \
          "$(printf '%s\n' "$DRUG_OUT" | tail -n 1 | sed 's/.*: \([0-9]*\) features.*/\1/')" "(features, --format jsonl)"
run "$LEDE" run "$TMP/use.lua" -- "$TMP/drug2.model" "Her doctor prescribed Quorventa for the pain."
expect_out "$(printf 'DRUG\t23\t31\tQuorventa')"
# without --kinds every kind is learnt
run "$LEDE" train -q --model "$TMP/drug3.model" --epochs 2 "$TMP/drugs.jsonl"
expect_rc 0
expect_out_re "features, (DRUG/PLACE|PLACE/DRUG) \("
# annotations of the title (field "title", offsets into the title): the
# title is a sentence of its own, a headline
for i in 1 2 3 4 5 6; do
  printf '{"title": "Zelvoxin recalled", "text": "Shops removed the tablets.", "annotations": [{"kind": "DRUG", "start": 1, "stop": 8, "field": "title"}]}\n'
done > "$TMP/titles.jsonl"
run "$LEDE" train --model "$TMP/titles.model" --epochs 5 "$TMP/titles.jsonl"
expect_rc 0
expect_out "training on 12 sentences"
expect_out_re "features, DRUG \("
run "$LEDE" run "$TMP/use.lua" -- "$TMP/titles.model" "Zelvoxin recalled"
expect_out "$(printf 'DRUG\t1\t8\tZelvoxin')"
# a record that is not JSON with a text: FILE:LINE
printf '{"text": "Zelvoxin works.", "annotations": []}\n{"title": "no text"}\n' > "$TMP/bad.jsonl"
run "$LEDE" train --model "$TMP/x.model" "$TMP/bad.jsonl"
expect_rc 2
expect_err "$TMP/bad.jsonl:2: not a JSON object with a \"text\" field"
printf '{"text": "Zelvoxin works.", "annotations": [{"kind": "DRUG", "start": 5, "stop": 2}]}\n' > "$TMP/badspan.jsonl"
run "$LEDE" train --model "$TMP/x.model" "$TMP/badspan.jsonl"
expect_rc 2
expect_err "$TMP/badspan.jsonl:1: annotation with a bad span"

# ----------------------------------------------------------------- errors
run "$LEDE" train --help
expect_rc 0
expect_out "usage: lede train --model OUT"
expect_out "--patience N"
run "$LEDE" train "$TMP/train.conll"
expect_rc 2
expect_err "lede train: --model PATH is required"
run "$LEDE" train --model "$TMP/x.model"
expect_rc 2
expect_err "lede train: no training files"
run "$LEDE" train --model "$TMP/x.model" "$TMP/missing.conll"
expect_rc 2
expect_err "missing.conll"
run "$LEDE" train --model "$TMP/x.model" --frobnicate "$TMP/train.conll"
expect_rc 2
expect_err "lede train: unknown option '--frobnicate'"
run "$LEDE" train --model "$TMP/x.model" --epochs many "$TMP/train.conll"
expect_rc 2
expect_err "--epochs needs a number, not 'many'"
run "$LEDE" train --model "$TMP/x.model" --epochs 0 "$TMP/train.conll"
expect_rc 2
expect_err "--epochs needs at least 1"
run "$LEDE" train --model "$TMP/x.model" --format xml "$TMP/train.conll"
expect_rc 2
expect_err "--format is conll or jsonl, not 'xml'"
run "$LEDE" train --model "$TMP/x.model" --dev
expect_rc 2
expect_err "--dev needs a value"
{ doc; s Paris/B-LOC is nice .; printf 'Rome\n'; } > "$TMP/one_column.conll"
run "$LEDE" train --model "$TMP/x.model" "$TMP/one_column.conll"
expect_rc 2
expect_err "$TMP/one_column.conll:8: expected a token and a tag"
expect_eq "$OUT" ""
{ doc; s Paris/B-LOC is/X-FOO nice .; } > "$TMP/bad_tag.conll"
run "$LEDE" train --model "$TMP/x.model" "$TMP/train.conll" "$TMP/bad_tag.conll"
expect_rc 2
expect_err "$TMP/bad_tag.conll:4: bad tag 'X-FOO'"
# a bad dev file is reported the same way
run "$LEDE" train --model "$TMP/x.model" --dev "$TMP/bad_tag.conll" "$TMP/train.conll"
expect_rc 2
expect_err "$TMP/bad_tag.conll:4: bad tag 'X-FOO'"
CHECKS=$((CHECKS + 1)); [ ! -e "$TMP/x.model" ] || fail "a failed run wrote a model"
# training data without a single entity, and a model path that cannot be
# written: an error naming the problem (these end in a Lua traceback and
# exit 1 today, not "lede train: ..." and exit 2: only a failure is checked)
{ doc; s nothing to see here .; } > "$TMP/no_entities.conll"
run "$LEDE" train --model "$TMP/x.model" "$TMP/no_entities.conll"
CHECKS=$((CHECKS + 1)); [ "$RC" != 0 ] || fail "training without entities succeeded"
expect_err "no entities in the training data"
run "$LEDE" train --model "$TMP/x.model" --kinds NOPE "$TMP/drugs.jsonl"
CHECKS=$((CHECKS + 1)); [ "$RC" != 0 ] || fail "training on --kinds that no annotation has succeeded"
expect_err "no entities in the training data"
run "$LEDE" train --model "$TMP/no/such/dir/x.model" --epochs 1 "$TMP/train.conll"
CHECKS=$((CHECKS + 1)); [ "$RC" != 0 ] || fail "writing into a missing folder succeeded"
expect_err "$TMP/no/such/dir/x.model"

# ----------------------------------------------------------- --features
cat > "$TMP/feat_ok.lua" <<'LUA'
return { lists = { towns = { "Bramford", "Kelloway", "Tarsia", "Norvale" } },
         templates = { "bias", "w[0]", "lw[-1]", "lw[1]", "shape[0]", "gaz:towns[0]" } }
LUA
run "$LEDE" train -q --features "$TMP/feat_ok.lua" --model "$TMP/feat.model" --epochs 3 "$TMP/train.conll"
expect_rc 0
cat > "$TMP/info.lua" <<'LUA'
local i = lede.tagger.load(arg[1]):info()
print("templates", table.concat(i.templates, " "))
print("towns", i.lists.towns)
LUA
run "$LEDE" run "$TMP/info.lua" -- "$TMP/feat.model"
expect_rc 0
expect_out "$(printf 'templates\tbias w[0] lw[-1] lw[1] shape[0] gaz:towns[0]')"
expect_out "$(printf 'towns\t4')"
printf 'return { templates = { "w[0]", "nosuchattr[0]" } }\n' > "$TMP/feat_bad.lua"
run "$LEDE" train --features "$TMP/feat_bad.lua" --model "$TMP/x.model" "$TMP/train.conll"
expect_rc 2
expect_err "lede train: $TMP/feat_bad.lua: "
expect_err "nosuchattr"
printf 'return { templates = { "w[9]" } }\n' > "$TMP/feat_off.lua"
run "$LEDE" train --features "$TMP/feat_off.lua" --model "$TMP/x.model" "$TMP/train.conll"
expect_rc 2
expect_err "lede train: $TMP/feat_off.lua: "
printf 'return 42\n' > "$TMP/feat_num.lua"
run "$LEDE" train --features "$TMP/feat_num.lua" --model "$TMP/x.model" "$TMP/train.conll"
expect_rc 2
expect_err "must return a table with a list of templates"
printf 'return {\n' > "$TMP/feat_syntax.lua"
run "$LEDE" train --features "$TMP/feat_syntax.lua" --model "$TMP/x.model" "$TMP/train.conll"
expect_rc 2
expect_err "feat_syntax.lua"
CHECKS=$((CHECKS + 1)); [ ! -e "$TMP/x.model" ] || fail "a failed run wrote a model"

# ------------------------------------------------------------- the sandbox
export LEDE_SAVE_TO="$TMP/sandboxed.model"
cat > "$TMP/save.lua" <<'LUA'
local m = lede.tagger.load(arg and arg[1] or os.getenv("LEDE_MODEL"))
local ok, err = pcall(m.save, m, os.getenv("LEDE_SAVE_TO"))
print("save", ok and "allowed" or ("denied: " .. tostring(err)))
LUA
run "$LEDE" run --sandbox "$TMP/save.lua" -- "$TMP/m1.model"
expect_rc 0
expect_out_re "save	denied: .*sandbox: io.open\(\".*sandboxed.model\", \"wb\"\): writing files is not allowed"
CHECKS=$((CHECKS + 1)); [ ! -e "$LEDE_SAVE_TO" ] || fail "a sandboxed script wrote a model"
# a report given as a path runs sandboxed by default
export LEDE_MODEL="$TMP/m1.model"
run "$LEDE" report "$TMP/save.lua" "$CORPUS"
expect_rc 0
expect_out_re "save	denied: .*sandbox: io.open\(.*writing files is not allowed"
CHECKS=$((CHECKS + 1)); [ ! -e "$LEDE_SAVE_TO" ] || fail "a report from a path wrote a model"
# unsandboxed, the same script writes it, and the copy loads
run "$LEDE" run "$TMP/save.lua" -- "$TMP/m1.model"
expect_rc 0
expect_out "save	allowed"
CHECKS=$((CHECKS + 1)); cmp -s "$TMP/m1.model" "$LEDE_SAVE_TO" || fail "m:save wrote another model than it loaded"

# loading what is not a model: an error naming the file
printf 'not a model\n' > "$TMP/not.model"
cat > "$TMP/load.lua" <<'LUA'
local ok, err = pcall(lede.tagger.load, arg[1])
print(ok and "loaded" or ("error: " .. tostring(err)))
LUA
for f in "$TMP/not.model" "$TMP/train.conll" "$TMP/missing.model"; do
  run "$LEDE" run "$TMP/load.lua" -- "$f"
  expect_rc 0
  expect_out "error: "
  expect_out "$f"
done
# a truncated model
head -c 100 "$TMP/m1.model" > "$TMP/short.model"
run "$LEDE" run "$TMP/load.lua" -- "$TMP/short.model"
expect_out "error: "
expect_out "$TMP/short.model"

# ------------------------------------------------------------ --ensemble
# three runs from three orders of the data, averaged into one model: the
# same command twice gives the same bytes, the runs are reported, and the
# average is scored on the dev set
run "$LEDE" train --model "$TMP/ens1.model" --dev "$TMP/dev.conll" --epochs 4 --ensemble 3 "$TMP/train.conll"
expect_rc 0
expect_out_re "^run 1/3  epoch  1 "
expect_out_re "^run 3/3  epoch  1 "
expect_out_re "^average of 3 runs  dev P [0-9.]+ R [0-9.]+ F1 [0-9.]+ "
expect_out_re "^wrote $TMP/ens1\.model: [0-9]+ features, LOC/ORG/PER, dev F1 [0-9.]+ \("
run "$LEDE" train --model "$TMP/ens2.model" --dev "$TMP/dev.conll" --epochs 4 --ensemble 3 -q "$TMP/train.conll"
expect_rc 0
CHECKS=$((CHECKS + 1))
cmp -s "$TMP/ens1.model" "$TMP/ens2.model" || fail "--ensemble 3 twice gave different models"
cat > "$TMP/ens.lua" <<'LUA'
local m = lede.tagger.load(arg[1])
print(m:info().about)
LUA
run "$LEDE" run "$TMP/ens.lua" -- "$TMP/ens1.model"
expect_out "seeds 1-3 averaged"
run "$LEDE" train --model "$TMP/ens3.model" --ensemble 0 "$TMP/train.conll"
expect_rc 2
expect_err "--ensemble needs a number from 1 to 50"
# models trained otherwise cannot be averaged
cat > "$TMP/avg.lua" <<'LUA'
local a, b = lede.tagger.load(arg[1]), lede.tagger.load(arg[2])
local ok, err = pcall(lede.tagger.average, { a, b })
print(ok, err)
local m = lede.tagger.average({ a, a })
print(m:info().features == a:info().features)
LUA
run "$LEDE" run "$TMP/avg.lua" -- "$TMP/ens1.model" "$TMP/drug.model"
expect_out "false"
expect_out "only models trained alike can be averaged"
expect_out "true"

# ------------------------------------------------- CoNLL-2003, when present
C03="$LEDE_SRC/../shared/eval/conll2003"
if [ -f "$C03/eng.train" ] && [ -f "$C03/eng.testa" ]; then
  run "$LEDE" train --epochs 1 -q --model "$TMP/c03.model" --dev "$C03/eng.testa" "$C03/eng.train"
  expect_rc 0
  expect_out_re "^wrote $TMP/c03\.model: [0-9]+ features, LOC/MISC/ORG/PER, dev F1 0\.[0-9]{4} at epoch 1"
  f1=$(printf '%s' "$OUT" | sed -n 's/.*dev F1 \([0-9.]*\) at epoch.*/\1/p')
  CHECKS=$((CHECKS + 1))
  awk -v f="$f1" 'BEGIN { exit !(f > 0.85) }' || fail "CoNLL-2003 dev F1 $f1 after one epoch, expected above 0.85"
else
  echo "$T_NAME: skipping the CoNLL-2003 smoke run ($C03/eng.train not found)"
fi

finish
