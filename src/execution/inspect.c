/* inspect.c — the rules of circuit inspections (inspect.h): §4.1 plan checks, deadlines,
 * coverage and statistics over a snapshot. */
#include "execution/exec.h"
#include "execution/inspect.h"
#include "model/vocab.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XH "《人民检察院巡回检察工作规定》(高检发监字〔2021〕62号)"

enum { LV_PROVINCE = 2, LV_CITY = 3, LV_DISPATCHED = 5 }; /* vocab unit_level values */
enum { K_PRISON = 1, K_DETENTION = 2 };                   /* vocab institution_kind values */

/* The §4.1 table. min_months > 0 replaces min_days; team_about is "about N" (a notice),
 * team_min a hard minimum; working: "generally ≥ N working days" (a notice). */
struct minima {
    int type, kind;      /* kind 0: any institution */
    const char *rule[4]; /* ids of the duration, on-site, team and organiser checks */
    int min_days, min_months, min_onsite, working;
    int team_about, team_min;
    int org_level[2]; /* organiser levels the table names, 0 = any */
    const char *org_zh;
};
#define RULES4(x)                                                                                  \
    {                                                                                              \
        x "-duration", x "-onsite", x "-team", x "-organiser"                                      \
    }
static const struct minima table[] = {
    {ZX_STORE_INSP_ROUTINE,
     K_PRISON,
     RULES4("XH2021-4.1-routine-prison"),
     15,
     0,
     10,
     0,
     10,
     0,
     {LV_CITY, LV_DISPATCHED},
     "设区的市级院或刑事执行派出院"},
    {ZX_STORE_INSP_ROUTINE,
     K_DETENTION,
     RULES4("XH2021-4.1-routine-detention"),
     7,
     0,
     4,
     0,
     5,
     0,
     {LV_CITY, 0},
     "设区的市级院"},
    {ZX_STORE_INSP_CROSS,
     K_PRISON,
     RULES4("XH2021-4.1-cross-prison"),
     0,
     1,
     20,
     0,
     15,
     0,
     {LV_PROVINCE, 0},
     "省级院"},
    {ZX_STORE_INSP_CROSS,
     K_DETENTION,
     RULES4("XH2021-4.1-cross-detention"),
     10,
     0,
     7,
     0,
     7,
     0,
     {LV_PROVINCE, LV_CITY},
     "省级院或市级院"},
    {ZX_STORE_INSP_SPECIAL, 0, RULES4("XH2021-4.1-special"), 0, 0, 0, 3, 0, 3, {0, 0}, NULL},
    {ZX_STORE_INSP_AD_HOC, 0, RULES4("XH2021-4.1-ad-hoc"), 0, 0, 0, 3, 0, 3, {0, 0}, NULL},
};

