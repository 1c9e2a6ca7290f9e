import TerminalUI
import XCTest

@testable import CursesTerminal

final class XtermPaletteTests: XCTestCase {
    /// The palette color a "#rrggbb" is drawn as without direct color.
    private func nearest(_ hex: String) -> ThemeColor? { ThemeColor.parse(hex)?.paletteIndex.map(ThemeColor.ansi) }

    func testHexMapsToNearestCubeOrGrayColor() {
        XCTAssertEqual(nearest("#000000"), .ansi(16))
        XCTAssertEqual(nearest("#ffffff"), .ansi(231))
        XCTAssertEqual(nearest("#FF0000"), .ansi(196))
        XCTAssertEqual(nearest("#5f87af"), .ansi(67))
        XCTAssertEqual(nearest("#808080"), .ansi(244))
        XCTAssertEqual(nearest("#eeeeee"), .ansi(255))
        // Near but not on the cube: (100, 130, 170) is closest to (95, 135, 175).
        XCTAssertEqual(nearest("#6482aa"), .ansi(67))
        // A dark gray falls on the gray ramp, not the cube's black.
        XCTAssertEqual(nearest("#121212"), .ansi(233))
    }

    func testHexIsKeptAsWritten() {
        XCTAssertEqual(ThemeColor.parse("#5F87AF"), .rgb(95, 135, 175))
        XCTAssertNil(ThemeColor.parse("#5f87a"))
    }

    /// On a direct-color terminal (`xterm-direct`: 2^24 colors) "#rrggbb" goes out as is,
    /// palette colors past the ANSI eight as their RGB, and the ANSI eight stay ANSI.
    func testDirectColorTerminalsGetTheTrueColor() {
        let direct = ColorPairPlan.directColorCount
        func color(_ c: ThemeColor) -> Int32 { ColorPairPlan.cursesColor(c, count: direct, defaultColors: true, isForeground: true) }
        XCTAssertEqual(color(.rgb(0xAF, 0xD7, 0xFF)), 0xAFD7FF)
        XCTAssertEqual(color(.ansi(3)), 3)
        XCTAssertEqual(color(.ansi(153)), 0xAFD7FF)
        XCTAssertEqual(color(.rgb(0, 0, 0)), 8, "not ANSI black's number")
        XCTAssertEqual(color(.terminalDefault), -1)
        XCTAssertEqual(ColorPairPlan.cursesColor(.rgb(0xAF, 0xD7, 0xFF), count: 256, defaultColors: true, isForeground: true), 153)
        XCTAssertEqual(ColorPairPlan.cursesColor(.rgb(0xFF, 0, 0), count: 16, defaultColors: true, isForeground: true), 9)
        XCTAssertEqual(CursesScreen.directColorTerminal(term: "xterm-256color", colorTerm: "truecolor"), "xterm-direct")
        XCTAssertEqual(CursesScreen.directColorTerminal(term: "tmux-256color", colorTerm: "24bit"), "tmux-direct")
        XCTAssertNil(CursesScreen.directColorTerminal(term: "xterm-256color", colorTerm: nil))
        XCTAssertNil(CursesScreen.directColorTerminal(term: "xterm-direct", colorTerm: "truecolor"))
    }

    func testEveryCubeAndGrayColorMapsToItself() {
        for index in UInt8(16)...255 {
            let rgb = XtermPalette.rgb(index)
            let expected = XtermPalette.nearestIndex(to: rgb)
            // Some grays coincide with cube colors (e.g. 59 vs 239 differ; 16 == black): the
            // mapped color must at least have exactly the same RGB.
            XCTAssertEqual(XtermPalette.rgb(expected), rgb, "index \(index)")
        }
    }

    func testRGBOfPaletteEntries() {
        XCTAssertEqual(XtermPalette.rgb(1), .init(red: 205, green: 0, blue: 0))
        XCTAssertEqual(XtermPalette.rgb(67), .init(red: 95, green: 135, blue: 175))
        XCTAssertEqual(XtermPalette.rgb(232), .init(red: 8, green: 8, blue: 8))
        XCTAssertEqual(XtermPalette.rgb(255), .init(red: 238, green: 238, blue: 238))
    }

