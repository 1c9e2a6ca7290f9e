import XCTest
@testable import ChatCore
import StreamProtocol

/// The message box's draft is kept per session: written after a pause or about once a second
/// of typing (never once per key), at once when emptied, on a session change and on quit;
/// asked for when a session opens. Effects are compared exactly.
final class DraftKeepingTests: XCTestCase {
    private func keepingState(sessionID: String? = nil) -> AppState {
        var state = AppState(profile: premProfile)
        state.conversation.activeSessionID = sessionID
        state.conversation.activeSessionSaved = sessionID != nil
        state.composer.drafts = DraftKeeping(sessionID: sessionID)
        return state
    }

    private func type(_ state: inout AppState, _ text: String, at now: Int64) -> [Effect] {
        return apply(&state, typing(text, at: now))
    }

    func testTypingIsWrittenOnceTheChangeIsOldEnoughNotPerKey() {
        var state = keepingState()
        XCTAssertEqual(type(&state, "hel", at: 100), [])
        XCTAssertEqual(type(&state, "lo", at: 600), [], "under 700 ms since the first unsaved key")
        XCTAssertTrue(state.draftWriteOwed, "the run loop ticks while a write is owed")
        XCTAssertEqual(type(&state, "!", at: 800), [.saveDraft(sessionID: nil, text: "hello!")])
        XCTAssertFalse(state.draftWriteOwed)
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 2000)]), [], "nothing changed: nothing written")
    }

    func testAPauseIsWrittenOnTheNextTick() {
        var state = keepingState(sessionID: "A")
        XCTAssertEqual(type(&state, "draft", at: 1000), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1250)]), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1750)]), [.saveDraft(sessionID: "A", text: "draft")])
    }

    func testAPasteIsKeptToo() {
        var state = keepingState(sessionID: "A")
        state.status.nowMillis = 5000
        XCTAssertEqual(apply(&state, [.textPasted("pasted\ntext")]), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 5800)]), [.saveDraft(sessionID: "A", text: "pasted\ntext")])
    }

    func testSendingRemovesTheDraftAtOnce() {
        var state = keepingState(sessionID: "A")
        XCTAssertEqual(type(&state, "question", at: 0), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1000)]), [.saveDraft(sessionID: "A", text: "question")])
        var without = state
        without.composer.drafts = nil
        let plain = reduce(&without, .keyPressed(.enter, stamp(1100, "r1")))
        let effects = reduce(&state, .keyPressed(.enter, stamp(1100, "r1")))
        XCTAssertEqual(effects, plain + [.saveDraft(sessionID: "A", text: "")])
    }

    func testTheFirstSendOfANewSessionRemovesTheNewSessionsDraft() {
        var state = keepingState()
        XCTAssertEqual(type(&state, "first", at: 0), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1000)]), [.saveDraft(sessionID: nil, text: "first")])
        var without = state
        without.composer.drafts = nil
        let plain = reduce(&without, .keyPressed(.enter, stamp(1100, "S1")))
        let effects = reduce(&state, .keyPressed(.enter, stamp(1100, "S1")))
        XCTAssertEqual(effects, plain + [.saveDraft(sessionID: nil, text: "")], "the new session has no draft to ask for")
        XCTAssertEqual(state.composer.drafts, DraftKeeping(sessionID: "S1"))
    }

    func testOpeningAnotherSessionWritesThisDraftAndAsksForThatOne() {
        var state = keepingState(sessionID: "A")
        _ = type(&state, "half typed", at: 0)
        let effects = apply(&state, [.conversationLoaded(sessionID: "B", window: .whole([]), parameters: nil)])
        XCTAssertEqual(effects, [.saveDraft(sessionID: "A", text: "half typed"), .loadDraft(sessionID: "B")])
        XCTAssertEqual(state.composer.input.text, "", "A's draft does not follow into B")
        XCTAssertEqual(apply(&state, [.draftLoaded(sessionID: "A", text: "stale")]), [])
        XCTAssertEqual(state.composer.input.text, "", "an answer for a session left behind is dropped")
        XCTAssertEqual(apply(&state, [.draftLoaded(sessionID: "B", text: "B's draft")]), [])
        XCTAssertEqual(state.composer.input.text, "B's draft")
        XCTAssertEqual(state.composer.input.caret, "B's draft".count)
        XCTAssertFalse(state.draftWriteOwed, "a restored draft is what the store has")
    }

    func testTypingBeforeTheDraftArrivesWins() {
        var state = keepingState(sessionID: "B")
        _ = type(&state, "new", at: 0)
        XCTAssertEqual(apply(&state, [.draftLoaded(sessionID: "B", text: "old")]), [])
        XCTAssertEqual(state.composer.input.text, "new")
    }

    func testCtrlNKeepsTheDraftWithTheSessionItWasTypedIn() {
        var state = keepingState(sessionID: "A")
        _ = type(&state, "for A", at: 0)
        XCTAssertEqual(press(&state, .control("n")), [.saveDraft(sessionID: "A", text: "for A"), .loadDraft(sessionID: nil)])
        XCTAssertEqual(state.composer.input.text, "")
    }

    func testQuittingWritesTheDraftFirst() {
        var state = keepingState(sessionID: "A")
        _ = type(&state, "unsent", at: 0)
        XCTAssertEqual(press(&state, .control("q")), [.saveDraft(sessionID: "A", text: "unsent"), .quit])
    }

    func testCtrlCClearingRemovesTheDraftAtOnce() {
        var state = keepingState(sessionID: "A")
        XCTAssertEqual(type(&state, "oops", at: 0), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1000)]), [.saveDraft(sessionID: "A", text: "oops")])
        XCTAssertEqual(press(&state, .control("c"), at: 1100), [.saveDraft(sessionID: "A", text: "")])
    }

    /// `e` puts the edited message's text in the box, but the draft is what the box held
    /// before: a tick, a quit or a crash mid-edit keeps that, never the message's old text.
    func testAnEditDoesNotReplaceTheKeptDraft() {
        var state = keepingState(sessionID: "A")
        state.conversation.messages = [
            Message(id: "u1", role: .user, content: "original question", createdAtMillis: 1),
            Message(id: "r1", role: .assistant, content: "answer", createdAtMillis: 2),
        ]
        XCTAssertEqual(type(&state, "precious", at: 1000), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 1800)]), [.saveDraft(sessionID: "A", text: "precious")])
        state.screen.focus = .conversation
        state.conversation.cursor = "u1"
        XCTAssertEqual(press(&state, .character("e"), at: 2000), [])
        XCTAssertEqual(state.composer.input.text, "original question")
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 3000)]), [], "the draft is still 'precious'")
        XCTAssertEqual(apply(&state, [.commandInvoked(.quit, stamp(3100))]), [.quit], "nothing owed: the store holds the draft")
    }

    func testWithoutDraftKeepingNothingIsWritten() {
        var state = AppState(profile: premProfile)
        XCTAssertEqual(type(&state, "ask mode", at: 0), [])
        XCTAssertEqual(apply(&state, [.clockTicked(nowMillis: 5000)]), [])
        XCTAssertEqual(press(&state, .control("q")), [.quit])
    }
}
