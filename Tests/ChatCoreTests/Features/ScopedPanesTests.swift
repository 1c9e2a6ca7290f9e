@testable import ChatCore
import StreamProtocol
import XCTest

/// The sessions, message box and stream functions that take their own feature's state (plain
/// values in, `Reduced` out): what they change there, and what they ask of the root.
final class ScopedPanesTests: XCTestCase {
    private let context = AppState(profile: premProfile).context

    private func sessions(_ ids: String...) -> SessionsState {
        var state = SessionsState()
        state.list = ids.map { SessionSummary(id: $0, title: "t-\($0)", createdAtMillis: 0, updatedAtMillis: 0) }
        return state
    }

    func testTheSessionsKeysAskTheRootToOpenForkAndHelp() {
        var state = sessions("a", "b")
        state.selectedIndex = 1
        XCTAssertEqual(sessionsCommand(.choose, &state, openSessionID: nil, context, stamp(0)), Reduced(delegates: [.open("b")]))
        XCTAssertEqual(sessionsCommand(.forkSession, &state, openSessionID: nil, context, stamp(3, "f")),
                       Reduced(delegates: [.forkSelected(stamp(3, "f"))]))
        XCTAssertEqual(sessionsCommand(.help, &state, openSessionID: nil, context, stamp(0)), Reduced(delegates: [.openHelp]))
        XCTAssertNil(sessionsCommand(.send, &state, openSessionID: nil, context, stamp(0)), "not a sessions key: it falls through")
    }

    func testDeletingTheSessionAReplyStreamsIntoIsRefusedWithTheOpenSessionPassedDown() {
        var streaming = AppState(profile: premProfile)
        streaming.streaming.pendingSend = PendingSend(sessionID: "a", stamp: stamp(0), reply: ReplyPlacement())
        var state = sessions("a")
        XCTAssertEqual(
            sessionsCommand(.deleteSession, &state, openSessionID: "a", streaming.context, stamp(0)),
            .notice("A reply is still streaming into this session: stop it before deleting the session."))
        // Another session open: the question is asked.
        let asked = sessionsCommand(.deleteSession, &state, openSessionID: "other", streaming.context, stamp(0))
        XCTAssertEqual(asked?.shared.first, .present(.confirm(.deleteSession(id: "a"))))
    }

    func testUndoPutsTheSessionBackAndAsksTheRootToReopenItWhenItWasOpen() {
        var state = sessions("a", "b")
        let removed = state.remove("a", deletionID: "d1", wasOpen: true)
        XCTAssertEqual(removed?.id, "a")
        XCTAssertEqual(state.list.map(\.id), ["b"])
        XCTAssertEqual(state.undoDelete(), Reduced(
            effects: [.restoreDeletion(sessionID: "a", deletionID: "d1")], shared: [.notice("Restored “t-a”.")],
            delegates: [.restoredOpenSession("a")]))
        XCTAssertEqual(state.list.map(\.id), ["a", "b"])
        XCTAssertEqual(state.undoDelete(), .notice("No deleted session to put back."))
    }

    func testTheRenamePromptRenamesInTheListAndClosesThroughTheRoot() {
        var state = sessions("a")
        let rename = SessionRename(sessionID: "a", title: TextInput(text: "  new name "))
        XCTAssertEqual(state.sessionPromptCommand(.accept, rename), Reduced(
            effects: [.renameSession(sessionID: "a", title: "new name")], shared: [.present(nil), .notice("Renamed to “new name”.")]))
        XCTAssertEqual(state.list[0].title, "new name")
    }

    func testTheMessageBoxAsksTheRootToSendAndRecallsPromptsFromTheMessagesGiven() {
        var composer = ComposerState()
        XCTAssertEqual(messageCommand(.send, &composer, messages: [], context, stamp(5)), Reduced(delegates: [.send(stamp(5))]))
        let messages = [Message(id: "u1", role: .user, content: "earlier", createdAtMillis: 0)]
        XCTAssertEqual(messageCommand(.previousPrompt, &composer, messages: messages, context, stamp(0)), Reduced())
        XCTAssertEqual(composer.input.text, "earlier")
    }

    func testAToolAnswerNeedsTheOpenaiDialect() {
        var composer = ComposerState()
        XCTAssertEqual(
            answerToolCall(&composer, messages: [], context),
            .notice("prem's chat API has no tool results: answering a tool call needs an openai-dialect profile."))
        XCTAssertNil(composer.toolAnswer)
    }

    func testTheStreamTakesOnlyItsOwnRequestsEventsAndSavesWhenDue() {
        var (state, id) = sentState()
        var streaming = state.streaming
        XCTAssertEqual(streaming.receive(RequestID(99), [.content("x")], now: 1100), .notInFlight)
        XCTAssertEqual(streaming, state.streaming, "another request's events change nothing")
        XCTAssertEqual(streaming.receive(id, [.content("he")], now: 1100), .streaming)
        XCTAssertEqual(streaming.active?.reply.content, "he")
        XCTAssertEqual(streaming.dueSave(now: 1500, force: false), [], "under a second since the last save")
        guard case let .saveMessage(saved, sessionID)? = streaming.dueSave(now: 2000, force: false).first else {
            return XCTFail("no save")
        }
        XCTAssertEqual(sessionID, "S1")
        XCTAssertEqual(saved.content, "he")
        XCTAssertEqual(streaming.receive(id, [.done(StreamCompletion())], now: 2100), .ended(.completed(deltas: 1, millis: 1100)))
        state.streaming = streaming
    }

    func testTheStreamClosesInterruptsAndEndsOnlyTheReplyInFlight() throws {
        let (state, id) = sentState()
        var streaming = state.streaming
        XCTAssertNil(streaming.close(RequestID(99), failure: nil), "not the reply in flight")
        XCTAssertEqual(streaming, state.streaming)
        XCTAssertEqual(streaming.interruptReply(), id)
        XCTAssertEqual(streaming.active?.reply.status, .interrupted)
        let ended = try XCTUnwrap(streaming.end(.interrupted, now: 1500))
        XCTAssertEqual(ended.reply.stats?.totalMillis, 500)
        XCTAssertNil(streaming.active)
        XCTAssertEqual(streaming.lastOutcome, .interrupted)
        XCTAssertNil(streaming.end(.interrupted, now: 1600), "nothing in flight any more")
        XCTAssertNil(streaming.interruptReply())
    }
}
