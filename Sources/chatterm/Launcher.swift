import ArgumentParser
import ChatClient
import ChatCore
import ChatRuntime
import CursesTerminal
import Foundation
import ScriptMode
import SessionStore
import TerminalUI
import ToolServers

/// Opens everything that can fail before the screen is taken over (so failures print plainly),
/// then hands the terminal to the run loop and gives it back on every way out.
struct Launcher {
    let settings: LaunchSettings
    /// The config's other profiles (`switch-profile`), resolved before the screen opens.
    var profiles = ProfileChoices.Resolved(choices: [], others: [])

    /// One profile's streamer and model catalog on the shared transport. Retries use the
    /// standard backoff (500 ms base, 8 s cap, full jitter) with the configured count; the idle
    /// timeout is a hard abort only when the user asked for one.
    static func endpoint(_ settings: LaunchSettings, _ transport: HTTPStreamTransport) -> StreamClient {
        let streamer = CompletionStreamer(
            transport: transport, baseURL: settings.profile.baseURL, dialect: settings.profile.dialect,
            apiKey: settings.apiKey, retryPolicy: RetryPolicy(maxRetries: settings.maxRetries),
            idleTimeoutSeconds: settings.idleTimeoutSeconds)
        streamer.connectTimeoutSeconds = settings.connectTimeoutSeconds
        streamer.caFile = settings.caFile
        let models = ModelCatalog(
            transport: transport, baseURL: settings.profile.baseURL, dialect: settings.profile.dialect,
            apiKey: settings.apiKey)
        models.connectTimeoutSeconds = settings.connectTimeoutSeconds
        models.caFile = settings.caFile
        return LiveDependencies.stream(name: settings.profile.name, streamer: streamer, models: models)
    }

