import ArgumentParser
import ChatCore
import Foundation

/// `chatterm keys`: the keymap in force (the config file's `[keys]` applied), every command by
/// context, and what was wrong with `[keys]`. `--markdown` prints the tables docs/keys.md
/// holds, which is how that page's generated part is made.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List every command and its keys, with the config file's [keys] applied.")

    /// `--config` and `--no-config` belong to the main command and are read from it.
    @ParentCommand var main: ChattermCommand

    @Flag(help: "Print the Markdown tables of docs/keys.md.")
    var markdown = false

    func run() throws {
        var keymap = Keymap.defaults
        var problems: [String] = []
        var warnings: [String] = []
        if let file = try main.connection.configFile(environment: ProcessInfo.processInfo.environment) {
            keymap = file.keymap
            problems = file.keymapProblems
            warnings = file.keymapWarnings
        }
        if markdown {
            print(KeymapDocument.markdown(keymap), terminator: "")
        } else {
            print(Self.plainText(keymap), terminator: "")
        }
        for problem in problems {
            FileHandle.standardError.write(Data("chatterm: \(problem)\n".utf8))
        }
        // A warning's entry is in the keymap printed above: said, but not a failure.
        for warning in warnings {
            FileHandle.standardError.write(Data("chatterm: warning: \(warning)\n".utf8))
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// Context by context: keys, command name, what it does; aligned for a terminal.
    static func plainText(_ keymap: Keymap) -> String {
        var out = ""
        for context in KeymapDocument.order {
            out += "\(context.title) [\(context.rawValue)]\n"
            let bindings = keymap.bindings(in: context)
            let keyWidth = bindings.map { KeymapDocument.keysText($0.keys).count }.max() ?? 0
            let nameWidth = bindings.map { $0.command.rawValue.count }.max() ?? 0
            for binding in bindings {
                let keys = KeymapDocument.keysText(binding.keys)
                let name = binding.command.rawValue
                out += "  " + keys.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
                    + "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + "  " + binding.command.summary + "\n"
            }
            out += "\n"
        }
        return out
    }
}
