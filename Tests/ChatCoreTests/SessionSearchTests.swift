import XCTest
@testable import ChatCore
import StreamProtocol

/// `/` in the sessions pane: each change of the query asks the store, stale answers are
/// dropped, Enter opens the hit's session on its message with the words marked.
final class SessionSearchTests: XCTestCase {
    private let hit = zebraSearchHit

    private func searching() -> AppState { stateWithZebraSessions() }

    func testEachChangeAsksAndOnlyTheCurrentQuerysAnswerIsKept() {
        var state = searching()
        XCTAssertEqual(press(&state, .character("/")), [])
        XCTAssertEqual(KeyContext.stack(for: state), [.sessionSearch, .text, .app])
        XCTAssertEqual(apply(&state, typing("sl")), [.searchSessions(query: "s"), .searchSessions(query: "sl")])
        _ = reduce(&state, .sessionsFound(query: "s", [hit]))
        XCTAssertEqual(state.sessions.search?.hits, [], "an answer for an older query is dropped")
        _ = reduce(&state, .sessionsFound(query: "sl", [hit]))
        XCTAssertEqual(state.sessions.search?.hits, [hit])
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.sessions.search)
        XCTAssertEqual(state.sessions.selectedIndex, 1, "back where the list was")
    }

    func testATitleHitOpensTheSessionAtItsEnd() {
        var state = searching()
        _ = press(&state, .character("/"))
        apply(&state, typing("zeb"))
        let titled = SessionSearchHit(summary: hit.summary, messageID: "", snippet: "\u{1}Zebras\u{2}")
        _ = reduce(&state, .sessionsFound(query: "zeb", [titled]))
        XCTAssertEqual(press(&state, .enter), [.loadConversation(sessionID: "s2")])
        XCTAssertNil(state.sessions.pendingHit)
        XCTAssertNil(state.conversation.search)
        XCTAssertEqual(state.screen.focus, .conversation)
    }

    func testEnterOpensTheHitOnItsMessageWithTheWordsMarked() {
        var state = searching()
        _ = press(&state, .character("/"))
        apply(&state, typing("sleep*"))
        _ = reduce(&state, .sessionsFound(query: "sleep*", [hit]))
        XCTAssertEqual(press(&state, .enter), [.loadConversationAround(sessionID: "s2", messageID: "m7")])
        XCTAssertEqual(state.screen.focus, .conversation)
        let window = MessageWindow(messages: [
            Message(id: "m6", role: .user, content: "Do zebras sleep?", createdAtMillis: 0),
            Message(id: "m7", role: .assistant, content: "They sleep standing.", createdAtMillis: 1),
            Message(id: "m8", role: .user, content: "Thanks", createdAtMillis: 2),
        ], earlierCount: 40, laterCount: 3)
        _ = reduce(&state, .conversationLoaded(sessionID: "s2", window: window, parameters: nil))
        XCTAssertEqual(state.conversation.cursor, "m7")
        XCTAssertEqual(state.conversation.scroll, .revealing(messageID: "m7"))
        XCTAssertEqual(state.conversation.search?.query.text, "sleep")
        XCTAssertEqual(state.conversation.search?.matchIDs, ["m6", "m7"])
        XCTAssertEqual(state.conversation.search?.editing, false)
        XCTAssertNil(state.sessions.pendingHit)
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
        var state = searching()
        _ = press(&state, .character("/"))
        apply(&state, typing("sleep"))
        _ = press(&state, .enter)
        XCTAssertEqual(state.status.notice, "Searching… the first hit opens when it is found.")
        _ = reduce(&state, .sessionsFound(query: "sleep", [hit]))
        XCTAssertNil(state.status.notice)
        XCTAssertNil(state.sessions.search)
    }
}
