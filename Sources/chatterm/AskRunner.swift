import ChatClient
import ChatCore
import Foundation
import ScriptMode
import SessionStore
import StreamProtocol
import TerminalUI

/// Runs one `chatterm ask` with the app's own pieces and no screen: the reducer builds the
/// request and the stored records exactly as the app would, the client streams and retries,
/// the store keeps the turn when asked. What reaches stdout and stderr is `AskOutput`'s.
final class AskRunner {
    private let settings: LaunchSettings
    private let job: AskJob
    private var store: SessionStore?
    private var storeFailed = false
    /// stdout was closed by its reader (`| head`): nothing more is said about the reply.
    private var stdoutClosed = false
    private var state: AppState
    private var output: AskOutput
    /// `--render` on a terminal: the reply's text goes through it (rendered Markdown, sanitized
    /// there) instead of straight to stdout.
    private var printer: RenderedReplyPrinter?

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
        let inbox: Inbox
        do {
            inbox = try Inbox()
        } catch {
            say("\(error)")
            return .failed
        }
        let signals = Self.interruptSources(posting: inbox)
        defer { signals.forEach { $0.cancel() } }
        perform(effects, streamer: streamer, inbox: inbox)
        if case .new? = job.session, job.storesTurn, case .text = job.output, let id = state.conversation.activeSessionID {
            say("storing this ask in session \(id)")
        }
        return loop(inbox: inbox, streamer: streamer, requestID: requestID, replyID: replyID)
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

    private func loop(inbox: Inbox, streamer: CompletionStreamer, requestID: ChatCore.RequestID, replyID: String?) -> AskExitStatus {
        var wake = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        while true {
            _ = poll(&wake, 1, -1)
            for action in inbox.drain() {
                var interrupted = false
                switch action {
                case let .streamReceived(id, events, _) where id == requestID:
                    if !write(output.receive(events)) { interrupted = true }
                case let .streamRetrying(id, notice, _) where id == requestID:
                    if !write(output.retrying(notice)) { interrupted = true }
                case .commandInvoked(.cancel, _):
                    // After `done` the close is a moment away: the reply is whole, let it end.
                    interrupted = state.streaming.active != nil
                    if !interrupted { continue }
                default:
                    break
                }
                if interrupted {
                    // Ctrl+C, or stdout closed (`| head`): stop the stream, keep what arrived.
                    perform(reduce(&state, .commandInvoked(.cancel, LiveStamp.make())), streamer: streamer, inbox: inbox)
                    return finish(failure: nil, interrupted: true, replyID: replyID)
                }
                perform(reduce(&state, action), streamer: streamer, inbox: inbox)
                if case let .streamClosed(id, failure, _) = action, id == requestID {
                    return finish(failure: failure, interrupted: false, replyID: replyID)
                }
            }
        }
    }

    private func finish(failure: APIError?, interrupted: Bool, replyID: String?) -> AskExitStatus {
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

    /// Only what a send, a stream and a cancel produce; the app's other effects never follow them.
    private func perform(_ effects: [Effect], streamer: CompletionStreamer, inbox: Inbox) {
        for effect in effects {
            switch effect {
            case let .startStream(id, request):
                streamer.start(id.rawValue, request) { update in
                    inbox.post(Action(update, of: id, nowMillis: Clock.nowMillis()))
                }
            case let .cancelStream(id):
                streamer.cancel(id.rawValue)
            case let .createSession(summary, parameters) where job.storesTurn:
                storing { try $0.createSession(summary, parameters: parameters) }
            case let .saveMessage(message, sessionID) where job.storesTurn:
                storing { try $0.saveMessage(message, sessionID: sessionID) }
            default:
                break
            }
        }
    }

    /// A store failure does not stop the reply (stdout still gets all of it); it is said once.
    private func storing(_ work: (SessionStore) throws -> Void) {
        guard let store, !storeFailed else { return }
        do {
            try work(store)
        } catch {
            storeFailed = true
            say("could not store this ask: \(error). The reply is still printed in full.")
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

    private static func writeAll(_ fd: Int32, _ text: String) -> Bool {
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
