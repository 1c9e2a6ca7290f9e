/// What the root keeps about the screen and the panes' arrangement: the terminal's size, the
/// focused pane, zoom, the mouse and what the last frame drew where, Markdown display and the
/// theme picked.
public struct ScreenState: Sendable, Equatable {
    public var terminalWidth: Int
    public var terminalHeight: Int
    public var focus: Pane = .composer
    /// `toggle-zoom`: the conversation takes the full width (side panes show only while
    /// focused, as on a narrow terminal). Remembered across runs.
    public var zoomed = false
    /// Mouse reports asked for (`[mouse] enabled`, `toggle-mouse`).
    public var mouseEnabled = false
    /// What the last frame drew where, for clicks (kept while the mouse is on).
    public var map = ScreenMap()
    /// Markdown on or off for replies and for the user's messages.
    public var display = DisplayOptions()
    /// The theme `cycle-theme` last switched to (remembered; nil: never switched this run or before).
    public var pickedTheme: String?

    /// Below this size the screen shows only "Terminal too small" (`ScreenLayout` draws no panes).
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    /// Nothing but the too-small notice is on screen: keys are not acted on (a message typed
    /// and sent blind is not what anyone meant), except quitting.
    public var isTooSmall: Bool { terminalWidth < Self.minimumWidth || terminalHeight < Self.minimumHeight }

    public init(terminalWidth: Int, terminalHeight: Int) {
        self.terminalWidth = terminalWidth
        self.terminalHeight = terminalHeight
    }
}
