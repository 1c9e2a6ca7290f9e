import XCTest
@testable import ChatCore
import StreamProtocol

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
        var state = sessionsState()
        XCTAssertEqual(press(&state, .character("R")), [])
        XCTAssertEqual(KeyContext.stack(for: state), [.sessionRename, .text, .app])
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text, "Older")
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("  Trip plans "))
        XCTAssertEqual(press(&state, .enter), [.renameSession(sessionID: "s2", title: "Trip plans")])
        XCTAssertEqual(state.sessions.list[1].title, "Trip plans")
        XCTAssertNil(state.destination?.sessionPrompt)
        _ = press(&state, .character("R"))
        apply(&state, typing(" x"))
        XCTAssertEqual(press(&state, .escape), [])
        XCTAssertEqual(state.sessions.list[1].title, "Trip plans", "Esc keeps the old title")
    }

    func testExportProposesAFileNamedAfterTheTitleAndEnterWritesIt() {
        var state = sessionsState()
        state.sessions.list[1].title = "Older: notes / plans!"
        XCTAssertEqual(press(&state, .character("x")), [])
        XCTAssertEqual(state.destination?.sessionPrompt, SessionRename(
            sessionID: "s2", title: TextInput(text: "older-notes-plans-s2.md"), purpose: .export(.markdown),
            sessionTitle: "Older: notes / plans!"))
        XCTAssertEqual(state.destination?.sessionPrompt?.exportFormat, .markdown)
        XCTAssertEqual(state.status.notice, "A relative name is written in the working directory.")
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("~/out.json"))
        XCTAssertEqual(state.destination?.sessionPrompt?.exportFormat, .json, "a .json name chooses the archive")
        XCTAssertEqual(press(&state, .enter), [.exportSession(sessionID: "s2", path: "~/out.json")])
        XCTAssertNil(state.destination?.sessionPrompt)
        XCTAssertEqual(state.sessions.list[1].title, "Older: notes / plans!", "an export renames nothing")
        apply(&state, [.sessionExported(path: "~/out.json", bytes: 2048)])
        XCTAssertEqual(state.status.notice, "Exported to ~/out.json (2048 bytes).")
        _ = press(&state, .character("x"))
        apply(&state, [.keyPressed(.control("u"), stamp(0))])
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.status.notice, "Type a file name to export to (Esc cancels).")
        XCTAssertNotNil(state.destination?.sessionPrompt, "an empty name is a slip: the prompt stays")
        XCTAssertEqual(SessionFileName.suggested(title: "", sessionID: "0123456789"), "session-01234567.md")
    }

    /// An invalid title says why and the prompt stays with what was typed: empty, or longer than
    /// a list line can use (a pasted megabyte made every frame that drew it take seconds).
    func testAnInvalidTitleKeepsThePromptOpen() {
        var state = sessionsState()
        _ = press(&state, .character("R"))
        apply(&state, [.keyPressed(.control("u"), stamp(0))])
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.status.notice, "A session needs a title: type one (Esc cancels).")
        XCTAssertNotNil(state.destination?.sessionPrompt)
        _ = reduce(&state, .textPasted(String(repeating: "long ", count: 100)))
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.status.notice, "A title has at most 200 characters; this one has 499 (Esc cancels).")
        XCTAssertNotNil(state.destination?.sessionPrompt)
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text.count, 500, "what was typed is still there")
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("Short"))
        XCTAssertEqual(press(&state, .enter), [.renameSession(sessionID: state.sessions.list[state.sessions.selectedIndex].id, title: "Short")])
        XCTAssertNil(state.destination?.sessionPrompt)
    }

    /// An export lost its `.json` unnoticed: the name now always carries the format's extension.
    func testTheExportKeepsTheExtensionOfTheChosenFormat() {
        var state = sessionsState()
        _ = press(&state, .character("x"))
        XCTAssertEqual(KeyContext.stack(for: state), [.sessionRename, .text, .app])
        // Tab switches the format, and the proposed name's extension with it (caret kept).
        _ = press(&state, .tab)
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text, "older-s2.json")
        XCTAssertEqual(state.destination?.sessionPrompt?.title.caret, "older-s2.json".count, "a caret at the end stays there")
        XCTAssertEqual(state.destination?.sessionPrompt?.exportFormat, .json)
        XCTAssertEqual(state.screen.focus, .sessions, "Tab in the prompt does not move to the next pane")
        // A name typed without the extension gets it.
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("backup"))
        XCTAssertEqual(press(&state, .enter), [.exportSession(sessionID: "s2", path: "backup.json")])
        XCTAssertEqual(state.status.notice, "Exporting to backup.json as JSON (every field and version)…")
        // Markdown: an unknown extension is kept and the format's added; Tab back and forth.
        _ = press(&state, .character("x"))
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("notes.txt"))
        _ = press(&state, .tab, .tab)
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text, "notes.txt", "a name without a format's extension is left as typed")
        XCTAssertEqual(press(&state, .enter), [.exportSession(sessionID: "s2", path: "notes.txt.md")])
        _ = press(&state, .character("x"))
        apply(&state, [.keyPressed(.control("u"), stamp(0))] + typing("a.MD"))
        _ = press(&state, .tab)
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text, "a.json")
        _ = press(&state, .tab)
        XCTAssertEqual(state.destination?.sessionPrompt?.title.text, "a.md")
    }

    func testTheFormatsExtensionRules() {
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x"), "x.md")
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x.markdown"), "x.markdown")
        XCTAssertEqual(ExportFormat.markdown.applied(to: "x.json"), "x.md")
        XCTAssertEqual(ExportFormat.json.applied(to: "dir.v2/x"), "dir.v2/x.json")
        XCTAssertEqual(ExportFormat.json.applied(to: "x.JSON"), "x.JSON")
    }

    func testDeleteAsksAndUndoPutsTheSessionBackInItsPlace() {
        var state = sessionsState()
        _ = press(&state, .character("d"))
        XCTAssertEqual(state.status.notice, "Delete “Older” and all its messages? y deletes, any other key keeps it.")
        let effects = apply(&state, [.keyPressed(.character("y"), stamp(100, "D9"))])
        XCTAssertEqual(effects, [.deleteSession(sessionID: "s2", deletionID: "D9")])
        XCTAssertEqual(state.sessions.list.map(\.id), ["s1"])
        XCTAssertNil(state.conversation.activeSessionID, "the open session was the one deleted")
        XCTAssertEqual(state.conversation.messages, [])
        XCTAssertEqual(state.screen.focus, .sessions)
        // The session was open: it opens again (its messages come from the store after the restore).
        XCTAssertEqual(press(&state, .character("u")), [.restoreDeletion(sessionID: "s2", deletionID: "D9"),
                                                        .loadConversation(sessionID: "s2")])
        XCTAssertEqual(state.sessions.list.map(\.id), ["s1", "s2"])
        XCTAssertEqual(state.sessions.selectedIndex, 1)
        _ = press(&state, .character("d"), .character("n"))
        XCTAssertEqual(state.sessions.list.count, 2)
        XCTAssertEqual(state.status.notice, "Nothing deleted.")
    }

    func testUndoingTheDeleteOfAnotherSessionLeavesTheOpenOneAlone() {
        var state = sessionsState()
        state.sessions.selectedIndex = 0
        apply(&state, [.keyPressed(.character("d"), stamp(0)), .keyPressed(.character("y"), stamp(100, "D1"))])
        XCTAssertEqual(state.conversation.activeSessionID, "s2")
        XCTAssertEqual(press(&state, .character("u")), [.restoreDeletion(sessionID: "s1", deletionID: "D1")])
    }

    func testUndoingTheDeleteOfTheOpenSessionAfterStartingAnotherDoesNotReplaceIt() {
        var state = sessionsState()
        apply(&state, [.keyPressed(.character("d"), stamp(0)), .keyPressed(.character("y"), stamp(100, "D9"))])
        state.conversation.messages = [Message(id: "n", role: .user, content: "new words", createdAtMillis: 2)]
        state.screen.focus = .sessions
        XCTAssertEqual(press(&state, .character("u")), [.restoreDeletion(sessionID: "s2", deletionID: "D9")])
    }
}
