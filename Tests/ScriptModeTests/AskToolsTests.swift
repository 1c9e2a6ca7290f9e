import ChatCore
import StreamProtocol
import XCTest
@testable import ScriptMode

/// `chatterm ask`'s MCP pieces: which servers start, the approval question and its answers, and
/// the `tool_result` events.
final class AskToolsTests: XCTestCase {
    private let configured = ToolSettings(servers: [
        ToolServerConfig(name: "files", transport: .stdio(command: "files-mcp", arguments: [], environment: [:])),
        ToolServerConfig(name: "demo", transport: .stdio(command: "chatterm-server", arguments: ["--mcp-stdio"], environment: [:])),
        ToolServerConfig(name: "off", transport: .http(url: "http://127.0.0.1:1/mcp", bearerTokenEnvironment: nil), enabled: false),
    ], maxToolRounds: 3)

    // MARK: which servers

    func testEveryEnabledServerByDefault() throws {
        let selected = try AskToolServers().selected(from: configured).get()
        XCTAssertEqual(selected.servers.map(\.name), ["files", "demo"])
        XCTAssertEqual(selected.maxToolRounds, 3)
    }

    func testNamedServersOnlyInTheirOrderAndADisabledOneWhenNamed() throws {
        let selected = try AskToolServers(named: ["off", "demo", "off"]).selected(from: configured).get()
        XCTAssertEqual(selected.servers.map(\.name), ["off", "demo"])
        XCTAssertEqual(selected.servers.map(\.enabled), [true, true])
    }

    func testNoMCPStartsNone() throws {
        XCTAssertEqual(try AskToolServers(none: true).selected(from: configured).get().servers, [])
    }

    func testAnUnknownNameOrBothFlagsAreUsageSentences() {
        XCTAssertEqual(
            AskToolServers(named: ["web"]).selected(from: configured),
            .failure(AskToolServersProblem("--mcp web: no [mcp.web] table; the config has files, demo, off.")))
        XCTAssertEqual(
            AskToolServers(named: ["web"]).selected(from: ToolSettings()),
            .failure(AskToolServersProblem("--mcp web: no [mcp.web] table; the config has no [mcp.NAME] tables.")))
        XCTAssertEqual(
            AskToolServers(named: ["demo"], none: true).selected(from: configured),
            .failure(AskToolServersProblem("--no-mcp and --mcp cannot be used together.")))
    }

    func testWaitingEndsWhenEveryServerRunsOrFailedAndNamesTheOnesNotRunning() {
        let statuses = [
            ToolServerStatus(name: "files", phase: .failed(lastLine: "npx: not found\u{1B}[2J")),
            ToolServerStatus(name: "demo", phase: .restarting(lastLine: "crash requested")),
        ]
        XCTAssertFalse(AskToolServersWait.settled(statuses, expecting: ["files", "demo"]))
        XCTAssertTrue(AskToolServersWait.settled(statuses, expecting: ["files"]))
        XCTAssertFalse(AskToolServersWait.settled(statuses, expecting: ["files", "other"]))
        XCTAssertEqual(AskToolServersWait.problems(statuses, expecting: ["files", "demo"]), [
            "MCP server files failed: npx: not found; its tools are not offered.",
            "MCP server demo did not start within 10 s; its tools are not offered.",
        ])
    }

    // MARK: approval

    private func run(_ arguments: String, state: ToolCallRun.State = .awaitingApproval, index: Int = 0) -> ToolCallRun {
        ToolCallRun(
            call: ToolCall(index: index, id: "call_\(index)", name: "files__read_file", arguments: arguments),
            server: "files", tool: "read_file", state: state)
    }

