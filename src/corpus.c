/*
 * corpus.c — reading inputs into a corpus.
 *
 * Files, folders (recursive, sorted), stdin and JSON Lines become articles.
 * Every problem with the input is reported through the corpus's diagnostic
 * callback with the file (and line or byte offset) it concerns, and the
 * rest of the input is still read: one bad file never stops a run.
 */
#include "progress.h"
#include "lede/lede.h"
#include "lede_mem.h"
#include "json_raw.h"
#include "walk.h"
#include "utf16.h"
#include "decompress.h"
#include "reader.h"
#include "nfc.h"
#include "stream_source.h"

#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ diagnostics */

static void default_diag(void *ud, int level, const char *path, long line,
                         long offset, const char *msg)
{
    (void)ud;
    lede_progress_clear();
    const char *what = level == LEDE_DIAG_ERROR ? "error" : "warning";
    if (path && line > 0)
        fprintf(stderr, "lede: %s:%ld: %s: %s\n", path, line, what, msg);
    else if (path && offset >= 0 && offset > 0)
        fprintf(stderr, "lede: %s: %s: %s (byte %ld)\n", path, what, msg, offset);
    else if (path)
        fprintf(stderr, "lede: %s: %s: %s\n", path, what, msg);
    else
        fprintf(stderr, "lede: %s: %s\n", what, msg);
}

void lede_diag(lede_corpus *c, int level, const char *path, long line,
               long offset, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == LEDE_DIAG_ERROR) c->nerrors++;
    else c->nwarnings++;
    if (c->diag) c->diag(c->diag_ud, level, path, line, offset, msg);
}

/* ----------------------------------------------------------------- corpus */

lede_corpus *lede_corpus_new(void)
{
    lede_corpus *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->arena = lede_arena_new();
    if (!c->arena) {
        free(c);
        return NULL;
    }
    c->diag = default_diag;
    return c;
}

static void free_loose(lede_corpus *c)
{
    for (size_t i = 0; i < c->nloose; i++) free(c->loose[i]);
    c->nloose = 0;
}

/* A malloc'd copy of bytes[0..n), NUL-terminated, owned by c->loose;
 * NULL on OOM. */
static char *loose_copy(lede_corpus *c, const char *bytes, size_t n)
{
    if (c->nloose == c->caploose) {
        char **v = lede_grow(c->loose, &c->caploose, sizeof *v, 16);
        if (!v) return NULL;
        c->loose = v;
    }
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, bytes, n);
    s[n] = '\0';
    c->loose[c->nloose++] = s;
    return s;
}

/* Pack a finished article's raw when it is a loose buffer (freed then). */
static int pack_raw(lede_corpus *c, lede_article *a)
{
    if (!a->raw || a->original || c->sink || c->keep_raw) return 0;
    size_t i = c->nloose;
    while (i > 0 && c->loose[i - 1] != a->raw) i--;
    if (i == 0) return 0;                    /* in the arena: nothing to free */
    char *buf = c->loose[i - 1];
    int rc = lede_article_pack_raw(c->arena, a);
    if (rc == 1) {
        free(buf);
        c->loose[i - 1] = c->loose[--c->nloose];
    }
    return rc < 0 ? -1 : 0;
}

void lede_corpus_free(lede_corpus *c)
{
    if (!c) return;
    if (c->refs > 0) {                       /* another holder still reads it */
        c->refs--;
        return;
    }
    lede_corpus_free(c->parent);
    lede_arena_free(c->arena);
    for (size_t i = 0; i < c->nextra; i++) lede_arena_free(c->extra[i]);
    free(c->extra);
    free(c->articles);
    lede_tokvec_free(&c->toks);
    lede_sentvec_free(&c->sents);
    free_loose(c);
    free(c->loose);
    free(c);
}

/* Hand a finished article to the sink (streaming), or append it. Its
 * index is its position in the whole corpus when known (shards, JSON Lines
 * "index"), else its position here. */
static int deliver(lede_corpus *c, lede_article *a)
{
    lede_progress_add(1, a->raw_len);
    if (c->sink) {
        ++c->nstreamed;
        a->index = a->order ? a->order : (uint32_t)c->nstreamed;
        c->sink(c->sink_ud, a);
        return 0;
    }
    if (c->narticles == c->cap) {
        lede_article **n = lede_grow(c->articles, &c->cap, sizeof *n, 64);
        if (!n) return -1;
        c->articles = n;
    }
    c->articles[c->narticles++] = a;
    a->index = a->order ? a->order : (uint32_t)c->narticles;
    return 0;
}

/* Is the next article met in this shard? Counts it either way. */
static int in_shard(lede_corpus *c)
{
    size_t p = ++c->seen;
    return c->shard_n == 0 || (p - 1) % c->shard_n == c->shard_i - 1;
}

int lede_corpus_adopt(lede_corpus *c, lede_corpus *from)
{
    /* Take from's arena (every article's memory), its raw buffers and its
     * articles. */
    while (c->nloose + from->nloose > c->caploose) {
        char **v = lede_grow(c->loose, &c->caploose, sizeof *v, 16);
        if (!v) return -1;
        c->loose = v;
    }
    lede_arena **ne = realloc(c->extra, (c->nextra + 1) * sizeof *ne);
    if (!ne) return -1;
    if (from->nloose) memcpy(c->loose + c->nloose, from->loose, from->nloose * sizeof *c->loose);
    c->nloose += from->nloose;
    from->nloose = 0;
    c->extra = ne;
    c->extra[c->nextra++] = from->arena;
    from->arena = NULL;
    for (size_t i = 0; i < from->narticles; i++) {
        lede_article *a = from->articles[i];
        if (c->shard_n) {
            /* parallel loading parses every article; the shard is chosen
             * here, in corpus order */
            if (!in_shard(c)) continue;
            if (!a->order) a->order = (uint32_t)c->seen;
        }
        if (deliver(c, a) != 0) return -1;
    }
    from->narticles = 0;
    c->bytes += from->bytes;
    if (c->sink) {
        /* streaming: the articles are gone once the sink has seen them */
        lede_arena_free(c->extra[--c->nextra]);
        free_loose(c);
    }
    return 0;
}

