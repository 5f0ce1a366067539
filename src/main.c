/*
 * main.c — the lede command line.
 *
 *   lede run SCRIPT.lua [CORPUS...] [-- ARGS...]
 *   lede report NAME [CORPUS...] | lede report --list
 *   lede repl [CORPUS...]
 *   lede stats CORPUS...
 *
 * Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 script
 * error, 2 usage or input error (a path that could not be read; the rest
 * of the corpus is still processed and reported on first).
 */
#include "host.h"
#include "lbind.h"

#include <lauxlib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *usage_text =
    "usage: lede [OPTIONS] COMMAND [ARGS...]\n"
    "\n"
    "Read a pile of news articles as data.\n"
    "\n"
    "Commands:\n"
    "  run SCRIPT.lua [CORPUS...] [-- ARGS...]   run a Lua script; it sees `corpus` and `arg`\n"
    "  report NAME [CORPUS...]                  run a bundled report (scripts/reports/NAME.lua)\n"
    "  report --list                            list the bundled reports\n"
    "  repl [CORPUS...]                         interactive Lua prompt with `corpus` loaded\n"
    "  stats CORPUS...                          articles, sentences, tokens, bytes, warnings\n"
    "  rules [CORPUS...]                        list the extraction rules that would run\n"
    "                                           (with --rules / --no-default-rules); with a\n"
    "                                           corpus, the time and output of each on it\n"
    "  extract CORPUS...                        one JSON line per article: metadata, clean text\n"
    "                                           and annotations (use with --shard)\n"
    "  merge NAME PART...                       the report NAME over extract outputs, as one\n"
    "                                           run over the whole corpus would give it\n"
    "                                           (--skip-bad: warn about bad lines, go on)\n"
    "  eval GOLD CORPUS...                      precision, recall and F1 of the rules against\n"
    "                                           hand annotations (a folder of gold JSON files)\n"
    "  eval --format conll FILE...              PER/ORG/LOC exact-span precision, recall, F1\n"
    "                                           and the most frequent errors on CoNLL files\n"
    "  eval --format pages DIR                  article-body word-4-shingle F1 of HTML pages\n"
    "                                           (DIR/html/ID.html[.gz], DIR/ground-truth.json)\n"
    "  eval --format brat DIR...                quote P/R/F1 and speaker accuracy on brat standoff\n"
    "                                           attributions (DIR/text/*.txt, DIR/attributions/*.ann)\n"
    "  eval --format timeml DIR...              TempEval-3 strict/relaxed P/R/F1, type and value\n"
    "                                           accuracy of the date and time rules on TimeML files\n"
    "  train [OPTIONS] FILE...                  train an entity tagger model on CoNLL files or\n"
    "                                           lede's JSON Lines (see 'lede train --help')\n"
    "\n"
    "CORPUS is a file, a folder (read recursively in sorted order), or - for stdin.\n"
    "Files ending in .jsonl/.ndjson/.jl are JSON Lines: one article per line with a\n"
    "\"text\" field and optional \"title\", \"date\", \"source\", \"url\", \"id\"\n"
    "(lede extract writes more: metadata, \"index\", \"clean\", \"annotations\").\n"
    "\n"
    "Options:\n"
    "  -o, --output FORMAT   text (default), json, csv, md, html or dot (graphs);\n"
    "                        passed to scripts as lede.options.output\n"
    "  -q, --quiet           do not print warnings about the input\n"
    "      --sandbox         run the script without os.execute, io.popen, file\n"
    "                        writes, C modules or the debug library, and with\n"
    "                        limits (default for reports from outside the install)\n"
    "      --no-sandbox      run such a report (or LEDE_PATH root) with full access\n"
    "      --max-memory MB   limit the script's Lua memory (sandbox default 1024)\n"
    "      --max-instructions N  limit the Lua instructions run (sandbox default 1e11)\n"
    "  -j, --jobs N          parse the corpus and run the rules on N threads\n"
    "                        (the output is identical to -j 1)\n"
    "      --shard I/N       read only shard I of N: the articles at positions\n"
    "                        I, I+N, I+2N, ... of the corpus (article.index keeps\n"
    "                        the position in the whole corpus)\n"
    "      --stream          run/report: read the corpus one article at a time in\n"
    "                        bounded memory (`corpus:each(fn)`, `corpus:articles()`)\n"
    "      --rules PATH      extraction rules: a Lua file or a folder of them, run\n"
    "                        after the default rules (repeatable)\n"
    "      --no-default-rules  do not load the bundled rules (scripts/rules/)\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "Environment:\n"
    "  LEDE_PATH             colon-separated script roots searched before the\n"
    "                        bundled scripts (each holds reports/, lib/, rules/,\n"
    "                        data/); a root outside the install makes every run\n"
    "                        sandboxed (its lib/ and rules/ code too)\n"
    "\n"
    "Exit status: 0 ok; 1 a script raised an error; 2 bad usage, or some input\n"
    "could not be read (the rest of the input is still processed).\n";

