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
#include "cli_help.h"
#include "host.h"
#include "progress.h"
#include "lbind.h"
#include "report_opts.h"

#include <lauxlib.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
    "  report NAME --help                       the report's own options (--top N, ...)\n"
    "  help [COMMAND]                           this overview, or what COMMAND does\n"
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
    "Options go anywhere; short ones bundle (-qj2); --opt=value or --opt value;\n"
    "-- ends the options (after it, run and report pass the words to the script).\n"
    "\n"
    "CORPUS is a file, a folder (read recursively in sorted order), or - for stdin.\n"
    "Files ending in .jsonl/.ndjson/.jl are JSON Lines: one article per line with a\n"
    "\"text\" field and optional \"title\", \"date\", \"source\", \"url\", \"id\"\n"
    "(lede extract writes more: metadata, \"index\", \"clean\", \"annotations\").\n"
    "Other formats are told by content, then by name: plain text (hard-wrapped\n"
    "lines joined; Factiva and LexisNexis exports split into articles), HTML\n"
    "pages (.html/.htm), RSS and Atom feeds (.rss/.atom, one article per item),\n"
    "WARC web archives (.warc: one per HTML response), CSV/TSV with a header\n"
    "(.csv/.tsv: one per row), PDF (.pdf), each also gzip/zstd/xz compressed\n"
    "(.gz/.zst/.xz). A FILE.date next to FILE gives its articles their date.\n"
    "lede stats counts the articles of each format.\n"
    "\n"
    "Input options (any command):\n"
    "      --text-column NAME   CSV/TSV: the text (default text, body or content)\n"
    "      --title-column NAME  CSV/TSV: the title (default title or headline)\n"
    "      --date-column NAME   CSV/TSV: the date (default date or published)\n"
    "      --date DATE          the date of every article that has none of its own\n"
    "                           (replaces the date a page or text gives)\n"
    "\n"
    "Options:\n"
    "  -o, --output FORMAT   text (default), json, csv, md, html or dot (graphs);\n"
    "                        passed to scripts as lede.options.output\n"
    "  -q, --quiet           do not print warnings about the input\n"
    "      --section NAME    CSV: the report section to write ('all': every section\n"
    "                        in one table with a leading \"section\" column)\n"
    "      --output-dir DIR  CSV: write each section of the report to DIR/NAME.csv\n"
    "      --color WHEN      colour text output: auto (on a terminal, unless\n"
    "                        NO_COLOR is set; the default), always or never\n"
    "      --sandbox         run the script without os.execute, io.popen, file\n"
    "                        writes, C modules or the debug library, and with\n"
    "                        limits (default for reports from outside the install)\n"
    "      --no-sandbox      run such a report (or LEDE_PATH root) with full access\n"
    "      --max-memory MB   limit the script's Lua memory (sandbox default 1024)\n"
    "      --max-instructions N  limit the Lua instructions run (sandbox default 1e11)\n"
    "      --max-seconds S   limit the script's wall-clock time (sandbox default 3600)\n"
    "      --max-cpu-seconds S  limit the CPU time used while the script runs, all\n"
    "                        threads (sandbox default 3600)\n"
    "      --progress        show the progress line (articles, MB, MB/s, ETA) on\n"
    "                        stderr even when it is not a terminal\n"
    "      --no-progress     never show it (the default on a terminal: runs longer\n"
    "                        than a second show it; -q hides it too)\n"
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
    "Exit status: 0 ok; 1 a script raised an error (or reached a limit); 2 bad\n"
    "usage, or some input could not be read (the rest of the input is still\n"
    "processed); 3 stopped past a time limit where the script could not be\n"
    "interrupted (a __gc finalizer, one long C call). A rule stopped by its\n"
    "per-article budget is a warning: the run goes on.\n";

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
    int help;               /* -h/--help: the help of the command given */
    char *report_path;      /* report/merge NAME, run SCRIPT: its file */
    ropts ropts;            /* the options its header declares */
    const char *section;    /* --section NAME: the CSV section */
    const char *output_dir; /* --output-dir DIR: one CSV file per section */
    const char *color;      /* --color auto|always|never */
    int progress;           /* --progress / --no-progress (LEDE_PROGRESS_*) */
} cli;

/* Where a usage error points to: the report's help once one is named. */
static char usage_hint[160] = "lede --help";

