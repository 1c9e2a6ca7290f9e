/// A line of key hints ("Enter ok · Esc cancel · ^U clear") holding as many whole items as fit,
/// in order: an item is left out rather than cut, so what is shown is always readable.
enum KeyHintLine {
    static func make(_ items: [String], role: StyleRole, width: Int) -> StyledLine {
        var line = StyledLine()
        let separator = StyledLine(" · ", role: role)
        for item in items {
            let piece = StyledLine(item, role: role)
            let needed = (line.width > 0 ? separator.width : 0) + piece.width
            if line.width + needed > width { break }
            if line.width > 0 { line.append(contentsOf: separator) }
            line.append(contentsOf: piece)
        }
        return line
    }
}