typedef struct {
    lede_host_opts host;
    int list;
    char **pos;             /* positional arguments */
    int npos;
    int stream;             /* --stream: read the corpus one article at a time */
    int sandbox_set;        /* --sandbox or --no-sandbox given */
    int sort_by_index;      /* merge: put articles back in corpus order */
    int skip_bad;           /* merge --skip-bad: warn about bad lines, go on */
    const char *format;     /* eval --format conll: the gold's format */
    char **script_args;     /* after -- */
    int nscript_args;
} cli;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "lede: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'lede --help' for more information.\n");
    return LEDE_EXIT_USAGE;
}

static int valid_format(const char *f)
{
    static const char *ok[] = {"text", "json", "csv", "md", "html", "dot", NULL};
    for (int i = 0; ok[i]; i++)
        if (strcmp(f, ok[i]) == 0) return 1;
    return 0;
}

/* Parse options anywhere before "--"; returns -1 to continue, else an
 * exit code (help/version/errors). */
static int parse_args(cli *c, int argc, char **argv)
{
    c->pos = calloc((size_t)argc + 1, sizeof *c->pos);
    if (!c->pos) return LEDE_EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            c->script_args = argv + i + 1;
            c->nscript_args = argc - i - 1;
            break;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            c->pos[c->npos++] = a;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return LEDE_EXIT_OK;
        }
        if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            char pv[64] = "?";
            pcre2_config(PCRE2_CONFIG_VERSION, pv);
            printf("lede %s (%s, PCRE2 %s)\n", LEDE_VERSION, LUA_RELEASE, pv);
            return LEDE_EXIT_OK;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            c->host.quiet = 1;
            continue;
        }
        if (!strcmp(a, "--rules") || !strncmp(a, "--rules=", 8)) {
            const char *path = a[7] == '=' ? a + 8 : NULL;
            if (!path) {
                if (i + 1 >= argc) return usage_error("option %s needs a PATH", a);
                path = argv[++i];
            }
            char **nr = realloc(c->host.rules, (size_t)(c->host.nrules + 1) * sizeof *nr);
            if (!nr) return usage_error("%s", "out of memory");
            c->host.rules = nr;
            c->host.rules[c->host.nrules++] = (char *)path;
            continue;
        }
        if (!strcmp(a, "--sandbox")) {
            c->host.sandbox = 1;
            c->sandbox_set = 1;
            continue;
        }
        if (!strcmp(a, "--no-sandbox")) {
            c->host.sandbox = 0;
            c->host.no_sandbox = 1;
            c->sandbox_set = 1;
            continue;
        }
        if (!strcmp(a, "--max-memory") || !strcmp(a, "--max-instructions")) {
            if (i + 1 >= argc) return usage_error("option %s needs a number", a);
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (errno || *end || v == 0 || argv[i][0] == '-')
                return usage_error("option needs a positive whole number, not '%s'", argv[i]);
            if (a[6] == 'm') {
                if (v > (SIZE_MAX >> 20)) return usage_error("--max-memory %s is too large", argv[i]);
                c->host.max_memory = (size_t)v << 20;
            } else {
                c->host.max_instructions = v;
            }
            continue;
        }
        if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || (!strncmp(a, "-j", 2) && a[2])) {
            const char *v = a[1] == 'j' && a[2] ? a + 2 : NULL;
            if (!v) {
                if (i + 1 >= argc) return usage_error("option %s needs a number", a);
                v = argv[++i];
            }
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 64) return usage_error("-j needs a number from 1 to 64, not '%s'", v);
            c->host.jobs = (int)n;
            continue;
        }
        if (!strcmp(a, "--shard") || !strncmp(a, "--shard=", 8)) {
            const char *v = a[7] == '=' ? a + 8 : NULL;
            if (!v) {
                if (i + 1 >= argc) return usage_error("option %s needs I/N", a);
                v = argv[++i];
            }
            unsigned si = 0, sn = 0;
            char extra;
            if (sscanf(v, "%u/%u%c", &si, &sn, &extra) != 2 || sn < 1 || si < 1 || si > sn)
                return usage_error("--shard needs I/N with 1 <= I <= N, not '%s'", v);
            c->host.shard_i = si;
            c->host.shard_n = sn;
            continue;
        }
        if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : NULL;
            if (!v) {
                if (i + 1 >= argc) return usage_error("option %s needs a format (conll, pages, brat, timeml)", a);
                v = argv[++i];
            }
            if (strcmp(v, "conll") != 0 && strcmp(v, "pages") != 0 && strcmp(v, "brat") != 0 &&
                strcmp(v, "timeml") != 0)
                return usage_error("unknown input format '%s' (conll, pages, brat, timeml)", v);
            c->format = v;
            continue;
        }
        if (!strcmp(a, "--stream")) {
            c->stream = 1;
            continue;
        }
        if (!strcmp(a, "--skip-bad")) {
            c->skip_bad = 1;
            continue;
        }
        if (!strcmp(a, "--no-default-rules")) {
            c->host.no_default_rules = 1;
            continue;
        }
        if (!strcmp(a, "--list") || !strcmp(a, "-l")) {
            c->list = 1;
            continue;
        }
        const char *fmt = NULL;
        if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc) return usage_error("option %s needs a format", a);
            fmt = argv[++i];
        } else if (!strncmp(a, "--output=", 9)) {
            fmt = a + 9;
        } else if (!strncmp(a, "-o", 2)) {
            fmt = a + 2;
        } else {
            return usage_error("unknown option '%s'", a);
        }
        if (!valid_format(fmt))
            return usage_error("unknown output format '%s' (text, json, csv, md, html, dot)", fmt);
        c->host.output = fmt;
    }
    return -1;
}

