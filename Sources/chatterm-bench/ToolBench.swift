import Foundation
import LocalServer
import MCP
import ProcessSpawn

/// MCP tools (issue 23): (a) a stdio server's start to its tool list, through the SDK's client
/// as chatterm's host uses it; (b) the tool turnaround: from the chat server writing a reply's
/// `finish_reason: tool_calls` to the next request arriving, minus the tool's own run time,
/// through the real `chatterm ask --approve-tools` against both bundled servers. Both servers
/// write CLOCK_MONOTONIC times to one timing log (`--timing-log`); `ToolTurnaround` (tested in
/// LocalServerTests) does the arithmetic. Method: docs/performance.md.
enum ToolBench {
    static func runs(quick: Bool) -> Int { quick ? 3 : 20 }

    /// (a): printed on its own, before (b) (which needs the whole tool loop) runs.
    static func runStart(quick: Bool) throws -> Table {
        try stdioStart(serverPath: BinaryLocator.sibling("chatterm-server"), runs: runs(quick: quick))
    }

    static func runTurnaround(quick: Bool) throws -> Table {
        try turnaround(
            serverPath: BinaryLocator.sibling("chatterm-server"), chattermPath: BinaryLocator.sibling("chatterm"),
            runs: runs(quick: quick))
    }

    // MARK: (a) start to tool list

    static func stdioStart(serverPath: String, runs: Int) throws -> Table {
        _ = try timeToToolList(serverPath)  // untimed warm-up: page cache
        var times: [Double] = []
        for _ in 0..<runs { times.append(try timeToToolList(serverPath)) }
        var table = Table(
            "MCP stdio server: spawn of chatterm-server --mcp-stdio to its tools/list answer (SDK client), \(runs) runs",
            headers: ["median ms", "max ms", "tools"])
        table.add([fixed(median(times) * 1000, 1), fixed((times.max() ?? .nan) * 1000, 1), "6"])
        return table
    }

    /// Seconds from before the spawn to the tool list in hand (initialize, then tools/list).
    private static func timeToToolList(_ serverPath: String) throws -> Double {
        let start = Clock.nanoseconds()
        let child = try Spawn.startWithPipes([serverPath, "--mcp-stdio"], errorLogPath: "/dev/null")
        defer {
            close(child.input)
            close(child.output)
            kill(child.pid, SIGTERM)
            Spawn.wait(child.pid)
        }
        let count = try blocking {
            let client = Client(name: "chatterm-bench", version: "1.0")
            _ = try await client.connect(
                transport: StdioTransport(input: .init(rawValue: child.output), output: .init(rawValue: child.input)))
            let tools = try await client.listTools().tools
            await client.disconnect()
            return tools.count
        }
        let elapsed = Double(Clock.nanoseconds() - start) / 1e9
        guard count == 6 else { throw Spawn.Failure(description: "the test MCP server listed \(count) tools, not 6") }
        return elapsed
    }

    // MARK: (b) turnaround

    static func turnaround(serverPath: String, chattermPath: String, runs: Int) throws -> Table {
        let directory = Spawn.temporaryPath("tools")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let timingLog = directory + "/timing.log"
        let server = try LocalServerProcess(executable: serverPath, directory: directory, extraArguments: ["--timing-log", timingLog])
        defer { server.stop() }
        let config = directory + "/config.toml"
        try Data(configText(serverPath: serverPath, timingLog: timingLog).utf8).write(to: URL(fileURLWithPath: config))
        let ask = [
            chattermPath, "ask", "--config", config, "--base-url", server.baseURL + "/openai/v1", "--dialect", "openai",
            "--model", "local-echo", "--db", directory + "/unused.sqlite", "--approve-tools", #"/tool echo {"text":"bench"}"#,
        ]
        // Untimed warm-up, then the log starts empty.
        try askOnce(ask)
        try Data().write(to: URL(fileURLWithPath: timingLog))
        for _ in 0..<runs { try askOnce(ask) }
        let events = TimingEvent.parse(try String(contentsOfFile: timingLog, encoding: .utf8))
        let rounds = ToolTurnaround.rounds(events)
        guard rounds.count == runs else {
            throw Spawn.Failure(description: "\(rounds.count) tool rounds in the timing log for \(runs) asks (is the tool loop merged?)")
        }
        let turnarounds = rounds.map(\.turnaroundNanoseconds)
        guard let summary = ToolTurnaround.medianAndP95(turnarounds) else { throw Spawn.Failure(description: "no rounds") }
        var table = Table(
            "Tool turnaround: finish_reason tool_calls written → next request arrived, minus the tool's run time "
                + "(chatterm ask --approve-tools, /tool echo), \(runs) runs; goal ≤ 20 ms",
            headers: ["median ms", "p95 ms", "max ms", "median tool ms"])
        table.add([
            milliseconds(summary.median), milliseconds(summary.p95), milliseconds(turnarounds.max() ?? 0),
            milliseconds(ToolTurnaround.medianAndP95(rounds.map(\.toolNanoseconds))?.median ?? 0),
        ])
        return table
    }

    /// The bench's config: the test MCP server logging its calls into the same timing log.
    static func configText(serverPath: String, timingLog: String) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return """
        [mcp.bench]
        command = \(quoted(serverPath))
        args = ["--mcp-stdio", "--tools", "echo", "--timing-log", \(quoted(timingLog))]
        approve = "always"

        """
    }

    private static func askOnce(_ command: [String]) throws {
        let result = try Spawn.run(command)
        guard result.status == 0, result.output.contains("returned: bench") else {
            throw Spawn.Failure(description: "chatterm ask exited \(result.status): \(result.output.suffix(400))")
        }
    }

    private static func milliseconds(_ nanoseconds: UInt64) -> String { fixed(Double(nanoseconds) / 1e6, 2) }

    /// Runs async work to completion on a task and waits for it (the benchmark is synchronous).
    private static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw Spawn.Failure(description: "no result") }
        return try result.get()
    }
}

/// The result of `blocking`'s task, read after its semaphore.
// safe: written once by the task before `signal`, read after `wait`.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
