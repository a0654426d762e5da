/* internal.h — shared by the files of src/similar/ (not part of its interface). */
#ifndef ZX_SIMILAR_INTERNAL_H
#define ZX_SIMILAR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "similar/similar.h"

/* BM25 constants (the usual ones) */
#define ZX_SIMILAR__K1 1.2
#define ZX_SIMILAR__B  0.75

/* The index: arrays either mapped from the cache or owned (malloc). */
struct zx_similar {
    int64_t ndocs, nterms, npost;
    const int64_t *doc_rid;  /* [ndocs], ascending */
    const int64_t *doc_case; /* [ndocs], 0 = no case */
    const int32_t *doc_len;  /* [ndocs] bigrams in the facts */
    const uint64_t *term;    /* [nterms], ascending */
    const uint32_t *off;     /* [nterms + 1] into the postings */
    const uint32_t *pdoc;    /* [npost] document index, ascending within a term */
    const uint16_t *ptf;     /* [npost] term frequency (saturated at 65535) */
    double avgdl;
    float *dnorm; /* [ndocs] BM25 length norm k1·(1 − b + b·len/avgdl); From malloc() */
    void *map;    /* the mapped cache (munmap), or NULL */
    size_t map_len;
    void *own[7]; /* owned arrays when built in memory */
};

/* Decode one UTF-8 code point at s[*i] (n bytes), advancing *i; invalid bytes give 0. */
uint32_t zx_similar__next_cp(const char *s, size_t n, size_t *i);

/* 1 when cp is a Han character that can be part of a term. */
int zx_similar__is_term_char(uint32_t cp);

/* BM25 idf of a term in df of n documents. */
double zx_similar__idf(int64_t df, int64_t n);

/* Index of term t in ix, or -1. */
int64_t zx_similar__find(const struct zx_similar *ix, uint64_t t);

#endif
