import Foundation
import LocalServer
import ProcessSpawn
import XCTest

/// `chatterm ask`, the real binary against the bundled server: what reaches the server, what
/// reaches stdout and stderr, and the exit status, as a script would see them.
final class AskEndToEndTests: EndToEndCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `chatterm ask` with the connection flags for the local server, then `arguments`;
    /// `dialect` "config" leaves the connection to the config file named in `arguments`.
    func askCommand(_ arguments: [String], dialect: String = "prem") -> [String] {
        if dialect == "config" {
            return [binaryDirectory().appendingPathComponent("chatterm").path, "ask", "--db", databasePath] + arguments
        }
        let base = dialect == "prem" ? "http://127.0.0.1:\(port)" : "http://127.0.0.1:\(port)/openai/v1"
        var command = [binaryDirectory().appendingPathComponent("chatterm").path, "ask", "--base-url", base,
                       "--dialect", dialect, "--db", databasePath, "--no-config"]
        command += dialect == "prem" ? ["--project-id", "1"] : ["--model", "local-echo"]
        return command + arguments
    }

    func path(_ name: String) -> String { dataDirectory.appendingPathComponent(name).path }

    /// Runs to the end with `input` as stdin (none: /dev/null).
    func ask(_ arguments: [String], input: String? = nil, dialect: String = "prem", environment: [String: String] = [:]) throws -> Run {
        let pid = try start(arguments, input: input, dialect: dialect, environment: environment)
        return finished(pid)
    }

    func start(_ arguments: [String], input: String? = nil, dialect: String = "prem", environment: [String: String] = [:]) throws -> pid_t {
        var inputPath = "/dev/null"
        if let input {
            inputPath = path("stdin-\(UUID().uuidString)")
            try input.write(toFile: inputPath, atomically: true, encoding: .utf8)
        }
        // No key variables from the machine running the tests: the local server needs none.
        let env = ["PREMAI_API_KEY": "", "OPENAI_API_KEY": "", "LC_ALL": "C.UTF-8"].merging(environment) { $1 }
        return try Spawn.start(
            askCommand(arguments, dialect: dialect),
            streams: Spawn.Streams(input: inputPath, output: path("stdout"), error: path("stderr")), environment: env)
    }

    func finished(_ pid: pid_t) -> Run {
        let status = Spawn.wait(pid)
        return Run(
            status: status, stdout: (try? String(contentsOfFile: path("stdout"), encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: path("stderr"), encoding: .utf8)) ?? "")
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        }
    }

    func testPipedInputFollowsThePromptAsAFencedBlockAndTheReplyIsPrintedExactly() async throws {
        let run = try ask(["review", "this"], input: "let x = 1\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let bodies = try await completionBodies()
        let messages = try XCTUnwrap(bodies.last?["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["content"] as? String }, ["review this\n\n```\nlet x = 1\n```"])

        // The same request again as JSON events: text mode printed exactly their deltas.
        let json = try ask(["--json", "review", "this"], input: "let x = 1\n")
        let deltas = try jsonLines(json.stdout).filter { $0["type"] as? String == "delta" }.compactMap { $0["text"] as? String }
        XCTAssertGreaterThan(deltas.count, 10)
        let text = deltas.joined()
        XCTAssertEqual(run.stdout, text.hasSuffix("\n") ? text : text + "\n")
    }

    func testEveryFieldFlagReachesTheBodyExactly() async throws {
        let tools = path("tools.json")
        try #"[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]"#
            .write(toFile: tools, atomically: true, encoding: .utf8)
        let run = try ask([
            "--system", "be brief", "--temperature", "0.25", "--top-p", "0.9", "--max-tokens", "64",
            "--frequency-penalty", "-0.5", "--presence-penalty", "0.5", "--seed", "-7", "--stop", "END", "--stop", "\\n\\n",
            "--logit-bias", #"{"50256": -100}"#, "--response-format", #"{"type":"text"}"#, "--tools", "@" + tools,
            "--user", "ci-bot", "--session-id", "fixed-session", "--repository-id", "4", "--repository-id", "9",
            "--repository-limit", "2", "--similarity-threshold", "0.5", "/tokens 3 fields",
        ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let bodies = try await completionBodies()
        let body = try XCTUnwrap(bodies.last)
        let expected: [String: Any] = [
            "project_id": 1, "session_id": "fixed-session", "stream": true, "system_prompt": "be brief",
            "temperature": 0.25, "top_p": 0.9, "max_tokens": 64, "frequency_penalty": -0.5, "presence_penalty": 0.5,
            "seed": -7, "stop": ["END", "\n\n"], "logit_bias": ["50256": -100], "response_format": ["type": "text"],
            "tools": [["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]]],
            "user": "ci-bot", "repositories": ["ids": [4, 9], "limit": 2, "similarity_threshold": 0.5],
            "messages": [["role": "user", "content": "/tokens 3 fields"]],
        ]
        XCTAssertEqual(NSDictionary(dictionary: body), NSDictionary(dictionary: expected))
    }

    func testAnInvalidFlagIsRefusedWithThePanesWordsAndNothingIsSent() async throws {
        let run = try ask(["--temperature", "3", "hi"])
        XCTAssertEqual(run.status, 64)
        XCTAssertEqual(run.stdout, "")
        // A usage mistake, so ask's own usage follows (the shape every subcommand's has).
        XCTAssertTrue(run.stderr.hasPrefix("chatterm: --temperature: temperature must be from 0 to 2 (got 3).\nUsage: chatterm ask "), run.stderr)
        let bodies = try await completionBodies()
        XCTAssertTrue(bodies.isEmpty)
    }

    func testJSONEventsOneObjectALineWithReasoningToolCallsAndDone() throws {
        let run = try ask(["--json", "/reasoning 3 /tool Oslo"], dialect: "openai")
        XCTAssertEqual(run.status, 0, run.stderr)
        let events = try jsonLines(run.stdout)
        XCTAssertEqual(events.map { $0["type"] as? String }, ["reasoning", "reasoning", "reasoning", "tool_call", "done"])
        let call = events[3]
        XCTAssertEqual(call["name"] as? String, "lookup")
        XCTAssertEqual(call["arguments"] as? String, #"{"query":"Oslo"}"#)
        XCTAssertNotNil(call["id"] as? String)
        let done = try XCTUnwrap(events.last)
        XCTAssertEqual(done["finish_reason"] as? String, "tool_calls")
        XCTAssertEqual(done["model"] as? String, "local-echo")
        XCTAssertNil(done["session"], "nothing is stored without --session")
    }

    func testUnauthorizedAndDroppedStreamsHaveTheirStatusAndMessage() throws {
        let unauthorized = try ask(["/error 401 hi"])
        XCTAssertEqual(unauthorized.status, 3)
        XCTAssertEqual(unauthorized.stdout, "")
        XCTAssertTrue(unauthorized.stderr.contains("HTTP 401"), unauthorized.stderr)
        XCTAssertTrue(unauthorized.stderr.contains("→ The API key was not accepted"), unauthorized.stderr)

        let dropped = try ask(["/drop hi"])
        XCTAssertEqual(dropped.status, 6)
        XCTAssertTrue(dropped.stdout.hasPrefix("Thanks for") || dropped.stdout.hasPrefix("You asked") || dropped.stdout.hasPrefix("Good question"),
                      "what arrived is printed: \(dropped.stdout)")
        XCTAssertTrue(dropped.stdout.hasSuffix("\n"))
        XCTAssertTrue(dropped.stderr.contains("→ The connection broke"), dropped.stderr)

        let limited = try ask(["--max-retries", "1", "--json", "/error 429 /retry-after 0 hi"])
        XCTAssertEqual(limited.status, 4)
        let events = try jsonLines(limited.stdout)
        XCTAssertEqual(events.map { $0["type"] as? String }, ["retry", "error"])
        XCTAssertEqual(events.last?["exit_status"] as? Int, 4)
        XCTAssertEqual(events.last?["category"] as? String, "rate_limit")
    }

    func testControlCStopsAtOnceKeepsThePartialReplyAndExits130() throws {
        let pid = try start(["--session", "new", "/delay 100 /tokens 200 slow"])
        let deadline = Date().addingTimeInterval(10)
        while ((try? String(contentsOfFile: path("stdout"), encoding: .utf8)) ?? "").count < 20, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let sent = Date()
        kill(pid, SIGINT)
        let run = finished(pid)
        XCTAssertLessThan(Date().timeIntervalSince(sent), 1.0, "Ctrl+C stops at once")
        XCTAssertEqual(run.status, 130)
        XCTAssertTrue(run.stderr.contains("interrupted"), run.stderr)
        let sessionLine = try XCTUnwrap(run.stderr.split(separator: "\n").first { $0.contains("storing this ask in session") })
        let sessionID = try XCTUnwrap(sessionLine.split(separator: " ").last.map(String.init))
        let partial = run.stdout.trimmingCharacters(in: .newlines)

        // The partial reply is in the session: the next ask of it sends it as history.
        let next = try ask(["--session", String(sessionID.prefix(8)), "--show-request", "and then?"])
        XCTAssertEqual(next.status, 0, next.stderr)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])
        let messages = try XCTUnwrap(body["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["role"] as? String }, ["user", "assistant", "user"])
        XCTAssertEqual(messages[1]["content"] as? String, partial)
        XCTAssertEqual(body["session_id"] as? String, sessionID)
    }

    /// Chunks that are not JSON: stdout is the reply's text alone, stderr says one was skipped
    /// and how many in all; in JSON each is a `skipped` line and `done` counts them.
    func testEventsThatAreNotJSONAreSaidOnStderrAndInJSON() throws {
        let text = try ask(["/garbage 2 /tokens 5 broken"])
        XCTAssertEqual(text.status, 0)
        XCTAssertFalse(text.stdout.contains("lost"), text.stdout)
        XCTAssertTrue(text.stderr.contains("chatterm: skipped a stream event that was not JSON: {\"choices\""), text.stderr)
        XCTAssertTrue(text.stderr.contains("chatterm: 2 stream events were not JSON and skipped"), text.stderr)
        let json = try ask(["--json", "/garbage 2 /tokens 5 broken"])
        XCTAssertEqual(json.status, 0)
        let lines = json.stdout.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(#""type":"skipped""#) }.count, 2, json.stdout)
        XCTAssertTrue(lines.last?.contains(#""skipped_events":2"#) == true, json.stdout)
    }

    func testAskIntoAFileDamagedInTheMiddleFailsClearlyAndChangesNothing() async throws {
        let bytes = try damageTheMiddleOfAStoredHistory()
        let run = try ask(["--session", "new", "/tokens 4 store me"])
        XCTAssertEqual(run.status, 65, "a damaged database (docs/configuration.md)")
        XCTAssertTrue(run.stderr.contains("is damaged"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Move it aside"), run.stderr)
        XCTAssertEqual(run.stdout, "", "nothing is sent when it could not be stored")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: databasePath)), bytes, "byte for byte")
        let bodies = try await completionBodies()
        XCTAssertTrue(bodies.isEmpty, "nothing was sent")
    }

    /// `--render` on a terminal shows the app's rendering as the reply streams; into a pipe
    /// it is the plain text, byte for byte.
    func testRenderOnATerminalAndPlainTextIntoAPipe() throws {
        let tmux = TmuxDriver(name: "render")
        defer { tmux.kill() }
        try tmux.start(askCommand(["--render", "/markdown /delay 5 /tokens 90 show"]), width: 90, height: 60)
        XCTAssertEqual(try tmux.waitForExit(timeout: 20), 0)
        let screen = try tmux.screen()
        XCTAssertTrue(screen.contains("Model │ Tokens │ Tools"), screen)
        XCTAssertTrue(screen.contains("## Part 1"), screen)
        XCTAssertFalse(screen.contains("|:------|"), screen)
        XCTAssertFalse(screen.contains("**"), screen)

        let piped = try ask(["--render", "/markdown /tokens 90 show"])
        XCTAssertEqual(piped.status, 0)
        XCTAssertTrue(piped.stdout.contains("| Model | Tokens | Tools |\n|:------|-------:|:-----:|"), piped.stdout)
    }

    func testShowRequestAndCurlSendNothingAndNeverPrintTheKey() async throws {
        let body = try ask(["--show-request", "--seed", "5", "hi"])
        XCTAssertEqual(body.status, 0, body.stderr)
        XCTAssertTrue(body.stdout.hasPrefix(#"{"project_id":1,"messages":[{"role":"user","content":"hi"}],"#), body.stdout)
        XCTAssertTrue(body.stdout.contains(#""seed":5"#))

        let curl = try ask(["--curl", "hi"], dialect: "openai", environment: ["OPENAI_API_KEY": "sk-never-shown"])
        XCTAssertEqual(curl.status, 0, curl.stderr)
        XCTAssertTrue(curl.stdout.hasPrefix("curl -N"), curl.stdout)
        XCTAssertTrue(curl.stdout.contains(#""$OPENAI_API_KEY""#))
        XCTAssertFalse(curl.stdout.contains("sk-never-shown") || curl.stderr.contains("sk-never-shown"))
        let bodies = try await completionBodies()
        XCTAssertTrue(bodies.isEmpty, "a dry run sends nothing")
    }

    func testAStoredAskIsListedAndOpenedByTheApp() throws {
        let run = try ask(["--session", "new", "/tokens 4 remember the blue whale"])
        XCTAssertEqual(run.status, 0, run.stderr)

        let tmux = TmuxDriver(name: "ask-app")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(), width: 100, height: 30)
        try tmux.waitFor(text: "/tokens 4 re")  // the title, shortened to the sessions pane
        try tmux.press("M-1")
        try tmux.press("Enter")
        try tmux.waitFor(text: run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }

    func testEachProfileSendsToItsOwnServer() async throws {
        let second = LocalPremServer(configuration: LocalServerConfiguration(defaultTokenCount: 5))
        let secondPort = try await second.start()
        let config = path("config.toml")
        try """
            default_profile = "first"
            [profiles.first]
            base_url = "http://127.0.0.1:\(port)"
            project_id = 1
            [profiles.second]
            base_url = "http://127.0.0.1:\(secondPort)/openai/v1"
            dialect = "openai"
            model = "local-echo"
            api_key_env = "CHATTERM_E2E_UNUSED_KEY"
            [profiles.second.defaults]
            temperature = 0.3
            """.write(toFile: config, atomically: true, encoding: .utf8)

        let first = try ask(["--config", config, "/tokens 2 to the default"], dialect: "config")
        let other = try ask(["--config", config, "--profile", "second", "/tokens 2 to the second"], dialect: "config")
        let unknown = try ask(["--config", config, "--profile", "third", "hi"], dialect: "config")
        let secondBodies = try await second.recordedRequests().filter { $0.path.hasSuffix("/chat/completions") }
            .compactMap { try JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
        await second.stop()

        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(other.status, 0, other.stderr)
        let firstBodies = try await completionBodies()
        XCTAssertEqual(firstBodies.count, 1)
        XCTAssertEqual(firstBodies.first?["project_id"] as? Int, 1)
        XCTAssertEqual(secondBodies.count, 1)
        XCTAssertEqual(secondBodies.first?["model"] as? String, "local-echo")
        XCTAssertEqual(secondBodies.first?["temperature"] as? Double, 0.3, "the profile's own defaults")
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("has no [profiles.third] table; it defines first, second"), unknown.stderr)
    }
}
