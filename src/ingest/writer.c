#include "ingest/writer.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define NBATCH 4    /* batches in flight: one being filled, up to three being written */
#define NOPS   4096 /* rows per batch */
#define ARENA  (1u << 20)

struct op {
    enum zx_table t;
    int update;
    int64_t rid;
    uint64_t hash;
    union zx_ingest__row row;
};

struct batch {
    struct op *ops;
    size_t nops;
    char *arena;
    size_t alen, acap;
    int full; /* 1: handed to the writer; 0: free for the parser */
};

struct zx_ingest__writer {
    struct zx_store *st;
    int64_t import_id;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any change of a batch's state, or stop */
    struct batch b[NBATCH];
    size_t r, w; /* batch being filled; batch to write next */
    int stop;
    int rc; /* the writer's first error, sticky */
    struct zx_err err;
};

/* Each table's row struct: its size and where its text fields are (every member of the
 * union starts at its beginning, so offsets within the struct are offsets in the union). */
#define TXT(type, field) offsetof(struct type, field)
static const struct {
    size_t size;
    int ntext;
    size_t text[4];
} rowdef[ZX_T_COUNT_] = {
    [ZX_T_UNITS] = {sizeof(struct zx_unit_row),
                    2,
                    {TXT(zx_unit_row, unit_id), TXT(zx_unit_row, name)}},
    [ZX_T_STAFF] = {sizeof(struct zx_staff_row),
                    3,
                    {TXT(zx_staff_row, staff_id), TXT(zx_staff_row, name),
                     TXT(zx_staff_row, department)}},
    [ZX_T_CASES] = {sizeof(struct zx_case_row),
                    3,
                    {TXT(zx_case_row, case_id), TXT(zx_case_row, case_no),
                     TXT(zx_case_row, charge)}},
    [ZX_T_PERSONS] = {sizeof(struct zx_person_row),
                      3,
                      {TXT(zx_person_row, person_id), TXT(zx_person_row, name),
                       TXT(zx_person_row, id_number)}},
    [ZX_T_EVENTS] = {sizeof(struct zx_event_row),
                     2,
                     {TXT(zx_event_row, event_id), TXT(zx_event_row, note)}},
    [ZX_T_INSTITUTIONS] = {sizeof(struct zx_institution_row),
                           3,
                           {TXT(zx_institution_row, institution_id), TXT(zx_institution_row, name),
                            TXT(zx_institution_row, region)}},
    [ZX_T_CONVICTS] = {sizeof(struct zx_convict_row),
                       4,
                       {TXT(zx_convict_row, convict_id), TXT(zx_convict_row, name),
                        TXT(zx_convict_row, id_number), TXT(zx_convict_row, charge)}},
    [ZX_T_SENTENCE_CHANGES] = {sizeof(struct zx_change_row),
                               2,
                               {TXT(zx_change_row, change_id), TXT(zx_change_row, note)}},
    [ZX_T_DOCUMENTS] = {sizeof(struct zx_document_row),
                        4,
                        {TXT(zx_document_row, document_id), TXT(zx_document_row, charges),
                         TXT(zx_document_row, facts), TXT(zx_document_row, text)}},
};
#undef TXT

int zx_ingest__row_texts(enum zx_table t, union zx_ingest__row *row, struct zx_text **p)
{
    if ((unsigned)t >= ZX_T_COUNT_)
        return 0;
    for (int i = 0; i < rowdef[t].ntext; i++)
        p[i] = (struct zx_text *)((char *)row + rowdef[t].text[i]);
    return rowdef[t].ntext;
}

static size_t row_size(enum zx_table t)
{
    return (unsigned)t < ZX_T_COUNT_ ? rowdef[t].size : 0;
}

static void *run(void *arg)
{
    struct zx_ingest__writer *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        while (!w->stop && !w->b[w->w].full)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->stop) {
            pthread_mutex_unlock(&w->mu);
            return NULL;
        }
        struct batch *b = &w->b[w->w];
        int failed = w->rc;
        pthread_mutex_unlock(&w->mu);

        int rc = ZX_OK;
        struct zx_err err = {0};
        for (size_t i = 0; i < b->nops && !failed && !rc; i++) {
            struct op *o = &b->ops[i];
            rc = o->update
                     ? zx_store_update(w->st, o->t, o->rid, &o->row, o->hash, w->import_id, &err)
                     : zx_store_insert(w->st, o->t, &o->row, o->hash, o->rid, &err);
        }

        pthread_mutex_lock(&w->mu);
        if (rc && !w->rc) {
            w->rc = rc;
            w->err = err;
        }
        b->nops = 0;
        b->alen = 0;
        b->full = 0;
        w->w = (w->w + 1) % NBATCH;
        pthread_cond_broadcast(&w->cv);
        pthread_mutex_unlock(&w->mu);
    }
}

