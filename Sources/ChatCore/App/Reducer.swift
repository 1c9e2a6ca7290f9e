import StreamProtocol

/// The one place state changes. Pure and synchronous: no clocks, no randomness, no I/O.
/// Returns the effects to perform, in order.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    let session = state.conversation.activeSessionID
    let revision = state.conversation.messagesRevision
    var effects = reduceAction(&state, action)
    // A tool turn belongs to the open session: opening another (or a new one) ends it.
    effects += stopToolTurnOfClosedSession(&state)
    // A key (delete, undo, a send) or a version switch changed the path in the same session: a
    // search's matches follow it (they went stale: `n` reached messages no longer shown).
    if state.conversation.messagesRevision != revision, state.conversation.activeSessionID == session,
       state.conversation.search != nil, action.changesThePath {
        effects += state.conversation.searchFollowsPath(shownReply: state.shownReply)
    }
    let open = state.conversation.activeSessionID
    return keepingDraft(
        &state.composer, openSessionID: open, nowMillis: state.status.nowMillis, quitRequested: state.status.quitRequested, effects)
}

extension Action {
    /// The actions whose change of the held messages is a change of the path, not a page read.
    fileprivate var changesThePath: Bool {
        switch self {
        case .keyPressed, .commandInvoked, .branchSwitched: return true
        default: return false
        }
    }
}

