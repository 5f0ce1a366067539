/*
 * isodate.c — a date field of a feed, a CSV column, a WARC header or a
 * sidecar as ISO YYYY-MM-DD: RFC 3339 (2023-10-17T09:30:00Z), RFC 822
 * (Tue, 17 Oct 2023 09:30:00 GMT) and whatever else lede_date_parse reads.
 */
#include "reader.h"

#include <ctype.h>
#include <string.h>

const char *lede_meta(lede_arena *ar, const char *s, size_t n)
{
    if (lede_utf8_valid(s, n, NULL)) return lede_arena_strndup(ar, s, n);
    size_t len, nbad, first;
    return lede_utf8_repair(ar, s, n, &len, &nbad, &first);
}

const char *lede_iso_date(lede_arena *ar, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n == 0 || n > 100) return NULL;
    lede_date d;
    char iso[32];
    /* RFC 3339 and WARC-Date: the calendar date leads */
    if (n >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-' && s[7] == '-' &&
        lede_date_parse(s, 10, &d) && lede_date_iso(&d, iso, sizeof iso) > 0)
        return lede_arena_strdup(ar, iso);
    if (lede_date_parse(s, n, &d) && d.precision >= LEDE_PREC_DAY &&
        lede_date_iso(&d, iso, sizeof iso) > 0)
        return lede_arena_strdup(ar, iso);
    /* RFC 822 and others: the first full date in the string */
    size_t at, len;
    if (lede_date_find(s, n, &d, &at, &len) && d.precision >= LEDE_PREC_DAY &&
        lede_date_iso(&d, iso, sizeof iso) > 0)
        return lede_arena_strdup(ar, iso);
    return NULL;
}
