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

extension SessionsState {
    /// The selected session (the selection held within the list), nil when the list is empty.
    private var selectedSession: SessionSummary? {
        guard !list.isEmpty else { return nil }
        return list[min(max(0, selectedIndex), list.count - 1)]
    }

    /// `R`: the rename prompt, holding the title.
    func startRename() -> Reduced<SessionsDelegate> {
        guard let session = selectedSession else { return Reduced() }
        return Reduced(shared: [.present(.sessionPrompt(
            SessionRename(sessionID: session.id, title: TextInput(text: session.title), sessionTitle: session.title)))])
    }

    /// `x`: the file name proposed is made from the title, as Markdown; Tab switches to the JSON
    /// archive (every field and version) and the name's extension with it.
    func startExport() -> Reduced<SessionsDelegate> {
        guard let session = selectedSession else { return Reduced() }
        let name = SessionFileName.suggested(title: session.title, sessionID: session.id)
        return Reduced(shared: [
            .present(.sessionPrompt(SessionRename(
                sessionID: session.id, title: TextInput(text: name), purpose: .export(.markdown), sessionTitle: session.title))),
            // What the prompt's box has no room to say.
            .notice("A relative name is written in the working directory."),
        ])
    }

    /// `d`: the question, unless a reply still streams into the session (`openSessionID`, the
    /// conversation's, comes down as a value).
    func askToDelete(openSessionID: String?, _ context: FeatureContext) -> Reduced<SessionsDelegate> {
        guard let session = selectedSession else { return Reduced() }
        if session.id == openSessionID, context.isStreaming {
            return .notice("A reply is still streaming into this session: stop it before deleting the session.")
        }
        let title = session.title.isEmpty ? "this untitled session" : "“\(session.title)”"
        return Reduced(shared: [
            .present(.confirm(.deleteSession(id: session.id))),
            .notice("Delete \(title) and all its messages? \(context.keymap.displayKey(for: .confirm, in: [.confirm])) deletes, any other key keeps it."),
        ])
    }

    /// The confirmed delete's side in the list: the session leaves it and is kept for `u`.
    /// Nil when it is not listed.
    mutating func remove(_ id: String, deletionID: String, wasOpen: Bool) -> SessionSummary? {
        guard let index = list.firstIndex(where: { $0.id == id }) else { return nil }
        let summary = list.remove(at: index)
        selectedIndex = min(index, max(0, list.count - 1))
        lastDeletion = SessionDeletion(deletionID: deletionID, summary: summary, index: index, wasOpen: wasOpen)
        return summary
    }

    /// `u`: the last deleted session back where it was; the root reopens it when it was open.
    mutating func undoDelete() -> Reduced<SessionsDelegate> {
        guard let deletion = lastDeletion else { return .notice("No deleted session to put back.") }
        lastDeletion = nil
        let index = min(deletion.index, list.count)
        list.insert(deletion.summary, at: index)
        selectedIndex = index
        return Reduced(
            effects: [.restoreDeletion(sessionID: deletion.summary.id, deletionID: deletion.deletionID)],
            shared: [.notice("Restored “\(deletion.summary.title)”.")],
            delegates: deletion.wasOpen ? [.restoredOpenSession(deletion.summary.id)] : [])
    }

    /// The rename and export prompt's commands (`rename`, the prompt above the panes, comes
    /// down as a value; the root shows or closes it).
    mutating func sessionPromptCommand(_ command: Command, _ rename: SessionRename) -> Reduced<SessionsDelegate>? {
        switch command {
        case .close:
            return Reduced(shared: [.present(nil)])
        case .nextFormat:
            return switchExportFormat(rename)
        case .accept where rename.exportFormat != nil:
            let typed = rename.title.text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty, let format = rename.exportFormat else {
                // The prompt stays: an empty name is a slip, not a cancel (Esc cancels).
                return .notice("Type a file name to export to (Esc cancels).")
            }
            // The name says the format: its extension is added when it was left out.
            let path = format.applied(to: typed)
            return Reduced(
                effects: [.exportSession(sessionID: rename.sessionID, path: path)],
                shared: [.present(nil), .notice("Exporting to \(path) as \(format.title)…")])
        case .accept:
            let title = rename.title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
                .trimmingCharacters(in: .whitespaces)
            // An invalid title says why and the prompt stays open with what was typed.
            guard !title.isEmpty else { return .notice("A session needs a title: type one (Esc cancels).") }
            guard title.count <= SessionRename.longestTitle else {
                return .notice("A title has at most \(SessionRename.longestTitle) characters; this one has \(title.count) (Esc cancels).")
            }
            guard let index = list.firstIndex(where: { $0.id == rename.sessionID }) else {
                return Reduced(shared: [.present(nil), .notice("That session is gone: nothing renamed.")])
            }
            list[index].title = title
            return Reduced(
                effects: [.renameSession(sessionID: rename.sessionID, title: title)],
                shared: [.present(nil), .notice("Renamed to “\(title)”.")])
        default:
            return nil
        }
    }

    /// Tab in the export prompt: the other format, and the name's extension follows.
    private func switchExportFormat(_ rename: SessionRename) -> Reduced<SessionsDelegate>? {
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
        return Reduced(shared: [.present(.sessionPrompt(switched))])
    }
}
