import StreamProtocol

/// Compare's reducer: sees only `CompareState`.
func reduceCompare(_ state: inout CompareState, _ action: CompareAction) -> Reduced<CompareDelegate> {
    switch action {
    case let .measured(metrics):
        // Scroll keys need the figures, and a column scrolled back to its end follows its
        // reply again.
        guard var run = state.run else { return .nothing }
        for (index, measured) in zip(run.columns.indices, metrics) {
            run.columns[index].scroll.measured(measured, followsEnd: true)
        }
        state.run = run
        return .nothing
    case let .retrying(id, notice, now):
        return state.updateColumn(id, now: now) { $0.retrying(notice, now: now) }
    case let .heartbeat(id, now):
        return state.updateColumn(id, now: now) { $0.heartbeat(now: now) }
    }
}

extension CompareState {
    /// Changes the stream of the column that sent request `id`, while it streams.
    fileprivate mutating func updateColumn(
        _ id: RequestID, now: Int64, _ change: (inout ActiveStream) -> Void
    ) -> Reduced<CompareDelegate> {
        guard var run, let index = run.columnIndex(of: id), run.columns[index].isStreaming else { return .nothing }
        change(&run.columns[index].stream)
        self.run = run
        return Reduced(delegates: [.answered(nowMillis: now)])
    }
}
