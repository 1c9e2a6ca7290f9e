/// What a parameter slider shows, as plain values the caller derives from its parameters.
public struct SliderModel: Sendable, Equatable {
    public var label: String
    /// The value as text ("0.70"); nil when the parameter is unset (never sent).
    public var valueText: String?
    /// Where the value sits in its range, 0...1; nil when unset or not a number.
    public var fraction: Double?

    public init(label: String, valueText: String?, fraction: Double?) {
        self.label = label
        self.valueText = valueText
        self.fraction = fraction
    }

    public var isSet: Bool { valueText != nil }
}

/// A two-row slider: "● Temperature    0.70" over "━━━━━●────────". Unset parameters show
/// "○ … unset" and an empty dimmed track. The selected slider's rows are highlighted.
public enum SliderView {
    public static let rowsPerSlider = 2

    public static func draw(into grid: inout CellGrid, rect: Rect, slider: SliderModel, selected: Bool, focused: Bool) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, role: .normal)
        let top = rect.row(0)
        let row = FieldRow(
            isSet: slider.isSet, label: slider.label,
            value: StyledLine(slider.valueText ?? "unset", role: slider.isSet ? .valueSet : .valueUnset))
        grid.draw(row.line(width: rect.width), x: rect.x, y: rect.y, clip: top)
        if rect.height > 1 {
            grid.draw(bar(width: rect.width, fraction: slider.isSet ? slider.fraction : nil), x: rect.x, y: rect.y + 1, clip: rect.row(1))
        }
        if selected {
            grid.setRole(focused ? .selection : .selectionUnfocused, in: top)
        }
    }

    /// The track: filled up to the knob, empty after it; all dim dashes when unset.
    public static func bar(width: Int, fraction: Double?) -> StyledLine {
        guard width > 0 else { return StyledLine() }
        guard let fraction, fraction.isFinite else {
            return StyledLine(Array(repeating: Glyph(text: "─", width: 1, role: .sliderUnset), count: width))
        }
        let knob = Int((min(max(fraction, 0), 1) * Double(width - 1)).rounded())
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(width)
        for column in 0..<width {
            if column < knob {
                glyphs.append(Glyph(text: "━", width: 1, role: .sliderFilled))
            } else if column == knob {
                glyphs.append(Glyph(text: "●", width: 1, role: .sliderFilled))
            } else {
                glyphs.append(Glyph(text: "─", width: 1, role: .sliderEmpty))
            }
        }
        return StyledLine(glyphs)
    }

    /// A column of sliders in `rect`, scrolled to keep the selected one visible. Returns the
    /// first visible slider index.
    @discardableResult
    public static func drawList(
        into grid: inout CellGrid, rect: Rect, sliders: [SliderModel], selectedIndex: Int?,
        focused: Bool, previousFirst: Int = 0
    ) -> Int {
        guard !rect.isEmpty else { return 0 }
        grid.fill(rect, role: .normal)
        let visible = max(1, rect.height / rowsPerSlider)
        let first = ScrollWindow.firstVisible(
            selected: selectedIndex, count: sliders.count, visible: visible, previousFirst: previousFirst)
        var y = rect.y
        var index = first
        while index < sliders.count, y < rect.maxY {
            let height = min(rowsPerSlider, rect.maxY - y)
            draw(into: &grid, rect: Rect(x: rect.x, y: y, width: rect.width, height: height),
                 slider: sliders[index], selected: index == selectedIndex, focused: focused)
            y += rowsPerSlider
            index += 1
        }
        return first
    }
}