/* ------------------------------------------------------------------ stats */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

typedef struct {
    size_t articles, sents, toks, paras, words;
} stats_acc;

/* Streaming sink: stats never holds more than one article in memory. */
static void stats_sink(void *ud, const lede_article *a)
{
    stats_acc *s = ud;
    s->articles++;
    s->sents += a->nsentences;
    s->toks += a->ntokens;
    s->paras += a->nparagraphs;
    for (size_t t = 0; t < a->ntokens; t++)
        if (a->tokens[t].kind == LEDE_TOK_WORD) s->words++;
}

static int cmd_stats(cli *c)
{
    if (c->npos < 2) return usage_error("%s", "stats needs at least one CORPUS path");
    size_t input_errors = 0;
    stats_acc acc = {0};
    c->host.sink = stats_sink;
    c->host.sink_ud = &acc;
    lede_corpus *corp = lede_host_load(&c->host, c->pos + 1, c->npos - 1, &input_errors);
    if (!corp) {
        fprintf(stderr, "lede: out of memory\n");
        return LEDE_EXIT_USAGE;
    }
    size_t sents = acc.sents, toks = acc.toks, paras = acc.paras, words = acc.words;
    struct { const char *k; size_t v; } rows[] = {
        {"articles", acc.articles}, {"paragraphs", paras}, {"sentences", sents},
        {"tokens", toks}, {"words", words}, {"bytes", corp->bytes},
        {"warnings", corp->nwarnings}, {"errors", corp->nerrors},
    };
    size_t nrows = sizeof rows / sizeof rows[0];
    const char *fmt = c->host.output ? c->host.output : "text";
    if (!strcmp(fmt, "json")) {
        fputs("{", stdout);
        for (size_t i = 0; i < nrows; i++) {
            if (i) fputs(", ", stdout);
            json_str(stdout, rows[i].k);
            printf(": %zu", rows[i].v);
        }
        fputs("}\n", stdout);
    } else if (!strcmp(fmt, "csv")) {
        for (size_t i = 0; i < nrows; i++) printf("%s%s", i ? "," : "", rows[i].k);
        putchar('\n');
        for (size_t i = 0; i < nrows; i++) printf("%s%zu", i ? "," : "", rows[i].v);
        putchar('\n');
    } else if (!strcmp(fmt, "md") || !strcmp(fmt, "html")) {
        puts("| measure | value |\n|---|---:|");
        for (size_t i = 0; i < nrows; i++) printf("| %s | %zu |\n", rows[i].k, rows[i].v);
    } else {
        for (size_t i = 0; i < nrows; i++) printf("%-11s %zu\n", rows[i].k, rows[i].v);
    }
    lede_corpus_free(corp);
    return input_errors ? LEDE_EXIT_USAGE : LEDE_EXIT_OK;
}

