import StreamProtocol

/// Work the reducer asks the outside world to do, as data so tests compare it directly.
/// The effect runner performs these and feeds the results back as actions.
public enum Effect: Sendable, Equatable {
    case loadSessions
    case loadConversation(sessionID: String)
    case startStream(RequestID, ChatRequest)
    case cancelStream(RequestID)
    case createSession(SessionSummary, SessionParameters)
    case saveMessage(Message, sessionID: String)
    case saveParameters(SessionParameters, sessionID: String, nowMillis: Int64)
    case quit
}