/* One line on stderr, exit status 2. */
static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "lede: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see '%s')\n", usage_hint);
    return LEDE_EXIT_USAGE;
}

static int valid_format(const char *f)
{
    static const char *ok[] = {"text", "json", "csv", "md", "html", "dot", NULL};
    for (int i = 0; ok[i]; i++)
        if (strcmp(f, ok[i]) == 0) return 1;
    return 0;
}

/* Option codes of the long options without a short form. To add an
 * option: a code here, a row in lede_longopts, a case in apply_option. */
enum {
    OPT_SANDBOX = 256, OPT_NO_SANDBOX, OPT_MAX_MEMORY, OPT_MAX_INSTRUCTIONS, OPT_SHARD,
    OPT_FORMAT, OPT_STREAM, OPT_SKIP_BAD, OPT_NO_DEFAULT_RULES, OPT_RULES, OPT_SECTION,
    OPT_OUTPUT_DIR, OPT_COLOR, OPT_MAX_SECONDS, OPT_MAX_CPU_SECONDS, OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_REPORT = 1000       /* OPT_REPORT + i: the report's i-th declared option */
};

/* '-': every word in order (non-options come back as code 1, so a report's
 * options are known once its NAME is read; POSIXLY_CORRECT cannot change
 * that); ':': a missing value is ':', not '?'. */
static const char short_opts[] = "-:o:qj:lhV";

static const struct option lede_longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"jobs", required_argument, NULL, 'j'},
    {"list", no_argument, NULL, 'l'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {"sandbox", no_argument, NULL, OPT_SANDBOX},
    {"no-sandbox", no_argument, NULL, OPT_NO_SANDBOX},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"max-instructions", required_argument, NULL, OPT_MAX_INSTRUCTIONS},
    {"max-seconds", required_argument, NULL, OPT_MAX_SECONDS},
    {"max-cpu-seconds", required_argument, NULL, OPT_MAX_CPU_SECONDS},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"stream", no_argument, NULL, OPT_STREAM},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
    {"rules", required_argument, NULL, OPT_RULES},
    {"section", required_argument, NULL, OPT_SECTION},
    {"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"progress", no_argument, NULL, OPT_PROGRESS},
    {"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
};
#define N_LONGOPTS ((int)(sizeof lede_longopts / sizeof lede_longopts[0]))

static int print_version(void)
{
    char pv[64] = "?";
    pcre2_config(PCRE2_CONFIG_VERSION, pv);
    printf("lede %s (%s, PCRE2 %s)\n", LEDE_VERSION, LUA_RELEASE, pv);
    return LEDE_EXIT_OK;
}

static int parse_limit(cli *c, int code, const char *v)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (errno || *end || n == 0 || v[0] == '-' || !v[0])
        return usage_error("option needs a positive whole number, not '%s'", v);
    if (code == OPT_MAX_INSTRUCTIONS) {
        c->host.max_instructions = n;
        return -1;
    }
    if (n > (SIZE_MAX >> 20)) return usage_error("--max-memory %s is too large", v);
    c->host.max_memory = (size_t)n << 20;
    return -1;
}

/* --max-seconds S / --max-cpu-seconds S: a positive number of seconds. */
static int parse_seconds(cli *c, int code, const char *v)
{
    char *end;
    errno = 0;
    double s = strtod(v, &end);
    if (errno || *end || !v[0] || !(s > 0) || s > 1e9)
        return usage_error("option needs a positive number of seconds, not '%s'", v);
    if (code == OPT_MAX_SECONDS) c->host.max_seconds = s;
    else c->host.max_cpu_seconds = s;
    return -1;
}

static int parse_shard(cli *c, const char *v)
{
    unsigned si = 0, sn = 0;
    char extra;
    if (sscanf(v, "%u/%u%c", &si, &sn, &extra) != 2 || sn < 1 || si < 1 || si > sn)
        return usage_error("--shard needs I/N with 1 <= I <= N, not '%s'", v);
    c->host.shard_i = si;
    c->host.shard_n = sn;
    return -1;
}

/* One option of lede's own with its value (NULL for none); -1 to go on,
 * else an exit code. */
