/* datasets.c — the external datasets of the demo province (大数据法律监督), derived from a
 * written bundle so that they agree with its convicts and persons: pension payments, civil-
 * servant payroll, detention-house custody, property judgments and court execution filings,
 * occupation bans and business registrations, the community-corrections roster, driving
 * licences, traffic records and medical-insurance visits. Each shipped model (data/models)
 * gets planted hits, near misses on each side of its boundaries (a report on day 10, a
 * delivery on day 30), look-alike people (同名同生日, another id) and dirt in the collided
 * rows (15-digit ids, one-digit typos, 同音字 names, dates in several forms). The manifest
 * lists exactly who each model must find. */
#include "gen/gen.h"
#include "gen/internal.h"

#include "util/csv.h"
#include "util/date.h"
#include "util/idnum.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading the bundle back ---- */

struct table {
    char *buf;
    size_t ncol, nrow;
    char **cells; /* nrow × ncol, NUL-terminated copies */
    char **head;
};

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrow * t->ncol; i++)
        free(t->cells[i]);
    for (size_t i = 0; i < t->ncol; i++)
        free(t->head[i]);
    free(t->cells);
    free(t->head);
    free(t->buf);
    memset(t, 0, sizeof *t);
}

static int table_read(const char *dir, const char *name, struct table *t, struct zx_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    long n;
    if (!f)
        return zx_err_set(err, ZX_EIO, "%s: cannot open", path);
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
        !(t->buf = malloc((size_t)n + 1)) || (n && fread(t->buf, 1, (size_t)n, f) != (size_t)n)) {
        fclose(f);
        return zx_err_set(err, ZX_EIO, "%s: cannot read", path);
    }
    fclose(f);
    struct zx_csv *c = zx_csv_new(t->buf, (size_t)n);
    struct zx_csv_row row;
    size_t cap = 0;
    if (!c)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    int first = 1, rc = ZX_OK;
    while (zx_csv_next(c, &row) == 1) {
        if (first) {
            t->ncol = row.nfields;
            if (!(t->head = calloc(t->ncol, sizeof *t->head)))
                goto oom;
            for (size_t i = 0; i < t->ncol; i++)
                if (!(t->head[i] = strndup(row.f[i].p, row.f[i].len)))
                    goto oom;
            first = 0;
            continue;
        }
        if (row.bad || row.nfields != t->ncol)
            continue;
        if ((t->nrow + 1) * t->ncol > cap) {
            cap = cap ? cap * 2 : t->ncol * 256;
            char **nc = realloc(t->cells, cap * sizeof *nc);
            if (!nc)
                goto oom;
            t->cells = nc;
        }
        for (size_t i = 0; i < t->ncol; i++)
            if (!(t->cells[t->nrow * t->ncol + i] = strndup(row.f[i].p, row.f[i].len)))
                goto oom;
        t->nrow++;
    }
    zx_csv_free(c);
    return rc;
oom:
    zx_csv_free(c);
    return zx_err_set(err, ZX_ENOMEM, "out of memory");
}

static const char *cell(const struct table *t, size_t r, const char *col)
{
    for (size_t i = 0; i < t->ncol; i++)
        if (!strcmp(t->head[i], col))
            return t->cells[r * t->ncol + i];
    return "";
}

static int32_t day(const char *s)
{
    int32_t d;
    return s && *s && zx_date_parse(s, strlen(s), &d) == 0 ? d : ZX_DATE_NULL;
}

/* ---- output ---- */

struct dsout {
    FILE *f;
    long line; /* physical line of the last row written (header = 1) */
};

static int ds_open(const char *dir, const char *name, const char *header, struct dsout *o,
                   struct zx_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    if (!(o->f = fopen(path, "w")))
        return zx_err_set(err, ZX_EIO, "%s: cannot write", path);
    fprintf(o->f, "%s\n", header);
    o->line = 1;
    return ZX_OK;
}

/* one row from fields (NULL ends); each quoted as needed */
static void ds_row(struct dsout *o, const char *const *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            fputc(',', o->f);
        zx_csv_puts(o->f, v[i]);
    }
    fputc('\n', o->f);
    o->line++;
}

static int ds_close(struct dsout *o, struct zx_err *err)
{
    if (o->f && (fflush(o->f) || fclose(o->f))) {
        o->f = NULL;
        return zx_err_set(err, ZX_EIO, "cannot write a dataset");
    }
    o->f = NULL;
    return ZX_OK;
}

static int write_text(const char *dir, const char *name, const char *text, struct zx_err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f))
        return zx_err_set(err, ZX_EIO, "%s: cannot write", path);
    return ZX_OK;
}

/* ---- dirt ---- */

/* A date in one of the forms real exports use. */
static void date_form(struct zx_gen__rng *r, int32_t d, int dirty, char out[24])
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    switch (dirty ? zx_gen__below(r, 4) : 0) {
    case 1:
        snprintf(out, 24, "%04d/%d/%d", y, m, dd);
        break;
    case 2:
        snprintf(out, 24, "%04d年%d月%d日", y, m, dd);
        break;
    case 3:
        snprintf(out, 24, "%04d%02d%02d", y, m, dd);
        break;
    default:
        snprintf(out, 24, "%04d-%02d-%02d", y, m, dd);
    }
}

static void month_form(struct zx_gen__rng *r, int32_t d, int dirty, char out[24])
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    switch (dirty ? zx_gen__below(r, 3) : 0) {
    case 1:
        snprintf(out, 24, "%04d年%d月", y, m);
        break;
    case 2:
        snprintf(out, 24, "%04d%02d", y, m);
        break;
    default:
        snprintf(out, 24, "%04d-%02d", y, m);
    }
}

/* given-name characters that sound alike (同音字) */
static const char *const homo[] = {
    "伟玮炜", "强蔷",   "军君钧", "杰洁捷", "涛韬",   "斌彬",   "明鸣铭", "华桦",   "飞菲",
    "鑫新欣", "宇雨羽", "浩昊皓", "健建剑", "俊峻骏", "林琳霖", "阳洋扬", "志智治", "文雯",
    "东冬",   "峰锋丰", "成诚程", "芳方",   "敏民",   "静婧",   "丽莉利", "艳燕",   "玲铃灵",
    "英瑛莹", "萍平",   "红虹鸿", "婷亭",   "慧惠",   "云芸",   "琪琦",   "兰岚",   "珍真",
    "秀绣",   "平萍",   "国帼",   "荣蓉",   "德得",   "桂贵"};

