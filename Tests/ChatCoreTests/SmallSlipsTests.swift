import XCTest
@testable import ChatCore
import StreamProtocol

/// Slips a new user hits: figures of a reply from another session, keys lost under the
/// inspector.
final class SmallSlipsTests: XCTestCase {
    func testOpeningAnotherSessionForgetsTheLastReplysOutcome() {
        var (state, id) = sentState("q")
        apply(&state, [.streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1500)])
        XCTAssertNotNil(state.streaming.lastOutcome)
        let sent = state.conversation.activeSessionID
        // Reopening the same session keeps it (its last reply is still that one).
        apply(&state, [.conversationLoaded(sessionID: sent ?? "", window: .whole(state.conversation.messages), parameters: nil)])
        XCTAssertNotNil(state.streaming.lastOutcome)
        apply(&state, [.conversationLoaded(sessionID: "other", window: .whole([
            Message(id: "o", role: .user, content: "older", createdAtMillis: 1),
        ]), parameters: nil)])
        XCTAssertNil(state.streaming.lastOutcome, "the status line would show the other session's reply figures")
    }

    func testANewSessionForgetsTheLastReplysOutcome() {
        var (state, id) = sentState("q")
        apply(&state, [.streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1500)])
        apply(&state, [.keyPressed(.control("n"), stamp(2000))])
        XCTAssertNil(state.streaming.lastOutcome)
    }

    private func inspectorOpen() -> AppState {
        var (state, _) = twoFinishedTurns()
        apply(&state, [.keyPressed(.character("i"), stamp(4000))])
        guard case .inspector? = state.destination else {
            XCTFail("the inspector did not open")
            return state
        }
        return state
    }

    func testAGlobalKeyClosesTheInspectorAndActs() {
        var state = inspectorOpen()
        _ = press(&state, .alt("4"))
        XCTAssertNil(state.destination)
        XCTAssertEqual(state.screen.focus, .composer)
    }

    func testTypingUnderTheInspectorClosesItAndTypesIntoTheMessageBox() {
        var state = inspectorOpen()
        apply(&state, typing("hey"))
        XCTAssertNil(state.destination)
        XCTAssertEqual(state.screen.focus, .composer)
        XCTAssertEqual(state.composer.input.text, "hey")
    }

    func testTheInspectorsOwnKeysStayItsOwnEvenWhenTheyHaveNothingToDo() {
        var state = inspectorOpen()
        _ = press(&state, .character("]"))  // already on the newest reply
        guard case .inspector? = state.destination else { return XCTFail("] closed the inspector") }
        XCTAssertEqual(state.composer.input.text, "")
        _ = press(&state, .control("u"))  // bound nowhere in the inspector or globally: still swallowed
        guard case .inspector? = state.destination else { return XCTFail("Ctrl+U closed the inspector") }
    }
}
