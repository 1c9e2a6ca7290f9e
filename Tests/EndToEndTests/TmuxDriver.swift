import Foundation
import ProcessSpawn
import XCTest

/// Drives a program in a private tmux server (`tmux -L <socket>`), never the user's default one:
/// types with send-keys and reads the screen with capture-pane, as a person would.
final class TmuxDriver {
    let socket: String
    private let session = "e2e"

    private let statusPath: String
    /// `XDG_STATE_HOME` of the program (unless a test names its own): chatterm's state file
    /// (the session, theme and zoom it remembers) is this driver's, never the user's and never
    /// another test's.
    let stateHome: String

    init(name: String) {
        socket = "chatterm-e2e-\(getpid())-\(name)"
        statusPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).status").path
        stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).state").path
        unlink(statusPath)
        try? FileManager.default.removeItem(atPath: stateHome)
    }

    deinit {
        kill()
        unlink(statusPath)
        try? FileManager.default.removeItem(atPath: stateHome)
    }

    /// Starts `command` in a detached session of the given size. The pane stays after the
    /// program exits so its exit status can be read.
    func start(_ command: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        let env = environment.merging(
            ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color", "XDG_STATE_HOME": stateHome]) { a, _ in a }
        let envPrefix = env.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        // The exit status goes to a file: tmux's #{pane_dead_status} is not always filled in.
        // The test runner may have NO_COLOR set (so the app would draw without colour): only
        // a test that asks for it gets it.
        let unset = env["NO_COLOR"] == nil ? "-u NO_COLOR " : ""
        let line = "env \(unset)\(envPrefix) " + command.map(shellQuote).joined(separator: " ")
            + "; echo $? > \(shellQuote(statusPath))"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "sleep 600"])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
        try tmux(["respawn-pane", "-k", "-t", session, line])
    }

    /// Keys by tmux name ("Enter", "C-q", "M-1", "Escape", "Up").
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Literal text, typed as is.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    /// A mouse report as an xterm sends it (X10 encoding: ESC [ M, then button, column and
    /// row, each plus 32, the last two counted from 1): `button` 0 is a left press, 64 and 65
    /// the wheel up and down.
    func sendMouse(x: Int, y: Int, button: Int = 0) throws {
        func report(_ button: Int) -> String {
            "\u{1B}[M" + [32 + button, 32 + x + 1, 32 + y + 1].compactMap(UnicodeScalar.init).map(String.init).joined()
        }
        // A press is followed by its release (button 3), as a terminal sends them: curses
        // reports a press only when the button was up.
        try tmux(["send-keys", "-t", session, "-l", report(button) + (button == 0 ? report(3) : "")])
    }

    /// The screen with the escape sequences of its colours and attributes (`capture-pane -e`).
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", session])
    }

    /// The screen and up to 100 lines that scrolled off its top.
    func screenWithHistory() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-100", "-t", session])
    }

    /// Polls the screen until `predicate` holds, or fails with the last screen shown.
    @discardableResult
    func waitFor(
        _ description: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line,
        _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("timed out waiting for \(description); screen was:\n\(last)", file: file, line: line)
        throw TmuxError.timeout("\(description); screen:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// The program's exit status once it has exited, nil while it runs.
    func exitStatus() throws -> Int? {
        guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func waitForExit(timeout: TimeInterval = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = try exitStatus() { return status }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TmuxError.timeout("program exit")
    }

    func kill() {
        _ = try? tmux(["kill-server"])
    }

    /// Any other tmux command on this private server (options, buffers).
    @discardableResult
    func command(_ args: String...) throws -> String {
        try tmux(args)
    }

    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let (status, text) = try Spawn.run(["tmux", "-u", "-L", socket] + args)
        if status != 0 && args.first != "kill-server" {
            throw TmuxError.failed(args.joined(separator: " "), text)
        }
        return text
    }
}

enum TmuxError: Error {
    case failed(String, String)
    case timeout(String)
}

func shellQuote(_ s: String) -> String {
    "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Where `swift build` put the binaries under test (`CHATTERM_BIN_DIR` overrides).
func binaryDirectory() -> URL {
    if let dir = ProcessInfo.processInfo.environment["CHATTERM_BIN_DIR"] {
        return URL(fileURLWithPath: dir)
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug")
}

extension TmuxDriver {
    /// Types a message into the composer, sends it, and waits for the status line's "✓" that
    /// ends a reply.
    @discardableResult
    func sendAndWaitForReply(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try type(text)
        try press("Enter")
        return try waitFor("the reply to finish", file: file, line: line) { $0.contains("✓") }
    }
}
