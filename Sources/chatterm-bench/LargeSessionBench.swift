import ChatCore
import Foundation
import ProcessSpawn
import SessionStore
import StreamProtocol

/// Benchmark 6: history at scale, as a user meets it. A generated database of many sessions
/// (one of them very long) is opened by the real binary in a private tmux at 120x40: how long
/// until the first screen, how long until the long session shows its last message, how long to
/// scroll to its first message and back, and the process's memory after each step.
enum LargeSessionBench {
    static func run(quick: Bool) throws -> Table {
        let sessions = quick ? 1_000 : 10_000
        let longSession = quick ? 10_000 : 100_000
        let perSession = quick ? 90 : 90
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let tmux = try BinaryLocator.onPath("tmux")
        let directory = Spawn.temporaryPath("large")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let home = directory + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)

        let generated = try Clock.measure {
            try generate(path: home + "/bench.sqlite", sessions: sessions, longSession: longSession, perSession: perSession)
        }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }
        let tmuxServer = PrivateTmux(tmux: tmux, suffix: "large")
        defer { tmuxServer.killServer() }

        var started = Clock.nanoseconds()
        let pid = try tmuxServer.startChatterm(chattermPath, server: server, home: home, width: 120, height: 40)
        try tmuxServer.waitFor("the sessions list", timeout: 60, interval: 0.005) { $0.contains("Long session") }
        let firstScreen = seconds(since: started)
        let rssAtStart = ProcStats.statusMiB(pid: pid, field: "VmRSS")

        try tmuxServer.press("M-1")
        started = Clock.nanoseconds()
        try tmuxServer.press("Enter")
        try tmuxServer.waitFor("the long session's last message", timeout: 120, interval: 0.005) { $0.contains("END-OF-HISTORY") }
        let opened = seconds(since: started)
        let rssOpened = ProcStats.statusMiB(pid: pid, field: "VmRSS")

        started = Clock.nanoseconds()
        try tmuxServer.press("Home")
        try tmuxServer.waitFor("the first message", timeout: 60, interval: 0.005) { $0.contains("START-OF-HISTORY") }
        let toTop = seconds(since: started)
        started = Clock.nanoseconds()
        try tmuxServer.press("End")
        try tmuxServer.waitFor("the last message again", timeout: 60, interval: 0.005) { $0.contains("END-OF-HISTORY") }
        let toBottom = seconds(since: started)
        // The sessions list: End reads the rest of it (keyset pages) and shows the oldest.
        try tmuxServer.press("M-1")
        started = Clock.nanoseconds()
        try tmuxServer.press("End")
        try tmuxServer.waitFor("the oldest session", timeout: 60, interval: 0.005) { $0.contains("Session 0 ") }
        let listEnd = seconds(since: started)
        // Search: a word said once, in one message of one session, typed as a person types.
        try tmuxServer.press("/")
        for character in "quokk" {
            try tmuxServer.type(String(character))
            Thread.sleep(forTimeInterval: 0.12)
        }
        started = Clock.nanoseconds()
        try tmuxServer.type("a")
        try tmuxServer.waitFor("the search hit", timeout: 60, interval: 0.005) { $0.contains("QUOKKA") }
        let searched = seconds(since: started)
        let peak = ProcStats.statusMiB(pid: pid, field: "VmHWM")
        // The query each key of the search runs, timed in-process on the same database (the
        // app adds a 40 ms pause that lets a burst of keys ask once, and a frame).
        let reader = try SessionStore(path: home + "/bench.sqlite")
        var queryMillis: [String] = []
        for query in ["q", "quokka", "\"quokka smiles\"", "h", "history", "frame cost"] {
            var hits = 0
            let taken = try Clock.measure { hits = try reader.searchSessions(query, limit: 50).count }
            queryMillis.append("\(query): \(fixed(taken * 1e3, 1)) ms (\(hits) hits)")
        }
        try reader.close()
        // `chatterm sessions search`, the whole process (start, open, search, print), as a user runs it.
        var commandMillis: [String] = []
        for query in ["quokka", "history", "h"] {
            var lines: [Substring] = []
            let taken = try Clock.measure {
                lines = try Spawn.run([chattermPath, "sessions", "search", query, "--db", home + "/bench.sqlite", "--no-config"])
                    .output.split(separator: "\n")
            }
            let sessionsListed = Set(lines.map { $0.prefix(8) }).count
            commandMillis.append("\(query): \(fixed(taken * 1e3, 0)) ms (\(lines.count) messages, \(sessionsListed) sessions)")
        }

        var table = Table(
            "Large history: \(grouped(sessions)) sessions, \(grouped(longSession + (sessions - 1) * perSession)) messages, "
                + "the longest \(grouped(longSession)), at 120x40",
            headers: ["generate s", "first screen ms", "open long session ms", "Home ms", "End ms",
                      "list End ms", "search key ms", "RSS start MiB", "RSS opened MiB", "peak MiB"])
        func mib(_ value: Double?) -> String { value.map { fixed($0, 1) } ?? "n/a" }
        table.add([
            fixed(generated, 1), fixed(firstScreen * 1e3, 0), fixed(opened * 1e3, 0), fixed(toTop * 1e3, 0),
            fixed(toBottom * 1e3, 0), fixed(listEnd * 1e3, 0), fixed(searched * 1e3, 0),
            mib(rssAtStart), mib(rssOpened), mib(peak),
        ])
        table.notes.append("Times are from the key (or the start) to capture-pane first showing the text, polled every 5 ms (tmux round trips included).")
        table.notes.append("Messages are ~200 characters; the long session is the newest, so it heads the list.")
        table.notes.append("Search queries (SessionStore.searchSessions, 50 hits at most): " + queryMillis.joined(separator: "; ") + ".")
        table.notes.append("chatterm sessions search (whole process, 20 messages at most): " + commandMillis.joined(separator: "; ") + ".")
        table.notes.append("list End: End in the sessions pane until the oldest session shows (the rest of the list read). "
            + "search key: the last key of \"quokka\" (typed a key per 120 ms after /) until the one message that says it is listed.")
        return table
    }

    private static func seconds(since start: UInt64) -> Double { Double(Clock.nanoseconds() - start) / 1e9 }

    /// Sessions of `perSession` messages, then the long one (newest, first in the list), each
    /// imported in one transaction.
    static func generate(path: String, sessions: Int, longSession: Int, perSession: Int) throws {
        let store = try SessionStore(path: path)
        let words = BenchState.words
        func text(_ seed: Int) -> String {
            var line = ""
            var index = seed
            while line.count < 200 {
                line += words[index % words.count] + " "
                index = (index &* 31 &+ 7) & 0x7FFF_FFFF
            }
            return line
        }
        func messages(_ count: Int, session: Int) -> [Message] {
            (0..<count).map { index in
                Message(
                    id: "s\(session)-m\(index)", role: index % 2 == 0 ? .user : .assistant,
                    content: session == 5 && index == 41 ? "A QUOKKA smiles. " + text(index)
                        : index == 0 && count == longSession ? "START-OF-HISTORY " + text(index)
                        : index == count - 1 && count == longSession ? "END-OF-HISTORY " + text(index) : text(session &+ index),
                    createdAtMillis: Int64(1_000_000 + index))
            }
        }
        for session in 0..<(sessions - 1) {
            try store.importSession(
                SessionSummary(id: "s\(session)", title: "Session \(session)", createdAtMillis: 1_000, updatedAtMillis: Int64(2_000 + session)),
                parameters: SessionParameters(), messages: messages(perSession, session: session))
        }
        try store.importSession(
            SessionSummary(id: "long", title: "Long session", createdAtMillis: 1_000, updatedAtMillis: 9_000_000_000_000),
            parameters: SessionParameters(), messages: messages(longSession, session: sessions))
        try store.close()
    }
}
