#include "CBuildInfo.h"

const char *chatterm_build_commit(void) {
#ifdef CHATTERM_COMMIT
    return CHATTERM_COMMIT;
#else
    return "unknown";
#endif
}