/* ----------------------------------------------------------- run/report */

/* Load the corpus into global `corpus` and run the script. */
static int run_script(cli *c, const char *script, char **paths, int npaths)
{
    /* A LEDE_PATH root outside the install puts its lib/ and rules/ code
     * in every state (require, the default rules): sandbox it too. */
    if (!c->sandbox_set && lede_host_untrusted_root(c->host.argv0)) c->host.sandbox = 1;
    if (c->host.sandbox) {
        if (!c->host.max_memory) c->host.max_memory = (size_t)1024 << 20;
        if (!c->host.max_instructions) c->host.max_instructions = 100000000000ULL;
    }
    lua_State *L = lede_host_new(&c->host);
    if (!L) {
        fprintf(stderr, "lede: cannot create a Lua state\n");
        return LEDE_EXIT_SCRIPT;
    }
    size_t input_errors = 0;
    lede_stream *st = NULL;
    if (c->stream) {
        /* Nothing is read yet: the script pulls articles one at a time. */
        st = lede_host_stream(&c->host, paths, npaths);
        if (!st) {
            lede_host_close(L);
            fprintf(stderr, "lede: out of memory\n");
            return LEDE_EXIT_USAGE;
        }
        lede_lua_push_stream(L, st);
        /* anchored in the registry: the script may drop `corpus` and
         * collect it, and lede_stream_counts reads st after the script */
        lua_pushvalue(L, -1);
        luaL_ref(L, LUA_REGISTRYINDEX);
    } else {
        lede_corpus *corp = lede_host_load(&c->host, paths, npaths, &input_errors);
        if (!corp) {
            lede_host_close(L);
            fprintf(stderr, "lede: out of memory\n");
            return LEDE_EXIT_USAGE;
        }
        if (c->sort_by_index) lede_corpus_sort_by_index(corp);
        lede_lua_push_corpus(L, corp);
    }
    lua_setglobal(L, "corpus");
    /* -j N: the rules run on N threads before the script starts (not for
     * merge: its annotations come with the parts) */
    if (!st && c->host.jobs > 1 && !c->sort_by_index) {
        lua_getglobal(L, "corpus");
        lede_corpus *corp = lede_lua_tocorpus(L, -1);
        lua_pop(L, 1);
        if (corp) lede_host_prefetch(L, corp, &c->host);
    }
    int rc = lede_host_run_file(L, script, c->script_args, c->nscript_args);
    fflush(stdout);
    if (st) lede_stream_counts(st, NULL, NULL, NULL, &input_errors);
    lede_host_close(L);   /* frees the stream with its userdata */
    if (rc == LEDE_EXIT_OK && input_errors) rc = LEDE_EXIT_USAGE;
    return rc;
}

static int cmd_run(cli *c)
{
    if (c->npos < 2) return usage_error("%s", "run needs a SCRIPT.lua");
    return run_script(c, c->pos[1], c->pos + 2, c->npos - 2);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* First line of a report that starts with "-- " is its description. */
static void describe(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "--", 2) != 0) break;
        char *s = line + 2;
        while (*s == '-' || *s == ' ') s++;
        s[strcspn(s, "\r\n")] = '\0';
        if (*s) {
            size_t n = strlen(s);
            if (n >= size) n = size - 1;
            memcpy(out, s, n);
            out[n] = '\0';
            break;
        }
    }
    fclose(f);
}

