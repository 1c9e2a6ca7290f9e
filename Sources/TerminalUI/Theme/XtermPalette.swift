/// The xterm 256-color palette as RGB, for mapping "#rrggbb" to an index and for folding
/// 256-color indices onto 8- or 16-color terminals.
public enum XtermPalette {
    public struct RGB: Equatable, Sendable {
        public var red: Int
        public var green: Int
        public var blue: Int
        public init(red: Int, green: Int, blue: Int) {
            self.red = red
            self.green = green
            self.blue = blue
        }
    }

    /// xterm's default values for the 16 ANSI colors.
    static let ansi16: [RGB] = [
        RGB(red: 0, green: 0, blue: 0), RGB(red: 205, green: 0, blue: 0),
        RGB(red: 0, green: 205, blue: 0), RGB(red: 205, green: 205, blue: 0),
        RGB(red: 0, green: 0, blue: 238), RGB(red: 205, green: 0, blue: 205),
        RGB(red: 0, green: 205, blue: 205), RGB(red: 229, green: 229, blue: 229),
        RGB(red: 127, green: 127, blue: 127), RGB(red: 255, green: 0, blue: 0),
        RGB(red: 0, green: 255, blue: 0), RGB(red: 255, green: 255, blue: 0),
        RGB(red: 92, green: 92, blue: 255), RGB(red: 255, green: 0, blue: 255),
        RGB(red: 0, green: 255, blue: 255), RGB(red: 255, green: 255, blue: 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm shows for `index`.
    public static func rgb(_ index: UInt8) -> RGB {
        let value = Int(index)
        if value < 16 { return ansi16[value] }
        if value < 232 {
            let cube = value - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[(cube / 6) % 6], blue: cubeLevels[cube % 6])
        }
        let gray = 8 + (value - 232) * 10
        return RGB(red: gray, green: gray, blue: gray)
    }

    /// The nearest color of the cube or the gray ramp (16–255). The first 16 are left out on
    /// purpose: users recolor them, so "#rrggbb" would not mean what it says.
    public static func nearestIndex(to color: RGB) -> UInt8 {
        nearest(to: color, among: 16...255)
    }

    /// `index` if the terminal has it, else an ANSI color of the same kind. Plain RGB distance
    /// is a poor judge here (pastel green is "nearest" to white), so grays fold by lightness
    /// and colors by which channels dominate, keeping hues recognisable.
    public static func downgrade(_ index: UInt8, toColorCount count: Int) -> UInt8 {
        guard Int(index) >= count, count >= 8 else { return index }
        let color = rgb(index)
        let brightest = max(color.red, color.green, color.blue)
        let darkest = min(color.red, color.green, color.blue)
        let hasBrightVariants = count >= 16
        if brightest - darkest < 48 {
            let lightness = (color.red + color.green + color.blue) / 3
            if !hasBrightVariants { return lightness < 128 ? 0 : 7 }
            switch lightness {
            case ..<64: return 0
            case ..<160: return 8
            case ..<235: return 7
            default: return 15
            }
        }
        // A channel counts when it is within 65% of the strongest: 0bBGR is the ANSI index.
        let threshold = Double(brightest) * 0.65
        var ansi = 0
        if Double(color.red) >= threshold { ansi |= 1 }
        if Double(color.green) >= threshold { ansi |= 2 }
        if Double(color.blue) >= threshold { ansi |= 4 }
        if hasBrightVariants, brightest > 200 { ansi += 8 }
        return UInt8(ansi)
    }

    static func nearest(to color: RGB, among candidates: ClosedRange<UInt8>) -> UInt8 {
        var best = candidates.lowerBound
        var bestDistance = Int.max
        for candidate in candidates {
            let other = rgb(candidate)
            let dr = other.red - color.red, dg = other.green - color.green, db = other.blue - color.blue
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }
}
