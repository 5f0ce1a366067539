/* fuzz_date.c — lede_date_parse / lede_date_find / lede_date_iso. */
#include "fuzz_common.h"

static int days_in(int y, int m)
{
    static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static void check_date(const lede_date *d)
{
    FUZZ_CHECK(d->precision >= LEDE_PREC_YEAR && d->precision <= LEDE_PREC_SECOND);
    FUZZ_CHECK(d->year >= 1800 && d->year <= 2200);
    if (d->precision >= LEDE_PREC_MONTH) FUZZ_CHECK(d->month >= 1 && d->month <= 12);
    else FUZZ_CHECK(d->month == 0);
    if (d->precision >= LEDE_PREC_DAY) FUZZ_CHECK(d->day >= 1 && d->day <= days_in(d->year, d->month));
    else FUZZ_CHECK(d->day == 0);
    if (d->precision >= LEDE_PREC_MINUTE) {
        FUZZ_CHECK(d->hour >= 0 && d->hour <= 23);
        FUZZ_CHECK(d->minute >= 0 && d->minute <= 59);
    } else {
        FUZZ_CHECK(d->hour == -1 && d->minute == -1);
    }
    if (d->precision == LEDE_PREC_SECOND) FUZZ_CHECK(d->second >= 0 && d->second <= 60);
    else FUZZ_CHECK(d->second == -1);

    char buf[32];
    int r = lede_date_iso(d, buf, sizeof buf);
    FUZZ_CHECK(r == 4 || r == 7 || r == 10);
    FUZZ_CHECK((size_t)r == strlen(buf));
    lede_date back;
    FUZZ_CHECK(lede_date_parse(buf, (size_t)r, &back));
    FUZZ_CHECK(back.year == d->year);
    FUZZ_CHECK(back.month == d->month || d->precision < LEDE_PREC_MONTH);
    FUZZ_CHECK(back.day == d->day || d->precision < LEDE_PREC_DAY);
    /* Too small buffers fail cleanly and leave an empty string. */
    for (size_t sz = 1; sz <= (size_t)r; sz++) {
        char small[16];
        memset(small, 'x', sizeof small);
        FUZZ_CHECK(lede_date_iso(d, small, sz) == -1);
        FUZZ_CHECK(small[0] == '\0' && small[sz] == 'x');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Exact-size heap copy so ASan sees any read past the end. */
    char *s = calloc(size ? size : 1, 1);
    if (!s) return 0;
    if (size) memcpy(s, data, size);

    lede_date d;
    memset(&d, 0x5a, sizeof d);
    if (lede_date_parse(s, size, &d)) check_date(&d);

    /* Every date lede_date_find reports, scanning on after each one. */
    size_t off = 0;
    int found = 0;
    while (off < size && found < 1000) {
        size_t at = SIZE_MAX, len = SIZE_MAX;
        if (!lede_date_find(s + off, size - off, &d, &at, &len)) break;
        FUZZ_CHECK(at < size - off && len > 0 && len <= size - off - at);
        check_date(&d);
        off += at + len;
        found++;
    }
    /* month names */
    for (size_t i = 0; i < size && i < 16; i++) {
        int m = lede_month_from_name(s, i);
        FUZZ_CHECK(m >= 0 && m <= 12);
    }
    /* lede_date_iso on a date struct made of raw input bytes. */
    if (size >= sizeof d) {
        lede_date raw;
        memcpy(&raw, s, sizeof raw);
        char buf[64];
        int r = lede_date_iso(&raw, buf, sizeof buf);
        FUZZ_CHECK(r >= -1 && r < (int)sizeof buf);
        if (r >= 0) FUZZ_CHECK((size_t)r == strlen(buf));
    }
    free(s);
    return 0;
}