int zx_insp_working_days(int32_t from, int32_t to)
{
    int n = 0;
    for (int32_t d = from; d <= to; d++) {
        int wd = (int)(((d % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday: 0 = Monday */
        n += wd < 5;
    }
    return n;
}

static int add(struct zx_insp_issue *out, int max, int n, int sev, const char *rule,
               const char *article, const char *msg)
{
    if (n < max) {
        out[n].severity = sev;
        out[n].rule = rule;
        out[n].article = article;
        snprintf(out[n].msg, sizeof out[n].msg, "%s", msg);
    }
    return n + 1;
}

int zx_insp_check_plan(const struct zx_store_insp_plan *p, int team_size, int organiser_level,
                       struct zx_insp_issue *out, int max)
{
    int n = 0;
    char msg[256];
    const char *tl = zx_store_insp_type_label(p->type);
    tl = tl ? tl : "?";
    /* art. 20: never fewer than 2 people inside the cell blocks */
    if (team_size < 2) {
        snprintf(msg, sizeof msg, "%s：进入监区至少2人，检察组%d人", tl, team_size);
        n = add(out, max, n, ZX_INSP_VIOLATION, "XH2021-20-two-persons", XH " 第二十条", msg);
    }
    const struct minima *m = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].type == p->type && (!table[i].kind || table[i].kind == p->inst_kind))
            m = &table[i];
    if (!m)
        return n; /* community corrections: "参照" (art. 48), no numbers to check */
    /* art. 12: a facility with few inmates may shorten the time, filed with the higher level */
    int dur_sev = p->reduced ? ZX_INSP_NOTICE : ZX_INSP_VIOLATION;
    const char *art = p->reduced ? XH
                          " 第十二条（人数较少，缩短时间报上级备案）；legal-rules.md §4.1"
                                 : XH "；legal-rules.md §4.1";
    long days = (long)p->end - p->start + 1;
    if (m->min_days && days < m->min_days) {
        snprintf(msg, sizeof msg, "%s：时间不少于%d日，计划%ld日", tl, m->min_days, days);
        n = add(out, max, n, dur_sev, m->rule[0], art, msg);
    }
    if (m->min_months && p->end + 1 < zx_exec_add_months(p->start, m->min_months)) {
        snprintf(msg, sizeof msg, "%s：时间不少于%d个月，计划%ld日", tl, m->min_months, days);
        n = add(out, max, n, dur_sev, m->rule[0], art, msg);
    }
    if (m->min_onsite && p->onsite_days < m->min_onsite) {
        snprintf(msg, sizeof msg, "%s：现场检察不少于%d日，计划%d日", tl, m->min_onsite,
                 p->onsite_days);
        n = add(out, max, n, dur_sev, m->rule[1], art, msg);
    }
    if (m->working) {
        int wd = zx_insp_working_days(p->start, p->end);
        if (wd < m->working) {
            snprintf(msg, sizeof msg, "%s：一般不少于%d个工作日，计划%d个工作日", tl, m->working,
                     wd);
            n = add(out, max, n, ZX_INSP_NOTICE, m->rule[0], XH "；legal-rules.md §4.1", msg);
        }
    }
    if (m->team_min && team_size < m->team_min) {
        snprintf(msg, sizeof msg, "%s：检察组不少于%d人，现%d人", tl, m->team_min, team_size);
        n = add(out, max, n, ZX_INSP_VIOLATION, m->rule[2], XH "；legal-rules.md §4.1", msg);
    }
    if (m->team_about && team_size < m->team_about) {
        snprintf(msg, sizeof msg, "%s：检察组一般%d人左右，现%d人", tl, m->team_about, team_size);
        n = add(out, max, n, ZX_INSP_NOTICE, m->rule[2], XH "；legal-rules.md §4.1", msg);
    }
    if (m->org_level[0] && organiser_level && organiser_level != m->org_level[0] &&
        organiser_level != m->org_level[1]) {
        const char *lv = zx_vocab_label(ZX_V_UNIT_LEVEL, organiser_level);
        snprintf(msg, sizeof msg, "%s由%s组织，组织院为%s", tl, m->org_zh, lv ? lv : "?");
        n = add(out, max, n, ZX_INSP_NOTICE, m->rule[3], XH "；legal-rules.md §4.1", msg);
    }
    return n;
}

/* ---- deadlines ---- */

int32_t zx_insp_reply_due(int kind, int32_t served)
{
    switch (kind) {
    case ZX_STORE_INSP_ORAL:
        return served + 7; /* RULES 624(2) */
    case ZX_STORE_INSP_CORRECTION_NOTICE:
        return served + 15; /* XH2021 art. 37 */
    case ZX_STORE_INSP_SUGGESTION:
        return zx_exec_add_months(served, 2); /* XH2021 art. 37; JCJY2019 */
    default:
        return ZX_DATE_NULL;
    }
}

int32_t zx_insp_feedback_due(int32_t end)
{
    return end + 30;
}

int32_t zx_insp_followup_due(int32_t end)
{
    return zx_exec_add_months(end, 3);
}

const char *zx_insp_state_label(int state)
{
    switch (state) {
    case ZX_INSP_OPEN:
        return "未到期";
    case ZX_INSP_ANSWERED:
        return "已办结";
    case ZX_INSP_OVERDUE:
        return "已逾期";
    case ZX_INSP_NOT_NEEDED:
        return "无需";
    default:
        return "?";
    }
}

int zx_insp_under(const struct zx_store_insp_db *db, long u, long root)
{
    for (int guard = 0; u >= 0 && guard < 64; guard++) {
        if (u == root)
            return 1;
        u = db->units[u].parent;
    }
    return 0;
}

static long plan_of_finding(const struct zx_store_insp_db *db, const char *finding_id)
{
    long f = zx_store_insp_db_finding(db, finding_id);
    return f < 0 ? -1 : zx_store_insp_db_plan(db, db->findings[f].plan_id);
}

void zx_insp_disp_status(const struct zx_store_insp_db *db, size_t di, int32_t at,
                         struct zx_insp_dstatus *out)
{
    const struct zx_store_insp_disp *d = &db->disps[di];
    memset(out, 0, sizeof *out);
    out->to_unit = -1;
    out->due = zx_insp_reply_due(d->kind, d->served);
    out->article = d->kind == ZX_STORE_INSP_ORAL ? "《人民检察院刑事诉讼规则》第六百二十四条"
                                                 : XH " 第三十七条";
    if (d->reply_on != ZX_DATE_NULL && d->reply_on <= at) {
        out->state = ZX_INSP_ANSWERED;
        out->late = d->reply_on > out->due;
        return;
    }
    if (at <= out->due) {
        out->state = ZX_INSP_OPEN;
        return;
    }
    out->state = ZX_INSP_OVERDUE;
    if (d->kind == ZX_STORE_INSP_ORAL) {
        out->upgrade = 1;
        return;
    }
    out->escalate = 1;
    long p = plan_of_finding(db, d->finding_id);
    long u = p < 0 ? -1 : zx_store_insp_db_unit(db, db->plans[p].unit_id);
    out->to_unit = u < 0 ? -1 : db->units[u].parent;
}

void zx_insp_plan_status(const struct zx_store_insp_db *db, size_t pi, int32_t at,
                         struct zx_insp_pstatus *out)
{
    const struct zx_store_insp_plan *p = &db->plans[pi];
    memset(out, 0, sizeof *out);
    out->followup_plan = -1;
    out->feedback_due = zx_insp_feedback_due(p->end);
    if (p->resident) { /* a resident office's standing record: no feedback meeting (art. 35) */
        out->feedback_state = ZX_INSP_NOT_NEEDED;
    } else if (p->feedback_on != ZX_DATE_NULL && p->feedback_on <= at) {
        out->feedback_state = ZX_INSP_ANSWERED;
        out->feedback_late = p->feedback_on > out->feedback_due;
    } else {
        out->feedback_state = at <= out->feedback_due ? ZX_INSP_OPEN : ZX_INSP_OVERDUE;
    }
    for (size_t i = 0; i < db->nfindings; i++)
        if (!strcmp(db->findings[i].plan_id, p->plan_id)) {
            out->findings++;
            out->rectified +=
                db->findings[i].rectified_on != ZX_DATE_NULL && db->findings[i].rectified_on <= at;
        }
    out->followup_due = zx_insp_followup_due(p->end);
    /* art. 40: only routine and cross inspections, and only when they found something */
    if ((p->type != ZX_STORE_INSP_ROUTINE && p->type != ZX_STORE_INSP_CROSS) ||
        out->findings == 0 || p->resident) {
        out->followup_state = ZX_INSP_NOT_NEEDED;
        return;
    }
    for (size_t i = 0; i < db->nplans; i++)
        if (!strcmp(db->plans[i].followup_of, p->plan_id) && db->plans[i].start <= at &&
            (out->followup_plan < 0 || db->plans[i].start < db->plans[out->followup_plan].start))
            out->followup_plan = (long)i;
    if (out->followup_plan >= 0) {
        out->followup_state = ZX_INSP_ANSWERED;
        out->followup_late = db->plans[out->followup_plan].start > out->followup_due;
    } else {
        out->followup_state = at <= out->followup_due ? ZX_INSP_OPEN : ZX_INSP_OVERDUE;
    }
}

/* ---- coverage ---- */

static int year_of(int32_t d)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    return y;
}

