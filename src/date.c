/*
 * date.c — absolute calendar dates in English news text.
 *
 * Accepted forms (case-insensitive month and weekday names):
 *
 *   2025-04-26            ISO (also 2025/04/26), optionally followed by a
 *   2025-04-26 08:23:02   time after ' ' or 'T': HH:MM[:SS[.frac]] and an
 *   2025-04-26T08:23Z     optional zone (Z, +HH, +HH:MM, +HHMM; ignored)
 *   07.09.2023            dotted, always day first (European); optional time
 *   13 June 2023          day month year ("13th of June, 2023" too)
 *   June 13, 2023         month day year ("Sept. 5 2023" too)
 *   June 2023             month precision
 *   Thursday, 7 September 2023   a weekday may precede a named date
 *
 * Slashed numeric dates such as 7/9/2023 are rejected on purpose: day-first
 * and month-first conventions cannot be told apart. A date needs its year:
 * "September 24" alone is relative to an unknown year and is not matched.
 * lede_date_parse() also accepts a bare year ("2023") and a bare ISO month
 * ("2023-06") because a whole string leaves no doubt; lede_date_find()
 * never matches those in running text (too many false positives).
 *
 * Every date is validated: year 1800-2200, month 1-12, day within its
 * month (leap years included), hour 0-23, minute 0-59, second 0-60.
 */
#include "lede/lede.h"

#include <stdio.h>
#include <string.h>

#define YEAR_MIN 1800
#define YEAR_MAX 2200

static int is_dig(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alp(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_aln(unsigned char c) { return is_dig(c) || is_alp(c); }
static int lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Case-insensitive comparison of s[0..n) with the NUL-terminated word w. */
static int word_eq(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    if (m != n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)w[i]) return 0;
    return 1;
}

/* --------------------------------------------------------------- names */

static const char *const month_full[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"
};

/* Month names: the full name, its first three letters, or "sept"; one
 * trailing '.' is ignored ("Sept.", "Jan."). */
int lede_month_from_name(const char *s, size_t n)
{
    if (!s) return 0;
    if (n > 0 && s[n - 1] == '.') n--;
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        if (word_eq(s, n, month_full[m])) return m + 1;
        if (n == 3 && lower((unsigned char)s[0]) == (unsigned char)month_full[m][0] &&
            lower((unsigned char)s[1]) == (unsigned char)month_full[m][1] &&
            lower((unsigned char)s[2]) == (unsigned char)month_full[m][2])
            return m + 1;
    }
    if (word_eq(s, n, "sept")) return 9;
    return 0;
}

static int weekday_from_name(const char *s, size_t n)
{
    static const char *const names[] = {
        "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed",
        "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday",
        "sat", "sunday", "sun", NULL
    };
    if (n > 0 && s[n - 1] == '.') n--;
    for (int i = 0; names[i]; i++)
        if (word_eq(s, n, names[i])) return 1;
    return 0;
}

/* ---------------------------------------------------------- validation */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
    if (y < YEAR_MIN || y > YEAR_MAX) return 0;
    if (m < 1 || m > 12) return 0;
    if (d == 0) return 1;                /* month precision */
    return d >= 1 && d <= days_in_month(y, m);
}

/* A day-precision date: day 0 is not a day ("2023-01-0", "0 June 2023"
 * used to pass as day precision with day 0 through valid_ymd's
 * month-precision case). */
static int valid_day(int y, int m, int d)
{
    return d >= 1 && valid_ymd(y, m, d);
}

static void set_date(lede_date *o, int y, int m, int d, int prec)
{
    o->year = y; o->month = m; o->day = d;
    o->hour = o->minute = o->second = -1;
    o->precision = prec;
}

/* -------------------------------------------------------------- cursor */

/* Reads up to 'max'+1 digits at s[*i]; returns the digit count (0 if none)
 * and the value of the first min(count, max) digits. */
