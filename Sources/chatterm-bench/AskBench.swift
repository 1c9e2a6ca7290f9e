import Foundation
import ProcessSpawn

/// `chatterm ask` in a pipe: the same /tokens burst received by curl and by `chatterm ask`,
/// each writing to a pipe this process reads, so both are timed the same way: from process
/// start to its first byte on stdout, and to the end of its output.
enum AskBench {
    struct Timing {
        var firstByte: Double
        var total: Double
        var bytes: Int
    }

    static func run(quick: Bool) throws -> Table {
        let deltas = quick ? 2_000 : 20_000
        let runs = quick ? 1 : 5
        let serverPath = try BinaryLocator.sibling("chatterm-server")
        let chattermPath = try BinaryLocator.sibling("chatterm")
        let curl = try BinaryLocator.onPath("curl")

        let directory = Spawn.temporaryPath("ask")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = try LocalServerProcess(executable: serverPath, directory: directory)
        defer { server.stop() }
        let curlCommand = [
            curl, "-sN", "-X", "POST", "-H", "Content-Type: application/json",
            "--data-binary", EndToEndBench.requestBody(deltas: deltas), server.baseURL + "/v1/chat/completions",
        ]
        let askCommand = [
            chattermPath, "ask", "--no-config", "--base-url", server.baseURL, "--project-id", "1", "--model", "local-echo",
            "--db", directory + "/unused.sqlite", "/tokens \(deltas) burst",
        ]
        // Untimed warm-up of both (first-request costs, page cache).
        _ = try timed(curlCommand)
        _ = try timed(askCommand)

        var table = Table(
            "chatterm ask in a pipe: /tokens \(grouped(deltas)) burst, \(runs) run(s) each, alternating",
            headers: ["run", "curl first byte ms", "ask first byte ms", "curl total s", "ask total s", "total ratio", "ask stdout KB"])
        var curlTimes: [Timing] = [], askTimes: [Timing] = []
        for index in 0..<runs {
            let curlTiming = try timed(curlCommand)
            let askTiming = try timed(askCommand)
            guard askTiming.bytes > deltas * 3 else {
                throw Spawn.Failure(description: "chatterm ask printed only \(askTiming.bytes) bytes")
            }
            curlTimes.append(curlTiming)
            askTimes.append(askTiming)
            table.add([
                "\(index + 1)", fixed(curlTiming.firstByte * 1000, 1), fixed(askTiming.firstByte * 1000, 1),
                fixed(curlTiming.total, 3), fixed(askTiming.total, 3), fixed(askTiming.total / curlTiming.total, 2),
                fixed(Double(askTiming.bytes) / 1000, 1),
            ])
        }
        if runs > 1 {
            let curlTotal = median(curlTimes.map(\.total)), askTotal = median(askTimes.map(\.total))
            table.add([
                "median", fixed(median(curlTimes.map(\.firstByte)) * 1000, 1), fixed(median(askTimes.map(\.firstByte)) * 1000, 1),
                fixed(curlTotal, 3), fixed(askTotal, 3), fixed(askTotal / curlTotal, 2),
                fixed(median(askTimes.map { Double($0.bytes) }) / 1000, 1),
            ])
        }
        table.notes.append("Both from process start: curl's first byte is the first SSE block (headers parsed), ask's the first reply text.")
        table.notes.append("curl prints the raw stream (about 150 bytes a delta); ask prints only the text.")
        return table
    }

    /// Starts `command` with stdout on a pipe and reads it to the end.
    static func timed(_ command: [String]) throws -> Timing {
        let start = Clock.nanoseconds()
        let (pid, fd) = try Spawn.startPiped(command)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var firstByte: UInt64?
        var bytes = 0
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            if firstByte == nil { firstByte = Clock.nanoseconds() }
            bytes += count
        }
        let end = Clock.nanoseconds()
        let status = Spawn.wait(pid)
        guard status == 0, let firstByte else {
            throw Spawn.Failure(description: "\(command[0]) exited \(status) after \(bytes) bytes")
        }
        return Timing(firstByte: Double(firstByte - start) / 1e9, total: Double(end - start) / 1e9, bytes: bytes)
    }
}
