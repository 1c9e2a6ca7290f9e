import XCTest
@testable import ChatCore
import StreamProtocol

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
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .up, .up, .up)
        XCTAssertEqual(state.conversation.cursor, "S1-u")
        _ = press(&state, .end)
        XCTAssertNil(state.conversation.cursor, "the last message, following")
        XCTAssertEqual(state.conversation.scroll, .followingTail)
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("second")])
    }

    func testHomeSelectsTheFirstMessageAndDownMovesFromThere() {
        var (state, _) = twoFinishedTurns()
        _ = reduce(&state, .frameReported(.measuring(state, conversation: ScrollMetrics(totalRows: 40, viewportRows: 10, firstVisibleRow: 30))))
        _ = press(&state, .home)
        XCTAssertEqual(state.conversation.cursor, "S1-u")
        XCTAssertEqual(state.conversation.scroll, .fixed(topRow: 0))
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("one")])
        _ = press(&state, .down)
        XCTAssertEqual(state.conversation.cursor, "S1-a", "↓ after Home moves from the first message")
        XCTAssertEqual(state.conversation.scroll, .revealing(messageID: "S1-a"))
    }

    func testHomeAndEndInALongSessionSelectTheEndsOfThePagesTheyRead() {
        var state = AppState(profile: premProfile)
        let page = { (range: Range<Int>) in
            range.map { Message(id: "m\($0)", role: $0 % 2 == 0 ? .user : .assistant, content: "text \($0)", createdAtMillis: Int64($0)) }
        }
        apply(&state, [.conversationLoaded(
            sessionID: "s", window: MessageWindow(messages: page(800..<1000), earlierCount: 800), parameters: nil)])
        state.screen.focus = .conversation
        _ = press(&state, .up, .up)
        XCTAssertEqual(press(&state, .home), [.loadMessages(sessionID: "s", .oldest)])
        apply(&state, [.messagesLoaded(
            sessionID: "s", position: .oldest, window: MessageWindow(messages: page(0..<200), laterCount: 800))])
        XCTAssertEqual(state.conversation.cursor, "m0", "the session's first message")
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("text 0")])
        XCTAssertEqual(press(&state, .end), [.loadMessages(sessionID: "s", .newest)])
        apply(&state, [.messagesLoaded(
            sessionID: "s", position: .newest, window: MessageWindow(messages: page(800..<1000), earlierCount: 800))])
        XCTAssertEqual(press(&state, .character("y")), [.copyToClipboard("text 999")])
    }

    func testASendPutsTheCursorBackOnTheNewestReply() {
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .up)
        XCTAssertEqual(state.conversation.cursor, "S2-u")
        _ = press(&state, .alt("4"))
        XCTAssertEqual(state.screen.focus, .composer)
        apply(&state, typing("three"))
        _ = reduce(&state, .keyPressed(.enter, stamp(3000, "S3")))
        XCTAssertNil(state.conversation.cursor)
        XCTAssertEqual(state.conversation.scroll, .followingTail)
        XCTAssertEqual(cursorIndex(state).map { state.visibleMessages[$0].id }, "S3-a")
    }

    // MARK: - The inspector on the selection

    func testIInspectsTheSelectedReply() {
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .up, .up)
        XCTAssertEqual(state.conversation.cursor, "S1-a")
        XCTAssertEqual(press(&state, .character("i")), [.loadSentRequest(messageID: "S1-a")])
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
    }

    func testOnYourMessageTheInspectorShowsTheReplyToIt() {
        var (state, _) = twoFinishedTurns()
        _ = press(&state, .up, .up, .up)
        XCTAssertEqual(state.conversation.cursor, "S1-u")
        XCTAssertEqual(press(&state, .enter), [.loadSentRequest(messageID: "S1-a")])
        XCTAssertEqual(inspector(state)?.messageID, "S1-a")
    }

    func testAMessageWithoutAReplyHasNothingToInspect() {
        var (state, _) = twoFinishedTurns()
        // A user message the reply of which was deleted: the next one below is another turn's.
        state.conversation.messages.remove(at: 1)
        _ = press(&state, .up, .up)
        XCTAssertEqual(state.conversation.cursor, "S1-u")
        XCTAssertEqual(press(&state, .character("i")), [])
        XCTAssertNil(state.destination)
        XCTAssertEqual(state.status.notice, "The selected message has no reply yet: select a reply to inspect it.")
    }

    // MARK: - Enter before the sessions search's results

    private let hit = zebraSearchHit

    /// The sessions search open over the two sessions.
    private func searching() -> AppState {
        var state = stateWithZebraSessions()
        _ = press(&state, .character("/"))
        return state
    }

    func testEnterBeforeTheResultsOpensTheFirstHitWhenTheyArrive() {
        var state = searching()
        XCTAssertEqual(reduce(&state, .textPasted("sleep")), [.searchSessions(query: "sleep")])
        XCTAssertEqual(press(&state, .enter), [], "nothing to open yet")
        XCTAssertNotNil(state.sessions.search)
        XCTAssertEqual(state.status.notice, "Searching… the first hit opens when it is found.")
        let other = SessionSearchHit(summary: state.sessions.list[0], messageID: "m1", snippet: "\u{1}sleep\u{2}")
        XCTAssertEqual(
            reduce(&state, .sessionsFound(query: "sleep", [hit, other])),
            [.loadConversationAround(sessionID: "s2", messageID: "m7")])
        XCTAssertNil(state.sessions.search)
        XCTAssertEqual(state.screen.focus, .conversation)
    }

    func testEnterBeforeStaleResultsAreReplacedWaitsForTheQueryInTheBox() {
        var state = searching()
        apply(&state, typing("sl"))
        _ = reduce(&state, .sessionsFound(query: "sl", [hit]))
        apply(&state, typing("x"))
        XCTAssertEqual(press(&state, .enter), [], "the hit shown is for “sl”, not “slx”")
        XCTAssertEqual(reduce(&state, .sessionsFound(query: "sl", [hit])), [], "an older answer opens nothing")
        XCTAssertEqual(reduce(&state, .sessionsFound(query: "slx", [])), [])
        XCTAssertEqual(state.status.notice, "No session matches “slx”.")
        XCTAssertNotNil(state.sessions.search, "the search stays open to be changed")
        XCTAssertEqual(state.sessions.search?.opensFirstHitWhenFound, false)
    }

    func testEditingTheQueryAfterEnterTakesTheEnterBack() {
        var state = searching()
        apply(&state, typing("sleep"))
        _ = press(&state, .enter)
        apply(&state, typing("s"))
        XCTAssertEqual(reduce(&state, .sessionsFound(query: "sleeps", [hit])), [])
        XCTAssertEqual(state.sessions.search?.hits, [hit])
        XCTAssertEqual(press(&state, .enter), [.loadConversationAround(sessionID: "s2", messageID: "m7")])
    }

    func testEnterOnCurrentEmptyResultsSaysSo() {
        var state = searching()
        apply(&state, typing("gnu"))
        _ = reduce(&state, .sessionsFound(query: "gnu", []))
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.status.notice, "No session matches “gnu”.")
    }
}
