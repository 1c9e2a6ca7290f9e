import ScriptMode
import StreamProtocol
import XCTest

final class AskOutputTests: XCTestCase {
    private typealias Writes = AskOutput.Writes

    func testTextStreamsTheReplyCleanedAndEndsTheLine() {
        var output = StreamedOutput(format: .text(raw: false), dialect: .prem)
        XCTAssertEqual(output.receive([.model("m"), .reasoning("hmm"), .content("Hello \u{1B}[2")]), Writes(stdout: "Hello "))
        XCTAssertEqual(output.receive([.content("Jworld")]), Writes(stdout: "world"))
        XCTAssertEqual(output.receive([.finishReason("stop"), .done(StreamCompletion(traceID: "t"))]), Writes())
        let (writes, status) = output.finish(failure: nil, interrupted: false, stored: nil)
        XCTAssertEqual(writes, Writes(stdout: "\n"))
        XCTAssertEqual(status, .success)
    }

    func testTextThatEndsItsLineGetsNoSecondBreakAndRawKeepsEscapes() {
        var output = StreamedOutput(format: .text(raw: true), dialect: .prem)
        XCTAssertEqual(output.receive([.content("a\u{1B}[31mred\n"), .done(StreamCompletion())]), Writes(stdout: "a\u{1B}[31mred\n"))
        XCTAssertEqual(output.finish(failure: nil, interrupted: false, stored: nil).0, Writes())
    }