static int push_article(lede_corpus *c, lede_article *a)
{
    if (deliver(c, a) != 0) return -1;
    if (c->sink) {                           /* the sink has seen it: forget it */
        lede_arena_reset(c->arena);
        free_loose(c);
    }
    return 0;
}

/* The id of a file article: its base name without the extension. */
static const char *base_id(lede_arena *ar, const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = lede_name_len(b);             /* notes.txt.gz: notes */
    size_t k = n;
    while (k > 1 && b[k - 1] != '.') k--;
    if (k > 1) n = k - 1;
    return lede_arena_strndup(ar, b, n);
}

/* Line number (1-based) of byte offset off in s. */
static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') line++;
    return line;
}

/* Blank: ASCII white space, and Unicode spaces too (U+00A0, U+3000, ...,
 * and the zero-width U+200B and U+FEFF): a file of only those is as empty
 * as one of only blanks. */
static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x80) {
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != '\v')
                return 0;
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = lede_utf8_decode(s + i, n - i, &cp);
        if (len == 0 || (cp == LEDE_REPLACEMENT && len == 1)) return 0;   /* not UTF-8 */
        if (!lede_cp_is_space(cp) && cp != 0x200B && cp != 0xFEFF) return 0;
        i += len;
    }
    return 1;
}

/* Validate UTF-8 and copy into the arena, repairing with one warning. */
static const char *checked_copy(lede_corpus *c, const char *path, long base_line,
                                const char *bytes, size_t n, size_t *out_len)
{
    size_t bad_at;
    if (lede_utf8_valid(bytes, n, &bad_at)) {
        *out_len = n;
        if (c->sink || c->keep_raw) return lede_arena_strndup(c->arena, bytes, n);
        return loose_copy(c, bytes, n);      /* packed once the article is made */
    }
    size_t nbad = 0, first = 0;
    char *fixed = lede_utf8_repair(c->arena, bytes, n, out_len, &nbad, &first);
    if (!fixed) return NULL;
    long line = line_of(bytes, first) + (base_line > 0 ? base_line - 1 : 0);
    lede_diag(c, LEDE_DIAG_WARNING, path, line, (long)first,
              "invalid UTF-8 at byte %zu: %zu byte%s replaced with U+FFFD",
              first, nbad, nbad == 1 ? "" : "s");
    return fixed;
}

static int add_bytes(lede_corpus *c, const char *path, const char *bytes, size_t n);
static int lede_user_date(lede_corpus *c, lede_article *a, int own_date);

/* Recover the metadata; a date the user gave (own_date 0: the record has
 * none of its own) then replaces what the text or page said, and is not
 * doubted; segment; deliver. */
static int finish_dated(lede_corpus *c, lede_article *a, int own_date)
{
    if (lede_recover(c->arena, a) != 0) return -1;
    if (lede_user_date(c, a, own_date) != 0) return -1;
    if (lede_segment_article(c->arena, a, &c->toks, &c->sents) != 0) return -1;
    if (pack_raw(c, a) != 0) return -1;
    if (!c->added) c->added = a;
    return push_article(c, a);
}

/* ----------------------------------------------------- reader support */

lede_article *lede_article_begin(lede_corpus *c, const char *path, const char *format,
                                 long nth, int *skip)
{
    *skip = 0;
    if (!in_shard(c)) {                      /* another shard's article */
        *skip = 1;
        return NULL;
    }
    lede_article *a = lede_arena_calloc(c->arena, sizeof *a);
    if (!a) goto oom;
    if (c->shard_n) a->order = (uint32_t)c->seen;
    a->path = lede_arena_strdup(c->arena, path);
    a->id = base_id(c->arena, path);
    if (a->id && nth > 0) a->id = lede_arena_printf(c->arena, "%s:%ld", a->id, nth);
    if (!a->path || !a->id) goto oom;
    a->format = format;
    a->compression = c->zname;
    c->bytes += c->pending_bytes;            /* the file's bytes, once */
    c->pending_bytes = 0;
    return a;
oom:
    lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    return NULL;
}

int lede_article_set_raw(lede_corpus *c, lede_article *a, long base_line,
                         const char *bytes, size_t n)
{
    a->raw = checked_copy(c, a->path, base_line, bytes, n, &a->raw_len);
    if (!a->raw) return -1;
    return lede_nfc_article(c->arena, a);    /* src/nfc.c */
}

int lede_article_end(lede_corpus *c, lede_article *a, int own_date)
{
    if (finish_dated(c, a, own_date) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, a->path, 0, -1, "out of memory");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------ reader options */

static struct {
    const char *key;
    const char *value;
} input_opts[] = {
    {"text-column", NULL}, {"title-column", NULL}, {"date-column", NULL}, {"date", NULL},
};

int lede_input_option(const char *key, const char *value)
{
    for (size_t i = 0; i < sizeof input_opts / sizeof input_opts[0]; i++)
        if (!strcmp(input_opts[i].key, key)) {
            input_opts[i].value = value;
            return 0;
        }
    return -1;
}

const char *lede_input_option_get(const char *key)
{
    for (size_t i = 0; i < sizeof input_opts / sizeof input_opts[0]; i++)
        if (!strcmp(input_opts[i].key, key)) return input_opts[i].value;
    return NULL;
}

/* A sidecar: FILE.date next to FILE holds the date of FILE's articles. */
static int is_sidecar(const char *path)
{
    size_t n = strlen(path);
    if (n <= 5 || strcmp(path + n - 5, ".date") != 0) return 0;
    char *main_file = strndup(path, n - 5);
    struct stat st;
    int yes = main_file && stat(main_file, &st) == 0 && S_ISREG(st.st_mode);
    free(main_file);
    return yes;
}

/* The date in path's sidecar, as ISO in the arena; NULL when none. A
 * sidecar that is no date is a warning. */
static const char *sidecar_date(lede_corpus *c, const char *path)
{
    if (!strcmp(path, "-")) return NULL;
    char *side = lede_arena_printf(c->arena, "%s.date", path);
    FILE *f = side ? fopen(side, "rb") : NULL;
    if (!f) return NULL;
    char buf[128];
    size_t got = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    const char *iso = lede_iso_date(c->arena, buf, got);
    if (!iso)
        lede_diag(c, LEDE_DIAG_WARNING, side, 1, -1, "no date understood in the sidecar, ignored");
    return iso;
}

/* The date the user gave (a sidecar, else --date) replaces what a page or
 * the text says, not a date the record itself carries (own_date). */
static int lede_user_date(lede_corpus *c, lede_article *a, int own_date)
{
    if (own_date) return 0;
    const char *d = sidecar_date(c, a->path);
    if (!d && input_opts[3].value) {
        d = lede_iso_date(c->arena, input_opts[3].value, strlen(input_opts[3].value));
        if (!d) return 0;                    /* main.c checked it */
    }
    if (d) {
        a->date = d;
        a->date_doubtful = 0;                /* the user's word is not doubted */
        a->date_evidence = NULL;
    }
    return 0;
}

/* A file no reader takes: a warning, and the run's exit status says so. */
static void reject(lede_corpus *c, const char *path, const char *fmt, size_t arg)
{
    lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, fmt, arg);
    c->nrejected++;
}

