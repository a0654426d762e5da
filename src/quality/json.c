/* json.c — the JSON shapes of quality.h, shared by the CLI and the web API. */
#include "quality/internal.h"

#include "util/date.h"

#include <jansson.h>
#include <string.h>

static json_t *jdate(int32_t d)
{
    char b[16];
    return d == ZX_DATE_NULL ? json_null() : json_string(zx_date_format(d, b));
}

static json_t *jstr(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

json_t *zx_quality_summary_json(const struct zx_quality_summary *s,
                                const struct zx_quality_rules *r)
{
    json_t *staff = json_array(), *points = json_array(), *graded = json_array(),
           *over = json_array();
    for (size_t i = 0; i < s->nstaff; i++) {
        const struct zx_quality_staff *x = &s->staff[i];
        json_t *g = json_object();
        for (int k = 0; k < ZX_QG_N; k++)
            json_object_set_new(g, zx_quality_grade_code(k), json_integer(x->grades[k]));
        json_array_append_new(staff, json_pack("{s:s,s:o,s:o,s:i,s:o,s:i,s:i,s:i}", "staff_id",
                                               x->staff_id, "name", jstr(x->name), "unit_id",
                                               jstr(x->unit_id), "reviews", x->reviews, "grades", g,
                                               "points", x->points, "entries", x->entries,
                                               "cases_over", x->cases_over));
    }
    for (size_t i = 0; i < s->npoints; i++) {
        const struct zx_quality_point *p = &s->points[i];
        int k = zx_quality_situation_find(r, p->code);
        json_array_append_new(
            points,
            json_pack("{s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:o,s:b}", "staff_id", p->staff_id,
                      "case_id", p->case_id, "unit_id", jstr(p->unit_id), "source",
                      zx_quality_source_code(p->source), "source_label",
                      zx_quality_source_label(p->source), "source_id", p->source_id, "code",
                      p->code, "label", k >= 0 ? zx_quality_situation_label(r, k) : "", "aspect",
                      k >= 0 ? zx_quality_situation_aspect(r, k) : "", "points", p->points, "on",
                      jdate(p->on), "public_prosecution", p->public_prosecution));
    }
    for (size_t i = 0; i < s->ngraded; i++) {
        const struct zx_quality_graded *g = &s->graded[i];
        json_array_append_new(graded,
                              json_pack("{s:s,s:s,s:s,s:s,s:s,s:o}", "staff_id", g->staff_id,
                                        "case_id", g->case_id, "review_id", g->review_id, "grade",
                                        zx_quality_grade_code(g->grade), "grade_label",
                                        zx_quality_grade_label(g->grade), "on", jdate(g->on)));
    }
    for (size_t i = 0; i < s->nover; i++) {
        const struct zx_quality_over *o = &s->over[i];
        json_array_append_new(over,
                              json_pack("{s:s,s:s,s:i,s:i,s:b}", "staff_id", o->staff_id, "case_id",
                                        o->case_id, "points", o->points, "threshold", o->threshold,
                                        "public_prosecution", o->public_prosecution));
    }
    return json_pack("{s:o,s:o,s:{s:i,s:i},s:o,s:o,s:o,s:o}", "from", jdate(s->from), "to",
                     jdate(s->to), "thresholds", "public_prosecution", zx_quality_threshold(r, 1),
                     "other", zx_quality_threshold(r, 0), "staff", staff, "points", points,
                     "graded", graded, "over", over);
}

json_t *zx_quality_plan_json(const struct zx_qstore_plan *p,
                             const struct zx_qstore_plan_case *cases, size_t n)
{
    int k = zx_quality_plan_kind_find(p->kind);
    json_t *o = json_pack(
        "{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:s,s:o,s:I,s:I}", "plan_id", p->plan_id, "unit_id",
        p->unit_id, "kind", p->kind, "kind_label", zx_quality_plan_kind_label(k), "title",
        jstr(p->title), "from", jdate(p->from), "to", jdate(p->to), "ratio",
        p->ratio > 0 ? json_real(p->ratio) : json_null(), "filter", jstr(p->filter), "created_by",
        p->created_by, "created_on", jdate(p->created_on), "cases", (json_int_t)p->ncases,
        "reviewed", (json_int_t)p->nreviewed);
    if (cases) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            int g = zx_quality_grade_find(cases[i].grade);
            json_array_append_new(
                a, json_pack("{s:s,s:o,s:o,s:s,s:o,s:o,s:o}", "case_id", cases[i].case_id,
                             "handler_id", jstr(cases[i].handler_id), "unit_id",
                             jstr(cases[i].unit_id), "reason", cases[i].reason, "review_id",
                             jstr(cases[i].review_id), "grade", jstr(cases[i].grade), "grade_label",
                             g >= 0 ? json_string(zx_quality_grade_label(g)) : json_null()));
        }
        json_object_set_new(o, "items", a);
    }
    return o;
}