static size_t digits(const char *s, size_t n, size_t i, size_t max, int *val)
{
    size_t k = 0;
    int v = 0;
    while (i + k < n && is_dig((unsigned char)s[i + k]) && k <= max) {
        if (k < max) v = v * 10 + (s[i + k] - '0');
        k++;
    }
    *val = v;
    return k;
}

/* Skips ASCII blanks and NO-BREAK SPACE; returns the new index. */
static size_t skip_sp(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) i += 2;
        else return i;
    }
}

/* Length of the ASCII-letter run at s[i]. */
static size_t alpha_run(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && is_alp((unsigned char)s[i + k])) k++;
    return k;
}

/* Exactly four digits not followed by another digit; returns the index
 * after them, or 0 on failure (0 is never a valid end here). */
static size_t year_at(const char *s, size_t n, size_t i, int *y)
{
    int v;
    if (digits(s, n, i, 4, &v) != 4) return 0;
    *y = v;
    return i + 4;
}

/* Optional time after a day-precision date at s[i]: sep is ' ' or 'T'.
 * Returns the index after the time (i itself when there is none). */
static size_t time_at(const char *s, size_t n, size_t i, lede_date *o, int allow_t)
{
    size_t j = i;
    if (j < n && allow_t && (s[j] == 'T' || s[j] == 't')) j++;
    else if (j < n && s[j] == ' ') j++;
    else return i;
    int h, m, sec = -1;
    if (digits(s, n, j, 2, &h) != 2) return i;
    j += 2;
    if (j >= n || s[j] != ':') return i;
    j++;
    if (digits(s, n, j, 2, &m) != 2) return i;
    j += 2;
    if (j + 2 < n && s[j] == ':' && digits(s, n, j + 1, 2, &sec) == 2) {
        j += 3;
        if (j + 1 < n && s[j] == '.' && is_dig((unsigned char)s[j + 1])) {
            j++;
            while (j < n && is_dig((unsigned char)s[j])) j++;
        }
    } else {
        sec = -1;
    }
    if (h > 23 || m > 59 || sec > 60) return i;
    /* zone */
    if (j < n && (s[j] == 'Z' || s[j] == 'z')) {
        j++;
    } else if (j < n && (s[j] == '+' || s[j] == '-')) {
        int zh, zm;
        size_t k = j + 1;
        if (digits(s, n, k, 2, &zh) == 2 && zh <= 14) {
            k += 2;
            if (k < n && s[k] == ':' && digits(s, n, k + 1, 2, &zm) == 2) k += 3;
            else if (digits(s, n, k, 2, &zm) == 2) k += 2;
            j = k;
        }
    }
    o->hour = h;
    o->minute = m;
    o->second = sec;
    o->precision = sec >= 0 ? LEDE_PREC_SECOND : LEDE_PREC_MINUTE;
    return j;
}