private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case let .keyPressed(key, stamp):
        state.status.nowMillis = max(state.status.nowMillis, stamp.nowMillis)
        let query = state.sessions.search?.query.text
        let needle = state.conversation.search?.query.text
        return handleKey(&state, key, stamp) + sessionQueryEffects(&state, before: query)
            + conversationQueryEffects(&state, before: needle)

    case let .commandInvoked(command, stamp):
        state.status.nowMillis = max(state.status.nowMillis, stamp.nowMillis)
        return invoke(command, &state, stamp)

    case let .textPasted(text):
        let query = state.sessions.search?.query.text
        let needle = state.conversation.search?.query.text
        return pasted(&state, text) + sessionQueryEffects(&state, before: query)
            + conversationQueryEffects(&state, before: needle)

    case let .terminalResized(width, height):
        state.screen.terminalWidth = max(0, width)
        state.screen.terminalHeight = max(0, height)
        return []

    case let .frameReported(report):
        return frameReported(&state, report)

    case let .toolServersChanged(servers):
        return toolServersChanged(&state, servers)
    case let .toolFinished(callID, result, now):
        return toolFinished(&state, callID: callID, result, now: now)
    case let .toolSwitchesLoaded(sessionID, switchedOff):
        return toolSwitchesLoaded(&state, sessionID: sessionID, switchedOff)

    case let .clockTicked(now):
        state.status.nowMillis = max(state.status.nowMillis, now)
        return saveStreamingReplyIfDue(&state, force: false) + compareSavesDue(&state)

    case let .sessionsLoaded(list):
        return state.handle(reduceSessions(&state.sessions, .loaded(list)))

    case let .sessionsChangedElsewhere(page):
        return state.handle(
            reduceSessions(&state.sessions, .changedElsewhere(newest: page, openSessionID: state.conversation.activeSessionID)))

    case let .themeChanged(name):
        state.screen.pickedTheme = name
        state.status.notice = "Theme: \(name) (\(state.keymap.displayKey(for: .cycleTheme, in: [.global])) for the next)."
        return []

    case let .sessionForked(fork):
        return sessionForked(&state, fork)

    case let .conversationMatches(sessionID, query, ids):
        return state.handle(state.conversation.matchesFound(sessionID: sessionID, query: query, ids, shownReply: state.shownReply))

    case let .sessionsFound(query, hits):
        // Enter before the results opens the first hit now, its words the conversation's
        // query: as after a key, a changed query in a session not held whole asks the store.
        let needle = state.conversation.search?.query.text
        return state.handle(sessionsFound(&state.sessions, query: query, hits)) + conversationQueryEffects(&state, before: needle)

    case let .moreSessionsLoaded(after, page, complete):
        return state.handle(reduceSessions(&state.sessions, .moreLoaded(after: after, page, complete: complete)))

    case let .conversationLoaded(sessionID, window, parameters):
        return conversationLoaded(&state, sessionID: sessionID, window: window, parameters: parameters)

    case let .sessionReopened(sessionID, window, parameters):
        // Only into the blank session the run started with: once the user opened another
        // session or sent a message, what they chose stays on screen.
        guard state.conversation.activeSessionID == nil, state.conversation.messages.isEmpty, !state.isStreaming else { return [] }
        return conversationLoaded(&state, sessionID: sessionID, window: window, parameters: parameters)

    case let .messagesLoaded(sessionID, position, window):
        return state.handle(state.conversation.pageArrived(
            sessionID: sessionID, position: position, window, inFlightID: state.streaming.active?.reply.id))

    case let .branchSwitched(sessionID, messageID, result):
        return state.handle(state.conversation.branchSwitched(sessionID: sessionID, from: messageID, result, state.context))
    case let .requestHistoryLoaded(sessionID, messages):
        return requestHistoryLoaded(&state, sessionID: sessionID, messages)

    case let .mouse(event, stamp):
        return mouse(&state, event, stamp)
    case let .sessionProfileLoaded(sessionID, name):
        return sessionProfileLoaded(&state, sessionID: sessionID, name: name)
    case let .sessionExported(path, bytes):
        state.status.notice = "Exported to \(path) (\(bytes) byte\(bytes == 1 ? "" : "s"))."
        return []
    case let .draftLoaded(sessionID, text):
        return state.handle(draftLoaded(&state.composer, sessionID: sessionID, text: text))

    case let .storeNotice(message):
        state.status.notice = message
        return []

    case let .storeFailed(message):
        state.status.notice = message
        // A read that failed is not pending any more (scrolling asks again); a send that
        // waited for the history cannot go out: its message is saved, Ctrl+R retries it.
        state.conversation.window.pendingLoad = nil
        if state.streaming.pendingSend != nil {
            state.streaming.pendingSend = nil
            state.streaming.lastOutcome = .failed(message)
        }
        return []

    case let .sentRequestLoaded(messageID, request):
        state.destination?.beneath?.inspector?.requestLoaded(messageID: messageID, request)
        return []

    case let .sentRequestLoadFailed(messageID, problem):
        state.destination?.beneath?.inspector?.requestLoadFailed(messageID: messageID, problem: problem)
        return []

    case let .presetsLoaded(presets):
        return presetsLoaded(&state, presets)

    case let .modelsListed(names):
        // To the picker if it is still open (under the palette too).
        let current = state.effectiveModel
        state.destination?.beneath?.modelPicker?.listed(names, current: current)
        return []

    case let .modelsListingFailed(problem):
        state.destination?.beneath?.modelPicker?.listingFailed(problem)
        return []

    case let .localServerStarted(profile):
        return localServerStarted(&state, profile)

    case let .localServerFailed(problem):
        return localServerFailed(&state, problem)

    case let .externalEditFinished(field, text, problem):
        let context = state.context
        return state.handle(
            externalEditFinished(field, text: text, problem: problem, &state.parameterPane, &state.parameters, context))

    case let .streamRetrying(id, notice, now):
        return state.streaming.active?.requestID == id
            ? state.handle(reduceStream(&state.streaming, .retrying(id, notice, nowMillis: now)))
            : state.handle(reduceCompare(&state.compare, .retrying(id, notice, nowMillis: now)))

    case let .streamHeartbeat(id, now):
        return state.streaming.active?.requestID == id
            ? state.handle(reduceStream(&state.streaming, .heartbeat(id, nowMillis: now)))
            : state.handle(reduceCompare(&state.compare, .heartbeat(id, nowMillis: now)))

    case let .streamReceived(id, events, now):
        return streamReceived(&state, id, events, now: now)

    case let .streamClosed(id, failure, now):
        return streamClosed(&state, id, failure: failure, now: now)
    }
}

/// The store is asked again when a key or a paste changed the sessions search's query.
private func sessionQueryEffects(_ state: inout AppState, before: String?) -> [Effect] {
    guard let search = state.sessions.search, search.query.text != (before ?? "") else { return [] }
    return state.handle(sessionQueryChanged(&state.sessions))
}

/// In a session not held whole, a change of the conversation search's query asks the store
/// for every match (the held messages were searched already).
private func conversationQueryEffects(_ state: inout AppState, before: String?) -> [Effect] {
    guard let search = state.conversation.search, search.query.text != (before ?? "") else { return [] }
    return state.conversation.wholeSessionSearch()
}
