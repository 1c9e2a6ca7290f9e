import XCTest
@testable import ChatCore
import StreamProtocol

/// Ctrl+C never throws away what was typed: with text in the message box it clears the box
/// (Ctrl+Y puts it back); only with the box empty does it quit. A streaming reply is stopped
/// first, as before.
final class CtrlCKeepsTheMessageTests: XCTestCase {
    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    func testFirstCtrlCClearsATypedMessageAndCtrlYBringsItBack() {
        let store = TestStore(AppState(profile: premProfile))
        store.type("a long thought")
        store.send(key(.control("c"))) {  // a typed message is not lost to Ctrl+C: no quit
            $0.composer.input = TextInput()
            $0.composer.killBuffer = "a long thought"
            $0.status.notice = "Message cleared: Ctrl+Y puts it back; Ctrl+C again quits."
        }
        store.send(key(.control("y"))) {
            $0.composer.input = TextInput(text: "a long thought")
            $0.status.notice = nil  // a key clears the last notice
        }
    }

    func testCtrlCWithTheBoxEmptyQuits() {
        let store = TestStore(AppState(profile: premProfile))
        store.type("x")
        store.send(key(.control("c"))) {
            $0.composer.input = TextInput()
            $0.composer.killBuffer = "x"
            $0.status.notice = "Message cleared: Ctrl+Y puts it back; Ctrl+C again quits."
        }
        store.send(key(.control("c")), effects: [.quit]) {
            $0.status.notice = nil
            $0.status.quitRequested = true
        }
    }

    func testCtrlCStopsAStreamingReplyBeforeTouchingTheBox() {
        var (state, id) = sentState()
        XCTAssertEqual(apply(&state, typing("next question")), [])
        XCTAssertEqual(press(&state, .control("c")).first, .cancelStream(id))
        XCTAssertEqual(state.composer.input.text, "next question", "stopping the reply keeps the box")
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(press(&state, .control("c")), [.quit])
    }

    func testOutsideTheMessageBoxCtrlCQuitsAsBefore() {
        let store = TestStore(AppState(profile: premProfile))
        store.type("kept")
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        store.send(key(.control("c")), effects: [.quit]) { $0.status.quitRequested = true }
    }

    func testClearingIsACommandOfTheKeymapAndCanBeRebound() {
        XCTAssertEqual(Keymap.defaults.command(for: .control("c"), in: .message), .clearMessage)
        XCTAssertEqual(Keymap.defaults.command(for: .control("c"), in: .app), .interrupt)
        let store = TestStore(AppState(profile: premProfile))
        store.type("typed")
        store.send(.commandInvoked(.clearMessage, stamp(5))) {
            $0.status.nowMillis = 5
            $0.composer.input = TextInput()
            $0.composer.killBuffer = "typed"
            $0.status.notice = "Message cleared: Ctrl+Y puts it back; Ctrl+C again quits."
        }
    }
}
