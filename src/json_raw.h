/*
 * json_raw.h — the text of a JSON member as written in the source, for
 * what cJSON would round through a double (numeric ids: 1.5 must stay
 * "1.5", a 20-digit id keep every digit).
 */
#ifndef LEDE_JSON_RAW_H
#define LEDE_JSON_RAW_H

#include <stddef.h>

/* s[0..n) holds a JSON object (already parsed once, so well formed). The
 * first top-level member named key (written without escapes): a pointer to
 * its value's text in s, *len its length; NULL if there is none. */
const char *lede_json_member_raw(const char *s, size_t n, const char *key, size_t *len);
/* The same for the last member named key (lede.json.decode keeps the last
 * of a key given twice); a key written with escapes is not recognised. */
const char *lede_json_member_raw_last(const char *s, size_t n, const char *key, size_t *len);
/* Does s[0..n) hold a \u escape (which could spell a key's letters)? */
int lede_json_has_u_escape(const char *s, size_t n);

#endif
