import Deterministic
import Foundation
import XCTest

/// A large bracketed paste through the real binary: tmux delivers it as a terminal would (in
/// pieces cut at any byte), and the request the server receives must carry it byte for byte.
final class PasteEndToEndTests: EndToEndCase {
    func testAMegabyteMixedPasteArrivesWholeAndQuickly() async throws {
        let text = MixedText.generate(byteCount: 1 << 20, seed: 2026)
        let file = dataDirectory.appendingPathComponent("paste.txt")
        try Data(text.utf8).write(to: file)

        let tmux = TmuxDriver(name: "bigpaste")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 120, height: 40)
        try tmux.waitFor(text: "Sessions")
        let pid = try chattermProcessID(tmux)
        try tmux.command("load-buffer", "-b", "big", file.path)

        let cpuBefore = cpuSeconds(pid)
        let start = Date()
        // -p: bracketed, as the terminal's paste would be (tmux turns LF into CR, as terminals do).
        try tmux.command("paste-buffer", "-p", "-d", "-b", "big", "-t", "e2e")
        try tmux.press("Enter")
        var bodies: [[String: Any]] = []
        let deadline = Date().addingTimeInterval(120)
        while bodies.isEmpty, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
            bodies = try await completionBodies()
        }
        let wall = Date().timeIntervalSince(start)
        let cpu = cpuSeconds(pid) - cpuBefore
        print(String(format: "paste of %d bytes: %.2f s from paste to request, %.2f s CPU", text.utf8.count, wall, cpu))

        let messages = try XCTUnwrap(bodies.first?["messages"] as? [[String: Any]])
        let sent = try XCTUnwrap(messages.last?["content"] as? String)
        XCTAssertEqual(sent.utf8.count, text.utf8.count, "bytes sent vs pasted")
        if sent != text {
            let firstDifference = zip(sent.unicodeScalars, text.unicodeScalars).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            XCTFail("the request differs from the paste from scalar \(firstDifference ?? -1) on")
        }
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(timeout: 60), 0)
    }

    /// The chatterm process under the pane's shell (the pane runs `env … chatterm …; echo`).
    private func chattermProcessID(_ tmux: TmuxDriver) throws -> Int32 {
        let panePID = try tmux.command("display-message", "-p", "-t", "e2e", "#{pane_pid}")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var queue = [panePID]
        while let next = queue.popLast() {
            if let name = try? String(contentsOfFile: "/proc/\(next)/comm", encoding: .utf8),
               name.trimmingCharacters(in: .whitespacesAndNewlines) == "chatterm", let pid = Int32(next) {
                return pid
            }
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(next)/task")) ?? []
            for task in tasks {
                let children = (try? String(contentsOfFile: "/proc/\(next)/task/\(task)/children", encoding: .utf8)) ?? ""
                queue += children.split(separator: " ").map(String.init)
            }
        }
        throw TmuxError.failed("find chatterm", panePID)
    }

    /// User plus system CPU time of `pid` so far (/proc/PID/stat, fields 14 and 15).
    private func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ")": state is field 3, so utime (14) and stime (15) are at 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
