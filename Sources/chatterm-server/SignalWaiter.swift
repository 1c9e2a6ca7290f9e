import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into an awaitable event so the server can stop cleanly instead of
/// dying mid-write. The default handlers are disabled as soon as this is created.
// safe: `lock` guards `received`, `continuation` and `parentWatch`; `sources` is filled in
// `init`, before any handler can run, and never changed after.
final class SignalWaiter: @unchecked Sendable {
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []
    private var received: Int32?
    private var continuation: CheckedContinuation<Int32, Never>?
    private var parentWatch: DispatchSourceTimer?

    init(signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// A parent that dies by a signal it cannot catch (kill -9, a crash) never stops its
    /// child, and Linux moves an orphan to another parent: a changed parent pid means it is
    /// gone, which is taken as a SIGHUP. Checked twice a second.
    func stopWhenParentExits() {
        let parent = getppid()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [weak self] in
            if getppid() != parent { self?.deliver(SIGHUP) }
        }
        timer.resume()
        lock.withLock { parentWatch = timer }
    }

    private func deliver(_ number: Int32) {
        let waiting: CheckedContinuation<Int32, Never>? = lock.withLock {
            guard received == nil else { return nil }
            received = number
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: number)
    }

    /// Returns the first signal received (at once if one already arrived).
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let already: Int32? = lock.withLock {
                if let received { return received }
                self.continuation = continuation
                return nil
            }
            if let already { continuation.resume(returning: already) }
        }
    }
}
