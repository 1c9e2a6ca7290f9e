import Foundation
import GRDB

/// Whether the database file is known to be damaged, so that nothing is written into a file
/// SQLite has called corrupt: a write to a damaged b-tree can spread the damage, and a user who
/// is told at once can still move the file aside whole for recovery tools.
///
/// The file is checked with `PRAGMA quick_check` (every page of every b-tree, not the indexes'
/// agreement with their tables): at open within a small budget, which a small or medium file
/// finishes, and when it does not, to the end on a background thread. Every write waits for
/// that verdict first (`requireSound`, at most `writeWaitLimit`), so damage is found before the
/// first write (in a very large file, before any write made once the check has ended); and any
/// SQLITE_CORRUPT / SQLITE_NOTADB met later, on any read or write, stops writing as well.
// safe: `condition` (its lock) guards `finished`, `damage`, `job` and `damageHandlers`, the
// only mutable fields.
final class IntegrityWatch: @unchecked Sendable {
    /// How long the check at open may take before it goes on in the background: small
    /// against the 100 ms the first screen may take.
    static let openBudget: DispatchTimeInterval = .milliseconds(25)
    /// Files up to this size are checked at open (within the budget: a few MB a millisecond
    /// or so); a larger one only in the background, which costs its first screen nothing.
    static let checkedAtOpenBytes = 16 << 20

    static func checksAtOpen(fileAt path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return size <= checkedAtOpenBytes
    }
    /// How long after the open the rest of the check starts.
    static let backgroundDelay = Duration.milliseconds(500)

    private let condition = NSCondition()
    private var finished: Bool
    private var damage: StoreError?
    /// The background check while it waits for its delay.
    private var job: (@Sendable () -> Void)?
    /// Told once, when the first damage is recorded (see `whenDamageFound`).
    private var damageHandlers: [@Sendable (StoreError) -> Void] = []
    /// Waits of `requireSound` whose limit has passed, by number (the next one is `waitsBegun`).
    private var expiredWaits: Set<UInt64> = []
    private var waitsBegun: UInt64 = 0
    /// The delay before the background check and the limit of a write's wait run on this
    /// clock (`ContinuousClock` in the app, a `TestClock` in tests); the check's own budgets
    /// interrupt real disk work and stay on real time.
    private let sleep: @Sendable (Duration) async throws -> Void

    /// A watch whose verdict is already known (an in-memory store, or a check that finished).
    init(damage: StoreError? = nil, finished: Bool = true, clock: any Clock<Duration> = ContinuousClock()) {
        self.damage = damage
        self.finished = finished
        self.sleep = Self.sleeper(on: clock)
    }

    private static func sleeper(on clock: some Clock<Duration>) -> @Sendable (Duration) async throws -> Void {
        { duration in try await clock.sleep(for: duration) }
    }

    /// The first damage found, if any: what every later write throws.
    var knownDamage: StoreError? {
        condition.lock()
        defer { condition.unlock() }
        return damage
    }

    /// How long a write waits for a check still running: past it, the write goes ahead (the
    /// check goes on, and stops every write after it once it finds damage). A large file's
    /// whole check takes seconds (17 s for a million messages on a loaded 2-core machine), and
    /// the store's queue, the screen's reads and `chatterm ask` should not stall that long.
    static let writeWaitLimit: TimeInterval = 2

    /// Waits for the check to end (at most `limit`), then throws the damage it (or any later
    /// use) found. A check still waiting for its delay is started at once: whoever waits
    /// should not wait longer.
    func requireSound(waitingAtMost limit: TimeInterval = IntegrityWatch.writeWaitLimit) throws(StoreError) {
        if let job = claimJob() { DispatchQueue.global(qos: .userInitiated).async(execute: job) }
        condition.lock()
        if finished {
            let found = damage
            condition.unlock()
            if let found { throw found }
            return
        }
        waitsBegun += 1
        let wait = waitsBegun
        condition.unlock()
        // The limit is a task sleeping on the clock that wakes this thread when it ends.
        let limitTimer = Task { [self, sleep] in
            do {
                try await sleep(.seconds(limit.isFinite ? min(max(0, limit), 365 * 86_400) : 365 * 86_400))
            } catch {
                return  // the verdict came first
            }
            limitPassed(wait)
        }
        condition.lock()
        while !finished, !expiredWaits.contains(wait) { condition.wait() }
        expiredWaits.remove(wait)
        let found = damage
        condition.unlock()
        limitTimer.cancel()
        if let found { throw found }
    }

