import XCTest
@testable import ChatCore
import StreamProtocol

/// The tool loop's limits and what it does not run: max_tool_rounds, calls of no MCP tool,
/// switched-off tools, a reopened session, compare columns; and the overlay and `t`.
extension ToolTurnTests {
    // MARK: limits and what is not run

    func testMaxToolRoundsStopsTheLoop() {
        var state = ready(maxRounds: 1)
        _ = asked(&state, [call(0, "call_a", "files__read")])
        XCTAssertEqual(press(&state, .character("y"), at: 2000), [.runTool(invocation("call_a", "read"))])
        guard case let .startStream(id, _)? = reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "x", outcome: .succeeded), nowMillis: 2100)).last
        else { return XCTFail("round 1's results not sent") }
        let ended = streamed(&state, id, [call(0, "call_b", "files__read")], at: 2200)
        XCTAssertEqual(ended.count, 1, "round 2 runs nothing: \(ended)")
        XCTAssertNil(state.tools.turn)
        XCTAssertEqual(state.status.notice, "Stopped after 1 tool round (max_tool_rounds).")
    }

    func testACallOfNoMCPToolIsLeftForTheAnswerByHand() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read"), call(1, "call_w", "weather")])
        XCTAssertEqual(state.tools.turn?.calls.map(\.call.wireID), ["call_a"])
        XCTAssertEqual(press(&state, .character("y"), at: 2000), [.runTool(invocation("call_a", "read"))])
        let read = toolMessage("S1-a-t0", "call_a", "read", "x", .succeeded, elapsed: 100, at: 2100)
        XCTAssertEqual(reduce(&state, .toolFinished(callID: "call_a", ToolCallResult(text: "x", outcome: .succeeded), nowMillis: 2100)),
                       [.saveMessage(read, sessionID: "S1")], "weather has no result yet: nothing is sent")
        XCTAssertEqual(state.status.notice, "The tools ran; the reply's other calls need their results typed: press a.")
        XCTAssertEqual(press(&state, .character("a"), at: 2200), [])
        XCTAssertEqual(state.composer.toolAnswer, ToolAnswer(callID: "call_w", name: "weather"))
        XCTAssertEqual(apply(&state, typing("sunny")), [])
        guard case let .startStream(_, request)? = reduce(&state, .keyPressed(.enter, stamp(2300, "T1"))).last else { return XCTFail("not sent") }
        XCTAssertEqual(request.messages.map(\.role), [.user, .assistant, .tool, .tool])
    }

    func testASwitchedOffToolIsNeitherOfferedNorRun() {
        var state = ready()
        XCTAssertEqual(press(&state, .control("t")), [])
        XCTAssertEqual(state.destination, .tools(ToolsOverlay()))
        XCTAssertEqual(press(&state, .down, .character(" ")), [], "no session yet: kept for the new one")
        XCTAssertEqual(state.tools.switchedOff, ["": ["files__read"]])
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.destination)
        state.screen.focus = .composer
        XCTAssertEqual(apply(&state, typing("q")), [])
        let sent = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
        XCTAssertEqual(Array(sent.prefix(2)).last, .saveToolSwitches(sessionID: "S1", switchedOff: ["files__read"]), "saved once the session exists")
        XCTAssertEqual(state.tools.switchedOff, ["S1": ["files__read"]])
        guard case let .startStream(id, request)? = sent.last else { return XCTFail("not sent") }
        XCTAssertEqual(request.tools, "[\(listFunction)]")
        XCTAssertEqual(streamed(&state, id, [call(0, "call_a", "files__read")], at: 1100).count, 1, "a switched-off tool's call is not run")
        XCTAssertNil(state.tools.turn)

        state.destination = .tools(ToolsOverlay(selection: 1))
        XCTAssertEqual(press(&state, .enter), [.saveToolSwitches(sessionID: "S1", switchedOff: [])], "a saved session's switch is saved at once")
    }

    func testTheToolsOverlayByNameMovesOverServersAndTools() {
        let store = TestStore(ready())
        store.send(.commandInvoked(.tools, stamp(10))) {
            $0.status.nowMillis = 10
            $0.destination = .tools(ToolsOverlay())
        }
        store.send(.keyPressed(.up, stamp(10)))  // the first row stays
        store.send(.keyPressed(.end, stamp(10))) { $0.destination = .tools(ToolsOverlay(selection: 2)) }
        store.send(.keyPressed(.home, stamp(10))) { $0.destination = .tools(ToolsOverlay(selection: 0)) }
        store.send(.keyPressed(.character(" "), stamp(10))) {
            $0.status.notice = "Choose one of the server's tools to switch it on or off."
        }
        store.send(.keyPressed(.character("q"), stamp(10))) {
            $0.destination = nil
            $0.status.notice = nil
        }

        let none = TestStore(AppState(profile: openAI))
        none.send(.keyPressed(.control("t"), stamp(10))) {
            $0.status.nowMillis = 10
            $0.destination = .tools(ToolsOverlay())
            $0.status.notice = "No MCP servers configured: add an [mcp.NAME] table to config.toml."
        }
    }

    func testAReopenedSessionWithUnansweredCallsRunsNothing() {
        var state = ready()
        var reply = Message(id: "old-a", role: .assistant, content: "", createdAtMillis: 10)
        reply.toolCalls = [ToolCall(index: 0, id: "call_a", name: "files__read", arguments: "{}")]
        let window = MessageWindow(messages: [Message(id: "old-u", role: .user, content: "q", createdAtMillis: 9), reply], earlierCount: 0, laterCount: 0)
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "old", window: window, parameters: nil)), [.loadToolSwitches(sessionID: "old")])
        XCTAssertNil(state.tools.turn)
        XCTAssertEqual(reduce(&state, .toolSwitchesLoaded(sessionID: "old", switchedOff: ["files__list"])), [])
        XCTAssertEqual(state.tools.switchedOff["old"], ["files__list"])
        state.screen.focus = .conversation
        XCTAssertEqual(press(&state, .character("a")), [], "answering by hand still works")
        XCTAssertEqual(state.composer.toolAnswer, ToolAnswer(callID: "call_a", name: "files__read"))
    }

    func testOpeningASessionWithoutServersConfiguredReadsNoSwitches() {
        var state = AppState(profile: openAI)
        let window = MessageWindow(messages: [], earlierCount: 0, laterCount: 0)
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "old", window: window, parameters: nil)), [])
    }

    func testOpeningAnotherSessionEndsTheTurnInItsOwnSession() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        let window = MessageWindow(messages: [], earlierCount: 0, laterCount: 0)
        let notRun = toolMessage("S1-a-t0", "call_a", "read", "Not run: the user stopped the turn.", .refused, elapsed: nil, at: 1100)
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "other", window: window, parameters: nil)),
                       [.loadToolSwitches(sessionID: "other"), .saveMessage(notRun, sessionID: "S1")])
        XCTAssertNil(state.tools.turn)
        XCTAssertEqual(state.conversation.messages, [], "not shown in the session now open")
    }

    func testTUnfoldsASelectedToolResultAndKeepsItsMeaningElsewhere() {
        var state = ready()
        _ = asked(&state, [call(0, "call_a", "files__read")])
        XCTAssertEqual(press(&state, .character("n"), at: 2000).count, 3, "refused: its message, the next reply and request")
        state.conversation.cursor = "S1-a-t0"
        state.screen.focus = .conversation
        let details = state.screen.display.showDetails
        XCTAssertEqual(press(&state, .character("t")), [])
        XCTAssertEqual(state.tools.expandedResults, ["S1-a-t0"])
        XCTAssertEqual(state.screen.display.showDetails, details)
        XCTAssertEqual(press(&state, .character("t")), [])
        XCTAssertEqual(state.tools.expandedResults, [])
        state.conversation.cursor = "S1-u"
        XCTAssertEqual(press(&state, .character("t")), [])
        XCTAssertEqual(state.screen.display.showDetails, !details)
    }

    func testHelpSaysWhatEscDoesUnderAToolCallsPrompt() {
        let rows = KeymapDocument.helpRows(.defaults, first: [.toolApproval])
        XCTAssertEqual(rows.first, .init(keys: "", text: "Tool call approval", isHeading: true))
        let esc = rows.prefix(6).first { $0.keys == "Esc" }
        XCTAssertEqual(esc?.text, "stop the tool calls: none of the rest runs and nothing more is sent to the model")
        XCTAssertTrue(rows.contains(.init(keys: "Esc", text: Command.cancel.summary, isHeading: false)), "elsewhere Esc keeps its words")
    }

    func testCompareColumnsShowTheirCallsAndRunNothing() {
        // A compare column's end goes through `compareStreamClosed`, never the main stream's
        // `finish`: a column that asks for an offered tool makes no turn.
        var state = AppState(profile: openAI, terminalWidth: 120, terminalHeight: 40)
        state.launch.toolSettings = ToolSettings(servers: [config(.always)])
        XCTAssertEqual(reduce(&state, .toolServersChanged([files])), [])
        XCTAssertEqual(apply(&state, typing("which")), [])
        XCTAssertEqual(press(&state, .control("g")), [])
        XCTAssertEqual(apply(&state, typing("temperature=0.2,1.4")), [])
        let started = reduce(&state, .keyPressed(.enter, stamp(1000, "C1"))).compactMap { effect -> (RequestID, ChatRequest)? in
            if case let .startStream(id, request) = effect { return (id, request) }
            return nil
        }
        let ids = started.map(\.0)
        XCTAssertEqual(ids.count, 2)
        XCTAssertEqual(started.map(\.1.tools), Array(repeating: "[\(readFunction),\(listFunction)]", count: 2), "the same request, the same tools")
        for id in ids {
            let effects = streamed(&state, id, [call(0, "call_a", "files__read")], at: 1100)
            XCTAssertFalse(effects.contains { if case .runTool = $0 { return true } else { return false } }, "\(effects)")
        }
        XCTAssertNil(state.tools.turn)
        XCTAssertEqual(state.compare.run?.columns.map(\.reply.toolCalls.count), [1, 1], "the calls are kept and shown")
    }
}
