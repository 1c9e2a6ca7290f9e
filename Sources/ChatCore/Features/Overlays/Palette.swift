/// The command palette (Ctrl+K): every command, filtered by what is typed. Over the panes it
/// lists the focused pane's commands first, then the other panes' (each named with the pane it
/// acts in, which takes the focus when one runs); over an overlay or compare, the commands of
/// what is open. It sits above everything, so it can run any command where the user was.
public struct CommandPalette: Sendable, Equatable {
    public var filter: TextInput
    /// Which of `entries(for:filter:)` is chosen.
    public var selection: ListSelection
    /// What was open when the palette opened: given back when it closes.
    public var below: Destination?

    public init(filter: TextInput = TextInput(), selection: ListSelection = ListSelection(), below: Destination? = nil) {
        self.filter = filter
        self.selection = selection
        self.below = below
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

    /// The commands of `contexts` (text editing left out: it needs a caret, not a palette),
    /// each once, first context first; those whose name or summary holds every typed word, the
    /// ones whose name starts with the first word first, then those with a word of the name
    /// starting with it (`nameRank`).
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
        // Stable: within a rank, the contexts' order (the focused pane's first) stays.
        return [0, 1, 2].flatMap { rank in matching.filter { nameRank(of: $0.command, for: first) == rank } }
    }

    /// How well a command's name answers the first typed word: 0 when the name starts with
    /// it, 1 when one of the name's words does (`view-curl` for "curl"), 2 when only the
    /// summary or the place holds it (`next-view`, whose summary ends "→ curl").
    static func nameRank(of command: Command, for word: String) -> Int {
        if command.rawValue.hasPrefix(word) { return 0 }
        return WordPrefixMatch.matches(of: [word], in: command.rawValue) != nil ? 1 : 2
    }
}

extension CommandPalette {
    /// Ctrl+K: the palette opens above whatever is open (`destination`), and closes when asked
    /// again, giving back what it opened over.
    static func toggle(over destination: Destination?) -> Reduced<NoDelegate> {
        if case let .palette(palette)? = destination { return Reduced(shared: [.present(palette.below)]) }
        return Reduced(shared: [.present(.palette(CommandPalette(below: destination)))])
    }
}

enum PaletteDelegate: Equatable {
    case close
    /// Run this command where it acts (the palette closes first).
    case run(CommandPalette.Entry)
    /// `choose` with no entry left by the filter: the typed text.
    case nothingMatches(String)
}

/// The palette's own keys over its own state, given its entries for the state below (a value
/// passed down: `CommandPalette.entries(for:filter:)`). Typing filters it (the `text` keymap).
func reducePalette(_ palette: inout CommandPalette, _ command: Command, entries: [CommandPalette.Entry]) -> OverlayStep<PaletteDelegate> {
    switch command {
    case .close:
        return .delegate(.close)
    case .selectPrevious, .selectNext:
        _ = palette.selection.perform(command, count: entries.count)
        return .done
    case .choose:
        guard entries.indices.contains(palette.selection.index) else { return .delegate(.nothingMatches(palette.filter.text)) }
        return .delegate(.run(entries[palette.selection.index]))
    default:
        return .notMine
    }
}

/// What the palette asks of the root: only the root can run a command in any context.
enum PaletteRequest: Sendable, Equatable {
    /// Run this command where it acts, as if its key had been pressed there.
    case run(CommandPalette.Entry)
}

/// The palette's commands over its own state (the payload of `Destination.palette`), given its
/// entries for the state below. `choose` closes it (giving back what it opened over), moves
/// the focus to the pane the chosen command acts in, so its result is in view, and asks the
/// root to run it. Nil when the command is not the palette's.
func paletteCommand(_ command: Command, _ palette: CommandPalette, entries: [CommandPalette.Entry]) -> Reduced<PaletteRequest>? {
    var palette = palette
    switch reducePalette(&palette, command, entries: entries) {
    case .notMine:
        return nil
    case .done:
        return Reduced(shared: [.present(.palette(palette))])
    case .delegate(.close):
        return Reduced(shared: [.present(palette.below)])
    case let .delegate(.nothingMatches(filter)):
        return .notice("No command matches \(filter.debugDescription).")
    case let .delegate(.run(entry)):
        var shared: [SharedRequest] = [.present(palette.below)]
        if let pane = entry.pane { shared.append(.focus(pane)) }
        return Reduced(shared: shared, delegates: [.run(entry)])
    }
}
