import ChatCore
import Foundation
import StreamProtocol

/// The one place the reducer's effects are carried out, for the app and for `chatterm ask`
/// (`RuntimeMode` says which effects each allows); results come back as actions through
/// `post`. Store work runs on one serial queue (in order, off the run loop's thread),
/// searches on their own queue after a pause on the injected clock, file writes and clipboard
/// programs on a files queue; streams on the transport's thread. The editor and OSC 52 use the
/// terminal, so they run here, on the run loop's thread. Nothing here decides anything about
/// the conversation: it only carries out.
public final class EffectRunner {
    /// A burst of keys in a search box asks once, for the last query, after this pause.
    public static let searchPause: Duration = .milliseconds(40)
    /// How often another process's writes to the database are looked for.
    public static let outsideChangesInterval: Duration = .seconds(1)

    private let mode: RuntimeMode
    private let post: @Sendable (Action) -> Void
    private let clock: RuntimeClock
    private let wallClockMillis: @Sendable () -> Int64
    private let store: (any SessionStoring)?
    /// The endpoint requests go to now, and every profile's (`useProfile` switches).
    private var endpoint: StreamClient
    private let endpoints: [String: StreamClient]
    private let clipboard: ClipboardClient
    private let spawn: SpawnClient
    private let files: FilesClient
    private let terminal: TerminalClient
    private let toolServers: ToolServersClient

    private let storeQueue = DispatchQueue(label: "chatterm.store")
    /// Searches run here, beside the store's writes and page reads (the database allows
    /// concurrent readers), so a slow query never holds up a save or a scroll.
    private let searchQueue = DispatchQueue(label: "chatterm.search")
    /// Exports, the state file and clipboard programs: never on the run loop's thread.
    private let filesQueue = DispatchQueue(label: "chatterm.files")

    /// The newest search queries, read by the search queue to skip overtaken ones.
    private let latestSessionQuery = LatestValue<String>()
    private let latestConversationQuery = LatestValue<String>()
    /// `ask` stores nothing more after one store call failed (the failure is said once).
    private let storeStopped = LatestValue<Bool>(false)
    /// The waits on the clock still running (searches' pauses, the outside-changes check).
    private var timers: [Task<Void, Never>] = []
    /// How often writes kept after a failure that may pass are tried again.
    public static let retryInterval: Duration = .seconds(5)
    private let waiting: WaitingWrites
    /// The wait that tries the kept writes again, while any are kept (cancelled by `flush`).
    private let retryTimer = LatestValue<Task<Void, Never>>()

    public init(mode: RuntimeMode = .app, dependencies: Dependencies, post: @escaping @Sendable (Action) -> Void) {
        self.mode = mode
        self.post = post
        clock = dependencies.clock
        waiting = WaitingWrites(now: dependencies.clock.now, gap: Self.retryInterval)
        wallClockMillis = dependencies.wallClockMillis
        store = dependencies.store
        endpoint = dependencies.streamer
        var all: [String: StreamClient] = [:]
        for client in [dependencies.streamer] + dependencies.otherStreamers {
            if let name = client.profileName, all[name] == nil { all[name] = client }
        }
        endpoints = all
        clipboard = dependencies.clipboard
        spawn = dependencies.spawn
        files = dependencies.files
        terminal = dependencies.terminal
        toolServers = dependencies.toolServers
    }

    /// Two chatterms on one database see each other's sessions within a second: a change made
    /// elsewhere reads the newest page of the list again. Asking SQLite costs microseconds,
    /// and it runs on the store queue, so it never races a save.
    public func watchOutsideChanges() {
        guard let store else { return }
        let post = self.post
        // Damage the background check (or any read) finds is said at once on the status line,
        // not only when the next save is refused.
        store.whenDamageFound { damage in post(.storeFailed("\(damage)")) }
        let last = LatestValue<Int>((try? store.outsideChangeCount()) ?? 0)
        let storeQueue = self.storeQueue
        let clock = self.clock
        let interval = Self.outsideChangesInterval
        timers.append(Task {
            while !Task.isCancelled {
                // A cancelled wait (at exit) ends the watch.
                guard (try? await clock.sleep(interval)) != nil else { return }
                storeQueue.async {
                    guard let count = try? store.outsideChangeCount(), count != last.get() else { return }
                    last.set(count)
                    if let page = try? store.listSessions(limit: SessionPaging.pageSize) { post(.sessionsChangedElsewhere(page)) }
                }
            }
        })
    }