static int apply_option(cli *c, int code, const char *v)
{
    switch (code) {
    case 'o':
        if (!valid_format(v))
            return usage_error("unknown output format '%s' (text, json, csv, md, html, dot)", v);
        c->host.output = v;
        return -1;
    case 'q': c->host.quiet = 1; return -1;
    case 'l': c->list = 1; return -1;
    case 'h': c->help = 1; return -1;
    case 'V': return print_version();
    case 'j': {
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < 1 || n > 64)
            return usage_error("-j needs a number from 1 to 64, not '%s'", v);
        c->host.jobs = (int)n;
        return -1;
    }
    case OPT_SANDBOX: c->host.sandbox = 1; c->sandbox_set = 1; return -1;
    case OPT_NO_SANDBOX:
        c->host.sandbox = 0;
        c->host.no_sandbox = 1;
        c->sandbox_set = 1;
        return -1;
    case OPT_MAX_MEMORY:
    case OPT_MAX_INSTRUCTIONS: return parse_limit(c, code, v);
    case OPT_MAX_SECONDS:
    case OPT_MAX_CPU_SECONDS: return parse_seconds(c, code, v);
    case OPT_SHARD: return parse_shard(c, v);
    case OPT_FORMAT:
        if (strcmp(v, "conll") != 0 && strcmp(v, "pages") != 0 && strcmp(v, "brat") != 0 &&
            strcmp(v, "timeml") != 0)
            return usage_error("unknown input format '%s' (conll, pages, brat, timeml)", v);
        c->format = v;
        return -1;
    case OPT_STREAM: c->stream = 1; return -1;
    case OPT_SKIP_BAD: c->skip_bad = 1; return -1;
    case OPT_NO_DEFAULT_RULES: c->host.no_default_rules = 1; return -1;
    case OPT_RULES: {
        char **nr = realloc(c->host.rules, (size_t)(c->host.nrules + 1) * sizeof *nr);
        if (!nr) return usage_error("%s", "out of memory");
        c->host.rules = nr;
        c->host.rules[c->host.nrules++] = (char *)v;
        return -1;
    }
    case OPT_SECTION: c->section = v; return -1;
    case OPT_OUTPUT_DIR: c->output_dir = v; return -1;
    case OPT_COLOR:
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return usage_error("--color needs auto, always or never, not '%s'", v);
        c->color = v;
        return -1;
    case OPT_PROGRESS: c->progress = LEDE_PROGRESS_ON; return -1;
    case OPT_NO_PROGRESS: c->progress = LEDE_PROGRESS_OFF; return -1;
    }
    return usage_error("%s", "internal error: an option without a handler");
}

/* The report (or script) named by the second word: its path and declared
 * options, so its options parse like lede's own. -1 to go on, else an exit
 * code. */
static int load_report(cli *c, const char *cmd, const char *name)
{
    int is_run = !strcmp(cmd, "run");
    if (is_run || strchr(name, '/') || strstr(name, ".lua")) {
        c->report_path = strdup(name);
    } else {
        c->report_path = lede_host_find(c->host.argv0, "reports", name);
        if (!c->report_path) {
            fprintf(stderr, "lede: no report named '%s' (see 'lede report --list')\n", name);
            return LEDE_EXIT_USAGE;
        }
    }
    if (!c->report_path) return usage_error("%s", "out of memory");
    if (!is_run) snprintf(usage_hint, sizeof usage_hint, "lede report %s --help", name);
    char err[512];
    if (lede_ropts_load(c->report_path, &c->ropts, err, sizeof err) != 0) {
        fprintf(stderr, "lede: %s\n", err);
        return LEDE_EXIT_SCRIPT;
    }
    for (int i = 0; i < c->ropts.n; i++)
        for (int k = 0; k < N_LONGOPTS; k++)
            if (!strcmp(c->ropts.v[i].name, lede_longopts[k].name)) {
                fprintf(stderr, "lede: %s: @option --%s is an option of lede itself\n",
                        c->report_path, lede_longopts[k].name);
                return LEDE_EXIT_SCRIPT;
            }
    return -1;
}

/* lede extract's own options (--fields), declared in scripts/lib/extract.lua's
 * header as a report declares its. -1 to go on, else an exit code. */
static int load_extract_options(cli *c)
{
    char *path = lede_host_find(c->host.argv0, "lib", "extract");
    if (!path) return -1;                   /* cmd_extract says it is missing */
    char err[512];
    int bad = lede_ropts_load(path, &c->ropts, err, sizeof err) != 0;
    free(path);
    if (bad) {
        fprintf(stderr, "lede: %s\n", err);
        return LEDE_EXIT_SCRIPT;
    }
    return -1;
}

