/* openapi: docs/openapi.json, embedded in the binary at build time (scripts/embed-file
 * writes build/gen/openapi.c), served at /api/openapi.json. Static, read-only data. */
#ifndef HEARTH_WEB_OPENAPI_H
#define HEARTH_WEB_OPENAPI_H

#include <stddef.h>

extern const unsigned char web_openapi_json[];
extern const size_t web_openapi_json_len;

#endif
