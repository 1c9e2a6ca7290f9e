import Foundation
import ProcessSpawn

/// A chatterm-server child process on 127.0.0.1, port chosen by the OS (`--port 0`) and read
/// back from `--port-file`. Stopped with SIGTERM (then SIGKILL) by the pid we started.
final class LocalServerProcess {
    let pid: pid_t
    let port: Int
    private let logPath: String
    private var stopped = false

    /// `extraArguments` follow the usual ones (the tool benchmark's `--timing-log FILE`).
    init(executable: String, directory: String, extraArguments: [String] = []) throws {
        let portFile = directory + "/port"
        logPath = directory + "/server.log"
        pid = try Spawn.start(
            [executable, "--port", "0", "--port-file", portFile, "--delay-ms", "0"] + extraArguments, outputPath: logPath)
        let deadline = Clock.nanoseconds() + 15_000_000_000
        var found: Int?
        while Clock.nanoseconds() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
               let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0 {
                found = value
                break
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                stopped = true
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw Spawn.Failure(description: "chatterm-server exited at start: \(log)")
            }
            usleep(10_000)
        }
        guard let found else {
            kill(pid, SIGKILL)
            Spawn.wait(pid)
            stopped = true
            throw Spawn.Failure(description: "chatterm-server wrote no port within 15 s")
        }
        port = found
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(pid, SIGTERM)
        let deadline = Clock.nanoseconds() + 5_000_000_000
        var status: Int32 = 0
        while Clock.nanoseconds() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        Spawn.wait(pid)
    }

    deinit { stop() }
}