void zx_insp_cov_release(struct zx_insp_cov *c)
{
    if (c) {
        free(c->rows);
        memset(c, 0, sizeof *c);
    }
}

int zx_insp_coverage(const struct zx_store_insp_db *db, long unit, int year,
                     struct zx_insp_cov *out, struct zx_err *err)
{
    memset(out, 0, sizeof *out);
    if (unit < 0 || (size_t)unit >= db->nunits)
        return zx_err_setm(err, ZX_EINVAL, ZX_M_NF_SUCH_UNIT);
    out->rows = calloc(db->ninsts ? db->ninsts : 1, sizeof *out->rows);
    if (!out->rows)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (size_t i = 0; i < db->ninsts; i++) {
        if (db->insts[i].unit < 0 || !zx_insp_under(db, db->insts[i].unit, unit))
            continue;
        struct zx_insp_cov_row *r = &out->rows[out->nrows++];
        r->inst = i;
        r->required = db->insts[i].kind == K_PRISON || db->insts[i].kind == K_DETENTION;
        for (size_t t = 0; t < db->ntargets; t++) {
            const struct zx_store_insp_plan *p = &db->plans[db->targets[t].plan];
            if (db->targets[t].inst != i || year_of(p->start) != year || p->resident)
                continue;
            r->routine += p->type == ZX_STORE_INSP_ROUTINE;
            r->cross += p->type == ZX_STORE_INSP_CROSS;
            r->other += p->type == ZX_STORE_INSP_SPECIAL || p->type == ZX_STORE_INSP_AD_HOC;
        }
        r->gap = r->required && !r->routine && !r->cross;
        out->gaps += r->gap;
    }
    /* the provinces the 1/3 cross rule applies to: the unit's own, or those below it */
    for (size_t u = 0; u < db->nunits && out->nprov < sizeof out->prov / sizeof out->prov[0]; u++) {
        if (db->units[u].level != LV_PROVINCE ||
            !(zx_insp_under(db, (long)u, unit) || zx_insp_under(db, unit, (long)u)))
            continue;
        struct zx_insp_cov_prov *pv = &out->prov[out->nprov++];
        pv->unit = (long)u;
        for (size_t i = 0; i < db->ninsts; i++) {
            if (db->insts[i].kind != K_PRISON || db->insts[i].unit < 0 ||
                !zx_insp_under(db, db->insts[i].unit, (long)u))
                continue;
            pv->prisons++;
            int crossed = 0;
            for (size_t t = 0; t < db->ntargets && !crossed; t++) {
                const struct zx_store_insp_plan *p = &db->plans[db->targets[t].plan];
                crossed = db->targets[t].inst == i && p->type == ZX_STORE_INSP_CROSS &&
                          year_of(p->start) == year;
            }
            pv->crossed += crossed;
        }
        /* "≥ 1/3" includes the third itself (CL 99 reading of 以上) */
        pv->gap = pv->crossed * 3 < pv->prisons;
        out->gaps += pv->gap;
    }
    return ZX_OK;
}

