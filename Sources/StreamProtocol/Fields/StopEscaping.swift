/// `stop` is typed one sequence a line, yet a sequence may itself be a line break (a common
/// stop is "\n\n"). So the editor shows and takes backslash escapes: `\n`, `\r`, `\t` and `\\`.
/// Any other backslash is kept as typed.
public enum StopEscaping {
    public static func escaped(_ sequence: String) -> String {
        var out = ""
        for scalar in sequence.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public static func unescaped(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingBackslash = false
        for scalar in line.unicodeScalars {
            if pendingBackslash {
                pendingBackslash = false
                switch scalar {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                default:
                    out.append("\\")
                    out.append(scalar)
                }
            } else if scalar == "\\" {
                pendingBackslash = true
            } else {
                out.append(scalar)
            }
        }
        if pendingBackslash { out.append("\\") }
        return String(out)
    }
}
