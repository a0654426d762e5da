#include "model/vocab.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

struct entry {
    const char *code;
    const char *zh;
    const char *alias; /* another Chinese form accepted on input, or NULL */
};

/* Append-only: stored databases hold the index of each entry. */
static const struct entry unit_level[] = {
    {"supreme", "最高检", "最高人民检察院"},
    {"province", "省级院", NULL},
    {"city", "市级院", NULL},
    {"county", "基层院", NULL},
    {"dispatched", "派出院", NULL},
};
static const struct entry staff_role[] = {
    {"prosecutor", "员额检察官", "检察官"},
    {"assistant", "检察官助理", NULL},
    {"clerk", "书记员", NULL},
    {"head", "部门负责人", NULL},
    {"deputy_chief", "副检察长", NULL},
    {"chief", "检察长", NULL},
    {"committee_member", "检委会专职委员", NULL},
};
static const struct entry line[] = {
    {"criminal", "刑事", "刑事检察"},
    {"civil", "民事", "民事检察"},
    {"administrative", "行政", "行政检察"},
    {"public_interest", "公益诉讼", "公益诉讼检察"},
};
static const struct entry business[] = {
    {"ordinary", "普通犯罪", NULL},   {"major", "重大犯罪", NULL},
    {"duty", "职务犯罪", NULL},       {"economic", "经济犯罪", NULL},
    {"execution", "刑事执行", NULL},  {"civil", "民事", NULL},
    {"administrative", "行政", NULL}, {"public_interest", "公益诉讼", NULL},
    {"juvenile", "未成年人", NULL},   {"complaint", "控告申诉", NULL},
};
static const struct entry case_kind[] = {
    {"by_procedure", "依程序办案", NULL},
    {"by_authority", "依职权监督", NULL},
};
static const struct entry case_source[] = {
    {"transferred", "依程序移送", NULL},
    {"application", "依申请受案", NULL},
    {"self_discovered", "主动发现", NULL},
};
static const struct entry person_role[] = {
    {"suspect", "犯罪嫌疑人/被告人", "犯罪嫌疑人"},
    {"applicant", "申请人", NULL},
    {"victim", "被害人", NULL},
    {"convict", "罪犯", NULL},
    {"other", "其他", NULL},
};
static const struct entry gender[] = {{"M", "男", NULL}, {"F", "女", NULL}};
static const struct entry event_type[] = {
    {"arrest_review", "受理审查逮捕", NULL},
    {"arrest", "批准/决定逮捕", "批准逮捕"},
    {"no_arrest", "不批准/不予逮捕", "不批准逮捕"},
    {"arrest_appeal", "批捕/不批捕申诉", NULL},
    {"no_arrest_reconsideration", "不捕复议", NULL},
    {"no_arrest_review", "不捕复核", NULL},
    {"custody_review", "羁押必要性审查", NULL},
    {"prosecution_review", "受理审查起诉", NULL},
    {"return_investigation", "退回补充侦查/调查", "退回补充侦查"},
    {"extend_review", "延长审查起诉期限", NULL},
    {"change_jurisdiction", "改变管辖", NULL},
    {"plea", "认罪认罚", NULL},
    {"sentencing_proposal", "量刑建议", NULL},
    {"indict", "提起公诉", NULL},
    {"non_prosecution", "不起诉", NULL},
    {"non_prosecution_reconsideration", "不诉复议", NULL},
    {"non_prosecution_review", "不诉复核", NULL},
    {"non_prosecution_appeal", "不诉申诉", NULL},
    {"withdraw_indictment", "撤回起诉", NULL},
    {"judgment", "一审判决", NULL},
    {"proposal_outcome", "量刑建议采纳情况", NULL},
    {"retrial_remand", "发回重审", NULL},
    {"protest", "抗诉", NULL},
    {"protest_outcome", "抗诉审结结果", NULL},
    {"filing_supervision", "立案监督", NULL},
    {"correction_notice", "纠正违法通知书/纠正意见", "纠正违法通知书"},
    {"correction_reply", "纠正违法回复", NULL},
    {"suggestion", "检察建议", NULL},
    {"suggestion_reply", "检察建议回复", NULL},
    {"custody_review_reply", "羁押必要性审查建议回复", NULL},
    {"hearing", "公开听证", NULL},
    {"supervisor_invited", "邀请人民监督员", NULL},
    {"pil_lawsuit", "提起公益诉讼", NULL},
    {"pil_judgment", "公益诉讼裁判", NULL},
    {"recovery", "追赃挽损", NULL},
    {"judicial_aid", "司法救助", NULL},
};
static const struct entry result[] = {
    {"detained", "在押", "羁押"},
    {"not_detained", "未羁押", "非羁押"},
    {"no_crime", "不构成犯罪", NULL},
    {"insufficient_evidence", "证据不足", NULL},
    {"no_necessity", "无逮捕必要", NULL},
    {"upheld", "维持", NULL},
    {"changed", "改变", "改判"},
    {"release_recommended", "建议释放或变更强制措施", NULL},
    {"continue", "继续羁押", NULL},
    {"fixed", "确定刑", NULL},
    {"range", "幅度刑", NULL},
    {"statutory", "法定不起诉", "法定"},
    {"discretionary", "酌定不起诉", "酌定"},
    {"evidentiary", "存疑不起诉", "存疑"},
    {"conditional", "附条件不起诉", "附条件"},
    {"guilty", "有罪判决", "有罪"},
    {"acquitted", "无罪", NULL},
    {"exempted", "免予刑事处罚", NULL},
    {"adopted", "采纳", NULL},
    {"not_adopted", "未采纳", NULL},
    {"remanded", "发回重审", NULL},
    {"mediated", "调解/和解撤诉", "调解"},
    {"file", "监督立案", NULL},
    {"dismiss", "监督撤案", NULL},
    {"investigation", "侦查活动", "侦查"},
    {"trial", "审判活动", "审判"},
    {"enforcement", "执行活动", "执行"},
    {"custody", "监管活动", "监管"},
    {"execution", "刑事执行", NULL},
    {"social_governance", "社会治理", NULL},
    {"retrial", "再审", NULL},
    {"pre_litigation", "诉前", NULL},
    {"other", "其他", NULL},
    {"rectified", "整改到位", NULL},
    {"rejected", "不采纳", "驳回"},
    {"supported", "支持", NULL},
};
static const struct entry inst_kind[] = {
    {"prison", "监狱", NULL},
    {"detention_house", "看守所", NULL},
    {"community_corrections", "社区矫正机构", NULL},
};
static const struct entry sentence_kind[] = {
    {"fixed", "有期徒刑", NULL},
    {"life", "无期徒刑", NULL},
    {"suspended_death", "死缓", "死刑缓期二年执行"},
    {"criminal_detention", "拘役", NULL},
    {"control", "管制", NULL},
};
static const struct entry change_kind[] = {
    {"commutation", "减刑", NULL},
    {"parole", "假释", NULL},
    {"temporary_release", "暂予监外执行", NULL},
};
static const struct entry merit[] = {
    {"r", "确有悔改表现", NULL},
    {"g", "立功表现", NULL},
    {"rg", "确有悔改表现并有立功表现", NULL},
    {"gg", "重大立功表现", NULL},
    {"rgg", "确有悔改表现并有重大立功表现", NULL},
};
static const struct entry ground[] = {
    {"illness", "严重疾病", NULL},
    {"pregnancy", "怀孕或正在哺乳", NULL},
    {"self_care", "生活不能自理", NULL},
};
/* documents.csv (similar-cases.md §1) */
static const struct entry doc_kind[] = {
    {"indictment", "起诉书", NULL},
    {"judgment", "判决书", "刑事判决书"},
    {"non_prosecution", "不起诉决定书", NULL},
    {"other", "其他", NULL},
};
static const struct entry doc_sentence_kind[] = {
    {"fixed", "有期徒刑", "有期"},
    {"criminal_detention", "拘役", NULL},
    {"control", "管制", NULL},
    {"life", "无期徒刑", NULL},
    {"suspended_death", "死缓", "死刑缓期二年执行"},
    {"death", "死刑", NULL},
    {"fine_only", "单处罚金", NULL},
    {"exempted", "免予刑事处罚", "免刑"},
    {"acquitted", "无罪", NULL},
};

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))
static const struct {
    const char *name;
    const struct entry *e;
    int n;
} vocabs[ZX_V_COUNT_] = {
    [ZX_V_UNIT_LEVEL] = {"unit_level", unit_level, N(unit_level)},
    [ZX_V_STAFF_ROLE] = {"staff_role", staff_role, N(staff_role)},
    [ZX_V_LINE] = {"line", line, N(line)},
    [ZX_V_BUSINESS] = {"business", business, N(business)},
    [ZX_V_CASE_KIND] = {"case_kind", case_kind, N(case_kind)},
    [ZX_V_CASE_SOURCE] = {"case_source", case_source, N(case_source)},
    [ZX_V_PERSON_ROLE] = {"person_role", person_role, N(person_role)},
    [ZX_V_GENDER] = {"gender", gender, N(gender)},
    [ZX_V_EVENT_TYPE] = {"event_type", event_type, N(event_type)},
    [ZX_V_RESULT] = {"result", result, N(result)},
    [ZX_V_INST_KIND] = {"institution_kind", inst_kind, N(inst_kind)},
    [ZX_V_SENTENCE_KIND] = {"sentence_kind", sentence_kind, N(sentence_kind)},
    [ZX_V_CHANGE_KIND] = {"change_kind", change_kind, N(change_kind)},
    [ZX_V_MERIT] = {"merit", merit, N(merit)},
    [ZX_V_GROUND] = {"ground", ground, N(ground)},
    [ZX_V_DOC_KIND] = {"doc_kind", doc_kind, N(doc_kind)},
    [ZX_V_DOC_SENTENCE_KIND] = {"doc_sentence_kind", doc_sentence_kind, N(doc_sentence_kind)},
};

