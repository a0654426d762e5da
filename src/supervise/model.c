/* model.c — supervision models as data (data/models/<id>.json) and the one evaluator.
 *
 * A model names a base source (sources[0]: "convicts" from the case data, or a dataset)
 * and the datasets collided with it. Each joined source is linked to a base row per person
 * and is either required ("match": some linked row must satisfy the rules) or forbidden
 * ("none": a hit needs that NO linked row satisfies the rules that mention the source — a
 * report within 10 days, a medical visit, an execution filing in time). Values are text:
 * dates are ISO (YYYY-MM-DD), so filters compare them as strings; rules that need day
 * arithmetic parse them. Fuzzy links are scored by the model linkage.c fits for each joined
 * source at the start of a run. */
#include "supervise/internal.h"

#include "collide/collide.h"
#include "util/datafile.h"
#include "util/date.h"

#include <dirent.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SRC   6
#define MAX_RULES 16
#define MAX_COMBO 200000L

enum { MODE_BASE, MODE_MATCH, MODE_NONE };
enum { OP_WITHIN, OP_BEFORE, OP_GAP_GT, OP_GAP_LE, OP_OVERLAP, OP_SAME };

struct zx_sup_model {
    json_t *root;
    char id[64];
    const char *title, *basis, *action, *summary, *lead_title;
    char sources[512];
    char hash[65];
    double threshold;
    int nsrc;
    struct {
        const char *as, *from;
        int mode;
        json_t *where;
    } src[MAX_SRC];
    json_t *rules;
};

/* ---- loading ---- */

void zx_sup_model_free(struct zx_sup_model *m)
{
    if (!m)
        return;
    json_decref(m->root);
    free(m);
}

const char *zx_sup_model_id(const struct zx_sup_model *m)
{
    return m->id;
}
const char *zx_sup_model_title(const struct zx_sup_model *m)
{
    return m->title;
}
const char *zx_sup_model_basis(const struct zx_sup_model *m)
{
    return m->basis;
}
const char *zx_sup_model_action(const struct zx_sup_model *m)
{
    return m->action;
}
const char *zx_sup_model_summary(const struct zx_sup_model *m)
{
    return m->summary;
}
const char *zx_sup_model_sources(const struct zx_sup_model *m)
{
    return m->sources;
}

static int op_of(const char *s)
{
    static const char *const ops[] = {"within", "before", "gap_gt", "gap_le", "overlap", "same"};
    for (int i = 0; i < 6; i++)
        if (s && !strcmp(s, ops[i]))
            return i;
    return -1;
}

static int models_dir(char *out, size_t n)
{
    return zx_datafile_find("models", out, n);
}

int zx_sup_model_load(const char *id_or_path, struct zx_sup_model **out, struct zx_err *err)
{
    char path[4096];
    json_error_t je;
    struct zx_sup_model *m = NULL;
    struct zx_datafile df = {0};
    int rc = ZX_OK;
    *out = NULL;
    if (!id_or_path || !*id_or_path)
        return zx_err_set(err, ZX_EINVAL, "no model named");
    if (!(m = calloc(1, sizeof *m)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    if (strchr(id_or_path, '/') || strstr(id_or_path, ".json")) {
        snprintf(path, sizeof path, "%s", id_or_path);
        FILE *f = fopen(path, "rb");
        if (!f) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no model '%s' (%s)", id_or_path, path);
            goto fail;
        }
        df.text = malloc(1 << 16);
        df.owned = 1;
        df.len = df.text ? fread(df.text, 1, (1 << 16) - 1, f) : 0;
        fclose(f);
        if (!df.text) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto fail;
        }
        df.text[df.len] = '\0';
    } else {
        /* a shipped model: data/models/<id>.json on disk, else the compiled-in copy */
        snprintf(path, sizeof path, "models/%s.json", id_or_path);
        struct zx_err e2 = {0};
        if (zx_datafile_load(path, 1 << 16, &df, &e2)) {
            rc = zx_err_set(err, ZX_ENOTFOUND, "no model '%s'", id_or_path);
            goto fail;
        }
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)df.text, df.len);
    sodium_bin2hex(m->hash, sizeof m->hash, h, sizeof h);
    m->root = json_loadb(df.text, df.len, 0, &je);
    zx_datafile_release(&df);
    if (!m->root) {
        rc = zx_err_set(err, ZX_EINVAL, "%s:%d: %s", path, je.line, je.text);
        goto fail;
    }
    json_t *r = m->root, *srcs = json_object_get(r, "sources");
    const char *id = json_string_value(json_object_get(r, "id"));
    m->title = json_string_value(json_object_get(r, "title"));
    m->basis = json_string_value(json_object_get(r, "basis"));
    m->action = json_string_value(json_object_get(r, "action"));
    m->summary = json_string_value(json_object_get(r, "summary"));
    m->lead_title = json_string_value(json_object_get(r, "lead_title"));
    m->rules = json_object_get(r, "rules");
    json_t *th = json_object_get(r, "threshold");
    m->threshold = json_is_number(th) ? json_number_value(th) : 0.9;
    if (!id || strlen(id) >= sizeof m->id || !m->title || !m->basis || !m->action ||
        !json_is_array(srcs) || json_array_size(srcs) < 1 || json_array_size(srcs) > MAX_SRC ||
        (m->rules && (!json_is_array(m->rules) || json_array_size(m->rules) > MAX_RULES))) {
        rc = zx_err_set(err, ZX_EINVAL,
                        "%s: a model needs id, title, basis, action and 1..%d sources", path,
                        MAX_SRC);
        goto fail;
    }
    snprintf(m->id, sizeof m->id, "%s", id);
    if (!m->summary)
        m->summary = "";
    m->nsrc = (int)json_array_size(srcs);
    size_t used = 0;
    for (int i = 0; i < m->nsrc; i++) {
        json_t *s = json_array_get(srcs, (size_t)i);
        const char *mode = json_string_value(json_object_get(s, "require"));
        m->src[i].as = json_string_value(json_object_get(s, "as"));
        m->src[i].from = json_string_value(json_object_get(s, "from"));
        m->src[i].where = json_object_get(s, "where");
        m->src[i].mode = i == 0                          ? MODE_BASE
                         : mode && !strcmp(mode, "none") ? MODE_NONE
                                                         : MODE_MATCH;
        if (!m->src[i].as || !m->src[i].from ||
            (mode && strcmp(mode, "none") && strcmp(mode, "match")) ||
            (m->src[i].where && !json_is_array(m->src[i].where))) {
            rc = zx_err_set(err, ZX_EINVAL, "%s: sources[%d]: needs \"as\", \"from\"", path, i);
            goto fail;
        }
        used += (size_t)snprintf(m->sources + used, sizeof m->sources - used, "%s%s", i ? ";" : "",
                                 m->src[i].from);
        if (used >= sizeof m->sources)
            used = sizeof m->sources - 1;
    }
    size_t k;
    json_t *ru;
    json_array_foreach(m->rules, k, ru) if (op_of(json_string_value(json_object_get(ru, "op"))) < 0)
    {
        rc = zx_err_set(
            err, ZX_EINVAL,
            "%s: rules[%zu]: op must be within, before, gap_gt, gap_le, overlap or same", path, k);
        goto fail;
    }
    *out = m;
    return ZX_OK;