/* Numeric forms starting at s[i] (a digit). Returns the end index or 0. */
static size_t match_numeric(const char *s, size_t n, size_t i, lede_date *o)
{
    int a, b, c;
    size_t k = digits(s, n, i, 4, &a);
    if (k == 4) {                                     /* ISO YYYY-MM-DD */
        size_t j = i + 4;
        if (j >= n || (s[j] != '-' && s[j] != '/')) return 0;
        char sep = s[j++];
        size_t km = digits(s, n, j, 2, &b);
        if (km < 1 || km > 2) return 0;
        j += km;
        if (j >= n || s[j] != sep) return 0;
        j++;
        size_t kd = digits(s, n, j, 2, &c);
        if (kd < 1 || kd > 2) return 0;
        j += kd;
        if (!valid_day(a, b, c)) return 0;
        set_date(o, a, b, c, LEDE_PREC_DAY);
        return time_at(s, n, j, o, 1);
    }
    if (k < 1 || k > 2) return 0;
    size_t j = i + k;
    if (j < n && s[j] == '.') {                       /* dotted D.M.YYYY */
        j++;
        size_t km = digits(s, n, j, 2, &b);
        if (km < 1 || km > 2) return 0;
        j += km;
        if (j >= n || s[j] != '.') return 0;
        j++;
        int y;
        size_t e = year_at(s, n, j, &y);
        if (!e) return 0;
        if (!valid_day(y, b, a)) return 0;
        set_date(o, y, b, a, LEDE_PREC_DAY);
        return time_at(s, n, e, o, 0);
    }
    /* D[st|nd|rd|th] [of] Month[.][,] YYYY */
    if (j + 1 < n && is_alp((unsigned char)s[j])) {
        size_t r = alpha_run(s, n, j);
        if (r == 2 && (word_eq(s + j, 2, "st") || word_eq(s + j, 2, "nd") ||
                       word_eq(s + j, 2, "rd") || word_eq(s + j, 2, "th")))
            j += 2;
        else
            return 0;
    }
    size_t j2 = skip_sp(s, n, j);
    if (j2 == j) return 0;
    j = j2;
    size_t r = alpha_run(s, n, j);
    if (r == 2 && word_eq(s + j, 2, "of")) {
        j2 = skip_sp(s, n, j + 2);
        if (j2 == j + 2) return 0;
        j = j2;
        r = alpha_run(s, n, j);
    }
    if (r < 3) return 0;
    size_t mlen = r + (j + r < n && s[j + r] == '.');
    int m = lede_month_from_name(s + j, mlen);
    if (!m) return 0;
    j += mlen;
    if (j < n && s[j] == ',') j++;
    j2 = skip_sp(s, n, j);
    if (j2 == j) return 0;
    int y;
    size_t e = year_at(s, n, j2, &y);
    if (!e || !valid_day(y, m, a)) return 0;
    set_date(o, y, m, a, LEDE_PREC_DAY);
    return e;
}

/* Named forms starting at s[i] (a letter). Returns the end index or 0. */
static size_t match_named(const char *s, size_t n, size_t i, lede_date *o, int depth)
{
    size_t r = alpha_run(s, n, i);
    size_t len = r + (i + r < n && s[i + r] == '.');
    if (depth == 0 && weekday_from_name(s + i, len)) {
        size_t j = i + len;
        if (j < n && s[j] == ',') j++;
        size_t j2 = skip_sp(s, n, j);
        if (j2 == j) return 0;
        if (j2 < n && is_dig((unsigned char)s[j2])) return match_numeric(s, n, j2, o);
        if (j2 < n && is_alp((unsigned char)s[j2])) return match_named(s, n, j2, o, 1);
        return 0;
    }
    int m = lede_month_from_name(s + i, len);
    if (!m) return 0;
    size_t j = i + len;
    if (j < n && s[j] == ',') j++;
    size_t j2 = skip_sp(s, n, j);
    if (j2 == j) return 0;
    j = j2;
    int v;
    size_t k = digits(s, n, j, 4, &v);
    if (k == 4) {                                     /* Month YYYY */
        if (!valid_ymd(v, m, 0)) return 0;
        set_date(o, v, m, 0, LEDE_PREC_MONTH);
        return j + 4;
    }
    if (k < 1 || k > 2) return 0;
    j += k;
    if (j + 1 < n && is_alp((unsigned char)s[j])) {
        size_t rr = alpha_run(s, n, j);
        if (rr == 2 && (word_eq(s + j, 2, "st") || word_eq(s + j, 2, "nd") ||
                        word_eq(s + j, 2, "rd") || word_eq(s + j, 2, "th")))
            j += 2;
        else
            return 0;
    }
    if (j < n && s[j] == ',') j++;
    j2 = skip_sp(s, n, j);
    if (j2 == j) return 0;
    int y;
    size_t e = year_at(s, n, j2, &y);
    if (!e || !valid_day(y, m, v)) return 0;
    set_date(o, y, m, v, LEDE_PREC_DAY);
    return e;
}

static size_t match_at(const char *s, size_t n, size_t i, lede_date *o)
{
    if (i >= n) return 0;
    unsigned char c = (unsigned char)s[i];
    if (is_dig(c)) return match_numeric(s, n, i, o);
    if (is_alp(c)) return match_named(s, n, i, o, 0);
    return 0;
}

/* ---------------------------------------------------------------- API */

