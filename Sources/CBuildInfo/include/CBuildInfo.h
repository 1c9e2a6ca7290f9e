#ifndef CBUILDINFO_H
#define CBUILDINFO_H
// The commit chatterm was built from, for `chatterm --version`. `make` passes it as
// -Xcc -DCHATTERM_COMMIT="..." (SwiftPM has no other way to give a build a value);
// a plain `swift build` says "unknown".
const char *chatterm_build_commit(void);
#endif
