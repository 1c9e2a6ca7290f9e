import ArgumentParser
import ChatCore
import Foundation
import ScriptMode
import SessionStore

/// `chatterm export SESSION [--format md|json] [-o FILE]`: a session as Markdown for people or
/// as JSON that `chatterm import` reads back with every field.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a session as Markdown (the conversation shown) or JSON (every field, every version).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, json
    }

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The session's id or an unambiguous prefix of it.") var session: String
    @Option(help: "md or json (default: from the file's extension, else md).") var format: Format?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(help: "To standard output, keep terminal escape sequences in Markdown (they are removed by default, as `sessions show` does).")
    var raw = false

    func run() throws {
        let store = try SessionsCommand.openStore(connection, forReading: true)
        let id = try SessionsCommand.resolve(session, in: store)
        let chosen = format ?? (output?.lowercased().hasSuffix(".json") == true ? .json : .md)
        let data = try SessionExport.data(of: id, format: chosen == .json ? .json : .markdown, store: store)
        try SessionsCommand.requireNoDamageFound(store)
        guard let output else {
            // Stored text came from a model: on its way to a terminal, Markdown loses its escape
            // sequences (a clear screen, a title or clipboard write). JSON escapes every control
            // character itself, and a file (-o) gets the text exactly.
            guard chosen == .md, !raw else {
                FileHandle.standardOutput.write(data)
                return
            }
            FileHandle.standardOutput.write(Data(TerminalEscapeStripper.stripped(String(decoding: data, as: UTF8.self)).utf8))
            return
        }
        do {
            try SessionExport.write(data, to: output)
        } catch {
            throw CommandFailure(.outputUnwritable, "cannot write \(output): \(SessionExport.describe(error))")
        }
        FileHandle.standardError.write(Data("chatterm: wrote \(output) (\(data.count) bytes).\n".utf8))
    }
}

/// `chatterm import FILE...`: chatterm's JSON, an OpenAI messages array (or request body), or
/// a ChatGPT data export; says what it imported and what it skipped and why.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read sessions from chatterm JSON, an OpenAI messages array or ChatGPT's conversations.json.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Files to import.") var files: [String]

    func run() throws {
        let store = try SessionsCommand.openStore(connection)
        // Every file is tried; the status is the first failure's: an unreadable file (66) is
        // the user's to fix, a file in no known format (1) is not one chatterm reads.
        var status: AskExitStatus?
        for file in files {
            let report: String
            do {
                let data = try TextFile.readData(file, what: "file", maximumBytes: SessionImport.maximumBytes)
                let outcomes = try SessionImport.run(data, into: store)
                report = SessionImport.report(outcomes, file: file)
            } catch let problem as TextFile.Problem {
                status = status ?? .inputUnreadable
                report = "chatterm: \(problem)\n"
            } catch {
                status = status ?? .failed
                report = "chatterm: \(file): \(SessionImport.describe(error))\n"
            }
            FileHandle.standardError.write(Data(TerminalEscapeStripper.stripped(report).utf8))
        }
        if let status { throw ExitCode(status.rawValue) }
    }
}
