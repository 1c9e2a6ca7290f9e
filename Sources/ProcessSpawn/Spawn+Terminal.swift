import Foundation

extension Spawn {
    /// Runs `argv` on this process's own terminal (stdin, stdout and stderr inherited) and
    /// waits for it; its exit status (128 + signal when killed). For `$EDITOR`: the caller
    /// gives the terminal up first (the curses screen is suspended).
    ///
    /// Like system(3), SIGINT and SIGQUIT are ignored here while the child runs: Ctrl+C typed
    /// at an editor is sent to the whole foreground process group, and must not kill chatterm
    /// behind it. The child itself gets every signal back at its default.
    public static func runOnTerminal(_ argv: [String]) throws -> Int32 {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var ignore = sigaction()
        #if canImport(Glibc)
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #else
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #endif
        sigemptyset(&ignore.sa_mask)
        var previousInterrupt = sigaction()
        var previousQuit = sigaction()
        sigaction(SIGINT, &ignore, &previousInterrupt)
        sigaction(SIGQUIT, &ignore, &previousQuit)
        defer {
            sigaction(SIGINT, &previousInterrupt, nil)
            sigaction(SIGQUIT, &previousQuit, nil)
        }
        let pid = try spawn(argv, program: program, actions: &actions)
        return wait(pid)
    }
}
