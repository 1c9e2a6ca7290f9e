import ArgumentParser
import ChatCore
import Foundation
import ScriptMode
import StreamProtocol
import TerminalUI

/// `chatterm ask`: one prompt, the reply streamed to stdout. Every request field is a flag,
/// checked by the parameters pane's rules; the request goes through the same reducer, client,
/// retries and store as the app's (`AskRunner`).
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Send one prompt and stream the reply to standard output.",
        discussion: """
            The prompt is the arguments joined by spaces. When standard input is not a terminal its \
            text is read too: alone it is the prompt; with arguments it follows them as a fenced block \
            (git diff | chatterm ask "review this"). `-` reads the prompt from standard input only.

            Request fields take the values the parameters pane accepts, with the same checks. An empty \
            value (--temperature '') unsets a field a preset or session set. JSON fields take JSON text \
            or @FILE. Flags override --preset, which replaces the session's or [defaults]' parameters.

            MCP tools: every enabled [mcp.NAME] server of the config starts (--mcp NAME picks some, \
            --no-mcp none) and its tools are offered. A tool call runs after approval: on a terminal \
            the question is asked on stderr; without one every call is refused (the model is told) \
            unless --approve-tools, which runs every call without asking.

            Nothing is stored unless --session is given (or the config file sets [ask] store = true). \
            Errors go to stderr with the app's advice. Exit statuses:
            \(AskExitStatus.table)
            """)

    @Argument(help: ArgumentHelp("The prompt; `-` reads it from standard input only.", valueName: "prompt"))
    var words: [String] = []

    @OptionGroup(title: "Connection") var connection: ConnectionOptions

    @Option(help: ArgumentHelp("Read the system prompt from a file.", valueName: "path")) var systemFile: String?
    /// The request fields, generated from the field table (AskFieldOptions.swift).
    @OptionGroup var fields: AskFieldOptions

    @Option(help: "Start from the parameters of this saved preset.") var preset: String?
    @Option(help: ArgumentHelp("Continue a stored session (an id or an unambiguous prefix) or start one (new).", valueName: "id|new"))
    var session: String?

    @Option(name: .customLong("mcp"), help: ArgumentHelp("Start only this [mcp.NAME] server (repeatable; default: every enabled one).", valueName: "name"))
    var mcp: [String] = []
    @Flag(name: .customLong("no-mcp"), help: "Start no MCP server: no tools are offered.") var noMCP = false
    @Flag(name: .customLong("approve-tools"), help: "Run every tool call without asking (else: asked on a terminal, refused in a pipe).")
    var approveTools = false

    @Flag(help: "JSON events on stdout, one per line (delta, reasoning, tool_call, tool_result, retry, done, error); failures too, as an error line.")
    var json = false
    @Flag(help: "Print the exact request body and send nothing.") var showRequest = false
    @Flag(help: "Print the request as a curl command (the key as $PREMAI_API_KEY / $OPENAI_API_KEY) and send nothing.")
    var curl = false
    @Flag(help: "Print the reply exactly as received, terminal escape sequences included.") var raw = false
    @Flag(help: "On a terminal, show the reply rendered as Markdown as it streams, as the app does (plain text when stdout is not a terminal).")
    var render = false

    func validate() throws {
        if json && raw { throw ValidationError("--json already carries the text exactly; leave out --raw.") }
        if render && (json || raw) { throw ValidationError("--render shows the reply rendered; it cannot be combined with --\(json ? "json" : "raw").") }
        if showRequest && curl { throw ValidationError("Use one of --show-request and --curl.") }
        if fields.system != nil && systemFile != nil { throw ValidationError("Use one of --system and --system-file.") }
        if let session, session.isEmpty { throw ValidationError("--session needs a session id, or new.") }
        if noMCP && !mcp.isEmpty { throw ValidationError("--no-mcp and --mcp cannot be used together.") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = try connection.configFile(environment: environment)
        let settings = try connection.settings(file: file, environment: environment)
        let prompt: String
        switch AskPrompt.compose(words: words, standardInput: try Self.standardInputIfPiped()) {
        case let .success(text): prompt = text
        case let .failure(error): throw ValidationError(error.description)
        }
        let job = AskJob(
            prompt: prompt, fields: try fieldFlags(), preset: preset, session: session.map(AskJob.SessionChoice.init),
            storesNewSessions: file?.askStoresSessions ?? false,
            output: json ? .json : .text(raw: raw),
            dryRun: showRequest ? .showRequest : curl ? .curl : nil,
            toolServers: AskToolServers(named: mcp, none: noMCP, approveAll: approveTools))
        let status: AskExitStatus
        do {
            status = try AskRunner(settings: settings, job: job, printer: try renderedPrinter(settings)).run()
        } catch let mistake as AskUsageError {
            throw ValidationError(mistake.description)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// With `--render` and a terminal on stdout: the printer at its size, in the configured theme
    /// (attributes only under NO_COLOR).
    private func renderedPrinter(_ settings: LaunchSettings) throws -> RenderedReplyPrinter? {
        guard render, isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        let known = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme = noColor ? Theme.mono : try ThemeLoader.load(settings.theme)
        return RenderedReplyPrinter(width: known ? Int(size.ws_col) : 80, height: known ? Int(size.ws_row) : 24, theme: theme)
    }

    /// The flags as typed, files read.
    func fieldFlags() throws -> AskFieldFlags {
        var flags = AskFieldFlags()
        flags[.model] = connection.model
        flags[.projectID] = connection.projectID.map(String.init)
        for (id, values) in fields.given where !values.isEmpty {
            guard let field = RequestField(rawValue: id) else { continue }
            if case .json = field.kind {
                // JSON fields take JSON text or @FILE.
                flags[all: field] = try values.map { try Self.jsonText($0, flag: field.ask.name) }
            } else {
                flags[all: field] = values
            }
        }
        if let systemFile {
            flags[.systemPrompt] = try Self.readFile(systemFile, for: "--system-file")
        }
        return flags
    }

    /// `@path` reads the file; anything else is the JSON text itself.
    private static func jsonText(_ value: String, flag: String) throws -> String {
        guard value.hasPrefix("@") else { return value }
        return try readFile(String(value.dropFirst()), for: flag)
    }

    static let maximumFileBytes = 4 << 20

    /// A file the user named: missing or unreadable is a failure of the run (exit 66), not of
    /// how the command was typed.
    private static func readFile(_ path: String, for flag: String) throws -> String {
        do {
            return try TextFile.read(path, what: "file", maximumBytes: maximumFileBytes).text
        } catch {
            throw CommandFailure(.inputUnreadable, "\(flag): \(error)")
        }
    }

    /// All of standard input when it is a pipe or a file, nil when it is a terminal (a user
    /// typing `chatterm ask hi` means no input).
    private static func standardInputIfPiped() throws -> String? {
        guard isatty(STDIN_FILENO) == 0 else { return nil }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                // A closed or unreadable stdin (EBADF when started with <&-) is no input.
                if data.isEmpty { return nil }
                throw ValidationError("standard input could not be read: \(String(cString: strerror(errno))).")
            }
            data.append(contentsOf: buffer[0..<count])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("standard input is not UTF-8 text; send text, or pass a file's path in the prompt instead.")
        }
        return text
    }
}
