import ChatClient
import ChatCore
import ChatRuntime
import Foundation
import ScriptMode
import SessionStore
import StreamProtocol
import TerminalUI

/// Runs one `chatterm ask` with the app's own pieces and no screen: the reducer builds the
/// request and the stored records exactly as the app would, the client streams and retries,
/// the store keeps the turn when asked. What reaches stdout and stderr is `AskOutput`'s view
/// of the reply in the reducer's state.
final class AskRunner {
    private let settings: LaunchSettings
    private let job: AskJob
    private var store: SessionStore?
    /// A store write failed: said once, and the turn is not named as stored.
    private var storeFailed = false
    /// stdout was closed by its reader (`| head`): nothing more is said about the reply.
    private var stdoutClosed = false
    private var state: AppState
    private var output: AskOutput
    /// `--render` on a terminal: the reply's text goes through it (rendered Markdown, sanitized
    /// there) instead of straight to stdout.
    private var printer: RenderedReplyPrinter?
    /// The request and reply the output follows: the first, then each tool round's.
    private var requestID = ChatCore.RequestID(0)
    private var replyID: String?
    /// Who answers a tool call's approval (decided once the runner exists).
    private var approval = AskToolApproval.Mode.refuseAll
    /// Whether the current reply's calls were said, and the notice when it started.
    private var rounds = AskToolRounds()

    init(settings: LaunchSettings, job: AskJob, printer: RenderedReplyPrinter? = nil) {
        self.settings = settings
        self.job = job
        self.printer = printer
        state = AppState(profile: settings.profile)
        // The printer sanitizes what it renders; it needs the text as sent.
        output = AskOutput(format: printer == nil ? job.output : .text(raw: true), dialect: settings.profile.dialect)
    }

    /// The exit status once a request was made; a mistake before it (a flag, the session, the
    /// preset: `AskUsageError`) or a database that cannot be used (`CommandFailure`) is thrown,
    /// for `ErrorReport` to say in the shape every subcommand uses.
    func run() throws -> AskExitStatus {
        signal(SIGPIPE, SIG_IGN)
        Launcher.unblockTerminalSignals()
        do {
            try prepareConversation()
        } catch let error as AskUsageError {
            throw error
        } catch {
            throw CommandFailure.store(any: error)
        }
        // The servers this ask starts (a dry run starts none: it sends nothing to run tools for).
        switch job.toolServers.selected(from: Self.configuredToolSettings(settings)) {
        case let .success(tools): if job.dryRun == nil { state.launch.toolSettings = tools }
        case let .failure(problem): throw AskUsageError(problem.message)
        }
        let toolServers = Self.toolServersClient(for: state.launch.toolSettings, settings: settings)
        defer { toolServers.shutdown() }
        var inbox: Inbox?
        if !state.launch.toolSettings.servers.isEmpty {
            do {
                inbox = try Inbox()
            } catch {
                say("\(error)")
                return .failed
            }
        }
        // Started before the send and waited for, so the first request offers their tools.
        // (What the runner's `.startToolServers` does, called before the runner exists: the
        // streamer it also needs is made after the send.)
        if let inbox { startToolServers(toolServers, inbox: inbox) }
        let effects = reduce(&state, .commandInvoked(.send, LiveStamp.make()))
        guard let (requestID, request) = Self.startedStream(in: effects) else {
            throw AskUsageError(state.status.notice ?? "nothing was sent.")
        }
        HTTPStreamTransport.globalInit()
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        let streamer = CompletionStreamer(
            transport: transport, baseURL: settings.profile.baseURL, dialect: settings.profile.dialect,
            apiKey: settings.apiKey, retryPolicy: RetryPolicy(maxRetries: settings.maxRetries),
            idleTimeoutSeconds: settings.idleTimeoutSeconds)
        streamer.connectTimeoutSeconds = settings.connectTimeoutSeconds
        streamer.caFile = settings.caFile

        switch job.dryRun {
        case .showRequest?:
            let body = streamer.httpRequest(for: request).body
            return write(AskOutput.Writes(stdout: String(decoding: body, as: UTF8.self) + "\n")) ? .success : .failed
        case .curl?:
            let command = redactedCurlCommand(
                for: streamer.httpRequest(for: request), apiKeyVariable: settings.profile.apiKeyVariable)
            return write(AskOutput.Writes(stdout: command + "\n")) ? .success : .failed
        case nil:
            break
        }
        if let notice = state.status.notice { say(notice) }
        let replyID = state.streaming.active?.reply.id
        if inbox == nil {
            do {
                inbox = try Inbox()
            } catch {
                say("\(error)")
                return .failed
            }
        }
        guard let inbox else { return .failed }
        let signals = Self.interruptSources(posting: inbox)
        defer { signals.forEach { $0.cancel() } }
        // The app's runner, allowed only what a send, a stream and a cancel produce (and the
        // turn's store writes when it is kept: `RuntimeMode.ask`).
        let dependencies = Dependencies(
            clock: LiveDependencies.clock, wallClockMillis: LiveDependencies.wallClockMillis,
            store: store.map { LiveSessionStore($0) },
            streamer: LiveDependencies.stream(name: nil, streamer: streamer, models: nil),
            toolServers: toolServers)
        let runner = EffectRunner(mode: .ask(storesTurn: job.storesTurn), dependencies: dependencies, post: { inbox.post($0) })
        approval = AskToolApproval.mode(hasTerminal: Self.hasTerminal(), approveTools: job.toolServers.approveAll)
        runner.perform(effects)
        // The new session is written before anything is said about it (a failure first).
        runner.drain()
        let early = takeStoreFailures(inbox.drain())
        if case .new? = job.session, job.storesTurn, case .text = job.output, let id = state.conversation.activeSessionID {
            say("storing this ask in session \(id)")
        }
        return loop(inbox: inbox, runner: runner, first: early, requestID: requestID, replyID: replyID)
    }

