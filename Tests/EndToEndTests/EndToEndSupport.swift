import Foundation
import LocalServer
import XCTest

/// A local server on an ephemeral 127.0.0.1 port plus a private data folder per test.
class EndToEndCase: XCTestCase {
    var server: LocalPremServer!
    var port: UInt16 = 0
    var dataDirectory: URL!

    override func setUp() async throws {
        let chatterm = binaryDirectory().appendingPathComponent("chatterm").path
        guard FileManager.default.isExecutableFile(atPath: chatterm) else {
            XCTFail("\(chatterm) is missing: run `swift build` first (make test does).")
            throw TmuxError.failed("binary", chatterm)
        }
        // Short replies, so a whole reply (with the quoted prompt it opens with) fits on screen.
        server = LocalPremServer(configuration: LocalServerConfiguration(defaultTokenCount: 24))
        port = try await server.start()
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        await server?.stop()
        if let dataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    var databasePath: String { dataDirectory.appendingPathComponent("sessions.sqlite").path }

    /// The chatterm command line for the prem dialect against the local server.
    func chattermCommand(_ extra: [String] = []) -> [String] {
        [binaryDirectory().appendingPathComponent("chatterm").path,
         "--base-url", "http://127.0.0.1:\(port)", "--project-id", "1", "--model", "local-echo",
         "--db", databasePath, "--dialect", "prem", "--no-config"] + extra
    }

    /// Polls the server until it has recorded `count` completions (a later reply's "✓" cannot
    /// be told from an earlier one's on screen); fails when it has not within `timeout`.
    func waitForBodies(_ count: Int, timeout: TimeInterval = 20) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        var bodies: [[String: Any]] = []
        while Date() < deadline {
            bodies = try await completionBodies()
            if bodies.count >= count { return bodies }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTFail("the server saw \(bodies.count) requests, not \(count)")
        return bodies
    }

    /// Chat-completion bodies the server received, parsed.
    func completionBodies() async throws -> [[String: Any]] {
        try await server.recordedRequests()
            .filter { $0.path.hasSuffix("/chat/completions") }
            .map { request in
                let object = try JSONSerialization.jsonObject(with: request.body)
                return object as? [String: Any] ?? [:]
            }
    }
}

extension TmuxDriver {
    /// The process called `name` under the pane's shell (the pane runs `env … chatterm …; echo`).
    func programProcessID(named name: String = "chatterm") throws -> Int32 {
        let panePID = try command("display-message", "-p", "-t", "e2e", "#{pane_pid}")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var queue = [panePID]
        while let next = queue.popLast() {
            let comm = (try? String(contentsOfFile: "/proc/\(next)/comm", encoding: .utf8)) ?? ""
            if comm.trimmingCharacters(in: .whitespacesAndNewlines) == name, let pid = Int32(next) { return pid }
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? []
            for task in tasks {
                let children = (try? String(contentsOfFile: "/proc/\(next)/task/\(task)/children", encoding: .utf8)) ?? ""
                queue += children.split(separator: " ").map(String.init)
            }
        }
        throw TmuxError.failed("find \(name)", panePID)
    }
}

/// User plus system CPU time of `pid` so far (/proc/PID/stat, fields 14 and 15).
func cpuSeconds(_ pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // After ")": state is field 3, so utime (14) and stime (15) are at 11 and 12.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
