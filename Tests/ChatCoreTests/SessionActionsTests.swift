import XCTest
@testable import ChatCore
import StreamProtocol

private typealias AppStore = TestStore<AppState, Action, [Effect]>

private func key(_ key: Key, _ at: Stamp = stamp(0)) -> Action { .keyPressed(key, at) }

private let relativeNameNotice = "A relative name is written in the working directory."

/// The prompt `R` (rename) or `x` (export) opens on "s2", its text `text` with the caret at the end.
private func prompt(_ text: String, _ purpose: SessionRename.Purpose = .rename, title: String = "Older", caret: Int? = nil) -> Destination {
    .sessionPrompt(SessionRename(sessionID: "s2", title: TextInput(text: text, caret: caret), purpose: purpose, sessionTitle: title))
}

/// Types into the open prompt, one key each.
private func typePrompt(_ text: String, _ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
    for character in text {
        store.send(key(.character(character)), effects: [], {
            $0.destination?.sessionPrompt?.title.insert(String(character))
        }, file: file, line: line)
    }
}

/// Ctrl+U in the open prompt: its text goes to the kill buffer (and a notice is cleared).
private func clearPrompt(_ store: AppStore, file: StaticString = #filePath, line: UInt = #line) {
    store.send(key(.control("u")), effects: [], {
        $0.composer.killBuffer = $0.destination?.sessionPrompt?.title.text ?? ""
        $0.destination?.sessionPrompt?.title = TextInput()
        $0.status.notice = nil
    }, file: file, line: line)
}

/// `R` renames the selected session, `d` then `y` deletes it, `u` puts it back.
final class SessionActionsTests: XCTestCase {
    private func sessionsState() -> AppState {
        var state = AppState(profile: premProfile)
        state.sessions.list = [
            SessionSummary(id: "s1", title: "Newest", createdAtMillis: 1, updatedAtMillis: 9),
            SessionSummary(id: "s2", title: "Older", createdAtMillis: 1, updatedAtMillis: 5),
        ]
        state.conversation.activeSessionID = "s2"
        state.conversation.activeSessionSaved = true
        state.conversation.messages = [Message(id: "m", role: .user, content: "hi", createdAtMillis: 1)]
        state.screen.focus = .sessions
        state.sessions.selectedIndex = 1
        return state
    }

    func testRenameTypesANewTitleAndEnterSavesIt() {
        let store = TestStore(sessionsState())
        store.send(key(.character("R"))) { $0.destination = prompt("Older") }
        XCTAssertEqual(KeyContext.stack(for: store.state), [.sessionRename, .text, .app])
        clearPrompt(store)
        typePrompt("  Trip plans ", store)
        store.send(key(.enter), effects: [.renameSession(sessionID: "s2", title: "Trip plans")]) {
            $0.sessions.list[1].title = "Trip plans"
            $0.destination = nil
            $0.status.notice = "Renamed to “Trip plans”."
        }
        store.send(key(.character("R"))) {
            $0.destination = prompt("Trip plans", title: "Trip plans")
            $0.status.notice = nil
        }
        typePrompt(" x", store)
        store.send(key(.escape)) { $0.destination = nil }  // Esc keeps the old title
    }

    func testExportProposesAFileNamedAfterTheTitleAndEnterWritesIt() {
        var state = sessionsState()
        state.sessions.list[1].title = "Older: notes / plans!"
        let store = TestStore(state)
        let exporting = prompt("older-notes-plans-s2.md", .export(.markdown), title: "Older: notes / plans!")
        store.send(key(.character("x"))) {
            $0.destination = exporting
            $0.status.notice = relativeNameNotice
        }
        XCTAssertEqual(store.state.destination?.sessionPrompt?.exportFormat, .markdown)
        clearPrompt(store)
        typePrompt("~/out.json", store)
        XCTAssertEqual(store.state.destination?.sessionPrompt?.exportFormat, .json, "a .json name chooses the archive")
        // An export renames nothing.
        store.send(key(.enter), effects: [.exportSession(sessionID: "s2", path: "~/out.json")]) {
            $0.destination = nil
            $0.status.notice = "Exporting to ~/out.json as JSON (every field and version)…"
        }
        store.send(.sessionExported(path: "~/out.json", bytes: 2048)) { $0.status.notice = "Exported to ~/out.json (2048 bytes)." }
        store.send(key(.character("x"))) {
            $0.destination = exporting
            $0.status.notice = relativeNameNotice
        }
        clearPrompt(store)
        // An empty name is a slip: the prompt stays.
        store.send(key(.enter)) { $0.status.notice = "Type a file name to export to (Esc cancels)." }
        XCTAssertEqual(SessionFileName.suggested(title: "", sessionID: "0123456789"), "session-01234567.md")
    }