static int cmd_report_list(cli *c)
{
    const char *roots[32];
    int nroots = lede_host_roots(c->host.argv0, roots, 32);
    char *names[512];
    char *paths[512];
    int n = 0;
    for (int r = 0; r < nroots; r++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/reports", roots[r]);
        DIR *d = opendir(dir);
        if (!d) continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL && n < 512) {
            size_t len = strlen(e->d_name);
            if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 || e->d_name[0] == '.')
                continue;
            char *name = strndup(e->d_name, len - 4);
            int dup = 0;
            for (int i = 0; i < n; i++)
                if (!strcmp(names[i], name)) dup = 1;
            if (dup || !name) { free(name); continue; }
            names[n] = name;
            paths[n] = malloc(strlen(dir) + len + 2);
            if (paths[n]) sprintf(paths[n], "%s/%s", dir, e->d_name);
            n++;
        }
        closedir(d);
    }
    /* sort names and paths together: sort an index */
    char *pairs[512];
    for (int i = 0; i < n; i++) {
        char desc[256];
        describe(paths[i] ? paths[i] : "", desc, sizeof desc);
        size_t len = strlen(names[i]) + strlen(desc) + 32;
        pairs[i] = malloc(len);
        if (pairs[i]) snprintf(pairs[i], len, "%-14s %s", names[i], desc);
        free(names[i]);
        free(paths[i]);
    }
    qsort(pairs, (size_t)n, sizeof *pairs, cmp_str);
    for (int i = 0; i < n; i++) {
        if (pairs[i]) puts(pairs[i]);
        free(pairs[i]);
    }
    if (n == 0) {
        fprintf(stderr, "lede: no reports found (set LEDE_PATH to a scripts folder)\n");
        return LEDE_EXIT_USAGE;
    }
    return LEDE_EXIT_OK;
}

static int cmd_report(cli *c)
{
    if (c->list) return cmd_report_list(c);
    if (c->npos < 2) return usage_error("%s", "report needs a NAME (see 'lede report --list')");
    const char *name = c->pos[1];
    char *path = NULL;
    if (strchr(name, '/') || strstr(name, ".lua")) {
        path = strdup(name);
    } else {
        path = lede_host_find(c->host.argv0, "reports", name);
        if (!path) {
            fprintf(stderr, "lede: no report named '%s' (see 'lede report --list')\n", name);
            return LEDE_EXIT_USAGE;
        }
    }
    /* A report from outside the install is someone else's code: sandbox it
     * unless the user says otherwise. */
    if (!c->sandbox_set && !lede_host_trusted(c->host.argv0, path)) c->host.sandbox = 1;
    int rc = run_script(c, path, c->pos + 2, c->npos - 2);
    free(path);
    return rc;
}

/* lede rules [CORPUS...]: list the rules that would run; with a corpus,
 * also what each costs on it (scripts/lib/list_rules.lua, streaming). */
static int cmd_rules(cli *c)
{
    char *path = lede_host_find(c->host.argv0, "lib", "list_rules");
    if (!path) {
        fprintf(stderr, "lede: scripts/lib/list_rules.lua not found (set LEDE_PATH)\n");
        return LEDE_EXIT_USAGE;
    }
    int rc;
    if (c->npos > 1) {
        c->stream = 1;    /* one article at a time: flat memory on any corpus */
        rc = run_script(c, path, c->pos + 1, c->npos - 1);
    } else {
        rc = run_script(c, path, NULL, 0);
    }
    free(path);
    return rc;
}

/* lede extract CORPUS...: scripts/lib/extract.lua, streaming. */
static int cmd_extract(cli *c)
{
    if (c->npos < 2) return usage_error("%s", "extract needs a CORPUS");
    char *path = lede_host_find(c->host.argv0, "lib", "extract");
    if (!path) {
        fprintf(stderr, "lede: scripts/lib/extract.lua not found (set LEDE_PATH)\n");
        return LEDE_EXIT_USAGE;
    }
    c->stream = 1;    /* one article at a time: extraction is per article */
    int rc = run_script(c, path, c->pos + 1, c->npos - 1);
    free(path);
    return rc;
}

