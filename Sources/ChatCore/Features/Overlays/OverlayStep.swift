/// What an overlay's own reduce did with a command. An overlay's reduce sees only its own
/// state; what it cannot do itself (close, change the session's parameters, delete a stored
/// preset) it asks of the app as a delegate, which the overlay's command function turns into a
/// `Reduced` (what is open next, the notice, a request the root answers).
enum OverlayStep<Delegate: Equatable>: Equatable {
    /// Not one of the overlay's commands: the key goes on to the next context.
    case notMine
    /// Done within the overlay's state.
    case done
    /// The app is asked to act.
    case delegate(Delegate)
}
