/* openapi: docs/openapi.json, embedded in the binary at build time (scripts/embed-file
 * writes build/gen/openapi.c), and the document served at /api/openapi.json, which adds
 * the schema of every kind of record, generated from the descriptor (openapi.c). */
#ifndef HEARTH_WEB_OPENAPI_H
#define HEARTH_WEB_OPENAPI_H

#include <jansson.h>
#include <stddef.h>

extern const unsigned char web_openapi_json[];
extern const size_t web_openapi_json_len;

/* The document as served: docs/openapi.json with every kind's schemas generated from the
 * descriptor (openapi.c). A new reference the caller owns (json_decref), or NULL when the
 * embedded document does not parse. */
json_t *api_openapi_document(void);

#endif
