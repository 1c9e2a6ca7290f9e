import ChatCore
import ChattermConfig
import XCTest

/// config.toml's `[keys]`: good tables apply; broken entries are reported with file, line and
/// key, and never stop the rest of the file or the other entries.
final class KeysTableTests: XCTestCase {
    let path = "/home/u/.config/chatterm/config.toml"

    func parse(_ text: String) throws -> ConfigFileSettings {
        try ConfigFileParser.parse(text: text, path: path, permissions: 0o600, homeDirectory: "/home/u")
    }

    func testTheSwapAndAContextTable() throws {
        let settings = try parse("""
            model = "m"

            [keys]
            send = "ctrl+s"
            newline = "enter"
            palette = ["ctrl+k", "f2"]

            [keys.inspector]
            copy = ["y", "c"]
            """)
        XCTAssertEqual(settings.keymapProblems, [])
        XCTAssertEqual(settings.model, "m")
        XCTAssertEqual(settings.keymap.command(for: .control("s"), in: .message), .send)
        XCTAssertEqual(settings.keymap.command(for: .enter, in: .message), .newline)
        XCTAssertEqual(settings.keymap.keys(for: .palette, in: .app), [.control("k"), .function(2)])
        XCTAssertEqual(settings.keymap.keys(for: .copy, in: .inspector), [.character("y"), .character("c")])
    }

    func testBrokenEntriesAreReportedWithLineAndKeyAndTheRestApplies() throws {
        let settings = try parse("""
            [defaults]
            temperature = 0.5

            [keys]
            sned = "ctrl+s"
            quit = "ctrl+qq"
            retry = 5
            inspect = "t"
            scroll-top = "t"
            help = "f2"

            [keys.nowhere]
            copy = "c"
            """)
        XCTAssertEqual(settings.defaults.temperature, 0.5, "the rest of the file still applies")
        XCTAssertEqual(settings.keymapProblems, [
            "config file \(path), line 5: keys.sned: unknown command \"sned\" (did you mean send?); docs/keys.md and `chatterm keys` list every command",
            "config file \(path), line 6: keys.quit: \"ctrl+qq\": Ctrl goes with a letter, ← or → (terminals send nothing else)",
            "config file \(path), line 9: keys.scroll-top: t is also given to inspect in conversation (line 8); both keep their defaults",
            "config file \(path), line 13: keys.nowhere.copy: unknown context \"nowhere\" (contexts: app, global, message, conversation, conversation-search, code-block, confirm, "
                + "sessions, session-search, session-rename, parameters, field-editor, model-picker, presets, preset-name, compare-setup, compare, inspector, help, palette, tools, tool-approval, text)",
            "config file \(path), line 7: keys.retry: must be a key (\"ctrl+s\") or a list of keys, not an integer",
        ].sorted { $0.lineNumber < $1.lineNumber })
        XCTAssertEqual(settings.keymap.keys(for: .quit, in: .app), [.control("q")], "a bad entry keeps the default")
        XCTAssertEqual(settings.keymap.keys(for: .help, in: .global), [.function(2)], "a good entry beside bad ones applies")
        XCTAssertEqual(settings.keymap.keys(for: .inspect, in: .conversation), [.character("i"), .enter])
    }

    /// A warning keeps its entry, so it is reported as a warning, not as a problem (which says
    /// "defaults kept" and makes `config check` fail).
    func testAWarningIsKeptApartFromTheProblems() throws {
        let settings = try parse("""
            [keys]
            new-session = "ctrl+a"
            sned = "ctrl+s"
            """)
        XCTAssertEqual(settings.keymapProblems, [
            "config file \(path), line 3: keys.sned: unknown command \"sned\" (did you mean send?); docs/keys.md and `chatterm keys` list every command",
        ])
        XCTAssertEqual(settings.keymapWarnings, [
            "config file \(path), line 2: keys.new-session: ctrl+a runs line-start in text inputs, so it does not reach new-session there",
        ])
        XCTAssertEqual(settings.keymap.keys(for: .newSession, in: .global), [.control("a")], "the warned binding is kept")
        XCTAssertEqual(
            ConfigFileParser.check(text: "[keys]\nnew-session = \"ctrl+a\"\n", path: path, permissions: 0o600, homeDirectory: nil), [],
            "config check finds no problem in a file with only a warning")
        let checked = ConfigFileParser.checkKeepingSettings(
            text: "[keys]\nnew-session = \"ctrl+a\"\n", path: path, permissions: 0o600, homeDirectory: nil)
        XCTAssertEqual(checked.warnings, settings.keymapWarnings)
    }

    /// `[keys.nosuch]` is the table's name gone wrong, whatever its lines say: the context is
    /// named, with the closest real one when it is a typo.
    func testAnUnknownContextIsReportedBeforeItsCommands() throws {
        let settings = try parse("""
            [keys.nosuch]
            x = "c"

            [keys.inspektor]
            copy = "c"
            """)
        let contexts = "app, global, message, conversation, conversation-search, code-block, confirm, sessions, session-search, "
            + "session-rename, parameters, field-editor, model-picker, presets, preset-name, compare-setup, compare, inspector, help, palette, tools, tool-approval, text"
        XCTAssertEqual(settings.keymapProblems, [
            "config file \(path), line 2: keys.nosuch.x: unknown context \"nosuch\" (contexts: \(contexts))",
            "config file \(path), line 5: keys.inspektor.copy: unknown context \"inspektor\" (did you mean inspector? contexts: \(contexts))",
        ])
        XCTAssertEqual(settings.keymap, Keymap.defaults)
    }

    func testKeysThatIsNotATableIsReportedNotFatal() throws {
        let settings = try parse("keys = \"vim\"\n")
        XCTAssertEqual(settings.keymapProblems, ["config file \(path), line 1: keys: must be a table, not a string"])
        XCTAssertEqual(settings.keymap, Keymap.defaults)
    }
}

private extension String {
    /// "…, line 7: …" → 7, for ordering expected problems as the file reads.
    var lineNumber: Int {
        guard let range = range(of: ", line ") else { return 0 }
        return Int(self[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }
}
