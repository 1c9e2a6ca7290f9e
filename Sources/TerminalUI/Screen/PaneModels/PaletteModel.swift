import ChatCore

/// What the command palette draws: the filter being typed, the commands it matches (with their
/// keys and where they act), the selected one, and the palette's own keys.
struct PaletteModel: Equatable {
    var filter: TextInput
    var entries: [CommandPalette.Entry]
    /// Index into `entries` (nil: none match).
    var selected: Int?
    var hints: [String]

    init(_ palette: CommandPalette, _ state: borrowing AppState) {
        filter = palette.filter
        entries = CommandPalette.entries(for: state, filter: palette.filter.text)
        selected = entries.isEmpty ? nil : min(palette.selection.index, entries.count - 1)
        let keymap = state.keymap
        let here: [KeyContext] = [.palette, .text]
        hints = [
            keymap.hint(.selectPrevious, .selectNext, in: here), keymap.hint(.choose, in: here, label: "run"),
            keymap.hint(.close, in: here),
        ].compactMap { $0 }
    }
}
