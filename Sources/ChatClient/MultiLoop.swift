import CCurl
import Foundation

/// The libcurl multi handle and the one thread that drives it. Other threads only enqueue
/// commands under `lock` and wake the thread with `curl_multi_wakeup`; everything else,
/// including every callback into `Transfer`, happens on the loop thread.
///
/// Idle timeouts run on the injected clock: a watchdog task per transfer sleeps until the
/// transfer could have gone quiet for its whole allowance, then asks the loop (as a command,
/// which wakes it) to compare the time of the transfer's last byte with the clock's now.
// safe: `lock` guards `commands` and `stopRequested`; `transfers`, `idsByHandle` and the
// watchdog counter belong to the loop thread alone; the rest is `let` (or weak and read only
// to compare identities).
final class MultiLoop: @unchecked Sendable {
    private enum Command {
        case start(RequestID, HTTPRequestSpec, TransportEventHandler)
        case cancel(RequestID)
        /// A watchdog's sleep ended; `watchdog` tells a current one from one left over.
        case checkIdle(RequestID, watchdog: UInt64)
    }

    /// Upper bound for one `curl_multi_poll`, so a lost wakeup can never stall the loop for
    /// long. Tests raise it, to show that a cancel or a shutdown wakes the loop by itself.
    private let maximumPollMillis: Int32
    static let defaultMaximumPollMillis: Int32 = 1000
    /// A stream that trickles (a model writing a delta every few milliseconds) is read at most
    /// this often: the deltas of one pause arrive in one read and one event batch instead of a
    /// poll, a recv and a wake-up of the UI thread each. The screen shows them no sooner than
    /// its next frame anyway (20 a second while streaming); the pause is shorter than a frame,
    /// so every frame has the deltas that arrived before it.
    static let tricklePacingMillis = 33
    /// More than this in one pass is a burst, read again at once: pacing must never make a
    /// stream slower than the network.
    static let trickleBytes = 64 * 1024
    /// Signalled with every command, so a paced pause ends at once for a start or a cancel.
    private let commandSignal = DispatchSemaphore(value: 0)

    private let multi: UnsafeMutableRawPointer
    private let clock: ClientClock
    private let lock = NSLock()
    private var commands: [Command] = []       // guarded by lock
    private var stopRequested = false          // guarded by lock
    // Weak: the running thread keeps itself alive; a strong reference would be a cycle through
    // the thread's closure. Read only to recognise calls made on the loop thread.
    private weak var thread: Thread?
    private let exited = DispatchSemaphore(value: 0)

    // Loop thread only.
    private var transfers: [RequestID: Transfer] = [:]
    private var idsByHandle: [UnsafeMutableRawPointer: RequestID] = [:]
    private var watchdogsMade: UInt64 = 0

    init?(clock: ClientClock, maximumPollMillis: Int32 = MultiLoop.defaultMaximumPollMillis) {
        guard let multi = curl_multi_init() else { return nil }
        self.multi = multi
        self.clock = clock
        self.maximumPollMillis = maximumPollMillis
        let thread = Thread { [self] in run() }
        thread.name = "chatterm.transport"
        self.thread = thread
        thread.start()
    }

    /// Returns false when the loop is stopping; the caller then reports the request itself.
    func enqueueStart(_ id: RequestID, _ spec: HTTPRequestSpec, _ onEvent: @escaping TransportEventHandler) -> Bool {
        enqueue(.start(id, spec, onEvent))
    }

    func enqueueCancel(_ id: RequestID) {
        _ = enqueue(.cancel(id))
    }

    /// Cancels everything in flight and waits for the thread to end. Called on the loop thread
    /// itself (from inside a callback), it only asks: waiting there would wait forever.
    func shutdown() {
        lock.lock()
        if !stopRequested {
            stopRequested = true
            curl_multi_wakeup(multi)
            commandSignal.signal()
        }
        lock.unlock()
        guard Thread.current !== thread else { return }
        exited.wait()
        exited.signal()  // passes the baton, so every caller of shutdown returns
    }

