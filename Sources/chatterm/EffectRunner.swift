import ChatClient
import ChatCore
import CursesTerminal
import ExternalEditor
import Foundation
import SessionStore
import StreamProtocol
import TerminalUI

/// Performs the reducer's effects and feeds their results back into the inbox as actions.
/// Store work runs on one serial queue (in order, off the UI thread); streams run on the
/// transport's thread; the editor and the clipboard use the terminal, so they run here on the
/// main thread. Nothing here decides anything: it only carries out.
final class EffectRunner {
    private let inbox: Inbox
    private let store: SessionStore
    /// The endpoint requests go to now, and every profile's (`useProfile` switches).
    private var endpoint: Endpoint
    private let endpoints: [String: Endpoint]
    private var streamer: CompletionStreamer { endpoint.streamer }
    private var models: ModelCatalog { endpoint.models }
    private let terminal: TerminalBridge
    /// The welcome screen's local server (`.startLocalServer`), and how an endpoint is made for
    /// its profile (`.useLocalServer`), both set by the launcher.
    var localServer: LocalServerChild?
    var makeEndpoint: ((Profile) -> Endpoint)?
    private let storeQueue = DispatchQueue(label: "chatterm.store")
    /// Searches run here, beside the store's writes and page reads (the database allows
    /// concurrent readers), so a slow query never holds up a save or a scroll.
    private let searchQueue = DispatchQueue(label: "chatterm.search")

    /// The newest sessions-search query, read by the store queue to skip overtaken ones.
    private let latestSessionQuery = LatestValue<String>()
    private let latestConversationQuery = LatestValue<String>()
    /// `[clipboard] method` from the config.
    var clipboardMethod = ClipboardMethod.auto
    /// Where `.saveRememberedChoices` writes (`StateFile`); nil without a home directory.
    var stateFilePath: String?

    /// Checks once a second whether another process changed the database.
    private var outsideChanges: DispatchSourceTimer?

    /// One profile's way to the server: its streamer and model catalog (own base URL and key).
    struct Endpoint {
        var name: String
        var streamer: CompletionStreamer
        var models: ModelCatalog
    }

    /// `current` is the profile started with; `others` the config's other usable profiles.
    init(inbox: Inbox, store: SessionStore, current: Endpoint, others: [Endpoint] = [], terminal: TerminalBridge) {
        self.inbox = inbox
        self.store = store
        self.endpoint = current
        var all = [current.name: current]
        for other in others where all[other.name] == nil { all[other.name] = other }
        self.endpoints = all
        self.terminal = terminal
    }

    /// Two chatterms on one database see each other's sessions within a second: a change made
    /// elsewhere reads the newest page of the list again. Asking SQLite costs microseconds,
    /// and it runs on the store queue, so it never races a save.
    func watchOutsideChanges() {
        let store = self.store
        let inbox = self.inbox
        // Damage the background check (or any read) finds is said at once on the status line,
        // not only when the next save is refused.
        store.whenDamageFound { damage in inbox.post(.storeFailed("\(damage)")) }
        var last = (try? store.outsideChangeCount()) ?? 0
        let timer = DispatchSource.makeTimerSource(queue: storeQueue)
        timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        timer.setEventHandler {
            guard let count = try? store.outsideChangeCount(), count != last else { return }
            last = count
            if let page = try? store.listSessions(limit: SessionPaging.pageSize) { inbox.post(.sessionsChangedElsewhere(page)) }
        }
        timer.resume()
        outsideChanges = timer
    }

