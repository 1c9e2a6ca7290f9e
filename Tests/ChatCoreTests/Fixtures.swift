import ChatCore
import StreamProtocol
import XCTest

let premProfile = Profile(
    name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo")

func stamp(_ now: Int64, _ id: String = "id") -> Stamp { Stamp(nowMillis: now, freshID: id, random: 0) }

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
    XCTAssertEqual(apply(&state, typing(text)), [])
    let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
    for case let .startStream(id, _) in effects { return (state, id) }
    return (state, RequestID(0))
}

func press(_ state: inout AppState, _ keys: Key..., at now: Int64 = 0) -> [Effect] {
    return apply(&state, keys.map { .keyPressed($0, stamp(now)) })
}

/// Keys that type `text` into whatever has the keys; a line break is Ctrl+J.
func keys(typing text: String, at now: Int64 = 0) -> [Action] {
    text.map { $0 == "\n" ? .keyPressed(.control("j"), stamp(now)) : .keyPressed(.character($0), stamp(now)) }
}

/// A saved session whose first turn finished (so parameter changes are persisted), with focus
/// on the parameters pane.
func savedParametersState(profile: Profile = premProfile) -> AppState {
    var state = AppState(profile: profile)
    XCTAssertEqual(apply(&state, typing("hi")), [])
    let effects = reduce(&state, .keyPressed(.enter, stamp(1000, "S1")))
    for case let .startStream(id, _) in effects {
        let sent = state.streaming.active?.reply.request
        XCTAssertEqual(reduce(&state, .streamReceived(id, [.content("hello"), .done(StreamCompletion())], nowMillis: 1100)),
                       [.saveMessage(savedReply(state, sent), sessionID: "S1")])
    }
    XCTAssertEqual(reduce(&state, .keyPressed(.alt("3"), stamp(1200))), [])
    return state
}

/// Opens the inline editor on `field`, replaces its text with `text` and presses Enter.
@discardableResult
func typeValue(_ state: inout AppState, _ field: ParameterField, _ text: String, at now: Int64 = 5000) -> [Effect] {
    state.selectedField = field
    var effects = apply(&state, [.keyPressed(.enter, stamp(now))])
    // JSON opens pretty-printed over several lines with the caret at its start: Delete clears
    // what follows the caret, then each Ctrl+U and Backspace a line before it.
    let opened = state.destination?.fieldEditor?.text.text ?? ""
    effects += apply(&state, Array(repeating: .keyPressed(.delete, stamp(now)), count: opened.count))
    let lines = opened.split(separator: "\n", omittingEmptySubsequences: false).count
    for _ in 0..<lines { effects += apply(&state, [.keyPressed(.control("u"), stamp(now)), .keyPressed(.backspace, stamp(now))]) }
    effects += apply(&state, keys(typing: text, at: now) + [.keyPressed(.enter, stamp(now))])
    return effects
}

/// Two finished turns in one session, the conversation pane focused: replies "S1-a"
/// (temperature 0.5) and "S2-a". Also the request each reply's final save stored, by id,
/// which is what the store would answer `.loadSentRequest` with.
func twoFinishedTurns() -> (AppState, [String: SentRequest]) {
    var state = AppState(profile: premProfile)
    var stored: [String: SentRequest] = [:]
    func record(_ effects: [Effect]) {
        for case let .saveMessage(message, _) in effects where message.status == .complete {
            stored[message.id] = message.request
        }
    }
    state.parameters.temperature = 0.5
    XCTAssertEqual(apply(&state, typing("one")), [])
    for case let .startStream(id, _) in reduce(&state, .keyPressed(.enter, stamp(1000, "S1"))) {
        record(apply(&state, [.streamReceived(id, [.content("first"), .done(StreamCompletion())], nowMillis: 1100)]))
    }
    state.parameters.temperature = nil
    XCTAssertEqual(apply(&state, typing("two")), [])
    for case let .startStream(id, _) in reduce(&state, .keyPressed(.enter, stamp(2000, "S2"))) {
        record(apply(&state, [.streamReceived(id, [.content("second"), .done(StreamCompletion())], nowMillis: 2100)]))
    }
    XCTAssertEqual(reduce(&state, .keyPressed(.alt("2"), stamp(3000))), [])
    return (state, stored)
}

/// Two sessions, the second of them a search hit on its message m7 (the sessions-search tests).
let zebraSearchHit = SessionSearchHit(
    summary: SessionSummary(id: "s2", title: "Zebras", createdAtMillis: 0, updatedAtMillis: 0),
    messageID: "m7", snippet: "they \u{1}sleep\u{2} standing")

/// The sessions pane focused on two sessions, the second (the hit's) selected.
func stateWithZebraSessions() -> AppState {
    var state = AppState(profile: premProfile)
    state.sessions.list = [
        SessionSummary(id: "s1", title: "Other", createdAtMillis: 0, updatedAtMillis: 9),
        SessionSummary(id: "s2", title: "Zebras", createdAtMillis: 0, updatedAtMillis: 5),
    ]
    state.screen.focus = .sessions
    state.sessions.selectedIndex = 1
    return state
}
