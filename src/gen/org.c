/* org.c — the province: units, staff with departments and roles, and institutions. */
#include "gen/internal.h"

#include <stdio.h>
#include <stdlib.h>

enum { L_PROVINCE = 2, L_CITY = 3, L_COUNTY = 4, L_DISPATCHED = 5 };
enum { R_PROSECUTOR = 1, R_ASSISTANT, R_CLERK, R_HEAD, R_DEPUTY, R_CHIEF, R_COMMITTEE };
enum { I_PRISON = 1, I_DETENTION, I_CORRECTIONS };

/* A county-level unit: name, kind (0 district 区, 1 county 县, 2 county-level city 市). */
struct county_def {
    const char *name;
    int kind;
};

static const struct city_def {
    const char *name; /* without 市 */
    const char *abbr;
    int code;
    double pop;
    struct county_def counties[8];
} cities[] = {
    {"泓州",
     "泓",
     470100,
     3.0,
     {{"东城", 0},
      {"西湖", 0},
      {"江滨", 0},
      {"永安", 1},
      {"长乐", 1},
      {"龙泉", 1},
      {"凤台", 1},
      {"金川", 2}}},
    {"青阳",
     "青",
     470200,
     1.6,
     {{"青山", 0}, {"南湖", 0}, {"玉山", 1}, {"桃源", 1}, {"柳林", 1}, {"松阳", 2}}},
    {"临川", "临", 470300, 1.4, {{"临江", 0}, {"梅岭", 1}, {"兰亭", 1}, {"竹溪", 1}, {"荷塘", 1}}},
    {"梧江", "梧", 470400, 1.2, {{"梧桐", 0}, {"新安", 1}, {"广德", 1}, {"崇文", 1}, {"明德", 2}}},
    {"安平", "安", 470500, 1.1, {{"安东", 0}, {"仁和", 1}, {"礼泉", 1}, {"信丰", 1}}},
    {"丰源",
     "丰",
     470600,
     1.0,
     {{"丰城", 0}, {"文昌", 1}, {"武陵", 1}, {"平江", 1}, {"高桥", 1}, {"双峰", 2}}},
    {"白沙", "白", 470700, 0.8, {{"白石", 0}, {"三江", 1}, {"五华", 1}, {"六合", 1}}},
    {"宁远", "宁", 470800, 0.9, {{"宁西", 0}, {"七星", 1}, {"九龙", 1}}},
    {"云溪", "云", 470900, 0.7, {{"云中", 0}, {"清溪", 1}, {"石桥", 1}, {"北塘", 1}, {"河口", 1}}},
};

#define N(a) (int)(sizeof a / sizeof a[0])

/* Case volume of each business by unit level (rows: province, city, county, dispatched). */
static const double level_weight[4][ZX_GEN__NBIZ + 1] = {
    /*      ord   major duty  econ  exec  civil admin pil   juv   compl */
    {0, 0.00, 0.10, 0.15, 0.05, 0.02, 0.15, 0.15, 0.03, 0.00, 0.08},
    {0, 0.25, 1.00, 1.00, 0.60, 0.30, 1.00, 1.00, 0.40, 0.30, 0.60},
    {0, 1.00, 0.15, 0.30, 0.70, 0.80, 0.60, 0.60, 1.00, 1.00, 1.00},
    {0, 0.00, 0.00, 0.00, 0.00, 4.00, 0.00, 0.00, 0.00, 0.00, 0.30},
};

/* Case mix by business (shares of all cases), used to size staff. */
static const double biz_share[ZX_GEN__NBIZ + 1] = {0,    0.54, 0.06, 0.012, 0.08, 0.07,
                                                   0.07, 0.05, 0.04, 0.04,  0.038};

/* Department handling each business, by level group (0 province/city, 1 county, 2 dispatched). */
static const char *const dept_of[3][ZX_GEN__NBIZ + 1] = {
    {NULL, "第一检察部", "第二检察部", "第三检察部", "第四检察部", "刑事执行检察部", "第五检察部",
     "第六检察部", "第七检察部", "第八检察部", "控告申诉检察部"},
    {NULL, "第一检察部", "第一检察部", "第一检察部", "第一检察部", "刑事执行检察部", "第三检察部",
     "第三检察部", "第四检察部", "第二检察部", "控告申诉检察部"},
    {NULL, "第一检察部", "第一检察部", "第一检察部", "第一检察部", "刑事执行检察部", NULL, NULL,
     NULL, NULL, "控告申诉检察部"},
};

