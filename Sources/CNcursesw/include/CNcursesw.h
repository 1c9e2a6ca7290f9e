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
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <curses.h>


// Wrappers for what Swift cannot import from curses.h: function-like macros, attribute
// constants built with NCURSES_BITS, and globals that are macros in some builds.

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

// The mouse: the button masks are function-like macros Swift does not import. Clicks of the
// left button and the wheel only; no motion reports, no click-delay (a press is reported at once).
static inline int cn_mouse_enable(int on) {
    mmask_t wanted = on ? (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    mouseinterval(0);
    return mousemask(wanted, NULL) == wanted ? 0 : -1;
}

// After KEY_MOUSE: where, and what: 1 a left press, 2 wheel up, 3 wheel down, 0 anything else.
static inline int cn_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}
static inline int cn_getmaxy(WINDOW *win) { return getmaxy(win); }
static inline int cn_getmaxx(WINDOW *win) { return getmaxx(win); }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }

static inline int cn_err(void) { return ERR; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_f(int n) { return KEY_F(n); }

/// Builds a cchar_t from a NUL-terminated wide string (one spacing character followed by
/// at most CCHARW_MAX - 1 combining characters) and draws it at (y, x) on `win`; U+FFFD when
/// ncurses rejects the string. The result of the draw is ERR in the bottom-right cell even
/// though the character is placed (the cursor cannot advance), so callers do not retry on ERR.
static inline int cn_mvwadd_wstr_cell(WINDOW *win, int y, int x, const wchar_t *wstr, attr_t attrs, int pair) {
    static const wchar_t replacement[] = { 0xFFFD, 0 };
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    if (setcchar(&cell, wstr, attrs, (short)pair, NULL) == ERR
        && setcchar(&cell, replacement, attrs, (short)pair, NULL) == ERR) {
        return ERR;
    }
    return mvwadd_wch(win, y, x, &cell);
}

/// A terminfo string capability, or NULL when absent or not a string capability
/// (tigetstr returns (char *)-1 for the latter).
static inline const char *cn_tigetstr(const char *capname) {
    char *value = tigetstr(capname);
    if (value == NULL || value == (char *)-1) return NULL;
    return value;
}

/// A curses screen on the process's stdin/stdout. Unlike initscr, returns NULL instead of
/// exiting the process when the terminal cannot be initialised.
static inline SCREEN *cn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
// A terminal type other than $TERM (its direct-color sibling); NULL when there is no such entry.
static inline SCREEN *cn_newterm_named(const char *name) { return newterm(name, stdout, stdin); }
static inline int cn_init_extended_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

/// Whether the current LC_CTYPE codeset is UTF-8.
static inline int cn_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Display width of one wide character in the current locale (-1 for non-printable).
int cn_wcwidth(wchar_t character);
/// pipe2(O_NONBLOCK | O_CLOEXEC), which needs _GNU_SOURCE (set in shim.c only).
int cn_pipe_nonblocking(int fds[2]);

// Terminal restoration on abnormal exit. Implemented in shim.c because signal handlers must
// only touch C statics and async-signal-safe calls; Swift globals are lazily initialised and
// not safe to touch from a handler.

/// Saves the terminal modes of `fd` (call before curses changes them) and installs, once,
/// handlers for fatal signals plus an atexit hook that restore them.
int cn_terminal_guard_install(int fd);
/// Tells the guard whether curses currently owns the screen (so handlers know to restore).
void cn_terminal_guard_set_active(int active);
/// Forwards SIGWINCH to `write_fd` (one byte per signal) and then to the previous handler
/// (ncurses's), so a poll() loop wakes up on resize. Pass -1 to stop forwarding.
int cn_resize_notifier_install(int write_fd);

#endif
