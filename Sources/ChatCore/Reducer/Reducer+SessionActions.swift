import Foundation

/// Acting on the selected session in the sessions pane: `R` renames it (a line at the foot of
/// the pane), `d` deletes it once `y` confirms, `u` puts the last deleted session back while
/// chatterm runs.

/// A line typed at the foot of the sessions pane about the selected session: its new title
/// (`R`), or the file to export it to (`x`).
public struct SessionRename: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case rename
        case export
    }

    public var sessionID: String
    public var title: TextInput
    public var purpose: Purpose

    public init(sessionID: String, title: TextInput, purpose: Purpose = .rename) {
        self.sessionID = sessionID
        self.title = title
        self.purpose = purpose
    }
}

/// What `u` in the sessions pane puts back.
public struct SessionDeletion: Sendable, Equatable {
    public var deletionID: String
    public var summary: SessionSummary
    public var index: Int
}

private func selectedSession(_ state: AppState) -> SessionSummary? {
    guard !state.sessions.isEmpty else { return nil }
    return state.sessions[min(max(0, state.selectedSessionIndex), state.sessions.count - 1)]
}

func startRename(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    state.sessionRename = SessionRename(sessionID: session.id, title: TextInput(text: session.title))
    return []
}

/// `x`: the file name proposed is made from the title; `.json` exports every field and version,
/// any other name the conversation shown as Markdown.
func startExport(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    let name = SessionFileName.suggested(title: session.title, sessionID: session.id)
    state.sessionRename = SessionRename(sessionID: session.id, title: TextInput(text: name), purpose: .export)
    // The pane is narrow: the status line says the whole proposal and what the name decides.
    state.notice = "Export to \(name) in the working directory: Enter writes it, a .json name exports every field "
        + "and version; Esc cancels."
    return []
}

func sessionRenameCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard let rename = state.sessionRename else { return nil }
    switch command {
    case .close:
        state.sessionRename = nil
        return []
    case .accept where rename.purpose == .export:
        state.sessionRename = nil
        let path = rename.title.text.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            state.notice = "No file name: nothing exported."
            return []
        }
        state.notice = "Exporting to \(path)…"
        return [.exportSession(sessionID: rename.sessionID, path: path)]
    case .accept:
        let title = rename.title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        state.sessionRename = nil
        guard !title.isEmpty, let index = state.sessions.firstIndex(where: { $0.id == rename.sessionID }) else {
            state.notice = "A session needs a title: nothing renamed."
            return []
        }
        state.sessions[index].title = title
        state.notice = "Renamed to “\(title)”."
        return [.renameSession(sessionID: rename.sessionID, title: title)]
    default:
        return nil
    }
}

func askToDeleteSession(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    if session.id == state.activeSessionID, state.isStreaming {
        state.notice = "A reply is still streaming into this session: stop it before deleting the session."
        return []
    }
    state.pendingSessionDelete = session.id
    let title = session.title.isEmpty ? "this untitled session" : "“\(session.title)”"
    state.notice = "Delete \(title) and all its messages? y deletes, any other key keeps it."
    return []
}

func answerSessionDelete(_ state: inout AppState, _ key: Key, _ stamp: Stamp) -> [Effect] {
    guard let id = state.pendingSessionDelete else { return [] }
    state.pendingSessionDelete = nil
    guard key == .character("y"), let index = state.sessions.firstIndex(where: { $0.id == id }) else {
        state.notice = "Nothing deleted."
        return []
    }
    let summary = state.sessions.remove(at: index)
    state.selectedSessionIndex = min(index, max(0, state.sessions.count - 1))
    state.lastSessionDeletion = SessionDeletion(deletionID: stamp.freshID, summary: summary, index: index)
    if id == state.activeSessionID {
        _ = startNewSession(&state)
        state.focus = .sessions
    }
    let undo = state.keymap.displayKey(for: .undoDelete, in: [.sessions])
    state.notice = "Deleted “\(summary.title)”. \(undo) puts it back."
    return [.deleteSession(sessionID: id, deletionID: stamp.freshID)]
}

func undoSessionDelete(_ state: inout AppState) -> [Effect] {
    guard let deletion = state.lastSessionDeletion else {
        state.notice = "No deleted session to put back."
        return []
    }
    state.lastSessionDeletion = nil
    let index = min(deletion.index, state.sessions.count)
    state.sessions.insert(deletion.summary, at: index)
    state.selectedSessionIndex = index
    state.notice = "Restored “\(deletion.summary.title)”."
    return [.restoreDeletion(sessionID: deletion.summary.id, deletionID: deletion.deletionID)]
}