/* lede's options, then the report's, then the end mark. */
static struct option *make_longopts(const ropts *r)
{
    struct option *o = calloc((size_t)(N_LONGOPTS + r->n + 1), sizeof *o);
    if (!o) return NULL;
    memcpy(o, lede_longopts, sizeof lede_longopts);
    for (int i = 0; i < r->n; i++)
        o[N_LONGOPTS + i] = (struct option){r->v[i].name,
                                            r->v[i].type == ROPT_FLAG ? no_argument
                                                                      : required_argument,
                                            NULL, OPT_REPORT + i};
    return o;
}

/* The option argv[optind - 1] holds, for messages: "--top" of "--top=x",
 * a short option (maybe in a bundle, -qx) as "-x". */
static int bad_option(char **argv, int ch, const struct option *longopts)
{
    const char *word = argv[optind - 1];
    char name[128];
    if (!strncmp(word, "--", 2)) snprintf(name, sizeof name, "%.*s", (int)strcspn(word, "="), word);
    else snprintf(name, sizeof name, "-%c", optopt > 0 && optopt < 256 ? optopt : '?');
    if (ch == ':') return usage_error("option '%s' needs a value", name);
    /* a prefix of two names or more: say which */
    size_t len = strlen(name + 2), nmatch = 0;
    char which[512] = "";
    for (int i = 0; !strncmp(name, "--", 2) && longopts[i].name; i++)
        if (!strncmp(longopts[i].name, name + 2, len) && strlen(which) + 64 < sizeof which) {
            snprintf(which + strlen(which), sizeof which - strlen(which), "%s--%s",
                     nmatch++ ? ", " : "", longopts[i].name);
        }
    if (nmatch > 1) {
        char msg[640];
        snprintf(msg, sizeof msg, "ambiguous option '%s' (%s)", name, which);
        return usage_error("%s", msg);
    }
    if (optopt && strchr(word, '=') && !strncmp(word, "--", 2))
        return usage_error("option '%s' takes no value", name);
    return usage_error("unknown option '%s'", name);
}

static int report_option(cli *c, int i, const char *v)
{
    ropt *r = &c->ropts.v[i];
    char err[256];
    if (v && lede_ropts_check(r, v, err, sizeof err) != 0) return usage_error("%s", err);
    r->value = v;
    r->given = 1;
    return -1;
}

/* Does the command take a report or script as its first argument? */
static int names_script(const char *cmd)
{
    return !strcmp(cmd, "report") || !strcmp(cmd, "merge") || !strcmp(cmd, "run");
}

/* Options anywhere, getopt_long style (bundled -qj2, --opt=value and
 * --opt value, unambiguous prefixes of long names); "--" ends the options:
 * the words after it are the script's arguments for run and report, more
 * positional words for the other commands. Returns -1 to continue, else
 * an exit code (version, errors). */
