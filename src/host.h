/*
 * host.h — running Lua scripts: the state lede scripts see, where bundled
 * scripts are found, and how errors are reported. Used by main.c and repl.c.
 */
#ifndef LEDE_HOST_H
#define LEDE_HOST_H

#include "lede/lede.h"
#include <lua.h>

/* Exit codes (documented in README and --help). */
enum {
    LEDE_EXIT_OK = 0,
    LEDE_EXIT_SCRIPT = 1,   /* a Lua error in a script or report */
    LEDE_EXIT_USAGE = 2,    /* bad command line, or input that could not be read */
    LEDE_EXIT_KILLED = 3    /* past a time limit where it could not be stopped (watchdog.h) */
};

typedef struct lede_host_opts {
    const char *output;     /* text|json|csv|md|html */
    int quiet;              /* suppress warnings */
    const char *argv0;      /* for locating bundled scripts */
    /* Extraction rules: defaults from <root>/rules/ unless no_default_rules,
     * then each --rules PATH (file or folder). */
    char **rules;
    int nrules;
    int no_default_rules;
    /* --sandbox: no processes, no file writes, no C modules, no debug
     * library, text chunks only; plus the limits below (0 = none). */
    int sandbox;
    int no_sandbox;             /* --no-sandbox given: no sandbox by default */
    size_t max_memory;          /* bytes of Lua memory */
    unsigned long long max_instructions;
    /* --max-seconds / --max-cpu-seconds: the script's wall-clock time and
     * the process's CPU time while it runs (watchdog.h); 0 = none, or in a
     * sandbox LEDE_SANDBOX_SECONDS */
    double max_seconds, max_cpu_seconds;
    int jobs;                   /* -j N: parse on N threads (0/1: none) */
    unsigned shard_i, shard_n;  /* --shard I/N (0/0: the whole corpus) */
    /* Streaming (lede stats): each article goes to sink, then is freed. */
    void (*sink)(void *ud, const lede_article *a);
    void *sink_ud;
} lede_host_opts;

/* The time limits of a sandboxed script when none is given (seconds). */
#define LEDE_SANDBOX_SECONDS 3600

/* Script roots, in search order: each entry of $LEDE_PATH (colon
 * separated), <exe dir>/scripts, <exe dir>/../share/lede/scripts, and the
 * compiled-in install data dir. Fills roots (up to max) and returns the
 * count. Strings are static or malloc'd for the process's life. */
int lede_host_roots(const char *argv0, const char **roots, int max);

/* 1 when path is, or lies inside, the bundled or installed scripts folder
 * (a report from anywhere else runs in the sandbox by default). */
int lede_host_trusted(const char *argv0, const char *path);

/* The first existing script root (a LEDE_PATH entry) outside the bundled
 * and installed scripts, or NULL: its lib/ and rules/ code would run in
 * every state, so such a state is sandboxed by default. */
const char *lede_host_untrusted_root(const char *argv0);

/* Find scripts/<sub>/<name>.lua in the roots; returns a malloc'd path or NULL. */
char *lede_host_find(const char *argv0, const char *sub, const char *name);

/* Set when a run stopped on --max-memory or --max-instructions (for the
 * message); see lede_host_limit_message(). */
const char *lede_host_limit_message(lua_State *L);

/* After lede.load/lede.parse made a corpus: a Lua error naming
 * --max-memory when its arenas or buffers were refused or the total is over
 * the limit; otherwise collects garbage when corpus memory has grown a lot
 * (Lua's collector does not see it). Returns 0. */
int lede_host_check_memory(lua_State *L);

/* --sandbox: files are readable only under the paths given here (corpus
 * paths, script arguments, --rules, script roots, the script's folder; the
 * host adds them). */
void lede_host_allow_path(const char *path);

/* What a path is read as: a file (io.open, require, lede.tagger.load), a
 * folder (lede.listdir) or either (lede.load, lede.stream, corpus:add). */
enum { LEDE_READ_FILE, LEDE_READ_DIR, LEDE_READ_ANY };

/* In a sandboxed state, a Lua error naming what(path) unless path is a
 * regular file (or, as kind allows, a folder) under the allowed paths;
 * stdin ("-") is allowed but as a file. Returns 0. Unsandboxed: 0. */
int lede_host_check_read(lua_State *L, const char *what, const char *path, int kind);

/* A new Lua state with the standard libraries, `lede` loaded, lede.options
 * filled from opts and package.path extended with the script roots. */
lua_State *lede_host_new(const lede_host_opts *opts);

/* -j N: arm the rules' prefetch over the corpus (the global `corpus` of L):
 * the first time the script asks an article of it for annotations, the
 * rules that query needs run over the whole corpus on opts->jobs threads
 * (lib/prefetch.lua). opts and c must live as long as L. Returns 0 or -1. */
int lede_host_prefetch(lua_State *L, lede_corpus *c, const lede_host_opts *opts);

/* -j N over the stream s (the global `corpus` of L, lede run --stream,
 * lede extract): articles are read ahead in a bounded window and run
 * through the rules on opts->jobs threads, from the first query for
 * annotations on (src/stream_ahead.c, lib/prefetch.lua). opts and s must
 * live as long as L. Returns 0 or -1. */
int lede_host_prefetch_stream(lua_State *L, lede_stream *s, const lede_host_opts *opts);

/* Close a state made by lede_host_new (and free its allocator state). */
void lede_host_close(lua_State *L);

/* Load corpus paths into a new corpus (diagnostics to stderr unless quiet).
 * *input_errors receives the number of paths that could not be read. */
lede_corpus *lede_host_load(const lede_host_opts *opts, char **paths, int npaths,
                            size_t *input_errors);

/* A stream over the paths (lede run --stream); nothing is read yet. */
lede_stream *lede_host_stream(const lede_host_opts *opts, char **paths, int npaths);

/* Run a Lua file with `arg` set from script_args (arg[0] = path). Prints
 * "lede: file:line: message" and a traceback on error. Returns an exit code. */
int lede_host_run_file(lua_State *L, const char *path, char **script_args, int nargs);

/* Call the function on top of the stack (nargs below it) with a traceback
 * handler; on error prints the message and traceback, returns non-zero. */
int lede_host_pcall(lua_State *L, int nargs, int nresults);

/* The interactive prompt (repl.c). */
int lede_repl(lua_State *L, const lede_host_opts *opts);

#endif
