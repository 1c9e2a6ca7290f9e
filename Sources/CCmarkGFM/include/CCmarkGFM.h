#ifndef CCMARKGFM_H
#define CCMARKGFM_H
// cmark-gfm (CommonMark with GitHub's extensions) for Swift. The extensions' node types are
// exported variables that no installed header declares, so nodes are told apart by their type
// string instead; what Swift cannot express (registering the extensions once, attaching them)
// is wrapped here. No logic lives here.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stddef.h>

// A parser with the table, strikethrough, task-list and autolink extensions attached, or NULL
// when an extension is missing (attaching a NULL extension would crash). `options` are
// CMARK_OPT_* flags; the caller frees the parser with cmark_parser_free.
cmark_parser *ccmark_new_gfm_parser(int options);

// The option flags are macros Swift does not import as constants it can combine.
static inline int ccmark_opt_default(void) { return CMARK_OPT_DEFAULT; }
static inline int ccmark_opt_footnotes(void) { return CMARK_OPT_FOOTNOTES; }
static inline int ccmark_opt_strikethrough_double_tilde(void) { return CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE; }

#endif
