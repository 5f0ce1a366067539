/* Unit tests for src/report_opts.c: '-- @option' header declarations,
 * value checks, the `options` table, and src/lwidth.c's widths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lbind.h"
#include "report_opts.h"

/* Write text to a temporary file; returns its path (static buffer). */
static const char *script(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/lede-ropts-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static int load(const char *text, ropts *o, char *err, size_t n)
{
    const char *p = script(text);
    int rc = lede_ropts_load(p, o, err, n);
    unlink(p);
    return rc;
}

static void test_declarations(void **state)
{
    (void)state;
    ropts o;
    char err[256];
    assert_int_equal(load("-- Quotes: who said what.\n--\n"
                          "-- @option --top=N          number  20  rows per section\n"
                          "-- @option --speaker=NAME   string  -   only quotes by this speaker\n"
                          "-- @option --since=DATE     date    -   only articles on or after DATE\n"
                          "-- @option --all flag - every row\n"
                          "\n"
                          "local x = 1\n"
                          "-- @option --late=N number 1 after the code: not read\n",
                          &o, err, sizeof err), 0);
    assert_string_equal(o.desc, "Quotes: who said what.");
    assert_int_equal(o.n, 4);
    assert_string_equal(o.v[0].name, "top");
    assert_string_equal(o.v[0].metavar, "N");
    assert_int_equal(o.v[0].type, ROPT_NUMBER);
    assert_string_equal(o.v[0].def, "20");
    assert_string_equal(o.v[0].help, "rows per section");
    assert_null(o.v[1].def);
    assert_int_equal(o.v[2].type, ROPT_DATE);
    assert_int_equal(o.v[3].type, ROPT_FLAG);
    assert_string_equal(o.v[3].metavar, "");
    assert_non_null(lede_ropts_find(&o, "speaker"));
    assert_null(lede_ropts_find(&o, "late"));
    assert_null(lede_ropts_find(&o, "spea"));
    lede_ropts_free(&o);
}

/* A malformed line is an error naming the line; nothing leaks. */
static void assert_bad(const char *line, const char *want)
{
    ropts o;
    char err[256], text[256];
    snprintf(text, sizeof text, "-- Bad.\n%s\nreturn 1\n", line);
    assert_int_equal(load(text, &o, err, sizeof err), -1);
    const char *msg = strstr(err, ":2: ");
    if (!msg) fail_msg("no line number in '%s'", err);
    assert_string_equal(msg + 4, want);
    lede_ropts_free(&o);
}

static void test_malformed(void **state)
{
    (void)state;
    assert_bad("-- @option --top=N number 20", "@option needs: --NAME[=METAVAR] TYPE DEFAULT HELP");
    assert_bad("-- @option top=N number 20 rows", "@option 'top=N' must start with --");
    assert_bad("-- @option --Top=N number 20 rows",
               "@option name 'Top' must be lower-case letters, digits and -");
    assert_bad("-- @option --top=N integer 20 rows",
               "@option --top: unknown type 'integer' (number, string, date, flag)");
    assert_bad("-- @option --top number 20 rows", "@option --top: needs =METAVAR (a flag has none)");
    assert_bad("-- @option --all=X flag - rows", "@option --all: a flag takes no =METAVAR");
    assert_bad("-- @option --all flag on rows", "@option --all: a flag's default is '-' (off)");
    assert_bad("-- @option --top=N number many rows", "--top needs a number, not 'many'");
    assert_bad("-- @option --since=D date 2023-13 rows",
               "--since needs a date YYYY-MM-DD, YYYY-MM or YYYY, not '2023-13'");
    ropts o;
    char err[256];
    assert_int_equal(load("-- @option --top=N number 1 a\n-- @option --top=M number 2 b\n", &o, err,
                          sizeof err), -1);
    assert_non_null(strstr(err, ":2: @option --top declared twice"));
    lede_ropts_free(&o);
}

static void test_checks(void **state)
{
    (void)state;
    char err[256];
    ropt num = {.name = "top", .metavar = "N", .type = ROPT_NUMBER};
    ropt date = {.name = "since", .metavar = "DATE", .type = ROPT_DATE};
    ropt str = {.name = "speaker", .metavar = "NAME", .type = ROPT_STRING};
    const char *good_num[] = {"20", "-3", "0.5", "1e3", NULL};
    const char *bad_num[] = {"", "x", "20x", "inf", "nan", "1e999", NULL};
    for (int i = 0; good_num[i]; i++) assert_int_equal(lede_ropts_check(&num, good_num[i], err, sizeof err), 0);
    for (int i = 0; bad_num[i]; i++) assert_int_equal(lede_ropts_check(&num, bad_num[i], err, sizeof err), -1);
    const char *good_date[] = {"2023", "2023-06", "2023-06-01", "2024-02-29", "2000-02-29", NULL};
    const char *bad_date[] = {"23", "2023-6", "2023-00", "2023-13", "2023-02-29", "1900-02-29",
                              "2023-04-31", "2023-06-01T10", "June", "2023/06/01", NULL};
    for (int i = 0; good_date[i]; i++) assert_int_equal(lede_ropts_check(&date, good_date[i], err, sizeof err), 0);
    for (int i = 0; bad_date[i]; i++) {
        if (lede_ropts_check(&date, bad_date[i], err, sizeof err) != -1)
            fail_msg("'%s' taken for a date", bad_date[i]);
    }
    assert_int_equal(lede_ropts_check(&str, "Stoltenberg", err, sizeof err), 0);
    assert_int_equal(lede_ropts_check(&str, "", err, sizeof err), -1);
    assert_string_equal(err, "--speaker needs a non-empty NAME");
}

static void test_push(void **state)
{
    (void)state;
    ropts o;
    char err[256];
    assert_int_equal(load("-- @option --top=N number 20 rows\n"
                          "-- @option --min-weight=X number 0.5 weight\n"
                          "-- @option --speaker=NAME string - who\n"
                          "-- @option --all flag - all\n"
                          "-- @option --quiet-mode flag - all\n",
                          &o, err, sizeof err), 0);
    lede_ropts_find(&o, "speaker")->value = "Kurti";
    lede_ropts_find(&o, "speaker")->given = 1;
    lede_ropts_find(&o, "all")->given = 1;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lede_ropts_push(L, &o);
    lua_setglobal(L, "options");
    assert_int_equal(luaL_dostring(L, "return math.type(options.top), options.top, options.min_weight,"
                                      " options.speaker, options.all, options.quiet_mode,"
                                      " options['min-weight'] == nil"), LUA_OK);
    assert_string_equal(lua_tostring(L, 1), "integer");
    assert_int_equal(lua_tointeger(L, 2), 20);
    assert_true(lua_tonumber(L, 3) == 0.5);
    assert_string_equal(lua_tostring(L, 4), "Kurti");
    assert_true(lua_toboolean(L, 5));
    assert_false(lua_toboolean(L, 6));
    assert_true(lua_toboolean(L, 7));
    lua_close(L);
    lede_ropts_free(&o);
}

/* lede.width / lede.fit: terminal columns. */
static void test_width(void **state)
{
    (void)state;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    lua_newtable(L);
    lede_width_register(L, lua_gettop(L));
    lua_setglobal(L, "lede");
    const char *code =
        "local w, f = lede.width, lede.fit\n"
        "assert(w('') == 0 and w('abc') == 3)\n"
        "assert(w('日本語') == 6, 'wide')\n"
        "assert(w('Cafe\\u{301}') == 4, 'combining')\n"
        "assert(w('\\xff\\xfe') == 2, 'bytes that are not UTF-8')\n"
        "local s, n = f('日本語', 5); assert(s == '日本' and n == 4, s)\n"
        "s, n = f('Cafe\\u{301}!', 4); assert(s == 'Cafe\\u{301}' and n == 4, 'the mark stays')\n"
        "s, n = f('abc', 0); assert(s == '' and n == 0)\n"
        "s, n = f('abc', 10); assert(s == 'abc' and n == 3)\n";
    if (luaL_dostring(L, code) != LUA_OK) fail_msg("%s", lua_tostring(L, -1));
    lua_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_declarations), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_checks), cmocka_unit_test(test_push), cmocka_unit_test(test_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
