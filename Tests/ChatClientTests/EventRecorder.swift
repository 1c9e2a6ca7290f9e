import ChatClient
import Foundation
import XCTest

/// Collects transport events per request from the transport thread, checks their order as
/// they arrive (head, bytes*, finished exactly once) and lets async tests wait for the end.
final class EventRecorder: @unchecked Sendable {
    struct Log {
        var status: Int?
        var headers: [(name: String, value: String)] = []
        var byteEvents: [[UInt8]] = []
        var finishes: [TransportFailure?] = []
        var finishedAt: UInt64?
        var orderViolations: [String] = []
        var body: [UInt8] { byteEvents.flatMap { $0 } }
        var failure: TransportFailure? { finishes.first ?? nil }
    }

    private let lock = NSLock()
    private var logs: [RequestID: Log] = [:]

    var handler: @Sendable (RequestID, TransportEvent) -> Void {
        { [self] id, event in record(id, event) }
    }

    private func record(_ id: RequestID, _ event: TransportEvent) {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock(); defer { lock.unlock() }
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
            log.finishedAt = now
        }
        logs[id] = log
    }

    func log(_ id: RequestID) -> Log {
        lock.lock(); defer { lock.unlock() }
        return logs[id] ?? Log()
    }

    /// Polls until `id` has finished; returns its log. Fails the test on timeout.
    func waitForFinish(
        _ id: RequestID, timeout: Double = 5, file: StaticString = #filePath, line: UInt = #line
    ) async -> Log {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            let current = log(id)
            if !current.finishes.isEmpty { return current }
            try? await Task.sleep(for: .milliseconds(5))
        }
        XCTFail("request \(id) did not finish within \(timeout) s", file: file, line: line)
        return log(id)
    }

    func waitForFirstBytes(_ id: RequestID, timeout: Double = 5) async -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if !log(id).byteEvents.isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return false
    }

    /// Asserts the per-request order invariant and exactly one finish.
    func assertWellOrdered(_ id: RequestID, file: StaticString = #filePath, line: UInt = #line) {
        let current = log(id)
        XCTAssertEqual(current.orderViolations, [], "order violations for \(id)", file: file, line: line)
        XCTAssertEqual(current.finishes.count, 1, "finished count for \(id)", file: file, line: line)
    }
}
