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
        XCTAssertEqual(state.conversation.search?.matchIDs, ["S1-u", "S2-u", "S2-a"])
        XCTAssertEqual(state.conversation.search?.current, 2)
        XCTAssertEqual(state.conversation.cursor, "S2-a")
        XCTAssertEqual(state.status.notice, "Match 3 of 3 for “O”.")
        apply(&state, typing("n"))
        XCTAssertEqual(state.conversation.search?.matchIDs, ["S1-u", "S2-a"], "“on” in one and second")
        XCTAssertEqual(state.conversation.cursor, "S2-a")
        _ = press(&state, .enter)
        XCTAssertEqual(state.conversation.search?.editing, false)
        XCTAssertEqual(KeyContext.stack(for: state), [.conversation, .global, .app])
        _ = press(&state, .character("n"))
        XCTAssertEqual(state.conversation.cursor, "S1-u", "wraps around")
        XCTAssertEqual(state.conversation.scroll, .revealing(messageID: "S1-u"))
        _ = press(&state, .character("N"))
        XCTAssertEqual(state.conversation.cursor, "S2-a")
        _ = press(&state, .escape)
        XCTAssertNil(state.conversation.search)
    }

    func testNoMatchAndEscWhileTyping() {
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .character("/"))
        apply(&state, typing("zebra"))
        XCTAssertEqual(state.conversation.search?.matchIDs, [])
        XCTAssertNil(state.conversation.search?.current)
        XCTAssertEqual(state.status.notice, "No message contains “zebra”.")
        _ = press(&state, .escape)
        XCTAssertNil(state.conversation.search)
        XCTAssertEqual(state.screen.focus, .conversation)
    }

    /// In a session not held whole the store finds every match; `n` to one not held reads the
    /// window around it and puts the cursor there.
    func testALongSessionIsSearchedWholeAndMatchesOutsideTheWindowAreRead() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 500)
        _ = press(&state, .character("/"))
        let effects = apply(&state, typing("o"))
        XCTAssertEqual(effects, [.searchConversation(sessionID: "S1", query: "o")])
        XCTAssertEqual(state.status.notice, "Match 3 of 3 for “o” (in the messages held; PgUp and Home read earlier ones).")
        _ = reduce(&state, .conversationMatches(sessionID: "S1", query: "x", ["old-1"]))
        XCTAssertEqual(state.conversation.search?.matchIDs, ["S1-u", "S2-u", "S2-a"], "an answer for another query is dropped")
        _ = reduce(&state, .conversationMatches(sessionID: "S1", query: "o", ["old-1", "S1-u", "S2-u", "S2-a"]))
        XCTAssertEqual(state.conversation.search?.current, 3, "still on the match the cursor is on")
        XCTAssertEqual(state.status.notice, "Match 4 of 4 for “o”.")
        _ = press(&state, .enter)
        XCTAssertEqual(press(&state, .character("n")), [.loadMessages(sessionID: "S1", .around(messageID: "old-1"))])
        let page = MessageWindow(messages: [Message(id: "old-1", role: .user, content: "an old one", createdAtMillis: 0)],
                                 earlierCount: 10, laterCount: 503)
        _ = reduce(&state, .messagesLoaded(sessionID: "S1", position: .around(messageID: "old-1"), window: page))
        XCTAssertEqual(state.conversation.cursor, "old-1")
        XCTAssertEqual(state.conversation.scroll, .revealing(messageID: "old-1"))
        XCTAssertEqual(state.conversation.messages.map(\.id), ["old-1"])
    }
}