    /// Chunks that were not JSON: the first is shown on stderr, the count at the end; stdout
    /// stays the reply's text. In JSON each is a line, and `done` counts them.
    func testSkippedEventsAreSaidOnStderrAndCountedInJSON() {
        var text = StreamedOutput(format: .text(raw: false), dialect: .openai)
        XCTAssertEqual(text.receive([.content("a"), .skipped("{bad\u{1B}[2J")]),
                       Writes(stdout: "a", stderr: "chatterm: skipped a stream event that was not JSON: {bad\n"))
        XCTAssertEqual(text.receive([.skipped("again"), .content("b"), .done(StreamCompletion())]), Writes(stdout: "b"))
        let (writes, status) = text.finish(failure: nil, interrupted: false, stored: nil)
        XCTAssertEqual(writes, Writes(stdout: "\n", stderr: "chatterm: 2 stream events were not JSON and skipped; the reply may miss text.\n"))
        XCTAssertEqual(status, .success)

        var json = StreamedOutput(format: .json, dialect: .openai)
        XCTAssertEqual(json.receive([.skipped("{bad")]), Writes(stdout: #"{"type":"skipped","data":"{bad"}"# + "\n"))
        _ = json.receive([.done(StreamCompletion())])
        XCTAssertEqual(json.finish(failure: nil, interrupted: false, stored: nil).0,
                       Writes(stdout: #"{"type":"done","skipped_events":1}"# + "\n"))
    }

    func testNothingAfterTheEndOfTheStreamIsPrinted() {
        var output = StreamedOutput(format: .text(raw: false), dialect: .prem)
        XCTAssertEqual(output.receive([.content("a"), .done(StreamCompletion()), .content("late")]), Writes(stdout: "a"))
    }

    func testHTTPErrorsGoToStderrWithAdviceAndTheirStatus() {
        var output = StreamedOutput(format: .text(raw: false), dialect: .prem)
        let (writes, status) = output.finish(
            failure: APIError(status: 401, code: "AuthenticationError", message: "Invalid \u{1B}]0;x\u{07}key"), interrupted: false,
            stored: nil)
        XCTAssertEqual(writes.stdout, "")
        XCTAssertEqual(writes.stderr, """
            chatterm: HTTP 401 · AuthenticationError: Invalid key
            → The API key was not accepted: check the key you configured (or PREMAI_API_KEY).

            """)
        XCTAssertEqual(status, .authentication)
    }

    func testEachFailureHasItsStatus() {
        func status(_ failure: APIError?, events: [StreamEvent] = [], interrupted: Bool = false) -> AskExitStatus {
            var output = StreamedOutput(format: .text(raw: false), dialect: .openai)
            _ = output.receive(events)
            return output.finish(failure: failure, interrupted: interrupted, stored: nil).1
        }
        XCTAssertEqual(status(APIError(status: 429, message: "slow down")), .rateLimited)
        XCTAssertEqual(status(APIError(status: 503, message: "busy")), .serverError)
        XCTAssertEqual(status(APIError(status: 400, message: "bad")), .failed)
        XCTAssertEqual(status(APIError(code: "ConnectionFailed", message: "refused")), .connection)
        XCTAssertEqual(status(APIError(status: 403, message: "no")), .authentication)
        // A clean close without `done`: the reply is incomplete.
        XCTAssertEqual(status(nil, events: [.content("half")]), .connection)
        // An error event mid-stream, with or without a code we know.
        XCTAssertEqual(status(nil, events: [.content("a"), .error(APIError(message: "upstream failed"))]), .serverError)
        XCTAssertEqual(status(nil, events: [.error(APIError(code: "RateLimitError", message: "x"))]), .rateLimited)
        XCTAssertEqual(status(nil, events: [.content("a")], interrupted: true), .interrupted)
        XCTAssertEqual(status(nil, events: [.done(StreamCompletion())]), .success)
    }

    func testRetriesAreSaidOnStderr() {
        let output = StreamedOutput(format: .text(raw: false), dialect: .prem)
        let notice = RetryNotice(
            attempt: 1, maxAttempts: 3, delayMillis: 1500, fromRetryAfter: true,
            reason: APIError(status: 503, message: "busy"))
        XCTAssertEqual(output.retrying(notice), Writes(stderr: "chatterm: HTTP 503 · busy; retry 1 of 3 in 1.5 s\n"))
    }

    func testJSONLinesCarryEveryEventExactly() {
        var output = StreamedOutput(format: .json, dialect: .prem)
        var stdout = output.receive([
            .model("m"), .reasoning("think\u{1B}"), .content("Hi \"there\""),
            .toolCall(ToolCallDelta(index: 0, id: "c1", name: "f", arguments: "{\"a\":")),
            .toolCall(ToolCallDelta(index: 0, arguments: "1}")),
            .usage(TokenUsage(promptTokens: 3)), .usage(TokenUsage(completionTokens: 2, totalTokens: 5)),
            .finishReason("tool_calls"),
            .done(StreamCompletion(traceID: "tr", documentChunksJSON: #"[{"document_name":"a.md"}]"#)),
        ]).stdout
        stdout += output.retrying(RetryNotice(
            attempt: 2, maxAttempts: 3, delayMillis: 500, fromRetryAfter: false,
            reason: APIError(status: 429, code: "RateLimitError", message: "slow"))).stdout
        let (writes, status) = output.finish(
            failure: nil, interrupted: false, stored: AskOutput.StoredTurn(sessionID: "s", messageID: "s-a"))
        stdout += writes.stdout
        XCTAssertEqual(status, .success)
        XCTAssertEqual(writes.stderr, "")
        XCTAssertEqual(stdout.split(separator: "\n", omittingEmptySubsequences: false), [
            #"{"type":"reasoning","text":"think\u001b"}"#,
            #"{"type":"delta","text":"Hi \"there\""}"#,
            #"{"type":"retry","attempt":2,"max_attempts":3,"delay_ms":500,"retry_after":false,"status":429,"code":"RateLimitError","message":"slow"}"#,
            #"{"type":"tool_call","index":0,"id":"c1","name":"f","arguments":"{\"a\":1}"}"#,
            #"{"type":"done","model":"m","finish_reason":"tool_calls","usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5},"trace_id":"tr","document_chunks":[{"document_name":"a.md"}],"session":"s","message_id":"s-a"}"#,
            "",
        ])
    }

    func testJSONErrorLineNamesCategoryAdviceAndStatus() {
        var output = StreamedOutput(format: .json, dialect: .openai)
        _ = output.receive([.content("partial")])
        let (writes, status) = output.finish(failure: APIError(status: 429, message: "slow"), interrupted: false, stored: nil)
        XCTAssertEqual(status, .rateLimited)
        XCTAssertEqual(writes.stdout, #"{"type":"error","category":"rate_limit","status":429,"message":"slow","advice":"Rate limited: wait a little before sending again.","exit_status":4}"# + "\n")

        var interrupted = StreamedOutput(format: .json, dialect: .openai)
        XCTAssertEqual(
            interrupted.finish(failure: nil, interrupted: true, stored: nil).0.stdout,
            #"{"type":"error","category":"interrupted","code":"interrupted","message":"Interrupted: the reply is incomplete.","exit_status":130}"# + "\n")
    }

    func testToolCallsInTextModeAreNotesOnStderr() {
        var output = StreamedOutput(format: .text(raw: false), dialect: .openai)
        _ = output.receive([.toolCall(ToolCallDelta(index: 0, id: "c", name: "get_weather", arguments: #"{"city":"Oslo"}"#)),
                            .done(StreamCompletion())])
        let (writes, status) = output.finish(failure: nil, interrupted: false, stored: nil)
        XCTAssertEqual(writes, Writes(stderr: #"chatterm: tool call get_weather {"city":"Oslo"}"# + "\n"))
        XCTAssertEqual(status, .success)
    }

    func testExitStatusTableListsEveryStatus() {
        XCTAssertEqual(AskExitStatus.table.split(separator: "\n").count, AskExitStatus.allCases.count)
        XCTAssertEqual(Set(AskExitStatus.allCases.map(\.rawValue)).count, AskExitStatus.allCases.count)
    }
}
