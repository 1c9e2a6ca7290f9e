import ChatCore
import Foundation
import StreamProtocol

/// Everything the effect runner reaches outside itself, as values passed in: the executable
/// wires the real ones (SQLite, libcurl, the terminal, child processes, files), unit tests
/// give fakes. The runner is used on one thread (the run loop's); the closures it hands to its
/// own queues are the `@Sendable` ones.
public struct Dependencies {
    public var clock: RuntimeClock
    /// The wall clock in milliseconds, for what the store dates (a preset's change).
    public var wallClockMillis: @Sendable () -> Int64
    /// Nil for an `ask` that neither reads nor stores a session.
    public var store: (any SessionStoring)?
    /// The profile requests go to first, and the config's other usable ones (`useProfile`).
    public var streamer: StreamClient
    public var otherStreamers: [StreamClient]
    public var clipboard: ClipboardClient
    public var spawn: SpawnClient
    public var files: FilesClient
    public var terminal: TerminalClient
    /// The `[mcp.NAME]` servers (none when the config names none).
    public var toolServers: ToolServersClient

    public init(
        clock: RuntimeClock, wallClockMillis: @escaping @Sendable () -> Int64, store: (any SessionStoring)?, streamer: StreamClient, otherStreamers: [StreamClient] = [],
        clipboard: ClipboardClient = ClipboardClient(), spawn: SpawnClient = SpawnClient(), files: FilesClient = FilesClient(),
        terminal: TerminalClient = TerminalClient(), toolServers: ToolServersClient = ToolServersClient()
    ) {
        self.clock = clock
        self.wallClockMillis = wallClockMillis
        self.store = store
        self.streamer = streamer
        self.otherStreamers = otherStreamers
        self.clipboard = clipboard
        self.spawn = spawn
        self.files = files
        self.terminal = terminal
        self.toolServers = toolServers
    }
}

/// One profile's way to the server: the stream of a request and the model list.
public struct StreamClient {
    /// Recorded with each new session (`createSession`); nil records none (`ask`).
    public var profileName: String?
    /// Starts request `id`; `post` receives what the client reports, as actions, on the
    /// transport's thread.
    public var start: (RequestID, ChatRequest, _ post: @escaping @Sendable (Action) -> Void) -> Void
    public var cancel: (RequestID) -> Void
    /// The server's model names, or why not, on the transport's thread.
    public var listModels: (_ answer: @escaping @Sendable (Result<[String], Failure>) -> Void) -> Void

    public struct Failure: Error, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    public init(
        profileName: String?,
        start: @escaping (RequestID, ChatRequest, @escaping @Sendable (Action) -> Void) -> Void,
        cancel: @escaping (RequestID) -> Void,
        listModels: @escaping (@escaping @Sendable (Result<[String], Failure>) -> Void) -> Void = { $0(.failure(Failure("no model list here"))) }
    ) {
        self.profileName = profileName
        self.start = start
        self.cancel = cancel
        self.listModels = listModels
    }
}

/// Clipboard programs (wl-copy, xclip, ...): which one a method names, and running it. The
/// runner runs them on its files queue; OSC 52 is the terminal's (`TerminalClient`).
public struct ClipboardClient: Sendable {
    /// `[clipboard] method` from the config.
    public var method: ClipboardMethod
    /// The program (and its arguments) for `method`, nil when none is installed.
    public var command: @Sendable (ClipboardMethod) -> [String]?
    /// Hands `text` to the program; throws when it could not start.
    public var run: @Sendable (_ command: [String], _ text: String) throws -> Void

    public init(
        method: ClipboardMethod = .osc52, command: @escaping @Sendable (ClipboardMethod) -> [String]? = { _ in nil },
        run: @escaping @Sendable ([String], String) throws -> Void = { _, _ in }
    ) {
        self.method = method
        self.command = command
        self.run = run
    }
}

/// Child processes that use the terminal or run beside the app (main thread).
public struct SpawnClient {
    /// `$VISUAL`/`$EDITOR` on `text` with the screen suspended: the new text or the problem.
    public var editExternally: (ParameterField, String) -> (text: String?, problem: String?)
    /// The welcome screen's local server; it posts `.localServerStarted`/`.localServerFailed`.
    public var startLocalServer: (_ post: @escaping @Sendable (Action) -> Void) -> Void
    /// The streamer for a profile of the local server (`useLocalServer`).
    public var localEndpoint: ((Profile) -> StreamClient)?

