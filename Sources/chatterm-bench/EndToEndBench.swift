import Foundation
import ProcessSpawn

/// Benchmark 4: one burst of N deltas through the real binaries: chatterm-server streaming at
/// full speed, received by curl (the floor: bytes to /dev/null) and by chatterm in a private
/// tmux at 120x40 (decode, reduce, render, draw, save).
enum EndToEndBench {
    struct Run {
        var curlSeconds: Double
        var chattermWallSeconds: Double
        /// chatterm's own total on the status line, "✓ N tok · … · X.Ys" (send to done, 0.1 s resolution).
        var chattermOwnSeconds: Double?
        var chattermCPUSeconds: Double?
        var peakMiBAtStart: Double?
        var peakMiBAfterFirst: Double?
        var peakMiBAfterSecond: Double?
        var peakMiBAfterFourth: Double?
    }

    static func run(quick: Bool) throws -> Table {
        let deltas = quick ? 2_000 : 20_000
        let runs = quick ? 1 : 3
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let curl = try BinaryLocator.onPath("curl")
        let tmux = try BinaryLocator.onPath("tmux")

        let directory = Spawn.temporaryPath("e2e")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }

        // One untimed request first, so the server's first-request costs are not in any run.
        _ = try curlBurst(curl: curl, server: server, deltas: 10)
        var results: [Run] = []
        for index in 0..<runs {
            let curlSeconds = try curlBurst(curl: curl, server: server, deltas: deltas)
            var run = try chattermBurst(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: deltas,
                directory: directory, index: index)
            run.curlSeconds = curlSeconds
            results.append(run)
        }

