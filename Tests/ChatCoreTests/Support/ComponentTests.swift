@testable import ChatCore
import XCTest

final class ListSelectionTests: XCTestCase {
    func testMovesStopAtEitherEndWithoutWrapping() {
        var selection = ListSelection()
        XCTAssertTrue(selection.perform(.selectPrevious, count: 3))
        XCTAssertEqual(selection.index, 0)
        selection.move(by: 5, count: 3)
        XCTAssertEqual(selection.index, 2)
        XCTAssertTrue(selection.perform(.selectNext, count: 3))
        XCTAssertEqual(selection.index, 2)
        XCTAssertTrue(selection.perform(.selectFirst, count: 3))
        XCTAssertEqual(selection.index, 0)
        XCTAssertTrue(selection.perform(.selectLast, count: 3))
        XCTAssertEqual(selection.index, 2)
        XCTAssertFalse(selection.perform(.scrollUp, count: 3))
    }

    func testAListThatShrankUnderTheCursorIsReadClamped() {
        var selection = ListSelection(index: 4)
        XCTAssertEqual(selection.selected(in: ["a", "b"]), "b")
        XCTAssertNil(selection.selected(in: [String]()))
        selection.clamp(count: 0)
        XCTAssertEqual(selection.index, 0)
        selection.move(by: -1, count: 0)
        XCTAssertEqual(selection.index, 0)
    }
}

final class ScrollStateTests: XCTestCase {
    private let tenOfThirty = ScrollMetrics(totalRows: 30, viewportRows: 10)

    func testCommandsScrollWithinTheMeasuredRows() {
        var scroll = ScrollState(metrics: tenOfThirty)
        XCTAssertTrue(scroll.perform(.scrollPageDown))
        XCTAssertEqual(scroll.topRow, 9)
        XCTAssertTrue(scroll.perform(.scrollBottom))
        XCTAssertEqual(scroll.position, .row(20))
        XCTAssertTrue(scroll.perform(.scrollDown))
        XCTAssertEqual(scroll.topRow, 20)
        XCTAssertTrue(scroll.perform(.scrollTop))
        XCTAssertTrue(scroll.perform(.scrollUp))
        XCTAssertEqual(scroll.position, .row(0))
        XCTAssertFalse(scroll.perform(.selectNext))
    }

    func testFollowingTheEndKeepsTheLastRowsAsTheyGrow() {
        var scroll = ScrollState(metrics: tenOfThirty)
        scroll.scroll(to: 25, followsEnd: true)
        XCTAssertEqual(scroll.position, .end)
        scroll.measured(ScrollMetrics(totalRows: 50, viewportRows: 10))
        XCTAssertEqual(scroll.topRow, 40)
        XCTAssertTrue(scroll.perform(.scrollUp, followsEnd: true))
        XCTAssertEqual(scroll.position, .row(39))
    }

    func testAShorterMeasurePullsTheTopRowBack() {
        var scroll = ScrollState(position: .row(20), metrics: tenOfThirty)
        scroll.measured(ScrollMetrics(totalRows: 12, viewportRows: 10))
        XCTAssertEqual(scroll.position, .row(2))
    }
}

final class TestStoreTests: XCTestCase {
    func testAStepStatesTheWholeChangeAndEveryEffect() {
        let store = TestStore(AppState(profile: premProfile))
        store.send(.terminalResized(width: 100, height: 30)) {
            $0.screen.terminalWidth = 100
            $0.screen.terminalHeight = 30
        }
    }

    func testAnUnassertedFieldOrEffectFails() {
        let store = TestStore(0, reducer: { (count: inout Int, by: Int) -> [Int] in
            count += by
            return [by]
        })
        var failures: [String] = []
        store.reportFailure = { message, _, _ in failures.append(message) }
        store.send(2, returns: [])
        XCTAssertEqual(failures.count, 2, "the state change and the effect were both left unasserted")
        XCTAssertTrue(failures[0].hasPrefix("Returned something else"))
        XCTAssertTrue(failures[1].hasPrefix("The state changed"))
        XCTAssertEqual(store.state, 0, "after a failed step the store continues from the asserted state")
        failures = []
        store.send(2, returns: [2]) { $0 = 2 }
        XCTAssertEqual(failures, [])
    }
}
