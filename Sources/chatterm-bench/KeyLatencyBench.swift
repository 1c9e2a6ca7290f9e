import Deterministic
import Foundation
import ProcessSpawn

/// Benchmark 7: key to screen. chatterm runs on a pseudo-terminal this process owns, at 200x60
/// with a 100,000-message session open; each sample writes one key's bytes (`§`, a character
/// nothing else on the screen contains) and times until the bytes chatterm writes back contain
/// it: the whole path of a keystroke (poll wake, decode, reduce, render, diff, write) as the
/// terminal sees it. Between keys, Backspace empties the message box again, so no earlier `§`
/// can be redrawn and mistaken for the echo. Measured idle and while a reply streams at about
/// 200 deltas a second.
enum KeyLatencyBench {
    static let key = "§"
    static let goalMilliseconds = 5.0

    static func run(quick: Bool) throws -> Table {
        let messages = quick ? 10_000 : 100_000
        let samples = quick ? 50 : 250
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let directory = Spawn.temporaryPath("keys")
        let home = directory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try LargeSessionBench.generate(path: home + "/bench.sqlite", sessions: 1, longSession: messages, perSession: 0)
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }

        let terminal = try PtyTerminal(
            [chattermPath, "--base-url", server.baseURL, "--project-id", "1", "--model", "local-echo", "--db", home + "/bench.sqlite"],
            environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "HOME": home,
                          "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home],
            width: 200, height: 60)
        defer { terminal.stop() }
        try terminal.waitFor("Long session", after: 0, timeout: 60, what: "the sessions list")
        terminal.drain(quietMilliseconds: 300)
        var mark = terminal.output.count
        terminal.write(Array("\u{1B}1".utf8))  // M-1: the sessions pane
        terminal.drain(quietMilliseconds: 200)
        mark = terminal.output.count
        terminal.write([0x0D])  // Enter: open the long session
        try terminal.waitFor("END-OF-HISTORY", after: mark, timeout: 120, what: "the long session's last message")
        terminal.drain(quietMilliseconds: 500)
        terminal.write(Array("\u{1B}4".utf8))  // M-4: the message box
        terminal.drain(quietMilliseconds: 300)

        let idle = sample(terminal, count: samples, name: "idle")
        // A reply long enough to outlast the samples: /delay 5 is a delta every 5 ms.
        let deltas = samples * 60 / 5 + 2_000
        mark = terminal.output.count
        terminal.write(Array("/delay 5 /tokens \(deltas) steady".utf8))
        terminal.drain(quietMilliseconds: 100)
        mark = terminal.output.count
        let sent = Clock.nanoseconds()
        terminal.write([0x0D])
        // The request carries the whole history: the keys are timed once deltas are drawn
        // (the status line's rate), and the wait until then is a figure of its own.
        try terminal.waitFor("tok/s", after: mark, timeout: 120, what: "the reply to start streaming")
        let firstDelta = Double(Clock.nanoseconds() - sent) / 1e6
        terminal.write(Array("\u{1B}4".utf8))  // M-4: back to the message box, the reply streaming
        pause(terminal, milliseconds: 300)
        let streaming = sample(terminal, count: samples, name: "streaming")
        terminal.write([0x1B])  // Esc: stop the reply
        terminal.drain(quietMilliseconds: 200)

        var table = Table(
            "Key to screen at 200x60, a \(grouped(messages))-message session open, \(samples) keys per case (goal p99 ≤ \(fixed(goalMilliseconds, 0)) ms)",
            headers: ["case", "keys", "p50 ms", "p95 ms", "p99 ms", "max ms", "not echoed in 2 s"])
        for (name, run) in [("idle", idle), ("streaming 200 deltas/s", streaming)] {
            let sorted = run.times.sorted()
            table.add([name, "\(sorted.count)", fixed(percentile(sorted, 0.50), 2), fixed(percentile(sorted, 0.95), 2),
                       fixed(percentile(sorted, 0.99), 2), fixed(sorted.last ?? 0, 2), "\(run.lost)"])
        }
        table.notes.append("Enter to the first delta drawn, with the \(grouped(messages))-message history in the request: \(fixed(firstDelta, 0)) ms.")
        table.notes.append("From writing the key's bytes to the pty until chatterm's output contains them (read as it arrives, no tmux).")
        table.notes.append("After each echo: 20 ms, Backspace, then 20–120 ms (seeded) before the next key, so keys land at every phase of the stream's frames.")
        return table
    }

    /// `count` keys, each echoed then erased: milliseconds from write to echo, and how many
    /// keys were never echoed within 2 s (then the sample is dropped, and the screen's last
    /// bytes kept in the temporary directory for a look).
    private static func sample(_ terminal: PtyTerminal, count: Int, name: String) -> (times: [Double], lost: Int) {
        let bytes = Array(key.utf8)
        // Gaps drawn from a fixed seed: keys land at every phase of the stream's frames, as a
        // person's do, the same ones on every run.
        var gaps = SplitMix64(seed: 7)
        var times: [Double] = []
        var lost = 0
        for _ in 0..<count {
            terminal.read(waitingUpTo: 0)
            let mark = terminal.output.count
            let start = Clock.nanoseconds()
            terminal.write(bytes)
            var searched = mark
            var echoed = true
            while PtyTerminal.find(bytes, in: terminal.output, from: searched) == nil {
                searched = max(mark, terminal.output.count - bytes.count + 1)
                if Clock.nanoseconds() - start > 2_000_000_000 {
                    echoed = false
                    break
                }
                terminal.read(waitingUpTo: 1)
            }
            if echoed {
                times.append(Double(Clock.nanoseconds() - start) / 1e6)
            } else {
                lost += 1
                let screen = Data(terminal.output[mark...])
                FileManager.default.createFile(atPath: NSTemporaryDirectory() + "/chatterm-bench-keys-lost-\(name).txt", contents: screen)
            }
            // Let its frame finish, erase it, and let that frame finish too.
            pause(terminal, milliseconds: 20)
            terminal.write([0x7F])
            pause(terminal, milliseconds: 20 + gaps.next() % 100)
        }
        return (times, lost)
    }

    /// Keeps reading (so chatterm never blocks on a full pty) for `milliseconds`.
    private static func pause(_ terminal: PtyTerminal, milliseconds: UInt64) {
        let end = Clock.nanoseconds() + milliseconds * 1_000_000
        while Clock.nanoseconds() < end { terminal.read(waitingUpTo: 1) }
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded(.up)))
        return sorted[index]
    }
}