static int level_row(int level)
{
    return level == L_PROVINCE ? 0 : level == L_CITY ? 1 : level == L_COUNTY ? 2 : 3;
}

static int dept_group(int level)
{
    return level == L_COUNTY ? 1 : level == L_DISPATCHED ? 2 : 0;
}

static void add_unit(struct zx_gen *g, int code, const char *name, const char *place,
                     const char *abbr, int level, int parent, double size)
{
    struct zx_gen__unit *u = &g->units[g->nunits];
    memset(u, 0, sizeof *u);
    snprintf(u->id, sizeof u->id, "U%06d", code);
    snprintf(u->code, sizeof u->code, "%06d", code);
    snprintf(u->name, sizeof u->name, "%s", name);
    snprintf(u->place, sizeof u->place, "%s", place);
    snprintf(u->abbr, sizeof u->abbr, "%s", abbr);
    u->level = level;
    u->parent = parent;
    u->city = level == L_CITY ? g->nunits : parent >= 0 ? g->units[parent].city : -1;
    u->detention = u->corrections = -1;
    for (int b = 1; b <= ZX_GEN__NBIZ; b++) {
        u->weight[b] = level_weight[level_row(level)][b] * size;
        u->heads[b] = -1;
    }
    g->nunits++;
}

static void build_units(struct zx_gen *g)
{
    char name[96], place[48], abbr[16];
    add_unit(g, 470000, "澜江省人民检察院", "澜江省", "澜", L_PROVINCE, -1, 2.0);
    for (int c = 0; c < N(cities); c++) {
        const struct city_def *cd = &cities[c];
        int ci = g->nunits;
        snprintf(name, sizeof name, "%s市人民检察院", cd->name);
        snprintf(place, sizeof place, "%s市", cd->name);
        add_unit(g, cd->code, name, place, cd->abbr, L_CITY, 0, cd->pop);
        int district = 2, county = 21, cityish = 81;
        for (int k = 0; k < 8 && cd->counties[k].name; k++) {
            const struct county_def *k_ = &cd->counties[k];
            double size = cd->pop * (0.35 + 0.5 * zx_gen__unit(&g->rng));
            int code;
            if (k_->kind == 0) {
                code = cd->code + district++;
                snprintf(place, sizeof place, "%s市%s区", cd->name, k_->name);
                snprintf(abbr, sizeof abbr, "%s", k_->name);
                size *= 1.4; /* city districts are busier */
            } else {
                code = cd->code + (k_->kind == 1 ? county++ : cityish++);
                snprintf(place, sizeof place, "%s%s", k_->name, k_->kind == 1 ? "县" : "市");
                snprintf(abbr, sizeof abbr, "%s", k_->name);
            }
            snprintf(name, sizeof name, "%s人民检察院", place);
            add_unit(g, code, name, place, abbr, L_COUNTY, ci, size);
            struct zx_gen__unit *cu = &g->units[ci];
            if (cu->nresidence < 8 && (k_->kind == 0 || cu->nresidence < 2))
                cu->residence[cu->nresidence++] = code;
            struct zx_gen__unit *ku = &g->units[g->nunits - 1];
            ku->residence[ku->nresidence++] = code;
        }
        if (c == 0) /* the prison procuratorate (刑事执行派出院) of the capital */
            add_unit(g, cd->code + 90, "青山监狱地区人民检察院", "青山监狱地区", "青狱",
                     L_DISPATCHED, ci, 1.0);
    }
    /* residents: the province's and the dispatched unit's people come from the capital */
    struct zx_gen__unit *root = &g->units[0];
    for (int c = 1; c < g->nunits; c++) {
        struct zx_gen__unit *u = &g->units[c];
        if (u->level == L_CITY && root->nresidence < 8)
            root->residence[root->nresidence++] = u->residence[0];
        if (u->level == L_DISPATCHED)
            for (int k = 0; k < g->units[u->parent].nresidence; k++)
                u->residence[u->nresidence++] = g->units[u->parent].residence[k];
    }
}

