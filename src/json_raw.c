/*
 * json_raw.c — find a member's value text in a JSON object's source.
 * See json_raw.h.
 */
#include "json_raw.h"

#include <string.h>

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* p at an opening quote: just past the closing one, or NULL. */
static const char *skip_string(const char *p, const char *end)
{
    for (p++; p < end; p++) {
        if (*p == '\\') p++;
        else if (*p == '"') return p + 1;
    }
    return NULL;
}

/* p at a value: just past it, or NULL. */
static const char *skip_value(const char *p, const char *end)
{
    if (p >= end) return NULL;
    if (*p == '"') return skip_string(p, end);
    if (*p == '{' || *p == '[') {
        size_t depth = 0;
        while (p < end) {
            if (*p == '"') {
                if (!(p = skip_string(p, end))) return NULL;
                continue;
            }
            if (*p == '{' || *p == '[') depth++;
            else if ((*p == '}' || *p == ']') && --depth == 0) return p + 1;
            p++;
        }
        return NULL;
    }
    const char *q = p;
    while (q < end && !strchr(",}] \t\r\n", *q)) q++;
    return q > p ? q : NULL;
}

/* The first (last: 0) top-level member named key. */
static const char *member_raw(const char *s, size_t n, const char *key, size_t *len, int first)
{
    const char *p = s, *end = s + n, *found = NULL;
    size_t klen = strlen(key);
    p = skip_ws(p, end);
    if (p >= end || *p != '{') return NULL;
    p++;
    for (;;) {
        p = skip_ws(p, end);
        if (p >= end || *p != '"') return found;
        const char *k = p + 1, *q = skip_string(p, end);
        if (!q) return found;
        int match = (size_t)(q - 1 - k) == klen && memcmp(k, key, klen) == 0;
        p = skip_ws(q, end);
        if (p >= end || *p != ':') return found;
        p = skip_ws(p + 1, end);
        const char *v = p;
        if (!(p = skip_value(p, end))) return found;
        if (match) {
            *len = (size_t)(p - v);
            found = v;
            if (first) return found;
        }
        p = skip_ws(p, end);
        if (p >= end || *p != ',') return found;
        p++;
    }
}

const char *lede_json_member_raw(const char *s, size_t n, const char *key, size_t *len)
{
    return member_raw(s, n, key, len, 1);
}

const char *lede_json_member_raw_last(const char *s, size_t n, const char *key, size_t *len)
{
    return member_raw(s, n, key, len, 0);
}

int lede_json_has_u_escape(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '\\' && s[i + 1] == 'u') return 1;
    return 0;
}
