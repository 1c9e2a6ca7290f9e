import Foundation

extension Spawn {
    /// What a finished (or stopped) command printed.
    public struct Captured: Sendable, Equatable {
        /// The exit status (128 + signal when killed); nil when it was stopped at the timeout.
        public var status: Int32?
        public var output: Data
        public var error: Data
    }

    /// Runs `argv` with stdin inherited (a password prompt can use the terminal: the child stays
    /// in the foreground process group) and its stdout and stderr on pipes read here, on the
    /// calling thread: no helper thread is left blocked. At the timeout the child is killed and
    /// the pipes closed on this side, so a grandchild still holding them keeps nothing waiting.
    public static func capture(_ argv: [String], timeoutSeconds: Double) throws -> Captured {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        let pid: pid_t
        do {
            pid = try spawn(argv, program: program, actions: &actions)
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }

        var output = Data()
        var errors = Data()
        var open: [Int32] = [outPipe[0], errPipe[0]]
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !open.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                kill(pid, SIGKILL)
                _ = wait(pid)
                return Captured(status: nil, output: output, error: errors)
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == outPipe[0] { output.append(contentsOf: buffer[0..<count]) } else { errors.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return Captured(status: wait(pid), output: output, error: errors)
    }
}