    /// Ends the wait numbered `wait` (its limit passed on the clock).
    private func limitPassed(_ wait: UInt64) {
        condition.lock()
        expiredWaits.insert(wait)
        condition.broadcast()
        condition.unlock()
    }

    /// Keeps the first damage found (later ones say nothing new) and ends any wait; the first
    /// damage is told to the handlers (outside the lock: they may ask this watch again).
    func record(damage found: StoreError?) {
        condition.lock()
        let isFirst = damage == nil && found != nil
        if damage == nil { damage = found }
        finished = true
        condition.broadcast()
        let handlers = isFirst ? damageHandlers : []
        if isFirst { damageHandlers = [] }
        condition.unlock()
        if let found { for handler in handlers { handler(found) } }
    }

    /// Calls `handler` (on whichever thread finds it) with the first damage found, at once if
    /// it is known already: the app says so on the status line when the background check
    /// finds it, not only when a write is refused.
    func whenDamageFound(_ handler: @escaping @Sendable (StoreError) -> Void) {
        condition.lock()
        let known = damage
        if known == nil { damageHandlers.append(handler) }
        condition.unlock()
        if let known { handler(known) }
    }

    /// Runs the rest of the check on a background thread, on its own read-only connection.
    func finishInBackground(path: String, configuration: Configuration, busyTimeoutSeconds: Double) {
        // After the first screen: the check reads the whole file (17 s for a million messages
        // on a loaded 2-core machine), and the screen should not wait for the disk it shares.
        condition.lock()
        job = { [self] in
            do {
                let reader = try DatabaseQueue(path: path, configuration: configuration)
                defer { try? reader.close() }
                let verdict = try Self.check(reader, budget: nil)
                record(damage: verdict.damage(path: path))
            } catch {
                let mapped = StoreError.from(error, path: path, busyTimeoutSeconds: busyTimeoutSeconds)
                // Only damage stops writing; a check that could not run (locked, say) leaves
                // the file to the writes' own errors.
                record(damage: mapped.kind == .corrupt ? mapped : nil)
            }
        }
        condition.unlock()
        Task { [self, sleep] in
            try? await sleep(Self.backgroundDelay)
            // On a dispatch thread: the check reads for seconds, too long to hold a task's thread.
            guard let job = claimJob() else { return }
            DispatchQueue.global(qos: .utility).async(execute: job)
        }
    }

    /// The check not yet begun, taken so that it runs once (on the background thread or for a waiter).
    private func claimJob() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        let taken = job
        job = nil
        return taken
    }

    enum Verdict: Equatable {
        case sound
        /// What quick_check reported (its first lines), or SQLite's error while checking.
        case damaged(String)
        /// The budget ran out first.
        case unfinished

        func damage(path: String) -> StoreError? {
            guard case let .damaged(detail) = self else { return nil }
            return StoreError.damaged(path: path, detail: detail)
        }
    }

    /// How long the last look before a close may take (`SessionStore.checkBeforeClosing`).
    static let closeBudget: DispatchTimeInterval = .milliseconds(250)

    /// `PRAGMA quick_check` on `reader`, interrupted after `budget` when one is given.
    static func check(_ reader: some DatabaseReader, budget: DispatchTimeInterval?) throws -> Verdict {
        let interrupt = DispatchWorkItem { reader.interrupt() }
        if let budget { DispatchQueue.global().asyncAfter(deadline: .now() + budget, execute: interrupt) }
        defer { interrupt.cancel() }
        do {
            // At most 10 problems: the first says enough, and listing all of a badly damaged
            // file's could take long.
            let lines = try reader.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(10)") }
            // The first two problems say enough (one row may hold many lines).
            let problems = lines.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
            return lines == ["ok"] ? .sound : .damaged(problems.prefix(2).joined(separator: "; "))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            return .unfinished
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return .damaged(error.message ?? "SQLite error \(error.extendedResultCode.rawValue)")
        }
    }
}