fail:
    zx_sup_model_free(m);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void zx_sup_model_ids_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

static int push_id(char ***ids, size_t *n, size_t *cap, const char *name, size_t l)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        char **ni = realloc(*ids, *cap * sizeof *ni);
        if (!ni)
            return -1;
        *ids = ni;
    }
    if (!((*ids)[*n] = strndup(name, l)))
        return -1;
    (*n)++;
    return 0;
}

int zx_sup_model_ids(char ***ids, size_t *n, struct zx_err *err)
{
    char dir[4096];
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    if (models_dir(dir, sizeof dir) == 0) {
        DIR *d = opendir(dir);
        if (!d)
            return zx_err_set(err, ZX_EIO, "%s: cannot list", dir);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l < 6 || strcmp(e->d_name + l - 5, ".json"))
                continue;
            if (push_id(ids, n, &cap, e->d_name, l - 5)) {
                closedir(d);
                goto oom;
            }
        }
        closedir(d);
    } else {
        /* no data/ folder: the models compiled into the binary */
        for (const struct zx_datafile_builtin *b = zx_datafile_builtins(); b->name; b++) {
            size_t l = strlen(b->name);
            if (!strncmp(b->name, "models/", 7) && l > 12 && !strcmp(b->name + l - 5, ".json") &&
                push_id(ids, n, &cap, b->name + 7, l - 12))
                goto oom;
        }
    }
    if (*n)
        qsort(*ids, *n, sizeof **ids, cmp_str);
    return ZX_OK;
oom:
    zx_sup_model_ids_free(*ids, *n);
    *ids = NULL;
    *n = 0;
    return zx_err_set(err, ZX_ENOMEM, "out of memory");
}

/* ---- sources in memory ---- */

struct row {
    char **v; /* one value per field, "" when empty */
    const char *id, *name, *birth;
    long line;
    size_t ds; /* which of the source's datasets (metas) it comes from */
};

struct source {
    const char *as;
    int mode, nf, key_f, unit_f;
    char **fields;
    struct row *rows;
    size_t n, cap;
    struct zx_dataset_meta meta;   /* the first of metas (name, title) */
    struct zx_dataset_meta *metas; /* the latest version of the dataset of each unit in scope */
    size_t nmeta;
    char ids[512]; /* their dataset ids, ';'-separated */
    int is_convicts;
    const char *title;
    size_t *by_id, *by_birth, *by_name; /* row indexes sorted by key */
    int *stamp;
    struct zx_sup_linkage *lk; /* joined sources: the model linking them to the base */
};

static void source_free(struct source *s)
{
    for (size_t i = 0; i < s->n; i++) {
        for (int f = 0; f < s->nf; f++)
            free(s->rows[i].v[f]);
        free(s->rows[i].v);
    }
    for (int f = 0; f < s->nf; f++)
        free(s->fields[f]);
    free(s->fields);
    free(s->rows);
    free(s->by_id);
    free(s->by_birth);
    free(s->by_name);
    free(s->stamp);
    zx_sup_linkage_free(s->lk);
    free(s->metas);
}

static int field_index(const struct source *s, const char *name)
{
    for (int f = 0; f < s->nf; f++)
        if (!strcmp(s->fields[f], name))
            return f;
    return -1;
}

