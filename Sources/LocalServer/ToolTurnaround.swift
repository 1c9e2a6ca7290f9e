/// The benchmark's tool turnaround, computed from a timing log (`TimingEvent`): for every reply
/// that finished with `tool_calls`, the time from its finish chunk being written to the next
/// chat request arriving, minus the time the tools themselves ran in between. What is left is
/// the client's share: reading the finish, asking for approval, starting the calls, reading
/// the results, storing them and sending the next request.
public enum ToolTurnaround {
    public struct Round: Equatable, Sendable {
        /// The request whose reply asked for tools.
        public var sequence: Int
        /// Finish chunk written → next request arrived.
        public var gapNanoseconds: UInt64
        /// The tool calls' own run time inside that gap.
        public var toolNanoseconds: UInt64
        /// `gap − tool`: the client's turnaround.
        public var turnaroundNanoseconds: UInt64 { gapNanoseconds - min(toolNanoseconds, gapNanoseconds) }
    }

    /// One round per `tool_calls` finish that a later request followed; a finish with no later
    /// request (the run ended) is no round.
    public static func rounds(_ events: [TimingEvent]) -> [Round] {
        var arrivals: [(sequence: Int, time: UInt64)] = []
        var finishes: [(sequence: Int, time: UInt64)] = []
        var tools: [(start: UInt64, end: UInt64)] = []
        for event in events {
            switch event {
            case let .requestArrived(sequence, time): arrivals.append((sequence, time))
            case let .finishWritten(sequence, reason, time) where reason == "tool_calls": finishes.append((sequence, time))
            case .finishWritten: break
            case let .toolCall(_, start, end): tools.append((start, end))
            }
        }
        arrivals.sort { $0.time < $1.time }
        return finishes.sorted { $0.time < $1.time }.compactMap { finish in
            guard let next = arrivals.first(where: { $0.time > finish.time && $0.sequence > finish.sequence }) else { return nil }
            let toolTime = tools
                .filter { $0.start >= finish.time && $0.end <= next.time }
                .reduce(UInt64(0)) { $0 + ($1.end - $1.start) }
            return Round(sequence: finish.sequence, gapNanoseconds: next.time - finish.time, toolNanoseconds: toolTime)
        }
    }

    /// The median and the 95th percentile (nearest rank) of `values`; nil when empty.
    public static func medianAndP95(_ values: [UInt64]) -> (median: UInt64, p95: UInt64)? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        // Nearest rank: the smallest value with at least 95% of the values at or below it.
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return (median, sorted[max(rank, 1) - 1])
    }
}