/* ---- statistics ---- */

void zx_insp_stats(const struct zx_store_insp_db *db, long unit, int32_t from, int32_t to,
                   int32_t at, struct zx_insp_stats *out)
{
    memset(out, 0, sizeof *out);
    char *inplan = calloc(db->nplans + 1, 1), *seen = calloc(db->ninsts + 1, 1);
    char *catinst = calloc((db->ninsts + 1) * ZX_STORE_INSP_CAT_COUNT_, 1);
    if (!inplan || !seen || !catinst)
        goto cleanup;
    for (size_t i = 0; i < db->nplans; i++) {
        long u = zx_store_insp_db_unit(db, db->plans[i].unit_id);
        inplan[i] = u >= 0 && zx_insp_under(db, u, unit) && db->plans[i].start >= from &&
                    db->plans[i].start <= to && !db->plans[i].resident;
        out->plans += inplan[i];
    }
    for (size_t t = 0; t < db->ntargets; t++)
        if (inplan[db->targets[t].plan] && !seen[db->targets[t].inst]) {
            seen[db->targets[t].inst] = 1;
            out->institutions++;
        }
    for (size_t i = 0; i < db->nfindings; i++) {
        const struct zx_store_insp_finding *f = &db->findings[i];
        long p = zx_store_insp_db_plan(db, f->plan_id);
        if (p < 0 || !inplan[p] || f->category <= 0 || f->category >= ZX_STORE_INSP_CAT_COUNT_)
            continue;
        int rect = f->rectified_on != ZX_DATE_NULL && f->rectified_on <= at;
        out->problems++;
        out->rectified += rect;
        if (!out->by_cat[f->category][0])
            out->categories++;
        out->by_cat[f->category][0]++;
        out->by_cat[f->category][1] += rect;
        long x = zx_store_insp_db_inst(db, f->institution_id);
        if (x >= 0 && !catinst[(size_t)x * ZX_STORE_INSP_CAT_COUNT_ + (size_t)f->category]) {
            catinst[(size_t)x * ZX_STORE_INSP_CAT_COUNT_ + (size_t)f->category] = 1;
            out->by_cat[f->category][2]++;
        }
        /* a kind is new when no earlier finding in scope has the same category and sub */
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++) {
            const struct zx_store_insp_finding *g = &db->findings[j];
            long q = zx_store_insp_db_plan(db, g->plan_id);
            dup = q >= 0 && inplan[q] && g->category == f->category && !strcmp(g->sub, f->sub);
        }
        out->kinds += !dup;
    }
    for (size_t i = 0; i < db->ndisps; i++) {
        long p = plan_of_finding(db, db->disps[i].finding_id);
        if (p < 0 || !inplan[p] || db->disps[i].kind <= 0 ||
            db->disps[i].kind >= ZX_STORE_INSP_DISP_COUNT_)
            continue;
        struct zx_insp_dstatus s;
        zx_insp_disp_status(db, i, at, &s);
        out->disp[db->disps[i].kind]++;
        out->answered += s.state == ZX_INSP_ANSWERED;
        out->open += s.state == ZX_INSP_OPEN;
        out->overdue += s.state == ZX_INSP_OVERDUE;
        out->escalated += s.escalate;
    }