static int add_compressed(lede_corpus *c, const char *path, const char *bytes, size_t n, int kind)
{
    const char *zn = lede_compression_name(kind);
    if (c->zname) {
        reject(c, path, "compressed data inside compressed data, skipped", 0);
        return 0;
    }
    char *out;
    size_t outn;
    int rc = lede_decompress(kind, bytes, n, &out, &outn);
    if (rc < 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
        return -1;
    }
    if (rc == LEDE_Z_TOO_LARGE) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                  "%s data expands to more than 1024 MB, skipped", zn);
        c->nrejected++;
    } else if (rc == LEDE_Z_CORRUPT) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "corrupt %s data, skipped", zn);
        c->nrejected++;
    } else {
        if (rc == LEDE_Z_DAMAGED)
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                      "truncated or corrupt %s data: the %zu bytes before the damage are read",
                      zn, outn);
        c->zname = zn;
        add_bytes(c, path, out, outn);
        c->zname = NULL;
    }
    free(out);
    return 0;
}

lede_article *lede_corpus_add_gzip(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    return lede_corpus_add_text(c, path, bytes, n);
}

/* One file's bytes, to the reader its format names. */
static int add_bytes(lede_corpus *c, const char *path, const char *bytes, size_t n)
{
    int fmt = lede_input_format(path, bytes, n);   /* src/format.c */
    switch (fmt) {
    case LEDE_FMT_GZIP: return add_compressed(c, path, bytes, n, LEDE_Z_GZIP);
    case LEDE_FMT_ZSTD: return add_compressed(c, path, bytes, n, LEDE_Z_ZSTD);
    case LEDE_FMT_XZ: return add_compressed(c, path, bytes, n, LEDE_Z_XZ);
    case LEDE_FMT_PDF: return lede_read_pdf(c, path, bytes, n);
    default: break;
    }
    /* a page is decoded by its charset; a WARC holds images between pages */
    const char *nul = fmt == LEDE_FMT_HTML || fmt == LEDE_FMT_WARC ? NULL : memchr(bytes, '\0', n);
    if (nul) {
        reject(c, path, "binary file (NUL byte at offset %zu), skipped", (size_t)(nul - bytes));
        return 0;
    }
    if (only_space(bytes, n)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "empty file, skipped");
        return 0;
    }
    c->pending_bytes = n;                    /* counted when an article is taken */
    switch (fmt) {
    case LEDE_FMT_HTML: break;
    case LEDE_FMT_FEED: return lede_read_feed(c, path, bytes, n);
    case LEDE_FMT_WARC: return lede_read_warc(c, path, bytes, n);
    case LEDE_FMT_CSV: return lede_read_csv(c, path, bytes, n, ',');
    case LEDE_FMT_TSV: return lede_read_csv(c, path, bytes, n, '\t');
    default: return lede_read_text(c, path, bytes, n);
    }
    int skip;
    lede_article *a = lede_article_begin(c, path, "html", 0, &skip);
    if (!a) return skip ? 0 : -1;
    int h = lede_html_article(c, a, bytes, n);
    if (h < 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
        return -1;
    }
    if (h > 0) return 0;                     /* warned: nothing to read */
    if (lede_nfc_article(c->arena, a) != 0) return -1;
    return lede_article_end(c, a, 0) == 0 ? 1 : -1;
}

lede_article *lede_corpus_add_text(lede_corpus *c, const char *path,
                                   const char *bytes, size_t n)
{
    lede_article *outer = c->added;
    c->added = NULL;
    add_bytes(c, path, bytes, n);
    lede_article *a = c->added;
    c->added = outer ? outer : a;
    return a;
}

/* ------------------------------------------------------------ JSON Lines */

/* Copy a string member of obj into the arena; warns when the member exists
 * with another type. Returns NULL when absent or not a string. */
static const char *json_str(lede_corpus *c, const char *path, long line,
                            const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v)) return NULL;
    if (cJSON_IsNumber(v) && strcmp(key, "id") == 0)
        return lede_arena_printf(c->arena, "%.17g", v->valuedouble);
    if (!cJSON_IsString(v) || !v->valuestring) {
        lede_diag(c, LEDE_DIAG_WARNING, path, line, -1,
                  "field \"%s\" is not a string, ignored", key);
        return NULL;
    }
    return lede_arena_strdup(c->arena, v->valuestring);
}

/* An extract record: "clean" is the text itself (lede extract writes the
 * clean body there too, for a reader who looks for it), or true (older
 * records). Its text and offsets are kept as they are. */
static int is_clean(const cJSON *obj, const cJSON *text)
{
    const cJSON *jclean = cJSON_GetObjectItemCaseSensitive(obj, "clean");
    if (cJSON_IsTrue(jclean)) return 1;
    return cJSON_IsString(jclean) && jclean->valuestring && text->valuestring &&
           strcmp(jclean->valuestring, text->valuestring) == 0;
}

