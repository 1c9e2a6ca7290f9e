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

/// Ctrl+K: the palette opens above whatever is open (and closes when asked again, giving back
/// what it opened over).
func togglePalette(_ state: inout AppState) -> [Effect] {
    if case let .palette(palette)? = state.destination {
        state.destination = palette.below
    } else {
        state.destination = .palette(CommandPalette(below: state.destination))
    }
    return []
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

/// The palette's commands, run in the app. `choose` closes it (giving back what it opened over)
/// and runs the selected command as if its key had been pressed where it acts: a command of
/// another pane moves the focus there first, so its result is in view.
func paletteCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case var .palette(palette)? = state.destination else { return nil }
    let entries = CommandPalette.entries(for: state, filter: palette.filter.text)
    switch reducePalette(&palette, command, entries: entries) {
    case .notMine:
        return nil
    case .done:
        state.destination = .palette(palette)
    case .delegate(.close):
        state.destination = palette.below
    case let .delegate(.nothingMatches(filter)):
        state.status.notice = "No command matches \(filter.debugDescription)."
    case let .delegate(.run(entry)):
        state.destination = palette.below
        if let pane = entry.pane { state.screen.focus = pane }
        guard let effects = perform(entry.command, in: entry.context, &state, stamp) else {
            state.status.notice = "\(entry.command.rawValue): nothing to do here right now."
            return []
        }
        return effects
    }
    return []
}
