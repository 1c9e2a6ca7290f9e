/// The focusable parts of the screen, in Tab order. Alt+1…Alt+4 jump to them.
public enum Pane: Int, Sendable, Equatable, CaseIterable {
    case sessions, conversation, parameters, composer

    public var title: String {
        switch self {
        case .sessions: return "Sessions"
        case .conversation: return "Conversation"
        case .parameters: return "Parameters"
        case .composer: return "Message"
        }
    }

    var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count) ?? .sessions }
    var previous: Pane {
        Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count) ?? .sessions
    }
}