/* The name with one given-name character replaced by a homophone; 0 when none fits. */
static int homophone(struct zx_gen__rng *r, const char *name, char out[64])
{
    size_t n = strlen(name);
    for (size_t k = n; k >= 6; k -= 3) { /* 3-byte UTF-8 characters after the surname */
        const char *c = name + k - 3;
        for (size_t g = 0; g < sizeof homo / sizeof homo[0]; g++) {
            const char *s = strstr(homo[g], "");
            size_t len = strlen(homo[g]);
            for (size_t i = 0; i + 3 <= len; i += 3)
                if (!memcmp(s + i, c, 3)) {
                    size_t j = (i + 3 * (1 + zx_gen__below(r, (uint32_t)(len / 3 - 1)))) % len;
                    snprintf(out, 64, "%.*s%.3s%s", (int)(k - 3), name, s + j, name + k);
                    return 1;
                }
        }
    }
    snprintf(out, 64, "%s", name);
    return 0;
}

/* One changed digit in the sequence part (positions 15..17): the check digit then fails. */
static void id_typo(struct zx_gen__rng *r, const char *id, char out[24])
{
    snprintf(out, 24, "%s", id);
    if (strlen(id) != 18)
        return;
    int k = 14 + (int)zx_gen__below(r, 3);
    out[k] = (char)('0' + (out[k] - '0' + 1 + (int)zx_gen__below(r, 8)) % 10);
}

/* The legacy 15-digit form (19xx births only). */
static int id15(const char *id, char out[24])
{
    if (strlen(id) != 18 || id[6] != '1' || id[7] != '9')
        return 0;
    snprintf(out, 24, "%.6s%.9s", id, id + 8);
    return 1;
}

/* ---- the province's people ---- */

struct convict {
    const char *id, *cid, *name, *kind, *ikind, *unit, *charge;
    int32_t birth, start, end, release;
    const char *ground;
    int term;
};

struct gen {
    struct zx_gen__rng r;
    int32_t as_of, w0; /* the window the datasets cover: w0 .. as_of */
    struct convict *cv;
    size_t ncv;
    char manifest[1 << 20];
    size_t mlen;
    const char **counties;
    size_t ncounties;
};

static void plant(struct gen *g, const char *model, const char *key, const char *name,
                  const char *note)
{
    if (g->mlen + 512 >= sizeof g->manifest)
        return;
    g->mlen += (size_t)snprintf(g->manifest + g->mlen, sizeof g->manifest - g->mlen,
                                "%s,%s,%s,%s\n", model, key, name, note);
}

static int32_t month_first(int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    return zx_date_from_ymd(y, m, 1);
}

static int age_at(int32_t birth, int32_t d)
{
    int y1, m1, d1, y2, m2, d2;
    zx_date_to_ymd(birth, &y1, &m1, &d1);
    zx_date_to_ymd(d, &y2, &m2, &d2);
    return y2 - y1 - (m2 < m1 || (m2 == m1 && d2 < d1));
}

/* A stranger: a random person of the province. */
static void stranger(struct gen *g, int min_age, int max_age, char name[16], char id[20],
                     int32_t *birth)
{
    int gender = 1 + (int)zx_gen__below(&g->r, 2);
    *birth = g->as_of - 365 * zx_gen__range(&g->r, min_age, max_age) -
             (int32_t)zx_gen__below(&g->r, 365);
    zx_gen__person_name(&g->r, gender, name);
    static const int regions[] = {470102, 470203, 470321, 470402, 470521, 470602, 470702};
    zx_gen__idnum(&g->r, regions[zx_gen__below(&g->r, 7)], *birth, gender, id);
}

/* A look-alike: the same name and birth date, another citizen id (another region). */
static void lookalike(struct gen *g, const struct convict *c, char id[20])
{
    zx_gen__idnum(&g->r, 460105, c->birth, 1, id);
    (void)g;
}

/* The identity as a collided dataset writes it: dirty with some probability. The name is
 * changed only when the id stays exact, so a fuzzy link always has two agreeing fields. */
static void dirty_identity(struct gen *g, const struct convict *c, int dirty, int noid, char id[24],
                           char name[64], char birth[24])
{
    snprintf(id, 24, "%s", c->id);
    snprintf(name, 64, "%s", c->name);
    date_form(&g->r, c->birth, dirty, birth);
    if (!dirty)
        return;
    switch (zx_gen__below(&g->r, noid ? 4 : 3)) {
    case 0:
        if (!id15(c->id, id))
            snprintf(id, 24, "%s", c->id);
        break;
    case 1:
        id_typo(&g->r, c->id, id);
        break;
    case 2:
        homophone(&g->r, c->name, name);
        break;
    default:
        id[0] = '\0'; /* no id in this export: name + birth date only */
    }
}

static int in_custody(const struct convict *c)
{
    return (!strcmp(c->ikind, "prison") || !strcmp(c->ikind, "detention_house")) &&
           (!strcmp(c->kind, "fixed") || !strcmp(c->kind, "criminal_detention") ||
            !strcmp(c->kind, "life") || !strcmp(c->kind, "suspended_death"));
}

/* Month firsts in the window strictly inside [start, end] (end NULL = open). */
static int custody_months(const struct gen *g, const struct convict *c, int32_t *out, int cap)
{
    int n = 0;
    for (int32_t m = month_first(g->w0); m <= g->as_of && n < cap; m = zx_date_add_months(m, 1))
        if (m > c->start && (c->end == ZX_DATE_NULL || m < c->end))
            out[n++] = m;
    return n;
}

static int free_months(const struct gen *g, const struct convict *c, int32_t *out, int cap)
{
    int n = 0;
    for (int32_t m = month_first(g->w0); m <= g->as_of && n < cap; m = zx_date_add_months(m, 1))
        if (m < c->start || (c->end != ZX_DATE_NULL && m > c->end))
            out[n++] = m;
    return n;
}

/* ---- 1, 7: pension payments and civil-servant payroll ---- */

