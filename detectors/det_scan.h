/* det_scan.h: per-worker scan state and the buffer scan that both the plain
 * chunk pass and the decoders (det_decode.c) run. Internal to detectors/.
 *
 * A worker is owned by one detect thread: nothing in it is shared, so no
 * field needs a lock. The ruleset it points to is read-only.
 */
#ifndef DET_SCAN_H
#define DET_SCAN_H

#include "detectors/det_internal.h"
#include "scanner/sc_engine.h"

/* A merged confirm window of one rule: [ws, we) in the buffer. */
typedef struct det_win {
    size_t ws, we;
} det_win;

typedef struct det_winvec {
    det_win *v;
    size_t n, cap;
    uint64_t hits;
} det_winvec;

typedef struct det_posvec {
    size_t *v;
    size_t n, cap;
} det_posvec;

/* A decoder candidate span in a buffer. kind is a det_dec_kind. */
typedef struct det_span {
    size_t start, end;
    int kind;
} det_span;

typedef struct det_spanvec {
    det_span *v;
    size_t n, cap;
} det_spanvec;

/* A finding already made in this chunk: (rule, offset, secret hash). */
typedef struct det_seen {
    uint64_t key;
    uint32_t rule;
    uint64_t offset;
    uint64_t secret_hash;
    uint32_t secret_len;
} det_seen;

/* A finding held back until its chunk is done, so that the findings of
 * several rules for one secret can be collapsed into one (det_dedup.c). */
typedef struct det_pending {
    sc_finding *fd;             /* Owned until emitted or dropped. */
    uint64_t coff;              /* Chunk offset the finding is placed at. */
    size_t fs, fe;              /* The secret's bytes in the frame that found it. */
    uint32_t frame;             /* That frame's number within the chunk. */
    uint32_t rule;
    uint32_t seq;               /* Order of discovery. */
    bool drop;                  /* Outranked by a finding at the same place. */
} det_pending;

typedef struct det_pendvec {
    det_pending *v;
    size_t n, cap;
} det_pendvec;

typedef struct det_worker {
    const det_ruleset *rs;
    hs_scratch_t *scratch;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit;
    det_winvec *wins;           /* One per rule. */
    size_t *touched;            /* Rules with windows in the current buffer. */
    size_t ntouched;
    det_posvec *kwpos;          /* One per keyword: hit ends in the current buffer. */
    size_t *kwtouched;
    size_t nkwtouched;
    det_seen *seen;             /* Open addressing; cleared per chunk. */
    size_t seencap, nseen;
    unsigned char *dbuf[DET_DECODE_DEPTH_MAX];  /* One decode buffer per depth. */
    det_spanvec spans[DET_DECODE_DEPTH_MAX];
    det_pendvec pending;        /* The current chunk's findings, not yet sent. */
    uint64_t *ns, *hits, *matches;  /* Per rule, added to the ruleset at free. */
    bool oom;                   /* An allocation in the hit callback failed. */
} det_worker;

/* The buffer being scanned: the chunk itself (depth 0) or decoded bytes. */
typedef struct det_frame {
    const unsigned char *buf;
    size_t len;
    size_t owned;               /* Matches must start before this. */
    unsigned depth;
    bool utf16_only;            /* Not text: only look for UTF-16 in it. */
    size_t span_start, span_end;    /* Depth > 0: the encoded span in the chunk. */
    const unsigned char *enc;   /* Depth > 0: the encoded bytes this frame decodes. */
    size_t enclen;
    char decoder[96];           /* "plain" or "base64>utf16le". */
} det_frame;

/* One chunk's scan. */
typedef struct det_scan {
    det_worker *w;
    const sc_chunk *chunk;
    sc_emit *out;
    sc_cancel *cancel;
    sc_code rc;                 /* First non-OK send; stops everything. */
    uint32_t frame;             /* Frames scanned so far in this chunk. */
    size_t pos_off;             /* Position cursor into the chunk. */
    uint64_t pos_line, pos_col;
} det_scan;

/* Runs the prefilter and confirms on one frame. Sets s->rc on a failed
 * send and returns false when the scan must stop. */
bool det_scan_frame(det_scan *s, const det_frame *f);

/* --- det_dedup.c --- */
/* Holds a finding back until the chunk is done; takes ownership of p->fd
 * (freed on failure). False when out of memory. */
bool det_pending_push(det_worker *w, const det_pending *p);
/* Collapses the held findings that are one secret at one place (see
 * det_dedup.c), counts and sends the survivors in offset order, and frees
 * the rest. Leaves nothing held. Returns the first failed send's code. */
sc_code det_pending_flush(det_worker *w, sc_emit *out);
/* Frees every held finding unsent. */
void det_pending_discard(det_worker *w);

/* --- det_decode.c --- */
/* Finds encoded spans in frame f, decodes each, scans the decoded bytes and
 * recurses up to the ruleset's max_decode_depth. False when the scan must
 * stop. */
bool det_decode_frame(det_scan *s, const det_frame *f);

#endif
