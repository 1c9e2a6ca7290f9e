import XCTest
@testable import ChatCore
import StreamProtocol

/// `e` edits a user message into a new version, `r` regenerates a reply with the parameters as
/// they are now, `[`/`]` walk versions; what is shown is what the next request carries.
final class BranchTests: XCTestCase {
    /// The pieces of a send: the saved messages, and the request that went out.
    func sent(_ effects: [Effect]) -> (saved: [Message], request: ChatRequest?) {
        var saved: [Message] = []
        var request: ChatRequest?
        for effect in effects {
            switch effect {
            case let .saveMessage(message, "S1"): saved.append(message)
            case let .startStream(_, r): request = r
            default: XCTFail("unexpected effect \(effect)")
            }
        }
        return (saved, request)
    }

    func texts(_ request: ChatRequest?) -> [String] { request?.messages.map(\.content) ?? [] }

    /// Finishes the reply in flight with `text`.
    func finish(_ state: inout AppState, _ text: String, at now: Int64) {
        guard let active = state.streaming.active else { return XCTFail("nothing streams") }
        XCTAssertEqual(reduce(&state, .streamReceived(active.requestID, [.content(text), .done(StreamCompletion())], nowMillis: now)),
                       [.saveMessage(savedReply(state, active.reply.request), sessionID: active.sessionID)])
    }

    func testRegenerateAsksAgainWithTodaysParametersBesideTheOldReply() {
        var (state, _) = twoFinishedTurns()
        state.parameters.temperature = 1.2
        let (saved, request) = sent(apply(&state, [.keyPressed(.character("r"), stamp(4000, "R1"))]))
        XCTAssertEqual(saved.count, 1)
        let reply = saved[0]
        XCTAssertEqual(reply.id, "R1-a")
        XCTAssertEqual(reply.placement, .besideMessage("S2-a"))
        XCTAssertEqual(reply.branch, BranchPosition(index: 2, count: 2, firstParameters: SessionParameters()))
        XCTAssertEqual(reply.parameters?.temperature, 1.2)
        XCTAssertEqual(reply.status, .streaming)
        // The history above the old reply, and nothing of it.
        XCTAssertEqual(texts(request), ["one", "first", "two"])
        XCTAssertEqual(request?.temperature, 1.2)
        XCTAssertEqual(state.conversation.messages.map(\.id), ["S1-u", "S1-a", "S2-u"])
        XCTAssertEqual(state.visibleMessages.last?.id, "R1-a")
        finish(&state, "second, hotter", at: 4100)
        XCTAssertEqual(state.conversation.messages.last?.branch, BranchPosition(index: 2, count: 2, firstParameters: SessionParameters()))
    }

    func testSwitchingBackShowsTheFirstReplyAndTheNextRequestCarriesIt() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(sent(apply(&state, [.keyPressed(.character("r"), stamp(4000, "R1"))])).saved.map(\.id), ["R1-a"])
        finish(&state, "second, again", at: 4100)
        XCTAssertEqual(press(&state, .character("]")), [])
        XCTAssertEqual(state.status.notice, "This is the last of 2 versions.")
        XCTAssertEqual(press(&state, .character("[")), [.switchBranch(sessionID: "S1", fromMessageID: "R1-a", step: -1)])

        var first = state.conversation.messages
        first[3] = Message(id: "S2-a", role: .assistant, content: "second", createdAtMillis: 2000)
        first[3].branch = BranchPosition(index: 1, count: 2, firstParameters: SessionParameters())
        // An answer to another switch is stale.
        XCTAssertEqual(reduce(&state, .branchSwitched(sessionID: "S1", fromMessageID: "other", BranchSwitch(messageID: "x", window: .whole([])))), [])
        XCTAssertEqual(state.conversation.messages.last?.id, "R1-a")
        XCTAssertEqual(reduce(&state, .branchSwitched(
            sessionID: "S1", fromMessageID: "R1-a", BranchSwitch(messageID: "S2-a", window: MessageWindow(messages: first)))), [])
        XCTAssertEqual(state.conversation.messages, first)
        XCTAssertEqual(state.conversation.cursor, "S2-a")
        XCTAssertEqual(state.status.notice, "Version 1 of 2.")
        XCTAssertEqual(press(&state, .character("[")), [])
        XCTAssertEqual(state.status.notice, "This is the first of 2 versions.")

