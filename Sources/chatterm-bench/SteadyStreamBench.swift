import Foundation
import ProcessSpawn

/// Benchmark 5: what a user feels while a reply streams at a steady rate. chatterm-server
/// writes one delta per write, 5 ms apart (2,000 deltas at about 200 a second, as a real model
/// server does), and chatterm draws it in a private tmux. Measured from outside the process:
/// its CPU time (/proc/PID/stat), the bytes it wrote to the terminal (tmux pipe-pane), and all
/// bytes it wrote (/proc/PID/io wchar: terminal plus database).
enum SteadyStreamBench {
    struct Run {
        var size: String
        var wallSeconds: Double
        var cpuSeconds: Double?
        var terminalBytes: Int
        var writtenBytes: Int?
    }

    static func run(quick: Bool) throws -> Table {
        let deltas = quick ? 400 : 2_000
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let tmux = try BinaryLocator.onPath("tmux")
        let directory = Spawn.temporaryPath("steady")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }

        var runs: [Run] = []
        for (index, size) in [(120, 40), (200, 60)].enumerated() {
            runs.append(try steady(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: deltas, width: size.0, height: size.1,
                directory: directory, index: index))
        }
        var table = Table(
            "Steady stream: \(grouped(deltas)) deltas, one per write, 5 ms apart, drawn in tmux",
            headers: ["size", "wall s", "chatterm CPU s", "terminal MB", "all writes MB"])
        for run in runs {
            table.add([
                run.size, fixed(run.wallSeconds, 2), run.cpuSeconds.map { fixed($0, 3) } ?? "n/a",
                fixed(Double(run.terminalBytes) / 1e6, 3), run.writtenBytes.map { fixed(Double($0) / 1e6, 3) } ?? "n/a",
            ])
        }
        table.notes.append("chatterm CPU s: utime+stime from Enter to \"✓ N tok\" on the status line.")
        table.notes.append("terminal MB: what chatterm wrote to its pane (tmux pipe-pane); all writes MB: /proc/PID/io wchar (terminal and database).")
        return table
    }

    static func steady(
        chatterm: String, tmux: String, server: LocalServerProcess, deltas: Int, width: Int, height: Int,
        directory: String, index: Int, commands: String = "", config: String? = nil
    ) throws -> Run {
        let tmuxServer = PrivateTmux(tmux: tmux, suffix: "steady\(index)")
        defer { tmuxServer.killServer() }
        let home = directory + "/steady\(index)"
        let pid = try tmuxServer.startChatterm(chatterm, server: server, home: home, width: width, height: height, config: config)
        try tmuxServer.type(commands + "/delay 5 /tokens \(deltas) steady")
        return try measure(tmuxServer, pid: pid, home: home, size: "\(width)x\(height)", deltas: deltas, what: "\"✓ \(deltas) tok\"") {
            $0.contains("✓ \(deltas) tok")
        }
    }

    /// From Enter to the screen `done` accepts, seen from outside chatterm: wall time, its
    /// CPU (/proc/PID/stat), what it wrote to its pane (tmux pipe-pane) and all it wrote
    /// (/proc/PID/io wchar). The prompt must be typed already.
    static func measure(
        _ tmuxServer: PrivateTmux, pid: pid_t, home: String, size: String, deltas: Int, what: String,
        done: (String) -> Bool
    ) throws -> Run {
        let capture = home + "/pane-output"
        try tmuxServer.pipePane(to: capture)
        let cpuBefore = ProcStats.cpuSeconds(pid: pid)
        let writtenBefore = ProcStats.ioCounter(pid: pid, field: "wchar")
        let start = Clock.nanoseconds()
        try tmuxServer.press("Enter")
        try tmuxServer.waitFor(what, timeout: Double(deltas) / 50 + 30, interval: 0.1, done)
        let wall = Double(Clock.nanoseconds() - start) / 1e9
        let cpuAfter = ProcStats.cpuSeconds(pid: pid)
        let writtenAfter = ProcStats.ioCounter(pid: pid, field: "wchar")
        try tmuxServer.stopPipePane()
        let terminalBytes = (try? FileManager.default.attributesOfItem(atPath: capture)[.size] as? Int) ?? 0
        var cpu: Double?
        if let before = cpuBefore, let after = cpuAfter { cpu = after - before }
        var written: Int?
        if let before = writtenBefore, let after = writtenAfter { written = after - before }
        return Run(size: size, wallSeconds: wall, cpuSeconds: cpu, terminalBytes: terminalBytes, writtenBytes: written)
    }
}
