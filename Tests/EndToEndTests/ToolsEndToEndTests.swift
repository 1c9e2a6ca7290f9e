import Foundation
import XCTest

/// Issue 23 through the real binary: an MCP server from config.toml (the repo's own
/// `chatterm-server --mcp-stdio`), a model that calls its tools (the bundled chat server's
/// `/tool NAME JSON`), and the user's word on each call, in tmux. The request bodies the chat
/// server received say what went back to the model.
final class ToolsEndToEndTests: EndToEndCase {
    /// The openai-dialect command with a config whose `[mcp.t]` runs the test MCP server
    /// (`extra` lines added to that table; `more` appended: other tables).
    private func command(table extra: String = "", more: String = "") throws -> [String] {
        let serverPath = binaryDirectory().appendingPathComponent("chatterm-server").path
        let toml = """
            [mcp.t]
            command = "\(serverPath)"
            args = ["--mcp-stdio"]
            \(extra)
            \(more)
            """
        let path = dataDirectory.appendingPathComponent("config.toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        return [binaryDirectory().appendingPathComponent("chatterm").path,
                "--dialect", "openai", "--base-url", "http://127.0.0.1:\(port)/openai/v1", "--model", "local-echo",
                "--db", databasePath, "--config=\(path)"]
    }

    private func toolNames(_ body: [String: Any]) -> [String] {
        ((body["tools"] as? [[String: Any]]) ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
    }

    private func messages(_ body: [String: Any]) -> [[String: Any]] {
        (body["messages"] as? [[String: Any]]) ?? []
    }

    /// Starts chatterm, waits for the test server's tools, and sends `prompt`.
    private func start(_ tmux: TmuxDriver, _ command: [String], sending prompt: String) throws {
        try tmux.start(command, width: 110, height: 34)
        try tmux.waitFor(text: "Sessions")
        // The servers start after the first frame: send once the tools are listed (Ctrl+T says).
        try tmux.press("C-t")
        try tmux.waitFor(text: "running · 6 tools")
        try tmux.press("Escape")
        // Esc read together with the next key would be Alt+key: wait for the overlay to close.
        try tmux.waitFor("the tools overlay to close") { !$0.contains("═ Tools ═") }
        try tmux.type(prompt)
        try tmux.press("Enter")
    }

    func testApproveRunsTheToolAndTheAnswerShowsItsResult() async throws {
        let tmux = TmuxDriver(name: "tool-yes")
        defer { tmux.kill() }
        try start(tmux, try command(), sending: #"/tool echo {"text":"tmux-42"}"#)
        try tmux.waitFor(text: "y run · a always · n refuse")
        XCTAssertTrue(try tmux.screen().contains("⚙ t · echo"))
        let first = try await waitForBodies(1)
        XCTAssertEqual(toolNames(first[0]), ["t__echo", "t__add", "t__slow", "t__crash", "t__fail", "t__big"])
        try tmux.press("y")
        try tmux.waitFor(text: "t__echo returned: tmux-42")
        let bodies = try await waitForBodies(2)
        XCTAssertEqual(bodies.count, 2, "one request for the call, one with its result")
        let sent = messages(bodies[1])
        XCTAssertEqual(sent.map { $0["role"] as? String }, ["user", "assistant", "tool"])
        XCTAssertEqual(sent[2]["content"] as? String, "tmux-42")
        let calls = try XCTUnwrap(sent[1]["tool_calls"] as? [[String: Any]])
        XCTAssertEqual(sent[2]["tool_call_id"] as? String, calls.first?["id"] as? String)
        XCTAssertTrue(try tmux.screen().contains("result · t · echo"))
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testRefusingTellsTheModelWhichGoesOn() async throws {
        let tmux = TmuxDriver(name: "tool-no")
        defer { tmux.kill() }
        try start(tmux, try command(), sending: #"/tool add {"a":2,"b":3}"#)
        try tmux.waitFor(text: "y run · a always · n refuse")
        try tmux.press("n")
        try tmux.waitFor(text: "t__add returned: The user refused to run this tool call.")
        let bodies = try await waitForBodies(2)
        XCTAssertEqual(messages(bodies[1]).last?["content"] as? String, "The user refused to run this tool call.")
        XCTAssertTrue(try tmux.screen().contains("refused"))
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testAlwaysRunsTheSameToolWithoutAskingForTheRestOfTheSession() async throws {
        let tmux = TmuxDriver(name: "tool-always")
        defer { tmux.kill() }
        try start(tmux, try command(), sending: #"/tool echo {"text":"first"}"#)
        try tmux.waitFor(text: "y run · a always · n refuse")
        try tmux.press("a")
        try tmux.waitFor(text: "t__echo returned: first")
        _ = try await waitForBodies(2)
        try tmux.press("M-4")
        try tmux.type(#"/tool echo {"text":"second"}"#)
        try tmux.press("Enter")
        // No question this time: the call runs and the answer comes.
        try tmux.waitFor(text: "t__echo returned: second")
        let bodies = try await waitForBodies(4)
        XCTAssertEqual(messages(bodies[3]).last?["content"] as? String, "second")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testAServerThatCannotStartIsReportedInTheOverlayWithItsLastLine() async throws {
        let tmux = TmuxDriver(name: "tool-bad")
        defer { tmux.kill() }
        let serverPath = binaryDirectory().appendingPathComponent("chatterm-server").path
        let command = try command(more: """
            [mcp.vault]
            command = "\(serverPath)"
            args = ["--mcp-stdio", "--fail-start", "cannot open the vault"]
            """)
        try tmux.start(command, width: 110, height: 34)
        try tmux.waitFor(text: "Sessions")
        try tmux.press("C-t")
        try tmux.waitFor(text: "failed: cannot open the vault")
        XCTAssertTrue(try tmux.screen().contains("running · 6 tools"), "the other server runs")
        // Its stderr went to its log, never to the screen.
        let log = try String(contentsOf: dataDirectory.appendingPathComponent("mcp-vault.log"), encoding: .utf8)
        XCTAssertTrue(log.contains("cannot open the vault"))
        try tmux.press("Escape", "C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testACallThatTakesTooLongTimesOutAndTheModelIsTold() async throws {
        let tmux = TmuxDriver(name: "tool-timeout")
        defer { tmux.kill() }
        try start(tmux, try command(table: "timeout = 1"), sending: #"/tool slow {"seconds":20}"#)
        try tmux.waitFor(text: "y run · a always · n refuse")
        try tmux.press("y")
        try tmux.waitFor(text: "running")
        try tmux.waitFor(text: "t__slow returned: no answer within 1 s")
        let bodies = try await waitForBodies(2)
        XCTAssertEqual(messages(bodies[1]).last?["role"] as? String, "tool")
        XCTAssertTrue(try tmux.screen().contains("timed out"))
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testEscWhileATaskRunsStopsItAndSendsNothingMore() async throws {
        let tmux = TmuxDriver(name: "tool-esc")
        defer { tmux.kill() }
        try start(tmux, try command(), sending: #"/tool slow {"seconds":30}"#)
        try tmux.waitFor(text: "y run · a always · n refuse")
        try tmux.press("y")
        try tmux.waitFor(text: "Esc stops")
        try tmux.press("Escape")
        try tmux.waitFor(text: "stopped")
        // Nothing goes back to the model after a stop.
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 1)
        // The stopped call's result is stored: the next message carries a valid history.
        try tmux.press("M-4")
        try tmux.type("/tokens 3 after the stop")
        try tmux.press("Enter")
        let next = try await waitForBodies(2)
        XCTAssertEqual(messages(next[1]).map { $0["role"] as? String }, ["user", "assistant", "tool", "user"])
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testACrashingToolFailsTheCallAndTheServerComesBack() async throws {
        let tmux = TmuxDriver(name: "tool-crash")
        defer { tmux.kill() }
        try start(tmux, try command(), sending: "/tool crash")
        try tmux.waitFor(text: "y run · a always · n refuse")
        try tmux.press("y")
        try tmux.waitFor(text: "t__crash returned:")
        XCTAssertTrue(try tmux.screen().contains("failed"))
        // Restarted once: the overlay shows it running again.
        try tmux.press("C-t")
        try tmux.waitFor(text: "running · 6 tools")
        try tmux.press("Escape", "C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
