import Foundation
import ProcessSpawn

/// A tmux server of our own (`tmux -L chatterm-bench-<pid>`), never the user's default one.
/// Every command runs through `Spawn.run`, whose output goes to a file (see `Spawn`).
final class PrivateTmux {
    let socket: String
    private let tmux: String
    private let session = "bench"

    init(tmux: String, suffix: String) {
        self.tmux = tmux
        socket = "chatterm-bench-\(getpid())-\(suffix)"
    }

    /// Starts `command` (a shell command line) in a detached window of the given size.
    func start(_ command: String, width: Int, height: Int) throws {
        try run(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
    }

    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    func press(_ key: String) throws {
        try run(["send-keys", "-t", session, key])
    }

    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// Copies everything the pane's program writes to the terminal into `path` (appended).
    func pipePane(to path: String) throws {
        try run(["pipe-pane", "-O", "-t", session, "cat >> \(shellQuote(path))"])
    }

    func stopPipePane() throws {
        try run(["pipe-pane", "-t", session])
    }

    func panePID() throws -> pid_t? {
        pid_t(try run(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen every `interval` until `predicate` holds; the matching screen, or a
    /// failure that shows the last screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double, interval: Double = 0.01, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Clock.nanoseconds() + UInt64(timeout * 1e9)
        var last = ""
        while Clock.nanoseconds() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(UInt32(interval * 1e6))
        }
        throw Spawn.Failure(description: "timed out after \(timeout)s waiting for \(what); screen:\n\(last)")
    }

    /// Stops this private server only (and with it the program in its pane).
    func killServer() {
        _ = try? Spawn.run([tmux, "-L", socket, "kill-server"])
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let (status, output) = try Spawn.run([tmux, "-u", "-L", socket] + arguments)
        guard status == 0 else {
            throw Spawn.Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
        return output
    }
}

func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

extension PrivateTmux {
    /// Starts chatterm against `server` in this tmux at `width`x`height`, with a private home,
    /// config and database under `home` (the bench never reads or writes the user's files),
    /// waits for its first screen and returns its process id.
    /// chatterm in this tmux, its config file `config` (TOML) when given, else none.
    func startChatterm(
        _ chatterm: String, server: LocalServerProcess, home: String, width: Int, height: Int, config: String? = nil
    ) throws -> pid_t {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        if let config {
            try FileManager.default.createDirectory(atPath: home + "/chatterm", withIntermediateDirectories: true)
            FileManager.default.createFile(
                atPath: home + "/chatterm/config.toml", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
        }
        let environment = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color HOME=\(shellQuote(home)) XDG_STATE_HOME=\(shellQuote(home + "/.local/state")) "
            + "XDG_CONFIG_HOME=\(shellQuote(home)) XDG_DATA_HOME=\(shellQuote(home)) "
        let command = environment + [
            chatterm, "--base-url", server.baseURL, "--project-id", "1", "--model", "local-echo", "--db", home + "/bench.sqlite",
        ].map(shellQuote).joined(separator: " ")
        try start(command, width: width, height: height)
        try waitFor("chatterm to start (\"Sessions\")", timeout: 20) { $0.contains("Sessions") }
        guard let panePID = try panePID(), let pid = ProcStats.find(named: "chatterm", from: panePID) else {
            throw Spawn.Failure(description: "cannot find the chatterm process in the tmux pane")
        }
        return pid
    }
}
