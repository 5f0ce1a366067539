/*
 * repl.c — the interactive prompt: the terminal side only.
 *
 * This file owns readline (editing, history in ~/.lede_history, tab
 * completion plumbing) and signals (Ctrl-C). Everything a user might want
 * to read or change — how results are printed, what completes, the
 * `:commands` — is Lua, in scripts/lib/repl.lua (M.pretty, M.complete,
 * M.command); without that file the prompt still works with plain output.
 *
 * A line is first tried as an expression ("return LINE") so that typing
 * `corpus[1].title` prints the title; otherwise as a statement. Input that
 * is incomplete (an open `function`, a missing `end`) continues on the next
 * line. Ctrl-C while a chunk runs interrupts it (as lua.c does, through a
 * hook); at the prompt it drops the current input, even a multi-line one.
 */
#include "host.h"
#include "lbind.h"

#include <lauxlib.h>
#include <readline/history.h>
#include <readline/readline.h>

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static lua_State *g_L;               /* for the SIGINT handler and completion */
static volatile sig_atomic_t g_running;    /* a Lua chunk is executing */
static volatile sig_atomic_t g_at_prompt;  /* blocked in readline */
static sigjmp_buf g_prompt_jmp;
static int g_lib = LUA_NOREF;        /* registry ref of the lib.repl table */
static const lede_host_opts *g_opts; /* the REPL's options, for :run */

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

static void on_sigint(int sig)
{
    (void)sig;
    if (g_running && g_L) {
        /* Interrupt the running chunk at its next instruction. */
        lua_sethook(g_L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
        return;
    }
    if (g_at_prompt) {
        /* readline has already restored the terminal (rl_catch_signals);
         * jump back to the top of the loop, dropping the input. */
        g_at_prompt = 0;
        siglongjmp(g_prompt_jmp, 1);
    }
}

static int incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX) return 0;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    const char *eof = "<eof>";
    size_t el = strlen(eof);
    return len >= el && strcmp(msg + len - el, eof) == 0;
}

/* Push lib.repl's function `name`; returns 0 (nothing pushed) if absent. */
static int push_lib_fn(lua_State *L, const char *name)
{
    if (g_lib == LUA_NOREF) return 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, g_lib);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
    if (lua_isfunction(L, -1)) return 1;
    lua_pop(L, 1);
    return 0;
}

/* ------------------------------------------------- helpers for lib.repl */

/* M.trusted(path): is path inside the bundled or installed scripts? */
static int l_trusted(lua_State *L)
{
    lua_pushboolean(L, lede_host_trusted(g_opts->argv0, luaL_checkstring(L, 1)));
    return 1;
}

/* M.run_sandboxed(path, format, corpus): :run of a report from outside the
 * install when the REPL itself is not sandboxed. The report runs in a state
 * of its own, sandboxed, with the same limits as `lede report`, over a
 * read-only view of the same corpus; the REPL's state is never touched by
 * it. Errors are printed; returns true when the report ran to its end. */
static int l_run_sandboxed(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *fmt = luaL_optstring(L, 2, "text");
    lede_corpus *c = lede_lua_tocorpus(L, 3);
    luaL_argexpected(L, c != NULL, 3, "corpus");
    lede_host_opts o = *g_opts;
    o.sandbox = 1;
    o.output = fmt;
    o.jobs = 1;
    if (!o.max_memory) o.max_memory = (size_t)1024 << 20;
    if (!o.max_instructions) o.max_instructions = 100000000000ULL;
    lua_State *S = lede_host_new(&o);
    if (!S) return luaL_error(L, "cannot create a Lua state");
    lede_lua_push_corpus_view(S, c);
    lua_setglobal(S, "corpus");
    lua_State *saved = g_L;
    g_L = S;                     /* Ctrl-C interrupts the report */
    int rc = lede_host_run_file(S, path, NULL, 0);
    g_L = saved;
    fflush(stdout);
    lede_host_close(S);
    lua_pushboolean(L, rc == LEDE_EXIT_OK);
    return 1;
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "budget");
}

/* M.eval_budget(fn) -> ok, value: fn() in a coroutine stopped after about
 * a million instructions (completion evaluates what the user typed; the
 * debug library is not there in the sandbox). */
