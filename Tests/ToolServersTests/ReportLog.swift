import ChatCore
import Foundation
import ToolServers
import XCTest

/// What a host posted, from its threads, and waiting (on a condition, not by sleeping) until
/// what a test expects has been posted.
final class ReportLog: @unchecked Sendable {
    private let condition = NSCondition()
    private var actions: [Action] = []

    var post: @Sendable (Action) -> Void {
        { [self] action in
            condition.lock()
            actions.append(action)
            condition.broadcast()
            condition.unlock()
        }
    }

    var all: [Action] {
        condition.lock(); defer { condition.unlock() }
        return actions
    }

    /// Every `.toolServersChanged` report, in order.
    var reports: [[ToolServerStatus]] {
        all.compactMap { if case .toolServersChanged(let statuses) = $0 { return statuses } else { return nil } }
    }

    /// Every `.toolFinished` of `callID`.
    func finished(_ callID: String) -> [ToolCallResult] {
        all.compactMap {
            if case .toolFinished(let id, let result, _) = $0, id == callID { return result } else { return nil }
        }
    }

    /// Waits until `check` holds for the actions so far; fails the test after `seconds`.
    @discardableResult
    func wait<T>(
        _ what: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line, _ check: ([Action]) -> T?
    ) -> T? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let found = check(actions) { return found }
            if !condition.wait(until: deadline) {
                XCTFail("timed out waiting for \(what); posted: \(actions)", file: file, line: line)
                return nil
            }
        }
    }

    /// Waits for the server's status to match `phase`.
    @discardableResult
    func waitForServer(
        _ name: String, file: StaticString = #filePath, line: UInt = #line, _ matches: @escaping (ToolServerStatus) -> Bool
    ) -> ToolServerStatus? {
        wait("server \(name)", file: file, line: line) { actions in
            for action in actions.reversed() {
                if case .toolServersChanged(let statuses) = action, let status = statuses.first(where: { $0.name == name }) {
                    return matches(status) ? status : nil
                }
            }
            return nil
        }
    }

    func waitForFinish(_ callID: String, seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line) -> ToolCallResult? {
        wait("call \(callID) to finish", seconds: seconds, file: file, line: line) { actions in
            actions.lazy.compactMap { action -> ToolCallResult? in
                if case .toolFinished(let id, let result, _) = action, id == callID { return result } else { return nil }
            }.first
        }
    }
}

extension ToolServerStatus {
    var isRunning: Bool { phase == .running }
    var isFailed: Bool { if case .failed = phase { return true } else { return false } }
}

/// Children of this process, read from /proc: (pid, command name, state letter).
func childProcesses() -> [(pid: Int32, name: String, state: String)] {
    let me = getpid()
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry in
        guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        let name = String(stat[stat.index(after: open)..<close])
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 1, Int32(fields[1]) == me else { return nil }
        return (pid, name, String(fields[0]))
    }
}

/// Where `swift build` put the test MCP server (`CHATTERM_BIN_DIR` overrides, as for the
/// end-to-end tests).
func testServerPath() -> String {
    if let directory = ProcessInfo.processInfo.environment["CHATTERM_BIN_DIR"] {
        return directory + "/ToolServersTestServer"
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/ToolServersTestServer").path
}

extension ReportLog {
    /// For async tests: polls (never blocking one of the few cooperative threads the server
    /// and the SDK run on) until `check` holds; nil after `seconds`.
    func eventually<T>(seconds: Double = 20, _ check: @escaping ([Action]) -> T?) async -> T? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = check(all) { return found }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func serverStatus(_ name: String, in actions: [Action]) -> ToolServerStatus? {
        for action in actions.reversed() {
            if case .toolServersChanged(let statuses) = action, let status = statuses.first(where: { $0.name == name }) { return status }
        }
        return nil
    }

    func eventuallyServer(_ name: String, _ matches: @escaping (ToolServerStatus) -> Bool) async -> ToolServerStatus? {
        await eventually { [self] actions in serverStatus(name, in: actions).flatMap { matches($0) ? $0 : nil } }
    }

    func eventuallyFinished(_ callID: String) async -> ToolCallResult? {
        await eventually { actions in
            actions.lazy.compactMap { action -> ToolCallResult? in
                if case .toolFinished(let id, let result, _) = action, id == callID { return result } else { return nil }
            }.first
        }
    }
}

/// Call timeouts held for the test to fire (`ToolServerHost.CallDeadline`): a timeout needs
/// no waiting, and "it fired after the call ended" is a step of the test, not a sleep.
final class HeldDeadlines: @unchecked Sendable {  // safe: every field is read and written under `lock`.
    private let lock = NSLock()
    private var pending: [(seconds: Int, fire: @Sendable () -> Void)] = []

    var hold: ToolServerHost.CallDeadline {
        { [self] seconds, fire in
            lock.lock()
            pending.append((seconds, fire))
            lock.unlock()
        }
    }

    /// The timeouts set and not yet fired, in seconds.
    var held: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return pending.map(\.seconds)
    }

    /// Fires every held timeout, in the order they were set.
    func fireAll() {
        lock.lock()
        let due = pending
        pending = []
        lock.unlock()
        for deadline in due { deadline.fire() }
    }
}
