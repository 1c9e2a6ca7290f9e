import XCTest
@testable import ChatCore
import StreamProtocol

/// The renderer reports everything a frame measured in one action, and the reducer takes every
/// part of it and returns every effect it asks for (a page of a long session's history).
final class FrameReportTests: XCTestCase {
    /// Session "s" open on its newest 200 of 1,000 messages, with the help open far down and
    /// the mouse on. Setup only: the loading itself is tested elsewhere (HistoryWindowTests).
    private func givenALongSessionWithTheHelpOpen() -> AppState {
        var state = AppState(profile: premProfile)
        _ = reduce(&state, .conversationLoaded(
            sessionID: "s",
            window: MessageWindow(
                messages: (800..<1000).map { Message(id: "m\($0)", role: .user, content: "text", createdAtMillis: Int64($0)) },
                earlierCount: 800),
            parameters: nil))
        state.screen.mouseEnabled = true
        state.destination = .help(ScrollState(position: .row(30)))
        return state
    }

    private func map() -> ScreenMap {
        var map = ScreenMap()
        map.panes = [ScreenMap.PaneArea(pane: .conversation, area: ScreenArea(x: 0, y: 0, width: 80, height: 20))]
        return map
    }

    func testEveryPartOfAReportIsTakenAndThePageItAsksForReturned() {
        var start = givenALongSessionWithTheHelpOpen()
        start.conversation.scroll.position = .row(10)
        let store = TestStore(start)
        let report = FrameReport(
            conversation: ScrollMetrics(totalRows: 600, viewportRows: 20, firstVisibleRow: 10, topMessageID: "m803", rowInTopMessage: 1),
            overlay: ScrollMetrics(totalRows: 40, viewportRows: 20), screenMap: map())
        store.send(.frameReported(report), effects: [.loadMessages(sessionID: "s", .before(messageID: "m800"))]) {
            $0.conversation.scroll.metrics = report.conversation
            $0.conversation.window.pendingLoad = .before(messageID: "m800")
            $0.screen.map = report.screenMap
            $0.destination = .help(ScrollState(position: .row(20), metrics: report.overlay))  // the help's last screen
        }
        // The same report again: nothing new to take, nothing asked twice.
        store.send(.frameReported(report))
    }

    func testFiguresAlreadyTakenAreNotJudgedAgain() {
        var start = givenALongSessionWithTheHelpOpen()
        start.conversation.scroll.metrics = ScrollMetrics(totalRows: 600, viewportRows: 20, firstVisibleRow: 100)
        let helpMetrics = ScrollMetrics(totalRows: 40, viewportRows: 20)
        start.destination = .help(ScrollState(position: .row(20), metrics: helpMetrics))
        start.screen.map = map()
        // A key moved the view since that frame; the frame that draws it will judge it.
        start.conversation.scroll.position = .row(600)
        let store = TestStore(start)
        store.send(.frameReported(FrameReport(
            conversation: start.conversation.scroll.metrics, overlay: helpMetrics, screenMap: start.screen.map)))
        // A frame measuring the conversation anew: the view at its end follows the tail again.
        var measured = start.conversation.scroll.metrics
        measured.firstVisibleRow = 580
        store.send(.frameReported(FrameReport(conversation: measured, overlay: helpMetrics, screenMap: start.screen.map))) {
            $0.conversation.scroll.metrics = measured
            $0.conversation.scroll.position = .end
        }
    }

    func testFramePositionsChangeWithWhatAReportCorrects() {
        let store = TestStore(givenALongSessionWithTheHelpOpen())
        let before = store.state.framePositions
        let overlay = ScrollMetrics(totalRows: 25, viewportRows: 20)
        store.send(.frameReported(FrameReport(overlay: overlay, screenMap: map()))) {
            $0.screen.map = self.map()
            $0.destination = .help(ScrollState(position: .row(5), metrics: overlay))  // the help's last screen
        }
        var state = store.state
        XCTAssertNotEqual(state.framePositions, before, "the help moved: the run loop draws the frame again")
        let after = state.framePositions
        state.screen.map = ScreenMap()
        state.destination?.scroll?.metrics = ScrollMetrics()
        XCTAssertEqual(state.framePositions, after, "figures alone are not positions")
    }
}
