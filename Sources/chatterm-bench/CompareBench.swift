import Foundation
import ProcessSpawn

/// Benchmark 9: compare with four columns, each a 2,000-delta reply the server writes one
/// delta per write, 5 ms apart (four streams at about 200 deltas a second each), drawn in a
/// private tmux side by side; beside it the same reply alone (the steady stream). Measured from
/// outside the process as the steady stream is: CPU, terminal bytes, all bytes written.
enum CompareBench {
    static func run(quick: Bool) throws -> Table {
        let deltas = quick ? 400 : 2_000
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let tmux = try BinaryLocator.onPath("tmux")
        let directory = Spawn.temporaryPath("compare")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }

        var table = Table(
            "Compare: four \(grouped(deltas))-delta replies at once, each one delta per write 5 ms apart, drawn side by side in tmux",
            headers: ["size", "streams", "wall s", "chatterm CPU s", "terminal MB", "all writes MB"])
        for (index, size) in [(120, 40), (200, 60)].enumerated() {
            let one = try SteadyStreamBench.steady(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: deltas, width: size.0, height: size.1,
                directory: directory, index: 10 + index)
            let four = try columns(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: deltas, width: size.0, height: size.1,
                directory: directory, index: index)
            for (streams, run) in [("1 (conversation)", one), ("4 (compare)", four)] {
                table.add([
                    run.size, streams, fixed(run.wallSeconds, 2), run.cpuSeconds.map { fixed($0, 3) } ?? "n/a",
                    fixed(Double(run.terminalBytes) / 1e6, 3), run.writtenBytes.map { fixed(Double($0) / 1e6, 3) } ?? "n/a",
                ])
            }
        }
        table.notes.append("chatterm CPU s: utime+stime from Enter to every column's \"✓ N tok\" (one reply: the status line's).")
        table.notes.append("terminal MB: what chatterm wrote to its pane (tmux pipe-pane); all writes MB: /proc/PID/io wchar (terminal and database).")
        return table
    }

    /// The setup opened on the prompt with a sweep of four seeds, then timed from Enter to the
    /// fourth "✓ N tok".
    static func columns(
        chatterm: String, tmux: String, server: LocalServerProcess, deltas: Int, width: Int, height: Int,
        directory: String, index: Int
    ) throws -> SteadyStreamBench.Run {
        let tmuxServer = PrivateTmux(tmux: tmux, suffix: "compare\(index)")
        defer { tmuxServer.killServer() }
        let home = directory + "/compare\(index)"
        let pid = try tmuxServer.startChatterm(chatterm, server: server, home: home, width: width, height: height)
        try tmuxServer.type("/delay 5 /tokens \(deltas) compare")
        try tmuxServer.press("C-g")
        try tmuxServer.waitFor("the compare setup", timeout: 10) { $0.contains("Sweep") }
        try tmuxServer.press("C-u")
        try tmuxServer.type("seed=1,2,3,4")
        try tmuxServer.waitFor("four columns planned", timeout: 10) { $0.contains("4 columns") }
        return try SteadyStreamBench.measure(
            tmuxServer, pid: pid, home: home, size: "\(width)x\(height)", deltas: deltas, what: "four \"✓ \(deltas) tok\""
        ) { $0.components(separatedBy: "✓ \(deltas) tok").count == 5 }
    }
}
