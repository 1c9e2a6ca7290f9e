import Foundation
import XCTest

/// Lets a test wait, without polling or sleeping, until a condition on values other threads
/// fill in holds: the filler calls `changed()` after every change, and each waiter's
/// condition is checked then. The timeout only bounds a test that would otherwise hang.
final class ConditionWaiter: @unchecked Sendable {
    // safe: `lock` guards `waiters`, the only field.
    private let lock = NSLock()
    private var waiters: [(condition: @Sendable () -> Bool, expectation: XCTestExpectation)] = []

    /// Call after every change to what the conditions read (never while holding a lock they take).
    func changed() {
        let met = lock.withLock {
            let met = waiters.filter { $0.condition() }
            waiters.removeAll { waiter in met.contains { $0.expectation === waiter.expectation } }
            return met
        }
        met.forEach { $0.expectation.fulfill() }
    }

    /// True once `condition` holds; false (and no test failure) when `timeout` seconds pass first.
    func wait(timeout: Double = 10, until condition: @escaping @Sendable () -> Bool) async -> Bool {
        let expectation = XCTestExpectation(description: "condition")
        let alreadyMet = lock.withLock {
            if condition() { return true }
            waiters.append((condition, expectation))
            return false
        }
        if alreadyMet { return true }
        let result = await XCTWaiter.fulfillment(of: [expectation], timeout: timeout)
        if result == .completed { return true }
        lock.withLock { waiters.removeAll { $0.expectation === expectation } }
        return condition()
    }
}
