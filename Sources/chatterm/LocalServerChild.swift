import ChatCore
import Foundation
import ProcessSpawn

/// The bundled `chatterm-server` the welcome screen offers (Alt+L): started beside this
/// executable on a free 127.0.0.1 port as a child of this run, stopped when chatterm exits.
/// What `make demo` does from a shell script, for a first run that has no key or project yet.
final class LocalServerChild {
    private var pid: pid_t?
    private var portFile: String?

    /// Starts the server (once) and waits for its port off the main thread; posts
    /// `.localServerStarted` with the profile to use, or `.localServerFailed` saying why.
    func start(post: @escaping @Sendable (Action) -> Void) {
        guard pid == nil else { return }
        guard let server = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("chatterm-server").path,
              FileManager.default.isExecutableFile(atPath: server) else {
            post(.localServerFailed("chatterm-server is not installed beside chatterm."))
            return
        }
        let portFile = Spawn.temporaryPath("local-server-port")
        let child: pid_t
        do {
            // Its log would draw over the screen: it goes nowhere. It stops by itself when
            // this run ends without calling stop() (kill -9, a crash).
            child = try Spawn.start([server, "--port", "0", "--port-file", portFile, "--exit-with-parent"], outputPath: "/dev/null")
        } catch {
            post(.localServerFailed("\(error)"))
            return
        }
        pid = child
        self.portFile = portFile
        DispatchQueue.global().async {
            // The server writes its port once it listens: well within five seconds.
            for _ in 0..<100 {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                   let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), port > 0 {
                    post(.localServerStarted(Self.profile(port: port)))
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            post(.localServerFailed("it did not report a port within 5 s."))
        }
    }

    /// The profile `make demo` starts with: prem dialect, project 1, the echo model.
    static func profile(port: Int) -> Profile {
        Profile(name: "local server", baseURL: "http://127.0.0.1:\(port)", dialect: .prem, projectID: 1, defaultModel: "local-echo")
    }

    func stop() {
        if let pid {
            kill(pid, SIGTERM)
            Spawn.wait(pid)
        }
        if let portFile { unlink(portFile) }
        pid = nil
        portFile = nil
    }
}
