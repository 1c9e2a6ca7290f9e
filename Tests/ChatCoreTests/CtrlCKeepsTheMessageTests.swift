import XCTest
@testable import ChatCore
import StreamProtocol

/// Ctrl+C never throws away what was typed: with text in the message box it clears the box
/// (Ctrl+Y puts it back); only with the box empty does it quit. A streaming reply is stopped
/// first, as before.
final class CtrlCKeepsTheMessageTests: XCTestCase {
    func testFirstCtrlCClearsATypedMessageAndCtrlYBringsItBack() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("a long thought"))
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertFalse(state.status.quitRequested, "a typed message is not lost to Ctrl+C")
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(state.status.notice, "Message cleared: Ctrl+Y puts it back; Ctrl+C again quits.")
        XCTAssertEqual(press(&state, .control("y")), [])
        XCTAssertEqual(state.composer.input.text, "a long thought")
    }

    func testCtrlCWithTheBoxEmptyQuits() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("x"))
        _ = press(&state, .control("c"))
        XCTAssertEqual(press(&state, .control("c")), [.quit])
        XCTAssertTrue(state.status.quitRequested)
    }

    func testCtrlCStopsAStreamingReplyBeforeTouchingTheBox() {
        var (state, id) = sentState()
        apply(&state, typing("next question"))
        XCTAssertEqual(press(&state, .control("c")).first, .cancelStream(id))
        XCTAssertEqual(state.composer.input.text, "next question", "stopping the reply keeps the box")
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(press(&state, .control("c")), [.quit])
    }

    func testOutsideTheMessageBoxCtrlCQuitsAsBefore() {
        var state = AppState(profile: premProfile)
        apply(&state, typing("kept"))
        state.screen.focus = .conversation
        XCTAssertEqual(press(&state, .control("c")), [.quit])
    }

    func testClearingIsACommandOfTheKeymapAndCanBeRebound() {
        XCTAssertEqual(Keymap.defaults.command(for: .control("c"), in: .message), .clearMessage)
        XCTAssertEqual(Keymap.defaults.command(for: .control("c"), in: .app), .interrupt)
        var state = AppState(profile: premProfile)
        apply(&state, typing("typed"))
        XCTAssertEqual(reduce(&state, .commandInvoked(.clearMessage, stamp(5))), [])
        XCTAssertEqual(state.composer.input.text, "")
        XCTAssertEqual(state.composer.killBuffer, "typed")
    }
}