static double unit_share(const struct zx_gen *g, int u, const double *total)
{
    double e = 0;
    for (int b = 1; b <= ZX_GEN__NBIZ; b++)
        if (total[b] > 0)
            e += biz_share[b] * g->units[u].weight[b] / total[b];
    return e;
}

static int add_staff(struct zx_gen *g, int u, int role, const char *dept)
{
    struct zx_gen__staff *s = &g->staff[g->nstaff];
    s->unit = u;
    s->role = role;
    s->leader = role == R_DEPUTY || role == R_CHIEF || role == R_COMMITTEE;
    s->dept = dept;
    s->skill = zx_gen__unit(&g->rng) - 0.5;
    int gender = zx_gen__chance(&g->rng, 0.46) ? 2 : 1;
    zx_gen__person_name(&g->rng, gender, s->name);
    return g->nstaff++;
}

static int push_handler(struct zx_gen__unit *u, int b, int staff)
{
    int *p = realloc(u->handlers[b], (size_t)(u->nhandlers[b] + 1) * sizeof *p);
    if (!p)
        return -1;
    u->handlers[b] = p;
    p[u->nhandlers[b]++] = staff;
    return 0;
}

/* Staff of unit u: leaders, then each department sized by its share of the unit's cases. */
static int build_staff(struct zx_gen *g, int u, int total)
{
    struct zx_gen__unit *un = &g->units[u];
    int grp = dept_group(un->level);
    int ndep = un->level == L_PROVINCE ? 5 : un->level == L_CITY ? 4 : 3;
    /* committee members: two at the province, one at a city or county, none at a 派出院 */
    int ncom = un->level == L_PROVINCE ? 2 : un->level == L_DISPATCHED ? 0 : 1;
    un->leaders[un->nleaders++] = add_staff(g, u, R_CHIEF, "院领导");
    for (int i = 0; i < ndep; i++)
        un->leaders[un->nleaders++] = add_staff(g, u, R_DEPUTY, "院领导");
    for (int i = 0; i < ncom; i++)
        un->leaders[un->nleaders++] = add_staff(g, u, R_COMMITTEE, "院领导");

    double wsum = 0;
    for (int b = 1; b <= ZX_GEN__NBIZ; b++)
        if (dept_of[grp][b])
            wsum += un->weight[b] * biz_share[b];
    int handling = total * 4 / 5;
    /* one pass per distinct department, in business order */
    for (int b = 1; b <= ZX_GEN__NBIZ; b++) {
        const char *d = dept_of[grp][b];
        if (!d || un->weight[b] <= 0)
            continue;
        int seen = 0;
        for (int b2 = 1; b2 < b; b2++)
            if (dept_of[grp][b2] == d && un->weight[b2] > 0)
                seen = 1;
        if (seen)
            continue;
        double w = 0;
        for (int b2 = b; b2 <= ZX_GEN__NBIZ; b2++)
            if (dept_of[grp][b2] == d)
                w += un->weight[b2] * biz_share[b2];
        int n = (int)(handling * w / wsum + 0.5);
        if (n < 4)
            n = 4;
        int head = add_staff(g, u, R_HEAD, d);
        for (int i = 1; i < n; i++) {
            double x = zx_gen__unit(&g->rng);
            int role = i == 1 || x < 0.45 ? R_PROSECUTOR : x < 0.8 ? R_ASSISTANT : R_CLERK;
            int s = add_staff(g, u, role, d);
            if (role == R_PROSECUTOR)
                for (int b2 = b; b2 <= ZX_GEN__NBIZ; b2++)
                    if (dept_of[grp][b2] == d && un->weight[b2] > 0 && push_handler(un, b2, s))
                        return -1;
        }
        for (int b2 = b; b2 <= ZX_GEN__NBIZ; b2++)
            if (dept_of[grp][b2] == d)
                un->heads[b2] = head;
    }
    /* support departments handle no cases; 案件管理部 keeps one prosecutor for 流程监控 */
    static const char *const support[] = {"案件管理部", "办公室", "检务督察部"};
    int nsup = un->level == L_COUNTY || un->level == L_DISPATCHED ? 2 : 3;
    for (int k = 0; k < nsup; k++) {
        int n = 3 + (total - handling) / (nsup * 2);
        add_staff(g, u, R_HEAD, support[k]);
        for (int i = 1; i < n; i++)
            add_staff(g, u,
                      i == 1 && k == 0               ? R_PROSECUTOR
                      : zx_gen__chance(&g->rng, 0.5) ? R_ASSISTANT
                                                     : R_CLERK,
                      support[k]);
    }
    return 0;
}

