import Foundation
import ProcessSpawn

/// Benchmark 7: what Markdown rendering costs where a user feels it. The steady stream and the
/// burst of the end-to-end benchmarks, run three ways at 120x40: the server's ordinary prose
/// with rendering off (`[display] markdown = false`, the plain-text baseline), the same prose
/// rendered, and a reply rich in tables and code (`/markdown`) rendered.
enum MarkdownBench {
    struct Variant {
        var name: String
        var commands: String
        var config: String?
    }

    static let variants = [
        Variant(name: "prose, raw text", commands: "", config: "[display]\nmarkdown = false\n"),
        Variant(name: "prose, Markdown", commands: "", config: nil),
        Variant(name: "tables and code, Markdown", commands: "/markdown ", config: nil),
    ]

    static func run(quick: Bool) throws -> [Table] {
        let steadyDeltas = quick ? 400 : 2_000
        let burstDeltas = quick ? 2_000 : 20_000
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let curl = try BinaryLocator.onPath("curl")
        let tmux = try BinaryLocator.onPath("tmux")
        let directory = Spawn.temporaryPath("markdown")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }
        _ = try EndToEndBench.curlBurst(curl: curl, server: server, deltas: 10)

        var steady = Table(
            "Markdown, steady stream: \(grouped(steadyDeltas)) deltas, one per write, 5 ms apart, 120x40",
            headers: ["reply", "wall s", "chatterm CPU s", "CPU vs raw", "terminal MB"])
        var baseline: Double?
        for (index, variant) in variants.enumerated() {
            let run = try SteadyStreamBench.steady(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: steadyDeltas, width: 120, height: 40,
                directory: directory, index: 10 + index, commands: variant.commands, config: variant.config)
            if index == 0 { baseline = run.cpuSeconds }
            var ratio = "n/a"
            if let cpu = run.cpuSeconds, let baseline { ratio = fixed(cpu / baseline, 2) }
            steady.add([
                variant.name, fixed(run.wallSeconds, 2), run.cpuSeconds.map { fixed($0, 3) } ?? "n/a", ratio,
                fixed(Double(run.terminalBytes) / 1e6, 3),
            ])
        }
        steady.notes.append("CPU vs raw: chatterm CPU s over the first row's (the same prose shown as the raw text).")

        var burst = Table(
            "Markdown, burst: /tokens \(grouped(burstDeltas)) from chatterm-server (--delay-ms 0), 120x40",
            headers: ["reply", "curl s", "chatterm wall s", "wall ratio", "chatterm CPU s", "wall vs raw"])
        var baselineWall: Double?
        for (index, variant) in variants.enumerated() {
            let curlSeconds = try EndToEndBench.curlBurst(curl: curl, server: server, deltas: burstDeltas, commands: variant.commands)
            let run = try EndToEndBench.chattermBurst(
                chatterm: chattermPath, tmux: tmux, server: server, deltas: burstDeltas, directory: directory, index: 20 + index,
                commands: variant.commands, config: variant.config, followingBursts: false)
            if index == 0 { baselineWall = run.chattermWallSeconds }
            burst.add([
                variant.name, fixed(curlSeconds, 3), fixed(run.chattermWallSeconds, 3),
                fixed(run.chattermWallSeconds / curlSeconds, 2), run.chattermCPUSeconds.map { fixed($0, 2) } ?? "n/a",
                baselineWall.map { fixed(run.chattermWallSeconds / $0, 2) } ?? "n/a",
            ])
        }
        burst.notes.append("curl s: the same stream (same prompt) to /dev/null, just before chatterm's run.")
        burst.notes.append("wall vs raw: chatterm wall s over the first row's.")
        return [steady, burst]
    }
}
