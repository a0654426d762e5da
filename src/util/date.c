#include "util/date.h"
#include "util/err.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the whole Gregorian range. */
int32_t zx_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void zx_date_to_ymd(int32_t days, int *y, int *m, int *d)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = (int)mm;
    *d = (int)dd;
}

static int month_days(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

int zx_date_valid(int y, int m, int d)
{
    return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Read 1..max decimal digits at *p; returns the value or -1. */
static int digits(const char **p, const char *end, int min, int max)
{
    int v = 0, n = 0;
    while (*p < end && n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n >= min ? v : -1;
}

static int lit(const char **p, const char *end, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(end - *p) < n || memcmp(*p, s, n) != 0)
        return 0;
    *p += n;
    return 1;
}

int zx_date_parse(const char *s, size_t len, int32_t *out)
{
    const char *p = s, *end = s + len;
    int y, m, d;

    y = digits(&p, end, 4, 4);
    if (y < 0 || p >= end)
        return -1;
    if (*p == '-' || *p == '/' || *p == '.') {
        char sep = *p++;
        m = digits(&p, end, 1, 2);
        if (m < 0 || p >= end || *p != sep)
            return -1;
        p++;
        d = digits(&p, end, 1, 2);
        if (d < 0 || p != end)
            return -1;
    } else {
        /* 年 月 日 in UTF-8 */
        if (!lit(&p, end, "\xe5\xb9\xb4"))
            return -1;
        m = digits(&p, end, 1, 2);
        if (m < 0 || !lit(&p, end, "\xe6\x9c\x88"))
            return -1;
        d = digits(&p, end, 1, 2);
        if (d < 0 || !lit(&p, end, "\xe6\x97\xa5") || p != end)
            return -1;
    }
    if (!zx_date_valid(y, m, d))
        return -2;
    *out = zx_date_from_ymd(y, m, d);
    return 0;
}

char *zx_date_format(int32_t days, char *buf)
{
    int y, m, d;
    zx_date_to_ymd(days, &y, &m, &d);
    /* hand-formatted: fixed width, and no truncation warning for out-of-range years */
    y = ((y % 10000) + 10000) % 10000;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
    return buf;
}

int32_t zx_date_add_months(int32_t days, int months)
{
    int y, m, d;
    zx_date_to_ymd(days, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    int md = month_days(y, m);
    return zx_date_from_ymd(y, m, d > md ? md : d);
}

int32_t zx_date_add_months_eom(int32_t days, int months)
{
    int y, m, d;
    zx_date_to_ymd(days, &y, &m, &d);
    int eom = d == month_days(y, m);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    int md = month_days(y, m);
    return zx_date_from_ymd(y, m, eom || d > md ? md : d);
}

int32_t zx_date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return zx_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int zx_date_period(const char *s, int32_t *from, int32_t *to, char *label, size_t label_size,
                   struct zx_err *err)
{
    static const char *const qn[] = {"一", "二", "三", "四"};
    int y = 0, k = 0, n = 0;
    char c = 0;
    size_t len = strlen(s);
    if (sscanf(s, "%4d%n", &y, &n) != 1 || n != 4 || y < 1000)
        goto bad;
    if (len == 4) {
        *from = zx_date_from_ymd(y, 1, 1);
        *to = zx_date_from_ymd(y, 12, 31);
        snprintf(label, label_size, "%d年", y);
        return ZX_OK;
    }
    if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q' || s[5] == 'H' || s[5] == 'h')) {
        c = (char)(s[5] & ~0x20);
        k = s[6] - '0';
        if (c == 'Q' && k >= 1 && k <= 4) {
            *from = zx_date_from_ymd(y, 3 * k - 2, 1);
            *to = zx_date_add_months(*from, 3) - 1;
            snprintf(label, label_size, "%d年第%s季度", y, qn[k - 1]);
            return ZX_OK;
        }
        if (c == 'H' && (k == 1 || k == 2)) {
            *from = zx_date_from_ymd(y, k == 1 ? 1 : 7, 1);
            *to = zx_date_add_months(*from, 6) - 1;
            snprintf(label, label_size, "%d年%s半年", y, k == 1 ? "上" : "下");
            return ZX_OK;
        }
        goto bad;
    }
    if (len == 7 && s[4] == '-' && s[5] >= '0' && s[5] <= '1' && s[6] >= '0' && s[6] <= '9') {
        k = (s[5] - '0') * 10 + (s[6] - '0');
        if (k < 1 || k > 12)
            goto bad;
        *from = zx_date_from_ymd(y, k, 1);
        *to = zx_date_add_months(*from, 1) - 1;
        snprintf(label, label_size, "%d年%d月", y, k);
        return ZX_OK;
    }
bad:
    return zx_err_set(err, ZX_EINVAL, "'%s' is not a period (2024, 2024-H1, 2024-Q3 or 2024-07)",
                      s);
}

/* RULE: age_zhousui */
int zx_date_age(int32_t birth, int32_t on)
{
    int by, bm, bd, y, m, d;
    if (birth == ZX_DATE_NULL || on == ZX_DATE_NULL || on < birth)
        return -1;
    zx_date_to_ymd(birth, &by, &bm, &bd);
    zx_date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d <= bd)) /* the birthday itself does not count yet */
        age--;
    return age < 0 ? 0 : age;
}
