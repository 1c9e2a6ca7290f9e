import Foundation
import LocalServer
import MCP
import ProcessSpawn
import XCTest

/// `chatterm-server --mcp-stdio` as a child process over pipes, driven by the SDK's `Client`:
/// what a chatterm `[mcp.NAME]` table gets.
final class StdioToolServerTests: XCTestCase {
    private var child: Spawn.PipedChild?
    private var client: Client?
    private var errorPath = Spawn.temporaryPath("mcp-stderr")

    override func tearDown() async throws {
        await client?.disconnect()
        if let child, child.pid > 0 {
            close(child.input)
            close(child.output)
            kill(child.pid, SIGKILL)
            Spawn.wait(child.pid)
        }
        unlink(errorPath)
    }

    private var serverBinary: String {
        let directory = ProcessInfo.processInfo.environment["CHATTERM_BIN_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug")
        return directory.appendingPathComponent("chatterm-server").path
    }

    /// Starts the server with `arguments` and connects a client (initialize done).
    private func connect(_ arguments: [String] = []) async throws -> Client {
        let started = try Spawn.startWithPipes([serverBinary, "--mcp-stdio"] + arguments, errorLogPath: errorPath)
        child = started
        let transport = StdioTransport(input: .init(rawValue: started.output), output: .init(rawValue: started.input))
        let client = Client(name: "chatterm-tests", version: "1.0")
        self.client = client
        _ = try await client.connect(transport: transport)
        return client
    }

    private func text(_ content: [Tool.Content]) -> String {
        content.map { item -> String in
            if case let .text(text, _, _) = item { return text }
            return "<not text>"
        }.joined()
    }

    func testListsEveryToolWithItsSchema() async throws {
        let client = try await connect()
        let tools = try await client.listTools().tools
        XCTAssertEqual(tools.map(\.name), ["echo", "add", "slow", "crash", "fail", "big"])
        let echo = try XCTUnwrap(tools.first)
        XCTAssertEqual(echo.inputSchema.objectValue?["required"], .array([.string("text")]))
    }

    func testToolsOptionOffersOnlyThose() async throws {
        let client = try await connect(["--tools", "add,echo"])
        let names = try await client.listTools().tools.map(\.name)
        XCTAssertEqual(names, ["add", "echo"])
        let refused = try await client.callTool(name: "crash", arguments: [:])
        XCTAssertEqual(refused.isError, true)
        XCTAssertEqual(text(refused.content), "no tool named crash")
    }

    func testEachToolAnswers() async throws {
        let client = try await connect()
        let echo = try await client.callTool(name: "echo", arguments: ["text": .string("hello")])
        XCTAssertEqual(text(echo.content), "hello")
        XCTAssertNotEqual(echo.isError, true)
        let sum = try await client.callTool(name: "add", arguments: ["a": .int(2), "b": .int(3)])
        XCTAssertEqual(text(sum.content), "5")
        let slept = try await client.callTool(name: "slow", arguments: ["seconds": .double(0.1)])
        XCTAssertEqual(text(slept.content), "slept 0.1 s")
        let failed = try await client.callTool(name: "fail", arguments: ["message": .string("no such file")])
        XCTAssertEqual(failed.isError, true)
        XCTAssertEqual(text(failed.content), "no such file")
        let big = try await client.callTool(name: "big", arguments: ["kilobytes": .int(64)])
        XCTAssertEqual(text(big.content).utf8.count, 64 * 1024)
    }

    func testTimingLogHasAToolLinePerCall() async throws {
        let logPath = Spawn.temporaryPath("mcp-timing")
        defer { unlink(logPath) }
        let client = try await connect(["--timing-log", logPath])
        _ = try await client.callTool(name: "slow", arguments: ["seconds": .double(0.05)])
        _ = try await client.callTool(name: "echo", arguments: ["text": .string("x")])
        let events = TimingEvent.parse(try String(contentsOfFile: logPath, encoding: .utf8))
        XCTAssertEqual(events.count, 2)
        guard case let .toolCall(name, start, end) = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(name, "slow")
        XCTAssertGreaterThanOrEqual(end - start, 50_000_000, "the call's own time covers the sleep")
    }

    func testCrashExitsWithStatusThreeAndSaysSoOnStderr() async throws {
        let client = try await connect()
        let call = Task { try await client.callTool(name: "crash", arguments: [:]) }
        let started = try XCTUnwrap(child)
        XCTAssertEqual(Spawn.wait(started.pid), 3)
        child = nil  // reaped: tearDown must not signal its pid again
        close(started.input)
        close(started.output)
        call.cancel()
        XCTAssertEqual(try String(contentsOfFile: errorPath, encoding: .utf8), "crash requested\n")
    }

    func testFailStartWritesTheMessageAndExitsOneWithNothingOnStdout() throws {
        let outputPath = Spawn.temporaryPath("mcp-stdout")
        defer { unlink(outputPath) }
        let pid = try Spawn.start(
            [serverBinary, "--mcp-stdio", "--fail-start", "cannot open the database"],
            streams: Spawn.Streams(output: outputPath, error: errorPath))
        XCTAssertEqual(Spawn.wait(pid), 1)
        XCTAssertEqual(try String(contentsOfFile: errorPath, encoding: .utf8), "cannot open the database\n")
        XCTAssertEqual(try String(contentsOfFile: outputPath, encoding: .utf8), "")
    }

    func testEndsWithStatusZeroWhenItsInputCloses() async throws {
        let client = try await connect()
        _ = try await client.listTools()
        let started = try XCTUnwrap(child)
        close(started.input)
        XCTAssertEqual(Spawn.wait(started.pid), 0)
        close(started.output)
        child = nil
    }
}
