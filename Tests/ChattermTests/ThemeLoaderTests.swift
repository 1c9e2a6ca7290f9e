import ChattermConfig
import Foundation
import TerminalUI
import XCTest
@testable import chatterm

/// `--theme NAME` finds a user's theme in `$XDG_CONFIG_HOME/chatterm/themes/NAME.toml`; a theme
/// may inherit a built-in and override a few roles.
final class ThemeLoaderTests: XCTestCase {
    /// The order at start: `--theme` or config `theme`, then the theme Alt+T last picked, then
    /// the default; a remembered name that is not a built-in is never read as a file.
    func testAnExplicitThemeWinsOverTheRememberedOne() {
        XCTAssertEqual(ThemeLoader.startChoice(explicit: "mono", remembered: "light"), "mono")
        XCTAssertEqual(ThemeLoader.startChoice(explicit: nil, remembered: "light"), "light")
        XCTAssertNil(ThemeLoader.startChoice(explicit: nil, remembered: nil))
        XCTAssertNil(ThemeLoader.startChoice(explicit: nil, remembered: "/etc/passwd"))
        XCTAssertNil(ThemeLoader.startChoice(explicit: nil, remembered: "dusk"), "user themes are named explicitly")
    }

    func testAUserThemeInheritsABuiltInAndOverridesOneRole() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-themes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let themes = home.appendingPathComponent("chatterm/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try """
            inherits = "solarized-dark"
            [roles.borderFocused]
            fg = "#ff8700"
            bold = true
            """.write(to: themes.appendingPathComponent("dusk.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": home.path]

        let theme = try ThemeLoader.load("dusk", environment: environment)
        XCTAssertEqual(theme.name, "dusk")
        XCTAssertEqual(theme.style(for: .borderFocused), Style(fg: .rgb(0xFF, 0x87, 0x00), bold: true))
        let solarized = try XCTUnwrap(Theme.builtIn.first { $0.name == "solarized-dark" })
        for role in StyleRole.allCases where role != .borderFocused {
            XCTAssertEqual(theme.style(for: role), solarized.style(for: role), "\(role) comes from solarized-dark")
        }
        XCTAssertThrowsError(try ThemeLoader.load("nope", environment: environment)) { error in
            XCTAssertTrue("\(error)".contains("mono, dusk (user themes: \(themes.path)/NAME.toml)"), "\(error)")
        }
        XCTAssertEqual(try ThemeLoader.load("mono", environment: environment).name, "mono", "a built-in name is the built-in")
    }

    func testInheritingAnUnknownThemeSaysWhichExist() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "name = \"x\"\ninherits = \"solarised\"\n")) { error in
            XCTAssertEqual("\(error)", "theme line 2: inherits = \"solarised\" is not a built-in theme (use one of "
                + Theme.builtIn.map(\.name).joined(separator: ", ") + ")")
        }
    }
}

/// A theme file that cannot be read says so in plain words, not as a Foundation error domain.
final class ThemeFileReadingTests: XCTestCase {
    func testAThemePathThatIsADirectorySaysSoPlainly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chatterm-theme-\(UUID().uuidString).toml")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        XCTAssertThrowsError(try ThemeLoader.load(directory.path, environment: [:])) { error in
            XCTAssertEqual("\(error)", "--theme \(directory.path): cannot read theme file \(directory.path): it is a directory.")
        }
    }

    func testReadFailuresUseTheSystemsWordsInASentence() {
        // Root reads any file, so permission denied is checked on the words it becomes.
        XCTAssertEqual(TextFile.cannotRead("theme file", "/t/x.toml", reason: TextFile.reason(EACCES)),
                       "cannot read theme file /t/x.toml: permission denied.")
    }

}
