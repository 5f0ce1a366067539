/*
 * report_opts.c — `-- @option` declarations in a report's header (see
 * report_opts.h): read them, check values, give them to Lua, describe them.
 */
#include "report_opts.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *type_names[] = {"number", "string", "date", "flag"};

/* The header is the leading run of comment and blank lines; declarations
 * further down would be invisible to a reader of the file's top. */
#define HEADER_MAX_LINES 400

static int is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    return *s == '\0';
}

/* Next whitespace-separated word of *s, NUL-terminated in place. */
static char *word(char **s)
{
    char *p = *s;
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) return NULL;
    char *w = p;
    while (*p && *p != ' ' && *p != '\t') p++;
    if (*p) *p++ = '\0';
    *s = p;
    return w;
}

static int valid_name(const char *s)
{
    if (!islower((unsigned char)*s)) return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-') return 0;
    return 1;
}

static int days_in_month(long y, long m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a real month and day. */
static int valid_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10) return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i])) return 0;
    }
    long y = strtol(s, NULL, 10);
    if (n == 4) return 1;
    long m = strtol(s + 5, NULL, 10);
    if (m < 1 || m > 12) return 0;
    if (n == 7) return 1;
    long d = strtol(s + 8, NULL, 10);
    return d >= 1 && d <= days_in_month(y, m);
}

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno == ERANGE || !isfinite(v)) return 0;
    *out = v;
    return 1;
}

int lede_ropts_check(const ropt *r, const char *value, char *err, size_t errsz)
{
    double v;
    if (r->type == ROPT_NUMBER && !parse_number(value, &v)) {
        snprintf(err, errsz, "--%s needs a number, not '%s'", r->name, value);
        return -1;
    }
    if (r->type == ROPT_DATE && !valid_date(value)) {
        snprintf(err, errsz, "--%s needs a date YYYY-MM-DD, YYYY-MM or YYYY, not '%s'", r->name,
                 value);
        return -1;
    }
    if (r->type == ROPT_STRING && !*value) {
        snprintf(err, errsz, "--%s needs a non-empty %s", r->name, r->metavar);
        return -1;
    }
    return 0;
}

/* One "@option" line (the text after "@option"); 0 or -1 with err. */
static int parse_decl(char *s, ropt *r, char *err, size_t errsz)
{
    char *opt = word(&s), *type = word(&s), *def = word(&s);
    while (*s == ' ' || *s == '\t') s++;
    s[strcspn(s, "\r\n")] = '\0';
    if (!opt || !type || !def || !*s) {
        snprintf(err, errsz, "@option needs: --NAME[=METAVAR] TYPE DEFAULT HELP");
        return -1;
    }
    if (strncmp(opt, "--", 2) != 0) {
        snprintf(err, errsz, "@option '%s' must start with --", opt);
        return -1;
    }
    char *eq = strchr(opt + 2, '=');
    if (eq) *eq = '\0';
    if (!valid_name(opt + 2)) {
        snprintf(err, errsz, "@option name '%s' must be lower-case letters, digits and -", opt + 2);
        return -1;
    }
    int t = -1;
    for (int i = 0; i < 4; i++)
        if (!strcmp(type, type_names[i])) t = i;
    if (t < 0) {
        snprintf(err, errsz, "@option --%s: unknown type '%s' (number, string, date, flag)",
                 opt + 2, type);
        return -1;
    }
    if ((t == ROPT_FLAG) != (eq == NULL)) {
        snprintf(err, errsz, "@option --%s: %s", opt + 2,
                 t == ROPT_FLAG ? "a flag takes no =METAVAR" : "needs =METAVAR (a flag has none)");
        return -1;
    }
    r->name = strdup(opt + 2);
    r->metavar = strdup(eq ? eq + 1 : "");
    r->type = (ropt_type)t;
    r->def = strcmp(def, "-") ? strdup(def) : NULL;
    r->help = strdup(s);
    if (!r->name || !r->metavar || !r->help || (strcmp(def, "-") && !r->def)) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    if (r->def && t == ROPT_FLAG) {
        snprintf(err, errsz, "@option --%s: a flag's default is '-' (off)", r->name);
        return -1;
    }
    if (r->def && lede_ropts_check(r, r->def, err, errsz) != 0) return -1;
    return 0;
}

/* The description: the first comment line with words in it. */
static void take_desc(ropts *o, const char *line)
{
    if (o->desc[0]) return;
    const char *s = line + 2;
    while (*s == '-' || *s == ' ') s++;
    size_t n = strcspn(s, "\r\n");
    if (!n || *s == '@') return;
    if (n >= sizeof o->desc) n = sizeof o->desc - 1;
    memcpy(o->desc, s, n);
    o->desc[n] = '\0';
}

