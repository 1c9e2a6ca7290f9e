import ChatCore
import Foundation

/// Store writes that failed for a reason that may pass (the database locked by another
/// process, read-only, the disk full), kept in the order they were asked for. Every later
/// write waits behind them, so none overtakes an earlier one (a session's messages never
/// reach the database before the session does).
// safe: only the runner's store queue (a serial queue) reads or changes it.
final class WaitingWrites: @unchecked Sendable {
    struct Write {
        let unsaved: UnsavedWrite
        let work: @Sendable (any SessionStoring) throws -> Action?
    }

    private(set) var writes: [Write] = []
    /// The short reason of the last failure, for the notice ("database locked by another process").
    private(set) var reason = ""
    /// The runtime's clock, and when the last try failed on it.
    private let now: @Sendable () -> Duration
    private var lastFailure: Duration?
    /// How long after a failed try a new write tries the kept ones again before joining them.
    private let gap: Duration

    init(now: @escaping @Sendable () -> Duration, gap: Duration) {
        self.now = now
        self.gap = gap
    }

    var isEmpty: Bool { writes.isEmpty }

    /// Whether a new write should try the kept ones first. Each try against a locked database
    /// waits out the busy timeout (3 s) on the store queue, so a burst of writes (a streaming
    /// reply saves every second) joins the queue instead of each waiting 3 s: reads stay quick.
    var dueForRetry: Bool {
        guard let lastFailure else { return true }
        return now() - lastFailure >= gap
    }

    /// `reason` nil: it waits behind the others for the reason they wait. A write that replaces a
    /// whole record already waiting (the same message saved again as its reply grows, a draft,
    /// a session's parameters) takes that one's place: the record's newest state goes in at its
    /// first write's turn, and the count says what really waits.
    func keep(_ write: Write, reason: String?) {
        if let key = write.unsaved.replaces, let index = writes.firstIndex(where: { $0.unsaved.replaces == key }) {
            writes[index] = write
        } else {
            writes.append(write)
        }
        if let reason {
            self.reason = reason
            lastFailure = now()
        }
    }

    /// "Not saved: database locked by another process; retrying (3 changes waiting)": the
    /// essential part first, so it reads in 80 columns.
    var notice: String {
        "Not saved: \(reason); retrying (\(writes.count) change\(writes.count == 1 ? "" : "s") waiting)"
    }

    /// The notice last said, so a reply saved again every second while it waits does not say
    /// the same words again every second over whatever the status line says meanwhile.
    private var said: String?

    /// Says the notice when it is not what was said last.
    func sayNotice(_ post: (Action) -> Void) {
        guard notice != said else { return }
        said = notice
        post(.storeNotice(notice))
    }

    /// Tries the kept writes again, oldest first, stopping at the first that still fails for a
    /// reason that may pass. `post` gets each write's own answer, the notice of a write that
    /// cannot succeed (it is dropped, as it would have been when first tried), and at the end
    /// either the waiting notice again or that they were all saved. Returns whether none waits.
    /// `sayAgain`: the clock's try says the waiting notice even unchanged, so a later notice (a
    /// reply's figures, `ready`) cannot hide for good that changes are still not saved.
    @discardableResult
    func retry(_ store: any SessionStoring, post: (Action) -> Void, sayAgain: Bool = false) -> Bool {
        guard !writes.isEmpty else { return true }
        let before = writes.count
        while let first = writes.first {
            do {
                let answer = try first.work(store)
                writes.removeFirst()
                if let answer { post(answer) }
            } catch {
                guard let passing = store.waitingReason(error) else {
                    writes.removeFirst()
                    post(.storeFailed("Could not save or load sessions: \(error)"))
                    continue
                }
                reason = passing
                lastFailure = now()
                if sayAgain { said = nil }
                sayNotice(post)
                return false
            }
        }
        said = nil
        post(.storeNotice("Saved: the \(before) change\(before == 1 ? "" : "s") that waited \(before == 1 ? "is" : "are") in the database now."))
        return true
    }
}

extension WaitingWrites {
    /// Runs on the store queue when the first write is kept: waits `interval` on the clock and
    /// tries the kept writes again, until none is left.
    func startRetrying(
        _ store: any SessionStoring, every interval: Duration, post: @escaping @Sendable (Action) -> Void,
        clock: RuntimeClock, storeQueue: DispatchQueue, timer retryTimer: LatestValue<Task<Void, Never>>
    ) {
        // One wait at a time: a loop left from before would only try the same writes twice.
        retryTimer.get()?.cancel()
        retryTimer.set(Task { [self] in
            while true {
                guard (try? await clock.sleep(interval)) != nil else { return }
                let done = await withCheckedContinuation { (resumed: CheckedContinuation<Bool, Never>) in
                    storeQueue.async { resumed.resume(returning: self.retry(store, post: post, sayAgain: true)) }
                }
                if done { return }
            }
        })
    }
}
