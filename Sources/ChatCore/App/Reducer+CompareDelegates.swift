/// The root's answers to compare (Features/Compare): what a compare changes outside its own
/// state (the clock, the last outcome, the conversation's path and the session's parameters).
extension AppState {
    /// Compare's effects, after the root has answered its delegates (their effects follow the
    /// feature's own).
    mutating func handle(_ reduced: Reduced<CompareDelegate>) -> [Effect] {
        apply(reduced.shared)
        var effects = reduced.effects
        for delegate in reduced.delegates {
            switch delegate {
            case let .answered(now): status.nowMillis = max(status.nowMillis, now)
            case let .ended(outcome): streaming.lastOutcome = outcome
            case let .picked(sessionID, replyID, parameters, now):
                conversation.pendingBranchSwitch = replyID
                if let parameters {
                    self.parameters = parameters
                    effects += persistParameters(&self, nowMillis: now)
                }
                effects.append(.switchBranch(sessionID: sessionID, fromMessageID: replyID, step: 0))
            }
        }
        return effects
    }
}
