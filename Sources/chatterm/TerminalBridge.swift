import CursesTerminal
import TerminalUI

/// What effects need from the terminal, over the app's one `CursesScreen`: handing the
/// terminal to a child (the editor) and writing a clipboard sequence after the next frame.
/// Main thread only, like the screen.
final class TerminalBridge {
    private let screen: CursesScreen
    private var afterFrame: [String] = []

    init(screen: CursesScreen) {
        self.screen = screen
    }

    /// Runs `body` with the screen suspended (the shell's terminal modes back, the alternate
    /// screen left); the next blit repaints everything.
    func suspended<T>(_ body: () throws -> T) rethrows -> T {
        screen.suspend()
        defer { screen.resume() }
        return try body()
    }

    /// The theme on screen, and switching it (colors re-allocated, the next frame repaints all).
    var theme: Theme { screen.theme }
    func setTheme(_ theme: Theme) { screen.setTheme(theme) }

    /// Mouse reports on or off.
    func setMouse(_ enabled: Bool) { screen.setMouse(enabled) }

    /// Queues `text` for the clipboard; it is written once the next frame is on the screen.
    func copyToClipboard(_ text: String, insideTmux: Bool) throws(ClipboardSequence.Failure) {
        afterFrame.append(try ClipboardSequence.bytes(copying: text, insideTmux: insideTmux))
    }

    /// Called by the run loop right after a blit.
    func frameDrawn() {
        guard !afterFrame.isEmpty else { return }
        for sequence in afterFrame { screen.writeControlSequence(sequence) }
        afterFrame.removeAll()
    }
}
