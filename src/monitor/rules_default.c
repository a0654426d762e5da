/* rules_default.c — the compiled-in copy of data/monitor_rules.json, used when that file is
 * found neither in $ZHIXIAO_DATA nor next to the executable.
 * GENERATED: edit data/monitor_rules.json, then run python3 src/monitor/gen_rules_default.py
 * from the repository root. tests/monitor/test_monitor.c checks the copy equals the file. */
#include "monitor/monitor.h"

/* clang-format off */
static const char text[] =
    "{\n"
    " \"schema\": \"zhixiao.monitor_rules\",\n"
    " \"version\": 1,\n"
    " \"title\": \"流程监控 statutory periods as data (shared/spec/process-monitoring.md; research/legal-rules.md §1); evaluated by src/monitor/monitor.c\",\n"
    " \"notes\": \"Periods count from the day after the start (C1). days: started_on + N. months: same day number, or the last day of the target month when that day does not exist or the start is the last day of its month (C4). No holiday shift in version 1 (C2). unit_setting names the per-unit override (zhixiao settings monitor-period). Ids, stages and parameter names are what the code reads; periods may be changed. confidence: V checked against the statutory text, S secondary source.\",\n"
    " \"sources\": {\n"
    "  \"CPL\": \"中华人民共和国刑事诉讼法（2018年修正）\",\n"
    "  \"RULES\": \"人民检察院刑事诉讼规则（高检发释字〔2019〕4号）\",\n"
    "  \"SPC-INT\": \"最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释（2021）\",\n"
    "  \"JCJY2019\": \"人民检察院检察建议工作规定（2019）\",\n"
    "  \"XH2021\": \"人民检察院巡回检察工作规定（高检发监字〔2021〕62号）\",\n"
    "  \"LCJK2016\": \"人民检察院案件流程监控工作规定（试行）（2016）\"\n"
    " },\n"
    " \"rules\": [\n"
    "  {\"id\": \"C1\", \"stage\": null, \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百零五条\", \"confidence\": \"V\",\n"
    "   \"text\": \"期间开始的时和日不算在期间以内: N days end on started_on + N\"},\n"
    "  {\"id\": \"C4\", \"stage\": null, \"source\": \"SPC-INT\", \"article\": \"最高人民法院关于适用《中华人民共和国刑事诉讼法》的解释 第二百零二条\", \"confidence\": \"V\",\n"
    "   \"text\": \"以月计算的期间至次月同日；起算日为月末或次月无该日的，至次月最后一日\"},\n"
    "  {\"id\": \"A2\", \"stage\": \"arrest_review_detained\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第九十一条\", \"confidence\": \"V\",\n"
    "   \"text\": \"对被拘留的犯罪嫌疑人，人民检察院应当自接到提请批准逮捕书后的七日以内作出批准逮捕或者不批准逮捕的决定\",\n"
    "   \"params\": {\"days\": 7}},\n"
    "  {\"id\": \"A3\", \"stage\": \"arrest_review_not_detained\", \"source\": \"RULES\", \"article\": \"人民检察院刑事诉讼规则 第二百八十二条\", \"confidence\": \"V\",\n"
    "   \"text\": \"未被拘留的，应当在接到提请批准逮捕书后的十五日以内作出是否批准逮捕的决定，重大、复杂的案件，不得超过二十日\",\n"
    "   \"params\": {\"days\": 15, \"complex_days\": 20}},\n"
    "  {\"id\": \"P1\", \"stage\": \"prosecution_review\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十二条\", \"confidence\": \"V\",\n"
    "   \"text\": \"人民检察院对于监察机关、公安机关移送起诉的案件，应当在一个月以内作出决定\",\n"
    "   \"params\": {\"months\": 1}},\n"
    "  {\"id\": \"P2\", \"stage\": \"prosecution_review\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十二条\", \"confidence\": \"V\",\n"
    "   \"text\": \"重大、复杂的案件，可以延长十五日 (extend_review dated on or before the deadline, once per item)\",\n"
    "   \"params\": {\"extension_days\": 15}},\n"
    "  {\"id\": \"P4\", \"stage\": \"prosecution_review\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十二条\", \"confidence\": \"V\",\n"
    "   \"text\": \"改变管辖的，从改变后的人民检察院收到案件之日起计算审查起诉期限\"},\n"
    "  {\"id\": \"P5\", \"stage\": \"supplementary_investigation\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十五条\", \"confidence\": \"V\",\n"
    "   \"text\": \"对于补充侦查的案件，应当在一个月以内补充侦查完毕\",\n"
    "   \"params\": {\"months\": 1}},\n"
    "  {\"id\": \"P6\", \"stage\": \"supplementary_investigation\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十五条\", \"confidence\": \"V\",\n"
    "   \"text\": \"补充侦查以二次为限 (returns across jurisdiction changes count together; a further return is not honoured)\",\n"
    "   \"params\": {\"max_returns\": 2}},\n"
    "  {\"id\": \"P7\", \"stage\": \"prosecution_review\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第一百七十五条\", \"confidence\": \"V\",\n"
    "   \"text\": \"补充侦查完毕移送人民检察院后，人民检察院重新计算审查起诉期限\"},\n"
    "  {\"id\": \"N7\", \"stage\": \"withdrawal_decision\", \"source\": \"RULES\", \"article\": \"人民检察院刑事诉讼规则 第四百二十四条\", \"confidence\": \"V\",\n"
    "   \"text\": \"撤回起诉后三十日以内作出不起诉决定\",\n"
    "   \"params\": {\"days\": 30}},\n"
    "  {\"id\": \"J1\", \"stage\": \"custody_review_reply\", \"source\": \"CPL\", \"article\": \"刑事诉讼法 第九十五条\", \"confidence\": \"V\",\n"
    "   \"text\": \"有关机关应当在十日以内将处理情况通知人民检察院\",\n"
    "   \"params\": {\"days\": 10}},\n"
    "  {\"id\": \"F1\", \"stage\": \"suggestion_reply\", \"source\": \"JCJY2019\", \"article\": \"人民检察院检察建议工作规定\", \"confidence\": \"S\",\n"
    "   \"text\": \"被建议单位应当在收到检察建议书之日起两个月以内书面回复 (unit setting)\",\n"
    "   \"params\": {\"months\": 2, \"unit_setting\": \"monitor.suggestion_reply\"}},\n"
    "  {\"id\": \"F4\", \"stage\": \"correction_reply\", \"source\": \"XH2021\", \"article\": \"人民检察院巡回检察工作规定 第三十七条\", \"confidence\": \"S\",\n"
    "   \"text\": \"纠正违法通知书发出后十五日内未纠正或者回复的，报告上一级人民检察院 (unit setting)\",\n"
    "   \"params\": {\"days\": 15, \"unit_setting\": \"monitor.correction_reply\"}},\n"
    "  {\"id\": \"W\", \"stage\": null, \"source\": \"LCJK2016\", \"article\": \"人民检察院案件流程监控工作规定（试行）\", \"confidence\": \"S\",\n"
    "   \"text\": \"期限届满预警: yellow when days_left ≤ short_window if the period is ≤ short_period_days, else ≤ long_window (local practice: 海口 colour coding, 淅川 5/2 days)\",\n"
    "   \"params\": {\"short_period_days\": 15, \"short_window\": 3, \"long_window\": 7}}\n"
    " ]\n"
    "}\n";
/* clang-format on */

const char *zx_monitor_rules_default_text(void)
{
    return text;
}
