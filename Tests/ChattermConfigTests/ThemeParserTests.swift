import Foundation
import TerminalUI
import XCTest

@testable import ChattermConfig

final class ThemeParserTests: XCTestCase {
    private func shippedTheme(_ name: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: repository.appendingPathComponent("themes/\(name).toml"), encoding: .utf8)
    }

    private func assertThemesEqual(_ parsed: Theme, _ expected: Theme, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parsed.name, expected.name, file: file, line: line)
        for role in StyleRole.allCases {
            XCTAssertEqual(parsed.style(for: role), expected.style(for: role), "role \(role)", file: file, line: line)
        }
    }

    // MARK: Shipped and built-in themes

    func testShippedThemeFilesMatchTheBuiltIns() throws {
        for theme in Theme.builtIn {
            let parsed = try ThemeParser.parse(tomlText: try shippedTheme(theme.name))
            assertThemesEqual(parsed, theme)
        }
    }

    func testShippedFilesStyleEveryRoleExplicitly() throws {
        for theme in Theme.builtIn {
            let text = try shippedTheme(theme.name)
            for role in StyleRole.allCases {
                XCTAssertTrue(text.contains("[roles.\(ThemeParser.roleName(role))]"), "\(theme.name).toml lacks \(role)")
            }
        }
    }

    func testParsesEveryColorFormAndAttribute() throws {
        let theme = try ThemeParser.parse(tomlText: """
            name = "mine"
            [roles.border]
            fg = "bright-red"
            bg = "#5f87af"
            [roles.title]
            fg = 42
            bg = "default"
            bold = true
            dim = true
            underline = true
            reverse = true
            italic = true
            [roles.code]
            fg = "Cyan"
            bg = "grey"
            """)
        XCTAssertEqual(theme.name, "mine")
        XCTAssertEqual(theme.style(for: .border), Style(fg: .ansi(9), bg: .rgb(95, 135, 175)))
        XCTAssertEqual(
            theme.style(for: .title),
            Style(fg: .ansi(42), bg: .terminalDefault, bold: true, dim: true, underline: true, reverse: true, italic: true))
        XCTAssertEqual(theme.style(for: .code), Style(fg: .ansi(6), bg: .ansi(8)))
    }

    func testMissingRolesFallBackToDefaultTheme() throws {
        let theme = try ThemeParser.parse(tomlText: "[roles.normal]\nfg = \"white\"\n")
        XCTAssertEqual(theme.style(for: .normal), Style(fg: .ansi(7)))
        XCTAssertEqual(theme.style(for: .borderFocused), Theme.default.style(for: .borderFocused))
        XCTAssertEqual(theme.name, "custom")
    }

    func testRoleTableDescribesItsRoleCompletely() throws {
        // Only bold given: colors are the terminal's, not inherited from the default theme.
        let theme = try ThemeParser.parse(tomlText: "[roles.borderFocused]\nbold = true\n")
        XCTAssertEqual(theme.style(for: .borderFocused), Style(bold: true))
    }

    func testRoleNamesAcceptSnakeAndKebabCase() throws {
        let theme = try ThemeParser.parse(tomlText: "[roles.border_focused]\nfg = 1\n[roles.status-bar]\nfg = 2\n")
        XCTAssertEqual(theme.style(for: .borderFocused).fg, .ansi(1))
        XCTAssertEqual(theme.style(for: .statusBar).fg, .ansi(2))
    }

    func testEmptyFileIsTheDefaultTheme() throws {
        let theme = try ThemeParser.parse(tomlText: "", defaultName: "empty")
        XCTAssertEqual(theme.name, "empty")
        for role in StyleRole.allCases {
            XCTAssertEqual(theme.style(for: role), Theme.default.style(for: role))
        }
    }

    // MARK: Errors

    func testUnknownRoleNamesRoleAndLine() {
        let text = "name = \"x\"\n\n[roles.normal]\nfg = 1\n\n[roles.bordr]\nfg = 2\n"
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: text)) { error in
            XCTAssertEqual(error as? ThemeError, .unknownRole(name: "bordr", line: 6))
            let message = String(describing: error)
            XCTAssertTrue(message.contains("line 6"), message)
            XCTAssertTrue(message.contains("bordr"), message)
            XCTAssertTrue(message.contains("borderFocused"), message)
        }
    }

    func testBadColorNamesKeyAndLine() {
        let text = "[roles.title]\nbold = true\nfg = \"chartreuse-ish\"\n"
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: text)) { error in
            XCTAssertEqual(error as? ThemeError, .badColor(path: "roles.title.fg", value: "\"chartreuse-ish\"", line: 3))
            XCTAssertTrue(String(describing: error).contains("roles.title.fg"))
        }
    }

    func testColorIndexOutOfRange() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nbg = 256\n")) { error in
            XCTAssertEqual(error as? ThemeError, .badColor(path: "roles.title.bg", value: "256", line: 2))
        }
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nbg = -1\n")) { error in
            XCTAssertEqual(error as? ThemeError, .badColor(path: "roles.title.bg", value: "-1", line: 2))
        }
    }

    func testMalformedHexColors() {
        for bad in ["#12345", "#1234567", "#gg0000", "#", "rgb(1,2,3)"] {
            XCTAssertNil(ThemeColor.parse(bad), bad)
            XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nfg = \"\(bad)\"\n"), bad)
        }
    }

    func testWrongTypes() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nbold = \"yes\"\n")) { error in
            XCTAssertEqual(error as? ThemeError, .wrongType(path: "roles.title.bold", expected: "true or false", line: 2))
        }
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nfg = 1.5\n")) { error in
            guard case .wrongType(let path, _, let line)? = error as? ThemeError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(path, "roles.title.fg")
            XCTAssertEqual(line, 2)
        }
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles]\ntitle = 3\n")) { error in
            XCTAssertEqual(error as? ThemeError, .wrongType(path: "roles.title", expected: "a table", line: 2))
        }
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "name = 3\n")) { error in
            XCTAssertEqual(error as? ThemeError, .wrongType(path: "name", expected: "a string", line: 1))
        }
    }

    func testUnknownKeys() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nblink = true\n")) { error in
            XCTAssertEqual(error as? ThemeError, .unknownKey(path: "roles.title.blink", line: 2))
        }
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "colour = 1\n")) { error in
            XCTAssertEqual(error as? ThemeError, .unknownKey(path: "colour", line: 1))
        }
    }

    func testSyntaxErrorReportsLine() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "[roles.title]\nfg = \n")) { error in
            guard case .syntax(let line, _, let message)? = error as? ThemeError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(line, 2)
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testInlineTableErrorsNameTheKeyAndTheLineThatHoldsIt() {
        XCTAssertThrowsError(try ThemeParser.parse(tomlText: "name = \"x\"\nroles = { title = { fg = \"nope\" } }\n")) { error in
            XCTAssertEqual(error as? ThemeError, .badColor(path: "roles.title.fg", value: "\"nope\"", line: 2))
        }
    }
}
