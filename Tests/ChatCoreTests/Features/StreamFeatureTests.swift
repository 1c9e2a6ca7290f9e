@testable import ChatCore
import StreamProtocol
import XCTest

/// The stream feature's reducer on its own state: liveness of the reply in flight, and the
/// delegate that moves the root's clock.
final class StreamFeatureTests: XCTestCase {
    func testARetryAndAHeartbeatChangeTheReplyInFlightAndTellTheRoot() {
        let (sent, id) = sentState()
        let store = TestStore(sent.streaming, reducer: reduceStream)
        let notice = RetryNotice(attempt: 1, maxAttempts: 3, delayMillis: 400, fromRetryAfter: false, reason: APIError(message: "busy"))
        store.send(.retrying(id, notice, nowMillis: 1100), returns: Reduced(delegates: [.answered(nowMillis: 1100)])) {
            $0.active?.pendingRetry = PendingRetry(notice: notice, announcedAtMillis: 1100)
            $0.active?.retryCount = 1
            $0.active?.attemptStartedAtMillis = 1500
            $0.active?.lastActivityAtMillis = 1500
            $0.active?.phase = .waiting
        }
        store.send(.heartbeat(id, nowMillis: 1600), returns: Reduced(delegates: [.answered(nowMillis: 1600)])) {
            $0.active?.pendingRetry = nil
            $0.active?.lastActivityAtMillis = 1600
        }
    }

    func testAnotherRequestsAnswerChangesNothingAndSaysNothing() {
        let (sent, _) = sentState()
        let store = TestStore(sent.streaming, reducer: reduceStream)
        store.send(.heartbeat(RequestID(99), nowMillis: 9000), returns: .nothing)
        store.send(.retrying(RequestID(99), RetryNotice(attempt: 1, maxAttempts: 1, delayMillis: 1, fromRetryAfter: false,
                                                        reason: APIError(message: "x")), nowMillis: 9000), returns: .nothing)
    }

    func testRequestIDsOnlyGrow() {
        var state = StreamingState()
        XCTAssertEqual(state.takeRequestID(), RequestID(1))
        XCTAssertEqual(state.takeRequestID(), RequestID(2))
    }
}