    public func perform(_ effects: [Effect]) {
        for effect in effects where mode.allows(effect) { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        let post = self.post
        switch effect {
        case let .setMouse(enabled):
            terminal.setMouse(enabled)
        case .cycleTheme:
            post(.themeChanged(terminal.cycleTheme()))
        case let .reopenSession(id):
            onStore { store in
                // A session deleted since (here or by another chatterm) leaves the blank one.
                guard try store.sessionSummary(id: id) != nil else { return nil }
                post(.sessionReopened(
                    sessionID: id, window: try store.loadMessageWindow(sessionID: id, .newest),
                    parameters: try store.loadParameters(sessionID: id)))
                return .sessionProfileLoaded(sessionID: id, name: try store.sessionProfile(id: id))
            }
        case let .saveRememberedChoices(choices):
            // Off the run loop's thread, in order, and flushed at exit.
            guard let writeState = files.writeState else { return }
            filesQueue.async {
                do { try writeState(choices) } catch { post(.storeFailed("\(error)")) }
            }
        case .loadSessions:
            onStore { store in .sessionsLoaded(try store.listSessions(limit: SessionPaging.pageSize)) }
        case let .loadConversation(id):
            onStore { store in
                post(.conversationLoaded(
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
            onStoreWrite(UnsavedWrite(change: "deleteMessages", sessionID: sessionID, fields: ["fromMessage": messageID])) { store in
                try store.deleteMessages(from: messageID, sessionID: sessionID, deletionID: deletionID)
                return nil
            }
        case let .searchSessions(query):
            // Typing asks once per key; a query overtaken before its turn is not run.
            latestSessionQuery.set(query)
            let latest = latestSessionQuery
            onSearchQueue { store in
                guard latest.get() == query else { return nil }
                return .sessionsFound(query: query, try store.searchSessions(query, limit: SessionSearchLimits.hits))
            }
        case let .searchConversation(sessionID, query):
            latestConversationQuery.set(query)
            let latest = latestConversationQuery
            onSearchQueue { store in
                guard latest.get() == query else { return nil }
                return .conversationMatches(
                    sessionID: sessionID, query: query, try store.messageIDs(containing: query, sessionID: sessionID))
            }
        case let .loadConversationAround(sessionID, messageID):
            onStore { store in
                try store.showOnPath(messageID: messageID, sessionID: sessionID)
                post(.conversationLoaded(
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
            onStoreWrite(UnsavedWrite(change: "deleteSession", sessionID: sessionID)) { store in
                try store.deleteSession(id: sessionID, deletionID: deletionID)
                return nil
            }
        case let .forkSession(sourceID, upTo, fork):
            var fields = ["fork": fork.id, "title": fork.title]
            if let upTo { fields["upToMessage"] = upTo }
            onStoreWrite(UnsavedWrite(change: "forkSession", sessionID: sourceID, fields: fields)) { store in
                try store.forkSession(sourceID, upTo: upTo, into: fork)
                return .sessionForked(fork)
            }
        case let .renameSession(sessionID, title):
            onStoreWrite(UnsavedWrite(change: "renameSession", sessionID: sessionID, fields: ["title": title])) { store in
                try store.renameSession(id: sessionID, title: title)
                return nil
            }
        case let .restoreDeletion(_, deletionID):
            onStoreWrite(UnsavedWrite(change: "restoreDeletion", sessionID: nil, fields: ["deletion": deletionID])) { store in
                try store.restoreDeletion(deletionID) ? nil : .storeFailed("The deleted messages could not be put back: they were not kept.")
            }
        case let .loadRequestHistory(id, before):
            onStore { store in
                .requestHistoryLoaded(sessionID: id, messages: try store.loadRequestHistory(sessionID: id, before: before))
            }
        case let .writeFile(path, text):
            let files = self.files
            filesQueue.async {
                let data = Data(text.utf8)
                do {
                    try files.write(path, data)
                    post(.sessionExported(path: path, bytes: data.count))
                } catch {
                    post(.storeFailed("Could not write \(path): \(files.describe(error))"))
                }
            }
        case let .exportSession(sessionID, path):
            let files = self.files
            onStore { store in
                let data = try store.exportData(sessionID: sessionID, asJSON: path.lowercased().hasSuffix(".json"))
                let expanded = path.hasPrefix("~/") ? files.homeDirectory + String(path.dropFirst(1)) : path
                do {
                    try files.write(expanded, data)
                } catch {
                    return .storeFailed("Could not write \(path): \(files.describe(error))")
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
            guard let store else { return }
            storeQueue.async {
                do {
                    post(.sentRequestLoaded(messageID: id, try store.loadSentRequest(messageID: id)))
                } catch {
                    post(.sentRequestLoadFailed(messageID: id, problem: "\(error)"))
                }
            }
        case let .createSession(summary, parameters):
            let profile = endpoint.profileName
            let unsaved = UnsavedWrite(
                change: "createSession", sessionID: summary.id,
                fields: ["title": summary.title, "createdAtMillis": "\(summary.createdAtMillis)"])
            onStoreWrite(unsaved) { store in
                try store.createSession(summary, parameters: parameters)
                if let profile { try store.setSessionProfile(id: summary.id, name: profile) }
                return nil
            }
        case let .useProfile(name):
            // An unknown name cannot come from the reducer (it offers only resolved profiles).
            if let chosen = endpoints[name] { endpoint = chosen }
        case let .saveSessionProfile(sessionID, name):
            onStoreWrite(UnsavedWrite(change: "saveSessionProfile", sessionID: sessionID, fields: ["profile": name])) { store in
                try store.setSessionProfile(id: sessionID, name: name)
                return nil
            }
        case let .saveMessage(message, sessionID):
            onStoreWrite(UnsavedWrite(message, sessionID: sessionID)) { store in
                try store.saveMessage(message, sessionID: sessionID)
                return nil
            }
        case let .saveParameters(parameters, sessionID, now):
            onStoreWrite(UnsavedWrite(change: "saveParameters", sessionID: sessionID, fields: ["parameters": "\(parameters)"])) { store in
                try store.saveParameters(parameters, sessionID: sessionID, updatedAtMillis: now)
                return nil
            }
        case let .startStream(id, request):
            endpoint.start(id, request, post)
        case let .cancelStream(id):
            endpoint.cancel(id)
        case .loadPresets:
            onStore { store in .presetsLoaded(try store.listPresets()) }
        case let .savePreset(preset):
            let now = wallClockMillis()
            onPresetStore { store in try store.savePreset(preset, updatedAtMillis: now) }
        case let .deletePreset(name):
            onPresetStore { store in try store.deletePreset(name: name) }
        case .listModels:
            endpoint.listModels { result in
                switch result {
                case let .success(names): post(.modelsListed(names))
                // The picker says "Could not list models:" before it.
                case let .failure(failure): post(.modelsListingFailed(failure.message))
                }
            }
        case .startLocalServer:
            spawn.startLocalServer(post)
        case let .useLocalServer(profile):
            if let endpoint = spawn.localEndpoint?(profile) { self.endpoint = endpoint }
        case let .editExternally(field, text):
            // Blocks the run loop while the editor is open, which is what the user expects:
            // the terminal is the editor's until it exits. Stream updates wait in the inbox.
            let outcome = spawn.editExternally(field, text)
            post(.externalEditFinished(field, text: outcome.text, problem: outcome.problem))
        case let .copyToClipboard(text):
            clipboard.copy(text, osc52: terminal.copyOSC52, on: filesQueue, post: post)
        case let .saveDraft(sessionID, text):
            onStoreWrite(UnsavedWrite(change: "saveDraft", sessionID: sessionID, fields: ["text": text])) { store in
                try store.saveDraft(sessionID: sessionID, text: text)
                return nil
            }
        case let .loadDraft(sessionID):
            onStore { store in .draftLoaded(sessionID: sessionID, text: try store.loadDraft(sessionID: sessionID)) }
        case .startToolServers:
            toolServers.start(post)
        case let .runTool(invocation):
            toolServers.run(invocation, post)
        case let .stopTool(callID):
            toolServers.stop(callID)
        case let .loadToolSwitches(sessionID):
            onStore { store in .toolSwitchesLoaded(sessionID: sessionID, switchedOff: try store.loadToolSwitches(sessionID: sessionID)) }
        case let .saveToolSwitches(sessionID, switchedOff):
            onStoreWrite(UnsavedWrite(
                change: "saveToolSwitches", sessionID: sessionID, fields: ["switchedOff": switchedOff.joined(separator: ", ")])
            ) { store in
                try store.saveToolSwitches(sessionID: sessionID, switchedOff: switchedOff)
                return nil
            }
        case .quit:
            break  // The run loop sees `quitRequested` and winds down after this batch.
        }
    }

    /// Runs store work in order off the run loop's thread; failures become a notice, never a crash.
    private func onStore(_ work: @escaping @Sendable (any SessionStoring) throws -> Action?) {
        guard let store else { return }
        let post = self.post
        let mode = self.mode
        let stopped = storeStopped
        storeQueue.async {
            if stopped.get() == true { return }
            do {
                if let action = try work(store) { post(action) }
            } catch {
                if case .ask = mode { stopped.set(true) }
                // Locked or read-only: the short reason first, so it reads in 80 columns.
                if case .app = mode, let reason = store.waitingReason(error) {
                    return post(.storeFailed("Could not read: \(reason). \(error)"))
                }
                post(.storeFailed(mode.storeFailure("\(error)")))
            }
        }
    }

    /// A store write, in order behind any kept ones. One that fails for a reason that may pass
    /// is kept (the app's runner only: `ask` says the failure once and stores no more) and tried
    /// again on the clock every `retryInterval`, and before a later write once that long has
    /// passed since the last failed try (sooner, the write joins them), until it is saved.
    private func onStoreWrite(_ unsaved: UnsavedWrite, _ work: @escaping @Sendable (any SessionStoring) throws -> Action?) {
        guard case .app = mode else { return onStore(work) }
        guard let store else { return }
        let post = self.post
        let waiting = self.waiting
        let mode = self.mode
        let (clock, storeQueue, retryTimer) = (self.clock, self.storeQueue, self.retryTimer)
        storeQueue.async {
            let write = WaitingWrites.Write(unsaved: unsaved, work: work)
            if !waiting.isEmpty, !(waiting.dueForRetry && waiting.retry(store, post: post)) {
                // Still failing, or tried a moment ago: this one waits behind them, never overtaking.
                waiting.keep(write, reason: nil)
                waiting.sayNotice(post)
                return
            }
            do {
                if let action = try work(store) { post(action) }
            } catch {
                guard let reason = store.waitingReason(error) else {
                    return post(.storeFailed(mode.storeFailure("\(error)")))
                }
                waiting.keep(write, reason: reason)
                waiting.sayNotice(post)
                waiting.startRetrying(store, every: Self.retryInterval, post: post, clock: clock, storeQueue: storeQueue, timer: retryTimer)
            }
        }
    }

    /// Read-only store work on the search queue, after `searchPause` on the clock.
    private func onSearchQueue(_ work: @escaping @Sendable (any SessionStoring) throws -> Action?) {
        guard let store else { return }
        let post = self.post
        let searchQueue = self.searchQueue
        let clock = self.clock
        timers.removeAll { $0.isCancelled }
        let pause = Self.searchPause
        timers.append(Task {
            guard (try? await clock.sleep(pause)) != nil else { return }
            searchQueue.async {
                do {
                    if let action = try work(store) { post(action) }
                } catch {
                    post(.storeFailed("Could not search the sessions: \(error)"))
                }
            }
        })
    }

    /// A preset write; when it fails, the list is read back so the overlay shows what is
    /// really stored rather than the change the reducer made ahead of the write.
    private func onPresetStore(_ work: @escaping @Sendable (any SessionStoring) throws -> Void) {
        guard let store else { return }
        let post = self.post
        storeQueue.async {
            do {
                try work(store)
            } catch {
                post(.storeFailed("Could not save the preset change: \(error)"))
                if let presets = try? store.listPresets() { post(.presetsLoaded(presets)) }
            }
        }
    }

    /// Waits for queued store writes and file writes (quitting must not lose the last save),
    /// tries the kept writes once more, and stops the clock's waits. What is still not saved
    /// is in `unsavedWrites`.
    public func flush() {
        for timer in timers { timer.cancel() }
        timers.removeAll()
        retryTimer.get()?.cancel()
        storeQueue.sync {}
        if let store {
            let post = self.post
            let waiting = self.waiting
            storeQueue.sync { _ = waiting.retry(store, post: post) }
        }
        filesQueue.sync {}
    }

    /// The writes still kept because the database would not take them, oldest first.
    public var unsavedWrites: [UnsavedWrite] {
        let waiting = self.waiting
        return storeQueue.sync { waiting.writes.map(\.unsaved) }
    }

    /// Why they are not saved, as the notice says it ("database locked by another process"); nil
    /// when none is kept.
    public var whyUnsaved: String? {
        let waiting = self.waiting
        return storeQueue.sync { waiting.isEmpty ? nil : waiting.reason }
    }

    /// Waits for the work already queued, the clock's waits left running (tests, and `ask`
    /// before it says what it stored).
    public func drain() {
        storeQueue.sync {}
        searchQueue.sync {}
        filesQueue.sync {}
    }
}