static int l_eval_budget(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_sethook(co, budget_hook, LUA_MASKCOUNT, 1000000);
    int nres = 0;
    int st = lua_resume(co, L, 0, &nres);
    if (st != LUA_OK || nres < 1) {
        lua_pushboolean(L, 0);
        return 1;
    }
    lua_pushboolean(L, 1);
    lua_pop(co, nres - 1);       /* keep the first result */
    lua_xmove(co, L, 1);
    return 2;
}

/* Print the values on the stack above base. */
static void print_results(lua_State *L, int base)
{
    int n = lua_gettop(L) - base;
    if (n <= 0) return;
    if (push_lib_fn(L, "pretty")) {
        for (int i = 1; i <= n; i++) lua_pushvalue(L, base + i);
        if (lede_host_pcall(L, n, 1) == LUA_OK) {
            const char *s = lua_tostring(L, -1);
            if (s) puts(s);
        }
    } else {
        for (int i = 1; i <= n; i++) {
            const char *s = luaL_tolstring(L, base + i, NULL);
            fputs(s, stdout);
            fputs(i < n ? "\t" : "\n", stdout);
            lua_pop(L, 1);
        }
    }
    lua_settop(L, base);
}

/* ------------------------------------------------------------ completion */

static char **g_matches;             /* candidates of the current completion */
static size_t g_nmatches, g_next;

static char *next_match(const char *text, int state)
{
    (void)text;
    if (state == 0) g_next = 0;
    return g_next < g_nmatches ? strdup(g_matches[g_next++]) : NULL;
}

static void free_matches(void)
{
    for (size_t i = 0; i < g_nmatches; i++) free(g_matches[i]);
    free(g_matches);
    g_matches = NULL;
    g_nmatches = 0;
}

/* readline asks for completions of text (the word before the cursor);
 * lib.repl.complete(text) answers with whole words. */
static char **complete(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;    /* never fall back to file names */
    free_matches();
    lua_State *L = g_L;
    int top = lua_gettop(L);
    if (!push_lib_fn(L, "complete")) return NULL;
    lua_pushstring(L, text);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || !lua_istable(L, -1)) {
        lua_settop(L, top);
        return NULL;
    }
    size_t n = (size_t)lua_rawlen(L, -1);
    g_matches = calloc(n ? n : 1, sizeof *g_matches);
    for (size_t i = 0; g_matches && i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        const char *s = lua_tostring(L, -1);
        if (s && (g_matches[g_nmatches] = strdup(s)) != NULL) g_nmatches++;
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    if (g_nmatches == 0) return NULL;
    rl_completion_append_character = '\0';
    return rl_completion_matches(text, next_match);
}

/* ---------------------------------------------------------------- input */

