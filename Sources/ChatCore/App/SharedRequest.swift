/// What any feature may ask of the root without a delegate case of its own: the status line's
/// one line, what sits above the panes, and the focus. Carried in `Reduced.shared` and applied
/// by the root (`AppState.apply(_:)`) in order, before the feature's delegates are answered.
public enum SharedRequest: Sendable, Equatable {
    /// The status line says this (nil clears it).
    case notice(String?)
    /// The status line stops saying this, if it still does (a notice of what is under way,
    /// once it is done; a newer notice stays).
    case withdrawNotice(String)
    /// Opens this above the panes (nil closes what is open).
    case present(Destination?)
    /// Moves the focus to this pane.
    case focus(Pane)
}

extension AppState {
    /// Carries out the features' shared requests, in the order they were made.
    mutating func apply(_ requests: [SharedRequest]) {
        for request in requests {
            switch request {
            case let .notice(text): status.notice = text
            case let .withdrawNotice(text): if status.notice == text { status.notice = nil }
            case let .present(destination): self.destination = destination
            case let .focus(pane): screen.focus = pane
            }
        }
    }
}
