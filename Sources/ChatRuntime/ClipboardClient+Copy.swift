import ChatCore
import Foundation

extension ClipboardClient {
    /// The copy key: OSC 52 through the terminal (`osc52`, queued for after the next frame) and/or
    /// the clipboard program, which runs on `queue`, off the run loop's thread. The first
    /// problem, if any, goes to the status line.
    func copy(
        _ text: String, osc52: (String) -> String?, on queue: DispatchQueue, post: @escaping @Sendable (Action) -> Void
    ) {
        var problems: [String] = []
        if method == .auto || method == .osc52, let problem = osc52(text) {
            problems.append(problem)
        }
        guard method != .osc52 else {
            if let problem = problems.first { post(.storeFailed(problem)) }
            return
        }
        let clipboard = self
        queue.async { [problems] in
            var problems = problems
            if let command = clipboard.command(clipboard.method) {
                do { try clipboard.run(command, text) } catch { problems.append("\(command[0]) failed: \(error)") }
            } else if clipboard.method != .auto {
                problems.append("Not copied: \(clipboard.method.rawValue) is not installed ([clipboard] method in the config).")
            }
            if let problem = problems.first { post(.storeFailed(problem)) }
        }
    }
}