    func testDowngradeToSixteenAndEightColors() {
        XCTAssertEqual(XtermPalette.downgrade(196, toColorCount: 16), 9)
        XCTAssertEqual(XtermPalette.downgrade(196, toColorCount: 8), 1)
        XCTAssertEqual(XtermPalette.downgrade(231, toColorCount: 16), 15)
        XCTAssertEqual(XtermPalette.downgrade(231, toColorCount: 8), 7)
        XCTAssertEqual(XtermPalette.downgrade(236, toColorCount: 8), 0)
        XCTAssertEqual(XtermPalette.downgrade(5, toColorCount: 8), 5)
        XCTAssertEqual(XtermPalette.downgrade(200, toColorCount: 256), 200)
    }

    func testDowngradeKeepsHuesOfPastelsAndGrays() {
        XCTAssertEqual(XtermPalette.downgrade(114, toColorCount: 8), 2, "pastel green stays green")
        XCTAssertEqual(XtermPalette.downgrade(81, toColorCount: 8), 6, "sky blue becomes cyan")
        XCTAssertEqual(XtermPalette.downgrade(214, toColorCount: 8), 3, "orange becomes yellow")
        XCTAssertEqual(XtermPalette.downgrade(25, toColorCount: 16), 4, "dark blue stays normal blue")
        XCTAssertEqual(XtermPalette.downgrade(203, toColorCount: 16), 9, "light red becomes bright red")
        XCTAssertEqual(XtermPalette.downgrade(238, toColorCount: 16), 8, "dark gray is bright black")
        XCTAssertEqual(XtermPalette.downgrade(250, toColorCount: 16), 7)
        XCTAssertEqual(XtermPalette.downgrade(255, toColorCount: 16), 15)
        XCTAssertEqual(XtermPalette.downgrade(240, toColorCount: 8), 0)
        XCTAssertEqual(XtermPalette.downgrade(250, toColorCount: 8), 7)
    }
}

final class ColorModeTests: XCTestCase {
    func testNoColorEnvironmentForcesMonochrome() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colorCount: 256, pairLimit: 256, defaultColors: true, noColorEnvironment: "1"),
                       .monochrome)
    }

    func testEmptyNoColorIsIgnored() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colorCount: 256, pairLimit: 256, defaultColors: true, noColorEnvironment: ""),
                       .colors(count: 256, pairLimit: 256, defaultColors: true))
    }

    func testFewerThanEightColorsOrNoColorsIsMonochrome() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colorCount: 2, pairLimit: 64, defaultColors: false, noColorEnvironment: nil),
                       .monochrome)
        XCTAssertEqual(ColorMode.resolve(hasColors: false, colorCount: 0, pairLimit: 0, defaultColors: false, noColorEnvironment: nil),
                       .monochrome)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colorCount: 8, pairLimit: 64, defaultColors: false, noColorEnvironment: nil),
                       .colors(count: 8, pairLimit: 64, defaultColors: false))
    }
}

final class ColorPairPlanTests: XCTestCase {
    private let rich = ColorMode.colors(count: 256, pairLimit: 256, defaultColors: true)

    func testOnePairPerDistinctColorCombination() {
        let theme = Theme(name: "t", styles: [
            .normal: Style(),
            .border: Style(fg: .ansi(240)),
            .dim: Style(fg: .ansi(240), dim: true),
            .title: Style(fg: .ansi(240), bg: .ansi(17)),
        ], fallback: Theme.mono)
        let plan = ColorPairPlan(theme: theme, mode: rich)
        XCTAssertEqual(plan.pairs, [
            .init(index: 1, foreground: 240, background: -1),
            .init(index: 2, foreground: 240, background: 17),
        ])
        XCTAssertEqual(plan.pair(for: .normal), 0)
        XCTAssertEqual(plan.pair(for: .border), plan.pair(for: .dim))
        XCTAssertEqual(plan.pair(for: .title), 2)
        XCTAssertEqual(plan.pair(for: .selection), 0, "mono fallback roles use default colors")
        XCTAssertEqual(plan.effectiveStyle(for: .dim), Style(fg: .ansi(240), dim: true))
    }

