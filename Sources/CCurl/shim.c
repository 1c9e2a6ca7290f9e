#define _GNU_SOURCE
#include "CCurl.h"