    func testThePromptNamesServerToolAndArguments() {
        XCTAssertEqual(
            AskToolApproval.prompt(for: run(#"{"path": "x"}"#)),
            #"run files · read_file {"path": "x"}? [y]es/[a]lways/[n]o/[A]ll "#)
        XCTAssertEqual(AskToolApproval.prompt(for: run("")), "run files · read_file {}? [y]es/[a]lways/[n]o/[A]ll ")
    }

    func testThePromptCleansTheModelsArgumentsAndKeepsThemShort() {
        XCTAssertEqual(
            AskToolApproval.prompt(for: run("{\"a\":\n\"\u{1B}]52;c;eA==\u{07}b\"}")),
            "run files · read_file {\"a\": \"b\"}? [y]es/[a]lways/[n]o/[A]ll ")
        let long = AskToolApproval.prompt(for: run("{\"t\":\"" + String(repeating: "x", count: 500) + "\"}"))
        XCTAssertTrue(long.contains(String(repeating: "x", count: 192) + "…?"), long)
    }

    func testAnswersMapToTheAppsCommands() {
        XCTAssertEqual(AskToolApproval.command(forAnswer: "y"), .runTool)
        XCTAssertEqual(AskToolApproval.command(forAnswer: " yes "), .runTool)
        XCTAssertEqual(AskToolApproval.command(forAnswer: "a"), .alwaysRunTool)
        XCTAssertEqual(AskToolApproval.command(forAnswer: "A"), .runAllTools)
        XCTAssertEqual(AskToolApproval.command(forAnswer: "all"), .runAllTools)
        XCTAssertEqual(AskToolApproval.command(forAnswer: "n"), .refuseTool)
        XCTAssertEqual(AskToolApproval.command(forAnswer: ""), .refuseTool)
        XCTAssertEqual(AskToolApproval.command(forAnswer: nil), .refuseTool, "end of input is no")
        XCTAssertNil(AskToolApproval.command(forAnswer: "maybe"))
    }

    func testATerminalAsksAPipeRefusesAndApproveToolsRunsEverywhere() {
        XCTAssertEqual(AskToolApproval.mode(hasTerminal: true, approveTools: false), .ask)
        XCTAssertEqual(AskToolApproval.mode(hasTerminal: true, approveTools: true), .runAll)
        XCTAssertEqual(AskToolApproval.mode(hasTerminal: false, approveTools: false), .refuseAll)
        XCTAssertEqual(AskToolApproval.mode(hasTerminal: false, approveTools: true), .runAll)
        XCTAssertEqual(AskToolApproval.command(for: .refuseAll), .refuseTool)
        XCTAssertEqual(AskToolApproval.command(for: .runAll), .runTool)
        XCTAssertNil(AskToolApproval.command(for: .ask))
    }

    // MARK: events

    private func turn(_ calls: [ToolCallRun], reply: String = "r1") -> ToolTurn {
        ToolTurn(sessionID: "s", replyID: reply, round: 1, calls: calls)
    }

    func testACallThatEndsInTheTurnIsReportedWithItsRunningTime() {
        let before = turn([run("{}", state: .running(startedAtMillis: 1_000)), run("{}", index: 1)])
        let after = turn([run("{}", state: .ended(.succeeded)), run("{}", index: 1)])
        XCTAssertEqual(
            ToolResultEvent.ended(before: before, after: after, nowMillis: 1_042, current: ("call_0", .succeeded, "hello")),
            [ToolResultEvent(callID: "call_0", name: "files__read_file", server: "files", tool: "read_file",
                             outcome: .succeeded, elapsedMillis: 42, text: "hello")])
    }

    func testTheLastCallEndingTakesTheTurnAwayAndIsStillReported() {
        let before = turn([run("{}", state: .ended(.succeeded)), run("{}", index: 1)])
        XCTAssertEqual(
            ToolResultEvent.ended(before: before, after: nil, nowMillis: 5, current: ("call_1", .refused, nil)),
            [ToolResultEvent(callID: "call_1", name: "files__read_file", server: "files", tool: "read_file", outcome: .refused)])
        XCTAssertEqual(ToolResultEvent.ended(before: before, after: before, nowMillis: 5), [])
        XCTAssertEqual(ToolResultEvent.ended(before: nil, after: before, nowMillis: 5), [])
    }

    func testJSONHasAToolResultLineAndTextASentenceOnStderr() {
        let event = ToolResultEvent(
            callID: "call_1", name: "demo__echo", server: "demo", tool: "echo", outcome: .succeeded, elapsedMillis: 3, text: "hi\n")
        XCTAssertEqual(
            AskOutput(format: .json, dialect: .openai).toolResult(event),
            AskOutput.Writes(stdout: #"{"type":"tool_result","id":"call_1","name":"demo__echo","server":"demo","tool":"echo","outcome":"succeeded","elapsed_ms":3,"content":"hi\n"}"# + "\n"))
        XCTAssertEqual(
            AskOutput(format: .text(raw: false), dialect: .openai).toolResult(event),
            AskOutput.Writes(stderr: "chatterm: demo · echo ran in 3 ms\n"))
        var refused = event
        refused.outcome = .refused
        refused.elapsedMillis = nil
        refused.text = nil
        XCTAssertEqual(
            AskOutput(format: .json, dialect: .openai).toolResult(refused).stdout,
            #"{"type":"tool_result","id":"call_1","name":"demo__echo","server":"demo","tool":"echo","outcome":"refused"}"# + "\n")
        XCTAssertEqual(
            AskOutput(format: .text(raw: false), dialect: .openai).toolResult(refused).stderr,
            "chatterm: demo · echo was refused\n")
    }

    func testARoundThatEndsInToolCallsSaysThemAndTheNextReplyPrintsFromItsStart() {
        var output = AskOutput(format: .json, dialect: .openai)
        let call = ToolCall(index: 0, id: "call_1", name: "demo__echo", arguments: #"{"text":"hi"}"#)
        _ = output.show(AskReplyView(content: "Let me check.", finishReason: "tool_calls", toolCalls: [call], ending: .done(StreamCompletion())))
        XCTAssertEqual(
            output.endToolRound().stdout,
            #"{"type":"tool_call","index":0,"id":"call_1","name":"demo__echo","arguments":"{\"text\":\"hi\"}"}"# + "\n")
        XCTAssertFalse(output.hasEnded, "the next reply is shown")
        XCTAssertEqual(
            output.show(AskReplyView(content: "demo__echo returned: hi")).stdout,
            #"{"type":"delta","text":"demo__echo returned: hi"}"# + "\n")
        _ = output.show(AskReplyView(content: "demo__echo returned: hi", finishReason: "stop", ending: .done(StreamCompletion())))
        let (writes, status) = output.finish(failure: nil, interrupted: false, stored: nil)
        XCTAssertEqual(status, .success)
        XCTAssertEqual(writes.stdout, #"{"type":"done","finish_reason":"stop"}"# + "\n", "the first round's calls are not said twice")
    }

    func testTextRoundsEndTheirLineAndNoteTheCallsOnStderr() {
        var output = AskOutput(format: .text(raw: false), dialect: .openai)
        let call = ToolCall(index: 0, id: "call_1", name: "demo__echo", arguments: "{}")
        XCTAssertEqual(output.show(AskReplyView(content: "Checking", toolCalls: [call])).stdout, "Checking")
        XCTAssertEqual(output.endToolRound(), AskOutput.Writes(stdout: "\n", stderr: "chatterm: tool call demo__echo {}\n"))
        XCTAssertEqual(output.show(AskReplyView(content: "done")).stdout, "done")
    }
}

/// The ask's round bookkeeping (`AskToolRounds`).
final class AskToolRoundsTests: XCTestCase {
    func testARoundIsEndedOncePerRequest() {
        var rounds = AskToolRounds()
        XCTAssertTrue(rounds.endRound())
        XCTAssertFalse(rounds.endRound(), "a result after the close does not say the calls again")
        rounds.requestStarted(notice: nil)
        XCTAssertTrue(rounds.endRound())
    }

    func testTheAskGoesOnAfterACleanCloseWithATurnOrTheNextRequest() {
        XCTAssertTrue(AskToolRounds.continuesAfterClose(failed: false, turnInProgress: true, nextRequestStarted: false))
        XCTAssertTrue(AskToolRounds.continuesAfterClose(failed: false, turnInProgress: false, nextRequestStarted: true))
        XCTAssertFalse(AskToolRounds.continuesAfterClose(failed: false, turnInProgress: false, nextRequestStarted: false))
        XCTAssertFalse(AskToolRounds.continuesAfterClose(failed: true, turnInProgress: true, nextRequestStarted: false))
    }

    func testOnlyANoticeSetDuringTheLastRequestIsSaid() {
        var rounds = AskToolRounds(notice: "said at the start")
        XCTAssertNil(rounds.noticeToSay(current: "said at the start", serversConfigured: true))
        XCTAssertEqual(
            rounds.noticeToSay(current: "Stopped after 8 tool rounds (max_tool_rounds)", serversConfigured: true),
            "Stopped after 8 tool rounds (max_tool_rounds)")
        XCTAssertNil(rounds.noticeToSay(current: "Stopped after 8 tool rounds", serversConfigured: false))
        rounds.requestStarted(notice: "Stopped after 8 tool rounds")
        XCTAssertNil(rounds.noticeToSay(current: "Stopped after 8 tool rounds", serversConfigured: true))
        XCTAssertNil(rounds.noticeToSay(current: nil, serversConfigured: true))
    }
}
