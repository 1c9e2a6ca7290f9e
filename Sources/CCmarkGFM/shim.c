#include "CCmarkGFM.h"
#include <pthread.h>

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void) {
    cmark_gfm_core_extensions_ensure_registered();
}

cmark_parser *ccmark_new_gfm_parser(int options) {
    // Before registration cmark_find_syntax_extension returns NULL for every name.
    pthread_once(&registered, register_extensions);
    static const char *const names[] = {"table", "strikethrough", "tasklist", "autolink"};
    cmark_syntax_extension *extensions[4];
    for (int i = 0; i < 4; i++) {
        extensions[i] = cmark_find_syntax_extension(names[i]);
        if (extensions[i] == NULL) return NULL;
    }
    cmark_parser *parser = cmark_parser_new(options);
    if (parser == NULL) return NULL;
    for (int i = 0; i < 4; i++) {
        cmark_parser_attach_syntax_extension(parser, extensions[i]);
    }
    return parser;
}
