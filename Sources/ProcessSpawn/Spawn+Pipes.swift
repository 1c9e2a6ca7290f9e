import Foundation

extension Spawn {
    /// A child whose stdin and stdout are pipes this process holds: a stdio server (the test
    /// MCP server) driven by a client in this process.
    public struct PipedChild: Sendable {
        public var pid: pid_t
        /// Write end of the child's stdin; closing it is the child's EOF.
        public var input: Int32
        /// Read end of the child's stdout.
        public var output: Int32
    }

    /// Starts `argv` with stdin and stdout on pipes and stderr appended to `errorPath`. The
    /// caller closes both descriptors and waits for the pid.
    public static func startWithPipes(_ argv: [String], errorPath: String = "/dev/null") throws -> PipedChild {
        guard let program = argv.first else { throw Failure(description: "empty command") }
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0])
            close(toChild[1])
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        do {
            let pid = try spawn(argv, program: program, actions: &actions)
            close(toChild[0])
            close(fromChild[1])
            return PipedChild(pid: pid, input: toChild[1], output: fromChild[0])
        } catch {
            for descriptor in toChild + fromChild { close(descriptor) }
            throw error
        }
    }
}
