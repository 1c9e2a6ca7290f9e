/// Which slice of a list a viewport shows so that the selected item stays visible.
public enum ScrollWindow {
    /// The first visible index for a list of `count` items in `visible` rows: the previous first
    /// index, moved as little as needed to keep `selected` in view, and never leaving empty rows
    /// at the bottom while items remain above.
    public static func firstVisible(selected: Int?, count: Int, visible: Int, previousFirst: Int = 0) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var first = min(max(0, previousFirst), count - visible)
        if let selected {
            let clamped = min(max(0, selected), count - 1)
            if clamped < first { first = clamped }
            if clamped >= first + visible { first = clamped - visible + 1 }
        }
        return first
    }
}
