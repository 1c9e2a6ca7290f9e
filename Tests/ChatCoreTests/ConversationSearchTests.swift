import XCTest
@testable import ChatCore
import StreamProtocol

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// The conversation's search as the reducer keeps it.
private func search(
    _ query: String, editing: Bool = true, _ matchIDs: [String] = [], current: Int? = nil, wholeSession: Bool = false
) -> ConversationSearch {
    var search = ConversationSearch()
    search.query = TextInput(text: query)
    search.editing = editing
    search.matchIDs = matchIDs
    search.current = current
    search.wholeSession = wholeSession
    return search
}

/// `/` searches every message held, the cursor follows the matches, Enter keeps them for n/N,
/// Esc ends the search.
final class ConversationSearchTests: XCTestCase {
    func testTypingFindsMatchesAndTheCursorFollows() {
        let store = TestStore(twoFinishedTurns().0)  // one, first, two, second
        store.send(key(.character("/"))) { $0.conversation.search = search("") }
        XCTAssertEqual(KeyContext.stack(for: store.state), [.conversationSearch, .text, .app])
        // "o" is in "one", "two" and "second" (case-insensitive); the cursor was on the last.
        store.send(key(.character("O"))) {
            $0.conversation.search = search("O", ["S1-u", "S2-u", "S2-a"], current: 2)
            $0.conversation.cursor = "S2-a"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S2-a"))
            $0.status.notice = "Match 3 of 3 for “O”."
        }
        // “on” in one and second.
        store.send(key(.character("n"))) {
            $0.conversation.search = search("On", ["S1-u", "S2-a"], current: 1)
            $0.status.notice = "Match 2 of 2 for “On”."
        }
        store.send(key(.enter)) {
            $0.conversation.search?.editing = false
            $0.status.notice = nil
        }
        XCTAssertEqual(KeyContext.stack(for: store.state), [.conversation, .global, .app])
        store.send(key(.character("n"))) {  // wraps around
            $0.conversation.search?.current = 0
            $0.conversation.cursor = "S1-u"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S1-u"))
            $0.status.notice = "Match 1 of 2 for “On”."
        }
        store.send(key(.character("N"))) {
            $0.conversation.search?.current = 1
            $0.conversation.cursor = "S2-a"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S2-a"))
            $0.status.notice = "Match 2 of 2 for “On”."
        }
        store.send(key(.escape)) {
            $0.conversation.search = nil
            $0.status.notice = nil
        }
    }

    func testNoMatchAndEscWhileTyping() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("/"))) { $0.conversation.search = search("") }
        var query = ""
        for character in "zebra" {
            query.append(character)
            store.send(key(.character(character))) {
                $0.conversation.search = search(query)
                $0.status.notice = "No message contains “\(query)”."
            }
        }
        // The focus stays on the conversation.
        store.send(key(.escape)) {
            $0.conversation.search = nil
            $0.status.notice = nil
        }
    }

    /// In a session not held whole the store finds every match; `n` to one not held reads the
    /// window around it and puts the cursor there.
    func testALongSessionIsSearchedWholeAndMatchesOutsideTheWindowAreRead() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 500)
        let store = TestStore(state)
        store.send(key(.character("/"))) { $0.conversation.search = search("") }
        store.send(key(.character("o")), effects: [.searchConversation(sessionID: "S1", query: "o")]) {
            $0.conversation.search = search("o", ["S1-u", "S2-u", "S2-a"], current: 2)
            $0.conversation.cursor = "S2-a"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S2-a"))
            $0.status.notice = "Match 3 of 3 for “o” (in the messages held; PgUp and Home read earlier ones)."
        }
        store.send(.conversationMatches(sessionID: "S1", query: "x", ["old-1"]))  // an answer for another query is dropped
        // Still on the match the cursor is on.
        store.send(.conversationMatches(sessionID: "S1", query: "o", ["old-1", "S1-u", "S2-u", "S2-a"])) {
            $0.conversation.search = search("o", ["old-1", "S1-u", "S2-u", "S2-a"], current: 3, wholeSession: true)
            $0.status.notice = "Match 4 of 4 for “o”."
        }
        store.send(key(.enter)) {
            $0.conversation.search?.editing = false
            $0.status.notice = nil
        }
        store.send(key(.character("n")), effects: [.loadMessages(sessionID: "S1", .around(messageID: "old-1"))]) {
            $0.conversation.search?.current = 0
            $0.conversation.window.pendingLoad = .around(messageID: "old-1")
            $0.conversation.cursor = "old-1"
            $0.status.notice = "Match 1 of 4 for “o”."
        }
        let old = Message(id: "old-1", role: .user, content: "an old one", createdAtMillis: 0)
        let page = MessageWindow(messages: [old], earlierCount: 10, laterCount: 503)
        store.send(.messagesLoaded(sessionID: "S1", position: .around(messageID: "old-1"), window: page)) {
            $0.conversation.messages = [old]
            $0.conversation.window.earlierCount = 10
            $0.conversation.window.laterCount = 503
            $0.conversation.window.pendingLoad = nil
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "old-1"))
        }
    }

    /// A tester's fault: after `[`/`]` (or a delete, an undo) the matches were the old path's;
    /// `n` went to a message no longer shown and the count stayed wrong. They follow the path.
    func testTheMatchesFollowAVersionSwitch() throws {
        var state = twoFinishedTurns().0  // one, first, two, second
        state.conversation.search = search("On", editing: false, ["S1-u", "S2-a"], current: 1)
        state.conversation.pendingBranchSwitch = "S2-a"  // `]` on the reply asked the store
        let session = try XCTUnwrap(state.conversation.activeSessionID)
        var shown = Array(state.conversation.messages.prefix(3))
        var other = Message(id: "S2-b", role: .assistant, content: "Once more", createdAtMillis: 5)
        other.branch = BranchPosition(index: 2, count: 2)
        shown.append(other)
        let effects = reduce(&state, .branchSwitched(
            sessionID: session, fromMessageID: "S2-a", BranchSwitch(messageID: "S2-b", window: MessageWindow(messages: shown))))
        XCTAssertEqual(effects, [])
        XCTAssertEqual(state.conversation.messages.map(\.id), ["S1-u", "S1-a", "S2-u", "S2-b"])
        XCTAssertEqual(state.conversation.search, search("On", editing: false, ["S1-u", "S2-b"], current: nil))
    }
}