    func run() throws {
        MallocTuning.apply()
        // A peer closing the socket must be an error code, not a dead process.
        signal(SIGPIPE, SIG_IGN)
        Self.unblockTerminalSignals()
        HTTPStreamTransport.globalInit()

        let store: SessionStore
        let databasePath = settings.databasePath ?? SessionStore.defaultPath(environment: ProcessInfo.processInfo.environment)
        do {
            store = try SessionStore(path: databasePath)
        } catch {
            guard let offered = DamagedDatabaseOffer.offer(for: error, path: databasePath) else { throw CommandFailure.store(error) }
            store = offered
        }
        // A theme that cannot be used never keeps chatterm from starting: the default theme is
        // used and the status line says what was wrong (with the file's line and column).
        let environment = ProcessInfo.processInfo.environment
        let stateFilePath = StateFile.defaultPath(environment: environment)
        let (remembered, stateProblem) = stateFilePath.map(StateFile.read(at:)) ?? (RememberedChoices(), nil)
        var themeProblem: String?
        var theme = Theme.default
        do {
            theme = try ThemeLoader.load(ThemeLoader.startChoice(explicit: settings.theme, remembered: remembered.theme))
        } catch {
            themeProblem = "\(error)"
        }
        let inbox = try Inbox()
        let transport = HTTPStreamTransport()
        defer { transport.shutdown() }
        let screen = CursesScreen(theme: theme)
        let terminal = TerminalBridge(screen: screen)
        let localServer = LocalServerChild()
        defer { localServer.stop() }
        let settings = self.settings
        // The MCP servers' children must not outlive the run: ended on every way out of here
        // (a fatal signal closes their stdin, which ends a stdio server too).
        let toolHost = LiveToolServers.host(settings.toolSettings, databasePath: databasePath, caFile: settings.caFile)
        defer { toolHost?.shutdown() }
        let dependencies = Dependencies(
            clock: LiveDependencies.clock, wallClockMillis: LiveDependencies.wallClockMillis, store: LiveSessionStore(store),
            streamer: Self.endpoint(settings, transport), otherStreamers: profiles.others.map { Self.endpoint($0, transport) },
            clipboard: LiveDependencies.clipboard(settings.clipboardMethod),
            spawn: LiveDependencies.spawn(terminal, localServer: localServer) { profile in
                // The local server needs no key: the run's own is not sent to it.
                var local = settings
                local.profile = profile
                local.apiKey = nil
                return Self.endpoint(local, transport)
            },
            files: LiveDependencies.files(stateFilePath: stateFilePath), terminal: LiveDependencies.terminal(terminal),
            toolServers: toolHost?.client ?? ToolServersClient())
        let runner = EffectRunner(dependencies: dependencies, post: { inbox.post($0) })
        runner.watchOutsideChanges()
        try screen.start()
        defer { screen.stop() }
        if settings.mouseEnabled { screen.setMouse(true) }
        var state = AppState(profile: settings.profile)
        state.launch.profileChoices = profiles.choices
        // The first session starts from the config file's [defaults].
        state.parameters = settings.profile.defaultParameters
        state.keymap = settings.keymap
        state.screen.display = settings.display
        state.screen.mouseEnabled = settings.mouseEnabled
        state.screen.zoomed = remembered.zoomed
        state.screen.pickedTheme = remembered.theme
        state.launch.savedChoices = remembered
        state.launch.toolSettings = settings.toolSettings
        if let stateProblem {
            state.status.notice = stateProblem
        } else if let themeProblem {
            state.status.notice = themeProblem + "; the default theme is used."
        } else if let keysNotice = settings.keysNotice {
            state.status.notice = keysNotice
        }
        state.status.nowMillis = Clock.nowMillis()
        state.launch.setupGaps = settings.setupGaps
        var startActions: [Action] = []
        if settings.picksModelAtStart {
            // No model given (openai needs one): choose from the server's /models at once.
            state.screen.focus = .parameters
            state.selectedField = .model
            startActions.append(.commandInvoked(.pickModel, LiveStamp.make()))
        }
        // The message box's text is kept per session, across restarts and crashes.
        state.composer.drafts = DraftKeeping(sessionID: state.conversation.activeSessionID)
        let reopen = remembered.sessionID.map { [Effect.reopenSession(sessionID: $0)] } ?? []
        let app = App(state: state, inbox: inbox, runner: runner, clock: dependencies.clock, screen: screen, terminal: terminal,
                      startEffects: [.loadSessions, .loadPresets, .loadDraft(sessionID: state.conversation.activeSessionID)] + reopen,
                      startActions: startActions,
                      afterFirstFrame: toolHost == nil ? [] : [.startToolServers])
        app.run()
        // Writes the database never took (locked, read-only) were tried once more by the run
        // loop's last flush; what is still waiting goes to a recovery file, said once the
        // screen is gone, and the run ends with EX_IOERR rather than a silent 0.
        let unsaved = runner.unsavedWrites
        if !unsaved.isEmpty {
            screen.stop()
            Self.keepUnsaved(unsaved, reason: runner.whyUnsaved ?? "the database refused them", databasePath: databasePath)
        }
        // Damage made while it ran that no read met is looked for before the close writes.
        store.checkBeforeClosing()
        // Damage found while running (by the background check or any read) stopped every
        // write and was said on the status line; once the screen is gone, the move-aside is
        // offered as at a start. Closing leaves the connections open (no checkpoint into the
        // damaged file), so the WAL is there to move with it.
        if let damage = store.damage {
            screen.stop()
            try? store.close()
            // Left where it is, the file ends the run with the damaged database's status (said
            // already, with the offer); moved aside, the next start makes a new one.
            if !DamagedDatabaseOffer.offerMoveAside(for: damage, path: databasePath) {
                throw ExitCode(CommandFailure.store(damage).status.rawValue)
            }
        }
        if !unsaved.isEmpty { throw ExitCode(AskExitStatus.databaseFailed.rawValue) }
    }

    /// Writes the unsaved changes to a recovery file beside the database (else in the temporary
    /// directory, else on stderr itself) and says on stderr what they are and where.
    static func keepUnsaved(_ unsaved: [UnsavedWrite], reason: String, databasePath: String) {
        let lines = unsaved.map(\.jsonLine)
        let changes = unsaved.map(\.change)
        var directories = [(databasePath as NSString).deletingLastPathComponent]
        directories.append(ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp")
        let said: String
        do {
            let path = try RecoveryFile.write(lines, in: directories.filter { !$0.isEmpty }, at: Date())
            said = RecoveryFile.report(changes: changes, reason: reason, path: path)
        } catch {
            said = RecoveryFile.reportUnwritten(changes: changes, reason: reason, lines: lines, problem: "\(error)")
        }
        FileHandle.standardError.write(Data(said.utf8))
    }

    /// A parent may have blocked signals we depend on (a blocked SIGWINCH hides every resize;
    /// blocked SIGTERM/SIGHUP would skip the terminal restore). Signal masks are inherited, so
    /// clear those explicitly.
    static func unblockTerminalSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT, SIGTSTP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // An inherited "ignore" for these would also defeat the restore handlers.
        for signal in [SIGWINCH, SIGTERM, SIGHUP, SIGINT] { Glibc.signal(signal, SIG_DFL) }
    }
}
