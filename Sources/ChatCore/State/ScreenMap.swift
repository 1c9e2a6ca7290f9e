/// A mouse report: where (cells from the top-left corner) and what.
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The left button went down.
        case press
        case wheelUp
        case wheelDown
    }

    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// A rectangle of the screen, in cells.
public struct ScreenArea: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public func contains(x px: Int, y py: Int) -> Bool {
        (x..<(x + width)).contains(px) && (y..<(y + height)).contains(py)
    }
}

/// What the last frame drew where, as the renderer reports it (`FrameReport.screenMap`), so that the
/// reducer turns a click into "this session", "this message" or "this point of that slider"
/// without working out the layout itself. Kept only while the mouse is on.
public struct ScreenMap: Sendable, Equatable {
    public struct PaneArea: Sendable, Equatable {
        public var pane: Pane
        public var area: ScreenArea

        public init(pane: Pane, area: ScreenArea) {
            self.pane = pane
            self.area = area
        }
    }

    /// A row of the parameters pane: a field's row, or the track under a slider's.
    public struct ParameterRow: Sendable, Equatable {
        public var y: Int
        public var field: ParameterField
        public var isTrack: Bool
        public var x: Int
        public var width: Int

        public init(y: Int, field: ParameterField, isTrack: Bool, x: Int, width: Int) {
            self.y = y
            self.field = field
            self.isTrack = isTrack
            self.x = x
            self.width = width
        }
    }

    public var panes: [PaneArea] = []
    /// The sessions list's inside, and which session its first row shows.
    public var sessionList: ScreenArea?
    public var firstSessionIndex = 0
    /// The conversation's inside, and the message drawn on each of its rows (nil for none).
    public var conversation: ScreenArea?
    public var messageRows: [String?] = []
    public var parameterRows: [ParameterRow] = []
    /// Compare: where each column was drawn (side by side: the whole column; as tabs: its tab,
    /// and the body for the column shown), by column index.
    public var compareColumns: [CompareColumnArea] = []

    public struct CompareColumnArea: Sendable, Equatable {
        public var column: Int
        public var area: ScreenArea
        public init(column: Int, area: ScreenArea) {
            self.column = column
            self.area = area
        }
    }

    public init() {}
}
