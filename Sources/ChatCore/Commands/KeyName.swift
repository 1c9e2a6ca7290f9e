/// How a key is written in config.toml (`"ctrl+s"`, `"alt+enter"`, `"shift+tab"`, `"pgup"`,
/// `"f1"`, `"?"`) and how it is shown in help, hints and docs (`Ctrl+S`, `Alt+Enter`, `↑`).
/// One spelling per key on screen; several accepted when reading, case-insensitively.
public enum KeyName {
    /// The key a config string names, or why it names none.
    public static func parse(_ text: String) -> Result<Key, KeyNameProblem> {
        let trimmed = ParameterValidation.trimmed(text)
        guard !trimmed.isEmpty else { return .failure(KeyNameProblem("an empty key name")) }
        // A single character is itself, whatever it is ("+" and "?" included); case matters.
        if trimmed.count == 1, let character = trimmed.first {
            return character.isLetter || character.isNumber || character.isPunctuation || character.isSymbol
                ? .success(.character(character))
                : .failure(KeyNameProblem("\(trimmed.debugDescription) is not a key a terminal sends"))
        }
        let lower = trimmed.lowercased()
        if let named = named[lower] { return .success(named) }
        // modifier+rest, where rest may itself be "+" ("ctrl++" is not a key, "alt++" is).
        guard let plus = lower.firstIndex(of: "+"), plus != lower.startIndex else {
            return .failure(unknown(trimmed))
        }
        let modifier = String(lower[..<plus])
        let restLower = String(lower[lower.index(after: plus)...])
        let rest = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: modifier.count + 1)...])
        switch modifier {
        case "ctrl", "control", "c":
            return control(restLower, original: trimmed)
        case "alt", "meta", "m", "option":
            if restLower == "enter" || restLower == "return" { return .success(.altEnter) }
            if restLower == "backspace" { return .success(.altBackspace) }
            if rest.count == 1, let character = rest.first, !character.isWhitespace { return .success(.alt(character)) }
            return .failure(KeyNameProblem("\(trimmed.debugDescription): Alt goes with a character, Enter or Backspace"))
        case "shift", "s":
            switch restLower {
            case "tab": return .success(.backTab)
            case "up": return .success(.shiftUp)
            case "down": return .success(.shiftDown)
            case "left": return .success(.shiftLeft)
            case "right": return .success(.shiftRight)
            default:
                if rest.count == 1, let character = rest.first, character.isLetter {
                    return .success(.character(Character(character.uppercased())))
                }
                return .failure(KeyNameProblem(
                    "\(trimmed.debugDescription): terminals report Shift only with Tab, the arrows and letters"))
            }
        default:
            return .failure(unknown(trimmed))
        }
    }

    private static func control(_ rest: String, original: String) -> Result<Key, KeyNameProblem> {
        switch rest {
        case "left": return .success(.ctrlLeft)
        case "right": return .success(.ctrlRight)
        // What the terminal sends for these is another key's byte: name that key.
        case "h": return .success(.backspace)
        case "i": return .success(.tab)
        case "m": return .success(.enter)
        case "[": return .success(.escape)
        default:
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else {
                return .failure(KeyNameProblem(
                    "\(original.debugDescription): Ctrl goes with a letter, ← or → (terminals send nothing else)"))
            }
            return .success(.control(letter))
        }
    }

    private static func unknown(_ text: String) -> KeyNameProblem {
        KeyNameProblem("\(text.debugDescription) is not a key name (examples: \"ctrl+s\", \"alt+enter\", \"shift+tab\", "
            + "\"pgup\", \"f2\", \"?\")")
    }

    private static let named: [String: Key] = {
        var keys: [String: Key] = [
            "enter": .enter, "return": .enter, "tab": .tab, "backtab": .backTab,
            "backspace": .backspace, "bs": .backspace, "delete": .delete, "del": .delete,
            "esc": .escape, "escape": .escape, "space": .character(" "),
            "up": .up, "down": .down, "left": .left, "right": .right,
            "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        ]
        for n in 1...12 { keys["f\(n)"] = .function(n) }
        return keys
    }()

    /// How help and docs write the key: `Ctrl+S`, `Alt+Enter`, `Shift+Tab`, `PgUp`, `↑`, `F1`.
    public static func display(_ key: Key) -> String {
        switch key {
        case let .character(c): return c == " " ? "Space" : String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift+Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftUp: return "Shift+↑"
        case .shiftDown: return "Shift+↓"
        case .shiftLeft: return "Shift+←"
        case .shiftRight: return "Shift+→"
        case .ctrlLeft: return "Ctrl+←"
        case .ctrlRight: return "Ctrl+→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case let .function(n): return "F\(n)"
        case let .control(c): return "Ctrl+" + c.uppercased()
        case let .alt(c): return "Alt+" + String(c)
        case .altEnter: return "Alt+Enter"
        case .altBackspace: return "Alt+Backspace"
        }
    }

    /// The short form for hint lines, where space is scarce: `⏎`, `^U`, `⌫`.
    public static func short(_ key: Key) -> String {
        switch key {
        case .enter: return "⏎"
        case .backspace: return "⌫"
        case let .control(c): return "^" + c.uppercased()
        case let .alt(c): return "M-" + String(c)
        case .altEnter: return "M-⏎"
        default: return display(key)
        }
    }

    /// How config.toml writes the key, the form `chatterm keys` and docs/keys.md use for names.
    public static func configName(_ key: Key) -> String {
        switch key {
        case let .character(c): return c == " " ? "space" : String(c)
        case .enter: return "enter"
        case .tab: return "tab"
        case .backTab: return "shift+tab"
        case .backspace: return "backspace"
        case .delete: return "delete"
        case .escape: return "esc"
        case .up: return "up"
        case .down: return "down"
        case .left: return "left"
        case .right: return "right"
        case .shiftUp: return "shift+up"
        case .shiftDown: return "shift+down"
        case .shiftLeft: return "shift+left"
        case .shiftRight: return "shift+right"
        case .ctrlLeft: return "ctrl+left"
        case .ctrlRight: return "ctrl+right"
        case .home: return "home"
        case .end: return "end"
        case .pageUp: return "pgup"
        case .pageDown: return "pgdn"
        case let .function(n): return "f\(n)"
        case let .control(c): return "ctrl+" + String(c)
        case let .alt(c): return "alt+" + String(c)
        case .altEnter: return "alt+enter"
        case .altBackspace: return "alt+backspace"
        }
    }
}

/// Why a key name was not understood, as a sentence for the config error.
public struct KeyNameProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
