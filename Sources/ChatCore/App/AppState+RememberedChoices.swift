/// The state file's side of the root: what it should hold now is read across the root's
/// groups (the open session, the theme, the zoom), so it is the root's, not `RememberedChoices`'.
extension AppState {
    /// What the state file should hold now.
    public var rememberedChoices: RememberedChoices {
        RememberedChoices(
            sessionID: conversation.activeSessionSaved ? conversation.activeSessionID : nil, theme: screen.pickedTheme,
            zoomed: screen.zoomed)
    }
}

/// After each action the run loop asks this (reducer tests stay exact about their own
/// effects): the effect that saves the state file, when what it would hold differs from what
/// was last saved, else nothing. `chatterm ask` never asks, so it never writes the file.
public func rememberChoicesIfChanged(_ state: inout AppState) -> [Effect] {
    let now = state.rememberedChoices
    guard now != state.launch.savedChoices else { return [] }
    state.launch.savedChoices = now
    return [.saveRememberedChoices(now)]
}
