@testable import ChatCore
import StreamProtocol
import XCTest

/// The compare feature's reducer on its own state: the columns as measured, and each
/// column's stream liveness.
final class CompareFeatureTests: XCTestCase {
    private func twoColumns() -> CompareState {
        var run = CompareRun(prompt: .typed("q"), baseParameters: SessionParameters())
        run.phase = .running
        run.sessionID = "S"
        run.columns = [1, 2].map { n in
            let reply = Message(id: "r\(n)", role: .assistant, content: "", createdAtMillis: 0, status: .streaming)
            return CompareColumn(parameters: SessionParameters(), label: "c\(n)",
                                 stream: ActiveStream(RequestID(UInt64(n)), sessionID: "S", reply: reply, now: 0))
        }
        var state = CompareState()
        state.run = run
        return state
    }

    func testMeasuredColumnsKeepTheirFiguresAndAColumnAtItsEndFollowsAgain() {
        var state = twoColumns()
        state.run?.columns[0].scroll.position = .row(8)
        state.run?.columns[1].scroll.position = .row(2)
        let store = TestStore(state, reducer: reduceCompare)
        let first = ScrollMetrics(totalRows: 30, viewportRows: 22)
        let second = ScrollMetrics(totalRows: 40, viewportRows: 10)
        store.send(.measured([first, second]), returns: .nothing) {
            $0.run?.columns[0].scroll = ScrollState(position: .end, metrics: first)  // 8 is the last page: it follows the reply again
            $0.run?.columns[1].scroll.metrics = second
        }
    }

    func testAHeartbeatReachesItsColumnOnly() {
        let store = TestStore(twoColumns(), reducer: reduceCompare)
        store.send(.heartbeat(RequestID(2), nowMillis: 700), returns: Reduced(delegates: [.answered(nowMillis: 700)])) {
            $0.run?.columns[1].stream.lastActivityAtMillis = 700
        }
        store.send(.heartbeat(RequestID(9), nowMillis: 800), returns: .nothing)
    }

    func testNothingIsMeasuredWithoutARun() {
        let store = TestStore(CompareState(), reducer: reduceCompare)
        store.send(.measured([ScrollMetrics(totalRows: 3, viewportRows: 2)]), returns: .nothing)
    }
}