static int parse_args(cli *c, int argc, char **argv)
{
    c->pos = calloc((size_t)argc + 1, sizeof *c->pos);
    struct option *longopts = make_longopts(&c->ropts);
    if (!c->pos || !longopts) return usage_error("%s", "out of memory");
    opterr = 0;
    optind = 0;      /* glibc: start afresh */
    int rc = -1, ch, idx;
    while (rc < 0 && (ch = getopt_long(argc, argv, short_opts, longopts, &idx)) != -1) {
        if (ch == 1) {
            c->pos[c->npos++] = optarg;
            if (c->npos == 2 && names_script(c->pos[0]) && !c->list) {
                rc = load_report(c, c->pos[0], optarg);
                free(longopts);
                longopts = rc < 0 ? make_longopts(&c->ropts) : NULL;
                if (rc < 0 && !longopts) rc = usage_error("%s", "out of memory");
            } else if (c->npos == 1 && !strcmp(optarg, "extract")) {
                rc = load_extract_options(c);   /* --fields, from lib/extract.lua */
                free(longopts);
                longopts = rc < 0 ? make_longopts(&c->ropts) : NULL;
                if (rc < 0 && !longopts) rc = usage_error("%s", "out of memory");
            }
        } else if (ch == '?' || ch == ':') {
            rc = bad_option(argv, ch, longopts);
        } else if (ch >= OPT_REPORT) {
            rc = report_option(c, ch - OPT_REPORT, optarg);
        } else {
            rc = apply_option(c, ch, optarg);
        }
    }
    free(longopts);
    if (rc >= 0) return rc;
    int rest = argc - optind;
    if (rest > 0 && c->npos > 0 && (!strcmp(c->pos[0], "run") || !strcmp(c->pos[0], "report"))) {
        c->script_args = argv + optind;
        c->nscript_args = rest;
    } else {
        for (int i = optind; i < argc; i++) c->pos[c->npos++] = argv[i];
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

/* articles per reader and per compression ("html", "gzip"): names are
 * the readers' string constants */
typedef struct { const char *kind, *name; size_t n; } kind_count;

typedef struct {
    size_t articles, sents, toks, paras, words;
    kind_count per[32];
    size_t nper;
} stats_acc;

static void count_kind(stats_acc *s, const char *kind, const char *name)
{
    for (size_t i = 0; i < s->nper; i++)
        if (s->per[i].kind == kind && !strcmp(s->per[i].name, name)) {
            s->per[i].n++;
            return;
        }
    if (s->nper < sizeof s->per / sizeof s->per[0])
        s->per[s->nper++] = (kind_count){kind, name, 1};
}

/* Streaming sink: stats never holds more than one article in memory. */
static void stats_sink(void *ud, const lede_article *a)
{
    stats_acc *s = ud;
    s->articles++;
    s->sents += a->nsentences;
    s->toks += a->ntokens;
    s->paras += a->nparagraphs;
    s->words += a->nwords;
    count_kind(s, "format", a->format ? a->format : "text");
    if (a->compression) count_kind(s, "compressed", a->compression);
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
    struct { const char *k; size_t v; } rows[8 + 32] = {
        {"articles", acc.articles}, {"paragraphs", paras}, {"sentences", sents},
        {"tokens", toks}, {"words", words}, {"bytes", corp->bytes},
        {"warnings", corp->nwarnings}, {"errors", corp->nerrors},
    };
    size_t nrows = 8;
    char keys[32][48];   /* "format:html 3", "compressed:gzip 1" */
    for (size_t i = 0; i < acc.nper; i++, nrows++) {
        snprintf(keys[i], sizeof keys[i], "%s:%s", acc.per[i].kind, acc.per[i].name);
        rows[nrows].k = keys[i];
        rows[nrows].v = acc.per[i].n;
    }
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
    /* files were met and every one was skipped (warned about): the counts
     * stand, but "0 articles" must not look like a corpus read */
    int all_skipped = acc.articles == 0 && corp->nwarnings > 0 && !c->host.shard_n;
    lede_corpus_free(corp);
    if (all_skipped && !input_errors) {
        fprintf(stderr, "lede: no articles in the corpus (every file was skipped or empty)\n");
        return LEDE_EXIT_USAGE;
    }
    return input_errors ? LEDE_EXIT_USAGE : LEDE_EXIT_OK;
}

/* ----------------------------------------------------------- run/report */

/* Colour for text output: --color always/never, else (auto) when stdout is
 * a terminal, NO_COLOR is unset or empty and TERM is not "dumb". */
static int want_color(const cli *c)
{
    if (c->color && !strcmp(c->color, "always")) return 1;
    if (c->color && !strcmp(c->color, "never")) return 0;
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && *no) return 0;
    if (term && !strcmp(term, "dumb")) return 0;
    return isatty(STDOUT_FILENO);
}

/* The script's view of the command line: the global `options` (its
 * declared options, typed, defaults filled) and lede.options.section,
 * .output_dir and .color for lib.output. */
static void set_script_options(cli *c, lua_State *L)
{
    lede_ropts_push(L, &c->ropts);
    lua_setglobal(L, "options");
    lua_getglobal(L, "lede");
    lua_getfield(L, -1, "options");
    if (lua_istable(L, -1)) {
        lua_pushstring(L, c->section);
        lua_setfield(L, -2, "section");
        lua_pushstring(L, c->output_dir);
        lua_setfield(L, -2, "output_dir");
        lua_pushboolean(L, want_color(c));
        lua_setfield(L, -2, "color");
    }
    lua_pop(L, 2);
}

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
        if (npaths > 0 && corp->narticles == 0 && c->host.shard_n < 2) {
            /* an empty report would look like "nothing found" (a shard
             * of a small corpus may rightly be empty) */
            if (!input_errors)
                fprintf(stderr, "lede: no articles in the corpus (every file was skipped or empty)\n");
            lede_corpus_free(corp);
            lede_host_close(L);
            return LEDE_EXIT_USAGE;
        }
        lede_lua_push_corpus(L, corp);
        /* annotate.lua counts each article whose rules have run */
        lede_progress_phase("extracting", corp->narticles, corp->bytes);
    }
    lua_setglobal(L, "corpus");
    set_script_options(c, L);
    /* -j N: the rules run on N threads before the script starts (not for
     * merge: its annotations come with the parts) */
    if (!st && c->host.jobs > 1 && !c->sort_by_index) {
        lua_getglobal(L, "corpus");
        lede_corpus *corp = lede_lua_tocorpus(L, -1);
        lua_pop(L, 1);
        if (corp) lede_host_prefetch(L, corp, &c->host);
    }
    if (st && c->host.jobs > 1) lede_host_prefetch_stream(L, st, &c->host);
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
    /* no corpus: an empty report would look like "nothing found" */
    if (c->npos < 3) return usage_error("report %s needs a CORPUS (a file, a folder, or - for stdin)", c->pos[1]);
    /* A report from outside the install is someone else's code: sandbox it
     * unless the user says otherwise. */
    const char *path = c->report_path;
    if (!c->sandbox_set && !lede_host_trusted(c->host.argv0, path)) c->host.sandbox = 1;
    return run_script(c, path, c->pos + 2, c->npos - 2);
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
    char *report = strdup(c->report_path);    /* found by load_report */
    if (!report) return usage_error("%s", "out of memory");
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

