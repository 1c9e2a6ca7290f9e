import ChatCore

/// Who the runner works for. The app performs every effect; `chatterm ask` only what a send,
/// a stream and a cancel produce, and the turn's two store writes when it keeps the turn.
public enum RuntimeMode: Sendable, Equatable {
    case app
    case ask(storesTurn: Bool)

    /// Whether the runner carries `effect` out; a refused one is dropped without a word (the
    /// reducer asks for the ones below only from a screen: none follows a send in `ask`).
    public func allows(_ effect: Effect) -> Bool {
        guard case let .ask(storesTurn) = self else { return true }
        switch effect {
        case .startStream, .cancelStream:
            return true
        case .createSession, .saveMessage:
            return storesTurn
        // `ask --mcp`: the servers start, approved calls run and can be stopped.
        case .startToolServers, .runTool, .stopTool:
            return true
        // Every other effect by name, so a new one is a decision here, not a silent default.
        case .loadSessions, .cycleTheme, .setMouse, .useProfile, .saveSessionProfile, .searchSessions,
             .searchConversation, .loadConversationAround, .loadMoreSessions, .loadConversation, .reopenSession,
             .saveRememberedChoices, .loadMessages, .loadRequestHistory, .switchBranch, .loadSentRequest,
             .saveParameters, .loadPresets, .savePreset, .deletePreset, .deleteMessages, .deleteSession,
             .renameSession, .exportSession, .writeFile, .forkSession, .restoreDeletion, .listModels,
             .startLocalServer, .useLocalServer, .editExternally, .copyToClipboard, .saveDraft, .loadDraft, .quit,
             .loadToolSwitches, .saveToolSwitches:
            return false
        }
    }

    /// The notice a failed store call becomes. `ask` says it once on stderr and stores no more.
    func storeFailure(_ error: String) -> String {
        switch self {
        case .app: "Could not save or load sessions: \(error)"
        case .ask: "could not store this ask: \(error). The reply is still printed in full."
        }
    }
}
