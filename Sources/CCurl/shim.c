// The wrappers are static inline in CCurl.h; this file exists so the package manager builds
// the module (and links libcurl through the target's linker settings).
#define _GNU_SOURCE
#include "CCurl.h"
