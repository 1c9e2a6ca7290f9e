import ChatCore
import ChattermConfig
import TerminalUI
import Foundation

/// `--theme NAME|PATH`: a built-in theme by name, or a theme file (format: docs/themes.md).
enum ThemeLoader {
    static func load(_ choice: String?) throws -> Theme {
        guard let choice, !choice.isEmpty else { return .default }
        if let builtIn = Theme.builtIn.first(where: { $0.name == choice }) { return builtIn }
        guard FileManager.default.fileExists(atPath: choice) else {
            let names = Theme.builtIn.map(\.name).joined(separator: ", ")
            throw LaunchError("--theme \(choice): no such theme; use one of \(names), or a path to a .toml theme file.")
        }
        do {
            let text = try String(contentsOfFile: choice, encoding: .utf8)
            return try ThemeParser.parse(tomlText: text, defaultName: URL(fileURLWithPath: choice).deletingPathExtension().lastPathComponent)
        } catch {
            throw LaunchError("--theme \(choice): \(error)")
        }
    }
}
