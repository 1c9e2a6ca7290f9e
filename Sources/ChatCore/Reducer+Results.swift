import StreamProtocol

/// The models endpoint answered: the picker (if still open) lists the names, sorted and unique.
func modelsListed(_ state: inout AppState, _ names: [String]) -> [Effect] {
    guard case var .modelPicker(picker) = state.overlay else { return [] }
    picker.listing = .loaded(Array(Set(names)).sorted())
    picker.selectedIndex = 0
    state.overlay = .modelPicker(picker)
    return []
}

/// Listing failed: the picker says why and takes free text instead.
func modelsListingFailed(_ state: inout AppState, _ problem: String) -> [Effect] {
    guard case var .modelPicker(picker) = state.overlay else { return [] }
    picker.listing = .failed(problem)
    state.overlay = .modelPicker(picker)
    return []
}

/// `$EDITOR` closed. Not yet wired to a key.
func externalEditFinished(_ state: inout AppState, _ field: ParameterField, text: String?, problem: String?) -> [Effect] {
    if let problem { state.notice = problem }
    return []
}

/// The client waits before retrying; the status line counts down.
func streamRetrying(_ state: inout AppState, _ id: RequestID, _ notice: RetryNotice, now: Int64) -> [Effect] {
    guard var stream = state.stream, stream.requestID == id else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    stream.pendingRetry = PendingRetry(notice: notice, announcedAtMillis: now)
    stream.retryCount = max(stream.retryCount, notice.attempt)
    stream.lastActivityAtMillis = now
    state.stream = stream
    return []
}

/// Bytes arrived without an event: the connection is alive.
func streamHeartbeat(_ state: inout AppState, _ id: RequestID, now: Int64) -> [Effect] {
    guard var stream = state.stream, stream.requestID == id else { return [] }
    state.nowMillis = max(state.nowMillis, now)
    stream.lastActivityAtMillis = now
    state.stream = stream
    return []
}
