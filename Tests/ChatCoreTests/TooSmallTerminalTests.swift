@testable import ChatCore
import XCTest

/// Below 40x12 the screen shows only "Terminal too small": a key must not act unseen (a
/// message typed and sent blind, help opened invisibly); Ctrl+Q still quits.
final class TooSmallTerminalTests: XCTestCase {
    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(5)) }

    func testKeysAreNotActedOnWhileOnlyTheNoticeShows() {
        var start = AppState(profile: premProfile, terminalWidth: 20, terminalHeight: 6)
        start.composer.input = TextInput(text: "sent blind")
        let store = TestStore(start)
        store.send(key(.enter)) { $0.status.nowMillis = 5 }  // the clock moves; nothing else
        store.send(key(.function(1)))
        store.send(key(.character("x")))
        store.send(.terminalResized(width: 120, height: 40)) {
            $0.screen.terminalWidth = 120
            $0.screen.terminalHeight = 40
        }
        store.inspect { XCTAssertEqual($0.composer.input.text, "sent blind", "the text waits, unsent, for a usable screen") }
    }

    func testQuittingStillWorks() {
        let store = TestStore(AppState(profile: premProfile, terminalWidth: 39, terminalHeight: 30))
        store.send(key(.control("q")), effects: [.quit]) {
            $0.status.nowMillis = 5
            $0.status.quitRequested = true
        }
    }
}
