/*
 * repl.c — the interactive prompt.
 *
 * A line is first tried as an expression ("return LINE") so that typing
 * `corpus[1].title` prints the title; otherwise as a statement. Input that
 * is incomplete (an open `function`, a missing `end`) continues on the next
 * line. Results are printed by the Lua function lede.pretty when the
 * bundled library provides it, else by tostring.
 */
#include "host.h"

#include <lauxlib.h>
#include <readline/history.h>
#include <readline/readline.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static lua_State *g_L;              /* for the SIGINT handler */
static volatile sig_atomic_t g_running;

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
        /* Interrupt the running chunk at its next instruction, as lua.c does. */
        lua_sethook(g_L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
        return;
    }
    /* At the prompt: drop the current line, stay in the REPL. */
    if (write(STDOUT_FILENO, "\n", 1) < 0) { /* nothing to do */ }
    rl_on_new_line();
    rl_replace_line("", 0);
    rl_redisplay();
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

/* Print the values on the stack above base. */
static void print_results(lua_State *L, int base)
{
    int n = lua_gettop(L) - base;
    if (n <= 0) return;
    lua_getglobal(L, "lede");
    int has_pretty = 0;
    if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "pretty");
        has_pretty = lua_isfunction(L, -1);
        if (!has_pretty) lua_pop(L, 1);
    }
    if (has_pretty) {
        for (int i = 1; i <= n; i++) lua_pushvalue(L, base + i);
        if (lede_host_pcall(L, n, 1) == LUA_OK) {
            const char *s = lua_tostring(L, -1);
            if (s) puts(s);
            lua_pop(L, 1);
        }
        lua_pop(L, 1); /* lede */
    } else {
        lua_pop(L, 1);
        for (int i = 1; i <= n; i++) {
            const char *s = luaL_tolstring(L, base + i, NULL);
            fputs(s, stdout);
            fputs(i < n ? "\t" : "\n", stdout);
            lua_pop(L, 1);
        }
    }
    lua_settop(L, base);
}

static char *read_line(int tty, const char *prompt)
{
    if (tty) return readline(prompt);
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

static const char *help_text =
    "Lua 5.4 with lede loaded. `corpus` holds the articles you named.\n"
    "  corpus[1].title           an expression is printed\n"
    "  for a in corpus:articles() do print(a.date, a.title) end\n"
    "  :help   this text          :quit  leave (or Ctrl-D)\n";

int lede_repl(lua_State *L, const lede_host_opts *opts)
{
    (void)opts;
    int tty = isatty(STDIN_FILENO);
    char histfile[4096] = "";
    const char *home = getenv("HOME");
    if (home) snprintf(histfile, sizeof histfile, "%s/.lede_history", home);
    if (tty) {
        if (*histfile) read_history(histfile);
        printf("lede %s — :help for help, Ctrl-D to leave\n", LEDE_VERSION);
    }
    g_L = L;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);

    char *line;
    while ((line = read_line(tty, "lede> ")) != NULL) {
        if (*line == '\0') { free(line); continue; }
        if (!strcmp(line, ":quit") || !strcmp(line, ":q")) { free(line); break; }
        if (!strcmp(line, ":help")) {
            fputs(help_text, stdout);
            free(line);
            continue;
        }
        if (tty) add_history(line);
        int base = lua_gettop(L);
        /* expression first */
        lua_pushfstring(L, "return %s", line);
        int st = luaL_loadbuffer(L, lua_tostring(L, -1), lua_rawlen(L, -1), "=stdin");
        lua_remove(L, -2);
        if (st != LUA_OK) {
            lua_pop(L, 1);
            /* statement, possibly spanning lines */
            luaL_Buffer b;
            lua_pushstring(L, line);
            for (;;) {
                size_t len;
                const char *chunk = lua_tolstring(L, -1, &len);
                st = luaL_loadbuffer(L, chunk, len, "=stdin");
                if (!incomplete(L, st)) break;
                lua_pop(L, 1); /* the error message */
                char *more = read_line(tty, ">> ");
                if (!more) {
                    lua_pushliteral(L, "stdin: incomplete input at end of file");
                    break;
                }
                if (tty) add_history(more);
                luaL_buffinit(L, &b);
                lua_pushvalue(L, -2);
                luaL_addvalue(&b);
                luaL_addchar(&b, '\n');
                luaL_addstring(&b, more);
                luaL_pushresult(&b);
                lua_remove(L, -2);
                free(more);
            }
            lua_remove(L, -2); /* the source text */
        }
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
    }
    return LEDE_EXIT_OK;
}
