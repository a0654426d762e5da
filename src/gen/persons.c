/* persons.c — Chinese person records with realistic errors and known truth, for record
 * linkage (zhixiao dedupe / link).
 *
 * Every person has a name (names.c), a citizen id number with a valid check character, a
 * birth date, often a mobile number and an address. A duplicate is a copy written by
 * another clerk: one changed or two swapped id digits, the old 15-digit id, full-width
 * digits, 同音字 or 形近字 in the given name, given-name characters swapped or one left out,
 * the date in another form or a day/month off, a phone with +86 and dashes, the address
 * with or without its 省/市/区 parts, and missing values. */
#include "gen/internal.h"
#include "util/file.h"
#include "util/date.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* given-name characters that sound alike (同音字, toneless pinyin) */
static const char *const homophones[] = {
    "伟玮炜苇威", "强墙蔷",   "军君均钧", "杰洁捷婕", "涛韬滔",   "斌彬滨",   "明鸣铭",
    "华桦骅",     "飞菲非妃", "鑫新欣馨", "宇雨羽语", "浩昊皓",   "凯楷恺",   "健建剑",
    "俊峻骏浚",   "帆凡繁",   "旭栩煦",   "林琳霖麟", "阳洋扬",   "志智治致", "文雯闻",
    "东冬",       "峰锋丰枫", "成诚程承", "芳方舫",   "敏民闽",   "静婧晶菁", "丽莉立利",
    "艳燕彦雁",   "娟涓",     "霞夏",     "玲铃灵凌", "英瑛莹颖", "萍平苹屏", "红虹鸿宏",
    "婷亭庭廷",   "慧惠蕙辉", "月悦跃越", "云芸韵",   "怡仪宜艺", "琪琦棋祺", "瑶遥",
    "兰岚蓝",     "珍真贞",   "琴勤芹",   "子紫梓",   "思丝斯",   "嘉佳家",   "晓筱",
    "春纯淳",     "永勇泳",   "光广",     "元园源远", "清青晴",   "磊蕾雷",   "龙隆",
};
/* characters of similar shape (形近字) */
static const char *const lookalikes[] = {"王玉", "己已", "未末", "土士", "琳林", "琪棋", "婷廷",
                                         "浩皓", "晓晔", "玲铃", "荣营", "欣忻", "莉荔", "敏每",
                                         "洪江", "杨扬", "润闰", "倩青", "宏宋", "永水"};

static const struct {
    int code;
    const char *name;
} provinces[] = {
    {11, "北京"}, {12, "天津"},   {13, "河北"}, {14, "山西"}, {15, "内蒙古"}, {21, "辽宁"},
    {22, "吉林"}, {23, "黑龙江"}, {31, "上海"}, {32, "江苏"}, {33, "浙江"},   {34, "安徽"},
    {35, "福建"}, {36, "江西"},   {37, "山东"}, {41, "河南"}, {42, "湖北"},   {43, "湖南"},
    {44, "广东"}, {45, "广西"},   {46, "海南"}, {50, "重庆"}, {51, "四川"},   {52, "贵州"},
    {53, "云南"}, {61, "陕西"},   {62, "甘肃"}, {63, "青海"}, {64, "宁夏"},   {65, "新疆"},
};
static const char *const cities[] = {"临江", "青山", "白河", "长宁", "东湖", "南岭",
                                     "西岚", "北塘", "安平", "永和", "清水", "石桥"};
static const char *const districts[] = {"城关", "新华", "和平", "滨江", "开发", "高新",
                                        "红旗", "建设", "人民", "胜利", "文化", "朝阳"};
static const char *const roads[] = {"解放", "人民", "中山", "建国", "文三", "和平", "长江",
                                    "黄河", "友谊", "光明", "幸福", "团结", "健康", "学院",
                                    "新村", "迎宾", "公园", "车站", "东风", "五一"};

#define N(a) (sizeof a / sizeof a[0])

struct person {
    char name[16];
    char id[20];
    int32_t birth;
    char phone[12];
    int prov, city, dist, road, num;
    int has_phone;
};

