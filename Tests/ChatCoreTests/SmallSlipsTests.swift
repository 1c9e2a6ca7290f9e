import XCTest
@testable import ChatCore
import StreamProtocol

/// Slips a new user hits: figures of a reply from another session, keys lost under the
/// inspector.
final class SmallSlipsTests: XCTestCase {
    func testOpeningAnotherSessionForgetsTheLastReplysOutcome() {
        var (state, id) = sentState("q")
        let request = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1500)),
                       [.saveMessage(savedReply(state, request), sessionID: "S1")])
        XCTAssertNotNil(state.streaming.lastOutcome)
        let sent = state.conversation.activeSessionID
        // Reopening the same session keeps it (its last reply is still that one).
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: sent ?? "", window: .whole(state.conversation.messages), parameters: nil)), [])
        XCTAssertNotNil(state.streaming.lastOutcome)
        XCTAssertEqual(reduce(&state, .conversationLoaded(sessionID: "other", window: .whole([
            Message(id: "o", role: .user, content: "older", createdAtMillis: 1),
        ]), parameters: nil)), [])
        XCTAssertNil(state.streaming.lastOutcome, "the status line would show the other session's reply figures")
    }

    func testANewSessionForgetsTheLastReplysOutcome() {
        var (state, id) = sentState("q")
        let request = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("a"), .done(StreamCompletion())], nowMillis: 1500)),
                       [.saveMessage(savedReply(state, request), sessionID: "S1")])
        XCTAssertEqual(reduce(&state, .keyPressed(.control("n"), stamp(2000))), [])
        XCTAssertNil(state.streaming.lastOutcome)
    }

    private func key(_ key: Key) -> Action { .keyPressed(key, stamp(0)) }

    /// The two finished turns with the inspector opened on the newest reply (its request loading).
    private func inspectorOpen() -> TestStore<AppState, Action, [Effect]> {
        let store = TestStore(twoFinishedTurns().0)
        store.send(.keyPressed(.character("i"), stamp(4000)), effects: [.loadSentRequest(messageID: "S2-a")]) {
            $0.status.nowMillis = 4000
            $0.destination = .inspector(MessageInspector(messageID: "S2-a", request: .loading))
        }
        return store
    }

    func testAGlobalKeyClosesTheInspectorAndActs() {
        inspectorOpen().send(key(.alt("4"))) {
            $0.destination = nil
            $0.screen.focus = .composer
        }
    }

    func testTypingUnderTheInspectorClosesItAndTypesIntoTheMessageBox() {
        let store = inspectorOpen()
        store.send(key(.character("h"))) {
            $0.destination = nil
            $0.screen.focus = .composer
            $0.composer.input = TextInput(text: "h")
        }
        store.type("ey")
    }

    func testTheInspectorsOwnKeysStayItsOwnEvenWhenTheyHaveNothingToDo() {
        let store = inspectorOpen()
        store.send(key(.character("]")))  // already on the newest reply: the inspector stays, nothing typed
        store.send(key(.control("u")))  // bound nowhere in the inspector or globally: still swallowed
    }
}