static struct row *add_row(struct source *s)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        struct row *nr = realloc(s->rows, nc * sizeof *nr);
        if (!nr)
            return NULL;
        s->rows = nr;
        s->cap = nc;
    }
    struct row *r = &s->rows[s->n];
    memset(r, 0, sizeof *r);
    if (!(r->v = calloc((size_t)s->nf, sizeof *r->v)))
        return NULL;
    s->n++;
    return r;
}

static const char *const convict_fields[] = {
    "convict_id",       "name",    "id_number",      "birth_date",   "charge",      "sentence_kind",
    "institution_kind", "unit_id", "sentence_start", "sentence_end", "term_months", "release_on",
    "release_ground"};
#define NCF ((int)(sizeof convict_fields / sizeof convict_fields[0]))

static char *dup_date(int32_t d)
{
    char b[16] = "";
    if (d != ZX_DATE_NULL)
        zx_date_format(d, b);
    return strdup(b);
}

static int convict_cb(void *ud, const struct zx_ds_convict *c)
{
    struct source *s = ud;
    struct row *r = add_row(s);
    char tm[24] = "";
    if (!r)
        return ZX_ENOMEM;
    if (c->term_months != ZX_STORE_NULL_INT)
        snprintf(tm, sizeof tm, "%lld", (long long)c->term_months);
    const char *t[NCF] = {
        c->convict_id,       c->name,    c->id_number, NULL, c->charge, c->sentence_kind,
        c->institution_kind, c->unit_id, NULL,         NULL, tm,        NULL,
        c->release_ground};
    for (int f = 0; f < NCF; f++) {
        r->v[f] = f == 3    ? dup_date(c->birth_date)
                  : f == 8  ? dup_date(c->sentence_start)
                  : f == 9  ? dup_date(c->sentence_end)
                  : f == 11 ? dup_date(c->release_on)
                            : strdup(t[f] ? t[f] : "");
        if (!r->v[f])
            return ZX_ENOMEM;
    }
    r->id = r->v[2];
    r->name = r->v[1];
    r->birth = r->v[3];
    return 0;
}

struct ds_load {
    struct source *s;
    int id_f, name_f, birth_f;
    size_t ds;
};

static int ds_row_cb(void *ud, long line, const char *id_number, const char *name, int32_t birth,
                     const char *vals, const char *raw)
{
    (void)id_number, (void)name, (void)birth, (void)raw;
    struct ds_load *L = ud;
    struct source *s = L->s;
    json_t *o = json_loads(vals, 0, NULL);
    struct row *r = o ? add_row(s) : NULL;
    if (!r) {
        json_decref(o);
        return ZX_ENOMEM;
    }
    r->line = line;
    r->ds = L->ds;
    for (int f = 0; f < s->nf; f++) {
        const char *v = json_string_value(json_object_get(o, s->fields[f]));
        if (!(r->v[f] = strdup(v ? v : ""))) {
            json_decref(o);
            return ZX_ENOMEM;
        }
    }
    json_decref(o);
    r->id = L->id_f >= 0 ? r->v[L->id_f] : "";
    r->name = L->name_f >= 0 ? r->v[L->name_f] : "";
    r->birth = L->birth_f >= 0 ? r->v[L->birth_f] : "";
    return 0;
}

static int meta_cb(void *ud, const struct zx_dataset_meta *m)
{
    struct source *s = ud;
    struct zx_dataset_meta *nm = realloc(s->metas, (s->nmeta + 1) * sizeof *nm);
    if (!nm)
        return ZX_ENOMEM;
    s->metas = nm;
    s->metas[s->nmeta++] = *m;
    return 0;
}

/* Load source `from`: the case data's convicts, or the latest version of dataset `from` of
 * each unit in the subtree of unit_id (NULL: every unit) — a city's run reads each of its
 * counties' rosters. Their rows are read by the first one's schema fields. */
