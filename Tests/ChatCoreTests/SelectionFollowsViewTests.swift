import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

/// ↑ or ↓ in the conversation: the cursor moves to `id` and the view reveals it.
private func moveCursor(_ store: AppStore, _ pressed: Key, to id: String, file: StaticString = #filePath, line: UInt = #line) {
    store.send(key(pressed), effects: [], {
        $0.conversation.cursor = id
        $0.conversation.scroll.position = .anchor(.revealing(messageID: id))
    }, file: file, line: line)
}

/// The inspector just opened on `id`'s parameters, its request loading.
private func inspecting(_ id: String) -> Destination {
    var inspector = MessageInspector(messageID: id)
    inspector.view = .parameters
    inspector.scroll = ScrollState()
    inspector.request = .loading
    return .inspector(inspector)
}

/// What the user sees is what the keys act on: Home and End select the first and last
/// message, a send follows the newest reply again, `i` inspects the selected message's reply,
/// and Enter in the sessions search before its results opens the first hit when they come.
final class SelectionFollowsViewTests: XCTestCase {
    private func inspector(_ state: AppState) -> MessageInspector? {
        if case let .inspector(inspector)? = state.destination { return inspector }
        return nil
    }

    // MARK: - Home and End

    func testEndSelectsTheLastMessageSoYCopiesIt() {
        let store = TestStore(twoFinishedTurns().0)
        moveCursor(store, .up, to: "S2-u")
        moveCursor(store, .up, to: "S1-a")
        moveCursor(store, .up, to: "S1-u")
        store.send(key(.end)) {  // the last message, following
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
        }
        store.send(key(.character("y")), effects: [.copyToClipboard("second")]) {
            $0.status.notice = "Copied the reply (6 characters)."
        }
    }

    func testHomeSelectsTheFirstMessageAndDownMovesFromThere() {
        let store = TestStore(twoFinishedTurns().0)
        let metrics = ScrollMetrics(totalRows: 40, viewportRows: 10, firstVisibleRow: 30)
        store.send(.frameReported(.measuring(store.state, conversation: metrics))) { $0.conversation.scroll.metrics = metrics }
        store.send(key(.home)) {
            $0.conversation.cursor = "S1-u"
            $0.conversation.scroll.position = .row(0)
        }
        store.send(key(.character("y")), effects: [.copyToClipboard("one")]) {
            $0.status.notice = "Copied your message (3 characters)."
        }
        // ↓ after Home moves from the first message.
        store.send(key(.down)) {
            $0.status.notice = nil
            $0.conversation.cursor = "S1-a"
            $0.conversation.scroll.position = .anchor(.revealing(messageID: "S1-a"))
        }
    }

    func testHomeAndEndInALongSessionSelectTheEndsOfThePagesTheyRead() {
        let page = { (range: Range<Int>) in
            range.map { Message(id: "m\($0)", role: $0 % 2 == 0 ? .user : .assistant, content: "text \($0)", createdAtMillis: Int64($0)) }
        }
        let store = TestStore(AppState(profile: premProfile))
        store.send(.conversationLoaded(
            sessionID: "s", window: MessageWindow(messages: page(800..<1000), earlierCount: 800), parameters: nil)) {
            $0.conversation.activeSessionID = "s"
            $0.conversation.activeSessionSaved = true
            $0.conversation.messages = page(800..<1000)
            $0.conversation.window.earlierCount = 800
        }
        store.send(key(.alt("2"))) { $0.screen.focus = .conversation }
        moveCursor(store, .up, to: "m998")
        moveCursor(store, .up, to: "m997")
        store.send(key(.home), effects: [.loadMessages(sessionID: "s", .oldest)]) {
            $0.conversation.window.pendingLoad = .oldest
            $0.conversation.cursor = "m800"
        }
        store.send(.messagesLoaded(
            sessionID: "s", position: .oldest, window: MessageWindow(messages: page(0..<200), laterCount: 800))) {
            $0.conversation.messages = page(0..<200)
            $0.conversation.window.earlierCount = 0
            $0.conversation.window.laterCount = 800
            $0.conversation.window.pendingLoad = nil
            $0.conversation.cursor = "m0"  // the session's first message
            $0.conversation.scroll.position = .row(0)
        }
        store.send(key(.character("y")), effects: [.copyToClipboard("text 0")]) {
            $0.status.notice = "Copied your message (6 characters)."
        }
        store.send(key(.end), effects: [.loadMessages(sessionID: "s", .newest)]) {
            $0.status.notice = nil
            $0.conversation.window.pendingLoad = .newest
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
        }
        store.send(.messagesLoaded(
            sessionID: "s", position: .newest, window: MessageWindow(messages: page(800..<1000), earlierCount: 800))) {
            $0.conversation.messages = page(800..<1000)
            $0.conversation.window.earlierCount = 800
            $0.conversation.window.laterCount = 0
            $0.conversation.window.pendingLoad = nil
        }
        store.send(key(.character("y")), effects: [.copyToClipboard("text 999")]) {
            $0.status.notice = "Copied the reply (8 characters)."
        }
    }

