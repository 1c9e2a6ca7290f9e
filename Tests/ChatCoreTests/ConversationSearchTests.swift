import XCTest
@testable import ChatCore
import StreamProtocol

/// `/` searches every message held, the cursor follows the matches, Enter keeps them for n/N,
/// Esc ends the search.
final class ConversationSearchTests: XCTestCase {
    func testTypingFindsMatchesAndTheCursorFollows() {
        var (state, _) = twoFinishedTurns()  // one, first, two, second
        XCTAssertEqual(press(&state, .character("/")), [])
        XCTAssertEqual(KeyContext.stack(for: state), [.conversationSearch, .text, .app])
        apply(&state, typing("O"))
        // "o" is in "one", "two" and "second" (case-insensitive); the cursor was on the last.
        XCTAssertEqual(state.conversationSearch?.matchIDs, ["S1-u", "S2-u", "S2-a"])
        XCTAssertEqual(state.conversationSearch?.current, 2)
        XCTAssertEqual(state.messageCursor, "S2-a")
        XCTAssertEqual(state.notice, "Match 3 of 3 for “O”.")
        apply(&state, typing("n"))
        XCTAssertEqual(state.conversationSearch?.matchIDs, ["S1-u", "S2-a"], "“on” in one and second")
        XCTAssertEqual(state.messageCursor, "S2-a")
        _ = press(&state, .enter)
        XCTAssertEqual(state.conversationSearch?.editing, false)
        XCTAssertEqual(KeyContext.stack(for: state), [.conversation, .global, .app])
        _ = press(&state, .character("n"))
        XCTAssertEqual(state.messageCursor, "S1-u", "wraps around")
        XCTAssertEqual(state.scroll, .revealing(messageID: "S1-u"))
        _ = press(&state, .character("N"))
        XCTAssertEqual(state.messageCursor, "S2-a")
        _ = press(&state, .escape)
        XCTAssertNil(state.conversationSearch)
    }

    func testNoMatchAndEscWhileTyping() {
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .character("/"))
        apply(&state, typing("zebra"))
        XCTAssertEqual(state.conversationSearch?.matchIDs, [])
        XCTAssertNil(state.conversationSearch?.current)
        XCTAssertEqual(state.notice, "No message contains “zebra”.")
        _ = press(&state, .escape)
        XCTAssertNil(state.conversationSearch)
        XCTAssertEqual(state.focus, .conversation)
    }

    /// In a session not held whole the store finds every match; `n` to one not held reads the
    /// window around it and puts the cursor there.
    func testALongSessionIsSearchedWholeAndMatchesOutsideTheWindowAreRead() {
        var (state, _) = twoFinishedTurns()
        state.conversationWindow = ConversationWindow(earlierCount: 500)
        _ = press(&state, .character("/"))
        let effects = apply(&state, typing("o"))
        XCTAssertEqual(effects, [.searchConversation(sessionID: "S1", query: "o")])
        XCTAssertEqual(state.notice, "Match 3 of 3 for “o” (in the messages held; PgUp and Home read earlier ones).")
        _ = reduce(&state, .conversationMatches(sessionID: "S1", query: "x", ["old-1"]))
        XCTAssertEqual(state.conversationSearch?.matchIDs, ["S1-u", "S2-u", "S2-a"], "an answer for another query is dropped")
        _ = reduce(&state, .conversationMatches(sessionID: "S1", query: "o", ["old-1", "S1-u", "S2-u", "S2-a"]))
        XCTAssertEqual(state.conversationSearch?.current, 3, "still on the match the cursor is on")
        XCTAssertEqual(state.notice, "Match 4 of 4 for “o”.")
        _ = press(&state, .enter)
        XCTAssertEqual(press(&state, .character("n")), [.loadMessages(sessionID: "S1", .around(messageID: "old-1"))])
        let page = MessageWindow(messages: [Message(id: "old-1", role: .user, content: "an old one", createdAtMillis: 0)],
                                 earlierCount: 10, laterCount: 503)
        _ = reduce(&state, .messagesLoaded(sessionID: "S1", position: .around(messageID: "old-1"), window: page))
        XCTAssertEqual(state.messageCursor, "old-1")
        XCTAssertEqual(state.scroll, .revealing(messageID: "old-1"))
        XCTAssertEqual(state.messages.map(\.id), ["old-1"])
    }
}
