/// The cursor of a list the user moves through with keys or the mouse wheel (sessions, presets,
/// the model picker, the palette, search results). It never points past the list: every move
/// is given the list's length and clamps to it, so a list that shrank under the cursor (a
/// delete, a narrower filter) cannot leave it dangling. No wrap-around: ↑ on the first row
/// stays there, as in bubbles' `list` and ratatui's `ListState`.
public struct ListSelection: Sendable, Equatable {
    /// The selected row, 0-based. Read it through `clamped(count:)` when the list may have
    /// changed since the last move.
    public private(set) var index: Int

    public init(index: Int = 0) {
        self.index = max(0, index)
    }

    /// The index kept inside a list of `count` rows (0 for an empty list).
    public func clamped(count: Int) -> Int {
        min(max(0, index), max(0, count - 1))
    }

    /// The selected element of `items`, or nil when the list is empty.
    public func selected<Item>(in items: [Item]) -> Item? {
        items.isEmpty ? nil : items[clamped(count: items.count)]
    }

    public mutating func select(_ row: Int, count: Int) {
        index = min(max(0, row), max(0, count - 1))
    }

    /// Moves by `rows` (negative: up), stopping at either end.
    public mutating func move(by rows: Int, count: Int) {
        select(clamped(count: count) + rows, count: count)
    }

    public mutating func selectFirst() {
        index = 0
    }

    public mutating func selectLast(count: Int) {
        index = max(0, count - 1)
    }

    /// Keeps the index inside the list after it changed length.
    public mutating func clamp(count: Int) {
        index = clamped(count: count)
    }

    /// Performs a list command (`select-previous`, `select-next`, `select-first`,
    /// `select-last`); false for any other command, which the caller handles.
    public mutating func perform(_ command: Command, count: Int) -> Bool {
        switch command {
        case .selectPrevious: move(by: -1, count: count)
        case .selectNext: move(by: 1, count: count)
        case .selectFirst: selectFirst()
        case .selectLast: selectLast(count: count)
        default: return false
        }
        return true
    }
}