static void add_inst(struct zx_gen *g, const char *name, int kind, int unit)
{
    struct zx_gen__inst *in = &g->inst[g->ninst];
    snprintf(in->id, sizeof in->id, "IN%04d", g->ninst + 1);
    snprintf(in->name, sizeof in->name, "%s", name);
    in->kind = kind;
    in->unit = unit;
    if (kind == I_PRISON && g->nprisons < N(g->prisons))
        g->prisons[g->nprisons++] = g->ninst;
    g->ninst++;
}

static void build_institutions(struct zx_gen *g)
{
    char name[96];
    int dispatched = -1;
    for (int u = 0; u < g->nunits; u++)
        if (g->units[u].level == L_DISPATCHED)
            dispatched = u;
    static const char *const central[] = {"澜江省青山监狱", "澜江省泓州监狱", "澜江省女子监狱",
                                          "澜江省未成年犯管教所"};
    for (int i = 0; i < N(central); i++)
        add_inst(g, central[i], I_PRISON, dispatched >= 0 ? dispatched : 1);
    for (int u = 0; u < g->nunits; u++) {
        struct zx_gen__unit *un = &g->units[u];
        if (un->level == L_CITY && u != 1) {
            snprintf(name, sizeof name, "澜江省%.*s监狱", (int)(strlen(un->place) - 3), un->place);
            add_inst(g, name, I_PRISON, u);
        }
        if (un->level == L_CITY || un->level == L_COUNTY) {
            snprintf(name, sizeof name, "%s看守所", un->place);
            un->detention = g->ninst;
            add_inst(g, name, I_DETENTION, u);
        }
        if (un->level == L_COUNTY) {
            snprintf(name, sizeof name, "%s社区矫正管理局", un->place);
            un->corrections = g->ninst;
            add_inst(g, name, I_CORRECTIONS, u);
        }
    }
    /* a case of a city or the province is served in the capital's institutions */
    for (int u = 0; u < g->nunits; u++) {
        struct zx_gen__unit *un = &g->units[u];
        int c = un->city >= 0 ? un->city : 1;
        if (un->detention < 0)
            un->detention = g->units[c].detention;
        if (un->corrections < 0)
            un->corrections = g->units[c + 1].corrections; /* its first district */
    }
}

int zx_gen__org_build(struct zx_gen *g, struct zx_err *err)
{
    int nmax = 2 + N(cities) * 9;
    g->units = calloc((size_t)nmax, sizeof *g->units);
    if (!g->units)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    build_units(g);

    double total[ZX_GEN__NBIZ + 1] = {0};
    for (int u = 0; u < g->nunits; u++)
        for (int b = 1; b <= ZX_GEN__NBIZ; b++)
            total[b] += g->units[u].weight[b];

    /* staff: ~4,000 over the province, at least a working core per unit */
    int sizes[2 + N(cities) * 9], nstaff = 0;
    for (int u = 0; u < g->nunits; u++) {
        int base = g->units[u].level == L_PROVINCE ? 90
                   : g->units[u].level == L_CITY   ? 45
                   : g->units[u].level == L_COUNTY ? 22
                                                   : 18;
        sizes[u] = base + (int)(3000 * unit_share(g, u, total));
        nstaff += sizes[u] + 64; /* leaders and minimum department sizes on top */
    }
    g->staff = calloc((size_t)nstaff, sizeof *g->staff);
    g->inst = calloc((size_t)(g->nunits * 3 + 16), sizeof *g->inst);
    if (!g->staff || !g->inst)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int u = 0; u < g->nunits; u++)
        if (build_staff(g, u, sizes[u]))
            return zx_err_set(err, ZX_ENOMEM, "out of memory");

    /* quality factor, centred on the case-weighted mean so province rates stay calibrated */
    double mean = 0, wsum = 0;
    for (int u = 0; u < g->nunits; u++) {
        double s = unit_share(g, u, total);
        g->units[u].q = 2 * zx_gen__unit(&g->rng) - 1;
        mean += s * g->units[u].q;
        wsum += s;
    }
    for (int u = 0; u < g->nunits; u++) {
        double q = g->units[u].q - mean / wsum;
        g->units[u].q = q < -1 ? -1 : q > 1 ? 1 : q;
    }

    for (int b = 1; b <= ZX_GEN__NBIZ; b++) {
        g->unit_cdf[b] = malloc((size_t)g->nunits * sizeof(double));
        if (!g->unit_cdf[b])
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        double acc = 0;
        for (int u = 0; u < g->nunits; u++) {
            if (g->units[u].nhandlers[b] > 0)
                acc += g->units[u].weight[b];
            g->unit_cdf[b][u] = acc;
        }
    }
    build_institutions(g);
    return ZX_OK;
}

