import Foundation

/// Lets a test wait, without polling or sleeping, until a condition on values other threads
/// fill in holds: the filler calls `changed()` after every change, and each waiter's
/// condition is checked then. The timeout only bounds a test that would otherwise hang.
///
/// Not an `XCTestExpectation`: on Linux, XCTest's waiter spins its run loop while it waits,
/// taking a core from the transport thread the test is waiting for.
public final class ConditionWaiter: @unchecked Sendable {
    // safe: `lock` guards `waiters` and `expired`, the only mutable fields.
    private let lock = NSLock()
    private var waiters: [UInt64: (condition: @Sendable () -> Bool, continuation: CheckedContinuation<Bool, Never>)] = [:]
    private var expired: Set<UInt64> = []
    private var nextID: UInt64 = 0

    /// Call after every change to what the conditions read (never while holding a lock they take).
    public init() {}

    public func changed() {
        let met = lock.withLock {
            let ready = waiters.filter { $0.value.condition() }
            for id in ready.keys { waiters[id] = nil }
            return ready.values.map(\.continuation)
        }
        met.forEach { $0.resume(returning: true) }
    }

    /// True once `condition` holds; false when `timeout` seconds pass first.
    public func wait(timeout: Double = 10, until condition: @escaping @Sendable () -> Bool) async -> Bool {
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        let giveUp = DispatchWorkItem { [weak self] in self?.expire(id) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: giveUp)
        defer { giveUp.cancel() }
        let met = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: Bool? = lock.withLock {
                if condition() { return true }
                if expired.remove(id) != nil { return false }
                waiters[id] = (condition, continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
        return met || condition()
    }

    private func expire(_ id: UInt64) {
        let waiter = lock.withLock {
            let waiter = waiters.removeValue(forKey: id)
            if waiter == nil { expired.insert(id) }
            return waiter
        }
        waiter?.continuation.resume(returning: false)
    }
}
