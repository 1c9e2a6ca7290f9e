import ChatCore
@testable import TerminalUI

extension ScreenFixtures {
    /// The parameters pane's model of `state`, drawn focused or not whatever the state's focus
    /// (the pane's tests draw the same fields both ways).
    static func parametersModel(_ state: AppState, focused: Bool) -> ParametersPaneModel {
        var model = ParametersPaneModel(state)
        model.focused = focused
        return model
    }
}