static size_t cp_decode(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < cap) {
        uint32_t c = *p++;
        if (c >= 0xE0) {
            c = ((c & 0x0F) << 12) | ((uint32_t)(p[0] & 0x3F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if (c >= 0xC0) {
            c = ((c & 0x1F) << 6) | (p[0] & 0x3F);
            p++;
        }
        out[n++] = c;
    }
    return n;
}

static void cp_encode(const uint32_t *cp, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < cap; i++) {
        uint32_t c = cp[i];
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
}

/* Replace c by another member of its group in tab; 0 when c is in no group. */
static uint32_t swap_in_group(struct zx_gen__rng *r, const char *const *tab, size_t ntab,
                              uint32_t c)
{
    for (size_t g = 0; g < ntab; g++) {
        uint32_t m[8];
        size_t n = cp_decode(tab[g], m, 8);
        for (size_t i = 0; i < n; i++)
            if (m[i] == c) {
                size_t j = zx_gen__below(r, (uint32_t)(n - 1));
                return m[j >= i ? j + 1 : j];
            }
    }
    return 0;
}

static void corrupt_name(struct zx_gen__rng *r, char *name)
{
    uint32_t cp[8];
    size_t n = cp_decode(name, cp, 8);
    size_t first = n >= 3 && zx_gen__chance(r, 0.02) ? 2 : 1; /* given name starts here */
    double x = zx_gen__unit(r);
    if (n <= first)
        return;
    size_t k = first + zx_gen__below(r, (uint32_t)(n - first));
    if (x < 0.45) {
        uint32_t c = swap_in_group(r, homophones, N(homophones), cp[k]);
        if (c)
            cp[k] = c;
    } else if (x < 0.65) {
        uint32_t c = swap_in_group(r, lookalikes, N(lookalikes), cp[k]);
        if (c)
            cp[k] = c;
    } else if (x < 0.8 && n == first + 2) {
        uint32_t t = cp[first];
        cp[first] = cp[first + 1];
        cp[first + 1] = t;
    } else if (n == first + 2) {
        for (size_t i = k; i + 1 < n; i++)
            cp[i] = cp[i + 1];
        n--;
    }
    cp_encode(cp, n, name, 16);
}

/* Full-width digits (０-９) for some of the digits of s, into out. */
static void full_width(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 4 < cap; s++) {
        if (*s >= '0' && *s <= '9') {
            out[o++] = (char)0xEF;
            out[o++] = (char)0xBC;
            out[o++] = (char)(0x90 + (*s - '0'));
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
}

static void put_date(struct zx_gen__rng *r, FILE *f, int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    switch (zx_gen__below(r, 6)) {
    case 0:
    case 1:
        fprintf(f, "%04d-%02d-%02d", y, m, dd);
        break;
    case 2:
        fprintf(f, "%04d/%d/%d", y, m, dd);
        break;
    case 3:
        fprintf(f, "%04d.%02d.%02d", y, m, dd);
        break;
    case 4:
        fprintf(f, "%04d年%d月%d日", y, m, dd);
        break;
    default:
        fprintf(f, "%04d%02d%02d", y, m, dd);
        break;
    }
}

static void new_person(struct zx_gen__rng *r, struct person *p)
{
    int gender = zx_gen__chance(r, 0.5) ? 1 : 2;
    zx_gen__person_name(r, gender, p->name);
    p->birth = zx_date_from_ymd(1950, 1, 1) + (int32_t)zx_gen__below(r, 56 * 365);
    p->prov = (int)zx_gen__below(r, N(provinces));
    p->city = (int)zx_gen__below(r, N(cities));
    p->dist = (int)zx_gen__below(r, N(districts));
    p->road = (int)zx_gen__below(r, N(roads));
    p->num = zx_gen__range(r, 1, 999);
    int region = provinces[p->prov].code * 10000 + (p->city + 1) * 100 + p->dist + 1;
    zx_gen__idnum(r, region, p->birth, gender, p->id);
    p->has_phone = zx_gen__chance(r, 0.85);
    snprintf(p->phone, sizeof p->phone, "1%c%09u", "3456789"[zx_gen__below(r, 7)],
             zx_gen__below(r, 1000000000u));
}

/* One record of p; dup: written by another clerk, with errors. */
static void put_record(struct zx_gen__rng *r, FILE *f, const char *rid, const struct person *p,
                       int dup)
{
    char name[16], id[64], buf[160];
    int32_t birth = p->birth;
    memcpy(name, p->name, sizeof name);
    snprintf(id, sizeof id, "%s", p->id);
    int miss_name = 0, miss_id = 0, miss_date = 0;
    if (dup) {
        if (zx_gen__chance(r, 0.5))
            corrupt_name(r, name);
        miss_name = zx_gen__chance(r, 0.03);
        double x = zx_gen__unit(r);
        if (x < 0.2) { /* one changed digit */
            int k = (int)zx_gen__below(r, 17);
            id[k] = (char)('0' + (id[k] - '0' + 1 + (int)zx_gen__below(r, 9)) % 10);
        } else if (x < 0.3) { /* two swapped digits */
            int k = (int)zx_gen__below(r, 16);
            char t = id[k];
            id[k] = id[k + 1];
            id[k + 1] = t;
        } else if (x < 0.45 && id[6] == '1' && id[7] == '9') { /* the old 15-digit number */
            memmove(id + 6, id + 8, 9);
            id[15] = '\0';
        }
        miss_id = zx_gen__chance(r, 0.15);
        x = zx_gen__unit(r);
        if (x < 0.06) {
            birth += zx_gen__chance(r, 0.5) ? 1 : -1;
        } else if (x < 0.1) {
            int y, m, d;
            zx_date_to_ymd(birth, &y, &m, &d);
            if (d <= 12 && zx_date_valid(y, d, m))
                birth = zx_date_from_ymd(y, d, m);
        }
        miss_date = zx_gen__chance(r, 0.05);
    }
    fprintf(f, "%s,", rid);
    if (!miss_name)
        fputs(name, f);
    fputc(',', f);
    if (!miss_id) {
        if (zx_gen__chance(r, dup ? 0.1 : 0.02)) {
            full_width(id, buf, sizeof buf);
            fputs(buf, f);
        } else {
            fputs(id, f);
        }
    }
    fputc(',', f);
    if (!miss_date)
        put_date(r, f, birth);
    fputc(',', f);
    if (p->has_phone && !(dup && zx_gen__chance(r, 0.3))) {
        char ph[16];
        memcpy(ph, p->phone, 12);
        if (dup && zx_gen__chance(r, 0.05))
            ph[3 + zx_gen__below(r, 8)] = (char)('0' + zx_gen__below(r, 10));
        switch (zx_gen__below(r, dup ? 4 : 1)) {
        case 1:
            fprintf(f, "+86 %.3s-%.4s-%.4s", ph, ph + 3, ph + 7);
            break;
        case 2:
            fprintf(f, "%.3s %.4s %.4s", ph, ph + 3, ph + 7);
            break;
        case 3:
            full_width(ph, buf, sizeof buf);
            fputs(buf, f);
            break;
        default:
            fputs(ph, f);
        }
    }
    fputc(',', f);
    if (!(dup && zx_gen__chance(r, 0.15))) {
        int form = dup ? (int)zx_gen__below(r, 3) : 0;
        if (form == 0)
            fprintf(f, "%s省%s市%s区%s路%d号", provinces[p->prov].name, cities[p->city],
                    districts[p->dist], roads[p->road], p->num);
        else if (form == 1)
            fprintf(f, "%s市%s区%s路%d号", cities[p->city], districts[p->dist], roads[p->road],
                    p->num);
        else
            fprintf(f, "%s%s%s%s路%d号", provinces[p->prov].name, cities[p->city],
                    districts[p->dist], roads[p->road], p->num);
    }
    fputc('\n', f);
}

static const char header[] = "rec_id,name,id_number,birth_date,phone,address\n";

/* dir/name, replaced whole (util/file.h); *f is its stream */
static int open_out(const char *dir, const char *name, struct zx_file_out *o, FILE **f,
                    struct zx_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int rc = zx_file_out_open(o, path, 1, err);
    *f = o->f;
    return rc;
}

/* A permutation of 0..n-1 (Fisher–Yates), so record order says nothing about identity. */
static uint32_t *shuffled(struct zx_gen__rng *r, size_t n)
{
    uint32_t *p = malloc((n ? n : 1) * sizeof *p);
    if (!p)
        return NULL;
    for (size_t i = 0; i < n; i++)
        p[i] = (uint32_t)i;
    for (size_t i = n; i > 1; i--) {
        size_t j = zx_gen__below(r, (uint32_t)i);
        uint32_t t = p[i - 1];
        p[i - 1] = p[j];
        p[j] = t;
    }
    return p;
}

int zx_gen_persons(const char *dir, const struct zx_gen_persons_opts *o,
                   struct zx_gen_persons_stats *st, struct zx_err *err)
{
    struct zx_gen__rng r;
    struct person *ps = NULL;
    uint32_t *owner = NULL, *perm = NULL;
    FILE *f = NULL, *t = NULL, *g = NULL; /* the streams of of, ot, og */
    struct zx_file_out of = {0}, ot = {0}, og = {0};
    size_t n = (size_t)o->persons, nrec = 0;
    int rc;

    if (o->persons < 1 || o->persons > 50000000 || !(o->duplicates >= 0 && o->duplicates <= 1))
        return zx_err_set(err, ZX_EINVAL, "--persons must be 1..50000000, --duplicates 0..1");
    if (mkdir(dir, 0777) && errno != EEXIST)
        return zx_err_set(err, ZX_EIO, "cannot create '%s': %s", dir, strerror(errno));
    zx_gen__rng_seed(&r, o->seed ^ 0x3c6ef372fe94f82bull);
    ps = malloc(n * sizeof *ps);
    owner = malloc(3 * n * sizeof *owner);
    if (!ps || !owner) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        new_person(&r, &ps[i]);
        if (i > 0 && zx_gen__chance(&r, 0.02)) {
            /* a namesake born the same day elsewhere: a different person */
            const struct person *q = &ps[zx_gen__below(&r, (uint32_t)i)];
            memcpy(ps[i].name, q->name, sizeof q->name);
            ps[i].birth = q->birth;
            int gender = (ps[i].id[16] - '0') % 2 ? 1 : 2;
            int region =
                provinces[ps[i].prov].code * 10000 + (ps[i].city + 1) * 100 + ps[i].dist + 1;
            zx_gen__idnum(&r, region, ps[i].birth, gender, ps[i].id);
        } else if (i > 0 && zx_gen__chance(&r, 0.03)) {
            /* family: same surname, home and phone as someone before */
            const struct person *q = &ps[zx_gen__below(&r, (uint32_t)i)];
            memcpy(ps[i].phone, q->phone, sizeof q->phone);
            ps[i].has_phone = q->has_phone;
            ps[i].prov = q->prov;
            ps[i].city = q->city;
            ps[i].dist = q->dist;
            ps[i].road = q->road;
            ps[i].num = q->num;
            uint32_t a[8], b[8];
            size_t na = cp_decode(q->name, a, 8), nb = cp_decode(ps[i].name, b, 8);
            if (na && nb) {
                b[0] = a[0];
                cp_encode(b, nb, ps[i].name, 16);
            }
        }
    }
    if (!o->link) {
        /* records: every person once, duplicates of some, one in ten of those twice */
        for (size_t i = 0; i < n; i++) {
            owner[nrec++] = (uint32_t)(i << 1);
            if (zx_gen__chance(&r, o->duplicates)) {
                owner[nrec++] = (uint32_t)(i << 1 | 1);
                if (zx_gen__chance(&r, 0.1))
                    owner[nrec++] = (uint32_t)(i << 1 | 1);
            }
        }
        perm = shuffled(&r, nrec);
        if (!perm) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        if ((rc = open_out(dir, "persons.csv", &of, &f, err)) ||
            (rc = open_out(dir, "truth.csv", &ot, &t, err)))
            goto cleanup;
        fputs(header, f);
        fputs("rec_id,person\n", t);
        for (size_t k = 0; k < nrec; k++) {
            uint32_t w = owner[perm[k]];
            char rid[32];
            snprintf(rid, sizeof rid, "R%08zu", k + 1);
            put_record(&r, f, rid, &ps[w >> 1], (int)(w & 1));
            fprintf(t, "%s,P%u\n", rid, w >> 1);
        }
        rc = zx_file_out_commit(&of, err);
        if (!rc)
            rc = zx_file_out_commit(&ot, err);
    } else {
        /* left: every person once; right: a copy of a share of them, the rest new people */
        struct person extra;
        perm = shuffled(&r, n);
        if (!perm) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        if ((rc = open_out(dir, "left.csv", &of, &f, err)) ||
            (rc = open_out(dir, "right.csv", &og, &g, err)) ||
            (rc = open_out(dir, "truth.csv", &ot, &t, err)))
            goto cleanup;
        fputs(header, f);
        fputs(header, g);
        fputs("left_id,right_id\n", t);
        for (size_t k = 0; k < n; k++) {
            char rid[32];
            snprintf(rid, sizeof rid, "L%08zu", k + 1);
            put_record(&r, f, rid, &ps[k], 0);
        }
        for (size_t k = 0; k < n; k++) {
            char rid[32];
            size_t who = perm[k];
            snprintf(rid, sizeof rid, "Q%08zu", k + 1);
            if (zx_gen__chance(&r, o->duplicates)) {
                put_record(&r, g, rid, &ps[who], 1);
                fprintf(t, "L%08zu,%s\n", who + 1, rid);
            } else {
                new_person(&r, &extra);
                put_record(&r, g, rid, &extra, 0);
            }
        }
        nrec = 2 * n;
        rc = zx_file_out_commit(&of, err);
        if (!rc)
            rc = zx_file_out_commit(&og, err);
        if (!rc)
            rc = zx_file_out_commit(&ot, err);
    }
    if (st)
        st->records = (long long)nrec;
cleanup:
    zx_file_out_abort(&of);
    zx_file_out_abort(&og);
    zx_file_out_abort(&ot);
    free(ps);
    free(owner);
    free(perm);
    return rc;
}