#define B(x) (UINT64_C(1) << (x))
static const struct zx_event_type_info type_info[ZX_EV_COUNT_] = {
    [ZX_EV_ARREST_REVIEW] = {'P', 0, B(ZX_R_DETAINED) | B(ZX_R_NOT_DETAINED), 0},
    [ZX_EV_ARREST] = {'P', 0, 0, 0},
    [ZX_EV_NO_ARREST] = {'P', 0,
                         B(ZX_R_NO_CRIME) | B(ZX_R_INSUFFICIENT_EVIDENCE) | B(ZX_R_NO_NECESSITY),
                         0},
    [ZX_EV_ARREST_APPEAL] = {'P', 1, 0, 0},
    [ZX_EV_NO_ARREST_RECONSIDERATION] = {'P', 1, B(ZX_R_UPHELD) | B(ZX_R_CHANGED),
                                         B(ZX_EV_NO_ARREST)},
    [ZX_EV_NO_ARREST_REVIEW] = {'P', 1, B(ZX_R_UPHELD) | B(ZX_R_CHANGED), B(ZX_EV_NO_ARREST)},
    [ZX_EV_CUSTODY_REVIEW] = {'P', 0, B(ZX_R_RELEASE_RECOMMENDED) | B(ZX_R_CONTINUE), 0},
    [ZX_EV_PROSECUTION_REVIEW] = {'P', 0, B(ZX_R_DETAINED) | B(ZX_R_NOT_DETAINED), 0},
    [ZX_EV_RETURN_INVESTIGATION] = {'C', 1, 0, 0},
    [ZX_EV_EXTEND_REVIEW] = {'C', 1, 0, 0},
    [ZX_EV_CHANGE_JURISDICTION] = {'C', 0, 0, 0},
    [ZX_EV_PLEA] = {'P', 0, 0, 0},
    [ZX_EV_SENTENCING_PROPOSAL] = {'P', 0, B(ZX_R_FIXED) | B(ZX_R_RANGE), 0},
    [ZX_EV_INDICT] = {'P', 0, 0, 0},
    [ZX_EV_NON_PROSECUTION] = {'P', 0,
                               B(ZX_R_STATUTORY) | B(ZX_R_DISCRETIONARY) | B(ZX_R_EVIDENTIARY) |
                                   B(ZX_R_CONDITIONAL),
                               0},
    [ZX_EV_NON_PROSECUTION_RECONSIDERATION] = {'P', 1, B(ZX_R_UPHELD) | B(ZX_R_CHANGED),
                                               B(ZX_EV_NON_PROSECUTION)},
    [ZX_EV_NON_PROSECUTION_REVIEW] = {'P', 1, B(ZX_R_UPHELD) | B(ZX_R_CHANGED),
                                      B(ZX_EV_NON_PROSECUTION)},
    [ZX_EV_NON_PROSECUTION_APPEAL] = {'P', 1, B(ZX_R_UPHELD) | B(ZX_R_CHANGED), 0},
    [ZX_EV_WITHDRAW_INDICTMENT] = {'P', 1, 0, 0},
    [ZX_EV_JUDGMENT] = {'P', 0, B(ZX_R_GUILTY) | B(ZX_R_ACQUITTED) | B(ZX_R_EXEMPTED), 0},
    [ZX_EV_PROPOSAL_OUTCOME] = {'P', 0, B(ZX_R_ADOPTED) | B(ZX_R_NOT_ADOPTED),
                                B(ZX_EV_SENTENCING_PROPOSAL)},
    [ZX_EV_RETRIAL_REMAND] = {'C', 1, 0, 0},
    [ZX_EV_PROTEST] = {'C', 0, 0, 0},
    [ZX_EV_PROTEST_OUTCOME] = {'C', 0,
                               B(ZX_R_CHANGED) | B(ZX_R_REMANDED) | B(ZX_R_MEDIATED) |
                                   B(ZX_R_UPHELD),
                               B(ZX_EV_PROTEST)},
    [ZX_EV_FILING_SUPERVISION] = {'C', 0, B(ZX_R_FILE) | B(ZX_R_DISMISS), 0},
    [ZX_EV_CORRECTION_NOTICE] = {'C', 0,
                                 B(ZX_R_INVESTIGATION) | B(ZX_R_TRIAL) | B(ZX_R_ENFORCEMENT) |
                                     B(ZX_R_CUSTODY) | B(ZX_R_EXECUTION),
                                 0},
    [ZX_EV_CORRECTION_REPLY] = {'C', 0, B(ZX_R_ADOPTED) | B(ZX_R_REJECTED),
                                B(ZX_EV_CORRECTION_NOTICE)},
    [ZX_EV_SUGGESTION] = {'C', 0,
                          B(ZX_R_SOCIAL_GOVERNANCE) | B(ZX_R_TRIAL) | B(ZX_R_ENFORCEMENT) |
                              B(ZX_R_RETRIAL) | B(ZX_R_PRE_LITIGATION) | B(ZX_R_EXECUTION) |
                              B(ZX_R_OTHER),
                          0},
    [ZX_EV_SUGGESTION_REPLY] = {'C', 0, B(ZX_R_ADOPTED) | B(ZX_R_RECTIFIED) | B(ZX_R_REJECTED),
                                B(ZX_EV_SUGGESTION)},
    [ZX_EV_CUSTODY_REVIEW_REPLY] = {'P', 0, B(ZX_R_ADOPTED) | B(ZX_R_REJECTED),
                                    B(ZX_EV_CUSTODY_REVIEW)},
    [ZX_EV_HEARING] = {'C', 0, 0, 0},
    [ZX_EV_SUPERVISOR_INVITED] = {'C', 0, 0, 0},
    [ZX_EV_PIL_LAWSUIT] = {'C', 0, 0, 0},
    [ZX_EV_PIL_JUDGMENT] = {'C', 0, B(ZX_R_SUPPORTED) | B(ZX_R_REJECTED), 0},
    [ZX_EV_RECOVERY] = {'C', 0, 0, 0},
    [ZX_EV_JUDICIAL_AID] = {'P', 0, 0, 0},
};

