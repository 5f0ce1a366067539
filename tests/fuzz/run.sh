#!/usr/bin/env bash
# tests/fuzz/run.sh [SECONDS] [TARGETS...]
#
# Builds the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined)
# into tests/fuzz/out/ and runs each for SECONDS (default 60) on a corpus
# seeded from tests/data/kosovo, scripts/data/*.tsv and a list of dates.
# Targets: text jsonl recover segment date gazetteer pattern rules merge
# (default: all). rules and merge run the bundled Lua scripts (LEDE_PATH is
# set to scripts/ unless given).
# Crashes land in tests/fuzz/out/artifacts/<target>/; the growing corpus
# in tests/fuzz/out/corpus/<target>/ is kept between runs. Copy a crash
# into tests/fuzz/regressions/<target>/ to keep it as a ctest.
#
# Environment: CC (default clang), FUZZ_BUILD_ONLY=1 to build and seed only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$HERE/out"
CC=${CC:-clang}
ALL=(text jsonl recover segment date gazetteer pattern rules merge)

SMOKE=0   # --smoke: exit 77 (skipped) when clang cannot build a fuzzer
if [[ ${1:-} == --smoke ]]; then SMOKE=1; shift; fi
SECS=60
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then SECS=$1; shift; fi
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")
for t in "${TARGETS[@]}"; do
    [[ -f "$HERE/fuzz_$t.c" ]] || { echo "run.sh: unknown target '$t' (${ALL[*]})" >&2; exit 2; }
done

# The whole core minus the CLI entry point (the rules and merge harnesses
# run Lua through the host, and the loaders now reach most of the core).
SRCS=()
for s in "$ROOT"/src/*.c "$ROOT"/src/lua/*.c; do [[ $s == */main.c ]] || SRCS+=("$s"); done
CFLAGS=(-g -O1 -std=c11 -fno-omit-frame-pointer
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
        -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
        -Wno-unused-parameter
        -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
        -I"$ROOT/include" -I"$ROOT/src" -I"$HERE")
# shellcheck disable=SC2207
# the core's libraries, as CMakeLists.txt requires them (others add some)
mapfile -t PKGS < <(sed -n 's/^pkg_check_modules([A-Z0-9_]* REQUIRED IMPORTED_TARGET \([^ )]*\)).*/\1/p' \
                    "$ROOT/CMakeLists.txt")
CFLAGS+=($(pkg-config --cflags "${PKGS[@]}" readline 2>/dev/null || pkg-config --cflags "${PKGS[@]}"))
# shellcheck disable=SC2207
LIBS=($(pkg-config --libs "${PKGS[@]}") $(pkg-config --libs readline 2>/dev/null || echo -lreadline) -lpthread -lm)

mkdir -p "$OUT"
if ! printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }\n' |
        "$CC" -x c -fsanitize=fuzzer -o "$OUT/.probe" - 2>/dev/null; then
    echo "run.sh: $CC cannot build a libFuzzer harness (-fsanitize=fuzzer)" >&2
    [[ $SMOKE == 1 ]] && exit 77
    exit 2
fi
build() {
    local t=$1
    if [[ -x $OUT/fuzz_$t && -z $(find "$ROOT/src" "$ROOT/include" "$HERE" -maxdepth 2 \
            \( -name '*.c' -o -name '*.h' \) -newer "$OUT/fuzz_$t" -print -quit) ]]; then
        return 0   # up to date
    fi
    echo "run.sh: building fuzz_$t" >&2
    "$CC" "${CFLAGS[@]}" -o "$OUT/fuzz_$t" "$HERE/fuzz_$t.c" "${SRCS[@]}" "${LIBS[@]}"
}

seed() {
    local t=$1 d="$OUT/seeds/$t"
    rm -rf "$d"
    mkdir -p "$d"
    python3 - "$t" "$d" "$ROOT" <<'PY'
import json, os, sys, glob, struct
t, d, root = sys.argv[1], sys.argv[2], sys.argv[3]
texts = [open(p, 'rb').read() for p in sorted(glob.glob(os.path.join(root, 'tests/data/kosovo/*.txt')))]
def put(name, data):
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)
if t in ('text', 'recover', 'segment', 'rules'):
    for i, b in enumerate(texts):
        put('kosovo%d' % i, b)
        if t == 'segment':   # paragraph-sized pieces, first byte = mode
            for j, para in enumerate(b.split(b'\n\n')[:20]):
                put('kosovo%d_p%d' % (i, j), bytes([j * 37 % 256]) + para)
