
/// Maps every style role to a style. Views only name roles; the theme is applied once per
/// blit via color pairs.
public struct Theme: Equatable, Sendable {
    public var name: String
    private var styles: [StyleRole: Style]

    /// A theme styling the given roles; roles left out take their style from `fallback`.
    public init(name: String, styles: [StyleRole: Style], fallback: Theme) {
        self.name = name
        var complete = styles
        for role in StyleRole.allCases where complete[role] == nil {
            complete[role] = fallback.style(for: role)
        }
        self.styles = complete
    }

    /// For the built-in themes, which list every role; a role left out is plain.
    init(builtInName name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    public func style(for role: StyleRole) -> Style {
        styles[role] ?? .plain
    }

    /// Roles without an entry of their own (possible only for built-ins); tests use it to
    /// prove every built-in theme styles every role.
    func rolesMissingFromTable() -> [StyleRole] {
        StyleRole.allCases.filter { styles[$0] == nil }
    }
}
