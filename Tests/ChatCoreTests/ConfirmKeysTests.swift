import XCTest
@testable import ChatCore
import StreamProtocol

/// A delete's question and the code block's number after `c` are `Destination`s whose keys are
/// keymap rows (`confirm`, `code-block`): listed in help, rebindable in `[keys]`, and Ctrl+C /
/// Ctrl+Q still work under them. Every step asserts the whole state change and every effect.
final class ConfirmKeysTests: XCTestCase {
    private func key(_ key: Key, at now: Int64 = 0, _ id: String = "id") -> Action {
        .keyPressed(key, stamp(now, id))
    }

    func testYConfirmsTheDeleteOfTheSelectedMessage() {
        let (state, _) = twoFinishedTurns()
        let store = TestStore(state)
        let last = state.conversation.messages[state.conversation.messages.count - 1]
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteMessage(id: "S2-a"))
            $0.status.notice = "Delete this message? y deletes, any other key keeps it."
        }
        store.send(key(.character("y"), at: 5000, "D1"),
                   effects: [.deleteMessages(sessionID: "S1", fromMessageID: "S2-a", deletionID: "D1")]) {
            $0.status.nowMillis = 5000
            $0.destination = nil
            $0.conversation.messages.removeLast()
            $0.conversation.lastDeletion = Deletion(id: "D1", sessionID: "S1", messages: [last], laterCount: 0)
            $0.conversation.cursor = nil
            $0.conversation.scroll.position = .end
            $0.status.notice = "Deleted 1 message. u puts it back."
        }
    }

    func testNDeclinesThroughItsKeymapRow() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteMessage(id: "S2-a"))
            $0.status.notice = "Delete this message? y deletes, any other key keeps it."
        }
        store.send(key(.character("n"))) {
            $0.destination = nil
            $0.status.notice = "Nothing deleted."
        }
    }

    /// Before the question was a keymap context, every key answered it: Ctrl+C was used up as
    /// "no" and chatterm did not quit.
    func testCtrlCUnderTheQuestionAnswersNoAndQuits() {
        let store = TestStore(twoFinishedTurns().0)
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteMessage(id: "S2-a"))
            $0.status.notice = "Delete this message? y deletes, any other key keeps it."
        }
        store.send(key(.control("c")), effects: [.quit]) {
            $0.destination = nil
            $0.status.notice = "Nothing deleted."
            $0.status.quitRequested = true
        }
    }

    func testCtrlQUnderTheSessionDeleteQuestionQuits() {
        let store = TestStore(stateWithZebraSessions())
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteSession(id: "s2"))
            $0.status.notice = "Delete “Zebras” and all its messages? y deletes, any other key keeps it."
        }
        store.send(key(.control("q")), effects: [.quit]) {
            $0.destination = nil
            $0.status.notice = "Nothing deleted."
            $0.status.quitRequested = true
        }
    }

    func testTheConfirmKeyCanBeRebound() {
        var state = stateWithZebraSessions()
        let (keymap, problems) = Keymap.defaults.applying([KeyOverride(command: "confirm", context: "confirm", keys: ["j"])])
        XCTAssertEqual(problems, [])
        state.keymap = keymap
        let store = TestStore(state)
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteSession(id: "s2"))
            $0.status.notice = "Delete “Zebras” and all its messages? j deletes, any other key keeps it."
        }
        // `y` is no longer the answer: it keeps the session.
        store.send(key(.character("y"))) {
            $0.destination = nil
            $0.status.notice = "Nothing deleted."
        }
        store.send(key(.character("d"))) {
            $0.destination = .confirm(.deleteSession(id: "s2"))
            $0.status.notice = "Delete “Zebras” and all its messages? j deletes, any other key keeps it."
        }
        let zebras = state.sessions.list[1]
        store.send(key(.character("j"), at: 7000, "D2"), effects: [.deleteSession(sessionID: "s2", deletionID: "D2")]) {
            $0.status.nowMillis = 7000
            $0.destination = nil
            $0.sessions.list.removeLast()
            $0.sessions.selectedIndex = 0
            $0.sessions.lastDeletion = SessionDeletion(deletionID: "D2", summary: zebras, index: 1)
            $0.status.notice = "Deleted “Zebras”. u puts it back."
        }
    }

    func testTheCodeBlockNumbersCanBeRebound() {
        var (state, _) = twoFinishedTurns()
        state.conversation.messages[state.conversation.messages.count - 1].content = "```\nfirst block\n```\n\n```sh\nls\n```\n"
        state.keymap = Keymap.defaults.applying([KeyOverride(command: "copy-block-2", context: "code-block", keys: ["b"])]).0
        let store = TestStore(state)
        store.send(key(.character("c"))) {
            $0.destination = .codeBlockNumber
            $0.status.notice = "Copy code block: press its number (1–2)."
        }
        store.send(key(.character("b")), effects: [.copyToClipboard("ls")]) {
            $0.destination = nil
            $0.status.notice = "Copied code block 2 (sh), 2 characters."
        }
        // `2` is no longer a block number: it cancels, and does what it does in the
        // conversation (nothing).
        store.send(key(.character("c"))) {
            $0.destination = .codeBlockNumber
            $0.status.notice = "Copy code block: press its number (1–2)."
        }
        store.send(key(.character("2"))) {
            $0.destination = nil
            $0.status.notice = nil
        }
    }

    func testCtrlCAfterCQuitsAsItDoesInTheConversation() {
        var (state, _) = twoFinishedTurns()
        state.conversation.messages[state.conversation.messages.count - 1].content = "```\nx\n```\n"
        let store = TestStore(state)
        store.send(key(.character("c"))) {
            $0.destination = .codeBlockNumber
            $0.status.notice = "Copy code block: press 1."
        }
        store.send(key(.control("c")), effects: [.quit]) {
            $0.destination = nil
            $0.status.notice = nil
            $0.status.quitRequested = true
        }
    }

    func testHelpListsTheQuestionsKeys() {
        let rows = KeymapDocument.helpRows(.defaults)
        let confirm = rows.firstIndex { $0.isHeading && $0.text == KeyContext.confirm.title }
        XCTAssertNotNil(confirm)
        XCTAssertTrue(rows.contains(KeymapDocument.Row(keys: "y", text: Command.confirm.summary, isHeading: false)))
        XCTAssertTrue(rows.contains(KeymapDocument.Row(keys: "n", text: Command.decline.summary, isHeading: false)))
        XCTAssertTrue(rows.contains { $0.isHeading && $0.text == KeyContext.codeBlock.title })
        XCTAssertTrue(rows.contains(KeymapDocument.Row(keys: "9", text: Command.copyBlock9.summary, isHeading: false)))
        XCTAssertTrue(Command.copyBlock9.summary.contains("code block 9"), Command.copyBlock9.summary)
    }
}
