import TerminalUI

/// What the terminal can show, decided once at start.
public enum ColorMode: Equatable, Sendable {
    /// Attributes only: no colors, NO_COLOR set, or fewer than 8 colors.
    case monochrome
    /// `count` colors, `pairLimit` color pairs (pair 0 included); `defaultColors` when
    /// `use_default_colors` succeeded, so -1 means the terminal's own color.
    case colors(count: Int, pairLimit: Int, defaultColors: Bool)

    /// NO_COLOR (https://no-color.org) counts when set to a non-empty value.
    public static func resolve(
        hasColors: Bool, colorCount: Int, pairLimit: Int, defaultColors: Bool, noColorEnvironment: String?
    ) -> ColorMode {
        if let noColor = noColorEnvironment, !noColor.isEmpty { return .monochrome }
        guard hasColors, colorCount >= 8, pairLimit >= 2 else { return .monochrome }
        return .colors(count: colorCount, pairLimit: pairLimit, defaultColors: defaultColors)
    }
}

/// The color pairs a theme needs and which pair each role uses: one pair per distinct
/// (foreground, background), allocated once per theme. Pure, so the allocation is tested
/// without a terminal; `CursesScreen` only calls `init_pair` for `pairs`.
public struct ColorPairPlan: Equatable, Sendable {
    public struct Pair: Equatable, Sendable {
        public var index: Int32
        /// Curses color numbers; -1 is the terminal default. On a direct-color terminal a
        /// number of 8 or more is 0xRRGGBB itself.
        public var foreground: Int32
        public var background: Int32

        public init(index: Int32, foreground: Int32, background: Int32) {
            self.index = index
            self.foreground = foreground
            self.background = background
        }
    }

    /// Pairs to initialise, in index order starting at 1. Pair 0 is never redefined.
    public let pairs: [Pair]
    private let pairByRole: [StyleRole: Int32]
    private let styleByRole: [StyleRole: Style]

    public init(theme: Theme, mode: ColorMode) {
        guard case .colors(let count, let pairLimit, let defaultColors) = mode else {
            // Without color the mono theme speaks for every role: a color theme's attributes
            // assume colors do part of the work.
            pairs = []
            pairByRole = [:]
            styleByRole = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, Theme.mono.style(for: $0)) })
            return
        }
        let pairZero = defaultColors ? ColorKey(foreground: -1, background: -1) : ColorKey(foreground: 7, background: 0)
        var allocated: [ColorKey: Int32] = [pairZero: 0]
        var pairs: [Pair] = []
        var pairByRole: [StyleRole: Int32] = [:]
        var styleByRole: [StyleRole: Style] = [:]
        for role in StyleRole.allCases {
            var style = theme.style(for: role)
            if count < 16 {
                // Eight colors fold a theme's grays and tints together (a dark-gray fill becomes
                // black): the mono theme's attributes keep focus and selection distinguishable.
                style = style.addingAttributes(of: Theme.mono.style(for: role))
            }
            let key = ColorKey(
                foreground: Self.cursesColor(style.fg, count: count, defaultColors: defaultColors, isForeground: true),
                background: Self.cursesColor(style.bg, count: count, defaultColors: defaultColors, isForeground: false))
            if let existing = allocated[key] {
                pairByRole[role] = existing
                styleByRole[role] = style
            } else if Int(pairs.count) + 1 < pairLimit {
                let index = Int32(pairs.count + 1)
                allocated[key] = index
                pairs.append(Pair(index: index, foreground: key.foreground, background: key.background))
                pairByRole[role] = index
                styleByRole[role] = style
            } else {
                // Out of pairs: keep the attributes, lose the colors, rather than show the
                // wrong pair.
                pairByRole[role] = 0
                styleByRole[role] = style.withoutColors
            }
        }
        self.pairs = pairs
        self.pairByRole = pairByRole
        self.styleByRole = styleByRole
    }

    /// The color pair for `role` (0 for the terminal's default colors).
    public func pair(for role: StyleRole) -> Int32 { pairByRole[role] ?? 0 }

    /// The style actually shown for `role`: the theme's, or the mono theme's without color.
    public func effectiveStyle(for role: StyleRole) -> Style { styleByRole[role] ?? .plain }

    /// The colors at or above which a terminal's color numbers are 0xRRGGBB (direct color:
    /// `xterm-direct`, `tmux-direct`, ...), where 0–7 still name the ANSI colors.
    public static let directColorCount = 1 << 24

    static func cursesColor(_ color: ThemeColor, count: Int, defaultColors: Bool, isForeground: Bool) -> Int32 {
        if count >= directColorCount {
            switch color {
            case .terminalDefault:
                break
            case let .ansi(index) where index < 8:
                return Int32(index)
            case let .ansi(index):
                let rgb = XtermPalette.rgb(index)
                return Int32(rgb.red << 16 | rgb.green << 8 | rgb.blue)
            case let .rgb(red, green, blue):
                // 0x000000–0x000007 would read as ANSI colors: the nearest true color instead.
                let packed = Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
                return packed < 8 ? 8 : packed
            }
        }
        guard let index = color.paletteIndex else {
            if defaultColors { return -1 }
            return isForeground ? 7 : 0
        }
        return Int32(XtermPalette.downgrade(index, toColorCount: count))
    }

    private struct ColorKey: Hashable {
        var foreground: Int32
        var background: Int32
    }
}
