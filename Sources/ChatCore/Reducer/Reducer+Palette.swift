/// Ctrl+K: the palette opens above whatever is open (and closes when asked again).
func togglePalette(_ state: inout AppState) -> [Effect] {
    state.palette = state.palette == nil ? CommandPalette() : nil
    return []
}

/// The palette's own commands; typing filters it (the `text` keymap). `choose` closes it and
/// runs the selected command as if its key had been pressed where it acts: a command of
/// another pane moves the focus there first, so its result is in view.
func paletteCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard var palette = state.palette else { return nil }
    let entries = CommandPalette.entries(for: state, filter: palette.filter.text)
    switch command {
    case .close:
        state.palette = nil
        return []
    case .selectPrevious:
        palette.selectedIndex = max(0, palette.selectedIndex - 1)
    case .selectNext:
        palette.selectedIndex = min(max(0, entries.count - 1), palette.selectedIndex + 1)
    case .choose:
        guard entries.indices.contains(palette.selectedIndex) else {
            state.status.notice = "No command matches \(palette.filter.text.debugDescription)."
            return []
        }
        let entry = entries[palette.selectedIndex]
        state.palette = nil
        if let pane = entry.pane { state.screen.focus = pane }
        guard let effects = perform(entry.command, in: entry.context, &state, stamp) else {
            state.status.notice = "\(entry.command.rawValue): nothing to do here right now."
            return []
        }
        return effects
    default:
        return nil
    }
    state.palette = palette
    return []
}
