/* json.c — suggestions, hearings and supervisions as JSON (governance.h): one shape for the
 * CLI and the API. */
#include "governance/governance.h"

#include "util/date.h"

static json_t *day(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static json_t *str(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *zx_gov_suggestion_json(const struct zx_gov_suggestion *s, const struct zx_monitor_rules *r,
                               int32_t as_of)
{
    int w = r ? zx_gov_watch(r, s, as_of) : -1;
    json_t *o = json_object();
    json_object_set_new(o, "no", json_string(s->no));
    json_object_set_new(o, "case_id", json_string(s->case_id));
    json_object_set_new(o, "unit_id", json_string(s->unit_id));
    json_object_set_new(o, "kind", json_string(s->kind));
    json_object_set_new(o, "kind_label", str(zx_gov_kind_label(s->kind)));
    json_object_set_new(o, "addressee", json_string(s->addressee));
    json_object_set_new(o, "problem", json_string(s->problem));
    json_object_set_new(o, "basis", json_string(s->basis));
    json_object_set_new(o, "measures", json_string(s->measures));
    json_object_set_new(o, "status", json_string(s->status));
    json_object_set_new(o, "status_label", str(zx_gov_status_label(s->status)));
    json_object_set_new(o, "handler_id", str(s->handler_id));
    json_object_set_new(o, "drafted_by", json_string(s->drafted_by));
    json_object_set_new(o, "drafted_on", day(s->drafted_on));
    json_object_set_new(o, "issued_by", str(s->issued_by));
    json_object_set_new(o, "issued_on", day(s->issued_on));
    json_object_set_new(o, "reply_due", day(s->reply_due));
    json_object_set_new(o, "event_id", str(s->event_id));
    json_object_set_new(o, "replied_on", day(s->replied_on));
    json_object_set_new(o, "reply_result", str(s->reply_result));
    json_object_set_new(o, "reply_result_label", str(zx_gov_result_label(s->reply_result)));
    json_object_set_new(o, "reply_text", str(s->reply_text));
    json_object_set_new(o, "reply_event_id", str(s->reply_event_id));
    json_object_set_new(o, "followup_on", day(s->followup_on));
    json_object_set_new(o, "followup_result", str(s->followup_result));
    json_object_set_new(o, "followup_note", str(s->followup_note));
    json_object_set_new(o, "litigated_on", day(s->litigated_on));
    json_object_set_new(o, "lawsuit_event_id", str(s->lawsuit_event_id));
    json_object_set_new(o, "escalated_head", str(s->head_id));
    json_object_set_new(o, "escalated_head_on", day(s->head_on));
    json_object_set_new(o, "escalated_chief", str(s->chief_id));
    json_object_set_new(o, "escalated_chief_on", day(s->chief_on));
    json_object_set_new(o, "closed_on", day(s->closed_on));
    json_object_set_new(o, "watch", w < 0 ? json_null() : json_string(zx_monitor_status_code(w)));
    json_object_set_new(o, "days_left",
                        w < 0 ? json_null() : json_integer((json_int_t)s->reply_due - as_of));
    return o;
}

json_t *zx_gov_hearing_json(const struct zx_gov_hearing *h)
{
    json_t *o = json_object();
    json_object_set_new(o, "no", json_string(h->no));
    json_object_set_new(o, "case_id", json_string(h->case_id));
    json_object_set_new(o, "unit_id", json_string(h->unit_id));
    json_object_set_new(o, "date", day(h->held_on));
    json_object_set_new(o, "type", json_string(h->type));
    json_object_set_new(o, "type_label", str(zx_gov_hearing_type_label(h->type)));
    json_object_set_new(o, "participants", json_string(h->participants));
    json_object_set_new(o, "opinions", str(h->opinions));
    json_object_set_new(o, "outcome", str(h->outcome));
    json_object_set_new(o, "followed", h->followed < 0 ? json_null() : json_boolean(h->followed));
    json_object_set_new(o, "event_id", json_string(h->event_id));
    json_object_set_new(o, "recorded_by", json_string(h->recorded_by));
    return o;
}

json_t *zx_gov_supervision_json(const struct zx_gov_supervision *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "no", json_string(v->no));
    json_object_set_new(o, "case_id", json_string(v->case_id));
    json_object_set_new(o, "unit_id", json_string(v->unit_id));
    json_object_set_new(o, "supervisor", json_string(v->supervisor));
    json_object_set_new(o, "date", day(v->on));
    json_object_set_new(o, "activity", json_string(v->activity));
    json_object_set_new(o, "activity_label", str(zx_gov_activity_label(v->activity)));
    json_object_set_new(o, "opinion", str(v->opinion));
    json_object_set_new(o, "event_id", json_string(v->event_id));
    json_object_set_new(o, "recorded_by", json_string(v->recorded_by));
    return o;
}

json_t *zx_gov_steps_json(const struct zx_gov_step *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s,s:o,s:o}", "step", v[i].step, "who", v[i].who,
                                           "date", day(v[i].on), "note", str(v[i].note)));
    return a;
}
