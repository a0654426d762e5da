#include "util/idnum.h"
#include "util/date.h"

#include <string.h>

char zx_idnum_check_char(const char *d)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char map[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (d[i] - '0') * w[i];
    return map[sum % 11];
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int zx_idnum_normalise(const char *s, size_t len, char out[19])
{
    if (len == 15) {
        if (!all_digits(s, 15))
            return ZX_IDNUM_INVALID;
        memcpy(out, s, 6);
        out[6] = '1';
        out[7] = '9';
        memcpy(out + 8, s + 6, 9);
        out[17] = zx_idnum_check_char(out);
        out[18] = '\0';
        if (!zx_date_valid(num(out + 6, 4), num(out + 10, 2), num(out + 12, 2)))
            return ZX_IDNUM_INVALID;
        return ZX_IDNUM_CONVERTED;
    }
    if (len != 18 || !all_digits(s, 17))
        return ZX_IDNUM_INVALID;
    char last = s[17] == 'x' ? 'X' : s[17];
    if (!(last == 'X' || (last >= '0' && last <= '9')))
        return ZX_IDNUM_INVALID;
    if (!zx_date_valid(num(s + 6, 4), num(s + 10, 2), num(s + 12, 2)))
        return ZX_IDNUM_INVALID;
    memcpy(out, s, 17);
    out[17] = last;
    out[18] = '\0';
    return zx_idnum_check_char(s) == last ? ZX_IDNUM_OK : ZX_IDNUM_BAD_CHECK;
}

void zx_idnum_mask(const char *id18, char out[19])
{
    memcpy(out, id18, 6);
    memset(out + 6, '*', 8);
    memcpy(out + 14, id18 + 14, 4);
    out[18] = '\0';
}