static int gen_payments(struct gen *g, const char *dir, int payroll, struct zx_err *err)
{
    const char *model = payroll ? "paid_while_serving" : "pension_in_custody";
    struct dsout o = {0};
    int rc =
        ds_open(dir, payroll ? "civil_servant_payroll" : "pension_payments",
                payroll ? "流水号,身份证号,姓名,出生日期,工作单位,发放月份,应发金额,发放状态"
                        : "流水号,公民身份号码,姓名,出生日期,发放月份,发放金额,发放状态,经办机构",
                &o, err);
    if (rc)
        return rc;
    long seq = 0;
    int planted = 0, decoy = 0;
    char sq[24], id[24], nm[64], bd[24], mo[24], amt[24];
    int32_t months[64];
    const char *org = payroll ? "澜江省财政厅统发工资中心" : "澜江省社会保险事业局";
    for (size_t i = 0; i < g->ncv; i++) {
        const struct convict *c = &g->cv[i];
        int age = age_at(c->birth, g->as_of);
        if (payroll ? (age < 25 || age >= 58) : age < 62)
            continue;
        if (payroll && zx_gen__below(&g->r, 3))
            continue; /* only some convicts were public employees */
        int custody = in_custody(c);
        int32_t cm[64];
        int ncm = custody ? custody_months(g, c, cm, 64) : 0;
        int hit = custody && ncm >= 2 && planted < 8 && zx_gen__below(&g->r, 3) == 0;
        int nm_ = hit ? (2 + (int)zx_gen__below(&g->r, ncm - 1 < 5 ? ncm - 1 : 5)) : 0;
        int n = hit ? nm_ : free_months(g, c, months, 64);
        int32_t *use = hit ? cm + (ncm - nm_) : months;
        int dirty = hit && zx_gen__below(&g->r, 2);
        for (int k = 0; k < n; k++) {
            dirty_identity(g, c, dirty && k == 0, 1, id, nm, bd);
            snprintf(sq, sizeof sq, "%c%08ld", payroll ? 'G' : 'P', ++seq);
            month_form(&g->r, use[k], dirty, mo);
            snprintf(amt, sizeof amt, "%d.00",
                     payroll ? 6200 + (int)(i % 9) * 310 : 2800 + (int)(i % 13) * 95);
            const char *v[8] = {sq,
                                id,
                                nm,
                                bd,
                                payroll ? "澜江省某县人民政府" : mo,
                                payroll ? mo : amt,
                                payroll ? amt : "正常发放",
                                payroll ? "正常发放" : org};
            ds_row(&o, v, 8);
        }
        if (hit) {
            planted++;
            plant(g, model, c->cid, c->name, dirty ? "dirty identity in the first row" : "exact");
        } else if (custody && ncm >= 1) {
            /* in custody, the payment stopped: rows marked 暂停 are no hit */
            dirty_identity(g, c, 0, 1, id, nm, bd);
            snprintf(sq, sizeof sq, "%c%08ld", payroll ? 'G' : 'P', ++seq);
            month_form(&g->r, cm[0], 0, mo);
            const char *v[8] = {sq,
                                id,
                                nm,
                                bd,
                                payroll ? "澜江省某县人民政府" : mo,
                                payroll ? mo : "0.00",
                                payroll ? "0.00" : "暂停发放",
                                payroll ? "暂停发放" : org};
            ds_row(&o, v, 8);
            if (decoy < 3) {
                /* 同名同生日: another person, paid during this convict's custody */
                char did[20];
                lookalike(g, c, did);
                snprintf(sq, sizeof sq, "%c%08ld", payroll ? 'G' : 'P', ++seq);
                month_form(&g->r, cm[ncm - 1], 0, mo);
                zx_date_format(c->birth, bd);
                const char *w[8] = {sq,
                                    did,
                                    c->name,
                                    bd,
                                    payroll ? "澜江省某市人民医院" : mo,
                                    payroll ? mo : "3100.00",
                                    payroll ? "7400.00" : "正常发放",
                                    payroll ? "正常发放" : org};
                ds_row(&o, w, 8);
                decoy++;
            }
        }
    }
    /* the rest of the province */
    for (int p = 0; p < 120; p++) {
        char sn[16], sid[20];
        int32_t sb;
        stranger(g, payroll ? 25 : 62, payroll ? 57 : 90, sn, sid, &sb);
        zx_date_format(sb, bd);
        for (int32_t m = zx_date_add_months(month_first(g->as_of), -5); m <= g->as_of;
             m = zx_date_add_months(m, 1)) {
            snprintf(sq, sizeof sq, "%c%08ld", payroll ? 'G' : 'P', ++seq);
            month_form(&g->r, m, 0, mo);
            const char *v[8] = {sq,
                                sid,
                                sn,
                                bd,
                                payroll ? "澜江省某乡镇人民政府" : mo,
                                payroll ? mo : "2650.00",
                                payroll ? "5900.00" : "正常发放",
                                payroll ? "正常发放" : org};
            ds_row(&o, v, 8);
        }
    }
    if (!payroll) {
        /* two rows the registration must reject: an impossible month, a broken id */
        const char *b1[8] = {"P99999991", "470102195803021234", "错月份", "1958-03-02", "2025-13",
                             "2650.00",   "正常发放",           org};
        const char *b2[8] = {"P99999992", "4701021958", "坏号码",   "1958-03-02",
                             "2025-05",   "2650.00",    "正常发放", org};
        char key[48];
        ds_row(&o, b1, 8);
        snprintf(key, sizeof key, "pension_payments:%ld", o.line);
        plant(g, "@reject", key, "", "发放月份");
        ds_row(&o, b2, 8);
        snprintf(key, sizeof key, "pension_payments:%ld", o.line);
        plant(g, "@reject", key, "", "公民身份号码");
    }
    return ds_close(&o, err);
}

/* ---- 4: detention-house custody (交付执行) ---- */

