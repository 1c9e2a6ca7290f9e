import XCTest
@testable import ChatCore
import StreamProtocol

/// Compare in the reducer: the setup, the requests it sends, streams kept per column (events,
/// retries, stops), picking, scrolling, exporting.
final class CompareTests: XCTestCase {
    /// A new session with "/tokens 5 which" typed and the setup open with `sweep` typed in it.
    /// Setup only (the typing is asserted key by key elsewhere: TestStore.type).
    func givenCompareSetup(_ sweep: String = "temperature=0.2,1.4") -> AppState {
        var state = AppState(profile: premProfile, terminalWidth: 120, terminalHeight: 40)
        apply(&state, typing("which"))
        XCTAssertEqual(press(&state, .control("g")), [])
        XCTAssertEqual(state.compare.run?.phase, .setup)
        XCTAssertEqual(KeyContext.stack(for: state), [.compareSetup, .text, .app])
        apply(&state, typing(sweep))
        return state
    }

    /// The setup sent at t=1000 with stamp "C1"; the two columns' request ids.
    func runningState(_ sweep: String = "temperature=0.2,1.4") -> (AppState, [RequestID], [Effect]) {
        var state = givenCompareSetup(sweep)
        let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "C1")))
        let ids = effects.compactMap { effect -> RequestID? in
            if case let .startStream(id, _) = effect { return id }
            return nil
        }
        return (state, ids, effects)
    }

    func done(_ text: String) -> [StreamEvent] { [.content(text), .done(StreamCompletion())] }

    /// A column's reply as it stands, with the request it was sent with (read before the step).
    func columnReply(_ state: AppState, _ column: Int, _ sent: SentRequest?) -> Message {
        var reply = state.compare.run?.columns[column].reply ?? Message(id: "", role: .assistant, content: "", createdAtMillis: 0)
        reply.request = sent
        return reply
    }

    /// The request a column's reply was sent with, which its final save stores.
    func columnRequest(_ state: AppState, _ column: Int) -> SentRequest? { state.compare.run?.columns[column].reply.request }

    func testCtrlGWithNothingToAskSaysWhatItNeeds() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(press(&state, .control("g")), [])
        XCTAssertNil(state.compare.run)
        XCTAssertEqual(state.status.notice, "Type a prompt first (or put the conversation's cursor on a message of yours): "
            + "Ctrl+G asks it with several parameter sets side by side.")
    }

    func testTypingTheSweepPlansTheColumnsAndEscLeavesTheMessageBoxAsItWas() {
        var state = givenCompareSetup("temperature=0.2,1.4")
        guard case let .success(columns)? = state.compare.run?.planned(presets: []) else { return XCTFail("planned") }
        XCTAssertEqual(columns.map(\.temperature), [0.2, 1.4])
        XCTAssertEqual(apply(&state, typing(",9")), [])
        XCTAssertEqual(state.compare.run?.planned(presets: []), .failure(ParameterProblem(
            { if case let .failure(p) = ParameterValidation.applying("1.4,9".split(separator: ",").last.map(String.init) ?? "", to: .temperature, in: SessionParameters()) { return p.message }; return "" }())))
        XCTAssertEqual(press(&state, .enter), [], "an invalid line sends nothing")
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.compare.run)
        XCTAssertEqual(state.composer.input.text, "which")
        XCTAssertEqual(state.status.notice, "Compare closed; nothing was sent.")
    }

    func testOneColumnIsRefused() {
        var state = givenCompareSetup("temperature=0.2")
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.compare.run?.phase, .setup)
        XCTAssertTrue(state.status.notice?.hasPrefix("One column is no comparison") == true)
    }

    func testEnterSavesThePromptAndSendsOneRequestPerColumnTheRepliesSiblings() {
        let (state, ids, effects) = runningState()
        XCTAssertEqual(ids, [RequestID(1), RequestID(2)])
        XCTAssertEqual(effects.count, 6)
        guard case let .createSession(summary, _) = effects[0], case let .saveMessage(user, "C1") = effects[1],
              case let .saveMessage(first, "C1") = effects[2], case let .startStream(_, firstRequest) = effects[3],
              case let .saveMessage(second, "C1") = effects[4], case let .startStream(_, secondRequest) = effects[5]
        else { return XCTFail("effects: \(effects)") }
        XCTAssertEqual(summary.id, "C1")
        XCTAssertEqual(user, Message(id: "C1-u", role: .user, content: "which", createdAtMillis: 1000))
        XCTAssertEqual([first.id, second.id], ["C1-c1", "C1-c2"])
        XCTAssertEqual(first.placement, .atPathEnd)
        XCTAssertEqual(second.placement, .besideMessageOffPath("C1-c1"), "beside the first, the path left on it")
        XCTAssertEqual([first.status, second.status], [.streaming, .streaming])
        XCTAssertEqual([first.parameters?.temperature, second.parameters?.temperature], [0.2, 1.4])
        XCTAssertEqual([firstRequest.temperature, secondRequest.temperature], [0.2, 1.4])
        var same = secondRequest
        same.temperature = 0.2
        XCTAssertEqual(same, firstRequest, "the requests differ only in temperature")
        XCTAssertEqual(firstRequest.messages.map(\.content), ["which"])
        XCTAssertNotNil(first.request, "each reply records its request as sent")
        XCTAssertTrue(first.request?.body.contains("\"temperature\":0.2") == true)
        XCTAssertEqual(state.conversation.messages.map(\.id), ["C1-u"])
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(state.compare.run?.phase, .running)
        XCTAssertEqual(state.compare.run?.columns.map(\.label), ["temperature 0.2", "temperature 1.4"])
        XCTAssertEqual(KeyContext.stack(for: state), [.compare, .app])
        XCTAssertTrue(state.isStreaming)
        XCTAssertEqual(state.compare.lastSweep, "temperature=0.2,1.4")
    }

    func testEachColumnKeepsItsOwnStreamAndStaleIdsAreDropped() {
        var (state, ids, _) = runningState()
        XCTAssertEqual(apply(&state, [.streamReceived(ids[1], [.content("hot ")], nowMillis: 1200)]), [])
        XCTAssertEqual(apply(&state, [.streamReceived(ids[0], [.content("cool ")], nowMillis: 1300)]), [])
        XCTAssertEqual(apply(&state, [.streamReceived(RequestID(99), [.content("stray")], nowMillis: 1300)]), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.reply.content), ["cool ", "hot "])
        XCTAssertEqual(state.compare.run?.columns[1].stream.firstContentAtMillis, 1200)

        // Column 2 finishes: saved with its figures; column 1 goes on.
        let ended = apply(&state, [.streamReceived(ids[1], done("done"), nowMillis: 1500)])
        guard case let .saveMessage(saved, "C1")? = ended.first, ended.count == 1 else { return XCTFail("\(ended)") }
        XCTAssertEqual(saved.id, "C1-c2")
        XCTAssertEqual(saved.status, .complete)
        XCTAssertEqual(saved.content, "hot done")
        XCTAssertEqual(saved.stats, ReplyStats(timeToFirstTokenMillis: 200, totalMillis: 500, deltaCount: 2, streamingMillis: 300))
        XCTAssertTrue(state.isStreaming)
        XCTAssertNil(state.status.notice)
        // Events after the end are stale too.
        XCTAssertEqual(apply(&state, [.streamReceived(ids[1], [.content("late")], nowMillis: 1600)]), [])
        XCTAssertEqual(state.compare.run?.columns[1].reply.content, "hot done")

        let sent0 = columnRequest(state, 0)
        XCTAssertEqual(reduce(&state, .streamClosed(ids[0], failure: APIError(message: "reset"), nowMillis: 1700)),
                       [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(state.compare.run?.columns[0].reply.status, .failed)
        XCTAssertEqual(state.compare.run?.columns[0].reply.error?.message, "reset")
        XCTAssertFalse(state.isStreaming)
        XCTAssertEqual(state.status.notice, "All 2 replies are in: Enter picks one, w exports them.")
    }

    func testAColumnSavesItsReplyOnTheClockWhileItStreams() {
        var (state, ids, _) = runningState()
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], [.content("a")], nowMillis: 1500)), [])
        XCTAssertEqual(reduce(&state, .clockTicked(nowMillis: 1900)), [])
        let saves = reduce(&state, .clockTicked(nowMillis: 2100))
        guard case let .saveMessage(saved, "C1")? = saves.first, saves.count == 1 else { return XCTFail("\(saves)") }
        XCTAssertEqual(saved.id, "C1-c1")
        XCTAssertEqual(saved.content, "a")
        XCTAssertNil(saved.request, "the request was stored with the first save")
    }

    func testARetryCountsDownInItsOwnColumnOnly() {
        var (state, ids, _) = runningState()
        let notice = RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 2000, fromRetryAfter: true, reason: APIError(status: 429, message: "slow down"))
        XCTAssertEqual(reduce(&state, .streamRetrying(ids[0], notice, nowMillis: 1100)), [])
        XCTAssertEqual(state.compare.run?.columns[0].stream.pendingRetry, PendingRetry(notice: notice, announcedAtMillis: 1100))
        XCTAssertEqual(state.compare.run?.columns[0].stream.retryCount, 1)
        XCTAssertNil(state.compare.run?.columns[1].stream.pendingRetry)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], [.content("on")], nowMillis: 1200)), [])
        XCTAssertEqual(state.compare.run?.columns[1].reply.content, "on")
        XCTAssertEqual(reduce(&state, .streamHeartbeat(ids[0], nowMillis: 3200)), [])
        XCTAssertNil(state.compare.run?.columns[0].stream.pendingRetry)
        let sent0 = columnRequest(state, 0)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], done("late"), nowMillis: 3400)), [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(state.compare.run?.columns[0].reply.stats?.timeToFirstTokenMillis, 300, "from the end of the wait")
        XCTAssertEqual(state.compare.run?.columns[0].reply.stats?.retries, 1)
    }

    func testXStopsTheSelectedColumnAndEscStopsTheRest() {
        var (state, ids, _) = runningState()
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], [.content("partial")], nowMillis: 1200)), [])
        let stopped = press(&state, .right, .character("x"), at: 1300)
        var expected = state.compare.run?.columns[1].reply
        expected?.status = .interrupted
        XCTAssertEqual(stopped, [.cancelStream(ids[1]), .saveMessage(try XCTUnwrap(expected), sessionID: "C1")])
        XCTAssertEqual(state.compare.run?.columns[1].reply.status, .interrupted)
        XCTAssertEqual(state.compare.run?.columns[1].reply.stats?.deltaCount, 1)
        XCTAssertTrue(state.isStreaming)
        XCTAssertEqual(press(&state, .character("x"), at: 1400), [])
        XCTAssertEqual(state.status.notice, "Column 2 is not streaming.")

        let all = press(&state, .escape, at: 1500)
        XCTAssertEqual(all.first, .cancelStream(ids[0]))
        XCTAssertEqual(all.count, 2)
        XCTAssertFalse(state.isStreaming)
        XCTAssertEqual(state.compare.run?.columns.map(\.reply.status), [.interrupted, .interrupted])
    }

    func testCtrlCStopsEveryColumn() {
        var (state, ids, _) = runningState()
        let effects = press(&state, .control("c"))
        XCTAssertEqual(effects.filter { if case .cancelStream = $0 { return true } else { return false } }, ids.map(Effect.cancelStream))
        XCTAssertFalse(state.status.quitRequested)
        XCTAssertFalse(state.isStreaming)
    }

    func testPickingWaitsForEveryReplyThenShowsThePickedOneAsThePath() {
        var (state, ids, _) = runningState()
        let sent0 = columnRequest(state, 0), sent1 = columnRequest(state, 1)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], done("cool"), nowMillis: 1500)), [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertTrue(state.status.notice?.hasPrefix("Replies are still streaming") == true)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], done("hot"), nowMillis: 1600)), [.saveMessage(columnReply(state, 1, sent1), sessionID: "C1")])
        XCTAssertEqual(press(&state, .character("l"), .enter, at: 1700), [.switchBranch(sessionID: "C1", fromMessageID: "C1-c2", step: 0)])
        XCTAssertNil(state.compare.run)
        XCTAssertEqual(state.conversation.pendingBranchSwitch, "C1-c2")
        XCTAssertEqual(state.screen.focus, .conversation)
        XCTAssertNil(state.parameters.temperature, "the parameters pane is as it was")

        var reply = Message(id: "C1-c2", role: .assistant, content: "hot", createdAtMillis: 1000)
        reply.branch = BranchPosition(index: 2, count: 2)
        let window = MessageWindow(messages: [Message(id: "C1-u", role: .user, content: "which", createdAtMillis: 1000), reply])
        XCTAssertEqual(reduce(&state, .branchSwitched(sessionID: "C1", fromMessageID: "C1-c2", BranchSwitch(messageID: "C1-c2", window: window))), [])
        XCTAssertEqual(state.conversation.messages.map(\.id), ["C1-u", "C1-c2"])
        XCTAssertEqual(state.status.notice, "Column 2 picked (the parameters pane is as it was); [ and ] reach the other 1.")
        // The next request carries the picked reply.
        XCTAssertEqual(apply(&state, [.keyPressed(.alt("4"), stamp(1800))] + typing("more")), [])
        let next = reduce(&state, .keyPressed(.enter, stamp(1900, "N1")))
        let request = next.compactMap { effect -> ChatRequest? in
            if case let .startStream(_, request) = effect { return request }
            return nil
        }.first
        XCTAssertEqual(request?.messages.map(\.content), ["which", "hot", "more"])
    }

    func testPWithParametersMakesTheColumnsParametersTheSessions() {
        var (state, ids, _) = runningState()
        let sent0 = columnRequest(state, 0), sent1 = columnRequest(state, 1)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], done("a"), nowMillis: 1500)), [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], done("b"), nowMillis: 1500)), [.saveMessage(columnReply(state, 1, sent1), sessionID: "C1")])
        let effects = press(&state, .right, .character("p"), at: 2000)
        var expected = SessionParameters()
        expected.temperature = 1.4
        XCTAssertEqual(effects, [
            .saveParameters(expected, sessionID: "C1", nowMillis: 2000),
            .switchBranch(sessionID: "C1", fromMessageID: "C1-c2", step: 0),
        ])
        XCTAssertEqual(state.parameters, expected)
    }

    func testEscOnFinishedRepliesShowsTheFirstColumn() {
        var (state, ids, _) = runningState()
        let sent0 = columnRequest(state, 0), sent1 = columnRequest(state, 1)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], done("a"), nowMillis: 1500)), [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], done("b"), nowMillis: 1500)), [.saveMessage(columnReply(state, 1, sent1), sessionID: "C1")])
        XCTAssertEqual(press(&state, .right, .escape), [.switchBranch(sessionID: "C1", fromMessageID: "C1-c1", step: 0)])
        XCTAssertNil(state.compare.run)
        XCTAssertEqual(state.status.notice, "Compare closed: column 1's reply is shown; [ and ] reach the other 1.")
    }

    func testAMessageOfTheUsersIsComparedBesideItsReply() {
        var (state, _) = twoFinishedTurns()
        // The cursor on the first reply: its prompt "one" is compared, beside "S1-a".
        state.conversation.cursor = "S1-a"
        XCTAssertEqual(press(&state, .control("g")), [])
        XCTAssertEqual(state.compare.run?.prompt, .message(id: "S1-u", content: "one"))
        XCTAssertEqual(apply(&state, typing("seed=1,2")), [])
        let effects = reduce(&state, .keyPressed(.enter, stamp(5000, "C2")))
        let saved = effects.compactMap { effect -> Message? in
            if case let .saveMessage(message, "S1") = effect { return message }
            return nil
        }
        XCTAssertEqual(saved.map(\.placement), [.besideMessage("S1-a"), .besideMessageOffPath("C2-c1")])
        let requests = effects.compactMap { effect -> ChatRequest? in
            if case let .startStream(_, request) = effect { return request }
            return nil
        }
        XCTAssertEqual(requests.map { $0.messages.map(\.content) }, [["one"], ["one"]])
        XCTAssertEqual(requests.map(\.seed), [1, 2])
        XCTAssertEqual(state.conversation.messages.count, 4, "the conversation is untouched until a pick")
    }

    func testASessionNotHeldWholeReadsItsHistoryFirst() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 10)
        XCTAssertEqual(apply(&state, [.keyPressed(.alt("4"), stamp(4000))] + typing("again")), [])
        XCTAssertEqual(apply(&state, [.keyPressed(.control("g"), stamp(4000))] + typing("top_p=0.1,0.9")), [])
        let effects = reduce(&state, .keyPressed(.enter, stamp(5000, "C3")))
        XCTAssertEqual(effects.last, .loadRequestHistory(sessionID: "S1", before: nil))
        XCTAssertEqual(state.compare.run?.phase, .awaitingHistory)
        XCTAssertTrue(state.isStreaming)
        let history = [Message(id: "old", role: .user, content: "long ago", createdAtMillis: 1)] + state.conversation.messages
        let started = reduce(&state, .requestHistoryLoaded(sessionID: "S1", messages: history))
        let requests = started.compactMap { effect -> ChatRequest? in
            if case let .startStream(_, request) = effect { return request }
            return nil
        }
        XCTAssertEqual(requests.map(\.topP), [0.1, 0.9])
        XCTAssertEqual(requests.first?.messages.map(\.content), ["long ago", "one", "first", "two", "second", "again"])
        XCTAssertEqual(state.compare.run?.phase, .running)
    }

    func testScrollKeysMoveEveryColumnOrTheSelectedOne() {
        var (state, _, _) = runningState()
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, compareColumns: [ScrollMetrics(totalRows: 50, viewportRows: 20), ScrollMetrics(totalRows: 30, viewportRows: 20)]))), [])
        XCTAssertEqual(press(&state, .up), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(29), .row(9)])
        XCTAssertEqual(press(&state, .home), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(0), .row(0)])
        XCTAssertEqual(press(&state, .character("s"), .right, .end), [])
        XCTAssertEqual(state.status.notice, nil)
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(0), .end], "End follows the selected column's reply again")
        XCTAssertEqual(press(&state, .pageDown), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(0), .end])
        XCTAssertEqual(press(&state, .left, .pageDown), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(19), .end])
        // Measured at its end again: it follows.
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, compareColumns: [ScrollMetrics(totalRows: 39, viewportRows: 20), ScrollMetrics(totalRows: 30, viewportRows: 20)]))), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.end, .end])
    }

    func testInspectShowsTheSelectedColumnsRequest() {
        var (state, _, _) = runningState()
        XCTAssertEqual(press(&state, .right, .character("i")), [])
        guard case let .inspector(inspector)? = state.destination else { return XCTFail("no inspector") }
        XCTAssertEqual(inspector.messageID, "C1-c2")
        guard case let .recorded(sent) = inspector.request else { return XCTFail("\(inspector.request)") }
        XCTAssertTrue(sent.body.contains("\"temperature\":1.4"))
        XCTAssertEqual(KeyContext.stack(for: state), [.inspector, .app])
        XCTAssertEqual(press(&state, .character("[")), [])
        guard case let .inspector(older)? = state.destination else { return XCTFail("closed") }
        XCTAssertEqual(older.messageID, "C1-c1", "[ and ] walk the columns")
    }

    func testExportWritesOneMarkdownTable() {
        var (state, ids, _) = runningState()
        let sent0 = columnRequest(state, 0), sent1 = columnRequest(state, 1)
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], [.content("h")], nowMillis: 1100)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], [.content("line one\n")], nowMillis: 1200)), [])
        XCTAssertEqual(reduce(&state, .streamReceived(ids[0], done("line | two"), nowMillis: 1500)), [.saveMessage(columnReply(state, 0, sent0), sessionID: "C1")])
        XCTAssertEqual(reduce(&state, .streamReceived(ids[1], done("ot"), nowMillis: 1600)), [.saveMessage(columnReply(state, 1, sent1), sessionID: "C1")])
        let effects = press(&state, .character("w"))
        guard case let .writeFile(path, text)? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(path, "compare-which-C1.md")
        XCTAssertEqual(text, """
            # Compare: which

            > which

            | # | parameters | reply | tokens | tok/s | TTFT | status |
            |---|---|---|---|---|---|---|
            | 1 | temperature 0.2 | line one<br>line \\| two | 2 | 6.7 | 200 ms | complete |
            | 2 | temperature 1.4 | hot | 2 | 4.0 | 100 ms | complete |

            """)
    }

    func testHelpOverCompareLetsNoPaneKeyThrough() {
        var (state, _, _) = runningState()
        XCTAssertEqual(press(&state, .character("?")), [])
        XCTAssertEqual(state.destination, .help(ScrollState()))
        XCTAssertEqual(KeyContext.stack(for: state), [.help, .app])
        XCTAssertEqual(press(&state, .control("n")), [], "no new session under the compare")
        XCTAssertEqual(state.conversation.activeSessionID, "C1")
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.destination)
        XCTAssertEqual(KeyContext.stack(for: state), [.compare, .app])
        XCTAssertTrue(state.isStreaming, "closing the help stops nothing")

        var setup = givenCompareSetup()
        XCTAssertEqual(press(&setup, .function(1)), [])
        XCTAssertEqual(setup.destination, .help(ScrollState()))
        XCTAssertEqual(press(&setup, .escape), [])
        XCTAssertEqual(KeyContext.stack(for: setup), [.compareSetup, .text, .app])
    }

    func testTheMouseSelectsAColumnAndItsWheelScrollsOnlyIt() {
        var (state, _, _) = runningState()
        state.screen.mouseEnabled = true
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, compareColumns: [ScrollMetrics(totalRows: 50, viewportRows: 20), ScrollMetrics(totalRows: 50, viewportRows: 20)]))), [])
        var map = ScreenMap()
        map.compareColumns = [
            .init(column: 0, area: ScreenArea(x: 1, y: 1, width: 58, height: 37)),
            .init(column: 1, area: ScreenArea(x: 60, y: 1, width: 59, height: 37)),
        ]
        XCTAssertEqual(reduce(&state, .frameReported(.measuring(state, screenMap: map))), [])
        XCTAssertEqual(apply(&state, [.mouse(MouseEvent(x: 70, y: 10, kind: .press), stamp(1))]), [])
        XCTAssertEqual(state.compare.run?.selected, 1)
        XCTAssertEqual(reduce(&state, .mouse(MouseEvent(x: 5, y: 10, kind: .wheelUp), stamp(1))), [])
        XCTAssertEqual(state.compare.run?.columns.map(\.scroll.position), [.row(27), .end], "the column under the pointer, even when scrolling together")
        XCTAssertEqual(state.compare.run?.selected, 1)
        XCTAssertEqual(reduce(&state, .mouse(MouseEvent(x: 59, y: 10, kind: .press), stamp(1))), [])
        XCTAssertEqual(state.compare.run?.selected, 1, "the separator belongs to no column")
    }
}
