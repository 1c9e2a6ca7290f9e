import ChatClient
import ChatCore
import ChatRuntime
import ExternalEditor
import Foundation
import TerminalUI

/// The runtime's dependencies as the running app has them: libcurl streams, the terminal,
/// the editor, clipboard programs, files. Wiring only: what they do is decided in ChatRuntime.
enum LiveDependencies {
    /// A profile's streamer and model catalog as the runtime's `StreamClient`.
    static func stream(name: String?, streamer: CompletionStreamer, models: ModelCatalog?) -> StreamClient {
        StreamClient(
            profileName: name,
            start: { id, request, post in
                streamer.start(id.rawValue, request) { update in
                    post(Action(update, of: id, nowMillis: Clock.nowMillis()))
                }
            },
            cancel: { streamer.cancel($0.rawValue) },
            listModels: { answer in
                guard let models else { return answer(.failure(StreamClient.Failure("no model list here"))) }
                models.fetch { result in answer(result.mapError { StreamClient.Failure($0.message) }) }
            })
    }

    static func terminal(_ bridge: TerminalBridge) -> TerminalClient {
        TerminalClient(
            setMouse: { bridge.setMouse($0) },
            cycleTheme: {
                let themes = Theme.builtIn
                let index = themes.firstIndex { $0.name == bridge.theme.name }.map { ($0 + 1) % themes.count } ?? 0
                bridge.setTheme(themes[index])
                return themes[index].name
            },
            copyOSC52: { text in
                let insideTmux = !(ProcessInfo.processInfo.environment["TMUX"] ?? "").isEmpty
                do {
                    try bridge.copyToClipboard(text, insideTmux: insideTmux)
                    return nil
                } catch {
                    return "\(error)"
                }
            })
    }

    static func clipboard(_ method: ClipboardMethod) -> ClipboardClient {
        ClipboardClient(
            method: method,
            command: { ClipboardTool.command(for: $0, environment: ProcessInfo.processInfo.environment) },
            run: { command, text in try ClipboardTool.copy(text, with: command) })
    }

    /// `$VISUAL`/`$EDITOR` with the screen suspended, and the welcome screen's local server.
    static func spawn(_ bridge: TerminalBridge, localServer: LocalServerChild, localEndpoint: @escaping (Profile) -> StreamClient) -> SpawnClient {
        SpawnClient(
            editExternally: { field, text in
                let suffix: String
                if case .json = field.kind { suffix = ".json" } else { suffix = ".txt" }
                let outcome = ExternalEditor.edit(text, fileSuffix: suffix, environment: ProcessInfo.processInfo.environment) { run in
                    try bridge.suspended(run)
                }
                return (outcome.text, outcome.problem)
            },
            startLocalServer: { localServer.start(post: $0) },
            localEndpoint: localEndpoint)
    }

    static func files(stateFilePath: String?) -> FilesClient {
        FilesClient(
            write: { path, data in try SessionExport.write(data, to: path) },
            describe: { SessionExport.describe($0) },
            homeDirectory: ProcessInfo.processInfo.environment["HOME"] ?? "",
            writeState: stateFilePath.map { path -> @Sendable (RememberedChoices) throws -> Void in
                { choices in try StateFile.write(choices, to: path) }
            })
    }

    /// Real time: `ContinuousClock` for pacing and waits, the wall clock for dates.
    static var clock: RuntimeClock { RuntimeClock(ContinuousClock()) }
    static let wallClockMillis: @Sendable () -> Int64 = { Clock.nowMillis() }
}
