import Foundation

/// A request field shown as a keyboard slider: its range (from the seed schema), where it
/// starts, its grid and its steps. Each slider row of the field table holds one.
public struct NumericParameter: Sendable, Equatable, CustomStringConvertible {
    /// The field's wire name, which is also what the pane shows.
    public let label: String
    public let range: ClosedRange<Double>
    /// Where a slider starts when an unset field is first stepped: the servers' usual default.
    public let defaultValue: Double
    /// Decimal places the value is kept at, so stepping never accumulates float error
    /// (0.1 + 0.2 stays 0.3 on the wire). 0 for a whole-number field.
    public let decimals: Int
    /// ←/→ and Shift+←/→ on a linear track (a logarithmic one steps through
    /// `logarithmicStops` and doubles or halves).
    public let step: Double
    public let bigStep: Double
    let storage: NumberStorage

    /// Where the value lives: whole-number sliders (`max_tokens`) are stored as integers.
    enum NumberStorage: Sendable {
        case double(WritableKeyPath<SessionParameters, Double?> & Sendable)
        case whole(WritableKeyPath<SessionParameters, Int?> & Sendable)
    }

    init(
        _ label: String, _ storage: NumberStorage, range: ClosedRange<Double>, defaultValue: Double,
        decimals: Int, step: Double, bigStep: Double
    ) {
        self.label = label
        self.storage = storage
        self.range = range
        self.defaultValue = defaultValue
        self.decimals = decimals
        self.step = step
        self.bigStep = bigStep
    }

    public static func == (lhs: NumericParameter, rhs: NumericParameter) -> Bool { lhs.label == rhs.label }
    public var description: String { label }
    /// The name the pre-table enum used.
    public var rawValue: String { label }

    public func value(in p: SessionParameters) -> Double? {
        switch storage {
        case let .double(path): return p[keyPath: path]
        case let .whole(path): return p[keyPath: path].map(Double.init)
        }
    }

    public func set(_ value: Double?, in p: inout SessionParameters) {
        let v = value.map(normalized)
        switch storage {
        case let .double(path): p[keyPath: path] = v
        case let .whole(path): p[keyPath: path] = v.map { Int($0) }
        }
    }

    /// A typed value, kept as typed (0.75 stays 0.75 on a one-decimal slider): the caller has
    /// checked it is within the range (`ParameterValidation`). Integer sliders take whole numbers.
    public func setExactly(_ value: Double, in p: inout SessionParameters) {
        switch storage {
        case let .double(path): p[keyPath: path] = value
        case let .whole(path): p[keyPath: path] = Int(exactly: value.rounded()) ?? Int(range.lowerBound)
        }
    }

    /// Whether the slider's track is logarithmic: a range wider than a thousandfold (max_tokens,
    /// 1…131,072) would put every usual value in its first cell on a linear track (1,100 sat at
    /// the far left); on a log track each doubling takes the same room.
    public var isLogarithmic: Bool { range.lowerBound > 0 && range.upperBound / range.lowerBound > 1000 }

    /// Where `value` sits on the track, 0...1 (the one scale the pane draws and a click reads).
    public func trackFraction(of value: Double) -> Double {
        let low = range.lowerBound, high = range.upperBound
        let clamped = min(max(value, low), high)
        if isLogarithmic { return log(clamped / low) / log(high / low) }
        return (clamped - low) / (high - low)
    }

    /// The value at `fraction` of the track (a click), on the same scale, normalized.
    public func value(atTrackFraction fraction: Double) -> Double {
        let low = range.lowerBound, high = range.upperBound
        let f = min(max(fraction, 0), 1)
        if isLogarithmic { return normalized(low * pow(high / low, f)) }
        return normalized(low + f * (high - low))
    }

    /// Clamped to the range and rounded to `decimals`.
    public func normalized(_ value: Double) -> Double {
        let clamped = min(max(value, range.lowerBound), range.upperBound)
        let scale = pow10(decimals)
        return (clamped * scale).rounded() / scale
    }

    /// Where the arrows stop on a logarithmic track: every whole number up to 10, then ten
    /// round values a decade (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten), then the
    /// top of the range. Each step moves about the same distance along the track.
    public var logarithmicStops: [Double] {
        let mantissas: [Double] = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]
        var stops = Array(stride(from: range.lowerBound.rounded(.up), through: 10, by: 1))
        var decade = 10.0
        while decade < range.upperBound {
            stops += mantissas.map { $0 * decade }.filter { $0 > 10 && $0 < range.upperBound }
            decade *= 10
        }
        return stops + [range.upperBound]
    }

    /// The value one step away. `big` is Shift+←/→. On a linear track the step lands on the
    /// slider's grid (the range's low end plus whole steps): from a typed 0.75 on a 0.1 grid, →
    /// gives 0.8 and ← 0.7, never 0.9 or 0.6 (adding the step and rounding half-way values
    /// skipped one); from a grid value it is exactly a step. On a logarithmic track (max_tokens)
    /// a step goes to the next of `logarithmicStops` (1024 → 1200 → 1500 …, 1024 → 1000 →
    /// 800), and a big step doubles or halves.
    public func stepped(_ value: Double, up: Bool, big: Bool) -> Double {
        if isLogarithmic {
            if big { return normalized(up ? value * 2 : (value / 2).rounded(.down)) }
            let stops = logarithmicStops
            let next = up ? stops.first { $0 > value } : stops.last { $0 < value }
            return normalized(next ?? value)
        }
        let amount = big ? bigStep : step
        // The grid value furthest along that is at most a step (or a big step) away: at or
        // below value + amount going up, at or above value - amount going down. The small
        // tolerance keeps a grid value read back from decimals (0.7 / 0.1 = 6.9999…) on its point.
        let units = (value + (up ? amount : -amount) - range.lowerBound) / step
        let whole = up ? (units + 1e-9).rounded(.down) : (units - 1e-9).rounded(.up)
        return normalized(range.lowerBound + whole * step)
    }

    /// How the value is written in the pane: exactly what is sent. Stepped values sit on the
    /// slider's grid already; a typed value may have more decimals and shows them all.
    public func format(_ value: Double) -> String {
        if decimals == 0 { return String(Int(exactly: value.rounded()) ?? 0) }
        return "\(value)"
    }

    private func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
