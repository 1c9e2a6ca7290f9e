@testable import ChatClient
import Foundation
import StreamProtocol
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testNoneNeverRetries() {
        XCTAssertEqual(RetryPolicy.none.maxRetries, 0)
        XCTAssertEqual(RetryPolicy(maxRetries: -3).maxRetries, 0, "negative counts mean none")
    }

    func testFullJitterCeilingDoublesUpToTheCap() {
        let policy = RetryPolicy(maxRetries: 10, baseDelayMillis: 100, maxDelayMillis: 1_000, jitter: .full)
        // A draw of 1 shows the ceiling itself.
        let ceilings = (1...6).map { policy.delayMillis(attempt: $0, previousDelayMillis: nil, unitRandom: 1) }
        XCTAssertEqual(ceilings, [100, 200, 400, 800, 1_000, 1_000])
        XCTAssertEqual(policy.delayMillis(attempt: 3, previousDelayMillis: nil, unitRandom: 0.5), 200)
        XCTAssertEqual(policy.delayMillis(attempt: 3, previousDelayMillis: nil, unitRandom: 0), 0)
    }

    func testHugeAttemptNumbersAndOddDrawsDoNotTrap() {
        let policy = RetryPolicy(maxRetries: 3, baseDelayMillis: 500, maxDelayMillis: 8_000)
        XCTAssertEqual(policy.delayMillis(attempt: Int.max, previousDelayMillis: nil, unitRandom: 1), 8_000)
        XCTAssertEqual(policy.delayMillis(attempt: 0, previousDelayMillis: nil, unitRandom: 1), 500)
        XCTAssertEqual(policy.delayMillis(attempt: 2, previousDelayMillis: nil, unitRandom: .nan), 0)
        XCTAssertEqual(policy.delayMillis(attempt: 2, previousDelayMillis: nil, unitRandom: 7), 1_000)
        XCTAssertEqual(policy.delayMillis(attempt: 2, previousDelayMillis: nil, unitRandom: -1), 0)
    }

    func testDecorrelatedJitterStaysBetweenBaseAndThreeTimesThePreviousWait() {
        let policy = RetryPolicy(maxRetries: 5, baseDelayMillis: 100, maxDelayMillis: 2_000, jitter: .decorrelated)
        XCTAssertEqual(policy.delayMillis(attempt: 1, previousDelayMillis: nil, unitRandom: 0), 100)
        XCTAssertEqual(policy.delayMillis(attempt: 1, previousDelayMillis: nil, unitRandom: 1), 300)
        XCTAssertEqual(policy.delayMillis(attempt: 2, previousDelayMillis: 300, unitRandom: 1), 900)
        XCTAssertEqual(policy.delayMillis(attempt: 3, previousDelayMillis: 900, unitRandom: 1), 2_000, "capped")
        XCTAssertEqual(policy.delayMillis(attempt: 3, previousDelayMillis: 900, unitRandom: 0.5), 1_050)
    }

    func testWaitsNeverExceedTheCapForAnyDraw() {
        var generator = SystemRandomNumberGenerator()
        for jitter in [RetryPolicy.Jitter.full, .decorrelated] {
            let policy = RetryPolicy(maxRetries: 8, baseDelayMillis: 250, maxDelayMillis: 4_000, jitter: jitter)
            var previous: Int64?
            for attempt in 1...8 {
                let delay = policy.delayMillis(
                    attempt: attempt, previousDelayMillis: previous, unitRandom: Double.random(in: 0..<1, using: &generator))
                XCTAssertTrue((0...4_000).contains(delay), "\(jitter) attempt \(attempt): \(delay)")
                previous = delay
            }
        }
    }

    func testStandardPolicyIsModest() {
        XCTAssertEqual(RetryPolicy.standard.maxRetries, 3)
        XCTAssertLessThanOrEqual(RetryPolicy.standard.maxDelayMillis, 10_000)
    }
}