    // MARK: - Before sending

    /// The stored session and its parameters, then the preset, then the flags; the prompt in
    /// the message box.
    private func prepareConversation() throws {
        state.status.nowMillis = Clock.nowMillis()
        if job.needsStore {
            let path = settings.databasePath ?? SessionStore.defaultPath(environment: ProcessInfo.processInfo.environment)
            let opened = try SessionStore(path: path)
            // A file too large to check at open is checked in the background; its verdict is
            // waited for (at most `IntegrityWatch.writeWaitLimit`) before anything is sent: a
            // reply that could not be stored is not asked for.
            if job.storesTurn { try opened.requireSound() }
            store = opened
        }
        var parameters = settings.profile.defaultParameters
        if case let .existing(reference)? = job.session, let store {
            let id = try Self.sessionID(reference, in: store)
            let stored = try store.loadParameters(sessionID: id)
            // The whole history, as much of each message as a request needs: ask shows none of it.
            let history = MessageWindow.whole(try store.loadRequestHistory(sessionID: id))
            _ = reduce(&state, .conversationLoaded(sessionID: id, window: history, parameters: stored))
            parameters = state.parameters
        }
        if let name = job.preset, let store {
            let presets = try store.listPresets()
            guard let preset = presets.first(where: { $0.name == name }) else {
                let presetsKey = settings.keymap.displayKey(for: .presets, in: [.global])
                let known = presets.isEmpty
                    ? "there are none yet (save one in the app: \(presetsKey))" : "saved: " + presets.map(\.name).joined(separator: ", ")
                throw AskUsageError("--preset \(name): no preset has that name; \(known).")
            }
            parameters = preset.applied(to: parameters)
        }
        switch job.fields.applied(to: parameters) {
        case let .success(applied): state.parameters = applied
        case let .failure(error): throw error
        }
        _ = reduce(&state, .textPasted(job.prompt))
    }

    /// An id, or a prefix that names one session.
    private static func sessionID(_ reference: String, in store: SessionStore) throws -> String {
        do {
            return try SessionReference.resolve(
                reference, in: store, flag: "--session", noneHint: " (use --session new to start one)")
        } catch let problem as SessionReference.Problem {
            throw AskUsageError(problem.description)
        }
    }

    private static func startedStream(in effects: [Effect]) -> (ChatCore.RequestID, ChatRequest)? {
        for case let .startStream(id, request) in effects { return (id, request) }
        return nil
    }

    // MARK: - Streaming

