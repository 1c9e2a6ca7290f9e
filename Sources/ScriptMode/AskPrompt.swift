/// The message `chatterm ask` sends, from its words and standard input.
///
/// - words only: the words joined by spaces;
/// - standard input only (no words, or the single word `-`): its text as it is;
/// - both: the words, a blank line, then the input as a fenced block (a fence longer than any
///   run of backticks inside, so code in the input cannot close it).
///
/// Standard input that is empty (a closed or `/dev/null` stdin) counts as absent, except after
/// `-`, which asks for it explicitly.
public enum AskPrompt {
    public static func compose(words: [String], standardInput: String?) -> Result<String, AskUsageError> {
        let input = standardInput.flatMap { isBlank($0) ? nil : $0 }
        if words == ["-"] {
            guard let input else {
                return .failure(AskUsageError("`-` reads the prompt from standard input, but it gave no text."))
            }
            return .success(input)
        }
        let typed = words.joined(separator: " ")
        switch (isBlank(typed), input) {
        case (true, nil):
            return .failure(AskUsageError(
                "No prompt: give it as arguments (chatterm ask \"...\"), pipe it in, or both."))
        case let (true, input?):
            return .success(input)
        case (false, nil):
            return .success(typed)
        case let (false, input?):
            return .success(typed + "\n\n" + fenced(input))
        }
    }

    /// `input` between fences it cannot close; its last line break is the block's own.
    static func fenced(_ input: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: input) + 1))
        let body = input.hasSuffix("\n") ? input : input + "\n"
        return fence + "\n" + body + fence
    }

    private static func longestBacktickRun(in text: String) -> Int {
        var longest = 0, current = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "`") {
                current += 1
                longest = max(longest, current)
            } else {
                current = 0
            }
        }
        return longest
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace || $0.isNewline }
    }
}

/// A mistake in how `chatterm ask` was called: nothing was sent. One sentence.
public struct AskUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