final class RetryAfterTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    func testDeltaSeconds() {
        XCTAssertEqual(RetryAfter.parse("1", now: now), 1_000)
        XCTAssertEqual(RetryAfter.parse(" 0 ", now: now), 0)
        XCTAssertEqual(RetryAfter.parse("90", now: now), 90_000)
    }

    func testLongWaitsAreClampedToTheMaximum() {
        XCTAssertEqual(RetryAfter.parse("3600", now: now), RetryAfter.maximumMillis)
        XCTAssertEqual(RetryAfter.parse("99999999999999999999999", now: now), RetryAfter.maximumMillis)
        XCTAssertEqual(RetryAfter.maximumMillis, 120_000)
    }

    func testHTTPDateInAllThreeForms() {
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:50:07 GMT", now: now), 30_000)
        XCTAssertEqual(RetryAfter.parse("Sunday, 06-Nov-94 08:50:07 GMT", now: now), 30_000)
        XCTAssertEqual(RetryAfter.parse("Sun Nov  6 08:50:07 1994", now: now), 30_000)
    }

    func testDatesInThePastMeanNowAndFarDatesAreClamped() {
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now), 0)
        XCTAssertEqual(RetryAfter.parse("Mon, 07 Nov 1994 08:49:37 GMT", now: now), RetryAfter.maximumMillis)
    }

    func testInvalidValuesAreNil() {
        for value in ["", "  ", "-1", "+5", "1.5", "soon", "0x10", "Sun, 06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "1 2"] {
            XCTAssertNil(RetryAfter.parse(value, now: now), value)
        }
    }

    func testHeadersAreFoundCaseInsensitivelyAndMillisecondsWin() {
        XCTAssertEqual(RetryAfter.delayMillis(headers: [(name: "retry-after", value: "2")], now: now), 2_000)
        XCTAssertEqual(RetryAfter.delayMillis(headers: [(name: "Retry-After", value: "2"), (name: "Retry-After-Ms", value: "250.4")], now: now), 251)
        XCTAssertEqual(RetryAfter.delayMillis(headers: [(name: "Retry-After", value: "2"), (name: "retry-after-ms", value: "-4")], now: now), 2_000,
                       "an invalid millisecond value falls back to Retry-After")
        XCTAssertNil(RetryAfter.delayMillis(headers: [(name: "Content-Type", value: "application/json")], now: now))
        XCTAssertEqual(RetryAfter.delayMillis(headers: [(name: "retry-after-ms", value: "1e9")], now: now), RetryAfter.maximumMillis)
    }
}

final class RetryRulesTests: XCTestCase {
    func testRetryableStatuses() {
        for status in [429, 500, 502, 503, 504, 520, 599] {
            XCTAssertTrue(RetryRules.isRetryable(status: status, code: nil), "\(status)")
        }
        for status in [400, 401, 403, 404, 409, 413, 422, 501, 505, 200, 301] {
            XCTAssertFalse(RetryRules.isRetryable(status: status, code: nil), "\(status)")
        }
        XCTAssertFalse(RetryRules.isRetryable(status: 429, code: "insufficient_quota"), "an empty quota does not refill in seconds")
        XCTAssertTrue(RetryRules.isRetryable(status: 429, code: "RateLimitError"))
    }

    func testRetryableTransportFailures() {
        func failure(_ kind: TransportFailure.Kind) -> TransportFailure {
            TransportFailure(kind: kind, message: "m", curlCode: 0)
        }
        XCTAssertTrue(RetryRules.isRetryable(failure(.couldNotConnect), responseStarted: false))
        XCTAssertTrue(RetryRules.isRetryable(failure(.connectionDropped), responseStarted: true))
        XCTAssertTrue(RetryRules.isRetryable(failure(.timedOut), responseStarted: false))
        XCTAssertFalse(RetryRules.isRetryable(failure(.timedOut), responseStarted: true), "an idle abort after the head is the user's limit")
        for kind in [TransportFailure.Kind.dns, .tls, .cancelled, .other, .proxyRefused] {
            XCTAssertFalse(RetryRules.isRetryable(failure(kind), responseStarted: false), "\(kind)")
        }
    }
}
