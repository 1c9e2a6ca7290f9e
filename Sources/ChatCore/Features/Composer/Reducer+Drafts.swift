/// Keeping the message box's draft per session (`DraftKeeping`). Runs after every action, so
/// no command has to remember it: whatever changed the box, or the open session, is seen here.
/// What it reads of the app comes down as plain values: it runs on a streamed delta's action
/// too, where no `FeatureContext` is built.

/// The effects `reduce` produced, plus the draft's: the old session's draft written and the
/// new one's asked for when the session changed, the box written when the change is due.
func keepingDraft(
    _ state: inout ComposerState, openSessionID: String?, nowMillis: Int64, quitRequested: Bool, _ effects: [Effect]
) -> [Effect] {
    guard var keeping = state.drafts else { return effects }
    var owed: [Effect] = []
    // While `e` edits a message the box holds that message's text; the draft is what the box
    // held before, which comes back when the edit ends (so a crash mid-edit keeps it).
    let text = state.messageEdit?.draft ?? state.input.text
    if openSessionID != keeping.sessionID {
        // What the box holds was typed in the session being left (a send has emptied it, so
        // a sent message's draft is removed).
        if text != keeping.savedText { owed.append(.saveDraft(sessionID: keeping.sessionID, text: text)) }
        let newID = openSessionID
        // A session this action created (the first send) has no draft to ask for.
        let created = effects.contains { if case let .createSession(summary, _) = $0 { return summary.id == newID } else { return false } }
        keeping = DraftKeeping(sessionID: newID)
        if !created {
            state.input.clear()
            state.promptRecall = nil
            owed.append(.loadDraft(sessionID: newID))
        }
        state.drafts = keeping
        return insertBeforeQuit(owed, into: effects)
    }
    guard text != keeping.savedText else {
        keeping.unsavedSinceMillis = nil
        state.drafts = keeping
        return effects
    }
    let since = keeping.unsavedSinceMillis ?? nowMillis
    keeping.unsavedSinceMillis = since
    if text.isEmpty || quitRequested || nowMillis - since >= DraftKeeping.saveAfterMillis {
        owed.append(.saveDraft(sessionID: keeping.sessionID, text: text))
        keeping.savedText = text
        keeping.unsavedSinceMillis = nil
    }
    state.drafts = keeping
    return insertBeforeQuit(owed, into: effects)
}

/// The store answered `.loadDraft`. It fills the box only for the session still open and only
/// when nothing was typed since (typing first wins; it is written over the old draft).
func draftLoaded(_ state: inout ComposerState, sessionID: String?, text: String) -> Reduced<ComposerDelegate> {
    guard var keeping = state.drafts, keeping.sessionID == sessionID, state.input.text.isEmpty, !text.isEmpty else {
        return Reduced()
    }
    state.input.replaceAll(with: text)
    keeping.savedText = text
    keeping.unsavedSinceMillis = nil
    state.drafts = keeping
    return Reduced()
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