    public init(
        editExternally: @escaping (ParameterField, String) -> (text: String?, problem: String?) = { _, _ in
            (nil, "no editor here")
        },
        startLocalServer: @escaping (@escaping @Sendable (Action) -> Void) -> Void = { post in
            post(.localServerFailed("no local server here"))
        },
        localEndpoint: ((Profile) -> StreamClient)? = nil
    ) {
        self.editExternally = editExternally
        self.startLocalServer = startLocalServer
        self.localEndpoint = localEndpoint
    }
}

/// Files the user asked for (an export) and the state file; run on the runner's files queue.
public struct FilesClient: Sendable {
    /// Writes `data` to `path` whole; throws what went wrong.
    public var write: @Sendable (_ path: String, _ data: Data) throws -> Void
    /// The error's words for a notice ("permission denied").
    public var describe: @Sendable (any Error) -> String
    /// For `~/` in an export path (empty when there is none).
    public var homeDirectory: String
    /// Replaces the state file (the open session, theme, zoom); nil when there is nowhere to keep it.
    public var writeState: (@Sendable (RememberedChoices) throws -> Void)?

    public init(
        write: @escaping @Sendable (String, Data) throws -> Void = { path, _ in throw Unwritable(path: path) },
        describe: @escaping @Sendable (any Error) -> String = { "\($0)" }, homeDirectory: String = "",
        writeState: (@Sendable (RememberedChoices) throws -> Void)? = nil
    ) {
        self.write = write
        self.describe = describe
        self.homeDirectory = homeDirectory
        self.writeState = writeState
    }

    public struct Unwritable: Error, CustomStringConvertible {
        public var path: String
        public init(path: String) { self.path = path }
        public var description: String { "no files are written here (\(path))" }
    }
}

/// What effects need of the screen (main thread only).
public struct TerminalClient {
    public var setMouse: (Bool) -> Void
    /// Switches to the next built-in theme; returns its name.
    public var cycleTheme: () -> String
    /// Queues an OSC 52 copy for after the next frame; the problem when it cannot.
    public var copyOSC52: (String) -> String?

    public init(
        setMouse: @escaping (Bool) -> Void = { _ in }, cycleTheme: @escaping () -> String = { "" },
        copyOSC52: @escaping (String) -> String? = { _ in nil }
    ) {
        self.setMouse = setMouse
        self.cycleTheme = cycleTheme
        self.copyOSC52 = copyOSC52
    }
}

/// The MCP servers of the config, started and called in the background (the ToolServers
/// target's `ToolServerHost` is the real one). Each reports through `post`, from its own
/// threads; every call ends with exactly one `.toolFinished`.
public struct ToolServersClient: Sendable {
    /// Starts every enabled server; posts `.toolServersChanged` on each change of any server.
    public var start: @Sendable (_ post: @escaping @Sendable (Action) -> Void) -> Void
    /// Runs one call (the invocation's timeout applies); posts `.toolFinished` once.
    public var run: @Sendable (ToolInvocation, _ post: @escaping @Sendable (Action) -> Void) -> Void
    /// Stops a running call: it ends with `.stopped`. Nothing for a call not running.
    public var stop: @Sendable (_ callID: String) -> Void
    /// Ends every server (at quit): their processes are terminated and reaped.
    public var shutdown: @Sendable () -> Void

    /// No servers configured: nothing starts, and a call (which the reducer never asks for
    /// without a server) fails with a sentence.
    public init(
        start: @escaping @Sendable (@escaping @Sendable (Action) -> Void) -> Void = { post in post(.toolServersChanged([])) },
        run: @escaping @Sendable (ToolInvocation, @escaping @Sendable (Action) -> Void) -> Void = { invocation, post in
            post(.toolFinished(
                callID: invocation.callID,
                ToolCallResult(text: "no MCP server named \(invocation.server) is configured", outcome: .failed), nowMillis: 0))
        },
        stop: @escaping @Sendable (String) -> Void = { _ in },
        shutdown: @escaping @Sendable () -> Void = {}
    ) {
        self.start = start
        self.run = run
        self.stop = stop
        self.shutdown = shutdown
    }
}