void zx_gen__org_free(struct zx_gen *g)
{
    for (int u = 0; g->units && u < g->nunits; u++)
        for (int b = 0; b <= ZX_GEN__NBIZ; b++)
            free(g->units[u].handlers[b]);
    for (int b = 0; b <= ZX_GEN__NBIZ; b++)
        free(g->unit_cdf[b]);
    free(g->units);
    free(g->staff);
    free(g->inst);
}

static const char *const level_code[] = {NULL,   "supreme", "province",
                                         "city", "county",  "dispatched"};
static const char *const role_code[] = {NULL,   "prosecutor",   "assistant", "clerk",
                                        "head", "deputy_chief", "chief",     "committee_member"};
static const char *const inst_code[] = {NULL, "prison", "detention_house", "community_corrections"};

void zx_gen__org_write(struct zx_gen *g)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_UNITS];
    zx_gen__puts(o, "unit_id,name,level,parent_id");
    zx_gen__eol(o);
    for (int u = 0; u < g->nunits; u++) {
        zx_gen__bad_due(g, ZX_GEN_UNITS, u);
        const struct zx_gen__unit *un = &g->units[u];
        zx_gen__puts(o, un->id);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, un->name);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, level_code[un->level]);
        zx_gen__putc(o, ',');
        if (un->parent >= 0)
            zx_gen__puts(o, g->units[un->parent].id);
        zx_gen__eol(o);
    }
    zx_gen__bad_due(g, ZX_GEN_UNITS, INT64_MAX);

    o = &g->out[ZX_GEN_STAFF];
    zx_gen__puts(o, "staff_id,unit_id,name,department,role,is_leader");
    zx_gen__eol(o);
    for (int s = 0; s < g->nstaff; s++) {
        zx_gen__bad_due(g, ZX_GEN_STAFF, s);
        const struct zx_gen__staff *st = &g->staff[s];
        zx_gen__put_id(o, "S", (unsigned long long)s + 1, 6);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, g->units[st->unit].id);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, st->name);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, st->dept);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, role_code[st->role]);
        zx_gen__puts(o, st->leader ? ",1" : ",0");
        zx_gen__eol(o);
    }
    zx_gen__bad_due(g, ZX_GEN_STAFF, INT64_MAX);

    o = &g->out[ZX_GEN_INSTITUTIONS];
    zx_gen__puts(o, "institution_id,name,kind,unit_id,region");
    zx_gen__eol(o);
    for (int i = 0; i < g->ninst; i++) {
        zx_gen__bad_due(g, ZX_GEN_INSTITUTIONS, i);
        const struct zx_gen__inst *in = &g->inst[i];
        zx_gen__puts(o, in->id);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, in->name);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, inst_code[in->kind]);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, g->units[in->unit].id);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, g->units[in->unit].code);
        zx_gen__eol(o);
    }
    zx_gen__bad_due(g, ZX_GEN_INSTITUTIONS, INT64_MAX);
}
