import TOMLKit
import TerminalUI

/// Why a theme file was rejected. Every case names the key and, when it can be found, the line.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    case syntax(line: Int, column: Int, message: String)
    case unknownRole(name: String, line: Int?)
    case unknownKey(path: String, line: Int?)
    case wrongType(path: String, expected: String, line: Int?)
    case badColor(path: String, value: String, line: Int?)
    case unknownParent(name: String, line: Int?)

    public var description: String {
        switch self {
        case .syntax(let line, let column, let message):
            return "theme line \(line), column \(column): \(message)"
        case .unknownRole(let name, let line):
            let known = StyleRole.allCases.map(ThemeParser.roleName).joined(separator: ", ")
            return "\(Self.prefix(line))unknown role \"\(name)\" in [roles.\(name)] (known roles: \(known))"
        case .unknownKey(let path, let line):
            return "\(Self.prefix(line))unknown key \"\(path)\" (a role takes fg, bg, bold, dim, underline, reverse, italic)"
        case .wrongType(let path, let expected, let line):
            return "\(Self.prefix(line))\(path) must be \(expected)"
        case .unknownParent(let name, let line):
            let known = Theme.builtIn.map(\.name).joined(separator: ", ")
            return "\(Self.prefix(line))inherits = \"\(name)\" is not a built-in theme (use one of \(known))"
        case .badColor(let path, let value, let line):
            return "\(Self.prefix(line))\(path) = \(value) is not a color "
                + "(use \"default\", a name like \"cyan\" or \"bright-red\", \"#rrggbb\", or 0–255)"
        }
    }

    private static func prefix(_ line: Int?) -> String {
        line.map { "theme line \($0): " } ?? "theme: "
    }
}

/// Reads a theme from TOML:
///
///     name = "solarized-ish"
///     [roles.borderFocused]
///     fg = "cyan"        # "default", a color name, "#rrggbb" or 0–255
///     bg = "default"
///     bold = true        # also dim, underline, reverse, italic
///
/// A role table describes its role completely (an unset color is the terminal default, an
/// unset attribute is off); roles the file does not mention keep the style of the built-in it
/// `inherits` (the default theme when it names none).
public enum ThemeParser {
    /// The attribute a key names (a function, not a table: key paths are not Sendable).
    static func attribute(named key: String) -> WritableKeyPath<Style, Bool>? {
        switch key {
        case "bold": return \.bold
        case "dim": return \.dim
        case "underline": return \.underline
        case "reverse": return \.reverse
        case "italic": return \.italic
        default: return nil
        }
    }
    static let topLevelKeys: Set<String> = ["name", "inherits", "roles"]

    public static func parse(tomlText: String, defaultName: String = "custom") throws -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: tomlText)
        } catch let error as TOMLParseError {
            throw ThemeError.syntax(line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        }
        let locator = TOMLKeyLines(text: tomlText)

        for key in document.keys where !topLevelKeys.contains(key) {
            throw ThemeError.unknownKey(path: key, line: locator.line(of: [key]))
        }
        var name = defaultName
        if let nameValue = document["name"] {
            guard let text = nameValue.string else {
                throw ThemeError.wrongType(path: "name", expected: "a string", line: locator.line(of: ["name"]))
            }
            name = text
        }

        // The built-in whose styles the roles left out keep (default: `default`).
        var parent = Theme.default
        if let inherits = document["inherits"] {
            guard let parentName = inherits.string else {
                throw ThemeError.wrongType(path: "inherits", expected: "a built-in theme's name", line: locator.line(of: ["inherits"]))
            }
            guard let builtIn = Theme.builtIn.first(where: { $0.name == parentName }) else {
                throw ThemeError.unknownParent(name: parentName, line: locator.line(of: ["inherits"]))
            }
            parent = builtIn
        }

        var styles: [StyleRole: Style] = [:]
        if let rolesValue = document["roles"] {
            guard let roles = rolesValue.table else {
                throw ThemeError.wrongType(path: "roles", expected: "a table", line: locator.line(of: ["roles"]))
            }
            for roleKey in roles.keys {
                guard let role = role(named: roleKey) else {
                    throw ThemeError.unknownRole(name: roleKey, line: locator.line(of: ["roles", roleKey]))
                }
                guard let table = roles[roleKey]?.table else {
                    throw ThemeError.wrongType(
                        path: "roles.\(roleKey)", expected: "a table", line: locator.line(of: ["roles", roleKey]))
                }
                styles[role] = try style(from: table, path: ["roles", roleKey], locator: locator)
            }
        }
        return Theme(name: name, styles: styles, fallback: parent)
    }

    private static func style(from table: TOMLTable, path: [String], locator: TOMLKeyLines) throws -> Style {
        var style = Style()
        for key in table.keys {
            let keyPath = (path + [key]).joined(separator: ".")
            let line = locator.line(of: path + [key])
            guard let value = table[key] else { continue }
            if key == "fg" || key == "bg" {
                let color = try self.color(from: value, path: keyPath, line: line)
                if key == "fg" { style.fg = color } else { style.bg = color }
            } else if let attribute = attribute(named: key) {
                guard let flag = value.bool else {
                    throw ThemeError.wrongType(path: keyPath, expected: "true or false", line: line)
                }
                style[keyPath: attribute] = flag
            } else {
                throw ThemeError.unknownKey(path: keyPath, line: line)
            }
        }
        return style
    }

    private static func color(from value: TOMLValueConvertible, path: String, line: Int?) throws -> ThemeColor {
        if let number = value.int {
            guard let index = UInt8(exactly: number) else {
                throw ThemeError.badColor(path: path, value: String(number), line: line)
            }
            return .ansi(index)
        }
        guard let text = value.string else {
            throw ThemeError.wrongType(path: path, expected: "a color string or a number 0–255", line: line)
        }
        guard let color = ThemeColor.parse(text) else {
            throw ThemeError.badColor(path: path, value: "\"\(text)\"", line: line)
        }
        return color
    }

    /// The name a role has in theme files: its Swift case name, e.g. "borderFocused".
    public static func roleName(_ role: StyleRole) -> String { String(describing: role) }

    /// Accepts the case name in any letter case, and snake or kebab case ("border_focused").
    static func role(named name: String) -> StyleRole? {
        let folded = fold(name)
        return StyleRole.allCases.first { fold(roleName($0)) == folded }
    }

    private static func fold(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }
}
