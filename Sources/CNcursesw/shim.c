#define _GNU_SOURCE
#include "CNcursesw.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <fcntl.h>
#include <unistd.h>

int cn_wcwidth(wchar_t character) { return wcwidth(character); }

int cn_pipe_nonblocking(int fds[2]) { return pipe2(fds, O_NONBLOCK | O_CLOEXEC); }

// Everything here runs inside signal handlers or atexit, so it only touches these statics and
// calls async-signal-safe functions (tcsetattr, write, sigaction, raise).

static struct termios saved_modes;
static int saved_fd = -1;
static volatile sig_atomic_t guard_installed = 0;
static volatile sig_atomic_t curses_active = 0;

static const int fatal_signals[] = { SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_actions[FATAL_SIGNAL_COUNT];

// Leave bracketed paste, the alternate screen and keypad-transmit mode; show the cursor; reset
// attributes. Written raw because curses itself is not async-signal-safe.
static const char restore_sequence[] = "\033[?2004l\033[?1l\033>\033[?1049l\033[?25h\033[0m";

static void restore_terminal_raw(void) {
    if (!curses_active) return;
    curses_active = 0;
    if (saved_fd >= 0) {
        tcsetattr(saved_fd, TCSAFLUSH, &saved_modes);
    }
    ssize_t ignored = write(STDOUT_FILENO, restore_sequence, sizeof restore_sequence - 1);
    (void)ignored;
}

static void fatal_signal_handler(int signo) {
    int saved_errno = errno;
    restore_terminal_raw();
    // Hand the signal to whoever had it before (the Swift runtime's backtracer, or the
    // default action) so the process still dies the way it would have.
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        if (fatal_signals[i] == signo) {
            sigaction(signo, &previous_actions[i], NULL);
            break;
        }
    }
    errno = saved_errno;
    raise(signo);
}

static void atexit_restore(void) {
    if (!curses_active) return;
    // A normal exit is not a signal context: let curses undo its own changes first.
    endwin();
    restore_terminal_raw();
}

int cn_terminal_guard_install(int fd) {
    if (tcgetattr(fd, &saved_modes) != 0) return -1;
    saved_fd = fd;
    if (guard_installed) return 0;
    guard_installed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = fatal_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous_actions[i]);
    }
    atexit(atexit_restore);
    return 0;
}

void cn_terminal_guard_set_active(int active) { curses_active = active ? 1 : 0; }

static volatile sig_atomic_t resize_write_fd = -1;
static struct sigaction previous_winch_action;
static volatile sig_atomic_t winch_installed = 0;

static void winch_handler(int signo) {
    int saved_errno = errno;
    int fd = resize_write_fd;
    if (fd >= 0) {
        ssize_t ignored = write(fd, "w", 1);
        (void)ignored;
    }
    // ncurses's own handler sets the flag that makes wget_wch return KEY_RESIZE.
    if (previous_winch_action.sa_flags & SA_SIGINFO) {
        if (previous_winch_action.sa_sigaction != NULL) previous_winch_action.sa_sigaction(signo, NULL, NULL);
    } else if (previous_winch_action.sa_handler != SIG_DFL && previous_winch_action.sa_handler != SIG_IGN
               && previous_winch_action.sa_handler != NULL) {
        previous_winch_action.sa_handler(signo);
    }
    errno = saved_errno;
}

int cn_resize_notifier_install(int write_fd) {
    resize_write_fd = write_fd;
    if (winch_installed || write_fd < 0) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = winch_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(SIGWINCH, &action, &previous_winch_action) != 0) return -1;
    winch_installed = 1;
    return 0;
}