    private func loop(
        inbox: Inbox, runner: EffectRunner, first: [Action], requestID firstRequest: ChatCore.RequestID, replyID firstReply: String?
    ) -> AskExitStatus {
        var wake = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        var batch = first
        // With MCP tools the reducer sends the next request itself once the calls have ended:
        // the ask follows it (`perform` notes each `.startStream`).
        requestID = firstRequest
        replyID = firstReply
        rounds = AskToolRounds(notice: state.status.notice)
        while true {
            if batch.isEmpty {
                _ = poll(&wake, 1, -1)
                batch = takeStoreFailures(inbox.drain())
            }
            defer { batch = [] }
            for action in batch {
                var interrupted = false
                switch action {
                case let .streamReceived(id, events, now) where id == requestID:
                    // Shown from the state each step leaves (`AskOutput.steps`: every event for
                    // `--json`, the read for text); one write for the batch, as it came in one
                    // network read.
                    var writes = AskOutput.Writes()
                    for step in output.steps(events) {
                        perform(reduce(&state, .streamReceived(id, step, nowMillis: now)), runner: runner)
                        if let replyID, let reply = AskReplyView.of(replyID: replyID, in: &state) { writes.append(output.show(reply)) }
                    }
                    if write(writes) { continue }
                    interrupted = true
                case let .streamRetrying(id, notice, _) where id == requestID:
                    if !write(output.retrying(notice)) { interrupted = true }
                case .commandInvoked(.cancel, _):
                    // After `done` the close is a moment away: the reply is whole, let it end.
                    // A tool call waiting or running is stopped like a stream.
                    interrupted = state.streaming.active != nil || state.tools.turn != nil
                    if !interrupted { continue }
                case let .toolFinished(callID, result, now):
                    // The reply's close may still be on its way: its calls are said first.
                    endRound()
                    let before = state.tools.turn
                    perform(reduce(&state, action), runner: runner)
                    if !write(toolResults(before: before, nowMillis: now, current: (callID, result.outcome, result.text))) {
                        interrupted = true
                    } else {
                        answerApprovals(runner: runner)
                        continue
                    }
                default:
                    break
                }
                if interrupted {
                    // Ctrl+C, or stdout closed (`| head`): stop the stream, keep what arrived.
                    runner.perform(reduce(&state, .commandInvoked(.cancel, LiveStamp.make())))
                    return finish(failure: nil, interrupted: true, replyID: replyID, runner: runner, inbox: inbox)
                }
                perform(reduce(&state, action), runner: runner)
                if case let .streamClosed(id, failure, _) = action, id == requestID {
                    // A reply whose MCP calls are now the reducer's: the ask goes on with them.
                    if AskToolRounds.continuesAfterClose(
                        failed: failure != nil, turnInProgress: state.tools.turn != nil, nextRequestStarted: requestID != id
                    ) {
                        endRound()
                        if stdoutClosed {
                            runner.perform(reduce(&state, .commandInvoked(.cancel, LiveStamp.make())))
                            return finish(failure: nil, interrupted: true, replyID: replyID, runner: runner, inbox: inbox)
                        }
                        answerApprovals(runner: runner)
                        continue
                    }
                    if let notice = rounds.noticeToSay(
                        current: state.status.notice, serversConfigured: !state.launch.toolSettings.servers.isEmpty
                    ) {
                        say(notice)
                    }
                    return finish(failure: failure, interrupted: false, replyID: replyID, runner: runner, inbox: inbox)
                }
            }
        }
    }

    private func finish(
        failure: APIError?, interrupted: Bool, replyID: String?, runner: EffectRunner, inbox: Inbox
    ) -> AskExitStatus {
        // The turn's last write is made (or said to have failed) before `done` names it.
        runner.flush()
        _ = takeStoreFailures(inbox.drain())
        var stored: AskOutput.StoredTurn?
        if job.storesTurn, !storeFailed, let session = state.conversation.activeSessionID, let replyID {
            stored = AskOutput.StoredTurn(sessionID: session, messageID: replyID)
        }
        var (writes, status) = output.finish(failure: failure, interrupted: interrupted, stored: stored)
        if printer != nil, !stdoutClosed {
            // The reply's last rows first, then what stderr has to say under them.
            _ = write(AskOutput.Writes(stdout: writes.stdout))
            if var finishing = printer {
                _ = Self.writeAll(STDOUT_FILENO, finishing.finish())
                printer = finishing
            }
            writes.stdout = ""
        }
        if !stdoutClosed { _ = write(writes) }
        return status
    }

    /// A store failure does not stop the reply (stdout still gets all of it); it is said once
    /// (the runner stores nothing more after it). The other actions are returned, in order.
    private func takeStoreFailures(_ actions: [Action]) -> [Action] {
        // Almost every batch has none: hand it on as it is. Filtering it anyway built a new
        // array of every action (growing it, copying each) for every network read of a burst.
        guard actions.contains(where: { if case .storeFailed = $0 { true } else { false } }) else { return actions }
        return actions.filter { action in
            guard case let .storeFailed(sentence) = action else { return true }
            if !storeFailed {
                storeFailed = true
                say(sentence)
            }
            return false
        }
    }