_Static_assert(N(event_type) == ZX_EV_COUNT_ - 1, "event type table and enum disagree");
_Static_assert(N(result) == ZX_R_COUNT_ - 1, "result table and enum disagree");
_Static_assert(ZX_R_COUNT_ <= 64 && ZX_EV_COUNT_ <= 64, "masks are 64-bit");

int zx_vocab_count(enum zx_vocab v)
{
    return (unsigned)v < ZX_V_COUNT_ ? vocabs[v].n : 0;
}

const char *zx_vocab_code(enum zx_vocab v, int val)
{
    if ((unsigned)v >= ZX_V_COUNT_ || val < 1 || val > vocabs[v].n)
        return NULL;
    return vocabs[v].e[val - 1].code;
}

const char *zx_vocab_label(enum zx_vocab v, int val)
{
    if ((unsigned)v >= ZX_V_COUNT_ || val < 1 || val > vocabs[v].n)
        return NULL;
    return vocabs[v].e[val - 1].zh;
}

const char *zx_vocab_name(enum zx_vocab v)
{
    return (unsigned)v < ZX_V_COUNT_ ? vocabs[v].name : NULL;
}

/* Further spellings accepted on input: the labels of shared/spec/case-data.md where they differ
 * from the label shown (the spec names result `trial` 审判违法 for a 检察建议, and a merit
 * 确有悔改 …), and each half of a label written "A/B". Checked against the spec by
 * tests/cli/t120_vocab_spec.sh. */