cleanup:
    free(inplan);
    free(seen);
    free(catinst);
}

/* ---- checklists: §4.2 (arts. 8, 15, 16, 31) by §4.4 category ---- */

static const struct zx_insp_check_tmpl prison_items[] = {
    {ZX_STORE_INSP_C_DELIVERY, "收押：交付执行文书齐全、按期收监（刑诉法264条）"},
    {ZX_STORE_INSP_C_RELEASE, "释放：刑满按期释放、释放依据合法"},
    {ZX_STORE_INSP_C_COMMUTATION,
     "减刑、假释：条件、幅度、起始时间、间隔、最低服刑期、程序（实质审查）"},
    {ZX_STORE_INSP_C_TEMP_RELEASE, "暂予监外执行：条件、病情诊断、抄送检察院、收监"},
    {ZX_STORE_INSP_C_SCORING, "计分考核、立功奖惩记录（查阅台账）"},
    {ZX_STORE_INSP_C_SPECIAL_POSTS, "特岗罪犯的选用"},
    {ZX_STORE_INSP_C_OLD_ILL_DISABLED, "老病残罪犯的鉴定"},
    {ZX_STORE_INSP_C_SECURITY, "监管安全：死亡、脱逃、违禁品、混关混押（查看监控、清查违禁品）"},
    {ZX_STORE_INSP_C_EDUCATION, "教育改造与劳动"},
    {ZX_STORE_INSP_C_RIGHTS,
     "被监管人权益：禁闭、戒具、会见通信、控告申诉（个别谈话、收听亲情电话录音）"},
    {ZX_STORE_INSP_C_RESIDENT_OFFICE,
     "派驻检察室履职：每月在岗不少于12个工作日、人员不少于2人、3年轮岗"},
};
static const struct zx_insp_check_tmpl detention_items[] = {
    {ZX_STORE_INSP_C_DELIVERY, "收押与交付执行：余刑三个月以上者30日内送监"},
    {ZX_STORE_INSP_C_CUSTODY_PERIOD, "羁押期限：7日提示、换押、超期羁押"},
    {ZX_STORE_INSP_C_RELEASE, "释放：按期释放、释放依据合法"},
    {ZX_STORE_INSP_C_SECURITY, "监管安全：提讯提解、死亡、脱逃、违禁品、混关混押"},
    {ZX_STORE_INSP_C_RIGHTS, "被监管人权益：戒具、会见、控告申诉；讯问合法性核查"},
    {ZX_STORE_INSP_C_EDUCATION, "罪犯留所服刑的管理"},
    {ZX_STORE_INSP_C_RESIDENT_OFFICE,
     "派驻检察室履职：每月在岗不少于12个工作日、人员不少于2人、3年轮岗"},
};
static const struct zx_insp_check_tmpl community_items[] = {
    {ZX_STORE_INSP_C_DELIVERY, "交付与衔接：法律文书10日内送达、报到"},
    {ZX_STORE_INSP_C_TEMP_RELEASE, "暂予监外执行对象的病情复查与收监"},
    {ZX_STORE_INSP_C_RIGHTS, "外出请假、电子定位期限（每次不超过3个月）"},
    {ZX_STORE_INSP_C_SCORING, "考核奖惩与撤销缓刑、假释的提请"},
};

const struct zx_insp_check_tmpl *zx_insp_checklist(int inst_kind, size_t *n)
{
    switch (inst_kind) {
    case K_PRISON:
        *n = sizeof prison_items / sizeof prison_items[0];
        return prison_items;
    case K_DETENTION:
        *n = sizeof detention_items / sizeof detention_items[0];
        return detention_items;
    default:
        *n = sizeof community_items / sizeof community_items[0];
        return community_items;
    }
}
