import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// `/` in the sessions pane: each change of the query asks the store, stale answers are
/// dropped, Enter opens the hit's session on its message with the words marked.
final class SessionSearchTests: XCTestCase {
    private let hit = zebraSearchHit

    private func searching() -> AppState { stateWithZebraSessions() }

    /// `/` over `searching()`: the search opens, remembering the list's selection.
    private func opened(file: StaticString = #filePath, line: UInt = #line) -> AppStore {
        let store = TestStore(searching())
        store.send(key(.character("/")), effects: [], { $0.sessions.search = SessionSearch(listSelection: 1) }, file: file, line: line)
        return store
    }

    /// Types the query, one key each: each change asks the store.
    private func typeQuery(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
        for character in text {
            let query = (store.state.sessions.search?.query.text ?? "") + String(character)
            store.send(key(.character(character)), effects: [.searchSessions(query: query)], {
                $0.sessions.search?.query.insert(String(character))
            }, file: file, line: line)
        }
    }

    /// What opening the hit leaves: the conversation focused and the hit pending with its
    /// words, which become the conversation's search once the hit's session is open (not the
    /// search of the session shown meanwhile).
    private func openedTheHit(_ state: inout AppState, words: String) {
        state.screen.focus = .conversation
        state.sessions.search = nil
        state.sessions.pendingHit = PendingHit(sessionID: "s2", messageID: "m7", words: words)
    }

    /// The hit's words as the conversation's search, its line closed, as the hit's session opens.
    private func hitWordsSearched(_ words: String, _ matchIDs: [String], current: Int) -> ConversationSearch {
        var search = ConversationSearch()
        search.query = TextInput(text: words)
        search.editing = false
        search.matchIDs = matchIDs
        search.current = current
        return search
    }

    func testEachChangeAsksAndOnlyTheCurrentQuerysAnswerIsKept() {
        let store = opened()
        XCTAssertEqual(KeyContext.stack(for: store.state), [.sessionSearch, .text, .app])
        typeQuery("sl", store)
        store.send(.sessionsFound(query: "s", [hit]))  // an answer for an older query is dropped
        store.send(.sessionsFound(query: "sl", [hit])) {
            $0.sessions.search?.resultsQuery = "sl"
            $0.sessions.search?.hits = [hit]
        }
        store.send(key(.escape)) { $0.sessions.search = nil }
        XCTAssertEqual(store.state.sessions.selectedIndex, 1, "back where the list was")
    }

    func testATitleHitOpensTheSessionAtItsEnd() {
        let store = opened()
        typeQuery("zeb", store)
        let titled = SessionSearchHit(summary: hit.summary, messageID: "", snippet: "\u{1}Zebras\u{2}")
        store.send(.sessionsFound(query: "zeb", [titled])) {
            $0.sessions.search?.resultsQuery = "zeb"
            $0.sessions.search?.hits = [titled]
        }
        // No message to open on: no pending hit, no search in the conversation.
        store.send(key(.enter), effects: [.loadConversation(sessionID: "s2")]) {
            $0.screen.focus = .conversation
            $0.sessions.search = nil
        }
    }