static int is_sp_byte(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int lede_date_parse(const char *s, size_t n, lede_date *out)
{
    if (!s || !out) return 0;
    size_t b = 0, e = n;
    for (;;) {
        if (b < e && is_sp_byte((unsigned char)s[b])) b++;
        else if (b + 1 < e && (unsigned char)s[b] == 0xC2 && (unsigned char)s[b + 1] == 0xA0) b += 2;
        else break;
    }
    for (;;) {
        if (e > b && is_sp_byte((unsigned char)s[e - 1])) e--;
        else if (e >= b + 2 && (unsigned char)s[e - 2] == 0xC2 && (unsigned char)s[e - 1] == 0xA0) e -= 2;
        else break;
    }
    if (b >= e) return 0;
    const char *p = s + b;
    size_t len = e - b;
    lede_date d;
    size_t end = match_at(p, len, 0, &d);
    if (end == len) {
        *out = d;
        return 1;
    }
    /* Whole-string only: a bare year, or an ISO year-month. */
    int y, m;
    if (len == 4 && digits(p, len, 0, 4, &y) == 4 && valid_ymd(y, 1, 0)) {
        set_date(out, y, 0, 0, LEDE_PREC_YEAR);
        return 1;
    }
    if (len == 7 && digits(p, len, 0, 4, &y) == 4 && p[4] == '-' &&
        digits(p, len, 5, 2, &m) == 2 && valid_ymd(y, m, 0)) {
        set_date(out, y, m, 0, LEDE_PREC_MONTH);
        return 1;
    }
    return 0;
}

/* A date may not start inside a word or a number, nor right after a
 * number joined by - . / : (phone numbers, version strings, 12023-...). */
static int start_ok(const char *s, size_t i)
{
    if (i == 0) return 1;
    unsigned char p = (unsigned char)s[i - 1];
    if (is_aln(p) || p == '_') return 0;
    if ((p == '-' || p == '.' || p == '/' || p == ':' || p == '+') && i >= 2 &&
        is_dig((unsigned char)s[i - 2]))
        return 0;
    return 1;
}

static int end_ok(const char *s, size_t n, size_t e)
{
    if (e >= n) return 1;
    unsigned char c = (unsigned char)s[e];
    if (is_aln(c) || c == '_') return 0;
    if ((c == '-' || c == '.' || c == '/' || c == ':') && e + 1 < n &&
        is_dig((unsigned char)s[e + 1]))
        return 0;
    return 1;
}

int lede_date_find(const char *s, size_t n, lede_date *out, size_t *at, size_t *len)
{
    if (!s) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_aln(c) || !start_ok(s, i)) continue;
        lede_date d;
        size_t e = match_at(s, n, i, &d);
        if (e > i && end_ok(s, n, e)) {
            if (out) *out = d;
            if (at) *at = i;
            if (len) *len = e - i;
            return 1;
        }
        /* skip the rest of this word or number */
        while (i + 1 < n && is_aln((unsigned char)s[i + 1])) i++;
    }
    return 0;
}

/* Writes YYYY, YYYY-MM or YYYY-MM-DD by precision (time is not written).
 * Returns the length, 0 for LEDE_PREC_NONE, or -1 if buf is too small or
 * the date is out of range. */
int lede_date_iso(const lede_date *d, char *buf, size_t size)
{
    if (!d || !buf || size == 0) return -1;
    buf[0] = '\0';
    if (d->year < 0 || d->year > 9999) return -1;
    int r;
    switch (d->precision) {
    case LEDE_PREC_NONE:
        return 0;
    case LEDE_PREC_YEAR:
        r = snprintf(buf, size, "%04d", d->year);
        break;
    case LEDE_PREC_MONTH:
        if (d->month < 1 || d->month > 12) return -1;
        r = snprintf(buf, size, "%04d-%02d", d->year, d->month);
        break;
    default:
        if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31) return -1;
        r = snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
        break;
    }
    if (r < 0 || (size_t)r >= size) {
        buf[0] = '\0';
        return -1;
    }
    return r;
}