    func perform(_ effects: [Effect]) {
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case let .setMouse(enabled):
            terminal.setMouse(enabled)
        case .cycleTheme:
            let themes = Theme.builtIn
            let index = themes.firstIndex { $0.name == terminal.theme.name }.map { ($0 + 1) % themes.count } ?? 0
            terminal.setTheme(themes[index])
            inbox.post(.themeChanged(themes[index].name))
        case let .reopenSession(id):
            let inbox = self.inbox
            onStore { store in
                // A session deleted since (here or by another chatterm) leaves the blank one.
                guard try store.sessionSummary(id: id) != nil else { return nil }
                inbox.post(.sessionReopened(
                    sessionID: id, window: try store.loadMessageWindow(sessionID: id, .newest),
                    parameters: try store.loadParameters(sessionID: id)))
                return .sessionProfileLoaded(sessionID: id, name: try store.sessionProfile(id: id))
            }
        case let .saveRememberedChoices(choices):
            // On the store's queue: off the main thread, in order, and flushed at exit.
            guard let path = stateFilePath else { return }
            let inbox = self.inbox
            storeQueue.async {
                do { try StateFile.write(choices, to: path) } catch { inbox.post(.storeFailed("\(error)")) }
            }
        case .loadSessions:
            onStore { store in .sessionsLoaded(try store.listSessions(limit: SessionPaging.pageSize)) }
        case let .loadConversation(id):
            let inbox = self.inbox
            onStore { store in
                inbox.post(.conversationLoaded(
                    sessionID: id, window: try store.loadMessageWindow(sessionID: id, .newest),
                    parameters: try store.loadParameters(sessionID: id)))
                // After it: the reducer switches to the session's profile once it is open.
                return .sessionProfileLoaded(sessionID: id, name: try store.sessionProfile(id: id))
            }
        case let .loadMessages(id, position):
            onStore { store in
                .messagesLoaded(sessionID: id, position: position, window: try store.loadMessageWindow(sessionID: id, position))
            }
        case let .deleteMessages(sessionID, messageID, deletionID):
            onStore { store in
                try store.deleteMessages(from: messageID, sessionID: sessionID, deletionID: deletionID)
                return nil
            }
        case let .searchSessions(query):
            // Typing asks once per key; a query overtaken before its turn is not run.
            latestSessionQuery.set(query)
            let latest = latestSessionQuery
            // A short pause first, so a burst of keys asks once, for the last query.
            onSearchQueue(after: 0.04) { store in
                guard latest.get() == query else { return nil }
                return .sessionsFound(query: query, try store.searchSessions(query, limit: SessionSearchLimits.hits))
            }
        case let .searchConversation(sessionID, query):
            latestConversationQuery.set(query)
            let latest = latestConversationQuery
            onSearchQueue(after: 0.04) { store in
                guard latest.get() == query else { return nil }
                return .conversationMatches(
                    sessionID: sessionID, query: query, try store.messageIDs(containing: query, sessionID: sessionID))
            }
        case let .loadConversationAround(sessionID, messageID):
            let inbox = self.inbox
            onStore { store in
                try store.showOnPath(messageID: messageID, sessionID: sessionID)
                inbox.post(.conversationLoaded(
                    sessionID: sessionID, window: try store.loadMessageWindow(sessionID: sessionID, .around(messageID: messageID)),
                    parameters: try store.loadParameters(sessionID: sessionID)))
                return .sessionProfileLoaded(sessionID: sessionID, name: try store.sessionProfile(id: sessionID))
            }
        case let .loadMoreSessions(after, limit):
            onStore { store in
                let page = try store.listSessions(after: after, limit: limit ?? Int(Int32.max))
                return .moreSessionsLoaded(after: after.id, page, complete: limit.map { page.count < $0 } ?? true)
            }
        case let .deleteSession(sessionID, deletionID):
            onStore { store in
                try store.deleteSession(id: sessionID, deletionID: deletionID)
                return nil
            }
        case let .forkSession(sourceID, upTo, fork):
            onStore { store in
                try store.forkSession(sourceID, upTo: upTo, into: fork)
                return .sessionForked(fork)
            }
        case let .renameSession(sessionID, title):
            onStore { store in
                try store.renameSession(id: sessionID, title: title)
                return nil
            }
        case let .restoreDeletion(_, deletionID):
            onStore { store in
                try store.restoreDeletion(deletionID) ? nil : .storeFailed("The deleted messages could not be put back: they were not kept.")
            }
        case let .loadRequestHistory(id, before):
            onStore { store in
                .requestHistoryLoaded(sessionID: id, messages: try store.loadRequestHistory(sessionID: id, before: before))
            }
        case let .writeFile(path, text):
            let data = Data(text.utf8)
            do {
                try SessionExport.write(data, to: path)
                inbox.post(.sessionExported(path: path, bytes: data.count))
            } catch {
                inbox.post(.storeFailed("Could not write \(path): \(SessionExport.describe(error))"))
            }
        case let .exportSession(sessionID, path):
            onStore { store in
                let format: SessionExport.Format = path.lowercased().hasSuffix(".json") ? .json : .markdown
                let data = try SessionExport.data(of: sessionID, format: format, store: store)
                let expanded = path.hasPrefix("~/")
                    ? (ProcessInfo.processInfo.environment["HOME"] ?? "") + String(path.dropFirst(1)) : path
                do {
                    try SessionExport.write(data, to: expanded)
                } catch {
                    return .storeFailed("Could not write \(path): \(SessionExport.describe(error))")
                }
                return .sessionExported(path: path, bytes: data.count)
            }
        case let .switchBranch(sessionID, messageID, step):
            onStore { store in
                .branchSwitched(
                    sessionID: sessionID, fromMessageID: messageID,
                    try store.switchBranch(sessionID: sessionID, from: messageID, step: step))
            }
        case let .loadSentRequest(id):
            let store = self.store
            let inbox = self.inbox
            storeQueue.async {
                do {
                    inbox.post(.sentRequestLoaded(messageID: id, try store.loadSentRequest(messageID: id)))
                } catch {
                    inbox.post(.sentRequestLoadFailed(messageID: id, problem: "\(error)"))
                }
            }
        case let .createSession(summary, parameters):
            let profile = endpoint.name
            onStore { store in
                try store.createSession(summary, parameters: parameters)
                try store.setSessionProfile(id: summary.id, name: profile)
                return nil
            }
        case let .useProfile(name):
            // An unknown name cannot come from the reducer (it offers only resolved profiles).
            if let chosen = endpoints[name] { endpoint = chosen }
        case let .saveSessionProfile(sessionID, name):
            onStore { store in try store.setSessionProfile(id: sessionID, name: name); return nil }
        case let .saveMessage(message, sessionID):
            onStore { store in try store.saveMessage(message, sessionID: sessionID); return nil }
        case let .saveParameters(parameters, sessionID, now):
            onStore { store in
                try store.saveParameters(parameters, sessionID: sessionID, updatedAtMillis: now)
                return nil
            }
        case let .startStream(id, request):
            let inbox = self.inbox
            streamer.start(id.rawValue, request) { update in
                inbox.post(Action(update, of: id, nowMillis: Clock.nowMillis()))
            }
        case let .cancelStream(id):
            streamer.cancel(id.rawValue)
        case .loadPresets:
            onStore { store in .presetsLoaded(try store.listPresets()) }
        case let .savePreset(preset):
            let now = Clock.nowMillis()
            onPresetStore { store in try store.savePreset(preset, updatedAtMillis: now) }
        case let .deletePreset(name):
            onPresetStore { store in try store.deletePreset(name: name) }
        case .listModels:
            listModels()
        case .startLocalServer:
            localServer?.start(inbox: inbox)
        case let .useLocalServer(profile):
            if let endpoint = makeEndpoint?(profile) { self.endpoint = endpoint }
        case let .editExternally(field, text):
            editExternally(field, text)
        case let .copyToClipboard(text):
            copyToClipboard(text)
        case let .saveDraft(sessionID, text):
            onStore { store in
                try store.saveDraft(sessionID: sessionID, text: text)
                return nil
            }
        case let .loadDraft(sessionID):
            onStore { store in .draftLoaded(sessionID: sessionID, text: try store.loadDraft(sessionID: sessionID)) }
        case .quit:
            break  // The run loop sees `quitRequested` and winds down after this batch.
        }
    }

    /// OSC 52 (unless the config names a tool alone), and the clipboard program the config
    /// names or `auto` finds. A failure becomes a notice.
    private func copyToClipboard(_ text: String) {
        let environment = ProcessInfo.processInfo.environment
        var problems: [String] = []
        if clipboardMethod == .auto || clipboardMethod == .osc52 {
            do {
                try terminal.copyToClipboard(text, insideTmux: !(environment["TMUX"] ?? "").isEmpty)
            } catch {
                problems.append(error.description)
            }
        }
        if clipboardMethod != .osc52 {
            if let command = ClipboardTool.command(for: clipboardMethod, environment: environment) {
                do { try ClipboardTool.copy(text, with: command) } catch { problems.append("\(command[0]) failed: \(error)") }
            } else if clipboardMethod != .auto {
                problems.append("Not copied: \(clipboardMethod.rawValue) is not installed ([clipboard] method in the config).")
            }
        }
        if let problem = problems.first { inbox.post(.storeFailed(problem)) }
    }

    /// Runs store work in order off the UI thread; failures become a notice, never a crash.
    private func onStore(_ work: @escaping (SessionStore) throws -> Action?) {
        let store = self.store
        let inbox = self.inbox
        storeQueue.async {
            do {
                if let action = try work(store) { inbox.post(action) }
            } catch {
                inbox.post(.storeFailed("Could not save or load sessions: \(error)"))
            }
        }
    }

    /// Read-only store work on the search queue, after `delay` seconds.
    private func onSearchQueue(after delay: Double, _ work: @escaping (SessionStore) throws -> Action?) {
        let store = self.store
        let inbox = self.inbox
        searchQueue.asyncAfter(deadline: .now() + delay) {
            do {
                if let action = try work(store) { inbox.post(action) }
            } catch {
                inbox.post(.storeFailed("Could not search the sessions: \(error)"))
            }
        }
    }

    /// A preset write; when it fails, the list is read back so the overlay shows what is
    /// really stored rather than the change the reducer made ahead of the write.
    private func onPresetStore(_ work: @escaping (SessionStore) throws -> Void) {
        let store = self.store
        let inbox = self.inbox
        storeQueue.async {
            do {
                try work(store)
            } catch {
                inbox.post(.storeFailed("Could not save the preset change: \(error)"))
                if let presets = try? store.listPresets() { inbox.post(.presetsLoaded(presets)) }
            }
        }
    }

    /// Lists the active dialect's models off the main thread (the transport's thread answers);
    /// the picker shows them, or the failure and its free-text fallback.
    private func listModels() {
        let inbox = self.inbox
        models.fetch { result in
            switch result {
            case let .success(names):
                inbox.post(.modelsListed(names))
            case let .failure(error):
                // The picker says "Could not list models:" before it.
                inbox.post(.modelsListingFailed(error.message))
            }
        }
    }

    /// Suspends the screen, runs `$VISUAL`/`$EDITOR` on a private temporary file holding
    /// `text`, and posts what came back. Blocks the run loop while the editor is open, which
    /// is what the user expects: the terminal is the editor's until it exits. Stream updates
    /// arriving meanwhile wait in the inbox.
    private func editExternally(_ field: ParameterField, _ text: String) {
        let suffix: String
        if case .json = field.kind { suffix = ".json" } else { suffix = ".txt" }
        let outcome = ExternalEditor.edit(
            text, fileSuffix: suffix, environment: ProcessInfo.processInfo.environment
        ) { run in
            try terminal.suspended(run)
        }
        inbox.post(.externalEditFinished(field, text: outcome.text, problem: outcome.problem))
    }

    /// Waits for queued store writes (quitting must not lose the last save).
    func flushStore() {
        outsideChanges?.cancel()
        storeQueue.sync {}
    }
}

/// One value shared between the UI thread (which sets it) and the store queue (which reads it).
final class LatestValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    func get() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
