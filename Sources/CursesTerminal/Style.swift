/// A terminal color as a theme names it.
public enum ThemeColor: Equatable, Hashable, Sendable {
    /// Whatever the terminal's own foreground or background is.
    case terminalDefault
    /// An xterm palette index: 0–15 the user-configurable ANSI colors, 16–231 the 6×6×6 cube,
    /// 232–255 the gray ramp.
    case ansi(UInt8)
}

/// How one style role looks: colors plus attributes. Attributes carry meaning on their own so
/// the monochrome theme stays readable.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: ThemeColor
    public var bg: ThemeColor
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var italic: Bool

    public init(
        fg: ThemeColor = .terminalDefault, bg: ThemeColor = .terminalDefault,
        bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, italic: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }

    public static let plain = Style()

    /// These colors with the attributes of both styles.
    public func addingAttributes(of other: Style) -> Style {
        var copy = self
        copy.bold = bold || other.bold
        copy.dim = dim || other.dim
        copy.underline = underline || other.underline
        copy.reverse = reverse || other.reverse
        copy.italic = italic || other.italic
        return copy
    }

    /// The same attributes without colors: what a style means on a terminal without color.
    public var withoutColors: Style {
        var copy = self
        copy.fg = .terminalDefault
        copy.bg = .terminalDefault
        return copy
    }
}
