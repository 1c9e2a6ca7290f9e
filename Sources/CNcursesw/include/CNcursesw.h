#ifndef CNCURSESW_H
#define CNCURSESW_H
// The package manager drops pkg-config's -D flags: without these, cchar_t, wget_wch and
// mvadd_wch vanish from curses.h.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>
#endif
