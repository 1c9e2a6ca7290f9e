import Foundation
import ProcessSpawn
import XCTest

/// `chatterm ask` with an MCP server (issue 23): in a pipe every call is refused unless
/// `--approve-tools`; with it the tool runs, its result goes back and the answer shows it;
/// `--json` reports the call and the result.
extension AskEndToEndTests {
    /// A config naming the test MCP server as `[mcp.t]` (openai dialect against the local server).
    private func toolsConfig() throws -> String {
        let serverPath = binaryDirectory().appendingPathComponent("chatterm-server").path
        let config = path("tools-config.toml")
        try """
            [mcp.t]
            command = "\(serverPath)"
            args = ["--mcp-stdio"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    private func askWithTools(_ arguments: [String]) throws -> Run {
        let command = askCommand(arguments, dialect: "openai").map { $0 == "--no-config" ? "--config=\(path("tools-config.toml"))" : $0 }
        _ = try toolsConfig()
        let pid = try Spawn.start(
            command, streams: Spawn.Streams(input: "/dev/null", output: path("stdout"), error: path("stderr")),
            environment: ["PREMAI_API_KEY": "", "OPENAI_API_KEY": "", "LC_ALL": "C.UTF-8"])
        return finished(pid)
    }

    func testAskInAPipeRefusesEveryToolCallWithoutApproveTools() async throws {
        let run = try askWithTools([#"/tool echo {"text":"piped"}"#])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("t__echo returned: The user refused to run this tool call."), run.stdout)
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 2)
        let tools = ((bodies[0]["tools"] as? [[String: Any]]) ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        XCTAssertTrue(tools.contains("t__echo"), "\(tools)")
    }

    func testAskWithApproveToolsRunsTheToolAndReportsItInJSON() async throws {
        let run = try askWithTools(["--approve-tools", "--json", #"/tool echo {"text":"from ask"}"#])
        XCTAssertEqual(run.status, 0, run.stderr)
        let events = try jsonLines(run.stdout)
        let types = events.compactMap { $0["type"] as? String }
        XCTAssertTrue(types.contains("tool_call"), "\(types)")
        let result = try XCTUnwrap(events.first { $0["type"] as? String == "tool_result" }, run.stdout)
        XCTAssertEqual(result["name"] as? String, "t__echo")
        let deltas = events.filter { $0["type"] as? String == "delta" }.compactMap { $0["text"] as? String }.joined()
        XCTAssertTrue(deltas.contains("t__echo returned: from ask"), run.stdout)
        let bodies = try await completionBodies()
        XCTAssertEqual(bodies.count, 2)
        let sent = (bodies[1]["messages"] as? [[String: Any]]) ?? []
        XCTAssertEqual(sent.last?["content"] as? String, "from ask")
    }
}