        XCTAssertEqual(apply(&state, [.keyPressed(.alt("4"), stamp(5000))] + typing("three")), [])
        let (saved, request) = sent(apply(&state, [.keyPressed(.enter, stamp(5001, "S3"))]))
        XCTAssertEqual(saved.map(\.placement), [.atPathEnd, .atPathEnd])
        XCTAssertEqual(texts(request), ["one", "first", "two", "second", "three"])
    }

    func testAnEditSendsTheNewTextWithoutTheOldReply() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .up), [])
        XCTAssertEqual(state.conversation.cursor, "S2-u")
        state.composer.input.replaceAll(with: "my draft")
        XCTAssertEqual(press(&state, .character("e")), [])
        XCTAssertEqual(state.composer.input.text, "two")
        XCTAssertEqual(state.screen.focus, .composer)
        XCTAssertEqual(state.composer.messageEdit, MessageEdit(messageID: "S2-u", branch: nil, draft: "my draft"))

        // Esc leaves the edit and puts the draft back; nothing is sent or saved.
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertNil(state.composer.messageEdit)
        XCTAssertEqual(state.composer.input.text, "my draft")
        XCTAssertEqual(state.conversation.messages.count, 4)

        XCTAssertEqual(reduce(&state, .keyPressed(.alt("2"), stamp(3000))), [])
        XCTAssertEqual(press(&state, .character("e")), [])
        XCTAssertEqual(apply(&state, [.keyPressed(.control("u"), stamp(3001))] + typing("deux")), [])
        let (saved, request) = sent(apply(&state, [.keyPressed(.enter, stamp(4000, "E1"))]))
        XCTAssertEqual(saved.map(\.id), ["E1-u", "E1-a"])
        XCTAssertEqual(saved[0].placement, .besideMessage("S2-u"))
        XCTAssertEqual(saved[0].branch, BranchPosition(index: 2, count: 2))
        XCTAssertEqual(saved[1].placement, .atPathEnd)
        XCTAssertEqual(texts(request), ["one", "first", "deux"])
        XCTAssertEqual(state.conversation.messages.map(\.id), ["S1-u", "S1-a", "E1-u"])
        XCTAssertNil(state.composer.messageEdit)
        XCTAssertEqual(state.composer.input.text, "my draft", "the edit only borrowed the box: the draft is back")
    }

    /// Ctrl+C in an edit leaves it (the edited text to the kill buffer), and the draft the box
    /// held before `e` is back; a send of the edit brings it back too (above).
    func testCtrlCInAnEditLeavesItAndTheDraftIsBack() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .up), [])
        state.composer.input.replaceAll(with: "my draft")
        XCTAssertEqual(press(&state, .character("e")), [])
        XCTAssertEqual(state.composer.input.text, "two")
        XCTAssertEqual(press(&state, .control("c")), [])
        XCTAssertNil(state.composer.messageEdit)
        XCTAssertEqual(state.composer.input.text, "my draft")
        XCTAssertEqual(state.composer.killBuffer, "two")
        XCTAssertFalse(state.status.quitRequested)
    }

    func testEditAndRegenerateSayWhatTheyWorkOn() {
        var (state, _) = twoFinishedTurns()
        XCTAssertEqual(press(&state, .character("e")), [])  // the cursor is on a reply
        XCTAssertEqual(state.status.notice, "Only your own messages can be edited: r asks again for a reply.")
        XCTAssertEqual(press(&state, .up), [])
        XCTAssertEqual(press(&state, .character("r")), [])
        XCTAssertEqual(state.status.notice, "Put the cursor on a reply to regenerate it (e edits your own message).")
        XCTAssertEqual(press(&state, .character("[")), [])
        XCTAssertEqual(state.status.notice, "No other versions here: e on your message or r on a reply makes one.")
    }

    func testAVersionSwitchLooksUpFromTheCursor() {
        var (state, _) = twoFinishedTurns()
        state.conversation.messages[2].branch = BranchPosition(index: 2, count: 3)  // "two" has versions
        XCTAssertEqual(press(&state, .character("]")), [.switchBranch(sessionID: "S1", fromMessageID: "S2-u", step: 1)])
        XCTAssertEqual(press(&state, .up, .up), [])  // above the versioned message: none there
        XCTAssertEqual(press(&state, .character("[")), [])
    }

    func testRegenerateInALongSessionWaitsForThePathAboveTheReply() {
        var (state, _) = twoFinishedTurns()
        state.conversation.window = ConversationWindow(earlierCount: 500)
        state.parameters.temperature = 0.9
        let effects = apply(&state, [.keyPressed(.character("r"), stamp(4000, "R1"))])
        XCTAssertEqual(effects, [.loadRequestHistory(sessionID: "S1", before: "S2-a")])
        let placed = ReplyPlacement(
            placement: .besideMessage("S2-a"), branch: BranchPosition(index: 2, count: 2, firstParameters: SessionParameters()))
        XCTAssertEqual(state.streaming.pendingSend, PendingSend(sessionID: "S1", stamp: stamp(4000, "R1"), reply: placed))
        let history = [
            Message(id: "old", role: .user, content: "long ago", createdAtMillis: 0),
            Message(id: "S2-u", role: .user, content: "two", createdAtMillis: 0),
        ]
        let (saved, request) = sent(apply(&state, [.requestHistoryLoaded(sessionID: "S1", messages: history)]))
        XCTAssertEqual(saved.map(\.placement), [.besideMessage("S2-a")])
        XCTAssertEqual(saved.map(\.branch), [placed.branch])
        XCTAssertEqual(texts(request), ["long ago", "two"])
    }

    func testDeletingAVersionReadsThePathAgainAndSoDoesItsUndo() {
        var (state, _) = twoFinishedTurns()
        state.conversation.messages[3].branch = BranchPosition(index: 2, count: 2)
        XCTAssertEqual(press(&state, .character("d")), [])
        let effects = apply(&state, [.keyPressed(.character("y"), stamp(5000, "D1"))])
        XCTAssertEqual(effects, [
            .deleteMessages(sessionID: "S1", fromMessageID: "S2-a", deletionID: "D1"),
            .loadMessages(sessionID: "S1", .newest),
        ])
        XCTAssertEqual(state.conversation.window.pendingLoad, .newest)
        XCTAssertEqual(reduce(&state, .messagesLoaded(sessionID: "S1", position: .newest, window: .whole(Array(state.conversation.messages)))), [])
        XCTAssertEqual(press(&state, .character("u")), [
            .restoreDeletion(sessionID: "S1", deletionID: "D1"),
            .loadMessages(sessionID: "S1", .around(messageID: "S2-a")),
        ])
        XCTAssertEqual(state.status.notice, "Restored 1 message.")
    }

    func testNoBranchingWhileAReplyStreams() {
        var (state, _) = sentState()
        state.screen.focus = .conversation
        XCTAssertEqual(press(&state, .character("r")), [])
        XCTAssertEqual(state.status.notice, "A reply is still streaming: wait for it or press Esc to stop it.")
        XCTAssertEqual(press(&state, .character("[")), [])
        XCTAssertEqual(state.status.notice, "A reply is still streaming: switch versions once it ends.")
        XCTAssertEqual(press(&state, .character("e")), [])
        XCTAssertEqual(state.status.notice, "A reply is still streaming: edit once it ends.")
    }

    func testParameterChangesNameEachDifferingField() {
        let old = SessionParameters(systemPrompt: "Be terse.\nAlways.", temperature: 0.2, maxTokens: 64)
        let new = SessionParameters(systemPrompt: "Be kind.", temperature: 1.2, topP: 0.5, maxTokens: 64)
        XCTAssertEqual(ParameterChanges.describe(from: old, to: new), [
            "system_prompt Be terse.… → Be kind.", "temperature 0.2 → 1.2", "top_p unset → 0.5",
        ])
        XCTAssertEqual(ParameterChanges.describe(from: new, to: new), [])
    }
}
