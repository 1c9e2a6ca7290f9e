import ChatCore
import ScriptMode
import StreamProtocol

/// `AskOutput` fed as `chatterm ask` feeds it: a prompt sent through the reducer, then each
/// batch of stream events reduced (event by event for `--json`) and the reply's state after
/// each step shown. The tests keep
/// writing events in, and read the bytes the view of the state makes of them.
struct StreamedOutput {
    private var output: AskOutput
    private var state: AppState
    private var requestID = RequestID(0)
    private var replyID = ""

    init(format: AskOutput.Format, dialect: Dialect) {
        output = AskOutput(format: format, dialect: dialect)
        state = AppState(profile: Profile(name: "t", baseURL: "http://127.0.0.1:1", dialect: dialect, projectID: 1, defaultModel: "m"))
        _ = reduce(&state, .textPasted("hi"))
        let effects = reduce(&state, .commandInvoked(.send, Stamp(nowMillis: 1000, freshID: "fresh", random: 7)))
        for case let .startStream(id, _) in effects { requestID = id }
        replyID = state.streaming.active?.reply.id ?? ""
    }

    mutating func receive(_ events: [StreamEvent]) -> AskOutput.Writes {
        var writes = AskOutput.Writes()
        for step in output.steps(events) {
            _ = reduce(&state, .streamReceived(requestID, step, nowMillis: 2000))
            guard let reply = AskReplyView.of(replyID: replyID, in: &state) else { continue }
            writes.append(output.show(reply))
        }
        return writes
    }

    func retrying(_ notice: RetryNotice) -> AskOutput.Writes {
        output.retrying(notice)
    }

    mutating func finish(failure: APIError?, interrupted: Bool, stored: AskOutput.StoredTurn?) -> (AskOutput.Writes, AskExitStatus) {
        output.finish(failure: failure, interrupted: interrupted, stored: stored)
    }
}
