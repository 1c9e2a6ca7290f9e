/// Switching where requests go while chatterm runs: `switch-profile` (Alt+P) moves to the next
/// usable profile, the session remembers the profile it was last used with, and opening a
/// session goes back to it. A reply in flight finishes where it was sent; the next request goes
/// to the new profile (its record keeps the URL it really went to).

func switchProfile(_ state: inout AppState) -> [Effect] {
    let usable = state.profileChoices.compactMap(\.profile)
    guard let current = usable.firstIndex(where: { $0.name == state.profile.name }) ?? (usable.isEmpty ? nil : -1),
          usable.count > 1 || (usable.count == 1 && current == -1)
    else {
        let broken = state.profileChoices.filter { $0.profile == nil }
        state.notice = broken.isEmpty
            ? "No other profile: add [profiles.NAME] tables to config.toml (docs/configuration.md)."
            : "No other usable profile: " + broken.map { "\($0.name): \($0.problem ?? "unavailable")" }.joined(separator: "; ")
        return []
    }
    return use(usable[(current + 1) % usable.count], &state, remember: true)
}

/// The store said which profile the session was last used with.
func sessionProfileLoaded(_ state: inout AppState, sessionID: String, name: String?) -> [Effect] {
    guard sessionID == state.activeSessionID, let name, name != state.profile.name else { return [] }
    guard let choice = state.profileChoices.first(where: { $0.name == name }) else { return [] }
    guard let profile = choice.profile else {
        state.notice = "This session was last used with profile \(name), which is not available (\(choice.problem ?? "unknown")); "
            + "it stays on \(state.profile.name)."
        return []
    }
    return use(profile, &state, remember: false)
}

private func use(_ profile: Profile, _ state: inout AppState, remember: Bool) -> [Effect] {
    state.profile = profile
    var effects: [Effect] = [.useProfile(name: profile.name)]
    if remember, let id = state.activeSessionID, state.activeSessionSaved {
        effects.append(.saveSessionProfile(sessionID: id, name: profile.name))
    }
    let model = state.effectiveModel.map { " · \($0)" } ?? ""
    state.notice = "Profile \(profile.name): \(profile.dialect.rawValue) at \(profile.baseURL)\(model)"
        + (state.stream != nil ? " (the reply in flight finishes where it was sent)." : ".")
    return effects
}
