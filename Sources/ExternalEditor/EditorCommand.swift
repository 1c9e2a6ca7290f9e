/// Which editor to run and how, decided from the environment (pure, so it is unit tested).
public enum EditorCommand {
    /// `$VISUAL`, else `$EDITOR`, else `vi` (the one editor POSIX promises). Blank values count
    /// as unset.
    public static func resolve(environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
        }
        return "vi"
    }

    /// The process to start for `command` on `path`. The command goes through `/bin/sh`, as git
    /// does with `GIT_EDITOR`, so `code --wait`, `emacs -nw` or a quoted path with spaces work
    /// as they would typed at a prompt; the file's path is passed as `$1`, never spliced into
    /// the shell text, so no file name can be read as shell syntax.
    public static func argv(command: String, path: String) -> [String] {
        ["/bin/sh", "-c", command + " \"$1\"", "chatterm-editor", path]
    }

    /// The file starts as the text plus one newline (editors expect a last line to end), and
    /// `textFromFile` takes exactly one off again, so saving without a change gives back the
    /// same text, whether or not the editor kept or added that newline.
    public static func fileContents(for text: String) -> String {
        text + "\n"
    }

    public static func textFromFile(_ contents: String) -> String {
        // "\r\n" is one Character in Swift, so dropping the last Character takes either ending.
        if contents.hasSuffix("\r\n") || contents.hasSuffix("\n") { return String(contents.dropLast()) }
        return contents
    }
}
