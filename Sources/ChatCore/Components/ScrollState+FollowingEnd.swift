extension ScrollState {
    /// Takes what the renderer measured, as `measured(_:)`; with `followsEnd`, a row at or past
    /// the new last page follows appended text again (a compare column whose reply grew back
    /// past where the user had scrolled).
    public mutating func measured(_ newMetrics: ScrollMetrics, followsEnd: Bool) {
        measured(newMetrics)
        if followsEnd, case let .row(row) = position, row >= newMetrics.maxTopRow { position = .end }
    }
}