/* Does the JSON text contain the escape \u0000? */
static int has_escaped_nul(const char *s, size_t n)
{
    for (const char *p = s, *end = s + n; p + 6 <= end;) {
        const char *q = memchr(p, '\\', (size_t)(end - p));
        if (!q || q + 6 > end) return 0;
        if (memcmp(q, "\\u0000", 6) == 0) return 1;
        p = q + (q[1] == '\\' ? 2 : 1);   /* an escaped backslash is not an escape start */
    }
    return 0;
}

/* A list of strings (categories, boilerplate). Absent: NULL/0. Returns -1
 * on OOM only; other types are reported and ignored. */
static int json_list(lede_corpus *c, const char *path, long line, const cJSON *obj,
                     const char *key, const char ***out, size_t *n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v)) return 0;
    if (!cJSON_IsArray(v)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, line, -1, "field \"%s\" is not a list, ignored", key);
        return 0;
    }
    int k = cJSON_GetArraySize(v);
    const char **list = lede_arena_calloc(c->arena, (size_t)(k > 0 ? k : 1) * sizeof *list);
    if (!list) return -1;
    size_t m = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (cJSON_IsString(e) && e->valuestring) {
            if (!(list[m] = lede_arena_strdup(c->arena, e->valuestring))) return -1;
            m++;
        }
    }
    *out = list;
    *n = m;
    return 0;
}

static int jsonl_line(lede_corpus *c, const char *path, long lineno,
                      const char *s, size_t n)
{
    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!obj) {
        /* The error position comes back through `end` (cJSON_GetErrorPtr
         * is a global, unsafe when threads parse at once). */
        const char *err = end;
        long col = (err && err >= s && err <= s + n) ? (long)(err - s) + 1 : 0;
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                  "malformed JSON near column %ld, line skipped", col);
        return 0;
    }
    int rc = 0;
    if (!cJSON_IsObject(obj)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                  "not a JSON object, line skipped");
        goto done;
    }
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    /* lede extract's last line ({"lede_extract_end": true, ...}) is no article */
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "lede_extract_end"))) goto done;
    if (!cJSON_IsString(text) || !text->valuestring) {
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                  "no \"text\" string field, line skipped");
        goto done;
    }
    size_t tn = strlen(text->valuestring);
    /* cJSON strings end at a NUL: a "\u0000" in the text cuts it there */
    if (has_escaped_nul(s, n))
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                  "a \\u0000 (NUL) in the line: the text is cut there");
    /* an extract record ("clean") of a headline-only article keeps its empty body */
    int clean = is_clean(obj, text);
    if (only_space(text->valuestring, tn) && !clean) {
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1, "empty text, line skipped");
        goto done;
    }
    if (!in_shard(c)) goto done;             /* another shard's article */
    lede_article *a = lede_arena_calloc(c->arena, sizeof *a);
    if (!a) { rc = -1; goto done; }
    c->bytes += tn;
    if (c->shard_n) a->order = (uint32_t)c->seen;
    /* Records written by lede extract carry the clean body, its position
     * in the whole corpus, the original path and the recovered metadata. */
    a->clean = clean;
    if (clean) {   /* an extract record keeps the doubt its first reading found */
        a->date_doubtful = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(obj, "date_doubtful"));
        if (a->date_doubtful) a->date_evidence = json_str(c, path, lineno, obj, "date_evidence");
    }
    a->given = 1;                            /* the text is the article's */
    const cJSON *jindex = cJSON_GetObjectItemCaseSensitive(obj, "index");
    if (cJSON_IsNumber(jindex) && jindex->valuedouble >= 1 && jindex->valuedouble < 4e9)
        a->order = (uint32_t)jindex->valuedouble;
    const cJSON *jann = cJSON_GetObjectItemCaseSensitive(obj, "annotations");
    if (cJSON_IsArray(jann)) {
        /* the list as written (printing it again from the tree was an
         * eighth of lede merge's time); printed when a key spelt with
         * escapes keeps it from being found in the text */
        size_t an = 0;
        const char *araw = lede_json_has_u_escape(s, n) ? NULL
                         : lede_json_member_raw(s, n, "annotations", &an);
        if (araw) {
            a->attached = lede_arena_strndup(c->arena, araw, an);
        } else {
            char *txt = cJSON_PrintUnformatted(jann);
            if (!txt) { rc = -1; goto done; }
            a->attached = lede_arena_strdup(c->arena, txt);
            cJSON_free(txt);
        }
        if (!a->attached) { rc = -1; goto done; }
    }
    const char *opath = json_str(c, path, lineno, obj, "path");
    a->path = opath ? opath : lede_arena_strdup(c->arena, path);
    a->line = (uint32_t)lineno;
    a->id = json_str(c, path, lineno, obj, "id");
    size_t idn;                              /* a numeric id as written: 1.5, 20 digits */
    const char *idraw = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(obj, "id"))
                            ? lede_json_member_raw(s, n, "id", &idn) : NULL;
    if (idraw) a->id = lede_arena_strndup(c->arena, idraw, idn);
    if (!a->id) a->id = lede_arena_printf(c->arena, "%s:%ld", base_id(c->arena, path), lineno);
    a->title = json_str(c, path, lineno, obj, "title");
    a->source = json_str(c, path, lineno, obj, "source");
    a->url = json_str(c, path, lineno, obj, "url");
    a->byline = json_str(c, path, lineno, obj, "byline");
    if (!a->byline) a->byline = json_str(c, path, lineno, obj, "author");
    a->subtitle = json_str(c, path, lineno, obj, "subtitle");
    a->dateline = json_str(c, path, lineno, obj, "dateline");
    a->agency = json_str(c, path, lineno, obj, "agency");
    if (json_list(c, path, lineno, obj, "categories", &a->categories, &a->ncategories) ||
        json_list(c, path, lineno, obj, "boilerplate", &a->boilerplate, &a->nboilerplate)) {
        rc = -1;
        goto done;
    }
    const char *date = json_str(c, path, lineno, obj, "date");
    if (date) {
        lede_date d;
        char iso[32];
        if (lede_date_parse(date, strlen(date), &d) && lede_date_iso(&d, iso, sizeof iso) > 0) {
            a->date = lede_arena_strdup(c->arena, iso);
        } else {
            lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                      "date \"%.40s\" not understood, ignored", date);
        }
    }
    /* cJSON decodes \u escapes without checking for lone surrogates, so the
     * text is validated again like any file. */
    a->raw = checked_copy(c, path, lineno, text->valuestring, tn, &a->raw_len);
    if (!a->raw || !a->path || !a->id) { rc = -1; goto done; }
    a->format = "jsonl";
    if (lede_nfc_article(c->arena, a) != 0 || finish_dated(c, a, a->date != NULL) != 0)
        rc = -1;
