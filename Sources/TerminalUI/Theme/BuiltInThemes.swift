
// The built-in themes. themes/*.toml hold the same values (tests check they agree) so users
// can copy one as a starting point; the app does not need the files at run time.

extension Theme {
    /// For dark terminal backgrounds: text in the terminal's own colors, chrome in grays,
    /// focus in cyan and bold.
    public static let `default` = Theme(builtInName: "default", styles: [
        .normal: Style(),
        .dim: Style(fg: .ansi(245)),
        .border: Style(fg: .ansi(240)),
        .borderFocused: Style(fg: .ansi(6), bold: true),
        .title: Style(fg: .ansi(250)),
        .titleFocused: Style(fg: .ansi(14), bold: true),
        .userLabel: Style(fg: .ansi(114), bold: true),
        .assistantLabel: Style(fg: .ansi(75), bold: true),
        .userText: Style(),
        .assistantText: Style(),
        .errorText: Style(fg: .ansi(203), bold: true),
        .warningText: Style(fg: .ansi(214)),
        .selection: Style(fg: .ansi(231), bg: .ansi(25), bold: true),
        .selectionUnfocused: Style(bg: .ansi(238)),
        .statusBar: Style(fg: .ansi(252), bg: .ansi(236)),
        .statusAccent: Style(fg: .ansi(81), bg: .ansi(236), bold: true),
        .sliderFilled: Style(fg: .ansi(75)),
        .sliderEmpty: Style(fg: .ansi(240)),
        .sliderUnset: Style(fg: .ansi(240), dim: true),
        .valueSet: Style(fg: .ansi(222), bold: true),
        .valueUnset: Style(fg: .ansi(244)),
        .composer: Style(),
        .cursor: Style(reverse: true),
        .code: Style(fg: .ansi(180), bg: .ansi(235)),
        .overlay: Style(fg: .ansi(252), bg: .ansi(237)),
        .overlayDim: Style(fg: .ansi(246), bg: .ansi(237)),
        .overlayError: Style(fg: .ansi(210), bg: .ansi(237), bold: true),
        .controlPicture: Style(fg: .ansi(208), reverse: true),
    ])

    /// For light terminal backgrounds: darker accents, pale fills.
    public static let light = Theme(builtInName: "light", styles: [
        .normal: Style(),
        .dim: Style(fg: .ansi(243)),
        .border: Style(fg: .ansi(248)),
        .borderFocused: Style(fg: .ansi(25), bold: true),
        .title: Style(fg: .ansi(239)),
        .titleFocused: Style(fg: .ansi(25), bold: true),
        .userLabel: Style(fg: .ansi(28), bold: true),
        .assistantLabel: Style(fg: .ansi(25), bold: true),
        .userText: Style(),
        .assistantText: Style(),
        .errorText: Style(fg: .ansi(160), bold: true),
        .warningText: Style(fg: .ansi(130)),
        .selection: Style(fg: .ansi(16), bg: .ansi(153), bold: true),
        .selectionUnfocused: Style(bg: .ansi(252)),
        .statusBar: Style(fg: .ansi(236), bg: .ansi(253)),
        .statusAccent: Style(fg: .ansi(25), bg: .ansi(253), bold: true),
        .sliderFilled: Style(fg: .ansi(25)),
        .sliderEmpty: Style(fg: .ansi(250)),
        .sliderUnset: Style(fg: .ansi(250), dim: true),
        .valueSet: Style(fg: .ansi(94), bold: true),
        .valueUnset: Style(fg: .ansi(245)),
        .composer: Style(),
        .cursor: Style(reverse: true),
        .code: Style(fg: .ansi(94), bg: .ansi(255)),
        .overlay: Style(fg: .ansi(236), bg: .ansi(254)),
        .overlayDim: Style(fg: .ansi(243), bg: .ansi(254)),
        .overlayError: Style(fg: .ansi(160), bg: .ansi(254), bold: true),
        .controlPicture: Style(fg: .ansi(166), reverse: true),
    ])

    /// Attributes only, for NO_COLOR and terminals with fewer than 8 colors. Focus and
    /// selection stay visible: focused chrome is bold, the selection reversed, unfocused
    /// selection underlined, quiet chrome dim.
    public static let mono = Theme(builtInName: "mono", styles: [
        .normal: Style(),
        .dim: Style(dim: true),
        .border: Style(dim: true),
        .borderFocused: Style(bold: true),
        .title: Style(),
        .titleFocused: Style(bold: true, underline: true),
        .userLabel: Style(bold: true),
        .assistantLabel: Style(bold: true, underline: true),
        .userText: Style(),
        .assistantText: Style(),
        .errorText: Style(bold: true, reverse: true),
        .warningText: Style(bold: true),
        .selection: Style(bold: true, reverse: true),
        .selectionUnfocused: Style(underline: true),
        .statusBar: Style(reverse: true),
        .statusAccent: Style(bold: true, reverse: true),
        .sliderFilled: Style(bold: true),
        .sliderEmpty: Style(dim: true),
        .sliderUnset: Style(dim: true),
        .valueSet: Style(bold: true),
        .valueUnset: Style(dim: true),
        .composer: Style(),
        .cursor: Style(reverse: true),
        .code: Style(italic: true),
        .overlay: Style(),
        .overlayDim: Style(dim: true),
        .overlayError: Style(bold: true, reverse: true),
        .controlPicture: Style(reverse: true),
    ])

    public static let builtIn: [Theme] = [.default, .light, .mono]
}
