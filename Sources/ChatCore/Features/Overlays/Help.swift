/// The help overlay (F1, `?`): every context's keys, the ones where the user is first. It
/// scrolls in the rows the renderer measured (`Action.overlayMeasured`).

extension SharedRequest {
    /// Opens the help at its top: any feature's help key asks this.
    static var openHelp: SharedRequest { .present(.help(ScrollState())) }
}

/// Opens the help at its top.
func openHelp() -> Reduced<NoDelegate> {
    Reduced(shared: [.openHelp])
}

enum HelpDelegate: Equatable {
    case close
}

/// The help's own keys over its own state: the scroll keys, and close (the app's to do).
func reduceHelp(_ scroll: inout ScrollState, _ command: Command) -> OverlayStep<HelpDelegate> {
    if command == .close { return .delegate(.close) }
    return scroll.perform(command) ? .done : .notMine
}

/// The help's commands, over the help's scroll (the payload of `Destination.help`): nil when
/// the command is not its; otherwise what is open next (the help moved, or nothing).
func helpCommand(_ command: Command, _ scroll: ScrollState) -> Reduced<NoDelegate>? {
    var scroll = scroll
    switch reduceHelp(&scroll, command) {
    case .notMine: return nil
    case .done: return Reduced(shared: [.present(.help(scroll))])
    case .delegate(.close): return Reduced(shared: [.present(nil)])
    }
}
