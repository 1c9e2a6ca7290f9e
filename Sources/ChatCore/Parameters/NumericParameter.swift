import Foundation

/// The request fields shown as keyboard sliders, with the ranges of the seed schema.
public enum NumericParameter: String, Sendable, Equatable, CaseIterable {
    case temperature
    case topP = "top_p"
    case maxTokens = "max_tokens"
    case frequencyPenalty = "frequency_penalty"
    case presencePenalty = "presence_penalty"
    case repositoryLimit = "repositories.limit"
    case similarityThreshold = "repositories.similarity_threshold"

    /// The wire name, which is also what the pane shows.
    public var label: String { rawValue }

    public var range: ClosedRange<Double> {
        switch self {
        case .temperature: return 0...2
        case .topP: return 0...1
        case .maxTokens: return 1...Double(NumericParameter.maxTokensCap)
        case .frequencyPenalty, .presencePenalty: return -2...2
        case .repositoryLimit: return 1...Double(NumericParameter.repositoryLimitCap)
        case .similarityThreshold: return 0...1
        }
    }

    /// Where a slider starts when an unset field is first stepped: the servers' usual default.
    public var defaultValue: Double {
        switch self {
        case .temperature, .topP: return 1
        case .maxTokens: return 1024
        case .frequencyPenalty, .presencePenalty: return 0
        case .repositoryLimit: return 3
        case .similarityThreshold: return 0.5
        }
    }

    /// Decimal places the value is kept at, so stepping never accumulates float error
    /// (0.1 + 0.2 stays 0.3 on the wire).
    public var decimals: Int {
        switch self {
        case .temperature, .frequencyPenalty, .presencePenalty: return 1
        case .topP, .similarityThreshold: return 2
        case .maxTokens, .repositoryLimit: return 0
        }
    }

    public static let maxTokensCap = 131_072
    /// Prem documents no upper bound for `repositories.limit`; more chunks than this do not fit
    /// any context window.
    public static let repositoryLimitCap = 100

    public func value(in p: SessionParameters) -> Double? {
        switch self {
        case .temperature: return p.temperature
        case .topP: return p.topP
        case .maxTokens: return p.maxTokens.map(Double.init)
        case .frequencyPenalty: return p.frequencyPenalty
        case .presencePenalty: return p.presencePenalty
        case .repositoryLimit: return p.repositoryLimit.map(Double.init)
        case .similarityThreshold: return p.similarityThreshold
        }
    }

    public func set(_ value: Double?, in p: inout SessionParameters) {
        let v = value.map(normalized)
        switch self {
        case .temperature: p.temperature = v
        case .topP: p.topP = v
        case .maxTokens: p.maxTokens = v.map { Int($0) }
        case .frequencyPenalty: p.frequencyPenalty = v
        case .presencePenalty: p.presencePenalty = v
        case .repositoryLimit: p.repositoryLimit = v.map { Int($0) }
        case .similarityThreshold: p.similarityThreshold = v
        }
    }

    /// A typed value, kept as typed (0.75 stays 0.75 on a one-decimal slider): the caller has
    /// checked it is within the range (`ParameterValidation`). Integer sliders take whole numbers.
    public func setExactly(_ value: Double, in p: inout SessionParameters) {
        switch self {
        case .temperature: p.temperature = value
        case .topP: p.topP = value
        case .maxTokens: p.maxTokens = Int(exactly: value.rounded()) ?? Int(range.lowerBound)
        case .frequencyPenalty: p.frequencyPenalty = value
        case .presencePenalty: p.presencePenalty = value
        case .repositoryLimit: p.repositoryLimit = Int(exactly: value.rounded()) ?? Int(range.lowerBound)
        case .similarityThreshold: p.similarityThreshold = value
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

    /// The value one step away. `big` is Shift+←/→. On a logarithmic track (max_tokens) a step
    /// goes to the next of `logarithmicStops` (1024 → 1200 → 1500 …, 1024 → 1000 → 800), and a
    /// big step doubles or halves.
    public func stepped(_ value: Double, up: Bool, big: Bool) -> Double {
        switch self {
        case .maxTokens:
            if big { return normalized(up ? value * 2 : (value / 2).rounded(.down)) }
            let stops = logarithmicStops
            let next = up ? stops.first { $0 > value } : stops.last { $0 < value }
            return normalized(next ?? value)
        case .repositoryLimit:
            return normalized(value + (up ? 1 : -1) * (big ? 5 : 1))
        default:
            let step: Double
            switch self {
            case .topP, .similarityThreshold: step = big ? 0.25 : 0.05
            default: step = big ? 0.5 : 0.1
            }
            return normalized(value + (up ? step : -step))
        }
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