done:
    cJSON_Delete(obj);
    return rc;
}

int lede_corpus_add_jsonl_line(lede_corpus *c, const char *path, long lineno,
                               const char *p, size_t len)
{
    if (lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;                              /* a byte order mark */
        len -= 3;
    }
    if (len && p[len - 1] == '\r') len--;
    if (only_space(p, len)) return 0;
    if (memchr(p, '\0', len)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1, "NUL byte in line, line skipped");
        return 0;
    }
    size_t bad;
    if (!lede_utf8_valid(p, len, &bad)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, lineno, -1,
                  "invalid UTF-8 at byte %zu of the line, line skipped", bad);
        return 0;
    }
    if (jsonl_line(c, path, lineno, p, len) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, lineno, -1, "out of memory");
        return -1;
    }
    return 0;
}

int lede_corpus_add_jsonl(lede_corpus *c, const char *path,
                          const char *bytes, size_t n)
{
    /* Lines are validated one at a time so a bad byte costs one warning
     * with its line number and never a whole file. */
    const char *p = bytes, *end = bytes + n;
    long lineno = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        size_t len = (size_t)(le - p);
        size_t bad;
        if (len && !memchr(p, '\0', len) && !lede_utf8_valid(p, len, &bad)) {
            /* reported with the byte offset in the file, not the line */
            lede_diag(c, LEDE_DIAG_WARNING, path, lineno, (long)(p - bytes) + (long)bad,
                      "invalid UTF-8 at byte %zu, line skipped", (size_t)(p - bytes) + bad);
        } else if (lede_corpus_add_jsonl_line(c, path, lineno, p, len) != 0) {
            return -1;
        }
        p = nl ? nl + 1 : end;
    }
    return 0;
}

/* ------------------------------------------------------------------ files */

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int is_jsonl_name(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ||
           has_suffix(path, ".jl");
}

/* Read a whole stream into a malloc'd buffer of at most LEDE_MAX_FILE
 * bytes, counted for --max-memory while it is held (*held bytes: give them
 * back with lede_mem_discharge after free). Returns NULL with *why set. */
static char *slurp(FILE *f, size_t *len, size_t *held, const char **why)
{
    size_t cap = 1 << 16, n = 0;
    int counted;
    *held = 0;
    *why = "out of memory";
    if (lede_mem_charge(cap, &counted) != 0) {
        *why = "over the memory limit (--max-memory)";
        return NULL;
    }
    if (counted) *held = cap;
    char *buf = malloc(cap);
    if (!buf) goto fail;
    for (;;) {
        if (n == cap) {
            if (cap >= LEDE_MAX_FILE + 1) {
                *why = "too large: more than 1024 MB, the most read as one file "
                       "(JSON Lines can be read with --stream)";
                goto fail;
            }
            size_t ncap = cap * 2 > LEDE_MAX_FILE + 1 ? LEDE_MAX_FILE + 1 : cap * 2;
            if (lede_mem_charge(ncap - cap, &counted) != 0) {
                *why = "over the memory limit (--max-memory)";
                goto fail;
            }
            if (counted) *held += ncap - cap;
            char *nb = realloc(buf, ncap);
            if (!nb) goto fail;
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        *why = strerror(errno ? errno : EIO);
        goto fail;
    }
    *len = n;
    return buf;
fail:
    free(buf);
    lede_mem_discharge(*held);
    *held = 0;
    return NULL;
}

/* A leading UTF-8 byte order mark is no part of the text. */
static size_t bom_len(const char *s, size_t n)
{
    return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Read f whole (after the npre bytes already taken from it, pre) and add
 * it as JSON Lines or one text; a leading BOM is dropped. */
static int add_stream_pre(lede_corpus *c, const char *path, FILE *f, int jsonl, int judge,
                          const char *pre, size_t npre)
{
    size_t n = 0, held = 0;
    const char *why = NULL;
    errno = 0;
    char *buf = slurp(f, &n, &held, &why);
    if (buf && npre) {
        char *nb = malloc(n + npre);
        if (nb) {
            memcpy(nb, pre, npre);
            memcpy(nb + npre, buf, n);
            n += npre;
        } else {
            why = "out of memory";
        }
        free(buf);
        buf = nb;
        if (!buf) lede_mem_discharge(held);
    }
    if (!buf) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot read: %s", why);
        return -1;
    }
    int u16 = lede_utf16_bom(buf, n);
    if (u16) {
        /* UTF-16 (a BOM says which order): read as its UTF-8 */
        size_t len, nbad, first;
        char *u8 = lede_utf16_to_utf8(buf + 2, n - 2, u16 == 2, &len, &nbad, &first);
        free(buf);
        if (!u8) {
            lede_mem_discharge(held);
            lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot read: out of memory");
            return -1;
        }
        if (nbad)
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1,
                      "UTF-16 (%s-endian): %zu unpaired surrogate%s or odd byte%s replaced "
                      "with U+FFFD, the first at byte %zu",
                      u16 == 2 ? "big" : "little", nbad, nbad == 1 ? "" : "s",
                      nbad == 1 ? "" : "s", first + 2);
        buf = u8;
        n = len;
        if (judge) {
            /* stdin: judged again on the text (JSON Lines start with '{') */
            size_t k = 0;
            while (k < n && (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\n' || buf[k] == '\r'))
                k++;
            jsonl = k < n && buf[k] == '{';
        }
    }
    int rc = 0;
    size_t skip = bom_len(buf, n);
    if (jsonl) {
        if (only_space(buf + skip, n - skip))
            lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "empty file, skipped");
        else
            rc = lede_corpus_add_jsonl(c, path, buf, n);   /* line 1 drops the BOM */
    } else {
        lede_corpus_add_text(c, path, buf + skip, n - skip);
    }
    free(buf);
    lede_mem_discharge(held);
    return rc;
}

static int add_stream(lede_corpus *c, const char *path, FILE *f, int jsonl)
{
    return add_stream_pre(c, path, f, jsonl, 0, NULL, 0);
}

static const char *file_kind(mode_t m)
{
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISSOCK(m)) return "a socket";
    if (S_ISDIR(m)) return "a folder";
    return "not a regular file";
}

