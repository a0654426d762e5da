/* date.h — civil dates as day numbers.
 *
 * A date is an int32 count of days since 1970-01-01 (proleptic Gregorian), so differences are
 * subtraction and periods are integer ranges. Parsing accepts the forms of case-data.md §1:
 * YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD and YYYY年M月D日; zx_date_period reads the reporting
 * periods (2024-Q3 …). Depends on err (zx_date_period's message). */
#ifndef ZX_UTIL_DATE_H
#define ZX_UTIL_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define ZX_DATE_NULL INT32_MIN /* stands for an empty (null) date */

/* Days since 1970-01-01 of a valid civil date (no validation). */
int32_t zx_date_from_ymd(int y, int m, int d);

/* Split a day number into year, month, day. */
void zx_date_to_ymd(int32_t days, int *y, int *m, int *d);

/* 1 if y-m-d is a real calendar day in years 1000..9999, else 0. */
int zx_date_valid(int y, int m, int d);

/* Parse s[0..len) in one of the accepted forms into *out. Returns 0 on success, -1 when the
 * text is not a date form, -2 when it has the form but names no real day (2023-02-30). */
int zx_date_parse(const char *s, size_t len, int32_t *out);

/* Write days as YYYY-MM-DD into buf (at least 11 bytes); returns buf. */
char *zx_date_format(int32_t days, char *buf);

/* Add months to a date, keeping the day of month, clamped to the month's last day
 * (2024-01-31 + 1 month = 2024-02-29). */
int32_t zx_date_add_months(int32_t days, int months);

/* Add months the way the courts count a sentence (legal-rules.md §1.1 C4, 法释 on 期间计算):
 * to the same day number; the last day of a month goes to the last day of the target month
 * (2024-02-29 + 1 month = 2024-03-31); a missing day becomes the month's last day. */
int32_t zx_date_add_months_eom(int32_t days, int months);

/* Parse a reporting period (the bulletin's, the inspections'): 2024 (year), 2024-H1 /
 * 2024-H2, 2024-Q3, 2024-07. OUT: inclusive day range and a Chinese label ("2024年第三季度") of at
 * most label_size bytes. ZX_EINVAL with the accepted forms otherwise. */
int zx_date_period(const char *s, int32_t *from, int32_t *to, char *label, size_t label_size,
                   struct zx_err *err) ZX_MUST_CHECK;

/* Today's date in local time. */
int32_t zx_date_today(void);

/* Age in 周岁 on day `on` of someone born on `birth`: full years counted by the calendar,
 * reached on the day AFTER the birthday (最高人民法院关于审理未成年人刑事案件具体应用法律
 * 若干问题的解释 第二条: "从周岁生日的第二天起算"), so on the 18th birthday one is still 17.
 * -1 when either date is ZX_DATE_NULL or on precedes birth. */
int zx_date_age(int32_t birth, int32_t on);

#endif