    /// An invalid title says why and the prompt stays with what was typed: empty, or longer than
    /// a list line can use (a pasted megabyte made every frame that drew it take seconds).
    func testAnInvalidTitleKeepsThePromptOpen() {
        let store = TestStore(sessionsState())
        store.send(key(.character("R"))) { $0.destination = prompt("Older") }
        clearPrompt(store)
        store.send(key(.enter)) { $0.status.notice = "A session needs a title: type one (Esc cancels)." }
        let long = String(repeating: "long ", count: 100)
        store.send(.textPasted(long)) { $0.destination = prompt(long) }
        // What was typed is still there.
        store.send(key(.enter)) { $0.status.notice = "A title has at most 200 characters; this one has 499 (Esc cancels)." }
        clearPrompt(store)
        typePrompt("Short", store)
        store.send(key(.enter), effects: [.renameSession(sessionID: "s2", title: "Short")]) {
            $0.sessions.list[1].title = "Short"
            $0.destination = nil
            $0.status.notice = "Renamed to “Short”."
        }
    }

    /// An export lost its `.json` unnoticed: the name now always carries the format's extension.
    func testTheExportKeepsTheExtensionOfTheChosenFormat() {
        let store = TestStore(sessionsState())
        let opened = { (store: AppStore) in
            store.send(key(.character("x"))) {
                $0.destination = prompt("older-s2.md", .export(.markdown))
                $0.status.notice = relativeNameNotice
            }
        }
        opened(store)
        XCTAssertEqual(KeyContext.stack(for: store.state), [.sessionRename, .text, .app])
        // Tab switches the format, and the proposed name's extension with it (a caret at the end
        // stays there); Tab in the prompt does not move to the next pane.
        store.send(key(.tab)) {
            $0.destination = prompt("older-s2.json", .export(.json))
            $0.status.notice = nil
        }
        XCTAssertEqual(store.state.destination?.sessionPrompt?.exportFormat, .json)
        // A name typed without the extension gets it.
        clearPrompt(store)
        typePrompt("backup", store)
        store.send(key(.enter), effects: [.exportSession(sessionID: "s2", path: "backup.json")]) {
            $0.destination = nil
            $0.status.notice = "Exporting to backup.json as JSON (every field and version)…"
        }
        // Markdown: an unknown extension is kept and the format's added; Tab back and forth.
        opened(store)
        clearPrompt(store)
        typePrompt("notes.txt", store)
        // A name without a format's extension is left as typed.
        store.send(key(.tab)) { $0.destination = prompt("notes.txt", .export(.json)) }
        store.send(key(.tab)) { $0.destination = prompt("notes.txt", .export(.markdown)) }
        store.send(key(.enter), effects: [.exportSession(sessionID: "s2", path: "notes.txt.md")]) {
            $0.destination = nil
            $0.status.notice = "Exporting to notes.txt.md as Markdown…"
        }
        opened(store)
        clearPrompt(store)
        typePrompt("a.MD", store)
        store.send(key(.tab)) { $0.destination = prompt("a.json", .export(.json)) }
        store.send(key(.tab)) { $0.destination = prompt("a.md", .export(.markdown)) }
    }

    func testTheFormatsExtensionRules() {
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x"), "x.md")
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x.markdown"), "x.markdown")
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x.json"), "x.md")
        XCTAssertEqual(ExportFormat.json.applied(to: "dir.v2/x"), "dir.v2/x.json")
        XCTAssertEqual(ExportFormat.json.applied(to: "x.JSON"), "x.JSON")
    }