    func testDefaultThemePairCountMatchesDistinctCombinations() {
        let theme = Theme.default
        let combinations = Set(StyleRole.allCases.map { "\(theme.style(for: $0).fg)/\(theme.style(for: $0).bg)" })
        let plan = ColorPairPlan(theme: theme, mode: rich)
        // The default/default combination uses pair 0 and is not allocated.
        XCTAssertEqual(plan.pairs.count, combinations.count - 1)
        XCTAssertEqual(plan.pairs.map(\.index), Array(1...Int32(plan.pairs.count)))
        for role in StyleRole.allCases {
            let style = theme.style(for: role)
            let pair = plan.pair(for: role)
            if pair == 0 {
                XCTAssertEqual(style.fg, .terminalDefault)
                XCTAssertEqual(style.bg, .terminalDefault)
            } else {
                let allocated = plan.pairs[Int(pair) - 1]
                XCTAssertEqual(allocated.foreground, ColorPairPlan.cursesColor(style.fg, count: 256, defaultColors: true, isForeground: true))
                XCTAssertEqual(allocated.background, ColorPairPlan.cursesColor(style.bg, count: 256, defaultColors: true, isForeground: false))
            }
        }
    }

    func testWithoutDefaultColorsTerminalDefaultBecomesWhiteOnBlack() {
        let theme = Theme(name: "t", styles: [.border: Style(fg: .ansi(4))], fallback: Theme.mono)
        let plan = ColorPairPlan(theme: theme, mode: .colors(count: 8, pairLimit: 64, defaultColors: false))
        XCTAssertEqual(plan.pairs, [.init(index: 1, foreground: 4, background: 0)])
        XCTAssertEqual(plan.pair(for: .normal), 0, "white on black is pair 0 already")
    }

    func testColorsAreDowngradedForEightColorTerminals() {
        let theme = Theme(name: "t", styles: [.border: Style(fg: .ansi(196), bg: .ansi(231))], fallback: Theme.mono)
        let plan = ColorPairPlan(theme: theme, mode: .colors(count: 8, pairLimit: 64, defaultColors: true))
        XCTAssertEqual(plan.pairs, [.init(index: 1, foreground: 1, background: 7)])
    }

    func testEightColorTerminalsAddMonoAttributesSoRolesStayDistinct() {
        // On 8 colors the default theme's dark-gray fill folds to black; the mono theme's
        // underline keeps the unfocused selection visible.
        let plan = ColorPairPlan(theme: .default, mode: .colors(count: 8, pairLimit: 64, defaultColors: true))
        XCTAssertTrue(plan.effectiveStyle(for: .selectionUnfocused).underline)
        XCTAssertTrue(plan.effectiveStyle(for: .selection).reverse)
        XCTAssertEqual(plan.effectiveStyle(for: .selection).fg, Theme.default.style(for: .selection).fg)
        let sixteen = ColorPairPlan(theme: .default, mode: .colors(count: 16, pairLimit: 64, defaultColors: true))
        XCTAssertEqual(sixteen.effectiveStyle(for: .selectionUnfocused), Theme.default.style(for: .selectionUnfocused))
    }

    func testRunningOutOfPairsKeepsAttributesWithoutColor() {
        let theme = Theme(name: "t", styles: [
            .normal: Style(fg: .ansi(1)),
            .dim: Style(fg: .ansi(2)),
            .border: Style(fg: .ansi(3), bold: true),
        ], fallback: Theme.mono)
        let plan = ColorPairPlan(theme: theme, mode: .colors(count: 256, pairLimit: 3, defaultColors: true))
        XCTAssertEqual(plan.pairs.count, 2)
        XCTAssertEqual(plan.pair(for: .border), 0)
        XCTAssertEqual(plan.effectiveStyle(for: .border), Style(bold: true))
    }

    func testMonochromeUsesMonoThemeAndNoPairs() {
        let plan = ColorPairPlan(theme: .default, mode: .monochrome)
        XCTAssertEqual(plan.pairs, [])
        for role in StyleRole.allCases {
            XCTAssertEqual(plan.pair(for: role), 0)
            XCTAssertEqual(plan.effectiveStyle(for: role), Theme.mono.style(for: role))
        }
    }
}
