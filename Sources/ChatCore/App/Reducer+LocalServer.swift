/// The welcome screen's offer: a first run without a key or project id can try chatterm on the
/// bundled local server at once. The runner starts it as a child of this run (it stops when
/// chatterm exits) and answers with its profile, which requests use from then on. The root's:
/// it changes the launch (profile, setup gaps) that every feature reads.

/// `start-local-server` (Alt+L): only while the welcome screen lists something missing, so a
/// set-up run never leaves its server by a stray key.
func startLocalServer(_ state: inout AppState) -> [Effect]? {
    guard !state.launch.setupGaps.isEmpty, state.destination == nil, !state.isStreaming else { return nil }
    guard !state.launch.localServerStarting else {
        state.status.notice = "The local server is starting…"
        return []
    }
    state.launch.localServerStarting = true
    state.status.notice = "Starting the local server…"
    return [.startLocalServer]
}

func localServerStarted(_ state: inout AppState, _ profile: Profile) -> [Effect] {
    state.launch.localServerStarting = false
    state.launch.profile = profile
    state.launch.setupGaps = []
    state.status.notice = "Using the local server at \(profile.baseURL) for this run (it stops when chatterm does)."
    return [.useLocalServer(profile)]
}

func localServerFailed(_ state: inout AppState, _ problem: String) -> [Effect] {
    state.launch.localServerStarting = false
    state.status.notice = "The local server did not start: \(problem)"
    return []
}