/* lede help [COMMAND [NAME]], lede COMMAND --help, lede report NAME --help. */
static int cmd_help(cli *c)
{
    int from_help = c->npos > 0 && !strcmp(c->pos[0], "help");
    char **w = c->pos + from_help;
    int n = c->npos - from_help;
    if (n == 0) {
        fputs(usage_text, stdout);
        return LEDE_EXIT_OK;
    }
    int script = !strcmp(w[0], "report") || !strcmp(w[0], "merge") || !strcmp(w[0], "run");
    if (n >= 2 && script) {
        if (!c->report_path) {
            int rc = load_report(c, w[0], w[1]);
            if (rc >= 0) return rc;
        }
        /* a script without declared options: run's own help */
        if (c->ropts.n || strcmp(w[0], "run") != 0) {
            lede_ropts_help(stdout, w[0], w[1], &c->ropts);
            return LEDE_EXIT_OK;
        }
    }
    if (lede_help_command(stdout, w[0]) != 0)
        return usage_error("no command '%s'", w[0]);
    /* options a command's Lua side declares (extract --fields) */
    if (!script) lede_ropts_list(stdout, "Options of this command", &c->ropts);
    return LEDE_EXIT_OK;
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
    if (lede_input_args(&argc, argv) != 0) return LEDE_EXIT_USAGE;   /* src/input_args.c */
    c.host.argv0 = argv[0];
    c.host.output = "text";
    if (argc >= 2 && !strcmp(argv[1], "train")) return cmd_train(&c, argc - 2, argv + 2);
    int rc = parse_args(&c, argc, argv);
    if (rc < 0 && (c.help || (c.npos > 0 && !strcmp(c.pos[0], "help")))) rc = cmd_help(&c);
    if (rc >= 0) {
        free(c.pos);
        free(c.report_path);
        lede_ropts_free(&c.ropts);
        return rc;
    }
    if (c.npos == 0) {
        fputs(usage_text, stderr);
        free(c.pos);
        return LEDE_EXIT_USAGE;
    }
    const char *cmd = c.pos[0];
    lede_progress_setup(c.host.quiet ? LEDE_PROGRESS_OFF : c.progress);
    for (int i = 1; stdin_closed && i < c.npos; i++)
        if (!strcmp(c.pos[i], "-")) {
            fprintf(stderr, "lede: -: cannot read standard input: it is closed\n");
            free(c.pos);
            free(c.report_path);
            lede_ropts_free(&c.ropts);          /* a report's or extract's options */
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
    lede_progress_done();
    free(c.pos);
    free(c.host.rules);
    free(c.report_path);
    lede_ropts_free(&c.ropts);
    return rc;
}