    func testEnterOpensTheHitOnItsMessageWithTheWordsMarked() {
        let store = opened()
        typeQuery("sleep*", store)
        store.send(.sessionsFound(query: "sleep*", [hit])) {
            $0.sessions.search?.resultsQuery = "sleep*"
            $0.sessions.search?.hits = [hit]
        }
        store.send(key(.enter), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.openedTheHit(&$0, words: "sleep")
        }
        let window = MessageWindow(messages: [
            Message(id: "m6", role: .user, content: "Do zebras sleep?", createdAtMillis: 0),
            Message(id: "m7", role: .assistant, content: "They sleep standing.", createdAtMillis: 1),
            Message(id: "m8", role: .user, content: "Thanks", createdAtMillis: 2),
        ], earlierCount: 40, laterCount: 3)
        // Not held whole: the store is asked for every match, as a typed query does.
        store.send(
            .conversationLoaded(sessionID: "s2", window: window, parameters: nil),
            effects: [.searchConversation(sessionID: "s2", query: "sleep")]
        ) {
            $0.sessions.pendingHit = nil
            $0.conversation.activeSessionID = "s2"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = window.messages
            $0.conversation.window.earlierCount = 40
            $0.conversation.window.laterCount = 3
            $0.conversation.cursor = "m7"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "m7"))
            $0.conversation.search = self.hitWordsSearched("sleep", ["m6", "m7"], current: 1)
            $0.status.notice = "Match 2 of 2 for “sleep” (in the messages held; PgUp and Home read earlier ones)."
        }
    }

    /// The tester's fault: a hit opened into a long session counted only the held messages
    /// ("Match 2 of 2") and never asked the store, so `n` could not reach the older matches.
    func testAHitOpenedIntoALongSessionAsksTheStoreForEveryMatch() {
        let store = opened()
        typeQuery("sleep", store)
        store.send(.sessionsFound(query: "sleep", [hit])) {
            $0.sessions.search?.resultsQuery = "sleep"
            $0.sessions.search?.hits = [hit]
        }
        store.send(key(.enter), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.openedTheHit(&$0, words: "sleep")
        }
        let window = MessageWindow(messages: [
            Message(id: "m6", role: .user, content: "Do zebras sleep?", createdAtMillis: 0),
            Message(id: "m7", role: .assistant, content: "They sleep standing.", createdAtMillis: 1),
        ], earlierCount: 500)
        store.send(
            .conversationLoaded(sessionID: "s2", window: window, parameters: nil),
            effects: [.searchConversation(sessionID: "s2", query: "sleep")]
        ) {
            $0.sessions.pendingHit = nil
            $0.conversation.activeSessionID = "s2"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = window.messages
            $0.conversation.window.earlierCount = 500
            $0.conversation.cursor = "m7"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "m7"))
            $0.conversation.search = self.hitWordsSearched("sleep", ["m6", "m7"], current: 1)
            $0.status.notice = "Match 2 of 2 for “sleep” (in the messages held; PgUp and Home read earlier ones)."
        }
        // The store's answer counts the older matches too; the cursor stays on the hit.
        store.send(.conversationMatches(sessionID: "s2", query: "sleep", ["m2", "m6", "m7"])) {
            $0.conversation.search?.matchIDs = ["m2", "m6", "m7"]
            $0.conversation.search?.current = 2
            $0.conversation.search?.wholeSession = true
            $0.status.notice = "Match 3 of 3 for “sleep”."
        }
    }

    /// The same fault where the hit is in the long session already open and Enter came before
    /// the results: the hit opens when they arrive, and its words are searched in the whole
    /// session as a typed query's are.
    func testAHitOpenedWhenFoundInTheOpenLongSessionAsksTheStoreForEveryMatch() {
        var state = stateWithZebraSessions()
        let held = [
            Message(id: "m6", role: .user, content: "Do zebras sleep?", createdAtMillis: 0),
            Message(id: "m7", role: .assistant, content: "They sleep standing.", createdAtMillis: 1),
        ]
        state.conversation.opened(sessionID: "s2", window: MessageWindow(messages: held, earlierCount: 40), inFlightID: nil)
        let store = TestStore(state)
        store.send(key(.character("/"))) { $0.sessions.search = SessionSearch(listSelection: 1) }
        typeQuery("sleep", store)
        store.send(key(.enter)) {
            $0.sessions.search?.opensFirstHitWhenFound = true
            $0.status.notice = "Searching… the first hit opens when it is found."
        }
        store.send(.sessionsFound(query: "sleep", [hit]), effects: [.searchConversation(sessionID: "s2", query: "sleep")]) {
            $0.screen.focus = .conversation
            $0.sessions.search = nil
            var search = ConversationSearch()
            search.query = TextInput(text: "sleep")
            search.editing = false
            search.matchIDs = ["m6", "m7"]
            search.current = 1
            $0.conversation.search = search
            $0.conversation.cursor = "m7"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "m7"))
            $0.status.notice = "Match 2 of 2 for “sleep” (in the messages held; PgUp and Home read earlier ones)."
        }
    }

    /// The tester's fault: `/` after opening a hit went on typing after the hit's words
    /// ("sleep" + "t"). Like a pager's `/`, it starts a new query.
    func testSlashAfterOpeningAHitStartsANewQuery() {
        let store = opened()
        typeQuery("sleep", store)
        store.send(.sessionsFound(query: "sleep", [hit])) {
            $0.sessions.search?.resultsQuery = "sleep"
            $0.sessions.search?.hits = [hit]
        }
        store.send(key(.enter), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.openedTheHit(&$0, words: "sleep")
        }
        let window = MessageWindow.whole([
            Message(id: "m6", role: .user, content: "Do zebras sleep?", createdAtMillis: 0),
            Message(id: "m7", role: .assistant, content: "They sleep standing.", createdAtMillis: 1),
            Message(id: "m8", role: .user, content: "Thanks", createdAtMillis: 2),
        ])
        store.send(.conversationLoaded(sessionID: "s2", window: window, parameters: nil)) {
            $0.sessions.pendingHit = nil
            $0.conversation.activeSessionID = "s2"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = window.messages
            $0.conversation.cursor = "m7"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "m7"))
            $0.conversation.search = self.hitWordsSearched("sleep", ["m6", "m7"], current: 1)
            $0.status.notice = "Match 2 of 2 for “sleep”."
        }
        store.send(key(.character("/"))) {
            $0.conversation.search = ConversationSearch()
            $0.status.notice = nil
        }
        store.send(key(.character("t"))) {
            $0.conversation.search?.query = TextInput(text: "t")
            $0.conversation.search?.matchIDs = ["m7", "m8"]
            $0.conversation.search?.current = 0
            $0.status.notice = "Match 1 of 2 for “t”."
        }
    }

    /// Words in any order find the hit; the conversation then highlights them as a run only
    /// where the hit says them so, else the first word, never a "no match" on the hit itself.
    func testTheConversationSearchOfAHitIsTextTheHitHolds() {
        XCTAssertEqual(conversationNeedle(query: "walk step", snippet: "Let me \u{1}walk\u{2} through it \u{1}step\u{2} by step"), "walk")
        XCTAssertEqual(conversationNeedle(query: "\"step by\"", snippet: "it \u{1}step by\u{2} step"), "step by")
        XCTAssertEqual(conversationNeedle(query: "Step  BY", snippet: "it \u{1}step\u{2} \u{1}by\u{2} step"), "Step BY")
        XCTAssertEqual(conversationNeedle(query: "sleep*", snippet: "They \u{1}sleep\u{2} standing."), "sleep")
    }

    func testEnterBeforeTheResultsLeavesNoSearchingNoticeOnceTheHitOpens() {
        let store = opened()
        typeQuery("sleep", store)
        store.send(key(.enter)) {
            $0.sessions.search?.opensFirstHitWhenFound = true
            $0.status.notice = "Searching… the first hit opens when it is found."
        }
        store.send(.sessionsFound(query: "sleep", [hit]), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.openedTheHit(&$0, words: "sleep")
            $0.status.notice = nil
        }
    }
}
