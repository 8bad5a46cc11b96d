#ifndef NOTES_CCMARKGFM_SHIM_H
#define NOTES_CCMARKGFM_SHIM_H
// Debian's libcmark-gfm-dev ships cmark-gfm.h; libcmark-gfm-extensions-dev ships the
// core-extensions header (tables, strikethrough, autolink, tagfilter, tasklist).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
