import ChatCore

/// Where each pane goes for a terminal size, derived on every render and never stored.
///
/// Wide terminals (at least `sidePanesMinimumWidth` columns) show sessions | conversation over
/// composer | parameters side by side. Narrower ones give the middle column the full width, and
/// show the sessions or parameters pane in the conversation's place only while it is focused.
/// The composer sits under the conversation and grows with its line count up to a cap; the
/// status line is the bottom row. Pane rects include their borders.
public struct ScreenLayout: Sendable, Equatable {
    public static let minimumWidth = ScreenState.minimumWidth
    public static let minimumHeight = ScreenState.minimumHeight
    public static let sidePanesMinimumWidth = 70
    /// Rows the conversation keeps however tall the composer wants to be (borders included).
    static let conversationMinimumHeight = 4

    public var sessions: Rect?
    public var conversation: Rect?
    public var parameters: Rect?
    public var composer: Rect
    public var statusLine: Rect

    /// nil when the terminal is below `minimumWidth` x `minimumHeight` (show `TooSmallNotice`).
    /// `composerLines` is the draft's wrapped line count, `composerMaxLines` the cap on the
    /// composer's text rows.
    /// `zoomed` (`toggle-zoom`) lays a wide terminal out as a narrow one: the conversation and
    /// the composer take the full width, and a side pane shows only while it is focused.
    public static func compute(
        width: Int, height: Int, focused: Pane, composerLines: Int, composerMaxLines: Int, zoomed: Bool = false
    ) -> ScreenLayout? {
        guard width >= minimumWidth, height >= minimumHeight else { return nil }
        let statusLine = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyHeight = height - 1

        var sessions: Rect?
        var parameters: Rect?
        var middleX = 0
        var middleWidth = width
        if width >= sidePanesMinimumWidth, !zoomed {
            let sessionsWidth = min(max(width / 5, 16), 30)
            let parametersWidth = min(max(width / 4, 20), 32)
            sessions = Rect(x: 0, y: 0, width: sessionsWidth, height: bodyHeight)
            parameters = Rect(x: width - parametersWidth, y: 0, width: parametersWidth, height: bodyHeight)
            middleX = sessionsWidth
            middleWidth = width - sessionsWidth - parametersWidth
        }

        let textRows = min(max(1, composerLines), max(1, composerMaxLines))
        let composerHeight = min(textRows + 2, bodyHeight - conversationMinimumHeight)
        let composer = Rect(x: middleX, y: bodyHeight - composerHeight, width: middleWidth, height: composerHeight)
        let upper = Rect(x: middleX, y: 0, width: middleWidth, height: bodyHeight - composerHeight)

        var conversation: Rect? = upper
        if sessions == nil {
            // Narrow: a side pane borrows the conversation's place while focused.
            switch focused {
            case .sessions:
                sessions = upper
                conversation = nil
            case .parameters:
                parameters = upper
                conversation = nil
            case .conversation, .composer:
                break
            }
        }
        return ScreenLayout(
            sessions: sessions, conversation: conversation, parameters: parameters,
            composer: composer, statusLine: statusLine)
    }

    /// The same, asking `composerLines` for the draft's line count at the composer's inner
    /// width (its width minus the border), which the layout knows before the composer's height.
    public static func compute(
        width: Int, height: Int, focused: Pane, composerMaxLines: Int, zoomed: Bool = false,
        composerLines: (_ innerWidth: Int) -> Int
    ) -> ScreenLayout? {
        guard let probe = compute(width: width, height: height, focused: focused, composerLines: 1,
                                  composerMaxLines: composerMaxLines, zoomed: zoomed) else { return nil }
        let lines = composerLines(max(1, probe.composer.width - 2))
        return compute(width: width, height: height, focused: focused, composerLines: lines,
                       composerMaxLines: composerMaxLines, zoomed: zoomed)
    }
}
