@testable import ChatCore
import StreamProtocol
import XCTest

/// Compare's scoped functions on `CompareState` alone: the columns' scroll as `ScrollState`,
/// what a pick asks of the root, and what the end of the last stream tells it.
final class CompareRoomTests: XCTestCase {
    private let context = AppState(profile: premProfile).context

    private func finished(streaming: Bool = false) -> CompareState {
        var run = CompareRun(prompt: .typed("q"), baseParameters: SessionParameters())
        run.phase = .running
        run.sessionID = "S"
        run.columns = [1, 2].map { n in
            var parameters = SessionParameters()
            parameters.temperature = Double(n) / 10
            let reply = Message(id: "r\(n)", role: .assistant, content: "", createdAtMillis: 0, status: streaming ? .streaming : .complete)
            var column = CompareColumn(parameters: parameters, label: "c\(n)",
                                       stream: ActiveStream(RequestID(UInt64(n)), sessionID: "S", reply: reply, now: 0))
            column.scroll.metrics = ScrollMetrics(totalRows: 40, viewportRows: 10)
            return column
        }
        var state = CompareState()
        state.run = run
        return state
    }

    func testScrollKeysMoveTheColumnsScrollAndTheLastPageFollowsAgain() {
        var state = finished()
        XCTAssertEqual(compareCommand(.scrollUp, &state, context, Stamp(nowMillis: 1, freshID: "k", random: 0)), Reduced.nothing)
        XCTAssertEqual(state.run?.columns.map(\.scroll.position), [.row(29), .row(29)])
        _ = compareCommand(.scrollPageDown, &state, context, Stamp(nowMillis: 1, freshID: "k", random: 0))
        XCTAssertEqual(state.run?.columns.map(\.scroll.position), [.end, .end], "the last page follows the reply")
        state.run?.scrollsTogether = false
        _ = compareCommand(.scrollTop, &state, context, Stamp(nowMillis: 1, freshID: "k", random: 0))
        XCTAssertEqual(state.run?.columns.map(\.scroll.position), [.row(0), .end])
        XCTAssertEqual(state.run.map { top(of: $0.columns[1]) }, 30)
    }

    func testAMeasureAtOrPastTheLastPageFollowsAgain() {
        var scroll = ScrollState(position: .row(12), metrics: ScrollMetrics(totalRows: 40, viewportRows: 10))
        scroll.measured(ScrollMetrics(totalRows: 20, viewportRows: 10), followsEnd: true)
        XCTAssertEqual(scroll.position, .end)
        scroll = ScrollState(position: .row(3))
        scroll.measured(ScrollMetrics(totalRows: 20, viewportRows: 10), followsEnd: true)
        XCTAssertEqual(scroll.position, .row(3))
        scroll.measured(ScrollMetrics(totalRows: 5, viewportRows: 10), followsEnd: false)
        XCTAssertEqual(scroll.position, .row(0), "without followsEnd, clamped as before")
    }

    func testAPickClosesTheRunAndAsksTheRootToSwitchAndAdoptTheParameters() {
        var state = finished()
        state.run?.selected = 1
        let adopted = state.run?.columns[1].parameters
        let reduced = compareCommand(.pickWithParameters, &state, context, Stamp(nowMillis: 900, freshID: "k", random: 0))
        XCTAssertNil(state.run)
        XCTAssertEqual(reduced?.delegates, [.picked(sessionID: "S", replyID: "r2", parameters: adopted, nowMillis: 900)])
        XCTAssertEqual(reduced?.shared.first, .focus(.conversation))
        XCTAssertEqual(reduced?.effects, [])
    }

    func testStoppingTheLastStreamingColumnTellsTheRootTheOutcome() {
        var state = finished(streaming: true)
        let reduced = stopCompareColumns(&state, now: 500, keymap: .defaults)
        XCTAssertEqual(reduced.delegates, [.ended(.interrupted)])
        XCTAssertEqual(reduced.effects.count, 4, "a cancel and a save per column")
        XCTAssertEqual(reduced.effects.first, .cancelStream(RequestID(1)))
        XCTAssertEqual(state.run?.columns.map(\.reply.status), [.interrupted, .interrupted])
        XCTAssertEqual(compareStreamClosed(&state, RequestID(1), failure: nil, now: 600, keymap: .defaults), .nothing, "a stopped column's id is stale")
    }

    func testTheSetupOpensOnlyWithAPromptAndNothingStreaming() {
        var state = CompareState()
        state.lastSweep = "top_p=0.1,0.9"
        XCTAssertEqual(openCompare(&state, prompt: nil, parameters: SessionParameters(), editing: false, context).shared.count, 1)
        XCTAssertNil(state.run)
        XCTAssertEqual(openCompare(&state, prompt: .typed("hi"), parameters: SessionParameters(), editing: false, context), .nothing)
        XCTAssertEqual(state.run?.sweep.text, "top_p=0.1,0.9")
        XCTAssertEqual(compareSetupCommand(.accept, &state), Reduced(delegates: [.send]))
        XCTAssertEqual(compareSetupCommand(.close, &state), .notice("Compare closed; nothing was sent."))
        XCTAssertNil(state.run)
    }
}