static const struct {
    enum zx_vocab v;
    int val;
    const char *s;
} more[] = {
    {ZX_V_PERSON_ROLE, 1, "被告人"},
    {ZX_V_EVENT_TYPE, ZX_EV_ARREST, "决定逮捕"},
    {ZX_V_EVENT_TYPE, ZX_EV_NO_ARREST, "不予逮捕"},
    {ZX_V_EVENT_TYPE, ZX_EV_RETURN_INVESTIGATION, "退回补充调查"},
    {ZX_V_EVENT_TYPE, ZX_EV_CORRECTION_NOTICE, "纠正意见"},
    {ZX_V_RESULT, ZX_R_TRIAL, "审判违法"},
    {ZX_V_RESULT, ZX_R_MEDIATED, "和解撤诉"},
    {ZX_V_MERIT, 1, "确有悔改"},
    {ZX_V_MERIT, 2, "立功"},
    {ZX_V_MERIT, 4, "重大立功"},
};

/* One open-addressing table over every (vocabulary, spelling) pair, built once. */
#define HSIZE 1024
static struct {
    const char *s;
    size_t n;
    unsigned char v;
    unsigned char val;
} htab[HSIZE];
static pthread_once_t honce = PTHREAD_ONCE_INIT;

static uint32_t hash(unsigned v, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ v;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void hput(unsigned v, const char *s, int val)
{
    size_t n = strlen(s);
    uint32_t i = hash(v, s, n) & (HSIZE - 1);
    while (htab[i].s) {
        if (htab[i].v == v && htab[i].n == n && memcmp(htab[i].s, s, n) == 0)
            return; /* first spelling wins */
        i = (i + 1) & (HSIZE - 1);
    }
    htab[i].s = s;
    htab[i].n = n;
    htab[i].v = (unsigned char)v;
    htab[i].val = (unsigned char)val;
}

static void hbuild(void)
{
    for (unsigned v = 0; v < ZX_V_COUNT_; v++)
        for (int i = 0; i < vocabs[v].n; i++) {
            hput(v, vocabs[v].e[i].code, i + 1);
            hput(v, vocabs[v].e[i].zh, i + 1);
            if (vocabs[v].e[i].alias)
                hput(v, vocabs[v].e[i].alias, i + 1);
        }
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        hput(more[i].v, more[i].s, more[i].val);
}

int zx_vocab_find(enum zx_vocab v, const char *s, size_t n)
{
    if ((unsigned)v >= ZX_V_COUNT_)
        return 0;
    pthread_once(&honce, hbuild);
    uint32_t i = hash(v, s, n) & (HSIZE - 1);
    while (htab[i].s) {
        if (htab[i].v == v && htab[i].n == n && memcmp(htab[i].s, s, n) == 0)
            return htab[i].val;
        i = (i + 1) & (HSIZE - 1);
    }
    return 0;
}

const struct zx_event_type_info *zx_event_type_info(int type)
{
    return type >= 1 && type < ZX_EV_COUNT_ ? &type_info[type] : NULL;
}
