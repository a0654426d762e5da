/* docs.c — documents.csv (similar-cases.md §1): judgments, indictments and non-prosecution
 * decisions with Chinese fact texts of 200–800 characters over 26 charges. Each charge has
 * its own behaviour sentences and a quantity the sentence follows (amount stolen or
 * defrauded, grams of drugs, blood alcohol, degree of injury …), so that similar facts come
 * with similar terms, as in real judgments. Documents of the first criminal cases are linked
 * to them (case_id); the rest are reference material without a case. Deterministic: its own
 * PRNG stream. */
#include "gen/internal.h"
#include "model/vocab.h"
#include "util/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* How the quantity turns into a term: months = base + q / per (capped), then ±15 %. */
enum qty { Q_YUAN, Q_GRAMS, Q_ALCOHOL, Q_INJURY, Q_DAYS, Q_COUNT };

struct tmpl {
    const char *charge;
    int weight;
    enum qty q;
    double lo, hi;       /* range of the quantity */
    double base, per;    /* months = base + q / per */
    double cap;          /* most months */
    double detention_lt; /* below this many months: 拘役 */
    const char *open;    /* first sentence: %D date, %T time, %N defendant, %P place */
    const char *acts[5]; /* behaviour sentences: %V victim, %A amount, %G grams, %X alcohol */
    const char *close;   /* how it ended */
};

