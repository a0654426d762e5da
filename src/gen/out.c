/* out.c — the PRNG seed and the buffered row writer of the generator. */
#include "gen/internal.h"
#include "util/date.h"

#include <errno.h>
#include <unistd.h>

void zx_gen__rng_seed(struct zx_gen__rng *r, uint64_t seed)
{
    /* splitmix64, as the xoshiro authors recommend, so that seeds 1, 2, 3 are unrelated */
    uint64_t x = seed;
    for (int i = 0; i < 4; i++) {
        uint64_t z = (x += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        r->s[i] = z ^ (z >> 31);
    }
}

void zx_gen__out_flush(struct zx_gen__out *o)
{
    const char *p = o->buf;
    size_t n = o->len;
    while (n > 0 && !o->errnum) {
        ssize_t w = write(o->fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            o->errnum = errno;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    o->bytes += o->len;
    o->len = 0; /* after an error the rest is dropped: the run fails at close anyway */
}

void zx_gen__put_int(struct zx_gen__out *o, long long v)
{
    char tmp[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    zx_gen__put(o, tmp + sizeof tmp - n, (size_t)n);
}

void zx_gen__put_id(struct zx_gen__out *o, const char *prefix, unsigned long long v, int width)
{
    char tmp[32];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        tmp[sizeof tmp - 1 - n++] = '0';
    zx_gen__puts(o, prefix);
    zx_gen__put(o, tmp + sizeof tmp - n, (size_t)n);
}

void zx_gen__put_field(struct zx_gen__out *o, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        zx_gen__puts(o, s);
        return;
    }
    zx_gen__putc(o, '"');
    for (; *s; s++) {
        if (*s == '"')
            zx_gen__putc(o, '"');
        zx_gen__putc(o, *s);
    }
    zx_gen__putc(o, '"');
}

void zx_gen__put_date(struct zx_gen *g, struct zx_gen__out *o, int32_t d, int form)
{
    char buf[32];
    const char *iso;
    if (d >= g->date_lo && d < g->date_hi) {
        iso = g->dates + (size_t)(d - g->date_lo) * 10;
    } else {
        zx_date_format(d, buf);
        iso = buf;
    }
    if (form == 0) {
        zx_gen__put(o, iso, 10);
        return;
    }
    if (form == 1) {
        char t[10];
        memcpy(t, iso, 10);
        t[4] = t[7] = '/';
        zx_gen__put(o, t, 10);
        return;
    }
    /* 2024年3月5日: month and day without leading zeros */
    int m = (iso[5] - '0') * 10 + (iso[6] - '0'), dd = (iso[8] - '0') * 10 + (iso[9] - '0');
    zx_gen__put(o, iso, 4);
    zx_gen__puts(o, "年");
    zx_gen__put_int(o, m);
    zx_gen__puts(o, "月");
    zx_gen__put_int(o, dd);
    zx_gen__puts(o, "日");
}