/* Open path for reading only if it is a regular file: a FIFO is opened
 * without blocking and refused, like a device or a socket (a warning,
 * skipped: /dev/zero would be read until memory runs out, a FIFO would
 * block forever). Returns NULL with the diagnostic given; *skipped is set
 * when the file was refused rather than unreadable. */
static FILE *open_regular(lede_corpus *c, const char *path, int *skipped)
{
    *skipped = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot stat: %s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        lede_diag(c, LEDE_DIAG_WARNING, path, 0, -1, "%s, not a regular file: skipped",
                  file_kind(st.st_mode));
        close(fd);
        *skipped = 1;
        return NULL;
    }
    if ((unsigned long long)st.st_size > LEDE_MAX_FILE) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1,
                  "too large: %lld MB, more than the 1024 MB read as one file "
                  "(JSON Lines can be read with --stream), skipped",
                  (long long)(st.st_size >> 20));
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl != -1) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
        close(fd);
    }
    return f;
}

static int add_file(lede_corpus *c, const char *path)
{
    if (is_sidecar(path)) return 0;          /* read with its file */
    int skipped;
    FILE *f = open_regular(c, path, &skipped);
    if (!f) return skipped ? 0 : -1;
    int rc = add_stream(c, path, f, is_jsonl_name(path));
    fclose(f);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int lede_list_dir(const char *path, char ***names_out, size_t *n_out)
{
    *names_out = NULL;
    *n_out = 0;
    DIR *d = opendir(path);
    if (!d) return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue; /* hidden files, . and .. */
        if (n == cap) {
            char **nn = lede_grow(names, &cap, sizeof *nn, 32);
            if (!nn) { rc = -2; break; }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) { rc = -2; break; }
        n++;
    }
    closedir(d);
    if (rc != 0) {
        lede_list_free(names, n);
        return rc;
    }
    /* Sorted by byte order so every run, on every file system, sees the
     * articles in the same order. */
    if (n > 1) qsort(names, n, sizeof *names, cmp_names);
    *names_out = names;
    *n_out = n;
    return 0;
}

void lede_list_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

char *lede_path_join(const char *dir, const char *name)
{
    size_t plen = strlen(dir);
    int slash = plen > 0 && dir[plen - 1] == '/';
    size_t len = plen + strlen(name) + 2;
    char *full = malloc(len);
    if (full) snprintf(full, len, "%s%s%s", dir, slash ? "" : "/", name);
    return full;
}

static int add_dir(lede_corpus *c, const char *path, int depth, walk_seen *w)
{
    if (depth > 64) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "folders nested too deep, skipped");
        return -1;
    }
    char **names;
    size_t n;
    int lr = lede_list_dir(path, &names, &n);
    if (lr == -1) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot open folder: %s", strerror(errno));
        return -1;
    }
    if (lr != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *full = lede_path_join(path, names[i]);
        if (!full) { rc = -1; break; }
        struct stat st;
        switch (walk_kind(full, &st)) {
        case WALK_ERROR:
            lede_diag(c, LEDE_DIAG_ERROR, full, 0, -1, "cannot stat: %s", strerror(errno));
            break;
        case WALK_LINKED_DIR:
            lede_diag(c, LEDE_DIAG_WARNING, full, 0, -1,
                      "a symbolic link to a folder, not followed");
            break;
        case WALK_DIR:
            if (walk_seen_before(w, &st))
                lede_diag(c, LEDE_DIAG_WARNING, full, 0, -1,
                          "a folder already read in this walk (a loop), skipped");
            else
                add_dir(c, full, depth + 1, w);
            break;
        case WALK_FILE:
            add_file(c, full);
            break;
        default:
            break;
        }
        free(full);
    }
    if (rc != 0) lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "out of memory");
    lede_list_free(names, n);
    return rc;
}

/* stdin has no name to tell its format by: a first non-blank byte '{'
 * means JSON Lines (a plain-text article practically never starts so). */
enum { STDIN_EMPTY, STDIN_TEXT, STDIN_JSONL };

/* What stdin holds, judged by its first non-blank byte (left unread),
 * after a UTF-8 byte order mark (dropped: with it, JSON Lines were read as
 * one plain-text article). Bytes taken that were not a BOM (EF BC 88 is
 * U+FF08, a text) come back in pre (*npre of them), to be read first. */
static int stdin_kind(char pre[2], size_t *npre)
{
    *npre = 0;
    int ch = getc(stdin);
    if (ch == 0xEF) {
        int c2 = getc(stdin);
        if (c2 == 0xBB) {
            int c3 = getc(stdin);
            if (c3 == 0xBF) {
                ch = getc(stdin);            /* the BOM is gone */
            } else {
                pre[0] = (char)0xEF;
                pre[1] = (char)0xBB;
                *npre = 2;
                if (c3 != EOF) ungetc(c3, stdin);
                return STDIN_TEXT;
            }
        } else {
            if (c2 != EOF) ungetc(c2, stdin);
            ungetc(ch, stdin);
            return STDIN_TEXT;
        }
    }
    while (ch != EOF && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))
        ch = getc(stdin);
    if (ch == EOF) return STDIN_EMPTY;
    ungetc(ch, stdin);
    return ch == '{' ? STDIN_JSONL : STDIN_TEXT;
}

static int add_stdin(lede_corpus *c)
{
    char pre[2];
    size_t npre;
    int kind = stdin_kind(pre, &npre);
    if (kind == STDIN_EMPTY) {
        lede_diag(c, LEDE_DIAG_WARNING, "-", 0, -1, "empty input, skipped");
        return 0;
    }
    return add_stream_pre(c, "-", stdin, kind == STDIN_JSONL, 1, pre, npre);
}

