#define _GNU_SOURCE
#include "CNcursesw.h"
