import ChatCore

/// `R` or `x` in the sessions pane: what the prompt across the foot of the screen draws.
struct SessionPromptModel: Equatable {
    /// "Rename “title” to", "Export “title” as Markdown to".
    var label: String
    var input: TextInput
    /// The keys that end it, as the prompt names them.
    var keys: String

    init(_ prompt: SessionRename, keymap: Keymap) {
        let accept = keymap.displayKey(for: .accept, in: [.sessionRename])
        let cancel = keymap.displayKey(for: .close, in: [.sessionRename])
        let title = prompt.sessionTitle.isEmpty ? "untitled session" : "“\(prompt.sessionTitle)”"
        if let format = prompt.exportFormat {
            let next = keymap.displayKey(for: .nextFormat, in: [.sessionRename])
            label = "Export \(title) as \(format.title) to"
            keys = "\(next) \(format.next == .json ? "JSON" : "Markdown") · \(accept) writes .\(format.fileExtension) · \(cancel) cancels"
        } else {
            label = "Rename \(title) to"
            keys = "\(accept) saves · \(cancel) cancels"
        }
        input = prompt.title
    }
}
