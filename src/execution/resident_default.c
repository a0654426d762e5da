/* resident_default.c — the compiled-in copy of data/resident_checklists.json, used when that
 * file is found neither in $ZHIXIAO_DATA nor next to the executable.
 * GENERATED: edit data/resident_checklists.json, then run
 * python3 src/execution/gen_resident_default.py from the repository root.
 * tests/execution/test_resident.c checks the copy equals the file. */
#include "execution/resident.h"

/* clang-format off */
static const char text[] =
    "{\n"
    " \"schema\": \"zhixiao.resident_checklists\",\n"
    " \"version\": 1,\n"
    " \"title\": \"派驻检察 checklists for prisons and detention houses, and the rules on the resident office itself (research/legal-rules.md §4.2); evaluated by src/execution/resident.c\",\n"
    " \"notes\": \"kind: prison, detention_house or both. frequency: daily (every working day, Monday to Friday; no holiday calendar yet), weekly (every Monday-Sunday week inside the period), monthly (every calendar month inside the period) or per_event (done when the event happens: counted, never a gap). The daily and weekly duties and the office rules are fixed by XH2021 art. 17 (confidence S, full text from a secondary transcription). The frequencies of the other items are not fixed by the rule: they are this checklist's defaults (confidence U, 看守所检察清单 practice) and may be changed here. any_entry: the item is done on a day by any entry of that day (someone was on duty). category: the §4.4 problem category a finding on the item falls under (store/inspect.h codes).\",\n"
    " \"sources\": {\n"
    "  \"XH2021\": \"人民检察院巡回检察工作规定（高检发监字〔2021〕62号）\",\n"
    "  \"RULES\": \"人民检察院刑事诉讼规则（高检发释字〔2019〕4号）\"\n"
    " },\n"
    " \"office_rules\": [\n"
    "  {\"id\": \"XH2021-17-staff\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\",\n"
    "   \"text\": \"派驻检察室应当配备二名以上检察人员，其中至少一名检察官\", \"params\": {\"min_persons\": 2, \"min_procurators\": 1}},\n"
    "  {\"id\": \"XH2021-17-days\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\",\n"
    "   \"text\": \"派驻检察人员每月在派驻检察室工作时间不少于十二个工作日\", \"params\": {\"min_days_month\": 12}},\n"
    "  {\"id\": \"XH2021-17-rotation\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\",\n"
    "   \"text\": \"派驻检察人员每三年轮岗交流（满三年之日后仍在岗即应轮岗）\", \"params\": {\"rotation_years\": 3}}\n"
    " ],\n"
    " \"items\": [\n"
    "  {\"id\": \"R-DUTY\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"工作日在岗值守\", \"frequency\": \"daily\", \"any_entry\": true, \"category\": \"resident_office\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-CCTV\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"抽查重点时段、重点部位监控录像\", \"frequency\": \"daily\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-CELL\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"深入监区、监室巡视检察\", \"frequency\": \"weekly\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-MAILBOX\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"开启检察官信箱\", \"frequency\": \"weekly\", \"category\": \"detainee_rights\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-TALK\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"与被监管人个别谈话\", \"frequency\": \"weekly\", \"category\": \"detainee_rights\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-JXZ-MEETING\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"列席减刑、假释、暂予监外执行评审会\", \"frequency\": \"per_event\", \"category\": \"commutation_parole\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-ANALYSIS\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"参加狱情、所情分析会\", \"frequency\": \"per_event\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"R-COMPLAINT\", \"kind\": \"both\", \"area\": \"日常履职\", \"item\": \"受理、办理控告、举报、申诉\", \"frequency\": \"per_event\", \"category\": \"detainee_rights\", \"source\": \"XH2021\", \"article\": \"第十七条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-INTAKE\", \"kind\": \"prison\", \"area\": \"收监、出监\", \"item\": \"收监、释放（出监）检察\", \"frequency\": \"per_event\", \"category\": \"release\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-SCORING\", \"kind\": \"prison\", \"area\": \"计分考核、立功奖惩\", \"item\": \"计分考核检察（抽查考核台账）\", \"frequency\": \"monthly\", \"category\": \"scoring_rewards\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"P-REWARD\", \"kind\": \"prison\", \"area\": \"计分考核、立功奖惩\", \"item\": \"立功、奖惩检察\", \"frequency\": \"per_event\", \"category\": \"scoring_rewards\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-SPECIAL-POST\", \"kind\": \"prison\", \"area\": \"特岗罪犯\", \"item\": \"特殊岗位罪犯选用检察\", \"frequency\": \"per_event\", \"category\": \"special_posts\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-OLD-ILL\", \"kind\": \"prison\", \"area\": \"老病残罪犯\", \"item\": \"老病残罪犯认定检察\", \"frequency\": \"per_event\", \"category\": \"old_ill_disabled\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-EDUCATION\", \"kind\": \"prison\", \"area\": \"教育改造\", \"item\": \"教育改造活动检察\", \"frequency\": \"monthly\", \"category\": \"education_labour\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"P-JXZ\", \"kind\": \"prison\", \"area\": \"减刑、假释、暂予监外执行\", \"item\": \"减刑、假释、暂予监外执行案件办理检察\", \"frequency\": \"per_event\", \"category\": \"commutation_parole\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"P-ACCIDENT\", \"kind\": \"prison\", \"area\": \"事故检察\", \"item\": \"被监管人死亡、脱逃等事故检察\", \"frequency\": \"per_event\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十五条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"D-INTAKE\", \"kind\": \"detention_house\", \"area\": \"收押、出所\", \"item\": \"收押检察\", \"frequency\": \"per_event\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"D-RELEASE\", \"kind\": \"detention_house\", \"area\": \"收押、出所\", \"item\": \"出所、释放检察\", \"frequency\": \"per_event\", \"category\": \"release\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"D-TIXUN\", \"kind\": \"detention_house\", \"area\": \"提讯、提解\", \"item\": \"提讯、提解活动检察（抽查登记）\", \"frequency\": \"weekly\", \"category\": \"detainee_rights\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"D-MGMT\", \"kind\": \"detention_house\", \"area\": \"监管活动\", \"item\": \"监管活动检察\", \"frequency\": \"weekly\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"D-LIUSUO\", \"kind\": \"detention_house\", \"area\": \"留所服刑\", \"item\": \"留所服刑罪犯执行活动检察\", \"frequency\": \"monthly\", \"category\": \"delivery\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"D-CUSTODY\", \"kind\": \"detention_house\", \"area\": \"羁押期限\", \"item\": \"羁押期限检察（到期提示、换押）\", \"frequency\": \"weekly\", \"category\": \"custody_period\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"U\"},\n"
    "  {\"id\": \"D-INTERROGATION\", \"kind\": \"detention_house\", \"area\": \"讯问合法性核查\", \"item\": \"重大案件侦查终结前讯问合法性核查\", \"frequency\": \"per_event\", \"category\": \"detainee_rights\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"S\"},\n"
    "  {\"id\": \"D-ACCIDENT\", \"kind\": \"detention_house\", \"area\": \"事故检察\", \"item\": \"被监管人死亡、脱逃等事故检察\", \"frequency\": \"per_event\", \"category\": \"security\", \"source\": \"XH2021\", \"article\": \"第十六条\", \"confidence\": \"S\"}\n"
    " ]\n"
    "}\n";
/* clang-format on */

const char *zx_res_rules_default_text(void)
{
    return text;
}