json_t *zx_quality_review_json(const struct zx_quality_rules *r, const struct zx_qstore_review *v,
                               const struct zx_qstore_finding *f, size_t nf)
{
    int g = zx_quality_grade_find(v->grade), fg = zx_quality_grade_find(v->final_grade);
    json_t *a = json_array();
    for (size_t i = 0; i < nf; i++) {
        int it = zx_quality_item_find(r, f[i].item), sk = zx_quality_situation_find(r, f[i].code);
        json_array_append_new(
            a, json_pack("{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "item", f[i].item, "label",
                         it >= 0 ? zx_quality_item_label(r, it) : "", "group",
                         it >= 0 ? zx_quality_item_group(r, it) : "", "result", f[i].result, "code",
                         jstr(f[i].code), "code_label",
                         sk >= 0 ? json_string(zx_quality_situation_label(r, sk)) : json_null(),
                         "points",
                         sk >= 0 ? json_integer(zx_quality_situation_points(r, sk)) : json_null(),
                         "note", jstr(f[i].note)));
    }
    return json_pack(
        "{s:s,s:s,s:s,s:o,s:o,s:s,s:o,s:s,s:s,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
        "s:o,s:o,s:o}",
        "review_id", v->review_id, "plan_id", v->plan_id, "case_id", v->case_id, "handler_id",
        jstr(v->handler_id), "unit_id", jstr(v->unit_id), "reviewer", v->reviewer, "graded_on",
        jdate(v->graded_on), "grade", v->grade, "grade_label", zx_quality_grade_label(g),
        "proposed_excellent", v->proposed_excellent, "notes", jstr(v->notes), "objection",
        jstr(v->objection), "objected_by", jstr(v->objected_by), "objected_on",
        jdate(v->objected_on), "response", jstr(v->response), "responded_by", jstr(v->responded_by),
        "responded_on", jdate(v->responded_on), "final_grade", jstr(v->final_grade),
        "final_grade_label", fg >= 0 ? json_string(zx_quality_grade_label(fg)) : json_null(),
        "findings", a, "effective_grade",
        json_string(fg >= 0 ? zx_quality_grade_code(fg) : v->grade));
}

json_t *zx_quality_rules_json(const struct zx_quality_rules *r)
{
    json_t *items = json_array(), *grades = json_array(), *sig = json_array(), *sit = json_array();
    for (int i = 0; i < r->nitem; i++)
        json_array_append_new(items, json_pack("{s:s,s:s,s:s}", "id", r->item[i].id, "label",
                                               r->item[i].label, "group", r->item[i].group));
    for (int g = 0; g < ZX_QG_N; g++)
        json_array_append_new(grades, json_pack("{s:s,s:s}", "id", zx_quality_grade_code(g),
                                                "label", zx_quality_grade_label(g)));
    for (int i = 0; i < r->nsig; i++)
        json_array_append_new(sig, json_pack("{s:s,s:s,s:s}", "id", r->sig[i].id, "label",
                                             r->sig[i].label, "source", r->sig[i].source));
    for (int i = 0; i < r->nsit; i++)
        json_array_append_new(sit, json_pack("{s:s,s:s,s:s,s:i}", "code", r->sit[i].code, "label",
                                             r->sit[i].label, "aspect", r->sit[i].aspect, "points",
                                             r->sit[i].points));
    return json_pack("{s:o,s:o,s:o,s:o,s:i,s:{s:i,s:i}}", "items", items, "grades", grades,
                     "signals", sig, "situations", sit, "fail_flaws", r->fail_flaws, "thresholds",
                     "public_prosecution", r->thr_public, "other", r->thr_other);
}