static int gen_custody(struct gen *g, const char *dir, struct zx_err *err)
{
    struct dsout o = {0};
    int rc = ds_open(
        dir, "detention_custody",
        "在押编号,身份证号,姓名,出生日期,看守所,入所日期,收到执行通知书日期,出所日期,出所原因", &o,
        err);
    if (rc)
        return rc;
    long seq = 0;
    int planted = 0, edge = 0;
    char sq[24], id[24], nm[64], bd[24], a[24], nt[24], lf[24];
    for (size_t i = 0; i < g->ncv; i++) {
        const struct convict *c = &g->cv[i];
        if (c->start == ZX_DATE_NULL || c->start < g->w0 || c->start > g->as_of - 40 ||
            (strcmp(c->kind, "fixed") && strcmp(c->kind, "life") &&
             strcmp(c->kind, "suspended_death")))
            continue;
        int32_t notice = c->start;
        int long_left = c->end == ZX_DATE_NULL || c->end > zx_date_add_months(notice, 3);
        int hit = long_left && planted < 8 && zx_gen__below(&g->r, 3) == 0;
        int32_t left;
        const char *why = "送监执行";
        if (hit)
            left = zx_gen__below(&g->r, 4) == 0 ? ZX_DATE_NULL
                                                : notice + 31 + (int32_t)zx_gen__below(&g->r, 60);
        else if (edge < 2) {
            left = notice + 30; /* day 30: in time */
            edge++;
        } else
            left = notice + 3 + (int32_t)zx_gen__below(&g->r, 27);
        if (left != ZX_DATE_NULL && left > g->as_of)
            left = ZX_DATE_NULL;
        if (left == ZX_DATE_NULL && !hit) {
            if (g->as_of - notice <= 30)
                continue;
            left = notice + 10;
        }
        if (!long_left && !hit)
            why = "留所代为执行";
        int dirty = hit && zx_gen__below(&g->r, 2);
        dirty_identity(g, c, dirty, 1, id, nm, bd);
        snprintf(sq, sizeof sq, "K%07ld", ++seq);
        date_form(&g->r, notice - 90 - (int32_t)zx_gen__below(&g->r, 120), dirty, a);
        date_form(&g->r, notice, dirty, nt);
        if (left == ZX_DATE_NULL)
            lf[0] = '\0';
        else
            date_form(&g->r, left, dirty, lf);
        const char *v[9] = {
            sq, id, nm, bd, "澜江省看守所", a, nt, lf, left == ZX_DATE_NULL ? "" : why};
        ds_row(&o, v, 9);
        if (hit) {
            planted++;
            plant(g, "delivery_overdue", c->cid, c->name,
                  left == ZX_DATE_NULL ? "still held" : "delivered after day 30");
        }
    }
    return ds_close(&o, err);
}

/* ---- 5: property judgments and execution filings ---- */

static int gen_property(struct gen *g, const char *dir, struct zx_err *err)
{
    struct dsout pj = {0}, ef = {0};
    int rc =
        ds_open(dir, "property_judgments",
                "判决编号,公民身份号码,姓名,出生日期,案号,判决生效日期,罚金,没收财产", &pj, err);
    if (rc ||
        (rc = ds_open(dir, "execution_filings",
                      "立案编号,被执行人身份证号,被执行人,出生日期,执行案号,立案日期", &ef, err))) {
        ds_close(&pj, err);
        return rc;
    }
    long seq = 0;
    int planted = 0, edge = 0;
    char sq[24], id[24], nm[64], bd[24], eff[24], fil[24], cno[64], fine[24];
    for (size_t i = 0; i < g->ncv; i++) {
        const struct convict *c = &g->cv[i];
        if (c->start == ZX_DATE_NULL || c->start < g->w0 + 60 || c->start > g->as_of - 45 ||
            zx_gen__below(&g->r, 5) >= 2)
            continue;
        int32_t e = c->start - 5 - (int32_t)zx_gen__below(&g->r, 15);
        int hit = planted < 8 && zx_gen__below(&g->r, 3) == 0;
        snprintf(sq, sizeof sq, "J%07ld", ++seq);
        int ey, em, ed;
        zx_date_to_ymd(e, &ey, &em, &ed);
        snprintf(cno, sizeof cno, "（%d）澜刑初%ld号", ey, 100 + seq);
        snprintf(fine, sizeof fine, "%d", 2000 * (1 + (int)zx_gen__below(&g->r, 25)));
        zx_date_format(c->birth, bd);
        zx_date_format(e, eff);
        const char *v[8] = {sq, c->id, c->name, bd, cno, eff, fine, ""};
        ds_row(&pj, v, 8);
        int32_t filed = ZX_DATE_NULL;
        if (hit)
            filed =
                zx_gen__below(&g->r, 2) ? ZX_DATE_NULL : e + 31 + (int32_t)zx_gen__below(&g->r, 90);
        else if (edge < 2) {
            filed = e + 30; /* day 30: in time */
            edge++;
        } else
            filed = e + 2 + (int32_t)zx_gen__below(&g->r, 28);
        if (filed != ZX_DATE_NULL && filed > g->as_of)
            filed = ZX_DATE_NULL;
        if (filed != ZX_DATE_NULL) {
            int dirty = hit || zx_gen__below(&g->r, 3) == 0;
            dirty_identity(g, c, dirty, 1, id, nm, bd);
            date_form(&g->r, filed, dirty, fil);
            snprintf(sq, sizeof sq, "E%07ld", seq);
            char eno[80];
            snprintf(eno, sizeof eno, "%.60s执", cno);
            const char *w[6] = {sq, id, nm, bd, eno, fil};
            ds_row(&ef, w, 6);
        }
        if (hit) {
            planted++;
            plant(g, "property_transfer", c->cid, c->name,
                  filed == ZX_DATE_NULL ? "no execution filing" : "filed after day 30");
        }
    }
    rc = ds_close(&pj, err);
    int rc2 = ds_close(&ef, err);
    return rc ? rc : rc2;
}

/* ---- 6: occupation bans and business registrations ---- */

