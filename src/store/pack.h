/* pack: a child's casefile (model/casefile.h) as one blob, and back.
 *
 * The record keeps one pack per live child (table casefile_pack, derived state kept current
 * in the transaction of every save; store/casefile.c), so that reading every child is one
 * sequential read of packs instead of one cursor per table stepped row by row.
 *
 * Layout, every integer little-endian:
 *   "HCFP", u32 format (PACK_FORMAT), u32 arrays (CFA_MAX), u32 count of each array,
 *   u32 string area length, then the child and each array's elements field by field
 *   (i64, i32, u8 for a bool; a string is the u32 offset of its text in the string area,
 *   0xffffffff for NULL), then the string area (NUL-terminated texts, each kept once).
 * An allocation's team is not packed (0): it is filled from the workers when read, so a
 * worker who changes team stales no pack. */
#ifndef HEARTH_STORE_PACK_H
#define HEARTH_STORE_PACK_H

#include <stddef.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/error.h"
#include "model/casefile.h"

#define PACK_FORMAT 1

/* Appends cf's pack to out (which it does not reset). The same casefile always gives the
 * same bytes. */
void pack_casefile(const struct casefile *cf, struct buf *out);

/* Reads a pack into cf, every array and text in a. A blob that is not a whole pack of this
 * format (truncated, a count or an offset out of range, a bool not 0 or 1, a kind out of
 * its enum) is refused: HERR_INVALID, cf left zeroed. */
int unpack_casefile(const void *blob, size_t n, struct arena *a, struct casefile *cf, struct hearth_error *err);

/* For the unit test: whether each element type's packed fields cover its struct, leaving
 * only alignment padding (a field added to casefile.h and not here fails it). On failure,
 * *what names the struct. */
bool pack_layout_complete(const char **what);

/* For the unit test: every text a pack holds set to NULL in cf (whose arrays it writes), so
 * that what is left can be compared byte for byte with an unpacked copy. */
void pack_forget_texts(struct casefile *cf);

#endif
