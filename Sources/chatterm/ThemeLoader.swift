import ChatCore
import ChattermConfig
import TerminalUI
import Foundation

/// `--theme NAME|PATH`: a built-in theme by name, or a theme file (format: docs/themes.md).
enum ThemeLoader {
    /// A theme is a few dozen lines; anything near this is the wrong file.
    static let maximumBytes = 1 << 20

    /// A built-in name; else a path (it has a `/` or ends in `.toml`); else a theme of the
    /// user's themes directory (`$XDG_CONFIG_HOME/chatterm/themes/NAME.toml`).
    static func load(_ choice: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        guard let choice, !choice.isEmpty else { return .default }
        if let builtIn = Theme.builtIn.first(where: { $0.name == choice }) { return builtIn }
        let isPath = choice.contains("/") || choice.hasSuffix(".toml")
        let directory = userThemesDirectory(environment)
        let path = isPath ? choice : directory.map { $0 + "/" + choice + ".toml" }
        guard let path, FileManager.default.fileExists(atPath: path) else {
            let names = (Theme.builtIn.map(\.name) + userThemeNames(in: directory)).joined(separator: ", ")
            let place = directory.map { " (user themes: \($0)/NAME.toml)" } ?? ""
            throw LaunchError("--theme \(choice): no such theme; use one of \(names)\(place), or a path to a .toml theme file.")
        }
        let text: String
        do {
            text = try TextFile.read(path, what: "theme file", maximumBytes: maximumBytes).text
        } catch {
            throw LaunchError("--theme \(choice): \(error)")
        }
        do {
            return try ThemeParser.parse(tomlText: text, defaultName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        } catch {
            throw LaunchError("--theme \(choice) (\(path)): \(error)")
        }
    }

    /// The theme to start with: `--theme` or the config's `theme` (already merged into
    /// `explicit`) wins; else the built-in theme the last run switched to with `cycle-theme`
    /// (only a built-in name: the state file never names a file to read); else the default.
    static func startChoice(explicit: String?, remembered: String?) -> String? {
        if let explicit { return explicit }
        return remembered.flatMap { name in Theme.builtIn.contains { $0.name == name } ? name : nil }
    }

    /// Beside config.toml: `$XDG_CONFIG_HOME/chatterm/themes`, else `~/.config/chatterm/themes`.
    static func userThemesDirectory(_ environment: [String: String]) -> String? {
        ConfigPaths.defaultPath(environment: environment).map { ($0 as NSString).deletingLastPathComponent + "/themes" }
    }

    private static func userThemeNames(in directory: String?) -> [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }
}