int lede_corpus_add_path(lede_corpus *c, const char *path)
{
    if (strcmp(path, "-") == 0) return add_stdin(c);
    struct stat st;
    if (stat(path, &st) != 0) {
        lede_diag(c, LEDE_DIAG_ERROR, path, 0, -1, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        walk_seen w = { 0 };
        walk_seen_before(&w, &st);
        int rc = add_dir(c, path, 0, &w);
        walk_seen_free(&w);
        return rc;
    }
    return add_file(c, path);
}

/* -------------------------------------------------------------- streaming */

/* A queue entry: a path still to read. Folders are expanded when reached,
 * their entries pushed in sorted order, so memory holds one folder listing
 * per level, never the whole tree. */
typedef struct pathnode {
    struct pathnode *next;
    int depth;
    char path[];
} pathnode;

struct lede_stream {
    pathnode *queue;           /* paths to read, in order */
    lede_corpus *log;          /* diagnostics not tied to an article */
    FILE *jf;                  /* the JSON Lines file being read, if any */
    char *jpath;
    long jline;
    char *line;
    size_t linecap;
    lede_diag_fn diag;
    void *diag_ud;
    size_t narticles, bytes, nwarnings, nerrors, failed_paths, nrejected;
    uint32_t shard_i, shard_n;
    size_t seen;
    walk_seen walk;            /* folders of the current command-line path */
    lede_corpus *pending;      /* a file's articles not handed out yet */
    size_t pending_i;
    /* -j N: a source reading ahead (stream_source.h) */
    lede_corpus *(*src_next)(void *ud);
    void (*src_fin)(void *ud);
    void *src_ud;
    int shown;                 /* counts shows shown_v, not what was read */
    size_t shown_v[4];
};

static pathnode *new_node(const char *path, int depth)
{
    size_t n = strlen(path);
    pathnode *p = malloc(sizeof *p + n + 1);
    if (!p) return NULL;
    p->next = NULL;
    p->depth = depth;
    memcpy(p->path, path, n + 1);
    return p;
}

lede_stream *lede_stream_new(lede_diag_fn diag, void *ud)
{
    lede_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->log = lede_corpus_new();
    if (!s->log) {
        free(s);
        return NULL;
    }
    s->diag = diag ? diag : default_diag;
    s->diag_ud = ud;
    s->log->diag = s->diag;
    s->log->diag_ud = ud;
    return s;
}

void lede_stream_shard(lede_stream *s, uint32_t i, uint32_t n)
{
    s->shard_i = i;
    s->shard_n = n;
}

int lede_stream_add_path(lede_stream *s, const char *path)
{
    pathnode *n = new_node(path, 0);
    if (!n) return -1;
    pathnode **tail = &s->queue;
    while (*tail) tail = &(*tail)->next;
    *tail = n;
    return 0;
}

static void close_jsonl(lede_stream *s)
{
    if (s->jf && s->jf != stdin) fclose(s->jf);
    s->jf = NULL;
    free(s->jpath);
    s->jpath = NULL;
}

void lede_stream_free(lede_stream *s)
{
    if (!s) return;
    if (s->src_fin) s->src_fin(s->src_ud);
    close_jsonl(s);
    while (s->queue) {
        pathnode *n = s->queue;
        s->queue = n->next;
        free(n);
    }
    free(s->line);
    lede_corpus_free(s->pending);
    walk_seen_free(&s->walk);
    lede_corpus_free(s->log);
    free(s);
}

/* A fresh corpus for one article, reporting through the stream. */
static lede_corpus *mini_corpus(lede_stream *s)
{
    lede_corpus *c = lede_corpus_new();
    if (!c) return NULL;
    c->diag = s->diag;
    c->diag_ud = s->diag_ud;
    /* the shard is decided inside, before the costly parse, from the
     * stream's running count */
    c->shard_i = s->shard_i;
    c->shard_n = s->shard_n;
    c->seen = s->seen;
    c->keep_raw = 1;          /* one article, read and dropped: no packing */
    return c;
}

/* The next article of a file that gave several, in a corpus of its own
 * that holds the file's corpus (whose arena has the article) until freed:
 * a script may keep any article as long as it likes. NULL on OOM. */
static lede_corpus *take_pending(lede_stream *s)
{
    lede_corpus *p = s->pending, *one = lede_corpus_new();
    if (one) one->articles = malloc(sizeof *one->articles);
    if (!one || !one->articles) {
        lede_corpus_free(one);
        return NULL;
    }
    lede_article *a = p->articles[s->pending_i++];
    one->articles[0] = a;
    one->narticles = one->cap = 1;
    one->parent = p;
    ++s->narticles;
    a->index = a->order ? a->order : (uint32_t)s->narticles;
    if (s->pending_i < p->narticles) p->refs++;
    else s->pending = NULL;                  /* the last: the stream lets go */
    return one;
}

/* Account a finished mini corpus; returns it if it holds an article. */
static lede_corpus *settle(lede_stream *s, lede_corpus *c)
{
    s->seen = c->seen;
    s->nwarnings += c->nwarnings;
    s->nerrors += c->nerrors;
    s->nrejected += c->nrejected;
    s->bytes += c->bytes;
    if (c->narticles == 0) {
        lede_corpus_free(c);
        return NULL;
    }
    if (c->narticles > 1) {                  /* a feed, a WARC, a CSV: one at a time */
        s->pending = c;
        s->pending_i = 0;
        return take_pending(s);
    }
    ++s->narticles;
    lede_article *a = c->articles[0];
    a->index = a->order ? a->order : (uint32_t)s->narticles;
    return c;
}

/* Expand a folder: its entries go to the front of the queue, sorted. */
static void expand_dir(lede_stream *s, const char *path, int depth)
{
    if (depth > 64) {
        lede_diag(s->log, LEDE_DIAG_ERROR, path, 0, -1, "folders nested too deep, skipped");
        return;
    }
    char **names;
    size_t n;
    int lr = lede_list_dir(path, &names, &n);
    if (lr != 0) {
        lede_diag(s->log, LEDE_DIAG_ERROR, path, 0, -1, "cannot open folder: %s",
                  lr == -1 ? strerror(errno) : "out of memory");
        return;
    }
    pathnode *head = NULL, **tail = &head;
    for (size_t i = 0; i < n; i++) {
        char *full = lede_path_join(path, names[i]);
        pathnode *node = full ? new_node(full, depth + 1) : NULL;
        free(full);
        if (node) {
            *tail = node;
            tail = &node->next;
        }
    }
    lede_list_free(names, n);
    *tail = s->queue;
    s->queue = head;
}

void lede_stream_set_source(lede_stream *s, lede_corpus *(*next)(void *ud),
                            void (*fin)(void *ud), void *ud)
{
    s->src_next = next;
    s->src_fin = fin;
    s->src_ud = ud;
}

void lede_stream_set_diag(lede_stream *s, lede_diag_fn diag, void *ud,
                          lede_diag_fn *old, void **old_ud)
{
    *old = s->diag;
    *old_ud = s->diag_ud;
    s->diag = s->log->diag = diag;
    s->diag_ud = s->log->diag_ud = ud;
}

lede_corpus *lede_stream_next(lede_stream *s)
{
    return s->src_next ? s->src_next(s->src_ud) : lede_stream_read(s);
}

lede_corpus *lede_stream_read(lede_stream *s)
{
    if (s->pending) return take_pending(s);
    for (;;) {
        if (s->jf) {
            errno = 0;
            ssize_t got = getline(&s->line, &s->linecap, s->jf);
            if (got < 0) {
                if (ferror(s->jf))
                    lede_diag(s->log, LEDE_DIAG_ERROR, s->jpath, 0, -1, "cannot read: %s",
                              strerror(errno ? errno : EIO));
                close_jsonl(s);
                continue;
            }
            s->jline++;
            size_t len = (size_t)got;
            if (len && s->line[len - 1] == '\n') len--;
            lede_corpus *c = mini_corpus(s);
            if (!c) return NULL;
            lede_corpus_add_jsonl_line(c, s->jpath, s->jline, s->line, len);
            if ((c = settle(s, c)) != NULL) return c;
            continue;
        }
        pathnode *node = s->queue;
        if (!node) return NULL;
        s->queue = node->next;
        const char *path = node->path;
        if (strcmp(path, "-") == 0) {
            char pre[2];
            size_t npre;
            int kind = stdin_kind(pre, &npre);
            if (kind == STDIN_EMPTY) {
                lede_diag(s->log, LEDE_DIAG_WARNING, "-", 0, -1, "empty input, skipped");
                free(node);
                continue;
            }
            if (kind == STDIN_JSONL) {
                s->jf = stdin;
                s->jpath = strdup("-");
                s->jline = 0;
                free(node);
                continue;
            }
            lede_corpus *c = mini_corpus(s);
            if (c) add_stream_pre(c, "-", stdin, 0, 0, pre, npre);
            free(node);
            if (!c) return NULL;
            if ((c = settle(s, c)) != NULL) return c;
            continue;
        }
        struct stat st;
        if (node->depth == 0) {
            s->walk.n = 0;               /* a new walk */
            if (stat(path, &st) != 0) {
                lede_diag(s->log, LEDE_DIAG_ERROR, path, 0, -1, "cannot open: %s",
                          strerror(errno));
                s->failed_paths++;
                free(node);
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                walk_seen_before(&s->walk, &st);
                expand_dir(s, path, node->depth);
                free(node);
                continue;
            }
        } else {
            int k = walk_kind(path, &st);
            if (k == WALK_ERROR)
                lede_diag(s->log, LEDE_DIAG_ERROR, path, 0, -1, "cannot stat: %s",
                          strerror(errno));
            else if (k == WALK_LINKED_DIR)
                lede_diag(s->log, LEDE_DIAG_WARNING, path, 0, -1,
                          "a symbolic link to a folder, not followed");
            else if (k == WALK_DIR && walk_seen_before(&s->walk, &st))
                lede_diag(s->log, LEDE_DIAG_WARNING, path, 0, -1,
                          "a folder already read in this walk (a loop), skipped");
            else if (k == WALK_DIR)
                expand_dir(s, path, node->depth);
            if (k != WALK_FILE) {
                free(node);
                continue;
            }
        }
        if (is_jsonl_name(path)) {
            int skipped;
            FILE *f = open_regular(s->log, path, &skipped);
            if (!f) {
                if (node->depth == 0 && !skipped) s->failed_paths++;
            } else {
                s->jf = f;
                s->jpath = strdup(path);
                s->jline = 0;
                if (!s->jpath) close_jsonl(s);
            }
            free(node);
            continue;
        }
        lede_corpus *c = mini_corpus(s);
        if (!c) {
            free(node);
            return NULL;
        }
        add_file(c, path);
        free(node);
        if ((c = settle(s, c)) != NULL) return c;
    }
}

void lede_stream_read_counts(const lede_stream *s, size_t v[4])
{
    v[0] = s->narticles;
    v[1] = s->bytes;
    v[2] = s->nwarnings + s->log->nwarnings;
    /* a file no reader took makes the exit status 2, as an error does */
    v[3] = s->nerrors + s->log->nerrors + s->nrejected + s->log->nrejected;
}

void lede_stream_show_counts(lede_stream *s, const size_t v[4])
{
    memcpy(s->shown_v, v, sizeof s->shown_v);
    s->shown = 1;
}

void lede_stream_counts(const lede_stream *s, size_t *articles, size_t *bytes,
                        size_t *warnings, size_t *errors)
{
    size_t v[4];
    if (s->shown) memcpy(v, s->shown_v, sizeof v);
    else lede_stream_read_counts(s, v);
    if (articles) *articles = v[0];
    if (bytes) *bytes = v[1];
    if (warnings) *warnings = v[2];
    if (errors) *errors = v[3];
}

static int cmp_index(const void *x, const void *y)
{
    const lede_article *a = *(lede_article *const *)x, *b = *(lede_article *const *)y;
    return a->index < b->index ? -1 : a->index > b->index;
}

void lede_corpus_sort_by_index(lede_corpus *c)
{
    /* qsort is not stable, but indexes are unique positions */
    if (c->narticles > 1) qsort(c->articles, c->narticles, sizeof *c->articles, cmp_index);
}
