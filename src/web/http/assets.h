/* assets: the static files pages use (GOV.UK Frontend's CSS and JS, Hearth's own), compiled
 * into the binary by scripts/embed-assets so a deployment is one file that works offline. */
#ifndef HEARTH_WEB_ASSETS_H
#define HEARTH_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *name;	/* served at /assets/NAME */
	const char *type;	/* Content-Type */
	const unsigned char *data;
	size_t len;
};

extern const struct web_asset web_assets[];
extern const int web_asset_count;

#endif