static int add_decl(ropts *o, char *text, const char *path, long lineno, char *err, size_t errsz)
{
    ropt *nv = realloc(o->v, (size_t)(o->n + 1) * sizeof *nv);
    if (!nv) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    o->v = nv;
    ropt *r = &o->v[o->n++];
    memset(r, 0, sizeof *r);
    char why[256];
    if (parse_decl(text, r, why, sizeof why) != 0) {
        snprintf(err, errsz, "%s:%ld: %s", path, lineno, why);
        return -1;
    }
    for (int i = 0; i < o->n - 1; i++)
        if (!strcmp(o->v[i].name, r->name)) {
            snprintf(err, errsz, "%s:%ld: @option --%s declared twice", path, lineno, r->name);
            return -1;
        }
    return 0;
}

int lede_ropts_load(const char *path, ropts *o, char *err, size_t errsz)
{
    memset(o, 0, sizeof *o);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[1024];
    long lineno = 0;
    int rc = 0;
    while (rc == 0 && lineno < HEADER_MAX_LINES && fgets(line, sizeof line, f)) {
        lineno++;
        if (lineno == 1 && line[0] == '#') continue;     /* #!/usr/bin/env lede */
        if (is_blank(line)) continue;
        if (strncmp(line, "--", 2) != 0) break;
        char *s = line + 2;
        while (*s == ' ') s++;
        if (!strncmp(s, "@option", 7) && (s[7] == ' ' || s[7] == '\t'))
            rc = add_decl(o, s + 7, path, lineno, err, errsz);
        else
            take_desc(o, line);
    }
    fclose(f);
    return rc;
}

void lede_ropts_free(ropts *o)
{
    for (int i = 0; i < o->n; i++) {
        free(o->v[i].name);
        free(o->v[i].metavar);
        free(o->v[i].def);
        free(o->v[i].help);
    }
    free(o->v);
    o->v = NULL;
    o->n = 0;
}

ropt *lede_ropts_find(const ropts *o, const char *name)
{
    for (int i = 0; i < o->n; i++)
        if (!strcmp(o->v[i].name, name)) return &o->v[i];
    return NULL;
}

static void push_key(lua_State *L, const char *name)
{
    char key[128];
    size_t n = strlen(name);
    if (n >= sizeof key) n = sizeof key - 1;
    for (size_t i = 0; i < n; i++) key[i] = name[i] == '-' ? '_' : name[i];
    key[n] = '\0';
    lua_pushstring(L, key);
}

void lede_ropts_push(lua_State *L, const ropts *o)
{
    lua_createtable(L, 0, o->n);
    for (int i = 0; i < o->n; i++) {
        const ropt *r = &o->v[i];
        const char *v = r->given ? r->value : r->def;
        push_key(L, r->name);
        if (r->type == ROPT_FLAG) {
            lua_pushboolean(L, r->given);
        } else if (!v) {
            lua_pop(L, 1);
            continue;
        } else if (r->type == ROPT_NUMBER) {
            double d = strtod(v, NULL);
            if (d == floor(d) && fabs(d) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)d);
            else lua_pushnumber(L, d);
        } else {
            lua_pushstring(L, v);
        }
        lua_rawset(L, -3);
    }
}

void lede_ropts_list(FILE *f, const char *heading, const ropts *o)
{
    if (o->n) fprintf(f, "\n%s:\n", heading);
    for (int i = 0; i < o->n; i++) {
        const ropt *r = &o->v[i];
        char head[96];
        snprintf(head, sizeof head, "--%s%s%s", r->name, r->metavar[0] ? "=" : "", r->metavar);
        fprintf(f, "  %-22s %s", head, r->help);
        if (r->type == ROPT_DATE) fputs(" (YYYY-MM-DD, YYYY-MM or YYYY)", f);
        if (r->def) fprintf(f, " (default %s)", r->def);
        fputc('\n', f);
    }
}

void lede_ropts_help(FILE *f, const char *cmd, const char *name, const ropts *o)
{
    int run = !strcmp(cmd, "run");
    fprintf(f, "usage: lede %s %s [OPTIONS] %s\n", cmd, name,
            run ? "[CORPUS...] [-- ARGS...]" : !strcmp(cmd, "merge") ? "PART..." : "CORPUS...");
    if (o->desc[0]) fprintf(f, "\n%s\n", o->desc);
    lede_ropts_list(f, run ? "Script options" : "Report options", o);
    fputs("\nOutput: -o text|json|csv|md|html (default text); CSV holds one section:\n"
          "--section NAME picks it, --section all puts every section in one table\n"
          "with a leading \"section\" column, --output-dir DIR writes DIR/NAME.csv for\n"
          "each section. See 'lede help report' for the options of every report.\n", f);
}
