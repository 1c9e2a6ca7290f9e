import ChatCore
import SnapshotTesting
import StreamProtocol
import XCTest

@testable import TerminalUI

/// One screen in two themes: views give every cell a role, the theme decides how the role
/// looks. The snapshot is a style map (a letter per distinct colour-and-attribute set, with its
/// legend), so it shows what each theme really puts on the screen and changes when a theme does.
final class ThemeStyleMapTests: XCTestCase {
    private func screen() -> CellGrid {
        var state = AppState(profile: Profile(
            name: "local", baseURL: "http://127.0.0.1:9", dialect: .prem, projectID: 7, defaultModel: "local-echo"))
        state.screen.terminalWidth = 80
        state.screen.terminalHeight = 16
        state.sessions.list = [SessionSummary(id: "s1", title: "Zebras", createdAtMillis: 0, updatedAtMillis: 0)]
        state.conversation.activeSessionID = "s1"
        state.conversation.messages = [
            Message(id: "u", role: .user, content: "Why stripes?", createdAtMillis: 0),
            Message(id: "a", role: .assistant, content: "For **camouflage**, `probably`.", createdAtMillis: 1, model: "m"),
        ]
        state.parameters.temperature = 0.7
        state.screen.focus = .parameters
        return ScreenRenderer().render(state)
    }

    /// Each cell as the letter of its style; the legend lists the styles in order of appearance.
    private func styleMap(_ grid: CellGrid, _ theme: Theme) -> String {
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var rows: [String] = []
        for y in 0..<grid.height {
            var row = ""
            for x in 0..<grid.width {
                let style = theme.style(for: grid[x, y].role)
                if letters[style] == nil {
                    let letter = alphabet[min(letters.count, alphabet.count - 1)]
                    letters[style] = letter
                    legend.append("\(letter): \(Self.describe(style))")
                }
                row.append(letters[style] ?? "?")
            }
            rows.append(row)
        }
        return (rows + [""] + legend).joined(separator: "\n")
    }

    private static func describe(_ style: Style) -> String {
        func color(_ c: ThemeColor) -> String {
            switch c {
            case .terminalDefault: return "default"
            case let .ansi(index): return "\(index)"
            case let .rgb(r, g, b): return String(format: "#%02x%02x%02x", r, g, b)
            }
        }
        let attributes = [("bold", style.bold), ("dim", style.dim), ("underline", style.underline),
                          ("reverse", style.reverse), ("italic", style.italic)].filter(\.1).map(\.0)
        return "fg \(color(style.fg)), bg \(color(style.bg))" + (attributes.isEmpty ? "" : ", " + attributes.joined(separator: " "))
    }

    func testOneScreenInTwoThemes() throws {
        let grid = screen()
        let solarized = try XCTUnwrap(Theme.builtIn.first { $0.name == "solarized-light" })
        let inDefault = styleMap(grid, .default)
        let inSolarized = styleMap(grid, solarized)
        XCTAssertNotEqual(inDefault, inSolarized)
        assertSnapshot(of: inDefault, as: .lines, named: "default")
        assertSnapshot(of: inSolarized, as: .lines, named: "solarized-light")
    }
}