static int gen_bans(struct gen *g, const char *dir, struct zx_err *err)
{
    struct dsout ob = {0}, br = {0};
    int rc = ds_open(dir, "occupation_bans",
                     "文书编号,公民身份号码,姓名,出生日期,禁止从事行业,禁止开始日期,禁止结束日期",
                     &ob, err);
    if (rc || (rc = ds_open(dir, "business_registrations",
                            "登记编号,证件号码,姓名,企业名称,任职类型,所属行业,登记日期,登记状态",
                            &br, err))) {
        ds_close(&ob, err);
        return rc;
    }
    static const char *const trades[] = {"食品", "教育", "医疗", "金融"};
    long seq = 0;
    int planted = 0;
    char sq[24], id[24], nm[64], bd[24], f[24], t[24], rd[24];
    for (size_t i = 0; i < g->ncv; i++) {
        const struct convict *c = &g->cv[i];
        if (c->end == ZX_DATE_NULL || c->end < g->as_of - 4 * 365 || c->end > g->as_of - 60 ||
            zx_gen__below(&g->r, 3))
            continue;
        int32_t from = c->end + 1,
                to = zx_date_add_months(from, 12 * (3 + (int)zx_gen__below(&g->r, 3)));
        int trade = (int)zx_gen__below(&g->r, 4);
        snprintf(sq, sizeof sq, "B%06ld", ++seq);
        zx_date_format(c->birth, bd);
        zx_date_format(from, f);
        zx_date_format(to, t);
        const char *v[7] = {sq, c->id, c->name, bd, trades[trade], f, t};
        ds_row(&ob, v, 7);
        int hit = planted < 8 && zx_gen__below(&g->r, 2) == 0;
        int32_t reg = from + (int32_t)zx_gen__below(&g->r, (uint32_t)(g->as_of - from));
        int dirty = hit && zx_gen__below(&g->r, 2);
        dirty_identity(g, c, dirty, 0, id, nm, bd);
        date_form(&g->r, reg, dirty, rd);
        snprintf(sq, sizeof sq, "R%07ld", seq);
        char co[96];
        snprintf(co, sizeof co, "澜江%s%s有限公司", c->name, hit ? "食品" : "商贸");
        /* a near miss: the banned trade after the ban, or another trade within it */
        const char *w[8] = {sq,
                            id,
                            nm,
                            co,
                            zx_gen__below(&g->r, 2) ? "法定代表人" : "经营者",
                            hit ? trades[trade] : trades[(trade + 1) % 4],
                            rd,
                            "存续"};
        ds_row(&br, w, 8);
        if (hit) {
            planted++;
            plant(g, "occupation_ban", c->cid, c->name, trades[trade]);
        }
    }
    for (int p = 0; p < 150; p++) {
        char sn[16], sid[20];
        int32_t sb;
        stranger(g, 25, 70, sn, sid, &sb);
        snprintf(sq, sizeof sq, "R9%06d", p);
        date_form(&g->r, g->w0 + (int32_t)zx_gen__below(&g->r, (uint32_t)(g->as_of - g->w0)), 0,
                  rd);
        char co[96];
        snprintf(co, sizeof co, "澜江%s商贸有限公司", sn);
        const char *w[8] = {sq,           sid,           sn, co,
                            "法定代表人", trades[p % 4], rd, p % 5 ? "存续" : "注销"};
        ds_row(&br, w, 8);
    }
    rc = ds_close(&ob, err);
    int rc2 = ds_close(&br, err);
    return rc ? rc : rc2;
}

/* ---- 2, 3, 8: community corrections ---- */

struct cc {
    char no[16], id[20], name[64], kind[24], ground[16], charge[160], unit[24];
    int32_t birth, judged, start, end, report;
};

