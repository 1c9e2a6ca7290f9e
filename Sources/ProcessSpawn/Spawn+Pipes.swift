import Foundation

extension Spawn {
    /// A child speaking on pipes: the descriptors this process keeps (close-on-exec, so no
    /// other child inherits them and keeps the pipe open after this one ends).
    public struct PipedChild: Sendable {
        public var pid: pid_t
        /// Writes reach the child's stdin.
        public var input: Int32
        /// Reads come from the child's stdout.
        public var output: Int32
    }

    /// The child leads its own process group (`kill(-pid, …)` reaches what it starts too).
    /// Starts `argv` (found on PATH) with stdin and stdout on pipes and stderr appended to
    /// `errorLogPath` (created 0600), with `environment` added to this process's: for an MCP
    /// server, whose stdout is its protocol and whose stderr must never reach the screen.
    /// A program not found throws "command not found: NAME".
    public static func startWithPipes(_ argv: [String], environment: [String: String] = [:], errorLogPath: String) throws -> PipedChild {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        // Created here (not by the child) so its mode is ours whatever the umask.
        let log = open(errorLogPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw Failure(description: "cannot open \(errorLogPath): \(String(cString: strerror(errno)))") }
        // Only a regular file: a device (/dev/null) must keep its mode.
        var status = stat()
        if fstat(log, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG { fchmod(log, 0o600) }
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else {
            close(log)
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        guard pipe(&fromChild) == 0 else {
            close(log); close(toChild[0]); close(toChild[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // pipe2(O_CLOEXEC) is not in Swift's Glibc module: the flag is set right after.
        for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        markEveryDescriptorCloseOnExec()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the child's 0, 1 and 2; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        let pid: pid_t
        do {
            pid = try spawn(argv, program: program, actions: &actions, environment: merged, ownProcessGroup: true)
        } catch let failure as Failure {
            for fd in toChild + fromChild + [log] { close(fd) }
            if failure.description.hasSuffix(String(cString: strerror(ENOENT))) {
                throw Failure(description: "command not found: \(program)")
            }
            throw failure
        }
        close(toChild[0])
        close(fromChild[1])
        close(log)
        return PipedChild(pid: pid, input: toChild[1], output: fromChild[0])
    }

    /// Where `program` would be found: a path with a slash as is, a bare name on PATH; nil when
    /// it is not there or not executable (`config check` says which).
    public static func findOnPath(_ program: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if program.contains("/") { return access(program, X_OK) == 0 ? program : nil }
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Sets close-on-exec on every descriptor above stderr this process has open, so a server
    /// inherits none of them: not another server's pipe ends (which would keep that server's
    /// stdin open after chatterm is killed, so it never sees its input close), nor a library's
    /// sockets. posix_spawn has no portable "close all others" (glibc's `addclosefrom_np` is
    /// not in Swift's Glibc module); chatterm's own descriptors are made close-on-exec where
    /// they are opened, and this catches the rest at the moment a server starts.
    static func markEveryDescriptorCloseOnExec() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for entry in entries {
            guard let fd = Int32(entry), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0, flags & FD_CLOEXEC == 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