static const struct tmpl T[] = {
    {"盗窃罪",
     16,
     Q_YUAN,
     800,
     200000,
     4,
     3000,
     120,
     6,
     "%D%T许，被告人%N窜至%P",
     {"趁无人之机，撬开房门入户盗窃，窃得金银首饰及现金若干，经鉴定价值人民币%A元。",
      "在公交车上采用扒窃手段，窃取被害人%V放在外衣口袋内的手机一部，经鉴定价值人民币%A元。",
      "见路边停放的电动车未上锁，遂将其盗走后销赃，经价格认定价值人民币%A元。",
      "翻窗进入被害人%V家中，窃得笔记本电脑、现金等财物，共计价值人民币%A元。",
      "利用事先配好的钥匙打开仓库，盗窃电缆线若干，经鉴定价值人民币%A元。"},
     "赃物已追回并发还被害人。"},
    {"危险驾驶罪",
     22,
     Q_ALCOHOL,
     80,
     320,
     1,
     45,
     6,
     7,
     "%D%T许，被告人%N酒后驾驶小型轿车沿%P道路行驶，",
     {"行驶至路口时被执勤民警当场查获，经现场酒精呼气检测，结果为%X毫克/100毫升。",
      "经抽取血样送检，其血液中乙醇含量为%X毫克/100毫升，属醉酒驾驶机动车。",
      "途中与路边护栏发生碰撞，造成车辆损坏，民警到场后对其进行酒精检测，血液乙醇含量为%X毫克/"
      "100毫升。",
      "在道路上追逐竞驶，情节恶劣，经检验其血液中乙醇含量为%X毫克/100毫升。"},
     "被告人到案后如实供述了醉酒驾驶的事实。"},
    {"诈骗罪",
     10,
     Q_YUAN,
     3000,
     500000,
     6,
     8000,
     144,
     0,
     "%D，被告人%N在%P",
     {"冒充银行客服人员拨打被害人%V电话，虚构账户异常需要转账验证的事实，骗取被害人转账人民币%"
      "A元。",
      "以帮助办理贷款为由，虚构事实、隐瞒真相，先后骗取被害人%V手续费、保证金共计人民币%A元。",
      "通过微信添加被害人%V为好友，以投资理财高额返利为诱饵，骗取被害人人民币%A元。",
      "谎称能够帮助被害人子女安排工作，收取被害人%V好处费人民币%A元后逃匿。"},
     "所骗钱款已被挥霍。"},
    {"故意伤害罪",
     8,
     Q_INJURY,
     1,
     4,
     6,
     1,
     120,
     0,
     "%D%T许，被告人%N在%P因琐事与被害人%V发生争执，",
     {"继而持木棍击打被害人头部，致被害人颅骨骨折。",
      "被告人用拳头殴打被害人面部，致被害人鼻骨骨折、牙齿脱落。",
      "双方发生厮打，被告人持水果刀刺伤被害人腹部，致被害人脾脏破裂。",
      "被告人拳打脚踢，致被害人肋骨多处骨折。"},
     "经法医鉴定，被害人的损伤程度为%I。"},
    {"寻衅滋事罪",
     4,
     Q_COUNT,
     1,
     6,
     8,
     0.5,
     60,
     0,
     "%D%T许，被告人%N伙同他人在%P",
     {"酒后无故拦截过往行人，随意殴打被害人%V，致其轻微伤。",
      "以店家服务不周为由，强拿硬要烟酒，并砸毁店内桌椅、玻璃门。",
      "在公共场所起哄闹事，持械追逐、辱骂他人，造成公共场所秩序严重混乱。",
      "多次无故辱骂、恐吓被害人%V，情节恶劣。"},
     "被告人共计实施寻衅滋事行为%C次。"},
    {"开设赌场罪",
     4,
     Q_YUAN,
     5000,
     300000,
     8,
     6000,
     96,
     0,
     "%D起，被告人%N在%P",
     {"租用民房开设赌场，组织他人以百家乐方式进行赌博，并从中抽头渔利，共计获利人民币%A元。",
      "利用微信群组织他人进行网络赌博，接受投注并抽头营利，抽头渔利人民币%A元。",
      "设置老虎机等赌博机供他人赌博，非法获利人民币%A元。",
      "雇佣人员望风、看场，为赌场提供放贷服务，赌资累计达人民币%A元。"},
     "公安机关当场查获赌资及赌具。"},
    {"走私、贩卖、运输、制造毒品罪",
     5,
     Q_GRAMS,
     0.2,
     120,
     8,
     0.7,
     180,
     0,
     "%D%T许，被告人%N在%P",
     {"以人民币三百元的价格向吸毒人员%V贩卖甲基苯丙胺（冰毒）%G克。",
      "将海洛因%G克藏匿于随身行李中，乘坐长途客车运输，途中被民警查获。",
      "通过微信联系买家后，以当面交易的方式贩卖毒品甲基苯丙胺片剂（麻古）%G克。",
      "在出租屋内贩卖毒品时被当场抓获，民警从其身上查获毒品%G克。"},
     "经鉴定，查获的毒品检出甲基苯丙胺成分。"},
    {"交通肇事罪",
     4,
     Q_INJURY,
     2,
     4,
     8,
     1,
     84,
     0,
     "%D%T许，被告人%N驾驶重型货车沿%P道路行驶时，",
     {"因未注意观察路面情况，与横过道路的行人%V发生碰撞，致行人经抢救无效死亡。",
      "超速行驶，与对向驶来的电动自行车相撞，致电动车驾驶人%V受伤。",
      "违反交通信号灯通行，与正常行驶的小型轿车发生碰撞，造成一人死亡。",
      "肇事后驾车逃逸，被害人%V因未得到及时救治死亡。"},
     "经交警部门认定，被告人负事故的全部责任，被害人的损伤程度为%I。"},
    {"妨害公务罪",
     2,
     Q_COUNT,
     1,
     3,
     6,
     2,
     36,
     0,
     "%D%T许，民警在%P依法执行职务时，被告人%N",
     {"拒不配合检查，并用拳头殴打民警%V面部，致其轻微伤。",
      "以暴力方式阻碍民警执行职务，撕扯民警警服，踢打辅警。",
      "驾车冲撞执勤民警设置的检查卡点，致警车损坏。", "在民警传唤时持刀威胁，拒不配合传唤。"},
     "被告人被民警当场制服。"},
    {"聚众斗殴罪",
     2,
     Q_COUNT,
     3,
     12,
     18,
     2,
     96,
     0,
     "%D%T许，被告人%N因与%V一方存在矛盾，",
     {"纠集十余人携带钢管、砍刀等器械，前往%P与对方人员斗殴。",
      "双方在约定地点持械互殴，致多人受轻伤。", "被告人积极参加聚众斗殴，持刀砍伤对方人员。",
      "斗殴造成现场秩序混乱，车辆被砸毁。"},
     "参与斗殴人员共计%C人。"},
    {"容留他人吸毒罪",
     2,
     Q_COUNT,
     1,
     6,
     6,
     1.5,
     36,
     0,
     "%D至%E期间，被告人%N在%P的出租屋内",
     {"先后容留吸毒人员%V等人吸食甲基苯丙胺（冰毒）。", "提供吸毒工具，容留他人吸食毒品。",
      "与他人共同吸食冰毒，并容留他人在其住处吸毒。", "多次容留他人注射海洛因。"},
     "被告人共计容留他人吸毒%C次。"},
    {"非法持有毒品罪",
     2,
     Q_GRAMS,
     10,
     300,
     6,
     8,
     120,
     0,
     "%D%T许，民警在%P",
     {"对被告人%N进行检查，从其随身携带的挎包内查获甲基苯丙胺%G克。",
      "在被告人%N的住处查获海洛因%G克，被告人无法说明毒品来源。",
      "从被告人%N驾驶的车辆中查获冰毒%G克。", "在被告人%N的出租屋内查获麻古%G克。"},
     "经鉴定，查获物品检出毒品成分。"},
    {"帮助信息网络犯罪活动罪",
     8,
     Q_YUAN,
     20000,
     2000000,
     6,
     200000,
     36,
     0,
     "%D，被告人%N明知他人利用信息网络实施犯罪，",
     {"仍将本人名下的银行卡出租给他人使用，该卡被用于电信诈骗资金结算，流水共计人民币%A元。",
      "在%P收购银行卡及手机卡并提供给上线，为电信诈骗提供支付结算帮助，涉案金额人民币%A元。",
      "为他人提供微信账号、支付宝账号，帮助转移诈骗资金人民币%A元。",
      "帮助他人取现、转账，支付结算金额达人民币%A元。"},
     "被告人从中获利若干。"},
    {"抢劫罪",
     6,
     Q_YUAN,
     200,
     50000,
     36,
     2000,
     180,
     0,
     "%D%T许，被告人%N在%P",
     {"持刀拦截被害人%V，以刀相威胁，劫取其手机及现金共计价值人民币%A元。",
      "尾随被害人%V至僻静处，采用捂嘴、殴打等暴力手段劫取其挎包，内有现金人民币%A元。",
      "入户抢劫，用胶带捆绑被害人，劫得金银首饰价值人民币%A元。",
      "以暴力相威胁，强行劫取被害人电动车一辆，价值人民币%A元。"},
     "被告人作案后逃离现场。"},
    {"抢夺罪",
     1,
     Q_YUAN,
     1000,
     40000,
     6,
     3000,
     84,
     0,
     "%D%T许，被告人%N骑摩托车在%P",
     {"趁被害人%V不备，从背后抢夺其手中的挎包，内有现金人民币%A元。",
      "乘人不备，抢夺被害人脖子上佩戴的金项链一条，价值人民币%A元。",
      "飞车抢夺路边行人%V的手机，价值人民币%A元。"},
     "被告人得手后驾车逃离。"},
    {"非法拘禁罪",
     2,
     Q_DAYS,
     1,
     15,
     6,
     1,
     36,
     0,
     "%D，被告人%N为索要债务，",
     {"纠集他人将被害人%V强行带至%P的宾馆房间内，限制其人身自由。",
      "将被害人%V关押在出租屋内，派人看守，并对其进行殴打、辱骂。",
      "扣押被害人%V的手机和身份证，逼迫其家属还款。"},
     "被害人被非法拘禁%C天后被民警解救。"},
    {"敲诈勒索罪",
     2,
     Q_YUAN,
     3000,
     300000,
     6,
     6000,
     120,
     0,
     "%D，被告人%N以",
     {"掌握被害人%V隐私相要挟，向被害人索要人民币%A元。",
      "在%P以曝光企业环境问题相威胁，向企业负责人%V勒索人民币%A元。",
      "制造交通事故假象，以报警相要挟，敲诈被害人%V人民币%A元。"},
     "被害人因害怕而交付钱款。"},
    {"掩饰、隐瞒犯罪所得罪",
     4,
     Q_YUAN,
     2000,
     200000,
     6,
     8000,
     84,
     0,
     "%D，被告人%N在%P",
     {"明知是他人盗窃所得的手机，仍以明显低于市场价格予以收购，涉案价值人民币%A元。",
      "明知是盗窃所得的电动车而予以收购并转卖，销赃金额人民币%A元。",
      "明知是诈骗所得资金，仍帮助他人转账、取现，掩饰犯罪所得人民币%A元。"},
     "赃物已被追缴。"},
    {"受贿罪",
     6,
     Q_YUAN,
     30000,
     3000000,
     12,
     25000,
     180,
     0,
     "被告人%N在担任%P国家机关工作人员期间，",
     {"利用职务上的便利，在工程项目承揽中为请托人%V谋取利益，先后收受其贿赂人民币%A元。",
      "为他人在干部调整、职务晋升等方面提供帮助，非法收受财物共计人民币%A元。",
      "利用审批权限为企业办理许可证提供帮助，收受好处费人民币%A元。"},
     "被告人案发后退缴了全部赃款。"},
    {"贪污罪",
     4,
     Q_YUAN,
     30000,
     2000000,
     12,
     25000,
     180,
     0,
     "被告人%N在担任%P村民委员会主任协助政府从事公务期间，",
     {"利用职务上的便利，采取虚报冒领的手段，侵吞土地征收补偿款人民币%A元。",
      "利用经手公款的便利，以虚开发票方式套取公款人民币%A元据为己有。",
      "截留扶贫资金人民币%A元，用于个人消费。"},
     "案发后被告人退缴了全部赃款。"},
    {"职务侵占罪",
     3,
     Q_YUAN,
     30000,
     1000000,
     6,
     20000,
     120,
     0,
     "被告人%N在担任%P某公司出纳期间，",
     {"利用职务上的便利，将公司货款人民币%A元转入个人账户，用于个人消费。",
      "采用收款不入账的方式，侵占公司销售款人民币%A元。",
      "虚构采购业务，将公司资金人民币%A元据为己有。"},
     "公司发现后报案。"},
    {"信用卡诈骗罪",
     3,
     Q_YUAN,
     10000,
     300000,
     6,
     10000,
     120,
     0,
     "%D，被告人%N在%P",
     {"使用其申领的信用卡透支消费，透支本金人民币%A元，经发卡银行两次催收后超过三个月仍不归还。",
      "冒用他人信用卡在商场消费，共计人民币%A元。",
      "以非法占有为目的，恶意透支信用卡，透支本金人民币%A元后更换手机号码逃避催收。"},
     "发卡银行报案。"},
    {"强奸罪",
     2,
     Q_COUNT,
     1,
     3,
     36,
     0.2,
     180,
     0,
     "%D%T许，被告人%N在%P",
     {"将被害人%V骗至其住处，采用暴力手段强行与被害人发生性关系。",
      "趁被害人%V醉酒之机，与其发生性关系。", "以威胁手段迫使被害人%V与其发生性关系。"},
     "被害人案发后报警。"},
    {"故意毁坏财物罪",
     2,
     Q_YUAN,
     5000,
     200000,
     6,
     10000,
     60,
     0,
     "%D%T许，被告人%N因与被害人%V有矛盾，",
     {"在%P用石块砸毁被害人停放的轿车，经鉴定损失价值人民币%A元。",
      "持铁锹毁坏被害人种植的果树，造成经济损失人民币%A元。",
      "放火焚烧被害人的柴草垛，造成财物损失人民币%A元。"},
     "被告人赔偿了被害人的经济损失并取得谅解。"},
    {"赌博罪",
     2,
     Q_YUAN,
     10000,
     300000,
     3,
     20000,
     36,
     6,
     "%D，被告人%N以营利为目的，",
     {"在%P聚众赌博，从中抽头渔利人民币%A元。",
      "多次组织他人以打麻将的方式赌博，赌资累计人民币%A元。",
      "组织他人赴境外赌博，从中获取佣金人民币%A元。"},
     "民警当场查获赌资。"},
    {"非法经营罪",
     3,
     Q_YUAN,
     50000,
     3000000,
     6,
     50000,
     120,
     0,
     "%D至%E期间，被告人%N在%P",
     {"未取得烟草专卖零售许可证，非法经营卷烟，经营数额人民币%A元。",
      "未经许可经营成品油，非法经营数额人民币%A元。",
      "违反国家规定，非法从事资金支付结算业务，数额人民币%A元。"},
     "公安机关查获涉案物品。"},
};
#define NT (int)(sizeof T / sizeof T[0])