/* lede merge NAME PART...: load the parts (articles sorted back into corpus
 * order), attach their annotations, run the report. */
static int cmd_merge(cli *c)
{
    if (c->npos < 3) return usage_error("%s", "merge needs a report NAME and extract outputs");
    const char *name = c->pos[1];
    char *report = (strchr(name, '/') || strstr(name, ".lua")) ? strdup(name)
                                                               : lede_host_find(c->host.argv0, "reports", name);
    if (!report) {
        fprintf(stderr, "lede: no report named '%s' (see 'lede report --list')\n", name);
        return LEDE_EXIT_USAGE;
    }
    char *merge = lede_host_find(c->host.argv0, "lib", "merge");
    if (!merge) {
        free(report);
        fprintf(stderr, "lede: scripts/lib/merge.lua not found (set LEDE_PATH)\n");
        return LEDE_EXIT_USAGE;
    }
    if (!c->sandbox_set && !lede_host_trusted(c->host.argv0, report)) c->host.sandbox = 1;
    /* merge.lua reads the parts itself, as extract output whatever their
     * names: they are its arguments, not a corpus */
    char **args = calloc((size_t)c->npos + 1, sizeof *args);
    if (!args) {
        free(merge);
        free(report);
        return usage_error("%s", "out of memory");
    }
    int nargs = 0;
    args[nargs++] = report;
    if (c->skip_bad) args[nargs++] = "--skip-bad";
    for (int i = 2; i < c->npos; i++) args[nargs++] = c->pos[i];
    c->script_args = args;
    c->nscript_args = nargs;
    c->sort_by_index = 1;
    int rc = run_script(c, merge, NULL, 0);
    free(args);
    free(merge);
    free(report);
    return rc;
}

/* lede eval GOLD CORPUS...: scripts/lib/eval.lua with GOLD as its argument. */
static int cmd_eval(cli *c)
{
    if (c->format) {
        /* eval --format conll FILE...: scripts/lib/eval_conll.lua, the files
         * as its arguments; it makes its articles itself (lede.parse). */
        /* eval --format pages DIR: scripts/lib/eval_pages.lua, likewise. */
        /* eval --format brat DIR...: scripts/lib/eval_brat.lua, likewise. */
        /* eval --format timeml DIR...: scripts/lib/eval_timeml.lua, likewise. */
        int pages = !strcmp(c->format, "pages"), brat = !strcmp(c->format, "brat");
        int timeml = !strcmp(c->format, "timeml");
        const char *lib = timeml ? "eval_timeml" : brat ? "eval_brat" : pages ? "eval_pages" : "eval_conll";
        if (c->npos < 2)
            return usage_error("%s", timeml ? "eval --format timeml needs a DIR"
                                     : brat ? "eval --format brat needs a DIR"
                                     : pages ? "eval --format pages needs a DIR"
                                           : "eval --format conll needs a FILE");
        char *script = lede_host_find(c->host.argv0, "lib", lib);
        if (!script) {
            fprintf(stderr, "lede: scripts/lib/%s.lua not found (set LEDE_PATH)\n", lib);
            return LEDE_EXIT_USAGE;
        }
        c->script_args = c->pos + 1;
        c->nscript_args = c->npos - 1;
        int rc = run_script(c, script, NULL, 0);
        free(script);
        return rc;
    }
    if (c->npos < 3) return usage_error("%s", "eval needs a GOLD folder and a CORPUS");
    char *path = lede_host_find(c->host.argv0, "lib", "eval");
    if (!path) {
        fprintf(stderr, "lede: scripts/lib/eval.lua not found (set LEDE_PATH)\n");
        return LEDE_EXIT_USAGE;
    }
    char *gold = c->pos[1];
    c->script_args = &gold;
    c->nscript_args = 1;
    int rc = run_script(c, path, c->pos + 2, c->npos - 2);
    free(path);
    return rc;
}

