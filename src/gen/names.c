/* names.c — Chinese personal names and citizen id numbers for the generator. */
#include "gen/internal.h"
#include "util/date.h"
#include "util/idnum.h"

/* Common surnames with rough weights (per ten thousand people, 2020 census order). */
static const struct {
    const char *s;
    int w;
} surnames[] = {
    {"王", 710}, {"李", 700}, {"张", 660}, {"刘", 540}, {"陈", 460}, {"杨", 310}, {"黄", 230},
    {"赵", 200}, {"吴", 190}, {"周", 190}, {"徐", 140}, {"孙", 140}, {"马", 120}, {"朱", 110},
    {"胡", 100}, {"郭", 100}, {"何", 90},  {"林", 90},  {"高", 90},  {"罗", 80},  {"郑", 80},
    {"梁", 70},  {"谢", 60},  {"宋", 60},  {"唐", 60},  {"许", 50},  {"韩", 50},  {"邓", 50},
    {"冯", 50},  {"曹", 50},  {"彭", 50},  {"曾", 50},  {"肖", 40},  {"田", 40},  {"董", 40},
    {"潘", 40},  {"袁", 40},  {"蔡", 40},  {"蒋", 40},  {"余", 40},  {"于", 40},  {"杜", 40},
    {"叶", 40},  {"程", 30},  {"魏", 30},  {"苏", 30},  {"吕", 30},  {"丁", 30},  {"任", 30},
    {"卢", 30},  {"姚", 30},  {"沈", 30},  {"钟", 30},  {"姜", 30},  {"崔", 30},  {"谭", 30},
    {"陆", 30},  {"范", 20},  {"汪", 20},  {"廖", 20},  {"石", 20},  {"金", 20},  {"韦", 20},
    {"贾", 20},  {"夏", 20},  {"付", 20},  {"方", 20},  {"邹", 20},  {"熊", 20},  {"白", 20},
    {"孟", 20},  {"秦", 20},  {"邱", 20},  {"侯", 20},  {"江", 20},  {"尹", 20},  {"薛", 20},
    {"闫", 20},  {"段", 20},  {"雷", 20},  {"龙", 10},  {"黎", 10},  {"史", 10},  {"陶", 10},
    {"贺", 10},  {"毛", 10},  {"郝", 10},  {"顾", 10},  {"龚", 10},  {"邵", 10},  {"万", 10},
    {"覃", 10},  {"武", 10},  {"钱", 10},  {"戴", 10},  {"严", 10},  {"莫", 10},  {"孔", 10},
    {"向", 10},  {"常", 10},  {"欧阳", 3}, {"司马", 1}, {"上官", 1}, {"诸葛", 1},
};

static const char *const given_m[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳",
    "建", "国", "志", "文", "海", "东", "峰", "成", "亮", "新", "兵", "剑", "锋", "洪", "振",
    "博", "晨", "毅", "彬", "松", "荣", "权", "庆", "祥", "喜", "发", "福", "贵", "胜", "军"};
static const char *const given_f[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "燕", "萍", "红",
    "婷", "雪", "琳", "晶", "颖", "倩", "洁", "慧", "莉", "丹", "蓉", "梅", "月", "云", "莹",
    "欣", "怡", "悦", "蕾", "薇", "璐", "琪", "婧", "瑶", "兰", "凤", "珍", "琴", "霞", "雯"};
static const char *const given_n[] = {"子", "思", "雨", "嘉", "晓", "金", "春", "小", "天",
                                      "永", "立", "德", "光", "玉", "元", "清", "佳", "一",
                                      "家", "安", "心", "梓", "文", "秋", "海", "少", "志"};

#define N(a) (sizeof a / sizeof a[0])

static const char *pick_surname(struct zx_gen__rng *r)
{
    int total = 0; /* ~100 additions: cheaper than any shared state */
    for (size_t i = 0; i < N(surnames); i++)
        total += surnames[i].w;
    int x = (int)zx_gen__below(r, (uint32_t)total);
    for (size_t i = 0; i < N(surnames); i++) {
        x -= surnames[i].w;
        if (x < 0)
            return surnames[i].s;
    }
    return surnames[0].s;
}

static void cat(char *out, size_t cap, const char *s)
{
    size_t n = strlen(out), m = strlen(s);
    if (n + m < cap) {
        memcpy(out + n, s, m + 1);
    }
}

void zx_gen__person_name(struct zx_gen__rng *r, int gender, char out[16])
{
    const char *const *g = gender == 2 ? given_f : given_m;
    size_t ng = gender == 2 ? N(given_f) : N(given_m);
    out[0] = '\0';
    cat(out, 16, pick_surname(r));
    if (zx_gen__chance(r, 0.72)) {
        /* two characters: the first often a neutral one, the last gendered */
        if (zx_gen__chance(r, 0.5))
            cat(out, 16, given_n[zx_gen__below(r, N(given_n))]);
        else
            cat(out, 16, g[zx_gen__below(r, (uint32_t)ng)]);
    }
    cat(out, 16, g[zx_gen__below(r, (uint32_t)ng)]);
}

void zx_gen__idnum(struct zx_gen__rng *r, int region, int32_t birth, int gender, char out[20])
{
    int y, m, d;
    zx_date_to_ymd(birth, &y, &m, &d);
    int seq = (int)zx_gen__below(r, 500) * 2 + (gender == 2 ? 0 : 1); /* odd = male */
    int v[17] = {region / 100000 % 10,
                 region / 10000 % 10,
                 region / 1000 % 10,
                 region / 100 % 10,
                 region / 10 % 10,
                 region % 10,
                 y / 1000 % 10,
                 y / 100 % 10,
                 y / 10 % 10,
                 y % 10,
                 m / 10,
                 m % 10,
                 d / 10,
                 d % 10,
                 seq / 100,
                 seq / 10 % 10,
                 seq % 10};
    for (int i = 0; i < 17; i++)
        out[i] = (char)('0' + v[i]);
    out[17] = zx_idnum_check_char(out);
    out[18] = '\0';
}

/* Regions of people from other provinces: big cities' districts. */
static const int migrant_regions[] = {110105, 310104, 440106, 510107, 430102, 420102, 360102,
                                      450103, 350102, 330106, 320102, 370102, 410105, 500103};

int zx_gen__region(struct zx_gen *g, int u)
{
    const struct zx_gen__unit *un = &g->units[u];
    if (zx_gen__chance(&g->rng, 0.10))
        return migrant_regions[zx_gen__below(&g->rng, N(migrant_regions))];
    if (un->nresidence == 0 || zx_gen__chance(&g->rng, 0.08)) {
        /* someone from elsewhere in the province */
        int v = (int)zx_gen__below(&g->rng, (uint32_t)g->nunits);
        un = &g->units[v];
        if (un->nresidence == 0)
            un = &g->units[g->nunits - 1];
        if (un->nresidence == 0)
            return 470102;
    }
    return un->residence[zx_gen__below(&g->rng, (uint32_t)un->nresidence)];
}