static int gen_cc(struct gen *g, const char *dir, const struct table *persons, struct zx_err *err)
{
    struct dsout ro = {0}, dl = {0}, tr = {0}, mv = {0};
    int rc;
    if ((rc = ds_open(
             dir, "cc_roster",
             "矫正编号,公民身份号码,姓名,出生日期,矫正类别,暂予监外执行情形,罪名,判决生效日期,"
             "矫正开始日期,矫正结束日期,报到日期,监督检察院",
             &ro, err)) ||
        (rc = ds_open(dir, "driving_licences",
                      "档案编号,身份证明号码,姓名,准驾车型,驾驶证状态,状态变更日期", &dl, err)) ||
        (rc = ds_open(dir, "traffic_records",
                      "记录编号,驾驶人身份证号,驾驶人,号牌号码,违法时间,违法行为", &tr, err)) ||
        (rc = ds_open(dir, "medical_visits",
                      "结算编号,参保人身份证号,参保人,出生日期,就诊日期,医疗机构,就诊类型", &mv,
                      err)))
        goto done;
    static const char *const charges[] = {"危险驾驶罪", "交通肇事罪", "盗窃罪",
                                          "诈骗罪",     "故意伤害罪", "危险驾驶罪"};
    int n_roster = 0, p_drive = 0, p_report = 0, p_paper = 0, edge_report = 0;
    long seq = 0;
    char bd[24], j[24], s[24], e[24], rp[24], id[24], nm[64];
    static char ids[220][20];
    /* the roster: suspects of the case data placed under 社区矫正, and convicts on 暂予监外执行 */
    size_t step = persons->nrow / 160 + 1;
    for (size_t pi = 0, k = 0; pi < persons->nrow + g->ncv && n_roster < 220; pi++) {
        struct cc c;
        memset(&c, 0, sizeof c);
        if (pi < persons->nrow) {
            if (pi % step || strcmp(cell(persons, pi, "role"), "suspect") ||
                strlen(cell(persons, pi, "id_number")) != 18 || !*cell(persons, pi, "birth_date"))
                continue;
            snprintf(c.id, sizeof c.id, "%s", cell(persons, pi, "id_number"));
            snprintf(c.name, sizeof c.name, "%s", cell(persons, pi, "name"));
            c.birth = day(cell(persons, pi, "birth_date"));
            snprintf(c.kind, sizeof c.kind, "%s",
                     k % 9 == 0   ? "管制"
                     : k % 7 == 0 ? "假释"
                                  : "缓刑");
            snprintf(c.charge, sizeof c.charge, "%s", charges[k % 6]);
            c.judged =
                g->w0 + 30 + (int32_t)zx_gen__below(&g->r, (uint32_t)(g->as_of - g->w0 - 60));
            c.start = c.judged + 3 + (int32_t)zx_gen__below(&g->r, 5);
            c.end = zx_date_add_months(c.start, 12 + 6 * (int)zx_gen__below(&g->r, 6));
        } else {
            const struct convict *v = &g->cv[pi - persons->nrow];
            if (v->release == ZX_DATE_NULL || v->release < g->w0 - 3 * 365 ||
                (v->end != ZX_DATE_NULL && v->end < g->as_of))
                continue;
            snprintf(c.id, sizeof c.id, "%s", v->id);
            snprintf(c.name, sizeof c.name, "%s", v->name);
            c.birth = v->birth;
            snprintf(c.kind, sizeof c.kind, "暂予监外执行");
            snprintf(c.ground, sizeof c.ground, "保外就医");
            snprintf(c.charge, sizeof c.charge, "%.150s", v->charge);
            c.judged = v->release;
            c.start = v->release + 2;
            c.end = v->end != ZX_DATE_NULL ? v->end : zx_date_add_months(v->release, 60);
        }
        k++;
        if (c.start > g->as_of - 20)
            continue;
        int seen = 0;
        for (int q = 0; q < n_roster && !seen; q++)
            seen = !strcmp(ids[q], c.id);
        if (seen)
            continue;
        snprintf(ids[n_roster], sizeof ids[n_roster], "%s", c.id);
        if (!strcmp(c.kind, "缓刑") && k % 5 == 0) {
            snprintf(c.kind, sizeof c.kind, "暂予监外执行");
            snprintf(c.ground, sizeof c.ground, "保外就医");
        }
        snprintf(c.no, sizeof c.no, "SJ%06d", ++n_roster);
        snprintf(c.unit, sizeof c.unit, "%s", g->counties[k % g->ncounties]);
        /* 3: 报到 within 10 days of the judgment (day 10 is in time) */
        int late = p_report < 8 && strcmp(c.kind, "暂予监外执行") && zx_gen__below(&g->r, 6) == 0;
        if (late)
            c.report = zx_gen__below(&g->r, 3) == 0
                           ? ZX_DATE_NULL
                           : c.judged + 11 + (int32_t)zx_gen__below(&g->r, 30);
        else if (edge_report < 2) {
            c.report = c.judged + 10;
            edge_report++;
        } else
            c.report = c.judged + 1 + (int32_t)zx_gen__below(&g->r, 10);
        if (late) {
            p_report++;
            char key[48];
            snprintf(key, sizeof key, "cc_roster:%s", c.no);
            plant(g, "cc_missed_report", key, c.name,
                  c.report == ZX_DATE_NULL ? "never reported" : "late");
        }
        zx_date_format(c.birth, bd);
        date_form(&g->r, c.judged, k % 3 == 0, j);
        date_form(&g->r, c.start, 0, s);
        zx_date_format(c.end, e);
        if (c.report == ZX_DATE_NULL)
            rp[0] = '\0';
        else
            date_form(&g->r, c.report, k % 4 == 0, rp);
        const char *row[12] = {c.no,     c.id, c.name, bd, c.kind, c.ground,
                               c.charge, j,    s,      e,  rp,     c.unit};
        ds_row(&ro, row, 12);
        struct convict pc = {.id = c.id, .name = c.name, .birth = c.birth};
        char key[48];
        snprintf(key, sizeof key, "cc_roster:%s", c.no);
        /* 2: drivers convicted of 危险驾驶/交通肇事 lose their licence at the judgment */
        if (!strcmp(c.charge, "危险驾驶罪") || !strcmp(c.charge, "交通肇事罪")) {
            int32_t revoked = c.judged + 8 + (int32_t)zx_gen__below(&g->r, 20);
            int hit = p_drive < 8 && revoked + 10 < g->as_of && revoked + 10 < c.end &&
                      zx_gen__below(&g->r, 3) == 0;
            int dirty = hit && zx_gen__below(&g->r, 2);
            dirty_identity(g, &pc, dirty, 0, id, nm, bd);
            snprintf(rp, sizeof rp, "DL%07ld", ++seq);
            date_form(&g->r, revoked, dirty, s);
            const char *l[6] = {rp, id, nm, "C1", !strcmp(c.charge, "危险驾驶罪") ? "吊销" : "注销",
                                s};
            ds_row(&dl, l, 6);
            int32_t drove = hit ? revoked + 1 +
                                      (int32_t)zx_gen__below(
                                          &g->r, (uint32_t)((c.end < g->as_of ? c.end : g->as_of) -
                                                            revoked - 1))
                                : c.judged - 20 - (int32_t)zx_gen__below(&g->r, 200); /* before */
            dirty_identity(g, &pc, dirty, 0, id, nm, bd);
            snprintf(rp, sizeof rp, "TR%07ld", seq);
            date_form(&g->r, drove, dirty, s);
            char plate[32];
            snprintf(plate, sizeof plate, "澜A%05ld", 10000 + seq);
            const char *t[6] = {rp, id, nm, plate, s, "驾驶机动车"};
            ds_row(&tr, t, 6);
            if (hit) {
                p_drive++;
                plant(g, "cc_unlicensed_driving", key, c.name, dirty ? "dirty identity" : "exact");
            }
        } else if (k % 4 == 1) {
            /* a lawful driver under 矫正: a valid licence, a record during 矫正 */
            snprintf(rp, sizeof rp, "DL%07ld", ++seq);
            zx_date_format(c.start, s);
            const char *l[6] = {rp, c.id, c.name, "C1", "正常", s};
            ds_row(&dl, l, 6);
            snprintf(rp, sizeof rp, "TR%07ld", seq);
            zx_date_format(c.start + 5, s);
            char plate[32];
            snprintf(plate, sizeof plate, "澜B%05ld", 10000 + seq);
            const char *t[6] = {rp, c.id, c.name, plate, s, "驾驶机动车"};
            ds_row(&tr, t, 6);
        }
        /* 8: 保外就医 with no medical visit at all since the release */
        if (!strcmp(c.kind, "暂予监外执行") && g->as_of > zx_date_add_months(c.start, 3)) {
            int hit = p_paper < 8 && zx_gen__below(&g->r, 3) == 0;
            int visits = hit ? (int)zx_gen__below(&g->r, 2) : 1 + (int)zx_gen__below(&g->r, 4);
            for (int v = 0; v < visits; v++) {
                int32_t last = c.end < g->as_of ? c.end : g->as_of;
                int32_t when =
                    hit ? c.start - 30 - (int32_t)zx_gen__below(&g->r, 300) /* before */
                        : c.start + (int32_t)zx_gen__below(&g->r, (uint32_t)(last - c.start + 1));
                int dirty = zx_gen__below(&g->r, 3) == 0;
                dirty_identity(g, &pc, dirty, 1, id, nm, bd);
                snprintf(rp, sizeof rp, "MV%07ld", ++seq);
                date_form(&g->r, when, dirty, s);
                const char *m[7] = {rp, id, nm, bd, s, "澜江省人民医院", v ? "住院" : "门诊"};
                ds_row(&mv, m, 7);
            }
            if (hit) {
                p_paper++;
                plant(g, "paper_sentence", key, c.name,
                      visits ? "visits only before release" : "no visit");
            }
        }
    }
    /* the rest of the province: licences, records and visits of strangers */
    for (int p = 0; p < 150; p++) {
        char sn[16], sid[20];
        int32_t sb;
        stranger(g, 20, 75, sn, sid, &sb);
        snprintf(rp, sizeof rp, "DL9%06d", p);
        date_form(&g->r, g->w0 + (int32_t)zx_gen__below(&g->r, 300), 0, s);
        const char *l[6] = {rp, sid, sn, "C1", p % 7 ? "正常" : "吊销", s};
        ds_row(&dl, l, 6);
        snprintf(rp, sizeof rp, "TR9%06d", p);
        date_form(&g->r, g->as_of - (int32_t)zx_gen__below(&g->r, 300), 0, s);
        const char *t[6] = {rp, sid, sn, "澜C00001", s, "超速行驶"};
        ds_row(&tr, t, 6);
        snprintf(rp, sizeof rp, "MV9%06d", p);
        zx_date_format(sb, bd);
        const char *m[7] = {rp, sid, sn, bd, s, "澜江省中医院", "门诊"};
        ds_row(&mv, m, 7);
    }
done:
    if (ro.f)
        ds_close(&ro, err);
    if (dl.f)
        ds_close(&dl, err);
    if (tr.f)
        ds_close(&tr, err);
    if (mv.f)
        ds_close(&mv, err);
    return rc;
}