    func testASendPutsTheCursorBackOnTheNewestReply() {
        let store = TestStore(twoFinishedTurns().0)
        moveCursor(store, .up, to: "S2-u")
        store.send(key(.alt("4"))) { $0.screen.focus = .composer }
        for character in "three" {
            store.send(key(.character(character))) { $0.composer.input.insert(String(character)) }
        }
        let before = store.state
        let user = Message(id: "S3-u", role: .user, content: "three", createdAtMillis: 3000)
        let history = ["one", "first", "two", "second", "three"].enumerated().map { index, text in
            ChatMessage(role: index.isMultiple(of: 2) ? .user : .assistant, content: text)
        }
        let reply = Message(
            id: "S3-a", role: .assistant, content: "", createdAtMillis: 3000, status: .streaming,
            model: "local-echo", parameters: before.parameters,
            request: SentRequest(
                url: "http://127.0.0.1:9/v1/chat/completions", dialect: .prem,
                body: #"{"project_id":7,"model":"local-echo","messages":[{"role":"user","content":"one"},{"role":"assistant","content":"first"},{"role":"user","content":"two"},{"role":"assistant","content":"second"},{"role":"user","content":"three"}],"session_id":"S1","stream":true}"#,
                hadAPIKey: false, historyMessageIDs: ["S1-u", "S1-a", "S2-u", "S2-a", "S3-u"]))
        let request = ChatRequest(projectID: 7, model: "local-echo", messages: history, sessionID: "S1")
        store.send(key(.enter, stamp(3000, "S3")), effects: [
            .saveMessage(user, sessionID: "S1"),
            .saveMessage(reply, sessionID: "S1"),
            .startStream(RequestID(3), request),
        ]) {
            // The session moves to the top, updated now (its list written once: revision + 1).
            $0.sessions.list[0].updatedAtMillis = 3000
            $0.conversation.messages.append(user)
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
            $0.composer.input = TextInput()
            $0.streaming.active = ActiveStream(RequestID(3), sessionID: "S1", reply: reply, now: 3000)
            $0.streaming.lastOutcome = nil
            $0.streaming.nextRequestNumber = 4
        }
        XCTAssertEqual(cursorIndex(store.state).map { store.state.visibleMessages[$0].id }, "S3-a")
    }

    // MARK: - The inspector on the selection

    func testIInspectsTheSelectedReply() {
        let store = TestStore(twoFinishedTurns().0)
        moveCursor(store, .up, to: "S2-u")
        moveCursor(store, .up, to: "S1-a")
        store.send(key(.character("i")), effects: [.loadSentRequest(messageID: "S1-a")]) { $0.destination = inspecting("S1-a") }
        XCTAssertEqual(inspector(store.state)?.messageID, "S1-a")
    }

    func testOnYourMessageTheInspectorShowsTheReplyToIt() {
        let store = TestStore(twoFinishedTurns().0)
        moveCursor(store, .up, to: "S2-u")
        moveCursor(store, .up, to: "S1-a")
        moveCursor(store, .up, to: "S1-u")
        store.send(key(.enter), effects: [.loadSentRequest(messageID: "S1-a")]) { $0.destination = inspecting("S1-a") }
    }

    func testAMessageWithoutAReplyHasNothingToInspect() {
        var (state, _) = twoFinishedTurns()
        // A user message the reply of which was deleted: the next one below is another turn's.
        state.conversation.messages.remove(at: 1)
        let store = TestStore(state)
        moveCursor(store, .up, to: "S2-u")
        moveCursor(store, .up, to: "S1-u")
        store.send(key(.character("i"))) {
            $0.status.notice = "The selected message has no reply yet: select a reply to inspect it."
        }
    }

