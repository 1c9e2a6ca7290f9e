import ChatCore
import Foundation

extension ToolServerHost {
    /// Ends every server: calls in flight end `.stopped`, each child's process group gets SIGTERM, then SIGKILL
    /// if it is still there after a second, and is reaped before this returns, so no child
    /// outlives chatterm (called at quit and on every other way out). Safe to call twice.
    public func shutdown() {
        lock.lock()
        shuttingDown = true
        for callID in calls.keys {
            finishLocked(callID, ToolCallResult(text: "chatterm quit while the tool ran", outcome: .stopped))
        }
        let running = reaped
        let clients = slots.values.compactMap(\.client)
        for slot in slots.values {
            slot.client = nil
            slot.child = nil
        }
        lock.unlock()

        // Each child leads its own process group: a wrapper (`npx`, `sh -c`) and what it started
        // get the signal together.
        for pid in running.keys { kill(-pid, SIGTERM) }
        let deadline = DispatchTime.now() + .seconds(1)
        var stubborn: [pid_t] = []
        for (pid, done) in running where done.wait(timeout: deadline) == .timedOut {
            stubborn.append(pid)
        }
        for pid in stubborn { kill(-pid, SIGKILL) }
        for pid in stubborn { _ = running[pid]?.wait(timeout: .now() + .seconds(2)) }
        // What the leaders leave of their groups (a child that ignored SIGTERM) goes too.
        for pid in running.keys { kill(-pid, SIGKILL) }
        for client in clients { Task { await client.disconnect() } }
    }
}