    func testDeleteAsksAndUndoPutsTheSessionBackInItsPlace() {
        let state = sessionsState()
        let store = TestStore(state)
        let asking = "Delete “Older” and all its messages? y deletes, any other key keeps it."
        store.send(key(.character("d"))) {
            $0.status.notice = asking
            $0.destination = .confirm(.deleteSession(id: "s2"))
        }
        // The open session was the one deleted; the focus stays on the list.
        store.send(key(.character("y"), stamp(100, "D9")), effects: [.deleteSession(sessionID: "s2", deletionID: "D9")]) {
            $0.status.notice = "Deleted “Older”. u puts it back."
            $0.status.nowMillis = 100
            $0.sessions.list = [state.sessions.list[0]]
            $0.sessions.selection = ListSelection(index: 0)
            $0.sessions.lastDeletion = SessionDeletion(deletionID: "D9", summary: state.sessions.list[1], index: 1, wasOpen: true)
            $0.conversation.activeSessionID = nil
            $0.conversation.activeSessionSaved = false
            $0.conversation.messages = []
            $0.destination = nil
        }
        // The session was open: it opens again (its messages come from the store after the restore).
        store.send(key(.character("u")), effects: [.restoreDeletion(sessionID: "s2", deletionID: "D9"), .loadConversation(sessionID: "s2")]) {
            $0.status.notice = "Restored “Older”."
            $0.sessions.list = state.sessions.list
            $0.sessions.selection = ListSelection(index: 1)
            $0.sessions.lastDeletion = nil
        }
        store.send(key(.character("d"))) {
            $0.status.notice = asking
            $0.destination = .confirm(.deleteSession(id: "s2"))
        }
        store.send(key(.character("n"))) {
            $0.status.notice = "Nothing deleted."
            $0.destination = nil
        }
    }

    func testUndoingTheDeleteOfAnotherSessionLeavesTheOpenOneAlone() {
        var state = sessionsState()
        state.sessions.selectedIndex = 0
        let list = state.sessions.list
        let store = TestStore(state)
        store.send(key(.character("d"))) {
            $0.status.notice = "Delete “Newest” and all its messages? y deletes, any other key keeps it."
            $0.destination = .confirm(.deleteSession(id: "s1"))
        }
        // Another session than the open one: "s2" stays open.
        store.send(key(.character("y"), stamp(100, "D1")), effects: [.deleteSession(sessionID: "s1", deletionID: "D1")]) {
            $0.status.notice = "Deleted “Newest”. u puts it back."
            $0.status.nowMillis = 100
            $0.sessions.list = [list[1]]
            $0.sessions.lastDeletion = SessionDeletion(deletionID: "D1", summary: list[0], index: 0, wasOpen: false)
            $0.destination = nil
        }
        store.send(key(.character("u")), effects: [.restoreDeletion(sessionID: "s1", deletionID: "D1")]) {
            $0.status.notice = "Restored “Newest”."
            $0.sessions.list = list
            $0.sessions.lastDeletion = nil
        }
    }

    func testUndoingTheDeleteOfTheOpenSessionAfterStartingAnotherDoesNotReplaceIt() {
        let start = sessionsState()
        let deleting = TestStore(start)
        deleting.send(key(.character("d"))) {
            $0.status.notice = "Delete “Older” and all its messages? y deletes, any other key keeps it."
            $0.destination = .confirm(.deleteSession(id: "s2"))
        }
        deleting.send(key(.character("y"), stamp(100, "D9")), effects: [.deleteSession(sessionID: "s2", deletionID: "D9")]) {
            $0.status.notice = "Deleted “Older”. u puts it back."
            $0.status.nowMillis = 100
            $0.sessions.list = [start.sessions.list[0]]
            $0.sessions.selection = ListSelection(index: 0)
            $0.sessions.lastDeletion = SessionDeletion(deletionID: "D9", summary: start.sessions.list[1], index: 1, wasOpen: true)
            $0.conversation.activeSessionID = nil
            $0.conversation.activeSessionSaved = false
            $0.conversation.messages = []
            $0.destination = nil
        }
        // Another session started meanwhile (its first words typed and sent elsewhere).
        var state = deleting.state
        state.conversation.messages = [Message(id: "n", role: .user, content: "new words", createdAtMillis: 2)]
        state.screen.focus = .sessions
        let list = sessionsState().sessions.list
        TestStore(state).send(key(.character("u")), effects: [.restoreDeletion(sessionID: "s2", deletionID: "D9")]) {
            $0.status.notice = "Restored “Older”."
            $0.sessions.list = list
            $0.sessions.selection = ListSelection(index: 1)
            $0.sessions.lastDeletion = nil
        }
    }
}
