/// The root reducer's answers to what the features tell it (their delegate actions). A
/// feature's reducer sees only its own state; what must change elsewhere comes up here.
extension AppState {
    /// The stream's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<StreamDelegate>) -> [Effect] {
        for delegate in reduced.delegates {
            switch delegate {
            case let .answered(now): status.nowMillis = max(status.nowMillis, now)
            }
        }
        return reduced.effects
    }

    /// Compare's effects, after the root has answered its delegates.
    mutating func handle(_ reduced: Reduced<CompareDelegate>) -> [Effect] {
        for delegate in reduced.delegates {
            switch delegate {
            case let .answered(now): status.nowMillis = max(status.nowMillis, now)
            }
        }
        return reduced.effects
    }
}
