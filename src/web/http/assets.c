/* assets: GET /assets/{name}, from the table compiled in (build/gen/assets.c). */
#include "web/http/assets.h"

#include <string.h>

#include "web/http/http.h"

int page_asset(struct web_request *r)
{
	for (int i = 0; i < web_asset_count; i++) {
		const struct web_asset *a = &web_assets[i];
		if (strlen(a->name) == r->id_len && memcmp(a->name, r->id_text, r->id_len) == 0) {
			r->raw = (const char *)a->data;
			r->raw_len = a->len;
			r->content_type = a->type;
			r->cacheable = true;
			r->status = 200;
			return 200;
		}
	}
	return web_fail(r, 404, "path", "not_found", "there is no such file");
}
