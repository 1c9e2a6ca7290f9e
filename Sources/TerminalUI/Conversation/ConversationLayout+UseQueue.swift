extension ConversationLayout {
    /// Cached rows in least-recently-used order, with lazy deletion: every use appends
    /// (index, tick), and an item is live only while its entry still has rows last used at that
    /// tick. Re-using or dropping rows is then O(1); stale items are skipped when popped and
    /// compacted away before they outnumber the live ones.
    struct UseQueue {
        private var items: [(index: Int, tick: Int)] = []
        private var head = 0

        var count: Int { items.count - head }

        mutating func append(index: Int, tick: Int) {
            items.append((index, tick))
        }

        mutating func popFirst() -> (index: Int, tick: Int)? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            if head > 1_024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return item
        }

        mutating func removeAll(where isStale: ((index: Int, tick: Int)) -> Bool) {
            items = items[head...].filter { !isStale($0) }
            head = 0
        }
    }
}
