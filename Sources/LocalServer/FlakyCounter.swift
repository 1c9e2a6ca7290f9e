import Foundation

/// Counts identical requests for `/flaky STATUS K`, so the first K attempts of one message fail
/// and its retries then succeed. Keyed by dialect and the whole last user message: a client's
/// retry resends exactly that, while a differently worded message starts its own count.
// safe: `lock` guards `seen`, the only mutable field.
final class FlakyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String: Int] = [:]
    /// Distinct messages remembered; past this the table starts over (a test server that ran
    /// for days must not grow without bound).
    private let capacity = 10_000

    /// Counts this request and answers whether it is one of the first `failures` with its key.
    func shouldFail(key: String, failures: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if seen.count >= capacity, seen[key] == nil { seen = [:] }
        let earlier = seen[key, default: 0]
        seen[key] = earlier + 1
        return earlier < failures
    }
}