static int load_source(struct zx_store *st, const char *from, const char *unit_id, struct source *s,
                       struct zx_err *err)
{
    int rc;
    s->key_f = s->unit_f = -1;
    if (!strcmp(from, "convicts")) {
        s->is_convicts = 1;
        s->title = "罪犯信息（检察业务数据）";
        s->nf = NCF;
        if (!(s->fields = calloc(NCF, sizeof *s->fields)))
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        for (int f = 0; f < NCF; f++)
            if (!(s->fields[f] = strdup(convict_fields[f])))
                return zx_err_set(err, ZX_ENOMEM, "out of memory");
        s->key_f = 0;
        s->unit_f = 7;
        rc = zx_ds_convicts(st, convict_cb, s, err);
        if (rc == ZX_ENOMEM)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        return rc;
    }
    if ((rc = zx_dataset_latest(st, unit_id, from, meta_cb, s, err)))
        return rc == ZX_ENOMEM ? zx_err_set(err, ZX_ENOMEM, "out of memory") : rc;
    if (!s->nmeta)
        return zx_err_setm(err, ZX_ENOTFOUND, ZX_M_MODEL_NO_DATASET, from,
                           unit_id ? unit_id : "(any)");
    s->meta = s->metas[0];
    size_t used = 0;
    for (size_t k = 0; k < s->nmeta; k++) {
        used += (size_t)snprintf(s->ids + used, sizeof s->ids - used, "%s%s", k ? ";" : "",
                                 s->metas[k].dataset_id);
        if (used >= sizeof s->ids)
            used = sizeof s->ids - 1;
    }
    s->title = s->meta.title;
    char *text = NULL;
    struct zx_sup__schema sc = {0};
    json_t *root = NULL;
    if ((rc = zx_dataset_schema(st, s->meta.rid, &text, err)))
        return rc;
    root = json_loads(text, 0, NULL);
    free(text);
    if (!root || (rc = zx_sup__schema_parse(root, from, &sc, err))) {
        json_decref(root);
        return rc ? rc : zx_err_set(err, ZX_EINVAL, "dataset '%s': stored schema unreadable", from);
    }
    struct ds_load L = {s, -1, -1, -1, 0};
    s->nf = (int)sc.n;
    if (!(s->fields = calloc(sc.n, sizeof *s->fields)))
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    const char *key = json_string_value(json_object_get(root, "key"));
    for (size_t i = 0; i < sc.n && !rc; i++) {
        if (!(s->fields[i] = strdup(sc.cols[i].field)))
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        if (sc.cols[i].role == ZX_SUP__ID && L.id_f < 0)
            L.id_f = (int)i;
        if (sc.cols[i].role == ZX_SUP__NAME && L.name_f < 0)
            L.name_f = (int)i;
        if (sc.cols[i].role == ZX_SUP__BIRTH && L.birth_f < 0)
            L.birth_f = (int)i;
        if (sc.cols[i].role == ZX_SUP__UNIT && s->unit_f < 0)
            s->unit_f = (int)i;
        if (key && !strcmp(key, sc.cols[i].field))
            s->key_f = (int)i;
    }
    zx_sup__schema_free(&sc);
    json_decref(root);
    if (rc)
        return rc;
    for (L.ds = 0; L.ds < s->nmeta && !rc; L.ds++)
        rc = zx_dataset_rows(st, s->metas[L.ds].rid, ds_row_cb, &L, err);
    return rc == ZX_ENOMEM ? zx_err_set(err, ZX_ENOMEM, "out of memory") : rc;
}

/* sorting row indexes by one key */
static const struct source *sort_src;
static int sort_which;
static const char *key_of(const struct row *r, int which)
{
    return which == 0 ? r->id : which == 1 ? r->birth : r->name;
}
static int cmp_idx(const void *a, const void *b)
{
    const struct row *ra = &sort_src->rows[*(const size_t *)a],
                     *rb = &sort_src->rows[*(const size_t *)b];
    int c = strcmp(key_of(ra, sort_which), key_of(rb, sort_which));
    return c ? c
             : (*(const size_t *)a > *(const size_t *)b) -
                   (*(const size_t *)a < *(const size_t *)b);
}

static int build_index(struct source *s, struct zx_err *err)
{
    size_t **ix[3] = {&s->by_id, &s->by_birth, &s->by_name};
    if (!(s->stamp = calloc(s->n + 1, sizeof *s->stamp)))
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    for (int w = 0; w < 3; w++) {
        if (!(*ix[w] = malloc((s->n + 1) * sizeof **ix[w])))
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        for (size_t i = 0; i < s->n; i++)
            (*ix[w])[i] = i;
        sort_src = s;
        sort_which = w;
        qsort(*ix[w], s->n, sizeof **ix[w], cmp_idx);
    }
    return ZX_OK;
}