static const char *const TIMES[] = {"凌晨2时", "上午9时", "中午12时",
                                    "下午3时", "晚上8时", "晚上11时"};
static const char *const INJURY[] = {"", "轻伤二级", "轻伤一级", "重伤二级", "重伤一级"};
static const char *const TAIL[] = {
    "被告人归案后如实供述了自己的罪行，自愿认罪认罚。",
    "被告人主动到公安机关投案，如实供述了犯罪事实，系自首。",
    "被告人在家属陪同下到案，当庭表示认罪悔罪。",
    "被告人曾因犯罪被判处刑罚，刑满释放后五年内再犯。",
    "被告人的家属代为退赔了被害人的经济损失，取得了被害人的谅解。",
    "案发后，被告人被公安民警抓获归案。",
};
static const char *const PLACES[] = {"城区某小区",   "火车站广场",   "某镇集贸市场",
                                     "某县城商业街", "开发区工业园", "某村村委会附近",
                                     "长途汽车站",   "某酒店停车场"};

static void date_text(int32_t d, char *buf, size_t n)
{
    int y, m, dd;
    zx_date_to_ymd(d, &y, &m, &dd);
    snprintf(buf, n, "%d年%d月%d日", y, m, dd);
}

/* characters (code points) in a UTF-8 string */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

