import Foundation
import XCTest

/// A theme that cannot be used does not keep chatterm from starting: the default theme is used
/// and the status line says what was wrong, with the line of the broken file.
final class ThemeEndToEndTests: EndToEndCase {
    func testABrokenThemeFileIsReportedAndTheDefaultUsed() throws {
        let theme = dataDirectory.appendingPathComponent("broken.toml")
        try "[roles.borderFocussed]\nfg = \"cyan\"\n".write(to: theme, atomically: true, encoding: .utf8)
        let tmux = TmuxDriver(name: "badtheme")
        defer { tmux.kill() }
        try tmux.start(chattermCommand(["--theme", theme.path]), width: 200, height: 30)
        try tmux.waitFor(text: "Sessions")
        try tmux.waitFor(text: "theme line 1: unknown role \"borderFocussed\"")
        try tmux.press("C-q")
        XCTAssertEqual(try tmux.waitForExit(), 0)
    }
}
