import Foundation

/// Acting on the selected session in the sessions pane: `R` renames it (a line at the foot of
/// the pane), `d` deletes it once `y` confirms, `u` puts the last deleted session back while
/// chatterm runs.

/// A prompt about the selected session (drawn as a labelled line at the foot of the screen,
/// typed with the one `TextInput`): its new title (`R`), or the file to export it to (`x`).
public struct SessionRename: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case rename
        /// The format chosen with Tab (`next-format`); a name typed with the other format's
        /// extension chooses that one.
        case export(ExportFormat)
    }

    /// A title is a line in the sessions list: longer ones are refused (a pasted megabyte made
    /// every frame that drew it slow).
    public static let longestTitle = 200

    public var sessionID: String
    public var title: TextInput
    public var purpose: Purpose
    /// What the prompt's label names (the session's title when it opened).
    public var sessionTitle: String

    public init(sessionID: String, title: TextInput, purpose: Purpose = .rename, sessionTitle: String = "") {
        self.sessionID = sessionID
        self.title = title
        self.purpose = purpose
        self.sessionTitle = sessionTitle
    }

    /// The format Enter exports in: the one the typed name's extension asks for, else the one
    /// chosen. Nil for a rename.
    public var exportFormat: ExportFormat? {
        guard case let .export(chosen) = purpose else { return nil }
        return ExportFormat.named(by: title.text.trimmingCharacters(in: .whitespaces)) ?? chosen
    }
}

/// What `u` in the sessions pane puts back.
public struct SessionDeletion: Sendable, Equatable {
    public var deletionID: String
    public var summary: SessionSummary
    public var index: Int
    /// The session was open when it was deleted: `u` opens it again (the conversation pane
    /// would otherwise say "No messages yet" beside the session just put back).
    public var wasOpen = false
}

private func selectedSession(_ state: AppState) -> SessionSummary? {
    guard !state.sessions.list.isEmpty else { return nil }
    return state.sessions.list[min(max(0, state.sessions.selectedIndex), state.sessions.list.count - 1)]
}

func startRename(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    state.destination = .sessionPrompt(SessionRename(sessionID: session.id, title: TextInput(text: session.title), sessionTitle: session.title))
    return []
}

/// `x`: the file name proposed is made from the title, as Markdown; Tab switches to the JSON
/// archive (every field and version) and the name's extension with it.
func startExport(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    let name = SessionFileName.suggested(title: session.title, sessionID: session.id)
    state.destination = .sessionPrompt(SessionRename(
        sessionID: session.id, title: TextInput(text: name), purpose: .export(.markdown), sessionTitle: session.title))
    // What the prompt's box has no room to say.
    state.status.notice = "A relative name is written in the working directory."
    return []
}

/// Tab in the export prompt: the other format, and the name's extension follows.
private func switchExportFormat(_ rename: SessionRename, _ state: inout AppState) -> [Effect]? {
    guard let current = rename.exportFormat else { return nil }
    let next = current.next
    var switched = rename
    switched.purpose = .export(next)
    let name = switched.title.text
    if ExportFormat.named(by: name) != nil {
        // Only the extension changes; a caret at the end stays there, else where it was.
        let renamed = next.applied(to: name)
        let atEnd = rename.title.caret >= name.count
        switched.title = TextInput(text: renamed, caret: atEnd ? renamed.count : min(rename.title.caret, renamed.count))
    }
    state.destination = .sessionPrompt(switched)
    return []
}

func sessionRenameCommand(_ command: Command, _ state: inout AppState) -> [Effect]? {
    guard case let .sessionPrompt(rename)? = state.destination else { return nil }
    switch command {
    case .close:
        state.destination = nil
        return []
    case .nextFormat:
        return switchExportFormat(rename, &state)
    case .accept where rename.exportFormat != nil:
        let typed = rename.title.text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty, let format = rename.exportFormat else {
            // The prompt stays: an empty name is a slip, not a cancel (Esc cancels).
            state.status.notice = "Type a file name to export to (Esc cancels)."
            return []
        }
        state.destination = nil
        // The name says the format: its extension is added when it was left out.
        let path = format.applied(to: typed)
        state.status.notice = "Exporting to \(path) as \(format.title)…"
        return [.exportSession(sessionID: rename.sessionID, path: path)]
    case .accept:
        let title = rename.title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        // An invalid title says why and the prompt stays open with what was typed.
        guard !title.isEmpty else {
            state.status.notice = "A session needs a title: type one (Esc cancels)."
            return []
        }
        guard title.count <= SessionRename.longestTitle else {
            state.status.notice = "A title has at most \(SessionRename.longestTitle) characters; this one has \(title.count) (Esc cancels)."
            return []
        }
        state.destination = nil
        guard let index = state.sessions.list.firstIndex(where: { $0.id == rename.sessionID }) else {
            state.status.notice = "That session is gone: nothing renamed."
            return []
        }
        state.sessions.list[index].title = title
        state.status.notice = "Renamed to “\(title)”."
        return [.renameSession(sessionID: rename.sessionID, title: title)]
    default:
        return nil
    }
}

func askToDeleteSession(_ state: inout AppState) -> [Effect] {
    guard let session = selectedSession(state) else { return [] }
    if session.id == state.conversation.activeSessionID, state.isStreaming {
        state.status.notice = "A reply is still streaming into this session: stop it before deleting the session."
        return []
    }
    state.destination = .confirm(.deleteSession(id: session.id))
    let title = session.title.isEmpty ? "this untitled session" : "“\(session.title)”"
    state.status.notice = "Delete \(title) and all its messages? \(state.keymap.displayKey(for: .confirm, in: [.confirm])) deletes, any other key keeps it."
    return []
}

/// `y` after `d` in the sessions pane (`answerConfirm`).
func deleteSessionConfirmed(_ state: inout AppState, id: String, _ stamp: Stamp) -> [Effect] {
    guard let index = state.sessions.list.firstIndex(where: { $0.id == id }) else {
        state.status.notice = "Nothing deleted."
        return []
    }
    let summary = state.sessions.list.remove(at: index)
    state.sessions.selectedIndex = min(index, max(0, state.sessions.list.count - 1))
    let wasOpen = id == state.conversation.activeSessionID
    state.sessions.lastDeletion = SessionDeletion(deletionID: stamp.freshID, summary: summary, index: index, wasOpen: wasOpen)
    if wasOpen {
        _ = startNewSession(&state)
        state.screen.focus = .sessions
    }
    let undo = state.keymap.displayKey(for: .undoDelete, in: [.sessions])
    state.status.notice = "Deleted “\(summary.title)”. \(undo) puts it back."
    return [.deleteSession(sessionID: id, deletionID: stamp.freshID)]
}

func undoSessionDelete(_ state: inout AppState) -> [Effect] {
    guard let deletion = state.sessions.lastDeletion else {
        state.status.notice = "No deleted session to put back."
        return []
    }
    state.sessions.lastDeletion = nil
    let index = min(deletion.index, state.sessions.list.count)
    state.sessions.list.insert(deletion.summary, at: index)
    state.sessions.selectedIndex = index
    state.status.notice = "Restored “\(deletion.summary.title)”."
    let restore = Effect.restoreDeletion(sessionID: deletion.summary.id, deletionID: deletion.deletionID)
    // Reopened only while the blank session that replaced it is still untouched; the store
    // reads it after the restore (its queue is serial).
    guard deletion.wasOpen, state.conversation.activeSessionID == nil, state.conversation.messages.isEmpty else { return [restore] }
    return [restore, .loadConversation(sessionID: deletion.summary.id)]
}
