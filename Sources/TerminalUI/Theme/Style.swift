/// A terminal color as a theme names it.
public enum ThemeColor: Equatable, Hashable, Sendable {
    /// Whatever the terminal's own foreground or background is.
    case terminalDefault
    /// An xterm palette index: 0–15 the user-configurable ANSI colors, 16–231 the 6×6×6 cube,
    /// 232–255 the gray ramp.
    case ansi(UInt8)
    /// "#rrggbb": drawn as is on a terminal with direct (24-bit) color, else as the nearest
    /// palette color (`paletteIndex`).
    case rgb(UInt8, UInt8, UInt8)

    /// The palette color that stands for this one on a terminal without direct color.
    public var paletteIndex: UInt8? {
        switch self {
        case .terminalDefault: return nil
        case let .ansi(index): return index
        case let .rgb(red, green, blue):
            return XtermPalette.nearestIndex(to: XtermPalette.RGB(red: Int(red), green: Int(green), blue: Int(blue)))
        }
    }
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

extension ThemeColor {
    static let namedColors: [String: UInt8] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "brightblack": 8, "gray": 8, "grey": 8, "brightred": 9, "brightgreen": 10, "brightyellow": 11,
        "brightblue": 12, "brightmagenta": 13, "brightcyan": 14, "brightwhite": 15,
    ]

    /// "default", a color name (case, "-", "_" and spaces ignored), "#rrggbb", or a decimal index.
    public static func parse(_ text: String) -> ThemeColor? {
        let folded = String(text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        if folded == "default" { return .terminalDefault }
        if let index = namedColors[folded] { return .ansi(index) }
        if let index = UInt8(folded) { return .ansi(index) }
        guard folded.hasPrefix("#"), folded.count == 7, let rgb = UInt32(folded.dropFirst(), radix: 16) else { return nil }
        return .rgb(UInt8(rgb >> 16 & 0xFF), UInt8(rgb >> 8 & 0xFF), UInt8(rgb & 0xFF))
    }
}