/* ---- schemas ---- */

struct schema_def {
    const char *name, *title, *source, *key;
    const char *cols; /* "column:field:role[:required]" separated by ';' */
};

static const struct schema_def schemas[] = {
    {"pension_payments", "基本养老金发放明细", "澜江省人力资源和社会保障厅", "serial",
     "流水号:serial:text:1;公民身份号码:id_number:id_number;姓名:name:name:1;出生日期:birth_date:"
     "birth_date;发放月份:pay_month:month:1;发放金额:amount:amount;发放状态:status:code;经办机构:"
     "agency:text"},
    {"civil_servant_payroll", "财政统发工资明细", "澜江省财政厅", "serial",
     "流水号:serial:text:1;身份证号:id_number:id_number;姓名:name:name:1;出生日期:birth_date:"
     "birth_date;工作单位:employer:text;发放月份:pay_month:month:1;应发金额:amount:amount;发放状态:"
     "status:code"},
    {"detention_custody", "看守所在押人员信息", "澜江省公安厅监所管理总队", "custody_no",
     "在押编号:custody_no:text:1;身份证号:id_number:id_number;姓名:name:name:1;出生日期:birth_date:"
     "birth_date;看守所:house:text;入所日期:admitted_on:date;收到执行通知书日期:notice_on:date:1;"
     "出所日期:left_on:date;出所原因:left_reason:text"},
    {"property_judgments", "生效刑事裁判财产性判项", "检察业务应用系统（刑事执行检察部导出）",
     "judgment_no",
     "判决编号:judgment_no:text:1;公民身份号码:id_number:id_number:1;姓名:name:name:1;出生日期:"
     "birth_date:birth_date;案号:case_no:text;判决生效日期:effective_on:date:1;罚金:fine:amount;"
     "没收财产:confiscation:text"},
    {"execution_filings", "刑事裁判涉财产部分执行立案信息", "澜江省高级人民法院执行局", "filing_no",
     "立案编号:filing_no:text:1;被执行人身份证号:id_number:id_number;被执行人:name:name:1;出生日期:"
     "birth_date:birth_date;执行案号:case_no:text;立案日期:filed_on:date:1"},
    {"occupation_bans", "从业禁止与禁止令名单", "澜江省高级人民法院", "doc_no",
     "文书编号:doc_no:text:1;公民身份号码:id_number:id_number:1;姓名:name:name:1;出生日期:birth_"
     "date:"
     "birth_date;禁止从事行业:trade:code:1;禁止开始日期:ban_from:date:1;禁止结束日期:ban_to:date:"
     "1"},
    {"business_registrations", "市场主体登记信息", "澜江省市场监督管理局", "reg_no",
     "登记编号:reg_no:text:1;证件号码:id_number:id_number;姓名:name:name:1;企业名称:company:text;"
     "任职类型:position:code;所属行业:trade:code;登记日期:registered_on:date:1;登记状态:status:"
     "code"},
    {"cc_roster", "社区矫正对象名单", "澜江省司法厅社区矫正管理局", "roster_no",
     "矫正编号:roster_no:text:1;公民身份号码:id_number:id_number:1;姓名:name:name:1;出生日期:"
     "birth_date:birth_date;矫正类别:kind:code:1;暂予监外执行情形:ground:code;罪名:charge:text;"
     "判决生效日期:judged_on:date:1;矫正开始日期:start_on:date:1;矫正结束日期:end_on:date:1;"
     "报到日期:"
     "report_on:date;监督检察院:unit:unit"},
    {"driving_licences", "机动车驾驶证信息", "澜江省公安厅交通警察总队", "file_no",
     "档案编号:file_no:text:1;身份证明号码:id_number:id_number;姓名:name:name:1;准驾车型:class:"
     "text;"
     "驾驶证状态:status:code:1;状态变更日期:status_on:date:1"},
    {"traffic_records", "交通违法与驾驶记录", "澜江省公安厅交通警察总队", "record_no",
     "记录编号:record_no:text:1;驾驶人身份证号:id_number:id_number;驾驶人:name:name:1;号牌号码:"
     "plate:"
     "text;违法时间:record_on:date:1;违法行为:act:text"},
    {"medical_visits", "医保就诊结算记录", "澜江省医疗保障局", "settle_no",
     "结算编号:settle_no:text:1;参保人身份证号:id_number:id_number;参保人:name:name:1;出生日期:"
     "birth_date:birth_date;就诊日期:visit_on:date:1;医疗机构:hospital:text;就诊类型:visit_kind:"
     "code"},
};

static int write_schema(const char *dir, const struct schema_def *s, const char *received,
                        struct zx_err *err)
{
    char text[8192], file[160];
    size_t n =
        (size_t)snprintf(text, sizeof text,
                         "{\n  \"name\": \"%s\",\n  \"title\": \"%s\",\n  \"source\": \"%s\","
                         "\n  \"received_on\": \"%s\",\n  \"key\": \"%s\",\n  \"columns\": [",
                         s->name, s->title, s->source, received, s->key);
    char cols[2048];
    snprintf(cols, sizeof cols, "%s", s->cols);
    int first = 1;
    for (char *save = NULL, *c = strtok_r(cols, ";", &save); c; c = strtok_r(NULL, ";", &save)) {
        char *f = strchr(c, ':'), *r = f ? strchr(f + 1, ':') : NULL,
             *q = r ? strchr(r + 1, ':') : NULL;
        if (!r)
            continue;
        *f++ = '\0';
        *r++ = '\0';
        if (q)
            *q++ = '\0';
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "%s\n    {\"column\": \"%s\", \"field\": \"%s\", \"role\": \"%s\"%s}",
                              first ? "" : ",", c, f, r, q ? ", \"required\": true" : "");
        first = 0;
        if (n >= sizeof text)
            return zx_err_set(err, ZX_ELIMIT, "schema too long");
    }
    snprintf(text + n, sizeof text - n, "\n  ]\n}\n");
    snprintf(file, sizeof file, "%s.schema.json", s->name);
    return write_text(dir, file, text, err);
}

