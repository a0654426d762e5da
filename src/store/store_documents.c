/* store_documents.c — reads of the documents table (store/documents.h). */
#include "store/documents.h"
#include "store/sql.h"

#include <stdlib.h>
#include <string.h>

void zx_store_doc_clear(struct zx_store_doc *d)
{
    if (!d)
        return;
    free(d->document_id);
    free(d->case_id);
    free(d->unit_id);
    free(d->charges);
    free(d->facts);
    free(d->text);
    memset(d, 0, sizeof *d);
}

static char *col_dup(sqlite3_stmt *s, int i, int *oom)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    char *p = malloc(n + 1);
    if (!p) {
        *oom = 1;
        return NULL;
    }
    memcpy(p, t, n);
    p[n] = '\0';
    return p;
}

static int64_t col_int(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? ZX_STORE_NULL_INT
                                                    : sqlite3_column_int64(s, i);
}

int zx_store_doc_get(struct zx_store *st, const char *xid, int64_t rid, int with_text,
                     struct zx_store_doc *d, int *found, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc, oom = 0;
    memset(d, 0, sizeof *d);
    *found = 0;
    rc = zx_store__prep(st,
                        xid ? "SELECT d.id, d.case_rid, d.document_id, c.case_id, u.unit_id,"
                              " d.charges, d.facts, CASE WHEN ?2 THEN d.text END, d.kind,"
                              " d.sentence_kind, d.term_months, d.probation_months FROM documents d"
                              " LEFT JOIN cases c ON c.id=d.case_rid"
                              " LEFT JOIN units u ON u.id=c.unit_rid WHERE d.document_id=?1"
                            : "SELECT d.id, d.case_rid, d.document_id, c.case_id, u.unit_id,"
                              " d.charges, d.facts, CASE WHEN ?2 THEN d.text END, d.kind,"
                              " d.sentence_kind, d.term_months, d.probation_months FROM documents d"
                              " LEFT JOIN cases c ON c.id=d.case_rid"
                              " LEFT JOIN units u ON u.id=c.unit_rid WHERE d.id=?1",
                        &s, err);
    if (rc)
        return rc;
    if (xid)
        sqlite3_bind_text(s, 1, xid, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(s, 1, rid);
    sqlite3_bind_int(s, 2, with_text ? 1 : 0);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        d->rid = sqlite3_column_int64(s, 0);
        d->case_rid = sqlite3_column_int64(s, 1);
        d->document_id = col_dup(s, 2, &oom);
        d->case_id = col_dup(s, 3, &oom);
        d->unit_id = col_dup(s, 4, &oom);
        d->charges = col_dup(s, 5, &oom);
        d->facts = col_dup(s, 6, &oom);
        d->text = col_dup(s, 7, &oom);
        d->kind = sqlite3_column_int(s, 8);
        d->sentence_kind = sqlite3_column_int(s, 9);
        d->term_months = col_int(s, 10);
        d->probation_months = col_int(s, 11);
        *found = 1;
    } else if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "documents");
    }
    sqlite3_finalize(s);
    if (!rc && oom) {
        zx_store_doc_clear(d);
        *found = 0;
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    }
    return rc;
}

int zx_store_docs_each(struct zx_store *st, zx_store_doc_cb cb, void *ud, struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc, r;
    rc = zx_store__prep(st, "SELECT id, ifnull(case_rid, 0), facts FROM documents ORDER BY id", &s,
                        err);
    if (rc)
        return rc;
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        const char *f = (const char *)sqlite3_column_text(s, 2);
        rc = cb(ud, sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), f ? f : "",
                f ? (size_t)sqlite3_column_bytes(s, 2) : 0);
        if (rc)
            break;
    }
    if (!rc && r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "documents");
    sqlite3_finalize(s);
    return rc;
}

int zx_store_charges_contain(const char *charges, const char *charge)
{
    if (!charges || !charge)
        return 0;
    size_t cn = strlen(charge);
    const char *p = charges;
    for (;;) {
        const char *e = strchr(p, ';');
        const char *z = e ? e : p + strlen(p);
        while (p < z && (*p == ' ' || *p == '\t'))
            p++;
        while (z > p && (z[-1] == ' ' || z[-1] == '\t'))
            z--;
        if ((size_t)(z - p) == cn && memcmp(p, charge, cn) == 0)
            return 1;
        if (!e)
            return 0;
        p = e + 1;
    }
}

int zx_store_docs_with_charge(struct zx_store *st, const char *charge, int64_t **rids, size_t *n,
                              struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    int64_t *a = NULL;
    size_t na = 0, cap = 0;
    int rc, r;
    *rids = NULL;
    *n = 0;
    rc = zx_store__prep(st,
                        "SELECT id, charges FROM documents WHERE instr(charges, ?1) > 0"
                        " ORDER BY id",
                        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, charge, -1, SQLITE_STATIC);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (!zx_store_charges_contain((const char *)sqlite3_column_text(s, 1), charge))
            continue;
        if (na == cap) {
            size_t nc = cap ? cap * 2 : 256;
            int64_t *g = realloc(a, nc * sizeof *a);
            if (!g) {
                rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
                goto cleanup;
            }
            a = g;
            cap = nc;
        }
        a[na++] = sqlite3_column_int64(s, 0);
    }
    if (r != SQLITE_DONE) {
        rc = zx_store__db_err(st, err, "documents");
        goto cleanup;
    }
    *rids = a;
    *n = na;
    a = NULL;
cleanup:
    free(a);
    sqlite3_finalize(s);
    return rc;
}

int zx_store_docs_of_case(struct zx_store *st, const char *case_id, char ***ids, size_t *n,
                          struct zx_err *err)
{
    sqlite3_stmt *s = NULL;
    char **a = NULL;
    size_t na = 0, cap = 0;
    int rc, r, oom = 0;
    *ids = NULL;
    *n = 0;
    rc = zx_store__prep(st,
                        "SELECT d.document_id FROM documents d JOIN cases c ON c.id=d.case_rid"
                        " WHERE c.case_id=?1 ORDER BY d.document_id",
                        &s, err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, case_id, -1, SQLITE_STATIC);
    while ((r = sqlite3_step(s)) == SQLITE_ROW) {
        if (na == cap) {
            size_t nc = cap ? cap * 2 : 8;
            char **g = realloc(a, nc * sizeof *a);
            if (!g) {
                oom = 1;
                break;
            }
            a = g;
            cap = nc;
        }
        a[na] = col_dup(s, 0, &oom);
        if (oom)
            break;
        na++;
    }
    if (oom)
        rc = zx_err_set(err, ZX_ENOMEM, "out of memory");
    else if (r != SQLITE_DONE)
        rc = zx_store__db_err(st, err, "documents");
    sqlite3_finalize(s);
    if (rc) {
        for (size_t i = 0; i < na; i++)
            free(a[i]);
        free(a);
        return rc;
    }
    *ids = a;
    *n = na;
    return ZX_OK;
}
