/// The root's side of the command palette (Features/Overlays/Palette.swift): what it lists
/// depends on the whole state below it (the key stack, the focused pane), and running the
/// chosen command means running it in any context, which only the root can do.

extension CommandPalette {
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
}

/// Ctrl+K: the palette opens above whatever is open (and closes when asked again, giving back
/// what it opened over).
func togglePalette(_ state: inout AppState) -> [Effect] {
    state.handle(CommandPalette.toggle(over: state.destination))
}

/// The palette's commands, run in the app. The chosen command runs as if its key had been
/// pressed where it acts (the palette has closed and the focus moved first).
func paletteCommand(_ command: Command, _ state: inout AppState, _ stamp: Stamp) -> [Effect]? {
    guard case let .palette(palette)? = state.destination,
          let reduced = paletteCommand(command, palette, entries: CommandPalette.entries(for: state, filter: palette.filter.text))
    else { return nil }
    state.apply(reduced.shared)
    var effects = reduced.effects
    for delegate in reduced.delegates {
        switch delegate {
        case let .run(entry):
            guard let performed = perform(entry.command, in: entry.context, &state, stamp) else {
                state.status.notice = "\(entry.command.rawValue): nothing to do here right now."
                continue
            }
            effects += performed
        }
    }
    return effects
}
