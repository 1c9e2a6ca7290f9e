/// The command palette (Ctrl+K): every command, filtered by what is typed. Over the panes it
/// lists the focused pane's commands first, then the other panes' (each named with the pane it
/// acts in, which takes the focus when one runs); over an overlay or compare, the commands of
/// what is open. It sits above everything, so it can run any command where the user was.
public struct CommandPalette: Sendable, Equatable {
    public var filter: TextInput
    /// Index into `entries(in:)`.
    public var selectedIndex: Int

    public init(filter: TextInput = TextInput(), selectedIndex: Int = 0) {
        self.filter = filter
        self.selectedIndex = selectedIndex
    }

    /// One runnable command: the context it runs in and its keys there.
    public struct Entry: Sendable, Equatable {
        public var command: Command
        public var context: KeyContext
        public var keys: [Key]

        /// The pane the command acts in, which takes the focus when the palette runs it; nil
        /// for a command that acts anywhere or in what is open (an overlay, compare).
        public var pane: Pane? { Pane.allCases.first { KeyContext.of($0).first == context } }

        /// Where it acts, for the palette's column: the pane's name, or "anywhere".
        public var placeName: String {
            switch context {
            case .app, .global: return "anywhere"
            default: return context.rawValue.replacingOccurrences(of: "-", with: " ")
            }
        }
    }

    /// The palette's entries for this state: those of `contexts(for:)`.
    public static func entries(for state: AppState, filter: String) -> [Entry] {
        entries(contexts: contexts(for: state), keymap: state.keymap, filter: filter)
    }

    /// The contexts the palette lists: the stack below it (what a key would reach), then, when
    /// that is the panes' (no overlay, search line or compare open), every other pane's.
    public static func contexts(for state: AppState) -> [KeyContext] {
        let below = KeyContext.stackBelowPalette(state)
        guard below == KeyContext.of(state.screen.focus) + [.global, .app] else { return below }
        return below + Pane.allCases.filter { $0 != state.screen.focus }.flatMap(KeyContext.of)
    }

    /// The commands of `contexts` (text editing left out: it needs a caret, not a palette),
    /// each once, first context first; those whose name or summary holds every typed word, the
    /// ones whose name starts with the first word first.
    public static func entries(contexts: [KeyContext], keymap: Keymap, filter: String) -> [Entry] {
        var seen = Set<Command>()
        var all: [Entry] = []
        for context in contexts where context != .text {
            for binding in keymap.bindings(in: context) where binding.command != .palette && seen.insert(binding.command).inserted {
                all.append(Entry(command: binding.command, context: context, keys: binding.keys))
            }
        }
        let words = filter.lowercased().split(whereSeparator: { $0 == " " }).map(String.init)
        guard let first = words.first else { return all }
        let matching = all.filter { entry in
            let haystack = entry.command.rawValue + " " + entry.command.summary.lowercased() + " " + entry.placeName
            return words.allSatisfy { haystack.contains($0) }
        }
        let leading = matching.filter { $0.command.rawValue.hasPrefix(first) }
        return leading + matching.filter { !$0.command.rawValue.hasPrefix(first) }
    }
}

/// ↑ on the first line of the message box walks back through the session's prompts; this is
/// where the walk stands and what was being typed before it began (↓ past the newest returns it).
public struct PromptRecall: Sendable, Equatable {
    /// Index into the session's prompts, oldest first.
    public var position: Int
    public var draft: String
    /// The text the recall put in the box: once the user edits it, the next ↑ starts afresh.
    public var shown: String
}