static char *read_line(int tty, const char *prompt)
{
    if (tty) {
        g_at_prompt = 1;
        char *line = readline(prompt);
        g_at_prompt = 0;
        return line;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n = getline(&buf, &cap, stdin);
    if (n < 0) {
        free(buf);
        return NULL;
    }
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = '\0';
    return buf;
}

static const char *fallback_help =
    "Lua 5.4 with lede loaded. `corpus` holds the articles you named.\n"
    "  :help   this text          :quit  leave (or Ctrl-D)\n";

/* `:command args` — run by lib.repl.command; errors print one line. */
static void run_command(lua_State *L, const char *line)
{
    if (!push_lib_fn(L, "command")) {
        if (!strncmp(line, ":help", 5)) fputs(fallback_help, stdout);
        else fprintf(stderr, "lede: unknown command %s\n", line);
        return;
    }
    lua_pushstring(L, line);
    g_running = 1;
    int rc = lua_pcall(L, 1, 0, 0);
    g_running = 0;
    lua_sethook(L, NULL, 0, 0);
    if (rc != LUA_OK) {
        fprintf(stderr, "lede: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    fflush(stdout);
}

/* Replace the source text on top of the stack by lib.repl's
 * rewrite(text), which turns a top-level `local` into a session variable
 * (a local would end with its line); unchanged when there is none. */
static void rewrite_locals(lua_State *L)
{
    if (!push_lib_fn(L, "rewrite")) return;
    lua_pushvalue(L, -2);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) lua_remove(L, -2);
    else lua_pop(L, 1);
}

/* Compile the input (line, plus continuation lines while it is incomplete)
 * and leave the chunk on the stack. Returns a Lua status. */
static int compile_input(lua_State *L, int tty, char *line)
{
    lua_pushfstring(L, "return %s", line);   /* an expression first */
    int st = luaL_loadbuffer(L, lua_tostring(L, -1), lua_rawlen(L, -1), "=stdin");
    lua_remove(L, -2);
    if (st == LUA_OK) return st;
    lua_pop(L, 1);
    lua_pushstring(L, line);                  /* a statement, maybe several lines */
    for (;;) {
        size_t len;
        lua_pushvalue(L, -1);
        rewrite_locals(L);
        const char *chunk = lua_tolstring(L, -1, &len);
        st = luaL_loadbuffer(L, chunk, len, "=stdin");
        lua_remove(L, -2);                    /* the rewritten text */
        if (!incomplete(L, st)) break;
        lua_pop(L, 1);                        /* the error message */
        char *more = read_line(tty, ">> ");
        if (!more) {
            lua_pushliteral(L, "stdin: incomplete input at end of file");
            break;
        }
        if (tty && *more) add_history(more);
        lua_pushfstring(L, "%s\n%s", lua_tostring(L, -1), more);
        lua_remove(L, -2);
        free(more);
    }
    lua_remove(L, -2);                        /* the source text */
    return st;
}

int lede_repl(lua_State *L, const lede_host_opts *opts)
{
    g_opts = opts;
    int tty = isatty(STDIN_FILENO);
    g_L = L;

    lua_getglobal(L, "require");
    lua_pushstring(L, "lib.repl");
    if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
        lua_pushcfunction(L, l_trusted);
        lua_setfield(L, -2, "trusted");
        lua_pushcfunction(L, l_run_sandboxed);
        lua_setfield(L, -2, "run_sandboxed");
        lua_pushcfunction(L, l_eval_budget);
        lua_setfield(L, -2, "eval_budget");
        lua_pushboolean(L, opts->no_sandbox);
        lua_setfield(L, -2, "full_access");
        lua_pushboolean(L, isatty(STDOUT_FILENO));   /* :run NAME html refuses a terminal */
        lua_setfield(L, -2, "stdout_tty");
        g_lib = luaL_ref(L, LUA_REGISTRYINDEX);
    } else {
        fprintf(stderr, "lede: %s (plain output)\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }

    char histfile[4096] = "";
    const char *home = getenv("HOME");
    if (home) snprintf(histfile, sizeof histfile, "%s/.lede_history", home);
    if (tty) {
        rl_readline_name = "lede";
        rl_attempted_completion_function = complete;
        /* '.', ':', '[' and ']' stay inside a word: corpus[1]:sen<TAB> */
        rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,+-*/%^~#";
        stifle_history(5000);
        if (*histfile) read_history(histfile);
        printf("lede %s — :help for help, Ctrl-D to leave\n", LEDE_VERSION);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);

    int base = lua_gettop(L);
    if (sigsetjmp(g_prompt_jmp, 1) != 0) {
        /* Ctrl-C at a prompt: forget the input, show a fresh prompt. */
        rl_free_line_state();
        lua_settop(L, base);
        fputs("^C\n", stdout);
        fflush(stdout);
    }
    char *line;
    while ((line = read_line(tty, "lede> ")) != NULL) {
        const char *p = line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '\0') { free(line); continue; }
        if (tty) add_history(line);
        if (!strcmp(p, ":quit") || !strcmp(p, ":q")) { free(line); break; }
        if (*p == ':') {
            run_command(L, p);
            free(line);
            continue;
        }
        int st = compile_input(L, tty, line);
        free(line);
        if (st != LUA_OK) {
            fprintf(stderr, "%s\n", lua_tostring(L, -1));
            lua_settop(L, base);
            continue;
        }
        g_running = 1;
        int rc = lede_host_pcall(L, 0, LUA_MULTRET);
        g_running = 0;
        lua_sethook(L, NULL, 0, 0);
        if (rc == LUA_OK) print_results(L, base);
        lua_settop(L, base);
        fflush(stdout);
    }
    if (tty) {
        putchar('\n');
        if (*histfile) write_history(histfile);
        clear_history();
    }
    free_matches();
    if (g_lib != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, g_lib);
    g_lib = LUA_NOREF;
    return LEDE_EXIT_OK;
}
