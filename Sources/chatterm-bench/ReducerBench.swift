import ChatCore
import StreamProtocol

/// Benchmark 2: the reducer's cost per content delta, one delta per action (the worst case: a
/// transport that wakes the UI per chunk) and 100 per action (what batching buys).
enum ReducerBench {
    static func run(quick: Bool) throws -> Table {
        let deltas = quick ? 2_000 : 20_000
        let repetitions = 3
        var table = Table(
            "Reducer: \(grouped(deltas)) content deltas into one streaming reply (median of \(repetitions))",
            headers: ["actions", "total ms", "µs/delta", "first 1/4 µs/delta", "last 1/4 µs/delta", "reply bytes"])
        for batch in [1, 100] {
            var totals: [Double] = []
            var firstQuarters: [Double] = []
            var lastQuarters: [Double] = []
            var replyBytes = 0
            for _ in 0..<repetitions {
                let (start, id) = try BenchState.streaming(history: [])
                var state = start
                let actions = makeActions(id: id, deltas: deltas, batch: batch)
                let quarter = max(1, actions.count / 4)
                var quarterTimes: [Double] = []
                var effects = 0
                let total = Clock.measure {
                    var index = 0
                    while index < actions.count {
                        let end = min(actions.count, index + quarter)
                        quarterTimes.append(Clock.measure {
                            for action in actions[index..<end] { effects += reduce(&state, action).count }
                        })
                        index = end
                    }
                }
                blackHole(effects)
                guard let stream = state.streaming.active, stream.deltaCount == deltas else {
                    throw BenchState.Failure(description: "reducer counted \(state.streaming.active?.deltaCount ?? -1) deltas, expected \(deltas)")
                }
                replyBytes = stream.reply.content.utf8.count
                totals.append(total)
                let perQuarterDeltas = Double(quarter * batch)
                firstQuarters.append((quarterTimes.first ?? .nan) / perQuarterDeltas)
                lastQuarters.append((quarterTimes.last ?? .nan) / perQuarterDeltas)
            }
            let total = median(totals)
            table.add([
                batch == 1 ? "1 delta per action" : "\(batch) deltas per action",
                fixed(total * 1e3, 1), fixed(total * 1e6 / Double(deltas), 2),
                fixed(median(firstQuarters) * 1e6, 2), fixed(median(lastQuarters) * 1e6, 2), grouped(replyBytes),
            ])
        }
        table.notes.append("Timestamps advance 1 ms per 40 deltas, so the once-a-second save effect fires as in a real burst.")
        table.notes.append("A last quarter much slower than the first means per-delta cost grows with the reply's length.")
        return table
    }

    private static func makeActions(id: RequestID, deltas: Int, batch: Int) -> [Action] {
        var actions: [Action] = []
        actions.reserveCapacity(deltas / batch + 1)
        var produced = 0
        while produced < deltas {
            let count = min(batch, deltas - produced)
            let events = (produced..<(produced + count)).map { StreamEvent.content(BenchState.words[$0 % BenchState.words.count]) }
            produced += count
            actions.append(.streamReceived(id, events, nowMillis: 1 + Int64(produced / 40)))
        }
        return actions
    }
}