    // MARK: - Enter before the sessions search's results

    private let hit = zebraSearchHit

    /// The sessions search open over the two sessions (`/` asserted here), as a store.
    private func searching(file: StaticString = #filePath, line: UInt = #line) -> AppStore {
        let store = TestStore(stateWithZebraSessions())
        store.send(key(.character("/")), effects: [], {
            $0.sessions.search = SessionSearch(listSelection: $0.sessions.selectedIndex)
        }, file: file, line: line)
        return store
    }

    /// Types into the search box, one key each: each change asks for the query's hits.
    private func typeQuery(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
        for character in text {
            let query = (store.state.sessions.search?.query.text ?? "") + String(character)
            store.send(key(.character(character)), effects: [.searchSessions(query: query)], {
                $0.sessions.search?.query.insert(String(character))
                $0.sessions.search?.opensFirstHitWhenFound = false
                $0.status.notice = nil
            }, file: file, line: line)
        }
    }

    /// A found hit opens: its session loads around the message, whose search is shown there
    /// once it is open.
    private func opensTheHit(_ state: inout AppState, query: String) {
        state.screen.focus = .conversation
        state.status.notice = nil
        state.sessions.search = nil
        state.sessions.pendingHit = PendingHit(sessionID: "s2", messageID: "m7", words: query)
    }

    func testEnterBeforeTheResultsOpensTheFirstHitWhenTheyArrive() {
        let store = searching()
        store.send(.textPasted("sleep"), effects: [.searchSessions(query: "sleep")]) { $0.sessions.search?.query = TextInput(text: "sleep") }
        // Nothing to open yet: the search stays, waiting.
        store.send(key(.enter)) {
            $0.sessions.search?.opensFirstHitWhenFound = true
            $0.status.notice = "Searching… the first hit opens when it is found."
        }
        let other = SessionSearchHit(summary: store.state.sessions.list[0], messageID: "m1", snippet: "\u{1}sleep\u{2}")
        store.send(.sessionsFound(query: "sleep", [hit, other]), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.opensTheHit(&$0, query: "sleep")
        }
    }

    func testEnterBeforeStaleResultsAreReplacedWaitsForTheQueryInTheBox() {
        let store = searching()
        typeQuery("sl", store)
        store.send(.sessionsFound(query: "sl", [hit])) {
            $0.sessions.search?.resultsQuery = "sl"
            $0.sessions.search?.hits = [hit]
        }
        typeQuery("x", store)
        // The hit shown is for “sl”, not “slx”: Enter waits.
        store.send(key(.enter)) {
            $0.sessions.search?.opensFirstHitWhenFound = true
            $0.status.notice = "Searching… the first hit opens when it is found."
        }
        store.send(.sessionsFound(query: "sl", [hit]))  // an older answer opens nothing
        // The search stays open to be changed.
        store.send(.sessionsFound(query: "slx", [])) {
            $0.sessions.search?.resultsQuery = "slx"
            $0.sessions.search?.hits = []
            $0.sessions.search?.opensFirstHitWhenFound = false
            $0.status.notice = "No session matches “slx”."
        }
    }

    func testEditingTheQueryAfterEnterTakesTheEnterBack() {
        let store = searching()
        typeQuery("sleep", store)
        store.send(key(.enter)) {
            $0.sessions.search?.opensFirstHitWhenFound = true
            $0.status.notice = "Searching… the first hit opens when it is found."
        }
        typeQuery("s", store)  // takes the Enter back
        store.send(.sessionsFound(query: "sleeps", [hit])) {
            $0.sessions.search?.resultsQuery = "sleeps"
            $0.sessions.search?.hits = [hit]
        }
        store.send(key(.enter), effects: [.loadConversationAround(sessionID: "s2", messageID: "m7")]) {
            self.opensTheHit(&$0, query: "sleeps")
        }
    }

    func testEnterOnCurrentEmptyResultsSaysSo() {
        let store = searching()
        typeQuery("gnu", store)
        store.send(.sessionsFound(query: "gnu", [])) { $0.sessions.search?.resultsQuery = "gnu" }
        store.send(key(.enter)) { $0.status.notice = "No session matches “gnu”." }
    }
}
