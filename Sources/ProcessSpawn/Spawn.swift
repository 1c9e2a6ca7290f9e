import Foundation

/// Starting child processes with posix_spawn, for the benchmark and the end-to-end tests that
/// drive chatterm in tmux. Not Foundation's Process: `tmux new-session` forks the tmux server,
/// which inherits the output descriptor, so a pipe would never reach EOF (output goes to a file
/// instead), and Process's exit detection hung inside async XCTest cases.
public enum Spawn {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `argv` to completion; returns its exit status and its output (stdout and stderr).
    public static func run(_ argv: [String]) throws -> (status: Int32, output: String) {
        let outputPath = temporaryPath("spawn-out")
        defer { unlink(outputPath) }
        let pid = try start(argv, outputPath: outputPath)
        let status = wait(pid)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }

    /// Starts `argv` in the background, output appended to `outputPath`; returns its pid.
    public static func start(_ argv: [String], outputPath: String) throws -> pid_t {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        return try spawn(argv, program: program, actions: &actions)
    }

    /// Where a child's standard streams go: files (or devices) by path.
    public struct Streams: Sendable {
        public var input: String
        public var output: String
        public var error: String
        public init(input: String = "/dev/null", output: String, error: String) {
            self.input = input
            self.output = output
            self.error = error
        }
    }

    /// Starts `argv` with stdin read from `streams.input` and stdout and stderr written to
    /// their own files (created 0600, truncated), with `environment` added to this process's
    /// (a value of "" removes the variable). For tests of a command's streams and status.
    public static func start(_ argv: [String], streams: Streams, environment: [String: String] = [:]) throws -> pid_t {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, streams.input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, streams.output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, streams.error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value.isEmpty ? nil : value }
        return try spawn(argv, program: program, actions: &actions, environment: merged)
    }

    /// Starts `argv` with its stdout on a pipe this process reads (stdin /dev/null, stderr
    /// to `errorPath`): for timing when a program's first output appears. Returns the pid and
    /// the pipe's read end, which the caller closes.
    public static func startPiped(_ argv: [String], errorPath: String = "/dev/null") throws -> (pid: pid_t, output: Int32) {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        do {
            let pid = try spawn(argv, program: program, actions: &actions)
            close(fds[1])
            return (pid, fds[0])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
    }

    /// posix_spawnp with a clean signal state. Children (the tmux server, chatterm inside it, an
    /// editor) must not inherit blocked or ignored signals: a blocked SIGWINCH or SIGTERM would
    /// change what is measured or stopped, an ignored SIGINT would make an editor unstoppable.
    /// `ownProcessGroup`: the child leads a new process group, so the whole group (a wrapper
    /// such as `npx` or `sh -c` and what it starts) can be signalled at once.
    static func spawn(
        _ argv: [String], program: String, actions: inout posix_spawn_file_actions_t, environment: [String: String]? = nil,
        ownProcessGroup: Bool = false
    ) throws -> pid_t {
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArgs { free(pointer) } }
        var cEnvironment: [UnsafeMutablePointer<CChar>?] = (environment ?? [:]).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cEnvironment { free(pointer) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var pid: pid_t = 0
        let result = environment == nil
            ? posix_spawnp(&pid, program, &actions, &attributes, &cArgs, environ)
            : posix_spawnp(&pid, program, &actions, &attributes, &cArgs, &cEnvironment)
        guard result == 0 else {
            throw Failure(description: "cannot start \(program): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Waits for `pid` to end; its exit status (128 + signal when killed).
    @discardableResult
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported into Swift.
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// A fresh path in the temporary directory (not created).
    public static func temporaryPath(_ prefix: String) -> String {
        NSTemporaryDirectory() + "/chatterm-spawn-\(getpid())-\(prefix)-\(UUID().uuidString)"
    }
}
