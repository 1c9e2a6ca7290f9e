/// Keeping the message box's draft per session (`DraftKeeping`). Runs after every action, so
/// no command has to remember it: whatever changed the box, or the open session, is seen here.

/// The effects `reduce` produced, plus the draft's: the old session's draft written and the
/// new one's asked for when the session changed, the box written when the change is due.
func keepingDraft(_ state: inout AppState, _ effects: [Effect]) -> [Effect] {
    guard var keeping = state.composer.drafts else { return effects }
    var owed: [Effect] = []
    // While `e` edits a message the box holds that message's text; the draft is what the box
    // held before, which comes back when the edit ends (so a crash mid-edit keeps it).
    let text = state.composer.messageEdit?.draft ?? state.composer.input.text
    if state.conversation.activeSessionID != keeping.sessionID {
        // What the box holds was typed in the session being left (a send has emptied it, so
        // a sent message's draft is removed).
        if text != keeping.savedText { owed.append(.saveDraft(sessionID: keeping.sessionID, text: text)) }
        let newID = state.conversation.activeSessionID
        // A session this action created (the first send) has no draft to ask for.
        let created = effects.contains { if case let .createSession(summary, _) = $0 { return summary.id == newID } else { return false } }
        keeping = DraftKeeping(sessionID: newID)
        if !created {
            state.composer.input.clear()
            state.composer.promptRecall = nil
            owed.append(.loadDraft(sessionID: newID))
        }
        state.composer.drafts = keeping
        return insertBeforeQuit(owed, into: effects)
    }
    guard text != keeping.savedText else {
        keeping.unsavedSinceMillis = nil
        state.composer.drafts = keeping
        return effects
    }
    let since = keeping.unsavedSinceMillis ?? state.status.nowMillis
    keeping.unsavedSinceMillis = since
    if text.isEmpty || state.status.quitRequested || state.status.nowMillis - since >= DraftKeeping.saveAfterMillis {
        owed.append(.saveDraft(sessionID: keeping.sessionID, text: text))
        keeping.savedText = text
        keeping.unsavedSinceMillis = nil
    }
    state.composer.drafts = keeping
    return insertBeforeQuit(owed, into: effects)
}

/// The store answered `.loadDraft`. It fills the box only for the session still open and only
/// when nothing was typed since (typing first wins; it is written over the old draft).
func draftLoaded(_ state: inout AppState, sessionID: String?, text: String) -> [Effect] {
    guard var keeping = state.composer.drafts, keeping.sessionID == sessionID, state.composer.input.text.isEmpty, !text.isEmpty else {
        return []
    }
    state.composer.input.replaceAll(with: text)
    keeping.savedText = text
    keeping.unsavedSinceMillis = nil
    state.composer.drafts = keeping
    return []
}

/// Writes go before `.quit`, so the last one is queued before the run loop winds down (it waits
/// for the store's queue at exit).
private func insertBeforeQuit(_ owed: [Effect], into effects: [Effect]) -> [Effect] {
    guard !owed.isEmpty else { return effects }
    var all = effects
    let index = all.firstIndex(of: .quit) ?? all.endIndex
    all.insert(contentsOf: owed, at: index)
    return all
}