    /// Ctrl+C and SIGTERM stop the reply the way Esc does in the app.
    private static func interruptSources(posting inbox: Inbox) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { inbox.post(.commandInvoked(.cancel, LiveStamp.make())) }
            source.resume()
            return source
        }
    }

    // MARK: - Tools

    /// The effects of one step, and the request the reducer started in it (the next tool
    /// round's), which the ask follows from here on.
    private func perform(_ effects: [Effect], runner: EffectRunner) {
        runner.perform(effects)
        guard let (id, _) = Self.startedStream(in: effects) else { return }
        requestID = id
        replyID = state.streaming.active?.reply.id
        rounds.requestStarted(notice: state.status.notice)
    }

    /// The reply of this round ended with calls the reducer works through: they are said once
    /// (`tool_call` lines, or stderr notes) before any of their results, and the next reply is
    /// shown from its start. Called at the reply's close, or at a result that came before it.
    private func endRound() {
        if rounds.endRound() { _ = write(output.endToolRound()) }
    }

    /// Starts the servers and waits (at most `AskToolServersWait.limitMillis`) until each runs
    /// or has failed; a server that is not running is said on stderr and its tools are not
    /// offered. Other actions that arrive meanwhile (a Ctrl+C) are kept for the loop.
    private func startToolServers(_ client: ToolServersClient, inbox: Inbox) {
        let names = state.launch.toolSettings.servers.map(\.name)
        client.start { inbox.post($0) }
        var wake = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        let deadline = Clock.nowMillis() + AskToolServersWait.limitMillis
        var kept: [Action] = []
        while !AskToolServersWait.settled(state.tools.servers, expecting: names) {
            let left = deadline - Clock.nowMillis()
            guard left > 0 else { break }
            _ = poll(&wake, 1, Int32(min(left, 1_000)))
            for action in inbox.drain() {
                if case .toolServersChanged = action {
                    _ = reduce(&state, action)
                } else {
                    kept.append(action)
                }
            }
        }
        for action in kept { inbox.post(action) }
        for problem in AskToolServersWait.problems(state.tools.servers, expecting: names) { say(problem) }
    }

    /// Answers every call that waits for approval, one after another, as `approval` says; the
    /// ends it causes (a refusal) are reported. A closed stdout is found by the loop's next write.
    private func answerApprovals(runner: EffectRunner) {
        if state.tools.turn?.awaitsApproval == true { endRound() }
        while let turn = state.tools.turn, turn.awaitsApproval, let index = turn.currentIndex {
            let command = AskToolApproval.command(for: approval) ?? Self.askOnTerminal(turn.calls[index])
            let before = state.tools.turn
            perform(reduce(&state, .commandInvoked(command, LiveStamp.make())), runner: runner)
            // A refusal of the turn's last call ends the turn: the event needs its outcome.
            let current = command == .refuseTool ? (turn.calls[index].call.wireID, ToolRunOutcome.refused, String?.none) : nil
            _ = write(toolResults(before: before, nowMillis: Clock.nowMillis(), current: current))
        }
    }

    /// The `tool_result` events of the calls one step ended.
    private func toolResults(
        before: ToolTurn?, nowMillis: Int64, current: (callID: String, outcome: ToolRunOutcome, text: String?)?
    ) -> AskOutput.Writes {
        var writes = AskOutput.Writes()
        for event in ToolResultEvent.ended(before: before, after: state.tools.turn, nowMillis: nowMillis, current: current) {
            writes.append(output.toolResult(event))
        }
        return writes
    }

    // MARK: - Output

    /// False when stdout is gone (a closed pipe): the caller stops the stream.
    private func write(_ writes: AskOutput.Writes) -> Bool {
        if !writes.stderr.isEmpty { _ = Self.writeAll(STDERR_FILENO, writes.stderr) }
        var stdout = writes.stdout
        if !stdout.isEmpty, var rendering = printer {
            stdout = rendering.append(stdout)
            printer = rendering
        }
        if stdout.isEmpty || Self.writeAll(STDOUT_FILENO, stdout) { return true }
        stdoutClosed = true
        return false
    }

    private func say(_ sentence: String) {
        _ = Self.writeAll(STDERR_FILENO, "chatterm: \(sentence)\n")
    }

    static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }
}
