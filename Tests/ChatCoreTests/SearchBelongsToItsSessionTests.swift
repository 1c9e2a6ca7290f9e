import XCTest
@testable import ChatCore
import StreamProtocol

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// The tester's fault (most severe): a search made in session A survived opening session B, so
/// `n` in B read a window "around" A's match from B, which the store answered with nothing,
/// and the pane went blank ("No messages yet") while B had messages; the next send then went
/// out with no history. A conversation search belongs to the session it searched.
final class SearchBelongsToItsSessionTests: XCTestCase {
    /// Session B as the store reads it: two messages, held whole.
    private let sessionB = MessageWindow.whole([
        Message(id: "B-u", role: .user, content: "the question in B", createdAtMillis: 10),
        Message(id: "B-a", role: .assistant, content: "the answer in B", createdAtMillis: 11),
    ])

    /// Session S1 (twoFinishedTurns: one, first, two, second) with `/`, "t", Enter done: the
    /// matches are kept for `n`.
    private func searchedInA() -> TestStore<AppState, Action, [Effect]> {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("/"))) {
            $0.conversation.search = ConversationSearch()
        }
        store.send(key(.character("t"))) {
            var search = ConversationSearch()
            search.query = TextInput(text: "t")
            search.matchIDs = ["S1-a", "S2-u"]
            search.current = 0  // none after the cursor (on the last message): the first
            $0.conversation.search = search
            $0.conversation.cursor = "S1-a"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S1-a"))
            $0.status.notice = "Match 1 of 2 for “t”."
        }
        store.send(key(.enter)) {
            $0.conversation.search?.editing = false
            $0.status.notice = nil
        }
        return store
    }

    /// The tester's steps: opening B ends A's search, so `n` in B has nothing to step through
    /// and reads nothing; B's messages stay on screen.
    func testOpeningAnotherSessionEndsTheSearch() {
        let store = searchedInA()
        store.send(.conversationLoaded(sessionID: "B", window: sessionB, parameters: nil)) {
            $0.conversation.activeSessionID = "B"
            $0.conversation.messages = self.sessionB.messages
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
            $0.conversation.search = nil
            $0.streaming.lastOutcome = nil
            $0.parameters = SessionParameters()
        }
        store.send(key(.character("n"))) {
            $0.status.notice = "No search: press / to search the conversation."
        }
        XCTAssertEqual(store.state.visibleMessages.map(\.id), ["B-u", "B-a"])
    }

    /// Ctrl+N is another session too: the search does not follow into it.
    func testANewSessionEndsTheSearch() {
        let store = searchedInA()
        store.send(key(.control("n"))) {
            $0.conversation.activeSessionID = nil
            $0.conversation.activeSessionSaved = false
            $0.conversation.messages = []
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
            $0.conversation.search = nil
            $0.streaming.lastOutcome = nil
            $0.screen.focus = .composer
        }
    }

    /// A read around a message that is not on this session's path (the store answers with an
    /// empty page) leaves the window as it was: the pane never goes blank while the session
    /// has messages. The match that is gone leaves the search.
    func testAReadAroundAMessageNotInTheSessionKeepsTheWindow() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 300)
        var search = ConversationSearch()
        search.query = TextInput(text: "o")
        search.editing = false
        search.matchIDs = ["gone", "S1-u"]
        search.current = 1
        search.wholeSession = true
        state.conversation.search = search
        let store = TestStore(state)
        store.send(key(.character("n")), effects: [.loadMessages(sessionID: "S1", .around(messageID: "gone"))]) {
            $0.conversation.search?.current = 0
            $0.conversation.cursor = "gone"
            $0.conversation.window.pendingLoad = .around(messageID: "gone")
            $0.status.notice = "Match 1 of 2 for “o”."
        }
        let held = store.state.conversation.messages
        store.send(.messagesLoaded(sessionID: "S1", position: .around(messageID: "gone"), window: MessageWindow(messages: []))) {
            $0.conversation.window.pendingLoad = nil
            $0.conversation.cursor = nil
            $0.conversation.search?.matchIDs = ["S1-u"]
            $0.conversation.search?.current = nil
            $0.status.notice = "That message is no longer on this session's path."
        }
        XCTAssertEqual(store.state.conversation.messages, held)
        XCTAssertEqual(store.state.conversation.window, ConversationWindow(earlierCount: 300))
    }

    /// A session-search hit whose message is gone by the time its session is read (the store
    /// answers the read around it with an empty page): the session is read from its end instead
    /// of opening blank.
    func testAHitWhoseMessageIsGoneOpensTheSessionAtItsEnd() {
        var state = stateWithZebraSessions()
        state.sessions.pendingHit = PendingHit(sessionID: "s2", messageID: "m7", words: "sleep")
        state.screen.focus = .conversation
        let store = TestStore(state)
        store.send(.conversationLoaded(sessionID: "s2", window: MessageWindow(messages: []), parameters: nil),
                   effects: [.loadConversation(sessionID: "s2")]) {
            $0.sessions.pendingHit = nil
            $0.status.notice = "That message is no longer in “Zebras”: it opens at its end."
        }
        XCTAssertNil(store.state.conversation.activeSessionID, "nothing opened blank meanwhile")
    }

    /// A send whose conversation holds nothing of a saved session cannot know the history from
    /// what it holds: it reads it from the store, as in a session held as a window, and never
    /// goes out with only the new message.
    func testASendWithNothingHeldOfASavedSessionReadsTheHistoryFromTheStore() {
        var state = AppState(profile: premProfile)
        state.conversation.activeSessionID = "B"
        state.conversation.activeSessionSaved = true
        state.sessions.list = [SessionSummary(id: "B", title: "B", createdAtMillis: 0, updatedAtMillis: 0)]
        state.screen.focus = .composer
        state.composer.input = TextInput(text: "next")
        let store = TestStore(state)
        let user = Message(id: "N-u", role: .user, content: "next", createdAtMillis: 50)
        store.send(key(.enter, stamp(50, "N")), effects: [
            .saveMessage(user, sessionID: "B"), .loadRequestHistory(sessionID: "B", before: nil),
        ]) {
            $0.status.nowMillis = 50
            $0.sessions.list[0].updatedAtMillis = 50
            $0.conversation.messages = [user]
            $0.composer.input = TextInput()
            $0.streaming.pendingSend = PendingSend(sessionID: "B", stamp: stamp(50, "N"))
        }
        let history = sessionB.messages + [user]
        var answered = store.state
        let effects = reduce(&answered, .requestHistoryLoaded(sessionID: "B", messages: history))
        guard case let .startStream(_, request)? = effects.last else { return XCTFail("no request: \(effects)") }
        XCTAssertEqual(request.messages.map(\.content), ["the question in B", "the answer in B", "next"])
    }
}