static int cmd_repl(cli *c)
{
    /* as in run_script: LEDE_PATH code from outside the install is sandboxed */
    if (!c->sandbox_set && lede_host_untrusted_root(c->host.argv0)) c->host.sandbox = 1;
    lua_State *L = lede_host_new(&c->host);
    if (!L) return LEDE_EXIT_SCRIPT;
    size_t input_errors = 0;
    lede_corpus *corp = lede_host_load(&c->host, c->pos + 1, c->npos - 1, &input_errors);
    if (!corp) {
        lede_host_close(L);
        return LEDE_EXIT_USAGE;
    }
    lede_lua_push_corpus(L, corp);
    lua_setglobal(L, "corpus");
    int rc = lede_repl(L, &c->host);
    lede_host_close(L);
    return rc;
}

/* lede train [TRAIN-OPTIONS] FILE...: scripts/lib/train.lua, every word
 * after "train" its argument (train's options are its own: --dev, --model,
 * --epochs, ...). The trainer is the user's own command on their own files:
 * it runs unsandboxed, as `lede run` does. */
static int cmd_train(cli *c, int argc, char **argv)
{
    char *script = lede_host_find(c->host.argv0, "lib", "train");
    if (!script) {
        fprintf(stderr, "lede: scripts/lib/train.lua not found (set LEDE_PATH)\n");
        return LEDE_EXIT_USAGE;
    }
    c->script_args = argv;
    c->nscript_args = argc;
    int rc = run_script(c, script, NULL, 0);
    free(script);
    return rc;
}

/* ------------------------------------------------- standard streams */

static int stdin_closed;

/* A closed fd 0, 1 or 2 would be taken by the next open(): "-" would read
 * a script file, output could land in a file opened for writing. Hold each
 * with /dev/null opened the wrong way round, so reading stdin or writing
 * stdout fails (and is reported) instead. */
static void hold_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        if (fd == 0) stdin_closed = 1;
        int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (got >= 0 && got != fd) close(got);
    }
}

/* At exit (main's return or a script's os.exit): every byte written to
 * stdout, by C or by Lua's io.write/print, must have reached it. */
static void check_stdout(void)
{
    errno = 0;
    int bad = fflush(stdout) != 0;
    int err = errno;
    if (ferror(stdout)) bad = 1;
    errno = 0;
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    if (bad) {
        fprintf(stderr, "lede: error writing standard output%s%s\n", err ? ": " : "",
                err ? strerror(err) : "");
        _exit(LEDE_EXIT_USAGE);
    }
}

int main(int argc, char **argv)
{
    cli c;
    memset(&c, 0, sizeof c);
    hold_std_fds();
    atexit(check_stdout);
    c.host.argv0 = argv[0];
    c.host.output = "text";
    if (argc >= 2 && !strcmp(argv[1], "train")) return cmd_train(&c, argc - 2, argv + 2);
    int rc = parse_args(&c, argc, argv);
    if (rc >= 0) {
        free(c.pos);
        return rc;
    }
    if (c.npos == 0) {
        fputs(usage_text, stderr);
        free(c.pos);
        return LEDE_EXIT_USAGE;
    }
    const char *cmd = c.pos[0];
    for (int i = 1; stdin_closed && i < c.npos; i++)
        if (!strcmp(c.pos[i], "-")) {
            fprintf(stderr, "lede: -: cannot read standard input: it is closed\n");
            free(c.pos);
            return LEDE_EXIT_USAGE;
        }
    if (c.skip_bad && strcmp(cmd, "merge") != 0)
        rc = usage_error("--skip-bad is an option of merge, not of '%s'", cmd);
    else if (c.format && strcmp(cmd, "eval") != 0)
        rc = usage_error("--format is an option of eval, not of '%s'", cmd);
    else if (!strcmp(cmd, "run")) rc = cmd_run(&c);
    else if (!strcmp(cmd, "report")) rc = cmd_report(&c);
    else if (!strcmp(cmd, "repl")) rc = cmd_repl(&c);
    else if (!strcmp(cmd, "stats")) rc = cmd_stats(&c);
    else if (!strcmp(cmd, "eval")) rc = cmd_eval(&c);
    else if (!strcmp(cmd, "extract")) rc = cmd_extract(&c);
    else if (!strcmp(cmd, "rules")) rc = cmd_rules(&c);
    else if (!strcmp(cmd, "merge")) rc = cmd_merge(&c);
    else rc = usage_error("unknown command '%s'", cmd);
    free(c.pos);
    free(c.host.rules);
    return rc;
}
