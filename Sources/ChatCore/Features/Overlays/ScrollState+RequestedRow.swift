extension ScrollState {
    /// The row asked for, before the last measure clamps it: what a view draws from (it clamps
    /// to the rows it lays out itself), so a position set before any frame is not lost.
    public var requestedRow: Int {
        if case let .row(row) = position { return row }
        return metrics.maxTopRow
    }
}
