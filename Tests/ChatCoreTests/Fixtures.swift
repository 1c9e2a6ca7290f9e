import ChatCore
import StreamProtocol

let premProfile = Profile(
    name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo")

func stamp(_ now: Int64, _ id: String = "id") -> Stamp { Stamp(nowMillis: now, freshID: id) }

/// Runs actions through the reducer, collecting every effect.
@discardableResult
func apply(_ state: inout AppState, _ actions: [Action]) -> [Effect] {
    actions.flatMap { reduce(&state, $0) }
}

func typing(_ text: String, at now: Int64 = 0) -> [Action] {
    text.map { .keyPressed(.character($0), stamp(now)) }
}

/// A state with one message sent and its stream started at t=1000.
func sentState(_ text: String = "hi") -> (AppState, RequestID) {
    var state = AppState(profile: premProfile)
    apply(&state, typing(text))
    let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
    for case let .startStream(id, _) in effects { return (state, id) }
    return (state, RequestID(0))
}
