import ChatCore
import ChatRuntime
import Foundation
import MCP
import ProcessSpawn

/// The `[mcp.NAME]` servers of a run: started in the background, watched, restarted once when
/// they crash, their tools listed and called through the MCP SDK's `Client`. It is the
/// runtime's `ToolServersClient` (`client`); every change of a server is posted whole
/// (`.toolServersChanged`), every call ends with exactly one `.toolFinished`.
///
/// safe: every mutable field is read and written under `lock`; the SDK's actors are only
/// awaited in tasks, never under the lock.
public final class ToolServerHost: @unchecked Sendable {
    let dataDirectory: String
    let nowMillis: @Sendable () -> Int64
    /// Runs `fire` once a call's timeout has passed: the dispatch queue's clock when run, a
    /// timer the test fires itself in the host's tests (so a timeout needs no waiting).
    let callDeadline: CallDeadline

    public typealias CallDeadline = @Sendable (_ seconds: Int, _ fire: @escaping @Sendable () -> Void) -> Void

    /// The real deadline: `fire` on a global queue `seconds` from now.
    public static let dispatchDeadline: CallDeadline = { seconds, fire in
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds), execute: fire)
    }
    let caFile: String?
    let lock = NSLock()
    /// The servers in config order (the overlay lists them so).
    let order: [String]
    var slots: [String: ServerSlot] = [:]
    var calls: [String: CallSlot] = [:]
    var post: (@Sendable (Action) -> Void)?
    var shuttingDown = false
    /// One per child still running, signalled when its watcher has reaped it (shutdown waits).
    var reaped: [pid_t: DispatchSemaphore] = [:]

    /// `only` keeps just the named servers (`chatterm ask --mcp NAME`); servers with
    /// `enabled = false` are never started. `caFile` is the config's `ca_file`, for HTTP servers.
    public init(
        settings: ToolSettings, dataDirectory: String, only: [String]? = nil, caFile: String? = nil,
        nowMillis: @escaping @Sendable () -> Int64, callDeadline: @escaping CallDeadline = ToolServerHost.dispatchDeadline
    ) {
        self.dataDirectory = dataDirectory
        self.nowMillis = nowMillis
        self.callDeadline = callDeadline
        self.caFile = caFile
        let chosen = settings.servers.filter { $0.enabled && (only?.contains($0.name) ?? true) }
        order = chosen.map(\.name)
        for config in chosen {
            let logPath: String?
            if case .stdio = config.transport { logPath = ServerLog(directory: dataDirectory, server: config.name).path } else { logPath = nil }
            slots[config.name] = ServerSlot(config: config, logPath: logPath)
        }
    }

    /// The names of `only` that are not configured (or not enabled): `ask` says so.
    public static func unknownNames(_ only: [String], in settings: ToolSettings) -> [String] {
        only.filter { name in !settings.servers.contains { $0.name == name && $0.enabled } }
    }

    /// This host as the runtime sees it.
    public var client: ToolServersClient {
        ToolServersClient(
            start: { [self] post in start(post: post) },
            run: { [self] invocation, post in run(invocation, post: post) },
            stop: { [self] callID in stop(callID: callID) },
            shutdown: { [self] in shutdown() })
    }

    /// Starts every server in the background and returns at once (the first frame must not
    /// wait); the first report (every server starting) is posted before it returns.
    public func start(post: @escaping @Sendable (Action) -> Void) {
        // A server that died leaves a pipe without a reader: writing to it must fail with
        // EPIPE, not kill chatterm.
        signal(SIGPIPE, SIG_IGN)
        lock.lock()
        // Once per run: a second start would leave the first children without a slot.
        guard self.post == nil, !shuttingDown else { lock.unlock(); return }
        self.post = post
        reportLocked()
        lock.unlock()
        // Spawning and connecting happen off the caller's thread (the run loop's).
        let names = order
        DispatchQueue.global().async { [self] in
            for name in names { launch(name) }
        }
    }

    /// Posts every server's status (called under the lock, so reports keep their order).
    func reportLocked() {
        post?(.toolServersChanged(order.compactMap { slots[$0]?.status }))
    }

    // MARK: - Starting

    /// Starts (or restarts) one server: its child or its HTTP transport, then `initialize` and
    /// `tools/list`, in a task; a watcher thread reaps a child and reports its exit.
    func launch(_ name: String) {
        lock.lock()
        guard let slot = slots[name], !shuttingDown else { lock.unlock(); return }
        slot.generation += 1
        let generation = slot.generation
        let config = slot.config
        let transport: any Transport
        switch config.transport {
        case .stdio(let command, let arguments, let environment):
            let log = ServerLog(directory: dataDirectory, server: name)
            // The data dir may not exist yet (an `ask` before the app ever ran): made as the
            // store makes it, private to the user.
            try? FileManager.default.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            slot.logStart = log.size
            let child: Spawn.PipedChild
            do {
                child = try Spawn.startWithPipes([command] + arguments, environment: environment, errorLogPath: log.path)
            } catch {
                slot.status.phase = .failed(lastLine: "\(error)")
                slot.status.tools = []
                reportLocked()
                lock.unlock()
                return
            }
            slot.child = child
            reaped[child.pid] = DispatchSemaphore(value: 0)
            watch(child, server: name, generation: generation)
            transport = PipeTransport(readingFrom: child.output, writingTo: child.input)
        case .http(let url, let bearerTokenEnvironment):
            let token = bearerTokenEnvironment.flatMap { ProcessInfo.processInfo.environment[$0] }
            guard let endpoint = URL(string: url) else {
                slot.status.phase = .failed(lastLine: "not a URL: \(url)")
                reportLocked()
                lock.unlock()
                return
            }
            transport = HTTPToolTransport(endpoint: endpoint, bearerToken: token, caFile: caFile)
        }
        // Kept from the start (not only once running): a crash or a give-up disconnects it,
        // which ends a handshake still waiting.
        let client = Client(name: "chatterm", version: "1")
        slot.client = client
        lock.unlock()

        let watched = EndReportingTransport(transport) { [weak self] reason in
            self?.connectionEnded(name, generation: generation, reason: reason)
        }
        let startTimeout = max(config.timeoutSeconds, 30)
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(startTimeout)) { [weak self] in
            self?.giveUpStarting(name, generation: generation, reason: "no answer to initialize and tools/list within \(startTimeout) s")
        }
        Task {
            do {
                try await client.connect(transport: watched)
                let tools = try await Self.listAllTools(client, server: name, allowed: config.allowedTools)
                connected(name, generation: generation, client: client, tools: tools)
            } catch {
                let reason = ToolServerHost.describe(error)
                guard case .stdio = config.transport else {
                    giveUpStarting(name, generation: generation, reason: reason)
                    return
                }
                // A child that died makes the handshake fail too (a broken pipe); its exit,
                // reported by its watcher within moments, is the better reason and restarts it
                // once. A child still alive after the pause is given up with this reason.
                DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { [weak self] in
                    self?.giveUpStarting(name, generation: generation, reason: reason)
                }
            }
        }
    }

    /// `tools/list` page after page (following `nextCursor`), the allow-list applied.
    static func listAllTools(_ client: Client, server: String, allowed: [String]?) async throws -> [ToolSpec] {
        var specs: [ToolSpec] = []
        var cursor: String?
        var seen: Set<String> = []
        repeat {
            let page = try await client.listTools(cursor: cursor)
            for tool in page.tools where allowed?.contains(tool.name) ?? true {
                specs.append(ToolSpec(
                    server: server, name: tool.name, description: tool.description ?? "",
                    inputSchemaJSON: tool.inputSchema.json.compactText))
            }
            cursor = page.nextCursor
            // A server repeating a cursor must not keep us listing forever.
            if let next = cursor, !seen.insert(next).inserted { break }
        } while cursor != nil
        return specs
    }

    func connected(_ name: String, generation: Int, client: Client, tools: [ToolSpec]) {
        lock.lock()
        defer { lock.unlock() }
        guard let slot = slots[name], slot.generation == generation, !shuttingDown else { return }
        slot.client = client
        slot.status.phase = .running
        slot.status.tools = tools
        reportLocked()
    }

    /// A start that failed or never answered: the server is failed with the reason, and its
    /// child (if any) is ended; what that child does afterwards is ignored.
    func giveUpStarting(_ name: String, generation: Int, reason: String) {
        lock.lock()
        defer { lock.unlock() }
        guard let slot = slots[name], slot.generation == generation, slot.isStarting, !shuttingDown else { return }
        slot.generation += 1
        slot.status.phase = .failed(lastLine: reason)
        slot.status.tools = []
        if let child = slot.child { kill(-child.pid, SIGKILL) }
        slot.child = nil
        let client = slot.client
        slot.client = nil
        reportLocked()
        if let client { Task { await client.disconnect() } }
    }

    // MARK: - Crashes

    /// A thread per child, blocked in waitpid: it reaps the child (no zombie), closes our ends
    /// of its pipes, and reports the exit.
    func watch(_ child: Spawn.PipedChild, server: String, generation: Int) {
        Thread.detachNewThread { [weak self] in
            let status = Spawn.wait(child.pid)
            // The server is gone: so is whatever it started in its process group.
            kill(-child.pid, SIGKILL)
            close(child.input)
            close(child.output)
            self?.childExited(server, generation: generation, pid: child.pid, status: status)
        }
    }

    func childExited(_ name: String, generation: Int, pid: pid_t, status: Int32) {
        lock.lock()
        reaped[pid]?.signal()
        reaped[pid] = nil
        guard let slot = slots[name], slot.generation == generation else { lock.unlock(); return }
        let line = ServerLog(directory: dataDirectory, server: name).lastLine(since: slot.logStart)
            ?? (status > 128 ? "the server was killed by signal \(status - 128)" : "the server exited with status \(status)")
        slot.child = nil
        lock.unlock()
        crashed(name, generation: generation, lastLine: line)
    }

    /// The transport's stream ended (a child closed its stdout, an HTTP server went away).
    /// A child is ended so its watcher reports it once; an HTTP server crashed here.
    func connectionEnded(_ name: String, generation: Int, reason: String) {
        lock.lock()
        guard let slot = slots[name], slot.generation == generation, !shuttingDown else { lock.unlock(); return }
        // A stdio server's end is its watcher's to report, with the log's last line: its
        // stdout can close just after the watcher took the child away and before it reported.
        if case .stdio = slot.config.transport {
            if let child = slot.child { kill(-child.pid, SIGTERM) }
            lock.unlock()
            return
        }
        lock.unlock()
        crashed(name, generation: generation, lastLine: reason)
    }

    /// The first crash restarts the server; the second leaves it failed. Calls in flight on it
    /// end `.failed` with the line.
    func crashed(_ name: String, generation: Int, lastLine: String) {
        lock.lock()
        guard let slot = slots[name], slot.generation == generation, !shuttingDown else { lock.unlock(); return }
        slot.generation += 1
        let oldClient = slot.client
        slot.client = nil
        slot.crashes += 1
        slot.status.tools = []
        for (callID, call) in calls where call.server == name {
            finishLocked(callID, ToolCallResult(text: lastLine, outcome: .failed))
        }
        let restart = slot.crashes == 1
        slot.status.phase = restart ? .restarting(lastLine: lastLine) : .failed(lastLine: lastLine)
        reportLocked()
        lock.unlock()
        if let oldClient { Task { await oldClient.disconnect() } }
        if restart { launch(name) }
    }

    static func describe(_ error: any Error) -> String {
        if let mcp = error as? MCPError { return mcp.errorDescription ?? "\(mcp)" }
        return "\(error)"
    }
}
