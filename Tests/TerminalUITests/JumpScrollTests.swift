import XCTest
@testable import TerminalUI

/// Following the tail of a full pane scrolls it a third of its height at a time, so a pane that
/// a terminal cannot scroll on its own is rewritten a tenth as often while a reply streams.
final class JumpScrollTests: XCTestCase {
    func testTheTopMovesInStepsOfAThirdAndTheLastRowIsAlwaysShown() {
        let height = 38
        var tops: [Int] = []
        for total in 0...400 {
            let top = ScreenRenderer.followingTop(total: total, height: height)
            let bottom = max(0, total - height)
            XCTAssertGreaterThanOrEqual(top, bottom, "total \(total): the last row is in view")
            XCTAssertLessThan(top - bottom, height / 3, "total \(total): fewer blank rows than a step")
            if total > 0 { XCTAssertLessThan(top, total, "total \(total): something is shown") }
            if tops.last != top { tops.append(top) }
        }
        // 400 rows of text scroll the pane 31 times, not 362.
        XCTAssertEqual(tops.count, 1 + (400 - height + 11) / 12)
        XCTAssertEqual(Set(tops.dropFirst().map { $0 % 12 }), [0])
    }

    func testASmallPaneScrollsARowAtATime() {
        for total in 0...40 {
            XCTAssertEqual(ScreenRenderer.followingTop(total: total, height: 11), max(0, total - 11))
        }
        XCTAssertEqual(ScreenRenderer.followingTop(total: 0, height: 38), 0)
        XCTAssertEqual(ScreenRenderer.followingTop(total: 38, height: 38), 0)
        XCTAssertEqual(ScreenRenderer.followingTop(total: 39, height: 38), 12)
    }
}