elif t == 'merge':
    import subprocess
    lede = os.environ.get('LEDE_BIN') or os.path.join(root, 'build', 'lede')
    for i, p in enumerate(sorted(glob.glob(os.path.join(root, 'tests/data/kosovo/*.txt')))):
        try:
            out = subprocess.run([lede, 'extract', '-q', p], capture_output=True, timeout=120).stdout
        except Exception:
            out = b''
        if out:
            put('part%d' % i, out)
            put('cut%d' % i, out[:len(out) // 2])
    put('tiny', b'{"text":"A b.","clean":true,"index":1,"annotations":[{"kind":"X","start":0,"stop":1}]}\n'
        b'{"articles":1,"lede_extract_end":true}\n')
elif t == 'jsonl':
    lines = []
    for i, b in enumerate(texts):
        s = b.decode('utf-8', 'replace')
        rec = {'id': 'k%d' % i, 'text': s, 'title': s.split('\n', 1)[0][:80],
               'date': '2023-09-%02d' % (i + 1), 'source': 'Example', 'url': 'https://example.org/%d' % i,
               'author': 'A. Writer'}
        line = json.dumps(rec, ensure_ascii=(i % 2 == 0)).encode()
        lines.append(line)
        put('kosovo%d.jsonl' % i, line + b'\n')
    put('all.jsonl', b'\n'.join(lines) + b'\n')
    put('mixed.jsonl', b'{"id": 7, "text": "BELGRADE (AP) \\u2014 Hello.", "date": "June 13, 2023"}\r\n'
        b'not json\n[1,2]\n{"text": 5}\n{"text": "  "}\n\n{"text": "a\\ud800b", "byline": null}\n')
elif t == 'date':
    for i, s in enumerate(['2025-04-26', '2025-04-26 08:23:02', '2025-04-26T08:23Z', '2025/04/26',
                           '07.09.2023', '07.09.2023 14:05', '13 June 2023', 'June 13, 2023',
                           'Sept. 5 2023', 'June 2023', 'Thursday, 7 September 2023',
                           '13th of June, 2023', '2023', '2023-06', '29 February 2024',
                           '2025-04-26T08:23:02.123+02:00', '\u00a0 Jan. 1, 1999 \u00a0',
                           'Published on 5 May 2021 at 10:00 by', 'v1.2.2023-01-01', '7/9/2023']):
        put('date%02d' % i, s.encode())
    for i, b in enumerate(texts):
        put('kosovo%d' % i, b[:4096])
elif t == 'gazetteer':
    names = []
    for p in sorted(glob.glob(os.path.join(root, 'scripts/data/*.tsv'))):
        for line in open(p, encoding='utf-8'):
            if line.startswith('#') or not line.strip():
                continue
            f = line.rstrip('\n').split('\t')
            if len(f) < 3:
                continue
            case = len(f) > 3 and 'case' in f[3]
            for n in [f[1]] + f[2].split('|'):
                if n:
                    names.append(('!' if case else '') + n)
    blob = '\n'.join(names).encode()
    for i, b in enumerate(texts):
        put('kosovo%d' % i, blob + b'\0' + b)
        put('small%d' % i, '\n'.join(names[i::40]).encode() + b'\0' + b[:2000])
elif t == 'pattern':
    def s(x):
        x = x.encode()
        return bytes([len(x)]) + x
    progs = [
        bytes([0x00, 0x08, 0x05, 0x00, 0x0D, 0x05]),                    # Cap Cap*
        bytes([0x00, 0x08]) + bytes([0x09]) + s('^[A-Z]') + bytes([0x00, 0x08, 0x04]) + s('said'),
        bytes([0x10, 0x0E, 0x0B, 0x07, 0x04, 0x0D, 0x00, 0x08, 0x13]) + s('.') + s('!'),
        bytes([0x30, 0x0D, 0x24]) + s('Xxxxx') + bytes([0x00, 0x05, 0x0F, 0x10]),
        bytes([0x00, 0x0E, 0x0B, 0x0B, 0x06, 0x0D, 0x0D, 0x08, 0x01, 0x19]) + s('\\d+') + bytes([0x00, 0x18]),
    ]
    for i, b in enumerate(texts):
        for j, pr in enumerate(progs):
            txt = b[:3000] if j else b
            put('p%d_k%d' % (j, i), struct.pack('<H', len(pr)) + pr + txt)
PY
}

for t in "${TARGETS[@]}"; do
    build "$t"
    seed "$t"
    mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
done
[[ ${FUZZ_BUILD_ONLY:-0} == 1 ]] && exit 0

export LEDE_PATH=${LEDE_PATH:-$ROOT/scripts}
rc=0
for t in "${TARGETS[@]}"; do
    echo "run.sh: fuzzing $t for ${SECS}s" >&2
    # In-process, one worker (-jobs would fork workers logging to fuzz-N.log).
    "$OUT/fuzz_$t" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -workers=1 \
        -max_total_time="$SECS" -print_final_stats=1 \
        -artifact_prefix="$OUT/artifacts/$t/" \
        "$OUT/corpus/$t" "$OUT/seeds/$t" || { rc=1; echo "run.sh: $t FAILED" >&2; }
done
exit $rc
