import Clocks
import Foundation
import XCTest
@testable import LocalServer
import TestClockSupport

/// `/flaky STATUS K`, `/retry-after S` and `/comments N`: what a client's retries and idle
/// notices are tested against.
final class FlakyCommandParsingTests: XCTestCase {
    func testFlakyTakesAStatusAndACount() {
        let commands = TestCommands.parse("/flaky 503 2 /tokens 3 hello")
        XCTAssertEqual(commands.flakyStatus, 503)
        XCTAssertEqual(commands.flakyCount, 2)
        XCTAssertEqual(commands.tokenCount, 3)
        XCTAssertEqual(commands.prompt, "hello")
    }

    func testFlakyWithoutBothNumbersIsText() {
        let commands = TestCommands.parse("/flaky 503 hello")
        XCTAssertNil(commands.flakyStatus)
        XCTAssertEqual(commands.prompt, "/flaky 503 hello")
    }

    func testRetryAfterAndCommentsAreClamped() {
        XCTAssertEqual(TestCommands.parse("/retry-after 5 x").retryAfterSeconds, 5)
        XCTAssertEqual(TestCommands.parse("/retry-after 999999 x").retryAfterSeconds, 3_600)
        XCTAssertEqual(TestCommands.parse("/retry-after -3 x").retryAfterSeconds, 0)
        XCTAssertEqual(TestCommands.parse("/comments 4 x").commentCount, 4)
        XCTAssertEqual(TestCommands.parse("/comments 99999999 x").commentCount, 10_000)
        XCTAssertEqual(TestCommands.parse("/flaky 429 99999 x").flakyCount, 1_000)
    }

    func testHelpTextNamesEveryCommand() {
        for command in [
            "/tokens", "/delay", "/error", "/flaky", "/retry-after", "/comments", "/stream-error", "/drop", "/stall", "/echo", "/escape",
            "/tool NAME JSON", "/tool-rounds N NAME",
        ] {
            XCTAssertTrue(TestCommands.helpText.contains(command), command)
        }
    }

    func testCounterCountsPerKey() {
        let counter = FlakyCounter()
        XCTAssertEqual((0..<4).map { _ in counter.shouldFail(key: "a", failures: 2) }, [true, true, false, false])
        XCTAssertTrue(counter.shouldFail(key: "b", failures: 1))
        XCTAssertFalse(counter.shouldFail(key: "c", failures: 0))
    }
}

final class FlakyCommandServerTests: ServerTestCase {
    func testFirstKIdenticalRequestsFailThenTheReplyStreams() async throws {
        try await startServer()
        let body = premBody("/flaky 503 2 /tokens 3 hello")
        let first = try await post("/v1/chat/completions", body)
        let second = try await post("/v1/chat/completions", body)
        let third = try await post("/v1/chat/completions", body)
        XCTAssertEqual([first.status, second.status, third.status], [503, 503, 200])
        XCTAssertEqual(first.header("Retry-After"), "1")
        let error = try jsonObject(first.bodyText)
        XCTAssertEqual(error["code"] as? String, "ProviderAPIConnectionError")
        XCTAssertTrue((error["message"] as? String)?.contains("/flaky") == true)
        XCTAssertEqual(try contentDeltas(sseBlocks(third.bodyText)).count, 3)
    }

    func testADifferentMessageHasItsOwnCount() async throws {
        try await startServer()
        let one = try await post("/v1/chat/completions", premBody("/flaky 500 1 first"))
        let other = try await post("/v1/chat/completions", premBody("/flaky 500 1 second"))
        let oneAgain = try await post("/v1/chat/completions", premBody("/flaky 500 1 first"))
        XCTAssertEqual([one.status, other.status, oneAgain.status], [500, 500, 200])
        XCTAssertNil(one.header("Retry-After"), "only 429 and 503 suggest a wait by default")
    }

    func testRetryAfterCommandSetsTheHeader() async throws {
        try await startServer()
        let limited = try await post("/v1/chat/completions", premBody("/retry-after 7 /flaky 429 1 slow"))
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.header("Retry-After"), "7")
        let failed = try await post("/v1/chat/completions", premBody("/retry-after 0 /error 500"))
        XCTAssertEqual(failed.status, 500)
        XCTAssertEqual(failed.header("Retry-After"), "0")
    }

    func testFlakyInTheOpenAIDialectUsesItsErrorShape() async throws {
        try await startServer()
        let response = try await post("/openai/v1/chat/completions", openAIBody("/flaky 429 1 hi"))
        XCTAssertEqual(response.status, 429)
        let error = try XCTUnwrap(try jsonObject(response.bodyText)["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "rate_limit_exceeded")
        let again = try await post("/openai/v1/chat/completions", openAIBody("/flaky 429 1 hi"))
        XCTAssertEqual(again.status, 200)
    }

    func testFlakyStatusOutOfRangeIsAValidationError() async throws {
        try await startServer()
        let response = try await post("/v1/chat/completions", premBody("/flaky 200 1 x"))
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(response.bodyText.contains("/flaky needs a status between 400 and 599"))
    }

    func testCommentsComeFirstSpacedByTheDelay() async throws {
        let clock = TestClock()
        try await startServer(LocalServerConfiguration(clock: clock))
        let port = self.port
        let body = premBody("/comments 3 /delay 100 /tokens 1 hi")
        let reply = Task { try await RawHTTPClient.send(port: port, path: "/v1/chat/completions", body: body) }
        // Three comments and one delta, each after 100 ms of the clock.
        for pause in 1...4 {
            let waiting = await clock.waitForSleeper()
            XCTAssertTrue(waiting, "pause \(pause)")
            await clock.advance(by: .milliseconds(100))
        }
        let response = try await reply.value
        XCTAssertEqual(clock.now, TestClock<Duration>.Instant(offset: .milliseconds(400)))
        XCTAssertTrue(response.bodyText.hasPrefix(": ping\n\n: ping\n\n: ping\n\nevent: completion\n"), response.bodyText)
        XCTAssertEqual(try contentDeltas(sseBlocks(response.bodyText)).count, 1)
        XCTAssertGreaterThanOrEqual(response.arrivals.count, 4, "written as they happen, not at the end")
    }
}
