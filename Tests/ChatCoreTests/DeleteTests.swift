import XCTest
@testable import ChatCore
import StreamProtocol

/// `d` asks, `y` deletes the selected message and everything after it, `u` puts it back.
final class DeleteTests: XCTestCase {
    func testDeleteAsksThenRemovesTheRestAndUndoPutsItBack() {
        var (state, _) = twoFinishedTurns()
        let before = state.conversation.messages
        XCTAssertEqual(press(&state, .up, .up), [])  // on "first", the reply of turn 1
        XCTAssertEqual(state.conversation.cursor, "S1-a")
        XCTAssertEqual(press(&state, .character("d")), [])
        XCTAssertEqual(state.destination, .confirm(.deleteMessage(id: "S1-a")))
        XCTAssertEqual(state.status.notice, "Delete this message and the 2 after it? y deletes, any other key keeps them.")
        let effects = apply(&state, [.keyPressed(.character("y"), stamp(5000, "D1"))])
        XCTAssertEqual(effects, [.deleteMessages(sessionID: "S1", fromMessageID: "S1-a", deletionID: "D1")])
        XCTAssertEqual(state.conversation.messages.map(\.id), ["S1-u"])
        XCTAssertEqual(state.status.notice, "Deleted 3 messages. u puts them back.")
        XCTAssertNil(state.conversation.cursor)

        XCTAssertEqual(press(&state, .character("u")), [.restoreDeletion(sessionID: "S1", deletionID: "D1")])
        XCTAssertEqual(state.conversation.messages, before)
        XCTAssertEqual(state.status.notice, "Restored 3 messages.")
        XCTAssertEqual(press(&state, .character("u")), [])
        XCTAssertEqual(state.status.notice, "Nothing to undo here.")
    }

    func testAnyOtherKeyKeepsTheMessages() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(.keyPressed(.character("d"), stamp(0))) {
            $0.destination = .confirm(.deleteMessage(id: "S2-a"))
            $0.status.notice = "Delete this message? y deletes, any other key keeps it."
        }
        store.send(.keyPressed(.character("n"), stamp(0))) {  // the four messages stay
            $0.destination = nil
            $0.status.notice = "Nothing deleted."
        }
    }

    func testASendAfterADeleteEndsTheUndo() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("d")), [])
        XCTAssertEqual(reduce(&state, .keyPressed(.character("y"), stamp(5000, "D1"))),
                       [.deleteMessages(sessionID: "S1", fromMessageID: "S2-a", deletionID: "D1")])
        XCTAssertNotNil(state.conversation.lastDeletion)
        XCTAssertEqual(apply(&state, [.keyPressed(.alt("4"), stamp(5001))] + typing("again")), [])
        let sent = reduce(&state, .keyPressed(.enter, stamp(5002, "S3")))
        XCTAssertEqual(sent.count, 3, "the message and its reply saved, the request sent: \(sent)")
        XCTAssertNil(state.conversation.lastDeletion)
    }

    func testNothingIsDeletedWhileAReplyStreams() {
        var (state, _) = sentState()
        state.screen.focus = .conversation
        XCTAssertEqual(press(&state, .character("d")), [])
        XCTAssertNil(state.destination)
        XCTAssertEqual(state.status.notice, "A reply is still streaming: stop it before deleting messages.")
    }
}
