/// Switching where requests go while chatterm runs: `switch-profile` (Alt+P) moves to the next
/// usable profile, the session remembers the profile it was last used with, and opening a
/// session goes back to it. A reply in flight finishes where it was sent; the next request goes
/// to the new profile (its record keeps the URL it really went to). The root's: the profile is
/// the launch's (which every feature reads through `FeatureContext`), and the choice is kept
/// per session (the conversation's).

func switchProfile(_ state: inout AppState) -> [Effect] {
    let usable = state.launch.profileChoices.compactMap(\.profile)
    guard let current = usable.firstIndex(where: { $0.name == state.launch.profile.name }) ?? (usable.isEmpty ? nil : -1),
          usable.count > 1 || (usable.count == 1 && current == -1)
    else {
        let broken = state.launch.profileChoices.filter { $0.profile == nil }
        state.status.notice = broken.isEmpty
            ? "No other profile: add [profiles.NAME] tables to config.toml (docs/configuration.md)."
            : "No other usable profile: " + broken.map { "\($0.name): \($0.problem ?? "unavailable")" }.joined(separator: "; ")
        return []
    }
    return use(usable[(current + 1) % usable.count], &state, remember: true)
}

/// The store said which profile the session was last used with.
func sessionProfileLoaded(_ state: inout AppState, sessionID: String, name: String?) -> [Effect] {
    guard sessionID == state.conversation.activeSessionID, let name, name != state.launch.profile.name else { return [] }
    guard let choice = state.launch.profileChoices.first(where: { $0.name == name }) else { return [] }
    guard let profile = choice.profile else {
        state.status.notice = "This session was last used with profile \(name), which is not available (\(choice.problem ?? "unknown")); "
            + "it stays on \(state.launch.profile.name)."
        return []
    }
    return use(profile, &state, remember: false)
}

private func use(_ profile: Profile, _ state: inout AppState, remember: Bool) -> [Effect] {
    state.launch.profile = profile
    var effects: [Effect] = [.useProfile(name: profile.name)]
    if remember, let id = state.conversation.activeSessionID, state.conversation.activeSessionSaved {
        effects.append(.saveSessionProfile(sessionID: id, name: profile.name))
    }
    let model = state.effectiveModel.map { " · \($0)" } ?? ""
    state.status.notice = "Profile \(profile.name): \(profile.dialect.rawValue) at \(profile.baseURL)\(model)"
        + (state.streaming.active != nil ? " (the reply in flight finishes where it was sent)." : ".")
    return effects
}