int zx_gen_datasets(const char *bundle, uint64_t seed, int32_t as_of, struct zx_err *err)
{
    struct table cvt = {0}, inst = {0}, chg = {0}, per = {0}, units = {0};
    struct gen *g = NULL;
    char dir[4096], tmp[4200];
    int rc;
    snprintf(dir, sizeof dir, "%s/datasets", bundle);
    snprintf(tmp, sizeof tmp, "%s/datasets.tmp", bundle);
    if ((rc = table_read(bundle, "convicts.csv", &cvt, err)) ||
        (rc = table_read(bundle, "institutions.csv", &inst, err)) ||
        (rc = table_read(bundle, "sentence_changes.csv", &chg, err)) ||
        (rc = table_read(bundle, "persons.csv", &per, err)) ||
        (rc = table_read(bundle, "units.csv", &units, err)))
        goto cleanup;
    if (!(g = calloc(1, sizeof *g)) || !(g->cv = calloc(cvt.nrow + 1, sizeof *g->cv)) ||
        !(g->counties = calloc(units.nrow + 1, sizeof *g->counties))) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    zx_gen__rng_seed(&g->r, seed * 7919 + 104729);
    g->as_of = as_of;
    g->w0 = zx_date_add_months(month_first(as_of), -35);
    for (size_t u = 0; u < units.nrow; u++)
        if (!strcmp(cell(&units, u, "level"), "county"))
            g->counties[g->ncounties++] = cell(&units, u, "unit_id");
    if (!g->ncounties && units.nrow)
        g->counties[g->ncounties++] = cell(&units, 0, "unit_id");
    for (size_t i = 0; i < cvt.nrow; i++) {
        struct convict *c = &g->cv[g->ncv++];
        c->cid = cell(&cvt, i, "convict_id");
        c->id = cell(&cvt, i, "id_number");
        c->name = cell(&cvt, i, "name");
        c->kind = cell(&cvt, i, "sentence_kind");
        c->charge = cell(&cvt, i, "charge");
        c->birth = day(cell(&cvt, i, "birth_date"));
        c->start = day(cell(&cvt, i, "sentence_start"));
        c->term = atoi(cell(&cvt, i, "term_months"));
        c->ikind = "";
        c->unit = "";
        const char *in = cell(&cvt, i, "institution_id");
        for (size_t k = 0; k < inst.nrow; k++)
            if (!strcmp(cell(&inst, k, "institution_id"), in)) {
                c->ikind = cell(&inst, k, "kind");
                c->unit = cell(&inst, k, "unit_id");
            }
        /* as store_datasets.c computes it: start + term − 羁押折抵 − 1 */
        c->end = ZX_DATE_NULL;
        if (c->start != ZX_DATE_NULL && c->term > 0)
            c->end =
                zx_date_add_months(c->start, c->term) - atoi(cell(&cvt, i, "pretrial_days")) - 1;
        c->release = ZX_DATE_NULL;
        c->ground = "";
        if (strlen(c->id) != 18 || c->birth == ZX_DATE_NULL || c->start == ZX_DATE_NULL)
            g->ncv--; /* a planted bad row of the bundle: not a person the datasets know */
    }
    for (size_t k = 0; k < chg.nrow; k++) {
        if (strcmp(cell(&chg, k, "kind"), "temporary_release"))
            continue;
        const char *cid = cell(&chg, k, "convict_id");
        int32_t on = day(cell(&chg, k, "ruled_on"));
        if (on == ZX_DATE_NULL)
            on = day(cell(&chg, k, "proposed_on"));
        for (size_t i = 0; i < g->ncv; i++)
            if (!strcmp(g->cv[i].cid, cid) &&
                (g->cv[i].release == ZX_DATE_NULL || on > g->cv[i].release)) {
                g->cv[i].release = on;
                g->cv[i].ground = cell(&chg, k, "ground");
            }
    }
    if (mkdir(tmp, 0777) && errno != EEXIST) {
        rc = zx_err_set(err, ZX_EIO, "%s: cannot create", tmp);
        goto cleanup;
    }
    g->mlen = (size_t)snprintf(g->manifest, sizeof g->manifest, "model,hit_key,name,note\n");
    if ((rc = gen_payments(g, tmp, 0, err)) || (rc = gen_payments(g, tmp, 1, err)) ||
        (rc = gen_custody(g, tmp, err)) || (rc = gen_property(g, tmp, err)) ||
        (rc = gen_bans(g, tmp, err)) || (rc = gen_cc(g, tmp, &per, err)))
        goto cleanup;
    char received[16];
    zx_date_format(as_of, received);
    for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++)
        if ((rc = write_schema(tmp, &schemas[i], received, err)))
            goto cleanup;
    if ((rc = write_text(tmp, "manifest.csv", g->manifest, err)))
        goto cleanup;
    {
        char cmd[9000];
        /* replace an older datasets folder */
        snprintf(cmd, sizeof cmd, "%s/manifest.csv", dir);
        if (access(cmd, F_OK) == 0) {
            for (size_t i = 0; i < sizeof schemas / sizeof schemas[0]; i++) {
                snprintf(cmd, sizeof cmd, "%s/%s.csv", dir, schemas[i].name);
                unlink(cmd);
                snprintf(cmd, sizeof cmd, "%s/%s.schema.json", dir, schemas[i].name);
                unlink(cmd);
            }
            snprintf(cmd, sizeof cmd, "%s/manifest.csv", dir);
            unlink(cmd);
            rmdir(dir);
        }
        if (rename(tmp, dir)) {
            rc = zx_err_set(err, ZX_EIO, "%s: cannot rename into place", dir);
            goto cleanup;
        }
    }
cleanup:
    table_free(&cvt);
    table_free(&inst);
    table_free(&chg);
    table_free(&per);
    table_free(&units);
    if (g) {
        free(g->cv);
        free(g->counties);
        free(g);
    }
    return rc;
}
