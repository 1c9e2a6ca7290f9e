import ChatClient
import ChatCore

extension Action {
    /// What the client reported about request `id`, as the reducer's action (the app's effect
    /// runner and `chatterm ask` post the same ones).
    init(_ update: CompletionUpdate, of id: ChatCore.RequestID, nowMillis now: Int64) {
        switch update {
        case let .events(events): self = .streamReceived(id, events, nowMillis: now)
        case let .closed(failure): self = .streamClosed(id, failure: failure, nowMillis: now)
        case let .retrying(notice): self = .streamRetrying(id, notice, nowMillis: now)
        case .heartbeat: self = .streamHeartbeat(id, nowMillis: now)
        }
    }
}