void zx_ingest__writer_stop(struct zx_ingest__writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    for (int i = 0; i < NBATCH; i++) {
        free(w->b[i].ops);
        free(w->b[i].arena);
    }
    free(w);
}

int zx_ingest__writer_start(struct zx_store *st, int64_t import_id, struct zx_ingest__writer **out,
                            struct zx_err *err)
{
    struct zx_ingest__writer *w = calloc(1, sizeof *w);
    *out = NULL;
    if (!w)
        return zx_err_set(err, ZX_ENOMEM, "out of memory");
    w->st = st;
    w->import_id = import_id;
    for (int i = 0; i < NBATCH; i++) {
        w->b[i].ops = malloc(NOPS * sizeof(struct op));
        w->b[i].arena = malloc(ARENA);
        w->b[i].acap = ARENA;
        if (!w->b[i].ops || !w->b[i].arena) {
            for (int k = 0; k <= i; k++) {
                free(w->b[k].ops);
                free(w->b[k].arena);
            }
            free(w);
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        }
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->th, NULL, run, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        for (int i = 0; i < NBATCH; i++) {
            free(w->b[i].ops);
            free(w->b[i].arena);
        }
        free(w);
        return zx_err_set(err, ZX_ENOMEM, "cannot start the writer thread");
    }
    *out = w;
    return ZX_OK;
}

/* Hand the batch being filled to the writer and wait for the next one to be free. */
static int hand_off(struct zx_ingest__writer *w, struct zx_err *err)
{
    pthread_mutex_lock(&w->mu);
    if (w->b[w->r].nops) {
        w->b[w->r].full = 1;
        w->r = (w->r + 1) % NBATCH;
        pthread_cond_broadcast(&w->cv);
    }
    while (w->b[w->r].full && !w->rc)
        pthread_cond_wait(&w->cv, &w->mu);
    int rc = w->rc;
    if (rc && err)
        *err = w->err;
    pthread_mutex_unlock(&w->mu);
    return rc;
}

int zx_ingest__writer_put(struct zx_ingest__writer *w, enum zx_table t, int update, int64_t rid,
                          uint64_t hash, const void *row, struct zx_err *err)
{
    struct batch *b = &w->b[w->r];
    struct zx_text *txt[8];
    size_t need = 0;
    int rc;

    struct op *o = &b->ops[b->nops];
    memcpy(&o->row, row, row_size(t));
    int n = zx_ingest__row_texts(t, &o->row, txt);
    for (int i = 0; i < n; i++)
        need += txt[i]->p ? txt[i]->n : 0;
    if (b->acap - b->alen < need) {
        if (b->nops) {
            rc = hand_off(w, err);
            if (rc)
                return rc;
            return zx_ingest__writer_put(w, t, update, rid, hash, row, err);
        }
        char *na = realloc(b->arena, need); /* empty batch: no pointers into it yet */
        if (!na)
            return zx_err_set(err, ZX_ENOMEM, "out of memory");
        b->arena = na;
        b->acap = need;
    }
    for (int i = 0; i < n; i++)
        if (txt[i]->p) {
            memcpy(b->arena + b->alen, txt[i]->p, txt[i]->n);
            txt[i]->p = b->arena + b->alen;
            b->alen += txt[i]->n;
        }
    o->t = t;
    o->update = update;
    o->rid = rid;
    o->hash = hash;
    if (++b->nops == NOPS)
        return hand_off(w, err);
    return ZX_OK;
}

int zx_ingest__writer_drain(struct zx_ingest__writer *w, struct zx_err *err)
{
    int rc = hand_off(w, err);
    if (rc)
        return rc;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        int busy = 0;
        for (int i = 0; i < NBATCH; i++)
            busy |= w->b[i].full;
        if (!busy || w->rc)
            break;
        pthread_cond_wait(&w->cv, &w->mu);
    }
    rc = w->rc;
    if (rc && err)
        *err = w->err;
    pthread_mutex_unlock(&w->mu);
    return rc;
}
