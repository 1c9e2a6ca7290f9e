import ChatClient
import Foundation
import XCTest
import TestClockSupport

/// Collects transport events per request from the transport thread, checks their order as
/// they arrive (head, bytes*, finished exactly once) and lets async tests wait for the end.
// safe: `lock` guards `logs`; the waiter has its own lock.
final class EventRecorder: @unchecked Sendable {
    struct Log {
        var status: Int?
        var headers: [(name: String, value: String)] = []
        var byteEvents: [[UInt8]] = []
        var finishes: [TransportFailure?] = []
        var orderViolations: [String] = []
        var body: [UInt8] { byteEvents.flatMap { $0 } }
        var failure: TransportFailure? { finishes.first ?? nil }
    }

    private let lock = NSLock()
    private var logs: [RequestID: Log] = [:]
    private let waiter = ConditionWaiter()

    var handler: @Sendable (RequestID, TransportEvent) -> Void {
        { [self] id, event in record(id, event) }
    }

    private func record(_ id: RequestID, _ event: TransportEvent) {
        lock.withLock { append(event, to: id) }
        waiter.changed()
    }

    private func append(_ event: TransportEvent, to id: RequestID) {
        var log = logs[id] ?? Log()
        if !log.finishes.isEmpty { log.orderViolations.append("event after finished: \(event)") }
        switch event {
        case let .head(status, headers):
            if log.status != nil { log.orderViolations.append("second head") }
            if !log.byteEvents.isEmpty { log.orderViolations.append("head after bytes") }
            log.status = status
            log.headers = headers
        case let .bytes(bytes):
            if log.status == nil { log.orderViolations.append("bytes before head") }
            log.byteEvents.append(bytes)
        case let .finished(failure):
            log.finishes.append(failure)
        }
        logs[id] = log
    }

    func log(_ id: RequestID) -> Log {
        lock.lock(); defer { lock.unlock() }
        return logs[id] ?? Log()
    }

    /// Waits until `id` has finished; returns its log. Fails the test on timeout.
    func waitForFinish(
        _ id: RequestID, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line
    ) async -> Log {
        let finished = await waiter.wait(timeout: timeout) { [self] in !log(id).finishes.isEmpty }
        if !finished { XCTFail("request \(id) did not finish within \(timeout) s", file: file, line: line) }
        return log(id)
    }

    /// Waits until `condition` holds for `id`'s log so far.
    func waitUntil(_ id: RequestID, timeout: Double = 10, _ condition: @escaping @Sendable (Log) -> Bool) async -> Bool {
        await waiter.wait(timeout: timeout) { [self] in condition(log(id)) }
    }

    func waitForFirstBytes(_ id: RequestID, timeout: Double = 10) async -> Bool {
        await waiter.wait(timeout: timeout) { [self] in !log(id).byteEvents.isEmpty }
    }

    /// Asserts the per-request order invariant and exactly one finish.
    func assertWellOrdered(_ id: RequestID, file: StaticString = #filePath, line: UInt = #line) {
        let current = log(id)
        XCTAssertEqual(current.orderViolations, [], "order violations for \(id)", file: file, line: line)
        XCTAssertEqual(current.finishes.count, 1, "finished count for \(id)", file: file, line: line)
    }
}
