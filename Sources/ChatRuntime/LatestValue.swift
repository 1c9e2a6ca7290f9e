import Foundation

/// One value shared between the run loop's thread (which sets it) and a queue (which reads
/// it): the newest search query, the last count of outside changes.
// safe: every access to `value` holds `lock`.
final class LatestValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    init(_ value: Value? = nil) {
        self.value = value
    }

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func get() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