        var table = Table(
            "End to end: /tokens \(grouped(deltas)) burst from chatterm-server (--delay-ms 0), \(runs) run(s)",
            headers: ["run", "curl s", "chatterm wall s", "chatterm own s", "wall ratio", "chatterm CPU s",
                      "peak RSS start MiB", "after burst 1", "after burst 2", "after burst 4"])
        func cell(_ value: Double?, _ digits: Int) -> String { value.map { fixed($0, digits) } ?? "n/a" }
        for (index, run) in results.enumerated() {
            table.add([
                "\(index + 1)", fixed(run.curlSeconds, 3), fixed(run.chattermWallSeconds, 3),
                cell(run.chattermOwnSeconds, 1), fixed(run.chattermWallSeconds / run.curlSeconds, 2),
                cell(run.chattermCPUSeconds, 2), cell(run.peakMiBAtStart, 1), cell(run.peakMiBAfterFirst, 1),
                cell(run.peakMiBAfterSecond, 1), cell(run.peakMiBAfterFourth, 1),
            ])
        }
        if results.count > 1 {
            func mid(_ values: [Double?]) -> Double? {
                let present = values.compactMap { $0 }
                return present.isEmpty ? nil : median(present)
            }
            let curlMedian = median(results.map(\.curlSeconds))
            let wallMedian = median(results.map(\.chattermWallSeconds))
            table.add([
                "median", fixed(curlMedian, 3), fixed(wallMedian, 3), cell(mid(results.map(\.chattermOwnSeconds)), 1),
                fixed(wallMedian / curlMedian, 2), cell(mid(results.map(\.chattermCPUSeconds)), 2),
                cell(mid(results.map(\.peakMiBAtStart)), 1), cell(mid(results.map(\.peakMiBAfterFirst)), 1),
                cell(mid(results.map(\.peakMiBAfterSecond)), 1), cell(mid(results.map(\.peakMiBAfterFourth)), 1),
            ])
        }
        table.notes.append("curl s: wall time of `curl -sN` (process start to exit) writing the stream to /dev/null.")
        table.notes.append("chatterm wall s: from sending Enter to capture-pane first showing \"✓ N tok\" (polled every 10 ms; includes tmux round trips).")
        table.notes.append("chatterm CPU s: utime+stime of the chatterm process over burst 1. Peak RSS = VmHWM; bursts 2-4 (\(grouped(deltas + 1))-\(grouped(deltas + 3)) deltas) follow burst 1 in the same process.")
        return table
    }

    static func requestBody(deltas: Int, commands: String = "") -> String {
        #"{"project_id":1,"model":"local-echo","messages":[{"role":"user","content":"\#(commands)/tokens \#(deltas) burst"}],"stream":true}"#
    }

    /// Wall seconds for curl to receive the whole burst; fails unless it got a complete stream.
    static func curlBurst(curl: String, server: LocalServerProcess, deltas: Int, commands: String = "") throws -> Double {
        var result: (status: Int32, output: String) = (0, "")
        let seconds = try Clock.measure {
            result = try Spawn.run([
                curl, "-sN", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", requestBody(deltas: deltas, commands: commands),
                server.baseURL + "/v1/chat/completions",
            ])
        }
        let parts = result.output.split(separator: " ")
        guard result.status == 0, parts.first == "200", parts.count == 2, let bytes = Int(parts[1]), bytes > deltas * 50 else {
            throw Spawn.Failure(description: "curl burst failed (exit \(result.status)): \(result.output)")
        }
        return seconds
    }

    /// One burst in a fresh chatterm; with `followingBursts`, three more in the same process
    /// for the memory columns.
    static func chattermBurst(
        chatterm: String, tmux: String, server: LocalServerProcess, deltas: Int, directory: String, index: Int,
        commands: String = "", config: String? = nil, followingBursts: Bool = true
    ) throws -> Run {
        let tmuxServer = PrivateTmux(tmux: tmux, suffix: "\(index)")
        defer { tmuxServer.killServer() }
        let pid = try tmuxServer.startChatterm(
            chatterm, server: server, home: directory + "/run\(index)", width: 120, height: 40, config: config)

        let peakAtStart = ProcStats.statusMiB(pid: pid, field: "VmHWM")
        let cpuBefore = ProcStats.cpuSeconds(pid: pid)
        try tmuxServer.type(commands + "/tokens \(deltas) burst")
        let sent = Clock.nanoseconds()
        try tmuxServer.press("Enter")
        let doneScreen = try tmuxServer.waitFor("\"✓ \(deltas) tok\"", timeout: 120) {
            $0.contains("✓ \(deltas) tok")
        }
        let wall = Double(Clock.nanoseconds() - sent) / 1e9
        let cpuAfter = ProcStats.cpuSeconds(pid: pid)
        let peakAfterFirst = ProcStats.statusMiB(pid: pid, field: "VmHWM")

        // Three more bursts in the same process, each one delta longer: its done line differs,
        // so it cannot be confused with the previous one still on screen. Several points tell
        // a one-time warm-up from growth per burst.
        var peaks: [Double?] = [nil, nil, nil]
        for extra in 1...3 where followingBursts {
            peaks.removeFirst()
            try tmuxServer.type("/tokens \(deltas + extra) burst")
            try tmuxServer.press("Enter")
            try tmuxServer.waitFor("\"✓ \(deltas + extra) tok\"", timeout: 120) {
                $0.contains("✓ \(deltas + extra) tok")
            }
            peaks.append(ProcStats.statusMiB(pid: pid, field: "VmHWM"))
        }

        return Run(
            curlSeconds: .nan, chattermWallSeconds: wall, chattermOwnSeconds: ownSeconds(in: doneScreen, deltas: deltas),
            chattermCPUSeconds: zip(cpuBefore, cpuAfter).map { $1 - $0 },
            peakMiBAtStart: peakAtStart, peakMiBAfterFirst: peakAfterFirst, peakMiBAfterSecond: peaks[0], peakMiBAfterFourth: peaks[2])
    }

    /// X.Y from the status line's "✓ N tok · R tok/s · TTFT T · X.Ys": the figure that is
    /// a plain number of seconds.
    static func ownSeconds(in screen: String, deltas: Int) -> Double? {
        // The reply's own text may hold a "✓"; the status line's starts with the count.
        guard let range = screen.range(of: "✓ \(deltas) tok") else { return nil }
        let line = screen[range.upperBound...].prefix { $0 != "\n" && $0 != "│" }
        for figure in line.components(separatedBy: " · ") {
            // The key hints follow the last figure on the same line, after a run of spaces.
            let text = figure.split(separator: " ").first.map(String.init) ?? ""
            guard text.hasSuffix("s"), let seconds = Double(text.dropLast()) else { continue }
            return seconds
        }
        return nil
    }
}

/// Both values, or nil.
private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
