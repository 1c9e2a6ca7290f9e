import XCTest
@testable import TerminalUI

/// The built-in themes as values (their files are checked against them in ThemeParserTests).
final class BuiltInThemeTests: XCTestCase {
    func testBuiltInThemesListEveryRole() {
        for theme in Theme.builtIn {
            XCTAssertEqual(theme.rolesMissingFromTable(), [], theme.name)
        }
    }

    func testMonoThemeUsesNoColorsAndKeepsFocusAndSelectionVisible() {
        let mono = Theme.mono
        for role in StyleRole.allCases {
            XCTAssertEqual(mono.style(for: role).fg, .terminalDefault, "\(role)")
            XCTAssertEqual(mono.style(for: role).bg, .terminalDefault, "\(role)")
        }
        XCTAssertNotEqual(mono.style(for: .border), mono.style(for: .borderFocused))
        XCTAssertNotEqual(mono.style(for: .title), mono.style(for: .titleFocused))
        XCTAssertNotEqual(mono.style(for: .selection), mono.style(for: .selectionUnfocused))
        XCTAssertNotEqual(mono.style(for: .selection), mono.style(for: .normal))
        XCTAssertNotEqual(mono.style(for: .selectionUnfocused), mono.style(for: .normal))
        XCTAssertTrue(mono.style(for: .cursor).reverse)
    }

    func testFocusedChromeDiffersFromUnfocusedInEveryBuiltIn() {
        for theme in Theme.builtIn {
            XCTAssertNotEqual(theme.style(for: .border), theme.style(for: .borderFocused), theme.name)
            XCTAssertNotEqual(theme.style(for: .selection), theme.style(for: .selectionUnfocused), theme.name)
        }
    }

    // MARK: Parsing
}