struct slots {
    const char *name, *victim, *place, *inj;
    char date[32], date2[32];
    double q;
};

/* Append template t with its slots to buf (size n). */
static void fill(char *buf, size_t n, const char *t, const struct slots *s)
{
    size_t at = strlen(buf);
    for (; *t && at + 64 < n; t++) {
        if (*t != '%') {
            buf[at++] = *t;
            continue;
        }
        char v[64] = "";
        switch (*++t) {
        case 'N':
            snprintf(v, sizeof v, "%s", s->name);
            break;
        case 'V':
            snprintf(v, sizeof v, "%s", s->victim);
            break;
        case 'P':
            snprintf(v, sizeof v, "%s", s->place);
            break;
        case 'D':
            snprintf(v, sizeof v, "%s", s->date);
            break;
        case 'E':
            snprintf(v, sizeof v, "%s", s->date2);
            break;
        case 'T':
            snprintf(v, sizeof v, "%s", TIMES[(size_t)s->q % (sizeof TIMES / sizeof TIMES[0])]);
            break;
        case 'A':
            snprintf(v, sizeof v, "%.0f", s->q);
            break;
        case 'G':
            snprintf(v, sizeof v, "%.2f", s->q);
            break;
        case 'X':
            snprintf(v, sizeof v, "%.1f", s->q);
            break;
        case 'C':
            snprintf(v, sizeof v, "%.0f", s->q);
            break;
        case 'I':
            snprintf(v, sizeof v, "%s", s->inj);
            break;
        default:
            break;
        }
        size_t k = strlen(v);
        memcpy(buf + at, v, k);
        at += k;
    }
    buf[at] = '\0';
}