    private func enqueue(_ command: Command) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopRequested else { return false }
        commands.append(command)
        // Under the lock: the loop frees the multi handle only after it saw stopRequested here.
        curl_multi_wakeup(multi)
        commandSignal.signal()
        return true
    }

    private func takeCommands() -> (commands: [Command], stop: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let taken = commands
        commands = []
        return (taken, stopRequested)
    }

    // MARK: - The loop

    private func run() {
        while true {
            let (pending, stop) = takeCommands()
            if stop {
                stopAll(unstarted: pending)
                break
            }
            pending.forEach(apply)
            let before = bodyBytesReceived()
            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi, &stillRunning)
            let received = bodyBytesReceived() - before
            collectCompleted()
            if received > 0, received <= Self.trickleBytes, !transfers.isEmpty {
                // A trickle: let the next deltas gather (a command ends the pause at once).
                _ = commandSignal.wait(timeout: .now() + .milliseconds(Self.tricklePacingMillis))
            }
            _ = curl_multi_poll(multi, nil, 0, maximumPollMillis, nil)
        }
        curl_multi_cleanup(multi)
        exited.signal()
    }

    private func apply(_ command: Command) {
        switch command {
        case let .start(id, spec, onEvent):
            begin(id, spec, onEvent)
        case let .cancel(id):
            end(id, with: CurlFailureMapping.cancelled())
        case let .checkIdle(id, watchdog):
            checkIdle(id, watchdog: watchdog)
        }
    }

    private func begin(_ id: RequestID, _ spec: HTTPRequestSpec, _ onEvent: @escaping TransportEventHandler) {
        guard transfers[id] == nil else {
            onEvent(id, .finished(CurlFailureMapping.setup("request id \(id.rawValue) is already in flight")))
            return
        }
        let transfer: Transfer
        do {
            transfer = try Transfer(id: id, spec: spec, now: clock.elapsed, onEvent: onEvent)
        } catch let failure as TransportFailure {
            onEvent(id, .finished(failure))
            return
        } catch {
            onEvent(id, .finished(CurlFailureMapping.setup("could not prepare request: \(error)")))
            return
        }
        let added = curl_multi_add_handle(multi, transfer.handle)
        guard added == CURLM_OK else {
            transfer.release()
            let reason = curl_multi_strerror(added).map { String(cString: $0) } ?? "error \(added.rawValue)"
            onEvent(id, .finished(CurlFailureMapping.setup("libcurl could not start the request: \(reason)")))
            return
        }
        transfers[id] = transfer
        idsByHandle[transfer.handle] = id
        if let allowance = transfer.idleAllowance { watch(transfer, for: allowance) }
    }

    /// Takes a transfer out of libcurl, reports its end and frees it. Unknown ids are ignored:
    /// cancelling a request that already finished is normal.
    private func end(_ id: RequestID, with failure: TransportFailure?) {
        guard let transfer = transfers.removeValue(forKey: id) else { return }
        idsByHandle[transfer.handle] = nil
        transfer.watchdog?.cancel()
        _ = curl_multi_remove_handle(multi, transfer.handle)
        transfer.finish(failure)
        transfer.release()
    }

    private func collectCompleted() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            // Read everything now: the message is invalid once its handle is removed.
            guard message.pointee.msg == CURLMSG_DONE,
                  let handle = message.pointee.easy_handle,
                  let id = idsByHandle[handle],
                  let transfer = transfers[id]
            else { continue }
            let code = ccurl_msg_result(message)
            end(id, with: code == CURLE_OK ? nil : transfer.failure(for: code))
        }
    }

    private func bodyBytesReceived() -> Int {
        transfers.values.reduce(0) { $0 + $1.bodyBytesReceived }
    }

    // MARK: - Idle timeouts

    /// Checks `transfer` again once `wait` has passed on the clock.
    private func watch(_ transfer: Transfer, for wait: Duration) {
        watchdogsMade += 1
        let watchdog = watchdogsMade
        let id = transfer.id
        transfer.watchdogNumber = watchdog
        transfer.watchdog = clock.after(wait) { [weak self] in
            _ = self?.enqueue(.checkIdle(id, watchdog: watchdog))
        }
    }

    /// Ends the transfer when nothing arrived for its whole allowance; otherwise waits for
    /// the rest of it, counted from the latest byte.
    private func checkIdle(_ id: RequestID, watchdog: UInt64) {
        guard let transfer = transfers[id], transfer.watchdogNumber == watchdog,
              let allowance = transfer.idleAllowance
        else { return }  // finished, or the id was reused by a later request
        let quiet = clock.elapsed() - transfer.lastActivity
        if quiet >= allowance {
            end(id, with: CurlFailureMapping.idleTimeout(seconds: transfer.spec.idleTimeoutSeconds ?? 0))
        } else {
            watch(transfer, for: allowance - quiet)
        }
    }

    private func stopAll(unstarted: [Command]) {
        for command in unstarted {
            if case let .start(id, _, onEvent) = command {
                onEvent(id, .finished(CurlFailureMapping.cancelled()))
            }
        }
        for id in Array(transfers.keys) {
            end(id, with: CurlFailureMapping.cancelled())
        }
    }
}
