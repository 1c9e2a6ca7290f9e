import XCTest
@testable import ChatCore
import StreamProtocol

/// MCP tool calls with approval (issue 23): a reply that ends with calls of offered tools makes a
/// turn; each call waits for `y`/`a`/`n`/`A` (or runs when config allows), runs, and its result
/// is stored as a `tool` message; when every call has ended the results go back to the model.
final class ToolTurnTests: XCTestCase {
    let openAI = Profile(name: "local", baseURL: "http://127.0.0.1:9/v1", dialect: .openai, projectID: nil, defaultModel: "m")
    let readSchema = #"{"type":"object","properties":{"path":{"type":"string"}}}"#
    var files: ToolServerStatus {
        ToolServerStatus(name: "files", phase: .running, tools: [
            ToolSpec(server: "files", name: "read", description: "Reads a file", inputSchemaJSON: readSchema),
            ToolSpec(server: "files", name: "list", description: "Lists a folder", inputSchemaJSON: #"{"type":"object"}"#),
        ])
    }
    let readFunction = #"{"type":"function","function":{"name":"files__read","description":"Reads a file","parameters":{"type":"object","properties":{"path":{"type":"string"}}}}}"#
    let listFunction = #"{"type":"function","function":{"name":"files__list","description":"Lists a folder","parameters":{"type":"object"}}}"#

    func config(_ approval: ToolApprovalPolicy = .ask, autoApproved: [String] = [], timeout: Int = 30) -> ToolServerConfig {
        ToolServerConfig(
            name: "files", transport: .stdio(command: "files-server", arguments: [], environment: [:]), approval: approval,
            autoApprovedTools: autoApproved, timeoutSeconds: timeout)
    }

    /// An openai profile with the `files` server configured and running, nothing sent yet.
    func ready(_ profile: Profile? = nil, server: ToolServerConfig? = nil, maxRounds: Int = 8) -> AppState {
        var state = AppState(profile: profile ?? openAI)
        state.launch.toolSettings = ToolSettings(servers: [server ?? config()], maxToolRounds: maxRounds)
        XCTAssertEqual(reduce(&state, .toolServersChanged([files])), [])
        return state
    }

    func call(_ index: Int, _ id: String?, _ name: String, _ arguments: String = "{}") -> ToolCallDelta {
        ToolCallDelta(index: index, id: id, name: name, arguments: arguments)
    }

    /// Sends "q" (session S1 at t=1000, the reply S1-a) and streams a reply that asks for
    /// `calls`; returns what the reply's end returned.
    func asked(_ state: inout AppState, _ calls: [ToolCallDelta], at now: Int64 = 1100) -> [Effect] {
        XCTAssertEqual(apply(&state, typing("q")), [])
        guard case let .startStream(id, _)? = reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))).last else {
            XCTFail("nothing sent")
            return []
        }
        return streamed(&state, id, calls, at: now)
    }

    func streamed(_ state: inout AppState, _ id: RequestID, _ calls: [ToolCallDelta], at now: Int64) -> [Effect] {
        let events = calls.map(StreamEvent.toolCall) + [.finishReason("tool_calls"), .done(StreamCompletion())]
        return reduce(&state, .streamReceived(id, events, nowMillis: now))
    }

    func toolMessage(
        _ id: String, _ callID: String, _ tool: String, _ text: String, _ outcome: ToolRunOutcome, elapsed: Int64?, at now: Int64
    ) -> Message {
        var message = Message(id: id, role: .tool, content: text, createdAtMillis: now)
        message.toolCallID = callID
        message.toolRun = ToolRunRecord(server: "files", tool: tool, outcome: outcome, elapsedMillis: elapsed)
        return message
    }

    func invocation(_ callID: String, _ tool: String, _ arguments: String = "{}", timeout: Int = 30) -> ToolInvocation {
        ToolInvocation(callID: callID, server: "files", tool: tool, argumentsJSON: arguments, timeoutSeconds: timeout)
    }

    /// The request the next reply goes with: the effects that start it, checked exactly (the
    /// reply saved is the one now streaming).
    func nextRequest(_ state: AppState, after saved: [Effect], _ messages: [ChatMessage], tools: String?, file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        guard let stream = state.streaming.active else {
            XCTFail("no reply streams", file: file, line: line)
            return []
        }
        var parameters = SessionParameters()
        parameters.model = "m"
        parameters.sessionID = "S1"
        parameters.tools = tools
        return saved + [.saveMessage(stream.reply, sessionID: "S1"), .startStream(stream.requestID, ChatRequest(messages: messages, parameters: parameters))]
    }

    // MARK: offered to the model

    func testTheRequestOffersTheRunningServersToolsAsFunctions() {
        var state = ready()
        XCTAssertEqual(apply(&state, typing("q")), [])
        guard case let .startStream(_, request)? = reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))).last else { return XCTFail("nothing sent") }
        XCTAssertEqual(request.tools, "[\(readFunction),\(listFunction)]")
        XCTAssertTrue(state.streaming.active?.reply.request?.body.contains(#""tools":[{"type":"function","function":{"name":"files__read""#) == true,
                      "the stored request (the inspector's) shows what went")
    }

    func testThePanesToolsComeFirstAndWinANameClash() {
        var state = ready()
        let pane = #"[{"type":"function","function":{"name":"files__read","description":"mine"}},{"type":"function","function":{"name":"clock"}}]"#
        state.parameters.tools = pane
        XCTAssertEqual(apply(&state, typing("q")), [])
        guard case let .startStream(_, request)? = reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))).last else { return XCTFail("nothing sent") }
        XCTAssertEqual(request.tools, #"[{"type":"function","function":{"name":"files__read","description":"mine"}},{"type":"function","function":{"name":"clock"}},"# + listFunction + "]")
        XCTAssertEqual(state.parameters.tools, pane, "the pane's own value is untouched")
    }

    /// The pane's function wins a clash in the request, so a call of that name is the user's:
    /// it is left for the by-hand answer and never runs on the MCP server, even one that runs
    /// without asking.
    func testACallOfThePanesOwnFunctionIsNeverRunOnTheServer() {
        var state = ready(server: config(.always))
        state.parameters.tools = #"[{"type":"function","function":{"name":"files__read","description":"mine"}}]"#
        let ended = asked(&state, [call(0, "call_a", "files__read")])
        XCTAssertFalse(ended.contains { if case .runTool = $0 { return true } else { return false } }, "\(ended)")
        XCTAssertNil(state.tools.turn)
    }

    func testAServerNotRunningOffersNothingAndABrokenSchemaIsLeftOutWithANotice() {
        var state = ready()
        var broken = files
        broken.tools[1].inputSchemaJSON = "{not json"
        let starting = ToolServerStatus(name: "web", phase: .starting, tools: [
            ToolSpec(server: "web", name: "fetch", description: "", inputSchemaJSON: "{}"),
        ])
        XCTAssertEqual(reduce(&state, .toolServersChanged([broken, starting])), [])
        XCTAssertEqual(apply(&state, typing("q")), [])
        guard case let .startStream(_, request)? = reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))).last else { return XCTFail("nothing sent") }
        XCTAssertEqual(request.tools, "[\(readFunction)]")
        XCTAssertEqual(state.status.notice, "Not offered (its server's argument schema is not a JSON object): files__list")
    }

    func testPremOffersNothingRunsNothingAndSaysSoOnce() {
        var state = AppState(profile: premProfile)
        state.launch.toolSettings = ToolSettings(servers: [config()])
        XCTAssertEqual(reduce(&state, .toolServersChanged([ToolServerStatus(name: "files", phase: .starting)])), [])
        XCTAssertEqual(state.status.notice, premCarriesNoToolsNotice)
        state.status.notice = nil
        XCTAssertEqual(reduce(&state, .toolServersChanged([files])), [])
        XCTAssertNil(state.status.notice, "said once")

        let effects = asked(&state, [call(0, "call_a", "files__read")])
        XCTAssertEqual(effects.count, 1, "only the reply's save: \(effects)")
        XCTAssertNil(state.tools.turn)
        XCTAssertNil(state.conversation.messages.last?.request?.body.range(of: "files__"), "nothing offered")
    }

    // MARK: approval and the loop

    func testApproveRunsTheToolThenTheResultGoesBackToTheModel() {
        var state = ready()
        let ended = asked(&state, [call(0, "call_a", "files__read", #"{"path":"a.txt"}"#)])
        XCTAssertEqual(ended.count, 1, "the reply is saved; nothing runs before the user says so: \(ended)")
        XCTAssertEqual(state.tools.turn?.awaitsApproval, true)
        XCTAssertEqual(state.tools.turn?.round, 1)
        XCTAssertEqual(state.screen.focus, .conversation)
        XCTAssertEqual(state.status.notice, "Run files · read? y run · a always · n refuse · A run all · Esc stop")
        XCTAssertEqual(KeyContext.stack(for: state).first, .toolApproval)

        let store = TestStore(state)
        store.send(.keyPressed(.character("y"), stamp(2000)), effects: [.runTool(invocation("call_a", "read", #"{"path":"a.txt"}"#))]) {
            $0.status.nowMillis = 2000
            $0.tools.turn?.calls[0].state = .running(startedAtMillis: 2000)
            $0.status.notice = "Running files · read (Esc stops it)."
        }
        state = store.state
        let result = toolMessage("S1-a-t0", "call_a", "read", "hello from a.txt", .succeeded, elapsed: 450, at: 2450)
        let effects = reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "hello from a.txt", outcome: .succeeded), nowMillis: 2450))
        XCTAssertEqual(effects, nextRequest(state, after: [.saveMessage(result, sessionID: "S1")], [
            ChatMessage(role: .user, content: "q"),
            ChatMessage(role: .assistant, content: "", toolCalls: [ToolCall(index: 0, id: "call_a", name: "files__read", arguments: #"{"path":"a.txt"}"#)]),
            ChatMessage(role: .tool, content: "hello from a.txt", toolCallID: "call_a"),
        ], tools: "[\(readFunction),\(listFunction)]"))
        XCTAssertEqual(state.streaming.active?.reply.id, "S1-a-r1-a", "the runtime makes no stamps: the id comes from the reply and round")
        XCTAssertNil(state.tools.turn)
        XCTAssertEqual(state.conversation.messages.last, result)
    }

    func testAnAnswerStampedBeforeTheStartIsDatedWhenItArrived() {
        // The runtime's default client (no server configured) answers at time 0.
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__list")])
        XCTAssertEqual(press(&state, .character("y"), at: 2000), [.runTool(invocation("call_a", "read"))])
        let failed = toolMessage("S1-a-t0", "call_a", "read", "no MCP server named files is configured", .failed, elapsed: 0, at: 2000)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "no MCP server named files is configured", outcome: .failed), nowMillis: 0)),
                       [.saveMessage(failed, sessionID: "S1")])
    }

    func testRefuseTellsTheModelAndGoesOn() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        let refused = toolMessage("S1-a-t0", "call_a", "read", "The user refused to run this tool call.", .refused, elapsed: nil, at: 2000)
        let effects = press(&state, .character("n"), at: 2000)
        XCTAssertEqual(effects, nextRequest(state, after: [.saveMessage(refused, sessionID: "S1")], [
            ChatMessage(role: .user, content: "q"),
            ChatMessage(role: .assistant, content: "", toolCalls: [ToolCall(index: 0, id: "call_a", name: "files__read", arguments: "{}")]),
            ChatMessage(role: .tool, content: "The user refused to run this tool call.", toolCallID: "call_a"),
        ], tools: "[\(readFunction),\(listFunction)]"))
    }

    func testAlwaysRunsTheNextCallOfThatToolWithoutAsking() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__read"), call(2, "call_c", "files__list")])
        XCTAssertEqual(press(&state, .character("a"), at: 2000), [.runTool(invocation("call_a", "read"))])
        XCTAssertEqual(state.tools.alwaysAllowed, ["S1": ["files__read"]])
        let first = toolMessage("S1-a-t0", "call_a", "read", "one", .succeeded, elapsed: 100, at: 2100)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "one", outcome: .succeeded), nowMillis: 2100)),
                       [.saveMessage(first, sessionID: "S1"), .runTool(invocation("call_b", "read"))], "the same tool runs at once")
        let second = toolMessage("S1-a-t1", "call_b", "read", "two", .succeeded, elapsed: 100, at: 2200)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_b", ToolCallResult(text: "two", outcome: .succeeded), nowMillis: 2200)),
                       [.saveMessage(second, sessionID: "S1")], "another tool still asks")
        XCTAssertEqual(state.tools.turn?.awaitsApproval, true)
        XCTAssertEqual(state.tools.turn?.currentIndex, 2)
    }

    func testRunAllRunsTheRestOfTheTurnWithoutAsking() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__list")])
        XCTAssertEqual(press(&state, .character("A"), at: 2000), [.runTool(invocation("call_a", "read"))])
        XCTAssertEqual(state.tools.turn?.runsAll, true)
        let first = toolMessage("S1-a-t0", "call_a", "read", "one", .failed, elapsed: 50, at: 2050)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "one", outcome: .failed), nowMillis: 2050)),
                       [.saveMessage(first, sessionID: "S1"), .runTool(invocation("call_b", "list"))])
        XCTAssertEqual(state.tools.alwaysAllowed, [:], "A is for this turn only")
    }

    func testConfigThatSaysAlwaysRunsAtOnceInOrder() {
        var state = ready(server: config(autoApproved: ["list"]))
        let ended = asked(&state, [call(0, "call_b", "files__list"), call(1, "call_a", "files__read")])
        XCTAssertEqual(ended.last, .runTool(invocation("call_b", "list")), "approve_tools: no question")
        XCTAssertEqual(state.tools.turn?.currentIndex, 0)
        let listed = toolMessage("S1-a-t0", "call_b", "list", "a.txt", .succeeded, elapsed: 10, at: 1110)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_b", ToolCallResult(text: "a.txt", outcome: .succeeded), nowMillis: 1110)),
                       [.saveMessage(listed, sessionID: "S1")], "the next call asks")
        XCTAssertEqual(state.tools.turn?.awaitsApproval, true)
    }

    // MARK: stopping

    func testEscWhileACallWaitsStopsTheTurnAndSendsNothing() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__list")])
        let notRun0 = toolMessage("S1-a-t0", "call_a", "read", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 2000)
        let notRun1 = toolMessage("S1-a-t1", "call_b", "list", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 2000)
        XCTAssertEqual(press(&state, .escape, at: 2000), [.saveMessage(notRun0, sessionID: "S1"), .saveMessage(notRun1, sessionID: "S1")])
        XCTAssertNil(state.tools.turn)
        XCTAssertNil(state.streaming.active)
        XCTAssertEqual(state.status.notice, "Tool calls stopped: nothing more is sent to the model.")
    }

    func testEscWhileACallRunsWithTheFocusElsewhereStopsItAndALateAnswerIsIgnored() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__list")])
        XCTAssertEqual(press(&state, .character("y"), at: 2000), [.runTool(invocation("call_a", "read"))])
        XCTAssertEqual(press(&state, .alt("1"), at: 2100), [])
        XCTAssertEqual(state.screen.focus, .sessions)
        let stopped = toolMessage("S1-a-t0", "call_a", "read", "Stopped while it ran: the user stopped the turn; what it did before is unknown.", .stopped, elapsed: 500, at: 2500)
        let notRun = toolMessage("S1-a-t1", "call_b", "list", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 2500)
        XCTAssertEqual(press(&state, .escape, at: 2500),
                       [.stopTool(callID: "call_a"), .saveMessage(stopped, sessionID: "S1"), .saveMessage(notRun, sessionID: "S1")])

        let store = TestStore(state)
        store.send(.toolFinished(callID: "call_a", ToolCallResult(text: "late", outcome: .stopped), nowMillis: 2600)) {
            $0.status.nowMillis = 2600
        }
    }

    func testQuittingWhileACallRunsStoresEveryCallsAnswerBeforeTheQuit() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_b", "files__list")])
        XCTAssertEqual(press(&state, .character("y"), at: 2000), [.runTool(invocation("call_a", "read"))])
        let stopped = toolMessage("S1-a-t0", "call_a", "read", "Stopped while it ran: the user stopped the turn; what it did before is unknown.", .stopped, elapsed: 700, at: 2700)
        let notRun = toolMessage("S1-a-t1", "call_b", "list", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 2700)
        XCTAssertEqual(press(&state, .control("q"), at: 2700),
                       [.stopTool(callID: "call_a"), .saveMessage(stopped, sessionID: "S1"), .saveMessage(notRun, sessionID: "S1"), .quit])
        XCTAssertNil(state.tools.turn)
    }

    func testSendingWhileACallWaitsAnswersItNotRunFirst() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        state.screen.focus = .composer
        XCTAssertEqual(apply(&state, typing("never mind")), [])
        let effects = reduce(&state, .keyPressed(.enter, stamp(3000, "U2")))
        let notRun = toolMessage("S1-a-t0", "call_a", "read", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 3000)
        XCTAssertEqual(effects.first, .saveMessage(notRun, sessionID: "S1"))
        guard case let .startStream(_, request)? = effects.last else { return XCTFail("not sent: \(effects)") }
        XCTAssertEqual(request.messages.map(\.role), [.user, .assistant, .tool, .user], "every call answered before the new turn")
        XCTAssertNil(state.tools.turn)
    }

    func testWhileCallsAreUnderWayThePathStaysAsItIs() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        let store = TestStore(state)
        store.send(.keyPressed(.character("r"), stamp(2000))) {
            $0.status.nowMillis = 2000
            $0.status.notice = "The reply's tool calls are under way: let them finish, or press Esc to stop them first."
        }
        store.send(.keyPressed(.character("d"), stamp(2000)))
    }

    func testAnotherCallIsAnsweredByHandBesideTheTurnAndBothResultsGoTogether() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_w", "weather")])
        XCTAssertEqual(state.tools.turn?.calls.map(\.call.wireID), ["call_a"])
        XCTAssertEqual(reduce(&state, .commandInvoked(.answerToolCall, stamp(2000))), [], "`a` by name: the answer by hand")
        XCTAssertEqual(state.composer.toolAnswer, ToolAnswer(callID: "call_w", name: "weather"), "the MCP call is not typed by hand")
        XCTAssertEqual(apply(&state, typing("sunny")), [])
        var typed = Message(id: "T1-t", role: .tool, content: "sunny", createdAtMillis: 3000)
        typed.toolCallID = "call_w"
        XCTAssertEqual(reduce(&state, .keyPressed(.enter, stamp(3000, "T1"))), [.saveMessage(typed, sessionID: "S1")])
        XCTAssertEqual(state.status.notice, "Result stored; the reply's MCP tool calls go on.")
        XCTAssertEqual(state.tools.turn?.awaitsApproval, true)

        XCTAssertEqual(reduce(&state, .commandInvoked(.runTool, stamp(4000))), [.runTool(invocation("call_a", "read"))])
        let read = toolMessage("S1-a-t0", "call_a", "read", "x", .succeeded, elapsed: 100, at: 4100)
        let effects = reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "x", outcome: .succeeded), nowMillis: 4100))
        XCTAssertEqual(effects, nextRequest(state, after: [.saveMessage(read, sessionID: "S1")], [
            ChatMessage(role: .user, content: "q"),
            ChatMessage(role: .assistant, content: "", toolCalls: [
                ToolCall(index: 0, id: "call_a", name: "files__read", arguments: "{}"),
                ToolCall(index: 1, id: "call_w", name: "weather", arguments: "{}"),
            ]),
            ChatMessage(role: .tool, content: "sunny", toolCallID: "call_w"),
            ChatMessage(role: .tool, content: "x", toolCallID: "call_a"),
        ], tools: "[\(readFunction),\(listFunction)]"))
    }

    func testToolCommandsByNameActOnTheWaitingCallWhateverHasTheFocus() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        state.screen.focus = .composer
        XCTAssertEqual(reduce(&state, .commandInvoked(.runTool, stamp(2000))), [.runTool(invocation("call_a", "read"))])
        let stopped = toolMessage("S1-a-t0", "call_a", "read", "Stopped while it ran: the user stopped the turn; what it did before is unknown.", .stopped, elapsed: 100, at: 2100)
        XCTAssertEqual(reduce(&state, .commandInvoked(.cancel, stamp(2100))), [.stopTool(callID: "call_a"), .saveMessage(stopped, sessionID: "S1")])
    }
}