/* the first position in ix whose key is k, or s->n */
static size_t lower(const struct source *s, const size_t *ix, int which, const char *k)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(key_of(&s->rows[ix[mid]], which), k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- filters and rules ---- */

struct ref {
    int src, f;
};

static int resolve(const struct source *S, int nsrc, const char *spec, struct ref *out)
{
    if (spec && !strcmp(spec, "$as_of")) { /* the run's as-of day */
        out->src = -1;
        out->f = 0;
        return 0;
    }
    const char *dot = spec ? strchr(spec, '.') : NULL;
    if (!dot)
        return -1;
    for (int i = 0; i < nsrc; i++)
        if (strlen(S[i].as) == (size_t)(dot - spec) &&
            !memcmp(S[i].as, spec, (size_t)(dot - spec))) {
            out->src = i;
            out->f = field_index(&S[i], dot + 1);
            return out->f < 0 ? -1 : 0;
        }
    return -1;
}

static int pass_filter(const struct source *s, const struct row *r, json_t *where)
{
    size_t i;
    json_t *w;
    json_array_foreach(where, i, w)
    {
        int f = field_index(s, json_string_value(json_object_get(w, "field")));
        const char *v = f >= 0 ? r->v[f] : "";
        json_t *x;
        if ((x = json_object_get(w, "in")) || (x = json_object_get(w, "not_in"))) {
            int in = 0;
            size_t k;
            json_t *e;
            json_array_foreach(x, k, e) in |= json_is_string(e) && !strcmp(json_string_value(e), v);
            if (in != (json_object_get(w, "in") != NULL))
                return 0;
        }
        if ((x = json_object_get(w, "eq")) &&
            strcmp(json_string_value(x) ? json_string_value(x) : "", v))
            return 0;
        if ((x = json_object_get(w, "empty")) && (json_is_true(x) != (*v == '\0')))
            return 0;
        if ((x = json_object_get(w, "contains")) && json_is_string(x) &&
            !strstr(v, json_string_value(x)))
            return 0;
        static const char *const cmp[] = {"gt", "ge", "lt", "le"};
        for (int c = 0; c < 4; c++) {
            if (!(x = json_object_get(w, cmp[c])))
                continue;
            if (!*v)
                return 0;
            double d;
            if (json_is_number(x))
                d = strtod(v, NULL) - json_number_value(x);
            else
                d = strcmp(v, json_string_value(x) ? json_string_value(x) : "");
            if ((c == 0 && !(d > 0)) || (c == 1 && !(d >= 0)) || (c == 2 && !(d < 0)) ||
                (c == 3 && !(d <= 0)))
                return 0;
        }
    }
    return 1;
}

struct rule {
    int op, months, days, open_asof, open_inf;
    struct ref a, b, c, d;
    unsigned mask; /* sources it reads */
};

static int32_t day_of(const char *v)
{
    int32_t d;
    return v && *v && zx_date_parse(v, strlen(v), &d) == 0 ? d : ZX_DATE_NULL;
}

/* rows: the current row of every source (NULL for sources not bound) */
static int rule_holds(const struct rule *ru, const struct source *S, const struct row *const *rows,
                      int32_t as_of)
{
#define VAL(rf) ((rf).src < 0 ? "" : rows[(rf).src] ? rows[(rf).src]->v[(rf).f] : "")
#define DAY(rf) ((rf).src < 0 ? as_of : day_of(VAL(rf)))
    int32_t a = DAY(ru->a), b = DAY(ru->b);
    (void)S;
    switch (ru->op) {
    case OP_SAME: /* the same text in both */
        return *VAL(ru->a) && !strcmp(VAL(ru->a), VAL(ru->b));
    case OP_WITHIN: { /* a in [b, c] */
        int32_t c = DAY(ru->c);
        if (c == ZX_DATE_NULL && ru->open_asof)
            c = as_of;
        return a != ZX_DATE_NULL && b != ZX_DATE_NULL && a >= b && (c == ZX_DATE_NULL || a <= c);
    }
    case OP_BEFORE:
        return a != ZX_DATE_NULL && b != ZX_DATE_NULL && a < b;
    case OP_GAP_GT:
    case OP_GAP_LE: { /* b − a > N (days or months) */
        if (b == ZX_DATE_NULL && ru->open_asof)
            b = as_of;
        if (a != ZX_DATE_NULL && b == ZX_DATE_NULL && ru->open_inf)
            return ru->op == OP_GAP_GT; /* an open end is later than any limit */
        if (a == ZX_DATE_NULL || b == ZX_DATE_NULL)
            return 0;
        int32_t lim = ru->months ? zx_date_add_months(a, ru->months) : a + ru->days;
        return ru->op == OP_GAP_GT ? b > lim : b <= lim;
    }
    case OP_OVERLAP: { /* [a, b] meets [c, d]; an empty end is open */
        int32_t c = DAY(ru->c), d = DAY(ru->d);
        if (a == ZX_DATE_NULL || c == ZX_DATE_NULL)
            return 0;
        return (d == ZX_DATE_NULL || a <= d) && (b == ZX_DATE_NULL || c <= b);
    }
    }
    return 0;
#undef VAL
#undef DAY
}

static int parse_rules(const struct zx_sup_model *m, const struct source *S, struct rule *R,
                       int *nr, struct zx_err *err)
{
    size_t k;
    json_t *ru;
    *nr = 0;
    json_array_foreach(m->rules, k, ru)
    {
        struct rule *r = &R[(*nr)++];
        memset(r, 0, sizeof *r);
        r->op = op_of(json_string_value(json_object_get(ru, "op")));
        static const char *const names[6][4] = {
            {"field", "from", "to", NULL},        {"a", "b", NULL, NULL},
            {"from", "to", NULL, NULL},           {"from", "to", NULL, NULL},
            {"a_from", "a_to", "b_from", "b_to"}, {"a", "b", NULL, NULL}};
        struct ref *refs[4] = {&r->a, &r->b, &r->c, &r->d};
        for (int i = 0; i < 4; i++) {
            if (!names[r->op][i]) {
                refs[i]->src = 0;
                refs[i]->f = -1;
                continue;
            }
            const char *spec = json_string_value(json_object_get(ru, names[r->op][i]));
            if (resolve(S, m->nsrc, spec, refs[i]))
                return zx_err_set(err, ZX_EINVAL, "model %s: rules[%zu]: %s: unknown field '%s'",
                                  m->id, k, names[r->op][i], spec ? spec : "");
            if (refs[i]->src >= 0)
                r->mask |= 1u << refs[i]->src;
        }
        r->days = (int)json_integer_value(json_object_get(ru, "days"));
        r->months = (int)json_integer_value(json_object_get(ru, "months"));
        const char *open = json_string_value(json_object_get(ru, "open"));
        r->open_asof = open && !strcmp(open, "as_of");
        r->open_inf = open && !strcmp(open, "inf");
        int nones = 0;
        for (int i = 0; i < m->nsrc; i++)
            nones += (r->mask >> i & 1) && S[i].mode == MODE_NONE;
        if (nones > 1)
            return zx_err_set(err, ZX_EINVAL, "model %s: rules[%zu] reads two \"none\" sources",
                              m->id, k);
    }
    /* a rule's fields must all exist: the safety net for a unknown ref above */
    for (int i = 0; i < *nr; i++)
        if (R[i].a.f < 0 || R[i].b.f < 0)
            return zx_err_set(err, ZX_EINVAL, "model %s: rules[%d] incomplete", m->id, i);
    return ZX_OK;
}

/* ---- evaluation ---- */

struct cand {
    size_t row;
    double p; /* 1 for the same citizen id */
    int used; /* in the evidence */
    int fuzzy;
};

struct linked {
    struct cand *c;
    size_t n, cap;
};

static int push(struct linked *L, size_t row, double p, int fuzzy)
{
    if (L->n == L->cap) {
        size_t nc = L->cap ? L->cap * 2 : 16;
        struct cand *n = realloc(L->c, nc * sizeof *n);
        if (!n)
            return -1;
        L->c = n;
        L->cap = nc;
    }
    L->c[L->n++] = (struct cand){row, p, 0, fuzzy};
    return 0;
}

/* The rows of s that are the person of base row b: the same citizen id, or a match
 * probability of at least th over id, name and birth date under s's fitted linkage model
 * (blocked on the same birth date or the same name). */
static int link_rows(struct source *s, const struct row *b, json_t *where, double th, int stamp,
                     struct linked *L, int64_t *fuzzy)
{
    L->n = 0;
    if (*b->id) {
        for (size_t i = lower(s, s->by_id, 0, b->id);
             i < s->n && !strcmp(s->rows[s->by_id[i]].id, b->id); i++) {
            size_t r = s->by_id[i];
            s->stamp[r] = stamp;
            if (pass_filter(s, &s->rows[r], where) && push(L, r, 1.0, 0))
                return -1;
        }
    }
    for (int w = 1; w <= 2; w++) {
        const char *k = w == 1 ? b->birth : b->name;
        const size_t *ix = w == 1 ? s->by_birth : s->by_name;
        if (!*k)
            continue;
        for (size_t i = lower(s, ix, w, k); i < s->n && !strcmp(key_of(&s->rows[ix[i]], w), k);
             i++) {
            size_t r = ix[i];
            if (s->stamp[r] == stamp)
                continue;
            s->stamp[r] = stamp;
            const struct row *x = &s->rows[r];
            struct zx_sup_person pa = {b->id, b->name, b->birth}, pb = {x->id, x->name, x->birth};
            double p = zx_sup_linkage_probability(s->lk, &pa, &pb);
            if (p >= th && pass_filter(s, x, where)) {
                if (push(L, r, p, 1))
                    return -1;
                (*fuzzy)++;
            }
        }
    }
    return 0;
}

/* Fit the model linking j's rows to the base's: over all rows of both, whatever the model's
 * filters, so a person's link does not depend on which model asks. */
static int fit_linkage(const struct source *base, struct source *j, struct zx_err *err)
{
    struct zx_sup_person *a = malloc((base->n + 1) * sizeof *a),
                         *b = malloc((j->n + 1) * sizeof *b);
    int rc = ZX_OK;
    if (!a || !b) {
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < base->n; i++)
        a[i] = (struct zx_sup_person){base->rows[i].id, base->rows[i].name, base->rows[i].birth};
    for (size_t i = 0; i < j->n; i++)
        b[i] = (struct zx_sup_person){j->rows[i].id, j->rows[i].name, j->rows[i].birth};
    rc = zx_sup_linkage_fit(a, base->n, b, j->n, &j->lk, err);
cleanup:
    free(a);
    free(b);
    return rc;
}

struct eval {
    const struct zx_sup_model *m;
    struct source *S;
    struct rule *R;
    int nr;
    struct linked *L;
    const struct row *rows[MAX_SRC];
    const struct row *first[MAX_SRC]; /* the first combination that hit: the lead's title */
    size_t pick[MAX_SRC];
    int32_t as_of;
    long combos;
    int hit;
};

/* Does some row of none-source n satisfy every rule that reads it, given the bound rows? */
static int compliant(struct eval *E, int n)
{
    for (size_t i = 0; i < E->L[n].n; i++) {
        E->rows[n] = &E->S[n].rows[E->L[n].c[i].row];
        int ok = 1;
        for (int k = 0; k < E->nr && ok; k++)
            if (E->R[k].mask >> n & 1)
                ok = rule_holds(&E->R[k], E->S, E->rows, E->as_of);
        if (ok) {
            E->rows[n] = NULL;
            return 1;
        }
    }
    E->rows[n] = NULL;
    return 0;
}

static void combo(struct eval *E, int j)
{
    if (++E->combos > MAX_COMBO)
        return;
    while (j < E->m->nsrc && E->S[j].mode != MODE_MATCH)
        j++;
    if (j < E->m->nsrc) {
        for (size_t i = 0; i < E->L[j].n; i++) {
            E->rows[j] = &E->S[j].rows[E->L[j].c[i].row];
            E->pick[j] = i;
            combo(E, j + 1);
        }
        E->rows[j] = NULL;
        return;
    }
    unsigned none = 0;
    for (int i = 0; i < E->m->nsrc; i++)
        none |= (unsigned)(E->S[i].mode == MODE_NONE) << i;
    for (int k = 0; k < E->nr; k++)
        if (!(E->R[k].mask & none) && !rule_holds(&E->R[k], E->S, E->rows, E->as_of))
            return;
    for (int n = 0; n < E->m->nsrc; n++)
        if (E->S[n].mode == MODE_NONE && compliant(E, n))
            return;
    if (!E->hit)
        memcpy(E->first, E->rows, sizeof E->first);
    E->hit = 1;
    for (int i = 1; i < E->m->nsrc; i++)
        if (E->S[i].mode == MODE_MATCH)
            E->L[i].c[E->pick[i]].used = 1;
        else
            for (size_t q = 0; q < E->L[i].n; q++)
                E->L[i].c[q].used = 1;
}

static json_t *linkage_json(const struct zx_sup_linkage *lk)
{
    struct zx_sup_linkage_info in;
    zx_sup_linkage_get_info(lk, &in);
    return json_pack("{s:s,s:s,s:I,s:I,s:i,s:f}", "estimate", zx_sup_linkage_method(lk), "note",
                     zx_sup_linkage_note(lk), "candidates", (json_int_t)in.candidates,
                     "random_pairs", (json_int_t)in.random_pairs, "iterations", in.iterations,
                     "lambda", in.lambda);
}

static json_t *row_json(const struct source *s, const struct row *r)
{
    json_t *o = json_object();
    for (int f = 0; f < s->nf && o; f++)
        if (*r->v[f])
            json_object_set_new(o, s->fields[f], json_string(r->v[f]));
    return o;
}

/* "{c.name}服刑期间领取养老金" with the base row's values */
static void fill_title(const char *tpl, const struct source *S, int nsrc,
                       const struct row *const *rows, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    for (const char *p = tpl; *p && k + 1 < n;) {
        const char *e = *p == '{' ? strchr(p, '}') : NULL;
        if (e) {
            char spec[128];
            struct ref rf;
            snprintf(spec, sizeof spec, "%.*s", (int)(e - p - 1), p + 1);
            if (!resolve(S, nsrc, spec, &rf) && rows[rf.src]) {
                k += (size_t)snprintf(out + k, n - k, "%s", rows[rf.src]->v[rf.f]);
                if (k >= n)
                    k = n - 1;
                p = e + 1;
                continue;
            }
        }
        out[k++] = *p++;
        out[k] = '\0';
    }
}

int zx_sup_model_run(struct zx_store *st, const struct zx_sup_model *m,
                     const struct zx_sup_run_opts *o, struct zx_sup_run_result *res,
                     struct zx_err *err)
{
    struct source S[MAX_SRC];
    struct linked L[MAX_SRC];
    struct rule R[MAX_RULES];
    char dsl[1024] = "";
    int nr = 0, rc = ZX_OK, in_tx = 0;
    int64_t run_rid = 0;
    memset(S, 0, sizeof S);
    memset(L, 0, sizeof L);
    memset(res, 0, sizeof *res);
    double th = o->threshold > 0 ? o->threshold : m->threshold;
    char root[ZX_DS_ID_MAX];
    if ((rc = zx_ds_root_unit(st, root, err)))
        return rc;

    size_t used = 0;
    int32_t as_of = o->as_of;
    int32_t latest = ZX_DATE_NULL;
    for (int i = 0; i < m->nsrc; i++) {
        S[i].as = m->src[i].as;
        S[i].mode = m->src[i].mode;
        if ((rc = load_source(st, m->src[i].from, o->unit_id, &S[i], err)))
            goto cleanup;
        if (i > 0 && (rc = build_index(&S[i], err)))
            goto cleanup;
        if (!S[i].is_convicts) {
            for (size_t k = 0; k < S[i].nmeta; k++)
                if (S[i].metas[k].received_on != ZX_DATE_NULL &&
                    (latest == ZX_DATE_NULL || S[i].metas[k].received_on > latest))
                    latest = S[i].metas[k].received_on;
            used +=
                (size_t)snprintf(dsl + used, sizeof dsl - used, "%s%s", used ? ";" : "", S[i].ids);
            if (used >= sizeof dsl)
                used = sizeof dsl - 1;
        }
    }
    for (int j = 1; j < m->nsrc; j++)
        if ((rc = fit_linkage(&S[0], &S[j], err)))
            goto cleanup;
    if (as_of == ZX_DATE_NULL)
        as_of = latest != ZX_DATE_NULL ? latest : zx_date_today();
    res->as_of = as_of;
    if ((rc = parse_rules(m, S, R, &nr, err)))
        goto cleanup;
    if ((rc = zx_store_begin(st, err)))
        goto cleanup;
    in_tx = 1;
    if ((rc = zx_lead_run_start(st, m->id, m->hash, o->unit_id, as_of, o->by, dsl, &run_rid,
                                res->run_id, err)))
        goto cleanup;
    struct eval E = {.m = m, .S = S, .R = R, .nr = nr, .L = L, .as_of = as_of};
    for (size_t b = 0; b < S[0].n; b++) {
        const struct row *br = &S[0].rows[b];
        if (!pass_filter(&S[0], br, m->src[0].where))
            continue;
        res->base_rows++;
        int skip = 0;
        for (int j = 1; j < m->nsrc && !skip; j++) {
            if (link_rows(&S[j], br, m->src[j].where, th, (int)b + 1, &L[j], &res->fuzzy_links)) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            skip = S[j].mode == MODE_MATCH && L[j].n == 0;
        }
        if (skip)
            continue;
        memset(E.rows, 0, sizeof E.rows);
        memset(E.first, 0, sizeof E.first);
        E.rows[0] = br;
        E.combos = 0;
        E.hit = 0;
        combo(&E, 1);
        if (!E.hit)
            continue;
        /* the lead */
        struct zx_lead lead;
        memset(&lead, 0, sizeof lead);
        const char *ds_unit = S[0].is_convicts ? "" : S[0].metas[br->ds].unit_id;
        const char *unit = S[0].unit_f >= 0 && *br->v[S[0].unit_f] ? br->v[S[0].unit_f] : ds_unit;
        if (o->unit_id) {
            int within = 0;
            if ((rc = zx_ds_unit_within(st, o->unit_id, unit, &within, err)))
                goto cleanup;
            if (!within)
                continue;
        }
        res->hits++;
        snprintf(lead.model, sizeof lead.model, "%s", m->id);
        if (S[0].is_convicts)
            snprintf(lead.hit_key, sizeof lead.hit_key, "%s", br->v[0]);
        else {
            /* a base row is one per unit's dataset: the key names the unit, except for the
             * root's datasets, whose keys keep the form they had before datasets had units
             * (migration 14) so that rerunning a model adds no duplicate of an older lead */
            char pre[ZX_DS_ID_MAX + 2] = "";
            if (strcmp(ds_unit, root))
                snprintf(pre, sizeof pre, "%s/", ds_unit);
            if (S[0].key_f >= 0)
                snprintf(lead.hit_key, sizeof lead.hit_key, "%s%s:%s", pre, S[0].meta.name,
                         br->v[S[0].key_f]);
            else
                snprintf(lead.hit_key, sizeof lead.hit_key, "%s%s:%s:%ld", pre, S[0].meta.name,
                         br->id, br->line);
        }
        snprintf(lead.unit_id, sizeof lead.unit_id, "%s", unit);
        snprintf(lead.person_name, sizeof lead.person_name, "%s", br->name);
        snprintf(lead.id_number, sizeof lead.id_number, "%s", br->id);
        /* combo() clears the matched rows on its way out: the title reads the hit's */
        fill_title(m->lead_title ? m->lead_title : m->title, S, m->nsrc, E.first, lead.title,
                   sizeof lead.title);
        snprintf(lead.basis, sizeof lead.basis, "%s", m->basis);
        snprintf(lead.action, sizeof lead.action, "%s", m->action);
        lead.created_on = as_of;
        lead.probability = 1.0;
        json_t *ev = json_object(), *arr = json_array();
        char asof_s[16];
        zx_date_format(as_of, asof_s);
        json_object_set_new(ev, "model", json_string(m->id));
        json_object_set_new(ev, "title", json_string(m->title));
        json_object_set_new(ev, "as_of", json_string(asof_s));
        json_object_set_new(ev, "sources", arr);
        for (int j = 0; j < m->nsrc; j++) {
            json_t *sj = json_object(), *rows = json_array();
            json_object_set_new(sj, "as", json_string(S[j].as));
            json_object_set_new(sj, "source",
                                json_string(S[j].is_convicts ? "convicts" : S[j].ids));
            json_object_set_new(sj, "title", json_string(S[j].title ? S[j].title : ""));
            json_object_set_new(sj, "require",
                                json_string(j == 0                   ? "base"
                                            : S[j].mode == MODE_NONE ? "none"
                                                                     : "match"));
            json_object_set_new(sj, "rows", rows);
            int fuzzy = 0;
            if (j == 0) {
                json_t *r = json_object();
                json_object_set_new(r, "match", json_string("base"));
                if (br->line)
                    json_object_set_new(r, "line", json_integer(br->line));
                if (S[0].nmeta > 1)
                    json_object_set_new(r, "dataset", json_string(S[0].metas[br->ds].dataset_id));
                json_object_set_new(r, "values", row_json(&S[0], br));
                json_array_append_new(rows, r);
            } else
                for (size_t q = 0; q < L[j].n; q++) {
                    if (!L[j].c[q].used)
                        continue;
                    const struct row *x = &S[j].rows[L[j].c[q].row];
                    json_t *r = json_object();
                    json_object_set_new(r, "match",
                                        json_string(L[j].c[q].fuzzy ? "fuzzy" : "exact"));
                    if (L[j].c[q].fuzzy) {
                        double p = floor(L[j].c[q].p * 10000) / 10000; /* never rounds up to 1 */
                        json_object_set_new(r, "probability", json_real(p));
                        json_object_set_new(r, "estimate",
                                            json_string(zx_sup_linkage_method(S[j].lk)));
                        if (p < lead.probability)
                            lead.probability = p;
                        fuzzy = 1;
                    }
                    json_object_set_new(r, "line", json_integer(x->line));
                    if (S[j].nmeta > 1)
                        json_object_set_new(r, "dataset",
                                            json_string(S[j].metas[x->ds].dataset_id));
                    json_object_set_new(r, "values", row_json(&S[j], x));
                    json_array_append_new(rows, r);
                }
            if (fuzzy) /* how the probabilities were estimated */
                json_object_set_new(sj, "linkage", linkage_json(S[j].lk));
            json_array_append_new(arr, sj);
        }
        lead.evidence = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(ev);
        if (!lead.evidence) {
            rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
            goto cleanup;
        }
        int created = 0;
        rc = zx_lead_insert(st, run_rid, &lead, o->by, &created, err);
        free(lead.evidence);
        if (rc)
            goto cleanup;
        res->new_leads += created;
    }
    if ((rc = zx_lead_run_finish(st, run_rid, res->hits, res->new_leads, err)) ||
        (rc = zx_store_commit(st, err)))
        goto cleanup;
    in_tx = 0;
cleanup:
    if (in_tx)
        zx_store_rollback(st);
    for (int i = 0; i < MAX_SRC; i++) {
        source_free(&S[i]);
        free(L[i].c);
    }
    return rc;
}