static int pick_tmpl(struct zx_gen__rng *r)
{
    int total = 0;
    for (int i = 0; i < NT; i++)
        total += T[i].weight;
    int x = (int)zx_gen__below(r, (uint32_t)total);
    for (int i = 0; i < NT; i++) {
        if (x < T[i].weight)
            return i;
        x -= T[i].weight;
    }
    return 0;
}

int zx_gen__doc_charge(const char *charge)
{
    for (int i = 0; charge && i < NT; i++)
        if (!strcmp(T[i].charge, charge))
            return i;
    return -1;
}

void zx_gen__documents_write(struct zx_gen *g)
{
    struct zx_gen__out *o = &g->out[ZX_GEN_DOCUMENTS];
    struct zx_gen__rng rng;
    char facts[4096], name[16], victim[16], buf[64];
    zx_gen__rng_seed(&rng, g->o.seed ^ 0x3c6ef372fe94f82bull);
    zx_gen__puts(o, "document_id,case_id,kind,charges,sentence_kind,term_months,probation_months,"
                    "date,fine_yuan,text,facts");
    zx_gen__eol(o);
    for (long long i = 0; i < g->o.documents; i++) {
        struct zx_gen__rng *r = &rng;
        int t = pick_tmpl(r);
        unsigned long long case_no = 0;
        if ((size_t)i < g->ndoc_links) {
            case_no = g->doc_links[i].case_no;
            t = g->doc_links[i].tmpl;
        }
        const struct tmpl *tp = &T[t];
        struct slots s = {0};
        zx_gen__person_name(r, zx_gen__chance(r, 0.85) ? 1 : 2, name);
        zx_gen__person_name(r, zx_gen__chance(r, 0.5) ? 1 : 2, victim);
        s.name = name;
        s.victim = victim;
        /* the place: a unit's town and a spot in it */
        char place[128];
        const struct zx_gen__unit *u = &g->units[zx_gen__below(r, (uint32_t)g->nunits)];
        snprintf(place, sizeof place, "%s%s", u->place,
                 PLACES[zx_gen__below(r, sizeof PLACES / sizeof PLACES[0])]);
        s.place = place;
        int32_t day = g->o.from + (int32_t)zx_gen__below(r, (uint32_t)(g->o.to - g->o.from + 1));
        date_text(day - 200, s.date, sizeof s.date);
        date_text(day - 120, s.date2, sizeof s.date2);
        /* the quantity: log-uniform over the template's range */
        double u01 = zx_gen__unit(r);
        double q = tp->lo * pow(tp->hi / tp->lo, u01);
        if (tp->q == Q_YUAN)
            q = floor(q / 10) * 10 + 10;
        else if (tp->q == Q_INJURY || tp->q == Q_COUNT || tp->q == Q_DAYS)
            q = floor(q);
        s.q = q;
        s.inj = INJURY[tp->q == Q_INJURY ? (int)q : 0];

        facts[0] = '\0';
        fill(facts, sizeof facts, tp->open, &s);
        int a0 = (int)zx_gen__below(r, 5);
        int nacts = 0;
        while (nacts < 5 && tp->acts[nacts])
            nacts++;
        for (int k = 0; k < nacts && chars(facts) < 330; k++) {
            fill(facts, sizeof facts, tp->acts[(a0 + k) % nacts], &s);
            if (k == 0 && chars(facts) >= 120 && zx_gen__chance(r, 0.4))
                break;
        }
        fill(facts, sizeof facts, tp->close, &s);
        int tails = 1 + (int)zx_gen__below(r, 3);
        for (int k = 0; k < tails && chars(facts) < 700; k++)
            fill(facts, sizeof facts, TAIL[zx_gen__below(r, sizeof TAIL / sizeof TAIL[0])], &s);
        while (chars(facts) < 200)
            fill(facts, sizeof facts,
                 "上述事实，有被害人陈述、证人证言、现场勘验笔录、鉴定意见及被告人的供述等证据证实"
                 "。",
                 &s);

        /* kind and sentence */
        double x = zx_gen__unit(r);
        int kind = x < 0.8 ? 2 : x < 0.95 ? 1 : 3; /* judgment, indictment, non_prosecution */
        double months = tp->base + q / tp->per;
        months *= 0.85 + 0.3 * zx_gen__unit(r);
        if (months > tp->cap)
            months = tp->cap;
        if (months < 1)
            months = 1;
        int term = (int)floor(months + 0.5);
        const char *sk = NULL;
        int probation = 0;
        if (kind == 2) {
            sk = term < tp->detention_lt ||
                         (tp->detention_lt == 0 && term <= 6 && zx_gen__chance(r, 0.3))
                     ? "criminal_detention"
                     : "fixed";
            if (!strcmp(sk, "criminal_detention") && term > 6)
                term = 6;
            if (term <= 36 && zx_gen__chance(r, 0.4))
                probation = !strcmp(sk, "fixed") ? (term < 12 ? 12 : term + term / 2)
                                                 : (term < 2 ? 2 : term * 2);
        }
        /* a second charge now and then */
        char charges[256];
        snprintf(charges, sizeof charges, "%s", tp->charge);
        if (zx_gen__chance(r, 0.08)) {
            int t2 = pick_tmpl(r);
            if (t2 != t) {
                size_t l = strlen(charges);
                snprintf(charges + l, sizeof charges - l, ";%s", T[t2].charge);
                fill(facts, sizeof facts, "另查明，", &s);
                fill(facts, sizeof facts, T[t2].acts[0], &s);
                if (sk)
                    term += 4;
            }
        }

        zx_gen__put_id(o, "D", (unsigned long long)i + 1, 7);
        zx_gen__putc(o, ',');
        if (case_no)
            zx_gen__put_id(o, "C", case_no, 7);
        zx_gen__putc(o, ',');
        zx_gen__puts(o, zx_vocab_code(ZX_V_DOC_KIND, kind));
        zx_gen__putc(o, ',');
        zx_gen__put_field(o, charges);
        zx_gen__putc(o, ',');
        if (sk) {
            zx_gen__puts(o, sk);
            zx_gen__putc(o, ',');
            zx_gen__put_int(o, term);
            zx_gen__putc(o, ',');
            if (probation)
                zx_gen__put_int(o, probation);
        } else {
            zx_gen__puts(o, ",,");
        }
        zx_gen__putc(o, ',');
        zx_gen__put_date(g, o, day, 0);
        zx_gen__putc(o, ',');
        if (sk && tp->q == Q_YUAN) {
            snprintf(buf, sizeof buf, "%.0f", floor(q / 2000) * 1000 + 1000);
            zx_gen__puts(o, buf);
        }
        zx_gen__puts(o, ",,");
        zx_gen__put_field(o, facts);
        zx_gen__eol(o);
    }
}
